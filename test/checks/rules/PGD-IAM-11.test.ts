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

test('passes the provider DatabaseAccess writes, and the server\'s literal host name in any case', () => {
  expect(judgeDeclared(rule, withProvider())).toEqual([{ status: 'pass' }]);
  expect(judgeDeclared(rule, withProvider({ host: 'ORDERS-DB.postgres.database.azure.com' }))).toEqual([{ status: 'pass' }]);
});

test('is not applicable on a server no DatabaseAccess manages', () => {
  expect(judgeDeclared(rule, withProvider(), [])).toEqual([{ status: 'not-applicable', note: 'no DatabaseAccess manages the server' }]);
  expect(judgeDeclared(rule, withProvider(), [declaredAccess({ server: `${FLEXIBLE}.other` })])).toEqual([{ status: 'not-applicable', note: 'no DatabaseAccess manages the server' }]);
});

test.each([
  [{ host: 'db.attacker.example' }, `has host "db.attacker.example", not the FQDN of ${FLEXIBLE}.db: the Entra token of grp-dba is sent there, and the roles, grants and PUBLIC revokes are made there instead of on the server.`],
  [{ host: `\${${FLEXIBLE}.db.name}.postgres.database.azure.com` }, `has host "\${${FLEXIBLE}.db.name}.postgres.database.azure.com", not the FQDN of ${FLEXIBLE}.db: the Entra token of grp-dba is sent there, and the roles, grants and PUBLIC revokes are made there instead of on the server.`],
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
