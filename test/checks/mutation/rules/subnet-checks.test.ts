// The delegated subnet's network security group (PGF-NET-7, PGF-NET-11, and the report's list of
// PostgreSQL sources) on the stack model directly, beyond the rules' own tests: whole messages of
// the unknown verdicts, lists and ports known only later, unset attributes, rules whose group may
// be this one, and several groups on one subnet.
import { rule as noInternet } from '../../../../lib/checks/rules/PGF-NET-7';
import { rule as narrowSources } from '../../../../lib/checks/rules/PGF-NET-11';
import { TerraformBlock } from '../../../../lib/checks/stack-model';
import { postgresInboundSources } from '../../../../lib/checks/subnet-checks';
import { compliantFlexibleServer, FLEXIBLE, judgeAll, Resources, serverIn } from '../../rule-harness';
import { ASSOCIATION, association, group, guarded, NSG, RULE, securityRule, SUBNET } from '../../subnet-fixtures';

const CLIENTS = `${RULE}.clients`;
const APPLY_TIME = `whether security rule ${CLIENTS} allows inbound PostgreSQL from the internet is known only at apply time`;
/** The subnet's own first range, read from the subnet: never "anywhere" and never a client. */
const OWN_RANGE = `\${element(${SUBNET}.db.address_prefixes, 0)}`;

const withRule = (overrides: TerraformBlock): Resources => guarded({ clients: securityRule(overrides) });
/** A separate rule whose group is known only at apply time: it may belong to the group "db". */
const possibleRule = (overrides: TerraformBlock): TerraformBlock => securityRule({ network_security_group_name: '${var.nsg}', ...overrides });
/** The sources the report lists for the group "db" of the server's delegated subnet. */
function sources(resources: Resources): string[] {
  return postgresInboundSources(serverIn(resources).delegatedSubnet!.associations[0].securityGroup!);
}

describe('PGF-NET-7', () => {
  test('names every source of a rule that lets PostgreSQL in from the internet, from its plural list', () => {
    expect(judgeAll(noInternet, withRule({ source_address_prefix: undefined, source_address_prefixes: ['10.1.0.0/16', 'Internet'] }))).toEqual([
      { status: 'fail', message: `security rule ${CLIENTS} allows inbound PostgreSQL from "10.1.0.0/16", "Internet".`, address: CLIENTS },
    ]);
  });

  test('a rule without a protocol or direction is no TCP inbound rule', () => {
    expect(judgeAll(noInternet, withRule({ source_address_prefix: '*', protocol: undefined }))).toEqual([{ status: 'pass' }]);
    expect(judgeAll(noInternet, withRule({ source_address_prefix: '*', direction: null }))).toEqual([{ status: 'pass' }]);
  });

  test('a plural port list without PostgreSQL\'s ports passes: no singular port is read into it', () => {
    expect(judgeAll(noInternet, withRule({ source_address_prefix: '*', destination_port_range: undefined, destination_port_ranges: ['443', '22'] }))).toEqual([{ status: 'pass' }]);
  });

  test('a port list item that is no text holds no port', () => {
    expect(judgeAll(noInternet, withRule({ source_address_prefix: '*', destination_port_range: undefined, destination_port_ranges: [null, '443'] }))).toEqual([{ status: 'pass' }]);
  });

  test.each([
    ['a port', { source_address_prefix: '*', destination_port_range: '${var.port}' }],
    ['a source list', { source_address_prefix: undefined, source_address_prefixes: '${var.sources}' }],
    ['a source', { source_address_prefix: '${var.source}' }],
  ])('%s known only at apply time: unknown, with the generic note even when the ports are readable', (_, overrides) => {
    expect(judgeAll(noInternet, withRule(overrides))).toEqual([{ status: 'unknown', note: APPLY_TIME, address: CLIENTS }]);
  });

  test('inline rules written as a dynamic block are unknown, naming the group', () => {
    const dynamic = { ...group, dynamic: { security_rule: { for_each: '${var.rules}', content: {} } } };
    expect(judgeAll(noInternet, guarded({}, { [NSG]: { db: dynamic } }))).toEqual([
      { status: 'unknown', note: `the security_rule blocks of ${NSG}.db are known only at plan time`, address: `${NSG}.db` },
    ]);
  });

  test('a rule whose group is known only at apply time counts only when it may let PostgreSQL in from anywhere', () => {
    expect(judgeAll(noInternet, guarded({ clients: possibleRule({}) }))).toEqual([{ status: 'pass' }]);
    expect(judgeAll(noInternet, guarded({ clients: possibleRule({ source_address_prefix: '*' }) }))).toEqual([
      { status: 'unknown', note: `security rule ${CLIENTS}, whose group is known only at apply time, may belong to ${NSG}.db`, address: CLIENTS },
    ]);
  });

  test('a server without a delegated subnet is not VNet-integrated', () => {
    const server = compliantFlexibleServer({ delegated_subnet_id: undefined, private_dns_zone_id: undefined });
    expect(judgeAll(noInternet, { [FLEXIBLE]: { db: server } })).toEqual([{ status: 'not-applicable', note: 'the server is not VNet-integrated' }]);
  });

  test('an association that may not exist is unknown, with why', () => {
    const resources = guarded();
    resources[ASSOCIATION] = { db: { ...association, count: '${var.guard ? 1 : 0}' } };
    expect(judgeAll(noInternet, resources)).toEqual([{
      status: 'unknown',
      note: `association ${ASSOCIATION}.db may not exist: its count, for_each or subnet is known only at apply time`,
      address: `${ASSOCIATION}.db`,
    }]);
  });
});

describe('PGF-NET-11', () => {
  const HALVES = { source_address_prefix: undefined, source_address_prefixes: ['0.0.0.0/1', '128.0.0.0/1'] };
  const WIDE = `the inbound rules of ${NSG}.db let PostgreSQL in from 3702390784 public addresses together (overlaps counted once), more than 256 (a /24).`;

  test('a rule for any protocol counts', () => {
    expect(judgeAll(narrowSources, withRule({ ...HALVES, protocol: '*' }))).toEqual([
      { status: 'fail', message: WIDE, address: `${NSG}.db`, subject: 'sources 0.0.0.0-255.255.255.255' },
    ]);
  });

  test('a source known only at apply time is unknown, naming its rule', () => {
    expect(judgeAll(narrowSources, withRule({ source_address_prefix: '${var.source}' }))).toEqual([{
      status: 'unknown',
      note: `a PostgreSQL source of ${CLIENTS} is known only at apply time, and with it how widely PostgreSQL is open`,
      address: CLIENTS,
    }]);
  });

  test('the subnet\'s own range read from the subnet is no source', () => {
    expect(judgeAll(narrowSources, withRule({ source_address_prefix: OWN_RANGE }))).toEqual([{ status: 'pass' }]);
  });

  test('inline rules written as a dynamic block are unknown, naming the group', () => {
    const dynamic = { ...group, dynamic: { security_rule: { for_each: '${var.rules}', content: {} } } };
    expect(judgeAll(narrowSources, guarded({}, { [NSG]: { db: dynamic } }))).toEqual([{
      status: 'unknown',
      note: `a PostgreSQL source of ${NSG}.db is known only at apply time, and with it how widely PostgreSQL is open`,
      address: `${NSG}.db`,
    }]);
  });

  test('wide sources of a rule whose group is known only at apply time are unknown, not a failure', () => {
    expect(judgeAll(narrowSources, guarded({ clients: possibleRule(HALVES) }))).toEqual([{
      status: 'unknown',
      note: `whether some rules of ${NSG}.db apply is known only at apply time, and with them how widely PostgreSQL is open`,
      address: `${NSG}.db`,
    }]);
  });

  test.each([
    ['a rule that may belong to the group', { maybe: possibleRule({ name: 'maybe', source_address_prefix: '198.51.100.7' }) }],
    ['a source known only at apply time', { maybe: securityRule({ name: 'maybe', source_address_prefix: '${var.source}' }) }],
    ['a source the checks cannot read', { maybe: securityRule({ name: 'maybe', source_address_prefix: '1.0.0.0-2.0.0.0' }) }],
  ])('sources surely too wide fail beside %s, with no subject a justification could cover', (_, extra) => {
    expect(judgeAll(narrowSources, guarded({ clients: securityRule(HALVES), ...extra }))).toEqual([{ status: 'fail', message: WIDE, address: `${NSG}.db` }]);
  });

  test('judges each group of the subnet, and lists only those that do not pass', () => {
    const resources = guarded({ clients: securityRule(HALVES) }, {
      [NSG]: { db: group, other: { ...group, name: 'nsg-other' } },
      [ASSOCIATION]: { db: association, other: { ...association, network_security_group_id: `\${${NSG}.other.id}` } },
    });
    expect(judgeAll(narrowSources, resources)).toEqual([{ status: 'fail', message: WIDE, address: `${NSG}.db`, subject: 'sources 0.0.0.0-255.255.255.255' }]);
  });
});

describe('the sources the report lists', () => {
  test('lists the sources of inbound TCP rules whose ports hold PostgreSQL\'s, inline, then separate by address', () => {
    const inline = { ...group, security_rule: [securityRule({ name: 'office', source_address_prefix: '10.20.0.0/16', network_security_group_name: undefined })] };
    const rules = {
      clients: securityRule({ source_address_prefix: undefined, source_address_prefixes: ['VirtualNetwork', '198.51.100.0/24'] }),
      anyProtocol: securityRule({ name: 'any', protocol: '*', source_address_prefix: '203.0.113.7' }),
      deny: securityRule({ name: 'deny', access: 'Deny', source_address_prefix: '*' }),
      web: securityRule({ name: 'web', destination_port_range: '443', source_address_prefix: '*' }),
      udp: securityRule({ name: 'udp', protocol: 'Udp', source_address_prefix: '*' }),
      out: securityRule({ name: 'out', direction: 'Outbound', source_address_prefix: '*' }),
    };
    expect(sources(guarded(rules, { [NSG]: { db: inline } }))).toEqual(['10.20.0.0/16', '203.0.113.7', 'VirtualNetwork', '198.51.100.0/24']);
  });

  test('marks the sources of a rule whose port is known only at apply time "(may)"', () => {
    expect(sources(withRule({ destination_port_range: '${var.port}' }))).toEqual(['VirtualNetwork (may)']);
  });

  test('a group without PostgreSQL rules lists none', () => {
    expect(sources(guarded({}))).toEqual([]);
  });

  test('adds one entry for inline rules written as a dynamic block', () => {
    const dynamic = { ...group, dynamic: { security_rule: { for_each: '${var.rules}', content: {} } } };
    expect(sources(guarded({ clients: securityRule() }, { [NSG]: { db: dynamic } }))).toEqual([
      'VirtualNetwork',
      'the sources of its security_rule blocks known only at plan time (may)',
    ]);
  });
});
