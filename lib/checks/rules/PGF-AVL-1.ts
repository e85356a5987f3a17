import { literalString, nestedBlock, outsideStack } from '../value-readers';
import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, unknown } from '../rule';

/**
 * Zone-redundant high availability: a high_availability block with mode ZoneRedundant. SameZone
 * keeps the standby in the primary's zone, so a zone outage takes both down: it is a weaker choice
 * that SecureFlexibleServer accepts only with a justification (and then suppresses this rule), so
 * an override to SameZone fails, and a raw server in a region without zones suppresses it with a
 * reason. Not applicable on Burstable SKUs (sku_name "B_..."), which cannot have HA. When sku_name
 * is known only at apply time and HA is not on, the rule cannot judge it: unknown.
 */
/**
 * What a justification of weaker high availability covers: the one mode it was given for ("SameZone"),
 * or no standby at all (undefined), so the reason for one never covers the other.
 */
export function highAvailabilitySubject(mode: 'SameZone' | undefined): string {
  return mode === undefined ? 'no high availability' : `high availability mode ${mode}`;
}

export const rule: Rule = {
  id: 'PGF-AVL-1',
  title: 'Zone-redundant high availability',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: { azurePolicy: ['493c215d [Preview]: Azure Database for PostgreSQL Flexible Server should be Zone Resilient'] },
  fix: 'Add high_availability { mode = "ZoneRedundant" }; in a region without availability zones, suppress the rule with the reason.',
  appliesTo: 'flexible',
  evaluate: (server) => {
    const outside = outsideStack(server);
    if (outside) return outside;
    const sku = server.config.sku_name;
    if (literalString(sku)?.startsWith('B_')) return notApplicable(`Burstable SKUs (${sku}) do not offer high availability`);
    const ha = nestedBlock(server.config, 'high_availability');
    if (ha.state === 'unknown') return unknown(ha.note);
    const mode = ha.state === 'present' ? ha.block.mode : undefined;
    if (mode === 'ZoneRedundant') return PASS;
    if (isUnknown(mode)) return unknown('high_availability.mode is known only at apply time');
    // The weaker mode is known, only whether a Burstable SKU makes the rule moot is not: the mode's justification covers it.
    const known = ha.state === 'absent' ? highAvailabilitySubject(undefined) : mode === 'SameZone' ? highAvailabilitySubject(mode) : undefined;
    if (isUnknown(sku)) return unknown('sku_name is known only at apply time, so whether the server can have high availability is too', undefined, known);
    if (ha.state === 'absent') return fail('the server has no high_availability block, so it has no standby.', undefined, highAvailabilitySubject(undefined));
    if (mode === 'SameZone') return fail('high_availability.mode is "SameZone": the standby is in the primary\'s zone, so a zone outage takes the server down.', undefined, highAvailabilitySubject(mode));
    return fail(`high_availability.mode is ${JSON.stringify(mode)}, not "ZoneRedundant".`);
  },
};
