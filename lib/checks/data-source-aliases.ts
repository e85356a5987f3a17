import { idKey, nameKey, sameName } from './azure-keys';
import { isBlockComment } from './block-comments';
import { armIdOf } from './arm-id-lookups';
import { ownValue } from '../private/own-keys';
import { evaluateJson, evaluateTemplate, isUnknown, iterationOver, Scope, withIterator } from './hcl-expression';
import { countScope, isCounted } from './instance-arguments';
import { withDefaultScopes } from './azapi-writes';
import { blockInstances, instanceReadings } from './instance-references';
import { iteratedBlocks } from './iterated-blocks';
import { literalArgument, LiteralNames, literalNames } from './literal-names';
import { namedAttributes } from './named-lookups';
import { argumentOf, lookedUpAttributes, readsOwnArgument, WrittenBlock } from './looked-up-blocks';
import { ProviderConfiguration, providerConfigurations } from './provider-facts';
import { providerReferenceKey } from './provider-references';
import { guidKey } from './directory-pointers';
import { pointerReadings } from './pointer-readings';
import { resourceTwins, TwinOptions } from './resource-twins';
import { outsideLiterals, unusedMarks } from './traversal-text';
import { isStoreLookup, LOOKUP_META, readsElsewhere } from './read-back-lookups';
import { unreadStoreWriter } from './other-store-writers';
import { cloudRelation } from './provider-hosts';
import { actingBlockViews, localsScope, ResourceView, sectionBlocks, TerraformBlock } from './stack-model';
import { bodiesOf, forEachString, isObject, mapStrings } from './terraform-json';

// A data source that looks up, by literal or constant arguments, a resource the stack defines (or a resource
// the stack names by literal ID) reads that very resource: what a rule judges for the resource's
// reference or ID, it must judge for the lookup too (sixth review, A6-3). This rewrites a stack's
// JSON so that such lookups read as the resource, where the match is certain; anything else is left.
// A lookup with count or for_each is read by an instance (`[0]`, `["a"]`, `[each.key]`): its arguments
// read each.key and each.value as the model does (the one item's, or any item's), so when they are the
// same for every instance each instance reads that resource, and the indexed reference is aliased as the
// plain one is (fourteenth review, A14b-11). A lookup reads through its provider configuration: one of
// another subscription (`provider = azurerm.other`) reads another object of the same name, so it is
// aliased only where its provider is traced to the one the resource is written with (sixteenth run).

type Body = { [key: string]: unknown };

/**
 * Arguments that pin a version of what a lookup reads, filter it or choose what it exports, never
 * which resource it is: with them the lookup reads the same resource, or fails (A7-15).
 */
const NARROWING = new Set(['version', 'security_enabled', 'mail_enabled', 'include_transitive_members', 'required_tags', 'response_export_values', 'ignore_not_found', 'retry']);

/** The Azure resource path of the lookups whose ID a stack also writes as a literal ("<namespace>/<type>"). */
const ARM_TYPES: { readonly [type: string]: string } = {
  azurerm_postgresql_flexible_server: 'microsoft.dbforpostgresql/flexibleservers',
  azurerm_postgresql_server: 'microsoft.dbforpostgresql/servers',
  azurerm_private_dns_zone: 'microsoft.network/privatednszones',
  azurerm_network_security_group: 'microsoft.network/networksecuritygroups',
  azurerm_log_analytics_workspace: 'microsoft.operationalinsights/workspaces',
  azurerm_key_vault: 'microsoft.keyvault/vaults',
  azurerm_key_vault_managed_hardware_security_module: 'microsoft.keyvault/managedhsms',
};

/**
 * Lookups of resources a stack reads rather than makes (the hub's virtual network): with no literal ID
 * to match, their ID is spelled from their name and group, as a resource group's is (A8-1).
 */
const SPELLED_TYPES: { readonly [type: string]: string } = {
  azurerm_virtual_network: 'Microsoft.Network/virtualNetworks',
};

/** Server administrators whose principal may be an Entra group a data.azuread_group looks up. */
const ADMINISTRATOR_TYPES = ['azurerm_postgresql_flexible_server_active_directory_administrator', 'azurerm_postgresql_active_directory_administrator'];

/** Where a reference to a data source starts: its section, type and name. */
const LOOKUP = /\b((?:data|ephemeral)\.[a-z0-9_]+\.[A-Za-z0-9_-]+)/g;
/** The attribute a reference reads after the data source's name (and instance). */
const ATTRIBUTE = /\.([a-z0-9_]+(?:\[\d+\](?:\.id)?)?)(?![\w-])/y;
/** The path an azapi or msgraph lookup's `output` is read by (".properties.principalId"): one attribute of the block it reads (A20a-1). */
const OUTPUT_PATH = /(?:\.[A-Za-z_][A-Za-z0-9_]*)+(?![\w-])/y;
/**
 * A read of a search's result list other than one item's attribute (a splat, a for expression, the
 * whole list or item, an index known only at apply time): the interpolation's value is read as the
 * ID every item has (eighth review, A8-5).
 */
const LIST_READ = /\.(resources)(?!\[\d+\]\.[a-z_]|[\w-])/y;
const SEARCH_PREFIX = 'data.azurerm_resources.';

/**
 * The stack's JSON (one body or a list of them) with every reference to an attribute of a data
 * source that reads a resource of the stack for sure rewritten: to that resource's attribute (one
 * resource of the type has the data source's every argument), else, for its ID, to the one literal
 * ID of that name the stack writes, and for an argument it is looked up by, to the argument.
 */
export function aliasDataSources(terraform: unknown, twins?: TwinOptions): unknown {
  return aliasing(terraform, twins).terraform;
}

/** The stack's JSON aliased as aliasDataSources does, and values recorded beside it read by the same aliases. */
export interface Aliasing {
  readonly terraform: unknown;
  /**
   * A value recorded beside the JSON (what the constructs pinned) rewritten by the aliases the JSON took, in the same order:
   * a construct given a lookup of an object the stack makes pinned the lookup, which the model reads as the object, so the
   * two are compared in one reading (twentieth review, A20a-2).
   */
  along<T>(value: T): T;
}

/**
 * The stack's JSON aliased as aliasDataSources does (and each reference to an instance of a counted resource read as the
 * resource's: instance-references.ts), and how a value recorded beside it reads by the same aliases. One aliasing serves
 * both of an evaluation's readers, the model and the pins compared with it (comparablePins aliased the whole stack again
 * only to learn the rewrites it applies to the pins): each rewrite depends on the JSON alone.
 */
export function aliasing(terraform: unknown, twins?: TwinOptions): Aliasing {
  // A lookup whose argument reads another lookup (a secret of a vault looked up by name) matches once that one is aliased.
  // A lookup is aliased once for the arguments it has: an alias that reads the lookup itself (a resource group's ID) stays.
  // Each pass follows a chain one lookup further, so a chain ends within as many passes as there are lookups;
  // only lookups that read each other in a cycle (which Terraform refuses) would go on rewriting.
  const aliased = new Set<string>();
  const lookups = lookupBlocks(bodiesOf(terraform).filter(isObject)).length;
  // An instance of a counted resource is read as the resource, before lookups are matched to resources (A20a-3).
  // An azapi block without parent_id is in the scope azapi gives it (queued after the twentieth run), for every table alike.
  const scoped = withDefaultScopes(terraform);
  // Each rewrite leaves literal text as written (74th run, A74b-1: `"x.id" == "y.id"` would compare two other texts).
  const marks = unusedMarks((visit) => textsOf(scoped, visit));
  const instances = outsideLiterals(instanceReadings(scoped), marks);
  // The passes read the same JSON until one changes it: its distinct texts are listed once for all of them.
  const listed = new Map<unknown, readonly string[]>();
  const textsIn = (value: unknown): readonly string[] => {
    let texts = listed.get(value);
    if (texts === undefined) listed.set(value, (texts = distinctTexts(value)));
    return texts;
  };
  // each.value of a for_each over a block's instances is the instance each.key picks, read as one too (A21a-5).
  const iterated = iteratedBlocks(scoped);
  let current = rewrittenJson(iterated, instances, textsIn(iterated));
  // A second resource of one object (resource-twins.ts) read as the object's first block, before lookups are matched to blocks.
  let found = resourceTwins(current, twins);
  // An instance of a twin by a literal key is its own object's (a for_each of two objects' names): read so before the instances' readings,
  // which read it as the block (any instance); the twins are then found again in what that gives.
  const keyed = found.instanceKeys === undefined ? undefined : outsideLiterals(found.instanceKeys, marks);
  if (keyed !== undefined) {
    current = rewrittenJson(rewrittenJson(iterated, keyed, textsIn(iterated)), instances);
    found = resourceTwins(current, twins);
  }
  const twinned = outsideLiterals(found.readings, marks);
  const { seconds } = found;
  current = rewrittenJson(current, twinned, textsIn(current));
  // What a value read along takes, in order: the twins' instances by key, the instances' readings, the twins', then each pass's aliases
  // (the last one's too, which changed nothing in the JSON), then the pointers'.
  const rewrites: ((value: string) => string)[] = [...(keyed === undefined ? [] : [keyed]), instances, twinned];
  for (let pass = 0; pass <= lookups; pass++) {
    const once = aliasOnce(current, aliased, seconds);
    if (once === undefined) break;
    const rewrite = outsideLiterals(once, marks);
    const next = rewrittenJson(current, rewrite, textsIn(current));
    rewrites.push(rewrite);
    if (next === current) break;
    current = next;
  }
  // A block's pointer read as the object it points at (pointer-readings.ts; 73rd run, A73b-1/2/3), once lookups of the stack's
  // blocks are read as those blocks (a lookup by another block's argument is that block, not the argument: looked-up-blocks.ts).
  const pointers = outsideLiterals(pointerReadings(current), marks);
  current = rewrittenJson(current, pointers, textsIn(current));
  rewrites.push(pointers);
  return {
    terraform: current,
    along: <T>(value: T): T => {
      // A value most rewrites leave as it is (roles50's pins: all of them) has its distinct texts listed once, not once per rewrite.
      let listedFor: unknown;
      let texts: readonly string[] | undefined;
      return rewrites.reduce((carried: unknown, rewrite) => {
        if (texts === undefined || carried !== listedFor) {
          listedFor = carried;
          texts = distinctTexts(carried);
        }
        return rewrittenJson(carried, rewrite, texts);
      }, value) as T;
    },
  };
}

/** What one pass rewrites a text to, or undefined when no lookup of the stack is aliased. */
function aliasOnce(terraform: unknown, aliased: Set<string>, seconds: ReadonlySet<string>): ((value: string) => string) | undefined {
  const roots = bodiesOf(terraform).filter(isObject);
  const resources = sectionBlocks(roots, 'resource');
  // A lookup of an object two blocks write (resource-twins.ts) reads the object: its first block, as references to the second one do.
  const firsts = seconds.size === 0 ? resources : resources.filter((block) => !seconds.has(`${block.type}.${block.name}`));
  // Read only for a lookup of an ID no resource matches: most stacks have none, and this walks every resource.
  let literals: string[] | undefined;
  const constants = localsScope(roots, []);
  // A resource's name or group given by reference to a stack block's literal one is compared as that literal (A14b-1).
  const names = literalNames([
    ...resources.map((block) => ({ address: `${block.type}.${block.name}`, body: block.body })),
    ...sectionBlocks(roots, 'data').map((block) => ({ address: `data.${block.type}.${block.name}`, body: block.body })),
  ], constants);
  const aliases = new Map<string, Alias>();
  const providers = providerConfigurations(roots);
  let writtenUnread: ((type: string, lookup: Body) => boolean) | undefined;
  for (const { section, type, name, body } of lookupBlocks(roots)) {
    const args = lookupArguments(body, instanceScope(body, constants), names);
    const key = JSON.stringify([section, type, name, args]);
    if (args === undefined || aliased.has(key)) continue;
    aliased.add(key);
    const readsAs = (other: Body) => sameSource(type, body, other, providers);
    const found = firsts.filter((resource) => resource.type === type && sameArguments(args, resource, resources, constants, names) && sameDefaulted(type, body, resource.body) && readsAs(resource.body));
    const matches = found.filter((resource) => !isCounted(resource.body));
    const self = `${section}.${type}.${name}`;
    // Aliased to one block only when it is the one it may find: one that may find a counted block too, or several, reads back what
    // each writes where they differ (read-back-lookups.ts; 49th run, A49a-1).
    // A lookup of a file or a Vault secret reads what other arguments, or blocks of other types, write (50th run, A50a-1): read back there.
    // Nor when another block of the type may be what it finds, its name or container known only later (`name = var.n`, `each.key`):
    // it reads back what each may write (read-back-lookups.ts mayFind), not one block's (78th run, A78a-1).
    const mayAlso = firsts.some((other) => other.type === type && !found.includes(other) && readsAs(other.body) && mayHaveArguments(args, other, resources, constants, names));
    // Nor when a block of another type may write the store in a way the checks do not read (an azapi write of the secret, a
    // command: other-store-writers.ts; 78th run, A78a-2): it reads what that writes, for all the checks know.
    // Nor when the block writes an argument write-only (`value_wo`): the lookup reads what is written, the block's own attribute
    // null, whole or by attribute (read-back-lookups.ts; 83rd/84th runs, A83a-1, A84a-1).
    const resource = matches.length === 1 && found.length === 1 && !mayAlso && !readsElsewhere(type) && !writesWriteOnly(matches[0].body) && !(writtenUnread ??= unreadWriterOf(roots, constants))(type, body) ? `${type}.${matches[0].name}` : undefined;
    // A lookup of another provider by a block's ID (azapi by resource_id, msgraph by a Graph path), or a plural one's item, reads that block (A20a-1).
    const looked = matches.length === 0 ? lookedUpAttributes(type, body, resources, constants) : undefined;
    // An Entra lookup by a literal name one principal the stack makes bears, by any writer (a Graph post too), reads it (A21a-2).
    const named = matches.length === 0 ? namedAttributes(type, body, resources, (block) => readsAs(block.body)) : undefined;
    // What reads the lookup's own result (a subscription) reads the instance the reference reads.
    const ids = new Map<string, string | undefined>();
    const idOf = (at: string) => (ids.has(at) ? ids.get(at) : ids.set(at, literalId(type, args, (literals ??= literalStrings(resources)), at, subscriptionOf(type, body, providers))).get(at));
    // The administrator's group is looked up in the tenant of azuread's own configuration.
    const group = type === 'azuread_group' && matches.length === 0 && readsAs({}) ? administratorGroup(args, roots) : undefined;
    // The plural lookup by display names (A7-17): object_ids[<i>] is the group of display_names[<i>], in the provider's order.
    const plural = type === 'azuread_groups' && Object.keys(args).every((key) => /^display_names\[\d+\]$/.test(key))
      ? (attribute: string) => {
        const name = args[`display_names[${/^object_ids\[(\d+)\]$/.exec(attribute)?.[1]}]`];
        return name === undefined ? undefined : administratorGroup({ display_name: name }, roots);
      }
      : undefined;
    const keys = lookupKeys(body, constants);
    aliases.set(self, (attribute, instance) => {
      if (attribute === '') return resource === undefined ? undefined : wholeAlias(body, keys, resource);
      // An instance key after a dot (`data.x.k.a.value`, as references to locals are spelled): the block, its attribute follows.
      if (resource !== undefined && instance === '' && keys?.includes(attribute) === true) return `\${${resource}}`;
      if (resource !== undefined) return `\${${resource}.${attribute}}`;
      const lookedUp = looked?.(attribute) ?? named?.(attribute);
      if (lookedUp !== undefined) return lookedUp;
      const at = `${self}${instance}`;
      const armId = armIdOf(type, args, at, attribute);
      if (armId !== undefined) return armId;
      const id = matches.length === 0 && attribute === 'id' ? idOf(at) : undefined;
      if (id !== undefined) return id;
      if (attribute === 'id' && matches.length === 0) return serverIdOfUnknownName(type, args, at);
      if (attribute === 'object_id' && group !== undefined) return group;
      const pluralGroup = readsAs({}) ? plural?.(attribute) : undefined;
      if (pluralGroup !== undefined) return pluralGroup;
      return typeof args[attribute] === 'string' && !args[attribute].includes('${') ? args[attribute] : undefined;
    });
  }
  if (aliases.size === 0) return undefined;
  return (value: string): string => ((value.includes('data.') || value.includes('ephemeral.')) && value.includes('${') ? rewritten(value, aliases) : value);
}

/** Whether a block writes any argument write-only (`value_wo`, `secret_string_wo`, `data_wo`), which its own attributes read as null. */
function writesWriteOnly(body: Body): boolean {
  return Object.keys(body).some((key) => key.endsWith('_wo'));
}

/** The literal instance keys of a lookup with for_each or count (a count's indexes as text); undefined without, or known only later. */
function lookupKeys(body: Body, constants: Scope): string[] | undefined {
  return 'for_each' in body || 'count' in body ? blockInstances(body, constants)?.map(({ key }) => key!) : undefined;
}

/**
 * A lookup read whole (`locals { k = data.azurerm_key_vault_secret.k }`, its attribute read later) as the stack block it matches
 * (47th run, A47a-2): that block, or for a lookup with for_each or count, an object of it by the lookup's keys or a tuple of it, so
 * `local.k["a"].value` and `local.k[0].value` read the block's `value`; undefined when the keys are known only later.
 */
function wholeAlias(body: Body, keys: readonly string[] | undefined, resource: string): string | undefined {
  if (!('for_each' in body) && !('count' in body)) return `\${${resource}}`;
  if (keys === undefined) return undefined;
  return 'for_each' in body ? `\${{${keys.map((key) => `${JSON.stringify(key)} = ${resource}`).join(', ')}}}` : `\${[${keys.map(() => resource).join(', ')}]}`;
}

/** The "//" comments (construct paths, what the constructs recorded) are kept as written; a "//" key inside a value is rewritten as any (A88a-5). */
const kept = isBlockComment;

/** The distinct strings of a JSON value that rewrittenJson rewrites, in the order it meets them. */
function distinctTexts(value: unknown): string[] {
  const texts = new Set<string>();
  forEachString(value, (text) => texts.add(text), kept);
  return [...texts];
}

/**
 * A JSON value with every string rewritten; the value itself when nothing changes. The "//" comments are kept as written.
 * `texts`: the value's distinctTexts, when the caller has them.
 */
function rewrittenJson(value: unknown, written: (value: string) => string, texts: readonly string[] = distinctTexts(value)): unknown {
  // A stack repeats its texts (roles50: 2,800 distinct of 19,600), each rewritten once and read twice when anything changes.
  const done = new Map<string, string>();
  const rewrite = (text: string): string => {
    let read = done.get(text);
    if (read === undefined) done.set(text, (read = written(text)));
    return read;
  };
  // Most stacks' lookups are read as written (a subscription's settings, say): found out without
  // copying the whole stack, which is then left as it is (roles50: 40-60 ms for a copy dropped).
  const changed = texts.some((text) => rewrite(text) !== text);
  return changed ? mapStrings(value, rewrite, kept) : value;
}

/** A reference to an attribute of a data source (of one of its instances) in a text, and where it is. */
interface LookupReference {
  readonly lookup: string;
  /** The index that picks an instance, as written (`[0]`, `["a"]`, `[local.k[0]]`), or ''. */
  readonly instance: string;
  readonly attribute: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The references to data sources' attributes in a text, in order (one inside another's index too); `attribute` reads what follows the
 * instance. A lookup read whole has the attribute '' (read by ATTRIBUTE only).
 */
function lookupReferences(text: string, attribute: RegExp = ATTRIBUTE): LookupReference[] {
  const found: LookupReference[] = [];
  for (const match of text.matchAll(LOOKUP)) {
    const named = match.index + match[0].length;
    const instance = text[named] === '[' ? bracketed(text, named) : '';
    if (instance === undefined) continue;
    attribute.lastIndex = named + instance.length;
    const read = attribute.exec(text);
    if (read === null) {
      // The lookup read whole (`locals { ks = data.azurerm_key_vault_secret.k }`, its attribute read later): the block it matches (47th run, A47a-2).
      const end = named + instance.length;
      if (attribute === ATTRIBUTE && !/^[.[]/.test(text.slice(end))) found.push({ lookup: match[1], instance, attribute: '', start: match.index, end });
      continue;
    }
    OUTPUT_PATH.lastIndex = attribute.lastIndex;
    const path = read[1] === 'output' ? OUTPUT_PATH.exec(text) : null;
    found.push({ lookup: match[1], instance, attribute: read[1] + (path?.[0] ?? ''), start: match.index, end: path === null ? attribute.lastIndex : OUTPUT_PATH.lastIndex });
  }
  return found;
}

/** The index that opens at `start`, to the bracket that closes it (brackets inside it and in its strings followed), or undefined. */
function bracketed(text: string, start: number): string | undefined {
  let depth = 0;
  for (let at = start; at < text.length; at++) {
    const c = text[at];
    if (c === '"') {
      for (at++; at < text.length && text[at] !== '"'; at++) if (text[at] === '\\') at++;
    } else if (c === '[') {
      depth++;
    } else if (c === ']' && --depth === 0) {
      return text.slice(start, at + 1);
    }
  }
  return undefined;
}

/** The reference an interpolation is made of, and nothing else ("${ data.x.y[0].id }"). */
function oneReference(interpolation: string): LookupReference | undefined {
  const open = /^\$\{\s*/.exec(interpolation)?.[0].length;
  const first = open === undefined ? undefined : lookupReferences(interpolation)[0];
  return first !== undefined && first.start === open && /^\s*\}$/.test(interpolation.slice(first.end)) ? first : undefined;
}

/** What an attribute of a lookup reads as, read through an instance (`[0]`, `["a"]`, or '' for the lookup without count). */
type Alias = (attribute: string, instance: string) => string | undefined;

/**
 * The scope a lookup's arguments are read in: with for_each, each.key and each.value are the one
 * item's, or a value that may be any item's when there are several (as the model reads them).
 */
function instanceScope(body: Body, constants: Scope): Scope {
  if (!('for_each' in body)) return countScope(body, constants);
  return withIterator(constants, 'each', iterationOver(evaluateJson(body.for_each, constants), 'each'));
}

/**
 * A string whose whole value is one aliased reference becomes the alias; in a template, an interpolation
 * of only the reference becomes the alias's text, so that "${<group lookup>.id}/providers/…" reads as
 * one ID (eighth review, A8-1); inside a longer expression, the alias is interpolated.
 */
function rewritten(text: string, aliases: ReadonlyMap<string, Alias>): string {
  const aliasOf = (reference: LookupReference | undefined) => (reference === undefined ? undefined : aliases.get(reference.lookup)?.(reference.attribute, reference.instance));
  const alias = aliasOf(oneReference(text));
  if (alias !== undefined) return alias;
  return mapInterpolations(text, (interpolation) => {
    const id = aliasOf(lookupReferences(interpolation, LIST_READ).find((reference) => reference.lookup.startsWith(SEARCH_PREFIX)));
    if (id !== undefined) return id;
    const spliced = aliasOf(oneReference(interpolation));
    // A literal in a template keeps its text: "${" and "%{" in it are escaped.
    if (spliced !== undefined) return spliced.includes('${') ? spliced : spliced.replace(/([$%])\{/g, '$1$1{');
    let result = '';
    let from = 0;
    for (const reference of lookupReferences(interpolation)) {
      // One inside the index of a reference already replaced went with it.
      const inside = reference.start < from ? undefined : aliasOf(reference);
      if (inside === undefined) continue;
      // A literal inside an expression is a quoted string; a reference stays a reference.
      const spelled = inside.startsWith('${') && inside.endsWith('}') && !inside.slice(2).includes('${') ? inside.slice(2, -1) : JSON.stringify(inside);
      result += interpolation.slice(from, reference.start) + spelled;
      from = reference.end;
    }
    return result + interpolation.slice(from);
  });
}

/**
 * The text with each interpolation mapped: its braces followed to the one that closes it, so that an
 * object `for` expression is one interpolation; "$${" starts none.
 */
function mapInterpolations(text: string, map: (interpolation: string) => string): string {
  let result = '';
  let from = 0;
  for (let start = text.indexOf('${'); start >= 0; start = text.indexOf('${', from)) {
    let end = start + 2;
    for (let depth = 1; end < text.length && depth > 0; end++) depth += text[end] === '{' ? 1 : text[end] === '}' ? -1 : 0;
    const interpolation = text.slice(start, end);
    result += text.slice(from, start) + (text[start - 1] === '$' ? interpolation : map(interpolation));
    from = end;
  }
  return result + text.slice(from);
}

/** Ephemeral resources that read what a resource of their type wrote (Terraform 1.10); the others, such as random_password, make something new. */
const READING_EPHEMERAL = ['azurerm_key_vault_secret', 'azurerm_key_vault_certificate'];

/** The data sources, and the ephemeral resources that read (A7-19), with the section each is in. */
/**
 * Whether a store lookup of a type, with its body, may read what a block of the stack writes in a way the checks do not read
 * (read-back-lookups.ts unreadWriters reads the model so): the blocks are evaluated once, when a store lookup is to be aliased.
 */
function unreadWriterOf(roots: readonly Body[], constants: Scope): (type: string, lookup: Body) => boolean {
  let views: ResourceView[] | undefined;
  return (type, lookup) => {
    if (!isStoreLookup(type)) return false;
    views ??= actingBlockViews(roots, constants);
    const config = evaluateJson(lookup, constants) as TerraformBlock;
    return views.some((view) => unreadStoreWriter(type, config, view) !== undefined);
  };
}

function lookupBlocks(roots: readonly Body[]): { section: string; type: string; name: string; body: Body }[] {
  const ephemeral = sectionBlocks(roots, 'ephemeral').filter(({ type }) => READING_EPHEMERAL.includes(type));
  return [...sectionBlocks(roots, 'data').map((block) => ({ section: 'data', ...block })), ...ephemeral.map((block) => ({ section: 'ephemeral', ...block }))];
}

/**
 * The arguments a data source is looked up by (literals, constant expressions as their value, other
 * expressions matched as written), or undefined when one is not text.
 */
function lookupArguments(body: Body, constants: Scope, names: LiteralNames): { [key: string]: string } | undefined {
  const args: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(body)) {
    if (LOOKUP_META.has(key) || NARROWING.has(key)) continue;
    // A list is its items, "<key>[<index>]"; a msgraph lookup's query parameters each of theirs ("query_parameters.$filter[0]").
    const items = Array.isArray(value) ? value.map((item, index) => [`${key}[${index}]`, item] as const)
      : key === 'query_parameters' && isObject(value) ? Object.entries(value).flatMap(([name, list]) => (Array.isArray(list) ? list : [list]).map((item, index) => [`${key}.${name}[${index}]`, item] as const))
        : [[key, value] as const];
    for (const [argument, item] of items) {
      // A name or group given by reference to a stack block's literal one is that literal, as the model reads it (A14b-1, A14a-5).
      const text = literalArgument(names, argument, item, constants) ?? constantText(item, constants);
      if (text === undefined || text.trim() === '') return undefined;
      args[argument] = text;
    }
  }
  return Object.keys(args).length === 0 ? undefined : args;
}

/**
 * Arguments that tell one object from another of the same other arguments, with a default when unset: an App Configuration
 * key-value is its key and its label (none when unset), so a lookup without the label the resource sets reads another (73rd run, A73a-3).
 */
const DEFAULTED_IDENTITY: { readonly [type: string]: readonly string[] } = { azurerm_app_configuration_key: ['label'] };

/** Whether a lookup and a resource set the defaulted identifying arguments of their type alike, unset on both counting as alike. */
function sameDefaulted(type: string, lookup: Body, resource: Body): boolean {
  return (DEFAULTED_IDENTITY[type] ?? []).every((key) => JSON.stringify(lookup[key] ?? '') === JSON.stringify(resource[key] ?? ''));
}

/** The same literal (Azure compares names without case), the same expression, or a reference to the resource's own argument (A20a-1). */
function sameArguments(args: { [key: string]: string }, resource: WrittenBlock, resources: readonly WrittenBlock[], constants: Scope, names: LiteralNames): boolean {
  return Object.entries(args).every(([key, value]) => {
    if (readsOwnArgument(resource, key, value, resources, constants)) return true;
    const written = argumentOf(resource, key, resources);
    const other = literalArgument(names, key, written, constants) ?? constantText(written, constants);
    if (other === undefined) return false;
    const mine = constantText(value, constants) ?? value;
    return mine.includes('${') || other.includes('${') || !namedWithoutCase(resource.type, key) ? mine === other : sameName(other, mine);
  });
}

/** Whether a resource may have a lookup's arguments once known: each the same, or written as an expression (`var.n`, `each.key`). */
function mayHaveArguments(args: { [key: string]: string }, resource: WrittenBlock, resources: readonly WrittenBlock[], constants: Scope, names: LiteralNames): boolean {
  return Object.entries(args).every(([key, value]) => {
    const written = argumentOf(resource, key, resources);
    if (written === undefined) return false;
    const other = literalArgument(names, key, written, constants) ?? constantText(written, constants);
    return other === undefined || other.includes('${') || sameArguments({ [key]: value }, resource, resources, constants, names);
  });
}

/**
 * Azure Resource Manager and Entra ID (Graph's filters) compare names without case; other providers' names, and App
 * Configuration's keys and labels, are compared as written (a lookup of "db/pw" reads another key-value than "DB/PW": 74th run, A74a-1).
 */
function namedWithoutCase(type: string, argument: string): boolean {
  return (type.startsWith('azurerm_') || type.startsWith('azuread_')) && !(type === 'azurerm_app_configuration_key' && (argument === 'key' || argument === 'label'));
}

/**
 * Text as the rules read it: a template made only of constants (a constant local, lower("X")) is its value; one reference, through
 * locals and parentheses, is that reference in one spelling (`${local.vid}` with `vid = azurerm_key_vault.v.id`, `${(x)["id"]}` are
 * `${x.id}`: 48th run, A48a-1); another stays as written.
 */
function constantText(value: unknown, constants: Scope): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!value.includes('${')) return value;
  const constant = evaluateTemplate(value, constants);
  if (isUnknown(constant) && constant.isPlainReference) return `\${${constant.expression.replace(/\["([A-Za-z_][\w-]*)"\]/g, '.$1')}}`;
  return typeof constant === 'string' && !constant.includes('${') ? constant : value;
}

/**
 * The ID of a lookup by name and resource group: the one literal ID of its type, group and name the
 * stack writes (its subscription too), else, for a resource group or a type of SPELLED_TYPES, its
 * ID with the subscription taken from the data source itself.
 */
function literalId(type: string, args: { [key: string]: string }, literals: readonly string[], self: string, subscription: string | undefined): string | undefined {
  const name = args.name === undefined ? undefined : nameKey(args.name);
  if (name === undefined || Object.values(args).some((value) => value.includes('${'))) return undefined;
  // The subscription its provider names as a literal, else the lookup's own (A19b-9: the same names in another subscription are another object).
  const own = subscription ?? `\${split("/", ${self}.id)[2]}`;
  if (type === 'azurerm_resource_group') return Object.keys(args).length === 1 ? `/subscriptions/${own}/resourceGroups/${args.name.trim()}` : undefined;
  const group = args.resource_group_name === undefined ? undefined : nameKey(args.resource_group_name);
  if (group === undefined || Object.keys(args).length !== 2) return undefined;
  const spelled = SPELLED_TYPES[type];
  if (spelled !== undefined) return [name, group].some((part) => part.includes('/')) ? undefined : `/subscriptions/${own}/resourceGroups/${args.resource_group_name.trim()}/providers/${spelled}/${args.name.trim()}`;
  const armType = ARM_TYPES[type];
  if (armType === undefined) return undefined;
  const suffix = `/resourcegroups/${group}/providers/${armType}/${name}`;
  // A provider that names its subscription reads there only.
  const prefix = subscription === undefined ? /^subscriptions\/[^/]+\// : `subscriptions/${subscription}/`;
  const ids = new Map(literals.map((text) => [idKey(text), text] as const).filter(([key]) => (typeof prefix === 'string' ? key.startsWith(prefix) : prefix.test(key)) && key.endsWith(suffix) && key.split('/').length === 8));
  return ids.size === 1 ? [...ids.values()][0] : undefined;
}

/** The key of the configuration a block runs with ("azurerm.other", or its type's default "azurerm"); undefined when its provider is not plain text. */
function providerKey(type: string, body: Body): string | undefined {
  if (body.provider === undefined) return type.slice(0, type.indexOf('_'));
  // Read as Terraform reads it, blanks and comments between tokens skipped (adversarial run of stop 69, M3b).
  return typeof body.provider === 'string' && !body.provider.includes('${') ? providerReferenceKey(body.provider) : undefined;
}

/** A source argument as the configuration of `key` writes it: lower-case text, null when unset (the environment's), undefined when known only later. */
function sourceArgument(key: string | undefined, name: string, providers: readonly ProviderConfiguration[]): string | null | undefined {
  const value = providers.find((provider) => provider.key === key)?.config[name];
  if (value === undefined || value === null) return null;
  return typeof value === 'string' && value.trim() !== '' && !value.includes('${') ? value.trim().toLowerCase() : undefined;
}

/** The subscription a lookup's provider names as a literal (lower case), or undefined. */
function subscriptionOf(type: string, body: Body, providers: readonly ProviderConfiguration[]): string | undefined {
  return sourceArgument(providerKey(type, body), 'subscription_id', providers) ?? undefined;
}

/** Whether a lookup reads where a block is written: surely, surely not (another literal subscription or tenant), or maybe. */
export type SourceRelation = 'same' | 'other' | 'maybe';

/**
 * Whether a lookup of `type` reads where a block of the same provider (a resource, or `{}` for the provider's default
 * configuration) is written. A subscription ID names one subscription, in one tenant: two configurations that write the
 * same literal one read the same objects whatever each says of its tenant (a GUID, the tenant's domain, nothing: a wrong
 * tenant fails to sign in, it never reads another object), and two different literal ones are other (seventeenth review,
 * A17b-5). Where neither writes one (azuread's configurations, or both the environment's), the tenant decides: both left to
 * the environment or the same, they are the same; two different tenant IDs (GUIDs) are other; a domain may name either
 * tenant. A provider or a value known only at apply time, or one side's environment against the other's literal, may be
 * either (sixteenth review, A16b-5). Two configurations of known clouds that differ are other, and where neither writes a subscription
 * two that may reach different clouds (one's environment written, the other's left to ARM_ENVIRONMENT) may be either (cloudRelation, A42a-2).
 * Only "same" is aliased (a lookup that may read another object is no pin's value), and
 * a reader of pointers reads "maybe" as the object (later-parents.ts).
 */
export function sourceRelation(type: string, lookup: TerraformBlock, other: TerraformBlock, providers: readonly ProviderConfiguration[]): SourceRelation {
  const [mine, theirs] = [providerKey(type, lookup), providerKey(type, other)];
  if (mine !== undefined && mine === theirs) return 'same';
  if (mine === undefined || theirs === undefined) return 'maybe';
  // Names are another cloud's objects in another cloud (A42a-2): a lookup through a configuration of another known cloud reads another object.
  const cloud = cloudRelation(mine, theirs, (key) => providers.find((provider) => provider.key === key)?.config);
  if (cloud === 'other') return 'other';
  const [subscription, theirSubscription] = [sourceArgument(mine, 'subscription_id', providers), sourceArgument(theirs, 'subscription_id', providers)];
  if (typeof subscription === 'string' && typeof theirSubscription === 'string') return subscription === theirSubscription ? 'same' : 'other';
  if (subscription !== null || theirSubscription !== null || cloud !== 'same') return 'maybe';
  const [tenant, theirTenant] = [sourceArgument(mine, 'tenant_id', providers), sourceArgument(theirs, 'tenant_id', providers)];
  if (tenant === theirTenant && tenant !== undefined) return 'same';
  const [id, theirId] = [tenant, theirTenant].map((each) => (typeof each === 'string' ? guidKey(each) : undefined));
  if (id !== undefined && theirId !== undefined) return id === theirId ? 'same' : 'other';
  return 'maybe';
}

function sameSource(type: string, lookup: Body, other: Body, providers: readonly ProviderConfiguration[]): boolean {
  return sourceRelation(type, lookup, other, providers) === 'same';
}

/** The ARM path of the server lookups, as azurerm writes their IDs. */
const SERVER_PATHS: { readonly [type: string]: string } = {
  azurerm_postgresql_flexible_server: 'Microsoft.DBforPostgreSQL/flexibleServers',
  azurerm_postgresql_server: 'Microsoft.DBforPostgreSQL/servers',
};

/**
 * A server looked up by a name known only at apply time (a variable) in a literal resource group:
 * its ID with the name (and subscription) read from the lookup's own, which may be a server of that
 * group (eighth review, A8-9). A group known only at apply time too is left: it may be any group.
 */
function serverIdOfUnknownName(type: string, args: { [key: string]: string }, self: string): string | undefined {
  const path = ownValue(SERVER_PATHS, type);
  const { name, resource_group_name: group } = args;
  if (path === undefined || name === undefined || !name.includes('${') || group === undefined || group.includes('${') || Object.keys(args).length !== 2) return undefined;
  const part = (index: number) => `\${split("/", ${self}.id)[${index}]}`;
  return `/subscriptions/${part(2)}/resourceGroups/${group.trim()}/providers/${path}/${part(8)}`;
}

/** The object ID of the one Entra administrator group of the stack that a data.azuread_group looks up by its display name. */
function administratorGroup(args: { [key: string]: string }, roots: readonly Body[]): string | undefined {
  const keys = Object.keys(args);
  if (keys.length !== 1 || keys[0] !== 'display_name' || args.display_name.includes('${')) return undefined;
  const wanted = args.display_name.trim().toLowerCase();
  const ids = new Set(sectionBlocks(roots, 'resource')
    .filter(({ type, body }) => ADMINISTRATOR_TYPES.includes(type) && principalTypeMayBeGroup(body.principal_type))
    .filter(({ body }) => [body.principal_name, body.login].some((name) => typeof name === 'string' && name.trim().toLowerCase() === wanted))
    .map(({ body }) => body.object_id)
    .filter((id): id is string => typeof id === 'string' && !id.includes('${'))
    .map((id) => id.trim().toLowerCase()));
  return ids.size === 1 ? [...ids][0] : undefined;
}

/** A raw (JSON) principal_type that is, or may be, Group: unset, "Group" in any case, or one known only at apply time ("${...}"); administrator-groups.ts mayBeGroup reads the model. */
function principalTypeMayBeGroup(type: unknown): boolean {
  return type === undefined || (typeof type === 'string' && (type.includes('${') || type.trim().toLowerCase() === 'group'));
}

/** Every literal string of the stack's resources: the IDs it writes. */
function literalStrings(resources: readonly { readonly body: Body }[]): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (!value.includes('${')) found.push(value.trim());
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (isObject(value)) Object.values(value).forEach(walk);
  };
  resources.forEach(({ body }) => walk(body));
  return found;
}

/**
 * Every text of a JSON value, its keys too (a for_each's key may be written into a string: iterated-blocks.ts). Plain loops: the
 * whole stack is walked (96,000 texts at roles50), and a closure and an entry pair per value tripled the walk's cost.
 */
function textsOf(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) textsOf(item, visit);
  else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      visit(key);
      textsOf(value[key], visit);
    }
  }
}
