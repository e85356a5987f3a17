import { parametersSetOnce } from '../parameter-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Each server parameter is set once, by a name known at synth: two azurerm_postgresql_configuration
 * resources for one parameter (in any letter case, Azure ignores it) leave the value to whichever
 * is applied last, and one whose name is known only at apply time could set any parameter, so the
 * parameter rules could not trust what they read. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGS-CFG-1',
  title: 'Each server parameter set once, by a known name',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Keep one azurerm_postgresql_configuration per parameter name, with a literal name.',
  appliesTo: 'single',
  evaluate: parametersSetOnce,
};
