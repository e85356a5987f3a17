/**
 * Records keyed by what a user or a stack wrote: only own keys count, because every object
 * inherits "constructor", "toString", "valueOf", ... and "__proto__" sets the prototype.
 */

export function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** The record's own entry for key, else undefined. */
export function ownValue<T>(record: { readonly [key: string]: T }, key: string): T | undefined {
  return hasOwn(record, key) ? record[key] : undefined;
}

/** Adds key as an ordinary property, "__proto__" too. */
export function setOwn<T>(record: { [key: string]: T }, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
