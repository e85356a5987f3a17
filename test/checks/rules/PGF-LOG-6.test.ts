import { rule } from '../../../lib/checks/rules/PGF-LOG-6';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge, judgeAll } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const withParameters = (parameters: { [name: string]: string }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters(parameters) });

test.each(['pgaudit', 'pg_cron,pg_stat_statements,pgaudit', 'pg_cron, PGAUDIT ,pg_stat_statements'])('passes shared_preload_libraries = %p', (libraries) => {
  expect(judge(rule, withParameters({ shared_preload_libraries: libraries, 'pgaudit.log': 'role,ddl,misc' }))).toEqual({ status: 'pass' });
});

test('fails when pgaudit is not loaded', () => {
  expect(judge(rule, withParameters({ shared_preload_libraries: 'pg_cron,pg_stat_statements', 'pgaudit.log': 'ddl' }))).toEqual({
    status: 'fail',
    message: 'server parameter shared_preload_libraries is "pg_cron,pg_stat_statements", not a list that includes pgaudit.',
    address: `${CONFIGURATION}.shared_preload_libraries`,
  });
});

test('fails a library whose name only contains pgaudit', () => {
  expect(judge(rule, withParameters({ shared_preload_libraries: 'pgaudit_ext', 'pgaudit.log': 'ddl' }))).toMatchObject({ status: 'fail' });
});

test.each(['none', 'NONE', ' none , none '])('fails pgaudit.log = %p', (classes) => {
  expect(judge(rule, withParameters({ shared_preload_libraries: 'pgaudit', 'pgaudit.log': classes }))).toMatchObject({
    status: 'fail',
    address: `${CONFIGURATION}.pgaudit_log`,
  });
});

test('fails when pgaudit.log is not written', () => {
  expect(judge(rule, withParameters({ shared_preload_libraries: 'pgaudit' }))).toMatchObject({
    status: 'fail',
    message: 'server parameter pgaudit.log is not set (it must be a list that leaves at least one audit class on).',
  });
});

test('a reference in one parameter does not hide a failure of the other, nor the failure the reference (each kept, each suppressed on its own resource: stop 68)', () => {
  expect(judgeAll(rule, withParameters({ shared_preload_libraries: '${var.libraries}', 'pgaudit.log': 'none' })).map((v) => v.status).sort()).toEqual(['fail', 'unknown']);
  expect(judge(rule, withParameters({ shared_preload_libraries: '${var.libraries}', 'pgaudit.log': 'ddl' }))).toMatchObject({ status: 'unknown' });
});

test('azure.extensions, when set, must allow pgaudit too', () => {
  const base = { shared_preload_libraries: 'pgaudit', 'pgaudit.log': 'ddl' };
  expect(judge(rule, withParameters({ ...base, 'azure.extensions': 'PG_CRON, PGAUDIT' }))).toEqual({ status: 'pass' });
  expect(judge(rule, withParameters({ ...base, 'azure.extensions': 'pg_cron' }))).toEqual({
    status: 'fail',
    message: 'server parameter azure.extensions is "pg_cron", not a list that includes pgaudit.',
    address: `${CONFIGURATION}.azure_extensions`,
  });
});

test('a pgaudit.log with a class pgaudit does not have fails (PostgreSQL refuses it)', () => {
  expect(judge(rule, withParameters({ shared_preload_libraries: 'pgaudit', 'pgaudit.log': 'ddl,bogus' }))).toEqual({
    status: 'fail',
    message: 'server parameter pgaudit.log is "ddl,bogus", not a list that leaves at least one audit class on.',
    address: `${CONFIGURATION}.pgaudit_log`,
  });
});
