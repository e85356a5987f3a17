import { TerraformDataSource, TerraformLocal, TerraformResource, TerraformVariable } from 'cdktf';
import { EntraPrincipalType, SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, synthErrors } from '../helpers';

// Twenty-second review, A22a-1: an administrator found by an Entra lookup by name may be a principal the stack makes whose name, or
// the lookup's, is known only at apply time (a variable, a template, a for_each item, a local): it is judged as each such principal.

type Block = readonly [type: string, id: string, config: { readonly [key: string]: unknown }];

/** PG-IAM-3's errors of a stack whose construct's administrator is data.<lookupType>.found's attribute, beside the blocks. */
function errors(lookupType: string, lookupConfig: { readonly [key: string]: unknown }, blocks: readonly Block[], principalType = EntraPrincipalType.GROUP, attribute = 'object_id'): string[] {
  const stack = providerStack();
  new TerraformVariable(stack, 'env', { type: 'string' });
  new TerraformVariable(stack, 'name', { type: 'string' });
  new TerraformLocal(stack, 'group_name', '${"grp-"}${var.env}');
  for (const [type, id, config] of blocks) {
    const made = new TerraformResource(stack, id, { terraformResourceType: type });
    for (const [key, value] of Object.entries(config)) made.addOverride(key, value);
  }
  const lookup = new TerraformDataSource(stack, 'found', { terraformResourceType: lookupType });
  for (const [key, value] of Object.entries(lookupConfig)) lookup.addOverride(key, value);
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ entraAdministrators: [{ objectId: lookup.getStringAttribute(attribute), principalName: 'grp-dba', principalType }] }));
  return synthErrors(stack).filter((line) => line.includes(' PG-IAM-3 '));
}

/** The addresses PG-IAM-3's errors are on (the resource each message starts with). */
function failed(lines: readonly string[]): string[] {
  return lines.map((line) => /PG-IAM-3 \S*?\s*(\S+)/.exec(line.slice(line.indexOf(' PG-IAM-3 ')))?.[1] ?? line);
}

const OWNER = '11111111-1111-1111-1111-111111111111';
const group = (name: unknown, extra: { readonly [key: string]: unknown } = {}): Block => ['azuread_group', 'made', { display_name: name, security_enabled: true, ...extra }];
const owned = (name: unknown): Block => group(name, { owners: [OWNER] });

describe('a lookup by a literal name, a principal named only at apply time', () => {
  test.each([
    ['a template of a variable', 'grp-${var.env}'],
    ['a variable', '${var.name}'],
    ['a local read from a variable', '${local.group_name}'],
    ['a template with a literal end', '${var.env}-dba'],
    ['a conditional', '${var.env == "prod" ? "grp-dba" : "grp-test"}'],
  ])('a group named by %s, with owners, fails on the group; without them it passes', (_, name) => {
    const lines = errors('azuread_group', { display_name: 'GRP-DBA' }, [owned(name)]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/azuread_group\.made lists the owners of azuread_group\.made: .* through data\.azuread_group\.found, whose display_name "GRP-DBA" may return azuread_group\.made/);
    expect(errors('azuread_group', { display_name: 'GRP-DBA' }, [group(name)])).toEqual([]);
  });

  test.each([
    ['a template whose literal start differs', 'app-${var.env}'],
    ['a template whose literal end differs', '${var.env}-ops'],
    ['a conditional of other names', '${var.env == "prod" ? "grp-ops" : "grp-test"}'],
    ['another literal', 'grp-ops'],
  ])('a group named by %s cannot be the one looked up: it passes', (_, name) => {
    expect(errors('azuread_group', { display_name: 'grp-dba' }, [owned(name)])).toEqual([]);
  });

  test('a for_each group whose items may spell the name fails; items that cannot, pass', () => {
    const each = (items: string[]): Block => ['azuread_group', 'made', { for_each: items, display_name: 'grp-${each.key}', security_enabled: true, owners: [OWNER] }];
    expect(failed(errors('azuread_group', { display_name: 'grp-dba' }, [each(['dba', 'ops'])]))).toEqual(['azuread_group.made']);
    expect(errors('azuread_group', { display_name: 'grp-dba' }, [each(['web', 'ops'])])).toEqual([]);
    expect(failed(errors('azuread_group', { display_name: 'grp-dba' }, [['azuread_group', 'made', { for_each: '${var.groups}', display_name: '${each.value}', security_enabled: true, owners: [OWNER] }]]))).toEqual(['azuread_group.made']);
  });

  test('a member added to the group, a Public visibility, a mail nickname lookup, a plural lookup and a prefix fail alike', () => {
    const member: Block = ['azuread_group_member', 'm', { group_object_id: '${azuread_group.made.object_id}', member_object_id: OWNER }];
    expect(failed(errors('azuread_group', { display_name: 'grp-dba' }, [group('grp-${var.env}'), member]))).toEqual(['azuread_group_member.m']);
    expect(failed(errors('azuread_group', { display_name: 'grp-dba' }, [group('grp-${var.env}', { mail_enabled: true, types: ['Unified'], visibility: 'Public', mail_nickname: 'x' })]))).toEqual(['azuread_group.made']);
    expect(failed(errors('azuread_group', { mail_nickname: 'grpdba' }, [group('x', { mail_nickname: 'grp${var.env}', owners: [OWNER] })]))).toEqual(['azuread_group.made']);
    expect(failed(errors('azuread_groups', { display_names: ['grp-dba'] }, [owned('grp-${var.env}')], EntraPrincipalType.GROUP, 'object_ids[0]'))).toEqual(['azuread_group.made']);
    expect(failed(errors('azuread_groups', { display_name_prefix: 'grp-' }, [owned('${var.env}-grp')], EntraPrincipalType.GROUP, 'object_ids[0]'))).toEqual(['azuread_group.made']);
    expect(errors('azuread_groups', { display_name_prefix: 'grp-' }, [owned('app-${var.env}')], EntraPrincipalType.GROUP, 'object_ids[0]')).toEqual([]);
  });

  test('a group a Graph post makes, its name or its whole body known only at apply time, is judged by its body', () => {
    const post = (body: unknown): Block => ['msgraph_resource', 'g', { url: 'groups', body }];
    expect(failed(errors('azuread_group', { display_name: 'grp-dba' }, [post({ displayName: '${var.name}', securityEnabled: true, 'owners@odata.bind': [`https://graph.microsoft.com/v1.0/users/${OWNER}`] })]))).toEqual(['msgraph_resource.g']);
    expect(errors('azuread_group', { display_name: 'grp-dba' }, [post({ displayName: '${var.name}', securityEnabled: true })])).toEqual([]);
    expect(failed(errors('azuread_group', { display_name: 'grp-dba' }, [post('${var.body}')]))).toEqual(['msgraph_resource.g']);
  });

  test('a user named only at apply time, with a password or reset contact, fails; a service principal by an application named so fails closed', () => {
    const user = (extra: object): Block => ['azuread_user', 'u', { user_principal_name: '${var.name}@contoso.com', display_name: 'x', ...extra }];
    expect(failed(errors('azuread_user', { user_principal_name: 'dba@contoso.com' }, [user({ password: 'x' })], EntraPrincipalType.USER))).toEqual(['azuread_user.u']);
    expect(failed(errors('azuread_user', { user_principal_name: 'dba@contoso.com' }, [user({ other_mails: ['a@evil.example'] })], EntraPrincipalType.USER))).toEqual(['azuread_user.u']);
    expect(errors('azuread_user', { user_principal_name: 'dba@fabrikam.com' }, [user({ password: 'x' })], EntraPrincipalType.USER)).toEqual([]);
    expect(errors('azuread_user', { user_principal_name: 'dba@contoso.com' }, [user({})], EntraPrincipalType.USER)).toEqual([]);
    const app: Block = ['azuread_application', 'app', { display_name: 'db-${var.env}' }];
    expect(failed(errors('azuread_service_principal', { display_name: 'db-app' }, [app], EntraPrincipalType.SERVICE_PRINCIPAL))).toEqual([expect.stringMatching(/^azurerm_postgresql_flexible_server_active_directory_administrator\./)]);
    expect(errors('azuread_service_principal', { display_name: 'db-app' }, [['azuread_application', 'app', { display_name: 'web-${var.env}' }]], EntraPrincipalType.SERVICE_PRINCIPAL)).toEqual([]);
  });
});

describe('the reverse: a lookup by a name known only at apply time, a principal named by a literal', () => {
  test('it may return the principal: a weakened one fails, an untouched one and another kind pass', () => {
    expect(failed(errors('azuread_group', { display_name: '${var.name}' }, [owned('grp-dba')]))).toEqual(['azuread_group.made']);
    expect(failed(errors('azuread_group', { display_name: 'grp-${var.env}' }, [owned('grp-dba')]))).toEqual(['azuread_group.made']);
    expect(errors('azuread_group', { display_name: 'app-${var.env}' }, [owned('grp-dba')])).toEqual([]);
    expect(errors('azuread_group', { display_name: '${var.name}' }, [group('grp-dba')])).toEqual([]);
    expect(errors('azuread_user', { user_principal_name: '${var.name}' }, [owned('grp-dba')], EntraPrincipalType.USER)).toEqual([]);
  });
});

describe('azuread 3.x principals found by name (A22a-4) and invited users (A22a-2)', () => {
  const bare: Block = ['azuread_group_without_members', 'g', { display_name: 'grp-dba', security_enabled: true }];
  const ownedBare: Block = ['azuread_group_without_members', 'g', { display_name: 'grp-dba', security_enabled: true, owners: [OWNER] }];
  const member: Block = ['azuread_group_member', 'm', { group_object_id: '${azuread_group_without_members.g.object_id}', member_object_id: OWNER }];

  test('a group without members found by its name is judged as it: its owners and the members the stack adds fail, a bare one passes', () => {
    expect(failed(errors('azuread_group', { display_name: 'grp-dba' }, [ownedBare]))).toEqual(['azuread_group_without_members.g']);
    expect(failed(errors('azuread_group', { display_name: 'grp-dba' }, [bare, member]))).toEqual(['azuread_group_member.m']);
    expect(failed(errors('azuread_groups', { display_names: ['grp-dba'] }, [bare, member], EntraPrincipalType.GROUP, 'object_ids[0]'))).toEqual(['azuread_group_member.m']);
    expect(failed(errors('azuread_group', { display_name: 'grp-dba' }, [['azuread_group_without_members', 'g', { display_name: 'grp-${var.env}', owners: [OWNER] }]]))).toEqual(['azuread_group_without_members.g']);
    expect(errors('azuread_group', { display_name: 'grp-dba' }, [bare])).toEqual([]);
    expect(errors('azuread_group', { display_name: 'grp-ops' }, [ownedBare, member])).toEqual([]);
  });

  test('a service principal found by the name of an application made from a template or as a registration fails closed', () => {
    for (const type of ['azuread_application_from_template', 'azuread_application_registration']) {
      expect(failed(errors('azuread_service_principal', { display_name: 'db-app' }, [[type, 't', { display_name: 'db-app', template_id: 'x' }]], EntraPrincipalType.SERVICE_PRINCIPAL)))
        .toEqual([expect.stringMatching(/^azurerm_postgresql_flexible_server_active_directory_administrator\./)]);
      expect(errors('azuread_service_principal', { display_name: 'web-app' }, [[type, 't', { display_name: 'db-app', template_id: 'x' }]], EntraPrincipalType.SERVICE_PRINCIPAL)).toEqual([]);
    }
  });

  test('a user found by the invited address (mail) or the guest user principal name Entra gives it is the invited, external user', () => {
    const invitation: Block = ['azuread_invitation', 'inv', { user_email_address: 'dba@partner.example', redirect_url: 'https://portal.azure.com' }];
    expect(failed(errors('azuread_user', { mail: 'DBA@partner.example' }, [invitation], EntraPrincipalType.USER))).toEqual(['azuread_invitation.inv']);
    expect(failed(errors('azuread_users', { mails: ['dba@partner.example'] }, [invitation], EntraPrincipalType.USER, 'object_ids[0]'))).toEqual(['azuread_invitation.inv']);
    expect(failed(errors('azuread_user', { user_principal_name: 'dba_partner.example#EXT#@contoso.onmicrosoft.com' }, [invitation], EntraPrincipalType.USER))).toEqual(['azuread_invitation.inv']);
    const graph: Block = ['msgraph_resource', 'inv', { url: 'invitations', body: { invitedUserEmailAddress: '${var.mail}', inviteRedirectUrl: 'https://x' } }];
    expect(failed(errors('azuread_user', { mail: 'dba@partner.example' }, [graph], EntraPrincipalType.USER))).toEqual(['msgraph_resource.inv']);
    // A user of the tenant, by its own address or user principal name, is not the invited one.
    expect(errors('azuread_user', { mail: 'dba@contoso.com' }, [invitation], EntraPrincipalType.USER)).toEqual([]);
    expect(errors('azuread_user', { user_principal_name: 'dba@contoso.com' }, [invitation], EntraPrincipalType.USER)).toEqual([]);
  });
});

describe('the Microsoft Graph form of a lookup by name (msgraph_resource data source searching a collection)', () => {
  /** A msgraph search of the collection by the filter, its first result's id exported as `id`. */
  const search = (url: string, filter?: string) => ({ url, ...(filter === undefined ? {} : { query_parameters: { $filter: [filter] } }), response_export_values: { id: 'value[0].id' } });

  test('a filter on a name a principal the stack makes may bear, literal or known only at apply time, judges or fails the administrator; another name passes', () => {
    // A search by a name may find another object of the name first: a literal name a principal bears fails closed on the administrator.
    expect(failed(errors('msgraph_resource', search('groups', "displayName eq 'grp-dba'"), [group('grp-dba')], EntraPrincipalType.GROUP, 'output.id')))
      .toEqual([expect.stringMatching(/^azurerm_postgresql_flexible_server_active_directory_administrator\./)]);
    expect(failed(errors('msgraph_resource', search('groups', "displayName eq 'grp-dba' and securityEnabled eq true"), [owned('grp-${var.env}')], EntraPrincipalType.GROUP, 'output.id'))).toEqual(['azuread_group.made']);
    expect(failed(errors('msgraph_resource', search('/v1.0/groups', "startswith(displayName, 'grp-')"), [owned('${var.name}')], EntraPrincipalType.GROUP, 'output.id'))).toEqual(['azuread_group.made']);
    expect(failed(errors('msgraph_resource', search('groups', "displayName eq '${var.name}'"), [owned('grp-dba')], EntraPrincipalType.GROUP, 'output.id'))).toEqual(['azuread_group.made']);
    expect(errors('msgraph_resource', search('groups', "displayName eq 'grp-dba'"), [owned('app-${var.env}')], EntraPrincipalType.GROUP, 'output.id')).toEqual([]);
    expect(errors('msgraph_resource', search('groups', "displayName eq 'grp-dba'"), [group('grp-${var.env}')], EntraPrincipalType.GROUP, 'output.id')).toEqual([]);
  });

  test('a user by its user principal name in the URL, and a search with no filter or one not read, may return the principal', () => {
    const invitation: Block = ['azuread_invitation', 'inv', { user_email_address: 'dba@partner.example', redirect_url: 'https://x' }];
    expect(failed(errors('msgraph_resource', { url: 'users/dba_partner.example%23EXT%23@contoso.onmicrosoft.com', response_export_values: { id: 'id' } }, [invitation], EntraPrincipalType.USER, 'output.id'))).toEqual(['azuread_invitation.inv']);
    expect(failed(errors('msgraph_resource', search('groups'), [group('x')], EntraPrincipalType.GROUP, 'output.id'))).toHaveLength(1);
    expect(failed(errors('msgraph_resource', search('groups', "displayName eq 'a' or mail eq 'b'"), [group('x')], EntraPrincipalType.GROUP, 'output.id'))).toHaveLength(1);
    // A search by object ID is another object's (a literal) or read by the ID readers.
    expect(errors('msgraph_resource', search('groups', "id eq '0b6a1c5e-0000-0000-0000-000000000000'"), [owned('grp-dba')], EntraPrincipalType.GROUP, 'output.id')).toEqual([]);
  });
});

// Twenty-fourth review, A24a-4: a name holding a template directive (%{if}, %{for}), constant or not, on either side, was compared
// as its raw text and matched nothing. The evaluator does not read a directive: such a name may be any name.
describe('a name with a template directive, on either side, may be any name (A24a-4)', () => {
  const DIRECTIVES = [
    ['a constant if', 'grp-%{if true}dba%{endif}'],
    ['an if on a variable', 'grp-%{if var.env == "prod"}dba%{else}ops%{endif}'],
    ['a for', '%{for x in ["grp-dba"]}${x}%{endfor}'],
    ['a stripped if', 'grp-%{~ if true ~}dba%{~ endif ~}'],
    ['an unrelated-looking if', 'app-%{if false}x%{endif}'],
  ];

  test.each(DIRECTIVES)('a made group named with %s, with owners, fails on the group; without owners it passes', (_, name) => {
    expect(failed(errors('azuread_group', { display_name: 'grp-dba' }, [owned(name)]))).toEqual(['azuread_group.made']);
    expect(failed(errors('azuread_groups', { display_names: ['grp-dba'] }, [owned(name)], EntraPrincipalType.GROUP, 'object_ids[0]'))).toEqual(['azuread_group.made']);
    expect(failed(errors('azuread_groups', { display_name_prefix: 'grp-' }, [owned(name)], EntraPrincipalType.GROUP, 'object_ids[0]'))).toEqual(['azuread_group.made']);
    expect(failed(errors('azuread_group', { mail_nickname: 'grpdba' }, [group('x', { mail_nickname: name, owners: [OWNER] })]))).toEqual(['azuread_group.made']);
    const post: Block = ['msgraph_resource', 'g', { url: 'groups', body: { displayName: name, securityEnabled: true, 'owners@odata.bind': [`https://graph.microsoft.com/v1.0/users/${OWNER}`] } }];
    expect(failed(errors('azuread_group', { display_name: 'grp-dba' }, [post]))).toEqual(['msgraph_resource.g']);
    expect(errors('azuread_group', { display_name: 'grp-dba' }, [group(name)])).toEqual([]);
  });

  test.each(DIRECTIVES)('a lookup named with %s may return a made group: an owned one fails, an untouched one passes', (_, name) => {
    expect(failed(errors('azuread_group', { display_name: name }, [owned('grp-dba')]))).toEqual(['azuread_group.made']);
    expect(failed(errors('azuread_groups', { display_names: [name] }, [owned('grp-dba')], EntraPrincipalType.GROUP, 'object_ids[0]'))).toEqual(['azuread_group.made']);
    expect(failed(errors('azuread_user', { user_principal_name: `${name}@contoso.com` }, [['azuread_user', 'u', { user_principal_name: 'dba@contoso.com', display_name: 'x', password: 'x' }]], EntraPrincipalType.USER))).toEqual(['azuread_user.u']);
    expect(errors('azuread_group', { display_name: name }, [group('grp-dba')])).toEqual([]);
  });

  test('a msgraph search with a directive in its filter (in a name or around the clauses) may return a made group; in the made body too', () => {
    const search = (filter: string) => ({ url: 'groups', query_parameters: { $filter: [filter] }, response_export_values: { id: 'value[0].id' } });
    for (const filter of ["displayName eq 'grp-%{if true}dba%{endif}'", "startswith(displayName, '%{if true}grp%{endif}')", "%{if true}displayName eq 'grp-dba'%{endif}", "displayName eq 'x' %{if true}and mail eq 'y'%{endif}"]) {
      expect(failed(errors('msgraph_resource', search(filter), [owned('grp-dba')], EntraPrincipalType.GROUP, 'output.id'))).toHaveLength(1);
    }
    expect(failed(errors('msgraph_resource', search("displayName eq 'grp-dba'"), [owned('grp-%{if true}dba%{endif}')], EntraPrincipalType.GROUP, 'output.id'))).toEqual(['azuread_group.made']);
    expect(failed(errors('msgraph_resource', { url: 'users/%{if true}dba%{endif}@contoso.com', response_export_values: { id: 'id' } }, [['azuread_user', 'u', { user_principal_name: 'dba@contoso.com', display_name: 'x', password: 'x' }]], EntraPrincipalType.USER, 'output.id'))).toEqual(['azuread_user.u']);
    expect(errors('msgraph_resource', search("displayName eq 'grp-%{if true}dba%{endif}'"), [group('grp-dba')], EntraPrincipalType.GROUP, 'output.id')).toEqual([]);
    // A "%" that starts no URL escape is read as written (decodeURIComponent threw on it).
    expect(errors('msgraph_resource', { url: 'users/dba%@contoso.com', response_export_values: { id: 'id' } }, [['azuread_user', 'u', { user_principal_name: 'dba@contoso.com', display_name: 'x', password: 'x' }]], EntraPrincipalType.USER, 'output.id')).toEqual([]);
  });

  test('an escaped directive (%%{) is literal text, compared as such', () => {
    expect(errors('azuread_group', { display_name: 'grp-dba' }, [owned('grp-%%{if true}dba%%{endif}')])).toEqual([]);
    expect(errors('azuread_group', { display_name: 'grp-%%{x}' }, [owned('grp-dba')])).toEqual([]);
    expect(failed(errors('azuread_group', { display_name: 'grp-%{x}' }, [owned('grp-%%{x}')]))).toEqual(['azuread_group.made']);
    const search = { url: 'groups', query_parameters: { $filter: ["displayName eq 'grp-%%{x}'"] }, response_export_values: { id: 'value[0].id' } };
    expect(errors('msgraph_resource', search, [owned('grp-dba')], EntraPrincipalType.GROUP, 'output.id')).toEqual([]);
  });
});

// Twenty-fourth review, A24a-5: an azuread_user without mail_nickname gets the user name part of its user principal name (azuread
// docs: "Defaults to the user name part of the user principal name (UPN)"); a lookup by that nickname returns it.
describe('a made user\'s mail nickname defaults to its UPN\'s user part (A24a-5)', () => {
  const user = (upn: unknown, extra: object = { password: 'S3cret-from-the-stack!' }): Block => ['azuread_user', 'u', { user_principal_name: upn, display_name: 'x', ...extra }];

  test('a lookup by the nickname (singular, plural, msgraph filter) of a user with a password fails on the user', () => {
    expect(failed(errors('azuread_user', { mail_nickname: 'dba' }, [user('dba@contoso.com')], EntraPrincipalType.USER))).toEqual(['azuread_user.u']);
    expect(failed(errors('azuread_user', { mail_nickname: 'DBA' }, [user('dba@contoso.com')], EntraPrincipalType.USER))).toEqual(['azuread_user.u']);
    expect(failed(errors('azuread_users', { mail_nicknames: ['dba'] }, [user('dba@contoso.com')], EntraPrincipalType.USER, 'object_ids[0]'))).toEqual(['azuread_user.u']);
    const search = { url: 'users', query_parameters: { $filter: ["mailNickname eq 'dba'"] }, response_export_values: { id: 'value[0].id' } };
    expect(failed(errors('msgraph_resource', search, [user('dba@contoso.com')], EntraPrincipalType.USER, 'output.id'))).toHaveLength(1);
    // Reset contacts weaken the user too.
    expect(failed(errors('azuread_user', { mail_nickname: 'dba' }, [user('dba@contoso.com', { other_mails: ['a@evil.example'] })], EntraPrincipalType.USER))).toEqual(['azuread_user.u']);
  });

  test('a user principal name known only at apply time gives a nickname known then', () => {
    expect(failed(errors('azuread_user', { mail_nickname: 'dba' }, [user('${var.name}@contoso.com')], EntraPrincipalType.USER))).toEqual(['azuread_user.u']);
    expect(failed(errors('azuread_user', { mail_nickname: 'dba' }, [user('${var.name}')], EntraPrincipalType.USER))).toEqual(['azuread_user.u']);
    expect(failed(errors('azuread_user', { mail_nickname: 'dba' }, [user('d${var.env}@contoso.com')], EntraPrincipalType.USER))).toEqual(['azuread_user.u']);
    expect(failed(errors('azuread_user', { mail_nickname: 'dba' }, [user('${var.env == "p" ? "dba@contoso.com" : "ops@contoso.com"}')], EntraPrincipalType.USER))).toEqual(['azuread_user.u']);
    expect(failed(errors('azuread_user', { mail_nickname: '${var.name}' }, [user('dba@contoso.com')], EntraPrincipalType.USER))).toEqual(['azuread_user.u']);
    const each = (keys: string[]): Block => ['azuread_user', 'u', { for_each: keys, user_principal_name: '${each.key}@contoso.com', display_name: 'x', password: 'x' }];
    expect(failed(errors('azuread_user', { mail_nickname: 'dba' }, [each(['dba', 'ops'])], EntraPrincipalType.USER))).toEqual(['azuread_user.u']);
    expect(errors('azuread_user', { mail_nickname: 'dba' }, [each(['web', 'ops'])], EntraPrincipalType.USER)).toEqual([]);
    // Its user part cannot be the nickname looked up.
    expect(errors('azuread_user', { mail_nickname: 'dba' }, [user('ops-${var.env}@contoso.com')], EntraPrincipalType.USER)).toEqual([]);
    expect(errors('azuread_user', { mail_nickname: 'dba' }, [user('${var.env == "p" ? "web@contoso.com" : "ops@contoso.com"}')], EntraPrincipalType.USER)).toEqual([]);
  });

  test('controls: a written nickname wins, another user part, an untouched user and the domain part pass', () => {
    expect(errors('azuread_user', { mail_nickname: 'dba' }, [user('dba@contoso.com', { mail_nickname: 'other', password: 'x' })], EntraPrincipalType.USER)).toEqual([]);
    expect(failed(errors('azuread_user', { mail_nickname: 'other' }, [user('dba@contoso.com', { mail_nickname: 'other', password: 'x' })], EntraPrincipalType.USER))).toEqual(['azuread_user.u']);
    expect(errors('azuread_user', { mail_nickname: 'dba' }, [user('ops@contoso.com')], EntraPrincipalType.USER)).toEqual([]);
    expect(errors('azuread_user', { mail_nickname: 'contoso.com' }, [user('dba@contoso.com')], EntraPrincipalType.USER)).toEqual([]);
    expect(errors('azuread_user', { mail_nickname: 'dba' }, [user('dba@contoso.com', {})], EntraPrincipalType.USER)).toEqual([]);
  });
});

// Found with A24a-5 (every name argument of a lookup read): data.azuread_application by identifier_uri finds an application the stack
// makes whose identifier_uris (or an azuread_application_identifier_uri block on it, or a Graph post's identifierUris) hold it.
describe('an application looked up by an identifier URI (with A24a-5)', () => {
  /** PG-IAM-3's errors of a service principal administrator read through data.azuread_application.found's client ID. */
  function throughApplication(lookupConfig: { readonly [key: string]: unknown }, blocks: readonly Block[]): string[] {
    const stack = providerStack();
    new TerraformVariable(stack, 'name', { type: 'string' });
    for (const [type, id, config] of blocks) {
      const made = new TerraformResource(stack, id, { terraformResourceType: type });
      for (const [key, value] of Object.entries(config)) made.addOverride(key, value);
    }
    const lookup = new TerraformDataSource(stack, 'found', { terraformResourceType: 'azuread_application' });
    for (const [key, value] of Object.entries(lookupConfig)) lookup.addOverride(key, value);
    const principal = new TerraformDataSource(stack, 'sp', { terraformResourceType: 'azuread_service_principal' });
    principal.addOverride('client_id', '${data.azuread_application.found.client_id}');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ entraAdministrators: [{ objectId: principal.getStringAttribute('object_id'), principalName: 'db-app', principalType: EntraPrincipalType.SERVICE_PRINCIPAL }] }));
    return synthErrors(stack).filter((line) => line.includes(' PG-IAM-3 '));
  }
  const secret: Block = ['azuread_application_password', 'pw', { application_id: '${azuread_application.app.id}' }];
  const app = (extra: object): Block => ['azuread_application', 'app', { display_name: 'x', ...extra }];

  test('an application that may bear the URI fails (closed: its service principal is not read); another URI passes', () => {
    expect(throughApplication({ identifier_uri: 'api://db' }, [app({ identifier_uris: ['api://db'] }), secret])).not.toEqual([]);
    expect(throughApplication({ identifier_uri: 'API://DB' }, [app({ identifier_uris: ['https://x', 'api://db'] }), secret])).not.toEqual([]);
    expect(throughApplication({ identifier_uri: 'api://db' }, [app({ identifier_uris: ['api://${var.name}'] }), secret])).not.toEqual([]);
    expect(throughApplication({ identifier_uri: 'api://db' }, [app({ identifier_uris: '${var.uris}' }), secret])).not.toEqual([]);
    expect(throughApplication({ identifier_uri: '${var.name}' }, [app({ identifier_uris: ['api://db'] }), secret])).not.toEqual([]);
    expect(throughApplication({ identifier_uri: 'api://db' }, [app({}), ['azuread_application_identifier_uri', 'u', { application_id: '${azuread_application.app.id}', identifier_uri: 'api://db' }], secret])).not.toEqual([]);
    expect(throughApplication({ identifier_uri: 'api://db' }, [app({}), ['azuread_application_identifier_uri', 'u', { application_id: '${var.name}', identifier_uri: 'api://db' }], secret])).not.toEqual([]);
    expect(throughApplication({ identifier_uri: 'api://db' }, [['msgraph_resource', 'app', { url: 'applications', body: { displayName: 'x', identifierUris: ['api://db'], passwordCredentials: [{ displayName: 's' }] } }]])).not.toEqual([]);
    // Controls.
    expect(throughApplication({ identifier_uri: 'api://db' }, [app({ identifier_uris: ['api://web'] }), secret])).toEqual([]);
    expect(throughApplication({ identifier_uri: 'api://db' }, [app({ identifier_uris: ['https://${var.name}'] }), secret])).toEqual([]);
    // A literal URI an application the stack makes bears, which the aliases do not tie: fails closed on the administrator, as a literal name does.
    expect(failed(throughApplication({ identifier_uri: 'api://db' }, [app({ identifier_uris: ['api://db'] })]))).toEqual([expect.stringMatching(/^azurerm_postgresql_flexible_server_active_directory_administrator\./)]);
    expect(throughApplication({ identifier_uri: 'api://db' }, [app({ identifier_uris: ['api://db'] })])[0]).toMatch(/identifier_uri "api:\/\/db" of data\.azuread_application\.found, whose client ID it reads/);
    expect(throughApplication({ identifier_uri: 'api://db' }, [app({}), ['azuread_application_identifier_uri', 'u', { application_id: '${azuread_application.app.id}', identifier_uri: 'api://web' }], secret])).toEqual([]);
  });
});
