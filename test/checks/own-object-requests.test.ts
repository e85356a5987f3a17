import { TerraformResource } from 'cdktf';
import { EntraPrincipalType, SecureFlexibleServer } from '../../lib';
import { checkStack } from '../cli/cli-harness';
import { minimalProps, providerStack, synthErrors } from '../helpers';
import { administratorFindings } from './administrator-fixtures';

// 30th run, A30a-3 and A30a-6: two readers learned separately which object a generic HTTP block makes, and both took too much as its
// own. The delete rule (graph-write-targets.ts) took a create path sent by PUT, by an unset method whose provider block may set PUT, or
// by restful_operation/terracurl PUT, as the block's new object, so its destroy DELETE of an existing Conditional Access policy passed;
// the dynamic-group reader (administrator-memberships.ts writtenGroup) took any restful `$(...)` parameter as the block's own group, so
// `groups/$(body.displayName)` (a field the body sets to an existing group's ID) passed. One function now answers for both
// (graph-urls.ts ownObjectPaths): a create is the block's new object only when it is a POST (its method argument, else its provider
// block's `create_method`, else the provider's default POST), with the ID the provider reads back (restful's `$(body.id)`, restapi's `{id}`).

type Json = { [key: string]: any };
const USER = '99999999-7777-8888-9999-000000000001';
const GROUP = '99999999-7777-8888-9999-000000000002';
const EXISTING = '44444444-4444-4444-4444-444444444444';
const GRAPH = 'https://graph.microsoft.com/v1.0';
const CA = `/identity/conditionalAccess/policies/${EXISTING}`;
const NAMED = `/identity/conditionalAccess/namedLocations/${EXISTING}`;
const RULE = '(user.accountEnabled -eq true)';
const DYNAMIC = { groupTypes: ['DynamicMembership'], membershipRule: RULE, membershipRuleProcessingState: 'On' };
const NEW_GROUP = { displayName: 'x', mailEnabled: false, mailNickname: 'x', securityEnabled: true };
const restful = (settings: Json = {}): Json => ({ restful: [{ base_url: GRAPH, ...settings }] });
const restapi = (settings: Json = {}): Json => ({ restapi: [{ uri: GRAPH, ...settings }] });

/** One block of a type named "w", with providers (and other top-level blocks). */
const one = (type: string, config: Json, provider: Json = {}, extra: Json = {}): Json => ({ provider, ...extra, resource: { [type]: { w: config } } });

/** A create that writes over an existing object (PUT, a method the provider block sets, one known only later), its destroy a DELETE of it. */
const OVERWRITES: readonly (readonly [string, Json])[] = [
  ['restful_resource create_method PUT to a policy (its delete to its path)', one('restful_resource', { path: CA, create_method: 'PUT', body: { displayName: 'x' } }, restful())],
  ['restful_resource create_method " put " to a policy', one('restful_resource', { path: CA, create_method: ' put ', body: { displayName: 'x' } }, restful())],
  ['restful_resource, its provider block create_method PUT', one('restful_resource', { path: CA, body: { displayName: 'x' } }, restful({ create_method: 'PUT' }))],
  ['restful_resource, its provider block create_method PATCH', one('restful_resource', { path: CA, body: { displayName: 'x' } }, restful({ create_method: 'PATCH' }))],
  ['restful_resource, the aliased provider block it selects sets create_method PUT', { provider: { restful: [{ base_url: GRAPH }, { alias: 'graph', base_url: GRAPH, create_method: 'PUT' }] }, resource: { restful_resource: { w: { provider: 'restful.graph', path: CA, body: { displayName: 'x' } } } } }],
  ['restful_resource, its provider block create_method known only at apply time', one('restful_resource', { path: CA, body: { displayName: 'x' } }, restful({ create_method: '${var.m}' }))],
  ['restful_resource, a provider named by an expression', one('restful_resource', { provider: '${var.p}', path: CA, body: { displayName: 'x' } }, restful())],
  ['restful_resource create_method PUT, delete_path $(path)', one('restful_resource', { path: CA, create_method: 'PUT', body: { displayName: 'x' }, delete_path: '$(path)' }, restful())],
  ['restful_resource create_method PUT to a named location, read_path its path', one('restful_resource', { path: NAMED, create_method: 'PUT', read_path: '$(path)', body: { displayName: 'x' } }, restful())],
  ['restful_resource create_method PUT, for_each', one('restful_resource', { for_each: '${toset(["a"])}', path: CA, create_method: 'PUT', body: { displayName: 'x' } }, restful())],
  ['restful_operation PUT, delete_method DELETE', one('restful_operation', { path: CA, method: 'PUT', body: { displayName: 'x' }, delete_method: 'DELETE' }, restful())],
  ['restful_operation PUT to a collection, delete_path $(path)/$(body.id)', one('restful_operation', { path: '/identity/conditionalAccess/policies', method: 'PUT', body: { id: EXISTING }, delete_path: '$(path)/$(body.id)', delete_method: 'DELETE' }, restful())],
  ['restful_resource create_method PUT to a collection, read_path $(path)/$(body.id)', one('restful_resource', { path: '/identity/conditionalAccess/policies', create_method: 'PUT', body: { id: EXISTING }, read_path: '$(path)/$(body.id)' }, restful())],
  // restful's `$(body.id)` is the new object's only when the body read back is the create's response as is.
  ['restful_resource POST, a read_selector picking an existing policy from the collection, delete_path $(path)/$(body.id)', one('restful_resource', { path: '/identity/conditionalAccess/policies', body: { displayName: 'x' }, read_selector: 'value.#(displayName=="Admins")', delete_path: '$(path)/$(body.id)' }, restful())],
  ['restful_resource POST, post_create_read of an existing policy, read_path $(path)/$(body.id)', one('restful_resource', { path: '/identity/conditionalAccess/policies', body: { displayName: 'x' }, post_create_read: { path: CA }, read_path: '$(path)/$(body.id)' }, restful())],
  ['restful_resource POST, a create_selector, read_path $(path)/$(body.id)', one('restful_resource', { path: '/identity/conditionalAccess/policies', body: { displayName: 'x' }, create_selector: 'conditions', read_path: '$(path)/$(body.id)' }, restful())],
  ['restful_resource POST, a read_response_template setting the id, delete_path $(path)/$(body.id)', one('restful_resource', { path: '/identity/conditionalAccess/policies', body: { displayName: 'x' }, read_path: '$(path)/$(body.id)', read_response_template: `{"id": "${EXISTING}"}`, delete_path: '$(path)/$(body.id)' }, restful())],
  ['terracurl_request PUT, destroy_url its url', one('terracurl_request', { name: 'x', url: `${GRAPH}${CA}`, method: 'PUT', request_body: '{"displayName":"x"}', response_codes: ['204'], destroy_url: `${GRAPH}${CA}`, destroy_method: 'DELETE', destroy_response_codes: ['204'] })],
  ['terracurl_request, a method known only at apply time, destroy_url its url', one('terracurl_request', { name: 'x', url: `${GRAPH}${NAMED}`, method: '${var.m}', request_body: '{"displayName":"x"}', response_codes: ['204'], destroy_url: `${GRAPH}${NAMED}`, destroy_method: 'DELETE', destroy_response_codes: ['204'] })],
  ['restapi_object, its provider block create_method PUT (delete path/{id}, the ID its data holds is read back)', one('restapi_object', { path: '/identity/conditionalAccess/policies', data: '{"displayName":"x"}' }, restapi({ create_method: 'PUT' }))],
  ['restapi_object create_method PUT, destroy_path {id}', one('restapi_object', { path: '/identity/conditionalAccess/policies', create_method: 'PUT', data: '{"displayName":"x"}', destroy_path: '/identity/conditionalAccess/policies/{id}' }, restapi())],
  ['restapi_object, its provider block id_attribute the data holds (the ID is the data\'s)', one('restapi_object', { path: '/identity/conditionalAccess/policies', data: JSON.stringify({ displayName: 'x', ref: EXISTING }) }, restapi({ id_attribute: 'ref' }))],
];

describe('A30a-3: a create that writes over an existing object is not the block\'s own: its destroy DELETE fails PG-IAM-3', () => {
  test.each(OVERWRITES.flatMap(([name, blocks]) => [['User', USER], ['Group', GROUP]].map(([kind, id]) => [name, kind, blocks, id] as const)))(
    '%s, beside a %s administrator', (_name, kind, blocks, id) => {
      expect(administratorFindings(blocks, kind, id)).toEqual([`${Object.keys(blocks.resource)[0]}.w`]);
    });
});

/** A create that makes a new object (a POST, by the block, its provider block or the provider's default), its delete of that object. */
const OWN: readonly (readonly [string, Json])[] = [
  ['restful_resource POST groups, delete_path $(path)/$(body.id)', one('restful_resource', { path: '/groups', body: NEW_GROUP, read_path: '$(path)/$(body.id)', delete_path: '$(path)/$(body.id)' }, restful())],
  ['restful_resource new CA policy by the default POST, read and delete $(path)/$(body.id)', one('restful_resource', { path: '/identity/conditionalAccess/policies', body: { displayName: 'x' }, read_path: '$(path)/$(body.id)', delete_path: '$(path)/$(body.id)' }, restful())],
  ['restful_resource new CA policy, its provider block create_method POST', one('restful_resource', { path: '/identity/conditionalAccess/policies', body: { displayName: 'x' }, read_path: '$(path)/$(body.id)' }, restful({ create_method: 'POST' }))],
  ['restful_resource new CA policy, another alias sets create_method PUT', { provider: { restful: [{ base_url: GRAPH }, { alias: 'put', base_url: GRAPH, create_method: 'PUT' }] }, resource: { restful_resource: { w: { path: '/identity/conditionalAccess/policies', body: { displayName: 'x' }, read_path: '$(path)/$(body.id)' } } } }],
  ['restful_resource create_method post, with no provider block', one('restful_resource', { path: '/identity/conditionalAccess/policies', create_method: 'post', body: { displayName: 'x' }, read_path: '$(path)/$(body.id)' })],
  ['restful_operation POST, delete_path $(path)/$(body.id)', one('restful_operation', { path: '/identity/conditionalAccess/policies', method: 'POST', body: { displayName: 'x' }, delete_path: '$(path)/$(body.id)', delete_method: 'DELETE' }, restful())],
  ['restapi_object POST with {id} (by default)', one('restapi_object', { path: '/identity/conditionalAccess/policies', data: '{"displayName":"x"}' }, restapi())],
  ['restapi_object POST, destroy_path {id}, its provider block create_method POST', one('restapi_object', { path: '/identity/conditionalAccess/policies', data: '{"displayName":"x"}', destroy_path: '/identity/conditionalAccess/policies/{id}' }, restapi({ create_method: 'POST' }))],
];

describe('controls: a POST\'s new object, deleted at the ID the provider reads back, passes', () => {
  test.each(OWN.flatMap(([name, blocks]) => [['User', USER], ['Group', GROUP]].map(([kind, id]) => [name, kind, blocks, id] as const)))(
    '%s, beside a %s administrator', (_name, kind, blocks, id) => {
      expect(administratorFindings(blocks, kind, id)).toEqual(['pass']);
    });
});

/** A write of `groups/<a restful parameter>` that names no group the block makes: a field of the body (what it sets), or its ID after a PUT. */
const NOT_OWN_GROUP: readonly (readonly [string, Json])[] = [
  ['update_path groups/$(body.displayName), the body\'s displayName an existing group\'s ID', one('restful_resource', { path: '/groups', update_path: '/groups/$(body.displayName)', update_method: 'PATCH', body: { ...NEW_GROUP, displayName: EXISTING, ...DYNAMIC } }, restful())],
  ['update_path $(path)/$(body.mailNickname)', one('restful_resource', { path: '/groups', update_path: '$(path)/$(body.mailNickname)', update_method: 'PATCH', body: { ...NEW_GROUP, mailNickname: EXISTING, ...DYNAMIC } }, restful())],
  ['update_path groups/$(body.x.id) (a nested field)', one('restful_resource', { path: '/groups', update_path: '/groups/$(body.x.id)', body: { ...NEW_GROUP, x: { id: EXISTING }, ...DYNAMIC } }, restful())],
  ['update_path groups/$(body.id) after a PUT (the ID the body sets)', one('restful_resource', { path: '/groups', create_method: 'PUT', update_path: '/groups/$(body.id)', update_method: 'PATCH', body: { ...NEW_GROUP, id: EXISTING, ...DYNAMIC } }, restful())],
  ['update_path groups/$(body.id), its provider block create_method PUT', one('restful_resource', { path: '/groups', update_path: '/groups/$(body.id)', update_method: 'PATCH', body: { ...NEW_GROUP, id: EXISTING, ...DYNAMIC } }, restful({ create_method: 'PUT' }))],
  ['update_path $(path)/$(body.id), a read_selector picking an existing group', one('restful_resource', { path: '/groups', update_path: '$(path)/$(body.id)', update_method: 'PATCH', read_selector: 'value.0', body: { ...NEW_GROUP, ...DYNAMIC } }, restful())],
  ['restful_operation PATCH groups/$(body.displayName) (a body parameter in its own request)', one('restful_operation', { path: '/groups/$(body.displayName)', method: 'PATCH', body: { displayName: EXISTING, ...DYNAMIC } }, restful())],
];

describe('A30a-6: a restful path parameter other than the ID a POST reads back is no group of the block\'s own: a dynamic rule fails PG-IAM-3', () => {
  test.each(NOT_OWN_GROUP)('%s', (_name, blocks) => {
    expect(administratorFindings(blocks, 'User', USER)).toEqual([`${Object.keys(blocks.resource)[0]}.w`]);
  });

  test.each<[string, Json]>([
    ['restful_resource POST groups, update_path groups/$(body.id)', one('restful_resource', { path: '/groups', update_path: '/groups/$(body.id)', update_method: 'PATCH', body: { ...NEW_GROUP, ...DYNAMIC } }, restful())],
    ['restful_resource POST groups, update_path $(path)/$(body.id)', one('restful_resource', { path: '/groups', update_path: '$(path)/$(body.id)', update_method: 'PATCH', body: { ...NEW_GROUP, ...DYNAMIC } }, restful())],
    ['restful_operation POST groups, delete_path $(path)/$(body.id) with a delete_body', one('restful_operation', { path: '/groups', method: 'POST', body: { ...NEW_GROUP, ...DYNAMIC }, delete_path: '$(path)/$(body.id)', delete_method: 'DELETE' }, restful())],
    ['restapi_object POST groups, update_path groups/{id}', one('restapi_object', { path: '/groups', update_path: '/groups/{id}', update_method: 'PATCH', data: JSON.stringify({ ...NEW_GROUP, ...DYNAMIC }) }, restapi())],
  ])('control: %s (the group the block makes) passes', (_name, blocks) => {
    expect(administratorFindings(blocks, 'User', USER)).toEqual(['pass']);
  });
});

describe('through a cdktf program: synth and the check command', () => {
  const stack = (type: string, config: Json, settings: Json = {}) => {
    const made = providerStack();
    made.addOverride('terraform.required_providers.restful', { source: 'magodo/restful' });
    made.addOverride('provider.restful', [{ base_url: GRAPH, ...settings }]);
    const block = new TerraformResource(made, 'W', { terraformResourceType: type });
    for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
    new SecureFlexibleServer(made, 'Postgres', minimalProps({ entraAdministrators: [{ objectId: USER, principalName: 'dba@contoso.com', principalType: EntraPrincipalType.USER }] }));
    return made;
  };
  const iam3 = (lines: readonly string[]) => lines.filter((line) => line.includes('PG-IAM-3'));
  const CASES: readonly (readonly [string, string, Json, Json])[] = [
    ['a restful_resource whose provider block creates by PUT, on a policy', 'restful_resource', { path: CA, body: { displayName: 'x' } }, { create_method: 'PUT' }],
    ['a restful_resource update_path groups/$(body.displayName)', 'restful_resource', { path: '/groups', update_path: '/groups/$(body.displayName)', update_method: 'PATCH', body: { ...NEW_GROUP, displayName: EXISTING, ...DYNAMIC } }, {}],
  ];

  test.each(CASES)('%s fails PG-IAM-3 at synth and in the check command', (_name, type, config, settings) => {
    const failing = stack(type, config, settings);
    expect(iam3(synthErrors(failing)).some((line) => line.includes(`${type}.W `))).toBe(true);
    const checked = checkStack(failing);
    expect(checked.code).toBe(1);
    expect(iam3(checked.out).some((line) => line.includes(`${type}.W:`))).toBe(true);
  });

  test('control: a restful_resource POST of a new group, deleted at $(path)/$(body.id), passes synth and check', () => {
    const passing = stack('restful_resource', { path: '/groups', body: NEW_GROUP, read_path: '$(path)/$(body.id)', delete_path: '$(path)/$(body.id)' });
    expect(iam3(synthErrors(passing))).toEqual([]);
    expect(iam3(checkStack(passing).out)).toEqual([]);
  });
});

// The lead's brief for this fix: the provider block's methods for the other requests are read too (restful's `update_method` and
// `delete_method`, restapi's `update_method` and `destroy_method`: "This overrides the `delete_method` set in the provider block").
describe('a method the provider block sets for a request whose block leaves it unset', () => {
  const ADD_ADMIN = { '@odata.id': `${GRAPH}/directoryObjects/${USER}` };
  test.each<[string, Json]>([
    ['restful provider delete_method POST: the delete request to groups/<id>/members/$ref adds a member', one('restful_resource', { path: '/groups', body: NEW_GROUP, read_path: '$(path)/$(body.id)', delete_path: `/groups/${EXISTING}/members/$ref`, delete_body: ADD_ADMIN }, restful({ delete_method: 'POST' }))],
    ['restapi provider destroy_method POST: the destroy_path groups/<id>/members/$ref adds a member', one('restapi_object', { path: '/groups', data: JSON.stringify(NEW_GROUP), destroy_path: `/groups/${EXISTING}/members/$ref`, destroy_data: JSON.stringify(ADD_ADMIN) }, restapi({ destroy_method: 'POST' }))],
    ['restapi provider update_method DELETE: the update of a policy deletes it', one('restapi_object', { path: '/identity/conditionalAccess/policies', data: '{"displayName":"x"}', update_path: CA }, restapi({ update_method: 'DELETE' }))],
    ['restful provider delete_method known only at apply time, delete_path a policy', one('restful_resource', { path: '/subscriptions', body: {}, delete_path: `/groups/${EXISTING}` }, restful({ delete_method: '${var.m}' }))],
  ])('%s fails PG-IAM-3', (_name, blocks) => {
    expect(administratorFindings(blocks, 'User', USER)).toEqual([`${Object.keys(blocks.resource)[0]}.w`]);
  });

  test.each<[string, Json]>([
    ['restful provider update_method PATCH, delete_method DELETE, a new policy deleted at $(path)/$(body.id)', one('restful_resource', { path: '/identity/conditionalAccess/policies', body: { displayName: 'x' }, read_path: '$(path)/$(body.id)', delete_path: '$(path)/$(body.id)' }, restful({ update_method: 'PATCH', delete_method: 'DELETE' }))],
    ['restful provider update_method PATCH, a new group updated at $(path)/$(body.id) with a dynamic rule', one('restful_resource', { path: '/groups', body: { ...NEW_GROUP, ...DYNAMIC }, read_path: '$(path)/$(body.id)', update_path: '$(path)/$(body.id)' }, restful({ update_method: 'PATCH' }))],
    ['restapi provider destroy_method DELETE, a new group', one('restapi_object', { path: '/groups', data: JSON.stringify(NEW_GROUP) }, restapi({ destroy_method: 'DELETE' }))],
  ])('control: %s passes', (_name, blocks) => {
    expect(administratorFindings(blocks, 'User', USER)).toEqual(['pass']);
  });
});
