import { ATTACHMENT_PATHS, ENCRYPTION_ONLY_TYPES } from '../../lib/checks/identity-attachments';
import { inertAzureReason, inertReason } from '../../lib/checks/inert-types';
import { azureReaderOf, readerOf, TYPE_READERS, TypePattern } from '../../lib/checks/read-types';
import { rule } from '../../lib/checks/rules/PG-IAM-2';
import { rule as netRule } from '../../lib/checks/rules/PG-CFG-8';
import { Verdict } from '../../lib/checks/rule';
import { CONSTRUCT, madeAt, verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// Which workloads of the stack attach an identity the server acts as (identity-attachments.ts): every writer of an
// attachment (azurerm arguments, static or dynamic blocks; azapi bodies' ARM properties) fails PG-IAM-2 (A17a-4, A18a-9);
// a service that uses the identity only for its own encryption, running no code of the caller's, passes (A18a-7).

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const IDENTITY = `${SUB}/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-key`;
const OTHER = `${SUB}/resourceGroups/rg-app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-app`;

/** A construct's server acting as id-key (its customer-managed key), and blocks beside it. */
const withServer = (extra: Resources): Resources => ({
  ...extra,
  [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', identity: [{ type: 'UserAssigned', identity_ids: [IDENTITY] }],
    customer_managed_key: [{ key_vault_key_id: '${var.key}', primary_user_assigned_identity_id: IDENTITY }] }), ...madeAt(`${CONSTRUCT}/Server`) } },
});
const failing = (extra: Resources): (string | undefined)[] => verdictsBeside(rule, withServer(extra), [CONSTRUCT])
  .filter((verdict: Verdict) => verdict.status !== 'pass').map((verdict) => ('address' in verdict ? verdict.address : undefined));

/** An azapi write of an object of a type (a resource, or an update of an existing one) with a body. */
const azapiWrite = (type: string, kind: 'azapi_resource' | 'azapi_update_resource', body: unknown): Resources => ({
  [kind]: { aks: { type: `${type}@2024-05-01`, ...(kind === 'azapi_resource' ? { name: 'aks', parent_id: `${SUB}/resourceGroups/rg-app` } : { resource_id: `${SUB}/resourceGroups/rg-app/providers/${type}/aks` }), body } },
});
const azapiCluster = (kind: 'azapi_resource' | 'azapi_update_resource', body: unknown): Resources => azapiWrite('Microsoft.ContainerService/managedClusters', kind, body);
/** A body with `value` at an ARM path of the table (EACH: one item of a list, or one member of a map). */
function bodyAt(path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (head === '*') return [bodyAt(rest, value)];
  if (head === 'keys') return { [String(value)]: {} };
  return { [head]: bodyAt(rest, value) };
}

describe('every ARM property of the table that attaches an identity, written by azapi (A18a-9)', () => {
  test.each(ATTACHMENT_PATHS.flatMap((row) => (['azapi_resource', 'azapi_update_resource'] as const).map((kind) => [`${row.type ?? 'any type'}: ${row.path.join('.')} (${kind})`, row, kind] as const)))(
    '%s naming the identity fails; naming another passes', (_name, row, kind) => {
      const block = (value: string) => azapiWrite(row.type ?? 'Microsoft.Compute/virtualMachines', kind, bodyAt(row.path, value));
      expect(failing(block(IDENTITY))).toEqual([`${kind}.aks`]);
      expect(failing(block(OTHER))).toEqual([]);
    });

  test('the kubelet identity in any key case, and the pod identity binding, fail', () => {
    expect(failing(azapiCluster('azapi_resource', { Properties: { IdentityProfile: { KubeletIdentity: { ResourceId: IDENTITY.toUpperCase() } } } }))).toEqual(['azapi_resource.aks']);
    expect(failing(azapiCluster('azapi_update_resource', { properties: { podIdentityProfile: { enabled: true, userAssignedIdentities: [{ name: 'p', namespace: 'n', identity: { resourceId: IDENTITY } }] } } }))).toEqual(['azapi_update_resource.aks']);
  });

  test('a kubelet identity known only at apply time that may spell the identity fails', () => {
    const spelled = '${format("/subscriptions/%s/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-key", var.sub)}';
    expect(failing(azapiCluster('azapi_resource', { properties: { identityProfile: { kubeletidentity: { resourceId: spelled } } } }))).toEqual(['azapi_resource.aks']);
  });
});

describe('a kubelet identity written as a dynamic block (A18a-9)', () => {
  const cluster = (blocks: { [key: string]: unknown }): Resources => ({ azurerm_kubernetes_cluster: { aks: { name: 'aks', resource_group_name: 'rg-app', identity: [{ type: 'UserAssigned', identity_ids: [OTHER] }], ...blocks } } });
  test('naming the identity fails, as the static block does', () => {
    expect(failing(cluster({ dynamic: { kubelet_identity: { for_each: '${var.on ? [1] : []}', content: { user_assigned_identity_id: IDENTITY, client_id: 'c', object_id: 'o' } } } }))).toEqual(['azurerm_kubernetes_cluster.aks']);
    expect(failing(cluster({ dynamic: [{ kubelet_identity: [{ for_each: '${var.k}', content: [{ user_assigned_identity_id: IDENTITY }] }] }] }))).toEqual(['azurerm_kubernetes_cluster.aks']);
    expect(failing(cluster({ kubelet_identity: [{ user_assigned_identity_id: IDENTITY, client_id: 'c', object_id: 'o' }] }))).toEqual(['azurerm_kubernetes_cluster.aks']);
  });
  test('a dynamic identity block, and a kubelet identity written as an expression that may spell it, fail', () => {
    expect(failing({ azurerm_linux_web_app: { w: { name: 'w', dynamic: { identity: { for_each: '${var.on ? [1] : []}', content: { type: 'UserAssigned', identity_ids: [IDENTITY] } } } } } })).toEqual(['azurerm_linux_web_app.w']);
    expect(failing(cluster({ kubelet_identity: `\${var.on ? [{ user_assigned_identity_id = "${IDENTITY}" }] : []}` }))).toEqual(['azurerm_kubernetes_cluster.aks']);
  });
  test('naming another identity passes', () => {
    expect(failing(cluster({ dynamic: { kubelet_identity: { for_each: '${var.on ? [1] : []}', content: { user_assigned_identity_id: OTHER } } } }))).toEqual([]);
  });
});

describe('a service that uses the identity only for its own encryption passes; one that runs the caller\'s code fails (A18a-7)', () => {
  const attaching = (type: string): Resources => ({ [type]: { s: { name: 's', resource_group_name: 'rg-data', identity: [{ type: 'UserAssigned', identity_ids: [IDENTITY] }],
    customer_managed_key: [{ key_vault_key_id: 'https://kv.vault.azure.net/keys/k', user_assigned_identity_id: IDENTITY }] } } });
  const azapiAttaching = (arm: string): Resources => azapiWrite(arm, 'azapi_resource', { identity: { type: 'UserAssigned', userAssignedIdentities: { [IDENTITY]: {} } }, properties: {} });
  test.each(ENCRYPTION_ONLY_TYPES.map((row) => [row.azurerm, row.arm] as const))('%s (and azapi %s) attaching the identity passes', (azurerm, arm) => {
    expect(failing(attaching(azurerm))).toEqual([]);
    expect(failing(azapiAttaching(arm))).toEqual([]);
  });
  test.each([
    ['azurerm_linux_virtual_machine', 'Microsoft.Compute/virtualMachines'], ['azurerm_linux_virtual_machine_scale_set', 'Microsoft.Compute/virtualMachineScaleSets'],
    ['azurerm_linux_web_app', 'Microsoft.Web/sites'], ['azurerm_linux_function_app', 'Microsoft.Web/sites'], ['azurerm_container_app', 'Microsoft.App/containerApps'],
    ['azurerm_container_group', 'Microsoft.ContainerInstance/containerGroups'], ['azurerm_kubernetes_cluster', 'Microsoft.ContainerService/managedClusters'],
    ['azurerm_automation_account', 'Microsoft.Automation/automationAccounts'], ['azurerm_logic_app_workflow', 'Microsoft.Logic/workflows'],
    ['azurerm_data_factory', 'Microsoft.DataFactory/factories'], ['azurerm_batch_account', 'Microsoft.Batch/batchAccounts'],
    ['azurerm_machine_learning_workspace', 'Microsoft.MachineLearningServices/workspaces'], ['azurerm_mssql_server', 'Microsoft.Sql/servers'],
    ['azurerm_api_management', 'Microsoft.ApiManagement/service'], ['azurerm_eventhub_namespace', 'Microsoft.EventHub/namespaces'],
    ['azurerm_something_new', 'Microsoft.Unknown/things'],
  ])('%s (and azapi %s) attaching the identity fails', (azurerm, arm) => {
    expect(failing(attaching(azurerm))).toEqual([`${azurerm}.s`]);
    expect(failing(azapiAttaching(arm))).toEqual(['azapi_resource.aks']);
  });
});

// Nineteenth review, A19a-1: a type-specific property attaches the identity elsewhere than `identity` (an Image Builder build VM,
// a Service Fabric node type, an HDInsight cluster's storage identity, and the types nobody listed): ANY occurrence of the identity in
// a block's content (any argument, any body path, any key case; literal, reference or expression) is an attachment, except in a
// service of the encryption-only table and under a block that only names it for encryption. Where a block is placed (its scope,
// parent or target) is a write ON the identity, PG-CFG-8's (the identity kind of the net, below).
describe('any occurrence of the identity in a block\'s content attaches it (A19a-1)', () => {
  const azapi = (type: string, body: unknown, kind: 'azapi_resource' | 'azapi_update_resource' = 'azapi_resource'): Resources => azapiWrite(type, kind, body);
  const cases: readonly [string, (identity: string) => Resources][] = [
    ['an Image Builder template\'s build VM (properties.vmProfile.userAssignedIdentities)', (id) => azapi('Microsoft.VirtualMachineImages/imageTemplates', { properties: { vmProfile: { vmSize: 'Standard_D2s_v5', userAssignedIdentities: [id] } } })],
    ['a Service Fabric node type\'s VMs (properties.vmManagedIdentity.userAssignedIdentities)', (id) => azapi('Microsoft.ServiceFabric/managedClusters/nodeTypes', { properties: { vmManagedIdentity: { userAssignedIdentities: [id] } } }, 'azapi_update_resource')],
    ['an HDInsight cluster\'s Gen2 storage identity (storage_account_gen2.managed_identity_resource_id)', (id) => ({ azurerm_hdinsight_spark_cluster: { s: { name: 'hd', storage_account_gen2: [{ is_default: true, managed_identity_resource_id: id }] } } })],
    ['a type nobody listed, at any depth, in any key case', (id) => azapi('Microsoft.Future/pools', { Properties: { Nodes: [{ RunAs: { IdentityReference: { ResourceID: id.toUpperCase() } } }] } })],
    ['a map key of a type-specific property', (id) => azapi('Microsoft.DevCenter/projects/pools', { properties: { managedIdentities: { [id]: { use: 'all' } } } })],
    ['a body given as JSON text', (id) => ({ azapi_resource: { aks: { type: 'Microsoft.Batch/batchAccounts/pools@2024-07-01', name: 'p', parent_id: `${SUB}/x`, body: JSON.stringify({ properties: { startTask: { userIdentity: { resourceId: id } } } }) } } })],
    ['an azurerm argument of a type nobody listed', (id) => ({ azurerm_something_new: { s: { name: 's', compute: [{ node_identity: id }] } } })],
    ['a Batch pool\'s node identity, inside a dynamic block', (id) => ({ azurerm_batch_pool: { s: { name: 'p', dynamic: { identity: { for_each: '${var.on ? [1] : []}', content: { type: 'UserAssigned', identity_ids: [id] } } } } } })],
  ];
  test.each(cases)('%s naming the identity fails PG-IAM-2; naming another passes', (_name, block) => {
    const address = Object.entries(block(IDENTITY)).map(([type, blocks]) => `${type}.${Object.keys(blocks as object)[0]}`)[0];
    expect(failing(block(IDENTITY))).toEqual([address]);
    expect(failing(block(OTHER))).toEqual([]);
  });
  test('by a reference to the identity block, and by an expression that may spell it', () => {
    const withIdentity = (value: string): Resources => ({
      azurerm_user_assigned_identity: { key: { name: 'id-key', resource_group_name: 'rg-keys', location: 'westeurope' } },
      ...azapi('Microsoft.VirtualMachineImages/imageTemplates', { properties: { vmProfile: { userAssignedIdentities: [value] } } }),
    });
    expect(failing(withIdentity('${azurerm_user_assigned_identity.key.id}'))).toEqual(['azapi_resource.aks']);
    expect(failing(withIdentity('${format("/subscriptions/%s/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-key", var.sub)}'))).toEqual(['azapi_resource.aks']);
    // Its principal (a Key Vault access policy's object_id) is not the identity attached.
    expect(failing({ azurerm_user_assigned_identity: { key: { name: 'id-key', resource_group_name: 'rg-keys' } }, azurerm_something_new: { s: { name: 's', object_id: '${azurerm_user_assigned_identity.key.principal_id}' } } })).toEqual([]);
  });
  test('a function of variables that may make any text names no identity outside an identity\'s own spelling; a function over its literal ID does', () => {
    expect(failing({ azurerm_something_new: { s: { name: 's', resource_group_name: '${element(split("/", var.virtual_network_id), 4)}', group: '${element(split("/", var.virtual_network_id), 4)}' } } })).toEqual([]);
    expect(failing({ azurerm_something_new: { s: { name: 's', node_identity: `\${replace("${IDENTITY}X", "X", "")}` } } })).toEqual(['azurerm_something_new.s']);
  });
  test('the identity given by a variable: the same expression anywhere attaches it; other variables do not', () => {
    const server: Resources = { [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', identity: [{ type: 'UserAssigned', identity_ids: ['${var.cmk_identity}'] }],
      customer_managed_key: [{ key_vault_key_id: '${var.key}', primary_user_assigned_identity_id: '${var.cmk_identity}' }] }), ...madeAt(`${CONSTRUCT}/Server`) } } };
    const failed = (extra: Resources) => verdictsBeside(rule, { ...extra, ...server }, [CONSTRUCT]).filter((verdict) => verdict.status === 'fail').map((verdict) => ('address' in verdict ? verdict.address : undefined));
    expect(failed(azapi('Microsoft.VirtualMachineImages/imageTemplates', { properties: { vmProfile: { userAssignedIdentities: ['${var.cmk_identity}'] } } }))).toEqual(['azapi_resource.aks']);
    expect(failed({ azurerm_linux_virtual_machine: { vm: { name: 'vm', resource_group_name: '${var.rg}', identity: [{ type: 'UserAssigned', identity_ids: ['${var.app_identity}'] }], subnet: '${element(split("/", var.subnet_id), 4)}' } } })).toEqual([]);
  });
  test('a block that only names it for encryption (customer_managed_key, encryption, any key case) does not attach it', () => {
    expect(failing({ azurerm_eventhub_namespace: { s: { name: 's', customer_managed_key: [{ key_vault_key_ids: ['https://kv.vault.azure.net/keys/k'], user_assigned_identity_id: IDENTITY }] } } })).toEqual([]);
    expect(failing(azapi('Microsoft.Future/things', { properties: { Encryption: { keyVaultProperties: { identity: IDENTITY } } } }))).toEqual([]);
    // Attached beside it, it acts as it.
    expect(failing({ azurerm_eventhub_namespace: { s: { name: 's', identity: [{ type: 'UserAssigned', identity_ids: [IDENTITY] }], customer_managed_key: [{ user_assigned_identity_id: IDENTITY }] } } })).toEqual(['azurerm_eventhub_namespace.s']);
  });
  test('a write placed on the identity (its scope, parent or target) is not an attachment: the net judges it (PG-CFG-8)', () => {
    expect(failing({ azurerm_role_management_policy: { s: { scope: IDENTITY, role_definition_id: '/providers/Microsoft.Authorization/roleDefinitions/f1a07417-d97a-45cb-824c-7a7467783830' } } })).toEqual([]);
  });
});

// A19a-1 (net): a write ON an identity the server acts as (a PIM policy at its scope, an azapi update or child of it) of a type no
// table reads toward the identity fails PG-CFG-8 closed, as on the VNet: the identity kind of judged-scopes.ts.
describe('the identity kind of the PG-CFG-8 net (A19a-1)', () => {
  const netFailing = (extra: Resources): (string | undefined)[] => verdictsBeside(netRule, withServer(extra), [CONSTRUCT])
    .filter((verdict: Verdict) => verdict.status !== 'pass' && verdict.status !== 'not-applicable').map((verdict) => ('address' in verdict ? verdict.address : undefined));
  const POLICY = '/providers/Microsoft.Authorization/roleDefinitions/f1a07417-d97a-45cb-824c-7a7467783830';
  test.each([
    ['a PIM policy at its scope', (id: string) => ({ azurerm_role_management_policy: { s: { scope: id, role_definition_id: POLICY, activation_rules: [{ require_approval: false }] } } }), 'azurerm_role_management_policy.s'],
    ['an azapi PIM policy below it', (id: string) => ({ azapi_update_resource: { s: { type: 'Microsoft.Authorization/roleManagementPolicies@2020-10-01', resource_id: `${id}/providers/Microsoft.Authorization/roleManagementPolicies/p`, body: { properties: { rules: [] } } } } }), 'azapi_update_resource.s'],
    ['an azapi update of the identity itself', (id: string) => ({ azapi_update_resource: { s: { type: 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31', resource_id: id, body: { properties: { isolationScope: 'None' } } } } }), 'azapi_update_resource.s'],
    ['an azapi child of a type nobody reads', (id: string) => ({ azapi_resource: { s: { type: 'Microsoft.ManagedIdentity/userAssignedIdentities/newThings@2030-01-01', name: 'n', parent_id: id, body: { properties: {} } } } }), 'azapi_resource.s'],
  ] as const)('%s fails PG-CFG-8; on another identity it passes', (_name, block, address) => {
    expect(netFailing(block(IDENTITY))).toEqual([address]);
    expect(netFailing(block(OTHER))).toEqual([]);
  });
  // Queued after the nineteenth run (A19a-1's left part): an azapi PUT of an object at the identity's own ID replaces it (a new principal,
  // its grants lost, another workload's settings), whatever form spells that ID: a literal, a parent by reference, a template parent.
  const IDENTITY_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31';
  const group: Resources = { azurerm_resource_group: { keys: { name: 'rg-keys', location: 'westeurope' }, app: { name: 'rg-app', location: 'westeurope' } } };
  const PUTS: readonly (readonly [string, (name: string, parent: unknown) => Resources, string])[] = [
    ['an azapi_resource by literal parent', (name, parent) => ({ azapi_resource: { s: { type: IDENTITY_TYPE, name, parent_id: parent, location: 'westeurope', body: {} } } }), 'azapi_resource.s'],
    ['a PUT action at its ID', (name, parent) => ({ azapi_resource_action: { s: { type: IDENTITY_TYPE, resource_id: `${String(parent)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`, method: 'PUT', body: { location: 'westeurope' } } } }), 'azapi_resource_action.s'],
  ];
  const PARENTS: readonly (readonly [string, string])[] = [
    ['a literal group', `${SUB}/resourceGroups/rg-keys`],
    ['the group in another key case', `${SUB}/RESOURCEGROUPS/RG-KEYS`],
    ['a group by reference', '${azurerm_resource_group.keys.id}'],
    ['a template over a variable', '/subscriptions/${var.subscription}/resourceGroups/rg-keys'],
    ['a template over the group\'s name', '/subscriptions/${var.subscription}/resourceGroups/${azurerm_resource_group.keys.name}'],
  ];
  test.each(PUTS.flatMap(([how, block, address]) => PARENTS.map(([parent, id]) => [`${how}, ${parent}`, block, address, id] as const)))(
    'an identity recreated at the identity\'s ID (%s) fails PG-CFG-8; another name, or another group, passes', (_name, block, address, parent) => {
      expect(netFailing({ ...group, ...block('id-key', parent) })).toEqual([address]);
      // An action's target written over a reference to the group's ID is read as on the group (the containers' net: fails closed either way).
      if (!(address.startsWith('azapi_resource_action') && parent.includes('.id}'))) expect(netFailing({ ...group, ...block('id-other', parent) })).toEqual([]);
      expect(netFailing({ ...group, ...block('id-key', parent.replace(/rg-keys/i, 'rg-app').replace('keys.', 'app.')) })).toEqual([]);
    });
  test('a federated identity credential below the identity by a template parent fails PG-IAM-2; below another, it passes', () => {
    const credential = (parent: string): Resources => ({ azapi_resource: { f: { type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31', name: 'gh', parent_id: parent,
      body: { properties: { issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:x/y:ref:refs/heads/main', audiences: ['api://AzureADTokenExchange'] } } } } });
    expect(failing(credential('/subscriptions/${var.subscription}/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-key'))).toEqual(['azapi_resource.f']);
    expect(failing(credential('/subscriptions/${var.subscription}/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-other'))).toEqual([]);
  });
  // Queued (azapi IDs from template parent_ids): an identity the stack makes by azapi under a template parent has the ID that template
  // spells, so a write naming that ID literally is a write on it.
  test('an identity made by azapi under a template parent: a PIM policy at its literal ID fails; at another identity\'s, it passes', () => {
    const server = (identity: string): Resources => ({ [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', identity: [{ type: 'UserAssigned', identity_ids: [identity] }],
      customer_managed_key: [{ key_vault_key_id: '${var.key}', primary_user_assigned_identity_id: identity }] }), ...madeAt(`${CONSTRUCT}/Server`) } } });
    const uai = { azapi_resource: { uai: { type: IDENTITY_TYPE, name: 'id-made', parent_id: '/subscriptions/${var.subscription}/resourceGroups/${azurerm_resource_group.keys.name}', location: 'westeurope', body: {} } } };
    const policy = (scope: string) => ({ azurerm_role_management_policy: { s: { scope, role_definition_id: POLICY, activation_rules: [{ require_approval: false }] } } });
    const judged = (scope: string) => verdictsBeside(netRule, { ...group, ...uai, ...policy(scope), ...server('${azapi_resource.uai.id}') }, [CONSTRUCT])
      .filter((verdict: Verdict) => verdict.status === 'fail').map((verdict) => ('address' in verdict ? verdict.address : undefined));
    expect(judged(`${SUB}/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-made`)).toEqual(['azurerm_role_management_policy.s']);
    expect(judged(`${SUB}/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-other`)).toEqual([]);
  });
  test('the identity given by a variable: a write at the same expression fails', () => {
    const server: Resources = { [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', identity: [{ type: 'UserAssigned', identity_ids: ['${var.cmk_identity}'] }],
      customer_managed_key: [{ key_vault_key_id: '${var.key}', primary_user_assigned_identity_id: '${var.cmk_identity}' }] }), ...madeAt(`${CONSTRUCT}/Server`) } } };
    const verdicts = verdictsBeside(netRule, { azurerm_role_management_policy: { s: { scope: '${var.cmk_identity}', role_definition_id: POLICY } }, ...server }, [CONSTRUCT]);
    expect(verdicts.filter((verdict) => verdict.status === 'fail').map((verdict) => ('address' in verdict ? verdict.address : undefined))).toEqual(['azurerm_role_management_policy.s']);
  });
  test('every Terraform and Azure type a table reads passes at the identity when a row judges it there (or it is inert), and fails closed otherwise', () => {
    const sample = (pattern: TypePattern, samples: readonly string[]) => (typeof pattern === 'string' ? [pattern] : samples.filter((each) => pattern.test(each)));
    const terraform = [...new Set(TYPE_READERS.flatMap((row) => (row.types ?? []).flatMap((pattern) => sample(pattern, ['azurerm_route', 'time_sleep']))))]
      .filter((type) => !/^azurerm_postgresql_(flexible_)?server$/.test(type));
    const azure = [...new Set(TYPE_READERS.flatMap((row) => (row.azureTypes ?? []).flatMap((pattern) => sample(pattern, ['microsoft.authorization/roleassignments', 'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials']))))];
    const judged = (type: string) => readerOf(type, 'identity') !== undefined || inertReason(type, 'identity') !== undefined;
    const judgedAzure = (type: string) => azureReaderOf(type, false, 'identity') !== undefined || inertAzureReason(type, 'identity') !== undefined;
    const blocks: Resources = {
      ...Object.fromEntries([...terraform, 'azurerm_unread_example'].map((type) => [type, { w: { name: 'w', scope: IDENTITY } }])),
      azapi_update_resource: Object.fromEntries(azure.map((type, at) => [`w${at}`, { type: `${type}@2024-01-01`, resource_id: `${IDENTITY}/x/y`, body: { properties: { x: 1 } } }])),
    };
    const found = netFailing(blocks);
    expect(terraform.length).toBeGreaterThan(40);
    expect([...terraform, 'azurerm_unread_example'].filter((type) => judged(type) === found.includes(`${type}.w`))).toEqual([]);
    expect(azure.filter((type, at) => judgedAzure(type) === found.includes(`azapi_update_resource.w${at}`))).toEqual([]);
    // Some of each: role grants and federated credentials are read toward it, the rest fails closed.
    expect([terraform.some(judged), terraform.some((type) => !judged(type)), azure.some(judgedAzure), azure.some((type) => !judgedAzure(type))]).toEqual([true, true, true, true]);
  });
});

// Nineteenth review, A19a-8: the azurerm types that take a customer-managed key (a `customer_managed_key` or `encryption` block naming
// a user-assigned identity), each classed by what the service does with an attached identity, from its documentation: key only
// (ENCRYPTION_ONLY_TYPES: a shared encryption identity passes) or acting as it (it keeps failing). A type added to either side joins here.
describe('every azurerm type taking a customer-managed key is classed: key only passes, acting as the identity fails (A19a-8)', () => {
  const ACTS_AS_IT: readonly [string, string][] = [
    ['azurerm_recovery_services_vault', 'Azure Backup and Site Recovery act as the vault\'s identity on protected data sources and storage accounts'],
    ['azurerm_data_protection_backup_vault', 'reads the data sources it backs up as its identity'],
    ['azurerm_mssql_server', 'T-SQL calls endpoints as it'],
    ['azurerm_eventhub_namespace', 'Capture writes to a destination as it'],
    ['azurerm_search_service', 'indexers read data sources as it'],
    ['azurerm_container_registry', 'tasks run as it'],
    ['azurerm_cognitive_account', 'reads and writes the customer\'s storage as it'],
    ['azurerm_machine_learning_workspace', 'computes and jobs act as it'],
    ['azurerm_kusto_cluster', 'external tables and ingestion act as it'],
    ['azurerm_data_factory', 'pipelines act as it'],
    ['azurerm_databricks_workspace', 'clusters act as it'],
    ['azurerm_batch_account', 'pools act as it'],
    ['azurerm_automation_account', 'runbooks act as it'],
  ];
  const KEY_ONLY = ['azurerm_storage_account', 'azurerm_mysql_flexible_server', 'azurerm_cosmosdb_account', 'azurerm_disk_encryption_set',
    'azurerm_servicebus_namespace', 'azurerm_app_configuration', 'azurerm_log_analytics_cluster'];
  const attaching = (type: string): Resources => ({ [type]: { s: { name: 's', resource_group_name: 'rg-data', identity: [{ type: 'UserAssigned', identity_ids: [IDENTITY] }],
    customer_managed_key: [{ key_vault_key_id: 'https://kv.vault.azure.net/keys/k', identity_id: IDENTITY }], encryption: [{ key_id: 'https://kv.vault.azure.net/keys/k', user_assigned_identity_id: IDENTITY }] } } });
  test('the table holds exactly the key-only types', () => {
    expect(ENCRYPTION_ONLY_TYPES.map((row) => row.azurerm).sort()).toEqual([...KEY_ONLY].sort());
    expect(ACTS_AS_IT.filter(([type]) => ENCRYPTION_ONLY_TYPES.some((row) => row.azurerm === type))).toEqual([]);
  });
  test.each(KEY_ONLY)('%s sharing the encryption identity passes', (type) => {
    expect(failing(attaching(type))).toEqual([]);
  });
  test.each(ACTS_AS_IT)('%s attaching it fails (%s)', (type) => {
    expect(failing(attaching(type))).toEqual([`${type}.s`]);
  });
});

// A20a-5: an identity given by a variable is attached by any expression that reads that variable through a function that may
// keep its text (replace, regex, trim*, case, format...): the predicate role scopes and federated credentials use (readsPointer).
describe('the identity given by a variable, through every function that may keep its text (A20a-5)', () => {
  const server: Resources = { [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', identity: [{ type: 'UserAssigned', identity_ids: ['${var.cmk_identity}'] }],
    customer_managed_key: [{ key_vault_key_id: '${var.key}', primary_user_assigned_identity_id: '${var.cmk_identity}' }] }), ...madeAt(`${CONSTRUCT}/Server`) } } };
  const failed = (extra: Resources) => verdictsBeside(rule, { ...extra, ...server }, [CONSTRUCT]).filter((verdict) => verdict.status === 'fail').map((verdict) => ('address' in verdict ? verdict.address : undefined));
  /** Each function spelled over a variable: the reader evaluates some (case, trim affixes, format), not others (replace, regex). */
  const SPELLINGS: readonly ((variable: string) => string)[] = [
    (v) => `replace(${v}, "/\\\\/$/", "")`, (v) => `replace(${v}, "id-pg", "id-pg")`, (v) => `regex("^.*$", ${v})`, (v) => `trim(${v}, "/")`,
    (v) => `trimsuffix(${v}, "/")`, (v) => `trimprefix(${v}, " ")`, (v) => `trimspace(${v})`, (v) => `lower(${v})`, (v) => `upper(${v})`, (v) => `title(${v})`,
    (v) => `chomp(${v})`, (v) => `format("%s", ${v})`, (v) => `substr(${v}, 0, -1)`, (v) => `tostring(${v})`, (v) => `coalesce(${v}, "")`, (v) => `try(${v}, "")`,
    (v) => `join("", [${v}])`, (v) => `one([${v}])`, (v) => `element([${v}], 0)`, (v) => `nonsensitive(${v})`, (v) => `replace(lower(${v}), "x", "x")`,
  ];
  const vm = (id: string): Resources => ({ azurerm_linux_virtual_machine: { vm: { name: 'vm', resource_group_name: 'rg-app', identity: [{ type: 'UserAssigned', identity_ids: [id] }] } } });
  const webApp = (id: string): Resources => ({ azurerm_linux_function_app: { fa: { name: 'fa', identity: [{ type: 'UserAssigned', identity_ids: [id] }], key_vault_reference_identity_id: id } } });
  const azapiVm = (id: string): Resources => ({ azapi_resource: { vm: { type: 'Microsoft.Compute/virtualMachines@2024-03-01', name: 'vm', parent_id: `${SUB}/resourceGroups/rg-app`, body: { identity: { type: 'UserAssigned', userAssignedIdentities: { [id]: {} } } } } } });
  test.each(SPELLINGS.map((spell) => [spell('var.cmk_identity'), spell] as const))('%s attaches it (VM, function app, azapi VM); over another variable it does not', (_name, spell) => {
    for (const [writer, address] of [[vm, 'azurerm_linux_virtual_machine.vm'], [webApp, 'azurerm_linux_function_app.fa'], [azapiVm, 'azapi_resource.vm']] as const) {
      expect([address, failed(writer(`\${${spell('var.cmk_identity')}}`))]).toEqual([address, [address]]);
      expect([address, failed(writer(`\${${spell('var.app_identity')}}`))]).toEqual([address, []]);
    }
  });
  test('the role scope and the federated credential readers read the same spellings as the identity', () => {
    for (const spell of SPELLINGS) {
      const scope = `\${${spell('var.cmk_identity')}}`;
      expect(failed({ azurerm_role_assignment: { g: { scope, role_definition_name: 'Managed Identity Operator', principal_id: 'p' } } })).toEqual(['azurerm_role_assignment.g']);
      expect(failed({ azurerm_federated_identity_credential: { f: { name: 'f', resource_group_name: 'rg-keys', parent_id: scope, issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:x/y:ref:refs/heads/main', audience: ['api://AzureADTokenExchange'] } } })).toEqual(['azurerm_federated_identity_credential.f']);
    }
  });
});
