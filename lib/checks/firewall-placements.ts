/**
 * Which Azure Firewalls a rule runs on, and where they connect from (twenty-first review, A21b-2). A firewall SNATs what it
 * DNATs or proxies to an address of its own: an instance address of its AzureFirewallSubnet (`ip_configuration`), or, in a
 * Virtual WAN secured hub (`virtual_hub`, no `ip_configuration`), an address of the hub's `address_prefix`. A rule runs on the
 * firewalls that use its policy (`firewall_policy_id`, or a child policy's `base_policy_id`), or, in a classic collection, on the
 * firewall it names (`azure_firewall_name`). A rule whose firewalls cannot be told, and a firewall whose place cannot be read,
 * may connect from anywhere: the caller fails closed on it.
 */
import { actionRequest, AZAPI_WRITER_TYPES, azapiParent, azapiTarget, azapiType, bodyProperties, propertyInAnyCase as field, surelyApplied, writes } from './azapi-writes';
import { idKey, idSegments } from './azure-keys';
import { resourcesOfType } from './beside-construct';
import { spelledBlockId } from './block-ids';
import { everyBlock } from './dynamic-blocks';
import { azapiInputValues, InputRow } from './forwarder-inputs';
import { isUnknown } from './hcl-expression';
import { referencedResources } from './referenced-resources';
import { StackFacts } from './rule';
import { providerReferenceKey } from './provider-references';
import { listOf } from './server-networks';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';

/** A place that cannot be read: the firewall may connect from any address. */
export const ANYWHERE = Symbol('a place the checks cannot read');

/** A secured virtual hub (its pointer): the firewall connects from an address of the hub's address prefix. */
export class HubPlace {
  public constructor(public readonly hub: unknown) {}
}

/** Where a firewall connects from: subnet pointers, hubs, or ANYWHERE. */
export type Place = unknown;

const FIREWALL = 'microsoft.network/azurefirewalls';
const POLICY = 'microsoft.network/firewallpolicies';
/** A policy's draft: its settings (base policy, SNAT ranges) until a deploy action (`firewallPolicies/deploy`) applies them to the policy. */
export const POLICY_DRAFT = `${POLICY}/firewallpolicydrafts`;
const HUB = 'microsoft.network/virtualhubs';
const SUBNET = 'microsoft.network/virtualnetworks/subnets';

/**
 * What places a firewall, read from every azapi write of the same ARM property as the azurerm argument (twenty-second review,
 * A22b-1, A22b-3, A22b-4): an update of the object, a PUT or PATCH action, a same-named azapi_resource, a policy's draft
 * (deployed, it sets the policy's base). Rows of the forwarder-inputs.ts shape, read by its one reader (`azapiInputValues`):
 * a body that cannot be read gives a value known only at apply time, which places the firewall anywhere. The subnet's
 * prefixes are its row `subnetPrefixes` (the subnet's own writes and its VNet's list).
 */
export const PLACEMENT_INPUTS: { readonly [input: string]: InputRow } = {
  firewallSubnets: { azurerm: 'azurerm_firewall', argument: 'ip_configuration.subnet_id', holder: 'azurerm_firewall', holderAzureType: FIREWALL, childrenInert: true,
    spellings: [{ azureType: FIREWALL, path: 'ipConfigurations[].subnet.id' }] },
  firewallHubs: { azurerm: 'azurerm_firewall', argument: 'virtual_hub.virtual_hub_id', holder: 'azurerm_firewall', holderAzureType: FIREWALL, childrenInert: true,
    spellings: [{ azureType: FIREWALL, path: 'virtualHub.id' }] },
  firewallPolicies: { azurerm: 'azurerm_firewall', argument: 'firewall_policy_id', holder: 'azurerm_firewall', holderAzureType: FIREWALL, childrenInert: true,
    spellings: [{ azureType: FIREWALL, path: 'firewallPolicy.id' }] },
  basePolicies: { azurerm: 'azurerm_firewall_policy', argument: 'base_policy_id', holder: 'azurerm_firewall_policy', holderAzureType: POLICY, childrenInert: true,
    spellings: [{ azureType: POLICY, path: 'basePolicy.id' }, { azureType: POLICY_DRAFT, path: 'basePolicy.id' }] },
  hubPrefixes: { azurerm: 'azurerm_virtual_hub', argument: 'address_prefix', holder: 'azurerm_virtual_hub', holderAzureType: HUB, childrenInert: true,
    spellings: [{ azureType: HUB, path: 'addressPrefix' }] },
};

/** The values of a placement input the stack's azapi writes give a block (its own body is read by its caller). */
function written(input: keyof typeof PLACEMENT_INPUTS, block: ResourceView, stack: StackFacts | undefined): unknown[] {
  return azapiInputValues(PLACEMENT_INPUTS[input], block, stack).filter((value) => value !== undefined && value !== null);
}

/** The `id` of an object property of a body's properties; an Unknown for properties or an object that cannot be read. */
function idIn(properties: unknown, name: string): unknown {
  if (isUnknown(properties)) return properties;
  const object = field(properties, name);
  return isUnknown(object) ? object : field(object, 'id');
}

/**
 * The blocks of the stack that make an object of an Azure type (azurerm, or an azapi_resource of the type) a literal ID names
 * (twenty-fifth session): each block's names spell its whole ID (block-ids.ts: subscription, group, type, names), read as every
 * reader reads an ID (azure-keys.ts); two literal subscriptions are two objects (A18b-3). A block whose subscription is known only
 * at apply time (its provider's `subscription_id` unset, a variable, the environment) may be the ID's object or another: `sure`
 * (the default) leaves it out, so that a reader judges the ID as a given object (thirtieth run, A30b-4); a reader for which the
 * candidate is the closed reading passes `sure = false`. None when the ID's parts are known only later (a '..' or
 * percent-encoded segment, an interpolation): it may be any object.
 */
function literallyNamed(id: string, azureType: string, azurerm: string, stack: StackFacts | undefined, sure = true): ResourceView[] {
  const parts = idSegments(id);
  if (parts.some((part) => part === '..' || /[%$?{}]/.test(part))) return [];
  const candidates = [...resourcesOfType(stack, azurerm), ...resourcesOfType(stack, 'azapi_resource').filter((each) => azapiType(each) === azureType)];
  // A block that may not exist at apply (count, for_each or enabled known only later) is no sure candidate: the ID may be a given object.
  return candidates.filter((candidate) => !sure || surelyApplied(candidate)).filter((candidate) => {
    const spelled = spelledBlockId(candidate, stack?.resources, stack?.azurermProviders);
    const own = spelled === undefined ? undefined : idSegments(spelled);
    return own !== undefined && own.length === parts.length && own.every((segment, index) => segment === parts[index] || (!sure && index === 1 && segment === '?'));
  });
}

/** The azurerm provider configuration a block selects ("azurerm", "azurerm.<alias>"): two blocks of one configuration are in one subscription. */
function providerKey(block: ResourceView): string {
  return typeof block.config.provider === 'string' ? providerReferenceKey(block.config.provider) ?? block.config.provider.trim() : 'azurerm';
}

/**
 * The stack's firewalls a classic rule collection surely names (A30b-4's follow-up): its firewall's whole ID, spelled from its
 * `azure_firewall_name`, `resource_group_name` and provider's subscription (block-ids.ts), against each firewall's; a
 * subscription known only at apply time is the firewall's only when both blocks select one azurerm provider configuration. A
 * reference to a firewall's name whose group is not spelled is that firewall when the group is written alike (a reference to
 * the firewall's group, or one expression) under one provider configuration. Another group, another literal subscription, or one
 * that cannot be told apart: none (the firewall is another, given object).
 */
function classicFirewalls(block: ResourceView, stack: StackFacts | undefined): ResourceView[] {
  const name = block.config.azure_firewall_name;
  const referenced = referencedResources(name, 'azurerm_firewall', stack?.resources);
  const spell = (each: ResourceView) => { const id = spelledBlockId(each, stack?.resources, stack?.azurermProviders); return id === undefined ? undefined : idSegments(id); };
  const own = spell({ ...block, type: 'azurerm_firewall', config: { ...block.config, name } });
  const group = block.config.resource_group_name;
  // A firewall that may not exist at apply is the collection's only by a reference (which Terraform resolves only when it exists).
  return [...stack?.resources?.values() ?? []].filter((each) => isFirewall(each, stack)).filter((each) => surelyApplied(each) || referenced.includes(each)).filter((each) => {
    const theirs = spell(each);
    const sameProvider = each.type === 'azurerm_firewall' && providerKey(each) === providerKey(block);
    if (own !== undefined && theirs !== undefined) {
      return own.length === theirs.length && own.every((segment, index) => index === 1 ? segment !== '?' && segment === theirs[index] || (segment === '?' && theirs[index] === '?' && sameProvider) : segment === theirs[index]);
    }
    const groupOf = (value: unknown) => (isUnknown(value) ? value.toString() : value);
    const sameGroup = referencedResources(group, 'azurerm_firewall', stack?.resources).includes(each) || (group !== undefined && groupOf(group) === groupOf(each.config.resource_group_name));
    return referenced.includes(each) && sameProvider && sameGroup;
  });
}

/** The blocks of the stack of an Azure type a pointer names: by reference, or by a literal ID of their names. */
function namedBlocks(pointer: unknown, azureType: string, azurerm: string, stack: StackFacts | undefined, sure = true): ResourceView[] {
  if (typeof pointer === 'string') return literallyNamed(pointer, azureType, azurerm, stack, sure);
  return [...referencedResources(pointer, azurerm, stack?.resources),
    ...AZAPI_WRITER_TYPES.flatMap((type) => referencedResources(pointer, type, stack?.resources)).filter((each) => azapiType(each) === azureType)];
}

/**
 * The firewall blocks of the stack (azurerm, or an azapi_resource of its type) an azapi write writes: an update or action by
 * reference or by a literal ID of the firewall's names; an azapi_resource, the other blocks of its parent and name (one object:
 * the one applied last keeps the other's rule collections).
 */
function writtenFirewalls(block: ResourceView, stack: StackFacts | undefined): ResourceView[] {
  if (block.type === 'azapi_resource') {
    const id = spelledBlockId(block, stack?.resources, stack?.azurermProviders);
    return id === undefined ? [] : literallyNamed(id, FIREWALL, 'azurerm_firewall', stack).filter((each) => each.address !== block.address);
  }
  const target = azapiTarget(block.type === 'azapi_resource_action' ? { ...block, config: actionRequest(block.config) } : block);
  return namedBlocks(target, FIREWALL, 'azurerm_firewall', stack).filter((each) => each.type !== 'azapi_update_resource' && each.type !== 'azapi_resource_action');
}

/**
 * Whether a block writes an Azure Firewall (azurerm, or an azapi write of its Azure type). An update or action of a firewall
 * block of the stack is a write of that firewall (its places and policy are read with it: PLACEMENT_INPUTS), not one of its own.
 */
function isFirewall(block: ResourceView, stack: StackFacts | undefined): boolean {
  if (block.type === 'azurerm_firewall') return true;
  return AZAPI_WRITER_TYPES.includes(block.type) && azapiType(block) === FIREWALL && writes(block) && (block.type === 'azapi_resource' || writtenFirewalls(block, stack).length === 0);
}

/** The subnet IDs of an ARM list of IP configurations (`<list>[].properties.subnet.id`); an item that cannot be read is anywhere. */
export function armSubnets(properties: unknown, list: string): Place[] {
  if (!isObject(properties) || isUnknown(properties)) return [ANYWHERE];
  const items = listOf(field(properties, list));
  if (items.length === 0) return [ANYWHERE];
  return items.map((item) => (isObject(item) && !isUnknown(item) ? field(field(field(item, 'properties'), 'subnet'), 'id') ?? ANYWHERE : ANYWHERE));
}

/**
 * Where one firewall connects from: its subnets and its secured hub, as its own block writes them and as every azapi write of
 * them does (A22b-1, A22b-3); neither written (or a body that cannot be read), anywhere.
 */
export function firewallPlaces(block: ResourceView, stack: StackFacts | undefined): Place[] {
  const others: Place[] = [...written('firewallSubnets', block, stack), ...written('firewallHubs', block, stack).map((hub) => new HubPlace(hub))];
  if (block.type === 'azurerm_firewall') {
    const places: Place[] = [...everyBlock(block.config, 'ip_configuration').map((ip) => ip.subnet_id ?? ANYWHERE),
      ...everyBlock(block.config, 'virtual_hub').map((hub) => new HubPlace(hub.virtual_hub_id)), ...others];
    return places.length === 0 || isUnknown(block.config.ip_configuration) ? [ANYWHERE, ...places] : places;
  }
  const properties = bodyProperties(block);
  if (!isObject(properties) || isUnknown(properties)) return [ANYWHERE];
  const hub = idIn(properties, 'virtualHub');
  const subnets = field(properties, 'ipConfigurations') === undefined ? [] : armSubnets(properties, 'ipConfigurations');
  const places = [...subnets, ...(hub === undefined || hub === null ? [] : [new HubPlace(hub)]), ...others];
  return places.length === 0 ? [ANYWHERE] : places;
}

/** The address prefixes of the secured virtual hub a firewall sits in (azurerm, azapi); undefined when the stack writes none of them. */
export function hubPrefixes(place: HubPlace, stack: StackFacts | undefined): unknown[] | undefined {
  // Every write of the hub's prefix counts (A22b-1): an update, a PUT or PATCH action, a same-named azapi_resource.
  const azurerm = referencedResources(place.hub, 'azurerm_virtual_hub', stack?.resources).flatMap((hub) => [hub.config.address_prefix, ...written('hubPrefixes', hub, stack)]);
  const azapi = AZAPI_WRITER_TYPES.flatMap((type) => referencedResources(place.hub, type, stack?.resources)).filter((block) => azapiType(block) === HUB)
    .flatMap((hub) => { const properties = bodyProperties(hub); return [isUnknown(properties) ? properties : field(properties, 'addressPrefix'), ...written('hubPrefixes', hub, stack)]; });
  const prefixes = [...azurerm, ...azapi];
  return prefixes.length === 0 ? undefined : prefixes;
}

/**
 * The address prefixes of the subnets a subnet pointer names: the azurerm subnet's, and every azapi write of them (the
 * subnet's own, its VNet's list: forwarder-inputs.ts row `subnetPrefixes`, A22b-1); undefined when the stack writes no such subnet.
 */
export function subnetPrefixes(place: unknown, stack: StackFacts | undefined): unknown[] | undefined {
  const azurerm = referencedResources(place, 'azurerm_subnet', stack?.resources);
  // A subnet an azapi_resource writes: its body's prefixes (a body that cannot be read: known only later), and its other writes.
  const azapi = referencedResources(place, 'azapi_resource', stack?.resources).filter((block) => azapiType(block) === SUBNET);
  if (azurerm.length === 0 && azapi.length === 0) return undefined;
  const own = (block: ResourceView) => { const properties = bodyProperties(block); return isUnknown(properties) ? [properties] : [field(properties, 'addressPrefix'), ...listOf(field(properties, 'addressPrefixes'))]; };
  return [...azurerm.flatMap((subnet) => listOf(subnet.config.address_prefixes)), ...azapi.flatMap(own), ...[...azurerm, ...azapi].flatMap((subnet) => azapiInputValues('subnetPrefixes', subnet, stack))]
    .filter((prefix) => prefix !== undefined && prefix !== null);
}

/** The firewall policy blocks of the stack a pointer names (azurerm, or azapi writes of the policy type): by reference, or a literal ID of their names. */
function policyBlocks(pointer: unknown, stack: StackFacts | undefined, sure = true): ResourceView[] {
  return namedBlocks(pointer, POLICY, 'azurerm_firewall_policy', stack, sure);
}

/** Whether two policy pointers may name one policy: the same blocks, the same literal ID (as azurerm reads it), or one the checks cannot tell apart. */
function mayBeSamePolicy(one: unknown, other: unknown, stack: StackFacts | undefined): boolean {
  const [first, second] = [policyBlocks(one, stack), policyBlocks(other, stack)];
  if (first.length > 0 && second.length > 0) return first.some((block) => second.includes(block));
  if (typeof one === 'string' && typeof other === 'string') return idKey(one) === idKey(other) || [one, other].some((id) => idSegments(id).some((part) => part === '..' || /[%$?{}]/.test(part)));
  return true;
}

/** A firewall's policy pointers, and a policy's base policy pointers: its own block's and every azapi write's (A22b-4); none written, none. */
function policiesOf(block: ResourceView, stack: StackFacts | undefined): unknown[] {
  const own = block.type === 'azurerm_firewall' ? block.config.firewall_policy_id : idIn(bodyProperties(block), 'firewallPolicy');
  return [own, ...written('firewallPolicies', block, stack)].filter((pointer) => pointer !== undefined && pointer !== null);
}

function basePoliciesOf(block: ResourceView, stack: StackFacts | undefined): unknown[] {
  const own = block.type === 'azurerm_firewall_policy' ? block.config.base_policy_id : idIn(bodyProperties(block), 'basePolicy');
  return [own, ...written('basePolicies', block, stack)].filter((pointer) => pointer !== undefined && pointer !== null);
}

/** How deep child policies are followed before a policy counts as used by every firewall that has one. */
const MAX_POLICY_DEPTH = 8;

/** Whether a firewall's policy is the policy or inherits from it (a child policy's base policy, at any depth). */
function usesPolicy(firewallPolicy: unknown, policy: unknown, stack: StackFacts | undefined, depth = 0): boolean {
  if (mayBeSamePolicy(firewallPolicy, policy, stack)) return true;
  if (depth >= MAX_POLICY_DEPTH) return true;
  // A child policy the firewall's may be (its subscription known only at apply time) is followed: more firewalls run the rule.
  return policyBlocks(firewallPolicy, stack, false).some((child) => basePoliciesOf(child, stack).some((base) => usesPolicy(base, policy, stack, depth + 1)));
}

/** The stack's firewalls that run the rules of a policy; none (a policy that cannot be told, or one no firewall of the stack uses): anywhere. */
function policyFirewallPlaces(policy: unknown, stack: StackFacts | undefined): Place[] {
  if (policy === undefined || policy === null || (!isUnknown(policy) && typeof policy !== 'string')) return [ANYWHERE];
  if (isUnknown(policy) && policyBlocks(policy, stack).length === 0) return [ANYWHERE];
  const firewalls = [...stack?.resources?.values() ?? []].filter((block) => isFirewall(block, stack))
    .filter((block) => policiesOf(block, stack).some((used) => usesPolicy(used, policy, stack)));
  return firewalls.length === 0 ? [ANYWHERE] : firewalls.flatMap((block) => firewallPlaces(block, stack));
}

/** The stack's firewalls a classic rule collection names (`azure_firewall_name`); none, or a name that cannot be read: anywhere. */
function namedFirewallPlaces(block: ResourceView, stack: StackFacts | undefined): Place[] {
  const named = classicFirewalls(block, stack);
  return named.length === 0 ? [ANYWHERE] : named.flatMap((each) => firewallPlaces(each, stack));
}

/**
 * The literal IDs of the firewall policies whose SNAT ranges an azapi update or PUT/PATCH action writes (`snat.privateRanges`,
 * or a body known only at apply time, which the SNAT reader judges): the stack's setting of that policy, read by the caller.
 * A target whose parts are known only later ('..', a percent-encoded segment, an interpolation) is none: it may be any policy.
 */
function rangeWrites(stack: StackFacts | undefined): string[] {
  return AZAPI_WRITER_TYPES.filter((type) => type !== 'azapi_resource').flatMap((type) => resourcesOfType(stack, type))
    .filter((each) => azapiType(each) === POLICY && writes(each) && surelyApplied(each)).filter((each) => {
      const properties = bodyProperties(each);
      return isUnknown(properties) || field(field(properties, 'snat'), 'privateRanges') !== undefined;
    })
    .map((each) => azapiTarget(each.type === 'azapi_resource_action' ? { ...each, config: actionRequest(each.config) } : each))
    .filter((target): target is string => typeof target === 'string' && !idSegments(target).some((part) => part === '..' || /[%$?{}]/.test(part)));
}

/** A rule collection group draft: the group's rules until a deploy action applies them to its policy. */
export const RULE_GROUP_DRAFT = `${POLICY}/rulecollectiongroups/rulecollectiongroupdrafts`;

/** The policy of a draft's group: the group's ID without its last two segments, or the policy of the group block it refers to; undefined when not known. */
function draftPolicy(group: unknown, stack: StackFacts | undefined): unknown {
  if (typeof group === 'string') { const policy = group.replace(/\/+$/, '').replace(/\/[^/]+\/[^/]+$/, ''); return policy === group ? undefined : policy; }
  const azurerm = referencedResources(group, 'azurerm_firewall_policy_rule_collection_group', stack?.resources);
  const azapi = AZAPI_WRITER_TYPES.flatMap((type) => referencedResources(group, type, stack?.resources)).filter((block) => azapiType(block) === `${POLICY}/rulecollectiongroups`);
  const policies = [...azurerm.map((block) => block.config.firewall_policy_id), ...azapi.map(azapiParent)];
  return policies.length === 1 ? policies[0] : undefined;
}

/**
 * Where the firewalls that run a rule block's rules connect from: a policy's rule collection group (azurerm, azapi) runs on the
 * firewalls using the policy, a classic collection on the firewall it names, a firewall's own rules (azapi) on it; another block,
 * anywhere.
 */
export function ruleFirewallPlaces(block: ResourceView, stack: StackFacts | undefined): Place[] {
  if (block.type === 'azurerm_firewall_policy_rule_collection_group') return policyFirewallPlaces(block.config.firewall_policy_id, stack);
  if (/^azurerm_firewall_(nat|network|application)_rule_collection$/.test(block.type)) return namedFirewallPlaces(block, stack);
  if (AZAPI_WRITER_TYPES.includes(block.type)) {
    const type = azapiType(block);
    if (type === `${POLICY}/rulecollectiongroups`) return policyFirewallPlaces(azapiParent(block), stack);
    if (type === RULE_GROUP_DRAFT) return policyFirewallPlaces(draftPolicy(azapiParent(block), stack), stack);
    // Rules an update or action writes into a firewall block of the stack run where that firewall is (and where its body puts it).
    if (type === FIREWALL) return [...firewallPlaces(block, stack).filter((place) => place !== ANYWHERE || writtenFirewalls(block, stack).length === 0),
      ...writtenFirewalls(block, stack).flatMap((firewall) => firewallPlaces(firewall, stack))];
  }
  return [ANYWHERE];
}

/** The types whose firewall rules ruleFirewallPlaces places (azurerm, and Azure types lower case): the class test enumerates them. */
export const FIREWALL_RULE_TYPES: readonly string[] = ['azurerm_firewall_policy_rule_collection_group', 'azurerm_firewall_nat_rule_collection', 'azurerm_firewall_network_rule_collection',
  'azurerm_firewall_application_rule_collection', `${POLICY}/rulecollectiongroups`, RULE_GROUP_DRAFT, FIREWALL];

/** The types read for where a firewall connects from (read-types.ts): its secured hub's prefix. */
export const PLACEMENT_INPUT_TYPES: readonly string[] = ['azurerm_virtual_hub'];

/**
 * Whose SNAT ranges decide how the firewalls that run a network rule block treat it, when the stack does not write them
 * (twenty-fifth review, A25b-4): the policy of a rule collection group (or its draft) that the stack does not make (given by ID,
 * looked up, known only later), a policy of the stack's firewalls that run it that the stack does not make, or the firewall a
 * classic collection or an azapi write of firewall rules names when the stack does not make it. Such ranges may be anything
 * live ("always SNAT", 255.255.255.255/32): the caller reads them as ranges that leave the server's subnet out, never as
 * Azure's default. Undefined when every such setting is the stack's (read by the caller, Azure's default where unwritten).
 */
export function unwrittenSnat(block: ResourceView, stack: StackFacts | undefined): string | undefined {
  const shown = (pointer: unknown) => (typeof pointer === 'string' ? JSON.stringify(pointer) : String(pointer));
  // A literal ID names a policy the stack makes (an azurerm policy, an azapi_resource) by its whole ID (literallyNamed: a policy
  // in a subscription known only at apply time, or another, is a given policy, its live ranges unread: A30b-4), or one whose
  // SNAT ranges an azapi update or PUT/PATCH action writes, at the pointer's whole ID (its target read as literal text).
  const written = (pointer: unknown) => policyBlocks(pointer, stack).length > 0 || (typeof pointer === 'string' && rangeWrites(stack).some((target) => idKey(target) === idKey(pointer)));
  const policy = (pointer: unknown): string | undefined => {
    if (pointer === undefined || pointer === null) return 'a firewall policy that cannot be told';
    if (!written(pointer)) return `the firewall policy ${shown(pointer)}, which the stack does not make`;
    // A firewall of the stack that runs the rules under a policy the stack does not make SNATs by that policy's ranges.
    const firewalls = [...stack?.resources?.values() ?? []].filter((each) => isFirewall(each, stack));
    const foreign = firewalls.flatMap((each) => policiesOf(each, stack)).find((used) => !written(used) && usesPolicy(used, pointer, stack));
    return foreign === undefined ? undefined : `the firewall policy ${shown(foreign)}, which the stack does not make`;
  };
  if (block.type === 'azurerm_firewall_policy_rule_collection_group') return policy(block.config.firewall_policy_id);
  if (block.type === 'azurerm_firewall_network_rule_collection') {
    return classicFirewalls(block, stack).length > 0 ? undefined : `the firewall ${shown(block.config.azure_firewall_name)} in ${shown(block.config.resource_group_name)}, which the stack may not make`;
  }
  if (!AZAPI_WRITER_TYPES.includes(block.type)) return undefined;
  const type = azapiType(block);
  if (type === `${POLICY}/rulecollectiongroups`) return policy(azapiParent(block));
  if (type === RULE_GROUP_DRAFT) return policy(draftPolicy(azapiParent(block), stack));
  // An update or action of a firewall the stack does not make keeps its live SNAT ranges; a firewall the stack makes has its own.
  if (type === FIREWALL && block.type !== 'azapi_resource' && writtenFirewalls(block, stack).length === 0) {
    const target = azapiTarget(block.type === 'azapi_resource_action' ? { ...block, config: actionRequest(block.config) } : block);
    return `the firewall ${shown(target)}, which the stack does not make`;
  }
  return undefined;
}
