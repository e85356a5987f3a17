import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, Verdict } from '../rule';
import { asList, ResourceView } from '../stack-model';

const DESTINATIONS = ['log_analytics_workspace_id', 'storage_account_id', 'eventhub_authorization_rule_id', 'partner_solution_id'];

/** Why a diagnostic setting does not send the server's logs anywhere, or undefined when it does. */
function shortcoming(setting: ResourceView): string | undefined {
  const hasDestination = DESTINATIONS.some((attribute) => {
    const value = setting.config[attribute];
    return typeof value === 'string' && value !== '';
  });
  if (!hasDestination) return `diagnostic setting ${setting.name} has no destination (${DESTINATIONS.join(', ')}).`;
  const logs = asList(setting.config.enabled_log).filter((log) => log.category !== undefined || log.category_group !== undefined);
  if (logs.length === 0) return `diagnostic setting ${setting.name} sends no logs, as it has no enabled_log block.`;
  return undefined;
}

/**
 * Server logs leave the server: an azurerm_monitor_diagnostic_setting targets it, has a
 * destination and at least one enabled_log (the log block removed in azurerm 4.0 does not count).
 * No Checkov or Trivy check covers it.
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
  evaluate: (server): Verdict => {
    if (server.diagnosticSettings.length === 0) {
      if (!server.defined) return notApplicable('the server is defined outside this stack, and this stack gives it no diagnostic setting');
      return fail('no azurerm_monitor_diagnostic_setting targets the server, so its logs stay on the server.');
    }
    const problems = server.diagnosticSettings.map((setting) => ({ setting, problem: shortcoming(setting) }));
    if (problems.some(({ problem }) => problem === undefined)) return PASS;
    return fail(problems[0].problem!, problems[0].setting.address);
  },
};
