import { backupsKeptLongest } from '../backup-retention';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Backups kept 35 days, the most Single Server allows: backup_retention_days = 35. A missing value
 * means Azure's 7-day default and fails; a shortened retention's subject is its number of days. No scanner has this check (MCSB BR-1).
 */
export const rule: Rule = {
  id: 'PGS-BAK-2',
  title: 'Backups kept 35 days',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: {},
  fix: 'Set backup_retention_days = 35.',
  appliesTo: 'single',
  evaluate: backupsKeptLongest,
};
