// What extensions' scripts grant PUBLIC on their schemas and relations: the only initial privileges
// (pg_init_privs, privtype 'e') audit-roles takes as a script's. ALTER EXTENSION ... ADD records an
// object's ACL at that moment as the extension's initial privileges (recordExtObjInitPriv), so a grant
// made before the ADD reads as the script's in the catalog (twenty-eighth run, A28b-3): only the grants
// listed here are excused, each on the object of that name in the extension's own schema.
//
// Sources, the extensions Azure allows whose scripts grant PUBLIC on a relation or schema:
// - pg_stat_statements: /usr/share/postgresql/15/extension/pg_stat_statements--1.4.sql and upgrades
//   (GRANT SELECT ON pg_stat_statements TO PUBLIC; 1.8--1.9: GRANT SELECT ON pg_stat_statements_info TO PUBLIC).
//   No other PostgreSQL 15 contrib script grants PUBLIC on a relation or schema.
// - postgis: postgis/postgis.sql.in (GRANT SELECT ON TABLE geography_columns, geometry_columns, spatial_ref_sys TO public).
// - postgis_raster: raster/rt_pg/rtpostgis.sql.in (GRANT SELECT ON TABLE raster_columns, raster_overviews TO public).
// - postgis_topology: topology/topology.sql.in (GRANT SELECT ON topology.topology, topology.layer TO PUBLIC;
//   GRANT USAGE ON SCHEMA topology TO PUBLIC; GRANT SELECT ON ALL SEQUENCES IN SCHEMA topology TO PUBLIC:
//   topology_id_seq, topology.id's SERIAL).
// - pg_cron: /usr/share/postgresql/15/extension/pg_cron--1.0.sql (GRANT SELECT ON cron.job TO public), 1.2--1.3
//   (GRANT SELECT, DELETE ON cron.job_run_details: both tables hold row-level security, each role sees its own jobs),
//   1.4--1.4-1 (GRANT SELECT ON SEQUENCE cron.jobid_seq, cron.runid_seq, for pg_dump). Adversarial run of stop 67, d02.
// postgis_tiger_geocoder and address_standardizer grant PUBLIC nothing on relations or schemas.
// Routines are not listed: PUBLIC's EXECUTE on an extension's routine is judged by its language
// (live-state.ts, SCRIPT_EXECUTE).

/** kind as audit-roles names it (a relation's kind, or "schema"); name: the object's own name (a schema's name, a relation's without its schema). */
export interface ExtensionGrant {
  readonly extension: string;
  /** The schema that must hold it, for an extension that makes its own (pg_cron's cron) rather than using the extension's. */
  readonly schema?: string;
  readonly kind: 'schema' | 'table' | 'view' | 'sequence';
  readonly name: string;
  readonly privileges: readonly string[];
}

export const EXTENSION_PUBLIC_GRANTS: readonly ExtensionGrant[] = [
  { extension: 'pg_stat_statements', kind: 'view', name: 'pg_stat_statements', privileges: ['SELECT'] },
  { extension: 'pg_stat_statements', kind: 'view', name: 'pg_stat_statements_info', privileges: ['SELECT'] },
  { extension: 'pg_cron', schema: 'cron', kind: 'table', name: 'job', privileges: ['SELECT'] },
  { extension: 'pg_cron', schema: 'cron', kind: 'table', name: 'job_run_details', privileges: ['SELECT', 'DELETE'] },
  { extension: 'pg_cron', schema: 'cron', kind: 'sequence', name: 'jobid_seq', privileges: ['SELECT'] },
  { extension: 'pg_cron', schema: 'cron', kind: 'sequence', name: 'runid_seq', privileges: ['SELECT'] },
  { extension: 'postgis', kind: 'table', name: 'spatial_ref_sys', privileges: ['SELECT'] },
  { extension: 'postgis', kind: 'view', name: 'geometry_columns', privileges: ['SELECT'] },
  { extension: 'postgis', kind: 'view', name: 'geography_columns', privileges: ['SELECT'] },
  { extension: 'postgis_raster', kind: 'view', name: 'raster_columns', privileges: ['SELECT'] },
  { extension: 'postgis_raster', kind: 'view', name: 'raster_overviews', privileges: ['SELECT'] },
  { extension: 'postgis_topology', kind: 'schema', name: 'topology', privileges: ['USAGE'] },
  { extension: 'postgis_topology', kind: 'table', name: 'topology', privileges: ['SELECT'] },
  { extension: 'postgis_topology', kind: 'table', name: 'layer', privileges: ['SELECT'] },
  { extension: 'postgis_topology', kind: 'sequence', name: 'topology_id_seq', privileges: ['SELECT'] },
];

/**
 * Whether an extension's script grants PUBLIC this privilege on the object of this kind and own name
 * in the extension's schema (extension: the extension it belongs to and whose schema holds it; object:
 * "schema.name", matched against the grant's schema where it names one).
 */
export function grantedByScript(p: { readonly extension?: string | null; readonly kind: string; readonly object: string; readonly name?: string | null; readonly privilege: string }): boolean {
  if (p.extension === undefined || p.extension === null || p.name === undefined || p.name === null) return false;
  return EXTENSION_PUBLIC_GRANTS.some((g) => g.extension === p.extension && g.kind === p.kind && g.name === p.name && g.privileges.includes(p.privilege)
    && (g.schema === undefined || p.object === `${g.schema}.${p.name}`));
}
