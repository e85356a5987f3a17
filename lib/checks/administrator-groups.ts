import { ownValue } from '../private/own-keys';
import { judgedMembership } from './administrator-memberships';
import { blockOf, readsAttribute } from './attribute-reads';
import { resourcesOfType } from './beside-construct';
import { guidKey } from './directory-pointers';
import { REQUEST_WRITER } from './http-requests';
import { isUnknown, Unknown } from './hcl-expression';
import { administratorNames, adoptedGroup, laterGroupPointer, mayBeGroupLater, sameId } from './later-groups';
import { StackFacts } from './rule';
import { azureadGroupSettings, membershipOpenings } from './open-groups';
import { mayBeKind } from './policy-scope';
import { principalWriters } from './principal-writers';
import { mentionsIn } from './server-mentions';
import { ResourceView } from './stack-model';

// An Entra administrator that is a group makes every member of the group a server administrator
// (azure_pg_admin), and every owner of the group can add members: what a stack writes into such a
// group is what it adds to the server's administrators.

/** A resource of the stack that adds members or owners to an administrator group, and whom. */
export interface GroupAddition {
  readonly resource: ResourceView;
  /** The administrator resource whose group it writes into. */
  readonly administrator: ResourceView;
  /** What it does to the group, as the message shows it: 'adds the member "<id>" to', 'lists the members of'. */
  readonly action: string;
  /** How it names a group known only at apply time that may be the administrator's ('group_object_id "${var.g}"'); undefined when it names the group. */
  readonly laterPointer?: string;
  /** True when what is known only at apply time is the administrator's own object ID, the pointer being a literal. */
  readonly administratorLater?: boolean;
  /** True when the pointer names a group by an alternate key (uniqueName), which cannot be compared with its object ID. */
  readonly alternateKey?: boolean;
}

/** The resource (or data source) an expression reads, "azuread_group.admins" or "data.azuread_group.admins". */
const ENTITY = /^((?:data\.)?[a-z0-9_]+\.[^.[\]]+)/;

/** The literal texts of a list argument, or undefined when it is not a literal list of texts. */
function literalTexts(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value.map((item: string) => item.trim().toLowerCase()) : undefined;
}

/**
 * True when a data.azuread_groups lookup may return the administrator's group: it returns every
 * group, or looks groups up by its object ID, by its display name or by a prefix of it, or by
 * arguments known only later (seventh review, A7-17). Its `object_ids[<index>]` is the group of the
 * display name or object ID at that index (the provider keeps their order): only that one is read,
 * and one known only later may be the group.
 */
function mayReturnGroup(lookup: ResourceView, administrator: ResourceView, index: number | undefined): boolean {
  const { display_names: names, object_ids: ids, display_name_prefix: prefix, return_all: all } = lookup.config;
  const id = administrator.config.object_id;
  const displayNames = administratorNames(administrator);
  const isGroupName = (name: string) => displayNames.length === 0 || displayNames.includes(name);
  const isGroupId = (each: string) => typeof id !== 'string' || each === id.trim().toLowerCase();
  if (all !== undefined && all !== false && all !== 'false') return true;
  if (names !== undefined) return listMayHold(names, index, isGroupName);
  if (ids !== undefined) return listMayHold(ids, index, isGroupId);
  if (prefix !== undefined) return typeof prefix !== 'string' || displayNames.length === 0 || displayNames.some((name) => name.startsWith(prefix.trim().toLowerCase()));
  return true;
}

/** True when a lookup's list argument, or its item at the index read, may name the group; what is known only later may. */
function listMayHold(list: unknown, index: number | undefined, names: (text: string) => boolean): boolean {
  const item = index !== undefined && Array.isArray(list) && index < list.length ? (list as unknown[])[index] : undefined;
  if (item !== undefined) return typeof item !== 'string' || names(item.trim().toLowerCase());
  return literalTexts(list)?.some(names) ?? true;
}

/** The index a reference reads of a plural lookup's object IDs ("data.azuread_groups.g.object_ids[1]"). */
const OBJECT_ID_INDEX = /^data\.azuread_groups\.[^.[\]]+\.object_ids\[(\d+)\]$/;

/** True when a reference reads the administrator's group: the object its object_id reads, or a plural lookup that may return it. */
function readsGroup(administrator: ResourceView, reference: string, stack: StackFacts | undefined): boolean {
  const entity = ENTITY.exec(reference)?.[1];
  const id = administrator.config.object_id;
  if (entity === undefined) return false;
  if (isUnknown(id) && id.references.some((own) => ENTITY.exec(own)?.[1] === entity)) return true;
  const lookup = entity.startsWith('data.azuread_groups.') ? stack?.resources?.get(entity) : undefined;
  const index = OBJECT_ID_INDEX.exec(reference)?.[1];
  return lookup !== undefined && mayReturnGroup(lookup, administrator, index === undefined ? undefined : Number(index));
}

/** True when a value names the administrator's group: its literal object ID, or a reference that reads the group. */
function namesGroup(administrator: ResourceView, value: unknown, stack: StackFacts | undefined): boolean {
  const id = administrator.config.object_id;
  if (typeof value === 'string') return typeof id === 'string' && id.trim().toLowerCase() === value.trim().toLowerCase();
  return isUnknown(value) && value.references.some((reference) => readsGroup(administrator, reference, stack));
}

/** The kind of principal each Entra lookup returns, as an administrator's principal_type says it (lower case). */
const LOOKED_UP_KINDS: { readonly [type: string]: string } = {
  azuread_user: 'user', azuread_users: 'user', azuread_group: 'group', azuread_groups: 'group', azuread_service_principal: 'serviceprincipal', azuread_service_principals: 'serviceprincipal',
};
/** The type of the lookup a reference reads ("azuread_user" of "data.azuread_user.l.id"). */
const LOOKUP = /^data\.([a-z0-9_]+)\.[^.[\]]+/;
/** A reference that reads a lookup's object ID: `.id`, `.object_id`, `.object_ids[0]`, `.users[0].object_id`. */
const OBJECT_ID_READ = /\.(?:id|object_ids?)(?:\[[^\]]*\])?$/;
/** Choices followed into choices (a conditional over for_each items), at most; deeper ones are not read as the administrator. */
const MAX_CHOICES = 8;

/**
 * The one answer to "is this value the administrator's principal?" that every administrator reader asks (29th run, A29a-1, A29a-3):
 * its literal object ID in any spelling Entra reads as it; a reference to the administrator block's object_id, or one that reads the block
 * or lookup its object_id reads; a reference
 * to an Entra lookup of its kind that may return it (the azuread lookups set `id` to the object ID; by its object ID, its user
 * principal name or display name in any case, or by an argument the checks do not compare with it, `mail`, `mail_nickname`, a value
 * known only at apply time: later-groups.ts reads the lookup; 28th run, A28a-1..3); a value the evaluator knows the choices of (a
 * `for_each` item or key, `count.index`'s pick from a list, a conditional, `upper(each.value)`), when one of them is, or a list
 * that holds it. A lookup by another literal name or ID is another; a value known only at apply time without choices is not
 * (mayNameObject adds those).
 */
export function namesObject(administrator: ResourceView, value: unknown, stack: StackFacts | undefined, depth = 0): boolean {
  if (namesGroup(administrator, value, stack)) return true;
  const id = administrator.config.object_id;
  if (typeof value === 'string') return typeof id === 'string' && sameId(id, value);
  if (Array.isArray(value)) return depth < MAX_CHOICES && value.some((item) => namesObject(administrator, item, stack, depth + 1));
  if (!isUnknown(value)) return false;
  if (value.choices !== undefined && value.choices.length > 0) return depth < MAX_CHOICES && value.choices.some((choice) => namesObject(administrator, choice, stack, depth + 1));
  // The administrator block's own object_id is the principal's object ID (32nd run, A32b-1 follow-up).
  if (value.isPlainReference && value.references[0].endsWith('.object_id') && readsAttribute(value.references[0], administrator.address, ['object_id'])) return true;
  const type = value.isPlainReference ? LOOKUP.exec(value.references[0])?.[1] : undefined;
  // Only a lookup's object ID (the azuread lookups' `id` is it): its client ID or display name is no principal's object ID.
  if (type !== undefined && !OBJECT_ID_READ.test(value.references[0])) return false;
  const kind = type === undefined ? undefined : ownValue(LOOKED_UP_KINDS, type);
  return kind !== undefined && mayBeKind(administrator, [kind]) && mayBeGroupLater(administrator, value, stack);
}

/**
 * Whether a value's content is a constant the checks cannot compute: a value known only at apply time that reads nothing (no variable,
 * block, local or iterator whose value is elsewhere), with no choices the evaluator knows (`base64decode("...")`, `jsondecode`, `substr`,
 * `regex`, a heredoc, `file("admin.txt")`), or a value whose choices or items hold one (30th run, A30a-1). Nothing proves it another
 * principal, so every reader that asks namesObject reads it as one that may be the administrator (fails closed, worded "may"). A value
 * that reads a variable, another state or an input is not read here: members from variables are a documented gap.
 */
export function isUnreadConstant(value: unknown, administrator?: ResourceView, stack?: StackFacts, depth = 0): boolean {
  if (depth >= MAX_CHOICES) return false;
  if (Array.isArray(value)) return value.some((item) => isUnreadConstant(item, administrator, stack, depth + 1));
  if (!isUnknown(value)) return false;
  if (value.choices !== undefined && value.choices.length > 0) return value.choices.some((choice) => isUnreadConstant(choice, administrator, stack, depth + 1));
  return value.references.length === 0 || (administrator !== undefined && writesAdministratorId(administrator, value, stack));
}

/**
 * Whether an expression the evaluator could not read (`concat(var.extra, ["<id>"])`, `setunion`, `merge`, `lookup`, `replace`, an item of
 * one, a `for` with more unknown filters than it reads, over an unknown collection or with an unknown key) may be the administrator,
 * whatever its variables hold: its text as written holds the administrator's object ID in any spelling PG-CFG-8's net reads
 * (mentionsAdministrator's texts: any case, hyphens or none, braces, escapes undone; 31st run, A31a-1), or a part the evaluator read
 * inside it does (partNamesObject: a local's value, a constant call's result such as `join("", [...])`, a list or object item, a
 * reference to the administrator's block or a lookup of its kind; 32nd run, A32b-1). A variable alone holds no ID: the documented gap.
 */
export function writesAdministratorId(administrator: ResourceView, value: unknown, stack: StackFacts | undefined): boolean {
  if (!isUnknown(value) || (value.choices !== undefined && value.choices.length > 0)) return false;
  return textsHoldId(mentionsIn(value).texts, administratorIds(administrator, stack)) || (value.parts ?? []).some((part) => partNamesObject(administrator, part, stack, new Set(), 0));
}

/** Parts followed inside one another, at most; a deeper one may be the administrator (fails closed: no configuration nests so deep). */
const MAX_PARTS = 64;

/**
 * Whether a part the evaluator read inside an expression it could not finish may be the administrator: a text holding its object ID in any
 * spelling (as the written text is read), namesObject's answer (a reference to its block or a lookup of its kind, a choice that is), or an item, attribute, choice,
 * encoded value or part of its own that is, at any depth (each value once: locals shared by many parts are read once).
 */
function partNamesObject(administrator: ResourceView, value: unknown, stack: StackFacts | undefined, seen: Set<object>, depth: number): boolean {
  if (depth > MAX_PARTS) return true;
  // A text computed inside (`"t/${local.admin}"`) is read as the written text is: the ID in any spelling anywhere in it.
  if (typeof value === 'string') return textsHoldId([value], administratorIds(administrator, stack));
  if (value === null || typeof value !== 'object') return false;
  if (seen.has(value)) return false;
  seen.add(value);
  const inner = (each: unknown) => partNamesObject(administrator, each, stack, seen, depth + 1);
  if (Array.isArray(value)) return value.some(inner);
  if (!isUnknown(value)) return Object.values(value).some(inner);
  if (namesObject(administrator, value, stack)) return true;
  // A part that reads nothing and that the evaluator could not compute (`file("admin.txt")`, `base64decode(...)`) may be it, as such a
  // whole value is (isUnreadConstant; 32nd run, A32a-1).
  if (value.references.length === 0 && (value.choices === undefined || value.choices.length === 0)) return true;
  return [...(value.choices ?? []), ...(value.parts ?? []), ...(value.encodes === undefined ? [] : [value.encodes]), ...Object.values(value.partly ?? {})].some(inner);
}

/** Whether a value names the administrator's principal (its literal ID, a reference that reads it) or may (known only at apply time). */
export function mayNameObject(administrator: ResourceView, value: unknown, stack: StackFacts | undefined): boolean {
  return namesObject(administrator, value, stack) || mayBeGroupLater(administrator, value, stack);
}

/** An administrator whose principal may be a group: its type says Group, or it does not say (Single Server, an expression). */
export function mayBeGroup(administrator: ResourceView): boolean {
  const type = administrator.config.principal_type;
  return typeof type !== 'string' || type.trim().toLowerCase() === 'group';
}

/** The azuread types that make (or, through an import block, adopt) a group and list its members or owners. */
export const GROUP_TYPES = ['azuread_group', 'azuread_group_without_members'];

/**
 * The memberships the stack writes into the groups of the given administrators: azuread_group_member
 * resources of the group, and the members and owners of the azuread_group resource an administrator reads.
 */
export function groupAdditions(administrators: readonly ResourceView[], stack: StackFacts | undefined): GroupAddition[] {
  const groups = administrators.filter(mayBeGroup);
  if (groups.length === 0) return [];
  const members = resourcesOfType(stack, 'azuread_group_member').flatMap((resource): GroupAddition[] => {
    const action = `adds the member ${JSON.stringify(resource.config.member_object_id ?? null)} to`;
    // The group for sure by its ID or the block it reads; a lookup (names are not unique) or an iterator's items that may hold it, below as may.
    const administrator = groups.find((group) => namesGroup(group, resource.config.group_object_id, stack));
    if (administrator !== undefined) return [{ resource, administrator, action }];
    // A group the model cannot read may be the administrator group (fourteenth review, A14a-8).
    const later = groups.find((group) => mayBeGroupLater(group, resource.config.group_object_id, stack));
    if (later === undefined) return [];
    return [{ resource, administrator: later, action, laterPointer: laterGroupPointer(later, resource, stack)?.text, administratorLater: typeof resource.config.group_object_id === 'string' }];
  });
  const others = directoryWriters(stack).flatMap((resource): GroupAddition[] => {
    const action = `may change the members or owners (through ${resource.type}, a type no rule reads) of`;
    // The administrator group added to another group changes no member of it: administrator-memberships.ts judges that.
    if (judgedMembership(resource, administrators, stack)) return [];
    const administrator = groups.find((group) => mentionsGroup(group, resource, stack));
    if (administrator !== undefined) return [{ resource, administrator, action }];
    // A pointer the checks cannot read as another group, in every writer's form: an argument, a Graph or REST path or body field (A17b-4).
    for (const group of groups) {
      const pointer = laterGroupPointer(group, resource, stack);
      if (pointer === undefined) continue;
      // A literal ID that is the administrator's literal one in another spelling (no hyphens, braces) names the group.
      if (pointer.literal && !pointer.alternateKey && typeof group.config.object_id === 'string') return [{ resource, administrator: group, action }];
      return [{ resource, administrator: group, action, laterPointer: pointer.text, administratorLater: pointer.literal, alternateKey: pointer.alternateKey }];
    }
    return [];
  });
  // A group without members (azuread 3.1) still lists its owners, who may add members.
  const inline = GROUP_TYPES.flatMap((type) => resourcesOfType(stack, type)).flatMap((resource): GroupAddition[] => {
    const administrator = groups.find((group) => readsOwnBlock(group, resource));
    const listed = ['members', 'owners'].filter((attribute) => resource.config[attribute] !== undefined && !(Array.isArray(resource.config[attribute]) && (resource.config[attribute] as unknown[]).length === 0));
    const action = actionOf(listed, membershipOpenings(azureadGroupSettings(resource.config)));
    if (action === undefined) return [];
    if (administrator !== undefined) return [{ resource, administrator, action }];
    // A group resource an import block adopts is the existing group it names: it may be the administrator's (A14a-8).
    const adopted = groups.map((group) => ({ group, import: adoptedGroup(group, resource, stack) })).find((each) => each.import !== undefined);
    return adopted === undefined ? [] : [{ resource, administrator: adopted.group, action, laterPointer: adopted.import?.laterPointer }];
  });
  // A group a Graph or REST write makes ("POST groups") is judged by the same settings, its body's fields; an administrator group
  // another Graph or REST block makes, whose settings the checks do not read, may be open (A19a-10).
  const posted = directoryWriters(stack).filter((resource) => REQUEST_WRITER.test(resource.type)).flatMap((resource): GroupAddition[] => {
    const administrator = groups.find((group) => readsOwnBlock(group, resource));
    if (administrator === undefined) return [];
    // The one table of principal writers reads its body in the azuread shape (principal-writers.ts, A21a-6).
    const made = principalWriters(stack).get(resource.address);
    const fields = made?.kind === 'group' && !isUnknown(made.fields) ? made.fields : undefined;
    const bound = fields === undefined ? [] : ['members', 'owners'].filter((kind) => isListed(fields[kind]));
    const action = fields === undefined ? 'makes, by a request whose body is known only at apply time or is not read as a new group\'s, the members, owners and who may join of' : actionOf(bound, membershipOpenings(azureadGroupSettings(fields)));
    return action === undefined ? [] : [{ resource, administrator, action }];
  });
  return [...members, ...inline, ...posted, ...others].sort((x, y) => (x.resource.address < y.resource.address ? -1 : 1));
}

/** How the message says what a group's own block does to its membership: the members and owners it lists, the settings that open it. */
function actionOf(listed: readonly string[], openings: readonly string[]): string | undefined {
  const parts = [...(listed.length === 0 ? [] : [`lists the ${listed.join(' and ')}`]), ...openings];
  return parts.length === 0 ? undefined : `${parts.join(', and ')} of`;
}

/** Whether the administrator's object ID reads the block (the group it makes). */
function readsOwnBlock(administrator: ResourceView, resource: ResourceView): boolean {
  const id = administrator.config.object_id;
  return isUnknown(id) && id.references.some((reference) => ENTITY.exec(reference)?.[1] === resource.address);
}

/** Whether a list of members or owners is written: not absent, null, empty text or an empty list. */
function isListed(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/**
 * Types that write Entra ID objects: Microsoft's Graph provider, the azuread provider, REST API writers, and the generic HTTP-request
 * types (graph-urls.ts HTTP_REQUESTS: restful, terracurl) that may send to Graph (A28b-1).
 */
export const DIRECTORY_WRITER = new RegExp(`^azuread_|${REQUEST_WRITER.source}`);
/** The writer types other than azuread's, whose requests graph-urls.ts reads (graphWrites): the one list, in http-requests.ts. */
export { REQUEST_WRITER };
/**
 * azuread types read above (azuread_group_member, GROUP_TYPES), or that name the group without a way to
 * change its members: a role given to it (eighth review, A8-7); a Conditional Access policy and a PIM activation
 * policy, read by administrator-policies.ts (they pass only when read as hardening it, A19a-9). PIM eligibility
 * schedules and access packages do add members: not here.
 */
export const READ_OR_GRANTEE = new Set(['azuread_group_member', ...GROUP_TYPES, 'azuread_app_role_assignment', 'azuread_conditional_access_policy', 'azuread_group_role_management_policy']);

const writersOf = new WeakMap<ReadonlyMap<string, ResourceView>, readonly ResourceView[]>();

/** The stack's resources of a type that writes Entra ID objects and that no rule reads, once per stack (every server asks). */
export function directoryWriters(stack: StackFacts | undefined): readonly ResourceView[] {
  const resources = stack?.resources;
  if (resources === undefined) return [];
  let writers = writersOf.get(resources);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (writers === undefined) {
    writers = [...resources.values()].filter((resource) => DIRECTORY_WRITER.test(resource.type) && !READ_OR_GRANTEE.has(resource.type) && resource.address.startsWith(`${resource.type}.`));
    writersOf.set(resources, writers);
  }
  return writers;
}

/** True when a block mentions the administrator's principal: its literal object ID in any text (a Graph URL, a body), or a reference that reads it. */
export function mentionsGroup(administrator: ResourceView, resource: ResourceView, stack: StackFacts | undefined): boolean {
  const mentions = mentionsIn(resource.config);
  if (textsHoldId(mentions.texts, administratorIds(administrator, stack))) return true;
  if (mentions.references.some((reference) => readsGroup(administrator, reference, stack))) return true;
  // An azuread type's arguments that may name a principal (not `resource_*`, the API a grant or assignment is of): each value as namesObject
  // reads it (a for_each item, a lookup of its kind), each reference inside an expression as one read whole (29th run, A29a-1, A29a-3). A Graph
  // or REST write names a principal by path or body field, read by directory-pointers.ts (laterPathPointer, its lookups included).
  if (!resource.type.startsWith('azuread_')) return false;
  const principals = Object.entries(resource.config).filter(([key]) => !key.startsWith('resource_')).map(([, value]) => value);
  return valuesIn(principals).some((value) => namesObject(administrator, value, stack) || writesAdministratorId(administrator, value, stack))
    || mentionsIn(principals).references.some((reference) => namesObject(administrator, new Unknown(reference, [reference]), stack));
}

/** The values known only at apply time in a block's arguments, at any depth. */
function valuesIn(value: unknown): Unknown[] {
  if (isUnknown(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(valuesIn);
  return value !== null && typeof value === 'object' ? Object.values(value).flatMap(valuesIn) : [];
}

/** Attributes of an Entra administrator block that name its principal: its ID ends with the object ID; principal_name is a user's sign-in name. */
const ADMINISTRATOR_KEYS = ['id', 'object_id', 'principal_name'];
/** Attributes of the block or lookup an administrator's object_id reads that name the principal: its IDs, and a user's sign-in name (Graph's /users/<upn>). */
const PRINCIPAL_KEYS = ['id', 'object_id', 'principal_id', 'client_id', 'application_id', 'user_principal_name'];
/** Traversals that are no block: a variable, a local, a module's output (a pointer to the principal read elsewhere by the same traversal). */
const VALUE_REFERENCE = /^(?:var|local|module)\./;

/**
 * Whether a value (an argument of any block, at any depth) names the administrator's principal (PG-CFG-8's net, A28b-4): its object ID
 * anywhere in a text (a URL path, a body given as text; any case, with or without hyphens or braces, and as server-mentions.ts reads
 * texts: URL and JSON escapes undone, base64 and gzip decoded), or a reference to the administrator block (its object_id, id or
 * principal_name, or the whole block), to the block or lookup its object_id reads (an ID or a user's sign-in name), or to the variable,
 * local or module output it reads, whole or inside a template.
 */
export function mentionsAdministrator(administrator: ResourceView, value: unknown, stack: StackFacts | undefined): boolean {
  const mentions = mentionsIn(value);
  return textsHoldId(mentions.texts, administratorIds(administrator, stack)) || mentions.references.some((reference) => readsAdministrator(administrator, reference));
}

function readsAdministrator(administrator: ResourceView, reference: string): boolean {
  if (readsAttribute(reference, administrator.address, ADMINISTRATOR_KEYS)) return true;
  const pointer = administrator.config.object_id;
  if (!isUnknown(pointer)) return false;
  return pointer.references.some((own) => {
    if (VALUE_REFERENCE.test(own)) return [own, reference].some((each, at, both) => each === both[1 - at] || each.startsWith(`${both[1 - at]}.`) || each.startsWith(`${both[1 - at]}[`));
    const block = blockOf(own);
    return block !== undefined && !/^(?:each|count|self|path|terraform)\./.test(block) && readsAttribute(reference, block, PRINCIPAL_KEYS);
  });
}

/** The administrator's object ID as GUID keys (guidKey; another text without its hyphens): its literal one, or the literal object_id of the block or lookup it reads. */
function administratorIds(administrator: ResourceView, stack: StackFacts | undefined): string[] {
  const id = administrator.config.object_id;
  const read = isUnknown(id) ? id.references.flatMap((reference) => blockOf(reference) ?? []) : [];
  const literals = [id, ...read.map((address) => (stack?.resources?.get(address) ?? stack?.lookups?.get(address))?.config.object_id)];
  return literals.flatMap((each) => (typeof each === 'string' && each.trim() !== '' ? [guidKey(each) ?? each.trim().toLowerCase().replace(/-/g, '')] : []));
}

/** Whether a text holds a GUID (as its key: lower-case hex digits) in any spelling: any case, hyphens anywhere or none, braces. */
function textsHoldId(texts: readonly string[], keys: readonly string[]): boolean {
  return keys.length > 0 && texts.some((text) => {
    const digits = text.toLowerCase().replace(/-/g, '');
    return keys.some((key) => digits.includes(key));
  });
}
