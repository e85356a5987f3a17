// The firewall checks beyond the rules' own tests: the counts the report shows (addressCount,
// distinctAddressCount), ends that are not IPv4 text, reversed ranges, a range with one end known
// only later, the widest of several rules, and when a too-wide finding has a subject a
// justification may cover.
import { addressCount, distinctAddressCount } from '../../../../lib/checks/firewall-checks';
import { rule } from '../../../../lib/checks/rules/PGF-NET-8';
import { flexibleWithFirewallRules, judgeAll } from '../../rule-harness';

const FIREWALL = 'azurerm_postgresql_flexible_server_firewall_rule';

describe('the counts the report shows', () => {
  test('counts the addresses of a range, both ends included', () => {
    expect(addressCount({ start: '203.0.113.0', end: '203.0.113.255' })).toBe(256);
    expect(addressCount({ start: '203.0.113.7', end: '203.0.113.7' })).toBe(1);
  });

  test.each([
    ['a reversed range', '203.0.113.9', '203.0.113.8'],
    ['a start that is no text', 3405803776, '203.0.113.8'],
    ['an end that is no text', '203.0.113.8', 3405803784],
    ['a start that is no IPv4 address', 'office', '203.0.113.8'],
    ['an end that is no IPv4 address', '203.0.113.8', 'office'],
    ['an end written as an expression', '203.0.113.8', '${var.end}'],
  ])('counts nothing for %s', (_, start, end) => {
    expect(addressCount({ start, end })).toBeUndefined();
  });

  test('counts ranges together, overlaps once', () => {
    expect(distinctAddressCount([{ start: '203.0.113.0', end: '203.0.113.255' }, { start: '203.0.113.128', end: '203.0.114.0' }])).toBe(257);
    expect(distinctAddressCount([])).toBe(0);
  });

  test('counts nothing when one range cannot be counted', () => {
    expect(distinctAddressCount([{ start: '203.0.113.0', end: '203.0.113.255' }, { start: '203.0.113.9', end: '203.0.113.8' }])).toBeUndefined();
  });
});

describe('PGF-NET-8', () => {
  const WIDE = { wide: ['198.51.0.0', '198.51.255.255'] as [string, string] };
  const tooMany = (widest: string, address: string) =>
    `the firewall rules open 65536 addresses together (overlaps counted once), more than 256 (a /24); the widest is ${widest} (${FIREWALL}.${address}).`;

  test('a range with one end known only at apply time makes the total unknown', () => {
    for (const range of [['203.0.113.10', '${var.end}'], ['${var.start}', '203.0.113.20']]) {
      expect(judgeAll(rule, flexibleWithFirewallRules({ office: ['203.0.113.10', '203.0.113.20'], vars: range as [string, string] }))).toEqual([{
        status: 'unknown',
        note: `the range of firewall rule ${FIREWALL}.vars is known only at apply time, and with it how many addresses the rules open`,
        address: `${FIREWALL}.vars`,
      }]);
    }
  });

  test('names the widest rule, wherever it sorts', () => {
    const rules = { a: ['203.0.113.7', '203.0.113.7'], b: ['198.51.0.0', '198.51.255.254'], c: ['192.0.2.0', '192.0.2.1'] } as { [name: string]: [string, string] };
    expect(judgeAll(rule, flexibleWithFirewallRules(rules))).toEqual([{
      status: 'fail',
      message: `the firewall rules open 65538 addresses together (overlaps counted once), more than 256 (a /24); the widest is 198.51.0.0-198.51.255.254 (${FIREWALL}.b).`,
      address: undefined,
      subject: 'firewall ranges 192.0.2.0-192.0.2.1, 198.51.0.0-198.51.255.254, 203.0.113.7-203.0.113.7',
    }]);
  });

  test.each([
    ['a range known only at apply time', ['${var.start}', '${var.end}']],
    ['a range with one end known only at apply time', ['203.0.113.1', '${var.end}']],
    ['a range the checks cannot read', ['office', '203.0.113.1']],
  ])('too many addresses beside %s fail with no subject a justification could cover', (_, range) => {
    expect(judgeAll(rule, flexibleWithFirewallRules({ ...WIDE, zz: range as [string, string] }))).toEqual([
      { status: 'fail', message: tooMany('198.51.0.0-198.51.255.255', 'wide'), address: undefined },
    ]);
  });
});
