import { AMBIGUOUS, AZAPI_WRITER_TYPES, azapiType, bodyProperties, clearsMember, patchesLive, pointerBody, PROVIDER_SUBSCRIPTION, propertyInAnyCase, requestBody, withDefaultScopes } from '../../lib/checks/azapi-writes';
import { afterWrite } from '../../lib/checks/live-patch';
import { unreadAdminDeployments } from '../../lib/checks/manager-deployments';
import { readAzapiNetwork } from '../../lib/checks/azapi-network';
import { forwardingPaths } from '../../lib/checks/forwarding-paths';
import { isUnknown, Unknown } from '../../lib/checks/hcl-expression';
import { prop } from '../../lib/checks/policy-rules';
import { TYPE_READERS } from '../../lib/checks/read-types';
import { Verdict } from '../../lib/checks/rule';
import { rule as PG_CFG_4 } from '../../lib/checks/rules/PG-CFG-4';
import { rule as PG_IAM_2 } from '../../lib/checks/rules/PG-IAM-2';
import { rule as PG_IAM_3 } from '../../lib/checks/rules/PG-IAM-3';
import { rule as PG_LOG_1 } from '../../lib/checks/rules/PG-LOG-1';
import { rule as PG_NET_1 } from '../../lib/checks/rules/PG-NET-1';
import { connectedVnets } from '../../lib/checks/connectivity-configurations';
import { alwaysAllowedPaths } from '../../lib/checks/security-admin-rules';
import { sourceRewriters } from '../../lib/checks/source-rewriters';
import { sourceTranslators } from '../../lib/checks/source-translators';
import { vnetWideWriters } from '../../lib/checks/vnet-wide-writers';
import { buildStackModel, ResourceView, TerraformBlock } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt, PASSWORD_VAULT, roleGrantStack } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// One reader of an azapi write for every table (sixteenth review, A16a-1, A16b-1, A16b-2): the body Azure receives is
// `body` merge-patched with `sensitive_body`, an object or its JSON text, its property names in any letter case, and
// every writer form (a resource, an update, an action by PUT or PATCH, in its data and ephemeral forms) writes it.
// The class test: every table of read-types.ts reads each weakening row in every form, case and placement, and
// passes the same row keeping the control.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const PRINCIPAL = '99999999-9999-9999-9999-999999999999';
const role = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const CUSTOM_ROLE = 'cccccccc-cccc-cccc-cccc-cccccccccccc';
const WORKSPACE = '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/central/providers/Microsoft.OperationalInsights/workspaces/central';
const DEPLOYING = '/providers/Microsoft.Authorization/policyDefinitions/bd0079c6-6f2d-42f4-9cee-e23930968f10';
const AUDIT_ONLY = '/providers/Microsoft.Authorization/policyDefinitions/5e1de0e3-42cb-4ebc-a86d-61d0c619ca48';

type Terraform = { resource: Resources; data?: Resources; ephemeral?: Resources };

/** The construct's server in rg-orders with its subnet (10.0.1.0/28 of vnet-hub) and its diagnostic setting to WORKSPACE. */
const serverStack = (): Resources => ({
  [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders' }), ...madeAt(`${CONSTRUCT}/Server`) } },
  azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.0.1.0/28'] } },
  azurerm_monitor_diagnostic_setting: { own: { ...madeAt(`${CONSTRUCT}/DiagnosticSetting`), name: 'diag', target_resource_id: `\${${FLEXIBLE}.db.id}`, log_analytics_workspace_id: WORKSPACE, enabled_log: [{ category_group: 'allLogs' }] } },
});

/** The same, its subnet guarded by the construct's group that admits PostgreSQL from 10.20.0.0/16 alone (allowedSources narrowed). */
const narrowedStack = (): Resources => ({
  ...serverStack(),
  azurerm_network_security_group: { db: { ...madeAt(`${CONSTRUCT}/SecurityGroup`), name: 'nsg', resource_group_name: 'rg-network', location: 'westeurope',
    security_rule: [{ name: 'pg', priority: 1010, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', destination_port_range: '5432', source_address_prefix: '10.20.0.0/16', destination_address_prefix: '10.0.1.0/28' }] } },
  azurerm_subnet_network_security_group_association: { db: { ...madeAt(`${CONSTRUCT}/Association`), subnet_id: '${azurerm_subnet.db.id}', network_security_group_id: '${azurerm_network_security_group.db.id}' } },
});

/** The failing addresses of a judge beside the construct (a verdict known only at apply time fails an error rule). */
type Judge = (terraform: Terraform) => string[];
const failing = (verdicts: readonly Verdict[]) => verdicts.filter((verdict) => verdict.status === 'fail' || verdict.status === 'unknown').map((verdict) => ('address' in verdict ? String(verdict.address) : '(stack)'));
const byRule = (rule: typeof PG_IAM_2, constructs: readonly string[] = [CONSTRUCT]): Judge => (terraform) => {
  const model = buildStackModel(terraform);
  const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, constructs });
  return failing(Array.isArray(result) ? result : [result as Verdict]);
};
const byFunction = (judge: typeof forwardingPaths): Judge => (terraform) => {
  const model = buildStackModel(terraform);
  const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
  return failing(judge(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources }));
};

/** One weakening row of a table: an azapi write (as azapi_resource writes it) whose body weakens, or keeps the control. */
interface Row {
  readonly type: string;
  readonly parent: string;
  readonly name: string;
  readonly body: (weakens: boolean) => object;
  readonly stack: Resources;
  readonly judge: Judge;
  /** The address that fails, when not the write itself. */
  readonly fails?: string;
}

const DNAT = (source: string) => ({ properties: { natRuleCollections: [{ name: 'n', properties: { priority: 100, action: { type: 'Dnat' }, rules: [{ name: 'pg', protocols: ['TCP'], sourceAddresses: [source], destinationAddresses: ['20.1.2.3'], destinationPorts: ['5432'], translatedAddress: '10.0.1.4', translatedPort: '5432' }] } }] } });
const HUB_VNET = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const OTHER_VNET = `${SUB}/resourceGroups/rg-other/providers/Microsoft.Network/virtualNetworks/vnet-other`;
const GROUP = (name: string) => `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/networkManagers/nm/networkGroups/${name}`;
/**
 * The construct's server, with two network groups the stack creates (one it did not create keeps live members: A19b-3): one a
 * static member puts its VNet in, one that holds another VNet.
 */
const groupedStack = (): Resources => ({
  ...serverStack(),
  azurerm_network_manager_network_group: Object.fromEntries(['with-hub', 'without-hub'].map((name) => [name, { name, network_manager_id: GROUP(name).replace(/\/networkGroups\/.*$/, '') }])),
  azurerm_network_manager_static_member: {
    hub: { name: 'hub', network_group_id: GROUP('with-hub'), target_virtual_network_id: HUB_VNET },
    other: { name: 'other', network_group_id: GROUP('without-hub'), target_virtual_network_id: OTHER_VNET },
  },
});
const ADMIN_RULE = (access: string) => ({ kind: 'Custom', properties: { access, direction: 'Inbound', priority: 1, protocol: 'Tcp', destinationPortRanges: ['5432'], destinations: [{ addressPrefixType: 'IPPrefix', addressPrefix: '*' }] } });

/** The rows, by the reader of read-types.ts whose table reads them. */
const ROWS: { readonly [reader: string]: { readonly [row: string]: Row } } = {
  'source-rewriters.ts (PG-NET-1)': {
    'a firewall policy that SNATs every destination (control: the IANA private ranges) under a network rule from on-premises to the server, the firewall inside the allowed sources': {
      type: 'Microsoft.Network/firewallPolicies@2024-05-01', parent: `${SUB}/resourceGroups/rg-hub`, name: 'p',
      body: (weakens) => ({ properties: { snat: { privateRanges: [weakens ? '255.255.255.255/32' : 'IANAPrivateRanges'] } } }),
      stack: {
        ...narrowedStack(),
        azurerm_subnet: { ...narrowedStack().azurerm_subnet, fw: { name: 'AzureFirewallSubnet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.20.5.0/26'] } },
        azurerm_firewall: { fw: { name: 'fw', resource_group_name: 'rg-hub', location: 'westeurope', sku_name: 'AZFW_VNet', sku_tier: 'Standard', ip_configuration: [{ name: 'c', subnet_id: '${azurerm_subnet.fw.id}' }] } },
        azurerm_firewall_policy_rule_collection_group: { g: { name: 'g', firewall_policy_id: `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/p`, priority: 100,
          network_rule_collection: [{ name: 'db', priority: 100, action: 'Allow', rule: [{ name: 'pg', protocols: ['TCP'], source_addresses: ['192.168.0.0/16'], destination_addresses: ['10.0.1.0/28'], destination_ports: ['5432'] }] }] } },
      },
      judge: byFunction(sourceRewriters), fails: 'azurerm_firewall_policy_rule_collection_group.g',
    },
  },
  'role-grants.ts (PG-IAM-2)': {
    'a role assignment: Owner (control: Reader) on the server\'s resource group': {
      type: 'Microsoft.Authorization/roleAssignments@2022-04-01', parent: `${SUB}/resourceGroups/rg-orders`, name: '11111111-1111-1111-1111-111111111111',
      body: (weakens) => ({ properties: { roleDefinitionId: role(weakens ? OWNER : READER), principalId: PRINCIPAL } }), stack: roleGrantStack({}), judge: byRule(PG_IAM_2),
    },
    'a Key Vault access policy: get secrets (control: get keys) on the password\'s vault': {
      type: 'Microsoft.KeyVault/vaults/accessPolicies@2023-07-01', parent: PASSWORD_VAULT, name: 'add',
      body: (weakens) => ({ properties: { accessPolicies: [{ tenantId: 't', objectId: PRINCIPAL, permissions: weakens ? { secrets: ['get'] } : { keys: ['get'] } }] } }), stack: roleGrantStack({}), judge: byRule(PG_IAM_2),
    },
    'a custom role: Microsoft.DBforPostgreSQL/* (control: its reads), granted on the server\'s resource group by its ID': {
      type: 'Microsoft.Authorization/roleDefinitions@2022-04-01', parent: SUB, name: CUSTOM_ROLE,
      body: (weakens) => ({ properties: { roleName: 'db-operator', assignableScopes: [SUB], permissions: [{ actions: [weakens ? 'Microsoft.DBforPostgreSQL/*' : 'Microsoft.DBforPostgreSQL/*/read'] }] } }),
      stack: roleGrantStack({ azurerm_role_assignment: { g: { scope: `${SUB}/resourceGroups/rg-orders`, role_definition_id: role(CUSTOM_ROLE), principal_id: PRINCIPAL } } }), judge: byRule(PG_IAM_2), fails: 'azurerm_role_assignment.g',
    },
  },
  'workspace-writers.ts (PG-LOG-1)': {
    'the construct\'s workspace kept 7 days (control: 90)': {
      type: 'Microsoft.OperationalInsights/workspaces@2023-09-01', parent: '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/central', name: 'central',
      body: (weakens) => ({ properties: { retentionInDays: weakens ? 7 : 90 } }), stack: serverStack(), judge: byRule(PG_LOG_1),
    },
    'a transformation dropping rows of a PGSQL table (control: "source") in a data collection rule to the workspace': {
      type: 'Microsoft.Insights/dataCollectionRules@2023-03-11', parent: '/subscriptions/s/resourceGroups/central', name: 'drop',
      body: (weakens) => ({ kind: 'WorkspaceTransforms', properties: { destinations: { logAnalytics: [{ name: 'w', workspaceResourceId: WORKSPACE }] }, dataFlows: [{ streams: ['Microsoft-Table-PGSQLPgAudit'], destinations: ['w'], transformKql: weakens ? 'source | where Category != "PostgreSQLLogs"' : 'source' }] } }),
      stack: serverStack(), judge: byRule(PG_LOG_1),
    },
    'its AzureDiagnostics table kept 4 days (control: 90)': {
      type: 'Microsoft.OperationalInsights/workspaces/tables@2022-10-01', parent: WORKSPACE, name: 'AzureDiagnostics',
      body: (weakens) => ({ properties: { retentionInDays: weakens ? 4 : 90, totalRetentionInDays: weakens ? 4 : 90 } }), stack: serverStack(), judge: byRule(PG_LOG_1),
    },
  },
  'workspace-exports.ts (PG-LOG-1)': {
    'an export of the AzureDiagnostics table (control: Heartbeat)': {
      type: 'Microsoft.OperationalInsights/workspaces/dataExports@2020-08-01', parent: WORKSPACE, name: 'x',
      body: (weakens) => ({ properties: { destination: { resourceId: `${SUB}/resourceGroups/rg-x/providers/Microsoft.Storage/storageAccounts/outside` }, tableNames: [weakens ? 'AzureDiagnostics' : 'Heartbeat'] } }), stack: serverStack(), judge: byRule(PG_LOG_1),
    },
  },
  'policy-writers.ts (PG-CFG-4, PG-LOG-1)': {
    'an assignment of a deploying built-in (control: an audit-only one) on the server\'s resource group': {
      type: 'Microsoft.Authorization/policyAssignments@2022-06-01', parent: `${SUB}/resourceGroups/rg-orders`, name: 'x',
      body: (weakens) => ({ properties: { policyDefinitionId: weakens ? DEPLOYING : AUDIT_ONLY } }), stack: serverStack(), judge: byRule(PG_CFG_4),
    },
  },
  'forwarding-paths.ts (PG-NET-1)': {
    'an Azure Firewall DNAT from * (control: from a private range) to the server on 5432': {
      type: 'Microsoft.Network/azureFirewalls@2023-09-01', parent: '/subscriptions/0/resourceGroups/rg-hub', name: 'fw',
      body: (weakens) => DNAT(weakens ? '*' : '10.8.0.0/16'), stack: serverStack(), judge: byFunction(forwardingPaths),
    },
    // The inputs a forwarder takes from other blocks (forwarder-inputs.ts, A21b-1, A21b-3).
    'the ranges of the IP group a DNAT to the server takes its sources from: 0.0.0.0/0 (control: a private range)': {
      type: 'Microsoft.Network/ipGroups@2023-09-01', parent: '/subscriptions/0/resourceGroups/rg-hub', name: 'ig',
      body: (weakens) => ({ properties: { ipAddresses: [weakens ? '0.0.0.0/0' : '10.60.0.0/16'] } }),
      stack: { ...serverStack(), azurerm_ip_group: { g: { name: 'ig', resource_group_name: 'rg-hub', location: 'westeurope', cidrs: ['10.50.0.0/16'] } },
        azurerm_firewall_policy_rule_collection_group: { dn: { name: 'dn', firewall_policy_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/fw', priority: 100,
          nat_rule_collection: [{ name: 'n', priority: 100, action: 'Dnat', rule: [{ name: 'pg', protocols: ['TCP'], source_ip_groups: ['${azurerm_ip_group.g.id}'], destination_address: '20.1.2.3', destination_ports: ['5432'], translated_address: '10.0.1.4', translated_port: 5432 }] }] } } },
      judge: byFunction(forwardingPaths), fails: 'azurerm_firewall_policy_rule_collection_group.dn',
    },
    'the backend port of a rule of a public load balancer whose pool is the server: 5432 (control: 8443)': {
      type: 'Microsoft.Network/loadBalancers/loadBalancingRules@2023-09-01', parent: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/loadBalancers/lb', name: 'r',
      body: (weakens) => ({ properties: { protocol: 'Tcp', frontendPort: 443, backendPort: weakens ? 5432 : 8443 } }),
      stack: { ...serverStack(), azurerm_lb: { f: { name: 'lb', resource_group_name: 'rg-hub', location: 'westeurope', frontend_ip_configuration: [{ name: 'fe', public_ip_address_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/publicIPAddresses/pip' }] } },
        azurerm_lb_backend_address_pool: { p: { name: 'p', loadbalancer_id: '${azurerm_lb.f.id}' } },
        azurerm_lb_rule: { r: { name: 'r', loadbalancer_id: '${azurerm_lb.f.id}', protocol: 'Tcp', frontend_port: 443, backend_port: 443, frontend_ip_configuration_name: 'fe' } },
        azurerm_lb_backend_address_pool_address: { a: { name: 'a', backend_address_pool_id: '${azurerm_lb_backend_address_pool.p.id}', virtual_network_id: HUB_VNET, ip_address: '10.0.1.4' } } },
      judge: byFunction(forwardingPaths), fails: 'azurerm_lb_backend_address_pool_address.a',
    },
  },
  'vnet-wide-writers.ts (PG-NET-1)': {
    'a Bastion host in the server\'s VNet with IP connect (control: without)': {
      type: 'Microsoft.Network/bastionHosts@2024-05-01', parent: `${SUB}/resourceGroups/rg-network`, name: 'b',
      body: (weakens) => ({ properties: { enableIpConnect: weakens, ipConfigurations: [{ name: 'c', properties: { subnet: { id: `${HUB_VNET}/subnets/AzureBastionSubnet` } } }] } }),
      stack: serverStack(), judge: byFunction(vnetWideWriters),
    },
  },
  'source-translators.ts (PG-NET-1)': {
    'an ingress NAT rule mapping on-premises into the allowed 10.20.0.0/16 (control: into 172.16.0.0/24)': {
      type: 'Microsoft.Network/virtualNetworkGateways/natRules@2023-09-01', parent: `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworkGateways/vgw`, name: 'snat',
      body: (weakens) => ({ properties: { mode: 'IngressSnat', type: 'Static', internalMappings: [{ addressSpace: weakens ? '10.20.5.0/24' : '172.16.0.0/24' }], externalMappings: [{ addressSpace: '192.168.0.0/24' }] } }),
      stack: narrowedStack(), judge: byFunction(sourceTranslators),
    },
  },
  'connectivity-configurations.ts, network-group-members.ts (PG-NET-1)': {
    'a mesh over the group holding the server\'s VNet (control: the group holding another VNet)': {
      type: 'Microsoft.Network/networkManagers/connectivityConfigurations@2024-05-01', parent: `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/networkManagers/nm`, name: 'mesh',
      body: (weakens) => ({ properties: { connectivityTopology: 'Mesh', appliesToGroups: [{ networkGroupId: GROUP(weakens ? 'with-hub' : 'without-hub') }] } }),
      stack: groupedStack(), judge: byFunction(connectedVnets),
    },
  },
  'security-admin-rules.ts (PG-NET-1)': {
    'an admin rule AlwaysAllow (control: Deny) of 5432 in a collection known only later': {
      type: 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules@2024-05-01', parent: '${var.collection}', name: 'r',
      body: (weakens) => ADMIN_RULE(weakens ? 'AlwaysAllow' : 'Deny'), stack: serverStack(), judge: byFunction(alwaysAllowedPaths),
    },
  },
};

/**
 * Readers whose verdict does not depend on the body (or that are shortcuts for a hardening), each with the reason; their
 * writer forms are the same AZAPI_WRITER_TYPES, and azapi-network.ts is checked below by what it reads.
 */
const BODY_FREE: { readonly [reader: string]: string } = {
  'network-writers.ts (PG-CFG-3)': 'any azapi write onto the server\'s own network objects fails PG-CFG-3, whatever its body',
  'azapi-network.ts (PG-CFG-3, the rules of the azurerm twins)': 'read into its azurerm twin: the reading is compared below for every form, case and placement',
  'administrator-credentials.ts (PG-IAM-3)': 'a federated credential on an administrator\'s identity fails PG-IAM-3 whatever its body: its writer forms are checked below',
  'threat-protection.ts (PGF-*-THR, PG-CFG-3)': 'Defender turned on passes; its body is read through requestBody (tested in threat-protection.test.ts)',
  'perimeter-objects.ts (PG-IAM-2: federated credentials)': 'a federated credential on an identity the server acts as fails PG-IAM-2 whatever its body (identity-attachments.test.ts)',
  'nginx-configurations.ts (PG-NET-1)': 'the configuration text is read from every writer form through requestBody and decoded (nginx-configurations.test.ts)',
  'defender-plans.ts (PG-CFG-3)': 'the plan\'s tier is read through requestBody for every writer form (tested in defender-plans.test.ts)',
  'manager-deployments.ts (PG-NET-1)': 'a security admin configuration counts by whether the stack creates it (its writer form, imports), not by its body; a commit\'s body is read through requestBody (every writer form and key case in manager-deployments.test.ts)',
};

type Case = 'camel' | 'lower' | 'upper';
type Placement = 'body' | 'sensitive_body' | 'sensitive_body over a camelCase body' | 'JSON text' | 'jsonencode()' | 'merge() over the control';
const CASES: readonly Case[] = ['camel', 'lower', 'upper'];
const PLACEMENTS: readonly Placement[] = ['body', 'sensitive_body', 'sensitive_body over a camelCase body', 'JSON text', 'jsonencode()', 'merge() over the control'];

/** A JSON value written as an HCL expression (strings as quoted templates: "${var.x}" stays an interpolation). */
function hcl(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(hcl).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)} = ${hcl(item)}`).join(', ')}}`;
  return JSON.stringify(value);
}

/** Every writer form: the section and type it is written in, and its arguments for a write of `id`. */
const FORMS: readonly (readonly [string, 'resource' | 'data' | 'ephemeral', string, (row: Row, id: string) => TerraformBlock])[] = [
  ['azapi_resource', 'resource', 'azapi_resource', (row) => ({ type: row.type, parent_id: row.parent, name: row.name })],
  ['azapi_update_resource', 'resource', 'azapi_update_resource', (row, id) => ({ type: row.type, resource_id: id })],
  ['azapi_resource_action PUT', 'resource', 'azapi_resource_action', (row, id) => ({ type: row.type, resource_id: id, method: 'PUT' })],
  ['azapi_resource_action PATCH', 'resource', 'azapi_resource_action', (row, id) => ({ type: row.type, resource_id: id, method: 'patch' })],
  ['data azapi_resource_action PUT', 'data', 'azapi_resource_action', (row, id) => ({ type: row.type, resource_id: id, method: 'PUT' })],
  ['ephemeral azapi_resource_action PUT', 'ephemeral', 'azapi_resource_action', (row, id) => ({ type: row.type, resource_id: id, method: 'PUT' })],
  // azapi sends an action to resource_id + "/" + action: a PUT on the parent whose action is the child's path writes the child (A20b-4).
  ['azapi_resource_action PUT on the parent, the child by its action path', 'resource', 'azapi_resource_action', (row) => ({ type: parentType(row), resource_id: row.parent, action: actionPath(row), method: 'PUT' })],
  ['azapi_resource_action PATCH on the parent, the action path with empty segments', 'resource', 'azapi_resource_action', (row) => ({ type: parentType(row), resource_id: `${row.parent}/`, action: `//${actionPath(row).replace('/', '//')}/`, method: 'PATCH' })],
];

/** The type of a row's parent (azapi validates resource_id against it): the row's type less its last segment, or a resource group's or subscription's. */
function parentType(row: Row): string {
  const [type, version] = row.type.split('@');
  const segments = type.split('/');
  if (segments.length > 2) return `${segments.slice(0, -1).join('/')}@${version}`;
  return /\/resourceGroups\/[^/]+$/i.test(row.parent) ? 'Microsoft.Resources/resourceGroups@2021-04-01' : 'Microsoft.Resources/subscriptions@2021-04-01';
}

/** The path below a row's parent that names its object: "<type>/<name>", or "providers/<Namespace>/<type>/<name>" below a group or subscription. */
function actionPath(row: Row): string {
  const segments = row.type.replace(/@.*$/, '').split('/');
  return segments.length > 2 ? `${segments[segments.length - 1]}/${row.name}` : `providers/${segments.join('/')}/${row.name}`;
}

/** The ID azapi writes for a type, parent and name. */
function idOf(row: Row): string {
  const segments = row.type.replace(/@.*$/, '').split('/');
  return segments.length === 2 ? `${row.parent}/providers/${segments.join('/')}/${row.name}` : `${row.parent}/${segments[segments.length - 1]}/${row.name}`;
}

/** A JSON value with every property name in a letter case. */
function recased(value: unknown, spelling: Case): unknown {
  if (Array.isArray(value)) return value.map((item) => recased(item, spelling));
  if (value === null || typeof value !== 'object') return value;
  const key = (name: string) => (spelling === 'lower' ? name.toLowerCase() : spelling === 'upper' ? name.toUpperCase() : name);
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [key(name), recased(item, spelling)]));
}

/**
 * The body arguments of a write: the row's body in a case, in `body`, in `sensitive_body` over a body keeping the control
 * (in the same case, or in camelCase: two spellings of one name with different values are known only later), as JSON text,
 * as jsonencode() of it, or as merge() of the control and it.
 */
function bodyArguments(row: Row, weakens: boolean, spelling: Case, placement: Placement): TerraformBlock {
  const body = recased(row.body(weakens), spelling);
  if (placement === 'JSON text') return { body: JSON.stringify(body) };
  // The azapi 1.x form (Fn.jsonencode in cdktf), and merge() whose later object replaces the control's attributes (A18a-1).
  if (placement === 'jsonencode()') return { body: `\${jsonencode(${hcl(body)})}` };
  if (placement === 'merge() over the control') return { body: `\${merge(${hcl(recased(row.body(false), spelling))}, ${hcl(body)})}` };
  if (placement === 'body') return { body };
  return { body: placement === 'sensitive_body' ? recased(row.body(false), spelling) : row.body(false), sensitive_body: body };
}

/** The stack of a row written in a form, case and placement, and the address that should fail. */
function written(row: Row, form: (typeof FORMS)[number], weakens: boolean, spelling: Case, placement: Placement): { terraform: Terraform; address: string } {
  const [, section, type, args] = form;
  const block = { ...args(row, idOf(row)), ...bodyArguments(row, weakens, spelling, placement) };
  const terraform: Terraform = { resource: { ...row.stack } };
  if (section === 'resource') terraform.resource = { ...terraform.resource, [type]: { ...(terraform.resource[type] ?? {}), w: block } };
  else terraform[section] = { [type]: { w: block } };
  return { terraform, address: row.fails ?? `${section === 'resource' ? '' : `${section}.`}${type}.w` };
}

describe('every table of read-types.ts reads azapi writes through azapi-writes.ts', () => {
  test('every reader of Azure types has rows here, or a reason its verdict does not depend on the body', () => {
    const readers = TYPE_READERS.filter((row) => (row.azureTypes ?? []).length > 0).map((row) => row.reader);
    expect(readers.filter((reader) => ROWS[reader] === undefined && BODY_FREE[reader] === undefined)).toEqual([]);
    expect([...Object.keys(ROWS), ...Object.keys(BODY_FREE)].filter((reader) => !readers.includes(reader))).toEqual([]);
  });

  const cases = Object.entries(ROWS).flatMap(([reader, rows]) => Object.entries(rows).map(([name, row]) => [`${reader}: ${name}`, row] as const));
  describe.each(cases)('%s', (_, row) => {
    test.each(FORMS.map((form) => [form[0], form] as const))('written by %s, in every key case and body placement: the weakening fails, the control passes', (_form, form) => {
      for (const spelling of CASES) {
        for (const placement of PLACEMENTS) {
          const weak = written(row, form, true, spelling, placement);
          expect([spelling, placement, row.judge(weak.terraform)]).toEqual([spelling, placement, expect.arrayContaining([weak.address])]);
          const control = written(row, form, false, spelling, placement);
          expect([spelling, placement, row.judge(control.terraform)]).toEqual([spelling, placement, []]);
        }
      }
    });
  });
});

describe('azapi-network.ts reads a network security group the same in every form, case and placement', () => {
  const row: Row = {
    type: 'Microsoft.Network/networkSecurityGroups@2024-05-01', parent: `${SUB}/resourceGroups/rg-network`, name: 'nsg',
    body: (weakens) => ({ properties: { securityRules: [{ name: 'pg', properties: { access: weakens ? 'Allow' : 'Deny', direction: 'Inbound', priority: 100, protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '5432' } }] } }),
    stack: {}, judge: () => [],
  };
  const read = (terraform: Terraform, address: string) => readAzapiNetwork(buildStackModel(terraform).resources.get(address) as ResourceView);
  test.each(FORMS.map((form) => [form[0], form] as const))('written by %s', (_form, form) => {
    const expected = { security_rule: [{ name: 'pg', access: 'Allow', direction: 'Inbound', priority: 100, protocol: 'Tcp', source_address_prefix: '*', source_port_range: '*', destination_address_prefix: '*', destination_port_range: '5432' }] };
    for (const spelling of CASES) {
      for (const placement of PLACEMENTS) {
        const { terraform, address } = written(row, form, true, spelling, placement);
        // Rules in two spellings of "securityRules" with different values cannot be read: the group fails closed.
        const mixed = placement === 'sensitive_body over a camelCase body' && spelling !== 'camel';
        expect([spelling, placement, read(terraform, address)]).toEqual([spelling, placement, mixed ? undefined : expected]);
      }
    }
  });
});

test('azapi-network.ts: a null securityRules in sensitive_body clears the group\'s rules in a whole write (the body\'s wide rule is not sent)', () => {
  const rule = { name: 'pg', properties: { access: 'Allow', direction: 'Inbound', priority: 100, protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '5432' } };
  const read = (extra: TerraformBlock) => readAzapiNetwork(buildStackModel({ resource: { azapi_resource: { w: { type: 'Microsoft.Network/networkSecurityGroups@2024-05-01', parent_id: `${SUB}/resourceGroups/rg`, name: 'nsg', body: { properties: { securityRules: [rule] } }, ...extra } } } }).resources.get('azapi_resource.w') as ResourceView);
  expect(read({})).toEqual({ security_rule: [expect.objectContaining({ name: 'pg', source_address_prefix: '*' })] });
  expect(read({ sensitive_body: { properties: { securityRules: null } } })).toEqual({ security_rule: [] });
  // A null that clears the properties of one named rule (a deny rule's) leaves a rule the table cannot read: the group fails closed.
  const deny = { name: 'deny', properties: { ...rule.properties, access: 'Deny', priority: 90 } };
  const twoRules = (extra: TerraformBlock) => read({ body: { properties: { securityRules: [deny, rule] } }, ...extra });
  expect(twoRules({})?.security_rule).toHaveLength(2);
  expect(twoRules({ sensitive_body: { properties: { securityRules: [{ name: 'deny', properties: null }] } } })).toBeUndefined();
});

describe('administrator-credentials.ts reads a federated credential on the administrator identity in every writer form', () => {
  const identities = { azurerm_user_assigned_identity: { app: { name: 'app', resource_group_name: 'rg', location: 'westeurope' }, other: { name: 'other', resource_group_name: 'rg', location: 'westeurope' } } };
  const stack: Resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_postgresql_flexible_server_active_directory_administrator: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: 't', object_id: '${azurerm_user_assigned_identity.app.principal_id}', principal_name: 'app', principal_type: 'ServicePrincipal' } },
    ...identities,
  };
  const row = (identity: string): Row => ({
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31', parent: `\${azurerm_user_assigned_identity.${identity}.id}`, name: 'gh',
    body: () => ({ properties: { issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:evil/repo:ref:refs/heads/main', audiences: ['api://AzureADTokenExchange'] } }), stack, judge: byRule(PG_IAM_3),
  });
  test.each(FORMS.map((form) => [form[0], form] as const))('written by %s: on the administrator identity it fails, on another it passes', (_form, form) => {
    const weak = written(row('app'), form, true, 'camel', 'body');
    expect(row('app').judge(weak.terraform)).toEqual([weak.address]);
    expect(row('other').judge(written(row('other'), form, true, 'camel', 'body').terraform)).toEqual([]);
  });
});

describe('shadow-dns-zones.ts and dns-forwarding-rules.ts read records, links and forwarding rules in every writer form, case and placement', () => {
  const ZONES = 'stack/cdktf-azure-postgres-private-dns-zones';
  const zoneId = (name: string) => `/subscriptions/0/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${name}`;
  const stack: Resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), name: 'orders-db', ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', address_prefixes: ['10.0.1.0/28'] } },
    azurerm_private_dns_zone: { db: { ...madeAt(`${ZONES}/zone/Zone`), name: 'orders-db.private.postgres.database.azure.com', resource_group_name: 'rg' } },
  };
  const judge = byRule(PG_NET_1, [CONSTRUCT, ZONES]);
  const rows: { readonly [name: string]: (weakens: boolean) => Row } = {
    'an A record of the server\'s name (control: another name) in a zone of its public name': (weakens) => ({
      type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', parent: zoneId('postgres.database.azure.com'), name: weakens ? 'orders-db' : 'billing-db',
      body: () => ({ properties: { ttl: 60, aRecords: [{ ipv4Address: '10.9.9.9' }] } }), stack, judge,
    }),
    'a VNet link of a zone of a parent of the public name (control: another zone)': (weakens) => ({
      type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01', parent: zoneId(weakens ? 'database.azure.com' : 'contoso.internal'), name: 'l',
      body: () => ({ properties: { registrationEnabled: false, virtualNetwork: { id: '${var.vnet}' } } }), stack, judge,
    }),
    'a forwarding rule of the public name (control: another domain)': () => ({
      type: 'Microsoft.Network/dnsForwardingRulesets/forwardingRules@2022-07-01', parent: '/subscriptions/0/resourceGroups/rg-dns/providers/Microsoft.Network/dnsForwardingRulesets/hub', name: 'f',
      body: (weakens) => ({ properties: { domainName: weakens ? 'orders-db.postgres.database.azure.com.' : 'contoso.internal.', forwardingRuleState: 'Enabled', targetDnsServers: [{ ipAddress: '10.9.9.9', port: 53 }] } }), stack, judge,
    }),
  };
  describe.each(Object.entries(rows))('%s', (name, row) => {
    test.each(FORMS.map((form) => [form[0], form] as const))('written by %s', (_form, form) => {
      for (const spelling of CASES) {
        // A domain known only at apply time passes (decided in the fifteenth run): two spellings of domainName are such a domain.
        for (const placement of PLACEMENTS.filter((each) => !(name.startsWith('a forwarding rule') && spelling !== 'camel' && each === 'sensitive_body over a camelCase body'))) {
          const weak = written(row(true), form, true, spelling, placement);
          expect([spelling, placement, judge(weak.terraform)]).toEqual([spelling, placement, expect.arrayContaining([weak.address])]);
          expect([spelling, placement, judge(written(row(false), form, false, spelling, placement).terraform)]).toEqual([spelling, placement, []]);
        }
      }
    });
  });
});

describe('requestBody', () => {
  const view = (config: TerraformBlock, type = 'azapi_resource'): ResourceView => buildStackModel({ resource: { [type]: { w: { type: 'Microsoft.Network/networkSecurityGroups@2024-05-01', ...config } } } }).resources.get(`${type}.w`)!;

  test('merges sensitive_body onto body as azapi does: members replace, objects merge, a list of another length replaces', () => {
    const body = requestBody(view({ body: { a: 1, b: { c: 2, d: 3 }, e: [1, 2] }, sensitive_body: { b: { c: 5, f: 4 }, e: [3] } }));
    expect(JSON.parse(JSON.stringify(body))).toEqual({ a: 1, b: { c: 5, d: 3, f: 4 }, e: [3] });
  });

  // Eighteenth review, A18b-5: azapi (utils.MergeObject) merges lists of one length item by item, and lists whose first
  // items are named by their names; RFC 7386 replaced them, so a leaf moved into sensitive_body hid the rest of its item.
  const merged = (body: unknown, sensitive: unknown, config: TerraformBlock = {}) => JSON.parse(JSON.stringify(requestBody(view({ body, sensitive_body: sensitive, ...config }))));
  test('A18b-5: lists of one length merge item by item; an empty list or one of another length replaces', () => {
    expect(merged({ p: { r: [{ properties: { a: 'Allow', s: '10.0.0.0/8' } }] } }, { p: { r: [{ properties: { s: '*' } }] } })).toEqual({ p: { r: [{ properties: { a: 'Allow', s: '*' } }] } });
    expect(merged({ r: [{ a: 1 }, { a: 2 }] }, { r: [{ b: 1 }, { b: 2 }] })).toEqual({ r: [{ a: 1, b: 1 }, { a: 2, b: 2 }] });
    expect(merged({ r: [{ a: 1 }, { a: 2 }] }, { r: [{ b: 1 }] })).toEqual({ r: [{ b: 1 }] });
    expect(merged({ r: [{ a: 1 }] }, { r: [] })).toEqual({ r: [] });
    expect(merged({ r: [] }, { r: [{ b: 1 }] })).toEqual({ r: [{ b: 1 }] });
    expect(merged({ r: [{ a: 1 }] }, { r: 'x' })).toEqual({ r: 'x' });
  });

  test('A18b-5: lists whose first items are named merge by name: an unmatched old item stays, an unmatched new one is added', () => {
    expect(merged({ r: [{ name: 'x', a: 1 }, { name: 'y', a: 2 }] }, { r: [{ name: 'y', a: 3 }, { name: 'z', a: 4 }] })).toEqual({ r: [{ name: 'x', a: 1 }, { name: 'y', a: 3 }, { name: 'z', a: 4 }] });
    expect(merged({ r: [{ name: 'x', a: 1 }] }, { r: [{ name: 'y', b: 1 }, { name: 'x', b: 2 }] })).toEqual({ r: [{ name: 'x', a: 1, b: 2 }, { name: 'y', b: 1 }] });
    // A first item without a name: by index (one length) or replaced.
    expect(merged({ r: [{ name: 'x', a: 1 }] }, { r: [{ b: 2 }] })).toEqual({ r: [{ name: 'x', a: 1, b: 2 }] });
    // list_unique_id_property names another property by the list's path.
    expect(merged({ p: { r: [{ id: 'x', a: 1 }, { id: 'y', a: 2 }] } }, { p: { r: [{ id: 'y', a: 3 }] } }, { list_unique_id_property: { 'p.r': 'id' } })).toEqual({ p: { r: [{ id: 'x', a: 1 }, { id: 'y', a: 3 }] } });
    expect(merged({ p: { r: [{ id: 'x', a: 1 }, { id: 'y', a: 2 }] } }, { p: { r: [{ id: 'y', a: 3 }] } }, { list_unique_id_property: { constructor: 'id' } })).toEqual({ p: { r: [{ id: 'y', a: 3 }] } });
  });

  test('A18b-5: what cannot be merged for sure is known only later: a name, an item or a list_unique_id_property known only later', () => {
    expect(isUnknown(requestBody(view({ body: { r: [{ name: 'x', a: 1 }] }, sensitive_body: { r: [{ name: '${var.n}', a: 2 }] } })))).toBe(false);
    expect(isUnknown((requestBody(view({ body: { r: [{ name: 'x', a: 1 }] }, sensitive_body: { r: [{ name: '${var.n}', a: 2 }] } })) as { r: unknown }).r)).toBe(true);
    expect(isUnknown((requestBody(view({ body: { r: '${var.r}' }, sensitive_body: { r: [{ a: 2 }] } })) as { r: unknown }).r)).toBe(true);
    expect(isUnknown(requestBody(view({ body: { r: [] }, sensitive_body: { r: [] }, list_unique_id_property: '${var.ids}' })))).toBe(true);
  });

  test('reads property names in any case; Object.keys gives the first spelling', () => {
    const body = requestBody(view({ body: '{"Properties":{"SecurityRules":[]}}' })) as { properties: { securityRules: unknown }; PROPERTIES: unknown };
    expect(body.properties.securityRules).toEqual([]);
    expect(body.PROPERTIES).toBe(body.properties);
    expect('properties' in (body as object)).toBe(true);
    expect(Object.keys(body)).toEqual(['Properties']);
  });

  test('a name written twice in different case with different values is known only later; with the same value it is read', () => {
    expect(isUnknown(bodyProperties(view({ body: { properties: { a: 1 } }, sensitive_body: { Properties: { a: 2 } } })))).toBe(true);
    expect(bodyProperties(view({ body: { properties: { a: 1 } }, sensitive_body: { PROPERTIES: { A: 1 } } }))).toEqual({ a: 1 });
  });

  test('a part known only later, or no JSON object, makes the body known only later; none is undefined', () => {
    expect(isUnknown(requestBody(view({ body: { properties: {} }, sensitive_body: '${var.secret}' })))).toBe(true);
    expect(isUnknown(requestBody(view({ body: '${var.body}', sensitive_body: { properties: {} } })))).toBe(true);
    expect(isUnknown(requestBody(view({ body: 'not json' })))).toBe(true);
    expect(isUnknown(requestBody(view({ body: [1] })))).toBe(true);
    expect(requestBody(view({}))).toBeUndefined();
  });

  // Eighteenth review, A18a-1: the azapi 1.x form (`body = jsonencode({...})`, Fn.jsonencode in cdktf) and merge() of objects.
  test('a body written as jsonencode(...) is read as the object it encodes, parts known only later kept as such', () => {
    const body = requestBody(view({ body: '${jsonencode({location = var.location, identity = {type = "UserAssigned", userAssignedIdentities = {"/x/id-pg" = {}}}})}' })) as { identity: { userAssignedIdentities: object }; location: unknown };
    expect(Object.keys(body.identity.userAssignedIdentities)).toEqual(['/x/id-pg']);
    expect(isUnknown(body.location)).toBe(true);
    expect(JSON.parse(JSON.stringify(requestBody(view({ body: '${jsonencode({properties = {a = 1}})}', sensitive_body: { properties: { b: 2 } } }))))).toEqual({ properties: { a: 1, b: 2 } });
  });

  test('a body written as merge(...) of objects is merged left to right, one level deep, as Terraform merges', () => {
    expect(JSON.parse(JSON.stringify(requestBody(view({ body: '${merge({a = 1, p = {x = 1}}, null, {p = {y = 2}})}' }))))).toEqual({ a: 1, p: { y: 2 } });
    expect(JSON.parse(JSON.stringify(requestBody(view({ body: '${jsonencode(merge({a = 1}, {b = 2}))}' }))))).toEqual({ a: 1, b: 2 });
  });

  test('a body expression that cannot be read is known only later, never absent', () => {
    for (const body of ['${merge(var.base, {identity = {}})}', '${jsonencode(var.body)}', '${jsonencode(merge(var.base, {a = 1}))}', '${jsonencode("text")}', '${jsonencode([1])}', '${merge({a = 1}, [1])}', '${tomap(var.x)}']) {
      expect([body, isUnknown(requestBody(view({ body })))]).toEqual([body, true]);
    }
  });

  test('for readers of pointers, a body known only in part is what its known parts give: a merge() over a variable, a body beside a later sensitive_body', () => {
    const plain = (config: TerraformBlock) => JSON.parse(JSON.stringify(pointerBody(view(config)))) as unknown;
    expect(isUnknown(requestBody(view({ body: '${merge(var.base, {identity = {type = "UserAssigned"}})}' })))).toBe(true);
    expect(plain({ body: '${merge(var.base, {identity = {type = "UserAssigned"}})}' })).toEqual({ identity: { type: 'UserAssigned' } });
    expect(plain({ body: '${merge({a = 1}, var.over, {b = 2})}' })).toEqual({ a: 1, b: 2 });
    expect(plain({ body: '${jsonencode(merge(var.base, {a = 1}))}' })).toEqual({ a: 1 });
    expect(plain({ body: { a: 1 }, sensitive_body: '${var.secret}' })).toEqual({ a: 1 });
    expect(plain({ body: { a: 1, b: 1 }, sensitive_body: { b: 2 } })).toEqual({ a: 1, b: 2 });
    for (const body of ['${var.body}', '${jsonencode(var.body)}', '${merge(var.a, var.b)}']) expect([body, isUnknown(pointerBody(view({ body })))]).toEqual([body, true]);
  });

  // A null member is sent as JSON null (azapi 2.x: dynamic.ToJSON, then MergeObjectWithOption keeps it over body's member): it
  // clears the property. The stack model kept it in no form but JSON text, so a null in sensitive_body hid nothing but itself.
  const NULLED: readonly (readonly [string, TerraformBlock])[] = [
    ['sensitive_body over body', { body: { properties: { a: 1, r: [{ name: 'x' }] } }, sensitive_body: { properties: { r: null } } }],
    ['body', { body: { properties: { a: 1, r: null } } }],
    ['an HCL object in body', { body: '${{properties = {a = 1, r = null}}}' }],
    ['jsonencode() in body', { body: '${jsonencode({properties = {a = 1, r = null}})}' }],
    ['JSON text in sensitive_body', { body: { properties: { a: 1, r: [{ name: 'x' }] } }, sensitive_body: '{"properties":{"r":null}}' }],
    ['HCL object in sensitive_body', { body: { properties: { a: 1, r: [{ name: 'x' }] } }, sensitive_body: '${{properties = {r = null}}}' }],
  ];
  test.each(NULLED)('a null member (%s) clears the property: absent, as Azure\'s default; in a write merged into the live object, not the live value either', (_placement, config) => {
    const forms = [['azapi_resource', undefined], ['azapi_resource_action', 'PUT'], ['azapi_update_resource', undefined], ['azapi_resource_action', 'PATCH'], ['azapi_resource_action', '${var.method}']] as const;
    for (const [type, method] of forms) {
      const properties = bodyProperties(view({ ...config, ...(method === undefined ? {} : { method }) }, type)) as TerraformBlock;
      expect([type, method, JSON.parse(JSON.stringify(properties))]).toEqual([type, method, { a: 1 }]);
      // live-patch.ts reads the cleared member as written (absent), where it reads a member the write leaves out as the live one.
      const after = afterWrite(view({ ...config, ...(method === undefined ? {} : { method }) }, type), properties, ['a', 'r', 'other'], 'the object');
      expect([type, method, after.r, isUnknown(after.other) === patchesLive(view({ ...(method === undefined ? {} : { method }) }, type))]).toEqual([type, method, undefined, true]);
      expect([type, method, clearsMember(properties, 'R')]).toEqual([type, method, patchesLive(view({ ...(method === undefined ? {} : { method }) }, type))]);
    }
  });

  test('a null list item or a null whole body is not a member: kept as written, or no body', () => {
    expect(JSON.parse(JSON.stringify(requestBody(view({ body: { r: [null, { a: 1 }] } }))))).toEqual({ r: [null, { a: 1 }] });
    expect(JSON.parse(JSON.stringify(requestBody(view({ body: { a: 1 }, sensitive_body: null }))))).toEqual({ a: 1 });
  });

  test('every azapi writer type is one list', () => {
    expect(AZAPI_WRITER_TYPES).toEqual(['azapi_resource', 'azapi_update_resource', 'azapi_resource_action']);
  });
});

// One reader of a property by its name in any case, as Azure Resource Manager reads request bodies and policies: the
// policy rules and the VNet-wide writers read through it (they had a reader each, which differed on two spellings).
describe('propertyInAnyCase', () => {
  test('reads a property by its name in any letter case', () => {
    expect(propertyInAnyCase({ Properties: { a: 1 } }, 'properties')).toEqual({ a: 1 });
    expect(propertyInAnyCase({ properties: 1 }, 'PROPERTIES')).toBe(1);
    expect(propertyInAnyCase({ properties: 1 }, 'other')).toBeUndefined();
  });

  test('a value that is no object, or is known only later, has no property', () => {
    for (const value of [undefined, null, 'properties', 1, ['properties'], new Unknown('${var.body}', ['var.body'])]) {
      expect(propertyInAnyCase(value, 'properties')).toBeUndefined();
    }
  });

  test('two spellings of one name are AMBIGUOUS, even with one value: which one is read is not known', () => {
    expect(propertyInAnyCase({ effect: 'audit', Effect: 'deny' }, 'effect')).toBe(AMBIGUOUS);
    expect(propertyInAnyCase({ effect: 'deny', EFFECT: 'deny' }, 'Effect')).toBe(AMBIGUOUS);
  });

  test('a body read through requestBody keeps one spelling: its value, or known only later when the spellings differ', () => {
    const view = (body: string) => buildStackModel({ resource: { azapi_resource: { w: { type: 'Microsoft.Network/virtualNetworks@2024-05-01', body } } } }).resources.get('azapi_resource.w')!;
    expect(propertyInAnyCase(bodyProperties(view('{"properties":{"dhcpOptions":{"dnsServers":["10.0.0.4"]}}}')), 'DHCPOPTIONS')).toEqual({ dnsServers: ['10.0.0.4'] });
    expect(isUnknown(propertyInAnyCase(bodyProperties(view('{"properties":{"dhcpOptions":{},"DhcpOptions":{"dnsServers":["10.0.0.4"]}}}')), 'dhcpOptions'))).toBe(true);
  });

  // 73rd stop, L73-1: ARM's .NET readers fold letters to upper case (OrdinalIgnoreCase), so "\u0131" (dotless i) and "\u017f" (long s)
  // are "i" and "s" there, which toLowerCase keeps apart; the Greek theta and its symbol form are one to toLowerCase, not to .NET.
  test('letters either side folds into one name are one name: read as it, and two spellings of it are AMBIGUOUS', () => {
    expect(propertyInAnyCase({ 'propert\u0131es': { a: 1 } }, 'properties')).toEqual({ a: 1 });
    expect(propertyInAnyCase({ 'propertie\u017f': { a: 1 } }, 'Properties')).toEqual({ a: 1 });
    expect(propertyInAnyCase({ properties: { a: 1 }, 'propert\u0131es': { a: 2 } }, 'properties')).toBe(AMBIGUOUS);
    expect(propertyInAnyCase({ '\u03f4': 1, '\u03b8': 2 }, '\u0398')).toBe(AMBIGUOUS);
    expect(propertyInAnyCase({ '\u00e9': 1 }, '\u00c9')).toBe(1);
    expect(propertyInAnyCase({ 'propert\u0130es': 1 }, 'properties')).toBeUndefined();
    const view = (body: string) => buildStackModel({ resource: { azapi_resource: { w: { type: 'Microsoft.Network/virtualNetworks@2024-05-01', body } } } }).resources.get('azapi_resource.w')!;
    expect(propertyInAnyCase(bodyProperties(view('{"propert\u0131es":{"dhcpOptions":{"dnsServers":["10.0.0.4"]}}}')), 'dhcpOptions')).toEqual({ dnsServers: ['10.0.0.4'] });
  });

  test('is the reader of the policy rules', () => {
    expect(prop).toBe(propertyInAnyCase);
  });
});

describe('A20b-4: an azapi action is read as the request azapi sends, resource_id + "/" + action', () => {
  const MANAGER = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/networkManagers/m`;
  const GROUP_ID = `${MANAGER}/networkGroups/g`;
  const read = (config: TerraformBlock) => { const { resource_id: id, type, action } = buildStackModel({ resource: { azapi_resource_action: { a: config } } }).resources.get('azapi_resource_action.a')!.config; return { id: isUnknown(id) ? id.toString() : id, type: isUnknown(type) ? 'later' : type, action }; };
  test.each([
    ['a child by its action path', { type: 'Microsoft.Network/networkManagers/networkGroups@2024-05-01', resource_id: GROUP_ID, action: 'staticMembers/db', method: 'PUT' },
      { id: `${GROUP_ID}/staticMembers/db`, type: 'Microsoft.Network/networkManagers/networkGroups/staticMembers@2024-05-01', action: undefined }],
    ['empty segments and blanks dropped', { type: 'Microsoft.Network/networkManagers/networkGroups@2024-05-01', resource_id: `${GROUP_ID}/`, action: ' /staticMembers//db/ ', method: 'PUT' },
      { id: `${GROUP_ID}/staticMembers/db`, type: 'Microsoft.Network/networkManagers/networkGroups/staticMembers@2024-05-01', action: undefined }],
    ['an extension below a resource group', { type: 'Microsoft.Resources/resourceGroups@2021-04-01', resource_id: `${SUB}/resourceGroups/rg`, action: 'providers/Microsoft.Authorization/roleAssignments/x', method: 'PUT' },
      { id: `${SUB}/resourceGroups/rg/providers/Microsoft.Authorization/roleAssignments/x`, type: 'Microsoft.Authorization/roleAssignments@2021-04-01', action: undefined }],
    ['"commit/"', { type: 'Microsoft.Network/networkManagers@2024-05-01', resource_id: MANAGER, action: 'commit/' }, { id: MANAGER, type: 'Microsoft.Network/networkManagers@2024-05-01', action: 'commit' }],
    ['"/commit"', { type: 'Microsoft.Network/networkManagers@2024-05-01', resource_id: MANAGER, action: '/commit' }, { id: MANAGER, type: 'Microsoft.Network/networkManagers@2024-05-01', action: 'commit' }],
    ['the action in resource_id', { type: 'Microsoft.Network/networkManagers/commit@2024-05-01', resource_id: `${MANAGER}/commit`, method: 'POST' }, { id: MANAGER, type: 'Microsoft.Network/networkManagers@2024-05-01', action: 'commit' }],
    ['an action on a child named in the path', { type: 'Microsoft.Network/networkManagers@2024-05-01', resource_id: MANAGER, action: 'networkGroups/g/listThings' }, { id: GROUP_ID, type: 'Microsoft.Network/networkManagers/networkGroups@2024-05-01', action: 'listThings' }],
    ['a resource_id known only later, its type read from the block\'s', { type: 'Microsoft.Network/dnsForwardingRulesets@2022-07-01', resource_id: '${var.ruleset}', action: 'virtualNetworkLinks/orders', method: 'PUT' },
      { id: '${var.ruleset}/virtualNetworkLinks/orders', type: 'Microsoft.Network/dnsForwardingRulesets/virtualNetworkLinks@2022-07-01', action: undefined }],
    ['a PUT whose action is known only later: the type it writes is too', { type: 'Microsoft.Network/networkManagers/networkGroups@2024-05-01', resource_id: GROUP_ID, action: '${var.path}', method: 'PUT' },
      { id: GROUP_ID, type: 'later', action: '${var.path}' }],
  ] as const)('%s', (_case, config, expected) => {
    const got = read(config as TerraformBlock);
    expect({ ...got, action: isUnknown(got.action) ? got.action.toString() : got.action }).toEqual(expected);
  });
  test('an action without a path, or a POST whose action is known only later, is read as written', () => {
    for (const config of [{ type: 'Microsoft.Network/networkManagers@2024-05-01', resource_id: MANAGER, action: 'commit' }, { type: 'Microsoft.Network/networkManagers@2024-05-01', resource_id: MANAGER, action: '${var.a}' }, { type: 'Microsoft.Network/networkManagers@2024-05-01', resource_id: MANAGER, method: 'PUT' }]) {
      const model = buildStackModel({ resource: { azapi_resource_action: { a: config } } });
      expect(Object.keys(model.resources.get('azapi_resource_action.a')!.config).sort()).toEqual(Object.keys(config).sort());
    }
  });

  test.each([
    ['"commit/"', { type: 'Microsoft.Network/networkManagers@2024-05-01', resource_id: MANAGER, action: 'commit/' }],
    ['"/commit"', { type: 'Microsoft.Network/networkManagers@2024-05-01', resource_id: MANAGER, action: ' /commit' }],
    ['POST <manager>/commit', { type: 'Microsoft.Network/networkManagers/commit@2024-05-01', resource_id: `${MANAGER}/commit`, method: 'POST' }],
    ['POST <manager>//commit/', { type: 'Microsoft.Network/networkManagers/commit@2024-05-01', resource_id: `${MANAGER}//commit/`, method: 'POST' }],
  ])('a commit spelled %s of a SecurityAdmin configuration outside the stack is read as one: PG-NET-1 fails', (_spelling, config) => {
    const stack = { ...serverStack(), azapi_resource_action: { d: { ...config, body: { commitType: 'SecurityAdmin', targetLocations: ['westeurope'], configurationIds: [`${MANAGER}/securityAdminConfigurations/hub`] } } } };
    const model = buildStackModel({ resource: stack });
    expect(azapiType(model.resources.get('azapi_resource_action.d')!)).toBe('microsoft.network/networkmanagers');
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    expect(unreadAdminDeployments(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources }).map((verdict) => verdict.status)).toEqual(['fail']);
  });
});

// An azapi block without parent_id (queued after the twentieth run): azapi (2.x, 1.15) puts a resource group in the provider's
// subscription, reads a subscription lookup without name or resource_id as the provider's, and refuses any other type at plan.
describe('withDefaultScopes gives an azapi block the scope azapi gives it', () => {
  const GROUP = 'Microsoft.Resources/resourceGroups@2024-03-01';
  test('a resource group (resource or lookup, literal type or one known only later) without parent_id is in the provider\'s subscription', () => {
    const scoped = withDefaultScopes({ resource: { azapi_resource: { rg: { type: GROUP, name: 'rg' }, later: { type: '${var.t}', name: 'rg' } } }, data: { azapi_resource: { rg: { type: 'microsoft.resources/RESOURCEGROUPS', name: 'rg' } } } }) as any;
    expect([scoped.resource.azapi_resource.rg.parent_id, scoped.resource.azapi_resource.later.parent_id, scoped.data.azapi_resource.rg.parent_id]).toEqual([PROVIDER_SUBSCRIPTION, PROVIDER_SUBSCRIPTION, PROVIDER_SUBSCRIPTION]);
  });
  test('a subscription lookup without name or resource_id is the provider\'s subscription', () => {
    const scoped = withDefaultScopes([{ data: { azapi_resource: { sub: { type: 'Microsoft.Resources/subscriptions@2022-12-01' } } } }]) as any;
    expect(scoped[0].data.azapi_resource.sub.resource_id).toBe(PROVIDER_SUBSCRIPTION);
  });
  test('a block that writes its scope, another type (refused at plan without parent_id) and an update stay as written', () => {
    const terraform = { resource: {
      azapi_resource: { given: { type: GROUP, name: 'rg', parent_id: '/subscriptions/1' }, vault: { type: 'Microsoft.KeyVault/vaults@2023-07-01', name: 'kv' } },
      azapi_update_resource: { rg: { type: GROUP, name: 'rg' }, byId: { type: GROUP, resource_id: '/subscriptions/1/resourceGroups/rg' } },
    } };
    expect(withDefaultScopes(terraform)).toBe(terraform);
  });
});
