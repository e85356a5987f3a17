// The classes whose objects the props accept (RoleDefinition, FlexibleServerNetwork, ...): each
// props shape's choice() names one. snapshot() keeps their prototype, so their methods and
// getters, which are the library's own code, keep working on the copy.

const prototypes = new Set<object>();

/** Marks a class of the library whose objects a prop accepts. */
export function registerLibraryClass(type: { readonly prototype: object }): void {
  prototypes.add(type.prototype);
}

/** True when an object's prototype is exactly one of the library's registered classes'. */
export function isLibraryPrototype(prototype: object | null): boolean {
  return prototype !== null && prototypes.has(prototype);
}
