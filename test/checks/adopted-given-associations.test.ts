import { addedFindings, addedMessages, Blocks, Sections } from '../support/example-findings';

// 96th run, A96b-4: in examples/flexible-existing-network the server is given its delegated subnet by a variable. An association's
// import ID is its subnet's ID, so an import block whose ID is (or may be) that subnet adopts the platform's association of it
// into a block whose subnet_id names another subnet: subnet_id forces a new resource, so the plan deletes the given subnet's
// association (its network security group detached) and makes another. That passed; it now fails PGF-NET-7 (given-subnets.ts
// adoptedGivenAssociations), as does a moved block handing such a block the association another address managed.

const findings = (sections: Sections) => addedFindings('flexible-existing-network', sections);
const messages = (sections: Sections) => addedMessages('flexible-existing-network', sections).join('\n');

const ASSOCIATION = 'azurerm_subnet_network_security_group_association';
const OPEN_RULE = { name: 'any', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: 'Internet', destination_address_prefix: '*' };
const CLOSED_RULE = { ...OPEN_RULE, access: 'Deny' };
const GIVEN_SUBNET = '/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-db';
const blocks = (subnetId: string, rule: object = OPEN_RULE): Blocks => ({
  azurerm_network_security_group: { open: { name: 'nsg-open', location: 'westeurope', resource_group_name: 'rg-payments-db', security_rule: [rule] } },
  azurerm_subnet: { other: { name: 'snet-x', resource_group_name: 'rg-payments-db', virtual_network_name: 'vnet-x', address_prefixes: ['10.9.0.0/24'] } },
  [ASSOCIATION]: { a: { subnet_id: subnetId, network_security_group_id: '${azurerm_network_security_group.open.id}' } },
});
const importing = (id: string) => [{ to: `${ASSOCIATION}.a`, id }];
const OTHER = { other_subnet: { type: 'string' } };
const TAKEN = [`PGF-NET-7 ${ASSOCIATION}.a`];
const DELETES = 'the import adopts the given subnet\'s association and subnet_id replaces it, so the plan deletes it';

test('N6, N6b, N6c: an import of the given subnet\'s association (its variable, a literal subnet ID) into a block of another subnet fails PGF-NET-7', () => {
  const n6 = { import: importing('${var.delegated_subnet_id}'), resource: blocks('${azurerm_subnet.other.id}') };
  const n6b = { import: importing(GIVEN_SUBNET), resource: blocks('${azurerm_subnet.other.id}') };
  const n6c = { variable: OTHER, import: importing('${var.delegated_subnet_id}'), resource: blocks('${var.other_subnet}') };
  for (const patch of [n6, n6b, n6c]) {
    expect(findings(patch)).toEqual(TAKEN);
    expect(messages(patch)).toContain(DELETES);
  }
  expect(messages(n6)).toContain('which is the given subnet');
  expect(messages(n6b)).toContain('which may be the given subnet');
  // The group it then associates is not the point: a closed one deletes the given subnet's association all the same.
  expect(findings({ ...n6, resource: blocks('${azurerm_subnet.other.id}', CLOSED_RULE) })).toEqual(TAKEN);
});

test('N6d: a moved block handing a block of another subnet the association another address managed fails PGF-NET-7', () => {
  const n6d = { moved: [{ from: `${ASSOCIATION}.platform`, to: `${ASSOCIATION}.a` }], resource: blocks('${azurerm_subnet.other.id}') };
  expect(findings(n6d)).toEqual(TAKEN);
  expect(messages(n6d)).toContain('the moved block hands over the given subnet\'s association and subnet_id replaces it');
});

test('controls: the import into a block of the given subnet is judged by its group (N6e); an import of another subnet\'s association passes', () => {
  const n6e = { import: importing('${var.delegated_subnet_id}'), resource: blocks('${var.delegated_subnet_id}') };
  expect(findings(n6e)).toEqual(['PGF-NET-11 azurerm_network_security_group.open', 'PGF-NET-7 azurerm_network_security_group.open']);
  expect(findings({ ...n6e, resource: blocks('${var.delegated_subnet_id}', CLOSED_RULE) })).toEqual([]);
  expect(findings({ variable: OTHER, import: importing('${var.other_subnet}'), resource: blocks('${azurerm_subnet.other.id}') })).toEqual([]);
  expect(findings({ import: importing('${azurerm_subnet.other.id}'), resource: blocks('${azurerm_subnet.other.id}') })).toEqual([]);
  // The same literal subnet imported and named: nothing is replaced.
  expect(findings({ import: importing(GIVEN_SUBNET), resource: blocks(GIVEN_SUBNET, CLOSED_RULE) })).toEqual([]);
});

test('the route table association\'s twin: an import of the given subnet\'s into a block of another subnet fails PGF-NET-7, naming its route table (96th run, A96e-3)', () => {
  const tables = (subnetId: string): Blocks => ({
    azurerm_subnet: { other: { name: 'snet-x', resource_group_name: 'rg-payments-db', virtual_network_name: 'vnet-x', address_prefixes: ['10.9.0.0/24'] } },
    azurerm_route_table: { rt: { name: 'rt-open', location: 'westeurope', resource_group_name: 'rg-payments-db', route: [{ name: 'inet', address_prefix: '0.0.0.0/0', next_hop_type: 'Internet' }] } },
    azurerm_subnet_route_table_association: { a: { subnet_id: subnetId, route_table_id: '${azurerm_route_table.rt.id}' } },
  });
  const rt1 = { import: [{ to: 'azurerm_subnet_route_table_association.a', id: '${var.delegated_subnet_id}' }], resource: tables('${azurerm_subnet.other.id}') };
  expect(findings(rt1)).toEqual(['PGF-NET-7 azurerm_subnet_route_table_association.a']);
  expect(messages(rt1)).toContain('the subnet loses its route table (traffic it sent through a firewall goes another way)');
  expect(findings({ ...rt1, resource: tables('${var.delegated_subnet_id}') })).toEqual([]);
});

test('a subnet_id read from the pointer (a relay, a function of it, a reading azapi action of it) is the given subnet; a lookup of its parts may be another (96th run, A96e-4)', () => {
  const given = (subnetId: string, extra: Sections = {}): Sections => ({ ...extra, import: importing('${var.delegated_subnet_id}'), resource: { ...blocks(subnetId, CLOSED_RULE), ...(extra.resource as object) } });
  const action = { data: { azapi_resource_action: { s: { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', resource_id: '${var.delegated_subnet_id}', method: 'GET', response_export_values: ['id'] } } } };
  expect(findings(given('${data.azapi_resource_action.s.output.id}', action))).toEqual([]);
  expect(findings(given('${terraform_data.r.output}', { resource: { terraform_data: { r: { input: '${var.delegated_subnet_id}' } } } }))).toEqual([]);
  expect(findings(given('${lower(var.delegated_subnet_id)}'))).toEqual([]);
  const parts = { data: { azurerm_subnet: { g: { name: '${element(split("/", var.delegated_subnet_id), 10)}', virtual_network_name: '${element(split("/", var.delegated_subnet_id), 8)}', resource_group_name: '${element(split("/", var.delegated_subnet_id), 4)}' } } } };
  expect(findings(given('${data.azurerm_subnet.g.id}', parts))).toEqual(TAKEN);
  expect(messages(given('${data.azurerm_subnet.g.id}', parts))).toContain('may name another subnet');
});
