import { CronJob, CronJobs, readCronJobs } from './cron-jobs';
import { SERVER_PARAMETERS } from './declared-access';
import { EXTENSION_PUBLIC_GRANTS } from './extension-grants';
import { SERVER_LOGGING } from './server-logging';
import { DeclaredRoutine, ResolvedRoutine, resolveRoutines } from './routine-identities';
import { holdsConnectionPassword, StoredPassword, STORED_TEXTS_SQL } from './stored-passwords';

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
  /** Seconds from now to valid_until, by the server's clock; null when the password never expires. */
  readonly validForSeconds: number | null;
}

export interface LiveMembership {
  readonly role: string;
  readonly member: string;
  /** Whether the member may grant the role to others and revoke it (WITH ADMIN OPTION, from any grantor). */
  readonly adminOption: boolean;
}

/** A privilege PUBLIC (every role) holds on an object of a database. */
export interface PublicPrivilege {
  /** "database", "schema", "table", "view", "sequence", "foreign server", "large object", ... or "default privileges". */
  readonly kind: string;
  readonly object: string;
  readonly privilege: string;
  /** The object's owner (of default privileges: the role whose new objects they cover). */
  readonly owner?: string;
  /**
   * Whether the object is a member of an extension whose script may have set this privilege: it is
   * among the extension's initial privileges (pg_init_privs, privtype 'e', or PostgreSQL's default
   * where the extension recorded none). Of a SECURITY DEFINER routine, only when its language is
   * untrusted (C: only a superuser, on Azure only Azure, creates one): an administrator makes one in
   * SQL or PL/pgSQL and may tie it to an extension, its ACL recorded as the extension's with it.
   */
  readonly initial?: boolean;
  /**
   * Of a schema or relation: the extension it belongs to whose schema holds it (of a schema: the
   * extension's schema itself), else null; with name, what EXTENSION_PUBLIC_GRANTS is matched on.
   */
  readonly extension?: string | null;
  /** Of a schema or relation: its own name (a relation's without its schema). */
  readonly name?: string | null;
}

/**
 * A privilege a role other than PUBLIC holds on an object of a database, granted to it (an
 * owner's own rights are not grants). kind is the postgresql provider's object_type.
 */
export interface LiveGrant {
  readonly kind: 'database' | 'schema' | 'table' | 'sequence' | 'column' | 'function' | 'procedure' | 'default privileges'
    | 'foreign data wrapper' | 'foreign server' | 'large object' | 'large objects';
  /** The schema of the object (of default privileges: the schema they are limited to), or null (a database-wide object). */
  readonly schema: string | null;
  /** The object's own name; for a column its table's; for default privileges the object type ("table", ...). */
  readonly name: string;
  /** The column of a column grant; a routine's owner; for default privileges the role whose new objects they cover. */
  readonly detail: string | null;
  /** The object as the report names it, e.g. "public.orders" or "public.f(integer)". */
  readonly object: string;
  readonly grantee: string;
  readonly privilege: string;
  /** Whether the grantee may grant it on (WITH GRANT OPTION). */
  readonly grantable: boolean;
}

/** An object of a database and the role that owns it. */
export interface LiveOwnership {
  /** "database", "schema", "table", "view", "sequence", "function", "type", "domain", "language", "foreign server", "extension", "large object", ... */
  readonly kind: string;
  readonly object: string;
  readonly owner: string;
  /** Whether the owner is a login role. */
  readonly login: boolean;
  /** Whether it is PostgreSQL's own: schema pg_catalog or information_schema, or an object of theirs (read when no superuser owns it). */
  readonly system?: boolean;
}

/** A privilege on a database granted to a role, or to PUBLIC (grantee null); not its owner's own. */
export interface DatabasePrivilege {
  readonly grantee: string | null;
  readonly privilege: string;
}

/** A database of the server, as the main database's session sees it in pg_database. */
export interface ServerDatabase {
  readonly name: string;
  readonly owner: string;
  /** Granted privileges, PostgreSQL's default ACL (PUBLIC: CONNECT, TEMPORARY) when none was set. */
  readonly privileges: readonly DatabasePrivilege[];
  /**
   * Of a database the stack does not manage but its roles may connect to: its schemas on which PUBLIC
   * holds CREATE (PostgreSQL's default on schema public before version 15), what PUBLIC and the roles
   * hold there and who may run a routine there with another role's rights; or why it could not be
   * read. Undefined: not read.
   */
  readonly publicCreate?: {
    readonly schemas: readonly string[];
    readonly publicPrivileges?: readonly PublicPrivilege[];
    readonly grants?: readonly LiveGrant[];
    readonly definerExecutions?: readonly DefinerExecution[];
    readonly userMappings?: readonly UserMapping[];
    readonly storedPasswords?: readonly StoredPassword[];
    /** Its objects and their owners (OWNERS_SQL). */
    readonly owners?: readonly LiveOwnership[];
    /** Privileges on its system catalog's objects that PostgreSQL did not give (CATALOG_PRIVILEGES_SQL: each database's own, D73-4). */
    readonly catalogPrivileges?: readonly CatalogPrivilege[];
  } | { readonly unreadable: string };
}

/** A role other than its owner (and PUBLIC) that may execute a SECURITY DEFINER routine: it runs with the owner's rights. */
export interface DefinerExecution {
  /**
   * A trigger function is run by whoever may write its table; a foreign key action's is code of the
   * referencing table (a trigger's, a check constraint's, a default's) that a write of the referenced
   * table runs with the referencing table's owner's rights. An event trigger's function fires for
   * every role's DDL command: a SECURITY DEFINER one (executor PUBLIC) runs as its owner for all; an
   * invoker one that a role other than the event trigger's owner owns (executor that role, which may
   * replace it) runs its code as whoever runs DDL, the event trigger's owner among them (96th run, A96c-2).
   * A subscription's (object: a table it writes; executor: the table's owner) writes the table as the
   * subscription's owner before PostgreSQL 16, running the code the table's owner gives it (A96c-4).
   * A range type's SECURITY DEFINER support function (executor PUBLIC) runs as its owner for every
   * role whose query PostgreSQL plans or indexes on the type, EXECUTE or not (A96d-5).
   * A view (not security_invoker) reads its tables with its owner's rights, and a materialized view
   * holds what its owner read (executor: a role other than the owner that holds a privilege on it); a
   * rule's actions run with its relation's owner's rights (executor: a role that writes the relation
   * with the rule's event). Adversarial run of stop 67, d01. A pg_cron job's command (owner: the role it
   * runs as) calling a function another role owns (executor: that role, which may replace it): d02.
   * A function or operator of an index's expressions or predicate that a role other than the table's owner owns (executor: that
   * role, which may replace it) runs with the table owner's rights at each ANALYZE, VACUUM or REINDEX (stop 68, x01).
   */
  readonly kind: 'function' | 'procedure' | 'trigger function' | 'foreign key action' | 'event trigger function' | 'event trigger code' | 'subscription'
    | 'type support function' | 'view' | 'materialized view' | 'rule' | 'cron job code' | 'index code';
  readonly schema: string;
  readonly name: string;
  /** The routine as the report names it, e.g. "public.f(n integer)", a trigger function with its trigger and table. */
  readonly object: string;
  /** The routine's OID: its identity, which the routines a declared grant names resolve to. */
  readonly oid: string;
  /** The role whose rights it runs with: the routine's owner, or the referencing table's for a foreign key action. */
  readonly owner: string;
  readonly executor: string;
  /**
   * Whether PUBLIC may execute it by its extension's script (see PublicPrivilege.initial): then every
   * role may, and the executor's own grant adds nothing.
   */
  readonly publicByScript?: boolean;
}

export interface LiveDatabase {
  readonly name: string;
  readonly exists: boolean;
  readonly pgaudit: boolean;
  readonly publicPrivileges: readonly PublicPrivilege[];
  /** Privileges granted to roles (not PUBLIC), on the database and its user objects. */
  readonly grants: readonly LiveGrant[];
  /** The database and its user objects, with their owners. */
  readonly owners: readonly LiveOwnership[];
  /** Who besides their owners may execute the SECURITY DEFINER routines of its user schemas. */
  readonly definerExecutions: readonly DefinerExecution[];
  /** The routines the stack's EXECUTE grants on this database name, as PostgreSQL resolves them. */
  readonly routines: readonly ResolvedRoutine[];
  /** The settings its routines run with (ALTER FUNCTION ... SET, pg_proc.proconfig), one per setting. */
  readonly routineSettings: readonly RoutineSetting[];
  /** Its user mappings (CREATE USER MAPPING): credentials a role, or PUBLIC, signs in to a foreign server with. */
  readonly userMappings: readonly UserMapping[];
  /** Where its catalog holds a connection string with a password, which every role may read there. */
  readonly storedPasswords: readonly StoredPassword[];
  /** pgaudit's event triggers that are disabled. */
  readonly disabledPgauditTriggers?: readonly string[];
  /** Privileges on the system schemas' objects that PostgreSQL did not give. */
  readonly catalogPrivileges?: readonly CatalogPrivilege[];
}

/**
 * A user mapping: whoever it is for signs in to the foreign server with its credentials each time it
 * queries one of the server's foreign tables, USAGE on the server or not (adversarial run of stop 67, d04).
 */
export interface UserMapping {
  readonly server: string;
  /** The role it is for; null: PUBLIC (every role without one of its own). */
  readonly role: string | null;
}

/** A setting a routine runs every call with (CREATE/ALTER FUNCTION ... SET: pg_proc.proconfig). */
export interface RoutineSetting {
  readonly kind: 'function' | 'procedure';
  /** The routine as the report names it, e.g. "public.f(n integer)". */
  readonly object: string;
  readonly name: string;
  readonly value: string;
}

/** A privilege on a setting (PostgreSQL 15+: GRANT SET | ALTER SYSTEM ON PARAMETER, pg_parameter_acl). */
export interface ParameterPrivilege {
  /** The setting's name, as pg_parameter_acl holds it. */
  readonly name: string;
  /** The role it is granted to; null: PUBLIC. */
  readonly grantee: string | null;
  /** "SET" or "ALTER SYSTEM". */
  readonly privilege: string;
}

/** A session default of a role, of a database, or of a role in one database (pg_db_role_setting: ALTER ROLE/DATABASE ... SET). */
export interface SessionSetting {
  /** The role whose sessions start with it; null: every role's (ALTER DATABASE ... SET). */
  readonly role: string | null;
  /** The database whose sessions start with it; null: every database (ALTER ROLE ... SET). */
  readonly database: string | null;
  readonly name: string;
  readonly value: string;
}

export interface LiveState {
  readonly currentUser: string;
  readonly roles: readonly LiveRole[];
  readonly memberships: readonly LiveMembership[];
  /** pgaadauth security labels by role name. */
  readonly entraLabels: ReadonlyMap<string, string>;
  readonly databases: readonly LiveDatabase[];
  /** Every database of the server, declared or not. */
  readonly serverDatabases: readonly ServerDatabase[];
  /** The session defaults of the server's roles and databases. */
  readonly sessionSettings: readonly SessionSetting[];
  /** The privileges granted on settings (empty before PostgreSQL 15, which has no pg_parameter_acl). */
  readonly parameterPrivileges: readonly ParameterPrivilege[];
  /** pg_cron's jobs the auditor may see (each role sees its own), or why they could not be read. */
  readonly cronJobs: CronJobs;
  /**
   * The server's pgaudit.log as the audit's session sees it, and its source (pg_settings.source: "user", "database" or "database
   * user" is a session default, not the server's); null: pgaudit is not loaded. Undefined: not read.
   */
  readonly pgauditLog?: { readonly log: string; readonly source: string } | null;
  /** The server parameters of SERVER_PARAMETERS and SERVER_LOGGING the server has (pg_settings; an Azure one is absent elsewhere). */
  readonly serverParameters?: readonly { readonly name: string; readonly setting: string; readonly type: string; readonly source: string }[];
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
            WHEN rolvaliduntil = '-infinity' THEN '-infinity'
            ELSE to_char(rolvaliduntil AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END AS "validUntil",
       COALESCE(rolvaliduntil < now(), false) AS expired,
       CASE WHEN rolvaliduntil IS NULL OR NOT isfinite(rolvaliduntil) THEN NULL
            ELSE EXTRACT(EPOCH FROM rolvaliduntil - now())::float8 END AS "validForSeconds"
FROM pg_catalog.pg_roles ORDER BY rolname`;

export const MEMBERSHIPS_SQL = `
SELECT r.rolname AS role, m.rolname AS member, bool_or(a.admin_option) AS "adminOption"
FROM pg_catalog.pg_auth_members a
JOIN pg_catalog.pg_roles r ON r.oid = a.roleid
JOIN pg_catalog.pg_roles m ON m.oid = a.member
GROUP BY 1, 2
ORDER BY 1, 2`;

export const ENTRA_LABELS_SQL = `
SELECT r.rolname AS role, s.label
FROM pg_catalog.pg_shseclabel s
JOIN pg_catalog.pg_roles r ON r.oid = s.objoid
WHERE s.classoid = 'pg_catalog.pg_authid'::pg_catalog.regclass AND s.provider = 'pgaadauth'`;

export const PGAUDIT_SQL = `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pgaudit') AS installed`;

/**
 * The server's pgaudit.log and where the session's value comes from (pg_settings, which every role reads). No row: pgaudit is not
 * loaded (not in shared_preload_libraries), and logs nothing whatever its extension rows say; a value set but not loaded is a
 * placeholder, which pg_settings does not show (adversarial run adv72a, A72-14).
 */
export const PGAUDIT_LOG_SQL = `SELECT s.setting AS log, s.source FROM pg_catalog.pg_settings s WHERE s.name = 'pgaudit.log'`;

/** The server parameters the audit compares (SERVER_PARAMETERS) or judges (SERVER_LOGGING), as pg_settings shows them to every role (D73-7). */
export const SERVER_PARAMETERS_SQL = `SELECT s.name, s.setting, s.vartype AS type, s.source FROM pg_catalog.pg_settings s
WHERE s.name IN (${[...new Set([...SERVER_PARAMETERS, ...SERVER_LOGGING.map((p) => p.name)])].map((name) => `'${name}'`).join(', ')}) ORDER BY 1`;

/**
 * Privileges on the system catalog schema pg_catalog, its relations and its routines that PostgreSQL did not give: neither among the
 * initial privileges initdb or an extension recorded (pg_init_privs), nor, where it recorded none, the object's default. Not information_schema: initdb
 * records no initial privileges for it (its views' SELECT to PUBLIC would all read as grants). The audit's other
 * reads skip the system schemas, so a superuser's (on Azure: Azure's, or a support case's) GRANT SELECT ON pg_authid TO PUBLIC or
 * EXECUTE on pg_read_file to a role went unseen (adversarial run adv72a, A72-3, A72-4, A72-5). PUBLIC is grantee NULL. Column
 * grants too (GRANT SELECT (rolpassword) ON pg_authid), against their own initial privileges (initdb records pg_subscription's
 * columns' in pg_init_privs; a column's default is none): adversarial run adv73a, D73-5. The ACLs are each database's own, a
 * shared catalog's (pg_authid's) too: pg_class is not shared, so a grant made in database postgres reads every role's hash
 * there and shows in no other database. It is read in every database the audit reads (D73-4).
 */
export const CATALOG_PRIVILEGES_SQL = `
WITH objects AS (
  SELECT 'pg_catalog.pg_namespace'::pg_catalog.regclass AS classid, n.oid, 0 AS subid, 'schema' AS kind, n.nspname::text AS object, n.nspacl AS acl, n.nspowner AS owner, 'n'::"char" AS objtype
  FROM pg_catalog.pg_namespace n WHERE n.nspname = 'pg_catalog' AND n.nspacl IS NOT NULL
  UNION ALL
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, 0, CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' ELSE 'table' END,
         n.nspname || '.' || c.relname, c.relacl, c.relowner, CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char"
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'pg_catalog' AND c.relacl IS NOT NULL
  UNION ALL
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, t.attnum, 'column', n.nspname || '.' || c.relname || '.' || t.attname, t.attacl, c.relowner, 'c'::"char"
  FROM pg_catalog.pg_attribute t JOIN pg_catalog.pg_class c ON c.oid = t.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'pg_catalog' AND t.attacl IS NOT NULL AND t.attnum > 0 AND NOT t.attisdropped
  UNION ALL
  SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, f.oid, 0, CASE f.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END,
         n.nspname || '.' || f.proname || '(' || pg_catalog.pg_get_function_identity_arguments(f.oid) || ')', f.proacl, f.proowner, 'f'::"char"
  FROM pg_catalog.pg_proc f JOIN pg_catalog.pg_namespace n ON n.oid = f.pronamespace
  WHERE n.nspname = 'pg_catalog' AND f.proacl IS NOT NULL
)
SELECT o.kind, o.object, CASE WHEN a.grantee = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(a.grantee) END AS grantee, a.privilege_type AS privilege
FROM objects o, pg_catalog.aclexplode(o.acl) a
WHERE a.grantee <> o.owner
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.aclexplode(COALESCE(
                    (SELECT i.initprivs FROM pg_catalog.pg_init_privs i WHERE i.classoid = o.classid AND i.objoid = o.oid AND i.objsubid = o.subid),
                    pg_catalog.acldefault(o.objtype, o.owner))) ia
                  WHERE ia.grantee = a.grantee AND ia.privilege_type = a.privilege_type)
ORDER BY 2, 3, 4`;

/** A privilege on an object of a system schema that PostgreSQL did not give (CATALOG_PRIVILEGES_SQL). */
export interface CatalogPrivilege {
  readonly kind: string;
  readonly object: string;
  /** null: PUBLIC. */
  readonly grantee: string | null;
  readonly privilege: string;
}

/** pgaudit's own event triggers that are disabled (evtenabled 'D'): its DDL logging with object names is off (A72-23). */
export const PGAUDIT_DISABLED_TRIGGERS_SQL = `
SELECT t.evtname AS name
FROM pg_catalog.pg_event_trigger t
     JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_event_trigger'::pg_catalog.regclass AND d.objid = t.oid AND d.deptype = 'e'
     JOIN pg_catalog.pg_extension x ON x.oid = d.refobjid AND x.extname = 'pgaudit'
WHERE t.evtenabled = 'D'
ORDER BY 1`;

/**
 * The schemas of the current database that hold user objects: not the system's. Whoever owns one,
 * its contents are read: on Azure an Azure role owns schema public (ninth review, A9-2); what
 * Azure's roles own or hold is left out by the comparison, not here. An extension's schemas and
 * members are read as any other: whoever owns an extension and an object may tie the object to it
 * (ALTER EXTENSION ... ADD), so membership proves nothing (twenty-seventh run, A27b-1).
 */
const USER_SCHEMAS = `
WITH user_schemas AS (
  SELECT n.oid, n.nspname, n.nspacl, n.nspowner FROM pg_catalog.pg_namespace n
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND NOT pg_catalog.starts_with(n.nspname, 'pg_')
)
`;

/**
 * Whether PUBLIC's privilege (a.privilege_type) on an object (class $class, oid $oid, column
 * $subid) is among the initial privileges of an extension it belongs to (pg_init_privs, privtype
 * 'e': what the extension's script set). ALTER EXTENSION ... ADD records the object's ACL there too
 * (recordExtObjInitPriv), so a grant made before the ADD is among them: the comparison takes them
 * as the script's only on objects no role of the stack owns.
 */
const initialPublic = (classId: string, oid: string, subid = '0') =>
  `EXISTS (SELECT 1 FROM pg_catalog.pg_init_privs i, pg_catalog.aclexplode(i.initprivs) ia
   WHERE i.classoid = '${classId}'::pg_catalog.regclass AND i.objoid = ${oid} AND i.objsubid = ${subid} AND i.privtype = 'e'
     AND ia.grantee = 0 AND ia.privilege_type = a.privilege_type)`;

/** The schemas named by an extension's script grant that makes its own (pg_cron's cron), as an SQL list of (extension, schema) pairs. */
const OWN_SCHEMAS_OF_EXTENSIONS = [...new Set(EXTENSION_PUBLIC_GRANTS.filter((g) => g.schema !== undefined).map((g) => `('${g.extension}', '${g.schema}')`))].join(', ');

/**
 * The extension an object (class $class, oid $oid) belongs to, when the extension's schema is
 * $schema (the object's schema; of a schema, its own oid), else NULL. An extension whose script makes
 * a schema of its own for its objects (pg_cron's cron; its own schema is wherever it was created) is
 * also the extension of the objects of that schema, when the schema belongs to it and bears the name
 * its script gives it (adversarial run of stop 67, d02).
 */
const ownExtension = (classId: string, oid: string, schema: string) =>
  `(SELECT e.extname FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
   WHERE d.classid = '${classId}'::pg_catalog.regclass AND d.objid = ${oid} AND d.objsubid = 0 AND d.deptype = 'e'
     AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
     AND (e.extnamespace = ${schema} OR ((e.extname, (SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.oid = ${schema})) IN (${OWN_SCHEMAS_OF_EXTENSIONS})
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend sd WHERE sd.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND sd.objid = ${schema}
         AND sd.objsubid = 0 AND sd.deptype = 'e' AND sd.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND sd.refobjid = e.oid)))
   LIMIT 1)`;

/**
 * Whether PUBLIC's EXECUTE on routine f (its language l) is an extension's script's: f belongs to an
 * extension, is in an untrusted language (C: only a superuser, on Azure only Azure, creates one; an
 * administrator makes SQL or PL/pgSQL routines and may tie them to an extension), and PUBLIC's
 * EXECUTE is among its initial privileges, or PostgreSQL's default where the extension recorded none.
 */
const SCRIPT_EXECUTE = `(NOT l.lanpltrusted
         AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = f.oid AND d.deptype = 'e')
         AND (EXISTS (SELECT 1 FROM pg_catalog.pg_init_privs i, pg_catalog.aclexplode(i.initprivs) ia
                      WHERE i.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND i.objoid = f.oid AND i.objsubid = 0 AND i.privtype = 'e'
                        AND ia.grantee = 0 AND ia.privilege_type = 'EXECUTE')
              OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_init_privs i WHERE i.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND i.objoid = f.oid AND i.objsubid = 0)))`;

/** The provider's name for the kind of a relation (c.relkind), and the report's. */
const RELATION_KIND = `CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' ELSE 'table' END`;

/**
 * Large objects (pg_largeobject_metadata: owner lomowner, ACL lomacl) are database-wide, unnamed and may
 * number millions (an application that stores files with lo_create, Hibernate's @Lob): their rows are
 * grouped, one per owner or per grantee and privilege, naming the first OIDs ("4242", or "4242, 4243 and
 * 7 more"); kind "large object" for one, "large objects" for several. No extension owns one, and no
 * extension's script grants one to PUBLIC.
 */
const LARGE_OBJECTS_KIND = `CASE WHEN count(*) = 1 THEN 'large object' ELSE 'large objects' END`;
const LARGE_OBJECTS_NAMED = `pg_catalog.array_to_string((pg_catalog.array_agg(l.oid ORDER BY l.oid))[1:5], ', ')
         || CASE WHEN count(*) > 5 THEN ' and ' || (count(*) - 5)::text || ' more' ELSE '' END`;

/**
 * The schemas whose SECURITY DEFINER routines are read: the user schemas and each session's pg_temp_N, whose routines another
 * session runs by OID through an operator, a default or any expression stored in a user schema (96th run, A96c-3).
 */
const DEFINER_SCHEMAS = `(SELECT u.oid, u.nspname FROM user_schemas u
  UNION ALL SELECT n.oid, n.nspname FROM pg_catalog.pg_namespace n WHERE n.nspname ~ '^pg_temp_[0-9]+$')`;

/**
 * A routine of pg_proc `f` that runs code with its owner's rights for its caller: SECURITY DEFINER itself, or an aggregate one of
 * whose support functions is (PostgreSQL checks EXECUTE on those against the aggregate's owner, then runs them as theirs: 92nd
 * run, A92d-1).
 */
const RUNS_AS_OWNER = `(f.prosecdef OR EXISTS (
  SELECT 1 FROM pg_catalog.pg_aggregate g JOIN pg_catalog.pg_proc sf
    ON sf.oid IN (g.aggtransfn::oid, g.aggfinalfn::oid, g.aggcombinefn::oid, g.aggserialfn::oid, g.aggdeserialfn::oid, g.aggmtransfn::oid, g.aggminvtransfn::oid, g.aggmfinalfn::oid)
  WHERE g.aggfnoid = f.oid AND sf.prosecdef))`;

/**
 * What PUBLIC holds in the current database: on the database (a NULL ACL means PostgreSQL's
 * default, CONNECT and TEMPORARY), on schemas, tables, views, sequences and their columns, on
 * SECURITY DEFINER functions (PUBLIC may EXECUTE a function unless revoked: such a function runs
 * with its owner's rights for anyone; a session's pg_temp ones too, DEFINER_SCHEMAS), on foreign-data wrappers and foreign servers (USAGE: a
 * server's user mapping FOR PUBLIC signs anyone in to the remote server), on large objects (SELECT,
 * UPDATE: read and write the data), and in default privileges; of an extension's members too,
 * each row saying whether the extension's script may have set it (initial) and who owns the
 * object. Left out: system schemas, other functions and types (PostgreSQL grants EXECUTE and
 * USAGE on them to PUBLIC by default, and they run with the caller's rights), languages (PUBLIC's
 * USAGE on a trusted one is the default; GRANT on an untrusted one is refused) and tablespaces
 * (CREATE places objects, it reads none).
 */
export const PUBLIC_PRIVILEGES_SQL = `
${USER_SCHEMAS}SELECT 'database' AS kind, d.datname AS object, a.privilege_type AS privilege, pg_catalog.pg_get_userbyid(d.datdba) AS owner, false AS initial,
       NULL::text AS extension, NULL::text AS name
FROM pg_catalog.pg_database d, pg_catalog.aclexplode(COALESCE(d.datacl, pg_catalog.acldefault('d', d.datdba))) a
WHERE d.datname = pg_catalog.current_database() AND a.grantee = 0
UNION ALL
SELECT 'schema', s.nspname, a.privilege_type, pg_catalog.pg_get_userbyid(s.nspowner), ${initialPublic('pg_catalog.pg_namespace', 's.oid')},
       ${ownExtension('pg_catalog.pg_namespace', 's.oid', 's.oid')}, s.nspname
FROM user_schemas s, pg_catalog.aclexplode(COALESCE(s.nspacl, pg_catalog.acldefault('n', s.nspowner))) a
WHERE a.grantee = 0
UNION ALL
SELECT ${RELATION_KIND}, s.nspname || '.' || c.relname, a.privilege_type, pg_catalog.pg_get_userbyid(c.relowner), ${initialPublic('pg_catalog.pg_class', 'c.oid')},
       ${ownExtension('pg_catalog.pg_class', 'c.oid', 's.oid')}, c.relname
FROM pg_catalog.pg_class c JOIN user_schemas s ON s.oid = c.relnamespace, pg_catalog.aclexplode(c.relacl) a
WHERE a.grantee = 0 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
UNION ALL
SELECT 'column', s.nspname || '.' || c.relname || '.' || t.attname, a.privilege_type, pg_catalog.pg_get_userbyid(c.relowner), ${initialPublic('pg_catalog.pg_class', 'c.oid', 't.attnum')},
       NULL, NULL
FROM pg_catalog.pg_attribute t JOIN pg_catalog.pg_class c ON c.oid = t.attrelid JOIN user_schemas s ON s.oid = c.relnamespace,
     pg_catalog.aclexplode(t.attacl) a
WHERE a.grantee = 0 AND t.attnum > 0 AND NOT t.attisdropped
UNION ALL
SELECT CASE WHEN f.prosecdef THEN 'security definer function' ELSE 'aggregate over a security definer function' END,
       s.nspname || '.' || f.proname || '(' || pg_catalog.pg_get_function_identity_arguments(f.oid) || ')', a.privilege_type,
       pg_catalog.pg_get_userbyid(f.proowner),
       ${SCRIPT_EXECUTE}, NULL, NULL
FROM pg_catalog.pg_proc f JOIN ${DEFINER_SCHEMAS} s ON s.oid = f.pronamespace JOIN pg_catalog.pg_language l ON l.oid = f.prolang,
     pg_catalog.aclexplode(COALESCE(f.proacl, pg_catalog.acldefault('f', f.proowner))) a
WHERE a.grantee = 0 AND ${RUNS_AS_OWNER}
UNION ALL
SELECT 'foreign data wrapper', w.fdwname, a.privilege_type, pg_catalog.pg_get_userbyid(w.fdwowner), false, NULL, NULL
FROM pg_catalog.pg_foreign_data_wrapper w, pg_catalog.aclexplode(w.fdwacl) a
WHERE a.grantee = 0
UNION ALL
SELECT 'foreign server', v.srvname, a.privilege_type, pg_catalog.pg_get_userbyid(v.srvowner), false, NULL, NULL
FROM pg_catalog.pg_foreign_server v, pg_catalog.aclexplode(v.srvacl) a
WHERE a.grantee = 0
UNION ALL
SELECT ${LARGE_OBJECTS_KIND}, ${LARGE_OBJECTS_NAMED}, a.privilege_type, NULL, false, NULL, NULL
FROM pg_catalog.pg_largeobject_metadata l, pg_catalog.aclexplode(l.lomacl) a
WHERE a.grantee = 0
GROUP BY a.privilege_type
UNION ALL
SELECT 'default privileges',
       CASE p.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' ELSE 'schemas' END
         || ' created by ' || pg_catalog.pg_get_userbyid(p.defaclrole) || COALESCE(' in ' || n.nspname, ''),
       a.privilege_type, pg_catalog.pg_get_userbyid(p.defaclrole), false, NULL, NULL
FROM pg_catalog.pg_default_acl p LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.defaclnamespace, pg_catalog.aclexplode(p.defaclacl) a
WHERE a.grantee = 0 AND p.defaclobjtype IN ('r', 'S', 'n')
ORDER BY 1, 2, 3`;

/**
 * What roles other than PUBLIC are granted in the current database: on the database, the user
 * schemas, their tables, sequences, columns and routines, foreign-data wrappers, foreign servers and
 * large objects (grouped, see LARGE_OBJECTS_KIND), and in default privileges. An owner's
 * entry in its own object's ACL is its ownership, not a grant, and is left out.
 */
export const GRANTS_SQL = `
${USER_SCHEMAS}, grants AS (
  SELECT 'database' AS kind, NULL::text AS schema, d.datname AS name, NULL::text AS detail, d.datname AS object, a.grantee, a.privilege_type AS privilege, a.is_grantable AS grantable
  FROM pg_catalog.pg_database d, pg_catalog.aclexplode(d.datacl) a
  WHERE d.datname = pg_catalog.current_database() AND a.grantee <> d.datdba
  UNION ALL
  SELECT 'schema', NULL, s.nspname, NULL, s.nspname, a.grantee, a.privilege_type, a.is_grantable
  FROM user_schemas s, pg_catalog.aclexplode(s.nspacl) a
  WHERE a.grantee <> s.nspowner
  UNION ALL
  SELECT CASE c.relkind WHEN 'S' THEN 'sequence' ELSE 'table' END, s.nspname, c.relname, NULL, s.nspname || '.' || c.relname, a.grantee, a.privilege_type, a.is_grantable
  FROM pg_catalog.pg_class c JOIN user_schemas s ON s.oid = c.relnamespace, pg_catalog.aclexplode(c.relacl) a
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND a.grantee <> c.relowner
  UNION ALL
  SELECT 'column', s.nspname, c.relname, t.attname, s.nspname || '.' || c.relname || '.' || t.attname, a.grantee, a.privilege_type, a.is_grantable
  FROM pg_catalog.pg_attribute t JOIN pg_catalog.pg_class c ON c.oid = t.attrelid JOIN user_schemas s ON s.oid = c.relnamespace,
       pg_catalog.aclexplode(t.attacl) a
  WHERE t.attnum > 0 AND NOT t.attisdropped AND a.grantee <> c.relowner
  UNION ALL
  SELECT CASE f.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, s.nspname, f.proname, pg_catalog.pg_get_userbyid(f.proowner),
         s.nspname || '.' || f.proname || '(' || pg_catalog.pg_get_function_identity_arguments(f.oid) || ')', a.grantee, a.privilege_type, a.is_grantable
  FROM pg_catalog.pg_proc f JOIN user_schemas s ON s.oid = f.pronamespace, pg_catalog.aclexplode(f.proacl) a
  WHERE a.grantee <> f.proowner
  UNION ALL
  SELECT 'foreign data wrapper', NULL, w.fdwname, NULL, w.fdwname, a.grantee, a.privilege_type, a.is_grantable
  FROM pg_catalog.pg_foreign_data_wrapper w, pg_catalog.aclexplode(w.fdwacl) a
  WHERE a.grantee <> w.fdwowner
  UNION ALL
  SELECT 'foreign server', NULL, v.srvname, NULL, v.srvname, a.grantee, a.privilege_type, a.is_grantable
  FROM pg_catalog.pg_foreign_server v, pg_catalog.aclexplode(v.srvacl) a
  WHERE a.grantee <> v.srvowner
  UNION ALL
  SELECT ${LARGE_OBJECTS_KIND}, NULL, ${LARGE_OBJECTS_NAMED}, NULL, ${LARGE_OBJECTS_NAMED}, a.grantee, a.privilege_type, a.is_grantable
  FROM pg_catalog.pg_largeobject_metadata l, pg_catalog.aclexplode(l.lomacl) a
  WHERE a.grantee <> l.lomowner AND a.grantee <> 0
  GROUP BY a.grantee, a.privilege_type, a.is_grantable
  UNION ALL
  SELECT 'default privileges', n.nspname,
         CASE p.defaclobjtype WHEN 'r' THEN 'table' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'function' WHEN 'T' THEN 'type' ELSE 'schema' END,
         pg_catalog.pg_get_userbyid(p.defaclrole),
         CASE p.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' ELSE 'schemas' END
           || ' created by ' || pg_catalog.pg_get_userbyid(p.defaclrole) || COALESCE(' in ' || n.nspname, ''),
         a.grantee, a.privilege_type, a.is_grantable
  FROM pg_catalog.pg_default_acl p LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.defaclnamespace, pg_catalog.aclexplode(p.defaclacl) a
  WHERE a.grantee <> p.defaclrole
)
SELECT g.kind, g.schema, g.name, g.detail, g.object, r.rolname AS grantee, g.privilege, g.grantable
FROM grants g JOIN pg_catalog.pg_roles r ON r.oid = g.grantee
ORDER BY 1, 5, 6, 7`;

/**
 * The current database and its user schemas, relations, routines, types and domains, operators, operator classes and families,
 * collations, conversions, text search configurations and dictionaries and extended statistics, with their owners; and its
 * languages, foreign-data wrappers, foreign servers, extensions, publications and large objects (grouped by
 * owner, see LARGE_OBJECTS_KIND). A type's owner may drop it with CASCADE, and the columns of every table
 * of that type with it, or drop a domain's constraints; a foreign server's owner makes user mappings for
 * any role; an extension's owner drops it, and with CASCADE every column of its types and every object
 * that needs it, whoever owns them (adversarial run of stop 67), or updates it; a large object's owner
 * reads, writes, unlinks and grants it; a publication's owner adds tables to what it sends (adversarial run adv73a, D73-13,
 * D73-14). Left out: a relation's own row type and every type's array type and multirange (they follow their relation's or
 * type's owner). The system schemas pg_catalog and information_schema and their objects too (system: true), only where no
 * superuser owns them (initdb's bootstrap superuser owns them all; on Azure only Azure gives one away): the owner of
 * pg_read_file reads the server's files, and the owner level's information_schema view is what every role's query runs
 * (D73-3, D73-6).
 */
export const OWNERS_SQL = `
${USER_SCHEMAS}, owner_schemas AS (
  SELECT s.oid, s.nspname, false AS system FROM user_schemas s
  UNION ALL
  SELECT n.oid, n.nspname, true FROM pg_catalog.pg_namespace n WHERE n.nspname IN ('pg_catalog', 'information_schema')
), owned AS (
  SELECT 'database' AS kind, d.datname AS object, d.datdba AS owner, false AS system
  FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()
  UNION ALL
  SELECT 'schema', s.nspname, n.nspowner, s.system FROM owner_schemas s JOIN pg_catalog.pg_namespace n ON n.oid = s.oid
  UNION ALL
  SELECT ${RELATION_KIND}, s.nspname || '.' || c.relname, c.relowner, s.system
  FROM pg_catalog.pg_class c JOIN owner_schemas s ON s.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
  UNION ALL
  SELECT CASE f.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END,
         s.nspname || '.' || f.proname || '(' || pg_catalog.pg_get_function_identity_arguments(f.oid) || ')', f.proowner, s.system
  FROM pg_catalog.pg_proc f JOIN owner_schemas s ON s.oid = f.pronamespace
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END, s.nspname || '.' || t.typname, t.typowner, s.system
  FROM pg_catalog.pg_type t JOIN owner_schemas s ON s.oid = t.typnamespace
  WHERE t.typtype <> 'm' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type e WHERE e.typarray = t.oid)
    AND (t.typrelid = 0 OR EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c'))
  UNION ALL
  SELECT 'operator', s.nspname || '.' || o.oprname || '(' || CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE pg_catalog.format_type(o.oprleft, NULL) END
           || ', ' || pg_catalog.format_type(o.oprright, NULL) || ')', o.oprowner, s.system
  FROM pg_catalog.pg_operator o JOIN owner_schemas s ON s.oid = o.oprnamespace
  UNION ALL
  SELECT 'operator class', s.nspname || '.' || c.opcname || ' USING ' || m.amname, c.opcowner, s.system
  FROM pg_catalog.pg_opclass c JOIN owner_schemas s ON s.oid = c.opcnamespace JOIN pg_catalog.pg_am m ON m.oid = c.opcmethod
  UNION ALL
  SELECT 'operator family', s.nspname || '.' || f.opfname || ' USING ' || m.amname, f.opfowner, s.system
  FROM pg_catalog.pg_opfamily f JOIN owner_schemas s ON s.oid = f.opfnamespace JOIN pg_catalog.pg_am m ON m.oid = f.opfmethod
  UNION ALL
  SELECT 'collation', s.nspname || '.' || c.collname, c.collowner, s.system FROM pg_catalog.pg_collation c JOIN owner_schemas s ON s.oid = c.collnamespace
  UNION ALL
  SELECT 'conversion', s.nspname || '.' || c.conname, c.conowner, s.system FROM pg_catalog.pg_conversion c JOIN owner_schemas s ON s.oid = c.connamespace
  UNION ALL
  SELECT 'text search configuration', s.nspname || '.' || c.cfgname, c.cfgowner, s.system FROM pg_catalog.pg_ts_config c JOIN owner_schemas s ON s.oid = c.cfgnamespace
  UNION ALL
  SELECT 'text search dictionary', s.nspname || '.' || t.dictname, t.dictowner, s.system FROM pg_catalog.pg_ts_dict t JOIN owner_schemas s ON s.oid = t.dictnamespace
  UNION ALL
  SELECT 'statistics object', s.nspname || '.' || x.stxname, x.stxowner, s.system FROM pg_catalog.pg_statistic_ext x JOIN owner_schemas s ON s.oid = x.stxnamespace
  UNION ALL
  SELECT 'language', g.lanname, g.lanowner, false FROM pg_catalog.pg_language g
  UNION ALL
  SELECT 'foreign data wrapper', w.fdwname, w.fdwowner, false FROM pg_catalog.pg_foreign_data_wrapper w
  UNION ALL
  SELECT 'foreign server', v.srvname, v.srvowner, false FROM pg_catalog.pg_foreign_server v
  UNION ALL
  SELECT 'extension', x.extname, x.extowner, false FROM pg_catalog.pg_extension x
  UNION ALL
  SELECT 'publication', p.pubname, p.pubowner, false FROM pg_catalog.pg_publication p
  UNION ALL
  SELECT ${LARGE_OBJECTS_KIND}, ${LARGE_OBJECTS_NAMED}, l.lomowner, false
  FROM pg_catalog.pg_largeobject_metadata l GROUP BY l.lomowner
)
SELECT o.kind, o.object, r.rolname AS owner, r.rolcanlogin AS login, o.system
FROM owned o JOIN pg_catalog.pg_roles r ON r.oid = o.owner
WHERE NOT (o.system AND r.rolsuper)
ORDER BY 1, 2`;

/**
 * Who writes a relation of the current database: a role that holds INSERT, UPDATE, DELETE or TRUNCATE
 * on it (or INSERT, UPDATE on a column), and, followed as far as they lead, the writes that carry on:
 * into the partitions and inheritance children of a table it writes (PostgreSQL checks the parent's
 * privileges only), into the relations an updatable view's query names (checked as the view's owner)
 * or a rule's actions may write (any write, whatever the rule's event), and through a foreign key's
 * ON UPDATE/ON DELETE action (CASCADE, SET NULL, SET DEFAULT), which writes the referencing table as
 * that table's owner (93rd run, A93a-2, A93a-5; 94th run, A94a-5). Each row: the relation written,
 * the role, the write it takes there, whether the role holds that privilege itself (direct), whether
 * a SET DEFAULT action wrote it (defaults: a partition keeps its parent's) and, after a foreign key action, whose rights it runs with.
 * Without the relation it started from, so that a chain of tables costs rows in proportion to its
 * length (A94a-2).
 */
const WRITES = `, write_flows AS (
  SELECT i.inhparent AS source, i.inhrelid AS target, p.privilege, p.privilege AS written, NULL::oid AS runs_as, NULL::boolean AS defaults
  FROM pg_catalog.pg_inherits i CROSS JOIN (VALUES ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE')) p (privilege)
  UNION
  SELECT r.ev_class, d.refobjid, p.privilege, q.privilege, NULL::oid, false
  FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = r.oid
       AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid <> r.ev_class
       CROSS JOIN (VALUES ('INSERT', '3'), ('UPDATE', '2'), ('DELETE', '4')) p (privilege, event)
       CROSS JOIN (VALUES ('INSERT'), ('UPDATE'), ('DELETE')) q (privilege)
  WHERE (r.ev_type = '1' AND q.privilege = p.privilege) OR r.ev_type = p.event
  UNION
  SELECT k.confrelid, k.conrelid, 'UPDATE', 'UPDATE', c.relowner, k.confupdtype = 'd'
  FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
  WHERE k.contype = 'f' AND k.confupdtype IN ('c', 'n', 'd')
  UNION
  SELECT k.confrelid, k.conrelid, 'DELETE', CASE k.confdeltype WHEN 'c' THEN 'DELETE' ELSE 'UPDATE' END, c.relowner, k.confdeltype = 'd'
  FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
  WHERE k.contype = 'f' AND k.confdeltype IN ('c', 'n', 'd')
), writes AS (
  SELECT c.oid AS relid, a.grantee, a.privilege_type AS privilege, true AS direct, false AS defaults, NULL::oid AS runs_as
  FROM pg_catalog.pg_class c JOIN user_schemas s ON s.oid = c.relnamespace,
       pg_catalog.aclexplode(COALESCE(c.relacl, pg_catalog.acldefault('r', c.relowner))) a
  WHERE c.relkind IN ('r', 'p', 'v', 'f') AND a.privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')
  UNION
  SELECT c.oid, a.grantee, a.privilege_type, true, false, NULL::oid
  FROM pg_catalog.pg_attribute t JOIN pg_catalog.pg_class c ON c.oid = t.attrelid JOIN user_schemas s ON s.oid = c.relnamespace,
       pg_catalog.aclexplode(t.attacl) a
  WHERE t.attnum > 0 AND NOT t.attisdropped AND a.privilege_type IN ('INSERT', 'UPDATE')
  UNION
  SELECT f.target, w.grantee, f.written, false, COALESCE(f.defaults, w.defaults), COALESCE(f.runs_as, w.runs_as)
  FROM writes w JOIN write_flows f ON f.source = w.relid AND f.privilege = w.privilege
)`;

/** A relation by its oid ($oid), as the report names it: "schema.name". */
const relationNamed = (oid: string) => `(SELECT n.nspname || '.' || c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ${oid})`;

/**
 * Functions that run SQL given as text (or a relation's, a schema's or a database's queries) with
 * the caller's rights: code that calls one runs anything. PostgreSQL's own (its xml and text search
 * functions: ts_rewrite's (tsquery, text) form runs its text, 96th run, A96a-1) and those of the
 * extensions Azure allows that do so (dblink, tablefunc; pg_cron's schedule, schedule_in_database and
 * alter_job store the text as a job that runs later as the role that scheduled it: verified on pg_cron 1.4).
 */
const SQL_RUNNERS = ['query_to_xml', 'query_to_xmlschema', 'query_to_xml_and_xmlschema', 'cursor_to_xml', 'cursor_to_xmlschema',
  'table_to_xml', 'table_to_xmlschema', 'table_to_xml_and_xmlschema', 'schema_to_xml', 'schema_to_xmlschema', 'schema_to_xml_and_xmlschema',
  'database_to_xml', 'database_to_xmlschema', 'database_to_xml_and_xmlschema', 'ts_stat', 'ts_rewrite',
  'dblink', 'dblink_exec', 'dblink_send_query', 'dblink_open', 'crosstab', 'crosstab2', 'crosstab3', 'crosstab4', 'connectby',
  'schedule', 'schedule_in_database', 'alter_job'];
/** SQL_RUNNERS as an SQL list of literals. */
const SQL_RUNNER_LIST = SQL_RUNNERS.map((name) => `'${name}'`).join(', ');

/**
 * The code a foreign key action runs on a table it writes (writes with runs_as), by the kind of
 * write (an UPDATE for CASCADE and SET NULL on update, a DELETE for CASCADE on delete, SET DEFAULT
 * also its defaults; an INSERT a rule's action makes, with any default, and the DELETE and INSERT of
 * a row an UPDATE moves to another partition: 96th run, A96c-1): its triggers for that event, the
 * WHEN clause of any of them (evaluated as the row is written, an AFTER trigger's too) and the
 * function of a BEFORE one; its rules for that event; and, on INSERT and UPDATE, its check
 * constraints, its columns' types (a domain's checks, through domains over domains, arrays and
 * composite types), its generated columns and indexes. From each, what they
 * call, through operators and types, to the functions; a function of PostgreSQL's own (C or
 * internal, or in pg_catalog) is no one's code, but one that runs SQL text is (94th run, A94a-1,
 * A94a-3, A94a-4).
 */
const CODE_RUN = `, cascaded AS (
  SELECT DISTINCT w.relid, w.grantee, w.privilege, w.defaults OR w.privilege = 'INSERT' AS defaults, w.runs_as
  FROM writes w WHERE w.runs_as IS NOT NULL AND w.privilege IN ('INSERT', 'UPDATE', 'DELETE')
  UNION
  -- An UPDATE through a partitioned table that moves a row to another partition deletes it from its partition and inserts it,
  -- whole (no default runs), into another leaf of the tree (96th run, A96c-1).
  SELECT DISTINCT l.relid, w.grantee, m.privilege, false, w.runs_as
  FROM writes w JOIN pg_catalog.pg_class p ON p.oid = w.relid AND p.relispartition
       CROSS JOIN LATERAL pg_catalog.pg_partition_tree(pg_catalog.pg_partition_root(w.relid)) l
       CROSS JOIN (VALUES ('INSERT'), ('DELETE')) m (privilege)
  WHERE w.runs_as IS NOT NULL AND w.privilege = 'UPDATE' AND l.isleaf AND (m.privilege = 'INSERT' OR l.relid = w.relid)
), row_writes (privilege, bit, event) AS (
  VALUES ('INSERT', 4, '3'), ('UPDATE', 16, '2'), ('DELETE', 8, '4')
), row_changes AS (
  -- The writes that put a row's values: its checks, types, defaults, generated columns and indexes run on them.
  SELECT w.privilege FROM row_writes w WHERE w.privilege <> 'DELETE'
), code_roots AS (
  SELECT t.tgrelid AS relid, e.privilege, false AS defaults, 'trigger ' || pg_catalog.quote_ident(t.tgname) AS part,
         'pg_catalog.pg_trigger'::pg_catalog.regclass AS classid, t.oid AS objid,
         -- A BEFORE or an INSTEAD OF trigger's function runs at once, as the action's user; an AFTER one later, as the writer (96th run, A96d-1).
         CASE WHEN (t.tgtype & 2) <> 0 OR (t.tgtype & 64) <> 0 THEN 0::oid ELSE t.tgfoid END AS later
  FROM pg_catalog.pg_trigger t CROSS JOIN row_writes e
  WHERE NOT t.tgisinternal AND (t.tgtype & e.bit) <> 0 AND t.tgrelid IN (SELECT c.relid FROM cascaded c)
  UNION ALL
  SELECT r.ev_class, e.privilege, false, 'rule ' || pg_catalog.quote_ident(r.rulename), 'pg_catalog.pg_rewrite'::pg_catalog.regclass, r.oid, 0::oid
  FROM pg_catalog.pg_rewrite r CROSS JOIN row_writes e
  WHERE r.ev_type = e.event AND r.ev_class IN (SELECT c.relid FROM cascaded c)
  UNION ALL
  -- A write through a view runs its query's conditions: the WHERE of an UPDATE or DELETE, a check option on INSERT (A96d-3).
  SELECT r.ev_class, e.privilege, false, 'view query', 'pg_catalog.pg_rewrite'::pg_catalog.regclass, r.oid, 0::oid
  FROM pg_catalog.pg_rewrite r CROSS JOIN row_writes e
  WHERE r.ev_type = '1' AND r.ev_class IN (SELECT c.relid FROM cascaded c)
  UNION ALL
  SELECT k.conrelid, e.privilege, false, 'check constraint ' || pg_catalog.quote_ident(k.conname), 'pg_catalog.pg_constraint'::pg_catalog.regclass, k.oid, 0::oid
  FROM pg_catalog.pg_constraint k CROSS JOIN row_changes e
  WHERE k.contype = 'c' AND k.conrelid IN (SELECT c.relid FROM cascaded c)
  UNION ALL
  SELECT a.attrelid, e.privilege, false, 'type of column ' || pg_catalog.quote_ident(a.attname), 'pg_catalog.pg_type'::pg_catalog.regclass, a.atttypid, 0::oid
  FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid CROSS JOIN row_changes e
  WHERE a.attnum > 0 AND NOT a.attisdropped AND ty.typnamespace <> 'pg_catalog'::pg_catalog.regnamespace AND a.attrelid IN (SELECT c.relid FROM cascaded c)
  UNION ALL
  SELECT ad.adrelid, e.privilege, a.attgenerated = '', CASE WHEN a.attgenerated = '' THEN 'default of column ' ELSE 'generated column ' END || pg_catalog.quote_ident(a.attname),
         'pg_catalog.pg_attrdef'::pg_catalog.regclass, ad.oid, 0::oid
  FROM pg_catalog.pg_attrdef ad JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum CROSS JOIN row_changes e
  WHERE ad.adrelid IN (SELECT c.relid FROM cascaded c)
  UNION ALL
  SELECT x.indrelid, e.privilege, false, 'index ' || pg_catalog.quote_ident(ic.relname), 'pg_catalog.pg_class'::pg_catalog.regclass, x.indexrelid, 0::oid
  FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid CROSS JOIN row_changes e
  WHERE x.indrelid IN (SELECT c.relid FROM cascaded c)
), code_reached AS (
  SELECT r.classid AS root_class, r.objid AS root, r.later, r.classid, r.objid FROM code_roots r
  UNION
  SELECT n.root_class, n.root, n.later, n.classid, n.objid
  FROM code_reached c CROSS JOIN LATERAL (
    SELECT c.root_class, c.root, c.later, d.refclassid AS classid, d.refobjid AS objid
    FROM pg_catalog.pg_depend d
    WHERE d.classid = c.classid AND d.objid = c.objid AND d.refobjid <> c.later
      AND c.classid <> 'pg_catalog.pg_proc'::pg_catalog.regclass AND c.classid <> 'pg_catalog.pg_type'::pg_catalog.regclass
      AND d.refclassid IN ('pg_catalog.pg_proc'::pg_catalog.regclass, 'pg_catalog.pg_operator'::pg_catalog.regclass, 'pg_catalog.pg_type'::pg_catalog.regclass)
    UNION ALL
    SELECT c.root_class, c.root, c.later, 'pg_catalog.pg_proc'::pg_catalog.regclass, o.oprcode::oid
    FROM pg_catalog.pg_operator o WHERE c.classid = 'pg_catalog.pg_operator'::pg_catalog.regclass AND o.oid = c.objid
    UNION ALL
    SELECT c.root_class, c.root, c.later, 'pg_catalog.pg_constraint'::pg_catalog.regclass, k.oid
    FROM pg_catalog.pg_constraint k WHERE c.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND k.contypid = c.objid
    UNION ALL
    SELECT c.root_class, c.root, c.later, 'pg_catalog.pg_type'::pg_catalog.regclass, u.typid
    FROM pg_catalog.pg_type ty CROSS JOIN LATERAL (SELECT ty.typbasetype AS typid UNION ALL SELECT ty.typelem
                                                   UNION ALL SELECT a.atttypid FROM pg_catalog.pg_attribute a WHERE a.attrelid = ty.typrelid AND a.attnum > 0) u
    WHERE c.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND ty.oid = c.objid AND u.typid <> 0
  ) n
), code_run AS (
  SELECT o.relid, o.privilege, o.defaults, o.part, f.oid AS fn
  FROM code_roots o JOIN code_reached r ON r.root_class = o.classid AND r.root = o.objid
       JOIN pg_catalog.pg_proc f ON r.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND f.oid = r.objid
       JOIN pg_catalog.pg_language l ON l.oid = f.prolang
  WHERE (f.pronamespace <> 'pg_catalog'::pg_catalog.regnamespace AND l.lanname NOT IN ('c', 'internal'))
     OR f.proname IN (${SQL_RUNNER_LIST})
  UNION
  -- PostgreSQL records no dependency on its own functions: a built-in that runs SQL text is found in the object's definition.
  SELECT o.relid, o.privilege, o.defaults, o.part, f.oid
  FROM code_roots o JOIN code_reached r ON r.root_class = o.classid AND r.root = o.objid
       CROSS JOIN LATERAL (SELECT CASE r.classid
         WHEN 'pg_catalog.pg_constraint'::pg_catalog.regclass THEN pg_catalog.pg_get_constraintdef(r.objid)
         WHEN 'pg_catalog.pg_attrdef'::pg_catalog.regclass THEN (SELECT pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) FROM pg_catalog.pg_attrdef ad WHERE ad.oid = r.objid)
         WHEN 'pg_catalog.pg_trigger'::pg_catalog.regclass THEN pg_catalog.pg_get_triggerdef(r.objid)
         WHEN 'pg_catalog.pg_rewrite'::pg_catalog.regclass THEN pg_catalog.pg_get_ruledef(r.objid)
         WHEN 'pg_catalog.pg_class'::pg_catalog.regclass THEN pg_catalog.pg_get_indexdef(r.objid) END AS definition) x
       JOIN pg_catalog.pg_proc f ON f.pronamespace = 'pg_catalog'::pg_catalog.regnamespace AND f.proname IN (${SQL_RUNNER_LIST})
         AND x.definition ~ ('\\m' || f.proname || '\\s*\\(')
         -- The text names no overload: ts_rewrite is named by the form that runs SQL (tsquery, text), not the three-tsquery one.
         AND NOT (f.proname = 'ts_rewrite' AND f.pronargs = 3)
)`;

/**
 * The functions each index and extended statistics (PostgreSQL 14+) of the database calls in its expressions or predicate,
 * directly or through an operator: relid the table, part what the report names ("index i", "statistics s"), fn the function.
 */
const INDEX_CODE = `, index_code AS (
  SELECT u.relid, u.part, CASE WHEN d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass THEN d.refobjid ELSE op.oprcode::oid END AS fn
  FROM (SELECT x.indrelid AS relid, 'index ' || pg_catalog.quote_ident(i.relname) AS part, 'pg_catalog.pg_class'::pg_catalog.regclass AS classid, x.indexrelid AS objid
        FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
        UNION ALL
        SELECT x.stxrelid, 'statistics ' || pg_catalog.quote_ident(x.stxname), 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass, x.oid
        FROM pg_catalog.pg_statistic_ext x) u
       JOIN pg_catalog.pg_depend d ON d.classid = u.classid AND d.objid = u.objid AND d.deptype = 'n'
         AND d.refclassid IN ('pg_catalog.pg_proc'::pg_catalog.regclass, 'pg_catalog.pg_operator'::pg_catalog.regclass)
       LEFT JOIN pg_catalog.pg_operator op ON d.refclassid = 'pg_catalog.pg_operator'::pg_catalog.regclass AND op.oid = d.refobjid
)`;

/**
 * The roles other than the owner that hold EXECUTE on a SECURITY DEFINER routine of the current
 * database's user schemas (PUBLIC's is PUBLIC_PRIVILEGES_SQL's), extensions' routines included, or
 * on an aggregate over one; those that write a table (WRITES: directly or through a parent, a view,
 * a rule or a foreign key action) whose trigger runs a SECURITY DEFINER function of any schema
 * (pg_temp's of a session too: 94th run, A94a-3), which fires it as its owner whoever holds EXECUTE
 * (A92d-1, A93a-5); and those whose write sets off a foreign key action that writes another table as
 * its owner, running that table's code (CODE_RUN) with the owner's rights (A93a-2).
 */
export const DEFINER_EXECUTIONS_SQL = `
${USER_SCHEMAS.replace('WITH ', 'WITH RECURSIVE ')}${WRITES}${CODE_RUN}${INDEX_CODE}
SELECT CASE f.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END AS kind, s.nspname AS schema, f.proname AS name,
       s.nspname || '.' || f.proname || '(' || pg_catalog.pg_get_function_identity_arguments(f.oid) || ')' AS object,
       f.oid::text AS oid, pg_catalog.pg_get_userbyid(f.proowner) AS owner, r.rolname AS executor,
       ${SCRIPT_EXECUTE} AND EXISTS (SELECT 1 FROM pg_catalog.aclexplode(COALESCE(f.proacl, pg_catalog.acldefault('f', f.proowner))) pa
                                     WHERE pa.grantee = 0 AND pa.privilege_type = 'EXECUTE') AS "publicByScript"
FROM pg_catalog.pg_proc f JOIN pg_catalog.pg_language l ON l.oid = f.prolang JOIN ${DEFINER_SCHEMAS} s ON s.oid = f.pronamespace,
     pg_catalog.aclexplode(COALESCE(f.proacl, pg_catalog.acldefault('f', f.proowner))) a
     JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
WHERE ${RUNS_AS_OWNER} AND a.privilege_type = 'EXECUTE' AND a.grantee <> f.proowner
UNION ALL
SELECT 'trigger function', s.nspname, f.proname,
       s.nspname || '.' || f.proname || '(' || pg_catalog.pg_get_function_identity_arguments(f.oid) || ') of trigger ' || pg_catalog.quote_ident(t.tgname)
         || ' on ' || ${relationNamed('t.tgrelid')}
         || CASE WHEN pg_catalog.bool_or(w.direct) THEN '' ELSE ' (written through a parent, view, rule or foreign key action)' END,
       f.oid::text, pg_catalog.pg_get_userbyid(f.proowner), r.rolname, false
FROM writes w JOIN pg_catalog.pg_trigger t ON t.tgrelid = w.relid
     JOIN pg_catalog.pg_proc f ON f.oid = t.tgfoid JOIN pg_catalog.pg_namespace s ON s.oid = f.pronamespace
     JOIN pg_catalog.pg_roles r ON r.oid = w.grantee
WHERE NOT t.tgisinternal AND f.prosecdef AND w.grantee <> f.proowner
GROUP BY s.nspname, f.proname, f.oid, t.tgname, t.tgrelid, f.proowner, r.rolname
UNION ALL
SELECT CASE WHEN f.prosecdef THEN 'event trigger function' ELSE 'event trigger code' END, s.nspname, f.proname,
       s.nspname || '.' || f.proname || '() of event trigger ' || pg_catalog.quote_ident(e.evtname),
       f.oid::text, pg_catalog.pg_get_userbyid(CASE WHEN f.prosecdef THEN f.proowner ELSE e.evtowner END),
       CASE WHEN f.prosecdef THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(f.proowner) END, false
FROM pg_catalog.pg_event_trigger e JOIN pg_catalog.pg_proc f ON f.oid = e.evtfoid JOIN pg_catalog.pg_namespace s ON s.oid = f.pronamespace
     JOIN pg_catalog.pg_language l ON l.oid = f.prolang
WHERE e.evtenabled <> 'D' AND (f.prosecdef OR f.proowner <> e.evtowner)
  -- An extension's event trigger on its own C function (pgaudit's) is its script's; one added to an extension is judged (A96d-4).
  AND NOT (l.lanname IN ('c', 'internal') AND EXISTS (
    SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_depend fd ON fd.refclassid = d.refclassid AND fd.refobjid = d.refobjid AND fd.deptype = 'e'
      AND fd.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND fd.objid = f.oid
    WHERE d.classid = 'pg_catalog.pg_event_trigger'::pg_catalog.regclass AND d.objid = e.oid AND d.deptype = 'e'))
UNION ALL
-- No dependency records what a procedural body calls: a function its text calls by name that another role owns, and may replace,
-- runs as whoever runs DDL (96th run, A96d-2), a SECURITY DEFINER one too: CREATE OR REPLACE makes it an invoker's (stop 68, e01).
-- One call deep; a name built at run time (EXECUTE) is not read.
SELECT DISTINCT 'event trigger code', s.nspname, c.proname,
       s.nspname || '.' || c.proname || '(' || pg_catalog.pg_get_function_identity_arguments(c.oid) || ') called by ' || fs.nspname || '.' || f.proname
         || '() of event trigger ' || pg_catalog.quote_ident(e.evtname),
       c.oid::text, pg_catalog.pg_get_userbyid(CASE WHEN f.prosecdef THEN f.proowner ELSE e.evtowner END), pg_catalog.pg_get_userbyid(c.proowner), false
FROM pg_catalog.pg_event_trigger e JOIN pg_catalog.pg_proc f ON f.oid = e.evtfoid JOIN pg_catalog.pg_namespace fs ON fs.oid = f.pronamespace
     JOIN pg_catalog.pg_language l ON l.oid = f.prolang
     JOIN pg_catalog.pg_proc c ON c.oid <> f.oid AND c.proowner <> e.evtowner
       AND pg_catalog.strpos(pg_catalog.lower(pg_catalog.regexp_replace(f.prosrc, '["[:space:]]+\\(', '(', 'g')), pg_catalog.lower(c.proname) || '(') > 0
     JOIN ${DEFINER_SCHEMAS} s ON s.oid = c.pronamespace
WHERE e.evtenabled <> 'D' AND l.lanname NOT IN ('c', 'internal')
UNION ALL
-- A range type's support functions run as PostgreSQL plans or indexes a query on the type, EXECUTE unchecked (96th run, A96d-5).
SELECT 'type support function', s.nspname, f.proname,
       s.nspname || '.' || f.proname || '(' || pg_catalog.pg_get_function_identity_arguments(f.oid) || ') of range type ' || g.rngtypid::pg_catalog.regtype::text,
       f.oid::text, pg_catalog.pg_get_userbyid(f.proowner), 'PUBLIC', false
FROM pg_catalog.pg_range g JOIN pg_catalog.pg_proc f ON f.oid IN (g.rngsubdiff::oid, g.rngcanonical::oid) JOIN ${DEFINER_SCHEMAS} s ON s.oid = f.pronamespace
WHERE f.prosecdef
UNION ALL
-- A view reads as its owner unless security_invoker; a materialized view holds what its owner read. Superusers' are Azure's.
SELECT DISTINCT CASE c.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END, n.nspname, c.relname, n.nspname || '.' || c.relname,
       c.oid::text, o.rolname, r.rolname, false
FROM pg_catalog.pg_class c JOIN user_schemas n ON n.oid = c.relnamespace JOIN pg_catalog.pg_roles o ON o.oid = c.relowner
     CROSS JOIN LATERAL (SELECT a.grantee FROM pg_catalog.aclexplode(c.relacl) a
                         UNION SELECT a.grantee FROM pg_catalog.pg_attribute t, pg_catalog.aclexplode(t.attacl) a
                         WHERE t.attrelid = c.oid AND t.attnum > 0 AND NOT t.attisdropped) g
     JOIN pg_catalog.pg_roles r ON r.oid = g.grantee
WHERE c.relkind IN ('v', 'm') AND NOT o.rolsuper AND g.grantee <> c.relowner
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_options_to_table(c.reloptions) x WHERE x.option_name = 'security_invoker' AND x.option_value::pg_catalog.bool)
UNION ALL
-- A rule's actions run with its relation's owner's rights for whoever writes the relation with its event, a foreign key action's
-- write included (adversarial run of stop 68, r01).
SELECT DISTINCT 'rule', n.nspname, x.rulename, 'rule ' || pg_catalog.quote_ident(x.rulename) || ' on ' || n.nspname || '.' || c.relname,
       x.oid::text, o.rolname, r.rolname, false
FROM pg_catalog.pg_rewrite x JOIN pg_catalog.pg_class c ON c.oid = x.ev_class JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_catalog.pg_roles o ON o.oid = c.relowner AND NOT o.rolsuper
     JOIN writes w ON w.relid = x.ev_class
       AND w.privilege = CASE x.ev_type WHEN '2' THEN 'UPDATE' WHEN '3' THEN 'INSERT' WHEN '4' THEN 'DELETE' END
     JOIN pg_catalog.pg_roles r ON r.oid = w.grantee
WHERE x.ev_type <> '1' AND w.grantee <> c.relowner
UNION ALL
-- An index's or extended statistics' expressions and predicate run as whoever writes its table, and as the table's owner when
-- ANALYZE, VACUUM or REINDEX runs (autovacuum's ANALYZE does, no one acting): a function or operator another role owns, and may
-- replace, runs with those rights (adversarial runs of stop 68, x01, and 69, x1). Superusers' tables are Azure's.
SELECT DISTINCT 'index code', s.nspname, f.proname,
       s.nspname || '.' || f.proname || '(' || pg_catalog.pg_get_function_identity_arguments(f.oid) || ') of ' || u.part || ' on ' || n.nspname || '.' || t.relname,
       f.oid::text, o.rolname, pg_catalog.pg_get_userbyid(f.proowner), false
FROM index_code u JOIN pg_catalog.pg_class t ON t.oid = u.relid JOIN user_schemas n ON n.oid = t.relnamespace
     JOIN pg_catalog.pg_roles o ON o.oid = t.relowner AND NOT o.rolsuper
     JOIN pg_catalog.pg_proc f ON f.oid = u.fn JOIN ${DEFINER_SCHEMAS} s ON s.oid = f.pronamespace
WHERE f.proowner <> t.relowner
UNION ALL
-- One call deep: the table owner's own function there that calls one another role owns, by a SQL-standard body's dependency or by
-- name in its text (adversarial run of stop 69, x7, x8). A name built at run time (EXECUTE) is not read.
SELECT DISTINCT 'index code', s.nspname, c.proname,
       s.nspname || '.' || c.proname || '(' || pg_catalog.pg_get_function_identity_arguments(c.oid) || ') called by ' || ws.nspname || '.' || w.proname
         || '() of ' || u.part || ' on ' || n.nspname || '.' || t.relname,
       c.oid::text, o.rolname, pg_catalog.pg_get_userbyid(c.proowner), false
FROM index_code u JOIN pg_catalog.pg_class t ON t.oid = u.relid JOIN user_schemas n ON n.oid = t.relnamespace
     JOIN pg_catalog.pg_roles o ON o.oid = t.relowner AND NOT o.rolsuper
     JOIN pg_catalog.pg_proc w ON w.oid = u.fn AND w.proowner = t.relowner JOIN pg_catalog.pg_namespace ws ON ws.oid = w.pronamespace
     JOIN pg_catalog.pg_language wl ON wl.oid = w.prolang AND wl.lanname NOT IN ('c', 'internal')
     JOIN pg_catalog.pg_proc c ON c.oid <> w.oid AND c.proowner <> t.relowner AND (
       EXISTS (SELECT 1 FROM pg_catalog.pg_depend cd WHERE cd.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND cd.objid = w.oid
                 AND cd.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND cd.refobjid = c.oid)
       OR pg_catalog.strpos(pg_catalog.lower(pg_catalog.regexp_replace(w.prosrc, '["[:space:]]+\\(', '(', 'g')), pg_catalog.lower(c.proname) || '(') > 0)
     JOIN ${DEFINER_SCHEMAS} s ON s.oid = c.pronamespace
UNION ALL
-- A range type's support functions run as the table's owner at ANALYZE (its statistics) and in its GiST index: one another role
-- owns, on an administrator's table, runs its code with the administrator's rights (adversarial run of stop 69, x3).
SELECT DISTINCT 'index code', s.nspname, f.proname,
       s.nspname || '.' || f.proname || '(' || pg_catalog.pg_get_function_identity_arguments(f.oid) || ') of range type '
         || g.rngtypid::pg_catalog.regtype::text || ' of ' || n.nspname || '.' || t.relname,
       f.oid::text, o.rolname, pg_catalog.pg_get_userbyid(f.proowner), false
FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class t ON t.oid = a.attrelid AND t.relkind IN ('r', 'p', 'm')
     JOIN user_schemas n ON n.oid = t.relnamespace JOIN pg_catalog.pg_roles o ON o.oid = t.relowner AND NOT o.rolsuper
     JOIN pg_catalog.pg_range g ON g.rngtypid = a.atttypid
     JOIN pg_catalog.pg_proc f ON f.oid IN (g.rngsubdiff::oid, g.rngcanonical::oid) JOIN ${DEFINER_SCHEMAS} s ON s.oid = f.pronamespace
WHERE a.attnum > 0 AND NOT a.attisdropped AND f.proowner <> t.relowner
UNION ALL
SELECT DISTINCT 'subscription', n.nspname, c.relname, n.nspname || '.' || c.relname || ' of subscription ' || pg_catalog.quote_ident(sub.subname),
       c.oid::text, pg_catalog.pg_get_userbyid(sub.subowner), pg_catalog.pg_get_userbyid(c.relowner), false
FROM pg_catalog.pg_subscription sub JOIN pg_catalog.pg_subscription_rel sr ON sr.srsubid = sub.oid
     JOIN pg_catalog.pg_class c ON c.oid = sr.srrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE sub.subdbid = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
  AND c.relowner <> sub.subowner AND pg_catalog.current_setting('server_version_num')::integer < 160000
UNION ALL
SELECT DISTINCT 'foreign key action', s.nspname, f.proname,
       s.nspname || '.' || f.proname || '(' || pg_catalog.pg_get_function_identity_arguments(f.oid) || ') of ' || code.part || ' on ' || ${relationNamed('w.relid')}
         || COALESCE(' (written by the foreign key action of ' || (
              SELECT pg_catalog.string_agg(DISTINCT pn.nspname || '.' || pc.relname, ', ')
              FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class pc ON pc.oid = k.confrelid JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
              WHERE k.conrelid = w.relid AND k.contype = 'f' AND (k.confupdtype IN ('c', 'n', 'd') OR k.confdeltype IN ('c', 'n', 'd'))) || ')',
            ' (written by a foreign key action)'),
       f.oid::text, pg_catalog.pg_get_userbyid(CASE WHEN f.prosecdef THEN f.proowner ELSE w.runs_as END), r.rolname, false
FROM cascaded w JOIN code_run code ON code.relid = w.relid AND code.privilege = w.privilege AND (NOT code.defaults OR w.defaults)
     JOIN pg_catalog.pg_proc f ON f.oid = code.fn JOIN pg_catalog.pg_namespace s ON s.oid = f.pronamespace
     JOIN pg_catalog.pg_roles r ON r.oid = w.grantee
WHERE w.grantee <> CASE WHEN f.prosecdef THEN f.proowner ELSE w.runs_as END
ORDER BY 4, 6`;

/**
 * The functions of the current database, one the stack does not manage, that the commands of pg_cron's
 * jobs running here call by name ($1 names, $2 roles, $3 commands) and that a role other than the job's
 * owns: it may replace one (a SECURITY DEFINER one too: CREATE OR REPLACE makes it an invoker's), and
 * the job runs its code with the job's role's rights (adversarial run of stop 67, d02; stop 68, c06).
 * One call deep, as an event trigger's; a name built at run time (EXECUTE) is not read. Each command
 * is read once for the names it calls (a bare name or a quoted one before "("), so a long command
 * costs its length, not its length times the routines (stop 68, c04). A managed database's jobs are
 * judged whole (compare-access.ts): there the owner level hangs code on every object a job touches.
 */
export const CRON_JOB_CODE_SQL = `
${USER_SCHEMAS}, calls AS (
  SELECT DISTINCT j.name, j.username, CASE WHEN m.call[1] IS NULL THEN pg_catalog.lower(m.call[2]) ELSE pg_catalog.replace(m.call[1], '""', '"') END AS proname
  FROM ROWS FROM (pg_catalog.unnest($1::text[]), pg_catalog.unnest($2::text[]), pg_catalog.unnest($3::text[])) AS j (name, username, command)
       CROSS JOIN LATERAL pg_catalog.regexp_matches(j.command, '(?:"((?:[^"]|"")+)"|([[:alpha:]_][[:alnum:]_$]*))[[:space:]]*\\(', 'g') AS m (call)
)
SELECT DISTINCT 'cron job code' AS kind, s.nspname AS schema, c.proname AS name,
       s.nspname || '.' || c.proname || '(' || pg_catalog.pg_get_function_identity_arguments(c.oid) || ') called by cron job ' || pg_catalog.quote_ident(k.name) AS object,
       c.oid::text AS oid, k.username AS owner, pg_catalog.pg_get_userbyid(c.proowner) AS executor, false AS "publicByScript"
FROM calls k JOIN pg_catalog.pg_proc c ON c.proname = k.proname
       AND c.proowner IS DISTINCT FROM (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = k.username)
     JOIN ${DEFINER_SCHEMAS} s ON s.oid = c.pronamespace
ORDER BY 4, 6`;

/**
 * Every database of the server with its owner and the privileges granted on it, one row per
 * privilege (privilege NULL: only the owner's own entry). PUBLIC is grantee NULL; a database whose
 * ACL was never set shows PostgreSQL's default, PUBLIC's CONNECT and TEMPORARY.
 */
export const SERVER_DATABASES_SQL = `
SELECT d.datname AS name, pg_catalog.pg_get_userbyid(d.datdba) AS owner, d.datallowconn AS "allowConnections",
       CASE WHEN a.grantee = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(a.grantee) END AS grantee, a.privilege_type AS privilege
FROM pg_catalog.pg_database d
     LEFT JOIN LATERAL pg_catalog.aclexplode(COALESCE(d.datacl, pg_catalog.acldefault('d', d.datdba))) a ON a.grantee <> d.datdba
ORDER BY 1, 3, 4`;

/**
 * The user schemas of the current database on which PUBLIC holds CREATE, an extension's too: no
 * extension's script gives PUBLIC CREATE on a schema (extension-grants.ts), and one recorded in
 * pg_init_privs was granted before an ALTER EXTENSION ... ADD (twenty-eighth run, A28b-3).
 */
export const PUBLIC_CREATE_SCHEMAS_SQL = `
${USER_SCHEMAS}SELECT s.nspname AS schema
FROM user_schemas s, pg_catalog.aclexplode(COALESCE(s.nspacl, pg_catalog.acldefault('n', s.nspowner))) a
WHERE a.grantee = 0 AND a.privilege_type = 'CREATE'
ORDER BY 1`;

/** The session defaults of every role and database of the server (pg_db_role_setting, which every role may read), one row per default set. */
export const SESSION_SETTINGS_SQL = `
SELECT CASE WHEN s.setrole = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(s.setrole) END AS role,
       d.datname AS database, s.setconfig AS settings
FROM pg_catalog.pg_db_role_setting s
     LEFT JOIN pg_catalog.pg_database d ON d.oid = s.setdatabase
ORDER BY 1, 2`;

/**
 * The settings the routines of the current database run with (CREATE/ALTER FUNCTION ... SET), every
 * schema's: a routine that sets pgaudit.log = 'none' runs unaudited for whoever calls it.
 */
export const ROUTINE_SETTINGS_SQL = `
SELECT CASE f.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END AS kind,
       n.nspname || '.' || f.proname || '(' || pg_catalog.pg_get_function_identity_arguments(f.oid) || ')' AS object, f.proconfig AS settings
FROM pg_catalog.pg_proc f JOIN pg_catalog.pg_namespace n ON n.oid = f.pronamespace
WHERE f.proconfig IS NOT NULL
ORDER BY 2`;

/** The user mappings of the current database (pg_user_mappings, which hides their options from all but their owners). */
export const USER_MAPPINGS_SQL = `
SELECT m.srvname AS server, CASE WHEN m.umuser = 0 THEN NULL ELSE m.usename END AS role
FROM pg_catalog.pg_user_mappings m
ORDER BY 1, 2`;

/** Whether the server has pg_parameter_acl (PostgreSQL 15+): read first, so that the read-only transaction never fails on its absence. */
export const HAS_PARAMETER_ACL_SQL = `SELECT pg_catalog.to_regclass('pg_catalog.pg_parameter_acl') IS NOT NULL AS present`;

/** The privileges granted on settings (GRANT SET | ALTER SYSTEM ON PARAMETER): PUBLIC is grantee NULL. */
export const PARAMETER_PRIVILEGES_SQL = `
SELECT p.parname AS name, CASE WHEN a.grantee = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(a.grantee) END AS grantee, a.privilege_type AS privilege
FROM pg_catalog.pg_parameter_acl p, pg_catalog.aclexplode(p.paracl) a
ORDER BY 1, 2, 3`;

const UNDEFINED_DATABASE = '3D000';

/**
 * Reads the roles and databases of the server and, in each of the given databases, pgaudit, PUBLIC's
 * and the roles' privileges, the owners, and what the routines the stack's grants name resolve to.
 */
export async function readLiveState(open: OpenSession, mainDatabase: string, databases: readonly string[], routines: readonly DeclaredRoutine[] = []): Promise<LiveState> {
  const main = await open(mainDatabase);
  let state: Omit<LiveState, 'databases' | 'cronJobs'>;
  const cron: CronSearch = {};
  try {
    const [{ name: currentUser }] = await main.query<{ name: string }>('SELECT current_user AS name');
    const roles = await main.query<LiveRole>(ROLES_SQL);
    const memberships = await main.query<LiveMembership>(MEMBERSHIPS_SQL);
    const labels = await main.query<{ role: string; label: string }>(ENTRA_LABELS_SQL);
    const serverDatabases = byDatabase(await main.query<DatabaseRow>(SERVER_DATABASES_SQL));
    const sessionSettings = (await main.query<SettingsRow>(SESSION_SETTINGS_SQL)).flatMap(settingsOf);
    const [{ present }] = await main.query<{ present: boolean }>(HAS_PARAMETER_ACL_SQL);
    const parameterPrivileges = present ? await main.query<ParameterPrivilege>(PARAMETER_PRIVILEGES_SQL) : [];
    const [pgauditLog] = await main.query<{ log: string; source: string }>(PGAUDIT_LOG_SQL);
    const serverParameters = await main.query<{ name: string; setting: string; type: string; source: string }>(SERVER_PARAMETERS_SQL);
    cron.found = await readCronJobs(main, mainDatabase);
    state = { currentUser, roles, memberships, entraLabels: new Map(labels.map((l) => [l.role, l.label])), serverDatabases, sessionSettings, parameterPrivileges, pgauditLog: pgauditLog ?? null, serverParameters };
  } finally {
    await main.close();
  }
  const serverDatabases: ServerDatabase[] = [];
  for (const database of state.serverDatabases) serverDatabases.push(await withPublicCreate(open, database, !databases.includes(database.name), cron));
  const live: LiveDatabase[] = [];
  for (const name of databases) live.push(await readDatabase(open, name, routines.filter((routine) => routine.database === name), cron));
  const cronJobs = cron.found ?? { jobs: [], database: null };
  return { ...state, cronJobs, serverDatabases: await withCronJobCode(open, 'jobs' in cronJobs ? cronJobs.jobs : [], serverDatabases), databases: live };
}

/** Where pg_cron's jobs were found: the first session whose database has cron.job (there is one at most). */
interface CronSearch {
  found?: CronJobs;
}

/**
 * The databases the stack does not manage, with the functions their jobs call (CRON_JOB_CODE_SQL) among their
 * definer executions: read in a session of their own once the jobs are known, as pg_cron's database may be read after them.
 */
async function withCronJobCode(open: OpenSession, jobs: readonly CronJob[], serverDatabases: readonly ServerDatabase[]): Promise<ServerDatabase[]> {
  const code = new Map<string, DefinerExecution[]>();
  // A managed database's jobs are judged whole (compare-access.ts): only the other databases' calls are read.
  const judged = serverDatabases.filter((d) => d.publicCreate !== undefined && !('unreadable' in d.publicCreate)).map((d) => d.name);
  for (const database of new Set(jobs.map((job) => job.database))) {
    if (!judged.includes(database)) continue;
    const here = jobs.filter((job) => job.database === database);
    const session = await open(database);
    try {
      code.set(database, await session.query<DefinerExecution>(CRON_JOB_CODE_SQL, [here.map((job) => job.name), here.map((job) => job.username), here.map((job) => job.command)]));
    } finally {
      await session.close();
    }
  }
  const more = (name: string) => code.get(name) ?? [];
  return serverDatabases.map((d) => d.publicCreate === undefined || 'unreadable' in d.publicCreate || more(d.name).length === 0 ? d
    : { ...d, publicCreate: { ...d.publicCreate, definerExecutions: [...d.publicCreate.definerExecutions ?? [], ...more(d.name)] } });
}

async function readDatabase(open: OpenSession, name: string, routines: readonly DeclaredRoutine[], cron: CronSearch): Promise<LiveDatabase> {
  let session: Session;
  try {
    session = await open(name);
  } catch (error) {
    if ((error as { code?: string }).code === UNDEFINED_DATABASE) return { name, exists: false, pgaudit: false, publicPrivileges: [], grants: [], owners: [], definerExecutions: [], routines: [], routineSettings: [], userMappings: [], storedPasswords: [] };
    throw error;
  }
  try {
    const [{ installed }] = await session.query<{ installed: boolean }>(PGAUDIT_SQL);
    const disabledPgauditTriggers = (await session.query<{ name: string }>(PGAUDIT_DISABLED_TRIGGERS_SQL)).map((row) => row.name);
    const catalogPrivileges = await session.query<CatalogPrivilege>(CATALOG_PRIVILEGES_SQL);
    const publicPrivileges = await session.query<PublicPrivilege>(PUBLIC_PRIVILEGES_SQL);
    const grants = await session.query<LiveGrant>(GRANTS_SQL);
    const owners = await session.query<LiveOwnership>(OWNERS_SQL);
    const definerExecutions = await session.query<DefinerExecution>(DEFINER_EXECUTIONS_SQL);
    const routineSettings = (await session.query<RoutineSettingsRow>(ROUTINE_SETTINGS_SQL)).flatMap(({ kind, object, settings }) =>
      settingsOf({ role: null, database: null, settings }).map(({ name, value }) => ({ kind, object, name, value })));
    const userMappings = await session.query<UserMapping>(USER_MAPPINGS_SQL);
    const storedPasswords = await readStoredPasswords(session);
    const resolved = await resolveRoutines(session, routines);
    // Last: a failed read of cron.job would end the session's transaction.
    cron.found ??= await readCronJobs(session, name);
    return { name, exists: true, pgaudit: installed, publicPrivileges, grants, owners, definerExecutions, routines: resolved, routineSettings, userMappings, storedPasswords, disabledPgauditTriggers, catalogPrivileges };
  } catch (error) {
    // A managed database unread leaves too little to report: the audit stops, naming it.
    throw new Error(`database ${JSON.stringify(name)} could not be read: ${(error as Error).message}`);
  } finally {
    await session.close();
  }
}

/** The kinds PUBLIC_PRIVILEGES_SQL gives a routine that runs with its owner's rights. */
export const DEFINER_KINDS: readonly string[] = ['security definer function', 'aggregate over a security definer function'];

/**
 * A database the stack does not manage, with PUBLIC's CREATE on its schemas: on PostgreSQL 13 and 14
 * every role may create in schema public of Azure's postgres database (ninth review, A9-17); what
 * PUBLIC and the roles hold there, and the SECURITY DEFINER routines and foreign key actions they
 * may run there with another role's rights: every login that may connect uses them as in a managed
 * database (92nd run, A92d-4; 93rd run, A93a-1). A database that takes no connections holds nothing
 * a login could use.
 */
async function withPublicCreate(open: OpenSession, database: ServerDatabase & { allowConnections?: boolean }, unmanaged: boolean, cron: CronSearch): Promise<ServerDatabase> {
  const { allowConnections, ...read } = database;
  if (!unmanaged || allowConnections !== true) return read;
  let session: Session;
  try {
    session = await open(database.name);
  } catch (error) {
    return { ...read, publicCreate: { unreadable: (error as Error).message } };
  }
  try {
    const rows = await session.query<{ schema: string }>(PUBLIC_CREATE_SCHEMAS_SQL);
    const publicPrivileges = await session.query<PublicPrivilege>(PUBLIC_PRIVILEGES_SQL);
    const grants = await session.query<LiveGrant>(GRANTS_SQL);
    const definerExecutions = await session.query<DefinerExecution>(DEFINER_EXECUTIONS_SQL);
    const userMappings = await session.query<UserMapping>(USER_MAPPINGS_SQL);
    const storedPasswords = await readStoredPasswords(session);
    const owners = await session.query<LiveOwnership>(OWNERS_SQL);
    const catalogPrivileges = await session.query<CatalogPrivilege>(CATALOG_PRIVILEGES_SQL);
    cron.found ??= await readCronJobs(session, database.name);
    return { ...read, publicCreate: { schemas: rows.map((row) => row.schema), publicPrivileges, grants, definerExecutions, userMappings, storedPasswords, owners, catalogPrivileges } };
  } catch (error) {
    // A name the session cannot convert (a SQL_ASCII database's non-UTF-8 bytes) fails a query, not the connection: the rest of the report stands (adversarial run of stop 67, f01).
    return { ...read, publicCreate: { unreadable: (error as Error).message } };
  } finally {
    await session.close();
  }
}

/** Where the current database's catalog holds a connection string with a password: the text is read here and dropped. */
async function readStoredPasswords(session: Session): Promise<StoredPassword[]> {
  const rows = await session.query<StoredPassword & { readonly text: string; readonly raw: boolean }>(STORED_TEXTS_SQL);
  return rows.filter((row) => holdsConnectionPassword(row.text, row.raw)).map(({ kind, object }) => ({ kind, object }));
}

type DatabaseRow = Omit<ServerDatabase, 'privileges'> & { readonly allowConnections: boolean; readonly grantee: string | null; readonly privilege: string | null };

/** SERVER_DATABASES_SQL's rows, one database each (with whether it takes connections, for withPublicCreate). */
function byDatabase(rows: readonly DatabaseRow[]): (ServerDatabase & { allowConnections: boolean })[] {
  const databases = new Map<string, { name: string; owner: string; allowConnections: boolean; privileges: DatabasePrivilege[] }>();
  for (const { name, owner, allowConnections, grantee, privilege } of rows) {
    if (!databases.has(name)) databases.set(name, { name, owner, allowConnections, privileges: [] });
    if (privilege !== null) databases.get(name)!.privileges.push({ grantee, privilege });
  }
  return [...databases.values()];
}

type RoutineSettingsRow = { readonly kind: RoutineSetting['kind']; readonly object: string; readonly settings: readonly string[] | null };

type SettingsRow = { readonly role: string | null; readonly database: string | null; readonly settings: readonly string[] | null };

/** One row of SESSION_SETTINGS_SQL as its defaults: each "name=value" of setconfig (the name never holds "="). */
function settingsOf({ role, database, settings }: SettingsRow): SessionSetting[] {
  return (settings ?? []).map((entry) => {
    const at = entry.indexOf('=');
    return at < 0 ? { role, database, name: entry, value: '' } : { role, database, name: entry.slice(0, at), value: entry.slice(at + 1) };
  });
}
