import { pgauditLoadedByRestart } from '../static-parameter-restart';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * The server restarts to load pgaudit: the azurerm provider that writes shared_preload_libraries
 * keeps features.postgresql_flexible_server.restart_server_on_configuration_value_change on (its
 * default). Off, the static parameter waits for a restart nobody plans, and pgaudit writes no audit
 * line while PGF-LOG-6 and PGF-LOG-10 pass on what is written. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PGF-LOG-12',
  title: 'The server restarts to load pgaudit',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {},
  fix: 'Remove restart_server_on_configuration_value_change from the azurerm provider\'s features block, or set it to true.',
  appliesTo: 'flexible',
  evaluate: pgauditLoadedByRestart,
};
