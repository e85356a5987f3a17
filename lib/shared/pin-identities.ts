import { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { pinAttributes } from '../checks/suppression-registry';

/**
 * The attributes of a server construct's resources that say who or what a control points at, by
 * the resource's construct id (a prefix for numbered ones): PG-CFG-6 fails any override of them.
 */
const FLEXIBLE: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['EntraAdministrator', ['object_id', 'principal_type', 'principal_name', 'tenant_id']],
  ['SecurityGroupAssociation', ['subnet_id', 'network_security_group_id']],
  ['Parameter-azure.extensions', ['name', 'value']],
  ['Parameter-shared_preload_libraries', ['name', 'value']],
  ['DiagnosticSetting', ['target_resource_id', 'log_analytics_workspace_id', 'storage_account_id', 'eventhub_authorization_rule_id', 'eventhub_name', 'partner_solution_id']],
];
const SINGLE: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['EntraAdministrator', ['object_id', 'login', 'tenant_id']],
  ['CustomerManagedKey', ['server_id', 'key_vault_key_id']],
  ['Parameter-azure.extensions', ['name', 'value']],
  ['Parameter-shared_preload_libraries', ['name', 'value']],
  ['DiagnosticSetting', ['target_resource_id', 'log_analytics_workspace_id', 'storage_account_id', 'eventhub_authorization_rule_id', 'eventhub_name', 'partner_solution_id']],
];

/**
 * The server's own attributes that point at something: its subnet and DNS zone, the key that
 * encrypts its data and the identities that may use it; on Single Server, who hears of threats.
 * A nested block's attribute is named by its path.
 */
const FLEXIBLE_SERVER = [
  'delegated_subnet_id', 'private_dns_zone_id', 'identity.type', 'identity.identity_ids',
  'customer_managed_key.key_vault_key_id', 'customer_managed_key.primary_user_assigned_identity_id',
  'customer_managed_key.geo_backup_key_vault_key_id', 'customer_managed_key.geo_backup_user_assigned_identity_id',
];
const SINGLE_SERVER = [
  'identity.type', 'threat_detection_policy.email_account_admins', 'threat_detection_policy.email_addresses', 'threat_detection_policy.storage_endpoint',
];

/** The private endpoint's subnet, the server it connects to and the zone it registers in: another one is another network path. */
const PRIVATE_ENDPOINT = ['subnet_id', 'private_service_connection.private_connection_resource_id', 'private_dns_zone_group.private_dns_zone_ids'];

/**
 * Pins the server's provider and pointers, and its children's identity attributes and provider
 * (another alias is another subscription or tenant), as the construct wrote them.
 */
export function pinIdentities(construct: Construct, server: TerraformResource, kind: 'flexible' | 'single'): void {
  pinAttributes(server, server, ['provider', ...(kind === 'flexible' ? FLEXIBLE_SERVER : SINGLE_SERVER)]);
  const pinned = kind === 'flexible' ? FLEXIBLE : SINGLE;
  for (const child of construct.node.children) {
    const entry = pinned.find(([id]) => child.node.id === id || (id === 'EntraAdministrator' && /^EntraAdministrator\d+$/.test(child.node.id)));
    if (entry !== undefined && child instanceof TerraformResource) pinAttributes(server, child, [...entry[1], 'provider']);
  }
  const endpoint = construct.node.tryFindChild('PrivateEndpoint')?.node.tryFindChild('Endpoint');
  if (endpoint instanceof TerraformResource) pinAttributes(server, endpoint, [...PRIVATE_ENDPOINT, 'provider']);
}
