import { rule } from '../../../lib/checks/rules/PGD-IAM-12';
import { databaseStack, declaredAccess, grant, groupRole, judgeDeclared, SIDE_SERVER, sideStack, withSchemas } from '../database-fixtures';
import { FLEXIBLE } from '../rule-harness';

const GROUPS = { ro: groupRole('orders_readonly'), rw: groupRole('orders_readwrite'), owner: groupRole('orders_owner') };
const READ_ONLY = 'role orders_readonly, the readonly group of orders (stack/Access),';

/** The fixture's DatabaseAccess with schemas { orders: schemas }. */
const declaring = (...schemas: string[]) => [withSchemas(schemas)];

/** The fixture's stack with the group roles and the given grants and default privileges. */
function withGrants(grants: object, defaults: object = {}): ReturnType<typeof databaseStack> {
  return databaseStack({ postgresql_role: GROUPS, postgresql_grant: grants as never, postgresql_default_privileges: defaults as never });
}

test('passes each level\'s own privileges, as DatabaseAccess grants them, and grants to roles it does not declare', () => {
  const stack = withGrants({
    ro_db: grant('${postgresql_role.ro.name}', ['CONNECT'], { object_type: 'database', schema: undefined }),
    ro_schema: grant('orders_readonly', ['USAGE'], { object_type: 'schema' }),
    ro_table: grant('orders_readonly', ['SELECT']),
    rw_table: grant('orders_readwrite', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']),
    owner_schema: grant('orders_owner', ['CREATE', 'USAGE'], { object_type: 'schema' }),
    owner_table: grant('orders_owner', ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']),
    revoke: grant('orders_readonly', [], { object_type: 'function' }),
    other: grant('analytics_team', ['ALL']),
  }, {
    ro_default: { ...grant('orders_readonly', ['select']), owner: 'orders_owner' },
  });
  expect(judgeDeclared(rule, stack)).toEqual([{ status: 'pass' }]);
});

test('is not applicable on a server no DatabaseAccess manages', () => {
  expect(judgeDeclared(rule, withGrants({}), [declaredAccess({ server: `${FLEXIBLE}.other` })])).toEqual([{ status: 'not-applicable', note: 'no DatabaseAccess manages the server' }]);
});

test.each([
  ['DELETE and TRUNCATE on tables', grant('orders_readonly', ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']), '["INSERT","UPDATE","DELETE","TRUNCATE"] on table', '["SELECT"]'],
  ['CREATE on the schema', grant('${postgresql_role.ro.name}', ['USAGE', 'CREATE'], { object_type: 'schema' }), '["CREATE"] on schema', '["USAGE"]'],
  ['ALL on the database', grant('orders_readonly', ['ALL'], { object_type: 'database' }), '["ALL"] on database', '["CONNECT"]'],
  ['a kind of object no level is given', grant('orders_readonly', ['USAGE'], { object_type: 'foreign_server' }), '["USAGE"] on foreign_server', '[]'],
  // As PGD-IAM-13 holds a role it does not declare (M75-1): USAGE on the wrapper lets its members make servers and user mappings.
  ['USAGE on a foreign data wrapper', grant('orders_readonly', ['USAGE'], { object_type: 'foreign_data_wrapper', objects: ['postgres_fdw'] }), '["USAGE"] on foreign_data_wrapper', '[]'],
])('fails the read-only group granted %s', (_name, body, given, level) => {
  expect(judgeDeclared(rule, withGrants({ g: body }))).toEqual([{
    status: 'fail',
    message: `${READ_ONLY} is granted ${given} by postgresql_grant.g, beyond the level's ${level}.`,
    address: 'postgresql_grant.g',
  }]);
});

test('fails default privileges beyond the level, and any for the owner level', () => {
  const stack = withGrants({}, {
    ro: { ...grant('orders_readonly', ['SELECT', 'DELETE']), owner: 'orders_owner' },
    owner: { ...grant('orders_owner', ['SELECT']), owner: 'orders_owner' },
  });
  expect(judgeDeclared(rule, stack)).toEqual([
    { status: 'fail', message: 'role orders_owner, the owner group of orders (stack/Access), is granted ["SELECT"] by default on table by postgresql_default_privileges.owner, beyond the level\'s [].', address: 'postgresql_default_privileges.owner' },
    { status: 'fail', message: `${READ_ONLY} is granted ["DELETE"] by default on table by postgresql_default_privileges.ro, beyond the level's ["SELECT"].`, address: 'postgresql_default_privileges.ro' },
  ]);
});

test('fails with_grant_option and a grant in another database', () => {
  const stack = withGrants({ wgo: grant('orders_readonly', ['SELECT'], { with_grant_option: true }), other: grant('orders_readonly', ['SELECT'], { database: 'billing' }) });
  expect(judgeDeclared(rule, stack)).toEqual([
    { status: 'fail', message: `${READ_ONLY} is given privileges in database "billing" by postgresql_grant.other.`, address: 'postgresql_grant.other' },
    { status: 'fail', message: `${READ_ONLY} may grant on what postgresql_grant.wgo gives it (with_grant_option).`, address: 'postgresql_grant.wgo' },
  ]);
});

test('privileges, object type, database or grant option known only at apply time are unknown, never a pass', () => {
  const stack = withGrants({
    a: grant('orders_readonly', '${var.privileges}'),
    b: grant('orders_readonly', ['SELECT'], { object_type: '${var.kind}' }),
    c: grant('orders_readonly', ['SELECT'], { database: '${var.db}' }),
    d: grant('orders_readonly', ['SELECT'], { with_grant_option: '${var.wgo}' }),
    e: grant('orders_readonly', ['SELECT', '${var.extra}']),
  });
  expect(judgeDeclared(rule, stack)).toEqual([
    { status: 'unknown', note: 'the privileges of postgresql_grant.a is known only at apply time', address: 'postgresql_grant.a' },
    { status: 'unknown', note: 'the object type of postgresql_grant.b is known only at apply time', address: 'postgresql_grant.b' },
    { status: 'unknown', note: 'the database of postgresql_grant.c is known only at apply time', address: 'postgresql_grant.c' },
    { status: 'unknown', note: 'with_grant_option of postgresql_grant.d is known only at apply time', address: 'postgresql_grant.d' },
    { status: 'unknown', note: 'a privilege of postgresql_grant.e is known only at apply time', address: 'postgresql_grant.e' },
  ]);
});

describe('grants in a schema the DatabaseAccess does not declare (tenth review, A10a-7)', () => {
  const beyond = (address: string, where: string) => ({
    status: 'fail',
    message: `${READ_ONLY} is given privileges in ${where} of orders by ${address}, beyond the schemas its DatabaseAccess declares there (["public"]).`,
    address,
  });

  test('fails a grant or default privileges of the level\'s own privileges in another schema, or in every schema', () => {
    const stack = withGrants({
      table: grant('orders_readonly', ['SELECT'], { schema: 'hr' }),
      usage: grant('${postgresql_role.ro.name}', ['USAGE'], { object_type: 'schema', schema: 'hr' }),
    }, {
      hr: { ...grant('orders_readonly', ['SELECT'], { schema: 'hr' }), owner: 'orders_owner' },
      everywhere: { ...grant('orders_readonly', ['SELECT'], { schema: undefined }), owner: 'orders_owner' },
    });
    expect(judgeDeclared(rule, stack)).toEqual([
      beyond('postgresql_default_privileges.everywhere', 'every schema'),
      beyond('postgresql_default_privileges.hr', 'schema "hr"'),
      beyond('postgresql_grant.table', 'schema "hr"'),
      beyond('postgresql_grant.usage', 'schema "hr"'),
    ]);
  });

  test('reads a schema through a reference to a postgresql_schema of the stack', () => {
    const schema = (name: string) => databaseStack({
      postgresql_role: GROUPS,
      postgresql_schema: { other: { database: 'orders', name, owner: 'analytics_team' } },
      postgresql_grant: { g: grant('orders_readonly', ['SELECT'], { schema: '${postgresql_schema.other.name}' }) },
    } as never);
    expect(judgeDeclared(rule, schema('hr'))).toEqual([beyond('postgresql_grant.g', 'schema "hr"')]);
    expect(judgeDeclared(rule, schema('public'))).toEqual([{ status: 'pass' }]);
    expect(judgeDeclared(rule, schema('${var.schema}'))).toEqual([{ status: 'unknown', note: 'the schema of postgresql_grant.g is known only at apply time', address: 'postgresql_grant.g' }]);
  });

  test('passes a declared schema other than public, a revoke anywhere, and a grant on the database', () => {
    const stack = withGrants({
      sales: grant('orders_readonly', ['SELECT'], { schema: 'sales' }),
      revoke: grant('orders_readonly', [], { schema: 'hr' }),
      database: grant('orders_readonly', ['CONNECT'], { object_type: 'database', schema: undefined }),
    });
    expect(judgeDeclared(rule, stack, declaring('public', 'sales'))).toEqual([{ status: 'pass' }]);
    expect(judgeDeclared(rule, stack)).toEqual([beyond('postgresql_grant.sales', 'schema "sales"')]);
  });

  test('a schema known only at apply time is unknown, never a pass', () => {
    expect(judgeDeclared(rule, withGrants({ g: grant('orders_readonly', ['SELECT'], { schema: '${var.schema}' }) }))).toEqual([
      { status: 'unknown', note: 'the schema of postgresql_grant.g is known only at apply time', address: 'postgresql_grant.g' },
    ]);
  });
});

describe('schemas the construct makes', () => {
  const made = (overrides: object = {}) => ({ database: 'orders', name: 'sales', owner: '${postgresql_role.owner.name}', '//': { metadata: { path: 'stack/Access/Database-orders/Schema-sales' } }, ...overrides });
  const withSchema = (schema: object, other: object = {}) => databaseStack({ postgresql_role: GROUPS, postgresql_schema: { sales: schema, ...other } } as never);

  const SALES = declaring('public', 'sales');

  test('passes a schema owned by the owner level, and schemas the construct does not make owned by roles it does not declare', () => {
    expect(judgeDeclared(rule, withSchema(made(), { mine: { database: 'orders', name: 'mine', owner: 'analytics_team' } }), SALES)).toEqual([{ status: 'pass' }]);
  });

  test('fails a schema renamed to one the DatabaseAccess does not declare, and a name known only at apply time is unknown (tenth review, A10a-7)', () => {
    expect(judgeDeclared(rule, withSchema(made({ name: 'hr' })), SALES)).toEqual([{
      status: 'fail',
      message: 'postgresql_schema.sales, which stack/Access makes, is named "hr", not a schema it declares for orders (["public","sales"]): its owner level would own it, and the levels\' grants follow its name.',
      address: 'postgresql_schema.sales',
    }]);
    expect(judgeDeclared(rule, withSchema(made({ name: '${var.schema}' })), SALES)).toEqual([
      { status: 'unknown', note: 'the name of postgresql_schema.sales is known only at apply time', address: 'postgresql_schema.sales' },
    ]);
  });

  test('fails a schema owned by another role, or with policy blocks', () => {
    expect(judgeDeclared(rule, withSchema(made({ owner: '${postgresql_role.ro.name}' })), SALES)).toEqual([{
      status: 'fail',
      message: 'postgresql_schema.sales, which stack/Access makes, is owned by "orders_readonly", not by orders_owner: its owner may create, change and drop anything in it.',
      address: 'postgresql_schema.sales',
    }]);
    expect(judgeDeclared(rule, withSchema(made({ policy: [{ create: true, usage: true }] })), SALES)).toEqual([{
      status: 'fail',
      message: 'postgresql_schema.sales, which stack/Access makes, has policy blocks, which grant privileges on the schema beside the access levels (to PUBLIC when a block names no role).',
      address: 'postgresql_schema.sales',
    }]);
  });

  test('an owner known only at apply time is unknown, never a pass', () => {
    expect(judgeDeclared(rule, withSchema(made({ owner: '${var.owner}' })), SALES)).toEqual([
      { status: 'unknown', note: 'the owner of postgresql_schema.sales is known only at apply time', address: 'postgresql_schema.sales' },
    ]);
  });
});

describe('schemas and databases beside the construct: policy blocks and owners are grants (fourth review, A4-6)', () => {
  const beside = (resources: object) => databaseStack({ postgresql_role: GROUPS, ...resources });
  const STAGING = declaring('public', 'staging');

  test('passes a policy within the level, and a declared schema of its database owned by the owner level', () => {
    const stack = beside({ postgresql_schema: { s: { name: 'staging', database: 'orders', owner: 'orders_owner', policy: [{ role: 'orders_readonly', usage: true }] } } });
    expect(judgeDeclared(rule, stack, STAGING)).toEqual([{ status: 'pass' }]);
  });

  test('fails the owner level owning, and a level given USAGE by a policy on, a schema the DatabaseAccess does not declare (tenth review, A10a-7)', () => {
    const stack = beside({ postgresql_schema: { s: { name: 'hr', database: 'orders', owner: 'orders_owner', policy: [{ role: 'orders_readonly', usage: true }] } } });
    const beyond = (whose: string) => `${whose} is given privileges in schema "hr" of orders by postgresql_schema.s, beyond the schemas its DatabaseAccess declares there (["public","staging"]).`;
    expect(judgeDeclared(rule, stack, STAGING)).toEqual([
      { status: 'fail', message: beyond(READ_ONLY), address: 'postgresql_schema.s' },
      { status: 'fail', message: beyond('role orders_owner, the owner group of orders (stack/Access),'), address: 'postgresql_schema.s' },
    ]);
  });

  test('fails a policy that gives the read-only group CREATE, as the same postgresql_grant fails', () => {
    const stack = beside({ postgresql_schema: { s: { name: 'staging', database: 'orders', policy: [{ role: 'orders_readonly', create: true, usage: true }] } } });
    expect(judgeDeclared(rule, stack, STAGING)).toEqual([{
      status: 'fail',
      message: `${READ_ONLY} is granted ["CREATE"] on schema by postgresql_schema.s, beyond the level's ["USAGE"].`,
      address: 'postgresql_schema.s',
    }]);
  });

  test('fails a policy with grant option', () => {
    const stack = beside({ postgresql_schema: { s: { name: 'staging', database: 'orders', policy: [{ role: 'orders_readonly', usage_with_grant: true }] } } });
    expect(judgeDeclared(rule, stack)).toEqual([{ status: 'fail', message: `${READ_ONLY} may grant on what postgresql_schema.s gives it (with_grant_option).`, address: 'postgresql_schema.s' }]);
  });

  test('a policy flag known only at apply time is unknown', () => {
    const stack = beside({ postgresql_schema: { s: { name: 'staging', database: 'orders', policy: [{ role: 'orders_readonly', create: '${var.c}' }] } } });
    expect(judgeDeclared(rule, stack)).toEqual([{ status: 'unknown', note: 'a privilege of postgresql_schema.s is known only at apply time', address: 'postgresql_schema.s' }]);
  });

  test.each([
    ['the read-only group owning a schema', 'postgresql_schema', { name: 'staging', database: 'orders', owner: 'orders_readonly' }, READ_ONLY, 'schema'],
    ['the owner level owning a schema of another database', 'postgresql_schema', { name: 'staging', database: 'billing', owner: 'orders_owner' }, 'role orders_owner, the owner group of orders (stack/Access),', 'schema'],
    ['the owner level owning a database', 'postgresql_database', { name: 'shadow', owner: 'orders_owner' }, 'role orders_owner, the owner group of orders (stack/Access),', 'database'],
  ])('fails %s', (_name, type, body, whose, kind) => {
    expect(judgeDeclared(rule, beside({ [type]: { x: body } }))).toEqual([{
      status: 'fail',
      message: `${whose} owns the ${kind} ${type}.x makes, so it holds every right there, beyond the level's privileges.`,
      address: `${type}.x`,
    }]);
  });
});

test('through a provider whose host names no server (it may be any managed server), fails a grant beyond a declared level and passes the level\'s own (seventh review, A7-7)', () => {
  const stack = sideStack({ postgresql_grant: { write: grant('orders_readonly', ['SELECT', 'DELETE']), read: grant('orders_readonly', ['SELECT']) } });
  expect(judgeDeclared(rule, stack, [declaredAccess()], SIDE_SERVER)).toEqual([
    { status: 'fail', message: `${READ_ONLY} is granted ["DELETE"] on table by postgresql_grant.write, beyond the level's ["SELECT"].`, address: 'postgresql_grant.write' },
  ]);
  expect(judgeDeclared(rule, sideStack({ postgresql_grant: { read: grant('orders_readonly', ['SELECT']) } }), [declaredAccess()], SIDE_SERVER)).toEqual([{ status: 'pass' }]);
});
