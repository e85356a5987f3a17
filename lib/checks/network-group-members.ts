import { idKey, nameKey } from './azure-keys';
import { AZAPI_WRITER_TYPES, azapiParent, azapiType, bodyProperties, writes } from './azapi-writes';
import { resourcesOfType } from './beside-construct';
import { isUnknown } from './hcl-expression';
import { oncePerStack } from './per-stack';
import { networkGroupFiller } from './policy-writers';
import { referencedResources } from './referenced-resources';
import { StackFacts } from './rule';
import { listOf } from './server-networks';
import { stackCreates } from './stack-created';
import { ResourceView, ServerView } from './stack-model';
import { isObject } from './terraform-json';
import { splitTemplate } from './value-readers';

// Which VNets an Azure Virtual Network Manager network group may hold (sixteenth review, A16b-7, A16b-13): one model
// for every configuration that applies to groups (security admin rules, connectivity). A static member counts in a group
// when its group pointer may name it (a reference, a literal ID, a template that may spell it, a value known only
// later), never by reference only; azurerm and azapi static members alike. A group Azure Policy may fill (dynamic
// membership: effect addToNetworkGroup, read from the policy's JSON) or another azapi child of a group may hold any VNet.

/** How a pointer names a network group: its block of the stack, its literal name and network manager (as keys), each undefined when known only later. */
export interface GroupName {
  readonly block?: ResourceView;
  readonly name?: string;
  readonly manager?: string;
  /** True for a group the stack creates (stack-created.ts): its members are all in the JSON. Any other keeps live members (A19b-3). */
  readonly created?: boolean;
}

/** How a pointer names a VNet: its literal name (as a key), undefined when it may be any VNet. */
export interface VnetName {
  readonly name?: string;
}

const GROUP_TYPE = 'azurerm_network_manager_network_group';
const AZAPI_GROUP = 'microsoft.network/networkmanagers/networkgroups';
/** The azapi static member: a child of a network group. */
export const AZAPI_STATIC_MEMBER = `${AZAPI_GROUP}/staticmembers`;
export const STATIC_MEMBER = 'azurerm_network_manager_static_member';
/** The azapi types read here: network groups and their static members (another child of a group lets any group hold any VNet, and fails network-manager-types.ts's net). */
export const AZAPI_MEMBERSHIP: readonly string[] = [AZAPI_GROUP, AZAPI_STATIC_MEMBER];

/** A pointer's text with "?" for each part known only later, or undefined when it is not text. */
function textOf(pointer: unknown): string | undefined {
  if (typeof pointer === 'string') return pointer;
  return isUnknown(pointer) ? splitTemplate(pointer.spelling, '?').literal : undefined;
}

/** A name or ID written in full, or undefined when a part is known only later. */
function known(text: string | undefined): string | undefined {
  return text === undefined || text.includes('?') || text.trim() === '' ? undefined : text;
}

/** The azapi block of a type a pointer reads, when it reads one of the stack. */
function azapiBlock(pointer: unknown, type: string, stack: StackFacts | undefined): ResourceView | undefined {
  if (!isUnknown(pointer)) return undefined;
  return AZAPI_WRITER_TYPES.flatMap((kind) => referencedResources(pointer, kind, stack?.resources)).find((block) => azapiType(block) === type);
}

/** The key of a network manager pointer: its literal ID, or undefined. */
function managerKey(pointer: unknown): string | undefined {
  const text = known(textOf(pointer));
  return text === undefined ? undefined : idKey(text);
}

/** How a pointer names a network group (a network_group_id, an azapi parent_id, an item of network_group_ids). */
export function groupNamed(pointer: unknown, stack: StackFacts | undefined): GroupName {
  const block = referencedResources(pointer, GROUP_TYPE, stack?.resources)[0];
  const found = block ?? azapiBlock(pointer, AZAPI_GROUP, stack);
  if (found !== undefined) return blockGroup(found, stack);
  const parts = /^(.*)\/networkgroups\/([^/]+)\/?$/i.exec(textOf(pointer)?.trim() ?? '');
  if (parts === null) return {};
  const [manager, name] = [known(parts[1]), known(parts[2])];
  return { name: name === undefined ? undefined : nameKey(name), manager: manager === undefined ? undefined : idKey(manager) };
}

/** A network group block of the stack (azurerm, or azapi by any writer) as a group name. */
function blockGroup(block: ResourceView, stack: StackFacts | undefined): GroupName {
  const manager = block.type === GROUP_TYPE ? block.config.network_manager_id : block.config.parent_id;
  return { block, name: typeof block.config.name === 'string' ? nameKey(block.config.name) : undefined, manager: managerKey(manager), created: stackCreates(block, stack) };
}

/** True when two pointers may name one group: one block, or names and managers that agree where both are known. */
export function mayBeSameGroup(a: GroupName, b: GroupName): boolean {
  if (a.block !== undefined && b.block !== undefined) return a.block === b.block;
  const agree = (x: string | undefined, y: string | undefined) => x === undefined || y === undefined || x === y;
  return agree(a.name, b.name) && agree(a.manager, b.manager);
}

/** How a pointer names a VNet (a reference to a VNet of the stack, azurerm or azapi, a literal ID, a template). */
export function vnetNamed(pointer: unknown, stack: StackFacts | undefined): VnetName {
  const block = referencedResources(pointer, 'azurerm_virtual_network', stack?.resources)[0] ?? azapiBlock(pointer, 'microsoft.network/virtualnetworks', stack);
  if (block !== undefined) return typeof block.config.name === 'string' ? { name: nameKey(block.config.name) } : {};
  const name = known(/\/virtualnetworks\/([^/]+)(?:\/subnets\/[^/]+)?\/?$/i.exec(textOf(pointer)?.trim() ?? '')?.[1]);
  return name === undefined ? {} : { name: nameKey(name) };
}

/** True when two VNet names may be one VNet: both known and equal, or either known only later. */
export function mayBeSameVnet(a: VnetName, b: VnetName): boolean {
  return a.name === undefined || b.name === undefined || a.name === b.name;
}

/** A static member: the group its pointer names (and the pointer, for messages) and the VNet it adds. */
export interface Member {
  readonly block: ResourceView;
  readonly group: GroupName;
  readonly pointer: unknown;
  readonly vnet: VnetName;
}

/** Every static member of the stack, azurerm and azapi (a resource, an update or a PUT/PATCH action). */
function staticMembers(stack: StackFacts | undefined): Member[] {
  const azurerm = resourcesOfType(stack, STATIC_MEMBER).map((block): Member => ({ block, group: groupNamed(block.config.network_group_id, stack), pointer: block.config.network_group_id, vnet: vnetNamed(block.config.target_virtual_network_id, stack) }));
  const azapi = AZAPI_WRITER_TYPES.flatMap((kind) => resourcesOfType(stack, kind)).filter((block) => azapiType(block) === AZAPI_STATIC_MEMBER && writes(block)).map((block): Member => {
    const properties = bodyProperties(block);
    // An update or an action names the member itself: its group is the ID above it (a reference to a group of the stack stays one).
    const parent = azapiParent(block);
    return { block, group: groupNamed(parent, stack), pointer: parent, vnet: isObject(properties) && !isUnknown(properties) ? vnetNamed(properties.resourceId, stack) : {} };
  });
  return [...azurerm, ...azapi];
}

/**
 * Why any network group of the stack may hold any VNet, or undefined: Azure Policy may fill groups (policy-writers.ts reads
 * every policy from its JSON, A17b-1), or an azapi child of a group other than a static member writes members.
 */
function filledElsewhere(stack: StackFacts | undefined): string | undefined {
  for (const block of stack?.resources?.values() ?? []) {
    const type = AZAPI_WRITER_TYPES.includes(block.type) ? azapiType(block) : undefined;
    if (type !== undefined && type.startsWith(`${AZAPI_GROUP}/`) && type !== AZAPI_STATIC_MEMBER) return `${block.address} writes a network group's members in a way not read`;
  }
  return networkGroupFiller(stack);
}

/** The network groups of the stack and who fills them, read once per check of a server. */
export interface Membership {
  readonly members: readonly Member[];
  readonly elsewhere: string | undefined;
  /** The network groups the stack creates (stack-created.ts): only theirs are all their members in the JSON. */
  readonly created: readonly GroupName[];
}

export function membershipOf(stack: StackFacts | undefined): Membership {
  return membershipKept(stack);
}

/** Every server asks the same of the stack: read once per evaluation (per-stack.ts). */
const membershipKept = oncePerStack((stack): Membership => {
  const groups = [...resourcesOfType(stack, GROUP_TYPE), ...resourcesOfType(stack, 'azapi_resource').filter((block) => azapiType(block) === AZAPI_GROUP)];
  const created = groups.filter((block) => stackCreates(block, stack)).map((block) => blockGroup(block, stack));
  return { members: staticMembers(stack), elsewhere: filledElsewhere(stack), created };
});

/**
 * True when a group is surely one the stack creates (A19b-3, A19b-10; stack-created.ts): a group block of the stack no import
 * adopts and no azapi update or action only writes over, named by reference or by the literal name and manager ID that block
 * writes. Any other group (a lookup, a variable, a literal ID no created group spells in full, an imported or only updated one)
 * keeps live members, admin rules and connectivity configurations written elsewhere.
 */
export function createdGroup(group: GroupName, membership: Membership): boolean {
  if (group.block !== undefined) return group.created === true;
  if (group.name === undefined || group.manager === undefined) return false;
  return membership.created.some((own) => own.name === group.name && own.manager === group.manager);
}

/**
 * True when a group may hold one of the VNets: groups are filled elsewhere, the stack does not create it (an imported or
 * updated group, one outside the stack: its live members are not in the JSON, A19b-3), the stack writes no member into it
 * (it is filled outside the stack), or a member that may be in it may be one of the VNets.
 */
export function groupMayHold(group: GroupName, vnets: readonly VnetName[], membership: Membership): boolean {
  if (membership.elsewhere !== undefined) return true;
  if (!createdGroup(group, membership)) return true;
  const members = membership.members.filter((member) => mayBeSameGroup(member.group, group));
  if (members.length === 0) return true;
  return members.some((member) => vnets.some((vnet) => mayBeSameVnet(member.vnet, vnet)));
}

/** The VNet a subnet of the stack lies in, by its virtual_network_name (a literal, or a reference to a VNet's name or ID). */
function vnetOfSubnet(subnet: ResourceView, stack: StackFacts | undefined): VnetName {
  const pointer = subnet.config.virtual_network_name;
  if (typeof pointer === 'string') return { name: nameKey(pointer) };
  return vnetNamed(pointer, stack);
}

/** The VNet a subnet pointer names: a subnet of the stack, or a subnet ID (literal or template). */
function vnetOfSubnetPointer(pointer: unknown, stack: StackFacts | undefined): VnetName {
  const subnet = referencedResources(pointer, 'azurerm_subnet', stack?.resources)[0];
  return subnet === undefined ? vnetNamed(pointer, stack) : vnetOfSubnet(subnet, stack);
}

/** The VNets the server answers in: its delegated subnet's (made or given) and its private endpoints' subnets'. */
export function serverVnets(server: ServerView, stack: StackFacts | undefined): VnetName[] {
  const vnets: VnetName[] = [];
  if (server.delegatedSubnet !== undefined) vnets.push(vnetOfSubnet(server.delegatedSubnet, stack));
  else if (server.config.delegated_subnet_id !== undefined) vnets.push(vnetOfSubnetPointer(server.config.delegated_subnet_id, stack));
  for (const endpoint of server.privateEndpoints) vnets.push(vnetOfSubnetPointer(endpoint.config.subnet_id, stack));
  return vnets;
}

/** The items of a list of groups (an argument or a body list) as the pointers they hold; an item known only later is a group known only later. */
export function groupPointers(list: unknown, key: string): unknown[] {
  return listOf(list).map((item) => (isObject(item) && !isUnknown(item) ? item[key] : item));
}
