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
