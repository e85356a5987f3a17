import { rule } from '../../../lib/checks/rules/PGS-LOG-2';
import { judge } from '../rule-harness';
import { CONFIGURATION, EXTERNAL, externalChild, FIREWALL_RULE, singleStack } from '../single-fixtures';

test('passes when log_connections is on', () => {
  expect(judge(rule, singleStack({}, { log_connections: 'on' }))).toEqual({ status: 'pass' });
});

test('passes "ON" in capitals', () => {
  expect(judge(rule, singleStack({}, { log_connections: 'ON' }))).toEqual({ status: 'pass' });
});

test('fails when log_connections is off', () => {
  expect(judge(rule, singleStack({}, { log_connections: 'off' }))).toEqual({
    status: 'fail',
    message: 'server parameter log_connections is "off", not "on".',
    address: `${CONFIGURATION}.log_connections`,
  });
});

test('fails "OFF" in capitals, which CKV_AZURE_31 passes', () => {
  expect(judge(rule, singleStack({}, { log_connections: 'OFF' }))).toMatchObject({ status: 'fail' });
});

test('fails when log_connections is not written, which CKV_AZURE_31 passes', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'fail', message: 'server parameter log_connections is not set (it must be "on").' });
});

test('a reference is unknown, never a pass', () => {
  expect(judge(rule, singleStack({}, { log_connections: '${var.value}' }))).toMatchObject({ status: 'unknown' });
});

test('judges the parameter of a server outside the stack when the stack sets it', () => {
  expect(judge(rule, { [CONFIGURATION]: { p: externalChild({ name: 'log_connections', value: 'off' }) } }, EXTERNAL)).toMatchObject({ status: 'fail' });
});

test('does not apply to a server outside the stack that the stack does not set it for', () => {
  const resources = { [FIREWALL_RULE]: { r: externalChild({ name: 'office', start_ip_address: '203.0.113.10', end_ip_address: '203.0.113.10' }) } };
  expect(judge(rule, resources, EXTERNAL)).toMatchObject({ status: 'not-applicable' });
});
