import { madeBy, resourcesOfType } from './beside-construct';
import { isUnknown } from './hcl-expression';
import { referencedResources } from './referenced-resources';
import { azapiParent, azapiType, azapiWriters, bodyProperties, requestBody } from './azapi-writes';
import { GroupName, groupMayHold, groupNamed, groupPointers, membershipOf, serverVnets, STATIC_MEMBER } from './network-group-members';
import { fail, StackFacts, Verdict } from './rule';
import { listOf, mayLieIn, ServerNetworks, serverNetworks, spanOf } from './server-networks';
import { ResourceView, ServerView } from './stack-model';
import { isObject } from './terraform-json';
import { literalString } from './value-readers';
import { coversPostgresPort, isReadablePortRange } from '../private/source-breadth';

// Azure Virtual Network Manager security admin rules sit above NSGs (fifteenth review, A15a-16, A15b-8): an
// "AlwaysAllow" rule delivers what it matches without asking the NSG, so on a VNet of its network groups it is an
// allow rule at the top of the construct's NSG, which fails however narrow (security-rule-additions.ts). "Allow" hands
// the traffic on to the NSG, which still decides, and "Deny" only narrows: neither is judged. The rule's network groups
// may hold the construct's VNet unless every member the stack writes into it, by any pointer, is surely another VNet
// (network-group-members.ts, the one model of group membership).

/** An admin rule, azurerm or azapi, read into one shape. */
interface AdminRule {
  readonly block: ResourceView;
  readonly action: unknown;
  readonly direction: unknown;
  readonly destinations: readonly unknown[];
  readonly ports: readonly unknown[];
  /** The network groups it applies to, or undefined when they cannot be read. */
  readonly groups: readonly GroupName[] | undefined;
}

const AZAPI_RULE = 'microsoft.network/networkmanagers/securityadminconfigurations/rulecollections/rules';

/** The Virtual Network Manager types read here (read-types.ts): rules, their collections, network groups and static members. */
export const ADMIN_RULE_TYPES: readonly string[] = ['azurerm_network_manager_admin_rule', 'azurerm_network_manager_admin_rule_collection', 'azurerm_network_manager_network_group', STATIC_MEMBER];
export const ADMIN_RULE_AZURE_TYPES: readonly string[] = [AZAPI_RULE];

/** Every admin rule of the stack, azurerm and azapi. */
function adminRules(stack: StackFacts | undefined): AdminRule[] {
  const azurerm = resourcesOfType(stack, 'azurerm_network_manager_admin_rule').map((block): AdminRule => ({
    block, action: block.config.action, direction: block.config.direction,
    destinations: listOf(block.config.destination).map((destination) => (isObject(destination) && !isUnknown(destination) ? destination.address_prefix : destination)),
    ports: listOf(block.config.destination_port_ranges), groups: groupsOf(block.config.admin_rule_collection_id, stack),
  }));
  // A "Default" rule is one of Azure's own, each a Deny of a high-risk port: it opens nothing.
  const azapi = azapiWriters(stack).filter((block) => azapiType(block) === AZAPI_RULE && !isDefaultRule(requestBody(block))).map((block): AdminRule => {
    const properties = bodyProperties(block);
    const readable = isObject(properties) && !isUnknown(properties);
    return {
      block, action: readable ? properties.access : properties, direction: readable ? properties.direction : properties,
      destinations: readable ? listOf(properties.destinations).map((destination) => (isObject(destination) && !isUnknown(destination) ? destination.addressPrefix : destination)) : [properties],
      ports: readable ? listOf(properties.destinationPortRanges) : [properties], groups: groupsOf(azapiParent(block), stack),
    };
  });
  return [...azurerm, ...azapi];
}

function isDefaultRule(body: unknown): boolean {
  return isObject(body) && !isUnknown(body) && typeof body.kind === 'string' && body.kind.trim().toLowerCase() === 'default';
}

/** The network groups of the azurerm rule collection a pointer names, or undefined when the collection cannot be read. */
function groupsOf(collectionId: unknown, stack: StackFacts | undefined): readonly GroupName[] | undefined {
  const collection = referencedResources(collectionId, 'azurerm_network_manager_admin_rule_collection', stack?.resources)[0];
  if (collection === undefined) return undefined;
  return groupPointers(collection.config.network_group_ids, 'network_group_id').map((id) => groupNamed(id, stack));
}

/** True when an admin rule's destinations may hold the server's subnet: "*", a block that overlaps it, VirtualNetwork, or a value known only later. */
function mayTarget(destinations: readonly unknown[], networks: ServerNetworks): boolean {
  if (destinations.length === 0) return true;
  return destinations.some((destination) => {
    if (typeof destination !== 'string') return true;
    const trimmed = destination.trim().toLowerCase();
    if (trimmed === '*' || trimmed === 'virtualnetwork') return true;
    const span = spanOf(destination);
    return span !== undefined && mayLieIn(span, networks);
  });
}

function mayBePostgresRange(range: unknown): boolean {
  return typeof range !== 'string' || !isReadablePortRange(range) || coversPostgresPort(range);
}

function shown(value: unknown): string {
  return isUnknown(value) ? value.toString() : JSON.stringify(value ?? null);
}

/** Whether a write merges its body into the live rule (an update; an action by PATCH or a method known later): what it leaves out stays the live rule's. */
function mergesIntoLive(block: ResourceView): boolean {
  if (block.type === 'azapi_update_resource') return true;
  return block.type === 'azapi_resource_action' && literalString(block.config.method)?.trim().toLowerCase() !== 'put';
}

/** The rule's action for a message: an action a partial update leaves out is the live rule's, not "null" (A18b-12). */
function actionText(rule: AdminRule): string {
  if (rule.action !== undefined && rule.action !== null) return `whose action ${shown(rule.action)}`;
  return mergesIntoLive(rule.block) ? 'whose action, the live rule\'s (this partial update does not write it), is known only at apply time and' : 'whose action is not written and';
}

/** PG-NET-1 failures of the admin rules that may AlwaysAllow PostgreSQL into the subnet the construct made, on a VNet their groups may hold. */
export function alwaysAllowedPaths(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const subnet = server.delegatedSubnet;
  if (subnet === undefined || !madeBy(subnet, owner)) return [];
  const networks = serverNetworks(server, stack);
  if (networks === undefined) return [];
  const vnets = serverVnets(server, stack);
  const membership = membershipOf(stack);
  return adminRules(stack).filter((rule) => {
    const action = typeof rule.action === 'string' ? rule.action.trim().toLowerCase() : undefined;
    const direction = typeof rule.direction === 'string' ? rule.direction.trim().toLowerCase() : undefined;
    if (action === 'allow' || action === 'deny' || direction === 'outbound') return false;
    const groups = rule.groups;
    const onVnet = groups === undefined || groups.some((group) => groupMayHold(group, vnets, membership));
    return onVnet && (rule.ports.length === 0 || rule.ports.some(mayBePostgresRange)) && mayTarget(rule.destinations, networks);
  }).map((rule) => fail(`${rule.block.address} is a security admin rule ${actionText(rule)} may always allow PostgreSQL into the delegated subnet of ${owner}'s server, on a VNet its network groups may hold: Azure then delivers it without the construct's network security group, a network path ${owner} does not declare.`, rule.block.address));
}
