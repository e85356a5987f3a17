import { Fn, TerraformResource, TerraformStack } from 'cdktf';
import { DiagnosticSettings, FlexibleServerNetwork, SecureFlexibleServer, SecureFlexibleServerProps } from '../../lib';
import { minimalProps, providerStack, synthErrors } from '../helpers';

// Eighteenth review, A18b-8 and A18b-9, as a class: every block of the stack that is part of a construct's perimeter (the
// VNet, the subnet, groups and zones it is given, where its logs go), azurerm or azapi, fails PGF-CFG-2 when its
// lifecycle.ignore_changes names a setting (or "all", or an azapi body): the rules judge the written value, Terraform
// keeps the live one. Tags may be ignored.

const GROUP = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network';
const RULE = { name: 'pg', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', destination_port_range: '5432', source_address_prefix: '10.0.2.0/24', destination_address_prefix: '*', source_port_ranges: null, destination_port_ranges: null, source_address_prefixes: null, destination_address_prefixes: null, source_application_security_group_ids: null, destination_application_security_group_ids: null, description: null };

interface Row {
  readonly type: string;
  readonly config: Record<string, unknown>;
  /** A setting a rule of the pack judges on that block. */
  readonly attribute: string;
  /** The props that make the block part of the construct's perimeter, from its ID. */
  readonly props: (id: string, stack: TerraformStack) => Partial<SecureFlexibleServerProps>;
}

const TABLE: { readonly [what: string]: Row } = {
  'the VNet the construct makes its subnet in': {
    type: 'azurerm_virtual_network', attribute: 'dns_servers',
    config: { name: 'vnet-hub', resource_group_name: 'rg-network', location: 'westeurope', address_space: ['10.0.0.0/16'] },
    props: (id) => ({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: id, subnetAddressPrefix: '10.0.1.0/28' }) }),
  },
  'the VNet the construct makes its subnet in, written by azapi': {
    type: 'azapi_resource', attribute: 'body',
    config: { type: 'Microsoft.Network/virtualNetworks@2024-05-01', name: 'vnet-hub', parent_id: GROUP, location: 'westeurope', body: { properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } } } },
    props: (id) => ({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: id, subnetAddressPrefix: '10.0.1.0/28' }) }),
  },
  'the network security group the construct is given': {
    type: 'azurerm_network_security_group', attribute: 'security_rule',
    config: { name: 'nsg-shared', resource_group_name: 'rg-network', location: 'westeurope', security_rule: [RULE] },
    props: (id) => ({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: `${GROUP}/providers/Microsoft.Network/virtualNetworks/vnet-hub`, subnetAddressPrefix: '10.0.1.0/28', networkSecurityGroupResourceId: id }) }),
  },
  'the network security group the construct is given, written by azapi': {
    type: 'azapi_resource', attribute: 'body',
    config: { type: 'Microsoft.Network/networkSecurityGroups@2024-05-01', name: 'nsg-shared', parent_id: GROUP, location: 'westeurope',
      body: { properties: { securityRules: [{ name: 'pg', properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432', sourceAddressPrefix: '10.0.2.0/24', destinationAddressPrefix: '*' } }] } } },
    props: (id) => ({ network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: `${GROUP}/providers/Microsoft.Network/virtualNetworks/vnet-hub`, subnetAddressPrefix: '10.0.1.0/28', networkSecurityGroupResourceId: id }) }),
  },
  'the Log Analytics workspace the logs go to': {
    type: 'azurerm_log_analytics_workspace', attribute: 'retention_in_days',
    config: { name: 'log-orders', resource_group_name: 'rg-logs', location: 'westeurope', sku: 'PerGB2018', retention_in_days: 90 },
    props: (id) => ({ diagnosticSettings: DiagnosticSettings.logAnalytics(id) }),
  },
  'the Log Analytics workspace the logs go to, written by azapi': {
    type: 'azapi_resource', attribute: 'body',
    config: { type: 'Microsoft.OperationalInsights/workspaces@2023-09-01', name: 'log-orders', parent_id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs', location: 'westeurope',
      body: { properties: { retentionInDays: 90, sku: { name: 'PerGB2018' } } } },
    props: (id) => ({ diagnosticSettings: DiagnosticSettings.logAnalytics(id) }),
  },
};

function stackWith(row: Row, lifecycle?: object): TerraformStack {
  const stack = providerStack();
  const block = new TerraformResource(stack, 'Object', { terraformResourceType: row.type });
  for (const [key, value] of Object.entries({ ...row.config, ...(lifecycle === undefined ? {} : { lifecycle }) })) block.addOverride(key, value);
  new SecureFlexibleServer(stack, 'Postgres', minimalProps(row.props(block.getStringAttribute('id'), stack)));
  return stack;
}

const ignoredChanges = (stack: TerraformStack) => synthErrors(stack).filter((line) => line.includes(' PGF-CFG-2 ')).map((line) => line.split(' ').slice(3, 5).join(' '));

describe.each(Object.entries(TABLE))('%s', (_what, row) => {
  const address = `${row.type}.Object`;

  const forms: [unknown][] = [[[row.attribute]], ['all'], ...(row.type === 'azapi_resource' ? [[['sensitive_body']] as [unknown]] : [])];
  test.each(forms)('ignore_changes = %j fails PGF-CFG-2 on it', (ignored) => {
    expect(ignoredChanges(stackWith(row, { ignore_changes: ignored }))).toEqual([`${address} PGF-CFG-2`]);
  });

  test('passes with tags ignored, or nothing', () => {
    expect(ignoredChanges(stackWith(row, { ignore_changes: ['tags'] }))).toEqual([]);
    expect(ignoredChanges(stackWith(row))).toEqual([]);
  });
});

test('the message says what the object is to the server', () => {
  const row = TABLE['the Log Analytics workspace the logs go to'];
  expect(synthErrors(stackWith(row, { ignore_changes: ['retention_in_days'] })).join('\n')).toMatch(/lifecycle\.ignore_changes of azurerm_log_analytics_workspace\.Object holds retention_in_days: .* azurerm_log_analytics_workspace\.Object is where azurerm_monitor_diagnostic_setting\.\S+ sends the server's logs\./);
});

/** Each writer (what, type, its config, a judged attribute) fails PGF-CFG-2 when it ignores that attribute or "all", passes with tags. */
function judgesIgnoredChanges<W>(writers: [string, string, W, string][], stackWith: (writer: W, type: string, lifecycle?: object) => TerraformStack): void {
  describe.each(writers)('%s', (_what, type, writer, attribute) => {
    test.each([[[attribute]], ['all']] as [unknown][])('ignore_changes = %j fails PGF-CFG-2 on it', (ignored) => {
      expect(ignoredChanges(stackWith(writer, type, { ignore_changes: ignored }))).toEqual([`${type}.Writer PGF-CFG-2`]);
    });

    test('passes with tags ignored, or nothing', () => {
      expect(ignoredChanges(stackWith(writer, type, { ignore_changes: ['tags'] }))).toEqual([]);
      expect(ignoredChanges(stackWith(writer, type))).toEqual([]);
    });
  });
}

// The writers the tables judge on those objects (roles, policy): imported with ignore_changes, the live grant stays.
describe('a writer of a read type on the perimeter (a role, a policy assignment), azurerm or azapi', () => {
  const AUDIT_ONLY = '/providers/Microsoft.Authorization/policyDefinitions/5e1de0e3-42cb-4ebc-a86d-61d0c619ca48';
  const WRITERS: [string, string, (workspace: string, group: string) => Record<string, unknown>, string][] = [
    ['a role assignment on the workspace', 'azurerm_role_assignment', (workspace) => ({ scope: workspace, role_definition_name: 'Monitoring Reader', principal_id: '99999999-7777-8888-9999-000000000001' }), 'scope'],
    ['an azapi role assignment on the workspace', 'azapi_resource', (workspace) => ({ type: 'Microsoft.Authorization/roleAssignments@2022-04-01', name: '11111111-2222-3333-4444-555555555555', parent_id: workspace,
      body: { properties: { roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/73c42c96-874c-492b-b04d-ab87d138a893', principalId: '99999999-7777-8888-9999-000000000001' } } }), 'body'],
    ['a policy assignment on the server\'s resource group', 'azurerm_resource_group_policy_assignment', (_workspace, group) => ({ name: 'audit', resource_group_id: group, policy_definition_id: AUDIT_ONLY }), 'policy_definition_id'],
  ];

  function stackWith(writer: (workspace: string, group: string) => Record<string, unknown>, type: string, lifecycle?: object): TerraformStack {
    const stack = providerStack();
    const group = new TerraformResource(stack, 'Group', { terraformResourceType: 'azurerm_resource_group' });
    group.addOverride('name', 'rg-orders');
    group.addOverride('location', 'westeurope');
    const workspace = new TerraformResource(stack, 'Logs', { terraformResourceType: 'azurerm_log_analytics_workspace' });
    for (const [key, value] of Object.entries({ name: 'log-orders', resource_group_name: 'rg-logs', location: 'westeurope', sku: 'PerGB2018', retention_in_days: 90 })) workspace.addOverride(key, value);
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ resourceGroupName: group.getStringAttribute('name'), diagnosticSettings: DiagnosticSettings.logAnalytics(workspace.getStringAttribute('id')) }));
    const block = new TerraformResource(stack, 'Writer', { terraformResourceType: type });
    const config = writer('${azurerm_log_analytics_workspace.Logs.id}', '${azurerm_resource_group.Group.id}');
    for (const [key, value] of Object.entries({ ...config, ...(lifecycle === undefined ? {} : { lifecycle }) })) block.addOverride(key, value);
    return stack;
  }

  judgesIgnoredChanges(WRITERS, stackWith);
});

// Writers on what the construct makes (its zone, its NSG), by a reference to the made block.
describe('a writer of a read type on what the construct makes (a record in its zone, a rule in its group)', () => {
  const WRITERS: [string, string, (construct: SecureFlexibleServer) => Record<string, unknown>, string][] = [
    ['an A record in the construct\'s zone', 'azurerm_private_dns_a_record', (construct) => ({ name: 'app', zone_name: Fn.element(Fn.split('/', construct.privateDnsZoneId!), 8), resource_group_name: 'rg-orders', ttl: 300, records: ['10.0.1.9'] }), 'records'],
    ['an azapi rule in the construct\'s group', 'azapi_resource', (construct) => ({ type: 'Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01', name: 'app', parent_id: construct.networkSecurityGroupId,
      body: { properties: { priority: 300, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '22', sourceAddressPrefix: '*', destinationAddressPrefix: '*' } } }), 'body'],
  ];

  function stackWith(writer: (construct: SecureFlexibleServer) => Record<string, unknown>, type: string, lifecycle?: object): TerraformStack {
    const stack = providerStack();
    const construct = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const block = new TerraformResource(stack, 'Writer', { terraformResourceType: type });
    for (const [key, value] of Object.entries({ ...writer(construct), ...(lifecycle === undefined ? {} : { lifecycle }) })) block.addOverride(key, value);
    return stack;
  }

  judgesIgnoredChanges(WRITERS, stackWith);
});
