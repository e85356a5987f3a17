import { rule } from '../../../lib/checks/rules/PGD-IAM-14';
import { databaseStack, declaredAccess, grant, groupRole, judgeDeclared } from '../database-fixtures';
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
  ['turned into a grant', { db: { ...DATABASE_REVOKE, privileges: ['CONNECT'] }, schema: SCHEMA_REVOKE }, DATABASE_MISSING],
  ['whose privileges are known only at apply time', { db: { ...DATABASE_REVOKE, privileges: '${var.p}' }, schema: SCHEMA_REVOKE }, DATABASE_MISSING],
])('fails a revoke %s', (_name, grants, message) => {
  // Shown at the construct's first resource on the server, so a suppression on the construct covers it.
  expect(judgeDeclared(rule, withGrants(grants))).toEqual([{ status: 'fail', message, address: 'postgresql_grant.db' }]);
});

test('does not look for the revokes when the declared provider signs in to the server for none of its resources (PGD-IAM-11 says where they went)', () => {
  expect(judgeDeclared(rule, withGrants({}), [declaredAccess({ provider: 'postgresql.gone' })])).toEqual([{ status: 'pass' }]);
});
