import { parameterEquals } from '../parameter-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * log_disconnections written as "on" (case-insensitive). A missing parameter fails: Azure's
 * default is on for recent servers but off in CIS v3's text, so it varies by server age. Trivy
 * reads the parameter but no rule of it judges it; Checkov has no check.
 */
export const rule: Rule = {
  id: 'PGF-LOG-3',
  title: 'Disconnections are logged',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {
    cis: ['Fnd v3 5.2.7', 'DB 6.8'],
    azurePolicy: ['1d14b021 Disconnections should be logged for PostgreSQL flexible servers'],
  },
  fix: 'Add an azurerm_postgresql_flexible_server_configuration log_disconnections = "on".',
  appliesTo: 'flexible',
  evaluate: (server) => parameterEquals(server, 'log_disconnections', 'on'),
};
