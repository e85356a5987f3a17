import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { isValidationError, thrownMessage, UNREADABLE_VALUE } from './caller-arguments';
import { isLibraryPrototype } from './library-classes';
import { isBuiltIn } from './shape';
import { Unshown, ValidationError } from './validation-error';

// Props are read once. A JavaScript caller may pass objects whose getters answer differently on
// each read (RoleDefinition.READER while validation looks, Owner when the resource is made): the
// constructs copy their props into plain data first, then validate and use only the copy.

/**
 * How deep props may nest. The deepest prop of the library is a few levels down; a value nested
 * thousands deep would exhaust the call stack while it is copied (a RangeError, not the library's
 * error), so it is refused well before that.
 */
export const MAX_PROPS_DEPTH = 64;

/**
 * How many items a list in the props may hold: far above what Azure takes in any list the library
 * has (firewall rules, databases, roles), and far below a length whose copy would exhaust memory
 * (a sparse list of length 2^32-1 aborts Node itself, with no error to catch).
 */
export const MAX_LIST_LENGTH = 10000;

/**
 * A deep copy of a props value, each property read exactly once: arrays and objects are copied
 * with their own enumerable properties as plain values (a getter is called once, a non-enumerable
 * one is left behind); constructs and Terraform tokens are kept as they are (they are references,
 * not data). An object of one of the library's classes keeps its prototype, so a RoleDefinition
 * stays one. Any other prototype is not kept: a getter it holds would stay live on the copy, so
 * what it offers (enumerable properties, getters of a class) is read once into a plain object.
 */
export function snapshot<T>(value: T): T {
  refusePollutedPrototype();
  return copy(value, new Map(), 0, 'props') as T;
}

/**
 * The copies inherit from Object.prototype, as the caller's objects do, so a prop not given reads
 * what Object.prototype holds under its name. The language gives it no enumerable property; one
 * there was put by code in the process, most often a deep merge of untrusted JSON holding a
 * "__proto__" key (prototype pollution): `keyVaultResourceId` there would send a generated
 * password to a vault no prop named. Refused before anything is built (adversarial run of stop 67).
 */
function refusePollutedPrototype(): void {
  const added = Object.keys(Object.prototype);
  if (added.length === 0) return;
  const names = added.map((name) => JSON.stringify(name)).join(', ');
  throw new ValidationError('PROPS-PROTOTYPE-POLLUTED', 'props', new Unshown(`(Object.prototype holds ${names})`),
    'would read those names from Object.prototype for every optional prop not given: code in this process added enumerable properties to it (prototype pollution, e.g. a deep merge of untrusted JSON with a "__proto__" key)',
    'find and remove what writes to Object.prototype; no construct of this library is built while it holds enumerable properties');
}

/**
 * `prop` is the top-level prop the value is under, which a too-deep error names. Whatever a read
 * throws (a revoked Proxy, a getter that fails) is the library's error naming the prop, not a
 * TypeError out of the constructor.
 */
function copy(value: unknown, seen: Map<object, unknown>, depth: number, prop: string): unknown {
  try {
    return copyOnce(value, seen, depth, prop);
  } catch (error) {
    if (isValidationError(error)) throw error;
    throw new ValidationError('PROP-TYPE', prop, UNREADABLE_VALUE, `cannot be read (${thrownMessage(error)})`,
      `give ${prop} plain data of the type its doc comment declares`);
  }
}

function copyOnce(value: unknown, seen: Map<object, unknown>, depth: number, prop: string): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Construct.isConstruct(value) || Token.isUnresolved(value)) return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (depth >= MAX_PROPS_DEPTH) {
    throw new ValidationError('PROPS-TOO-DEEP', prop, new Unshown(`(a value nested more than ${MAX_PROPS_DEPTH} levels deep)`),
      'is nested deeper than any prop of this library', `give ${prop} the shape its type declares; no prop nests more than a few levels`);
  }
  const below = (key: string) => (depth === 0 ? key : prop);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    seen.set(value, items);
    // By index: a JavaScript caller may leave holes, which stay undefined for validation to refuse.
    const length = value.length;
    if (!(length <= MAX_LIST_LENGTH)) {
      throw new ValidationError('PROPS-TOO-LONG', prop, new Unshown(`(a list of ${length} items)`),
        `is longer than any list of this library takes (at most ${MAX_LIST_LENGTH} items)`, `give ${prop} only the items it needs`);
    }
    for (let index = 0; index < length; index++) items.push(copy(value[index], seen, depth + 1, below(`${prop}[${index}]`)));
    return items;
  }
  // A Map, Date or boxed value holds its data out of sight of its keys: a copy would be an empty
  // object that passes as one. Kept as it is, validation refuses it by its class.
  if (isBuiltIn(value)) return value;
  refuseSymbolKeys(value, prop);
  const prototype = Object.getPrototypeOf(value);
  const kept = prototype === null || prototype === Object.prototype || isLibraryPrototype(prototype);
  const result: { [key: string]: unknown } = Object.create(kept ? prototype : standIn(prototype));
  seen.set(value, result);
  for (const key of kept ? Object.keys(value) : keysThroughPrototypes(value)) {
    const item = copy((value as { [key: string]: unknown })[key], seen, depth + 1, below(key));
    Object.defineProperty(result, key, { value: item, enumerable: true, writable: false, configurable: false });
  }
  return result;
}

/** A Symbol key holds data no copy by name reads (tags keyed by one would be dropped): refused, never left behind. */
function refuseSymbolKeys(value: object, prop: string): void {
  const key = Object.getOwnPropertySymbols(value).find((symbol) => Object.prototype.propertyIsEnumerable.call(value, symbol));
  if (key === undefined) return;
  throw new ValidationError('PROPS-SYMBOL-KEY', prop, new Unshown(String(key)), 'is a Symbol key, which no prop of this library has',
    `give ${prop} text keys only`);
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

const STAND_INS = new WeakMap<object, object>();

/**
 * The prototype of the copy of an object of a caller's class: it names the class (so a map that
 * must be plain is still refused as "(a Tags)") but holds none of its getters, which the copy has
 * read once into its own keys.
 */
function standIn(prototype: object): object {
  const found = STAND_INS.get(prototype);
  if (found !== undefined) return found;
  const made: object = Object.freeze(Object.create(Object.prototype, { constructor: { value: (prototype as { constructor?: unknown }).constructor } }));
  STAND_INS.set(prototype, made);
  return made;
}
