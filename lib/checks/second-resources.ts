/**
 * A second resource of an Azure object that a resource around a server manages (seventh review,
 * A7-6): the same type, resource group and names, written again and adopted by an `import` block (a
 * network security group whose inline rules replace the group's rules), or the virtual network of
 * the delegated subnet written with inline subnets (azurerm: they replace the subnets that subnet
 * resources manage). Two resources of one object overwrite each other at every apply, and what the
 * second one writes reaches the server past the rules that judge the first. Resources of one name are
 * one object unless their providers name two literal subscriptions: one stack class per environment
 * writes the same names into each environment's subscription (eighth review, A8-4), and says so by
 * naming them; a subscription known only at apply time may be the same one.
 */
import { sameName } from './azure-keys';
import { madeBy, resourcesOfType } from './beside-construct';
import { isDynamicBlock } from './dynamic-blocks';
import { defaultedTexts } from './expression-readings';
import { isUnknown } from './hcl-expression';
import { resourceId } from './made-object-ids';
import { AroundResource, idPath, networkAround } from './network-writers';
import { oncePerStackFor } from './per-stack';
import { StackFacts } from './rule';
import { ResourceView, ServerView, WriterView } from './stack-model';

const VIRTUAL_NETWORK = 'azurerm_virtual_network';
/**
 * Private DNS zones are left out: two zones of one name in one resource group of a stack fail
 * already (dns-zone-checks.ts), and one in another stack may be another subscription's.
 */
const ZONE = 'azurerm_private_dns_zone';
/**
 * The types around a server whose twins are compared by their Azure ID (made-object-ids.ts): the
 * subnet, the group and each of its separate rules (a rule of the same name is the same Azure rule),
 * the private endpoint. An association or a record is judged by the rules of its subnet or zone.
 */
const TWINNED = new Set(['azurerm_subnet', 'azurerm_network_security_group', 'azurerm_network_security_rule', 'azurerm_private_endpoint']);

/** The resources of the stack that manage again a network resource around the server, each with what it manages. */
export function secondResources(server: ServerView, stack: StackFacts | undefined): WriterView[] {
  if (stack === undefined) return [];
  const found = networkAround(server, stack).flatMap(({ resource, role }: AroundResource) => {
    const path = resource.type === ZONE ? undefined : idOf(resource, stack);
    return path === undefined ? [] : (secondsById(stack, resource.type).get(path) ?? [])
      .filter((other) => other.address !== resource.address && samePlace(stack, other, resource))
      .map((other) => ({ ...other, what: `${other.address}, a second ${other.type} with the same resource group and names as ${resource.address} (${role})${unnamedSubscription(stack, other, resource)}` }));
  });
  const subnet = server.delegatedSubnet;
  if (subnet !== undefined) {
    // The VNet whose inline subnet is the delegated subnet (inline-subnets.ts) is its one definition, not a second one.
    const networks = resourcesOfType(stack, VIRTUAL_NETWORK).filter((network) => network.address !== subnet.address && ('subnet' in network.config || isDynamicBlock(network.config, 'subnet')) && second(network, stack) && samePlace(stack, network, subnet) && holds(network, subnet));
    found.push(...networks.map((network) => ({ ...network, what: `${network.address}, whose inline subnets replace ${subnet.address} (the server's delegated subnet) in its virtual network${unnamedSubscription(stack, network, subnet)}` })));
  }
  // A group of two associations is around the server twice.
  return [...new Map(found.map((writer) => [writer.address, writer])).values()];
}

/** Each library construct makes its own resources: two of them written alike are two stacks' (another subscription). */
function second(resource: ResourceView, stack: StackFacts): boolean {
  return !(stack.constructs ?? []).some((construct) => madeBy(resource, construct));
}

/** Names are read as the model reads them: a reference to another resource's name is that resource's literal name (A14a-11). */
function idOf(resource: ResourceView, stack: StackFacts): string | undefined {
  return idKept(resource, '', stack);
}

/** Read once per evaluation: each resource around a server is read by two rules, and again by the index of its type. */
const idKept = oncePerStackFor((resource: ResourceView, _name: string, stack: StackFacts | undefined) => readId(resource, stack!));

function readId(resource: ResourceView, stack: StackFacts): string | undefined {
  const find = (address: string) => stack.resources?.get(address) ?? stack.lookups?.get(address);
  return (TWINNED.has(resource.type) ? resourceId(resource, find) : undefined) ?? idPath(resource, stack.resources);
}

/**
 * The stack's second resources of a type by Azure ID, read once per stack: every server asks, in two rules
 * (comparing each resource around each server with every resource of its type was quadratic in servers).
 */
const indexes = new WeakMap<StackFacts, Map<string, Map<string, ResourceView[]>>>();

function secondsById(stack: StackFacts, type: string): ReadonlyMap<string, readonly ResourceView[]> {
  let types = indexes.get(stack);
  if (types === undefined) indexes.set(stack, (types = new Map()));
  let byId = types.get(type);
  if (byId === undefined) {
    byId = new Map();
    for (const resource of resourcesOfType(stack, type).filter((each) => second(each, stack))) {
      // Its names as written, and as their variables' defaults spell them (what Terraform plans unless the run sets others).
      const defaulted = withDefaults(resource, stack);
      const paths = new Set([idOf(resource, stack), defaulted === undefined ? undefined : readId(defaulted, stack)]);
      for (const path of paths) if (path !== undefined) byId.set(path, [...(byId.get(path) ?? []), resource]);
    }
    types.set(type, byId);
  }
  return byId;
}

/** The resource with each argument that is one variable's default in its place, when any is (undefined: none). */
function withDefaults(resource: ResourceView, stack: StackFacts): ResourceView | undefined {
  const defaulted = Object.entries(resource.config).flatMap(([key, value]) => {
    const texts = isUnknown(value) ? defaultedTexts(value, stack) : [];
    return texts.length === 1 ? [[key, texts[0]] as const] : [];
  });
  return defaulted.length === 0 ? undefined : { ...resource, config: { ...resource.config, ...Object.fromEntries(defaulted) } };
}

/** True when the two may be one Azure object: unless their providers name two literal subscriptions. */
function samePlace(stack: StackFacts | undefined, x: ResourceView, y: ResourceView): boolean {
  const placeOf = stack?.placeOf;
  if (placeOf === undefined) return true;
  const [first, other] = [placeOf(x).subscription, placeOf(y).subscription];
  return first === undefined || other === undefined || first === other;
}

/** For two stacks' resources whose subscriptions are not both named: how to say they are two objects. */
function unnamedSubscription(stack: StackFacts | undefined, x: ResourceView, y: ResourceView): string {
  const placeOf = stack?.placeOf;
  if (placeOf === undefined || placeOf(x).stack === placeOf(y).stack) return '';
  return ' (if the two stacks deploy to two subscriptions, name each one as a literal subscription_id on their azurerm providers)';
}

/** True when the virtual network is the one the subnet is in: by reference, or by literal group and name. */
function holds(network: ResourceView, subnet: ResourceView): boolean {
  const { virtual_network_name: name, resource_group_name: group } = subnet.config;
  if (isUnknown(name)) return name.references.includes(`${network.address}.name`);
  return sameName(name, network.config.name) && sameName(group, network.config.resource_group_name);
}
