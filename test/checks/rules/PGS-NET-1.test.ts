import { rule } from '../../../lib/checks/rules/PGS-NET-1';
import { judge } from '../rule-harness';
import { compliantSingleServer, CONFIGURATION, EXTERNAL, externalChild, singleStack } from '../single-fixtures';

test('passes when public network access is off', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'pass' });
});

test('fails when public network access is on', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ public_network_access_enabled: true })))).toEqual({
    status: 'fail',
    message: 'public_network_access_enabled is true, not false.',
  });
});

test('fails when the attribute is missing, since the provider default is true', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ public_network_access_enabled: undefined })))).toEqual({
    status: 'fail',
    message: 'public_network_access_enabled is not set, and the provider default (true) opens the server.',
  });
});

test('a reference is unknown, never a pass', () => {
  expect(judge(rule, singleStack({}, {}, compliantSingleServer({ public_network_access_enabled: '${var.public}' })))).toMatchObject({ status: 'unknown' });
});

test('does not apply to a server defined outside the stack', () => {
  const resources = { [CONFIGURATION]: { p: externalChild({ name: 'log_checkpoints', value: 'on' }) } };
  expect(judge(rule, resources, EXTERNAL)).toMatchObject({ status: 'not-applicable' });
});
