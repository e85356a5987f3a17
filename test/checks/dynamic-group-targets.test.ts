import { administratorFindings } from './administrator-fixtures';

// 30th run, A30a-4 and A30a-5: the dynamic-group reader (administrator-memberships.ts dynamicGroups) read bodies by a name suffix
// (`*_body`, `*_data`) and the written group as `groups/<id>` only. restful_resource's `update_body_patches` (a list of `{path,
// raw_json}` set into the body of every update request, magodo/restful resource.go Update) passed, and so did a write of an existing
// group through the cast `directoryObjects/<id>/microsoft.graph.group` (which the pointer readers and the Graph allow-list read as
// that group, so nothing failed it closed). The bodies now come from the HTTP-request table (http-requests.ts `bodies`, `patches`) and
// the written object from one reader of a URL's object (graph-urls.ts urlObject), the allow-list's too.

type Json = { [key: string]: any };
const USER = '99999999-7777-8888-9999-000000000001';
const EXISTING = '44444444-4444-4444-4444-444444444444';
const RULE = '(user.accountEnabled -eq true)';
const DYNAMIC = { groupTypes: ['DynamicMembership'], membershipRule: RULE, membershipRuleProcessingState: 'On' };
const NEW_GROUP = { displayName: 'x', mailEnabled: false, mailNickname: 'x', securityEnabled: true };
const RESTFUL = { restful: [{ base_url: 'https://graph.microsoft.com/v1.0' }] };

/** One block of a type named "w", with providers. */
const one = (type: string, config: Json, provider: Json = {}, extra: Json = {}): Json => ({ provider, ...extra, resource: { [type]: { w: config } } });
/** A restful_resource making a new group, updating the existing one with these patches. */
const patched = (patches: unknown, body: Json = NEW_GROUP): Json => one('restful_resource', { path: '/groups', body, update_path: `/groups/${EXISTING}`, update_method: 'PATCH', update_body_patches: patches }, RESTFUL);

describe('A30a-4: every body a REST block sends is read from the HTTP-request table, update_body_patches as the provider applies them', () => {
  test.each<[string, Json]>([
    ['the 30th run\'s patches (membershipRule, groupTypes)', patched([{ path: 'membershipRule', raw_json: JSON.stringify(RULE) }, { path: 'groupTypes', raw_json: '["DynamicMembership"]' }])],
    ['a patch of the whole body (path "")', patched([{ path: '', raw_json: JSON.stringify(DYNAMIC) }])],
    ['a patch appending DynamicMembership to groupTypes (path "groupTypes.-1")', patched([{ path: 'groupTypes.-1', raw_json: '"DynamicMembership"' }], { ...NEW_GROUP, groupTypes: [] })],
    ['a patch of groupTypes.0 into a body with none', patched([{ path: 'groupTypes.0', raw_json: '"DynamicMembership"' }])],
    ['membershipRuleProcessingState On in another key case', patched([{ path: 'MembershipRuleProcessingState', raw_json: '"On"' }])],
    ['an escaped path (membership\\Rule)', patched([{ path: 'membership\\Rule', raw_json: JSON.stringify(RULE) }])],
    ['a raw_json with a $(body.x) parameter (expanded from the state output)', patched([{ path: 'membershipRule', raw_json: '"$(body.membershipRule)"' }])],
    ['a raw_json known only at apply time', patched([{ path: 'membershipRule', raw_json: '${var.rule}' }])],
    ['a path known only at apply time', patched([{ path: '${var.path}', raw_json: '"On"' }])],
    ['patches known only at apply time', patched('${var.patches}')],
    ['a raw_json that is no JSON', patched([{ path: 'membershipRule', raw_json: 'user.accountEnabled' }])],
  ])('%s fails PG-IAM-3', (_name, blocks) => {
    expect(administratorFindings(blocks, 'User', USER)).toEqual(['restful_resource.w']);
  });

  test.each<[string, Json]>([
    ['patches of another field (the group\'s description)', patched([{ path: 'description', raw_json: '"managed"' }])],
    ['a patch that removes a field', patched([{ path: 'displayName', removed: true }])],
    ['a patch pausing the rule', patched([{ path: 'membershipRuleProcessingState', raw_json: '"Paused"' }])],
    ['a new dynamic group, its own update patched (no update_path)', one('restful_resource', { path: '/groups', body: { ...NEW_GROUP, ...DYNAMIC }, update_body_patches: [{ path: 'membershipRule', raw_json: JSON.stringify(RULE) }] }, RESTFUL)],
  ])('control: %s passes', (_name, blocks) => {
    expect(administratorFindings(blocks, 'User', USER)).toEqual(['pass']);
  });
});

describe('A30a-5: a write of an existing group through any URL that names it (the directory-object cast, directoryObjects/<id>)', () => {
  test.each<[string, Json, string]>([
    ['msgraph_update_resource directoryObjects/<id>/microsoft.graph.group', one('msgraph_update_resource', { url: `directoryObjects/${EXISTING}/microsoft.graph.group`, body: DYNAMIC }), 'msgraph_update_resource.w'],
    ['restful_operation PATCH directoryObjects/<id>/microsoft.graph.group', one('restful_operation', { path: `/directoryObjects/${EXISTING}/microsoft.graph.group`, method: 'PATCH', body: DYNAMIC }, RESTFUL), 'restful_operation.w'],
    ['the cast spelled Microsoft.Graph.Group, membershipRuleProcessingState On alone', one('msgraph_update_resource', { url: `DirectoryObjects/${EXISTING}/Microsoft.Graph.Group`, body: { membershipRuleProcessingState: 'On' } }), 'msgraph_update_resource.w'],
    ['the OData key spelling directoryObjects(\'<id>\')/microsoft.graph.group', one('msgraph_update_resource', { url: `directoryObjects('${EXISTING}')/microsoft.graph.group`, body: DYNAMIC }), 'msgraph_update_resource.w'],
    ['a cast after groups/<id> (groups/<id>/microsoft.graph.group)', one('msgraph_update_resource', { url: `groups/${EXISTING}/microsoft.graph.group`, body: DYNAMIC }), 'msgraph_update_resource.w'],
    ['the cast in a full URL, a query after it', one('msgraph_update_resource', { url: `https://graph.microsoft.com/v1.0/directoryObjects/${EXISTING}/microsoft.graph.group?$select=id`, body: DYNAMIC }), 'msgraph_update_resource.w'],
    ['restful_resource update_path of the cast, the rule in update_body_patches', one('restful_resource', { path: '/groups', body: NEW_GROUP, update_path: `/directoryObjects/${EXISTING}/microsoft.graph.group`, update_method: 'PATCH', update_body_patches: [{ path: 'membershipRule', raw_json: JSON.stringify(RULE) }] }, RESTFUL), 'restful_resource.w'],
    ['restapi_object update_path of the cast, the rule in update_data', one('restapi_object', { path: '/groups', data: JSON.stringify(NEW_GROUP), update_path: `/directoryObjects/${EXISTING}/microsoft.graph.group`, update_data: JSON.stringify(DYNAMIC) }, { restapi: [{ uri: 'https://graph.microsoft.com/v1.0' }] }), 'restapi_object.w'],
    ['a $batch request PATCHing groups/<id>', one('msgraph_resource_action', { resource_url: '$batch', method: 'POST', body: { requests: [{ id: '1', method: 'PATCH', url: `/groups/${EXISTING}`, body: DYNAMIC }] } }), 'msgraph_resource_action.w'],
    ['a $batch request (JSON text, names in another case) PATCHing the cast', one('restful_operation', { path: '/$batch', method: 'POST', body: JSON.stringify({ Requests: [{ id: '1', Method: 'patch', URL: `/directoryObjects/${EXISTING}/microsoft.graph.group`, Body: { membershipRuleProcessingState: 'On' } }] }) }, RESTFUL), 'restful_operation.w'],
    ['for_each over existing groups through the cast', one('msgraph_update_resource', { for_each: `\${toset(["${EXISTING}"])}`, url: 'directoryObjects/${each.value}/microsoft.graph.group', body: DYNAMIC }), 'msgraph_update_resource.w'],
  ])('%s fails PG-IAM-3', (_name, blocks, address) => {
    expect(administratorFindings(blocks, 'User', USER)).toEqual([address]);
  });

  test.each<[string, Json]>([
    ['a displayName PATCH of another group through the cast', one('msgraph_update_resource', { url: `directoryObjects/${EXISTING}/microsoft.graph.group`, body: { displayName: 'renamed' } })],
    ['a $batch PATCH of another group\'s displayName', one('msgraph_resource_action', { resource_url: '$batch', method: 'POST', body: { requests: [{ id: '1', method: 'PATCH', url: `/groups/${EXISTING}`, body: { displayName: 'renamed' } }] } })],
    ['a new dynamic group msgraph makes', one('msgraph_resource', { url: 'groups', body: { ...NEW_GROUP, ...DYNAMIC } })],
    ['a cast PATCH of a group the stack makes', { resource: { azuread_group: { g: { display_name: 'g', security_enabled: true } }, msgraph_update_resource: { w: { url: 'directoryObjects/${azuread_group.g.object_id}/microsoft.graph.group', body: DYNAMIC } } } }],
  ])('control: %s passes', (_name, blocks) => {
    expect(administratorFindings(blocks, 'User', USER)).toEqual(['pass']);
  });
});

// The read request of a REST block (terracurl_request's `read_url`/`read_method`, restapi_object's `read_path`/`read_method`) was no
// request at all to the readers (http-requests.ts listed none): a read sent by PATCH at every refresh wrote what it liked.
describe('a REST block\'s read request is a request: sent by another method than GET, it is read as every write', () => {
  const GRAPH = 'https://graph.microsoft.com/v1.0';
  const RESTAPI = { restapi: [{ uri: GRAPH }] };
  test.each<[string, Json, string]>([
    ['terracurl_request read_method PATCH of groups/<id>, the rule in read_request_body', one('terracurl_request', { name: 'x', url: `${GRAPH}/groups`, method: 'GET', skip_read: false, read_url: `${GRAPH}/groups/${EXISTING}`, read_method: 'PATCH', read_request_body: JSON.stringify(DYNAMIC), response_codes: ['200'] }), 'terracurl_request.w'],
    ['restapi_object read_method patch of the cast, the rule in read_data', one('restapi_object', { path: '/groups', data: JSON.stringify(NEW_GROUP), read_path: `/directoryObjects/${EXISTING}/microsoft.graph.group`, read_method: 'patch', read_data: JSON.stringify(DYNAMIC) }, RESTAPI), 'restapi_object.w'],
    ['terracurl_request read_method PATCH of an existing Conditional Access policy', one('terracurl_request', { name: 'x', url: `${GRAPH}/groups`, method: 'POST', request_body: JSON.stringify(NEW_GROUP), skip_read: false, read_url: `${GRAPH}/identity/conditionalAccess/policies/55555555-5555-5555-5555-555555555555`, read_method: 'PATCH', read_request_body: '{"state":"disabled"}', response_codes: ['201'] }), 'terracurl_request.w'],
    ['restapi_object read_method known only at apply time', one('restapi_object', { path: '/groups', data: JSON.stringify(NEW_GROUP), read_path: `/groups/${EXISTING}`, read_method: '${var.method}', read_data: JSON.stringify(DYNAMIC) }, RESTAPI), 'restapi_object.w'],
  ])('%s fails PG-IAM-3', (_name, blocks, address) => {
    expect(administratorFindings(blocks, 'User', USER)).toEqual([address]);
  });

  test.each<[string, Json]>([
    ['terracurl_request reading the existing group by GET', one('terracurl_request', { name: 'x', url: `${GRAPH}/groups`, method: 'POST', request_body: JSON.stringify(NEW_GROUP), skip_read: false, read_url: `${GRAPH}/groups/${EXISTING}`, read_method: 'GET', response_codes: ['201'] })],
    ['restapi_object reading the existing group with no read_method (GET)', one('restapi_object', { path: '/groups', data: JSON.stringify(NEW_GROUP), read_path: `/groups/${EXISTING}`, read_data: JSON.stringify(DYNAMIC) }, RESTAPI)],
  ])('control: %s passes', (_name, blocks) => {
    expect(administratorFindings(blocks, 'User', USER)).toEqual(['pass']);
  });
});
