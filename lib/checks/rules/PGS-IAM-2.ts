import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';
import { plainTextPassword } from '../value-readers';

const PASSWORD_ATTRIBUTES = ['administrator_login_password', 'administrator_login_password_wo'];

/**
 * The administrator password is not written in plain text: administrator_login_password is
 * absent or one plain reference (a generated password, a variable, a Key Vault secret), or references
 * under a function that adds no text (value-readers.ts fromReferencesOnly); a literal,
 * a value built from constants or literal text mixed with a reference fails. The same for
 * administrator_login_password_wo: it stays out of state, but not out of the code and
 * cdk.tf.json. No scanner checks this.
 */
export const rule: Rule = {
  id: 'PGS-IAM-2',
  title: 'Administrator password is a reference, not written as text',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Generate the password (random_password) or read it from Key Vault, and pass it to administrator_login_password_wo.',
  appliesTo: 'single',
  evaluate: (server, stack) => {
    if (!server.defined) return notApplicable('the server is defined outside this stack');
    for (const attribute of PASSWORD_ATTRIBUTES) {
      const problem = plainTextPassword(server.config[attribute], undefined, { stack, block: server.config });
      if (problem !== undefined) return fail(`${attribute} ${problem}.`);
    }
    return PASS;
  },
};
