import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer } from '../../lib';
import { evaluateStack, Finding } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { TerraformBlock } from '../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';
import { ASSOCIATION, NSG } from './subnet-fixtures';
import { minimalProps, newStack, synthErrors } from '../helpers';

// A delegated subnet defined inside its VNet (an azapi VNet body's `subnets`, an azurerm_virtual_network's `subnet`
// blocks) or by an azapi subnet resource is the stack's own subnet (lib/checks/inline-subnets.ts): its network security
// group is judged as an azurerm_subnet's is (PGF-NET-7, PGF-NET-11), and the rules fail closed where the definition
// cannot be read. Before, such a server was read as given a subnet from outside the stack: PGF-NET-7 did not apply.

const OPEN = { name: 'open', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', destination_port_range: '5432', source_address_prefix: '*', destination_address_prefix: '*' };
const CLOSED = { ...OPEN, name: 'vnet', source_address_prefix: 'VirtualNetwork' };
const GROUPS = { [NSG]: { open: { name: 'nsg-open', resource_group_name: 'rg-network', location: 'westeurope', security_rule: [OPEN] }, closed: { name: 'nsg-closed', resource_group_name: 'rg-network', location: 'westeurope', security_rule: [CLOSED] } } };
const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000001';
const VNET_ID = `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const DELEGATION = [{ name: 'pg', properties: { serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers' } }];
const VNET_TYPE = 'Microsoft.Network/virtualNetworks@2024-05-01';

/** The findings of a rule that do not pass, as "rule status address". */
function findings(resources: Resources, rule = 'PGF-NET-7'): string[] {
  return evaluateStack({ resource: resources }, ALL_RULES).findings
    .filter((finding: Finding) => finding.ruleId === rule && finding.status !== 'pass' && finding.status !== 'not-applicable')
    .map((finding) => `${finding.ruleId} ${finding.status} ${finding.address}`);
}

/** The ARM properties of the delegated subnet "snet-db", with the group of the stack named (or none). */
function dbProperties(group: string | undefined, extra: object = {}): TerraformBlock {
  return { addressPrefix: '10.0.1.0/28', delegations: DELEGATION, ...(group === undefined ? {} : { networkSecurityGroup: { id: `\${${NSG}.${group}.id}` } }), ...extra };
}

/** An azapi VNet whose body lists "snet-app" and the delegated subnet "snet-db". */
function azapiVnet(group: string | undefined, extra: object = {}): TerraformBlock {
  return {
    type: VNET_TYPE, name: 'vnet-hub', location: 'westeurope', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-network`,
    body: { properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'snet-app', properties: { addressPrefix: '10.0.2.0/24' } }, { name: 'snet-db', properties: dbProperties(group, extra) }] } },
  };
}

/** An azurerm VNet with the inline subnet blocks "snet-app" and "snet-db". */
function azurermVnet(group: string | undefined): TerraformBlock {
  const db = { name: 'snet-db', address_prefixes: ['10.0.1.0/28'], ...(group === undefined ? {} : { security_group: `\${${NSG}.${group}.id}` }) };
  return { name: 'vnet-hub', resource_group_name: 'rg-network', location: 'westeurope', address_space: ['10.0.0.0/16'], subnet: [{ name: 'snet-app', address_prefixes: ['10.0.2.0/24'] }, db] };
}

function server(pointer: string, extra: Resources): Resources {
  return { [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: pointer, private_dns_zone_id: '${var.zone}' }) }, ...GROUPS, ...extra };
}

describe('a delegated subnet inside an azapi VNet body', () => {
  test.each([
    ['the VNet\'s id and the subnet\'s name', '${azapi_resource.vnet.id}/subnets/snet-db'],
    ['a literal ID in another spelling', `${VNET_ID.toUpperCase()}/subnets/SNET-db/`],
  ])('named by %s: an open group in the body fails PGF-NET-7 and PGF-NET-11, a closed one passes', (_, pointer) => {
    expect(findings(server(pointer, { azapi_resource: { vnet: azapiVnet('open') } }))).toEqual(['PGF-NET-7 fail azurerm_network_security_group.open']);
    expect(findings(server(pointer, { azapi_resource: { vnet: azapiVnet('open') } }), 'PGF-NET-11')).toEqual(['PGF-NET-11 fail azurerm_network_security_group.open']);
    expect(findings(server(pointer, { azapi_resource: { vnet: azapiVnet('closed') } }))).toEqual([]);
  });

  test('the group of another subnet of the body does not guard the server', () => {
    const vnet = azapiVnet('closed');
    const subnets = (vnet.body as { properties: { subnets: TerraformBlock[] } }).properties.subnets;
    subnets[0] = { name: 'snet-app', properties: { addressPrefix: '10.0.2.0/24', networkSecurityGroup: { id: `\${${NSG}.open.id}` } } };
    expect(findings(server('${azapi_resource.vnet.id}/subnets/snet-db', { azapi_resource: { vnet } }))).toEqual([]);
  });

  test('without a group it fails PGF-NET-7 on the VNet, as an azurerm subnet without an association does', () => {
    expect(findings(server('${azapi_resource.vnet.id}/subnets/snet-db', { azapi_resource: { vnet: azapiVnet(undefined) } }))).toEqual(['PGF-NET-7 fail azapi_resource.vnet']);
  });

  test.each([
    ['a body known only at apply time', { ...azapiVnet('closed'), body: '${var.body}' }],
    ['subnets known only at apply time', { ...azapiVnet('closed'), body: { properties: { subnets: '${var.subnets}' } } }],
    ['the subnet\'s properties known only at apply time', { ...azapiVnet('closed'), body: { properties: { subnets: [{ name: 'snet-db', properties: '${var.p}' }] } } }],
    ['a group that is no { id }', azapiVnet(undefined, { networkSecurityGroup: '${var.nsg}' })],
  ])('%s fails closed (PGF-NET-7 on the VNet)', (_, vnet) => {
    expect(findings(server('${azapi_resource.vnet.id}/subnets/snet-db', { azapi_resource: { vnet } }))).toEqual(['PGF-NET-7 fail azapi_resource.vnet']);
    const [finding] = evaluateStack({ resource: server('${azapi_resource.vnet.id}/subnets/snet-db', { azapi_resource: { vnet } }) }, ALL_RULES).findings.filter((each) => each.ruleId === 'PGF-NET-7');
    expect(finding.message).toMatch(/of azapi_resource\.vnet, which the checks do not read/);
  });

  test('a subnet named by a name known only later may be any of the body\'s: an open group on either fails', () => {
    const vnet = azapiVnet('closed');
    (vnet.body as { properties: { subnets: TerraformBlock[] } }).properties.subnets[0] = { name: 'snet-app', properties: { networkSecurityGroup: { id: `\${${NSG}.open.id}` } } };
    expect(findings(server('${azapi_resource.vnet.id}/subnets/${var.name}', { azapi_resource: { vnet } }))).toEqual(['PGF-NET-7 fail azurerm_network_security_group.open']);
  });

  test('an azurerm association of the body\'s subnet by literal ID is a second association: both fail PGF-NET-7', () => {
    const association = { subnet_id: `${VNET_ID}/subnets/snet-db`, network_security_group_id: `\${${NSG}.closed.id}` };
    const found = findings(server('${azapi_resource.vnet.id}/subnets/snet-db', { azapi_resource: { vnet: azapiVnet('closed') }, [ASSOCIATION]: { second: association } }));
    expect(found).toEqual(expect.arrayContaining(['PGF-NET-7 fail azapi_resource.vnet', `PGF-NET-7 fail ${ASSOCIATION}.second`]));
  });
});

describe('the correct stacks beside them', () => {
  /** The network findings (PG-CFG-3, PG-NET-1, PGF-NET-*) that do not pass. */
  const network = (resources: Resources) => evaluateStack({ resource: resources }, ALL_RULES).findings
    .filter((finding) => /^(PG-CFG-3|PG-CFG-8|PG-NET-1|PGF-NET-\d+)$/.test(finding.ruleId) && finding.status !== 'pass' && finding.status !== 'not-applicable')
    .map((finding) => `${finding.ruleId} ${finding.status} ${finding.address}`);
  const zone = { azurerm_private_dns_zone: { db: { name: 'orders.private.postgres.database.azure.com', resource_group_name: 'rg-network' } } };
  const withZone = (pointer: string, extra: Resources) => ({ ...server(pointer, extra), [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: pointer }) }, ...zone });

  test('a VNet that defines the delegated subnet with its closed group is no writer of the subnet or of the group (PG-CFG-3), and the open one fails only the group\'s rules', () => {
    expect(network(withZone('${azapi_resource.vnet.id}/subnets/snet-db', { azapi_resource: { vnet: azapiVnet('closed') } }))).toEqual([]);
    expect(network(withZone('${azurerm_virtual_network.vnet.id}/subnets/snet-db', { azurerm_virtual_network: { vnet: azurermVnet('closed') } }))).toEqual([]);
    expect(network(withZone('${azapi_resource.vnet.id}/subnets/snet-db', { azapi_resource: { vnet: azapiVnet('open') } })))
      .toEqual(['PGF-NET-7 fail azurerm_network_security_group.open', 'PGF-NET-11 fail azurerm_network_security_group.open']);
  });

  test('a second write of the VNet\'s subnets (an update) is still a writer of the delegated subnet (PG-CFG-3)', () => {
    const update = { type: VNET_TYPE, resource_id: '${azapi_resource.vnet.id}', body: { properties: { subnets: [{ name: 'snet-db', properties: { addressPrefix: '10.0.1.0/28' } }] } } };
    expect(network(withZone('${azapi_resource.vnet.id}/subnets/snet-db', { azapi_resource: { vnet: azapiVnet('closed') }, azapi_update_resource: { w: update } }))).toContain('PG-CFG-3 fail azapi_update_resource.w');
  });
});

describe('a delegated subnet written by an azapi subnet resource', () => {
  const subnet = (group: string | undefined, parent: string) => ({ type: `${VNET_TYPE.replace('@', '/subnets@')}`, name: 'snet-db', parent_id: parent, body: { properties: dbProperties(group) } });
  test.each([
    ['its reference', '${azapi_resource.db.id}', '${azapi_resource.vnet.id}'],
    ['a literal ID of its names', `${VNET_ID}/subnets/snet-db`, VNET_ID],
  ])('named by %s: an open group fails PGF-NET-7, a closed one passes', (_, pointer, parent) => {
    const vnet = { ...azapiVnet(undefined), body: { properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } } } };
    expect(findings(server(pointer, { azapi_resource: { vnet, db: subnet('open', parent) } }))).toEqual(['PGF-NET-7 fail azurerm_network_security_group.open']);
    expect(findings(server(pointer, { azapi_resource: { vnet, db: subnet('closed', parent) } }))).toEqual([]);
  });
});

describe('a delegated subnet as an inline subnet block of an azurerm_virtual_network', () => {
  test.each([
    ['the VNet\'s id and the subnet\'s name', '${azurerm_virtual_network.vnet.id}/subnets/snet-db'],
    ['a literal ID', `${VNET_ID}/subnets/snet-db`],
  ])('named by %s: an open group fails PGF-NET-7, a closed one passes', (_, pointer) => {
    expect(findings(server(pointer, { azurerm_virtual_network: { vnet: azurermVnet('open') } }))).toEqual(['PGF-NET-7 fail azurerm_network_security_group.open']);
    expect(findings(server(pointer, { azurerm_virtual_network: { vnet: azurermVnet('closed') } }))).toEqual([]);
  });

  test('a reference to its subnet blocks may be either: the open group of the other fails', () => {
    const vnet = azurermVnet('closed');
    (vnet.subnet as TerraformBlock[])[0] = { name: 'snet-app', address_prefixes: ['10.0.2.0/24'], security_group: `\${${NSG}.open.id}` };
    expect(findings(server('${tolist(azurerm_virtual_network.vnet.subnet)[1].id}', { azurerm_virtual_network: { vnet } }))).toEqual(['PGF-NET-7 fail azurerm_network_security_group.open']);
  });

  test('dynamic subnet blocks fail closed', () => {
    const vnet = { ...azurermVnet(undefined), subnet: undefined, dynamic: { subnet: { for_each: '${var.subnets}', content: { name: '${subnet.key}', address_prefixes: ['${subnet.value}'] } } } };
    expect(findings(server('${azurerm_virtual_network.vnet.id}/subnets/snet-db', { azurerm_virtual_network: { vnet } }))).toEqual(['PGF-NET-7 fail azurerm_virtual_network.vnet']);
  });
});

describe('an azurerm_subnet in an azapi VNet, named by the VNet\'s id', () => {
  test('its associated open group fails PGF-NET-7; a closed one passes', () => {
    const stack = (group: string) => server('${azapi_resource.vnet.id}/subnets/snet-db', {
      azapi_resource: { vnet: { ...azapiVnet(undefined), body: { properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] } } } } },
      azurerm_subnet: { db: { name: 'snet-db', resource_group_name: 'rg-network', virtual_network_name: '${azapi_resource.vnet.name}', address_prefixes: ['10.0.1.0/28'] } },
      [ASSOCIATION]: { db: { subnet_id: '${azurerm_subnet.db.id}', network_security_group_id: `\${${NSG}.${group}.id}` } },
    });
    expect(findings(stack('open'))).toEqual(['PGF-NET-7 fail azurerm_network_security_group.open']);
    expect(findings(stack('closed'))).toEqual([]);
  });
});

describe('beside a construct given the subnet of an azapi VNet body (existingVnetIntegration)', () => {
  /** The errors at synth, as "address rule". */
  function errors(group: 'open' | 'closed'): string[] {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const nsg = new TerraformResource(stack, 'nsg', { terraformResourceType: NSG });
    Object.entries(GROUPS[NSG][group]).forEach(([key, value]) => nsg.addOverride(key, value));
    const vnet = new TerraformResource(stack, 'vnet', { terraformResourceType: 'azapi_resource' });
    Object.entries(azapiVnet(undefined, { networkSecurityGroup: { id: '${azurerm_network_security_group.nsg.id}' } })).forEach(([key, value]) => vnet.addOverride(key, value));
    const zone = '/subscriptions/0/resourceGroups/rg-network/providers/Microsoft.Network/privateDnsZones/orders.private.postgres.database.azure.com';
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: `${vnet.getStringAttribute('id')}/subnets/snet-db`, privateDnsZoneResourceId: zone }) }));
    return synthErrors(stack).map((line) => line.split(' ').slice(3, 5).join(' '));
  }

  test('the group the body attaches letting PostgreSQL in from anywhere fails PGF-NET-7 and PGF-NET-11; a closed one passes', () => {
    expect(errors('open')).toEqual([`${NSG}.nsg PGF-NET-7`, `${NSG}.nsg PGF-NET-11`]);
    expect(errors('closed')).toEqual([]);
  });
});
