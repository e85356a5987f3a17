/**
 * What gives other networks' clients an address (nineteenth review, A19b-1). Once a construct's allowedSources are address
 * prefixes, its network security group decides by source, and the VNet joiners pass (vnet-wide-writers.ts): a network they join
 * keeps its own addresses. A gateway that hands out addresses does not: an ingress NAT rule rewrites on-premises sources to its
 * internal mapping, a point-to-site pool gives each VPN user an address of it, and a Bastion host with IP connect or tunneling
 * opens its users' connections from its subnet's addresses. Inside an allowed prefix, those clients
 * reach the server as the prefix. One table of such writers (azurerm and azapi alike), each read into the ranges it gives;
 * a range that may overlap an allowed prefix fails PG-NET-1, whatever VNet the gateway is in (a hub peered to the server's
 * carries what it translates). A type of the kind the table neither reads nor lists as inert fails closed.
 */
import { AddressSpan, describeAddressSet, spansOverlap } from '../private/ipv4';
import { parseIpv6Prefix } from '../private/ipv6';
import { blockOf } from './attribute-reads';
import { AZAPI_WRITER_TYPES, azapiType, bodyProperties, propertyInAnyCase as field, writes } from './azapi-writes';
import { madePath } from './beside-construct';
import { referencedResources } from './referenced-resources';
import { blocksKnownLater } from './dynamic-blocks';
import { isUnknown, Unknown } from './hcl-expression';
import { fail, StackFacts, unknown, Verdict } from './rule';
import { spanOf } from './server-networks';
import { serverVnets } from './server-vnets';
import { ResourceView, ServerView } from './stack-model';
import { isObject } from './terraform-json';
import { literalBoolean, literalString } from './value-readers';

/** One range a writer gives clients of other networks: where it is written, and whether the writer certainly gives it (false: its mode is known only later). */
interface Given {
  readonly argument: string;
  readonly range: unknown;
  readonly what: string;
  readonly certain: boolean;
}

type Reader = (block: ResourceView, stack: StackFacts | undefined) => Given[];

const INGRESS = 'an ingress NAT rule that gives on-premises sources';
const POOL = 'a point-to-site pool that gives VPN users';
const BASTION = 'a Bastion host with IP-based connection or native-client tunneling, whose users connect to any address from its subnet';
const LIVE_NAT = 'a connection that applies a NAT rule the stack does not write, whose mapping may be any range';

/** The items of a list, or the list itself when it is known only later (one item that may be anything). */
function items(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (isUnknown(value)) return [value];
  return Array.isArray(value) ? value : [value];
}

/** A nested value by keys (any case), or the first Unknown on the way: a part known only later may hold anything. */
function at(value: unknown, ...keys: string[]): unknown {
  let found = value;
  for (const key of keys) {
    if (found === undefined || found === null || isUnknown(found)) return found;
    found = field(found, key);
  }
  return found;
}

/**
 * The items of a nested block of an azurerm body: each as written, an Unknown for a list known only later and for its
 * `dynamic` blocks (what Terraform repeats is not read: it may be any range).
 */
function nested(body: unknown, name: string): unknown[] {
  if (!isObject(body) || isUnknown(body)) return [body];
  const later = blocksKnownLater(body as { [key: string]: unknown }, name) ? [new Unknown(`the ${name} blocks known only later`, [])] : [];
  return [...(isUnknown(body[name]) ? [] : items(body[name])), ...later];
}

/** An argument of a nested block item, or the item when it is known only later. */
function argumentOf(item: unknown, name: string): unknown {
  return isObject(item) && !isUnknown(item) ? item[name] : item;
}

/** Each range of a list (an Unknown list, or item, is one range known only later). */
function ranges(value: unknown, argument: string, what: string, certain = true): Given[] {
  return items(value).map((range) => ({ argument, range, what, certain }));
}

/** Whether a NAT mode is ingress: azurerm's default is EgressSnat; azapi's absent mode is Azure's or the live rule's (may). */
function ingress(mode: unknown, absent: boolean | 'maybe'): boolean | 'maybe' {
  if (mode === undefined || mode === null) return absent;
  const text = literalString(mode);
  if (text === undefined) return 'maybe';
  return text.trim().toLowerCase() === 'ingresssnat' ? true : text.trim().toLowerCase() === 'egresssnat' ? false : 'maybe';
}

/** An azurerm NAT rule (VNet gateway, vWAN VPN gateway): the internal mappings of an ingress rule. */
const azurermNat: Reader = (block) => {
  const mode = ingress(block.config.mode, false);
  if (mode === false) return [];
  const mappings = nested(block.config, 'internal_mapping').map((mapping) => argumentOf(mapping, 'address_space'));
  return [...ranges(mappings, 'internal_mapping', INGRESS, mode === true), ...ranges(block.config.internal_address_space_mappings, 'internal_address_space_mappings', INGRESS, mode === true)];
};

/** An ARM NAT rule's properties: its internal mappings when it may be ingress; absent parts are Azure's or the live rule's. */
function armNat(properties: unknown, argument: string): Given[] {
  if (isUnknown(properties) || properties === undefined) return [{ argument, range: properties ?? new Unknown(`${argument}, not written`, []), what: INGRESS, certain: false }];
  const mode = ingress(field(properties, 'mode'), 'maybe');
  if (mode === false) return [];
  const mappings = field(properties, 'internalMappings');
  if (mappings === undefined) return [{ argument: `${argument}.internalMappings`, range: new Unknown('internal mappings not written (the live rule\'s)', []), what: INGRESS, certain: false }];
  return items(mappings).map((mapping) => ({ argument: `${argument}.internalMappings`, range: isUnknown(mapping) ? mapping : field(mapping, 'addressSpace'), what: INGRESS, certain: mode === true }));
}

/** The NAT rule types of the table, which a connection's reference may name (then judged on their own). */
const NAT_RULE_TYPES = ['azurerm_virtual_network_gateway_nat_rule', 'azurerm_vpn_gateway_nat_rule', 'microsoft.network/virtualnetworkgateways/natrules', 'microsoft.network/vpngateways/natrules'];

/** Whether a pointer is a reference to a NAT rule block of the stack. */
function natRuleOfStack(pointer: unknown, stack: StackFacts | undefined): boolean {
  if (!isUnknown(pointer) || !pointer.isPlainReference) return false;
  const address = blockOf(pointer.references[0]);
  const block = address === undefined ? undefined : stack?.resources?.get(address);
  if (block === undefined) return false;
  return NAT_RULE_TYPES.includes(AZAPI_WRITER_TYPES.includes(block.type) ? azapiType(block) ?? '' : block.type);
}

/** The ingress NAT rules a connection applies, wherever written (key names in any case): one the stack does not write may map anything. */
function appliedNatRules(value: unknown, keys: readonly string[], stack: StackFacts | undefined, argument: string): Given[] {
  const found: Given[] = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) node.forEach((each) => walk(each, where));
    else if (isObject(node) && !isUnknown(node)) {
      for (const [key, inner] of Object.entries(node)) {
        const path = where === '' ? key : `${where}.${key}`;
        if (!keys.includes(key.toLowerCase())) { walk(inner, path); continue; }
        for (const rule of items(inner)) {
          const pointer = isObject(rule) && !isUnknown(rule) ? field(rule, 'id') : rule;
          if (!natRuleOfStack(pointer, stack)) found.push({ argument: path, range: new Unknown(`the mapping of the NAT rule ${isUnknown(pointer) ? pointer.toString() : JSON.stringify(pointer ?? null)}`, []), what: LIVE_NAT, certain: false });
        }
      }
    }
  };
  walk(value, argument);
  return found;
}

/** An azapi reader: its body's properties read; a body known only later may give any range. */
function azapiReader(read: (properties: unknown, block: ResourceView, stack: StackFacts | undefined) => Given[], what: string): Reader {
  return (block, stack) => {
    if (!writes(block)) return [];
    const properties = bodyProperties(block);
    if (isUnknown(properties)) return [{ argument: 'body', range: properties, what, certain: false }];
    return properties === undefined ? [] : read(properties, block, stack);
  };
}

/** The pools of an ARM VPN client configuration: its own and its policy groups' (vngClientConnectionConfigurations). */
function armGatewayPools(configuration: unknown, argument: string): Given[] {
  if (isUnknown(configuration)) return ranges(configuration, argument, POOL);
  const groups = items(at(configuration, 'vngClientConnectionConfigurations'));
  return [...ranges(at(configuration, 'vpnClientAddressPool', 'addressPrefixes'), `${argument}.vpnClientAddressPool`, POOL),
    ...groups.flatMap((group) => ranges(at(group, 'properties', 'vpnClientAddressPool', 'addressPrefixes'), `${argument}.vngClientConnectionConfigurations`, POOL))];
}

/** The NAT rules written inline in an ARM gateway body. */
function armInlineNat(properties: unknown): Given[] {
  const rules = field(properties, 'natRules');
  return items(rules).flatMap((rule) => armNat(isUnknown(rule) ? rule : field(rule, 'properties'), 'body.properties.natRules'));
}

/** Whether a switch is on: true, false, or 'maybe' when it is known only later. */
function on(value: unknown): boolean | 'maybe' {
  if (isUnknown(value)) return 'maybe';
  return literalBoolean(value) === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/** The prefixes of the subnet a pointer names, when it refers to a subnet block of the stack; any range otherwise. */
function subnetRanges(pointer: unknown, stack: StackFacts | undefined, argument: string, what: string, certain: boolean): Given[] {
  const subnets = referencedResources(pointer, 'azurerm_subnet', stack?.resources);
  if (subnets.length === 0) return [{ argument, range: new Unknown(`the prefixes of the subnet ${isUnknown(pointer) ? pointer.toString() : JSON.stringify(pointer ?? null)}`, []), what, certain: false }];
  return subnets.flatMap((subnet) => ranges(subnet.config.address_prefixes, argument, what, certain));
}

/** A Bastion host's subnets, when IP connect or tunneling is on (or may be): its users' connections leave from their addresses. */
function bastionRanges(switches: readonly unknown[], subnets: readonly unknown[], stack: StackFacts | undefined, argument: string): Given[] {
  const states = switches.map(on);
  if (!states.includes(true) && !states.includes('maybe')) return [];
  return subnets.flatMap((subnet) => subnetRanges(subnet, stack, argument, BASTION, states.includes(true)));
}

/** The azurerm writers: the Terraform type and how the ranges it gives are read. */
const AZURERM_READERS: { readonly [type: string]: Reader } = {
  azurerm_virtual_network_gateway: (block) => {
    return nested(block.config, 'vpn_client_configuration').flatMap((configuration) => (isUnknown(configuration) || !isObject(configuration) ? ranges(configuration, 'vpn_client_configuration', POOL) : [
      ...ranges(configuration.address_space, 'vpn_client_configuration.address_space', POOL),
      ...nested(configuration, 'virtual_network_gateway_client_connection').flatMap((group) => ranges(argumentOf(group, 'address_prefixes'), 'vpn_client_configuration.virtual_network_gateway_client_connection.address_prefixes', POOL))]));
  },
  azurerm_bastion_host: (block, stack) => bastionRanges([block.config.ip_connect_enabled, block.config.tunneling_enabled],
    nested(block.config, 'ip_configuration').map((ip) => argumentOf(ip, 'subnet_id')), stack, 'ip_configuration.subnet_id'),
  azurerm_virtual_network_gateway_nat_rule: azurermNat,
  azurerm_vpn_gateway_nat_rule: azurermNat,
  azurerm_point_to_site_vpn_gateway: (block) => nested(block.config, 'connection_configuration').flatMap((configuration) => nested(configuration, 'vpn_client_address_pool')
    .flatMap((pool) => ranges(argumentOf(pool, 'address_prefixes'), 'connection_configuration.vpn_client_address_pool.address_prefixes', POOL))),
  azurerm_virtual_network_gateway_connection: (block, stack) => appliedNatRules(block.config, ['ingress_nat_rule_ids'], stack, ''),
  azurerm_vpn_gateway_connection: (block, stack) => appliedNatRules(block.config, ['ingress_nat_rule_ids'], stack, ''),
};

/** The azapi writers: the Azure type (lower case, without the API version) and how the ranges it gives are read. */
const AZAPI_READERS: { readonly [type: string]: Reader } = {
  'microsoft.network/virtualnetworkgateways': azapiReader((properties) => [...armGatewayPools(field(properties, 'vpnClientConfiguration'), 'body.properties.vpnClientConfiguration'), ...armInlineNat(properties)], POOL),
  'microsoft.network/bastionhosts': azapiReader((properties, _block, stack) => {
    const configurations = field(properties, 'ipConfigurations');
    // Not written: the live host's subnet (an update of its switches).
    const subnets = configurations === undefined ? [undefined] : items(configurations).map((ip) => (isUnknown(ip) ? ip : at(ip, 'properties', 'subnet', 'id')));
    return bastionRanges([field(properties, 'enableIpConnect'), field(properties, 'enableTunneling')], subnets, stack, 'body.properties.ipConfigurations');
  }, BASTION),
  'microsoft.network/virtualnetworkgateways/natrules': azapiReader((properties) => armNat(properties, 'body.properties'), INGRESS),
  'microsoft.network/vpngateways': azapiReader((properties, _block, stack) => [...armInlineNat(properties), ...appliedNatRules(properties, ['ingressnatrules'], stack, 'body.properties')], INGRESS),
  'microsoft.network/vpngateways/natrules': azapiReader((properties) => armNat(properties, 'body.properties'), INGRESS),
  'microsoft.network/vpngateways/vpnconnections': azapiReader((properties, _block, stack) => appliedNatRules(properties, ['ingressnatrules'], stack, 'body.properties'), LIVE_NAT),
  'microsoft.network/vpngateways/vpnconnections/vpnlinkconnections': azapiReader((properties, _block, stack) => appliedNatRules(properties, ['ingressnatrules'], stack, 'body.properties'), LIVE_NAT),
  'microsoft.network/p2svpngateways': azapiReader((properties) => items(at(properties, 'p2SConnectionConfigurations')).flatMap((configuration) =>
    ranges(at(configuration, 'properties', 'vpnClientAddressPool', 'addressPrefixes'), 'body.properties.p2SConnectionConfigurations', POOL)), POOL),
  'microsoft.network/connections': azapiReader((properties, _block, stack) => appliedNatRules(properties, ['ingressnatrules'], stack, 'body.properties'), LIVE_NAT),
};

/** The Terraform types the table reads. */
export const SOURCE_TRANSLATOR_TYPES: readonly string[] = Object.keys(AZURERM_READERS);
/** The azapi types the table reads, lower case without the API version. */
export const SOURCE_TRANSLATOR_AZURE_TYPES: readonly string[] = Object.keys(AZAPI_READERS);

/** The kind: gateways, their children and what configures them (azurerm, and Azure types given to azapi). */
const KIND = /^azurerm_(bastion\w*|virtual_network_gateway\w*|vpn_\w+|point_to_site\w*|express_route\w*|virtual_hub\w*|local_network_gateway\w*|route_server\w*|virtual_wan\w*)$/;
const KIND_AZURE = /^microsoft\.network\/(bastionhosts|virtualnetworkgateways|vpngateways|p2svpngateways|vpnserverconfigurations|vpnsites|virtualhubs|virtualwans|expressroute\w*|localnetworkgateways|connections|virtualrouters)(\/|$)/;

/** Whether a type (Terraform, or an Azure type key) is of the kind of the table. */
export function sourceTranslatorKind(type: string): boolean {
  return KIND.test(type) || KIND_AZURE.test(type);
}

/** Types of the kind that give no one an address, each with why. */
export const INERT_SOURCE_TYPES: readonly (readonly [RegExp, string])[] = [
  [/^(azurerm_local_network_gateway|microsoft\.network\/localnetworkgateways|azurerm_vpn_site\w*|microsoft\.network\/vpnsites(\/|$))/, 'declares the address spaces of an on-premises network, its own addresses: a client there keeps its address, and the NSG judges it'],
  [/^(azurerm_express_route\w*|microsoft\.network\/expressroute\w*(\/|$))/, 'ExpressRoute circuits, ports, gateways and connections translate no addresses (Azure has no NAT on them): the networks they join keep their own'],
  [/^(azurerm_virtual_hub\w*|microsoft\.network\/virtualhubs(\/|$)|azurerm_route_server\w*|microsoft\.network\/virtualrouters(\/|$)|azurerm_virtual_wan|microsoft\.network\/virtualwans(\/|$))/, 'hubs, their connections, routes, BGP peers and route servers steer traffic and never rewrite who sends it (Azure prefers VNet and peering routes to BGP ones)'],
  [/^(azurerm_vpn_server_configuration\w*|microsoft\.network\/vpnserverconfigurations(\/|$))/, 'sets how point-to-site users sign in; the pool they get addresses from is the point-to-site gateway\'s, read by the table'],
  [/^microsoft\.network\/(connections\/sharedkey|vpngateways\/vpnconnections\/vpnlinkconnections\/sharedkeys)(\/|$)/, 'the pre-shared key of a connection or link: it authenticates the tunnel and gives no one an address'],
  [/^azurerm_vpn_gateway$/, 'the azurerm VPN gateway of a hub holds no NAT rule or client pool in its schema: those are azurerm_vpn_gateway_nat_rule and azurerm_point_to_site_vpn_gateway, read by the table'],
];

/** The reader of a block's type, or undefined when the table does not hold it. */
function readerOf(block: ResourceView): Reader | undefined {
  if (!AZAPI_WRITER_TYPES.includes(block.type)) return Object.prototype.hasOwnProperty.call(AZURERM_READERS, block.type) ? AZURERM_READERS[block.type] : undefined;
  const type = azapiType(block);
  return type !== undefined && Object.prototype.hasOwnProperty.call(AZAPI_READERS, type) ? AZAPI_READERS[type] : undefined;
}

/** Whether a block is of the kind, neither read nor inert: it may give clients addresses the checks cannot read. */
function unreadOfKind(block: ResourceView): boolean {
  const azapi = AZAPI_WRITER_TYPES.includes(block.type);
  const type = azapi ? azapiType(block) : block.type;
  if (type === undefined || (azapi && !writes(block)) || !(azapi ? KIND_AZURE : KIND).test(type)) return false;
  return readerOf(block) === undefined && !INERT_SOURCE_TYPES.some(([pattern]) => pattern.test(type));
}

const FIX = 'Give them a range outside the construct\'s network allowedSources, or suppress PG-NET-1 on the resource with the reason (access from on-premises or VPN users is a legitimate design, but it must be explicit).';

/**
 * PG-NET-1's verdicts beside a construct whose network security group admits address prefixes alone: a writer of the table
 * that gives clients of other networks a range that overlaps an allowed prefix fails (one that may, by a value known only later,
 * is unknown; one the checks cannot read as a range fails); a writer of the kind the table does not read fails closed.
 */
export function sourceTranslators(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const allowed = serverVnets(server, stack).flatMap((target) => target.allowed ?? []);
  if (allowed.length === 0 || stack?.resources === undefined) return [];
  const sources = describeAddressSet(allowed);
  const verdicts: Verdict[] = [];
  for (const block of stack.resources.values()) {
    if ((block.address.startsWith('data.') && !AZAPI_WRITER_TYPES.includes(block.type)) || madePath(block) !== undefined) continue;
    const reader = readerOf(block);
    if (reader === undefined) {
      if (unreadOfKind(block)) verdicts.push(fail(`${block.address} is of a gateway type that may give clients of other networks addresses (NAT rules, client pools), which the checks do not read: inside ${owner}'s allowed sources (${sources}) they would reach the server as an allowed source. Review it and suppress PG-NET-1 on the resource with the reason.`, block.address));
      continue;
    }
    const verdict = judged(block, reader(block, stack), allowed, sources, owner);
    if (verdict !== undefined) verdicts.push(verdict);
  }
  return verdicts;
}

/** One verdict for a block: its first range that overlaps an allowed prefix (or cannot be read), else its first that may. */
function judged(block: ResourceView, given: readonly Given[], allowed: readonly AddressSpan[], sources: string, owner: string): Verdict | undefined {
  let maybe: Verdict | undefined;
  for (const { argument, range, what, certain } of given) {
    const text = isUnknown(range) ? undefined : literalString(range);
    const span: AddressSpan | undefined = text === undefined ? undefined : spanOf(text);
    // An IPv6 prefix that holds no IPv4 address gives none of the allowed (IPv4) prefixes.
    if (text !== undefined && span === undefined && parseIpv6Prefix(text.trim()) !== undefined) continue;
    if (text !== undefined && span === undefined) {
      return fail(`${block.address} is ${what} ${JSON.stringify(text)} (its ${argument}), which the checks cannot read as an address range: it may be inside ${owner}'s allowed sources (${sources}). ${FIX}`, block.address);
    }
    if (span !== undefined && !allowed.some((each) => spansOverlap(each, span))) continue;
    if (span !== undefined && certain) {
      return fail(`${block.address} is ${what} ${JSON.stringify(text)} (its ${argument}), inside ${owner}'s allowed sources (${sources}): they reach the server as an allowed source, through its network security group. ${FIX}`, block.address);
    }
    maybe ??= unknown(`whether ${block.address} (${what}) gives clients of other networks an address inside ${owner}'s allowed sources (${sources}) is known only at apply time (its ${argument})`, block.address);
  }
  return maybe;
}
