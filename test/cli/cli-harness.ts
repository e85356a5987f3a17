import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { TerraformStack } from 'cdktf';
import { runCheck } from '../../lib/cli/check-command';
import { compliantFlexibleServer, flexibleParameters } from '../checks/rule-harness';

/** Runs `cdktf-azure-postgres check ...` and keeps what it printed. */
export function check(...args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCheck(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

/** `check` on the stack's JSON as cdktf would write it, without synth (whose validations may refuse it). */
export function checkStack(stack: TerraformStack): { code: number; out: string[]; err: string[] } {
  const file = join(mkdtempSync(join(tmpdir(), 'pg-check-stack-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(stack.toTerraform(), null, 2));
  return check('check', file);
}

/** A cdktf.out-like folder with one stack per entry, at stacks/<name>/cdk.tf.json. */
export function cdktfOut(stacks: { [name: string]: object }): string {
  const root = mkdtempSync(join(tmpdir(), 'pg-check-'));
  for (const [name, terraform] of Object.entries(stacks)) {
    mkdirSync(join(root, 'stacks', name), { recursive: true });
    writeFileSync(join(root, 'stacks', name, 'cdk.tf.json'), JSON.stringify(terraform));
  }
  return root;
}

/** A fresh folder holding the given files (JSON unless text), folders made as needed; its path. */
export function tree(files: { [path: string]: object | string }): string {
  const root = mkdtempSync(join(tmpdir(), 'pg-tree-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

/** A file with the given text in a folder of its own; its path. */
export function fileWith(name: string, text: string): string {
  const root = mkdtempSync(join(tmpdir(), 'pg-check-'));
  writeFileSync(join(root, name), text);
  return join(root, name);
}

/** A stack with a public server and a firewall rule open to the internet. */
export const INSECURE = {
  resource: {
    azurerm_postgresql_flexible_server: { db: { name: 'db', public_network_access_enabled: true } },
    azurerm_postgresql_flexible_server_firewall_rule: { all: { name: 'all', server_id: '${azurerm_postgresql_flexible_server.db.id}', start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' } },
  },
};

/** A stack whose server passes every error rule (platform-managed keys are a warning). */
export const SECURE = {
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
};
