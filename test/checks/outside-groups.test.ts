import { outsideGroupMembers } from '../../lib/checks/outside-groups';
import { rule as pgNet1 } from '../../lib/checks/rules/PG-NET-1';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt, verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, flexibleServerWithoutVnet, Resources } from './rule-harness';

// A static member of a VNet the server answers in, in a network group the stack does not create (outside-groups.ts,
// PG-NET-1; nineteenth review, A19b-10): the group's admin rules and connectivity configurations are written elsewhere.
// The class test crosses every writer of a membership with every way of naming a group outside the stack (each fails
// with the construct's VNet, passes with another VNet) and with every way of naming a group the stack creates (passes).

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const MANAGER = `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/networkManagers/central`;
const HUB_GROUP = '/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/rg-hub/providers/Microsoft.Network/networkManagers/hub/networkGroups/spokes';
const VNET = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const OTHER_VNET = `${SUB}/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/other`;
const AZAPI_MEMBER = 'Microsoft.Network/networkManagers/networkGroups/staticMembers@2024-05-01';
const AZAPI_GROUP = 'Microsoft.Network/networkManagers/networkGroups@2024-05-01';

/** The stack: a construct's server in subnet 10.0.1.0/28 of vnet-hub, and more. */
function stackOf(extra: Resources): Resources {
  const resources: Resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.0.1.0/28'] } },
  };
  for (const [type, blocks] of Object.entries(extra)) resources[type] = { ...(resources[type] ?? {}), ...blocks };
  return resources;
}

function failures(extra: Resources, imports: readonly string[] = []): string[] {
  const model = buildStackModel({ resource: stackOf(extra) });
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  return outsideGroupMembers(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources, imports: [...imports] }).map((verdict) => (verdict.status === 'fail' ? verdict.message : verdict.status));
}

/** Each writer of a static member of `vnet` in the group `group` names (an ID, as written), with the member's address. */
const WRITERS: { readonly [form: string]: (group: string, vnet: string) => readonly [Resources, string] } = {
  'azurerm static member': (group, vnet) => [{ azurerm_network_manager_static_member: { s: { name: 's', network_group_id: group, target_virtual_network_id: vnet } } }, 'azurerm_network_manager_static_member.s'],
  'azapi static member (resource)': (group, vnet) => [{ azapi_resource: { s: { type: AZAPI_MEMBER, name: 's', parent_id: group, body: { properties: { resourceId: vnet } } } } }, 'azapi_resource.s'],
  'azapi static member (PUT action by the member ID)': (group, vnet) => [{ azapi_resource_action: { s: { type: AZAPI_MEMBER, resource_id: `${group}/staticMembers/s`, method: 'PUT', body: { properties: { resourceId: vnet } } } } }, 'azapi_resource_action.s'],
  'azapi static member (update, JSON text, sensitive_body)': (group, vnet) => [{ azapi_update_resource: { s: { type: AZAPI_MEMBER, resource_id: `${group}/staticMembers/s`, body: '{}', sensitive_body: JSON.stringify({ properties: { resourceId: vnet } }) } } }, 'azapi_update_resource.s'],
};

/** Each way of naming a group the stack does not create: the pointer and what the stack writes beside it; imports as addresses. */
const OUTSIDE: { readonly [form: string]: readonly [string, Resources, readonly string[]] } = {
  'a literal ID in another subscription': [HUB_GROUP, {}, []],
  'a literal ID in another case': [HUB_GROUP.toUpperCase(), {}, []],
  'a lookup': ['${data.azurerm_network_manager_network_group.hub.id}', {}, []],
  'a variable': ['${var.group_id}', {}, []],
  'a template on a looked-up manager': ['${data.azurerm_network_manager.hub.id}/networkGroups/spokes', {}, []],
  'an imported azurerm group': ['${azurerm_network_manager_network_group.g.id}', { azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: MANAGER } } }, ['azurerm_network_manager_network_group.g']],
  'an imported azapi group': ['${azapi_resource.g.id}', { azapi_resource: { g: { type: AZAPI_GROUP, name: 'g', parent_id: MANAGER, body: { properties: {} } } } }, ['azapi_resource.g']],
  'an azapi update of a group': ['${azapi_update_resource.g.id}', { azapi_update_resource: { g: { type: AZAPI_GROUP, resource_id: `${MANAGER}/networkGroups/g`, body: { properties: { description: 'x' } } } } }, []],
  // One notion of "the stack creates it" (stack-created.ts, h-g24c): a PUT action writes over a group that may exist, with its live members and configurations.
  'a group a PUT action writes': ['${azapi_resource_action.g.id}', { azapi_resource_action: { g: { type: AZAPI_GROUP, resource_id: `${MANAGER}/networkGroups/g`, method: 'PUT', body: { properties: {} } } } }, []],
  'a literal ID of another group than the stack\'s': [`${MANAGER}/networkGroups/other`, { azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: MANAGER } } }, []],
};

/** Each way of naming a group the stack creates. */
const CREATED: { readonly [form: string]: readonly [string, Resources] } = {
  'a reference to an azurerm group': ['${azurerm_network_manager_network_group.g.id}', { azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: '${azurerm_network_manager.m.id}' } } }],
  'a reference to an azapi group': ['${azapi_resource.g.id}', { azapi_resource: { g: { type: AZAPI_GROUP, name: 'g', parent_id: MANAGER, body: { properties: {} } } } }],
  'the literal ID of the azurerm group the stack writes with a literal manager': [`${MANAGER}/networkGroups/G`, { azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: MANAGER } } }],
};

const merged = (...parts: Resources[]): Resources => {
  const all: Resources = {};
  for (const part of parts) for (const [type, blocks] of Object.entries(part)) all[type] = { ...(all[type] ?? {}), ...blocks };
  return all;
};

const message = (address: string, pointer: string) => `${address} may add the VNet of ${CONSTRUCT}'s server to network group ${pointer}, which the stack does not create: the security admin rules and connectivity configurations written for that group elsewhere (an AlwaysAllow rule passes the construct's network security group) then act on that VNet, and cannot be read. Write the group in the stack (what the stack writes into it is judged), or review that group's configurations and suppress PG-NET-1 on the resource with the reason.`;

describe('the class: every writer of a membership × every group outside the stack', () => {
  const cases = Object.keys(WRITERS).flatMap((writer) => Object.keys(OUTSIDE).map((group) => [writer, group]));

  test.each(cases)('%s, %s: fails with the construct\'s VNet (a literal ID in any case, or a reference)', (writer, group) => {
    const [pointer, beside, imports] = OUTSIDE[group];
    for (const vnet of [VNET, VNET.toUpperCase(), '${azurerm_virtual_network.hub.id}']) {
      const [member, address] = WRITERS[writer](pointer, vnet);
      const vnetBlock = { azurerm_virtual_network: { hub: { name: 'vnet-hub', resource_group_name: 'rg-network', address_space: ['10.0.0.0/16'] } } };
      const found = failures(merged(member, beside, vnetBlock), imports);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(new RegExp(`^${address.replace(/\./g, '\\.')} may add the VNet`));
    }
  });

  test.each(cases)('%s, %s: passes with another literal VNet', (writer, group) => {
    const [pointer, beside, imports] = OUTSIDE[group];
    expect(failures(merged(WRITERS[writer](pointer, OTHER_VNET)[0], beside), imports)).toEqual([]);
  });

  test.each(Object.keys(WRITERS))('%s: a VNet known only later (a variable, a body known only later) may be the construct\'s', (writer) => {
    expect(failures(WRITERS[writer](HUB_GROUP, '${var.vnet_id}')[0])).toHaveLength(1);
  });
});

describe('a group the stack creates is judged by what the stack writes into it', () => {
  const cases = Object.keys(WRITERS).flatMap((writer) => Object.keys(CREATED).map((group) => [writer, group]));
  test.each(cases)('%s, %s: passes with the construct\'s VNet', (writer, group) => {
    const [pointer, beside] = CREATED[group];
    expect(failures(merged(WRITERS[writer](pointer, VNET)[0], beside))).toEqual([]);
  });
});

describe('the message and the rule', () => {
  test('names the member and the group pointer; PG-NET-1 fails on it', () => {
    expect(failures(WRITERS['azurerm static member'](HUB_GROUP, VNET)[0])).toEqual([message('azurerm_network_manager_static_member.s', JSON.stringify(HUB_GROUP))]);
    expect(failures(WRITERS['azurerm static member']('${var.group_id}', VNET)[0])).toEqual([message('azurerm_network_manager_static_member.s', '${var.group_id}')]);
    const verdicts = verdictsBeside(pgNet1, stackOf(WRITERS['azurerm static member'](HUB_GROUP, VNET)[0]), [CONSTRUCT]);
    expect(verdicts.filter((verdict) => verdict.status === 'fail').map((verdict) => verdict.address)).toContain('azurerm_network_manager_static_member.s');
  });

  test('a server without a VNet has nothing to join', () => {
    const model = buildStackModel({ resource: { [FLEXIBLE]: { db: { ...flexibleServerWithoutVnet(), ...madeAt(`${CONSTRUCT}/Server`) } }, ...WRITERS['azurerm static member'](HUB_GROUP, VNET)[0] } });
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    expect(outsideGroupMembers(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources })).toEqual([]);
  });
});
