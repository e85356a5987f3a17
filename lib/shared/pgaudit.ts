import { IConstruct } from 'constructs';
import { list, LiteralReason, member, optional, reason, struct } from '../private/shape';
import { checkJustification } from '../private/validate';
import { ValidationError } from '../private/validation-error';
import { warn } from '../private/warnings';

/** Classes of statements pgaudit writes to the server log (`pgaudit.log`). */
export enum PgAuditLogClass {
  /** SELECT and COPY from a relation. */
  READ = 'read',
  /** INSERT, UPDATE, DELETE, TRUNCATE and COPY to a relation. */
  WRITE = 'write',
  /** Function calls and DO blocks. */
  FUNCTION = 'function',
  /** GRANT, REVOKE, CREATE/ALTER/DROP ROLE. */
  ROLE = 'role',
  /** All DDL not in ROLE. */
  DDL = 'ddl',
  /** DISCARD, FETCH, CHECKPOINT, VACUUM, SET and the like. */
  MISC = 'misc',
  /** Every class above. */
  ALL = 'all',
}

/** What pgaudit logs unless told otherwise: schema changes, role changes and the rest (Azure Policy eadbb524). */
export const DEFAULT_PGAUDIT_LOG_CLASSES = [PgAuditLogClass.DDL, PgAuditLogClass.ROLE, PgAuditLogClass.MISC];

/** Audit logging settings. */
export interface AuditLoggingOptions {
  /**
   * Statement classes pgaudit logs. `none` is not offered: auditing cannot be turned off.
   * @default [PgAuditLogClass.DDL, PgAuditLogClass.ROLE, PgAuditLogClass.MISC]
   */
  readonly pgauditLogClasses?: PgAuditLogClass[];
  /**
   * Why pgaudit does not audit schema or role changes, required when `pgauditLogClasses` lists
   * neither ALL nor both DDL and ROLE, and printed at synth.
   * @default - none; required only for a list without DDL or ROLE
   */
  readonly justification?: string;
}

export const AUDIT_LOGGING_OPTIONS = struct('AuditLoggingOptions', {
  pgauditLogClasses: optional(list(member('PgAuditLogClass', 'PgAuditLogClass.DDL', LiteralReason.SECURITY), { literal: LiteralReason.SECURITY })),
  justification: optional(reason()),
});

export function validateAuditLogging(prop: string, audit: AuditLoggingOptions | undefined): void {
  const classes = audit?.pgauditLogClasses;
  if (classes === undefined) return;
  if (classes.length === 0) {
    throw new ValidationError('PGAUDIT-EMPTY', `${prop}.pgauditLogClasses`, classes, 'is empty, which would turn auditing off', 'list at least one class, e.g. [PgAuditLogClass.DDL, PgAuditLogClass.ROLE]');
  }
  const allowed = Object.values(PgAuditLogClass);
  classes.forEach((value, index) => {
    if (!allowed.includes(value)) {
      throw new ValidationError(
        'PGAUDIT-CLASS',
        `${prop}.pgauditLogClasses[${index}]`,
        value,
        'is not a pgaudit class',
        `use PgAuditLogClass members (${allowed.join(', ')}); "none" and "-class" exclusions are not accepted`,
      );
    }
  });
  const repeated = classes.find((value, index) => classes.indexOf(value) !== index);
  if (repeated !== undefined) {
    throw new ValidationError('PGAUDIT-DUPLICATE', `${prop}.pgauditLogClasses`, classes, `lists "${repeated}" twice`, 'list each class once');
  }
  if (leavesOutDdlOrRole(classes)) {
    checkJustification(`${prop}.justification`, audit?.justification, 'leave DDL or ROLE out of pgauditLogClasses');
  }
}

/** The classes pgaudit would not log out of DDL and ROLE (none when ALL is listed). */
function missingDdlOrRole(classes: readonly PgAuditLogClass[]): PgAuditLogClass[] {
  if (classes.includes(PgAuditLogClass.ALL)) return [];
  return [PgAuditLogClass.DDL, PgAuditLogClass.ROLE].filter((c) => !classes.includes(c));
}

/** True when the classes leave schema or role changes unaudited (the rules PGF-LOG-10 and PGS-LOG-9). */
export function leavesOutDdlOrRole(classes: readonly PgAuditLogClass[]): boolean {
  return missingDdlOrRole(classes).length > 0;
}

/** Prints the justified choice to audit neither schema nor role changes (validated before). */
export function warnReducedAudit(scope: IConstruct, classes: readonly PgAuditLogClass[], audit: AuditLoggingOptions | undefined): void {
  const missing = missingDdlOrRole(classes);
  if (missing.length === 0) return;
  warn(scope, 'PgAuditClassesReduced', `pgaudit does not audit ${missing.map((c) => c.toUpperCase()).join(' or ')} statements (pgaudit.log = "${classes.join(',')}")`, audit?.justification);
}
