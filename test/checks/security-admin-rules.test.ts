import { alwaysAllowedPaths } from '../../lib/checks/security-admin-rules';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// Virtual Network Manager security admin rules above the construct's NSG (security-admin-rules.ts, PG-NET-1;
// fifteenth review, A15a-16, A15b-8): an AlwaysAllow of PostgreSQL into the delegated subnet, on a network group that
// may hold the construct's VNet, fails however narrow its source (the NSG is not asked); Allow and Deny pass.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const VNET = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const OTHER_VNET = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke`;

/** The failures of admin rules beside a construct's server in subnet 10.0.1.0/28 of vnet-hub. */
function failures(extra: Resources, subnet: object = {}, placed: { [key: string]: unknown } = {}): string[] {
  const resources: Resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(placed), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.0.1.0/28'], ...subnet } },
    ...extra,
  };
  const model = buildStackModel({ resource: resources });
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  return alwaysAllowedPaths(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources }).map((verdict) => (verdict.status === 'fail' ? verdict.message : verdict.status));
}

/** A network manager whose group holds `member`, with one admin rule (azurerm) written with `rule`. */
function manager(member: unknown, rule: object = {}, more: Resources = {}): Resources {
  return {
    azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: '${azurerm_network_manager.m.id}' } },
    ...(member === undefined ? {} : { azurerm_network_manager_static_member: { s: { name: 's', network_group_id: '${azurerm_network_manager_network_group.g.id}', target_virtual_network_id: member } } }),
    azurerm_network_manager_admin_rule_collection: { rc: { name: 'rc', security_admin_configuration_id: '${azurerm_network_manager_security_admin_configuration.c.id}', network_group_ids: ['${azurerm_network_manager_network_group.g.id}'] } },
    azurerm_network_manager_admin_rule: { r: { name: 'r', admin_rule_collection_id: '${azurerm_network_manager_admin_rule_collection.rc.id}', action: 'AlwaysAllow', direction: 'Inbound', priority: 1, protocol: 'Tcp', destination_port_ranges: ['5432'], source: [{ address_prefix_type: 'IPPrefix', address_prefix: '0.0.0.0/0' }], destination: [{ address_prefix_type: 'IPPrefix', address_prefix: '10.0.1.0/28' }], ...rule } },
    ...more,
  };
}

const failure = (address: string, action: string) => `${address} is a security admin rule ${action.startsWith('whose') ? action : `whose action ${action}`} may always allow PostgreSQL into the delegated subnet of ${CONSTRUCT}'s server, on a VNet its network groups may hold: Azure then delivers it without the construct's network security group, a network path ${CONSTRUCT} does not declare.`;

describe('AlwaysAllow on a group that may hold the construct\'s VNet', () => {
  test('fails with the VNet as a static member by literal ID (any case), and by a reference to the VNet of the stack', () => {
    expect(failures(manager(VNET))).toEqual([failure('azurerm_network_manager_admin_rule.r', '"AlwaysAllow"')]);
    expect(failures(manager(VNET.toUpperCase(), { action: 'alwaysallow' }))).toEqual([failure('azurerm_network_manager_admin_rule.r', '"alwaysallow"')]);
    const byReference = manager('${azurerm_virtual_network.hub.id}', {}, { azurerm_virtual_network: { hub: { name: 'vnet-hub', resource_group_name: 'rg-network', address_space: ['10.0.0.0/16'] } } });
    expect(failures(byReference, { virtual_network_name: '${azurerm_virtual_network.hub.name}' })).toHaveLength(1);
  });

  test('fails however narrow the source: the rule replaces the NSG\'s verdict', () => {
    expect(failures(manager(VNET, { source: [{ address_prefix_type: 'IPPrefix', address_prefix: '10.0.2.0/24' }] }))).toHaveLength(1);
  });

  test('fails a destination of "*", VirtualNetwork, a block holding the subnet, or none; a port range holding 5432, or none; an action known only later', () => {
    for (const destination of [[{ address_prefix_type: 'IPPrefix', address_prefix: '*' }], [{ address_prefix_type: 'ServiceTag', address_prefix: 'VirtualNetwork' }], [{ address_prefix_type: 'IPPrefix', address_prefix: '10.0.0.0/16' }], undefined]) {
      expect(failures(manager(VNET, { destination }))).toHaveLength(1);
    }
    expect(failures(manager(VNET, { destination_port_ranges: ['5000-6000'] }))).toHaveLength(1);
    expect(failures(manager(VNET, { destination_port_ranges: undefined }))).toHaveLength(1);
    expect(failures(manager(VNET, { action: '${var.action}' }))).toHaveLength(1);
  });

  test('fails a group with no member in the stack, a group Azure Policy fills, and a rule collection known only later', () => {
    expect(failures(manager(undefined))).toHaveLength(1);
    const policy = { azurerm_policy_definition: { p: { name: 'p', policy_type: 'Custom', mode: 'Microsoft.Network.Data', policy_rule: '{"if":{},"then":{"effect":"addToNetworkGroup","details":{"networkGroupId":"g"}}}' } } };
    expect(failures(manager(OTHER_VNET, {}, policy))).toHaveLength(1);
    expect(failures(manager(OTHER_VNET, { admin_rule_collection_id: '${var.collection}' }))).toHaveLength(1);
  });

  test('fails the azapi rule (its collection not read)', () => {
    const azapi = { azapi_resource: { r: { type: 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules@2024-05-01', name: 'r', parent_id: '${var.collection}', body: { kind: 'Custom', properties: { access: 'AlwaysAllow', direction: 'Inbound', priority: 1, protocol: 'Tcp', destinationPortRanges: ['5432'], destinations: [{ addressPrefixType: 'IPPrefix', addressPrefix: '*' }] } } } } };
    expect(failures(azapi)).toEqual([failure('azapi_resource.r', '"AlwaysAllow"')]);
  });
});

// Queued (sixteenth run, closing notes 29/30): the groups a rule collection applies to decide whether its AlwaysAllow rules reach
// the server's VNet, whoever writes them: an azurerm collection's network_group_ids, an azapi collection's own appliesToGroups, and
// an azapi write of a collection (an update or PATCH by reference, or of a collection that is no block of the stack: it may be any).
// The class test: every writer of a collection's groups, with a group holding the construct's VNet, a variable, a body or list
// known only later (fail), and with the group proven to hold another VNet (pass).
describe('the groups a rule collection applies to, by every writer of them', () => {
  const COLLECTION_TYPE = 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections@2024-05-01';
  const RULE_TYPE = 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules@2024-05-01';
  const ALWAYS = { kind: 'Custom', properties: { access: 'AlwaysAllow', direction: 'Inbound', priority: 1, protocol: 'Tcp', destinationPortRanges: ['5432'], destinations: [{ addressPrefixType: 'IPPrefix', addressPrefix: '*' }] } };
  const body = (groups: unknown) => ({ properties: { appliesToGroups: groups } });
  const hub = { azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: '${azurerm_network_manager.m.id}' }, hub: { name: 'hub', network_manager_id: '${azurerm_network_manager.m.id}' } }, azurerm_network_manager_static_member: { s: { name: 's', network_group_id: '${azurerm_network_manager_network_group.g.id}', target_virtual_network_id: OTHER_VNET }, h: { name: 'h', network_group_id: '${azurerm_network_manager_network_group.hub.id}', target_virtual_network_id: VNET } } };
  const GROUPS: { readonly [groups: string]: readonly [unknown, boolean] } = {
    'the group holding the construct\'s VNet': [[{ networkGroupId: '${azurerm_network_manager_network_group.hub.id}' }], true],
    'a group given by a variable': [[{ networkGroupId: '${var.group}' }], true],
    'a list known only later': ['${var.groups}', true],
    'the group holding another VNet only': [[{ networkGroupId: '${azurerm_network_manager_network_group.g.id}' }], false],
  };
  /** Each writer: the stack (manager g holding OTHER_VNET, group hub holding VNET) where it applies the rule's collection to `groups`. */
  const WRITERS: { readonly [writer: string]: (groups: unknown) => Resources } = {
    'an azapi collection (azurerm rule in it)': (groups) => manager(OTHER_VNET, { admin_rule_collection_id: '${azapi_resource.rc.id}' }, { ...hub, azapi_resource: { rc: { type: COLLECTION_TYPE, name: 'rc', parent_id: '${var.configuration}', body: body(groups) } } }),
    'an azapi collection (azapi rule in it)': (groups) => ({ ...hub, azapi_resource: { rc: { type: COLLECTION_TYPE, name: 'rc', parent_id: '${var.configuration}', body: body(groups) }, r: { type: RULE_TYPE, name: 'r', parent_id: '${azapi_resource.rc.id}', body: ALWAYS } } }),
    'an azapi update of the azurerm collection': (groups) => manager(OTHER_VNET, {}, { ...hub, azapi_update_resource: { u: { type: COLLECTION_TYPE, resource_id: '${azurerm_network_manager_admin_rule_collection.rc.id}', body: body(groups) } } }),
    'an azapi PATCH of a collection given by ID (it may be the azurerm one)': (groups) => manager(OTHER_VNET, {}, { ...hub, azapi_resource_action: { u: { type: COLLECTION_TYPE, resource_id: '${var.collection_id}', method: 'PATCH', body: body(groups) } } }),
  };
  const rules = (resources: Resources) => failures(resources).length;
  describe.each(Object.keys(WRITERS))('%s', (writer) => {
    test.each(Object.keys(GROUPS))('applying it to %s', (groups) => {
      const [applied, reaches] = GROUPS[groups];
      expect(rules(WRITERS[writer](applied))).toBe(reaches ? 1 : 0);
    });
    test('a body known only later reaches', () => {
      const resources = WRITERS[writer]([]);
      const written = Object.values(resources).flatMap((blocks) => Object.values(blocks as object)).find((block) => typeof block.type === 'string' && block.type.startsWith(COLLECTION_TYPE.split('@')[0] + '@')) as { body: unknown };
      written.body = '${var.body}';
      expect(rules(resources)).toBe(1);
    });
  });
  test('the control: the azurerm collection on the group holding another VNet passes; an update that leaves the groups out keeps them', () => {
    expect(rules(manager(OTHER_VNET, {}, hub))).toBe(0);
    expect(rules(manager(OTHER_VNET, {}, { ...hub, azapi_update_resource: { u: { type: COLLECTION_TYPE, resource_id: '${azurerm_network_manager_admin_rule_collection.rc.id}', body: { properties: { description: 'x' } } } } }))).toBe(0);
  });
});

describe('a member counts in the rule\'s group by any pointer that may name it (sixteenth review, A16b-13)', () => {
  const GROUP_ID = `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/networkManagers/central/networkGroups/g`;
  /** The group holds another VNet by reference, and the construct's VNet by a member whose group pointer is `pointer`. */
  const second = (pointer: unknown, type = 'azurerm_network_manager_static_member') => manager(OTHER_VNET, {}, type === 'azurerm_network_manager_static_member'
    ? { azurerm_network_manager_static_member: { s: { name: 's', network_group_id: '${azurerm_network_manager_network_group.g.id}', target_virtual_network_id: OTHER_VNET }, s2: { name: 's2', network_group_id: pointer, target_virtual_network_id: VNET } } }
    : { [type]: { s2: { type: 'Microsoft.Network/networkManagers/networkGroups/staticMembers@2024-05-01', name: 's2', parent_id: pointer, resource_id: `${String(pointer)}/staticMembers/s2`, method: 'PUT', body: { properties: { resourceId: VNET } } } } });

  test('the group\'s literal ID (any case), a template of it, a variable, an azapi member (resource or PUT action): AlwaysAllow fails', () => {
    for (const pointer of [GROUP_ID, GROUP_ID.toUpperCase(), '${azurerm_network_manager.m.id}/networkGroups/g', '${var.group}']) {
      expect(failures(second(pointer))).toEqual([failure('azurerm_network_manager_admin_rule.r', '"AlwaysAllow"')]);
    }
    expect(failures(second('${azurerm_network_manager_network_group.g.id}', 'azapi_resource'))).toHaveLength(1);
    expect(failures(second(GROUP_ID, 'azapi_resource_action'))).toHaveLength(1);
  });

  test('a member of another group (its literal ID or its block) does not count', () => {
    expect(failures(second(GROUP_ID.replace(/\/g$/, '/h')))).toEqual([]);
    const other = manager(OTHER_VNET, {}, { azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: '${azurerm_network_manager.m.id}' }, h: { name: 'h', network_manager_id: '${azurerm_network_manager.m.id}' } } });
    other.azurerm_network_manager_static_member.s2 = { name: 's2', network_group_id: '${azurerm_network_manager_network_group.h.id}', target_virtual_network_id: VNET };
    expect(failures(other)).toEqual([]);
  });
});

// A configuration takes effect only in the regions a deployment or commit puts it in force in (Microsoft, "Configuration deployments
// in Azure Virtual Network Manager"): an AlwaysAllow rule of a configuration the stack deploys only to regions where the server does
// not answer passes; deployed in the server's region, to a region known only later, by a deployment whose list may name it, or with
// the server's region unknown, it fails as before.
describe('where the rule\'s configuration is put in force', () => {
  const CONFIG = '${azurerm_network_manager_security_admin_configuration.c.id}';
  const AZAPI_MANAGER = 'Microsoft.Network/networkManagers@2024-05-01';
  const configuration: Resources = {
    azurerm_network_manager: { m: { name: 'm', resource_group_name: 'rg-network', location: 'westeurope', scope: [{ subscription_ids: [SUB] }], scope_accesses: ['SecurityAdmin'] } },
    azurerm_network_manager_security_admin_configuration: { c: { name: 'c', network_manager_id: '${azurerm_network_manager.m.id}' } },
  };
  const azurerm = (location: unknown, ids: unknown = [CONFIG], access: unknown = 'SecurityAdmin', name = 'd'): Resources => ({
    azurerm_network_manager_deployment: { [name]: { network_manager_id: '${azurerm_network_manager.m.id}', location, scope_access: access, configuration_ids: ids } },
  });
  const commit = (regions: unknown, ids: unknown = [CONFIG], access: unknown = 'SecurityAdmin'): Resources => ({
    azapi_resource_action: { d: { type: AZAPI_MANAGER, resource_id: '${azurerm_network_manager.m.id}', action: 'commit', body: { commitType: access, targetLocations: regions, configurationIds: ids } } },
  });
  const judged = (deployments: Resources, location: unknown = 'westeurope', more: Resources = {}) =>
    failures(manager(VNET, {}, { ...configuration, ...more, ...deployments }), {}, { location });
  const ALWAYS = [failure('azurerm_network_manager_admin_rule.r', '"AlwaysAllow"')];
  /** Two sets of blocks, those of one type side by side. */
  const both = (a: Resources, b: Resources): Resources => Object.fromEntries([...new Set([...Object.keys(a), ...Object.keys(b)])].map((type) => [type, { ...a[type], ...b[type] }]));

  test('deployed (azurerm) or committed (azapi) only to other regions, it passes', () => {
    expect(judged(azurerm('northeurope'))).toEqual([]);
    expect(judged(azurerm('East US'))).toEqual([]);
    expect(judged(commit(['northeurope', 'eastus']))).toEqual([]);
    expect(judged({ ...azurerm('northeurope'), ...commit(['eastus']) })).toEqual([]);
    expect(judged(both(azurerm('northeurope'), azurerm('eastus', [CONFIG], 'SecurityAdmin', 'other')))).toEqual([]);
  });

  test('in the server\'s region (any spelling, among others), a region known only later, or the server\'s region unknown, it fails', () => {
    for (const deployment of [azurerm('westeurope'), azurerm('West Europe'), azurerm('${var.region}'), commit(['northeurope', ' WestEurope ']), commit('${var.regions}'), commit(['${var.region}'])]) {
      expect(judged(deployment)).toEqual(ALWAYS);
    }
    expect(judged(azurerm('northeurope'), '${var.location}')).toEqual(ALWAYS);
    expect(failures(manager(VNET, {}, { ...configuration, ...azurerm('northeurope') }))).toEqual(ALWAYS);
  });

  test('another deployment that may put it in force in the server\'s region fails it: its list known only later, a literal ID, a variable, an access known only later', () => {
    for (const [ids, access] of [['${var.ids}', 'SecurityAdmin'], [[`${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/networkManagers/m/securityAdminConfigurations/c`], 'SecurityAdmin'], [['${var.config}'], 'SecurityAdmin'], [[CONFIG], '${var.access}']] as const) {
      expect([ids, access, judged(both(azurerm('northeurope'), azurerm('westeurope', ids, access, 'other')))]).toEqual([ids, access, ALWAYS]);
    }
  });

  test('controls: another configuration of the stack, or another access, deployed in the server\'s region leaves it passing; deployed nowhere it fails', () => {
    const other: Resources = { azurerm_network_manager_security_admin_configuration: { c: configuration.azurerm_network_manager_security_admin_configuration.c, o: { name: 'o', network_manager_id: '${azurerm_network_manager.m.id}' } } };
    expect(judged(both(azurerm('northeurope'), azurerm('westeurope', ['${azurerm_network_manager_security_admin_configuration.o.id}'], 'SecurityAdmin', 'other')), 'westeurope', other)).toEqual([]);
    expect(judged(both(azurerm('northeurope'), azurerm('westeurope', ['${azurerm_network_manager_connectivity_configuration.x.id}'], 'Connectivity', 'other')))).toEqual([]);
    // Deployed nowhere in the stack: a deployment may come later, so the rule is judged as in force.
    expect(judged({})).toEqual(ALWAYS);
    // Named only by a literal ID in another region: not surely this configuration, so judged as in force.
    expect(judged(azurerm('northeurope', [`${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/networkManagers/m/securityAdminConfigurations/c`]))).toEqual(ALWAYS);
  });

  test('a rule collection known only later stays judged as in force', () => {
    expect(failures(manager(VNET, { admin_rule_collection_id: '${var.collection}' }, { ...configuration, ...azurerm('northeurope') }), {}, { location: 'westeurope' })).toEqual(ALWAYS);
  });

  test('the azapi rule, collection and configuration, committed only elsewhere, pass; in the server\'s region they fail', () => {
    const azapi = (regions: unknown): Resources => ({
      azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: '${azurerm_network_manager.m.id}' } },
      azurerm_network_manager_static_member: { s: { name: 's', network_group_id: '${azurerm_network_manager_network_group.g.id}', target_virtual_network_id: VNET } },
      azurerm_network_manager: configuration.azurerm_network_manager,
      azapi_resource: {
        c: { type: 'Microsoft.Network/networkManagers/securityAdminConfigurations@2024-05-01', name: 'c', parent_id: '${azurerm_network_manager.m.id}', body: { properties: {} } },
        rc: { type: 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections@2024-05-01', name: 'rc', parent_id: '${azapi_resource.c.id}', body: { properties: { appliesToGroups: [{ networkGroupId: '${azurerm_network_manager_network_group.g.id}' }] } } },
        r: { type: 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules@2024-05-01', name: 'r', parent_id: '${azapi_resource.rc.id}', body: { kind: 'Custom', properties: { access: 'AlwaysAllow', direction: 'Inbound', priority: 1, protocol: 'Tcp', destinationPortRanges: ['5432'], destinations: [{ addressPrefixType: 'IPPrefix', addressPrefix: '*' }] } } },
      },
      ...commit(regions, ['${azapi_resource.c.id}']),
    });
    const azapiFailures = (regions: unknown) => failures(azapi(regions), {}, { location: 'westeurope' });
    expect(azapiFailures(['northeurope'])).toEqual([]);
    expect(azapiFailures(['westeurope'])).toEqual([failure('azapi_resource.r', '"AlwaysAllow"')]);
  });
});

describe('what passes', () => {
  test('Allow (the NSG still decides), Deny, Outbound', () => {
    expect(failures(manager(VNET, { action: 'Allow' }))).toEqual([]);
    expect(failures(manager(VNET, { action: 'Deny' }))).toEqual([]);
    expect(failures(manager(VNET, { direction: 'Outbound' }))).toEqual([]);
  });

  // A27b-3: an action or direction known only at apply time is read by what it may be (each reading), not as "anything but a literal".
  test('an action or direction known only at apply time that cannot be AlwaysAllow, Inbound: a conditional between Allow and Deny, Outbound branches', () => {
    expect(failures(manager(VNET, { action: '${var.x ? "Allow" : "Deny"}' }))).toEqual([]);
    expect(failures(manager(VNET, { for_each: { a: 'Allow', b: 'Deny' }, action: '${each.value}' }))).toEqual([]);
    expect(failures(manager(VNET, { direction: '${var.x ? "Outbound" : "outbound"}' }))).toEqual([]);
    expect(failures(manager(VNET, { action: '${var.x ? "AlwaysAllow" : "Deny"}' }))).toEqual([failure('azurerm_network_manager_admin_rule.r', '${var.x ? "AlwaysAllow" : "Deny"}')]);
    expect(failures(manager(VNET, { for_each: '${var.m}', action: '${each.value}' }))).toHaveLength(1);
    expect(failures(manager(VNET, { direction: '${var.x ? "Outbound" : "Inbound"}' }))).toHaveLength(1);
  });

  test('an azapi rule whose body is JSON text is read as its object: Deny passes, AlwaysAllow fails', () => {
    const rule = (access: string) => ({ azapi_resource: { r: { type: 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules@2024-05-01', name: 'r', parent_id: '${var.collection}',
      body: JSON.stringify({ kind: 'Custom', properties: { access, direction: 'Inbound', priority: 1, protocol: 'Tcp', destinationPortRanges: ['5432'], destinations: [{ addressPrefixType: 'IPPrefix', addressPrefix: '*' }] } }) } } });
    expect(failures(rule('Deny'))).toEqual([]);
    expect(failures(rule('AlwaysAllow'))).toEqual([failure('azapi_resource.r', '"AlwaysAllow"')]);
  });

  test('an azapi Default rule (one of Azure\'s own, each a Deny of a high-risk port)', () => {
    const azapi = { azapi_resource: { r: { type: 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules@2024-05-01', name: 'r', parent_id: '${var.collection}', body: { kind: 'Default', properties: { flag: 'Deny high risk ports' } } } } };
    expect(failures(azapi)).toEqual([]);
  });

  test('fails a destination the address reader cannot read, or an IPv4-mapped IPv6 one of the subnet; passes a service tag and another IPv6 block (A17b-3)', () => {
    for (const prefix of ['10.0.1.04/32', '10.0.260', '::ffff:10.0.1.4', '::ffff:10.0.1.0/124']) {
      expect(failures(manager(VNET, { destination: [{ address_prefix_type: 'IPPrefix', address_prefix: prefix }] }))).toHaveLength(1);
    }
    for (const prefix of ['Sql', '2001:db8::/64', '::ffff:10.0.2.4']) {
      expect(failures(manager(VNET, { destination: [{ address_prefix_type: 'IPPrefix', address_prefix: prefix }] }))).toEqual([]);
    }
  });

  test('another port, another destination, a group of other VNets only', () => {
    expect(failures(manager(VNET, { destination_port_ranges: ['22', '3389'] }))).toEqual([]);
    expect(failures(manager(VNET, { destination: [{ address_prefix_type: 'IPPrefix', address_prefix: '10.0.2.0/24' }] }))).toEqual([]);
    expect(failures(manager(OTHER_VNET))).toEqual([]);
  });
});

// Eighteenth review, A18b-2 and A18b-12: a partial write (an update, a PATCH) of an admin rule the stack does not define keeps
// the live rule's action, direction, destinations and ports, known only at apply time: one that may widen fails closed and says
// the action is the live one; one whose written part alone narrows (Deny, Allow, Outbound, another port) passes.
describe('a partial write of an admin rule outside the stack (eighteenth review, A18b-2, A18b-12)', () => {
  const RULE_ID = `${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/networkManagers/central/securityAdminConfigurations/c/ruleCollections/rc/rules/r`;
  const TYPE = 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules@2024-05-01';
  const writers: { readonly [writer: string]: (properties: object) => Resources } = {
    'azapi_update_resource': (properties) => ({ azapi_update_resource: { u: { type: TYPE, resource_id: RULE_ID, body: { kind: 'Custom', properties } } } }),
    'azapi_resource_action PATCH': (properties) => ({ azapi_resource_action: { u: { type: TYPE, resource_id: RULE_ID, method: 'PATCH', body: { kind: 'Custom', properties } } } }),
  };
  test.each(Object.keys(writers))('%s', (writer) => {
    const address = writer === 'azapi_update_resource' ? 'azapi_update_resource.u' : 'azapi_resource_action.u';
    const live = `${"${"}the live access of the admin rule ${address} updates}`;
    expect(failures(writers[writer]({ sources: [{ addressPrefixType: 'IPPrefix', addressPrefix: '*' }] }))).toEqual([failure(address, live)]);
    expect(failures(writers[writer]({ destinationPortRanges: ['5432'] }))).toEqual([failure(address, live)]);
    expect(failures(writers[writer]({ access: 'AlwaysAllow' }))).toEqual([failure(address, '"AlwaysAllow"')]);
    for (const narrow of [{ access: 'Deny' }, { access: 'Allow', sources: [{ addressPrefix: '*' }] }, { direction: 'Outbound' }, { destinationPortRanges: ['443'] }, { destinations: [{ addressPrefix: '10.9.0.0/24' }] }]) {
      expect([narrow, failures(writers[writer](narrow))]).toEqual([narrow, []]);
    }
  });
});

describe('an admin rule written whole without an action (eighteenth review, A18b-12)', () => {
  test('fails, its message saying the action is not written (not "null")', () => {
    const whole = { azapi_resource: { r: { type: 'Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules@2024-05-01', name: 'r', parent_id: '${var.collection}', body: { kind: 'Custom', properties: { direction: 'Inbound', destinationPortRanges: ['5432'] } } } } };
    expect(failures(whole)).toEqual([failure('azapi_resource.r', 'whose action is not written and')]);
  });
});
