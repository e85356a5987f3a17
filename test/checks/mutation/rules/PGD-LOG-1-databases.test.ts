// PGD-LOG-1 beyond its own tests: a server without in-database resources, the rule run without the
// stack's declarations, the whole unknown verdicts (a database's name, a grant's database), a grant
// that names no database, the first resource of each database, and an extension named by an expression.
import { rule } from '../../../../lib/checks/rules/PGD-LOG-1';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { databaseStack, grant, judgeAllIn, judgeDeclared, pgaudit } from '../../database-fixtures';
import { FLEXIBLE } from '../../rule-harness';

const missing = (database: string, address: string) => ({ status: 'fail', message: `database ${database} has no pgaudit extension, so DDL audit lines lack object types and names.`, address });

test('does not apply to a server no postgresql provider resource signs in to', () => {
  expect(judgeAllIn(rule, databaseStack({}))).toEqual([{ status: 'not-applicable', note: 'no postgresql provider resource signs in to the server' }]);
});

test('without the stack\'s declarations, only the databases the resources name count', () => {
  const server = buildStackModel(databaseStack({ postgresql_database: { d: { name: 'reports' } }, postgresql_extension: { a: pgaudit('orders') } })).servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  expect(rule.evaluate(server)).toEqual({ status: 'pass' });
});

test('a database whose name, or a grant whose database, is known only at apply time is unknown, said whole', () => {
  const stack = databaseStack({ postgresql_database: { d: { name: '${var.db}' } }, postgresql_grant: { g: grant('r', ['SELECT'], { database: '${var.other}' }) }, postgresql_extension: { a: pgaudit('orders') } });
  expect(judgeDeclared(rule, stack)).toEqual([
    { status: 'unknown', note: 'the database of postgresql_grant.g is known only at apply time', address: 'postgresql_grant.g' },
    { status: 'unknown', note: 'the name of postgresql_database.d is known only at apply time', address: 'postgresql_database.d' },
  ]);
});

test('a grant that names no database manages none; each database is shown at its first resource', () => {
  const grants = { a: grant('r', ['SELECT'], { database: 'audit' }), b: grant('r', ['SELECT'], { database: 'audit' }), c: grant('r', ['SELECT'], { database: undefined }) };
  expect(judgeAllIn(rule, databaseStack({ postgresql_grant: grants }))).toEqual([missing('audit', 'postgresql_grant.a')]);
});

test('an extension whose name is known only at apply time is no pgaudit (it is the database\'s first resource)', () => {
  const stack = databaseStack({ postgresql_grant: { a: grant('r', ['SELECT']) }, postgresql_extension: { x: { name: '${var.extension}', database: 'orders' } } });
  expect(judgeAllIn(rule, stack)).toEqual([missing('orders', 'postgresql_extension.x')]);
});
