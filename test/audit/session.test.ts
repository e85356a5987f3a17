import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { firstLine, PINNED_SETTINGS, sessionOpener, sslOptions, startupOptions, unverifiedTls } from '../../lib/audit/session';

// libpq's TLS variables as the audit reads them (the refusals are in the errors catalogue, test/support/audit-roles-errors.ts).

test('PGSSLMODE: verify-full by default, certificate and host checked against the trusted roots', () => {
  expect(sslOptions({})).toEqual({ rejectUnauthorized: true });
  expect(sslOptions({ PGSSLMODE: 'verify-full' })).toEqual({ rejectUnauthorized: true });
  expect(sslOptions({ PGSSLMODE: 'verify-ca', PGSSLROOTCERT: 'system' })).toEqual({ rejectUnauthorized: true });
});

test('PGSSLMODE require encrypts without checking; disable turns TLS off', () => {
  expect(sslOptions({ PGSSLMODE: 'require' })).toEqual({ rejectUnauthorized: false });
  expect(sslOptions({ PGSSLMODE: 'disable' })).toBe(false);
});

test('require and disable are said with what they expose; verify-ca and verify-full are not weaker (A9-7)', () => {
  expect(unverifiedTls({ PGSSLMODE: 'require' }, 'the token')).toBe('PGSSLMODE is require: the server\'s certificate is not checked, so the token is sent to a server whose identity is not verified');
  expect(unverifiedTls({ PGSSLMODE: 'disable' }, 'the token')).toBe('PGSSLMODE is disable: the connection is not encrypted, so the token is sent over the network in clear text');
  for (const mode of [undefined, 'verify-ca', 'verify-full']) expect(unverifiedTls({ PGSSLMODE: mode }, 'the token')).toBeUndefined();
});

test('PGSSLROOTCERT names the root certificates to trust', () => {
  const dir = mkdtempSync(join(tmpdir(), 'session-'));
  try {
    writeFileSync(join(dir, 'root.crt'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(sslOptions({ PGSSLROOTCERT: join(dir, 'root.crt') })).toEqual({ rejectUnauthorized: true, ca: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an error is shown by the first line of its message, or of its first cause', () => {
  expect(firstLine(new Error('first\nsecond'))).toBe('first');
  expect(firstLine(Object.assign(new Error(''), { errors: [new Error('connect ECONNREFUSED ::1:5432')] }))).toBe('connect ECONNREFUSED ::1:5432');
  expect(firstLine('plain')).toBe('plain');
});

describe('the settings each session pins at sign-in (93rd run, A93a-3)', () => {
  /** node-postgres as sessionOpener loads it: records each client's config and the queries it is sent; sign-in fails as told. */
  function fakePg(refuse: (options: string) => Error | undefined) {
    const clients: { options: string; queries: string[] }[] = [];
    class Client {
      readonly record: { options: string; queries: string[] };
      constructor(config: { options: string }) {
        this.record = { options: config.options, queries: [] };
        clients.push(this.record);
      }
      on() { return this; }
      async connect() {
        const refused = refuse(this.record.options);
        if (refused !== undefined) throw refused;
      }
      async query(sql: string) {
        this.record.queries.push(sql);
        return { rows: [] };
      }
      async end() { return undefined; }
    }
    return { clients, load: () => ({ Client }) };
  }
  const target = { host: 'db.example', port: 5432, user: 'grp-dba', database: 'postgres' };
  const pinned = '-c idle_session_timeout=0 -c idle_in_transaction_session_timeout=0 -c search_path=pg_catalog,\\ pg_temp -c standard_conforming_strings=on -c jit=off';

  test('the timeouts, the search path and the literals go in the startup options, which outrank the role\'s and the database\'s defaults', async () => {
    expect(startupOptions(PINNED_SETTINGS)).toBe(pinned);
    expect(startupOptions([['search_path', 'a\\b c']])).toBe('-c search_path=a\\\\b\\ c');
    const pg = fakePg(() => undefined);
    const session = await sessionOpener(target, 'secret', false, pg.load)('azure_sys');
    await session.close();
    expect(pg.clients.map((client) => client.options)).toEqual([pinned]);
    // Set again in the transaction, where a pooler dropped the startup options.
    expect(pg.clients[0].queries).toEqual(['BEGIN TRANSACTION READ ONLY', 'SET LOCAL statement_timeout = 15000', 'SET LOCAL search_path = pg_catalog, pg_temp', 'SET LOCAL standard_conforming_strings = on', 'SET LOCAL SESSION AUTHORIZATION DEFAULT', 'SET LOCAL ROLE NONE', 'ROLLBACK']);
  });

  test('a server older than PostgreSQL 14, which has no idle_session_timeout and refuses it, is signed in to again without it', async () => {
    const unknown = Object.assign(new Error('unrecognized configuration parameter "idle_session_timeout"'), { code: '42704' });
    const pg = fakePg((options) => (options.includes('idle_session_timeout=') ? unknown : undefined));
    await (await sessionOpener(target, 'secret', false, pg.load)('postgres')).close();
    expect(pg.clients.map((client) => client.options)).toEqual([pinned, pinned.replace('-c idle_session_timeout=0 ', '')]);
  });

  test('any other refusal is the audit\'s error, not a second try', async () => {
    for (const refused of [
      Object.assign(new Error('unrecognized configuration parameter "search_path"'), { code: '42704' }),
      Object.assign(new Error('terminating connection due to idle-session timeout'), { code: '57P05' }),
    ]) {
      const pg = fakePg(() => refused);
      await expect(sessionOpener(target, 'secret', false, pg.load)('azure_sys')).rejects.toBe(refused);
      expect(pg.clients).toHaveLength(1);
    }
  });
});
