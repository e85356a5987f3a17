import { rule } from '../../../lib/checks/rules/PGS-NET-5';
import { SINGLE, judge } from '../rule-harness';
import { compliantSingleServer, EXTERNAL, externalChild, FIREWALL_RULE, firewallRule, singleStack } from '../single-fixtures';

test('passes a server without firewall rules', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'pass' });
});

test('passes rules that open 256 addresses together', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { office: firewallRule('203.0.113.0', '203.0.113.255') } }))).toEqual({ status: 'pass' });
});

test('fails rules that open more than 256 addresses together, naming the widest', () => {
  const rules = { office: firewallRule('203.0.113.0', '203.0.113.255'), partner: firewallRule('198.51.100.0', '198.51.101.255') };
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: rules }))).toEqual({
    status: 'fail',
    message: `the firewall rules open 768 addresses together (overlaps counted once), more than 256 (a /24); the widest is 198.51.100.0-198.51.101.255 (${FIREWALL_RULE}.partner).`,
    address: undefined,
    // What a wideRanges justification must equal to cover it: the addresses, joined and sorted.
    subject: 'firewall ranges 198.51.100.0-198.51.101.255, 203.0.113.0-203.0.113.255',
  });
});

test('fails 0.0.0.1-255.255.255.254, which PGS-NET-3 and CKV_AZURE_11 do not see', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { all: firewallRule('0.0.0.1', '255.255.255.254') } }))).toMatchObject({ status: 'fail' });
});

test('a range known only at apply time is unknown', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { vars: firewallRule('${var.start}', '${var.end}') } }))).toMatchObject({ status: 'unknown' });
});

test('judges the rules of a server outside this stack', () => {
  const child = externalChild({ name: 'wide', start_ip_address: '1.0.0.0', end_ip_address: '1.255.255.255' });
  expect(judge(rule, { [FIREWALL_RULE]: { wide: child } }, EXTERNAL)).toMatchObject({ status: 'fail' });
});

test('the server block alone is judged as having no rules', () => {
  expect(judge(rule, { [SINGLE]: { db: compliantSingleServer() } })).toEqual({ status: 'pass' });
});
