// What the stack model assumes of PostgreSQL's names (A35b-4, postgres-sent-text.ts asIdentifier, database-checks.ts databaseOf),
// shown on a live cluster: a quoted identifier is cut to 63 bytes at a character boundary, and the database of the startup packet
// to 63 bytes. cut63: the user name of the startup packet too (asStartupName, PGD-IAM-11), and the names the rules do not compare
// (a grant's objects, option names, replication slot names) are cut as well.
import { Client } from 'pg';
import { asIdentifier, asStartupName } from '../../lib/checks/postgres-sent-text';
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

describe('the user name of the startup packet (cut63, asStartupName, PGD-IAM-11)', () => {
  const U = 'u'.repeat(63);
  const V = 'v'.repeat(62);

  beforeAll(async () => {
    await root.query(`CREATE ROLE "${U}" LOGIN PASSWORD 'pw'`);
    await root.query(`CREATE ROLE "${V}" LOGIN PASSWORD 'pw'`);
  });

  test('a 64-byte user name signs in as the role of its first 63 bytes, as asStartupName reads it', async () => {
    const client = await cluster.connect(U + 'x', 'pw', 'postgres');
    const { rows } = await client.query('SELECT current_user AS name');
    await client.end();
    expect(rows[0].name).toBe(U);
    expect(asStartupName(U + 'x')).toBe(U);
  });

  test('a character across byte 63 is cut in half: no role has that name, and asStartupName names none of 63 bytes or fewer', async () => {
    await expect(cluster.connect(V + 'é', 'pw', 'postgres')).rejects.toThrow(/authentication failed/);
    expect(asStartupName(V + 'é')).toBe(V + 'é');
  });
});

describe('names the rules do not compare are cut too (cut63: kept as written in the stack model)', () => {
  beforeAll(async () => {
    await root.query(`CREATE TABLE public."${'t'.repeat(63)}" (a int)`);
    await root.query('CREATE TABLE public."a.b" (a int); CREATE SCHEMA a; CREATE TABLE a.b (a int)');
  });

  test('a grant\'s object, quoted whole after its schema as cyrilgdn/postgresql writes it (helpers.go setToPgIdentList), is cut; a dot in it is part of the name', async () => {
    await root.query(`GRANT SELECT ON TABLE "public"."${'t'.repeat(63)}x", "public"."a.b" TO intruder`);
    const { rows } = await root.query("SELECT table_schema || '/' || table_name AS name FROM information_schema.role_table_grants WHERE grantee = 'intruder'");
    expect(rows.map((row: { name: string }) => row.name).sort()).toEqual(['public/a.b', `public/${'t'.repeat(63)}`]);
  });

  test('an option name of a foreign server (pq.QuoteIdentifier) is cut to 63 bytes', async () => {
    await root.query('CREATE FOREIGN DATA WRAPPER probe');
    await root.query(`CREATE SERVER probe FOREIGN DATA WRAPPER probe OPTIONS ("${'k'.repeat(63)}x" 'v')`);
    const { rows } = await root.query("SELECT srvoptions FROM pg_foreign_server WHERE srvname = 'probe'");
    expect(rows[0].srvoptions).toEqual([`${'k'.repeat(63)}=v`]);
  });

  test('a replication slot name, bound as a parameter of type name, is cut to 63 bytes, and only then checked', async () => {
    await root.query('SELECT FROM pg_create_physical_replication_slot($1)', ['s'.repeat(63) + 'x']);
    const { rows } = await root.query('SELECT slot_name FROM pg_replication_slots');
    expect(rows.map((row: { slot_name: string }) => row.slot_name)).toEqual(['s'.repeat(63)]);
    await root.query('SELECT pg_drop_replication_slot($1)', ['s'.repeat(63)]);
  });
});
