import { addedFindings } from '../support/example-findings';
import { OPEN_GROUP_FINDINGS, openAssociationFindings } from '../support/open-association';

// In examples/flexible-existing-network the server is given its delegated subnet by a variable. A lookup of that subnet (an azapi
// lookup, a GET action, a data.azurerm_subnet of its names) gives back the subnet's ID; an allow-all group associated by that ID
// fails PGF-NET-7. Written through a function that may give the ID back whole (lower, upper, trimspace, tostring, one, try,
// coalesce, element, format("%s"), a conditional's branch, a local holding one of them) it passed: only a plain reference to the
// lookup was read (left open in the 96th run's notes). Such a reading is now the lookup's ID (given-objects.ts mayBeLater: a
// reading that is the lookup's reference whole, expressionReadings' MARKED).

const findings = openAssociationFindings;
const OPEN = OPEN_GROUP_FINDINGS;
const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets@2024-05-01';
const AZAPI = { azapi_resource: { s: { type: SUBNET_TYPE, resource_id: '${var.delegated_subnet_id}', response_export_values: ['id', 'name'] } } };
const ACTION = { azapi_resource_action: { s: { type: SUBNET_TYPE, resource_id: '${var.delegated_subnet_id}', method: 'GET', response_export_values: ['id'] } } };
const AZURERM = { azurerm_subnet: { s: { name: '${element(split("/", var.delegated_subnet_id), 10)}', virtual_network_name: '${element(split("/", var.delegated_subnet_id), 8)}',
  resource_group_name: '${element(split("/", var.delegated_subnet_id), 4)}' } } };

const WRAPPERS: [string, (id: string) => string][] = [
  ['lower', (id) => `\${lower(${id})}`],
  ['upper', (id) => `\${upper(${id})}`],
  ['trimspace', (id) => `\${trimspace(${id})}`],
  ['tostring', (id) => `\${tostring(${id})}`],
  ['one', (id) => `\${one([${id}])}`],
  ['try', (id) => `\${try(${id}, "")}`],
  ['coalesce', (id) => `\${coalesce(${id}, "x")}`],
  ['element', (id) => `\${element([${id}], 0)}`],
  ['format("%s")', (id) => `\${format("%s", ${id})}`],
  ['a conditional\'s branch', (id) => `\${var.admin_group_name == "" ? "none" : ${id}}`],
];

describe.each([
  ['an azapi lookup', AZAPI, 'data.azapi_resource.s.output.id'],
  ['a GET action', ACTION, 'data.azapi_resource_action.s.output.id'],
  ['a lookup by its names', AZURERM, 'data.azurerm_subnet.s.id'],
])('%s of the given subnet', (_lookup, data, reference) => {
  test('as written: fails PGF-NET-7 and PGF-NET-11 (as before)', () => {
    expect(findings(data, `\${${reference}}`)).toEqual(OPEN);
  });

  test.each(WRAPPERS)('through %s: fails as the plain reference does', (_how, wrap) => {
    expect(findings(data, wrap(reference))).toEqual(OPEN);
  });
});

test('through a local that holds lower() of the lookup\'s ID', () => {
  expect(addedFindings('flexible-existing-network', {
    locals: [{ sid: '${lower(data.azapi_resource.s.output.id)}' }],
    data: AZAPI,
    resource: {
      azurerm_network_security_group: { open: { name: 'nsg-open', location: 'westeurope', resource_group_name: 'rg-payments-db', security_rule: [{ name: 'any', priority: 100,
        direction: 'Inbound', access: 'Allow', protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: 'Internet', destination_address_prefix: '*' }] } },
      azurerm_subnet_network_security_group_association: { a: { subnet_id: '${local.sid}', network_security_group_id: '${azurerm_network_security_group.open.id}' } },
    },
  })).toEqual(OPEN);
});

test('controls: a function of another part of the lookup, or one that never gives the ID back whole, is not the subnet', () => {
  expect(findings(AZAPI, '${lower(data.azapi_resource.s.output.name)}')).toEqual([]);
  expect(findings(AZAPI, '${substr(data.azapi_resource.s.output.id, 0, 5)}')).toEqual([]);
  expect(findings(AZAPI, '${var.admin_group_name == "" ? "none" : "other"}')).toEqual([]);
});
