import { idParts, nameKey } from './azure-keys';
import { mayReadByGet } from './azapi-writes';
import { spelledId } from './block-ids';
import { defaultedTexts } from './expression-readings';
import { isUnknown } from './hcl-expression';
import type { StackFacts } from './rule';
import type { ResourceView } from './stack-model';
import { literalString } from './value-readers';

// Lookups that list Azure objects (azapi_resource_list's `output`, azurerm_resources' `resources`) give back IDs of objects
// the stack never names: an item read from them (`output.value[0].id`, `one(resources[*].id)`) may be any object of the
// listed type under the listed parent, a key of the server's vault included (83rd run, A83b-1). arm-id-lookups.ts spells
// the search's items it can; this reads every other reading of a list, for readers of what a pointer may be.

/** The lists, and the attribute that holds their items. */
const LISTS: { readonly [type: string]: string } = { azapi_resource_list: 'output', azurerm_resources: 'resources' };

/** One name segment known only at apply time, as perimeter-objects.ts reads it. */
const ANY_NAME = '?';

/**
 * What an item read from a list lookup's `attribute` may be: the ID patterns of any object it lists (a name segment "?"), a scope
 * above all of them (a search of every type: its resource group or subscription) or 'any' when the type or parent is known only
 * later, or the parent is above a subscription; undefined for no list, or another attribute.
 */
export function listedObjects(lookup: ResourceView, attribute: string, stack: StackFacts | undefined): string[] | 'any' | undefined {
  // A GET of a collection URL lists as azapi_resource_list does, a data source or a managed action alike (96th run, A96b-1).
  if (isCollectionGet(lookup, stack)) return attribute === 'output' ? collectionObjects(lookup, stack) : undefined;
  if (!lookup.address.startsWith('data.') || LISTS[lookup.type] !== attribute) return undefined;
  const { config } = lookup;
  if (lookup.type === 'azurerm_resources') {
    const group = config.resource_group_name === undefined ? ANY_NAME : literalString(config.resource_group_name)?.trim();
    if (group === undefined || group === '') return 'any';
    const scope = `/subscriptions/${ANY_NAME}/resourceGroups/${group}`;
    if (config.type === undefined) return [config.resource_group_name === undefined ? `/subscriptions/${ANY_NAME}` : scope];
    const type = literalType(config.type);
    const name = config.name === undefined ? ANY_NAME : literalString(config.name)?.trim();
    if (type === undefined || name === undefined || name === '') return 'any';
    return [`${scope}/providers/${providerPath(type, name)}`];
  }
  const type = literalType(config.type);
  const parent = spelledId(config.parent_id, stack?.resources, stack?.azurermProviders);
  if (type === undefined || parent === undefined) return 'any';
  return idsUnder(parent, type, ANY_NAME);
}

/** The URL an azapi action sends its request to, as text (an interpolation spelled as written): resource_id and "/" action. */
function requestUrl(config: ResourceView['config']): string | undefined {
  const { resource_id: id, action } = config;
  const base = typeof id === 'string' ? id : isUnknown(id) ? id.toString() : undefined;
  const tail = action === undefined ? '' : literalString(action);
  return base === undefined || tail === undefined ? undefined : `${base}/${tail}`;
}

/**
 * Whether an azapi action GETs a collection: its URL ends in its type's own last segment (`…/providers/Microsoft.Network/privateDnsZones`,
 * `${var.vnet_id}/subnets`), after a name (a literal URL has an odd number of segments). Its `output.value` lists those objects. The
 * stack model reads an action's segments into its object (azapi-writes.ts actionRequest).
 */
export function isCollectionGet(block: ResourceView, stack?: StackFacts): boolean {
  if (!mayReadByGet(block)) return false;
  // A type known only later (an action's segments the type does not spell: `providers/<namespace>/<type>` below a scope) with an
  // action left after the object may be a list of any type.
  const action = literalString(block.config.action)?.trim();
  if (literalType(block.config.type) === undefined) return isUnknown(block.config.type) && action !== undefined && action !== '';
  // A URL written as a variable whose default is a collection's (Terraform plans it unless the run sets another) lists too.
  const id = block.config.resource_id;
  const defaults = isUnknown(id) ? defaultedTexts(id, stack) : [];
  return listedType(block) !== undefined || defaults.some((text) => listedType({ ...block, config: { ...block.config, resource_id: text } }) !== undefined);
}

/**
 * The type a GET of a collection lists: its own when its URL ends in the type's last segment; a child type when one literal
 * segment follows an object of the type (the stack model reads a literal `<vnet ID>/subnets` as a GET of the VNet's action
 * `subnets`, azapi-writes.ts actionRequest: the VNet's subnets; 96th run, A96e-2). Undefined for no collection.
 */
function listedType(block: ResourceView): string[] | undefined {
  const type = literalType(block.config.type);
  const url = requestUrl(block.config);
  if (type === undefined || url === undefined) return undefined;
  const segments = idParts(url);
  const literal = typeof block.config.resource_id === 'string' && !isUnknown(block.config.action);
  if (segments.length === 0 || (literal && segments.length % 2 === 0)) return undefined;
  const last = segments[segments.length - 1];
  if (nameKey(last) === nameKey(type[type.length - 1])) return type;
  const action = literalString(block.config.action);
  return action !== undefined && idParts(action).length === 1 ? [...type, last] : undefined;
}

/** The objects a GET of a collection URL lists: any object of its type under the URL's parent (its scope before `providers`, or the parent object), 'any' when that is not literal. */
function collectionObjects(block: ResourceView, stack: StackFacts | undefined): string[] | 'any' {
  const type = listedType(block);
  const url = requestUrl(block.config);
  if (type === undefined || url === undefined || typeof block.config.resource_id !== 'string') return 'any';
  const segments = idParts(url);
  const providers = segments.length >= 3 && nameKey(segments[segments.length - 3]) === 'providers';
  const parent = spelledId(`/${segments.slice(0, segments.length - (providers ? 3 : 1)).join('/')}`, stack?.resources, stack?.azurermProviders);
  return parent === undefined ? 'any' : idsUnder(parent, type, ANY_NAME);
}

/**
 * The IDs of an object of `type` named `name` under `parent`, as azapi places it (a group in its subscription, a top-level type as a
 * provider resource of its scope, a child type below its parent by its last segment); 'any' above a subscription (the root, a
 * management group). Under a subscription an object may be in any of its groups, as a list there holds them (84th run, A84b-1).
 */
export function idsUnder(parent: string, type: readonly string[], name: string): string[] | 'any' {
  const scope = parent.replace(/\/+$/, '');
  if (!/^\/subscriptions\/[^/]+/i.test(scope)) return 'any';
  if (nameKey(type.join('/')) === RESOURCE_GROUPS) return [`${scope}/resourceGroups/${name}`];
  if (/^\/subscriptions\/[^/]+$/i.test(scope)) return [`${scope}/resourceGroups/${ANY_NAME}/providers/${providerPath(type, name)}`, `${scope}/providers/${providerPath(type, name)}`];
  if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i.test(scope)) return [`${scope}/providers/${providerPath(type, name)}`];
  return [type.length > 2 ? `${scope}/${type[type.length - 1]}/${name}` : `${scope}/providers/${type.join('/')}/${name}`];
}

const RESOURCE_GROUPS = 'microsoft.resources/resourcegroups';

/** A type's provider path to an object named `name`, its parents' names "?": "Microsoft.KeyVault/vaults/?/keys/<name>". */
function providerPath([namespace, ...kinds]: readonly string[], name: string): string {
  return `${namespace}/${kinds.map((kind, at) => `${kind}/${at === kinds.length - 1 ? name : ANY_NAME}`).join('/')}`;
}

/** A literal ARM type's segments (its `@<api version>` left out), or undefined when it is not literal or not a type. */
export function literalType(value: unknown): string[] | undefined {
  const segments = literalString(value)?.replace(/@.*$/, '').trim().split('/');
  return segments === undefined || segments.length < 2 || segments.some((segment) => segment.trim() === '') ? undefined : segments.map((segment) => segment.trim());
}
