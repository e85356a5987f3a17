import { graphUrl, pathText } from '../../../lib/checks/graph-urls';
import { graphWriteTarget } from '../../../lib/checks/graph-write-targets';
import { Verdict } from '../../../lib/checks/rule';
import { administratorFindings, administratorVerdicts } from '../administrator-fixtures';

// Twenty-seventh review, A27a-1..6: the sign-in reader knew one Graph path per object, and a write to any path it did not list passed.
// Graph writes are read as an allow-list now (graph-write-targets.ts): a path a reader of PG-IAM-3 judges (principals, grants,
// Conditional Access and PIM policies, $batch, the sign-in objects), or one known not to reach sign-in, is known; any other write
// beside a declared administrator fails closed, one known to reach only users' sign-in beside a user or group administrator.

type Json = { [key: string]: any };
const STRENGTH = '33333333-3333-3333-3333-333333333333';
const POLICY = '44444444-4444-4444-4444-444444444444';
const OTHER = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const USER = ['User', '99999999-7777-8888-9999-000000000001'] as const;
const GROUP = ['Group', '99999999-7777-8888-9999-000000000002'] as const;
const SP = ['ServicePrincipal', '99999999-7777-8888-9999-000000000003'] as const;

function verdicts(blocks: Json, [type, id]: readonly [string, string] = USER): readonly Verdict[] {
  return administratorVerdicts(blocks, type, id);
}

function judge(blocks: Json, [type, id]: readonly [string, string] = USER): readonly string[] {
  return administratorFindings(blocks, type, id);
}

const block = (type: string, config: Json): Json => ({ resource: { [type]: { w: config } } });

/** The reviewer's writes (A27a-1..6) and the spellings an adversary tries next. */
const UNREAD: readonly (readonly [string, string, Json])[] = [
  // A27a-1: Graph beta's authentication strength root.
  ['beta strength PATCH', 'msgraph_update_resource', { api_version: 'beta', url: `identity/conditionalAccess/authenticationStrength/policies/${STRENGTH}`, body: { allowedCombinations: ['password'] } }],
  ['beta strengths, older spelling', 'msgraph_update_resource', { api_version: 'beta', url: `identity/conditionalAccess/authenticationStrengths/policies/${STRENGTH}`, body: { allowedCombinations: ['password'] } }],
  ['beta strength action', 'msgraph_resource_action', { api_version: 'beta', resource_url: `identity/conditionalAccess/authenticationStrength/policies/${STRENGTH}`, action: 'updateAllowedCombinations', method: 'POST', body: { allowedCombinations: ['password'] } }],
  ['beta strength DELETE', 'msgraph_resource_action', { resource_url: `beta/identity/conditionalAccess/authenticationStrength/policies/${STRENGTH}`, method: 'DELETE' }],
  ['beta strength combination', 'msgraph_update_resource', { url: `identity/conditionalAccess/authenticationStrengths/policies/${STRENGTH}/combinationConfigurations/${OTHER}`, body: { allowedAAGUIDs: [] } }],
  // A27a-3: the beta root methods paths.
  ['beta root method configuration', 'msgraph_update_resource', { api_version: 'beta', url: 'authenticationMethodConfigurations/Sms', body: { state: 'enabled' } }],
  ['beta root methods policy', 'msgraph_update_resource', { url: 'https://graph.microsoft.com/beta/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass', body: { state: 'enabled', isUsableOnce: false } }],
  // A27a-4: a domain's federation, in other spellings.
  ['federation POST', 'msgraph_resource', { url: 'domains/contoso.com/federationConfiguration', body: { issuerUri: 'http://idp.example/', federatedIdpMfaBehavior: 'acceptIfMfaDoneByFederatedIdp' } }],
  ['federation PATCH, upper case and an OData key', 'msgraph_update_resource', { url: `DOMAINS('contoso.com')/FederationConfiguration/${OTHER}`, body: { federatedIdpMfaBehavior: 'acceptIfMfaDoneByFederatedIdp' } }],
  ['federation, a domain known only at apply time', 'msgraph_resource', { url: 'domains/${var.domain}/federationConfiguration', body: {} }],
  ['a domain made federated', 'msgraph_update_resource', { url: '/v1.0/./domains/contoso.com', body: { authenticationType: 'Federated' } }],
  ['federation by REST', 'restapi_object', { path: '/v1.0/domains/contoso.com/federationConfiguration', data: '{"federatedIdpMfaBehavior":"acceptIfMfaDoneByFederatedIdp"}' }],
  // A27a-5: a trusted certificate authority.
  ['CBA certificate authorities', 'msgraph_resource', { url: `organization/${OTHER}/certificateBasedAuthConfiguration`, body: { certificateAuthorities: [{ isRootAuthority: true, certificate: 'MIIC' }] } }],
  ['beta PKI', 'msgraph_resource', { api_version: 'beta', url: `directory/publicKeyInfrastructure/certificateBasedAuthConfigurations/${OTHER}/certificateAuthorities`, body: { certificate: 'MIIC' } }],
  // A27a-6: on-premises synchronization's takeover guards, by a percent-encoded separator.
  ['on-premises synchronization', 'msgraph_update_resource', { url: `directory%2FonPremisesSynchronization/${OTHER}`, body: { features: { blockSoftMatchEnabled: false } } }],
];

/** Writes no reader judges that may reach a service principal too. */
const UNREAD_ANY: readonly (readonly [string, string, Json])[] = [
  // A27a-2: policyRoot's Conditional Access navigation, and a type-cast segment after the policy.
  ['CA by policies/conditionalAccessPolicies', 'msgraph_update_resource', { url: `policies/conditionalAccessPolicies/${POLICY}`, body: { state: 'disabled' } }],
  ['CA DELETE by policies/conditionalAccessPolicies', 'msgraph_resource_action', { resource_url: `policies('conditionalAccessPolicies')/${POLICY}`, method: 'DELETE' }],
  ['CA with a type-cast segment', 'msgraph_update_resource', { url: `identity/conditionalAccess/policies/${POLICY}/microsoft.graph.conditionalAccessPolicy`, body: { state: 'disabled' } }],
  // Tenant-wide settings no table lists.
  ['an authentication context', 'msgraph_update_resource', { url: 'identity/conditionalAccess/authenticationContextClassReferences/c1', body: { isAvailable: false } }],
  ['the authorization policy', 'msgraph_update_resource', { url: 'policies/authorizationPolicy', body: { allowedToUseSSPR: true } }],
  ['a claims mapping policy', 'msgraph_resource', { url: 'policies/claimsMappingPolicies', body: { definition: ['{}'] } }],
  ['directory settings (password rules)', 'msgraph_resource', { url: 'groupSettings', body: { templateId: '5cf42378-d67d-4f36-ba46-e8b86229381d', values: [] } }],
  ['a lifecycle workflow', 'msgraph_resource', { url: 'identityGovernance/lifecycleWorkflows/workflows', body: { displayName: 'TAP for IT' } }],
  ['the caller itself', 'msgraph_resource', { url: 'me/authentication/temporaryAccessPassMethods', body: { isUsableOnce: false } }],
  ['a deleted object restored', 'msgraph_resource_action', { resource_url: `directory/deletedItems/${OTHER}`, action: 'restore', method: 'POST' }],
  ['a method known only at apply time', 'msgraph_resource_action', { resource_url: 'policies/authorizationPolicy', method: '${var.method}' }],
  ['a URL known only at apply time', 'msgraph_update_resource', { url: '${var.url}', body: {} }],
  ['a URL of a named location block\'s id', 'msgraph_update_resource', { url: '${azuread_named_location.n.id}', body: { isTrusted: true } }],
  ['an encoded dot segment after a principal', 'msgraph_update_resource', { url: 'users/%2E%2E/policies/authorizationPolicy', body: { allowedToUseSSPR: true } }],
  ['a REST destroy_path deleting a policy', 'restapi_object', { path: '/v1.0/subscriptions', data: '{}', destroy_path: `/v1.0/identity/conditionalAccess/policies/${POLICY}` }],
  ['a REST destroy_path of another path', 'restapi_object', { path: '/v1.0/subscriptions', data: '{}', destroy_path: '/v1.0/policies/authorizationPolicy' }],
  ['a REST path by a for_each block', 'restapi_object', { for_each: '${toset(["a"])}', path: '/beta/policies/conditionalAccessPolicies/${each.key}', data: '{}' }],
];

describe('A27a: a Graph write to a path no reader judges fails PG-IAM-3 closed', () => {
  test.each(UNREAD.flatMap(([name, type, config]) => [USER, GROUP].map((kind) => [name, kind[0], type, config, kind] as const)))(
    '%s beside a %s administrator fails', (_name, _kind, type, config, kind) => {
      expect(judge(block(type, config), kind)).toEqual([`${type}.w`]);
    });

  test.each(UNREAD_ANY.flatMap(([name, type, config]) => [USER, GROUP, SP].map((kind) => [name, kind[0], type, config, kind] as const)))(
    '%s beside a %s administrator fails', (_name, _kind, type, config, kind) => {
      expect(judge(block(type, config), kind)).toEqual([`${type}.w`]);
    });

  test('the message names the block, the method and the path as read', () => {
    const [verdict] = verdicts(block('msgraph_update_resource', { url: `DOMAINS('contoso.com')/FederationConfiguration/${OTHER}`, body: {} }));
    expect(verdict).toMatchObject({ status: 'fail', address: 'msgraph_update_resource.w' });
    expect((verdict as { message: string }).message).toContain(`msgraph_update_resource.w sends a Microsoft Graph write (PATCH "DOMAINS/contoso.com/FederationConfiguration/${OTHER}") to a path the checks do not read`);
    const [other] = verdicts(block('msgraph_resource_action', { resource_url: 'policies/authorizationPolicy', method: '${var.method}' }), SP);
    expect((other as { message: string }).message).toContain('msgraph_resource_action.w sends a Microsoft Graph write (a method known only at apply time "policies/authorizationPolicy") to a path the checks do not read');
  });

  test('a block another reader already judges is one finding, not two', () => {
    expect(judge(block('msgraph_resource', { url: '${var.application}/federatedIdentityCredentials', body: {} }), SP)).toEqual(['msgraph_resource.w']);
  });
});

describe('a msgraph data source that POSTs writes at every plan (data.msgraph_resource_action: GET or POST)', () => {
  const action = (config: Json): Json => ({ data: { msgraph_resource_action: { w: config } } });
  test.each([USER, GROUP, SP])('a POST no reader judges fails beside a %s administrator', (...kind) => {
    expect(judge(action({ resource_url: `users/${kind[1]}/authentication`, action: 'temporaryAccessPassMethods', method: 'POST', body: { isUsableOnce: false } }), kind)).toEqual(['data.msgraph_resource_action.w']);
    expect(judge(action({ resource_url: 'policies/authorizationPolicy', method: '${var.method}' }), kind)).toEqual(['data.msgraph_resource_action.w']);
  });
  test('a POST that decides only how users sign in fails beside a user or group administrator, not a service principal one', () => {
    const federation = action({ resource_url: 'domains/contoso.com', action: 'federationConfiguration', method: 'POST', body: { issuerUri: 'http://idp.example/' } });
    expect([USER, GROUP, SP].map((kind) => judge(federation, kind))).toEqual([['data.msgraph_resource_action.w'], ['data.msgraph_resource_action.w'], ['pass']]);
  });
  test.each([USER, GROUP, SP])('a GET, no method, and a directory object function pass beside a %s administrator', (...kind) => {
    expect(judge(action({ resource_url: 'domains/contoso.com/federationConfiguration' }), kind)).toEqual(['pass']);
    expect(judge(action({ resource_url: 'policies/authorizationPolicy', method: 'GET' }), kind)).toEqual(['pass']);
    expect(judge(action({ resource_url: `groups/${OTHER}`, action: 'checkMemberObjects', method: 'POST', body: { ids: [OTHER] } }), kind)).toEqual(['pass']);
    expect(judge(action({ resource_url: 'directoryObjects', action: 'getByIds', method: 'POST', body: { ids: [OTHER] } }), kind)).toEqual(['pass']);
  });
});

describe('A27a: what a service principal administrator is not reached by', () => {
  // A service principal signs in with its own credentials (judged by the credential readers): a domain's federation, a certificate
  // authority, users' authentication methods and strengths, on-premises synchronization do not sign it in.
  // A part known only at apply time may hold "/" or ".." and reach any path (graph-urls.ts anyPath): that one fails beside any administrator.
  const literal = UNREAD.filter(([, , config]) => !JSON.stringify(config).includes('${'));
  test.each(literal.map(([name, type, config]) => [name, type, config] as const))('%s beside a service principal administrator passes', (_name, type, config) => {
    expect(judge(block(type, config), SP)).toEqual(['pass']);
  });
  test('a users-only path whose domain is known only at apply time fails beside a service principal administrator too (it may reach any path)', () => {
    expect(judge(block('msgraph_resource', { url: 'domains/${var.domain}/federationConfiguration', body: {} }), SP)).toEqual(['msgraph_resource.w']);
  });
});

describe('A27a controls: what the readers judge, reads, and common stacks pass', () => {
  test.each([USER, GROUP, SP])('reads pass beside a %s administrator: a GET, a lookup', (...kind) => {
    expect(judge(block('msgraph_resource_action', { resource_url: 'domains/contoso.com/federationConfiguration', method: 'GET' }), kind)).toEqual(['pass']);
    expect(judge({ data: { msgraph_resource: { d: { url: 'policies/authorizationPolicy' } } } }, kind)).toEqual(['pass']);
  });

  test.each([USER, GROUP, SP])('common Graph stacks pass beside a %s administrator', (...kind) => {
    // The msgraph provider's own example: a group it makes and its members and owners.
    expect(judge({ resource: {
      msgraph_resource: { group: { url: 'groups', body: { displayName: 'app', mailEnabled: false, mailNickname: 'app', securityEnabled: true } } },
      msgraph_resource_collection: { members: { url: 'groups/${msgraph_resource.group.id}/members/$ref', reference_ids: [OTHER] }, owners: { url: 'groups/${msgraph_resource.group.id}/owners/$ref', reference_ids: [OTHER] } },
    } }, kind)).toEqual(['pass']);
    // An application and its service principal, its federated credential, through Graph and through azuread 3.x's id path.
    expect(judge({ resource: {
      msgraph_resource: {
        app: { url: 'applications', body: { displayName: 'app' } },
        sp: { url: 'servicePrincipals', body: { appId: '${msgraph_resource.app.output.appId}' } },
        // An application's credential beside a service principal administrator whose application the checks cannot tell fails on its own (A19a-7).
        ...(kind[0] === 'ServicePrincipal' ? {} : { fic: { url: 'applications/${msgraph_resource.app.id}/federatedIdentityCredentials', body: { name: 'ci', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:o/r:ref:refs/heads/main', audiences: ['api://AzureADTokenExchange'] } } }),
      },
      azuread_application: { made: { display_name: 'made' } },
      msgraph_update_resource: { w: { url: '${azuread_application.made.id}', body: { displayName: 'made' } } },
    } }, kind)).toEqual(['pass']);
    // A change notification subscription, a gallery application instantiated.
    expect(judge({ resource: { msgraph_resource: {
      sub: { url: 'subscriptions', body: { changeType: 'updated', notificationUrl: 'https://hooks.example/', resource: 'groups', expirationDateTime: '2030-01-01T00:00:00Z' } },
      gallery: { url: 'applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate', body: { displayName: 'gallery' } },
    } } }, kind)).toEqual(['pass']);
  });

  test('the sign-in objects keep their verdicts: a hardening write passes, a weakening one fails', () => {
    expect(judge(block('msgraph_update_resource', { url: 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Sms', body: { state: 'disabled' } }))).toEqual(['pass']);
    expect(judge(block('msgraph_update_resource', { url: 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Sms', body: { state: 'enabled' } }))).toEqual(['msgraph_update_resource.w']);
    expect(judge(block('msgraph_update_resource', { url: `policies/authenticationStrengthPolicies/${STRENGTH}`, body: { displayName: 'Strong' } }))).toEqual(['pass']);
    expect(judge(block('msgraph_update_resource', { url: 'policies/identitySecurityDefaultsEnforcementPolicy', body: { isEnabled: true } }))).toEqual(['pass']);
  });

  test('a REST provider that sends to another host writes no Graph path; one that sends to Graph, or to a host known only at apply time, does', () => {
    const rest = (uri: string, alias?: string) => ({
      provider: { restapi: [{ uri, ...(alias === undefined ? {} : { alias }) }] },
      resource: { restapi_object: { w: { ...(alias === undefined ? {} : { provider: `restapi.${alias}` }), path: '/policies/authorizationPolicy', data: '{}' } } },
    });
    expect(judge(rest('https://api.example.net'))).toEqual(['pass']);
    expect(judge(rest('https://api.example.net', 'other'))).toEqual(['pass']);
    expect(judge(rest('https://graph.microsoft.com/v1.0'))).toEqual(['restapi_object.w']);
    expect(judge(rest('https://graph.microsoft.com/v1.0', 'graph'))).toEqual(['restapi_object.w']);
    expect(judge(rest('${var.uri}'))).toEqual(['restapi_object.w']);
    expect(judge({ resource: { restapi_object: { w: { path: '/policies/authorizationPolicy', data: '{}' } } } })).toEqual(['restapi_object.w']);
    // Its destroy_path of its own object, or of a principal, deletes nothing another reader misses.
    expect(judge({ resource: { restapi_object: { w: { path: '/v1.0/groups', data: '{"displayName":"app"}', destroy_path: '/v1.0/groups/{id}' } } } })).toEqual(['pass']);
    expect(judge({ resource: { restapi_object: { w: { path: '/v1.0/subscriptions', data: '{}', destroy_path: '/v1.0/subscriptions/{id}' } } } })).toEqual(['pass']);
    expect(judge({ resource: { restapi_object: { w: { path: '/v1.0/identity/conditionalAccess/namedLocations', update_path: '/v1.0/identity/conditionalAccess/namedLocations/{id}', destroy_path: '/v1.0/identity/conditionalAccess/namedLocations/{id}', data: '{"displayName":"x"}' } } } })).toEqual(['pass']);
  });
});

describe('graphWriteTarget', () => {
  const target = (url: string) => graphWriteTarget(graphUrl(url), (written) => /^policies\/authenticationmethodspolicy/i.test(pathText(written)));
  test('reads the paths the readers judge as known', () => {
    expect(['users', `users/${OTHER}/authentication/phoneMethods`, 'Groups', 'servicePrincipals(appId=\'x\')/owners/$ref', 'invitations', `directoryObjects/${OTHER}/microsoft.graph.user/authentication/methods`,
      '$batch', 'roleManagement/directory/roleAssignments', `identity/conditionalAccess/policies/${POLICY}`, `policies/roleManagementPolicies/${POLICY}/rules/r`,
      'policies/authenticationMethodsPolicy', 'identityGovernance/privilegedAccess/group/eligibilityScheduleRequests', 'identityGovernance/entitlementManagement/accessPackages/p/resourceRoleScopes',
      'subscriptions', 'subscriptions/s', 'applicationTemplates/t/instantiate', '${azuread_group.g.id}/members/$ref'].map((url) => target(url))).toEqual(Array(17).fill('known'));
  });
  test('reads a path whose deciding segment is known only at apply time, or that goes on past a known one, as not known', () => {
    expect([`directoryObjects/${OTHER}`, 'roleManagement/${var.x}/roleAssignments', 'subscriptions/s/x', 'identityGovernance/entitlementManagement/assignmentPolicies', '', 'v1.0', '${var.x}/users']
      .map((url) => target(url))).toEqual(Array(7).fill('unknown'));
    expect(['domains/${var.d}', 'identity/conditionalAccess/authenticationStrength/policies/x', 'authenticationMethodsPolicy'].map((url) => target(url))).toEqual(Array(3).fill('users'));
    expect(target('${var.d}/federationConfiguration')).toEqual('unknown');
  });
});
