import { ownValue } from '../private/own-keys';
import { caseInsensitive, parseJson, requestBody } from './azapi-writes';
import { DirectoryCollection } from './directory-pointers';
import { graphRequest, graphUrl, GraphUrl, mayPost } from './graph-urls';
import { isUnknown, Unknown, Value } from './hcl-expression';
import { StackFacts } from './rule';
import type { ResourceView } from './stack-model';
import { isObject } from './terraform-json';

// One model of the principals a stack makes, whichever provider writes them (twenty-first review, A21a-6): an azuread block
// is read as written; a Microsoft Graph (or REST) request that posts a new user, group, application or service principal
// is read in the azuread shape, its body's fields translated to the azuread arguments they are the counterpart of, so every
// administrator reader (credentials, reset contacts, owners, lookups by name) judges a principal made either way alike.

/** What a principal is. */
export type PrincipalKind = 'user' | 'group' | 'application' | 'servicePrincipal';

/**
 * The azuread types whose block is a principal (twenty-second review, A22a-4: azuread 3.x makes a group without members, an
 * application as a registration or from a gallery template, whose service principal it makes too, and a user by invitation).
 */
export const AZUREAD_PRINCIPALS: { readonly [type: string]: PrincipalKind } = {
  azuread_user: 'user', azuread_group: 'group', azuread_application: 'application', azuread_service_principal: 'servicePrincipal',
  azuread_group_without_members: 'group', azuread_application_registration: 'application', azuread_application_from_template: 'application',
  azuread_invitation: 'user',
};

/**
 * The attribute each principal type's block exports its new object's ID as (`object_id` where not listed; a Graph or REST post's
 * `id`): what a lookup that finds it reads as its object ID.
 */
export const OBJECT_ID_ATTRIBUTES: { readonly [type: string]: string } = {
  azuread_application_from_template: 'application_object_id', azuread_invitation: 'user_id', msgraph_resource: 'id', restapi_object: 'id',
};

/** The attribute a principal writer's block reads its new object's ID by. */
export function objectIdAttribute(type: string): string {
  return ownValue(OBJECT_ID_ATTRIBUTES, type) ?? 'object_id';
}

/**
 * The field an invited user is read with (A22a-2): whoever redeems the invitation (an account of another organization, a personal
 * address) signs in as the user, a guest or an invited member alike. Its name is not the invited address (a Graph user's mail
 * is), and its user principal name is the address with "#EXT#" and the tenant's domain, known only at apply time.
 */
export const INVITED = 'invitation';

/** An invited user in the azuread shape: its mail, display name, the user principal name Entra gives it, and the invitation. */
function invited(address: unknown, name: unknown): { [argument: string]: unknown } {
  const upn = typeof address === 'string' ? `${address.trim().replace(/@/g, '_')}#EXT#@\${tenant}` : undefined;
  return {
    [INVITED]: true, ...(address === undefined ? {} : { mail: address }), ...(name === undefined ? {} : { display_name: name }),
    user_principal_name: upn === undefined ? new Unknown('tenant', ['tenant']) : new Unknown(upn, [], upn),
  };
}

/** The kind of principal a Graph collection holds. */
export const GRAPH_PRINCIPALS: { readonly [collection in DirectoryCollection]: PrincipalKind } = {
  users: 'user', groups: 'group', applications: 'application', servicePrincipals: 'servicePrincipal',
};

/**
 * For each kind, the fields of a Graph request body (lower case) and the azuread argument each is the counterpart of. Fields Graph
 * has and azuread does not (keyCredentials, onPremisesSyncEnabled, identities) are named as the checks name them.
 */
export const GRAPH_FIELDS: { readonly [kind in PrincipalKind]: { readonly [field: string]: string } } = {
  user: {
    'usertype': 'user_type', 'userprincipalname': 'user_principal_name', 'displayname': 'display_name', 'mailnickname': 'mail_nickname', 'mail': 'mail', 'employeeid': 'employee_id',
    'passwordprofile': 'password', 'othermails': 'other_mails', 'mobilephone': 'mobile_phone', 'businessphones': 'business_phones',
    'onpremisesimmutableid': 'onpremises_immutable_id', 'onpremisessyncenabled': 'onpremises_sync_enabled', 'identities': 'identities',
    // Graph's list of password policies ("DisableStrongPassword, DisablePasswordExpiration") holds azuread's disable_strong_password (A25b-7).
    'passwordpolicies': 'disable_strong_password',
  },
  group: {
    'displayname': 'display_name', 'mailnickname': 'mail_nickname', 'grouptypes': 'types', 'visibility': 'visibility', 'membershiprule': 'dynamic_membership',
    'members@odata.bind': 'members', 'owners@odata.bind': 'owners',
  },
  application: {
    'displayname': 'display_name', 'passwordcredentials': 'password', 'keycredentials': 'key_credentials', 'owners@odata.bind': 'owners',
    'federatedidentitycredentials': 'federated_identity_credentials', 'identifieruris': 'identifier_uris',
  },
  servicePrincipal: {
    'appid': 'client_id', 'displayname': 'display_name', 'passwordcredentials': 'password', 'keycredentials': 'key_credentials', 'owners@odata.bind': 'owners',
  },
};

/**
 * The types that post a new directory object: the collection each posts to (read as the provider sends it, graph-urls.ts, lower
 * case; undefined when it posts to none: another path, another method, a URL known only at apply time), and its request's body.
 * msgraph_resource posts to its `url`; msgraph_resource_action sends its `method` to `resource_url`/`action` (A25a-6: a POST
 * to "groups" makes a group as msgraph_resource does).
 */
export const PRINCIPAL_POSTS: { readonly [type: string]: { readonly collection: (resource: ResourceView) => string | undefined; readonly body: (resource: ResourceView) => unknown } } = {
  msgraph_resource: { collection: graphCollection, body: requestBody },
  msgraph_resource_action: { collection: graphCollection, body: requestBody },
  restapi_object: { collection: (resource) => onlySegment(graphUrl(resource.config.path)), body: (resource) => restBody(resource.config.data, resource.address) },
};

/** The collection a msgraph request may post to: its URL's one segment, when its method is POST (or known only at apply time). */
function graphCollection(resource: ResourceView): string | undefined {
  const request = graphRequest(resource);
  return request === undefined || !mayPost(request) ? undefined : onlySegment(request.url);
}

/** A URL's one segment, lower case, when it has one known segment. */
function onlySegment(url: GraphUrl): string | undefined {
  return url.segments.length === 1 && !url.segments[0].later ? url.segments[0].text.toLowerCase() : undefined;
}

/** The Graph collections of principals by their lower-case name. */
const POSTED_KINDS: { readonly [collection: string]: PrincipalKind } = Object.fromEntries(Object.entries(GRAPH_PRINCIPALS).map(([collection, kind]) => [collection.toLowerCase(), kind]));

/** A principal the stack makes: its block, its kind, and its arguments in the azuread shape (an Unknown when its body cannot be read). */
export interface PrincipalWriter {
  readonly resource: ResourceView;
  readonly kind: PrincipalKind;
  readonly fields: { readonly [argument: string]: unknown } | Unknown;
}

/** The principal a block makes, read in the azuread shape; undefined when it makes none. */
export function principalWriter(resource: ResourceView): PrincipalWriter | undefined {
  const azuread = ownValue(AZUREAD_PRINCIPALS, resource.type);
  if (resource.type === 'azuread_invitation') return { resource, kind: 'user', fields: invited(resource.config.user_email_address, resource.config.user_display_name) };
  if (resource.type === 'azuread_user') return { resource, kind: 'user', fields: withNickname(resource.config) };
  if (azuread !== undefined) return { resource, kind: azuread, fields: resource.config };
  const post = ownValue(PRINCIPAL_POSTS, resource.type);
  const collection = post?.collection(resource);
  if (post !== undefined && collection === 'invitations') {
    const body = post.body(resource);
    if (body === undefined || isUnknown(body) || !isObject(body)) return { resource, kind: 'user', fields: { [INVITED]: true, user_principal_name: new Unknown('tenant', ['tenant']) } };
    const field = (name: string) => Object.entries(body).find(([key]) => key.toLowerCase() === name)?.[1];
    return { resource, kind: 'user', fields: invited(field('inviteduseremailaddress'), field('inviteduserdisplayname')) };
  }
  const kind = collection === undefined ? undefined : ownValue(POSTED_KINDS, collection);
  if (post === undefined || kind === undefined) return undefined;
  const body = post.body(resource);
  if (body === undefined) return { resource, kind, fields: {} };
  if (isUnknown(body) || !isObject(body)) return { resource, kind, fields: isUnknown(body) ? body : new Unknown(`the body of ${resource.address}`, []) };
  return { resource, kind, fields: translated(kind, body) };
}

/**
 * An azuread user's arguments with the mail nickname it gets when none is written (twenty-fourth review, A24a-5): the azuread
 * provider "defaults to the user name part of the user principal name" (its part before "@"), so a lookup by that nickname returns
 * it. A user principal name known only at apply time gives a nickname known then (its spelling up to "@", or any). A Graph post of
 * a user must write mailNickname (Graph refuses one without it), so only the azuread block takes a default.
 */
function withNickname(config: { readonly [argument: string]: unknown }): { readonly [argument: string]: unknown } {
  if (config.mail_nickname !== undefined && config.mail_nickname !== null) return config;
  const nickname = userPart(config.user_principal_name);
  return nickname === undefined ? config : { ...config, mail_nickname: nickname };
}

/** The part of a user principal name before its "@": text for a literal, an Unknown spelling it (each choice) or any text. */
function userPart(upn: unknown): unknown {
  if (typeof upn === 'string') return upn.includes('@') ? upn.slice(0, upn.indexOf('@')) : upn;
  if (!isUnknown(upn)) return undefined;
  const parts = upn.choices?.map(userPart);
  const choices = parts?.every((part) => typeof part === 'string' || isUnknown(part)) ? (parts as Value[]) : undefined;
  const spelled = upn.spelling;
  // Any text (a plain reference's spelling) unless the spelling's literal "@" ends the user part.
  const at = /(?<!\$)@/.exec(spelled.replace(/\$\{[^}]*\}/g, (hole) => hole.replace(/@/g, ' ')));
  const part = at === null ? undefined : spelled.slice(0, at.index);
  return new Unknown(`the user part of ${upn.expression}`, upn.references, part ?? '${upn}', choices);
}

/** A Graph body's fields as the azuread arguments they are the counterpart of (GRAPH_FIELDS); other fields are left out. */
function translated(kind: PrincipalKind, body: { readonly [field: string]: unknown }): { [argument: string]: unknown } {
  const fields: { [argument: string]: unknown } = {};
  for (const [field, value] of Object.entries(body)) {
    const argument = ownValue(GRAPH_FIELDS[kind], field.toLowerCase());
    if (argument !== undefined && value !== null) fields[argument] = value;
  }
  return fields;
}

/** A REST write's data (an object, or its JSON text) read with field names in any case; an Unknown when it cannot be read. */
function restBody(data: unknown, address: string): unknown {
  if (data === undefined || data === null) return undefined;
  const parsed = typeof data === 'string' ? parseJson(data) : data;
  return isObject(parsed) && !isUnknown(parsed) ? caseInsensitive(parsed, address) : new Unknown(`the data of ${address}`, []);
}

const writersOf = new WeakMap<ReadonlyMap<string, ResourceView>, ReadonlyMap<string, PrincipalWriter>>();

/** The principals the stack makes (resources only: a lookup makes none), by address, read once per stack (every server asks). */
export function principalWriters(stack: StackFacts | undefined): ReadonlyMap<string, PrincipalWriter> {
  const resources = stack?.resources;
  if (resources === undefined) return new Map();
  let writers = writersOf.get(resources);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (writers === undefined) {
    // Verdicts and messages must not depend on the order of keys in the JSON.
    writers = new Map([...resources.values()].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0))
      .map((resource) => [resource.address, principalWriter(resource)] as const)
      .filter((entry): entry is readonly [string, PrincipalWriter] => entry[1] !== undefined));
    writersOf.set(resources, writers);
  }
  return writers;
}

/** Which reader judges what a type writes into a principal an administrator may be (the class test holds each to its reader's table). */
export type AzureadReader =
  /** administrator-credentials.ts's credential writers: a secret, certificate, federated credential or owner of a principal. */
  | 'credential'
  /** administrator-groups.ts and later-groups.ts: a member or owner it adds to the group its pointer names. */
  | 'member'
  /** administrator-policies.ts: a policy naming the administrator passes only when read as hardening it. */
  | 'policy'
  /** administrator-powers.ts: a role or permission that reaches every group, application or user. */
  | 'power'
  /** administrator-credentials.ts's application types that write nothing to sign in with (INERT_APPLICATION_TYPES). */
  | 'application setting'
  /** directoryWriters: a write of a type no table reads, which fails where it names the administrator (or may). */
  | 'names';

/**
 * Every resource type of the azuread provider (3.x, its docs/resources) that is no principal of AZUREAD_PRINCIPALS: the reader that
 * judges it, or why it creates or changes no principal an administrator may be (A22a-4). A type a later provider adds, not listed,
 * is read as 'names' (any azuread_* write), and the class test fails until it is listed here or in AZUREAD_PRINCIPALS.
 */
export const AZUREAD_OTHER_TYPES: { readonly [type: string]: { readonly reader: AzureadReader } | { readonly inert: string } } = {
  azuread_service_principal_password: { reader: 'credential' }, azuread_service_principal_certificate: { reader: 'credential' },
  azuread_application_password: { reader: 'credential' }, azuread_application_certificate: { reader: 'credential' },
  azuread_application_federated_identity_credential: { reader: 'credential' }, azuread_application_flexible_federated_identity_credential: { reader: 'credential' },
  azuread_application_owner: { reader: 'credential' },
  azuread_group_member: { reader: 'member' }, azuread_privileged_access_group_assignment_schedule: { reader: 'member' },
  azuread_privileged_access_group_eligibility_schedule: { reader: 'member' }, azuread_access_package_resource_catalog_association: { reader: 'member' },
  azuread_access_package_resource_package_association: { reader: 'member' },
  azuread_conditional_access_policy: { reader: 'policy' }, azuread_group_role_management_policy: { reader: 'policy' },
  azuread_directory_role_assignment: { reader: 'power' }, azuread_directory_role_eligibility_schedule_request: { reader: 'power' },
  azuread_directory_role_member: { reader: 'power' }, azuread_administrative_unit_role_member: { reader: 'power' },
  azuread_access_package_catalog_role_assignment: { reader: 'power' }, azuread_app_role_assignment: { reader: 'power' },
  azuread_service_principal_delegated_permission_grant: { reader: 'power' },
  azuread_application_api_access: { reader: 'application setting' }, azuread_application_app_role: { reader: 'application setting' },
  azuread_application_identifier_uri: { reader: 'application setting' }, azuread_application_known_clients: { reader: 'application setting' },
  azuread_application_optional_claims: { reader: 'application setting' }, azuread_application_permission_scope: { reader: 'application setting' },
  azuread_application_pre_authorized: { reader: 'application setting' }, azuread_application_redirect_uris: { reader: 'application setting' },
  azuread_application_fallback_public_client: { reader: 'application setting' },
  // Writes into a principal by its ID that no table reads: each fails where it names (or may name) an administrator.
  azuread_administrative_unit_member: { reader: 'names' }, azuread_service_principal_token_signing_certificate: { reader: 'names' },
  azuread_service_principal_claims_mapping_policy_assignment: { reader: 'names' }, azuread_synchronization_job: { reader: 'names' },
  azuread_synchronization_job_provision_on_demand: { reader: 'names' }, azuread_synchronization_secret: { reader: 'names' },
  azuread_access_package: { inert: 'a package of a catalog: the groups it hands out are its resource package associations (member)' },
  azuread_access_package_assignment_policy: { inert: 'who may request a package: the package hands out only the groups its associations (member) add' },
  azuread_access_package_catalog: { inert: 'a container of packages: the groups it holds are its resource catalog associations (member)' },
  azuread_administrative_unit: { inert: 'a unit: its members are written by azuread_administrative_unit_member (names) and a group\'s administrative_unit_ids, its roles by azuread_administrative_unit_role_member (power)' },
  azuread_authentication_strength_policy: { inert: 'a set of authentication methods a Conditional Access policy (policy) may ask for: a new one no live policy names (one an import adopts, or a removed block destroys, is read by administrator-policies.ts, A25b-3)' },
  azuread_claims_mapping_policy: { inert: 'a policy object: it changes a principal only when assigned (azuread_service_principal_claims_mapping_policy_assignment, names)' },
  azuread_custom_directory_role: { inert: 'a role definition: its grant is the power (azuread_directory_role_assignment reads its allowed actions)' },
  azuread_directory_role: { inert: 'activates a built-in role: its members are written by azuread_directory_role_member (power)' },
  azuread_named_location: { inert: 'an IP or country range a Conditional Access policy (policy) may name: a new untrusted one no live policy names (one an import adopts, a removed block destroys, or a new trusted one "AllTrusted" names, is read by administrator-policies.ts, A25b-3, A26-4)' },
  azuread_user_flow_attribute: { inert: 'a custom attribute of B2C user flows: no principal' },
};
