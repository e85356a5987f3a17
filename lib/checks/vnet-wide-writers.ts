/**
 * What joins a server's virtual network to other networks, or answers for names in all of it (seventeenth session,
 * A16a-2, A16a-11, A16b-4): the construct's default PostgreSQL source is the `VirtualNetwork` service tag, which holds
 * the VNet, its peered VNets, the point-to-site clients and on-premises ranges of its gateways and Bastion's tunnels;
 * a private endpoint answers all of them. One table of writers, each read into the VNets it writes to (azurerm and
 * azapi alike), judged for every VNet the server is reachable in (server-vnets.ts) by PG-NET-1. A writer of the same
 * kind the table does not read fails closed when it names such a VNet. A DNS forwarding ruleset linked to the VNet is read
 * as its DNS: one the stack does not write fails (A17b-6).
 */
import { AZAPI_WRITER_TYPES, azapiType, bodyProperties, propertyInAnyCase as field, writes } from './azapi-writes';
import { azapiTarget } from './azapi-network';
import { blockOf } from './attribute-reads';
import { madePath } from './beside-construct';
import { isUnknown } from './hcl-expression';
import { fail, StackFacts, unknown, Verdict } from './rule';
import { describeVnet, sameVnet, ServerVnet, serverVnets, VnetRef, vnetOfId, vnetOfSubnet } from './server-vnets';
import { ANY_SEGMENT, idsInBlock, networkPathsOf, pathAtOrBelow } from './ids-in-text';
import { stackCreates } from './stack-created';
import { asList, ResourceView, ServerView } from './stack-model';
import { isObject } from './terraform-json';
import { literalBoolean } from './value-readers';

/** What a write does to a whole VNet: joins other networks to it (reach), or sets the DNS servers its clients ask (dns). */
export type VnetEffect = 'reach' | 'dns';

/** One write of a VNet-wide writer: the VNet, the argument it is named by, and whether it widens (maybe: known only later). */
export interface VnetWrite {
  readonly vnet: VnetRef;
  readonly argument: string;
  readonly effect: VnetEffect;
  /** What the block is to the VNet, for messages: "a virtual network gateway in". */
  readonly what: Kind;
  readonly widens: boolean | 'maybe';
}

type Config = { readonly [key: string]: unknown };
type Reader = (block: ResourceView, stack: StackFacts | undefined) => VnetWrite[];

/** Azure's own DNS: no servers, or only Azure's virtual public address. */
const AZURE_DNS = '168.63.129.16';

/** Whether DNS servers other than Azure's are set; 'maybe' when a list or an item is known only later. */
function customDns(servers: unknown): boolean | 'maybe' {
  if (servers === undefined || servers === null) return false;
  if (isUnknown(servers) || !Array.isArray(servers)) return isUnknown(servers) ? 'maybe' : true;
  if (servers.some((server) => typeof server === 'string' && server.trim() !== AZURE_DNS)) return true;
  return servers.some(isUnknown) ? 'maybe' : servers.some((server) => typeof server !== 'string');
}

/** Whether a switch is on; 'maybe' when it is known only later. */
function on(value: unknown): boolean | 'maybe' {
  if (isUnknown(value)) return 'maybe';
  return literalBoolean(value) === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

function either(...values: (boolean | 'maybe')[]): boolean | 'maybe' {
  return values.includes(true) ? true : values.includes('maybe') ? 'maybe' : false;
}

/** What a writer is to the VNet and who it brings in, for messages. */
const GATEWAY = { what: 'a virtual network gateway in', who: 'its point-to-site clients and the on-premises, ExpressRoute and VNet-to-VNet networks of its connections' };
const CONNECTION = { what: 'a gateway connection of a gateway in', who: 'the networks it joins' };
const BASTION = { what: 'a Bastion host with IP-based connection or native-client tunneling in', who: 'its users, who open connections to any address of the network through it,' };
const PEERING = { what: 'a peering of', who: 'the peered network and what it reaches' };
const HUB = { what: 'a virtual hub connection of', who: 'the virtual WAN and every network it joins' };
const ROUTE_SERVER = { what: 'a route server in', who: 'the networks its BGP peers announce' };
const DNS = { what: 'DNS servers of its own on', who: '' };
const RULESET = { what: 'the forwarding rules of a ruleset the stack does not write, which the checks cannot read, on', who: '' };
type Kind = typeof GATEWAY;

/** Writes of one VNet through a pointer to it or to something in it. */
function byId(stack: StackFacts | undefined, argument: string, pointer: unknown, effect: VnetEffect, what: Kind, widens: boolean | 'maybe'): VnetWrite[] {
  return pointer === undefined || pointer === null ? [] : [{ vnet: vnetOfId(pointer, stack), argument, effect, what, widens }];
}

/** A gateway of the stack a connection names, by reference: the VNets of its IP configurations; none read when it is not the stack's. */
function gatewayVnets(pointer: unknown, stack: StackFacts | undefined): VnetRef[] {
  if (pointer === undefined || pointer === null) return [];
  const address = isUnknown(pointer) && pointer.references.length > 0 ? blockOf(pointer.references[0]) : undefined;
  const block = address === undefined ? undefined : stack?.resources?.get(address);
  if (block === undefined) return [{}];
  const writes = readersOf(block)?.(block, stack) ?? [];
  return writes.length === 0 ? [{}] : writes.map((write) => write.vnet);
}

/** The Terraform and Azure types of a DNS forwarding ruleset; its rules are read by dns-forwarding-rules.ts. */
const RULESET_TYPES = ['azurerm_private_dns_resolver_dns_forwarding_ruleset', 'microsoft.network/dnsforwardingrulesets'];

/**
 * Whether a ruleset linked to a VNet may forward queries the checks cannot judge: false for a ruleset the stack creates, named
 * by a reference (its rules are all in the stack, read by dns-forwarding-rules.ts, PG-NET-1), true for any other (A17b-6): one
 * the stack imports or only updates keeps its live rules (A19b-3).
 */
function unreadRuleset(pointer: unknown, stack: StackFacts | undefined): boolean {
  const address = isUnknown(pointer) && pointer.isPlainReference ? blockOf(pointer.references[0]) : undefined;
  const block = address === undefined ? undefined : stack?.resources?.get(address);
  if (block === undefined || !stackCreates(block, stack)) return true;
  const type = AZAPI_WRITER_TYPES.includes(block.type) ? azapiType(block) : block.type;
  return type === undefined || !RULESET_TYPES.includes(type);
}

/** The azurerm writers: the Terraform type and how its VNets are read. */
const AZURERM_READERS: { readonly [type: string]: Reader } = {
  azurerm_virtual_network_gateway: (block, stack) => asList(block.config.ip_configuration).flatMap((ip) => byId(stack, 'ip_configuration.subnet_id', ip.subnet_id, 'reach', GATEWAY, true)),
  azurerm_virtual_network_gateway_connection: (block, stack) => ['virtual_network_gateway_id', 'peer_virtual_network_gateway_id']
    .flatMap((argument) => gatewayVnets(block.config[argument], stack).map((vnet) => ({ vnet, argument, effect: 'reach' as const, what: CONNECTION, widens: true }))),
  azurerm_bastion_host: (block, stack) => {
    const widens = either(on(block.config.ip_connect_enabled), on(block.config.tunneling_enabled));
    return [...asList(block.config.ip_configuration).flatMap((ip) => byId(stack, 'ip_configuration.subnet_id', ip.subnet_id, 'reach', BASTION, widens)),
      ...byId(stack, 'virtual_network_id', block.config.virtual_network_id, 'reach', BASTION, widens)];
  },
  azurerm_virtual_network_peering: (block, stack) => [
    { vnet: vnetOfSubnet({ ...block, config: { virtual_network_name: block.config.virtual_network_name, resource_group_name: block.config.resource_group_name, provider: block.config.provider } }, stack), argument: 'virtual_network_name', effect: 'reach', what: PEERING, widens: true },
    ...byId(stack, 'remote_virtual_network_id', block.config.remote_virtual_network_id, 'reach', PEERING, true)],
  azurerm_virtual_hub_connection: (block, stack) => byId(stack, 'remote_virtual_network_id', block.config.remote_virtual_network_id, 'reach', HUB, true),
  azurerm_route_server: (block, stack) => byId(stack, 'subnet_id', block.config.subnet_id, 'reach', ROUTE_SERVER, true),
  azurerm_virtual_network: (block, stack): VnetWrite[] => {
    const named = vnetOfSubnet({ ...block, config: { virtual_network_name: block.config.name, resource_group_name: block.config.resource_group_name, provider: block.config.provider } }, stack);
    return [{ vnet: { ...named, address: block.address }, argument: 'dns_servers', effect: 'dns', what: DNS, widens: customDns(block.config.dns_servers) }];
  },
  azurerm_virtual_network_dns_servers: (block, stack) => byId(stack, 'virtual_network_id', block.config.virtual_network_id, 'dns', DNS, customDns(block.config.dns_servers)),
  azurerm_private_dns_resolver_virtual_network_link: (block, stack) => byId(stack, 'virtual_network_id', block.config.virtual_network_id, 'dns', RULESET, unreadRuleset(block.config.dns_forwarding_ruleset_id, stack)),
};

/** The IDs of the subnets an azapi body's IP configurations name (a subnet known only later as itself). */
function ipConfigurationSubnets(properties: Config): unknown[] {
  const list = field(properties, 'ipConfigurations');
  if (isUnknown(list)) return [list];
  return (Array.isArray(list) ? list : []).map((ip) => field(field(field(ip, 'properties'), 'subnet'), 'id') ?? field(field(ip, 'properties'), 'subnet'));
}

/** The VNet an azapi block writes below (its target or parent is a VNet or one of its children). */
function targetVnet(block: ResourceView, stack: StackFacts | undefined): VnetRef {
  return vnetOfId(azapiTarget(block) ?? block.config.parent_id, stack);
}

/** Reads an azapi body's properties into writes; a body known only later, or one that names no VNet, may be any VNet. */
function azapiReader(read: (properties: Config, block: ResourceView, stack: StackFacts | undefined) => VnetWrite[], what: Kind, effect: VnetEffect = 'reach'): Reader {
  return (block, stack) => {
    if (!writes(block)) return [];
    const properties = bodyProperties(block);
    if (isUnknown(properties)) return [{ vnet: {}, argument: 'body', effect, what, widens: 'maybe' }];
    const found = read((properties ?? {}) as Config, block, stack);
    return found.length > 0 ? found : [{ vnet: {}, argument: 'body', effect, what, widens: 'maybe' }];
  };
}

/** The azapi writers: the Azure type (lower case, without the API version) and how its VNets are read. */
const AZAPI_READERS: { readonly [type: string]: Reader } = {
  'microsoft.network/virtualnetworkgateways': azapiReader((properties, _block, stack) => ipConfigurationSubnets(properties)
    .flatMap((subnet) => byId(stack, 'body.properties.ipConfigurations', subnet, 'reach', GATEWAY, true)), GATEWAY),
  'microsoft.network/bastionhosts': azapiReader((properties, _block, stack) => {
    const widens = either(on(field(properties, 'enableIpConnect')), on(field(properties, 'enableTunneling')));
    return [...ipConfigurationSubnets(properties).flatMap((subnet) => byId(stack, 'body.properties.ipConfigurations', subnet, 'reach', BASTION, widens)),
      ...byId(stack, 'body.properties.virtualNetwork', field(field(properties, 'virtualNetwork'), 'id'), 'reach', BASTION, widens)];
  }, BASTION),
  // A peering child: of the VNet it is written under, to its remote one (either may be the server's).
  'microsoft.network/virtualnetworks/virtualnetworkpeerings': (block, stack) => {
    if (!writes(block)) return [];
    const properties = bodyProperties(block);
    const remote: VnetWrite[] = isUnknown(properties) ? [{ vnet: {}, argument: 'body', effect: 'reach', what: PEERING, widens: 'maybe' }]
      : byId(stack, 'body.properties.remoteVirtualNetwork', field(field(properties, 'remoteVirtualNetwork'), 'id'), 'reach', PEERING, true);
    return [{ vnet: targetVnet(block, stack), argument: block.config.resource_id === undefined ? 'parent_id' : 'resource_id', effect: 'reach', what: PEERING, widens: true }, ...remote];
  },
  'microsoft.network/virtualhubs/hubvirtualnetworkconnections': azapiReader((properties, _block, stack) => byId(stack, 'body.properties.remoteVirtualNetwork', field(field(properties, 'remoteVirtualNetwork'), 'id'), 'reach', HUB, true), HUB),
  'microsoft.network/virtualhubs/ipconfigurations': azapiReader((properties, _block, stack) => byId(stack, 'body.properties.subnet', field(field(properties, 'subnet'), 'id'), 'reach', ROUTE_SERVER, true), ROUTE_SERVER),
  'microsoft.network/connections': azapiReader((properties, _block, stack) => ['virtualNetworkGateway1', 'virtualNetworkGateway2']
    .flatMap((key) => gatewayVnets(field(field(properties, key), 'id'), stack).map((vnet) => ({ vnet, argument: `body.properties.${key}`, effect: 'reach' as const, what: CONNECTION, widens: true }))), CONNECTION),
  // A ruleset's link, written under the ruleset.
  'microsoft.network/dnsforwardingrulesets/virtualnetworklinks': azapiReader((properties, block, stack) => byId(stack, 'body.properties.virtualNetwork', field(field(properties, 'virtualNetwork'), 'id'), 'dns', RULESET,
    unreadRuleset(block.config.parent_id ?? block.config.resource_id, stack)), RULESET, 'dns'),
  // A VNet's own body: its peerings and DNS servers written inline.
  'microsoft.network/virtualnetworks': (block, stack) => {
    if (!writes(block)) return [];
    const properties = bodyProperties(block);
    const vnet = { ...targetVnet(block, stack), ...(block.type === 'azapi_resource' ? { address: block.address } : {}) };
    if (isUnknown(properties)) return [{ vnet, argument: 'body', effect: 'dns', what: DNS, widens: 'maybe' }, { vnet, argument: 'body', effect: 'reach', what: PEERING, widens: 'maybe' }];
    const peerings = field(properties, 'virtualNetworkPeerings');
    const dhcp = field(properties, 'dhcpOptions');
    return [
      { vnet, argument: 'body.properties.dhcpOptions', effect: 'dns', what: DNS, widens: isUnknown(dhcp) ? 'maybe' : customDns(field(dhcp, 'dnsServers')) },
      { vnet, argument: 'body.properties.virtualNetworkPeerings', effect: 'reach', what: PEERING, widens: isUnknown(peerings) ? 'maybe' : Array.isArray(peerings) && peerings.length > 0 },
    ];
  },
};

/** The azapi types the table reads, lower case without the API version. */
export const VNET_WIDE_AZURE_TYPES: readonly string[] = Object.keys(AZAPI_READERS);
/** The Terraform types the table reads. */
export const VNET_WIDE_TYPES: readonly string[] = Object.keys(AZURERM_READERS);


/** The reader of a block's type, or undefined when the table does not hold it. */
function readersOf(block: ResourceView): Reader | undefined {
  if (!AZAPI_WRITER_TYPES.includes(block.type)) return Object.prototype.hasOwnProperty.call(AZURERM_READERS, block.type) ? AZURERM_READERS[block.type] : undefined;
  const type = azapiType(block);
  return type !== undefined && Object.prototype.hasOwnProperty.call(AZAPI_READERS, type) ? AZAPI_READERS[type] : undefined;
}

/**
 * Types of the same kind (they join networks to a VNet or set its DNS) the table does not read: one that names a VNet the
 * server is reachable in fails closed. Their children (a gateway's NAT rule, a hub's route table) write no new network.
 */
const SAME_KIND = /^azurerm_(virtual_network_gateway\w*|bastion\w*|virtual_hub\w*|vpn_\w+|express_route\w*|point_to_site\w*|route_server\w*|virtual_network_\w+)$/;
const SAME_KIND_AZURE = /^microsoft\.network\/(virtualnetworkgateways|bastionhosts|virtualhubs|vpngateways|p2svpngateways|expressroute\w*|connections|virtualrouters|virtualnetworks\/virtualnetworkpeerings|virtualnetworks)(\/|$)/;
/** Of that kind, what names no network of its own: children of a gateway or hub that only route or translate what it carries (a NAT rule's translation is judged by source-translators.ts). */
const INERT_OF_KIND = /^(azurerm_virtual_network_gateway_nat_rule|azurerm_virtual_hub_route_table\w*|azurerm_virtual_hub_ip|microsoft\.network\/virtualhubs\/(routetables|hubroutetables)|microsoft\.network\/virtualnetworks\/subnets)(\/|$)/;

/** Whether a block is of the kind of the table, without a row: the literal VNets its text names (unknown: a template's). */
function unreadOfKind(block: ResourceView): boolean {
  const type = AZAPI_WRITER_TYPES.includes(block.type) ? azapiType(block) : block.type;
  if (type === undefined) return false;
  const kind = AZAPI_WRITER_TYPES.includes(block.type) ? SAME_KIND_AZURE.test(type) : SAME_KIND.test(type);
  return kind && !INERT_OF_KIND.test(type) && readersOf(block) === undefined;
}

/** The VNets a block's text names (IDs below Microsoft.Network/virtualNetworks), by literal text or reference. */
function namedVnets(block: ResourceView, stack: StackFacts | undefined): VnetRef[] {
  const found: VnetRef[] = [];
  const walk = (value: unknown): void => {
    if (isUnknown(value)) {
      const ref = vnetOfId(value, stack);
      if (ref.key !== undefined || ref.address !== undefined) found.push(ref);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (isObject(value)) Object.values(value).forEach(walk);
  };
  walk(block.config);
  // Every VNet ID its texts hold, and those its expressions may spell, read by the ID grammar (ids-in-text.ts; stop 36): a JSON
  // escape Azure decodes hides no VNet (A17b-1's class), nor does "//", a final "." or a letter that folds otherwise; every VNet ID
  // of a text is read, not only its first (a body given as text may name another object first). One whose names a part known
  // only at apply time may spell is read as a pattern (spelledVnets).
  for (const segments of idsInBlock(block.config, stack).flat()) {
    if (!segments.includes('virtualnetworks') || segments.some((segment) => segment.includes(ANY_SEGMENT))) continue;
    const ref = vnetOfId(`/${segments.join('/')}`, stack);
    if (ref.key !== undefined) found.push(ref);
  }
  return found;
}

/**
 * The VNets (group and name, as network-writers.ts idPath spells them: "<group>/virtualnetworks/<name>") whose IDs a block's
 * expressions may spell with a part known only at apply time ("*"): a format() or join() of a variable subscription or group.
 * One whose group and name are both wholly known only later does not name it (pathAtOrBelow).
 */
function spelledVnets(block: ResourceView, stack: StackFacts | undefined): string[][] {
  return idsInBlock(block.config, stack).flat().filter((segments) => segments.some((segment) => segment.includes(ANY_SEGMENT))).flatMap(networkPathsOf)
    .filter((path) => path[1] === 'virtualnetworks' && path[2] !== undefined);
}

/** Whether a block names a VNet: by its literal names or a reference, or by a template that may spell its ID. */
function namesVnet(block: ResourceView, vnet: VnetRef, stack: StackFacts | undefined): boolean {
  if (namedVnets(block, stack).some((each) => sameVnet(each, vnet) === true)) return true;
  return vnet.key !== undefined && spelledVnets(block, stack).some((path) => pathAtOrBelow(path, `${vnet.key?.split('/')[0]}/virtualnetworks/${vnet.key?.split('/')[1]}`));
}

const REACH_FIX = {
  narrowable: 'Narrow the construct\'s network allowedSources to the address prefixes that need the server, or suppress PG-NET-1 on the resource with the reason (access from on-premises or other networks through it is a legitimate design, but it must be explicit).',
  fixed: 'Suppress PG-NET-1 on the resource with the reason (access from on-premises or other networks through it is a legitimate design, but it must be explicit).',
};
const DNS_FIX = 'Use Azure-provided DNS (168.63.129.16, or no DNS servers), or, when these servers forward privatelink.postgres.database.azure.com and the server\'s private zone to Azure DNS, suppress PG-NET-1 on the resource with the reason.';

const RULESET_FIX = 'Write the ruleset and its rules in the stack (they are judged), or review its rules and suppress PG-NET-1 on the link with the reason.';

/** Why a widening write fails, and the fix. */
function consequence(write: VnetWrite, target: ServerVnet, owner: string): string {
  if (write.what === RULESET) return `they may send the queries for the server's name to DNS servers of their own, which then answer in place of Azure DNS. ${RULESET_FIX}`;
  if (write.effect === 'dns') return `they answer for the server's name in place of Azure DNS and the private DNS zones linked to that network. ${DNS_FIX}`;
  if (!target.narrowable) return `${write.what.who} reach the server there, and no network security group of ${owner} decides who. ${REACH_FIX.fixed}`;
  return `${write.what.who} join the VirtualNetwork service tag, from which ${owner}'s network security group lets PostgreSQL in. ${REACH_FIX.narrowable}`;
}

/**
 * PG-NET-1's verdicts on the VNet-wide writers beside a construct's server: a write that widens a VNet the server is
 * reachable in fails (reach only where the sources hold the whole VNet; DNS servers always); one whose VNet or effect is
 * known only at apply time is unknown; a writer of the kind the table does not read that names such a VNet fails.
 */
export function vnetWideWriters(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const targets = serverVnets(server, stack);
  if (targets.length === 0 || stack?.resources === undefined) return [];
  const verdicts: Verdict[] = [];
  for (const block of candidates(stack)) {
    if (block.address === server.address) continue;
    const reader = readersOf(block);
    if (reader === undefined) {
      const target = targets.find((each) => namesVnet(block, each.vnet, stack));
      if (target !== undefined) verdicts.push(fail(`${block.address} is of a type that joins networks to a virtual network and names ${describeVnet(target.vnet)}, ${target.role.replace('%s', owner)}: the checks do not read what it opens. Review it and suppress PG-NET-1 on the resource with the reason.`, block.address));
      continue;
    }
    verdicts.push(...judged(block, reader(block, stack), targets, owner));
  }
  return verdicts;
}

/**
 * The stack's blocks of the table or of its kind, not made by a construct, in address order: read once per stack, as
 * every server asks (sorting every block per server was most of PG-NET-1's time at 50 servers).
 */
function candidates(stack: StackFacts): readonly ResourceView[] {
  let found = candidatesOf.get(stack);
  if (found === undefined) {
    found = [...(stack.resources?.values() ?? [])]
      .filter((block) => !(block.address.startsWith('data.') && !AZAPI_WRITER_TYPES.includes(block.type)) && madePath(block) === undefined)
      .filter((block) => readersOf(block) !== undefined || unreadOfKind(block))
      .sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
    candidatesOf.set(stack, found);
  }
  return found;
}

const candidatesOf = new WeakMap<StackFacts, readonly ResourceView[]>();

/** One verdict for a block: its first write that widens a server's VNet, else its first that may. */
function judged(block: ResourceView, writes: readonly VnetWrite[], targets: readonly ServerVnet[], owner: string): Verdict[] {
  let maybe: Verdict | undefined;
  for (const write of writes) {
    if (write.widens === false) continue;
    for (const target of targets) {
      if (write.effect === 'reach' && !target.wholeVnet) continue;
      const same = sameVnet(write.vnet, target.vnet);
      if (same === false) continue;
      const on = `${describeVnet(target.vnet)}, ${target.role.replace('%s', owner)} (by its ${write.argument})`;
      if (same === true && write.widens === true) return [fail(`${block.address} ${write.effect === 'dns' ? 'sets' : 'is'} ${write.what.what} ${on}: ${consequence(write, target, owner)}`, block.address)];
      maybe ??= unknown(`whether ${block.address} (${write.what.what.replace(/ (in|of|on)$/, '')}) widens ${describeVnet(target.vnet)}, ${target.role.replace('%s', owner)}, is known only at apply time (its ${write.argument})`, block.address);
    }
  }
  return maybe === undefined ? [] : [maybe];
}
