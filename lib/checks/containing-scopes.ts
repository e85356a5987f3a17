import { idKey, idSegments, nameKey } from './azure-keys';
import { spelledBlockId } from './block-ids';
import { ANYTHING, expressionReadings } from './expression-readings';
import { isAnyText, isUnknown } from './hcl-expression';
import { guidKey } from './directory-pointers';
import { withNamesRead } from './name-parents';
import { mayBeName } from './unknown-names';
import { NETWORK_ID_SEGMENTS } from './parent-id-pattern';
import { literalSubscription } from './provider-facts';
import { StackFacts } from './rule';
import { ANY, idPattern, isPathTemplate, mayReach } from './scope-patterns';
import { ResourceView, TerraformBlock } from './stack-model';
import { stackCreates } from './stack-created';
import { splitTemplate } from './value-readers';
import { holedPattern, literalPattern } from '../private/literal-pattern';

// Azure RBAC inherits down: a role on a management group, a subscription or a resource group is
// that role on every server inside it. Which scopes, as a stack writes them, contain a server of it
// (or another resource of it with a resource_group_name: the network a construct makes, A8-2).

// Scopes as ID keys (azure-keys.ts): lower case, the leading and trailing "/" optional.
const MANAGEMENT_GROUP = /^providers\/microsoft\.management\/managementgroups\/[^/]+$/;
const SUBSCRIPTION = /^subscriptions\/[^/]+$/;
const RESOURCE_GROUP = /^subscriptions\/[^/]+\/resourcegroups\/([^/]+)$/;
const GROUP_REFERENCE = /^((?:data\.)?azurerm_resource_group\.[^.]+)\.id$/;
// azapi's lookup of its own provider's client gives that subscription's ID.
const SUBSCRIPTION_REFERENCE = /^data\.(azurerm_subscription\.[^.]+\.id|azapi_client_config\.[^.]+\.subscription_resource_id)$/;
const MANAGEMENT_GROUP_REFERENCE = /^((?:data\.)?azurerm_management_group\.[^.]+)\.id$/;

/**
 * How a scope contains the server ("the resource group rg-orders"), or undefined when it does not
 * or cannot be told to: a management group or the root (whose members a stack cannot see), a
 * subscription (the server's is known only at apply time), its resource group by literal name or
 * by the resource group resource or data source its resource_group_name reads.
 */
export function containingScope(server: ResourceView, scope: unknown, stack: StackFacts | undefined): string | undefined {
  // An ID with a ".." segment, a percent-encoded character or a letter folded otherwise may be any scope (dot-segments.ts; run 35).
  if (isAnyText(scope)) return String(scope);
  if (isUnknown(scope) && scope.isPlainReference) return referencedScope(server, scope.references[0], stack);
  // One expression (one interpolation, no literal text: a template may spell more) reading such a scope anywhere (an item of a
  // list or a `for` over it, each.value of a for_each over it, a function of it) may be it: read as unrelated, a splat's list passed (A21a-1).
  const parts = isUnknown(scope) ? splitTemplate(scope.spelling) : undefined;
  // A "." or empty segment around it says nothing (azure-keys.ts idSegments; run 35): "${x.id}/." is "${x.id}".
  if (isUnknown(scope) && parts !== undefined && parts.interpolations === 1 && idSegments(parts.literal).length === 0) {
    const read = scope.references.filter((reference) => readBeyondSubscription(scope.spelling, reference))
      .map((reference) => referencedScope(server, reference, stack)).find((found) => found !== undefined);
    if (read !== undefined) return `${String(scope)}, which may be ${read}`;
  }
  // A template is read with its constant locals written out (A16a-10).
  const text = isUnknown(scope) ? splitTemplate(scope.spelling, '?').literal : scope;
  if (typeof text !== 'string') return undefined;
  const path = text.trim();
  const key = idKey(path);
  if (key === '') return 'the root scope';
  if (MANAGEMENT_GROUP.test(key)) return `the management group ${JSON.stringify(path)}`;
  // A literal subscription other than the one the resource's azurerm provider names holds none of it (A19b-9).
  if (otherSubscription(server, key, stack)) return undefined;
  if (SUBSCRIPTION.test(key)) return `the subscription ${JSON.stringify(path)}`;
  const group = RESOURCE_GROUP.exec(key)?.[1];
  return group !== undefined && group === groupName(server, stack) ? `its resource group ${JSON.stringify(path)}` : undefined;
}

/**
 * Whether a scope's literal subscription (an ID key's second segment) is surely another than the one a resource of the stack is
 * written in (its azurerm provider's literal subscription): both literal and different, a GUID in any spelling (A18b-3's rule for
 * IDs matched to blocks). A subscription known only at apply time on either side may be the same.
 */
export function otherSubscription(resource: Pick<ResourceView, 'type' | 'config'>, key: string, stack: StackFacts | undefined): boolean {
  const written = /^subscriptions\/([^/]+)/.exec(key)?.[1];
  const own = resource.type.startsWith('azurerm_') && stack?.azurermProviders !== undefined ? literalSubscription(resource as ResourceView, stack.azurermProviders) : undefined;
  if (written === undefined || own === undefined || /[?*$\u0000]/.test(written)) return false;
  return (guidKey(written) ?? written) !== (guidKey(own) ?? own.trim().toLowerCase());
}

/**
 * A scope known only in part that may be a resource's ID or a scope above it, for a message, or undefined: a template whose
 * literal parts (its constant locals written out) may still spell such an ID, whatever number of segments an interpolation
 * covers, at any position (sixteenth review, A16a-6, A16a-10). Every scope reader asks it last, after its own readers
 * (which say more); a template of no "/" (a name) spells no ID, and one wholly unknown is left to them.
 */
export function mayHoldScope(resource: Pick<ResourceView, 'type' | 'config'>, scope: unknown, stack: StackFacts | undefined): string | undefined {
  if (isAnyText(scope)) return String(scope);
  const template = scopeTemplate(scope, stack);
  return template !== undefined && isPathTemplate(template) && mayReach(template, objectIdPattern(resource, stack), 'holds')
    ? `${JSON.stringify(String(scope))}, a scope known only at apply time that may be it or hold it` : undefined;
}

/** The provider path of a resource's ID, by type ([namespace, type, name, ...]); a type not listed is read by its resource group alone. */
const PROVIDER_PATHS: { readonly [type: string]: (config: TerraformBlock) => unknown[] } = {
  azurerm_postgresql_flexible_server: (config) => ['microsoft.dbforpostgresql', 'flexibleservers', config.name],
  azurerm_user_assigned_identity: (config) => ['microsoft.managedidentity', 'userassignedidentities', config.name],
  azurerm_key_vault: (config) => ['microsoft.keyvault', 'vaults', config.name],
  ...Object.fromEntries(Object.entries(NETWORK_ID_SEGMENTS).map(([type, below]) => [type, (config: TerraformBlock) => ['microsoft.network', ...below(config)]])),
};

/**
 * A resource's ID as a pattern (scope-patterns.ts): its subscription (the provider's) and each name not
 * literal known only at apply time; a type PROVIDER_PATHS does not list, its resource group's ID.
 */
export function objectIdPattern(resource: Pick<ResourceView, 'type' | 'config'>, stack: StackFacts | undefined): string {
  const below = Object.prototype.hasOwnProperty.call(PROVIDER_PATHS, resource.type) ? PROVIDER_PATHS[resource.type](resource.config) : undefined;
  const group = groupName(resource, stack) ?? resource.config.resource_group_name;
  return idPattern(['subscriptions', undefined, 'resourcegroups', group, ...(below === undefined ? [] : ['providers', ...below])]);
}

/** A reference to the ID of a block of the stack whose ID its literal names spell: group 1 the block, 2 its type. */
const SPELLED_REFERENCE = /^\s*((?:data\.)?(azurerm_resource_group|azurerm_virtual_network|azurerm_key_vault)\.[^.[\]\s]+)\.id\s*$/;

/**
 * A scope known only at apply time as the text of an ID (scope-patterns.ts): its constant locals written
 * out, names read from blocks of the stack as their literals, a reference to a resource group, VNet or
 * vault of the stack as the ID its names spell, any other interpolation ANY (a directive: all of it).
 * Undefined for a literal or a plain reference (read as what it refers to).
 */
export function scopeTemplate(scope: unknown, stack: StackFacts | undefined): string | undefined {
  if (!isUnknown(scope) || scope.isPlainReference) return undefined;
  const spelling = withNamesRead(scope.spelling, stack?.resources);
  if (/(?<!%)%\{/.test(spelling)) return ANY;
  return splitTemplate(spelling, (expression) => spelledId(expression, stack) ?? ANY).literal;
}

/** The ID a reference to a resource group, VNet or vault of the stack spells from its names (ANY for a part not literal). */
function spelledId(expression: string, stack: StackFacts | undefined): string | undefined {
  const found = SPELLED_REFERENCE.exec(expression);
  const block = found === null ? undefined : (found[1].startsWith('data.') ? stack?.lookups : stack?.resources)?.get(found[1]);
  if (found === null || block === undefined) return undefined;
  const part = (value: unknown) => (typeof value === 'string' && !value.includes('${') ? value.trim() : ANY);
  const group = `/subscriptions/${ANY}/resourceGroups/${part(found[2] === 'azurerm_resource_group' ? block.config.name : block.config.resource_group_name)}`;
  if (found[2] === 'azurerm_resource_group') return group;
  return `${group}/providers/${found[2] === 'azurerm_key_vault' ? 'Microsoft.KeyVault/vaults' : 'Microsoft.Network/virtualNetworks'}/${part(block.config.name)}`;
}

/** A reference to a resource group or subscription the stack defines or reads. */
function referencedScope(server: ResourceView, reference: string, stack: StackFacts | undefined): string | undefined {
  if (SUBSCRIPTION_REFERENCE.test(reference)) {
    // A lookup of a subscription reads its subscription_id, else its provider's: another literal one holds none of it (A19b-9).
    const lookup = stack?.lookups?.get(reference.replace(/\.id$/, ''));
    const id = lookup === undefined ? undefined : spelledBlockId(lookup, stack?.resources, stack?.azurermProviders);
    return otherSubscription(server, idKey(id ?? ''), stack) ? undefined : `the subscription ${reference}`;
  }
  // A management group the stack does not create (a lookup by name or display name, an import) may hold the server's
  // subscription, as a literal one may; one it creates holds only the subscriptions it names, which the net judges (queued, #12).
  const managementGroup = MANAGEMENT_GROUP_REFERENCE.exec(reference)?.[1];
  if (managementGroup !== undefined) return stackCreates(managementGroup, stack) ? undefined : `the management group ${reference}`;
  const group = GROUP_REFERENCE.exec(reference)?.[1];
  if (group === undefined) return undefined;
  const serverGroup = server.config.resource_group_name;
  if (isUnknown(serverGroup) && serverGroup.references.includes(`${group}.name`)) return `its resource group ${reference}`;
  const name = stack?.resources?.get(group)?.config.name;
  const literal = groupName(server, stack);
  if (typeof name === 'string' || literal === undefined) return typeof name === 'string' && literal !== undefined && nameKey(name) === literal ? `its resource group ${reference}` : undefined;
  // A group the stack makes whose name is known only at apply time may be the server's (A21a-4).
  return mayBeName(name, literal) ? `${reference}, a resource group whose name (${JSON.stringify(name)}) is known only at apply time and may be ${JSON.stringify(literal)}, which contains the server` : undefined;
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
  if (isAnyText(scope)) return true;
  if (!isUnknown(scope) || scope.isPlainReference) return false;
  const own = groupName(resource, stack);
  const group = RESOURCE_GROUP.exec(idKey(splitTemplate(withNamesRead(scope.spelling, stack?.resources), HOLE).literal))?.[1];
  if (own === undefined || group === undefined || !group.includes(HOLE)) return false;
  return new RegExp(`^${holedPattern(group, HOLE, '.*')}$`).test(own);
}

/** What stands for an interpolation in a scope's literal text. */
const HOLE = '\u0000';

/**
 * Whether an expression reads a reference for more than its subscription (or may: a reference it does not spell): instance-references.ts spells one item of a for_each
 * as `/subscriptions/${split("/", <block>.id)[2]}/resourceGroups/<its name>`, whose block (any item) is not what it names.
 */
function readBeyondSubscription(spelling: string, reference: string): boolean {
  const escaped = literalPattern(reference);
  const subscriptionOnly = new RegExp(String.raw`split\(\s*"/"\s*,\s*${escaped}\s*\)\s*\[\s*2\s*\]`, 'g');
  const mentioned = new RegExp(String.raw`(?<![\w.-])${escaped}(?![\w-])`);
  // A reference the spelling does not show (each.value of a for_each over the block) is read whole.
  return !mentioned.test(spelling) || mentioned.test(spelling.replace(subscriptionOnly, ''));
}

/** A reading that spells an ID whose one part known only later is its subscription ("/subscriptions/" then "*"). */
const SUBSCRIPTION_HOLE = /^(\s*\/?subscriptions\/)\*(?=\/|$)/i;

/**
 * The IDs a scope may be when its only references are read for their subscription, each with that subscription "?" (any): an item
 * of a counted block or lookup spelled from its own names (instance-references.ts) inside a function or a choice, `lower(<its ID>)`,
 * or each item's by a key known only later (`coalesce(<item ID>, ...)`). Read as a function of a reference, such a scope may be
 * anything; its readings say which groups it may be (twenty-second review, A22a-5). Undefined for any other scope.
 */
export function spelledItemReadings(scope: unknown, stack: StackFacts | undefined): string[] | undefined {
  if (!isUnknown(scope) || scope.isPlainReference || scope.references.length === 0) return undefined;
  if (scope.references.some((reference) => readBeyondSubscription(scope.spelling, reference))) return undefined;
  const readings = expressionReadings(scope, stack);
  if (readings === undefined || readings.length === 0) return undefined;
  const spelled = readings.map((reading) => (reading.includes(ANYTHING) ? undefined : reading.replace(SUBSCRIPTION_HOLE, '$1?')));
  return spelled.every((reading): reading is string => reading !== undefined && !reading.includes('*')) ? spelled : undefined;
}
