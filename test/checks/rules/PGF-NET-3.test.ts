import { rule } from '../../../lib/checks/rules/PGF-NET-3';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

test('passes a VNet-integrated server with a private DNS zone', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({ status: 'pass' });
});

test('fails a delegated subnet without a private DNS zone', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer({ private_dns_zone_id: undefined }) } })).toEqual({
    status: 'fail',
    message: 'delegated_subnet_id is set but private_dns_zone_id is not, and Azure refuses VNet integration without a private DNS zone.',
    address: undefined,
  });
});

test('fails a private DNS zone written as null', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer({ private_dns_zone_id: null }) } })).toMatchObject({ status: 'fail' });
});

test('does not apply without VNet integration', () => {
  const server = compliantFlexibleServer({ delegated_subnet_id: undefined, private_dns_zone_id: undefined });
  expect(judge(rule, { [FLEXIBLE]: { db: server } })).toMatchObject({ status: 'not-applicable' });
});

test('does not apply to a server without VNet integration, and says so', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: null }) } })).toEqual({ status: 'not-applicable', note: 'the server is not VNet-integrated' });
});
