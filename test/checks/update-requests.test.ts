import { administratorFindings } from './administrator-fixtures';

// 31st run, A31a-2: a restful_resource POSTs its body to a collection (a new object) and sends every update to its `update_path`. The
// Conditional Access and sign-in readers took the block's target from its first request only, so an `update_path` naming an EXISTING
// policy or named location (PATCHed or PUT with the body at every update) passed, while the same write by restful_operation failed.
// Every request a block sends is now judged by its own target (graph-urls.ts writtenUrls, policyTargets), its own new object aside.

type Json = { [key: string]: any };
const USER = '99999999-7777-8888-9999-000000000001';
const GROUP = '99999999-7777-8888-9999-000000000002';
const EXISTING = '33333333-3333-3333-3333-333333333333';
const GRAPH = 'https://graph.microsoft.com/v1.0';
const POLICIES = '/identity/conditionalAccess/policies';
const LOCATIONS = '/identity/conditionalAccess/namedLocations';
const DISABLED = { displayName: 'x', state: 'disabled' };
const RANGES = { '@odata.type': '#microsoft.graph.ipNamedLocation', 'displayName': 'x', 'isTrusted': false, 'ipRanges': [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', 'cidrAddress': '0.0.0.0/1' }] };
const restful = (settings: Json = {}): Json => ({ restful: [{ base_url: GRAPH, ...settings }] });
const restapi = (settings: Json = {}): Json => ({ restapi: [{ uri: GRAPH, ...settings }] });
const one = (type: string, config: Json, provider: Json = {}): Json => ({ provider, resource: { [type]: { w: config } } });

const OVER_EXISTING: readonly (readonly [string, Json])[] = [
  ['restful_resource POST to CA policies, update_path an existing policy, update_method PATCH', one('restful_resource', { path: POLICIES, update_path: `${POLICIES}/${EXISTING}`, update_method: 'PATCH', body: DISABLED }, restful())],
  ['restful_resource, update_method from its provider block', one('restful_resource', { path: POLICIES, update_path: `${POLICIES}/${EXISTING}`, body: DISABLED }, restful({ update_method: 'PATCH' }))],
  ['restful_resource, update method left to the provider default', one('restful_resource', { path: POLICIES, update_path: `${POLICIES}/${EXISTING}`, body: DISABLED }, restful())],
  ['restful_resource, update_path $(path)/<existing id>', one('restful_resource', { path: POLICIES, update_path: `$(path)/${EXISTING}`, update_method: 'PATCH', body: DISABLED }, restful())],
  ['restful_resource, update_path $(path)/$(body.displayName) (a field the body sets)', one('restful_resource', { path: POLICIES, update_path: '$(path)/$(body.displayName)', update_method: 'PATCH', body: { ...DISABLED, displayName: EXISTING } }, restful())],
  ['restful_resource, update_path in another spelling (./, OData key, case)', one('restful_resource', { path: POLICIES, update_path: `identity/./ConditionalAccess/policies('${EXISTING}')`, update_method: 'PATCH', body: DISABLED }, restful())],
  ['restful_resource with for_each', one('restful_resource', { for_each: '${toset(["a"])}', path: POLICIES, update_path: `${POLICIES}/${EXISTING}`, update_method: 'PATCH', body: DISABLED }, restful())],
  ['restful_resource, update_path a reference to another block', one('restful_resource', { path: POLICIES, update_path: `${POLICIES}/\${restful_resource.other.output.id}`, update_method: 'PATCH', body: DISABLED }, restful())],
  // restful: "The `id` is used instead if `update_path` is absent", the `id` its `read_path` (magodo/restful resource.go Update). Its
  // delete goes to its own new object here, so only the update is judged (a delete at the read_path is the delete rule's).
  ['restful_resource with no update_path, read_path an existing policy (its updates go there)', one('restful_resource', { path: POLICIES, delete_path: '$(path)/$(body.id)', read_path: `${POLICIES}/${EXISTING}`, update_method: 'PATCH', body: DISABLED }, restful())],
  ['restful_resource with no update_path, read_path $(path)/<existing id>, the provider\'s default update method', one('restful_resource', { path: POLICIES, delete_path: '$(path)/$(body.id)', read_path: `$(path)/${EXISTING}`, body: DISABLED }, restful())],
  ['restful_resource with no update_path, read_path an existing named location', one('restful_resource', { path: LOCATIONS, delete_path: '$(path)/$(body.id)', read_path: `${LOCATIONS}/${EXISTING}`, body: RANGES }, restful({ update_method: 'PATCH' }))],
  ['restapi_object POST to CA policies, update_path an existing policy', one('restapi_object', { path: POLICIES, update_path: `${POLICIES}/${EXISTING}`, update_method: 'PATCH', data: JSON.stringify(DISABLED) }, restapi())],
  ['restapi_object, update_path an existing policy, update_method from its provider block', one('restapi_object', { path: POLICIES, update_path: `${POLICIES}/${EXISTING}`, data: JSON.stringify(DISABLED) }, restapi({ update_method: 'PATCH' }))],
  ['terracurl_request POST to CA policies, its read a PATCH of an existing policy', one('terracurl_request', { name: 'x', url: `${GRAPH}${POLICIES}`, method: 'POST', request_body: JSON.stringify(DISABLED), response_codes: ['201'], read_url: `${GRAPH}${POLICIES}/${EXISTING}`, read_method: 'PATCH', read_request_body: JSON.stringify(DISABLED), read_response_codes: ['204'] })],
  ['restful_resource POST to namedLocations, update_path an existing named location', one('restful_resource', { path: LOCATIONS, update_path: `${LOCATIONS}/${EXISTING}`, update_method: 'PATCH', body: RANGES }, restful())],
  ['restful_resource POST to namedLocations, update_path $(path)/<existing id>, method from the provider block', one('restful_resource', { path: LOCATIONS, update_path: `$(path)/${EXISTING}`, body: RANGES }, restful({ update_method: 'PATCH' }))],
  ['restapi_object POST to namedLocations, update_path an existing named location', one('restapi_object', { path: LOCATIONS, update_path: `${LOCATIONS}/${EXISTING}`, update_method: 'PATCH', data: JSON.stringify(RANGES) }, restapi())],
];

describe('A31a-2: an update request naming an existing policy or named location writes over it, whatever the block\'s create posted to', () => {
  test.each(OVER_EXISTING.flatMap(([name, blocks]) => [['User', USER], ['Group', GROUP]].map(([kind, id]) => [name, kind, blocks, id] as const)))(
    '%s, beside a %s administrator, fails PG-IAM-3', (_name, kind, blocks, id) => {
      expect(administratorFindings(blocks, kind, id)).toEqual([`${Object.keys(blocks.resource)[0]}.w`]);
    });
});

const HARDENING = { displayName: 'x', state: 'enabled', conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] } }, grantControls: { operator: 'OR', builtInControls: ['mfa'] } };
const OWN: readonly (readonly [string, Json])[] = [
  ['restful_resource POST of a new hardening policy, update_path $(path)/$(body.id)', one('restful_resource', { path: POLICIES, update_path: '$(path)/$(body.id)', update_method: 'PATCH', read_path: '$(path)/$(body.id)', body: HARDENING }, restful())],
  ['restful_resource POST of a new hardening policy, update_path policies/$(body.id), method from the provider block', one('restful_resource', { path: POLICIES, update_path: `${POLICIES}/$(body.id)`, body: HARDENING }, restful({ update_method: 'PATCH' }))],
  ['restful_resource POST of a new hardening policy, no update_path, read_path $(path)/$(body.id) (its updates go there)', one('restful_resource', { path: POLICIES, read_path: '$(path)/$(body.id)', body: HARDENING }, restful({ update_method: 'PATCH' }))],
  ['restapi_object POST of a new hardening policy, update_path policies/{id}', one('restapi_object', { path: POLICIES, update_path: `${POLICIES}/{id}`, update_method: 'PATCH', data: JSON.stringify(HARDENING) }, restapi())],
  ['restful_resource POST of a new untrusted named location, update_path $(path)/$(body.id)', one('restful_resource', { path: LOCATIONS, update_path: '$(path)/$(body.id)', update_method: 'PATCH', body: { ...RANGES, ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', 'cidrAddress': '203.0.113.0/24' }] } }, restful())],
];

describe('controls: updates of the block\'s own new object pass', () => {
  test.each(OWN.flatMap(([name, blocks]) => [['User', USER], ['Group', GROUP]].map(([kind, id]) => [name, kind, blocks, id] as const)))(
    '%s, beside a %s administrator', (_name, kind, blocks, id) => {
      expect(administratorFindings(blocks, kind, id)).toEqual(['pass']);
    });
});

// The 31st run's remark on PIM role management policies: a literal policy ID names its group ("Group_<group id>_<id>"), read by the
// group readers; one known only at apply time may be the administrator group's. An update request is read as the create request is.
describe('PIM role management policies written by an update request', () => {
  test.each<[string, Json]>([
    ['restful_resource update_path of the administrator group\'s PIM policy', one('restful_resource', { path: '/policies/roleManagementPolicies', update_path: `/policies/roleManagementPolicies/Group_${GROUP}_x`, update_method: 'PATCH', body: { displayName: 'x' } }, restful())],
    ['restful_resource update_path of a PIM policy known only at apply time', one('restful_resource', { path: POLICIES, update_path: '/policies/roleManagementPolicies/${var.p}', update_method: 'PATCH', body: DISABLED }, restful())],
    ['restful_operation PATCH of the administrator group\'s PIM policy', one('restful_operation', { path: `/policies/roleManagementPolicies/Group_${GROUP}_x/rules/Expiration_EndUser_Assignment`, method: 'PATCH', body: { isExpirationRequired: false } }, restful())],
  ])('%s fails PG-IAM-3 beside a group administrator', (_name, blocks) => {
    expect(administratorFindings(blocks, 'Group', GROUP)).toEqual([`${Object.keys(blocks.resource)[0]}.w`]);
  });
});

// The control above passed only once the unread-writes reader took the block's own object as its create's (graph-write-targets.ts):
// its update body, with restful's `update_body_patches` set into it, is then the Conditional Access reader's to read.
describe('an update of the block\'s own new policy: its patched body is read', () => {
  const patched = (patches: Json[]): Json => one('restful_resource', { path: POLICIES, update_path: '$(path)/$(body.id)', update_method: 'PATCH', body: HARDENING, update_body_patches: patches }, restful());
  test.each(['User', 'Group'])('update_body_patches excluding the %s administrator fails PG-IAM-3', (kind) => {
    const id = kind === 'User' ? USER : GROUP;
    const list = kind === 'User' ? 'excludeUsers' : 'excludeGroups';
    // A user's ID in the body is also read by the credential reader (a second finding on the same block, as for the create's body).
    const findings = administratorFindings(patched([{ path: `conditions.users.${list}`, raw_json: JSON.stringify([id]) }]), kind, id);
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings)).toEqual(new Set(['restful_resource.w']));
  });
  test('update_body_patches known only at apply time fail PG-IAM-3', () => {
    expect(administratorFindings(patched([{ path: 'conditions', raw_json: '${var.c}' }]), 'User', USER)).toEqual(['restful_resource.w']);
  });
  test('control: update_body_patches that only rename the policy pass', () => {
    expect(administratorFindings(patched([{ path: 'displayName', raw_json: '"y"' }]), 'User', USER)).toEqual(['pass']);
  });
});
