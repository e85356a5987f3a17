import { rule } from '../../lib/checks/rules/PG-IAM-3';
import { CREDENTIAL_TYPES, INERT_APPLICATION_TYPES, PRINCIPAL_ATTRIBUTES } from '../../lib/checks/administrator-credentials';
import { directoryWriters, READ_OR_GRANTEE } from '../../lib/checks/administrator-groups';
import { POWER_WRITER_TYPES } from '../../lib/checks/administrator-powers';
import { groupPointerOf } from '../../lib/checks/later-groups';
import { AZUREAD_OTHER_TYPES, AZUREAD_PRINCIPALS, GRAPH_FIELDS, GRAPH_PRINCIPALS, INVITED, PrincipalKind, principalWriter } from '../../lib/checks/principal-writers';
import { Verdict } from '../../lib/checks/rule';
import { buildStackModel, TerraformBlock } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// Twenty-first review (A21a-6, A21a-3): a principal the stack makes is judged alike whichever provider writes it. Every azuread
// attribute the administrator checks read has its Graph counterpart read too, and a user handed to another authority (its
// on-premises anchor, a federated identity of another issuer) is one someone else can act as.

const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';

/** The addresses PG-IAM-3 fails beside an administrator reading `objectId`, or its one other verdict. */
function failed(objectId: string, type: 'User' | 'ServicePrincipal', resources: Resources): readonly string[] {
  const own: TerraformBlock = {
    ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: '11111111-2222-3333-4444-555555555555',
    object_id: objectId, principal_name: type === 'User' ? 'dba@contoso.com' : 'db-admin-app', principal_type: type,
  };
  const model = buildStackModel({ resource: { [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } }, [ADMINISTRATOR]: { own }, ...resources } });
  const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
  return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
}

/** failed() over a whole JSON (import blocks beside the resources). */
function failedIn(objectId: string, json: { resource: Resources; import?: object[] }): readonly string[] {
  const own: TerraformBlock = {
    ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: '11111111-2222-3333-4444-555555555555',
    object_id: objectId, principal_name: 'dba@contoso.com', principal_type: 'User',
  };
  const model = buildStackModel({ ...json, resource: { [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } }, [ADMINISTRATOR]: { own }, ...json.resource } });
  const result = rule.evaluate(model.servers.find((server) => server.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
  return (Array.isArray(result) ? result : [result as Verdict]).map((verdict) => (verdict.status === 'fail' ? verdict.address! : verdict.status));
}

/** A value of an attribute that sets it (a federated identity of another issuer for identities). */
const VALUES: { readonly [attribute: string]: unknown } = {
  password: 'Xx1!known-to-the-state', owners: ['cccccccc-0000-0000-0000-000000000001'], key_credentials: [{ type: 'AsymmetricX509Cert', usage: 'Verify', key: 'TUlJQw==' }],
  federated_identity_credentials: [{ name: 'gh', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:x/y:ref:refs/heads/main', audiences: ['api://AzureADTokenExchange'] }],
  other_mails: ['recovery@evil.example'], mobile_phone: '+1 555 0100', business_phones: ['+1 555 0101'], onpremises_immutable_id: 'AAAAAAAAAAAAAAAAAAAAAA==',
  user_type: 'Guest', onpremises_sync_enabled: true, identities: [{ signInType: 'federated', issuer: 'facebook.com', issuerAssignedId: '5eecb5cd' }],
  disable_strong_password: 'DisablePasswordExpiration, DisableStrongPassword',
};

/** The Graph field of a kind that is the counterpart of an azuread argument. */
const graphField = (kind: PrincipalKind, attribute: string): string | undefined => Object.entries(GRAPH_FIELDS[kind]).find(([, argument]) => argument === attribute)?.[0];

/** The stack's principal of a kind made through Graph with one field, and the administrator reading it (a service principal through its application). */
function graphMade(kind: PrincipalKind, field: string | undefined, value: unknown): readonly string[] {
  const body = field === undefined ? {} : { [field]: value };
  if (kind === 'user') return failed('${msgraph_resource.p.id}', 'User', { msgraph_resource: { p: { url: 'users', body: { userPrincipalName: 'dba@contoso.com', ...body } } } });
  if (kind === 'servicePrincipal') return failed('${msgraph_resource.p.id}', 'ServicePrincipal', { msgraph_resource: { p: { url: '/v1.0/servicePrincipals', body: { appId: '22222222-0000-0000-0000-000000000000', ...body } } } });
  return failed('${msgraph_resource.sp.id}', 'ServicePrincipal', { msgraph_resource: {
    p: { url: 'https://graph.microsoft.com/beta/applications', body: { displayName: 'db-admin-app', ...body } },
    sp: { url: 'servicePrincipals', body: { appId: '${msgraph_resource.p.output.appId}' } },
  } });
}

// An invitation is no field of a user's body: Graph posts it to its own collection (tested below).
const ROWS = Object.entries(PRINCIPAL_ATTRIBUTES).flatMap(([kind, row]) => Object.keys(row!.attributes).filter((attribute) => attribute !== INVITED).map((attribute) => [kind as PrincipalKind, attribute] as const));

test.each(ROWS)('every %s attribute the administrator checks read (%s) has a Graph counterpart', (kind, attribute) => {
  expect(graphField(kind, attribute)).toBeDefined();
  expect(VALUES[attribute]).toBeDefined();
});

test.each(ROWS)('a %s administrator the stack makes with msgraph_resource fails PG-IAM-3 when its body sets %s, and passes without it', (kind, attribute) => {
  const field = graphField(kind, attribute)!;
  expect(graphMade(kind, field, VALUES[attribute])).toEqual(['msgraph_resource.p']);
  // In any case of the field's name.
  expect(graphMade(kind, field.toUpperCase(), VALUES[attribute])).toEqual(['msgraph_resource.p']);
  expect(graphMade(kind, undefined, undefined)).toEqual(['pass']);
});

test.each(ROWS.filter(([kind]) => kind === 'user'))('the azuread twin of a %s attribute %s fails too (the tables name the same attribute)', (_kind, attribute) => {
  // Graph-only fields (a federated identity, on-premises sync) have no azuread argument: the azuread_user has none to write.
  if (['identities', 'onpremises_sync_enabled', 'user_type'].includes(attribute)) return;
  expect(failed('${azuread_user.u.object_id}', 'User', { azuread_user: { u: { user_principal_name: 'dba@contoso.com', display_name: 'DBA', [attribute]: VALUES[attribute] } } })).toEqual(['azuread_user.u']);
});

describe('twenty-fifth review, A25b-7: a password policy that allows a weak password, written by azuread or Graph, on a made or adopted user', () => {
  const ID = '44444444-4444-4444-4444-444444444444';
  const user = (config: object) => ({ user_principal_name: 'dba@contoso.com', display_name: 'DBA', ...config });
  test.each([[true], ['true'], ['${var.weak}']])('an azuread_user administrator, made or adopted by an import, with disable_strong_password %j fails', (value) => {
    expect(failed('${azuread_user.u.object_id}', 'User', { azuread_user: { u: user({ disable_strong_password: value }) } })).toEqual(['azuread_user.u']);
    const adopted = (id: string, administrator: string) => {
      const model = { resource: { azuread_user: { u: user({ disable_strong_password: value }) } }, import: [{ to: 'azuread_user.u', id }] };
      return failedIn(administrator, model);
    };
    expect(adopted(`/users/${ID}`, ID)).toEqual(['azuread_user.u']);
    expect(adopted('/users/dba@contoso.com', ID)).toEqual(['azuread_user.u']);
    expect(adopted('${var.user}', ID)).toEqual(['azuread_user.u']);
  });
  test('false, and a password that never expires (not read as weakening: Microsoft advises against expiring passwords), pass', () => {
    expect(failedIn(ID, { resource: { azuread_user: { u: user({ disable_strong_password: false, disable_password_expiration: true }) } }, import: [{ to: 'azuread_user.u', id: `/users/${ID}` }] })).toEqual(['pass']);
    expect(failed('${msgraph_resource.p.id}', 'User', { msgraph_resource: { p: { url: 'users', body: { userPrincipalName: 'dba@contoso.com', passwordPolicies: 'DisablePasswordExpiration' } } } })).toEqual(['pass']);
    expect(failed('${msgraph_resource.p.id}', 'User', { msgraph_resource: { p: { url: 'users', body: { userPrincipalName: 'dba@contoso.com', passwordPolicies: 'None' } } } })).toEqual(['pass']);
  });
  test('Graph\'s passwordPolicies holding DisableStrongPassword, in any case or known only later, fails on a user the stack posts; a Graph PATCH of the administrator fails as before', () => {
    expect(failed('${msgraph_resource.p.id}', 'User', { msgraph_resource: { p: { url: 'users', body: { userPrincipalName: 'dba@contoso.com', passwordPolicies: 'disablestrongpassword' } } } })).toEqual(['msgraph_resource.p']);
    expect(failed('${msgraph_resource.p.id}', 'User', { msgraph_resource: { p: { url: 'users', body: { userPrincipalName: 'dba@contoso.com', PasswordPolicies: '${var.p}' } } } })).toEqual(['msgraph_resource.p']);
    expect(failed('${restapi_object.p.id}', 'User', { restapi_object: { p: { path: '/v1.0/users', data: JSON.stringify({ passwordPolicies: 'DisableStrongPassword' }) } } })).toEqual(['restapi_object.p']);
    expect(failed(ID, 'User', { msgraph_update_resource: { p: { url: `users/${ID}`, body: { passwordPolicies: 'DisableStrongPassword' } } } })).toEqual(['msgraph_update_resource.p']);
  });
});

test('every Graph collection of principals is a kind of the table, and every azuread principal type too', () => {
  expect(Object.keys(GRAPH_PRINCIPALS).sort()).toEqual(['applications', 'groups', 'servicePrincipals', 'users']);
  expect(new Set(Object.values(AZUREAD_PRINCIPALS))).toEqual(new Set(Object.values(GRAPH_PRINCIPALS)));
});

test('a Graph body as JSON text, a REST post, and a body known only at apply time are read; a local account\'s identity and sync turned off pass', () => {
  expect(failed('${msgraph_resource.p.id}', 'User', { msgraph_resource: { p: { url: 'users', body: JSON.stringify({ otherMails: ['x@evil.example'] }) } } })).toEqual(['msgraph_resource.p']);
  expect(failed('${restapi_object.p.id}', 'User', { restapi_object: { p: { path: '/v1.0/users', data: JSON.stringify({ mobilePhone: '+1 555 0100' }) } } })).toEqual(['restapi_object.p']);
  expect(failed('${msgraph_resource.p.id}', 'User', { msgraph_resource: { p: { url: 'users', body: '${var.body}' } } })).toEqual(['msgraph_resource.p']);
  const user = (body: object) => failed('${msgraph_resource.p.id}', 'User', { msgraph_resource: { p: { url: 'users', body: { userPrincipalName: 'dba@contoso.com', ...body } } } });
  expect(user({ identities: [{ signInType: 'userPrincipalName', issuer: 'contoso.onmicrosoft.com', issuerAssignedId: 'dba@contoso.com' }] })).toEqual(['pass']);
  expect(user({ onPremisesSyncEnabled: false, otherMails: [], mobilePhone: null })).toEqual(['pass']);
  // Another user the stack makes with a password is not the administrator.
  expect(failed('${msgraph_resource.p.id}', 'User', { msgraph_resource: { p: { url: 'users', body: {} }, other: { url: 'users', body: { passwordProfile: { password: 'x' } } } } })).toEqual(['pass']);
});

test('the message names what the Graph body sets and the administrator', () => {
  const model = buildStackModel({ resource: {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
    [ADMINISTRATOR]: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: 't', object_id: '${msgraph_resource.u.id}', principal_name: 'dba@contoso.com', principal_type: 'User' } },
    msgraph_resource: { u: { url: 'users', body: { onPremisesImmutableId: 'AAAA', passwordProfile: { password: 'x' } } } },
  } });
  const result = rule.evaluate(model.servers[0], { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
  expect(result).toEqual([{
    status: 'fail',
    message: 'msgraph_resource.u sets the password and the on-premises immutable ID (the sourceAnchor an on-premises account hard-matches to take the user over at the next sync) of the user "dba@contoso.com" (object "${msgraph_resource.u.id}"), '
      + `an Entra administrator ${CONSTRUCT} declares: whoever holds a credential of it, or owns it, can sign in to the server as that administrator (azure_pg_admin), and the construct's props do not say so.`,
    address: 'msgraph_resource.u',
  }]);
});

test('a Graph group body is read in the azuread shape in any key case, as an object or a JSON text; a body known only later is unread', () => {
  const read = (body: unknown, url = 'groups') => {
    const model = buildStackModel({ resource: { msgraph_resource: { g: { url, body } } } });
    return principalWriter(model.resources.get('msgraph_resource.g')!)?.fields;
  };
  expect(read({ GroupTypes: ['Unified'], Visibility: 'Public', 'owners@odata.bind': ['x'], description: 'd' })).toEqual({ types: ['Unified'], visibility: 'Public', owners: ['x'] });
  expect(read(JSON.stringify({ membershipRule: 'user.x -eq 1' }))).toEqual({ dynamic_membership: 'user.x -eq 1' });
  expect(read('not json')).toHaveProperty('expression');
  expect(read(undefined)).toEqual({});
  expect(read({ displayName: 'x' }, 'groups/abc/members/$ref')).toBeUndefined();
});

test('a user or service principal administrator made by a Graph or REST request the table does not read as one (an invitation, a template) fails closed; a sensitive_body is read', () => {
  expect(failed('${msgraph_resource.inv.output.invitedUser.id}', 'User', { msgraph_resource: { inv: { url: 'invitations', body: { invitedUserEmailAddress: 'dba@partner.example', inviteRedirectUrl: 'https://x' } } } }))
    .toEqual(['msgraph_resource.inv']);
  expect(failed('${msgraph_resource.t.output.servicePrincipal.id}', 'ServicePrincipal', { msgraph_resource: { t: { url: 'applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate', body: { displayName: 'x' } } } }))
    .toEqual(['msgraph_resource.t']);
  // A group posted where a user is declared is not a user the table reads.
  expect(failed('${msgraph_resource.g.id}', 'User', { msgraph_resource: { g: { url: 'groups', body: { displayName: 'x' } } } })).toEqual(['msgraph_resource.g']);
  expect(failed('${msgraph_resource.p.id}', 'User', { msgraph_resource: { p: { url: 'users', body: { userPrincipalName: 'dba@contoso.com' }, sensitive_body: { passwordProfile: { password: 'x' } } } } })).toEqual(['msgraph_resource.p']);
});

describe('twenty-second review: every azuread type that makes or changes a principal is read (A22a-4), an invited user is external (A22a-2)', () => {
  /** Every resource type of the azuread provider (docs/resources of hashicorp/terraform-provider-azuread, August 2026: 54 types). */
  const AZUREAD_RESOURCE_TYPES = [
    'access_package', 'access_package_assignment_policy', 'access_package_catalog', 'access_package_catalog_role_assignment', 'access_package_resource_catalog_association',
    'access_package_resource_package_association', 'administrative_unit', 'administrative_unit_member', 'administrative_unit_role_member', 'app_role_assignment', 'application',
    'application_api_access', 'application_app_role', 'application_certificate', 'application_fallback_public_client', 'application_federated_identity_credential',
    'application_flexible_federated_identity_credential', 'application_from_template', 'application_identifier_uri', 'application_known_clients', 'application_optional_claims',
    'application_owner', 'application_password', 'application_permission_scope', 'application_pre_authorized', 'application_redirect_uris', 'application_registration',
    'authentication_strength_policy', 'claims_mapping_policy', 'conditional_access_policy', 'custom_directory_role', 'directory_role', 'directory_role_assignment',
    'directory_role_eligibility_schedule_request', 'directory_role_member', 'group', 'group_member', 'group_role_management_policy', 'group_without_members', 'invitation',
    'named_location', 'privileged_access_group_assignment_schedule', 'privileged_access_group_eligibility_schedule', 'service_principal', 'service_principal_certificate',
    'service_principal_claims_mapping_policy_assignment', 'service_principal_delegated_permission_grant', 'service_principal_password', 'service_principal_token_signing_certificate',
    'synchronization_job', 'synchronization_job_provision_on_demand', 'synchronization_secret', 'user', 'user_flow_attribute',
  ].map((type) => `azuread_${type}`);

  test('the provider list has its 54 types, and each is a principal of the table or listed with its reader or the reason it makes none', () => {
    expect(AZUREAD_RESOURCE_TYPES).toHaveLength(54);
    const listed = [...Object.keys(AZUREAD_PRINCIPALS), ...Object.keys(AZUREAD_OTHER_TYPES)];
    expect(AZUREAD_RESOURCE_TYPES.filter((type) => !listed.includes(type))).toEqual([]);
    expect(listed.filter((type) => !AZUREAD_RESOURCE_TYPES.includes(type))).toEqual([]);
    expect(Object.keys(AZUREAD_PRINCIPALS).filter((type) => Object.keys(AZUREAD_OTHER_TYPES).includes(type))).toEqual([]);
  });

  test.each(Object.entries(AZUREAD_OTHER_TYPES))('%s is read where the table says', (type, row) => {
    const model = buildStackModel({ resource: { [type]: { x: {} } } });
    const resource = model.resources.get(`${type}.x`)!;
    expect(principalWriter(resource)).toBeUndefined();
    if ('inert' in row) return expect(row.inert.length).toBeGreaterThan(20);
    const stack = { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups };
    const readers: { readonly [reader: string]: () => boolean } = {
      'credential': () => CREDENTIAL_TYPES.has(type),
      'member': () => groupPointerOf(type) !== undefined || READ_OR_GRANTEE.has(type),
      'policy': () => READ_OR_GRANTEE.has(type),
      'power': () => POWER_WRITER_TYPES.includes(type),
      'application setting': () => INERT_APPLICATION_TYPES[type] !== undefined && directoryWriters(stack).includes(resource),
      'names': () => directoryWriters(stack).includes(resource) && !CREDENTIAL_TYPES.has(type),
    };
    expect(readers[row.reader]()).toBe(true);
  });

  test.each(Object.entries(AZUREAD_PRINCIPALS))('%s makes a %s the table reads', (type, kind) => {
    const model = buildStackModel({ resource: { [type]: { x: { display_name: 'x', user_email_address: 'x@partner.example' } } } });
    expect(principalWriter(model.resources.get(`${type}.x`)!)?.kind).toBe(kind);
  });

  test('an invited user as administrator fails, by azuread_invitation or a Graph or REST post of invitations; a Guest user a Graph post makes fails, a Member passes', () => {
    expect(failed('${azuread_invitation.inv.user_id}', 'User', { azuread_invitation: { inv: { user_email_address: 'dba@partner.example', redirect_url: 'https://x' } } })).toEqual(['azuread_invitation.inv']);
    expect(failed('${azuread_invitation.inv.user_id}', 'User', { azuread_invitation: { inv: { user_email_address: '${var.mail}', redirect_url: 'https://x', user_type: 'Member' } } })).toEqual(['azuread_invitation.inv']);
    expect(failed('${restapi_object.inv.id}', 'User', { restapi_object: { inv: { path: '/v1.0/invitations', data: JSON.stringify({ invitedUserEmailAddress: 'dba@partner.example' }) } } })).toEqual(['restapi_object.inv']);
    expect(failed('${msgraph_resource.u.id}', 'User', { msgraph_resource: { u: { url: 'users', body: { userPrincipalName: 'dba@contoso.com', userType: 'Guest' } } } })).toEqual(['msgraph_resource.u']);
    expect(failed('${msgraph_resource.u.id}', 'User', { msgraph_resource: { u: { url: 'users', body: { userPrincipalName: 'dba@contoso.com', userType: 'Member' } } } })).toEqual(['pass']);
    // Another user invited beside a user administrator the stack makes is not it.
    expect(failed('${azuread_user.u.object_id}', 'User', { azuread_user: { u: { user_principal_name: 'dba@contoso.com', display_name: 'DBA' } }, azuread_invitation: { inv: { user_email_address: 'x@partner.example', redirect_url: 'https://x' } } })).toEqual(['pass']);
    const model = buildStackModel({ resource: { msgraph_resource: { inv: { url: 'https://graph.microsoft.com/v1.0/invitations', body: { invitedUserEmailAddress: 'dba@partner.example', invitedUserDisplayName: 'DBA' } } } } });
    expect(principalWriter(model.resources.get('msgraph_resource.inv')!)).toMatchObject({ kind: 'user', fields: { [INVITED]: true, mail: 'dba@partner.example', display_name: 'DBA' } });
  });
});
