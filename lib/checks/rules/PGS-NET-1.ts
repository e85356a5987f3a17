import { attributeEquals } from '../value-readers';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/** Public network access off. The provider's default is true, so a missing value fails, as in Checkov and Trivy. */
export const rule: Rule = {
  id: 'PGS-NET-1',
  title: 'Public network access is disabled',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.NETWORK,
  references: {
    checkov: ['CKV_AZURE_68'],
    trivy: ['AVD-AZU-0022'],
    azurePolicy: ['b52376f7 Public network access should be disabled for PostgreSQL servers'],
  },
  fix: 'Set public_network_access_enabled = false and reach the server through a private endpoint.',
  appliesTo: 'single',
  evaluate: (server) =>
    attributeEquals(server, 'public_network_access_enabled', false, 'public_network_access_enabled is not set, and the provider default (true) opens the server.'),
};
