import { rule } from '../../../lib/checks/rules/PG-LOG-1';
import { CONSTRUCT, madeAt, verdictsBeside } from '../beside-fixtures';
import { TerraformBlock } from '../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../rule-harness';

const WORKSPACE = '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/central/providers/Microsoft.OperationalInsights/workspaces/central';
const STORAGE = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/x/providers/Microsoft.Storage/storageAccounts/other';
const setting = (path: string, block: TerraformBlock): TerraformBlock => ({ ...madeAt(path), name: 'diag', target_resource_id: `\${${FLEXIBLE}.db.id}`, ...block });
const stack = (settings: { [name: string]: TerraformBlock }): Resources => ({
  [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
  azurerm_monitor_diagnostic_setting: settings,
});

test('passes the construct\'s export to a central workspace of another subscription, and a setting of metrics only beside it', () => {
  expect(verdictsBeside(rule, stack({
    own: setting(`${CONSTRUCT}/DiagnosticSetting`, { log_analytics_workspace_id: WORKSPACE, enabled_log: [{ category: 'PostgreSQLLogs' }] }),
    metrics: setting('stack/metrics', { name: 'metrics', log_analytics_workspace_id: WORKSPACE, enabled_metric: [{ category: 'AllMetrics' }] }),
  }), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
});

test('is not applicable to a server no construct of the library made', () => {
  expect(verdictsBeside(rule, stack({ raw: setting('stack/raw', { storage_account_id: STORAGE, enabled_log: [{ category: 'PostgreSQLLogs' }] }) }))).toEqual([
    { status: 'not-applicable', note: 'the server is not made by a construct of the library: where its logs go is its owner\'s to judge' },
  ]);
});

test('fails an export beside the construct whose logs are a dynamic block, known only at plan time', () => {
  const dynamic = setting('stack/dynamic', { storage_account_id: STORAGE, dynamic: { enabled_log: { for_each: '${var.categories}', content: { category: '${enabled_log.value}' } } } });
  expect(verdictsBeside(rule, stack({ dynamic }), [CONSTRUCT])).toEqual([{
    status: 'fail',
    message: `azurerm_monitor_diagnostic_setting.dynamic exports the server's logs (storage_account_id "${STORAGE}"), an export ${CONSTRUCT} does not declare.`,
    address: 'azurerm_monitor_diagnostic_setting.dynamic',
  }]);
});

test('fails a second export of the server\'s logs added beside the construct', () => {
  expect(verdictsBeside(rule, stack({ copy: setting('stack/copy', { storage_account_id: STORAGE, enabled_log: [{ category: 'PostgreSQLLogs' }] }) }), [CONSTRUCT])).toEqual([{
    status: 'fail',
    message: `azurerm_monitor_diagnostic_setting.copy exports the server's logs (storage_account_id "${STORAGE}"), an export ${CONSTRUCT} does not declare.`,
    address: 'azurerm_monitor_diagnostic_setting.copy',
  }]);
});

describe('data export rules of the workspace the construct sends the logs to (A5-17)', () => {
  const own = setting(`${CONSTRUCT}/DiagnosticSetting`, { log_analytics_workspace_id: WORKSPACE, enabled_log: [{ category: 'PostgreSQLLogs' }] });
  const withExports = (extra: Resources): Resources => ({ ...stack({ own }), ...extra });
  const exportRule = (block: TerraformBlock): TerraformBlock => ({ name: 'copy', resource_group_name: 'central', destination_resource_id: STORAGE, enabled: true, ...block });

  test('passes an export of other tables, and one of another workspace', () => {
    expect(verdictsBeside(rule, withExports({
      azurerm_log_analytics_data_export_rule: {
        heartbeat: exportRule({ workspace_resource_id: WORKSPACE, table_names: ['Heartbeat', 'SigninLogs'] }),
        other: exportRule({ workspace_resource_id: `${WORKSPACE}-other`, table_names: ['AzureDiagnostics'] }),
      },
    }), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
  });

  test('fails an export of the tables that hold the server\'s logs, the workspace ID in any letter case', () => {
    expect(verdictsBeside(rule, withExports({
      azurerm_log_analytics_data_export_rule: { copy: exportRule({ workspace_resource_id: WORKSPACE.toUpperCase(), table_names: ['Heartbeat', 'AzureDiagnostics', 'PGSQLPgAudit'] }) },
    }), [CONSTRUCT])).toEqual([{
      status: 'fail',
      message: `azurerm_log_analytics_data_export_rule.copy copies the tables "AzureDiagnostics", "PGSQLPgAudit" of the workspace ${CONSTRUCT} sends the server's logs to, an export ${CONSTRUCT} does not declare.`,
      address: 'azurerm_log_analytics_data_export_rule.copy',
    }]);
  });

  test('fails tables known only later, and a workspace given by the same reference', () => {
    const byReference = stack({ own: { ...own, log_analytics_workspace_id: '${azurerm_log_analytics_workspace.logs.id}' } });
    expect(verdictsBeside(rule, {
      ...byReference,
      azurerm_log_analytics_data_export_rule: { copy: exportRule({ workspace_resource_id: '${azurerm_log_analytics_workspace.logs.id}', table_names: '${var.tables}' }) },
    }, [CONSTRUCT])).toEqual([{
      status: 'fail',
      message: `azurerm_log_analytics_data_export_rule.copy copies the tables "\${var.tables}" (known only later) of the workspace ${CONSTRUCT} sends the server's logs to, an export ${CONSTRUCT} does not declare.`,
      address: 'azurerm_log_analytics_data_export_rule.copy',
    }]);
  });

  test('fails an azapi data export rule under the workspace, by parent_id or by resource_id, body as an object or as JSON text', () => {
    const body = { properties: { destination: { resourceId: STORAGE }, tableNames: ['PGSQLServerLogs'] } };
    const verdicts = verdictsBeside(rule, withExports({
      azapi_resource: {
        child: { type: 'Microsoft.OperationalInsights/workspaces/dataExports@2020-08-01', name: 'copy', parent_id: WORKSPACE, body },
        unrelated: { type: 'Microsoft.OperationalInsights/workspaces/savedSearches@2020-08-01', name: 'q', parent_id: WORKSPACE, body: { properties: {} } },
      },
      azapi_update_resource: {
        update: { type: 'microsoft.operationalinsights/workspaces/dataexports@2023-09-01', resource_id: `${WORKSPACE}/dataExports/existing`, body: JSON.stringify(body) },
      },
    }), [CONSTRUCT]);
    expect(verdicts.map((verdict) => (verdict.status === 'fail' ? verdict.address : verdict.status))).toEqual(['azapi_resource.child', 'azapi_update_resource.update']);
  });

  test('is not judged for a server whose construct sends no logs to a workspace', () => {
    expect(verdictsBeside(rule, {
      ...stack({ own: setting(`${CONSTRUCT}/DiagnosticSetting`, { storage_account_id: STORAGE, enabled_log: [{ category: 'PostgreSQLLogs' }] }) }),
      azurerm_log_analytics_data_export_rule: { copy: exportRule({ workspace_resource_id: WORKSPACE, table_names: ['AzureDiagnostics'] }) },
    }, [CONSTRUCT])).toEqual([{ status: 'pass' }]);
  });
});

describe('the construct\'s workspace named by literal ID, a workspace of the stack, or a pointer known only later (A14b-5)', () => {
  const LOGS = '/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/RG-Logs/providers/Microsoft.OperationalInsights/workspaces/Logs-DB';
  const workspaces: Resources = {
    azurerm_resource_group: { logs: { name: 'rg-logs', location: 'westeurope' } },
    azurerm_log_analytics_workspace: { logs: { name: 'logs-db', resource_group_name: '${azurerm_resource_group.logs.name}', location: 'westeurope' } },
  };
  const exportRule = (workspace: unknown): TerraformBlock => ({ name: 'copy', resource_group_name: 'rg-logs', destination_resource_id: STORAGE, enabled: true, workspace_resource_id: workspace, table_names: ['AzureDiagnostics'] });
  const exportsOf = (workspace: unknown, exports: { [name: string]: unknown }, extra: Resources = {}) => verdictsBeside(rule, {
    ...stack({ own: setting(`${CONSTRUCT}/DiagnosticSetting`, { log_analytics_workspace_id: workspace, enabled_log: [{ category: 'PostgreSQLLogs' }] }) }),
    ...workspaces,
    ...extra,
    azurerm_log_analytics_data_export_rule: Object.fromEntries(Object.entries(exports).map(([name, pointer]) => [name, exportRule(pointer)])),
  }, [CONSTRUCT]).map((verdict) => (verdict.status === 'fail' ? verdict.message : verdict.status));
  const sure = (name: string) => `azurerm_log_analytics_data_export_rule.${name} copies the tables "AzureDiagnostics" of the workspace ${CONSTRUCT} sends the server's logs to, an export ${CONSTRUCT} does not declare.`;
  const maybe = (name: string, pointer: string) => `azurerm_log_analytics_data_export_rule.${name} copies the tables "AzureDiagnostics" of a workspace known only at apply time ("${pointer}") that may be the one ${CONSTRUCT} sends the server's logs to, an export ${CONSTRUCT} does not declare.`;

  test('fails an export of a workspace of the stack (group by reference) by its literal ID in any case, and of the construct\'s literal ID by the workspace\'s reference', () => {
    expect(exportsOf('${azurerm_log_analytics_workspace.logs.id}', { literal: LOGS, upper: LOGS.toUpperCase() })).toEqual([sure('literal'), sure('upper')]);
    expect(exportsOf(LOGS, { reference: '${azurerm_log_analytics_workspace.logs.id}' })).toEqual([sure('reference')]);
  });

  test('fails an export whose workspace is a variable or a template that may spell the workspace\'s ID; passes another ID, another workspace and a template of another type', () => {
    expect(exportsOf('${azurerm_log_analytics_workspace.logs.id}', {
      variable: '${var.workspace}',
      template: '/subscriptions/${var.subscription}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/${var.name}',
      other: LOGS.replace('Logs-DB', 'other'),
      storage: '${azurerm_storage_account.x.id}',
      vault: '/subscriptions/${var.subscription}/resourceGroups/rg-logs/providers/Microsoft.KeyVault/vaults/${var.name}',
    })).toEqual([
      maybe('template', '/subscriptions/${var.subscription}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/${var.name}'),
      maybe('variable', '${var.workspace}'),
    ]);
    expect(exportsOf('${azurerm_log_analytics_workspace.logs.id}', { other: '${azurerm_log_analytics_workspace.other.id}' }, {
      azurerm_log_analytics_workspace: { ...workspaces.azurerm_log_analytics_workspace, other: { name: 'other', resource_group_name: 'rg-logs', location: 'westeurope' } },
    })).toEqual(['pass']);
  });

  test('when the construct\'s workspace is known only at apply time, every export of the log tables beside it may copy them; by the same variable for sure', () => {
    expect(exportsOf('${var.workspace}', { same: '${var.workspace}', other: '${var.other}', literal: LOGS })).toEqual([maybe('literal', LOGS), maybe('other', '${var.other}'), sure('same')]);
  });

  test('fails an azapi export under a literal ID or whose ID is known only later', () => {
    const body = { properties: { tableNames: ['AzureDiagnostics'] } };
    const verdicts = verdictsBeside(rule, {
      ...stack({ own: setting(`${CONSTRUCT}/DiagnosticSetting`, { log_analytics_workspace_id: '${azurerm_log_analytics_workspace.logs.id}', enabled_log: [{ category: 'PostgreSQLLogs' }] }) }),
      ...workspaces,
      azapi_resource: { child: { type: 'Microsoft.OperationalInsights/workspaces/dataExports@2020-08-01', name: 'copy', parent_id: LOGS, body } },
      azapi_update_resource: {
        later: { type: 'Microsoft.OperationalInsights/workspaces/dataExports@2020-08-01', resource_id: '${var.workspace}/dataExports/x', body },
        other: { type: 'Microsoft.OperationalInsights/workspaces/dataExports@2020-08-01', resource_id: `${LOGS}-other/dataExports/x`, body },
      },
    }, [CONSTRUCT]);
    expect(verdicts.map((verdict) => (verdict.status === 'fail' ? verdict.address : verdict.status))).toEqual(['azapi_resource.child', 'azapi_update_resource.later']);
  });
});

describe('a second setting of the construct\'s setting\'s name on the server (A16a-9)', () => {
  const own = setting(`${CONSTRUCT}/DiagnosticSetting`, { name: 'send-to-log-analytics', log_analytics_workspace_id: WORKSPACE, enabled_log: [{ category: 'PostgreSQLLogs' }] });
  const metrics = (name: unknown): TerraformBlock => setting('stack/metrics', { name, log_analytics_workspace_id: WORKSPACE, enabled_metric: [{ category: 'AllMetrics' }] });

  test('fails a metrics-only setting named like the construct\'s in any case, and one whose name is known only at apply time', () => {
    expect(verdictsBeside(rule, stack({ own, metrics: metrics('SEND-to-log-analytics ') }), [CONSTRUCT])).toEqual([{
      status: 'fail',
      message: `azurerm_monitor_diagnostic_setting.metrics, named "SEND-to-log-analytics ", is the diagnostic setting "send-to-log-analytics" ${CONSTRUCT} makes on the server written again (Azure names a setting by its target and name, in any case): the last apply wins, and the server's log export may stop.`,
      address: 'azurerm_monitor_diagnostic_setting.metrics',
    }]);
    expect(verdictsBeside(rule, stack({ own, metrics: metrics('${var.name}') }), [CONSTRUCT])).toEqual([expect.objectContaining({
      status: 'fail',
      message: expect.stringContaining('whose name "${var.name}" is known only at apply time and may be "send-to-log-analytics"'),
    })]);
  });

  test('passes another name, and reports a namesake that exports logs once', () => {
    expect(verdictsBeside(rule, stack({ own, metrics: metrics('metrics-only') }), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
    const exporting = setting('stack/copy', { name: 'send-to-log-analytics', storage_account_id: STORAGE, enabled_log: [{ category: 'PostgreSQLLogs' }] });
    expect(verdictsBeside(rule, stack({ own, copy: exporting }), [CONSTRUCT])).toHaveLength(1);
  });
});
