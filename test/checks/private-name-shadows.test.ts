import { privateNames } from '../../lib/checks/private-name-shadows';
import { rule } from '../../lib/checks/rules/PG-NET-1';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt, verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// A zone named like the zone that answers for the private name a server's public name leads to (a namesake of the Private
// Link zone or of the server's VNet-integration zone in another resource group), or like a parent of that name, answers for
// it in the VNets linked to it (nineteenth review, A19a-11): a record of it that may answer for the private name, or a
// registering link of it, fails PG-NET-1; a record for another name, or a plain link of a zone with no such record, passes.

const ZONES = 'stack/cdktf-azure-postgres-private-dns-zones';
const OWN_ZONE = 'orders-db.private.postgres.database.azure.com';
const PRIVATE_LINK = 'privatelink.postgres.database.azure.com';
const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';

const constructServer = (extra: Resources = {}): Resources => ({
  [FLEXIBLE]: { db: { ...compliantFlexibleServer(), name: 'orders-db', ...madeAt(`${CONSTRUCT}/Server`) } },
  azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', address_prefixes: ['10.0.1.0/28'] } },
  ...extra,
  azurerm_private_dns_zone: { db: { ...madeAt(`${ZONES}/zone/Zone`), name: OWN_ZONE, resource_group_name: 'rg' }, ...(extra.azurerm_private_dns_zone ?? {}) },
});

/** A record written into a zone of the name, in another resource group: an azurerm record by the zone block's name, an azapi record at its literal ID. */
const WRITERS: { readonly [how: string]: (zone: string, record: string) => { resources: Resources; address: string } } = {
  'an azurerm record in a zone block of the stack': (zone, record) => ({ address: 'azurerm_private_dns_a_record.rec', resources: {
    azurerm_private_dns_zone: { shadow: { name: zone, resource_group_name: 'rg-app' } },
    azurerm_private_dns_a_record: { rec: { name: record, zone_name: '${azurerm_private_dns_zone.shadow.name}', resource_group_name: 'rg-app', ttl: 60, records: ['10.9.9.9'] } },
  } }),
  'an azapi record at the zone\'s literal ID': (zone, record) => ({ address: 'azapi_resource.rec', resources: {
    azapi_resource: { rec: { type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', name: record, parent_id: `${SUB}/resourceGroups/rg-app/providers/Microsoft.Network/privateDnsZones/${zone}`,
      body: { properties: { ttl: 60, aRecords: [{ ipv4Address: '10.9.9.9' }] } } } },
  } }),
  'an azapi record in an azapi zone of the stack, in another subscription': (zone, record) => ({ address: 'azapi_resource.rec', resources: {
    azapi_resource: {
      shadow: { type: 'Microsoft.Network/privateDnsZones@2024-06-01', name: zone, parent_id: '/subscriptions/22222222-0000-0000-0000-000000000000/resourceGroups/rg-app', location: 'global' },
      rec: { type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', name: record, parent_id: '${azapi_resource.shadow.id}', body: { properties: { ttl: 60, aRecords: [{ ipv4Address: '10.9.9.9' }] } } },
    },
  } }),
};

/** {Private Link name, the server's zone name} × {namesake, parent, the name itself} × {the name, "*", "@", another name}. */
const CASES: [string, string, string, 'fail' | 'pass'][] = [
  ['a namesake Private Link zone, the server\'s name', PRIVATE_LINK, 'orders-db', 'fail'],
  ['a namesake Private Link zone, "*"', PRIVATE_LINK, '*', 'fail'],
  ['a namesake Private Link zone in another case, the server\'s name', PRIVATE_LINK.toUpperCase(), 'Orders-DB', 'fail'],
  ['a namesake Private Link zone, "@"', PRIVATE_LINK, '@', 'pass'],
  ['a namesake Private Link zone, another server\'s name', PRIVATE_LINK, 'billing-db', 'pass'],
  ['a zone named the Private Link name, "@"', `orders-db.${PRIVATE_LINK}`, '@', 'fail'],
  ['a zone named the Private Link name, a name below it', `orders-db.${PRIVATE_LINK}`, 'x', 'pass'],
  ['a namesake of the server\'s zone, "*"', OWN_ZONE, '*', 'fail'],
  ['a namesake of the server\'s zone, any label', OWN_ZONE, 'a1b2c3', 'fail'],
  ['a namesake of the server\'s zone, "@"', OWN_ZONE, '@', 'pass'],
  ['a parent of the server\'s zone, "*.orders-db"', 'private.postgres.database.azure.com', '*.orders-db', 'fail'],
  ['a parent of the server\'s zone, a label below the server\'s zone', 'private.postgres.database.azure.com', 'a1b2c3.orders-db', 'fail'],
  ['a parent of the server\'s zone, "*"', 'private.postgres.database.azure.com', '*', 'fail'],
  ['a parent of the server\'s zone, another server\'s zone name', 'private.postgres.database.azure.com', 'x.billing-db', 'pass'],
  ['a company\'s zone, "*"', 'corp.example.com', '*', 'pass'],
];

const status = (verdicts: readonly { status: string; address?: string }[], address: string) => verdicts.find((verdict) => verdict.address === address)?.status ?? 'pass';

describe.each(Object.entries(WRITERS))('%s', (_how, writer) => {
  test.each(CASES)('%s', (_what, zone, record, expected) => {
    const { resources, address } = writer(zone, record);
    expect(status(verdictsBeside(rule, constructServer(resources), [CONSTRUCT, ZONES]), address)).toBe(expected);
  });
});

describe('links of such zones', () => {
  const link = (registration: boolean, zoneName = '${azurerm_private_dns_zone.shadow.name}') => constructServer({
    azurerm_private_dns_zone: { shadow: { name: PRIVATE_LINK, resource_group_name: 'rg-app' } },
    azurerm_private_dns_zone_virtual_network_link: { l: { name: 'l', private_dns_zone_name: zoneName, resource_group_name: 'rg-app', virtual_network_id: '${var.vnet}', registration_enabled: registration } },
  });
  test('a registering link of a namesake Private Link zone fails; a plain one (another hub\'s zone, no record of the server) passes', () => {
    expect(status(verdictsBeside(rule, link(true), [CONSTRUCT, ZONES]), 'azurerm_private_dns_zone_virtual_network_link.l')).toBe('fail');
    expect(status(verdictsBeside(rule, link(false), [CONSTRUCT, ZONES]), 'azurerm_private_dns_zone_virtual_network_link.l')).toBe('pass');
  });
  test('a registering azapi link of a zone named like the server\'s zone in another resource group fails', () => {
    const verdicts = verdictsBeside(rule, constructServer({ azapi_resource: { l: { type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01', name: 'l', location: 'global',
      parent_id: `${SUB}/resourceGroups/rg-app/providers/Microsoft.Network/privateDnsZones/${OWN_ZONE}`, body: { properties: { registrationEnabled: true, virtualNetwork: { id: '${var.vnet}' } } } } } }), [CONSTRUCT, ZONES]);
    expect(status(verdicts, 'azapi_resource.l')).toBe('fail');
  });
});

describe('the server\'s own zones are judged where they are (dns-zone-answers.ts), once', () => {
  test('a record in the server\'s own zone block fails once', () => {
    const verdicts = verdictsBeside(rule, constructServer({ azurerm_private_dns_a_record: { rec: { name: '*', zone_name: '${azurerm_private_dns_zone.db.name}', resource_group_name: 'rg', ttl: 60, records: ['10.9.9.9'] } } }), [CONSTRUCT, ZONES]);
    expect(verdicts.filter((verdict) => verdict.status === 'fail' && verdict.address === 'azurerm_private_dns_a_record.rec')).toHaveLength(1);
  });
  test('the private names: the Private Link name in each cloud, any label below the server\'s zone', () => {
    const model = buildStackModel({ resource: constructServer() });
    const names = privateNames(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!);
    expect(names.filter((name) => !name.startsWith('\u0001'))).toEqual(['orders-db.privatelink.postgres.database.azure.com', 'orders-db.privatelink.postgres.database.chinacloudapi.cn', 'orders-db.privatelink.postgres.database.usgovcloudapi.net']);
    expect(names.filter((name) => name.startsWith('\u0001'))).toEqual([`\u0001.${OWN_ZONE}`]);
  });
  test('a message names the record and the zone', () => {
    const { resources } = WRITERS['an azurerm record in a zone block of the stack'](PRIVATE_LINK, 'orders-db');
    expect(verdictsBeside(rule, constructServer(resources), [CONSTRUCT, ZONES])).toContainEqual({ status: 'fail', address: 'azurerm_private_dns_a_record.rec',
      message: `azurerm_private_dns_a_record.rec writes "orders-db" into zone ${PRIVATE_LINK}, not the zone ${CONSTRUCT}'s server resolves in but one that may answer for the private name its public name leads to: linked to a VNet, it sends the server's clients there to another address.` });
  });
});
