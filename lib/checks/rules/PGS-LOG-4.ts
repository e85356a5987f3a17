import { Rule, RuleSeverity, SecurityLayer } from '../rule';
import { parameterEquals } from '../parameter-checks';

/**
 * Server parameter connection_throttling written as "on" (any case); a missing azurerm_postgresql_configuration
 * fails.
 * Differs from CKV_AZURE_32, which fails only an exact lowercase "off" and passes a missing
 * parameter or "OFF"; agrees with AVD-AZU-0021.
 */
export const rule: Rule = {
  id: 'PGS-LOG-4',
  title: 'Connection throttling is on',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {
    cis: ['Fnd v2 4.3.5'],
    checkov: ['CKV_AZURE_32'],
    trivy: ['AVD-AZU-0021'],
    azurePolicy: ['5345bb39 Connection throttling should be enabled for PostgreSQL database servers'],
  },
  fix: 'Add an azurerm_postgresql_configuration connection_throttling = "on" for the server.',
  appliesTo: 'single',
  evaluate: (server) => parameterEquals(server, 'connection_throttling', 'on'),
};
