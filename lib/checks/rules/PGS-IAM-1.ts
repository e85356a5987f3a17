import { Rule, RuleSeverity, SecurityLayer } from '../rule';
import { requireChild } from '../single-checks';

/** A Microsoft Entra administrator is provisioned. No Checkov or Trivy check covers it. */
export const rule: Rule = {
  id: 'PGS-IAM-1',
  title: 'Entra administrator provisioned',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.ACCESS,
  references: { azurePolicy: ['b4dec045 A Microsoft Entra administrator should be provisioned for PostgreSQL servers'] },
  fix: 'Add an azurerm_postgresql_active_directory_administrator for an Entra ID group that administers the server.',
  appliesTo: 'single',
  evaluate: (server) =>
    requireChild(
      server,
      server.administrators,
      'no azurerm_postgresql_active_directory_administrator belongs to the server, so only the local administrator can sign in.',
      'Entra administrator',
    ),
};
