import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * One Entra administrator: a Single Server has one Entra administrator (Azure's
 * administrators/activeDirectory), so a second azurerm_postgresql_active_directory_administrator
 * replaces the first at each apply, whichever Terraform applies last, another tenant's principal
 * included. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PGS-IAM-3',
  title: 'One Entra administrator',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: {},
  fix: 'Keep one azurerm_postgresql_active_directory_administrator per server (the construct\'s entraAdministrator); give it an Entra group to share the role.',
  appliesTo: 'single',
  evaluate: (server) => {
    const admins = server.administrators;
    if (admins.length === 0) return notApplicable('the server has no Entra administrator in this stack');
    if (admins.length === 1) return PASS;
    const addresses = admins.map((admin) => admin.address).join(', ');
    return admins.slice(1).map((admin) =>
      fail(`${admin.address} is a second Entra administrator of the server (${addresses}): Single Server keeps one, so each apply replaces the other.`, admin.address));
  },
};
