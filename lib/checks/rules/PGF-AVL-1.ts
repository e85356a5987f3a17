import { nestedBlock, outsideStack } from '../value-readers';
import { fail, isReference, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';

const MODES = ['ZoneRedundant', 'SameZone'];

/**
 * High availability: a high_availability block with mode ZoneRedundant or SameZone (Azure Policy
 * 493c215d accepts both by default). Not applicable on Burstable SKUs (sku_name "B_..."), which
 * cannot have HA; when sku_name is a reference and HA is not on, not applicable either.
 */
export const rule: Rule = {
  id: 'PGF-AVL-1',
  title: 'High availability',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: { azurePolicy: ['493c215d [Preview]: Azure Database for PostgreSQL Flexible Server should be Zone Resilient'] },
  fix: 'Add high_availability { mode = "ZoneRedundant" } (or "SameZone" in a region without zones).',
  appliesTo: 'flexible',
  evaluate: (server) => {
    const outside = outsideStack(server);
    if (outside) return outside;
    const sku = server.config.sku_name;
    if (typeof sku === 'string' && sku.startsWith('B_')) return notApplicable(`Burstable SKUs (${sku}) do not offer high availability`);
    const ha = nestedBlock(server.config, 'high_availability');
    if (ha.state === 'unknown') return notApplicable(ha.note);
    const mode = ha.state === 'present' ? ha.block.mode : undefined;
    if (typeof mode === 'string' && MODES.includes(mode)) return PASS;
    if (isReference(mode)) return notApplicable('high_availability.mode is known only at apply time');
    if (isReference(sku)) return notApplicable('sku_name is known only at apply time, and Burstable SKUs do not offer high availability');
    if (ha.state === 'absent') return fail('the server has no high_availability block, so it has no standby.');
    return fail(`high_availability.mode is ${JSON.stringify(mode)}, not "ZoneRedundant" or "SameZone".`);
  },
};
