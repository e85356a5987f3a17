import { ownValue } from '../private/own-keys';
import { mayBeGraph, readUrl, UrlReading } from './absolute-urls';
import { parseJson, propertyInAnyCase } from './azapi-writes';
import { isUnknown, Unknown, Value } from './hcl-expression';
import { HTTP_REQUESTS, HttpRequestType } from './http-requests';
import type { ProviderConfiguration } from './provider-facts';
import type { ResourceView } from './stack-model';
import { isObject } from './terraform-json';
import { splitTemplate } from './value-readers';
import { INSTANCE_KEY } from './traversal-text';

// A Microsoft Graph request as the msgraph provider sends it (twenty-fifth review, A25a-1, A25a-2, A25a-6): every reader of a
// msgraph block's URL reads it here, never as literal text. The provider (microsoft/terraform-provider-msgraph,
// internal/clients/msgraph_client.go) builds every request as `runtime.JoinPaths(host, api_version, url)`; azcore's JoinPaths
// (sdk/azcore/runtime/request.go) joins the paths with Go's `path.Join`, which cleans the whole text (the query written in the
// URL too): empty and "." segments are dropped, "x/.." removed. `url.Parse` then splits the query (and drops a fragment), and the
// request's `query_parameters` are set over it key by key (`reqQP.Set`, a list joined with ","). msgraph_resource_action sends
// `resource_url` + "/" + `action` (internal/services/msgraph_resource_action.go) with its `method`. Graph decodes
// percent-encoded characters ("gr%6Fups" is groups) and reads OData key syntax ("policies('<id>')" is "policies/<id>").

/** One segment of a request's path: its text (decoded), or one known only at apply time (spelled as written), which may be any. */
export interface GraphSegment {
  readonly text: string;
  readonly later: boolean;
  /** For an OData key by name ("users(userPrincipalName='x')"): the key's name, lower case. */
  readonly keyName?: string;
}

/** A Graph request's URL read as the provider sends it. */
export interface GraphUrl {
  /** The path after the API version, as sent: cleaned, decoded, OData keys as segments. */
  readonly segments: readonly GraphSegment[];
  /**
   * The query, by option name in lower case without its "$" (Graph's system options are read with or without it): the values
   * each is sent with, a value known only at apply time an Unknown. Undefined when the query may hold anything (its keys known only then).
   */
  readonly query: ReadonlyMap<string, readonly Value[]> | undefined;
  /** The URL as written, for messages. */
  readonly written: string;
  /**
   * The first interpolation (as written, "${var.x}") that may hold "/", "..", "?" or "#" (a variable, a local, an iterator, a function's
   * result, an attribute that is no one object's key), in the path or in the query written in the URL: Terraform writes its value in and
   * the provider then cleans the whole text (path.Join), so the request may reach any path, above the part too ("users/${var.x}" with
   * "../identity/conditionalAccess/policies/<id>" writes a Conditional Access policy). Undefined when no part may.
   */
  readonly anyPath?: string;
}

/** What stands for the n-th interpolation of a template while its literal text is cleaned and split. */
const SLOT = /\u0001(\d+)\u0002/g;
const HAS_SLOT = /\u0001\d+\u0002/;
/** The versions a path may start with. */
const VERSION = /^(?:v1\.0|beta)$/i;
/** An OData key after a segment: "policies('<id>')", "groups(<id>)", "users(userPrincipalName='x')". */
const ODATA_KEY = /^([^()]*)\(\s*(?:([a-z][a-z0-9]*)\s*=\s*)?('(?:[^']|'')*'|[^'()]*)\s*\)$/i;

/**
 * A reference that names one object, never a path of the writer's choice: an ID attribute ("id", "object_id", "client_id", an item of
 * "object_ids") of an azuread or msgraph block (a GUID, or azuread 3.x's fixed "/groups/<id>" and "/applications/<id>", go-azure-sdk's
 * GroupId.ID(): a "/" but never ".."), the keys a msgraph block's output holds (`output.id`, `output.value[0].id`, an application's `output.appId`), an azurerm
 * identity's principal, client or tenant ID, a random UUID, `count.index`. Anything else may hold any text: a variable or local, an
 * iterator, a function, another attribute (a display name, an azurerm ID of names a user chose).
 */
/** The ID attributes of azuread and msgraph blocks the provider writes (never one a user chooses, as `employee_id`). */
const ID_ATTRIBUTES = '(?:id|object_id|client_id|application_id|application_object_id|service_principal_id|service_principal_object_id|principal_id|principal_object_id|group_object_id|member_object_id|resource_object_id|tenant_id|application_tenant_id|app_role_id|role_id|template_id)';
const KEY_REFERENCE = new RegExp([
  String.raw`(?:data\.)?(?:azuread|msgraph)_[a-z0-9_]+\.[A-Za-z_][\w-]*(?:${INSTANCE_KEY})?\.(?:${ID_ATTRIBUTES}|(?:object|client|application)_ids\[\d+\])`,
  String.raw`(?:data\.)?msgraph_[a-z0-9_]+\.[A-Za-z_][\w-]*(?:${INSTANCE_KEY})?\.output(?:\.value\[\d+\])?\.(?:id|appId)`,
  String.raw`(?:data\.)?azurerm_[a-z0-9_]+\.[A-Za-z_][\w-]*(?:${INSTANCE_KEY})?\.(?:identity\[\d+\]\.)?(?:principal_id|client_id|tenant_id|object_id)`,
  String.raw`random_uuid\.[A-Za-z_][\w-]*(?:${INSTANCE_KEY})?\.(?:id|result)`, String.raw`count\.index`,
].map((each) => `(?:${each})`).join('|').replace(/^/, '^(?:').replace(/$/, ')$'));

/** Whether an interpolation's expression may hold "/", "..", "?" or "#": anything but one reference to an object's key (KEY_REFERENCE). */
function mayHoldPath(expression: string): boolean {
  return !KEY_REFERENCE.test(expression.trim());
}

/**
 * The URL a value (a literal, a template, or a value known only at apply time) sends, with the query parameters set over its
 * query. A value that is no text at all (null, a number, an object) is read as known only at apply time: any URL.
 */
export function graphUrl(value: unknown, queryParameters?: unknown): GraphUrl {
  const interpolations: string[] = [];
  const text = typeof value === 'string' ? value : isUnknown(value) ? value.spelling : '${?}';
  const literal = splitTemplate(text, (expression) => `\u0001${interpolations.push(expression) - 1}\u0002`).literal;
  const restore = (part: string) => part.replace(SLOT, (_slot, index: string) => `\${${interpolations[Number(index)]}}`);
  // path.Join over "<version>/<url>": the query in the URL is cleaned with it; the fragment is never sent.
  const cleaned = cleanPath(`v1.0/${afterGraphBase(literal, SLOT)}`);
  const sent = cleaned.split('#')[0];
  const at = sent.indexOf('?');
  const path = at < 0 ? sent : sent.slice(0, at);
  const segments = path.split('/').flatMap((segment) => readSegment(segment, restore));
  // What the client sends after the host: a leading ".." is resolved against the root; then the version.
  while (segments.length > 0 && !segments[0].later && segments[0].text === '..') segments.shift();
  // A full URL ("https://graph.microsoft.com/v1.0/groups") is read as its path, as the readers always have: every version before it.
  while (segments.length > 0 && !segments[0].later && VERSION.test(segments[0].text)) segments.shift();
  const spanning = interpolations.find(mayHoldPath);
  const anyPath = spanning === undefined || choicesKeepPath(value, segments) ? undefined : `\${${spanning}}`;
  return { segments, query: readQuery(at < 0 ? '' : sent.slice(at + 1), restore, queryParameters), written: text, ...(anyPath === undefined ? {} : { anyPath }) };
}

/**
 * Whether a value known only at apply time is one of known texts (a `for_each` item of a literal set, a conditional's branches) each of
 * which, sent, is the path the template shows: as many segments, the literal ones the same (its parts land in the segments known later).
 */
function choicesKeepPath(value: unknown, segments: readonly GraphSegment[]): boolean {
  if (!isUnknown(value) || value.choices === undefined || value.choices.length === 0) return false;
  return value.choices.every((choice) => {
    if (typeof choice !== 'string') return false;
    const sent = graphUrl(choice);
    return sent.anyPath === undefined && sent.segments.length === segments.length
      && sent.segments.every((segment, at) => segments[at].later || (!segment.later && segment.text === segments[at].text));
  });
}

/** Go's path.Clean of a relative path: empty and "." segments dropped, a ".." removing the segment before it (kept at the start). */
function cleanPath(text: string): string {
  const out: string[] = [];
  for (const segment of text.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return out.join('/');
}

/**
 * A cleaned segment as Graph reads it: decoded ("%40" is "@", "%2F" a separator), an OData key after it a segment of its own. One with
 * an interpolation, or a decoded "." or ".." (a server may resolve it) or a "%" that starts no escape, is known only later.
 */
function readSegment(segment: string, restore: (part: string) => string): GraphSegment[] {
  const key = ODATA_KEY.exec(segment);
  if (key !== null && key[1] !== '') {
    const quoted = key[3].startsWith("'") ? key[3].slice(1, -1).replace(/''/g, "'") : key[3].trim();
    // A function's empty parentheses ("delta()") call it: no key.
    if (quoted === '' && !key[3].startsWith("'")) return readSegment(key[1], restore);
    return [...readSegment(key[1], restore), { ...readSegment(quoted, restore)[0] ?? { text: '', later: false }, ...(key[2] === undefined || key[2].toLowerCase() === 'id' ? {} : { keyName: key[2].toLowerCase() }) }];
  }
  if (HAS_SLOT.test(segment)) return [{ text: restore(segment), later: true }];
  const decoded = decodedText(segment);
  // An encoded "/" is read as the separator it decodes to (as directory-pointers.ts reads "groups%2F<id>"); an encoded dot segment may be either.
  const parts = decoded?.split('/').filter((part) => part !== '');
  if (parts === undefined || parts.some((part) => part === '.' || part === '..')) return [{ text: segment, later: true }];
  return parts.map((part) => ({ text: part, later: false }));
}

/** Percent-decoded text, or undefined when a "%" starts no escape. */
function decodedText(text: string, plus = false): string | undefined {
  try {
    return decodeURIComponent(plus ? text.replace(/\+/g, ' ') : text);
  } catch {
    return undefined;
  }
}

/** The query the request sends: the URL's own pairs (decoded as Go's url.ParseQuery does), each key of query_parameters set over them. */
function readQuery(text: string, restore: (part: string) => string, parameters: unknown): ReadonlyMap<string, readonly Value[]> | undefined {
  const pairs: [string, Value][] = [];
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const [rawKey, rawValue] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    if (HAS_SLOT.test(rawKey)) return undefined;
    const key = decodedText(rawKey, true);
    if (key === undefined) continue;
    const value = HAS_SLOT.test(rawValue) ? spelled(restore(rawValue)) : decodedText(rawValue, true) ?? spelled(rawValue);
    pairs.push([key, value]);
  }
  if (isUnknown(parameters)) return undefined;
  const set = isObject(parameters) ? Object.entries(parameters) : [];
  const kept = pairs.filter(([key]) => !set.some(([name]) => name === key));
  for (const [name, values] of set) {
    if (isUnknown(values)) kept.push([name, values]);
    else if (Array.isArray(values)) {
      if (values.length === 0) continue;
      kept.push([name, values.every((item) => typeof item === 'string') ? values.join(',') : values.length === 1 ? values[0] as Value : spelled(values.map(String).join(','))]);
    } else if (values !== undefined && values !== null) kept.push([name, values as Value]);
  }
  const query = new Map<string, Value[]>();
  for (const [key, value] of kept) {
    const name = key.trim().toLowerCase().replace(/^\$/, '');
    query.set(name, [...(query.get(name) ?? []), value]);
  }
  return query;
}

/** A text known only at apply time, spelled as written (its interpolations as `${…}`). */
function spelled(text: string): Unknown {
  return new Unknown(text, [], text);
}

/** The segments' texts as a path, for messages and for readers that match a path (a segment known later as its spelling). */
export function pathText(url: GraphUrl): string {
  return url.segments.map((segment) => (segment.keyName === undefined ? segment.text : `${segment.keyName}=${segment.text}`)).join('/');
}

/** The HTTP method of a request: GET, POST, PATCH, PUT, DELETE (upper case), or undefined when known only at apply time. */
export type GraphMethod = string | undefined;

/** A Graph request a msgraph block sends: its URL, its method, and its body (undefined where it sends none). */
export interface GraphRequest {
  readonly url: GraphUrl;
  readonly method: GraphMethod;
  readonly body: unknown;
  /** Whether the block also writes at `<url>/<its new object's id>` later (msgraph_resource's update and delete of what it posts). */
  readonly makes: boolean;
}

/** msgraph types that send requests, the argument of each holding the URL and the method each sends. */
const SENDERS: { readonly [type: string]: (config: { readonly [key: string]: unknown }) => { url: unknown; method: unknown; query: unknown; makes?: boolean } } = {
  msgraph_resource: (config) => ({ url: config.url, method: 'POST', query: config.create_query_parameters ?? config.query_parameters, makes: true }),
  msgraph_update_resource: (config) => ({ url: config.url ?? config.resource_url, method: config.update_method ?? 'PATCH', query: config.update_query_parameters }),
  msgraph_resource_action: (config) => ({ url: actionUrl(config.resource_url ?? config.url, config.action), method: config.method, query: config.query_parameters }),
  msgraph_resource_collection: (config) => ({ url: config.url, method: 'POST', query: undefined }),
};

/** msgraph_resource_action's URL: its resource URL and, when it has one, "/" and its action. */
function actionUrl(resource: unknown, action: unknown): unknown {
  if (action === undefined || action === null || action === '') return resource;
  const text = (value: unknown) => (typeof value === 'string' ? value : isUnknown(value) ? value.spelling : '${?}');
  return `${text(resource)}/${text(action)}`;
}

/** The request a msgraph resource sends, read as the provider sends it; undefined for a type that sends none this reader knows. */
export function graphRequest(resource: ResourceView): GraphRequest | undefined {
  const sender = ownValue(SENDERS, resource.type);
  if (sender === undefined) return undefined;
  const { url, method, query, makes } = sender(resource.config);
  const verb = typeof method === 'string' ? method.trim().toUpperCase() : undefined;
  return { url: graphUrl(url, query), method: verb, body: resource.config.body, makes: makes === true };
}

/** Whether a request may create (POST, or a method known only at apply time). */
export function mayPost(request: GraphRequest): boolean {
  return request.method === undefined || request.method === 'POST';
}

/**
 * A text after its Graph base (the readers have always accepted one before a path, though the msgraph provider joins the host itself):
 * what an absolute URL whose host may be Graph (absolute-urls.ts: any spelling Go sends there, userinfo, case, a trailing dot, a port,
 * or a host an interpolation writes) sends after its host; any other text as written. `hole` matches a template's interpolations.
 */
export function afterGraphBase(text: string, hole?: RegExp): string {
  const reading = readUrl(text, hole);
  return reading.kind === 'absolute' && mayBeGraph(reading) ? reading.rest : text;
}

/** Whether a segment may be the text (case-insensitive): it is, or it is known only at apply time. */
export function segmentMayBe(segment: GraphSegment | undefined, text: string): boolean {
  return segment !== undefined && (segment.later || segment.text.toLowerCase() === text.toLowerCase());
}

/** The kind of directory object a collection's key names ("groups/<id>"), by the collection in lower case; `directoryObjects` any kind. */
const OBJECT_KINDS: { readonly [collection: string]: string | undefined } = { groups: 'group', users: 'user', serviceprincipals: 'serviceprincipal', applications: 'application', directoryobjects: undefined };
/** A type cast after an object's key ("directoryObjects/<id>/microsoft.graph.group"): the type, in any case. */
const CAST = /^microsoft\.graph\.([a-z]+)$/i;

/** The directory object a request's URL names at its start (urlObject). */
export interface UrlObject {
  /** Its kind in lower case (group, user, serviceprincipal, application); undefined when it may be any (`directoryObjects/<id>` with no cast). */
  readonly kind: string | undefined;
  /** Its key segment (an OData key "groups('<id>')" is one too, graphUrl). */
  readonly id: GraphSegment;
  /** What the request reaches under it, after any type cast (`members/$ref`); empty when it writes the object itself. */
  readonly rest: readonly GraphSegment[];
}

/**
 * Which directory object a request's URL names at its start, as the pointer readers read it (directory-pointers.ts): a key into a
 * collection of principals ("groups/<id>", "groups('<id>')", any case), or into `directoryObjects`, each with the type casts Graph
 * reads after a key ("directoryObjects/<id>/microsoft.graph.group", "groups/<id>/microsoft.graph.group"; a cast to the base
 * `directoryObject` changes nothing). Undefined for any other URL, and for casts to two kinds (Graph answers no such object).
 */
export function urlObject(url: GraphUrl): UrlObject | undefined {
  const [collection, id, ...after] = url.segments;
  if (collection === undefined || collection.later || id === undefined || !Object.prototype.hasOwnProperty.call(OBJECT_KINDS, collection.text.toLowerCase())) return undefined;
  let kind = OBJECT_KINDS[collection.text.toLowerCase()];
  let rest = after;
  while (rest.length > 0 && !rest[0].later) {
    const cast = CAST.exec(rest[0].text);
    if (cast === null) break;
    const to = cast[1].toLowerCase();
    if (to !== 'directoryobject') {
      if (kind !== undefined && kind !== to) return undefined;
      kind = to;
    }
    rest = rest.slice(1);
  }
  return { kind, id, rest };
}

/** One request of a Graph `$batch` body (batchRequests): its URL as Graph reads it, its method (undefined when not a text), its body as JSON. */
export interface BatchRequest {
  readonly url: GraphUrl;
  readonly method: string | undefined;
  readonly body: unknown;
}

/** A `$batch` block's body as read (batchBody): the requests the checks can read, and whether the body or a request is one they cannot. */
export interface BatchBody {
  readonly requests: readonly BatchRequest[];
  /** The body holds no `requests` list the checks can read (a text that is no JSON, a value known only at apply time), or a request of it is none. */
  readonly unread: boolean;
}

/**
 * The one reader of a `$batch` block's body (Microsoft Graph JSON batching: `requests`, each `method`, `url`, `body`; names in any
 * case), as sentBody reads it (a JSON text parsed, a `jsonencode(...)` as what it encodes): the requests the checks can read, and
 * whether any is not. The batch rule (administrator-policies.ts) fails an unread body closed; the membership reader reads each request.
 */
export function batchBody(resource: ResourceView): BatchBody {
  const requests = propertyInAnyCase(sentBody(resource), 'requests');
  if (!Array.isArray(requests)) return { requests: [], unread: true };
  const read = requests.filter((request) => isObject(request) && !isUnknown(request));
  return {
    unread: read.length < requests.length,
    requests: read.map((request) => {
      const method = propertyInAnyCase(request, 'method');
      return { url: graphUrl(propertyInAnyCase(request, 'url')), method: typeof method === 'string' && !method.includes('${') ? method.trim().toUpperCase() : undefined, body: jsonBody(propertyInAnyCase(request, 'body')) };
    }),
  };
}

/** The requests of a `$batch` block's body the checks can read (batchBody). */
export function batchRequests(resource: ResourceView): readonly BatchRequest[] {
  return batchBody(resource).requests;
}

/** Whether a request is a JSON batch (`$batch`): its requests, in its body, may be any write. */
export function isBatch(url: GraphUrl): boolean {
  return url.segments.length === 1 && !url.segments[0].later && url.segments[0].text.toLowerCase() === '$batch';
}

/** Where a Graph or REST write goes among the policies an administrator's sign-in or joining depends on. */
export interface PolicyTarget {
  /** A Conditional Access policy (identity/conditionalAccess/policies), or a PIM policy (policies/roleManagementPolicies). */
  readonly kind: 'conditionalAccess' | 'pim';
  /** Whether it names one policy (an existing one), not the collection. */
  readonly item: boolean;
  /** Whether the policy's ID is known only at apply time: it may be any policy (A25a-2). */
  readonly later: boolean;
  /** The request's URL as written, for messages. */
  readonly written: string;
}

/** The section of a lookup's address ("data.x.y", "ephemeral.x.y", a check block's "check.c.data.x.y"). */
const LOOKUP_SECTION = /^(?:check\.[^.]+\.)?(data|ephemeral)\./;

/** The generic HTTP-request type of a block (HTTP_REQUESTS), by its address (a resource's, a data source's or an ephemeral resource's). */
export function httpRequestType(resource: ResourceView): HttpRequestType | undefined {
  const section = LOOKUP_SECTION.exec(resource.address)?.[1];
  return ownValue(HTTP_REQUESTS, section === undefined ? resource.type : `${section}.${resource.type}`);
}

/**
 * Whether a URL may be one of a Graph host (the national clouds' too): its host as Go reads it (absolute-urls.ts) is a Graph host or
 * may be one (unreadable), or the text is known only at apply time (or no text). A path with no host of its own is no Graph host.
 */
function mayBeGraphHost(url: unknown): boolean {
  return typeof url !== 'string' || isUnknown(url) || url.includes('${') || mayBeGraph(readUrl(url));
}

/**
 * Whether a block of a generic HTTP-request type (HTTP_REQUESTS) may send to Microsoft Graph: its provider's base URL is a Graph host,
 * known only at apply time, or not read (no configuration of its key); for a type whose path is the whole URL, each URL it sends to.
 * A literal other host (an API of another service) is no Graph write. Any other block (msgraph, azuread) is read as one.
 */
export function mayReachGraph(resource: ResourceView, providers: readonly ProviderConfiguration[]): boolean {
  const http = httpRequestType(resource);
  if (http === undefined) return true;
  const paths = http.requests.map(([argument]) => resource.config[argument]).filter((value) => value !== undefined && value !== null);
  if (http.base === undefined) return paths.some(mayBeGraphHost);
  const configuration = providerOf(resource, http, providers);
  const base = configuration === PROVIDER_LATER ? undefined : configuration?.config[http.base];
  if (mayBeGraphHost(base)) return true;
  // The host each path is sent to, joined to the base as the provider joins it (A29b-2): a path may name its own host.
  return paths.some((path) => {
    if (http.join === 'append') return mayBeGraph(templateReading(`${templateText(base)}${templateText(path)}`));
    const reading = templateReading(templateText(path));
    return reading.kind === 'unreadable' || (reading.kind === 'absolute' && reading.scheme !== '' && mayBeGraph(reading));
  });
}

/** A `provider` argument naming a configuration known only at apply time (providerOf). */
const PROVIDER_LATER = Symbol('a provider configuration known only at apply time');

/**
 * The provider configuration a generic HTTP block's `provider` argument selects ("<type>" or "<type>.<alias>"; its type's local name
 * when unset): undefined when none is written (the provider's defaults), PROVIDER_LATER when the argument is no name the checks read.
 */
function providerOf(resource: ResourceView, http: HttpRequestType, providers: readonly ProviderConfiguration[]): ProviderConfiguration | typeof PROVIDER_LATER | undefined {
  const named = resource.config.provider;
  const key = typeof named === 'string' ? named.trim().replace(/^\$\{(.*)\}$/, '$1') : named === undefined || named === null ? http.provider : undefined;
  return key === undefined ? PROVIDER_LATER : providers.find((provider) => provider.key === key);
}

/**
 * The paths, lower case as pathText reads them, of the object a generic HTTP block itself makes (HTTP_REQUESTS `own`), the one
 * answer to "does this request target the block's own new object" (the delete rule, graph-write-targets.ts; the dynamic-group
 * reader, administrator-memberships.ts). A create makes a new object only when it is a POST to a collection: its method argument,
 * else the one its provider block sets (restful's and restapi's provider `create_method`: "The method used to create the resource.
 * Defaults to `POST`", magodo/restful internal/provider/provider.go; Mastercard/restapi docs/index.md), else the provider's default.
 * A PUT, a PATCH or a method known only at apply time writes over the object at its path, which may exist (30th run, A30a-3): no path
 * is its own. The new object is each create path a POST is sent to (a collection), with the ID the provider reads back: restful's
 * `$(body.id)` (the `id` of the create's response, "`$(body.x.y.z)` expands to the `x.y.z` property of the API body"; any other
 * field, `$(body.displayName)`, is what the body sets, A30a-6), restapi's `{id}` unless an argument or the data sets it (ownId).
 * The collections alone are returned apart (OwnObjectPaths): a delete of one is the delete rule's to pass, no write of one is an object's.
 */
export function ownObjectPaths(resource: ResourceView, providers: readonly ProviderConfiguration[]): OwnObjectPaths {
  const http = httpRequestType(resource);
  const own = http?.own;
  const none = { objects: [], collections: [] };
  if (http === undefined || own === undefined) return none;
  const provider = providerOf(resource, http, providers);
  // A provider known only at apply time may set any create method or ID attribute.
  if (provider === PROVIDER_LATER) return none;
  const setting = (argument: string): unknown => {
    const value = resource.config[argument];
    return value !== undefined && value !== null ? value : provider?.config[argument] ?? undefined;
  };
  const appended = ownId(resource, own, setting) ? own.id : undefined;
  const collections = own.paths.flatMap((argument): string[] => {
    const expanded = httpPath(resource, http, resource.config[argument]);
    // A path known only at apply time whose parts each name one object (no anyPath: "servicePrincipals/${<a key>}/appRoleAssignedTo"), as
    // spelled: its new object is `<path>/<ID>` all the same. One that may be any path is no collection of its own.
    const value = isUnknown(expanded) && graphUrl(expanded.spelling).anyPath === undefined ? expanded.spelling : expanded;
    if (typeof value !== 'string') return [];
    const methodArgument = http.requests.find(([path]) => path === argument)?.[1];
    const written = methodArgument === undefined ? undefined : setting(methodArgument) ?? own.method;
    const method = typeof written === 'string' && !written.includes('${') ? written.trim().toUpperCase() : undefined;
    return method === 'POST' ? [value] : [];
  });
  const read = (path: string) => pathText(graphUrl(path)).toLowerCase();
  return { objects: appended === undefined ? [] : collections.map((path) => read(`${path.replace(/\/+$/, '')}/${appended}`)), collections: collections.map(read) };
}

/** The object a generic HTTP block makes (ownObjectPaths), as lower-case paths (pathText). */
export interface OwnObjectPaths {
  /** The new object: a collection a POST is sent to, with the ID the provider reads back. */
  readonly objects: readonly string[];
  /**
   * The collections its POSTs are sent to, alone: a restful block's ID when it has no `read_path` ("The `path` is used as the `id`
   * instead"), a terracurl `destroy_url` as written. A delete of one deletes no object (the delete rule); a write of one writes none of its own.
   */
  readonly collections: readonly string[];
}

/**
 * Whether the ID a generic HTTP block's paths append is the object its create makes: no argument sets it (HTTP_REQUESTS `setBy`), its
 * body does not hold its key (`id_attribute`, the block's, else its provider block's: "When set, this key will be used to operate on
 * REST objects", Mastercard/restapi docs/index.md; "id" unless set).
 */
function ownId(resource: ResourceView, own: NonNullable<HttpRequestType['own']>, setting: (argument: string) => unknown): boolean {
  if (own.id === undefined) return false;
  if ((own.setBy ?? []).some((argument) => resource.config[argument] !== undefined && resource.config[argument] !== null)) return false;
  if (own.attribute === undefined) return true;
  const [argument, unset] = own.attribute;
  const key = setting(argument) ?? unset;
  // Its body as sent: a JSON text parsed, a `jsonencode(...)` as what it encodes (jsonBody).
  const body = jsonBody(requestBody(resource));
  // A key or a body known only at apply time may set it.
  if (typeof key !== 'string' || !isObject(body) || isUnknown(body)) return false;
  let value: unknown = body;
  for (const part of key.split('/')) value = isObject(value) && !isUnknown(value) ? value[part] : undefined;
  return value === undefined;
}

/** A value as template text: a literal, a value known only at apply time as spelled, anything else an interpolation. */
function templateText(value: unknown): string {
  return typeof value === 'string' ? value : isUnknown(value) ? value.spelling : '${?}';
}

/** A template's URL read as Go reads it (absolute-urls.ts), each interpolation any text. */
function templateReading(text: string): UrlReading {
  const literal = splitTemplate(text, (expression) => `\u0001${expression.length}\u0002`).literal;
  return readUrl(literal, SLOT);
}

/** The body a Graph or REST block sends with its first request: a msgraph block's `body`, a generic HTTP-request block's (HTTP_REQUESTS). */
export function requestBody(resource: ResourceView): unknown {
  return resource.config[httpRequestType(resource)?.body ?? 'body'];
}

/** A request a Graph or REST block sends (graphWrites). */
export interface GraphWrite {
  readonly url: GraphUrl;
  /** Its method, in upper case; undefined when known only at apply time, or the provider's choice. */
  readonly method: string | undefined;
  /** Whether it is a delete: the block's delete request (HTTP_REQUESTS), or a DELETE. graph-write-targets.ts judges these, no other reader. */
  readonly deletes: boolean;
  /** Whether it is the block's delete request (sent when the block is destroyed or closed), not only a DELETE. */
  readonly destroy: boolean;
  /** Whether its method is set to a value known only at apply time: it may be DELETE. */
  readonly methodLater: boolean;
  /**
   * The body it sends, as written (a JSON text, an object, a value known only at apply time; undefined: none): a msgraph block's `body`,
   * a generic HTTP request's body argument (HTTP_REQUESTS), restful's `ephemeral_body` merged into it and its `update_body_patches` set
   * into its update's (requestBodyOf).
   */
  readonly body: unknown;
}

/** restful's path parameter in its delete and read paths: "`$(path)` expanded to `path`" (magodo/restful, internal/provider/resource.go). */
const RESTFUL_PATH = /\$\(path\)/g;

/**
 * The body a Graph or REST block sends (requestBody) as a JSON value: a text (a restapi_object's `data`, a terracurl `request_body`,
 * `data.http`'s) parsed, a `jsonencode(...)` as what it encodes; a text that is no JSON stays that text, a value known only at apply
 * time stays unknown (neither is an object a reader can read).
 */
export function sentBody(resource: ResourceView): unknown {
  return jsonBody(requestBody(resource));
}

/** A request body as a JSON value (sentBody): a text parsed (a text that is no JSON stays that text), a `jsonencode(...)` as what it encodes. */
export function jsonBody(raw: unknown): unknown {
  if (typeof raw === 'string') return parseJson(raw) ?? raw;
  return isUnknown(raw) && raw.encodes !== undefined ? raw.encodes : raw;
}

/**
 * Every body a Graph or REST block sends, each as a JSON value (jsonBody): its first request's (sentBody), each other body argument of
 * its type (HTTP_REQUESTS `bodies`), and restful's update body with its `update_body_patches` set into it (patchedBody). A value the
 * checks cannot read stays unknown or a text, which no reader reads as an object.
 */
export function sentBodies(resource: ResourceView): unknown[] {
  const http = httpRequestType(resource);
  const first = sentBody(resource);
  const others = (http?.bodies ?? []).map((argument) => resource.config[argument]).filter((value) => value !== undefined && value !== null).map(jsonBody);
  const patches = http?.patches === undefined ? undefined : resource.config[http.patches];
  return [first, ...others, ...(patches === undefined || patches === null ? [] : [patchedBody(first, patches)])];
}

/** What a patch (or a body the patches make) is when the checks cannot read it: a value known only at apply time. */
const UNREAD_PATCH = new Unknown('update_body_patches', []);

/**
 * restful's update body (magodo/restful resource.go Update): each patch in order, `raw_json` (its `$(body.x)` parameters expanded from
 * the state output) parsed and set at `path` (sjson.SetRaw; "" replaces the whole body), a `removed` one deleting (it sets nothing, so
 * it is passed over). A patch the checks cannot read (a value known only at apply time, a `$(…)` parameter, a text that is no JSON, a
 * path of gjson syntax beyond keys and indexes) makes the whole body unknown.
 */
function patchedBody(body: unknown, patches: unknown): unknown {
  if (!Array.isArray(patches)) return UNREAD_PATCH;
  let current = body;
  for (const patch of patches) {
    if (!isObject(patch) || isUnknown(patch)) return UNREAD_PATCH;
    const { path, raw_json: raw } = patch;
    if (raw === undefined || raw === null) continue;
    const value = typeof raw === 'string' && !raw.includes('$(') ? parseJson(raw) : undefined;
    const keys = typeof path === 'string' ? patchPath(path) : undefined;
    if (value === undefined || keys === undefined) return UNREAD_PATCH;
    current = setAt(current, keys, value);
  }
  return current;
}

/** A gjson path's keys as sjson sets them ("a.b", "list.-1", "a\.b" one key), or undefined for any other syntax (wildcards, modifiers, queries). */
function patchPath(path: string): string[] | undefined {
  if (path === '') return [];
  const keys = [''];
  for (let at = 0; at < path.length; at++) {
    const char = path[at];
    if (char === '\\' && at + 1 < path.length) keys[keys.length - 1] += path[++at];
    else if (char === '.') keys.push('');
    else if ('*?#|@:!='.includes(char)) return undefined;
    else keys[keys.length - 1] += char;
  }
  return keys;
}

/** An array index of sjson's path ("0", "-1" appends). */
const INDEX = /^(?:-1|\d+)$/;

/** A JSON value with a value set at a path as sjson sets it: a missing step made an object, or an array for an index; a step into any other value unknown. */
function setAt(target: unknown, keys: readonly string[], value: unknown): unknown {
  if (keys.length === 0) return value;
  const [key, ...rest] = keys;
  if (isUnknown(target)) return UNREAD_PATCH;
  if (Array.isArray(target) || ((target === undefined || target === null) && INDEX.test(key))) {
    const items: unknown[] = Array.isArray(target) ? [...target] : [];
    if (!INDEX.test(key)) return UNREAD_PATCH;
    const at = key === '-1' ? items.length : Number(key);
    items[at] = setAt(items[at], rest, value);
    return Array.from(items, (item) => item ?? null);
  }
  if (target !== undefined && target !== null && !isObject(target)) return UNREAD_PATCH;
  const object = isObject(target) ? target : {};
  return { ...object, [key]: setAt(Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined, rest, value) };
}

/**
 * The requests a Graph or REST block sends, each URL read as the provider sends it (graph-urls.ts: "./" and "x/../" cleaned, OData
 * keys, percent-encoded characters, a query; an ID known only at apply time), with its method (undefined: any). A GET is no write.
 * A generic HTTP type's delete request with no method argument set is sent the provider's delete method (DELETE unless its provider
 * block sets another); one with no path set goes to the block's ID (restful's `read_path` or `path`), which the delete rule judges too.
 */
export function graphWrites(resource: ResourceView, providers?: readonly ProviderConfiguration[]): GraphWrite[] {
  const request = graphRequest(resource);
  if (request !== undefined) {
    const set = ownValue(SENDERS, resource.type)?.(resource.config).method;
    return request.method === 'GET' ? [] : [{ url: request.url, method: request.method, deletes: request.method === 'DELETE', destroy: false, methodLater: request.method === undefined && set !== undefined && set !== null, body: request.body }];
  }
  const http = httpRequestType(resource);
  if (http === undefined) return [];
  const set = (argument: string | undefined): boolean => argument !== undefined && resource.config[argument] !== undefined && resource.config[argument] !== null;
  const provider = providers === undefined ? undefined : providerOf(resource, http, providers);
  return http.requests.flatMap(([argument, methodArgument, kind, bodies]): GraphWrite[] => {
    const destroy = kind === 'delete';
    // A delete request without its path goes to the block's ID (restful_resource: "The `id` is used instead if `delete_path` is absent"),
    // as every other request its provider sends by default (HTTP_REQUESTS `defaults`: restful's update to its ID, restapi's update and read to `path/{id}`).
    const fallback = destroy ? http.destroy : ownValue(http.defaults ?? {}, argument);
    const at = set(argument) ? argument : fallback?.fallback.find(set);
    if (at === undefined || (destroy && http.destroy?.onlyWithMethod === true && !set(methodArgument))) return [];
    // An unset method argument is its provider block's, when it sets one (restful's `create_method`, `update_method`, `delete_method`;
    // restapi's `create_method`, `update_method`, `destroy_method`, `read_method`): "This overrides the `delete_method` set in the provider block";
    // else the provider's default (HTTP_REQUESTS `methods`: restful's update a PUT, restapi's read a GET).
    // A read request with no method of its own nor its provider's is a GET (restapi's provider default, terracurl's read): no write.
    const fromProvider = methodArgument === undefined || provider === undefined ? undefined : provider === PROVIDER_LATER ? '${provider}' : provider.config[methodArgument] ?? undefined;
    const byDefault = methodArgument === undefined ? undefined : ownValue(http.methods ?? {}, methodArgument);
    const written = methodArgument === undefined ? (destroy ? 'DELETE' : undefined) : resource.config[methodArgument] ?? fromProvider ?? byDefault ?? (destroy ? 'DELETE' : kind === 'read' ? 'GET' : http.unset);
    const method = typeof written === 'string' && !written.includes('${') ? written.trim().toUpperCase() : undefined;
    if (method === 'GET') return [];
    const value = httpPath(resource, http, resource.config[at]);
    // restapi's default paths: "path/{id}" (appendIdToPath).
    const path = at !== argument && fallback?.appendId === true ? appendId(value, http.own?.id ?? '') : value;
    return [{ url: graphUrl(path), method, deletes: destroy || method === 'DELETE', destroy, methodLater: method === undefined && written !== undefined && written !== null, body: requestBodyOf(resource, http, bodies ?? [], argument === PATCHED_REQUEST) }];
  });
}

/** The path argument of the request restful sets its `update_body_patches` into (resource.go Update): its update's. */
const PATCHED_REQUEST = 'update_path';

/**
 * A path with restapi's ID appended as its appendIdToPath appends it (Mastercard/restapi internal/apiclient/object.go): a path that
 * holds "{id}" as it is, "/{id}" before a query, else after the path. A path known only at apply time is spelled (templateText).
 */
function appendId(path: unknown, id: string): unknown {
  if (typeof path !== 'string' && !isUnknown(path)) return path;
  const text = templateText(path);
  if (text.includes(id)) return path;
  const at = text.indexOf('?');
  return at < 0 ? `${text.replace(/\/+$/, '')}/${id}` : `${text.slice(0, at).replace(/\/+$/, '')}/${id}${text.slice(at)}`;
}

/**
 * The body one request of a generic HTTP block sends: the first of its body arguments set (restapi's `update_data`, else its `data`:
 * Mastercard/restapi restapi/api_object.go updateObject sends `data` unless `update_data` is set), as a JSON value (jsonBody). restful's
 * `body` has its `ephemeral_body` merged in ("merge-patched to the `body`", magodo/restful docs/resources/resource.md, operation.md; the
 * two must be disjoint, internal/provider/ephemeral_body_helpers.go validateEphemeralBody) and, for its update request, its
 * `update_body_patches` set in (patchedBody).
 */
function requestBodyOf(resource: ResourceView, http: HttpRequestType, bodies: readonly string[], update: boolean): unknown {
  const argument = bodies.find((each) => resource.config[each] !== undefined && resource.config[each] !== null);
  if (argument === undefined) return undefined;
  let body = jsonBody(resource.config[argument]);
  const ephemeral = resource.config.ephemeral_body;
  if (argument === http.body && http.bodies?.includes('ephemeral_body') === true && ephemeral !== undefined && ephemeral !== null) body = mergePatch(body, jsonBody(ephemeral));
  const patches = http.patches === undefined ? undefined : resource.config[http.patches];
  return update && patches !== undefined && patches !== null ? patchedBody(body, patches) : body;
}

/** A JSON merge patch (RFC 7386) applied as restful applies `ephemeral_body`; a part known only at apply time makes what it merges into unknown. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (isUnknown(patch) || isUnknown(target)) return UNREAD_EPHEMERAL;
  if (!isObject(patch)) return patch;
  const merged: { [key: string]: unknown } = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = mergePatch(Object.prototype.hasOwnProperty.call(merged, key) ? merged[key] : undefined, value);
  }
  return merged;
}

/** A body with an `ephemeral_body` the checks cannot read merged in. */
const UNREAD_EPHEMERAL = new Unknown('ephemeral_body', []);

/**
 * A generic HTTP type's path as its provider expands it: restful's `$(path)` is the block's `path`, one known only at apply time as it is
 * spelled (its interpolations read as graphUrl reads any: 39th run, A39c-4, "$(path)/$(body.id)" was read as the segments "$", "path").
 */
export function httpPath(resource: ResourceView, http: HttpRequestType, value: unknown): unknown {
  const path = resource.config.path;
  if (http.own?.id !== '$(body.id)' || (typeof value !== 'string' && !isUnknown(value)) || (typeof path !== 'string' && !isUnknown(path))) return value;
  const text = templateText(value);
  return text.includes('$(path)') ? text.replace(RESTFUL_PATH, () => templateText(path)) : value;
}

/**
 * restful's body parameter in a path, as graphUrl reads it: "$(body.x.y.z)" ("expands to the `x.y.z` property of the API body", a
 * chain of functions "$f1.f2(body)" before it; magodo/restful docs/resources/resource.md) reads as the OData key "body.x.y.z" of a
 * segment "$" or "$f1.f2".
 */
const RESTFUL_PARAMETER = /^\$[a-z_.]*$/i;

/**
 * A restful block's path segments with each body parameter one segment known only at apply time (its value the field the provider
 * reads back, escaped into one segment by default: what the body sets, or the ID the create returns, 30th run, A30a-6); other blocks' as read.
 */
export function restfulSegments(resource: ResourceView, url: GraphUrl): readonly GraphSegment[] {
  if (httpRequestType(resource)?.own?.id !== '$(body.id)') return url.segments;
  const folded: GraphSegment[] = [];
  for (let index = 0; index < url.segments.length; index++) {
    const [segment, key] = [url.segments[index], url.segments[index + 1]];
    if (segment.later || key === undefined || !RESTFUL_PARAMETER.test(segment.text)) {
      folded.push(segment);
    } else {
      folded.push({ text: `${segment.text}(${key.text})`, later: true });
      index++;
    }
  }
  return folded;
}

/**
 * The URLs a Graph or REST block writes other than its own new object (31st run, A31a-2): every request but its deletes (graphWrites,
 * its provider block's methods included; a GET writes nothing), restful's body parameters folded into one segment known only at apply
 * time (restfulSegments: `$(body.displayName)` is what the body sets, any object), without a request to the object its create makes
 * (ownObjectPaths: restful's `$(path)/$(body.id)` after a POST, restapi's `path/{id}`). Each other request is judged by its own target,
 * whatever the first one was: a restful `update_path` or a restapi `update_path` naming an existing object writes over it at every update.
 */
export function writtenUrls(resource: ResourceView, providers: readonly ProviderConfiguration[] = []): GraphUrl[] {
  const own = ownObjectPaths(resource, providers).objects;
  return graphWrites(resource, providers)
    .filter((write) => !write.deletes && !own.includes(pathText(write.url).toLowerCase()))
    .map(({ url }) => ({ ...url, segments: restfulSegments(resource, url) }));
}

/**
 * The policies a Graph or REST block writes (A25a-2): a Conditional Access policy or a group's PIM policy, any of them when its ID is
 * known only later, one for each request (writtenUrls: its own new object aside, each request by its own target; A31a-2).
 */
export function policyTargets(resource: ResourceView, providers: readonly ProviderConfiguration[] = []): PolicyTarget[] {
  // A delete is the delete rule's (graph-write-targets.ts).
  return writtenUrls(resource, providers).flatMap((url) => urlPolicyTarget(url) ?? []);
}

/** The policy one request writes (policyTargets), or undefined when its URL is no Conditional Access or PIM policy path. */
export function urlPolicyTarget(url: GraphUrl): PolicyTarget | undefined {
  const [first, second, third, id, ...rest] = url.segments;
  const known = [first, second, third].filter((segment) => segment !== undefined && !segment.later).length > 0;
  const ca = known && rest.length === 0 && segmentMayBe(first, 'identity') && segmentMayBe(second, 'conditionalAccess') && segmentMayBe(third, 'policies');
  if (ca) return { kind: 'conditionalAccess', item: id !== undefined, later: id?.later === true, written: url.written };
  const pim = known && segmentMayBe(first, 'policies') && segmentMayBe(second, 'roleManagementPolicies') && third !== undefined;
  if (pim) return { kind: 'pim', item: true, later: third.later, written: url.written };
  return undefined;
}

/** A Graph membership write: the group it adds to (a path segment) and the member its body binds (`@odata.id`). */
export interface GraphMembership {
  readonly group: GraphSegment;
  readonly member: unknown;
}

/**
 * The membership a msgraph block adds, when it sends only that: `POST groups/<id>/members/$ref` whose body is `{"@odata.id": <a
 * directory object's URL>}` (Microsoft Graph, "Add members": the one way it adds a member by reference). Any other request, or a
 * body with more in it, is undefined: the readers of unread writes judge it.
 */
export function graphMembership(resource: ResourceView): GraphMembership | undefined {
  const request = graphRequest(resource);
  if (request === undefined || request.method !== 'POST') return undefined;
  const [groups, group, members, ref, ...rest] = request.url.segments;
  const fixed = [groups, members, ref].every((segment) => segment !== undefined && !segment.later);
  if (!fixed || group === undefined || rest.length > 0 || request.url.query?.size !== 0) return undefined;
  if (groups.text.toLowerCase() !== 'groups' || members.text.toLowerCase() !== 'members' || ref.text.toLowerCase() !== '$ref') return undefined;
  const body = request.body;
  if (!isObject(body) || isUnknown(body) || Object.keys(body).length !== 1 || !Object.prototype.hasOwnProperty.call(body, '@odata.id')) return undefined;
  return { group, member: body['@odata.id'] };
}

export { HTTP_REQUEST_TYPES, HTTP_REQUESTS } from './http-requests';
