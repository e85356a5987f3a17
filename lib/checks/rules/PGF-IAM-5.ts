import { isSet, outsideStack } from '../value-readers';
import { fail, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * No administrator_password attribute: it is not used at all, even as a reference, since
 * Terraform stores its value in the server's state. administrator_password_wo (write-only,
 * azurerm >= 4.21 with Terraform >= 1.11) with administrator_password_wo_version, or Entra-only
 * authentication, keeps it out of the server's state. The title claims no more: a random_password
 * resource that generates the password keeps its result in state. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGF-IAM-5',
  title: 'No administrator_password attribute (write-only or no password)',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Replace administrator_password with administrator_password_wo and administrator_password_wo_version, or switch to Entra-only authentication (a random_password that generates the password still keeps it in its own state).',
  appliesTo: 'flexible',
  evaluate: (server) => {
    const outside = outsideStack(server);
    if (outside) return outside;
    if (!isSet(server.config.administrator_password)) return PASS;
    return fail('administrator_password is set, so Terraform keeps the password in its state.');
  },
};
