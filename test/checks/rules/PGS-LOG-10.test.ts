import { rule } from '../../../lib/checks/rules/PGS-LOG-10';
import { judge } from '../rule-harness';
import { CONFIGURATION, singleStack } from '../single-fixtures';

test('passes when neither parameter is written, or they are on and none', () => {
  expect(judge(rule, singleStack({}, {}))).toEqual({ status: 'pass' });
  expect(judge(rule, singleStack({}, { 'pgaudit.log_statement': 'on', log_statement: 'none' }))).toEqual({ status: 'pass' });
});

test('fails log_statement = "all", which writes passwords of CREATE and ALTER ROLE into the log', () => {
  expect(judge(rule, singleStack({}, { log_statement: 'all' }))).toEqual({
    status: 'fail',
    message: 'server parameter log_statement is "all", not "none" (PostgreSQL\'s statement log writes passwords of CREATE and ALTER ROLE in clear text; pgaudit logs the statements with passwords redacted).',
    address: `${CONFIGURATION}.log_statement`,
  });
});

test('fails pgaudit.log_statement = "off"', () => {
  expect(judge(rule, singleStack({}, { 'pgaudit.log_statement': 'off' }))).toEqual({
    status: 'fail',
    message: 'server parameter pgaudit.log_statement is "off", not "on" (audit lines with the statement text).',
    address: `${CONFIGURATION}.pgaudit_log_statement`,
  });
});

test('fails log_min_duration_statement = "0", which writes every statement, passwords included, into the log', () => {
  expect(judge(rule, singleStack({}, { log_min_duration_statement: '0' }))).toEqual({
    status: 'fail',
    message: 'server parameter log_min_duration_statement is "0", not -1 (any threshold writes statements as typed, passwords of CREATE and ALTER ROLE included, into the exported log; pgaudit logs them with passwords redacted).',
    address: `${CONFIGURATION}.log_min_duration_statement`,
  });
});

test('passes log_min_duration_statement = "-1" (its default)', () => {
  expect(judge(rule, singleStack({}, { log_min_duration_statement: '-1' }))).toEqual({ status: 'pass' });
});
