import { fail, isUnknown, PASS, unknown, Verdict } from './rule';
import { ServerView } from './stack-model';
import { literalInteger, outsideStack } from './value-readers';

/** The most days Azure keeps backups, on Flexible and Single Server alike. */
const MAXIMUM = 35;

/** The subject of a shortened retention: a justification written for so many days covers exactly that number. */
export function backupRetentionSubject(days: number): string {
  return `backup retention of ${days} days`;
}

/**
 * Backups kept 35 days: backup_retention_days = 35. A missing value means Azure's 7-day default
 * and fails with no subject (no props justification wrote it). A shortened literal fails with its
 * number of days as the subject, so a justification for 14 days does not cover an override to 1.
 */
export function backupsKeptLongest(server: ServerView): Verdict {
  const outside = outsideStack(server);
  if (outside) return outside;
  const days = server.config.backup_retention_days;
  if (isUnknown(days)) return unknown('backup_retention_days is known only at apply time');
  if (days === undefined) return fail('backup_retention_days is not set, so Azure keeps backups for its 7-day default.');
  const literal = literalInteger(days);
  if (literal === MAXIMUM) return PASS;
  return fail(`backup_retention_days is ${JSON.stringify(days)}, not ${MAXIMUM}.`, undefined, literal === undefined ? undefined : backupRetentionSubject(literal));
}
