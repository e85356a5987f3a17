import { azureTypeKey } from './azapi-writes';
import { graphUrl, GraphUrl } from './graph-urls';
import { evaluateTemplate, isUnknown, Scope } from './hcl-expression';
import { ownValue } from '../private/own-keys';
import { isCounted } from './instance-arguments';

// A lookup whose identifying argument reads that same argument of a block the stack writes
// (`data.azuread_group { object_id = azuread_group.admins.object_id }`, `display_name = ….display_name`) returns that
// block's object, or fails at plan (two objects of the name): what a rule judges for the block it judges for the lookup
// (twentieth review, A20a-1). Lookups of another provider that name a block by its ID (an azapi lookup by `resource_id`,
// a msgraph lookup by a Graph path) read it too, their outputs spelled as the block's attributes by the tables below.
// data-source-aliases.ts rewrites every reader's JSON with these, so each reader of an administrator (groups, members,
// owners, credentials, identities) follows them without reading lookups itself.

/** A block as the aliasing reads it. */
export interface WrittenBlock {
  readonly type: string;
  readonly name: string;
  readonly body: { readonly [key: string]: unknown };
}

/** What an attribute of a lookup reads as (`${<block>.<attribute>}`), or undefined when it is none of a block's. */
export type LookedUpAttribute = (read: string) => string | undefined;

/** A reference to one attribute of a resource: its type, name and attribute. */
const REFERENCE = /^([a-z0-9_]+)\.([A-Za-z_][\w-]*)\.([a-z0-9_]+)$/;

/**
 * The resource and attribute a value reads (through locals, in a scope): a plain reference, or an expression of that one
 * reference and no text (`lower(…)`, `trimspace(…)`, as the administrator readers read the object ID itself); undefined for
 * anything else (text around it names another object, a second reference may choose another).
 */
function readOf(value: string, scope?: Scope): { readonly type: string; readonly name: string; readonly attribute: string } | undefined {
  const evaluated = scope === undefined ? undefined : evaluateTemplate(value, scope);
  const references = isUnknown(evaluated) && !evaluated.expression.includes('${') ? evaluated.references : [/^\$\{\s*([^{}]*?)\s*\}$/.exec(value)?.[1] ?? ''];
  const found = references.length === 1 ? REFERENCE.exec(references[0]) : null;
  return found === null ? undefined : { type: found[1], name: found[2], attribute: found[3] };
}

/**
 * Arguments a lookup may read by that block's other attribute: a service principal's display name is its application's
 * (the one its `client_id`, azuread 2.x `application_id`, reads).
 */
export const DERIVED: { readonly [type: string]: { readonly [argument: string]: { readonly via: readonly string[]; readonly types: readonly string[] } } } = {
  azuread_service_principal: { display_name: { via: ['client_id', 'application_id'], types: ['azuread_application', 'azuread_application_registration'] } },
};

/** The blocks an argument of a resource derives from (the application of a service principal), by its pointers. */
function derivedFrom(resource: WrittenBlock, argument: string, resources: readonly WrittenBlock[]): WrittenBlock[] {
  const derived = Object.prototype.hasOwnProperty.call(DERIVED, resource.type) ? DERIVED[resource.type][argument] : undefined;
  if (derived === undefined || resource.body[argument] !== undefined) return [];
  return derived.via.flatMap((pointer) => {
    const value = resource.body[pointer];
    const read = typeof value === 'string' ? readOf(value) : undefined;
    const block = read === undefined || !derived.types.includes(read.type) ? undefined : resources.find((each) => each.type === read.type && each.name === read.name);
    return block === undefined || isCounted(block.body) ? [] : [block];
  });
}

/**
 * Whether a lookup's argument (a reference, or a local that is one) reads the resource's own argument of that name, or
 * the argument it derives from another block of the stack: then the lookup finds the resource by it.
 */
export function readsOwnArgument(resource: WrittenBlock, argument: string, value: string, resources: readonly WrittenBlock[], scope: Scope): boolean {
  const read = readOf(value, scope);
  if (read === undefined || read.attribute !== argument) return false;
  if (read.type === resource.type && read.name === resource.name) return true;
  return derivedFrom(resource, argument, resources).some((block) => block.type === read.type && block.name === read.name);
}

/** A resource's argument as a lookup compares it: as written, else its derived value (the application's display name). */
export function argumentOf(resource: WrittenBlock, argument: string, resources: readonly WrittenBlock[]): unknown {
  if (resource.body[argument] !== undefined) return resource.body[argument];
  const values = derivedFrom(resource, argument, resources).map((block) => block.body[argument]);
  return values.length === 1 ? values[0] : undefined;
}

/**
 * azapi lookups of an Azure type (lower case, no API version) whose `resource_id` is a reference to the `id` of a block the
 * stack writes of the azurerm type: the lookup's attributes ("output.properties.principalId") that are the block's.
 */
export const AZAPI_LOOKUPS: { readonly [azureType: string]: { readonly type: string; readonly attributes: { readonly [read: string]: string } } } = {
  'microsoft.managedidentity/userassignedidentities': {
    type: 'azurerm_user_assigned_identity',
    attributes: { 'id': 'id', 'name': 'name', 'output.properties.principalId': 'principal_id', 'output.properties.clientId': 'client_id', 'output.properties.tenantId': 'tenant_id' },
  },
};

/** The azuread type of each Graph collection a msgraph lookup may read one object of. */
export const GRAPH_COLLECTIONS: { readonly [collection: string]: string } = {
  groups: 'azuread_group', users: 'azuread_user', serviceprincipals: 'azuread_service_principal', applications: 'azuread_application',
};

/**
 * Plural azuread lookups by lists of the singular type's arguments: `object_ids[<i>]` is the object of the lists' item `<i>`
 * (the provider keeps their order), so an item that reads a block's own argument makes that index the block.
 */
export const PLURAL_LOOKUPS: { readonly [type: string]: { readonly type: string; readonly lists: { readonly [list: string]: string } } } = {
  azuread_groups: { type: 'azuread_group', lists: { object_ids: 'object_id', display_names: 'display_name' } },
  azuread_users: { type: 'azuread_user', lists: { object_ids: 'object_id', user_principal_names: 'user_principal_name', mail_nicknames: 'mail_nickname', employee_ids: 'employee_id', mails: 'mail' } },
  azuread_service_principals: { type: 'azuread_service_principal', lists: { object_ids: 'object_id', client_ids: 'client_id' } },
  azuread_applications: { type: 'azuread_application', lists: { object_ids: 'object_id', client_ids: 'client_id', display_names: 'display_name' } },
};

/** An index a plural lookup's result list is read at ("object_ids[1]"). */
const LIST_ITEM = /^([a-z_]+)\[(\d+)\]$/;

/**
 * What the attributes of a lookup that reads blocks of the stack by their IDs read as, or undefined: an azapi lookup by
 * `resource_id`, or by `name` and a resource group's `parent_id` (a type of AZAPI_LOOKUPS), a msgraph lookup of one object by its object ID (its exports of the object's
 * `id`), an item of a plural azuread lookup (PLURAL_LOOKUPS).
 */
export function lookedUpAttributes(type: string, body: { readonly [key: string]: unknown }, resources: readonly WrittenBlock[], scope: Scope): LookedUpAttribute | undefined {
  const made = (read: { readonly type: string; readonly name: string } | undefined) => (read === undefined ? undefined : resources.find((each) => each.type === read.type && each.name === read.name && !isCounted(each.body)));
  if (type === 'azapi_resource' && typeof body.type === 'string') {
    const row = Object.prototype.hasOwnProperty.call(AZAPI_LOOKUPS, azureTypeKey(body.type)) ? AZAPI_LOOKUPS[azureTypeKey(body.type)] : undefined;
    const read = typeof body.resource_id === 'string' ? readOf(body.resource_id, scope) : undefined;
    const block = row === undefined ? undefined : read === undefined ? namedInGroup(row.type, body, resources, scope) : read.attribute !== 'id' || read.type !== row.type ? undefined : made(read);
    return block === undefined ? undefined : (attribute) => (Object.prototype.hasOwnProperty.call(row!.attributes, attribute) ? `\${${block.type}.${block.name}.${row!.attributes[attribute]}}` : undefined);
  }
  // The URL as the provider sends it (graph-urls.ts): "./groups", "groups?$filter=…", "groups('${…}')" too (A25a-1).
  const url = type === 'msgraph_resource' && typeof body.url === 'string' ? graphUrl(body.url, body.query_parameters) : undefined;
  const [collection, id, ...rest] = url?.segments ?? [];
  const graphType = collection === undefined || collection.later || rest.length > 0 ? undefined : ownValue(GRAPH_COLLECTIONS, collection.text.toLowerCase());
  if (url !== undefined && graphType !== undefined && id === undefined) return filteredObject(url, graphType, body, made, resources, scope);
  if (url !== undefined) {
    const read = graphType === undefined || id?.later !== true || id.keyName !== undefined || !/^\$\{[^{}]*\}$/.test(id.text.trim()) ? undefined : readOf(id.text.trim(), scope);
    const block = read?.attribute !== 'object_id' || read.type !== graphType ? undefined : made(read);
    if (block === undefined) return undefined;
    const exported = graphIdExports(body.response_export_values);
    return (attribute) => (exported.includes(attribute) ? `\${${block.type}.${block.name}.object_id}` : undefined);
  }
  const plural = Object.prototype.hasOwnProperty.call(PLURAL_LOOKUPS, type) ? PLURAL_LOOKUPS[type] : undefined;
  if (plural === undefined) return undefined;
  return (attribute) => {
    const [, list, index] = LIST_ITEM.exec(attribute) ?? [];
    if (list === undefined || !Object.prototype.hasOwnProperty.call(plural.lists, list)) return undefined;
    // The item at the index of whichever list the lookup is by: one that reads that argument of a block of the type.
    const items = Object.keys(plural.lists).map((by) => [by, body[by]] as const).filter(([, value]) => value !== undefined);
    if (items.length !== 1 || !Array.isArray(items[0][1])) return undefined;
    const item: unknown = items[0][1][Number(index)];
    const read = typeof item === 'string' ? readOf(item, scope) : undefined;
    const block = read?.type !== plural.type || read.attribute !== plural.lists[items[0][0]] ? undefined : made(read);
    return block === undefined ? undefined : `\${${block.type}.${block.name}.${plural.lists[list]}}`;
  };
}

/**
 * The one uncounted block of the azurerm type an azapi lookup names by `name` (a literal, or a reference to the block's name)
 * and `parent_id` = a resource group's `${azurerm_resource_group.<g>.id}`, the block's group being that one (by reference
 * to its name, or its literal name): the group's ID carries the azurerm subscription, so that is the block.
 */
function namedInGroup(type: string, body: { readonly [key: string]: unknown }, resources: readonly WrittenBlock[], scope: Scope): WrittenBlock | undefined {
  const parent = typeof body.parent_id === 'string' ? readOf(body.parent_id, scope) : undefined;
  const group = parent?.type !== 'azurerm_resource_group' || parent.attribute !== 'id' ? undefined : resources.find((each) => each.type === parent.type && each.name === parent.name && !isCounted(each.body));
  if (group === undefined || typeof body.name !== 'string') return undefined;
  const name = body.name;
  const literal = (value: unknown) => (typeof value === 'string' && !value.includes('${') ? value.trim().toLowerCase() : undefined);
  const inGroup = (value: unknown) => {
    const read = typeof value === 'string' ? readOf(value, scope) : undefined;
    if (read !== undefined) return read.type === group.type && read.name === group.name && read.attribute === 'name';
    return literal(value) !== undefined && literal(value) === literal(group.body.name);
  };
  const named = (block: WrittenBlock) => {
    const read = readOf(name, scope);
    if (read !== undefined) return read.type === block.type && read.name === block.name && read.attribute === 'name';
    return literal(name) !== undefined && literal(name) === literal(block.body.name);
  };
  const found = resources.filter((each) => each.type === type && !isCounted(each.body) && named(each) && inGroup(each.body.resource_group_name));
  return found.length === 1 ? found[0] : undefined;
}

/** A `$filter` by a key no two objects share: `id eq '<interpolation>'` (any collection), `appId eq '…'` (service principals, applications). */
const UNIQUE_FILTER = /^\s*(id|appId)\s+eq\s+'(\$\{[^{}]*\})'\s*$/i;

/**
 * A msgraph search of a collection by a `$filter` on a unique key that reads a block the stack makes (queued after the twentieth
 * run): `groups?$filter=id eq '${azuread_group.admins.object_id}'`, `servicePrincipals?$filter=appId eq '${azuread_application.app.client_id}'`
 * finds that one object, whose `id` its exports of `value[0].id` hold. A filter on a name (displayName) may find another object of
 * the name first: it stays a lookup nothing ties to a block, which fails closed where it may be an administrator.
 */
function filteredObject(url: GraphUrl, type: string, body: { readonly [key: string]: unknown }, made: (read: { readonly type: string; readonly name: string } | undefined) => WrittenBlock | undefined,
  resources: readonly WrittenBlock[], scope: Scope): LookedUpAttribute | undefined {
  const collection = url.segments[0].text.toLowerCase();
  const filters = url.query?.get('filter');
  const filter = filters?.length === 1 ? filters[0] : undefined;
  const text = typeof filter === 'string' ? filter : isUnknown(filter) ? filter.spelling : undefined;
  const [, key, value] = text === undefined ? [] : UNIQUE_FILTER.exec(text) ?? [];
  const read = value === undefined ? undefined : readOf(value, scope);
  if (read === undefined) return undefined;
  let block: WrittenBlock | undefined;
  if (key.toLowerCase() === 'id') block = read.attribute === 'object_id' && read.type === type ? made(read) : undefined;
  else if (collection === 'applications') block = read.attribute === 'client_id' && read.type === type ? made(read) : undefined;
  else if (collection === 'serviceprincipals') {
    // The service principal of that application: the one block of the stack whose client_id reads the application's.
    const application = ['azuread_application', 'azuread_application_registration'].includes(read.type) && read.attribute === 'client_id' ? made(read) : undefined;
    const principals = application === undefined ? [] : resources.filter((each) => each.type === 'azuread_service_principal' && !isCounted(each.body)
      && ['client_id', 'application_id'].some((pointer) => {
        const pointed = typeof each.body[pointer] === 'string' ? readOf(each.body[pointer] as string) : undefined;
        return pointed?.type === application.type && pointed.name === application.name && pointed.attribute === 'client_id';
      }));
    block = principals.length === 1 ? principals[0] : undefined;
  }
  if (block === undefined) return undefined;
  const exported = listIdExports(body.response_export_values);
  const found = block;
  return (attribute) => (exported.includes(attribute) ? `\${${found.type}.${found.name}.object_id}` : undefined);
}

/** The attributes of a msgraph search that hold the first found object's `id`: "output.<name>" of each export of "value[0].id". */
function listIdExports(exports: unknown): string[] {
  if (exports === null || typeof exports !== 'object' || Array.isArray(exports)) return [];
  return Object.entries(exports).filter(([, path]) => typeof path === 'string' && /^value\[0\]\.id$/.test(path.trim())).map(([name]) => `output.${name}`);
}

/** The attributes of a msgraph lookup that hold the object's `id`: "output.<name>" of each export of the path "id" (a list exports each path by its name). */
function graphIdExports(exports: unknown): string[] {
  if (Array.isArray(exports)) return exports.some((path) => typeof path === 'string' && path.trim() === 'id') ? ['output.id'] : [];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.entries(exports).filter(([, path]) => typeof path === 'string' && path.trim() === 'id').map(([name]) => `output.${name}`);
}
