import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';
import { certainOnly } from '../stack-model';

/**
 * Entra administrator provisioned: at least one
 * azurerm_postgresql_flexible_server_active_directory_administrator for the server, so Entra ID
 * sign-in has someone to manage roles. For a server defined outside this stack, with no
 * administrator here, the administrator may be defined elsewhere: not applicable. No Checkov or
 * Trivy check covers it.
 */
export const rule: Rule = {
  id: 'PGF-IAM-2',
  title: 'Entra administrator provisioned',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: { azurePolicy: ['ce39a96d A Microsoft Entra administrator should be provisioned for PostgreSQL flexible servers'] },
  fix: 'Add an azurerm_postgresql_flexible_server_active_directory_administrator for an Entra group that administers the server.',
  appliesTo: 'flexible',
  evaluate: (server) => {
    if (certainOnly(server.administrators).length > 0) return PASS;
    if (!server.defined) return notApplicable('the server is defined outside this stack, and so may be its Entra administrator');
    return fail('no azurerm_postgresql_flexible_server_active_directory_administrator is provisioned for the server.');
  },
};
