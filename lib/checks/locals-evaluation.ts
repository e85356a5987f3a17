import { evaluateJson, isUnknown, Scope, Unknown, Value } from './hcl-expression';
import { MAX_JSON_DEPTH } from './terraform-json';

/**
 * How deep a local's value may nest lists and objects: as deep as a stack file may (a chain of
 * locals each wrapping the one before builds any depth, which every reader of the value would
 * recurse through).
 */
export const MAX_LOCAL_DEPTH = MAX_JSON_DEPTH;
/**
 * How many items a local's value may hold, a part held twice counted twice, as the readers walk
 * it: locals that each hold the one before twice double it at every step.
 */
export const MAX_LOCAL_ITEMS = 1_000_000;

/** Thrown while a local is evaluated when it reads one not evaluated yet: that one is evaluated first. */
class Waiting extends Error {
  constructor(public readonly local: string) {
    super(`local.${local} is not evaluated yet`);
  }
}

/**
 * The locals' values, each local evaluated once, all of them when the scope is made. Terraform
 * evaluates locals as a graph, so a chain of any length is valid: here a local that reads another
 * not yet evaluated waits on a list until that one is, so one local is never evaluated inside
 * another and no chain can exhaust the call stack (eleventh review, A11b-5). A local that reads
 * itself, through others or not (Terraform refuses the cycle), is Unknown; so is one whose value
 * nests deeper or holds more than the bounds above.
 */
export function evaluateLocals(raw: ReadonlyMap<string, unknown>): Scope {
  const values = new Map<string, Value>();
  /** Locals being evaluated, or waiting for another: reading one of them closes a cycle. */
  const open = new Set<string>();
  const scope: Scope = {
    local: (name) => {
      if (!raw.has(name)) return undefined;
      if (values.has(name)) return values.get(name);
      if (open.has(name)) return new Unknown(`local.${name}`, [`local.${name}`]);
      throw new Waiting(name);
    },
  };
  const sizes = new WeakMap<object, Size>();
  for (const first of raw.keys()) {
    if (values.has(first)) continue;
    const waiting = [first];
    open.add(first);
    while (waiting.length > 0) {
      const name = waiting[waiting.length - 1];
      try {
        values.set(name, bounded(name, evaluateJson(raw.get(name), scope), sizes));
        open.delete(name);
        waiting.pop();
      } catch (error) {
        if (!(error instanceof Waiting)) throw error;
        waiting.push(error.local);
        open.add(error.local);
      }
    }
  }
  return scope;
}

/** How deep a value nests and how many items it holds as a tree. */
interface Size {
  readonly depth: number;
  readonly items: number;
}

const LEAF: Size = { depth: 0, items: 1 };

/** A local's value, or an Unknown reading all it reads when the value is beyond the bounds. */
function bounded(name: string, value: Value, sizes: WeakMap<object, Size>): Value {
  const { depth, items } = sizeOf(value, sizes);
  if (depth <= MAX_LOCAL_DEPTH && items <= MAX_LOCAL_ITEMS) return value;
  return new Unknown(`local.${name}`, [`local.${name}`, ...referencesIn(value)]);
}

/** Lists and objects of a value (an Unknown is one item). */
export function isComposite(value: Value): value is readonly Value[] | { readonly [key: string]: Value } {
  return value !== null && typeof value === 'object' && !isUnknown(value);
}

/**
 * The size of a value, without recursion, each list or object measured once (sizes keeps them
 * across locals, which share the values of those they read). Items are counted up to one past the bound.
 */
function sizeOf(root: Value, sizes: WeakMap<object, Size>): Size {
  const known = (value: Value): Size => (isComposite(value) ? sizes.get(value) ?? LEAF : LEAF);
  const pending: (readonly Value[] | { readonly [key: string]: Value })[] = isComposite(root) ? [root] : [];
  while (pending.length > 0) {
    const node = pending[pending.length - 1];
    const parts = Object.values(node);
    const unmeasured = parts.filter((part) => isComposite(part) && !sizes.has(part)) as typeof pending;
    if (sizes.has(node)) {
      pending.pop();
    } else if (unmeasured.length > 0) {
      unmeasured.forEach((part) => pending.push(part));
    } else {
      const measured = parts.map(known);
      sizes.set(node, {
        depth: 1 + measured.reduce((deepest, size) => Math.max(deepest, size.depth), 0),
        items: Math.min(MAX_LOCAL_ITEMS + 1, measured.reduce((sum, size) => sum + size.items, 1)),
      });
      pending.pop();
    }
  }
  return known(root);
}

/** The references of every Unknown in a value, each list or object read once. */
function referencesIn(root: Value): string[] {
  const found = new Set<string>();
  const read = new Set<object>();
  const pending: Value[] = [root];
  while (pending.length > 0) {
    const value = pending.pop() as Value;
    if (isUnknown(value)) value.references.forEach((reference) => found.add(reference));
    else if (isComposite(value) && !read.has(value)) {
      read.add(value);
      Object.values(value).forEach((part) => pending.push(part));
    }
  }
  return [...found];
}
