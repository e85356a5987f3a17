import { laterObject, mayBeLater } from '../../lib/checks/given-objects';
import { evaluateTemplate, NO_LOCALS } from '../../lib/checks/hcl-expression';
import { buildStackModel } from '../../lib/checks/stack-model';
import { Blocks } from '../support/example-findings';
import { OPEN_GROUP_FINDINGS, openAssociationFindings } from '../support/open-association';

// 96th run, A96e-2: in examples/flexible-existing-network the server is given its delegated subnet by a variable, so any subnet of
// a literal VNet may be it (its literal ID fails). An item of a list of that VNet's subnets (a GET of its `subnets` collection,
// data.azapi_resource_list by its parent_id, a lookup of the VNet whose body holds `properties.subnets[i].id`) as an association's
// subnet_id passed. Such an item is now read as the list's objects (given-objects.ts mayBeLater: listMayHold, parentBodyMayHold).

const findings = openAssociationFindings;
const OPEN = OPEN_GROUP_FINDINGS;
const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets@2024-05-01';
const VNET_TYPE = 'Microsoft.Network/virtualNetworks@2024-05-01';
const GROUP = '/subscriptions/0/resourceGroups/rg-payments-db';
const VNET = `${GROUP}/providers/Microsoft.Network/virtualNetworks/vnet-spoke`;
const get = (type: string, resourceId: string, extra: object = {}) => ({ azapi_resource_action: { s: { type, method: 'GET', resource_id: resourceId, response_export_values: ['value'], ...extra } } });
const vnetLookup = { azapi_resource: { vn: { type: VNET_TYPE, parent_id: GROUP, name: 'vnet-spoke' } } };
const ITEM = '${data.azapi_resource_action.s.output.value[0].id}';
const LIST_ITEM = '${data.azapi_resource_list.s.output.value[0].id}';

test.each([
  ['h1: a GET of the VNet\'s action "subnets"', get(SUBNET_TYPE, VNET, { action: 'subnets' }), ITEM],
  ['h2: a GET of the collection URL', get(SUBNET_TYPE, `${VNET}/subnets`), ITEM],
  ['h7: by the method "get"', get(SUBNET_TYPE, VNET, { action: 'subnets', method: 'get' }), ITEM],
  ['h12: the resource group and an action of the VNet\'s path', get(SUBNET_TYPE, GROUP, { action: 'providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets' }), ITEM],
  ['h15: the action "SUBNETS"', get(SUBNET_TYPE, VNET, { action: 'SUBNETS' }), ITEM],
  ['h3: a GET of the subnets of a VNet looked up by names', { ...get(SUBNET_TYPE, '${data.azapi_resource.vn.id}', { action: 'subnets' }), ...vnetLookup }, ITEM],
  ['h19: an azapi list of subnets by the VNet\'s literal ID', { azapi_resource_list: { s: { type: SUBNET_TYPE, parent_id: VNET, response_export_values: ['value'] } } }, LIST_ITEM],
  ['h4: an azapi list of subnets of a VNet lookup', { azapi_resource_list: { s: { type: SUBNET_TYPE, parent_id: '${data.azapi_resource.vn.id}', response_export_values: ['value'] } }, ...vnetLookup }, LIST_ITEM],
  ['an item read through a function', { azapi_resource_list: { s: { type: SUBNET_TYPE, parent_id: VNET, response_export_values: ['value'] } } }, '${one(data.azapi_resource_list.s.output.value[*].id)}'],
  ['h9: a GET of the VNet, an ID of its body\'s subnets', get(VNET_TYPE, VNET, { response_export_values: ['properties.subnets'] }), '${data.azapi_resource_action.s.output.properties.subnets[0].id}'],
  ['h10: a lookup of the VNet, an ID of its body\'s subnets', { azapi_resource: { s: { type: VNET_TYPE, resource_id: VNET, response_export_values: ['properties.subnets'] } } }, '${data.azapi_resource.s.output.properties.subnets[0].id}'],
])('%s: an open group associated with a listed subnet fails PGF-NET-7 and PGF-NET-11', (_how, data, subnetId) => {
  expect(findings(data, subnetId)).toEqual(OPEN);
});

test('controls: a list of another type, and a part of the VNet\'s body that is no ID, pass', () => {
  expect(findings(get('Microsoft.Network/networkSecurityGroups@2024-05-01', `${GROUP}/providers/Microsoft.Network/networkSecurityGroups`), ITEM)).toEqual([]);
  expect(findings({ azapi_resource: { s: { type: VNET_TYPE, resource_id: VNET, response_export_values: ['properties.subnets'] } } }, '${data.azapi_resource.s.output.properties.subnets[0].name}')).toEqual([]);
});

describe('a given subnet of a literal VNet (its subnet known only later)', () => {
  const given = laterObject('subnet', evaluateTemplate(`/subscriptions/\${var.s}/resourceGroups/rg-payments-db/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/\${var.n}`, NO_LOCALS), undefined)!;
  const mayBe = (data: Blocks, pointer: string) => {
    const model = buildStackModel({ data });
    return mayBeLater(given, evaluateTemplate(pointer, NO_LOCALS), { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups });
  };
  const list = (vnet: string) => ({ azapi_resource_list: { s: { type: SUBNET_TYPE, parent_id: vnet, response_export_values: ['value'] } } });
  const body = (vnet: string) => ({ azapi_resource: { s: { type: VNET_TYPE, resource_id: vnet, response_export_values: ['properties.subnets'] } } });
  const other = VNET.replace('vnet-spoke', 'vnet-other');

  test('an item of a list of its VNet\'s subnets, or of its VNet\'s body, may be it', () => {
    expect(mayBe(list(VNET), LIST_ITEM)).toBe(true);
    expect(mayBe(body(VNET), '${data.azapi_resource.s.output.properties.subnets[0].id}')).toBe(true);
    expect(mayBe(get(SUBNET_TYPE, VNET, { action: 'subnets' }), ITEM)).toBe(true);
  });

  test('an item of another VNet\'s list or body is not', () => {
    expect(mayBe(list(other), LIST_ITEM)).toBe(false);
    expect(mayBe(body(other), '${data.azapi_resource.s.output.properties.subnets[0].id}')).toBe(false);
    expect(mayBe(get(SUBNET_TYPE, other, { action: 'subnets' }), ITEM)).toBe(false);
  });
});
