import { ownValue } from '../private/own-keys';
import { AZAPI_WRITER_TYPES } from './azapi-writes';
import { idParts, nameKey } from './azure-keys';
import { isUnknown, Unknown } from './hcl-expression';
import { resolvedGroup } from './name-parents';
import { literalString, splitTemplate } from './value-readers';
import { literalSubscription } from './provider-facts';
import { ResourceView, TerraformBlock } from './stack-model';

// An Azure resource ID is spelled from the names of the block that makes (or looks up) it: a writer that names an object
// of the perimeter by its literal ID names it as surely as a reference to the block does (sixteenth run, A16a-8). One
// table for every reader: the path below the resource group of each type, its name arguments in order.

/** Per azurerm type (resource or data source), the ID's path after "/providers/": literal segments and the name arguments. */
const ID_PATHS: { readonly [type: string]: readonly (string | { readonly argument: string })[] } = {
  azurerm_log_analytics_workspace: ['Microsoft.OperationalInsights/workspaces', { argument: 'name' }],
  azurerm_storage_account: ['Microsoft.Storage/storageAccounts', { argument: 'name' }],
  azurerm_eventhub_namespace: ['Microsoft.EventHub/namespaces', { argument: 'name' }],
  azurerm_user_assigned_identity: ['Microsoft.ManagedIdentity/userAssignedIdentities', { argument: 'name' }],
  azurerm_key_vault: ['Microsoft.KeyVault/vaults', { argument: 'name' }],
  azurerm_key_vault_managed_hardware_security_module: ['Microsoft.KeyVault/managedHSMs', { argument: 'name' }],
  azurerm_virtual_network: ['Microsoft.Network/virtualNetworks', { argument: 'name' }],
  azurerm_subnet: ['Microsoft.Network/virtualNetworks', { argument: 'virtual_network_name' }, 'subnets', { argument: 'name' }],
  azurerm_network_security_group: ['Microsoft.Network/networkSecurityGroups', { argument: 'name' }],
  azurerm_route_table: ['Microsoft.Network/routeTables', { argument: 'name' }],
  azurerm_private_endpoint: ['Microsoft.Network/privateEndpoints', { argument: 'name' }],
  azurerm_firewall: ['Microsoft.Network/azureFirewalls', { argument: 'name' }],
  azurerm_firewall_policy: ['Microsoft.Network/firewallPolicies', { argument: 'name' }],
  azurerm_private_dns_zone: ['Microsoft.Network/privateDnsZones', { argument: 'name' }],
  azurerm_postgresql_flexible_server: ['Microsoft.DBforPostgreSQL/flexibleServers', { argument: 'name' }],
};

/**
 * The ARM type (lower case, as azapi-writes.ts keys it: "microsoft.network/virtualnetworks/subnets") of an azurerm type the table
 * spells, or undefined for another type.
 */
export function spelledArmType(type: string): string | undefined {
  const path = ownValue(ID_PATHS, type);
  if (path === undefined) return undefined;
  const [namespaceAndType, ...rest] = path.filter((segment): segment is string => typeof segment === 'string');
  return [namespaceAndType, ...rest].join('/').toLowerCase();
}

/** The arguments that name an object of a type the table spells, in the ID's order (after its resource group). */
export function spelledArguments(type: string): string[] {
  return (ownValue(ID_PATHS, type) ?? []).flatMap((segment) => (typeof segment === 'string' ? [] : [segment.argument]));
}

/** The azurerm types whose ID the table spells (besides a resource group's). */
export const SPELLED_TYPES: readonly string[] = Object.keys(ID_PATHS);

/**
 * The resource ID a block's literal names spell ("/subscriptions/<s>/resourceGroups/<group>/providers/<path>"), a name read
 * from another block of the stack as its literal; undefined for a type the table does not spell or a name known only at
 * apply time. The subscription is the block's azurerm provider's literal one when `providers` names it (the same names in
 * two literal subscriptions are two objects: A18b-3), else "?" (known only at apply time: any).
 */
export function spelledBlockId(block: ResourceView, resources: ReadonlyMap<string, ResourceView> | undefined, providers?: ReadonlyMap<string, TerraformBlock>): string | undefined {
  const name = literalName(block.config.name, resources);
  const subscription = (providers === undefined ? undefined : literalSubscription(block, providers)) ?? '?';
  if (block.type === 'azurerm_resource_group') return name === undefined ? undefined : `/subscriptions/${subscription}/resourceGroups/${name}`;
  // A subscription (the current one, or one by its ID) and a management group: scopes above every object of theirs.
  if (block.type === 'azurerm_subscription') return `/subscriptions/${literalName(block.config.subscription_id, resources) ?? subscription}`;
  if (block.type === 'azurerm_management_group') return `/providers/Microsoft.Management/managementGroups/${name ?? '?'}`;
  if (AZAPI_WRITER_TYPES.includes(block.type)) return azapiBlockId(block, resources, providers);
  const path = ownValue(ID_PATHS, block.type);
  const group = resolvedGroup(block.config.resource_group_name, resources);
  if (path === undefined || group === undefined) return undefined;
  const segments = path.map((segment) => (typeof segment === 'string' ? segment : literalName(block.config[segment.argument], resources)));
  if (!segments.every((segment): segment is string => segment !== undefined)) return undefined;
  return `/subscriptions/${subscription}/resourceGroups/${group}/providers/${segments.join('/')}`;
}

/** A name as a key: literal text, or a plain reference to the literal name of another block of the stack. */
function literalName(value: unknown, resources: ReadonlyMap<string, ResourceView> | undefined): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : nameKey(value);
  if (!isUnknown(value) || !value.isPlainReference) return undefined;
  const found = /^([a-z0-9_]+\.[^.[\]]+)\.name$/.exec(value.references[0]);
  const name = found === null ? undefined : resources?.get(found[1])?.config.name;
  return typeof name === 'string' && name.trim() !== '' ? nameKey(name) : undefined;
}

/**
 * The ID an azapi block's arguments spell (A19b-3's left part): its literal `resource_id` (an update, an action, a lookup), or
 * its parent's ID (literal, or another block's the table spells) with its type and name: a child type's last segment below the
 * parent, a resource group below a subscription, any other type as a provider resource (or an extension) of the parent.
 */
function azapiBlockId(block: ResourceView, resources: ReadonlyMap<string, ResourceView> | undefined, providers?: ReadonlyMap<string, TerraformBlock>): string | undefined {
  const target = block.config.resource_id;
  if (target !== undefined && target !== null) return spelledId(target, resources, providers);
  const type = literalString(block.config.type)?.replace(/@.*$/, '').trim();
  // A resource group's parent is a subscription: one known only at apply time is "/subscriptions/?" (any, the server's included).
  const group = type !== undefined && nameKey(type) === 'microsoft.resources/resourcegroups';
  const parent = spelledId(block.config.parent_id, resources, providers) ?? (group && isUnknown(block.config.parent_id) ? '/subscriptions/?' : undefined);
  const name = literalName(block.config.name, resources);
  if (parent === undefined || type === undefined || name === undefined) return undefined;
  const segments = type.split('/');
  if (segments.length < 2 || segments.some((segment) => segment === '')) return undefined;
  if (segments.length > 2) return `${parent}/${segments[segments.length - 1]}/${name}`;
  if (group) return `${parent}/resourceGroups/${name}`;
  return `${parent}/providers/${type}/${name}`;
}

/**
 * An azapi block's parent or target: a literal ID, a plain reference to the ID of a block of the stack whose ID the table spells,
 * or a template over them (queued after the nineteenth run): each interpolation as what it may spell (a block's ID or literal name,
 * else one segment known only at apply time, "?"). A template that starts with a value known only later may be any number of
 * segments there, and spells none.
 */
export function spelledId(value: unknown, resources: ReadonlyMap<string, ResourceView> | undefined, providers?: ReadonlyMap<string, TerraformBlock>): string | undefined {
  if (typeof value === 'string') return value.trim() === '' || value.includes('${') ? undefined : `/${idParts(value).join('/')}`;
  if (!isUnknown(value)) return undefined;
  if (value.isPlainReference) return referencedId(value.references[0], resources, providers);
  const text = spelledTemplate(value, resources, providers, LATER);
  if (text === undefined || !text.startsWith('/')) return undefined;
  // A segment written partly literal ("rg-${var.env}") is one segment known only later; a "." or empty one is dropped (run 35).
  return `/${idParts(text).map((segment) => (segment.includes(LATER) ? '?' : segment)).join('/')}`;
}

/**
 * A template's text with each interpolation as what it may spell (a block's ID or literal name), else `later`: where a
 * reader compares the literal parts of a partly literal segment itself ("rg-?"), which spelledId reads as one unknown segment.
 */
export function spelledTemplate(value: unknown, resources: ReadonlyMap<string, ResourceView> | undefined, providers: ReadonlyMap<string, TerraformBlock> | undefined, later = '?'): string | undefined {
  if (!isUnknown(value) || !value.spelling.includes('${')) return undefined;
  return splitTemplate(value.spelling.trim(), (expression) => referencedId(expression.trim(), resources, providers) ?? literalName(new Unknown(expression.trim(), [expression.trim()]), resources) ?? later).literal;
}

/** What an interpolation known only at apply time spells in a template, before its segment is read whole. */
const LATER = '\u0000';

/** The ID a reference to another block's `id` spells, when the table spells that block's. */
function referencedId(reference: string, resources: ReadonlyMap<string, ResourceView> | undefined, providers?: ReadonlyMap<string, TerraformBlock>): string | undefined {
  const found = /^([a-z0-9_]+\.[^.[\]]+)\.id$/.exec(reference);
  const parent = found === null ? undefined : resources?.get(found[1]);
  return parent === undefined ? undefined : spelledBlockId(parent, resources, providers)?.replace(/\/+$/, '');
}
