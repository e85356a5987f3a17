/**
 * The containers of a perimeter object given only by a variable (queued after the nineteenth run; decided): its resource group and
 * subscription are unknown, so the PG-CFG-8 net cannot place a writer there (perimeterContainers reads literal names and IDs). It
 * does not fail every unread writer in every group (that would refuse common stacks: a construct given its workspace by a variable
 * beside a cost export); it fails the writer that weakens a container for what it holds, a PIM role management policy (who may
 * activate a role there without approval or MFA), on any container, as a weakening role there fails PG-IAM-2 (given-objects.ts).
 * A policy on one literal resource is on that resource, not a container.
 */
import { AZAPI_WRITER_TYPES, azapiTarget, azapiType, onlyReads } from './azapi-writes';
import { idKey } from './azure-keys';
import { isUnknown } from './hcl-expression';
import type { JudgedScope } from './judged-scopes';
import { ResourceView } from './stack-model';

export const PIM_POLICY_TYPE = 'azurerm_role_management_policy';
export const PIM_POLICY_AZURE_TYPE = 'microsoft.authorization/rolemanagementpolicies';

/** The objects of the perimeter given by a pointer that names no block, literal ID or name: their container is unknown. */
export function variableGiven(scopes: readonly JudgedScope[]): JudgedScope[] {
  return scopes.filter((scope) => scope.givenKind !== undefined && scope.blocks.length === 0 && scope.named === undefined && scope.values.length > 0 && scope.values.every((value) => isUnknown(value) && !value.toString().includes('/')));
}

/** The scope a PIM policy block is written at, as text ("?" parts as written), or undefined for any other block. */
function policyScope(block: ResourceView): string | undefined {
  const text = (value: unknown) => (typeof value === 'string' ? value : isUnknown(value) ? value.toString() : undefined);
  if (block.type === PIM_POLICY_TYPE) return text(block.config.scope);
  if (!AZAPI_WRITER_TYPES.includes(block.type) || onlyReads(block) || azapiType(block) !== PIM_POLICY_AZURE_TYPE) return undefined;
  const id = text(azapiTarget(block));
  const at = id?.toLowerCase().lastIndexOf('/providers/microsoft.authorization/rolemanagementpolicies') ?? -1;
  return id === undefined || at < 0 ? undefined : id.slice(0, at);
}

/** A container-level scope: a literal ID with no resource below a group (or anything not literal: it may be one). */
function mayBeContainer(scope: string): boolean {
  if (scope.includes('${')) return true;
  const key = idKey(scope);
  return key === '' || /^providers\/microsoft\.management\/managementgroups\/[^/]+$/.test(key) || /^subscriptions\/[^/]+(\/resourcegroups\/[^/]+)?$/.test(key);
}

/** For PG-CFG-8's message: a PIM policy on a container that may hold an object given only by a variable; undefined otherwise. */
export function givenContainerPolicy(block: ResourceView, scopes: readonly JudgedScope[]): string | undefined {
  const scope = policyScope(block);
  if (scope === undefined || !mayBeContainer(scope)) return undefined;
  const given = variableGiven(scopes)[0];
  return given === undefined ? undefined : `${JSON.stringify(scope)}, a resource group, subscription or management group that may hold ${given.what} (given only by a variable: its container is unknown)`;
}
