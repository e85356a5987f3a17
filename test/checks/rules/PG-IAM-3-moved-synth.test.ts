import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource, TerraformStack } from 'cdktf';
import { EntraPrincipalType, SecureFlexibleServer } from '../../../lib';
import { ADMIN_OBJECT_ID, minimalProps, newStack, synthErrors } from '../../helpers';

// Twenty-eighth review, A28a-8: a moved block hands its `to` the object its `from` managed (another resource, a module's, a chain of
// moves), an object that existed before this plan: a group, user or application the stack "makes" at that address is not new, so its
// live members, exclusions and credentials are not the JSON's. Every reader that lets "the stack makes it" stand for "new, so harmless"
// (stack-created.ts stackCreates: administrator-memberships.ts, policy-scope.ts, later-groups.ts, administrator-credentials.ts,
// administrator-policies.ts) reads it as the import twin: failed closed. Terraform reads `resource.` before a type as optional (1.10+).

const USER = '99999999-7777-8888-9999-000000000001';
const OTHER = '11111111-1111-1111-1111-111111111111';

function errorsOf(build: (stack: TerraformStack) => void, adopt: { moved?: object[]; import?: object[] } = {}, group = false): string[] {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  // minimalProps' administrator is the group "db-admins" (ADMIN_OBJECT_ID).
  new SecureFlexibleServer(stack, 'Postgres', minimalProps(group ? {} : { entraAdministrators: [{ objectId: USER, principalName: 'pgadmin@contoso.com', principalType: EntraPrincipalType.USER }] }));
  build(stack);
  for (const [section, blocks] of Object.entries(adopt)) stack.addOverride(section, blocks);
  return synthErrors(stack);
}
function raw(stack: TerraformStack, id: string, type: string, config: Record<string, unknown>): void {
  const block = new TerraformResource(stack, id, { terraformResourceType: type });
  for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
}
/** The addresses PG-IAM-3 fails. */
const failing = (errors: readonly string[]) => errors.flatMap((line) => /^ {2}\[test\] (\S+) PG-IAM-3 /.exec(line)?.[1] ?? []);

/** Where a moved block may come from, and how its `to` may be spelled. */
const FROMS = ['azuread_group.Old', 'module.old.azuread_group.x', 'module.old["a"].resource.azuread_group.x'];
const TOS = (address: string) => [address, `resource.${address}`, `${address}[0]`];

describe('the administrator joins a group moved into the stack (administrator-memberships.ts)', () => {
  const inline = (stack: TerraformStack) => raw(stack, 'G', 'azuread_group', { display_name: 'wrapper', security_enabled: true, members: [USER] });
  const member = (stack: TerraformStack) => {
    raw(stack, 'G', 'azuread_group', { display_name: 'wrapper', security_enabled: true });
    raw(stack, 'M', 'azuread_group_member', { group_object_id: '${azuread_group.G.object_id}', member_object_id: USER });
  };
  test.each(FROMS.flatMap((from) => TOS('azuread_group.G').map((to) => [from, to])))('moved { from = %s, to = %s } fails PG-IAM-3 (members inline and by azuread_group_member)', (from, to) => {
    expect(failing(errorsOf(inline, { moved: [{ from, to }] }))).toContain('azuread_group.G');
    expect(failing(errorsOf(member, { moved: [{ from, to }] }))).toContain('azuread_group_member.M');
  });
  test('at the end of a chain of moves it fails too', () => {
    expect(failing(errorsOf(inline, { moved: [{ from: 'azuread_group.A', to: 'azuread_group.B' }, { from: 'azuread_group.B', to: 'azuread_group.G' }] }))).toContain('azuread_group.G');
  });
  test('controls: the import twin fails; a new group, and one beside a move into another group, pass', () => {
    expect(failing(errorsOf(inline, { import: [{ to: 'azuread_group.G', id: `/groups/${OTHER}` }] }))).toContain('azuread_group.G');
    expect(failing(errorsOf(inline))).toEqual([]);
    expect(failing(errorsOf(member))).toEqual([]);
    expect(failing(errorsOf((stack) => { inline(stack); raw(stack, 'H', 'azuread_group', { display_name: 'other', security_enabled: true }); }, { moved: [{ from: 'azuread_group.Old', to: 'azuread_group.H' }] }))).toEqual([]);
  });
});

describe('the stack\'s Conditional Access policy excludes a group moved into the stack (policy-scope.ts)', () => {
  const policy = (stack: TerraformStack) => {
    raw(stack, 'BG', 'azuread_group', { display_name: 'ca-exclusions', security_enabled: true });
    raw(stack, 'P', 'azuread_conditional_access_policy', {
      display_name: 'MFA all', state: 'enabled',
      conditions: { client_app_types: ['all'], applications: { included_applications: ['All'] }, users: { included_users: ['All'], excluded_groups: ['${azuread_group.BG.object_id}'] } },
      grant_controls: { operator: 'OR', built_in_controls: ['mfa'] },
    });
  };
  test.each(TOS('azuread_group.BG'))('moved { to = %s } fails PG-IAM-3 on the policy', (to) => {
    expect(failing(errorsOf(policy, { moved: [{ from: 'azuread_group.Old', to }] }))).toContain('azuread_conditional_access_policy.P');
  });
  test('controls: the import twin fails; with no moved block the policy passes', () => {
    expect(failing(errorsOf(policy, { import: [{ to: 'azuread_group.BG', id: `/groups/${OTHER}` }] }))).toContain('azuread_conditional_access_policy.P');
    expect(failing(errorsOf(policy))).toEqual([]);
  });
  test('a policy moved into the stack is an existing one: rewritten to users that do not name the administrator, it fails', () => {
    const narrowed = (stack: TerraformStack) => raw(stack, 'P', 'azuread_conditional_access_policy', {
      display_name: 'MFA contractors', state: 'enabled',
      conditions: { client_app_types: ['all'], applications: { included_applications: ['All'] }, users: { included_users: [OTHER] } },
      grant_controls: { operator: 'OR', built_in_controls: ['mfa'] },
    });
    expect(failing(errorsOf(narrowed, { moved: [{ from: 'azuread_conditional_access_policy.Old', to: 'azuread_conditional_access_policy.P' }] }))).toContain('azuread_conditional_access_policy.P');
    expect(failing(errorsOf(narrowed))).toEqual([]);
  });
});

describe('a user moved into the stack may be the administrator (later-groups.ts adoptedGroup, administrator-credentials.ts)', () => {
  const user = (stack: TerraformStack) => raw(stack, 'U', 'azuread_user', { user_principal_name: 'someone@contoso.com', display_name: 'someone', password: 'Changed-1234!' });
  test.each(TOS('azuread_user.U'))('moved { to = %s } setting its password fails PG-IAM-3', (to) => {
    expect(failing(errorsOf(user, { moved: [{ from: 'azuread_user.Old', to }] }))).toContain('azuread_user.U');
  });
  test('control: a new user with a password passes', () => {
    expect(failing(errorsOf(user))).toEqual([]);
  });
});

describe('an import `to` is read by every spelling Terraform accepts, its id too (stack-created.ts importInto)', () => {
  // The administrator group "db-admins" adopted into a group resource of the stack that lists members: its members administer the server.
  const group = (stack: TerraformStack) => raw(stack, 'G', 'azuread_group', { display_name: 'team', security_enabled: true, members: [USER] });
  test.each(TOS('azuread_group.G').concat([' azuread_group . G ']))('import { to = %s } of the administrator group fails PG-IAM-3; of another group it passes', (to) => {
    expect(failing(errorsOf(group, { import: [{ to, id: `/groups/${ADMIN_OBJECT_ID}` }] }, true))).toContain('azuread_group.G');
    expect(failing(errorsOf(group, { import: [{ to, id: `/groups/${OTHER}` }] }, true))).toEqual([]);
  });
  test('a moved block into it may hold the administrator group: it fails PG-IAM-3 (no ID says which group it is)', () => {
    expect(failing(errorsOf(group, { moved: [{ from: 'azuread_group.Old', to: 'resource.azuread_group.G' }] }, true))).toContain('azuread_group.G');
  });
});
