// The data export rules of a Log Analytics workspace that copy a server's logs (workspace-exports.ts,
// read by PG-LOG-1), on the stack model directly: azurerm rules and azapi ones (child or update),
// their tables as a list, an object body or JSON text, and blocks that are not such rules.
import { StackFacts } from '../../../../lib/checks/rule';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { workspaceExports } from '../../../../lib/checks/workspace-exports';
import { Resources } from '../../rule-harness';

const WORKSPACE = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs';
const OTHER = WORKSPACE.replace('/logs', '/other');
const EXPORT_TYPE = 'Microsoft.OperationalInsights/workspaces/dataExports@2020-08-01';
const AZURERM = 'azurerm_log_analytics_data_export_rule';

function exportsOf(resources: Resources): string[] {
  const stack: StackFacts = { postgresqlProviders: new Map(), resources: buildStackModel({ resource: resources }).resources };
  return workspaceExports(stack, [WORKSPACE]).map(({ resource, tables }) => `${resource.address}: ${tables}`);
}
const rule = (tables: unknown, workspace = WORKSPACE) => ({ name: 'copy', workspace_resource_id: workspace, destination_resource_id: '${var.storage}', table_names: tables });

test('lists the tables that may hold the server\'s logs, a table known only later among them', () => {
  expect(exportsOf({ [AZURERM]: { a: rule(['Heartbeat', 'PGSQLServerLogs', '${var.table}']), b: rule(['Heartbeat']), c: rule('${var.tables}') } })).toEqual([
    `${AZURERM}.a: "PGSQLServerLogs", "\${var.table}"`,
    `${AZURERM}.c: "\${var.tables}" (known only later)`,
  ]);
});

test('an azapi rule under the workspace or updating one of its rules, its body an object or JSON text', () => {
  const body = { properties: { tableNames: ['AzureDiagnostics'] } };
  expect(exportsOf({
    azapi_resource: { child: { type: EXPORT_TYPE, name: 'copy', parent_id: WORKSPACE, body } },
    azapi_update_resource: { update: { type: EXPORT_TYPE.toLowerCase(), resource_id: `${WORKSPACE}/dataExports/existing`, body: JSON.stringify(body) } },
  })).toEqual(['azapi_resource.child: "AzureDiagnostics"', 'azapi_update_resource.update: "AzureDiagnostics"']);
});

test('a body whose tables cannot be read copies tables known only later', () => {
  expect(exportsOf({ azapi_resource: { child: { type: EXPORT_TYPE, name: 'copy', parent_id: WORKSPACE, body: '{ not json' } } })).toEqual(['azapi_resource.child: null (known only later)']);
});

test('rules of another workspace, blocks of another or no type, and IDs that are not an export rule\'s are not exports of the workspace', () => {
  const body = { properties: { tableNames: ['AzureDiagnostics'] } };
  expect(exportsOf({
    [AZURERM]: { other: rule(['AzureDiagnostics'], OTHER) },
    azapi_resource: {
      other: { type: EXPORT_TYPE, name: 'copy', parent_id: OTHER, body },
      untyped: { name: 'copy', parent_id: WORKSPACE, body },
      solution: { type: 'Microsoft.OperationsManagement/solutions@2015-11-01-preview', name: 'x', parent_id: WORKSPACE, body },
    },
    azapi_update_resource: {
      elsewhere: { type: EXPORT_TYPE, resource_id: `${OTHER}/dataExports/existing`, body },
      itself: { type: EXPORT_TYPE, resource_id: `${WORKSPACE}x`, body },
    },
  })).toEqual([]);
});

test('an azapi rule whose ID is known only at apply time may be one of the workspace\'s (A14b-5)', () => {
  const body = { properties: { tableNames: ['AzureDiagnostics'] } };
  expect(exportsOf({
    azapi_update_resource: {
      later: { type: EXPORT_TYPE, resource_id: '${var.export_id}', body },
      below: { type: EXPORT_TYPE, resource_id: '${var.workspace}/dataExports/x', body },
      vault: { type: EXPORT_TYPE, resource_id: '${azurerm_key_vault.v.id}/dataExports/x', body },
    },
  })).toEqual(['azapi_update_resource.below: "AzureDiagnostics"', 'azapi_update_resource.later: "AzureDiagnostics"']);
});

test('a lookup of the workspace\'s names is the workspace; one of other names, or of names known later, is another or may be it (A14b-5)', () => {
  const model = buildStackModel({
    resource: { [AZURERM]: { same: rule(['AzureDiagnostics'], '${data.azurerm_log_analytics_workspace.same.id}'), other: rule(['AzureDiagnostics'], '${data.azurerm_log_analytics_workspace.other.id}'), later: rule(['AzureDiagnostics'], '${data.azurerm_log_analytics_workspace.later.id}') } },
    data: { azurerm_log_analytics_workspace: { same: { name: 'LOGS', resource_group_name: 'rg' }, other: { name: 'other', resource_group_name: 'rg' }, later: { name: '${var.name}', resource_group_name: 'rg' } } },
  });
  const stack: StackFacts = { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups };
  expect(workspaceExports(stack, [WORKSPACE]).map(({ resource, mayBe }) => `${resource.address}${mayBe === undefined ? '' : ' (may)'}`)).toEqual([`${AZURERM}.later (may)`, `${AZURERM}.same`]);
});

test('an azapi action that PUTs or PATCHes a rule of the workspace (or by a method known later) is an export; a POST, GET or DELETE is not', () => {
  const body = { properties: { tableNames: ['AzureDiagnostics'] } };
  const action = (method?: string) => ({ type: EXPORT_TYPE, resource_id: `${WORKSPACE}/dataExports/copy`, ...(method === undefined ? {} : { method }), body });
  expect(exportsOf({
    azapi_resource_action: { put: action('PUT'), patch: action('patch'), later: action('${var.method}'), post: action(), get: action('GET'), remove: action('DELETE') },
  })).toEqual(['azapi_resource_action.later: "AzureDiagnostics"', 'azapi_resource_action.patch: "AzureDiagnostics"', 'azapi_resource_action.put: "AzureDiagnostics"']);
});

test('a rule of the workspace by its ID without the leading "/", or its name with a final dot, is one of its exports (A14b-7, A14a-4)', () => {
  expect(exportsOf({
    [AZURERM]: { bare: rule(['AzureDiagnostics'], WORKSPACE.slice(1)), dotted: rule(['AzureDiagnostics'], `${WORKSPACE.toUpperCase()}./`), other: rule(['AzureDiagnostics'], OTHER.slice(1)) },
  })).toEqual([`${AZURERM}.bare: "AzureDiagnostics"`, `${AZURERM}.dotted: "AzureDiagnostics"`]);
});
