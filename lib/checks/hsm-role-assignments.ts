import { nameKey } from './azure-keys';
import { resourcesOfType } from './beside-construct';
import { isUnknown, Unknown } from './hcl-expression';
import { PerimeterObject, reachOf } from './perimeter-objects';
import { fail, StackFacts, unknown, Verdict } from './rule';
import { ResourceView } from './stack-model';

// A Managed HSM's own role assignments (its local RBAC, azurerm_key_vault_managed_hardware_security_module_role_assignment) on the
// HSM of the server's customer-managed key: in the HSM's model a local role is what a Key Vault access policy is to a vault
// (key-access-policies.ts). Azure RBAC governs only the HSM's control plane (create, update, delete it: PG-IAM-2's role table);
// who may delete, purge, rotate or export its keys, and who may grant that, is a local role at "/", "/keys" or "/keys/<name>"
// (Microsoft Learn, "Local RBAC built-in roles for Managed HSM": Crypto User manages keys but for purge, Crypto Officer purges and
// manages roles, Administrator and Policy Administrator manage role assignments).

/** Built-in local roles (their IDs, lower case) that change neither the key nor who may: each with its name and why. */
export const INERT_HSM_ROLES: ReadonlyMap<string, string> = new Map([
  ['33413926-3206-4cdd-b39a-83574fe37a17', 'Managed HSM Crypto Service Encryption User: uses a key for service encryption (the server\'s identity needs it)'],
  ['2c18b078-7c48-4d3a-af88-5a3a1b3f82b3', 'Managed HSM Crypto Auditor: reads key attributes'],
  ['7b127d3c-77bd-4e3e-bbe0-dbb8971fa7f8', 'Managed HSM Backup: a backup only the HSM restores, while the key is absent (as a vault\'s Backup permission)'],
]);

/** Built-in local roles that delete, purge, rotate or replace a key, or grant themselves that, by ID (lower case): their names. */
export const WEAKENING_HSM_ROLES: ReadonlyMap<string, string> = new Map([
  ['a290e904-7015-4bba-90c8-60543313cdb4', 'Managed HSM Administrator'],
  ['515eb02d-2335-4d2d-92f2-b1cbdf9c3778', 'Managed HSM Crypto Officer'],
  ['21dbd100-6940-42c2-9190-5d6cb909625b', 'Managed HSM Crypto User'],
  ['4bd23610-cdcf-4971-bdee-bdc562cc28e4', 'Managed HSM Policy Administrator'],
]);

/** Data actions of a custom local role that change no key (lower case): reading it, using it, backing it up. */
const INERT_DATA_ACTIONS = new Set(['read', 'wrap', 'unwrap', 'encrypt', 'decrypt', 'sign', 'verify', 'backup', 'release']
  .map((operation) => `microsoft.keyvault/managedhsm/keys/${operation}/action`));

/** The role definition GUID at the end of a local role definition ID ("/providers/Microsoft.Authorization/roleDefinitions/<id>"). */
const ROLE_ID = /\/roledefinitions\/([0-9a-f-]{36})\/?$/i;
/** A reference to a local role definition block's ID: group 1 the block, group 2 its type. */
const ROLE_REFERENCE = /^((data\.)?azurerm_key_vault_managed_hardware_security_module_role_definition\.[^.[\]]+)\.(?:resource_manager_id|id)$/;

type Role = { readonly state: 'inert' } | { readonly state: 'weakens'; readonly name: string } | { readonly state: 'unknown'; readonly why: string };

/** What a local role definition ID grants: a built-in role by its ID, a custom role of the stack by its data actions. */
function roleOf(definition: unknown, stack: StackFacts | undefined): Role {
  if (typeof definition === 'string') return byId(ROLE_ID.exec(definition.trim())?.[1], definition);
  const reference = isUnknown(definition) && definition.isPlainReference ? ROLE_REFERENCE.exec(definition.references[0]) : null;
  const block = reference === null ? undefined : reference[2] === undefined ? stack?.resources?.get(reference[1]) : stack?.lookups?.get(reference[1]);
  if (block === undefined) return { state: 'unknown', why: `its role_definition_id ${String(definition)} is known only at apply time` };
  // A built-in role looked up by its ID (the data source's name).
  if (reference![2] !== undefined) return typeof block.config.name === 'string' && !isUnknown(block.config.name) ? byId(block.config.name.trim(), block.address) : { state: 'unknown', why: `the name of ${block.address} is known only at apply time` };
  return customRole(block);
}

function byId(id: string | undefined, written: string): Role {
  const key = id?.toLowerCase() ?? '';
  if (INERT_HSM_ROLES.has(key)) return { state: 'inert' };
  const name = WEAKENING_HSM_ROLES.get(key);
  return name === undefined ? { state: 'weakens', name: `the role ${JSON.stringify(written)}, no built-in role known to leave keys as written` } : { state: 'weakens', name };
}

/** A custom local role of the stack: inert when every data action it grants is (no wildcard, no action a later provider adds). */
function customRole(block: ResourceView): Role {
  const permissions = block.config.permission;
  if (isUnknown(permissions) || block.config.dynamic !== undefined) return { state: 'unknown', why: `the permissions of ${block.address} are known only at apply time` };
  const actions = (Array.isArray(permissions) ? permissions : permissions === undefined ? [] : [permissions]).flatMap((permission): unknown[] => {
    if (typeof permission !== 'object' || permission === null || isUnknown(permission)) return [permission];
    const data = (permission as { readonly [key: string]: unknown }).data_actions;
    return Array.isArray(data) ? data : data === undefined || data === null ? [] : [data];
  });
  if (actions.some((action) => typeof action !== 'string' || isUnknown(action) || action.includes('${'))) return { state: 'unknown', why: `the data actions of ${block.address} are known only at apply time` };
  const weakening = (actions as string[]).filter((action) => !INERT_DATA_ACTIONS.has(action.trim().toLowerCase()));
  return weakening.length === 0 ? { state: 'inert' } : { state: 'weakens', name: `${block.address} (data actions ${weakening.map((each) => JSON.stringify(each)).join(', ')})` };
}

/**
 * Whether a local scope reaches a customer-managed key: "/" and "/keys" hold every key, "/keys/<name>" the key of that name, or
 * any key whose name the stack does not know (a key given by a variable); a scope known only at apply time may be any.
 */
function scopeReaches(scope: unknown, names: readonly string[] | undefined): boolean | undefined {
  if (typeof scope !== 'string' || isUnknown(scope)) return undefined;
  const segments = scope.split('/').filter((segment) => segment.trim() !== '');
  if (segments.length === 0 || (segments.length === 1 && nameKey(segments[0]) === 'keys')) return true;
  if (nameKey(segments[0]) !== 'keys') return false;
  return names === undefined || names.includes(nameKey(segments.slice(1).join('/')));
}

/** The names of the customer-managed keys among the objects, or undefined when one may be any key. */
function keyNames(objects: readonly PerimeterObject[]): readonly string[] | undefined {
  const keys = objects.filter((object) => object.kind === 'key' && object.exact !== true);
  if (keys.some((key) => key.later !== undefined || key.ids.length === 0)) return undefined;
  return keys.flatMap((key) => key.ids.map((id) => id.split('/').pop() ?? ''));
}

/**
 * The types of a Managed HSM's local role assignment: azurerm 4's, and the names azurerm 3 (within the peer range) gave it, which
 * name the HSM by its `vault_base_url` (81st run, A81b-1).
 */
const HSM_ROLE_ASSIGNMENTS = ['azurerm_key_vault_managed_hardware_security_module_role_assignment', 'azurerm_key_vault_role_assignment'];

/** A Managed HSM's data-plane URL: group 1 its name. */
const HSM_URL = /^\s*https:\/\/([a-z0-9-]+)\.managedhsm\.[a-z0-9.-]+\.?(?::443)?\/?\s*$/i;

/** The HSM an assignment names: its `managed_hsm_id`, or its `vault_base_url`'s HSM as an ID by its name (any group and subscription). */
function hsmPointer(config: ResourceView['config']): unknown {
  if (config.managed_hsm_id !== undefined) return config.managed_hsm_id;
  const url = config.vault_base_url;
  const name = typeof url === 'string' ? HSM_URL.exec(url)?.[1] : undefined;
  return name === undefined ? url : `/subscriptions/?/resourceGroups/?/providers/Microsoft.KeyVault/managedHSMs/${name.toLowerCase()}`;
}

/** Whether a key object may be in the HSM a URL known only at apply time names: a key of any container, or one in a Managed HSM. */
function mayBeInHsm(key: PerimeterObject, url: Unknown): boolean {
  const named = (id: string) => id.includes('/microsoft.keyvault/managedhsms/');
  return key.later !== undefined || key.ids.some(named) || url.references.some((reference) => key.addresses.some((address) => reference.startsWith(`${address}.`)));
}

/** Every local role assignment of a Managed HSM that holds a customer-managed key of the server and may weaken the key. */
export function hsmRoleAssignments(objects: readonly PerimeterObject[], stack: StackFacts | undefined): Verdict[] {
  const keys = objects.filter((object) => object.kind === 'key');
  if (keys.length === 0) return [];
  const names = keyNames(keys);
  return HSM_ROLE_ASSIGNMENTS.flatMap((type) => resourcesOfType(stack, type)).flatMap((assignment): Verdict[] => {
    const pointer = hsmPointer(assignment.config);
    const on = keys.find((key) => reachOf(key, pointer, stack) !== undefined)
      // An HSM URL known only at apply time (of an HSM of the stack, or any) may be the key's HSM (81st run, A81b-1).
      ?? (isUnknown(pointer) && assignment.config.managed_hsm_id === undefined ? keys.find((key) => mayBeInHsm(key, pointer)) : undefined);
    if (on === undefined) return [];
    const reaches = scopeReaches(assignment.config.scope, names);
    if (reaches === false) return [];
    const role = roleOf(assignment.config.role_definition_id, stack);
    if (role.state === 'inert') return [];
    const where = on.exact === true ? on.what : `the Managed HSM that holds ${on.what}`;
    if (role.state === 'unknown') return [unknown(`${assignment.address} grants a local role on ${where} that the pack cannot read (${role.why}): it may delete, purge, rotate or export the key`, assignment.address)];
    if (reaches === undefined) return [unknown(`${assignment.address} grants ${role.name} on ${where} at a scope known only at apply time, which may hold the key`, assignment.address)];
    return [fail(`${assignment.address} grants ${role.name} on ${where} (scope ${JSON.stringify(assignment.config.scope)}): its principal can delete, purge, rotate or export the key, or grant itself that, and the server becomes unavailable or its encryption changes, with no justification.`, assignment.address)];
  });
}
