// PGD-IAM-14 beyond its own tests: which grants give PUBLIC a right back (only PUBLIC's, only on a
// managed database or its schema public), the databases made beside the declaration, revokes
// without an object type, and a rule run without the stack's declarations.
import { rule } from '../../../../lib/checks/rules/PGD-IAM-14';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { databaseStack, declaredAccess, grant, groupRole, judgeDeclared } from '../../database-fixtures';
import { FLEXIBLE } from '../../rule-harness';

const DATABASE_REVOKE = grant('public', [], { object_type: 'database', schema: undefined });
const SCHEMA_REVOKE = grant('public', [], { object_type: 'schema' });
const DATABASE_MISSING = 'no postgresql_grant revokes from PUBLIC CONNECT and TEMPORARY on the database of database orders, which stack/Access manages: every role keeps PUBLIC\'s default rights there.';
const regranted = (address: string, privileges: string, kind: string, database: string) =>
  `${address} gives PUBLIC ${privileges} on the ${kind} of database ${database}, whose PUBLIC rights DatabaseAccess revokes: every role of the server gets them back.`;
const unrevoked = (name: string, address: string) =>
  `no postgresql_grant revokes from PUBLIC CONNECT and TEMPORARY on database ${name}, which ${address} makes on the server stack/Access manages: every role of the server can connect to it.`;

/** The fixture's stack with the revokes of orders and the given resources (grants added to the revokes). */
function withRevokes(resources: { [type: string]: object } = {}): ReturnType<typeof databaseStack> {
  const { postgresql_grant: grants, ...others } = resources;
  return databaseStack({ postgresql_role: { ro: groupRole('orders_readonly') }, ...others, postgresql_grant: { db: DATABASE_REVOKE, schema: SCHEMA_REVOKE, ...grants } } as never);
}

test('a rule run without the stack\'s declarations does not apply', () => {
  const server = buildStackModel(withRevokes()).servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  expect(rule.evaluate(server)).toEqual({ status: 'not-applicable', note: 'no DatabaseAccess manages the server' });
});

test('grants to roles other than PUBLIC give PUBLIC nothing back', () => {
  const grants = {
    connect: grant('orders_readonly', ['CONNECT'], { object_type: 'database', schema: undefined }),
    usage: grant('${postgresql_role.ro.name}', ['USAGE'], { object_type: 'schema' }),
    token: grant('${var.role}', ['CONNECT'], { object_type: 'database', schema: undefined }),
  };
  expect(judgeDeclared(rule, withRevokes({ postgresql_grant: grants }))).toEqual([{ status: 'pass' }]);
});

test('PUBLIC\'s grants on tables, on another schema, of no object type, or in a database nobody manages are not judged here', () => {
  const grants = {
    tables: grant('public', ['SELECT'], { object_type: 'table' }),
    other: grant('public', ['USAGE'], { object_type: 'schema', schema: 'reporting' }),
    untyped: grant('public', ['USAGE'], { object_type: undefined }),
    elsewhere: grant('public', ['CONNECT'], { object_type: 'database', schema: undefined, database: 'postgres' }),
  };
  expect(judgeDeclared(rule, withRevokes({ postgresql_grant: grants }))).toEqual([{ status: 'pass' }]);
});

test('fails PUBLIC\'s USAGE on schema public given back, the role in upper case', () => {
  const grants = { back: grant('PUBLIC', ['USAGE'], { object_type: 'schema' }) };
  expect(judgeDeclared(rule, withRevokes({ postgresql_grant: grants }))).toEqual([
    { status: 'fail', message: regranted('postgresql_grant.back', '["USAGE"]', 'schema', 'orders'), address: 'postgresql_grant.back' },
  ]);
});

test('a revoke without an object type revokes nothing', () => {
  const stack = withRevokes({ postgresql_grant: { db: { ...DATABASE_REVOKE, object_type: undefined } } });
  expect(judgeDeclared(rule, stack)).toEqual([{ status: 'fail', message: DATABASE_MISSING, address: 'postgresql_grant.db' }]);
});

describe('databases made beside the declaration', () => {
  test('a database the declaration manages is judged by its revokes once, not again as one made beside it', () => {
    const declaration = declaredAccess({
      groups: [{ name: 'orders_readonly', database: 'orders', access: 'readonly' }, { name: 'billing_readonly', database: 'billing', access: 'readonly' }],
      logins: [],
    });
    const grants = { billingDb: { ...DATABASE_REVOKE, database: 'billing' }, billingSchema: { ...SCHEMA_REVOKE, database: 'billing' } };
    const stack = withRevokes({ postgresql_database: { o: { name: 'orders' } }, postgresql_grant: { ...grants, db: { ...DATABASE_REVOKE, database: 'nothing' } } });
    // Shown at the construct's first resource on the server.
    expect(judgeDeclared(rule, stack, [declaration])).toEqual([{ status: 'fail', message: DATABASE_MISSING, address: 'postgresql_database.o' }]);
  });

  test('PUBLIC given CONNECT back on a database made beside the declaration fails too', () => {
    const stack = withRevokes({
      postgresql_database: { d: { name: 'reports' } },
      postgresql_grant: { reports: { ...DATABASE_REVOKE, database: 'reports' }, back: { ...DATABASE_REVOKE, database: 'reports', privileges: ['CONNECT'] } },
    });
    expect(judgeDeclared(rule, stack)).toEqual([
      { status: 'fail', message: regranted('postgresql_grant.back', '["CONNECT"]', 'database', 'reports'), address: 'postgresql_grant.back' },
    ]);
  });

  test('a revoke on schema public of a database made beside it does not revoke CONNECT', () => {
    const stack = withRevokes({ postgresql_database: { d: { name: 'reports' } }, postgresql_grant: { reports: { ...SCHEMA_REVOKE, database: 'reports' } } });
    expect(judgeDeclared(rule, stack)).toEqual([{ status: 'fail', message: unrevoked('reports', 'postgresql_database.d'), address: 'postgresql_database.d' }]);
  });

  test('a revoke without an object type does not revoke CONNECT on a database made beside it', () => {
    const stack = withRevokes({ postgresql_database: { d: { name: 'reports' } }, postgresql_grant: { reports: { ...DATABASE_REVOKE, database: 'reports', object_type: undefined } } });
    expect(judgeDeclared(rule, stack)).toEqual([{ status: 'fail', message: unrevoked('reports', 'postgresql_database.d'), address: 'postgresql_database.d' }]);
  });

  test('a database without a name names no database to judge', () => {
    expect(judgeDeclared(rule, withRevokes({ postgresql_database: { d: { owner: 'orders_readonly' } } }))).toEqual([{ status: 'pass' }]);
  });
});
