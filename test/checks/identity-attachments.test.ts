import { ATTACHMENT_PATHS, ENCRYPTION_ONLY_TYPES } from '../../lib/checks/identity-attachments';
import { rule } from '../../lib/checks/rules/PG-IAM-2';
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
