import { eachOf, inDatabaseOf, noDatabaseObjects, roleLabel } from '../database-checks';
import { fail, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';
import { isSet } from '../value-readers';

/**
 * Roles sign in with Entra ID, not a password: a postgresql_role that writes `password` or
 * `password_wo` holds a secret someone can reuse, phish or leak, which no conditional access,
 * MFA or sign-in log of Entra covers. Microsoft's security guidance asks for Entra authentication
 * for database users. A warning for any stack; a `DatabasePrincipal.password` member is the
 * library's justified choice: its justification suppresses this finding for its own role, so the
 * choice shows as a suppressed finding in every format of the report (not only as a synth warning,
 * which a hand-edited JSON can drop: 70th run, C1, C8). No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-17',
  title: 'Roles sign in with Entra ID, not a password',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Map the member to an Entra principal (DatabasePrincipal.entra, a pgaadauth security label) instead of a password; a member that cannot use Entra takes DatabasePrincipal.password({ justification }), which suppresses this finding for its role.',
  appliesTo: 'any',
  evaluate: (server) =>
    noDatabaseObjects(server) ??
    eachOf(inDatabaseOf(server, 'postgresql_role'), (role) => {
      const written = ['password', 'password_wo'].filter((argument) => isSet(role.config[argument]));
      if (written.length === 0) return PASS;
      return fail(`${roleLabel(role)} signs in with a password (${written.join(' and ')}), a secret that can be reused or leaked and that Entra ID's sign-in controls do not cover.`, role.address);
    }),
};
