import { administratorFindings } from '../administrator-fixtures';

// Twenty-fifth review. A25b-3: the tenant's sign-in objects that live Conditional Access policies name (a named location, an
// authentication strength) or that stand in for them (security defaults, cross-tenant trust, the authentication methods policy, the
// organization's token lifetime) are inert when new, but a write over an existing one (an import, a Graph or REST update or action)
// changes how the administrator signs in, as a write over an existing policy does (A20a-4). A25b-5: a removed block that destroys a
// policy deletes it as a Graph DELETE does; one that only forgets it deletes nothing.

type Json = { [key: string]: any };
const LOCATION = '22222222-2222-2222-2222-222222222222';
const STRENGTH = '33333333-3333-3333-3333-333333333333';
const KINDS = [['User', '99999999-7777-8888-9999-000000000001'], ['Group', '99999999-7777-8888-9999-000000000002'], ['ServicePrincipal', '99999999-7777-8888-9999-000000000003']] as const;

/** The failing addresses (or "pass") of PG-IAM-3 beside a declared administrator of the type (a group by default), with the blocks. */
function judge(blocks: Json, type: string = 'Group', id: string = KINDS[1][1]): readonly string[] {
  return administratorFindings(blocks, type, id);
}

const graph = (type: string, config: Json): Json => ({ resource: { [type]: { w: config } } });

describe('A25b-3: a write over an existing sign-in object of the tenant', () => {
  const location = { display_name: 'Corp', ip: { ip_ranges: ['0.0.0.0/1', '128.0.0.0/1'], trusted: true } };
  const strength = { display_name: 'Phishing resistant', allowed_combinations: ['password'] };

  test.each(KINDS)('an imported named location or authentication strength fails beside a %s administrator; a new untrusted one passes', (type, id) => {
    expect(judge({ import: [{ to: 'azuread_named_location.n', id: `/identity/conditionalAccess/namedLocations/${LOCATION}` }], resource: { azuread_named_location: { n: location } } }, type, id))
      .toEqual(['azuread_named_location.n']);
    expect(judge({ import: [{ to: 'azuread_authentication_strength_policy.s', id: `/policies/authenticationStrengthPolicies/${STRENGTH}` }], resource: { azuread_authentication_strength_policy: { s: strength } } }, type, id))
      .toEqual(['azuread_authentication_strength_policy.s']);
    // An id known only at apply time, a for_each import: the same.
    expect(judge({ import: [{ to: 'azuread_named_location.n', id: '${var.location}' }], resource: { azuread_named_location: { n: location } } }, type, id)).toEqual(['azuread_named_location.n']);
    expect(judge({ resource: { azuread_named_location: { n: { ...location, ip: { ...location.ip, trusted: false } } }, azuread_authentication_strength_policy: { s: strength } } }, type, id)).toEqual(['pass']);
  });

  test.each([
    ['msgraph_update_resource', { url: `identity/conditionalAccess/namedLocations/${LOCATION}`, body: { isTrusted: true } }],
    ['msgraph_update_resource', { url: `https://graph.microsoft.com/beta/identity/conditionalAccess/namedLocations/${LOCATION}`, body: { ipRanges: [{ cidrAddress: '0.0.0.0/0' }] } }],
    ['msgraph_update_resource', { url: `policies/authenticationStrengthPolicies/${STRENGTH}`, body: { allowedCombinations: ['password'] } }],
    ['msgraph_resource_action', { resource_url: `policies/authenticationStrengthPolicies/${STRENGTH}/updateAllowedCombinations`, method: 'POST', body: { allowedCombinations: ['password'] } }],
    ['msgraph_resource_action', { resource_url: `identity/conditionalAccess/namedLocations/${LOCATION}`, method: 'DELETE' }],
    ['msgraph_update_resource', { url: 'identity/conditionalAccess/namedLocations/${var.location}', body: JSON.stringify({ isTrusted: true }) }],
    ['restapi_object', { path: '/v1.0/identity/conditionalAccess/namedLocations', update_path: `/v1.0/identity/conditionalAccess/namedLocations/${LOCATION}`, data: '{"isTrusted":true}' }],
    ['msgraph_update_resource', { url: 'policies/identitySecurityDefaultsEnforcementPolicy', body: { isEnabled: false } }],
    ['msgraph_update_resource', { url: '/v1.0/policies/identitySecurityDefaultsEnforcementPolicy', body: '{"IsEnabled": false}' }],
    ['msgraph_update_resource', { url: 'policies/identitySecurityDefaultsEnforcementPolicy', body: '${var.defaults}' }],
    // A name spelt twice in two cases: which value Graph keeps is not known here (propertyInAnyCase), so it does not read as hardening.
    ['msgraph_update_resource', { url: 'policies/identitySecurityDefaultsEnforcementPolicy', body: { isEnabled: true, ISENABLED: false } }],
    ['msgraph_update_resource', { url: 'policies/crossTenantAccessPolicy/default', body: { inboundTrust: { isMfaAccepted: true } } }],
    ['msgraph_resource', { url: 'policies/crossTenantAccessPolicy/partners', body: { tenantId: 'x', inboundTrust: { isCompliantDeviceAccepted: true, isMfaAccepted: false } } }],
    ['msgraph_update_resource', { url: 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/sms', body: { state: 'enabled', includeTargets: [{ targetType: 'group', id: 'all_users', isUsableForSignIn: true }] } }],
    ['msgraph_update_resource', { url: 'policies/authenticationMethodsPolicy', body: '${var.methods}' }],
    ['msgraph_resource', { url: 'policies/tokenLifetimePolicies', body: { isOrganizationDefault: true, definition: ['{"TokenLifetimePolicy":{"Version":1,"AccessTokenLifetime":"23:59:59"}}'] } }],
    ['msgraph_update_resource', { url: 'policies/tokenLifetimePolicies/44444444-0000-0000-0000-000000000000', body: { definition: ['{}'] } }],
  ])('%s %j fails', (type, config) => {
    expect(judge(graph(type, config))).toEqual([`${type}.w`]);
    expect(judge(graph(type, config), 'User', KINDS[0][1])).toEqual([`${type}.w`]);
  });

  test.each([
    // New objects no live policy names yet (an untrusted location: A26-4).
    ['msgraph_resource', { url: 'identity/conditionalAccess/namedLocations', body: { '@odata.type': '#microsoft.graph.ipNamedLocation', isTrusted: false, ipRanges: [] } }],
    ['msgraph_resource', { url: 'policies/authenticationStrengthPolicies', body: { allowedCombinations: ['password'] } }],
    ['restapi_object', { path: '/v1.0/identity/conditionalAccess/namedLocations', data: '{"isTrusted":false}' }],
    // Writes that only harden, or rename.
    ['msgraph_update_resource', { url: `identity/conditionalAccess/namedLocations/${LOCATION}`, body: { '@odata.type': '#microsoft.graph.ipNamedLocation', displayName: 'Corp HQ' } }],
    ['msgraph_update_resource', { url: `policies/authenticationStrengthPolicies/${STRENGTH}`, body: { DisplayName: 'Strong', description: 'x' } }],
    ['msgraph_update_resource', { url: 'policies/identitySecurityDefaultsEnforcementPolicy', body: { isEnabled: true } }],
    ['msgraph_update_resource', { url: 'policies/crossTenantAccessPolicy/default', body: { inboundTrust: { isMfaAccepted: false, isCompliantDeviceAccepted: false }, b2bCollaborationInbound: { usersAndGroups: { accessType: 'blocked' } } } }],
    ['msgraph_update_resource', { url: 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2', body: { state: 'enabled', includeTargets: [{ targetType: 'group', id: 'all_users' }] } }],
    ['msgraph_resource', { url: 'policies/tokenLifetimePolicies', body: { isOrganizationDefault: false, definition: ['{}'] } }],
  ])('%s %j passes', (type, config) => {
    expect(judge(graph(type, config))).toEqual(['pass']);
  });
  test('a Graph post adopted by an import writes over the existing object', () => {
    expect(judge({ import: [{ to: 'msgraph_resource.w', id: `identity/conditionalAccess/namedLocations/${LOCATION}` }], ...graph('msgraph_resource', { url: 'identity/conditionalAccess/namedLocations', body: { isTrusted: true } }) }))
      .toEqual(['msgraph_resource.w']);
  });

  test('an imported Conditional Access policy whose grant asks for a strength the stack rewrites to a password fails on the rewrite', () => {
    expect(judge({
      import: [{ to: 'azuread_conditional_access_policy.p', id: '11111111-1111-1111-1111-111111111111' }],
      resource: {
        msgraph_update_resource: { s: { url: `policies/authenticationStrengthPolicies/${STRENGTH}`, body: { allowedCombinations: ['password'] } } },
        azuread_conditional_access_policy: { p: { display_name: 'mfa', state: 'enabled', conditions: { client_app_types: ['all'], applications: { included_applications: ['All'] }, users: { included_users: ['All'] }, platforms: { included_platforms: ['all'] }, locations: { included_locations: ['All'] } }, grant_controls: { operator: 'OR', authentication_strength_policy_id: `/policies/authenticationStrengthPolicies/${STRENGTH}` } } },
      },
    })).toEqual(['msgraph_update_resource.s']);
  });
});

// Twenty-sixth review. A26-3: a write of the authentication methods policy hardens only when it clearly does (a method disabled, SMS
// with every target not usable for sign-in, FIDO2 in its own settings); an SMS enabled over its live targets, targets without the flag,
// a Temporary Access Pass, a body known only then fail. A26-4: a new trusted named location is named by every live policy that
// includes or excludes "AllTrusted": it fails as a write over an existing location does; an untrusted or country one passes.
describe('A26-3: the authentication methods policy', () => {
  const SMS = 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Sms';
  const SMS_TYPE = '#microsoft.graph.smsAuthenticationMethodConfiguration';
  test.each([
    ['msgraph_update_resource', { url: SMS, body: { '@odata.type': SMS_TYPE, state: 'enabled' } }],
    ['msgraph_update_resource', { url: SMS, body: { state: 'enabled', includeTargets: [{ targetType: 'group', id: 'all_users' }] } }],
    ['msgraph_update_resource', { url: SMS, body: { state: 'enabled', includeTargets: [{ targetType: 'group', id: 'a', isUsableForSignIn: false }, { targetType: 'group', id: 'b' }] } }],
    ['msgraph_update_resource', { url: SMS, body: { includeTargets: [{ targetType: 'group', id: 'a', isUsableForSignIn: '${var.signin}' }] } }],
    ['msgraph_update_resource', { url: SMS, body: { state: 'enabled', includeTargets: '${var.targets}' } }],
    ['msgraph_update_resource', { url: SMS, body: { state: '${var.state}' } }],
    ['msgraph_update_resource', { url: "policies/authenticationMethodsPolicy/authenticationMethodConfigurations('Sms')", body: { state: 'enabled' } }],
    ['msgraph_update_resource', { url: 'https://graph.microsoft.com/beta/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/sms', body: JSON.stringify({ State: 'Enabled' }) }],
    ['msgraph_resource_action', { resource_url: SMS, method: 'PATCH', body: { state: 'enabled' } }],
    ['restapi_object', { path: '/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Sms', data: '{"state":"enabled"}' }],
    ['msgraph_update_resource', { url: 'policies/authenticationMethodsPolicy', body: { authenticationMethodConfigurations: [{ id: 'Sms', state: 'enabled' }] } }],
    ['msgraph_update_resource', { url: 'policies/authenticationMethodsPolicy', body: { registrationEnforcement: {} } }],
    // A Temporary Access Pass, reusable or not, lets whoever issues it sign in as the administrator.
    ['msgraph_update_resource', { url: 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass', body: { state: 'enabled', isUsableOnce: false } }],
    ['msgraph_update_resource', { url: 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass', body: { state: 'enabled', isUsableOnce: true, includeTargets: [{ targetType: 'group', id: 'all_users' }] } }],
    ['msgraph_update_resource', { url: 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/X509Certificate', body: { state: 'enabled' } }],
    ['msgraph_update_resource', { url: 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2', body: { state: 'enabled', isAttestationEnforced: false, somethingNew: true } }],
  ])('%s %j fails', (type, config) => {
    expect(judge(graph(type, config))).toEqual([`${type}.w`]);
    expect(judge(graph(type, config), 'User', KINDS[0][1])).toEqual([`${type}.w`]);
  });

  test.each([
    ['msgraph_update_resource', { url: SMS, body: { '@odata.type': SMS_TYPE, state: 'disabled' } }],
    ['msgraph_update_resource', { url: "policies/authenticationMethodsPolicy/authenticationMethodConfigurations('TemporaryAccessPass')", body: { state: 'Disabled' } }],
    ['msgraph_update_resource', { url: SMS, body: { state: 'enabled', includeTargets: [{ targetType: 'group', id: 'all_users', isUsableForSignIn: false }] } }],
    ['msgraph_update_resource', { url: 'policies/authenticationMethodsPolicy', body: { authenticationMethodConfigurations: [{ '@odata.type': SMS_TYPE, id: 'Sms', state: 'disabled' }, { id: 'Fido2', state: 'enabled' }] } }],
    ['msgraph_update_resource', { url: 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2', body: { state: 'enabled', isAttestationEnforced: true, includeTargets: [{ targetType: 'group', id: 'all_users' }] } }],
  ])('%s %j passes', (type, config) => {
    expect(judge(graph(type, config))).toEqual(['pass']);
  });
});

describe('A26-4: a new trusted named location', () => {
  const NAMED = 'identity/conditionalAccess/namedLocations';
  const IP = '#microsoft.graph.ipNamedLocation';
  test.each([
    ['msgraph_resource', { url: NAMED, body: { '@odata.type': IP, displayName: 'office', isTrusted: true, ipRanges: [{ cidrAddress: '0.0.0.0/1' }, { cidrAddress: '128.0.0.0/1' }] } }],
    ['msgraph_resource', { url: `https://graph.microsoft.com/v1.0/${NAMED}/`, body: JSON.stringify({ IsTrusted: true, ipRanges: [] }) }],
    ['msgraph_resource', { url: NAMED, body: { '@odata.type': IP, isTrusted: '${var.trusted}', ipRanges: [] } }],
    ['msgraph_resource', { url: NAMED, body: '${var.location}' }],
    ['msgraph_resource_action', { resource_url: NAMED, method: 'POST', body: { isTrusted: true } }],
    ['restapi_object', { path: `/beta/${NAMED}`, data: '{"@odata.type":"#microsoft.graph.ipNamedLocation","isTrusted":true}' }],
  ])('%s %j fails', (type, config) => {
    expect(judge(graph(type, config))).toEqual([`${type}.w`]);
    expect(judge(graph(type, config), 'User', KINDS[0][1])).toEqual([`${type}.w`]);
  });

  test.each([
    ['trusted', { ip_ranges: ['0.0.0.0/1', '128.0.0.0/1'], trusted: true }],
    ['trusted "true"', [{ ip_ranges: ['10.0.0.0/8'], trusted: 'true' }]],
    ['trusted by a variable', { ip_ranges: ['10.0.0.0/8'], trusted: '${var.trusted}' }],
    ['an ip block by a variable', '${var.ip}'],
  ])('a new azuread_named_location, ip %s, fails (with count and for_each too)', (_name, ip) => {
    expect(judge({ resource: { azuread_named_location: { n: { display_name: 'office', ip } } } })).toEqual(['azuread_named_location.n']);
    expect(judge({ resource: { azuread_named_location: { n: { display_name: 'office', for_each: '${var.offices}', ip } } } }, 'User', KINDS[0][1])).toEqual(['azuread_named_location.n']);
    expect(judge({ resource: { azuread_named_location: { n: { display_name: 'office', count: 2, ip } } } }, 'ServicePrincipal', KINDS[2][1])).toEqual(['azuread_named_location.n']);
  });

  test('a new azuread_named_location with a dynamic ip block fails', () => {
    expect(judge({ resource: { azuread_named_location: { n: { display_name: 'office', dynamic: { ip: { for_each: '${var.ips}', content: { ip_ranges: ['10.0.0.0/8'], trusted: true } } } } } } }))
      .toEqual(['azuread_named_location.n']);
  });

  test.each([
    ['an untrusted ip location', { resource: { azuread_named_location: { n: { display_name: 'office', ip: { ip_ranges: ['10.0.0.0/8'] } } } } }],
    ['an ip location trusted false', { resource: { azuread_named_location: { n: { display_name: 'office', ip: [{ ip_ranges: ['10.0.0.0/8'], trusted: false }] } } } }],
    ['a country location', { resource: { azuread_named_location: { n: { display_name: 'countries', country: { countries_and_regions: ['GB'], include_unknown_countries_and_regions: false } } } } }],
    ['a Graph untrusted location', graph('msgraph_resource', { url: NAMED, body: { '@odata.type': IP, displayName: 'x', ipRanges: [{ cidrAddress: '10.0.0.0/8' }] } })],
    ['a Graph country location', graph('msgraph_resource', { url: NAMED, body: { '@odata.type': '#microsoft.graph.countryNamedLocation', displayName: 'x', countriesAndRegions: ['GB'] } })],
  ])('%s passes', (_name, blocks) => {
    expect(judge(blocks)).toEqual(['pass']);
  });
});

describe('A25b-5: a removed block that destroys a policy deletes it', () => {
  test.each([
    ['azuread_conditional_access_policy.old', { lifecycle: { destroy: true } }],
    ['azuread_conditional_access_policy.old', { lifecycle: [{ destroy: 'true' }] }],
    ['azuread_conditional_access_policy.old', {}],
    ['azuread_conditional_access_policy.old["mfa"]', { lifecycle: { destroy: true } }],
    ['module.ca.azuread_conditional_access_policy.old', { lifecycle: { destroy: true } }],
    ['azuread_group_role_management_policy.pim', { lifecycle: { destroy: true } }],
    ['azuread_named_location.corp', { lifecycle: { destroy: true } }],
    ['azuread_authentication_strength_policy.s', { lifecycle: { destroy: true } }],
  ])('removed %s %j fails PG-IAM-3', (from, body) => {
    const address = `removed.${from.replace(/\[.*\]$/, '')}`;
    expect(judge({ removed: [{ from, ...body }] })).toEqual([address]);
    expect(judge({ removed: [{ from, ...body }] }, 'User', KINDS[0][1])).toEqual([address]);
  });

  test.each([
    ['azuread_conditional_access_policy.old', { lifecycle: { destroy: false } }],
    ['azuread_conditional_access_policy.old', { lifecycle: { destroy: 'false' } }],
    ['azuread_group.old', { lifecycle: { destroy: true } }],
    ['azuread_user.old', {}],
  ])('removed %s %j is no deletion of a policy: it passes PG-IAM-3', (from, body) => {
    expect(judge({ removed: [{ from, ...body }] })).toEqual(['pass']);
  });
});

test('stop 36: a destroy-time Graph action (when = "destroy") is judged by its body as an apply-time one is: it runs when its block is destroyed (a removed block, or a destroy), so it is no hardening nor a pass', () => {
  for (const when of ['destroy', 'apply', '${var.when}']) {
    expect(judge(graph('msgraph_resource_action', { resource_url: `identity/conditionalAccess/namedLocations/${LOCATION}`, method: 'DELETE', when }))).toEqual(['msgraph_resource_action.w']);
    expect(judge(graph('msgraph_resource_action', { resource_url: `policies/authenticationStrengthPolicies/${STRENGTH}/updateAllowedCombinations`, method: 'POST', body: { allowedCombinations: ['password'] }, when })))
      .toEqual(['msgraph_resource_action.w']);
  }
});
