import { ownValue } from '../private/own-keys';
import { madeBy, resourcesOfType } from './beside-construct';
import { isUnknown, Unknown } from './hcl-expression';
import { blockItems, writtenArguments } from './dynamic-blocks';
import { hasDomainEnd, mayBeAtOrBelow, mayBeOneOf, publicNames } from './public-name-shadows';
import { serverZones } from './dns-zone-answers';
import { referencedResources } from './referenced-resources';
import { AZAPI_WRITER_TYPES, azapiName, azapiType, azapiWriters, bodyProperties, writes } from './azapi-writes';
import { afterWrite, Judged } from './live-patch';
import { oncePerStack } from './per-stack';
import { literalString } from './value-readers';
import { fail, StackFacts, Verdict } from './rule';
import { Destination, mayLieIn, listOf, readDestination, ServerNetworks, serverNetworks, spanOf } from './server-networks';
import { unescaped } from './server-mentions';
import { encodedTexts } from './encoded-texts';
import { ANYTHING, expressionReadings } from './expression-readings';
import { sameVnet, serverVnets, VnetRef, vnetOfId } from './server-vnets';
import { configurationWriters, isNginx, nginxForwards, unreadableConfiguration, writesNginxConfiguration } from './nginx-configurations';
import { ResourceView, ServerView, TerraformBlock } from './stack-model';
import { AddressSpan, cidrSpan, lenientIpv4, numberToIpv4, parseAddressRange, publicAddressCount, spansOverlap } from '../private/ipv4';
import { forEachString, isObject } from './terraform-json';
import { coversPostgresPort, isReadablePortRange, portRangeSpan, POSTGRES_PORTS, sourceBreadth, unreadableSources } from '../private/source-breadth';
import { DNS_RECORD_AZURE_TYPES, dnsName, dnsRecordTargets } from './dns-record-targets';
import { azapiInputValues, FORWARDER_INPUT_AZURE_TYPES, unreadInput } from './forwarder-inputs';

// Forwarders into a judged network (fifteenth review, A15a-12, A15b-10): an Azure Firewall DNAT rule, a load
// balancer's backend address or an Application Gateway's backend takes connections on an address of its own and
// sends them on to a private one, where they arrive from the forwarder's address (Azure Firewall SNATs DNAT traffic
// to its own), which the construct's NSG admits as VirtualNetwork. Each writer, azurerm or azapi, is read by a row of
// one table into the same shape, (sources, destination, ports); a forward from anything but private ranges to an
// address of the server's subnets, or to its name, on a PostgreSQL port, is a network path the construct does not
// declare (PG-NET-1). What a row cannot read (a body or list known only later) is a forward from anyone to anywhere.
// A writer of the same kind the table does not know, whose text names an address of the server's subnet or the
// server, fails closed.

/**
 * One path a forwarder opens: who may send (empty: anyone), where to, on which ports (empty: every port); and where it
 * takes connections (its private frontends: addresses or blocks, an Unknown for any private address; public ones are
 * left out, their forwards are judged with the internet as source) on which ports (empty: every port), so that a
 * forward to one of them is followed on (A17b-2).
 */
interface Forward {
  readonly sources: readonly unknown[];
  /** True for an Azure Firewall's rule, whose sources and frontends may be address ranges ("first-last"); other writers' are prefixes and tags. */
  readonly rangeSources?: boolean;
  readonly destination: unknown;
  readonly ports: readonly unknown[];
  readonly frontends: readonly unknown[];
  readonly frontendPorts: readonly unknown[];
  /** Subnet IDs the destination is known to lie in the VNet of (a balancer's backends are in its VNet): none of them the server's, no reach. */
  readonly inVnetOf?: readonly unknown[];
}

type Properties = { readonly [key: string]: unknown };

/** A frontend the reader cannot read: any private address. */
const ANY_FRONTEND = new Unknown('a frontend known only later', []);

/** A forward the reader cannot read: from anyone, to an address known only later, on every port. */
function unread(address: string): Forward {
  return { sources: [], destination: new Unknown(`what ${address} forwards to`, []), ports: [], frontends: [ANY_FRONTEND], frontendPorts: [] };
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
 * azurerm_ip_group_cidr that may add to it and every azapi write of its ipAddresses (forwarder-inputs.ts, A21b-1); any
 * other group (a literal ID, a lookup) holds what it holds elsewhere.
 */
function ipGroupRanges(pointer: unknown, stack: StackFacts | undefined): unknown[] {
  const group = referencedResources(pointer, 'azurerm_ip_group', stack?.resources)[0];
  if (group === undefined) return [new Unknown(`the IP group ${isUnknown(pointer) ? pointer.toString() : JSON.stringify(pointer ?? null)}`, [])];
  const added = resourcesOfType(stack, 'azurerm_ip_group_cidr').filter((cidr) => { const named = referencedResources(cidr.config.ip_group_id, 'azurerm_ip_group', stack?.resources); return named.length === 0 || named.includes(group); });
  return [...listOf(group.config.cidrs), ...added.map((cidr) => cidr.config.cidr), ...azapiInputValues('ipGroupRanges', group, stack)];
}

/** Frontends as read, or any private address when none is written (a rule without a destination takes any). */
function orAny(frontends: readonly unknown[]): unknown[] {
  return frontends.length === 0 ? [ANY_FRONTEND] : [...frontends];
}

/**
 * The private frontends of a frontend list: each one's literal private address, else (allocated dynamically) the prefixes
 * of the subnet of the stack it names, else any private address; public frontends are left out (see Forward).
 */
function privateFrontends(frontends: unknown, read: (frontend: Properties) => { readonly isPublic: boolean; readonly address: unknown; readonly subnet: unknown }, stack: StackFacts | undefined): unknown[] {
  if (isUnknown(frontends)) return [ANY_FRONTEND];
  return listOf(frontends).flatMap((frontend) => {
    if (!isObject(frontend) || isUnknown(frontend)) return [ANY_FRONTEND];
    const { isPublic, address, subnet } = read(frontend);
    if (isPublic) return [];
    if (address !== undefined) return [address];
    // The subnet's prefixes with those its azapi writes give (forwarder-inputs.ts).
    const prefixes = referencedResources(subnet, 'azurerm_subnet', stack?.resources).flatMap((found) => [...listOf(found.config.address_prefixes), ...azapiInputValues('subnetPrefixes', found, stack)]);
    return prefixes.length > 0 ? prefixes : [ANY_FRONTEND];
  });
}

/** An azurerm frontend (load balancer, Application Gateway) read for privateFrontends. */
const azurermFrontend = (frontend: Properties) => ({ isPublic: azurermPublic(frontend), address: frontend.private_ip_address, subnet: frontend.subnet_id });
/** An ARM frontend read for privateFrontends. */
const armFrontend = (frontend: Properties) => {
  const properties = propertiesOf(frontend);
  if (!isObject(properties) || isUnknown(properties)) return { isPublic: false, address: ANY_FRONTEND, subnet: undefined };
  const subnet = properties.subnet;
  return { isPublic: armPublic(frontend), address: properties.privateIPAddress, subnet: isObject(subnet) && !isUnknown(subnet) ? subnet.id : subnet };
};

/** The ports an ARM list of rules names by one property (frontendPort, backendPort), an Unknown for a rule that cannot be read. */
function armRulePorts(rules: readonly unknown[], property: string): unknown[] {
  return rules.map((rule) => { const inner = propertiesOf(rule); return isObject(inner) && !isUnknown(inner) ? inner[property] : inner; });
}

/** A firewall NAT rule in the azurerm spelling (classic collections and policy rule collection groups alike). */
function azurermNatRule(rule: Properties, stack: StackFacts | undefined): Forward[] {
  const sources = [...listOf(rule.source_addresses), ...listOf(rule.source_ip_groups).flatMap((group) => ipGroupRanges(group, stack))];
  const ports = rule.translated_port !== undefined ? [rule.translated_port] : listOf(rule.destination_ports);
  const frontends = orAny([...listOf(rule.destination_address), ...listOf(rule.destination_addresses)]);
  return [rule.translated_address, rule.translated_fqdn].filter((target) => target !== undefined).map((destination) => ({ sources, rangeSources: true, destination, ports, frontends, frontendPorts: listOf(rule.destination_ports) }));
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
  const frontends = orAny(listOf(rule.destinationAddresses));
  return [rule.translatedAddress, rule.translatedFqdn].filter((target) => target !== undefined).map((destination) => ({ sources, rangeSources: true, destination, ports, frontends, frontendPorts: listOf(rule.destinationPorts) }));
}

/** The stack's load balancer rules and NAT rules that may belong to a load balancer. */
function loadBalancerRules(balancer: ResourceView, stack: StackFacts | undefined): ResourceView[] {
  return ['azurerm_lb_rule', 'azurerm_lb_nat_rule'].flatMap((type) => resourcesOfType(stack, type))
    .filter((rule) => { const named = referencedResources(rule.config.loadbalancer_id, 'azurerm_lb', stack?.resources); return named.length === 0 || named.includes(balancer); });
}

/** The backend ports of a load balancer's rules, with every azapi write of them (forwarder-inputs.ts, A21b-3). */
function loadBalancerPorts(balancer: ResourceView, stack: StackFacts | undefined): unknown[] {
  return [...loadBalancerRules(balancer, stack).map((rule) => rule.config.backend_port ?? new Unknown(`the backend port of ${rule.address}`, [])), ...azapiBalancerPorts(balancer, stack)];
}

/** The backend ports azapi writes give a load balancer's rules and NAT rules (its own body's are read by its row). */
function azapiBalancerPorts(balancer: ResourceView, stack: StackFacts | undefined): unknown[] {
  return [...azapiInputValues('lbRuleBackendPorts', balancer, stack), ...azapiInputValues('lbNatRuleBackendPorts', balancer, stack)];
}

/** The frontend ports azapi writes give a load balancer's rules and NAT rules (a NAT rule's range as "start-end"). */
function azapiBalancerFrontendPorts(balancer: ResourceView, stack: StackFacts | undefined): unknown[] {
  return ['lbRuleFrontendPorts', 'lbNatRuleFrontendPorts', 'lbNatRuleFrontendRanges'].flatMap((input) => azapiInputValues(input, balancer, stack));
}

/** The frontend ports of a load balancer's rules (a NAT rule's range as "start-end"; none written: any). */
function loadBalancerFrontendPorts(balancer: ResourceView, stack: StackFacts | undefined): unknown[] {
  return [...loadBalancerRules(balancer, stack).map((rule) => {
    const { frontend_port: port, frontend_port_start: start, frontend_port_end: end } = rule.config;
    if (port !== undefined) return port;
    return typeof start === 'number' && typeof end === 'number' ? `${start}-${end}` : new Unknown(`the frontend port of ${rule.address}`, []);
  }), ...azapiBalancerFrontendPorts(balancer, stack)];
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
  azurerm_firewall_nat_rule_collection: (block, stack) => each(blockItems(block.config, 'rule'), block.address, (rule) => azurermNatRule(rule, stack)),
  azurerm_firewall_policy_rule_collection_group: (block, stack) => each(blockItems(block.config, 'nat_rule_collection'), block.address, (collection) => each(blockItems(collection, 'rule'), block.address, (rule) => azurermNatRule(rule, stack))),
  azurerm_lb_backend_address_pool_address: (block, stack) => {
    const pool = referencedResources(block.config.backend_address_pool_id, 'azurerm_lb_backend_address_pool', stack?.resources)[0];
    const balancer = pool === undefined ? undefined : referencedResources(pool.config.loadbalancer_id, 'azurerm_lb', stack?.resources)[0];
    const destination = backendTarget(block.config.ip_address, block.config.backend_address_ip_configuration_id, stack);
    if (balancer === undefined) return [{ sources: [], destination, ports: [], frontends: [ANY_FRONTEND], frontendPorts: [] }];
    const exposed = behindPrivateLink(balancer.config.name, balancer.address, stack);
    return [{
      sources: frontendSources(blockItems(balancer.config, 'frontend_ip_configuration'), azurermPublic, exposed), destination, ports: loadBalancerPorts(balancer, stack),
      frontends: privateFrontends(blockItems(balancer.config, 'frontend_ip_configuration'), azurermFrontend, stack), frontendPorts: loadBalancerFrontendPorts(balancer, stack),
    }];
  },
  azurerm_application_gateway: (block, stack) => {
    // Application Gateway Private Link publishes a private frontend to other tenants' private endpoints.
    const sources = frontendSources(blockItems(block.config, 'frontend_ip_configuration'), azurermPublic, blockItems(block.config, 'private_link_configuration').length > 0 || azapiInputValues('gatewayPrivateLinks', block, stack).length > 0);
    // The ports azapi writes of the gateway give too (forwarder-inputs.ts, A21b-3).
    const ports = [...blockItems(block.config, 'backend_http_settings').map((settings) => (isObject(settings) && !isUnknown(settings) ? settings.port : settings)), ...azapiInputValues('gatewayBackendPorts', block, stack)];
    const frontends = privateFrontends(blockItems(block.config, 'frontend_ip_configuration'), azurermFrontend, stack);
    const frontendPorts = [...blockItems(block.config, 'frontend_port').map((port) => (isObject(port) && !isUnknown(port) ? port.port : port)), ...azapiInputValues('gatewayFrontendPorts', block, stack)];
    return each(blockItems(block.config, 'backend_address_pool'), block.address, (pool) => [...listOf(pool.ip_addresses), ...listOf(pool.fqdns)].map((destination) => ({ sources, destination, ports, frontends, frontendPorts })));
  },
  azurerm_private_link_service: (block, stack) => privateLinkService(block, {
    destination: block.config.destination_ip_address, frontendIds: listOf(block.config.load_balancer_frontend_ip_configuration_ids),
    exposure: [block.config.visibility_subscription_ids, block.config.auto_approval_subscription_ids], unread: unreadArguments(writtenArguments(block.config), PRIVATE_LINK_ARGUMENTS),
    natSubnets: blockItems(block.config, 'nat_ip_configuration').map((item) => (isObject(item) && !isUnknown(item) ? item.subnet_id : item)),
  }, stack),
};

/**
 * The arguments (azurerm) and properties (ARM) of a Private Link service the table reads or knows to forward nothing (names,
 * NAT addresses, the service's own DNS names, proxy protocol; read-only ARM properties); any other may be another
 * destination, as `destination_ip_address` was (A19a-6): the service then forwards anyone to where it cannot read.
 */
const PRIVATE_LINK_ARGUMENTS: readonly string[] = ['name', 'resource_group_name', 'location', 'tags', 'nat_ip_configuration', 'load_balancer_frontend_ip_configuration_ids',
  'destination_ip_address', 'visibility_subscription_ids', 'auto_approval_subscription_ids', 'enable_proxy_protocol', 'fqdns', 'timeouts', 'edge_zone',
  'count', 'for_each', 'provider', 'lifecycle', 'depends_on', 'provisioner', 'connection', '//'];
const PRIVATE_LINK_PROPERTIES: readonly string[] = ['loadbalancerfrontendipconfigurations', 'ipconfigurations', 'destinationipaddress', 'visibility', 'autoapproval', 'fqdns',
  'enableproxyprotocol', 'alias', 'networkinterfaces', 'privateendpointconnections', 'provisioningstate'];

/** The names written that are not on a list (compared in lower case): what a row does not read. */
function unreadArguments(written: readonly string[], read: readonly string[]): string[] {
  return written.filter((key) => !read.includes(key.toLowerCase()));
}

/** A Private Link service as read from either spelling: its Direct Connect destination, its balancer frontends, who it is shown and approved to, what is not read. */
interface PrivateLinkReading {
  readonly destination: unknown;
  readonly frontendIds: readonly unknown[];
  readonly exposure: readonly unknown[];
  readonly unread: readonly string[];
  readonly natSubnets: readonly unknown[];
}

/**
 * The forwards of a Private Link service (A19a-6). It publishes to other tenants' private endpoints, so anyone sends: in
 * Direct Connect mode to its destination address (read by the one destination reader, as every forward is); in front of a
 * load balancer to what the balancer forwards, which that balancer's row reads when the stack writes it (behindPrivateLink).
 * A frontend of a balancer the stack does not write (known later, a literal ID of another) forwards to what is known only
 * later once the service is shown or approved beyond its subscription; an argument the table does not read fails closed.
 */
function privateLinkService(block: ResourceView, reading: PrivateLinkReading, stack: StackFacts | undefined): Forward[] {
  const forward = (destination: unknown): Forward => ({ sources: ['*'], destination, ports: [], frontends: [], frontendPorts: [] });
  const forwards: Forward[] = [];
  if (reading.destination !== undefined && reading.destination !== null) forwards.push(forward(reading.destination));
  for (const name of reading.unread) forwards.push(forward(new Unknown(`what the argument ${JSON.stringify(name)} of ${block.address}, which the pack does not read, forwards to`, [])));
  const exposed = reading.exposure.some((list) => listOf(list).length > 0);
  const elsewhere = reading.frontendIds.filter((id) => !balancerOfStack(id, stack));
  // Azure puts the NAT addresses in the balancer's VNet, and its backends are there too: they may be the server only in its VNet.
  if (exposed && elsewhere.length > 0) forwards.push({ ...forward(new Unknown(`what the load balancer frontend ${shown(elsewhere[0])} forwards to`, [])), inVnetOf: reading.natSubnets });
  return forwards;
}

/** True when a frontend ID names a load balancer the stack writes (by reference, or a literal ID with its name): its row reads its forwards. */
function balancerOfStack(id: unknown, stack: StackFacts | undefined): boolean {
  const azapiBalancer = (block: ResourceView) => azapiType(block) === 'microsoft.network/loadbalancers';
  if (isUnknown(id)) {
    return referencedResources(id, 'azurerm_lb', stack?.resources).length > 0
      || AZAPI_WRITER_TYPES.some((type) => referencedResources(id, type, stack?.resources).some(azapiBalancer));
  }
  if (typeof id !== 'string') return false;
  const name = /\/loadbalancers\/([^/]+)\//i.exec(id)?.[1]?.trim().toLowerCase();
  if (name === undefined) return false;
  const named = (value: unknown) => typeof value === 'string' && value.trim().toLowerCase() === name;
  return resourcesOfType(stack, 'azurerm_lb').some((block) => named(block.config.name)) || azapiWriters(stack).some((block) => azapiBalancer(block) && named(azapiName(block)));
}

/** The readers of azapi forwarders, by Azure type (lower case, no API version), from the body's properties. */
const AZAPI_FORWARDERS: { readonly [type: string]: (properties: Properties, block: ResourceView, stack: StackFacts | undefined) => readonly Forward[] } = {
  'microsoft.network/azurefirewalls': (properties, block, stack) => each(properties.natRuleCollections, block.address, (collection) => {
    const inner = propertiesOf(collection);
    return isObject(inner) && !isUnknown(inner) ? each(inner.rules, block.address, (rule) => armNatRule(rule, stack, block)) : [unread(block.address)];
  }),
  'microsoft.network/firewallpolicies/rulecollectiongroups': (properties, block, stack) => each(properties.ruleCollections, block.address, (collection) => each(collection.rules, block.address, (rule) => armNatRule(rule, stack, block))),
  // A group's draft holds the rules a deploy action (`firewallPolicies/deploy`) makes the group's: read as the group (A22b-5).
  'microsoft.network/firewallpolicies/rulecollectiongroups/rulecollectiongroupdrafts': (properties, block, stack) => each(properties.ruleCollections, block.address, (collection) => each(collection.rules, block.address, (rule) => armNatRule(rule, stack, block))),
  'microsoft.network/loadbalancers': (properties, block, stack) => {
    const sources = frontendSources(properties.frontendIPConfigurations, armPublic, behindPrivateLink(azapiName(block), undefined, stack));
    const rules = [...listOf(properties.loadBalancingRules), ...listOf(properties.inboundNatRules)];
    // Rules written on their own, or by another write of the balancer, forward too (forwarder-inputs.ts, A21b-3).
    const ports = [...armRulePorts(rules, 'backendPort'), ...azapiBalancerPorts(block, stack)];
    const frontends = privateFrontends(properties.frontendIPConfigurations, armFrontend, stack);
    const frontendPorts = [...armRulePorts(rules, 'frontendPort'), ...azapiBalancerFrontendPorts(block, stack)];
    // Live pools (a partial write of the frontends) forward what the frontends take to addresses known only later.
    if (isUnknown(properties.backendAddressPools)) return [{ sources, destination: properties.backendAddressPools, ports, frontends, frontendPorts }];
    return each(properties.backendAddressPools, block.address, (pool) => backendAddresses(propertiesOf(pool), block.address, stack).map((destination) => ({ sources, destination, ports, frontends, frontendPorts })));
  },
  // A pool written on its own: its load balancer's frontends and rules are not read here, so anyone on any port.
  'microsoft.network/loadbalancers/backendaddresspools': (properties, block, stack) => backendAddresses(properties, block.address, stack).map((destination) => ({ sources: [], destination, ports: [], frontends: [ANY_FRONTEND], frontendPorts: [] })),
  'microsoft.network/privatelinkservices': armPrivateLinkService,
  'microsoft.network/applicationgateways': (properties, block, stack) => {
    const sources = frontendSources(properties.frontendIPConfigurations, armPublic, listOf(properties.privateLinkConfigurations).length > 0 || azapiInputValues('gatewayPrivateLinks', block, stack).length > 0);
    const ports = [...armRulePorts([...listOf(properties.backendHttpSettingsCollection), ...listOf(properties.backendSettingsCollection)], 'port'), ...azapiInputValues('gatewayBackendPorts', block, stack)];
    const frontends = privateFrontends(properties.frontendIPConfigurations, armFrontend, stack);
    const frontendPorts = [...armRulePorts(listOf(properties.frontendPorts), 'port'), ...azapiInputValues('gatewayFrontendPorts', block, stack)];
    if (isUnknown(properties.backendAddressPools)) return [{ sources, destination: properties.backendAddressPools, ports, frontends, frontendPorts }];
    return each(properties.backendAddressPools, block.address, (pool) => {
      const inner = propertiesOf(pool);
      return isObject(inner) && !isUnknown(inner) ? each(inner.backendAddresses, block.address, (backend) => [backend.ipAddress, backend.fqdn].filter((target) => target !== undefined).map((destination) => ({ sources, destination, ports, frontends, frontendPorts }))) : [unread(block.address)];
    });
  },
};

/** The ARM spelling of a Private Link service read as its azurerm one (privateLinkService). */
function armPrivateLinkService(properties: Properties, block: ResourceView, stack: StackFacts | undefined): Forward[] {
  const ids = (value: unknown) => listOf(value).map((item) => (isObject(item) && !isUnknown(item) ? item.id : item));
  const subscriptions = (value: unknown) => (isObject(value) && !isUnknown(value) ? value.subscriptions : value);
  return privateLinkService(block, {
    destination: properties.destinationIPAddress, frontendIds: isUnknown(properties.loadBalancerFrontendIpConfigurations) ? [properties.loadBalancerFrontendIpConfigurations] : ids(properties.loadBalancerFrontendIpConfigurations),
    exposure: [subscriptions(properties.visibility), subscriptions(properties.autoApproval)], unread: unreadArguments(isObject(properties) && !isUnknown(properties) ? Object.keys(properties) : [], PRIVATE_LINK_PROPERTIES),
    natSubnets: listOf(properties.ipConfigurations).map((item) => {
      const inner = propertiesOf(item);
      const subnet = isObject(inner) && !isUnknown(inner) ? inner.subnet : inner;
      return isObject(subnet) && !isUnknown(subnet) ? subnet.id : subnet;
    }),
  }, stack);
}

/** The addresses of a load balancer pool's properties (ARM spelling). */
function backendAddresses(properties: unknown, address: string, stack: StackFacts | undefined): unknown[] {
  if (!isObject(properties) || isUnknown(properties)) return [unread(address).destination];
  return listOf(properties.loadBalancerBackendAddresses).map((backend) => {
    const inner = propertiesOf(backend);
    if (!isObject(inner) || isUnknown(inner)) return unread(address).destination;
    const frontend = inner.loadBalancerFrontendIPConfiguration;
    return backendTarget(inner.ipAddress, isObject(frontend) && !isUnknown(frontend) ? frontend.id : frontend, stack);
  });
}

/**
 * Where a backend address sends: its IP address; for a cross-region balancer's backend, a regional balancer's frontend: one
 * the stack writes is judged by its own row, any other forwards to what is known only later.
 */
function backendTarget(ipAddress: unknown, frontendId: unknown, stack: StackFacts | undefined): unknown {
  if (ipAddress !== undefined || frontendId === undefined || frontendId === null || balancerOfStack(frontendId, stack)) return ipAddress;
  return new Unknown(`what the load balancer frontend ${shown(frontendId)} forwards to`, []);
}

/** The forwards of a block of the table, or undefined for a block of another type. */
function forwardsOf(block: ResourceView, stack: StackFacts | undefined): readonly Forward[] | undefined {
  // An NGINX deployment forwards what its configuration says (A20b-1), and is a hop of what reaches its frontend (A20b-8).
  const nginx = nginxForwards(block, stack);
  if (nginx !== undefined) return nginx;
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
  // Exposing a live service (visibility, auto-approval) forwards to its live destination; retargeting it keeps the live exposure.
  'microsoft.network/privatelinkservices': ['destinationIPAddress', 'visibility', 'autoApproval'],
};

/** The azurerm types and Azure types the table reads: for the class test and the unlisted-type guard. */
export const FORWARDER_TYPES: readonly string[] = [...Object.keys(AZURERM_FORWARDERS), ...Object.keys(AZAPI_FORWARDERS)];

/** The types read beside the forwarders to know their sources, frontends and names (read-types.ts). */
export const FORWARDING_INPUT_TYPES: readonly string[] = ['azurerm_lb', 'azurerm_lb_rule', 'azurerm_lb_nat_rule', 'azurerm_lb_backend_address_pool',
  'azurerm_ip_group', 'azurerm_ip_group_cidr', 'azurerm_dns_a_record', 'azurerm_dns_cname_record', 'azurerm_private_dns_a_record', 'azurerm_private_dns_cname_record', 'azurerm_dns_zone'];

/** The Azure types read beside the forwarders: the DNS records a name is followed through (dns-record-targets.ts). */
export const FORWARDING_INPUT_AZURE_TYPES: readonly string[] = [...DNS_RECORD_AZURE_TYPES, ...FORWARDER_INPUT_AZURE_TYPES.filter((type) => !FORWARDER_TYPES.includes(type))];

/**
 * True when every source is a literal private range or the VNet's own tag: no one from the internet sends. An Azure
 * Firewall's sources may also be address ranges "first-last" (A19b-4), read by parseAddressRange; a malformed one is unreadable.
 */
function privateOnly({ sources, rangeSources }: Forward): boolean {
  if (sources.length === 0 || !sources.every((source): source is string => typeof source === 'string')) return false;
  const ranges = rangeSources === true ? sources.map(parseAddressRange) : [];
  if (ranges.some((span) => span !== undefined && publicAddressCount([span]) > 0)) return false;
  const others = sources.filter((_, index) => ranges[index] === undefined);
  if (others.length === 0) return true;
  const breadth = sourceBreadth(others);
  return breadth.publicAddresses === 0n && breadth.sharedTags.length === 0 && unreadableSources(others).length === 0;
}

/** True when a port (a number, a literal range, "*") may be one PostgreSQL listens on; 0 is a load balancer's every port. */
function mayBePostgresPort(port: unknown): boolean {
  if (typeof port === 'number') return port === 0 || POSTGRES_PORTS.includes(port);
  if (typeof port === 'string') return !isReadablePortRange(port) || coversPostgresPort(port);
  return true;
}

/** How many forwards and DNS records a path is followed through before it fails closed. */
export const MAX_HOPS = 8;

/**
 * Why a forward's destination may be the server, and through what: it is the server (an address of its subnets, its
 * name, a value known only later), it cannot be read, or the forwards and records after it loop or run past MAX_HOPS.
 */
interface Reach {
  readonly why: 'server' | 'unreadable' | 'loop' | 'bound';
  readonly via: readonly string[];
  /** True when a step of the path was matched only by a value known later (a frontend, a record's name). */
  readonly later: boolean;
}

/** True when some port may be one PostgreSQL listens on (none: every port). */
function mayBePostgres(ports: readonly unknown[]): boolean {
  return ports.length === 0 || ports.some(mayBePostgresPort);
}

/** The ports of one port value: a number (0: a load balancer's every port), a literal range; undefined for any port. */
function portValueSpan(port: unknown): { from: number; to: number } | undefined {
  if (typeof port === 'number') return port === 0 ? undefined : { from: port, to: port };
  return typeof port === 'string' ? portRangeSpan(port) : undefined;
}

/** True when connections sent on some of the ports may arrive on a port the frontend takes (either list empty, or a port not read: any). */
function portsMeet(sent: readonly unknown[], taken: readonly unknown[]): boolean {
  if (sent.length === 0 || taken.length === 0) return true;
  return sent.some((one) => taken.some((other) => {
    const [x, y] = [portValueSpan(one), portValueSpan(other)];
    return x === undefined || y === undefined || (x.from <= y.to && y.from <= x.to);
  }));
}

/** True when a record of that full name (undefined: any name) answers a query for the name: the same name, or a wildcard above it. */
function answers(record: string | undefined, wanted: string): boolean {
  if (record === undefined || record === wanted) return true;
  return record.startsWith('*.') && wanted.endsWith(record.slice(1));
}

/** A forward of the stack as a hop of a path, with its frontends read as addresses (unknownPrefix: any private address). */
interface Hop {
  readonly address: string;
  readonly forward: Forward;
  readonly frontends: ServerNetworks;
}

function hopOf(address: string, forward: Forward): Hop {
  const read = (text: string) => spanOf(text) ?? (forward.rangeSources === true ? parseAddressRange(text) : undefined);
  const spans = forward.frontends.flatMap((frontend) => { const span = typeof frontend === 'string' ? read(frontend) : undefined; return span === undefined ? [] : [span]; });
  return { address, forward, frontends: { spans, unknownPrefix: spans.length < forward.frontends.length } };
}

/** The step every private address leads to, on to the hops whose frontends are known only later. */
const ANY_PRIVATE_FRONTEND = Symbol('any private frontend');

/** A destination reached on a path: where it is, on which ports, and the step and node it was reached from. */
interface Step {
  readonly destination: unknown;
  readonly ports: readonly unknown[];
  readonly key: string | undefined;
  readonly parent?: Step;
  readonly via?: string;
  readonly depth: number;
  /** True when this step was matched only by a value known later (a frontend, a record's name). */
  readonly loose: boolean;
}

/** The key of a destination a path may come back to: an address or name with the ports it is reached on; undefined for one that ends a path. */
function stepKey(destination: unknown, ports: readonly unknown[], reader: (text: string) => Destination = readDestination): string | undefined {
  if (destination === ANY_PRIVATE_FRONTEND) return `*|${ports.map(shown).join(',')}`;
  if (typeof destination !== 'string') return undefined;
  const read = reader(destination);
  const at = read.kind === 'name' ? dnsName(read.name) : read.kind === 'address' ? destination.trim() : undefined;
  return at === undefined ? undefined : `${at}|${ports.map(shown).join(',')}`;
}

/** True when a step of the path to this one was matched only by a value known later. */
function throughLater(step: Step): boolean {
  for (let at: Step | undefined = step; at !== undefined; at = at.parent) if (at.loose) return true;
  return false;
}

/** The steps from the first destination to this one. */
function stepsTo(step: Step): string[] {
  const steps: string[] = [];
  for (let at: Step | undefined = step; at?.via !== undefined; at = at.parent) if (at.via !== '') steps.unshift(at.via);
  return steps;
}

/**
 * Whether the path to this step went through the key already: undefined when not, 'literal' when every step since was
 * matched by literal frontends and names (a loop), 'later' when one was matched only by a value known later.
 */
function cameThrough(step: Step, key: string): 'literal' | 'later' | undefined {
  let later = false;
  for (let at: Step | undefined = step; at !== undefined; at = at.parent) {
    if (at.key === key) return later ? 'later' : 'literal';
    later = later || at.loose;
  }
  return undefined;
}

/**
 * Where a destination leads (A17b-2): the closure of the stack's forwards and DNS records from it, breadth first (each
 * destination once, so the shortest path is the one named). An address of the server's subnets, or one of its names, is
 * the server; an address that is a private frontend of a forward of the stack (literal, in its subnet, or any private one
 * when that is not known) on a port the frontend takes leads on to that forward's destination, on its ports; a name leads
 * on to the values of the A and CNAME records of the stack that may answer it. A path that comes back to where it was by
 * literal frontends and names, or runs past MAX_HOPS, fails closed; one that comes back only through a frontend or a
 * record name known only later ends there (it says nothing new).
 */
function pathsToServer(server: ServerView, networks: ServerNetworks, stack: StackFacts | undefined): (destination: unknown, ports: readonly unknown[]) => Reach | undefined {
  const { hops } = stackForwards(stack);
  const records = dnsRecordTargets(stack);
  // Every destination is read once however many paths reach it.
  const readings = new Map<string, Destination>();
  const read = (text: string): Destination => { let found = readings.get(text); if (found === undefined) { found = readDestination(text); readings.set(text, found); } return found; };

  // Hops whose frontends are known only later take any private address: one shared step ("any private frontend") leads
  // to them, so that a stack of many such hops is followed in time linear in their number.
  // A hop whose destination is known only to lie in other VNets (an NGINX target chosen at run time) does not reach the server.
  const vnets = serverVnets(server, stack).map((each) => each.vnet);
  const reaching = hops.filter((hop) => hop.forward.inVnetOf === undefined || mayBeInServerVnet(hop.forward.inVnetOf, vnets, stack));
  const literalHops = reaching.filter((hop) => hop.frontends.spans.length > 0);
  const laterHops = reaching.filter((hop) => hop.frontends.unknownPrefix);
  type Next = { readonly destination: unknown; readonly ports: readonly unknown[]; readonly via: string; readonly loose: boolean };
  const onwardOf = new Map<string, readonly Next[]>();
  const toHop = (hop: Hop, loose: boolean): Next => ({ destination: hop.forward.destination, ports: hop.forward.ports, via: `${hop.address} (to ${shown(hop.forward.destination)})`, loose });

  /** Where a step leads on: each next destination with its ports, the step's name, and whether it was matched only by a value known later. */
  const onward = (step: Step): readonly Next[] => {
    const key = step.key!;
    const cached = onwardOf.get(key);
    if (cached !== undefined) return cached;
    let next: Next[] = [];
    if (step.destination === ANY_PRIVATE_FRONTEND) next = laterHops.filter((hop) => portsMeet(step.ports, hop.forward.frontendPorts)).map((hop) => toHop(hop, true));
    else if (typeof step.destination === 'string') {
      const reading = read(step.destination);
      if (reading.kind === 'address') {
        next = literalHops.filter((hop) => hop.frontends.spans.some((span) => spansOverlap(reading.span, span)) && portsMeet(step.ports, hop.forward.frontendPorts)).map((hop) => toHop(hop, false));
        if (laterHops.length > 0 && mayLieIn(reading.span, { spans: [], unknownPrefix: true })) next.push({ destination: ANY_PRIVATE_FRONTEND, ports: step.ports, via: '', loose: true });
      } else if (reading.kind === 'name') {
        const wanted = dnsName(reading.name);
        next = records.filter((record) => answers(record.name, wanted)).flatMap((record) => record.targets.map((target) => ({ destination: target, ports: step.ports, via: `${record.address} (${shown(target)})`, loose: record.name === undefined })));
      }
    }
    onwardOf.set(key, next);
    return next;
  };

  const whyAt = new Map<string, Reach['why'] | null>();
  /** Why a destination is the server: its address or name, a value known only later, or one that cannot be read; undefined when not. */
  /** Why a literal destination is the server (one reader for a literal and each literal reading of an expression). */
  const literalWhy = (destination: string): Reach['why'] | undefined => {
    const reading = read(destination);
    if (reading.kind === 'unreadable') return 'unreadable';
    if (reading.kind === 'address') return mayLieIn(reading.span, networks) ? 'server' : undefined;
    return reading.kind === 'name' && mayNameServer(reading.name, server) ? 'server' : undefined;
  };
  const serverWhy = (destination: unknown): Reach['why'] | undefined => {
    if (typeof destination === 'string') return literalWhy(destination);
    if (!isUnknown(destination)) return undefined;
    // Each text an expression may be (A20b-9): one made only of literal text is judged as that literal (an address of the
    // subnet, a name of the server); one the reader cannot evaluate may be anything.
    const readings = expressionReadings(destination, stack) ?? [ANYTHING];
    if (readings.some((text) => text.includes(ANYTHING))) return 'server';
    for (const text of readings.filter((each) => !each.includes('*'))) {
      const why = literalWhy(text);
      if (why !== undefined) return why;
    }
    // A template ending in a domain may be the server's name only by that domain; any other expression may be anything.
    if (!readings.some((text) => text.includes('*')) && readings.length > 0) return undefined;
    return !hasDomainEnd(destination) || mayNameServer(destination, server) ? 'server' : undefined;
  };
  /** The server reached at a step on a PostgreSQL port, or undefined. */
  const atServer = (step: Step): Reach | undefined => {
    if (!mayBePostgres(step.ports)) return undefined;
    let why = step.key === undefined ? serverWhy(step.destination) : whyAt.get(step.key);
    if (why === undefined && step.key !== undefined && !whyAt.has(step.key)) {
      why = serverWhy(step.destination);
      whyAt.set(step.key, why ?? null);
    }
    return why === undefined || why === null ? undefined : { why, via: stepsTo(step), later: throughLater(step) };
  };

  const follow = (destination: unknown, ports: readonly unknown[]): Reach | undefined => {
    const first: Step = { destination, ports, key: stepKey(destination, ports, read), depth: 0, loose: false };
    const queue: Step[] = [first];
    const seen = new Set<string>(first.key === undefined ? [] : [first.key]);
    for (let index = 0; index < queue.length; index++) {
      const step = queue[index];
      const found = atServer(step);
      if (found !== undefined) return found;
      if (step.key === undefined) continue;
      for (const next of onward(step)) {
        const key = stepKey(next.destination, next.ports, read);
        const child: Step = { destination: next.destination, ports: next.ports, key, parent: step, via: next.via, depth: step.depth + (next.via === '' ? 0 : 1), loose: next.loose };
        const back = key === undefined ? undefined : cameThrough(step, key);
        if (back !== undefined) {
          if (next.loose || back === 'later') continue;
          return { why: 'loop', via: stepsTo(child), later: throughLater(child) };
        }
        if (child.depth > MAX_HOPS) return { why: 'bound', via: stepsTo(child), later: throughLater(child) };
        if (key !== undefined && seen.has(key)) continue;
        if (key !== undefined) seen.add(key);
        queue.push(child);
      }
    }
    return undefined;
  };
  // From where a path starts, what it reaches does not depend on the query: each start is followed once.
  const results = new Map<string, Reach | null>();
  const reachFrom = (destination: unknown, ports: readonly unknown[]): Reach | undefined => {
    const key = stepKey(destination, ports, read);
    if (key === undefined) return follow(destination, ports);
    if (!results.has(key)) results.set(key, follow(destination, ports) ?? null);
    return results.get(key) ?? undefined;
  };
  return (destination, ports) => {
    // An expression starts a path at each literal text it may be, as that literal would (A20b-9); made only of them, nowhere else.
    const texts = isUnknown(destination) ? expressionReadings(destination, stack) ?? [] : [];
    if (texts.some((text) => text.includes(ANYTHING))) return reachFrom(destination, ports);
    const literal = texts.filter((text) => !text.includes('*'));
    for (const text of literal) {
      const found = reachFrom(text, ports);
      if (found !== undefined) return found;
    }
    return literal.length > 0 && literal.length === texts.length ? undefined : reachFrom(destination, ports);
  };
}

/** False only when every subnet ID of a forward's VNet list (none: no list) is certainly in a VNet the server is not reachable in. */
function mayBeInServerVnet(subnets: readonly unknown[] | undefined, vnets: readonly VnetRef[], stack: StackFacts | undefined): boolean {
  if (subnets === undefined || subnets.length === 0) return true;
  return subnets.some((subnet) => vnets.some((vnet) => sameVnet(vnet, vnetOfId(subnet, stack)) !== false));
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

function shown(value: unknown): string {
  return isUnknown(value) ? value.toString() : JSON.stringify(value ?? null);
}

/** PG-NET-1 failures of the forwarders (table rows, and unlisted network writers naming the server's subnet) that may reach the construct's server from the internet. */
export function forwardingPaths(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const networks = serverNetworks(server, stack);
  if (networks === undefined) return [];
  const verdicts: Verdict[] = [];
  const reach = pathsToServer(server, networks, stack);
  const vnets = serverVnets(server, stack).map((each) => each.vnet);
  const nginxHops = new Set(stackForwards(stack).judged.filter(({ block }) => writesNginxConfiguration(block)).map(({ block }) => block.address));
  // An NGINX configuration the pack cannot read, on a deployment that may be public where the server is reachable (A19a-5).
  const opaque = new Set<string>();
  for (const block of configurationWriters(stack)) {
    const unread = madeBy(block, owner) ? undefined : unreadableConfiguration(block, server, stack);
    if (unread === undefined) continue;
    opaque.add(block.address);
    verdicts.push(fail(`${block.address} writes an NGINX configuration the pack cannot read (${unread}) for a deployment that may take connections from the internet in a virtual network ${owner}'s server is reachable in: it may forward them to the server, a network path ${owner} does not declare. Write the configuration as literal text (base64 is read), or suppress PG-NET-1 on it with the reason.`, block.address));
  }
  for (const { block, forwards } of stackForwards(stack).judged) {
    if (madeBy(block, owner) || opaque.has(block.address)) continue;
    const named = forwards === undefined || scannedToo(block) ? unlistedNetworkWriter(block, server, networks, reach, nginxHops) : undefined;
    if (forwards === undefined || named !== undefined) {
      const what = forwards === undefined ? 'a network resource the pack does not read' : 'whose text the pack reads for its forwarding directives only';
      if (named !== undefined) verdicts.push(fail(`${block.address}, ${what}, names ${named}, an address or the name of ${owner}'s server (or one the stack forwards on to it): it may forward traffic to it, a network path ${owner} does not declare.`, block.address));
      continue;
    }
    const open = forwards.filter((forward) => mayBeInServerVnet(forward.inVnetOf, vnets, stack))
      .map((forward) => ({ forward, reach: privateOnly(forward) ? undefined : reach(forward.destination, forward.ports) })).find(({ reach: found }) => found !== undefined);
    if (open === undefined) continue;
    const { forward, reach: found } = open as { forward: Forward; reach: Reach };
    const from = forward.sources.length === 0 ? 'any source' : forward.sources.map(shown).join(', ');
    const through = found.via.length === 0 ? '' : ` through ${found.via.join(', then ')}`;
    const what = {
      server: found.via.length === 0 ? `which may be ${owner}'s server (an address of its subnet, or its name), on a PostgreSQL port`
        : `which the stack forwards on to ${owner}'s server (an address of its subnet, or its name)${through}, on a PostgreSQL port`,
      unreadable: found.via.length === 0 ? `which the pack cannot read as an address or a DNS name: it may be ${owner}'s server (an address of its subnet), on a PostgreSQL port`
        : `which the stack forwards on${through} to a destination the pack cannot read as an address or a DNS name: it may be ${owner}'s server (an address of its subnet), on a PostgreSQL port`,
      loop: `whose forwards and DNS records${through} come back to where they were: the pack cannot follow them to an end, and they may reach ${owner}'s server`,
      bound: `whose forwards and DNS records${through} run past ${MAX_HOPS} hops: the pack does not follow them further, and they may reach ${owner}'s server`,
    }[found.why];
    // A port an azapi write gives that the pack cannot read is named, with the fix (forwarder-inputs.ts).
    const unreadPort = [...forward.ports, ...forward.frontendPorts].find(unreadInput);
    const note = unreadPort === undefined ? '' : ` (a port ${unreadPort.expression})`;
    verdicts.push(fail(`${block.address} forwards connections from ${from} to ${shown(forward.destination)}, ${what}${note}: a network path ${owner} does not declare.`, block.address));
  }
  return verdicts;
}

/** The forwards of the stack that may reach the construct's server, whatever their sources, with their blocks (source-rewriters.ts, A20b-3). */
export function forwardsToServer(server: ServerView, stack: StackFacts | undefined): { readonly block: ResourceView; readonly sources: readonly unknown[] }[] {
  const networks = serverNetworks(server, stack);
  if (networks === undefined) return [];
  const reach = pathsToServer(server, networks, stack);
  // A target known only later counts wherever the forwarder sits (not only in the server's VNet, as PG-NET-1's own verdicts
  // take it): the caller asks whether it connects from inside the allowed prefixes, which is what lets it reach the server.
  return stackForwards(stack).judged.flatMap(({ block, forwards }) => (forwards ?? [])
    .filter((forward) => reach(forward.destination, forward.ports) !== undefined).map((forward) => ({ block, sources: forward.sources })));
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
  // DNS zones and resolvers name the server without carrying traffic (shadow-dns-zones.ts and dns-forwarding-rules.ts judge them).
  /^microsoft\.network\/(dnszones(\/.*)?|dnsresolvers(\/.*)?|dnsforwardingrulesets(\/.*)?)$/,
  // Firewall network and application rules pass traffic already routed to the firewall without translating it; load
  // balancer rules, probes and pools are read through the pool addresses; network managers are read by security-admin-rules.ts.
  /^azurerm_(firewall_(network|application)_rule_collection|firewall_policy|firewall|lb|lb_(rule|nat_rule|nat_pool|probe|outbound_rule|backend_address_pool)|network_manager\w*)$/,
  /^microsoft\.network\/(firewallpolicies|networkmanagers(\/.*)?)$/,
];

/** azurerm types of the network kind (forwarders, gateways, front doors); azapi: every Microsoft.Network type. */
const NETWORK_KIND = /^azurerm_(lb|firewall|application_gateway|network_|nat_|route|virtual_hub|virtual_wan|vpn_|express_route|frontdoor|cdn_frontdoor|private_link_service|traffic_manager|web_application_firewall|virtual_network_gateway|point_to_site|public_ip|ip_group|bastion|nginx|palo_alto)/;

/**
 * The Azure namespaces of the network kind, the azapi twins of NETWORK_KIND: Microsoft.Network, NGINXaaS (under its own
 * resource provider, and the spelling earlier previews documented; A19a-5), Front Door and CDN, Palo Alto Cloud NGFW.
 */
const AZURE_NETWORK_KIND: readonly string[] = ['microsoft.network/', 'nginx.nginxplus/', 'microsoft.nginx/', 'microsoft.cdn/', 'paloaltonetworks.cloudngfw/'];

/** Address-like tokens of a text: dotted numbers in any base, with a prefix length, and IPv6 spellings. */
const ADDRESS_TOKEN = /[0-9a-f]*::?[0-9a-f:.]*(?:\/\d{1,3})?|(?:0x[0-9a-f]+|\d+)(?:\.(?:0x[0-9a-f]+|\d+)){0,3}(?:\/\d{1,3})?/gi;

/** The IPv4 span an address-like token names: a canonical or IPv4-mapped address or block, or a lenient parser's reading of it (A17b-3). */
function tokenSpan(token: string): AddressSpan | undefined {
  const span = spanOf(token);
  if (span !== undefined) return span;
  const [address, length] = token.split('/');
  const value = lenientIpv4(address);
  const prefixLength = length === undefined ? 32 : Number(length);
  return value === undefined || prefixLength > 32 ? undefined : cidrSpan(numberToIpv4(value), prefixLength);
}

/**
 * What an unlisted network writer names of the server, or undefined: an address of its known subnets in any spelling
 * (A17b-3), its name, or an address or name that the stack's forwards and records lead on to it (A17b-2).
 */
function unlistedNetworkWriter(block: ResourceView, server: ServerView, networks: ServerNetworks, reach: (destination: unknown, ports: readonly unknown[]) => Reach | undefined, nginxHops: ReadonlySet<string>): string | undefined {
  if (!unlistedNetworkType(block)) return undefined;
  let named: string | undefined;
  const known: ServerNetworks = { spans: networks.spans, unknownPrefix: false };
  // Through hops and records of the stack matched by literals (the text itself was read above against the subnets known as
  // literals): an address in the text of a writer the pack does not read may be a source as well as a destination. An NGINX
  // deployment's text names its own frontends, where its configurations take connections: a path whose first hop is an NGINX
  // configuration starts there, and is judged as that configuration's forward (A20b-8).
  const ownFrontend = (found: Reach) => isNginx(block) && nginxHops.has(found.via[0].slice(0, found.via[0].indexOf(' (')));
  const leadsOn = (text: string) => {
    const found = reach(text, []);
    return found !== undefined && found.why !== 'unreadable' && found.via.length > 0 && !found.later && !ownFrontend(found);
  };
  const namedIn = (text: string): string | undefined => {
    for (const [token] of text.matchAll(ADDRESS_TOKEN)) {
      const span = tokenSpan(token);
      if (span !== undefined && (mayLieIn(span, known) || (spanOf(token) !== undefined && leadsOn(token)))) return JSON.stringify(token);
    }
    if (text.includes(`${server.address}.fqdn`) || [...serverNames(server), ...ownZones(server)].some((name) => text.toLowerCase().includes(name))
      || (readDestination(text).kind === 'name' && leadsOn(text))) return JSON.stringify(text);
    return undefined;
  };
  forEachString(block.config as TerraformBlock, (raw) => {
    // A body given as JSON text is read as Azure decodes it: `10.0.1.\u0034` is the server's address (class of A17b-1); a
    // base64 value as the provider decodes it (an NGINX configuration, a package's tar.gz; A19a-5).
    for (const text of [raw, ...encodedTexts(raw).texts]) named ??= namedIn(unescaped(text));
  });
  return named;
}

/** Whether a block is a network writer of a type the pack does not read, whose text may name the server (unlistedNetworkWriter). */
function unlistedNetworkType(block: ResourceView): boolean {
  const azapi = AZAPI_WRITER_TYPES.includes(block.type);
  const type = azapi ? azapiType(block) : block.type;
  if (type === undefined || (azapi && !writes(block))) return false;
  const networkKind = azapi ? AZURE_NETWORK_KIND.some((namespace) => type.startsWith(namespace)) : NETWORK_KIND.test(type);
  return networkKind && !INERT_NETWORK_TYPES.some((inert) => inert.test(type));
}

/**
 * The stack's forwards, read once per evaluation (every server asks): the hops they make, and the blocks forwardingPaths judges
 * (those that forward, and the network writers the pack does not read), in the stack's order. A block that cannot be read
 * fails every server's check as it did when read per server.
 */
function stackForwards(stack: StackFacts | undefined): { readonly hops: readonly Hop[]; readonly judged: readonly { readonly block: ResourceView; readonly forwards: readonly Forward[] | undefined }[] } {
  const read = forwardsKept(stack);
  if ('error' in read) throw read.error;
  return read;
}

const forwardsKept = oncePerStack((stack) => {
  const hops: Hop[] = [];
  const judged: { block: ResourceView; forwards: readonly Forward[] | undefined }[] = [];
  try {
    for (const block of stack?.resources?.values() ?? []) {
      const forwards = forwardsOf(block, stack);
      hops.push(...(forwards ?? []).map((forward) => hopOf(block.address, forward)));
      if ((forwards?.length ?? 0) > 0 || ((forwards === undefined || scannedToo(block)) && mayBeUnlisted(block))) judged.push({ block, forwards });
    }
  } catch (error) {
    return { error };
  }
  return { hops, judged };
});

/**
 * True for a writer of the table whose raw text is searched too: an NGINX configuration's directives are read for their
 * targets, and a directive the reader does not know that names the server still fails (A19a-5).
 */
function scannedToo(block: ResourceView): boolean {
  return writesNginxConfiguration(block);
}

/** A block unlistedNetworkWriter may name: one whose type it reads, or one it cannot tell (read again per server, failing as it did). */
function mayBeUnlisted(block: ResourceView): boolean {
  try {
    return unlistedNetworkType(block);
  } catch {
    return true;
  }
}

/**
 * Whether a destination on those ports may be the construct's server, as a forward's would be: its address or name, a name or
 * address the stack forwards on to it, or one the pack cannot read (Azure Firewall application rules, A21b-4). A wildcard name
 * (`*.example.com`, `*example.com`: an application rule's FQDN) is each name below it that the pack knows to lead somewhere: the
 * server's names and zones, and the names of the stack's records; a record whose name is known only later may be below any.
 */
export function reachesServer(server: ServerView, stack: StackFacts | undefined): (destination: unknown, ports: readonly unknown[]) => boolean {
  const networks = serverNetworks(server, stack);
  if (networks === undefined) return () => false;
  const reach = pathsToServer(server, networks, stack);
  const records = dnsRecordTargets(stack);
  const known = [...serverNames(server), ...ownZones(server).map((zone) => `name.${zone}`), ...records.flatMap((record) => (record.name === undefined ? [] : [record.name]))];
  const anyName = records.some((record) => record.name === undefined);
  return (destination, ports) => {
    const suffix = typeof destination === 'string' && destination.startsWith('*') ? destination.slice(1).trim().toLowerCase().replace(/\.$/, '') : undefined;
    if (suffix === undefined || anyName || readDestination(suffix.replace(/^\./, '')).kind !== 'name') return reach(destination, ports) !== undefined;
    return known.some((name) => dnsName(name).endsWith(suffix) && reach(name, ports) !== undefined);
  };
}
