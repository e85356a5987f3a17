import { OPEN_GROUP_FINDINGS, openAssociationFindings } from '../support/open-association';

// 96th run, A96e-1: in examples/flexible-existing-network the server is given its delegated subnet by a variable. An azapi lookup
// of that subnet (data.azapi_resource, or an azapi_resource_action that only GETs) whose response_export_values export its `id`
// under another key (`{ sid = "id" }`: `output.sid`) or the whole body under a key (`{ value = "@" }`: `output.value.id`) gives
// back the subnet's ID as `output.id` does; an association of an allow-all group by that reading passed. The export map is now
// read (azapi-lookup-objects.ts exportedBodyPath): a reading of the body's `id`, or of a query the checks do not read, is the ID.

const findings = openAssociationFindings;
const OPEN = OPEN_GROUP_FINDINGS;
const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets@2024-05-01';
const lookup = (exports: unknown) => ({ azapi_resource: { s: { type: SUBNET_TYPE, resource_id: '${var.delegated_subnet_id}', response_export_values: exports } } });
const action = (exports: unknown) => ({ azapi_resource_action: { s: { type: SUBNET_TYPE, resource_id: '${var.delegated_subnet_id}', method: 'GET', response_export_values: exports } } });

test.each([
  ['g9: a GET action exporting the ID as "sid"', action({ sid: 'id' }), '${data.azapi_resource_action.s.output.sid}'],
  ['c9: a lookup exporting the ID as "sid"', lookup({ sid: 'id' }), '${data.azapi_resource.s.output.sid}'],
  ['the same read by index', lookup({ sid: 'id' }), '${data.azapi_resource.s.output["sid"]}'],
  ['g26: a GET action exporting the whole body', action({ value: '@' }), '${data.azapi_resource_action.s.output.value.id}'],
  ['c26: a lookup exporting the whole body', lookup({ value: '@' }), '${data.azapi_resource.s.output.value.id}'],
  ['a query the checks do not read', lookup({ sid: 'join(\'\', [id])' }), '${data.azapi_resource.s.output.sid}'],
])('%s: an open group associated with the subnet it reads fails PGF-NET-7 and PGF-NET-11', (_how, data, subnetId) => {
  expect(findings(data, subnetId)).toEqual(OPEN);
});

test('controls: an export of another part of the subnet, a key the map does not export, and the list form\'s own paths', () => {
  expect(findings(lookup({ sid: 'name' }), '${data.azapi_resource.s.output.sid}')).toEqual([]);
  expect(findings(lookup({ sid: 'id' }), '${data.azapi_resource.s.output.other}')).toEqual([]);
  expect(findings(lookup({ value: '@' }), '${data.azapi_resource.s.output.value.properties.networkSecurityGroup.id}')).toEqual([]);
  expect(findings(lookup(['id']), '${data.azapi_resource.s.output.id}')).toEqual(OPEN);
  expect(findings(lookup(['name']), '${data.azapi_resource.s.output.name}')).toEqual([]);
});
