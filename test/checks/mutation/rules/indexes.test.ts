// The two indexes the rules look resources up in, built from plain resource views: the private DNS
// zone each resource names (zone-index.ts) and a server's in-database resources (in-database-index.ts).
import { inDatabaseIndex } from '../../../../lib/checks/in-database-index';
import { inZones, zoneAddressKey, zoneNameKey } from '../../../../lib/checks/zone-index';
import { buildStackModel, ResourceView } from '../../../../lib/checks/stack-model';

const view = (type: string, name: string, config: { [key: string]: unknown }): ResourceView => ({ type, name, address: `${type}.${name}`, config } as unknown as ResourceView);
const addresses = (resources: readonly ResourceView[]) => resources.map((r) => r.address);

describe('zone-index', () => {
  const LINK = 'azurerm_private_dns_zone_virtual_network_link';
  const { resources } = buildStackModel({
    resource: {
      azurerm_private_dns_zone: { a: { name: 'a.example', resource_group_name: 'rg' }, b: { name: 'b.example', resource_group_name: 'rg' } },
      [LINK]: {
        toA: { name: 'l1', private_dns_zone_name: '${azurerm_private_dns_zone.a.name}', resource_group_name: 'rg', virtual_network_id: '${var.v}' },
        toB: { name: 'l2', private_dns_zone_name: '${azurerm_private_dns_zone.b.name}', resource_group_name: 'rg', virtual_network_id: '${var.v}' },
        byName: { name: 'l3', private_dns_zone_name: 'B.Example', resource_group_name: 'rg', virtual_network_id: '${var.v}' },
      },
    },
  });
  const stack = { postgresqlProviders: new Map(), resources };
  const links = [...resources.values()].filter((r) => r.type === LINK);

  test('finds the resources that name a zone by reference or by name in any case, in the list\'s order whatever the keys\' order', () => {
    expect(addresses(inZones(links, 'private_dns_zone_name', stack, [zoneAddressKey('azurerm_private_dns_zone.a')]))).toEqual([`${LINK}.toA`]);
    expect(addresses(inZones(links, 'private_dns_zone_name', stack, [zoneNameKey('b.EXAMPLE'), zoneAddressKey('azurerm_private_dns_zone.b'), zoneAddressKey('azurerm_private_dns_zone.a')])))
      .toEqual([`${LINK}.toA`, `${LINK}.toB`, `${LINK}.byName`]);
    expect(addresses(inZones(links, 'private_dns_zone_name', stack, [zoneNameKey('a.example')]))).toEqual([]);
  });

  test('without the stack\'s resources a reference names no zone', () => {
    const own = [...links];
    expect(addresses(inZones(own, 'private_dns_zone_name', undefined, [zoneAddressKey('azurerm_private_dns_zone.a'), zoneNameKey('b.example')]))).toEqual([`${LINK}.byName`]);
  });
});

describe('in-database-index', () => {
  test('keeps the first resource of each address and the first role of each name; names of other types are no roles', () => {
    const database = view('postgresql_database', 'app', { name: 'app' });
    const first = view('postgresql_role', 'app', { name: 'app' });
    const second = view('postgresql_role', 'app2', { name: 'app' });
    const copy = view('postgresql_role', 'app', { name: 'copy' });
    const index = inDatabaseIndex([database, first, second, copy]);
    expect(index.roleByName.get('app')).toBe(first);
    expect(index.byAddress.get('postgresql_role.app')).toBe(first);
    expect([...index.roleByName.keys()]).toEqual(['app', 'copy']);
  });

  test('lists the resources of several types in the list\'s order, and only those', () => {
    const list = [view('postgresql_grant', 'g', {}), view('postgresql_database', 'd', {}), view('postgresql_role', 'r', { name: 'r' }), view('postgresql_grant', 'h', {})];
    const index = inDatabaseIndex(list);
    expect(addresses(index.ofTypes(['postgresql_role', 'postgresql_grant']))).toEqual(['postgresql_grant.g', 'postgresql_role.r', 'postgresql_grant.h']);
    expect(addresses(index.ofTypes(['postgresql_grant']))).toEqual(['postgresql_grant.g', 'postgresql_grant.h']);
    expect(index.ofTypes(['postgresql_schema'])).toEqual([]);
  });

  test('a list that grew is indexed again', () => {
    const list = [view('postgresql_role', 'a', { name: 'a' })];
    expect(addresses(inDatabaseIndex(list).ofTypes(['postgresql_role']))).toEqual(['postgresql_role.a']);
    list.push(view('postgresql_role', 'b', { name: 'b' }));
    expect(addresses(inDatabaseIndex(list).ofTypes(['postgresql_role']))).toEqual(['postgresql_role.a', 'postgresql_role.b']);
    expect(inDatabaseIndex(list).roleByName.get('b')).toBe(list[1]);
  });
});
