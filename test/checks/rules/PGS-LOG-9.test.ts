import { rule } from '../../../lib/checks/rules/PGS-LOG-9';
import { judge } from '../rule-harness';
import { CONFIGURATION, singleStack } from '../single-fixtures';

test('passes pgaudit.log with ddl and role, or all', () => {
  expect(judge(rule, singleStack({}, { 'pgaudit.log': 'ddl,role,misc' }))).toEqual({ status: 'pass' });
  expect(judge(rule, singleStack({}, { 'pgaudit.log': 'ALL' }))).toEqual({ status: 'pass' });
});

test('fails pgaudit.log = "read,write", which audits no schema or role change', () => {
  expect(judge(rule, singleStack({}, { 'pgaudit.log': 'read,write' }))).toEqual({
    status: 'fail',
    message: 'server parameter pgaudit.log is "read,write", not a list that keeps the ddl and role classes on.',
    address: `${CONFIGURATION}.pgaudit_log`,
    subject: 'pgaudit.log classes read,write',
  });
});

test('fails "all,-role"', () => {
  expect(judge(rule, singleStack({}, { 'pgaudit.log': 'all,-role' }))).toMatchObject({ status: 'fail' });
});
