import { AZURE_SYSTEM_ROLES } from '../database/reserved-role-names';

// What a live server holds, read with catalog queries only. Every query runs in a read-only
// transaction with a statement timeout (see session.ts): the audit never changes the server.

export interface LiveRole {
  readonly name: string;
  readonly superuser: boolean;
  readonly createRole: boolean;
  readonly createDatabase: boolean;
  readonly replication: boolean;
  readonly bypassRls: boolean;
  readonly login: boolean;
  /** valid_until in UTC (ISO 8601), or null when the password never expires. */
  readonly validUntil: string | null;
  /** Whether valid_until has passed, by the server's clock. */
  readonly expired: boolean;
}

export interface LiveMembership {
  readonly role: string;
  readonly member: string;
}

/** A privilege PUBLIC (every role) holds on an object of a database. */
export interface PublicPrivilege {
  /** "database", "schema", "table", "view", "sequence", ... or "default privileges". */
  readonly kind: string;
  readonly object: string;
  readonly privilege: string;
}

export interface LiveDatabase {
  readonly name: string;
  readonly exists: boolean;
  readonly pgaudit: boolean;
  readonly publicPrivileges: readonly PublicPrivilege[];
}

export interface LiveState {
  readonly currentUser: string;
  readonly roles: readonly LiveRole[];
  readonly memberships: readonly LiveMembership[];
  /** pgaadauth security labels by role name. */
  readonly entraLabels: ReadonlyMap<string, string>;
  readonly databases: readonly LiveDatabase[];
}

/** A read-only session on one database. */
export interface Session {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Opens a session on a database; rejects with an error whose code is "3D000" when it does not exist. */
export type OpenSession = (database: string) => Promise<Session>;

export const ROLES_SQL = `
SELECT rolname AS name, rolsuper AS superuser, rolcreaterole AS "createRole", rolcreatedb AS "createDatabase",
       rolreplication AS replication, rolbypassrls AS "bypassRls", rolcanlogin AS login,
       CASE WHEN rolvaliduntil IS NULL OR rolvaliduntil = 'infinity' THEN NULL
            ELSE to_char(rolvaliduntil AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END AS "validUntil",
       COALESCE(rolvaliduntil < now(), false) AS expired
FROM pg_catalog.pg_roles ORDER BY rolname`;

export const MEMBERSHIPS_SQL = `
SELECT r.rolname AS role, m.rolname AS member
FROM pg_catalog.pg_auth_members a
JOIN pg_catalog.pg_roles r ON r.oid = a.roleid
JOIN pg_catalog.pg_roles m ON m.oid = a.member
ORDER BY 1, 2`;

export const ENTRA_LABELS_SQL = `
SELECT r.rolname AS role, s.label
FROM pg_catalog.pg_shseclabel s
JOIN pg_catalog.pg_roles r ON r.oid = s.objoid
WHERE s.classoid = 'pg_catalog.pg_authid'::pg_catalog.regclass AND s.provider = 'pgaadauth'`;

export const PGAUDIT_SQL = `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pgaudit') AS installed`;

/**
 * What PUBLIC holds in the current database: on the database (a NULL ACL means PostgreSQL's
 * default, CONNECT and TEMPORARY), on schemas, tables, views and sequences, and in default
 * privileges. Left out: system schemas, schemas Azure's roles own, objects of extensions, and
 * functions and types (PostgreSQL grants EXECUTE and USAGE on them to PUBLIC by default).
 */
export const PUBLIC_PRIVILEGES_SQL = `
WITH user_schemas AS (
  SELECT n.oid, n.nspname, n.nspacl, n.nspowner FROM pg_catalog.pg_namespace n
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
    AND pg_catalog.pg_get_userbyid(n.nspowner) <> ALL ($1::text[])
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.objid = n.oid AND d.deptype = 'e')
)
SELECT 'database' AS kind, d.datname AS object, a.privilege_type AS privilege
FROM pg_catalog.pg_database d, pg_catalog.aclexplode(COALESCE(d.datacl, pg_catalog.acldefault('d', d.datdba))) a
WHERE d.datname = pg_catalog.current_database() AND a.grantee = 0
UNION ALL
SELECT 'schema', s.nspname, a.privilege_type
FROM user_schemas s, pg_catalog.aclexplode(COALESCE(s.nspacl, pg_catalog.acldefault('n', s.nspowner))) a
WHERE a.grantee = 0
UNION ALL
SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' ELSE 'table' END,
       s.nspname || '.' || c.relname, a.privilege_type
FROM pg_catalog.pg_class c JOIN user_schemas s ON s.oid = c.relnamespace, pg_catalog.aclexplode(c.relacl) a
WHERE a.grantee = 0 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'e')
UNION ALL
SELECT 'default privileges',
       CASE p.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' ELSE 'schemas' END
         || ' created by ' || pg_catalog.pg_get_userbyid(p.defaclrole) || COALESCE(' in ' || n.nspname, ''),
       a.privilege_type
FROM pg_catalog.pg_default_acl p LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.defaclnamespace, pg_catalog.aclexplode(p.defaclacl) a
WHERE a.grantee = 0 AND p.defaclobjtype IN ('r', 'S', 'n')
ORDER BY 1, 2, 3`;

const UNDEFINED_DATABASE = '3D000';

/** Reads the roles of the server and, in each of the given databases, pgaudit and PUBLIC's privileges. */
export async function readLiveState(open: OpenSession, mainDatabase: string, databases: readonly string[]): Promise<LiveState> {
  const main = await open(mainDatabase);
  let state: Omit<LiveState, 'databases'>;
  try {
    const [{ name: currentUser }] = await main.query<{ name: string }>('SELECT current_user AS name');
    const roles = await main.query<LiveRole>(ROLES_SQL);
    const memberships = await main.query<LiveMembership>(MEMBERSHIPS_SQL);
    const labels = await main.query<{ role: string; label: string }>(ENTRA_LABELS_SQL);
    state = { currentUser, roles, memberships, entraLabels: new Map(labels.map((l) => [l.role, l.label])) };
  } finally {
    await main.close();
  }
  const live: LiveDatabase[] = [];
  for (const name of databases) live.push(await readDatabase(open, name));
  return { ...state, databases: live };
}

async function readDatabase(open: OpenSession, name: string): Promise<LiveDatabase> {
  let session: Session;
  try {
    session = await open(name);
  } catch (error) {
    if ((error as { code?: string }).code === UNDEFINED_DATABASE) return { name, exists: false, pgaudit: false, publicPrivileges: [] };
    throw error;
  }
  try {
    const [{ installed }] = await session.query<{ installed: boolean }>(PGAUDIT_SQL);
    const publicPrivileges = await session.query<PublicPrivilege>(PUBLIC_PRIVILEGES_SQL, [AZURE_SYSTEM_ROLES]);
    return { name, exists: true, pgaudit: installed, publicPrivileges };
  } finally {
    await session.close();
  }
}
