import { parameterEquals } from '../parameter-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * TLS required. Trivy (AVD-AZU-0020) fails only an explicit "off" and passes a missing parameter;
 * this rule wants the parameter written, as Azure Policy c29c38cb audits the live value.
 */
export const rule: Rule = {
  id: 'PGF-TLS-1',
  title: 'Secure transport (TLS) is required',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.IN_TRANSIT,
  references: { cis: ['Fnd v3 5.2.1', 'DB 6.10'], azurePolicy: ['c29c38cb Enforce SSL connection should be enabled for PostgreSQL flexible servers'], trivy: ['AVD-AZU-0020'] },
  fix: 'Add an azurerm_postgresql_flexible_server_configuration require_secure_transport = "on".',
  appliesTo: 'flexible',
  evaluate: (server) => parameterEquals(server, 'require_secure_transport', 'on'),
};
