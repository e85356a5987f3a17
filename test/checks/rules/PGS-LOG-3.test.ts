import { rule } from '../../../lib/checks/rules/PGS-LOG-3';
import { judge } from '../rule-harness';
import { CONFIGURATION, EXTERNAL, externalChild, FIREWALL_RULE, singleStack } from '../single-fixtures';

test('passes when log_disconnections is on', () => {
  expect(judge(rule, singleStack({}, { log_disconnections: 'on' }))).toEqual({ status: 'pass' });
});

test('passes "ON" in capitals', () => {
  expect(judge(rule, singleStack({}, { log_disconnections: 'ON' }))).toEqual({ status: 'pass' });
});

test('fails when log_disconnections is off', () => {
  expect(judge(rule, singleStack({}, { log_disconnections: 'off' }))).toEqual({
    status: 'fail',
    message: 'server parameter log_disconnections is "off", not "on".',
    address: `${CONFIGURATION}.log_disconnections`,
  });
});

test('fails "OFF" in capitals', () => {
  expect(judge(rule, singleStack({}, { log_disconnections: 'OFF' }))).toMatchObject({ status: 'fail' });
});

test('fails when log_disconnections is not written', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'fail', message: 'server parameter log_disconnections is not set (it must be "on").' });
});

test('a reference is unknown, never a pass', () => {
  expect(judge(rule, singleStack({}, { log_disconnections: '${var.value}' }))).toMatchObject({ status: 'unknown' });
});

test('judges the parameter of a server outside the stack when the stack sets it', () => {
  expect(judge(rule, { [CONFIGURATION]: { p: externalChild({ name: 'log_disconnections', value: 'off' }) } }, EXTERNAL)).toMatchObject({ status: 'fail' });
});

test('does not apply to a server outside the stack that the stack does not set it for', () => {
  const resources = { [FIREWALL_RULE]: { r: externalChild({ name: 'office', start_ip_address: '203.0.113.10', end_ip_address: '203.0.113.10' }) } };
  expect(judge(rule, resources, EXTERNAL)).toMatchObject({ status: 'not-applicable' });
});
