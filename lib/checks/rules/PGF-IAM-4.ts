import { outsideStack, plainTextPassword } from '../value-readers';
import { fail, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';

const ATTRIBUTES = ['administrator_password', 'administrator_password_wo'] as const;

/**
 * No plain-text administrator password: administrator_password is absent or one plain reference
 * (to a random_password, a variable, a Key Vault secret), or references under a function that adds
 * no text (value-readers.ts fromReferencesOnly: `sensitive(...)`). A literal fails, since the secret is then
 * in the configuration and in source control; so does a value built only from constants, or
 * literal text mixed with a reference ("P@ss${var.suffix}"). administrator_password_wo is judged
 * the same way: being write-only keeps it out of state, not out of the configuration. No scanner
 * has this check.
 */
export const rule: Rule = {
  id: 'PGF-IAM-4',
  title: 'Administrator password is a reference, not written as text',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Take the password from a random_password resource, a sensitive variable or a Key Vault secret, or switch to Entra-only authentication.',
  appliesTo: 'flexible',
  evaluate: (server, stack) => {
    const outside = outsideStack(server);
    if (outside) return outside;
    for (const attribute of ATTRIBUTES) {
      const problem = plainTextPassword(server.config[attribute], undefined, { stack, block: server.config });
      if (problem !== undefined) return fail(`${attribute} ${problem}.`);
    }
    return PASS;
  },
};
