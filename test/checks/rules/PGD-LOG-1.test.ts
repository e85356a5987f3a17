import { rule } from '../../../lib/checks/rules/PGD-LOG-1';
import { databaseStack, declaredAccess, grant, groupRole, judgeAllIn, judgeDeclared, judgeIn, pgaudit } from '../database-fixtures';
import { FLEXIBLE } from '../rule-harness';

const grants = { ro: grant('orders_readonly', ['SELECT']), audit: grant('orders_readonly', ['SELECT'], { database: 'audit' }) };

test('passes when every database the stack manages has pgaudit', () => {
  expect(judgeIn(rule, databaseStack({ postgresql_role: { ro: groupRole('orders_readonly') }, postgresql_grant: grants, postgresql_extension: { a: pgaudit('orders'), b: pgaudit('audit') } }))).toEqual({ status: 'pass' });
});

test('fails each managed database without it', () => {
  expect(judgeAllIn(rule, databaseStack({ postgresql_grant: grants, postgresql_extension: { a: pgaudit('orders'), other: { name: 'pg_trgm', database: 'audit' } } }))).toEqual([
    { status: 'fail', message: 'database audit has no pgaudit extension, so DDL audit lines lack object types and names.', address: 'postgresql_extension.other' },
  ]);
});

test('an extension that may not exist does not count', () => {
  expect(judgeIn(rule, databaseStack({ postgresql_grant: { ro: grants.ro }, postgresql_extension: { a: { ...pgaudit('orders'), count: '${var.n}' } } }))).toMatchObject({ status: 'fail' });
});

test('a database known only at apply time is unknown, never a pass', () => {
  expect(judgeIn(rule, databaseStack({ postgresql_grant: { g: grant('r', ['SELECT'], { database: '${var.db}' }) } }))).toMatchObject({ status: 'unknown', address: 'postgresql_grant.g' });
});

describe('on a server a DatabaseAccess manages, every database the stack makes there (fourth review, A4-7)', () => {
  const azurermDatabase = { name: 'shadow', server_id: `\${${FLEXIBLE}.db.id}` };
  function withDatabases(extensions: object): ReturnType<typeof databaseStack> {
    const stack = databaseStack({ postgresql_database: { d: { name: 'reports' } }, postgresql_extension: { a: pgaudit('orders'), ...extensions } });
    return { ...stack, resource: { ...stack.resource, azurerm_postgresql_flexible_server_database: { shadow: azurermDatabase } } };
  }

  test('fails a postgresql_database and an azurerm database of the server without pgaudit', () => {
    expect(judgeDeclared(rule, withDatabases({}))).toEqual([
      { status: 'fail', message: 'database shadow has no pgaudit extension, so DDL audit lines lack object types and names.', address: `${FLEXIBLE}_database.shadow` },
      { status: 'fail', message: 'database reports has no pgaudit extension, so DDL audit lines lack object types and names.', address: 'postgresql_database.d' },
    ]);
  });

  test('passes them with pgaudit, and does not count them on a server no DatabaseAccess manages', () => {
    expect(judgeDeclared(rule, withDatabases({ r: pgaudit('reports'), s: pgaudit('shadow') }))).toEqual([{ status: 'pass' }]);
    expect(judgeDeclared(rule, withDatabases({}), [declaredAccess({ server: `${FLEXIBLE}.other` })])).toEqual([{ status: 'pass' }]);
  });
});

// 86th run, A86a-4: a second block of the same pgaudit extension does nothing when created, and destroying it drops the extension.
describe('a database\'s pgaudit managed twice (A86a-4)', () => {
  test('fails, at the second', () => {
    expect(judgeAllIn(rule, databaseStack({ postgresql_grant: { ro: grants.ro }, postgresql_extension: { a: pgaudit('orders'), twin: pgaudit('orders') } }))).toEqual([{
      status: 'fail',
      message: 'database orders\'s pgaudit extension is managed by postgresql_extension.a and postgresql_extension.twin: destroying either one drops it (DROP EXTENSION) while the other still records it.',
      address: 'postgresql_extension.twin',
    }]);
  });
  test('instances of one block over the same database fail too', () => {
    expect(judgeAllIn(rule, databaseStack({ postgresql_grant: { ro: grants.ro }, postgresql_extension: { a: { ...pgaudit('orders'), for_each: { x: 1, y: 2 } } } }))[0]).toMatchObject({ status: 'fail', message: expect.stringContaining('is managed by postgresql_extension.a["x"] and postgresql_extension.a["y"]') as string });
  });
  test('one in each database passes', () => {
    expect(judgeIn(rule, databaseStack({ postgresql_grant: grants, postgresql_extension: { a: pgaudit('orders'), b: pgaudit('audit') } }))).toEqual({ status: 'pass' });
  });
});

// Adversarial run of stop 79, C79-19: a pgaudit extension replaced create-before-destroy is dropped by every replacement (CREATE
// EXTENSION IF NOT EXISTS does nothing, then the old instance's DROP EXTENSION runs), by its own lifecycle or one forced on it.
test('fails a pgaudit extension Terraform replaces create-before-destroy, its own or forced by a resource that reads it', () => {
  const replaced = (extension: object, more: object = {}) => judgeAllIn(rule, databaseStack({ postgresql_grant: { ro: grants.ro }, postgresql_extension: { a: { ...pgaudit('orders'), ...extension } }, ...more }));
  const failure = { status: 'fail', message: expect.stringContaining('postgresql_extension.a (pgaudit in orders) is replaced create-before-destroy (its lifecycle.create_before_destroy)'), address: 'postgresql_extension.a' };
  expect(replaced({ lifecycle: { create_before_destroy: true, replace_triggered_by: ['terraform_data.t'] } })).toEqual([failure]);
  expect(replaced({}, { terraform_data: { t: { input: '${postgresql_extension.a.id}', lifecycle: { create_before_destroy: true } } } })).toEqual([{ ...failure, message: expect.stringContaining('(forced by the lifecycle.create_before_destroy of terraform_data.t,') }]);
  expect(replaced({ lifecycle: { create_before_destroy: false } })).toEqual([{ status: 'pass' }]);
});

// D79-14: each instance of a for_each extension is replaced as its block is.
test('fails the instances of a for_each pgaudit extension Terraform replaces create-before-destroy', () => {
  const keyed = { ...pgaudit('orders'), for_each: { orders: 'orders' }, database: '${each.value}' };
  const replaced = (extension: object, more: object = {}) => judgeAllIn(rule, databaseStack({ postgresql_grant: { ro: grants.ro }, postgresql_extension: { a: { ...keyed, ...extension } }, ...more }));
  const failure = (cause: string) => ({ status: 'fail', message: expect.stringContaining(`is replaced create-before-destroy (${cause}`), address: 'postgresql_extension.a["orders"]' });
  expect(replaced({ lifecycle: { create_before_destroy: true } })).toEqual([failure('its lifecycle.create_before_destroy)')]);
  expect(replaced({}, { terraform_data: { t: { input: '${postgresql_extension.a["orders"].id}', lifecycle: { create_before_destroy: true } } } })).toEqual([failure('forced by the lifecycle.create_before_destroy of terraform_data.t,')]);
  expect(replaced({})).toEqual([{ status: 'pass' }]);
});

// A80-2: an extension whose name is known only at apply time may be pgaudit, managed twice or replaced create-before-destroy.
test('an extension whose name is known only later, beside pgaudit in its database or replaced create-before-destroy, is not passed', () => {
  const judged = (extension: object) => judgeAllIn(rule, databaseStack({ postgresql_grant: { ro: grants.ro }, postgresql_extension: { a: pgaudit('orders'), x: { name: '${var.ext}', database: 'orders', ...extension } } }));
  const unknownName = { status: 'unknown', note: expect.stringContaining('the name, which may be pgaudit'), address: 'postgresql_extension.x' };
  expect(judged({})).toEqual([unknownName]);
  expect(judged({ database: 'audit', lifecycle: { create_before_destroy: true } })).toEqual([expect.objectContaining({ status: 'fail' }), unknownName]);
  expect(judged({ database: 'audit' })).toEqual([expect.objectContaining({ status: 'fail', message: expect.stringContaining('database audit has no pgaudit extension') })]);
  // Known choices none of which is pgaudit (C80-10).
  expect(judged({ name: '${var.fuzzy ? "pg_trgm" : "fuzzystrmatch"}' })).toEqual([{ status: 'pass' }]);
});

// C80-4: an extension or schema that leaves `database` out (or null, or "") acts in its provider's database (cyrilgdn/postgresql
// getDatabase): the provider's `database`, else the runner's PGDATABASE or "postgres".
describe('an extension or schema without database acts in its provider\'s (C80-4)', () => {
  const inProviderDatabase = (resources: object, database: unknown = 'orders') => {
    const stack = databaseStack(resources as Parameters<typeof databaseStack>[0]);
    const [provider] = (stack.provider as { postgresql: object[] }).postgresql;
    return { ...stack, provider: { postgresql: [{ ...provider, database }] } };
  };

  test('a second pgaudit there is managed twice', () => {
    for (const omitted of [{}, { database: null }, { database: '' }]) {
      expect(judgeAllIn(rule, inProviderDatabase({ postgresql_grant: { ro: grants.ro }, postgresql_extension: { a: pgaudit('orders'), twin: { name: 'pgaudit', ...omitted } } }))).toEqual([
        expect.objectContaining({ status: 'fail', message: expect.stringContaining('database orders\'s pgaudit extension is managed by postgresql_extension.a and postgresql_extension.twin') }),
      ]);
    }
  });

  test('a schema there makes it a managed database, which needs pgaudit; one pgaudit without database covers it', () => {
    expect(judgeAllIn(rule, inProviderDatabase({ postgresql_schema: { s: { name: 'app' } } }))).toEqual([
      { status: 'fail', message: 'database orders has no pgaudit extension, so DDL audit lines lack object types and names.', address: 'postgresql_schema.s' },
    ]);
    expect(judgeAllIn(rule, inProviderDatabase({ postgresql_schema: { s: { name: 'app' } }, postgresql_extension: { a: { name: 'pgaudit' } } }))).toEqual([{ status: 'pass' }]);
  });

  // C81-7, C81-8: an instance whose item gives "" or null.
  test('an instance whose database is "" or null acts in the provider\'s too', () => {
    for (const empty of ['', null]) {
      const keyed = { name: 'pgaudit', for_each: { a: 'orders', b: empty }, database: '${each.value}' };
      expect(judgeAllIn(rule, inProviderDatabase({ postgresql_extension: { x: keyed } }))).toEqual([
        expect.objectContaining({ status: 'fail', message: expect.stringContaining('database orders\'s pgaudit extension is managed by postgresql_extension.x["a"] and postgresql_extension.x["b"]') }),
      ]);
      expect(judgeAllIn(rule, inProviderDatabase({ postgresql_grant: { ro: grants.ro }, postgresql_extension: { x: { ...keyed, for_each: { b: empty } } } }))).toEqual([{ status: 'pass' }]);
    }
  });

  test('a provider without database leaves it to the runner: known only later, never a pass', () => {
    expect(judgeAllIn(rule, inProviderDatabase({ postgresql_schema: { s: { name: 'app' } } }, null))).toEqual([
      { status: 'unknown', note: 'the database of postgresql_schema.s is known only at apply time', address: 'postgresql_schema.s' },
    ]);
  });
});

// Adversarial run of stop 81, A81-37: cyrilgdn/postgresql quotes the extension's name, so `PgAudit` is no pgaudit.
test('an extension named pgaudit in another letter case is not pgaudit', () => {
  expect(judgeAllIn(rule, databaseStack({ postgresql_grant: { ro: grants.ro }, postgresql_extension: { a: { name: 'PgAudit', database: 'orders' } } }))).toEqual([
    { status: 'fail', message: 'database orders has no pgaudit extension, so DDL audit lines lack object types and names.', address: 'postgresql_extension.a' },
  ]);
});

// Adversarial run of stop 81, C81-9: two instances of one `count` block manage one database's pgaudit.
test('a pgaudit block with a count of two is managed twice', () => {
  expect(judgeAllIn(rule, databaseStack({ postgresql_grant: { ro: grants.ro }, postgresql_extension: { a: { ...pgaudit('orders'), count: 2 } } }))).toEqual([expect.objectContaining({
    status: 'fail', message: expect.stringContaining('database orders\'s pgaudit extension is managed by postgresql_extension.a[0] and postgresql_extension.a[1]'),
  })]);
  expect(judgeAllIn(rule, databaseStack({ postgresql_grant: { ro: grants.ro }, postgresql_extension: { a: { ...pgaudit('orders'), count: 1 } } }))).toEqual([{ status: 'pass' }]);
});
