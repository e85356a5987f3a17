// PGD-IAM-12 beyond its own tests: sequences and functions, a grant with no object type or no
// privileges, memberships (PGD-IAM-13's), grants the construct itself makes, a level the checks do
// not know, ownership of a schema whose database is known later, a schema made by the construct
// in a database without an owner level, another construct's owner level, and empty or dynamic
// policy blocks.
import { AccessDeclaration } from '../../../../lib/checks/access-declarations';
import { rule } from '../../../../lib/checks/rules/PGD-IAM-12';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { databaseStack, declaredAccess, grant, groupRole, judgeDeclared, withSchemas } from '../../database-fixtures';
import { FLEXIBLE } from '../../rule-harness';

const GROUPS = { ro: groupRole('orders_readonly'), rw: groupRole('orders_readwrite'), owner: groupRole('orders_owner') };
const READ_ONLY = 'role orders_readonly, the readonly group of orders (stack/Access),';
const OWNER = 'role orders_owner, the owner group of orders (stack/Access),';
const MADE_PATH = 'stack/Access/Database-orders/Schema-sales';

const withResources = (resources: object): ReturnType<typeof databaseStack> => databaseStack({ postgresql_role: GROUPS, ...resources } as never);
const withGrants = (grants: object) => withResources({ postgresql_grant: grants });
/** A schema the construct stack/Access makes in the given database, owned by its owner level. */
const madeSchema = (overrides: object = {}) => ({ database: 'orders', name: 'sales', owner: '${postgresql_role.owner.name}', '//': { metadata: { path: MADE_PATH } }, ...overrides });

test('a rule run without the stack\'s declarations does not apply', () => {
  const server = buildStackModel(withGrants({})).servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  expect(rule.evaluate(server)).toEqual({ status: 'not-applicable', note: 'no DatabaseAccess manages the server' });
});

test('passes each level\'s own privileges on sequences and functions, and a grant of no privileges', () => {
  const stack = withGrants({
    ro_sequence: grant('orders_readonly', ['SELECT'], { object_type: 'sequence' }),
    rw_sequence: grant('orders_readwrite', ['SELECT', 'USAGE'], { object_type: 'sequence' }),
    ro_function: grant('orders_readonly', ['EXECUTE'], { object_type: 'function' }),
    none: grant('orders_readonly', undefined),
  });
  expect(judgeDeclared(rule, stack)).toEqual([{ status: 'pass' }]);
});

test('fails privileges on no object type, naming them "objects"', () => {
  expect(judgeDeclared(rule, withGrants({ untyped: grant('orders_readonly', ['SELECT'], { object_type: undefined }) }))).toEqual([{
    status: 'fail',
    message: `${READ_ONLY} is granted ["SELECT"] on objects by postgresql_grant.untyped, beyond the level's [].`,
    address: 'postgresql_grant.untyped',
  }]);
});

test('a membership is no grant of privileges: PGD-IAM-13 judges it', () => {
  const stack = withResources({ postgresql_grant_role: { member: { role: 'orders_readonly', grant_role: 'orders_owner' } } });
  expect(judgeDeclared(rule, stack)).toEqual([{ status: 'pass' }]);
});

test('judges a grant the construct itself makes as any other', () => {
  const made = { ...grant('orders_readonly', ['CREATE'], { object_type: 'schema' }), '//': { metadata: { path: 'stack/Access/Database-orders/Usage' } } };
  expect(judgeDeclared(rule, withGrants({ usage: made }))).toEqual([{
    status: 'fail',
    message: `${READ_ONLY} is granted ["CREATE"] on schema by postgresql_grant.usage, beyond the level's ["USAGE"].`,
    address: 'postgresql_grant.usage',
  }]);
});

test('a level the checks do not know allows nothing', () => {
  const declaration = declaredAccess({ groups: [{ name: 'orders_readonly', database: 'orders', access: 'auditor' }], logins: [] });
  expect(judgeDeclared(rule, withGrants({ read: grant('orders_readonly', ['SELECT']) }), [declaration])).toEqual([{
    status: 'fail',
    message: 'role orders_readonly, the auditor group of orders (stack/Access), is granted ["SELECT"] on table by postgresql_grant.read, beyond the level\'s [].',
    address: 'postgresql_grant.read',
  }]);
});

describe('owners', () => {
  test('the owner level owning a schema whose database is known only at apply time is unknown', () => {
    const stack = withResources({ postgresql_schema: { s: { name: 'staging', database: '${var.db}', owner: 'orders_owner' } } });
    expect(judgeDeclared(rule, stack)).toEqual([{ status: 'unknown', note: 'the database of postgresql_schema.s is known only at apply time', address: 'postgresql_schema.s' }]);
  });

  test('the owner level owning its own database, or one whose name is known only at apply time, holds every right there', () => {
    const stack = withResources({ postgresql_database: { own: { name: 'orders', owner: 'orders_owner' }, later: { name: '${var.db}', owner: 'orders_owner' } } });
    expect(judgeDeclared(rule, stack)).toEqual(['later', 'own'].map((name) => ({
      status: 'fail',
      message: `${OWNER} owns the database postgresql_database.${name} makes, so it holds every right there, beyond the level's privileges.`,
      address: `postgresql_database.${name}`,
    })));
  });
});

describe('schemas the construct makes', () => {
  const withSchema = (schema: object) => withResources({ postgresql_schema: { sales: schema } });

  test('passes empty policy blocks', () => {
    expect(judgeDeclared(rule, withSchema(madeSchema({ policy: [] })), [withSchemas(['public', 'sales'])])).toEqual([{ status: 'pass' }]);
  });

  test('fails dynamic policy blocks', () => {
    expect(judgeDeclared(rule, withSchema(madeSchema({ dynamic: { policy: { for_each: '${var.p}', content: { role: 'orders_readonly', usage: true } } } })))).toEqual([{
      status: 'fail',
      message: 'postgresql_schema.sales, which stack/Access makes, has policy blocks, which grant privileges on the schema beside the access levels (to PUBLIC when a block names no role).',
      address: 'postgresql_schema.sales',
    }]);
  });

  test('a schema in a database without an owner level fails whoever owns it, even an owner known only at apply time', () => {
    expect(judgeDeclared(rule, withSchema(madeSchema({ database: 'billing', owner: '${var.owner}' })))).toEqual([{
      status: 'fail',
      message: 'postgresql_schema.sales, which stack/Access makes, is owned by "${var.owner}", not by the owner level of a database it manages: its owner may create, change and drop anything in it.',
      address: 'postgresql_schema.sales',
    }]);
  });

  test('only the owner level of the construct that makes the schema may own it', () => {
    const other: AccessDeclaration = declaredAccess({ path: 'stack/Other', groups: [{ name: 'other_owner', database: 'orders', access: 'owner' }], logins: [] });
    const stack = withResources({ postgresql_role: { ...GROUPS, other: groupRole('other_owner') }, postgresql_schema: { sales: madeSchema({ owner: 'other_owner' }) } });
    expect(judgeDeclared(rule, stack, [other, withSchemas(['public', 'sales'])])).toEqual([{
      status: 'fail',
      message: 'postgresql_schema.sales, which stack/Access makes, is owned by "other_owner", not by orders_owner: its owner may create, change and drop anything in it.',
      address: 'postgresql_schema.sales',
    }]);
  });
});
