import { idKey, nameKey } from './azure-keys';
import { isUnknown } from './hcl-expression';
import { withNamesRead } from './name-parents';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';
import { splitTemplate } from './value-readers';

// Azure RBAC inherits down: a role on a management group, a subscription or a resource group is
// that role on every server inside it. Which scopes, as a stack writes them, contain a server of it
// (or another resource of it with a resource_group_name: the network a construct makes, A8-2).

// Scopes as ID keys (azure-keys.ts): lower case, the leading and trailing "/" optional.
const MANAGEMENT_GROUP = /^providers\/microsoft\.management\/managementgroups\/[^/]+$/;
const SUBSCRIPTION = /^subscriptions\/[^/]+$/;
const RESOURCE_GROUP = /^subscriptions\/[^/]+\/resourcegroups\/([^/]+)$/;
const GROUP_REFERENCE = /^((?:data\.)?azurerm_resource_group\.[^.]+)\.id$/;
const SUBSCRIPTION_REFERENCE = /^data\.azurerm_subscription\.[^.]+\.id$/;

/**
 * How a scope contains the server ("the resource group rg-orders"), or undefined when it does not
 * or cannot be told to: a management group or the root (whose members a stack cannot see), a
 * subscription (the server's is known only at apply time), its resource group by literal name or
 * by the resource group resource or data source its resource_group_name reads.
 */
export function containingScope(server: ResourceView, scope: unknown, stack: StackFacts | undefined): string | undefined {
  if (isUnknown(scope) && scope.isPlainReference) return referencedScope(server, scope.references[0], stack);
  const text = isUnknown(scope) ? splitTemplate(scope.expression, '?').literal : scope;
  if (typeof text !== 'string') return undefined;
  const path = text.trim();
  const key = idKey(path);
  if (key === '') return 'the root scope';
  if (MANAGEMENT_GROUP.test(key)) return `the management group ${JSON.stringify(path)}`;
  if (SUBSCRIPTION.test(key)) return `the subscription ${JSON.stringify(path)}`;
  const group = RESOURCE_GROUP.exec(key)?.[1];
  return group !== undefined && group === groupName(server, stack) ? `its resource group ${JSON.stringify(path)}` : undefined;
}

/** A reference to a resource group or subscription the stack defines or reads. */
function referencedScope(server: ResourceView, reference: string, stack: StackFacts | undefined): string | undefined {
  if (SUBSCRIPTION_REFERENCE.test(reference)) return `the subscription ${reference}`;
  const group = GROUP_REFERENCE.exec(reference)?.[1];
  if (group === undefined) return undefined;
  const serverGroup = server.config.resource_group_name;
  if (isUnknown(serverGroup) && serverGroup.references.includes(`${group}.name`)) return `its resource group ${reference}`;
  const name = stack?.resources?.get(group)?.config.name;
  const literal = groupName(server, stack);
  return typeof name === 'string' && literal !== undefined && nameKey(name) === literal ? `its resource group ${reference}` : undefined;
}

/** The server's resource group name as a key (azure-keys.ts), literal or through the resource group resource it reads. */
export function groupName(server: Pick<ResourceView, 'config'>, stack: StackFacts | undefined): string | undefined {
  const value = server.config.resource_group_name;
  if (typeof value === 'string') return nameKey(value);
  const group = isUnknown(value) && value.isPlainReference ? /^(azurerm_resource_group\.[^.]+)\.name$/.exec(value.references[0])?.[1] : undefined;
  const name = group === undefined ? undefined : stack?.resources?.get(group)?.config.name;
  return typeof name === 'string' ? nameKey(name) : undefined;
}

/**
 * True when a template of a resource group ID whose name is known only at apply time (`/subscriptions/…/resourceGroups/${var.g}`,
 * a function, a local; a reference to a block's name read as its literal) may be the literal group a resource of the stack is in:
 * its literal parts spell that name (fifteenth review, A15a-8, A15a-9). A group known only later on both sides is not read here.
 */
export function mayBeGroupOf(resource: Pick<ResourceView, 'config'>, scope: unknown, stack: StackFacts | undefined): boolean {
  if (!isUnknown(scope) || scope.isPlainReference) return false;
  const own = groupName(resource, stack);
  const group = RESOURCE_GROUP.exec(idKey(splitTemplate(withNamesRead(scope.spelling, stack?.resources), HOLE).literal))?.[1];
  if (own === undefined || group === undefined || !group.includes(HOLE)) return false;
  return new RegExp(`^${group.split(HOLE).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(own);
}

/** What stands for an interpolation in a scope's literal text. */
const HOLE = '\u0000';
