import { ownValue } from '../private/own-keys';
import { resourcesOfType } from './beside-construct';
import { isDynamicBlock } from './dynamic-blocks';
import { guidKey } from './directory-pointers';
import { isUnknown } from './hcl-expression';
import { mayBeGroup, mayNameObject } from './administrator-groups';
import { StackFacts } from './rule';
import type { ResourceView } from './stack-model';
import { isObject } from './terraform-json';

// A policy that names an administrator decides how it signs in (Conditional Access) or how its group's eligible members
// become members (PIM for groups): it passes only when every setting it writes is read as hardening; anything else, a setting
// the reader does not know or one known only at apply time, is a writer on the administrator (nineteenth review, A19a-9: a PIM
// policy without approval or MFA for 24 hours, and a Conditional Access policy excluding the group, were read as "only hardens").

/** A policy of the stack that names a declared administrator and does not only harden it, and what it does, for the message. */
export interface PolicyAddition {
  readonly resource: ResourceView;
  readonly administrator: ResourceView;
  readonly text: string;
}

/** What a setting's value must be to harden: a literal true, one of the texts (lower case), a duration at most so long, or any literal. */
type Hardening = true | readonly string[] | { readonly atMost: number } | 'any';
/** A block's settings: each key a setting's hardening value, or a nested block. */
interface Schema { readonly [key: string]: Hardening | Schema }

const HOUR = 3600;
const DAY = 24 * HOUR;
/** Notifications keep their default recipients and every level; additional recipients only add readers of the notice. */
const NOTICE: Schema = { default_recipients: true, notification_level: ['all'], additional_recipients: 'any' };
const NOTICES: Schema = { admin_notifications: NOTICE, approver_notifications: NOTICE, assignee_notifications: NOTICE };

/**
 * azuread_group_role_management_policy: activation needs approval, MFA and a justification for at most 8 hours (the portal's
 * default); assignments expire within a year; notifications keep their recipients. A ticket number is bookkeeping: either way. An authentication context
 * (require_conditional_access_authentication_context) is as strong as the Conditional Access policy behind it: not read as hardening.
 */
const PIM_FOR_GROUPS: Schema = {
  activation_rules: {
    require_approval: true, require_multifactor_authentication: true, require_justification: true, require_ticket_info: 'any',
    maximum_duration: { atMost: 8 * HOUR }, approval_stage: { primary_approver: { object_id: 'any', type: 'any' } },
  },
  active_assignment_rules: { expiration_required: true, expire_after: { atMost: 365 * DAY }, require_justification: true, require_multifactor_authentication: true, require_ticket_info: 'any' },
  eligible_assignment_rules: { expiration_required: true, expire_after: { atMost: 365 * DAY } },
  notification_rules: { active_assignments: NOTICES, eligible_activations: NOTICES, eligible_assignments: NOTICES },
};

/**
 * azuread_conditional_access_policy that includes the administrator: its conditions only narrow when it applies; its grant
 * controls ask for more (block, MFA, a compliant or joined device, an approved app, a password change, an authentication
 * strength, terms of use); its session controls shorten sessions. Custom controls and persistent browser sessions are not read as hardening.
 */
const CONDITIONAL_ACCESS: Schema = {
  grant_controls: {
    operator: ['and', 'or'], terms_of_use: 'any', authentication_strength_policy_id: 'any',
    built_in_controls: ['block', 'mfa', 'compliantdevice', 'domainjoineddevice', 'approvedapplication', 'compliantapplication', 'passwordchange'],
  },
  session_controls: {
    sign_in_frequency: 'any', sign_in_frequency_period: 'any', sign_in_frequency_authentication_type: 'any', sign_in_frequency_interval: 'any',
    persistent_browser_mode: ['never'], application_enforced_restrictions_enabled: 'any', cloud_app_security_policy: 'any', disable_resilience_defaults: true,
  },
};

/** Arguments of every resource that write nothing of the policy: Terraform's meta-arguments and the names the policy shows. */
const META = new Set(['//', 'provider', 'depends_on', 'lifecycle', 'count', 'for_each', 'timeouts', 'display_name', 'state', 'conditions', 'group_id', 'role_id']);

/** Where a Conditional Access policy lists the objects it applies to, by the kind of administrator each may hold. */
const CA_LISTS: readonly (readonly [string, string, readonly string[], 'include' | 'exclude'])[] = [
  ['users', 'included_groups', ['group'], 'include'], ['users', 'excluded_groups', ['group'], 'exclude'],
  ['users', 'included_users', ['user'], 'include'], ['users', 'excluded_users', ['user'], 'exclude'],
  ['client_applications', 'included_service_principals', ['serviceprincipal'], 'include'], ['client_applications', 'excluded_service_principals', ['serviceprincipal'], 'exclude'],
];

/** The policies of the stack that name a declared administrator and do not only harden it. */
export function policyAdditions(administrators: readonly ResourceView[], stack: StackFacts | undefined): PolicyAddition[] {
  const pim = resourcesOfType(stack, 'azuread_group_role_management_policy').flatMap((resource): PolicyAddition[] => {
    const administrator = administrators.filter(mayBeGroup).find((each) => mayNameObject(each, resource.config.group_id, stack));
    if (administrator === undefined) return [];
    const weak = weakSettings(resource.config, PIM_FOR_GROUPS);
    return weak.length === 0 ? [] : [{ resource, administrator, text: `sets how eligible principals become ${roleOf(resource)} of the group ${named(administrator)} with ${weak.join(', ')} (Privileged Identity Management for groups), which is not read as only hardening` }];
  });
  const access = resourcesOfType(stack, 'azuread_conditional_access_policy').flatMap((resource): PolicyAddition[] => {
    const conditions = resource.config.conditions;
    const read = nested(resource.config, 'conditions');
    const unread = ['users', 'client_applications'].filter((block) => isUnknown(conditions) || isDynamicBlock(resource.config, 'conditions')
      || (read !== undefined && (isUnknown(read[block]) || isDynamicBlock(read, block))));
    for (const administrator of administrators) {
      if (unread.length > 0) return [{ resource, administrator, text: `may exempt ${named(administrator)} from a Conditional Access policy (conditions ${unread.join(' and ')} known only at apply time)` }];
      const places: (readonly [string, 'include' | 'exclude'])[] = CA_LISTS.filter(([, , kinds]) => mayBeKind(administrator, kinds)).flatMap(([block, list, , how]) => {
        const value = nested(nested(resource.config, 'conditions'), block)?.[list];
        return listMayName(administrator, value, stack) ? [[list, how] as const] : [];
      });
      // A member the stack writes into an administrator group, excluded by its user ID, is an administrator exempted too.
      const excludedUsers = nested(nested(resource.config, 'conditions'), 'users')?.excluded_users;
      // Every guest or external user excluded: a user administrator may be one (a B2B guest).
      const guests = nested(nested(resource.config, 'conditions'), 'users')?.excluded_guests_or_external_users;
      if (mayBeKind(administrator, ['user']) && isWritten(guests) && !(Array.isArray(guests) && guests.length === 0)) places.push(['excluded_guests_or_external_users', 'exclude']);
      if (mayBeGroup(administrator) && isWritten(excludedUsers) && excludesMember(excludedUsers, membersWritten(administrator, stack))) places.push(['excluded_users (a member of the group)', 'exclude']);
      if (places.length === 0) continue;
      const excluded = places.filter(([, how]) => how === 'exclude').map(([list]) => list);
      if (excluded.length > 0) return [{ resource, administrator, text: `exempts ${named(administrator)} from a Conditional Access policy (${excluded.join(', ')}), which is not read as only hardening` }];
      const weak = weakSettings(resource.config, CONDITIONAL_ACCESS);
      if (weak.length > 0) return [{ resource, administrator, text: `applies a Conditional Access policy to ${named(administrator)} with ${weak.join(', ')}, which is not read as only hardening` }];
    }
    return [];
  });
  return [...pim, ...access].sort((x, y) => (x.resource.address < y.resource.address ? -1 : 1));
}

/** The settings of a block that do not harden, as "require_approval false"; none when every one does. */
function weakSettings(config: { readonly [key: string]: unknown }, schema: Schema, prefix = ''): string[] {
  return Object.entries(config).flatMap(([key, value]): string[] => {
    if (prefix === '' && META.has(key)) return [];
    const path = `${prefix}${key}`;
    if (key === 'dynamic') return [`${prefix}dynamic blocks (known only at plan time)`];
    const expected = ownValue(schema, key);
    if (expected === undefined) return [`${path} ${JSON.stringify(value ?? null)} (a setting the checks do not read)`];
    if (!isHardening(expected)) {
      if (value === undefined || value === null) return [];
      if (isUnknown(value) || isDynamicBlock(config, key)) return [`${path} known only at apply time`];
      const blocks = Array.isArray(value) ? value : [value];
      return blocks.flatMap((block) => (isObject(block) && !isUnknown(block) ? weakSettings(block as { readonly [key: string]: unknown }, expected, `${path}.`) : [`${path} ${JSON.stringify(block)}`]));
    }
    return hardens(value, expected) ? [] : [`${path} ${isUnknown(value) ? 'known only at apply time' : JSON.stringify(value ?? null)}`];
  });
}

/** Whether a schema entry is a setting's hardening value (not a nested block). */
function isHardening(entry: Hardening | Schema): entry is Hardening {
  return entry === true || entry === 'any' || Array.isArray(entry) || (isObject(entry) && 'atMost' in entry && typeof (entry as { atMost: unknown }).atMost === 'number');
}

/** Whether a literal value hardens: absent writes nothing; a list hardens when every item does. */
function hardens(value: unknown, expected: Hardening): boolean {
  if (value === undefined || value === null) return true;
  if (isUnknown(value)) return false;
  if (expected === 'any') return true;
  if (expected === true) return value === true || value === 'true';
  if (Array.isArray(expected)) {
    const items = Array.isArray(value) ? value : [value];
    return items.every((item) => typeof item === 'string' && expected.includes(item.trim().toLowerCase()));
  }
  const seconds = typeof value === 'string' ? durationSeconds(value) : undefined;
  return seconds !== undefined && seconds <= (expected as { readonly atMost: number }).atMost;
}

/** The seconds of an ISO 8601 duration in days, hours, minutes and seconds ("PT8H", "P365D"); undefined for another text. */
export function durationSeconds(text: string): number | undefined {
  const found = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text.trim());
  if (found === null || text.trim().length <= 2) return undefined;
  const [days, hours, minutes, seconds] = found.slice(1).map((part) => Number(part ?? 0));
  return days * DAY + hours * HOUR + minutes * 60 + seconds;
}

/** Whether a value is written: not absent or null. */
function isWritten(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * The member IDs the stack writes into the administrator group, as written: an azuread_group_member of it (by any pointer
 * that names it) and the members of the azuread_group its object ID reads.
 */
function membersWritten(administrator: ResourceView, stack: StackFacts | undefined): unknown[] {
  const joined = resourcesOfType(stack, 'azuread_group_member').filter((member) => mayNameObject(administrator, member.config.group_object_id, stack)).map((member) => member.config.member_object_id);
  const id = administrator.config.object_id;
  const own = isUnknown(id) ? id.references.map((reference) => /^([a-z0-9_]+\.[^.[\]]+)/.exec(reference)?.[1]).map((block) => (block === undefined ? undefined : stack?.resources?.get(block))) : [];
  const listed = own.flatMap((group) => (group !== undefined && Array.isArray(group.config.members) ? group.config.members as unknown[] : []));
  return [...joined, ...listed];
}

/** Whether an excluded users list may hold one of the members: known only at apply time, the same literal ID, or an expression reading the same. */
function excludesMember(excluded: unknown, members: readonly unknown[]): boolean {
  if (members.length === 0) return false;
  if (isUnknown(excluded)) return true;
  const items = Array.isArray(excluded) ? excluded : [excluded];
  return items.some((item) => members.some((member) => {
    if (typeof item === 'string' && typeof member === 'string') return guidKey(item) !== undefined && guidKey(item) === guidKey(member);
    if (isUnknown(item) && isUnknown(member)) return item.references.some((reference) => member.references.includes(reference));
    return isUnknown(item) || isUnknown(member);
  }));
}

/** A nested block (an object, or the first of a list), or undefined. */
function nested(config: { readonly [key: string]: unknown } | undefined, name: string): { readonly [key: string]: unknown } | undefined {
  const value = config?.[name];
  const block = Array.isArray(value) ? value[0] : value;
  return isObject(block) && !isUnknown(block) ? (block as { readonly [key: string]: unknown }) : undefined;
}

/** Whether a list of object IDs may name the administrator: known only at apply time, or an item that names or may name it (GUIDs and expressions only: "All", "GuestsOrExternalUsers" name none). */
function listMayName(administrator: ResourceView, value: unknown, stack: StackFacts | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (isUnknown(value)) return true;
  const items = Array.isArray(value) ? value : [value];
  return items.some((item) => (typeof item === 'string' && !item.includes('${') ? guidKey(item) !== undefined : true) && mayNameObject(administrator, item, stack));
}

/** Whether the administrator may be a principal of one of the kinds (its principal_type, or any when it does not say). */
function mayBeKind(administrator: ResourceView, kinds: readonly string[]): boolean {
  const type = administrator.config.principal_type;
  return typeof type !== 'string' || kinds.includes(type.trim().toLowerCase());
}

/** The role of the group a PIM policy governs: "members" or "owners" (who may add members). */
function roleOf(resource: ResourceView): string {
  const role = resource.config.role_id;
  return typeof role === 'string' && role.trim().toLowerCase() === 'owner' ? 'owners' : 'members';
}

/** How the message names the administrator. */
function named(administrator: ResourceView): string {
  return JSON.stringify(administrator.config.principal_name ?? administrator.config.login ?? administrator.config.object_id ?? null);
}
