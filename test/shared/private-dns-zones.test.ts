import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { FlexibleServerNetwork, SecureFlexibleServer, SecureSingleServer, SingleServerNetwork } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { ValidationError } from '../../lib/private/validation-error';
import { SharedZone } from '../../lib/shared/private-dns-zones';
import { minimalProps, minimalSingleProps, PRIVATE_LINK_ZONE_ID, resourcesOf, SUBNET_ID, SUBSCRIPTION, SynthesizedStack, TerraformBlock, VNET_ID } from '../helpers';

// Azure allows one private DNS zone of a name per resource group. Servers of a stack that need the
// same zone in the same group share one (privatelink.postgres.database.azure.com for private
// endpoints, Flexible and Single alike), each VNet linked to it once.

const ZONE = 'azurerm_private_dns_zone';
const LINK = 'azurerm_private_dns_zone_virtual_network_link';
const ENDPOINT = 'azurerm_private_endpoint';
const PRIVATE_LINK = 'privatelink.postgres.database.azure.com';
const OTHER_VNET_SUBNET = `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-apps/subnets/snet-endpoints`;

function stackWithProvider(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'shared');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

const flexibleEndpoint = (subnetResourceId = SUBNET_ID) => FlexibleServerNetwork.privateEndpoint({ subnetResourceId });

/** Synthesizes with validations, so the rule pack judges the stack; returns the JSON. */
function synth(stack: TerraformStack): SynthesizedStack {
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

function zoneIdsOfEndpoints(json: SynthesizedStack): string[] {
  return resourcesOf(json, ENDPOINT).map((endpoint: TerraformBlock) => endpoint.private_dns_zone_group.private_dns_zone_ids[0]);
}

describe('two private-endpoint Flexible Servers in one resource group', () => {
  const stack = stackWithProvider();
  new SecureFlexibleServer(stack, 'Orders', minimalProps({ name: 'orders-db', network: flexibleEndpoint() }));
  new SecureFlexibleServer(stack, 'Billing', minimalProps({ name: 'billing-db', network: flexibleEndpoint() }));
  const json = synth(stack);

  test('synthesize exactly one privatelink zone there', () => {
    expect(resourcesOf(json, ZONE)).toEqual([expect.objectContaining({ name: PRIVATE_LINK, resource_group_name: 'rg-orders' })]);
  });

  test('both endpoints register in it', () => {
    const zone = Object.keys(json.resource[ZONE])[0];
    expect(zoneIdsOfEndpoints(json)).toEqual([`\${${ZONE}.${zone}.id}`, `\${${ZONE}.${zone}.id}`]);
  });

  test('the endpoints\' VNet is linked once, named after the first server', () => {
    expect(resourcesOf(json, LINK)).toEqual([expect.objectContaining({ name: 'orders-db-privatelink', virtual_network_id: VNET_ID, registration_enabled: false })]);
  });

  test('the rule pack finds no duplicate zone', () => {
    const findings = evaluateStack(stack.toTerraform(), ALL_RULES).findings.filter((f) => f.ruleId === 'PGF-NET-10');
    expect(findings.map((f) => f.status)).toEqual(['pass', 'pass']);
  });
});

test('a Flexible and a Single Server with private endpoints in one group share the zone', () => {
  const stack = stackWithProvider();
  new SecureFlexibleServer(stack, 'Orders', minimalProps({ resourceGroupName: 'rg-db', network: flexibleEndpoint() }));
  new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ resourceGroupName: 'rg-db', network: SingleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID }) }));
  const json = synth(stack);
  expect(resourcesOf(json, ZONE)).toHaveLength(1);
  expect(resourcesOf(json, LINK)).toHaveLength(1);
  expect(new Set(zoneIdsOfEndpoints(json)).size).toBe(1);
});

test('resource group names compare ignoring case, as Azure does', () => {
  const stack = stackWithProvider();
  new SecureFlexibleServer(stack, 'Orders', minimalProps({ name: 'orders-db', resourceGroupName: 'rg-db', network: flexibleEndpoint() }));
  new SecureFlexibleServer(stack, 'Billing', minimalProps({ name: 'billing-db', resourceGroupName: 'RG-DB', network: flexibleEndpoint() }));
  expect(resourcesOf(synth(stack), ZONE)).toHaveLength(1);
});

test('servers in two resource groups get a zone each', () => {
  const stack = stackWithProvider();
  new SecureFlexibleServer(stack, 'Orders', minimalProps({ name: 'orders-db', resourceGroupName: 'rg-orders', network: flexibleEndpoint() }));
  new SecureFlexibleServer(stack, 'Billing', minimalProps({ name: 'billing-db', resourceGroupName: 'rg-billing', network: flexibleEndpoint() }));
  expect(resourcesOf(synth(stack), ZONE).map((zone: TerraformBlock) => zone.resource_group_name).sort()).toEqual(['rg-billing', 'rg-orders']);
});

test('endpoints in another VNet get their own link to the shared zone', () => {
  const stack = stackWithProvider();
  new SecureFlexibleServer(stack, 'Orders', minimalProps({ name: 'orders-db', network: flexibleEndpoint() }));
  new SecureFlexibleServer(stack, 'Billing', minimalProps({ name: 'billing-db', network: flexibleEndpoint(OTHER_VNET_SUBNET) }));
  const json = synth(stack);
  expect(resourcesOf(json, ZONE)).toHaveLength(1);
  expect(resourcesOf(json, LINK).map((link: TerraformBlock) => [link.name, link.virtual_network_id]).sort()).toEqual([
    ['billing-db-privatelink', OTHER_VNET_SUBNET.replace('/subnets/snet-endpoints', '')],
    ['orders-db-privatelink', VNET_ID],
  ]);
});

test('a resource group given as the same reference shares one zone', () => {
  const stack = stackWithProvider();
  const group = new ResourceGroup(stack, 'Group', { name: 'rg-db', location: 'westeurope' });
  new SecureFlexibleServer(stack, 'Orders', minimalProps({ name: 'orders-db', resourceGroupName: group.name, network: flexibleEndpoint() }));
  new SecureFlexibleServer(stack, 'Billing', minimalProps({ name: 'billing-db', resourceGroupName: group.name, network: flexibleEndpoint() }));
  expect(resourcesOf(synth(stack), ZONE)).toEqual([expect.objectContaining({ resource_group_name: '${azurerm_resource_group.Group.name}' })]);
});

test('resource groups given as two different variables get a zone each: they may be two groups', () => {
  const stack = stackWithProvider();
  const rg = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
  new SecureFlexibleServer(stack, 'Orders', minimalProps({ name: 'orders-db', resourceGroupName: rg('rg_orders'), network: flexibleEndpoint() }));
  new SecureFlexibleServer(stack, 'Billing', minimalProps({ name: 'billing-db', resourceGroupName: rg('rg_billing'), network: flexibleEndpoint() }));
  expect(resourcesOf(synth(stack), ZONE)).toHaveLength(2);
});

test('endpoints in one subnet given as a reference share one link', () => {
  const stack = stackWithProvider();
  const subnet = new Subnet(stack, 'Endpoints', { name: 'snet-pe', resourceGroupName: 'rg-network', virtualNetworkName: 'vnet-hub', addressPrefixes: ['10.0.3.0/24'] });
  new SecureFlexibleServer(stack, 'Orders', minimalProps({ name: 'orders-db', network: flexibleEndpoint(subnet.id) }));
  new SecureFlexibleServer(stack, 'Billing', minimalProps({ name: 'billing-db', network: flexibleEndpoint(subnet.id) }));
  expect(resourcesOf(synth(stack), LINK)).toHaveLength(1);
});

test('an existing zone (the hub\'s central zone) is used as given: no zone, no link', () => {
  const stack = stackWithProvider();
  const hubZone = (server: SecureFlexibleServer) => new TerraformOutput(stack, `${server.node.id}-zone`, { value: server.privateDnsZoneId });
  hubZone(new SecureFlexibleServer(stack, 'Orders', minimalProps({ name: 'orders-db', network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID }) })));
  hubZone(new SecureFlexibleServer(stack, 'Billing', minimalProps({ name: 'billing-db', network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID }) })));
  const json = synth(stack);
  expect(resourcesOf(json, ZONE)).toHaveLength(0);
  expect(resourcesOf(json, LINK)).toHaveLength(0);
  expect(zoneIdsOfEndpoints(json)).toEqual([PRIVATE_LINK_ZONE_ID, PRIVATE_LINK_ZONE_ID]);
});

test('VNet-integrated servers that name one zone in one group share it, linked once to their VNet', () => {
  const stack = stackWithProvider();
  const network = (subnetAddressPrefix: string) => FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix, privateDnsZoneName: 'apps.private.postgres.database.azure.com' });
  new SecureFlexibleServer(stack, 'Orders', minimalProps({ name: 'orders-db', network: network('10.0.1.0/28') }));
  new SecureFlexibleServer(stack, 'Billing', minimalProps({ name: 'billing-db', network: network('10.0.1.16/28') }));
  const json = synth(stack);
  expect(resourcesOf(json, ZONE)).toEqual([expect.objectContaining({ name: 'apps.private.postgres.database.azure.com' })]);
  expect(resourcesOf(json, LINK)).toHaveLength(1);
  const servers = resourcesOf(json, 'azurerm_postgresql_flexible_server');
  expect(servers[0].private_dns_zone_id).toBe(servers[1].private_dns_zone_id);
});

test('a raw zone of the same name in the same group beside a construct\'s fails synth (PGF-NET-10)', () => {
  const stack = stackWithProvider();
  new SecureFlexibleServer(stack, 'Orders', minimalProps({ name: 'orders-db', network: flexibleEndpoint() }));
  new PrivateDnsZone(stack, 'Copy', { name: 'PrivateLink.Postgres.Database.Azure.Com', resourceGroupName: 'rg-orders' });
  expect(() => synth(stack)).toThrow(/PGF-NET-10 azurerm_private_dns_zone\.[\w-]+ and azurerm_private_dns_zone\.Copy create zone "privatelink\.postgres\.database\.azure\.com" in one resource group/);
});

// Twelfth review, A12a-10: a caller's construct at the id of a zone or link inside the shared zones is
// refused with the library's error, not taken for the zone (a TypeError) or the link (the caller's link).
describe('a caller\'s construct at a shared zone\'s or link\'s id', () => {
  const sharedZones = (stack: TerraformStack) => stack.node.findChild('cdktf-azure-postgres-private-dns-zones');

  test('at a zone\'s id, the next server that needs the zone is refused', () => {
    const stack = stackWithProvider();
    new SecureFlexibleServer(stack, 'First', minimalProps({ name: 'first-db', network: flexibleEndpoint() }));
    new Construct(sharedZones(stack), `${PRIVATE_LINK}-rg-other`);
    expect(() => new SecureFlexibleServer(stack, 'Second', minimalProps({ name: 'second-db', resourceGroupName: 'rg-other', network: flexibleEndpoint() }))).toThrow(
      new ValidationError('PRIVATE-DNS-ZONES-ID-RESERVED', 'construct id', `${PRIVATE_LINK}-rg-other`, 'is reserved for a private DNS zone cdktf-azure-postgres shares between servers', 'rename the construct that uses it'),
    );
  });

  test('at a link\'s id (even a link of the same class), the next server that needs the link is refused', () => {
    const stack = stackWithProvider();
    new SecureFlexibleServer(stack, 'First', minimalProps({ name: 'first-db', network: flexibleEndpoint() }));
    const zone = sharedZones(stack).node.children[0] as SharedZone;
    const linkId = zone.link(zone, { virtualNetworkId: VNET_ID.replace('vnet-hub', 'vnet-apps'), name: 'unused' }).node.id;
    zone.node.tryRemoveChild(linkId);
    new PrivateDnsZoneVirtualNetworkLink(zone, linkId, { name: 'mine', privateDnsZoneName: zone.zone.name, resourceGroupName: 'rg-orders', virtualNetworkId: 'x', registrationEnabled: true });
    expect(() => new SecureFlexibleServer(stack, 'Second', minimalProps({ name: 'second-db', network: flexibleEndpoint(OTHER_VNET_SUBNET) }))).toThrow(/^Invalid construct id: "Link-[0-9a-f]{16}" is reserved for a virtual network link of a private DNS zone cdktf-azure-postgres shares between servers\. Fix: rename the construct that uses it\.$/);
  });
});
