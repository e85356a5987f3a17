// PGD-IAM-14 beyond its own tests: the object type read in any case and checked, each database of
// the declaration judged once, a revoke that is not PUBLIC's.
import { rule } from '../../../../lib/checks/rules/PGD-IAM-14';
import { databaseStack, declaredAccess, grant, groupRole, judgeDeclared } from '../../database-fixtures';

const DATABASE_REVOKE = grant('public', [], { object_type: 'database', schema: undefined });
const SCHEMA_REVOKE = grant('public', [], { object_type: 'schema' });
const missing = (what: string, database: string) =>
  `no postgresql_grant revokes from PUBLIC ${what} of database ${database}, which stack/Access manages: every role keeps PUBLIC's default rights there.`;
const DATABASE = 'CONNECT and TEMPORARY on the database';
const SCHEMA = 'its rights on schema public';

const withGrants = (grants: object) => databaseStack({ postgresql_role: { ro: groupRole('orders_readonly') }, postgresql_grant: grants as never });

test('reads the object type in any case, and a revoke of another object type is no revoke', () => {
  expect(judgeDeclared(rule, withGrants({ db: { ...DATABASE_REVOKE, object_type: 'DATABASE' }, schema: { ...SCHEMA_REVOKE, object_type: 'Schema' } }))).toEqual([{ status: 'pass' }]);
  expect(judgeDeclared(rule, withGrants({ db: DATABASE_REVOKE, schema: { ...SCHEMA_REVOKE, object_type: 'table' } }))).toEqual([
    { status: 'fail', message: missing(SCHEMA, 'orders'), address: 'postgresql_grant.db' },
  ]);
  expect(judgeDeclared(rule, withGrants({ db: { ...DATABASE_REVOKE, object_type: 'schema', schema: 'public' }, schema: SCHEMA_REVOKE }))).toEqual([
    { status: 'fail', message: missing(DATABASE, 'orders'), address: 'postgresql_grant.db' },
  ]);
});

test('a grant of no privileges to another role revokes nothing from PUBLIC', () => {
  expect(judgeDeclared(rule, withGrants({ db: { ...DATABASE_REVOKE, role: 'orders_readonly' }, schema: SCHEMA_REVOKE }))).toEqual([
    { status: 'fail', message: missing(DATABASE, 'orders'), address: 'postgresql_grant.db' },
  ]);
});

test('judges each database the declaration manages once, however many of its groups are there', () => {
  const declaration = declaredAccess({
    groups: [
      { name: 'orders_readonly', database: 'orders', access: 'readonly' },
      { name: 'orders_owner', database: 'orders', access: 'owner' },
      { name: 'billing_readonly', database: 'billing', access: 'readonly' },
    ],
    logins: [],
  });
  const stack = databaseStack({ postgresql_role: { ro: groupRole('orders_readonly') }, postgresql_grant: { db: DATABASE_REVOKE, schema: SCHEMA_REVOKE } as never });
  expect(judgeDeclared(rule, stack, [declaration])).toEqual([
    { status: 'fail', message: missing(DATABASE, 'billing'), address: 'postgresql_grant.db' },
    { status: 'fail', message: missing(SCHEMA, 'billing'), address: 'postgresql_grant.db' },
  ]);
});
