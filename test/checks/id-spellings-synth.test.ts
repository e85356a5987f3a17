import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { RouteTable } from '@cdktf/provider-azurerm/lib/route-table';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { SubnetRouteTableAssociation } from '@cdktf/provider-azurerm/lib/subnet-route-table-association';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, synthErrors, TENANT_ID, VNET_ID } from '../helpers';

// Fourteenth review: Azure names and IDs read one way (azure-keys.ts). An ID without its leading "/"
// (azurerm's parser trims it) is the same object (A14b-7); a zone name with a final dot or blank is
// the same zone (ARM refuses such names: read as the name, fail closed; A14a-4); a subnet
// association's `id` is its subnet's ID (id-aliases.ts; A14b-8).

const CONSTRUCT_SUBNET_ID = `${VNET_ID}/subnets/orders-db-postgres`;
const SECOND = 'azurerm_subnet_network_security_group_association.Second';
/** The rule ids of the synth errors on a resource. */
const failedOn = (stack: TerraformStack, address: string) => synthErrors(stack).filter((line) => line.split(' ')[3] === address).map((line) => line.split(' ')[4]);

function besideConstruct(): { stack: TerraformStack; server: SecureFlexibleServer } {
  const stack = providerStack();
  const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  return { stack, server };
}

const openGroup = (stack: TerraformStack) => new NetworkSecurityGroup(stack, 'Open', { name: 'open', resourceGroupName: 'rg-x', location: 'westeurope' });

describe('a subnet ID without its leading "/" (A14b-7)', () => {
  test.each([
    ['the literal ID', () => CONSTRUCT_SUBNET_ID.slice(1)],
    ['the literal ID with a trailing "/" in upper case', () => `${CONSTRUCT_SUBNET_ID.slice(1).toUpperCase()}/`],
    ['a template with a variable subscription', (stack: TerraformStack) => `subscriptions/${new TerraformVariable(stack, 's', { type: 'string' }).stringValue}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/orders-db-postgres`],
    ['a template with a variable subnet name', (stack: TerraformStack) => `${VNET_ID.slice(1)}/subnets/${new TerraformVariable(stack, 's', { type: 'string' }).stringValue}`],
  ])('a second association of the construct\'s subnet by %s fails PGF-NET-7', (_name, subnetId) => {
    const { stack } = besideConstruct();
    new SubnetNetworkSecurityGroupAssociation(stack, 'Second', { subnetId: subnetId(stack), networkSecurityGroupId: openGroup(stack).id });
    expect(failedOn(stack, SECOND)).toEqual(['PGF-NET-7']);
  });

  test.each([
    ['another subnet\'s literal ID', () => `${VNET_ID.slice(1)}/subnets/app`],
    ['a template with a variable name in another VNet', (stack: TerraformStack) => `${VNET_ID.slice(1).replace('vnet-hub', 'vnet-spoke')}/subnets/${new TerraformVariable(stack, 's', { type: 'string' }).stringValue}`],
  ])('control: by %s without the "/" it passes', (_name, subnetId) => {
    const { stack } = besideConstruct();
    new SubnetNetworkSecurityGroupAssociation(stack, 'Second', { subnetId: subnetId(stack), networkSecurityGroupId: openGroup(stack).id });
    expect(failedOn(stack, SECOND)).toEqual([]);
  });
});

describe('the id of a subnet association is its subnet\'s ID (A14b-8)', () => {
  const subnetOf = (stack: TerraformStack) => stack.node.findAll().find((each): each is Subnet => each instanceof Subnet)!;

  test('a second association by the id of a route-table association of the construct\'s subnet fails PGF-NET-7', () => {
    const { stack } = besideConstruct();
    const routes = new RouteTable(stack, 'Routes', { name: 'rt', resourceGroupName: 'rg-x', location: 'westeurope' });
    const rt = new SubnetRouteTableAssociation(stack, 'Rt', { subnetId: subnetOf(stack).id, routeTableId: routes.id });
    new SubnetNetworkSecurityGroupAssociation(stack, 'Second', { subnetId: rt.id, networkSecurityGroupId: openGroup(stack).id });
    expect(failedOn(stack, SECOND)).toEqual(['PGF-NET-7']);
  });

  test('a second association by the id of the construct\'s own association fails PGF-NET-7', () => {
    const { stack } = besideConstruct();
    const own = stack.node.findAll().find((each): each is SubnetNetworkSecurityGroupAssociation => each instanceof SubnetNetworkSecurityGroupAssociation)!;
    new SubnetNetworkSecurityGroupAssociation(stack, 'Second', { subnetId: own.id, networkSecurityGroupId: openGroup(stack).id });
    expect(failedOn(stack, SECOND)).toEqual(['PGF-NET-7']);
  });

  test('a second association by the id of a route-table association of a subnet known only at apply time fails PGF-NET-7', () => {
    const { stack } = besideConstruct();
    const routes = new RouteTable(stack, 'Routes', { name: 'rt', resourceGroupName: 'rg-x', location: 'westeurope' });
    const rt = new SubnetRouteTableAssociation(stack, 'Rt', { subnetId: new TerraformVariable(stack, 's', { type: 'string' }).stringValue, routeTableId: routes.id });
    new SubnetNetworkSecurityGroupAssociation(stack, 'Second', { subnetId: rt.id, networkSecurityGroupId: openGroup(stack).id });
    expect(failedOn(stack, SECOND)).toEqual(['PGF-NET-7']);
  });

  test('control: by the id of a route-table association of another subnet it passes', () => {
    const { stack } = besideConstruct();
    const routes = new RouteTable(stack, 'Routes', { name: 'rt', resourceGroupName: 'rg-x', location: 'westeurope' });
    const rt = new SubnetRouteTableAssociation(stack, 'Rt', { subnetId: `${VNET_ID}/subnets/app`, routeTableId: routes.id });
    new SubnetNetworkSecurityGroupAssociation(stack, 'Second', { subnetId: rt.id, networkSecurityGroupId: openGroup(stack).id });
    expect(failedOn(stack, SECOND)).toEqual([]);
  });
});

describe('a zone name with a final dot or blank (A14a-4)', () => {
  test.each([
    'orders-db.private.postgres.database.azure.com.',
    'orders-db.private.postgres.database.azure.com ',
    'ORDERS-DB.PRIVATE.POSTGRES.DATABASE.AZURE.COM.',
  ])('an A record for the server in the construct\'s zone spelled %j fails PG-NET-1', (zoneName) => {
    const { stack } = besideConstruct();
    new PrivateDnsARecord(stack, 'Shadow', { name: 'orders-db', zoneName, resourceGroupName: 'rg-orders', ttl: 300, records: ['10.99.0.4'] });
    expect(failedOn(stack, 'azurerm_private_dns_a_record.Shadow')).toContain('PG-NET-1');
  });

  test('control: in a zone of another name it passes', () => {
    const { stack } = besideConstruct();
    new PrivateDnsARecord(stack, 'Shadow', { name: 'orders-db', zoneName: 'orders-db.private.postgres.database.azure.com.example.', resourceGroupName: 'rg-orders', ttl: 300, records: ['10.99.0.4'] });
    expect(failedOn(stack, 'azurerm_private_dns_a_record.Shadow')).toEqual([]);
  });
});

describe('names and IDs of a server\'s children with a final dot or without the leading "/" (A14a-4\'s neighbours, A14b-7)', () => {
  const OUTSIDER = '99999999-7777-8888-9999-000000000000';
  const rules = (stack: TerraformStack, rule: string) => synthErrors(stack).filter((line) => line.includes(` ${rule} `));
  const SERVER_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db';
  const publicServer = () => {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.10' }], justification: 'office clients connect directly to it' }) }));
    return stack;
  };

  test.each([
    ['server_name with a final dot', { serverName: 'orders-db.', resourceGroupName: 'rg-orders' }],
    ['resource_group_name with a final dot', { serverName: 'orders-db', resourceGroupName: 'rg-orders.' }],
  ])('an Entra administrator by %s fails PG-IAM-3', (_name, names) => {
    const { stack } = besideConstruct();
    new PostgresqlFlexibleServerActiveDirectoryAdministrator(stack, 'Admin', { ...names, objectId: OUTSIDER, principalName: 'someone', principalType: 'User', tenantId: TENANT_ID });
    expect(rules(stack, 'PG-IAM-3').join('\n')).toContain('azurerm_postgresql_flexible_server_active_directory_administrator.Admin');
  });

  test.each([
    ['with a final dot', `${SERVER_ID}.`],
    ['without the leading "/"', SERVER_ID.slice(1)],
  ])('a /24 firewall rule whose server_id is the construct\'s ID %s fails PG-NET-1', (_name, serverId) => {
    const stack = publicServer();
    new PostgresqlFlexibleServerFirewallRule(stack, 'Wide', { serverId, name: 'wide', startIpAddress: '198.51.100.0', endIpAddress: '198.51.100.255' });
    expect(rules(stack, 'PG-NET-1').join('\n')).toContain('azurerm_postgresql_flexible_server_firewall_rule.Wide');
  });

  test.each(['orders-db-postgres-nsg.', 'orders-db-postgres-nsg '])('an allow-all security rule in the construct\'s group named %j fails PG-NET-1', (groupName) => {
    const { stack } = besideConstruct();
    new NetworkSecurityRule(stack, 'Open', {
      name: 'open', resourceGroupName: 'rg-orders', networkSecurityGroupName: groupName, priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
      sourcePortRange: '*', destinationPortRange: '5432', sourceAddressPrefix: '*', destinationAddressPrefix: '*',
    });
    expect(rules(stack, 'PG-NET-1').join('\n')).toContain('azurerm_network_security_rule.Open');
  });

  test('control: an administrator of another server name passes', () => {
    const { stack } = besideConstruct();
    new PostgresqlFlexibleServerActiveDirectoryAdministrator(stack, 'Admin', { serverName: 'orders-db2', resourceGroupName: 'rg-orders', objectId: OUTSIDER, principalName: 'someone', principalType: 'User', tenantId: TENANT_ID });
    expect(rules(stack, 'PG-IAM-3')).toEqual([]);
  });
});

describe('an azapi update of the construct\'s subnet by the id of one of its associations (A14b-8, PG-CFG-3)', () => {
  const NSG_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/Microsoft.Network/networkSecurityGroups/open';
  const update = (stack: TerraformStack, resourceId: string) => {
    stack.addOverride('terraform.required_providers.azapi', { source: 'Azure/azapi', version: '2.4.0' });
    stack.addOverride('resource.azapi_update_resource.writer', { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', resource_id: resourceId, body: { properties: { networkSecurityGroup: { id: NSG_ID } } } });
  };
  const subnetOf = (stack: TerraformStack) => stack.node.findAll().find((each): each is Subnet => each instanceof Subnet)!;

  test('by a route-table association of the construct\'s subnet it fails', () => {
    const { stack } = besideConstruct();
    const routes = new RouteTable(stack, 'Routes', { name: 'rt', resourceGroupName: 'rg-x', location: 'westeurope' });
    const rt = new SubnetRouteTableAssociation(stack, 'Rt', { subnetId: subnetOf(stack).id, routeTableId: routes.id });
    update(stack, rt.id);
    expect(failedOn(stack, 'azapi_update_resource.writer')).toEqual(['PG-CFG-3']);
  });

  test('control: by a route-table association of another subnet it passes', () => {
    const { stack } = besideConstruct();
    const routes = new RouteTable(stack, 'Routes', { name: 'rt', resourceGroupName: 'rg-x', location: 'westeurope' });
    const rt = new SubnetRouteTableAssociation(stack, 'Rt', { subnetId: `${VNET_ID}/subnets/app`, routeTableId: routes.id });
    update(stack, rt.id);
    expect(failedOn(stack, 'azapi_update_resource.writer')).toEqual([]);
  });
});
