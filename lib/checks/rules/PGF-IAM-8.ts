import { privilegeChecksSwitchedOff } from '../privilege-switches';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * No server parameter switches off PostgreSQL's own privilege or integrity checks for every
 * session. Azure lets users set both (dynamic): lo_compat_privileges on drops the privilege
 * checks on large objects, so every role, a read-only login included, reads and writes every
 * large object of every database; session_replication_role replica stops ordinary triggers,
 * rules and foreign-key checks server-wide, pgaudit's DDL event triggers included ("local" and
 * "origin" fire them). Both are optional: their defaults (off, origin) are the safe values. The
 * subject names the parameter and value, so a suppression of one does not cover the other.
 * No scanner has this check. PGS-IAM-4 is its Single Server twin (privilege-switches.ts).
 */
export const rule: Rule = {
  id: 'PGF-IAM-8',
  title: 'No server parameter switches off privilege or integrity checks',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Remove lo_compat_privileges and session_replication_role from the azurerm_postgresql_flexible_server_configuration resources, or set them to "off" and "origin".',
  appliesTo: 'flexible',
  evaluate: privilegeChecksSwitchedOff,
};
