import { evaluateJson, isUnknown, Scope } from './hcl-expression';
import { ownLocals, sectionBlocks } from './stack-model';
import { isObject, mapStrings } from './terraform-json';

// A block whose for_each is another block's instances (`for_each = azurerm_resource_group.apps`, one role per group of a map), or
// a `for` map of one attribute of them (`{ for k, g in azurerm_resource_group.apps : k => g.id }`), reads `each.value` as the
// instance each.key picks: `each.value.id` is `apps[each.key].id`, which instance-references.ts reads as the block (any item, its
// names each item's). The two spellings of "this item of that block" then get one verdict (twenty-first review, A21a-5): a for_each
// over a block read as an unknown collection made `each.value` a scope known only at apply time, refused however harmless its items.

/** A block's address as references write it. */
const ADDRESS = String.raw`((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*)`;
/** for_each = <block>: each.value is the instance. */
const WHOLE_BLOCK = new RegExp(String.raw`^\$\{\s*${ADDRESS}\s*\}$`);
/** for_each = { for k, g in <block> : k => g.<attribute> }: each.value is the instance's attribute (the keys kept). */
const FOR_MAP = new RegExp(String.raw`^\$\{\s*\{\s*for\s+([A-Za-z_][\w-]*)\s*,\s*([A-Za-z_][\w-]*)\s+in\s+${ADDRESS}\s*:\s*\1\s*=>\s*\2((?:\.[A-Za-z_][\w-]*)*)\s*\}\s*\}$`);
/** `each.value` as a traversal's root (not part of a longer name). */
const EACH_VALUE = /(?<![\w.-])each\.value(?![\w-])/g;

/** for_each = local.<name> (with steps or not): read through the stack's locals. */
const LOCAL = /^\$\{\s*local\./;

/**
 * What each.value stands for in a block whose for_each iterates over a block with for_each of the stack, or undefined. A for_each
 * that is a local naming the block (`locals { srvs = azurerm_postgresql_flexible_server.s }`, `for_each = local.srvs`) is the block
 * (46th run, A46a-4: its children were read as attached to a server known only at apply time).
 */
function instanceOfEach(written: unknown, iterated: ReadonlySet<string>, locals: () => Scope): string | undefined {
  if (typeof written !== 'string') return undefined;
  const local = LOCAL.test(written) ? evaluateJson(written, locals()) : undefined;
  const forEach = isUnknown(local) && local.isPlainReference ? `\${${local.expression}}` : written;
  const whole = WHOLE_BLOCK.exec(forEach);
  if (whole !== null) return iterated.has(whole[1]) ? `${whole[1]}[each.key]` : undefined;
  const mapped = FOR_MAP.exec(forEach);
  return mapped !== null && iterated.has(mapped[3]) ? `${mapped[3]}[each.key]${mapped[4]}` : undefined;
}

/**
 * The stack's JSON with `each.value` in the arguments of every block iterating over another block's instances written as that
 * instance (`<block>[each.key]`); the JSON itself when no block does.
 */
export function iteratedBlocks(terraform: unknown): unknown {
  const blocks = [...sectionBlocks(terraform, 'resource').map((block) => ({ ...block, address: `${block.type}.${block.name}` })),
    ...sectionBlocks(terraform, 'data').map((block) => ({ ...block, address: `data.${block.type}.${block.name}` }))];
  const iterated = new Set(blocks.filter(({ body }) => 'for_each' in body).map(({ address }) => address));
  const rewrites = new Map<object, (text: string) => string>();
  let scope: Scope | undefined;
  const locals = () => (scope ??= ownLocals(terraform));
  for (const { body } of blocks) {
    const instance = 'for_each' in body ? instanceOfEach(body.for_each, iterated, locals) : undefined;
    if (instance !== undefined) rewrites.set(body, (text) => (text.includes('each.value') ? text.replace(EACH_VALUE, instance) : text));
  }
  return rewrites.size === 0 ? terraform : rewritten(terraform, rewrites);
}

/** A copy of a JSON value with the strings of the given bodies rewritten (their for_each and comments kept). */
function rewritten(value: unknown, rewrites: ReadonlyMap<object, (text: string) => string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewritten(item, rewrites));
  if (!isObject(value)) return value;
  const rewrite = rewrites.get(value);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewrite === undefined ? rewritten(item, rewrites)
    : key === 'for_each' || key === '//' ? item : mapStrings(item, rewrite)]));
}
