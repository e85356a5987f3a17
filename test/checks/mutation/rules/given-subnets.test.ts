// The associations a stack writes onto the delegated subnet a server was given (given-subnets.ts, read
// by PGF-NET-7 and PGF-NET-11), on the stack model directly: by the server's own expression, its literal
// ID in any case, a lookup of the subnet's literal names, and the group each names (A14b-17).
import { givenSubnetAssociations } from '../../../../lib/checks/given-subnets';
import { StackFacts } from '../../../../lib/checks/rule';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../../rule-harness';

const GIVEN = '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-db';
const ASSOCIATION = 'azurerm_subnet_network_security_group_association';
const NSG = 'azurerm_network_security_group';

function associationsOf(pointer: string, resources: Resources, data: Resources = {}): string[] {
  const model = buildStackModel({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: pointer }) }, ...resources }, data });
  const stack: StackFacts = { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups };
  const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
  return givenSubnetAssociations(server, stack).map((association) => `${association.address}: ${association.securityGroup?.address ?? '-'} [${association.securityGroup?.separateRules.map((rule) => rule.address).join(', ') ?? ''}]`);
}

const group = { name: 'nsg-db', resource_group_name: 'rg-db', location: 'westeurope' };
const rule = (name: unknown, resourceGroup = 'rg-db') => ({ name: 'r', resource_group_name: resourceGroup, network_security_group_name: name, priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: '*', destination_address_prefix: '*' });

test('an association by the same literal ID (any case, trailing slash) or a lookup of the subnet\'s literal names, its group by reference or literal ID, with the group\'s separate rules', () => {
  expect(associationsOf(GIVEN, {
    [NSG]: { db: group },
    [ASSOCIATION]: {
      literal: { subnet_id: `${GIVEN.toUpperCase()}/`, network_security_group_id: `\${${NSG}.db.id}` },
      lookup: { subnet_id: '${data.azurerm_subnet.s.id}', network_security_group_id: '/subscriptions/0/resourceGroups/RG-DB/providers/Microsoft.Network/networkSecurityGroups/NSG-DB' },
      hub: { subnet_id: GIVEN, network_security_group_id: '/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/networkSecurityGroups/nsg-hub' },
      other: { subnet_id: GIVEN.replace('snet-db', 'snet-app'), network_security_group_id: `\${${NSG}.db.id}` },
      otherLookup: { subnet_id: '${data.azurerm_subnet.other.id}', network_security_group_id: `\${${NSG}.db.id}` },
    },
    azurerm_network_security_rule: { byName: rule(`\${${NSG}.db.name}`), literal: rule('NSG-DB', 'RG-DB'), elsewhere: rule('nsg-db', 'rg-other') },
  }, { azurerm_subnet: { s: { name: 'snet-db', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-hub' }, other: { name: 'snet-db', virtual_network_name: 'vnet-spoke', resource_group_name: 'rg-hub' } } })).toEqual([
    `${ASSOCIATION}.hub: - []`,
    `${ASSOCIATION}.literal: ${NSG}.db [azurerm_network_security_rule.byName, azurerm_network_security_rule.literal]`,
    `${ASSOCIATION}.lookup: ${NSG}.db [azurerm_network_security_rule.byName, azurerm_network_security_rule.literal]`,
  ]);
});

test('by the server\'s own expression only: another variable, or none, is another subnet', () => {
  const associations = { same: { subnet_id: '${var.delegated_subnet_id}', network_security_group_id: '${var.nsg}' }, other: { subnet_id: '${var.other}', network_security_group_id: '${var.nsg}' } };
  expect(associationsOf('${var.delegated_subnet_id}', { [ASSOCIATION]: associations })).toEqual([`${ASSOCIATION}.same: - []`]);
});
