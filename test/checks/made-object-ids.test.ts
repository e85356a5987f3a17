import { Unknown } from '../../lib/checks/hcl-expression';
import { importedType, importIdTest, importTest, normalizedId, resourceId } from '../../lib/checks/made-object-ids';
import { ResourceView } from '../../lib/checks/stack-model';

// Fourteenth review, A14a-11: an object a construct made is compared with an import's ID in any spelling.

const NSG = 'resourcegroups/rg-orders/microsoft.network/networksecuritygroups/orders-db-postgres-nsg';
const view = (type: string, name: string, config: { [key: string]: unknown }) => ({ type, name, address: `${type}.${name}`, config }) as unknown as ResourceView;
const blocks = new Map([
  view('azurerm_network_security_group', 'made', { name: 'orders-db-postgres-nsg', resource_group_name: 'rg-orders' }),
  view('azurerm_network_security_rule', 'deny', { name: 'DenyAllInbound', resource_group_name: 'rg-orders', network_security_group_name: new Unknown('azurerm_network_security_group.made.name', ['azurerm_network_security_group.made.name']) }),
  view('azurerm_network_security_group', 'decoy', { name: 'orders-db-postgres-nsg', resource_group_name: 'rg-decoy' }),
  view('azurerm_monitor_diagnostic_setting', 'logs', { name: 'send', target_resource_id: '/subscriptions/s/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db' }),
  view('azurerm_key_vault_secret', 'password', { name: 'orders-db-password', key_vault_id: '/subscriptions/s/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/kv-orders' }),
].map((block) => [block.address, block]));
const find = (address: string) => blocks.get(address);

test('normalizedId: case, subscription, providers, empty segments and a secret\'s URI', () => {
  expect(normalizedId(`/subscriptions/S/resourceGroups/rg-orders/providers/Microsoft.Network//networkSecurityGroups/Orders-DB-Postgres-NSG/`)).toBe(NSG);
  expect(normalizedId('https://kv-orders.vault.azure.net/secrets/orders-db-password/0123')).toBe('vaults/kv-orders/secrets/orders-db-password');
  // Names as azure-keys.ts reads them: ARM refuses a final dot or blank (A14a-4).
  expect(normalizedId(`subscriptions/S/resourceGroups/rg-orders./providers/Microsoft.Network/networkSecurityGroups/orders-db-postgres-nsg. `)).toBe(NSG);
});

test('normalizedId reads a secret URI\'s host as azurerm does (Go\'s url.Parse Host, A29b-2): a userinfo, a port, a trailing dot, capitals name the same vault', () => {
  for (const uri of ['https://x@kv-orders.vault.azure.net/secrets/orders-db-password/0123', 'https://kv-orders.vault.azure.net.:443/secrets/orders-db-password', 'HTTPS://KV-Orders.Vault.Azure.Net/secrets/Orders-DB-Password']) {
    expect(normalizedId(uri)).toBe('vaults/kv-orders/secrets/orders-db-password');
  }
  expect(normalizedId('https://kv-orders.vault.azure.net@kv-other.vault.azure.net/secrets/orders-db-password')).toBe('vaults/kv-other/secrets/orders-db-password');
  expect(importIdTest('https://u@kv-orders.vault.azure.net/secrets/orders-db-password/1', find)!('vaults/kv-orders/secrets/orders-db-password')).toBe(true);
  expect(importIdTest(new Unknown('https://${var.vault}.vault.azure.net/secrets/orders-db-password', ['var.vault']), find)!('vaults/kv-orders/secrets/orders-db-password')).toBe(true);
});

test('resourceId reads a parent\'s name through a reference, a setting as "<target>|<name>" and a secret by its vault', () => {
  expect(resourceId(blocks.get('azurerm_network_security_rule.deny')!, find)).toBe(`${NSG}/securityrules/denyallinbound`);
  expect(resourceId(blocks.get('azurerm_monitor_diagnostic_setting.logs')!, find)).toBe('resourcegroups/rg-orders/microsoft.dbforpostgresql/flexibleservers/orders-db|send');
  expect(resourceId(blocks.get('azurerm_key_vault_secret.password')!, find)).toBe('vaults/kv-orders/secrets/orders-db-password');
  expect(resourceId(view('azurerm_network_security_group', 'later', { name: new Unknown('var.name', ['var.name']), resource_group_name: 'rg' }), find)).toBeUndefined();
  expect(resourceId(view('azurerm_resource_group', 'other', { name: 'rg' }), find)).toBeUndefined();
});

test('importIdTest: a literal, a reference to a resource\'s id, and parts known only later as any text', () => {
  const made = `${NSG}/securityrules/denyallinbound`;
  expect(importIdTest('/subscriptions/s/resourceGroups/RG-ORDERS/providers/Microsoft.Network/networkSecurityGroups/orders-db-postgres-nsg/securityRules/DenyAllInbound', find)!(made)).toBe(true);
  expect(importIdTest(new Unknown('${azurerm_network_security_group.made.id}/securityRules/DenyAllInbound', ['azurerm_network_security_group.made.id']), find)!(made)).toBe(true);
  expect(importIdTest(new Unknown('${azurerm_network_security_group.decoy.id}/securityRules/DenyAllInbound', ['azurerm_network_security_group.decoy.id']), find)!(made)).toBe(false);
  expect(importIdTest(new Unknown('${var.group}/securityRules/DenyAllInbound', ['var.group']), find)!(made)).toBe(true);
  expect(importIdTest(new Unknown('${var.group}/securityRules/AllowOther', ['var.group']), find)!(made)).toBe(false);
  expect(importIdTest(42, find)).toBeUndefined();
});

test('importedType: the resource type of an import\'s target, in a module or with an instance key', () => {
  expect(importedType('module.net.azurerm_subnet.this["a"]')).toBe('azurerm_subnet');
  expect(importedType('azurerm_network_security_group . twin')).toBe('azurerm_network_security_group');
});

test('importTest: by id, or by identity, whose names but the subscription are segments of the ID (one known only later is any)', () => {
  const made = `${NSG}/securityrules/denyallinbound`;
  const identity = { name: 'DenyAllInbound', network_security_group_name: 'orders-db-postgres-nsg', resource_group_name: 'rg-orders', subscription_id: 'other' };
  expect(importTest({ id: `/subscriptions/s/${made}` }, find)!(made)).toBe(true);
  expect(importTest({ identity }, find)!(made)).toBe(true);
  expect(importTest({ identity: { ...identity, name: new Unknown('var.rule', ['var.rule']) } }, find)!(made)).toBe(true);
  expect(importTest({ identity: { ...identity, resource_group_name: 'rg-app' } }, find)!(made)).toBe(false);
  expect(importTest({}, find)).toBeUndefined();
});
