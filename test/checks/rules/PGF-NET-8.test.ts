import { rule } from '../../../lib/checks/rules/PGF-NET-8';
import { compliantFlexibleServer, FLEXIBLE, flexibleWithFirewallRules, judge, outsideAddress } from '../rule-harness';

const FIREWALL = 'azurerm_postgresql_flexible_server_firewall_rule';

test('passes a server without firewall rules', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({ status: 'pass' });
});

test('passes rules that open 256 addresses together, a /24', () => {
  expect(judge(rule, flexibleWithFirewallRules({ office: ['203.0.113.0', '203.0.113.255'] }))).toEqual({ status: 'pass' });
});

test('counts overlapping rules once: two copies of a /24 still open 256 addresses', () => {
  expect(judge(rule, flexibleWithFirewallRules({ a: ['203.0.113.0', '203.0.113.255'], b: ['203.0.113.128', '203.0.113.255'] }))).toEqual({ status: 'pass' });
});

test('fails 257 addresses, naming the widest rule and the total', () => {
  expect(judge(rule, flexibleWithFirewallRules({ office: ['203.0.113.0', '203.0.113.255'], home: ['198.51.100.7', '198.51.100.7'] }))).toEqual({
    status: 'fail',
    message: `the firewall rules open 257 addresses together (overlaps counted once), more than 256 (a /24); the widest is 203.0.113.0-203.0.113.255 (${FIREWALL}.office).`,
    address: undefined,
    // What a wideRanges justification must equal to cover it: the addresses, sorted.
    subject: 'firewall ranges 198.51.100.7-198.51.100.7, 203.0.113.0-203.0.113.255',
  });
});

test('fails 0.0.0.1-255.255.255.254, which PGF-NET-4 does not see', () => {
  expect(judge(rule, flexibleWithFirewallRules({ all: ['0.0.0.1', '255.255.255.254'] }))).toMatchObject({ status: 'fail', message: expect.stringContaining(`(${FIREWALL}.all)`) });
});

test('fails two ranges that share the internet between them', () => {
  expect(judge(rule, flexibleWithFirewallRules({ low: ['1.0.0.0', '127.255.255.255'], high: ['128.0.0.0', '223.255.255.255'] }))).toMatchObject({ status: 'fail' });
});

test('does not count the 0.0.0.0-0.0.0.0 Azure-services rule (PGF-NET-5 judges it)', () => {
  expect(judge(rule, flexibleWithFirewallRules({ azure: ['0.0.0.0', '0.0.0.0'], office: ['203.0.113.0', '203.0.113.255'] }))).toEqual({ status: 'pass' });
});

test('a rule whose range is known only at apply time makes the total unknown, never a pass', () => {
  expect(judge(rule, flexibleWithFirewallRules({ office: ['203.0.113.10', '203.0.113.20'], vars: ['${var.start}', '${var.end}'] }))).toMatchObject({ status: 'unknown', address: `${FIREWALL}.vars` });
});

test('a reference cannot hide known rules that already open too many', () => {
  expect(judge(rule, flexibleWithFirewallRules({ wide: ['198.51.0.0', '198.51.255.255'], vars: ['${var.start}', '${var.end}'] }))).toMatchObject({ status: 'fail', message: expect.stringContaining(`(${FIREWALL}.wide)`) });
});

test('judges the firewall rules of a server defined outside this stack', () => {
  const pointer = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/ext-db';
  const resources = { [FIREWALL]: { wide: { name: 'wide', server_id: pointer, start_ip_address: '198.51.0.0', end_ip_address: '198.51.255.255' } } };
  expect(judge(rule, resources, outsideAddress('flexible', pointer))).toMatchObject({ status: 'fail', message: expect.stringContaining(`(${FIREWALL}.wide)`) });
});

test.each([['1.0.0.0', '223.255.255.0255'], ['01.0.0.0', '1.0.0.255'], ['1.0.0.0', '0xdfffffff'], ['1.0.0.0', '::ffff:223.255.255.255'], ['203.0.113.255', '203.0.113.0']])('fails a range it cannot read: %s-%s (A17b-3)', (start, end) => {
  expect(judge(rule, flexibleWithFirewallRules({ odd: [start, end] }))).toEqual({
    status: 'fail',
    message: `the firewall rule ${FIREWALL}.odd opens ${start}-${end}, which the pack cannot read as a range of IPv4 addresses (canonical dotted addresses, the start not above the end): it may open any number of addresses.`,
    address: `${FIREWALL}.odd`,
  });
});
