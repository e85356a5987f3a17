import { rule } from '../../../lib/checks/rules/PGF-NET-5';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

const FIREWALL = 'azurerm_postgresql_flexible_server_firewall_rule';

function withRules(rules: { [name: string]: [unknown, unknown] }) {
  const blocks = Object.fromEntries(
    Object.entries(rules).map(([name, [start, end]]) => [name, { name, server_id: `\${${FLEXIBLE}.db.id}`, start_ip_address: start, end_ip_address: end }]),
  );
  return { [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: undefined, private_dns_zone_id: undefined }) }, [FIREWALL]: blocks };
}

test('passes a server without firewall rules', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({ status: 'pass' });
});

test('passes narrow rules (PGF-NET-4 judges wide ones)', () => {
  expect(judge(rule, withRules({ office: ['203.0.113.10', '203.0.113.20'], all: ['0.0.0.0', '255.255.255.255'] }))).toEqual({ status: 'pass' });
});

test('fails the 0.0.0.0-0.0.0.0 rule, which Checkov CKV2_AZURE_6 never sees on PostgreSQL', () => {
  expect(judge(rule, withRules({ AllowAllAzureServices: ['0.0.0.0', '0.0.0.0'] }))).toEqual({
    status: 'fail',
    message: "the firewall rule 0.0.0.0-0.0.0.0 lets every Azure service, other tenants' included, reach the server.",
    address: `${FIREWALL}.AllowAllAzureServices`,
  });
});

test('a rule whose addresses are references is unknown, never a pass', () => {
  expect(judge(rule, withRules({ vars: ['${var.start}', '0.0.0.0'] }))).toMatchObject({ status: 'unknown' });
});

test('a reference cannot be 0.0.0.0-0.0.0.0 when the other address is not 0.0.0.0', () => {
  expect(judge(rule, withRules({ vars: ['${var.start}', '203.0.113.10'] }))).toEqual({ status: 'pass' });
});
