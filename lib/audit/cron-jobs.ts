import type { Session } from './live-state';

// pg_cron's jobs (Azure allow-lists pg_cron): each runs its command on a schedule, in its database,
// as the role that scheduled it. A function the command calls that another role owns may be replaced
// by that role, whose code then runs with the scheduler's rights: the shape of an event trigger's
// code (adversarial run of stop 67, d02).

/** A job as pg_cron keeps it in cron.job, in the database cron.database_name names. */
export interface CronJob {
  /** Its name, or its id where it has none (pg_cron before 1.3 names none). */
  readonly name: string;
  /** The role it runs as. */
  readonly username: string;
  /** The database it runs in. */
  readonly database: string;
  readonly command: string;
}

/** The jobs the auditor may see and the database pg_cron keeps them in (null: no database read has pg_cron), or why they could not be read. */
export type CronJobs = { readonly jobs: readonly CronJob[]; readonly database: string | null } | { readonly unreadable: string; readonly database: string };

/**
 * Whether pg_cron's cron.job is in the current database, and whether the auditor may read it: found
 * by the catalogs, as a name lookup of a schema without USAGE on it fails the read-only transaction.
 */
const CRON_TABLE_SQL = `
SELECT c.oid IS NOT NULL AS present,
       COALESCE(pg_catalog.has_schema_privilege(c.relnamespace, 'USAGE') AND pg_catalog.has_table_privilege(c.oid, 'SELECT'), false) AS readable
FROM (SELECT 1) one LEFT JOIN (pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'cron'
       JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'e'
       JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_cron') ON c.relname = 'job'`;

/**
 * The active jobs, each row whole as JSON: the columns differ between pg_cron's versions (jobname and
 * active came in 1.3). pg_cron's row-level security shows a role its own jobs only; a superuser sees all.
 */
const CRON_JOBS_SQL = `SELECT pg_catalog.to_jsonb(j) AS job FROM cron.job j`;

type JobRow = { readonly job: { readonly jobid?: unknown; readonly jobname?: unknown; readonly username?: unknown; readonly database?: unknown; readonly command?: unknown; readonly active?: unknown } };

/**
 * The jobs in the session's database, when pg_cron is created there (it is in one database only,
 * cron.database_name, a setting only a superuser or pg_read_all_settings may read: the audit looks in
 * each database it reads), or why they could not be read; undefined: pg_cron is not there.
 */
export async function readCronJobs(session: Session, database: string): Promise<CronJobs | undefined> {
  try {
    const [{ present, readable }] = await session.query<{ present: boolean; readable: boolean }>(CRON_TABLE_SQL);
    if (!present) return undefined;
    if (!readable) return { unreadable: 'no USAGE on schema cron or no SELECT on cron.job', database };
    const rows = await session.query<JobRow>(CRON_JOBS_SQL);
    return { jobs: rows.filter(({ job }) => job.active !== false).map(({ job }) => ({
      name: typeof job.jobname === 'string' && job.jobname !== '' ? job.jobname : `#${String(job.jobid)}`,
      username: String(job.username),
      database: String(job.database),
      command: String(job.command),
    })), database };
  } catch (error) {
    return { unreadable: (error as Error).message, database };
  }
}
