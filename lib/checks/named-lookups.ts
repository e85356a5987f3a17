import { ownValue } from '../private/own-keys';
import { groupAdditions } from './administrator-groups';
import { graphUrl, GraphSegment } from './graph-urls';
import { isUnknown, Unknown } from './hcl-expression';
import { isCounted } from './instance-arguments';
import type { LookedUpAttribute, WrittenBlock } from './looked-up-blocks';
import { GRAPH_FIELDS, objectIdAttribute, PrincipalKind, principalWriter, principalWriters } from './principal-writers';
import { StackFacts } from './rule';
import type { ResourceView, TerraformBlock } from './stack-model';

// An Entra lookup by a literal name (a display name, a prefix of one, a UPN, a mail nickname) answers with whichever object bears
// it: a principal the stack makes with that name, by any writer (azuread or a Graph or REST post), is what it returns (or the
// plan fails, two objects answering a singular lookup). A declared administrator read through such a lookup that the aliases
// did not tie to the block fails closed, like a lookup whose arguments read the block (twenty-first review, A21a-2).

/**
 * How a lookup argument finds principals: by an argument of theirs (azuread shape) equal to it, starting with it, a list of theirs
 * holding it (`member`), or every one.
 */
interface ByArgument {
  readonly field: string;
  readonly match: 'equal' | 'prefix' | 'member' | 'all';
}

const equal = (field: string): ByArgument => ({ field, match: 'equal' });
const ALL: ByArgument = { field: '', match: 'all' };

/**
 * Entra lookup types (singular and plural), the principal kinds each may return (a service principal's display name is its
 * application's), and the arguments each finds them by. Object IDs and client IDs are left out: a principal the stack makes
 * has a new one, known only at apply time, which no literal is.
 */
export const NAME_LOOKUPS: { readonly [type: string]: { readonly kinds: readonly PrincipalKind[]; readonly by: { readonly [argument: string]: ByArgument } } } = {
  azuread_group: { kinds: ['group'], by: { display_name: equal('display_name'), mail_nickname: equal('mail_nickname') } },
  azuread_groups: { kinds: ['group'], by: { display_names: equal('display_name'), display_name_prefix: { field: 'display_name', match: 'prefix' }, return_all: ALL } },
  azuread_user: { kinds: ['user'], by: { user_principal_name: equal('user_principal_name'), mail_nickname: equal('mail_nickname'), mail: equal('mail'), employee_id: equal('employee_id') } },
  azuread_users: {
    kinds: ['user'],
    by: { user_principal_names: equal('user_principal_name'), mail_nicknames: equal('mail_nickname'), mails: equal('mail'), employee_ids: equal('employee_id'), return_all: ALL },
  },
  azuread_service_principal: { kinds: ['servicePrincipal', 'application'], by: { display_name: equal('display_name') } },
  azuread_service_principals: { kinds: ['servicePrincipal', 'application'], by: { display_names: equal('display_name'), return_all: ALL } },
  // An application by one of its identifier URIs (twenty-fourth review, with A24a-5: a name argument of the lookup left unread).
  azuread_application: { kinds: ['application'], by: { display_name: equal('display_name'), identifier_uri: { field: 'identifier_uris', match: 'member' } } },
  azuread_applications: { kinds: ['application'], by: { display_names: equal('display_name'), return_all: ALL } },
};

/**
 * A template directive (`%{if}`, `%{for}`) in a template's spelling, not an escaped `%%{`: the evaluator does not read one (the value
 * is an Unknown spelled as written), so what it spells may be any text. A literal string is decoded text: a `%{` in it is text.
 */
const DIRECTIVE = /(?<!%)%\{/;

/** Whether a name is a literal both sides compare as text (a template, a directive among them, is an Unknown: spellings reads it). */
function isLiteralName(value: unknown): value is string {
  return typeof value === 'string' && !value.includes('${');
}

/** A principal the stack makes that a lookup may return by a name, and how the lookup names it. */
export interface NamedPrincipal {
  readonly principal: string;
  readonly byName: string;
}

/**
 * The first principal the stack makes (any writer) that a lookup of NAME_LOOKUPS may return by a literal name: each literal of its
 * arguments (only the item at `index` of a list, when the administrator reads `object_ids[index]`) compared without case; an
 * argument known only at apply time, or a principal's name known only then, is not compared (a lookup by a variable is left to
 * the lookup readers, as is a principal named by one).
 */
export function principalNamed(lookup: ResourceView, index: number | undefined, stack: StackFacts | undefined): NamedPrincipal | undefined {
  const application = applicationLookup(lookup, stack);
  const named = application === undefined ? undefined : principalNamed(application, undefined, stack);
  if (application !== undefined) return named === undefined ? undefined : { ...named, byName: `${named.byName} of ${application.address}, whose client ID it reads` };
  const read = nameQueries(lookup, stack);
  if (read === undefined) return undefined;
  const made = [...principalWriters(stack).values()].filter(({ kind, fields }) => read.kinds.includes(kind) && !isUnknown(fields));
  const added = addedIdentifierUris(stack);
  for (const { argument, value, by } of read.queries) {
    if (value === undefined || value === null || value === false || value === 'false') continue;
    if (by.match === 'all') {
      if (made.length > 0) return { principal: made[0].resource.address, byName: `${argument} (every object)` };
      continue;
    }
    const items = Array.isArray(value) ? (index !== undefined && index < value.length ? [value[index]] : value) : [value];
    for (const item of items.filter(isLiteralName)) {
      const wanted = item.trim().toLowerCase();
      const found = made.find(({ resource, fields }) => {
        const name = (fields as { readonly [field: string]: unknown })[by.field];
        if (by.match === 'member') return listed(name, added, resource.address).some((each) => isLiteralName(each) && each.trim().toLowerCase() === wanted);
        if (!isLiteralName(name)) return false;
        return by.match === 'prefix' ? name.trim().toLowerCase().startsWith(wanted) : name.trim().toLowerCase() === wanted;
      });
      if (found !== undefined) return { principal: found.resource.address, byName: `${argument} ${JSON.stringify(item)}` };
    }
  }
  return undefined;
}

/**
 * Whether a lookup of NAME_LOOKUPS or a Graph search may return a principal of the kind by its display name: a search of every
 * object, or a literal display name equal to it or a prefix of it, compared without case (96th run, A96b-2: a `startswith` filter
 * or a search of every service principal may return a managed identity's); a name that is a template is compared by its literal
 * parts (mayMatch: `id-pg-admin-${var.env}` may be "id-pg-admin-prod", A96e-5), one wholly known only later by none.
 */
export function mayFindByDisplayName(lookup: ResourceView, kind: PrincipalKind, name: unknown, stack: StackFacts | undefined): boolean {
  const read = nameQueries(lookup, stack);
  if (read === undefined || !read.kinds.includes(kind)) return false;
  const names = spellings(name) ?? [];
  return read.queries.some(({ value, by }) => {
    if (value === undefined || value === null || value === false || value === 'false') return false;
    if (by.match === 'all') return true;
    const items = (Array.isArray(value) ? value : [value]).filter(isLiteralName).map((item) => item.trim().toLowerCase());
    return by.field === 'display_name' && items.some((item) => names.some((each) => mayMatch(item, each, by.match === 'prefix')));
  });
}

/**
 * The application lookup a service principal lookup reads its application's client ID from (`client_id`, azuread 2.x
 * `application_id`, = data.azuread_application.<name>.client_id): the service principal is that application's, so it finds
 * the principals that lookup finds by name (an application by its display name or an identifier URI).
 */
function applicationLookup(lookup: ResourceView, stack: StackFacts | undefined): ResourceView | undefined {
  if (lookup.type !== 'azuread_service_principal') return undefined;
  for (const pointer of [lookup.config.client_id, lookup.config.application_id]) {
    const found = isUnknown(pointer) && pointer.isPlainReference ? /^(data\.azuread_application\.[^.[]+)\.(?:client_id|application_id)$/.exec(pointer.references[0]) : null;
    const block = found === null ? undefined : stack?.lookups?.get(found[1]);
    if (block !== undefined) return block;
  }
  return undefined;
}

/** One way a lookup finds principals: the argument (as the message names it), its value, and the field it compares. */
interface NameQuery {
  readonly argument: string;
  readonly value: unknown;
  readonly by: ByArgument;
}

/** The kinds a lookup may return and the queries it finds them by: an azuread lookup of NAME_LOOKUPS, or a msgraph search (graphQueries). */
function nameQueries(lookup: ResourceView, stack: StackFacts | undefined): { readonly kinds: readonly PrincipalKind[]; readonly queries: readonly NameQuery[] } | undefined {
  const row = ownValue(NAME_LOOKUPS, lookup.type);
  if (row !== undefined) return { kinds: row.kinds, queries: Object.entries(row.by).map(([argument, by]) => ({ argument, value: lookup.config[argument], by })) };
  return lookup.type === 'msgraph_resource' ? graphQueries(lookup, stack) : undefined;
}

const COLLECTION_KINDS: { readonly [collection: string]: PrincipalKind } = { groups: 'group', users: 'user', serviceprincipals: 'servicePrincipal', applications: 'application' };
const ALL_KINDS: readonly PrincipalKind[] = ['group', 'user', 'servicePrincipal', 'application'];
/** The delta function of a collection ("groups/delta", "groups/microsoft.graph.delta()"): a search of the collection. */
const DELTA = /^(?:microsoft\.graph\.)?delta$/i;
/** A clause of a `$filter` on a name: `displayName eq '…'`, `startswith(displayName, '…')`. */
const EQUAL_CLAUSE = /^\(*\s*([A-Za-z]+)\s+eq\s+(?:'((?:[^']|'')*)'|[^\s'()]+)\s*\)*$/;
const PREFIX_CLAUSE = /^\(*\s*startswith\(\s*([A-Za-z]+)\s*,\s*'((?:[^']|'')*)'\s*\)\s*\)*$/i;
/** Clauses that only narrow what a search by a name finds (a type, a flag), never widen it. */
const NARROWING_FIELDS = new Set(['securityenabled', 'mailenabled', 'accountenabled', 'usertype', 'grouptypes', 'serviceprincipaltype']);
/** Keys no two objects share: a search by one is read by the ID readers (looked-up-blocks.ts), a literal one being another object's. */
const KEY_FIELDS = new Set(['id', 'appid']);

/**
 * The queries a msgraph lookup of a collection of principals (`groups`, `users`, `servicePrincipals`, `applications`) finds them by
 * (twenty-second review, A22a-1, the Graph form of a lookup by name): each name clause of its `$filter` (`displayName eq '…'`,
 * `userPrincipalName`, `mail`, `mailNickname`, `startswith(…)`; a service principal's display name is its application's), a user
 * by its user principal name in the URL (`users/<upn>`); a search with no filter, a `$search`, or a filter not read so (an `or`
 * with another clause, a filter known only at apply time) may return any object of its kind.
 */
function graphQueries(lookup: ResourceView, stack: StackFacts | undefined): { readonly kinds: readonly PrincipalKind[]; readonly queries: readonly NameQuery[] } | undefined {
  const config = lookup.config;
  // The URL as the provider sends it (graph-urls.ts): cleaned, decoded, its own query merged with query_parameters (A25a-1).
  const url = graphUrl(config.url, config.query_parameters);
  const every: NameQuery = { argument: 'url', value: true, by: ALL };
  const [collection, key, ...rest] = url.segments;
  // A collection known only at apply time, or a part that may hold "/" or ".." (it may reach any path), may be any collection of
  // principals: the search may return any (A25a-1; graph segments, stop 36).
  if (collection?.later === true || url.anyPath !== undefined) return { kinds: ALL_KINDS, queries: [every] };
  const kind = collection === undefined ? undefined : ownValue(COLLECTION_KINDS, collection.text.toLowerCase());
  if (kind !== undefined && key !== undefined && rest.length > 0) {
    const kinds = relationKinds(lookup, collection, key, rest, stack);
    return kinds === undefined || kinds.length === 0 ? undefined : { kinds, queries: [{ argument: `url ${JSON.stringify(url.written)} (a relationship the stack may add to)`, value: true, by: ALL }] };
  }
  if (kind === undefined || rest.length > 0) return undefined;
  const kinds: readonly PrincipalKind[] = kind === 'servicePrincipal' ? ['servicePrincipal', 'application'] : [kind];
  const field = (graph: string) => ownValue(GRAPH_FIELDS[kind === 'servicePrincipal' ? 'application' : kind], graph.toLowerCase());
  if (key !== undefined && !DELTA.test(key.text)) {
    // One object by its key: a GUID is an object ID (a literal one is another object's); a user may be read by its user principal
    // name, and a key known only at apply time may be any user's.
    const byName = key.later || key.keyName === 'userprincipalname' || (key.keyName === undefined && key.text.includes('@'));
    return kind === 'user' && byName ? { kinds, queries: [{ argument: 'url', value: key.later ? new Unknown(key.text, [], key.text) : key.text, by: equal('user_principal_name') }] } : undefined;
  }
  const query = url.query;
  if (query === undefined || query.has('search')) return { kinds, queries: [every] };
  const filters = query.get('filter');
  if (filters === undefined) return { kinds, queries: [every] };
  const filter = filters.length === 1 ? filters[0] : undefined;
  const text = typeof filter === 'string' ? filter : isUnknown(filter) ? filter.spelling : undefined;
  // A directive outside the quoted names may write any filter (A24a-4); one inside a name is read by spellings.
  if (text === undefined || /\bor\b|\bnot\b|\bany\(/i.test(text) || (isUnknown(filter) && DIRECTIVE.test(text.replace(/'(?:[^']|'')*'/g, "''")))) return { kinds, queries: [every] };
  const queries: NameQuery[] = [];
  for (const clause of text.split(/\s+and\s+/i)) {
    const [, key, literal] = EQUAL_CLAUSE.exec(clause.trim()) ?? PREFIX_CLAUSE.exec(clause.trim()) ?? [];
    if (key !== undefined && KEY_FIELDS.has(key.toLowerCase())) return undefined;
    const named = key === undefined ? undefined : field(key);
    if (key !== undefined && named === undefined && NARROWING_FIELDS.has(key.toLowerCase())) continue;
    if (named === undefined || !['display_name', 'user_principal_name', 'mail', 'mail_nickname', 'employee_id'].includes(named)) return { kinds, queries: [every] };
    if (literal === undefined) return { kinds, queries: [every] };
    const name = literal.replace(/''/g, "'");
    queries.push({ argument: `$filter ${JSON.stringify(clause.trim())}`, value: isUnknown(filter) ? new Unknown(name, [], name) : name, by: { field: named, match: PREFIX_CLAUSE.test(clause.trim()) ? 'prefix' : 'equal' } });
  }
  return { kinds, queries: queries.length === 0 ? [every] : queries };
}

/**
 * The relationships of a principal (`<collection>/<key>/<relationship>`) a lookup may list principals of, by the kinds each returns:
 * a group's members (users, groups, service principals) and owners (users, service principals), the groups an object is a member of,
 * a principal's owners, a user's reports and manager, the objects one owns or created. An unknown relationship is not read as a search.
 */
const RELATIONS: { readonly [relation: string]: readonly PrincipalKind[] } = {
  members: ['user', 'group', 'servicePrincipal'], transitivemembers: ['user', 'group', 'servicePrincipal'], owners: ['user', 'servicePrincipal'],
  memberof: ['group'], transitivememberof: ['group'], directreports: ['user'], manager: ['user'],
  ownedobjects: ALL_KINDS, createdobjects: ALL_KINDS,
};

/** A type cast after a relationship ("members/microsoft.graph.user"): only principals of that kind. */
const CASTS: { readonly [cast: string]: PrincipalKind } = {
  'microsoft.graph.user': 'user', 'microsoft.graph.group': 'group', 'microsoft.graph.serviceprincipal': 'servicePrincipal', 'microsoft.graph.application': 'application',
};

/**
 * The kinds of principals the stack makes that a lookup of a relationship (graph segments, stop 36) may list: where the stack may add
 * them. A group's members or owners: every kind when the stack writes members or owners into that group (groupAdditions of the group by
 * its key; for transitive members, into any group, one of which may be nested in it), and users for its members either way (a
 * dynamic rule of a group the checks cannot read may take a new user). Any other relationship (the groups an object joins, a
 * principal's owners, reports, owned objects) is read as one the stack may add to: every kind it returns. Undefined when not read.
 */
function relationKinds(lookup: ResourceView, collection: GraphSegment, key: GraphSegment, rest: readonly GraphSegment[], stack: StackFacts | undefined): readonly PrincipalKind[] | undefined {
  const [relation, cast, ...beyond] = rest;
  const returns = relation.later ? ALL_KINDS : ownValue(RELATIONS, relation.text.toLowerCase());
  const narrowed = cast === undefined || cast.later ? undefined : ownValue(CASTS, cast.text.toLowerCase());
  if (returns === undefined || beyond.length > 0 || (cast !== undefined && !cast.later && narrowed === undefined)) return undefined;
  const kinds = returns.filter((kind) => narrowed === undefined || kind === narrowed);
  const name = relation.text.toLowerCase();
  // A group by a key that is no object ID (`groups(uniqueName='x')`) cannot be compared with the writers' pointers: any group.
  if (collection.text.toLowerCase() !== 'groups' || !['members', 'transitivemembers', 'owners'].includes(name) || key.later || key.keyName !== undefined) return kinds;
  // The group as an administrator would name it, to ask which writers of the stack write into it (any group, for a transitive read).
  const group = name === 'transitivemembers' ? new Unknown('(any group)', []) : key.text;
  const standIn: ResourceView = { type: lookup.type, name: lookup.name, address: `${lookup.address} (the group it reads)`, config: { object_id: group, principal_type: 'Group' }, certain: true };
  if (groupAdditions([standIn], stack).length > 0) return kinds;
  return name === 'owners' ? [] : kinds.filter((kind) => kind === 'user');
}

/**
 * What the object ID attributes of a lookup of NAME_LOOKUPS read as, when a literal name it finds by (the item at the index read,
 * for a plural one's `object_ids[<i>]`) is borne by exactly one principal of its own kind the stack makes, by any writer
 * (`relation` says the writer's block is written where the lookup reads): that block's object ID (A21a-2). A lookup by every object, by a
 * prefix, or by a name two principals bear is left as written (PG-IAM-3 fails a declared administrator read through it closed).
 */
export function namedAttributes(type: string, body: { readonly [key: string]: unknown }, resources: readonly WrittenBlock[], sameSource: (block: WrittenBlock) => boolean): LookedUpAttribute | undefined {
  const row = ownValue(NAME_LOOKUPS, type);
  if (row === undefined) return undefined;
  const by = Object.entries(row.by).filter(([argument]) => body[argument] !== undefined && body[argument] !== null);
  if (by.length !== 1 || by[0][1].match !== 'equal') return undefined;
  const [argument, { field }] = by[0];
  const made = resources.map((block) => ({ block, writer: principalWriter({ type: block.type, name: block.name, address: `${block.type}.${block.name}`, config: block.body as TerraformBlock, certain: true }) }))
    .filter(({ block, writer }) => writer !== undefined && writer.kind === row.kinds[0] && !isUnknown(writer.fields) && !isCounted(block.body) && sameSource(block));
  const bearer = (name: unknown): WrittenBlock | undefined => {
    if (!isLiteralName(name)) return undefined;
    const found = made.filter(({ writer }) => {
      const value = (writer!.fields as { readonly [field: string]: unknown })[field];
      return isLiteralName(value) && value.trim().toLowerCase() === name.trim().toLowerCase();
    });
    return found.length === 1 ? found[0].block : undefined;
  };
  const idOf = (block: WrittenBlock | undefined) => (block === undefined ? undefined : `\${${block.type}.${block.name}.${objectIdAttribute(block.type)}}`);
  const value = body[argument];
  if (!Array.isArray(value)) return (attribute) => (attribute === 'object_id' || attribute === 'id' ? idOf(bearer(value)) : undefined);
  return (attribute) => {
    const index = /^object_ids\[(\d+)\]$/.exec(attribute)?.[1];
    return index === undefined ? undefined : idOf(bearer(value[Number(index)]));
  };
}

// A name known only at apply time (a variable, a template "grp-${var.env}", a for_each item, a local read from a variable), on
// either side, may be the literal the other side writes: the lookup may find that principal (twenty-second review, A22a-1).
// Each such principal is a candidate the administrator may be, judged as the administrator by every administrator reader.

/**
 * What a name may spell, lower case: its literal text, a template's text (interpolations kept as `${...}`), each value a conditional
 * or for_each item may take; undefined when it may be anything (a plain reference, an expression).
 */
function spellings(value: unknown): readonly string[] | undefined {
  if (typeof value === 'string') return [value.trim().toLowerCase()];
  if (!isUnknown(value)) return undefined;
  if (value.choices !== undefined) {
    const each = value.choices.map(spellings);
    return each.every((choice): choice is readonly string[] => choice !== undefined) ? each.flat() : undefined;
  }
  const spelled = value.spelling;
  // A directive (%{if}, %{for}), constant or not, chooses or repeats its text: what it spells is read as anything (twenty-fourth
  // review, A24a-4: its raw text was compared, so it matched nothing).
  if (DIRECTIVE.test(spelled)) return undefined;
  return spelled.startsWith('${') && spelled.endsWith('}') && parts(spelled).every((part) => part === '') ? undefined : [spelled.trim().toLowerCase()];
}

/** A spelling's literal parts around its interpolations ("grp-${var.env}-x" → ["grp-", "-x"]); one part when it has none. */
function parts(text: string): string[] {
  const found: string[] = [];
  let literal = '';
  for (let at = 0; at < text.length; at++) {
    if (text.startsWith('${', at)) {
      let depth = 1;
      let end = at + 2;
      for (; end < text.length && depth > 0; end++) depth += text[end] === '{' ? 1 : text[end] === '}' ? -1 : 0;
      found.push(literal);
      literal = '';
      at = end - 1;
    } else literal += text[at];
  }
  return [...found, literal];
}

/** Whether a text may be what a spelling's literal parts, with anything between them, spell (with anything after it, for a prefix). */
function fits(text: string, spelled: readonly string[], open: boolean): boolean {
  const pattern = spelled.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*');
  return new RegExp(`^${pattern}${open ? '[\\s\\S]*' : ''}$`).test(text);
}

/** Whether two spellings may name one object (the principal's name starting with the lookup's, for a prefix), one or both templates. */
function mayMatch(wanted: string, name: string, prefix: boolean): boolean {
  const [lookup, made] = [parts(wanted), parts(name)];
  if (lookup.length === 1 && made.length === 1) return prefix ? name.startsWith(wanted) : name === wanted;
  if (lookup.length === 1) return prefix ? made[0].startsWith(wanted) || wanted.startsWith(made[0]) : fits(wanted, made, false);
  if (made.length === 1) return fits(name, lookup, prefix);
  // Both templates: their literal starts agree, and so do their ends (a prefix may end anywhere).
  const agree = (x: string, y: string) => x.startsWith(y) || y.startsWith(x);
  const ends = (x: string, y: string) => x.endsWith(y) || y.endsWith(x);
  return agree(lookup[0], made[0]) && (prefix || ends(lookup[lookup.length - 1], made[made.length - 1]));
}

/**
 * The principals the stack makes (any writer, counted or not, a body known only at apply time too) that a lookup of NAME_LOOKUPS may
 * return by a name of which one side, or both, is known only at apply time, their literal parts agreeing (A22a-1): each is a
 * principal the administrator read through the lookup may be. A name both sides write as literals is principalNamed's (or the
 * alias's); an argument the principal does not write finds it not; `return_all` is principalNamed's.
 */
export function principalsNamedLater(lookup: ResourceView, index: number | undefined, stack: StackFacts | undefined): NamedPrincipal[] {
  const application = applicationLookup(lookup, stack);
  if (application !== undefined) return principalsNamedLater(application, undefined, stack).map((named) => ({ ...named, byName: `${named.byName} of ${application.address}, whose client ID it reads` }));
  const read = nameQueries(lookup, stack);
  if (read === undefined) return [];
  const found = new Map<string, NamedPrincipal>();
  const made = [...principalWriters(stack).values()].filter(({ kind }) => read.kinds.includes(kind));
  const added = addedIdentifierUris(stack);
  for (const { argument, value, by } of read.queries) {
    if (value === undefined || value === null || by.match === 'all') continue;
    const items = Array.isArray(value) ? (index !== undefined && index < value.length ? [value[index]] : value) : [value];
    for (const item of items) {
      const wanted = spellings(item);
      for (const { resource, fields } of made) {
        const written = isUnknown(fields) ? fields : (fields as { readonly [field: string]: unknown })[by.field];
        // A list (identifier URIs, with those an identifier URI block adds): each item is a name it bears; one known only later may hold any.
        const name = by.match === 'member' && !isUnknown(written) ? listed(written, added, resource.address) : written;
        if (name === undefined || name === null || found.has(resource.address)) continue;
        const names: readonly unknown[] = Array.isArray(name) ? name : [name];
        // Two literals are compared by principalNamed and the aliases; the values a conditional or for_each item may take, here.
        if (names.every((one) => isLiteralName(item) && isLiteralName(one))) continue;
        const spelled = names.every((one) => spellings(one) !== undefined) ? names.flatMap((one) => spellings(one)!) : undefined;
        if (wanted === undefined || spelled === undefined || wanted.some((one) => spelled.some((other) => mayMatch(one, other, by.match === 'prefix')))) {
          found.set(resource.address, { principal: resource.address, byName: `${argument} ${JSON.stringify(item)}` });
        }
      }
    }
  }
  return [...found.values()];
}

/**
 * The identifier URIs azuread_application_identifier_uri blocks add to applications the stack makes, by the application's address (the
 * block its `application_id` reads, or each it may read); one that reads no block (a variable) may add its URI to any of them.
 */
function addedIdentifierUris(stack: StackFacts | undefined): ReadonlyMap<string, unknown[]> {
  const added = new Map<string, unknown[]>();
  const writers = principalWriters(stack);
  for (const resource of stack?.resources?.values() ?? []) {
    if (resource.type !== 'azuread_application_identifier_uri') continue;
    // A literal ID is an application the stack does not make.
    const pointer = resource.config.application_id;
    if (!isUnknown(pointer)) continue;
    const made = pointer.references.map((reference) => reference.split('.').slice(0, 2).join('.')).filter((address) => writers.has(address));
    const targets = made.length === 0 ? ['*'] : made;
    for (const target of targets) added.set(target, [...(added.get(target) ?? []), resource.config.identifier_uri]);
  }
  return added;
}

/** A principal's list (its identifier URIs) with the items blocks add to it; a list known only later, or no list, reads as written. */
function listed(written: unknown, added: ReadonlyMap<string, unknown[]>, address: string): unknown[] {
  const own = Array.isArray(written) ? written : written === undefined || written === null ? [] : [written];
  return [...own, ...(added.get(address) ?? []), ...(added.get('*') ?? [])];
}

/** The stand-in object ID of a principal the stack makes: a reference to its block's object ID attribute. */
export function objectIdOf(address: string): Unknown {
  const reference = `${address}.${objectIdAttribute(address.slice(0, address.indexOf('.')))}`;
  return new Unknown(reference, [reference]);
}
