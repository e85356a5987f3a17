import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runCheck } from '../../lib/cli/check-command';
import { ALL_RULES } from '../../lib/checks/rules';
import { descendants, parseXml, XmlElement } from '../support/xml';

// The JUnit XML of the check command, parsed with a real XML parser (saxes, which refuses XML that
// is not well-formed).

const HOSTILE = 'a & b < c > "d" \'e\' \u0001 ]]> \ud800';
/** What XML needs escaped in a reason (a reason cannot hold controls: reason-text.ts). */
const HOSTILE_REASON = 'a & b < c > "d" \'e\' ]]>';
const STACK = {
  resource: {
    azurerm_postgresql_flexible_server: { db: { name: 'weak-db', public_network_access_enabled: true, sku_name: 'B_Standard_B1ms', '//': { metadata: { path: 'weak/Db' } } } },
    azurerm_postgresql_flexible_server_firewall_rule: {
      all: { name: HOSTILE, server_id: '${azurerm_postgresql_flexible_server.db.id}', start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' },
      wide: { name: 'wide', server_id: '${azurerm_postgresql_flexible_server.db.id}', start_ip_address: '1.0.0.0', end_ip_address: '255.255.255.255' },
    },
  },
  '//': { 'cdktf-azure-postgres-suppressions': [{ path: 'weak', ruleId: 'PGF-ENC-1', reason: `platform keys accepted: ${HOSTILE_REASON}` }] },
};

function junitOf(stacks: { [name: string]: object }): XmlElement {
  const root = mkdtempSync(join(tmpdir(), 'pg-junit-'));
  for (const [name, terraform] of Object.entries(stacks)) {
    mkdirSync(join(root, 'stacks', name), { recursive: true });
    writeFileSync(join(root, 'stacks', name, 'cdk.tf.json'), JSON.stringify(terraform));
  }
  const file = join(root, 'junit.xml');
  runCheck(['check', root, '--format', 'junit', '--output', file], { out: () => undefined, err: (line) => { throw new Error(line); } });
  return parseXml(readFileSync(file, 'utf8'));
}

test('the XML parser refuses XML that is not well-formed, so the tests below can fail', () => {
  expect(() => parseXml('<testsuites><testcase name="a & b"/></testsuites>')).toThrow();
  expect(() => parseXml('<testsuites><testcase name="\u0001"/></testsuites>')).toThrow();
});

test('one test case per control and server, and one per stack-wide check', () => {
  const root = junitOf({ weak: STACK, other: { resource: { azurerm_postgresql_server: { legacy: { name: 'legacy' } } } } });
  const suites = descendants(root, 'testsuite');
  expect(suites.map((suite) => suite.attributes.name)).toEqual(['other', 'weak']);
  const flexibleRules = ALL_RULES.filter((rule) => rule.appliesTo === 'flexible' || rule.appliesTo === 'any').length;
  const singleRules = ALL_RULES.filter((rule) => rule.appliesTo === 'single' || rule.appliesTo === 'any').length;
  expect(descendants(suites[1], 'testcase')).toHaveLength(flexibleRules + 2);
  expect(descendants(suites[0], 'testcase')).toHaveLength(singleRules + 2);
  const names = descendants(suites[1], 'testcase').map((c) => `${c.attributes.classname} ${c.attributes.name}`);
  expect(names).toEqual(expect.arrayContaining([
    'weak.azurerm_postgresql_flexible_server.db PGF-NET-1 Public network access is disabled',
    'weak.(stack) PG-SUP-1 Suppressions are valid',
    'weak.(stack) PG-CFG-2 Construct resources not removed, copied or scripted by count, for_each or provisioners',
  ]));
  expect(root.name).toBe('testsuites');
  expect(Number(root.attributes.tests)).toBe(flexibleRules + singleRules + 4);
  expect(Number(root.attributes.failures)).toBe(descendants(root, 'failure').length);
  expect(Number(root.attributes.skipped)).toBe(descendants(root, 'skipped').length);
  for (const suite of suites) expect(Number(suite.attributes.tests)).toBe(descendants(suite, 'testcase').length);
});

test('a failed control is a failure with every faulty resource; suppressed and n/a ones are skipped with the reason', () => {
  const root = junitOf({ weak: STACK });
  const testCase = (id: string) => descendants(root, 'testcase').find((c) => c.attributes.name.startsWith(`${id} `))!;
  const child = (id: string, name: string) => descendants(testCase(id), name)[0];
  const firewall = child('PGF-NET-4', 'failure');
  expect(firewall.attributes.type).toBe('error');
  expect(firewall.attributes.message).toBe('2 finding(s): the firewall rule allows 0.0.0.0-255.255.255.255, which opens the server to the internet.');
  expect(firewall.text.split('\n')).toEqual([
    expect.stringMatching(/^azurerm_postgresql_flexible_server_firewall_rule\.all: the firewall rule allows 0\.0\.0\.0-255\.255\.255\.255, .* Fix: /),
    expect.stringMatching(/^azurerm_postgresql_flexible_server_firewall_rule\.wide: the firewall rule allows 1\.0\.0\.0-255\.255\.255\.255, .* Fix: /),
  ]);
  expect(child('PGF-DEL-1', 'failure').attributes.type).toBe('warning');
  expect(child('PGF-ENC-1', 'skipped').attributes.message).toBe('suppressed: platform keys accepted: a & b < c > "d" \'e\' ]]>');
  expect(child('PGF-AVL-1', 'skipped').attributes.message).toBe('not applicable: Burstable SKUs (B_Standard_B1ms) do not offer high availability');
  expect(child('PGF-TLS-1', 'failure')).toBeDefined();
  expect(testCase('PG-SUP-1').children).toHaveLength(0);
});

// Adversarial run of stop 70, C2: a server's label holding a line break (a literal server ID) renamed every test case of that server.
test('a server label with a line break keeps each test case\'s rule and title', () => {
  const serverId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/db\nPGF-BAK-1';
  const root = junitOf({ odd: { resource: { azurerm_postgresql_flexible_server_firewall_rule: { all: { name: 'all', server_id: serverId, start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' } } } } });
  // Shown escaped, as every text from the stack (C13).
  const cases = descendants(root, 'testcase').filter((c) => c.attributes.classname.includes('\\u{a}'));
  const titles = new Map(ALL_RULES.map((rule) => [rule.id, `${rule.id} ${rule.title}`]));
  expect(cases.length).toBeGreaterThan(1);
  for (const testCase of cases) expect(titles.get(testCase.attributes.name.split(' ')[0])).toBe(testCase.attributes.name);
  expect(cases.find((c) => c.attributes.name.startsWith('PGF-NET-4 '))?.children.map((child) => child.name)).toEqual(['failure']);
});
