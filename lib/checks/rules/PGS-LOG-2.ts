import { Rule, RuleSeverity, SecurityLayer } from '../rule';
import { parameterEquals } from '../parameter-checks';

/**
 * Server parameter log_connections written as "on" (any case); a missing azurerm_postgresql_configuration
 * fails.
 * Differs from CKV_AZURE_31, which fails only an exact lowercase "off" and passes a missing
 * parameter or "OFF"; agrees with AVD-AZU-0019.
 */
export const rule: Rule = {
  id: 'PGS-LOG-2',
  title: 'Connections are logged',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {
    cis: ['Fnd v2 4.3.3', 'Fnd v3 5.2.6'],
    checkov: ['CKV_AZURE_31'],
    trivy: ['AVD-AZU-0019'],
    azurePolicy: ['eb6f77b9…e442 Log connections should be enabled for PostgreSQL database servers'],
  },
  fix: 'Add an azurerm_postgresql_configuration log_connections = "on" for the server.',
  appliesTo: 'single',
  evaluate: (server) => parameterEquals(server, 'log_connections', 'on'),
};
