import { rule } from '../../../lib/checks/rules/PG-NET-1';
import { SHADOW_SERVER_ZONE_SUBJECT } from '../../../lib/checks/shadow-dns-zones';
import { CONSTRUCT, madeAt, verdictsBeside } from '../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../rule-harness';

// A private zone named for the server's public name or a parent of it answers for that name in the
// VNets linked to it, before Azure's DNS points clients at the zone the server resolves in (seventh
// review, A7-18).

const ZONES = 'stack/cdktf-azure-postgres-private-dns-zones';
const OWN_ZONE = 'orders-db.private.postgres.database.azure.com';

const constructServer = (extra: Resources = {}, name: unknown = 'orders-db'): Resources => ({
  [FLEXIBLE]: { db: { ...compliantFlexibleServer(), name, ...madeAt(`${CONSTRUCT}/Server`) } },
  azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', address_prefixes: ['10.0.1.0/28'] } },
  azurerm_private_dns_zone: { db: { ...madeAt(`${ZONES}/zone/Zone`), name: OWN_ZONE, resource_group_name: 'rg' } },
  ...extra,
});
const zone = (name: string) => ({ ...madeAt('stack/Shadow'), name, resource_group_name: 'rg-dns' });
const record = (zoneName: string, name: unknown) => ({ ...madeAt('stack/Extra'), name, zone_name: zoneName, resource_group_name: 'rg-dns', ttl: 10, records: ['10.9.9.9'] });
const link = (zoneName: string) => ({ ...madeAt('stack/Link'), name: 'hub', private_dns_zone_name: zoneName, resource_group_name: 'rg-dns', virtual_network_id: '${var.vnet}' });
const recordFailure = (address: string, name: unknown, zoneName: string) => ({
  status: 'fail',
  message: `${address} writes ${JSON.stringify(name)} into zone ${zoneName}, which answers in the VNets linked to it for the public name of ${CONSTRUCT}'s server before Azure's DNS can: clients there may be sent to another address.`,
  address,
});
const linkFailure = (zoneName: string) => ({
  status: 'fail',
  message: `azurerm_private_dns_zone_virtual_network_link.hub links zone ${zoneName} to a VNet, where it then answers for the public name of ${CONSTRUCT}'s server in place of Azure's DNS: clients there reach what its records say, or nothing.`,
  address: 'azurerm_private_dns_zone_virtual_network_link.hub',
});

test.each<[string, string, unknown]>([
  ['the parent zone, the server\'s name', 'postgres.database.azure.com', 'orders-db'],
  ['the server\'s own public name, "@"', 'orders-db.postgres.database.azure.com', '@'],
  ['a grandparent, two labels', 'database.azure.com', 'orders-db.postgres'],
  ['a parent in upper case, a wildcard', 'POSTGRES.database.azure.com', '*'],
  ['another cloud\'s domain', 'postgres.database.chinacloudapi.cn', 'Orders-DB'],
  ['the parent zone, a name known later', 'postgres.database.azure.com', '${var.name}'],
])('fails a record of %s and the zone\'s VNet link', (_name, zoneName, recordName) => {
  const verdicts = verdictsBeside(rule, constructServer({
    azurerm_private_dns_zone: { db: constructServer().azurerm_private_dns_zone.db, shadow: zone(zoneName) },
    azurerm_private_dns_a_record: { rec: record('${azurerm_private_dns_zone.shadow.name}', recordName) },
    azurerm_private_dns_zone_virtual_network_link: { hub: link('${azurerm_private_dns_zone.shadow.name}') },
  }), [CONSTRUCT, ZONES]);
  expect(verdicts).toEqual([recordFailure('azurerm_private_dns_a_record.rec', recordName, zoneName.toLowerCase()), linkFailure(zoneName.toLowerCase())]);
});

test('fails a record of any type naming a parent zone by literal name, though the zone is defined elsewhere', () => {
  expect(verdictsBeside(rule, constructServer({
    azurerm_private_dns_cname_record: { rec: record('postgres.database.azure.com', 'orders-db') },
  }), [CONSTRUCT, ZONES])).toEqual([recordFailure('azurerm_private_dns_cname_record.rec', 'orders-db', 'postgres.database.azure.com')]);
});

test('with the server\'s name known later, a record of any one name under the domain may be its name', () => {
  const verdicts = verdictsBeside(rule, constructServer({
    azurerm_private_dns_a_record: { one: record('postgres.database.azure.com', 'billing-db'), deeper: record('postgres.database.azure.com', 'a.b') },
  }, '${var.server}'), [CONSTRUCT, ZONES]);
  expect(verdicts.filter((verdict) => verdict.status === 'fail' && verdict.address?.startsWith('azurerm_private_dns_a_record'))).toEqual([
    recordFailure('azurerm_private_dns_a_record.one', 'billing-db', 'postgres.database.azure.com'),
  ]);
});

test('passes other servers\' names, names below the server\'s, zones that are not parents, and unlinked parent zones', () => {
  expect(verdictsBeside(rule, constructServer({
    azurerm_private_dns_zone: { db: constructServer().azurerm_private_dns_zone.db, shadow: zone('postgres.database.azure.com'), other: zone('contoso.internal') },
    azurerm_private_dns_a_record: {
      theirs: record('postgres.database.azure.com', 'billing-db'),
      below: record('postgres.database.azure.com', 'x.orders-db'),
      belowWild: record('postgres.database.azure.com', '*.orders-db'),
      elsewhere: record('contoso.internal', 'orders-db'),
      sibling: record('orders-db.postgres.database.azure.com.evil', '@'),
    },
    azurerm_private_dns_zone_virtual_network_link: { hub: link('contoso.internal') },
  }), [CONSTRUCT, ZONES])).toEqual([{ status: 'pass' }]);
});

test('a zone the server resolves in, named for its public name, fails once as the server\'s zone (eleventh review, A11a-9), its link not as a shadow', () => {
  const ownName = 'orders-db.postgres.database.azure.com';
  expect(verdictsBeside(rule, constructServer({
    azurerm_private_dns_zone: { db: { ...madeAt(`${ZONES}/zone/Zone`), name: ownName, resource_group_name: 'rg' } },
    azurerm_private_dns_zone_virtual_network_link: { hub: link(ownName) },
  }), [CONSTRUCT, ZONES])).toEqual([{
    status: 'fail', subject: SHADOW_SERVER_ZONE_SUBJECT,
    message: `the server resolves in zone ${ownName} (azurerm_private_dns_zone.db), named for the public name of ${CONSTRUCT}'s server or a parent of it: it answers for that name, and every name below it, in the VNets linked to it, in place of Azure's DNS.`,
  }]);
});
