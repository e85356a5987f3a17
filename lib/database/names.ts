import { POSTGRES_NAME_FIX, postgresNameProblem } from '../private/postgres-name';
import { ValidationError } from '../private/validation-error';
import { isReservedRoleName } from './reserved-role-names';

/** Refuses a role name PostgreSQL refuses or cuts, or one that PostgreSQL or Azure owns. */
export function checkRoleName(prop: string, name: string): void {
  const problem = postgresNameProblem(name);
  if (problem !== undefined) throw new ValidationError('DB-ROLE-NAME-FORMAT', prop, name, problem, POSTGRES_NAME_FIX);
  if (isReservedRoleName(name)) {
    throw new ValidationError('DB-ROLE-NAME-RESERVED', prop, name, 'is reserved by PostgreSQL or Azure', 'choose another name: not postgres, public, azuresu, azure_superuser, azure_pg_admin, replication, localadmin, nor one starting with pg_');
  }
}

/** Refuses a schema name PostgreSQL refuses or keeps for itself. */
export function checkSchemaName(prop: string, name: string): void {
  const problem = postgresNameProblem(name);
  if (problem !== undefined) throw new ValidationError('DB-SCHEMA-NAME', prop, name, problem, POSTGRES_NAME_FIX);
  if (name.toLowerCase().startsWith('pg_') || name.toLowerCase() === 'information_schema') {
    throw new ValidationError('DB-SCHEMA-SYSTEM', prop, name, 'is a system schema', 'manage only your own schemas, e.g. "public" or "sales"');
  }
}

/**
 * A name as the construct id made from it spells it: constructs writes "/" in an id as "--", so
 * "a/b" and "a--b" would be made under one id and the second would fail with constructs' own
 * error (adversarial run of stop 67). Two names of one kind must differ in this form too.
 */
export function asConstructId(name: string): string {
  return name.replace(/\//g, '--');
}

/** The error for a name whose construct id another name of its kind already spells (asConstructId). */
export function sameConstructId(code: 'DB-ROLE-NAME-DUPLICATE' | 'DB-SCHEMA-DUPLICATE', prop: string, name: string, other: string): ValidationError {
  return new ValidationError(code, prop, name, `makes the construct id of ${JSON.stringify(other)}, as constructs writes "/" in an id as "--"`, 'give each a name that differs by more than "/" against "--"');
}
