import { Unknown } from '../../lib/checks/hcl-expression';
import { mayNameServer } from '../../lib/checks/later-pointers';
import type { ResourceView } from '../../lib/checks/stack-model';
import type { StackFacts } from '../../lib/checks/rule';

// Which pointers known only at apply time may name a PostgreSQL server (A12b-4): anything but the ID of
// a block of another type, or a template that spells another type's ID.

const ref = (reference: string) => new Unknown(reference, [reference]);

test.each([
  ['a variable', ref('var.sid')],
  ['another state\'s output', ref('data.terraform_remote_state.db.outputs.server_id')],
  ['a search by type', ref('data.azurerm_resources.all.resources[0].id')],
  ['a lookup of a server', ref('data.azurerm_postgresql_server.db.id')],
  ['an azapi resource', ref('azapi_resource.server.id')],
  ['an attribute other than id', ref('azurerm_resource_group_template_deployment.d.output_content')],
  ['a server ID spelt with a variable', new Unknown('/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/${var.name}', ['var.name'])],
  ['a function of a variable', new Unknown('lower(var.sid)', ['var.sid'])],
  // Its id is the ID it was given; one not read through it first may be any (70th run, A70b-1).
  ['a diagnostic categories lookup', ref('data.azurerm_monitor_diagnostic_categories.c.id')],
  ['a role assignments lookup', ref('data.azurerm_role_assignments.c.id')],
  ['a subnet association', ref('azurerm_subnet_network_security_group_association.a.id')],
])('%s may name a server', (_name, pointer) => {
  expect(mayNameServer(pointer)).toBe(true);
});

test.each([
  ['a literal', '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv'],
  ['nothing', undefined],
  ['the id of a resource of another type', ref('azurerm_key_vault.kv.id')],
  ['the id of a server of the stack (that server, placed by its reference)', ref('azurerm_postgresql_flexible_server.db.id')],
  ['the id of one of several', ref('azurerm_storage_account.sa["logs"].id')],
  ['the id of a lookup of another type', ref('data.azurerm_key_vault.kv.id')],
  ['another type\'s ID spelt with a variable', new Unknown('/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/${var.name}', ['var.name'])],
])('%s does not', (_name, pointer) => {
  expect(mayNameServer(pointer)).toBe(false);
});

// 84th run, A84b-3: an item of a list lookup, or an azapi lookup of one object, of another type than a server's is not one.
describe('objects a lookup lists or reads by type', () => {
  const stack = (type: string, config: { [key: string]: unknown }) => ({ lookups: new Map([[`data.${type}.k`, { address: `data.${type}.k`, type, config } as unknown as ResourceView]]) }) as unknown as StackFacts;
  const RG = '/subscriptions/s/resourceGroups/rg';
  test.each([
    ['a listed storage account', ref('data.azapi_resource_list.k.output.value[0].id'), stack('azapi_resource_list', { type: 'Microsoft.Storage/storageAccounts@2023-05-01', parent_id: RG })],
    ['a vault read by its ID', ref('data.azapi_resource.k.output.id'), stack('azapi_resource', { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: `${RG}/providers/Microsoft.KeyVault/vaults/kv` })],
  ])('%s does not name a server', (_name, pointer, facts) => {
    expect(mayNameServer(pointer, facts)).toBe(false);
    expect(mayNameServer(pointer)).toBe(true);
  });

  test.each([
    ['a listed server', ref('data.azapi_resource_list.k.output.value[0].id'), stack('azapi_resource_list', { type: 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01', parent_id: RG })],
    ['an item of a list of any type', ref('data.azapi_resource_list.k.output.value[0].id'), stack('azapi_resource_list', { type: '${var.type}', parent_id: RG })],
    ['a listed resource group', ref('data.azapi_resource_list.k.output.value[0].id'), stack('azapi_resource_list', { type: 'Microsoft.Resources/resourceGroups@2022-09-01', parent_id: '/subscriptions/s' })],
    ['an object read by a variable ID', ref('data.azapi_resource.k.output.id'), stack('azapi_resource', { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: '${var.id}' })],
    ['a listed item beside a variable', new Unknown('${coalesce(data.azapi_resource_list.k.output.value[0].id, var.x)}', ['data.azapi_resource_list.k.output.value[0].id', 'var.x']), stack('azapi_resource_list', { type: 'Microsoft.Storage/storageAccounts@2023-05-01', parent_id: RG })],
  ])('%s may', (_name, pointer, facts) => {
    expect(mayNameServer(pointer, facts)).toBe(true);
  });
});
