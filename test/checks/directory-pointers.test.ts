import { createsDirectoryObject, directoryPointers, guidKey, idMayBe, pointerBlocks } from '../../lib/checks/directory-pointers';
import { providerConfigurations } from '../../lib/checks/provider-facts';
import { buildStackModel, ResourceView, TerraformBlock } from '../../lib/checks/stack-model';

// Seventeenth review, A17b-4: which directory objects a Graph or REST write names, wherever and however it names them.

const GROUP = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

/** The pointers of one block, as `<collection> <id>` (and `key` for an alternate key). */
const pointers = (type: string, block: TerraformBlock, provider?: TerraformBlock): string[] => {
  const terraform = { resource: { [type]: { w: block } }, ...(provider === undefined ? {} : { provider: { restapi: [provider] } }) };
  const resource = buildStackModel(terraform).resources.get(`${type}.w`) as ResourceView;
  return directoryPointers(resource, providerConfigurations(terraform)).map(({ collection, id, alternateKey }) => `${collection} ${id}${alternateKey ? ' key' : ''}`);
};

test('reads a path into a collection in any text, case, escape and key syntax', () => {
  expect(pointers('msgraph_resource', { url: `/V1.0/GROUPS/${GROUP}/members/$ref` })).toEqual([`groups ${GROUP}`]);
  expect(pointers('msgraph_resource', { url: `https://graph.microsoft.com/beta/groups('${GROUP}')/owners/$ref` })).toEqual([`groups ${GROUP}`]);
  expect(pointers('msgraph_resource', { url: `groups(id='${GROUP}')` })).toEqual([`groups ${GROUP}`]);
  expect(pointers('msgraph_resource', { url: "groups(uniqueName='dbas')/members/$ref" })).toEqual(['groups dbas key']);
  expect(pointers('msgraph_resource', { url: `groups%2F${GROUP}%2Fmembers` })).toEqual([`groups ${GROUP}`]);
  expect(pointers('restapi_object', { path: `//groups//${GROUP}/owners/$ref` })).toEqual([`groups ${GROUP}`]);
  expect(pointers('msgraph_resource', { url: '$batch', body: JSON.stringify({ requests: [{ url: `\\/users\\/${GROUP}` }] }) })).toEqual([`users ${GROUP}`]);
  expect(pointers('msgraph_resource', { url: `directoryObjects/${GROUP}/microsoft.graph.group/members/$ref` })).toEqual([`groups ${GROUP}`]);
  expect(pointers('msgraph_resource_action', { resource_url: 'users/ops@contoso.com', action: 'changePassword' })).toEqual(['users ops@contoso.com']);
  expect(pointers('msgraph_resource', { url: 'servicePrincipals/${var.sp}/addPassword' })).toEqual(['servicePrincipals ${var.sp}']);
});

test('reads no object in a collection, its functions, a member bound by directory object, or words that end in a collection name', () => {
  expect(pointers('msgraph_resource', { url: 'groups', body: { 'members@odata.bind': [`https://graph.microsoft.com/v1.0/directoryObjects/${GROUP}`] } })).toEqual([]);
  expect(pointers('msgraph_resource', { url: 'groups/delta' })).toEqual([]);
  expect(pointers('msgraph_resource', { url: 'users/$count' })).toEqual([]);
  expect(pointers('msgraph_resource', { url: `me/transitiveGroups/${GROUP}` })).toEqual([]);
});

test('reads a REST provider\'s {id} as its object_id, and as a new object without one', () => {
  expect(pointers('restapi_object', { path: '/groups', update_path: '/groups/{id}', object_id: GROUP })).toEqual([`groups ${GROUP}`]);
  expect(pointers('restapi_object', { path: '/groups', update_path: '/groups/{id}', data: '{"displayName":"x"}' })).toEqual([]);
});

// Review of e7b5c70: "{id}" is the block's new object only when graph-urls.ts ownObjectPaths reads one (the delete and membership
// readers' answer); before, any restapi_object without object_id had it read as its own, a PUT create or an ID its data sets too.
test('reads a REST provider\'s {id} as an ID the checks cannot read when the block makes no object of its own (ownObjectPaths)', () => {
  const path = { path: '/groups', update_path: '/groups/{id}/members/$ref' };
  expect(pointers('restapi_object', { ...path, create_method: 'PUT' })).toEqual(['groups ${?}']);
  expect(pointers('restapi_object', path, { uri: 'https://graph.microsoft.com/v1.0', create_method: 'put' })).toEqual(['groups ${?}']);
  expect(pointers('restapi_object', { ...path, create_method: '${var.m}' })).toEqual(['groups ${?}']);
  expect(pointers('restapi_object', { ...path, data: JSON.stringify({ id: GROUP, displayName: 'x' }) })).toEqual(['groups ${?}']);
  expect(pointers('restapi_object', { ...path, id_attribute: 'group/key', data: '${jsonencode({group = {key = var.g}})}' })).toEqual(['groups ${?}']);
  expect(pointers('restapi_object', { ...path, provider: '${var.p}' })).toEqual(['groups ${?}']);
  // Controls: a POST whose data sets no ID (the block's, or its provider's id_attribute), and "{id}" in another type's path (literal text).
  expect(pointers('restapi_object', { ...path, data: JSON.stringify({ displayName: 'x' }) })).toEqual([]);
  expect(pointers('restapi_object', { ...path, data: JSON.stringify({ id: GROUP }) }, { uri: 'https://graph.microsoft.com/v1.0', id_attribute: 'displayName' })).toEqual([]);
  expect(pointers('restapi_object', { ...path, create_method: 'post', data: '{}' }, { create_method: 'PUT' })).toEqual([]);
  // Without `data` (the provider requires it) no reader can tell what sets the ID (ownObjectPaths): any object.
  expect(pointers('restapi_object', path)).toEqual(['groups ${?}']);
  expect(pointers('msgraph_resource', { url: 'groups/{id}/members/$ref', object_id: GROUP })).toEqual([]);
});

test('reads the body fields that name a group, in any key case, at any depth, in a JSON text or an expression', () => {
  expect(pointers('msgraph_resource', { url: 'x', body: { GroupID: GROUP } })).toEqual([`groups ${GROUP}`]);
  expect(pointers('msgraph_resource', { url: 'x', body: { role: { originId: `Owner_${GROUP}`, originSystem: 'AadGroup' } } })).toEqual([`groups ${GROUP}`]);
  expect(pointers('msgraph_resource', { url: 'x', body: JSON.stringify({ groupId: GROUP }) })).toEqual([`groups ${GROUP}`]);
  expect(pointers('msgraph_resource', { url: 'x', body: `\${jsonencode({ groupId = "${GROUP}" })}` })).toEqual([`groups ${GROUP}`]);
  expect(pointers('msgraph_resource', { url: 'x', body: '${jsonencode({ groupId = var.g })}' })).toEqual(['groups ${var.g}']);
  expect(pointers('msgraph_resource', { url: 'x', body: { groupId: 7 } })).toEqual(['groups ${?}']);
  expect(pointers('msgraph_resource', { url: 'x', body: { resource: { originId: GROUP, originSystem: 'SharePointOnline' } } })).toEqual([]);
});

test('a GUID in any spelling has one key; an ID may be the object by its literal, its one interpolation, or any of several', () => {
  expect([GROUP.toUpperCase(), GROUP.replace(/-/g, ''), `{${GROUP}}`].map(guidKey)).toEqual(Array(3).fill(GROUP.replace(/-/g, '')));
  expect(guidKey('dbas')).toBeUndefined();
  const literal = (text: string) => text === GROUP;
  const interpolation = (expression: string) => expression === 'var.g';
  expect([GROUP, 'other', '${var.g}', '${azuread_group.x.id}', '${azuread_group.x.id}-${var.g}', 'x${azuread_group.x.id}'].map((id) => idMayBe(id, literal, interpolation))).toEqual([true, false, true, false, true, false]);
});

test('a msgraph_resource posting to a collection makes a new object; one naming an object, or another type, does not', () => {
  const resource = (type: string, url: string) => buildStackModel({ resource: { [type]: { w: { url } } } }).resources.get(`${type}.w`) as ResourceView;
  expect(['groups', '/v1.0/Users', 'https://graph.microsoft.com/beta/servicePrincipals', 'applications?$select=id'].map((url) => createsDirectoryObject(resource('msgraph_resource', url)))).toEqual([true, true, true, true]);
  expect([`groups/${GROUP}`, 'groups/${var.g}', 'identityGovernance/privilegedAccess/group/eligibilityScheduleRequests'].map((url) => createsDirectoryObject(resource('msgraph_resource', url)))).toEqual([false, false, false]);
  expect(createsDirectoryObject(resource('msgraph_update_resource', 'groups'))).toBe(false);
});

test('reads a request path that starts with an interpolation: an azuread 3.x ID names its type\'s collection, one known only at apply time any (A19a-7)', () => {
  expect(pointers('msgraph_resource', { url: '${azuread_application.app.id}/federatedIdentityCredentials' })).toEqual(['applications ${azuread_application.app.id}']);
  expect(pointers('msgraph_resource_action', { resource_url: '/v1.0/${data.azuread_service_principal.sp.id}', action: 'addPassword' })).toEqual(['servicePrincipals ${data.azuread_service_principal.sp.id}']);
  expect(pointers('restapi_object', { path: '${var.object}/owners/$ref' })).toEqual(['groups ${var.object}', 'users ${var.object}', 'servicePrincipals ${var.object}', 'applications ${var.object}']);
  expect(pointers('msgraph_resource', { url: `\${local.graph}/groups/${GROUP}/members/$ref` })).toEqual([`groups ${GROUP}`]);
  expect(pointers('restapi_object', { path: '${var.base}/v1.0/groups' })).toEqual([]);
  expect(pointers('msgraph_resource', { url: '${msgraph_resource.app.id}/owners/$ref', body: { description: '${var.text}' } })).toEqual([]);
});

test('reads a leading interpolation after a Graph base in any spelling Go sends to the Graph host (A29b-2), not after another host', () => {
  for (const base of ['https://x@graph.microsoft.com', 'https://GRAPH.microsoft.com.', 'https://graph.microsoft.us:443', 'https://u:p@dod-graph.microsoft.us./beta']) {
    expect(pointers('restapi_object', { path: `${base}/v1.0/\${azuread_application.app.id}/owners/$ref` })).toEqual(['applications ${azuread_application.app.id}']);
  }
  expect(pointers('restapi_object', { path: 'https://x@graph.microsoft.com./v1.0/${var.object}/owners/$ref' })).toEqual(['groups ${var.object}', 'users ${var.object}', 'servicePrincipals ${var.object}', 'applications ${var.object}']);
  expect(pointers('restapi_object', { path: 'https://api.example.com/v1.0/${azuread_application.app.id}/owners/$ref' })).toEqual([]);
});

test('the blocks a pointer\'s ID reads', () => {
  const resource = buildStackModel({ resource: { msgraph_resource: { w: { url: "applications(appId='${lower(azuread_application.app.client_id)}')/owners/${data.azuread_user.u.object_id}" } } } }).resources.get('msgraph_resource.w') as ResourceView;
  expect(directoryPointers(resource).map(pointerBlocks)).toEqual([['azuread_application.app']]);
});
