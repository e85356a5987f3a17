import { existsSync, readFileSync, statSync } from 'fs';
import { dirname, join } from 'path';
import { Client } from 'pg';
import { findServerBinaries, PostgresCluster, startCluster, SUPERUSER } from '../support/postgres-cluster';

// The claims behind PGF-LOG-9/PGS-LOG-8 and PGF-LOG-10/PGS-LOG-9, shown on a real PostgreSQL with
// pgaudit: which server parameters take connection lines and pgaudit's audit lines out of the
// server log, and which only reshape them.

const PGAUDIT_INSTALLED = existsSync(join(dirname(findServerBinaries().bin), 'lib', 'pgaudit.so'));
const withPgaudit = PGAUDIT_INSTALLED && process.env.CDKTF_AZURE_POSTGRES_TEST_WITHOUT_PGAUDIT !== '1' ? test : test.skip;

let cluster: PostgresCluster;
let root: Client;
let marker = 0;

/** Azure's logging defaults of the library, then the settings of one case, applied with a reload. */
async function configure(settings: { [name: string]: string }): Promise<void> {
  const all: { [name: string]: string } = {
    log_connections: 'on',
    log_min_messages: 'warning',
    log_error_verbosity: 'default',
    log_min_error_statement: 'error',
    log_destination: 'stderr',
    'pgaudit.log': 'ddl,role,misc',
    'pgaudit.log_client': 'off',
    'pgaudit.log_level': 'log',
    ...settings,
  };
  for (const [name, value] of Object.entries(all)) await root.query(`ALTER SYSTEM SET ${name} = '${value}'`);
  await root.query('SELECT pg_reload_conf()');
  // The reload is asynchronous: wait until a new session sees the last setting.
  for (let attempt = 0; attempt < 50; attempt++) {
    const probe = await cluster.connect(SUPERUSER, cluster.superuserPassword, 'postgres');
    const { rows } = await probe.query("SELECT current_setting('log_min_messages') AS level, current_setting('pgaudit.log', true) AS classes");
    await probe.end();
    if (rows[0].level === all.log_min_messages && (!cluster.pgaudit || rows[0].classes === all['pgaudit.log'])) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not take ${JSON.stringify(settings)}`);
}

/** What one new session that creates a table and a role writes to the server log. */
async function sessionLog(): Promise<{ text: string; table: string; role: string }> {
  marker += 1;
  const table = `marker_table_${marker}`;
  const role = `marker_role_${marker}`;
  const start = statSync(cluster.logFile).size;
  const client = await cluster.connect(SUPERUSER, cluster.superuserPassword, 'postgres');
  await client.query(`CREATE TABLE ${table} (id int)`);
  await client.query(`CREATE ROLE ${role} NOLOGIN`);
  // A last statement that PostgreSQL logs at every level but PANIC, to know the session's lines are all written.
  await client.query(`DO $$ BEGIN RAISE LOG 'end of ${table}'; END $$`);
  await client.end();
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { text: readFileSync(cluster.logFile, 'utf8').slice(start), table, role };
}

/** Whether a statement PostgreSQL refuses a role ("permission denied") reaches the server log. */
async function refusalLogged(): Promise<boolean> {
  marker += 1;
  const table = `guarded_table_${marker}`;
  const role = `intruder_${marker}`;
  await root.query(`CREATE TABLE ${table} (id int)`);
  await root.query(`CREATE ROLE ${role} LOGIN PASSWORD '${cluster.superuserPassword}'`);
  const start = statSync(cluster.logFile).size;
  const client = await cluster.connect(role, cluster.superuserPassword, 'postgres');
  await expect(client.query(`SELECT * FROM ${table}`)).rejects.toThrow(`permission denied for table ${table}`);
  await client.query(`DO $$ BEGIN RAISE LOG 'end of ${role}'; END $$`);
  await client.end();
  await new Promise((resolve) => setTimeout(resolve, 200));
  return readFileSync(cluster.logFile, 'utf8').slice(start).includes(`permission denied for table ${table}`);
}

function audited(log: { text: string; table: string; role: string }) {
  return {
    connection: log.text.includes('connection authorized: user=azuresu'),
    createTable: log.text.includes(`AUDIT: SESSION`) && log.text.includes(`CREATE TABLE ${log.table}`),
    createRole: log.text.includes(`CREATE ROLE ${log.role}`),
  };
}

beforeAll(async () => {
  cluster = await startCluster();
  root = await cluster.connect(SUPERUSER, cluster.superuserPassword, 'postgres');
}, 120_000);

afterAll(async () => {
  await root?.end();
  cluster?.stop();
});

const ALL_LINES = { connection: true, createTable: true, createRole: true };
const NO_LINES = { connection: false, createTable: false, createRole: false };

withPgaudit.each([
  ['the defaults', {}],
  ['log_min_messages = error (LOG ranks above ERROR)', { log_min_messages: 'error' }],
  ['log_min_messages = log', { log_min_messages: 'log' }],
  ['log_error_verbosity = terse', { log_error_verbosity: 'terse' }],
  ['log_min_error_statement = panic', { log_min_error_statement: 'panic' }],
  // Azure lets log_destination be stderr or csvlog, and keeps logging_collector off: without the
  // collector PostgreSQL writes csvlog lines to stderr, so they still reach the server log.
  ['log_destination = csvlog without the logging collector', { log_destination: 'csvlog' }],
  ['pgaudit.log_client = on with pgaudit.log_level = log', { 'pgaudit.log_client': 'on', 'pgaudit.log_level': 'log' }],
  ['pgaudit.log_level = debug5 with pgaudit.log_client = off (the level is then ignored)', { 'pgaudit.log_level': 'debug5' }],
])('the server log keeps connection and audit lines with %s', async (_, settings) => {
  await configure(settings);
  expect(audited(await sessionLog())).toEqual(ALL_LINES);
});

withPgaudit.each([
  ['log_min_messages = fatal', { log_min_messages: 'fatal' }],
  ['log_min_messages = panic', { log_min_messages: 'panic' }],
])('%s drops the connection and audit lines', async (_, settings) => {
  await configure(settings);
  expect(audited(await sessionLog())).toEqual(NO_LINES);
});

// PGF-LOG-9/PGS-LOG-8 ask for ERROR lines too: a refused statement is the trace of an attempt
// beyond a role's rights (adversarial run of stop 68).
test.each([
  ['the defaults', {}, true],
  ['log_min_messages = error', { log_min_messages: 'error' }, true],
  ['log_min_messages = log', { log_min_messages: 'log' }, false],
  ['log_min_messages = fatal', { log_min_messages: 'fatal' }, false],
])('a refused statement reaches the server log with %s: %p', async (_, settings, logged) => {
  await configure(settings);
  expect(await refusalLogged()).toBe(logged);
});

withPgaudit.each([
  ['debug5', {}],
  ['notice', {}],
  ['warning, with log_min_messages = error', { log_min_messages: 'error' }],
])('pgaudit.log_client = on with pgaudit.log_level = %s drops the audit lines, not the connection line', async (level, settings) => {
  await configure({ 'pgaudit.log_client': 'on', 'pgaudit.log_level': level.split(',')[0], ...settings });
  expect(audited(await sessionLog())).toEqual({ connection: true, createTable: false, createRole: false });
});

withPgaudit.each([
  ['read', { createTable: false, createRole: false }],
  ['ddl', { createTable: true, createRole: false }],
  ['role', { createTable: false, createRole: true }],
  ['all', { createTable: true, createRole: true }],
])('pgaudit.log = %s audits schema and role changes only with ddl and role', async (classes, expected) => {
  await configure({ 'pgaudit.log': classes });
  expect(audited(await sessionLog())).toEqual({ connection: true, ...expected });
});
