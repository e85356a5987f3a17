import { nestedBlock, outsideStack } from '../value-readers';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, unknown } from '../rule';

const KEPT = ['zone', 'high_availability[0].standby_availability_zone'];

/**
 * Zones kept after a failover: with high availability, Azure swaps the primary and standby zones
 * when it fails over, and a plan that moves them back forces another failover (or fails). So
 * lifecycle.ignore_changes must hold zone and high_availability[0].standby_availability_zone.
 * No scanner has this check; the azurerm documentation recommends it.
 */
export const rule: Rule = {
  id: 'PGF-AVL-2',
  title: 'Zones kept after failover',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: {},
  fix: 'Add lifecycle { ignore_changes = [zone, high_availability[0].standby_availability_zone] } to the server.',
  appliesTo: 'flexible',
  evaluate: (server) => {
    const outside = outsideStack(server);
    if (outside) return outside;
    const ha = nestedBlock(server.config, 'high_availability');
    if (ha.state === 'absent') return notApplicable('the server has no high availability');
    const lifecycle = nestedBlock(server.config, 'lifecycle');
    if (lifecycle.state === 'unknown') return unknown(lifecycle.note);
    const ignored = lifecycle.state === 'present' ? lifecycle.block.ignore_changes : undefined;
    if (ignored === 'all') return PASS;
    // Stryker disable next-line ArrayDeclaration: equivalent: any list without the zones fails alike
    const list = Array.isArray(ignored) ? ignored : [];
    const missing = KEPT.filter((attribute) => !list.includes(attribute));
    return missing.length === 0 ? PASS : fail(`lifecycle.ignore_changes does not hold ${missing.join(' and ')}, so a plan after a failover moves the zones back.`);
  },
};
