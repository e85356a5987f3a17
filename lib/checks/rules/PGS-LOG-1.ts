import { Rule, RuleSeverity, SecurityLayer } from '../rule';
import { parameterEquals } from '../parameter-checks';

/**
 * Server parameter log_checkpoints written as "on" (any case); a missing azurerm_postgresql_configuration
 * fails.
 * Differs from CKV_AZURE_30, which fails only an exact lowercase "off" and passes a missing
 * parameter or "OFF"; agrees with AVD-AZU-0024.
 */
export const rule: Rule = {
  id: 'PGS-LOG-1',
  title: 'Checkpoints are logged',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {
    cis: ['Fnd v2 4.3.2'],
    checkov: ['CKV_AZURE_30'],
    trivy: ['AVD-AZU-0024'],
    azurePolicy: ['eb6f77b9…e43d Log checkpoints should be enabled for PostgreSQL database servers'],
  },
  fix: 'Add an azurerm_postgresql_configuration log_checkpoints = "on" for the server.',
  appliesTo: 'single',
  evaluate: (server) => parameterEquals(server, 'log_checkpoints', 'on'),
};
