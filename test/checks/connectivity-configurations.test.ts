import { connectedVnets } from '../../lib/checks/connectivity-configurations';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, flexibleServerWithoutVnet, Resources } from './rule-harness';

// Virtual Network Manager connectivity configurations (connectivity-configurations.ts, PG-NET-1; sixteenth review, A16b-7):
// hub-and-spoke or mesh over a network group that may hold the construct's VNet connects it like a peering. The class test
// crosses every form of group membership (network-group-members.ts) with every form of configuration: each fails when the
// group may hold the construct's VNet (vnet-hub) and passes when its member is provably another VNet.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const MANAGER = `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/networkManagers/central`;
const GROUP_ID = `${MANAGER}/networkGroups/g`;
const VNET = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const OTHER_VNET = `${SUB}/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/other`;
const HUB = `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/hub`;
const GROUP_REF = '${azurerm_network_manager_network_group.g.id}';
const AZAPI_MEMBER = 'Microsoft.Network/networkManagers/networkGroups/staticMembers@2024-05-01';
const AZAPI_CONNECTIVITY = 'Microsoft.Network/networkManagers/connectivityConfigurations@2024-05-01';

/** The failures of connectivity configurations beside a construct's server in subnet 10.0.1.0/28 of vnet-hub. */
function failures(extra: Resources): string[] {
  const resources: Resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.0.1.0/28'] } },
    // The group g the stack creates, under the literal manager GROUP_ID spells (a literal ID names it surely).
    azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: MANAGER } },
    ...extra,
  };
  const model = buildStackModel({ resource: resources });
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  return connectedVnets(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources }).map((verdict) => (verdict.status === 'fail' ? verdict.message : verdict.status));
}

/** Each way a VNet joins group g: the forms of membership. */
const MEMBERSHIPS: { readonly [form: string]: (vnet: string) => Resources } = {
  'azurerm static member, group by reference': (vnet) => ({ azurerm_network_manager_static_member: { s: { name: 's', network_group_id: GROUP_REF, target_virtual_network_id: vnet } } }),
  'azurerm static member, group by literal ID': (vnet) => ({ azurerm_network_manager_static_member: { s: { name: 's', network_group_id: GROUP_ID.toUpperCase(), target_virtual_network_id: vnet } } }),
  'azurerm static member, group by template': (vnet) => ({ azurerm_network_manager_static_member: { s: { name: 's', network_group_id: '${data.azurerm_network_manager.m.id}/networkGroups/g', target_virtual_network_id: vnet } } }),
  'azurerm static member, group by variable': (vnet) => ({ azurerm_network_manager_static_member: { s: { name: 's', network_group_id: '${var.group}', target_virtual_network_id: vnet } } }),
  'azapi static member (resource)': (vnet) => ({ azapi_resource: { s: { type: AZAPI_MEMBER, name: 's', parent_id: GROUP_REF, body: { properties: { resourceId: vnet } } } } }),
  'azapi static member (PUT action, by the member ID)': (vnet) => ({ azapi_resource_action: { s: { type: AZAPI_MEMBER, resource_id: `${GROUP_ID}/staticMembers/s`, method: 'PUT', body: { properties: { resourceId: vnet } } } } }),
  'azapi static member (update, JSON text)': (vnet) => ({ azapi_update_resource: { s: { type: AZAPI_MEMBER, resource_id: '${azurerm_network_manager_network_group.g.id}/staticMembers/s', body: JSON.stringify({ properties: { resourceId: vnet } }) } } }),
};

/** Each way a configuration connects group g: the forms of configuration. */
const CONFIGURATIONS: { readonly [form: string]: Resources } = {
  'azurerm HubAndSpoke': { azurerm_network_manager_connectivity_configuration: { c: { name: 'c', network_manager_id: '${data.azurerm_network_manager.m.id}', connectivity_topology: 'HubAndSpoke', applies_to_group: [{ group_connectivity: 'None', network_group_id: GROUP_REF }], hub: [{ resource_id: HUB, resource_type: 'Microsoft.Network/virtualNetworks' }] } } },
  'azurerm Mesh': { azurerm_network_manager_connectivity_configuration: { c: { name: 'c', network_manager_id: '${data.azurerm_network_manager.m.id}', connectivity_topology: 'Mesh', global_mesh_enabled: true, applies_to_group: [{ group_connectivity: 'DirectlyConnected', network_group_id: GROUP_REF }] } } },
  'azapi resource (group by literal ID)': { azapi_resource: { c: { type: AZAPI_CONNECTIVITY, name: 'c', parent_id: MANAGER, body: { properties: { connectivityTopology: 'Mesh', appliesToGroups: [{ groupConnectivity: 'DirectlyConnected', networkGroupId: GROUP_ID }] } } } } },
  'azapi PUT action': { azapi_resource_action: { c: { type: AZAPI_CONNECTIVITY, resource_id: `${MANAGER}/connectivityConfigurations/c`, method: 'PUT', body: { properties: { connectivityTopology: 'HubAndSpoke', hubs: [{ resourceId: HUB, resourceType: 'Microsoft.Network/virtualNetworks' }], appliesToGroups: [{ networkGroupId: GROUP_REF }] } } } } },
  'azapi update (JSON text)': { azapi_update_resource: { c: { type: AZAPI_CONNECTIVITY, resource_id: `${MANAGER}/connectivityConfigurations/c`, body: JSON.stringify({ properties: { connectivityTopology: 'Mesh', appliesToGroups: [{ networkGroupId: GROUP_ID }] } }) } } },
};

/** Both, merged by type (a membership and a configuration may both be azapi). */
function stackOf(membership: Resources, configuration: Resources): Resources {
  const merged: Resources = { ...membership };
  for (const [type, blocks] of Object.entries(configuration)) merged[type] = { ...(merged[type] ?? {}), ...blocks };
  return merged;
}

const address = (configuration: Resources) => `${Object.keys(configuration)[0]}.c`;
const failure = (configuration: string, why: string) => `${configuration} is a Virtual Network Manager connectivity configuration that may connect the VNet of ${CONSTRUCT}'s server to other VNets (${why}): like a VNet peering, it widens the VirtualNetwork source the construct's network security group admits, a network path ${CONSTRUCT} does not declare. Narrow the construct's allowedSources (network prop) or suppress PG-NET-1 on the resource with the reason.`;

describe('the class: every form of membership × every form of configuration', () => {
  const cases = Object.keys(MEMBERSHIPS).flatMap((membership) => Object.keys(CONFIGURATIONS).map((configuration) => [membership, configuration]));

  test.each(cases)('%s, %s: fails with the construct\'s VNet (literal ID, any case, or a reference) in the group', (membership, configuration) => {
    const expected = [failure(address(CONFIGURATIONS[configuration]), 'a network group it applies to may hold that VNet')];
    expect(failures(stackOf(MEMBERSHIPS[membership](VNET), CONFIGURATIONS[configuration]))).toEqual(expected);
    expect(failures(stackOf(MEMBERSHIPS[membership](VNET.toUpperCase()), CONFIGURATIONS[configuration]))).toEqual(expected);
    const byReference = { ...stackOf(MEMBERSHIPS[membership]('${azurerm_virtual_network.hub.id}'), CONFIGURATIONS[configuration]), azurerm_virtual_network: { hub: { name: 'vnet-hub', resource_group_name: 'rg-network', address_space: ['10.0.0.0/16'] } } };
    expect(failures(byReference)).toEqual(expected);
  });

  test.each(cases)('%s, %s: passes with only another literal VNet in the group', (membership, configuration) => {
    expect(failures(stackOf(MEMBERSHIPS[membership](OTHER_VNET), CONFIGURATIONS[configuration]))).toEqual([]);
  });

  test.each(Object.keys(CONFIGURATIONS))('%s: fails a group Azure Policy fills (mode Microsoft.Network.Data), another azapi child of a group, no member in the stack', (configuration) => {
    const member = MEMBERSHIPS['azurerm static member, group by reference'](OTHER_VNET);
    const policy = { azurerm_policy_definition: { p: { name: 'p', policy_type: 'Custom', mode: 'Microsoft.Network.Data', policy_rule: '{"if":{},"then":{"effect":"addToNetworkGroup","details":{"networkGroupId":"g"}}}' } } };
    expect(failures(stackOf({ ...member, ...policy }, CONFIGURATIONS[configuration]))).toEqual([failure(address(CONFIGURATIONS[configuration]), 'a network group it applies to may hold that VNet (azurerm_policy_definition.p may fill network groups by Azure Policy: its effect is addToNetworkGroup)')]);
    const child = { azapi_resource: { other: { type: 'Microsoft.Network/networkManagers/networkGroups/somethingNew@2030-01-01', name: 'x', parent_id: GROUP_REF, body: {} } } };
    expect(failures(stackOf({ ...member, ...child }, CONFIGURATIONS[configuration]))).toHaveLength(1);
    expect(failures(CONFIGURATIONS[configuration])).toEqual([failure(address(CONFIGURATIONS[configuration]), 'a network group it applies to may hold that VNet')]);
  });
});

// One notion of "a group the stack creates" (createdGroup, h-g24c): a literal ID names the stack's group only when that group's
// name and manager ID are both written in full; under a looked-up manager the ID may name another manager's group g, with live members.
describe('a configuration naming by literal ID a group whose manager is known only later', () => {
  test.each(['azapi resource (group by literal ID)', 'azapi update (JSON text)'])('%s: fails, though the stack\'s group g holds only another VNet', (configuration) => {
    const member = MEMBERSHIPS['azurerm static member, group by reference'](OTHER_VNET);
    const lookedUp = { azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: '${data.azurerm_network_manager.m.id}' } } };
    expect(failures(stackOf({ ...member, ...lookedUp }, CONFIGURATIONS[configuration]))).toEqual([failure(address(CONFIGURATIONS[configuration]), 'a network group it applies to may hold that VNet')]);
    expect(failures(stackOf(member, CONFIGURATIONS[configuration]))).toEqual([]);
  });
});

describe('what else connects', () => {
  test('a hub that may be the construct\'s VNet, groups or hubs known only later, a body that cannot be read', () => {
    const other = MEMBERSHIPS['azurerm static member, group by reference'](OTHER_VNET);
    const hub = (resource: unknown) => ({ azurerm_network_manager_connectivity_configuration: { c: { name: 'c', connectivity_topology: 'HubAndSpoke', applies_to_group: [{ network_group_id: GROUP_REF }], hub: [{ resource_id: resource }] } } });
    expect(failures({ ...other, ...hub(VNET) })).toEqual([failure('azurerm_network_manager_connectivity_configuration.c', 'its hub may be that VNet')]);
    expect(failures({ ...other, ...hub('${var.hub}') })).toHaveLength(1);
    const groups = { azurerm_network_manager_connectivity_configuration: { c: { name: 'c', connectivity_topology: 'Mesh', applies_to_group: '${var.groups}' } } };
    expect(failures({ ...other, ...groups })).toEqual([failure('azurerm_network_manager_connectivity_configuration.c', 'its network groups are known only at apply time')]);
    const dynamic = { azurerm_network_manager_connectivity_configuration: { c: { name: 'c', connectivity_topology: 'Mesh', dynamic: { applies_to_group: { for_each: '${var.groups}', content: { network_group_id: '${applies_to_group.value}' } } } } } };
    expect(failures({ ...other, ...dynamic })).toEqual([failure('azurerm_network_manager_connectivity_configuration.c', 'its network groups are known only at apply time')]);
    for (const body of ['${var.body}', '{not json', { properties: { connectivityTopology: 'Mesh' } }]) {
      expect(failures({ ...other, azapi_update_resource: { c: { type: AZAPI_CONNECTIVITY, resource_id: `${MANAGER}/connectivityConfigurations/c`, body } } })).toHaveLength(1);
    }
  });

  test('a deployment or commit of a configuration the stack does not write fails closed; of one of the stack, it is judged there', () => {
    const other = MEMBERSHIPS['azurerm static member, group by reference'](OTHER_VNET);
    const deployment = (ids: unknown, scope = 'Connectivity') => ({ azurerm_network_manager_deployment: { d: { network_manager_id: MANAGER, location: 'westeurope', scope_access: scope, configuration_ids: ids } } });
    const message = (pointer: string) => `azurerm_network_manager_deployment.d puts Virtual Network Manager configuration ${pointer} in force, which may connect the VNet of ${CONSTRUCT}'s server to other VNets: it is no connectivity configuration of the stack, so it cannot be read. Narrow the construct's allowedSources (network prop) or suppress PG-NET-1 on the resource with the reason.`;
    expect(failures({ ...other, ...deployment([`${MANAGER}/connectivityConfigurations/outside`]) })).toEqual([message(JSON.stringify(`${MANAGER}/connectivityConfigurations/outside`))]);
    expect(failures({ ...other, ...deployment('${var.ids}') })).toEqual([message('${var.ids}')]);
    expect(failures({ ...other, ...deployment([`${MANAGER}/connectivityConfigurations/outside`], '${var.scope}') })).toHaveLength(1);
    const mesh = CONFIGURATIONS['azurerm Mesh'];
    expect(failures({ ...other, ...mesh, ...deployment(['${azurerm_network_manager_connectivity_configuration.c.id}']) })).toEqual([]);
    expect(failures({ ...other, ...deployment([`${MANAGER}/securityAdminConfigurations/outside`], 'SecurityAdmin') })).toEqual([]);
    const commit = (body: unknown) => ({ azapi_resource_action: { commit: { type: 'Microsoft.Network/networkManagers@2024-05-01', resource_id: MANAGER, action: 'commit', method: 'POST', body } } });
    expect(failures({ ...other, ...commit({ commitType: 'Connectivity', targetLocations: ['westeurope'], configurationIds: [`${MANAGER}/connectivityConfigurations/outside`] }) })).toHaveLength(1);
    expect(failures({ ...other, ...commit('${var.commit}') })).toHaveLength(1);
    expect(failures({ ...other, ...commit({ commitType: 'SecurityAdmin', targetLocations: ['westeurope'], configurationIds: [`${MANAGER}/securityAdminConfigurations/outside`] }) })).toEqual([]);
  });

  // Queued after the nineteenth run (manager deployments' regions): a deployment acts only in its regions.
  test('a deployment of a configuration the stack does not write in a region the server does not answer in passes; in its region, or one known later, it fails', () => {
    const server = { [FLEXIBLE]: { db: { ...compliantFlexibleServer({ location: 'westeurope' }), ...madeAt(`${CONSTRUCT}/Server`) } } };
    const deployment = (location: unknown) => ({ azurerm_network_manager_deployment: { d: { network_manager_id: MANAGER, location, scope_access: 'Connectivity', configuration_ids: [`${MANAGER}/connectivityConfigurations/outside`] } } });
    expect(failures({ ...server, ...deployment('eastus') })).toEqual([]);
    expect(failures({ ...server, ...deployment('West Europe') })).toHaveLength(1);
    expect(failures({ ...server, ...deployment('${var.region}') })).toHaveLength(1);
  });
  test('a server without a VNet has nothing to connect', () => {
    const resources: Resources = { [FLEXIBLE]: { db: { ...flexibleServerWithoutVnet(), ...madeAt(`${CONSTRUCT}/Server`) } }, ...CONFIGURATIONS['azurerm Mesh'] };
    const model = buildStackModel({ resource: resources });
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    expect(connectedVnets(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources })).toEqual([]);
  });
});
