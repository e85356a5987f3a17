// The records and links that may answer for a server's name in its private DNS zones
// (dns-zone-answers.ts, read by PG-NET-1), on the stack model directly: a server in several zones
// (each finding names the zone of its record), a zone given by ID beside the stack's zones, zones
// and servers named by expressions, and a link that leaves registration unset.
import { foreignZoneAnswers } from '../../../../lib/checks/dns-zone-answers';
import { Verdict } from '../../../../lib/checks/rule';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, flexibleServerWithoutVnet, Resources } from '../../rule-harness';

const OWNER = 'stack/Postgres';
const SHARED = 'privatelink.postgres.database.azure.com';
const CUSTOM = 'orders.internal';
const ID_ZONE = 'z.postgres.database.azure.com';
const ZONE_ID = `/subscriptions/1/resourceGroups/x/providers/Microsoft.Network/privateDnsZones/${ID_ZONE.toUpperCase()}`;

function answers(resources: Resources): readonly Verdict[] {
  const model = buildStackModel({ resource: resources });
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  return foreignZoneAnswers(server, OWNER, { postgresqlProviders: new Map(), resources: model.resources });
}
const record = (zone: string, name: string) => ({ name, zone_name: zone, resource_group_name: 'rg', ttl: 10, records: ['10.9.9.9'] });
const recordFailure = (address: string, name: string, zone: string) => ({
  status: 'fail',
  message: `${address} writes ${JSON.stringify(name)} into zone ${zone}, where the server's name resolves, a record ${OWNER} does not make: clients in the VNet may be sent to another address.`,
  address,
});

/** A server reached through a private endpoint whose zone group names the shared zone and a zone of the stack's own. */
function inTwoZones(server: object, extra: Resources): Resources {
  return {
    [FLEXIBLE]: { db: server as never },
    azurerm_private_dns_zone: { shared: { name: SHARED, resource_group_name: 'rg' }, custom: { name: CUSTOM, resource_group_name: 'rg' } },
    azurerm_private_endpoint: {
      pe: {
        name: 'pe', subnet_id: '${var.subnet}',
        private_service_connection: { name: 'c', private_connection_resource_id: `\${${FLEXIBLE}.db.id}`, is_manual_connection: false, subresource_names: ['postgresqlServer'] },
        private_dns_zone_group: { name: 'g', private_dns_zone_ids: ['${azurerm_private_dns_zone.shared.id}', '${azurerm_private_dns_zone.custom.id}'] },
      },
    },
    ...extra,
  };
}

test('names the zone each record is in, by name or by reference, in a server of several zones', () => {
  const records = { azurerm_private_dns_a_record: { byName: record(CUSTOM.toUpperCase(), 'x'), byReference: record('${azurerm_private_dns_zone.custom.name}', 'y') } };
  expect(answers(inTwoZones(flexibleServerWithoutVnet(), records))).toEqual([
    recordFailure('azurerm_private_dns_a_record.byName', 'x', CUSTOM),
    recordFailure('azurerm_private_dns_a_record.byReference', 'y', CUSTOM),
  ]);
});

test('in the shared zone, any record may answer for a server whose name is known only later', () => {
  const records = { azurerm_private_dns_a_record: { theirs: record(SHARED, 'billing-db') } };
  expect(answers(inTwoZones(flexibleServerWithoutVnet({ name: '${var.name}' }), records))).toEqual([recordFailure('azurerm_private_dns_a_record.theirs', 'billing-db', SHARED)]);
});

test('a zone given by ID counts beside the stack\'s zones, by its name in lower case', () => {
  const server = compliantFlexibleServer({ private_dns_zone_id: ZONE_ID });
  const records = { azurerm_private_dns_a_record: { hijack: record(ID_ZONE, 'orders-db') } };
  expect(answers(inTwoZones(server, records))).toEqual([recordFailure('azurerm_private_dns_a_record.hijack', 'orders-db', ID_ZONE)]);
});

test('a zone of the stack named by an expression holds nothing the checks can match by name', () => {
  const resources = inTwoZones(flexibleServerWithoutVnet(), { azurerm_private_dns_a_record: { r: record('${azurerm_private_dns_zone.custom.name}', 'x') } });
  resources.azurerm_private_dns_zone.custom = { name: '${var.zone}', resource_group_name: 'rg' };
  expect(answers(resources)).toEqual([]);
});

test('a link that leaves registration unset lets no VM register', () => {
  const link = { name: 'l', private_dns_zone_name: '${azurerm_private_dns_zone.custom.name}', resource_group_name: 'rg', virtual_network_id: '${var.vnet}' };
  expect(answers(inTwoZones(flexibleServerWithoutVnet(), { azurerm_private_dns_zone_virtual_network_link: { l: link } }))).toEqual([]);
});

test('in the shared zone, a record named as the server in any spelling Azure reads as its name fails', () => {
  const records = { azurerm_private_dns_a_record: { dot: record(SHARED, 'ORDERS-DB.'), blank: record(SHARED, ' orders-db '), star: record(SHARED, '* '), other: record(SHARED, 'orders-db2') } };
  expect(answers(inTwoZones(flexibleServerWithoutVnet(), records))).toEqual([
    recordFailure('azurerm_private_dns_a_record.blank', ' orders-db ', SHARED),
    recordFailure('azurerm_private_dns_a_record.dot', 'ORDERS-DB.', SHARED),
    recordFailure('azurerm_private_dns_a_record.star', '* ', SHARED),
  ]);
});

test('a zone of the stack whose name ends in a dot is the shared zone, where only the server\'s own name answers for it', () => {
  const resources = inTwoZones(flexibleServerWithoutVnet(), { azurerm_private_dns_a_record: { theirs: record(SHARED, 'billing-db'), mine: record(SHARED, 'orders-db') } });
  resources.azurerm_private_dns_zone.shared = { name: `${SHARED.toUpperCase()}.`, resource_group_name: 'rg' };
  expect(answers(resources)).toEqual([recordFailure('azurerm_private_dns_a_record.mine', 'orders-db', SHARED)]);
});
