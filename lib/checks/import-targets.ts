import { forgetsObject } from './forgotten-objects';
import { isUnknown } from './hcl-expression';
import type { StackFacts } from './rule';
import { bodiesOf, isObject } from './terraform-json';
import { expressionEnd, traversalText } from './traversal-text';

/**
 * The addresses the stack's `import` blocks adopt a live Azure object into, each once (a for_each
 * import's instance key left out). An import adopts what the object holds
 * that the resource does not describe (an NSG's inline rules, a server's settings): on a
 * construct's own resource it fails PG-CFG-6 (tenth review, A10a-15) unless the construct adopts
 * it itself (SecureSingleServer `adoption`).
 */
export function importTargets(terraform: unknown): string[] {
  return targetsOf(terraform, 'import');
}

/**
 * The addresses the stack's `moved` blocks move another object's state to, each once: the object
 * that resource then manages was made elsewhere, with whatever it holds (eleventh review, A11a-3).
 */
export function movedTargets(terraform: unknown): string[] {
  return targetsOf(terraform, 'moved');
}

/**
 * The addresses the stack's `removed` blocks destroy the object of, each once (twenty-fifth review, A25b-5): one whose lifecycle does
 * not set `destroy` to anything but true (forgotten-objects.ts reads those, PG-CFG-7). Terraform destroys the object it managed there,
 * which may be an existing one an import adopted in an earlier run: a deletion as a Graph or ARM DELETE of it is.
 */
export function removedTargets(terraform: unknown): string[] {
  if (!isObject(terraform)) return [];
  const targets = bodiesOf(terraform.removed ?? []).filter(isObject).filter((block) => !forgetsObject(block)).map((block) => block.from)
    .filter((from): from is string => typeof from === 'string')
    .map(resourceAddress);
  return [...new Set(targets)];
}

function targetsOf(terraform: unknown, section: 'import' | 'moved'): string[] {
  if (!isObject(terraform)) return [];
  const targets = bodiesOf(terraform[section] ?? []).filter(isObject).map((block) => block.to)
    .filter((to): to is string => typeof to === 'string')
    .map(resourceAddress);
  return [...new Set(targets)];
}

/**
 * A block's "to" as the resource address it names. Terraform reads it as a traversal, so blanks,
 * line breaks and comments between its parts do not count (eleventh review, A11b-1), and an
 * instance key names an instance of the same resource. A `resource.` before the type (after any
 * module path) is optional since Terraform 1.10 (hashicorp/terraform#35333, addrs/parse_target.go
 * parseResourceInstanceUnderModule, which import `to`, moved and removed addresses share): it names
 * the same resource (twenty-eighth review, A28a-8).
 *
 * A key is any HCL expression (Terraform 1.7+ takes one in a for_each import's `to`: `[each.value["k"]]`,
 * `[local.keys[0]]`), read to its own closing bracket (traversal-text.ts expressionEnd: strings with
 * escapes, templates and `]` inside, nested brackets, comments). A key never closed ends the address
 * where it opens: any instance of what comes before it (twenty-ninth review, A29b-1).
 */
export function resourceAddress(traversal: string): string {
  const text = traversalText(traversal);
  let address = '';
  for (let at = 0; at < text.length;) {
    if (text[at] !== '[') {
      address += text[at];
      at += 1;
      continue;
    }
    const close = expressionEnd(text, at + 1, ']');
    if (close === undefined) break;
    at = close + 1;
  }
  const parts = address.split('.');
  let at = 0;
  while (parts[at] === 'module' && at + 1 < parts.length) at += 2;
  if (parts[at] === 'resource' && parts.length - at >= 3) parts.splice(at, 1);
  return parts.join('.');
}

/** An iterator reference (`each.value`, `each.key`) in an import's id. */
const EACH = /^\s*\$\{\s*each\.(key|value)\s*\}\s*$/;

/** The ids a for_each import adopts: its literal collection's items when the id is `each.value` (or `each.key`), else the id as written. */
export function importIds(config: { readonly [key: string]: unknown }): readonly unknown[] {
  const id = config.id;
  const each = isUnknown(id) ? EACH.exec(id.spelling) : null;
  const items = config.for_each;
  if (each === null || items === undefined || isUnknown(items) || items === null || typeof items !== 'object') return [id];
  const entries = Array.isArray(items) ? items.map((item) => [item, item] as const) : Object.entries(items);
  return entries.map(([key, value]) => (each[1] === 'key' ? key : value));
}

/** What an import block names the object it adopts by: its `id`, or its `identity`'s names (Terraform 1.12). */
export type ImportedObject = { readonly id: unknown } | { readonly identity: unknown };

/** What the stack's import blocks adopt into a resource, each as written (a literal, an expression): read once per stack. */
export function importsInto(address: string, stack: StackFacts | undefined): readonly ImportedObject[] {
  const lookups = stack?.lookups;
  if (lookups === undefined) return [];
  let byAddress = importsByStack.get(lookups);
  if (byAddress === undefined) {
    byAddress = new Map();
    for (const lookup of lookups.values()) {
      if (lookup.type !== 'import') continue;
      const to = resourceAddress(lookup.name);
      const adopted = lookup.config.id === undefined ? [{ identity: lookup.config.identity }] : importIds(lookup.config).map((id) => ({ id }));
      byAddress.set(to, [...(byAddress.get(to) ?? []), ...adopted]);
    }
    importsByStack.set(lookups, byAddress);
  }
  return byAddress.get(address) ?? [];
}
const importsByStack = new WeakMap<object, Map<string, readonly ImportedObject[]>>();
