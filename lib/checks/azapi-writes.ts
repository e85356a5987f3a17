import { ownValue } from '../private/own-keys';
import { resourcesOfType } from './beside-construct';
import { isAnyText, isUnknown, Unknown, Value } from './hcl-expression';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';
import { isObject as isJsonObject } from './terraform-json';
import { literalString } from './value-readers';
import { withDotSegmentsRead, withEncodedNameRead } from './dot-segments';
import { armKey, idParts } from './azure-keys';

// How every table reads an azapi write: its Azure type, whether it writes, the ID it writes and the body it sends.
// The body is what Azure receives: `body` merged with `sensitive_body` as azapi merges them (azapi 2.x), property names in any
// letter case (Azure Resource Manager reads them so). Tables read azapi only through these functions (sixteenth
// review, A16a-1, A16b-1, A16b-2).

type Json = { [key: string]: unknown };

/**
 * The azapi block types that may write: a resource, an update, and an action (its data and ephemeral forms, and a
 * Terraform action, run it too: the stack model files them under this type); `writes` says which actions write.
 */
export const AZAPI_WRITER_TYPES: readonly string[] = ['azapi_resource', 'azapi_update_resource', 'azapi_resource_action'];

/** The arguments azapi merges into the request body, in order: each later one is merged over the earlier (`azapiMerge`). */
const BODY_ARGUMENTS = ['body', 'sensitive_body'];

/** A JSON object written in the configuration; an Unknown (a value known only later) is none. */
function isObject(value: unknown): value is Json {
  return isJsonObject(value) && !isUnknown(value);
}

/** The lower-case Azure type of an azapi block without its API version, or undefined when it is not a literal. */
export function azapiType(block: ResourceView): string | undefined {
  const type = literalString(block.config.type);
  return type === undefined ? undefined : azureTypeKey(type);
}

/** An Azure type as the tables key it: folded as ARM compares it (armKey: lower case in ASCII), without its API version. */
export function azureTypeKey(azureType: string): string {
  return armKey(azureType.replace(/@.*$/, '').trim());
}

/**
 * Whether a block surely exists at apply and, an azapi action, sends its request then (31st run, A31b-1/A31b-2): its count or
 * for_each known and not empty, OpenTofu's lifecycle.enabled true (`certain`, stack-model.ts), and an action's `when` absent or
 * literally "apply" (azapi: "apply" by default; "destroy" sends the request only when the block is destroyed; a value known only
 * later may be either). Only such a write, or such a block, satisfies a control; a reader that judges a write as weakening
 * reads every one.
 */
export function surelyApplied(block: ResourceView): boolean {
  if (!block.certain) return false;
  return block.type !== 'azapi_resource_action' || block.config.when === undefined || block.config.when === 'apply';
}

/** An azapi block that writes: a resource or an update, or an action whose method is PUT or PATCH (or known only later); the default POST reads. */
export function writes(block: ResourceView): boolean {
  const method = block.config.method;
  return block.type !== 'azapi_resource_action' || isUnknown(method) || (typeof method === 'string' && ['put', 'patch'].includes(method.trim().toLowerCase()));
}

/** Methods of an azapi action that only read. */
const READING_METHODS = ['get', 'head'];
/** Actions by POST that only read (keys, lists, a status, a validation); any other may move, delete, regenerate or rewrite (A18a-10). */
const READING_ACTION = /^(list|get|validate)[a-z]*$/i;

/**
 * Actions by POST that only read but bear no reading name, each on the Azure types (lower case) whose action it is, with the
 * Microsoft reference that says it changes nothing. Any other POST keeps failing closed.
 */
export const READ_ONLY_ACTIONS: readonly { readonly action: string; readonly types: readonly string[]; readonly source: string }[] = [
  // "Captures the specified resource group as a template": the response is the template, the group is left as it is.
  { action: 'exportTemplate', types: ['microsoft.resources/resourcegroups'], source: 'https://learn.microsoft.com/rest/api/resources/resource-groups/export-template' },
  // "Exports the template used for specified deployment."
  { action: 'exportTemplate', types: ['microsoft.resources/deployments'], source: 'https://learn.microsoft.com/rest/api/resources/deployments/export-template' },
  // "Gets all route tables applied to a network interface" / "Gets all network security groups applied to a network interface."
  { action: 'effectiveRouteTable', types: ['microsoft.network/networkinterfaces'], source: 'https://learn.microsoft.com/rest/api/virtualnetwork/network-interfaces/get-effective-route-table' },
  { action: 'effectiveNetworkSecurityGroups', types: ['microsoft.network/networkinterfaces'], source: 'https://learn.microsoft.com/rest/api/virtualnetwork/network-interfaces/list-effective-network-security-groups' },
  // "Check the availability of name for resource": a name check at a location, no object is made.
  { action: 'checkNameAvailability', types: ['microsoft.dbforpostgresql/locations'], source: 'https://learn.microsoft.com/rest/api/postgresql/name-availability/check-with-location' },
];

/**
 * An azapi block that only reads: an action by GET or HEAD, or by POST (azapi's default) whose action is a literal reading name,
 * or one of READ_ONLY_ACTIONS on its own type (the type of the object the request's URL names, or the one written). A method,
 * action or type known only at apply time may do anything. Its data and ephemeral forms act as the resource form does.
 */
export function onlyReads(block: ResourceView): boolean {
  if (block.type !== 'azapi_resource_action') return false;
  if (readsByGet(block)) return true;
  const verb = block.config.method === undefined ? 'post' : literalString(block.config.method)?.trim().toLowerCase();
  const action = literalString(block.config.action)?.trim();
  if (verb !== 'post' || action === undefined) return false;
  if (READING_ACTION.test(action)) return true;
  const type = azapiType(block);
  return type !== undefined && READ_ONLY_ACTIONS.some((entry) => entry.action.toLowerCase() === action.toLowerCase() && entry.types.includes(type));
}

/** An azapi action whose literal method is GET or HEAD: its request reads what its URL names (96th run, A96b-1). */
export function readsByGet(block: ResourceView): boolean {
  const verb = literalString(block.config.method)?.trim().toLowerCase();
  return block.type === 'azapi_resource_action' && verb !== undefined && READING_METHODS.includes(verb);
}

/**
 * What a reader of lookups takes as a GET: readsByGet, or an action whose method is known only at apply time (its output may be
 * what a GET reads, so a reader of it fails closed). Never a reason to take a block for no writer: that is readsByGet's alone.
 */
export function mayReadByGet(block: ResourceView): boolean {
  return readsByGet(block) || (block.type === 'azapi_resource_action' && isUnknown(block.config.method));
}

/** An azapi write that sends its body as the object itself: a resource, an update, or an action by PUT or PATCH with no action name. */
export function writesObject(block: ResourceView): boolean {
  if (block.type !== 'azapi_resource_action') return true;
  const verb = literalString(block.config.method)?.trim().toLowerCase();
  const action = block.config.action;
  return (verb === 'put' || verb === 'patch') && (action === undefined || literalString(action)?.trim() === '');
}

/**
 * An azapi action as the request azapi sends (twentieth review, A20b-4): its URL is `resource_id` + "/" + `action`
 * (azapi's actionCreateRequest), so the object it acts on is that URL's, not `resource_id`'s. The arguments are read as
 * that request: empty segments dropped (`commit/`, `/commit`, `a//b`: read as ARM would route them, the conservative
 * reading), the URL's type/name pairs as the object (a `providers/<Namespace>` pair starts an extension's type) and a
 * last odd segment as the action. A PUT to `<group>` with action `staticMembers/db` is then the static member's write,
 * `resource_id = "<manager>/commit"` the manager's commit: every table reads the child as its twin. A literal
 * resource_id is read whole (its own type/name pairs); one known only later keeps the block's type for its part. An
 * action known only at apply time may name any child: the type it writes is then known only later.
 */
export function actionRequest(config: Json): Json {
  const { resource_id: written, action, type: declared } = config;
  if (isUnknown(action) && writesBy(config.method)) return { ...config, type: new Unknown(`the type of what ${JSON.stringify(declared ?? null)} writes by the action ${action.toString()}`, action.references) };
  let [id, type, tail] = [written, declared, typeof action === 'string' ? segmentsOf(action) : []];
  // A literal resource_id that ends in an odd segment ("<manager>/commit") names its object and an action already.
  const own = typeof written === 'string' ? segmentsOf(written) : [];
  const ending = own.length % 2 === 1 ? walk(own, undefined) : undefined;
  if (ending?.action !== undefined) [id, type, tail] = [`/${own.slice(0, -1).join('/')}`, `${ending.type}${versionOf(declared)}`, [ending.action, ...tail]];
  if (id === written && (tail.length === 0 || (tail.length === 1 && tail[0] === action))) return config;
  const objectPart = tail.slice(0, tail.length - (tail.length % 2));
  const last = tail.length % 2 === 1 ? tail[tail.length - 1] : undefined;
  if (objectPart.length === 0) return request(config, id, type, last);
  const base = typeof type === 'string' ? type.replace(/@.*$/, '').trim() : undefined;
  const read = base === undefined ? undefined : walk(objectPart, base);
  const childType = read === undefined ? new Unknown(`the type of ${JSON.stringify(type ?? null)} below ${objectPart.join('/')}`, []) : `${read.type}${versionOf(type)}`;
  const path = objectPart.join('/');
  const child = typeof id === 'string' ? `/${[...segmentsOf(id), ...objectPart].join('/')}` : isUnknown(id) ? new Unknown(`${id.toString().replace(/\/+$/, '')}/${path}`, id.references) : id;
  return request(config, child, childType, last);
}

/** The "@<API version>" of an azapi type, or "" when it has none or is not a literal. */
function versionOf(type: unknown): string {
  return typeof type === 'string' && type.includes('@') ? type.slice(type.indexOf('@')) : '';
}

/** Whether an action's method may write (PUT, PATCH, or known only later). */
function writesBy(method: unknown): boolean {
  return isUnknown(method) || (typeof method === 'string' && ['put', 'patch'].includes(method.trim().toLowerCase()));
}

/** The segments of a path, each trimmed, without empty and "." ones (read as every reader reads an ID: azure-keys.ts idParts, A23-3). */
function segmentsOf(path: string): string[] {
  return idParts(path);
}

/**
 * The type of the object a path's type/name pairs name, from a starting type (undefined: an ARM ID from its root), and the
 * last odd segment (an action); undefined when the path names no type.
 */
function walk(segments: readonly string[], start: string | undefined): { type: string; action: string | undefined } | undefined {
  let type = start;
  for (let index = 0; index + 1 < segments.length; index += 2) {
    const [key, value] = [segments[index], segments[index + 1]];
    const lower = key.toLowerCase();
    if (lower === 'providers') type = value;
    else if (type === undefined && lower === 'subscriptions') type = 'Microsoft.Resources/subscriptions';
    else if (type !== undefined && /^microsoft\.resources\/subscriptions$/i.test(type) && lower === 'resourcegroups') type = 'Microsoft.Resources/resourceGroups';
    else if (type === undefined) return undefined;
    else type = /^[^/]+$/.test(type) || !/^microsoft\.resources\/(subscriptions|resourcegroups)$/i.test(type) ? `${type}/${key}` : undefined;
    if (type === undefined) return undefined;
  }
  if (type === undefined || !type.includes('/')) return undefined;
  return { type, action: segments.length % 2 === 1 ? segments[segments.length - 1] : undefined };
}

/** The action's arguments as the request they send: the object's ID and type, and the action left (none: a write of the object). */
function request(config: Json, id: unknown, type: unknown, action: string | undefined): Json {
  const rest = Object.fromEntries(Object.entries(config).filter(([key]) => key !== 'action'));
  // The action's segments are the URL's too: one percent-encoded (ARM decodes it) makes an ID that may be any object's.
  return { ...rest, resource_id: withDotSegmentsRead(id as Value, true), type, ...(action === undefined ? {} : { action }) };
}

/** Azure's resource group type and subscription type, as the tables key types. */
const RESOURCE_GROUP_TYPE = 'microsoft.resources/resourcegroups';
const SUBSCRIPTION_TYPE = 'microsoft.resources/subscriptions';
/**
 * The ID of the provider's subscription, as the readers read it: "/subscriptions/" and a subscription known only at apply time
 * (the ID readers spell it "/subscriptions/?", which may be any, the server's included).
 */
export const PROVIDER_SUBSCRIPTION = '/subscriptions/${data.azapi_client_config.provider.subscription_id}';

/**
 * An azapi block (resource, update, action, lookup; its raw JSON body) with the scope azapi gives it where it writes none (azapi
 * 2.x and 1.15 ModifyPlan and Read): a resource group without parent_id is in the provider's subscription (a type known only later
 * may be one: the same), a subscription lookup without name or resource_id is the provider's subscription. Any other type without
 * parent_id is refused at plan ("parent_id is required"), so it writes nothing and stays as written. Undefined when nothing is added.
 */
export function defaultScope(type: string, body: { readonly [key: string]: unknown }, lookup: boolean): { readonly [key: string]: unknown } | undefined {
  if (!['azapi_resource', 'azapi_update_resource', 'azapi_resource_action'].includes(type) || body.parent_id !== undefined || body.resource_id !== undefined) return undefined;
  const written = typeof body.type === 'string' && !body.type.includes('${') ? azureTypeKey(body.type) : undefined;
  if (type === 'azapi_resource' && (written === undefined || written === RESOURCE_GROUP_TYPE) && body.name !== undefined) return { ...body, parent_id: PROVIDER_SUBSCRIPTION };
  if (type === 'azapi_resource' && lookup && (written === undefined || written === SUBSCRIPTION_TYPE) && body.name === undefined) return { ...body, resource_id: PROVIDER_SUBSCRIPTION };
  return undefined;
}

/** The stack's JSON (a body or a list of them) with each azapi block's scope as azapi gives it where none is written (defaultScope). */
export function withDefaultScopes(terraform: unknown): unknown {
  if (Array.isArray(terraform)) return terraform.map(withDefaultScopes);
  if (!isObject(terraform)) return terraform;
  let root: { [key: string]: unknown } | undefined;
  for (const [section, lookup] of [['resource', false], ['data', true]] as const) {
    for (const type of AZAPI_WRITER_TYPES) {
      const blocks = isObject(terraform[section]) ? (terraform[section] as Json)[type] : undefined;
      if (!isObject(blocks)) continue;
      for (const [name, written] of Object.entries(blocks)) {
        const bodies = Array.isArray(written) ? written : [written];
        const scoped = bodies.map((body) => (isObject(body) ? defaultScope(type, body, lookup) ?? body : body));
        if (scoped.every((body, at) => body === bodies[at])) continue;
        root ??= { ...terraform };
        const sectionCopy = { ...(root[section] as Json) };
        sectionCopy[type] = { ...(sectionCopy[type] as Json), [name]: Array.isArray(written) ? scoped : scoped[0] };
        root[section] = sectionCopy;
      }
    }
  }
  return root ?? terraform;
}

/** The stack's azapi blocks that write (an action only by PUT or PATCH, or a method known later), in address order. */
export function azapiWriters(stack: StackFacts | undefined): readonly ResourceView[] {
  return AZAPI_WRITER_TYPES.flatMap((type) => resourcesOfType(stack, type)).filter((block) => writes(block))
    .sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
}

/** The ID an azapi block writes: its resource_id, or the ID azapi makes of parent_id, type and name (a resource, or an update so written). */
export function azapiTarget(block: ResourceView): unknown {
  if (block.config.resource_id !== undefined || block.config.parent_id === undefined) return block.config.resource_id;
  const parent = block.config.parent_id;
  const name = azapiName(block);
  // A parent or a name that may be any text (dot-segments.ts) makes an ID that may be any object's.
  if (isAnyText(parent)) return parent;
  if (isAnyText(name)) return name;
  const type = azapiType(block);
  const text = (value: unknown) => (isUnknown(value) ? value.toString() : typeof value === 'string' ? value : undefined);
  const [base, child, below] = [text(parent), text(name), type === undefined ? undefined : azapiIdStep(type)];
  if (below === undefined || base === undefined || child === undefined) return undefined;
  const id = `${base.replace(/\/+$/, '')}/${below}/${child}`;
  const references = [parent, name].flatMap((part) => (isUnknown(part) ? part.references : []));
  return isUnknown(parent) || isUnknown(name) ? new Unknown(id, references) : id;
}

/**
 * What azapi puts between a parent's ID and an object's name for an Azure type (its parse.NewResourceID): "resourceGroups" for a
 * resource group in its subscription, "providers/<type>" for a top-level type, a child type's last segment; undefined for no type.
 */
export function azapiIdStep(azureType: string): string | undefined {
  const type = azureTypeKey(azureType);
  const segments = type.split('/');
  if (segments.length < 2) return undefined;
  return type === RESOURCE_GROUP_TYPE ? 'resourceGroups' : segments.length === 2 ? `providers/${type}` : segments[segments.length - 1];
}

/** The parent of the object an azapi block writes: its parent_id, or its resource_id without the last "/<type>/<name>"; an Unknown stays one. */
export function azapiParent(block: ResourceView): unknown {
  const { parent_id: parent, resource_id: id } = block.config;
  // An ID that may be any scope (dot-segments.ts) has a parent that may be any scope.
  if (parent !== undefined || id === undefined || isAnyText(id)) return parent ?? id;
  const text = typeof id === 'string' ? id : isUnknown(id) ? id.toString() : undefined;
  const cut = text?.replace(/\/+$/, '').replace(/\/[^/]+\/[^/]+$/, '');
  if (cut === undefined || cut === text) return isUnknown(id) ? id : undefined;
  return isUnknown(id) ? new Unknown(cut, id.references) : cut;
}

/** The name of the object an azapi block writes: its name, or the last segment of its resource_id; an Unknown stays one. */
export function azapiName(block: ResourceView): unknown {
  const { name, resource_id: id } = block.config;
  // azapi puts the name into the URL as written, and ARM decodes a "%XX" in it (twenty-fourth run, A24b-1).
  if (name !== undefined || id === undefined) return withEncodedNameRead(name);
  // An ID that may be any scope (dot-segments.ts) names any object.
  if (isAnyText(id)) return id;
  const text = typeof id === 'string' ? id : isUnknown(id) ? id.toString() : undefined;
  // Empty and "." segments say nothing, wherever they stand (azure-keys.ts idParts, A23-3).
  const last = text === undefined ? undefined : (idParts(text).pop() ?? '');
  if (last === undefined || last === '') return isUnknown(id) ? id : undefined;
  return isUnknown(id) ? (/^\$\{[^{}]*\}$/.test(last) || last.includes('${') ? new Unknown(last, id.references) : withEncodedNameRead(last)) : withEncodedNameRead(last);
}

/**
 * The body an azapi block sends: `body` merged with `sensitive_body` as azapi merges them (`azapiMerge`), each an object
 * or its JSON text (a literal, or `jsonencode(...)`; `merge(...)` of objects is read by the evaluator), read with property
 * names in any letter case (see `caseInsensitive`); undefined when the block gives none, an Unknown when a part cannot be
 * read (known only at apply time, or no JSON object): it may hold anything.
 */
export function requestBody(block: ResourceView): unknown {
  const read = bodyParts(block);
  if (read.length === 0) return undefined;
  const later = read.find((part) => isUnknown(part));
  if (later !== undefined) return later;
  if (!read.every((part) => isObject(part))) return new Unknown(`the body of ${block.address}`, []);
  const identities = listIdentities(block);
  if (identities === undefined) return new Unknown(`the body of ${block.address}, whose list_unique_id_property is known only at apply time`, []);
  return caseInsensitive(cleared(read.reduce<unknown>((merged, next) => azapiMerge(merged, next, identities), {}), block), block.address);
}

/**
 * The body of an object an azapi_resource makes after the stack's later writes on it (azapi updates, actions by PUT or PATCH), in
 * the order given: a write merged into the live object (`patchesLive`) is merged over it as azapi merges it (`azapiMerge`, its
 * property names in any case; a member it clears with a null is absent after it: null), one that sends the whole object replaces
 * it. Undefined when the object is sent with no body; an Unknown when the body or a write's body cannot be read.
 */
export function bodyAfterWrites(made: ResourceView, later: readonly ResourceView[]): unknown {
  let body = requestBody(made);
  for (const write of later) {
    const next = requestBody(write);
    if (isUnknown(body) || isUnknown(next)) return isUnknown(body) ? body : next;
    const identities = Object.fromEntries(Object.entries(listIdentities(write) ?? {}).map(([path, property]) => [propertyKey(path), propertyKey(property)]));
    body = patchesLive(write) ? azapiMerge(lowerNames(body ?? {}), lowerNames(next ?? {}), identities) : next;
  }
  return isUnknown(body) || body === undefined ? body : caseInsensitive(body, made.address);
}

/** A JSON value with its property names in lower case (a body read by `caseInsensitive` spells each once), a member a write clears a null. */
function lowerNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerNames);
  if (!isObject(value)) return value;
  const entries = Object.entries(value).map(([key, item]) => [propertyKey(key), lowerNames(item)]);
  const nulls = [...CLEARED.get(value) ?? []].map((key) => [key, null]);
  return Object.fromEntries([...nulls, ...entries]);
}

/**
 * Whether an azapi write merges its body into the live object: azapi_update_resource, and an action by PATCH or by a
 * method known only at apply time. An azapi_resource or an action by PUT sends the whole object.
 */
export function patchesLive(block: ResourceView): boolean {
  if (block.type === 'azapi_update_resource') return true;
  return block.type === 'azapi_resource_action' && literalString(block.config.method)?.trim().toLowerCase() !== 'put';
}

/** The members (lower case) a write merged into the live object clears with a null, by the object that left them out. */
const CLEARED = new WeakMap<object, ReadonlySet<string>>();

/**
 * The merged body with its null members read as Azure reads them: azapi sends a null (in `body`, or in `sensitive_body`
 * over `body`'s member: the merge keeps it) as JSON null, which clears the property. The member is then absent, Azure's
 * default, as in a whole write that leaves it out; in a write merged into the live object it is also no longer the live
 * value (`clearsMember`: live-patch.ts `afterWrite` does not read it as the live one).
 */
function cleared(value: unknown, block: ResourceView): unknown {
  if (Array.isArray(value)) return value.map((item) => cleared(item, block));
  if (!isObject(value) || !Object.values(value).some((item) => item === null || isJsonObject(item) || Array.isArray(item))) return value;
  const copy = Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null).map(([key, item]) => [key, cleared(item, block)]));
  const nulls = Object.keys(value).filter((key) => value[key] === null).map(propertyKey);
  if (nulls.length > 0 && patchesLive(block)) CLEARED.set(copy, new Set(nulls));
  return copy;
}

/** Whether a write merged into the live object clears this member of the object (a null in its body): it is absent, not the live value. */
export function clearsMember(object: object, name: string): boolean {
  return CLEARED.get(object)?.has(propertyKey(name)) === true;
}

/** The body arguments an azapi block gives, each as the value it sends: JSON text (a literal, or `jsonencode(...)`, the azapi 1.x form) read (A18a-1). */
function bodyParts(block: ResourceView): unknown[] {
  return BODY_ARGUMENTS.map((argument) => block.config[argument]).filter((part) => part !== undefined && part !== null)
    .map((part) => (typeof part === 'string' ? parseJson(part) : isUnknown(part) && part.encodes !== undefined ? part.encodes : part));
}

/**
 * The body an azapi block may send, for readers of pointers (an identity it attaches, a domain it forwards), where any value
 * it may hold fails: `requestBody`, or where that is known only at apply time, what its known parts give (the objects of a
 * `merge(var.base, {...})`, a `body` beside a `sensitive_body` known later), which a part known later may add to or replace;
 * an Unknown when no part gives an attribute. What the later parts hold is not in it: a reader that fails closed on a body it
 * cannot read checks `requestBody` first, and a reader of a setting (a retention, an access) reads `requestBody` only.
 */
export function pointerBody(block: ResourceView): unknown {
  const body = requestBody(block);
  if (!isUnknown(body)) return body;
  const known = bodyParts(block).map((part) => (isUnknown(part) ? part.partly : part)).filter((part) => isObject(part) && Object.keys(part).length > 0);
  return known.length === 0 ? body : caseInsensitive(cleared(known.reduce<unknown>((merged, patch) => azapiMerge(merged, patch, listIdentities(block) ?? {}), {}), block), block.address);
}

/** The properties of the body an azapi block sends (`requestBody`); undefined when it has none, an Unknown when they cannot be read. */
export function bodyProperties(block: ResourceView): unknown {
  const body = requestBody(block);
  if (body === undefined || isUnknown(body)) return body;
  if (!isObject(body)) return new Unknown(`the body of ${block.address}`, []);
  const properties = body.properties;
  return isObject(properties) || isUnknown(properties) ? properties : properties === undefined ? undefined : new Unknown(`the body of ${block.address}`, []);
}

/** The property that names a list's items, by the list's path (object keys joined by "."): azapi's default is "name". */
type Identities = { readonly [path: string]: string };

/** A block's `list_unique_id_property` (paths to the property naming a list's items); undefined when it is not a literal map. */
function listIdentities(block: ResourceView): Identities | undefined {
  const option = block.config.list_unique_id_property;
  if (option === undefined || option === null) return {};
  if (!isObject(option) || !Object.values(option).every((value) => typeof value === 'string')) return undefined;
  return option as Identities;
}

/**
 * What azapi sends when it merges `next` over `old` (its MergeObject, for `sensitive_body` over `body` and for an
 * update's body over the live object): objects by key; two non-empty lists whose first items both have the identity
 * property ("name", or the path's `list_unique_id_property`) by that identity (an old item without a match stays, a new
 * one is added); other lists of one length item by item; any other value replaces. A part known only later whose
 * counterpart may merge into it makes the merge known only later (eighteenth review, A18b-5).
 */
export function azapiMerge(old: unknown, next: unknown, identities: Identities = {}, path = ''): unknown {
  if (next === null || next === undefined || isUnknown(next)) return next;
  if (isUnknown(old) && (isObject(next) || (Array.isArray(next) && next.length > 0))) return old;
  if (isObject(old) && isObject(next)) {
    const merged: { [key: string]: unknown } = { ...old };
    for (const [key, value] of Object.entries(next)) {
      const nested = path === '' ? key : `${path}.${key}`;
      merged[key] = Object.prototype.hasOwnProperty.call(old, key) ? azapiMerge(old[key], value, identities, nested) : value;
    }
    return merged;
  }
  if (!Array.isArray(old) || !Array.isArray(next) || old.length === 0 || next.length === 0) return next;
  const property = ownValue(identities, path)?.trim() || 'name';
  const [first, other] = [identity(old[0], property), identity(next[0], property)];
  if (isUnknown(first) || isUnknown(other)) return new Unknown(`the list ${path} merged by its items' ${property}`, []);
  if (first === '' || other === '') return old.length === next.length ? old.map((item, index) => azapiMerge(item, next[index], identities, path)) : next;
  const ids = next.map((item) => identity(item, property));
  if (old.some((item) => isUnknown(identity(item, property))) || ids.some((id) => isUnknown(id))) return new Unknown(`the list ${path} merged by its items' ${property}`, []);
  const used = next.map(() => false);
  const merged = old.map((item) => {
    const id = identity(item, property);
    const match = id === '' ? -1 : ids.findIndex((each, index) => !used[index] && each === id);
    if (match < 0) return item;
    used[match] = true;
    return azapiMerge(item, next[match], identities, path);
  });
  return [...merged, ...next.filter((_item, index) => !used[index])];
}

/** The identity azapi reads of a list item: its string values of the property's (comma-separated) names joined by "_", "" when none; an Unknown when one is known only later. */
function identity(item: unknown, property: string): string | Unknown {
  if (isUnknown(item)) return item;
  if (!isObject(item)) return '';
  const values = property.split(',').map((name) => name.trim()).filter((name) => name !== '').map((name) => item[name]);
  const later = values.find((value) => isUnknown(value));
  if (later !== undefined) return later as Unknown;
  const text = values.map((value) => (typeof value === 'string' ? value : ''));
  return text.some((value) => value !== '') ? text.join('_') : '';
}

/** A property name as Azure Resource Manager compares it: armKey (azure-keys.ts), the one fold of ARM's spellings. */
const propertyKey = armKey;

/** What a property written under two spellings of its name reads as: which one Azure Resource Manager keeps is not known. */
export const AMBIGUOUS = Symbol('two spellings of one property name');

/**
 * A property of a JSON object, its name in any letter case, as Azure Resource Manager reads a request body or a
 * policy; undefined when the object has none or the value is no object (a list, a value known only later). A name
 * the object spells twice is AMBIGUOUS (a value read through `caseInsensitive` never is: it keeps one spelling, known
 * only later when the values differ). The one reader of a property in any case: policy-rules.ts and
 * vnet-wide-writers.ts read through it.
 */
export function propertyInAnyCase(value: unknown, name: string): unknown {
  if (!isJsonObject(value) || isUnknown(value)) return undefined;
  const key = propertyKey(name);
  const found = Object.keys(value).filter((each) => propertyKey(each) === key);
  return found.length > 1 ? AMBIGUOUS : found.length === 1 ? value[found[0]] : undefined;
}

/**
 * A JSON value whose objects read their property names in any letter case (`properties.securityRules` finds
 * "Properties"/"SECURITYRULES"), as Azure Resource Manager reads a request body. Each object keeps the first
 * spelling of a name for `Object.keys`; a name written twice in different case with different values reads as
 * known only at apply time (which one Azure keeps is not known here).
 */
export function caseInsensitive(value: unknown, address: string): unknown {
  if (Array.isArray(value)) return value.map((item) => caseInsensitive(item, address));
  if (!isObject(value)) return value;
  const copy: { [key: string]: unknown } = {};
  const spelling = new Map<string, string>();
  const raw = new Map<string, unknown>();
  for (const [key, item] of Object.entries(value)) {
    const first = spelling.get(propertyKey(key));
    if (first === undefined) {
      spelling.set(propertyKey(key), key);
      raw.set(propertyKey(key), item);
      copy[key] = caseInsensitive(item, address);
    } else if (canonical(raw.get(propertyKey(key))) !== canonical(item) || isUnknown(item)) {
      copy[first] = new Unknown(`the property ${JSON.stringify(first)} of the body of ${address}, also written as ${JSON.stringify(key)}`, []);
    }
  }
  const own = (name: string | symbol) => (typeof name === 'string' && !Object.prototype.hasOwnProperty.call(copy, name) ? spelling.get(propertyKey(name)) ?? name : name);
  const read = new Proxy(copy, {
    get: (target, name, receiver) => Reflect.get(target, own(name), receiver),
    has: (target, name) => Reflect.has(target, own(name)),
    getOwnPropertyDescriptor: (target, name) => Reflect.getOwnPropertyDescriptor(target, own(name)),
  });
  const nulls = CLEARED.get(value);
  if (nulls !== undefined) CLEARED.set(read, nulls);
  return read;
}

/** A JSON value as text with its property names in lower case and sorted: two spellings of one value read the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (!isObject(value)) return isUnknown(value) ? `unknown:${value.toString()}` : JSON.stringify(value) ?? 'undefined';
  const entries = Object.entries(value).map(([key, item]) => [propertyKey(key), canonical(item)]).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${item}`).join(',')}}`;
}

/** The value of a JSON text; undefined when the text is no JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
    // Stryker disable next-line BlockStatement: equivalent: an empty catch block returns undefined too
  } catch {
    return undefined;
  }
}
