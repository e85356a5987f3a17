import { list, LiteralReason, member, optional, struct } from '../private/shape';
import { ValidationError } from '../private/validation-error';

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
}

export const AUDIT_LOGGING_OPTIONS = struct('AuditLoggingOptions', {
  pgauditLogClasses: optional(list(member('PgAuditLogClass', 'PgAuditLogClass.DDL', LiteralReason.SECURITY), { literal: LiteralReason.SECURITY })),
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
}
