import { rule } from '../../../lib/checks/rules/PGS-NET-6';
import { judge } from '../rule-harness';
import { FIREWALL_RULE, firewallRule, singleStack } from '../single-fixtures';

test('passes public ranges', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { office: firewallRule('203.0.113.10', '203.0.113.20') } }))).toEqual({ status: 'pass' });
});

test('fails a private range, naming the block', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { lan: firewallRule('192.168.10.1', '192.168.10.200') } }))).toEqual({
    status: 'fail',
    message: 'the firewall rule allows 192.168.10.1-192.168.10.200, which overlaps 192.168.0.0/16 (private, RFC 1918): no client reaches a public endpoint from there.',
    address: `${FIREWALL_RULE}.lan`,
  });
});

test('leaves the 0.0.0.0-0.0.0.0 rule to PGS-NET-4', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { azure: firewallRule('0.0.0.0', '0.0.0.0') } }))).toEqual({ status: 'pass' });
});

test('a range known only at apply time is unknown', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { vars: firewallRule('${var.start}', '203.0.113.1') } }))).toMatchObject({ status: 'unknown' });
});
