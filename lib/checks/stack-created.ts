import { resourceAddress } from './import-targets';
import { StackFacts } from './rule';

// Whether the stack creates an object (nineteenth review, A19b-3). An object the stack creates holds nothing the JSON does not
// write: its children (a forwarding ruleset's rules, a network group's members, a resource group's resources) are all the
// stack's, so a reader may judge them from the JSON and let the object pass as "the stack's own". An object that exists
// before the stack does keeps its live children, which no reader sees: one an import block adopts, one a moved block hands over
// from another address (twenty-eighth review, A28a-8), one an azapi update or action only writes over, one a data source looks up. Every reader that lets a container of the stack stand for "its
// children are judged" asks this predicate, and reads any other container as one outside the stack.

/** azapi blocks that write over an object that exists (an update, an action): they create none. */
const OVER_EXISTING = ['azapi_update_resource', 'azapi_resource_action'];

/**
 * True when the stack creates the object a block of it writes: a managed resource of the stack (not a lookup, not an azapi
 * update or action) that no import or moved block adopts. False for an address the stack does not declare.
 */
export function stackCreates(block: { readonly address: string } | string, stack: StackFacts | undefined): boolean {
  const address = typeof block === 'string' ? block : block.address;
  const view = stack?.resources?.get(address);
  if (view === undefined || /^(data|ephemeral|check)\./.test(address) || OVER_EXISTING.includes(view.type)) return false;
  return !isAdopted(address, stack);
}

/**
 * How an existing object comes into a resource of the stack: 'import' (an import block adopts it), 'moved' (a moved block hands it
 * the object another address managed, made before this plan: twenty-eighth review, A28a-8), or undefined when neither does.
 * Addresses are read as Terraform reads them (import-targets.ts resourceAddress: blanks, instance keys, a `resource.` prefix).
 */
export function adoptedBy(address: string, stack: StackFacts | undefined): 'import' | 'moved' | undefined {
  if (isImported(address, stack)) return 'import';
  return (stack?.moves ?? []).includes(address) ? 'moved' : undefined;
}

/** Whether an import or moved block brings an existing object into the resource (adoptedBy says which). */
export function isAdopted(address: string, stack: StackFacts | undefined): boolean {
  return adoptedBy(address, stack) !== undefined;
}

/** Whether an import block adopts an existing object into the resource: then it is that object, whatever ID the import names. */
export function isImported(address: string, stack: StackFacts | undefined): boolean {
  return stack?.lookups?.has(`import.${address}`) === true || (stack?.imports ?? []).includes(address);
}

/**
 * The config of the (first) import block into the resource, its `to` read as Terraform reads an address (blanks, an instance key,
 * a `resource.` prefix: resourceAddress), or undefined when none names it.
 */
export function importInto(address: string, stack: StackFacts | undefined): { readonly [key: string]: unknown } | undefined {
  const exact = stack?.lookups?.get(`import.${address}`);
  if (exact !== undefined) return exact.config;
  return [...stack?.lookups?.values() ?? []].find((lookup) => lookup.type === 'import' && resourceAddress(lookup.name) === address)?.config;
}
