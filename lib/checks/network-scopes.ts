import { networkRole } from '../private/privileged-roles';
import { idKey } from './azure-keys';
import { echoedArgument, echoOf } from './echoed-arguments';
import { madeBy } from './beside-construct';
import { containingScope, mayBeGroupOf, mayHoldScope, otherSubscription, spelledItemReadings } from './containing-scopes';
import { isUnknown, Unknown } from './hcl-expression';
import { mayNameParent } from './later-parents';
import { withNamesRead } from './name-parents';
import { idPath } from './network-writers';
import { fail, PASS, StackFacts, unknown, Verdict } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { splitTemplate } from './value-readers';
import { INSTANCE_KEY } from './traversal-text';

// A construct makes its server's network boundary: the delegated subnet, the subnet's network
// security group (whose rules PG-CFG-6 pins), the private endpoint (with its DNS zone group) and the
// private DNS zone. A role that can write them hands the same change to a principal outside
// Terraform, where no check runs (seventh review, A7-16; the endpoint, eighth review, A8-8).

/** The network resources the construct made for the server: its delegated subnet, the subnet's groups, its private endpoints and DNS zones. */
function constructNetwork(server: ServerView, owner: string, stack: StackFacts | undefined): ResourceView[] {
  const subnet = server.delegatedSubnet !== undefined && madeBy(server.delegatedSubnet, owner) ? [server.delegatedSubnet] : [];
  // Stryker disable next-line ArrayDeclaration: equivalent: a text in the list is no resource the construct made (it has no construct path)
  const groups = subnet.flatMap((each) => each.associations).flatMap((association) => (association.securityGroup === undefined ? [] : [association.securityGroup]));
  const endpoints = server.privateEndpoints.filter((endpoint) => madeBy(endpoint, owner));
  // The library's zones live under a construct of their own, shared by the stack's servers.
  // Stryker disable next-line ArrayDeclaration: equivalent: a text in place of the constructs covers no zone's construct path
  const zones = server.privateDnsZones.filter((zone) => (stack?.constructs ?? []).some((scope) => madeBy(zone, scope)));
  return [...subnet, ...groups.filter((group) => madeBy(group, owner)), ...endpoints, ...zones];
}

/**
 * The scopes that reach a resource, from its literal names (lower case): its resource group and its
 * path below Microsoft.Network, with what is below it; for a subnet also its virtual network exactly,
 * since a role on the VNet is on the subnet too (RBAC inherits down).
 */
function reachingPaths(resource: ResourceView, stack: StackFacts | undefined): { readonly group: string; readonly path: string; readonly orBelow: boolean }[] {
  // A name read from another block of the stack is that block's literal, as the other callers read it.
  const id = idPath(resource, stack?.resources);
  // Stryker disable next-line ArrayDeclaration: equivalent: a text in place of an entry has no group, path or orBelow, so it matches no scope
  if (id === undefined) return [];
  const [group, ...rest] = id.split('/');
  const path = rest.join('/');
  // Stryker disable next-line ConditionalExpression: equivalent: for another type the first two segments are its whole path, which the second entry covers
  if (resource.type !== 'azurerm_subnet') return [{ group, path, orBelow: true }];
  // A subnet's path is virtualnetworks/<vnet>/subnets/<name>: its VNet is the first two segments.
  return [{ group, path: rest.slice(0, 2).join('/'), orBelow: false }, { group, path, orBelow: true }];
}

/** A Microsoft.Network scope as a key (azure-keys.ts): its resource group ("?" or none for an interpolation, any group) and its path below the namespace. */
const NETWORK_SCOPE = /^(?:subscriptions\/[^/]+\/resourcegroups\/([^/]+)|\?)\/providers\/microsoft\.network\/(.+)$/;
/** A reference to an attribute of a resource of the stack (not a lookup, not azapi's, which reads any type) other than its id. */
const PLACED_ATTRIBUTE = new RegExp(String.raw`^(?!azapi_)[a-z0-9]+_[a-z0-9_]+\.[^.[\]]+(?:${INSTANCE_KEY})?\.(?!id$)[^.]+$`);
/** A reference to an attribute of a block of the stack: group 1 its type, 2 the attribute, 3 the path after it. */
const ATTRIBUTE_PATH = new RegExp(String.raw`^((?:data\.)?[a-z0-9]+_[a-z0-9_]+)\.[^.[\]]+(?:${INSTANCE_KEY})?\.([a-z][a-z0-9_]*)((?:[.[].*)?)$`);
/** How many relays a scope is followed through (a cycle or a longer chain may be anything). */
const MAX_RELAYS = 5;
/** A reference to the ID of a resource of the stack (not azapi's, which may be any). */
const PLACED_ID = new RegExp(String.raw`^(?!azapi_)[a-z0-9]+_[a-z0-9_]+\.[^.[\]]+(?:${INSTANCE_KEY})?\.id$`);
/** A reference to the ID of a resource of the stack whose ID its names spell. */
const SPELLED_REFERENCE = /^(azurerm_resource_group|azurerm_virtual_network)\.[\w-]+(?=\.id$)/;

/** The ID a reference to a resource group or virtual network of the stack spells from its literal names ("?" for one that is not). */
function spelledId(expression: string, stack: StackFacts | undefined): string | undefined {
  const found = SPELLED_REFERENCE.exec(expression.trim());
  if (found === null) return undefined;
  const config = stack?.resources?.get(found[0])?.config;
  if (typeof config?.name !== 'string') return undefined;
  const group = typeof config.resource_group_name === 'string' ? config.resource_group_name.trim() : '?';
  return found[1] === 'azurerm_resource_group' ? `/subscriptions/?/resourceGroups/${config.name.trim()}` : `/subscriptions/?/resourceGroups/${group}/providers/Microsoft.Network/virtualNetworks/${config.name.trim()}`;
}

/**
 * True when a scope is the resource or below it: a reference to its id, or an ID (literal or
 * template) of its names, where a reference to a resource group or VNet of the stack is read as its ID
 * and any other interpolation as any segment, or any resource group in front of "/providers/" (A8-1).
 */
function isAtOrBelow(resource: ResourceView, scope: unknown, stack: StackFacts | undefined): boolean {
  if (isUnknown(scope) && scope.references.includes(`${resource.address}.id`)) return true;
  // A subnet whose VNet name is read from the VNet's ID (a VNet of the stack given to the construct): a role on that VNet.
  // Of the construct's network resources, only a subnet has a virtual_network_name.
  const network = resource.config.virtual_network_name;
  if (isUnknown(scope) && scope.isPlainReference && isUnknown(network) && network.references.includes(scope.references[0])) return true;
  const text = isUnknown(scope) ? splitTemplate(scope.spelling, (expression) => spelledId(expression, stack) ?? '?').literal : scope;
  // The same names in another literal subscription are another object (A19b-9).
  if (typeof text === 'string' && otherSubscription(resource, idKey(text), stack)) return false;
  const found = typeof text === 'string' ? NETWORK_SCOPE.exec(idKey(text)) : null;
  if (found === null) return false;
  const [, group = '?', below] = found;
  return reachingPaths(resource, stack).some(({ group: own, path, orBelow }) => (group === '?' || group === own) && (below === path || (orBelow && below.startsWith(`${path}/`))));
}

/**
 * True when a scope known only in part may be the resource or its VNet (a subnet's), read as later-parents.ts reads a
 * writer's pointer to it: a name or group segment that is a variable, local or function may be any name, a reference to a
 * block's name is its literal, a whole scope known only at apply time may be any; and a literal ID may be a resource some of
 * whose names are known only later (fifteenth review, A15a-8, A15b-19). References to a resource group or VNet of the stack
 * are read as the IDs they spell first (A8-1).
 */
function mayBeAt(resource: ResourceView, scope: unknown, stack: StackFacts | undefined, depth = 0): boolean {
  // An attribute of a resource of the stack other than its id is no ID of a network resource (its id is read above).
  if (isUnknown(scope) && scope.isPlainReference) {
    // What a relay gives back (`terraform_data.t.output`, `.output.subnet`) is what it was written, judged as such (76th run, A76b-5).
    const relayed = relayedScopes(scope.references[0], stack);
    if (relayed !== undefined) return relayed === 'any' || depth >= MAX_RELAYS || relayed.some((value) => mayBeAt(resource, value, stack, depth + 1));
    if (PLACED_ATTRIBUTE.test(scope.references[0])) return false;
  }
  // A value of the stack's ID references only (a condition choosing between them) names what they name.
  if (isUnknown(scope) && scope.references.length > 0 && scope.references.every((reference) => PLACED_ID.test(reference)) && splitTemplate(scope.spelling).literal.trim() === '') return false;
  const written = isUnknown(scope) && !scope.isPlainReference ? withIdsSpelled(scope, stack) : scope;
  const named = { idPath: idPath(resource, stack?.resources) };
  if (isUnknown(scope) && typeof written === 'string' && isAtOrBelow(resource, written, stack)) return true;
  if (mayNameParent(written, resource, named, stack?.lookups, stack?.resources, stack?.providers)) return true;
  // A role on the VNet is on its subnets: the VNet's ID followed by the subnet's path may name the subnet (a scope below a subnet is read above).
  const subnet = resource.config.name;
  if (resource.type !== 'azurerm_subnet' || typeof subnet !== 'string' || (isUnknown(written) && written.isPlainReference) || /\/subnets\//i.test(String(written))) return false;
  const below = typeof written === 'string' ? `${written.trim().replace(/\/+$/, '')}/subnets/${subnet}` : isUnknown(written) ? new Unknown(`${written.spelling.trim().replace(/\/+$/, '')}/subnets/${subnet}`, written.references) : undefined;
  return below !== undefined && mayNameParent(below, resource, named, stack?.lookups, stack?.resources, stack?.providers);
}

/**
 * What the stack wrote where a reference reads (echoed-arguments.ts), for an attribute that gives back another argument of its block
 * (terraform_data's `output`) or a path into a written argument (`ip_configuration[0].subnet_id`): the values, 'any' when the checks
 * cannot read them; undefined for a plain attribute (judged as such) and for what the stack does not write (a computed ID).
 */
function relayedScopes(reference: string, stack: StackFacts | undefined): readonly unknown[] | 'any' | undefined {
  const [, type, attribute, path] = ATTRIBUTE_PATH.exec(reference) ?? [];
  if (type === undefined) return undefined;
  const relays = echoedArgument(type.replace(/^data\./, ''), attribute) !== attribute;
  if (!relays && (path === '' || !writtenAt(reference, stack))) return undefined;
  const echo = echoOf(reference, { stack });
  return echo === undefined || ('values' in echo && echo.values.length === 0) ? undefined : 'unreadable' in echo ? 'any' : echo.values;
}

/** One step of a path: `.name`, `[0]` or `["key"]`. */
const PATH_STEP = /^(?:\.([a-z_][a-z0-9_-]*)|\[\s*(\d+)\s*\]|\[\s*"([^"\\]*)"\s*\])/i;

/**
 * Whether a reference to a resource of the stack made once (no count, no for_each) reads a value its configuration writes at that path
 * (`ip_configuration[0].subnet_id`); a computed attribute inside a written block (an inline subnet's `id`) is not written.
 */
function writtenAt(reference: string, stack: StackFacts | undefined): boolean {
  const address = /^[a-z0-9]+_[a-z0-9_]+\.[^.[\]]+/.exec(reference)?.[0];
  const block = address === undefined ? undefined : stack?.resources?.get(address);
  if (block === undefined || block.config.count !== undefined || block.config.for_each !== undefined) return false;
  let value: unknown = block.config;
  for (let rest = reference.slice(address!.length); rest !== ''; ) {
    const step = PATH_STEP.exec(rest);
    if (step === null || typeof value !== 'object' || value === null || isUnknown(value)) return false;
    const [whole, name, index, key] = step;
    // HCL's JSON writes a nested block as an object or as a list of objects: `[0]` of an object is the object.
    value = index !== undefined ? (Array.isArray(value) ? value[Number(index)] : index === '0' ? value : undefined) : (value as { readonly [key: string]: unknown })[name ?? key];
    rest = rest.slice(whole.length);
  }
  return value !== undefined;
}

/** A template with each reference to a resource group or VNet of the stack written as the ID its literal names spell (a part not literal stays an interpolation). */
function withIdsSpelled(scope: Unknown, stack: StackFacts | undefined): string | Unknown {
  const text = withNamesRead(splitTemplate(scope.spelling, (expression) => spelledId(expression, stack)?.replace(/\/\?(?=\/|$)/g, '/${"?"}') ?? `\${${expression}}`).literal, stack?.resources);
  // Every interpolation read as a literal: the literal ID it spells.
  return /(?<!\$)[$%]\{/.test(text) ? new Unknown(text, scope.references) : text.replace(/\$\$\{/g, '${');
}

/**
 * The network resource the construct made for the server that a scope is (or is below), else the
 * scope above one of them that holds it (its resource group, a subscription: RBAC inherits down,
 * eighth review, A8-2), described for a message.
 */
export function constructNetworkScope(server: ServerView, scope: unknown, owner: string, stack: StackFacts | undefined): string | undefined {
  const network = constructNetwork(server, owner, stack);
  const resource = network.find((each) => isAtOrBelow(each, scope, stack));
  if (resource !== undefined) return `${resource.address}, which the library makes for the server's network`;
  for (const each of network) {
    const above = containingScope(each, scope, stack);
    // Stryker disable next-line Regex: equivalent: "its " comes first or not at all: the IDs quoted after it (groups, subscriptions, management groups) hold no blank
    if (above !== undefined) return `${above.replace(/^its /, 'the ')}, which holds ${each.address}, which the library makes for the server's network`;
  }
  const held = network.find((each) => mayBeGroupOf(each, scope, stack));
  if (held !== undefined) return `${JSON.stringify(String(scope))}, which may be the resource group of ${held.address} (its name is known only at apply time), which the library makes for the server's network`;
  // Items of a counted block spelled from their names, in a function or a choice: each ID they may be, not any (A22a-5).
  const readings = spelledItemReadings(scope, stack);
  if (readings !== undefined) {
    const read = readings.map((reading) => constructNetworkScope(server, reading, owner, stack)).find((on) => on !== undefined);
    return read === undefined ? undefined : `${JSON.stringify(String(scope))}, which may be ${read}`;
  }
  const maybe = network.find((each) => mayBeAt(each, scope, stack));
  if (maybe !== undefined) return `${JSON.stringify(String(scope))}, which may be ${maybe.address} (a part of one of them is known only at apply time), which the library makes for the server's network`;
  // Whatever number of segments an interpolation covers (A16a-6).
  const spelled = network.map((each) => ({ each, on: mayHoldScope(each, scope, stack) })).find(({ on }) => on !== undefined);
  return spelled === undefined ? undefined : `${spelled.on}: ${spelled.each.address}, which the library makes for the server's network`;
}

/**
 * A role assignment on a network resource of the construct's: a role that can rewrite it fails, one
 * known only at apply time is unknown. The subject is the role's, as on the server.
 */
export function judgeNetworkAssignment(assignment: ResourceView, on: string, subjectOf: (role: string) => string): Verdict {
  const { config, address } = assignment;
  const hidden = ['role_definition_name', 'role_definition_id'].find((attribute) => isUnknown(config[attribute]));
  if (hidden) return unknown(`the role of ${address} (${hidden}) is known only at apply time, and may be one that rewrites ${on}`, address);
  const name = typeof config.role_definition_name === 'string' ? config.role_definition_name.trim() : undefined;
  const id = typeof config.role_definition_id === 'string' ? config.role_definition_id.trim() : undefined;
  const role = networkRole(name, id);
  if (role === undefined) return PASS;
  return fail(`${address} grants ${role.name} on ${on}: its holder can rewrite who reaches the server or where its name resolves (network rules, the subnet's security group, DNS records), outside Terraform, with no justification.`, address, subjectOf(role.name));
}
