import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// 83rd run, A83b-1: an item of a lookup that lists Azure objects (azapi_resource_list's `output`, azurerm_resources'
// `resources`) may be any object of the listed type under the listed parent: a grant on it may be a grant on the server's
// customer-managed key, or its vault.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const PRINCIPAL = '99999999-9999-9999-9999-999999999999';
const KEY_RG = `${SUB}/resourceGroups/rg-keys`;
const KEY_VAULT = `${KEY_RG}/providers/Microsoft.KeyVault/vaults/kv-orders`;

/** A construct's server encrypted with `key` (the key "cmk" of the vault kv-orders, by URL), a grant on `scope`, and the lookups. */
function stack(scope: string, data: Resources, role = 'Key Vault Crypto Officer', key = 'https://kv-orders.vault.azure.net/keys/cmk'): object {
  const resource: Resources = {
    azurerm_user_assigned_identity: { key: { name: 'id-key', resource_group_name: 'rg-keys', location: 'westeurope' } },
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', identity: [{ type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.key.id}'] }],
      customer_managed_key: [{ key_vault_key_id: key, primary_user_assigned_identity_id: '${azurerm_user_assigned_identity.key.id}' }] }), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_role_assignment: { grant: { scope, principal_id: PRINCIPAL, role_definition_name: role } },
  };
  return { '//': { 'cdktf-azure-postgres-constructs': [CONSTRUCT] }, resource, data };
}

/** PG-IAM-2's verdict on the grant. */
function grantStatus(json: object): string {
  const findings = evaluateStack(JSON.parse(JSON.stringify(json)) as object, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PG-IAM-2' && finding.status === 'fail');
  return findings.some((finding) => (finding.message ?? '').includes('azurerm_role_assignment.grant')) ? 'fail' : 'pass';
}

const list = (type: string, parent: string): Resources => ({ azapi_resource_list: { k: { type, parent_id: parent } } });
const search = (args: { [key: string]: unknown }): Resources => ({ azurerm_resources: { r: args } });

describe('an item of a list lookup may be any object it lists (A83b-1)', () => {
  test.each([
    ['the keys of the key\'s vault, first item', '${data.azapi_resource_list.k.output.value[0].id}', list('Microsoft.KeyVault/vaults/keys@2023-07-01', KEY_VAULT)],
    ['the keys of the key\'s vault, one of all', '${one(data.azapi_resource_list.k.output.value[*].id)}', list('Microsoft.KeyVault/vaults/keys@2023-07-01', KEY_VAULT)],
    ['the vaults of the key\'s group', '${data.azapi_resource_list.k.output.value[0].id}', list('Microsoft.KeyVault/vaults@2023-07-01', KEY_RG)],
    ['the keys of a vault given by a variable', '${data.azapi_resource_list.k.output.value[0].id}', list('Microsoft.KeyVault/vaults/keys@2023-07-01', '${var.vault}')],
    ['a type given by a variable', '${data.azapi_resource_list.k.output.value[0].id}', list('${var.type}', KEY_VAULT)],
    ['a search of keys in the key\'s group', '${data.azurerm_resources.r.resources[0].id}', search({ type: 'Microsoft.KeyVault/vaults/keys', resource_group_name: 'rg-keys' })],
    ['a search of the key by name', '${data.azurerm_resources.r.resources[0].id}', search({ type: 'Microsoft.KeyVault/vaults/keys', name: 'cmk' })],
    ['a search of vaults anywhere', '${one(data.azurerm_resources.r.resources[*].id)}', search({ type: 'Microsoft.KeyVault/vaults' })],
  ])('%s: Key Vault Crypto Officer on an item fails', (_name, scope, data) => {
    expect(grantStatus(stack(scope, data))).toBe('fail');
    expect(grantStatus(stack(scope, data, 'Key Vault Crypto Service Encryption User'))).toBe('pass');
  });

  test.each([
    ['the keys of another vault', list('Microsoft.KeyVault/vaults/keys@2023-07-01', KEY_VAULT.replace('kv-orders', 'kv-apps'))],
    ['the storage accounts of the key\'s group', list('Microsoft.Storage/storageAccounts@2023-05-01', KEY_RG)],
    ['a search of another vault by name', search({ type: 'Microsoft.KeyVault/vaults', name: 'kv-apps' })],
    ['a search of another key by name', search({ type: 'Microsoft.KeyVault/vaults/keys', name: 'other' })],
  ])('%s: Key Vault Crypto Officer on an item passes', (_name, data) => {
    const scope = 'azapi_resource_list' in data ? '${data.azapi_resource_list.k.output.value[0].id}' : '${data.azurerm_resources.r.resources[0].id}';
    expect(grantStatus(stack(scope, data))).toBe('pass');
  });

  // A search of every type is read as its group, judged as a grant there: a key given by its URL names its vault, not the vault's
  // group (perimeter-objects.test.ts, decided); one given by a variable may be in any group.
  test('a search of every type in a group is judged as a grant on that group', () => {
    const everything = search({ resource_group_name: 'rg-keys' });
    expect(grantStatus(stack('${data.azurerm_resources.r.resources[0].id}', everything))).toBe(grantStatus(stack(KEY_RG, {})));
    expect(grantStatus(stack('${data.azurerm_resources.r.resources[0].id}', everything, 'Key Vault Crypto Officer', '${var.key}'))).toBe('fail');
    expect(grantStatus(stack('${data.azurerm_resources.r.resources[0].id}', everything, 'Key Vault Crypto Service Encryption User', '${var.key}'))).toBe('pass');
  });
});

// 84th run, A84b-1: a list of a top-level type under a subscription lists the objects of every group in it.
describe('a list under a subscription lists every group\'s objects (A84b-1)', () => {
  test.each([
    ['the subscription', SUB],
    ['the subscription with a trailing slash', `${SUB}/`],
    ['the tenant root', '/'],
    ['a management group', '/providers/Microsoft.Management/managementGroups/contoso'],
  ])('Key Vault Crypto Officer on a vault listed under %s fails', (_name, parent) => {
    const vaults = list('Microsoft.KeyVault/vaults@2023-07-01', parent);
    expect(grantStatus(stack('${data.azapi_resource_list.k.output.value[0].id}', vaults))).toBe('fail');
    expect(grantStatus(stack('${data.azapi_resource_list.k.output.value[0].id}', vaults, 'Key Vault Crypto Service Encryption User'))).toBe('pass');
  });

  test('each item of a list under the subscription, by for_each, is judged so', () => {
    const json = stack('${each.value.id}', list('Microsoft.KeyVault/vaults@2023-07-01', SUB)) as { resource: { azurerm_role_assignment: { grant: object } } };
    json.resource.azurerm_role_assignment.grant = { ...json.resource.azurerm_role_assignment.grant, for_each: '${{ for v in data.azapi_resource_list.k.output.value : v.name => v }}' };
    expect(grantStatus(json)).toBe('fail');
  });

  test('the storage accounts of the subscription pass', () => {
    const accounts = list('Microsoft.Storage/storageAccounts@2023-05-01', SUB);
    expect(grantStatus(stack('${data.azapi_resource_list.k.output.value[0].id}', accounts))).toBe('pass');
  });
});

// 84th run, A84b-2: an azapi lookup of one object gives it back in `output` (its `id` among it) and its parent in `parent_id`.
describe('an azapi lookup of one object reads as that object, its parent_id as its parent (A84b-2)', () => {
  const KEY = `${KEY_VAULT}/keys/cmk`;
  const one = (type: string, args: { [key: string]: string }): Resources => ({ [type]: { k: args } });
  test.each([
    ['the vault by resource_id, its output.id', '${data.azapi_resource.k.output.id}', one('azapi_resource', { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: KEY_VAULT })],
    ['the vault by resource_id, its output whole', '${data.azapi_resource.k.output}', one('azapi_resource', { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: KEY_VAULT })],
    ['the vault by name and parent, its output.id', '${data.azapi_resource.k.output.id}', one('azapi_resource', { type: 'Microsoft.KeyVault/vaults@2023-07-01', parent_id: KEY_RG, name: 'kv-orders' })],
    ['the key by resource_id, its parent_id', '${data.azapi_resource.k.parent_id}', one('azapi_resource', { type: 'Microsoft.KeyVault/vaults/keys@2023-07-01', resource_id: KEY })],
    ['the key\'s ID built, its parent_id', '${data.azapi_resource_id.k.parent_id}', one('azapi_resource_id', { type: 'Microsoft.KeyVault/vaults/keys@2023-07-01', resource_id: KEY })],
    ['an object given by a variable, its output.id', '${data.azapi_resource.k.output.id}', one('azapi_resource', { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: '${var.vault}' })],
    ['an object given by a variable, its parent_id', '${data.azapi_resource.k.parent_id}', one('azapi_resource', { type: 'Microsoft.KeyVault/vaults/keys@2023-07-01', resource_id: '${var.key}' })],
  ])('%s: Key Vault Crypto Officer there fails', (_name, scope, data) => {
    expect(grantStatus(stack(scope, data))).toBe('fail');
    expect(grantStatus(stack(scope, data, 'Key Vault Crypto Service Encryption User'))).toBe('pass');
  });

  test.each([
    ['another vault by resource_id, its output.id', '${data.azapi_resource.k.output.id}', one('azapi_resource', { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: KEY_VAULT.replace('kv-orders', 'kv-apps') })],
    ['a key of another vault, its parent_id', '${data.azapi_resource.k.parent_id}', one('azapi_resource', { type: 'Microsoft.KeyVault/vaults/keys@2023-07-01', resource_id: `${KEY_VAULT.replace('kv-orders', 'kv-apps')}/keys/cmk` })],
  ])('%s: Key Vault Crypto Officer there passes', (_name, scope, data) => {
    expect(grantStatus(stack(scope, data))).toBe('pass');
  });
});

// 84th run, A84b-3: an item of a list of objects that cannot be the server is judged as what it lists, as a search's item is.
test('Contributor on a listed storage account is judged as a search\'s item is (A84b-3)', () => {
  const listed = grantStatus(stack('${data.azapi_resource_list.k.output.value[0].id}', list('Microsoft.Storage/storageAccounts@2023-05-01', `${SUB}/resourceGroups/rg-data`), 'Contributor'));
  const searched = grantStatus(stack('${data.azurerm_resources.r.resources[0].id}', search({ type: 'Microsoft.Storage/storageAccounts', resource_group_name: 'rg-data' }), 'Contributor'));
  expect(searched).toBe('pass');
  expect(listed).toBe(searched);
});
