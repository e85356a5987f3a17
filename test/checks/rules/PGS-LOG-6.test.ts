import { rule } from '../../../lib/checks/rules/PGS-LOG-6';
import { judge, judgeAll } from '../rule-harness';
import { CONFIGURATION, singleStack } from '../single-fixtures';

test('passes pgaudit loaded and logging ddl, role and misc', () => {
  expect(judge(rule, singleStack({}, { shared_preload_libraries: 'pgaudit', 'pgaudit.log': 'ddl,role,misc' }))).toEqual({ status: 'pass' });
});

test('passes pgaudit among other libraries, in any case and with spaces', () => {
  expect(judge(rule, singleStack({}, { shared_preload_libraries: 'pg_stat_statements, PGAUDIT', 'pgaudit.log': 'all,-misc' }))).toEqual({ status: 'pass' });
});

test('fails when pgaudit is not loaded', () => {
  expect(judge(rule, singleStack({}, { shared_preload_libraries: 'pg_stat_statements', 'pgaudit.log': 'ddl' }))).toEqual({
    status: 'fail',
    message: 'server parameter shared_preload_libraries is "pg_stat_statements", not a list that includes pgaudit.',
    address: `${CONFIGURATION}.shared_preload_libraries`,
  });
});

test('fails when pgaudit is loaded but logs nothing', () => {
  expect(judge(rule, singleStack({}, { shared_preload_libraries: 'pgaudit', 'pgaudit.log': 'none' }))).toEqual({
    status: 'fail',
    message: 'server parameter pgaudit.log is "none", not a list that leaves at least one audit class on.',
    address: `${CONFIGURATION}.pgaudit_log`,
  });
});

test('fails a pgaudit.log that only excludes classes', () => {
  expect(judge(rule, singleStack({}, { shared_preload_libraries: 'pgaudit', 'pgaudit.log': '-all' }))).toMatchObject({ status: 'fail' });
});

test('fails when pgaudit.log is not written', () => {
  expect(judge(rule, singleStack({}, { shared_preload_libraries: 'pgaudit' }))).toEqual({
    status: 'fail',
    message: 'server parameter pgaudit.log is not set (it must be a list that leaves at least one audit class on).',
  });
});

test('fails when neither is written', () => {
  expect(judge(rule, singleStack())).toMatchObject({ status: 'fail' });
});

test('a reference is unknown, never a pass; beside the other parameter\'s failure it is kept too (each suppressed on its own resource: stop 68)', () => {
  expect(judge(rule, singleStack({}, { shared_preload_libraries: 'pgaudit', 'pgaudit.log': '${var.classes}' }))).toMatchObject({ status: 'unknown' });
  expect(judgeAll(rule, singleStack({}, { shared_preload_libraries: '${var.libraries}', 'pgaudit.log': 'none' })).map((v) => v.status).sort()).toEqual(['fail', 'unknown']);
});
