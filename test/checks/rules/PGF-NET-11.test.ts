import { rule } from '../../../lib/checks/rules/PGF-NET-11';
import { TerraformBlock } from '../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, judge, judgeAll, judgeBesideConstructs } from '../rule-harness';
import { group, guarded, NSG, RULE, securityRule, SUBNET, subnet } from '../subnet-fixtures';

/** One inbound PostgreSQL rule per public /8 from 1.0.0.0/8, skipping the private and loopback blocks. */
function publicSlash8Rules(count: number): { [name: string]: TerraformBlock } {
  const firsts = Array.from({ length: 223 }, (_, i) => i + 1).filter((octet) => octet !== 10 && octet !== 127).slice(0, count);
  return Object.fromEntries(firsts.map((octet, index) => [`open${octet}`, securityRule({ name: `open${octet}`, priority: 100 + index, source_address_prefix: `${octet}.0.0.0/8` })]));
}

test('passes a group that lets PostgreSQL in from the VNet, a private range and a /24', () => {
  const rules = {
    vnet: securityRule(),
    office: securityRule({ name: 'office', priority: 1011, source_address_prefix: '10.20.0.0/16' }),
    partner: securityRule({ name: 'partner', priority: 1012, source_address_prefix: '198.51.100.0/24' }),
    probe: securityRule({ name: 'probe', priority: 1013, source_address_prefix: 'AzureLoadBalancer' }),
  };
  expect(judge(rule, guarded(rules))).toEqual({ status: 'pass' });
});

test('does not count the subnet\'s own range, even when the VNet uses public addresses', () => {
  const publicSubnet = { ...subnet, address_prefixes: ['11.0.0.0/8'] };
  const rules = { ha: securityRule({ source_address_prefix: '11.0.0.0/8', destination_address_prefix: '11.0.0.0/8' }) };
  expect(judge(rule, guarded(rules, { [SUBNET]: { db: publicSubnet } }))).toEqual({ status: 'pass' });
});

test('fails the internet split into two halves, which PGF-NET-7 reads one at a time', () => {
  expect(judgeAll(rule, guarded({ open: securityRule({ source_address_prefix: undefined, source_address_prefixes: ['0.0.0.0/1', '128.0.0.0/1'] }) }))).toEqual([{
    status: 'fail',
    message: `the inbound rules of ${NSG}.db let PostgreSQL in from 3702390784 public addresses together (overlaps counted once), more than 256 (a /24).`,
    address: `${NSG}.db`,
    // What a wideSources justification must equal to cover it: the two halves joined.
    subject: 'sources 0.0.0.0-255.255.255.255',
  }]);
});

test('fails the IPv6 internet split into two halves', () => {
  expect(judgeAll(rule, guarded({ open: securityRule({ source_address_prefix: undefined, source_address_prefixes: ['::/1', '8000::/1'] }) }))).toEqual([{
    status: 'fail',
    // Every IPv6 address, less the unspecified, loopback, unique-local and link-local blocks.
    message: `the inbound rules of ${NSG}.db let PostgreSQL in from 337291603930422402749341041546137436158 public addresses together (overlaps counted once), more than 256 (a /24).`,
    address: `${NSG}.db`,
    subject: 'sources IPv6 0:0:0:0:0:0:0:0-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
  }]);
});

test('counts IPv4 and IPv6 sources together: a /24 and two IPv6 addresses are 258', () => {
  const rules = {
    a: securityRule({ name: 'a', source_address_prefix: '198.51.100.0/24' }),
    b: securityRule({ name: 'b', priority: 1011, source_address_prefixes: ['2603:1000::1', '2603:1000:0:0:0:0:0:2/128'], source_address_prefix: undefined }),
  };
  expect(judge(rule, guarded(rules))).toEqual({
    status: 'fail',
    message: `the inbound rules of ${NSG}.db let PostgreSQL in from 258 public addresses together (overlaps counted once), more than 256 (a /24).`,
    address: `${NSG}.db`,
    subject: 'sources 198.51.100.0-198.51.100.255; IPv6 2603:1000:0:0:0:0:0:1-2603:1000:0:0:0:0:0:2',
  });
});

test.each([
  ['a public IPv6 /120 (256 addresses)', ['2603:1000::/120']],
  ['unique-local and link-local blocks', ['fd00::/8', 'fe80::/10']],
  ['an IPv4-mapped address', ['::ffff:198.51.100.7']],
])('passes %s', (_, sources) => {
  expect(judge(rule, guarded({ v6: securityRule({ source_address_prefix: undefined, source_address_prefixes: sources }) }))).toEqual({ status: 'pass' });
});

test('fails many rules of one public /8 each, counted together', () => {
  expect(judge(rule, guarded(publicSlash8Rules(2)))).toEqual({
    status: 'fail',
    message: `the inbound rules of ${NSG}.db let PostgreSQL in from 33554432 public addresses together (overlaps counted once), more than 256 (a /24).`,
    address: `${NSG}.db`,
    subject: 'sources 1.0.0.0-2.255.255.255',
  });
});

test('counts overlapping sources once: two /25 halves of one /24 and the /24 itself pass', () => {
  const rules = {
    a: securityRule({ name: 'a', source_address_prefix: '198.51.100.0/25' }),
    b: securityRule({ name: 'b', priority: 1011, source_address_prefix: '198.51.100.128/25' }),
    c: securityRule({ name: 'c', priority: 1012, source_address_prefix: '198.51.100.0/24' }),
  };
  expect(judge(rule, guarded(rules))).toEqual({ status: 'pass' });
});

test('fails 257 public addresses: one more than a /24', () => {
  const rules = { a: securityRule({ name: 'a', source_address_prefix: '198.51.100.0/24' }), b: securityRule({ name: 'b', priority: 1011, source_address_prefix: '203.0.113.7' }) };
  expect(judge(rule, guarded(rules))).toMatchObject({ status: 'fail', message: `the inbound rules of ${NSG}.db let PostgreSQL in from 257 public addresses together (overlaps counted once), more than 256 (a /24).` });
});

test.each(['AzureCloud', 'azurecloud.westeurope', 'DataFactory'])('fails the service tag %s, which holds other tenants\' addresses', (tag) => {
  expect(judge(rule, guarded({ cloud: securityRule({ source_address_prefix: tag }) }))).toEqual({
    status: 'fail',
    message: `the inbound rules of ${NSG}.db let PostgreSQL in from the service tag(s) "${tag}", which hold other Azure tenants' addresses.`,
    address: `${NSG}.db`,
    subject: `sources service tags ${tag.toLowerCase()}`,
  });
});

test('judges inline security_rule blocks too', () => {
  const inline = { ...group, security_rule: [securityRule({ name: 'cloud', source_address_prefix: 'AzureCloud', network_security_group_name: undefined })] };
  expect(judge(rule, guarded({}, { [NSG]: { db: inline } }))).toMatchObject({ status: 'fail', address: `${NSG}.db` });
});

test.each([
  ['a deny', { access: 'Deny' }],
  ['an outbound rule', { direction: 'Outbound' }],
  ['another port', { destination_port_range: '443' }],
])('does not count a rule that does not let PostgreSQL in: %s', (_, overrides) => {
  expect(judge(rule, guarded({ cloud: securityRule({ source_address_prefix: 'AzureCloud', ...overrides }) }))).toEqual({ status: 'pass' });
});

test('a source known only at apply time is unknown, never a pass', () => {
  expect(judge(rule, guarded({ clients: securityRule({ source_address_prefix: '${var.source}' }) }))).toMatchObject({ status: 'unknown', address: `${RULE}.clients` });
});

test('a rule whose access is known only at apply time makes wide sources unknown', () => {
  expect(judge(rule, guarded({ cloud: securityRule({ source_address_prefix: 'AzureCloud', access: '${var.access}' }) }))).toMatchObject({ status: 'unknown', address: `${NSG}.db` });
});

test('known sources already too wide fail, whatever an unknown one holds', () => {
  const rules = { cloud: securityRule({ source_address_prefix: 'AzureCloud' }), other: securityRule({ name: 'other', priority: 1011, source_address_prefix: '${var.source}' }) };
  expect(judge(rule, guarded(rules))).toMatchObject({ status: 'fail' });
});

test('is not applicable without VNet integration', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: undefined }) } })).toMatchObject({ status: 'not-applicable' });
});

test('is not applicable without an associated group: PGF-NET-7 fails that', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [SUBNET]: { db: subnet } })).toEqual({
    status: 'not-applicable',
    note: 'no network security group is surely associated with the delegated subnet (PGF-NET-7 judges it)',
  });
});

test.each(['000.000.000.000/0', '1.0.0.0-200.0.0.0', '[2000::]/3', 'AzureCloud.West-Europe', 'Azure_Cloud', '0.0.0.0/33'])('a source the checks cannot read (%j) cannot be judged, never a pass', (source) => {
  expect(judge(rule, guarded({ vnet: securityRule(), extra: securityRule({ name: 'extra', priority: 1011, source_address_prefix: source }) }))).toEqual({
    status: 'unknown',
    note: `how widely security rule ${RULE}.extra lets PostgreSQL in depends on its source "${source}", which is not an IPv4 or IPv6 address or range, a service tag or "*" (the forms the checks read)`,
    address: `${RULE}.extra`,
  });
});

test('a source the checks cannot read gives a justified wide group no subject, so the justification does not cover it', () => {
  const verdicts = judgeAll(rule, guarded({ cloud: securityRule({ source_address_prefix: 'AzureCloud' }), extra: securityRule({ name: 'extra', priority: 1011, source_address_prefix: '000.000.000.000/0' }) }));
  expect(verdicts).toEqual([{
    status: 'fail',
    message: `the inbound rules of ${NSG}.db let PostgreSQL in from the service tag(s) "AzureCloud", which hold other Azure tenants' addresses.`,
    address: `${NSG}.db`,
  }]);
});

test('a port range the checks cannot read from wide sources cannot be judged; from the VNet it passes', () => {
  expect(judge(rule, guarded({ wide: securityRule({ source_address_prefix: '20.0.0.0/8', destination_port_range: '5000 - 6000' }) }))).toEqual({
    status: 'unknown',
    note: `whether security rule ${RULE}.wide lets PostgreSQL in depends on its destination port range "5000 - 6000", which is not "*", a port or a range low-high within 0-65535 (the form the checks read)`,
    address: `${RULE}.wide`,
  });
  expect(judge(rule, guarded({ vnet: securityRule({ destination_port_range: '5000 - 6000' }) }))).toEqual({ status: 'pass' });
});

test('judges the group the stack associates with the subnet the server was given, by the server\'s own pointer (A14b-17)', () => {
  const verdicts = judgeBesideConstructs(rule, { resource: {
    [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: '${var.delegated_subnet_id}' }) },
    [NSG]: { db: group },
    azurerm_subnet_network_security_group_association: { db: { subnet_id: '${var.delegated_subnet_id}', network_security_group_id: `\${${NSG}.db.id}` } },
    [RULE]: publicSlash8Rules(2),
  } }, []);
  expect(verdicts).toMatchObject([{ status: 'fail', address: `${NSG}.db` }]);
});

// 62nd run, A62a-5: a group the stack associates by ID but neither defines nor writes a rule into was a pass.
test('a group associated by the ID of a group outside this stack is not applicable, with the reason', () => {
  const external = { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/networkSecurityGroups/nsg-hub' };
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [SUBNET]: { db: subnet }, azurerm_subnet_network_security_group_association: { db: external } })).toEqual({
    status: 'not-applicable',
    note: 'the network security group "/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/networkSecurityGroups/nsg-hub" that azurerm_subnet_network_security_group_association.db associates with the delegated subnet: the stack neither defines it nor writes a rule into it, so its rules are its owner\'s to judge',
  });
});
