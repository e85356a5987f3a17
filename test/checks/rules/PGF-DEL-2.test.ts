import { rule } from '../../../lib/checks/rules/PGF-DEL-2';
import { compliantFlexibleServer, FLEXIBLE, judgeAll } from '../rule-harness';

const DATABASE = 'azurerm_postgresql_flexible_server_database';
const database = (name: string, lifecycle?: object) => ({ name, server_id: `\${${FLEXIBLE}.db.id}`, lifecycle });

test('passes when every database has prevent_destroy', () => {
  const resources = { [FLEXIBLE]: { db: compliantFlexibleServer() }, [DATABASE]: { app: database('app', { prevent_destroy: true }) } };
  expect(judgeAll(rule, resources)).toEqual([{ status: 'pass' }]);
});

test('fails each database without it', () => {
  const resources = {
    [FLEXIBLE]: { db: compliantFlexibleServer() },
    [DATABASE]: { app: database('app', { prevent_destroy: true }), reports: database('reports'), audit: database('audit', { prevent_destroy: false }) },
  };
  expect(judgeAll(rule, resources)).toEqual([
    { status: 'fail', message: 'database audit has no lifecycle.prevent_destroy = true, so Terraform may drop it and its data.', address: `${DATABASE}.audit` },
    { status: 'fail', message: 'database reports has no lifecycle.prevent_destroy = true, so Terraform may drop it and its data.', address: `${DATABASE}.reports` },
  ]);
});

test('does not apply to a server without databases', () => {
  expect(judgeAll(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toMatchObject([{ status: 'not-applicable' }]);
});

test('a database whose prevent_destroy is an expression is unknown, and a failing one still fails beside it', () => {
  const unknownDatabase = { ...database('app', { prevent_destroy: '${var.keep}' }) };
  expect(judgeAll(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [DATABASE]: { app: unknownDatabase } })).toEqual([{
    status: 'unknown',
    note: `${DATABASE}.app has lifecycle.prevent_destroy as an expression (Terraform accepts only a literal there)`,
    address: `${DATABASE}.app`,
  }]);
  // Both kept: a suppression of the failing database's finding must not hide the other's unknown (stop 68).
  expect(judgeAll(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [DATABASE]: { app: unknownDatabase, logs: database('logs') } }).map((v) => v.status)).toEqual(['unknown', 'fail']);
});

test('a database whose lifecycle block is known only later is unknown; protected ones beside it do not hide it', () => {
  expect(judgeAll(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [DATABASE]: { a: database('a', { prevent_destroy: true }), b: { ...database('b'), lifecycle: '${var.lc}' } } })).toEqual([{
    status: 'unknown',
    note: `${DATABASE}.b: the lifecycle block is known only at apply time`,
    address: `${DATABASE}.b`,
  }]);
});
