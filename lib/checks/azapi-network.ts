import { resourceGroupOf } from './ids-in-text';
import { idKey } from './azure-keys';
import { isUnknown, Unknown } from './hcl-expression';
import { azapiTarget, azapiType, bodyProperties, writes } from './azapi-writes';
import { ResourceView, TerraformBlock } from './stack-model';
import { isObject } from './terraform-json';

// The network objects the rules judge (a delegated subnet, its network security group and rules, a private
// DNS zone with its records and links, a VNet holding a subnet) have azapi writers too. One table, one row per
// azapi type (without its API version, in any case), says which azurerm type each one twins, which lists of
// its body write child objects (a VNet's `subnets`: a write of each subnet), and how its body reads in the
// azurerm shape the rules judge. What a row does not read fails closed where it reaches a judged object
// (network-writers.ts); a Microsoft.Network type that is not in the table does too (fifteenth review,
// A15a-15, A15b-1, A15b-3, A15b-15).

type Config = { readonly [key: string]: unknown };

/** One azapi network type: the azurerm type it twins, its child lists, and its body read as that type's attributes. */
export interface AzapiNetworkRow {
  readonly azurerm: string;
  /** Lists of the body's properties that hold child objects, each written with the parent (lower case). */
  readonly children?: readonly string[];
  /** The attributes the rules read, from the body's properties; undefined when the row reads nothing (the write fails closed). */
  readonly read?: (properties: Config) => Config | undefined;
}

const RECORD_KINDS = ['a', 'aaaa', 'cname', 'mx', 'ptr', 'srv', 'txt'];

/** The azapi network types the checks know, keyed by lower-case type without API version. */
export const AZAPI_NETWORK_TYPES: { readonly [type: string]: AzapiNetworkRow } = {
  'microsoft.network/virtualnetworks': { azurerm: 'azurerm_virtual_network', children: ['subnets'] },
  'microsoft.network/virtualnetworks/subnets': { azurerm: 'azurerm_subnet', read: subnetAssociation },
  'microsoft.network/networksecuritygroups': { azurerm: 'azurerm_network_security_group', children: ['securityrules'], read: securityGroup },
  'microsoft.network/networksecuritygroups/securityrules': { azurerm: 'azurerm_network_security_rule', read: securityRule },
  'microsoft.network/privatednszones': { azurerm: 'azurerm_private_dns_zone' },
  'microsoft.network/privatednszones/soa': { azurerm: 'azurerm_private_dns_zone' },
  'microsoft.network/privatednszones/virtualnetworklinks': { azurerm: 'azurerm_private_dns_zone_virtual_network_link', read: zoneLink },
  ...Object.fromEntries(RECORD_KINDS.map((kind) => [`microsoft.network/privatednszones/${kind}`, { azurerm: `azurerm_private_dns_${kind}_record`, read: () => ({}) }])),
  'microsoft.network/routetables': { azurerm: 'azurerm_route_table', children: ['routes'] },
  'microsoft.network/routetables/routes': { azurerm: 'azurerm_route' },
  'microsoft.network/privateendpoints': { azurerm: 'azurerm_private_endpoint' },
};

// The writers and their targets are read in azapi-writes.ts, for every table alike.
export { azapiTarget, azapiWriters } from './azapi-writes';

/** The table's row of an azapi block, or undefined for another (or a non-literal) type. */
export function azapiNetworkRow(block: ResourceView): AzapiNetworkRow | undefined {
  const type = azapiType(block);
  return type !== undefined && Object.prototype.hasOwnProperty.call(AZAPI_NETWORK_TYPES, type) ? AZAPI_NETWORK_TYPES[type] : undefined;
}

/**
 * The attributes a write reads into (its azurerm twin's), or undefined when the row reads nothing of it or its body
 * cannot be read: a body known only at apply time, a property the row does not read.
 */
export function readAzapiNetwork(block: ResourceView): Config | undefined {
  const row = azapiNetworkRow(block);
  if (row?.read === undefined || !writes(block)) return undefined;
  const properties = bodyProperties(block) ?? {};
  return isObject(properties) && !isUnknown(properties) ? row.read(properties as Config) : undefined;
}

/**
 * Whether a write of a parent replaces a child list: an action by PUT sends the whole object; a resource, an update or
 * a PATCH a list its body holds (a list replaces the live one; azapi_resource leaves out what its body does not hold),
 * or any when its body cannot be read.
 */
export function writesChildren(block: ResourceView, list: string): boolean {
  const method = block.config.method;
  if (block.type === 'azapi_resource_action' && (isUnknown(method) || (typeof method === 'string' && method.trim().toLowerCase() === 'put'))) return true;
  const properties = bodyProperties(block);
  if (properties === undefined) return false;
  if (!isObject(properties) || isUnknown(properties)) return true;
  return Object.entries(properties).some(([key, value]) => key.toLowerCase() === list && value !== undefined);
}

/** A subnet write read as its group association: only a body whose one property is the group. */
function subnetAssociation(properties: Config): Config | undefined {
  const keys = Object.keys(properties).map((key) => key.toLowerCase());
  const group = properties.networkSecurityGroup;
  if (keys.length !== 1 || keys[0] !== 'networksecuritygroup' || !isObject(group) || isUnknown(group) || Object.keys(group).join().toLowerCase() !== 'id') return undefined;
  return { network_security_group_id: (group as Config).id };
}

/** A group's body: its inline rules (each as a security_rule block); any other property is not read. */
function securityGroup(properties: Config): Config | undefined {
  const keys = Object.keys(properties);
  const rules = properties.securityRules ?? [];
  if (keys.some((key) => key.toLowerCase() !== 'securityrules') || !Array.isArray(rules)) return undefined;
  const read = rules.map((rule) => (isObject(rule) && !isUnknown(rule) && isObject(rule.properties) && !isUnknown(rule.properties) ? { name: rule.name, ...securityRule(rule.properties as Config) } : undefined));
  return read.every((rule) => rule !== undefined) ? { security_rule: read } : undefined;
}

/** The properties of an ARM security rule, in ARM's spelling: a body may write them in any letter case. */
const RULE_PROPERTIES = ['description', 'protocol', 'sourcePortRange', 'sourcePortRanges', 'destinationPortRange', 'destinationPortRanges', 'sourceAddressPrefix',
  'sourceAddressPrefixes', 'destinationAddressPrefix', 'destinationAddressPrefixes', 'sourceApplicationSecurityGroups', 'destinationApplicationSecurityGroups', 'access',
  'priority', 'direction'];

/** A rule's properties in azurerm's spelling: "sourceAddressPrefixes" (in any case) is source_address_prefixes. */
function securityRule(properties: Config): Config {
  const spelled = (key: string) => RULE_PROPERTIES.find((name) => name.toLowerCase() === key.toLowerCase()) ?? key;
  return Object.fromEntries(Object.entries(properties).map(([key, value]) => [spelled(key).replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`), value]));
}

/** A VNet link: whether it registers VMs' names; another property is not read. */
function zoneLink(properties: Config): Config | undefined {
  const keys = Object.keys(properties).map((key) => key.toLowerCase()).filter((key) => key !== 'virtualnetwork' && key !== 'resolutionpolicy');
  if (keys.some((key) => key !== 'registrationenabled')) return undefined;
  return { registration_enabled: properties.registrationEnabled ?? false };
}

/**
 * The stack's network security groups written by azapi_resource, each as an azurerm_network_security_group view
 * (same address; name, resource group from parent_id, inline rules). Rules the table cannot read are known only
 * at apply time to the rules that judge them (an unknown verdict: fail closed on an error rule).
 */
export function azapiSecurityGroups(blocks: readonly ResourceView[]): ResourceView[] {
  return blocks.flatMap((block) => {
    if (block.type !== 'azapi_resource' || azapiType(block) !== 'microsoft.network/networksecuritygroups') return [];
    const read = readAzapiNetwork(block) ?? { security_rule: new Unknown(`the security rules of ${block.address}, whose body the checks do not read`, []) };
    const parent = block.config.parent_id;
    // The group its parent's ID names, read by the ID grammar ("/resourceGroups//rg-db/" is rg-db: ids-in-text.ts; stop 36).
    const group = typeof parent === 'string' ? resourceGroupOf(parent) : undefined;
    const config: TerraformBlock = { ...read, type: block.config.type, name: block.config.name, ...(group === undefined ? {} : { resource_group_name: group }) } as TerraformBlock;
    return [{ ...block, config }];
  });
}

/** Whether an ID is a pointer or below it: the same expression or literal ID (azure-keys.ts), or its text and "/" more. */
export function atOrBelow(id: unknown, pointer: unknown): boolean {
  const text = (value: unknown) => (isUnknown(value) ? value.toString() : typeof value === 'string' ? idKey(value) : undefined);
  if (isUnknown(id) !== isUnknown(pointer)) return false;
  const [written, given] = [text(id), text(pointer)];
  return written !== undefined && given !== undefined && given !== '' && (written === given || written.startsWith(`${given}/`));
}

/** Whether an azapi write is on an object at or below a pointer: by its ID, or its parent_id. */
export function writesAtOrBelow(block: ResourceView, pointer: unknown): boolean {
  return atOrBelow(azapiTarget(block), pointer) || atOrBelow(block.config.parent_id, pointer);
}
