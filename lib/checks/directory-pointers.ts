import { ownValue } from '../private/own-keys';
import { parseJson } from './azapi-writes';
import { afterGraphBase, graphUrl, httpRequestType, ownObjectPaths } from './graph-urls';
import type { ProviderConfiguration } from './provider-facts';
import { isUnknown, referencesIn } from './hcl-expression';
import { unescaped } from './server-mentions';
import type { ResourceView } from './stack-model';
import { isObject } from './terraform-json';
import { splitTemplate } from './value-readers';
import { INSTANCE_KEY } from './traversal-text';

// Which directory objects a Microsoft Graph or REST write (msgraph_*, restapi_*, any other type read as one) names,
// wherever it names them: a path into a collection in any text of the block (its URL, a `$batch` request's URL, an
// `@odata.bind` or `@odata.id` URL of its body), in any letter case, URL- or JSON-escaped, by key segment
// ("groups/<id>/members/$ref") or in parentheses ("groups('<id>')", "groups(uniqueName='x')"); and the body fields that
// name a group by ID (PIM for groups' `groupId`, entitlement management's `originId`, "Member_<id>"). The rules that ask
// whether a write may reach an administrator read every pointer here, a literal ID as well as one known only at apply
// time (seventeenth review, A17b-4: a literal group ID passed while the administrator group's ID was a variable).

/** The collections of Entra objects a path may name one of. */
export type DirectoryCollection = 'groups' | 'users' | 'servicePrincipals' | 'applications';

/** A directory object a write names. */
export interface DirectoryPointer {
  readonly collection: DirectoryCollection;
  /** How the message shows where it is written: the argument and its value ('url "groups/…/members/$ref"'). */
  readonly where: string;
  /** The ID as written: literal text, or a template whose `${…}` interpolations are known only at apply time. */
  readonly id: string;
  /** True when the object is named by an alternate key (uniqueName, appId), which no object ID can be compared with. */
  readonly alternateKey: boolean;
}

const COLLECTIONS: { readonly [lower: string]: DirectoryCollection } = { groups: 'groups', users: 'users', serviceprincipals: 'servicePrincipals', applications: 'applications' };

/** What stands for the n-th interpolation of a template while its literal text is unescaped and matched. */
const SLOT = /\u0001(\d+)\u0002/g;

/**
 * A collection and the object after it: "/<collection>/<segment>", "<collection>('<key>')", "<collection>(<name>='<key>')",
 * or a cast of a directory object to a group ("directoryObjects/<id>/microsoft.graph.group"). Not after a letter, digit or
 * dot ("transitiveGroups", "microsoft.graph.groups").
 */
const PATH = /(?<![a-z0-9_.])(groups|users|serviceprincipals|applications)(?:\/+([^/?#()'"\s,]+)|\(\s*(?:([a-z]+)\s*=\s*)?'([^']*)'\s*\))|(?<![a-z0-9_.])directoryobjects\/+([^/?#()'"\s,]+)\/+microsoft\.graph\.(group|user|serviceprincipal|application)\b/gi;

/** Body fields that name a group by ID: PIM for groups' requests, entitlement management's resources and role scopes. */
const GROUP_FIELDS = ['groupid', 'originid'];

/** Every directory object the block names, in the order written (its provider configurations read a REST block's "{id}", restApiId). */
export function directoryPointers(resource: ResourceView, providers: readonly ProviderConfiguration[] = []): DirectoryPointer[] {
  const found: DirectoryPointer[] = [];
  for (const [key, value] of Object.entries(resource.config)) {
    const where = `${key} ${JSON.stringify(value ?? null)}`;
    for (const text of textsIn(value)) {
      // A request's path is read as written and as the provider sends it (graph-urls.ts: "groups/./<id>", "x/../groups/<id>",
      // "groups('<id>')", "gr%6Fups/<id>", A25a): both may name an object.
      const sent = PATH_ARGUMENT.test(key) ? sentPath(text) : undefined;
      const paths = sent === undefined || sent === text ? [text] : [text, sent];
      const read = [...paths.flatMap((path) => pathsIn(path, where, resource, providers)), ...(PATH_ARGUMENT.test(key) ? paths.flatMap((path) => leadingObject(path, where)) : [])];
      found.push(...read.filter((pointer, index) => read.findIndex((other) => other.collection === pointer.collection && other.id === pointer.id && other.alternateKey === pointer.alternateKey) === index), ...fieldTexts(text, where));
    }
    fieldsIn(value, where, found);
  }
  return found;
}

/** A request path as the provider sends it (its segments, interpolations kept as written), or undefined when it has none. */
function sentPath(text: string): string | undefined {
  const url = graphUrl(text);
  // A key by name stays an OData key of the segment before it ("users(userPrincipalName='x')"), which pathsIn reads as an alternate key.
  return url.segments.length === 0 ? undefined : url.segments.map((segment, index) => (segment.keyName === undefined ? `${index === 0 ? '' : '/'}${segment.text}` : `(${segment.keyName}='${segment.text}')`)).join('');
}

/** The arguments that hold a request's path: msgraph's url and resource_url, restapi's path and its create/read/update/destroy paths. */
const PATH_ARGUMENT = /^(?:url|resource_url|(?:[a-z]+_)?path)$/i;

/** The collection an azuread block's `id` is a path into (azuread 3.x: "/applications/<id>", "/servicePrincipals/<id>"). */
const ID_PATHS: { readonly [type: string]: DirectoryCollection } = {
  azuread_application: 'applications', azuread_application_registration: 'applications', azuread_service_principal: 'servicePrincipals', azuread_group: 'groups', azuread_user: 'users',
};
const ALL_COLLECTIONS: readonly DirectoryCollection[] = ['groups', 'users', 'servicePrincipals', 'applications'];
/** A path that starts with one interpolation ("${azuread_application.app.id}/addPassword", "${var.object}"), after a Graph base and version. */
const LEADING = /^\s*\/*(?:(?:v1\.0|beta)\/+)?\u0001(\d+)\u0002(?:[/(?#]|\s*$)/i;
/** A collection named after a path's leading interpolation. */
const COLLECTION_AFTER = /(?:^|\/)(?:groups|users|serviceprincipals|applications)(?![a-z0-9_.])/i;
/** An azuread resource's or lookup's `id`, the whole interpolation. */
const ID_REFERENCE = new RegExp(String.raw`^(?:data\.)?([a-z0-9_]+)\.[^.[\]]+(?:${INSTANCE_KEY})?\.id$`);

/**
 * The object a request path names by an interpolation at its start: the path an azuread 3.x `id` is (its type's collection),
 * or one known only at apply time, which may be an object of any collection (fail closed). A base URL followed by a collection
 * ("${local.graph}/groups/<id>", "${var.base}/v1.0/groups") is read by pathsIn instead.
 */
function leadingObject(text: string, where: string): DirectoryPointer[] {
  const interpolations: string[] = [];
  // The path after a Graph base (graph-urls.ts afterGraphBase: its host read as Go reads it).
  const literal = afterGraphBase(unescaped(splitTemplate(text, (expression) => `\u0001${interpolations.push(expression) - 1}\u0002`).literal), SLOT);
  const found = LEADING.exec(literal);
  if (found === null) return [];
  const rest = literal.slice(found[0].length);
  // A base before a collection ("${var.base}/v1.0/groups", "${local.graph}/groups/<id>"): the collection names the object, or a new one.
  if (COLLECTION_AFTER.test(rest)) return [];
  const expression = interpolations[Number(found[1])].trim();
  const typed = ID_REFERENCE.exec(expression)?.[1];
  const collections = typed === undefined ? ALL_COLLECTIONS : ownCollection(typed);
  return collections.map((collection) => ({ collection, where, id: `\${${expression}}`, alternateKey: false }));
}

/** The collection an azuread type's `id` is a path into, or none for another type (its ID is no directory path). */
function ownCollection(type: string): readonly DirectoryCollection[] {
  const own = ownValue(ID_PATHS, type);
  if (own !== undefined) return [own];
  return type.startsWith('azuread_') || type.startsWith('msgraph_') ? [] : ALL_COLLECTIONS;
}

/**
 * The blocks a pointer's ID reads ("azuread_application.app", "data.azuread_service_principal.sp"), by its interpolations'
 * traversals: which object a write names when the stack makes it.
 */
export function pointerBlocks(pointer: DirectoryPointer): string[] {
  const expressions: string[] = [];
  splitTemplate(pointer.id, (expression) => {
    expressions.push(expression);
    return '';
  });
  return expressions.flatMap(referencesIn).map((reference) => BLOCK.exec(reference)?.[1]).filter((block): block is string => block !== undefined);
}

/** The block a traversal reads: a resource's type and name, or a lookup's. */
const BLOCK = /^((?:data\.)?[a-z0-9_]+\.[^.[\]]+)/;

/** The texts of a value at any depth: literal strings, and templates as written (a JSON text's own texts too). */
function textsIn(value: unknown): string[] {
  if (isUnknown(value)) return [value.toString()];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsIn);
  return isObject(value) ? Object.values(value).flatMap(textsIn) : [];
}

/** The objects the paths of one text name, its interpolations kept as written in their IDs. */
function pathsIn(text: string, where: string, resource: ResourceView, providers: readonly ProviderConfiguration[]): DirectoryPointer[] {
  const interpolations: string[] = [];
  const literal = unescaped(splitTemplate(text, (expression) => `\u0001${interpolations.push(expression) - 1}\u0002`).literal);
  const restored = (segment: string) => segment.replace(SLOT, (_slot, index: string) => `\${${interpolations[Number(index)]}}`);
  const pointers: DirectoryPointer[] = [];
  for (const match of literal.matchAll(PATH)) {
    const [, name, segment, keyName, key, castId, castTo] = match;
    const collection = COLLECTIONS[(name ?? `${castTo}s`).toLowerCase()];
    const written = restored((segment ?? key ?? castId).trim());
    const alternateKey = keyName !== undefined && keyName.toLowerCase() !== 'id';
    const id = written === '{id}' ? restApiId(resource, providers) : written;
    if (id !== undefined && (alternateKey || isObjectKey(collection, id))) pointers.push({ collection, where, id, alternateKey });
  }
  return pointers;
}

/**
 * The ID a REST provider puts for "{id}" in its paths (a type whose HTTP_REQUESTS `own.id` is "{id}", restapi_object; in any other
 * type's path it is literal text, no object's key): the object_id argument as written; without one, the object its create request
 * makes (a new object, none an administrator's) when graph-urls.ts ownObjectPaths reads one (a POST to a collection, its provider
 * block read, an ID its data does not set), else an ID the checks cannot read (a PUT create, an `id_attribute` its data holds), any object.
 */
function restApiId(resource: ResourceView, providers: readonly ProviderConfiguration[]): string | undefined {
  if (httpRequestType(resource)?.own?.id !== '{id}') return '{id}';
  const id = resource.config.object_id;
  if (typeof id === 'string') return id;
  if (isUnknown(id)) return id.toString();
  return ownObjectPaths(resource, providers).objects.length > 0 ? undefined : '${?}';
}

/**
 * Whether a msgraph_resource makes a new directory object (its URL a collection): its `id` is then that new object's,
 * which the provider's own examples write into ("groups/${msgraph_resource.group.id}/members/$ref").
 */
export function createsDirectoryObject(resource: ResourceView): boolean {
  return createdCollection(resource) !== undefined;
}

/** The collection a msgraph_resource makes a new directory object in (its URL, as the provider sends it), or undefined when it makes none. */
export function createdCollection(resource: ResourceView): DirectoryCollection | undefined {
  return resource.type === 'msgraph_resource' ? collectionUrl(resource.config.url) : undefined;
}

/**
 * The collection a Graph URL (or REST path) is, a new object being posted to it, read as the provider sends it (graph-urls.ts:
 * "./groups", "users/../groups", "gr%6Fups", a query after it); undefined for any other URL, or one known only at apply time.
 */
export function collectionUrl(url: unknown): DirectoryCollection | undefined {
  if (url === undefined || url === null) return undefined;
  const segments = graphUrl(url).segments;
  return segments.length === 1 && !segments[0].later ? ownValue(COLLECTIONS, segments[0].text.toLowerCase()) : undefined;
}

/** A GUID in any of the spellings .NET parses (with or without hyphens or braces). */
const GUID = /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i;

/**
 * Whether a segment may be an object's key: an interpolation may; a literal object ID is a GUID (a user's key may be its user
 * principal name too); other literal segments are functions and actions of the collection ("groups/delta", "users/$count").
 */
function isObjectKey(collection: DirectoryCollection, id: string): boolean {
  return id.includes('${') || GUID.test(id.trim()) || (collection === 'users' && id.includes('@'));
}

/** The lower-case hex digits of a GUID in any spelling, or undefined when the text is none. */
export function guidKey(text: string): string | undefined {
  return GUID.test(text.trim()) ? text.trim().replace(/[{}-]/g, '').toLowerCase() : undefined;
}

/** The body fields that name a group, at any depth of a body (a JSON text parsed), in any key case. */
function fieldsIn(value: unknown, where: string, found: DirectoryPointer[]): void {
  const parsed = typeof value === 'string' && /^\s*[[{]/.test(value) ? parseJson(value) : value;
  if (Array.isArray(parsed)) {
    parsed.forEach((item) => fieldsIn(item, where, found));
    return;
  }
  if (!isObject(parsed) || isUnknown(parsed)) return;
  const entries = Object.entries(parsed);
  // An entitlement management resource of another origin (an application, a SharePoint site) is no group.
  const origin = entries.find(([key]) => key.toLowerCase() === 'originsystem')?.[1];
  const otherOrigin = typeof origin === 'string' && origin.trim().toLowerCase() !== 'aadgroup';
  for (const [key, item] of entries) {
    const field = key.toLowerCase();
    if (GROUP_FIELDS.includes(field) && !(field === 'originid' && otherOrigin)) {
      const id = typeof item === 'string' ? item.trim().replace(/^(?:member|owner)_/i, '') : isUnknown(item) ? item.toString() : undefined;
      // A field whose value the checks cannot read as text (a number, an object) may be any group.
      found.push({ collection: 'groups', where, id: id ?? '${?}', alternateKey: false });
    } else {
      fieldsIn(item, where, found);
    }
  }
}

/** A group field in a body known only at apply time ('jsonencode({ groupId = "<id>" })'): its quoted value, or its expression. */
const FIELD_TEXT = /(?<![a-z0-9_])["']?(?:groupid|originid)["']?\s*[=:]\s*(?:"([^"]*)"|([^\s,}\])]+))/gi;

/** The group fields an expression's text writes (a JSON text's are read by fieldsIn, where another origin is told apart). */
function fieldTexts(text: string, where: string): DirectoryPointer[] {
  if (!text.includes('${')) return [];
  return [...text.matchAll(FIELD_TEXT)].map(([, quoted, expression]) => ({
    collection: 'groups' as const, where, id: quoted === undefined ? `\${${expression}}` : quoted.trim().replace(/^(?:member|owner)_/i, ''), alternateKey: false,
  }));
}

/**
 * Whether a pointer's ID may be an object: a literal by `literal`, a template of one interpolation by `interpolation`
 * (what it reads), one that mixes text and interpolations when any of them may be anything.
 */
export function idMayBe(id: string, literal: (text: string) => boolean, interpolation: (expression: string) => boolean): boolean {
  const expressions: string[] = [];
  const text = splitTemplate(id, (expression) => {
    expressions.push(expression);
    return '';
  }).literal;
  if (expressions.length === 0) return literal(id);
  return text.trim() === '' && expressions.length === 1 ? interpolation(expressions[0]) : expressions.some(interpolation);
}
