import { rule } from '../../../lib/checks/rules/PGD-IAM-11';
import { databaseStack, declaredAccess, groupRole, judgeDeclared, PROVIDER } from '../database-fixtures';
import { FLEXIBLE } from '../rule-harness';

const PATH = 'stack/Access';
/** A group role DatabaseAccess makes, with its construct path. */
const made = (name: string, overrides: object = {}) => ({ ...groupRole(name), '//': { metadata: { path: `${PATH}/Database-orders/Group-${name}` } }, ...overrides });
const ROLES = { postgresql_role: { ro: made('orders_readonly') } };
const WHO = `provider ${PROVIDER} of ${PATH}`;

/** The fixture's stack with its provider as DatabaseAccess writes it, then the given attributes changed. */
function withProvider(attributes: { [key: string]: unknown } = {}, resources: object = ROLES): ReturnType<typeof databaseStack> {
  const stack = databaseStack(resources as never);
  const [provider] = (stack.provider as { postgresql: { [key: string]: unknown }[] }).postgresql;
  const config = Object.fromEntries(Object.entries({ ...provider, port: 5432, username: 'grp-dba', azure_tenant_id: '11111111-2222-3333-4444-555555555555', connect_timeout: 30, ...attributes }).filter(([, value]) => value !== undefined));
  return { ...stack, provider: { postgresql: [config] } };
}

/** withProvider, its server deployed by an azurerm provider of the given arguments (the default: none written). */
function inCloud(azurerm: object | null, attributes: { [key: string]: unknown } = {}): ReturnType<typeof databaseStack> {
  const stack = withProvider(attributes);
  return azurerm === null ? stack : { ...stack, provider: { ...stack.provider, azurerm: [azurerm] } };
}

test('passes the provider DatabaseAccess writes, and the server\'s literal host name in any case in its written cloud', () => {
  expect(judgeDeclared(rule, withProvider())).toEqual([{ status: 'pass' }]);
  expect(judgeDeclared(rule, inCloud({ environment: 'public' }, { host: 'ORDERS-DB.postgres.database.azure.com' }))).toEqual([{ status: 'pass' }]);
});

// 38th run, A38a-2, A38b-2: the server's name is its host only under its own cloud's domain, the cloud its azurerm provider writes.
describe('the server\'s name is its host only in the cloud azurerm deploys it to', () => {
  const NAME = `\${${FLEXIBLE}.db.name}`;
  test.each<[string, object | null, string]>([
    ['the fqdn, azurerm in China', { environment: 'china' }, `\${${FLEXIBLE}.db.fqdn}`],
    ['the fqdn, azurerm in US Gov', { environment: 'usgovernment' }, `\${${FLEXIBLE}.db.fqdn}`],
    ['the fqdn, environment not written', { features: [{}] }, `\${${FLEXIBLE}.db.fqdn}`],
    ['the fqdn, no azurerm block', null, `\${${FLEXIBLE}.db.fqdn}`],
    ['the US Gov name under usgovernment', { environment: 'usgovernment' }, 'orders-db.postgres.database.usgovcloudapi.net'],
    ['the US Gov name under dod', { environment: 'dod' }, 'Orders-DB.postgres.database.usgovcloudapi.net.'],
    ['the China name under china', { environment: 'china' }, 'orders-db.postgres.database.chinacloudapi.cn'],
    ['${name} under the China domain under china', { environment: 'china' }, `${NAME}.postgres.database.chinacloudapi.cn`],
    ['${name} under the public domain under public', { environment: 'public' }, `${NAME}.postgres.database.azure.com`],
  ])('%s passes', (_name, azurerm, host) => {
    expect(judgeDeclared(rule, inCloud(azurerm, { host }))).toEqual([{ status: 'pass' }]);
  });

  test.each<[string, object, string]>([
    ['the public name under china', { environment: 'china' }, 'orders-db.postgres.database.azure.com'],
    ['the public name under usgovernment', { environment: 'usgovernment' }, 'orders-db.postgres.database.azure.com'],
    ['the China name under public', { environment: 'public' }, 'orders-db.postgres.database.chinacloudapi.cn'],
    ['the US Gov name under china', { environment: 'china' }, 'orders-db.postgres.database.usgovcloudapi.net'],
    ['${name} under the public domain under china', { environment: 'china' }, `${NAME}.postgres.database.azure.com`],
    ['the privatelink name in its own cloud', { environment: 'public' }, 'orders-db.privatelink.postgres.database.azure.com'],
    ['the private zone\'s apex', { environment: 'public' }, 'orders-db.private.postgres.database.azure.com'],
  ])('%s fails: another server', (_name, azurerm, host) => {
    expect(judgeDeclared(rule, inCloud(azurerm, { host }))).toEqual([{
      status: 'fail', address: 'postgresql_role.ro',
      message: `${WHO} has host ${JSON.stringify(host)}, not the FQDN of ${FLEXIBLE}.db: the Entra token of grp-dba is sent there, and the roles, grants and PUBLIC revokes are made there instead of on the server.`,
    }]);
  });

  test.each<[string, object | null, RegExp]>([
    ['environment not written', { features: [{}] }, /environment not set, so the runner's ARM_ENVIRONMENT decides its cloud/],
    ['no azurerm block', null, /azurerm provider azurerm is not configured in the stack/],
    ['environment a variable', { environment: '${var.cloud}' }, /known only at apply time/],
    ['metadata_host written', { environment: 'public', metadata_host: 'management.azure.com' }, /has metadata_host/],
  ])('the public name with %s fails closed, saying what it could not read and what to do', (_name, azurerm, why) => {
    for (const host of ['orders-db.postgres.database.azure.com', `${NAME}.postgres.database.azure.com`]) {
      const verdicts = judgeDeclared(rule, inCloud(azurerm, { host }));
      expect(verdicts).toEqual([expect.objectContaining({ status: 'fail', address: 'postgresql_role.ro' })]);
      const { message } = verdicts[0] as { message: string };
      expect(message).toMatch(why);
      expect(message).toMatch(/it names the server by name under postgres\.database\.azure\.com, and .*reference the server's fqdn in the host, or write the provider's environment/);
    }
  });
});

test('is not applicable on a server no DatabaseAccess manages', () => {
  expect(judgeDeclared(rule, withProvider(), [])).toEqual([{ status: 'not-applicable', note: 'no DatabaseAccess manages the server' }]);
  expect(judgeDeclared(rule, withProvider(), [declaredAccess({ server: `${FLEXIBLE}.other` })])).toEqual([{ status: 'not-applicable', note: 'no DatabaseAccess manages the server' }]);
});

test.each([
  [{ host: 'db.attacker.example' }, `has host "db.attacker.example", not the FQDN of ${FLEXIBLE}.db: the Entra token of grp-dba is sent there, and the roles, grants and PUBLIC revokes are made there instead of on the server.`],
  [{ host: undefined }, `has host null, not the FQDN of ${FLEXIBLE}.db: the Entra token of grp-dba is sent there, and the roles, grants and PUBLIC revokes are made there instead of on the server.`],
  [{ port: 6432 }, 'has port 6432, not 5432.'],
  [{ port: undefined }, 'has port null, not 5432 (not set: the runner\'s PGPORT decides).'],
  [{ database: undefined }, 'has database null, not "postgres" (not set: the runner\'s PGDATABASE decides).'],
  [{ database: 'orders' }, 'has database "orders", not "postgres".'],
  [{ connect_timeout: undefined }, 'has connect_timeout null, not 30.'],
  [{ azure_tenant_id: '' }, 'has azure_tenant_id "", not the tenant of ' + `${FLEXIBLE}.db's Entra authentication.`],
  [{ azure_tenant_id: '99999999-2222-3333-4444-555555555555' }, 'has azure_tenant_id "99999999-2222-3333-4444-555555555555", not the tenant of ' + `${FLEXIBLE}.db's Entra authentication.`],
  [{ database_username: 'orders_app' }, 'has database_username, which DatabaseAccess never writes: an override of its provider (database_username is the role the provider acts as in REASSIGN OWNED and owner changes).'],
  [{ ssl_mode: 'verify-full', sslrootcert: 'ca.pem' }, 'has ssl_mode, sslrootcert, which DatabaseAccess never writes: an override of its provider.'],
  [{ username: 'someone-else' }, 'signs in as "someone-else", not as the declared administrator "grp-dba".'],
  [{ azure_identity_auth: false }, 'has azure_identity_auth false, so it signs in with a password instead of an Entra token.'],
  [{ password: '${var.pg_password}' }, 'has a password, which DatabaseAccess never sets: it signs in with an Entra token only.'],
  [{ superuser: undefined }, 'has superuser null (not set means true), where the Azure administrator it signs in as is not a superuser.'],
])('fails the provider with %p', (attributes, problem) => {
  expect(judgeDeclared(rule, withProvider(attributes))).toEqual([{ status: 'fail', message: `${WHO} ${problem}`, address: 'postgresql_role.ro' }]);
});

test('never shows the password', () => {
  expect(JSON.stringify(judgeDeclared(rule, withProvider({ password: 'Sup3rSecret!Passw0rd' })))).not.toContain('Sup3rSecret');
});

test('fails a resource of the construct moved to another provider', () => {
  const stack = withProvider({}, { postgresql_role: { ro: made('orders_readonly'), rw: made('orders_readwrite', { provider: 'postgresql.other' }) } });
  expect(judgeDeclared(rule, stack)).toEqual([{
    status: 'fail',
    message: `postgresql_role.rw, which ${PATH} makes, signs in through provider postgresql.other, not ${PROVIDER}.`,
    address: 'postgresql_role.rw',
  }]);
});

test('fails a declared provider that is not in the stack', () => {
  expect(judgeDeclared(rule, withProvider(), [declaredAccess({ provider: 'postgresql.gone' })])).toEqual([
    { status: 'fail', message: `provider postgresql.gone of ${PATH} is not configured in this stack.` },
    { status: 'fail', message: `postgresql_role.ro, which ${PATH} makes, signs in through provider ${PROVIDER}, not postgresql.gone.`, address: 'postgresql_role.ro' },
  ]);
});

test('a port, identity or superuser known only at apply time is unknown, never a pass', () => {
  expect(judgeDeclared(rule, withProvider({ port: '${var.port}', azure_identity_auth: '${var.entra}', superuser: '${var.su}' }))).toEqual(
    ['port', 'azure_identity_auth', 'superuser'].map((attribute) => ({ status: 'unknown', note: `the ${attribute} of provider ${PROVIDER} is known only at apply time`, address: 'postgresql_role.ro' })),
  );
});

test('a username given as the same expression as the declared administrator passes', () => {
  expect(judgeDeclared(rule, withProvider({ username: '${var.admin}' }), [declaredAccess({ principalName: '${var.admin}' })])).toEqual([{ status: 'pass' }]);
});
