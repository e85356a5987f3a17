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
import { LaterObject, laterObject, laterReach } from './given-objects';
import type { JudgedScope } from './judged-scopes';
import type { PerimeterObject } from './perimeter-objects';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';

export const PIM_POLICY_TYPE = 'azurerm_role_management_policy';
export const PIM_POLICY_AZURE_TYPE = 'microsoft.authorization/rolemanagementpolicies';

/** An object of the perimeter the stack does not make nor name by literal names, and what it is, for a message. */
export interface LaterGiven {
  readonly what: string;
  /** The objects it may be: "?" for each part known only at apply time (given-objects.ts). */
  readonly later: LaterObject;
}

/**
 * The objects of a construct's perimeter given by a pointer known only at apply time, in whole or in part (a variable, a template
 * with a variable group or subscription, a lookup by names known later): the judged scopes' and the table's (perimeter-objects.ts:
 * a private endpoint's subnet and zone, a group given by ID, a key). "Given" means the stack does not make the object, whatever
 * it makes inside it: the VNet vnetIntegration makes its subnet in is one (twenty-fifth review, A25a-7).
 */
export function laterGiven(scopes: readonly JudgedScope[], objects: readonly Pick<PerimeterObject, 'what' | 'later'>[], stack: StackFacts | undefined): LaterGiven[] {
  const fromScopes = scopes.flatMap((scope) => {
    const later = scopeLater(scope, stack);
    return later === undefined ? [] : [{ what: scope.what, later }];
  });
  return [...fromScopes, ...objects.flatMap((object) => (object.later === undefined ? [] : [{ what: object.what, later: object.later }]))];
}

/** The object a judged scope may be when the construct is given it by a pointer known only at apply time (any of its type), else undefined. */
export function scopeLater(scope: JudgedScope, stack: StackFacts | undefined): LaterObject | undefined {
  return scope.later ?? (scope.givenKind === undefined || scope.blocks.length > 0 || scope.named !== undefined ? undefined : laterObject(scope.givenKind, scope.values[0], stack));
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

/** A management group or the root: it may hold any subscription. */
const ABOVE_SUBSCRIPTIONS = /^(?:providers\/microsoft\.management\/managementgroups\/[^/]+)?$/;

/**
 * For PG-CFG-8's message: a PIM policy on a container that may hold an object given by a pointer known only at apply time; undefined
 * otherwise. A literal group or subscription holds it when the object's known parts allow (a template's literal subscription or
 * group is its own: `/subscriptions/<s>/resourceGroups/${var.rg}/…` is in no other subscription); a management group, the root or
 * a scope known only at apply time may hold any.
 */
export function givenContainerPolicy(block: ResourceView, given: readonly LaterGiven[]): string | undefined {
  const scope = policyScope(block);
  if (scope === undefined || !mayBeContainer(scope)) return undefined;
  const open = scope.includes('${') || ABOVE_SUBSCRIPTIONS.test(idKey(scope));
  const held = given.find((each) => open || laterReach(each.later, scope) === 'holds');
  return held === undefined ? undefined : `${JSON.stringify(scope)}, a resource group, subscription or management group that may hold ${held.what} (given by a pointer known only at apply time: its container is not known)`;
}
