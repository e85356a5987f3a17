import { attributeEquals } from '../value-readers';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/** Public network access off. The provider's default is true, so a missing value fails. */
export const rule: Rule = {
  id: 'PGF-NET-1',
  title: 'Public network access is disabled',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.NETWORK,
  references: { cis: ['DB 6.3'], azurePolicy: ['5e1de0e3 Public network access should be disabled for PostgreSQL flexible servers'], trivy: ['AVD-AZU-0022'] },
  fix: 'Set public_network_access_enabled = false and reach the server through VNet integration or a private endpoint.',
  appliesTo: 'flexible',
  evaluate: (server) =>
    attributeEquals(server, 'public_network_access_enabled', false, 'public_network_access_enabled is not set, and the provider default (true) opens the server.'),
};
