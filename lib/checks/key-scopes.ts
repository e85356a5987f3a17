import { ownValue } from '../private/own-keys';
import { requestBody, writes } from './azapi-writes';
import { armKey } from './azure-keys';
import { isUnknown } from './hcl-expression';
import type { JudgedScope } from './judged-scopes';
import { keyObjects } from './perimeter-objects';
import { StackFacts } from './rule';
import { ResourceView, ServerView } from './stack-model';

// The customer-managed key of a server and its vault as scopes of PG-CFG-8's net (queued after the nineteenth run): a write
// on either (an azapi update disabling the key, changing its expiry or rotation policy; one opening the vault's network ACLs,
// turning soft delete off, rewriting its access policies; a PIM policy at it; an unknown child of the key) makes the server
// unavailable or changes its encryption. Roles and access policies on them are judged by PG-IAM-2 (key-access-policies.ts,
// role-actions.ts); a block that only uses the key (another service's encryption) names it by a pointer, not by its placement.

/**
 * The key's and the vault's scopes: the objects perimeter-objects.ts reads for PG-IAM-2 (a key of the stack and its vault, one
 * given by its URL, a lookup), their IDs as the net matches them. The vault is exact: an ID below it is another key or secret.
 */
export function keyScopes(server: ServerView, stack: StackFacts | undefined): JudgedScope[] {
  return keyObjects(server, stack).flatMap((object): JudgedScope[] => [...(object.later === undefined ? [] : laterKeyScopes(object.what, object.later.segments)), {
    kind: 'key',
    what: object.what,
    addresses: object.addresses,
    blocks: object.addresses.flatMap((address) => stack?.resources?.get(address) ?? []),
    values: [...object.values, ...object.ids.map((id) => `/${id.replace(/^\/+/, '')}`), ...(object.later?.given === undefined ? [] : [object.later.given])],
    ...(object.exact === true ? { exact: true } : {}),
  }]);
}

/** Any vault or Managed HSM, by ID ("?" a segment known only later), by the type segment of a given key's later object. */
const ANY_CONTAINER: { readonly [type: string]: readonly [id: string, noun: string] } = {
  vaults: ['/subscriptions/?/resourceGroups/?/providers/Microsoft.KeyVault/vaults/?', 'Key Vault'],
  managedhsms: ['/subscriptions/?/resourceGroups/?/providers/Microsoft.KeyVault/managedHSMs/?', 'Managed HSM'],
};

/**
 * A key given by a value known only at apply time (a variable) may be any key of any vault or Managed HSM, as the other objects
 * given by a pointer known only later are (A17b-8): a write placed on any of them or any key fails closed; a new key or secret in
 * a vault is separate.
 */
function laterKeyScopes(what: string, segments: readonly string[]): JudgedScope[] {
  const container = ownValue(ANY_CONTAINER, segments[segments.indexOf('microsoft.keyvault') + 1] ?? '');
  if (container === undefined) return [];
  const [id, noun] = container;
  const scope = (value: string, of: string, exact: boolean): JudgedScope => ({ kind: 'key', what: `${of} (${what}, known only at apply time, may be any)`, addresses: [], blocks: [], values: [value], ...(exact ? { exact } : {}) });
  return [scope(id, `any ${noun}`, true), scope(`${id}/keys/?`, `any ${noun} key`, false)];
}

/**
 * Writes that only harden the vault or the key, by property (lower case) and the one value that hardens: soft delete and purge
 * protection on, public access off, the key enabled. Any other property, or another value, may weaken them.
 */
export const HARDENING_KEY_WRITES: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['enablesoftdelete', true],
  ['enablepurgeprotection', true],
  ['publicnetworkaccess', 'disabled'],
  ['attributes.enabled', true],
]);

/** True when an azapi block writes (PUT or PATCH) only hardening properties (and tags) on the key or its vault. */
export function hardensKey(block: ResourceView): boolean {
  if (!block.type.startsWith('azapi_') || !writes(block)) return false;
  const body = requestBody(block);
  if (body === null || typeof body !== 'object' || Array.isArray(body) || isUnknown(body)) return false;
  const leaves: [string, unknown][] = [];
  const walk = (path: string, value: unknown): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value)) Object.entries(value).forEach(([key, each]) => walk(path === '' ? armKey(key) : `${path}.${armKey(key)}`, each));
    else leaves.push([path, value]);
  };
  const entries = Object.entries(body);
  if (entries.some(([key]) => !['properties', 'tags'].includes(armKey(key)))) return false;
  entries.filter(([key]) => armKey(key) === 'properties').forEach(([, properties]) => walk('', properties));
  return leaves.length > 0 && leaves.every(([path, value]) => HARDENING_KEY_WRITES.has(path)
    && (typeof value === 'string' ? value.trim().toLowerCase() : value) === HARDENING_KEY_WRITES.get(path));
}
