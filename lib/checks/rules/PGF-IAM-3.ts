import { literalBoolean, nestedBlock, outsideStack } from '../value-readers';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, unknown } from '../rule';

/**
 * Entra-only authentication: authentication.password_auth_enabled = false, so no local password
 * can sign in. The provider default is true, so a missing block or attribute fails. Azure Policy
 * fa498b91 also wants Entra ID authentication on, which PGF-IAM-1 judges. No Checkov or Trivy
 * check covers it.
 */
export const rule: Rule = {
  id: 'PGF-IAM-3',
  title: 'Entra-only authentication (no local passwords)',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.ACCESS,
  references: {
    cis: ['DB 6.2'],
    azurePolicy: ['fa498b91 [Preview]: Azure PostgreSQL flexible server should have Microsoft Entra Only Authentication enabled'],
  },
  fix: 'Set authentication.password_auth_enabled = false and remove administrator_login and the administrator password.',
  appliesTo: 'flexible',
  evaluate: (server) => {
    const outside = outsideStack(server);
    if (outside) return outside;
    const authentication = nestedBlock(server.config, 'authentication');
    if (authentication.state === 'unknown') return unknown(authentication.note);
    if (authentication.state === 'absent') return fail('the server has no authentication block, so password authentication is on (the provider default).');
    const enabled = authentication.block.password_auth_enabled;
    if (isUnknown(enabled)) return unknown('authentication.password_auth_enabled is known only at apply time');
    if (enabled === undefined) return fail('authentication.password_auth_enabled is not set, so password authentication is on (the provider default).');
    if (literalBoolean(enabled) !== false) return fail(`authentication.password_auth_enabled is ${JSON.stringify(enabled)}, not false.`);
    return PASS;
  },
};
