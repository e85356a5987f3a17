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
    metrics: setting('stack/metrics', { log_analytics_workspace_id: WORKSPACE, enabled_metric: [{ category: 'AllMetrics' }] }),
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
