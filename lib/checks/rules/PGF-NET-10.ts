import { judgeZoneUniqueness } from '../dns-zone-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * The private DNS zones the server resolves in are each the only zone of their name in their
 * resource group: two servers that each create privatelink.postgres.database.azure.com in one
 * group fail at apply (Azure allows one zone of a name per group, names ignoring case). The
 * library's constructs share one zone per stack and group. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGF-NET-10',
  title: 'Private DNS zone created once per resource group',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.NETWORK,
  references: {},
  fix: 'Create the zone once and give its ID to every server and private endpoint that uses it.',
  appliesTo: 'flexible',
  evaluate: judgeZoneUniqueness,
};
