import { rule } from '../../../lib/checks/rules/PGF-NET-9';
import { flexibleWithFirewallRules, judge, judgeAll } from '../rule-harness';

const FIREWALL = 'azurerm_postgresql_flexible_server_firewall_rule';

test('passes public ranges', () => {
  expect(judge(rule, flexibleWithFirewallRules({ office: ['203.0.113.10', '203.0.113.20'], nat: ['20.50.1.4', '20.50.1.4'] }))).toEqual({ status: 'pass' });
});

test('fails a private range, naming the block it overlaps', () => {
  expect(judge(rule, flexibleWithFirewallRules({ lan: ['10.1.0.1', '10.1.0.20'] }))).toEqual({
    status: 'fail',
    message: 'the firewall rule allows 10.1.0.1-10.1.0.20, which overlaps 10.0.0.0/8 (private, RFC 1918): no client reaches a public endpoint from there.',
    address: `${FIREWALL}.lan`,
  });
});

test.each([
  ['172.16/12', '172.20.0.1', '172.20.0.9'],
  ['192.168/16', '192.168.1.1', '192.168.1.1'],
  ['carrier-grade NAT', '100.64.0.1', '100.64.0.1'],
  ['loopback', '127.0.0.1', '127.0.0.1'],
  ['link-local', '169.254.169.254', '169.254.169.254'],
  ['multicast', '224.0.0.1', '224.0.0.1'],
  ['reserved', '240.0.0.1', '240.0.0.1'],
  ['"this network"', '0.0.0.1', '0.0.0.9'],
  ['a public range that reaches into private space', '9.255.255.0', '10.0.0.5'],
])('fails %s', (_, start, end) => {
  expect(judge(rule, flexibleWithFirewallRules({ r: [start, end] }))).toMatchObject({ status: 'fail', address: `${FIREWALL}.r` });
});

test('leaves the 0.0.0.0-0.0.0.0 Azure-services rule to PGF-NET-5', () => {
  expect(judge(rule, flexibleWithFirewallRules({ azure: ['0.0.0.0', '0.0.0.0'] }))).toEqual({ status: 'pass' });
});

test('a range known only at apply time is unknown', () => {
  expect(judge(rule, flexibleWithFirewallRules({ vars: ['${var.start}', '${var.end}'] }))).toMatchObject({ status: 'unknown', address: `${FIREWALL}.vars` });
});

test('reports every faulty rule', () => {
  expect(judgeAll(rule, flexibleWithFirewallRules({ a: ['10.0.0.1', '10.0.0.1'], b: ['192.168.0.1', '192.168.0.1'] })).map((v) => v.status)).toEqual(['fail', 'fail']);
});
