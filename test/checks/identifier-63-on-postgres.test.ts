// What the stack model assumes of PostgreSQL's names (A35b-4, postgres-sent-text.ts asIdentifier, database-checks.ts databaseOf),
// shown on a live cluster: a quoted identifier is cut to 63 bytes at a character boundary, and the database of the startup packet
// to 63 bytes.
import { Client } from 'pg';
import { asIdentifier } from '../../lib/checks/postgres-sent-text';
import { PostgresCluster, startCluster, SUPERUSER } from '../support/postgres-cluster';

const L = 'orders_app' + '_'.repeat(53); // 63 bytes
const D = 'billing' + 'd'.repeat(56); // 63 bytes

let cluster: PostgresCluster;
let root: Client;

beforeAll(async () => {
  cluster = await startCluster();
  root = await cluster.connect(SUPERUSER, cluster.superuserPassword, 'postgres');
  await root.query(`CREATE ROLE "${L}"`);
  await root.query('CREATE ROLE intruder LOGIN');
  await root.query(`CREATE DATABASE "${D}"`);
}, 120_000);

afterAll(async () => {
  await root?.end();
  cluster?.stop();
});

/** The roles intruder is a member of. */
async function groupsOfIntruder(): Promise<string[]> {
  const { rows } = await root.query("SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = 'intruder'");
  return rows.map((row: { rolname: string }) => row.rolname);
}

test.each([['L + "x"', L + 'x'], ['L + "ü"', L + 'ü'], ['L + a long tail', L + 'é'.repeat(20)]])('GRANT "%s" TO intruder grants L, as asIdentifier reads it', async (_name, spelled) => {
  await root.query(`GRANT "${spelled}" TO intruder`);
  expect(await groupsOfIntruder()).toEqual([asIdentifier(spelled)]);
  expect(asIdentifier(spelled)).toBe(L);
  await root.query(`REVOKE "${L}" FROM intruder`);
});

test('a multibyte character across byte 63 is left out whole', async () => {
  const name = 'r'.repeat(62) + 'éx';
  await root.query(`CREATE ROLE "${name}"`);
  const { rows } = await root.query("SELECT rolname FROM pg_roles WHERE rolname LIKE 'rrr%'");
  expect(rows.map((row: { rolname: string }) => row.rolname)).toEqual([asIdentifier(name)]);
  expect(asIdentifier(name)).toBe('r'.repeat(62));
});

test('the database of the startup packet is cut to 63 bytes: D + "x" connects to D', async () => {
  const client = await cluster.connect(SUPERUSER, cluster.superuserPassword, D + 'x');
  const { rows } = await client.query('SELECT current_database() AS name');
  await client.end();
  expect(rows[0].name).toBe(D);
});

test('a database name cut mid-character in the startup packet names no database: the connection fails (reading it cut at a character boundary is at most stricter)', async () => {
  const database = 'q'.repeat(62);
  await root.query(`CREATE DATABASE "${database}"`);
  await expect(cluster.connect(SUPERUSER, cluster.superuserPassword, database + 'é')).rejects.toThrow(/does not exist/);
  const client = await cluster.connect(SUPERUSER, cluster.superuserPassword, database);
  await client.end();
});
