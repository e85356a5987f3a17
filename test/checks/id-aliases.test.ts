import { Unknown } from '../../lib/checks/hcl-expression';
import { aliasedPointer, isAliasReference } from '../../lib/checks/id-aliases';
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
  expect(isAliasReference('azurerm_subnet_nat_gateway_association.nat.id')).toBe(true);
  expect(isAliasReference('data.azurerm_key_vault_secrets.all.id')).toBe(true);
  expect(isAliasReference('azurerm_key_vault_secrets.all.id')).toBe(false);
  expect(isAliasReference('azurerm_subnet.db.id')).toBe(false);
});
