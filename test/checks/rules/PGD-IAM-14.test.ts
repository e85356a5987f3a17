import { rule } from '../../../lib/checks/rules/PGD-IAM-14';
import { TerraformBlock } from '../../../lib/checks/stack-model';
import { databaseStack, declaredAccess, grant, groupRole, judgeDeclared, SIDE_SERVER, sideStack } from '../database-fixtures';
import { FLEXIBLE } from '../rule-harness';

const DATABASE_REVOKE = grant('public', [], { object_type: 'database', schema: undefined });
const SCHEMA_REVOKE = grant('public', [], { object_type: 'schema' });
const DATABASE_MISSING = 'no postgresql_grant revokes from PUBLIC CONNECT and TEMPORARY on the database of database orders, which stack/Access manages: every role keeps PUBLIC\'s default rights there.';
const SCHEMA_MISSING = 'no postgresql_grant revokes from PUBLIC its rights on schema public of database orders, which stack/Access manages: every role keeps PUBLIC\'s default rights there.';

/** The fixture's stack with a group role and the given grants. */
function withGrants(grants: object): ReturnType<typeof databaseStack> {
  return databaseStack({ postgresql_role: { ro: groupRole('orders_readonly') }, postgresql_grant: grants as never });
}

test('passes the two revokes DatabaseAccess makes in each database (PUBLIC in any case)', () => {
  expect(judgeDeclared(rule, withGrants({ db: DATABASE_REVOKE, schema: { ...SCHEMA_REVOKE, role: 'PUBLIC' } }))).toEqual([{ status: 'pass' }]);
});

test('is not applicable on a server no DatabaseAccess manages', () => {
  expect(judgeDeclared(rule, withGrants({}), [declaredAccess({ server: `${FLEXIBLE}.other` })])).toEqual([{ status: 'not-applicable', note: 'no DatabaseAccess manages the server' }]);
});

test('fails a database whose revokes are gone', () => {
  const address = 'postgresql_role.ro';
  expect(judgeDeclared(rule, withGrants({}))).toEqual([{ status: 'fail', message: DATABASE_MISSING, address }, { status: 'fail', message: SCHEMA_MISSING, address }]);
});

test.each([
  ['pointed at another role', { db: DATABASE_REVOKE, schema: { ...SCHEMA_REVOKE, role: 'nobody' } }, SCHEMA_MISSING],
  ['pointed at another database', { db: { ...DATABASE_REVOKE, database: 'postgres' }, schema: SCHEMA_REVOKE }, DATABASE_MISSING],
  ['pointed at another schema', { db: DATABASE_REVOKE, schema: { ...SCHEMA_REVOKE, schema: 'other' } }, SCHEMA_MISSING],
  ['whose privileges are known only at apply time', { db: { ...DATABASE_REVOKE, privileges: '${var.p}' }, schema: SCHEMA_REVOKE }, DATABASE_MISSING],
])('fails a revoke %s', (_name, grants, message) => {
  // Shown at the construct's first resource on the server, so a suppression on the construct covers it.
  expect(judgeDeclared(rule, withGrants(grants))).toEqual([{ status: 'fail', message, address: 'postgresql_grant.db' }]);
});

test('fails a revoke turned into a grant: the revoke is missing, and PUBLIC gets CONNECT back', () => {
  expect(judgeDeclared(rule, withGrants({ db: { ...DATABASE_REVOKE, privileges: ['CONNECT'] }, schema: SCHEMA_REVOKE }))).toEqual([
    { status: 'fail', message: DATABASE_MISSING, address: 'postgresql_grant.db' },
    { status: 'fail', message: 'postgresql_grant.db gives PUBLIC ["CONNECT"] on the database of database orders, whose PUBLIC rights DatabaseAccess revokes: every role of the server gets them back.', address: 'postgresql_grant.db' },
  ]);
});

test('does not look for the revokes when the declared provider signs in to the server for none of its resources (PGD-IAM-11 says where they went)', () => {
  expect(judgeDeclared(rule, withGrants({}), [declaredAccess({ provider: 'postgresql.gone' })])).toEqual([{ status: 'pass' }]);
});

describe('every database the stack makes on the server is managed (fourth review, A4-7)', () => {
  /** The fixture's stack with the revokes of orders, and the given resources (an azurerm database added as is). */
  function withDatabases(resources: { [type: string]: any }, azurermDatabase?: TerraformBlock): ReturnType<typeof databaseStack> {
    const stack = databaseStack({ postgresql_role: { ro: groupRole('orders_readonly') }, ...resources, postgresql_grant: { db: DATABASE_REVOKE, schema: SCHEMA_REVOKE, ...resources.postgresql_grant } });
    return azurermDatabase === undefined ? stack : { ...stack, resource: { ...stack.resource, azurerm_postgresql_flexible_server_database: { shadow: azurermDatabase } } };
  }
  const missing = (name: string, address: string) =>
    `no postgresql_grant revokes from PUBLIC CONNECT and TEMPORARY on database ${name}, which ${address} makes on the server stack/Access manages: every role of the server can connect to it.`;

  test('fails a postgresql_database and an azurerm database of the server whose PUBLIC rights are not revoked', () => {
    const stack = withDatabases({ postgresql_database: { d: { name: 'reports' } } }, { name: 'shadow', server_id: `\${${FLEXIBLE}.db.id}` });
    expect(judgeDeclared(rule, stack)).toEqual([
      { status: 'fail', message: missing('shadow', `${FLEXIBLE}_database.shadow`), address: `${FLEXIBLE}_database.shadow` },
      { status: 'fail', message: missing('reports', 'postgresql_database.d'), address: 'postgresql_database.d' },
    ]);
  });

  test('passes them with the revoke, and a database the DatabaseAccess declares', () => {
    const revokes = { reports: { ...DATABASE_REVOKE, database: 'reports' }, shadow: { ...DATABASE_REVOKE, database: 'shadow' } };
    const stack = withDatabases({ postgresql_database: { d: { name: 'reports' }, o: { name: 'orders' } }, postgresql_grant: revokes }, { name: 'shadow', server_id: `\${${FLEXIBLE}.db.id}` });
    expect(judgeDeclared(rule, stack)).toEqual([{ status: 'pass' }]);
  });

  test('a database whose name is known only at apply time is unknown', () => {
    expect(judgeDeclared(rule, withDatabases({ postgresql_database: { d: { name: '${var.db}' } } }))).toEqual([
      { status: 'unknown', note: 'the name of postgresql_database.d is known only at apply time', address: 'postgresql_database.d' },
    ]);
  });

  test.each([
    ['a schema "public" re-granting CREATE to PUBLIC', { postgresql_schema: { s: { name: 'public', database: 'orders', policy: [{ role: 'public', create: true }] } } }, 'postgresql_schema.s', '["CREATE"]', 'schema'],
    ['a grant of CONNECT to PUBLIC', { postgresql_grant: { back: { ...DATABASE_REVOKE, privileges: ['CONNECT'] } } }, 'postgresql_grant.back', '["CONNECT"]', 'database'],
  ])('fails %s in a managed database', (_name, resources, address, privileges, kind) => {
    expect(judgeDeclared(rule, withDatabases(resources))).toEqual([{
      status: 'fail',
      message: `${address} gives PUBLIC ${privileges} on the ${kind} of database orders, whose PUBLIC rights DatabaseAccess revokes: every role of the server gets them back.`,
      address,
    }]);
  });
});

test('through a provider whose host names no server (it may be any managed server), fails PUBLIC given back a right in a managed database, and passes a revoke (seventh review, A7-7)', () => {
  const stack = sideStack({ postgresql_grant: { back: { ...DATABASE_REVOKE, privileges: ['CONNECT'] }, revoke: SCHEMA_REVOKE } });
  expect(judgeDeclared(rule, stack, [declaredAccess()], SIDE_SERVER)).toEqual([
    { status: 'fail', message: 'postgresql_grant.back gives PUBLIC ["CONNECT"] on the database of database orders, whose PUBLIC rights DatabaseAccess revokes: every role of the server gets them back.', address: 'postgresql_grant.back' },
  ]);
  expect(judgeDeclared(rule, sideStack({ postgresql_grant: { revoke: SCHEMA_REVOKE } }), [declaredAccess()], SIDE_SERVER)).toEqual([{ status: 'pass' }]);
});
