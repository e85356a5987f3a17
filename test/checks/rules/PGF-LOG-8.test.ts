import { rule } from '../../../lib/checks/rules/PGF-LOG-8';
import { TerraformBlock } from '../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

const DIAGNOSTIC = 'azurerm_monitor_diagnostic_setting';
const setting = (overrides: TerraformBlock = {}): TerraformBlock => ({
  name: 'send-to-log-analytics',
  target_resource_id: `\${${FLEXIBLE}.db.id}`,
  log_analytics_workspace_id: '${azurerm_log_analytics_workspace.logs.id}',
  enabled_log: [{ category_group: 'allLogs' }],
  enabled_metric: [{ category: 'AllMetrics' }],
  ...overrides,
});
const withSettings = (settings: { [name: string]: TerraformBlock }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [DIAGNOSTIC]: settings });

test('passes a setting that sends all logs to Log Analytics', () => {
  expect(judge(rule, withSettings({ logs: setting() }))).toEqual({ status: 'pass' });
});

test.each([
  ['storage_account_id', { storage_account_id: '${azurerm_storage_account.logs.id}' }],
  ['eventhub_authorization_rule_id', { eventhub_authorization_rule_id: '${azurerm_eventhub_namespace_authorization_rule.logs.id}' }],
  ['partner_solution_id', { partner_solution_id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Datadog/monitors/dd' }],
])('passes a %s destination', (_name, destination) => {
  expect(judge(rule, withSettings({ logs: setting({ log_analytics_workspace_id: undefined, ...destination }) }))).toEqual({ status: 'pass' });
});

test('passes one enabled_log category written as an object', () => {
  expect(judge(rule, withSettings({ logs: setting({ enabled_log: { category: 'PostgreSQLLogs' } }) }))).toEqual({ status: 'pass' });
});

test('passes a setting that targets the server by literal ID', () => {
  const target = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db';
  expect(judge(rule, withSettings({ logs: setting({ target_resource_id: target }) }))).toEqual({ status: 'pass' });
});

test('fails without a diagnostic setting', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({
    status: 'fail',
    message: "no azurerm_monitor_diagnostic_setting sends the server's logs anywhere.",
    address: undefined,
  });
});

test('fails a setting that sends metrics only, and names it', () => {
  expect(judge(rule, withSettings({ metrics: setting({ enabled_log: undefined }) }))).toEqual({
    status: 'fail',
    message: 'the diagnostic setting sends metrics only: it has no enabled_log with a category or category_group.',
    address: `${DIAGNOSTIC}.metrics`,
  });
});

test('fails a setting without a destination', () => {
  expect(judge(rule, withSettings({ logs: setting({ log_analytics_workspace_id: undefined }) }))).toMatchObject({ status: 'fail', address: `${DIAGNOSTIC}.logs` });
});

test('passes when one of several settings qualifies', () => {
  expect(judge(rule, withSettings({ metrics: setting({ name: 'metrics', enabled_log: undefined }), logs: setting() }))).toEqual({ status: 'pass' });
});

test('fails a setting that targets another server', () => {
  const resources = {
    [FLEXIBLE]: { db: compliantFlexibleServer(), other: compliantFlexibleServer({ name: 'other-db' }) },
    [DIAGNOSTIC]: { logs: setting({ target_resource_id: `\${${FLEXIBLE}.other.id}` }) },
  };
  expect(judge(rule, resources)).toMatchObject({ status: 'fail' });
});

test('an enabled_log written as a dynamic block is unknown, never a pass', () => {
  const dynamic = setting({ enabled_log: undefined, dynamic: { enabled_log: { for_each: '${var.categories}', content: { category: '${each.value}' } } } });
  expect(judge(rule, withSettings({ logs: dynamic }))).toEqual({
    status: 'unknown',
    note: `the enabled_log blocks of ${DIAGNOSTIC}.logs are known only at plan time`,
    address: `${DIAGNOSTIC}.logs`,
  });
});

const NO_SERVER_LOG = 'the diagnostic setting does not export the server log (where connections and pgaudit write): no enabled_log has category "PostgreSQLLogs" or category_group "allLogs" or "audit".';

test.each([
  ['category PostgreSQLLogs', [{ category: 'PostgreSQLLogs' }]],
  ['category group audit', [{ category_group: 'audit' }]],
  ['category group allLogs in another case', [{ category_group: 'ALLLOGS' }]],
  ['the server log beside other categories', [{ category: 'PostgreSQLFlexSessions' }, { category: 'postgresqllogs' }]],
])('passes an enabled_log with the %s', (_name, logs) => {
  expect(judge(rule, withSettings({ logs: setting({ enabled_log: logs }) }))).toEqual({ status: 'pass' });
});

test.each([
  ['PostgreSQLFlexSessions', [{ category: 'PostgreSQLFlexSessions' }]],
  ['the query store categories', [{ category: 'PostgreSQLFlexQueryStoreRuntime' }, { category: 'PostgreSQLFlexQueryStoreWaitStats' }]],
  ['a category group that does not hold the server log', [{ category_group: 'PostgreSQLLogs' }]],
  ['a category named like a group', [{ category: 'allLogs' }]],
])('fails an enabled_log with only %s: the server log stays on the server', (_name, logs) => {
  expect(judge(rule, withSettings({ sessions: setting({ enabled_log: logs }) }))).toEqual({
    status: 'fail',
    message: NO_SERVER_LOG,
    address: `${DIAGNOSTIC}.sessions`,
  });
});

test('a category known only at apply time is unknown, never a pass', () => {
  expect(judge(rule, withSettings({ logs: setting({ enabled_log: [{ category: '${var.category}' }] }) }))).toEqual({
    status: 'unknown',
    note: `the enabled_log blocks of ${DIAGNOSTIC}.logs are known only at plan time`,
    address: `${DIAGNOSTIC}.logs`,
  });
});

test('two settings, neither with the server log, fail', () => {
  const logs = [{ category: 'PostgreSQLFlexSessions' }];
  expect(judge(rule, withSettings({ a: setting({ enabled_log: logs }), b: setting({ enabled_log: [{ category: 'PostgreSQLFlexTableStats' }] }) }))).toMatchObject({ status: 'fail', message: NO_SERVER_LOG });
});

// X78-60 (adversarial run of stop 78): two settings of one server whose names differ only in case are one Azure object; the last
// apply wins, so a metrics-only one beside one that sends the logs may stop them.
describe('a second setting that may have the same name', () => {
  const metricsOnly = (name: unknown) => setting({ name, enabled_log: undefined });

  test.each([['DIAG', 'diag'], ['diag ', 'diag'], ['${var.name}', 'diag']])('fails a metrics-only setting named %j beside one named %j that sends the logs', (other, own) => {
    expect(judge(rule, withSettings({ logs: setting({ name: own }), metrics: metricsOnly(other) }))).toEqual({
      status: 'fail',
      message: `diagnostic settings ${DIAGNOSTIC}.logs and ${DIAGNOSTIC}.metrics may have one name (Azure compares a setting's name without case, and a name known only at apply time may be any), so they are one setting written twice and the last apply wins: ${DIAGNOSTIC}.metrics sends metrics only: it has no enabled_log with a category or category_group.`,
      address: `${DIAGNOSTIC}.metrics`,
    });
  });

  test('passes a metrics-only setting of another name, and two namesakes that both send the logs', () => {
    expect(judge(rule, withSettings({ logs: setting({ name: 'diag' }), metrics: metricsOnly('metrics') }))).toEqual({ status: 'pass' });
    expect(judge(rule, withSettings({ logs: setting({ name: 'diag' }), again: setting({ name: 'DIAG' }) }))).toEqual({ status: 'pass' });
  });

  test('passes when another setting that sends the logs has no namesake', () => {
    expect(judge(rule, withSettings({ logs: setting({ name: 'diag' }), metrics: metricsOnly('DIAG'), more: setting({ name: 'archive' }) }))).toEqual({ status: 'pass' });
  });
});

// Z78-5: a name known only at apply time is any its template can spell, not any at all.
test('passes a metrics-only setting whose template name cannot spell the other\'s', () => {
  for (const name of ['${var.prefix}-metrics', `\${${FLEXIBLE}.db.name}-metrics`]) {
    expect(judge(rule, withSettings({ logs: setting({ name: 'diag' }), metrics: setting({ name, enabled_log: undefined }) }))).toEqual({ status: 'pass' });
  }
  expect(judge(rule, withSettings({ logs: setting({ name: 'diag-metrics' }), metrics: setting({ name: '${var.prefix}-metrics', enabled_log: undefined }) }))).toMatchObject({ status: 'fail' });
});
