import { eachOf, inDatabaseOf, noDatabaseObjects, roleLabel } from '../database-checks';
import { fail, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';
import { plainTextPassword } from '../value-readers';

/**
 * No plain-text role password: a postgresql_role's password and password_wo are absent or one
 * plain reference (a random_password, a variable, a Key Vault secret), or references under a function
 * that adds no text (value-readers.ts fromReferencesOnly: `sensitive(...)`); a literal, a value built
 * only from constants or literal text mixed with a reference fails, as for the server's
 * administrator password. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGD-IAM-2',
  title: 'Role passwords are references, not written as text',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Take the role password from a random_password resource (written through password_wo), or sign the role in with Entra ID.',
  appliesTo: 'any',
  evaluate: (server, stack) =>
    noDatabaseObjects(server) ??
    eachOf(inDatabaseOf(server, 'postgresql_role'), (role) => {
      for (const attribute of ['password', 'password_wo']) {
        const problem = plainTextPassword(role.config[attribute], undefined, { stack, block: role.config });
        if (problem !== undefined) return fail(`${roleLabel(role)}: ${attribute} ${problem}.`, role.address);
      }
      return PASS;
    }),
};
