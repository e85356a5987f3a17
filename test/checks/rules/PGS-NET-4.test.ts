import { rule } from '../../../lib/checks/rules/PGS-NET-4';
import { judge } from '../rule-harness';
import { FIREWALL_RULE, firewallRule, singleStack } from '../single-fixtures';

test('passes with no firewall rule', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'pass' });
});

test('passes rules for client addresses, including one that starts at 0.0.0.0 (PGS-NET-3 judges that)', () => {
  const rules = { office: firewallRule('203.0.113.10', '203.0.113.10'), open: firewallRule('0.0.0.0', '255.255.255.255') };
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: rules }))).toEqual({ status: 'pass' });
});

test('fails the 0.0.0.0-0.0.0.0 rule, which CKV2_AZURE_6 never sees for PostgreSQL', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { azure: firewallRule('0.0.0.0', '0.0.0.0') } }))).toEqual({
    status: 'fail',
    message: 'firewall rule azure (0.0.0.0-0.0.0.0) lets every Azure service, in any tenant, reach the server.',
    address: `${FIREWALL_RULE}.azure`,
  });
});

test('a rule whose addresses are references is unknown, never a pass', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { r: firewallRule('${var.start}', '0.0.0.0') } }))).toMatchObject({ status: 'unknown' });
});

test('passes a rule with a reference that cannot be 0.0.0.0-0.0.0.0', () => {
  expect(judge(rule, singleStack({ [FIREWALL_RULE]: { r: firewallRule('${var.start}', '203.0.113.10') } }))).toEqual({ status: 'pass' });
});
