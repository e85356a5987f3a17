import { armIdOf } from '../../lib/checks/arm-id-lookups';

// The ID a lookup of any ARM type spells by its type, name and parent (seventh review, A7-2).

const GROUP = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders';
const SERVER = `${GROUP}/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`;

describe('azapi_resource_id and azapi_resource', () => {
  test.each(['azapi_resource_id', 'azapi_resource'])('%s: a top-level type under its group, a child type under its parent, resource_id as given', (type) => {
    const id = (args: { [key: string]: string }) => armIdOf(type, args, `data.${type}.x`, 'id');
    expect(id({ type: 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01', name: 'orders-db', parent_id: `${GROUP}/` })).toBe(SERVER);
    expect(id({ type: 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01', name: 'orders-db', parent_id: '${azurerm_resource_group.g.id}' }))
      .toBe('${azurerm_resource_group.g.id}/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db');
    expect(id({ type: 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01', name: 'orders', parent_id: SERVER })).toBe(`${SERVER}/databases/orders`);
    expect(id({ type: 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01', resource_id: ` ${SERVER}` })).toBe(SERVER);
  });

  test('no ID: another attribute, a type known only at apply time or not a type, an argument missing', () => {
    const args = { type: 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01', name: 'orders-db', parent_id: GROUP };
    expect(armIdOf('azapi_resource', args, 'data.azapi_resource.x', 'name')).toBeUndefined();
    expect(armIdOf('azapi_resource', { ...args, type: '${var.type}' }, 'data.azapi_resource.x', 'id')).toBeUndefined();
    expect(armIdOf('azapi_resource', { ...args, type: 'flexibleServers@2024-08-01' }, 'data.azapi_resource.x', 'id')).toBeUndefined();
    expect(armIdOf('azapi_resource', { type: args.type, name: args.name }, 'data.azapi_resource.x', 'id')).toBeUndefined();
    expect(armIdOf('azurerm_postgresql_flexible_server', args, 'data.azurerm_postgresql_flexible_server.x', 'id')).toBeUndefined();
  });
});

describe('azurerm_resources', () => {
  const self = 'data.azurerm_resources.x';
  const split = (index: number) => `\${split("/", ${self}.resources[0].id)[${index}]}`;

  test('an item of the search by type, name and group is that resource, its subscription (and group when not given) read from the item', () => {
    const args = { type: 'Microsoft.DBforPostgreSQL/flexibleServers', name: 'orders-db', resource_group_name: 'rg-orders' };
    expect(armIdOf('azurerm_resources', args, self, 'resources[0].id')).toBe(`/subscriptions/${split(2)}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`);
    expect(armIdOf('azurerm_resources', { type: args.type, name: args.name }, self, 'resources[0].id'))
      .toBe(`/subscriptions/${split(2)}/resourceGroups/${split(4)}/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`);
  });

  test('the list read in any other way (a splat, a for expression, the whole list) is every item\'s ID, read from the first (A8-5)', () => {
    const args = { type: 'Microsoft.DBforPostgreSQL/flexibleServers', name: 'orders-db', resource_group_name: 'rg-orders' };
    const first = (index: number) => `\${split("/", ${self}.resources[0].id)[${index}]}`;
    expect(armIdOf('azurerm_resources', args, self, 'resources')).toBe(`/subscriptions/${first(2)}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`);
  });

  test('a search with no name, or a name known only at apply time, reads the name from the item (A8-5)', () => {
    const type = 'Microsoft.DBforPostgreSQL/flexibleServers';
    const expected = `/subscriptions/${split(2)}/resourceGroups/rg-orders/providers/${type}/${split(8)}`;
    expect(armIdOf('azurerm_resources', { type, resource_group_name: 'rg-orders' }, self, 'resources[0].id')).toBe(expected);
    expect(armIdOf('azurerm_resources', { type, name: '${var.name}', resource_group_name: 'rg-orders' }, self, 'resources[0].id')).toBe(expected);
  });

  test('a child type\'s items have their parent\'s name between its type segments, read from the item (83rd run, A83b-1)', () => {
    const type = 'Microsoft.KeyVault/vaults/keys';
    expect(armIdOf('azurerm_resources', { type, resource_group_name: 'rg-keys' }, self, 'resources[0].id')).toBe(`/subscriptions/${split(2)}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/${split(8)}/keys/${split(10)}`);
    expect(armIdOf('azurerm_resources', { type, name: 'cmk' }, self, 'resources[0].id')).toBe(`/subscriptions/${split(2)}/resourceGroups/${split(4)}/providers/Microsoft.KeyVault/vaults/${split(8)}/keys/cmk`);
  });

  test('no ID: a search with no type, a type known only at apply time or not a type, a name with a slash, another attribute', () => {
    const args = { type: 'Microsoft.DBforPostgreSQL/flexibleServers', name: 'orders-db' };
    expect(armIdOf('azurerm_resources', { name: args.name }, self, 'resources[0].id')).toBeUndefined();
    expect(armIdOf('azurerm_resources', { ...args, type: '${var.type}' }, self, 'resources[0].id')).toBeUndefined();
    expect(armIdOf('azurerm_resources', { ...args, type: 'flexibleServers' }, self, 'resources[0].id')).toBeUndefined();
    expect(armIdOf('azurerm_resources', { ...args, name: 'orders-db/x' }, self, 'resources[0].id')).toBeUndefined();
    expect(armIdOf('azurerm_resources', args, self, 'resources[0].name')).toBeUndefined();
    expect(armIdOf('azurerm_resources', args, self, 'resources[0]')).toBeUndefined();
  });
});
