import { rule } from '../../../lib/checks/rules/PGD-LOG-1';
import { databaseStack, grant, groupRole, pgaudit , judgeAllIn, judgeIn } from '../database-fixtures';

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
