import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformResource } from 'cdktf';
import { SecureFlexibleServer, SecureSingleServer, SingleServerSku, SingleServerVersion } from '../../../lib';
import { checkStack } from '../../cli/cli-harness';
import { minimalProps, minimalSingleProps, providerStack, SUBSCRIPTION, synthErrors, WORKSPACE_ID } from '../../helpers';
import { accessStack } from '../../support/database-fixture';

// Tenth review, A10a-15: an import block adopts a live object into a construct's own resource, and
// what the object holds that the construct does not describe (an NSG's inline rules) stays.

const NSG_ID = `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.Network/networkSecurityGroups/orders-db-postgres-nsg`;
const FIX = 'Fix: Remove the override of the construct\'s resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.';

const ownResource = (scope: SecureFlexibleServer, type: string) =>
  scope.node.findAll().find((c) => (c as TerraformResource).terraformResourceType === type) as TerraformResource;

test.each([
  ['network security group', 'azurerm_network_security_group', NSG_ID],
  ['server', 'azurerm_postgresql_flexible_server', `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`],
])('importFrom on the construct\'s %s fails synth and check', (_, type, id) => {
  const stack = providerStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const resource = ownResource(postgres, type);
  resource.importFrom(id);
  const address = `${type}.${stack.getLogicalId(resource)}`;
  expect(synthErrors(stack)).toEqual([
    `  [test] ${address} PG-CFG-6 ${address} is adopted from a live Azure object by an import block: what that object holds and test/Postgres's props do not describe stays, and no rule judges it. ${FIX}`,
  ]);
  expect(checkStack(stack).code).toBe(1);
});

test('an import of a resource of the caller\'s own beside the construct passes', () => {
  const stack = providerStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  new ResourceGroup(stack, 'Group', { name: 'rg-orders', location: 'westeurope' }).importFrom(`${SUBSCRIPTION}/resourceGroups/rg-orders`);
  new NetworkSecurityGroup(stack, 'Other', { name: 'other', location: 'westeurope', resourceGroupName: 'rg-orders' }).importFrom(`${NSG_ID}-other`);
  expect(synthErrors(stack)).toEqual([]);
});

test('SecureSingleServer adoption imports its own server and Entra administrator: synth and check pass', () => {
  const stack = providerStack();
  new SecureSingleServer(stack, 'Legacy', minimalSingleProps({
    sku: SingleServerSku.GP_GEN5_4, version: SingleServerVersion.V11, storageMb: 102400,
    adoption: { serverResourceId: `${SUBSCRIPTION}/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/legacy-db`, infrastructureEncryptionEnabled: true, geoRedundantBackupEnabled: true },
  }));
  expect(synthErrors(stack).filter((line) => line.includes('PG-CFG-6'))).toEqual([]);
  expect(checkStack(stack).out.filter((line) => / ERROR +PG-CFG-6 /.test(line))).toEqual([]);
});

// Eleventh review, A11a-3 and A11b-1: a moved block (cdktf's moveFromId and moveTo write one) is the
// same adoption by another door, and an import's "to" is a traversal that may hold blanks and comments.
describe('moved blocks and other spellings of the import target', () => {
  const SERVER = 'azurerm_postgresql_flexible_server';
  const movedFinding = (address: string) =>
    `  [test] ${address} PG-CFG-6 ${address} takes over the state of another resource by a moved block: what that object holds and test/Postgres's props do not describe stays, and no rule judges it. ${FIX}`;

  test('moveFromId on the construct\'s server fails synth and check', () => {
    const stack = providerStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    postgres.server.moveFromId(`${SERVER}.legacy`);
    expect(synthErrors(stack)).toEqual([movedFinding(`${SERVER}.${stack.getLogicalId(postgres.server)}`)]);
    expect(checkStack(stack).code).toBe(1);
  });

  test.each([
    ['a moved block into the construct\'s network security group', (nsg: string) => ({ moved: [{ from: 'azurerm_network_security_group.legacy', to: nsg }] })],
    ['an import whose target has blanks', (nsg: string) => ({ import: [{ id: NSG_ID, to: nsg.replace('.', ' .') }] })],
    ['an import whose target has a line break and a comment', (nsg: string) => ({ import: [{ id: NSG_ID, to: nsg.replace('.', '/* legacy */\n.') }] })],
    ['an import whose target is wrapped in ${}', (nsg: string) => ({ import: [{ id: NSG_ID, to: `\${${nsg}}` }] })],
  ])('%s fails synth', (_, blocks) => {
    const stack = providerStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const nsg = ownResource(postgres, 'azurerm_network_security_group');
    const address = `azurerm_network_security_group.${stack.getLogicalId(nsg)}`;
    for (const [section, value] of Object.entries(blocks(address))) stack.addOverride(section, value);
    expect(synthErrors(stack).filter((line) => line.includes('PG-CFG-6'))).toEqual([expect.stringContaining(`${address} PG-CFG-6 ${address} `)]);
  });

  test('a moved block between two resources of the caller\'s own passes', () => {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    new NetworkSecurityGroup(stack, 'Other', { name: 'other', location: 'westeurope', resourceGroupName: 'rg-orders' }).moveFromId('azurerm_network_security_group.old');
    expect(synthErrors(stack)).toEqual([]);
  });

  test('SecureSingleServer adoption\'s suppression of its own imports does not cover a moved block into its server', () => {
    const stack = providerStack();
    const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps({
      sku: SingleServerSku.GP_GEN5_4, version: SingleServerVersion.V11, storageMb: 102400,
      adoption: { serverResourceId: `${SUBSCRIPTION}/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/legacy-db`, infrastructureEncryptionEnabled: true, geoRedundantBackupEnabled: true },
    }));
    legacy.server.moveFromId('azurerm_postgresql_server.old');
    expect(synthErrors(stack).filter((line) => line.includes('PG-CFG-6'))).toEqual([expect.stringContaining('by a moved block')]);
  });
});

describe('imports into a DatabaseAccess resource, and SecureSingleServer adoption\'s own imports only (A11a-3)', () => {
  test('importFrom on a DatabaseAccess group role (a live role, with its grants and members) fails synth', () => {
    const { stack } = accessStack();
    const group = stack.node.findAll().find((c) => c.node.path === 'orders/OrdersAccess/Database-orders/Group-readonly') as TerraformResource;
    group.importFrom('orders_readonly');
    const address = `postgresql_role.${stack.getLogicalId(group)}`;
    expect(synthErrors(stack).filter((line) => line.includes('PG-CFG-6'))).toEqual([expect.stringContaining(`${address} PG-CFG-6 ${address} is adopted from a live Azure object by an import block: what that object holds and orders/OrdersAccess's props do not describe stays`)]);
  });

  test('SecureSingleServer adoption: an import into its private endpoint is not covered by the adoption\'s suppression', () => {
    const stack = providerStack();
    const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps({
      sku: SingleServerSku.GP_GEN5_4, version: SingleServerVersion.V11, storageMb: 102400,
      adoption: { serverResourceId: `${SUBSCRIPTION}/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/legacy-db`, infrastructureEncryptionEnabled: true, geoRedundantBackupEnabled: true },
    }));
    const endpoint = legacy.node.findChild('PrivateEndpoint').node.findChild('Endpoint') as TerraformResource;
    endpoint.importFrom(`${SUBSCRIPTION}/resourceGroups/rg-legacy/providers/Microsoft.Network/privateEndpoints/pe-legacy`);
    expect(synthErrors(stack).filter((line) => line.includes('PG-CFG-6'))).toEqual([expect.stringContaining('private_endpoint')]);
  });
});

// Fourteenth review, A14a-11: an import block whose ID is an object a construct made, into a caller's
// resource (a twin named through a reference, a rule of the same name, a setting of the same name),
// makes two resources of one Azure object: whichever applies last decides what it holds.
describe('imports of an object a construct made into another resource (A14a-11)', () => {
  const SERVER_ID = `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`;
  const cfg6 = (stack: ReturnType<typeof providerStack>) => synthErrors(stack).filter((line) => line.includes('PG-CFG-6'));
  const adopts = (address: string) => expect.stringContaining(`${address} PG-CFG-6 ${address} adopts by an import block`);

  const RULE = { network_security_group_name: 'orders-db-postgres-nsg', resource_group_name: 'rg-orders', priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', source_port_range: '*', destination_port_range: '22', source_address_prefix: '*', destination_address_prefix: '*' };
  const TWINS: { [type: string]: object } = {
    azurerm_network_security_group: { name: 'twin', resource_group_name: 'rg-orders', location: 'westeurope' },
    azurerm_network_security_rule: { name: 'DenyAllInbound', ...RULE },
    azurerm_monitor_diagnostic_setting: { name: 'send-to-log-analytics', target_resource_id: SERVER_ID, log_analytics_workspace_id: WORKSPACE_ID, enabled_metric: [{ category: 'AllMetrics' }] },
    azurerm_subnet: { name: 'twin', resource_group_name: 'rg-network', virtual_network_name: 'vnet-hub', address_prefixes: ['10.0.1.0/28'] },
    azurerm_postgresql_flexible_server_configuration: { name: 'require_secure_transport', server_id: SERVER_ID, value: 'off' },
    azurerm_private_dns_zone: { name: 'twin.private.postgres.database.azure.com', resource_group_name: 'rg-orders' },
  };
  const twin = (stack: ReturnType<typeof providerStack>, type: string, name = 'Twin') => stack.addOverride(`resource.${type}.${name}`, TWINS[type]);

  test.each([
    ['the NSG, by its ID', 'azurerm_network_security_group', NSG_ID],
    ['the NSG, in upper case with a trailing slash', 'azurerm_network_security_group', `${NSG_ID.toUpperCase()}/`],
    ['the NSG\'s DenyAllInbound rule', 'azurerm_network_security_rule', `${NSG_ID}/securityRules/DenyAllInbound`],
    ['the diagnostic setting', 'azurerm_monitor_diagnostic_setting', `${SERVER_ID}|send-to-log-analytics`],
    ['the subnet', 'azurerm_subnet', `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/orders-db-postgres`],
    ['the server parameter require_secure_transport', 'azurerm_postgresql_flexible_server_configuration', `${SERVER_ID}/configurations/require_secure_transport`],
    ['shared private DNS zone', 'azurerm_private_dns_zone', `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.Network/privateDnsZones/orders-db.private.postgres.database.azure.com`],
  ])('a caller\'s resource adopting the construct\'s %s fails synth', (_, type, id) => {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    twin(stack, type);
    stack.addOverride('import', [{ id, to: `${type}.Twin` }]);
    expect(cfg6(stack)).toEqual([adopts(`${type}.Twin`)]);
  });

  test('an import ID spelled from a reference to the made object\'s id (or its server\'s) fails synth', () => {
    const stack = providerStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const nsg = `azurerm_network_security_group.${stack.getLogicalId(ownResource(postgres, 'azurerm_network_security_group'))}`;
    twin(stack, 'azurerm_network_security_rule');
    twin(stack, 'azurerm_monitor_diagnostic_setting');
    stack.addOverride('import', [
      { id: `\${${nsg}.id}/securityRules/DenyAllInbound`, to: 'azurerm_network_security_rule.Twin' },
      { id: `\${${postgres.serverId.replace(/^\$\{|\}$/g, '')}}|send-to-log-analytics`, to: 'azurerm_monitor_diagnostic_setting.Twin' },
    ]);
    expect(cfg6(stack)).toEqual([adopts('azurerm_network_security_rule.Twin'), adopts('azurerm_monitor_diagnostic_setting.Twin')]);
  });

  test('an import ID spelled from a lookup of the made NSG by its literal name and group fails synth', () => {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    stack.addOverride('data.azurerm_network_security_group.Look', { name: 'orders-db-postgres-nsg', resource_group_name: 'rg-orders' });
    twin(stack, 'azurerm_network_security_rule');
    stack.addOverride('import', [{ id: '${data.azurerm_network_security_group.Look.id}/securityRules/DenyAllInbound', to: 'azurerm_network_security_rule.Twin' }]);
    expect(cfg6(stack)).toEqual([adopts('azurerm_network_security_rule.Twin')]);
  });

  test('an import by identity (Terraform 1.12) of the made rule\'s names fails synth; of another rule\'s names passes', () => {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    twin(stack, 'azurerm_network_security_rule');
    stack.addOverride('resource.azurerm_network_security_rule.Other', { ...RULE, name: 'AllowOther', priority: 4000 });
    const identity = { name: 'DenyAllInbound', network_security_group_name: 'orders-db-postgres-nsg', resource_group_name: 'rg-orders', subscription_id: '00000000-0000-0000-0000-000000000000' };
    stack.addOverride('import', [{ identity, to: 'azurerm_network_security_rule.Twin' }, { identity: { ...identity, name: 'AllowOther' }, to: 'azurerm_network_security_rule.Other' }]);
    expect(cfg6(stack)).toEqual([adopts('azurerm_network_security_rule.Twin')]);
  });

  test('an import ID known only later that may spell the made object\'s ID, into a resource of its type, fails synth', () => {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    stack.addOverride('variable', { rule: { type: 'string' } });
    twin(stack, 'azurerm_network_security_rule');
    stack.addOverride('import', [{ id: `${NSG_ID}/securityRules/\${var.rule}`, to: 'azurerm_network_security_rule.Twin' }]);
    expect(cfg6(stack)).toEqual([adopts('azurerm_network_security_rule.Twin')]);
  });

  test('controls: an import of another object, or of an ID a later part makes another, passes', () => {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    stack.addOverride('variable', { rule: { type: 'string' } });
    stack.addOverride('resource.azurerm_network_security_rule.Other', { ...RULE, name: 'AllowOther' });
    stack.addOverride('resource.azurerm_network_security_rule.Later', { ...RULE, name: 'Later', network_security_group_name: 'orders-db-postgres-nsg-other', priority: 4000 });
    stack.addOverride('resource.azurerm_network_security_group.Other', { name: 'orders-db-postgres-nsg-other', resource_group_name: 'rg-orders', location: 'westeurope' });
    stack.addOverride('import', [
      { id: `${NSG_ID}/securityRules/AllowOther`, to: 'azurerm_network_security_rule.Other' },
      { id: `${NSG_ID}-other/securityRules/\${var.rule}`, to: 'azurerm_network_security_rule.Later' },
      { id: `${NSG_ID}-other`, to: 'azurerm_network_security_group.Other' },
    ]);
    expect(cfg6(stack)).toEqual([]);
  });
});
