import { privilegeChecksSwitchedOff } from '../privilege-switches';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * PGF-IAM-8 on a Single Server: no server parameter switches off PostgreSQL's own privilege or integrity checks for every session
 * (lo_compat_privileges on, session_replication_role replica). Whether Azure takes either name as a Single Server parameter is not
 * written down; a stack that sets one is judged as if it did, since the checks cannot tell and the defaults are the safe values
 * (91st run, A91a-1). No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGS-IAM-4',
  title: 'No server parameter switches off privilege or integrity checks',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Remove lo_compat_privileges and session_replication_role from the azurerm_postgresql_configuration resources, or set them to "off" and "origin".',
  appliesTo: 'single',
  evaluate: privilegeChecksSwitchedOff,
};
