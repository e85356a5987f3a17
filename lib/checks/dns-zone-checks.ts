import { fail, notApplicable, PASS, Verdict } from './rule';
import { ServerView } from './stack-model';

/**
 * Each private DNS zone of this stack that the server resolves in (its private_dns_zone_id, its
 * private endpoints' zone groups) is the only zone of its name in its resource group: Azure allows
 * one, so a second create fails at apply. Names ignore case, as Azure DNS does; resource groups
 * compare as literals, or as the same expression. Two groups given as different expressions are
 * taken for different groups (they may be at apply time); zones defined outside this stack are
 * not judged.
 */
export function judgeZoneUniqueness(server: ServerView): Verdict | readonly Verdict[] {
  if (!server.defined) return notApplicable('the server is defined outside this stack');
  if (server.privateDnsZones.length === 0) return notApplicable('the server resolves in no private DNS zone of this stack');
  const failures = server.privateDnsZones
    .filter((zone) => zone.namesakes.length > 0)
    .map((zone) => fail(
      `${zone.address} and ${zone.namesakes.map((other) => other.address).join(', ')} create zone "${String(zone.config.name)}" in one resource group, where Azure allows one zone of a name.`,
      zone.address,
    ));
  return failures.length > 0 ? failures : PASS;
}
