import { rule } from '../../../lib/checks/rules/PGS-LOG-7';
import { judge } from '../rule-harness';
import { DIAGNOSTIC_SETTING, diagnosticSetting, singleStack } from '../single-fixtures';

test('passes a setting that sends all logs to Log Analytics', () => {
  expect(judge(rule, singleStack({ [DIAGNOSTIC_SETTING]: { diag: diagnosticSetting() } }))).toEqual({ status: 'pass' });
});

test('passes a setting to a storage account, with enabled_log written as an object', () => {
  const setting = diagnosticSetting({ log_analytics_workspace_id: undefined, storage_account_id: '${var.storage_account_id}', enabled_log: { category: 'PostgreSQLLogs' } });
  expect(judge(rule, singleStack({ [DIAGNOSTIC_SETTING]: { diag: setting } }))).toEqual({ status: 'pass' });
});

test('fails when no diagnostic setting targets the server', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'fail', message: 'no azurerm_monitor_diagnostic_setting sends the server\'s logs anywhere.' });
});

test('fails a setting with metrics only', () => {
  expect(judge(rule, singleStack({ [DIAGNOSTIC_SETTING]: { diag: diagnosticSetting({ enabled_log: undefined }) } }))).toEqual({
    status: 'fail',
    message: 'the diagnostic setting sends metrics only: it has no enabled_log with a category or category_group.',
    address: `${DIAGNOSTIC_SETTING}.diag`,
  });
});

test('fails a setting without a destination', () => {
  expect(judge(rule, singleStack({ [DIAGNOSTIC_SETTING]: { diag: diagnosticSetting({ log_analytics_workspace_id: undefined }) } }))).toMatchObject({
    status: 'fail',
    address: `${DIAGNOSTIC_SETTING}.diag`,
  });
});

test('passes when one of several settings is complete', () => {
  const settings = { metrics: diagnosticSetting({ name: 'metrics', enabled_log: [] }), logs: diagnosticSetting() };
  expect(judge(rule, singleStack({ [DIAGNOSTIC_SETTING]: settings }))).toEqual({ status: 'pass' });
});

test('ignores a setting for another resource', () => {
  const other = diagnosticSetting({ target_resource_id: '${azurerm_key_vault.kv.id}' });
  expect(judge(rule, singleStack({ [DIAGNOSTIC_SETTING]: { diag: other } }))).toMatchObject({ status: 'fail' });
});

test('fails a setting that exports only the query store: the server log stays on the server', () => {
  const setting = diagnosticSetting({ enabled_log: [{ category: 'QueryStoreRuntimeStatistics' }, { category: 'QueryStoreWaitStatistics' }] });
  expect(judge(rule, singleStack({ [DIAGNOSTIC_SETTING]: { diag: setting } }))).toEqual({
    status: 'fail',
    message: 'the diagnostic setting does not export the server log (where connections and pgaudit write): no enabled_log has category "PostgreSQLLogs" or category_group "allLogs" or "audit".',
    address: `${DIAGNOSTIC_SETTING}.diag`,
  });
});

test('passes a setting that exports the audit category group', () => {
  const setting = diagnosticSetting({ enabled_log: [{ category_group: 'audit' }] });
  expect(judge(rule, singleStack({ [DIAGNOSTIC_SETTING]: { diag: setting } }))).toEqual({ status: 'pass' });
});

// X78-60: a metrics-only setting that may share the name of the one that sends the logs is that setting written twice.
test('fails a metrics-only setting whose name differs only in case from the one that sends the logs', () => {
  const settings = { metrics: diagnosticSetting({ name: 'DIAG', enabled_log: [] }), logs: diagnosticSetting({ name: 'diag' }) };
  expect(judge(rule, singleStack({ [DIAGNOSTIC_SETTING]: settings }))).toMatchObject({ status: 'fail', address: `${DIAGNOSTIC_SETTING}.metrics` });
});
