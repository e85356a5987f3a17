import { Unknown } from '../../lib/checks/hcl-expression';
import { aliasedPointer, isAliasReference, resolvedPointer } from '../../lib/checks/id-aliases';
import { ResourceView } from '../../lib/checks/stack-model';

// azurerm sets a subnet association's ID to its subnet's (fourteenth review, A14b-8).

const ref = (text: string) => new Unknown(text, [text]);
const view = (address: string, config: { [key: string]: unknown }) => ({ address, type: address.split('.').slice(-2)[0], name: address.split('.').pop(), config }) as unknown as ResourceView;
const SUBNET = ref('azurerm_subnet.db.id');
const blocks = new Map([
  view('azurerm_subnet_route_table_association.rt', { subnet_id: SUBNET, route_table_id: ref('azurerm_route_table.rt.id') }),
  view('azurerm_subnet_network_security_group_association.own', { subnet_id: ref('azurerm_subnet_nat_gateway_association.nat.id') }),
  view('azurerm_subnet_nat_gateway_association.nat', { subnet_id: SUBNET }),
  view('data.azurerm_key_vault_secrets.all', { key_vault_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv' }),
  view('azurerm_route_table.rt', { name: 'rt' }),
  view('data.azurerm_monitor_diagnostic_categories.cats', { resource_id: ref('azurerm_postgresql_flexible_server.db.id') }),
  view('data.azurerm_role_assignments.roles', { scope: SUBNET }),
  view('azurerm_storage_account_network_rules.rules', { storage_account_id: ref('azurerm_storage_account.logs.id') }),
  view('azurerm_subnet_route_table_association.imported', { subnet_id: SUBNET, lifecycle: { ignore_changes: ['subnet_id'] } }),
].map((block) => [block.address, block]));
const find = (address: string) => blocks.get(address);

test('a reference to an association\'s id is its subnet_id, through aliases of aliases and instance keys', () => {
  expect(aliasedPointer(ref('azurerm_subnet_route_table_association.rt.id'), find)).toBe(SUBNET);
  expect(aliasedPointer(ref('azurerm_subnet_route_table_association.rt[0].id'), find)).toBe(SUBNET);
  expect(aliasedPointer(ref('azurerm_subnet_network_security_group_association.own.id'), find)).toBe(SUBNET);
  expect(aliasedPointer(ref('data.azurerm_key_vault_secrets.all.id'), find)).toBe('/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv');
});

test('no alias: another type\'s id, another attribute, a literal, a missing block', () => {
  expect(aliasedPointer(ref('azurerm_route_table.rt.id'), find)).toBeUndefined();
  expect(aliasedPointer(ref('azurerm_subnet_route_table_association.rt.subnet_id'), find)).toBeUndefined();
  expect(aliasedPointer('/subscriptions/s', find)).toBeUndefined();
  expect(aliasedPointer(ref('azurerm_subnet_route_table_association.gone.id'), find)).toBeUndefined();
  // One that ignores changes may hold another subnet, imported from it (74th run, A74b-4): any ID.
  expect(aliasedPointer(ref('azurerm_subnet_route_table_association.imported.id'), find)).toBeUndefined();
  expect(isAliasReference('azurerm_subnet_nat_gateway_association.nat.id')).toBe(true);
  expect(isAliasReference('data.azurerm_key_vault_secrets.all.id')).toBe(true);
  expect(isAliasReference('azurerm_key_vault_secrets.all.id')).toBe(false);
  expect(isAliasReference('azurerm_subnet.db.id')).toBe(false);
});

// 70th run, A70b-1: lookups whose id is the ID they were given, and the other resources of that kind in azurerm.
test('a diagnostic categories lookup\'s id is its resource_id, a role assignments lookup\'s its scope, a storage account\'s settings\' the account', () => {
  expect(aliasedPointer(ref('data.azurerm_monitor_diagnostic_categories.cats.id'), find)).toEqual(ref('azurerm_postgresql_flexible_server.db.id'));
  expect(aliasedPointer(ref('data.azurerm_role_assignments.roles.id'), find)).toBe(SUBNET);
  expect(aliasedPointer(ref('azurerm_storage_account_network_rules.rules.id'), find)).toEqual(ref('azurerm_storage_account.logs.id'));
  expect(isAliasReference('data.azurerm_monitor_diagnostic_categories.other.id')).toBe(true);
  expect(isAliasReference('data.azurerm_role_assignments.other["a"].id')).toBe(true);
  expect(isAliasReference('azurerm_monitor_diagnostic_categories.cats.id')).toBe(false);
});

test('resolvedPointer reads through the stack\'s resources and lookups, and leaves anything else as written', () => {
  const stack = { postgresqlProviders: new Map(), resources: new Map([...blocks].filter(([address]) => !address.startsWith('data.'))), lookups: new Map([...blocks].filter(([address]) => address.startsWith('data.'))) };
  expect(resolvedPointer(ref('data.azurerm_role_assignments.roles.id'), stack)).toBe(SUBNET);
  expect(resolvedPointer(ref('azurerm_subnet_nat_gateway_association.nat.id'), stack)).toBe(SUBNET);
  const missing = ref('data.azurerm_monitor_diagnostic_categories.gone.id');
  expect(resolvedPointer(missing, stack)).toBe(missing);
  expect(resolvedPointer('/subscriptions/s', undefined)).toBe('/subscriptions/s');
});
