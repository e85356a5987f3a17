import { idKey } from './azure-keys';
import { dynamicContents } from './dynamic-blocks';
import { ANYTHING, expressionReadings } from './expression-readings';
import { GIVEN_TYPES } from './given-objects';
import { isUnknown, Unknown } from './hcl-expression';
import { PerimeterObject, reachOf } from './perimeter-objects';
import { accessPolicyGrants } from './role-grants';
import { fail, StackFacts, unknown, Verdict } from './rule';
import { resourcesOfType } from './beside-construct';
import { ResourceView } from './stack-model';

// An access policy on the vault of the server's customer-managed key (queued, closing note 29): in the access-policy model a
// key permission is the role. One that deletes, purges, disables (Update), rotates or replaces the key makes the server
// unavailable or changes its encryption, as Key Vault Crypto Officer does under RBAC (PG-IAM-2).

/**
 * Key permissions (lower case, as azurerm and the Key Vault API spell them) that change neither the key nor its state, each with
 * why; any other (Create, Import, Update, Delete, Purge, Restore, Rotate, SetRotationPolicy, "all", one Azure adds) weakens.
 */
export const INERT_KEY_PERMISSIONS: ReadonlyMap<string, string> = new Map([
  ['get', 'reads the key\'s public part and attributes (the server\'s identity needs it)'],
  ['list', 'lists the vault\'s keys'],
  ['wrapkey', 'wraps with the key (the server\'s identity needs it)'],
  ['unwrapkey', 'unwraps with the key (the server\'s identity needs it)'],
  ['encrypt', 'uses the key; changes none'],
  ['decrypt', 'uses the key; changes none'],
  ['sign', 'uses the key; changes none'],
  ['verify', 'uses the key; changes none'],
  ['backup', 'exports a blob only Key Vault restores, and only while the key is absent'],
  ['recover', 'undoes a deletion: restores the key'],
  ['getrotationpolicy', 'reads the rotation policy'],
  ['release', 'hands the key to an attested environment under its release policy; the key stays as written'],
]);

/** The key permissions of a policy that weaken the key (as written), or undefined when they are known only at apply time. */
export function weakeningKeyPermissions(permissions: unknown): readonly string[] | undefined {
  if (permissions === undefined || permissions === null) return [];
  if (!Array.isArray(permissions)) return undefined;
  if (permissions.some((each) => typeof each !== 'string' || isUnknown(each) || each.includes('${'))) return undefined;
  return (permissions as string[]).filter((each) => !INERT_KEY_PERMISSIONS.has(each.trim().toLowerCase()));
}

/**
 * The vaults of the customer-managed keys among the perimeter's objects (keyObjects marks them exact), and for a key given by a
 * value known only at apply time (any key of any vault) any vault that may hold it: its pattern cut to the vault (79th run, A79b-2).
 */
function keyVaults(objects: readonly PerimeterObject[]): readonly PerimeterObject[] {
  return objects.filter((object) => object.kind === 'key').flatMap((object): PerimeterObject[] => {
    if (object.exact === true) return [object];
    const later = object.later;
    const at = later?.segments.lastIndexOf('keys') ?? -1;
    if (later === undefined || at < 2 || later.segments[at - 2] !== 'vaults') return [];
    const vault = { lookups: GIVEN_TYPES.keyVault.lookups, segments: later.segments.slice(0, at), exact: true, ...(later.given === undefined ? {} : { given: later.given }) };
    return [{ kind: 'key', what: `a Key Vault that may hold ${object.what}`, addresses: [], ids: [], values: [], exact: true, later: vault }];
  });
}

/** Whether a pointer is wholly known only at apply time: no reading of it spells any literal part of an ID (`var.vault_id`). */
function whollyLater(pointer: unknown, stack: StackFacts | undefined): boolean {
  return isUnknown(pointer) && (expressionReadings(pointer, stack) ?? []).every((text) => !text.includes(ANYTHING) && idKey(text).replace(/[*/]/g, '') === '');
}

/** Whether a vault object is a vault block of the stack: by its address, or as a vault given later its ID may be (A79b-1/2). */
function isVault(vault: PerimeterObject, block: ResourceView, stack: StackFacts | undefined): boolean {
  const id = `${block.address}.id`;
  return vault.addresses.includes(block.address) || (vault.later !== undefined && reachOf(vault, new Unknown(id, [id]), stack) === 'is');
}

function verdict(address: string, permissions: unknown, vault: PerimeterObject): Verdict | undefined {
  const weakening = weakeningKeyPermissions(permissions);
  if (weakening === undefined) return unknown(`the key permissions of ${address} are known only at apply time, and may delete, disable or rotate keys of ${vault.what}`, address);
  if (weakening.length === 0) return undefined;
  return fail(`${address} grants the key permissions ${weakening.map((each) => JSON.stringify(each)).join(', ')} on ${vault.what}: its principal can delete, disable, rotate or replace the key, and the server becomes unavailable or its encryption changes, with no justification.`, address);
}

/** Every access policy the stack writes on the vault of a customer-managed key of the server that weakens the key (or may). */
export function keyAccessPolicies(objects: readonly PerimeterObject[], stack: StackFacts | undefined): Verdict[] {
  const vaults = keyVaults(objects);
  if (vaults.length === 0) return [];
  const on = (pointer: unknown) => vaults.find((vault) => reachOf(vault, pointer, stack) === 'is');
  // A vault block's own access_policy blocks (written, or dynamic), when the block is the key's vault.
  const inline = resourcesOfType(stack, 'azurerm_key_vault').flatMap((block: ResourceView) => {
    const vault = vaults.find((each) => isVault(each, block, stack));
    if (vault === undefined) return [];
    const written = block.config.access_policy;
    const policies = isUnknown(written) ? [written] : [...(Array.isArray(written) ? written : written === undefined ? [] : [written]), ...dynamicContents(block.config, 'access_policy')];
    const permissions = policies.map((policy) => (isUnknown(policy) || typeof policy !== 'object' || policy === null ? policy : (policy as { readonly [key: string]: unknown }).key_permissions));
    const found = permissions.map((each) => verdict(block.address, each, vault)).filter((each): each is Verdict => each !== undefined);
    // One verdict per vault block: a policy that weakens, else one that may.
    const first = found.find((each) => each.status === 'fail') ?? found[0];
    return first === undefined ? [] : [first];
  });
  // Every writer of an access policy, read as an azurerm_key_vault_access_policy (role-grants.ts).
  const separate = accessPolicyGrants(stack).flatMap((policy) => {
    const pointer = policy.config.key_vault_id;
    // A policy names one vault: one wholly known only at apply time may be the key's (79th run, A79b-3), as beside a vaulted password.
    const vault = on(pointer) ?? (whollyLater(pointer, stack) ? { ...vaults[0], what: `${String(pointer)}, a vault known only at apply time that may be ${vaults[0].what}` } : undefined);
    const found = vault === undefined ? undefined : verdict(policy.address, policy.config.key_permissions, vault);
    return found === undefined ? [] : [found];
  });
  return [...inline, ...separate];
}
