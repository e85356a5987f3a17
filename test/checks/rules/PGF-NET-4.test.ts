import { rule } from '../../../lib/checks/rules/PGF-NET-4';
import { compliantFlexibleServer, FLEXIBLE, judge, judgeAll, outsideAddress } from '../rule-harness';

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

test('passes narrow rules', () => {
  expect(judge(rule, withRules({ office: ['203.0.113.10', '203.0.113.20'], vpn: ['198.51.100.7', '198.51.100.7'] }))).toEqual({ status: 'pass' });
});

test('leaves the 0.0.0.0-0.0.0.0 Azure-services rule to PGF-NET-5 (CKV2_AZURE_26 fails it)', () => {
  expect(judge(rule, withRules({ azure: ['0.0.0.0', '0.0.0.0'] }))).toEqual({ status: 'pass' });
});

test('fails 0.0.0.0-255.255.255.255 and names the firewall rule', () => {
  expect(judge(rule, withRules({ office: ['203.0.113.10', '203.0.113.10'], all: ['0.0.0.0', '255.255.255.255'] }))).toEqual({
    status: 'fail',
    message: 'the firewall rule allows 0.0.0.0-255.255.255.255, which opens the server to the internet.',
    address: `${FIREWALL}.all`,
  });
});

test('fails a rule that starts at 0.0.0.0 and ends elsewhere', () => {
  expect(judge(rule, withRules({ low: ['0.0.0.0', '126.255.255.255'] }))).toMatchObject({ status: 'fail', address: `${FIREWALL}.low` });
});

test('fails a rule that ends at 255.255.255.255', () => {
  expect(judge(rule, withRules({ high: ['128.0.0.0', '255.255.255.255'] }))).toMatchObject({ status: 'fail', address: `${FIREWALL}.high` });
});

test('a rule whose addresses are references is unknown, never a pass', () => {
  expect(judge(rule, withRules({ vars: ['${var.start}', '${var.end}'] }))).toMatchObject({ status: 'unknown' });
});

test('a reference cannot hide a literal open rule', () => {
  expect(judge(rule, withRules({ vars: ['${var.start}', '${var.end}'], all: ['0.0.0.0', '255.255.255.255'] }))).toMatchObject({
    status: 'fail',
    address: `${FIREWALL}.all`,
  });
});

test('judges the firewall rules of a server defined outside this stack', () => {
  const pointer = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/ext-db';
  const resources = { [FIREWALL]: { all: { name: 'all', server_id: pointer, start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' } } };
  expect(judge(rule, resources, outsideAddress('flexible', pointer))).toMatchObject({ status: 'fail', address: `${FIREWALL}.all` });
});

test('reports every open rule, so one cannot hide another', () => {
  const verdicts = judgeAll(rule, withRules({ first: ['0.0.0.0', '10.0.0.1'], second: ['203.0.113.1', '255.255.255.255'] }));
  expect(verdicts.map((v) => v.status === 'fail' && v.address)).toEqual([`${FIREWALL}.first`, `${FIREWALL}.second`]);
});
