import { idSegments, nameKey } from './azure-keys';
import { atOrBelow, azapiSecurityGroups, azapiTarget, azapiWriters, readAzapiNetwork } from './azapi-network';
import { azapiType } from './azapi-writes';
import { resourcesOfType } from './beside-construct';
import { blocksKnownLater } from './dynamic-blocks';
import { isUnknown, Unknown } from './hcl-expression';
import { referencedName, resolvedGroup } from './name-parents';
import { StackFacts } from './rule';
import { asList, ResourceView, SecurityGroupView, TerraformBlock } from './stack-model';
import { afterWrite } from './live-patch';
import { literalString } from './value-readers';
import { isAdopted } from './stack-created';

// A network security group the stack does not define but associates with a server's delegated subnet (given to a
// construct by ID, or associated by the stack with a subnet it was given) is still the only filter on that subnet, and
// every rule the stack itself writes into it is a rule of the subnet: judged as the rules of a group of the stack are
// (sixteenth review, A16a-13, A16b-3). Every writer of a rule is read into one shape, azurerm's security rule: an
// azurerm_network_security_rule by the group's names (literal, or read from a lookup of the group), an azapi rule below
// the group's ID, an azapi update or PUT of the group with its securityRules (azapi bodies through azapi-network.ts).
// What cannot be read (a body, a type known only at apply time, another type below the group, a DELETE) is a rule that
// may open anything. When the group cannot be known (a pointer known only at apply time, or a given subnet the stack associates
// with none), every rule the stack writes into a group it does not define may be in it. A group block an import adopts (or a moved
// block hands over) is no group the stack defines: it is the live group its names name, whose every rule its own (authoritative)
// rules replace (93rd run, A93b-4).

const SECURITY_GROUP = 'azurerm_network_security_group';
const SECURITY_RULE = 'azurerm_network_security_rule';
const GROUP_TYPE = 'microsoft.network/networksecuritygroups';
const RULE_TYPE = `${GROUP_TYPE}/securityrules`;
/** The attributes a security rule is judged by: each known only at apply time in a rule that cannot be read. */
const RULE_ATTRIBUTES = ['direction', 'access', 'protocol', 'destination_port_range', 'source_address_prefix', 'destination_address_prefix'];
/** The attributes with a plural form: writing either one writes the property (Azure keeps one of the two). */
const PLURALS: { readonly [attribute: string]: string } = { destination_port_range: 'destination_port_ranges', source_address_prefix: 'source_address_prefixes', destination_address_prefix: 'destination_address_prefixes' };

/** A group the stack writes into but does not define, with what to call it in a message. */
export interface GivenGroupView extends SecurityGroupView {
  readonly label: string;
}

/**
 * Where a rule or write goes: into a group of the stack, into no group (a literal ID of another object), at or below the
 * pointer's own expression, or into a group of these names (either known only at apply time when missing).
 */
type Place = 'stack' | 'elsewhere' | 'pointer' | { readonly group?: string; readonly name?: string };

/** "<resource group>/<name>" (lower case) of a literal ID of a group or of an object below it. */
function literalKey(id: string): string | undefined {
  const parts = idSegments(id);
  const found = parts[2] === 'resourcegroups' && parts[4] === 'providers' && parts[5] === 'microsoft.network' && parts[6] === 'networksecuritygroups' && parts[7] !== undefined;
  return found ? `${parts[3]}/${parts[7]}` : undefined;
}

/** A lookup of a group (data.azurerm_network_security_group) of literal names, read by a plain reference to its `attribute`. */
function lookedUp(pointer: unknown, attribute: string, stack: StackFacts | undefined): ResourceView | undefined {
  if (!isUnknown(pointer) || !pointer.isPlainReference) return undefined;
  const found = new RegExp(`^(data\\.${SECURITY_GROUP}\\.[^.[\\]]+)\\.${attribute}$`).exec(pointer.references[0]);
  return found === null ? undefined : stack?.lookups?.get(found[1]);
}

/** The key of a group pointer: a literal ID, or a lookup of literal names; undefined when known only at apply time. */
function pointerKey(pointer: unknown, stack: StackFacts | undefined): string | undefined {
  if (typeof pointer === 'string') return literalKey(pointer);
  const lookup = lookedUp(pointer, 'id', stack);
  const [group, name] = [lookup?.config.resource_group_name, lookup?.config.name];
  return typeof group === 'string' && typeof name === 'string' ? `${nameKey(group)}/${nameKey(name)}` : undefined;
}

/** The keys of the groups the stack defines (azurerm, or written by azapi_resource), and their addresses; an adopted group is no new one. */
function stackGroups(stack: StackFacts | undefined): { readonly keys: ReadonlySet<string>; readonly addresses: readonly string[] } {
  const groups = [...resourcesOfType(stack, SECURITY_GROUP), ...azapiSecurityGroups(resourcesOfType(stack, 'azapi_resource'))].filter((group) => !isAdopted(group.address, stack));
  const keys = groups.flatMap((group) => {
    const [resourceGroup, name] = [resolvedGroup(group.config.resource_group_name, stack?.resources), group.config.name];
    return resourceGroup !== undefined && typeof name === 'string' ? [`${resourceGroup}/${nameKey(name)}`] : [];
  });
  return { keys: new Set(keys), addresses: groups.map((group) => group.address) };
}

/** Where an azurerm rule goes, by its group's names: literal, a lookup's, or a reference to a group of the stack. */
function rulePlace(rule: ResourceView, stack: StackFacts | undefined, groups: ReturnType<typeof stackGroups>): Place {
  const pointer = rule.config.network_security_group_name;
  if (isUnknown(pointer) && groups.addresses.some((address) => pointer.references.includes(`${address}.name`))) return 'stack';
  const lookup = lookedUp(pointer, 'name', stack);
  const name = typeof pointer === 'string' ? pointer : referencedName(pointer, stack?.resources) ?? (typeof lookup?.config.name === 'string' ? lookup.config.name : undefined);
  const group = lookup !== undefined && typeof lookup.config.resource_group_name === 'string' ? nameKey(lookup.config.resource_group_name) : resolvedGroup(rule.config.resource_group_name, stack?.resources);
  return placeOf(group, name === undefined ? undefined : nameKey(name), groups);
}

/** Where an azurerm group's own names put it: its literal names, or those read from the stack's blocks. */
function groupPlace(group: ResourceView, stack: StackFacts | undefined, groups: ReturnType<typeof stackGroups>): Place {
  const name = typeof group.config.name === 'string' ? group.config.name : referencedName(group.config.name, stack?.resources);
  return placeOf(resolvedGroup(group.config.resource_group_name, stack?.resources), name === undefined ? undefined : nameKey(name), groups);
}

/**
 * The inline rules of an azurerm group, each in a separate rule's shape under the group's address; one unread rule when they are
 * dynamic blocks or an expression. None when it writes no `security_rule`: azurerm then keeps the live group's rules (the
 * argument is optional and computed); an empty list deletes them all, as an azapi PUT of an empty securityRules does.
 */
function inlineRules(group: ResourceView): ResourceView[] {
  if (blocksKnownLater(group.config, 'security_rule')) return [unread(group, `the security_rule blocks of ${group.address}`)];
  return asList(group.config.security_rule).map((rule) => ({ ...group, config: rule }));
}

/** A group's place by its names: a group of the stack when both are known and name one. */
function placeOf(group: string | undefined, name: string | undefined, groups: ReturnType<typeof stackGroups>): Place {
  return group !== undefined && name !== undefined && groups.keys.has(`${group}/${name}`) ? 'stack' : { group, name };
}

/** Where an azapi write goes, by the ID it writes: at or below the pointer's expression, a literal ID, a group of the stack, or a group known only later. */
function writePlace(block: ResourceView, pointer: unknown, stack: StackFacts | undefined, groups: ReturnType<typeof stackGroups>): Place {
  const target = azapiTarget(block);
  if (pointer !== undefined && isUnknown(pointer) && (atOrBelow(target, pointer) || atOrBelow(block.config.parent_id, pointer))) return 'pointer';
  const literal = typeof target === 'string' ? target : typeof block.config.parent_id === 'string' ? block.config.parent_id : undefined;
  if (literal !== undefined) {
    // A literal ID (or parent) says where the write goes: into a group, or into no group at all.
    const key = literalKey(literal);
    return key === undefined ? 'elsewhere' : placeOf(...(key.split('/') as [string, string]), groups);
  }
  const mentioned = isUnknown(target) ? target.references : [];
  if (groups.addresses.some((address) => mentioned.some((reference) => reference.startsWith(`${address}.`)))) return 'stack';
  const key = pointerKey(isUnknown(target) && target.isPlainReference ? target : block.config.parent_id, stack);
  return key === undefined ? {} : placeOf(...(key.split('/') as [string, string]), groups);
}

/** The addresses of security rules a removed block destroys (destroy true or not set: import-targets.ts removedTargets). */
function removedRules(stack: StackFacts | undefined): string[] {
  return (stack?.removals ?? []).filter((from) => from.split('.').slice(-2)[0] === SECURITY_RULE);
}

/** A rule that cannot be read: every attribute it is judged by known only at apply time. */
function unread(block: ResourceView, why: string): ResourceView {
  return { ...block, config: Object.fromEntries(RULE_ATTRIBUTES.map((attribute) => [attribute, new Unknown(why, [])])) };
}

/** The judged attributes of a rule, each with its plural: a partial write leaves the live rule's where it writes neither. */
const JUDGED = RULE_ATTRIBUTES.map((attribute) => (PLURALS[attribute] === undefined ? attribute : [attribute, PLURALS[attribute]]));

/**
 * The rules an azapi write puts into a group, each in azurerm's shape under the write's address; one unread rule when its
 * body cannot be read. A partial write (an update, a PATCH) of a rule, or of the group's list (azapi merges each item over a
 * live rule, by name or index), leaves the live rule's attributes where it writes none (live-patch.ts; A17a-2, A18b-1).
 */
function azapiRules(block: ResourceView): ResourceView[] {
  const type = azapiType(block);
  const read = type === RULE_TYPE || type === GROUP_TYPE ? readAzapiNetwork(block) : undefined;
  if (read === undefined) return [unread(block, `what ${block.address} writes into the group`)];
  const rule = (written: unknown) => ({ ...block, config: afterWrite(block, written as TerraformBlock, JUDGED, 'the existing rule') });
  if (type === RULE_TYPE) return [rule(read)];
  const rules = read.security_rule;
  return Array.isArray(rules) ? rules.map(rule) : [unread(block, `the security rules of ${block.address}`)];
}

/**
 * Whether an azapi write may write rules into a group: a rule or a group (not a group azapi_resource defines: a group of the stack,
 * unless an import or a moved block adopts it), or a type not read as a literal or below a group.
 */
function mayWriteRules(block: ResourceView, stack: StackFacts | undefined): boolean {
  const type = azapiType(block);
  if (type === GROUP_TYPE) return block.type !== 'azapi_resource' || isAdopted(block.address, stack);
  return type === undefined || type === RULE_TYPE || type.startsWith(`${GROUP_TYPE}/`);
}

/** Whether a place is the group: its key, or the pointer's own expression; 'may' when a name it is told by is unknown. */
function isIn(place: Place, key: string | undefined): boolean | 'may' {
  if (place === 'stack' || place === 'elsewhere') return false;
  if (place === 'pointer') return true;
  const [group, name] = key?.split('/') ?? [];
  if ((place.group !== undefined && group !== undefined && place.group !== group) || (place.name !== undefined && name !== undefined && place.name !== name)) return false;
  return key !== undefined && place.group !== undefined && place.name !== undefined ? true : 'may';
}

/**
 * The rules azapi writes at or below a reference to a group of the stack (an association's pointer), in azurerm's shape:
 * a group of the stack holds them as its separate rules, read as a given group's are (a partial update merged, A17a-2).
 */
export function azapiRulesAt(pointer: unknown, stack: StackFacts | undefined): ResourceView[] {
  if (!isUnknown(pointer)) return [];
  const at = (block: ResourceView) => atOrBelow(azapiTarget(block), pointer) || atOrBelow(block.config.parent_id, pointer);
  const deletes = resourcesOfType(stack, 'azapi_resource_action').filter((block) => mayWriteRules(block, stack) && at(block) && literalString(block.config.method)?.trim().toLowerCase() === 'delete');
  return [...azapiWriters(stack).filter((block) => mayWriteRules(block, stack) && at(block)).flatMap(azapiRules), ...deletes.map((block) => unread(block, `what ${block.address} deletes from the group`))];
}

/**
 * The group a pointer names (an association's network_security_group_id that names no group of the stack), with the
 * rules the stack writes into it for sure and those that may be in it; undefined pointer: the group of a subnet the
 * stack associates with none, which may be any group the stack does not define.
 */
export function givenGroup(pointer: unknown, address: string, label: string, stack: StackFacts | undefined): GivenGroupView {
  const key = pointer === undefined ? undefined : pointerKey(pointer, stack);
  const groups = stackGroups(stack);
  const separateRules: ResourceView[] = [];
  const possibleRules: ResourceView[] = [];
  const file = (rules: readonly ResourceView[], place: Place) => {
    const inside = isIn(place, key);
    if (inside === true) separateRules.push(...rules);
    if (inside === 'may') possibleRules.push(...rules);
  };
  resourcesOfType(stack, SECURITY_RULE).forEach((rule) => file([rule], rulePlace(rule, stack, groups)));
  // An azurerm group an import adopts (or a moved block hands over) writes its inline rules into the live group its names name (A93b-4).
  resourcesOfType(stack, SECURITY_GROUP).filter((group) => isAdopted(group.address, stack)).forEach((group) => file(inlineRules(group), groupPlace(group, stack, groups)));
  azapiWriters(stack).filter((block) => mayWriteRules(block, stack)).forEach((block) => {
    file(azapiRules(block), writePlace(block, pointer, stack, groups));
  });
  // A DELETE of a rule (a deny rule that held PostgreSQL out) or of the group cannot be judged by what it writes.
  resourcesOfType(stack, 'azapi_resource_action').filter((block) => mayWriteRules(block, stack) && literalString(block.config.method)?.trim().toLowerCase() === 'delete')
    .forEach((block) => file([unread(block, `what ${block.address} deletes from the group`)], writePlace(block, pointer, stack, groups)));
  // A removed block that destroys a rule the stack managed deletes it as that DELETE does; which group held it is no longer written (A25b-5).
  removedRules(stack).forEach((from) => file([unread({ type: 'removed', name: from, address: `removed.${from}`, config: {}, certain: true }, `what removed.${from} deletes from a group`)], {}));
  const [resourceGroup, name] = key?.split('/') ?? [];
  const config: TerraformBlock = key === undefined ? {} : { name, resource_group_name: resourceGroup };
  return { type: SECURITY_GROUP, name: address.split('.').slice(1).join('.'), address, config, certain: true, label, separateRules, possibleRules };
}
