import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformDataSource, TerraformStack } from 'cdktf';
import { EntraAdministrator, EntraPrincipalType, SecureFlexibleServer } from '../../lib';
import { EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { graphUrl } from '../../lib/checks/graph-urls';
import { check } from '../cli/cli-harness';
import { minimalProps, newStack } from '../helpers';
import { administratorErrors, administratorStack, failingBlocks, RawBlock } from './administrator-fixtures';

// Graph URL segments and lookups (stop 36, known gaps of graph-urls.ts). (1) A part of a msgraph or REST URL known only at apply
// time that may hold "/" or ".." (a variable, a local, an iterator, a function, an attribute that is no object's key) is written in
// before the provider cleans the whole text with path.Join: `users/${var.x}` with "../identity/conditionalAccess/policies/<id>" writes a
// Conditional Access policy. Such a write may reach any path: it fails closed beside an Entra administrator; a read (GET) does not.
// (2) A msgraph lookup of a relationship (`groups/<id>/members`, `transitiveMembers`, `owners`, `users/<id>/memberOf`,
// `servicePrincipals/<id>/owners`, ...) whose `output.value[*].id` is the administrator returns the principals the stack may add to it.

const POLICY = '11111111-1111-1111-1111-111111111111';
const OTHER_GROUP = '33333333-3333-3333-3333-333333333333';

/** The PG-IAM-3 errors of a stack with the blocks (`${PID}` a variable), lookups, and a server whose one administrator is given. */
function iam3(blocks: readonly RawBlock[], administrator: (stack: TerraformStack) => EntraAdministrator, lookups: readonly RawBlock[] = []): string[] {
  return administratorErrors(administratorStack(blocks, administrator, { lookups, placeholder: 'PID' }));
}

/** The resources PG-IAM-3 fails (the second word of each error). */
const failing = failingBlocks;

const USER_ADMIN = () => ({ objectId: '00000000-0000-0000-0000-0000000000a1', principalName: 'dba@contoso.com', principalType: EntraPrincipalType.USER });
const GROUP_ADMIN = () => ({ objectId: '00000000-0000-0000-0000-000000000002', principalName: 'pg-admins', principalType: EntraPrincipalType.GROUP });
const SP_ADMIN = () => ({ objectId: '00000000-0000-0000-0000-0000000000a3', principalName: 'pg-app', principalType: EntraPrincipalType.SERVICE_PRINCIPAL });

describe('(1) graphUrl: a part that may hold "/" or ".." makes the request reach any path', () => {
  test.each([
    'users/${var.x}', "users('${var.x}')", 'users/${local.x}', 'users/${each.value}', 'users/${lower(var.x)}', 'users/x${var.x}y', '${var.url}',
    "groups?$filter=displayName eq '${var.name}'", 'groups#${var.x}', 'users/${azuread_user.u.employee_id}', 'users/${azurerm_resource_group.rg.id}', 'groups/${data.azuread_groups.g.object_ids}',
    'groups/${data.msgraph_resource.g.output.value[0].displayName}', 'identity/conditionalAccess/policies/${var.pid}', 'users/${msgraph_resource.u.output.userPrincipalName}',
  ])('%j may reach any path', (url) => {
    expect(graphUrl(url).anyPath).toMatch(/^\$\{.+\}$/);
  });

  test('a value that is no text may reach any path; the part is named as written', () => {
    expect(graphUrl(42).anyPath).toBe('${?}');
    expect(graphUrl('groups/${azuread_group.g.object_id}/members/${var.x}').anyPath).toBe('${var.x}');
  });

  test.each([
    'groups/${azuread_group.g.object_id}/members/$ref', 'servicePrincipals/${azuread_service_principal.s.object_id}/appRoleAssignedTo', "servicePrincipals(appId='${azuread_application.a.client_id}')",
    'applications/${msgraph_resource.app.id}', 'groups/${data.msgraph_resource.g.output.value[0].id}/members/$ref', 'identity/conditionalAccess/policies/${data.msgraph_resource.p.output.id}',
    'users/${azurerm_user_assigned_identity.i.principal_id}', 'groups/${random_uuid.u.result}', 'groups', "groups?$filter=displayName eq 'x'", 'users/${azuread_user.u[0].object_id}',
    // azuread 3.x IDs are paths the provider writes ("/groups/<id>", "/applications/<id>"): a "/" but never "..".
    'groups/${azuread_group.g.id}/members/$ref', '${azuread_application.a.id}/addPassword', 'applications/${azuread_application_password.p.application_id}', 'groups/${data.azuread_groups.g.object_ids[1]}/members/$ref',
    'servicePrincipals/${azurerm_linux_web_app.w.identity[0].principal_id}', 'users/${count.index}', "applications(appId='${msgraph_resource.app.output.appId}')",
    'users/${data.azuread_client_config.current.object_id}',
  ])('%j reaches only the path it shows (every part one object\'s key)', (url) => {
    expect(graphUrl(url).anyPath).toBeUndefined();
  });

  test.each([USER_ADMIN, GROUP_ADMIN, SP_ADMIN])('writes whose URL may reach any path fail PG-IAM-3 on the write beside an administrator (%#)', (administrator) => {
    const writes: RawBlock[] = [
      ['msgraph_update_resource', 'patch', { url: 'users/${PID}', body: { accountEnabled: true } }],
      ['msgraph_update_resource', 'put', { url: "users('${PID}')", update_method: 'PUT', body: { accountEnabled: true } }],
      ['msgraph_resource', 'post', { url: 'users/${PID}/x', body: { displayName: 'x' } }],
      ['msgraph_resource_action', 'action', { resource_url: 'users', action: '${PID}', method: 'PATCH', body: { displayName: 'x' } }],
      ['msgraph_resource_action', 'delete', { resource_url: 'users/${PID}', method: 'DELETE' }],
      ['msgraph_resource_collection', 'collection', { url: 'users/${PID}', reference_ids: [] }],
      ['restapi_object', 'rest', { path: '/v1.0/users', update_path: '/v1.0/users/${PID}', data: '{"displayName":"x"}' }],
      ['msgraph_update_resource', 'query', { url: "users/00000000-0000-0000-0000-0000000000ff?$select=${PID}", body: { displayName: 'x' } }],
      ['msgraph_update_resource', 'local', { url: 'users/${lower(var.pid)}', body: { displayName: 'x' } }],
    ];
    expect(failing(iam3(writes, administrator))).toEqual(expect.arrayContaining(writes.map(([type, id]) => `${type}.${id}`)));
  });

  test('the message names the part that may hold "/" or ".." (a block another reader fails already is reported once, by that reader)', () => {
    expect(iam3([['msgraph_update_resource', 'patch', { url: 'users/${PID}', body: { accountEnabled: true } }]], GROUP_ADMIN))
      .toEqual([expect.stringMatching(/msgraph_update_resource\.patch writes at "users\/\$\{var\.pid\}", whose part "\$\{var\.pid\}" is known only at apply time and may hold "\/" or "\.\."/)]);
    expect(iam3([['msgraph_update_resource', 'patch', { url: 'users/${PID}', body: { accountEnabled: true } }]], USER_ADMIN)).toEqual([expect.stringMatching(/may add a credential or owner/)]);
  });

  test('the Conditional Access update by a variable ID now fails whatever its body (the variable may reach another path); by a lookup\'s ID or a literal it is read as before', () => {
    const hardening = { grantControls: { operator: 'OR', builtInControls: ['mfa'] } };
    expect(failing(iam3([['msgraph_update_resource', 'ca', { url: 'identity/conditionalAccess/policies/${PID}', body: hardening }]], USER_ADMIN))).toEqual(['msgraph_update_resource.ca']);
    const policyLookup: RawBlock = ['msgraph_resource', 'p', { url: "identity/conditionalAccess/policies?$filter=displayName eq 'MFA'" }];
    expect(iam3([['msgraph_update_resource', 'ca', { url: '${PID}', body: hardening }]], USER_ADMIN)).not.toEqual([]);
    expect(iam3([['msgraph_update_resource', 'ca', { url: 'identity/conditionalAccess/policies/${data.msgraph_resource.p.output.value[0].id}', body: hardening }]], USER_ADMIN, [policyLookup])).toEqual([]);
    expect(iam3([['msgraph_update_resource', 'ca', { url: `identity/conditionalAccess/policies/${POLICY}`, body: hardening }]], USER_ADMIN)).toEqual([]);
  });

  test('controls: a read (GET) by a variable, and writes whose parts are object keys of the stack, pass', () => {
    // (A GET msgraph_resource_action of users/${var.x} still fails the credential reader beside a user administrator: it reads any action of a user.)
    expect(iam3([['msgraph_resource_action', 'get', { resource_url: 'groups/${PID}', method: 'GET' }]], USER_ADMIN)).toEqual([]);
    expect(iam3([['msgraph_update_resource', 'get', { url: 'users/${PID}', update_method: 'GET' }]], GROUP_ADMIN)).toEqual([]);
    const app: RawBlock = ['msgraph_resource', 'app', { url: 'applications', body: { displayName: 'orders-api' } }];
    expect(iam3([app, ['msgraph_update_resource', 'rename', { url: 'applications/${msgraph_resource.app.id}', body: { displayName: 'orders-api-2' } }]], USER_ADMIN)).toEqual([]);
    const group: RawBlock = ['azuread_group', 'readers', { display_name: 'readers', security_enabled: true }];
    const user: RawBlock = ['azuread_user', 'u', { user_principal_name: 'app@contoso.com', display_name: 'x', password: '${PID}' }];
    expect(iam3([group, user, ['msgraph_resource', 'member', { url: 'groups/${azuread_group.readers.object_id}/members/$ref', body: { '@odata.id': 'https://graph.microsoft.com/v1.0/directoryObjects/${azuread_user.u.object_id}' } }]], USER_ADMIN)).toEqual([]);
  });
});

describe('(1) for_each over known texts', () => {
  test('a for_each item of a literal set of IDs lands in its segment and passes; a set with a path in it may reach any path', () => {
    const member = (items: readonly string[]): RawBlock => ['msgraph_resource', 'm', {
      for_each: `\${toset(${JSON.stringify(items)})}`, url: 'groups/${each.value}/members/$ref', body: { '@odata.id': 'https://graph.microsoft.com/v1.0/directoryObjects/00000000-0000-0000-0000-0000000000ee' },
    }];
    expect(iam3([member([POLICY, OTHER_GROUP])], USER_ADMIN)).toEqual([]);
    expect(failing(iam3([member([POLICY, `../identity/conditionalAccess/policies/${POLICY}`])], USER_ADMIN))).toEqual(['msgraph_resource.m']);
    expect(failing(iam3([member([POLICY, 'x/y'])], USER_ADMIN))).toEqual(['msgraph_resource.m']);
  });
});

describe('(1) check on a written cdk.tf.json', () => {
  const checkOf = (extra: { readonly [type: string]: unknown }) => {
    const scope = newStack();
    new AzurermProvider(scope, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(scope, 'Postgres', minimalProps());
    const json = JSON.parse(JSON.stringify(scope.toTerraform()));
    const file = join(mkdtempSync(join(tmpdir(), 'graphsegs-')), 'cdk.tf.json');
    writeFileSync(file, JSON.stringify({ ...json, variable: { ...json.variable, x: { type: 'string' } }, resource: { ...json.resource, ...extra } }));
    return check('check', file);
  };

  test('a msgraph_update_resource at users/${var.x} fails PG-IAM-3 on the write; the same at a literal user passes', () => {
    const failed = checkOf({ msgraph_update_resource: { w: { url: 'users/${var.x}', body: { state: 'disabled' } } } });
    expect(failed.code).toBe(EXIT_FINDINGS);
    expect(failed.out.filter((text) => text.includes('PG-IAM-3')).map((text) => text.split(':')[0].trim())).toEqual(['ERROR      PG-IAM-3   msgraph_update_resource.w']);
    const passed = checkOf({ msgraph_update_resource: { w: { url: 'users/00000000-0000-0000-0000-0000000000ff', body: { displayName: 'x' } } } });
    expect(passed.out.filter((text) => text.includes('PG-IAM-3'))).toEqual([]);
    expect(passed.code).toBe(EXIT_OK);
  });
});

/** An administrator read through data.msgraph_resource.found at output.value[0].id. */
const throughLookup = (principalType: EntraPrincipalType) => (stack: TerraformStack) => ({
  objectId: (stack.node.findChild('found') as TerraformDataSource).getStringAttribute('output.value[0].id'), principalName: 'pg-admins', principalType,
});
const lookup = (url: string): RawBlock => ['msgraph_resource', 'found', { url }];
const madeGroup: RawBlock = ['azuread_group', 'evil', { display_name: 'evil', security_enabled: true, members: ['00000000-0000-0000-0000-0000000000ee'] }];
const madeUser: RawBlock = ['azuread_user', 'evil', { user_principal_name: 'evil@contoso.com', display_name: 'x', password: '${PID}' }];
const madeSp: RawBlock = ['azuread_service_principal', 'evil', { client_id: '${PID}' }];
const through = /declares the Entra administrator "pg-admins" through data\.msgraph_resource\.found/;

describe('(2) a msgraph lookup of a relationship is a search over the principals the stack may add to it', () => {
  test.each([
    [`groups/${OTHER_GROUP}/members`, [['azuread_group_member', 'm', { group_object_id: OTHER_GROUP, member_object_id: '${azuread_group.evil.object_id}' }] as RawBlock]],
    [`groups/${OTHER_GROUP}/transitiveMembers`, [['msgraph_resource', 'm', { url: `groups/${OTHER_GROUP}/members/$ref`, body: { '@odata.id': 'https://graph.microsoft.com/v1.0/directoryObjects/${azuread_group.evil.object_id}' } }] as RawBlock]],
    [`groups('${OTHER_GROUP}')/members?$select=id`, [['azuread_group_member', 'm', { group_object_id: '${PID}', member_object_id: '${azuread_group.evil.object_id}' }] as RawBlock]],
    ['groups/${PID}/members', []],
    ["groups(uniqueName='pg-admins')/members", []],
    [`users/${POLICY}/memberOf`, []],
    [`users/${POLICY}/transitiveMemberOf/microsoft.graph.group`, []],
    [`servicePrincipals/${POLICY}/memberOf`, []],
  ])('an administrator group read through %j beside a group the stack makes (and adds there) fails PG-IAM-3', (url, writers) => {
    expect(iam3([madeGroup, ...writers], throughLookup(EntraPrincipalType.GROUP), [lookup(url)]).join('\n')).toMatch(through);
  });

  test.each([
    [`groups/${OTHER_GROUP}/members`, madeUser], [`groups/${OTHER_GROUP}/transitiveMembers/microsoft.graph.user`, madeUser], [`servicePrincipals/${POLICY}/owners`, madeUser],
    [`applications/${POLICY}/owners`, madeSp], [`users/${POLICY}/directReports`, madeUser],
  ])('an administrator read through %j beside a principal the stack makes that may be in it fails PG-IAM-3', (url, principal) => {
    expect(iam3([principal], throughLookup(EntraPrincipalType.USER), [lookup(url)]).join('\n')).toMatch(through);
  });

  test('the owners of a group the stack writes owners into may be a user it makes (a group is no owner)', () => {
    const owner: RawBlock = ['msgraph_resource', 'o', { url: `groups/${OTHER_GROUP}/owners/$ref`, body: { '@odata.id': 'https://graph.microsoft.com/v1.0/directoryObjects/${azuread_user.evil.object_id}' } }];
    expect(iam3([madeUser, owner], throughLookup(EntraPrincipalType.USER), [lookup(`groups/${OTHER_GROUP}/owners`)]).join('\n')).toMatch(through);
    expect(iam3([madeGroup, owner], throughLookup(EntraPrincipalType.GROUP), [lookup(`groups/${OTHER_GROUP}/owners`)]).join('\n')).not.toMatch(through);
  });

  test('a lookup whose URL may reach any path (a user by a variable) may return any principal: a group the stack makes too', () => {
    expect(iam3([madeGroup], throughLookup(EntraPrincipalType.GROUP), [lookup('users/${PID}')]).join('\n')).toMatch(through);
  });

  test('controls: members of another group the stack adds nothing to (a group cannot join one by a rule), a relationship beside no principal the stack makes, and a lookup of the stack\'s keys pass', () => {
    expect(iam3([madeGroup], throughLookup(EntraPrincipalType.GROUP), [lookup(`groups/${OTHER_GROUP}/members`)])).toEqual([]);
    expect(iam3([madeGroup], throughLookup(EntraPrincipalType.GROUP), [lookup(`groups/${OTHER_GROUP}/members/microsoft.graph.user`)])).toEqual([]);
    expect(iam3([madeUser], throughLookup(EntraPrincipalType.USER), [lookup(`groups/${OTHER_GROUP}/owners`)])).toEqual([]);
    expect(iam3([], throughLookup(EntraPrincipalType.GROUP), [lookup(`groups/${OTHER_GROUP}/transitiveMembers`)])).toEqual([]);
    expect(iam3([], throughLookup(EntraPrincipalType.GROUP), [lookup('users/${PID}')])).toEqual([]);
  });

  test('a Conditional Access policy that excludes what a relationship lookup returns fails beside a group administrator (policy-scope.ts reads a lookup as anyone)', () => {
    const policy: RawBlock = ['azuread_conditional_access_policy', 'mfa', {
      display_name: 'MFA', state: 'enabled',
      conditions: { client_app_types: ['all'], applications: { included_applications: ['All'] }, users: { included_users: ['All'], excluded_groups: ['${data.msgraph_resource.found.output.value[0].id}'] } },
      grant_controls: { operator: 'OR', built_in_controls: ['mfa'] },
    }];
    expect(failing(iam3([policy], GROUP_ADMIN, [lookup(`users/${POLICY}/memberOf`)]))).toEqual(['azuread_conditional_access_policy.mfa']);
  });
});

describe('(3) sign-in objects matched over the segments', () => {
  test('a write of policies/<a lookup\'s ID> (the ID of a singleton policy is its name) may be any sign-in object: it fails closed', () => {
    const singleton: RawBlock = ['msgraph_resource', 'p', { url: 'policies/identitySecurityDefaultsEnforcementPolicy' }];
    expect(iam3([['msgraph_update_resource', 'w', { url: 'policies/${data.msgraph_resource.p.output.id}', body: { isEnabled: false } }]], GROUP_ADMIN, [singleton]).join('\n'))
      .toMatch(/msgraph_update_resource\.w writes over a sign-in object of the tenant \(a part of its path known only at apply time/);
  });

  test('every spelling of a literal sign-in path still reads as before (OData key, encoded, cleaned); a key after another path does not', () => {
    for (const url of ['policies/./identitySecurityDefaultsEnforcementPolicy', 'polic%69es/identitySecurityDefaultsEnforcementPolicy', 'x/../policies/identitySecurityDefaultsEnforcementPolicy']) {
      expect(failing(iam3([['msgraph_update_resource', 'w', { url, body: { isEnabled: false } }]], USER_ADMIN))).toEqual(['msgraph_update_resource.w']);
      expect(iam3([['msgraph_update_resource', 'w', { url, body: { isEnabled: true } }]], USER_ADMIN)).toEqual([]);
    }
    expect(failing(iam3([['msgraph_update_resource', 'w', { url: `identity/conditionalAccess/namedLocations('${POLICY}')`, body: { isTrusted: true } }]], USER_ADMIN))).toEqual(['msgraph_update_resource.w']);
    const group: RawBlock = ['azuread_group', 'readers', { display_name: 'readers', security_enabled: true }];
    expect(iam3([group, ['msgraph_update_resource', 'w', { url: 'groups/${azuread_group.readers.object_id}', body: { description: 'x' } }]], USER_ADMIN)).toEqual([]);
  });

  test('a restapi_object whose destroy_path may reach any path fails closed beside an administrator (the pointer readers, which read every text of the block, failed it already)', () => {
    expect(failing(iam3([['restapi_object', 'rest', { path: '/v1.0/groups', destroy_path: '/v1.0/${PID}', data: '{"displayName":"x","mailEnabled":false,"mailNickname":"x","securityEnabled":true}' }]], USER_ADMIN))).toEqual(['restapi_object.rest']);
  });
});
