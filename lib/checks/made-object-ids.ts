/**
 * The Azure IDs of the objects a library construct made, read from each resource's own attributes
 * as the model reads them (a reference to another resource's name is its literal name), and the
 * import blocks that adopt one of them into another resource: two resources then manage one Azure
 * object, and whichever applies last decides what it holds (an NSG's inline rules replace the
 * construct's rules, a rule of the same name denies one port, a setting of the same name exports no
 * logs). An ID is compared in any spelling (case, trailing slash, a template or a reference to the
 * object's id); one with parts known only later is compared as the pattern its known parts make
 * (fourteenth review, A14a-11).
 */
import { readSecretId } from './key-vault-ids';
import { idParts, nameKey } from './azure-keys';
import { isUnknown } from './hcl-expression';
import { resourceAddress } from './import-targets';
import { ResourceView, TerraformBlock } from './stack-model';
import { isObject } from './terraform-json';
import { splitTemplate } from './value-readers';
import { holedPattern } from '../private/literal-pattern';

/** A pointer (a literal ID or a reference to a resource's id) as a normalized ID, undefined when not known. */
type Resolve = (pointer: unknown) => string | undefined;
/** The stack's resource or data source at an address ("azurerm_x.y", "data.azurerm_x.y"). */
export type FindBlock = (address: string) => ResourceView | undefined;

const FLEXIBLE = 'microsoft.dbforpostgresql/flexibleservers';
const SINGLE = 'microsoft.dbforpostgresql/servers';
/** Segments of an ID under the resource's group. */
const grouped = (config: TerraformBlock, ...segments: unknown[]) => ['resourcegroups', config.resource_group_name, ...segments];

/** Each azurerm type's ID as the segments azurerm builds it from (providers/ and the subscription left out). */
const ID_PARTS: { readonly [type: string]: (config: TerraformBlock, resolve: Resolve) => readonly unknown[] } = {
  azurerm_network_security_group: (c) => grouped(c, 'microsoft.network/networksecuritygroups', c.name),
  azurerm_network_security_rule: (c) => grouped(c, 'microsoft.network/networksecuritygroups', c.network_security_group_name, 'securityrules', c.name),
  azurerm_subnet: (c) => grouped(c, 'microsoft.network/virtualnetworks', c.virtual_network_name, 'subnets', c.name),
  // azurerm's association has its subnet's ID.
  azurerm_subnet_network_security_group_association: (c, resolve) => [resolve(c.subnet_id)],
  azurerm_private_dns_zone: (c) => grouped(c, 'microsoft.network/privatednszones', c.name),
  azurerm_private_dns_zone_virtual_network_link: (c) => grouped(c, 'microsoft.network/privatednszones', c.private_dns_zone_name, 'virtualnetworklinks', c.name),
  azurerm_private_endpoint: (c) => grouped(c, 'microsoft.network/privateendpoints', c.name),
  azurerm_key_vault: (c) => grouped(c, 'microsoft.keyvault/vaults', c.name),
  azurerm_key_vault_managed_hardware_security_module: (c) => grouped(c, 'microsoft.keyvault/managedhsms', c.name),
  azurerm_postgresql_flexible_server: (c) => grouped(c, FLEXIBLE, c.name),
  azurerm_postgresql_flexible_server_configuration: (c, resolve) => [resolve(c.server_id), 'configurations', c.name],
  azurerm_postgresql_flexible_server_firewall_rule: (c, resolve) => [resolve(c.server_id), 'firewallrules', c.name],
  azurerm_postgresql_flexible_server_database: (c, resolve) => [resolve(c.server_id), 'databases', c.name],
  azurerm_postgresql_flexible_server_active_directory_administrator: (c) => grouped(c, FLEXIBLE, c.server_name, 'administrators', c.object_id),
  azurerm_postgresql_server: (c) => grouped(c, SINGLE, c.name),
  azurerm_postgresql_configuration: (c) => grouped(c, SINGLE, c.server_name, 'configurations', c.name),
  azurerm_postgresql_firewall_rule: (c) => grouped(c, SINGLE, c.server_name, 'firewallrules', c.name),
  azurerm_postgresql_virtual_network_rule: (c) => grouped(c, SINGLE, c.server_name, 'virtualnetworkrules', c.name),
  azurerm_postgresql_active_directory_administrator: (c) => grouped(c, SINGLE, c.server_name, 'administrators', 'activedirectory'),
  azurerm_role_assignment: (c, resolve) => [resolve(c.scope), 'microsoft.authorization/roleassignments', c.name],
  azurerm_management_lock: (c, resolve) => [resolve(c.scope), 'microsoft.authorization/locks', c.name],
  // azurerm spells a setting's ID "<target ID>|<name>" and a secret's by its vault's URI.
  azurerm_monitor_diagnostic_setting: (c, resolve) => [[resolve(c.target_resource_id), c.name]],
  azurerm_key_vault_secret: (c, resolve) => ['vaults', lastSegment(resolve(c.key_vault_id)), 'secrets', c.name],
};

/**
 * An ID as compared: each segment a name's key (azure-keys.ts: lower case, no final dot), without the subscription, "providers/" or empty segments, and a
 * secret's vault URI ("https://v.vault.azure.net/secrets/s/version") as "vaults/v/secrets/s".
 * Parts known only later are kept as "\u0000" (any text).
 */
export function normalizedId(id: string): string {
  const text = id.trim().toLowerCase();
  const secret = secretUri(text);
  if (secret !== undefined) return secret;
  return text.split('|').map((part) => part.split('/').map(nameKey).filter((segment) => segment !== '' && segment !== 'providers').join('/').replace(/^subscriptions\/[^/]+\/?/, '')).join('|');
}

/**
 * A secret's URI as "vaults/<vault>/secrets/<name>": its host read as azurerm reads it (keyvault/parse NestedItemId: Go's url.Parse and
 * its Host, absolute-urls.ts: a userinfo, a port, a trailing dot dropped, A29b-2), its path percent-decoded; a host an interpolation
 * ("\u0000") writes by the text after the scheme. Undefined for any other text.
 */
function secretUri(text: string): string | undefined {
  // Its path as azurerm reads it too: percent-decoded (key-vault-ids.ts; 89th run, A89a-1).
  const secret = readSecretId(text, /\u0000/);
  if (secret === undefined || secret === 'unreadable') return undefined;
  const vault = secret.host === undefined ? /^[a-z]*:\/\/([^./]+)\.vault\./.exec(text) : /^([^.]+)\.vault\./.exec(secret.host);
  return vault === null ? undefined : `vaults/${vault[1]}/secrets/${secret.name}`;
}

/** The names, group and parents a made resource's ID is built from, as text; undefined when one is not known. */
function segmentText(value: unknown, find: FindBlock): string | undefined {
  if (typeof value === 'string') return nameKey(value);
  if (Array.isArray(value)) {
    const parts = value.map((part) => segmentText(part, find));
    return parts.every((part) => part !== undefined) ? parts.join('|') : undefined;
  }
  // A reference to another resource's name (or group) is the literal that resource is given.
  if (isUnknown(value) && value.isPlainReference) {
    const named = /^(.+)\.(\w+)$/.exec(value.references[0]);
    const given = named === null ? undefined : find(named[1])?.config[named[2]];
    return typeof given === 'string' ? nameKey(given) : undefined;
  }
  return undefined;
}

/** The normalized ID of a resource (or data source) of the stack, undefined when a part of it is not known. */
export function resourceId(resource: ResourceView, find: FindBlock, depth = 0): string | undefined {
  const parts = ID_PARTS[resource.type.replace(/^data\./, '')];
  if (parts === undefined || depth > 4) return undefined;
  const resolve: Resolve = (pointer) => {
    if (typeof pointer === 'string') return normalizedId(pointer);
    const reference = isUnknown(pointer) && pointer.isPlainReference ? /^(.+)\.id$/.exec(pointer.references[0]) : null;
    const target = reference === null ? undefined : find(reference[1]);
    return target === undefined ? undefined : resourceId(target, find, depth + 1);
  };
  const segments = parts(resource.config, resolve).map((part) => segmentText(part, find));
  return segments.every((segment) => segment !== undefined) ? normalizedId(segments.join('/')) : undefined;
}

/**
 * What an import block's ID may be, as a test of a normalized ID: a literal, or a template whose
 * references to a resource's id or name are that resource's ID or name and whose other parts may be
 * any text. Undefined when it is not text at all.
 */
export function importIdTest(id: unknown, find: FindBlock): ((candidate: string) => boolean) | undefined {
  if (typeof id === 'string') {
    const own = normalizedId(id);
    return (candidate) => candidate === own;
  }
  if (!isUnknown(id)) return undefined;
  const { literal } = splitTemplate(id.toString(), (expression) => {
    const reference = /^\s*([\w.-]+)\.(id|name)\s*$/.exec(expression);
    const target = reference === null ? undefined : find(reference[1]);
    const known = target === undefined ? undefined : reference![2] === 'id' ? resourceId(target, find) : segmentText(target.config.name, find);
    return known ?? '\u0000';
  });
  const pattern = holedPattern(normalizedId(literal), '\u0000', '[\\s\\S]*');
  const test = new RegExp(`^${pattern}$`);
  return (candidate) => test.test(candidate);
}

/**
 * What an import block adopts, as a test of a normalized ID: by its `id`, or by its `identity`
 * (Terraform 1.12: the object's names as attributes), whose every name other than the subscription
 * is a segment of the ID (one known only later may be any). Undefined when it names nothing readable.
 */
export function importTest(block: TerraformBlock, find: FindBlock): ((candidate: string) => boolean) | undefined {
  if (block.id !== undefined || !isObject(block.identity)) return importIdTest(block.id, find);
  const names = Object.entries(block.identity).filter(([key]) => key !== 'subscription_id').map(([, value]) => value);
  return (candidate) => {
    const segments = new Set(candidate.split(/[/|]/));
    return names.every((name) => typeof name !== 'string' || segments.has(nameKey(name)));
  };
}

/** The resource type an import's "to" names (the last but one part of its address, modules left out). */
export function importedType(to: string): string {
  const parts = resourceAddress(to).split('.');
  return parts[parts.length - 2] ?? '';
}

/** An ID's last segment as every ID reader reads it (azure-keys.ts: a "." or empty one dropped; run 35). */
function lastSegment(id: string | undefined): string | undefined {
  return id === undefined ? undefined : idParts(id).pop();
}
