import { addedFindings, addedMessages, Blocks, Sections } from '../support/example-findings';

// 93rd run, A93b-4: in examples/flexible-existing-network the server's delegated subnet is given by a variable, with the platform
// team's network security group on it. A group block an import adopts is that live group when the import names it: azurerm's
// inline `security_rule` list (and an azapi body's securityRules) replaces every rule it holds. Such a group was read as a new
// group nobody associates, so an open rule there passed, where a separate rule of the same names failed PGF-NET-7 + PGF-NET-11
// (given-groups.ts: an adopted group's rules may be the given subnet's group's, as that separate rule's are).

const findings = (sections: Sections) => addedFindings('flexible-existing-network', sections);

const GROUP_ID = '/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups/nsg-spoke-db';
const OPEN = { name: 'any', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: 'Internet', destination_address_prefix: '*' };
const NARROW = { ...OPEN, protocol: 'Tcp', destination_port_range: '5432', source_address_prefix: '10.20.0.0/24' };
const group = (rules?: readonly object[]): Blocks => ({ azurerm_network_security_group: { p: { name: 'nsg-spoke-db', location: 'westeurope', resource_group_name: 'rg-network',
  ...(rules === undefined ? {} : { security_rule: rules }) } } });
const adopt = (id: string, to = 'azurerm_network_security_group.p') => [{ to, id }];
/** A lookup of the given subnet, by the names its pointer spells: its group's ID is the subnet's group. */
const SUBNET_LOOKUP: Blocks = { azurerm_subnet: { s: { name: '${element(split("/", var.delegated_subnet_id), 10)}', virtual_network_name: '${element(split("/", var.delegated_subnet_id), 8)}',
  resource_group_name: '${element(split("/", var.delegated_subnet_id), 4)}' } } };
const SERVER = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';

test('e17: the given subnet\'s group adopted by a literal import ID, its inline rules opening it, fails PGF-NET-7 and PGF-NET-11', () => {
  expect(findings({ import: adopt(GROUP_ID), resource: group([OPEN]) })).toEqual([`PGF-NET-11 ${SERVER}`, 'PGF-NET-7 azurerm_network_security_group.p']);
});

test('e18: adopted by the group ID a lookup of the given subnet reads; by a template of its ID', () => {
  expect(findings({ data: SUBNET_LOOKUP, import: adopt('${data.azurerm_subnet.s.network_security_group_id}'), resource: group([OPEN]) }))
    .toEqual([`PGF-NET-11 ${SERVER}`, 'PGF-NET-7 azurerm_network_security_group.p']);
  const template = '/subscriptions/${data.azurerm_client_config.c.subscription_id}/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups/nsg-spoke-db';
  expect(findings({ data: { azurerm_client_config: { c: {} } }, import: adopt(template), resource: group([OPEN]) })).toEqual([`PGF-NET-11 ${SERVER}`, 'PGF-NET-7 azurerm_network_security_group.p']);
});

test('e20: the azapi form, an azapi_resource of the group adopted by import whose securityRules open it, fails PGF-NET-7 and PGF-NET-11', () => {
  const azapi = { azapi_resource: { p: { type: 'Microsoft.Network/networkSecurityGroups@2024-05-01', name: 'nsg-spoke-db', parent_id: '/subscriptions/0/resourceGroups/rg-network', location: 'westeurope',
    body: { properties: { securityRules: [{ name: 'any', properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*' } }] } } } } };
  expect(findings({ import: adopt(`${GROUP_ID}?api-version=2024-05-01`, 'azapi_resource.p'), resource: azapi })).toEqual([`PGF-NET-11 ${SERVER}`, 'PGF-NET-7 azapi_resource.p']);
});

test('inline rules the checks cannot read (dynamic blocks), or a separate rule written into the adopted group by reference, may open it', () => {
  const dynamic = { azurerm_network_security_group: { p: { name: 'nsg-spoke-db', location: 'westeurope', resource_group_name: 'rg-network',
    dynamic: { security_rule: { for_each: '${var.rules}', content: OPEN } } } } };
  const read = { variable: { rules: { type: 'any' } }, import: adopt(GROUP_ID), resource: dynamic };
  expect(findings(read)).toEqual(['PGF-NET-11 azurerm_network_security_group.p', 'PGF-NET-7 azurerm_network_security_group.p']);
  expect(addedMessages('flexible-existing-network', read).join('\n')).toContain('security rule of azurerm_network_security_group.p, a group an import or moved block adopts');
  const rule = { azurerm_network_security_rule: { r: { ...OPEN, protocol: 'Tcp', destination_port_range: '5432', network_security_group_name: '${azurerm_network_security_group.p.name}', resource_group_name: 'rg-network' } } };
  expect(findings({ import: adopt(GROUP_ID), resource: { ...group(), ...rule } })).toEqual([`PGF-NET-11 ${SERVER}`, 'PGF-NET-7 azurerm_network_security_rule.r']);
  // The same rule in a group the stack makes (no import) is that new group's, which nothing associates.
  expect(findings({ resource: { ...group(), ...rule } })).toEqual([]);
});

test('the message names the adopted group and its rule', () => {
  expect(addedMessages('flexible-existing-network', { import: adopt(GROUP_ID), resource: group([OPEN]) }).join('\n'))
    .toContain('security rule "any" of azurerm_network_security_group.p, a group an import or moved block adopts (its rules replace every rule of the live group), may belong to the network security group of the delegated subnet');
});

test('controls: the same group made new (no import), or adopted with narrow rules, no rule list (azurerm keeps the live rules) or an empty one, passes', () => {
  expect(findings({ resource: group([OPEN]) })).toEqual([]);
  expect(findings({ import: adopt(GROUP_ID), resource: group([NARROW]) })).toEqual([]);
  expect(findings({ import: adopt(GROUP_ID), resource: group() })).toEqual([]);
  expect(findings({ import: adopt(GROUP_ID), resource: group([]) })).toEqual([]);
});

// 95th run, also seen (q/n1.json): a moved block hands the group block the live group another address managed, as an import adopts
// one (stack-created.ts adoptedBy): its inline rules replace the live group's, which may be the given subnet's group. It passed: the
// adopted groups were read from import blocks only.
const moved = (to = 'azurerm_network_security_group.p') => [{ from: 'azurerm_network_security_group.old', to }];

test('n1: the group a moved block hands over, its inline rules opening it, fails PGF-NET-7 and PGF-NET-11 as the imported one does', () => {
  expect(findings({ moved: moved(), resource: group([OPEN]) })).toEqual([`PGF-NET-11 ${SERVER}`, 'PGF-NET-7 azurerm_network_security_group.p']);
  expect(addedMessages('flexible-existing-network', { moved: moved(), resource: group([OPEN]) }).join('\n'))
    .toContain('security rule "any" of azurerm_network_security_group.p, a group an import or moved block adopts');
});

test('n1 controls: moved with narrow rules, or a move into another address, passes', () => {
  expect(findings({ moved: moved(), resource: group([NARROW]) })).toEqual([]);
  expect(findings({ moved: moved('azurerm_network_security_group.other'), resource: group([OPEN]) })).toEqual([]);
});
