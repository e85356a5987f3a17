import { sendsLogs } from '../diagnostic-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Server logs sent to a destination: an azurerm_monitor_diagnostic_setting targets the server,
 * has a destination, and exports the server log, where the connection lines and pgaudit write
 * (category PostgreSQLLogs, or the category group allLogs or audit; metrics, sessions or query
 * store alone do not); see sendsLogs. An enabled_log written as a
 * dynamic block cannot be read: unknown. For a server defined outside this stack without a
 * setting here, the setting may be defined elsewhere: not applicable. No Checkov or Trivy check
 * covers it.
 */
export const rule: Rule = {
  id: 'PGF-LOG-8',
  title: 'Server logs sent to a destination',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {
    azurePolicy: [
      '78ed47da Deploy Diagnostic Settings for PostgreSQL flexible servers to Log Analytics workspace',
      'cdd1dbc6 Enable logging by category group for PostgreSQL flexible server (microsoft.dbforpostgresql/flexibleservers) to Log Analytics',
    ],
  },
  fix: 'Add an azurerm_monitor_diagnostic_setting for the server with a Log Analytics workspace and enabled_log { category_group = "allLogs" }.',
  appliesTo: 'flexible',
  evaluate: sendsLogs,
};
