import { StackFacts } from './rule';
import { ResourceView } from './stack-model';

/**
 * A reading of the whole stack that does not depend on the server, made once per evaluation: every server asks it
 * (reading it again per server was quadratic in servers). It is kept on the stack's facts object, which each
 * evaluation makes anew (a second synth, a joined model), so nothing outlives the evaluation or hides a block added later.
 * The reading's result is shared by every caller: it must not be changed.
 */
export function oncePerStack<T>(read: (stack: StackFacts | undefined) => T): (stack: StackFacts | undefined) => T {
  const kept = new WeakMap<StackFacts, { readonly value: T }>();
  return (stack) => {
    if (stack === undefined) return read(stack);
    let found = kept.get(stack);
    if (found === undefined) {
      found = { value: read(stack) };
      kept.set(stack, found);
    }
    return found.value;
  };
}

/**
 * The stack's resources (then, with `lookups`, its lookups) whose type `accepts` takes, in the stack's order, once per
 * evaluation: a reader that asks only of some types walks those, not every block of the stack, for every server.
 * Only the type is read here, never a block's config: what the reader reads of each block, it still reads as before.
 */
export function blocksOfTypes(accepts: (type: string) => boolean, lookups = false): (stack: StackFacts | undefined) => readonly ResourceView[] {
  return oncePerStack((stack) => [...stack?.resources?.values() ?? [], ...(lookups ? stack?.lookups?.values() ?? [] : [])].filter((block) => accepts(block.type)));
}

/**
 * A reading of one object of the stack (a block, a server view, an expression) under a name (an attribute, an owner;
 * '' when there is none), made once per evaluation and kept on the stack's facts object as oncePerStack keeps its
 * readings: several rules, or every server, ask it. Without the stack it is read each time. A reading that throws is not kept.
 */
export function oncePerStackFor<K extends object, V>(read: (key: K, name: string, stack: StackFacts | undefined) => V): (key: K, name: string, stack: StackFacts | undefined) => V {
  const kept = new WeakMap<StackFacts, WeakMap<K, Map<string, V>>>();
  return (key, name, stack) => {
    if (stack === undefined) return read(key, name, stack);
    let byKey = kept.get(stack);
    if (byKey === undefined) kept.set(stack, (byKey = new WeakMap()));
    let byName = byKey.get(key);
    if (byName === undefined) byKey.set(key, (byName = new Map()));
    if (!byName.has(name)) byName.set(name, read(key, name, stack));
    return byName.get(name) as V;
  };
}
