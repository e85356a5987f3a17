import { MonitorDiagnosticSetting, MonitorDiagnosticSettingEnabledLog } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { minimalProps, minimalSingleProps, providerStack, synthErrors } from '../helpers';

// The constructs export the server log (connection lines and pgaudit lines) with the category group
// allLogs; an escape hatch or override that narrows the diagnostic setting to other categories drops
// it, and fails synth as DiagnosticSettings.disabled() without a justification would (adversary
// finding N11).

const diagnosticSetting = (server: SecureFlexibleServer | SecureSingleServer) =>
  server.node.findAll().find((child) => child instanceof MonitorDiagnosticSetting) as MonitorDiagnosticSetting;

/** The log rules' findings: a narrowed export of a construct also fails PG-CFG-6, which pins what it exports (A14a-13). */
const logFindings = (lines: string[]) => lines.filter((line) => !line.includes(' PG-CFG-6 '));

const NO_SERVER_LOG = 'the diagnostic setting does not export the server log (where connections and pgaudit write): no enabled_log has category "PostgreSQLLogs" or category_group "allLogs" or "audit".';

const FLEXIBLE_FAILURE =
  `  [trust] azurerm_monitor_diagnostic_setting.Postgres_DiagnosticSetting_ABA27EC3 PGF-LOG-8 ${NO_SERVER_LOG} Fix: Add an azurerm_monitor_diagnostic_setting for the server with a Log Analytics workspace and enabled_log { category_group = "allLogs" }.`;

test.each<[string, MonitorDiagnosticSettingEnabledLog[]]>([
  ['PostgreSQLFlexSessions', [{ category: 'PostgreSQLFlexSessions' }]],
  ['PostgreSQLFlexQueryStoreWaitStats', [{ category: 'PostgreSQLFlexQueryStoreWaitStats' }]],
])('SecureFlexibleServer: its diagnostic setting narrowed to %s only (escape hatch) fails synth', (_name, logs) => {
  const stack = providerStack('trust');
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  diagnosticSetting(postgres).putEnabledLog(logs);
  expect(logFindings(synthErrors(stack))).toEqual([FLEXIBLE_FAILURE]);
});

test('SecureFlexibleServer: an override that turns its allLogs group into the sessions category fails synth', () => {
  const stack = providerStack('trust');
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  diagnosticSetting(postgres).addOverride('enabled_log.0.category_group', null);
  diagnosticSetting(postgres).addOverride('enabled_log.0.category', 'PostgreSQLFlexSessions');
  expect(logFindings(synthErrors(stack))).toEqual([FLEXIBLE_FAILURE]);
});

test('SecureFlexibleServer: its diagnostic setting narrowed to the category PostgreSQLLogs keeps the server log, but the pins refuse the narrowing', () => {
  const stack = providerStack('trust');
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  diagnosticSetting(postgres).putEnabledLog([{ category: 'PostgreSQLLogs' }]);
  const errors = synthErrors(stack);
  expect(logFindings(errors)).toEqual([]);
  expect(errors.join('\n')).toContain('PG-CFG-6 enabled_log.category_group is unset, where the construct\'s props set "allLogs".');
});

test('SecureSingleServer: its diagnostic setting overridden to the query store only fails synth', () => {
  const stack = providerStack('trust');
  const postgres = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
  diagnosticSetting(postgres).putEnabledLog([{ category: 'QueryStoreRuntimeStatistics' }]);
  expect(logFindings(synthErrors(stack))).toEqual([
    `  [trust] azurerm_monitor_diagnostic_setting.Legacy_DiagnosticSetting_B177DB3B PGS-LOG-7 ${NO_SERVER_LOG} Fix: Add an azurerm_monitor_diagnostic_setting for the server ID with a log_analytics_workspace_id and enabled_log { category_group = "allLogs" }.`,
  ]);
});
