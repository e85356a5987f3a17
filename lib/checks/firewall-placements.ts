/**
 * Which Azure Firewalls a rule runs on, and where they connect from (twenty-first review, A21b-2). A firewall SNATs what it
 * DNATs or proxies to an address of its own: an instance address of its AzureFirewallSubnet (`ip_configuration`), or, in a
 * Virtual WAN secured hub (`virtual_hub`, no `ip_configuration`), an address of the hub's `address_prefix`. A rule runs on the
 * firewalls that use its policy (`firewall_policy_id`, or a child policy's `base_policy_id`), or, in a classic collection, on the
 * firewall it names (`azure_firewall_name`). A rule whose firewalls cannot be told, and a firewall whose place cannot be read,
 * may connect from anywhere: the caller fails closed on it.
 */
import { AZAPI_WRITER_TYPES, azapiName, azapiParent, azapiType, bodyProperties, propertyInAnyCase as field, writes } from './azapi-writes';
import { everyBlock } from './dynamic-blocks';
import { isUnknown } from './hcl-expression';
import { referencedResources } from './referenced-resources';
import { StackFacts } from './rule';
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

/** Whether a block writes an Azure Firewall (azurerm, or an azapi write of its Azure type). */
function isFirewall(block: ResourceView): boolean {
  return block.type === 'azurerm_firewall' || (AZAPI_WRITER_TYPES.includes(block.type) && azapiType(block) === FIREWALL && writes(block));
}

/** The subnet IDs of an ARM list of IP configurations (`<list>[].properties.subnet.id`); an item that cannot be read is anywhere. */
export function armSubnets(properties: unknown, list: string): Place[] {
  if (!isObject(properties) || isUnknown(properties)) return [ANYWHERE];
  const items = listOf(field(properties, list));
  if (items.length === 0) return [ANYWHERE];
  return items.map((item) => (isObject(item) && !isUnknown(item) ? field(field(field(item, 'properties'), 'subnet'), 'id') ?? ANYWHERE : ANYWHERE));
}

/** Where one firewall connects from: its subnets and its secured hub; neither written (or a body that cannot be read), anywhere. */
export function firewallPlaces(block: ResourceView): Place[] {
  if (block.type === 'azurerm_firewall') {
    const places: Place[] = [...everyBlock(block.config, 'ip_configuration').map((ip) => ip.subnet_id ?? ANYWHERE),
      ...everyBlock(block.config, 'virtual_hub').map((hub) => new HubPlace(hub.virtual_hub_id))];
    return places.length === 0 || isUnknown(block.config.ip_configuration) ? [ANYWHERE, ...places] : places;
  }
  const properties = bodyProperties(block);
  if (!isObject(properties) || isUnknown(properties)) return [ANYWHERE];
  const hub = field(field(properties, 'virtualHub'), 'id');
  const subnets = field(properties, 'ipConfigurations') === undefined ? [] : armSubnets(properties, 'ipConfigurations');
  const places = [...subnets, ...(hub === undefined ? [] : [new HubPlace(hub)])];
  return places.length === 0 ? [ANYWHERE] : places;
}

/** The address prefixes of the secured virtual hub a firewall sits in (azurerm, azapi); undefined when the stack writes none of them. */
export function hubPrefixes(place: HubPlace, stack: StackFacts | undefined): unknown[] | undefined {
  const azurerm = referencedResources(place.hub, 'azurerm_virtual_hub', stack?.resources).map((hub) => hub.config.address_prefix);
  const azapi = AZAPI_WRITER_TYPES.flatMap((type) => referencedResources(place.hub, type, stack?.resources)).filter((block) => azapiType(block) === 'microsoft.network/virtualhubs')
    .map((hub) => field(bodyProperties(hub), 'addressPrefix'));
  const prefixes = [...azurerm, ...azapi];
  return prefixes.length === 0 ? undefined : prefixes;
}

/** The firewall policy blocks of the stack a pointer refers to (azurerm, or azapi writes of the policy type). */
function policyBlocks(pointer: unknown, stack: StackFacts | undefined): ResourceView[] {
  return [...referencedResources(pointer, 'azurerm_firewall_policy', stack?.resources),
    ...AZAPI_WRITER_TYPES.flatMap((type) => referencedResources(pointer, type, stack?.resources)).filter((block) => azapiType(block) === POLICY)];
}

/** Whether two policy pointers may name one policy: the same blocks, the same literal ID, or one the checks cannot tell apart. */
function mayBeSamePolicy(one: unknown, other: unknown, stack: StackFacts | undefined): boolean {
  const [first, second] = [policyBlocks(one, stack), policyBlocks(other, stack)];
  if (first.length > 0 && second.length > 0) return first.some((block) => second.includes(block));
  if (typeof one === 'string' && typeof other === 'string') return one.trim().toLowerCase() === other.trim().toLowerCase();
  return true;
}

/** A firewall's policy pointer (undefined: none written), and a policy's base policy pointer. */
function policyOf(block: ResourceView): unknown {
  return block.type === 'azurerm_firewall' ? block.config.firewall_policy_id : field(field(bodyProperties(block), 'firewallPolicy'), 'id');
}

function basePolicyOf(block: ResourceView): unknown {
  return block.type === 'azurerm_firewall_policy' ? block.config.base_policy_id : field(field(bodyProperties(block), 'basePolicy'), 'id');
}

/** How deep child policies are followed before a policy counts as used by every firewall that has one. */
const MAX_POLICY_DEPTH = 8;

/** Whether a firewall's policy is the policy or inherits from it (a child policy's base policy, at any depth). */
function usesPolicy(firewallPolicy: unknown, policy: unknown, stack: StackFacts | undefined, depth = 0): boolean {
  if (mayBeSamePolicy(firewallPolicy, policy, stack)) return true;
  if (depth >= MAX_POLICY_DEPTH) return true;
  return policyBlocks(firewallPolicy, stack).some((child) => { const base = basePolicyOf(child); return base !== undefined && base !== null && usesPolicy(base, policy, stack, depth + 1); });
}

/** The stack's firewalls that run the rules of a policy; none (a policy that cannot be told, or one no firewall of the stack uses): anywhere. */
function policyFirewallPlaces(policy: unknown, stack: StackFacts | undefined): Place[] {
  if (policy === undefined || policy === null || (!isUnknown(policy) && typeof policy !== 'string')) return [ANYWHERE];
  if (isUnknown(policy) && policyBlocks(policy, stack).length === 0) return [ANYWHERE];
  const firewalls = [...stack?.resources?.values() ?? []].filter((block) => isFirewall(block)).filter((block) => {
    const used = policyOf(block);
    return used !== undefined && used !== null && usesPolicy(used, policy, stack);
  });
  return firewalls.length === 0 ? [ANYWHERE] : firewalls.flatMap(firewallPlaces);
}

/** The stack's firewalls a classic rule collection names (`azure_firewall_name`); none, or a name that cannot be read: anywhere. */
function namedFirewallPlaces(name: unknown, stack: StackFacts | undefined): Place[] {
  const referenced = referencedResources(name, 'azurerm_firewall', stack?.resources);
  if (referenced.length > 0) return referenced.flatMap(firewallPlaces);
  if (typeof name !== 'string') return [ANYWHERE];
  const named = [...stack?.resources?.values() ?? []].filter((block) => isFirewall(block)).filter((block) => {
    const written = block.type === 'azurerm_firewall' ? block.config.name : azapiName(block);
    return typeof written !== 'string' || written.toLowerCase() === name.toLowerCase();
  });
  return named.length === 0 ? [ANYWHERE] : named.flatMap(firewallPlaces);
}

/** A rule collection group draft: the group's rules until a deploy action applies them to its policy. */
const DRAFT = `${POLICY}/rulecollectiongroups/rulecollectiongroupdrafts`;

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
  if (/^azurerm_firewall_(nat|network|application)_rule_collection$/.test(block.type)) return namedFirewallPlaces(block.config.azure_firewall_name, stack);
  if (AZAPI_WRITER_TYPES.includes(block.type)) {
    const type = azapiType(block);
    if (type === `${POLICY}/rulecollectiongroups`) return policyFirewallPlaces(azapiParent(block), stack);
    if (type === DRAFT) return policyFirewallPlaces(draftPolicy(azapiParent(block), stack), stack);
    if (type === FIREWALL) return firewallPlaces(block);
  }
  return [ANYWHERE];
}

/** The types whose firewall rules ruleFirewallPlaces places (azurerm, and Azure types lower case): the class test enumerates them. */
export const FIREWALL_RULE_TYPES: readonly string[] = ['azurerm_firewall_policy_rule_collection_group', 'azurerm_firewall_nat_rule_collection', 'azurerm_firewall_network_rule_collection',
  'azurerm_firewall_application_rule_collection', `${POLICY}/rulecollectiongroups`, DRAFT, FIREWALL];

/** The types read for where a firewall connects from (read-types.ts): its secured hub's prefix. */
export const PLACEMENT_INPUT_TYPES: readonly string[] = ['azurerm_virtual_hub'];
