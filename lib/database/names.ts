import { ValidationError } from '../private/validation-error';
import { isReservedRoleName } from './reserved-role-names';

/** PostgreSQL keeps names of at most 63 bytes (NAMEDATALEN - 1) and silently cuts longer ones. */
export const MAX_NAME_BYTES = 63;
const CONTROL_OR_QUOTE = /[\u0000-\u001f\u007f"]/;

/**
 * Why a literal cannot serve as a role or schema name, or undefined. Quoted names may hold any
 * character; these rules keep out what PostgreSQL refuses or cuts (empty, over 63 bytes) and what
 * only causes trouble (quotes, control characters, surrounding spaces).
 */
function nameProblem(name: string): string | undefined {
  if (name.length === 0 || Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) return 'is empty or longer than 63 bytes';
  if (CONTROL_OR_QUOTE.test(name)) return 'holds a double quote or a control character';
  if (name.trim() !== name) return 'starts or ends with a space';
  return undefined;
}

const NAME_FIX = 'use 1-63 bytes without double quotes, control characters or surrounding spaces';

/** Refuses a role name PostgreSQL refuses or cuts, or one that PostgreSQL or Azure owns. */
export function checkRoleName(prop: string, name: string): void {
  const problem = nameProblem(name);
  if (problem !== undefined) throw new ValidationError('DB-ROLE-NAME-FORMAT', prop, name, problem, NAME_FIX);
  if (isReservedRoleName(name)) {
    throw new ValidationError('DB-ROLE-NAME-RESERVED', prop, name, 'is reserved by PostgreSQL or Azure', 'choose another name: not postgres, public, azuresu, azure_superuser, azure_pg_admin, replication, localadmin, nor one starting with pg_');
  }
}

/** Refuses a schema name PostgreSQL refuses or keeps for itself. */
export function checkSchemaName(prop: string, name: string): void {
  const problem = nameProblem(name);
  if (problem !== undefined) throw new ValidationError('DB-SCHEMA-NAME', prop, name, problem, NAME_FIX);
  if (name.toLowerCase().startsWith('pg_') || name.toLowerCase() === 'information_schema') {
    throw new ValidationError('DB-SCHEMA-SYSTEM', prop, name, 'is a system schema', 'manage only your own schemas, e.g. "public" or "sales"');
  }
}
