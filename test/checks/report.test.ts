import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { PostgresqlFlexibleServerVirtualEndpoint } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-virtual-endpoint';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import Ajv from 'ajv';
import { App, TerraformStack } from 'cdktf';
import { FlexibleServerSku, PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { buildReport, renderMarkdown, SecurityReport } from '../../lib/checks/report';
import { code } from '../../lib/checks/markdown-text';
import { ALL_RULES, CATALOG } from '../../lib/checks/rules';
import { terraformRequirement } from '../../lib/checks/terraform-requirement';
import { minimalProps, warningsOf } from '../helpers';
import { EXAMPLE_NAMES, exampleStack } from '../support/example-stacks';
import { databaseStack, grant, groupRole, passwordRole } from './database-fixtures';

const VERSION = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
const validateReport = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'postgres-security-report.schema.json'), 'utf8')));

/** Synthesizes a stack as `cdktf synth` does (validations on), into a fresh folder; what it threw, if anything. */
function synth(build: (stack: TerraformStack) => void): { dir: string; stack: TerraformStack; error?: Error } {
  const outdir = mkdtempSync(join(tmpdir(), 'pg-report-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'orders');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  build(stack);
  try {
    app.synth();
    return { dir: join(outdir, 'stacks', 'orders'), stack };
  } catch (error) {
    return { dir: join(outdir, 'stacks', 'orders'), stack, error: error as Error };
  }
}

function readReport(dir: string): { json: SecurityReport; markdown: string } {
  return { json: JSON.parse(readFileSync(join(dir, 'postgres-security-report.json'), 'utf8')), markdown: readFileSync(join(dir, 'postgres-security-report.md'), 'utf8') };
}

function expectValid(report: unknown): void {
  const valid = validateReport(report);
  expect(valid ? [] : validateReport.errors).toEqual([]);
}

describe('the JSON report keeps its documented shape (docs/postgres-security-report.schema.json)', () => {
  test.each(EXAMPLE_NAMES)('example %s', (name) => {
    const { terraform } = exampleStack(name);
    const report = JSON.parse(JSON.stringify(buildReport(name, evaluateStack(terraform, ALL_RULES), CATALOG)));
    expectValid(report);
    expect(report).toMatchObject({ schemaVersion: '2.4', generator: 'cdktf-azure-postgres', generatorVersion: VERSION, synthFailed: false });
  });

  test('a stack with roles and grants inside its server', () => {
    const stack = databaseStack({
      postgresql_role: { ro: groupRole('orders_readonly'), vendor: passwordRole('vendor', { roles: ['orders_readonly'] }) },
      postgresql_grant: { ro: grant('${postgresql_role.ro.name}', ['SELECT']) },
    });
    const report = JSON.parse(JSON.stringify(buildReport('orders', evaluateStack(stack, ALL_RULES), CATALOG)));
    expectValid(report);
    expect(report.servers[0].access.databaseRoles.map((r: { name: string }) => r.name)).toEqual(['orders_readonly', 'vendor']);
  });

  test('a stack that grants a membership to a role named only at apply time: `laterMemberships` is part of the shape (schema 2.3)', () => {
    const stack = databaseStack({ postgresql_role: { ro: groupRole('orders_readonly') }, postgresql_grant_role: { later: { role: '${var.r}', grant_role: 'orders_readonly' } } });
    const report = JSON.parse(JSON.stringify(buildReport('orders', evaluateStack(stack, ALL_RULES), CATALOG)));
    expectValid(report);
    expect(report.inDatabase[0].laterMemberships).toEqual([{ member: '${var.r}', group: 'orders_readonly' }]);
  });

  test('a stack that writes generated passwords: its `terraform` section is part of the shape (A9-13)', () => {
    const { terraform } = exampleStack('flexible-password-auth');
    const requirement = terraformRequirement(terraform);
    expect(requirement?.writeOnlyAttributes.length).toBeGreaterThan(0);
    const report = JSON.parse(JSON.stringify(buildReport('x', evaluateStack(terraform, ALL_RULES), CATALOG, { terraform: requirement })));
    expectValid(report);
    expect(validateReport({ ...report, terraform: { ...report.terraform, extra: 1 } })).toBe(false);
  });

  test('each finding names a rule of `rules` and leaves its title, references and fix to it (schema 2.0)', () => {
    const { terraform } = exampleStack('flexible-public-firewall');
    const evaluation = evaluateStack(terraform, ALL_RULES);
    const report = JSON.parse(JSON.stringify(buildReport('x', evaluation, CATALOG)));
    const ids = new Set(report.rules.map((rule: { id: string }) => rule.id));
    expect(report.findings.length).toBe(evaluation.findings.length);
    expect(report.findings.filter((f: { ruleId: string }) => !ids.has(f.ruleId))).toEqual([]);
    expect(report.findings.filter((f: object) => 'title' in f || 'references' in f || 'fix' in f)).toEqual([]);
    expect(report.findings[0]).toEqual(JSON.parse(JSON.stringify({ ...evaluation.findings[0], title: undefined, references: undefined, fix: undefined })));
    expect(validateReport({ ...report, findings: [{ ...report.findings[0], title: 'x' }] })).toBe(false);
  });

  test('the schema check can fail: a field it does not know is refused', () => {
    const { terraform } = exampleStack('flexible-vnet-integration');
    const report = JSON.parse(JSON.stringify(buildReport('x', evaluateStack(terraform, ALL_RULES), CATALOG)));
    expect(validateReport({ ...report, extra: 1 })).toBe(false);
    expect(validateReport({ ...report, summary: { ...report.summary, errors: -1 } })).toBe(false);
  });
});

describe('the Markdown report', () => {
  const { terraform } = exampleStack('flexible-public-firewall');
  const report = buildReport('flexible-public-firewall', evaluateStack(terraform, ALL_RULES), CATALOG);
  const markdown = renderMarkdown(report);

  test('states the library version and the schema version', () => {
    expect(markdown).toContain(`\nWritten by cdktf-azure-postgres ${VERSION} (report schema 2.4).\n`);
  });

  test('shows each server\'s facts and every way in, with address counts', () => {
    expect(markdown).toContain('| name | `analytics-db-prod` |');
    expect(markdown).toContain('| network mode | public access |');
    expect(markdown).toContain('| public firewall ranges | `head-office` `203.0.113.0` to `203.0.113.63`: 64 address(es); `partner-etl` `198.51.100.16` to `198.51.100.31`: 16 address(es); 80 distinct address(es) in all |');
    expect(markdown).toContain('| Entra ID sign-in | on; administrators: `${var.admin_group_name}` (Group, object ID `${var.admin_group_object_id}`) |');
    expect(markdown).toContain('| password sign-in | off |');
    expect(markdown).toContain(`## Access diagram\n\nWho and from where, through which entry point, to which server, and as which role inside it.\n\n\`\`\`mermaid\n${report.accessDiagram}\n\`\`\`\n`);
  });

  test('gives the reason of every n/a cell', () => {
    const notApplicable = report.findings.filter((f) => f.status === 'not-applicable');
    expect(notApplicable.length).toBeGreaterThan(0);
    const titles = new Map(report.rules.map((rule) => [rule.id, rule.title]));
    for (const finding of notApplicable) expect(markdown).toContain(`\n- S1 ${finding.ruleId} ${titles.get(finding.ruleId)}: ${finding.note}.\n`);
  });

  test('links the references of each control', () => {
    expect(markdown).toContain('- PGF-NET-1 Public network access is disabled: CIS [DB 6.3](https://www.cisecurity.org/benchmark/azure); Trivy [AVD-AZU-0022](https://avd.aquasec.com/misconfig/avd-azu-0022); Azure Policy [5e1de0e3 Public network access should be disabled for PostgreSQL flexible servers](https://portal.azure.com/#view/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/%2Fproviders%2FMicrosoft.Authorization%2FpolicyDefinitions%2F5e1de0e3-42cb-4ebc-a86d-61d0c619ca48)\n');
    expect(markdown).toContain('Azure Policy [fa498b91 \\[Preview\\]: Azure PostgreSQL flexible server should have Microsoft Entra Only Authentication enabled](');
    expect(markdown).toContain('- PGF-IAM-6 Passwords use SCRAM-SHA-256, not MD5: no benchmark or scanner has this control\n');
  });

  test('counts the warning synth printed, and lists it with its justification', () => {
    expect(report.summary.warnings).toBe(1);
    expect(markdown).toContain('0 error(s), 1 warning(s), 3 suppressed finding(s).');
    expect(markdown).toContain('## Warnings printed at synth\n\nWeaker choices the constructs were asked for, with their justification.\n\n- `flexible-public-firewall/Postgres`: [cdktf-azure-postgres:PublicNetworkAccess] Public network access is on for 2 IPv4 range(s). Justification: "Partner ETL runs outside Azure until the VPN is live (SEC-482, review 2026-09)".\n');
  });

  test('values from the stack are inline code that no name can break out of', () => {
    expect(code('a|b')).toBe('`a\\|b`');
    expect(code('x`y')).toBe('``x`y``');
    expect(code('`x')).toBe('`` `x ``');
    expect(code('line\nbreak')).toBe('`line\\u{a}break`');
  });
});

describe('the report written at synth', () => {
  test('counts every warning synth printed: a Burstable server\'s HA warning is a warning in the report', () => {
    const { dir, stack, error } = synth((s) => new SecureFlexibleServer(s, 'Postgres', minimalProps({ sku: FlexibleServerSku.B_STANDARD_B1MS })));
    expect(error).toBeUndefined();
    const { json, markdown } = readReport(dir);
    const printed = warningsOf(stack);
    expect(printed).toEqual(expect.arrayContaining([expect.stringContaining('[cdktf-azure-postgres:HighAvailabilityOff]')]));
    expect(json.summary.warnings).toBe(printed.length);
    expect(json.synthWarnings.map((w) => w.id)).toContain('HighAvailabilityOff');
    expect(markdown).toContain(`${printed.length} warning(s)`);
    expect(json.findings.find((f) => f.ruleId === 'PGF-AVL-1')).toMatchObject({ status: 'not-applicable', note: 'Burstable SKUs (B_Standard_B1ms) do not offer high availability' });
    expectValid(json);
  });

  test('names the PostgreSQL resources it did not judge, and how to include them', () => {
    const { dir, error } = synth((stack) => {
      new SecureFlexibleServer(stack, 'Postgres', minimalProps());
      const raw = new PostgresqlFlexibleServer(stack, 'Raw', { name: 'raw-db', resourceGroupName: 'rg', location: 'westeurope', skuName: 'B_Standard_B1ms', version: '16' });
      new PostgresqlFlexibleServerFirewallRule(stack, 'Open', { name: 'open', serverId: raw.id, startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' });
    });
    expect(error).toBeUndefined();
    const { json, markdown } = readReport(dir);
    expect(json.notJudged.map((r) => [r.address, r.constructPath])).toEqual([
      ['azurerm_postgresql_flexible_server.Raw', 'orders/Raw'],
      ['azurerm_postgresql_flexible_server_firewall_rule.Open', 'orders/Open'],
    ]);
    expect(json.summary.notJudged).toBe(2);
    expect(markdown).toContain('**2 PostgreSQL resource(s) not judged**: see [Not judged](#not-judged).');
    expect(markdown).toContain('| `azurerm_postgresql_flexible_server.Raw` | `orders/Raw` | its server is not under a scope the checks cover (a SecureFlexibleServer or SecureSingleServer judges only its own server) | call PostgresSecurityChecks.applyTo(stack), or run cdktf-azure-postgres check on the synthesized stack |');
    expectValid(json);
  });

  test('a resource type no rule reads is named too, also by the check command', () => {
    const { dir, stack } = synth((s) => {
      const postgres = new SecureFlexibleServer(s, 'Postgres', minimalProps());
      new PostgresqlFlexibleServerVirtualEndpoint(s, 'Endpoint', { name: 'orders-rw', sourceServerId: postgres.serverId, replicaServerId: postgres.serverId, type: 'ReadWrite' });
      PostgresSecurityChecks.applyTo(s);
    });
    const expected = { address: 'azurerm_postgresql_flexible_server_virtual_endpoint.Endpoint', type: 'azurerm_postgresql_flexible_server_virtual_endpoint', constructPath: 'orders/Endpoint', reason: 'no rule of this version reads azurerm_postgresql_flexible_server_virtual_endpoint', include: 'review it by hand: neither synth nor the check command judges it' };
    expect(readReport(dir).json.notJudged).toEqual([expected]);
    expect(evaluateStack(stack.toTerraform(), ALL_RULES).unjudged).toEqual([expected]);
  });

  test('when synth fails on an error finding, the report is still written where cdktf would have put the stack', () => {
    const { dir, error } = synth((stack) => {
      const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
      postgres.server.addOverride('public_network_access_enabled', true);
    });
    expect(error?.message).toMatch(/PGF-NET-1 public_network_access_enabled is true, not false\./);
    expect(existsSync(join(dir, 'cdk.tf.json'))).toBe(false);
    const { json, markdown } = readReport(dir);
    expect(json.synthFailed).toBe(true);
    expect(json.findings.find((f) => f.ruleId === 'PGF-NET-1')).toMatchObject({ status: 'fail', severity: 'error' });
    expect(markdown).toContain('**cdktf synth failed** on the error findings below, so cdktf wrote no cdk.tf.json for this stack.');
    expectValid(json);
  });
});
