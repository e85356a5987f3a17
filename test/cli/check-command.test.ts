import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, runCheck } from '../../lib/cli/check-command';
import { compliantFlexibleServer, flexibleParameters } from '../checks/rule-harness';

/** Runs the command and keeps what it printed. */
function check(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCheck(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

/** A cdktf.out-like folder with one stack per entry. */
function cdktfOut(stacks: { [name: string]: object }): string {
  const root = mkdtempSync(join(tmpdir(), 'pg-check-'));
  for (const [name, terraform] of Object.entries(stacks)) {
    mkdirSync(join(root, 'stacks', name), { recursive: true });
    writeFileSync(join(root, 'stacks', name, 'cdk.tf.json'), JSON.stringify(terraform));
  }
  return root;
}

const INSECURE = {
  resource: {
    azurerm_postgresql_flexible_server: { db: { name: 'db', public_network_access_enabled: true } },
    azurerm_postgresql_flexible_server_firewall_rule: { all: { name: 'all', server_id: '${azurerm_postgresql_flexible_server.db.id}', start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' } },
  },
};

const SECURE = {
  resource: {
    azurerm_postgresql_flexible_server: { db: compliantFlexibleServer() },
    azurerm_postgresql_flexible_server_configuration: flexibleParameters({
      require_secure_transport: 'on',
      ssl_min_protocol_version: 'TLSv1.2',
      log_checkpoints: 'on',
      log_connections: 'on',
      log_disconnections: 'on',
      'connection_throttle.enable': 'on',
      'logfiles.retention_days': '7',
      log_line_prefix: '%t-%c-%u-%d-',
      shared_preload_libraries: 'pg_cron,pgaudit',
      'pgaudit.log': 'ddl,role',
    }),
    azurerm_postgresql_flexible_server_active_directory_administrator: { admin: { server_name: '${azurerm_postgresql_flexible_server.db.name}', object_id: 'x' } },
    azurerm_monitor_diagnostic_setting: {
      logs: { target_resource_id: '${azurerm_postgresql_flexible_server.db.id}', log_analytics_workspace_id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.OperationalInsights/workspaces/w', enabled_log: [{ category_group: 'allLogs' }] },
    },
  },
  '//': { 'cdktf-azure-postgres-suppressions': [{ path: 'stack', ruleId: 'PGF-ENC-1', reason: 'platform keys accepted for this test' }] },
};

test('exits 0 when no error finding is left', () => {
  const result = check('check', cdktfOut({ secure: SECURE }));
  expect(result.out[0]).toMatch(/^secure: 1 server\(s\), 0 error\(s\)/);
  expect(result.code).toBe(EXIT_OK);
});

test('exits 1 and prints one line per finding on an insecure stack', () => {
  const result = check('check', cdktfOut({ insecure: INSECURE }));
  expect(result.code).toBe(EXIT_FINDINGS);
  expect(result.out).toContainEqual(expect.stringMatching(/^ {2}ERROR {6}PGF-NET-1 {2}azurerm_postgresql_flexible_server\.db: public_network_access_enabled is true, not false\. Fix: /));
});

test('a single cdk.tf.json can be checked', () => {
  const root = cdktfOut({ insecure: INSECURE });
  expect(check('check', join(root, 'stacks', 'insecure', 'cdk.tf.json')).code).toBe(EXIT_FINDINGS);
});

test('writes nothing unless asked', () => {
  const root = cdktfOut({ insecure: INSECURE });
  check('check', root);
  expect(readdirSync(join(root, 'stacks', 'insecure'))).toEqual(['cdk.tf.json']);
});

test('--report writes both reports per stack', () => {
  const root = cdktfOut({ insecure: INSECURE });
  const reports = join(root, 'reports');
  check('check', root, '--report', reports);
  expect(existsSync(join(reports, 'insecure', 'postgres-security-report.md'))).toBe(true);
  expect(existsSync(join(reports, 'insecure', 'postgres-security-report.json'))).toBe(true);
});

describe('bad input exits 2 with a one-line message', () => {
  test('a missing path', () => {
    expect(check('check', '/no/such/place')).toEqual({ code: EXIT_BAD_INPUT, out: [], err: ['cdktf-azure-postgres: /no/such/place: no such file or directory'] });
  });

  test('invalid JSON', () => {
    const root = mkdtempSync(join(tmpdir(), 'pg-check-'));
    writeFileSync(join(root, 'cdk.tf.json'), '{ not json');
    const result = check('check', join(root, 'cdk.tf.json'));
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/cdk\.tf\.json: invalid JSON \(/);
  });

  test('a folder without stacks', () => {
    const root = mkdtempSync(join(tmpdir(), 'pg-check-'));
    expect(check('check', root)).toMatchObject({ code: EXIT_BAD_INPUT, err: [`cdktf-azure-postgres: ${root}: no stacks found (no cdk.tf.json in it or up to 3 levels below)`] });
  });

  test('no command', () => {
    expect(check()).toMatchObject({ code: EXIT_BAD_INPUT, err: ['cdktf-azure-postgres: usage: cdktf-azure-postgres check <cdktf.out directory | cdk.tf.json> [--report <directory>]'] });
  });
});
