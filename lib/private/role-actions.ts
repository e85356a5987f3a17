// Loads no cdktf. A custom role the stack defines is judged by its permissions (fifteenth review, A15a-3): each
// effect the built-in role lists stand for (privileged-roles.ts) is a set of Azure operations, and a custom role has
// the effect when one of its actions (wildcards included) may be one of them and no not-action takes it away.

/** The effects the role lists judge: on the server (PRIVILEGED_ROLES), its network, a vault's secrets, a managed identity, where its logs are kept, its customer-managed key. */
export type RoleEffect = 'server' | 'network' | 'secrets' | 'identity' | 'logs' | 'key';

/** An Azure operation (a pattern: `*` may stand for any text) that has an effect, and what its holder can do, as a message says it. */
interface Operation {
  readonly operation: string;
  readonly effects: readonly RoleEffect[];
  /** A data action (dataActions), not a control-plane action. */
  readonly data?: boolean;
  readonly can: string;
}

export const CHANGES_THE_SERVER = 'can change or delete the server or grant access to it';
// Deleting the diagnostic setting that sends the server's audit logs away leaves no trace in them.
export const STOPS_LOG_EXPORT = 'can switch off the server\'s log export (Microsoft.Insights/diagnosticSettings/*)';
// Long term retention backups go to storage of the holder's choosing: a full copy of the data.
export const EXPORTS_BACKUPS = 'can export full backups of the server\'s data (long term retention backups)';
// Policy assignments and exemptions at the server switch off the platform's guardrails for it.
export const CHANGES_POLICY = 'can assign or exempt Azure Policy on the server (Microsoft.Authorization/policyAssignments/*, policyExemptions/*)';
// A lock on the server is a child of its scope: the holder can delete the CanNotDelete lock, then the server.
export const REMOVES_LOCK = 'can remove the server\'s delete lock (Microsoft.Authorization/locks/write, locks/delete)';
export const REWRITES_NETWORK = 'can rewrite the server\'s network (its subnet, security group, private endpoint or DNS zone)';
export const READS_SECRETS = 'reads the values of its secrets';
export const GRANTS_SECRETS = 'can grant itself reading the values of its secrets (a role assignment or an access policy)';
// Managed Identity Operator holds userAssignedIdentities/*/assign/action: its holder attaches the identity to a workload of
// its own and gets tokens as it; Managed Identity Contributor can also add a federated credential to it (fifteenth review, A15a-10).
export const ASSIGNS_IDENTITY = 'can attach the identity to a workload of its own, or add a credential to it, and act as it';
// The server's logs stay where they are kept only while nobody can purge them, shorten their retention or delete the store (A16a-3).
export const CHANGES_LOGS = 'can purge the server\'s logs where they are kept, shorten their retention or delete the store (a workspace\'s purge, retention, tables; a storage account\'s blobs and lifecycle)';
// An event hub destination: deleting the namespace or the hub, changing its retention or capture, or a Manage key (which does
// all of that over SAS) loses the logs on their way (queued, closing note 29).
export const CHANGES_EVENT_HUB = 'can delete the event hub or its namespace, or change its retention or capture, where the server\'s logs go (Microsoft.EventHub)';
// The server reads its data encryption key through the customer-managed key: disabled, deleted, expired or rotated to a key
// its identity cannot use, the server becomes unavailable; a vault deleted or an access policy rewritten does the same.
export const CHANGES_KEY = 'can disable, delete, purge, rotate or replace the server\'s customer-managed key (or delete its vault, or grant itself that): the server becomes unavailable or its encryption changes';

/** Whoever can write role assignments grants itself every effect. */
const GRANTS_ANY: readonly RoleEffect[] = ['server', 'network', 'secrets', 'identity', 'logs', 'key'];

/** The operations of each effect, one row per operation (Azure's resource provider operations). */
export const EFFECT_OPERATIONS: readonly Operation[] = [
  { operation: 'Microsoft.Authorization/roleAssignments/write', effects: GRANTS_ANY, can: CHANGES_THE_SERVER },
  ...['flexibleServers', 'servers'].flatMap((kind) => ['write', 'delete', 'firewallRules/write', 'configurations/write', 'administrators/write', 'virtualNetworkRules/write', 'privateEndpointConnections/write']
    .map((tail): Operation => ({ operation: `Microsoft.DBforPostgreSQL/${kind}/${tail}`, effects: ['server', 'network'], can: CHANGES_THE_SERVER }))),
  { operation: 'Microsoft.DBforPostgreSQL/flexibleServers/startLtrBackup/action', effects: ['server'], can: EXPORTS_BACKUPS },
  { operation: 'Microsoft.DBforPostgreSQL/flexibleServers/ltrPreBackup/action', effects: ['server'], can: EXPORTS_BACKUPS },
  { operation: 'Microsoft.Insights/diagnosticSettings/write', effects: ['server'], can: STOPS_LOG_EXPORT },
  { operation: 'Microsoft.Insights/diagnosticSettings/delete', effects: ['server'], can: STOPS_LOG_EXPORT },
  { operation: 'Microsoft.Authorization/policyAssignments/write', effects: ['server'], can: CHANGES_POLICY },
  { operation: 'Microsoft.Authorization/policyExemptions/write', effects: ['server'], can: CHANGES_POLICY },
  { operation: 'Microsoft.Authorization/locks/write', effects: ['server'], can: REMOVES_LOCK },
  { operation: 'Microsoft.Authorization/locks/delete', effects: ['server'], can: REMOVES_LOCK },
  ...['networkSecurityGroups/write', 'networkSecurityGroups/securityRules/write', 'virtualNetworks/write', 'virtualNetworks/subnets/write', 'routeTables/write', 'routeTables/routes/write',
    'privateEndpoints/write', 'privateDnsZones/write', 'privateDnsZones/A/write', 'privateDnsZones/CNAME/write', 'privateDnsZones/virtualNetworkLinks/write']
    .map((tail): Operation => ({ operation: `Microsoft.Network/${tail}`, effects: ['network'], can: REWRITES_NETWORK })),
  { operation: 'Microsoft.KeyVault/vaults/secrets/getSecret/action', effects: ['secrets'], data: true, can: READS_SECRETS },
  { operation: 'Microsoft.KeyVault/vaults/secrets/backup/action', effects: ['secrets'], data: true, can: READS_SECRETS },
  { operation: 'Microsoft.KeyVault/vaults/write', effects: ['secrets'], can: GRANTS_SECRETS },
  { operation: 'Microsoft.KeyVault/vaults/accessPolicies/write', effects: ['secrets'], can: GRANTS_SECRETS },
  // Managed Identity Operator holds userAssignedIdentities/*/assign/action; the operation itself is userAssignedIdentities/assign/action.
  { operation: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', effects: ['identity'], can: ASSIGNS_IDENTITY },
  { operation: 'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action', effects: ['identity'], can: ASSIGNS_IDENTITY },
  { operation: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write', effects: ['identity'], can: ASSIGNS_IDENTITY },
  ...['write', 'delete', 'purge/action', 'tables/write', 'tables/delete', 'linkedStorageAccounts/write', 'dataExports/write']
    .map((tail): Operation => ({ operation: `Microsoft.OperationalInsights/workspaces/${tail}`, effects: ['logs'], can: CHANGES_LOGS })),
  // An account key (listKeys) is every data action on the account's blobs.
  ...['write', 'delete', 'listKeys/action', 'regenerateKey/action', 'managementPolicies/write', 'blobServices/write', 'blobServices/containers/write', 'blobServices/containers/delete',
    'blobServices/containers/immutabilityPolicies/delete', 'blobServices/containers/immutabilityPolicies/write']
    .map((tail): Operation => ({ operation: `Microsoft.Storage/storageAccounts/${tail}`, effects: ['logs'], can: CHANGES_LOGS })),
  { operation: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete', effects: ['logs'], data: true, can: CHANGES_LOGS },
  { operation: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write', effects: ['logs'], data: true, can: CHANGES_LOGS },
  ...['write', 'delete', 'eventhubs/write', 'eventhubs/delete', 'authorizationRules/write', 'authorizationRules/delete', 'authorizationRules/listKeys/action', 'authorizationRules/regenerateKeys/action',
    'eventhubs/authorizationRules/write', 'eventhubs/authorizationRules/listKeys/action', 'eventhubs/authorizationRules/regenerateKeys/action', 'networkRuleSets/write']
    .map((tail): Operation => ({ operation: `Microsoft.EventHub/namespaces/${tail}`, effects: ['logs'], can: CHANGES_EVENT_HUB })),
  // The customer-managed key: the vault (deleted, its access policies rewritten), the key (a new version by ARM).
  ...['vaults/write', 'vaults/delete', 'vaults/accessPolicies/write', 'vaults/keys/write', 'locations/deletedVaults/purge/action',
    // Or the Managed HSM that holds it (its keys' lifecycle is its local RBAC's: hsm-role-assignments.ts).
    'managedHSMs/write', 'managedHSMs/delete', 'managedHSMs/keys/write', 'locations/deletedManagedHsms/purge/action']
    .map((tail): Operation => ({ operation: `Microsoft.KeyVault/${tail}`, effects: ['key'], can: CHANGES_KEY })),
  ...['keys/delete', 'keys/update/action', 'keys/create/action', 'keys/import/action', 'keys/rotate/action', 'keys/restore/action', 'deletedKeys/delete', 'keyrotationpolicies/write']
    .map((tail): Operation => ({ operation: `Microsoft.KeyVault/vaults/${tail}`, effects: ['key'], data: true, can: CHANGES_KEY })),
];

/**
 * Resource provider namespaces of the judged effects, and the effects an action there may have: one that writes (not a
 * read) and that is neither an operation of the table nor inert may be one the table does not list, so it fails closed.
 */
const JUDGED_NAMESPACES: { readonly [namespace: string]: readonly RoleEffect[] } = {
  'microsoft.dbforpostgresql/': GRANTS_ANY,
  'microsoft.authorization/': GRANTS_ANY,
  'microsoft.network/': GRANTS_ANY,
  'microsoft.keyvault/': GRANTS_ANY,
  'microsoft.managedidentity/': GRANTS_ANY,
  // The stores of the server's logs: an unknown write there reaches the logs only.
  'microsoft.operationalinsights/': ['logs'],
  'microsoft.storage/': ['logs'],
  'microsoft.eventhub/': ['logs'],
};

/** Data actions of the judged effects' data planes: one that is neither read, an operation of the table nor inert may be one the table does not list. */
const JUDGED_DATA_NAMESPACES: { readonly [namespace: string]: readonly RoleEffect[] } = {
  'microsoft.keyvault/vaults/keys/': ['key'],
  'microsoft.keyvault/vaults/deletedkeys/': ['key'],
  'microsoft.keyvault/vaults/keyrotationpolicies/': ['key'],
};

/** Actions of the judged namespaces that change nothing the rules judge, each with why. */
export const INERT_ACTIONS: readonly { readonly action: string; readonly why: string }[] = [
  { action: 'Microsoft.Network/virtualNetworks/subnets/join/action', why: 'places a resource of the holder\'s in a subnet; the subnet\'s rules and security group stay as written' },
  { action: 'Microsoft.Network/virtualNetworks/subnets/joinViaServiceEndpoint/action', why: 'uses a subnet\'s service endpoint; changes no rule' },
  { action: 'Microsoft.Network/virtualNetworks/join/action', why: 'peers or places into a network of the holder\'s side; the server\'s rules stay as written' },
  { action: 'Microsoft.KeyVault/vaults/deploy/action', why: 'lets ARM deployments read secrets referenced in their own templates only' },
  { action: 'Microsoft.OperationalInsights/workspaces/search/action', why: 'runs a query over the workspace: reads its logs, changes none' },
  { action: 'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action', why: 'a delegation key signs SAS tokens with no more than the holder\'s own data actions' },
  { action: 'Microsoft.EventHub/namespaces/eventhubs/consumergroups/write', why: 'adds a reader of the hub\'s events; the hub, its retention and capture stay as written' },
];

/** Data actions of the judged data planes that change nothing the rules judge, each with why. */
export const INERT_DATA_ACTIONS: readonly { readonly action: string; readonly why: string }[] = [
  ...['encrypt', 'decrypt', 'wrap', 'unwrap', 'sign', 'verify'].map((operation) => ({ action: `Microsoft.KeyVault/vaults/keys/${operation}/action`, why: 'uses the key: the key, its versions and its state stay as written (the server\'s identity needs wrap and unwrap)' })),
  { action: 'Microsoft.KeyVault/vaults/keys/backup/action', why: 'exports a blob only Key Vault can restore, and only while the key is absent; the key stays as written' },
  { action: 'Microsoft.KeyVault/vaults/keys/release/action', why: 'hands the key to an attested environment under its release policy; the key and the server\'s access stay as written' },
  { action: 'Microsoft.KeyVault/vaults/keys/recover/action', why: 'undoes a deletion: it restores the server\'s key, changes none' },
];

/** The permissions of one custom role, as its definition writes them (lists of literal action patterns). */
export interface RolePermissions {
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
}

/** What a custom role can do, per effect: the text a message says (the action that gives it), or undefined. */
export type RoleEffects = { readonly [effect in RoleEffect]?: string };

/** The effects of a custom role's permissions (the union of its permission blocks). */
export function customRoleEffects(permissions: readonly RolePermissions[]): RoleEffects {
  const effects: { [effect in RoleEffect]?: string } = {};
  for (const block of permissions) {
    for (const row of EFFECT_OPERATIONS) {
      const [granted, denied] = row.data === true ? [block.dataActions, block.notDataActions] : [block.actions, block.notActions];
      const action = granted.find((each) => mayMatch(each, row.operation));
      if (action === undefined || denied.some((each) => covers(each, row.operation))) continue;
      for (const effect of row.effects) effects[effect] = effects[effect] ?? `${row.can} (its action ${JSON.stringify(action)})`;
    }
    // An action of a judged namespace the table does not know may have any of the namespace's effects.
    for (const action of block.actions) {
      if (isRead(action) || EFFECT_OPERATIONS.some((row) => mayMatch(action, row.operation)) || INERT_ACTIONS.some((inert) => covers(inert.action, action))) continue;
      for (const effect of namespaceEffects(action)) effects[effect] = effects[effect] ?? `may have any effect (its action ${JSON.stringify(action)} is one the checks do not know)`;
    }
    for (const action of block.dataActions) {
      if (isRead(action) || EFFECT_OPERATIONS.some((row) => row.data === true && mayMatch(action, row.operation)) || INERT_DATA_ACTIONS.some((inert) => covers(inert.action, action))) continue;
      for (const effect of namespaceEffects(action, JUDGED_DATA_NAMESPACES)) effects[effect] = effects[effect] ?? `may have any effect (its data action ${JSON.stringify(action)} is one the checks do not know)`;
    }
  }
  return effects;
}

function isRead(action: string): boolean {
  return /\/read$/i.test(action.trim());
}

/** The effects of the judged namespaces an action pattern may be in: it starts with one, or a wildcard stands where one may be. */
function namespaceEffects(action: string, namespaces = JUDGED_NAMESPACES): readonly RoleEffect[] {
  return Object.entries(namespaces).filter(([namespace]) => mayMatch(action, `${namespace}*`)).flatMap(([, effects]) => effects);
}

/** Whether two patterns (`*` for any text, any letter case) match a common operation. */
export function mayMatch(left: string, right: string): boolean {
  const [a, b] = [left.trim().toLowerCase(), right.trim().toLowerCase()];
  const memo = new Map<number, boolean>();
  const from = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === a.length && j === b.length) result = true;
    else if (i < a.length && a[i] === '*') result = from(i + 1, j) || (j < b.length && from(i, j + 1));
    else if (j < b.length && b[j] === '*') result = from(i, j + 1) || (i < a.length && from(i + 1, j));
    else result = i < a.length && j < b.length && a[i] === b[j] && from(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return from(0, 0);
}

/** Whether a pattern covers every operation another pattern (read as written, its `*` a character) names. */
function covers(pattern: string, operation: string): boolean {
  const escaped = pattern.trim().toLowerCase().split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${escaped}$`).test(operation.trim().toLowerCase());
}
