import { TerraformResource, TerraformStack } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, synthErrors, VNET_ID } from '../helpers';

// Sixteenth review, A16a-13 and A16b-3, through the construct: the rules the stack writes into the group the construct is
// given by ID (or that the stack associates with a subnet the construct was given) fail PGF-NET-7 when they open
// PostgreSQL to the internet, and pass when narrow; no other rule (PG-CFG-8, PG-CFG-3) refuses a narrow one.

const GIVEN_NSG = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups/nsg-shared';
const GIVEN_SUBNET = `${VNET_ID}/subnets/snet-postgres`;
const ZONE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/orders.private.postgres.database.azure.com';
const OPEN = { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '5432', sourceAddressPrefix: '*', destinationAddressPrefix: '*' };
const NARROW = { ...OPEN, sourceAddressPrefix: '10.20.0.0/24' };

function stackWith(mode: 'given group' | 'given subnet', blocks: [string, string, Record<string, unknown>][]): TerraformStack {
  const stack = providerStack();
  const network = mode === 'given group'
    ? FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28', networkSecurityGroupResourceId: GIVEN_NSG })
    : FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: GIVEN_SUBNET, privateDnsZoneResourceId: ZONE });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network }));
  for (const [type, id, config] of blocks) {
    const block = new TerraformResource(stack, id, { terraformResourceType: type });
    for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
  }
  return stack;
}

const azapiRule = (rule: object): [string, string, Record<string, unknown>] => ['azapi_resource', 'Rule', { type: 'Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01', parent_id: GIVEN_NSG, name: 'pg', body: { properties: rule } }];
const association: [string, string, Record<string, unknown>] = ['azurerm_subnet_network_security_group_association', 'Association', { subnet_id: GIVEN_SUBNET, network_security_group_id: GIVEN_NSG }];

test('an azapi rule opening 5432 to the internet in the group the construct is given fails PGF-NET-7; a narrow one passes', () => {
  expect(synthErrors(stackWith('given group', [azapiRule(OPEN)])).map((line) => line.split(' ').slice(3, 5).join(' ')).sort()).toEqual([
    // The breadth of what the group lets in is judged on the association that hangs it on the subnet (PGF-NET-11).
    'azapi_resource.Rule PGF-NET-7', 'azurerm_subnet_network_security_group_association.Postgres_SecurityGroupAssociation_0A57196B PGF-NET-11',
  ].sort());
  expect(synthErrors(stackWith('given group', [azapiRule(NARROW)]))).toEqual([]);
});

test('the same in a group the stack associates by literal ID with the subnet the construct is given', () => {
  expect(synthErrors(stackWith('given subnet', [association, azapiRule(OPEN)])).map((line) => line.split(' ').slice(3, 5).join(' ')).sort()).toEqual(['azapi_resource.Rule PGF-NET-7', 'azurerm_subnet_network_security_group_association.Association PGF-NET-11']);
  expect(synthErrors(stackWith('given subnet', [association, azapiRule(NARROW)]))).toEqual([]);
});

// Seventeenth review, A17a-2 and A17a-9, through the construct.
const update = (properties: object, method?: string): [string, string, Record<string, unknown>] => [method === undefined ? 'azapi_update_resource' : 'azapi_resource_action', 'Update',
  { type: 'Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01', resource_id: `${GIVEN_NSG}/securityRules/allow-pg-from-app`, ...(method === undefined ? {} : { method }), body: { properties } }];

test('A17a-2: a partial update or PATCH of an existing rule of the given group that may open PostgreSQL fails closed; one that only narrows passes', () => {
  for (const mode of ['given group', 'given subnet'] as const) {
    const extra = mode === 'given subnet' ? [association] : [];
    for (const partial of [update({ sourceAddressPrefix: '*' }), update({ access: 'Allow' }), update({ sourceAddressPrefix: '*' }, 'PATCH')]) {
      expect(synthErrors(stackWith(mode, [...extra, partial])).join('\n')).toContain('PGF-NET-7');
    }
    expect(synthErrors(stackWith(mode, [...extra, update({ access: 'Deny' })]))).toEqual([]);
  }
});

test('A17a-9: a rule of the given (shared) group to another subnet\'s literal range passes; to the construct\'s subnet it fails', () => {
  expect(synthErrors(stackWith('given group', [azapiRule({ ...OPEN, destinationAddressPrefix: '10.0.9.0/24' })]))).toEqual([]);
  expect(synthErrors(stackWith('given group', [azapiRule({ ...OPEN, destinationAddressPrefix: '10.0.1.0/28' })])).join('\n')).toContain('PGF-NET-7');
  // The subnet the construct is given has a range the stack does not write: the rule may guard it.
  expect(synthErrors(stackWith('given subnet', [association, azapiRule({ ...OPEN, destinationAddressPrefix: '10.0.9.0/24' })])).join('\n')).toContain('PGF-NET-7');
});
