import { Verdict } from '../../../lib/checks/rule';
import { ALL_RULES } from '../../../lib/checks/rules';
import { buildStackModel } from '../../../lib/checks/stack-model';

// Every rule on the two kinds of server no rule may pass on what it cannot see: a server defined
// outside this stack (known only by what its children point at), and a server whose settings are
// all known only at apply time. Each row: the rule, then its verdict(s).

function describe(verdict: Verdict): string {
  switch (verdict.status) {
    case 'pass': return 'pass';
    case 'fail': return `fail: ${verdict.message}`;
    case 'unknown': return `unknown: ${verdict.note}`;
    default: return `n/a: ${verdict.note}`;
  }
}

/** Every rule's verdicts on every server of the stack, by rule id. */
function verdicts(terraform: object): [string, string][] {
  return buildStackModel(terraform).servers.flatMap((server) =>
    ALL_RULES.filter((rule) => rule.appliesTo === server.kind).map((rule): [string, string] => {
      const result = rule.evaluate(server);
      return [rule.id, (Array.isArray(result) ? result : [result as Verdict]).map(describe).join(' | ')];
    }),
  );
}

const v = (name: string) => `\${var.${name}}`;
const FLEXIBLE = 'azurerm_postgresql_flexible_server';
const SINGLE = 'azurerm_postgresql_server';
const parameters = (names: string[], pointer: object) => Object.fromEntries(names.map((name) => [name.replace(/\W/g, '_'), { name, value: v('p'), ...pointer }]));

test('on servers defined outside this stack, only the resources this stack gives them are judged', () => {
  const terraform = {
    resource: {
      azurerm_postgresql_flexible_server_firewall_rule: { r: { name: 'r', server_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/ext', start_ip_address: '203.0.113.1', end_ip_address: '203.0.113.9' } },
      azurerm_postgresql_firewall_rule: { s: { name: 's', server_name: 'legacy', resource_group_name: 'rg', start_ip_address: '203.0.113.1', end_ip_address: '203.0.113.9' } },
    },
  };
  expect(verdicts(terraform)).toEqual([
    ["PGS-NET-1", "n/a: the server is defined outside this stack"],
    ["PGS-NET-2", "n/a: the server is defined outside this stack, and this stack gives it no private endpoint"],
    ["PGS-NET-3", "pass"],
    ["PGS-NET-4", "pass"],
    ["PGS-NET-5", "pass"],
    ["PGS-NET-6", "pass"],
    ["PGS-NET-7", "n/a: the server is defined outside this stack"],
    ["PGS-TLS-1", "n/a: the server is defined outside this stack"],
    ["PGS-TLS-2", "n/a: the server is defined outside this stack"],
    ["PGS-ENC-1", "n/a: the server is defined outside this stack"],
    ["PGS-ENC-2", "n/a: the server is defined outside this stack, and this stack gives it no server key"],
    ["PGS-IAM-1", "n/a: the server is defined outside this stack, and this stack gives it no Entra administrator"],
    ["PGS-IAM-2", "n/a: the server is defined outside this stack"],
    ["PGS-IAM-4", "pass"],
    ["PGS-THR-1", "n/a: the server is defined outside this stack"],
    ["PGS-THR-2", "n/a: the server is defined outside this stack"],
    ["PGS-LOG-1", "n/a: the server is defined outside this stack, and this stack does not set log_checkpoints"],
    ["PGS-LOG-2", "n/a: the server is defined outside this stack, and this stack does not set log_connections"],
    ["PGS-LOG-3", "n/a: the server is defined outside this stack, and this stack does not set log_disconnections"],
    ["PGS-LOG-4", "n/a: the server is defined outside this stack, and this stack does not set connection_throttling"],
    ["PGS-LOG-5", "n/a: the server is defined outside this stack, and this stack does not set log_retention_days"],
    ["PGS-LOG-6", "n/a: the server is defined outside this stack, and this stack does not set shared_preload_libraries"],
    ["PGS-LOG-7", "n/a: the server is defined outside this stack, and so may be its diagnostic setting"],
    ["PGS-LOG-8", "pass"],
    ["PGS-LOG-9", "n/a: the server is defined outside this stack, and this stack does not set pgaudit.log"],
    ["PGS-LOG-10", "pass"],
    ["PGS-BAK-1", "n/a: the server is defined outside this stack"],
    ["PGS-BAK-2", "n/a: the server is defined outside this stack"],
    ["PGS-DEL-1", "n/a: the server is defined outside this stack"],
    ["PGS-RET-1", "n/a: the server is defined outside this stack"],
    ["PGS-CFG-1", "pass"],
    ["PGS-CFG-2", "pass"],
    ["PGS-IAM-3", "n/a: the server has no Entra administrator in this stack"],
    ["PGF-NET-1", "n/a: the server is defined outside this stack"],
    ["PGF-NET-2", "n/a: the server is defined outside this stack"],
    ["PGF-NET-3", "n/a: the server is defined outside this stack"],
    ["PGF-NET-4", "pass"],
    ["PGF-NET-5", "pass"],
    ["PGF-NET-6", "n/a: the server is defined outside this stack"],
    ["PGF-NET-7", "n/a: the server is defined outside this stack"],
    ["PGF-NET-8", "pass"],
    ["PGF-NET-9", "pass"],
    ["PGF-NET-10", "n/a: the server is defined outside this stack"],
    ["PGF-NET-11", "n/a: the server is defined outside this stack"],
    ["PGF-NET-12", "pass"],
    ["PGF-TLS-1", "n/a: the server is defined outside this stack, and this stack does not set require_secure_transport"],
    ["PGF-TLS-2", "n/a: the server is defined outside this stack, and this stack does not set ssl_min_protocol_version"],
    ["PGF-IAM-1", "n/a: the server is defined outside this stack"],
    ["PGF-IAM-2", "n/a: the server is defined outside this stack, and so may be its Entra administrator"],
    ["PGF-IAM-3", "n/a: the server is defined outside this stack"],
    ["PGF-IAM-4", "n/a: the server is defined outside this stack"],
    ["PGF-IAM-5", "n/a: the server is defined outside this stack"],
    ["PGF-IAM-6", "n/a: the server is defined outside this stack, and this stack does not set password_encryption"],
    ["PGF-IAM-8", "pass"],
    ["PGF-LOG-1", "n/a: the server is defined outside this stack, and this stack does not set log_checkpoints"],
    ["PGF-LOG-2", "n/a: the server is defined outside this stack, and this stack does not set log_connections"],
    ["PGF-LOG-3", "n/a: the server is defined outside this stack, and this stack does not set log_disconnections"],
    ["PGF-LOG-4", "n/a: the server is defined outside this stack, and this stack does not set connection_throttle.enable"],
    ["PGF-LOG-5", "n/a: the server is defined outside this stack, and this stack does not set logfiles.retention_days"],
    ["PGF-LOG-6", "n/a: the server is defined outside this stack, and this stack does not set shared_preload_libraries"],
    ["PGF-LOG-7", "n/a: the server is defined outside this stack, and this stack does not set log_line_prefix"],
    ["PGF-LOG-8", "n/a: the server is defined outside this stack, and so may be its diagnostic setting"],
    ["PGF-LOG-9", "pass"],
    ["PGF-LOG-10", "n/a: the server is defined outside this stack, and this stack does not set pgaudit.log"],
    ["PGF-LOG-11", "pass"],
    ["PGF-LOG-12", "pass"],
    ["PGF-ENC-1", "n/a: the server is defined outside this stack"],
    ["PGF-BAK-1", "n/a: the server is defined outside this stack"],
    ["PGF-BAK-2", "n/a: the server is defined outside this stack"],
    ["PGF-AVL-1", "n/a: the server is defined outside this stack"],
    ["PGF-AVL-2", "n/a: the server is defined outside this stack"],
    ["PGF-DEL-1", "n/a: the server is defined outside this stack"],
    ["PGF-DEL-2", "n/a: the server has no database resource"],
    ["PGF-CFG-1", "pass"],
    ["PGF-CFG-2", "pass"],
    ["PGF-IAM-7", "n/a: the server's authentication tenant_id is not written as a literal in this stack"],
  ]);
});

test('on servers whose settings are known only at apply time, no setting passes unread', () => {
  const terraform = {
    resource: {
      [FLEXIBLE]: {
        db: {
          name: 'db', public_network_access_enabled: v('pub'), delegated_subnet_id: v('subnet'), private_dns_zone_id: v('zone'), authentication: v('auth'),
          geo_redundant_backup_enabled: v('geo'), backup_retention_days: v('days'), high_availability: v('ha'), sku_name: v('sku'), version: v('ver'),
          lifecycle: v('lc'), customer_managed_key: v('cmk'), administrator_password: v('pw'),
        },
      },
      azurerm_postgresql_flexible_server_configuration: parameters(
        ['require_secure_transport', 'ssl_min_protocol_version', 'log_checkpoints', 'log_connections', 'log_disconnections', 'connection_throttle.enable',
          'logfiles.retention_days', 'shared_preload_libraries', 'pgaudit.log', 'log_line_prefix', 'password_encryption', 'azure.accepted_password_auth_method', 'log_min_messages', 'log_statement'],
        { server_id: `\${${FLEXIBLE}.db.id}` },
      ),
      azurerm_postgresql_flexible_server_firewall_rule: { r: { name: 'r', server_id: `\${${FLEXIBLE}.db.id}`, start_ip_address: v('s'), end_ip_address: v('e') } },
      azurerm_postgresql_flexible_server_active_directory_administrator: { a: { server_name: `\${${FLEXIBLE}.db.name}`, count: v('n') } },
      azurerm_postgresql_flexible_server_database: { d: { name: 'app', server_id: `\${${FLEXIBLE}.db.id}`, lifecycle: v('dlc') } },
      azurerm_monitor_diagnostic_setting: { m: { target_resource_id: `\${${FLEXIBLE}.db.id}`, log_analytics_workspace_id: v('w'), dynamic: { enabled_log: { for_each: v('logs') } } } },
      [SINGLE]: {
        db: {
          name: 'legacy', public_network_access_enabled: v('pub'), ssl_enforcement_enabled: v('ssl'), ssl_minimal_tls_version_enforced: v('tls'),
          infrastructure_encryption_enabled: v('ie'), geo_redundant_backup_enabled: v('geo'), backup_retention_days: v('days'),
          threat_detection_policy: { enabled: v('thr') }, lifecycle: { prevent_destroy: v('pd') }, administrator_login_password: v('pw'),
        },
      },
      azurerm_postgresql_configuration: parameters(
        ['log_checkpoints', 'log_connections', 'log_disconnections', 'connection_throttling', 'log_retention_days', 'shared_preload_libraries', 'pgaudit.log', 'log_min_messages', 'log_statement'],
        { server_name: `\${${SINGLE}.db.name}` },
      ),
      azurerm_private_endpoint: { pe: { private_service_connection: { private_connection_resource_id: `\${${SINGLE}.db.id}` }, count: v('n') } },
    },
  };
  expect(verdicts(terraform)).toEqual([
    ["PGF-NET-1", "unknown: public_network_access_enabled is known only at apply time"],
    ["PGF-NET-2", "pass"],
    ["PGF-NET-3", "pass"],
    ["PGF-NET-4", "unknown: the range of firewall rule azurerm_postgresql_flexible_server_firewall_rule.r is known only at apply time"],
    ["PGF-NET-5", "unknown: the range of firewall rule azurerm_postgresql_flexible_server_firewall_rule.r is known only at apply time"],
    ["PGF-NET-6", "fail: the server is VNet-integrated, where firewall rules do nothing, yet it has a firewall rule."],
    ["PGF-NET-7", "n/a: the delegated subnet is defined outside this stack, with its network security group"],
    ["PGF-NET-8", "unknown: the range of firewall rule azurerm_postgresql_flexible_server_firewall_rule.r is known only at apply time, and with it how many addresses the rules open"],
    ["PGF-NET-9", "unknown: the range of firewall rule azurerm_postgresql_flexible_server_firewall_rule.r is known only at apply time"],
    ["PGF-NET-10", "n/a: the server resolves in no private DNS zone of this stack"],
    ["PGF-NET-11", "n/a: the delegated subnet is defined outside this stack, with its network security group"],
    ["PGF-NET-12", "pass"],
    ["PGF-TLS-1", "unknown: server parameter require_secure_transport is known only at apply time"],
    ["PGF-TLS-2", "unknown: server parameter ssl_min_protocol_version is known only at apply time"],
    ["PGF-IAM-1", "unknown: the authentication block is known only at apply time"],
    ["PGF-IAM-2", "fail: no azurerm_postgresql_flexible_server_active_directory_administrator is provisioned for the server."],
    ["PGF-IAM-3", "unknown: the authentication block is known only at apply time"],
    ["PGF-IAM-4", "pass"],
    ["PGF-IAM-5", "fail: administrator_password is set, so Terraform keeps the password in its state."],
    ["PGF-IAM-6", "unknown: the authentication block is known only at apply time"],
    ["PGF-IAM-8", "pass"],
    ["PGF-LOG-1", "unknown: server parameter log_checkpoints is known only at apply time"],
    ["PGF-LOG-2", "unknown: server parameter log_connections is known only at apply time"],
    ["PGF-LOG-3", "unknown: server parameter log_disconnections is known only at apply time"],
    ["PGF-LOG-4", "unknown: server parameter connection_throttle.enable is known only at apply time"],
    ["PGF-LOG-5", "unknown: server parameter logfiles.retention_days is known only at apply time"],
    ["PGF-LOG-6", "unknown: server parameter shared_preload_libraries is known only at apply time | unknown: server parameter pgaudit.log is known only at apply time"],
    ["PGF-LOG-7", "unknown: server parameter log_line_prefix is known only at apply time"],
    ["PGF-LOG-8", "unknown: the enabled_log blocks of azurerm_monitor_diagnostic_setting.m are known only at plan time"],
    ["PGF-LOG-9", "unknown: server parameter log_min_messages is known only at apply time"],
    ["PGF-LOG-10", "unknown: server parameter pgaudit.log is known only at apply time"],
    ["PGF-LOG-11", "unknown: server parameter log_statement is known only at apply time | unknown: server parameter log_min_messages is known only at apply time"],
    ["PGF-LOG-12", "pass"],
    ["PGF-ENC-1", "unknown: the customer_managed_key block is known only at apply time"],
    ["PGF-BAK-1", "unknown: geo_redundant_backup_enabled is known only at apply time"],
    ["PGF-BAK-2", "unknown: backup_retention_days is known only at apply time"],
    ["PGF-AVL-1", "unknown: the high_availability block is known only at apply time"],
    ["PGF-AVL-2", "unknown: the lifecycle block is known only at apply time"],
    ["PGF-DEL-1", "unknown: the lifecycle block is known only at apply time"],
    ["PGF-DEL-2", "unknown: azurerm_postgresql_flexible_server_database.d: the lifecycle block is known only at apply time"],
    ["PGF-CFG-1", "pass"],
    ["PGF-CFG-2", "unknown: azurerm_postgresql_flexible_server.db: the lifecycle block is known only at apply time | unknown: azurerm_postgresql_flexible_server_database.d: the lifecycle block is known only at apply time"],
    ["PGF-IAM-7", "n/a: the server's authentication tenant_id is not written as a literal in this stack"],
    ["PGS-NET-1", "unknown: public_network_access_enabled is known only at apply time"],
    ["PGS-NET-2", "fail: no azurerm_private_endpoint connects to the server."],
    ["PGS-NET-3", "pass"],
    ["PGS-NET-4", "pass"],
    ["PGS-NET-5", "pass"],
    ["PGS-NET-6", "pass"],
    ["PGS-NET-7", "n/a: the server resolves in no private DNS zone of this stack"],
    ["PGS-TLS-1", "unknown: ssl_enforcement_enabled is known only at apply time"],
    ["PGS-TLS-2", "unknown: ssl_minimal_tls_version_enforced is known only at apply time"],
    ["PGS-ENC-1", "unknown: infrastructure_encryption_enabled is known only at apply time"],
    ["PGS-ENC-2", "fail: no azurerm_postgresql_server_key belongs to the server, so its data is encrypted with a Microsoft-managed key."],
    ["PGS-IAM-1", "fail: no azurerm_postgresql_active_directory_administrator belongs to the server, so only the local administrator can sign in."],
    ["PGS-IAM-2", "pass"],
    ["PGS-IAM-4", "pass"],
    ["PGS-THR-1", "unknown: threat_detection_policy.enabled is known only at apply time"],
    ["PGS-THR-2", "pass"],
    ["PGS-LOG-1", "unknown: server parameter log_checkpoints is known only at apply time"],
    ["PGS-LOG-2", "unknown: server parameter log_connections is known only at apply time"],
    ["PGS-LOG-3", "unknown: server parameter log_disconnections is known only at apply time"],
    ["PGS-LOG-4", "unknown: server parameter connection_throttling is known only at apply time"],
    ["PGS-LOG-5", "unknown: server parameter log_retention_days is known only at apply time"],
    ["PGS-LOG-6", "unknown: server parameter shared_preload_libraries is known only at apply time | unknown: server parameter pgaudit.log is known only at apply time"],
    ["PGS-LOG-7", "fail: no azurerm_monitor_diagnostic_setting sends the server's logs anywhere."],
    ["PGS-LOG-8", "unknown: server parameter log_min_messages is known only at apply time"],
    ["PGS-LOG-9", "unknown: server parameter pgaudit.log is known only at apply time"],
    ["PGS-LOG-10", "unknown: server parameter log_statement is known only at apply time | unknown: server parameter log_min_messages is known only at apply time"],
    ["PGS-BAK-1", "unknown: geo_redundant_backup_enabled is known only at apply time"],
    ["PGS-BAK-2", "unknown: backup_retention_days is known only at apply time"],
    ["PGS-DEL-1", "unknown: lifecycle.prevent_destroy is an expression (Terraform accepts only a literal there)"],
    ["PGS-RET-1", "fail: Azure retired Single Server on 2025-03-28 and azurerm 5.0 removes azurerm_postgresql_server."],
    ["PGS-CFG-1", "pass"],
    ["PGS-CFG-2", "pass"],
    ["PGS-IAM-3", "n/a: the server has no Entra administrator in this stack"],
  ]);
});
