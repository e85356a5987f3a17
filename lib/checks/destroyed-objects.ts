import { ownValue } from '../private/own-keys';
import { HTTP_REQUEST_TYPES } from './http-requests';
import { resourceAddress } from './import-targets';

/**
 * What a `removed` block that destroys its object (`destroy` true or not set: forgotten-objects.ts reads the others) may take from a
 * server, or undefined when its object cannot weaken one. Terraform destroys what the state holds at `from` (every instance: `from`
 * names no instance key) with the settings of the state, not of the JSON, so the block says only the address and the type; a
 * resource's `prevent_destroy` went with its block. Destroying an object that grants something (a firewall rule, a role assignment,
 * a private endpoint, a grant, which the postgresql provider's delete only revokes) narrows; destroying one that guards the server
 * (a lock, a parameter, a diagnostic setting, a network rule, Defender, pgaudit) weakens it; destroying a block whose delete does or
 * runs what its body said (azapi, Microsoft Graph, REST, shell, a template deployment) or a whole module cannot be read. A
 * destination of diagnostic logs (a workspace, a storage account, an Event Hub) takes the logs along, and what guards the logs there
 * (network rules, an immutability policy, a table's retention) leaves them open: PG-CFG-7 counts them only beside a server whose
 * diagnostic setting may send there. A type of any other provider, or an azurerm type that holds no guard of a server (a web app),
 * passes. Every type a reader of the pack reads (read-types.ts) is decided here or, with why it only narrows, in the rule's test (run
 * 28, A28b-2: a static member that put the server's VNet under a network manager's Deny admin rules was in neither). Conditional Access, PIM policies and the sign-in objects they name are PG-IAM-3's (administrator-policies.ts
 * removedPolicies).
 */
export function destroyedObjectHarm(from: unknown): string | undefined {
  const read = readRemoved(from);
  return 'unread' in read ? read.unread : harmOf(read.type);
}

/** The resource type a `removed` block's `from` names, or undefined for a module, an address that names no resource, or no text. */
export function removedType(from: unknown): string | undefined {
  const read = readRemoved(from);
  return 'type' in read ? read.type : undefined;
}

/** A `from` read as a resource's type, or why it cannot be. */
function readRemoved(from: unknown): { type: string } | { unread: string } {
  if (typeof from !== 'string') return { unread: 'an address not written as text, which may be any object the state holds' };
  let parts = resourceAddress(from).split('.');
  const modules: string[] = [];
  while (parts[0] === 'module' && parts.length >= 2) {
    modules.push(`module.${parts[1]}`);
    parts = parts.slice(2);
  }
  if (modules.length > 0 && parts.length === 0) return { unread: `a whole module (${modules.join('.')}): every resource it held (a lock, a parameter, a network rule, a diagnostic setting), none of which the JSON shows` };
  // "resource." may lead an address whose type is also a keyword (Terraform 1.9 in targets, 1.10 in moved addresses).
  if (parts.length === 3 && parts[0] === 'resource') parts = parts.slice(1);
  if (parts.length !== 2 || !parts.every((part) => NAME.test(part)) || NOT_TYPES.includes(parts[0])) return { unread: `an address the checks cannot read (${from}), which may be any object the state holds` };
  return { type: parts[0] };
}

/**
 * Where a diagnostic setting sends a server's logs, by the type that holds them and the setting's argument that names it: destroyed,
 * the logs kept there go with it. It reaches a server only when one of its diagnostic settings may send there (PG-CFG-7).
 */
export const LOG_DESTINATIONS: { readonly [type: string]: string } = {
  azurerm_log_analytics_workspace: 'log_analytics_workspace_id',
  azurerm_storage_account: 'storage_account_id',
  azurerm_eventhub_namespace: 'eventhub_authorization_rule_id',
  azurerm_eventhub_namespace_authorization_rule: 'eventhub_authorization_rule_id',
  // An event hub of the namespace (the one eventhub_name names, or any a rule of the namespace reaches).
  azurerm_eventhub: 'eventhub_authorization_rule_id',
  azurerm_storage_account_network_rules: 'storage_account_id',
  azurerm_storage_container_immutability_policy: 'storage_account_id',
  azurerm_log_analytics_workspace_table: 'log_analytics_workspace_id',
  azurerm_log_analytics_workspace_table_microsoft: 'log_analytics_workspace_id',
};

/**
 * The log destinations' types that guard the logs rather than hold them (run 28, A28b-2), with what their delete takes: the logs
 * stay, open to every network, deletable or kept for less time.
 */
const LOG_GUARDS: { readonly [type: string]: string } = {
  // azurerm's docs: deleting the network rules puts the account back to its defaults (default_action Allow).
  azurerm_storage_account_network_rules: 'the network rules of a storage account a diagnostic setting of the server may send to: its delete puts the account back to allow every network, the audit logs in it open',
  azurerm_storage_container_immutability_policy: 'an immutability policy of a storage account a diagnostic setting of the server may send to: without it the audit logs may be deleted or overwritten',
  // azurerm's docs: deleting a Microsoft or classic table resets its retention to the workspace default.
  azurerm_log_analytics_workspace_table: 'a table of a workspace a diagnostic setting of the server may send to: its delete resets the table\'s retention to the workspace default, which may keep the audit logs for less time',
  azurerm_log_analytics_workspace_table_microsoft: 'a table of a workspace a diagnostic setting of the server may send to: its delete resets the table\'s retention to the workspace default, which may keep the audit logs for less time',
};

/** A resource type or name as Terraform spells it (an expression, "${local.x}", is refused there). */
const NAME = /^[A-Za-z_][\w-]*$/;

/** First words of a reference that name no resource type (Terraform refuses them in `from`). */
const NOT_TYPES = ['data', 'local', 'var', 'each', 'count', 'self', 'path', 'terraform', 'ephemeral'];

/** The types whose delete does or runs what their body said, a body the JSON no longer holds. */
/** Generic HTTP-request types (graph-urls.ts HTTP_REQUESTS: restful, terracurl) are among them: their delete sends what their body said (A28b-1). */
const UNREAD = new RegExp(`^(azapi_\\w+|msgraph_\\w+|restapi_\\w+|shell_\\w+|${HTTP_REQUEST_TYPES.join('|')}|azurerm_((resource_group_|subscription_|management_group_|tenant_)?template_deployment|resource_deployment_script_\\w+))$`);

/** azurerm PostgreSQL types whose destruction only narrows access: a firewall or network rule, an Entra administrator. */
const NARROWING_POSTGRES = /^azurerm_postgresql_(flexible_server_)?(firewall_rule|virtual_network_rule|active_directory_administrator)$/;

/** postgresql provider types whose destruction only takes away: a role, a grant or membership (the delete revokes), a mapping, a slot. */
const NARROWING_IN_DATABASE = /^postgresql_(role|grant|grant_role|default_privileges|user_mapping|server|replication_slot|physical_replication_slot|publication|subscription)$/;

/** Guards of a server the construct's secure defaults (or the pack's rules) rely on, each with what its destruction takes away. */
const GUARDS: readonly [RegExp, string][] = [
  [/^azurerm_postgresql_(flexible_)?server$/, 'a PostgreSQL server and its data (its prevent_destroy went with its block)'],
  [/^azurerm_postgresql_(flexible_server_)?configuration$/, 'a server parameter, which its delete resets to the default (pgaudit, connection logging, TLS)'],
  [/^azurerm_postgresql_(flexible_server_)?database$/, 'a database and its data'],
  [/^azurerm_postgresql_server_key$/, 'the customer-managed key of a Single Server (the server falls back to a platform key)'],
  [/^azurerm_postgresql_\w+$/, 'a PostgreSQL resource of a server'],
  [/^azurerm_management_lock$/, 'a management lock (a CanNotDelete or ReadOnly lock that guarded a server)'],
  [/^azurerm_monitor_diagnostic_setting$/, 'a diagnostic setting (the audit logs it sent stop)'],
  [/^azurerm_(network_security_group|network_security_rule|subnet_network_security_group_association)$/, 'a network security group, rule or association (a deny rule that held PostgreSQL out)'],
  [/^azurerm_(route_table|route|subnet_route_table_association)$/, 'a route table, route or association (traffic it sent through a firewall goes another way)'],
  [/^azurerm_firewall_(network_rule_collection|application_rule_collection|policy_rule_collection_group|policy)$/, 'an Azure Firewall rule collection or policy (a deny rule that held traffic out)'],
  [/^azurerm_network_manager_(admin_rule|admin_rule_collection|security_admin_configuration|deployment)$/, 'a network manager security admin rule, collection or deployment (a deny rule that held PostgreSQL out)'],
  // What puts a VNet under the admin rules (run 28, A28b-2): destroyed, the VNet leaves the group or the manager's reach, and every Deny stops applying to it.
  [/^azurerm_network_manager(_(network_group|static_member|scope_connection|management_group_connection|subscription_connection))?$/, 'a network manager, network group, static member or scope connection (what put a VNet under the manager\'s admin rules: every Deny admin rule stops applying to it)'],
  [/^azurerm_network_manager_routing_(configuration|rule_collection|rule)$/, 'a network manager routing configuration, collection or rule (traffic its routes sent through a firewall goes another way)'],
  [/^azurerm_firewall$/, 'an Azure Firewall (its deny rules, threat intelligence and intrusion detection stop judging the traffic other paths carry)'],
  [/^azurerm_ip_group(_cidr)?$/, 'an IP group or one of its ranges (a firewall deny rule naming the group stops matching those addresses)'],
  [/^azurerm_(security_center_subscription_pricing|advanced_threat_protection|security_center_\w+)$/, 'a Microsoft Defender setting (threat protection turns off)'],
  [/^azurerm_\w*policy_assignment$/, 'a policy assignment (a deny, audit or deploy policy on a scope that may hold a server)'],
  [/^azurerm_(management_group_)?policy_(set_)?definition$/, 'a policy definition or initiative (what an assignment of it denied, audited, deployed or added to a network group)'],
  [/^azurerm_data_protection_backup_instance_postgresql(_flexible_server)?$/, 'a Backup vault instance of a server (its delete stops the protection and takes its recovery points)'],
  // The vault holding those instances and the resource guard that asks a second person before critical backup operations (28th run, A28a-5).
  [/^azurerm_data_protection_backup_vault$/, 'a Backup vault (with it go the recovery points of the servers it protects)'],
  [/^azurerm_data_protection_resource_guard$/, 'a Backup resource guard (critical operations on the vault, such as deleting recovery points, no longer need a second person)'],
  [/^azurerm_role_management_policy$/, 'a Privileged Identity Management policy on an Azure scope (it resets to the defaults)'],
  [/^postgresql_\w+$/, 'an object inside a database (pgaudit\'s extension, a schema, an event trigger, a role\'s settings)'],
];

function harmOf(type: string): string | undefined {
  const guard = ownValue(LOG_GUARDS, type);
  if (guard !== undefined) return guard;
  if (ownValue(LOG_DESTINATIONS, type) !== undefined) return `a destination of diagnostic logs (${type}) a diagnostic setting of the server may send to: the audit logs kept there go with it`;
  if (UNREAD.test(type)) return `the ${type} it managed, whose delete does or runs what its body said (a DELETE of a lock, a rule or a policy, a destroy-time action), a body the JSON no longer shows`;
  if (NARROWING_POSTGRES.test(type) || NARROWING_IN_DATABASE.test(type)) return undefined;
  return GUARDS.find(([pattern]) => pattern.test(type))?.[1];
}

/** Types whose object lives only in the state (a marker, a generated value, a time): Terraform that forgets one leaves nothing in Azure. */
const STATE_ONLY = /^(terraform_data|null_resource|random_\w+|time_\w+|tls_private_key)$/;

/**
 * Whether a `removed` block that forgets its object (forgotten-objects.ts) names a resource of a state-only type outside any module:
 * forgetting it leaves nothing beside a server (stop 36). A module, another type, or an address not written as text may leave anything.
 */
export function forgetsNothingLive(from: unknown): boolean {
  if (typeof from !== 'string' || resourceAddress(from).startsWith('module.')) return false;
  const type = removedType(from);
  return type !== undefined && STATE_ONLY.test(type);
}
