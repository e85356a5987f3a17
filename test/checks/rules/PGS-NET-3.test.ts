import { rule } from '../../../lib/checks/rules/PGS-NET-3';
import { judge } from '../rule-harness';
import { EXTERNAL, externalChild, FIREWALL_RULE, firewallRule, singleStack } from '../single-fixtures';

const ADDRESS = `${FIREWALL_RULE}.open`;

test('passes with no firewall rule', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'pass' });
});

test('passes a rule for one client address and a private range', () => {
  const rules = { office: firewallRule('203.0.113.10', '203.0.113.10'), vnet: firewallRule('10.0.0.0', '10.0.255.255') };
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: rules }))).toEqual({ status: 'pass' });
});

test('leaves the 0.0.0.0-0.0.0.0 Azure services rule to PGS-NET-4', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { azure: firewallRule('0.0.0.0', '0.0.0.0') } }))).toEqual({ status: 'pass' });
});

test('fails 0.0.0.0-255.255.255.255, as CKV_AZURE_11 does', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { open: firewallRule('0.0.0.0', '255.255.255.255') } }))).toEqual({
    status: 'fail',
    message: 'firewall rule open opens the server to the internet (0.0.0.0-255.255.255.255).',
    address: ADDRESS,
  });
});

test('fails 0.0.0.0-255.255.255.254, which CKV_AZURE_11 passes', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { open: firewallRule('0.0.0.0', '255.255.255.254') } }))).toMatchObject({ status: 'fail', address: ADDRESS });
});

test('fails 1.0.0.0-255.255.255.255, which CKV_AZURE_11 passes', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { open: firewallRule('1.0.0.0', '255.255.255.255') } }))).toMatchObject({ status: 'fail', address: ADDRESS });
});

test('fails a start written as 0.0.0.0/0', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { open: firewallRule('0.0.0.0/0', '255.255.255.255') } }))).toMatchObject({ status: 'fail' });
});

test('names the first open rule among several', () => {
  const rules = { office: firewallRule('203.0.113.10', '203.0.113.10'), open: firewallRule('0.0.0.0', '223.255.255.255') };
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: rules }))).toMatchObject({ status: 'fail', address: ADDRESS });
});

test('a rule whose end is a reference is unknown, never a pass', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { r: firewallRule('10.0.0.0', '${var.end}') } }))).toMatchObject({ status: 'unknown' });
});

test('still fails an open rule when another rule is a reference', () => {
  const rules = { r: firewallRule('${var.start}', '${var.end}'), open: firewallRule('0.0.0.0', '255.255.255.255') };
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: rules }))).toMatchObject({ status: 'fail', address: ADDRESS });
});

test('judges the firewall rules of a server defined outside the stack', () => {
  const resources = { [FIREWALL_RULE]: { open: externalChild({ name: 'open', start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' }) } };
  expect(judge(rule, resources, EXTERNAL)).toMatchObject({ status: 'fail', address: ADDRESS });
});
