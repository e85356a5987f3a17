import { isCounted } from './instance-arguments';
import { sectionBlocks } from './stack-model';
import { bodiesOf, isObject } from './terraform-json';

// A resource (or a lookup) with count or for_each is each of its instances (twentieth review, A20a-3): a role on
// `azurerm_resource_group.rg[0].id`, on `rg["hub"]`, on `one(rg[*].id)` or `values(rg)[0].id` is a role on the group
// that block writes, and every reader finds a block by the reference to it (`<type>.<name>.id`). So a reference to an
// instance of a counted resource or lookup of the stack is read as the reference to the block, whose arguments the model reads
// with `each.key` and `each.value` the one item's (or any item's, when the items differ: the instance is then any of
// them, known only later). One rewrite of the JSON, before the model reads it, serves every reader; the pins are read
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
  return (text: string) => {
    if (!text.includes('${') || !quick.test(text)) return text;
    return forms.reduce((rewritten, [form, replacement]) => rewritten.replace(form, replacement), text);
  };
}
