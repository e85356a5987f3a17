import { TerraformDataSource, TerraformResource } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { sharedResourcesUsedBy } from './private-dns-zones';
import { FLEXIBLE_COPY, SINGLE_COPY } from '../checks/pinned-attributes';
import { PLACEMENT_ATTRIBUTES } from '../checks/placement-attributes';
import { pinAttributes, takesAttribute } from '../checks/suppression-registry';

/** A server parameter's name and value: renamed (or moved to another server), the construct's value would no longer be set. */
const PARAMETER = ['name', 'value'];
/** A firewall rule's name and the addresses it opens. */
const FIREWALL_RULE = ['name', 'start_ip_address', 'end_ip_address'];
/** Which Single Server a rule of the construct belongs to (by name, in its resource group). */
const SINGLE_SERVER_CHILD = ['server_name', 'resource_group_name'];

/**
 * Where the diagnostic setting sends the logs, and which: every log (allLogs) and all metrics. The
 * `audit` group still holds the server log the pack asks for, but not the sessions or query store
 * logs: an override may narrow the export no more than redirect it (fourteenth review, A14a-13).
 */
const DIAGNOSTIC_SETTING = [
  'target_resource_id', 'log_analytics_workspace_id', 'storage_account_id', 'eventhub_authorization_rule_id', 'eventhub_name', 'partner_solution_id',
  'enabled_log.category_group', 'enabled_log.category', 'enabled_metric.category',
];

/**
 * The attributes of a server construct's resources that say who or what a control points at, and
 * the values its props set (server parameters, firewall ranges), by the resource's construct id
 * (a prefix for numbered ones): PG-CFG-6 fails any override of them.
 */
const FLEXIBLE: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['EntraAdministrator', ['object_id', 'principal_type', 'principal_name', 'tenant_id']],
  ['SecurityGroupAssociation', ['subnet_id', 'network_security_group_id']],
  // Whom each roleAssignments item grants its role to: a justification names one principal (fifth review, A5-4), and one role.
  ['RoleAssignment', ['principal_id', 'principal_type', 'delegated_managed_identity_resource_id', 'role_definition_name', 'role_definition_id']],
  // The delegated subnet the construct makes: in another VNet or range, the NSG's VirtualNetwork source admits other hosts (fourth review, A4-15);
  // its precondition stops a plan that would make it in another subscription's VNet of that name (eleventh review, A11a-2).
  ['Subnet', ['virtual_network_name', 'resource_group_name', 'address_prefixes', 'lifecycle.precondition']],
  // Every server parameter: what the props or the construct's defaults set is the floor, and the pack's own floor is often lower
  // (log files 7 days where it asks for more than 3, TLS 1.3 chosen, pgaudit ALL): an override may lower none of them (A12a-15).
  ['Parameter-', ['server_id', ...PARAMETER]],
  // The addresses each firewall rule opens, as the justification saw them (A12a-13), on the construct's server.
  ['FirewallRule', ['server_id', ...FIREWALL_RULE]],
  ['AzureServicesFirewallRule', ['server_id', ...FIREWALL_RULE]],
  ['DiagnosticSetting', DIAGNOSTIC_SETTING],
  // The subnet's network security group: where it is, and no inline rules, which would replace the separate ones (A13-1, A13-2).
  ['SecurityGroup', ['name', 'resource_group_name', 'security_rule']],
  // What each rule of the subnet's network security group matches and does, and in which group; the plural forms stay unset.
  ['SecurityRule', [
    'network_security_group_name', 'resource_group_name', 'access', 'direction', 'priority', 'protocol',
    'source_address_prefix', 'source_address_prefixes', 'source_port_range', 'source_port_ranges',
    'destination_address_prefix', 'destination_address_prefixes', 'destination_port_range', 'destination_port_ranges',
  ]],
];
/**
 * Construct ids pinned by prefix: numbered administrators and role assignments, security rules
 * named after the rule, parameters after the parameter, firewall and VNet rules after the range
 * or rule (or numbered when its name is a token).
 */
const NUMBERED = /^(EntraAdministrator\d+|RoleAssignment\d+|SecurityRule.+|Parameter-.+|FirewallRule(\d+|-.+)|VnetRule(\d+|-.+))$/;
const SINGLE: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['EntraAdministrator', ['object_id', 'login', 'tenant_id']],
  ['CustomerManagedKey', ['server_id', 'key_vault_key_id']],
  ['Parameter-', [...SINGLE_SERVER_CHILD, ...PARAMETER]],
  ['FirewallRule', [...SINGLE_SERVER_CHILD, ...FIREWALL_RULE]],
  ['AzureServicesFirewallRule', [...SINGLE_SERVER_CHILD, ...FIREWALL_RULE]],
  // The subnet each VNet rule lets in through the public endpoint.
  ['VnetRule', [...SINGLE_SERVER_CHILD, 'name', 'subnet_id']],
  ['DiagnosticSetting', DIAGNOSTIC_SETTING],
];

/**
 * The server's own attributes that point at something: its subnet and DNS zone, the key that
 * encrypts its data and the identities that may use it; on Single Server, who hears of threats.
 * A nested block's attribute is named by its path.
 */
const FLEXIBLE_SERVER = [
  // What the server waits for: its subnet's NSG, the NSG's rules and the DNS zone link (A10a-13); more may be added.
  'depends_on',
  'delegated_subnet_id', 'private_dns_zone_id', 'identity.type', 'identity.identity_ids',
  // The directory whose principals sign in: the administrators' tenant is compared with it (A12a-8).
  'authentication.tenant_id',
  'customer_managed_key.key_vault_key_id', 'customer_managed_key.primary_user_assigned_identity_id',
  'customer_managed_key.geo_backup_key_vault_key_id', 'customer_managed_key.geo_backup_user_assigned_identity_id',
  // The major version the props allow (13 and later, in Azure's standard support): an override to 11 or 12 bypassed it (69th run).
  'version',
  // The SKU the props chose: an override to a Burstable one makes PGF-AVL-1 moot, so high availability could be dropped unseen (92nd run, A92c-3).
  'sku_name',
];
const SINGLE_SERVER = [
  'identity.type', 'threat_detection_policy.email_account_admins', 'threat_detection_policy.email_addresses', 'threat_detection_policy.storage_endpoint',
  'threat_detection_policy.storage_account_access_key',
  // Storage that grows before it fills, a default no prop turns off: an override that does so passed unseen (adversarial run of stop 81, A81-46).
  'auto_grow_enabled',
];

/**
 * The administrator password as the construct writes it: the generated one, sent to the server
 * only when its version changes, so a version held back keeps the old password on the server
 * while the vault holds the new one (tenth review, A10a-5). Unset with Entra-only sign-in.
 */
const FLEXIBLE_PASSWORD = ['administrator_password', 'administrator_password_wo', 'administrator_password_wo_version'];
const SINGLE_PASSWORD = ['administrator_login_password', 'administrator_login_password_wo', 'administrator_login_password_wo_version'];


/** The private endpoint's subnet, the server it connects to and the zone it registers in: another one is another network path. */
const PRIVATE_ENDPOINT = ['subnet_id', 'private_service_connection.private_connection_resource_id', 'private_dns_zone_group.private_dns_zone_ids'];
/**
 * Where a generated password's Key Vault secret is kept, and what it holds: write-only, never a
 * value in state, sent again whenever its version moves with the password's.
 */
const PASSWORD_SECRET = ['key_vault_id', 'name', 'value_wo', 'value_wo_version', 'value', 'provider'];

/**
 * What makes a generated password new (its keepers: a rotation's timestamp, the passwordVersion)
 * and the changes Terraform may not ignore: a constant keeper, or keepers ignored, keeps one
 * password forever while the version attributes and the expiry still move.
 */
const GENERATED_PASSWORD = ['keepers', 'lifecycle.ignore_changes'];

type Pinnable = TerraformResource | TerraformDataSource;

/**
 * Pins the server's provider and pointers, its children's identity attributes and provider
 * (another alias is another subscription or tenant), as the construct wrote them, and the
 * placement of every resource it made (those under `before`, children it did not make, excepted)
 * and of the shared DNS zones and links it uses. One pin per resource.
 */
export function pinIdentities(construct: Construct, server: TerraformResource, kind: 'flexible' | 'single', before: ReadonlySet<IConstruct>): void {
  const pins = new Map<Pinnable, Set<string>>();
  const pin = (resource: IConstruct | undefined, names: readonly string[]): void => {
    // By cdktf's own marks, not instanceof: a provider loaded on demand may come from another copy of cdktf, and a made resource left unpinned
    // is one check refuses the file for (made-pins.ts), and one synth now holds it to as well (A15a-1).
    if (resource === undefined || !(TerraformResource.isTerraformResource(resource) || TerraformDataSource.isTerraformDataSource(resource))) return;
    const pinned = pins.get(resource) ?? new Set<string>();
    names.forEach((name) => pinned.add(name));
    pins.set(resource, pinned);
  };
  const own = kind === 'flexible' ? [...FLEXIBLE_SERVER, ...FLEXIBLE_PASSWORD, ...FLEXIBLE_COPY] : [...SINGLE_SERVER, ...SINGLE_PASSWORD, ...SINGLE_COPY];
  pin(server, ['provider', ...own]);
  const identities = kind === 'flexible' ? FLEXIBLE : SINGLE;
  for (const child of construct.node.children) {
    const entry = identities.find(([id]) => child.node.id === id || (NUMBERED.test(child.node.id) && child.node.id.startsWith(id)));
    if (entry !== undefined) pin(child, [...entry[1], 'provider']);
  }
  // The provider whose subscription the subnet's precondition reads: another alias would read another subscription (A12a-5).
  pin(construct.node.tryFindChild('ProviderSubscription'), ['provider']);
  pin(construct.node.tryFindChild('PrivateEndpoint')?.node.tryFindChild('Endpoint'), [...PRIVATE_ENDPOINT, 'provider']);
  const administratorPassword = construct.node.tryFindChild('AdministratorPassword');
  pin(administratorPassword?.node.tryFindChild('Secret'), PASSWORD_SECRET);
  pin(administratorPassword?.node.tryFindChild('Password'), GENERATED_PASSWORD);
  const made = construct.node.findAll().filter((each) => !each.node.scopes.some((scope) => before.has(scope)));
  for (const resource of [...made, ...made.flatMap(sharedResourcesUsedBy)]) {
    if (TerraformResource.isTerraformResource(resource)) pin(resource, ['provider', ...PLACEMENT_ATTRIBUTES.filter((name) => takesAttribute(resource, name))]);
  }
  pins.forEach((names, resource) => pinAttributes(server, resource, [...names]));
}

/** Pins what makes a generated password new (when the construct generates one). */
export function pinGeneratedPassword(server: TerraformResource, password: IConstruct | undefined): void {
  if (password !== undefined && TerraformResource.isTerraformResource(password)) pinAttributes(server, password, GENERATED_PASSWORD);
}

/**
 * Pins the Key Vault secret a construct writes a generated password to (when it writes one): the
 * vault, the name and the write-only value stay as made, and no value may be added. A secret that
 * expires with its password (a DatabaseAccess member's) keeps that expiry too (`expiring`); the
 * administrator's sets none, and a team may add one (Azure Policy asks secrets for an expiry).
 */
export function pinPasswordSecret(server: TerraformResource, secret: IConstruct | undefined, expiring = false): void {
  if (secret !== undefined && TerraformResource.isTerraformResource(secret)) pinAttributes(server, secret, expiring ? [...PASSWORD_SECRET, 'expiration_date'] : PASSWORD_SECRET);
}
