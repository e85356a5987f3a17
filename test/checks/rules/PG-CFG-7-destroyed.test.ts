import { evaluateStack, Finding } from '../../../lib/checks/evaluate';
import { destroyedObjectHarm } from '../../../lib/checks/destroyed-objects';
import { ALL_RULES } from '../../../lib/checks/rules';
import { compliantFlexibleServer, FLEXIBLE } from '../rule-harness';

// Stop 36: a removed block that destroys its object (lifecycle.destroy true or not set) deletes what the state holds at its address,
// with settings the JSON no longer shows. Destroying a guard of the server (a lock, a parameter, a diagnostic setting, a network
// rule, pgaudit), a whole module, or a block whose delete does what its body said (azapi, Graph, REST) fails PG-CFG-7 closed;
// destroying what only grants, or holds no guard, passes. destroy = false is PG-CFG-7.test.ts's.

const SERVER = `${FLEXIBLE}.db`;

/** PG-CFG-7's findings that are not passes, as "server | block | severity status", beside a compliant server. */
function findings(removed: readonly object[]): string[] {
  const terraform = { removed, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } } };
  return evaluateStack(terraform, ALL_RULES).findings
    .filter((f: Finding) => f.ruleId === 'PG-CFG-7' && f.status !== 'pass')
    .map((f) => `${f.server} | ${f.address} | ${f.severity} ${f.status}`);
}
const failed = (from: string) => `${SERVER} | removed.${from} | warning fail`;
const messages = (removed: readonly object[]) => evaluateStack({ removed, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } } }, ALL_RULES).findings
  .filter((f) => f.ruleId === 'PG-CFG-7' && f.status === 'fail').map((f) => f.message);

/** Each way of writing a lifecycle that destroys the object: none, an empty one, true, "true", a list. */
const DESTROYING: readonly [string, object][] = [
  ['no lifecycle', {}],
  ['an empty lifecycle', { lifecycle: {} }],
  ['destroy = true', { lifecycle: { destroy: true } }],
  ['destroy = "true"', { lifecycle: [{ destroy: 'true' }] }],
];

describe.each(DESTROYING)('with %s', (_, lifecycle) => {
  test.each([
    // A whole module: any lock, parameter, rule or diagnostic setting it held.
    'module.security', 'module.security["eu"]', 'module.security[0]', 'module.platform.module.security',
    // Blocks whose delete does or runs what their body said.
    'azapi_resource.deny_rule', 'azapi_resource.lock', 'azapi_resource_action.on_destroy', 'azapi_update_resource.rules',
    'msgraph_resource.ca_policy', 'msgraph_resource_action.on_destroy', 'msgraph_update_resource.location', 'restapi_object.policy',
    // Generic HTTP-request resources (A28b-1): their delete sends what their body said, to Graph or any API.
    'restful_resource.ca', 'restful_operation.x', 'terracurl_request.x',
    'shell_script.hardening', 'azurerm_resource_group_template_deployment.guards', 'azurerm_subscription_template_deployment.guards',
    // Guards the construct's secure defaults rely on.
    'azurerm_management_lock.server', 'azurerm_monitor_diagnostic_setting.audit', 'azurerm_postgresql_flexible_server_configuration.pgaudit',
    'azurerm_postgresql_configuration.log_connections', 'azurerm_network_security_rule.deny_internet', 'azurerm_network_security_group.pg',
    'azurerm_subnet_network_security_group_association.pg', 'postgresql_extension.pgaudit', 'postgresql_schema.app',
    'azurerm_postgresql_flexible_server.legacy', 'azurerm_postgresql_flexible_server_database.orders', 'azurerm_postgresql_server_key.cmk',
    'azurerm_route.to_firewall', 'azurerm_subnet_route_table_association.pg', 'azurerm_firewall_policy_rule_collection_group.deny',
    'azurerm_network_manager_admin_rule.deny_pg', 'azurerm_security_center_subscription_pricing.postgres', 'azurerm_advanced_threat_protection.pg',
    'azurerm_subscription_policy_assignment.deny_public', 'azurerm_role_management_policy.owner',
    // Run 28 (A28b-2): what puts the server's VNet under a network manager's admin rules, and the routes it writes.
    'azurerm_network_manager_static_member.sm', 'azurerm_network_manager_network_group.ng', 'azurerm_network_manager.nm',
    'azurerm_network_manager_scope_connection.sc', 'azurerm_network_manager_management_group_connection.mg',
    'azurerm_network_manager_subscription_connection.sub', 'module.net.azurerm_network_manager_static_member.sm["eu"]',
    'azurerm_network_manager_routing_configuration.rc', 'azurerm_network_manager_routing_rule_collection.rrc', 'azurerm_network_manager_routing_rule.to_fw',
    // Other guards the rules read: the firewall and the IP groups its rules name, policy definitions, the server's Backup vault instance.
    'azurerm_firewall.hub', 'azurerm_ip_group.blocked', 'azurerm_ip_group_cidr.blocked', 'azurerm_policy_definition.deny_public',
    'azurerm_management_group_policy_set_definition.baseline', 'azurerm_policy_set_definition.avnm_members',
    'azurerm_data_protection_backup_instance_postgresql_flexible_server.db', 'azurerm_data_protection_backup_instance_postgresql.single',
    // Run 28 (A28a-5): the Backup vault and its resource guard.
    'azurerm_data_protection_backup_vault.v', 'azurerm_data_protection_resource_guard.g',
  ])('a removed block destroying %s fails closed beside the server', (from) => {
    expect(findings([{ from, ...lifecycle }])).toEqual([failed(from)]);
  });
});

test.each([
  // Instance keys (Terraform refuses them in from, A25b-5 reads them as the resource), a module path, "resource.", blanks and comments.
  ['module.security.azurerm_management_lock.server["eu"]', 'module.security.azurerm_management_lock.server["eu"]'],
  ['azurerm_management_lock.server[0]', 'azurerm_management_lock.server[0]'],
  ['resource.azurerm_monitor_diagnostic_setting.audit', 'resource.azurerm_monitor_diagnostic_setting.audit'],
  ['azurerm_management_lock . server /* kept */', 'azurerm_management_lock . server /* kept */'],
  ['${azurerm_management_lock.server}', '${azurerm_management_lock.server}'],
])('the address %s is read as its resource', (from, address) => {
  expect(findings([{ from }])).toEqual([failed(address)]);
});

test('an address the checks cannot read, or not written as text, fails closed', () => {
  expect(findings([{ from: '${local.target}' }, { from: 'azurerm_management_lock' }])).toEqual([failed('${local.target}'), failed('azurerm_management_lock')]);
  expect(findings([{ from: 42 }])).toEqual([failed('(known only later)')]);
});

test('the message names the block and what it may take away', () => {
  expect(messages([{ from: 'module.security' }])).toEqual([
    'removed.module.security destroys what module.security held in the state (its lifecycle.destroy is true or not set): a whole module (module.security): every resource it held (a lock, a parameter, a network rule, a diagnostic setting), none of which the JSON shows; the settings it deletes are no longer in the JSON, so no rule can tell whether the server loses a guard.',
  ]);
  expect(messages([{ from: 'azurerm_management_lock.server' }])[0]).toContain('removed.azurerm_management_lock.server destroys what azurerm_management_lock.server held in the state (its lifecycle.destroy is true or not set): a management lock');
  expect(messages([{ from: 'msgraph_resource.ca_policy' }])[0]).toContain('the msgraph_resource it managed, whose delete does or runs what its body said');
});

test.each([
  // What only grants: its delete narrows access.
  'azurerm_postgresql_flexible_server_firewall_rule.office', 'azurerm_postgresql_firewall_rule.office', 'azurerm_postgresql_virtual_network_rule.app',
  'azurerm_postgresql_flexible_server_active_directory_administrator.old', 'postgresql_grant.readonly', 'postgresql_default_privileges.revoke_public',
  'postgresql_role.app', 'postgresql_grant_role.member', 'azurerm_role_assignment.reader', 'azurerm_private_endpoint.partner',
  // What holds no guard of a server.
  'azurerm_storage_account.exports', 'module.apps.azurerm_storage_account.exports["a"]', 'azurerm_linux_web_app.api', 'terraform_data.marker',
  'null_resource.bootstrap', 'random_password.app', 'time_rotating.key', 'aws_s3_bucket.backup',
  // PG-IAM-3 judges these beside an Entra administrator (administrator-policies.ts removedPolicies).
  'azuread_conditional_access_policy.mfa', 'azuread_named_location.office',
  // Run 28: the network manager's types that guard nothing (address pools, the verifier), what only connects, exemptions.
  'azurerm_network_manager_ipam_pool.p', 'azurerm_network_manager_ipam_pool_static_cidr.c', 'azurerm_network_manager_verifier_workspace.v',
  'azurerm_network_manager_connectivity_configuration.mesh', 'azurerm_subscription_policy_exemption.x', 'azurerm_firewall_nat_rule_collection.dnat',
  // A guard of a log destination, beside a server with no diagnostic setting: no logs of it there.
  'azurerm_storage_account_network_rules.logs', 'azurerm_log_analytics_workspace_table.pg_logs', 'azurerm_eventhub.pg_logs',
])('a removed block destroying %s passes', (from) => {
  expect(findings([{ from }, { from, lifecycle: { destroy: true } }])).toEqual([]);
});

test('destroy = false on a guard is a forgotten object (the lock stays), judged once', () => {
  expect(messages([{ from: 'azurerm_management_lock.server', lifecycle: { destroy: false } }])).toEqual([
    'removed.azurerm_management_lock.server makes Terraform forget azurerm_management_lock.server without destroying it (its lifecycle.destroy is not true): the object stays in Azure beside the server, where it may still reach it, and no rule judges it any more.',
  ]);
});

test('a removed block that destroys a guard and runs a provisioner is a command (PG-CFG-4) and a destroyed guard (PG-CFG-7)', () => {
  const terraform = {
    resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } },
    removed: [{ from: 'azurerm_management_lock.server', provisioner: { 'local-exec': { when: 'destroy', command: 'echo gone' } } }],
  };
  expect(evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.status === 'fail' && f.ruleId.startsWith('PG-CFG-')).map((f) => `${f.ruleId} ${f.address}`))
    .toEqual(['PG-CFG-4 removed.azurerm_management_lock.server', 'PG-CFG-7 removed.azurerm_management_lock.server']);
});

test('beside two servers it counts beside each; a stack without a server has nothing to judge', () => {
  const terraform = { removed: [{ from: 'module.security' }], resource: { [FLEXIBLE]: { a: compliantFlexibleServer(), b: { ...compliantFlexibleServer(), name: 'other' } } } };
  expect(evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-7' && f.status === 'fail').map((f) => f.server))
    .toEqual([`${FLEXIBLE}.a`, `${FLEXIBLE}.b`]);
  expect(evaluateStack({ removed: [{ from: 'module.security' }], resource: { terraform_data: { y: {} } } }, ALL_RULES).findings).toEqual([]);
});

describe('a destination of diagnostic logs counts only beside a server whose diagnostic setting may send there', () => {
  const WORKSPACE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-central';
  const setting = (target: string, destination: object) => ({ name: 'audit', target_resource_id: `\${${FLEXIBLE}.${target}.id}`, enabled_log: [{ category_group: 'audit' }], ...destination });
  /** PG-CFG-7's failing servers, with a diagnostic setting on server a only. */
  function failing(destination: object, removed: readonly object[], resources: object = {}): string[] {
    const terraform = {
      removed,
      resource: {
        [FLEXIBLE]: { a: compliantFlexibleServer(), b: { ...compliantFlexibleServer(), name: 'other' } },
        azurerm_monitor_diagnostic_setting: { a: setting('a', destination) },
        ...resources,
      },
    };
    return evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-7' && f.status === 'fail').map((f) => `${f.server} ${f.address}`);
  }

  test.each<[string, object, string]>([
    ['a literal workspace ID', { log_analytics_workspace_id: WORKSPACE }, 'azurerm_log_analytics_workspace.central'],
    ['a workspace looked up', { log_analytics_workspace_id: '${data.azurerm_log_analytics_workspace.central.id}' }, 'azurerm_log_analytics_workspace.central'],
    ['a workspace ID in a variable', { log_analytics_workspace_id: '${var.workspace_id}' }, 'module.logs.azurerm_log_analytics_workspace.central'],
    ['a storage account by literal ID', { storage_account_id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/audit' }, 'azurerm_storage_account.audit'],
    ['a storage account by an expression', { storage_account_id: '${local.audit_account}' }, 'azurerm_storage_account.audit'],
    ['an Event Hub rule by literal ID', { eventhub_authorization_rule_id: '/subscriptions/0/x/authorizationRules/send' }, 'azurerm_eventhub_namespace.audit'],
  ])('%s: destroying one fails beside that server only', (_, destination, from) => {
    expect(failing(destination, [{ from }])).toEqual([`${FLEXIBLE}.a removed.${from}`]);
  });

  // Run 28 (A28b-2): what guards the logs at a destination. The removed block does not say which account, workspace or namespace it
  // was on, so even a reference to one the stack defines may be its: it fails beside a server sending to that kind of destination.
  test.each<[string, object, string]>([
    ['storage network rules, account by literal ID', { storage_account_id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/audit' }, 'azurerm_storage_account_network_rules.audit'],
    ['storage network rules, account the stack defines', { storage_account_id: '${azurerm_storage_account.audit.id}' }, 'azurerm_storage_account_network_rules.audit'],
    ['storage network rules in a module', { storage_account_id: '${var.account}' }, 'module.logs.azurerm_storage_account_network_rules.audit["eu"]'],
    ['an immutability policy', { storage_account_id: '${azurerm_storage_account.audit.id}' }, 'azurerm_storage_container_immutability_policy.audit'],
    ['a workspace table', { log_analytics_workspace_id: '${azurerm_log_analytics_workspace.central.id}' }, 'azurerm_log_analytics_workspace_table.pg_logs'],
    ['a workspace table (Microsoft)', { log_analytics_workspace_id: WORKSPACE }, 'azurerm_log_analytics_workspace_table_microsoft.pg_logs'],
    ['an event hub', { eventhub_authorization_rule_id: '${azurerm_eventhub_namespace_authorization_rule.send.id}', eventhub_name: 'pg' }, 'azurerm_eventhub.pg'],
  ])('%s: destroying it fails beside that server only', (_, destination, from) => {
    const resources = { azurerm_storage_account: { audit: { name: 'audit' } }, azurerm_log_analytics_workspace: { central: { name: 'central' } }, azurerm_eventhub_namespace_authorization_rule: { send: { name: 'send' } } };
    expect(failing(destination, [{ from }], resources)).toEqual([`${FLEXIBLE}.a removed.${from}`]);
  });

  test('a guard of another kind of destination passes, and the message says what its delete opens', () => {
    expect(failing({ log_analytics_workspace_id: WORKSPACE }, [{ from: 'azurerm_storage_account_network_rules.exports' }, { from: 'azurerm_eventhub.stream' }])).toEqual([]);
    expect(failing({ storage_account_id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/audit' }, [{ from: 'azurerm_log_analytics_workspace_table.t' }])).toEqual([]);
    expect(destroyedObjectHarm('azurerm_storage_account_network_rules.audit')).toContain('puts the account back to allow every network');
  });

  test('another kind of destination, or a reference to one the stack still defines, passes', () => {
    expect(failing({ log_analytics_workspace_id: WORKSPACE }, [{ from: 'azurerm_storage_account.exports' }, { from: 'azurerm_eventhub_namespace.stream' }])).toEqual([]);
    expect(failing({ storage_account_id: '${azurerm_storage_account.audit.id}' }, [{ from: 'azurerm_storage_account.old_audit' }],
      { azurerm_storage_account: { audit: { name: 'audit', resource_group_name: 'rg', location: 'westeurope', account_tier: 'Standard', account_replication_type: 'GRS' } } })).toEqual([]);
    // A reference to a resource the stack does not define may be the destroyed one.
    expect(failing({ storage_account_id: '${azurerm_storage_account.old_audit.id}' }, [{ from: 'azurerm_storage_account.old_audit' }])).toEqual([`${FLEXIBLE}.a removed.azurerm_storage_account.old_audit`]);
  });
});

// Run 28 (A28b-2): every Terraform type a reader of the pack reads (read-types.ts) is decided for a removed block that destroys it:
// a guard (or a guard of a log destination) fails, and each other one is listed here with why its delete only narrows or takes
// nothing a rule relies on. A type a reader adds later fails this test until it is decided.
const DESTROY_NARROWS: readonly [RegExp, string][] = [
  [/^azurerm_postgresql_(flexible_server_)?(firewall_rule|virtual_network_rule|active_directory_administrator)$/, 'a rule or administrator that grants'],
  [/^postgresql_(role|grant|grant_role|default_privileges)$/, 'the delete revokes'],
  [/^azurerm_private_endpoint$/, 'a path to the server'],
  [/^azurerm_(subnet|virtual_network)$/, 'Azure refuses to delete what holds the server or its endpoint; another one held no guard'],
  [/^azurerm_private_dns_(zone|zone_virtual_network_link|\w+_record)$/, 'an answer or link: without it the name does not resolve there (Azure refuses to delete a zone with links)'],
  [/^azurerm_private_dns_resolver_(forwarding_rule|virtual_network_link)$/, 'a forwarding path: without it the name is not forwarded'],
  [/^azurerm_dns_(zone|a_record|cname_record)$/, 'a public answer: without it the name does not resolve there'],
  [/^(azurerm_(role_assignment|pim_eligible_role_assignment|pim_active_role_assignment|lighthouse_assignment|lighthouse_definition|key_vault_access_policy|key_vault_managed_hardware_security_module_role_assignment|key_vault_role_assignment|federated_identity_credential))$/, 'a grant'],
  [/^azuread_\w+$|^msgraph_resource$|^msgraph_resource_action$|^restapi_object$/, 'PG-IAM-3 (removedPolicies) or UNREAD; a principal or credential destroyed signs no one in'],
  [/^azurerm_\w+_policy_(exemption|remediation)$/, 'an exemption destroyed lets the policy apply again; a remediation task changes nothing'],
  [/^azurerm_log_analytics_(data_export_rule|linked_service)$/, 'a copy of the logs elsewhere, or a linked account: the workspace keeps them'],
  [/^azurerm_monitor_data_collection_rule$/, 'a collection or transformation into a workspace: the diagnostic setting still sends the server\'s logs'],
  [/^azurerm_key_vault(_secret)?$/, 'the vault of a password or key: soft delete and purge protection (PG-ENC-1) keep it recoverable, and a server without its key is closed, not open'],
  [/^azurerm_(firewall_nat_rule_collection|lb|lb_rule|lb_nat_rule|lb_backend_address_pool|lb_backend_address_pool_address|application_gateway|private_link_service|nginx_configuration|nginx_deployment)$/, 'a forwarder: its delete takes a path away'],
  [/^azurerm_(virtual_network_gateway|virtual_network_gateway_connection|virtual_network_gateway_nat_rule|vpn_gateway_nat_rule|vpn_gateway_connection|point_to_site_vpn_gateway|bastion_host|virtual_network_peering|virtual_hub|virtual_hub_connection|route_server|virtual_network_dns_servers)$/, 'a gateway, peering, hub or DNS server of a VNet: its delete takes a path away'],
  [/^azurerm_network_manager_connectivity_configuration$/, 'connectivity between VNets: its delete takes a path away'],
];

test('every type a reader of the pack reads is decided for a removed block that destroys it', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TYPE_READERS } = require('../../../lib/checks/read-types') as typeof import('../../../lib/checks/read-types');
  const types = [...new Set(TYPE_READERS.flatMap((row) => row.types ?? []).filter((type): type is string => typeof type === 'string'))];
  const undecided = types.filter((type) => destroyedObjectHarm(`${type}.x`) === undefined && !DESTROY_NARROWS.some(([pattern]) => pattern.test(type)));
  expect(undecided).toEqual([]);
  // And none is both.
  expect(types.filter((type) => destroyedObjectHarm(`${type}.x`) !== undefined && !/^(azapi_|msgraph_|restapi_)/.test(type) && DESTROY_NARROWS.some(([pattern]) => pattern.test(type)))).toEqual([]);
});
