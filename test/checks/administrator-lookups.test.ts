import { TerraformDataSource, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { EntraPrincipalType, SecureFlexibleServer } from '../../lib';
import { PRINCIPAL_TYPES, unreadAdministratorLookups } from '../../lib/checks/administrator-lookups';
import { buildStackModel } from '../../lib/checks/stack-model';
import { minimalProps, providerStack, synthErrors } from '../helpers';

// Twentieth review, A20a-1 (fail closed): an administrator declared through a lookup the checks cannot tie to a block, whose
// arguments still read a principal the stack makes, may be that principal: PG-IAM-3 fails it, naming the principal.

const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';

/** The principals unreadAdministratorLookups finds for an administrator whose object ID reads data.<type>.found. */
function found(type: string, lookup: object, resources: object): string[] {
  const model = buildStackModel({
    resource: { ...resources, [ADMINISTRATOR]: { a: { object_id: `\${data.${type}.found.object_id}`, principal_name: 'x', principal_type: 'Group' } } },
    data: { [type]: { found: lookup } },
  });
  return unreadAdministratorLookups([model.resources.get(`${ADMINISTRATOR}.a`)!], { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups }).map(({ principal }) => principal);
}

test.each(PRINCIPAL_TYPES)('a lookup of a type of no kind (msgraph) whose argument reads a %s the stack makes, in a form no alias follows, may be it', (type) => {
  expect(found('msgraph_resource', { url: `\${format("groups/%s", coalesce(var.g, ${type}.made.id))}` }, { [type]: { made: { display_name: 'x' } } })).toEqual([`${type}.made`]);
});

test('a lookup of a kind may be only a principal of its kind: a group lookup named after an application the stack makes is not', () => {
  const resources = { azuread_application: { app: { display_name: 'orders' } }, azuread_group: { made: { display_name: 'db-admins' } } };
  expect(found('azuread_group', { display_name: '${azuread_application.app.display_name}-admins' }, resources)).toEqual([]);
  expect(found('azuread_group', { object_id: '${coalesce(var.g, azuread_group.made.object_id)}' }, resources)).toEqual(['azuread_group.made']);
  expect(found('azuread_service_principal', { client_id: '${coalesce(var.c, azuread_application.app.client_id)}' }, resources)).toEqual(['azuread_application.app']);
});

test('through one other block\'s argument (a member block\'s group pointer) too; a lookup reading nothing the stack makes, or only depends_on it, is not', () => {
  const group = { azuread_group: { made: { display_name: 'db-admins' } } };
  expect(found('azuread_group', { object_id: '${azuread_group_member.m.group_object_id}' }, { ...group, azuread_group_member: { m: { group_object_id: '${azuread_group.made.object_id}', member_object_id: 'x' } } }))
    .toEqual(['azuread_group.made']);
  expect(found('azuread_group', { display_name: 'existing-admins' }, group)).toEqual([]);
  expect(found('azuread_group', { display_name: 'existing-admins', depends_on: ['${azuread_group.made}'] }, group)).toEqual([]);
  expect(found('azuread_group', { display_name: '${var.name}' }, group)).toEqual([]);
});

describe('through synth', () => {
  function declared(lookupConfig: (stack: TerraformStack) => { [key: string]: unknown }, type = 'azuread_group'): string[] {
    const stack = providerStack();
    const made = new TerraformResource(stack, 'admins', { terraformResourceType: 'azuread_group' });
    made.addOverride('display_name', 'db-admins');
    made.addOverride('security_enabled', true);
    const lookup = new TerraformDataSource(stack, 'found', { terraformResourceType: type });
    for (const [key, value] of Object.entries(lookupConfig(stack))) lookup.addOverride(key, value);
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ entraAdministrators: [{ objectId: lookup.getStringAttribute('object_id'), principalName: 'db-admins', principalType: EntraPrincipalType.GROUP }] }));
    return synthErrors(stack).filter((line) => line.includes(' PG-IAM-3 '));
  }

  test('an administrator group read through coalesce(var, <made group>) fails closed PG-IAM-3, naming the group and the fix', () => {
    const errors = declared((stack) => ({ object_id: `\${coalesce(${new TerraformVariable(stack, 'g', { type: 'string', default: '' }).fqn}, azuread_group.admins.object_id)}` }));
    expect(errors.join('\n')).toMatch(/through data\.azuread_group\.found, whose arguments read azuread_group\.admins, a principal the stack makes, in a way the checks cannot tie to it: .* Give the construct azuread_group\.admins's own reference instead\./);
  });

  test('a lookup the aliases tie to the group is judged as the group, not failed closed; a lookup of an existing group passes', () => {
    expect(declared(() => ({ object_id: '${azuread_group.admins.object_id}' }))).toEqual([]);
    expect(declared(() => ({ display_name: 'existing-admins' }))).toEqual([]);
  });
});
