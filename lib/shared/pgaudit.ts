import { isToken } from '../private/tokens';
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

export function validateAuditLogging(prop: string, audit: AuditLoggingOptions | undefined): void {
  const classes = audit?.pgauditLogClasses;
  if (classes === undefined || isToken(classes)) return;
  if (classes.length === 0) {
    throw new ValidationError(`${prop}.pgauditLogClasses`, classes, 'is empty, which would turn auditing off', 'list at least one class, e.g. [PgAuditLogClass.DDL, PgAuditLogClass.ROLE]');
  }
  const allowed = Object.values(PgAuditLogClass);
  classes.forEach((value, index) => {
    if (!isToken(value) && !allowed.includes(value)) {
      throw new ValidationError(
        `${prop}.pgauditLogClasses[${index}]`,
        value,
        'is not a pgaudit class',
        `use PgAuditLogClass members (${allowed.join(', ')}); "none" and "-class" exclusions are not accepted`,
      );
    }
  });
  const repeated = classes.find((value, index) => !isToken(value) && classes.indexOf(value) !== index);
  if (repeated !== undefined) {
    throw new ValidationError(`${prop}.pgauditLogClasses`, classes, `lists "${repeated}" twice`, 'list each class once');
  }
}
