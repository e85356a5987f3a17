import { AddressSpan } from '../private/ipv4';
import { coversPostgresPort, isReadablePortRange } from '../private/source-breadth';
import { idSegments, nameKey } from './azure-keys';
import { blockOf } from './attribute-reads';
import { azapiTarget } from './azapi-network';
import { azapiType } from './azapi-writes';
import { madePath, resourcesOfType } from './beside-construct';
import { blocksKnownLater } from './dynamic-blocks';
import { givenSubnetAssociations } from './given-subnets';
import { isUnknown } from './hcl-expression';
import { resolvedGroup, withNamesRead } from './name-parents';
import { literalSubscription } from './provider-facts';
import { StackFacts } from './rule';
import { spanOf } from './server-networks';
import { asList, certainOnly, preconditionConditions, ResourceView, SecurityGroupView, ServerView, TerraformBlock } from './stack-model';
import { literalString, splitTemplate } from './value-readers';

// The virtual networks a server is reachable in (seventeenth session, A16a-2, A16a-11, A16b-4): the VNet of its
// delegated subnet (made, or given by ID) and the VNet of each private endpoint's subnet. Whatever joins such a VNet
// to other networks (a gateway, a peering, Bastion's IP connect) joins them to the `VirtualNetwork` service tag, and
// its DNS servers answer for the server's name. A VNet is named by its block of the stack or its literal names, and
// its subscription when that is a literal: the same names in two literal subscriptions are two VNets (landing zones
// repeat "rg-network" in each; seventeenth review, A17a-8); a subscription known only later may be either.

/** A virtual network as the stack names it: its literal group and name, its block, or neither (known only at apply time). */
export interface VnetRef {
  /** "<group>/<name>" as keys, when both are literals. */
  readonly key?: string;
  /** Its subscription (lower case), when a literal ID or the azurerm provider of its block names one. */
  readonly subscription?: string;
  /** The block of the stack that is it. */
  readonly address?: string;
}

/** A VNet the server is reachable in, and whether its PostgreSQL sources hold the whole `VirtualNetwork` tag. */
export interface ServerVnet {
  readonly vnet: VnetRef;
  /** For messages, with "%s" for the construct: "the virtual network of the delegated subnet of %s's server". */
  readonly role: string;
  /** False only when the construct's own network security group admits PostgreSQL from address prefixes alone. */
  readonly wholeVnet: boolean;
  /** True when the construct's allowedSources decide who reaches it (its own group). */
  readonly narrowable: boolean;
  /** When the sources are address prefixes alone (not wholeVnet): the addresses they admit, for who may be given one (source-translators.ts). */
  readonly allowed?: readonly AddressSpan[];
}

/** The Azure types of a VNet given to azapi, and of its subnets. */
const AZAPI_VNET = 'microsoft.network/virtualnetworks';

/** The VNet an ID (or a template of one) names, by its resource group and name; undefined when it names none. */
function vnetOfText(text: string): VnetRef | undefined {
  const segments = idSegments(text);
  const group = segments.indexOf('resourcegroups');
  const at = segments.findIndex((segment, index) => segment === 'microsoft.network' && segments[index - 1] === 'providers' && segments[index + 1] === 'virtualnetworks');
  if (group < 0 || at < 0 || segments[at + 2] === undefined) return undefined;
  const [groupName, name] = [segments[group + 1], segments[at + 2]];
  const subscription = segments[0] === 'subscriptions' && segments[1] !== undefined && !segments[1].includes('?') ? segments[1] : undefined;
  return groupName === undefined || groupName.includes('?') || name.includes('?') ? {} : { key: `${groupName}/${name}`, ...(subscription === undefined ? {} : { subscription }) };
}

/** A VNet block's ref: its address and, when its names are literals, its key. */
function blockRef(block: ResourceView, stack: StackFacts | undefined): VnetRef {
  if (block.type === 'azurerm_virtual_network' || block.address.startsWith('data.')) {
    const [name, group] = [block.config.name, resolvedGroup(block.config.resource_group_name, stack?.resources)];
    return typeof name === 'string' && group !== undefined ? { key: `${group}/${nameKey(name)}`, ...subscriptionOf(block, stack), address: block.address } : { address: block.address };
  }
  // An azapi VNet, by the ID it writes (its name under a resource group's ID); an azapi subnet, by its parent's.
  if (azapiType(block) !== AZAPI_VNET) return vnetOfId(block.config.parent_id ?? azapiTarget(block), stack);
  const text = azapiTarget(block);
  const named = typeof text === 'string' ? vnetOfText(text) : isUnknown(text) ? vnetOfText(splitTemplate(text.toString(), '?').literal) : undefined;
  return { ...named, address: block.address };
}

/** The block (or lookup) a reference reads, when it is a VNet or a subnet of the stack. */
function referencedNetworkBlock(reference: string, stack: StackFacts | undefined): ResourceView | undefined {
  const address = blockOf(reference);
  if (address === undefined) return undefined;
  const block = stack?.resources?.get(address) ?? stack?.lookups?.get(address);
  if (block === undefined) return undefined;
  const type = block.type.replace(/^data\./, '');
  if (['azurerm_virtual_network', 'azurerm_subnet'].includes(type)) return block;
  return ['azapi_resource', 'azapi_update_resource'].includes(type) && azapiType(block)?.startsWith(AZAPI_VNET) === true ? block : undefined;
}

/** The VNet of a subnet block (or lookup) of the stack: the VNet block its name reads, or its literal names. */
export function vnetOfSubnet(subnet: ResourceView, stack: StackFacts | undefined): VnetRef {
  if (subnet.type.startsWith('azapi_')) return vnetOfId(subnet.config.parent_id ?? subnet.config.resource_id, stack);
  const pointer = subnet.config.virtual_network_name;
  if (isUnknown(pointer)) {
    const vnet = pointer.references.map((reference) => referencedNetworkBlock(reference, stack)).find((block) => block !== undefined);
    if (vnet !== undefined) return blockRef(vnet, stack);
  }
  const group = resolvedGroup(subnet.config.resource_group_name, stack?.resources);
  if (typeof pointer !== 'string' || group === undefined) return {};
  const named: VnetRef = { key: `${group}/${nameKey(pointer)}`, ...subscriptionOf(subnet, stack) };
  const block = resourcesOfType(stack, 'azurerm_virtual_network').find((each) => sameNames(blockRef(each, stack), named));
  return block === undefined ? named : { ...named, address: block.address };
}

/**
 * The literal subscription an azurerm block is written in: its provider's, or, for a subnet a construct makes in a VNet
 * given by ID, the one its precondition holds it to (vnet-subscription.ts: the plan fails in any other).
 */
function subscriptionOf(block: ResourceView, stack: StackFacts | undefined): { subscription?: string } {
  const subscription = literalSubscription(block, stack?.azurermProviders ?? new Map()) ?? (madePath(block) === undefined ? undefined : guardedSubscription(block));
  return subscription === undefined ? {} : { subscription };
}

/** The construct's subnet precondition: `"<subscription>" == lower(data.azurerm_client_config.<name>.subscription_id)`. */
const SUBSCRIPTION_GUARD = /^\$\{\(?"([0-9a-f-]+)" == lower\(data\.azurerm_client_config\.[^.]+\.subscription_id\)\)?\}$/i;

/** The subscription a made subnet's precondition compares the provider's with, when it is a literal. */
function guardedSubscription(block: ResourceView): string | undefined {
  const found = preconditionConditions(block).map((condition) => (typeof condition === 'string' ? SUBSCRIPTION_GUARD.exec(condition)?.[1] : undefined)).filter((each) => each !== undefined);
  return found.length === 1 ? found[0]!.toLowerCase() : undefined;
}

/** Whether two refs by literal names may be one VNet: the same names, and not two different literal subscriptions. */
function sameNames(a: VnetRef, b: VnetRef): boolean {
  return a.key !== undefined && a.key === b.key && !(a.subscription !== undefined && b.subscription !== undefined && a.subscription !== b.subscription);
}

/** The VNet an ID of a VNet or of something below it (a subnet) names: by a reference to a block of the stack, or its literal text. */
export function vnetOfId(value: unknown, stack: StackFacts | undefined): VnetRef {
  if (isUnknown(value)) {
    for (const reference of value.references) {
      const block = referencedNetworkBlock(reference, stack);
      if (block === undefined) continue;
      return block.type.replace(/^data\./, '') === 'azurerm_subnet' ? vnetOfSubnet(block, stack) : blockRef(block, stack);
    }
    if (!value.expression.includes('${')) return {};
    const text = splitTemplate(withNamesRead(value.toString(), stack?.resources), '?').literal;
    return withBlock(vnetOfText(text) ?? {}, stack);
  }
  const text = literalString(value);
  return text === undefined ? {} : withBlock(vnetOfText(text) ?? {}, stack);
}

/** A ref by literal names, with the stack's VNet block of those names when there is one. */
function withBlock(ref: VnetRef, stack: StackFacts | undefined): VnetRef {
  if (ref.key === undefined) return ref;
  const block = resourcesOfType(stack, 'azurerm_virtual_network').find((each) => sameNames(blockRef(each, stack), ref));
  return block === undefined ? ref : { ...ref, address: block.address };
}

/**
 * Whether two VNets are one: the same block, or the same literal names in no two different literal subscriptions
 * (a subscription known only later may be the other's); 'maybe' when either's names are known only later.
 */
export function sameVnet(a: VnetRef, b: VnetRef): boolean | 'maybe' {
  if (a.address !== undefined && a.address === b.address) return true;
  if (a.key !== undefined && b.key !== undefined) return sameNames(a, b);
  return 'maybe';
}

/** A VNet for messages: its block, its literal names, or "a virtual network known only at apply time". */
export function describeVnet(ref: VnetRef): string {
  if (ref.address !== undefined) return ref.address;
  if (ref.key !== undefined) return `the virtual network ${JSON.stringify(ref.key.split('/')[1])} (resource group ${JSON.stringify(ref.key.split('/')[0])})`;
  return 'a virtual network known only at apply time';
}

/** The virtual networks the server is reachable in: its delegated subnet's and its private endpoints' subnets'. */
export function serverVnets(server: ServerView, stack: StackFacts | undefined): ServerVnet[] {
  const vnets: ServerVnet[] = [];
  const subnet = server.delegatedSubnet;
  if (subnet !== undefined) {
    const groups = subnet.associations.map((association) => association.securityGroup);
    const own = groups.length > 0 && groups.every((group): group is SecurityGroupView => group !== undefined);
    const wholeVnet = !own || groups.some((group) => admitsWholeVnet(group as SecurityGroupView));
    vnets.push({ vnet: vnetOfSubnet(subnet, stack), role: "the virtual network of the delegated subnet of %s's server", wholeVnet, narrowable: own, ...allowedOf(wholeVnet, groups) });
  } else if (server.config.delegated_subnet_id !== undefined) {
    // A given subnet is guarded by its owner's group, unless the stack associates a group of its own with it (then that group decides).
    const groups = certainOnly(givenSubnetAssociations(server, stack)).map((association) => association.securityGroup);
    const own = groups.length > 0 && groups.every((group): group is SecurityGroupView => group !== undefined);
    const wholeVnet = !own || groups.some((group) => admitsWholeVnet(group as SecurityGroupView));
    vnets.push({ vnet: vnetOfId(server.config.delegated_subnet_id, stack), role: "the virtual network of the delegated subnet %s's server is given", wholeVnet, narrowable: false, ...allowedOf(wholeVnet, groups) });
  }
  for (const endpoint of server.privateEndpoints) {
    vnets.push({ vnet: vnetOfId(endpoint.config.subnet_id, stack), role: `the virtual network of ${endpoint.address}, a private endpoint of %s's server`, wholeVnet: true, narrowable: false });
  }
  return vnets;
}

/** Whether a value is one of the texts, in any case; 'maybe' when it is known only later. */
function oneOf(value: unknown, texts: readonly string[]): boolean | 'maybe' {
  if (isUnknown(value)) return 'maybe';
  const text = literalString(value);
  return text !== undefined && texts.includes(text.trim().toLowerCase());
}

/** The items of a rule's singular and plural attribute ("source_address_prefix", "source_address_prefixes"). */
function itemsOf(rule: TerraformBlock, singular: string, plural: string): unknown[] {
  const many = rule[plural];
  return [...(rule[singular] === undefined || rule[singular] === null ? [] : [rule[singular]]), ...(Array.isArray(many) ? many : many === undefined || many === null ? [] : [many])];
}

/** The rules of a group that may let PostgreSQL in (inbound, allow, TCP, a port that may be PostgreSQL's). */
function postgresAllowRules(group: SecurityGroupView): TerraformBlock[] {
  return [...asList(group.config.security_rule), ...group.separateRules.map((rule) => rule.config)].filter((rule) => {
    if ([oneOf(rule.direction, ['inbound']), oneOf(rule.access, ['allow']), oneOf(rule.protocol, ['tcp', '*'])].includes(false)) return false;
    const ports = itemsOf(rule, 'destination_port_range', 'destination_port_ranges');
    return ports.some((port) => { const text = literalString(port); return text === undefined || !isReadablePortRange(text) || coversPostgresPort(text); });
  });
}

/**
 * Whether a group lets PostgreSQL in from more than address prefixes: a service tag (VirtualNetwork), anything, or a
 * source known only later. The subnet's own range (a rule whose source is its destination) is no client.
 */
function admitsWholeVnet(group: SecurityGroupView): boolean {
  if (blocksKnownLater(group.config, 'security_rule') || group.possibleRules.length > 0) return true;
  return postgresAllowRules(group).some((rule) => {
    const destinations = itemsOf(rule, 'destination_address_prefix', 'destination_address_prefixes').map(String);
    return itemsOf(rule, 'source_address_prefix', 'source_address_prefixes').some((source) => {
      if (destinations.length === 1 && String(source) === destinations[0]) return false;
      const text = literalString(source);
      return text === undefined || (spanOf(text) === undefined && text.trim().toLowerCase() !== 'azureloadbalancer');
    });
  });
}

/**
 * The addresses groups that admit prefixes alone let PostgreSQL in from (the subnet's own range included: whoever is given an
 * address there is admitted too); nothing when a group admits the whole VNet (every joiner is judged then).
 */
function allowedOf(wholeVnet: boolean, groups: readonly (SecurityGroupView | undefined)[]): { allowed?: readonly AddressSpan[] } {
  if (wholeVnet) return {};
  const allowed = (groups as SecurityGroupView[]).flatMap(postgresAllowRules).flatMap((rule) => itemsOf(rule, 'source_address_prefix', 'source_address_prefixes'))
    .flatMap((source) => { const text = literalString(source); const span = text === undefined ? undefined : spanOf(text); return span === undefined ? [] : [span]; });
  return { allowed };
}
