import { evaluateStack } from '../../lib/checks/evaluate';
import { rule } from '../../lib/checks/rules/PG-IAM-2';
import { rule as credentialRule } from '../../lib/checks/rules/PG-IAM-3';
import { CONSTRUCTS_KEY, MADE_KEY } from '../../lib/checks/suppressions';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

// 92nd run, A92c-4: a managed identity's Entra name is its resource name, so a user-assigned identity of the name of a server's
// Entra administrator given as a service principal may be that administrator: a workload that attaches it signs in as it.

const ADMIN_OBJECT_ID = '77777777-0000-0000-0000-000000000007';
const IDENTITY_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ops/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pg-admin';
const ADMIN = 'azurerm_postgresql_flexible_server_active_directory_administrator';

/** PG-IAM-2's findings other than pass, as [status, address], for a construct's server with an administrator and the sections given. */
function findings(administrator: object, sections: { data?: object; resource?: object; variable?: object; import?: object[] }, rules = [rule]): string[][] {
  const terraform = {
    variable: { sub: {}, admin_name: {}, admin_type: {}, ...sections.variable },
    ...(sections.data === undefined ? {} : { data: sections.data }),
    ...(sections.import === undefined ? {} : { import: sections.import }),
    resource: {
      ...sections.resource,
      [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders' }), ...madeAt(`${CONSTRUCT}/Server`) } },
      [ADMIN]: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg-orders', tenant_id: 't', object_id: ADMIN_OBJECT_ID, principal_name: 'id-pg-admin', principal_type: 'ServicePrincipal', ...administrator } },
    },
    '//': { [CONSTRUCTS_KEY]: [CONSTRUCT], [MADE_KEY]: [`${CONSTRUCT}/Server`, `${CONSTRUCT}/EntraAdministrator0`] },
  };
  return evaluateStack(terraform, rules).findings.filter((finding) => finding.status !== 'pass' && finding.status !== 'not-applicable').map((finding) => [finding.status, finding.ruleId, finding.address ?? '']);
}

const webApp = (identityIds: string[]) => ({ azurerm_linux_web_app: { w: { name: 'w', resource_group_name: 'rg-apps', location: 'westeurope', identity: [{ type: 'UserAssigned', identity_ids: identityIds }] } } });
const lookup = (name: string) => ({ azurerm_user_assigned_identity: { adm: { name, resource_group_name: 'rg-ops' } } });
const FAILS = [['fail', 'PG-IAM-2', 'azurerm_linux_web_app.w']];

test.each<[string, object, object]>([
  ['a lookup by its name', { data: lookup('id-pg-admin'), resource: webApp(['${data.azurerm_user_assigned_identity.adm.id}']) }, {}],
  ['a lookup by its name in another case', { data: lookup('ID-PG-Admin'), resource: webApp(['${data.azurerm_user_assigned_identity.adm.id}']) }, {}],
  ['a lookup whose name is known only at apply time', { data: lookup('${var.admin_name}'), resource: webApp(['${data.azurerm_user_assigned_identity.adm.id}']) }, {}],
  ['its literal ID', { resource: webApp([IDENTITY_ID]) }, {}],
  ['a template that spells its name', { resource: webApp(['/subscriptions/${var.sub}/resourceGroups/rg-ops/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pg-admin']) }, {}],
  ['its literal ID, the administrator\'s name known only at apply time', { resource: webApp([IDENTITY_ID.replace('id-pg-admin', 'id-other')]) }, { principal_name: '${var.admin_name}' }],
  ['its literal ID, the administrator\'s type known only at apply time', { resource: webApp([IDENTITY_ID]) }, { principal_type: '${var.admin_type}' }],
])('a workload attaching an identity that may be the service principal administrator by %s fails', (_, sections, administrator) => {
  expect(findings(administrator, sections)).toEqual(FAILS);
});

test.each<[string, object, object]>([
  ['an identity of another name', { data: lookup('id-app'), resource: webApp(['${data.azurerm_user_assigned_identity.adm.id}', IDENTITY_ID.replace('id-pg-admin', 'id-app')]) }, {}],
  ['the administrator\'s name, where the administrator is a group', { resource: webApp([IDENTITY_ID]) }, { principal_type: 'Group' }],
  ['an identity the stack makes of that name (a new object, not the administrator\'s)', { resource: { ...webApp(['${azurerm_user_assigned_identity.made.id}']), azurerm_user_assigned_identity: { made: { name: 'id-pg-admin', resource_group_name: 'rg-apps', location: 'westeurope' } } } }, {}],
])('%s passes', (_, sections, administrator) => {
  expect(findings(administrator, sections)).toEqual([]);
});

// 93rd run, A93b-1: the attached ID read by the readings every identity reader uses (format(), join() over a variable), what a
// variable's default or a relay gives back, an identity block an import adopts (that existing identity), a search by type and name.
describe('an identity of the administrator\'s name attached by other spellings', () => {
  const FORMAT = '"/subscriptions/%s/resourceGroups/%s/providers/Microsoft.ManagedIdentity/userAssignedIdentities/%s", var.sub, "rg-ops"';
  const JOIN = '["", "subscriptions", var.sub, "resourceGroups", "rg-ops", "providers", "Microsoft.ManagedIdentity", "userAssignedIdentities"';
  const identity = (name: string) => ({ azurerm_user_assigned_identity: { u: { name, resource_group_name: 'rg-ops', location: 'westeurope' } } });
  const imported = (id: string) => [{ to: 'azurerm_user_assigned_identity.u', id }];
  const search = (type: string, name?: string) => ({ azurerm_resources: { r: { type, ...(name === undefined ? {} : { name }) } } });
  const IDENTITIES = 'Microsoft.ManagedIdentity/userAssignedIdentities';

  test.each<[string, { data?: object; resource?: object; variable?: object; import?: object[] }]>([
    ['format() over a variable', { resource: webApp([`\${format(${FORMAT}, "id-pg-admin")}`]) }],
    ['join() over a variable', { resource: webApp([`\${join("/", ${JOIN}, "id-pg-admin"])}`]) }],
    ['a variable whose default is its ID', { variable: { uai: { default: IDENTITY_ID } }, resource: webApp(['${var.uai}']) }],
    ['a relay of its ID', { resource: { ...webApp(['${terraform_data.r.output}']), terraform_data: { r: { input: IDENTITY_ID } } } }],
    ['an identity block an import adopts', { import: imported(IDENTITY_ID), resource: { ...webApp(['${azurerm_user_assigned_identity.u.id}']), ...identity('id-pg-admin') } }],
    ['an identity block of another name an import of its ID adopts', { import: imported(IDENTITY_ID), resource: { ...webApp(['${azurerm_user_assigned_identity.u.id}']), ...identity('id-other') } }],
    ['a search of identities by its name', { data: search(IDENTITIES, 'id-pg-admin'), resource: webApp(['${data.azurerm_resources.r.resources[0].id}']) }],
    ['a search of identities by a name known only at apply time', { data: search(IDENTITIES, '${var.admin_name}'), resource: webApp(['${one(data.azurerm_resources.r.resources[*].id)}']) }],
    ['a search whose type is known only at apply time (it may list every identity)', { data: search('${var.admin_type}', 'id-pg-admin'), resource: webApp(['${data.azurerm_resources.r.resources[0].id}']) }],
  ])('by %s fails', (_, sections) => {
    expect(findings({}, sections)).toEqual(FAILS);
  });

  test.each<[string, { data?: object; resource?: object; variable?: object; import?: object[] }]>([
    ['format() of another name', { resource: webApp([`\${format(${FORMAT}, "id-app")}`]) }],
    ['a variable whose default is another identity\'s ID', { variable: { uai: { default: IDENTITY_ID.replace('id-pg-admin', 'id-app') } }, resource: webApp(['${var.uai}']) }],
    ['an identity the stack makes of that name, through try()', { resource: { ...webApp(['${try(azurerm_user_assigned_identity.u.id, "")}']), ...identity('id-pg-admin') } }],
    ['an identity the stack makes of that name, where an import adopts another block', { import: [{ to: 'azurerm_user_assigned_identity.other', id: IDENTITY_ID }], resource: { ...webApp(['${azurerm_user_assigned_identity.u.id}']), ...identity('id-pg-admin') } }],
    ['a search of another type by that name', { data: search('Microsoft.Web/sites', 'id-pg-admin'), resource: webApp(['${data.azurerm_resources.r.resources[0].id}']) }],
  ])('by %s passes', (_, sections) => {
    expect(findings({}, sections)).toEqual([]);
  });
});

// One reader of the administrator's type (policy-scope.ts mayBeKind): a type known only at apply time may be a service principal
// for the attachment (PG-IAM-2) as for a federated credential on the same identity (PG-IAM-3).
test('an administrator whose type is known only at apply time: attaching the identity of its name and a federated credential on it both fail', () => {
  const credential = { azurerm_federated_identity_credential: { f: { name: 'gh', resource_group_name: 'rg-ops', parent_id: IDENTITY_ID, audience: ['api://AzureADTokenExchange'], issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:evil/repo:ref:refs/heads/main' } } };
  const found = findings({ principal_type: '${var.admin_type}' }, { resource: { ...webApp([IDENTITY_ID]), ...credential } }, [rule, credentialRule]);
  expect(found).toEqual(expect.arrayContaining([...FAILS, ['fail', 'PG-IAM-3', 'azurerm_federated_identity_credential.f']]));
});

// 95th run, A95a-5: an identity attached by a template or format() KEY of an azapi body's userAssignedIdentities map (the usual azapi
// spelling), or by an azapi/azurerm provider function that builds its ID, is read as the ID it spells, or as any identity's.
describe('an identity of the administrator\'s name attached by an azapi map key or a provider function', () => {
  const azapiApp = (...keys: string[]) => ({ azapi_resource: { w: { type: 'Microsoft.Web/sites@2023-12-01', name: 'w', parent_id: '/subscriptions/0/resourceGroups/rg-apps', location: 'westeurope',
    body: { kind: 'app', identity: { type: 'UserAssigned', userAssignedIdentities: Object.fromEntries(keys.map((key) => [key, {}])) } } } } });
  const AZAPI_FAILS = [['fail', 'PG-IAM-2', 'azapi_resource.w']];
  const TEMPLATE = '/subscriptions/${var.sub}/resourceGroups/rg-ops/providers/Microsoft.ManagedIdentity/userAssignedIdentities/';
  const FORMAT = '${format("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.ManagedIdentity/userAssignedIdentities/%s", var.sub, "rg-ops", "NAME")}';
  const TYPE = '"Microsoft.ManagedIdentity/userAssignedIdentities"';

  test.each<[string, string[]]>([
    ['a template key that spells it', [`${TEMPLATE}id-pg-admin`]],
    ['a format() key that spells it', [FORMAT.replace('NAME', 'id-pg-admin')]],
    ['a template key after a literal key of another identity', [IDENTITY_ID.replace('id-pg-admin', 'id-app'), `${TEMPLATE}id-pg-admin`]],
  ])('by %s fails', (_, keys) => {
    expect(findings({}, { resource: azapiApp(...keys) })).toEqual(AZAPI_FAILS);
  });

  test.each<[string, string[]]>([
    ['a template key of another name', [`${TEMPLATE}id-app`]],
    ['a format() key of another name', [FORMAT.replace('NAME', 'id-app')]],
  ])('by %s passes', (_, keys) => {
    expect(findings({}, { resource: azapiApp(...keys) })).toEqual([]);
  });

  // The provider functions read as the ID they build (expression-readings.ts); a shape not read, naming the identities' namespace, may
  // build any identity's ID.
  test.each<[string, string]>([
    ['azapi resource_group_resource_id', `\${provider::azapi::resource_group_resource_id(var.sub, "rg-ops", ${TYPE}, ["id-pg-admin"])}`],
    ['azapi build_resource_id', `\${provider::azapi::build_resource_id("/subscriptions/0/resourceGroups/rg-ops", ${TYPE}, "id-pg-admin")}`],
    ['azapi subscription_resource_id, its subscription known only at apply time (it may hold the resource group)', `\${provider::azapi::subscription_resource_id(var.sub, ${TYPE}, ["id-pg-admin"])}`],
    ['azapi extension_resource_id', `\${provider::azapi::extension_resource_id(var.scope, ${TYPE}, ["id-pg-admin"])}`],
    ['azurerm normalise_resource_id, in lower case', `\${provider::azurerm::normalise_resource_id("${IDENTITY_ID.toLowerCase()}")}`],
    ['a names list known only at apply time', `\${provider::azapi::resource_group_resource_id(var.sub, "rg-ops", ${TYPE}, var.names)}`],
    ['a provider function not read', `\${provider::azapi::some_function("rg-ops", ${TYPE}, "id-pg-admin")}`],
  ])('by the provider function %s fails', (_, id) => {
    expect(findings({}, { resource: webApp([id]) })).toEqual(FAILS);
  });

  test.each<[string, string]>([
    ['azapi resource_group_resource_id of another name', `\${provider::azapi::resource_group_resource_id(var.sub, "rg-ops", ${TYPE}, ["id-app"])}`],
    ['azapi build_resource_id of another name', `\${provider::azapi::build_resource_id("/subscriptions/0/resourceGroups/rg-ops", ${TYPE}, "id-app")}`],
    ['azapi tenant_resource_id (no identity has such an ID)', `\${provider::azapi::tenant_resource_id(${TYPE}, ["id-pg-admin"])}`],
    ['a function that may make any text, naming no identity', '${base64encode(file("/etc/app/identity.txt"))}'],
  ])('by %s passes', (_, id) => {
    expect(findings({}, { resource: webApp([id]) })).toEqual([]);
  });

  test('a template whose subscription, known only at apply time, may hold the resource group fails', () => {
    expect(findings({}, { resource: webApp(['/subscriptions/${var.sub}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pg-admin']) })).toEqual(FAILS);
  });
});

// 96th run, A96b-3: an ID whose identities' type path a variable may hold (`${var.pre}/id-pg-admin`, with `pre` the identities'
// path in tfvars) is read as the identity of its literal last segment, as the login side reads it (identity-attachments.ts named).
describe('an identity of the administrator\'s name attached by an ID whose type path is known only at apply time', () => {
  const azapiApp = (identity: object, key?: string) => ({ azapi_resource: { w: { type: 'Microsoft.Web/sites@2023-12-01', name: 'w', parent_id: '/subscriptions/0/resourceGroups/rg-apps', location: 'westeurope',
    body: { kind: 'app', ...(key === undefined ? {} : { identity: { type: 'UserAssigned', userAssignedIdentities: { [key]: {} } } }) }, ...identity } } });
  const AZAPI_FAILS = [['fail', 'PG-IAM-2', 'azapi_resource.w']];
  const PRE = { pre: {} };

  test.each<[string, object, string[][]]>([
    ['a web app\'s identity_ids', webApp(['${var.pre}/id-pg-admin']), FAILS],
    ['an azapi body key that names the identities\' type', azapiApp({}, '${var.pre}/userAssignedIdentities/id-pg-admin'), AZAPI_FAILS],
    ['an azapi identity block\'s identity_ids', azapiApp({ identity: { type: 'UserAssigned', identity_ids: ['${var.pre}/id-pg-admin'] } }), AZAPI_FAILS],
    ['an azapi body key', azapiApp({}, '${var.pre}/id-pg-admin'), AZAPI_FAILS],
    ['a name in another letter case', webApp(['${var.pre}/ID-PG-Admin']), FAILS],
  ])('by %s fails', (_, resource, expected) => {
    expect(findings({}, { variable: PRE, resource })).toEqual(expected);
  });

  test.each<[string, object, object]>([
    ['a template wholly a variable', webApp(['${var.pre}']), {}],
    ['another name', webApp(['${var.pre}/id-app']), {}],
    ['a path another type spells before the name', webApp(['${var.pre}/virtualNetworks/id-pg-admin']), {}],
    ['a path below the name', webApp(['${var.pre}/id-pg-admin/health']), {}],
    ['a path to any text, the administrator\'s name known only at apply time', webApp(['${var.pre}/health']), { principal_name: '${var.admin_name}' }],
  ])('by %s passes', (_, resource, administrator) => {
    expect(findings(administrator, { variable: PRE, resource })).toEqual([]);
  });

  test('a path that names the identities\' type fails where the administrator\'s name is known only at apply time', () => {
    expect(findings({ principal_name: '${var.admin_name}' }, { variable: PRE, resource: webApp(['${var.pre}/userAssignedIdentities/id-app']) })).toEqual(FAILS);
  });
});
