/**
 * Forwarders that rewrite sources (twentieth review, A20b-3). Once a construct's allowedSources are address prefixes, its
 * network security group decides by source (source-translators.ts). A forwarder that connects to the server from its own
 * address hands that address to everyone it takes connections from: an Azure Firewall DNAT rule (the firewall always SNATs
 * DNAT traffic), a network rule whose firewall SNATs private destinations (`private_ip_ranges` / `snat.privateRanges` that
 * leave the server's subnet out; by default Azure Firewall does not SNAT the IANA private ranges, RFC 1918 and RFC 6598), an
 * application rule (always SNATed: the firewall proxies it; A21b-4), each firewall rule placed where the firewalls that run it
 * are (A21b-2), an Application Gateway (a proxy) and a Private Link service (its NAT addresses). Placed inside an allowed prefix, such a
 * forwarder is judged by its own sources: it fails PG-NET-1 when they are not all inside the allowed prefixes (or cannot be
 * read). Load balancers keep the client's address (the NSG judges it) and are not in the table.
 */
import { AddressSpan, describeAddressSet, parseAddressRange, spansOverlap } from '../private/ipv4';
import { coversPostgresPort, isReadablePortRange, POSTGRES_PORTS } from '../private/source-breadth';
import { AZAPI_WRITER_TYPES, azapiType, bodyProperties, propertyInAnyCase as field, writes } from './azapi-writes';
import { madePath } from './beside-construct';
import { everyBlock } from './dynamic-blocks';
import { ANYWHERE, armSubnets, HubPlace, hubPrefixes, Place, POLICY_DRAFT, RULE_GROUP_DRAFT, ruleFirewallPlaces, subnetPrefixes, unwrittenSnat } from './firewall-placements';
import { forwardsToServer, reachesServer } from './forwarding-paths';
import { applicationRules } from './firewall-application-rules';
import { NGINX_CONFIGURATION_AZURE_TYPES, NGINX_CONFIGURATION_TYPES, nginxSubnet } from './nginx-configurations';
import { isUnknown } from './hcl-expression';
import { fail, StackFacts, Verdict } from './rule';
import { listOf, mayLieIn, ServerNetworks, serverNetworks, spanOf } from './server-networks';
import { serverVnets } from './server-vnets';
import { ResourceView, ServerView } from './stack-model';
import { isObject } from './terraform-json';
import { traversalText } from './traversal-text';

/** The ranges Azure Firewall does not SNAT by default ("IANAPrivateRanges"): RFC 1918 and the shared address space of RFC 6598. */
const IANA_PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/** An item of a nested list or body part: an object, or undefined for one known only later. */
function objects(value: unknown): ({ readonly [key: string]: unknown } | undefined)[] {
  return listOf(value).map((item) => (isObject(item) && !isUnknown(item) ? item : undefined));
}

/**
 * Where a forwarder of the table connects from: its subnet pointers, by type (azurerm, or the Azure type of an azapi block); a
 * firewall rule, where the firewalls that run it connect from (firewall-placements.ts, A21b-2).
 */
const PLACEMENTS: { readonly [type: string]: { readonly what: string; readonly subnets: (block: ResourceView, stack: StackFacts | undefined) => unknown[] } } = {
  azurerm_firewall_nat_rule_collection: { what: 'an Azure Firewall DNAT rule (the firewall SNATs DNAT traffic to its own address)', subnets: ruleFirewallPlaces },
  azurerm_firewall_policy_rule_collection_group: { what: 'an Azure Firewall DNAT rule (the firewall SNATs DNAT traffic to its own address)', subnets: ruleFirewallPlaces },
  'microsoft.network/azurefirewalls': { what: 'an Azure Firewall DNAT rule (the firewall SNATs DNAT traffic to its own address)', subnets: ruleFirewallPlaces },
  'microsoft.network/firewallpolicies/rulecollectiongroups': { what: 'an Azure Firewall DNAT rule (the firewall SNATs DNAT traffic to its own address)', subnets: ruleFirewallPlaces },
  // A group's draft: the rules a deploy action makes the group's (A22b-5).
  'microsoft.network/firewallpolicies/rulecollectiongroups/rulecollectiongroupdrafts': { what: 'an Azure Firewall DNAT rule (the firewall SNATs DNAT traffic to its own address)', subnets: ruleFirewallPlaces },
  azurerm_application_gateway: { what: 'an Application Gateway (a proxy: it connects from its own subnet)', subnets: (block) => everyBlock(block.config, 'gateway_ip_configuration').map((ip) => ip.subnet_id ?? ANYWHERE) },
  'microsoft.network/applicationgateways': { what: 'an Application Gateway (a proxy: it connects from its own subnet)', subnets: (block) => armSubnets(bodyProperties(block), 'gatewayIPConfigurations') },
  azurerm_private_link_service: { what: 'a Private Link service (it connects from its NAT addresses)', subnets: (block) => everyBlock(block.config, 'nat_ip_configuration').map((ip) => ip.subnet_id ?? ANYWHERE) },
  'microsoft.network/privatelinkservices': { what: 'a Private Link service (it connects from its NAT addresses)', subnets: (block) => armSubnets(bodyProperties(block), 'ipConfigurations') },
  // NGINXaaS proxies each connection from its deployment's subnet (A20b-3), whatever its configuration text forwards.
  ...Object.fromEntries([...NGINX_CONFIGURATION_TYPES, ...NGINX_CONFIGURATION_AZURE_TYPES].map((type) => [type, { what: 'an NGINXaaS deployment (a proxy: it connects from its own subnet)', subnets: (block: ResourceView, stack: StackFacts | undefined) => [nginxSubnet(block, stack) ?? ANYWHERE] }])),
};

/** The types read for the firewall's SNAT ranges and network rules (read-types.ts), azurerm and Azure (lower case). */
export const SNAT_TYPES: readonly string[] = ['azurerm_firewall', 'azurerm_firewall_policy', 'azurerm_firewall_network_rule_collection', 'azurerm_firewall_policy_rule_collection_group'];
export const SNAT_AZURE_TYPES: readonly string[] = ['microsoft.network/firewallpolicies', 'microsoft.network/azurefirewalls', 'microsoft.network/firewallpolicies/rulecollectiongroups',
  POLICY_DRAFT, RULE_GROUP_DRAFT];

/** The forwarder types the table reads (azurerm, and Azure types lower case): the class test enumerates them. */
export const SOURCE_REWRITER_TYPES: readonly string[] = Object.keys(PLACEMENTS);

/** The placement row of a block, or undefined. */
function placementOf(block: ResourceView): (typeof PLACEMENTS)[string] | undefined {
  const type = AZAPI_WRITER_TYPES.includes(block.type) ? azapiType(block) : block.type;
  return type !== undefined && Object.prototype.hasOwnProperty.call(PLACEMENTS, type) ? PLACEMENTS[type] : undefined;
}

/** Whether one of the places (subnets, secured hubs) may lie inside an allowed prefix: its literal prefixes overlap one, or it cannot be read. */
function mayConnectFromAllowed(places: readonly Place[], allowed: readonly AddressSpan[], stack: StackFacts | undefined): boolean {
  const overlaps = (prefixes: readonly unknown[]) => prefixes.length === 0 || prefixes.some((prefix) => {
    const span = typeof prefix === 'string' ? spanOf(prefix) : undefined;
    return span === undefined || allowed.some((each) => spansOverlap(each, span));
  });
  return places.some((place) => {
    if (place === ANYWHERE) return true;
    // A secured hub's firewall connects from an address of the hub's prefix (A21b-2).
    if (place instanceof HubPlace) { const prefixes = hubPrefixes(place, stack); return prefixes === undefined || overlaps(prefixes); }
    // A subnet's prefixes as every write of them gives them (its block, an azapi write of it or of its VNet's list; A22b-1).
    const prefixes = subnetPrefixes(place, stack);
    return prefixes === undefined || overlaps(prefixes);
  });
}

/** The span of a literal source (a prefix, an address, or an Azure Firewall range "first-last"). */
function sourceSpan(source: unknown): AddressSpan | undefined {
  return typeof source === 'string' ? spanOf(source) ?? parseAddressRange(source) : undefined;
}

/** Whether every source is a literal range inside one allowed prefix: nobody else gets the forwarder's address. */
function allInside(sources: readonly unknown[], allowed: readonly AddressSpan[]): boolean {
  return sources.length > 0 && sources.every((source) => {
    const span = sourceSpan(source);
    return span !== undefined && allowed.some((each) => each.first <= span.first && span.last <= each.last);
  });
}

/** The ranges a firewall's SNAT setting keeps (does not SNAT toward): undefined when not written (Azure's default), 'unread' when they cannot be read. */
function keptRanges(value: unknown): AddressSpan[] | 'unread' | undefined {
  if (value === undefined || value === null) return undefined;
  const items = typeof value === 'string' ? value.split(',') : listOf(value);
  if (isUnknown(value) || items.some((item) => typeof item !== 'string')) return 'unread';
  const spans: AddressSpan[] = [];
  for (const item of (items as string[]).map((text) => text.trim())) {
    const read = item.toLowerCase() === 'ianaprivateranges' ? IANA_PRIVATE_RANGES.map((range) => spanOf(range)) : [sourceSpan(item)];
    if (read.some((span) => span === undefined)) return 'unread';
    spans.push(...(read as AddressSpan[]));
  }
  return spans;
}

/** Whether a policy or firewall block's lifecycle.ignore_changes keeps Terraform from applying its SNAT ranges (all, the argument, an azapi body). */
function ignoresSnat(block: ResourceView): boolean {
  const lifecycle = block.config.lifecycle;
  const entries = [...listOf(isObject(lifecycle) ? lifecycle.ignore_changes : undefined), ...listOf(block.config.ignore_body_changes)];
  const argument = block.type === 'azurerm_firewall_policy' || block.type === 'azurerm_firewall' ? 'private_ip_ranges' : 'body';
  return entries.some((entry) => {
    if (typeof entry !== 'string') return true;
    const path = traversalText(entry).toLowerCase();
    return path === 'all' || path === argument || path.startsWith(`${argument}.`) || path.startsWith(`${argument}[`) || /snat/.test(path) || path.includes('${');
  });
}

/** The firewall SNAT settings of the stack that may SNAT traffic to the server's subnets: the block that writes each. */
function snatTowardServer(networks: ServerNetworks, stack: StackFacts | undefined): ResourceView | undefined {
  for (const block of stack?.resources?.values() ?? []) {
    let setting: unknown;
    let holder = block.type === 'azurerm_firewall_policy' || block.type === 'azurerm_firewall';
    if (holder) setting = block.config.private_ip_ranges;
    else if (AZAPI_WRITER_TYPES.includes(block.type) && writes(block)) {
      const type = azapiType(block);
      // A policy's draft sets the policy's SNAT ranges when a deploy action applies it (A22b-5).
      const policy = type === 'microsoft.network/firewallpolicies' || type === POLICY_DRAFT;
      holder = policy || type === 'microsoft.network/azurefirewalls';
      const properties = holder ? bodyProperties(block) : undefined;
      if (isUnknown(properties)) return block;
      setting = policy ? field(field(properties, 'snat'), 'privateRanges') : field(field(properties, 'additionalProperties'), 'Network.SNAT.PrivateRanges');
    }
    // Ranges Terraform leaves as they are live (lifecycle.ignore_changes) may be anything: read as ranges that cannot be (A25b-4).
    const kept = holder && ignoresSnat(block) ? 'unread' : keptRanges(setting);
    if (kept === undefined) continue;
    if (kept === 'unread' || networks.unknownPrefix || !networks.spans.every((span) => kept.some((range) => range.first <= span.first && span.last <= range.last))) return block;
  }
  return undefined;
}

/** One network rule as read: its sources, destinations (an Unknown-like marker for any) and ports. */
interface NetworkRule {
  readonly sources: readonly unknown[];
  readonly destinations: readonly unknown[];
  readonly ports: readonly unknown[];
}

/** The network rules of a block (azurerm policy groups and classic collections; azapi rule collection groups and firewalls). */
function networkRules(block: ResourceView): NetworkRule[] {
  const azurerm = (rule: { readonly [key: string]: unknown }): NetworkRule => ({
    sources: [...listOf(rule.source_addresses), ...listOf(rule.source_ip_groups).map(() => '(an IP group)')],
    destinations: [...listOf(rule.destination_addresses), ...listOf(rule.destination_ip_groups).map(() => '*'), ...listOf(rule.destination_fqdns).map(() => '*')],
    ports: listOf(rule.destination_ports),
  });
  const arm = (rule: unknown): NetworkRule => ({
    sources: [...listOf(field(rule, 'sourceAddresses')), ...listOf(field(rule, 'sourceIpGroups')).map(() => '(an IP group)')],
    destinations: [...listOf(field(rule, 'destinationAddresses')), ...listOf(field(rule, 'destinationIpGroups')).map(() => '*'), ...listOf(field(rule, 'destinationFqdns')).map(() => '*')],
    ports: listOf(field(rule, 'destinationPorts')),
  });
  const ANY: NetworkRule = { sources: [], destinations: ['*'], ports: ['*'] };
  if (block.type === 'azurerm_firewall_policy_rule_collection_group') return everyBlock(block.config, 'network_rule_collection').flatMap((collection) => everyBlock(collection, 'rule').map(azurerm));
  if (block.type === 'azurerm_firewall_network_rule_collection') return everyBlock(block.config, 'rule').map(azurerm);
  if (!AZAPI_WRITER_TYPES.includes(block.type) || !writes(block)) return [];
  const type = azapiType(block);
  const properties = bodyProperties(block);
  if (type === 'microsoft.network/firewallpolicies/rulecollectiongroups' || type === RULE_GROUP_DRAFT) {
    if (isUnknown(properties)) return [ANY];
    return objects(field(properties, 'ruleCollections')).flatMap((collection) => (collection === undefined ? [ANY] : objects(field(collection, 'rules')).flatMap((rule) => {
      if (rule === undefined) return [ANY];
      const kind = field(rule, 'ruleType');
      return typeof kind === 'string' && kind.trim().toLowerCase() !== 'networkrule' ? [] : [arm(rule)];
    })));
  }
  if (type === 'microsoft.network/azurefirewalls') {
    if (isUnknown(properties)) return [ANY];
    return objects(field(properties, 'networkRuleCollections')).flatMap((collection) => (collection === undefined ? [ANY] : objects(field(field(collection, 'properties'), 'rules')).map((rule) => (rule === undefined ? ANY : arm(rule)))));
  }
  return [];
}

/** Whether a network rule may pass traffic to the server: a destination that may lie in its subnets (or any), on a PostgreSQL port (or any). */
function mayReachServer(rule: NetworkRule, networks: ServerNetworks): boolean {
  const destination = rule.destinations.length === 0 || rule.destinations.some((each) => {
    const span = sourceSpan(each);
    return span === undefined || mayLieIn(span, networks);
  });
  const port = rule.ports.length === 0 || rule.ports.some((each) => (typeof each === 'number' ? POSTGRES_PORTS.includes(each) : typeof each !== 'string' || each.trim() === '*' || !isReadablePortRange(each) || coversPostgresPort(each)));
  return destination && port;
}

/** A rule's sources as a message shows them. */
function sourcesShown(sources: readonly unknown[]): string {
  return sources.length === 0 ? 'any source' : sources.map((each) => (isUnknown(each) ? each.toString() : JSON.stringify(each))).join(', ');
}

const FIX = 'Admit only sources inside the construct\'s network allowedSources in its rules, place it outside those prefixes, or suppress PG-NET-1 on the resource with the reason.';

/** PG-NET-1's verdicts beside a construct whose allowedSources are address prefixes: the forwarders that hand their own address (inside them) to others. */
export function sourceRewriters(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const allowed = serverVnets(server, stack).flatMap((target) => target.allowed ?? []);
  const networks = serverNetworks(server, stack);
  if (allowed.length === 0 || networks === undefined || stack?.resources === undefined) return [];
  const prefixes = describeAddressSet(allowed);
  const verdicts = new Map<string, Verdict>();
  for (const { block, sources } of forwardsToServer(server, stack)) {
    const row = placementOf(block);
    if (row === undefined || madePath(block) !== undefined || verdicts.has(block.address) || allInside(sources, allowed)) continue;
    if (!mayConnectFromAllowed(row.subnets(block, stack), allowed, stack)) continue;
    verdicts.set(block.address, fail(`${block.address} is ${row.what} that may forward connections from ${sourcesShown(sources)} to ${owner}'s server from an address inside its allowed sources (${prefixes}): they reach the server as an allowed source, through its network security group. ${FIX}`, block.address));
  }
  // What a rule's destination leads to (a forward or record of the stack that reaches the server), made on the first rule that asks: most stacks have none.
  let reader: ReturnType<typeof reachesServer> | undefined;
  const reaches = (destination: unknown, ports: readonly unknown[]) => (reader ??= reachesServer(server, stack))(destination, ports);
  const snat = snatTowardServer(networks, stack);
  for (const block of stack.resources.values()) {
    if (verdicts.has(block.address) || madePath(block) !== undefined) continue;
    // A destination in the server's subnets, or one a forward of the stack takes on to the server (a private balancer's
    // frontend keeps the firewall's SNAT address as the source; A22b-2 follow-up).
    const rule = networkRules(block).find((each) => !allInside(each.sources, allowed)
      && (mayReachServer(each, networks) || each.destinations.some((destination) => reaches(destination, each.ports))));
    if (rule === undefined) continue;
    // SNAT ranges the stack does not write (a policy or firewall given by ID or looked up) may be anything live, "always SNAT"
    // too: they are read as ranges that leave the server's subnet out, not as Azure's default (A25b-4).
    const unwritten = snat === undefined ? unwrittenSnat(block, stack) : undefined;
    if (snat === undefined && unwritten === undefined) continue;
    // The rule runs on the firewalls that use its policy, or that its classic collection names (A21b-2).
    if (!mayConnectFromAllowed(ruleFirewallPlaces(block, stack), allowed, stack)) continue;
    const because = snat === undefined ? `the SNAT ranges of ${unwritten} cannot be read (they may be "always SNAT", 255.255.255.255/32)`
      : `${snat.address} sets the ranges it does not SNAT without the server's subnet`;
    verdicts.set(block.address, fail(`${block.address} is an Azure Firewall network rule that passes connections from ${sourcesShown(rule.sources)} to ${owner}'s server, which the firewall may SNAT to its own address inside the allowed sources (${prefixes}) because ${because}: they reach the server as an allowed source. ${FIX}`, block.address));
  }
  // Application rules are always SNATed: the firewall proxies them from its own address, whatever its SNAT ranges (A21b-4).
  for (const block of stack.resources.values()) {
    if (verdicts.has(block.address) || madePath(block) !== undefined) continue;
    const rule = applicationRules(block).find((each) => !allInside(each.sources, allowed) && each.destinations.some((destination) => reaches(destination, each.ports)));
    if (rule === undefined || !mayConnectFromAllowed(ruleFirewallPlaces(block, stack), allowed, stack)) continue;
    verdicts.set(block.address, fail(`${block.address} is an Azure Firewall application rule that passes connections from ${sourcesShown(rule.sources)} to ${owner}'s server (its name, a wildcard above it, its address, or a destination the pack cannot tell apart from it) on a port that may be PostgreSQL's; the firewall proxies application rules from its own address inside the allowed sources (${prefixes}): they reach the server as an allowed source. ${FIX}`, block.address));
  }
  return [...verdicts.values()];
}
