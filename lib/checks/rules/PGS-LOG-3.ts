import { Rule, RuleSeverity, SecurityLayer } from '../rule';
import { parameterEquals } from '../parameter-checks';

/**
 * Server parameter log_disconnections written as "on" (any case); a missing azurerm_postgresql_configuration
 * fails.
 * No Checkov or Trivy rule checks it; the CIS default for Single Server is "off".
 */
export const rule: Rule = {
  id: 'PGS-LOG-3',
  title: 'Disconnections are logged',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {
    cis: ['Fnd v2 4.3.4', 'Fnd v3 5.2.7'],
    azurePolicy: ['eb6f77b9…e446 Disconnections should be logged for PostgreSQL database servers'],
  },
  fix: 'Add an azurerm_postgresql_configuration log_disconnections = "on" for the server.',
  appliesTo: 'single',
  evaluate: (server) => parameterEquals(server, 'log_disconnections', 'on'),
};
