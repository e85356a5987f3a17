// How PostgreSQL 15 reads a subscription's conninfo (libpq's conninfo_parse and conninfo_uri_parse_*, as the subscriber's
// walreceiver calls them), shown on a live cluster: CREATE SUBSCRIPTION connects to the publisher with the conninfo as
// written, so it succeeds only with the password libpq read from it. connection-secrets.ts reads the same password
// (39th run, A39b-2, A39b-3): `#` and `?` are part of a URI's password, libpq has no fragment, and the query's keywords
// and values are percent-decoded.
import { Client } from 'pg';
import { secretInConnectionString, secretValues } from '../../lib/checks/connection-secrets';
import { PostgresCluster, startCluster, SUPERUSER } from '../support/postgres-cluster';

let cluster: PostgresCluster;
let root: Client;
let made = 0;

beforeAll(async () => {
  cluster = await startCluster();
  root = await cluster.connect(SUPERUSER, cluster.superuserPassword, 'postgres');
  await root.query('CREATE DATABASE pub');
  await root.query("CREATE ROLE repl LOGIN REPLICATION PASSWORD 's3#c?r\\et'");
}, 120_000);

afterAll(async () => {
  await root?.end();
  cluster?.stop();
});

/** Whether CREATE SUBSCRIPTION signs in to the publisher with the conninfo (no slot: publisher and subscriber are one cluster). */
async function signsIn(conninfo: string): Promise<boolean> {
  const name = `sub${++made}`;
  try {
    await root.query(`CREATE SUBSCRIPTION ${name} CONNECTION '${conninfo.replace(/'/g, "''")}' PUBLICATION p WITH (create_slot = false, enabled = false, slot_name = NONE)`);
  } catch (error) {
    if (/could not connect to the publisher/.test(String(error))) return false;
    throw error;
  }
  await root.query(`DROP SUBSCRIPTION ${name}`);
  return true;
}

const at = () => `127.0.0.1:${cluster.port}`;
const PASSWORD = 's3#c?r\\et';

test('the control: a wrong password does not sign in, the right one in keyword/value form does', async () => {
  expect(await signsIn(`host=127.0.0.1 port=${cluster.port} dbname=pub user=repl password=wrong`)).toBe(false);
  expect(await signsIn(`host=127.0.0.1 port=${cluster.port} dbname=pub user=repl`)).toBe(false);
  expect(await signsIn(`host=127.0.0.1 port=${cluster.port} dbname=pub user=repl password='s3#c?r\\\\et'`)).toBe(true);
  expect(await signsIn(`host=127.0.0.1 port=${cluster.port} dbname=pub user=repl password=s3#c?r\\\\et`)).toBe(true);
  expect(secretValues(`host=h password='s3#c?r\\\\et'`)).toContain(PASSWORD);
  expect(secretValues(`host=h password=s3#c?r\\\\et`)).toContain(PASSWORD);
});

test.each([
  ['`#` and `?` in the password of the user information', () => `postgresql://repl:s3#c?r%5Cet@${at()}/pub`],
  ['the password percent-encoded', () => `postgres://repl:s3%23c%3Fr%5Cet@${at()}/pub`],
  ['a percent-encoded query keyword', () => `postgresql://repl@${at()}/pub?%70assword=s3%23c%3Fr%5Cet`],
  ['a query keyword after a #, which is no fragment', () => `postgresql://repl@${at()}/pub?application_name=x#&password=s3%23c%3Fr%5Cet`],
])('libpq reads the password from %s, and so does the rule pack', async (_name, conninfo) => {
  expect(await signsIn(conninfo())).toBe(true);
  expect(secretValues(conninfo())).toContain(PASSWORD);
  expect(secretInConnectionString(conninfo())).toBe('writes its password as text, so it is in the configuration');
});

test('the password of the user information ends at the first @: the rest is the host', async () => {
  // libpq reads the password "s3" and the host "x@127.0.0.1": no sign-in with "s3@x"; the rule pack reads a password either way.
  await root.query("ALTER ROLE repl PASSWORD 's3@x'");
  expect(await signsIn(`postgresql://repl:s3@x@${at()}/pub`)).toBe(false);
  expect(await signsIn(`postgresql://repl:s3%40x@${at()}/pub`)).toBe(true);
  expect(secretValues(`postgresql://repl:s3@x@${at()}/pub`)).toEqual(['s3']);
  await root.query(`ALTER ROLE repl PASSWORD '${PASSWORD}'`);
});

test('a connection string in dbname is not read a second time: its password is not sent', async () => {
  // The subscriber expands the conninfo once (as dbname, expand_dbname); a URI written as its dbname stays a database name.
  expect(await signsIn(`host=127.0.0.1 port=${cluster.port} user=repl dbname='postgresql://repl:s3%23c%3Fr%5Cet@${at()}/pub'`)).toBe(false);
  expect(await signsIn(`host=127.0.0.1 port=${cluster.port} user=repl dbname='password=s3#c?r\\\\et dbname=pub'`)).toBe(false);
});
