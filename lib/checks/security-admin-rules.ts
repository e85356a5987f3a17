import { madeBy, resourcesOfType } from './beside-construct';
import { mayBeWord } from './expression-readings';
import { isUnknown } from './hcl-expression';
import { referencedResources } from './referenced-resources';
import { azapiParent, azapiType, azapiWriters, bodyProperties, requestBody } from './azapi-writes';
import { afterWrite, patchesLive } from './live-patch';
import { adminRuleConfiguration, deployedOnlyElsewhere } from './manager-deployments';
import { GroupName, groupMayHold, groupNamed, groupPointers, membershipOf, serverVnets, STATIC_MEMBER } from './network-group-members';
import { fail, StackFacts, Verdict } from './rule';
import { listOf, mayLieIn, readDestination, ServerNetworks, serverNetworks } from './server-networks';
import { ResourceView, ServerView } from './stack-model';
import { isObject } from './terraform-json';
import { coversPostgresPort, isReadablePortRange } from '../private/source-breadth';

// Azure Virtual Network Manager security admin rules sit above NSGs (fifteenth review, A15a-16, A15b-8): an
// "AlwaysAllow" rule delivers what it matches without asking the NSG, so on a VNet of its network groups it is an
// allow rule at the top of the construct's NSG, which fails however narrow (security-rule-additions.ts). "Allow" hands
// the traffic on to the NSG, which still decides, and "Deny" only narrows: neither is judged here (a Deny that may match traffic
// the construct's NSG must allow for Azure fails PG-CFG-6: shadowed-security-rules.ts, A25b-6). The rule's network groups
// may hold the construct's VNet unless every member the stack writes into it, by any pointer, is surely another VNet
// (network-group-members.ts, the one model of group membership).

/** An admin rule, azurerm or azapi, read into one shape. */
interface AdminRule {
  readonly block: ResourceView;
  readonly action: unknown;
  readonly direction: unknown;
  readonly protocol: unknown;
  /** The address prefixes (an IP prefix or a service tag) of its sources and destinations: none written, any. */
  readonly sources: readonly unknown[];
  readonly destinations: readonly unknown[];
  readonly ports: readonly unknown[];
  /** The network groups it applies to, or undefined when they cannot be read. */
  readonly groups: readonly GroupName[] | undefined;
}

const AZAPI_COLLECTION = 'microsoft.network/networkmanagers/securityadminconfigurations/rulecollections';
const AZAPI_RULE = `${AZAPI_COLLECTION}/rules`;

/** The Virtual Network Manager types read here (read-types.ts): rules, their collections, network groups and static members. */
export const ADMIN_RULE_TYPES: readonly string[] = ['azurerm_network_manager_admin_rule', 'azurerm_network_manager_admin_rule_collection', 'azurerm_network_manager_network_group', STATIC_MEMBER];
export const ADMIN_RULE_AZURE_TYPES: readonly string[] = [AZAPI_RULE, AZAPI_COLLECTION];

/** What an admin rule is judged by, in the ARM spelling. */
const ADMIN_JUDGED = ['access', 'direction', 'protocol', 'sources', 'destinations', 'destinationPortRanges'];

/** Every admin rule of the stack, azurerm and azapi. */
function adminRules(stack: StackFacts | undefined): AdminRule[] {
  const azurerm = resourcesOfType(stack, 'azurerm_network_manager_admin_rule').map((block): AdminRule => ({
    block, action: block.config.action, direction: block.config.direction, protocol: block.config.protocol,
    sources: prefixesOf(block.config.source, 'address_prefix'), destinations: prefixesOf(block.config.destination, 'address_prefix'),
    ports: listOf(block.config.destination_port_ranges), groups: groupsOf(block.config.admin_rule_collection_id, stack),
  }));
  // A "Default" rule is one of Azure's own, each a Deny of a high-risk port: it opens nothing.
  const azapi = azapiWriters(stack).filter((block) => azapiType(block) === AZAPI_RULE && !isDefaultRule(requestBody(block))).map((block): AdminRule => {
    const written = bodyProperties(block);
    const readable = isObject(written) && !isUnknown(written);
    if (!readable) return { block, action: written, direction: written, protocol: written, sources: [written], destinations: [written], ports: [written], groups: groupsOf(azapiParent(block), stack) };
    // A partial write (an update, a PATCH) of a rule outside the stack leaves the live rule's action, direction, protocol, destinations and ports (A18b-2, A18b-12).
    const properties = afterWrite(block, written, ADMIN_JUDGED, 'the admin rule');
    return {
      block, action: properties.access, direction: properties.direction, protocol: properties.protocol,
      sources: prefixesOf(properties.sources, 'addressPrefix'), destinations: prefixesOf(properties.destinations, 'addressPrefix'),
      ports: listOf(properties.destinationPortRanges), groups: groupsOf(azapiParent(block), stack),
    };
  });
  return [...azurerm, ...azapi];
}

/** The address prefixes of an admin rule's source or destination items (azurerm `address_prefix`, ARM `addressPrefix`); an item the checks cannot read stays as written (it may match anything). */
function prefixesOf(items: unknown, key: string): unknown[] {
  return listOf(items).map((item) => (isObject(item) && !isUnknown(item) ? item[key] : item));
}

function isDefaultRule(body: unknown): boolean {
  return isObject(body) && !isUnknown(body) && typeof body.kind === 'string' && body.kind.trim().toLowerCase() === 'default';
}

const AZURERM_COLLECTION = 'azurerm_network_manager_admin_rule_collection';

/**
 * The network groups of the rule collection a pointer names, or undefined when they cannot be read (a collection given by a
 * variable or literal ID, a body or list known only later): an azurerm collection's `network_group_ids` or an azapi
 * collection's own `appliesToGroups`, with the `appliesToGroups` of every azapi write that may be of it (one by reference to
 * it, or one whose collection is not a block of the stack: it may be any), a write that adds groups (queued, sixteenth run).
 */
function groupsOf(collectionId: unknown, stack: StackFacts | undefined): readonly GroupName[] | undefined {
  const writes = azapiWriters(stack).filter((block) => azapiType(block) === AZAPI_COLLECTION);
  const collection = referencedResources(collectionId, AZURERM_COLLECTION, stack?.resources)[0]
    ?? writes.find((block) => block.type === 'azapi_resource' && referenced(collectionId, block.address));
  if (collection === undefined) return undefined;
  const collections = [...resourcesOfType(stack, AZURERM_COLLECTION), ...writes.filter((block) => block.type === 'azapi_resource')];
  const mayBeOf = (block: ResourceView) => block === collection || referenced(block.config.resource_id, collection.address)
    || (block.type !== 'azapi_resource' && !collections.some((each) => referenced(block.config.resource_id, each.address)));
  const own = collection.type === AZURERM_COLLECTION ? groupPointers(collection.config.network_group_ids, 'network_group_id').map((id) => groupNamed(id, stack)) : [];
  const written = writes.filter(mayBeOf).map((block) => appliedGroups(block, stack));
  return written.some((groups) => groups === undefined) ? undefined : [...own, ...written.flatMap((groups) => groups ?? [])];
}

/** Whether a value references a block (an attribute of its address). */
function referenced(value: unknown, address: string): boolean {
  return isUnknown(value) && value.references.some((reference) => reference.startsWith(`${address}.`));
}

/**
 * The groups an azapi write of a collection applies it to: its `appliesToGroups` (each a group that may hold the VNet unless
 * proven not: network-group-members.ts); none when a write merged into the live collection leaves them out; undefined when
 * the body or the list cannot be read.
 */
function appliedGroups(block: ResourceView, stack: StackFacts | undefined): readonly GroupName[] | undefined {
  const properties = bodyProperties(block);
  if (!isObject(properties) || isUnknown(properties)) return undefined;
  const applied = properties.appliesToGroups;
  // Azure requires the list in a whole write; a write merged into the live collection without it keeps the groups read above.
  if (applied === undefined) return patchesLive(block) ? [] : undefined;
  return isUnknown(applied) || !Array.isArray(applied) ? undefined : groupPointers(applied, 'networkGroupId').map((id) => groupNamed(id, stack));
}

/**
 * True when an admin rule's destinations may hold the server's subnet: "*", a block that overlaps it, VirtualNetwork, a value
 * known only later, or a prefix the address reader cannot read (A17b-3); a service tag or an IPv6 block holds no IPv4 subnet.
 */
function mayTarget(destinations: readonly unknown[], networks: ServerNetworks): boolean {
  if (destinations.length === 0) return true;
  return destinations.some((destination) => {
    if (typeof destination !== 'string') return true;
    const trimmed = destination.trim().toLowerCase();
    if (trimmed === '*' || trimmed === 'virtualnetwork') return true;
    const read = readDestination(destination);
    return read.kind === 'unreadable' || (read.kind === 'address' && mayLieIn(read.span, networks));
  });
}

function mayBePostgresRange(range: unknown): boolean {
  return typeof range !== 'string' || !isReadablePortRange(range) || coversPostgresPort(range);
}

function shown(value: unknown): string {
  return isUnknown(value) ? value.toString() : JSON.stringify(value ?? null);
}

/** The rule's action for a message: one a whole rule does not write is said so, not "null" (A18b-12). */
function actionText(rule: AdminRule): string {
  if (rule.action !== undefined && rule.action !== null) return `whose action ${shown(rule.action)}`;
  // A partial write's action left out is the live rule's, an Unknown named so (live-patch.ts): here the rule is whole.
  return 'whose action is not written and';
}

/** PG-NET-1 failures of the admin rules that may AlwaysAllow PostgreSQL into the subnet the construct made, on a VNet their groups may hold. */
export function alwaysAllowedPaths(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const subnet = server.delegatedSubnet;
  if (subnet === undefined || !madeBy(subnet, owner)) return [];
  const networks = serverNetworks(server, stack);
  if (networks === undefined) return [];
  const onServerVnet = mayActOnServerVnet(server, stack);
  return adminRules(stack).filter((rule) => {
    // An action or direction known only at apply time may be AlwaysAllow, Inbound (A27b-3: each reading of it, not only a literal).
    if (!mayBeWord(rule.action, 'alwaysallow', stack) || !mayBeWord(rule.direction, 'inbound', stack)) return false;
    return onServerVnet(rule) && (rule.ports.length === 0 || rule.ports.some(mayBePostgresRange)) && mayTarget(rule.destinations, networks);
  }).map((rule) => fail(`${rule.block.address} is a security admin rule ${actionText(rule)} may always allow PostgreSQL into the delegated subnet of ${owner}'s server, on a VNet its network groups may hold: Azure then delivers it without the construct's network security group, a network path ${owner} does not declare.`, rule.block.address));
}

/**
 * Whether an admin rule may act on the server's VNet: its network groups may hold it (or cannot be read), and its configuration
 * is not put in force only in regions where the server does not answer (manager-deployments.ts).
 */
function mayActOnServerVnet(server: ServerView, stack: StackFacts | undefined): (rule: AdminRule) => boolean {
  const vnets = serverVnets(server, stack);
  const membership = membershipOf(stack);
  return (rule) => {
    const configuration = adminRuleConfiguration(rule.block, stack);
    if (configuration !== undefined && deployedOnlyElsewhere(configuration, server, stack)) return false;
    return rule.groups === undefined || rule.groups.some((group) => groupMayHold(group, vnets, membership));
  };
}

/**
 * An admin rule that may deny, on a VNet its network groups may hold beside the construct's server: its action ("Deny" in any case, or a
 * value known only at apply time, a variable or the live rule's, that may be Deny) and what it matches.
 */
export type DenyingAdminRule = Omit<AdminRule, 'groups'>;

/**
 * The admin rules whose action may be Deny on a VNet their network groups may hold with the server's (A25b-6): Azure applies them
 * before any network security group, so they may shadow the rules the construct's group needs (shadowed-security-rules.ts). An
 * action known only at apply time (a variable, a conditional with a Deny branch, each.value, the live action a partial azapi write
 * keeps) may be Deny, and is judged as one (A27b-3); Allow and AlwaysAllow are not.
 */
export function denyingAdminRules(server: ServerView, stack: StackFacts | undefined): DenyingAdminRule[] {
  const onServerVnet = mayActOnServerVnet(server, stack);
  return adminRules(stack).filter((rule) => mayBeWord(rule.action, 'deny', stack) && onServerVnet(rule));
}
