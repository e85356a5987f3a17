import { isSet, outsideStack } from '../value-readers';
import { fail, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';
import { certainOnly } from '../stack-model';

/**
 * Private connectivity: the server is VNet-integrated (delegated_subnet_id and private_dns_zone_id
 * both written; a reference counts as written) or an azurerm_private_endpoint connects to it.
 * Checkov's CKV2_AZURE_57 wants a private endpoint only and so fails VNet-integrated servers,
 * which Azure Policy 5e1de0e3 accepts (and Azure does not offer private endpoints to them): this
 * rule accepts both.
 */
export const rule: Rule = {
  id: 'PGF-NET-2',
  title: 'VNet integration or a private endpoint',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.NETWORK,
  references: {
    cis: ['DB 6.4'],
    checkov: ['CKV2_AZURE_57'],
    azurePolicy: ['5375a5bb Private endpoint should be enabled for PostgreSQL flexible servers', '5e1de0e3 Public network access should be disabled for PostgreSQL flexible servers'],
  },
  fix: 'Integrate the server into a VNet (delegated_subnet_id and private_dns_zone_id) or connect an azurerm_private_endpoint to it.',
  appliesTo: 'flexible',
  evaluate: (server) => {
    if (certainOnly(server.privateEndpoints).length > 0) return PASS;
    const outside = outsideStack(server);
    if (outside) return outside;
    const subnet = isSet(server.config.delegated_subnet_id);
    const zone = isSet(server.config.private_dns_zone_id);
    if (subnet && zone) return PASS;
    if (subnet) return fail('the server has delegated_subnet_id without private_dns_zone_id, so its VNet integration is incomplete, and no private endpoint connects to it.');
    return fail('the server is neither VNet-integrated nor reached through a private endpoint.');
  },
};
