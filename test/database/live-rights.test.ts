import { Client } from 'pg';
import { LiveAccess, deployAccess } from '../support/live-access';

// The rights a DatabaseAccess declares, proven on a real PostgreSQL server: the SQL its resources
// stand for is applied as the administrator (see test/support), then each role connects and tries.
// The fixture: orders_app READ_WRITE, "Orders Reporting" READ_ONLY, migrator@contoso.com OWNER and
// billing_vendor READ_ONLY with a password, all on database orders.

jest.setTimeout(60_000);

let live: LiveAccess;
const clients: Client[] = [];

beforeAll(async () => {
  live = await deployAccess();
  // A migration, run as the owner level, creates the first table.
  const migrator = await as('migrator@contoso.com');
  await migrator.query('SET ROLE orders_owner');
  await migrator.query('CREATE TABLE public.orders (id serial PRIMARY KEY, item text NOT NULL)');
  await migrator.query("INSERT INTO public.orders (item) VALUES ('first')");
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  await live?.stop();
});

async function as(role: string, database = 'orders'): Promise<Client> {
  const client = await live.server.connectAs(role, live.passwords.get(role)!, database);
  clients.push(client);
  return client;
}

/** The error PostgreSQL answers a statement with, or "ok". */
async function attempt(client: Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('a read-only member', () => {
  test('can SELECT', async () => {
    const reporting = await as('Orders Reporting');
    expect((await reporting.query('SELECT item FROM public.orders')).rows).toEqual([{ item: 'first' }]);
  });

  test('cannot INSERT, UPDATE or DELETE', async () => {
    const reporting = await as('Orders Reporting');
    expect(await attempt(reporting, "INSERT INTO public.orders (item) VALUES ('x')")).toBe('permission denied for table orders');
    expect(await attempt(reporting, "UPDATE public.orders SET item = 'x'")).toBe('permission denied for table orders');
    expect(await attempt(reporting, 'DELETE FROM public.orders')).toBe('permission denied for table orders');
  });

  test('cannot CREATE in schema public, nor create temporary tables', async () => {
    const reporting = await as('Orders Reporting');
    expect(await attempt(reporting, 'CREATE TABLE public.mine (id int)')).toBe('permission denied for schema public');
    expect(await attempt(reporting, 'CREATE TEMPORARY TABLE scratch (id int)')).toBe('permission denied to create temporary tables in database "orders"');
  });

  test('the password member signs in with its generated password and reads like the other read-only members', async () => {
    const vendor = await as('billing_vendor');
    expect((await vendor.query('SELECT count(*)::int AS n FROM public.orders')).rows).toEqual([{ n: 1 }]);
    expect(await attempt(vendor, "INSERT INTO public.orders (item) VALUES ('x')")).toBe('permission denied for table orders');
  });
});

describe('a read-write member', () => {
  test('can INSERT, UPDATE, DELETE and use the sequences', async () => {
    const app = await as('orders_app');
    expect(await attempt(app, "INSERT INTO public.orders (item) VALUES ('second')")).toBe('ok');
    expect(await attempt(app, "UPDATE public.orders SET item = 'second!' WHERE item = 'second'")).toBe('ok');
    expect(await attempt(app, "DELETE FROM public.orders WHERE item = 'second!'")).toBe('ok');
  });

  test('cannot CREATE in schema public, nor TRUNCATE', async () => {
    const app = await as('orders_app');
    expect(await attempt(app, 'CREATE TABLE public.mine (id int)')).toBe('permission denied for schema public');
    expect(await attempt(app, 'TRUNCATE public.orders')).toBe('permission denied for table orders');
  });
});

describe('objects the owner level creates later', () => {
  beforeAll(async () => {
    const migrator = await as('migrator@contoso.com');
    await migrator.query('SET ROLE orders_owner');
    await migrator.query("CREATE TABLE public.invoices (id serial PRIMARY KEY, total numeric NOT NULL DEFAULT 0)");
    await migrator.query('INSERT INTO public.invoices (total) VALUES (42)');
  });

  test('are readable by read-only members through the default privileges', async () => {
    const reporting = await as('Orders Reporting');
    expect((await reporting.query('SELECT total::int AS total FROM public.invoices')).rows).toEqual([{ total: 42 }]);
    expect(await attempt(reporting, 'INSERT INTO public.invoices (total) VALUES (1)')).toBe('permission denied for table invoices');
  });

  test('are writable by read-write members, sequence included', async () => {
    const app = await as('orders_app');
    expect(await attempt(app, 'INSERT INTO public.invoices (total) VALUES (7)')).toBe('ok');
  });
});

describe('PUBLIC and strangers', () => {
  test('PUBLIC can neither CREATE in nor use schema public, nor connect to or create temporary tables in the database', async () => {
    const root = await live.server.superuser('orders');
    const rights = await root.query(`SELECT has_schema_privilege('public', 'public', 'CREATE') AS create,
      has_schema_privilege('public', 'public', 'USAGE') AS usage,
      has_database_privilege('public', 'orders', 'CONNECT') AS connect,
      has_database_privilege('public', 'orders', 'TEMPORARY') AS temporary`);
    expect(rights.rows).toEqual([{ create: false, usage: false, connect: false, temporary: false }]);
  });

  test('a login role that is no member of a group cannot connect to the database', async () => {
    const root = await live.server.superuser();
    await root.query("CREATE ROLE stranger LOGIN PASSWORD 'stranger-password'");
    await expect(live.server.connectAs('stranger', 'stranger-password', 'orders')).rejects.toThrow(
      'permission denied for database "orders"',
    );
  });

  test('a login role given CONNECT straight away still cannot CREATE in schema public', async () => {
    const root = await live.server.superuser();
    await root.query("CREATE ROLE intruder LOGIN PASSWORD 'intruder-password'");
    await root.query('GRANT CONNECT ON DATABASE orders TO intruder');
    const intruder = await live.server.connectAs('intruder', 'intruder-password', 'orders');
    expect(await attempt(intruder, 'CREATE TABLE public.mine (id int)')).toBe('permission denied for schema public');
  });
});

describe('the roles the construct creates', () => {
  test('none has SUPERUSER, CREATEROLE, CREATEDB, REPLICATION or BYPASSRLS', async () => {
    const root = await live.server.superuser();
    const names = ['orders_readonly', 'orders_readwrite', 'orders_owner', 'orders_app', 'Orders Reporting', 'migrator@contoso.com', 'billing_vendor'];
    const roles = await root.query('SELECT rolname, rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls AS dangerous, rolcanlogin FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname', [names]);
    expect(roles.rows.map((r) => r.rolname).sort()).toEqual([...names].sort());
    expect(roles.rows.filter((r) => r.dangerous)).toEqual([]);
    expect(roles.rows.filter((r) => r.rolcanlogin).map((r) => r.rolname).sort()).toEqual(['Orders Reporting', 'billing_vendor', 'migrator@contoso.com', 'orders_app']);
  });

  test('login roles get their rights only through membership: nothing is granted to them directly', async () => {
    const root = await live.server.superuser('orders');
    const logins = ['orders_app', 'Orders Reporting', 'migrator@contoso.com', 'billing_vendor'];
    const direct = await root.query(`
      SELECT a.grantee::regrole::text AS grantee FROM pg_class c, aclexplode(c.relacl) a
      UNION SELECT a.grantee::regrole::text FROM pg_namespace n, aclexplode(n.nspacl) a
      UNION SELECT a.grantee::regrole::text FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = 'orders'
      UNION SELECT a.grantee::regrole::text FROM pg_default_acl p, aclexplode(p.defaclacl) a`);
    expect(direct.rows.map((r) => r.grantee.replace(/^"|"$/g, '')).filter((grantee) => logins.includes(grantee))).toEqual([]);
    expect(direct.rows.map((r) => r.grantee)).toEqual(expect.arrayContaining(['orders_readonly', 'orders_readwrite', 'orders_owner']));
  });

  test('the password member expires: valid_until is the rotation date plus the grace period', async () => {
    const root = await live.server.superuser();
    const { rows } = await root.query("SELECT rolvaliduntil FROM pg_roles WHERE rolname = 'billing_vendor'");
    const days = (rows[0].rolvaliduntil.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(96.9);
    expect(days).toBeLessThanOrEqual(97);
  });

  test('the administrator keeps no membership it took while applying', async () => {
    const root = await live.server.superuser();
    const { rows } = await root.query("SELECT pg_get_userbyid(roleid) AS role FROM pg_auth_members WHERE pg_get_userbyid(member) = 'grp-orders-dba' ORDER BY 1");
    expect(rows).toEqual([{ role: 'azure_pg_admin' }]);
  });

  test('pgaudit is created in the managed database (where the extension is installed)', async () => {
    const root = await live.server.superuser('orders');
    const { rows } = await root.query("SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'pgaudit'");
    expect(rows).toEqual([{ n: live.withoutPgaudit ? 0 : 1 }]);
  });

  test('only the security labels are left out of the applied SQL', () => {
    expect(live.derived.skipped.map((s) => s.address.split('.')[0])).toEqual(['postgresql_security_label', 'postgresql_security_label', 'postgresql_security_label']);
  });
});
