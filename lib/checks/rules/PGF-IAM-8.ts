import { parameterSatisfies } from '../parameter-checks';
import { POSTGRES_OFF } from '../postgres-booleans';
import { PASS, Rule, RuleSeverity, SecurityLayer, Verdict } from '../rule';
import { ServerView } from '../stack-model';

const normal = (value: string) => value.trim().toLowerCase();

/**
 * No server parameter switches off PostgreSQL's own privilege or integrity checks for every
 * session. Azure lets users set both (dynamic): lo_compat_privileges on drops the privilege
 * checks on large objects, so every role, a read-only login included, reads and writes every
 * large object of every database; session_replication_role replica stops ordinary triggers,
 * rules and foreign-key checks server-wide, pgaudit's DDL event triggers included ("local" and
 * "origin" fire them). Both are optional: their defaults (off, origin) are the safe values. The
 * subject names the parameter and value, so a suppression of one does not cover the other.
 * No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGF-IAM-8',
  title: 'No server parameter switches off privilege or integrity checks',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Remove lo_compat_privileges and session_replication_role from the azurerm_postgresql_flexible_server_configuration resources, or set them to "off" and "origin".',
  appliesTo: 'flexible',
  evaluate: (server) => {
    const verdicts = [
      checked(server, 'lo_compat_privileges', '"off" (on skips the privilege checks on large objects: every role reads and writes all of them)', (value) => POSTGRES_OFF.includes(normal(value))),
      checked(server, 'session_replication_role', '"origin" or "local" (replica stops ordinary triggers, rules and foreign-key checks in every session)', (value) => normal(value) !== 'replica'),
    ].filter((verdict) => verdict.status !== 'pass');
    return verdicts.length > 0 ? verdicts : [PASS];
  },
};

function checked(server: ServerView, name: string, wanted: string, test: (value: string) => boolean): Verdict {
  return parameterSatisfies(server, name, wanted, test, true, (value) => `${name} = ${normal(value)}`);
}
