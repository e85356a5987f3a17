import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { cdktfOut, check, fileWith, SECURE } from './cli-harness';

// What `cdktf-azure-postgres check` prints, writes and exits with.

const SERVER = 'azurerm_postgresql_flexible_server';
const SERVER_ID = `\${${SERVER}.db.id}`;

/** The secure stack, its server at construct path stack/db, with the given extra resources and suppressions. */
function stack(extra: { [type: string]: object } = {}, suppressions: object[] = []) {
  const server = {
    ...SECURE.resource[SERVER].db,
    'lifecycle': { prevent_destroy: true, ignore_changes: ['zone', 'high_availability[0].standby_availability_zone'] },
    '//': { metadata: { path: 'stack/db' } },
  };
  return { resource: { ...SECURE.resource, [SERVER]: { db: server }, ...extra }, '//': { 'cdktf-azure-postgres-suppressions': suppressions } };
}

const KEY_SUPPRESSED = { path: 'stack/db', ruleId: 'PGF-ENC-1', reason: 'platform keys accepted for this test' };
const WIDE_RULE = { azurerm_postgresql_flexible_server_firewall_rule: { wide: { name: 'wide', server_id: SERVER_ID, start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' } } };

test('prints a summary per stack, then one aligned line per failed or suppressed finding', () => {
  const result = check('check', cdktfOut({ app: stack(WIDE_RULE, [KEY_SUPPRESSED]) }));
  expect(result).toEqual({
    code: EXIT_FINDINGS,
    err: [],
    out: [
      'app: 1 server(s), 2 error(s), 2 warning(s), 1 suppressed, 38 passed',
      `  ERROR      PGF-NET-4  ${SERVER}_firewall_rule.wide: the firewall rule allows 0.0.0.0-255.255.255.255, which opens the server to the internet. Fix: Remove the firewall rule, or narrow it to the client addresses that need the server.`,
      `  WARNING    PGF-NET-6  ${SERVER}_firewall_rule.wide: the server is VNet-integrated, where firewall rules do nothing, yet it has a firewall rule. Fix: Remove the firewall rules and control access with the delegated subnet's network security group.`,
      `  ERROR      PGF-NET-8  ${SERVER}.db: the firewall rules open 4294967296 addresses together (overlaps counted once), more than 256 (a /24); the widest is 0.0.0.0-255.255.255.255 (${SERVER}_firewall_rule.wide). Fix: Narrow the firewall rules to the addresses your clients connect from (256 in total at most), or justify wider ranges (publicAccess.wideRanges, or a suppression with a reason).`,
      `  WARNING    PGF-NET-9  ${SERVER}_firewall_rule.wide: the firewall rule allows 0.0.0.0-255.255.255.255, which overlaps 0.0.0.0/8 ("this network", reserved): no client reaches a public endpoint from there. Fix: List the public addresses your clients connect from; reach the server from private networks through VNet integration or a private endpoint.`,
      `  suppressed PGF-ENC-1  ${SERVER}.db: the server has no customer_managed_key block, so its data is encrypted with a Microsoft-managed key. Reason: platform keys accepted for this test`,
    ],
  });
});

test('warnings alone exit 0', () => {
  const result = check('check', cdktfOut({ app: stack() }));
  expect(result.code).toBe(EXIT_OK);
  expect(result.out[0]).toBe('app: 1 server(s), 0 error(s), 1 warning(s), 0 suppressed, 42 passed');
  expect(result.out[1]).toMatch(/^ {2}WARNING {4}PGF-ENC-1 {2}azurerm_postgresql_flexible_server\.db: /);
});

test('each stack is judged on its own, and one with errors fails the run', () => {
  const result = check('check', cdktfOut({ a: stack(WIDE_RULE), b: stack() }));
  expect(result.code).toBe(EXIT_FINDINGS);
  expect(result.out.filter((line) => !line.startsWith(' '))).toEqual([
    'a: 1 server(s), 2 error(s), 3 warning(s), 0 suppressed, 38 passed',
    'b: 1 server(s), 0 error(s), 1 warning(s), 0 suppressed, 42 passed',
  ]);
});

describe('--report', () => {
  test('writes the JSON and the Markdown report of each stack, in a folder named after it', () => {
    const reports = join(mkdtempSync(join(tmpdir(), 'pg-report-')), 'new', 'folder');
    expect(check('check', cdktfOut({ app: stack(WIDE_RULE, [KEY_SUPPRESSED]) }), '--report', reports).code).toBe(EXIT_FINDINGS);
    const text = readFileSync(join(reports, 'app', 'postgres-security-report.json'), 'utf8');
    const report = JSON.parse(text);
    expect(text).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(report).toMatchObject({ stack: 'app', generator: 'cdktf-azure-postgres', summary: { errors: 2, warnings: 2, suppressed: 1, servers: 1 } });
    expect(report.rules.map((rule: { id: string }) => rule.id)).toContain('PG-SUP-1');
    expect(readFileSync(join(reports, 'app', 'postgres-security-report.md'), 'utf8')).toMatch(/^# PostgreSQL security report: app\n/);
  });

  test('a report that cannot be written is bad input', () => {
    const reports = mkdtempSync(join(tmpdir(), 'pg-report-'));
    writeFileSync(join(reports, 'app'), 'a file where the stack folder goes');
    const result = check('check', cdktfOut({ app: stack() }), '--report', reports);
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err).toEqual([expect.stringMatching(new RegExp(`^cdktf-azure-postgres: --report ${reports}: cannot write the report of app \\(EEXIST: `))]);
    expect(existsSync(join(reports, 'app', 'postgres-security-report.json'))).toBe(false);
  });
});

describe('what cannot be judged exits 2', () => {
  test('several problems: the first, and how many more', () => {
    const path = fileWith('cdk.tf.json', JSON.stringify({ resource: { [SERVER]: { a: null, b: 7 } }, locals: [null] }));
    expect(check('check', path)).toEqual({
      code: EXIT_BAD_INPUT,
      out: [],
      err: [`cdktf-azure-postgres: ${path}: not valid Terraform JSON: locals is null, where Terraform needs an object (and 2 more)`],
    });
  });

  test('an expression nested too deep to evaluate is known only at apply: a finding, never a crash', () => {
    const deep = `\${${'('.repeat(20000)}true${')'.repeat(20000)}}`;
    const path = fileWith('cdk.tf.json', JSON.stringify({ resource: { [SERVER]: { db: { name: 'db', public_network_access_enabled: deep } } } }));
    const result = check('check', path);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.err).toEqual([]);
    expect(result.out).toContain('  ERROR      PGF-NET-1  azurerm_postgresql_flexible_server.db: public_network_access_enabled is known only at apply time, so it cannot be judged at synth. Fix: Set public_network_access_enabled = false and reach the server through VNet integration or a private endpoint.');
  });
});

test('--report into the folder of an earlier run replaces its reports', () => {
  const reports = mkdtempSync(join(tmpdir(), 'pg-report-'));
  check('check', cdktfOut({ app: stack(WIDE_RULE) }), '--report', reports);
  expect(check('check', cdktfOut({ app: stack() }), '--report', reports).code).toBe(EXIT_OK);
  expect(JSON.parse(readFileSync(join(reports, 'app', 'postgres-security-report.json'), 'utf8')).summary.errors).toBe(0);
});
