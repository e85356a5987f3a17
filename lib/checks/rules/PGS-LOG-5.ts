import { parameterSatisfies } from '../parameter-checks';
import { Rule, RuleSeverity, SecurityLayer, faultsOf } from '../rule';

/**
 * Server logs kept more than 3 days: log_retention_days written as a whole number from 4 to 7 (the
 * Azure default is 3, the maximum 7). A log_retention parameter written as "off" fails too.
 *
 * Differs from CKV_AZURE_146, which never reads log_retention_days: it fails only when a
 * log_retention parameter is exactly "off", and passes when nothing is written.
 */
export const rule: Rule = {
  id: 'PGS-LOG-5',
  title: 'Logs kept more than 3 days',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: { cis: ['Fnd v2 4.3.6'], checkov: ['CKV_AZURE_146'] },
  fix: 'Add an azurerm_postgresql_configuration log_retention_days = "7" for the server.',
  appliesTo: 'single',
  evaluate: (server) =>
    faultsOf(
      parameterSatisfies(server, 'log_retention', 'a value that keeps server logs (anything but "off")', (value) => value.trim().toLowerCase() !== 'off', true),
      parameterSatisfies(server, 'log_retention_days', 'a whole number from 4 to 7', (value) => /^\d+$/.test(value.trim()) && Number(value) >= 4 && Number(value) <= 7),
    ),
};
