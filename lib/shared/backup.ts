import { IConstruct } from 'constructs';
import { boolean, LiteralReason, number, optional, reason, struct } from '../private/shape';
import { checkIntegerRange, checkJustification } from '../private/validate';
import { warn } from '../private/warnings';

/** Backup settings. Defaults: geo-redundant, 35 days. */
export interface BackupOptions {
  /**
   * Keep backups in the paired region too, so a regional outage loses no data. Chosen at
   * creation only (changing it replaces the server).
   * @default true
   */
  readonly geoRedundantBackup?: boolean;
  /**
   * Days of point-in-time restore, 7 to 35.
   * @default 35
   */
  readonly retentionDays?: number;
  /**
   * Why backups are weaker than the defaults, required when `geoRedundantBackup` is false or
   * `retentionDays` is below 35, and printed at synth.
   * @default - none; required only for a weaker choice
   */
  readonly justification?: string;
}

export const MAX_BACKUP_RETENTION_DAYS = 35;

export const BACKUP_OPTIONS = struct('BackupOptions', {
  geoRedundantBackup: optional(boolean()),
  retentionDays: optional(number({ literal: LiteralReason.SECURITY })),
  justification: optional(reason()),
});

/** The backup settings with defaults applied. */
export interface ResolvedBackup {
  readonly geoRedundantBackup: boolean;
  readonly retentionDays: number;
}

export function resolveBackup(prop: string, options: BackupOptions | undefined): ResolvedBackup {
  const geoRedundantBackup = options?.geoRedundantBackup ?? true;
  const retentionDays = options?.retentionDays ?? MAX_BACKUP_RETENTION_DAYS;
  checkIntegerRange('BACKUP-RETENTION', `${prop}.retentionDays`, retentionDays, 7, MAX_BACKUP_RETENTION_DAYS);
  if (isWeaker(geoRedundantBackup, retentionDays)) {
    checkJustification(`${prop}.justification`, options?.justification, 'turn off geo-redundant backup or keep backups under 35 days');
  }
  return { geoRedundantBackup, retentionDays };
}

export function warnWeakBackup(scope: IConstruct, backup: ResolvedBackup, options: BackupOptions | undefined): void {
  if (!isWeaker(backup.geoRedundantBackup, backup.retentionDays)) return;
  const what = [
    backup.geoRedundantBackup === false ? 'geo-redundant backup is off' : undefined,
    isRetentionShortened(backup.retentionDays) ? `backups are kept ${backup.retentionDays} days` : undefined,
  ].filter((part) => part !== undefined);
  warn(scope, 'BackupWeakened', `Backup is weaker than the default: ${what.join(' and ')}`, options?.justification);
}

function isWeaker(geoRedundantBackup: boolean, retentionDays: number): boolean {
  return geoRedundantBackup === false || isRetentionShortened(retentionDays);
}

/** True when backups are kept fewer than 35 days (the retention is a literal: see BACKUP_OPTIONS). */
export function isRetentionShortened(retentionDays: number): boolean {
  return retentionDays < MAX_BACKUP_RETENTION_DAYS;
}
