import { evaluateStack } from '../../lib/checks/evaluate';
import { INERT_WRITERS } from '../../lib/checks/inert-types';
import { ALL_RULES } from '../../lib/checks/rules';
import { exampleJson } from '../support/example-stacks';

// Nineteenth review, A19b-6: a type held inert is inert in both its forms. The azapi twin of an inert azurerm type passes where the
// azurerm form does (the net reads one list of rows, each with both forms); the class test over every row is in unread-writers.test.ts.

type Json = { resource: { [type: string]: { [name: string]: object } }; [key: string]: unknown };
/** The flexible-vnet-integration example as cdk.tf.json holds it (its VNet, NSG and workspace are blocks of the stack). */
function vnetIntegration(): Json {
  return exampleJson<Json>('flexible-vnet-integration');
}

/** The addresses PG-CFG-3 or PG-CFG-8 fail with the blocks added. */
function failedClosed(blocks: { [type: string]: { [name: string]: object } }): string[] {
  const json = vnetIntegration();
  for (const [type, each] of Object.entries(blocks)) json.resource[type] = { ...json.resource[type], ...each };
  const evaluation = evaluateStack(json, ALL_RULES);
  expect(evaluation.problems).toEqual([]);
  return [...new Set(evaluation.findings.filter((f) => ['PG-CFG-3', 'PG-CFG-8'].includes(f.ruleId) && f.status !== 'pass').map((f) => f.address ?? ''))].sort();
}

const nsgOf = (json: Json) => `\${azurerm_network_security_group.${Object.keys(json.resource.azurerm_network_security_group)[0]}.id}`;
const VNET = '${azurerm_virtual_network.Network.id}';
const WORKSPACE = '${azurerm_log_analytics_workspace.Logs.id}';
const SERVER = (json: Json) => `\${azurerm_postgresql_flexible_server.${Object.keys(json.resource.azurerm_postgresql_flexible_server)[0]}.id}`;
const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000000';
const diagnostics = (target: string) => ({ type: 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview', name: 'd', parent_id: target,
  body: { properties: { workspaceId: WORKSPACE, logs: [{ categoryGroup: 'allLogs', enabled: true }] } } });

describe('the azapi twins of inert types pass as their azurerm forms do (A19b-6)', () => {
  const json = vnetIntegration();
  test.each([
    ['a diagnostic setting of the VNet sending to the workspace', diagnostics(VNET)],
    ['a diagnostic setting of the network security group the construct made', diagnostics(nsgOf(json))],
    ['a diagnostic setting of the workspace itself', diagnostics(WORKSPACE)],
    ['a diagnostic setting of the server\'s subscription (its activity log)', diagnostics(SUBSCRIPTION)],
    ['a VNet flow log', { type: 'Microsoft.Network/networkWatchers/flowLogs@2024-05-01', name: 'fl', location: 'westeurope',
      parent_id: `${SUBSCRIPTION}/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_westeurope`,
      body: { properties: { targetResourceId: VNET, storageId: `${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/fl`, enabled: true,
        flowAnalyticsConfiguration: { networkWatcherFlowAnalyticsConfiguration: { enabled: true, workspaceResourceId: WORKSPACE } } } } }],
    ['Application Insights on the workspace', { type: 'Microsoft.Insights/components@2020-02-02', name: 'ai', location: 'westeurope', parent_id: '${azurerm_resource_group.ResourceGroup.id}',
      body: { kind: 'web', properties: { Application_Type: 'web', WorkspaceResourceId: WORKSPACE } } }],
    ['a container app environment sending to the workspace', { type: 'Microsoft.App/managedEnvironments@2024-03-01', name: 'env', location: 'westeurope', parent_id: '${azurerm_resource_group.ResourceGroup.id}',
      body: { properties: { appLogsConfiguration: { destination: 'log-analytics', logAnalyticsConfiguration: { customerId: '${azurerm_log_analytics_workspace.Logs.workspace_id}' } }, note: WORKSPACE } } }],
  ])('azapi: %s passes', (_label, block) => {
    expect(failedClosed({ azapi_resource: { x: block } })).toEqual([]);
  });

  test.each([
    ['azurerm_monitor_diagnostic_setting', { name: 'd', target_resource_id: VNET, log_analytics_workspace_id: WORKSPACE, enabled_log: [{ category_group: 'allLogs' }] }],
    ['azurerm_application_insights', { name: 'ai', resource_group_name: 'rg-orders-db', location: 'westeurope', application_type: 'web', workspace_id: WORKSPACE }],
  ])('control: the azurerm twin %s passes', (type, block) => {
    expect(failedClosed({ [type]: { x: block } })).toEqual([]);
  });

  test('a diagnostic setting of the server itself is no inert twin: the azapi form fails closed, as a writer of the server', () => {
    expect(failedClosed({ azapi_resource: { x: diagnostics(SERVER(json)) } })).toEqual(['azapi_resource.x']);
  });

  test('Application Insights pointing at the VNet (not inert toward the network) still fails the net, in both forms', () => {
    const body = { kind: 'web', properties: { Application_Type: 'web', WorkspaceResourceId: WORKSPACE, note: VNET } };
    expect(failedClosed({ azapi_resource: { x: { type: 'Microsoft.Insights/components@2020-02-02', name: 'ai', parent_id: '${azurerm_resource_group.ResourceGroup.id}', body } } })).toEqual(['azapi_resource.x']);
  });
});

test('every inert row with a Terraform type has its Azure type, or says why it has none (A19b-6)', () => {
  for (const row of INERT_WRITERS) {
    expect([String(row.type ?? row.azureType), row.type === undefined || row.azureType !== undefined || (row.noAzureType ?? '').length > 10]).toEqual([String(row.type ?? row.azureType), true]);
    expect([String(row.type ?? row.azureType), row.azureType !== undefined && row.noAzureType !== undefined]).toEqual([String(row.type ?? row.azureType), false]);
  }
});

// The class over PG-CFG-3's network writers too: every Azure type inert toward the network, written as an extension resource of the
// network security group the construct made (parent_id a reference to it), passes; a type no row holds inert there fails (A19b-6).
test('every Azure type inert toward the network passes written on the construct\'s network security group; another type fails closed', () => {
  const json = vnetIntegration();
  const samples = ['microsoft.insights/metricalerts', 'microsoft.network/dnsresolvers/inboundendpoints', 'microsoft.network/routetables/routes', 'microsoft.authorization/policysetdefinitions'];
  const types = INERT_WRITERS.filter((row) => row.azureType !== undefined && (row.on === undefined || row.on.includes('network')))
    .flatMap((row) => (typeof row.azureType === 'string' ? [row.azureType] : samples.filter((sample) => (row.azureType as RegExp).test(sample))));
  expect(types).toEqual(expect.arrayContaining(['microsoft.insights/diagnosticsettings', 'microsoft.network/networkwatchers/flowlogs', ...samples]));
  // A top-level type is an extension resource of the group; a child type's parent is its own (a network watcher's flow log), the group in its body.
  const on = (type: string) => ({ azapi_resource: { x: { type: `${type}@2024-01-01`, name: 'x', body: { properties: { enabled: true, targetResourceId: nsgOf(json) } },
    parent_id: type.split('/').length === 2 ? nsgOf(json) : `/subscriptions/9/resourceGroups/rg-x/providers/${type.split('/').slice(0, 2).join('/')}/p` } } });
  expect(types.filter((type) => failedClosed(on(type)).length > 0)).toEqual([]);
  expect(failedClosed(on('microsoft.insights/components'))).toEqual(['azapi_resource.x']);
  expect(failedClosed(on('microsoft.contoso/settings'))).toEqual(['azapi_resource.x']);
});

test('an inert type whose resource_id names another object (a write of that object) is no inert write: it fails closed', () => {
  const json = vnetIntegration();
  expect(failedClosed({ azapi_update_resource: { x: { type: 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview', resource_id: nsgOf(json), body: { properties: { securityRules: [] } } } } })).toEqual(['azapi_update_resource.x']);
});

// The same over the log workspace: an Azure type inert toward the workspace, written as an extension resource of it (Sentinel's
// onboarding, a diagnostic setting) or pointing at it from its own parent, passes; another type there fails closed (A19b-6).
test('every Azure type inert toward the workspace passes written on the construct\'s workspace; another type fails closed', () => {
  const samples = ['microsoft.insights/metricalerts', 'microsoft.operationalinsights/workspaces/savedsearches', 'microsoft.operationalinsights/querypacks/queries'];
  const types = INERT_WRITERS.filter((row) => row.azureType !== undefined && (row.on === undefined || row.on.includes('workspace')))
    .flatMap((row) => (typeof row.azureType === 'string' ? [row.azureType] : samples.filter((sample) => (row.azureType as RegExp).test(sample))));
  expect(types).toEqual(expect.arrayContaining(['microsoft.securityinsights/onboardingstates', 'microsoft.insights/components', 'microsoft.operationalinsights/workspaces/datasources', ...samples]));
  const on = (type: string) => {
    const [namespace, top, child] = type.split('/');
    const parent = child === undefined ? WORKSPACE : `${namespace}/${top}` === 'microsoft.operationalinsights/workspaces' ? WORKSPACE : `/subscriptions/9/resourceGroups/rg-x/providers/${namespace}/${top}/p`;
    return { azapi_resource: { x: { type: `${type}@2024-01-01`, name: 'x', parent_id: parent, body: { properties: { workspaceResourceId: WORKSPACE } } } } };
  };
  expect(types.filter((type) => failedClosed(on(type)).length > 0)).toEqual([]);
  expect(failedClosed(on('microsoft.contoso/settings'))).toEqual(['azapi_resource.x']);
});
