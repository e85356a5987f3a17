import { ownValue } from '../private/own-keys';
import { groupAdditions, mayBeGroup, mayNameObject } from './administrator-groups';
import { policyTargets } from './graph-urls';
import { resourcesOfType } from './beside-construct';
import { guidKey } from './directory-pointers';
import { isUnknown, Unknown } from './hcl-expression';
import { azureadGroupSettings, membershipOpenings } from './open-groups';
import { principalWriters } from './principal-writers';
import { StackFacts } from './rule';
import { stackCreates } from './stack-created';
import type { ResourceView } from './stack-model';
import { blockBodies, isObject } from './terraform-json';

// Who a Conditional Access policy's user and client-application lists may cover, as sets (twenty-second review, A22a-3, A22a-9):
// an administrator is covered by a list that names it (by ID, a reference, a value known only at apply time), by a special value
// that stands for a set it may be in (All, GuestsOrExternalUsers, ServicePrincipalsInMyTenant, a guest block, any role), by a filter
// (it may match anyone), and by a group it may be in: Conditional Access applies to nested members (Microsoft Entra, "Conditional
// Access: Users, groups, and workload identities"). A group's members are what the stack declares only for a group the stack makes
// and keeps closed (its members, azuread_group_member, no dynamic rule, owners or units); any other group (a literal ID, a lookup,
// an import, a value known only then) has members managed outside the stack and may hold anyone. One reader for every list, include
// and exclude, so a field it does not know fails closed instead of passing.

/** Which side of a policy's scope a list is on. */
export type PolicySide = 'include' | 'exclude';

/** How a list is read: principals by ID (users, groups, service principals), roles, a guest block, a filter. */
type ListKind = 'users' | 'groups' | 'roles' | 'guests' | 'servicePrincipals' | 'filter';

/** The principals each block's lists apply to: users conditions to users (and a group's members), client applications to service principals. */
const BLOCKS: { readonly [block: string]: readonly string[] } = { users: ['user', 'group'], client_applications: ['serviceprincipal'] };

/** Every list of the two blocks, azuread and Graph spellings (graphShape), by side and kind. */
const LISTS: { readonly [block: string]: { readonly [list: string]: readonly [PolicySide | 'either', ListKind] } } = {
  users: {
    included_users: ['include', 'users'], excluded_users: ['exclude', 'users'],
    included_groups: ['include', 'groups'], excluded_groups: ['exclude', 'groups'],
    included_roles: ['include', 'roles'], excluded_roles: ['exclude', 'roles'],
    included_guests_or_external_users: ['include', 'guests'], excluded_guests_or_external_users: ['exclude', 'guests'],
  },
  client_applications: {
    included_service_principals: ['include', 'servicePrincipals'], excluded_service_principals: ['exclude', 'servicePrincipals'],
    // azuread's `filter`, Graph's servicePrincipalFilter: its mode says the side.
    filter: ['either', 'filter'], service_principal_filter: ['either', 'filter'],
  },
};

/** Every list the reader knows (azuread and Graph names) with its side, for the class test over them. */
export const POLICY_LISTS: readonly (readonly [string, PolicySide | 'either'])[] = Object.values(LISTS).flatMap((lists) => Object.entries(lists).map(([list, [side]]) => [list, side] as const));

/** Keys of a block that write no list: OData annotations Graph bodies carry. */
const ANNOTATION = /^@odata|^odata_/i;
/** Member references followed through groups the stack makes, at most (a deeper chain is read as may hold anyone). */
const MAX_DEPTH = 8;

/**
 * The lists of a policy's `users` and `client_applications` conditions, on one side, that may cover the administrator, each as the
 * message says it ("excluded_groups: the group "…", whose members are managed outside the stack"); none when every list provably
 * leaves it out. A list or key the reader does not know is read as covering it on either side (fail closed).
 */
export function policyScope(administrator: ResourceView, conditions: { readonly [key: string]: unknown } | undefined, side: PolicySide, stack: StackFacts | undefined): string[] {
  if (conditions === undefined) return [];
  return Object.entries(BLOCKS).filter(([, kinds]) => mayBeKind(administrator, kinds)).flatMap(([blockName]) => {
    const block = blockOf(conditions[blockName]);
    if (block === undefined) return [];
    if (isUnknown(block)) return [`${blockName} known only at apply time`];
    return Object.entries(block).flatMap(([list, value]): string[] => {
      if (ANNOTATION.test(list) || value === undefined || value === null) return [];
      const row = ownValue(LISTS[blockName], list);
      if (row === undefined) return [`${blockName}.${list} ${JSON.stringify(value)} (a list the checks do not read)`];
      const [listSide, kind] = row;
      if (listSide !== 'either' && listSide !== side) return [];
      const why = KINDS[kind](administrator, value, side, stack);
      return why === undefined ? [] : [`${list}: ${why}`];
    });
  });
}

type Reader = (administrator: ResourceView, value: unknown, side: PolicySide, stack: StackFacts | undefined) => string | undefined;

const KINDS: { readonly [kind in ListKind]: Reader } = {
  users: (administrator, value, _side, stack) => firstOf(value, (item) => userItem(administrator, item, stack)),
  groups: (administrator, value, _side, stack) => firstOf(value, (item) => groupItem(administrator, item, stack, 0, new Set())),
  // A directory role is assigned outside the stack: the administrator or a member may hold any (queued after the twentieth run).
  roles: (_administrator, value) => firstOf(value, (item) => `the directory role ${JSON.stringify(item)}, which the administrator or a member may hold (roles are assigned outside the stack)`),
  guests: (_administrator, value) => guestsCover(value),
  servicePrincipals: (administrator, value, _side, stack) => firstOf(value, (item) => servicePrincipalItem(administrator, item, stack)),
  filter: (_administrator, value, side) => filterCovers(value, side),
};

/** The first reason an item of a list (or the list known only at apply time) covers the administrator. */
function firstOf(value: unknown, item: (item: unknown) => string | undefined): string | undefined {
  if (isUnknown(value)) return `${JSON.stringify(value)} known only at apply time`;
  for (const each of Array.isArray(value) ? value : [value]) {
    const why = item(each);
    if (why !== undefined) return why;
  }
  return undefined;
}

/** A literal text of a list (not an interpolation), trimmed and in lower case; undefined for anything else. */
function literal(item: unknown): string | undefined {
  return typeof item === 'string' && !item.includes('${') ? item.trim().toLowerCase() : undefined;
}

/**
 * A users list's item: `None` is no one, `All` everyone, `GuestsOrExternalUsers` every guest or external user (a user administrator
 * or a member of a group one may be a B2B guest); another text that is no ID is not read; an ID or expression covers a user
 * administrator it may name, and a group administrator's member the stack writes into it or one the checks cannot tell.
 */
function userItem(administrator: ResourceView, item: unknown, stack: StackFacts | undefined): string | undefined {
  const text = literal(item);
  if (text === 'none') return undefined;
  if (text === 'all') return 'All (every user)';
  if (text === 'guestsorexternalusers') return 'GuestsOrExternalUsers (every guest or external user, which the administrator or a member of its group may be)';
  if (text !== undefined && guidKey(text) === undefined) return `${JSON.stringify(item)} (a value the checks do not read)`;
  if (mayBeKind(administrator, ['user']) && mayNameObject(administrator, item, stack)) return `${JSON.stringify(item)} (the administrator, or may be)`;
  if (!mayBeGroup(administrator)) return undefined;
  if (excludesMember(item, membersWritten(administrator, stack))) return `${JSON.stringify(item)} (a member the stack writes into the administrator group)`;
  // A user known only at apply time (a variable, a lookup) may be a member the group gets outside the stack (queued after the twentieth run).
  return laterUser(item, stack) ? `${JSON.stringify(item)} (a user known only at apply time, which a member of the group may be)` : undefined;
}

/** A service principals list's item: `ServicePrincipalsInMyTenant` is every one; another text that is no ID is not read; an ID or expression that may name it. */
function servicePrincipalItem(administrator: ResourceView, item: unknown, stack: StackFacts | undefined): string | undefined {
  const text = literal(item);
  if (text === 'none') return undefined;
  if (text === 'serviceprincipalsinmytenant' || text === 'all') return `${JSON.stringify(item)} (every service principal of the tenant)`;
  if (text !== undefined && guidKey(text) === undefined) return `${JSON.stringify(item)} (a value the checks do not read)`;
  return mayNameObject(administrator, item, stack) ? `${JSON.stringify(item)} (the administrator, or may be)` : undefined;
}

/**
 * A guests block: the guest or external user types it names, none only when every one is `none` (a user administrator, or a
 * member of a group one, may be a guest of any type, of any tenant).
 */
function guestsCover(value: unknown): string | undefined {
  const blocks = Array.isArray(value) ? value : [value];
  for (const block of blocks) {
    if (!isObject(block) || isUnknown(block)) return `${JSON.stringify(block)} known only at apply time`;
    const types = (block as { readonly [key: string]: unknown }).guest_or_external_user_types;
    // Graph writes the multi-valued enum as one comma-separated text.
    const items = typeof types === 'string' ? types.split(',') : Array.isArray(types) ? types : [types];
    if (isUnknown(types) || items.some((type) => literal(type) !== 'none')) return `guest or external users ${JSON.stringify(types ?? null)} (the administrator or a member of its group may be one)`;
  }
  return undefined;
}

/** A filter block: it may match any principal; it is on the side its mode says, and on both when the mode is not a literal. */
function filterCovers(value: unknown, side: PolicySide): string | undefined {
  const block = blockOf(value);
  if (block === undefined) return undefined;
  const mode = isUnknown(block) ? undefined : literal(block.mode);
  if (mode !== undefined && mode !== side) return undefined;
  return `a filter ${JSON.stringify(value)} (a rule on attributes may match the administrator)`;
}

/**
 * A groups list's item: the administrator group itself; a group the stack makes and keeps closed, by its members at any depth; any
 * other group (a literal ID, a lookup, an import, a value known only at apply time) has members managed outside the stack.
 */
function groupItem(administrator: ResourceView, item: unknown, stack: StackFacts | undefined, depth: number, seen: Set<string>): string | undefined {
  const text = literal(item);
  if (text !== undefined && guidKey(text) === undefined) return `${JSON.stringify(item)} (a value the checks do not read)`;
  if (mayBeGroup(administrator) && mayNameObject(administrator, item, stack)) return `${JSON.stringify(item)} (the administrator group, or may be)`;
  const group = madeGroup(item, stack);
  if (group === undefined) return `the group ${JSON.stringify(item)}, whose members are managed outside the stack (it may hold the administrator)`;
  if (seen.has(group.address) || depth > MAX_DEPTH) return undefined;
  seen.add(group.address);
  const why = groupMembersCover(administrator, group, stack, depth, seen);
  return why === undefined ? undefined : `the group ${group.address} ${why}`;
}

/** The group the stack makes (any writer) that a value reads by a plain reference, not adopted by an import; undefined for anything else. */
function madeGroup(value: unknown, stack: StackFacts | undefined): ResourceView | undefined {
  const entity = entityOf(value);
  const writer = entity === undefined ? undefined : principalWriters(stack).get(entity);
  return writer?.kind === 'group' && stackCreates(writer.resource, stack) ? writer.resource : undefined;
}

/** The block a value reads by a plain reference ("azuread_group.bg" of "${azuread_group.bg.object_id}"). */
function entityOf(value: unknown): string | undefined {
  return isUnknown(value) && value.isPlainReference ? ENTITY.exec(value.references[0])?.[1] : undefined;
}

/** The resource (or data source) an expression reads. */
const ENTITY = /^((?:data\.)?[a-z0-9_]+\.[^.[\]]+)/;

/**
 * Whether a group the stack makes may hold the administrator (or, for a group administrator, a member of it), and how: a setting
 * that opens it, owners who may add anyone, members known only at apply time, or a member (by its own block, azuread_group_member,
 * PIM, a Graph or REST write) that may be it.
 */
function groupMembersCover(administrator: ResourceView, group: ResourceView, stack: StackFacts | undefined, depth: number, seen: Set<string>): string | undefined {
  const fields = principalWriters(stack).get(group.address)?.fields;
  if (fields === undefined || isUnknown(fields)) return 'is made by a request the checks cannot read (its members may be anyone)';
  if (group.type === 'azuread_group_without_members') return 'leaves its members to be managed outside the stack (azuread_group_without_members)';
  const openings = membershipOpenings(azureadGroupSettings(fields));
  if (openings.length > 0) return `${openings[0]} (it may hold the administrator)`;
  if (isListed(fields.owners)) return `lists owners ${JSON.stringify(fields.owners)}, who may add anyone to it`;
  const listed = fields.members;
  if (isUnknown(listed)) return `lists members ${JSON.stringify(listed)} known only at apply time`;
  const members: unknown[] = Array.isArray(listed) ? [...listed] : listed === undefined ? [] : [listed];
  for (const addition of groupAdditions([groupView(group)], stack)) {
    if (addition.resource.address === group.address || isPolicyWriter(addition.resource)) continue;
    // An azuread_group_member (of the group, or of a group that may be it) adds its member; any other writer may add anyone.
    if (addition.resource.type !== 'azuread_group_member') return `may get members from ${addition.resource.address} (${addition.resource.type})`;
    members.push(addition.resource.config.member_object_id);
  }
  for (const member of members) {
    const why = memberCovers(administrator, member, stack, depth, seen);
    if (why !== undefined) return why;
  }
  return undefined;
}

/** A Conditional Access policy a Graph or REST block writes: it names groups without changing their members. */
function isPolicyWriter(resource: ResourceView): boolean {
  return policyTargets(resource).some((target) => target.kind === 'conditionalAccess');
}

/** A view of a group the stack makes as an administrator group reads, for the readers of what the stack writes into it. */
function groupView(group: ResourceView): ResourceView {
  const id = `${group.address}.${group.type.startsWith('azuread_') ? 'object_id' : 'id'}`;
  return { type: group.type, name: group.name, address: group.address, config: { object_id: new Unknown(id, [id]), principal_type: 'Group' }, certain: true } as ResourceView;
}

/**
 * Whether a member of an excluded group may be the administrator or, for a group administrator, it or one of its members: a user or
 * service principal by ID, a group the stack makes by its own members, and anything the checks cannot tell from a group (a literal
 * ID, a lookup, an expression) as a group whose members are managed outside the stack.
 */
function memberCovers(administrator: ResourceView, written: unknown, stack: StackFacts | undefined, depth: number, seen: Set<string>): string | undefined {
  const shown = JSON.stringify(written ?? null);
  const { member, kind: bound } = boundMember(written);
  if (mayNameObject(administrator, member, stack) && (mayBeKind(administrator, ['user', 'group']))) return `holds the member ${shown}, which is or may be the administrator`;
  const kind = bound ?? memberKind(member, stack);
  if (kind === 'group') return groupItem(administrator, member, stack, depth + 1, seen) === undefined ? undefined : `holds the group ${shown}, which may hold the administrator`;
  if (kind === 'servicePrincipal') return undefined;
  if (kind === 'user') return mayBeGroup(administrator) ? userItem(administrator, member, stack) : undefined;
  return `holds the member ${shown}, which the checks cannot tell from a group whose members are managed outside the stack`;
}

/** A member bound by a Graph URL (`members@odata.bind`: "https://graph.microsoft.com/v1.0/users/<id>"), and its collection. */
const BOUND = /(?:^|\/)(users|groups|serviceprincipals)\/+([^/?#\s]+)\/*$/i;
const BOUND_KINDS: { readonly [collection: string]: 'user' | 'servicePrincipal' | 'group' } = { users: 'user', serviceprincipals: 'servicePrincipal', groups: 'group' };

/**
 * The ID a member bound by a Graph URL names, as a value of its own (a literal, or the reference it interpolates), and the kind its
 * collection says; the member as written otherwise (a `directoryObjects/<id>` URL may be any kind).
 */
function boundMember(written: unknown): { readonly member: unknown; readonly kind?: 'user' | 'servicePrincipal' | 'group' } {
  const text = typeof written === 'string' ? written : isUnknown(written) ? written.spelling : undefined;
  const found = text === undefined ? null : BOUND.exec(text.trim());
  if (found === null) return { member: written };
  const kind = BOUND_KINDS[found[1].toLowerCase()];
  if (typeof written === 'string') return { member: found[2], kind };
  const reference = /^\$\{\s*([^{}\s]+)\s*\}$/.exec(found[2])?.[1];
  return isUnknown(written) && reference !== undefined && written.references.length === 1 && written.references[0] === reference ? { member: new Unknown(reference, [reference]), kind } : { member: written };
}

/** What a member reads: a user, a service principal or managed identity, a group, or undefined when the checks cannot tell (a literal ID, an expression). */
function memberKind(member: unknown, stack: StackFacts | undefined): 'user' | 'servicePrincipal' | 'group' | undefined {
  const entity = entityOf(member);
  if (entity === undefined || !isUnknown(member)) return undefined;
  if (/^data\.azuread_users?\./.test(entity) || entity.startsWith('azuread_invitation.')) return 'user';
  if (/^data\.azuread_(?:service_principals?|client_config)\./.test(entity) || entity.startsWith('azurerm_user_assigned_identity.') || /\.principal_id$/.test(member.references[0])) return 'servicePrincipal';
  if (/^data\.azuread_groups?\./.test(entity)) return 'group';
  const kind = principalWriters(stack).get(entity)?.kind;
  return kind === 'application' ? 'servicePrincipal' : kind;
}

/** A nested block (an object, or the first of a list), an Unknown, or undefined when not written. */
function blockOf(value: unknown): { readonly [key: string]: unknown } | Unknown | undefined {
  // As HCL's JSON syntax reads a list of blocks: [[{...}]] is one block of those arguments, [null] an empty one (A27b-4).
  const block = Array.isArray(value) ? (isObject(value[0]) ? value[0] : blockBodies(value)[0]) : value;
  if (isUnknown(block)) return block;
  return isObject(block) ? (block as { readonly [key: string]: unknown }) : undefined;
}

/** Whether a list is written: not absent, null, empty text or an empty list. */
function isListed(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/** Whether the administrator may be a principal of one of the kinds (its principal_type, or any when it does not say). */
export function mayBeKind(administrator: ResourceView, kinds: readonly string[]): boolean {
  const type = administrator.config.principal_type;
  return typeof type !== 'string' || kinds.includes(type.trim().toLowerCase());
}

/**
 * The member IDs the stack writes into the administrator group, as written, at any depth: an azuread_group_member of it (by any
 * pointer that names it), the members of the group its object ID reads (any writer), and theirs for a group the stack makes.
 */
function membersWritten(administrator: ResourceView, stack: StackFacts | undefined, seen: Set<string> = new Set()): unknown[] {
  const joined = resourcesOfType(stack, 'azuread_group_member').filter((member) => mayNameObject(administrator, member.config.group_object_id, stack)).map((member) => member.config.member_object_id);
  const id = administrator.config.object_id;
  const own = isUnknown(id) ? id.references.map((reference) => ENTITY.exec(reference)?.[1]).map((block) => (block === undefined ? undefined : principalWriters(stack).get(block))) : [];
  const listed = own.flatMap((group) => (group !== undefined && !isUnknown(group.fields) && Array.isArray(group.fields.members) ? group.fields.members as unknown[] : []));
  // A member of a group nested in the administrator group is an administrator too.
  return [...joined, ...listed].flatMap((member) => {
    const group = madeGroup(member, stack);
    if (group === undefined || seen.has(group.address)) return [member];
    seen.add(group.address);
    return [member, ...membersWritten(groupView(group), stack, seen)];
  });
}

/** The stack's user blocks, whose object IDs name a user it makes (no member of a group unless the stack writes it in). */
const MADE_USER = /^(?:azuread_user|azuread_invitation)\.[^.[\]]+\.(?:object_id|id|user_id)$/;

/**
 * Whether a user item may be one nobody can tell at synth: not a literal ID nor the ID of a user the stack makes (a variable, a
 * lookup: any user, a member of the administrator group too). Literal GUIDs and the stack's own users are members only where the
 * stack writes them (excludesMember).
 */
function laterUser(item: unknown, stack: StackFacts | undefined): boolean {
  if (typeof item === 'string') return item.includes('${');
  if (!isUnknown(item)) return true;
  return !item.isPlainReference || !MADE_USER.test(item.references[0]) || stack?.resources?.get(item.references[0].replace(/\.[^.]+$/, '')) === undefined;
}

/** Whether a user item may be one of the members: the same literal ID, or an expression reading the same. */
function excludesMember(item: unknown, members: readonly unknown[]): boolean {
  return members.some((member) => {
    if (typeof item === 'string' && typeof member === 'string') return guidKey(item) !== undefined && guidKey(item) === guidKey(member);
    if (isUnknown(item) && isUnknown(member)) return item.references.some((reference) => member.references.includes(reference));
    return isUnknown(item) || isUnknown(member);
  });
}
