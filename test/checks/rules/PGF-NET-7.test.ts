import { Verdict } from '../../../lib/checks/rule';
import { buildStackModel } from '../../../lib/checks/stack-model';
import { rule } from '../../../lib/checks/rules/PGF-NET-7';
import { compliantFlexibleServer, FLEXIBLE, judge, judgeAll, judgeBesideConstructs, Resources } from '../rule-harness';
import { ASSOCIATION, association, group, guarded, NSG, RULE, securityRule, SUBNET, subnet } from '../subnet-fixtures';

test('passes a delegated subnet whose group lets PostgreSQL in from the VNet only', () => {
  expect(judge(rule, guarded())).toEqual({ status: 'pass' });
});

test('fails a delegated subnet without a network security group, naming the subnet', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [SUBNET]: { db: subnet } })).toEqual({
    status: 'fail',
    message: `no network security group is associated with the delegated subnet ${SUBNET}.db.`,
    address: `${SUBNET}.db`,
  });
});

test('fails a separate rule that lets PostgreSQL in from the internet, naming the rule', () => {
  expect(judge(rule, guarded({ clients: securityRule({ source_address_prefix: 'Internet' }) }))).toEqual({
    status: 'fail',
    message: `security rule ${RULE}.clients allows inbound PostgreSQL from "Internet".`,
    address: `${RULE}.clients`,
  });
});

test.each([
  ['source "*"', { source_address_prefix: '*' }],
  ['source "Any"', { source_address_prefix: 'Any' }],
  ['source 0.0.0.0/0', { source_address_prefix: '0.0.0.0/0' }],
  ['"internet" in any case', { source_address_prefix: 'INTERNET' }],
  ['one of several sources', { source_address_prefix: undefined, source_address_prefixes: ['10.1.0.0/16', 'Internet'] }],
  ['every port', { source_address_prefix: '*', destination_port_range: '*' }],
  ['a range holding 5432', { source_address_prefix: '*', destination_port_range: '5000-6000' }],
  ['PgBouncer\'s 6432', { source_address_prefix: '*', destination_port_range: '6432' }],
  ['one of several port ranges', { source_address_prefix: '*', destination_port_range: undefined, destination_port_ranges: ['443', '5432'] }],
  ['any protocol', { source_address_prefix: '*', protocol: '*' }],
  ['lower-case values', { source_address_prefix: '*', direction: 'inbound', access: 'allow', protocol: 'tcp' }],
])('fails an inbound allow from anywhere: %s', (_, overrides) => {
  expect(judge(rule, guarded({ clients: securityRule(overrides) }))).toMatchObject({ status: 'fail', address: `${RULE}.clients` });
});

test.each(['::/0', '::0/0', '0:0:0:0:0:0:0:0/0', ' ::/0'])('fails an inbound allow from every IPv6 address, written %j', (source) => {
  expect(judge(rule, guarded({ clients: securityRule({ source_address_prefix: source }) }))).toEqual({
    status: 'fail',
    message: `security rule ${RULE}.clients allows inbound PostgreSQL from "${source}".`,
    address: `${RULE}.clients`,
  });
});

test.each(['::/1', '2001:db8::/32', 'fd00::/8', '::1'])('leaves an IPv6 source narrower than "anywhere" (%s) to PGF-NET-11', (source) => {
  expect(judge(rule, guarded({ clients: securityRule({ source_address_prefix: source }) }))).toEqual({ status: 'pass' });
});

test.each([
  ['a deny', { access: 'Deny' }],
  ['an outbound rule', { direction: 'Outbound' }],
  ['UDP', { protocol: 'Udp' }],
  ['another port', { destination_port_range: '443' }],
  ['a range below 5432', { destination_port_range: '1000-5431' }],
])('passes a rule from anywhere that does not let PostgreSQL in: %s', (_, overrides) => {
  expect(judge(rule, guarded({ clients: securityRule({ source_address_prefix: '*', ...overrides }) }))).toEqual({ status: 'pass' });
});

test('judges the inline security_rule blocks of the group, naming the group', () => {
  const inline = { ...group, security_rule: [securityRule({ name: 'open', source_address_prefix: 'Internet', network_security_group_name: undefined })] };
  expect(judge(rule, guarded({}, { [NSG]: { db: inline } }))).toEqual({
    status: 'fail',
    message: `security rule open of ${NSG}.db allows inbound PostgreSQL from "Internet".`,
    address: `${NSG}.db`,
  });
});

test('a rule whose source is known only at apply time is unknown, never a pass', () => {
  expect(judge(rule, guarded({ clients: securityRule({ source_address_prefix: '${var.source}' }) }))).toMatchObject({ status: 'unknown', address: `${RULE}.clients` });
});

test('a source that is the subnet\'s own range read from the subnet is not "anywhere"', () => {
  const source = `\${element(${SUBNET}.db.address_prefixes, 0)}`;
  expect(judge(rule, guarded({ clients: securityRule({ source_address_prefix: source }) }))).toEqual({ status: 'pass' });
});

test('inline rules written as a dynamic block are unknown', () => {
  const dynamic = { ...group, dynamic: { security_rule: { for_each: '${var.rules}', content: {} } } };
  expect(judge(rule, guarded({}, { [NSG]: { db: dynamic } }))).toMatchObject({ status: 'unknown', address: `${NSG}.db` });
});

test('a separate rule whose group is known only at apply time may belong to the group: unknown', () => {
  expect(judge(rule, guarded({ clients: securityRule({ network_security_group_name: '${var.nsg}', source_address_prefix: '*' }) }))).toMatchObject({ status: 'unknown' });
});

test('a literal group name in the same resource group finds the group', () => {
  expect(judge(rule, guarded({ clients: securityRule({ network_security_group_name: 'NSG-DB', source_address_prefix: 'Internet' }) }))).toMatchObject({ status: 'fail' });
});

test('a literal subnet ID finds the subnet of the stack', () => {
  const id = '/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-db';
  const resources = guarded({ clients: securityRule({ source_address_prefix: 'Internet' }) });
  resources[FLEXIBLE] = { db: compliantFlexibleServer({ delegated_subnet_id: id }) };
  resources[ASSOCIATION] = { db: { ...association, subnet_id: id } };
  expect(judge(rule, resources)).toMatchObject({ status: 'fail', address: `${RULE}.clients` });
});

// 62nd run, A62a-5: it passed, so a report showed a control judged that nothing judged.
test('a group associated by the ID of a group outside this stack is not applicable, with the reason: its owner judges its rules', () => {
  const external = { ...association, network_security_group_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/networkSecurityGroups/nsg-hub' };
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [SUBNET]: { db: subnet }, [ASSOCIATION]: { db: external } })).toEqual({
    status: 'not-applicable',
    note: 'the network security group "/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/networkSecurityGroups/nsg-hub" that azurerm_subnet_network_security_group_association.db associates with the delegated subnet: the stack neither defines it nor writes a rule into it, so its rules are its owner\'s to judge',
  });
});

test('an association that may not exist (count known only later) is unknown', () => {
  const resources = guarded();
  resources[ASSOCIATION] = { db: { ...association, count: '${var.guard ? 1 : 0}' } };
  expect(judge(rule, resources)).toMatchObject({ status: 'unknown', address: `${ASSOCIATION}.db` });
});

test('an association removed by count = 0 does not guard the subnet', () => {
  const resources = guarded();
  resources[ASSOCIATION] = { db: { ...association, count: 0 } };
  expect(judge(rule, resources)).toMatchObject({ status: 'fail', address: `${SUBNET}.db` });
});

// A count Terraform computes at plan with a function is read as computed (43rd run, A43b-2): 0 removes the association, 1 keeps it.
test.each(['${length([])}', '${min(1, 0)}', '${length(keys({}))}', '${max(0, length(tolist([])))}', '${abs(0)}'])('an association of count = %j (0 at plan) does not guard the subnet', (count) => {
  const resources = guarded();
  resources[ASSOCIATION] = { db: { ...association, count } };
  expect(judge(rule, resources)).toMatchObject({ status: 'fail', address: `${SUBNET}.db` });
});

test.each(['${length(["x"])}', '${max(1, 0)}', '${length({ a = 1 })}'])('controls: an association of count = %j (1 at plan) guards the subnet', (count) => {
  const resources = guarded();
  resources[ASSOCIATION] = { db: { ...association, count } };
  expect(judge(rule, resources)).toEqual({ status: 'pass' });
});

test.each(['${length(var.l)}', '${min(var.n, 1)}'])('an association of count = %j, known only later, is unknown', (count) => {
  const resources = guarded();
  resources[ASSOCIATION] = { db: { ...association, count } };
  expect(judge(rule, resources)).toMatchObject({ status: 'unknown', address: `${ASSOCIATION}.db` });
});

// OpenTofu 1.11's lifecycle.enabled is read as count is (A15b-16).
test.each<[string, unknown]>([['a list', [{ enabled: '${var.guard}' }]], ['a non-bool', { enabled: 'maybe' }]])('an association whose lifecycle.enabled is known only later (%s) is unknown', (_name, lifecycle) => {
  const resources = guarded();
  resources[ASSOCIATION] = { db: { ...association, lifecycle } };
  expect(judge(rule, resources)).toMatchObject({ status: 'unknown', address: `${ASSOCIATION}.db` });
});

test.each([false, 'false'])('an association with lifecycle.enabled = %j does not guard the subnet', (enabled) => {
  const resources = guarded();
  resources[ASSOCIATION] = { db: { ...association, lifecycle: { enabled } } };
  expect(judge(rule, resources)).toMatchObject({ status: 'fail', address: `${SUBNET}.db` });
});

test('an association with lifecycle.enabled = true guards the subnet', () => {
  const resources = guarded();
  resources[ASSOCIATION] = { db: { ...association, lifecycle: { enabled: true } } };
  expect(judge(rule, resources)).toEqual({ status: 'pass' });
});

test('reports every open rule, so one cannot hide another', () => {
  const verdicts = judgeAll(rule, guarded({ a: securityRule({ source_address_prefix: '*' }), b: securityRule({ source_address_prefix: 'Internet' }) }));
  expect(verdicts.map((v) => v.status === 'fail' && v.address)).toEqual([`${RULE}.a`, `${RULE}.b`]);
});

test('a subnet defined outside this stack (existing VNet integration by ID) is not applicable', () => {
  const server = compliantFlexibleServer({ delegated_subnet_id: '${var.delegated_subnet_id}' });
  expect(judge(rule, { [FLEXIBLE]: { db: server } })).toEqual({ status: 'not-applicable', note: 'the delegated subnet is defined outside this stack, with its network security group' });
});

test('does not apply to a server without VNet integration', () => {
  const server = compliantFlexibleServer({ delegated_subnet_id: undefined, private_dns_zone_id: undefined });
  expect(judge(rule, { [FLEXIBLE]: { db: server } })).toMatchObject({ status: 'not-applicable' });
});

test.each(['5000 - 6000', '22,5432', '6000-5000', '70000', 'postgres'])('a destination port range the checks cannot read (%j) from anywhere cannot be judged, never a pass', (range) => {
  expect(judge(rule, guarded({ clients: securityRule({ source_address_prefix: '*', destination_port_range: range }) }))).toEqual({
    status: 'unknown',
    note: `whether security rule ${RULE}.clients lets PostgreSQL in depends on its destination port range "${range}", which is not "*", a port or a range low-high within 0-65535 (the form the checks read)`,
    address: `${RULE}.clients`,
  });
});

test('a readable range that holds no PostgreSQL port passes, as do the edges of the port numbers', () => {
  for (const range of ['0-5431', '6433-65535', '5433']) {
    expect(judge(rule, guarded({ clients: securityRule({ source_address_prefix: '*', destination_port_range: range }) }))).toEqual({ status: 'pass' });
  }
});

describe('a second association on the delegated subnet replaces its group (sixth review, A6-4)', () => {
  const OWNER = 'stack/Postgres';
  const at = (path: string) => ({ '//': { metadata: { path } } });
  const OUTSIDE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/Microsoft.Network/networkSecurityGroups/open';
  const SUBNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-db';
  /** The construct's server, subnet, group and association, with more associations beside them. */
  function beside(associations: Resources[string], constructs = [OWNER]): readonly Verdict[] {
    const resources = guarded();
    const terraform = { resource: {
      ...resources,
      [FLEXIBLE]: { db: compliantFlexibleServer(at(`${OWNER}/Server`)) },
      [ASSOCIATION]: { db: { ...association, ...at(`${OWNER}/SecurityGroupAssociation`) }, ...associations },
    } };
    return judgeBesideConstructs(rule, terraform, constructs);
  }
  const replaces = (address: string, group: string) => ({
    status: 'fail',
    message: `${address} associates the delegated subnet ${SUBNET}.db of ${OWNER}, a library construct, with ${group}: a subnet has one network security group, so it replaces the construct's group.`,
    address,
  });

  test('passes the construct\'s own association alone', () => {
    expect(beside({})).toEqual([{ status: 'pass' }]);
  });

  test.each([
    ['by reference, to a group given by ID', { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: OUTSIDE }, `the network security group "${OUTSIDE}"`],
    ['by the subnet\'s literal ID', { subnet_id: SUBNET_ID, network_security_group_id: OUTSIDE }, `the network security group "${OUTSIDE}"`],
    ['to the construct\'s own group', { subnet_id: SUBNET_ID, network_security_group_id: `\${${NSG}.db.id}` }, `${NSG}.db`],
    ['known only at apply time', { count: '${var.n}', subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: '${var.nsg}' }, 'the network security group "${var.nsg}"'],
    ['made inside the construct under another id', { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: OUTSIDE, ...at(`${OWNER}/Swap`) }, `the network security group "${OUTSIDE}"`],
  ])('fails a second association beside a construct\'s own: %s', (_, swap, group) => {
    expect(beside({ swap })).toEqual([replaces(`${ASSOCIATION}.swap`, group)]);
  });

  test('passes the one association of a subnet the construct was given (it makes none)', () => {
    const resources = guarded();
    const terraform = { resource: { ...resources, [FLEXIBLE]: { db: compliantFlexibleServer(at(`${OWNER}/Server`)) } } };
    expect(judgeBesideConstructs(rule, terraform, [OWNER])).toEqual([{ status: 'pass' }]);
  });

  test('fails both associations when a second one claims the construct\'s path', () => {
    const swap = { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: OUTSIDE, ...at(`${OWNER}/SecurityGroupAssociation`) };
    expect(beside({ swap }).map((verdict) => ('address' in verdict ? verdict.address : verdict.status))).toEqual([`${ASSOCIATION}.db`, `${ASSOCIATION}.swap`]);
  });

  test('fails each of two associations of a raw server\'s delegated subnet', () => {
    const resources = guarded({}, {});
    resources[ASSOCIATION] = { db: association, swap: { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: OUTSIDE } };
    const message = (address: string) => `${address} is one of 2 associations of the delegated subnet ${SUBNET}.db (with ${NSG}.db, the network security group "${OUTSIDE}"): a subnet has one network security group, so the last one applied replaces the others.`;
    expect(judgeAll(rule, resources)).toEqual([
      { status: 'fail', message: message(`${ASSOCIATION}.db`), address: `${ASSOCIATION}.db` },
      { status: 'fail', message: message(`${ASSOCIATION}.swap`), address: `${ASSOCIATION}.swap` },
    ]);
  });

  test('passes a raw server\'s second association that may not exist (PGF-NET-7 does not guess)', () => {
    const resources = guarded({}, {});
    resources[ASSOCIATION] = { db: association, swap: { count: '${var.n}', subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: OUTSIDE } };
    expect(judgeAll(rule, resources)).toEqual([{ status: 'pass' }]);
  });
});

describe('a group the stack associates with a subnet the server was given, by the server\'s own pointer (A14b-17)', () => {
  const GIVEN = '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-db';
  const given = (pointer: string, subnetId: string, rules: Resources[string] = {}) => judgeBesideConstructs(rule, { resource: {
    [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: pointer }) },
    [NSG]: { db: group },
    [ASSOCIATION]: { db: { subnet_id: subnetId, network_security_group_id: `\${${NSG}.db.id}` } },
    [RULE]: rules,
  } }, []);

  test('fails an open rule of the group associated by the same variable, or the same literal ID in another case', () => {
    const open = { clients: securityRule({ source_address_prefix: '*' }) };
    const failed = [{ status: 'fail', message: `security rule ${RULE}.clients allows inbound PostgreSQL from "*".`, address: `${RULE}.clients` }];
    expect(given('${var.delegated_subnet_id}', '${var.delegated_subnet_id}', open)).toEqual(failed);
    expect(given(GIVEN, `${GIVEN.toUpperCase()}/`, open)).toEqual(failed);
  });

  test('passes a guarding group so associated, and is not applicable when the association names another subnet', () => {
    expect(given('${var.delegated_subnet_id}', '${var.delegated_subnet_id}', { clients: securityRule() })).toEqual([{ status: 'pass' }]);
    expect(given('${var.delegated_subnet_id}', '${var.other_subnet_id}', { clients: securityRule({ source_address_prefix: '*' }) })).toEqual([
      { status: 'not-applicable', note: 'the delegated subnet is defined outside this stack, with its network security group' },
    ]);
  });

  test('fails each of two associations the stack writes onto the given subnet', () => {
    const verdicts = judgeBesideConstructs(rule, { resource: {
      [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: '${var.delegated_subnet_id}' }) },
      [NSG]: { db: group },
      [ASSOCIATION]: { a: { subnet_id: '${var.delegated_subnet_id}', network_security_group_id: `\${${NSG}.db.id}` }, b: { subnet_id: '${var.delegated_subnet_id}', network_security_group_id: '${var.hub_nsg_id}' } },
    } }, []);
    expect(verdicts.map((verdict) => (verdict.status === 'fail' ? verdict.address : verdict.status))).toEqual([`${ASSOCIATION}.a`, `${ASSOCIATION}.b`]);
  });
});

// A18b-3: the server's literal delegated-subnet ID in subscription 2222…; the stack's subnet of the same names, 10.0.1.0/28, and an open rule
// to 10.0.9.0/24 (the real subnet's range when the block is another object). In the ID's own subscription the block is the subnet and the rule
// is disjoint; in another literal one the block is not it; in one known only later it may not be: its range is not trusted.
test.each([
  ['the ID\'s own subscription', '22222222-2222-2222-2222-222222222222', 'pass'],
  ['another literal subscription', '00000000-0000-0000-0000-000000000000', 'fail'],
  ['the provider\'s default (none written)', undefined, 'fail'],
  ['a subscription known only later', '${var.subscription}', 'fail'],
])('A18b-3: a namesake subnet block in %s: an open rule to a range disjoint from the block\'s is judged unless the block is the subnet for sure', (_name, subscription, status) => {
  const id = '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-db';
  const model = buildStackModel({
    provider: { azurerm: [{ features: [{}], ...(subscription === undefined ? {} : { subscription_id: subscription }) }] },
    resource: {
      ...guarded({ open: securityRule({ source_address_prefix: '*', destination_address_prefix: '10.0.9.0/24' }) }),
      [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: id }) },
      [ASSOCIATION]: { db: { ...association, subnet_id: id } },
    },
  });
  const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [] });
  expect((Array.isArray(result) ? result : [result as Verdict]).map((verdict) => verdict.status)).toEqual([status]);
});
