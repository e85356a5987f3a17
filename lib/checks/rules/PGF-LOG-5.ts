import { parameterSatisfies } from '../parameter-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Log files kept more than 3 days: logfiles.retention_days written as a whole number of at least
 * 4 (Azure's default is 3, its maximum 7). This is the CIS threshold; Azure Policy f5ed3f7a
 * ("Configure logfiles.retention_days to at least 7 days") asks for 7, which passes here too.
 * No Checkov or Trivy check covers Flexible Server (Checkov's CKV_AZURE_146 judges Single
 * Server's log_retention).
 */
export const rule: Rule = {
  id: 'PGF-LOG-5',
  title: 'Log files kept more than 3 days',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: { cis: ['Fnd v3 5.2.4', 'DB 6.6'] },
  fix: 'Add an azurerm_postgresql_flexible_server_configuration logfiles.retention_days = "7".',
  appliesTo: 'flexible',
  evaluate: (server) => parameterSatisfies(server, 'logfiles.retention_days', 'a whole number of at least 4', (value) => /^\d+$/.test(value) && Number(value) >= 4),
};
