import { ownValue } from '../private/own-keys';
import { propertyInAnyCase } from './azapi-writes';
import { resourcesOfType } from './beside-construct';
import { blocksKnownLater, isDynamicBlock } from './dynamic-blocks';
import { guidKey } from './directory-pointers';
import { isGrantPath, readsPowers } from './administrator-powers';
import { batchBody, GraphUrl, graphWrites, httpRequestType, isBatch, pathText, policyTargets, segmentMayBe, sentBodies, sentBody, writtenUrls } from './graph-urls';
import { unreadGraphWriters } from './graph-write-targets';
import { isUnknown } from './hcl-expression';
import { directoryWriters, mayBeGroup, mayNameObject, mentionsGroup } from './administrator-groups';
import { membershipAdditions } from './administrator-memberships';
import { mayBeKind, policyScope } from './policy-scope';
import { StackFacts } from './rule';
import { adoptedBy, isAdopted } from './stack-created';
import type { ResourceView } from './stack-model';
import { blockBodies, isObject } from './terraform-json';

// A policy that names an administrator decides how it signs in (Conditional Access) or how its group's eligible members
// become members (PIM for groups): it passes only when every setting it writes is read as hardening; anything else, a setting
// the reader does not know or one known only at apply time, is a writer on the administrator (nineteenth review, A19a-9: a PIM
// policy without approval or MFA for 24 hours, and a Conditional Access policy excluding the group, were read as "only hardens").

/** A policy of the stack that names a declared administrator and does not only harden it, and what it does, for the message. */
export interface PolicyAddition {
  readonly resource: ResourceView;
  readonly administrator: ResourceView;
  readonly text: string;
  /** True for a write whose URL may reach any path (anyPathWrites): the rule reports it only where no other reader fails the block. */
  readonly anyPath?: true;
  /** True when it is a write to a path the checks do not read (unreadWrites): another reader that judges the block says more. */
  readonly unread?: boolean;
}

/**
 * What a setting's value must be to harden: a literal true, one of the texts (lower case), a duration at most so long, any
 * literal, nothing at all ('none': absent or an empty list), or a list holding one of the texts (`some`).
 */
type Hardening = true | readonly string[] | { readonly atMost: number } | 'any' | 'none' | { readonly some: readonly string[] };
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
    // Graph's spelling of the same controls (a policy a Graph or REST write makes, read in the azuread shape).
    persistent_browser: { mode: ['never'], is_enabled: 'any' }, application_enforced_restrictions: 'any', cloud_app_security: 'any',
  },
};

/**
 * The conditions of a Conditional Access policy that exists before the stack (imported, or written over by a Graph update): the
 * stack's values replace the live ones, which may have applied it to the administrator everywhere. It still applies wherever it
 * did only when it is on (`state` enabled: off or report-only enforces nothing, A20a-4), for every application (All) with none
 * excluded (an application ID may be Azure Database for PostgreSQL's, whose tokens the administrator signs in with: the checks cannot
 * tell an application's service by its ID), every client app, platform and location, at any risk, on any device, for any sign-in
 * (no user action, authentication context or transfer method instead of applications). Who it names is read by CA_LISTS.
 */
export const EXISTING_CONDITIONAL_ACCESS: Schema = {
  state: ['enabled'],
  conditions: {
    users: 'any', client_applications: 'any',
    client_app_types: { some: ['all'] },
    applications: {
      included_applications: { some: ['all'] }, excluded_applications: 'none',
      included_user_actions: 'none', included_authentication_context_class_references: 'none', application_filter: 'none',
    },
    platforms: { included_platforms: { some: ['all'] }, excluded_platforms: 'none' },
    locations: { included_locations: { some: ['all'] }, excluded_locations: 'none' },
    sign_in_risk_levels: 'none', user_risk_levels: 'none', service_principal_risk_levels: 'none', insider_risk_levels: 'none',
    devices: 'none', authentication_flow_transfer_methods: 'none',
  },
};

/** Arguments of every resource that write nothing of the policy: Terraform's meta-arguments and the names the policy shows. */
const META = new Set(['//', 'provider', 'depends_on', 'lifecycle', 'count', 'for_each', 'timeouts', 'display_name', 'state', 'conditions', 'group_id', 'role_id']);
/** The same for a policy over an existing one, whose state and conditions are read (EXISTING_CONDITIONAL_ACCESS). */
const EXISTING_META = new Set([...META].filter((key) => key !== 'state' && key !== 'conditions'));

/** Where a Conditional Access policy includes objects by ID, by the kind of administrator each may name (who it may exempt: policy-scope.ts). */
const CA_LISTS: readonly (readonly [string, string, readonly string[]])[] = [
  ['users', 'included_groups', ['group']], ['users', 'included_users', ['user']], ['client_applications', 'included_service_principals', ['serviceprincipal']],
];

/** The policies of the stack that name a declared administrator and do not only harden it. */
export function policyAdditions(administrators: readonly ResourceView[], stack: StackFacts | undefined): PolicyAddition[] {
  const pim = resourcesOfType(stack, 'azuread_group_role_management_policy').flatMap((resource): PolicyAddition[] => {
    const administrator = administrators.filter(mayBeGroup).find((each) => mayNameObject(each, resource.config.group_id, stack));
    if (administrator === undefined) return [];
    const weak = weakSettings(resource.config, PIM_FOR_GROUPS);
    return weak.length === 0 ? [] : [{ resource, administrator, text: `sets how eligible principals become ${roleOf(resource)} of the group ${named(administrator)} with ${weak.join(', ')} (Privileged Identity Management for groups), which is not read as only hardening` }];
  });
  const access = [...resourcesOfType(stack, 'azuread_conditional_access_policy').map((resource): PolicyWrite => ({ resource, config: resource.config, existing: isAdopted(resource.address, stack) })),
    ...graphPolicies(administrators, stack)].flatMap(({ resource, config, existing }): PolicyAddition[] => {
    if (config === undefined) return administrators.length === 0 ? [] : [{ resource, administrator: administrators[0], text: `writes ${existing ? 'over an existing' : 'a'} Conditional Access policy with a body known only at apply time, which may exempt ${named(administrators[0])} from it` }];
    const conditions = config.conditions;
    const read = nested(config, 'conditions');
    const unread = ['users', 'client_applications'].filter((block) => isUnknown(conditions) || isDynamicBlock(config, 'conditions')
      || (read !== undefined && (isUnknown(read[block]) || isDynamicBlock(read, block))));
    for (const administrator of administrators) {
      if (unread.length > 0) return [{ resource, administrator, text: `may exempt ${named(administrator)} from a Conditional Access policy (conditions ${unread.join(' and ')} known only at apply time)` }];
      // Who the policy names by ID (an existing policy that no longer does may have dropped the administrator, A20a-4).
      const names = CA_LISTS.some(([block, list, kinds]) => mayBeKind(administrator, kinds) && listMayName(administrator, nested(read, block)?.[list], stack));
      // Who its lists may cover, as sets: special values, groups at any depth, filters, values known only at apply time (A22a-3, A22a-9).
      const mayApply = names || policyScope(administrator, read, 'include', stack).length > 0;
      // An existing policy's live users may have named the administrator: one that no longer includes it may have dropped it (A20a-4).
      const over = existing ? ' over an existing one (imported, moved in or updated: its live settings applied it)' : '';
      if (existing && !names && !includesEveryone(administrator, config)) {
        return [{ resource, administrator, text: `rewrites an existing Conditional Access policy (imported, moved in or updated) to users that do not name ${named(administrator)}, whom its live settings may have applied to` }];
      }
      if (!mayApply && !existing) continue;
      // An exclusion matters where the policy may apply: a new one whose lists may cover the administrator, an existing one always.
      const excluded = policyScope(administrator, read, 'exclude', stack);
      if (excluded.length > 0) return [{ resource, administrator, text: `exempts ${named(administrator)} from a Conditional Access policy (${excluded.join('; ')}), which is not read as only hardening` }];
      // A new policy's conditions only narrow where it applies, but an application it leaves out may be PostgreSQL's: that exempts the sign-in to the server (A20a-4).
      const weak = existing ? [...weakSettings(config, { ...CONDITIONAL_ACCESS, ...EXISTING_CONDITIONAL_ACCESS }, '', EXISTING_META), ...grantWeakening(config)]
        : [...weakSettings(config, CONDITIONAL_ACCESS), ...excludedApplications(config)];
      if (weak.length > 0) return [{ resource, administrator, text: `applies a Conditional Access policy${over} to ${named(administrator)} with ${weak.join(', ')}, which is not read as only hardening` }];
    }
    return [];
  });
  return [...pim, ...access, ...laterPimPolicies(administrators, stack), ...batchWrites(administrators, stack), ...anyPathWrites(administrators, stack), ...signInSettings(administrators, stack),
    ...removedPolicies(administrators, stack), ...unreadWrites(administrators, stack), ...membershipAdditions(administrators, stack)].sort((x, y) => (x.resource.address < y.resource.address ? -1 : 1));
}

/** What a new trusted named location is to a live policy. */
const TRUSTED_LOCATION = 'a trusted named location, which every live Conditional Access policy including or excluding "AllTrusted" locations names';

/**
 * The tenant's sign-in objects that live Conditional Access policies name, or that stand in for them (twenty-fifth review, A25b-3): a
 * write over an existing one changes how the administrator signs in as a write over an existing policy does (A20a-4). Each with what it
 * is and when a write of it only hardens (`hardens` of its body, read in any key case; an unread body does not). A new one (a Graph POST to
 * the collection, an azuread block no import adopts) is named by no live policy: not here (principal-writers.ts lists the azuread types as inert).
 */
const SIGN_IN_OBJECTS: readonly {
  /** Its path as segments (lower case), anywhere in the request's; `items` when the segment after it names one object of a collection. */
  readonly path: readonly string[]; readonly items?: true; readonly what: string; readonly existing?: boolean;
  readonly hardens?: (body: { readonly [key: string]: unknown }, item: boolean, urls: readonly GraphUrl[]) => boolean;
  /** A new one that a live policy may still name by a kind (a trusted location: `AllTrusted`), and whether a new one's body is not that kind. */
  readonly created?: { readonly what: string; readonly inert: (body: { readonly [key: string]: unknown }) => boolean };
}[] = [
  // A location's ranges and trust decide where a policy that includes or excludes it applies: any rewrite may exempt the administrator.
  // A new trusted one is named by every live policy that includes or excludes "AllTrusted" (the usual "MFA except from trusted locations",
  // A26-4); a country location cannot be trusted, an IP one is not unless isTrusted is true.
  { path: ['identity', 'conditionalaccess', 'namedlocations'], items: true, what: 'a named location, which live Conditional Access policies may include, exclude or trust', hardens: onlyNames,
    created: { what: TRUSTED_LOCATION, inert: (body) => untrusted(propertyInAnyCase(body, 'istrusted')) } },
  // The methods a live policy's grant asks for (its built-in "phishing-resistant MFA" set cannot be written; a custom one can be weakened to a password).
  { path: ['policies', 'authenticationstrengthpolicies'], items: true, what: 'an authentication strength, whose methods live Conditional Access policies\' grants may ask for', hardens: onlyNames },
  // Security defaults ask every administrator for MFA; turning them off removes that, turning them on only adds it.
  { path: ['policies', 'identitysecuritydefaultsenforcementpolicy'], what: 'security defaults (MFA for every administrator of the tenant)', existing: true, hardens: (body) => propertyInAnyCase(body, 'isenabled') === true },
  // Trusting another tenant's MFA or devices lets a guest administrator satisfy a live policy's grant with its home tenant's sign-in.
  { path: ['policies', 'crosstenantaccesspolicy'], what: 'cross-tenant access settings (whose inbound trust lets another tenant\'s MFA or devices satisfy live Conditional Access policies)', existing: true, hardens: (body) => !trusts(body) },
  // A method usable for sign-in on its own (SMS sign-in) lets the phone alone sign the administrator in, a Temporary Access Pass lets its
  // issuer sign in as the administrator: a write hardens only when it clearly does (methodHardens, A26-3).
  { path: ['policies', 'authenticationmethodspolicy'], what: 'the authentication methods policy', existing: true, hardens: (body, _item, urls) => methodsHardens(body, urls) },
  // The organization's default token lifetime applies to the administrator's tokens for the server: a longer one keeps a stolen token valid.
  // A new one that is not the default applies only where it is assigned (to an application: not the administrator's sign-in).
  { path: ['policies', 'tokenlifetimepolicies'], items: true, what: 'a token lifetime policy, which may be the organization\'s default for every token the administrator gets', existing: true,
    hardens: (body, item) => propertyInAnyCase(body, 'isorganizationdefault') === false || (!item && propertyInAnyCase(body, 'isorganizationdefault') === undefined) },
];

/** Whether a Graph URL is a sign-in object signInSettings judges. */
function isSignInPath(url: GraphUrl): boolean {
  return signInObject([url]) !== undefined;
}

/**
 * Graph or REST writes to a path no reader of PG-IAM-3 judges (graph-write-targets.ts, twenty-seventh review, A27a-1..6): another path of
 * a policy or sign-in object, a tenant-wide trust anchor of sign-in. They fail closed beside an administrator; one known to reach only
 * how users sign in (a domain's federation, a certificate authority, authentication methods, on-premises synchronization) beside a
 * user or group administrator (its members are users), not beside a service principal, which signs in with its own credentials.
 */
function unreadWrites(administrators: readonly ResourceView[], stack: StackFacts | undefined): PolicyAddition[] {
  const administrator = administrators[0];
  if (administrator === undefined) return [];
  const users = administrators.find((each) => mayBeKind(each, ['user', 'group']));
  return unreadGraphWriters(stack, isSignInPath).flatMap(({ resource, writes }): PolicyAddition[] => {
    const write = writes.find((each) => !each.usersOnly || users !== undefined);
    if (write === undefined) return [];
    const reached = write.usersOnly && users !== undefined ? users : administrator;
    const request = `${write.method ?? 'a method known only at apply time'} ${JSON.stringify(write.path)}`;
    if (write.deletes !== undefined) {
      return [{ resource, administrator: reached, unread: true, text: `sends a Microsoft Graph delete (${request}${write.deletes === 'destroy' ? ', its delete request when it is destroyed' : ''}) of another object than its own: a Conditional Access or PIM policy, a sign-in object or a path the checks do not read, whose loss may change how ${named(reached)} signs in, and the checks cannot tell` }];
    }
    const sends = `sends a Microsoft Graph write (${request}) to a path the checks do not read`;
    return [{ resource, administrator: reached, unread: true, text: write.usersOnly
      ? `${sends}, a tenant setting of how users sign in (a domain's federation, a trusted certificate authority, authentication methods or strengths, on-premises synchronization) that may hand ${named(reached)}'s sign-in to another party`
      : `${sends} (another path of a policy or sign-in object, a tenant-wide setting): it may change how ${named(reached)} signs in or who may act as it, and the checks cannot tell` }];
  });
}

/** Whether a location's trust flag, as written, is not trusted: unset, null or false (a value known only at apply time may be true). */
function untrusted(value: unknown): boolean {
  return value === undefined || value === null || value === false || (typeof value === 'string' && value.trim().toLowerCase() === 'false');
}

/**
 * Whether a write of the authentication methods policy only hardens (A26-3): the policy itself writing only names or method
 * configurations that each harden, or one method's configuration (by its URL, `authenticationMethodConfigurations/<id>` or `('<id>')`).
 */
function methodsHardens(body: { readonly [key: string]: unknown }, urls: readonly GraphUrl[]): boolean {
  const method = urls.map(({ segments }) => segments.find((_segment, at) => at > 0 && !segments[at - 1].later && segments[at - 1].text.toLowerCase() === 'authenticationmethodconfigurations'))
    .find((segment) => segment !== undefined)?.text;
  if (method !== undefined) return methodHardens(body, method);
  const configurations = propertyInAnyCase(body, 'authenticationmethodconfigurations');
  return Object.keys(body).every((key) => ['displayname', 'description', '@odata.type', 'authenticationmethodconfigurations'].includes(key.toLowerCase()))
    && (configurations === undefined || (Array.isArray(configurations) && configurations.every((each) => isObject(each) && !isUnknown(each) && methodHardens(each, propertyInAnyCase(each, 'id')))));
}

/** Method settings that may be written beside a hardening state or targets: they only narrow who uses a method or how. */
const METHOD_FRAME = ['@odata.type', 'id', 'state', 'includetargets', 'excludetargets'];

/**
 * Whether one method's configuration only hardens: it is disabled; SMS with every target not usable for sign-in (the live targets, were
 * none written, may be); FIDO2 (phishing-resistant, it satisfies any MFA a live policy asks for) in its own settings. Any other write fails:
 * a method enabled may satisfy a live policy's MFA more weakly (a Temporary Access Pass, reusable with `isUsableOnce` false or not, lets
 * whoever issues it sign in as the administrator; a certificate's binding may make it single-factor; Authenticator's or SMS's settings).
 */
function methodHardens(body: { readonly [key: string]: unknown }, id: unknown): boolean {
  const state = propertyInAnyCase(body, 'state');
  if (typeof state === 'string' && state.trim().toLowerCase() === 'disabled') return true;
  const kind = (typeof id === 'string' ? id : /^#microsoft\.graph\.(\w+)authenticationmethodconfiguration$/i.exec(String(propertyInAnyCase(body, '@odata.type') ?? ''))?.[1] ?? '').trim().replace(/^['"{]+|['"}]+$/g, '').toLowerCase();
  const keys = Object.keys(body).map((key) => key.toLowerCase());
  if (kind === 'sms') {
    const targets = propertyInAnyCase(body, 'includetargets');
    return keys.every((key) => METHOD_FRAME.includes(key)) && Array.isArray(targets) && targets.length > 0
      && targets.every((target) => isObject(target) && !isUnknown(target) && propertyInAnyCase(target, 'isusableforsignin') === false);
  }
  return kind === 'fido2' && keys.every((key) => [...METHOD_FRAME, 'isattestationenforced', 'isselfserviceregistrationallowed', 'keyrestrictions'].includes(key));
}

/** Whether a body writes only what an object is called (its display name, description, OData type): no policy reads those. */
function onlyNames(body: { readonly [key: string]: unknown }): boolean {
  return Object.keys(body).every((key) => ['displayname', 'description', '@odata.type'].includes(key.toLowerCase()));
}

/** Whether a cross-tenant body writes an inbound trust that is not all false (any depth: the default, a partner). */
function trusts(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(trusts);
  if (!isObject(value) || isUnknown(value)) return false;
  return Object.entries(value).some(([key, item]) => (key.toLowerCase() === 'inboundtrust' ? item !== null && (!isObject(item) || isUnknown(item) || Object.values(item).some((each) => each !== false)) : trusts(item)));
}

/** The azuread types of SIGN_IN_OBJECTS: a block of one an import adopts rewrites the existing object. */
const AZUREAD_SIGN_IN: { readonly [type: string]: string } = {
  azuread_named_location: 'a named location, which live Conditional Access policies may include, exclude or trust',
  azuread_authentication_strength_policy: 'an authentication strength, whose methods live Conditional Access policies\' grants may ask for',
};

/** The azuread types whose object a removed block may destroy while a live policy on the administrator relies on it, and what each is. */
const REMOVED_POLICIES: { readonly [type: string]: string } = {
  azuread_conditional_access_policy: 'a Conditional Access policy, which may be one that applied to',
  azuread_group_role_management_policy: 'a Privileged Identity Management policy (azuread resets it to the tenant\'s defaults), which may be one that governed',
  ...Object.fromEntries(Object.entries(AZUREAD_SIGN_IN).map(([type, what]) => [type, `${what}, which may be one that applied to`])),
};

/**
 * Removed blocks that destroy a policy (twenty-fifth review, A25b-5): Terraform destroys the object the address managed (`destroy` true,
 * or not set), which an import may have adopted in an earlier run: an existing policy on the administrator, deleted as a Graph DELETE
 * of it (which fails above) deletes it. A removed block that only forgets its object (`destroy = false`) deletes nothing (PG-CFG-7).
 */
function removedPolicies(administrators: readonly ResourceView[], stack: StackFacts | undefined): PolicyAddition[] {
  const administrator = administrators[0];
  if (administrator === undefined) return [];
  return (stack?.removals ?? []).flatMap((from): PolicyAddition[] => {
    const parts = from.split('.');
    const what = parts.length >= 2 ? ownValue(REMOVED_POLICIES, parts[parts.length - 2]) : undefined;
    if (what === undefined) return [];
    const resource: ResourceView = { type: 'removed', name: from, address: `removed.${from}`, config: {}, certain: true };
    return [{ resource, administrator, text: `destroys ${what} ${named(administrator)} (a removed block without destroy = false deletes the object ${from} managed, which an import may have adopted)` }];
  });
}

/** Writes over an existing sign-in object of the tenant (SIGN_IN_OBJECTS), azuread or Graph or REST, that are not read as only hardening. */
function signInSettings(administrators: readonly ResourceView[], stack: StackFacts | undefined): PolicyAddition[] {
  const administrator = administrators[0];
  if (administrator === undefined) return [];
  const adopted = Object.entries(AZUREAD_SIGN_IN).flatMap(([type, what]) => resourcesOfType(stack, type).flatMap((resource): PolicyAddition[] => {
    const how = adoptedBy(resource.address, stack);
    if (how !== undefined) return [{ resource, administrator, text: `rewrites ${what} that exists (${how === 'import' ? 'an import adopts it' : 'a moved block hands it over from another address'}): its live settings may be what a policy on ${named(administrator)} relies on, and the checks cannot read those policies` }];
    const trust = type === 'azuread_named_location' ? locationTrust(resource.config) : undefined;
    return trust === undefined ? [] : [{ resource, administrator, text: `creates ${TRUSTED_LOCATION} (${trust}): it may exempt ${named(administrator)} from a policy that excludes trusted locations, and the checks cannot read those policies` }];
  }));
  const written = directoryWriters(stack).flatMap((resource): PolicyAddition[] => {
    // Its URLs as the provider sends them (graph-urls.ts: "./" and "x/../" cleaned, OData keys, percent-encoded characters; a REST
    // object's create, read and update paths), its own new object aside (writtenUrls): an item of a collection is an existing object,
    // whichever request names it (A31a-2). A GET writes nothing.
    const urls = writtenUrls(resource, stack?.providers ?? []);
    const found = signInObject(urls);
    if (found === undefined) return [];
    const { object, item } = found;
    const body = sentBody(resource);
    const readable = isObject(body) && !isUnknown(body);
    if (!(object.existing === true || item || GRAPH_OVER_EXISTING.includes(resource.type) || isAdopted(resource.address, stack))) {
      // A new one: inert unless a live policy may name it by its kind (A26-4).
      if (object.created === undefined || (readable && object.created.inert(body as { readonly [key: string]: unknown }))) return [];
      return [{ resource, administrator, text: `creates ${object.created.what}${readable ? '' : ' with a body known only at apply time'}: it may exempt ${named(administrator)} from a policy that excludes those, and the checks cannot read those policies` }];
    }
    if (readable && object.hardens?.(body as { readonly [key: string]: unknown }, item, urls) === true) return [];
    return [{ resource, administrator, text: `writes over ${object.what}${readable ? '' : ' with a body known only at apply time'}: its live settings may be what a policy on ${named(administrator)} relies on, and the checks cannot read those policies` }];
  });
  return [...adopted, ...written];
}

/** What a sign-in object whose path holds a part known only at apply time may be: any of SIGN_IN_OBJECTS, so no write of it is read as hardening. */
const LATER_SIGN_IN_OBJECT = { path: [], what: 'a sign-in object of the tenant (a part of its path known only at apply time may name any: a named location, an authentication strength or methods policy, security defaults, cross-tenant access, a token lifetime policy)', existing: true } as const;

/**
 * The sign-in object a request's URLs write (SIGN_IN_OBJECTS), matched over the path's segments as the provider sends it (graph-urls.ts:
 * cleaned, decoded, OData keys as segments), anywhere in it, and whether a segment after a collection names one item (an existing one).
 * A segment known only at apply time may be any name ("policies/${data.msgraph_resource.p.output.id}" may be the authentication methods
 * policy, whose ID is its name): a match at the path's start that needs one may be any object (LATER_SIGN_IN_OBJECT), one known segment
 * at least matching (a part that may hold "/" or ".." is anyPathWrites').
 */
function signInObject(urls: readonly GraphUrl[]): { readonly object: typeof SIGN_IN_OBJECTS[number]; readonly item: boolean } | undefined {
  let later: { readonly object: typeof SIGN_IN_OBJECTS[number]; readonly item: boolean } | undefined;
  for (const object of SIGN_IN_OBJECTS) {
    // An item (an existing object) one request names is read over the collection another posts to (A31a-2).
    let found: { readonly object: typeof SIGN_IN_OBJECTS[number]; readonly item: boolean } | undefined;
    for (const { segments } of urls) {
      for (let at = 0; at + object.path.length <= segments.length; at++) {
        const part = segments.slice(at, at + object.path.length);
        if (!part.every((segment, index) => segmentMayBe(segment, object.path[index])) || part.every((segment) => segment.later)) continue;
        // A part known only at apply time is one object's key (anyPathWrites reads the others): it may name a policy of the tenant at the path's start only.
        if (at > 0 && part.some((segment) => segment.later)) continue;
        const item = object.items === true && segments[at + object.path.length] !== undefined;
        if (part.every((segment) => !segment.later)) {
          if (item) return { object, item };
          found ??= { object, item };
        } else if (later === undefined || (item && !later.item)) {
          later = { object: LATER_SIGN_IN_OBJECT, item };
        }
      }
    }
    if (found !== undefined) return found;
  }
  return later;
}

/** Why a new azuread_named_location may be trusted (its ip block's `trusted` true or known only at apply time, a dynamic block), or undefined when not (a country one cannot be). */
function locationTrust(config: { readonly [key: string]: unknown }): string | undefined {
  if (blocksKnownLater(config, 'ip')) return 'its ip block known only at plan or apply time';
  const ip = config.ip;
  if (ip === undefined || ip === null) return undefined;
  const blocks = Array.isArray(ip) ? ip : [ip];
  const trusted = blocks.find((block) => !isObject(block) || isUnknown(block) || !untrusted(propertyInAnyCase(block, 'trusted')));
  return trusted === undefined ? undefined : `ip.trusted ${isObject(trusted) && !isUnknown(trusted) ? JSON.stringify(propertyInAnyCase(trusted, 'trusted')) : 'known only at apply time'}`;
}

/** A new policy's excluded applications, any of which may be PostgreSQL's, as a weak setting; its other conditions only narrow where it applies. */
function excludedApplications(config: { readonly [key: string]: unknown }): string[] {
  const applications = config.conditions === undefined ? undefined : nested(nested(config, 'conditions'), 'applications');
  const excluded = applications?.excluded_applications;
  const expected = ((EXISTING_CONDITIONAL_ACCESS.conditions as Schema).applications as Schema).excluded_applications as Hardening;
  const listed = hardens(excluded, expected) ? [] : [`conditions.applications.excluded_applications ${isUnknown(excluded) ? 'known only at apply time' : JSON.stringify(excluded)} (any may be Azure Database for PostgreSQL's application)`];
  // A filter on application attributes (azuread's filter, Graph's applicationFilter) may match PostgreSQL's application: excluding by it, or by a mode known only then, exempts as a list does (A22a-3).
  const filters = ['filter', 'application_filter'].flatMap((key) => {
    const filter = applications?.[key];
    if (filter === undefined || filter === null) return [];
    const mode = nested(applications, key)?.mode;
    return typeof mode === 'string' && mode.trim().toLowerCase() === 'include' ? [] : [`conditions.applications.${key} ${JSON.stringify(filter)} (excluding what it matches: it may match Azure Database for PostgreSQL's application)`];
  });
  return [...listed, ...filters];
}

/**
 * The grant controls of a policy over an existing one: with OR, any control satisfies it, so each must stand for a sign-in
 * factor (MFA, an authentication strength, a compliant or joined device) or block; with AND, one of them must. Terms of use or an
 * approved app alone let the administrator in without MFA the live policy may have asked for (A20a-4).
 */
function grantWeakening(config: { readonly [key: string]: unknown }): string[] {
  const grant = nested(config, 'grant_controls');
  if (config.grant_controls === undefined || grant === undefined) return [];
  const builtIn = Array.isArray(grant.built_in_controls) ? grant.built_in_controls : grant.built_in_controls === undefined ? [] : [grant.built_in_controls];
  const strong = builtIn.map((control) => (typeof control === 'string' && STRONG_CONTROLS.includes(control.trim().toLowerCase())));
  const strength = grant.authentication_strength_policy_id !== undefined && grant.authentication_strength_policy_id !== null;
  const others = ['terms_of_use', 'custom_authentication_factors'].filter((key) => grant[key] !== undefined && !(Array.isArray(grant[key]) && (grant[key] as unknown[]).length === 0));
  const or = typeof grant.operator !== 'string' || grant.operator.trim().toLowerCase() !== 'and';
  const holds = or ? strong.every(Boolean) && others.length === 0 && (strong.length > 0 || strength) : strong.some(Boolean) || strength;
  return holds ? [] : [`grant_controls ${JSON.stringify(grant)} (no sign-in factor every way through)`];
}

/** Grant controls that ask for a sign-in factor or refuse the sign-in. */
const STRONG_CONTROLS = ['mfa', 'block', 'compliantdevice', 'domainjoineddevice'];

/** Whether an existing policy includes everyone of the administrator's kind: All users (a user, a group's members), every service principal of the tenant. */
function includesEveryone(administrator: ResourceView, config: { readonly [key: string]: unknown }): boolean {
  const conditions = nested(config, 'conditions');
  // Users not written (a Graph update): the live ones stay.
  if (conditions === undefined || (conditions.users === undefined && conditions.client_applications === undefined)) return true;
  const holds = (block: string, list: string, value: string) => {
    const items = nested(conditions, block)?.[list];
    return Array.isArray(items) && items.some((item) => typeof item === 'string' && item.trim().toLowerCase() === value);
  };
  return (mayBeKind(administrator, ['user', 'group']) && holds('users', 'included_users', 'all'))
    || (mayBeKind(administrator, ['serviceprincipal']) && holds('client_applications', 'included_service_principals', 'serviceprincipalsinmytenant'));
}

/** The settings of a block that do not harden, as "require_approval false"; none when every one does. */
function weakSettings(config: { readonly [key: string]: unknown }, schema: Schema, prefix = '', meta: { has(key: string): boolean } = META): string[] {
  return Object.entries(config).flatMap(([key, value]): string[] => {
    if (prefix === '' && meta.has(key)) return [];
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
  return entry === true || entry === 'any' || entry === 'none' || Array.isArray(entry) || (isObject(entry) && (('atMost' in entry && typeof (entry as { atMost: unknown }).atMost === 'number')
    || ('some' in entry && Array.isArray((entry as { some: unknown }).some))));
}

/** Whether a literal value hardens: absent writes nothing; a list hardens when every item does. */
function hardens(value: unknown, expected: Hardening): boolean {
  if (value === undefined || value === null) return true;
  if (isUnknown(value)) return false;
  if (expected === 'any') return true;
  if (expected === 'none') return Array.isArray(value) && value.length === 0;
  if (expected === true) return value === true || value === 'true';
  // A list holding one of the texts (an item known only at apply time is not one for sure).
  if (isObject(expected) && 'some' in expected) return (Array.isArray(value) ? value : [value]).some((item) => typeof item === 'string' && expected.some.includes(item.trim().toLowerCase()));
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

/** A nested block (an object, or the first of a list), or undefined. */
function nested(config: { readonly [key: string]: unknown } | undefined, name: string): { readonly [key: string]: unknown } | undefined {
  const value = config?.[name];
  // As HCL's JSON syntax reads a list of blocks: [[{...}]] is one block of those arguments, [null] an empty one (A27b-4).
  const block = Array.isArray(value) ? (isObject(value[0]) ? value[0] : blockBodies(value)[0]) : value;
  return isObject(block) && !isUnknown(block) ? (block as { readonly [key: string]: unknown }) : undefined;
}

/** Whether a list of object IDs may name the administrator: known only at apply time, or an item that names or may name it (GUIDs and expressions only: "All", "GuestsOrExternalUsers" name none). */
function listMayName(administrator: ResourceView, value: unknown, stack: StackFacts | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (isUnknown(value)) return true;
  const items = Array.isArray(value) ? value : [value];
  return items.some((item) => (typeof item === 'string' && !item.includes('${') ? guidKey(item) !== undefined : true) && mayNameObject(administrator, item, stack));
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

/** A Conditional Access policy writer of another form, read in the azuread shape: the block, its settings (undefined: a body known only at apply time), and whether it writes over an existing policy. */
interface PolicyWrite {
  readonly resource: ResourceView;
  readonly config: { readonly [key: string]: unknown } | undefined;
  readonly existing: boolean;
}

/**
 * Microsoft Graph and REST writes over an existing Conditional Access policy (a PATCH of `identity/conditionalAccess/policies/<id>`,
 * an update, an action, an import), their body read in the azuread shape (graphShape); a new policy a Graph write posts names the
 * administrator by its ID and is judged by the group readers (administrator-groups.ts), so it is not read again here (A20a-4).
 * The URL is read as the provider sends it: a policy ID known only at apply time may be any policy, one that applies to the
 * administrator (A25a-2). A delete of one is the delete rule's (graph-write-targets.ts).
 */
function graphPolicies(administrators: readonly ResourceView[], stack: StackFacts | undefined): PolicyWrite[] {
  return directoryWriters(stack).flatMap((resource): PolicyWrite[] => {
    // Each request by its own target (A31a-2): an update naming an existing policy writes over it, whatever the create posted to.
    const targets = policyTargets(resource, stack?.providers ?? []).filter((target) => target.kind === 'conditionalAccess');
    if (targets.length === 0) return [];
    const existing = targets.some((target) => target.item) || GRAPH_OVER_EXISTING.includes(resource.type) || isAdopted(resource.address, stack);
    // A new policy is read too (its exclusions, A22a-3); one naming a group administrator is judged as a write into the group.
    if (administrators.some((administrator) => mayBeGroup(administrator) && mentionsGroup(administrator, resource, stack))) return [];
    // Its create's body, and restful's update body when `update_body_patches` change it (sentBodies' last): each update sends that.
    const patched = httpRequestType(resource)?.patches;
    const bodies = [sentBody(resource), ...(patched !== undefined && resource.config[patched] !== undefined && resource.config[patched] !== null ? sentBodies(resource).slice(-1) : [])];
    return bodies.map((body) => ({ resource, config: isObject(body) && !isUnknown(body) ? graphShape(body) as { readonly [key: string]: unknown } : undefined, existing }));
  });
}

/** Graph writers that write over an object that exists (a PATCH, an action): they create none. */
const GRAPH_OVER_EXISTING = ['msgraph_update_resource', 'msgraph_resource_action'];

/**
 * Graph or REST writes of a PIM policy that does not name the administrator group (those the group readers judge, mentionsGroup): it
 * may be the administrator group's, where a rule without MFA, approval or justification lets its eligible members join. Its ID known
 * only at apply time may be any (A25a-2); a literal ID says no more, as Graph documents a role management policy's `id` only as its
 * "unique identifier" (learn.microsoft.com/graph/api/resources/unifiedrolemanagementpolicy), so the "Group_<id>_…" spelling seen in
 * tenants is no format to rely on (31st run). Its rules are not read: it fails closed beside a group administrator.
 */
function laterPimPolicies(administrators: readonly ResourceView[], stack: StackFacts | undefined): PolicyAddition[] {
  const groups = administrators.filter(mayBeGroup);
  if (groups.length === 0) return [];
  return directoryWriters(stack).flatMap((resource): PolicyAddition[] => {
    const target = policyTargets(resource, stack?.providers ?? []).find((each) => each.kind === 'pim');
    if (target === undefined || groups.some((group) => mentionsGroup(group, resource, stack))) return [];
    return [{ resource, administrator: groups[0], text: `writes the Privileged Identity Management policy ${JSON.stringify(target.written)}, ${target.later ? 'whose ID is known only at apply time' : 'whose ID does not say which group it is of (Graph documents no format for it)'} and may be the one of the group ${named(groups[0])} (how its eligible members become members; its rules are not read as only hardening)` }];
  });
}

/**
 * Graph or REST `$batch` requests (brief of the twenty-fifth review): a request of its body may write anything (a member, a
 * credential, a principal of a name, a Conditional Access or PIM policy) by a URL the body holds. A GET reads only, and a grant
 * path is judged request by request (administrator-powers.ts); any other write, or requests the checks cannot read, fail closed
 * beside an administrator.
 */
function batchWrites(administrators: readonly ResourceView[], stack: StackFacts | undefined): PolicyAddition[] {
  if (administrators.length === 0) return [];
  return directoryWriters(stack).filter((resource) => graphWrites(resource, stack?.providers ?? []).some(({ url, method, deletes }) => !deletes && isBatch(url) && (method === undefined || method === 'POST') && batchMayWrite(resource)))
    .map((resource) => ({ resource, administrator: administrators[0], text: `sends a Microsoft Graph $batch, whose requests may write anything that reaches ${named(administrators[0])} (a member, a credential, a principal of its name, a Conditional Access or PIM policy) and are not read one by one` }));
}

/**
 * Graph or REST writes whose URL may reach any path (graph-urls.ts `anyPath`): a part known only at apply time that may hold "/" or ".."
 * (a variable, a local, an iterator, a function, an attribute that is no object's key) is written in before the provider cleans the URL,
 * so `users/${var.x}` may write a Conditional Access or PIM policy, a sign-in setting, a group's members or a role (the readers that
 * match a path cannot tell which). They fail closed beside an administrator, as a $batch does; a GET (graphWrites drops it) reads only.
 */
function anyPathWrites(administrators: readonly ResourceView[], stack: StackFacts | undefined): PolicyAddition[] {
  if (administrators.length === 0) return [];
  return directoryWriters(stack).flatMap((resource): PolicyAddition[] => {
    // A delete is the delete rule's (graph-write-targets.ts), which fails it closed the same way.
    const url = graphWrites(resource, stack?.providers ?? []).filter((write) => !write.deletes).map((write) => write.url).find((each) => each.anyPath !== undefined && !isBatch(each));
    if (url === undefined) return [];
    return [{ resource, administrator: administrators[0], anyPath: true, text: `writes at ${JSON.stringify(url.written)}, whose part ${JSON.stringify(url.anyPath)} is known only at apply time and may hold "/" or ".." (the provider cleans the URL after it is written in): the request may reach any path, a Conditional Access or PIM policy, a sign-in setting, the members, owners or credentials of ${named(administrators[0])}, which the checks cannot read` }];
  });
}

/** Collections whose objects a request names by key, which the pointer readers read in any text of a block. */
const NAMED_OBJECTS = new Set(['groups', 'users', 'serviceprincipals', 'applications', 'directoryobjects']);

/**
 * Whether a batch's body holds a write the grant and pointer readers do not read (a post that makes a principal, a policy), or requests
 * the checks cannot read: its body as graph-urls.ts batchBody reads it (the membership reader's too), a `jsonencode(...)` as what it encodes.
 */
function batchMayWrite(resource: ResourceView): boolean {
  const { requests, unread } = batchBody(resource);
  return unread || requests.some(({ method, url }) => {
    if (method === 'GET') return false;
    if (url.segments.length === 0 || url.segments.some((segment) => segment.later)) return true;
    // A write into a directory object by its key ("groups/<id>/members/$ref") is read by the pointer readers (directory-pointers.ts reads every request's URL).
    const [collection, key] = url.segments;
    if (key !== undefined && NAMED_OBJECTS.has(collection.text.toLowerCase())) return false;
    // A grant is the power reader's, which reads every Graph and REST writer type (readsPowers, the one list): in another type's batch it would fail closed here.
    return !(readsPowers(resource.type) && isGrantPath(pathText(url).toLowerCase()));
  });
}

/**
 * A Graph policy body in the azuread shape: camelCase names in snake_case, `include…`/`exclude…` lists as `included_…`/`excluded_…`,
 * the authentication strength's `id` as `authentication_strength_policy_id`; OData annotations and the `id` dropped. A name the
 * schema does not know stays unread, which fails closed.
 */
function graphShape(value: unknown, top = true): unknown {
  if (Array.isArray(value)) return value.map((item) => graphShape(item, false));
  if (!isObject(value) || isUnknown(value)) return value;
  const entries = Object.entries(value).filter(([key]) => !key.startsWith('@odata') && !(top && key.toLowerCase() === 'id')).flatMap(([key, item]): [string, unknown][] => {
    if (key.toLowerCase() === 'authenticationstrength') return [['authentication_strength_policy_id', isObject(item) && !isUnknown(item) ? item.id : item]];
    const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/^(include|exclude)_/, '$1d_');
    return [[snake, graphShape(item, false)]];
  });
  return Object.fromEntries(entries);
}
