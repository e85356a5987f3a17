import { readFileSync } from 'fs';
import { join } from 'path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { EXIT_OK } from '../../lib/cli/check-command';
import { descendants, parseXml } from '../support/xml';
import { check, SECURE, tree } from './cli-harness';

// Adversarial run of stop 70, C20: PostgreSQL resources no rule reads (an Azure Cosmos DB for PostgreSQL cluster open to the
// internet) showed only in the Markdown and JSON reports. The summary, SARIF (a tool notification) and JUnit (a skipped test
// case) name them too; the exit code stays the findings' (they are for a review by hand, as the report says).

const sarifAjv = new AjvDraft04({ allErrors: true, strict: false });
addFormats(sarifAjv);
const validateSarif = sarifAjv.compile(JSON.parse(readFileSync(join(__dirname, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')));

const COSMOS = {
  resource: {
    ...SECURE.resource,
    azurerm_cosmosdb_postgresql_cluster: { c: { name: 'c', resource_group_name: 'rg', location: 'westeurope', node_count: 0 } },
    azurerm_cosmosdb_postgresql_firewall_rule: { all: { name: 'all', cluster_id: '${azurerm_cosmosdb_postgresql_cluster.c.id}', start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' } },
  },
};
const app = () => tree({ 'stacks/app/cdk.tf.json': COSMOS });

test('the summary counts them and names each, exit 0', () => {
  const result = check('check', app());
  expect(result.code).toBe(EXIT_OK);
  expect(result.out[0]).toBe('app: 1 server(s), 0 error(s), 2 warning(s), 0 suppressed, 41 passed, 2 not judged');
  expect(result.out.filter((line) => line.includes('(not judged)'))).toEqual([
    '  NOTE       (not judged) azurerm_cosmosdb_postgresql_cluster.c: no rule of this version reads azurerm_cosmosdb_postgresql_cluster; review it by hand: neither synth nor the check command judges it',
    '  NOTE       (not judged) azurerm_cosmosdb_postgresql_firewall_rule.all: no rule of this version reads azurerm_cosmosdb_postgresql_firewall_rule; review it by hand: neither synth nor the check command judges it',
  ]);
});

test('SARIF: a tool notification naming them, valid against the schema', () => {
  const sarif = JSON.parse(check('check', app(), '--format', 'sarif').out.join('\n'));
  expect(validateSarif(sarif) ? [] : validateSarif.errors).toEqual([]);
  expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual([expect.objectContaining({
    descriptor: { id: 'resources-not-judged' },
    level: 'warning',
    message: { text: expect.stringMatching(/^app: 2 PostgreSQL resource\(s\) not judged: azurerm_cosmosdb_postgresql_cluster\.c \(.*\), azurerm_cosmosdb_postgresql_firewall_rule\.all \(/) },
  })]);
});

test('JUnit: a skipped test case each, counted', () => {
  const root = parseXml(check('check', app(), '--format', 'junit').out.join('\n'));
  const cases = descendants(root, 'testcase').filter((c) => c.attributes.name === 'not judged');
  expect(cases.map((c) => c.attributes.classname)).toEqual(['app.azurerm_cosmosdb_postgresql_cluster.c', 'app.azurerm_cosmosdb_postgresql_firewall_rule.all']);
  expect(descendants(cases[0], 'skipped')[0].attributes.message).toMatch(/^not judged: no rule of this version reads azurerm_cosmosdb_postgresql_cluster; review it by hand/);
  for (const element of [root, ...descendants(root, 'testsuite')]) {
    expect(Number(element.attributes.tests)).toBe(descendants(element, 'testcase').length);
    expect(Number(element.attributes.skipped)).toBe(descendants(element, 'skipped').length);
  }
});

test('a stack without them: no count, no notification, no such test case', () => {
  const root = tree({ 'stacks/app/cdk.tf.json': SECURE });
  expect(check('check', root).out[0]).toBe('app: 1 server(s), 0 error(s), 2 warning(s), 0 suppressed, 41 passed');
  expect(JSON.parse(check('check', root, '--format', 'sarif').out.join('\n')).runs[0]).not.toHaveProperty('invocations');
  expect(check('check', root, '--format', 'junit').out.join('\n')).not.toContain('not judged');
});
