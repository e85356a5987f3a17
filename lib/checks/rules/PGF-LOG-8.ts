import { anyOf, isSet, nestedBlock } from '../value-readers';
import { notApplicable, Rule, RuleSeverity, SecurityLayer } from '../rule';
import { asList, ResourceView } from '../stack-model';

const DESTINATIONS = ['log_analytics_workspace_id', 'storage_account_id', 'eventhub_authorization_rule_id', 'partner_solution_id'];

/** What keeps a diagnostic setting from sending the server's logs anywhere, if anything. */
function problem(setting: ResourceView): string | undefined {
  if (!DESTINATIONS.some((attribute) => isSet(setting.config[attribute]))) return 'the diagnostic setting has no destination (Log Analytics, storage, Event Hub or partner solution).';
  const logs = nestedBlock(setting.config, 'enabled_log');
  // A dynamic or computed enabled_log cannot be read: the setting is given the benefit of the doubt.
  if (logs.state === 'unknown') return undefined;
  const enabled = asList(setting.config.enabled_log).filter((log) => typeof log === 'object' && log !== null && (isSet(log.category) || isSet(log.category_group)));
  if (enabled.length === 0) return 'the diagnostic setting sends metrics only: it has no enabled_log with a category or category_group.';
  return undefined;
}

/**
 * Server logs sent to a destination: an azurerm_monitor_diagnostic_setting targets the server,
 * has a destination, and enables at least one log category or category group (metrics alone do
 * not carry the server log, where pgaudit writes). An enabled_log written as a dynamic block is
 * accepted unread. For a server defined outside this stack without a setting here, the setting
 * may be defined elsewhere: not applicable. No Checkov or Trivy check covers it.
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
  evaluate: (server) => {
    if (!server.defined && server.diagnosticSettings.length === 0) {
      return notApplicable('the server is defined outside this stack, and so may be its diagnostic setting');
    }
    return anyOf(server.diagnosticSettings, problem, 'no azurerm_monitor_diagnostic_setting sends the server\'s logs anywhere.');
  },
};
