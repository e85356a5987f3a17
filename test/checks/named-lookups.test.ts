import { TerraformDataSource, TerraformResource } from 'cdktf';
import { EntraPrincipalType, SecureFlexibleServer } from '../../lib';
import { unreadAdministratorLookups } from '../../lib/checks/administrator-lookups';
import { NAME_LOOKUPS } from '../../lib/checks/named-lookups';
import { GRAPH_FIELDS, PrincipalKind } from '../../lib/checks/principal-writers';
import { buildStackModel } from '../../lib/checks/stack-model';
import { minimalProps, providerStack, synthErrors } from '../helpers';

// Twenty-first review, A21a-2: an administrator declared through an Entra lookup by a name (singular or plural, any name
// argument) that a principal the stack makes answers to, by any writer (azuread, a Graph or REST post), fails closed PG-IAM-3.

const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';
const NAME = 'db-admins@contoso.com';

/** The azuread type and the Graph collection that make a principal of each kind. */
const WRITERS: { readonly [kind in PrincipalKind]: readonly [azuread: string, collection: string] } = {
  user: ['azuread_user', 'users'], group: ['azuread_group', 'groups'], application: ['azuread_application', 'applications'], servicePrincipal: ['azuread_service_principal', 'servicePrincipals'],
};

/** A principal of the kind, made by the writer, whose argument (azuread shape) is the name. */
function principal(kind: PrincipalKind, writer: 'azuread' | 'msgraph' | 'restapi', field: string, name: string): object {
  const [azuread, collection] = WRITERS[kind];
  if (writer === 'azuread') return { [azuread]: { p: { [field]: name } } };
  const graph = Object.entries(GRAPH_FIELDS[kind]).find(([, argument]) => argument === field)![0];
  return writer === 'msgraph' ? { msgraph_resource: { p: { url: collection, body: { [graph]: name } } } } : { restapi_object: { p: { path: `/v1.0/${collection}`, data: JSON.stringify({ [graph]: name }) } } };
}

/** The principals unreadAdministratorLookups names for an administrator reading data.<type>.found (object_ids[0] of a plural one). */
function found(type: string, lookup: object, resources: object): string[] {
  const attribute = type.endsWith('s') ? 'object_ids[0]' : 'object_id';
  const model = buildStackModel({
    resource: { ...resources, [ADMINISTRATOR]: { a: { object_id: `\${data.${type}.found.${attribute}}`, principal_name: 'x', principal_type: 'Group' } } },
    data: { [type]: { found: lookup } },
  });
  return unreadAdministratorLookups([model.resources.get(`${ADMINISTRATOR}.a`)!], { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups }).map((each) => each.principal);
}

/** Every lookup type, name argument, kind it returns and writer of that kind. */
const CASES = Object.entries(NAME_LOOKUPS).flatMap(([type, row]) => Object.entries(row.by).filter(([, by]) => by.match !== 'all')
  .flatMap(([argument, by]) => row.kinds.filter((kind) => by.field in Object.fromEntries(Object.values(GRAPH_FIELDS[kind]).map((field) => [field, true])))
    .flatMap((kind) => (['azuread', 'msgraph', 'restapi'] as const).map((writer) => [type, argument, by.field, by.match, kind, writer] as const))));

test.each(CASES)('data.%s { %s } of the %s of a principal the stack makes (%s match, %s by %s) may return it', (type, argument, field, match, kind, writer) => {
  const value = match === 'prefix' ? NAME.slice(0, 5).toUpperCase() : NAME.toUpperCase();
  const lookup = { [argument]: argument.endsWith('s') ? [value] : value };
  const address = writer === 'azuread' ? `${WRITERS[kind][0]}.p` : writer === 'msgraph' ? 'msgraph_resource.p' : 'restapi_object.p';
  expect(found(type, lookup, principal(kind, writer, field, NAME))).toEqual([address]);
  // Another name, or a name known only at apply time, is not it.
  expect(found(type, { [argument]: argument.endsWith('s') ? ['other'] : 'other' }, principal(kind, writer, field, NAME))).toEqual([]);
  expect(found(type, { [argument]: '${var.name}' }, principal(kind, writer, field, NAME))).toEqual([]);
});

test('every Entra lookup type has its singular or plural twin in the table, and every name argument reads a field every writer of its kinds writes', () => {
  for (const type of Object.keys(NAME_LOOKUPS)) expect(Object.keys(NAME_LOOKUPS)).toContain(type.endsWith('s') ? type.slice(0, -1) : `${type}s`);
  for (const { kinds, by } of Object.values(NAME_LOOKUPS)) {
    for (const { field, match } of Object.values(by)) if (match !== 'all') expect(kinds.some((kind) => Object.values(GRAPH_FIELDS[kind]).includes(field))).toBe(true);
  }
});

test('return_all may return any principal of its kind the stack makes; object_ids[i] reads only the name at i', () => {
  expect(found('azuread_groups', { return_all: true }, principal('group', 'msgraph', 'display_name', 'anything'))).toEqual(['msgraph_resource.p']);
  expect(found('azuread_groups', { return_all: false }, principal('group', 'msgraph', 'display_name', 'anything'))).toEqual([]);
  expect(found('azuread_groups', { return_all: true }, principal('user', 'azuread', 'user_principal_name', 'anything'))).toEqual([]);
  expect(found('azuread_groups', { display_names: ['db-admins', 'other'] }, principal('group', 'azuread', 'display_name', 'other'))).toEqual([]);
  expect(found('azuread_groups', { display_names: ['other', 'db-admins'] }, principal('group', 'azuread', 'display_name', 'other'))).toEqual(['azuread_group.p']);
});

test('a service principal lookup by display name may return the service principal of an application the stack makes with that name', () => {
  expect(found('azuread_service_principals', { display_names: ['db-admin-app'] }, {
    azuread_application: { app: { display_name: 'db-admin-app' } }, azuread_service_principal: { sp: { client_id: '${azuread_application.app.client_id}' } },
  })).toEqual(['azuread_application.app']);
});

describe('through synth', () => {
  /** PG-IAM-3's errors beside an administrator read through data.<lookupType>.found, the stack making the blocks. */
  function declared(lookupType: string, lookupConfig: { [key: string]: unknown }, attribute: string, blocks: readonly [string, string, { [key: string]: unknown }][], principalType = EntraPrincipalType.GROUP): string[] {
    const stack = providerStack();
    for (const [type, id, config] of blocks) {
      const made = new TerraformResource(stack, id, { terraformResourceType: type });
      for (const [key, value] of Object.entries(config)) made.addOverride(key, value);
    }
    const lookup = new TerraformDataSource(stack, 'found', { terraformResourceType: lookupType });
    for (const [key, value] of Object.entries(lookupConfig)) lookup.addOverride(key, value);
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ entraAdministrators: [{ objectId: lookup.getStringAttribute(attribute), principalName: 'db-admins', principalType }] }));
    return synthErrors(stack).filter((line) => line.includes(' PG-IAM-3 '));
  }
  const privateGroup: [string, string, { [key: string]: unknown }] = ['azuread_group', 'admins', { display_name: 'db-admins', security_enabled: true }];
  const publicGroup: [string, string, { [key: string]: unknown }] = ['azuread_group', 'admins', { display_name: 'db-admins', mail_enabled: true, types: ['Unified'], visibility: 'Public', mail_nickname: 'dbadm' }];
  const graphGroup = (visibility: string): [string, string, { [key: string]: unknown }] => ['msgraph_resource', 'graphAdmins', { url: 'groups', body: { displayName: 'db-admins', mailEnabled: true, mailNickname: 'dbadm', securityEnabled: true, groupTypes: ['Unified'], visibility } }];

  test('a plural lookup by the one name of a group the stack makes is tied to it and judged as it: its Public visibility fails, a private group passes', () => {
    expect(declared('azuread_groups', { display_names: ['DB-Admins'] }, 'object_ids[0]', [privateGroup])).toEqual([]);
    expect(declared('azuread_groups', { display_names: ['db-admins'] }, 'object_ids[0]', [publicGroup]).join('\n')).toMatch(/azuread_group\.admins .*lets anyone in the tenant join it/);
    expect(declared('azuread_users', { user_principal_names: ['dba@contoso.com'] }, 'object_ids[0]', [['azuread_user', 'u', { user_principal_name: 'dba@contoso.com', display_name: 'DBA', other_mails: ['x@evil.example'] }]], EntraPrincipalType.USER).join('\n'))
      .toMatch(/azuread_user\.u sets the alternate emails/);
  });

  test('an azuread lookup by the name of a group a Graph post makes is tied to it too', () => {
    expect(declared('azuread_group', { display_name: 'db-admins' }, 'object_id', [graphGroup('Public')]).join('\n')).toMatch(/msgraph_resource\.graphAdmins .*lets anyone in the tenant join it/);
    expect(declared('azuread_group', { display_name: 'db-admins' }, 'object_id', [graphGroup('Private')])).toEqual([]);
  });

  test('a lookup by a prefix, every object, or a name two principals bear fails closed PG-IAM-3, naming a principal and the fix; another name passes', () => {
    expect(declared('azuread_groups', { display_name_prefix: 'db-' }, 'object_ids[0]', [privateGroup]).join('\n'))
      .toMatch(/through data\.azuread_groups\.found, whose display_name_prefix "db-" may return azuread_group\.admins, a principal the stack makes, in a way the checks cannot tie to it: .* Give the construct azuread_group\.admins's own reference instead\./);
    expect(declared('azuread_groups', { return_all: true }, 'object_ids[0]', [privateGroup])).toHaveLength(1);
    expect(declared('azuread_groups', { display_names: ['db-admins'] }, 'object_ids[0]', [privateGroup, graphGroup('Private')])).toHaveLength(1);
    expect(declared('azuread_groups', { display_names: ['existing-admins'] }, 'object_ids[0]', [privateGroup])).toEqual([]);
  });
});
