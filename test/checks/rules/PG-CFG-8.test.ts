import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { DiagnosticSettings, FlexibleServerAuthentication, FlexibleServerNetwork, PostgresSecurityChecks, SecureFlexibleServer } from '../../../lib';
import { evaluateStack } from '../../../lib/checks/evaluate';
import { ALL_RULES } from '../../../lib/checks/rules';
import { ADMIN_OBJECT_ID, minimalProps, providerStack, synthErrors, VNET_ID, WORKSPACE_ID } from '../../helpers';

// PG-CFG-8: a block of a type no table reads that points at what a construct's server depends on fails
// beside the construct (sixteenth run); the same block pointing elsewhere, or of an inert type, passes.

type Blocks = { [type: string]: { [name: string]: object } };
type Json = { resource: Blocks; [key: string]: unknown };

/** The construct's stack as synthesized, once: the server made by test/Postgres with minimalProps. */
let base: Json | undefined;
function baseJson(): Json {
  if (base === undefined) base = written((stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps()));
  return JSON.parse(JSON.stringify(base)) as Json;
}

/** The stack "test" as `cdktf synth` writes it (with the library's lists of its constructs), as `check` reads it. */
function written(build: (stack: TerraformStack) => void): Json {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'pg-cfg-8-')) });
  build(providerStack('test', app));
  app.synth();
  return JSON.parse(readFileSync(join(app.outdir, 'stacks', 'test', 'cdk.tf.json'), 'utf8')) as Json;
}

/** The address of the only resource of a type in the construct's JSON. */
function only(json: Json, type: string): string {
  const names = Object.keys(json.resource[type] ?? {});
  if (names.length !== 1) throw new Error(`expected one ${type}, found ${names.length}`);
  return `${type}.${names[0]}`;
}

/** PG-CFG-8's failures as "address | message" with the given resources added beside the construct. */
function findings(add: (json: Json) => { [type: string]: { [name: string]: object } }): string[] {
  const json = baseJson();
  for (const [type, blocks] of Object.entries(add(json))) json.resource[type] = { ...json.resource[type], ...blocks };
  return evaluateStack(json, ALL_RULES).findings
    .filter((f) => f.ruleId === 'PG-CFG-8' && f.status !== 'pass')
    .map((f) => `${f.address} | ${f.message}`);
}

const ref = (address: string, attribute = 'id') => `\${${address}.${attribute}}`;
const SUBNET = (json: Json) => only(json, 'azurerm_subnet');
const NSG = (json: Json) => only(json, 'azurerm_network_security_group');
const ZONE = (json: Json) => only(json, 'azurerm_private_dns_zone');
const SERVER = (json: Json) => only(json, 'azurerm_postgresql_flexible_server');
const RG_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders';
const OTHER_RG_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apps';
const OTHER_VNET_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apps/providers/Microsoft.Network/virtualNetworks/vnet-apps';
/** A Databricks workspace injected into a VNet (subnets of its own there): a type no table reads. */
const databricks = (vnet: unknown) => ({ name: 'dbw', resource_group_name: 'rg-hub', location: 'westeurope', sku: 'premium',
  custom_parameters: { virtual_network_id: vnet, public_subnet_name: 'snet-dbw-public', private_subnet_name: 'snet-dbw-private' } });
const OTHER_WORKSPACE_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apps/providers/Microsoft.OperationalInsights/workspaces/log-apps';
/** The literal name and group of the construct's network security group. */
const nsgName = (json: Json) => (json.resource.azurerm_network_security_group[NSG(json).split('.')[1]] as { name: string }).name;
const nsgGroup = (json: Json) => (json.resource.azurerm_network_security_group[NSG(json).split('.')[1]] as { resource_group_name: string }).resource_group_name;
/** An ARM template that writes a rule into a group of that name and group, after a route table it names first. */
function templateNaming(json: Json, group: string): string {
  const ids = [`/subscriptions/s/resourceGroups/rg-x/providers/Microsoft.Network/routeTables/rt`, `/subscriptions/s/resourceGroups/${nsgGroup(json)}/providers/Microsoft.Network/networkSecurityGroups/${group}/securityRules/open`];
  return JSON.stringify({ resources: ids.map((id) => ({ type: 'Microsoft.Resources/deployments', properties: { target: id } })) });
}
const TAIL = 'no rule reads what this type does there, so it cannot be judged.';

test('the construct\'s stack alone passes', () => {
  expect(findings(() => ({}))).toEqual([]);
});

describe('a type no table reads, pointing at each judged scope, fails; pointing elsewhere it passes', () => {
  // [what, the unread block pointing at the scope, the same block pointing elsewhere, the scope as the message names it]
  const cases: [string, (json: Json) => { [type: string]: { [name: string]: object } }, (json: Json) => { [type: string]: { [name: string]: object } }, RegExp][] = [
    ['a web app integrated into the delegated subnet, by reference',
      (json) => ({ azurerm_app_service_virtual_network_swift_connection: { w: { app_service_id: '/x', subnet_id: ref(SUBNET(json)) } } }),
      () => ({ azurerm_app_service_virtual_network_swift_connection: { w: { app_service_id: '/x', subnet_id: `${OTHER_VNET_ID}/subnets/apps` } } }),
      /points at azurerm_subnet\.\S+ \(the server's delegated subnet\) \(its subnet_id\)/],
    ['an app\'s VNet connection to the delegated subnet',
      (json) => ({ azurerm_app_service_virtual_network_swift_connection: { rt: { subnet_id: ref(SUBNET(json)), app_service_id: '/subscriptions/s/resourceGroups/rg-apps/providers/Microsoft.Web/sites/app' } } }),
      () => ({ azurerm_app_service_virtual_network_swift_connection: { rt: { subnet_id: `${OTHER_VNET_ID}/subnets/apps`, app_service_id: '/subscriptions/s/resourceGroups/rg-apps/providers/Microsoft.Web/sites/app' } } }),
      /points at azurerm_subnet\.\S+ \(the server's delegated subnet\) \(its subnet_id\)/],
    ['an app\'s VNet connection to the delegated subnet by its literal ID',
      () => ({ azurerm_app_service_virtual_network_swift_connection: { n: { subnet_id: `${VNET_ID}/subnets/orders-db-postgres`, app_service_id: '/x' } } }),
      () => ({ azurerm_app_service_virtual_network_swift_connection: { n: { subnet_id: `${OTHER_VNET_ID}/subnets/orders-db-postgres`, app_service_id: '/x' } } }),
      /\(its subnet_id\)/],
    // A peering and a forwarding ruleset's link are read by vnet-wide-writers.ts (PG-NET-1); a Databricks workspace injected into
    // the VNet is read by no table. (A DNS resolver in the VNet, the example before the seventeenth run, is inert: A17b-6.)
    ['a Databricks workspace injected into the delegated subnet\'s VNet, by its literal ID',
      () => ({ azurerm_databricks_workspace: { p: databricks(VNET_ID) } }),
      () => ({ azurerm_databricks_workspace: { p: databricks(OTHER_VNET_ID) } }),
      /points at the virtual network "vnet-hub" of the server's delegated subnet \(its custom_parameters\)/],
    ['the construct\'s network security group attached to a network interface elsewhere',
      (json) => ({ azurerm_network_interface_security_group_association: { f: { network_interface_id: '/x', network_security_group_id: ref(NSG(json)) } } }),
      () => ({ azurerm_network_interface_security_group_association: { f: { network_interface_id: '/x', network_security_group_id: '/subscriptions/s/resourceGroups/rg-apps/providers/Microsoft.Network/networkSecurityGroups/nsg-apps' } } }),
      /points at azurerm_network_security_group\.\S+ \(the network security group of the server's delegated subnet\) \(its network_security_group_id\)/],
    ['an ARM template whose body names the construct\'s network security group after another network resource',
      (json) => ({ azurerm_resource_group_template_deployment: { t: { name: 't', resource_group_name: 'rg-x', deployment_mode: 'Incremental', template_content: templateNaming(json, nsgName(json)) } } }),
      (json) => ({ azurerm_resource_group_template_deployment: { t: { name: 't', resource_group_name: 'rg-x', deployment_mode: 'Incremental', template_content: templateNaming(json, 'nsg-apps') } } }),
      /points at azurerm_network_security_group\.\S+ \(the network security group of the server's delegated subnet\) \(its template_content\)/],
    ['a PIM policy on the private DNS zone (it relaxes how a role there is activated)',
      (json) => ({ azurerm_role_management_policy: { z: { scope: ref(ZONE(json)), role_definition_id: '/x', activation_rules: [{ require_approval: false }] } } }),
      () => ({ azurerm_role_management_policy: { z: { scope: '/subscriptions/s/resourceGroups/rg-apps/providers/Microsoft.Network/privateDnsZones/apps.internal', role_definition_id: '/x', activation_rules: [{ require_approval: false }] } } }),
      /points at azurerm_private_dns_zone\.\S+ \(the server's private DNS zone\) \(its scope\)/],
    // (A Sentinel data connector, the example before the seventeenth run, only brings other data in: inert toward the workspace.)
    ['a PIM policy on the log workspace (it relaxes how a role that sets its retention or purges it is activated)',
      () => ({ azurerm_role_management_policy: { s: { scope: WORKSPACE_ID, role_definition_id: '/x', activation_rules: [{ require_approval: false }] } } }),
      () => ({ azurerm_role_management_policy: { s: { scope: OTHER_WORKSPACE_ID, role_definition_id: '/x', activation_rules: [{ require_approval: false }] } } }),
      /points at "\/subscriptions\/.*\/workspaces\/log-central" \(where azurerm_monitor_diagnostic_setting\.\S+ sends the server's logs\) \(its scope\)/],
    ['an app given the administrator\'s object ID as its identity',
      () => ({ azurerm_api_management_user: { u: { api_management_name: 'a', resource_group_name: 'rg', user_id: 'u', email: 'a@b.c', first_name: 'a', last_name: 'b', note: ADMIN_OBJECT_ID } } }),
      () => ({ azurerm_api_management_user: { u: { api_management_name: 'a', resource_group_name: 'rg', user_id: 'u', email: 'a@b.c', first_name: 'a', last_name: 'b', note: '12345678-1234-1234-1234-123456789012' } } }),
      /\(the Entra administrator of the server, by azurerm_postgresql_flexible_server_active_directory_administrator\.\S+\) \(its note\)/],
    ['a resource group move action (azapi) on the server\'s resource group',
      () => ({ azapi_resource_action: { mv: { type: 'Microsoft.Resources/resourceGroups@2021-04-01', resource_id: RG_ID, action: 'moveResources', body: { targetResourceGroup: OTHER_RG_ID } } } }),
      () => ({ azapi_resource_action: { mv: { type: 'Microsoft.Resources/resourceGroups@2021-04-01', resource_id: OTHER_RG_ID, action: 'moveResources', body: { targetResourceGroup: '/x' } } } }),
      /points at the resource group "\/subscriptions\/.*\/resourceGroups\/rg-orders", which holds the server \S+ \(its resource_id\)/],
    ['a Defender plan of the server\'s subscription by reference to a data source of the subscription',
      () => ({ azurerm_security_center_subscription_pricing: { w: { subscription_id: '${data.azurerm_subscription.current.id}', tier: 'Free', resource_type: 'OpenSourceRelationalDatabases' } } }),
      () => ({ azurerm_security_center_subscription_pricing: { w: { subscription_id: '${data.azurerm_subscription.other.id}x', tier: 'Free', resource_type: 'OpenSourceRelationalDatabases' } } }),
      /points at the subscription data\.azurerm_subscription\.current\.id, which holds the server \S+ \(its subscription_id\)/],
    ['a type that takes the server by name',
      (json) => ({ azurerm_example_child: { c: { server_name: ref(SERVER(json), 'name'), resource_group_name: 'rg-orders', name: 'x' } } }),
      () => ({ azurerm_example_child: { c: { server_name: 'another-db', resource_group_name: 'rg-orders', name: 'x' } } }),
      /points at the server \S+ \(its server_name\)/],
    ['a type whose target is known only at apply time, which may be the server',
      () => ({ azurerm_security_center_assessment: { a: { assessment_policy_id: '/x', target_resource_id: '${var.target}', status: [{ code: 'Healthy' }] } } }),
      () => ({ azurerm_security_center_assessment: { a: { assessment_policy_id: '/x', target_resource_id: '${azurerm_linux_virtual_machine.vm.id}', status: [{ code: 'Healthy' }] } } }),
      /points at "\$\{var\.target\}", known only at apply time, which may be the server \S+ \(its target_resource_id\)/],
    ['a module given the delegated subnet',
      (json) => ({ __module: { m: { source: './m', subnet_id: ref(SUBNET(json)) } } }),
      () => ({ __module: { m: { source: './m', subnet_id: `${OTHER_VNET_ID}/subnets/apps` } } }),
      /^module\.m \| a module points at azurerm_subnet\.\S+ \(the server's delegated subnet\) \(its subnet_id\)/],
  ];

  test.each(cases)('%s', (_, pointing, elsewhere, scope) => {
    const failed = moduleAware(pointing);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(scope);
    expect(failed[0].endsWith(TAIL)).toBe(true);
    expect(moduleAware(elsewhere)).toEqual([]);
  });
});

/** findings(), where the pseudo type "__module" adds module blocks. */
function moduleAware(add: (json: Json) => { [type: string]: { [name: string]: object } }): string[] {
  return findings((json) => {
    const blocks = add(json);
    const { __module: modules, ...resources } = blocks;
    if (modules !== undefined) json.module = modules;
    return resources;
  });
}

describe('a new, separate resource placed beside the server points at nothing', () => {
  test('a storage account in the server\'s resource group, and an azapi resource whose parent is that group, pass', () => {
    expect(findings(() => ({
      azurerm_storage_account: { s: { name: 'st', resource_group_name: 'rg-orders', location: 'westeurope', account_tier: 'Standard', account_replication_type: 'LRS' } },
      azapi_resource: { app: { type: 'Microsoft.Web/sites@2023-01-01', parent_id: RG_ID, name: 'app', body: { properties: {} } } },
    }))).toEqual([]);
  });

  test('a key created in the password vault is a child of its own, not a write to the vault', () => {
    expect(vaultFindings((vault) => ({ azurerm_key_vault_key: { k: { name: 'k', key_vault_id: vault, key_type: 'RSA', key_size: 2048, key_opts: ['wrapKey'] } } }))).toEqual([]);
  });
});

let vaultBase: Json | undefined;
/** PG-CFG-8's failures beside a construct that writes its generated password to a vault given by a variable. */
function vaultFindings(add: (vault: string, secret: string) => { [type: string]: { [name: string]: object } }): string[] {
  vaultBase ??= written((stack) => {
    const vault = new TerraformVariable(stack, 'key_vault_id', { type: 'string' });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({
      authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: 'vendor appliance without Entra ID sign-in (SEC-517)', keyVaultResourceId: vault.stringValue }),
    }));
  });
  const json = JSON.parse(JSON.stringify(vaultBase)) as Json;
  const secret = only(json, 'azurerm_key_vault_secret');
  for (const [type, blocks] of Object.entries(add('${var.key_vault_id}', secret))) json.resource[type] = { ...json.resource[type], ...blocks };
  return evaluateStack(json, ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-8' && f.status !== 'pass').map((f) => `${f.address} | ${f.message}`);
}

describe('the vault and secret of the generated password', () => {
  test('an app given the secret, or a private endpoint connection on the vault, fails; another vault passes', () => {
    expect(vaultFindings((_, secret) => ({ azurerm_container_app_secret_reader: { r: { key_vault_secret_id: ref(secret, 'versionless_id') } } }))).toEqual([
      expect.stringMatching(/^azurerm_container_app_secret_reader\.r \| an azurerm_container_app_secret_reader points at azurerm_key_vault_secret\.\S+ \(the Key Vault secret the administrator password is written to\) \(its key_vault_secret_id\)/),
    ]);
    expect(vaultFindings((vault) => ({ azapi_update_resource: { pe: { type: 'Microsoft.KeyVault/vaults/privateEndpointConnections@2023-07-01', resource_id: `${vault}/privateEndpointConnections/c`, body: { properties: { privateLinkServiceConnectionState: { status: 'Approved' } } } } } }))).toEqual([
      expect.stringMatching(/^azapi_update_resource\.pe \| an azapi_update_resource of type "Microsoft\.KeyVault\/vaults\/privateEndpointConnections@2023-07-01" points at "\$\{var\.key_vault_id\}" \(the vault of the Key Vault secret the administrator password is written to\) \(its resource_id\)/),
    ]);
    expect(vaultFindings(() => ({ azurerm_container_app_secret_reader: { r: { key_vault_secret_id: '${var.other_secret}' } } }))).toEqual([]);
  });

  test('a private endpoint of the vault (read by the network rules toward the server and its network only) fails as the approval of one does (A16a-4)', () => {
    const endpoint = (target: string) => ({ azurerm_private_endpoint: { kv: { name: 'pe-kv', location: 'westeurope', resource_group_name: 'rg-apps', subnet_id: `${OTHER_VNET_ID}/subnets/apps`,
      private_service_connection: [{ name: 'kv', is_manual_connection: false, private_connection_resource_id: target, subresource_names: ['vault'] }] } } });
    expect(vaultFindings((vault) => endpoint(vault))).toEqual([
      expect.stringMatching(/^azurerm_private_endpoint\.kv \| an azurerm_private_endpoint points at "\$\{var\.key_vault_id\}" \(the vault of .*\) \(its private_service_connection\): stack-model\.ts \(PG-NET-\*: the server's network\); parent-id-pattern\.ts \(the network rules, PG-CFG-3\) read this type only toward the server, the network around the server, the server's private DNS zones, not toward the vault and secret of the server's generated password/),
    ]);
    expect(vaultFindings(() => endpoint('${var.other_vault}'))).toEqual([]);
  });
});

let givenBase: Json | undefined;
/** PG-CFG-8's failures beside a construct given its delegated subnet and zone by variables (existingVnetIntegration). */
function givenFindings(add: Blocks): string[] {
  givenBase ??= written((stack) => {
    const subnet = new TerraformVariable(stack, 'subnet_id', { type: 'string' });
    const zone = new TerraformVariable(stack, 'zone_id', { type: 'string' });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({
      network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: subnet.stringValue, privateDnsZoneResourceId: zone.stringValue }),
    }));
  });
  const json = JSON.parse(JSON.stringify(givenBase)) as Json;
  for (const [type, blocks] of Object.entries(add)) json.resource[type] = { ...json.resource[type], ...blocks };
  return evaluateStack(json, ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-8' && f.status !== 'pass').map((f) => `${f.address} | ${f.message}`);
}

describe('the subnet and zone a construct is given (existingVnetIntegration)', () => {
  test('an app\'s VNet connection on the given subnet, or a PIM policy on the given zone, by the same variable, fails; by another, passes', () => {
    expect(givenFindings({ azurerm_app_service_virtual_network_swift_connection: { rt: { subnet_id: '${var.subnet_id}', app_service_id: '/x' } } })).toEqual([
      expect.stringMatching(/^azurerm_app_service_virtual_network_swift_connection\.rt \| an azurerm_app_service_virtual_network_swift_connection points at the delegated subnet the server is given \("\$\{var\.subnet_id\}"\) \(its subnet_id\)/),
    ]);
    expect(givenFindings({ azurerm_role_management_policy: { p: { scope: '${var.zone_id}', role_definition_id: '/x' } } })).toEqual([
      expect.stringMatching(/^azurerm_role_management_policy\.p \| an azurerm_role_management_policy points at the private DNS zone the server is given \("\$\{var\.zone_id\}"\) \(its scope\)/),
    ]);
    expect(givenFindings({ azurerm_app_service_virtual_network_swift_connection: { rt: { subnet_id: '${var.apps_subnet_id}', app_service_id: '/x' } } })).toEqual([]);
    // Routes steer only what the subnet's group still judges (inert-types.ts).
    expect(givenFindings({ azurerm_subnet_route_table_association: { rt: { subnet_id: '${var.subnet_id}', route_table_id: '/x' } } })).toEqual([]);
  });

  test('an azapi rule under the group the stack associates with the given subnet is azapi-network.ts\'s to judge (PG-CFG-3, PGF-NET-7), not the net\'s', () => {
    const group = (subnet: string): Blocks => ({
      azurerm_network_security_group: { g: { name: 'nsg-db', resource_group_name: 'rg-net', location: 'westeurope' } },
      azurerm_subnet_network_security_group_association: { a: { subnet_id: subnet, network_security_group_id: '${azurerm_network_security_group.g.id}' } },
      azapi_resource: { open: { type: 'Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01', name: 'open', parent_id: '${azurerm_network_security_group.g.id}', body: { properties: { access: 'Allow', direction: 'Inbound', priority: 100, protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } } } },
    });
    expect(givenFindings(group('${var.subnet_id}'))).toEqual([]);
    expect(givenFindings(group('${var.apps_subnet_id}'))).toEqual([]);
  });

  test('an azapi write of the given subnet by its variable is azapi-network.ts\'s to judge (PG-CFG-3), not the net\'s; an unlisted Microsoft.Network type there is the net\'s', () => {
    expect(givenFindings({ azapi_update_resource: { s: { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', resource_id: '${var.subnet_id}', body: { properties: { networkSecurityGroup: null } } } } })).toEqual([]);
    expect(givenFindings({ azapi_update_resource: { s: { type: 'Microsoft.Web/sites/networkConfig@2024-04-01', resource_id: '${var.app_id}', body: { properties: { subnetResourceId: '${var.subnet_id}' } } } } })).toEqual([
      expect.stringMatching(/^azapi_update_resource\.s \| an azapi_update_resource of type "Microsoft\.Web\/sites\/networkConfig@2024-04-01" points at the delegated subnet the server is given/),
    ]);
  });
});

describe('types a table reads, and inert types, pass whatever they point at', () => {
  test('alerts, budgets, locks, dashboards, markers and an azapi tags-only write pass on the server, its group, subnet and workspace', () => {
    expect(findings((json) => ({
      azurerm_monitor_metric_alert: { a: { name: 'a', resource_group_name: 'rg', scopes: [ref(SERVER(json))], criteria: [{ metric_namespace: 'x' }] } },
      azurerm_monitor_action_group: { g: { name: 'g', resource_group_name: 'rg', short_name: 'g', webhook_receiver: [{ service_uri: ref(SUBNET(json)) }] } },
      azurerm_consumption_budget_resource_group: { b: { name: 'b', resource_group_id: RG_ID, amount: 10 } },
      azurerm_management_lock: { l: { name: 'l', scope: ref(SUBNET(json)), lock_level: 'CanNotDelete' } },
      azurerm_portal_dashboard: { d: { name: 'd', resource_group_name: 'rg', dashboard_properties: `{"ids":["${WORKSPACE_ID}"]}` } },
      terraform_data: { t: { input: ref(NSG(json)) } },
      azurerm_application_insights: { ai: { name: 'ai', resource_group_name: 'rg', location: 'westeurope', application_type: 'web', workspace_id: WORKSPACE_ID } },
      azapi_update_resource: { tags: { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', resource_id: ref(SUBNET(json)), body: { tags: { owner: 'db' } } } },
    }))).toEqual([]);
  });

  test('the workspace\'s monitoring companions pass: a flow log of the NSG with traffic analytics into it, Defender for Cloud\'s workspace, an AMPLS scoped service (sixteenth run, A16b-8)', () => {
    expect(findings((json) => ({
      azurerm_network_watcher_flow_log: { f: { name: 'f', network_watcher_name: 'nw', resource_group_name: 'rg', target_resource_id: ref(NSG(json)), storage_account_id: '/x', enabled: true,
        retention_policy: [{ enabled: true, days: 30 }], traffic_analytics: [{ enabled: true, workspace_id: 'w', workspace_region: 'westeurope', workspace_resource_id: WORKSPACE_ID }] } },
      azurerm_security_center_workspace: { d: { scope: '/subscriptions/00000000-0000-0000-0000-000000000000', workspace_id: WORKSPACE_ID } },
      azurerm_monitor_private_link_scoped_service: { p: { name: 'p', resource_group_name: 'rg', scope_name: 'ampls', linked_resource_id: WORKSPACE_ID } },
    }))).toEqual([]);
  });

  test('Sentinel data connectors (azurerm and azapi) bring other data into the log workspace: inert toward it (decided, seventeenth run)', () => {
    expect(findings(() => ({
      azurerm_sentinel_data_connector_azure_active_directory: { s: { name: 'aad', log_analytics_workspace_id: WORKSPACE_ID } },
      azurerm_sentinel_data_connector_office_365: { o: { name: 'o365', log_analytics_workspace_id: WORKSPACE_ID, exchange_enabled: true } },
      azapi_resource: { c: { type: 'Microsoft.SecurityInsights/dataConnectors@2023-02-01', name: 'aad', parent_id: WORKSPACE_ID, body: { kind: 'AzureActiveDirectory', properties: { tenantId: 't', dataTypes: { alerts: { state: 'Enabled' } } } } } },
    }))).toEqual([]);
  });

  test('a Sentinel data connector pointing at the delegated subnet is judged there: inert toward the workspace only', () => {
    expect(findings((json) => ({ azurerm_sentinel_data_connector_azure_active_directory: { s: { name: 'aad', log_analytics_workspace_id: ref(SUBNET(json)) } } }))).toEqual([
      expect.stringMatching(/^azurerm_sentinel_data_connector_azure_active_directory\.s \| an azurerm_sentinel_data_connector_azure_active_directory points at azurerm_subnet\./),
    ]);
  });

  test('a private DNS record in another zone that names the server (an alias to its name) passes: it opens no path', () => {
    expect(findings((json) => ({
      azurerm_private_dns_cname_record: {
        a: { name: 'orders', zone_name: 'corp.internal', resource_group_name: 'rg-apps', ttl: 300, record: ref(SERVER(json), 'fqdn') },
        b: { name: 'orders-db', zone_name: 'corp.internal', resource_group_name: 'rg-apps', ttl: 300, record: 'orders-db.postgres.database.azure.com' },
      },
      azurerm_private_dns_txt_record: { t: { name: 'owner', zone_name: 'corp.internal', resource_group_name: 'rg-apps', ttl: 300, record: [{ value: ref(SERVER(json)) }] } },
    }))).toEqual([]);
  });

  test('a DNS Private Resolver in the delegated subnet\'s VNet, its inbound and outbound endpoints in subnets of it, azurerm and azapi, and the link of a ruleset of the stack to the VNet pass: they answer or carry queries, and change no answer (A17b-6)', () => {
    const RESOLVER = `${RG_ID}/providers/Microsoft.Network/dnsResolvers/dnsr`;
    expect(findings(() => ({
      azurerm_subnet: { dnsin: { name: 'snet-dns-in', resource_group_name: 'rg-orders', virtual_network_name: 'vnet-hub', address_prefixes: ['10.0.5.0/28'] } },
      azurerm_private_dns_resolver: { r: { name: 'dnsr', resource_group_name: 'rg-orders', location: 'westeurope', virtual_network_id: VNET_ID } },
      azurerm_private_dns_resolver_inbound_endpoint: { in: { name: 'in', private_dns_resolver_id: ref('azurerm_private_dns_resolver.r'), location: 'westeurope', ip_configurations: [{ subnet_id: ref('azurerm_subnet.dnsin') }] } },
      azurerm_private_dns_resolver_outbound_endpoint: { out: { name: 'out', private_dns_resolver_id: ref('azurerm_private_dns_resolver.r'), location: 'westeurope', subnet_id: `${VNET_ID}/subnets/snet-dns-out` } },
      azurerm_private_dns_resolver_dns_forwarding_ruleset: { rs: { name: 'rs', resource_group_name: 'rg-orders', location: 'westeurope', private_dns_resolver_outbound_endpoint_ids: [ref('azurerm_private_dns_resolver_outbound_endpoint.out')] } },
      // The stack's ruleset linked to the VNet: its rules are read (vnet-wide-writers.ts, dns-forwarding-rules.ts), not the net's.
      azurerm_private_dns_resolver_virtual_network_link: { rl: { name: 'rl', dns_forwarding_ruleset_id: ref('azurerm_private_dns_resolver_dns_forwarding_ruleset.rs'), virtual_network_id: VNET_ID } },
      azapi_resource: {
        r: { type: 'Microsoft.Network/dnsResolvers@2022-07-01', name: 'dnsr', parent_id: RG_ID, location: 'westeurope', body: { properties: { virtualNetwork: { id: VNET_ID } } } },
        in: { type: 'Microsoft.Network/dnsResolvers/inboundEndpoints@2022-07-01', name: 'in', parent_id: RESOLVER, location: 'westeurope', body: { properties: { ipConfigurations: [{ subnet: { id: `${VNET_ID}/subnets/snet-dns-in` } }] } } },
        out: { type: 'Microsoft.Network/dnsResolvers/outboundEndpoints@2022-07-01', name: 'out', parent_id: RESOLVER, location: 'westeurope', body: { properties: { subnet: { id: `${VNET_ID}/subnets/snet-dns-out` } } } },
      },
    }))).toEqual([]);
  });

  test('beside the resolver, a forwarding rule of its ruleset for the server\'s public zone still fails PG-NET-1 (A17b-6)', () => {
    const json = baseJson();
    Object.assign(json.resource, {
      azurerm_private_dns_resolver: { r: { name: 'dnsr', resource_group_name: 'rg-orders', location: 'westeurope', virtual_network_id: VNET_ID } },
      azurerm_private_dns_resolver_outbound_endpoint: { out: { name: 'out', private_dns_resolver_id: ref('azurerm_private_dns_resolver.r'), location: 'westeurope', subnet_id: `${VNET_ID}/subnets/snet-dns-out` } },
      azurerm_private_dns_resolver_dns_forwarding_ruleset: { rs: { name: 'rs', resource_group_name: 'rg-orders', location: 'westeurope', private_dns_resolver_outbound_endpoint_ids: [ref('azurerm_private_dns_resolver_outbound_endpoint.out')] } },
      azurerm_private_dns_resolver_forwarding_rule: { fwd: { name: 'pg', dns_forwarding_ruleset_id: ref('azurerm_private_dns_resolver_dns_forwarding_ruleset.rs'), domain_name: 'postgres.database.azure.com.', target_dns_servers: [{ ip_address: '10.9.9.9', port: 53 }] } },
    });
    const failed = evaluateStack(json, ALL_RULES).findings.filter((f) => f.status !== 'pass' && (f.address ?? '').startsWith('azurerm_private_dns_resolver'));
    expect(failed.map((f) => `${f.ruleId} ${f.address}`)).toEqual(['PG-NET-1 azurerm_private_dns_resolver_forwarding_rule.fwd']);
  });

  test('a diagnostic setting of another resource sending into the log workspace passes', () => {
    expect(findings(() => ({
      azurerm_monitor_diagnostic_setting: { kv: { name: 'kv', target_resource_id: '/subscriptions/s/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-apps', log_analytics_workspace_id: WORKSPACE_ID, enabled_log: [{ category: 'AuditEvent' }] } },
    }))).toEqual([]);
  });

  test('an inert type toward one kind of scope is judged toward another: an Application Insights resource pointing at the subnet fails', () => {
    expect(findings((json) => ({ azurerm_application_insights: { ai: { name: 'ai', resource_group_name: 'rg', location: 'westeurope', application_type: 'web', workspace_id: ref(SUBNET(json)) } } }))).toEqual([
      expect.stringMatching(/^azurerm_application_insights\.ai \| an azurerm_application_insights points at azurerm_subnet\./),
    ]);
  });
});

describe('per effect: a type read for one effect stays in the net for the others (seventeenth run, A16a-4)', () => {
  const MANAGER = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/networkManagers/nm';
  const group = { ng: { name: 'ng', network_manager_id: MANAGER } };
  const member = (vnet: string) => ({ sm: { name: 'sm', network_group_id: ref('azurerm_network_manager_network_group.ng'), target_virtual_network_id: vnet } });
  const mesh = { cc: { name: 'cc', network_manager_id: MANAGER, connectivity_topology: 'Mesh', applies_to_group: [{ group_connectivity: 'DirectlyConnected', network_group_id: ref('azurerm_network_manager_network_group.ng') }] } };

  test('a mesh connectivity configuration of a network group a static member puts the construct\'s VNet in is read by connectivity-configurations.ts (PG-NET-1 fails it, as a peering): not PG-CFG-8\'s', () => {
    expect(findings(() => ({ azurerm_network_manager_network_group: group, azurerm_network_manager_static_member: member(VNET_ID), azurerm_network_manager_connectivity_configuration: mesh }))).toEqual([]);
  });

  test('the group and its member alone pass, and so do an admin rule collection of the group (security-admin-rules.ts judges it) and a mesh of a group of another VNet', () => {
    expect(findings(() => ({ azurerm_network_manager_network_group: group, azurerm_network_manager_static_member: member(VNET_ID) }))).toEqual([]);
    expect(findings(() => ({
      azurerm_network_manager_network_group: group, azurerm_network_manager_static_member: member(VNET_ID),
      azurerm_network_manager_admin_rule_collection: { rc: { name: 'rc', security_admin_configuration_id: '/x', network_group_ids: [ref('azurerm_network_manager_network_group.ng')] } },
    }))).toEqual([]);
    expect(findings(() => ({ azurerm_network_manager_network_group: group, azurerm_network_manager_static_member: member(OTHER_VNET_ID), azurerm_network_manager_connectivity_configuration: mesh }))).toEqual([]);
  });

  test('a static member read for admin rules, pointing at the log workspace, is not read there: it fails naming the reader and the kinds it reads', () => {
    expect(findings(() => ({ azurerm_network_manager_static_member: { sm: { name: 'sm', network_group_id: '/x', target_virtual_network_id: WORKSPACE_ID } } }))).toEqual([
      expect.stringMatching(/^azurerm_network_manager_static_member\.sm \| an azurerm_network_manager_static_member points at .*log-central.* \(its target_virtual_network_id\): security-admin-rules\.ts \(PG-NET-1\) reads this type only toward the network around the server, not toward where the server's logs go, so what it does there cannot be judged\.$/),
    ]);
  });

  test('a role assignment on the log workspace is read by role-grants.ts (PG-IAM-2 judges roles on the perimeter\'s objects): not PG-CFG-8\'s', () => {
    expect(findings(() => ({ azurerm_role_assignment: { la: { scope: WORKSPACE_ID, role_definition_name: 'Log Analytics Contributor', principal_id: '12345678-1234-1234-1234-123456789012' } } }))).toEqual([]);
  });
});

describe('beside a construct only, and suppressible on the resource with a reason', () => {
  test('a raw server with the same unread writer passes PG-CFG-8', () => {
    const json = { resource: {
      azurerm_postgresql_flexible_server: { db: { name: 'raw-db', resource_group_name: 'rg', location: 'westeurope', delegated_subnet_id: '${azurerm_subnet.s.id}' } },
      azurerm_subnet: { s: { name: 's', resource_group_name: 'rg', virtual_network_name: 'v', address_prefixes: ['10.0.0.0/28'] } },
      azurerm_subnet_nat_gateway_association: { n: { subnet_id: '${azurerm_subnet.s.id}', nat_gateway_id: '/x' } },
    } };
    expect(evaluateStack(json, ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-8' && f.status !== 'pass')).toEqual([]);
  });

  test('synth fails on a caller\'s unread writer of the construct\'s VNet, and passes once suppressed with the reason', () => {
    const stack = providerStack();
    const group = new ResourceGroup(stack, 'Group', { name: 'rg-orders', location: 'westeurope' });
    const network = new VirtualNetwork(stack, 'Network', { name: 'vnet-orders', resourceGroupName: group.name, location: group.location, addressSpace: ['10.20.0.0/16'] });
    const logs = new LogAnalyticsWorkspace(stack, 'Logs', { name: 'log-orders', resourceGroupName: group.name, location: group.location, sku: 'PerGB2018', retentionInDays: 90 });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({
      resourceGroupName: group.name,
      network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: network.id, subnetAddressPrefix: '10.20.1.0/28' }),
      diagnosticSettings: DiagnosticSettings.logAnalytics(logs.id),
    }));
    expect(synthErrors(stack)).toEqual([]);
    const workspace = new TerraformResource(stack, 'Databricks', { terraformResourceType: 'azurerm_databricks_workspace' });
    for (const [key, value] of Object.entries(databricks(network.id))) workspace.addOverride(key, value);
    expect(synthErrors(stack)).toEqual([expect.stringMatching(/^ {2}\[test\] azurerm_databricks_workspace\.Databricks PG-CFG-8 an azurerm_databricks_workspace points at azurerm_virtual_network\.Network \(the virtual network of the server's delegated subnet\) \(its custom_parameters\): no rule reads/)]);
    PostgresSecurityChecks.suppress(workspace, 'PG-CFG-8', 'analytics workspace reviewed by the network team in NET-77');
    expect(synthErrors(stack)).toEqual([]);
  });
});

// Twenty-eighth run, A28b-4: the net took the administrator's literal object ID only as a whole value, and a pointer to it only by a
// reference to the block its object_id reads: the same ID inside a longer text (a Graph path, a body given as text), or a reference to
// the administrator block itself, passed. Now any text that holds the ID in any spelling, and any reference to the administrator block,
// to what its object_id reads or to the variable it reads, names the administrator.
describe('the Entra administrator named inside a text or by reference (A28b-4)', () => {
  const ADMIN = (json: Json) => only(json, 'azurerm_postgresql_flexible_server_active_directory_administrator');
  const hyphenless = ADMIN_OBJECT_ID.replace(/-/g, '');
  /** PG-CFG-8's failures with one block of a type no table reads (example_thing.w) beside the construct, after `change` edits the JSON. */
  const withThing = (config: (json: Json) => object, change: (json: Json) => void = () => undefined) => findings((json) => {
    change(json);
    return { example_thing: { w: config(json) } };
  });
  const ON_ADMIN = /^example_thing\.w \| an example_thing points at .*\(the Entra administrator of the server, by azurerm_postgresql_flexible_server_active_directory_administrator\.\S+\) \(its (path|body|target|content|request_body)\)/;
  /** Sets the administrator's object_id in the JSON (a pointer to a principal block, a lookup or a variable). */
  const pointTo = (pointer: string, extra: (json: Json) => void = () => undefined) => (json: Json) => {
    (json.resource.azurerm_postgresql_flexible_server_active_directory_administrator as { [name: string]: { object_id: unknown } })[ADMIN(json).split('.')[1]].object_id = pointer;
    extra(json);
  };

  test.each([
    ['inside a Graph path', () => ({ path: `/users/${ADMIN_OBJECT_ID}/authentication/temporaryAccessPassMethods` })],
    ['in upper case inside a URL', () => ({ path: `https://graph.microsoft.com/v1.0/groups/${ADMIN_OBJECT_ID.toUpperCase()}/members/$ref` })],
    ['without hyphens', () => ({ path: `/groups/${hyphenless}/owners` })],
    ['in braces, percent-encoded', () => ({ path: `/groups/%7B${ADMIN_OBJECT_ID}%7D/owners` })],
    ['in a body given as JSON text, its digits escaped', () => ({ request_body: `{"url":"/users/\\u0036${ADMIN_OBJECT_ID.slice(1)}/authentication/methods"}` })],
    ['in a nested body', () => ({ body: { members: [{ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${ADMIN_OBJECT_ID}` }] } })],
    ['in base64', () => ({ content: Buffer.from(`/users/${ADMIN_OBJECT_ID}/x`).toString('base64') })],
    ['by a reference to the administrator block\'s object_id', (json: Json) => ({ target: ref(ADMIN(json), 'object_id') })],
    ['by that reference inside a path', (json: Json) => ({ path: `/users/${ref(ADMIN(json), 'object_id')}/x` })],
    ['by a reference to its principal_name inside a path', (json: Json) => ({ path: `/users/${ref(ADMIN(json), 'principal_name')}/x` })],
  ])('a block of a type no table reads naming the administrator %s fails PG-CFG-8', (_, config) => {
    const failed = withThing(config);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(ON_ADMIN);
  });

  test.each([
    ['another object ID inside a path', () => ({ path: '/users/12345678-1234-1234-1234-123456789012/authentication/temporaryAccessPassMethods' })],
    ['an ID one digit off', () => ({ path: `/users/${ADMIN_OBJECT_ID.slice(0, -1)}1/x` })],
    ['the administrator block\'s tenant_id', (json: Json) => ({ target: ref(ADMIN(json), 'tenant_id') })],
  ])('a block of a type no table reads naming %s passes', (_, config) => {
    expect(withThing(config)).toEqual([]);
  });

  test('the administrator\'s principal block, read by the administrator: its IDs and sign-in name, whole or in a path, name it; its tenant does not', () => {
    const principal = pointTo('${azuread_user.dba.object_id}', (json) => {
      json.resource.azuread_user = { dba: { user_principal_name: 'dba@contoso.com', display_name: 'DBA', password: 'x' } };
    });
    for (const attribute of ['object_id', 'id', 'user_principal_name']) {
      expect([attribute, withThing(() => ({ path: `/users/\${azuread_user.dba.${attribute}}/authentication/methods` }), principal)]).toEqual([attribute, [expect.stringMatching(ON_ADMIN)]]);
    }
    expect(withThing(() => ({ target: '${azuread_user.dba.object_id}' }), principal)).toEqual([expect.stringMatching(ON_ADMIN)]);
    expect(withThing(() => ({ path: '/users/${azuread_user.other.object_id}/authentication/methods' }), principal)).toEqual([]);
  });

  test('a lookup the administrator reads by a literal object ID: that ID in a text and a reference to the lookup name it', () => {
    const LOOKED_UP = '0a1b2c3d-0000-4000-8000-00000000abcd';
    const lookup = pointTo('${data.azuread_group.admins.object_id}', (json) => {
      json.data = { ...(json.data as object), azuread_group: { admins: { object_id: LOOKED_UP } } };
    });
    expect(withThing(() => ({ path: `/groups/${LOOKED_UP.toUpperCase()}/members/$ref` }), lookup)).toEqual([expect.stringMatching(ON_ADMIN)]);
    expect(withThing(() => ({ path: '/groups/${data.azuread_group.admins.object_id}/members/$ref' }), lookup)).toEqual([expect.stringMatching(ON_ADMIN)]);
    expect(withThing(() => ({ path: '/groups/0a1b2c3d-0000-4000-8000-00000000abce/members/$ref' }), lookup)).toEqual([]);
  });

  // Held before (the variable is the scope's pointer): kept beside the other pointers.
  test('an administrator given by a variable: the variable inside a path names it, another variable does not', () => {
    const variable = pointTo('${var.admin_object_id}', (json) => {
      json.variable = { ...(json.variable as object), admin_object_id: { type: 'string' }, admin_object_id_old: { type: 'string' } };
    });
    expect(withThing(() => ({ path: '/users/${var.admin_object_id}/authentication/methods' }), variable)).toEqual([expect.stringMatching(ON_ADMIN)]);
    expect(withThing(() => ({ path: '/users/${var.admin_object_id_old}/authentication/methods' }), variable)).toEqual([]);
  });

  // A REST operation (restful, terracurl) is read by PG-IAM-3's Graph readers (http-requests.ts), not by this net: see http-request-writers.test.ts.
  test('every instance of a counted block and an azapi write of a type no table reads naming the administrator inside a text fail', () => {
    const failed = findings(() => ({
      example_thing: { c: { count: 2, path: `/users/${ADMIN_OBJECT_ID}/x` } },
      azapi_resource: { app: { type: 'Microsoft.Web/sites@2023-01-01', parent_id: OTHER_RG_ID, name: 'app', body: { properties: { siteConfig: { appSettings: [{ name: 'OWNER', value: `oid:${ADMIN_OBJECT_ID}` }] } } } } },
    }));
    expect(failed.map((each) => each.split(' | ')[0]).sort()).toEqual(['azapi_resource.app', 'example_thing.c']);
    expect(failed.every((each) => each.includes('(the Entra administrator of the server, by azurerm_postgresql_flexible_server_active_directory_administrator.'))).toBe(true);
  });

  test('the common stack passes: the construct\'s own blocks, a diagnostic setting of the administrator block, a Graph write the directory tables read', () => {
    expect(findings(() => ({}))).toEqual([]);
    expect(findings((json) => ({
      azurerm_monitor_diagnostic_setting: { a: { name: 'a', target_resource_id: ref(ADMIN(json)), log_analytics_workspace_id: WORKSPACE_ID, enabled_log: [{ category_group: 'allLogs' }] } },
      msgraph_resource: { m: { url: `groups/${ADMIN_OBJECT_ID}/members/$ref`, body: { '@odata.id': 'https://graph.microsoft.com/v1.0/directoryObjects/12345678-1234-1234-1234-123456789012' } } },
    }))).toEqual([]);
  });
});
