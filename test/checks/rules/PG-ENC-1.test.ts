import { evaluateStack } from '../../../lib/checks/evaluate';
import { rule } from '../../../lib/checks/rules/PG-ENC-1';
import { Verdict } from '../../../lib/checks/rule';
import { buildStackModel } from '../../../lib/checks/stack-model';
import { verdictsBeside } from '../beside-fixtures';
import { ALL_RULES } from '../../../lib/checks/rules';
import { compliantFlexibleServer, FLEXIBLE, Resources, SINGLE } from '../rule-harness';

// The customer-managed key and its vault as the stack makes them (twenty-third review, A23-2): the same weakenings an azapi
// update fails PG-CFG-8 with, written on the azurerm blocks themselves.

const IDENTITY = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-key';
const GOOD_VAULT = { name: 'kv-cmk', resource_group_name: 'rg-keys', location: 'westeurope', tenant_id: 't', sku_name: 'premium', purge_protection_enabled: true, public_network_access_enabled: false };
const GOOD_KEY = { name: 'cmk', key_vault_id: '${azurerm_key_vault.kv.id}', key_type: 'RSA', key_size: 3072, key_opts: ['wrapKey', 'unwrapKey'] };

/** A Flexible Server encrypted with azurerm_key_vault_key.cmk (the key's attribute `pointer`) of azurerm_key_vault.kv. */
function withKey(key: object = {}, vault: object = {}, pointer = 'versionless_id'): Resources {
  return {
    azurerm_key_vault: { kv: { ...GOOD_VAULT, ...vault } },
    azurerm_key_vault_key: { cmk: { ...GOOD_KEY, ...key } },
    [FLEXIBLE]: { db: compliantFlexibleServer({ identity: [{ type: 'UserAssigned', identity_ids: [IDENTITY] }],
      customer_managed_key: [{ key_vault_key_id: `\${azurerm_key_vault_key.cmk.${pointer}}`, primary_user_assigned_identity_id: IDENTITY }] }) },
  };
}
const failing = (resources: Resources): Verdict[] => verdictsBeside(rule, resources).filter((verdict) => verdict.status !== 'pass');
const YEAR = 365 * 24 * 3600 * 1000;
const date = (offset: number) => new Date(Date.now() + offset).toISOString();

test('passes a key that can wrap and unwrap, in a vault with purge protection closed to public networks', () => {
  expect(verdictsBeside(rule, withKey())).toEqual([{ status: 'pass' }, { status: 'pass' }]);
});

test.each(['id', 'versionless_id', 'resource_id', 'resource_versionless_id'])('finds the key by its %s', (pointer) => {
  expect(failing(withKey({ key_opts: ['sign'] }, {}, pointer))).toEqual([expect.objectContaining({ status: 'fail', address: 'azurerm_key_vault_key.cmk' })]);
});

test.each<[string, object, RegExp]>([
  ['key_opts without wrapKey and unwrapKey', { key_opts: ['sign', 'verify'] }, /lacks wrapKey and unwrapKey in key_opts \["sign","verify"\]/],
  ['key_opts without unwrapKey', { key_opts: ['wrapKey', 'encrypt'] }, /lacks unwrapKey in key_opts/],
  ['an expiration_date in the past', { expiration_date: '2020-01-01T00:00:00Z' }, /expired on 2020-01-01T00:00:00Z/],
  ['a not_before_date in the future', { not_before_date: date(YEAR) }, /is not valid before/],
  ['an expiration_date that is no date', { expiration_date: 'soon' }, /expiration_date "soon" is not a date/],
])('fails a key with %s', (_name, key, message) => {
  expect(failing(withKey(key))).toEqual([{ status: 'fail', message: expect.stringMatching(message), address: 'azurerm_key_vault_key.cmk' }]);
});

test('passes a key with an expiration_date in the future and a not_before_date in the past', () => {
  expect(failing(withKey({ expiration_date: date(YEAR), not_before_date: '2020-01-01T00:00:00Z' }))).toEqual([]);
});

test.each<[string, object, RegExp]>([
  ['without purge protection', { purge_protection_enabled: undefined }, /has no purge protection \(purge_protection_enabled null\)/],
  ['with purge protection "false"', { purge_protection_enabled: 'false' }, /has no purge protection/],
  ['open to every network by default', { public_network_access_enabled: undefined }, /is open to every network \(public_network_access_enabled true, network_acls default_action "Allow"\)/],
  ['open with network_acls Allow', { public_network_access_enabled: true, network_acls: [{ bypass: 'AzureServices', default_action: 'Allow' }] }, /default_action "Allow"/],
])('fails the key\'s vault %s', (_name, vault, message) => {
  expect(failing(withKey({}, vault))).toEqual([{ status: 'fail', message: expect.stringMatching(message), address: 'azurerm_key_vault.kv' }]);
});

test('passes a vault that is public but denies by default (its network_acls)', () => {
  expect(failing(withKey({}, { public_network_access_enabled: true, network_acls: [{ bypass: 'AzureServices', default_action: 'Deny' }] }))).toEqual([]);
});

test.each<[string, object, object]>([
  ['key_opts', { key_opts: '${var.ops}' }, {}],
  ['one key operation', { key_opts: ['wrapKey', '${var.op}'] }, {}],
  ['expiration_date', { expiration_date: '${var.expiry}' }, {}],
  ['not_before_date', { not_before_date: '${var.start}' }, {}],
  ['purge protection', {}, { purge_protection_enabled: '${var.purge}' }],
  ['public network access', {}, { public_network_access_enabled: '${var.public}' }],
  ['network_acls', {}, { public_network_access_enabled: true, network_acls: '${var.acls}' }],
  ['a dynamic network_acls', {}, { public_network_access_enabled: true, dynamic: { network_acls: { for_each: '${var.acls}', content: { default_action: 'Deny', bypass: 'None' } } } }],
  ['the default action', {}, { public_network_access_enabled: true, network_acls: [{ bypass: 'None', default_action: '${var.action}' }] }],
])('does not pass %s known only at apply time unread', (_name, key, vault) => {
  expect(failing(withKey(key, vault))).toEqual([expect.objectContaining({ status: 'unknown' })]);
});

test('does not judge a key or vault the stack only looks up or is given by URL (PG-CFG-8 judges writes on those)', () => {
  const lookedUp = withKey();
  delete lookedUp.azurerm_key_vault;
  delete lookedUp.azurerm_key_vault_key;
  (lookedUp[FLEXIBLE].db.customer_managed_key as { key_vault_key_id: string }[])[0].key_vault_key_id = 'https://kv-cmk.vault.azure.net/keys/cmk';
  expect(verdictsBeside(rule, lookedUp)).toEqual([{ status: 'not-applicable', note: expect.stringMatching(/makes no customer-managed key/) }]);
});

test('judges the geo-backup key and a Single Server\'s server key too', () => {
  const geo = withKey();
  geo.azurerm_key_vault_key.geo = { ...GOOD_KEY, key_opts: ['sign'] };
  (geo[FLEXIBLE].db.customer_managed_key as object[])[0] = { ...(geo[FLEXIBLE].db.customer_managed_key as object[])[0], geo_backup_key_vault_key_id: '${azurerm_key_vault_key.geo.id}' };
  expect(failing(geo).map((verdict) => 'address' in verdict && verdict.address)).toEqual(['azurerm_key_vault_key.geo']);
  const single: Resources = {
    azurerm_key_vault: { kv: { ...GOOD_VAULT, purge_protection_enabled: false } },
    azurerm_key_vault_key: { cmk: GOOD_KEY },
    [SINGLE]: { db: { name: 'orders-db', resource_group_name: 'rg-orders', location: 'westeurope', sku_name: 'GP_Gen5_2', version: '11', ssl_enforcement_enabled: true } },
    azurerm_postgresql_server_key: { k: { server_id: `\${${SINGLE}.db.id}`, key_vault_key_id: '${azurerm_key_vault_key.cmk.id}' } },
  };
  expect(verdictsBeside(rule, single, [], `${SINGLE}.db`).filter((verdict) => verdict.status !== 'pass')).toEqual([expect.objectContaining({ status: 'fail', address: 'azurerm_key_vault.kv' })]);
});

test('fails synth-level evaluation as an error, on a raw server too', () => {
  const findings = evaluateStack({ resource: withKey({ key_opts: ['sign'] }) }, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PG-ENC-1' && finding.status === 'fail');
  expect(findings.map((finding) => [finding.severity, finding.address])).toEqual([['error', 'azurerm_key_vault_key.cmk']]);
});

// Twenty-fifth review, A25a-4: a pointer that is an expression over the stack's key (a function, a conditional, an instance of a
// `count`) reached no key block, so an expired key passed. An expression reaches every key it reads, and the vault it reads with
// the keys of it (those of the name its literal end spells).
describe('a pointer that is an expression over the stack\'s keys or vault', () => {
  const withPointer = (pointer: string, key: object = {}, extra: Resources = {}): Resources => {
    const resources = withKey(key);
    (resources[FLEXIBLE].db.customer_managed_key as { key_vault_key_id: string }[])[0].key_vault_key_id = pointer;
    return { ...resources, ...extra, azurerm_key_vault_key: { ...resources.azurerm_key_vault_key, ...extra.azurerm_key_vault_key } };
  };
  const expired = { expiration_date: '2020-01-01T00:00:00Z' };
  const failed = (resources: Resources) => failing(resources).map((verdict) => [verdict.status, 'address' in verdict ? verdict.address : undefined]);
  test.each([
    ['trimspace', '${trimspace(azurerm_key_vault_key.cmk.versionless_id)}'],
    ['replace', '${replace(azurerm_key_vault_key.cmk.id, "/[0-9a-f]{32}$/", "")}'],
    ['a conditional of two keys', '${var.geo ? azurerm_key_vault_key.other.id : azurerm_key_vault_key.cmk.id}'],
    ['an instance of a count', '${azurerm_key_vault_key.cmk[0].versionless_id}'],
    ['a splat', '${one(azurerm_key_vault_key.cmk[*].versionless_id)}'],
    ['a template of the vault\'s URI and the key\'s name', '${azurerm_key_vault.kv.vault_uri}keys/${azurerm_key_vault_key.cmk.name}'],
    ['a template of the vault\'s URI and a literal name', '${azurerm_key_vault.kv.vault_uri}keys/cmk'],
    ['a format of the vault\'s URI', '${format("%skeys/%s", azurerm_key_vault.kv.vault_uri, var.key)}'],
  ])('an expired key given by %s fails', (_name, pointer) => {
    expect(failed(withPointer(pointer, expired))).toContainEqual(['fail', 'azurerm_key_vault_key.cmk']);
  });
  test('the vault an expression reads is judged too', () => {
    expect(failed(withPointer('${trimspace(azurerm_key_vault_key.cmk.versionless_id)}', {}, { azurerm_key_vault: { kv: { ...GOOD_VAULT, purge_protection_enabled: false } } }))).toEqual([['fail', 'azurerm_key_vault.kv']]);
  });
  test('controls: the good key by any expression passes; another key of the vault, not read and not of the spelt name, is not judged', () => {
    const other = { azurerm_key_vault_key: { other: { ...GOOD_KEY, name: 'signing', key_opts: ['sign', 'verify'] } } };
    expect(failed(withPointer('${trimspace(azurerm_key_vault_key.cmk.versionless_id)}', {}, other))).toEqual([]);
    expect(failed(withPointer('${azurerm_key_vault.kv.vault_uri}keys/cmk', {}, other))).toEqual([]);
  });
  test('decided: a key given by a variable (no reference) is not the stack\'s key: the stack\'s weak keys are not judged as it', () => {
    expect(verdictsBeside(rule, withPointer('${var.key_id}', expired))).toEqual([{ status: 'not-applicable', note: expect.stringMatching(/makes no customer-managed key/) }]);
  });
});

// Twenty-fifth review, A25a-5: a public vault that denies by default admits what its ip_rules list; rules that admit more than a
// /24 of public addresses together (the breadth the construct's firewall refuses) open it as Allow does.
describe('a public vault that denies by default, by its ip_rules', () => {
  const acls = (ip_rules: unknown) => ({ public_network_access_enabled: true, network_acls: [{ bypass: 'None', default_action: 'Deny', ip_rules }] });
  test.each([
    [['0.0.0.0/0']], [['0.0.0.0/1', '128.0.0.0/1']], [['20.0.0.0/16']], [['20.1.1.0/24', '20.1.2.0/24']], [['20.1.1.0/24', '20.1.2.1']], [['*']],
  ])('ip_rules %j fail', (rules) => {
    expect(failing(withKey({}, acls(rules)))).toEqual([{ status: 'fail', message: expect.stringMatching(/public addresses together/), address: 'azurerm_key_vault.kv' }]);
  });
  test.each([
    [[]], [['20.1.1.1/32']], [['20.1.1.1']], [['20.1.1.0/24']], [['10.0.0.0/8', '192.168.0.0/16']],
  ])('ip_rules %j pass', (rules) => {
    expect(failing(withKey({}, acls(rules)))).toEqual([]);
  });
  test.each([
    ['the list', '${var.ip_rules}'], ['one rule', ['20.1.1.1', '${var.office}']], ['a rule that is no address or range', ['20.1.1.0/33']], ['a rule that is no text', [42]],
  ])('%s known only at apply time, or unreadable, fails closed', (_name, rules) => {
    expect(failing(withKey({}, acls(rules)))).toEqual([expect.objectContaining({ status: 'unknown', address: 'azurerm_key_vault.kv' })]);
  });
  test('a private vault is not read by its rules', () => {
    expect(failing(withKey({}, { ...acls(['0.0.0.0/0']), public_network_access_enabled: false }))).toEqual([]);
  });
});

// A key the stack makes, named by its names rather than a reference (A25a-4, the next variation): a URL of it, a lookup of it.
describe('the stack\'s key and vault named by their names', () => {
  const byUrl = (url: string, key: object = {}, vault: object = {}): Resources => {
    const resources = withKey(key, vault);
    (resources[FLEXIBLE].db.customer_managed_key as { key_vault_key_id: string }[])[0].key_vault_key_id = url;
    return resources;
  };
  const failed = (resources: Resources) => failing(resources).map((verdict) => [verdict.status, 'address' in verdict ? verdict.address : undefined]);
  test.each(['https://kv-cmk.vault.azure.net/keys/cmk', 'https://KV-CMK.vault.azure.net:443/keys/CMK/0123456789abcdef0123456789abcdef/'])('a URL %j of the expired key the stack makes, in a vault without purge protection, fails both', (url) => {
    expect(failed(byUrl(url, { expiration_date: '2020-01-01T00:00:00Z' }, { purge_protection_enabled: false }))).toEqual([['fail', 'azurerm_key_vault_key.cmk'], ['fail', 'azurerm_key_vault.kv']]);
  });
  test('a URL of another key of the vault judges the vault, not that key; one of another vault judges neither; the good key passes', () => {
    expect(failed(byUrl('https://kv-cmk.vault.azure.net/keys/other', { expiration_date: '2020-01-01T00:00:00Z' }, { purge_protection_enabled: false }))).toEqual([['fail', 'azurerm_key_vault.kv']]);
    expect(verdictsBeside(rule, byUrl('https://kv-app.vault.azure.net/keys/cmk', { expiration_date: '2020-01-01T00:00:00Z' }))).toEqual([{ status: 'not-applicable', note: expect.any(String) }]);
    expect(failed(byUrl('https://kv-cmk.vault.azure.net/keys/cmk'))).toEqual([]);
  });
  test('a key lookup by name in the vault the stack makes is the key the stack makes', () => {
    const resources = byUrl('${data.azurerm_key_vault_key.cmk.versionless_id}', { key_opts: ['sign'] });
    const model = buildStackModel({ resource: resources, data: { azurerm_key_vault_key: { cmk: { name: 'cmk', key_vault_id: '${azurerm_key_vault.kv.id}' } } } });
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups });
    expect((Array.isArray(result) ? result : [result]).filter((verdict) => verdict.status === 'fail').map((verdict) => 'address' in verdict && verdict.address)).toEqual(['azurerm_key_vault_key.cmk']);
  });
});
