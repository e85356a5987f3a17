import { nameKey } from './azure-keys';
import { spelledId } from './block-ids';
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
