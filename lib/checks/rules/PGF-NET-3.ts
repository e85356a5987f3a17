import { isSet, outsideStack } from '../value-readers';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * A VNet-integrated server (delegated_subnet_id written) also has private_dns_zone_id: Azure
 * refuses VNet integration without a private DNS zone, so the apply would fail. Not applicable
 * without VNet integration. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGF-NET-3',
  title: 'VNet integration uses a private DNS zone',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.NETWORK,
  references: {},
  fix: 'Set private_dns_zone_id to a private DNS zone ending in .postgres.database.azure.com that is linked to the VNet.',
  appliesTo: 'flexible',
  evaluate: (server) => {
    const outside = outsideStack(server);
    if (outside) return outside;
    if (!isSet(server.config.delegated_subnet_id)) return notApplicable('the server is not VNet-integrated');
    if (isSet(server.config.private_dns_zone_id)) return PASS;
    return fail('delegated_subnet_id is set but private_dns_zone_id is not, and Azure refuses VNet integration without a private DNS zone.');
  },
};
