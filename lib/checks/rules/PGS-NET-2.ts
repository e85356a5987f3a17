import { Rule, RuleSeverity, SecurityLayer } from '../rule';
import { requireChild } from '../single-checks';

/**
 * A private endpoint connects to the server (CKV2_AZURE_42 looks for the same graph edge). A
 * server defined outside this stack is judged only when this stack gives it an endpoint.
 */
export const rule: Rule = {
  id: 'PGS-NET-2',
  title: 'Private endpoint',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.NETWORK,
  references: {
    checkov: ['CKV2_AZURE_42'],
    azurePolicy: ['0564d078 Private endpoint should be enabled for PostgreSQL servers'],
  },
  fix: 'Add an azurerm_private_endpoint whose private_service_connection points at the server ID with subresource_names = ["postgresqlServer"].',
  appliesTo: 'single',
  evaluate: (server) =>
    requireChild(server, server.privateEndpoints, 'no azurerm_private_endpoint connects to the server.', 'private endpoint'),
};
