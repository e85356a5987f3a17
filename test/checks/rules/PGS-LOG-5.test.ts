import { rule } from '../../../lib/checks/rules/PGS-LOG-5';
import { judge } from '../rule-harness';
import { CONFIGURATION, singleStack } from '../single-fixtures';

test.each(['4', '7'])('passes log_retention_days = %s', (days) => {
  expect(judge(rule, singleStack({}, { log_retention_days: days }))).toEqual({ status: 'pass' });
});

test.each(['3', '1', '8', 'seven', '4.5', ''])('fails log_retention_days = "%s"', (days) => {
  expect(judge(rule, singleStack({}, { log_retention_days: days }))).toEqual({
    status: 'fail',
    message: `server parameter log_retention_days is ${JSON.stringify(days)}, not a whole number from 4 to 7.`,
    address: `${CONFIGURATION}.log_retention_days`,
  });
});

test('takes a number value, as Terraform turns it into a string', () => {
  const resources = singleStack({}, { log_retention_days: '7' });
  resources[CONFIGURATION].log_retention_days = { ...resources[CONFIGURATION].log_retention_days, value: 7 };
  expect(judge(rule, resources)).toEqual({ status: 'pass' });
});

test('fails when log_retention_days is not written, where CKV_AZURE_146 passes', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'fail', message: 'server parameter log_retention_days is not set (it must be a whole number from 4 to 7).' });
});

test('fails log_retention = "off", as CKV_AZURE_146 does, even with log_retention_days written', () => {
  expect(judge(rule, singleStack({}, { log_retention_days: '7', log_retention: 'off' }))).toEqual({
    status: 'fail',
    message: 'server parameter log_retention is "off", not a value that keeps server logs (anything but "off").',
    address: `${CONFIGURATION}.log_retention`,
  });
});

test('a reference is unknown, never a pass', () => {
  expect(judge(rule, singleStack({}, { log_retention_days: '${var.days}' }))).toMatchObject({ status: 'unknown' });
});

test.each(['04', ' 7 ', '5'])('passes log_retention_days %p, a whole number from 4 to 7 as PostgreSQL reads it', (days) => {
  expect(judge(rule, singleStack({}, { log_retention_days: days }))).toEqual({ status: 'pass' });
});

test.each(['off', ' OFF '])('fails log_retention %p, which keeps no server logs', (value) => {
  expect(judge(rule, singleStack({}, { log_retention: value, log_retention_days: '7' }))).toEqual({
    status: 'fail',
    message: `server parameter log_retention is ${JSON.stringify(value)}, not a value that keeps server logs (anything but "off").`,
    address: `${CONFIGURATION}.log_retention`,
  });
});

test('passes a log_retention that keeps logs', () => {
  expect(judge(rule, singleStack({}, { log_retention: 'on', log_retention_days: '7' }))).toEqual({ status: 'pass' });
});
