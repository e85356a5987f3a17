import { SPELLED_TYPES, spelledBlockId } from './block-ids';
import { evaluateJson, isUnknown, Scope, Value, withIterator } from './hcl-expression';
import { isCounted } from './instance-arguments';
import { localsScope, RawBlock, sectionBlocks } from './stack-model';
import { bodiesOf, isObject } from './terraform-json';

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

/** The counted resources and lookups of the stack, as the addresses references start with. */
function countedAddresses(terraform: unknown): string[] {
  const roots = bodiesOf(terraform).filter(isObject);
  const counted = (section: string, prefix: string) => sectionBlocks(roots, section).filter(({ body }) => isCounted(body)).map(({ type, name }) => `${prefix}${type}.${name}`);
  return [...new Set([...counted('resource', ''), ...counted('data', 'data.')])];
}

/** The arguments an ID is spelled from (block-ids.ts). */
const NAME_ARGUMENTS = ['name', 'resource_group_name', 'virtual_network_name'];

/** Per block, the ID of the instance of a literal key (undefined for no such item), and each item's ID (undefined when one is not spelled). */
interface KeyedIds {
  readonly byKey: (key: string) => string | undefined;
  readonly every: readonly string[] | undefined;
}

/**
 * Per resource with a constant for_each of several items that may differ, whose ID the table of block-ids.ts spells (a resource
 * group, a vault, a workspace...): the ID of the instance of a literal key, from its own item's names, the subscription read from
 * the block ("/subscriptions/${split("/", <block>.id)[2]}/resourceGroups/<its group>/..."); undefined when a name is not constant.
 * Read as the block, such an instance would be any item's (rg["orders"] of { app = "rg-app", orders = "rg-orders" } any group).
 */
function keyedIds(roots: readonly { [key: string]: unknown }[]): Map<string, KeyedIds> {
  const found = new Map<string, KeyedIds>();
  let constants: Scope | undefined;
  for (const block of sectionBlocks(roots, 'resource')) {
    if (block.type !== 'azurerm_resource_group' && !SPELLED_TYPES.includes(block.type)) continue;
    constants ??= localsScope(roots, []);
    if (!('for_each' in block.body)) {
      const counted = countedIds(block, constants);
      if (counted !== undefined) found.set(`${block.type}.${block.name}`, counted);
      continue;
    }
    const items = evaluateJson(block.body.for_each, constants);
    if (isUnknown(items) || items === null || typeof items !== 'object') continue;
    const entries = Array.isArray(items) ? items.map((item) => [String(item), item] as const) : Object.entries(items);
    if (entries.length < 2) continue;
    const scope = constants;
    const idOf = ([key, value]: readonly [string, unknown]) => instanceId(block, withIterator(scope, 'each', { key, value: value as Value }));
    const every = entries.map(idOf);
    found.set(`${block.type}.${block.name}`, {
      byKey: (key) => {
        const entry = entries.find(([each]) => each === key);
        return entry === undefined ? undefined : idOf(entry);
      },
      every: every.every((id): id is string => id !== undefined) ? [...new Set(every)] : undefined,
    });
  }
  return found;
}

/** Most instances of a literal count read one by one. */
const MAX_COUNT = 64;

/**
 * A resource with a literal count whose instances' names differ by `count.index` (`name = local.names[count.index]`): each
 * index's ID, as keyedIds gives a for_each's; undefined when the count is not literal or every instance spells one ID.
 */
function countedIds(block: RawBlock, constants: Scope): KeyedIds | undefined {
  const count = evaluateJson(block.body.count ?? null, constants);
  const n = typeof count === 'number' ? count : typeof count === 'string' && /^\s*\d+\s*$/.test(count) ? Number(count) : undefined;
  if (n === undefined || n < 2 || n > MAX_COUNT) return undefined;
  const ids = Array.from({ length: n }, (_each, index) => instanceId(block, constants, String(index)));
  if (!ids.every((id): id is string => id !== undefined) || new Set(ids).size < 2) return undefined;
  return { byKey: (key) => (/^\d+$/.test(key) ? ids[Number(key)] : undefined), every: [...new Set(ids)] };
}

/** The ID one instance spells from its names read with its own item (each.key, each.value; `count.index` the index), or undefined. */
function instanceId(block: RawBlock, scope: Scope, index?: string): string | undefined {
  const indexed = (value: unknown): unknown => (index === undefined ? value : typeof value === 'string' ? value.replace(/\bcount\.index\b/g, index) : value);
  const config = Object.fromEntries(NAME_ARGUMENTS.filter((name) => name in block.body).map((name) => [name, evaluateJson(indexed(block.body[name]), scope)]));
  if (Object.values(config).some((value) => typeof value !== 'string')) return undefined;
  const address = `${block.type}.${block.name}`;
  const id = spelledBlockId({ type: block.type, name: block.name, address, config, certain: true }, undefined);
  // The subscription is the block's own (every instance is written with one provider).
  return id === undefined || id.includes('${') ? undefined : id.replace(/^\/subscriptions\/\?(?=\/|$)/, `/subscriptions/\${split("/", ${address}.id)[2]}`);
}

/**
 * What a text of the stack reads as when each reference to one instance of a counted resource or lookup is the block's
 * reference: undefined when the stack has none (nothing to rewrite).
 */
export function instanceReadings(terraform: unknown): ((text: string) => string) | undefined {
  const addresses = countedAddresses(terraform);
  if (addresses.length === 0) return undefined;
  // Not part of a longer name (`data.<type>.<name>` is a lookup, `x_rg` another block).
  const block = `(?<![\\w.-])(${addresses.map((address) => address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
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
    // <block>[0], <block>["hub"], <block>[each.key], <block>[var.i]: one instance.
    [new RegExp(`${block}${INDEX}`, 'g'), '$1'],
  ];
  const quick = new RegExp(block);
  // The ID of one instance by a literal key, where the items differ: an interpolation of only it is its own item's ID.
  const ids = keyedIds(bodiesOf(terraform).filter(isObject));
  const keyed = new RegExp(String.raw`\$\{\s*${block}\[\s*(?:"((?:[^"\\]|\\.)*)"|(\d+))\s*\]\.id\s*\}`, 'g');
  const byKey = (whole: string, address: string, key: string | undefined, index: string | undefined) => ((key ?? index ?? '\\').includes('\\') ? undefined : ids.get(address)?.byKey(key ?? index ?? '')) ?? whole;
  // Inside an expression (`lower(rg["orders"].id)`): the quoted ID, a template HCL reads in an interpolation.
  const inner = new RegExp(String.raw`${block}\[\s*(?:"((?:[^"\\]|\\.)*)"|(\d+))\s*\]\.id(?![\w-])`, 'g');
  const quotedByKey = (whole: string, address: string, key: string | undefined, index: string | undefined) => {
    const id = (key ?? index ?? '\\').includes('\\') ? undefined : ids.get(address)?.byKey(key ?? index ?? '');
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
  return (text: string) => {
    if (!text.includes('${') || !quick.test(text)) return text;
    const spelled = ids.size === 0 ? text : text.replace(keyed, byKey).replace(inner, quotedByKey).replace(later, eachItem);
    return forms.reduce((rewritten, [form, replacement]) => rewritten.replace(form, replacement), spelled);
  };
}
