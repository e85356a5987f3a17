import { readFileSync } from 'fs';
import type { ClientConfig } from 'pg';
import { OpenSession, Session } from './live-state';

/** A problem with the command's input or the connection: exit code 2, one line on stderr. */
export class AuditInputError extends Error {}

/** The scope of Entra ID tokens for Azure Database for PostgreSQL. */
export const ENTRA_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';
const STATEMENT_TIMEOUT_MS = 15_000;
const CONNECT_TIMEOUT_MS = 15_000;
const APPLICATION_NAME = 'cdktf-azure-postgres audit-roles';
/** The audit's search path: the system catalogs, and the session's temporary schema last (never searched for functions or operators). */
export const AUDIT_SEARCH_PATH = 'pg_catalog, pg_temp';

/** Where and as whom the audit signs in. */
export interface ConnectionTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
}

/** Gets an Entra ID access token for ENTRA_SCOPE. */
export type TokenSource = () => Promise<string>;

/**
 * libpq's sslmode from PGSSLMODE (default verify-full, as Azure's certificates chain to public
 * roots) with PGSSLROOTCERT, in node-postgres terms. require encrypts without checking the
 * certificate; verify-ca and verify-full check it and the host name.
 */
export function sslOptions(env: NodeJS.ProcessEnv): ClientConfig['ssl'] {
  const mode = env.PGSSLMODE ?? 'verify-full';
  if (mode === 'disable') return false;
  if (mode === 'require') return { rejectUnauthorized: false };
  if (mode !== 'verify-ca' && mode !== 'verify-full') {
    throw new AuditInputError(`PGSSLMODE "${mode}" is not supported: use verify-full (the default), verify-ca, require or disable`);
  }
  const rootCertificate = env.PGSSLROOTCERT;
  if (rootCertificate === undefined || rootCertificate === 'system') return { rejectUnauthorized: true };
  try {
    return { rejectUnauthorized: true, ca: readFileSync(rootCertificate, 'utf8') };
  } catch (error) {
    throw new AuditInputError(`PGSSLROOTCERT ${rootCertificate}: cannot be read (${(error as Error).message})`);
  }
}

/**
 * What a PGSSLMODE weaker than the default leaves unprotected, or undefined for verify-ca and
 * verify-full. The audit signs in with a password or an Entra token (valid on every server the
 * identity administers): sent to an unverified peer, it says so on stderr and in the report (A9-7).
 */
export function unverifiedTls(env: NodeJS.ProcessEnv, secret: string): string | undefined {
  const mode = env.PGSSLMODE;
  if (mode === 'require') return `PGSSLMODE is require: the server's certificate is not checked, so ${secret} is sent to a server whose identity is not verified`;
  if (mode === 'disable') return `PGSSLMODE is disable: the connection is not encrypted, so ${secret} is sent over the network in clear text`;
  return undefined;
}

/**
 * An Entra ID token for the signed-in identity (Azure CLI, managed identity, environment, ...),
 * through @azure/identity's DefaultAzureCredential. The package is optional: it is loaded only
 * when no PGPASSWORD is given.
 */
export function entraTokenSource(load: (id: string) => unknown = require): TokenSource {
  return async () => {
    let identity: { DefaultAzureCredential: new () => { getToken(scope: string): Promise<{ token: string } | null> } };
    try {
      identity = load('@azure/identity') as typeof identity;
    } catch {
      throw new AuditInputError('no PGPASSWORD is set, and signing in with Entra ID needs @azure/identity, which is not installed: run npm install @azure/identity, or set PGPASSWORD');
    }
    try {
      const token = await new identity.DefaultAzureCredential().getToken(ENTRA_SCOPE);
      if (token === null) throw new Error('no token returned');
      return token.token;
    } catch (error) {
      throw new AuditInputError(`no Entra ID token for ${ENTRA_SCOPE}: ${firstLine(error)}`);
    }
  };
}

/**
 * The settings every session of the audit starts with, sent in the startup packet (libpq's options, "-c name=value"): there they
 * outrank a role's or a database's defaults (ALTER ROLE/DATABASE ... SET) from the first byte. A default idle_session_timeout of 1 ms
 * for the auditor in one database would otherwise end the session between sign-in and the first query, a round trip later, and hide
 * what that database holds (93rd run, A93a-3); the search path and the literals are the queries' own (A92b-2, A92d-2).
 */
export const PINNED_SETTINGS: readonly (readonly [string, string])[] = [
  ['idle_session_timeout', '0'],
  ['idle_in_transaction_session_timeout', '0'],
  ['search_path', AUDIT_SEARCH_PATH],
  ['standard_conforming_strings', 'on'],
  // The audit's catalog queries are planned as costly (recursive write paths): JIT would compile them for seconds each, per
  // database, and read nothing faster.
  ['jit', 'off'],
];
/** Added in PostgreSQL 14: an older server refuses to start a session that sets it (and cannot end an idle one). */
const NEWER_SETTING = 'idle_session_timeout';
const UNDEFINED_OBJECT = '42704';

/** Settings as a startup packet's options: "-c name=value" each, a space or backslash in a value escaped with a backslash. */
export function startupOptions(settings: readonly (readonly [string, string])[]): string {
  return settings.map(([name, value]) => `-c ${name}=${value.replace(/[\\ ]/g, '\\$&')}`).join(' ');
}

/** Whether a sign-in failed because the server does not know the setting (one older than it). */
function refusesSetting(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === UNDEFINED_OBJECT && typeof message === 'string' && message.includes(`"${name}"`);
}

/** Opens read-only sessions on the target's server, one database at a time. */
export function sessionOpener(target: ConnectionTarget, password: string, ssl: ClientConfig['ssl'], load: (id: string) => unknown = require): OpenSession {
  const signIn = async (database: string, settings: readonly (readonly [string, string])[]) => {
    const { Client } = loadPg(load);
    const client = new Client({
      host: target.host,
      port: target.port,
      user: target.user,
      password,
      database,
      ssl,
      application_name: APPLICATION_NAME,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      options: startupOptions(settings),
    });
    // A connection that fails later (the server restarts) must not crash the process.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  };
  return async (database) => {
    const client = await signIn(database, PINNED_SETTINGS).catch((error: unknown) => {
      if (!refusesSetting(error, NEWER_SETTING)) throw error;
      return signIn(database, PINNED_SETTINGS.filter(([name]) => name !== NEWER_SETTING));
    });
    try {
      await client.query('BEGIN TRANSACTION READ ONLY');
      await client.query(`SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
      // Set again in the transaction, as pinned at sign-in: a pooler between the audit and the server may drop the startup options.
      // Only the catalogs resolve names: an operator or function a database user makes in a schema on the default path
      // (public) must not stand in for a built-in in the audit's queries and hide drift (CVE-2018-1058's pattern; 92nd run, A92b-2).
      await client.query(`SET LOCAL search_path = ${AUDIT_SEARCH_PATH}`);
      // A backslash in a literal is a backslash, whatever the database or role sets (92nd run, A92d-2).
      await client.query('SET LOCAL standard_conforming_strings = on');
      // As the user it signed in as: a session default role (ALTER ROLE <auditor> SET role = ..., which a role may set on itself)
      // would run every query as another role, whose view of the catalogs and of pg_cron's jobs differs; session_authorization
      // likewise, for a superuser (adversarial run adv72a, A72-20). Both only change the transaction's own settings.
      await client.query('SET LOCAL SESSION AUTHORIZATION DEFAULT');
      await client.query('SET LOCAL ROLE NONE');
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    const session: Session = {
      query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
      close: async () => {
        try {
          await client.query('ROLLBACK');
        } finally {
          await client.end();
        }
      },
    };
    return session;
  };
}

/**
 * node-postgres, loaded when the audit connects. It is not a dependency of the package, so that
 * teams who only synthesize and check do not install it; the audit asks for it.
 */
function loadPg(load: (id: string) => unknown): typeof import('pg') {
  try {
    return load('pg') as typeof import('pg');
  } catch {
    throw new AuditInputError('audit-roles needs the pg package (node-postgres), which is not installed: run npm install pg');
  }
}

/** The first line of an error's message (of its first cause, for an AggregateError without one). */
export function firstLine(error: unknown): string {
  const { message, errors } = (typeof error === 'object' && error !== null ? error : {}) as { message?: unknown; errors?: unknown };
  if ((message === undefined || message === '') && Array.isArray(errors) && errors.length > 0) return firstLine(errors[0]);
  const text = typeof message === 'string' && message !== '' ? message : String(error);
  return text.split('\n')[0];
}
