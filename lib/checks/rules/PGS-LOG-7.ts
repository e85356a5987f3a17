import { sendsLogs } from '../diagnostic-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Server logs leave the server: an azurerm_monitor_diagnostic_setting targets it, has a
 * destination and an enabled_log that exports the server log (category PostgreSQLLogs, or the
 * category group allLogs or audit; the log block removed in azurerm 4.0 does not count); see
 * sendsLogs. No Checkov or Trivy check covers it.
 */
export const rule: Rule = {
  id: 'PGS-LOG-7',
  title: 'Server logs sent to a destination',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {
    azurePolicy: [
      'bbdbb83b Enable logging by category group for PostgreSQL servers to Log Analytics',
      '69d4fcec Diagnostic settings for PostgreSQL servers to Storage',
      '3d7d0cc7 Diagnostic settings for PostgreSQL servers to Event Hub',
    ],
  },
  fix: 'Add an azurerm_monitor_diagnostic_setting for the server ID with a log_analytics_workspace_id and enabled_log { category_group = "allLogs" }.',
  appliesTo: 'single',
  evaluate: sendsLogs,
};
