import { evaluateStack } from '../../lib/checks/evaluate';
import { rule } from '../../lib/checks/rules/PG-ENC-1';
import { ALL_RULES } from '../../lib/checks/rules';
import { Verdict } from '../../lib/checks/rule';
import { buildStackModel } from '../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// PG-ENC-1 on a customer-managed key and its vault (or Managed HSM) the stack makes through azapi (thirty-sixth stop): before, a
// key made by an azapi_resource of Microsoft.KeyVault/vaults/keys (or managedHSMs/keys) was read as a key the stack is given, and
// a vault made by azapi was judged only when an azurerm key pointed at it, so a weakened azapi vault or key the server's key pointer
// read (by the key's output, a URL built from the vault's name or URI, a literal URL naming it, a lookup of it by name) passed.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const IDENTITY = `${SUB}/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-key`;
const GOOD_VAULT_BODY = { properties: { tenantId: 't', sku: { family: 'A', name: 'premium' }, enablePurgeProtection: true, publicNetworkAccess: 'Disabled' } };
const GOOD_KEY_BODY = { properties: { kty: 'RSA', keySize: 3072, keyOps: ['wrapKey', 'unwrapKey'] } };
const SECONDS = (offset: number) => Math.floor((Date.now() + offset) / 1000);
const YEAR = 365 * 24 * 3600 * 1000;

type Made = { vault?: unknown; key?: unknown; pointer?: string; hsm?: boolean; extra?: Resources; data?: Resources };

/** A Flexible Server whose customer-managed key is azapi_resource.key in azapi_resource.vault (each body as given). */
function stack({ vault = GOOD_VAULT_BODY, key = GOOD_KEY_BODY, pointer = '${azapi_resource.key.output.properties.keyUriWithVersion}', hsm = false, extra = {}, data }: Made): { resource: Resources; data?: Resources } {
  const container = hsm ? 'Microsoft.KeyVault/managedHSMs' : 'Microsoft.KeyVault/vaults';
  const resource: Resources = {
    ...extra,
    azapi_resource: {
      vault: { type: `${container}@2023-07-01`, parent_id: `${SUB}/resourceGroups/rg-keys`, name: 'kv-cmk', location: 'westeurope', body: vault },
      key: { type: `${container}/keys@2023-07-01`, parent_id: '${azapi_resource.vault.id}', name: 'cmk', body: key, response_export_values: ['properties.keyUri', 'properties.keyUriWithVersion'] },
      ...extra.azapi_resource,
    },
    [FLEXIBLE]: { db: compliantFlexibleServer({ identity: [{ type: 'UserAssigned', identity_ids: [IDENTITY] }],
      customer_managed_key: [{ key_vault_key_id: pointer, primary_user_assigned_identity_id: IDENTITY }] }) },
  };
  return data === undefined ? { resource } : { resource, data };
}

function verdicts(terraform: { resource: Resources; data?: Resources }): Verdict[] {
  const model = buildStackModel(terraform);
  const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [] });
  return Array.isArray(result) ? [...result as readonly Verdict[]] : [result as Verdict];
}
/** The verdicts that are not passes, as [status, address]. */
const found = (terraform: { resource: Resources; data?: Resources }) => verdicts(terraform).filter((verdict) => verdict.status !== 'pass').map((verdict) => [verdict.status, 'address' in verdict ? verdict.address : undefined]);
const judged = (terraform: { resource: Resources; data?: Resources }) => verdicts(terraform).map((verdict) => verdict.status);

const vaultWith = (properties: object) => ({ ...GOOD_VAULT_BODY, properties: { ...GOOD_VAULT_BODY.properties, ...properties } });
const keyWith = (properties: object) => ({ ...GOOD_KEY_BODY, properties: { ...GOOD_KEY_BODY.properties, ...properties } });
const NO_PURGE = vaultWith({ enablePurgeProtection: false });

describe('a key and vault made by azapi_resource, read by the key\'s output', () => {
  test('the good key in the good vault: both judged, both pass', () => {
    expect(judged(stack({}))).toEqual(['pass', 'pass']);
  });

  test.each([
    ['keyUriWithVersion', '${azapi_resource.key.output.properties.keyUriWithVersion}'],
    ['keyUri', '${azapi_resource.key.output.properties.keyUri}'],
    ['keyUri in any case', '${azapi_resource.key.output.Properties.KeyUri}'],
    ['an index of the output', '${azapi_resource.key.output["properties"]["keyUri"]}'],
    ['trimspace of it', '${trimspace(azapi_resource.key.output.properties.keyUriWithVersion)}'],
    ['an instance of a count', '${azapi_resource.key[0].output.properties.keyUriWithVersion}'],
    ['an instance of a for_each', '${azapi_resource.key["cmk"].output.properties.keyUri}'],
    ['a conditional', '${var.geo ? var.other_key : azapi_resource.key.output.properties.keyUri}'],
  ])('a vault without purge protection fails, the key read by %s', (_name, pointer) => {
    expect(found(stack({ vault: NO_PURGE, pointer }))).toEqual([['fail', 'azapi_resource.vault']]);
  });

  test.each<[string, unknown, string]>([
    ['keyOps without wrapKey and unwrapKey', keyWith({ keyOps: ['sign', 'verify'] }), 'fail'],
    ['keyOps without unwrapKey, in another case', { Properties: { KeyOps: ['WRAPKEY'] } }, 'fail'],
    ['an expiry (attributes.exp) already past', keyWith({ attributes: { exp: SECONDS(-YEAR) } }), 'fail'],
    ['a start (attributes.nbf) still to come', keyWith({ attributes: { nbf: SECONDS(YEAR) } }), 'fail'],
    ['the key disabled (attributes.enabled false)', keyWith({ attributes: { enabled: false } }), 'fail'],
    ['an expiry that is no number', keyWith({ attributes: { exp: 'soon' } }), 'fail'],
    ['keyOps known only at apply time', keyWith({ keyOps: '${var.ops}' }), 'unknown'],
    ['an expiry known only at apply time', keyWith({ attributes: { exp: '${var.exp}' } }), 'unknown'],
    ['a body known only at apply time', '${var.key_body}', 'unknown'],
    ['keyOps spelt twice in two cases', keyWith({ KeyOps: ['sign'] }), 'unknown'],
  ])('a key with %s: %s', (_name, key, status) => {
    expect(found(stack({ key }))).toEqual([[status, 'azapi_resource.key']]);
  });

  test.each<[string, unknown]>([
    ['no keyOps (Key Vault then permits every operation of the key type)', { properties: { kty: 'RSA', keySize: 3072 } }],
    ['an expiry to come and a start past, enabled', keyWith({ attributes: { exp: SECONDS(YEAR), nbf: SECONDS(-YEAR), enabled: true } })],
    ['a rotation policy (not judged, as an azurerm key\'s is not)', keyWith({ rotationPolicy: { lifetimeActions: [{ action: { type: 'rotate' }, trigger: { timeBeforeExpiry: 'P30D' } }] } })],
  ])('a key with %s passes', (_name, key) => {
    expect(found(stack({ key }))).toEqual([]);
  });

  test.each<[string, unknown, string]>([
    ['no purge protection (absent: Azure leaves it off)', { properties: { tenantId: 't', sku: { family: 'A', name: 'premium' }, publicNetworkAccess: 'Disabled' } }, 'fail'],
    ['purge protection false', NO_PURGE, 'fail'],
    ['purge protection false beside a property named status', vaultWith({ enablePurgeProtection: false, status: 'pass' }), 'fail'],
    ['soft delete off (purge protection is then ineffective)', vaultWith({ enableSoftDelete: false }), 'fail'],
    ['public access left out, no ACLs', vaultWith({ publicNetworkAccess: undefined }), 'fail'],
    ['public access Enabled, ACLs Allow', vaultWith({ publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' } }), 'fail'],
    ['ACLs Deny with ipRules of the whole Internet', vaultWith({ publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '0.0.0.0/0' }] } }), 'fail'],
    ['purge protection known only at apply time', vaultWith({ enablePurgeProtection: '${var.purge}' }), 'unknown'],
    ['soft delete known only at apply time', vaultWith({ enableSoftDelete: '${var.soft}' }), 'unknown'],
    ['a body known only at apply time', '${var.vault_body}', 'unknown'],
  ])('a vault with %s: %s', (_name, vault, status) => {
    expect(found(stack({ vault }))).toEqual([[status, 'azapi_resource.vault']]);
  });

  test.each<[string, unknown]>([
    ['soft delete on, a 7-day retention (not judged)', vaultWith({ enableSoftDelete: true, softDeleteRetentionInDays: 7 })],
    ['public access Enabled, ACLs Deny with one /32', vaultWith({ publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [{ value: '203.0.113.7/32' }] } })],
  ])('a vault with %s passes', (_name, vault) => {
    expect(found(stack({ vault }))).toEqual([]);
  });

  test.each<[string, (body: object) => unknown]>([
    ['JSON text', (body) => JSON.stringify(body)],
    ['jsonencode', (body) => `\${jsonencode(${JSON.stringify(body)})}`],
  ])('bodies given as %s are read alike', (_name, encode) => {
    expect(found(stack({ vault: encode(NO_PURGE), key: encode(keyWith({ keyOps: ['sign'] })) }))).toEqual([['fail', 'azapi_resource.key'], ['fail', 'azapi_resource.vault']]);
    expect(found(stack({ vault: encode(GOOD_VAULT_BODY), key: encode(GOOD_KEY_BODY) }))).toEqual([]);
  });

  test('fails synth-level evaluation as an error', () => {
    const findings = evaluateStack(stack({ vault: NO_PURGE }), ALL_RULES).findings.filter((finding) => finding.ruleId === 'PG-ENC-1' && finding.status === 'fail');
    expect(findings.map((finding) => [finding.severity, finding.address])).toEqual([['error', 'azapi_resource.vault']]);
  });
});

describe('the azapi key and vault named other ways', () => {
  test.each([
    ['a URL built from the vault\'s and key\'s names', 'https://${azapi_resource.vault.name}.vault.azure.net/keys/${azapi_resource.key.name}'],
    ['the vault\'s URI and the key\'s literal name', '${azapi_resource.vault.output.properties.vaultUri}keys/cmk'],
    ['a format of the vault\'s URI', '${format("%skeys/%s", azapi_resource.vault.output.properties.vaultUri, "cmk")}'],
    ['a URL built from the vault\'s ID', 'https://${element(split("/", azapi_resource.vault.id), 8)}.vault.azure.net/keys/cmk'],
    ['an instance of a for_each vault\'s URI', '${azapi_resource.vault["a"].output.properties.vaultUri}keys/cmk'],
    ['a literal URL naming the made vault and key', 'https://kv-cmk.vault.azure.net/keys/cmk'],
    ['a literal URL in another case, with a version', 'https://KV-CMK.vault.azure.net/keys/CMK/0123456789abcdef0123456789abcdef'],
  ])('%s: the weak key and vault fail', (_name, pointer) => {
    expect(found(stack({ vault: NO_PURGE, key: keyWith({ keyOps: ['sign'] }), pointer }))).toEqual([['fail', 'azapi_resource.key'], ['fail', 'azapi_resource.vault']]);
  });

  test('a literal URL of another key of the made vault judges the vault, not that key; one of another vault judges neither', () => {
    expect(found(stack({ vault: NO_PURGE, key: keyWith({ keyOps: ['sign'] }), pointer: 'https://kv-cmk.vault.azure.net/keys/other' }))).toEqual([['fail', 'azapi_resource.vault']]);
    expect(judged(stack({ vault: NO_PURGE, key: keyWith({ keyOps: ['sign'] }), pointer: 'https://kv-app.vault.azure.net/keys/cmk' }))).toEqual(['not-applicable']);
  });

  test('an azurerm key in an azapi vault, read by a literal URL, judges both', () => {
    const extra: Resources = { azurerm_key_vault_key: { cmk: { name: 'hsmkey', key_vault_id: '${azapi_resource.vault.id}', key_type: 'RSA', key_size: 3072, key_opts: ['sign'] } } };
    expect(found(stack({ vault: NO_PURGE, pointer: 'https://kv-cmk.vault.azure.net/keys/hsmkey', extra }))).toEqual([['fail', 'azurerm_key_vault_key.cmk'], ['fail', 'azapi_resource.vault']]);
  });

  test.each<[string, object]>([
    ['the vault\'s literal ID as the key\'s parent', { parent_id: `${SUB}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-cmk` }],
    ['the key\'s type in another case', { type: 'microsoft.keyvault/VAULTS/Keys@2023-07-01' }],
    ['an instance of the vault (count)', { parent_id: '${azapi_resource.vault[0].id}' }],
  ])('an azapi key with %s is judged with its vault', (_name, key) => {
    const extra: Resources = { azapi_resource: { key: { type: 'Microsoft.KeyVault/vaults/keys@2023-07-01', parent_id: '${azapi_resource.vault.id}', name: 'cmk', body: keyWith({ keyOps: ['sign'] }), ...key } } };
    expect(found(stack({ vault: NO_PURGE, extra }))).toEqual([['fail', 'azapi_resource.key'], ['fail', 'azapi_resource.vault']]);
  });

  test('an azapi key in an azurerm vault judges both', () => {
    const extra: Resources = {
      azurerm_key_vault: { kv: { name: 'kv-az', resource_group_name: 'rg-keys', location: 'westeurope', tenant_id: 't', sku_name: 'premium', purge_protection_enabled: false, public_network_access_enabled: false } },
      azapi_resource: { key: { type: 'Microsoft.KeyVault/vaults/keys@2023-07-01', parent_id: '${azurerm_key_vault.kv.id}', name: 'cmk', body: keyWith({ keyOps: ['sign'] }) } },
    };
    expect(found(stack({ extra }))).toEqual([['fail', 'azapi_resource.key'], ['fail', 'azurerm_key_vault.kv']]);
  });

  test('a key or vault whose azapi type is known only at apply time fails closed', () => {
    const typed = (address: string) => ({ azapi_resource: { [address]: { ...stack({}).resource.azapi_resource[address] as object, type: '${var.type}' } } });
    expect(found(stack({ extra: typed('key') }))).toEqual([['unknown', 'azapi_resource.key']]);
    expect(found(stack({ extra: typed('vault') }))).toEqual([['unknown', 'azapi_resource.vault']]);
  });

  test('decided: a key given by a variable is not the stack\'s key (the stack\'s weak azapi key is not judged as it)', () => {
    expect(judged(stack({ vault: NO_PURGE, key: keyWith({ keyOps: ['sign'] }), pointer: '${var.key_id}' }))).toEqual(['not-applicable']);
  });

  test('a Managed HSM and its key made by azapi are judged alike', () => {
    const hsmBody = (properties: object) => ({ sku: { family: 'B', name: 'Standard_B1' }, properties: { tenantId: 't', initialAdminObjectIds: ['a'], ...properties } });
    expect(found(stack({ hsm: true, vault: hsmBody({}), key: keyWith({ attributes: { exp: SECONDS(-YEAR) } }) }))).toEqual([['fail', 'azapi_resource.key'], ['fail', 'azapi_resource.vault']]);
    expect(found(stack({ hsm: true, vault: hsmBody({ enablePurgeProtection: true, publicNetworkAccess: 'Disabled' }), pointer: 'https://kv-cmk.managedhsm.azure.net/keys/cmk' }))).toEqual([]);
    expect(found(stack({ hsm: true, vault: hsmBody({}), pointer: 'https://kv-cmk.managedhsm.azure.net/keys/cmk' }))).toEqual([['fail', 'azapi_resource.vault']]);
  });
});

describe('azapi updates and actions on the made vault and key merge in', () => {
  const update = (type: string, target: string, body: unknown, block = 'azapi_update_resource'): Resources => ({ [block]: { w: { type: `${type}@2023-07-01`, resource_id: `\${azapi_resource.${target}.id}`, body, ...(block === 'azapi_resource_action' ? { method: 'PATCH' } : {}) } } });
  test('an update turning purge protection on makes the vault pass (a hardening write, not judged a weakening by PG-CFG-8 either)', () => {
    expect(found(stack({ vault: NO_PURGE, extra: update('Microsoft.KeyVault/vaults', 'vault', { properties: { enablePurgeProtection: true } }) }))).toEqual([]);
  });
  test.each<[string, string, string, unknown, string, string]>([
    ['opening the vault\'s network ACLs', 'azapi_update_resource', 'vault', { properties: { publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Allow' } } }, 'fail', 'azapi_resource.vault'],
    ['by a PATCH action, opening public access', 'azapi_resource_action', 'vault', { properties: { publicNetworkAccess: 'Enabled' } }, 'fail', 'azapi_resource.vault'],
    ['with a body known only at apply time', 'azapi_update_resource', 'vault', '${var.patch}', 'unknown', 'azapi_resource.vault'],
    ['disabling the key', 'azapi_update_resource', 'key', { properties: { attributes: { enabled: false } } }, 'fail', 'azapi_resource.key'],
  ])('an update %s (%s) is merged: %s', (_name, block, target, body, status, address) => {
    const type = target === 'vault' ? 'Microsoft.KeyVault/vaults' : 'Microsoft.KeyVault/vaults/keys';
    expect(found(stack({ extra: update(type, target, body, block) }))).toEqual([[status, address]]);
  });
  test('an update enabling a disabled key does not make it pass: ARM does not update an existing key (createIfNotExist)', () => {
    expect(found(stack({ key: keyWith({ attributes: { enabled: false } }), extra: update('Microsoft.KeyVault/vaults/keys', 'key', { properties: { attributes: { enabled: true } } }) }))).toEqual([['fail', 'azapi_resource.key']]);
  });
  test('two updates are judged in either order (Terraform orders them only by their dependencies)', () => {
    const two: Resources = { azapi_update_resource: {
      a: { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: '${azapi_resource.vault.id}', body: { properties: { publicNetworkAccess: 'Enabled' } } },
      b: { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: '${azapi_resource.vault.id}', body: { properties: { publicNetworkAccess: 'Disabled' } } },
    } };
    expect(found(stack({ extra: two }))).toEqual([['fail', 'azapi_resource.vault']]);
  });
  // A write that may not be sent at apply (31st run, A31b-1/A31b-2: count, for_each or OpenTofu's enabled known only later, an action
  // whose `when` is "destroy" or known only later) never hardens the vault; one that weakens it is judged all the same.
  const MAY_NOT: [string, string, object][] = [
    ['count = var.on ? 1 : 0', 'azapi_update_resource', { count: '${var.on ? 1 : 0}' }], ['count = var.n', 'azapi_update_resource', { count: '${var.n}' }],
    ['for_each = var.m', 'azapi_update_resource', { for_each: '${var.m}' }], ['lifecycle.enabled = var.on', 'azapi_update_resource', { lifecycle: { enabled: '${var.on}' } }],
    ['a PATCH action when = "destroy"', 'azapi_resource_action', { when: 'destroy' }], ['a PATCH action when = var.w', 'azapi_resource_action', { when: '${var.w}' }],
    ['a PATCH action of count = var.on ? 1 : 0', 'azapi_resource_action', { count: '${var.on ? 1 : 0}' }],
  ];
  const write = (block: string, properties: object, extra: object): Resources => ({ [block]: { w: { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: '${azapi_resource.vault.id}',
    body: { properties }, ...(block === 'azapi_resource_action' ? { method: 'PATCH' } : {}), ...extra } } });
  const PUBLIC = vaultWith({ publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Allow' } });
  const HARDEN = { publicNetworkAccess: 'Disabled', networkAcls: { defaultAction: 'Deny' } };
  test.each(MAY_NOT)('a write hardening a public vault with %s does not make it pass', (_name, block, extra) => {
    expect(found(stack({ vault: PUBLIC, extra: write(block, HARDEN, extra) }))).toEqual([['fail', 'azapi_resource.vault']]);
  });
  test.each(MAY_NOT)('a write opening the vault with %s is judged (it may be sent)', (_name, block, extra) => {
    expect(found(stack({ extra: write(block, { publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Allow' } }, extra) }))).toEqual([['fail', 'azapi_resource.vault']]);
  });
  test('a write that may not be sent, beside a sure one hardening the vault, is judged alone and with it', () => {
    const both = (extra: object): Resources => ({ azapi_update_resource: {
      a: { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: '${azapi_resource.vault.id}', body: { properties: HARDEN } },
      b: { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: '${azapi_resource.vault.id}', body: { properties: { enablePurgeProtection: false } }, ...extra },
    } });
    expect(found(stack({ vault: PUBLIC, extra: both({ count: '${var.on ? 1 : 0}' }) }))).toEqual([['fail', 'azapi_resource.vault']]);
    expect(found(stack({ vault: PUBLIC, extra: { azapi_update_resource: { a: both({}).azapi_update_resource.a } } }))).toEqual([]);
  });
  test.each<[string, string, object]>([
    ['no count', 'azapi_update_resource', {}], ['count = 1', 'azapi_update_resource', { count: 1 }], ['count = "${1}"', 'azapi_update_resource', { count: '${1}' }],
    ['for_each over a literal map', 'azapi_update_resource', { for_each: { a: 1 } }], ['lifecycle.enabled = true', 'azapi_update_resource', { lifecycle: { enabled: true } }],
    ['a PATCH action with no when', 'azapi_resource_action', {}], ['a PATCH action when = "apply"', 'azapi_resource_action', { when: 'apply' }],
  ])('controls: a write hardening a public vault with %s makes it pass', (_name, block, extra) => {
    expect(found(stack({ vault: PUBLIC, extra: write(block, HARDEN, extra) }))).toEqual([]);
  });
  test('an update by the vault\'s literal ID, and one clearing purge protection with a null, are merged', () => {
    const literal: Resources = { azapi_update_resource: { w: { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: `${SUB}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/KV-CMK`, body: { properties: { enablePurgeProtection: true } } } } };
    expect(found(stack({ vault: NO_PURGE, extra: literal }))).toEqual([]);
    expect(found(stack({ extra: update('Microsoft.KeyVault/vaults', 'vault', { properties: { EnablePurgeProtection: null } }) }))).toEqual([['fail', 'azapi_resource.vault']]);
  });
  test('a tag update leaves the good vault passing', () => {
    expect(found(stack({ extra: update('Microsoft.KeyVault/vaults', 'vault', { tags: { team: 'db' } }) }))).toEqual([]);
  });
});

describe('lookups of the stack\'s own vault and key by name', () => {
  test.each<[string, string, Resources]>([
    ['a key lookup in a vault lookup of the made azapi vault', '${data.azurerm_key_vault_key.cmk.versionless_id}',
      { azurerm_key_vault: { kv: { name: 'kv-cmk', resource_group_name: 'rg-keys' } }, azurerm_key_vault_key: { cmk: { name: 'cmk', key_vault_id: '${data.azurerm_key_vault.kv.id}' } } }],
    ['a key lookup in the made azapi vault', '${data.azurerm_key_vault_key.cmk.id}', { azurerm_key_vault_key: { cmk: { name: 'cmk', key_vault_id: '${azapi_resource.vault.id}' } } }],
    ['a vault lookup\'s URI and the key\'s name', '${data.azurerm_key_vault.kv.vault_uri}keys/cmk', { azurerm_key_vault: { kv: { name: 'kv-cmk', resource_group_name: 'rg-keys' } } }],
  ])('%s: the weak key and vault fail', (_name, pointer, data) => {
    expect(found(stack({ vault: NO_PURGE, key: keyWith({ keyOps: ['sign'] }), pointer, data }))).toEqual([['fail', 'azapi_resource.key'], ['fail', 'azapi_resource.vault']]);
  });
  test.each<[string, string, Resources]>([
    ['a data.azapi_resource of the key by parent and name', '${data.azapi_resource.cmk.output.properties.keyUriWithVersion}',
      { azapi_resource: { cmk: { type: 'Microsoft.KeyVault/vaults/keys@2023-07-01', parent_id: '${azapi_resource.vault.id}', name: 'cmk' } } }],
    ['a data.azapi_resource of the key by its ID', '${data.azapi_resource.cmk.output.properties.keyUri}',
      { azapi_resource: { cmk: { type: 'Microsoft.KeyVault/vaults/keys@2023-07-01', resource_id: '${azapi_resource.key.id}' } } }],
    ['a data.azapi_resource of the key by its literal ID', '${data.azapi_resource.cmk.output.properties.keyUri}',
      { azapi_resource: { cmk: { type: 'Microsoft.KeyVault/vaults/keys@2023-07-01', resource_id: `${SUB}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-cmk/keys/cmk` } } }],
    ['a data.azapi_resource of the vault, its URI and the key\'s name', '${data.azapi_resource.kv.output.properties.vaultUri}keys/cmk',
      { azapi_resource: { kv: { type: 'Microsoft.KeyVault/vaults@2023-07-01', parent_id: `${SUB}/resourceGroups/rg-keys`, name: 'kv-cmk' } } }],
  ])('%s: the weak key and vault fail', (_name, pointer, data) => {
    expect(found(stack({ vault: NO_PURGE, key: keyWith({ keyOps: ['sign'] }), pointer, data }))).toEqual([['fail', 'azapi_resource.key'], ['fail', 'azapi_resource.vault']]);
  });
  test('a lookup that reads itself (a malformed configuration) ends', () => {
    const data = { azapi_resource: { kv: { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: '${data.azapi_resource.kv.id}' } } };
    expect(judged(stack({ pointer: '${data.azapi_resource.kv.output.properties.vaultUri}keys/cmk', data }))).toEqual(['not-applicable']);
  });
  test('a vault lookup of another name is not the made vault', () => {
    const data = { azurerm_key_vault: { kv: { name: 'kv-other', resource_group_name: 'rg-keys' } }, azurerm_key_vault_key: { cmk: { name: 'cmk', key_vault_id: '${data.azurerm_key_vault.kv.id}' } } };
    expect(judged(stack({ vault: NO_PURGE, key: keyWith({ keyOps: ['sign'] }), pointer: '${data.azurerm_key_vault_key.cmk.versionless_id}', data }))).toEqual(['not-applicable']);
  });
  test('an azurerm vault and key the stack makes, looked up by name, are judged', () => {
    const resource: Resources = {
      azurerm_key_vault: { kv: { name: 'kv-cmk', resource_group_name: 'rg-keys', location: 'westeurope', tenant_id: 't', sku_name: 'premium', purge_protection_enabled: false, public_network_access_enabled: false } },
      azurerm_key_vault_key: { cmk: { name: 'cmk', key_vault_id: '${azurerm_key_vault.kv.id}', key_type: 'RSA', key_size: 3072, key_opts: ['sign'] } },
      [FLEXIBLE]: { db: compliantFlexibleServer({ identity: [{ type: 'UserAssigned', identity_ids: [IDENTITY] }],
        customer_managed_key: [{ key_vault_key_id: '${data.azurerm_key_vault_key.cmk.versionless_id}', primary_user_assigned_identity_id: IDENTITY }] }) },
    };
    const data = { azurerm_key_vault: { kv: { name: 'kv-cmk', resource_group_name: 'rg-keys' } }, azurerm_key_vault_key: { cmk: { name: 'cmk', key_vault_id: '${data.azurerm_key_vault.kv.id}' } } };
    expect(found({ resource, data })).toEqual([['fail', 'azurerm_key_vault_key.cmk'], ['fail', 'azurerm_key_vault.kv']]);
  });
});
