import { armKey, idKey, idSegments, nameKey, sameName, scopeAndType } from '../../lib/checks/azure-keys';
import { azapiType, azureTypeKey } from '../../lib/checks/azapi-writes';
import { buildStackModel } from '../../lib/checks/stack-model';

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

test('scopeAndType: the scope before the last "providers" segment and the type path after it (an extension resource\'s scope is the object it extends)', () => {
  const group = '/subscriptions/S/resourceGroups/rg-orders';
  expect(scopeAndType(`${group}/providers/Microsoft.Web/sites/app/config/web`)).toEqual({ scope: 'subscriptions/s/resourcegroups/rg-orders', type: 'microsoft.web/sites/config' });
  expect(scopeAndType('/providers/Microsoft.Management/managementGroups/landing/providers/Microsoft.Network/networkManagerConnections/to-hub'))
    .toEqual({ scope: 'providers/microsoft.management/managementgroups/landing', type: 'microsoft.network/networkmanagerconnections' });
  expect(scopeAndType('/providers/Microsoft.Management/managementGroups/landing')).toEqual({ scope: '', type: 'microsoft.management/managementgroups' });
  expect(scopeAndType('${azurerm_network_security_group.nsg.id}/providers/Microsoft.Insights/diagnosticSettings/d')).toEqual({ scope: '${azurerm_network_security_group.nsg.id}', type: 'microsoft.insights/diagnosticsettings' });
  expect([group, '/subscriptions/S', `${group}/providers/Microsoft.Web/sites`, `${group}/providers/Microsoft.Web`, '${var.id}'].map(scopeAndType)).toEqual([undefined, undefined, undefined, undefined, undefined]);
});

// Adversarial run of stop 74, G74-1: types are folded as property names are (L73-1), by one function: ARM's .NET readers fold each
// letter to upper case (OrdinalIgnoreCase), so "\u017f" (long s) and "\u0131" (dotless i) are "s" and "i" there.
test('armKey: ASCII in lower case; a letter either fold takes to ASCII is that letter; the types azapi writes are keyed by it', () => {
  expect(armKey('Microsoft.Resources/deployments')).toBe('microsoft.resources/deployments');
  expect(armKey('Micro\u017foft.Resources/deployment\u017f')).toBe('microsoft.resources/deployments');
  expect(armKey('M\u0131crosoft.Resources/deployments')).toBe('microsoft.resources/deployments');
  expect(armKey('\u212Aey')).toBe('key');
  // "\u0130" lower-cases to two code points and upper-cases to itself: it stays apart, as .NET keeps it apart from "I".
  expect(armKey('M\u0130crosoft')).toBe('m\u0130crosoft');
  // Another letter is keyed by its upper case: a key to compare, not a spelling to show.
  expect(armKey('\u00c9t\u00e9')).toBe('\u00c9t\u00c9');
  expect(azureTypeKey(' Micro\u017foft.Resources/deployments@2021-04-01')).toBe('microsoft.resources/deployments');
  const model = buildStackModel({ resource: { azapi_resource: { d: { type: 'M\u0131crosoft.Resources/DEPLOYMENTS@2021-04-01', name: 'd', parent_id: '/subscriptions/s/resourceGroups/rg' } } } });
  expect(azapiType(model.resources.get('azapi_resource.d')!)).toBe('microsoft.resources/deployments');
});
