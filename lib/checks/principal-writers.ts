import { ownValue } from '../private/own-keys';
import { caseInsensitive, parseJson, requestBody } from './azapi-writes';
import { collectionUrl, DirectoryCollection } from './directory-pointers';
import { isUnknown, Unknown } from './hcl-expression';
import { StackFacts } from './rule';
import type { ResourceView } from './stack-model';
import { isObject } from './terraform-json';

// One model of the principals a stack makes, whichever provider writes them (twenty-first review, A21a-6): an azuread block
// is read as written; a Microsoft Graph (or REST) request that posts a new user, group, application or service principal
// is read in the azuread shape, its body's fields translated to the azuread arguments they are the counterpart of, so every
// administrator reader (credentials, reset contacts, owners, lookups by name) judges a principal made either way alike.

/** What a principal is. */
export type PrincipalKind = 'user' | 'group' | 'application' | 'servicePrincipal';

/** The azuread types whose block is a principal. */
export const AZUREAD_PRINCIPALS: { readonly [type: string]: PrincipalKind } = {
  azuread_user: 'user', azuread_group: 'group', azuread_application: 'application', azuread_service_principal: 'servicePrincipal',
};

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
    'userprincipalname': 'user_principal_name', 'displayname': 'display_name', 'mailnickname': 'mail_nickname', 'mail': 'mail', 'employeeid': 'employee_id',
    'passwordprofile': 'password', 'othermails': 'other_mails', 'mobilephone': 'mobile_phone', 'businessphones': 'business_phones',
    'onpremisesimmutableid': 'onpremises_immutable_id', 'onpremisessyncenabled': 'onpremises_sync_enabled', 'identities': 'identities',
  },
  group: {
    'displayname': 'display_name', 'mailnickname': 'mail_nickname', 'grouptypes': 'types', 'visibility': 'visibility', 'membershiprule': 'dynamic_membership',
    'members@odata.bind': 'members', 'owners@odata.bind': 'owners',
  },
  application: {
    'displayname': 'display_name', 'passwordcredentials': 'password', 'keycredentials': 'key_credentials', 'owners@odata.bind': 'owners',
    'federatedidentitycredentials': 'federated_identity_credentials',
  },
  servicePrincipal: {
    'appid': 'client_id', 'displayname': 'display_name', 'passwordcredentials': 'password', 'keycredentials': 'key_credentials', 'owners@odata.bind': 'owners',
  },
};

/** The types that post a new directory object, and the arguments holding the request's URL and body. */
export const PRINCIPAL_POSTS: { readonly [type: string]: { readonly url: string; readonly body: (resource: ResourceView) => unknown } } = {
  msgraph_resource: { url: 'url', body: requestBody },
  restapi_object: { url: 'path', body: (resource) => restBody(resource.config.data, resource.address) },
};

/** A principal the stack makes: its block, its kind, and its arguments in the azuread shape (an Unknown when its body cannot be read). */
export interface PrincipalWriter {
  readonly resource: ResourceView;
  readonly kind: PrincipalKind;
  readonly fields: { readonly [argument: string]: unknown } | Unknown;
}

/** The principal a block makes, read in the azuread shape; undefined when it makes none. */
export function principalWriter(resource: ResourceView): PrincipalWriter | undefined {
  const azuread = ownValue(AZUREAD_PRINCIPALS, resource.type);
  if (azuread !== undefined) return { resource, kind: azuread, fields: resource.config };
  const post = ownValue(PRINCIPAL_POSTS, resource.type);
  const collection = post === undefined ? undefined : collectionUrl(resource.config[post.url]);
  if (post === undefined || collection === undefined) return undefined;
  const kind = GRAPH_PRINCIPALS[collection];
  const body = post.body(resource);
  if (body === undefined) return { resource, kind, fields: {} };
  if (isUnknown(body) || !isObject(body)) return { resource, kind, fields: isUnknown(body) ? body : new Unknown(`the body of ${resource.address}`, []) };
  return { resource, kind, fields: translated(kind, body) };
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
