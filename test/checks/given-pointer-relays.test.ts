import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { addedFindings, Blocks, Sections } from '../support/example-findings';
import { exampleJson } from '../support/example-stacks';

// 93rd run, A93b-3: in examples/flexible-existing-network the server is given its delegated subnet and private DNS zone by
// variables. A write on them through a relay (`terraform_data.r.output` whose input is `var.delegated_subnet_id`, or an
// expression over the zone's pointer) passed, where the same write by the pointer itself failed, and the same relay of the
// construct's own subnet or zone failed. A relay whose input is the given pointer is read as the pointer (given-objects.ts
// readsPointer, given-zones.ts).

/** What the blocks added to the example make the rules say. */
const findings = (sections: Sections) => addedFindings('flexible-existing-network', sections);

const OPEN_GROUP = { name: 'nsg-open', location: 'westeurope', resource_group_name: 'rg-payments-db', security_rule: [{ name: 'any', priority: 100, direction: 'Inbound',
  access: 'Allow', protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: 'Internet', destination_address_prefix: '*' }] };
const relay = (input: string): Blocks => ({ terraform_data: { r: { input } } });
const openAssociation = (subnetId: string): Blocks => ({ azurerm_network_security_group: { open: OPEN_GROUP },
  azurerm_subnet_network_security_group_association: { a: { subnet_id: subnetId, network_security_group_id: '${azurerm_network_security_group.open.id}' } } });
const record = (zoneName: string): Blocks => ({ azurerm_private_dns_a_record: { r: { name: 'payments-db-prod', zone_name: zoneName,
  resource_group_name: '${element(split("/", var.private_dns_zone_id), 4)}', ttl: 10, records: ['10.9.9.9'] } } });
const OPENED = ['PGF-NET-11 azurerm_network_security_group.open', 'PGF-NET-7 azurerm_network_security_group.open'];

test('control: the example as written fails no rule', () => {
  expect(evaluateStack(exampleJson('flexible-existing-network'), ALL_RULES).findings.filter((f) => f.status === 'fail' && f.severity === 'error')).toEqual([]);
});

test('e2b: an open group associated with the given subnet through a relay of its pointer fails PGF-NET-7 and PGF-NET-11', () => {
  expect(findings({ resource: { ...relay('${var.delegated_subnet_id}'), ...openAssociation('${terraform_data.r.output}') } })).toEqual(OPENED);
  // An expression over the relay reads it too.
  expect(findings({ resource: { ...relay('${var.delegated_subnet_id}'), ...openAssociation('${trimspace(terraform_data.r.output)}') } })).toEqual(OPENED);
});

test('e13: an azapi update of the given subnet through a relay of its pointer (its group detached) fails PG-CFG-3', () => {
  const update = { azapi_update_resource: { u: { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', resource_id: '${terraform_data.r.output}', body: { properties: { networkSecurityGroup: null } } } } };
  expect(findings({ resource: { ...relay('${var.delegated_subnet_id}'), ...update } })).toEqual(['PG-CFG-3 azapi_update_resource.u']);
});

test('e10: a record of the server\'s name in a zone named through a relay of the given zone\'s name fails PG-NET-1', () => {
  expect(findings({ resource: { ...relay('${basename(var.private_dns_zone_id)}'), ...record('${terraform_data.r.output}') } })).toEqual(['PG-NET-1 azurerm_private_dns_a_record.r']);
});

test('an azapi record under a relay of the given zone\'s pointer fails PG-NET-1', () => {
  const azapiRecord = { azapi_resource: { w: { type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', name: 'payments-db-prod', parent_id: '${terraform_data.r.output}', body: { properties: { ttl: 10, aRecords: [{ ipv4Address: '10.9.9.9' }] } } } } };
  expect(findings({ resource: { ...relay('${var.private_dns_zone_id}'), ...azapiRecord } })).toEqual(['PG-NET-1 azapi_resource.w']);
});

test('control: a relay of another variable is not read as the given pointer (its subnet or zone is the caller\'s other object)', () => {
  const other = { variable: { other_id: { type: 'string' } } };
  expect(findings({ ...other, resource: { ...relay('${var.other_id}'), ...openAssociation('${terraform_data.r.output}') } })).toEqual([]);
  expect(findings({ ...other, resource: { ...relay('${basename(var.other_id)}'), ...record('${terraform_data.r.output}') } })).toEqual([]);
});
