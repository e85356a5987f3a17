import { AZAPI_WRITER_TYPES } from './azapi-writes';
import { SPELLED_TYPES, spelledBlockId } from './block-ids';
import { evaluateJson, isUnknown, Scope, Value, withIterator } from './hcl-expression';
import { isCounted } from './instance-arguments';
import { localsScope, RawBlock, sectionBlocks } from './stack-model';
import { bodiesOf, isObject } from './terraform-json';
import { expressionEnd, splatStepsEnd } from './traversal-text';
import { literalPattern } from '../private/literal-pattern';

// A resource (or a lookup) with count or for_each is each of its instances (twentieth review, A20a-3): a role on
// `azurerm_resource_group.rg[0].id`, on `rg["hub"]`, on `one(rg[*].id)` or `values(rg)[0].id` is a role on the group
// that block writes, and every reader finds a block by the reference to it (`<type>.<name>.id`). So a reference to an
// instance of a counted resource or lookup of the stack is read as the reference to the block, whose arguments the model reads
// with `each.key` and `each.value` the one item's. Where the items differ, an instance by a literal key is its own item's ID
// (quoted inside a function), and one by a key known only later may be each item: every item's ID (queued after the twentieth
// run: read as "any item", which no reader matched to the perimeter, a role on the server's group passed). One rewrite of the JSON, before the model reads it, serves every reader; the pins are read
// through it too (pinned-attributes.ts), so a construct given an instance's attribute keeps its pin.

/** An instance key after a block's name: any index but a splat (brackets inside it and its strings followed one level deep). */
const INDEX = String.raw`\[(?!\s*\*\s*\])(?:"(?:[^"\\]|\\.)*"|[^[\]"]|\[[^[\]]*\])*\]`;
/** A splat after a block's name: every instance. */
const SPLAT = String.raw`(?:\[\s*\*\s*\]|\.\*)`;
/** Attribute steps after an instance (`.id`, `.identity.principal_id`). */
const STEPS = String.raw`((?:\.[A-Za-z_][\w-]*)*)`;
/** A literal whole number as an index or an argument. */
const NUMBER = String.raw`\s*\d+\s*`;
/**
 * A splat of any block of the stack (a resource type has a "_"; `var`, `local`, `each`, `module` have none) that the forms
 * below leave (`join("", rg[*].id)`, `tolist(rg[*].id)[0]`, `coalesce(rg[*].id...)`, `sort(..)[0]`): the list of the block's
 * attribute, every instance, so that each reader follows the block through whatever function holds the list (twenty-first
 * review, A21a-1). An uncounted block's splat is the one-item list of it, as Terraform reads it. The steps inside the list are
 * those HCL applies to each item (traversal-text.ts splatStepsEnd): `x.*.fqdn[0]` is `[x.fqdn][0]`, `x[*].fqdn[0]` is `[x.fqdn[0]]`
 * (35th run, A35b-2).
 */
const ANY_SPLAT = new RegExp(String.raw`(?<![\w.-])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*)${SPLAT}`, 'g');

/** The counted resources and lookups of the stack, as the addresses references start with. */
function countedAddresses(terraform: unknown): string[] {
  const roots = bodiesOf(terraform).filter(isObject);
  const counted = (section: string, prefix: string) => sectionBlocks(roots, section).filter(({ body }) => isCounted(body)).map(({ type, name }) => `${prefix}${type}.${name}`);
  return [...new Set([...counted('resource', ''), ...counted('data', 'data.')])];
}

/**
 * The in-database resources (postgresql_*) with for_each and without count: the in-database index lists such a block's instances at their
 * keys (in-database-index.ts instanceViews), so a reference to one by a literal key or by the referring block's own key
 * (`postgresql_role.R[each.key].name` in a grant's loop) keeps its key and is read as that instance's.
 */
function keyedInDatabase(terraform: unknown): Set<string> {
  const roots = bodiesOf(terraform).filter(isObject);
  return new Set(sectionBlocks(roots, 'resource').filter(({ type, body }) => type.startsWith('postgresql_') && 'for_each' in body && !('count' in body))
    .map(({ type, name }) => `${type}.${name}`));
}

/** The arguments an ID is spelled from (block-ids.ts): an azapi block's by its type, parent and name, or its resource_id. */
const NAME_ARGUMENTS = ['name', 'resource_group_name', 'virtual_network_name'];
const AZAPI_ARGUMENTS = ['type', 'parent_id', 'resource_id', 'name'];

/** Per block, the ID of the instance of a literal key (undefined for no such item), and each item's ID (undefined when one is not spelled). */
interface KeyedIds {
  readonly byKey: (key: string) => string | undefined;
  readonly every: readonly string[] | undefined;
}

/**
 * Per resource (or lookup, twenty-second review, A22a-5) with a constant for_each of several items that may differ, whose ID the table of block-ids.ts spells (a resource
 * group, a vault, a workspace...): the ID of the instance of a literal key, from its own item's names, the subscription read from
 * the block ("/subscriptions/${split("/", <block>.id)[2]}/resourceGroups/<its group>/..."); undefined when a name is not constant.
 * Read as the block, such an instance would be any item's (rg["orders"] of { app = "rg-app", orders = "rg-orders" } any group).
 */
function keyedIds(roots: readonly { [key: string]: unknown }[]): Map<string, KeyedIds> {
  const found = new Map<string, KeyedIds>();
  let constants: Scope | undefined;
  const blocks = [...sectionBlocks(roots, 'resource').map((block) => ({ ...block, address: `${block.type}.${block.name}` })),
    ...sectionBlocks(roots, 'data').map((block) => ({ ...block, address: `data.${block.type}.${block.name}` }))];
  for (const block of blocks) {
    if ((!('for_each' in block.body) && !('count' in block.body)) || (block.type !== 'azurerm_resource_group' && !SPELLED_TYPES.includes(block.type) && !AZAPI_WRITER_TYPES.includes(block.type))) continue;
    // A lookup of a server by a name known later has its own reading (data-source-aliases.ts, A8-9), which a spelled item's would nest in.
    const lookup = block.address.startsWith('data.');
    if (lookup && block.type === 'azurerm_postgresql_flexible_server') continue;
    constants ??= localsScope(roots, []);
    const instances = blockInstances(block.body, constants);
    if (instances === undefined || instances.length < 2) continue;
    const idOf = (instance: BlockInstance) => instanceId(block, instance.scope);
    const every = instances.map(idOf);
    // A lookup whose every item reads one object is the lookup, which data-source-aliases.ts reads as the block of that object.
    if (lookup && every.every((id) => id !== undefined && id === every[0])) continue;
    found.set(block.address, {
      byKey: (key) => {
        const instance = instances.find((each) => each.key === key);
        return instance === undefined ? undefined : idOf(instance);
      },
      every: every.every((id): id is string => id !== undefined) ? [...new Set(every)] : undefined,
    });
  }
  return found;
}

/** A constant for_each's items as [key, value], or undefined. */
function eachItems(items: Value): (readonly [string, Value])[] | undefined {
  if (isUnknown(items) || items === null || typeof items !== 'object') return undefined;
  return Array.isArray(items) ? items.map((item) => [String(item), item] as const) : Object.entries(items);
}

/** One instance of a block: its key (a count's index as text; none for a block without for_each or count) and the scope it reads its arguments in. */
export interface BlockInstance {
  readonly key?: string;
  readonly scope: Scope;
}

/**
 * Each instance of a block, its arguments read with its own item (each.key and each.value, or count.index), or undefined when the
 * items of its for_each or count are known only later; a block without either (OpenTofu's lifecycle.enabled) is one instance, in
 * the scope itself.
 */
export function blockInstances(body: { readonly [key: string]: unknown }, scope: Scope): BlockInstance[] | undefined {
  if ('for_each' in body) return eachItems(evaluateJson(body.for_each, scope))?.map(([key, value]) => ({ key, scope: withIterator(scope, 'each', { key, value }) }));
  // count.index is the count iterator's key (instance-arguments.ts countIteration; A21a-4).
  if ('count' in body) return countIndexes(evaluateJson(body.count, scope))?.map(([key, index]) => ({ key, scope: withIterator(scope, 'count', { key: index, value: index }) }));
  return [{ scope }];
}

/** A constant count's indexes as [key, index] (`rg[1]`: the instance of count.index 1; A21a-4), or undefined. */
function countIndexes(count: Value): (readonly [string, Value])[] | undefined {
  const number = typeof count === 'string' && /^\s*\d+\s*$/.test(count) ? Number(count) : count;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number > MAX_KEYED) return undefined;
  return [...Array(Math.max(number, 0)).keys()].map((index) => [String(index), index] as const);
}

/** Past this many instances, a literal index is read as the block (any instance). */
const MAX_KEYED = 256;

/** The ID one instance spells from its names read with its own item (each.key, each.value), or undefined. */
function instanceId(block: RawBlock & { readonly address: string }, scope: Scope): string | undefined {
  const config = Object.fromEntries((AZAPI_WRITER_TYPES.includes(block.type) ? AZAPI_ARGUMENTS : NAME_ARGUMENTS).filter((name) => name in block.body).map((name) => [name, evaluateJson(block.body[name], scope)]));
  if (Object.values(config).some((value) => typeof value !== 'string')) return undefined;
  const { address } = block;
  const id = spelledBlockId({ type: block.type, name: block.name, address, config, certain: true }, undefined);
  // The subscription is the block's own (every instance is written with one provider).
  return id === undefined || id.includes('${') ? undefined : id.replace(/^\/subscriptions\/\?(?=\/|$)/, `/subscriptions/\${split("/", ${address}.id)[2]}`);
}

/**
 * What a text of the stack reads as when each reference to one instance of a counted resource or lookup is the block's
 * reference: undefined when the stack has none (nothing to rewrite).
 */
export function instanceReadings(terraform: unknown): (text: string) => string {
  const addresses = countedAddresses(terraform);
  if (addresses.length === 0) return splatsRead;
  // Not part of a longer name (`data.<type>.<name>` is a lookup, `x_rg` another block).
  const block = `(?<![\\w.-])(${addresses.map(literalPattern).join('|')})`;
  const forms: [RegExp, string][] = [
    // one(<block>[*].id): the one instance's attribute.
    [new RegExp(String.raw`\bone\(\s*${block}${SPLAT}${STEPS}\s*\)`, 'g'), '$1$2'],
    // <block>[*].id[0], element(<block>[*].id, n): an item of the list of every instance's attribute.
    [new RegExp(String.raw`${block}${SPLAT}${STEPS}\[${NUMBER}\]`, 'g'), '$1$2'],
    [new RegExp(String.raw`\belement\(\s*${block}${SPLAT}${STEPS}\s*,[^(),]*\)`, 'g'), '$1$2'],
    // values(<block>)[k], one(values(<block>)), element(values(<block>), n): one instance.
    [new RegExp(String.raw`\bvalues\(\s*${block}\s*\)\s*${INDEX}`, 'g'), '$1'],
    [new RegExp(String.raw`\bone\(\s*values\(\s*${block}\s*\)\s*\)`, 'g'), '$1'],
    [new RegExp(String.raw`\belement\(\s*values\(\s*${block}\s*\)\s*,[^(),]*\)`, 'g'), '$1'],
    // <block>[0], <block>["hub"], <block>[each.key], <block>[var.i]: one instance. An Entra lookup by a literal key keeps it: later-groups.ts
    // reads that one item's arguments (30th run, note N1: `data.azuread_user.u["alice@contoso.com"]` is alice's lookup, not any of them).
    [new RegExp(`${block}${INDEX}`, 'g'), '$1'],
    // values(<block>)[*].id, and values(<block>) elsewhere (`join("", values(rg)[*].id)`, `sort(values(rg))`): the list of every instance (A21a-1).
    [new RegExp(String.raw`\bvalues\(\s*${block}\s*\)${SPLAT}${STEPS}`, 'g'), '[$1$2]'],
    [new RegExp(String.raw`\bvalues\(\s*${block}\s*\)`, 'g'), '[$1]'],
  ];
  const quick = new RegExp(block);
  const keptKeys = new RegExp(String.raw`${block}(\[\s*(?:"(?:[^"\\$%]|\\.)*"|each\.(?:key|value))\s*\])`, 'g');
  const inDatabase = keyedInDatabase(terraform);
  const keeps = (address: string, key: string) => (key.includes('"') && (ENTRA_LOOKUP.test(address) || RELAY.test(address))) || inDatabase.has(address);
  // The ID of one instance by a literal key, where the items differ: an interpolation of only it is its own item's ID.
  const ids = keyedIds(bodiesOf(terraform).filter(isObject));
  const keyed = new RegExp(String.raw`\$\{\s*${block}\[\s*(?:"((?:[^"\\]|\\.)*)"|(\d+))\s*\]\.id\s*\}`, 'g');
  const byKey = (whole: string, address: string, key: string | undefined, index: string | undefined) => (key?.includes('\\') === true ? undefined : ids.get(address)?.byKey(key ?? String(Number(index)))) ?? whole;
  // Inside an expression (`lower(rg["orders"].id)`): the quoted ID, a template HCL reads in an interpolation.
  const inner = new RegExp(String.raw`${block}\[\s*(?:"((?:[^"\\]|\\.)*)"|(\d+))\s*\]\.id(?![\w-])`, 'g');
  const quotedByKey = (whole: string, address: string, key: string | undefined, index: string | undefined) => {
    const id = key?.includes('\\') === true ? undefined : ids.get(address)?.byKey(key ?? String(Number(index)));
    return id === undefined ? whole : JSON.stringify(id).replace(/\\"/g, '"');
  };
  // A key known only later (`rg[var.k]`, `values(rg)[var.i]`): may be each item (queued after the twentieth run), every item's
  // ID as one of coalesce's arguments, which every reader of choices reads as each (expression-readings.ts, ONE_OF_ARGUMENTS).
  const later = new RegExp(String.raw`(?:\bvalues\(\s*${block}\s*\)|${block})\s*(${INDEX})\.id(?![\w-])`, 'g');
  const eachItem = (whole: string, values: string | undefined, plain: string | undefined, index: string) => {
    const every = ids.get(values ?? plain ?? '')?.every;
    if (every === undefined || (plain !== undefined && /^\[\s*(?:"|\d+\s*\])/.test(index))) return whole;
    return `coalesce(${every.map((id) => JSON.stringify(id).replace(/\\"/g, '"')).join(', ')})`;
  };
  const opened = new RegExp(String.raw`(?:\bvalues\(\s*${block}\s*\)|${block})\s*\[`, 'g');
  return (written: string) => {
    if (!written.includes('${') || !quick.test(written)) return splatsRead(written);
    const text = keysBalanced(written, opened);
    const spelled = ids.size === 0 ? text : text.replace(keyed, byKey).replace(inner, quotedByKey).replace(later, eachItem);
    // An Entra lookup's literal key, an in-database instance's literal key or each.key (each.value), hidden from the forms (a mark no
    // text holds), then put back.
    const kept: string[] = [];
    const marked = spelled.replace(keptKeys, (whole: string, address: string, key: string) => (keeps(address, key) ? `${address}\u0000${kept.push(key) - 1}\u0000` : whole));
    const reduced = forms.reduce((rewritten, [form, replacement]) => rewritten.replace(form, replacement), marked);
    const formed = kept.length === 0 ? reduced : reduced.replace(/\u0000(\d+)\u0000/g, (whole: string, at: string) => kept[Number(at)] ?? whole);
    return splatsRead(formed, formed !== spelled);
  };
}

/** The Entra lookups later-groups.ts reads one instance of by a literal key (LOOKUP_NAMES there). */
const ENTRA_LOOKUP = /^data\.azuread_(?:user|group|service_principal)\./;
/**
 * A relay (terraform_data) whose `output` is its `input`: an instance by a literal key gives back that instance's input, which
 * echoed-arguments.ts reads with its own each.key and each.value (76th run, A76b-4: read as the block, any instance's).
 */
const RELAY = /^terraform_data\./;

/** An instance key the forms' INDEX pattern reads whole, or a splat. */
const WHOLE_INDEX = new RegExp(String.raw`^(?:${INDEX}|\[\s*\*\s*\])$`);
/** A key known only later, with no reference and no bracket of its own, which the forms read as any instance (`[var.k]`). */
const ANY_KEY = '[uuid()]';

/**
 * The text with each key of a counted block's instance that INDEX does not read whole (a heredoc holding `]`, brackets nested two
 * deep: `rg[local.m[local.k[0]]]`) written as a key known only later, any instance: the key is read to its own closing bracket as
 * HCL does (traversal-text.ts expressionEnd), so a `]` inside it never ends it and leaves the rest as text no reader matches
 * (thirtieth review, A30b-2). A key never closed is left as written (HCL refuses it; the parser then reads it as any instance).
 */
function keysBalanced(text: string, opened: RegExp): string {
  let read = '';
  let from = 0;
  for (const match of text.matchAll(opened)) {
    const open = (match.index ?? 0) + match[0].length - 1;
    if (open < from) continue;
    const close = expressionEnd(text, open + 1, ']');
    if (close === undefined || WHOLE_INDEX.test(text.slice(open, close + 1))) continue;
    read += `${text.slice(from, open)}${ANY_KEY}`;
    from = close + 1;
  }
  return from === 0 ? text : read + text.slice(from);
}

/** A reference to a block's attribute as the splat rewrite writes it in a one-item list (`[azurerm_x.y.id]`). */
const ONE_ITEM = String.raw`\[\s*((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\s*(?:\d+|"[^"\\]*")\s*\])*)\s*\]`;
/** An empty list or a list of the empty text, which concat adds behind the instances ("the instance, if any"). */
const EMPTY = String.raw`\s*,\s*\[\s*(?:""\s*)?\]`;
/**
 * The idioms of "the one instance, if any" over a splat, read as the instance (the block) like one(<block>[*].id): every reader then
 * reads a plain reference (a group the stack creates, its names) instead of an expression that may hold anything (A21a-1).
 */
const ONE_INSTANCE: readonly RegExp[] = [
  new RegExp(String.raw`\bjoin\(\s*"[^"\\]*"\s*,\s*${ONE_ITEM}\s*\)`, 'g'),
  new RegExp(String.raw`\b(?:tolist|sort|distinct|compact|reverse|flatten)\(\s*${ONE_ITEM}\s*\)\s*\[\s*0\s*\]`, 'g'),
  new RegExp(String.raw`\bconcat\(\s*${ONE_ITEM}(?:${EMPTY})*\s*\)\s*\[\s*0\s*\]`, 'g'),
  new RegExp(String.raw`\belement\(\s*concat\(\s*${ONE_ITEM}(?:${EMPTY})*\s*\)\s*,\s*0\s*\)`, 'g'),
  new RegExp(String.raw`\bcoalesce\(\s*${ONE_ITEM}\s*\.\.\.\s*\)`, 'g'),
];

/** A text with every splat of a block the forms leave read as the list of the block's attribute, its one-instance idioms as the block (A21a-1). */
function splatsRead(text: string, listed = false): string {
  const read = text.includes('*') && text.includes('${') ? splatsListed(text) : text;
  return read === text && !listed ? text : ONE_INSTANCE.reduce((rewritten, form) => rewritten.replace(form, '$1'), read);
}

/**
 * A text with every splat of a block written as the list HCL makes of it: the block's reference with the steps each item takes, in
 * brackets (`${S.*.fqdn[0]}` is `${[S.fqdn][0]}`). No idiom over the list is read as the block here: the host PGD-TLS-1 judges is read
 * through this alone (database-checks.ts postgresqlProviders), where `join("?sslmode=disable&", S[*].fqdn)` over instances is not an fqdn.
 */
export function splatsListed(text: string): string {
  let read = '';
  let from = 0;
  for (const match of text.matchAll(ANY_SPLAT)) {
    const at = match.index ?? 0;
    if (at < from) continue;
    const operator = at + match[0].length;
    const end = splatStepsEnd(text, operator, match[0].endsWith(']'));
    // An index never closed: Terraform refuses the text, which stays as written.
    if (end === undefined) continue;
    read += `${text.slice(from, at)}[${match[1]}${text.slice(operator, end)}]`;
    from = end;
  }
  return from === 0 ? text : read + text.slice(from);
}
