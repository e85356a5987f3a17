import { TerraformBlock } from '../../lib/checks/stack-model';
import { Resources, SINGLE, singleParameters, outsideAddress } from './rule-harness';

/** Resource types of Single Server's children, as cdk.tf.json names them. */
export const CONFIGURATION = 'azurerm_postgresql_configuration';
export const FIREWALL_RULE = 'azurerm_postgresql_firewall_rule';
export const ADMINISTRATOR = 'azurerm_postgresql_active_directory_administrator';
export const SERVER_KEY = 'azurerm_postgresql_server_key';
export const DIAGNOSTIC_SETTING = 'azurerm_monitor_diagnostic_setting';
export const PRIVATE_ENDPOINT = 'azurerm_private_endpoint';

export const SERVER_ID = `\${${SINGLE}.db.id}`;
export const SERVER_NAME = `\${${SINGLE}.db.name}`;

/** A Single Server block ("db") that passes every server-attribute rule; override what a test is about. */
export function compliantSingleServer(overrides: TerraformBlock = {}): TerraformBlock {
  return {
    name: 'orders-legacy',
    resource_group_name: 'rg',
    location: 'westeurope',
    sku_name: 'GP_Gen5_2',
    version: '11',
    administrator_login: 'pgadmin',
    administrator_login_password_wo: '${random_password.admin.result}',
    administrator_login_password_wo_version: 1,
    public_network_access_enabled: false,
    ssl_enforcement_enabled: true,
    ssl_minimal_tls_version_enforced: 'TLS1_2',
    infrastructure_encryption_enabled: true,
    geo_redundant_backup_enabled: true,
    backup_retention_days: 35,
    threat_detection_policy: { enabled: true, email_account_admins: true },
    lifecycle: { prevent_destroy: true },
    ...overrides,
  };
}

/** A firewall rule of the server "db". */
export function firewallRule(start: string, end: string): TerraformBlock {
  return { name: 'rule', resource_group_name: 'rg', server_name: SERVER_NAME, start_ip_address: start, end_ip_address: end };
}

/** A diagnostic setting of the server "db" that sends all logs to Log Analytics; override what a test is about. */
export function diagnosticSetting(overrides: TerraformBlock = {}): TerraformBlock {
  return {
    name: 'send-to-log-analytics',
    target_resource_id: SERVER_ID,
    log_analytics_workspace_id: '${azurerm_log_analytics_workspace.logs.id}',
    enabled_log: [{ category_group: 'allLogs' }],
    enabled_metric: [{ category: 'AllMetrics' }],
    ...overrides,
  };
}

/** The compliant server "db" with the given children and server parameters. */
export function singleStack(children: Resources = {}, parameters: { [name: string]: string } = {}, server: TerraformBlock = compliantSingleServer()): Resources {
  return {
    [SINGLE]: { db: server },
    ...(Object.keys(parameters).length > 0 ? { [CONFIGURATION]: singleParameters(parameters) } : {}),
    ...children,
  };
}

/**
 * Children of a server outside the stack, pointing at it by literal name "legacy-db"; judge them
 * with the address EXTERNAL.
 */
export const EXTERNAL = outsideAddress('single', 'legacy-db');
export function externalChild(config: TerraformBlock = {}): TerraformBlock {
  return { resource_group_name: 'rg', server_name: 'legacy-db', ...config };
}
