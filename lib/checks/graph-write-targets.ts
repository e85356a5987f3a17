import { directoryWriters } from './administrator-groups';
import { isGrantPath } from './administrator-powers';
import { GraphSegment, graphRequest, GraphUrl, GraphWrite, graphWrites, httpRequestType, isBatch, mayReachGraph, ownObjectPaths, OwnObjectPaths, pathText, urlObject, urlPolicyTarget } from './graph-urls';
import type { ProviderConfiguration } from './provider-facts';
import type { StackFacts } from './rule';
import type { ResourceView } from './stack-model';
import { INSTANCE_KEY } from './traversal-text';

// Where a Microsoft Graph write goes, read as an allow-list (twenty-seventh review, A27a-1..6): the readers of PG-IAM-3 judge the
// principals (users, groups, service principals, applications), the grants of directory roles and Graph permissions, Conditional
// Access and PIM policies, `$batch` requests and the tenant's sign-in objects they know; everything else a write may reach is a path
// the checks do not read. Graph exposes one object under several paths (the beta SDK's `identity/conditionalAccess/authenticationStrength/
// policies/{id}` beside v1.0's `policies/authenticationStrengthPolicies/{id}`, `policies/conditionalAccessPolicies/{id}` beside
// `identity/conditionalAccess/policies/{id}`), and the tenant has trust anchors of sign-in no table lists (a domain's federation, a
// certificate authority for certificate-based authentication, on-premises synchronization's takeover guards): a path not known is
// read as one that may change how an administrator signs in, and fails closed.

/**
 * What the checks know of a write's target: `known` (a reader of PG-IAM-3 judges it, or it is known not to reach sign-in or a
 * principal), `users` (not read, but known to reach only how users sign in: a service principal administrator is not reached), or
 * `unknown` (not read: it may reach any administrator).
 */
export type GraphWriteTarget = 'known' | 'users' | 'unknown';

/** A write of a block whose target is not known: its method (undefined when known only at apply time), its path as read, and the URL as written. */
export interface UnreadGraphWrite {
  readonly method: string | undefined;
  readonly path: string;
  readonly written: string;
  /** Whether only users' sign-in is reached (GraphWriteTarget `users`). */
  readonly usersOnly: boolean;
  /** Whether it is a delete (deleteWrite): `destroy` the block's delete request, `delete` a DELETE it sends otherwise. */
  readonly deletes?: 'destroy' | 'delete';
}

/** Collections of principals: the pointer readers (directory-pointers.ts) judge every object a path names, principal-writers.ts every new one. */
const PRINCIPALS = new Set(['users', 'groups', 'serviceprincipals', 'applications', 'invitations']);
/** A path that starts with the `id` of an azuread principal block, which azuread 3.x spells as its path ("/applications/<id>"): read by the pointer readers. */
const PRINCIPAL_ID = new RegExp(String.raw`^\$\{(?:data\.)?azuread_(?:application|application_registration|service_principal|group|user)\.[^.[\]]+(?:${INSTANCE_KEY})?\.id\}$`);

/**
 * Paths, after the version, whose group or principal the pointer readers read in the body (PIM for groups' `groupId`, entitlement
 * management's `originId`, directory-pointers.ts): literal segments in lower case, `*` any one segment.
 */
const FIELD_READ: readonly (readonly string[])[] = [
  ['identitygovernance', 'privilegedaccess', 'group', 'eligibilityschedulerequests'],
  ['identitygovernance', 'privilegedaccess', 'group', 'assignmentschedulerequests'],
  ['identitygovernance', 'entitlementmanagement', 'resourcerequests'],
  ['identitygovernance', 'entitlementmanagement', 'accesspackages', '*', 'resourcerolescopes'],
];

/**
 * Paths known not to touch sign-in or a principal's access, each with its source (Microsoft Graph documentation). Kept short: a
 * path in doubt is not here.
 */
const INERT: readonly (readonly string[])[] = [
  // Change notifications: a subscription only sends notices of changes to a webhook (learn.microsoft.com/graph/change-notifications-delivery-webhooks).
  ['subscriptions'], ['subscriptions', '*'],
  // A gallery or non-gallery application instantiated: a new application and its service principal, as posting to those collections
  // makes (learn.microsoft.com/graph/api/applicationtemplate-instantiate; a principal made so is read by principal-writers.ts when an administrator reads it).
  ['applicationtemplates', '*', 'instantiate'],
];

/**
 * Tenant settings that decide how users sign in and no service principal (a service principal signs in with its own credentials,
 * which the credential readers judge): a domain's federation hands its users' sign-in to another identity provider
 * (learn.microsoft.com/graph/api/resources/internaldomainfederation); a certificate authority trusted for certificate-based
 * authentication, and the authentication methods and strengths, are users' methods; on-premises synchronization matches
 * on-premises accounts to cloud users and groups. Each a prefix; written over, any may hand a user or group administrator's sign-in
 * to another party. Conditional Access applies to service principals too (workload identities: `clientApplications`), so its paths are not here.
 */
const USER_SIGN_IN: readonly (readonly string[])[] = [
  ['domains'],
  ['organization', '*', 'certificatebasedauthconfiguration'],
  ['directory', 'publickeyinfrastructure'],
  ['directory', 'onpremisessynchronization'],
  ['authenticationmethodconfigurations'],
  ['authenticationmethodspolicy'],
  ['identity', 'conditionalaccess', 'authenticationstrength'],
  ['identity', 'conditionalaccess', 'authenticationstrengths'],
];

/** Whether a path's segments start with a pattern's (a later segment matches none: it may be any path). */
function startsWith(segments: readonly GraphSegment[], pattern: readonly string[], whole = false): boolean {
  if (segments.length < pattern.length || (whole && segments.length !== pattern.length)) return false;
  return pattern.every((part, index) => !segments[index].later && (part === '*' || segments[index].text.toLowerCase() === part));
}

/**
 * Where a write's URL goes. `signIn` says whether a URL (its segments, as the sign-in readers match them) is a sign-in object the caller
 * judges (administrator-policies.ts).
 */
export function graphWriteTarget(url: GraphUrl, signIn: (url: GraphUrl) => boolean): GraphWriteTarget {
  const segments = url.segments;
  const [first] = segments;
  // A segment known only later that is no interpolation is an encoded dot segment or a bad escape ("users/%2E%2E/domains/<d>"): a
  // server that resolves it writes another path than the one read.
  if (first === undefined || segments.some((segment) => segment.later && !segment.text.includes('${'))) return 'unknown';
  // A path that starts with a value known only at apply time: the pointer readers read it as any principal, unless it is an azuread principal's own path.
  if (first.later) return PRINCIPAL_ID.test(first.text.trim()) ? 'known' : 'unknown';
  const collection = first.text.toLowerCase();
  // A directory object cast to a principal's type ("directoryObjects/<id>/microsoft.graph.user"), read as the pointer readers and the dynamic-group reader read it (urlObject).
  if (PRINCIPALS.has(collection) || (collection === 'directoryobjects' && urlObject(url)?.kind !== undefined)) return 'known';
  if (isBatch(url) || urlPolicyTarget(url) !== undefined || signIn(url)) return 'known';
  if (segments.every((segment) => !segment.later) && isGrantPath(pathText(url).toLowerCase())) return 'known';
  if ([...FIELD_READ, ...INERT].some((pattern) => startsWith(segments, pattern, true))) return 'known';
  return USER_SIGN_IN.some((pattern) => startsWith(segments, pattern)) ? 'users' : 'unknown';
}

/** The writes of a Graph or REST block whose target the checks do not know (GraphWriteTarget), and its deletes that may reach sign-in (deleteWrite), in the order it sends them. */
export function unreadGraphWrites(resource: ResourceView, providers: readonly ProviderConfiguration[], signIn: (url: GraphUrl) => boolean): UnreadGraphWrite[] {
  if (!mayReachGraph(resource, providers)) return [];
  const writes = graphWrites(resource, providers);
  const own = ownObjectPaths(resource, providers);
  return writes.flatMap((write): UnreadGraphWrite[] => {
    if (write.deletes) return deleteWrite(write, own, signIn);
    // An update of its own new object (restful's `$(path)/$(body.id)` after a POST, restapi's `{id}`) writes the object its create
    // made, whose collection the create request is judged at; its body is read by the reader of that object (A31a-2 control).
    if (!write.methodLater && own.objects.includes(pathText(write.url).toLowerCase())) return [];
    const target = graphWriteTarget(write.url, signIn);
    const unread = target === 'known' ? [] : [{ method: write.method, path: pathText(write.url), written: write.url.written, usersOnly: target === 'users' }];
    // A method known only at apply time may be DELETE: the delete rule judges the request too (the readers of writes judge it as a write).
    return write.methodLater && unread.length === 0 ? deleteWrite(write, own, signIn) : unread;
  });
}

/**
 * A delete a Graph or REST block sends (one mechanism for every type, the lead's review after the twenty-eighth run): its delete request
 * (restapi's `destroy_path` or `path/{id}`, restful's `delete_path` or ID, terracurl's `destroy_url`, an ephemeral block's close request:
 * HTTP_REQUESTS), any request whose method is DELETE, and one whose method is known only at apply time (it may be DELETE). The block's own object (graph-urls.ts ownObjectPaths) deletes nothing another reader misses; a principal, a grant or
 * another path known not to reach sign-in neither, when the request is a DELETE. A Conditional Access or PIM policy or a sign-in object
 * (read by their readers only where they are written), a path not known or that may reach any path, or a delete request sent another
 * method (a write at destroy no reader reads) may delete what a live policy on an administrator relies on.
 */
function deleteWrite(write: GraphWrite, own: OwnObjectPaths, signIn: (url: GraphUrl) => boolean): UnreadGraphWrite[] {
  const { url, method } = write;
  // Its own new object, or the collection its POST went to (restful's ID without a read_path, terracurl's URL): a POST to an existing
  // object's path makes none there, so its destroy deletes no object another reader misses.
  if (write.destroy && [...own.objects, ...own.collections].includes(pathText(url).toLowerCase())) return [];
  const target = graphWriteTarget(url, signIn);
  // A method known only at apply time of a request other than the block's delete is read as a DELETE (as a write, the readers of writes judge it).
  const deletes = method === 'DELETE' || (!write.destroy && write.methodLater);
  // A part known only at apply time that may hold "/" or ".." (graph-urls.ts anyPath) may make "users/${var.x}" any path.
  if (deletes && target === 'known' && url.anyPath === undefined && urlPolicyTarget(url) === undefined && !signIn(url)) return [];
  return [{ method, path: pathText(url), written: url.written, usersOnly: deletes && target === 'users', deletes: write.destroy ? 'destroy' : 'delete' }];
}

/**
 * Directory object functions a POST only asks (they return IDs, writing nothing): what the msgraph provider's
 * `data.msgraph_resource_action` is documented for (learn.microsoft.com/graph/api/directoryobject-checkmembergroups, -checkmemberobjects,
 * -getmembergroups, -getmemberobjects, -getbyids).
 */
const READ_FUNCTIONS = new Set(['checkmembergroups', 'checkmemberobjects', 'getmembergroups', 'getmemberobjects', 'getbyids']);

/**
 * A `data.msgraph_resource_action` that may POST (its `method` POST or known only at apply time; GET when unset): the provider sends it at
 * every read, plan included (microsoft/terraform-provider-msgraph, internal/services/msgraph_resource_action_data_source.go: GET or
 * POST). No reader judges a data source's request, so any POST but a directory object function is a write the checks do not read.
 */
function postingLookup(lookup: ResourceView, providers: readonly ProviderConfiguration[], signIn: (url: GraphUrl) => boolean): UnreadGraphWrite[] {
  // A generic HTTP-request lookup (data.restful_resource, data.terracurl_request, data.http, their ephemeral forms) that may send other than GET to Graph (A28b-1).
  if (httpRequestType(lookup) !== undefined) {
    if (!mayReachGraph(lookup, providers)) return [];
    return graphWrites(lookup, providers).map(({ url, method }) => ({ method, path: pathText(url), written: url.written, usersOnly: graphWriteTarget(url, signIn) === 'users' }));
  }
  const request = lookup.type === 'msgraph_resource_action' ? graphRequest({ ...lookup, config: { ...lookup.config, method: lookup.config.method ?? 'GET' } }) : undefined;
  if (request === undefined || request.method === 'GET') return [];
  const last = request.url.segments[request.url.segments.length - 1];
  if (last !== undefined && !last.later && READ_FUNCTIONS.has(last.text.toLowerCase())) return [];
  return [{ method: request.method, path: pathText(request.url), written: request.url.written, usersOnly: graphWriteTarget(request.url, signIn) === 'users' }];
}

/** The blocks of the stack (Graph and REST writers, msgraph data sources that may POST, generic HTTP-request data sources and ephemeral resources that may send other than GET) with a write whose target the checks do not know, and the first such write. */
export function unreadGraphWriters(stack: StackFacts | undefined, signIn: (url: GraphUrl) => boolean): { readonly resource: ResourceView; readonly writes: readonly UnreadGraphWrite[] }[] {
  const providers = stack?.providers ?? [];
  const writers = directoryWriters(stack).map((resource) => ({ resource, writes: unreadGraphWrites(resource, providers, signIn) }));
  const lookups = [...stack?.lookups?.values() ?? []].filter((lookup) => lookup.address.startsWith('data.') || httpRequestType(lookup) !== undefined).map((resource) => ({ resource, writes: postingLookup(resource, providers, signIn) }));
  return [...writers, ...lookups].filter(({ writes }) => writes.length > 0);
}
