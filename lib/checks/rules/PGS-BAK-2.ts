import { literalInteger, outsideStack } from '../value-readers';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, unknown } from '../rule';

const MAXIMUM = 35;

/**
 * Backups kept 35 days, the most Single Server allows: backup_retention_days = 35. A missing value
 * means Azure's 7-day default and fails. No scanner has this check (MCSB BR-1).
 */
export const rule: Rule = {
  id: 'PGS-BAK-2',
  title: 'Backups kept 35 days',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: {},
  fix: 'Set backup_retention_days = 35.',
  appliesTo: 'single',
  evaluate: (server) => {
    const outside = outsideStack(server);
    if (outside) return outside;
    const days = server.config.backup_retention_days;
    if (isUnknown(days)) return unknown('backup_retention_days is known only at apply time');
    if (days === undefined) return fail('backup_retention_days is not set, so Azure keeps backups for its 7-day default.');
    if (literalInteger(days) !== MAXIMUM) return fail(`backup_retention_days is ${JSON.stringify(days)}, not ${MAXIMUM}.`);
    return PASS;
  },
};
