// Loads no cdktf: the roleAssignments prop and the check command (PG-IAM-2) read the same list.

import {
  ASSIGNS_IDENTITY, CHANGES_EVENT_HUB, CHANGES_KEY, CHANGES_LOGS, CHANGES_POLICY, CHANGES_THE_SERVER, EXPORTS_BACKUPS, GRANTS_SECRETS, READS_SECRETS, REMOVES_LOCK, REWRITES_NETWORK,
  RoleEffect, RoleEffects, STOPS_LOG_EXPORT,
} from './role-actions';

/** A built-in role that can change or delete the server, grant access to it, stop its logs or lift its guards (policy, delete lock). */
export interface PrivilegedRole {
  readonly name: string;
  /** The GUID of its definition, in lower case. */
  readonly id: string;
  readonly can: string;
}

/** Built-in roles that can change or delete the server, grant access to it, stop its logs or lift its guards, by name and definition GUID. */
export const PRIVILEGED_ROLES: readonly PrivilegedRole[] = [
  { name: 'Owner', id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', can: CHANGES_THE_SERVER },
  { name: 'Contributor', id: 'b24988ac-6180-42a0-ab88-20f7382dd24c', can: CHANGES_THE_SERVER },
  { name: 'User Access Administrator', id: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', can: CHANGES_THE_SERVER },
  { name: 'Role Based Access Control Administrator', id: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168', can: CHANGES_THE_SERVER },
  { name: 'Monitoring Contributor', id: '749f88d5-cbae-40b8-bcfc-e573ddc772fa', can: STOPS_LOG_EXPORT },
  { name: 'Log Analytics Contributor', id: '92aaf0da-9dab-42b6-94a3-d43ce8d16293', can: STOPS_LOG_EXPORT },
  { name: 'PostgreSQL Flexible Server Long Term Retention Backup Role', id: 'c088a766-074b-43ba-90d4-1fb21feae531', can: EXPORTS_BACKUPS },
  { name: 'Resource Policy Contributor', id: '36243c78-bf99-498c-9df9-86d9f8d28608', can: CHANGES_POLICY },
  { name: 'Monitoring Policy Contributor', id: '47be4a87-7950-4631-9daf-b664a405f074', can: STOPS_LOG_EXPORT },
  { name: 'Storage Account Contributor', id: '17d1049b-9a84-46fb-8f53-869881c3d3ab', can: STOPS_LOG_EXPORT },
  { name: 'Security Admin', id: 'fb1c8493-542b-48eb-b624-b4c8fea62acd', can: CHANGES_POLICY },
  { name: 'Storage Account Backup Contributor', id: 'e5e2a7ff-d759-4cd2-bb51-3152d37e2eb1', can: REMOVES_LOCK },
  // Microsoft.Authorization/locks/* and nothing else (adversarial run of stop 81, D81-94).
  { name: 'Locks Contributor', id: '28bf596f-4eb7-45ce-b5bc-6cf482fec137', can: REMOVES_LOCK },
];

/** The privileged roles that can change the server's resources or grant access to them (Owner, Contributor, ...). */
function serverChangers(): PrivilegedRole[] {
  return PRIVILEGED_ROLES.filter((role) => role.can === CHANGES_THE_SERVER);
}

/** Owner and Contributor hold every action (`*`): they do what a role of any list does, not only grant it to themselves. */
const EVERY_ACTION = ['Owner', 'Contributor'];

/** The roles that change the server's resources or grant access, each saying what it can do on another object: by every action, or by granting itself a role. */
function serverChangersThat(can: string, grants: string): PrivilegedRole[] {
  return serverChangers().map((role) => ({ ...role, can: EVERY_ACTION.includes(role.name) ? can : grants }));
}

/**
 * Built-in roles that can rewrite a network resource of the construct's server (the delegated
 * subnet, its network security group, the private DNS zone): the roles that change the server's
 * resources or grant access, and the network roles (Microsoft.Network/*, privateDnsZones/*).
 */
export const NETWORK_ROLES: readonly PrivilegedRole[] = [
  ...serverChangers().map((role) => ({ ...role, can: REWRITES_NETWORK })),
  { name: 'Network Contributor', id: '4d97b98b-1d4f-4787-a291-c67834d212e7', can: REWRITES_NETWORK },
  { name: 'Private DNS Zone Contributor', id: 'b12aa53e-6015-4669-85d0-8515ebb3ae7f', can: REWRITES_NETWORK },
];

// Key Vault data roles carry Microsoft.KeyVault/vaults/secrets/getSecret/action (Secrets User, Secrets Officer,
// Certificate User, Administrator: vaults/*); the others can grant it to themselves: a role assignment (Owner, User Access
// Administrator, Role Based Access Control Administrator, Key Vault Data Access Administrator) or an access
// policy on a vault of that model (Microsoft.KeyVault/vaults/write: Contributor, Key Vault Contributor).

/** Built-in roles that read, or can grant themselves reading, the value of a Key Vault secret in their scope. */
const SECRET_READING_ROLES: readonly PrivilegedRole[] = [
  { name: 'Key Vault Secrets User', id: '4633458b-17de-408a-b874-0445c86b69e6', can: READS_SECRETS },
  { name: 'Key Vault Secrets Officer', id: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7', can: READS_SECRETS },
  { name: 'Key Vault Administrator', id: '00482a5a-887f-4fb3-b363-3b7fe8e74483', can: READS_SECRETS },
  { name: 'Key Vault Certificate User', id: 'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba', can: READS_SECRETS },
  { name: 'Key Vault Data Access Administrator', id: '8b54135c-b56d-4d72-a534-26097cfdc8d8', can: GRANTS_SECRETS },
  { name: 'Key Vault Contributor', id: 'f25e0fa2-a7c8-4377-a976-54943a77a395', can: GRANTS_SECRETS },
  ...serverChangers().map((role) => ({ ...role, can: GRANTS_SECRETS })),
];

/** Built-in roles that can act as a user-assigned managed identity in their scope, or grant themselves that. */
const IDENTITY_ROLES: readonly PrivilegedRole[] = [
  { name: 'Managed Identity Operator', id: 'f1a07417-d97a-45cb-824c-7a7467783830', can: ASSIGNS_IDENTITY },
  { name: 'Managed Identity Contributor', id: 'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59', can: ASSIGNS_IDENTITY },
  ...serverChangersThat(ASSIGNS_IDENTITY, 'can grant itself a role that assigns the identity'),
];

// Data Purger holds workspaces/purge/action; Log Analytics Contributor workspaces/* (retention, tables, delete); the storage
// roles delete the blobs an export writes, or the account (sixteenth run, A16a-3).
/** Built-in roles that can purge, shorten or delete the server's logs where they are kept (a workspace, a storage account), or grant themselves that. */
const LOG_ROLES: readonly PrivilegedRole[] = [
  { name: 'Data Purger', id: '150f5e0c-0603-4f03-8c7f-cf70034c4e90', can: CHANGES_LOGS },
  { name: 'Log Analytics Contributor', id: '92aaf0da-9dab-42b6-94a3-d43ce8d16293', can: CHANGES_LOGS },
  { name: 'Storage Account Contributor', id: '17d1049b-9a84-46fb-8f53-869881c3d3ab', can: CHANGES_LOGS },
  { name: 'Storage Blob Data Contributor', id: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe', can: CHANGES_LOGS },
  { name: 'Storage Blob Data Owner', id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b', can: CHANGES_LOGS },
  // Microsoft.EventHub/* in actions and data actions: it deletes the hub the logs go to, or changes its retention and capture.
  { name: 'Azure Event Hubs Data Owner', id: 'f526a384-b230-433a-b45c-95f59c4a2dec', can: CHANGES_EVENT_HUB },
  ...serverChangersThat(CHANGES_LOGS, 'can grant itself a role that purges or deletes the server\'s logs'),
];

// Crypto Officer and Administrator hold vaults/keys/* (delete, update, rotate, purge); Crypto User keys/update/action (disable,
// expiry); Key Vault Contributor vaults/write and delete (an access policy, the vault); Data Access Administrator grants itself
// those. Crypto Service Encryption User (read, wrap, unwrap) is the server's own need and passes (queued, closing note 29).
/** Built-in roles that can disable, delete or rotate the server's customer-managed key (or its vault), or grant themselves that. */
const KEY_ROLES: readonly PrivilegedRole[] = [
  { name: 'Key Vault Crypto Officer', id: '14b46e9e-c2b7-41b4-b07b-48a6ebf60603', can: CHANGES_KEY },
  { name: 'Key Vault Administrator', id: '00482a5a-887f-4fb3-b363-3b7fe8e74483', can: CHANGES_KEY },
  { name: 'Key Vault Crypto User', id: '12338af0-0e69-4776-bea7-57ae8d297424', can: CHANGES_KEY },
  { name: 'Key Vault Contributor', id: 'f25e0fa2-a7c8-4377-a976-54943a77a395', can: CHANGES_KEY },
  { name: 'Key Vault Data Access Administrator', id: '8b54135c-b56d-4d72-a534-26097cfdc8d8', can: CHANGES_KEY },
  // Microsoft.KeyVault/managedHSMs/* and deletedManagedHsms/purge/action: it deletes and purges the Managed HSM of the key.
  { name: 'Managed HSM contributor', id: '18500a29-7fe2-46b2-a342-b16a415e101d', can: CHANGES_KEY },
  ...serverChangersThat(CHANGES_KEY, 'can grant itself a role that disables or deletes the server\'s customer-managed key'),
];

/** The built-in roles of each effect, by name and definition GUID. */
export const ROLES_BY_EFFECT: { readonly [effect in RoleEffect]: readonly PrivilegedRole[] } = {
  server: PRIVILEGED_ROLES,
  network: NETWORK_ROLES,
  secrets: SECRET_READING_ROLES,
  identity: IDENTITY_ROLES,
  logs: LOG_ROLES,
  key: KEY_ROLES,
};

/** The role with the effect a role name (any case) or definition ID is, if it is one: a built-in role of the effect's list, or a custom role of the stack with the effect. */
export function roleWithEffect(effect: RoleEffect, name: string | undefined, resourceId: string | undefined): PrivilegedRole | undefined {
  return customRole(name, resourceId, effect) ?? roleIn(ROLES_BY_EFFECT[effect], name, resourceId);
}

/** The role that can rewrite the server's network a role is, if it is one. */
export function networkRole(name: string | undefined, resourceId: string | undefined): PrivilegedRole | undefined {
  return roleWithEffect('network', name, resourceId);
}

/** The role that reads (or can grant itself reading) a vault's secrets a role is, if it is one. */
export function secretReadingRole(name: string | undefined, resourceId: string | undefined): PrivilegedRole | undefined {
  return roleWithEffect('secrets', name, resourceId);
}

/** The role that can act as a managed identity (or grant itself that) a role is, if it is one. */
export function identityRole(name: string | undefined, resourceId: string | undefined): PrivilegedRole | undefined {
  return roleWithEffect('identity', name, resourceId);
}

/** Built-in roles that only read, by name and definition GUID: they need no warning. */
export const READ_ONLY_ROLES: readonly { readonly name: string; readonly id: string }[] = [
  { name: 'Reader', id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' },
  { name: 'Monitoring Reader', id: '43d0d8ad-25c7-4714-9337-8ba259a9fe05' },
  { name: 'Log Analytics Reader', id: '73c42c96-874c-492b-b04d-ab87d138a893' },
];

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/**
 * A role definition's resource ID at any scope (none, a subscription, a resource group, a management group, a resource): ARM reads a definition at any scope by its GUID, the last segment (seventeenth review, A17a-1).
 */
export const ROLE_DEFINITION_ID = new RegExp(`^((?:/[^/\\s]+)*)/providers/Microsoft\\.Authorization/roleDefinitions/(${GUID})$`, 'i');
/** A role definition's bare GUID, as Lighthouse authorizations write it. */
const BARE_GUID = new RegExp(`^(${GUID})$`);

/**
 * The GUID of a role definition ID, in lower case, or undefined when it is not one: the one parser every reader of a role's
 * definition ID goes through. It reads the ID trimmed, at any scope, in any case, with a final slash, and a bare GUID.
 */
export function roleDefinitionGuid(resourceId: string | undefined): string | undefined {
  const text = resourceId?.trim().replace(/\/$/, '');
  // Stryker disable next-line ConditionalExpression: equivalent: exec(undefined) reads the text "undefined", which is no definition ID
  if (text === undefined) return undefined;
  return (ROLE_DEFINITION_ID.exec(text)?.[2] ?? BARE_GUID.exec(text)?.[1])?.toLowerCase();
}

/** The privileged built-in role a role name (any case) or definition ID is, if it is one. */
export function privilegedRole(name: string | undefined, resourceId: string | undefined): PrivilegedRole | undefined {
  return roleWithEffect('server', name, resourceId);
}

/**
 * A custom role the stack defines travels as the definition ID customRoleId spells from its effects (role-grants.ts
 * reads the definition): no Azure definition ID has this form, so it is never a built-in role's.
 */
const CUSTOM_ROLE = 'custom-role:';

/** The definition ID a grant of a custom role of the stack carries: its effects, read from its permissions. */
export function customRoleId(effects: RoleEffects): string {
  return `${CUSTOM_ROLE}${JSON.stringify(effects)}`;
}

/** Whether a definition ID has the form of customRoleId. */
export function isCustomRoleId(resourceId: string): boolean {
  return resourceId.trim().startsWith(CUSTOM_ROLE);
}

/** The custom role a definition ID of customRoleId stands for, when it has the effect. */
function customRole(name: string | undefined, resourceId: string | undefined, effect: RoleEffect): PrivilegedRole | undefined {
  if (resourceId === undefined || !isCustomRoleId(resourceId)) return undefined;
  const can = effectsOf(resourceId.trim().slice(CUSTOM_ROLE.length))?.[effect];
  return typeof can !== 'string' ? undefined : { name: name ?? 'a custom role of the stack', id: resourceId, can };
}

function effectsOf(text: string): RoleEffects | undefined {
  try {
    return JSON.parse(text) as RoleEffects;
  } catch {
    return undefined;
  }
}

/** The role of a list a role name (any case) or definition ID is, if it is one. */
function roleIn<Role extends { readonly name: string; readonly id: string }>(roles: readonly Role[], name: string | undefined, resourceId: string | undefined): Role | undefined {
  const guid = roleDefinitionGuid(resourceId);
  return roles.find((role) => role.name.toLowerCase() === name?.toLowerCase() || role.id === guid);
}

/**
 * True when the library knows the role (privileged or read-only) by its name (any case) or
 * definition ID. Any other role may be a custom one: azurerm resolves custom role names too, and
 * the library cannot see its actions.
 */
export function isKnownBuiltInRole(name: string | undefined, resourceId: string | undefined): boolean {
  return roleIn([...PRIVILEGED_ROLES, ...READ_ONLY_ROLES], name, resourceId) !== undefined;
}
