import { importTargets, movedTargets } from '../../lib/checks/import-targets';
import { rule as netRule } from '../../lib/checks/rules/PG-CFG-8';
import { Verdict } from '../../lib/checks/rule';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// Twenty-second review, A22a-7: an import block (or a moved block) adopts a live object into a resource of the stack, and every
// argument that resource sets then writes the object. Where the object is one the construct's server is given (its customer-managed
// key or the key's vault, by URL or variable, the identity it acts as), the resource is a writer of it: a type no table reads there
// fails PG-CFG-8, as the same change through azapi does. Another key, vault or identity, a resource group, and a block the server
// names itself (the stack's own key) pass.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const VAULT = `${SUB}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-cmk`;
const KEY_URL = 'https://kv-cmk.vault.azure.net/keys/cmk';
const IDENTITY = `${SUB}/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-key`;

/** The resources a test adopts into: a weak key, an open vault without purge protection, an identity, each of its own names. */
const KEY = { name: 'cmk', key_vault_id: VAULT, key_type: 'RSA', key_size: 2048, key_opts: ['sign', 'verify'], not_before_date: '2099-01-01T00:00:00Z' };
const OPEN_VAULT = { name: 'kv-cmk', resource_group_name: 'rg-keys', location: 'westeurope', tenant_id: 't', sku_name: 'standard', purge_protection_enabled: false, network_acls: [{ default_action: 'Allow', bypass: 'AzureServices' }] };
const ID_BLOCK = { name: 'id-key', resource_group_name: 'rg-keys', location: 'westeurope' };

/** A construct's server whose customer-managed key and identity are given by literal pointers (or the key by a variable). */
function server(key: string = KEY_URL): Resources {
  return { [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', identity: [{ type: 'UserAssigned', identity_ids: [IDENTITY] }],
    customer_managed_key: [{ key_vault_key_id: key, primary_user_assigned_identity_id: IDENTITY }] }), ...madeAt(`${CONSTRUCT}/Server`) } } };
}

/** The addresses PG-CFG-8 fails (or finds unknown) beside the construct, for a stack's resources and its import and moved blocks. */
function failing(resources: Resources, sections: { import?: unknown[]; moved?: unknown[]; module?: unknown; data?: unknown } = {}, key?: string): (string | undefined)[] {
  const terraform = { resource: { ...server(key), ...resources }, ...sections };
  const model = buildStackModel(terraform);
  const db = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
  const result = netRule.evaluate(db, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT], imports: importTargets(terraform), moves: movedTargets(terraform) });
  return (Array.isArray(result) ? result : [result as Verdict]).filter((verdict) => verdict.status !== 'pass' && verdict.status !== 'not-applicable')
    .map((verdict) => ('address' in verdict ? verdict.address : undefined));
}

const KEY_IDS = [`${KEY_URL}/0123456789abcdef0123456789abcdef`, KEY_URL, `${KEY_URL}/`, 'HTTPS://KV-CMK.vault.azure.net/keys/CMK/0123', 'https://kv-cmk.vault.azure.net/keys/cmk/${var.version}',
  'https://${var.vault}.vault.azure.net/keys/cmk/0123', `${VAULT}/keys/cmk`,
  // Twenty-fifth review, A25a-3: the port the props accept, and URLs the checks cannot read (any key: fails closed).
  'https://kv-cmk.vault.azure.net:443/keys/cmk/0123', 'https://kv-cmk.vault.azure.net:8443/keys/cmk/0123', 'https://kv-cmk.vault.azure.net/keys/cmk/0123?x=1', 'https://kv-cmk.vault.azure.net/keys/c%6Dk'];

describe('an import of the given customer-managed key, its vault or identity into a resource no table reads there fails PG-CFG-8', () => {
  test.each(KEY_IDS)('azurerm_key_vault_key adopted by id %s', (id) => {
    expect(failing({ azurerm_key_vault_key: { k: KEY } }, { import: [{ to: 'azurerm_key_vault_key.k', id }] })).toEqual(['azurerm_key_vault_key.k']);
  });
  test.each([VAULT, VAULT.toUpperCase(), `${VAULT}/`, '/subscriptions/${var.s}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-cmk'])('azurerm_key_vault adopted by id %s', (id) => {
    expect(failing({ azurerm_key_vault: { kv: OPEN_VAULT } }, { import: [{ to: 'azurerm_key_vault.kv', id }] })).toEqual(['azurerm_key_vault.kv']);
  });
  test('the identity the server acts as, an instance address, blanks in "to", a Terraform 1.12 identity import, an azapi_resource', () => {
    expect(failing({ azurerm_user_assigned_identity: { id: ID_BLOCK } }, { import: [{ to: 'azurerm_user_assigned_identity.id', id: IDENTITY }] })).toEqual(['azurerm_user_assigned_identity.id']);
    expect(failing({ azurerm_key_vault: { kv: { ...OPEN_VAULT, count: 1 } } }, { import: [{ to: 'azurerm_key_vault . kv[0]', id: VAULT }] })).toEqual(['azurerm_key_vault.kv']);
    expect(failing({ azurerm_key_vault: { kv: OPEN_VAULT } }, { import: [{ to: 'azurerm_key_vault.kv', identity: { subscription_id: '00000000-0000-0000-0000-000000000000', resource_group_name: 'rg-keys', name: 'kv-cmk' } }] })).toEqual(['azurerm_key_vault.kv']);
    const azapiKey = { type: 'Microsoft.KeyVault/vaults/keys@2023-07-01', parent_id: '${var.vault_id}', name: '${var.key_name}', body: { properties: { keyOps: ['sign'] } } };
    expect(failing({ azapi_resource: { k: azapiKey } }, { import: [{ to: 'azapi_resource.k', id: `${VAULT}/keys/cmk` }] })).toEqual(['azapi_resource.k']);
  });
  test('an id known only at apply time (a variable, a reference, each.value over a variable) may adopt the key, the vault or the identity', () => {
    expect(failing({ azurerm_key_vault_key: { k: KEY } }, { import: [{ to: 'azurerm_key_vault_key.k', id: '${var.key_id}' }] })).toEqual(['azurerm_key_vault_key.k']);
    expect(failing({ azurerm_key_vault: { kv: { ...OPEN_VAULT, name: '${var.name}' } } }, { import: [{ to: 'azurerm_key_vault.kv', id: '${local.vault_id}' }] })).toEqual(['azurerm_key_vault.kv']);
    expect(failing({ azurerm_user_assigned_identity: { id: { ...ID_BLOCK, for_each: '${var.ids}', name: '${each.key}' } } }, { import: [{ for_each: '${var.ids}', to: 'azurerm_user_assigned_identity.id[each.key]', id: '${each.value}' }] })).toEqual(['azurerm_user_assigned_identity.id']);
    expect(failing({ azurerm_key_vault_key: { k: KEY } }, { import: [{ to: 'azurerm_key_vault_key.k', id: '${data.azurerm_key_vault_key.x.id}' }] })).toEqual(['azurerm_key_vault_key.k']);
    expect(failing({ azurerm_key_vault: { kv: OPEN_VAULT } }, { import: [{ to: 'azurerm_key_vault.kv', identity: '${var.vault_identity}' }] })).toEqual(['azurerm_key_vault.kv']);
  });
  test('the identity given by a lookup of its names, adopted by its literal ID, fails; another identity passes', () => {
    const looked = (name: string) => ({ [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', identity: [{ type: 'UserAssigned', identity_ids: ['${data.azurerm_user_assigned_identity.key.id}'] }],
      customer_managed_key: [{ key_vault_key_id: KEY_URL, primary_user_assigned_identity_id: '${data.azurerm_user_assigned_identity.key.id}' }] }), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_user_assigned_identity: { id: { ...ID_BLOCK, name } } });
    const data = { azurerm_user_assigned_identity: { key: { name: 'id-key', resource_group_name: 'rg-keys' } } };
    expect(failing(looked('id-key'), { data, import: [{ to: 'azurerm_user_assigned_identity.id', id: IDENTITY }] })).toEqual(['azurerm_user_assigned_identity.id']);
    expect(failing(looked('id-app'), { data, import: [{ to: 'azurerm_user_assigned_identity.id', id: IDENTITY.replace('id-key', 'id-app') }] })).toEqual([]);
  });
  test('a lookup of the vault by its names, as the import\'s id, is the vault; a lookup of another vault is not', () => {
    const lookups = (name: string) => ({ data: { azurerm_key_vault: { kv: { name, resource_group_name: 'rg-keys' } } } });
    const vault = { azurerm_key_vault: { kv: { ...OPEN_VAULT, name: '${var.name}' } } };
    expect(failing(vault, { ...lookups('kv-cmk'), import: [{ to: 'azurerm_key_vault.kv', id: '${data.azurerm_key_vault.kv.id}' }] })).toEqual(['azurerm_key_vault.kv']);
    expect(failing(vault, { ...lookups('kv-app'), import: [{ to: 'azurerm_key_vault.kv', id: '${data.azurerm_key_vault.kv.id}' }] })).toEqual([]);
  });
  test('a for_each import over a literal collection adopts each item: one that is the key fails, others pass', () => {
    const keyed = { azurerm_key_vault_key: { k: { ...KEY, for_each: '${var.keys}', name: '${each.key}' } } };
    const adopt = (items: unknown) => ({ import: [{ for_each: items, to: 'azurerm_key_vault_key.k[each.key]', id: '${each.value}' }] });
    expect(failing(keyed, adopt({ a: 'https://kv-cmk.vault.azure.net/keys/other/1', b: `${KEY_URL}/2` }))).toEqual(['azurerm_key_vault_key.k']);
    expect(failing(keyed, adopt({ a: 'https://kv-cmk.vault.azure.net/keys/other/1', b: 'https://kv-app.vault.azure.net/keys/cmk/2' }))).toEqual([]);
    // Two for_each imports into one "to": the second is read too.
    const twice = { import: [...adopt({ a: 'https://kv-cmk.vault.azure.net/keys/other/1' }).import, ...adopt({ b: `${KEY_URL}/2` }).import] };
    expect(failing(keyed, twice)).toEqual(['azurerm_key_vault_key.k']);
  });
  test('a moved block into a resource whose names spell the vault, and an import into a module\'s resource, fail', () => {
    expect(failing({ azurerm_key_vault: { kv: OPEN_VAULT } }, { moved: [{ from: 'azurerm_key_vault.old', to: 'azurerm_key_vault.kv' }] })).toEqual(['azurerm_key_vault.kv']);
    expect(failing({}, { module: { kv: { source: './kv' } }, import: [{ to: 'module.kv.azurerm_key_vault.this', id: VAULT }] })).toEqual(['module.kv']);
    expect(failing({}, { module: { kv: { source: './kv' } }, import: [{ to: 'module.kv.azurerm_key_vault_key.this["a"]', id: '${var.key_id}' }] })).toEqual(['module.kv']);
    expect(failing({}, { module: { kv: { source: './kv' } }, import: [{ to: 'module.kv.azurerm_storage_account.this', id: '${var.storage_id}' }] })).toEqual([]);
  });
  test('a key given by a variable may be any key of any vault: an import of a literal key or vault fails, of a storage account passes', () => {
    expect(failing({ azurerm_key_vault_key: { k: KEY } }, { import: [{ to: 'azurerm_key_vault_key.k', id: 'https://kv-app.vault.azure.net/keys/any/1' }] }, '${var.cmk_key_id}')).toEqual(['azurerm_key_vault_key.k']);
    expect(failing({ azurerm_key_vault: { kv: { ...OPEN_VAULT, name: 'kv-app' } } }, { import: [{ to: 'azurerm_key_vault.kv', id: VAULT.replace('kv-cmk', 'kv-app') }] }, '${var.cmk_key_id}')).toEqual(['azurerm_key_vault.kv']);
    const storage = { name: 'st', resource_group_name: 'rg-app', location: 'westeurope', account_tier: 'Standard', account_replication_type: 'LRS' };
    expect(failing({ azurerm_storage_account: { s: storage } }, { import: [{ to: 'azurerm_storage_account.s', id: '${var.storage_id}' }] }, '${var.cmk_key_id}')).toEqual([]);
  });
});

describe('what adopts another object, or one a table reads, passes', () => {
  test('another key, vault or identity, by literal id, template, identity or moved block', () => {
    expect(failing({ azurerm_key_vault_key: { k: KEY } }, { import: [{ to: 'azurerm_key_vault_key.k', id: 'https://kv-cmk.vault.azure.net/keys/other/0123' }] })).toEqual([]);
    expect(failing({ azurerm_key_vault_key: { k: KEY } }, { import: [{ to: 'azurerm_key_vault_key.k', id: 'https://kv-cmk.vault.azure.net:443/keys/other/0123' }] })).toEqual([]);
    expect(failing({ azurerm_key_vault_key: { k: { ...KEY, name: 'other' } } }, { import: [{ to: 'azurerm_key_vault_key.k', id: 'https://${var.vault}.vault.azure.net/keys/other/${var.v}' }] })).toEqual([]);
    expect(failing({ azurerm_key_vault: { kv: { ...OPEN_VAULT, name: 'kv-app' } } }, { import: [{ to: 'azurerm_key_vault.kv', id: VAULT.replace('kv-cmk', 'kv-app') }] })).toEqual([]);
    expect(failing({ azurerm_key_vault: { kv: { ...OPEN_VAULT, name: 'kv-app' } } }, { import: [{ to: 'azurerm_key_vault.kv', identity: { resource_group_name: 'rg-keys', name: 'kv-app' } }] })).toEqual([]);
    expect(failing({ azurerm_key_vault: { kv: { ...OPEN_VAULT, name: 'kv-app' } } }, { moved: [{ from: 'azurerm_key_vault.old', to: 'azurerm_key_vault.kv' }] })).toEqual([]);
    expect(failing({ azurerm_user_assigned_identity: { id: { ...ID_BLOCK, name: 'id-app' } } }, { import: [{ to: 'azurerm_user_assigned_identity.id', id: IDENTITY.replace('id-key', 'id-app') }] })).toEqual([]);
  });
  test('the key\'s resource group adopted, an id known later into a type of no object the server is given, the same blocks without an import', () => {
    expect(failing({ azurerm_resource_group: { keys: { name: 'rg-keys', location: 'westeurope' } } }, { import: [{ to: 'azurerm_resource_group.keys', id: `${SUB}/resourceGroups/rg-keys` }] })).toEqual([]);
    expect(failing({ azurerm_log_analytics_workspace: { w: { name: 'law', resource_group_name: 'rg-app', location: 'westeurope' } } }, { import: [{ to: 'azurerm_log_analytics_workspace.w', id: '${var.law}' }] })).toEqual([]);
    expect(failing({ azurerm_key_vault_key: { k: { ...KEY, name: 'other' } }, azurerm_key_vault: { kv: { ...OPEN_VAULT, name: 'kv-app' } }, azurerm_user_assigned_identity: { id: { ...ID_BLOCK, name: 'id-app' } } })).toEqual([]);
  });
  test('a key of the stack the server names itself, imported, is the stack\'s own key (judged as one it makes)', () => {
    const own = { azurerm_key_vault_key: { k: KEY } };
    expect(failing(own, { import: [{ to: 'azurerm_key_vault_key.k', id: `${KEY_URL}/1` }] }, '${azurerm_key_vault_key.k.versionless_id}')).toEqual([]);
  });
});
