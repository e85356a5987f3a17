import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { rule as encRule } from '../../lib/checks/rules/PG-ENC-1';
import { rule as iamRule } from '../../lib/checks/rules/PG-IAM-2';
import { rule as netRule } from '../../lib/checks/rules/PG-CFG-8';
import { Rule, Verdict } from '../../lib/checks/rule';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt, verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// A customer-managed key in a Managed HSM (azurerm 4.55 takes its URL for a Flexible Server; Microsoft Learn, "Data encryption
// at rest in Azure Database for PostgreSQL": keys "must be stored in Azure Key Vault or Azure Key Vault Managed HSM"): the HSM the
// stack makes is read as a vault is where the same control applies (PG-ENC-1), its local role assignments as a vault's access
// policies (PG-IAM-2), and writes on it or its key as writes on a vault (PG-CFG-8). Before, every one of them passed silently.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const IDENTITY = `${SUB}/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-key`;
const HSM_ID = `${SUB}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/managedHSMs/hsm-cmk`;
const HSM = 'azurerm_key_vault_managed_hardware_security_module';
const HSM_KEY = `${HSM}_key`;
const LOCAL_ROLE = `${HSM}_role_assignment`;
const GOOD_HSM = { name: 'hsm-cmk', resource_group_name: 'rg-keys', location: 'westeurope', sku_name: 'Standard_B1', tenant_id: 't', admin_object_ids: ['a'], purge_protection_enabled: true, public_network_access_enabled: false };
const GOOD_KEY = { name: 'cmk', managed_hsm_id: `\${${HSM}.hsm.id}`, key_type: 'RSA-HSM', key_size: 3072, key_opts: ['wrapKey', 'unwrapKey'] };

/** A Flexible Server (a construct's, when `beside`) encrypted with the HSM key cmk (by `pointer`) of the HSM hsm, and `extra`. */
function withHsmKey(key: object = {}, hsm: object = {}, pointer = `\${${HSM_KEY}.cmk.versioned_id}`, extra: Resources = {}, beside = false): Resources {
  return {
    ...extra,
    [HSM]: { hsm: { ...GOOD_HSM, ...hsm }, other: { ...GOOD_HSM, name: 'hsm-app' }, ...(extra[HSM] ?? {}) },
    [HSM_KEY]: { cmk: { ...GOOD_KEY, ...key } },
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({ identity: [{ type: 'UserAssigned', identity_ids: [IDENTITY] }],
      customer_managed_key: [{ key_vault_key_id: pointer, primary_user_assigned_identity_id: IDENTITY }] }), ...(beside ? madeAt(`${CONSTRUCT}/Server`) : {}) } },
  };
}
/** A rule's verdicts on the server db of the resources and data blocks, other than pass and not-applicable. */
function notPassing(rule: Rule, resources: Resources, constructs: readonly string[] = [], data: Resources = {}): Verdict[] {
  const model = buildStackModel({ resource: resources, data });
  const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs });
  return (Array.isArray(result) ? result : [result as Verdict]).filter((verdict) => verdict.status !== 'pass' && verdict.status !== 'not-applicable');
}
const at = (verdicts: readonly Verdict[]): [string, string | undefined][] => verdicts.map((verdict) => [verdict.status, 'address' in verdict ? verdict.address : undefined]);
const YEAR = 365 * 24 * 3600 * 1000;

describe('PG-ENC-1 judges the Managed HSM key and the HSM the stack makes', () => {
  test('passes a key that wraps and unwraps, in an HSM with purge protection and no public access', () => {
    expect(verdictsBeside(encRule, withHsmKey())).toEqual([{ status: 'pass' }, { status: 'pass' }]);
  });

  test.each(['id', 'versioned_id'])('finds the key by its %s (the geo-backup key too)', (attribute) => {
    expect(at(notPassing(encRule, withHsmKey({ key_opts: ['sign'] }, {}, `\${${HSM_KEY}.cmk.${attribute}}`)))).toEqual([['fail', `${HSM_KEY}.cmk`]]);
    const geo = withHsmKey();
    geo[HSM_KEY].geo = { ...GOOD_KEY, name: 'geo', expiration_date: '2020-01-01T00:00:00Z' };
    (geo[FLEXIBLE].db.customer_managed_key as object[])[0] = { ...(geo[FLEXIBLE].db.customer_managed_key as object[])[0], geo_backup_key_vault_key_id: `\${${HSM_KEY}.geo.${attribute}}` };
    expect(at(notPassing(encRule, geo))).toEqual([['fail', `${HSM_KEY}.geo`]]);
  });

  test.each<[string, object, RegExp]>([
    ['key_opts without wrapKey and unwrapKey', { key_opts: ['sign', 'verify'] }, /lacks wrapKey and unwrapKey/],
    ['an expiration_date in the past', { expiration_date: '2020-01-01T00:00:00Z' }, /expired on 2020-01-01/],
    ['a not_before_date in the future', { not_before_date: new Date(Date.now() + YEAR).toISOString() }, /is not valid before/],
  ])('fails a key with %s', (_name, key, message) => {
    expect(notPassing(encRule, withHsmKey(key))).toEqual([{ status: 'fail', message: expect.stringMatching(message), address: `${HSM_KEY}.cmk` }]);
  });

  test.each<[string, object, RegExp]>([
    ['without purge protection', { purge_protection_enabled: undefined }, /the Managed HSM of the server's customer-managed key, has no purge protection/],
    ['with purge protection off', { purge_protection_enabled: false }, /has no purge protection \(purge_protection_enabled false\)/],
    ['open to every network by default', { public_network_access_enabled: undefined }, /is open to every network/],
    ['open with network_acls Allow', { public_network_access_enabled: true, network_acls: [{ bypass: 'AzureServices', default_action: 'Allow' }] }, /default_action "Allow"/],
  ])('fails the HSM %s', (_name, hsm, message) => {
    expect(notPassing(encRule, withHsmKey({}, hsm))).toEqual([{ status: 'fail', message: expect.stringMatching(message), address: `${HSM}.hsm` }]);
  });

  test('passes an HSM that is public but denies by default, and one with the shortest soft-delete retention (purge protection on)', () => {
    expect(notPassing(encRule, withHsmKey({}, { public_network_access_enabled: true, network_acls: [{ bypass: 'AzureServices', default_action: 'Deny' }] }))).toEqual([]);
    expect(notPassing(encRule, withHsmKey({}, { soft_delete_retention_days: 7 }))).toEqual([]);
  });

  test.each<[string, object, object]>([
    ['key_opts', { key_opts: '${var.ops}' }, {}],
    ['expiration_date', { expiration_date: '${var.expiry}' }, {}],
    ['purge protection', {}, { purge_protection_enabled: '${var.purge}' }],
    ['public network access', {}, { public_network_access_enabled: '${var.public}' }],
  ])('does not pass %s known only at apply time unread', (_name, key, hsm) => {
    expect(at(notPassing(encRule, withHsmKey(key, hsm)))).toEqual([['unknown', expect.stringMatching(/cmk|hsm/)]]);
  });

  describe('an HSM made by azapi_resource, read from its body', () => {
    const azapiHsm = (body: unknown): Resources => {
      const resources = withHsmKey({ managed_hsm_id: '${azapi_resource.hsm.id}' });
      delete (resources[HSM] as { hsm?: unknown }).hsm;
      return { ...resources, azapi_resource: { hsm: { type: 'Microsoft.KeyVault/managedHSMs@2023-07-01', parent_id: `${SUB}/resourceGroups/rg-keys`, name: 'hsm-cmk', location: 'westeurope', body } } };
    };
    const base = { sku: { family: 'B', name: 'Standard_B1' }, properties: { tenantId: 't', initialAdminObjectIds: ['a'] } };
    test.each<[string, unknown, string]>([
      ['without purge protection', base, 'fail'],
      ['purge protection on, public access left at Enabled', { ...base, properties: { ...base.properties, enablePurgeProtection: true } }, 'fail'],
      ['purge protection on, public access disabled (any case)', { sku: base.sku, Properties: { ...base.properties, EnablePurgeProtection: true, publicNetworkAccess: 'disabled' } }, 'pass'],
      ['purge protection on, network ACLs Deny', { ...base, properties: { ...base.properties, enablePurgeProtection: true, networkAcls: { defaultAction: 'Deny', bypass: 'None' } } }, 'pass'],
      // Merged with A25a-5: a Deny whose ip rules admit more than a /24 of public addresses is open; an operator's /32 is not.
      ['network ACLs Deny with ipRules of half the Internet each', { ...base, properties: { ...base.properties, enablePurgeProtection: true, networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '0.0.0.0/1' }, { Value: '128.0.0.0/1' }] } } }, 'fail'],
      ['network ACLs Deny with one /32 ipRule', { ...base, properties: { ...base.properties, enablePurgeProtection: true, networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '203.0.113.7/32' }] } } }, 'pass'],
      ['network ACLs Deny with ipRules known only at apply time', { ...base, properties: { ...base.properties, enablePurgeProtection: true, networkAcls: { defaultAction: 'Deny', ipRules: '${var.rules}' } } }, 'unknown'],
      ['a body known only at apply time', '${var.body}', 'unknown'],
      ['properties spelt twice, in two cases', { ...base, Properties: { enablePurgeProtection: true, publicNetworkAccess: 'Disabled' } }, 'unknown'],
    ])('%s: %s', (_name, body, status) => {
      const verdicts = verdictsBeside(encRule, azapiHsm(body)).filter((verdict) => 'address' in verdict && verdict.address === 'azapi_resource.hsm');
      expect(verdicts.map((verdict) => verdict.status)).toEqual(status === 'pass' ? [] : [status]);
      expect(verdictsBeside(encRule, azapiHsm(body)).length).toBe(2);
    });
  });

  test('does not judge an HSM key given by a variable, or by the URL of another HSM (PG-CFG-8 and PG-IAM-2 judge what is written on it)', () => {
    for (const pointer of ['https://hsm-other.managedhsm.azure.net/keys/cmk', '${var.key_id}']) {
      const given = withHsmKey({ key_opts: ['sign'] }, { purge_protection_enabled: false }, pointer);
      expect(verdictsBeside(encRule, given)).toEqual([{ status: 'not-applicable', note: expect.stringMatching(/makes no customer-managed key, Key Vault or Managed HSM/) }]);
    }
  });

  // Thirty-sixth stop: a URL that names the HSM the stack makes (and its key) names those blocks, as a Key Vault's URL does (A25a-4).
  test('judges the HSM and key the stack makes when the server names them by their URL', () => {
    const given = withHsmKey({ key_opts: ['sign'] }, { purge_protection_enabled: false }, 'https://HSM-CMK.managedhsm.azure.net/keys/cmk');
    expect(notPassing(encRule, given).map((verdict) => [verdict.status, 'address' in verdict ? verdict.address : undefined])).toEqual([['fail', 'azurerm_key_vault_managed_hardware_security_module_key.cmk'], ['fail', `${HSM}.hsm`]]);
    expect(notPassing(encRule, withHsmKey({}, {}, 'https://hsm-cmk.managedhsm.azure.net/keys/cmk'))).toEqual([]);
  });

  test('fails synth-level evaluation as an error, on a raw server', () => {
    const findings = evaluateStack({ resource: withHsmKey({}, { purge_protection_enabled: false }) }, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PG-ENC-1' && finding.status === 'fail');
    expect(findings.map((finding) => [finding.severity, finding.address])).toEqual([['error', `${HSM}.hsm`]]);
  });
});

describe('PG-IAM-2 judges the HSM\'s local role assignments and Azure roles on it, beside a construct', () => {
  const ROLE = (id: string) => `/providers/Microsoft.Authorization/roleDefinitions/${id}`;
  const OFFICER = '515eb02d-2335-4d2d-92f2-b1cbdf9c3778';
  const local = (config: object): Resources => ({ [LOCAL_ROLE]: { r: { managed_hsm_id: `\${${HSM}.hsm.id}`, name: 'b1a2c3d4-0000-0000-0000-000000000000', scope: '/', role_definition_id: ROLE(OFFICER), principal_id: 'p', ...config } } });
  const LOOKUPS: Resources = { [`${HSM}_role_definition`]: { officer: { managed_hsm_id: `\${${HSM}.hsm.id}`, name: OFFICER }, later: { managed_hsm_id: `\${${HSM}.hsm.id}`, name: '${var.role_id}' } } };
  const iam = (extra: Resources, pointer?: string): [string, string | undefined][] => at(notPassing(iamRule, withHsmKey({}, {}, pointer, extra, true), [CONSTRUCT], LOOKUPS));
  const R = `${LOCAL_ROLE}.r`;

  test.each<[string, object]>([
    ['Crypto Officer (purges keys, manages roles) on the whole HSM', {}],
    ['Crypto User (deletes, rotates keys) on every key', { scope: '/keys', role_definition_id: ROLE('21dbd100-6940-42c2-9190-5d6cb909625b') }],
    ['Administrator (role management) on the key, upper case', { scope: '/keys/CMK', role_definition_id: ROLE('A290E904-7015-4BBA-90C8-60543313CDB4') }],
    ['Policy Administrator (grants roles)', { role_definition_id: ROLE('4bd23610-cdcf-4971-bdee-bdc562cc28e4') }],
    ['a role no table knows', { role_definition_id: ROLE('00000000-1111-2222-3333-444444444444') }],
    ['Crypto Officer by its role definition lookup', { role_definition_id: `\${data.${HSM}_role_definition.officer.resource_manager_id}` }],
    ['a custom role that deletes keys', { role_definition_id: `\${${HSM}_role_definition.custom.resource_manager_id}` }],
  ])('fails %s', (_name, config) => {
    const roles: Resources = { [`${HSM}_role_definition`]: { custom: { name: 'c', managed_hsm_id: `\${${HSM}.hsm.id}`, role_name: 'keys', permission: [{ data_actions: ['Microsoft.KeyVault/managedHsm/keys/read/action', 'Microsoft.KeyVault/managedHsm/keys/delete'] }] } } };
    expect(iam({ ...local(config), ...roles })).toEqual([['fail', R]]);
  });

  test.each<[string, object]>([
    ['Crypto Service Encryption User (the server identity\'s own need) on the key', { scope: '/keys/cmk', role_definition_id: ROLE('33413926-3206-4cdd-b39a-83574fe37a17') }],
    ['Crypto Auditor on the whole HSM', { role_definition_id: ROLE('2c18b078-7c48-4d3a-af88-5a3a1b3f82b3') }],
    ['Crypto Officer on another key', { scope: '/keys/other' }],
    ['Crypto Officer on another HSM', { managed_hsm_id: `\${${HSM}.other.id}` }],
    ['a custom role that only wraps and unwraps', { role_definition_id: `\${${HSM}_role_definition.custom.resource_manager_id}` }],
  ])('passes %s', (_name, config) => {
    const roles: Resources = { [`${HSM}_role_definition`]: { custom: { name: 'c', managed_hsm_id: `\${${HSM}.hsm.id}`, role_name: 'use', permission: [{ data_actions: ['Microsoft.KeyVault/managedHsm/keys/wrap/action', 'Microsoft.KeyVault/managedHsm/keys/unwrap/action'] }] } } };
    expect(iam({ ...local(config), ...roles })).toEqual([]);
  });

  test.each<[string, object]>([
    ['a role known only at apply time', { role_definition_id: '${var.role}' }],
    ['a scope known only at apply time', { scope: '${var.scope}' }],
    ['a custom role whose data actions are known only at apply time', { role_definition_id: `\${${HSM}_role_definition.custom.resource_manager_id}` }],
    ['a role lookup whose name is known only at apply time', { role_definition_id: `\${data.${HSM}_role_definition.later.resource_manager_id}` }],
  ])('fails closed on %s', (_name, config) => {
    const roles: Resources = { [`${HSM}_role_definition`]: { custom: { name: 'c', managed_hsm_id: `\${${HSM}.hsm.id}`, role_name: 'later', permission: [{ data_actions: '${var.actions}' }] } } };
    expect(iam({ ...local(config), ...roles })).toEqual([['unknown', R]]);
  });

  test.each([
    ['the key\'s URL', 'https://hsm-cmk.managedhsm.azure.net/keys/cmk', 'fail'],
    ['the key\'s URL, another key of the HSM', 'https://hsm-cmk.managedhsm.azure.net/keys/other', 'pass'],
    ['a variable (any key of any HSM), on an HSM the stack looks up', '${var.key_id}', 'fail'],
  ])('reads the key given by %s', (_name, pointer, status) => {
    const lookedUp: Resources = { [LOCAL_ROLE]: { r: { managed_hsm_id: HSM_ID, name: 'n', scope: '/keys/cmk', role_definition_id: ROLE(OFFICER), principal_id: 'p' } } };
    expect(iam(lookedUp, pointer)).toEqual(status === 'pass' ? [] : [[status, R]]);
  });

  test.each<[string, object, string[]]>([
    ['Managed HSM contributor (deletes and purges the HSM) on the HSM', { scope: `\${${HSM}.hsm.id}`, role_definition_name: 'Managed HSM contributor' }, ['azurerm_role_assignment.a']],
    ['Contributor on the HSM by its literal ID', { scope: HSM_ID, role_definition_name: 'Contributor' }, ['azurerm_role_assignment.a']],
    ['Reader on the HSM', { scope: `\${${HSM}.hsm.id}`, role_definition_name: 'Reader' }, []],
    ['Managed HSM contributor on another HSM', { scope: `\${${HSM}.other.id}`, role_definition_name: 'Managed HSM contributor' }, []],
  ])('an Azure role: %s', (_name, config, failing) => {
    expect(iam({ azurerm_role_assignment: { a: { principal_id: 'p', ...config } } }).map(([, address]) => address)).toEqual(failing);
  });
});

describe('PG-CFG-8 judges writes placed on the HSM or its key, beside a construct', () => {
  const TYPE = 'Microsoft.KeyVault/managedHSMs@2023-07-01';
  const net = (extra: Resources, pointer?: string): (string | undefined)[] => at(notPassing(netRule, withHsmKey({}, {}, pointer, extra, true), [CONSTRUCT])).map(([, address]) => address);

  test.each<[string, unknown, string[]]>([
    ['opening public access', { properties: { publicNetworkAccess: 'Enabled' } }, ['azapi_update_resource.w']],
    ['opening the network ACLs', { properties: { networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' } } }, ['azapi_update_resource.w']],
    ['turning purge protection on (hardens)', { properties: { enablePurgeProtection: true } }, []],
  ])('an azapi update of the HSM %s', (_name, body, failing) => {
    expect(net({ azapi_update_resource: { w: { type: TYPE, resource_id: `\${${HSM}.hsm.id}`, body } } })).toEqual(failing);
    expect(net({ azapi_update_resource: { w: { type: TYPE, resource_id: `\${${HSM}.other.id}`, body } } })).toEqual([]);
  });

  test('an azapi update of any HSM, when the key is given by a variable', () => {
    expect(net({ azapi_update_resource: { w: { type: TYPE, resource_id: HSM_ID, body: { properties: { publicNetworkAccess: 'Enabled' } } } } }, '${var.key_id}')).toEqual(['azapi_update_resource.w']);
  });

  test('an azapi update of the key itself (disabling it)', () => {
    expect(net({ azapi_update_resource: { w: { type: `${TYPE.replace('@', '/keys@')}`, resource_id: `${HSM_ID}/keys/cmk`, body: { properties: { attributes: { enabled: false } } } } } })).toEqual(['azapi_update_resource.w']);
    expect(net({ azapi_update_resource: { w: { type: `${TYPE.replace('@', '/keys@')}`, resource_id: `${HSM_ID}/keys/other`, body: { properties: { attributes: { enabled: false } } } } } })).toEqual([]);
  });
});

describe('PG-CFG-8 judges a Managed HSM key rotation policy on the server\'s key as a write on it (its expiry, its versions)', () => {
  const ROTATION = `${HSM_KEY}_rotation_policy`;
  const rotation = (key: string): Resources => ({ [ROTATION]: { r: { managed_hsm_key_id: key, time_before_expiry: 'P30D', expire_after: 'P60D' } } });
  test.each([`\${${HSM_KEY}.cmk.id}`, `\${${HSM_KEY}.cmk.versioned_id}`])('fails on the key, by %s', (key) => {
    expect(at(notPassing(netRule, withHsmKey({}, {}, undefined, rotation(key), true), [CONSTRUCT])).map(([, address]) => address)).toEqual([`${ROTATION}.r`]);
  });
  test('passes on another key of the HSM', () => {
    const other: Resources = { ...rotation(`\${${HSM_KEY}.other.id}`) };
    const resources = withHsmKey({}, {}, undefined, other, true);
    resources[HSM_KEY].other = { ...GOOD_KEY, name: 'other' };
    expect(notPassing(netRule, resources, [CONSTRUCT])).toEqual([]);
  });
});
