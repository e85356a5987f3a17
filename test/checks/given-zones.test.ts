import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { DataAzurermPrivateDnsZone } from '@cdktf/provider-azurerm/lib/data-azurerm-private-dns-zone';
import { TerraformResource, TerraformVariable } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer, SecureSingleServer, SingleServerNetwork } from '../../lib';
import { minimalProps, minimalSingleProps, newStack, PRIVATE_LINK_ZONE_ID, SUBSCRIPTION, synthErrors } from '../helpers';

// The Private Link zone a private endpoint is given (privateEndpoint({ privateDnsZoneResourceId })) is a zone the server
// resolves in, as the zone the construct makes: a record of the server's name (or "*", "@") and a registering VNet link in it,
// by every writer (azurerm by name, azapi child or update at or below its ID), fail PG-NET-1, whether the zone is given by
// literal ID or by a variable; other servers' names in the shared zone pass (seventeenth review, A17a-6).

const PE_SUBNET = `${SUBSCRIPTION}/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe`;
const ZONE_NAME = 'privatelink.postgres.database.azure.com';
type Block = [type: string, id: string, config: Record<string, unknown>];
/** The zone as each pointer form gives it: its ID, its resource group's name, and the zone name the writers spell. */
interface Pointer { readonly id: string; readonly group: string; readonly name: string }
const LITERAL: Pointer = { id: PRIVATE_LINK_ZONE_ID, group: 'rg-dns', name: ZONE_NAME };
const VARIABLE: Pointer = { id: '${var.zone_id}', group: '${split("/", var.zone_id)[4]}', name: '${split("/", var.zone_id)[8]}' };

/** One case per writer: the block that writes the server's name (or a record called `name`) or a registering link in the zone. */
const WRITERS: { readonly [writer: string]: (zone: Pointer, name: string) => Block } = {
  'azurerm record': (zone, name) => ['azurerm_private_dns_a_record', 'w', { name, zone_name: zone.name, resource_group_name: zone.group, ttl: 300, records: ['10.9.9.9'] }],
  'azurerm CNAME record': (zone, name) => ['azurerm_private_dns_cname_record', 'w', { name, zone_name: zone.name, resource_group_name: zone.group, ttl: 300, record: 'x.example.com' }],
  'azapi record': (zone, name) => ['azapi_resource', 'w', { type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', name, parent_id: zone.id, body: { properties: { ttl: 300, aRecords: [{ ipv4Address: '10.9.9.9' }] } } }],
  'azurerm link': (zone) => ['azurerm_private_dns_zone_virtual_network_link', 'w', { name: 'l', resource_group_name: zone.group, private_dns_zone_name: zone.name,
    virtual_network_id: `${SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x`, registration_enabled: true }],
  'azapi link': (zone) => ['azapi_resource', 'w', { type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01', name: 'l', parent_id: zone.id, location: 'global',
    body: { properties: { registrationEnabled: true, virtualNetwork: { id: `${SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x` } } } }],
};

function flexible(zone: Pointer, block: Block): string[] {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const zoneId = zone === VARIABLE ? new TerraformVariable(stack, 'zone_id', { type: 'string' }).stringValue : zone.id;
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: PE_SUBNET, privateDnsZoneResourceId: zoneId }) }));
  const [type, id, config] = block;
  const resource = new TerraformResource(stack, id, { terraformResourceType: type });
  for (const [key, value] of Object.entries(config)) resource.addOverride(key, value);
  return synthErrors(stack).filter((line) => line.includes(' PG-NET-1 '));
}
const failsOn = (errors: string[], address: string) => errors.some((line) => line.startsWith(`  [test] ${address} PG-NET-1 `));
const addressOf = (block: Block) => `${block[0]}.${block[1]}`;

describe('every writer, by every pointer form of the given zone', () => {
  for (const [form, zone] of Object.entries({ literal: LITERAL, variable: VARIABLE })) {
    test.each(Object.keys(WRITERS))(`${form}: %s of the server's name, or registering, fails PG-NET-1`, (writer) => {
      const block = WRITERS[writer](zone, 'orders-db');
      expect(failsOn(flexible(zone, block), addressOf(block))).toBe(true);
    });
    test.each(Object.keys(WRITERS).filter((writer) => writer.includes('record')))(`${form}: %s of another server's name in the shared zone passes`, (writer) => {
      expect(flexible(zone, WRITERS[writer](zone, 'billing-db'))).toEqual([]);
    });
  }
  test('a link without registration passes', () => {
    const [type, id, config] = WRITERS['azurerm link'](LITERAL, '');
    expect(flexible(LITERAL, [type, id, { ...config, registration_enabled: false }])).toEqual([]);
  });
});

test('SecureSingleServer: a record of its name in the given Private Link zone fails PG-NET-1', () => {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ network: SingleServerNetwork.privateEndpoint({ subnetResourceId: PE_SUBNET, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID }) }));
  const record = new TerraformResource(stack, 'rec', { terraformResourceType: 'azurerm_private_dns_a_record' });
  const name = (JSON.parse(JSON.stringify(stack.toTerraform())).resource.azurerm_postgresql_server as Record<string, { name: string }>);
  for (const [key, value] of Object.entries({ name: Object.values(name)[0].name, zone_name: ZONE_NAME, resource_group_name: 'rg-dns', ttl: 300, records: ['10.9.9.9'] })) record.addOverride(key, value);
  expect(failsOn(synthErrors(stack), 'azurerm_private_dns_a_record.rec')).toBe(true);
});

// Every zone a construct is given (the private endpoint's Private Link zone, existingVnetIntegration's zone, SecureSingleServer's
// Private Link zone), written at by azapi at a parent that may be it (a template: a variable subscription or resource group,
// format(), join()) is judged as at its literal ID (a zone given by a lookup, at the ID its names spell); a body known only at apply time there fails closed (eighteenth review, A18a-3, A18a-4).
const ZONE_RULES = / (PG-NET-1|PG-CFG-3|PGS-NET-1) /;
const VI_ZONE_ID = `${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/orders.postgres.database.azure.com`;
/** A zone's ID with its subscription a variable (the connectivity subscription of a hub-and-spoke landing zone). */
const hubTemplate = (stack: ReturnType<typeof newStack>, id: string) => id.replace(SUBSCRIPTION, `/subscriptions/${new TerraformVariable(stack, 'hub', { type: 'string' }).stringValue}`);
/** A given zone of each kind: the construct that is given it, by literal ID, and the name of a record that answers for the server. */
const GIVEN_ZONES: { readonly [kind: string]: { readonly id: string; readonly server: string; readonly make: (stack: ReturnType<typeof newStack>) => void } } = {
  'the private endpoint\'s Private Link zone': { id: PRIVATE_LINK_ZONE_ID, server: 'orders-db', make: (stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: PE_SUBNET, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID }) })) },
  'existingVnetIntegration\'s zone': { id: VI_ZONE_ID, server: 'orders-db', make: (stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-postgres`, privateDnsZoneResourceId: VI_ZONE_ID }) })) },
  'the private endpoint\'s Private Link zone, given by a lookup of its names': { id: PRIVATE_LINK_ZONE_ID, server: 'orders-db', make: (stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.privateEndpoint({
    subnetResourceId: PE_SUBNET, privateDnsZoneResourceId: new DataAzurermPrivateDnsZone(stack, 'hub', { name: ZONE_NAME, resourceGroupName: 'rg-dns' }).id }) })) },
  'the private endpoint\'s Private Link zone, given by a template of its ID': { id: PRIVATE_LINK_ZONE_ID, server: 'orders-db', make: (stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.privateEndpoint({
    subnetResourceId: PE_SUBNET, privateDnsZoneResourceId: hubTemplate(stack, PRIVATE_LINK_ZONE_ID) }) })) },
  'existingVnetIntegration\'s zone, given by a template of its ID': { id: VI_ZONE_ID, server: 'orders-db', make: (stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-postgres`, privateDnsZoneResourceId: hubTemplate(stack, VI_ZONE_ID) }) })) },
  // Run 35: a "." or empty segment in the template says nothing (azure-keys.ts idSegments), as in a literal ID.
  'existingVnetIntegration\'s zone, given by a template of its ID with a "." segment and a trailing "/."': { id: VI_ZONE_ID, server: 'orders-db', make: (stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-postgres`, privateDnsZoneResourceId: `${hubTemplate(stack, VI_ZONE_ID).replace('/providers/', '/./providers/')}/.` }) })) },
  'the private endpoint\'s Private Link zone, given by a template of its ID with an empty segment and a trailing "//"': { id: PRIVATE_LINK_ZONE_ID, server: 'orders-db', make: (stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.privateEndpoint({
    subnetResourceId: PE_SUBNET, privateDnsZoneResourceId: `${hubTemplate(stack, PRIVATE_LINK_ZONE_ID).replace('/resourceGroups/', '//resourceGroups/')}//` }) })) },
  'SecureSingleServer\'s Private Link zone': { id: PRIVATE_LINK_ZONE_ID, server: 'legacy-db', make: (stack) => new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ name: 'legacy-db', network: SingleServerNetwork.privateEndpoint({ subnetResourceId: PE_SUBNET, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID }) })) },
};
/** The zone's ID written as a parent that may be it. */
const TAIL = (id: string) => id.replace(/^\/subscriptions\/[^/]+\//, '');
const PARENT_FORMS: { readonly [form: string]: (id: string) => string } = {
  'its literal ID': (id) => id,
  'a variable subscription': (id) => `/subscriptions/\${var.hub_subscription_id}/${TAIL(id)}`,
  'format()': (id) => `\${format("/subscriptions/%s/${TAIL(id)}", var.hub_subscription_id)}`,
  'a variable resource group': (id) => id.replace('/rg-dns/', '/${var.dns_rg}/'),
  // A join of single segments is read when the perimeter's reader reads it (A18a-2): the same reader judges these parents.
  'join()': (id) => `\${join("/", ["/subscriptions", var.hub_subscription_id, "${TAIL(id)}"])}`,
};
const RECORD_BODY = { properties: { ttl: 300, aRecords: [{ ipv4Address: '10.9.9.9' }] } };
const LATER_RECORD = '${jsonencode({properties = {ttl = var.ttl, aRecords = [{ipv4Address = "10.9.9.9"}]}})}';
/** The azapi writes into a zone at a parent: a record of a name, a registering link, an update of a record, each with a readable body or one known later. */
const AZAPI_WRITES: { readonly [writer: string]: (parent: string, name: string) => Block } = {
  'a record': (parent, name) => ['azapi_resource', 'w', { type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', name, parent_id: parent, body: RECORD_BODY }],
  'a registering link': (parent) => ['azapi_resource', 'w', { type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01', name: 'l', parent_id: parent, location: 'global',
    body: { properties: { registrationEnabled: true, virtualNetwork: { id: `${SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/vnet-x` } } } }],
  'an update of a record': (parent, name) => ['azapi_update_resource', 'w', { type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', resource_id: `${parent}/A/${name}`, body: RECORD_BODY }],
  'a record whose body is known later': (parent, name) => ['azapi_resource', 'w', { type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', name, parent_id: parent, body: LATER_RECORD }],
  'a link whose body is known later': (parent) => ['azapi_resource', 'w', { type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01', name: 'l', parent_id: parent, location: 'global',
    body: '${jsonencode({properties = {registrationEnabled = var.reg, virtualNetwork = {id = var.vnet}}})}' }],
  'an update of a record whose body is known later': (parent, name) => ['azapi_update_resource', 'w', { type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', resource_id: `${parent}/A/${name}`, body: LATER_RECORD }],
};
function zoneErrors(kind: string, block: Block): string[] {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  GIVEN_ZONES[kind].make(stack);
  const [type, id, config] = block;
  const resource = new TerraformResource(stack, id, { terraformResourceType: type });
  for (const [key, value] of Object.entries(config)) resource.addOverride(key, value);
  return synthErrors(stack).filter((line) => line.startsWith(`  [test] ${addressOf(block)} `) && ZONE_RULES.test(line));
}

describe('azapi writes into every given zone, at every parent that may be it (A18a-3, A18a-4)', () => {
  const cases = Object.keys(GIVEN_ZONES).flatMap((kind) => Object.keys(PARENT_FORMS).flatMap((form) => Object.keys(AZAPI_WRITES).map((writer) => [kind, form, writer] as const)));
  test.each(cases)('%s at %s: %s that may answer for the server fails', (kind, form, writer) => {
    const zone = GIVEN_ZONES[kind];
    expect(zoneErrors(kind, AZAPI_WRITES[writer](PARENT_FORMS[form](zone.id), zone.server))).not.toEqual([]);
  });
  test.each(Object.keys(PARENT_FORMS))('the shared Private Link zone at %s: another server\'s record passes, with a body known later too', (form) => {
    for (const writer of ['a record', 'an update of a record', 'a record whose body is known later', 'an update of a record whose body is known later']) {
      expect(zoneErrors('the private endpoint\'s Private Link zone', AZAPI_WRITES[writer](PARENT_FORMS[form](PRIVATE_LINK_ZONE_ID), 'billing-db'))).toEqual([]);
    }
  });
  test('a template that cannot be the zone (another zone\'s name, another resource group) passes', () => {
    for (const parent of [`/subscriptions/\${var.s}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/corp.contoso.com`,
      `/subscriptions/\${var.s}/resourceGroups/rg-other/providers/Microsoft.Network/privateDnsZones/privatelink.postgres.database.azure.com`]) {
      expect(zoneErrors('the private endpoint\'s Private Link zone', AZAPI_WRITES['a record whose body is known later'](parent, 'orders-db'))).toEqual([]);
      expect(zoneErrors('the private endpoint\'s Private Link zone', AZAPI_WRITES['a registering link'](parent, ''))).toEqual([]);
    }
  });
});

test('the Private Link zone given by a variable: a write at the variable whose body is known later fails closed; another server\'s record passes (A18a-4)', () => {
  const stack = () => {
    const made = newStack();
    new AzurermProvider(made, 'azurerm', { features: [{}] });
    const zoneId = new TerraformVariable(made, 'zone_id', { type: 'string' }).stringValue;
    new SecureFlexibleServer(made, 'Postgres', minimalProps({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: PE_SUBNET, privateDnsZoneResourceId: zoneId }) }));
    return made;
  };
  const errorsOf = (block: Block) => {
    const made = stack();
    const resource = new TerraformResource(made, block[1], { terraformResourceType: block[0] });
    for (const [key, value] of Object.entries(block[2])) resource.addOverride(key, value);
    return synthErrors(made).filter((line) => line.startsWith(`  [test] ${addressOf(block)} `) && ZONE_RULES.test(line));
  };
  for (const writer of ['a record whose body is known later', 'a link whose body is known later', 'an update of a record whose body is known later']) {
    expect([writer, errorsOf(AZAPI_WRITES[writer]('${var.zone_id}', 'orders-db')).length]).toEqual([writer, 1]);
  }
  expect(errorsOf(AZAPI_WRITES['a record whose body is known later']('${var.zone_id}', 'billing-db'))).toEqual([]);
});

test('a writer of a type no table reads, pointed at the given Private Link zone, fails PG-CFG-8 as in the server\'s own zone (A18a-4)', () => {
  const errorsOf = (config: Record<string, unknown>) => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: PE_SUBNET, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID }) }));
    const resource = new TerraformResource(stack, 'w', { terraformResourceType: 'azurerm_private_dns_zone_future_setting' });
    for (const [key, value] of Object.entries(config)) resource.addOverride(key, value);
    return synthErrors(stack).filter((line) => line.startsWith('  [test] azurerm_private_dns_zone_future_setting.w PG-CFG-8 '));
  };
  expect(errorsOf({ private_dns_zone_id: PRIVATE_LINK_ZONE_ID })).toHaveLength(1);
  expect(errorsOf({ private_dns_zone_id: PRIVATE_LINK_ZONE_ID.replace('privatelink.postgres', 'privatelink.mysql') })).toEqual([]);
});

// A zone given by a lookup through a provider of a literal subscription is the zone its names spell in that subscription
// (block-ids.ts spelledBlockId with the providers, A18b-3's rule): an azapi write at the same names in another literal
// subscription is another zone; one in that subscription, or in a subscription known only later, may be it.
describe('a zone given by a lookup through a provider of a literal subscription', () => {
  const HUB = '11111111-1111-1111-1111-111111111111';
  const OTHER = '22222222-2222-2222-2222-222222222222';
  const atParent = (parent: string) => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const hub = new AzurermProvider(stack, 'hub', { features: [{}], alias: 'hub', subscriptionId: HUB });
    const zone = new DataAzurermPrivateDnsZone(stack, 'hubzone', { provider: hub, name: ZONE_NAME, resourceGroupName: 'rg-dns' });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.privateEndpoint({ subnetResourceId: PE_SUBNET, privateDnsZoneResourceId: zone.id }) }));
    const [type, id, config] = AZAPI_WRITES['a record'](parent, '*');
    const resource = new TerraformResource(stack, id, { terraformResourceType: type });
    for (const [key, value] of Object.entries(config)) resource.addOverride(key, value);
    return synthErrors(stack).filter((line) => ZONE_RULES.test(line) && line.includes(' azapi_resource.w '));
  };
  test.each([
    ['in the lookup\'s subscription', `/subscriptions/${HUB}/${TAIL(PRIVATE_LINK_ZONE_ID)}`, 1],
    ['in a subscription known only later', `/subscriptions/\${var.s}/${TAIL(PRIVATE_LINK_ZONE_ID)}`, 1],
    // Another object, but a namesake of the Private Link zone: its "*" may answer for the server's private name wherever it is
    // linked (A19a-11, private-name-shadows.ts), judged by name.
    ['in another literal subscription', `/subscriptions/${OTHER}/${TAIL(PRIVATE_LINK_ZONE_ID)}`, 1],
  ])('an azapi wildcard record at the same names %s', (_where, parent, failures) => {
    expect(atParent(parent)).toHaveLength(failures as number);
  });
});
