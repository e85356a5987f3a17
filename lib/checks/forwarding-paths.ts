import { ownValue } from '../private/own-keys';
import { madeBy, resourcesOfType } from './beside-construct';
import { isUnknown, Unknown } from './hcl-expression';
import { hasDomainEnd, mayBeAtOrBelow, mayBeOneOf, publicNames } from './public-name-shadows';
import { serverZones } from './dns-zone-answers';
import { referencedResources } from './referenced-resources';
import { AZAPI_WRITER_TYPES, azapiType, azapiWriters, bodyProperties, writes } from './azapi-writes';
import { afterWrite, Judged } from './live-patch';
import { literalString } from './value-readers';
import { fail, StackFacts, Verdict } from './rule';
import { mayLieIn, listOf, ServerNetworks, serverNetworks, spanOf } from './server-networks';
import { ResourceView, ServerView, TerraformBlock } from './stack-model';
import { forEachString, isObject } from './terraform-json';
import { coversPostgresPort, isReadablePortRange, POSTGRES_PORTS, sourceBreadth, unreadableSources } from '../private/source-breadth';

// Forwarders into a judged network (fifteenth review, A15a-12, A15b-10): an Azure Firewall DNAT rule, a load
// balancer's backend address or an Application Gateway's backend takes connections on an address of its own and
// sends them on to a private one, where they arrive from the forwarder's address (Azure Firewall SNATs DNAT traffic
// to its own), which the construct's NSG admits as VirtualNetwork. Each writer, azurerm or azapi, is read by a row of
// one table into the same shape, (sources, destination, ports); a forward from anything but private ranges to an
// address of the server's subnets, or to its name, on a PostgreSQL port, is a network path the construct does not
// declare (PG-NET-1). What a row cannot read (a body or list known only later) is a forward from anyone to anywhere.
// A writer of the same kind the table does not know, whose text names an address of the server's subnet or the
// server, fails closed.

/** One path a forwarder opens: who may send (empty: anyone), where to, on which ports (empty: every port). */
interface Forward {
  readonly sources: readonly unknown[];
  readonly destination: unknown;
  readonly ports: readonly unknown[];
}

type Properties = { readonly [key: string]: unknown };

/** A forward the reader cannot read: from anyone, to an address known only later, on every port. */
function unread(address: string): Forward {
  return { sources: [], destination: new Unknown(`what ${address} forwards to`, []), ports: [] };
}

/** Each item of a nested list, read; a list (or an item) known only later is one forward that cannot be read. */
function each(value: unknown, address: string, read: (item: Properties) => readonly Forward[]): Forward[] {
  return listOf(value).flatMap((item) => (isUnknown(item) || !isObject(item) ? [unread(address)] : read(item)));
}

/** The "properties" of an azapi body item (or of the body), undefined when absent. */
function propertiesOf(value: unknown): unknown {
  return isObject(value) && !isUnknown(value) ? value.properties : value;
}

/**
 * The sources a frontend list stands for: "*" when one is public (or the list cannot be read) or a Private Link service
 * publishes them to other tenants' private endpoints (`exposed`), the VNet's own otherwise.
 */
function frontendSources(frontends: unknown, isPublic: (frontend: Properties) => boolean, exposed: boolean): string[] {
  const list = listOf(frontends);
  const readable = list.length > 0 && list.every((frontend) => isObject(frontend) && !isUnknown(frontend));
  return readable && !exposed && !list.some((frontend) => isPublic(frontend as Properties)) ? ['VirtualNetwork'] : ['*'];
}

/**
 * True when a Private Link service of the stack may front the load balancer of that name: its frontend pointers name it, a
 * block of it, or something known only later (an azapi Private Link service is not read: it may front any).
 */
function behindPrivateLink(name: unknown, address: string | undefined, stack: StackFacts | undefined): boolean {
  if (azapiWriters(stack).some((block) => azapiType(block) === 'microsoft.network/privatelinkservices')) return true;
  return resourcesOfType(stack, 'azurerm_private_link_service').some((service) => listOf(service.config.load_balancer_frontend_ip_configuration_ids).some((id) => {
    if (typeof id === 'string') return typeof name !== 'string' || id.toLowerCase().includes(`/loadbalancers/${name.trim().toLowerCase()}/`);
    if (!isUnknown(id)) return false;
    const balancers = id.references.filter((reference) => reference.startsWith('azurerm_lb.'));
    return balancers.length === 0 || (address !== undefined && balancers.some((reference) => reference.startsWith(`${address}.`) || reference === address));
  }));
}

/**
 * The ranges of an IP group a rule names: those of an azurerm_ip_group of the stack it refers to, with every
 * azurerm_ip_group_cidr that may add to it; any other group (a literal ID, a lookup) holds what it holds elsewhere.
 */
function ipGroupRanges(pointer: unknown, stack: StackFacts | undefined): unknown[] {
  const group = referencedResources(pointer, 'azurerm_ip_group', stack?.resources)[0];
  if (group === undefined) return [new Unknown(`the IP group ${isUnknown(pointer) ? pointer.toString() : JSON.stringify(pointer ?? null)}`, [])];
  const added = resourcesOfType(stack, 'azurerm_ip_group_cidr').filter((cidr) => { const named = referencedResources(cidr.config.ip_group_id, 'azurerm_ip_group', stack?.resources); return named.length === 0 || named.includes(group); });
  return [...listOf(group.config.cidrs), ...added.map((cidr) => cidr.config.cidr)];
}

/** A firewall NAT rule in the azurerm spelling (classic collections and policy rule collection groups alike). */
function azurermNatRule(rule: Properties, stack: StackFacts | undefined): Forward[] {
  const sources = [...listOf(rule.source_addresses), ...listOf(rule.source_ip_groups).flatMap((group) => ipGroupRanges(group, stack))];
  const ports = rule.translated_port !== undefined ? [rule.translated_port] : listOf(rule.destination_ports);
  return [rule.translated_address, rule.translated_fqdn].filter((target) => target !== undefined).map((destination) => ({ sources, destination, ports }));
}

/** What a NAT rule is judged by: a partial write (an update, a PATCH) leaves the live rule's where it writes none (live-patch.ts). */
const NAT_JUDGED: readonly Judged[] = [['sourceAddresses', 'sourceIpGroups'], ['translatedAddress', 'translatedFqdn'], 'translatedPort'];

/** A firewall NAT rule in the ARM spelling (azapi bodies); after a partial write, over the live rule (A18b-2). A rule of another type (network, application) forwards nothing. */
function armNatRule(written: Properties, stack: StackFacts | undefined, block: ResourceView): Forward[] {
  const type = literalString(written.ruleType)?.trim().toLowerCase();
  if (type !== undefined && type !== 'natrule') return [];
  const rule = afterWrite(block, written, NAT_JUDGED, 'the NAT rule');
  const sources = [...listOf(rule.sourceAddresses), ...listOf(rule.sourceIpGroups).flatMap((group) => ipGroupRanges(group, stack))];
  const ports = rule.translatedPort !== undefined ? [rule.translatedPort] : listOf(rule.destinationPorts);
  return [rule.translatedAddress, rule.translatedFqdn].filter((target) => target !== undefined).map((destination) => ({ sources, destination, ports }));
}

/** The backend ports of the stack's load balancer rules and NAT rules that may belong to a load balancer. */
function loadBalancerPorts(balancer: ResourceView, stack: StackFacts | undefined): unknown[] {
  return ['azurerm_lb_rule', 'azurerm_lb_nat_rule'].flatMap((type) => resourcesOfType(stack, type))
    .filter((rule) => { const named = referencedResources(rule.config.loadbalancer_id, 'azurerm_lb', stack?.resources); return named.length === 0 || named.includes(balancer); })
    .map((rule) => rule.config.backend_port ?? new Unknown(`the backend port of ${rule.address}`, []));
}

/** An azurerm frontend (load balancer, Application Gateway) is public with a public IP or prefix. */
const azurermPublic = (frontend: Properties) => frontend.public_ip_address_id !== undefined || frontend.public_ip_prefix_id !== undefined;
/** The same in the ARM spelling. */
const armPublic = (frontend: Properties) => {
  const properties = propertiesOf(frontend);
  return !isObject(properties) || isUnknown(properties) || properties.publicIPAddress !== undefined || properties.publicIPPrefix !== undefined;
};

/** The readers of azurerm forwarders, by type. */
const AZURERM_FORWARDERS: { readonly [type: string]: (block: ResourceView, stack: StackFacts | undefined) => readonly Forward[] } = {
  azurerm_firewall_nat_rule_collection: (block, stack) => each(block.config.rule, block.address, (rule) => azurermNatRule(rule, stack)),
  azurerm_firewall_policy_rule_collection_group: (block, stack) => each(block.config.nat_rule_collection, block.address, (collection) => each(collection.rule, block.address, (rule) => azurermNatRule(rule, stack))),
  azurerm_lb_backend_address_pool_address: (block, stack) => {
    const pool = referencedResources(block.config.backend_address_pool_id, 'azurerm_lb_backend_address_pool', stack?.resources)[0];
    const balancer = pool === undefined ? undefined : referencedResources(pool.config.loadbalancer_id, 'azurerm_lb', stack?.resources)[0];
    if (balancer === undefined) return [{ sources: [], destination: block.config.ip_address, ports: [] }];
    const exposed = behindPrivateLink(balancer.config.name, balancer.address, stack);
    return [{ sources: frontendSources(balancer.config.frontend_ip_configuration, azurermPublic, exposed), destination: block.config.ip_address, ports: loadBalancerPorts(balancer, stack) }];
  },
  azurerm_application_gateway: (block) => {
    // Application Gateway Private Link publishes a private frontend to other tenants' private endpoints.
    const sources = frontendSources(block.config.frontend_ip_configuration, azurermPublic, block.config.private_link_configuration !== undefined);
    const ports = listOf(block.config.backend_http_settings).map((settings) => (isObject(settings) && !isUnknown(settings) ? settings.port : settings));
    return each(block.config.backend_address_pool, block.address, (pool) => [...listOf(pool.ip_addresses), ...listOf(pool.fqdns)].map((destination) => ({ sources, destination, ports })));
  },
};

/** The readers of azapi forwarders, by Azure type (lower case, no API version), from the body's properties. */
const AZAPI_FORWARDERS: { readonly [type: string]: (properties: Properties, block: ResourceView, stack: StackFacts | undefined) => readonly Forward[] } = {
  'microsoft.network/azurefirewalls': (properties, block, stack) => each(properties.natRuleCollections, block.address, (collection) => {
    const inner = propertiesOf(collection);
    return isObject(inner) && !isUnknown(inner) ? each(inner.rules, block.address, (rule) => armNatRule(rule, stack, block)) : [unread(block.address)];
  }),
  'microsoft.network/firewallpolicies/rulecollectiongroups': (properties, block, stack) => each(properties.ruleCollections, block.address, (collection) => each(collection.rules, block.address, (rule) => armNatRule(rule, stack, block))),
  'microsoft.network/loadbalancers': (properties, block, stack) => {
    const sources = frontendSources(properties.frontendIPConfigurations, armPublic, behindPrivateLink(block.config.name, undefined, stack));
    const ports = [...listOf(properties.loadBalancingRules), ...listOf(properties.inboundNatRules)].map((rule) => { const inner = propertiesOf(rule); return isObject(inner) && !isUnknown(inner) ? inner.backendPort : inner; });
    // Live pools (a partial write of the frontends) forward what the frontends take to addresses known only later.
    if (isUnknown(properties.backendAddressPools)) return [{ sources, destination: properties.backendAddressPools, ports }];
    return each(properties.backendAddressPools, block.address, (pool) => backendAddresses(propertiesOf(pool), block.address).map((destination) => ({ sources, destination, ports })));
  },
  // A pool written on its own: its load balancer's frontends and rules are not read here, so anyone on any port.
  'microsoft.network/loadbalancers/backendaddresspools': (properties, block) => backendAddresses(properties, block.address).map((destination) => ({ sources: [], destination, ports: [] })),
  'microsoft.network/applicationgateways': (properties, block) => {
    const sources = frontendSources(properties.frontendIPConfigurations, armPublic, listOf(properties.privateLinkConfigurations).length > 0);
    const ports = [...listOf(properties.backendHttpSettingsCollection), ...listOf(properties.backendSettingsCollection)].map((settings) => { const inner = propertiesOf(settings); return isObject(inner) && !isUnknown(inner) ? inner.port : inner; });
    if (isUnknown(properties.backendAddressPools)) return [{ sources, destination: properties.backendAddressPools, ports }];
    return each(properties.backendAddressPools, block.address, (pool) => {
      const inner = propertiesOf(pool);
      return isObject(inner) && !isUnknown(inner) ? each(inner.backendAddresses, block.address, (backend) => [backend.ipAddress, backend.fqdn].filter((target) => target !== undefined).map((destination) => ({ sources, destination, ports }))) : [unread(block.address)];
    });
  },
};

/** The addresses of a load balancer pool's properties (ARM spelling). */
function backendAddresses(properties: unknown, address: string): unknown[] {
  if (!isObject(properties) || isUnknown(properties)) return [unread(address).destination];
  return listOf(properties.loadBalancerBackendAddresses).map((backend) => { const inner = propertiesOf(backend); return isObject(inner) && !isUnknown(inner) ? inner.ipAddress : unread(address).destination; });
}

/** The forwards of a block of the table, or undefined for a block of another type. */
function forwardsOf(block: ResourceView, stack: StackFacts | undefined): readonly Forward[] | undefined {
  const azurerm = ownValue(AZURERM_FORWARDERS, block.type);
  if (azurerm !== undefined) return azurerm(block, stack);
  if (!AZAPI_WRITER_TYPES.includes(block.type)) return undefined;
  const type = azapiType(block);
  const azapi = type === undefined ? undefined : ownValue(AZAPI_FORWARDERS, type);
  if (azapi === undefined) return undefined;
  // An action that only reads (POST, GET) forwards nothing; every other write is read by its body (azapi-writes.ts).
  if (!writes(block)) return [];
  const properties = bodyProperties(block);
  if (!isObject(properties) || isUnknown(properties)) return [unread(block.address)];
  // A partial write of one part a forward is made of keeps the others live (live-patch.ts, A18b-2); one of none changes no forward.
  const parts = ownValue(LIVE_PARTS, type!) ?? [];
  return azapi(afterWrite(block, properties, parts.some((part) => properties[part] !== undefined) ? parts : [], 'the forwarder'), block, stack);
}

/**
 * The parts of a forwarder that make a forward together (who reaches it, where it sends): a partial write of one leaves the
 * other live, known only at apply time (a public frontend over live pools). A NAT rule carries both (armNatRule).
 */
const LIVE_PARTS: { readonly [type: string]: readonly string[] } = {
  'microsoft.network/loadbalancers': ['frontendIPConfigurations', 'backendAddressPools'],
  'microsoft.network/applicationgateways': ['frontendIPConfigurations', 'backendAddressPools'],
};

/** The azurerm types and Azure types the table reads: for the class test and the unlisted-type guard. */
export const FORWARDER_TYPES: readonly string[] = [...Object.keys(AZURERM_FORWARDERS), ...Object.keys(AZAPI_FORWARDERS)];

/** The types read beside the forwarders to know their sources, frontends and names (read-types.ts). */
export const FORWARDING_INPUT_TYPES: readonly string[] = ['azurerm_lb', 'azurerm_lb_rule', 'azurerm_lb_nat_rule', 'azurerm_lb_backend_address_pool', 'azurerm_private_link_service',
  'azurerm_ip_group', 'azurerm_ip_group_cidr', 'azurerm_dns_a_record', 'azurerm_dns_cname_record'];

/** True when every source is a literal private range or the VNet's own tag: no one from the internet sends. */
function privateOnly(sources: readonly unknown[]): boolean {
  if (sources.length === 0 || !sources.every((source): source is string => typeof source === 'string')) return false;
  const breadth = sourceBreadth(sources);
  return breadth.publicAddresses === 0n && breadth.sharedTags.length === 0 && unreadableSources(sources).length === 0;
}

/** True when a port (a number, a literal range, "*") may be one PostgreSQL listens on; 0 is a load balancer's every port. */
function mayBePostgresPort(port: unknown): boolean {
  if (typeof port === 'number') return port === 0 || POSTGRES_PORTS.includes(port);
  if (typeof port === 'string') return !isReadablePortRange(port) || coversPostgresPort(port);
  return true;
}

/** True when a forward's destination may be the server: an address of its subnets, its name, or a value known only later. */
function mayReachServer(destination: unknown, server: ServerView, networks: ServerNetworks, stack: StackFacts | undefined): boolean {
  if (typeof destination === 'string') {
    const span = spanOf(destination);
    return span !== undefined ? mayLieIn(span, networks) : mayNameServer(destination, server) || nameOfTheStackFor(destination, server, networks, stack);
  }
  if (!isUnknown(destination)) return false;
  // A template ending in a domain may be the server's name only by that domain; any other expression may be anything.
  return hasDomainEnd(destination) ? mayNameServer(destination, server) : true;
}

/** Whether a name may resolve to the server: one of its names, or a name at or below a zone of its own. */
function mayNameServer(name: unknown, server: ServerView): boolean {
  return mayBeOneOf(name, serverNames(server)) || ownZones(server).some((zone) => mayBeAtOrBelow(name, zone));
}

/**
 * The private DNS zones the server resolves in but the Private Link zone (where every server's endpoint has its own
 * name): Azure registers a VNet-integrated server's address in its zone under a generated label, and the server may
 * share the zone only with servers the stack gave it, so every name at or below it may be the server (sixteenth
 * review, A16b-10).
 */
function ownZones(server: ServerView): string[] {
  return serverZones(server).map((zone) => zone.name).filter((name) => !name.startsWith('privatelink.'));
}

/**
 * The names a client reaches the server by: its public names, and the Private Link and VNet-integration names they point at
 * (`<name>.privatelink.<domain>`, `<name>.private.<domain>`), which resolve to its private address in the linked VNets.
 */
function serverNames(server: ServerView): string[] {
  return publicNames(server).flatMap((name) => {
    const [label, ...rest] = name.split('.');
    const domain = rest.join('.');
    return [name, `${label}.privatelink.${domain}`, `${label}.private.${domain}`];
  });
}

/** DNS record types of the stack that may give a name an address (A) or another name (CNAME). */
const RECORD_TYPES = ['azurerm_private_dns_a_record', 'azurerm_dns_a_record', 'azurerm_private_dns_cname_record', 'azurerm_dns_cname_record'];

/**
 * True when a DNS record of the stack that may carry that name points at the server: an A record with an address of its
 * subnets, or a CNAME to its name (a record whose name or zone is known only later may carry any name).
 */
function nameOfTheStackFor(name: string, server: ServerView, networks: ServerNetworks, stack: StackFacts | undefined): boolean {
  const wanted = name.trim().replace(/\.+$/, '').toLowerCase();
  return RECORD_TYPES.flatMap((type) => resourcesOfType(stack, type)).some((record) => {
    const { name: relative, zone_name: zone } = record.config;
    const named = typeof relative !== 'string' || typeof zone !== 'string' || `${relative === '@' ? '' : `${relative.trim()}.`}${zone.trim().replace(/\.+$/, '')}`.toLowerCase() === wanted;
    if (!named) return false;
    const targets = [...listOf(record.config.records), ...listOf(record.config.record)];
    return targets.some((target) => {
      if (typeof target !== 'string') return true;
      const span = spanOf(target);
      return span !== undefined ? mayLieIn(span, networks) : mayNameServer(target, server);
    });
  });
}

function shown(value: unknown): string {
  return isUnknown(value) ? value.toString() : JSON.stringify(value ?? null);
}

/** PG-NET-1 failures of the forwarders (table rows, and unlisted network writers naming the server's subnet) that may reach the construct's server from the internet. */
export function forwardingPaths(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const networks = serverNetworks(server, stack);
  if (networks === undefined) return [];
  const verdicts: Verdict[] = [];
  for (const block of stack?.resources?.values() ?? []) {
    if (madeBy(block, owner)) continue;
    const forwards = forwardsOf(block, stack);
    if (forwards === undefined) {
      const named = unlistedNetworkWriter(block, server, networks);
      if (named !== undefined) verdicts.push(fail(`${block.address}, a network resource the pack does not read, names ${named}, an address or the name of ${owner}'s server: it may forward traffic to it, a network path ${owner} does not declare.`, block.address));
      continue;
    }
    const open = forwards.find((forward) => !privateOnly(forward.sources) && (forward.ports.length === 0 || forward.ports.some(mayBePostgresPort))
      && mayReachServer(forward.destination, server, networks, stack));
    if (open === undefined) continue;
    const from = open.sources.length === 0 ? 'any source' : open.sources.map(shown).join(', ');
    verdicts.push(fail(`${block.address} forwards connections from ${from} to ${shown(open.destination)}, which may be ${owner}'s server (an address of its subnet, or its name), on a PostgreSQL port: a network path ${owner} does not declare.`, block.address));
  }
  return verdicts;
}

/**
 * Network types that forward nothing into a subnet, each with why: the NSG still judges what they carry, or another
 * reader judges them. Every other network type whose text names an address of the server's subnet (or the server)
 * may forward to it and fails closed.
 */
const INERT_NETWORK_TYPES: readonly RegExp[] = [
  // Security groups, subnets and VNets: what the construct's NSG rules and the subnet rules read.
  /^azurerm_(network_security_(group|rule)|subnet\w*|virtual_network(_peering)?)$/, /^microsoft\.network\/(networksecuritygroups(\/securityrules)?|virtualnetworks(\/subnets|\/virtualnetworkpeerings)?)$/,
  // Routes steer traffic the subnet's NSG still judges (a hub firewall's inspection route names the subnet's prefix).
  /route/,
  // Interfaces, private endpoints and DNS, NAT gateways (outbound only), public IPs, IP groups, watchers: no forwarding.
  /^azurerm_(network_interface\w*|private_endpoint\w*|private_dns\w*|nat_gateway\w*|public_ip\w*|ip_group\w*|network_watcher\w*|network_connection_monitor|network_ddos_protection_plan)$/,
  /^microsoft\.network\/(networkinterfaces|privateendpoints|privatednszones(\/.*)?|natgateways|publicipaddresses|publicipprefixes|ipgroups|networkwatchers(\/.*)?|ddosprotectionplans)$/,
  // DNS zones and resolvers name the server without carrying traffic (shadow-dns-zones.ts and dns-forwarding-rules.ts judge
  // them); a Private Link service is read with the load balancer it fronts.
  /^microsoft\.network\/(dnszones(\/.*)?|dnsresolvers(\/.*)?|dnsforwardingrulesets(\/.*)?|privatelinkservices)$/, /^azurerm_private_link_service$/,
  // Firewall network and application rules pass traffic already routed to the firewall without translating it; load
  // balancer rules, probes and pools are read through the pool addresses; network managers are read by security-admin-rules.ts.
  /^azurerm_(firewall_(network|application)_rule_collection|firewall_policy|firewall|lb|lb_(rule|nat_rule|nat_pool|probe|outbound_rule|backend_address_pool)|network_manager\w*)$/,
  /^microsoft\.network\/(firewallpolicies|networkmanagers(\/.*)?)$/,
];

/** azurerm types of the network kind (forwarders, gateways, front doors); azapi: every Microsoft.Network type. */
const NETWORK_KIND = /^azurerm_(lb|firewall|application_gateway|network_|nat_|route|virtual_hub|virtual_wan|vpn_|express_route|frontdoor|cdn_frontdoor|private_link_service|traffic_manager|web_application_firewall|virtual_network_gateway|point_to_site|public_ip|ip_group|bastion|nginx|palo_alto)/;

/** What an unlisted network writer names of the server (an address of its known subnets, or its name), or undefined. */
function unlistedNetworkWriter(block: ResourceView, server: ServerView, networks: ServerNetworks): string | undefined {
  const azapi = AZAPI_WRITER_TYPES.includes(block.type);
  const type = azapi ? azapiType(block) : block.type;
  if (type === undefined || (azapi && !writes(block))) return undefined;
  const networkKind = azapi ? type.startsWith('microsoft.network/') : NETWORK_KIND.test(type);
  if (!networkKind || INERT_NETWORK_TYPES.some((inert) => inert.test(type))) return undefined;
  let named: string | undefined;
  const known: ServerNetworks = { spans: networks.spans, unknownPrefix: false };
  forEachString(block.config as TerraformBlock, (text) => {
    if (named !== undefined) return;
    const address = /\b\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?\b/.exec(text)?.[0];
    const span = address === undefined ? undefined : spanOf(address);
    if (span !== undefined && mayLieIn(span, known)) named = JSON.stringify(address);
    else if (text.includes(`${server.address}.fqdn`) || [...serverNames(server), ...ownZones(server)].some((name) => text.toLowerCase().includes(name))) named = JSON.stringify(text);
  }, (key) => key === '//');
  return named;
}
