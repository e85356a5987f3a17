import { eachOf } from '../database-checks';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, Verdict } from '../rule';
import { firstBlock, ResourceView } from '../stack-model';

/**
 * Entra administrators are in the server's tenant: every
 * azurerm_postgresql_flexible_server_active_directory_administrator of the server has the tenant_id
 * of the server's authentication block (GUIDs compared ignoring case), so no principal of another
 * directory administers it. Only literal tenants are compared: a reference is judged where it is
 * given, as the constructs' tenantId props take references. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PGF-IAM-7',
  title: 'Entra administrators are in the server\'s tenant',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Give each Entra administrator the tenant_id of the server\'s authentication block; a principal of another tenant joins as a guest of the server\'s tenant.',
  appliesTo: 'flexible',
  evaluate: (server) => {
    const tenant = firstBlock(server.config.authentication)?.tenant_id;
    if (!server.defined || typeof tenant !== 'string') return notApplicable('the server\'s authentication tenant_id is not written as a literal in this stack');
    if (server.administrators.length === 0) return notApplicable('the server has no Entra administrator in this stack');
    return eachOf(server.administrators, (admin) => sameTenant(admin, tenant));
  },
};

function sameTenant(admin: ResourceView, tenant: string): Verdict {
  const own = admin.config.tenant_id;
  if (typeof own !== 'string' || own.trim().toLowerCase() === tenant.trim().toLowerCase()) return PASS;
  return fail(`${admin.address} is an administrator of tenant ${JSON.stringify(own)}, not of the server's tenant ${JSON.stringify(tenant)}.`, admin.address);
}
