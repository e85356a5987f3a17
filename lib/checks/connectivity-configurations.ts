import { AZAPI_WRITER_TYPES, azapiType, bodyProperties, writes } from './azapi-writes';
import { deploymentsOf, mayDeploy, mayReach, unreadId } from './manager-deployments';
import { resourcesOfType } from './beside-construct';
import { blocksKnownLater } from './dynamic-blocks';
import { isUnknown } from './hcl-expression';
import { AZAPI_MEMBERSHIP, GroupName, groupMayHold, groupNamed, groupPointers, Membership, membershipOf, mayBeSameVnet, serverVnets, VnetName, vnetNamed } from './network-group-members';
import { fail, StackFacts, Verdict } from './rule';
import { listOf } from './server-networks';
import { ResourceView, ServerView } from './stack-model';
import { isObject } from './terraform-json';

// An Azure Virtual Network Manager connectivity configuration connects the VNets of its network groups: hub-and-spoke
// peers each with the hub (and, directly connected, with each other), a mesh connects them without peerings (sixteenth
// review, A16b-7). Either widens the VirtualNetwork service tag the construct's network security group admits exactly
// like a VNet peering (decided at stop 28: a peering of the construct's VNet is not inert), so a configuration over a group
// that may hold a VNet the server answers in (network-group-members.ts), or with such a VNet as its hub, fails PG-NET-1.
// One row per writer: azurerm and azapi (a resource, an update, a PUT/PATCH action).

/** A connectivity configuration read into one shape: the groups it applies to and its hubs, each undefined when not readable. */
interface Connectivity {
  readonly block: ResourceView;
  readonly groups: readonly GroupName[] | undefined;
  readonly hubs: readonly VnetName[] | undefined;
}

const AZURERM = 'azurerm_network_manager_connectivity_configuration';
const AZAPI = 'microsoft.network/networkmanagers/connectivityconfigurations';
/** A deployment (azurerm) or a commit (an azapi action on the network manager) puts configurations in force (manager-deployments.ts). */
const DEPLOYMENT = 'azurerm_network_manager_deployment';

/** The types read here (read-types.ts): the configurations, their deployments, and the groups and members (network-group-members.ts). */
export const CONNECTIVITY_TYPES: readonly string[] = [AZURERM, DEPLOYMENT];
export const CONNECTIVITY_AZURE_TYPES: readonly string[] = [AZAPI, ...AZAPI_MEMBERSHIP];

/** A list of the configuration's, or undefined when the list itself is known only later. */
function readList<T>(value: unknown, read: (items: unknown[]) => T[]): T[] | undefined {
  return isUnknown(value) ? undefined : read(listOf(value));
}

/** Every connectivity configuration of the stack, azurerm and azapi. */
function connectivities(stack: StackFacts | undefined): Connectivity[] {
  const azurerm = resourcesOfType(stack, AZURERM).map((block): Connectivity => ({
    block,
    // Blocks written as dynamic blocks (or as an expression) are known only at plan time.
    groups: blocksKnownLater(block.config, 'applies_to_group') ? undefined : readList(block.config.applies_to_group, (items) => groupPointers(items, 'network_group_id').map((id) => groupNamed(id, stack))),
    hubs: blocksKnownLater(block.config, 'hub') ? undefined : readList(block.config.hub, (items) => items.map((hub) => (isObject(hub) && !isUnknown(hub) ? vnetNamed(hub.resource_id, stack) : {}))),
  }));
  const azapi = AZAPI_WRITER_TYPES.flatMap((kind) => resourcesOfType(stack, kind)).filter((block) => azapiType(block) === AZAPI && writes(block)).map((block): Connectivity => {
    const properties = bodyProperties(block);
    if (!isObject(properties) || isUnknown(properties)) return { block, groups: undefined, hubs: undefined };
    return {
      block,
      // A body without the list (a PATCH of another property) leaves the configuration's groups as they are: not known here.
      groups: properties.appliesToGroups === undefined ? undefined : readList(properties.appliesToGroups, (items) => groupPointers(items, 'networkGroupId').map((id) => groupNamed(id, stack))),
      hubs: readList(properties.hubs, (items) => items.map((hub) => (isObject(hub) && !isUnknown(hub) ? vnetNamed(hub.resourceId, stack) : {}))),
    };
  });
  return [...azurerm, ...azapi];
}

/** Why a configuration may connect one of the VNets, for the message, or undefined when it surely does not. */
function connects(configuration: Connectivity, vnets: readonly VnetName[], membership: Membership): string | undefined {
  if (configuration.groups === undefined) return 'its network groups are known only at apply time';
  if (configuration.hubs === undefined || configuration.hubs.some((hub) => vnets.some((vnet) => mayBeSameVnet(hub, vnet)))) return 'its hub may be that VNet';
  if (configuration.groups.some((group) => groupMayHold(group, vnets, membership))) {
    return membership.elsewhere === undefined ? 'a network group it applies to may hold that VNet' : `a network group it applies to may hold that VNet (${membership.elsewhere})`;
  }
  return undefined;
}

const FIX = 'Narrow the construct\'s allowedSources (network prop) or suppress PG-NET-1 on the resource with the reason.';

function shown(value: unknown): string {
  return isUnknown(value) ? value.toString() : JSON.stringify(value ?? null);
}

/** The deployments and commits that may put a connectivity configuration the stack does not write in force (which the table cannot read), with the pointer. */
function unreadDeployments(server: ServerView, stack: StackFacts | undefined, read: readonly Connectivity[]): { block: ResourceView; pointer: unknown }[] {
  const ofStack = (pointer: unknown) => isUnknown(pointer) && read.some((each) => pointer.isPlainReference && pointer.references[0] === `${each.block.address}.id`);
  return deploymentsOf(stack).filter((deployment) => mayDeploy(deployment, 'connectivity') && mayReach(deployment, server)).flatMap(({ block, ids }) => {
    const unread = unreadId(ids, ofStack);
    return unread === undefined ? [] : [{ block, pointer: unread }];
  });
}

/** PG-NET-1 failures of the connectivity configurations that may connect a VNet the construct's server answers in to other VNets. */
export function connectedVnets(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const vnets = serverVnets(server, stack);
  if (vnets.length === 0) return [];
  const membership = membershipOf(stack);
  const read = connectivities(stack);
  const connected = read.flatMap((configuration) => {
    const why = connects(configuration, vnets, membership);
    return why === undefined ? [] : [fail(`${configuration.block.address} is a Virtual Network Manager connectivity configuration that may connect the VNet of ${owner}'s server to other VNets (${why}): like a VNet peering, it widens the VirtualNetwork source the construct's network security group admits, a network path ${owner} does not declare. ${FIX}`, configuration.block.address)];
  });
  const deployed = unreadDeployments(server, stack, read).map(({ block, pointer }) => fail(`${block.address} puts Virtual Network Manager configuration ${shown(pointer)} in force, which may connect the VNet of ${owner}'s server to other VNets: it is no connectivity configuration of the stack, so it cannot be read. ${FIX}`, block.address));
  return [...connected, ...deployed];
}
