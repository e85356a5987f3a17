import { idKey, idSegments, nameKey, sameName } from './azure-keys';
import { sourceRelation } from './data-source-aliases';
import { ANYTHING, expressionReadings } from './expression-readings';
import { isAnyText, isUnknown, Unknown } from './hcl-expression';
import { aliasedPointer, ANY_TYPE_LOOKUPS, isAliasReference } from './id-aliases';
import { withNamesRead } from './name-parents';
import type { ProviderConfiguration } from './provider-facts';
import type { ResourceView } from './stack-model';
import { HOLE, mayMeet, NETWORK_ID_SEGMENTS, parentIdPattern } from './parent-id-pattern';
import { idPattern, mayReach } from './scope-patterns';
import { splitTemplate } from './value-readers';
import { holedPattern } from '../private/literal-pattern';
import { INSTANCE_KEY } from './traversal-text';

// Which pointers known only at apply time (a variable, a template with a variable segment, a lookup by a
// name known later, another state's output) may name a network parent a construct makes (its delegated
// subnet, network security group, private DNS zone): Terraform plans a variable's default unless told
// otherwise, so beside a construct a writer under such a pointer is judged as one under the construct's
// own parent (thirteenth review, A13-3/A13-4), as later-pointers.ts does for the server.

/** The azurerm lookup that reads one parent of each kind by its names. */
const OWN_LOOKUPS: { readonly [type: string]: string } = {
  azurerm_subnet: 'azurerm_subnet',
  azurerm_network_security_group: 'azurerm_network_security_group',
  azurerm_private_dns_zone: 'azurerm_private_dns_zone',
  azurerm_private_endpoint: 'azurerm_private_endpoint_connection',
};
/** A reference to a block's attribute: data or a resource, its type, name (and index), attribute. */
const BLOCK_REFERENCE = new RegExp(String.raw`^(data\.)?([a-z0-9_]+)\.([^.[\]]+)(?:${INSTANCE_KEY})?\.(.+)$`);
/** What stands for the subscription of a parent's ID in the text matched. */
const SUBSCRIPTION_HOLE = '\u0001';

/** How a parent is named: its resource ID path below the subscription ("rg/virtualnetworks/vnet/subnets/db"), or its name. */
export type ParentName = { readonly idPath: string | undefined } | { readonly name: string | undefined };

/**
 * True when a pointer known only at apply time may name `parent`: anything but a reference to a
 * placed block (another resource, a lookup of another type, a lookup of the parent's kind whose
 * arguments are all literal: one of the construct's would have been read as the construct's), or a
 * template whose literal part cannot spell the parent's ID or name. A parent whose ID is partly known
 * only later may be named by any template whose literal start and end meet its known parts
 * (parent-id-pattern.ts); one whose name is known only later, by any. A reference to the id of a block
 * whose ID is another object's (a subnet association's: id-aliases.ts) is read as what that block
 * names, through `resources` (without them, as any: A14b-8).
 */
export function mayNameParent(written: unknown, parent: ResourceView, named: ParentName, lookups: ReadonlyMap<string, ResourceView> | undefined, resources?: ReadonlyMap<string, ResourceView>, providers?: readonly ProviderConfiguration[]): boolean {
  const pointer = ('idPath' in named ? aliasedPointer(written, (address) => resources?.get(address) ?? lookups?.get(address)) : undefined) ?? written;
  if (typeof pointer === 'string') return literalMayName(pointer, parent, 'idPath' in named);
  // An ID with a ".." segment, a percent-encoded character or a letter folded otherwise may name any parent (dot-segments.ts; run 35).
  if (isAnyText(pointer)) return true;
  if (!isUnknown(pointer)) return false;
  if (pointer.isPlainReference) return mayReferTo(pointer.references[0], parent, 'idPath' in named, lookups, providers);
  const byId = 'idPath' in named;
  const target = byId ? armId(named.idPath) : named.name === undefined ? undefined : nameKey(named.name);
  // A directive (%{if}, %{for}) chooses or repeats its text: what it spells is read as anything.
  const template = pointer.spelling;
  if (/(?<!%)%\{/.test(template)) return true;
  // An ID not all known: the literal parts it has must meet the pointer's (A14b-2).
  const pattern = byId ? parentIdPattern(parent) : undefined;
  return holedTexts(pointer, template).some((text) => (target !== undefined ? spellsText(text, target, byId) : pattern === undefined || mayMeet(keyOf(text, true), pattern)));
}

/**
 * The texts a pointer may spell, HOLE for each part known only later: its readings (expression-readings.ts), so what a provider
 * function builds of literal text (azapi build_resource_id, resource_group_resource_id, azurerm normalise_resource_id) is the ID it
 * spells, not any text (96th run, A96b-5); where a reading may be any text (a function the readers do not know over literal text),
 * the template as written, each interpolation a HOLE.
 */
function holedTexts(pointer: Unknown, template: string): string[] {
  const readings = expressionReadings(pointer, undefined) ?? [];
  if (readings.length === 0 || readings.some((reading) => reading.includes(ANYTHING))) return [splitTemplate(template, HOLE).literal];
  // A "?" segment is one known only later too (network-scopes.ts withIdsSpelled writes a subscription the model does not know so).
  return readings.map((reading) => reading.replace(/\*|(?<=^|\/)\?(?=\/|$)/g, HOLE));
}

/**
 * True when a parent's own name known only at apply time (`${var.name}-postgres-nsg`) may be the
 * literal name a child writes, ignoring case: the symmetric case, a construct's parent named by a
 * variable beside a child that names its parent by literal (fourteenth review, A14a-10). Names the
 * template reads from blocks of the stack are read as their literals.
 */
export function maySpellName(name: unknown, literal: string, resources: ReadonlyMap<string, ResourceView> | undefined): boolean {
  return isUnknown(name) && templateMaySpell(withNamesRead(name.spelling, resources), literal);
}

/** Whether a template ("${var.name}-postgres-nsg") may be the literal, ignoring case and blanks around it: each interpolation any text, a directive anything. */
export function templateMaySpell(template: string, literal: string): boolean {
  return /(?<!%)%\{/.test(template) || spells(template, nameKey(literal), false);
}

/**
 * True when a literal pointer (an ID, or a name) may name a parent some of whose names are known
 * only at apply time (the construct's name a variable): each segment the parent knows is equal,
 * ignoring case, and each it knows only later may spell the pointer's (fourteenth review, A14a-10,
 * A14b-12). A parent whose names are all literal is matched by them elsewhere.
 */
function literalMayName(pointer: string, parent: ResourceView, byId: boolean): boolean {
  const below = NETWORK_ID_SEGMENTS[parent.type];
  const wanted = byId && below !== undefined ? ['resourcegroups', parent.config.resource_group_name, 'providers', 'microsoft.network', ...below(parent.config)] : [parent.config.name];
  if (!wanted.some(isUnknown)) return false;
  const segments = idSegments(pointer);
  const written = byId ? segments.slice(2) : [pointer];
  if (byId && segments[0] !== 'subscriptions') return false;
  // An ID below the parent (a security rule of the group) acts on it too.
  if (written.length < wanted.length) return false;
  return wanted.every((segment, index) => (isUnknown(segment) ? maySpellName(segment, written[index], undefined)
    : sameName(segment, written[index])));
}

/** Whether one reference may read the parent's ID (or name). */
function mayReferTo(reference: string, parent: ResourceView, byId: boolean, lookups: ReadonlyMap<string, ResourceView> | undefined, providers: readonly ProviderConfiguration[] | undefined): boolean {
  const found = BLOCK_REFERENCE.exec(reference);
  if (found === null) return true;
  const [, data, type, name, attribute] = found;
  // Variables, locals, modules (no provider's type has no underscore): what the caller gives.
  if (data === undefined && !type.includes('_')) return true;
  if (data === undefined) {
    // A placed resource: the parent itself (or one of its kind) is placed by its reference, another type's ID is no parent; azapi writes any type.
    if (type.startsWith('azapi_')) return true;
    // The id of a block whose ID is another object's, when that block is not found: it may be any (A14b-8).
    if (byId && isAliasReference(reference)) return true;
    return !(type === parent.type || (byId && attribute === 'id'));
  }
  if (byId && isAliasReference(reference)) return true;
  if (type !== OWN_LOOKUPS[parent.type] && !ANY_TYPE_LOOKUPS.includes(type)) return !(byId && attribute === 'id');
  // A lookup of the parent's kind: by literal names it reads what they name (a construct's parent is read as it).
  const lookup = lookups?.get(`data.${type}.${name}`);
  if (lookup === undefined || Object.values(lookup.config).some(isUnknown)) return true;
  // One through a provider whose subscription may be the parent's (a variable, one side's environment) may read it; one
  // through the same provider was read as it (data-source-aliases.ts); without the stack's providers, any other may (A16b-5).
  const relation = providers === undefined ? (lookup.config.provider === parent.config.provider ? 'same' : 'maybe') : sourceRelation(type, lookup.config, parent.config, providers);
  return relation === 'maybe';
}

/** The ID Azure gives a parent of this path as its key (azure-keys.ts), its subscription left open (the provider's). */
function armId(idPath: string | undefined): string | undefined {
  if (idPath === undefined) return undefined;
  const [group, ...below] = idPath.split('/');
  return `subscriptions/${SUBSCRIPTION_HOLE}/resourcegroups/${group}/providers/microsoft.network/${below.join('/')}`;
}

/**
 * Whether a template (its interpolations any text, over any number of segments) may be `target` (a key), read as Azure reads
 * it: an ID's subscription is the provider's, any (A16a-6), and a part of it a HOLE is any one segment.
 */
export function spells(template: string, target: string, byId: boolean): boolean {
  return spellsText(splitTemplate(template, HOLE).literal, target, byId);
}

/** spells, of a template's text with a HOLE for each part known only later (mayReach's ANY, the same character). */
function spellsText(text: string, target: string, byId: boolean): boolean {
  if (byId) {
    const segments = target.split('/').map((segment, index) => (index === 1 || segment.includes(HOLE) || segment.includes(SUBSCRIPTION_HOLE) ? undefined : segment));
    return mayReach(text, idPattern(segments), 'exact');
  }
  const pattern = holedPattern(keyOf(text, byId), HOLE, '[^]*');
  return new RegExp(`^${pattern}$`).test(target);
}

/**
 * A template's text (a HOLE for each part known only later) as a key (azure-keys.ts: an ID's without its leading or trailing "/",
 * each segment a name's key), an ID's subscription a HOLE.
 */
function keyOf(text: string, byId: boolean): string {
  return byId ? idKey(text).replace(/^subscriptions\/[^/\u0000]*(?=\/)/, `subscriptions/${HOLE}`) : nameKey(text);
}
