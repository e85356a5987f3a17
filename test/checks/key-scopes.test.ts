import { HARDENING_KEY_WRITES } from '../../lib/checks/key-scopes';
import { inertAzureReason, inertReason } from '../../lib/checks/inert-types';
import { azureReaderOf, readerOf, TYPE_READERS, TypePattern } from '../../lib/checks/read-types';
import { rule as netRule } from '../../lib/checks/rules/PG-CFG-8';
import { Verdict } from '../../lib/checks/rule';
import { CONSTRUCT, madeAt, verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// The customer-managed key and its vault as scopes of PG-CFG-8's net (queued after the nineteenth run): every write on either
// fails closed unless it only hardens (HARDENING_KEY_WRITES); another key or vault, a use of the key, a new key or secret in the
// vault pass.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const VAULT = `${SUB}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-cmk`;
const KEY = `${VAULT}/keys/cmk`;
const OTHER_VAULT = `${SUB}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-app`;
const IDENTITY = `${SUB}/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-key`;

/** A construct's server encrypted with azurerm_key_vault_key.cmk in azurerm_key_vault.kv, both of the stack, and blocks beside it. */
const withKey = (extra: Resources): Resources => ({
  ...extra,
  azurerm_resource_group: { keys: { name: 'rg-keys', location: 'westeurope' } },
  azurerm_key_vault: { kv: { name: 'kv-cmk', resource_group_name: '${azurerm_resource_group.keys.name}', location: 'westeurope', tenant_id: 't', sku_name: 'premium', purge_protection_enabled: true },
    app: { name: 'kv-app', resource_group_name: 'rg-keys', location: 'westeurope', tenant_id: 't', sku_name: 'standard' } },
  azurerm_key_vault_key: { cmk: { name: 'cmk', key_vault_id: '${azurerm_key_vault.kv.id}', key_type: 'RSA', key_size: 3072, key_opts: ['wrapKey', 'unwrapKey'] } },
  [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', identity: [{ type: 'UserAssigned', identity_ids: [IDENTITY] }],
    customer_managed_key: [{ key_vault_key_id: '${azurerm_key_vault_key.cmk.versionless_id}', primary_user_assigned_identity_id: IDENTITY }] }), ...madeAt(`${CONSTRUCT}/Server`) } },
});
const netFailing = (extra: Resources): (string | undefined)[] => verdictsBeside(netRule, withKey(extra), [CONSTRUCT])
  .filter((verdict: Verdict) => verdict.status !== 'pass' && verdict.status !== 'not-applicable').map((verdict) => ('address' in verdict ? verdict.address : undefined));

const KEY_TYPE = 'Microsoft.KeyVault/vaults/keys@2023-07-01';
const VAULT_TYPE = 'Microsoft.KeyVault/vaults@2023-07-01';
/** The key and vault by each spelling a writer names them with: a reference to the block's ARM ID, a literal ID, a template. */
const KEYS = ['${azurerm_key_vault_key.cmk.resource_id}', '${azurerm_key_vault_key.cmk.resource_versionless_id}', KEY, KEY.toUpperCase(), '/subscriptions/${var.s}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-cmk/keys/cmk', '${azurerm_key_vault.kv.id}/keys/cmk'];
/** Another key of the same vault, by each spelling. */
const OTHER_KEYS = ['${azurerm_key_vault_key.other.resource_id}', `${VAULT}/keys/other`, `${VAULT}/keys/other`.toUpperCase(), '/subscriptions/${var.s}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-cmk/keys/other', '${azurerm_key_vault.kv.id}/keys/other'];
const OTHER_KEY: Resources = { azurerm_key_vault_key: { other: { name: 'other', key_vault_id: '${azurerm_key_vault.kv.id}', key_type: 'RSA', key_size: 2048, key_opts: ['sign'] } } };
const VAULTS = ['${azurerm_key_vault.kv.id}', VAULT, `${VAULT}/`, '/subscriptions/${var.s}/resourceGroups/${azurerm_resource_group.keys.name}/providers/Microsoft.KeyVault/vaults/kv-cmk'];

/** Writes that weaken the key, and the vault, each as the body of a PATCH. */
const KEY_WEAKENINGS: readonly (readonly [string, unknown])[] = [
  ['disabled', { properties: { attributes: { enabled: false } } }],
  ['an expiry', { properties: { attributes: { exp: 1767225600 } } }],
  ['a not-before date', { properties: { attributes: { nbf: 1893456000 } } }],
  ['a rotation policy', { properties: { rotationPolicy: { lifetimeActions: [{ action: { type: 'rotate' }, trigger: { timeAfterCreate: 'P30D' } }] } } }],
  ['its operations', { properties: { keyOps: ['encrypt'] } }],
  ['a body known only at apply time', '${var.body}'],
];
const VAULT_WEAKENINGS: readonly (readonly [string, unknown])[] = [
  ['soft delete off', { properties: { enableSoftDelete: false } }],
  ['public access on', { properties: { publicNetworkAccess: 'Enabled' } }],
  ['network ACLs open', { properties: { networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' } } }],
  ['access policies replaced', { properties: { accessPolicies: [] } }],
  ['authorization switched', { properties: { enableRbacAuthorization: true } }],
  ['purge protection in any key case, beside a weakening', { Properties: { EnablePurgeProtection: true, publicNetworkAccess: 'Enabled' } }],
];

describe('every write on the customer-managed key fails PG-CFG-8; on another key it passes', () => {
  test.each(KEY_WEAKENINGS.flatMap(([how, body]) => KEYS.map((id) => [how, id, body] as const)))('%s, at %s', (_how, id, body) => {
    expect(netFailing({ azapi_update_resource: { w: { type: KEY_TYPE, resource_id: id, body } } })).toEqual(['azapi_update_resource.w']);
    expect(netFailing({ azapi_resource_action: { w: { type: KEY_TYPE, resource_id: id, method: 'PATCH', body } } })).toEqual(['azapi_resource_action.w']);
  });
  test.each(KEY_WEAKENINGS.flatMap(([how, body]) => OTHER_KEYS.map((id) => [how, id, body] as const)))('%s, at another key %s, passes', (_how, id, body) => {
    expect(netFailing({ ...OTHER_KEY, azapi_update_resource: { w: { type: KEY_TYPE, resource_id: id, body } } })).toEqual([]);
  });
  test('a key recreated at its ID (an azapi_resource by parent and name), a new version of it, and a PIM policy at it fail; a new key beside it passes', () => {
    const put = (name: string) => ({ azapi_resource: { w: { type: KEY_TYPE, parent_id: '${azurerm_key_vault.kv.id}', name, body: { properties: { kty: 'RSA', keySize: 2048 } } } } });
    expect(netFailing(put('cmk'))).toEqual(['azapi_resource.w']);
    expect(netFailing(put('other'))).toEqual([]);
    expect(netFailing({ azapi_resource: { w: { type: 'Microsoft.KeyVault/vaults/keys/versions@2030-01-01', parent_id: '${azurerm_key_vault_key.cmk.resource_id}', name: 'v2', body: {} } } })).toEqual(['azapi_resource.w']);
    expect(netFailing({ azurerm_role_management_policy: { w: { scope: '${azurerm_key_vault_key.cmk.resource_id}', role_definition_id: '/providers/Microsoft.Authorization/roleDefinitions/x', activation_rules: [{ require_approval: false }] } } })).toEqual(['azurerm_role_management_policy.w']);
  });
});

describe('every write on the key\'s vault fails PG-CFG-8; on another vault it passes', () => {
  test.each(VAULT_WEAKENINGS.flatMap(([how, body]) => VAULTS.map((id) => [how, id, body] as const)))('%s, at %s', (_how, id, body) => {
    expect(netFailing({ azapi_update_resource: { w: { type: VAULT_TYPE, resource_id: id, body } } })).toEqual(['azapi_update_resource.w']);
    expect(netFailing({ azapi_resource_action: { w: { type: VAULT_TYPE, resource_id: id, method: 'PUT', body } } })).toEqual(['azapi_resource_action.w']);
    expect(netFailing({ azapi_update_resource: { w: { type: VAULT_TYPE, resource_id: OTHER_VAULT, body } } })).toEqual([]);
  });
  test('an azapi update by parent and name, and an unknown child type\'s action on the vault, fail', () => {
    expect(netFailing({ azapi_update_resource: { w: { type: VAULT_TYPE, parent_id: '${azurerm_resource_group.keys.id}', name: 'kv-cmk', body: { properties: { enableSoftDelete: false } } } } })).toEqual(['azapi_update_resource.w']);
    expect(netFailing({ azapi_resource_action: { w: { type: VAULT_TYPE, resource_id: VAULT, action: 'purge', method: 'POST' } } })).toEqual(['azapi_resource_action.w']);
  });
});

describe('what does not weaken the key or its vault passes', () => {
  test.each([...HARDENING_KEY_WRITES.entries()])('the hardening write %s = %j passes; the opposite value fails', (path, value) => {
    const body = (written: unknown) => ({ properties: path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), written), tags: { team: 'db' } });
    const opposite = typeof value === 'boolean' ? !value : 'Enabled';
    const at = path.startsWith('attributes.') ? { type: KEY_TYPE, resource_id: KEY } : { type: VAULT_TYPE, resource_id: VAULT };
    expect(netFailing({ azapi_update_resource: { w: { ...at, body: body(value) } } })).toEqual([]);
    expect(netFailing({ azapi_update_resource: { w: { ...at, body: body(opposite) } } })).toEqual(['azapi_update_resource.w']);
  });
  test('a use of the key (another service\'s encryption), a new key or secret in the vault, a private endpoint, diagnostics and a lock on the vault pass', () => {
    expect(netFailing({
      azurerm_storage_account: { s: { name: 'st', resource_group_name: 'rg-app', location: 'westeurope', account_tier: 'Standard', account_replication_type: 'LRS', customer_managed_key: [{ key_vault_key_id: '${azurerm_key_vault_key.cmk.versionless_id}', user_assigned_identity_id: IDENTITY }] } },
      ...OTHER_KEY,
      azurerm_key_vault_secret: { s: { name: 's', key_vault_id: '${azurerm_key_vault.kv.id}', value_wo: 'x' } },
      azapi_resource: { secret: { type: 'Microsoft.KeyVault/vaults/secrets@2023-07-01', parent_id: VAULT, name: 'app', body: { properties: { value: 'x' } } } },
      azurerm_private_endpoint: { kv: { name: 'pe-kv', resource_group_name: 'rg-keys', location: 'westeurope', subnet_id: '/x', private_service_connection: [{ name: 'c', is_manual_connection: false, private_connection_resource_id: '${azurerm_key_vault.kv.id}', subresource_names: ['vault'] }] } },
      azurerm_monitor_diagnostic_setting: { kv: { name: 'd', target_resource_id: '${azurerm_key_vault.kv.id}', log_analytics_workspace_id: '/w', enabled_log: [{ category: 'AuditEvent' }] } },
      azurerm_management_lock: { kv: { name: 'l', scope: '${azurerm_key_vault.kv.id}', lock_level: 'CanNotDelete' } },
    })).toEqual([]);
  });
});

// The registry's class test for the key kind: every type a table reads, placed on the key's vault, passes when a row judges it toward the
// key (or it is inert there) and fails closed otherwise; a type no table reads fails.
test('every Terraform and Azure type a table reads passes at the key\'s vault when a row judges it there (or it is inert), and fails closed otherwise', () => {
  const sample = (pattern: TypePattern, samples: readonly string[]) => (typeof pattern === 'string' ? [pattern] : samples.filter((each) => pattern.test(each)));
  const terraform = [...new Set(TYPE_READERS.flatMap((row) => (row.types ?? []).flatMap((pattern) => sample(pattern, ['azurerm_route', 'time_sleep']))))]
    .filter((type) => !/^azurerm_postgresql_(flexible_)?server$/.test(type) && !['azurerm_key_vault', 'azurerm_key_vault_key'].includes(type));
  const azure = [...new Set(TYPE_READERS.flatMap((row) => (row.azureTypes ?? []).flatMap((pattern) => sample(pattern, ['microsoft.authorization/roleassignments', 'microsoft.keyvault/vaults/accesspolicies']))))];
  const judged = (type: string) => readerOf(type, 'key') !== undefined || inertReason(type, 'key') !== undefined;
  const judgedAzure = (type: string) => azureReaderOf(type, false, 'key') !== undefined || inertAzureReason(type, 'key') !== undefined;
  const blocks: Resources = {
    ...Object.fromEntries([...terraform, 'azurerm_unread_example'].map((type) => [type, { w: { name: 'w', scope: VAULT } }])),
    azapi_update_resource: Object.fromEntries(azure.map((type, at) => [`w${at}`, { type: `${type}@2024-01-01`, resource_id: VAULT, body: { properties: { x: 1 } } }])),
  };
  const found = netFailing(blocks);
  expect(terraform.length).toBeGreaterThan(40);
  expect([...terraform, 'azurerm_unread_example'].filter((type) => judged(type) === found.includes(`${type}.w`))).toEqual([]);
  expect(azure.filter((type, at) => judgedAzure(type) === found.includes(`azapi_update_resource.w${at}`))).toEqual([]);
  expect([terraform.some(judged), terraform.some((type) => !judged(type)), azure.some(judgedAzure), azure.some((type) => !judgedAzure(type))]).toEqual([true, true, true, true]);
});

// A key given by its URL names its vault by name only (any group and subscription); one given by a variable may be any key of any vault.
describe('a key given by its URL, or by a value known only at apply time', () => {
  const given = (pointer: string, extra: Resources): (string | undefined)[] => verdictsBeside(netRule, { ...extra,
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', identity: [{ type: 'UserAssigned', identity_ids: [IDENTITY] }],
      customer_managed_key: [{ key_vault_key_id: pointer, primary_user_assigned_identity_id: IDENTITY }] }), ...madeAt(`${CONSTRUCT}/Server`) } } }, [CONSTRUCT])
    .filter((verdict: Verdict) => verdict.status === 'fail').map((verdict) => ('address' in verdict ? verdict.address : undefined));
  const disable = (id: string) => ({ azapi_update_resource: { w: { type: KEY_TYPE, resource_id: id, body: { properties: { attributes: { enabled: false } } } } } });
  const openVault = (id: string) => ({ azapi_update_resource: { v: { type: VAULT_TYPE, resource_id: id, body: { properties: { publicNetworkAccess: 'Enabled' } } } } });
  const ELSEWHERE = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-any/providers/Microsoft.KeyVault/vaults';
  test('by URL: a write on its vault or key in any group fails; on another vault passes', () => {
    const url = 'https://kv-cmk.vault.azure.net/keys/cmk/0123456789abcdef';
    expect(given(url, disable(`${ELSEWHERE}/kv-cmk/keys/cmk`))).toEqual(['azapi_update_resource.w']);
    expect(given(url, openVault(`${ELSEWHERE}/KV-CMK`))).toEqual(['azapi_update_resource.v']);
    expect(given(url, { ...disable(`${ELSEWHERE}/kv-other/keys/cmk`), ...openVault(`${ELSEWHERE}/kv-other`) })).toEqual([]);
  });
  // Twenty-fifth review, A25a-3: every spelling the props accept names the same vault and key (key-vault-url.ts).
  test.each([
    'https://kv-cmk.vault.azure.net:443/keys/cmk', 'https://KV-CMK.vault.azure.net/keys/CMK/', 'https://kv-cmk.vault.azure.net:443/keys/cmk/0123456789abcdef0123456789abcdef/',
    'https://kv-cmk.vault.azure.cn/keys/cmk', 'https://kv-cmk.vault.usgovcloudapi.net/keys/cmk', ' https://kv-cmk.vault.azure.net/keys/cmk ',
  ])('by URL %j: a write on its vault or key fails; on another vault or key passes', (url) => {
    expect(given(url, disable(`${ELSEWHERE}/kv-cmk/keys/cmk`))).toEqual(['azapi_update_resource.w']);
    expect(given(url, openVault(`${ELSEWHERE}/kv-cmk`))).toEqual(['azapi_update_resource.v']);
    expect(given(url, { ...disable(`${ELSEWHERE}/kv-cmk/keys/other`), ...openVault(`${ELSEWHERE}/kv-other`) })).toEqual([]);
  });
  test.each([
    'https://kv-cmk.vault.azure.net:8443/keys/cmk', 'https://kv-cmk.vault.azure.net/keys/cmk?api-version=7.4', 'https://kv-cmk.vault.azure.net/keys/c%6Dk',
    'https://kv-cmk.privatelink.vaultcore.azure.net/keys/cmk', 'not a URL',
  ])('by a URL the checks cannot read (%j): a write on any vault or key fails closed; a new secret in a vault passes', (url) => {
    expect(given(url, disable(`${ELSEWHERE}/kv-other/keys/other`))).toEqual(['azapi_update_resource.w']);
    expect(given(url, openVault(`${ELSEWHERE}/kv-other`))).toEqual(['azapi_update_resource.v']);
    expect(given(url, { azapi_resource: { secret: { type: 'Microsoft.KeyVault/vaults/secrets@2023-07-01', parent_id: `${ELSEWHERE}/kv-other`, name: 'app', body: { properties: { value: 'x' } } } } })).toEqual([]);
  });
  test('by a variable: a write on any vault or key fails closed; a new secret in a vault, a secret\'s write, a use of a key pass', () => {
    expect(given('${var.key}', disable(`${ELSEWHERE}/kv-other/keys/cmk`))).toEqual(['azapi_update_resource.w']);
    expect(given('${var.key}', openVault(`${ELSEWHERE}/kv-other`))).toEqual(['azapi_update_resource.v']);
    expect(given('${var.key}', {
      azapi_resource: { secret: { type: 'Microsoft.KeyVault/vaults/secrets@2023-07-01', parent_id: `${ELSEWHERE}/kv-other`, name: 'app', body: { properties: { value: 'x' } } } },
      azapi_update_resource: { s: { type: 'Microsoft.KeyVault/vaults/secrets@2023-07-01', resource_id: `${ELSEWHERE}/kv-other/secrets/app`, body: { properties: { value: 'y' } } } },
      azurerm_storage_account: { s: { name: 'st', resource_group_name: 'rg-app', location: 'westeurope', account_tier: 'Standard', account_replication_type: 'LRS', customer_managed_key: [{ key_vault_key_id: '${var.key}', user_assigned_identity_id: IDENTITY }] } },
    })).toEqual([]);
  });
});
