import type { DeclaredGrant } from './declared-grants';
import type { Session } from './live-state';

// A declared EXECUTE grant names a routine as the postgresql provider writes it into GRANT:
// "<schema>"."<name>" followed by the argument types as written ("f(text)"), or the name alone,
// which PostgreSQL accepts only while no other routine of the schema has that name. The routine it
// names is the one PostgreSQL resolves the same text to, by name and normalized argument types: a
// later overload with other arguments is another routine (eighth review, definer-execute).

/** A routine a declared grant names, in a database. */
export interface DeclaredRoutine {
  readonly database: string;
  readonly schema: string;
  /** As written in the grant's objects: "f" or "f(text, boolean)". */
  readonly object: string;
}

/** What a declared routine resolves to in its database; oid null when it names no routine, or none alone. */
export interface ResolvedRoutine {
  readonly schema: string;
  readonly object: string;
  readonly oid: string | null;
}

/** The routines the EXECUTE grants name, once each (a grant on every routine of a schema names none). */
export function declaredRoutines(grants: readonly DeclaredGrant[]): DeclaredRoutine[] {
  const routines = new Map<string, DeclaredRoutine>();
  for (const grant of grants) {
    if (!grant.privileges.includes('EXECUTE') || grant.schema === undefined) continue;
    for (const object of grant.objects) routines.set(JSON.stringify([grant.database, grant.schema, object]), { database: grant.database, schema: grant.schema, object });
  }
  return [...routines.values()];
}

/** The routine's name quoted as an identifier, its argument list kept as SQL, as the provider builds GRANT. */
export function routineSignature(schema: string, object: string): string {
  const open = object.indexOf('(');
  const name = open < 0 ? object : object.slice(0, open);
  return `${quoteIdentifier(schema)}.${quoteIdentifier(name)}${open < 0 ? '' : object.slice(open)}`;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** to_regproc is NULL when the bare name matches several routines, as GRANT then fails. */
const BY_NAME_SQL = 'SELECT pg_catalog.to_regproc($1)::oid::text AS oid';
const BY_SIGNATURE_SQL = 'SELECT pg_catalog.to_regprocedure($1)::oid::text AS oid';

/**
 * Resolves each declared routine in the session's database. Malformed argument lists may raise a
 * syntax error: each lookup runs in a savepoint, so that one does not end the read-only transaction.
 */
export async function resolveRoutines(session: Session, routines: readonly DeclaredRoutine[]): Promise<ResolvedRoutine[]> {
  const resolved: ResolvedRoutine[] = [];
  for (const { schema, object } of routines) {
    await session.query('SAVEPOINT routine_identity');
    try {
      const [row] = await session.query<{ oid: string | null }>(object.includes('(') ? BY_SIGNATURE_SQL : BY_NAME_SQL, [routineSignature(schema, object)]);
      resolved.push({ schema, object, oid: row?.oid ?? null });
    } catch {
      await session.query('ROLLBACK TO SAVEPOINT routine_identity');
      resolved.push({ schema, object, oid: null });
    }
  }
  return resolved;
}
