import { rule } from '../../../lib/checks/rules/PGF-NET-6';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

const FIREWALL = 'azurerm_postgresql_flexible_server_firewall_rule';
const office = { name: 'office', server_id: `\${${FLEXIBLE}.db.id}`, start_ip_address: '203.0.113.10', end_ip_address: '203.0.113.10' };

test('passes a VNet-integrated server without firewall rules', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({ status: 'pass' });
});

test('fails a VNet-integrated server with a firewall rule, naming the rule', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [FIREWALL]: { office } })).toEqual({
    status: 'fail',
    message: 'the server is VNet-integrated, where firewall rules do nothing, yet it has a firewall rule.',
    address: `${FIREWALL}.office`,
  });
});

test('counts the firewall rules', () => {
  const resources = { [FLEXIBLE]: { db: compliantFlexibleServer() }, [FIREWALL]: { office, home: { ...office, name: 'home' } } };
  expect(judge(rule, resources)).toMatchObject({ status: 'fail', message: expect.stringContaining('2 firewall rules') });
});

test('does not apply to a public-mode server', () => {
  const server = compliantFlexibleServer({ delegated_subnet_id: undefined, private_dns_zone_id: undefined });
  expect(judge(rule, { [FLEXIBLE]: { db: server }, [FIREWALL]: { office } })).toMatchObject({ status: 'not-applicable' });
});

test('does not apply to a server without VNet integration, and says so', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: null }) } })).toEqual({ status: 'not-applicable', note: 'the server is not VNet-integrated' });
});
