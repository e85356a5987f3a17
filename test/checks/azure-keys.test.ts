import { idKey, idSegments, nameKey, sameName } from '../../lib/checks/azure-keys';

// One reading of Azure names and IDs (fourteenth review, A14a-4, A14b-7).

test('nameKey: case, blanks around, final dots (ARM refuses names ending in "." or a blank)', () => {
  expect(nameKey(' Orders-DB.Private.Postgres.Database.Azure.COM. ')).toBe('orders-db.private.postgres.database.azure.com');
  expect(nameKey('orders-db-postgres-nsg .')).toBe('orders-db-postgres-nsg');
  expect(nameKey('rg-orders..')).toBe('rg-orders');
  // Dots inside a name are its own.
  expect(nameKey('a.b')).not.toBe(nameKey('ab'));
});

test('sameName: literal text only, by key', () => {
  expect(sameName('RG-Orders.', 'rg-orders')).toBe(true);
  expect(sameName('rg-orders', 'rg-order')).toBe(false);
  expect(sameName(undefined, undefined)).toBe(false);
  expect(sameName('x', 1)).toBe(false);
});

test('idSegments and idKey: the leading and trailing "/" optional (go-azure-helpers resourceids.Parser), each segment a name', () => {
  const id = '/subscriptions/S/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/orders-db-postgres';
  const key = 'subscriptions/s/resourcegroups/rg-network/providers/microsoft.network/virtualnetworks/vnet-hub/subnets/orders-db-postgres';
  expect(idKey(id)).toBe(key);
  expect(idKey(id.slice(1))).toBe(key);
  expect(idKey(`${id}/`)).toBe(key);
  expect(idKey(` ${id.slice(1).toUpperCase()}./ `)).toBe(key);
  expect(idSegments(id)[3]).toBe('rg-network');
  expect(idSegments(id.slice(1))[3]).toBe('rg-network');
  expect(idKey(id.replace('vnet-hub', 'vnet-spoke'))).not.toBe(key);
});
