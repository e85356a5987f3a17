import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCheck } from '../../lib/cli/check-command';
import { CATALOG } from '../../lib/checks/rules';
import { EXAMPLE_NAMES, exampleStack } from '../support/example-stacks';

// The SARIF the check command writes, validated against the official SARIF 2.1.0 schema
// (test/cli/schemas, draft-04 JSON Schema) with Ajv.

const schema = JSON.parse(readFileSync(join(__dirname, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const SUPPRESSION = { path: 'weak', ruleId: 'PGF-ENC-1', reason: 'platform keys accepted until 2027 (SEC-9)' };
const WEAK = {
  resource: {
    azurerm_postgresql_flexible_server: { db: { name: 'weak-db', public_network_access_enabled: true, '//': { metadata: { path: 'weak/Db' } } } },
    azurerm_postgresql_flexible_server_firewall_rule: {
      all: { name: 'all', server_id: '${azurerm_postgresql_flexible_server.db.id}', start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255', '//': { metadata: { path: 'weak/All' } } },
    },
  },
  '//': { 'cdktf-azure-postgres-suppressions': [SUPPRESSION, { path: 'weak', ruleId: 'PGF-NET-1', reason: 'short' }] },
};

/** A cdktf.out folder in the working directory's reach, with the given stacks. */
function cdktfOut(stacks: { [name: string]: object }): string {
  const root = mkdtempSync(join(tmpdir(), 'pg-sarif-'));
  for (const [name, terraform] of Object.entries(stacks)) {
    mkdirSync(join(root, 'stacks', name), { recursive: true });
    writeFileSync(join(root, 'stacks', name, 'cdk.tf.json'), JSON.stringify(terraform, null, 2));
  }
  return root;
}

function sarifOf(root: string): { code: number; sarif: any } {
  const file = join(root, 'results.sarif');
  const code = runCheck(['check', root, '--format', 'sarif', '--output', file], { out: () => undefined, err: (line) => { throw new Error(line); } });
  return { code, sarif: JSON.parse(readFileSync(file, 'utf8')) };
}

describe('SARIF 2.1.0', () => {
  const examples = Object.fromEntries(EXAMPLE_NAMES.flatMap((name) => {
    try {
      return [[name, exampleStack(name).terraform]];
    } catch {
      return []; // an example that cannot be built is reported by test/examples.test.ts
    }
  }));

  test('the examples and an insecure stack give logs the official schema accepts', () => {
    for (const stacks of [examples, { weak: WEAK }]) {
      const { sarif } = sarifOf(cdktfOut(stacks));
      const valid = validate(sarif);
      expect(valid ? [] : validate.errors).toEqual([]);
      expect(sarif.version).toBe('2.1.0');
    }
  });

  test('the schema check can fail: a log with a wrong level or no message is refused', () => {
    const { sarif } = sarifOf(cdktfOut({ weak: WEAK }));
    sarif.runs[0].results[0].level = 'fatal';
    delete sarif.runs[0].results[1].message;
    expect(validate(sarif)).toBe(false);
  });

  test('the tool lists every control with its title, fix, severity and references', () => {
    const { sarif } = sarifOf(cdktfOut({ weak: WEAK }));
    const rules = sarif.runs[0].tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(CATALOG.map((rule) => rule.id));
    expect(rules.find((r: { id: string }) => r.id === 'PGF-NET-1')).toMatchObject({
      shortDescription: { text: 'Public network access is disabled' },
      help: { text: expect.stringMatching(/^Fix: Set public_network_access_enabled = false .*\nReferences: CIS DB 6\.3 https:\/\/www\.cisecurity\.org\/benchmark\/azure; Trivy AVD-AZU-0022 https:\/\/avd\.aquasec\.com\/misconfig\/avd-azu-0022; /) },
      helpUri: 'https://www.cisecurity.org/benchmark/azure',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'network'], references: { cis: ['DB 6.3'], trivy: ['AVD-AZU-0022'] } },
    });
    expect(rules.find((r: { id: string }) => r.id === 'PGF-ENC-1').defaultConfiguration).toEqual({ level: 'warning' });
  });

  test('one result per failed or suppressed finding, each located in cdk.tf.json, by line and JSON pointer, and at its construct path', () => {
    const root = cdktfOut({ weak: WEAK });
    const { code, sarif } = sarifOf(root);
    expect(code).toBe(1);
    const results = sarif.runs[0].results;
    const file = join(root, 'stacks', 'weak', 'cdk.tf.json');
    const text = readFileSync(file, 'utf8').split('\n');
    const firewall = results.find((r: { ruleId: string }) => r.ruleId === 'PGF-NET-4');
    expect(firewall).toMatchObject({
      level: 'error',
      message: { text: expect.stringMatching(/^the firewall rule allows 0\.0\.0\.0-255\.255\.255\.255, which opens the server to the internet\. Fix: /) },
      locations: [{
        physicalLocation: { artifactLocation: { uri: `file://${file}` } },
        logicalLocations: [{ name: 'azurerm_postgresql_flexible_server_firewall_rule.all', fullyQualifiedName: 'weak/All', kind: 'resource' }],
        properties: { stack: 'weak', jsonPointer: '/resource/azurerm_postgresql_flexible_server_firewall_rule/all' },
      }],
    });
    const line = firewall.locations[0].physicalLocation.region.startLine;
    expect(text[line - 1].trim()).toBe('"all": {');
    // The server's own findings point at the server's block, the invalid suppression at the "//" comment.
    const network = results.find((r: { ruleId: string }) => r.ruleId === 'PGF-NET-1');
    expect(text[network.locations[0].physicalLocation.region.startLine - 1].trim()).toBe('"db": {');
    const invalid = results.find((r: { ruleId: string }) => r.ruleId === 'PG-SUP-1');
    expect(invalid.locations[0].properties.jsonPointer).toBe('/~1~1');
    expect(text[invalid.locations[0].physicalLocation.region.startLine - 1].trim()).toBe('"//": {');

    const evaluatedFindings = runCheckFindings(root);
    expect(results).toHaveLength(evaluatedFindings);
    expect(new Set(results.map((r: { partialFingerprints: object }) => JSON.stringify(r.partialFingerprints))).size).toBe(results.length);
  });

  test('a resource written in a list of bodies, as HCL\'s JSON allows, is located at its block inside the list', () => {
    const listed = { ...WEAK, resource: [{ azurerm_postgresql_flexible_server: WEAK.resource.azurerm_postgresql_flexible_server }, { azurerm_postgresql_flexible_server_firewall_rule: [WEAK.resource.azurerm_postgresql_flexible_server_firewall_rule] }] };
    const root = cdktfOut({ weak: listed });
    const text = readFileSync(join(root, 'stacks', 'weak', 'cdk.tf.json'), 'utf8').split('\n');
    const results = sarifOf(root).sarif.runs[0].results;
    const firewall = results.find((r: { ruleId: string }) => r.ruleId === 'PGF-NET-4').locations[0];
    expect(firewall.properties.jsonPointer).toBe('/resource/1/azurerm_postgresql_flexible_server_firewall_rule/0/all');
    expect(text[firewall.physicalLocation.region.startLine - 1].trim()).toBe('"all": {');
    const server = results.find((r: { ruleId: string }) => r.ruleId === 'PGF-NET-1').locations[0];
    expect(server.properties.jsonPointer).toBe('/resource/0/azurerm_postgresql_flexible_server/db');
  });

  test('a stack file below the working directory is named by its relative path, as code scanning resolves it', () => {
    const root = cdktfOut({ weak: WEAK });
    const before = process.cwd();
    process.chdir(root);
    try {
      runCheck(['check', 'stacks', '--format', 'sarif', '--output', 'out/results.sarif'], { out: () => undefined, err: () => undefined });
      const sarif = JSON.parse(readFileSync(join(root, 'out', 'results.sarif'), 'utf8'));
      expect(new Set(sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri))).toEqual(new Set(['stacks/weak/cdk.tf.json']));
    } finally {
      process.chdir(before);
    }
  });

  test('a suppressed finding is a result with a SARIF suppression that carries the justification', () => {
    const { sarif } = sarifOf(cdktfOut({ weak: WEAK }));
    const suppressed = sarif.runs[0].results.filter((r: { suppressions?: unknown }) => r.suppressions !== undefined);
    expect(suppressed).toEqual([expect.objectContaining({ ruleId: 'PGF-ENC-1', level: 'warning', suppressions: [{ kind: 'inSource', status: 'accepted', justification: SUPPRESSION.reason }] })]);
  });

  test('a clean stack gives a valid log with no results', () => {
    const name = EXAMPLE_NAMES.find((n) => n === 'flexible-vnet-integration')!;
    const { sarif } = sarifOf(cdktfOut({ [name]: examples[name] }));
    expect(sarif.runs[0].results.filter((r: { suppressions?: unknown }) => r.suppressions === undefined)).toEqual([]);
  });
});

/** How many findings the summary line counts as failed or suppressed. */
function runCheckFindings(root: string): number {
  const out: string[] = [];
  runCheck(['check', root], { out: (line) => out.push(line), err: () => undefined });
  return out.filter((line) => /^ {2}(ERROR|WARNING|suppressed) /.test(line) && !line.includes(' (synth) ')).length;
}
