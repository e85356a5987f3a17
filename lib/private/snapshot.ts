import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { isLibraryPrototype } from './library-classes';

// Props are read once. A JavaScript caller may pass objects whose getters answer differently on
// each read (RoleDefinition.READER while validation looks, Owner when the resource is made): the
// constructs copy their props into plain data first, then validate and use only the copy.

/**
 * A deep copy of a props value, each property read exactly once: arrays and objects are copied
 * with their own enumerable properties as plain values (a getter is called once, a non-enumerable
 * one is left behind); constructs and Terraform tokens are kept as they are (they are references,
 * not data). An object of one of the library's classes keeps its prototype, so a RoleDefinition
 * stays one. Any other prototype is not kept: a getter it holds would stay live on the copy, so
 * what it offers (enumerable properties, getters of a class) is read once into a plain object.
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
  const prototype = Object.getPrototypeOf(value);
  const kept = prototype === null || prototype === Object.prototype || isLibraryPrototype(prototype);
  const result: { [key: string]: unknown } = Object.create(kept ? prototype : Object.prototype);
  seen.set(value, result);
  for (const key of kept ? Object.keys(value) : keysThroughPrototypes(value)) {
    Object.defineProperty(result, key, { value: copy((value as { [key: string]: unknown })[key], seen), enumerable: true, writable: false, configurable: false });
  }
  return result;
}

/** The keys a read sees on an object of a foreign prototype: its own enumerable ones, then what its prototypes add (enumerable properties and getters; methods are code, not data). */
function keysThroughPrototypes(value: object): string[] {
  const keys = new Set(Object.keys(value));
  for (let layer = Object.getPrototypeOf(value); layer !== null && layer !== Object.prototype; layer = Object.getPrototypeOf(layer)) {
    for (const key of Object.getOwnPropertyNames(layer)) {
      const descriptor = Object.getOwnPropertyDescriptor(layer, key)!;
      if (key !== 'constructor' && (descriptor.get !== undefined || descriptor.enumerable === true)) keys.add(key);
    }
  }
  return [...keys];
}
