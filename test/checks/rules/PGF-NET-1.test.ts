import { rule } from '../../../lib/checks/rules/PGF-NET-1';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

test('passes when public network access is off', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({ status: 'pass' });
});

test('fails when public network access is on', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer({ public_network_access_enabled: true }) } })).toMatchObject({
    status: 'fail',
    message: 'public_network_access_enabled is true, not false.',
  });
});

test('fails when the attribute is missing, since the provider default is true', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer({ public_network_access_enabled: undefined }) } })).toMatchObject({ status: 'fail' });
});

test('fails a server that leaves public_network_access_enabled to the provider default', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer({ public_network_access_enabled: null }) } })).toEqual({
    status: 'fail',
    message: 'public_network_access_enabled is not set, and the provider default (true) opens the server.',
  });
});
