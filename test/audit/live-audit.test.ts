import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { AddressInfo, connect, createServer, Socket } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { AuditReport } from '../../lib/audit/audit-report';
import { OpenSession } from '../../lib/audit/live-state';
import { entraTokenSource, ENTRA_SCOPE, sessionOpener } from '../../lib/audit/session';
import { AuditEnvironment, runAuditRoles } from '../../lib/cli/audit-roles-command';
import { ADMIN_PASSWORD } from '../support/azure-like-server';
import { SUPERUSER } from '../support/postgres-cluster';
import { DBA } from '../support/database-fixture';
import { SERVER_PARAMETERS } from '../../lib/audit/declared-access';
import { deployAccess, LiveAccess } from '../support/live-access';

// `cdktf-azure-postgres audit-roles` against a real server that holds what the fixture's stack
// declares (see test/support): quiet while the server matches, and naming each drift planted.

jest.setTimeout(60_000);

let live: LiveAccess;
let root: Client;
let rootOrders: Client;

beforeAll(async () => {
  live = await deployAccess();
  root = await live.server.superuser();
  rootOrders = await live.server.superuser('orders');
  // As Azure applies the stack's server parameter pgaudit.log (A72-14).
  if (!live.withoutPgaudit) await setServerPgauditLog('ddl,role,misc');
  // As Azure applies the stack's other server parameters the audit compares (D73-7): log_connections and log_disconnections.
  await setServerParameters(declaredParameters());
  // As Azure maps the stack's Entra roles and administrator (D74-8: a server without them is not clean).
  await setLabels(AZURE_LABELS);
  // A migration, as the owner level, so that there are tables to leak.
  await rootOrders.query('SET ROLE orders_owner');
  await rootOrders.query('CREATE TABLE public.orders (id serial PRIMARY KEY, item text)');
  await rootOrders.query('CREATE TABLE public.secrets (a text, b text)');
  await rootOrders.query('RESET ROLE');
});

afterAll(async () => {
  await live?.stop();
});

/** Sets the server's pgaudit.log (ALTER SYSTEM) and waits until a new session sees it. */
async function setServerPgauditLog(value: string): Promise<void> {
  await root.query(`ALTER SYSTEM SET pgaudit.log = '${value}'`);
  await root.query('SELECT pg_reload_conf()');
  for (let seen = ''; seen !== value;) {
    const client = await live.server.superuser();
    seen = (await client.query('SHOW pgaudit.log')).rows[0]['pgaudit.log'] as string;
    await client.end();
  }
}

/** The server parameters the audit compares, as the stack sets them on its server. */
function declaredParameters(): { [name: string]: string } {
  const blocks = Object.values(live.stack.resource.azurerm_postgresql_flexible_server_configuration as { [name: string]: { name: string; value: string } });
  return Object.fromEntries(blocks.filter((block) => SERVER_PARAMETERS.includes(block.name)).map((block) => [block.name, block.value]));
}

/** Sets server parameters (ALTER SYSTEM) the cluster has, and waits until a new session sees them. */
async function setServerParameters(values: { [name: string]: string }): Promise<void> {
  const known = (await root.query('SELECT name FROM pg_settings WHERE name = ANY($1)', [Object.keys(values)])).rows.map((row) => row.name as string);
  for (const name of known) await root.query(`ALTER SYSTEM SET ${name} = '${values[name]}'`);
  await root.query('SELECT pg_reload_conf()');
  for (let pending = known; pending.length > 0;) {
    const client = await live.server.superuser();
    const seen = new Map((await client.query('SELECT name, setting FROM pg_settings WHERE name = ANY($1)', [known])).rows.map((row) => [row.name as string, row.setting as string]));
    await client.end();
    pending = known.filter((name) => seen.get(name)?.toLowerCase() !== values[name].toLowerCase());
  }
}

/** Resets server parameters (ALTER SYSTEM RESET) to the server's defaults, and waits until a new session sees them. */
async function resetServerParameters(names: readonly string[]): Promise<void> {
  for (const name of names) await root.query(`ALTER SYSTEM RESET ${name}`);
  await root.query('SELECT pg_reload_conf()');
  for (let pending = names; pending.length > 0;) {
    const client = await live.server.superuser();
    const rows = (await client.query("SELECT name FROM pg_settings WHERE name = ANY($1) AND source <> 'default'", [names])).rows;
    await client.end();
    pending = rows.map((row) => row.name as string);
  }
}

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string[];
}

async function audit(options: { port?: string; env?: NodeJS.ProcessEnv; token?: AuditEnvironment['token']; json?: boolean; stackDir?: string } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const args = ['audit-roles', options.stackDir ?? live.stackDir, '--host', '127.0.0.1', '--port', options.port ?? String(live.cluster.port), '--user', DBA, ...(options.json === false ? [] : ['--json'])];
  const code = await runAuditRoles(args, { out: (line) => out.push(line), err: (line) => err.push(line) }, {
    env: options.env ?? { PGPASSWORD: ADMIN_PASSWORD, PGSSLMODE: 'disable' },
    token: options.token,
    now: () => new Date('2027-01-01T00:00:00Z'),
  });
  return { code, out: out.join('\n'), err };
}

async function findings(stackDir?: string, port?: string): Promise<{ code: number; findings: string[] }> {
  const run = await audit({ stackDir, port });
  const report = JSON.parse(run.out) as AuditReport;
  return { code: run.code, findings: report.findings.map((f) => `${f.check}: ${f.message}`) };
}

/** What the audit warns of on stderr with PGSSLMODE=disable, as these tests sign in. */
const PASSWORD_IN_CLEAR = 'cdktf-azure-postgres: warning: PGSSLMODE is disable: the connection is not encrypted, so the password (PGPASSWORD) is sent over the network in clear text. Use PGSSLMODE=verify-full (the default).';

/** A TCP relay to the server on 127.0.0.1 that holds back every chunk, both ways, by ms: a server across a network, as Azure is from CI. */
function slowLink(serverPort: number, ms: number): Promise<{ port: number; close: () => void }> {
  const sockets: Socket[] = [];
  const relay = createServer((client) => {
    const server = connect(serverPort, '127.0.0.1');
    sockets.push(client, server);
    for (const [from, to] of [[client, server], [server, client]]) {
      from.on('data', (chunk) => setTimeout(() => to.destroyed || to.write(chunk), ms));
      from.on('end', () => setTimeout(() => to.end(), ms));
      from.on('error', () => to.destroy());
    }
  });
  return new Promise((resolve) => relay.listen(0, '127.0.0.1', () => resolve({
    port: (relay.address() as AddressInfo).port,
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      relay.close();
    },
  })));
}

/** What the audit says of an extension, language, foreign-data wrapper or foreign server the owner level owns in database orders (A72-16). */
function ownerLevelOwns(object: string): string {
  return `owned-by-group-role: Group role "orders_owner", the owner level, owns ${object} in database "orders", which the stack does not declare: its members may drop or replace it for every role (an extension's owner drops pgaudit or pg_cron, and what needs it with CASCADE; a language's or foreign-data wrapper's changes the code behind it; a foreign server's makes user mappings for any role).`;
}

/** The label Azure gives the stack's Entra administrator (database-fixture.ts's serverProps). */
const DBA_LABEL = 'aadauth,oid=66666666-7777-8888-9999-000000000000,type=group,admin';

/** The labels Azure gives the stack's Entra administrator and its Entra roles (database-fixture.ts). */
const AZURE_LABELS: readonly (readonly [string, string])[] = [
  [DBA, DBA_LABEL],
  ['Orders Reporting', 'aadauth,oid=aaaaaaaa-0000-0000-0000-000000000002,type=group'],
  ['migrator@contoso.com', 'aadauth,oid=aaaaaaaa-0000-0000-0000-000000000003,type=user'],
  ['orders_app', 'aadauth,oid=aaaaaaaa-0000-0000-0000-000000000001,type=service'],
];

/** Labels a role: plain PostgreSQL has no pgaadauth label provider, so the superuser writes the label as Azure would. */
async function label(role: string, text: string): Promise<void> {
  await root.query("INSERT INTO pg_shseclabel (objoid, classoid, provider, label) SELECT oid, 'pg_authid'::regclass, 'pgaadauth', $2 FROM pg_roles WHERE rolname = $1", [role, text]);
}

/** Replaces the server's pgaadauth labels with these. */
async function setLabels(labels: readonly (readonly [string, string])[]): Promise<void> {
  await root.query("DELETE FROM pg_shseclabel WHERE provider = 'pgaadauth'");
  for (const [role, text] of labels) await label(role, text);
}

const PGAUDIT_NOT_LOADED = 'pgaudit-log: pgaudit is not loaded on the server (it is not in shared_preload_libraries): it logs nothing, whatever its extensions and pgaudit.log say.';

/** What the audit says of a clean server: nothing, or only that pgaudit is missing where it is not installed. */
function cleanFindings(): string[] {
  return live.withoutPgaudit ? ['missing-pgaudit: Database "orders" has no pgaudit extension.', PGAUDIT_NOT_LOADED] : [];
}

describe('on a server that matches the stack', () => {
  test('the audit is quiet and exits 0', async () => {
    expect(await findings()).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
  });

  test('the Markdown report says so', async () => {
    const run = await audit({ json: false });
    if (live.withoutPgaudit) return;
    expect(run.out).toMatch(/^# Role audit: cdktf-azure-postgres-stack-\w+ on 127\.0\.0\.1\n/);
    expect(run.out).toContain(`as \`${DBA}\`; databases: \`orders\``);
    expect(run.out).toContain('No drift: the live server matches what the stack declares.');
  });

  test('the audit changes nothing on the server', async () => {
    const state = async () => (await root.query(`SELECT
      (SELECT array_agg(rolname || rolcanlogin || rolcreaterole || coalesce(rolvaliduntil::text, '') ORDER BY rolname) FROM pg_roles) AS roles,
      (SELECT array_agg(roleid::text || '/' || member::text ORDER BY roleid, member) FROM pg_auth_members) AS members,
      (SELECT datacl::text FROM pg_database WHERE datname = 'orders') AS acl`)).rows[0];
    const before = await state();
    await audit();
    expect(await state()).toEqual(before);
  });
});

describe('each planted drift is reported (exit 1), and the audit is quiet again once it is undone', () => {
  afterEach(async () => {
    expect(await findings()).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
  });

  test('a rogue role with CREATEROLE, and a declared role given CREATEDB', async () => {
    await root.query('CREATE ROLE rogue NOLOGIN CREATEROLE');
    await root.query('ALTER ROLE orders_app CREATEDB');
    const result = await findings();
    await root.query('DROP ROLE rogue');
    await root.query('ALTER ROLE orders_app NOCREATEDB');
    expect(result).toEqual({ code: 1, findings: [
      'dangerous-attribute: Role "orders_app" has CREATEDB.',
      'dangerous-attribute: Role "rogue" has CREATEROLE.',
      ...cleanFindings(),
    ] });
  });

  test('an operator the owner level makes in schema public to stand in for a built-in hides no drift (92nd run, A92b-2)', async () => {
    await rootOrders.query('SET ROLE orders_owner');
    await rootOrders.query('GRANT SELECT, UPDATE ON public.secrets TO PUBLIC');
    // An exact-type match on the default search path wins over pg_catalog's oid = oid (CVE-2018-1058's pattern).
    await rootOrders.query('CREATE FUNCTION public.oid_eq_int(oid, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT false $$');
    await rootOrders.query('CREATE OPERATOR public.= (LEFTARG = oid, RIGHTARG = integer, FUNCTION = public.oid_eq_int)');
    await rootOrders.query('RESET ROLE');
    const result = await findings();
    await rootOrders.query('DROP OPERATOR public.= (oid, integer)');
    await rootOrders.query('DROP FUNCTION public.oid_eq_int(oid, integer)');
    await rootOrders.query('REVOKE SELECT, UPDATE ON public.secrets FROM PUBLIC');
    expect(result).toEqual({ code: 1, findings: expect.arrayContaining([
      'public-privilege: PUBLIC holds SELECT, UPDATE on table "public.secrets" in database "orders".',
    ]) });
  });

  test('standard_conforming_strings off for the database or the auditing role hides no schema named pg... (92nd run, A92d-2)', async () => {
    await rootOrders.query('CREATE SCHEMA pgstash');
    await rootOrders.query('GRANT USAGE, CREATE ON SCHEMA pgstash TO PUBLIC');
    const plain = await findings();
    await root.query('ALTER DATABASE orders SET standard_conforming_strings = off');
    const database = await findings();
    await root.query('ALTER DATABASE orders RESET standard_conforming_strings');
    await root.query(`ALTER ROLE "${DBA}" SET standard_conforming_strings = off`);
    const role = await findings();
    await root.query(`ALTER ROLE "${DBA}" RESET standard_conforming_strings`);
    await rootOrders.query('DROP SCHEMA pgstash');
    expect(plain).toEqual({ code: 1, findings: expect.arrayContaining(['public-privilege: PUBLIC holds CREATE, USAGE on schema "pgstash" in database "orders".']) });
    expect(database).toEqual(plain);
    expect(role).toEqual(plain);
  });

  test('an aggregate over a SECURITY DEFINER function, and a SECURITY DEFINER trigger, run the owner level\'s rights for others (92nd run, A92d-1)', async () => {
    await rootOrders.query('SET ROLE orders_owner');
    await rootOrders.query('CREATE FUNCTION public.step(s text, q text) RETURNS text LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN EXECUTE q; RETURN s; END $$');
    await rootOrders.query('REVOKE ALL ON FUNCTION public.step(text, text) FROM PUBLIC, orders_readonly, orders_readwrite');
    await rootOrders.query("CREATE AGGREGATE public.run(text) (SFUNC = public.step, STYPE = text, INITCOND = '')");
    await rootOrders.query('CREATE TABLE public.jobs (q text)');
    await rootOrders.query('CREATE FUNCTION public.jobs_run() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN EXECUTE NEW.q; RETURN NULL; END $$');
    await rootOrders.query('REVOKE ALL ON FUNCTION public.jobs_run() FROM PUBLIC, orders_readonly, orders_readwrite');
    await rootOrders.query('CREATE TRIGGER jobs_run AFTER INSERT ON public.jobs FOR EACH ROW EXECUTE FUNCTION public.jobs_run()');
    await rootOrders.query('RESET ROLE');
    const result = await findings();
    await rootOrders.query('DROP TABLE public.jobs');
    await rootOrders.query('DROP FUNCTION public.jobs_run()');
    await rootOrders.query('DROP AGGREGATE public.run(text)');
    await rootOrders.query('DROP FUNCTION public.step(text, text)');
    expect(result).toEqual({ code: 1, findings: expect.arrayContaining([
      'public-privilege: PUBLIC holds EXECUTE on aggregate over a security definer function "public.run(text)" in database "orders".',
      'definer-execute: Role "orders_readwrite" fires SECURITY DEFINER trigger function "public.jobs_run() of trigger jobs_run on public.jobs" when it writes the table in database "orders", which runs with the rights of its owner "orders_owner".',
    ]) });
  });

  test('a SECURITY DEFINER trigger on a partition, or on the table under an updatable view, fires for who writes the parent or the view (93rd run, A93a-5)', async () => {
    await rootOrders.query('SET ROLE orders_owner');
    await rootOrders.query("CREATE FUNCTION public.def_trg() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN IF NEW.q LIKE 'GRANT%' THEN EXECUTE NEW.q; END IF; RETURN NEW; END $$");
    await rootOrders.query('REVOKE ALL ON FUNCTION public.def_trg() FROM PUBLIC, orders_readonly, orders_readwrite');
    await rootOrders.query('CREATE TABLE public.jobs (id int, q text) PARTITION BY RANGE (id)');
    await rootOrders.query('CREATE TABLE public.jobs_p1 PARTITION OF public.jobs FOR VALUES FROM (0) TO (100)');
    await rootOrders.query('CREATE TRIGGER t BEFORE INSERT ON public.jobs_p1 FOR EACH ROW EXECUTE FUNCTION public.def_trg()');
    await rootOrders.query('REVOKE ALL ON public.jobs_p1 FROM orders_readonly, orders_readwrite');
    await rootOrders.query('CREATE TABLE public.base (q text)');
    await rootOrders.query('CREATE TRIGGER t BEFORE INSERT ON public.base FOR EACH ROW EXECUTE FUNCTION public.def_trg()');
    await rootOrders.query('REVOKE ALL ON public.base FROM orders_readonly, orders_readwrite');
    await rootOrders.query('CREATE VIEW public.base_v AS SELECT q FROM public.base');
    // A table the role writes itself is named without the way round.
    await rootOrders.query('CREATE VIEW public.orders_v AS SELECT item FROM public.orders');
    await rootOrders.query('CREATE TRIGGER t BEFORE INSERT ON public.orders FOR EACH ROW EXECUTE FUNCTION public.def_trg()');
    await rootOrders.query('RESET ROLE');
    const result = await findings();
    await rootOrders.query('DROP TRIGGER t ON public.orders; DROP VIEW public.orders_v');
    await rootOrders.query('DROP TABLE public.jobs; DROP VIEW public.base_v; DROP TABLE public.base; DROP FUNCTION public.def_trg()');
    expect(result).toEqual({ code: 1, findings: [...cleanFindings(),
      'definer-execute: Role "orders_readwrite" fires SECURITY DEFINER trigger function "public.def_trg() of trigger t on public.base (written through a parent, view, rule or foreign key action)" when it writes the table in database "orders", which runs with the rights of its owner "orders_owner".',
      'definer-execute: Role "orders_readwrite" fires SECURITY DEFINER trigger function "public.def_trg() of trigger t on public.jobs_p1 (written through a parent, view, rule or foreign key action)" when it writes the table in database "orders", which runs with the rights of its owner "orders_owner".',
      'definer-execute: Role "orders_readwrite" fires SECURITY DEFINER trigger function "public.def_trg() of trigger t on public.orders" when it writes the table in database "orders", which runs with the rights of its owner "orders_owner".',
    ] });
  });

  test('a foreign key action writes the referencing table as its owner: its BEFORE trigger and its check constraint\'s function run with the owner\'s rights for who writes the referenced table (93rd run, A93a-2)', async () => {
    await rootOrders.query('SET ROLE orders_owner');
    await rootOrders.query('CREATE TABLE public.parent (k text PRIMARY KEY)');
    await rootOrders.query("CREATE FUNCTION public.valid_key(q text) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN IF q LIKE 'GRANT%' THEN EXECUTE q; END IF; RETURN true; END $$");
    await rootOrders.query('CREATE TABLE public.child (k text REFERENCES public.parent (k) ON UPDATE CASCADE CHECK (public.valid_key(k)))');
    await rootOrders.query("CREATE FUNCTION public.child_log() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.k LIKE 'GRANT%' THEN EXECUTE NEW.k; END IF; RETURN NEW; END $$");
    await rootOrders.query('CREATE TRIGGER child_log BEFORE UPDATE ON public.child FOR EACH ROW EXECUTE FUNCTION public.child_log()');
    // ON DELETE SET NULL updates the referencing rows: an AFTER trigger fires later, as the writer, and is not reported.
    await rootOrders.query('CREATE TABLE public.note (k text REFERENCES public.parent (k) ON DELETE SET NULL)');
    await rootOrders.query('CREATE TRIGGER note_log AFTER UPDATE ON public.note FOR EACH ROW EXECUTE FUNCTION public.child_log()');
    await rootOrders.query('RESET ROLE');
    const result = await findings();
    await rootOrders.query('DROP TABLE public.note, public.child, public.parent');
    await rootOrders.query('DROP FUNCTION public.valid_key(text), public.child_log()');
    const run = (object: string) => `definer-execute: Role "orders_readwrite" runs function "${object}" in database "orders" when it writes the referenced table: the foreign key action writes the referencing table as its owner, and the function runs with the rights of "orders_owner".`;
    expect(result).toEqual({ code: 1, findings: [...cleanFindings(),
      run('public.child_log() of trigger child_log on public.child (written by the foreign key action of public.parent)'),
      run('public.valid_key(q text) of check constraint child_k_check on public.child (written by the foreign key action of public.parent)'),
    ] });
  });

  test('a SECURITY DEFINER function PUBLIC may execute in database postgres, which every login may connect to (92nd run, A92d-4)', async () => {
    await root.query('CREATE FUNCTION public.adm(q text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN EXECUTE q; END $$');
    await root.query(`ALTER FUNCTION public.adm(text) OWNER TO "${DBA}"`);
    const result = await findings();
    await root.query('DROP FUNCTION public.adm(text)');
    expect(result).toEqual({ code: 1, findings: expect.arrayContaining([
      `public-privilege: PUBLIC holds EXECUTE on security definer function "public.adm(q text)" in database "postgres", which the stack does not manage but its roles may connect to: it runs with the rights of its owner "${DBA}" for every role.`,
    ]) });
  });

  describe('the code a foreign key action runs as the referencing table\'s owner (94th run, A94a-1, A94a-4, A94a-5)', () => {
    const run = (object: string, role = 'orders_readwrite') => `definer-execute: Role "${role}" runs function "${object}" in database "orders" when it writes the referenced table: the foreign key action writes the referencing table as its owner, and the function runs with the rights of "orders_owner".`;
    const of = (part: string, on = 'public.child') => `public.runq(q text) of ${part} on ${on} (written by the foreign key action of public.parent)`;
    /** Findings with the referencing table `child` made by `sql` (as orders_owner, after parent and runq), then removed. */
    async function withChild(sql: string[]): Promise<{ code: number; findings: string[] }> {
      await rootOrders.query('SET ROLE orders_owner');
      await rootOrders.query('CREATE TABLE public.parent (k text PRIMARY KEY)');
      await rootOrders.query("CREATE FUNCTION public.runq(q text) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN IF q LIKE 'GRANT%' THEN EXECUTE q; END IF; RETURN true; END $$");
      try {
        for (const statement of sql) await rootOrders.query(statement);
        await rootOrders.query('RESET ROLE');
        return await findings();
      } finally {
        await rootOrders.query('RESET ROLE');
        await rootOrders.query('DROP VIEW IF EXISTS public.log_v CASCADE; DROP TABLE IF EXISTS public.requests, public.log, public.child, public.note; DROP TABLE public.parent CASCADE; DROP FUNCTION public.runq(text) CASCADE');
        await rootOrders.query('DROP DOMAIN IF EXISTS public.fk_d2; DROP DOMAIN IF EXISTS public.fk_d1; DROP FUNCTION IF EXISTS public.fk_opfn(text, text) CASCADE');
      }
    }

    test('a WHEN clause of an AFTER trigger, or of a BEFORE trigger whose function is built-in', async () => {
      expect(await withChild([
        'CREATE TABLE public.child (k text REFERENCES public.parent (k) ON UPDATE CASCADE)',
        'CREATE FUNCTION public.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$',
        'CREATE TRIGGER child_audit AFTER UPDATE ON public.child FOR EACH ROW WHEN (public.runq(NEW.k)) EXECUTE FUNCTION public.noop()',
        'CREATE TRIGGER child_dedup BEFORE UPDATE ON public.child FOR EACH ROW WHEN (public.runq(OLD.k)) EXECUTE FUNCTION pg_catalog.suppress_redundant_updates_trigger()',
      ])).toEqual({ code: 1, findings: [...cleanFindings(), run(of('trigger child_audit')), run(of('trigger child_dedup'))] });
      await rootOrders.query('DROP FUNCTION public.noop()');
    });

    test('an operator, a domain over a domain and a rule', async () => {
      expect(await withChild([
        'CREATE FUNCTION public.fk_opfn(a text, b text) RETURNS boolean LANGUAGE sql AS $$ SELECT public.runq(a) $$',
        'CREATE OPERATOR public.=== (LEFTARG = text, RIGHTARG = text, FUNCTION = public.fk_opfn)',
        'CREATE DOMAIN public.fk_d1 AS text CHECK (public.runq(VALUE))',
        'CREATE DOMAIN public.fk_d2 AS public.fk_d1',
        "CREATE TABLE public.child (k public.fk_d2 REFERENCES public.parent (k) ON UPDATE CASCADE CHECK (k OPERATOR(public.===) 'x'))",
        'CREATE TABLE public.log (ok boolean)',
        'CREATE RULE child_log AS ON UPDATE TO public.child DO ALSO INSERT INTO public.log VALUES (public.runq(NEW.k))',
      ])).toEqual({ code: 1, findings: [...cleanFindings(),
        run('public.fk_opfn(a text, b text) of check constraint child_k_check on public.child (written by the foreign key action of public.parent)'),
        run(of('rule child_log')),
        run(of('type of column k')),
      ] });
    });

    test('SQL in a string to a built-in that runs it', async () => {
      const result = await withChild([
        "CREATE TABLE public.child (k text REFERENCES public.parent (k) ON UPDATE CASCADE CHECK (pg_catalog.query_to_xml('SELECT public.runq(' || pg_catalog.quote_literal(k) || ')', true, false, '') IS NOT NULL))",
      ]);
      expect(result).toEqual({ code: 1, findings: [...cleanFindings(), expect.stringMatching(/^definer-execute: Role "orders_readwrite" runs function "pg_catalog\.query_to_xml\(query text, .*\) of check constraint child_k_check on public\.child/)] });
    });

    test('SQL in a string, or a relation, schema or database whose queries run, to any function that runs it: PostgreSQL\'s xml and text search functions, dblink and tablefunc (96th run, A96a-1)', async () => {
      await rootOrders.query('CREATE EXTENSION dblink; CREATE EXTENSION tablefunc');
      const sql = "'SELECT public.runq(' || pg_catalog.quote_literal(k) || ')'";
      const checks = [
        `pg_catalog.query_to_xml(${sql}, true, false, '')`, `pg_catalog.query_to_xmlschema(${sql}, true, false, '')`,
        `pg_catalog.query_to_xml_and_xmlschema(${sql}, true, false, '')`,
        "pg_catalog.cursor_to_xml('c'::refcursor, 1, true, false, '')", "pg_catalog.cursor_to_xmlschema('c'::refcursor, true, false, '')",
        "pg_catalog.table_to_xml('public.runs'::regclass, true, false, '')", "pg_catalog.table_to_xmlschema('public.runs'::regclass, true, false, '')",
        "pg_catalog.table_to_xml_and_xmlschema('public.runs'::regclass, true, false, '')",
        "pg_catalog.schema_to_xml('public', true, false, '')", "pg_catalog.schema_to_xmlschema('public', true, false, '')",
        "pg_catalog.schema_to_xml_and_xmlschema('public', true, false, '')",
        "pg_catalog.database_to_xml(true, false, '')", "pg_catalog.database_to_xmlschema(true, false, '')",
        "pg_catalog.database_to_xml_and_xmlschema(true, false, '')",
        "pg_catalog.ts_rewrite('a'::tsquery, 'SELECT ''a''::tsquery, ''b''::tsquery FROM public.runq(' || pg_catalog.quote_literal(k) || ') z')",
        `public.dblink_exec(${sql})`, `public.dblink_send_query('c', ${sql})`, `public.dblink_open('c', ${sql})`,
      ];
      // Functions that return rows cannot be called by a check: a rule runs them.
      const rules = [
        `pg_catalog.ts_stat(${sql})`, `public.dblink(${sql}) AS t (ok boolean)`,
        `public.crosstab(${sql}) AS t (a text, b text)`, `public.crosstab2(${sql})`, `public.crosstab3(${sql})`, `public.crosstab4(${sql})`,
        "public.connectby('public.runs', 'public.runq(''x'')', 'k', 'x', 1) AS t (k text, p text, level int)",
      ];
      let result: { code: number; findings: string[] };
      try {
        result = await withChild([
          "CREATE VIEW public.runs AS SELECT q.k, public.runq(q.k) AS ok FROM (VALUES ('x')) q (k)",
          'CREATE TABLE public.child (k text REFERENCES public.parent (k) ON UPDATE CASCADE)',
          ...checks.map((call) => `ALTER TABLE public.child ADD CHECK (${call} IS NOT NULL)`),
          ...rules.map((call, i) => `CREATE RULE runs_${i} AS ON UPDATE TO public.child DO ALSO SELECT * FROM ${call.replace(/\bk\)/g, 'NEW.k)')}`),
        ]);
      } finally {
        await rootOrders.query('DROP EXTENSION tablefunc; DROP EXTENSION dblink');
      }
      const names = (result.findings.map((line) => /^definer-execute: Role "orders_readwrite" runs function "\w+\.(\w+)\(.* on public\.child \(written by the foreign key action of public\.parent\)"/.exec(line)?.[1]).filter((name) => name));
      expect(result.code).toBe(1);
      expect([...new Set(names)].sort()).toEqual(['connectby', 'crosstab', 'crosstab2', 'crosstab3', 'crosstab4', 'cursor_to_xml', 'cursor_to_xmlschema',
        'database_to_xml', 'database_to_xml_and_xmlschema', 'database_to_xmlschema', 'dblink', 'dblink_exec', 'dblink_open', 'dblink_send_query',
        'query_to_xml', 'query_to_xml_and_xmlschema', 'query_to_xmlschema', 'schema_to_xml', 'schema_to_xml_and_xmlschema', 'schema_to_xmlschema',
        'table_to_xml', 'table_to_xml_and_xmlschema', 'table_to_xmlschema', 'ts_rewrite', 'ts_stat']);
    });

    test('SQL in a string to pg_cron, whose job runs it later as the role that scheduled it', async () => {
      // .ci/run installs Debian's postgresql-<major>-cron: without it this test cannot run, and says so.
      if (!live.cluster.pgCron) throw new Error(`pg_cron is not installed: apt-get install postgresql-${live.cluster.major}-cron, as .ci/run does`);
      // The auditor reads the jobs (unread, they would leave the audit incomplete: A72-21).
      await rootOrders.query(`CREATE EXTENSION pg_cron; GRANT USAGE ON SCHEMA cron TO orders_owner, "${DBA}"; GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA cron TO orders_owner`);
      const sql = "'SELECT public.runq(' || pg_catalog.quote_literal(k) || ')'";
      let result: { code: number; findings: string[] };
      try {
        result = await withChild([
          'CREATE TABLE public.child (k text REFERENCES public.parent (k) ON UPDATE CASCADE)',
          `ALTER TABLE public.child ADD CHECK (cron.schedule('j', '* * * * *', ${sql}) > 0)`,
          `ALTER TABLE public.child ADD CHECK (cron.schedule_in_database('j', '* * * * *', ${sql}, 'orders') > 0)`,
          `ALTER TABLE public.child ADD CHECK (cron.alter_job(1, NULL, ${sql}) IS NULL)`,
        ]);
      } finally {
        await rootOrders.query('DROP EXTENSION pg_cron');
      }
      const names = (result.findings.map((line) => /^definer-execute: Role "orders_readwrite" runs function "cron\.(\w+)\(.* on public\.child \(written by the foreign key action of public\.parent\)"/.exec(line)?.[1]).filter((name) => name));
      expect(result.code).toBe(1);
      expect([...new Set(names)].sort()).toEqual(['alter_job', 'schedule', 'schedule_in_database']);
    });

    describe('an INSERT the foreign key action makes runs that table\'s INSERT code as the owner (96th run, A96c-1)', () => {
      const trigger = 'CREATE FUNCTION public.fk_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM public.runq(NEW.k); RETURN NEW; END $$';
      afterEach(async () => rootOrders.query('DROP FUNCTION IF EXISTS public.fk_ins() CASCADE'));

      test('a row the cascaded UPDATE moves to another partition: that partition\'s BEFORE INSERT trigger, not its defaults', async () => {
        expect(await withChild([
          "CREATE TABLE public.child (k text REFERENCES public.parent (k) ON UPDATE CASCADE, at text DEFAULT public.runq('y')::text) PARTITION BY LIST (k)",
          "CREATE TABLE public.child_seed PARTITION OF public.child FOR VALUES IN ('seed')",
          'CREATE TABLE public.child_rest PARTITION OF public.child DEFAULT',
          trigger,
          'CREATE TRIGGER ins BEFORE INSERT ON public.child_rest FOR EACH ROW EXECUTE FUNCTION public.fk_ins()',
        ])).toEqual({ code: 1, findings: [...cleanFindings(), run('public.fk_ins() of trigger ins on public.child_rest (written by the foreign key action of public.parent)')] });
      });

      test('a rule\'s INSERT into another table: its BEFORE INSERT trigger and its defaults; an AFTER INSERT trigger fires later, as the writer', async () => {
        expect(await withChild([
          'CREATE TABLE public.child (k text REFERENCES public.parent (k) ON UPDATE CASCADE)',
          "CREATE TABLE public.log (k text, at text DEFAULT public.runq('x')::text)",
          trigger,
          'CREATE TRIGGER ins BEFORE INSERT ON public.log FOR EACH ROW EXECUTE FUNCTION public.fk_ins()',
          'CREATE TRIGGER later AFTER INSERT ON public.log FOR EACH ROW EXECUTE FUNCTION public.fk_ins()',
          'CREATE RULE child_log AS ON UPDATE TO public.child DO ALSO INSERT INTO public.log (k) VALUES (NEW.k)',
        ])).toEqual({ code: 1, findings: [...cleanFindings(),
          run('public.fk_ins() of trigger ins on public.log (written by a foreign key action)'),
          run('public.runq(q text) of default of column at on public.log (written by a foreign key action)'),
        ] });
      });

      test('a rule\'s INSERT into a view: its INSTEAD OF trigger runs at once, as the owner (96th run, A96d-1)', async () => {
        expect(await withChild([
          'CREATE TABLE public.child (k text REFERENCES public.parent (k) ON UPDATE CASCADE)',
          'CREATE TABLE public.log (k text)',
          'CREATE VIEW public.log_v AS SELECT k FROM public.log',
          trigger,
          'CREATE TRIGGER ins INSTEAD OF INSERT ON public.log_v FOR EACH ROW EXECUTE FUNCTION public.fk_ins()',
          'CREATE RULE child_log AS ON UPDATE TO public.child DO ALSO INSERT INTO public.log_v VALUES (NEW.k)',
        ])).toEqual({ code: 1, findings: [...cleanFindings(), run('public.fk_ins() of trigger ins on public.log_v (written by a foreign key action)')] });
      });

      test('a rule\'s INSERT into a view WITH CHECK OPTION: the view\'s conditions run as the owner (96th run, A96d-3)', async () => {
        expect(await withChild([
          'CREATE TABLE public.child (k text REFERENCES public.parent (k) ON UPDATE CASCADE)',
          'CREATE TABLE public.log (k text)',
          'CREATE VIEW public.log_v AS SELECT k FROM public.log WHERE public.runq(k) WITH CHECK OPTION',
          'CREATE RULE child_log AS ON UPDATE TO public.child DO ALSO INSERT INTO public.log_v VALUES (NEW.k)',
        ])).toEqual({ code: 1, findings: [...cleanFindings(), run('public.runq(q text) of view query on public.log_v (written by a foreign key action)')] });
      });
    });

    test('an INSERT a rule turns into an UPDATE of the referenced table', async () => {
      expect(await withChild([
        'CREATE TABLE public.child (k text REFERENCES public.parent (k) ON UPDATE CASCADE CHECK (public.runq(k)))',
        'CREATE TABLE public.requests (k text)',
        "CREATE RULE rename AS ON INSERT TO public.requests DO INSTEAD UPDATE public.parent SET k = NEW.k WHERE parent.k = 'seed'",
        'REVOKE UPDATE, DELETE, TRUNCATE ON public.requests FROM orders_readwrite',
        'REVOKE ALL ON public.parent, public.child FROM orders_readwrite, orders_readonly',
      ])).toEqual({ code: 1, findings: [...cleanFindings(), run(of('check constraint child_k_check'))] });
    });

    test('a cascaded DELETE runs no UPDATE trigger nor default; a SET DEFAULT action runs the defaults', async () => {
      expect(await withChild([
        "CREATE TABLE public.child (k text REFERENCES public.parent (k) ON DELETE CASCADE, at text DEFAULT public.runq('x')::text, id bigint DEFAULT pg_catalog.txid_current())",
        'CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM public.runq(NEW.k); RETURN NEW; END $$',
        'CREATE TRIGGER touch BEFORE UPDATE ON public.child FOR EACH ROW EXECUTE FUNCTION public.touch()',
        // ON DELETE SET DEFAULT writes the defaults.
        "CREATE TABLE public.note (k text DEFAULT public.runq('y')::text REFERENCES public.parent (k) ON DELETE SET DEFAULT)",
      ])).toEqual({ code: 1, findings: [...cleanFindings(), run("public.runq(q text) of default of column k on public.note (written by the foreign key action of public.parent)")] });
      await rootOrders.query('DROP FUNCTION public.touch()');
    });

    test('a chain of 400 tables linked by cascading foreign keys, and a cycle, are read within the statement timeout (94th run, A94a-2)', async () => {
      expect(await withChild([
        "DO $$ BEGIN CREATE TABLE fk_c0 (k text PRIMARY KEY); FOR i IN 1..400 LOOP EXECUTE format('CREATE TABLE public.fk_c%s (k text PRIMARY KEY REFERENCES public.fk_c%s (k) ON UPDATE CASCADE ON DELETE CASCADE)', i, i - 1); END LOOP; END $$",
        'ALTER TABLE public.fk_c0 ADD FOREIGN KEY (k) REFERENCES public.fk_c400 (k) ON UPDATE CASCADE',
        'ALTER TABLE public.fk_c400 ADD CHECK (public.runq(k))',
      ])).toEqual({ code: 1, findings: [...cleanFindings(), run('public.runq(q text) of check constraint fk_c400_k_check on public.fk_c400 (written by the foreign key action of public.fk_c399)')] });
      await rootOrders.query("DO $$ BEGIN FOR i IN 0..400 LOOP EXECUTE format('DROP TABLE IF EXISTS public.fk_c%s CASCADE', i); END LOOP; END $$");
    });
  });

  test('a SECURITY DEFINER trigger function in a session\'s pg_temp fires for every writer (94th run, A94a-3)', async () => {
    await rootOrders.query('SET ROLE orders_owner');
    await rootOrders.query('CREATE TABLE public.jobs (q text)');
    await rootOrders.query("CREATE FUNCTION pg_temp.def_trg() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN IF NEW.q LIKE 'GRANT%' THEN EXECUTE NEW.q; END IF; RETURN NEW; END $$");
    await rootOrders.query('CREATE TRIGGER t BEFORE INSERT ON public.jobs FOR EACH ROW EXECUTE FUNCTION pg_temp.def_trg()');
    await rootOrders.query('RESET ROLE');
    const result = await findings();
    await rootOrders.query('DROP TABLE public.jobs');
    await rootOrders.query('DROP FUNCTION pg_temp.def_trg()');
    // PUBLIC may EXECUTE it too, as on any function unless revoked (96th run, A96c-3).
    expect(result).toEqual({ code: 1, findings: [...cleanFindings(),
      expect.stringMatching(/^public-privilege: PUBLIC holds EXECUTE on security definer function "pg_temp_\d+\.def_trg\(\)" in database "orders"\.$/),
      expect.stringMatching(/^definer-execute: Role "orders_readwrite" fires SECURITY DEFINER trigger function "pg_temp_\d+\.def_trg\(\) of trigger t on public\.jobs" when it writes the table in database "orders", which runs with the rights of its owner "orders_owner"\.$/),
    ] });
  });

  test('a SECURITY DEFINER function in a session\'s pg_temp that PUBLIC or a role may execute: another session runs it by OID, through an operator (96th run, A96c-3)', async () => {
    await rootOrders.query('SET ROLE orders_owner');
    await rootOrders.query("CREATE FUNCTION pg_temp.adm(q text, b int) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN EXECUTE q; RETURN true; END $$");
    await rootOrders.query("CREATE FUNCTION pg_temp.adm_ro(q text) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN EXECUTE q; RETURN true; END $$");
    await rootOrders.query('REVOKE ALL ON FUNCTION pg_temp.adm_ro(text) FROM PUBLIC');
    await rootOrders.query('GRANT EXECUTE ON FUNCTION pg_temp.adm_ro(text) TO orders_readonly');
    await rootOrders.query('RESET ROLE');
    const result = await findings();
    await rootOrders.query('DROP FUNCTION pg_temp.adm(text, int), pg_temp.adm_ro(text)');
    expect(result).toEqual({ code: 1, findings: [...cleanFindings(),
      expect.stringMatching(/^public-privilege: PUBLIC holds EXECUTE on security definer function "pg_temp_\d+\.adm\(q text, b integer\)" in database "orders"\.$/),
      expect.stringMatching(/^definer-execute: Role "orders_readonly" may execute SECURITY DEFINER function "pg_temp_\d+\.adm_ro\(q text\)" in database "orders", which runs with the rights of its owner "orders_owner"\.$/),
    ] });
  });

  test('an event trigger fires for every role\'s DDL: its SECURITY DEFINER function, or an invoker one a role of the stack owns and may replace (96th run, A96c-2)', async () => {
    await rootOrders.query('CREATE FUNCTION public.ddl_log() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN NULL; END $$');
    await rootOrders.query('REVOKE ALL ON FUNCTION public.ddl_log() FROM PUBLIC');
    await rootOrders.query(`ALTER FUNCTION public.ddl_log() OWNER TO "${DBA}"`);
    await rootOrders.query('CREATE FUNCTION public.ddl_note() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$');
    await rootOrders.query('ALTER FUNCTION public.ddl_note() OWNER TO orders_owner');
    // Controls: a disabled event trigger fires for no one; an invoker function of the event trigger's own owner runs as each role.
    await rootOrders.query('CREATE FUNCTION public.ddl_quiet() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$');
    await rootOrders.query('CREATE EVENT TRIGGER ddl_log ON ddl_command_end EXECUTE FUNCTION public.ddl_log()');
    await rootOrders.query('CREATE EVENT TRIGGER ddl_note ON ddl_command_start EXECUTE FUNCTION public.ddl_note()');
    await rootOrders.query('CREATE EVENT TRIGGER ddl_quiet ON sql_drop EXECUTE FUNCTION public.ddl_quiet()');
    await rootOrders.query('CREATE EVENT TRIGGER ddl_off ON ddl_command_end EXECUTE FUNCTION public.ddl_note()');
    await rootOrders.query('ALTER EVENT TRIGGER ddl_off DISABLE');
    const result = await findings();
    await rootOrders.query('DROP EVENT TRIGGER ddl_log; DROP EVENT TRIGGER ddl_note; DROP EVENT TRIGGER ddl_quiet; DROP EVENT TRIGGER ddl_off');
    await rootOrders.query('DROP FUNCTION public.ddl_log(), public.ddl_note(), public.ddl_quiet()');
    expect(result).toEqual({ code: 1, findings: [...cleanFindings(),
      `definer-execute: Every role fires SECURITY DEFINER event trigger function "public.ddl_log() of event trigger ddl_log" with any DDL command (a CREATE TEMP TABLE is one) in database "orders", which runs with the rights of its owner "${DBA}".`,
      'definer-execute: Role "orders_owner" owns function "public.ddl_note() of event trigger ddl_note", which runs for every role\'s DDL command in database "orders": it may replace the function and run its code with the rights of whoever runs DDL there, the event trigger\'s owner "azuresu" among them.',
    ] });
  });

  test('a subscription writes its tables as its owner: before PostgreSQL 16 the code a table\'s owner gives it runs with those rights (96th run, A96c-4)', async () => {
    await root.query('CREATE TABLE public.feed (k text); CREATE TABLE public.feed_own (k text)');
    await root.query('CREATE PUBLICATION feed_pub FOR TABLE public.feed, public.feed_own');
    await rootOrders.query('CREATE TABLE public.feed (k text); CREATE TABLE public.feed_own (k text)');
    await rootOrders.query('ALTER TABLE public.feed OWNER TO orders_owner');
    const { port, superuserPassword } = live.cluster;
    // Made without a slot nor a worker: the catalog is what the audit reads.
    await rootOrders.query(`CREATE SUBSCRIPTION feed_sub CONNECTION 'host=127.0.0.1 port=${port} dbname=postgres user=${SUPERUSER} password=${superuserPassword}' PUBLICATION feed_pub WITH (create_slot = false, enabled = false, slot_name = NONE)`);
    let result: { code: number; findings: string[] };
    try {
      result = await findings();
    } finally {
      await rootOrders.query('DROP SUBSCRIPTION feed_sub; DROP TABLE public.feed, public.feed_own');
      await root.query('DROP PUBLICATION feed_pub; DROP TABLE public.feed, public.feed_own');
    }
    // Control: feed_own, the subscription owner's own table, runs no one else's code.
    expect(result).toEqual(live.cluster.major >= 16 ? { code: 0, findings: cleanFindings() } : { code: 1, findings: [...cleanFindings(),
      `definer-execute: Subscription table "public.feed of subscription feed_sub" in database "orders" is written as the subscription's owner "${SUPERUSER}": before PostgreSQL 16 the code its owner "orders_owner" gives the table (an ENABLE ALWAYS or REPLICA trigger, a default, a check, an index expression), now or later, runs with the rights of "${SUPERUSER}". Make the table's owner the subscription's, or upgrade and keep run_as_owner off.`,
    ] });
  });

  test('a function an event trigger\'s function calls by name that a role of the stack owns runs its code as whoever runs DDL (96th run, A96d-2)', async () => {
    await rootOrders.query("CREATE FUNCTION public.ddl_hook(tag text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN NULL; END $$");
    await rootOrders.query('ALTER FUNCTION public.ddl_hook(text) OWNER TO orders_owner');
    // A SECURITY DEFINER one too: its owner may replace it with an invoker's (adversarial run of stop 68, e01).
    await rootOrders.query("CREATE FUNCTION public.ddl_sd() RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN NULL; END $$");
    await rootOrders.query('ALTER FUNCTION public.ddl_sd() OWNER TO orders_owner; REVOKE EXECUTE ON FUNCTION public.ddl_sd() FROM PUBLIC');
    await rootOrders.query('CREATE FUNCTION public.ddl_call() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM public."ddl_hook" (tg_tag); PERFORM public.ddl_sd(); PERFORM pg_catalog.now(); END $$');
    // Control: a function of the event trigger's owner that the body does not call.
    await rootOrders.query("CREATE FUNCTION public.ddl_unused(tag text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN NULL; END $$");
    await rootOrders.query('ALTER FUNCTION public.ddl_unused(text) OWNER TO orders_owner');
    await rootOrders.query('CREATE EVENT TRIGGER ddl_call ON ddl_command_end EXECUTE FUNCTION public.ddl_call()');
    const result = await findings();
    await rootOrders.query('DROP EVENT TRIGGER ddl_call; DROP FUNCTION public.ddl_call(), public.ddl_hook(text), public.ddl_unused(text), public.ddl_sd()');
    expect(result).toEqual({ code: 1, findings: [...cleanFindings(),
      `definer-execute: Role "orders_owner" owns function "public.ddl_hook(tag text) called by public.ddl_call() of event trigger ddl_call", which runs for every role's DDL command in database "orders": it may replace the function and run its code with the rights of whoever runs DDL there, the event trigger's owner "${SUPERUSER}" among them.`,
      `definer-execute: Role "orders_owner" owns function "public.ddl_sd() called by public.ddl_call() of event trigger ddl_call", which runs for every role's DDL command in database "orders": it may replace the function and run its code with the rights of whoever runs DDL there, the event trigger's owner "${SUPERUSER}" among them.`,
    ] });
  });

  test('an event trigger added to an extension is judged unless its function is that extension\'s own C function (96th run, A96d-4)', async () => {
    if (live.withoutPgaudit) return; // pgaudit is the extension Azure installs; without it there is none to add to.
    await rootOrders.query('CREATE FUNCTION public.ddl_note() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$');
    await rootOrders.query('ALTER FUNCTION public.ddl_note() OWNER TO orders_owner');
    await rootOrders.query('CREATE EVENT TRIGGER ddl_ext ON ddl_command_end EXECUTE FUNCTION public.ddl_note()');
    await rootOrders.query('ALTER EXTENSION pgaudit ADD EVENT TRIGGER ddl_ext');
    const result = await findings();
    await rootOrders.query('ALTER EXTENSION pgaudit DROP EVENT TRIGGER ddl_ext; DROP EVENT TRIGGER ddl_ext; DROP FUNCTION public.ddl_note()');
    expect(result).toEqual({ code: 1, findings: [...cleanFindings(),
      `definer-execute: Role "orders_owner" owns function "public.ddl_note() of event trigger ddl_ext", which runs for every role's DDL command in database "orders": it may replace the function and run its code with the rights of whoever runs DDL there, the event trigger's owner "${SUPERUSER}" among them.`,
    ] });
  });

  test('a range type\'s SECURITY DEFINER subtype_diff runs as its owner when a query on the type is planned, EXECUTE revoked or not (96th run, A96d-5)', async () => {
    await rootOrders.query('SET ROLE orders_owner');
    await rootOrders.query('CREATE FUNCTION public.sd(a float8, b float8) RETURNS float8 LANGUAGE plpgsql IMMUTABLE SECURITY DEFINER AS $$ BEGIN RETURN a - b; END $$');
    await rootOrders.query('REVOKE ALL ON FUNCTION public.sd(float8, float8) FROM PUBLIC, orders_readonly, orders_readwrite');
    await rootOrders.query('CREATE TYPE public.frange AS RANGE (subtype = float8, subtype_diff = public.sd)');
    await rootOrders.query('RESET ROLE');
    const result = await findings();
    await rootOrders.query('DROP TYPE public.frange; DROP FUNCTION public.sd(float8, float8)');
    expect(result).toEqual({ code: 1, findings: [...cleanFindings(),
      'definer-execute: Every role that uses the type runs SECURITY DEFINER function "public.sd(a double precision, b double precision) of range type public.frange" when PostgreSQL plans or indexes a query on it, EXECUTE or not, in database "orders", which runs with the rights of its owner "orders_owner".',
    ] });
  });

  test('in database postgres, a SECURITY DEFINER function granted to the stack\'s roles, a table every login writes and a login\'s own grant (93rd run, A93a-1)', async () => {
    await root.query('CREATE FUNCTION public.adm(q text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN EXECUTE q; END $$');
    await root.query('REVOKE ALL ON FUNCTION public.adm(text) FROM PUBLIC');
    await root.query('GRANT EXECUTE ON FUNCTION public.adm(text) TO billing_vendor, orders_readonly');
    await root.query(`ALTER FUNCTION public.adm(text) OWNER TO "${DBA}"`);
    await root.query('CREATE TABLE public.drop_box (x text)');
    await root.query('GRANT SELECT, INSERT ON public.drop_box TO PUBLIC');
    await root.query('GRANT DELETE ON public.drop_box TO orders_app');
    await root.query(`ALTER TABLE public.drop_box OWNER TO "${DBA}"`);
    // What a superuser owns only Azure can make: Azure's own objects of its databases are not judged.
    await root.query('CREATE TABLE public.azure_own (x text)');
    await root.query('GRANT SELECT ON public.azure_own TO PUBLIC');
    const result = await findings();
    await root.query('DROP FUNCTION public.adm(text)');
    await root.query('DROP TABLE public.drop_box, public.azure_own');
    const where = 'in database "postgres", which the stack does not manage but its roles may connect to';
    expect(result).toEqual({ code: 1, findings: [...cleanFindings(),
      `public-privilege: PUBLIC holds INSERT, SELECT on table "public.drop_box" ${where}.`,
      'direct-privilege: Login role "billing_vendor" holds EXECUTE on function "public.adm(q text)" in database "postgres", granted directly instead of through a group role.',
      'group-privilege: Group role "orders_readonly" holds EXECUTE on function "public.adm(q text)" in database "postgres", which the stack does not declare.',
      'direct-privilege: Login role "orders_app" holds DELETE on table "public.drop_box" in database "postgres", granted directly instead of through a group role.',
      `definer-execute: Role "billing_vendor" may execute SECURITY DEFINER function "public.adm(q text)" in database "postgres", which runs with the rights of its owner "${DBA}".`,
      `definer-execute: Role "orders_readonly" may execute SECURITY DEFINER function "public.adm(q text)" in database "postgres", which runs with the rights of its owner "${DBA}".`,
    ] });
  });

  test('a default that ends the auditor\'s idle sessions in a database it reads but does not manage hides nothing there, over a slow link (93rd run, A93a-3)', async () => {
    await root.query('CREATE DATABASE azure_sys OWNER azure_pg_admin');
    const sys = await live.cluster.connect(SUPERUSER, live.cluster.superuserPassword, 'azure_sys');
    await sys.query('CREATE FUNCTION public.adm(q text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN EXECUTE q; END $$');
    await sys.query(`ALTER FUNCTION public.adm(text) OWNER TO "${DBA}"`);
    await sys.end();
    // The administrator may set it on its own role: the session would end one round trip after sign-in, before its first query.
    await root.query(`ALTER ROLE "${DBA}" IN DATABASE azure_sys SET idle_session_timeout = 1`);
    const link = await slowLink(live.cluster.port, 10);
    const runs: { code: number; findings: string[] }[] = [];
    try {
      for (let i = 0; i < 3; i++) runs.push(await findings(undefined, String(link.port)));
    } finally {
      link.close();
      await root.query(`ALTER ROLE "${DBA}" IN DATABASE azure_sys RESET idle_session_timeout`);
      await root.query('DROP DATABASE azure_sys WITH (FORCE)');
    }
    for (const run of runs) {
      expect(run).toEqual({ code: 1, findings: [
        ...cleanFindings(),
        `public-privilege: PUBLIC holds EXECUTE on security definer function "public.adm(q text)" in database "azure_sys", which the stack does not manage but its roles may connect to: it runs with the rights of its owner "${DBA}" for every role.`,
      ] });
    }
  });

  test('a database the stack\'s roles may connect to that the audit cannot read: the report says why, and the audit exits 2, incomplete (93rd run, A93a-3)', async () => {
    await root.query('CREATE DATABASE stash');
    await root.query('REVOKE CONNECT ON DATABASE stash FROM PUBLIC');
    await root.query('GRANT CONNECT ON DATABASE stash TO orders_app');
    const run = await audit();
    await root.query('DROP DATABASE stash');
    const report = JSON.parse(run.out) as AuditReport;
    expect(run.code).toBe(2);
    expect(run.err).toEqual([PASSWORD_IN_CLEAR, 'cdktf-azure-postgres: the audit is incomplete: "stash", which the stack\'s roles may connect to, could not be read (the report\'s notes say why)']);
    expect(report.findings.map((f) => f.check)).toEqual([...cleanFindings().map((f) => f.split(':')[0]), 'undeclared-database']);
    expect(report.notes).toEqual(expect.arrayContaining([
      'Database "stash", which the stack\'s roles may connect to, could not be read ("permission denied for database \\"stash\\""): PUBLIC\'s CREATE on its schemas and EXECUTE on its SECURITY DEFINER routines were not checked, so the audit is incomplete.',
    ]));
  });

  test('a SQL_ASCII database whose PUBLIC-readable table has a name that is not UTF-8 is unread, not a stop of the audit: the report says why, exit 2 (adversarial run of stop 67, f01)', async () => {
    // As the probe did it: the administrator (CREATEDB) makes the database and the table.
    await root.query(`SET ROLE "${DBA}"`);
    await root.query("CREATE DATABASE asciidb ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
    await root.query('RESET ROLE');
    const ascii = await live.server.superuser('asciidb');
    await ascii.query(`SET ROLE "${DBA}"`);
    await ascii.query("DO $$ BEGIN EXECUTE pg_catalog.format('CREATE TABLE public.%1$I (x integer); GRANT SELECT ON public.%1$I TO PUBLIC', pg_catalog.convert_from('\\x74e9'::bytea, 'SQL_ASCII')); END $$");
    await ascii.end();
    const run = await audit();
    await root.query('DROP DATABASE asciidb');
    const report = JSON.parse(run.out) as AuditReport;
    expect(run.code).toBe(2);
    expect(run.err).toEqual([PASSWORD_IN_CLEAR, 'cdktf-azure-postgres: the audit is incomplete: "asciidb", which the stack\'s roles may connect to, could not be read (the report\'s notes say why)']);
    expect(report.findings.map((f) => f.check)).toEqual([...cleanFindings().map((f) => f.split(':')[0]), 'undeclared-database']);
    expect(report.notes).toEqual(expect.arrayContaining([
      'Database "asciidb", which the stack\'s roles may connect to, could not be read ("invalid byte sequence for encoding \\"UTF8\\": 0xe9"): PUBLIC\'s CREATE on its schemas and EXECUTE on its SECURITY DEFINER routines were not checked, so the audit is incomplete.',
    ]));
  });

  test('a managed database whose catalog the audit cannot read stops the audit, naming the database: exit 2, no report', async () => {
    await root.query(`ALTER ROLE "${DBA}" IN DATABASE orders SET lock_timeout = '1ms'`);
    const locker = await live.server.superuser('orders');
    await locker.query('BEGIN; LOCK TABLE pg_catalog.pg_extension IN ACCESS EXCLUSIVE MODE');
    const run = await audit();
    await locker.query('ROLLBACK');
    await locker.end();
    await root.query(`ALTER ROLE "${DBA}" IN DATABASE orders RESET lock_timeout`);
    expect(run).toEqual({ code: 2, out: '', err: [PASSWORD_IN_CLEAR, 'cdktf-azure-postgres: cannot audit 127.0.0.1:' + live.cluster.port + ` as ${DBA}: database "orders" could not be read: canceling statement due to lock timeout`] });
  });

  test('an administrator\'s view or materialized view reads as its owner, and a rule writes as its relation\'s owner, for the roles that use them; the owner level\'s views and rules and a security_invoker view are not drift (adversarial run of stop 67, d01)', async () => {
    const admin = await live.server.connectAs(DBA, ADMIN_PASSWORD, 'orders');
    await admin.query('CREATE SCHEMA private; CREATE TABLE private.payroll (who text, salary integer); CREATE TABLE private.audit_trail (entry text)');
    await admin.query('CREATE VIEW public.payroll_invoker WITH (security_invoker = true) AS SELECT * FROM private.payroll');
    await admin.query('GRANT SELECT ON public.payroll_invoker TO orders_readonly');
    await rootOrders.query('SET ROLE orders_owner; CREATE VIEW public.orders_v AS SELECT * FROM public.orders; RESET ROLE');
    await rootOrders.query('GRANT SELECT ON public.orders_v TO orders_readonly');
    await rootOrders.query('SET ROLE orders_owner; CREATE RULE log_update AS ON UPDATE TO public.orders DO ALSO NOTIFY orders; RESET ROLE');
    const quiet = await findings();
    await admin.query('CREATE VIEW public.payroll_v AS SELECT * FROM private.payroll; GRANT SELECT ON public.payroll_v TO orders_readonly');
    await admin.query('CREATE MATERIALIZED VIEW public.payroll_m AS SELECT * FROM private.payroll; GRANT SELECT (who) ON public.payroll_m TO orders_readwrite');
    await admin.query('CREATE TABLE public.inbox (entry text); GRANT INSERT, UPDATE ON public.inbox TO orders_readwrite');
    await admin.query('CREATE RULE wipe AS ON INSERT TO public.inbox DO ALSO DELETE FROM private.audit_trail');
    // Reached through a foreign key action: deleting an order deletes its notes as their owner, the administrator (stop 68, r01).
    await rootOrders.query(`SET ROLE orders_owner; GRANT REFERENCES ON public.orders TO "${DBA}"; RESET ROLE`);
    await admin.query('CREATE TABLE private.order_notes (order_id integer REFERENCES public.orders ON DELETE CASCADE, note text)');
    await admin.query('CREATE RULE wipe_notes AS ON DELETE TO private.order_notes DO ALSO DELETE FROM private.audit_trail');
    const result = await findings();
    await rootOrders.query('DROP RULE log_update ON public.orders; DROP VIEW public.orders_v');
    await admin.query('DROP SCHEMA private CASCADE; DROP TABLE public.inbox');
    await rootOrders.query(`SET ROLE orders_owner; REVOKE REFERENCES ON public.orders FROM "${DBA}"; RESET ROLE`);
    await admin.end();
    expect(quiet).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'group-privilege: Group role "orders_readwrite" holds SELECT on column "public.payroll_m.who" in database "orders", which the stack does not declare.',
      `definer-execute: Role "orders_readwrite" reads materialized view "public.payroll_m" in database "orders", which holds what its owner "${DBA}", an administrator or Azure's role, read: beyond what the stack grants the role. Give it to the owner level, or revoke the role's privileges on it.`,
      `definer-execute: Role "orders_readonly" uses view "public.payroll_v" in database "orders", which reads its tables with the rights of its owner "${DBA}", an administrator or Azure's role: through it the role reads (and, if the view is updatable, writes) what "${DBA}" may, beyond what the stack grants it. Make the view security_invoker (ALTER VIEW ... SET (security_invoker = on)), give it to the owner level, or revoke the role's privileges on it.`,
      `definer-execute: Role "orders_readwrite" writes the relation of "rule wipe on public.inbox" in database "orders": the rule's actions run with the rights of the relation's owner "${DBA}", an administrator or Azure's role, whatever the role may do itself. Drop the rule (a trigger runs as the writer), give the relation to the owner level, or revoke the role's write.`,
      `definer-execute: Role "orders_readwrite" writes the relation of "rule wipe_notes on private.order_notes" in database "orders": the rule's actions run with the rights of the relation's owner "${DBA}", an administrator or Azure's role, whatever the role may do itself. Drop the rule (a trigger runs as the writer), give the relation to the owner level, or revoke the role's write.`,
      `definer-execute: Role "orders_owner" writes the relation of "rule wipe_notes on private.order_notes" in database "orders": the rule's actions run with the rights of the relation's owner "${DBA}", an administrator or Azure's role, whatever the role may do itself. Drop the rule (a trigger runs as the writer), give the relation to the owner level, or revoke the role's write.`,
    ] });
  });

  test('a function of another role in an administrator\'s index runs as the administrator at each ANALYZE (autovacuum\'s too) and write; the owner level\'s own indexes and built-in functions are not drift (adversarial run of stop 68, x01)', async () => {
    const admin = await live.server.connectAs(DBA, ADMIN_PASSWORD, 'orders');
    await rootOrders.query('SET ROLE orders_owner; CREATE FUNCTION public.norm(t text) RETURNS text IMMUTABLE LANGUAGE sql AS $$ SELECT lower(t) $$; CREATE INDEX orders_norm ON public.orders (public.norm(id::text)); RESET ROLE');
    await admin.query('CREATE SCHEMA private; CREATE TABLE private.ledger (who text); CREATE INDEX ledger_lower ON private.ledger (lower(who))');
    const quiet = await findings();
    await admin.query('CREATE INDEX ledger_norm ON private.ledger (public.norm(who)) WHERE public.norm(who) <> \'\'');
    // Extended statistics on an expression, computed by ANALYZE as the table's owner (adversarial run of stop 69, x1).
    await admin.query('CREATE STATISTICS private.ledger_stats ON (public.norm(who)), who FROM private.ledger');
    // One call deep: the administrator's own wrapper calling the owner level's function (adversarial run of stop 69, x8).
    await admin.query(`CREATE FUNCTION private.wrap(t text) RETURNS text IMMUTABLE LANGUAGE plpgsql AS 'BEGIN RETURN public.norm(t); END'`);
    await admin.query('CREATE INDEX ledger_wrapped ON private.ledger (private.wrap(who))');
    // A range type's subtype_diff the owner level owns, in a column of the administrator's table: ANALYZE runs it (stop 69, x3).
    await rootOrders.query('SET ROLE orders_owner; CREATE FUNCTION public.gap(a float8, b float8) RETURNS float8 IMMUTABLE LANGUAGE sql AS $$ SELECT b - a $$; CREATE TYPE public.span AS RANGE (subtype = float8, subtype_diff = public.gap); RESET ROLE');
    await admin.query('ALTER TABLE private.ledger ADD COLUMN during public.span');
    const result = await findings();
    await admin.query('DROP SCHEMA private CASCADE');
    await rootOrders.query('DROP TYPE public.span; DROP FUNCTION public.gap(float8, float8); DROP INDEX public.orders_norm; DROP FUNCTION public.norm(text)');
    await admin.end();
    expect(quiet).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      `definer-execute: Role "orders_owner" owns function "public.gap(a double precision, b double precision) of range type public.span of private.ledger" in database "orders", which runs with the rights of the table's owner "${DBA}", an administrator or Azure's role, when it writes the table and at each ANALYZE, VACUUM or REINDEX (autovacuum runs them as the owner): it may replace the function and run its code with those rights. Give the function to "${DBA}", or drop the index, statistics or column that uses it.`,
      `definer-execute: Role "orders_owner" owns function "public.norm(t text) called by private.wrap() of index ledger_wrapped on private.ledger" in database "orders", which runs with the rights of the table's owner "${DBA}", an administrator or Azure's role, when it writes the table and at each ANALYZE, VACUUM or REINDEX (autovacuum runs them as the owner): it may replace the function and run its code with those rights. Give the function to "${DBA}", or drop the index, statistics or column that uses it.`,
      `definer-execute: Role "orders_owner" owns function "public.norm(t text) of index ledger_norm on private.ledger" in database "orders", which runs with the rights of the table's owner "${DBA}", an administrator or Azure's role, when it writes the table and at each ANALYZE, VACUUM or REINDEX (autovacuum runs them as the owner): it may replace the function and run its code with those rights. Give the function to "${DBA}", or drop the index, statistics or column that uses it.`,
      `definer-execute: Role "orders_owner" owns function "public.norm(t text) of statistics ledger_stats on private.ledger" in database "orders", which runs with the rights of the table's owner "${DBA}", an administrator or Azure's role, when it writes the table and at each ANALYZE, VACUUM or REINDEX (autovacuum runs them as the owner): it may replace the function and run its code with those rights. Give the function to "${DBA}", or drop the index, statistics or column that uses it.`,
    ] });
  });

  test('a connection string with a password in a routine, a view or a default is reported, whoever wrote it, and never printed; a password filled in at run time or compared is not (adversarial run of stop 68, u02)', async () => {
    const admin = await live.server.connectAs(DBA, ADMIN_PASSWORD, 'orders');
    await admin.query(`CREATE FUNCTION public.remote(h text, p text) RETURNS text LANGUAGE sql AS $$ SELECT format('host=%s dbname=orders user=app password=%s', h, p) $$`);
    await admin.query(`COMMENT ON FUNCTION public.remote(text, text) IS 'returns host=<host> user=<user> password=<password>'`);
    await admin.query('CREATE TABLE public.accounts (login text, password text); CREATE FUNCTION public.check_login(l text, p text) RETURNS boolean LANGUAGE sql AS $$ SELECT EXISTS (SELECT 1 FROM public.accounts a WHERE a.login = l AND a.password = p) $$');
    const quiet = await findings();
    await admin.query(`CREATE FUNCTION public.peek() RETURNS text LANGUAGE sql AS $$ SELECT 'host=10.0.0.4 port=5432 dbname=orders user=${DBA} password=hunter2-secret sslmode=require'::text $$`);
    await admin.query(`CREATE VIEW public.v_remote AS SELECT 'postgresql://${DBA}:hunter2-secret@10.0.0.4/orders'::text AS target`);
    await rootOrders.query(`SET ROLE orders_owner; CREATE TABLE public.links (conn text DEFAULT 'dbname=orders password=''hunter2-secret'''); RESET ROLE`);
    // Adversarial run of stop 69: a SQL-standard body (prosrc is empty), a check constraint, a comment; a quote in a comment first.
    await admin.query(`CREATE FUNCTION public.atomic() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT 'host=10.0.0.4 user=app password=hunter2-secret'; END`);
    await admin.query(`CREATE TABLE public.guarded (c text CHECK (c <> 'dbname=orders user=app password=hunter2-secret'))`);
    await admin.query(`COMMENT ON TABLE public.guarded IS 'connect with postgresql://app:hunter2-secret@10.0.0.4/orders'`);
    const result = await audit();
    await admin.query('DROP TABLE public.guarded; DROP FUNCTION public.atomic()');
    await rootOrders.query('DROP TABLE public.links');
    await admin.query('DROP VIEW public.v_remote; DROP FUNCTION public.peek(); DROP FUNCTION public.check_login(text, text); DROP TABLE public.accounts; DROP FUNCTION public.remote(text, text)');
    await admin.end();
    expect(quiet).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
    expect(result.out).not.toContain('hunter2');
    expect({ code: result.code, findings: (JSON.parse(result.out) as AuditReport).findings.map((f) => `${f.check}: ${f.message}`) }).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'stored-password: The "constraint guarded_c_check on table public.guarded" in database "orders" holds a connection string with a password (not shown): every role that may connect reads it from the catalog and may sign in as the role it names; code that connects with it signs its callers in as that role.',
      'stored-password: The function "public.atomic()" in database "orders" holds a connection string with a password (not shown): every role that may connect reads it from the catalog and may sign in as the role it names; code that connects with it signs its callers in as that role.',
      'stored-password: The column default "public.links.conn" in database "orders" holds a connection string with a password (not shown): every role that may connect reads it from the catalog and may sign in as the role it names; code that connects with it signs its callers in as that role.',
      'stored-password: The function "public.peek()" in database "orders" holds a connection string with a password (not shown): every role that may connect reads it from the catalog and may sign in as the role it names; code that connects with it signs its callers in as that role.',
      'stored-password: The view "public.v_remote" in database "orders" holds a connection string with a password (not shown): every role that may connect reads it from the catalog and may sign in as the role it names; code that connects with it signs its callers in as that role.',
      'stored-password: The comment on "table public.guarded" in database "orders" holds a connection string with a password (not shown): every role that may connect reads it from the catalog and may sign in as the role it names; code that connects with it signs its callers in as that role.',
    ] });
  });

  test('an undeclared login, made a member of the owner level', async () => {
    await root.query("CREATE ROLE sneaky LOGIN PASSWORD 'sneaky-password' VALID UNTIL '2999-01-01'");
    await root.query('GRANT orders_owner TO sneaky');
    const result = await findings();
    await root.query('DROP ROLE sneaky');
    expect(result).toEqual({ code: 1, findings: [
      'undeclared-login: Login role "sneaky" is not declared in the stack.',
      'undeclared-membership: "sneaky" is a member of "orders_owner", which the stack does not declare.',
      ...cleanFindings(),
    ] });
  });

  test('privileges granted to PUBLIC on the database, a schema and a table', async () => {
    await rootOrders.query('GRANT CONNECT ON DATABASE orders TO PUBLIC');
    await rootOrders.query('GRANT CREATE ON SCHEMA public TO PUBLIC');
    await rootOrders.query('GRANT SELECT, UPDATE ON public.orders TO PUBLIC');
    const result = await findings();
    await rootOrders.query('REVOKE CONNECT ON DATABASE orders FROM PUBLIC');
    await rootOrders.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await rootOrders.query('REVOKE SELECT, UPDATE ON public.orders FROM PUBLIC');
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'public-privilege: PUBLIC holds CONNECT on database "orders" in database "orders".',
      'public-privilege: PUBLIC holds CREATE on schema "public" in database "orders".',
      'public-privilege: PUBLIC holds SELECT, UPDATE on table "public.orders" in database "orders".',
    ] });
  });

  test('default privileges that grant to PUBLIC', async () => {
    await rootOrders.query('ALTER DEFAULT PRIVILEGES FOR ROLE orders_owner IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC');
    const result = await findings();
    await rootOrders.query('ALTER DEFAULT PRIVILEGES FOR ROLE orders_owner IN SCHEMA public REVOKE SELECT ON TABLES FROM PUBLIC');
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'public-privilege: PUBLIC holds SELECT on default privileges "tables created by orders_owner in public" in database "orders".',
    ] });
  });

  test('an expired password, a password that never expires, and one that expires decades out', async () => {
    const { rows } = await root.query("SELECT rolvaliduntil::text AS v FROM pg_roles WHERE rolname = 'billing_vendor'");
    await root.query("ALTER ROLE billing_vendor VALID UNTIL '2001-02-03 04:05:06+00'");
    const expired = await findings();
    await root.query("ALTER ROLE billing_vendor VALID UNTIL 'infinity'");
    const endless = await findings();
    // An expiry decades out undoes the rotation the stack declares: 90 days and 7 of grace (A9-3).
    await root.query("ALTER ROLE billing_vendor VALID UNTIL '2099-01-01 00:00:00+00'");
    const late = await findings();
    await root.query(`ALTER ROLE billing_vendor VALID UNTIL '${rows[0].v}'`);
    expect(late).toEqual({ code: 1, findings: ['password-expiry-too-late: The password of "billing_vendor" is valid until 2099-01-01T00:00:00Z, later than the stack allows: at most 97 days from now (its rotation period and grace).', ...cleanFindings()] });
    expect(expired).toEqual({ code: 1, findings: ['password-expired: The password of "billing_vendor" expired on 2001-02-03T04:05:06Z.', ...cleanFindings()] });
    expect(endless).toEqual({ code: 1, findings: ['password-without-expiry: Password role "billing_vendor" has no valid_until: its password never expires.', ...cleanFindings()] });
  });

  test("a password that is never valid (VALID UNTIL '-infinity') is read, not a stop of the audit (twenty-fifth run, A25b-8)", async () => {
    const { rows } = await root.query("SELECT rolvaliduntil::text AS v FROM pg_roles WHERE rolname = 'billing_vendor'");
    await root.query("ALTER ROLE billing_vendor VALID UNTIL '-infinity'");
    const never = await findings();
    await root.query(`ALTER ROLE billing_vendor VALID UNTIL '${rows[0].v}'`);
    expect(never).toEqual({ code: 1, findings: ['password-expired: The password of "billing_vendor" expired on -infinity.', ...cleanFindings()] });
  });

  test('a declared Entra login given a password with an expiry, and the read-only group made a password login (seventh review, A7-11)', async () => {
    await root.query("ALTER ROLE orders_app PASSWORD 'Sup3rS3cret!x' VALID UNTIL '2027-03-01 00:00:00+00'");
    await root.query("ALTER ROLE orders_readonly LOGIN PASSWORD 'Sup3rS3cret!x' VALID UNTIL '2027-03-01 00:00:00+00'");
    const result = await findings();
    await root.query("ALTER ROLE orders_app PASSWORD NULL VALID UNTIL 'infinity'");
    await root.query("ALTER ROLE orders_readonly NOLOGIN PASSWORD NULL VALID UNTIL 'infinity'");
    expect(result.code).toBe(1);
    expect(result.findings).toEqual(expect.arrayContaining([
      'entra-role-password: Entra role "orders_app" has valid_until 2027-03-01T00:00:00Z, which only a password uses: it was given a password, a sign-in beside Entra ID.',
      expect.stringMatching(/^group-role-login: Role "orders_readonly" is declared a group role \(NOLOGIN, postgresql_role\.\S+\) but can sign in/),
    ]));
    expect(await findings()).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
  });

  test('a managed database without pgaudit', async () => {
    if (live.withoutPgaudit) {
      // pgaudit is not installed here: the clean audit above already reports this very finding.
      expect(cleanFindings()).toEqual(['missing-pgaudit: Database "orders" has no pgaudit extension.']);
      return;
    }
    await rootOrders.query('DROP EXTENSION pgaudit');
    const result = await findings();
    await rootOrders.query('CREATE EXTENSION pgaudit');
    expect(result).toEqual({ code: 1, findings: ['missing-pgaudit: Database "orders" has no pgaudit extension.'] });
  });

  test('privileges granted straight to a login role', async () => {
    await rootOrders.query('GRANT ALL ON public.secrets TO orders_app');
    const result = await findings();
    await rootOrders.query('REVOKE ALL ON public.secrets FROM orders_app');
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'direct-privilege: Login role "orders_app" holds DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE on table "public.secrets" in database "orders", granted directly instead of through a group role.',
    ] });
  });

  test('a column, a function, the database and default privileges granted straight to a login role', async () => {
    await rootOrders.query('SET ROLE orders_owner');
    await rootOrders.query("CREATE FUNCTION public.total() RETURNS integer LANGUAGE sql AS 'SELECT 1'");
    await rootOrders.query('RESET ROLE');
    await rootOrders.query('GRANT UPDATE (b) ON public.secrets TO orders_app');
    await rootOrders.query('GRANT EXECUTE ON FUNCTION public.total() TO orders_app');
    await rootOrders.query('GRANT CREATE ON DATABASE orders TO orders_app');
    await rootOrders.query('ALTER DEFAULT PRIVILEGES FOR ROLE orders_owner IN SCHEMA public GRANT SELECT ON TABLES TO orders_app');
    const result = await findings();
    await rootOrders.query('ALTER DEFAULT PRIVILEGES FOR ROLE orders_owner IN SCHEMA public REVOKE SELECT ON TABLES FROM orders_app');
    await rootOrders.query('REVOKE CREATE ON DATABASE orders FROM orders_app');
    await rootOrders.query('DROP FUNCTION public.total()');
    await rootOrders.query('REVOKE UPDATE (b) ON public.secrets FROM orders_app');
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'direct-privilege: Login role "orders_app" holds UPDATE on column "public.secrets.b" in database "orders", granted directly instead of through a group role.',
      'direct-privilege: Login role "orders_app" holds CREATE on database "orders" in database "orders", granted directly instead of through a group role.',
      'direct-privilege: Login role "orders_app" holds SELECT on default privileges "tables created by orders_owner in public" in database "orders", granted directly instead of through a group role.',
      'direct-privilege: Login role "orders_app" holds EXECUTE on function "public.total()" in database "orders", granted directly instead of through a group role.',
    ] });
  });

  test('a table owned by a login role', async () => {
    await rootOrders.query('CREATE TABLE public.mine (id int)');
    await rootOrders.query('ALTER TABLE public.mine OWNER TO orders_app');
    const result = await findings();
    await rootOrders.query('DROP TABLE public.mine');
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'owned-by-login: Login role "orders_app" owns table "public.mine" in database "orders", which the stack does not declare.',
    ] });
  });

  test('an operator, operator family, collation, conversion, text search configuration and dictionary, statistics object and publication owned by a login, as a table is; and system objects of pg_catalog or information_schema owned by a login or the owner level, which no level may own (the owner level\'s own operator is not drift) (adversarial run adv73a, D73-13, D73-14, D73-6, D73-3)', async () => {
    const objects: [create: string, alter: string, drop: string][] = [
      ['OPERATOR public.=== (LEFTARG = text, RIGHTARG = text, FUNCTION = pg_catalog.texteq)', 'OPERATOR public.=== (text, text)', 'OPERATOR public.=== (text, text)'],
      ['OPERATOR FAMILY public.fam2 USING btree', 'OPERATOR FAMILY public.fam2 USING btree', 'OPERATOR FAMILY public.fam2 USING btree'],
      ['COLLATION public.c2 FROM "C"', 'COLLATION public.c2', 'COLLATION public.c2'],
      ["CONVERSION public.conv2 FOR 'LATIN1' TO 'UTF8' FROM pg_catalog.iso8859_1_to_utf8", 'CONVERSION public.conv2', 'CONVERSION public.conv2'],
      ['TEXT SEARCH CONFIGURATION public.ts2 (COPY = pg_catalog.simple)', 'TEXT SEARCH CONFIGURATION public.ts2', 'TEXT SEARCH CONFIGURATION public.ts2'],
      ['TEXT SEARCH DICTIONARY public.d2 (TEMPLATE = pg_catalog.simple)', 'TEXT SEARCH DICTIONARY public.d2', 'TEXT SEARCH DICTIONARY public.d2'],
      ['STATISTICS public.st2 ON id, item FROM public.orders', 'STATISTICS public.st2', 'STATISTICS public.st2'],
      ['PUBLICATION pub2 FOR TABLE public.orders', 'PUBLICATION pub2', 'PUBLICATION pub2'],
    ];
    for (const [create, alter] of objects) await rootOrders.query(`CREATE ${create}; ALTER ${alter} OWNER TO orders_app`);
    await rootOrders.query('CREATE OPERATOR public.==== (LEFTARG = text, RIGHTARG = text, FUNCTION = pg_catalog.texteq); ALTER OPERATOR public.==== (text, text) OWNER TO orders_owner');
    const system = ['FUNCTION pg_catalog.pg_read_file(text)', 'VIEW information_schema.columns', 'FUNCTION information_schema._pg_truetypid(pg_attribute, pg_type)'];
    await rootOrders.query(`ALTER ${system[0]} OWNER TO orders_owner; ALTER ${system[1]} OWNER TO orders_owner; ALTER ${system[2]} OWNER TO orders_app`);
    const result = await findings();
    for (const [, , drop] of objects) await rootOrders.query(`DROP ${drop}`);
    await rootOrders.query('DROP OPERATOR public.==== (text, text)');
    for (const object of system) await rootOrders.query(`ALTER ${object} OWNER TO ${SUPERUSER}`);
    const login = (object: string) => `owned-by-login: Login role "orders_app" owns ${object} in database "orders", which the stack does not declare.`;
    const systemOwned = 'it is PostgreSQL\'s own, which every role\'s queries use: its owner uses it with every right (the owner of pg_read_file reads the server\'s files), grants it to any role, and may alter or drop it for every role. Give it back to the bootstrap superuser (ALTER ... OWNER TO it; on Azure, ask support).';
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      login('collation "public.c2"'),
      login('conversion "public.conv2"'),
      `owned-by-login: Login role "orders_app" owns function "information_schema._pg_truetypid(pg_attribute, pg_type)" in database "orders": ${systemOwned}`,
      `owned-by-group-role: Group role "orders_owner" owns function "pg_catalog.pg_read_file(text)" in database "orders": ${systemOwned}`,
      login('operator "public.===(text, text)"'),
      login('operator family "public.fam2 USING btree"'),
      login('publication "pub2"'),
      login('statistics object "public.st2"'),
      login('text search configuration "public.ts2"'),
      login('text search dictionary "public.d2"'),
      `owned-by-group-role: Group role "orders_owner" owns view "information_schema.columns" in database "orders": ${systemOwned}`,
    ] });
  });

  test.each(['azure_pg_admin', 'azuresu'])('schema public owned by %s, as on Azure: its contents are read all the same (ninth review, A9-2)', async (owner) => {
    await rootOrders.query(`ALTER SCHEMA public OWNER TO ${owner}`);
    const quiet = await findings();
    await rootOrders.query('GRANT SELECT ON public.secrets TO PUBLIC');
    await rootOrders.query('GRANT ALL ON public.secrets TO orders_app');
    await rootOrders.query('CREATE TABLE public.mine (id int)');
    await rootOrders.query('ALTER TABLE public.mine OWNER TO orders_app');
    const result = await findings();
    await rootOrders.query('DROP TABLE public.mine');
    await rootOrders.query('REVOKE ALL ON public.secrets FROM PUBLIC, orders_app');
    await rootOrders.query('ALTER SCHEMA public OWNER TO pg_database_owner');
    // The schema itself, owned by Azure's role, is not drift.
    expect(quiet).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'public-privilege: PUBLIC holds SELECT on table "public.secrets" in database "orders".',
      'direct-privilege: Login role "orders_app" holds DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE on table "public.secrets" in database "orders", granted directly instead of through a group role.',
      'owned-by-login: Login role "orders_app" owns table "public.mine" in database "orders", which the stack does not declare.',
    ] });
  });

  test('a table and a schema owned by a group role other than the owner level', async () => {
    await rootOrders.query('ALTER TABLE public.secrets OWNER TO orders_readonly');
    await rootOrders.query('CREATE SCHEMA s2 AUTHORIZATION orders_readwrite');
    const result = await findings();
    await rootOrders.query('ALTER TABLE public.secrets OWNER TO orders_owner');
    await rootOrders.query('DROP SCHEMA s2');
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'owned-by-group-role: Group role "orders_readwrite" owns schema "s2" in database "orders", which the stack does not declare: its members hold every right on it.',
      'owned-by-group-role: Group role "orders_readonly" owns table "public.secrets" in database "orders", which the stack does not declare: its members hold every right on it.',
    ] });
  });

  test('a view, a sequence and a function the owner level creates are not drift', async () => {
    await rootOrders.query('SET ROLE orders_owner');
    await rootOrders.query('CREATE VIEW public.totals AS SELECT count(*) AS n FROM public.orders');
    await rootOrders.query('CREATE SEQUENCE public.numbers');
    await rootOrders.query("CREATE FUNCTION public.one() RETURNS integer LANGUAGE sql AS 'SELECT 1'");
    await rootOrders.query('RESET ROLE');
    const result = await findings();
    await rootOrders.query('DROP VIEW public.totals');
    await rootOrders.query('DROP SEQUENCE public.numbers');
    await rootOrders.query('DROP FUNCTION public.one()');
    expect(result).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
  });

  test('a procedure the owner level creates gets EXECUTE from the stack\'s default privileges on functions, as PostgreSQL gives it: not drift; the grant option on it is (adversarial run adv73a, D73-1)', async () => {
    await rootOrders.query("SET ROLE orders_owner; CREATE PROCEDURE public.p_cleanup() LANGUAGE sql AS 'SELECT 1'; RESET ROLE");
    const quiet = await findings();
    await rootOrders.query('GRANT EXECUTE ON PROCEDURE public.p_cleanup() TO orders_readonly WITH GRANT OPTION');
    const result = await findings();
    await rootOrders.query('DROP PROCEDURE public.p_cleanup()');
    expect(quiet).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'group-privilege: Group role "orders_readonly" holds EXECUTE WITH GRANT OPTION on procedure "public.p_cleanup()" in database "orders", which the stack does not declare.',
    ] });
  });

  test('a database the stack does not declare, owned by a declared login; then one every login may connect to; then one a declared group may connect to', async () => {
    await root.query('CREATE DATABASE shadow OWNER orders_app');
    const owned = await findings();
    await root.query('ALTER DATABASE shadow OWNER TO azure_pg_admin');
    const open = await findings();
    await root.query('REVOKE CONNECT ON DATABASE shadow FROM PUBLIC');
    const quiet = await findings();
    await root.query('GRANT CONNECT ON DATABASE shadow TO orders_readonly');
    const granted = await findings();
    await root.query('DROP DATABASE shadow');
    expect(owned).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'undeclared-database: Database "shadow" is not declared in the stack, but the stack\'s role "orders_app" owns it; PUBLIC holds CONNECT on it.',
    ] });
    // Owned by the administrators, with PUBLIC's default CONNECT: every login may connect (ninth review, A9-10).
    expect(open).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'undeclared-database: Database "shadow" is not declared in the stack, but PUBLIC holds CONNECT on it.',
    ] });
    expect(quiet).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
    expect(granted).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'undeclared-database: Database "shadow" is not declared in the stack, but the stack\'s role "orders_readonly" holds CONNECT on it.',
    ] });
  });

  test('PUBLIC\'s CREATE on schema public of database postgres (PostgreSQL 13/14\'s default), which every login may connect to', async () => {
    await root.query('GRANT CREATE ON SCHEMA public TO PUBLIC');
    const open = await findings();
    await root.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    expect(open).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'public-privilege: PUBLIC holds CREATE on schema "public" in database "postgres", which the stack does not manage but its roles may connect to.',
    ] });
  });

  test('a column granted to PUBLIC', async () => {
    await rootOrders.query('GRANT SELECT (a) ON public.secrets TO PUBLIC');
    const result = await findings();
    await rootOrders.query('REVOKE SELECT (a) ON public.secrets FROM PUBLIC');
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'public-privilege: PUBLIC holds SELECT on column "public.secrets.a" in database "orders".',
    ] });
  });

  test('a SECURITY DEFINER function PUBLIC may execute (by default); a function that runs with the caller\'s rights is not reported', async () => {
    await rootOrders.query('SET ROLE orders_owner');
    await rootOrders.query("CREATE FUNCTION public.definer(n integer) RETURNS integer LANGUAGE sql SECURITY DEFINER AS 'SELECT n'");
    await rootOrders.query("CREATE FUNCTION public.invoker() RETURNS integer LANGUAGE sql AS 'SELECT 1'");
    await rootOrders.query('RESET ROLE');
    const result = await findings();
    // The owner level's default privileges give EXECUTE to the other levels too (A7-12).
    await rootOrders.query('REVOKE EXECUTE ON FUNCTION public.definer(integer) FROM PUBLIC, orders_readonly, orders_readwrite');
    const revoked = await findings();
    await rootOrders.query('DROP FUNCTION public.definer(integer), public.invoker()');
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'public-privilege: PUBLIC holds EXECUTE on security definer function "public.definer(n integer)" in database "orders".',
      'definer-execute: Role "orders_readonly" may execute SECURITY DEFINER function "public.definer(n integer)" in database "orders", which runs with the rights of its owner "orders_owner".',
      'definer-execute: Role "orders_readwrite" may execute SECURITY DEFINER function "public.definer(n integer)" in database "orders", which runs with the rights of its owner "orders_owner".',
    ] });
    expect(revoked).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
  });

  test('a SECURITY DEFINER function of the owner level that the read-only level may execute (seventh review, A7-12)', async () => {
    await rootOrders.query('SET ROLE orders_owner');
    await rootOrders.query("CREATE FUNCTION public.wipe() RETURNS void LANGUAGE sql SECURITY DEFINER AS 'TRUNCATE public.secrets'");
    await rootOrders.query('REVOKE ALL ON FUNCTION public.wipe() FROM PUBLIC');
    await rootOrders.query('RESET ROLE');
    const result = await findings();
    await rootOrders.query('DROP FUNCTION public.wipe()');
    // EXECUTE comes from the owner level's default privileges, as the levels declare it.
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'definer-execute: Role "orders_readonly" may execute SECURITY DEFINER function "public.wipe()" in database "orders", which runs with the rights of its owner "orders_owner".',
      'definer-execute: Role "orders_readwrite" may execute SECURITY DEFINER function "public.wipe()" in database "orders", which runs with the rights of its owner "orders_owner".',
    ] });
  });

  test('a declared EXECUTE grant covers the very routine it names, by PostgreSQL\'s reading of its argument types, not its overloads', async () => {
    // The stack grants EXECUTE on f(TEXT), on g (a name two routines bear: GRANT would fail) and on a malformed h(.
    const stack = JSON.parse(JSON.stringify(live.stack));
    const [grant] = Object.entries(stack.resource.postgresql_grant as { [name: string]: any }).filter(([name]) => name.includes('Grant-readonly-public-function')).map(([, g]) => g);
    stack.resource.postgresql_grant.routines = { ...grant, objects: ['f(TEXT)', 'g', 'h('] };
    const stackDir = mkdtempSync(join(tmpdir(), 'cdktf-azure-postgres-stack-'));
    writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify(stack));
    await rootOrders.query('SET ROLE orders_owner');
    for (const signature of ['f(text)', 'f(text, boolean)', 'g(integer)', 'g(integer, integer)', 'h()']) {
      await rootOrders.query(`CREATE FUNCTION public.${signature} RETURNS void LANGUAGE sql SECURITY DEFINER AS ''`);
      await rootOrders.query(`REVOKE ALL ON FUNCTION public.${signature} FROM PUBLIC, orders_readwrite`);
    }
    await rootOrders.query('RESET ROLE');
    const result = await findings(stackDir);
    await rootOrders.query('DROP FUNCTION public.f(text), public.f(text, boolean), public.g(integer), public.g(integer, integer), public.h()');
    const definer = (routine: string) => `definer-execute: Role "orders_readonly" may execute SECURITY DEFINER function "public.${routine}" in database "orders", which runs with the rights of its owner "orders_owner".`;
    expect(result).toEqual({ code: 1, findings: [...cleanFindings(), definer('f(text, boolean)'), definer('g(integer)'), definer('g(integer, integer)'), definer('h()')] });
  });

  test('a group role given a privilege the stack does not declare, and the grant option of one it declares', async () => {
    await rootOrders.query('GRANT CREATE ON SCHEMA public TO orders_readwrite');
    await rootOrders.query('GRANT SELECT ON public.orders TO orders_readonly WITH GRANT OPTION');
    const result = await findings();
    await rootOrders.query('REVOKE CREATE ON SCHEMA public FROM orders_readwrite');
    await rootOrders.query('REVOKE GRANT OPTION FOR SELECT ON public.orders FROM orders_readonly');
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'group-privilege: Group role "orders_readwrite" holds CREATE on schema "public" in database "orders", which the stack does not declare.',
      'group-privilege: Group role "orders_readonly" holds SELECT WITH GRANT OPTION on table "public.orders" in database "orders", which the stack does not declare.',
    ] });
  });

  test('a login labelled as an Entra administrator the stack does not declare, and a declared login labelled so (ninth review, A9-5)', async () => {
    await setLabels([]);
    await label('orders_app', 'aadauth,oid=aaaaaaaa-0000-0000-0000-000000000001,type=service,admin');
    await label(DBA, DBA_LABEL);
    await label('Orders Reporting', 'aadauth,oid=aaaaaaaa-0000-0000-0000-000000000002,type=group');
    await label('migrator@contoso.com', 'aadauth,oid=aaaaaaaa-0000-0000-0000-000000000003,type=user');
    await root.query("CREATE ROLE rogue LOGIN CREATEROLE PASSWORD 'rogue-password-1' IN ROLE orders_owner");
    await label('rogue', 'aadauth,oid=99999999-0000-0000-0000-000000000009,type=user,admin');
    await root.query('ALTER ROLE orders_app CREATEROLE');
    const result = await findings();
    await setLabels(AZURE_LABELS);
    await root.query('DROP ROLE rogue');
    await root.query('ALTER ROLE orders_app NOCREATEROLE');
    expect(result).toEqual({ code: 1, findings: [
      expect.stringMatching(/^undeclared-administrator: Role "orders_app" is labelled an Entra administrator of the server, but the stack declares it as postgresql_role\.\S+: it is judged as that role\.$/),
      'undeclared-administrator: Role "rogue" is labelled an Entra administrator of the server, which the stack does not declare: it is judged as any other role.',
      'dangerous-attribute: Role "orders_app" has CREATEROLE.',
      'dangerous-attribute: Role "rogue" has CREATEROLE.',
      'undeclared-login: Login role "rogue" is not declared in the stack.',
      'undeclared-membership: "rogue" is a member of "orders_owner", which the stack does not declare.',
      ...cleanFindings(),
    ] });
  });

  test('the declared Entra administrator mapped to another Entra principal, labelled as no administrator, or not labelled at all while the server\'s other roles are (a password role under its name) (adversarial run adv73a, D73-10, D73-11)', async () => {
    await setLabels([]);
    const relabel = (text: string) => root.query("UPDATE pg_shseclabel SET label = $1 WHERE provider = 'pgaadauth' AND objoid = $2::regrole", [text, `"${DBA}"`]);
    await label('Orders Reporting', 'aadauth,oid=aaaaaaaa-0000-0000-0000-000000000002,type=group');
    await label('migrator@contoso.com', 'aadauth,oid=aaaaaaaa-0000-0000-0000-000000000003,type=user');
    await label('orders_app', 'aadauth,oid=aaaaaaaa-0000-0000-0000-000000000001,type=service');
    const unlabelled = await findings();
    await label(DBA, DBA_LABEL);
    const quiet = await findings();
    await relabel('aadauth,oid=deadbeef-0000-0000-0000-00000000beef,type=user,admin');
    const other = await findings();
    await relabel('aadauth,oid=66666666-7777-8888-9999-000000000000,type=group');
    const notAdmin = await findings();
    await setLabels(AZURE_LABELS);
    const address = 'azurerm_postgresql_flexible_server_active_directory_administrator.Postgres_EntraAdministrator0_A5512848';
    expect(quiet).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
    expect(unlabelled).toEqual({ code: 1, findings: [
      `entra-label-missing: Role "${DBA}" is declared the server's Entra administrator (${address}) but has no pgaadauth label: it is not that Entra principal but a role that bears its name and signs in otherwise (a password), with an administrator's rights. Drop it and apply the stack, so that Azure makes the administrator.`,
      ...cleanFindings(),
    ] });
    const mismatch = (text: string) => `entra-label-mismatch: Role "${DBA}", the server's Entra administrator (${address}), is labelled "${text}": not Entra principal 66666666-7777-8888-9999-000000000000 as an administrator, as the stack declares. Whoever that label names signs in as the administrator: write the label back (SECURITY LABEL FOR pgaadauth ON ROLE ...) or drop the role and apply the stack.`;
    expect(other).toEqual({ code: 1, findings: [mismatch('aadauth,oid=deadbeef-0000-0000-0000-00000000beef,type=user,admin'), ...cleanFindings()] });
    expect(notAdmin).toEqual({ code: 1, findings: [mismatch('aadauth,oid=66666666-7777-8888-9999-000000000000,type=group'), ...cleanFindings()] });
  });

  test('the password administrator (administrator_login) labelled for a foreign Entra principal, as an administrator or not, is reported (adversarial run adv74a, D74-7)', async () => {
    // As Azure makes the server's administrator_login.
    await root.query("CREATE ROLE pgadmin_ops LOGIN CREATEROLE CREATEDB PASSWORD 'ops-password-1' IN ROLE azure_pg_admin");
    const labelled: { code: number; findings: string[] }[] = [];
    for (const text of ['aadauth,oid=deadbeef-0000-0000-0000-00000000beef,type=user,admin', 'aadauth,oid=deadbeef-0000-0000-0000-00000000beef,type=user']) {
      await setLabels([...AZURE_LABELS, ['pgadmin_ops', text]]);
      labelled.push(await findings());
    }
    await setLabels(AZURE_LABELS);
    const quiet = await findings();
    await root.query('DROP ROLE pgadmin_ops');
    const reported = (text: string) => expect.stringMatching(new RegExp(`^entra-label-unexpected: Role "pgadmin_ops", the server's password administrator \\(administrator_login of azurerm_postgresql_flexible_server\\.Postgres_Server_\\w+\\), is labelled "${text}": Entra principal "deadbeef-0000-0000-0000-00000000beef" signs in as it, with an administrator's rights\\.$`));
    expect(labelled).toEqual([
      { code: 1, findings: [reported('aadauth,oid=deadbeef-0000-0000-0000-00000000beef,type=user,admin'), ...cleanFindings()] },
      { code: 1, findings: [reported('aadauth,oid=deadbeef-0000-0000-0000-00000000beef,type=user'), ...cleanFindings()] },
    ]);
    expect(quiet).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
  });

  test('no pgaadauth label at all, while the stack declares Entra roles and an Entra administrator: each is reported without its label, not skipped behind a note with exit 0 (adversarial run adv74a, D74-8)', async () => {
    await setLabels([]);
    const run = await audit();
    await setLabels(AZURE_LABELS);
    const report = JSON.parse(run.out) as AuditReport;
    expect(run.code).toBe(1);
    expect(report.findings.filter((f) => f.check === 'entra-label-missing').map((f) => f.subject).sort()).toEqual([DBA, 'Orders Reporting', 'migrator@contoso.com', 'orders_app'].sort());
    expect(report.notes).toContain('The server has no pgaadauth security label at all, though the stack declares Entra sign-in: each Entra role and administrator it declares is reported without its label (the server is not the stack\'s, Entra ID sign-in is off, or the labels were removed).');
  });

  test('with administrators named only at apply time, a role labelled an Entra administrator is one only as a member of azure_pg_admin, as Azure makes every Entra administrator (adversarial run adv72a, A72-28)', async () => {
    // The stack as examples/flexible-database-roles ships it: the Entra administrator's name is a variable.
    const stack = JSON.stringify(live.stack).split(JSON.stringify(DBA)).join(JSON.stringify('${var.admin_group_name}'));
    const stackDir = mkdtempSync(join(tmpdir(), 'cdktf-azure-postgres-stack-'));
    writeFileSync(join(stackDir, 'cdk.tf.json'), stack);
    await setLabels([]);
    await label(DBA, 'aadauth,oid=aaaaaaaa-0000-0000-0000-00000000000a,type=group,admin');
    await label('Orders Reporting', 'aadauth,oid=aaaaaaaa-0000-0000-0000-000000000002,type=group');
    await label('migrator@contoso.com', 'aadauth,oid=aaaaaaaa-0000-0000-0000-000000000003,type=user');
    await label('orders_app', 'aadauth,oid=aaaaaaaa-0000-0000-0000-000000000001,type=service');
    await root.query("CREATE ROLE backdoor LOGIN CREATEROLE CREATEDB PASSWORD 'backdoor-password-1' IN ROLE orders_owner");
    await label('backdoor', 'aadauth,oid=99999999-0000-0000-0000-000000000009,type=user,admin');
    const result = await findings(stackDir);
    await setLabels(AZURE_LABELS);
    await root.query('DROP ROLE backdoor');
    expect(result).toEqual({ code: 1, findings: [
      'undeclared-administrator: Role "backdoor" is labelled an Entra administrator of the server, but is not a member of "azure_pg_admin", as Azure makes every Entra administrator: the label was written by hand, and the role is judged as any other role.',
      'dangerous-attribute: Role "backdoor" has CREATEROLE, CREATEDB.',
      'undeclared-login: Login role "backdoor" is not declared in the stack.',
      'undeclared-membership: "backdoor" is a member of "orders_owner", which the stack does not declare.',
      ...cleanFindings(),
    ] });
  });

  test('a session default role makes the auditor\'s sessions run as another role: the audit runs as the user it signed in as, and the default is reported, as is any role\'s or database\'s (adversarial run adv72a, A72-20)', async () => {
    const admin = await live.server.connectAs(DBA, ADMIN_PASSWORD, 'postgres');
    // A role may set its own defaults.
    await admin.query(`ALTER ROLE "${DBA}" SET role = 'azure_pg_admin'`);
    await admin.end();
    await root.query("ALTER ROLE orders_app SET role = 'orders_owner'");
    await root.query("ALTER DATABASE orders SET session_authorization = 'orders_app'");
    const open: OpenSession = sessionOpener({ host: '127.0.0.1', port: live.cluster.port, user: DBA, database: 'postgres' }, ADMIN_PASSWORD, false);
    const session = await open('postgres');
    const who = await session.query('SELECT current_user AS current, session_user AS session');
    await session.close();
    const result = await findings();
    await root.query(`ALTER ROLE "${DBA}" RESET role; ALTER ROLE orders_app RESET role; ALTER DATABASE orders RESET session_authorization`);
    expect(who).toEqual([{ current: DBA, session: DBA }]);
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      `session-setting: Role "${DBA}" starts its sessions with role = "azure_pg_admin": they run as "azure_pg_admin", with its rights, and what they do is logged and owned as done by it, not by the role that signed in.`,
      'session-setting: Role "orders_app" starts its sessions with role = "orders_owner": they run as "orders_owner", with its rights, and what they do is logged and owned as done by it, not by the role that signed in.',
      'session-setting: Database "orders" starts its sessions with session_authorization = "orders_app": they run as "orders_app", with its rights, and what they do is logged and owned as done by it, not by the role that signed in.',
    ] });
  });

  test('Azure\'s replication login is no undeclared login, but a grant to it and an object it owns in a managed database are what a user gave it (adversarial run adv72a, A72-9)', async () => {
    // As Azure makes it: only a superuser can on PostgreSQL 15.
    await root.query("CREATE ROLE replication LOGIN REPLICATION PASSWORD 'azure-replication-1'");
    const quiet = await findings();
    await rootOrders.query('GRANT SELECT ON public.orders TO replication; ALTER TABLE public.secrets OWNER TO replication');
    const result = await findings();
    await rootOrders.query('REVOKE SELECT ON public.orders FROM replication; ALTER TABLE public.secrets OWNER TO orders_owner');
    await root.query('DROP ROLE replication');
    expect(quiet).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'direct-privilege: Login role "replication" holds SELECT on table "public.orders" in database "orders", granted directly instead of through a group role.',
      'owned-by-login: Login role "replication" owns table "public.secrets" in database "orders", which the stack does not declare.',
    ] });
  });

  test('a group role the stack does not declare passes what it holds to its login members, through any chain: Azure\'s replication login, a declared login through a declared group (adversarial run adv73a, D73-2)', async () => {
    await root.query("CREATE ROLE replication LOGIN REPLICATION PASSWORD 'azure-replication-1'; CREATE ROLE shadow NOLOGIN; CREATE ROLE lurker NOLOGIN");
    await rootOrders.query('GRANT CONNECT ON DATABASE orders TO shadow; GRANT USAGE ON SCHEMA public TO shadow; GRANT SELECT ON public.secrets TO shadow, lurker');
    const unreached = await findings();
    await root.query('GRANT shadow TO replication; GRANT lurker TO orders_readonly');
    const result = await findings();
    await rootOrders.query('REVOKE ALL ON DATABASE orders FROM shadow; REVOKE ALL ON SCHEMA public FROM shadow; REVOKE ALL ON public.secrets FROM shadow, lurker');
    await root.query('DROP ROLE shadow, lurker, replication');
    expect(unreached).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
    const through = (group: string, what: string, members: string) => `group-privilege: Group role "${group}", which the stack does not declare, holds ${what} in database "orders": its login members ${members} hold it through it.`;
    expect(result).toEqual({ code: 1, findings: [
      'undeclared-membership: "orders_readonly" is a member of "lurker", which the stack does not declare.',
      'undeclared-membership: "replication" is a member of "shadow", which the stack does not declare.',
      ...cleanFindings(),
      through('shadow', 'CONNECT on database "orders"', '"replication"'),
      through('shadow', 'USAGE on schema "public"', '"replication"'),
      through('lurker', 'SELECT on table "public.secrets"', '"Orders Reporting", "billing_vendor"'),
      through('shadow', 'SELECT on table "public.secrets"', '"replication"'),
    ] });
  });

  test('Azure\'s replication login given memberships, session defaults, grants and objects, in databases the stack does not manage too: reported, as Azure gives it none (adversarial run adv74a, D74-5, D74-6, D74-9)', async () => {
    await root.query("CREATE ROLE replication LOGIN REPLICATION PASSWORD 'azure-replication-1'");
    // billing is another stack's database (live-access.ts), which PUBLIC may not connect to.
    const billing = await live.server.superuser('billing');
    const quiet = await findings();
    await root.query('GRANT pg_read_all_data TO replication; GRANT azure_pg_admin TO replication');
    await root.query("ALTER ROLE replication SET search_path = public, pg_catalog; ALTER ROLE replication SET log_min_messages = 'panic'");
    await root.query('CREATE TABLE public.copy_t (secret text); GRANT SELECT ON public.copy_t TO replication; CREATE TABLE public.repl_box (x text); ALTER TABLE public.repl_box OWNER TO replication');
    await root.query('GRANT CONNECT ON DATABASE billing TO replication');
    await billing.query('CREATE TABLE public.invoices (pan text); GRANT SELECT ON public.invoices TO replication');
    const result = await findings();
    await billing.query('DROP TABLE public.invoices');
    await billing.end();
    await root.query('DROP TABLE public.copy_t, public.repl_box; REVOKE CONNECT ON DATABASE billing FROM replication; DROP OWNED BY replication; DROP ROLE replication');
    expect(quiet).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
    expect(result.code).toBe(1);
    expect([...result.findings].sort()).toEqual([
      ...cleanFindings(),
      // As Azure's PostgreSQL 13 and 14 leave it (azure-like-server.ts): billing is read now that replication may connect to it.
      'public-privilege: PUBLIC holds CREATE on schema "public" in database "billing", which the stack does not manage but its roles may connect to.',
      'undeclared-membership: "replication" is a member of "pg_read_all_data", which the stack does not declare.',
      'undeclared-membership: "replication" is a member of "azure_pg_admin", which the stack does not declare.',
      'undeclared-database: Database "billing" is not declared in the stack, but Azure\'s login "replication" holds CONNECT on it.',
      'direct-privilege: Login role "replication" holds SELECT on table "public.copy_t" in database "postgres", granted directly instead of through a group role.',
      'owned-by-login: Login role "replication" owns table "public.repl_box" in database "postgres", which the stack does not manage but its roles may connect to: a store the stack does not declare, which it may write and grant to any role.',
      'direct-privilege: Login role "replication" holds SELECT on table "public.invoices" in database "billing", granted directly instead of through a group role.',
      'session-setting: Role "replication" sets log_min_messages to "panic" for the sessions it starts, not a level that keeps LOG and ERROR lines and writes no statement text (debug1, info, notice, warning, error): those sessions escape the server\'s logging settings.',
      'session-setting: Role "replication" starts its sessions with search_path = "public, pg_catalog", which puts "public" before pg_catalog: an unqualified function or operator (lower(), =) resolves first to one of that name there, and runs its code with the rights of the session, for whoever may create in that schema. Put pg_catalog first, or leave it out (PostgreSQL then searches it first).',
    ].sort());
  });

  test('a table a declared read-only login owns in database postgres, which every login may connect to: a writable store the stack does not know of (adversarial run adv72a, A72-17)', async () => {
    await root.query('CREATE TABLE public.drop_box (x text); ALTER TABLE public.drop_box OWNER TO "Orders Reporting"');
    await root.query('CREATE TABLE public.group_box (x text); ALTER TABLE public.group_box OWNER TO orders_readonly');
    const result = await findings();
    await root.query('DROP TABLE public.drop_box, public.group_box');
    const where = 'in database "postgres", which the stack does not manage but its roles may connect to: a store the stack does not declare, which';
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      `owned-by-login: Login role "Orders Reporting" owns table "public.drop_box" ${where} it may write and grant to any role.`,
      `owned-by-group-role: Group role "orders_readonly" owns table "public.group_box" ${where} its members may write and grant to any role.`,
    ] });
  });

  test('privileges on the system catalogs that PostgreSQL does not give: PUBLIC\'s SELECT on pg_authid, a group\'s or PUBLIC\'s EXECUTE on pg_read_file, a login\'s CREATE on pg_catalog; initdb\'s own (pg_init_privs) are not drift (adversarial run adv72a, A72-3, A72-4, A72-5)', async () => {
    await rootOrders.query('GRANT SELECT ON pg_catalog.pg_authid TO PUBLIC');
    await rootOrders.query('GRANT EXECUTE ON FUNCTION pg_catalog.pg_read_file(text) TO orders_readonly, PUBLIC');
    await rootOrders.query('GRANT CREATE ON SCHEMA pg_catalog TO orders_app');
    const result = await findings();
    await rootOrders.query('REVOKE SELECT ON pg_catalog.pg_authid FROM PUBLIC');
    await rootOrders.query('REVOKE EXECUTE ON FUNCTION pg_catalog.pg_read_file(text) FROM orders_readonly, PUBLIC');
    await rootOrders.query('REVOKE CREATE ON SCHEMA pg_catalog FROM orders_app');
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'catalog-privilege: Role "orders_app" holds CREATE on system schema "pg_catalog" in database "orders", which PostgreSQL does not give (neither its default nor an initial privilege in pg_init_privs).',
      'catalog-privilege: PUBLIC holds SELECT on system table "pg_catalog.pg_authid" in database "orders", which PostgreSQL does not give (neither its default nor an initial privilege in pg_init_privs).',
      'catalog-privilege: Role "orders_readonly" holds EXECUTE on system function "pg_catalog.pg_read_file(text)" in database "orders", which PostgreSQL does not give (neither its default nor an initial privilege in pg_init_privs).',
      'catalog-privilege: PUBLIC holds EXECUTE on system function "pg_catalog.pg_read_file(text)" in database "orders", which PostgreSQL does not give (neither its default nor an initial privilege in pg_init_privs).',
    ] });
  });

  test('privileges on the system catalogs of database postgres, which the stack does not manage but its roles connect to (each database keeps its own ACL of the shared pg_authid, which holds every role\'s hash), and column grants on a catalog, in a managed database or not (adversarial run adv73a, D73-4, D73-5)', async () => {
    await root.query('GRANT SELECT ON pg_catalog.pg_authid TO PUBLIC');
    await root.query('GRANT EXECUTE ON FUNCTION pg_catalog.pg_read_file(text) TO PUBLIC');
    await root.query('GRANT SELECT (rolpassword) ON pg_catalog.pg_authid TO "Orders Reporting"');
    await rootOrders.query('GRANT SELECT (rolname, rolpassword) ON pg_catalog.pg_authid TO PUBLIC');
    const result = await findings();
    await root.query('REVOKE SELECT ON pg_catalog.pg_authid FROM PUBLIC');
    await root.query('REVOKE EXECUTE ON FUNCTION pg_catalog.pg_read_file(text) FROM PUBLIC');
    await root.query('REVOKE SELECT (rolpassword) ON pg_catalog.pg_authid FROM "Orders Reporting"');
    await rootOrders.query('REVOKE SELECT (rolname, rolpassword) ON pg_catalog.pg_authid FROM PUBLIC');
    const unmanaged = 'which PostgreSQL does not give (neither its default nor an initial privilege in pg_init_privs): the stack does not manage the database, but its roles may connect to it.';
    const managed = 'which PostgreSQL does not give (neither its default nor an initial privilege in pg_init_privs).';
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      `catalog-privilege: PUBLIC holds SELECT on system column "pg_catalog.pg_authid.rolname" in database "orders", ${managed}`,
      `catalog-privilege: PUBLIC holds SELECT on system column "pg_catalog.pg_authid.rolpassword" in database "orders", ${managed}`,
      `catalog-privilege: PUBLIC holds SELECT on system table "pg_catalog.pg_authid" in database "postgres", ${unmanaged}`,
      `catalog-privilege: Role "Orders Reporting" holds SELECT on system column "pg_catalog.pg_authid.rolpassword" in database "postgres", ${unmanaged}`,
      `catalog-privilege: PUBLIC holds EXECUTE on system function "pg_catalog.pg_read_file(text)" in database "postgres", ${unmanaged}`,
    ] });
  });

  test('a declared membership granted again WITH ADMIN OPTION (ninth review, A9-6)', async () => {
    await root.query('GRANT orders_readwrite TO orders_app WITH ADMIN OPTION');
    const result = await findings();
    await root.query('REVOKE ADMIN OPTION FOR orders_readwrite FROM orders_app');
    expect(result).toEqual({ code: 1, findings: [
      'membership-admin-option: "orders_app" holds "orders_readwrite" WITH ADMIN OPTION, which the stack does not declare: it may grant the role to any role and revoke it from its members.',
      ...cleanFindings(),
    ] });
  });

  test('session defaults that weaken logging, of a role, a role in a database, a database and every role; harmless ones are not reported (twenty-second review, A22a-6)', async () => {
    await root.query("ALTER ROLE orders_app SET \"pgaudit.log\" = 'none'");
    await root.query("ALTER ROLE orders_app SET statement_timeout = '30s'");
    await root.query("ALTER ROLE \"Orders Reporting\" IN DATABASE orders SET log_statement = 'all'");
    await root.query("ALTER ROLE \"Orders Reporting\" IN DATABASE orders SET search_path = 'sales'");
    await root.query("ALTER DATABASE orders SET log_min_messages = 'panic'");
    await root.query('ALTER ROLE ALL SET debug_print_plan = on');
    const result = await findings();
    await root.query('ALTER ROLE orders_app RESET ALL');
    await root.query('ALTER ROLE "Orders Reporting" IN DATABASE orders RESET ALL');
    await root.query('ALTER DATABASE orders RESET ALL');
    await root.query('ALTER ROLE ALL RESET ALL');
    expect(result.code).toBe(1);
    // In the order of role names, which the server's collation decides.
    const reported = result.findings.filter((f) => f.startsWith('session-setting: '));
    expect(reported).toHaveLength(4);
    expect(reported).toEqual(expect.arrayContaining([
      expect.stringMatching(/^session-setting: Role "Orders Reporting" in database "orders" sets log_statement to "all" for the sessions it starts, not "none"/),
      expect.stringMatching(/^session-setting: Role "orders_app" sets pgaudit\.log to "none" for the sessions it starts, not a list that keeps the ddl and role classes on/),
      expect.stringMatching(/^session-setting: Database "orders" sets log_min_messages to "panic" for the sessions it starts/),
      expect.stringMatching(/^session-setting: Every role \(ALTER ROLE ALL\) sets debug_print_plan to "on" for the sessions it starts/),
    ]));
    expect(result.findings.filter((f) => !f.startsWith('session-setting: '))).toEqual(cleanFindings());
  });

  test('a search_path default that puts a schema before pg_catalog, of a role, a database or a role in a database: an owner-level public.lower(text) runs as whoever calls lower(); pg_catalog first, or left out, is not reported (adversarial run adv73a, D73-9)', async () => {
    await root.query(`ALTER ROLE "${DBA}" SET search_path = public, pg_catalog`);
    await root.query('ALTER DATABASE orders SET search_path = "$user", public, pg_catalog');
    await root.query('ALTER ROLE orders_app IN DATABASE orders SET search_path = pg_temp, pg_catalog, public');
    await root.query('ALTER ROLE billing_vendor SET search_path = public');
    const result = await findings();
    await root.query(`ALTER ROLE "${DBA}" RESET search_path; ALTER DATABASE orders RESET search_path; ALTER ROLE orders_app IN DATABASE orders RESET search_path; ALTER ROLE billing_vendor RESET search_path`);
    const then = 'an unqualified function or operator (lower(), =) resolves first to one of that name there, and runs its code with the rights of the session, for whoever may create in that schema. Put pg_catalog first, or leave it out (PostgreSQL then searches it first).';
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      `session-setting: Role "${DBA}" starts its sessions with search_path = "public, pg_catalog", which puts "public" before pg_catalog: ${then}`,
      `session-setting: Database "orders" starts its sessions with search_path = "\\"$user\\", public, pg_catalog", which puts "$user", "public" before pg_catalog: ${then}`,
    ] });
  });

  test('a routine\'s own search_path that puts public before pg_catalog, a SECURITY DEFINER one\'s too, is reported; pg_catalog first is not (adversarial run adv74a, D74-1)', async () => {
    await rootOrders.query("CREATE FUNCTION public.adm_report() RETURNS text LANGUAGE sql SET search_path = public, pg_catalog AS $$ SELECT lower('X') $$");
    await rootOrders.query("CREATE FUNCTION public.adm_sd() RETURNS text LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_catalog AS $$ SELECT lower('X') $$");
    await rootOrders.query('REVOKE EXECUTE ON FUNCTION public.adm_sd() FROM PUBLIC');
    await rootOrders.query("CREATE FUNCTION public.adm_safe() RETURNS text LANGUAGE sql SET search_path = pg_catalog, public AS $$ SELECT lower('X') $$");
    const result = await findings();
    await rootOrders.query('DROP FUNCTION public.adm_report(); DROP FUNCTION public.adm_sd(); DROP FUNCTION public.adm_safe()');
    const then = 'an unqualified function or operator (lower(), =) resolves first to one of that name there, and runs its code with the rights of whoever calls it (its owner\'s, if SECURITY DEFINER), for whoever may create in that schema. Put pg_catalog first, or leave it out (PostgreSQL then searches it first).';
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      `session-setting: Function "public.adm_report()" in database "orders" (its own setting, for every call) runs every call with search_path = "public, pg_catalog", which puts "public" before pg_catalog: ${then}`,
      `session-setting: Function "public.adm_sd()" in database "orders" (its own setting, for every call) runs every call with search_path = "public, pg_catalog", which puts "public" before pg_catalog: ${then}`,
    ] });
  });

  test('an extension\'s own objects are not drift: pg_stat_statements\' views PUBLIC may read (its script\'s grant, pg_init_privs), pgaudit\'s SECURITY DEFINER C functions (twenty-seventh run, A27b-1)', async () => {
    await rootOrders.query('CREATE EXTENSION pg_stat_statements');
    const result = await findings();
    await rootOrders.query('DROP EXTENSION pg_stat_statements');
    expect(result).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
  });

  test('a role\'s EXECUTE on pgaudit\'s SECURITY DEFINER C function is no drift while PUBLIC may run it by the script; once PUBLIC\'s is revoked, it is (twenty-seventh run, A27b-1)', async () => {
    if (live.withoutPgaudit) return;
    await rootOrders.query('GRANT EXECUTE ON FUNCTION public.pgaudit_ddl_command_end() TO orders_readonly');
    const withPublic = await findings();
    await rootOrders.query('REVOKE EXECUTE ON FUNCTION public.pgaudit_ddl_command_end() FROM PUBLIC');
    const withoutPublic = await findings();
    await rootOrders.query('GRANT EXECUTE ON FUNCTION public.pgaudit_ddl_command_end() TO PUBLIC');
    await rootOrders.query('REVOKE EXECUTE ON FUNCTION public.pgaudit_ddl_command_end() FROM orders_readonly');
    expect(withPublic).toEqual({ code: 0, findings: [] });
    expect(withoutPublic.code).toBe(1);
    expect(withoutPublic.findings).toEqual([expect.stringMatching(/^definer-execute: Role "orders_readonly" may execute SECURITY DEFINER function "public\.pgaudit_ddl_command_end\(\)" in database "orders"/)]);
  });

  test('objects tied to an extension by ALTER EXTENSION ADD are judged as any other: PUBLIC\'s and a login\'s privileges, granted after or before the ADD, a login owner, a schema and what it holds, a SECURITY DEFINER function (twenty-seventh run, A27b-1)', async () => {
    await rootOrders.query('CREATE EXTENSION pg_stat_statements');
    await rootOrders.query('SET ROLE orders_owner');
    await rootOrders.query('CREATE TABLE public.before_add (a text)');
    await rootOrders.query('RESET ROLE');
    // Granted before the ADD: ALTER EXTENSION ADD records it in pg_init_privs as the extension's initial privilege.
    await rootOrders.query('GRANT SELECT, INSERT ON public.before_add TO PUBLIC');
    await rootOrders.query('ALTER EXTENSION pg_stat_statements ADD TABLE public.before_add');
    await rootOrders.query('ALTER EXTENSION pg_stat_statements ADD TABLE public.secrets');
    await rootOrders.query('GRANT SELECT ON public.secrets TO PUBLIC');
    await rootOrders.query('GRANT UPDATE ON public.secrets TO orders_app');
    await rootOrders.query('CREATE TABLE public.login_owned (a text)');
    await rootOrders.query('ALTER EXTENSION pg_stat_statements ADD TABLE public.login_owned');
    await rootOrders.query('ALTER TABLE public.login_owned OWNER TO orders_app');
    await rootOrders.query('CREATE SCHEMA tied');
    await rootOrders.query('ALTER EXTENSION pg_stat_statements ADD SCHEMA tied');
    await rootOrders.query('GRANT USAGE, CREATE ON SCHEMA tied TO PUBLIC');
    await rootOrders.query('CREATE TABLE tied.t (a int)');
    await rootOrders.query('GRANT ALL ON tied.t TO PUBLIC');
    await rootOrders.query('CREATE FUNCTION public.tied_definer() RETURNS int SECURITY DEFINER LANGUAGE sql AS $$select 1$$');
    await rootOrders.query('ALTER EXTENSION pg_stat_statements ADD FUNCTION public.tied_definer()');
    // Beyond the script's own grant (SELECT) on its view; and the view granted to a login.
    await rootOrders.query('GRANT INSERT ON public.pg_stat_statements TO PUBLIC');
    await rootOrders.query('GRANT SELECT ON public.pg_stat_statements_info TO orders_app');
    const result = await audit();
    await rootOrders.query('DROP EXTENSION pg_stat_statements CASCADE');
    await rootOrders.query('DROP SCHEMA IF EXISTS tied CASCADE');
    await rootOrders.query('DROP TABLE IF EXISTS public.before_add, public.login_owned');
    await rootOrders.query('DROP FUNCTION IF EXISTS public.tied_definer()');
    await rootOrders.query('SET ROLE orders_owner');
    await rootOrders.query('CREATE TABLE IF NOT EXISTS public.secrets (a text, b text)');
    await rootOrders.query('RESET ROLE');
    expect(result.code).toBe(1);
    const reported = (JSON.parse(result.out) as AuditReport).findings.map((f) => `${f.check} ${f.subject}`);
    expect(reported).toEqual(expect.arrayContaining([
      'public-privilege orders: table "public.before_add"',
      'public-privilege orders: table "public.secrets"',
      'direct-privilege orders: orders_app on table "public.secrets"',
      'owned-by-login orders: table "public.login_owned"',
      'public-privilege orders: schema "tied"',
      'public-privilege orders: table "tied.t"',
      'public-privilege orders: security definer function "public.tied_definer()"',
      'public-privilege orders: view "public.pg_stat_statements"',
      'direct-privilege orders: orders_app on table "public.pg_stat_statements_info"',
    ]));
    const report = JSON.parse(result.out) as AuditReport;
    expect(report.findings.find((f) => f.subject === 'orders: table "public.before_add"')?.message).toContain('INSERT, SELECT');
    // Only INSERT: SELECT on the view is what pg_stat_statements' script gave PUBLIC.
    expect(report.findings.find((f) => f.subject === 'orders: view "public.pg_stat_statements"')?.message).toBe('PUBLIC holds INSERT on view "public.pg_stat_statements" in database "orders".');
  });

  test('PUBLIC\'s privileges granted before ALTER EXTENSION ADD on objects no stack role owns are reported: a table, a view, a sequence, a column, a schema, a look-alike of the extension\'s view outside its schema; the script\'s own SELECT is not (twenty-eighth run, A28b-3)', async () => {
    await rootOrders.query('CREATE EXTENSION pg_stat_statements');
    // Owned by the superuser (as Azure's azuresu, or an administrator): no role of the stack.
    const before = [
      'CREATE TABLE public.t3 (a text)', 'GRANT SELECT, INSERT ON public.t3 TO PUBLIC', 'GRANT UPDATE (a) ON public.t3 TO PUBLIC',
      'CREATE VIEW public.v3 AS SELECT 1 AS one', 'GRANT SELECT ON public.v3 TO PUBLIC',
      'CREATE SEQUENCE public.q3', 'GRANT USAGE ON SEQUENCE public.q3 TO PUBLIC',
      'CREATE SCHEMA s9', 'GRANT USAGE, CREATE ON SCHEMA s9 TO PUBLIC',
      // The extension's view's name, in another schema.
      'CREATE VIEW s9.pg_stat_statements AS SELECT 1 AS one', 'GRANT SELECT ON s9.pg_stat_statements TO PUBLIC',
    ];
    for (const statement of before) await rootOrders.query(statement);
    for (const object of ['TABLE public.t3', 'VIEW public.v3', 'SEQUENCE public.q3', 'SCHEMA s9', 'VIEW s9.pg_stat_statements']) {
      await rootOrders.query(`ALTER EXTENSION pg_stat_statements ADD ${object}`);
    }
    const result = await audit();
    await rootOrders.query('DROP EXTENSION pg_stat_statements CASCADE');
    await rootOrders.query('DROP SCHEMA IF EXISTS s9 CASCADE');
    await rootOrders.query('DROP TABLE IF EXISTS public.t3');
    await rootOrders.query('DROP VIEW IF EXISTS public.v3');
    await rootOrders.query('DROP SEQUENCE IF EXISTS public.q3');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as AuditReport;
    expect(report.findings.filter((f) => f.check !== 'missing-pgaudit').map((f) => [f.check, f.subject])).toEqual([
      ['public-privilege', 'orders: column "public.t3.a"'],
      ['public-privilege', 'orders: schema "s9"'],
      ['public-privilege', 'orders: sequence "public.q3"'],
      ['public-privilege', 'orders: table "public.t3"'],
      ['public-privilege', 'orders: view "public.v3"'],
      ['public-privilege', 'orders: view "s9.pg_stat_statements"'],
    ]);
    expect(report.findings.find((f) => f.subject === 'orders: table "public.t3"')?.message).toContain('INSERT, SELECT');
    expect(report.findings.find((f) => f.subject === 'orders: schema "s9"')?.message).toContain('CREATE, USAGE');
    expect(report.findings.some((f) => f.subject.includes('public.pg_stat_statements'))).toBe(false);
  });

  test('pg_stat_statements installed in a schema of its own: the script\'s SELECT on its views is not drift (twenty-eighth run, A28b-3)', async () => {
    await rootOrders.query('CREATE SCHEMA stats');
    await rootOrders.query('CREATE EXTENSION pg_stat_statements SCHEMA stats');
    const result = await findings();
    await rootOrders.query('DROP EXTENSION pg_stat_statements');
    await rootOrders.query('DROP SCHEMA stats');
    expect(result).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
  });

  test('PUBLIC\'s CREATE on a schema of a database the stack does not manage, granted before ALTER EXTENSION ADD SCHEMA, is reported (twenty-eighth run, A28b-3)', async () => {
    await root.query('CREATE EXTENSION pg_stat_statements');
    await root.query('CREATE SCHEMA s10');
    await root.query('GRANT CREATE ON SCHEMA s10 TO PUBLIC');
    await root.query('ALTER EXTENSION pg_stat_statements ADD SCHEMA s10');
    const result = await findings();
    await root.query('DROP EXTENSION pg_stat_statements');
    await root.query('DROP SCHEMA IF EXISTS s10');
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'public-privilege: PUBLIC holds CREATE on schema "s10" in database "postgres", which the stack does not manage but its roles may connect to.',
    ] });
  });

  test('SET on a logging setting granted to pg_database_owner (each database\'s owner holds it in its sessions), or to a predefined role an administrator is made a member of, is reported (twenty-eighth run)', async () => {
    const version = Number((await root.query('SHOW server_version_num')).rows[0].server_version_num);
    if (version < 150000) return; // GRANT ... ON PARAMETER is PostgreSQL 15's
    await root.query('GRANT SET ON PARAMETER log_statement TO pg_database_owner');
    await root.query('GRANT SET ON PARAMETER work_mem TO pg_database_owner');
    await root.query('GRANT SET ON PARAMETER "pgaudit.log" TO pg_read_all_stats');
    const withoutMember = await audit();
    await root.query(`GRANT pg_read_all_stats TO "${DBA}"`);
    const withMember = await audit();
    await root.query(`REVOKE pg_read_all_stats FROM "${DBA}"`);
    await root.query('REVOKE SET ON PARAMETER log_statement, work_mem FROM pg_database_owner');
    await root.query('REVOKE SET ON PARAMETER "pgaudit.log" FROM pg_read_all_stats');
    const reported = (run: Run) => (JSON.parse(run.out) as AuditReport).findings.filter((f) => f.check !== 'missing-pgaudit').map((f) => `${f.check}: ${f.subject}`);
    expect(withoutMember.code).toBe(1);
    // work_mem too: the stack grants no parameter privilege (adversarial run adv74a, D74-4).
    expect(reported(withoutMember)).toEqual(['parameter-privilege: pg_database_owner: log_statement', 'parameter-privilege: pg_database_owner: work_mem']);
    expect(withMember.code).toBe(1);
    expect(reported(withMember).sort()).toEqual(['parameter-privilege: pg_database_owner: log_statement', 'parameter-privilege: pg_database_owner: work_mem', 'parameter-privilege: pg_read_all_stats: pgaudit.log']);
    expect((JSON.parse(withMember.out) as AuditReport).findings.find((f) => f.subject === 'pg_read_all_stats: pgaudit.log')?.message).toContain(`its member "${DBA}" inherits it`);
  });

  test('SET and ALTER SYSTEM on a logging setting, or on session_replication_role (access control), granted to a login, a group role or PUBLIC; on another setting too (D74-4); to a predefined role no user is a member of, not reported (twenty-seventh run, A27b-2; A72-25)', async () => {
    const version = Number((await root.query('SHOW server_version_num')).rows[0].server_version_num);
    if (version < 150000) return; // GRANT ... ON PARAMETER is PostgreSQL 15's
    await root.query('GRANT SET ON PARAMETER log_statement TO orders_app');
    await root.query('GRANT SET, ALTER SYSTEM ON PARAMETER session_replication_role TO orders_readwrite');
    await root.query('GRANT SET ON PARAMETER log_min_messages TO PUBLIC');
    await root.query('GRANT SET ON PARAMETER "PgAudit.Log_Level" TO orders_app');
    await root.query('GRANT SET ON PARAMETER work_mem TO orders_app');
    await root.query('GRANT SET ON PARAMETER log_statement TO pg_monitor');
    const result = await audit();
    await root.query('REVOKE SET ON PARAMETER log_statement FROM orders_app, pg_monitor');
    await root.query('REVOKE SET, ALTER SYSTEM ON PARAMETER session_replication_role FROM orders_readwrite');
    await root.query('REVOKE SET ON PARAMETER log_min_messages FROM PUBLIC');
    await root.query('REVOKE SET ON PARAMETER "PgAudit.Log_Level" FROM orders_app');
    await root.query('REVOKE SET ON PARAMETER work_mem FROM orders_app');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as AuditReport;
    expect(report.findings.filter((f) => f.check === 'parameter-privilege').map((f) => [f.subject, f.message]).sort()).toEqual([
      ['PUBLIC: log_min_messages', 'PUBLIC holds SET on parameter "log_min_messages", a logging setting: it may change it itself (SET for its own sessions, ALTER SYSTEM for the server\'s) and escape the server\'s logging.'],
      ['orders_app: log_statement', expect.stringContaining('Role "orders_app" holds SET on parameter "log_statement"')],
      ['orders_app: pgaudit.log_level', expect.stringContaining('Role "orders_app" holds SET on parameter "pgaudit.log_level"')],
      ['orders_app: work_mem', expect.stringContaining('Role "orders_app" holds SET on parameter "work_mem", a privilege the stack never grants')],
      // Not a logging setting: what it turns off is access control (adversarial run adv72a, A72-25).
      ['orders_readwrite: session_replication_role', 'Role "orders_readwrite" holds ALTER SYSTEM, SET on parameter "session_replication_role", an access-control setting: it may set it to replica itself (SET for its own sessions, ALTER SYSTEM for the server\'s) and stop ordinary triggers, rules and foreign-key checks.'],
    ]);
    expect(report.findings.filter((f) => f.check !== 'parameter-privilege').map((f) => `${f.check}: ${f.message}`)).toEqual(cleanFindings());
  });

  test('a routine whose own settings weaken logging (ALTER FUNCTION/PROCEDURE ... SET, pg_proc.proconfig) is reported; a harmless setting is not (twenty-seventh run, A27b-2)', async () => {
    await rootOrders.query("CREATE FUNCTION public.quiet() RETURNS int LANGUAGE sql AS $$select 1$$");
    await rootOrders.query("ALTER FUNCTION public.quiet() SET \"PgAudit.Log\" = 'none'");
    await rootOrders.query("CREATE PROCEDURE public.chatty(n int) LANGUAGE sql SET log_statement = 'all' SET search_path = 'public' AS $$select 1$$");
    await rootOrders.query("CREATE FUNCTION public.harmless() RETURNS int LANGUAGE sql SET search_path = 'public' AS $$select 1$$");
    const result = await findings();
    await rootOrders.query('DROP FUNCTION public.quiet(), public.harmless()');
    await rootOrders.query('DROP PROCEDURE public.chatty(int)');
    expect(result.code).toBe(1);
    const reported = result.findings.filter((f) => f.startsWith('session-setting: '));
    expect(reported).toEqual([
      expect.stringMatching(/^session-setting: Procedure "public\.chatty\(IN n integer\)" in database "orders" \(its own setting, for every call\) sets log_statement to "all"/),
      expect.stringMatching(/^session-setting: Function "public\.quiet\(\)" in database "orders" \(its own setting, for every call\) sets pgaudit\.log to "none"/i),
    ]);
    expect(result.findings.filter((f) => !f.startsWith('session-setting: '))).toEqual(cleanFindings());
  });

  test('large objects: PUBLIC\'s SELECT, a login\'s own, a group\'s UPDATE, a login\'s direct SELECT, a group\'s own; the owner level\'s and Azure\'s own are not drift (thirty-second run, A32b-2)', async () => {
    for (const id of [4242, 4243, 4244, 4245, 4246, 4247]) await rootOrders.query(`SELECT lo_create(${id})`);
    await rootOrders.query('GRANT SELECT ON LARGE OBJECT 4242 TO PUBLIC');
    await rootOrders.query('ALTER LARGE OBJECT 4243 OWNER TO orders_app');
    await rootOrders.query('GRANT UPDATE ON LARGE OBJECT 4244 TO orders_readonly');
    await rootOrders.query('ALTER LARGE OBJECT 4245 OWNER TO orders_owner');
    await rootOrders.query('GRANT SELECT ON LARGE OBJECT 4246 TO "Orders Reporting"');
    await rootOrders.query('ALTER LARGE OBJECT 4247 OWNER TO orders_readwrite');
    const result = await findings();
    for (const id of [4242, 4243, 4244, 4245, 4246, 4247]) await rootOrders.query(`SELECT lo_unlink(${id})`);
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'public-privilege: PUBLIC holds SELECT on large object "4242" in database "orders".',
      'group-privilege: Group role "orders_readonly" holds UPDATE on large object "4244" in database "orders", which the stack does not declare.',
      'direct-privilege: Login role "Orders Reporting" holds SELECT on large object "4246" in database "orders", granted directly instead of through a group role.',
      'owned-by-login: Login role "orders_app" owns large object "4243" in database "orders", which the stack does not declare.',
      'owned-by-group-role: Group role "orders_readwrite" owns large object "4247" in database "orders", which the stack does not declare: its members hold every right on it.',
    ] });
  });

  test('many large objects are reported once per owner, grantee and privilege, naming the first five (thirty-second run, A32b-2)', async () => {
    const ids = [5001, 5002, 5003, 5004, 5005, 5006, 5007];
    for (const id of ids) {
      await rootOrders.query(`SELECT lo_create(${id})`);
      await rootOrders.query(`ALTER LARGE OBJECT ${id} OWNER TO orders_app`);
    }
    await rootOrders.query('GRANT ALL ON LARGE OBJECT 5001, 5002 TO PUBLIC');
    await rootOrders.query('GRANT SELECT ON LARGE OBJECT 5003 TO orders_readwrite WITH GRANT OPTION');
    const result = await findings();
    for (const id of ids) await rootOrders.query(`SELECT lo_unlink(${id})`);
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'public-privilege: PUBLIC holds SELECT, UPDATE on large objects "5001, 5002" in database "orders".',
      'group-privilege: Group role "orders_readwrite" holds SELECT WITH GRANT OPTION on large object "5003" in database "orders", which the stack does not declare.',
      'owned-by-login: Login role "orders_app" owns large objects "5001, 5002, 5003, 5004, 5005 and 2 more" in database "orders", which the stack does not declare.',
    ] });
  });

  // Adversarial run of stop 67 (e02): a login with CREATE on the database makes a trusted extension and owns it; it may then drop
  // it with CASCADE, and every column of its types in every table with it. The owner level's is not drift.
  test('an extension owned by a login, a group role other than the owner level, or the owner level: its owner drops it, pgaudit with it (adversarial run adv72a, A72-16)', async () => {
    await rootOrders.query('GRANT CREATE ON DATABASE orders TO orders_app, orders_owner, orders_readwrite');
    await rootOrders.query('SET ROLE orders_app; CREATE EXTENSION hstore; RESET ROLE');
    await rootOrders.query('SET ROLE orders_owner; CREATE EXTENSION pg_trgm; RESET ROLE');
    await rootOrders.query('SET ROLE orders_readwrite; CREATE EXTENSION citext; RESET ROLE');
    await rootOrders.query('REVOKE CREATE ON DATABASE orders FROM orders_app, orders_owner, orders_readwrite');
    const result = await findings();
    await rootOrders.query('DROP EXTENSION hstore; DROP EXTENSION pg_trgm; DROP EXTENSION citext');
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'owned-by-group-role: Group role "orders_readwrite" owns extension "citext" in database "orders", which the stack does not declare: its members hold every right on it.',
      'owned-by-login: Login role "orders_app" owns extension "hstore" in database "orders", which the stack does not declare.',
      ownerLevelOwns('extension "pg_trgm"'),
    ] });
  });

  test('server parameters the stack declares, changed on the server: log_connections and log_disconnections off, password_encryption md5; and log_min_messages panic, which silences pgaudit\'s LOG lines (adversarial run adv73a, D73-7)', async () => {
    await setServerParameters({ log_connections: 'off', log_disconnections: 'off', password_encryption: 'md5', log_min_messages: 'panic' });
    const result = await findings();
    await setServerParameters({ ...declaredParameters(), log_min_messages: 'warning' });
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'server-parameter: The server\'s log_connections is "off": the stack declares "on".',
      'server-parameter: The server\'s log_disconnections is "off": the stack declares "on".',
      'server-parameter: The server\'s log_min_messages is "panic": the server log drops ERROR lines (a "permission denied" among them), and at fatal or panic every LOG line too, pgaudit\'s included.',
      'server-parameter: The server\'s password_encryption is "md5": the stack declares "scram-sha-256".',
    ] });
  });

  test('SET or ALTER SYSTEM on parameters that are not logging settings: archive_command, shared_preload_libraries, session_preload_libraries, search_path (adversarial run adv74a, D74-4)', async () => {
    const version = Number((await root.query('SHOW server_version_num')).rows[0].server_version_num);
    if (version < 150000) return; // GRANT ... ON PARAMETER is PostgreSQL 15's
    const grants = [['ALTER SYSTEM', 'archive_command', 'orders_readonly'], ['SET', 'session_preload_libraries', '"Orders Reporting"'],
      ['ALTER SYSTEM', 'shared_preload_libraries', 'orders_readwrite'], ['SET', 'search_path', 'orders_app']];
    for (const [privilege, name, role] of grants) await root.query(`GRANT ${privilege} ON PARAMETER ${name} TO ${role}`);
    const result = await findings();
    for (const [privilege, name, role] of grants) await root.query(`REVOKE ${privilege} ON PARAMETER ${name} FROM ${role}`);
    expect(result.code).toBe(1);
    expect(result.findings.filter((f) => f.startsWith('parameter-privilege: ')).map((f) => f.replace(/, a privilege the stack never grants: .*$/, '')).sort()).toEqual([
      'parameter-privilege: Role "Orders Reporting" holds SET on parameter "session_preload_libraries"',
      'parameter-privilege: Role "orders_app" holds SET on parameter "search_path"',
      'parameter-privilege: Role "orders_readonly" holds ALTER SYSTEM on parameter "archive_command"',
      'parameter-privilege: Role "orders_readwrite" holds ALTER SYSTEM on parameter "shared_preload_libraries"',
    ]);
    expect(result.findings.filter((f) => !f.startsWith('parameter-privilege: '))).toEqual(cleanFindings());
  });

  test('server-wide logging weakened outside the stack\'s compared list: log_line_prefix emptied, pgaudit.log_statement off, pgaudit.log_client on at pgaudit.log_level debug5, log_destination syslog; harmless alone: pgaudit.log_level debug5, csvlog without the collector (adversarial run adv74a, D74-3)', async () => {
    if (live.withoutPgaudit) throw new Error(`pgaudit is not installed: apt-get install postgresql-${live.cluster.major}-pgaudit, as .ci/run does`);
    const weakened = { log_line_prefix: '', 'pgaudit.log_statement': 'off', 'pgaudit.log_client': 'on', 'pgaudit.log_level': 'debug5', log_destination: 'syslog' };
    await setServerParameters(weakened);
    const weak = await findings();
    await resetServerParameters(['pgaudit.log_statement', 'pgaudit.log_client', 'log_destination']);
    await setServerParameters({ ...declaredParameters(), log_destination: 'csvlog' });
    const harmless = await findings();
    await resetServerParameters(['pgaudit.log_level', 'log_destination']);
    expect(weak).toEqual({ code: 1, findings: [
      'server-parameter: The server\'s log_destination is "syslog": the server writes no log file (stderr, csvlog or jsonlog), so its log, pgaudit\'s lines included, is not where Azure exports it from.',
      `server-parameter: The server's log_line_prefix is "": the stack declares "${declaredParameters().log_line_prefix}".`,
      'server-parameter: The server\'s pgaudit.log_level is "debug5": pgaudit.log_client is on, so pgaudit writes its lines at this level instead of LOG, below the server\'s log_min_messages: the server log drops them.',
      'server-parameter: The server\'s pgaudit.log_statement is "off": pgaudit\'s lines hold no statement text, so the log says "ALTER ROLE" but not which role or what changed.',
    ] });
    expect(harmless).toEqual({ code: 0, findings: [] });
  });

  test('pgaudit that logs less than the stack declares: the server\'s pgaudit.log narrower, and pgaudit\'s event triggers disabled (adversarial run adv72a, A72-14, A72-23)', async () => {
    if (live.withoutPgaudit) throw new Error(`pgaudit is not installed: apt-get install postgresql-${live.cluster.major}-pgaudit, as .ci/run does`);
    await setServerPgauditLog('none');
    const none = await findings();
    await setServerPgauditLog('all,-role');
    const allButRole = await findings();
    await setServerPgauditLog('all');
    const more = await findings();
    await setServerPgauditLog('ddl,role,misc');
    await rootOrders.query('ALTER EVENT TRIGGER pgaudit_ddl_command_end DISABLE; ALTER EVENT TRIGGER pgaudit_sql_drop DISABLE');
    const triggers = await findings();
    await rootOrders.query('ALTER EVENT TRIGGER pgaudit_ddl_command_end ENABLE; ALTER EVENT TRIGGER pgaudit_sql_drop ENABLE');
    expect([none, allButRole, more, triggers]).toEqual([
      { code: 1, findings: ['pgaudit-log: The server\'s pgaudit.log is "none", which leaves out role, ddl, misc: the stack declares "ddl,role,misc".'] },
      { code: 1, findings: ['pgaudit-log: The server\'s pgaudit.log is "all,-role", which leaves out role: the stack declares "ddl,role,misc".'] },
      { code: 0, findings: [] },
      { code: 1, findings: [
        'pgaudit-event-trigger: pgaudit\'s event trigger "pgaudit_ddl_command_end" is disabled in database "orders": DDL there is not logged with its object names.',
        'pgaudit-event-trigger: pgaudit\'s event trigger "pgaudit_sql_drop" is disabled in database "orders": DDL there is not logged with its object names.',
      ] },
    ]);
  });

  test('the server\'s pgaudit.log \'none\' hidden by a session default of the audit\'s session with the declared value (of the auditing role, or of the database it connects to): the audit is incomplete, exit 2 with one line naming the default (adversarial run adv73a, D73-8)', async () => {
    if (live.withoutPgaudit) throw new Error(`pgaudit is not installed: apt-get install postgresql-${live.cluster.major}-pgaudit, as .ci/run does`);
    await setServerPgauditLog('none');
    await root.query(`ALTER ROLE "${DBA}" SET pgaudit.log = 'ddl,role,misc'`);
    const ofRole = await audit();
    await root.query(`ALTER ROLE "${DBA}" RESET pgaudit.log`);
    await root.query("ALTER DATABASE postgres SET pgaudit.log = 'ddl,role,misc'");
    const ofDatabase = await audit();
    await root.query('ALTER DATABASE postgres RESET pgaudit.log');
    await setServerPgauditLog('ddl,role,misc');
    const masked = 'the server\'s pgaudit.log was not compared: the audit\'s session has it from a session default';
    expect([ofRole.code, ofRole.err, (JSON.parse(ofRole.out) as AuditReport).findings]).toEqual([2, [PASSWORD_IN_CLEAR,
      `cdktf-azure-postgres: the audit is incomplete: ${masked} of the auditing role (ALTER ROLE "${DBA}" RESET pgaudit.log), which hides the server's value`], []]);
    expect([ofDatabase.code, ofDatabase.err]).toEqual([2, [PASSWORD_IN_CLEAR,
      `cdktf-azure-postgres: the audit is incomplete: ${masked} of the database the audit connects to (ALTER DATABASE <database> RESET pgaudit.log, or audit from another --database), which hides the server's value`]]);
  });

  test('the server\'s pgaudit.log \'none\' hidden by ALTER ROLE ALL SET with the declared value: the audit is incomplete, exit 2 naming the default (adversarial run adv74a, D74-2)', async () => {
    if (live.withoutPgaudit) throw new Error(`pgaudit is not installed: apt-get install postgresql-${live.cluster.major}-pgaudit, as .ci/run does`);
    await setServerPgauditLog('none');
    await root.query("ALTER ROLE ALL SET pgaudit.log = 'ddl,role,misc'");
    const run = await audit();
    await root.query('ALTER ROLE ALL RESET pgaudit.log');
    await setServerPgauditLog('ddl,role,misc');
    expect([run.code, run.err, (JSON.parse(run.out) as AuditReport).findings]).toEqual([2, [PASSWORD_IN_CLEAR,
      'cdktf-azure-postgres: the audit is incomplete: the server\'s pgaudit.log was not compared: the audit\'s session has it from a session default of every role (ALTER ROLE ALL RESET pgaudit.log), which hides the server\'s value'], []]);
  });

  test('pgaudit, a language, a foreign-data wrapper and a foreign server given to the owner level: its members may drop or replace them (adversarial run adv72a, A72-16)', async () => {
    if (live.withoutPgaudit) throw new Error(`pgaudit is not installed: apt-get install postgresql-${live.cluster.major}-pgaudit, as .ci/run does`);
    await rootOrders.query("UPDATE pg_catalog.pg_extension SET extowner = 'orders_owner'::regrole WHERE extname = 'pgaudit'");
    await rootOrders.query('CREATE LANGUAGE plperl_x HANDLER plpgsql_call_handler; ALTER LANGUAGE plperl_x OWNER TO orders_owner');
    await rootOrders.query('CREATE FOREIGN DATA WRAPPER fdw_x; GRANT USAGE ON FOREIGN DATA WRAPPER fdw_x TO orders_owner');
    await rootOrders.query('CREATE SERVER srv_x FOREIGN DATA WRAPPER fdw_x; ALTER SERVER srv_x OWNER TO orders_owner');
    // Only a superuser may own a foreign-data wrapper by ALTER: Azure's catalog as written.
    await rootOrders.query("UPDATE pg_catalog.pg_foreign_data_wrapper SET fdwowner = 'orders_owner'::regrole WHERE fdwname = 'fdw_x'");
    const result = await findings();
    await rootOrders.query(`UPDATE pg_catalog.pg_extension SET extowner = '${SUPERUSER}'::regrole WHERE extname = 'pgaudit'`);
    await rootOrders.query('DROP SERVER srv_x; DROP FOREIGN DATA WRAPPER fdw_x; DROP LANGUAGE plperl_x');
    expect(result).toEqual({ code: 1, findings: [
      ownerLevelOwns('extension "pgaudit"'),
      ownerLevelOwns('foreign data wrapper "fdw_x"'),
      ownerLevelOwns('foreign server "srv_x"'),
      ownerLevelOwns('language "plperl_x"'),
    ] });
  });

  test('types and domains owned by a login or a group role other than the owner level; the owner level\'s, a table\'s row type and array types are not drift (thirty-second run)', async () => {
    await rootOrders.query('SET ROLE orders_owner');
    await rootOrders.query("CREATE TYPE public.level AS ENUM ('low', 'high')");
    await rootOrders.query('CREATE TYPE public.span AS RANGE (subtype = integer)');
    await rootOrders.query('CREATE DOMAIN public.positive AS integer CHECK (VALUE > 0)');
    await rootOrders.query('RESET ROLE');
    const quiet = await findings();
    await rootOrders.query('CREATE DOMAIN public.amount AS numeric CHECK (VALUE >= 0)');
    await rootOrders.query('ALTER DOMAIN public.amount OWNER TO orders_app');
    await rootOrders.query('CREATE TYPE public.pair AS (a integer, b integer)');
    await rootOrders.query('ALTER TYPE public.pair OWNER TO orders_readonly');
    await rootOrders.query('ALTER TYPE public.span OWNER TO orders_app');
    const result = await findings();
    await rootOrders.query('DROP DOMAIN public.amount, public.positive');
    await rootOrders.query('DROP TYPE public.pair, public.level, public.span');
    expect(quiet).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'owned-by-login: Login role "orders_app" owns domain "public.amount" in database "orders", which the stack does not declare.',
      'owned-by-group-role: Group role "orders_readonly" owns type "public.pair" in database "orders", which the stack does not declare: its members hold every right on it.',
      'owned-by-login: Login role "orders_app" owns type "public.span" in database "orders", which the stack does not declare.',
    ] });
  });

  test('foreign-data wrappers and servers: PUBLIC\'s USAGE, a login\'s, a group\'s, a login owner; a language owned by a login (thirty-second run)', async () => {
    await rootOrders.query('CREATE FOREIGN DATA WRAPPER w0');
    await rootOrders.query('CREATE SERVER s0 FOREIGN DATA WRAPPER w0');
    await rootOrders.query('CREATE SERVER s1 FOREIGN DATA WRAPPER w0');
    const quiet = await findings();
    await rootOrders.query('GRANT USAGE ON FOREIGN SERVER s0 TO PUBLIC');
    await rootOrders.query('GRANT USAGE ON FOREIGN DATA WRAPPER w0 TO orders_app');
    await rootOrders.query('GRANT USAGE ON FOREIGN SERVER s0 TO orders_readwrite');
    await rootOrders.query('ALTER SERVER s1 OWNER TO billing_vendor');
    await rootOrders.query('ALTER LANGUAGE plpgsql OWNER TO orders_app');
    const result = await findings();
    await rootOrders.query(`ALTER LANGUAGE plpgsql OWNER TO ${SUPERUSER}`);
    await rootOrders.query('DROP FOREIGN DATA WRAPPER w0 CASCADE');
    expect(quiet).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'public-privilege: PUBLIC holds USAGE on foreign server "s0" in database "orders".',
      'direct-privilege: Login role "orders_app" holds USAGE on foreign data wrapper "w0" in database "orders", granted directly instead of through a group role.',
      'group-privilege: Group role "orders_readwrite" holds USAGE on foreign server "s0" in database "orders", which the stack does not declare.',
      'owned-by-login: Login role "billing_vendor" owns foreign server "s1" in database "orders", which the stack does not declare.',
      'owned-by-login: Login role "orders_app" owns language "plpgsql" in database "orders", which the stack does not declare.',
    ] });
  });

  test('user mappings for PUBLIC, a login or a group role sign them in to a foreign server whenever they query its foreign tables, USAGE or not; an administrator\'s own is not drift (adversarial run of stop 67, d04, d05)', async () => {
    await rootOrders.query('CREATE EXTENSION postgres_fdw; CREATE SERVER remote FOREIGN DATA WRAPPER postgres_fdw');
    await root.query('CREATE EXTENSION postgres_fdw; CREATE SERVER elsewhere FOREIGN DATA WRAPPER postgres_fdw');
    await rootOrders.query(`CREATE USER MAPPING FOR "${DBA}" SERVER remote OPTIONS (user 'remote_admin', password 'not-a-real-one')`);
    const quiet = await findings();
    await rootOrders.query("CREATE USER MAPPING FOR PUBLIC SERVER remote OPTIONS (user 'remote_admin')");
    await rootOrders.query("CREATE USER MAPPING FOR billing_vendor SERVER remote OPTIONS (user 'remote_admin')");
    await rootOrders.query("CREATE USER MAPPING FOR orders_readonly SERVER remote OPTIONS (user 'remote_admin')");
    await root.query("CREATE USER MAPPING FOR PUBLIC SERVER elsewhere OPTIONS (user 'remote_admin')");
    const result = await findings();
    await rootOrders.query('DROP EXTENSION postgres_fdw CASCADE');
    await root.query('DROP EXTENSION postgres_fdw CASCADE');
    expect(quiet).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'user-mapping: Role "billing_vendor" has a user mapping for foreign server "remote" in database "orders", which the stack does not declare: it signs in to the remote server with the mapping\'s credentials whenever it queries a foreign table of that server.',
      'user-mapping: Role "orders_readonly" has a user mapping for foreign server "remote" in database "orders", which the stack does not declare: it signs in to the remote server with the mapping\'s credentials whenever it queries a foreign table of that server.',
      'user-mapping: PUBLIC (every role without a mapping of its own) has a user mapping for foreign server "remote" in database "orders", which the stack does not declare: it signs in to the remote server with the mapping\'s credentials whenever it queries a foreign table of that server.',
      'user-mapping: PUBLIC (every role without a mapping of its own) has a user mapping for foreign server "elsewhere" in database "postgres", which the stack does not declare: it signs in to the remote server with the mapping\'s credentials whenever it queries a foreign table of that server.',
    ] });
  });

  test('pg_cron\'s own grants to PUBLIC (its script\'s SELECT on cron.job and the sequences, SELECT and DELETE on cron.job_run_details, each behind row-level security) are not drift (adversarial run of stop 67, d02)', async () => {
    if (!live.cluster.pgCron) throw new Error(`pg_cron is not installed: apt-get install postgresql-${live.cluster.major}-cron, as .ci/run does`);
    // The auditor reads the jobs (unread, they would leave the audit incomplete: A72-21).
    await rootOrders.query(`CREATE EXTENSION pg_cron; GRANT USAGE ON SCHEMA cron TO "${DBA}"`);
    const quiet = await findings();
    await rootOrders.query('GRANT INSERT ON cron.job_run_details TO PUBLIC');
    // A look-alike in another schema tied to the extension with PUBLIC's SELECT: recorded as the extension's, not its script's.
    await rootOrders.query('CREATE SCHEMA stash; CREATE TABLE stash.job (x text); GRANT SELECT ON stash.job TO PUBLIC');
    await rootOrders.query('ALTER EXTENSION pg_cron ADD SCHEMA stash; ALTER EXTENSION pg_cron ADD TABLE stash.job');
    const result = await findings();
    await rootOrders.query('DROP EXTENSION pg_cron');
    expect(quiet).toEqual({ code: live.withoutPgaudit ? 1 : 0, findings: cleanFindings() });
    expect(result).toEqual({ code: 1, findings: [
      ...cleanFindings(),
      'public-privilege: PUBLIC holds INSERT on table "cron.job_run_details" in database "orders".',
      'public-privilege: PUBLIC holds SELECT on table "stash.job" in database "orders".',
    ] });
  });

  test('pg_cron\'s jobs of a managed database that the audit cannot read leave it incomplete: exit 2, one line (adversarial run adv72a, A72-21); and a pg_cron job of an administrator in a managed database runs the owner level\'s code with the administrator\'s rights, whatever its command names; in another database, a function its command calls that another role owns (adversarial runs of stops 67 and 68, d02, c08)', async () => {
    if (!live.cluster.pgCron) throw new Error(`pg_cron is not installed: apt-get install postgresql-${live.cluster.major}-cron, as .ci/run does`);
    await rootOrders.query('CREATE EXTENSION pg_cron');
    const hiddenRun = await audit();
    const hidden = JSON.parse(hiddenRun.out) as AuditReport;
    await rootOrders.query(`GRANT USAGE ON SCHEMA cron TO "${DBA}"; GRANT EXECUTE ON FUNCTION cron.schedule_in_database(text, text, text, text, text, boolean) TO "${DBA}"`);
    await root.query("CREATE FUNCTION public.tidy(n integer) RETURNS void LANGUAGE sql AS 'SELECT'; ALTER FUNCTION public.tidy(integer) OWNER TO orders_owner");
    await root.query(`CREATE FUNCTION public.mine() RETURNS void LANGUAGE sql AS 'SELECT'; ALTER FUNCTION public.mine() OWNER TO "${DBA}"`);
    const admin = await live.server.connectAs(DBA, ADMIN_PASSWORD, 'orders');
    // Scheduled for the first of January: the jobs never run during the test.
    await admin.query("SELECT cron.schedule_in_database('own', '0 0 1 1 *', 'SELECT public.mine()', 'postgres')");
    const quiet = await audit();
    // The command names no function: the owner level's operator, trigger or default would run all the same (c08).
    await admin.query("SELECT cron.schedule('cleanup', '0 0 1 1 *', 'DELETE FROM public.orders WHERE id > 100')");
    await admin.query("SELECT cron.schedule_in_database('tidy', '0 0 1 1 *', 'SELECT public.\"tidy\" (1)', 'postgres')");
    const result = await audit();
    await admin.end();
    await rootOrders.query('DROP EXTENSION pg_cron');
    await root.query('DROP FUNCTION public.tidy(integer); DROP FUNCTION public.mine()');
    const cronNote = `pg_cron shows each role only its own jobs: the jobs of roles other than "${DBA}" were not read; audit as each administrator to check theirs.`;
    // Unread jobs of a managed database leave the audit incomplete, as an unread database does: exit 2, one line (A72-21).
    expect(hidden.notes).toContain('pg_cron\'s jobs in database "orders" could not be read ("no USAGE on schema cron or no SELECT on cron.job"): the functions they call were not checked, nor the jobs of the managed database, so the audit is incomplete.');
    expect([hiddenRun.code, hiddenRun.err]).toEqual([2, [PASSWORD_IN_CLEAR, 'cdktf-azure-postgres: the audit is incomplete: "orders", which the stack\'s roles may connect to, could not be read (the report\'s notes say why)']]);
    const quietReport = JSON.parse(quiet.out) as AuditReport;
    // The owner level's function in database postgres, which the stack does not manage, is a store of its own there (A72-17).
    const tidyOwned = 'owned-by-group-role: Group role "orders_owner" owns function "public.tidy(n integer)" in database "postgres", which the stack does not manage but its roles may connect to: a store the stack does not declare, which its members may write and grant to any role.';
    expect([quiet.code, quietReport.findings.map((f) => `${f.check}: ${f.message}`)]).toEqual([1, [...cleanFindings(), tidyOwned]]);
    expect(quietReport.notes).toContain(cronNote);
    const report = JSON.parse(result.out) as AuditReport;
    expect(result.code).toBe(1);
    expect(report.findings.filter((f) => !cleanFindings().includes(`${f.check}: ${f.message}`)).map((f) => `${f.check}: ${f.message}`)).toEqual([
      `definer-execute: Role "orders_owner" owns function "public.tidy(n integer) called by cron job tidy" in database "postgres", which the job runs as "${DBA}", an administrator or Azure's role: it may replace the function and run its code with the rights of "${DBA}" at the job's next run. Give the function to the job's role, or schedule the job as a role of the stack.`,
      tidyOwned,
      `definer-execute: pg_cron job "cleanup" runs as "${DBA}", an administrator or Azure's role, in managed database "orders": its statements run the code the owner level hangs on what they touch (triggers, rules, defaults, operators, the functions of views and indexes), which the owner level may change, with the rights of "${DBA}". Schedule it as the owner level (SET ROLE to it before cron.schedule), whose rights the code it runs has already, or drop it.`,
    ]);
  });

  test('a declared role dropped, and a declared membership revoked', async () => {
    await root.query('DROP ROLE "Orders Reporting"');
    await root.query('REVOKE orders_readwrite FROM orders_app');
    const result = await findings();
    await root.query('CREATE ROLE "Orders Reporting" LOGIN IN ROLE orders_readonly');
    await setLabels(AZURE_LABELS);
    await root.query('GRANT orders_readwrite TO orders_app');
    expect(result.code).toBe(1);
    expect(result.findings).toEqual([
      expect.stringMatching(/^missing-role: Role "Orders Reporting" is declared \(postgresql_role\.OrdersAccess_Role-OrdersReporting_Role_\w+\) but does not exist\.$/),
      'missing-membership: "orders_app" is declared a member of "orders_readwrite" but is not.',
      ...cleanFindings(),
    ]);
  });
});

describe('a block that creates nothing declares nothing: what it writes, done by hand, is reported (42nd run, A42b-2)', () => {
  // Each kind the audit reads from the stack, written as a block beside the construct's, with `existence` (count, for_each, enabled).
  function stackWith(existence: { [key: string]: unknown }, extra: { [section: string]: unknown } = {}): string {
    const stack = JSON.parse(JSON.stringify(live.stack));
    const { provider } = Object.values(stack.resource.postgresql_role as { [name: string]: { provider: string } })[0];
    const blocks: { [type: string]: { [key: string]: unknown } } = {
      postgresql_grant_role: { role: 'billing_vendor', grant_role: 'orders_readwrite' },
      postgresql_role: { name: 'sneaky', login: true, roles: ['orders_owner'] },
      postgresql_grant: { database: 'orders', role: 'orders_readonly', schema: 'public', object_type: 'table', objects: ['orders'], privileges: ['INSERT'] },
      postgresql_default_privileges: { database: 'orders', role: 'orders_readonly', owner: 'orders_owner', schema: 'public', object_type: 'table', privileges: ['INSERT'] },
      postgresql_database: { name: 'handmade', owner: 'orders_owner' },
    };
    for (const [type, body] of Object.entries(blocks)) {
      stack.resource[type] = { ...stack.resource[type], by_hand: { ...body, provider, ...existence } };
    }
    for (const [section, value] of Object.entries(extra)) stack[section] = { ...stack[section], ...(value as object) };
    const stackDir = mkdtempSync(join(tmpdir(), 'cdktf-azure-postgres-stack-'));
    writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify(stack));
    return stackDir;
  }

  /** The audit with the same five things done by hand: a membership, a login role in a group, a grant, default privileges, a database. */
  async function byHand(stackDir?: string): Promise<{ code: number; findings: string[]; notes: string[] }> {
    await root.query('GRANT orders_readwrite TO billing_vendor');
    await root.query("CREATE ROLE sneaky LOGIN PASSWORD 'sneaky-password' VALID UNTIL '2999-01-01' IN ROLE orders_owner");
    await rootOrders.query('GRANT INSERT ON public.orders TO orders_readonly');
    await rootOrders.query('ALTER DEFAULT PRIVILEGES FOR ROLE orders_owner IN SCHEMA public GRANT INSERT ON TABLES TO orders_readonly');
    await root.query('CREATE DATABASE handmade OWNER orders_owner');
    try {
      const run = await audit({ stackDir });
      const report = JSON.parse(run.out) as AuditReport;
      return { code: run.code, findings: report.findings.map((f) => `${f.check}: ${f.message}`), notes: [...report.notes] };
    } finally {
      await root.query('REVOKE orders_readwrite FROM billing_vendor');
      await root.query('DROP ROLE sneaky');
      await rootOrders.query('REVOKE INSERT ON public.orders FROM orders_readonly');
      await rootOrders.query('ALTER DEFAULT PRIVILEGES FOR ROLE orders_owner IN SCHEMA public REVOKE INSERT ON TABLES FROM orders_readonly');
      await root.query('DROP DATABASE handmade');
    }
  }

  let undeclared: { code: number; findings: string[] };
  beforeAll(async () => {
    const { code, findings: reported } = await byHand();
    undeclared = { code, findings: reported };
  });

  test('with the stack unchanged, each is reported', () => {
    expect(undeclared.code).toBe(1);
    expect(undeclared.findings).toEqual(expect.arrayContaining([
      'undeclared-membership: "billing_vendor" is a member of "orders_readwrite", which the stack does not declare.',
      'undeclared-login: Login role "sneaky" is not declared in the stack.',
      'undeclared-membership: "sneaky" is a member of "orders_owner", which the stack does not declare.',
      expect.stringMatching(/^group-privilege: Group role "orders_readonly" holds INSERT on table "public\.orders"/),
      expect.stringMatching(/^undeclared-database: Database "handmade" is not declared in the stack/),
    ]));
    expect(undeclared.findings.filter((finding) => finding.includes('INSERT') && finding.includes('default'))).not.toEqual([]);
  });

  test.each<[string, { [key: string]: unknown }, { [section: string]: unknown }?]>([
    // Other spellings of the same (count = "${0}", a local, for_each = [], enabled = "${false}") are read in declared-access.test.ts.
    ['count = 0', { count: 0 }, {}],
    ['for_each = {}', { for_each: {} }, {}],
    ['lifecycle.enabled = false (OpenTofu)', { lifecycle: { enabled: false } }, {}],
    ['for_each over a block that has none', { for_each: '${terraform_data.none}' }, { resource: { terraform_data: { none: { for_each: {} } } } }],
    // Counts Terraform computes as 0 at plan with a function (43rd run, A43b-2).
    ['count = "${length([])}"', { count: '${length([])}' }, {}],
    ['count = "${min(1, 0)}"', { count: '${min(1, 0)}' }, {}],
    ['count = length(local.l), l = []', { count: '${length(local.l)}' }, { locals: { l: [] } }],
    ['for_each = toset(keys(local.m)), m = {}', { for_each: '${toset(keys(local.m))}' }, { locals: { m: {} } }],
  ])('%s: every one is still reported, as with the stack unchanged', async (_name, existence, extra) => {
    // `extra` joins sections: the resource section is merged by type below.
    const sections = { ...extra };
    const resource = sections.resource as { [type: string]: unknown } | undefined;
    delete sections.resource;
    const stackDir = stackWith(existence, sections);
    if (resource !== undefined) {
      const stack = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
      Object.assign(stack.resource, resource);
      writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify(stack));
    }
    const result = await byHand(stackDir);
    expect({ code: result.code, findings: result.findings }).toEqual(undeclared);
  });

  test.each<[string, { [key: string]: unknown }, object]>([
    ['a plain block', {}, {}],
    ['count = 1', { count: 1 }, {}],
    ['for_each with literal keys', { for_each: { one: 'one' } }, {}],
    ['count = "${length(["a"])}"', { count: '${length(["a"])}' }, {}],
  ])('controls: %s declares what it writes: none of the five is reported', async (_name, existence) => {
    const result = await byHand(stackWith(existence));
    expect(result.findings.filter((finding) => undeclared.findings.includes(finding))).toEqual([]);
    expect(result.notes.filter((note) => note.includes('could not compute (')).filter((note) => note.includes('count'))).toEqual([]);
  });

  test('a count known only at apply time: taken as declared, with a note naming the blocks', async () => {
    const result = await byHand(stackWith({ count: '${var.n}' }));
    expect(result.findings.filter((finding) => undeclared.findings.includes(finding))).toEqual([]);
    const [note] = result.notes.filter((line) => line.startsWith('5 declared block(s) have a count, for_each or lifecycle.enabled the checks could not compute ('));
    for (const type of ['postgresql_grant_role', 'postgresql_role', 'postgresql_grant', 'postgresql_default_privileges', 'postgresql_database']) expect(note).toContain(`"${type}.by_hand"`);
  });
});

describe('the Markdown report names each drift with its fix', () => {
  test('exit 1, one section per check', async () => {
    await root.query('CREATE ROLE rogue2 LOGIN CREATEROLE');
    const run = await audit({ json: false });
    await root.query('DROP ROLE rogue2');
    expect(run.code).toBe(1);
    expect(run.out).toContain('## dangerous-attribute');
    expect(run.out).toContain('- Role "rogue2" has CREATEROLE.');
    expect(run.out).toContain('## undeclared-login');
    expect(run.out).toContain('- Login role "rogue2" is not declared in the stack.');
    expect(run.out).toContain('## password-without-expiry');
    expect(run.out).toContain('Fix: Remove the attribute');
  });

  test('roles named with a look-alike letter or a thin space read apart from the declared role they mimic (93rd run, A93a-4)', async () => {
    await root.query(`CREATE ROLE "\u043erders_app" LOGIN CREATEROLE PASSWORD 'x' VALID UNTIL '2020-01-01'`);
    await root.query('GRANT orders_owner TO "\u043erders_app"');
    await root.query(`CREATE ROLE "orders\u2009app" LOGIN PASSWORD 'x' VALID UNTIL '2999-01-01'`);
    const run = await audit({ json: false });
    await root.query('DROP ROLE "\u043erders_app"');
    await root.query('DROP ROLE "orders\u2009app"');
    // The Markdown escapes the backslash of each escape, so that it prints as one.
    const cyrillic = '"\u043erders_app" (\\\\u{43e}rders_app, its characters outside printable ASCII escaped)';
    const thin = '"orders\u2009app" (orders\\\\u{2009}app, its characters outside printable ASCII escaped)';
    expect(run.code).toBe(1);
    for (const line of [
      `- Role ${cyrillic} looks like the declared role "orders_app" but is not it: what is reported of it is not drift of "orders_app".`,
      `- Role ${thin} looks like the declared role "orders_app" but is not it: what is reported of it is not drift of "orders_app".`,
      `- Role ${cyrillic} has CREATEROLE.`,
      `- Login role ${cyrillic} is not declared in the stack.`,
      `- Login role ${thin} is not declared in the stack.`,
      `- ${cyrillic} is a member of "orders_owner", which the stack does not declare.`,
      `- The password of ${cyrillic} expired on 2020-01-01T00:00:00Z.`,
    ]) expect(run.out.split('\n')).toContain(line);
  });
});

describe('the package\'s command (bin/cdktf-azure-postgres.js on the built dist/)', () => {
  test('exits 1 naming the drift, and 0 once it is undone', async () => {
    const command = (args: string[]) => new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, [join(__dirname, '..', '..', 'bin', 'cdktf-azure-postgres.js'), ...args], {
        env: { ...process.env, PGPASSWORD: ADMIN_PASSWORD, PGSSLMODE: 'disable', PGUSER: DBA },
      }, (_, stdout) => resolve({ code: child.exitCode, stdout }));
    });
    const args = ['audit-roles', join(live.stackDir, 'cdk.tf.json'), '--host', '127.0.0.1', '--port', String(live.cluster.port)];
    await root.query('CREATE ROLE rogue3 NOLOGIN CREATEDB');
    const drifted = await command(args);
    await root.query('DROP ROLE rogue3');
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toContain('- Role "rogue3" has CREATEDB.');
    expect((await command(args)).code).toBe(live.withoutPgaudit ? 1 : 0);
  });
});

describe('signing in', () => {
  const TOKEN_IN_CLEAR = 'cdktf-azure-postgres: warning: PGSSLMODE is disable: the connection is not encrypted, so the Entra access token (valid on every server the identity administers) is sent over the network in clear text. Use PGSSLMODE=verify-full (the default).';
  test('without PGPASSWORD, with an Entra token as the password', async () => {
    const scopes: string[] = [];
    const token = entraTokenSource(() => ({
      DefaultAzureCredential: class {
        public async getToken(scope: string) {
          scopes.push(scope);
          // The local administrator's password stands in for the token Azure would check.
          return { token: ADMIN_PASSWORD };
        }
      },
    }));
    const run = await audit({ env: { PGSSLMODE: 'disable' }, token });
    expect(scopes).toEqual([ENTRA_SCOPE]);
    expect(run.code).toBe(live.withoutPgaudit ? 1 : 0);
    // The token went in clear text: said on stderr before signing in, and in the report (A9-7).
    expect(run.err).toEqual([TOKEN_IN_CLEAR]);
    expect((JSON.parse(run.out) as AuditReport).notes).toContain(
      'TLS: PGSSLMODE is disable: the connection is not encrypted, so the Entra access token (valid on every server the identity administers) is sent over the network in clear text.',
    );
  });

  test('PGSSLMODE=require: the warning says the server\'s identity was not checked (ninth review, A9-7)', async () => {
    const run = await audit({ env: { PGPASSWORD: ADMIN_PASSWORD, PGSSLMODE: 'require' }, json: false });
    // The local server has no TLS: the sign-in fails, but the warning came first.
    expect(run.err[0]).toBe('cdktf-azure-postgres: warning: PGSSLMODE is require: the server\'s certificate is not checked, so the password (PGPASSWORD) is sent to a server whose identity is not verified. Use PGSSLMODE=verify-full (the default).');
  });

  test('without PGPASSWORD and without @azure/identity: exit 2, one line saying what to install', async () => {
    const token = entraTokenSource(() => {
      throw Object.assign(new Error("Cannot find module '@azure/identity'"), { code: 'MODULE_NOT_FOUND' });
    });
    expect(await audit({ env: { PGSSLMODE: 'disable' }, token })).toEqual({ code: 2, out: '', err: [
      TOKEN_IN_CLEAR,
      'cdktf-azure-postgres: no PGPASSWORD is set, and signing in with Entra ID needs @azure/identity, which is not installed: run npm install @azure/identity, or set PGPASSWORD',
    ] });
  });

  test('a wrong password: exit 2, the server\'s reason on one line', async () => {
    expect(await audit({ env: { PGPASSWORD: 'wrong', PGSSLMODE: 'disable' } })).toEqual({ code: 2, out: '', err: [
      PASSWORD_IN_CLEAR,
      `cdktf-azure-postgres: cannot audit 127.0.0.1:${live.cluster.port} as ${DBA}: password authentication failed for user "${DBA}"`,
    ] });
  });

  test('TLS by default (verify-full): a server without TLS is refused, exit 2', async () => {
    const run = await audit({ env: { PGPASSWORD: ADMIN_PASSWORD } });
    expect(run).toEqual({ code: 2, out: '', err: [`cdktf-azure-postgres: cannot audit 127.0.0.1:${live.cluster.port} as ${DBA}: The server does not support SSL connections`] });
  });

  test('the audit\'s sessions are read-only', async () => {
    const open: OpenSession = sessionOpener({ host: '127.0.0.1', port: live.cluster.port, user: DBA, database: 'postgres' }, ADMIN_PASSWORD, false);
    const session = await open('postgres');
    // Names resolve in the catalogs only: nothing a database user makes on the default path stands in for a built-in (A92b-2).
    expect(await session.query('SHOW search_path')).toEqual([{ search_path: 'pg_catalog, pg_temp' }]);
    await expect(session.query('CREATE ROLE written_by_audit')).rejects.toThrow('cannot execute CREATE ROLE in a read-only transaction');
    await session.close();
    expect((await root.query("SELECT count(*)::int AS n FROM pg_roles WHERE rolname = 'written_by_audit'")).rows).toEqual([{ n: 0 }]);
  });

  test('no server listening: exit 2', async () => {
    const run = await audit({ port: '1' });
    expect(run.code).toBe(2);
    expect(run.err).toEqual([PASSWORD_IN_CLEAR, expect.stringMatching(/^cdktf-azure-postgres: cannot audit 127\.0\.0\.1:1 as grp-orders-dba: connect ECONNREFUSED 127\.0\.0\.1:1$/)]);
  });
});
