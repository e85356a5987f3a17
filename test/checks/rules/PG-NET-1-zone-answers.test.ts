import { rule } from '../../../lib/checks/rules/PG-NET-1';
import { CONSTRUCT, madeAt, verdictsBeside } from '../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, flexibleServerWithoutVnet, Resources } from '../rule-harness';

// The zone a construct's server resolves in answers only as Azure writes it (fourth review, A4-9):
// a record that may answer for the server's name, or a VNet link that lets the VNet's machines
// register names, sends clients elsewhere.

const ZONES = 'stack/cdktf-azure-postgres-private-dns-zones';
const ZONE = 'orders-db.private.postgres.database.azure.com';

const constructServer = (extra: Resources = {}): Resources => ({
  [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
  azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', address_prefixes: ['10.0.1.0/28'] } },
  azurerm_private_dns_zone: { db: { ...madeAt(`${ZONES}/zone/Zone`), name: ZONE, resource_group_name: 'rg' } },
  ...extra,
});
const record = (zone: string, name: string) => ({ ...madeAt('stack/Extra'), name, zone_name: zone, resource_group_name: 'rg', ttl: 10, records: ['10.9.9.9'] });
const link = (registration: unknown) => ({
  ...madeAt(`${ZONES}/zone/Link`), name: 'l', private_dns_zone_name: '${azurerm_private_dns_zone.db.name}', resource_group_name: 'rg', virtual_network_id: '${var.vnet}', registration_enabled: registration,
});
const recordFailure = (address: string, name: string, zone = ZONE) => ({
  status: 'fail',
  message: `${address} writes ${JSON.stringify(name)} into zone ${zone}, where the server's name resolves, a record ${CONSTRUCT} does not make: clients in the VNet may be sent to another address.`,
  address,
});
const linkFailure = (shown: string) => ({
  status: 'fail',
  message: `azurerm_private_dns_zone_virtual_network_link.l links zone ${ZONE}, where the server's name resolves, with registration_enabled ${shown}: every VM of the VNet may write names into it.`,
  address: 'azurerm_private_dns_zone_virtual_network_link.l',
});

test('fails records of every type in the server\'s own zone, named by reference or by its name in any case', () => {
  const verdicts = verdictsBeside(rule, constructServer({
    azurerm_private_dns_a_record: { hijack: record('${azurerm_private_dns_zone.db.name}', 'orders-db') },
    azurerm_private_dns_cname_record: { wild: record(ZONE.toUpperCase(), '*') },
    azurerm_private_dns_txt_record: { other: record(ZONE, 'anything') },
  }), [CONSTRUCT, ZONES]);
  expect(verdicts).toEqual([
    recordFailure('azurerm_private_dns_a_record.hijack', 'orders-db'),
    recordFailure('azurerm_private_dns_cname_record.wild', '*'),
    recordFailure('azurerm_private_dns_txt_record.other', 'anything'),
  ]);
});

test('passes records in other zones and a link without registration', () => {
  expect(verdictsBeside(rule, constructServer({
    azurerm_private_dns_a_record: { elsewhere: record('contoso.internal', 'orders-db') },
    azurerm_private_dns_zone_virtual_network_link: { l: link(false) },
  }), [CONSTRUCT, ZONES])).toEqual([{ status: 'pass' }]);
  expect(verdictsBeside(rule, constructServer({ azurerm_private_dns_zone_virtual_network_link: { l: link('false') } }), [CONSTRUCT, ZONES])).toEqual([{ status: 'pass' }]);
});

test.each<[string, unknown, string]>([
  ['true', true, 'true'],
  ['"true" as Terraform converts it', 'true', '"true"'],
  ['a value known only later', '${var.registration}', '"${var.registration}"'],
])('fails a link of the zone with registration_enabled %s', (_name, value, shown) => {
  expect(verdictsBeside(rule, constructServer({ azurerm_private_dns_zone_virtual_network_link: { l: link(value) } }), [CONSTRUCT, ZONES])).toEqual([linkFailure(shown)]);
});

test('in the zone private endpoints share, only the server\'s name, "*", "@" and names known later may answer for it', () => {
  const shared = 'privatelink.postgres.database.azure.com';
  const withEndpoint: Resources = {
    [FLEXIBLE]: { db: { ...flexibleServerWithoutVnet(), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_private_dns_zone: { pl: { ...madeAt(`${ZONES}/pl/Zone`), name: shared, resource_group_name: 'rg' } },
    azurerm_private_endpoint: {
      pe: {
        ...madeAt(`${CONSTRUCT}/PrivateEndpoint/Endpoint`), name: 'pe', subnet_id: '${var.subnet}',
        private_service_connection: { name: 'c', private_connection_resource_id: `\${${FLEXIBLE}.db.id}`, is_manual_connection: false, subresource_names: ['postgresqlServer'] },
        private_dns_zone_group: { name: 'g', private_dns_zone_ids: ['${azurerm_private_dns_zone.pl.id}'] },
      },
    },
    azurerm_private_dns_a_record: {
      mine: record(shared, 'ORDERS-DB'), all: record(shared, '*'), apex: record(shared, '@'), later: record(shared, '${var.name}'), theirs: record(shared, 'billing-db'),
    },
  };
  const name = String(flexibleServerWithoutVnet().name);
  expect(name).toBe('orders-db');
  expect(verdictsBeside(rule, withEndpoint, [CONSTRUCT, ZONES])).toEqual([
    recordFailure('azurerm_private_dns_a_record.all', '*', shared),
    recordFailure('azurerm_private_dns_a_record.apex', '@', shared),
    recordFailure('azurerm_private_dns_a_record.later', '${var.name}', shared),
    recordFailure('azurerm_private_dns_a_record.mine', 'ORDERS-DB', shared),
  ]);
});

test('a zone given by its ID is judged by its name', () => {
  const id = '/subscriptions/1/resourceGroups/x/providers/Microsoft.Network/privateDnsZones/Z.postgres.database.azure.com';
  const resources: Resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({ private_dns_zone_id: id }), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', address_prefixes: ['10.0.1.0/28'] } },
    azurerm_private_dns_a_record: { hijack: record('z.postgres.database.azure.com', 'orders-db') },
  };
  expect(verdictsBeside(rule, resources, [CONSTRUCT]).filter((verdict) => verdict.status === 'fail' && verdict.address !== undefined)).toEqual([
    recordFailure('azurerm_private_dns_a_record.hijack', 'orders-db', 'z.postgres.database.azure.com'),
  ]);
});
