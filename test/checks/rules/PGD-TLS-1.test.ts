import { postgresqlProviders } from '../../../lib/checks/database-checks';
import { rule } from '../../../lib/checks/rules/PGD-TLS-1';
import { buildStackModel } from '../../../lib/checks/stack-model';
import { databaseStack, groupRole, judgeAllIn, judgeIn, PROVIDER } from '../database-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from '../rule-harness';

const ROLES = { postgresql_role: { ro: groupRole('orders_readonly') } };

/** The fixture's stack with its provider's TLS settings replaced. */
function withTls(tls: { [key: string]: unknown }): ReturnType<typeof databaseStack> {
  const stack = databaseStack(ROLES);
  const [provider] = (stack.provider as { postgresql: { [key: string]: unknown }[] }).postgresql;
  const rest = Object.fromEntries(Object.entries(provider).filter(([key]) => key !== 'sslmode'));
  return { ...stack, provider: { postgresql: [{ ...rest, ...tls }] } };
}

test('passes a provider with sslmode verify-full', () => {
  expect(judgeIn(rule, databaseStack(ROLES))).toEqual({ status: 'pass' });
  expect(judgeIn(rule, withTls({ sslmode: '${"verify-full"}' }))).toEqual({ status: 'pass' });
});

// cyrilgdn/postgresql reads ssl_mode only when sslmode is empty after its default, the runner's PGSSLMODE (A36a-1).
test('fails the deprecated ssl_mode = verify-full when sslmode is not written: PGSSLMODE is read first', () => {
  expect(judgeIn(rule, withTls({ ssl_mode: 'verify-full' }))).toEqual({
    status: 'fail',
    message: `provider ${PROVIDER} has sslmode not set, so the runner's PGSSLMODE decides (else the deprecated ssl_mode "verify-full", read only when PGSSLMODE is empty), `
      + 'which may not check the server\'s certificate, so a man-in-the-middle can take the token it signs in with.',
    address: 'postgresql_role.ro',
  });
});

test('is not applicable when no postgresql resource or data source signs in to the server', () => {
  expect(judgeIn(rule, databaseStack({}))).toEqual({ status: 'not-applicable', note: 'no postgresql provider resource or data source signs in to the server' });
});

test.each(['require', 'prefer', 'allow', 'disable', 'VERIFY-FULL'])('fails sslmode %p, which does not check the certificate', (mode) => {
  expect(judgeAllIn(rule, withTls({ sslmode: mode }))).toEqual([{
    status: 'fail',
    message: `provider ${PROVIDER} has sslmode ${JSON.stringify(mode)}, which does not check the server's certificate, so a man-in-the-middle can take the token it signs in with.`,
    address: 'postgresql_role.ro',
    // Only the literal "require" is the weaker choice DatabaseAccess's sslModeJustification may cover.
    ...(mode === 'require' ? { subject: 'sslmode require' } : {}),
  }]);
});

test('fails verify-ca: Azure\'s certificates come from public CAs, and verify-ca does not check the host name', () => {
  expect(judgeIn(rule, withTls({ sslmode: 'verify-ca' }))).toEqual({
    status: 'fail',
    message: `provider ${PROVIDER} has sslmode "verify-ca", which checks the certificate's issuer but not the host name it was issued to, so a man-in-the-middle can take the token it signs in with.`,
    address: 'postgresql_role.ro',
  });
});

test('fails a provider without sslmode (the runner\'s PGSSLMODE, else "require")', () => {
  expect(judgeIn(rule, withTls({}))).toEqual({
    status: 'fail',
    message: `provider ${PROVIDER} has sslmode not set, so the runner's PGSSLMODE decides (else "require"), which may not check the server's certificate, so a man-in-the-middle can take the token it signs in with.`,
    address: 'postgresql_role.ro',
  });
});

test('sslmode wins over the deprecated ssl_mode, as the provider reads them', () => {
  expect(judgeIn(rule, withTls({ sslmode: 'require', ssl_mode: 'verify-full' }))).toMatchObject({ status: 'fail' });
});

test('an sslmode known only at apply time is unknown, never a pass', () => {
  expect(judgeIn(rule, withTls({ sslmode: '${var.sslmode}' }))).toEqual({
    status: 'unknown',
    note: `the sslmode of provider ${PROVIDER} is known only at apply time`,
    address: 'postgresql_role.ro',
  });
});

test('a resource whose provider this stack does not configure fails on the server it may reach', () => {
  const terraform = { resource: { postgresql_role: { ro: { ...groupRole('orders_readonly'), provider: 'postgresql.missing' } } } };
  const server = buildStackModel(terraform).servers.find((s) => s.inDatabase.length > 0)!;
  expect(rule.evaluate(server, { postgresqlProviders: postgresqlProviders(terraform) })).toEqual([{
    status: 'fail',
    message: 'provider postgresql.missing is not configured in this stack, so it uses the default sslmode (PGSSLMODE, else "require"), which does not check the server\'s certificate.',
    address: 'postgresql_role.ro',
  }]);
});

test('one verdict per provider at fault, each at the first resource that signs in with it', () => {
  const stack = withTls({ sslmode: 'require' });
  const terraform = { ...stack, resource: { ...stack.resource, postgresql_role: { ro: groupRole('orders_readonly', { provider: PROVIDER }), rw: groupRole('orders_readwrite', { provider: PROVIDER }) } } };
  expect(judgeAllIn(rule, terraform).map((v) => v.status === 'fail' && v.address)).toEqual(['postgresql_role.ro']);
});

// A35b-3: the provider block is read with the stack's locals, as a resource is: a local the evaluator computes is its value.
test('an sslmode from a local is the local\'s value: verify-full passes, require fails, a variable behind it is unknown', () => {
  expect(judgeIn(rule, { ...withTls({ sslmode: '${local.mode}' }), locals: { mode: 'verify-full' } })).toMatchObject({ status: 'pass' });
  expect(judgeIn(rule, { ...withTls({ sslmode: '${local.mode}' }), locals: { mode: 'require' } })).toMatchObject({ status: 'fail', address: 'postgresql_role.ro' });
  expect(judgeIn(rule, { ...withTls({ sslmode: '${local.mode}' }), locals: { mode: '${var.mode}' } })).toMatchObject({ status: 'unknown', address: 'postgresql_role.ro' });
});

/** The fixture's server with a second provider (alias "reader", the server's FQDN as host) used only by data sources. */
function withReader(reader: { [key: string]: unknown }, data: { [type: string]: { [name: string]: { [key: string]: unknown } } }): object {
  const stack = databaseStack(ROLES);
  const [provider] = (stack.provider as { postgresql: { [key: string]: unknown }[] }).postgresql;
  return { ...stack, provider: { postgresql: [provider, { ...provider, alias: 'reader', ...reader }] }, data };
}

test('fails a provider used only by a data source (read at every plan) without verify-full', () => {
  const terraform = withReader({ sslmode: 'disable' }, { postgresql_schemas: { schemas: { provider: 'postgresql.reader', database: 'orders' } } });
  expect(judgeAllIn(rule, terraform)).toEqual([{
    status: 'fail',
    message: 'provider postgresql.reader has sslmode "disable", which does not check the server\'s certificate, so a man-in-the-middle can take the token it signs in with.',
    address: 'data.postgresql_schemas.schemas',
  }]);
});

test('a data source whose provider names the server by a literal host (in the cloud azurerm writes) is judged too', () => {
  const read = withReader({ sslmode: 'require', host: 'orders-db.postgres.database.azure.com' }, { postgresql_tables: { tables: { provider: 'postgresql.reader', database: 'orders' } } }) as { provider: object };
  const terraform = { ...read, provider: { ...read.provider, azurerm: [{ features: [{}], environment: 'public' }] } };
  expect(judgeAllIn(rule, terraform)).toEqual([expect.objectContaining({ status: 'fail', address: 'data.postgresql_tables.tables' })]);
});

test('passes a data source whose provider verifies the certificate, and ignores one that count makes zero times', () => {
  const data = { postgresql_schemas: { schemas: { provider: 'postgresql.reader', database: 'orders' } }, postgresql_tables: { none: { provider: 'postgresql.insecure', database: 'orders', count: 0 } } };
  expect(judgeAllIn(rule, withReader({}, data))).toEqual([{ status: 'pass' }]);
});

test('a server read only by data sources is judged', () => {
  const stack = withReader({ sslmode: 'prefer' }, { postgresql_schemas: { schemas: { provider: 'postgresql.reader', database: 'orders' } } });
  const terraform = { ...stack, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } } };
  expect(judgeAllIn(rule, terraform)).toEqual([expect.objectContaining({ status: 'fail', address: 'data.postgresql_schemas.schemas' })]);
});

test('fails an sslrootcert under verify-full: it replaces the trust anchors, and names the path as its subject', () => {
  expect(judgeAllIn(rule, withTls({ sslmode: 'verify-full', sslrootcert: '/etc/ssl/corp-ca.pem' }))).toEqual([{
    status: 'fail',
    message: `provider ${PROVIDER} has sslrootcert "/etc/ssl/corp-ca.pem", which replaces the trust anchors verify-full checks the server's certificate against, `
      + 'so a server holding a certificate from that CA takes the token it signs in with.',
    address: 'postgresql_role.ro',
    subject: 'sslrootcert "/etc/ssl/corp-ca.pem"',
  }]);
});

test('an sslrootcert known only at apply time is unknown', () => {
  expect(judgeAllIn(rule, withTls({ sslmode: 'verify-full', sslrootcert: '${var.ca}' }))).toEqual([{
    status: 'unknown',
    note: `the sslrootcert of provider ${PROVIDER} is known only at apply time`,
    address: 'postgresql_role.ro',
  }]);
});

test('fails both a weak sslmode and an sslrootcert, so one cannot hide the other', () => {
  expect(judgeAllIn(rule, withTls({ sslmode: 'disable', sslrootcert: 'ca.pem' })).map((verdict) => verdict.status)).toEqual(['fail', 'fail']);
});

// 86th run, A86a-3: the server checks the certificate of the servers it signs in to: a subscription's conninfo and a postgres_fdw
// foreign server's options set sslmode verify-full (a reviewed subscription whose conninfo later turns TLS off is judged here).
describe('the servers the server signs in to (A86a-3)', () => {
  const subscription = (conninfo: string) => ({ postgresql_subscription: { s: { name: 's', database: 'orders', publications: ['p'], conninfo } } });
  const foreign = (options: unknown, fdw = 'postgres_fdw') => ({ postgresql_server: { f: { server_name: 'f', fdw_name: fdw, options } } });
  test.each([
    [subscription('host=pub.example.com user=repl password=${var.p} dbname=orders'), 'postgresql_subscription.s: conninfo sets no sslmode as a literal (libpq then uses "prefer")'],
    [subscription('host=pub.example.com sslmode=disable password=${var.p}'), 'postgresql_subscription.s: conninfo sets sslmode "disable"'],
    [subscription('postgresql://repl:${var.p}@pub.example.com/orders?sslmode=require'), 'postgresql_subscription.s: conninfo sets sslmode "require"'],
    [foreign({ host: 'dw.example.com', dbname: 'dw' }), 'postgresql_server.f: options sets no sslmode as a literal'],
    [foreign({ host: 'dw.example.com', sslmode: 'prefer' }), 'postgresql_server.f: options sets sslmode "prefer"'],
    [foreign({ host: 'dw.example.com', sslmode: 'require' }, 'dblink_fdw'), 'postgresql_server.f: options sets sslmode "require"'],
  ])('%j fails', (resources, message) => {
    expect(judgeAllIn(rule, databaseStack({ ...ROLES, ...resources }))).toEqual([{ status: 'fail', message: expect.stringContaining(message) as string, address: Object.keys(resources).map((type) => `${type}.${Object.keys((resources as { [t: string]: object })[type])[0]}`)[0] }]);
  });
  test('a wrapper known only at apply time may be one that connects with libpq: unknown', () => {
    expect(judgeAllIn(rule, databaseStack({ ...ROLES, ...foreign({ host: 'dw.example.com' }, '${var.fdw}') }))).toEqual([expect.objectContaining({ status: 'unknown', address: 'postgresql_server.f' })]);
  });
  // A conninfo that is one reference, or ends with one, may spell any sslmode (C81-29).
  test.each(['host=pub.example.com sslmode=${var.mode}', '${var.conninfo}', 'host=pub.example.com sslmode=verify-full ${var.options}'])('sslmode from a reference cannot be told: %s', (conninfo) => {
    expect(judgeAllIn(rule, databaseStack({ ...ROLES, ...subscription(conninfo) }))).toEqual([expect.objectContaining({ status: 'unknown', address: 'postgresql_subscription.s' })]);
  });
  test.each([
    [subscription('host=pub.example.com sslmode=verify-full password=${var.p}')],
    [subscription('postgresql://repl:${var.p}@pub.example.com/orders?sslmode=verify-full')],
    [foreign({ host: 'dw.example.com', SSLMODE: 'verify-full' })],
    [foreign({ host: 'dw.example.com' }, 'mysql_fdw')],
  ])('%j passes', (resources) => {
    expect(judgeAllIn(rule, databaseStack({ ...ROLES, ...resources }))).toEqual([{ status: 'pass' }]);
  });
});
