import { isSet, literalBoolean, nestedBlock, outsideStack } from '../value-readers';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, unknown } from '../rule';

/**
 * Entra ID authentication enabled: an authentication block with active_directory_auth_enabled =
 * true and a tenant_id. The provider default is false, so a missing block or attribute fails.
 * No Checkov or Trivy check covers it.
 */
export const rule: Rule = {
  id: 'PGF-IAM-1',
  title: 'Entra ID authentication enabled',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {
    azurePolicy: [
      'ce39a96d A Microsoft Entra administrator should be provisioned for PostgreSQL flexible servers',
      'fa498b91 [Preview]: Azure PostgreSQL flexible server should have Microsoft Entra Only Authentication enabled',
    ],
  },
  fix: 'Add authentication { active_directory_auth_enabled = true, tenant_id = <your tenant> } to the server.',
  appliesTo: 'flexible',
  evaluate: (server) => {
    const outside = outsideStack(server);
    if (outside) return outside;
    const authentication = nestedBlock(server.config, 'authentication');
    if (authentication.state === 'unknown') return unknown(authentication.note);
    if (authentication.state === 'absent') return fail('the server has no authentication block, and the provider default leaves Entra ID authentication off.');
    const enabled = authentication.block.active_directory_auth_enabled;
    if (isUnknown(enabled)) return unknown('authentication.active_directory_auth_enabled is known only at apply time');
    if (enabled === undefined) return fail('authentication.active_directory_auth_enabled is not set, and the provider default (false) leaves Entra ID authentication off.');
    if (literalBoolean(enabled) !== true) return fail(`authentication.active_directory_auth_enabled is ${JSON.stringify(enabled)}, not true.`);
    if (!isSet(authentication.block.tenant_id)) return fail('authentication.active_directory_auth_enabled is true but tenant_id is not set.');
    return PASS;
  },
};
