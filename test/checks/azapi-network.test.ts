import { TerraformStack, TerraformVariable } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer } from '../../lib';
import { AZAPI_NETWORK_TYPES } from '../../lib/checks/azapi-network';
import { evaluateStack, Finding } from '../../lib/checks/evaluate';
import { TerraformBlock } from '../../lib/checks/stack-model';
import { ALL_RULES } from '../../lib/checks/rules';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';
import { ASSOCIATION, guarded, NSG, SUBNET } from './subnet-fixtures';
import { minimalProps, providerStack, synthErrors } from '../helpers';

// The azapi writers of the network objects the rules judge (fifteenth review, A15a-15, A15b-1, A15b-3,
// A15b-15): every type of the table, written onto a judged object, is read as its azurerm twin or fails
// closed; a Microsoft.Network type the table does not know fails closed too.

const VNET_ID = '/subscriptions/s/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub';
const ALLOW_ALL = { access: 'Allow', direction: 'Inbound', priority: 100, protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' };
const DENY_ALL = { ...ALLOW_ALL, access: 'Deny', priority: 4096 };
const DENY_RULE = { name: 'deny', priority: 4096, direction: 'Inbound', access: 'Deny', protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: '*', destination_address_prefix: '*' };

/** A raw server given its subnet and zone by variables, with more resources. */
function given(extra: Resources = {}): Resources {
  return { [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: '${var.subnet}', private_dns_zone_id: '${var.zone}' }) }, ...extra };
}

/** The findings that do not pass on an address, as "rule status". */
function failed(resources: Resources, address: string): string[] {
  return evaluateStack({ resource: resources }, ALL_RULES).findings
    .filter((finding: Finding) => finding.address === address && finding.status !== 'pass' && finding.status !== 'not-applicable')
    .map((finding) => `${finding.ruleId} ${finding.status}`);
}

const TYPES = [...Object.keys(AZAPI_NETWORK_TYPES), 'microsoft.network/virtualnetworks/subnets/futurethings'];
const WEAKENING = { properties: { networkSecurityGroup: null, registrationEnabled: true, aRecords: [{ ipv4Address: '10.9.9.9' }], securityRules: [{ name: 'open', properties: ALLOW_ALL }] } };

/** A construct given its subnet and zone by variables (existingVnetIntegration), with one more block; the rule ids that fail on it. */
function besideGiven(type: string, block: (subnet: string, zone: string) => object): string[] {
  const stack: TerraformStack = providerStack();
  const subnet = new TerraformVariable(stack, 'delegated_subnet_id', { type: 'string' }).stringValue;
  const zone = new TerraformVariable(stack, 'private_dns_zone_id', { type: 'string' }).stringValue;
  new SecureFlexibleServer(stack, 'Postgres', { ...minimalProps(), network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: subnet, privateDnsZoneResourceId: zone }) });
  stack.addOverride('terraform.required_providers.azapi', { source: 'azure/azapi', version: '2.0.0' });
  stack.addOverride(`resource.${type}.w`, block(subnet, zone));
  return synthErrors(stack).filter((line) => line.split(' ')[3] === `${type}.w`).map((line) => line.split(' ')[4]);
}

describe.each<[string, (subnet: string, zone: string) => string]>([
  ['the given subnet', (subnet) => subnet],
  ['below the given zone', (_, zone) => `${zone}/A/orders-db`],
])('beside a construct, an azapi write onto %s', (_, target) => {
  test.each(TYPES)('of type %s fails', (type) => {
    expect(besideGiven('azapi_update_resource', (subnet, zone) => ({ type: `${type}@2024-05-01`, resource_id: target(subnet, zone), body: WEAKENING }))).not.toEqual([]);
  });

  test('of a type known only at apply time fails', () => {
    expect(besideGiven('azapi_update_resource', (subnet, zone) => ({ type: '${var.type}', resource_id: target(subnet, zone), body: { properties: {} } }))).not.toEqual([]);
  });
});

/** The judged objects of a raw stack: its delegated subnet and their group. */
const TARGETS: [string, string][] = [
  ['the delegated subnet of the stack', `\${${SUBNET}.db.id}`],
  ['the group of the delegated subnet', `\${${NSG}.db.id}`],
];

describe.each(TARGETS)('an azapi write onto %s', (_, target) => {
  test.each(TYPES)('of type %s fails', (type) => {
    const write = { type: `${type}@2024-05-01`, resource_id: target, body: WEAKENING };
    expect(failed(guarded(undefined, { azapi_update_resource: { w: write } }), 'azapi_update_resource.w')).not.toEqual([]);
  });

  test('of a type known only at apply time fails', () => {
    const write = { type: '${var.type}', resource_id: target, body: { properties: {} } };
    expect(failed(guarded(undefined, { azapi_update_resource: { w: write } }), 'azapi_update_resource.w')).not.toEqual([]);
  });
});

describe('a write of the VNet of the delegated subnet (the table\'s child lists)', () => {
  const subnets = [{ name: 'snet-db', properties: { addressPrefix: '10.0.1.0/28' } }];
  test.each([
    ['an update of its subnets by literal ID', 'azapi_update_resource', { type: 'Microsoft.Network/virtualNetworks@2024-05-01', resource_id: VNET_ID, body: { properties: { subnets } } }],
    ['a PATCH of its subnets', 'azapi_resource_action', { type: 'Microsoft.Network/virtualNetworks@2024-05-01', resource_id: VNET_ID.toUpperCase(), method: 'PATCH', body: { properties: { subnets } } }],
    ['a PUT (every subnet written)', 'azapi_resource_action', { type: 'Microsoft.Network/virtualNetworks@2024-05-01', resource_id: VNET_ID, method: 'PUT', body: { location: 'westeurope', properties: {} } }],
    ['a second resource of it with its subnets', 'azapi_resource', { type: 'Microsoft.Network/virtualNetworks@2024-05-01', name: 'vnet-hub', parent_id: '/subscriptions/s/resourceGroups/rg-network', body: { properties: { subnets } } }],
    ['a body known only at apply time', 'azapi_update_resource', { type: 'Microsoft.Network/virtualNetworks@2024-05-01', resource_id: VNET_ID, body: '${var.body}' }],
    ['a Microsoft.Network type the table does not know', 'azapi_update_resource', { type: 'Microsoft.Network/virtualNetworks/futureThings@2030-01-01', resource_id: VNET_ID, body: { properties: { subnets } } }],
  ])('%s fails PG-CFG-3', (_, type, block) => {
    expect(failed(guarded(undefined, { [type]: { w: block } }), `${type}.w`)).toEqual(['PG-CFG-3 fail']);
  });

  test('an update that leaves its subnets alone passes', () => {
    const block = { type: 'Microsoft.Network/virtualNetworks@2024-05-01', resource_id: VNET_ID, body: { properties: { enableDdosProtection: false }, tags: { team: 'db' } } };
    expect(failed(guarded(undefined, { azapi_update_resource: { w: block } }), 'azapi_update_resource.w')).toEqual([]);
  });

  test('an azapi VNet of the stack that holds the delegated subnet fails PG-CFG-3 when its body writes its subnets, and passes without', () => {
    const vnet = (properties: object) => ({ type: 'Microsoft.Network/virtualNetworks@2024-05-01', name: 'vnet-hub', location: 'westeurope', parent_id: '${azurerm_resource_group.network.id}', body: { properties } });
    const stack = (properties: object) => guarded(undefined, { azurerm_resource_group: { network: { name: 'rg-network', location: 'westeurope' } }, azapi_resource: { vnet: vnet(properties) } });
    expect(failed(stack({ addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets }), 'azapi_resource.vnet')).toEqual(['PG-CFG-3 fail']);
    expect(failed(stack({ addressSpace: { addressPrefixes: ['10.0.0.0/16'] } }), 'azapi_resource.vnet')).toEqual([]);
  });

  test('an update of the subnets of another VNet passes', () => {
    const block = { type: 'Microsoft.Network/virtualNetworks@2024-05-01', resource_id: VNET_ID.replace('vnet-hub', 'vnet-spoke'), body: { properties: { subnets } } };
    expect(failed(guarded(undefined, { azapi_update_resource: { w: block } }), 'azapi_update_resource.w')).toEqual([]);
  });
});

describe('writes the table reads are judged as their azurerm twins', () => {
  const azapiGroup = (rules: object[], properties: object = {}) => ({ type: 'Microsoft.Network/networkSecurityGroups@2024-05-01', name: 'nsg-api', location: 'westeurope', parent_id: '/subscriptions/s/resourceGroups/rg-db', body: { properties: { securityRules: rules, ...properties } } });
  const withGroup = (group: TerraformBlock) => guarded({}, { azapi_resource: { nsg: group }, [ASSOCIATION]: { db: { subnet_id: `\${${SUBNET}.db.id}`, network_security_group_id: '${azapi_resource.nsg.id}' } } });

  test('an azapi group of the delegated subnet that lets PostgreSQL in from anywhere fails PGF-NET-7; one that denies passes', () => {
    expect(failed(withGroup(azapiGroup([{ name: 'open', properties: ALLOW_ALL }])), 'azapi_resource.nsg')).toEqual(expect.arrayContaining(['PGF-NET-7 fail']));
    expect(failed(withGroup(azapiGroup([{ name: 'deny', properties: DENY_ALL }])), 'azapi_resource.nsg')).toEqual([]);
  });

  // ARM matches property names as .NET's OrdinalIgnoreCase, which folds "ı" and "ſ" as JavaScript's toLowerCase does (L73-1).
  test.each(['propertıes', 'propertieſ', 'PROPERTIES'])('an azapi group that lets PostgreSQL in from anywhere under "%s" fails PGF-NET-7', (key) => {
    const group = { ...azapiGroup([]), body: { [key]: { securityRules: [{ name: 'open', [key]: ALLOW_ALL }] } } };
    expect(failed(withGroup(group), 'azapi_resource.nsg')).toEqual(expect.arrayContaining(['PGF-NET-7 fail']));
  });

  test('an azapi group whose body the table does not read is unknown to PGF-NET-7 (fails closed)', () => {
    expect(failed(withGroup(azapiGroup([], { flushConnection: true })), 'azapi_resource.nsg')).toEqual(expect.arrayContaining(['PGF-NET-7 fail']));
    expect(failed(withGroup({ ...azapiGroup([]), body: '${var.body}' }), 'azapi_resource.nsg')).toEqual(expect.arrayContaining(['PGF-NET-7 fail']));
  });

  test('the given subnet associated by azapi with an allow-all group of the stack fails PGF-NET-7; with a denying group it passes', () => {
    const association = (group: string) => ({ azapi_update_resource: { a: { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', resource_id: '${var.subnet}', body: { properties: { networkSecurityGroup: { id: `\${${NSG}.${group}.id}` } } } } } });
    const groups = { [NSG]: { open: { name: 'open', resource_group_name: 'rg-x', location: 'westeurope', security_rule: [{ ...DENY_RULE, access: 'Allow', priority: 100 }] }, closed: { name: 'closed', resource_group_name: 'rg-x', location: 'westeurope', security_rule: [DENY_RULE] } } };
    expect(failed(given({ ...groups, ...association('open') }), `${NSG}.open`)).toEqual(expect.arrayContaining(['PGF-NET-7 fail']));
    const closed = given({ ...groups, ...association('closed') });
    expect([...failed(closed, `${NSG}.closed`), ...failed(closed, 'azapi_update_resource.a')]).toEqual([]);
  });

  test('an azapi group of the delegated subnet (of a literal resource group) is around the server: a write of it by literal ID fails PG-CFG-3, the group itself does not', () => {
    const update = { type: 'Microsoft.Network/networkSecurityGroups@2024-05-01', resource_id: '/subscriptions/s/resourceGroups/RG-DB/providers/Microsoft.Network/networkSecurityGroups/nsg-api', body: { properties: { securityRules: [{ name: 'open', properties: ALLOW_ALL }] } } };
    const stack = { ...withGroup(azapiGroup([{ name: 'deny', properties: DENY_ALL }])), azapi_update_resource: { open: update } };
    expect(failed(stack, 'azapi_update_resource.open')).toEqual(['PG-CFG-3 fail']);
    expect(failed(stack, 'azapi_resource.nsg')).toEqual([]);
  });

  // Its group read by the ID grammar (ids-in-text.ts; stop 36): a parent "/resourceGroups//rg-db/" is the group rg-db.
  test.each(['/subscriptions/s/resourceGroups//rg-db', '/subscriptions/s/resourceGroups/rg-db/.', '/subscriptions/s/resourceGroups/RG-DB./'])('an azapi group of the delegated subnet under %s: a write of it by literal ID fails PG-CFG-3', (parent) => {
    const update = { type: 'Microsoft.Network/networkSecurityGroups@2024-05-01', resource_id: '/subscriptions/s/resourceGroups/rg-db/providers/Microsoft.Network/networkSecurityGroups/nsg-api', body: { properties: { securityRules: [{ name: 'open', properties: ALLOW_ALL }] } } };
    const stack = { ...withGroup({ ...azapiGroup([{ name: 'deny', properties: DENY_ALL }]), parent_id: parent }), azapi_update_resource: { open: update } };
    expect(failed(stack, 'azapi_update_resource.open')).toEqual(['PG-CFG-3 fail']);
    // Control: the same write to a group of that name in another resource group.
    expect(failed({ ...stack, azapi_update_resource: { open: { ...update, resource_id: update.resource_id.replace('rg-db', 'rg-app') } } }, 'azapi_update_resource.open')).toEqual([]);
  });

  test('an update written by parent_id and name (not resource_id) of the VNet\'s subnets fails PG-CFG-3', () => {
    const update = { type: 'Microsoft.Network/virtualNetworks@2024-05-01', parent_id: '/subscriptions/s/resourceGroups/rg-network', name: 'vnet-hub', body: { properties: { subnets: [{ name: 'snet-db' }] } } };
    expect(failed(guarded(undefined, { azapi_update_resource: { w: update } }), 'azapi_update_resource.w')).toEqual(['PG-CFG-3 fail']);
  });

  test('a separate azurerm rule in an azapi group of the delegated subnet is judged by PGF-NET-7', () => {
    const open = { name: 'open', resource_group_name: 'rg-db', network_security_group_name: '${azapi_resource.nsg.name}', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: '*', destination_address_prefix: '*' };
    expect(failed({ ...withGroup(azapiGroup([])), azurerm_network_security_rule: { open } }, 'azurerm_network_security_rule.open')).toEqual(expect.arrayContaining(['PGF-NET-7 fail']));
  });

  test.each([
    ['a lookup of its literal names, written to by literal ID', '${data.azurerm_subnet.db.id}', `${VNET_ID}/subnets/SNET-db/`],
    ['a literal ID, written to by a lookup of its literal names', `${VNET_ID}/subnets/snet-db`, '${data.azurerm_subnet.db.id}'],
  ])('a subnet given by %s: an azapi write of it fails PG-CFG-3', (_, pointer, written) => {
    const resources = {
      [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: pointer, private_dns_zone_id: '${var.zone}' }) },
      azapi_update_resource: { w: { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', resource_id: written, body: { properties: { networkSecurityGroup: null } } } },
    };
    const data = { azurerm_subnet: { db: { name: 'snet-db', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network' } } };
    const findings = evaluateStack({ resource: resources, data }, ALL_RULES).findings.filter((finding) => finding.address === 'azapi_update_resource.w' && finding.status === 'fail');
    expect(findings.map((finding) => finding.ruleId)).toEqual(['PG-CFG-3']);
  });

  test('a VNet write that rewrites a subnet given by literal ID fails PG-CFG-3', () => {
    const stack = {
      [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: `${VNET_ID}/subnets/snet-db`, private_dns_zone_id: '${var.zone}' }) },
      azapi_update_resource: { w: { type: 'Microsoft.Network/virtualNetworks@2024-05-01', resource_id: VNET_ID, body: { properties: { subnets: [{ name: 'snet-db' }] } } } },
    };
    expect(failed(stack, 'azapi_update_resource.w')).toEqual(['PG-CFG-3 fail']);
  });

  test('an azapi rule under the group the stack associates with the given subnet fails PG-CFG-3', () => {
    const stack = given({
      [NSG]: { closed: { name: 'closed', resource_group_name: 'rg-x', location: 'westeurope', security_rule: [DENY_RULE] } },
      [ASSOCIATION]: { a: { subnet_id: '${var.subnet}', network_security_group_id: `\${${NSG}.closed.id}` } },
      azapi_resource: { r: { type: 'Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01', name: 'open', parent_id: `\${${NSG}.closed.id}`, body: { properties: ALLOW_ALL } } },
    });
    expect(failed(stack, 'azapi_resource.r')).toEqual(['PG-CFG-3 fail']);
  });

  test.each([
    ['an A record', { type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', name: 'orders-db', body: { properties: { ttl: 300, aRecords: [{ ipv4Address: '10.9.9.9' }] } } }, ['PG-NET-1']],
    ['a registering link', { type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01', name: 'reg', location: 'global', body: { properties: { registrationEnabled: true, virtualNetwork: { id: VNET_ID } } } }, ['PG-NET-1']],
    ['a link that does not register', { type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01', name: 'hub', location: 'global', body: { properties: { registrationEnabled: false, virtualNetwork: { id: VNET_ID } } } }, []],
    ['a zone below it', { type: 'Microsoft.Network/privateDnsZones@2024-06-01', name: 'x', body: { properties: {} } }, ['PG-CFG-3']],
  ])('beside a construct, in the given zone, %s', (_, block, expected) => {
    expect(besideGiven('azapi_resource', (_subnet, zone) => ({ ...block, parent_id: zone }))).toEqual(expected);
  });
});
