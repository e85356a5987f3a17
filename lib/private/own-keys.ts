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
  // Assigning any other key makes the same own, enumerable, writable property on the plain records
  // these are, and costs far less (the stack model sets every key of 3,153 bodies at roles50).
  if (key !== '__proto__') record[key] = value;
  else Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
