import { idSegments, sameName } from './azure-keys';
import { azapiType, bodyProperties, propertyInAnyCase } from './azapi-writes';
import { blocksKnownLater } from './dynamic-blocks';
import { isUnknown, Unknown } from './hcl-expression';
import { asList, ResourceView, TerraformBlock } from './stack-model';
import { isObject } from './terraform-json';

// A subnet is not only an azurerm_subnet: a VNet block may define its subnets itself (an azapi VNet body's `subnets`, an
// azurerm_virtual_network's `subnet` blocks), and an azapi_resource of type `virtualNetworks/subnets` is one. A server given
// such a subnet (`${azapi_resource.vnet.id}/subnets/pg`, a literal ID of its names, a reference to the azapi subnet) hangs in
// the stack's own subnet: each is read here as an azurerm_subnet view (its name, VNet, prefixes) with the network security
// group it writes, so every reader of the delegated subnet judges it as it judges an azurerm_subnet. A subnet whose
// definition the checks cannot read (a body or list known only at apply time, dynamic `subnet` blocks) has prefixes and a
// group known only at apply time: the rules that judge them fail closed (thirty-fifth session).

/** An inline or azapi subnet, read as an azurerm_subnet: its view, and the group its definition associates. */
export interface InlineSubnet {
  /** type azurerm_subnet, at the address of the block that defines it (the VNet, for a subnet of its body or blocks). */
  readonly view: ResourceView;
  /** The network security group ID its definition writes, or an Unknown when it cannot be read; undefined for none. */
  readonly group?: unknown;
  /** The VNet's literal name, for literal IDs of the subnet (the view's `virtual_network_name` may be a reference to the VNet block). */
  readonly vnetName?: string;
}

const AZAPI_VNET = 'microsoft.network/virtualnetworks';
const AZAPI_SUBNET = 'microsoft.network/virtualnetworks/subnets';

/** The subnets the stack's VNet blocks define inline, and its azapi subnet resources, each read as an azurerm_subnet. */
export function inlineSubnets(blocks: readonly ResourceView[]): InlineSubnet[] {
  return blocks.flatMap((block) => {
    if (block.type === 'azurerm_virtual_network') return azurermSubnets(block);
    if (block.type !== 'azapi_resource') return [];
    const type = azapiType(block);
    if (type === AZAPI_VNET) return azapiVnetSubnets(block);
    return type === AZAPI_SUBNET ? [azapiSubnet(block)] : [];
  });
}

/** A reference to an attribute of a block, as the parser reads `${<address>.<attribute>}`. */
function reference(block: ResourceView, attribute: string): Unknown {
  return new Unknown(`${block.address}.${attribute}`, [`${block.address}.${attribute}`]);
}

/** What the checks cannot read of a subnet a block defines: its prefixes and its group, known only at apply time to the rules. */
function unread(block: ResourceView, what: string): Unknown {
  return new Unknown(`${what} of ${block.address}, which the checks do not read`, []);
}

function subnetView(block: ResourceView, config: TerraformBlock): ResourceView {
  return { ...block, type: 'azurerm_subnet', config };
}

/** The `subnet` blocks of an azurerm_virtual_network, as azurerm_subnet views (their `security_group` is their group). */
function azurermSubnets(vnet: ResourceView): InlineSubnet[] {
  const common = { resource_group_name: vnet.config.resource_group_name, virtual_network_name: reference(vnet, 'name') };
  const vnetName = typeof vnet.config.name === 'string' ? vnet.config.name : undefined;
  if (blocksKnownLater(vnet.config, 'subnet')) {
    const hidden = unread(vnet, 'the subnet blocks');
    return [{ view: subnetView(vnet, { ...common, name: hidden, address_prefixes: hidden }), group: hidden, vnetName }];
  }
  return asList(vnet.config.subnet).map((subnet) => {
    const { security_group: group, ...rest } = subnet;
    return { view: subnetView(vnet, { ...rest, ...common }), group, vnetName };
  });
}

/** The VNet's name and resource group an azapi parent ID names (literal), or the VNet block it references. */
function parentVnet(parent: unknown): { name?: unknown; group?: string; vnetName?: string } {
  if (isUnknown(parent)) {
    const vnet = parent.isPlainReference ? /^(.+)\.id$/.exec(parent.references[0])?.[1] : undefined;
    return vnet === undefined ? {} : { name: new Unknown(`${vnet}.name`, [`${vnet}.name`]) };
  }
  const parts = typeof parent === 'string' ? idSegments(parent) : [];
  if (parts[2] !== 'resourcegroups' || parts[6] !== 'virtualnetworks' || parts[7] === undefined) return {};
  return { name: parts[7], group: parts[3], vnetName: parts[7] };
}

/** The resource group a literal parent ID (a resource group's) names. */
function parentGroup(parent: unknown): string | undefined {
  const parts = typeof parent === 'string' ? idSegments(parent) : [];
  return parts[2] === 'resourcegroups' && parts[4] === undefined ? parts[3] : undefined;
}

/** The subnets an azapi VNet's body lists (azapi sends only what its body holds: none when it has no `subnets`). */
function azapiVnetSubnets(vnet: ResourceView): InlineSubnet[] {
  const group = parentGroup(vnet.config.parent_id);
  const vnetName = typeof vnet.config.name === 'string' ? vnet.config.name : undefined;
  const common = { ...(group === undefined ? {} : { resource_group_name: group }), virtual_network_name: reference(vnet, 'name') };
  const properties = bodyProperties(vnet);
  const subnets = isObject(properties) && !isUnknown(properties) ? propertyInAnyCase(properties, 'subnets') : properties;
  if (subnets === undefined || subnets === null) return [];
  if (!Array.isArray(subnets)) {
    const hidden = unread(vnet, 'the subnets in the body');
    return [{ view: subnetView(vnet, { ...common, name: hidden, address_prefixes: hidden }), group: hidden, vnetName }];
  }
  return subnets.map((subnet) => {
    const item = isObject(subnet) && !isUnknown(subnet) ? subnet : undefined;
    const read = fromBody(vnet, item?.name ?? unread(vnet, 'the name of a subnet in the body'), item?.properties, 'a subnet in the body');
    return { ...read, view: subnetView(vnet, { ...read.view.config, ...common }), vnetName };
  });
}

/** An azapi_resource of a subnet, as an azurerm_subnet view at its own address. */
function azapiSubnet(block: ResourceView): InlineSubnet {
  const parent = parentVnet(block.config.parent_id);
  const read = fromBody(block, block.config.name, bodyProperties(block) ?? {}, 'the body');
  const common = { ...(parent.group === undefined ? {} : { resource_group_name: parent.group }), virtual_network_name: parent.name ?? unread(block, 'the virtual network') };
  return { ...read, view: subnetView(block, { ...read.view.config, ...common }), vnetName: parent.vnetName };
}

/** A subnet's ARM properties in azurerm's shape: its prefixes, delegations, service endpoints, policies, route table and group. */
function fromBody(block: ResourceView, name: unknown, properties: unknown, what: string): InlineSubnet {
  if (!isObject(properties) || isUnknown(properties)) {
    const hidden = unread(block, `the properties of ${what}`);
    return { view: subnetView(block, { name, address_prefixes: hidden }), group: hidden };
  }
  const one = propertyInAnyCase(properties, 'addressPrefix');
  const many = propertyInAnyCase(properties, 'addressPrefixes');
  const prefixes = isUnknown(many) ? many : [...(one === undefined || one === null ? [] : [one]), ...(Array.isArray(many) ? many : [])];
  const group = propertyInAnyCase(properties, 'networkSecurityGroup');
  const table = propertyInAnyCase(properties, 'routeTable');
  const delegations = propertyInAnyCase(properties, 'delegations');
  const endpoints = propertyInAnyCase(properties, 'serviceEndpoints');
  const config: TerraformBlock = {
    name,
    address_prefixes: prefixes,
    ...(delegations === undefined ? {} : { delegation: Array.isArray(delegations) ? delegations.map(delegation) : delegations }),
    ...(endpoints === undefined ? {} : { service_endpoints: Array.isArray(endpoints) ? endpoints.map((each) => propertyInAnyCase(each, 'service') ?? each) : endpoints }),
    ...policy(properties),
    ...(table === undefined || table === null ? {} : { route_table_id: idOf(table, block, `the route table of ${what}`) }),
  } as TerraformBlock;
  return { view: subnetView(block, config), ...(group === undefined || group === null ? {} : { group: idOf(group, block, `the network security group of ${what}`) }) };
}

/** The `id` of an ARM sub-resource ({ id }), or an Unknown when it is not one the checks read. */
function idOf(value: unknown, block: ResourceView, what: string): unknown {
  const id = propertyInAnyCase(value, 'id');
  return id === undefined || (typeof id !== 'string' && !isUnknown(id)) ? unread(block, what) : id;
}

/** A delegation ({ name, properties: { serviceName } }) as azurerm's `delegation` block. */
function delegation(value: unknown): unknown {
  const service = propertyInAnyCase(propertyInAnyCase(value, 'properties'), 'serviceName');
  return { name: propertyInAnyCase(value, 'name'), service_delegation: { name: service } };
}

/** `privateEndpointNetworkPolicies` as azurerm's `private_endpoint_network_policies`. */
function policy(properties: object): TerraformBlock {
  const value = propertyInAnyCase(properties, 'privateEndpointNetworkPolicies');
  return value === undefined ? {} : { private_endpoint_network_policies: value } as TerraformBlock;
}

/**
 * Of the inline subnets a pointer references through their VNet block ("${azapi_resource.vnet.id}/subnets/pg"), the ones it
 * may name: those of the literal name after "/subnets/", or every one when the name is known only later or not written.
 */
export function namedInline(candidates: readonly InlineSubnet[], pointer: unknown): InlineSubnet[] {
  if (!isUnknown(pointer)) return [...candidates];
  const tail = /\/subnets\/([^/$]+)\/*$/i.exec(pointer.spelling)?.[1];
  return tail === undefined ? [...candidates] : candidates.filter((each) => isUnknown(each.view.config.name) || sameName(each.view.config.name, tail));
}
