import { Token } from 'cdktf';
import { Construct } from 'constructs';

// Props are read once. A JavaScript caller may pass objects whose getters answer differently on
// each read (RoleDefinition.READER while validation looks, Owner when the resource is made): the
// constructs copy their props into plain data first, then validate and use only the copy.

/**
 * A deep copy of a props value, each property read exactly once: arrays and objects are copied
 * (an object keeps its prototype, so a RoleDefinition stays one, with its own enumerable
 * properties as plain values: a getter is called once, a non-enumerable one is left behind);
 * constructs and Terraform tokens are kept as they are (they are references, not data).
 */
export function snapshot<T>(value: T): T {
  return copy(value, new Map()) as T;
}

function copy(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Construct.isConstruct(value) || Token.isUnresolved(value)) return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    seen.set(value, items);
    // By index: a JavaScript caller may leave holes, which stay undefined for validation to refuse.
    const length = value.length;
    for (let index = 0; index < length; index++) items.push(copy(value[index], seen));
    return items;
  }
  const result: { [key: string]: unknown } = Object.create(Object.getPrototypeOf(value));
  seen.set(value, result);
  for (const key of Object.keys(value)) {
    Object.defineProperty(result, key, { value: copy((value as { [key: string]: unknown })[key], seen), enumerable: true, writable: false, configurable: false });
  }
  return result;
}
