import { rule } from '../../lib/checks/rules/PG-IAM-3';
import { providerConfigurations } from '../../lib/checks/provider-facts';
import { Verdict } from '../../lib/checks/rule';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// Directory-role and Graph-permission grants sent by every type the Graph and REST readers read as a writer (http-requests.ts
// REQUEST_WRITER: msgraph_*, restapi_*, restful_resource, restful_operation, terracurl_request), judged by the power reader
// (administrator-powers.ts) as msgraph's are: a grant path the unread-writes rule treats as known is judged here, for every type.
const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';
const OUTSIDER = '99999999-7777-8888-9999-000000000000';
const GROUP = '66666666-7777-8888-9999-000000000000';
const GRAPH_SP = '55555555-0000-0000-0000-000000000000';
/** User Administrator (resets passwords), Global Administrator, Directory Readers (no power). */
const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
const DIRECTORY_READERS = '88d8e3e3-8f55-4a1e-953a-9b9898b8876b';
/** Graph application permissions: GroupMember.ReadWrite.All (members), User.Read.All (none). */
const GROUP_MEMBER_READWRITE = 'dbaae8cf-10b5-4b86-a4a1-f871c94c6695';
const USER_READ_ALL = 'df021288-bdef-4463-88db-98f22de89214';

const stackWith = (extra: Resources, providers?: object): Verdict[] => {
  const json = {
    ...(providers === undefined ? {} : { provider: providers }),
    resource: {
      ...extra,
      [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
      [ADMINISTRATOR]: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: 't', object_id: GROUP, principal_name: 'db-admins', principal_type: 'Group' } },
    },
  };
  const model = buildStackModel(json);
  const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, providers: providerConfigurations(json), constructs: [CONSTRUCT] });
  return Array.isArray(result) ? result : [result as Verdict];
};
/** Each finding: its status, its resource, and whether it is the power reader's (its text names what is granted). */
const statuses = (verdicts: readonly Verdict[]) => verdicts.flatMap((verdict) => {
  if (verdict.status === 'pass' || verdict.status === 'not-applicable') return [];
  const text = verdict.status === 'fail' ? verdict.message : verdict.note;
  return [[verdict.status, verdict.address, / grants (the|a) /.test(text) ? 'grant' : 'other']];
});

/** A request (path after the Graph version, method, JSON body) as each HTTP writer type sends it. */
type Sender = (path: string, body: object, method?: string) => Resources;
const SENDERS: { readonly [type: string]: Sender } = {
  restful_operation: (path, body, method = 'POST') => ({ restful_operation: { g: { path, method, body } } }),
  restful_resource: (path, body, method = 'POST') => ({ restful_resource: { g: { path, create_method: method, body, read_path: '$(path)/$(body.id)' } } }),
  terracurl_request: (path, body, method = 'POST') => ({ terracurl_request: { g: { name: 'grant', url: `https://graph.microsoft.com/v1.0/${path}`, method, request_body: JSON.stringify(body), response_codes: ['201'] } } }),
  restapi_object: (path, body, method = 'POST') => ({ restapi_object: { g: { path: `/${path}`, create_method: method, data: JSON.stringify(body) } } }),
  msgraph_resource_action: (path, body, method = 'POST') => ({ msgraph_resource_action: { g: { resource_url: path, method, body } } }),
  msgraph_resource: (path, body) => ({ msgraph_resource: { g: { url: path, body } } }),
};

/** Each grant endpoint: a request that grants a power over a group administrator, and the same request granting none. */
const ENDPOINTS: { readonly [name: string]: { readonly path: string; readonly grants: object; readonly inert: object } } = {
  'roleAssignments': { path: 'roleManagement/directory/roleAssignments', grants: { roleDefinitionId: USER_ADMINISTRATOR, principalId: OUTSIDER, directoryScopeId: '/' }, inert: { roleDefinitionId: DIRECTORY_READERS, principalId: OUTSIDER, directoryScopeId: '/' } },
  'roleAssignments (Global Administrator)': { path: 'roleManagement/directory/roleAssignments', grants: { roleDefinitionId: GLOBAL_ADMINISTRATOR, principalId: OUTSIDER, directoryScopeId: '/' }, inert: { roleDefinitionId: DIRECTORY_READERS, principalId: OUTSIDER, directoryScopeId: '/' } },
  'roleEligibilityScheduleRequests': { path: 'roleManagement/directory/roleEligibilityScheduleRequests', grants: { action: 'adminAssign', roleDefinitionId: USER_ADMINISTRATOR, principalId: OUTSIDER, directoryScopeId: '/' }, inert: { action: 'adminAssign', roleDefinitionId: DIRECTORY_READERS, principalId: OUTSIDER, directoryScopeId: '/' } },
  'roleAssignmentScheduleRequests': { path: 'roleManagement/directory/roleAssignmentScheduleRequests', grants: { action: 'adminAssign', roleDefinitionId: GLOBAL_ADMINISTRATOR, principalId: OUTSIDER, directoryScopeId: '/' }, inert: { action: 'adminAssign', roleDefinitionId: DIRECTORY_READERS, principalId: OUTSIDER, directoryScopeId: '/' } },
  'directoryRoles members $ref': { path: `directoryRoles(roleTemplateId='${USER_ADMINISTRATOR}')/members/$ref`, grants: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${OUTSIDER}` }, inert: {} },
  'appRoleAssignedTo': { path: `servicePrincipals/${GRAPH_SP}/appRoleAssignedTo`, grants: { appRoleId: GROUP_MEMBER_READWRITE, principalId: OUTSIDER, resourceId: GRAPH_SP }, inert: { appRoleId: USER_READ_ALL, principalId: OUTSIDER, resourceId: GRAPH_SP } },
  'oauth2PermissionGrants': { path: 'oauth2PermissionGrants', grants: { clientId: OUTSIDER, consentType: 'AllPrincipals', resourceId: GRAPH_SP, scope: 'openid GroupMember.ReadWrite.All' }, inert: { clientId: OUTSIDER, consentType: 'AllPrincipals', resourceId: GRAPH_SP, scope: 'openid User.Read' } },
};

describe.each(Object.keys(SENDERS))('%s', (type) => {
  test.each(Object.keys(ENDPOINTS))('a grant of %s fails beside a group administrator; the same request granting no power passes', (endpoint) => {
    const { path, grants, inert } = ENDPOINTS[endpoint];
    expect(statuses(stackWith(SENDERS[type](path, grants)))).toEqual([['fail', `${type}.g`, 'grant']]);
    if (endpoint.startsWith('directoryRoles')) {
      // A role's members by template ID: the role itself says the power, the body only who; Directory Readers passes.
      expect(statuses(stackWith(SENDERS[type](`directoryRoles(roleTemplateId='${DIRECTORY_READERS}')/members/$ref`, grants)))).toEqual([]);
    } else {
      expect(statuses(stackWith(SENDERS[type](path, inert)))).toEqual([]);
    }
  });

  test('the /beta form and a leading slash are the same grant', () => {
    const { grants } = ENDPOINTS.roleAssignments;
    const beta = type.startsWith('msgraph_') ? 'beta/roleManagement/directory/roleAssignments' : type === 'terracurl_request' ? 'roleManagement/directory/roleAssignments' : 'roleManagement/directory/roleAssignments';
    const resources = type === 'terracurl_request' ? { terracurl_request: { g: { name: 'g', url: 'https://graph.microsoft.com/beta/roleManagement/directory/roleAssignments', method: 'POST', request_body: JSON.stringify(grants), response_codes: ['201'] } } } : SENDERS[type](beta, grants);
    expect(statuses(stackWith(resources))).toEqual([['fail', `${type}.g`, 'grant']]);
  });

  test('a read of a grant path, and a write that grants nothing, pass', () => {
    // msgraph_resource always POSTs; a restful_resource that creates by GET still updates at its ID (its update method, PUT by default), a
    // restapi_object at `path/{id}` (its update_path by default, 39th run A39c-2): each such update of a grant path is judged.
    if (!['msgraph_resource', 'restful_resource', 'restapi_object'].includes(type)) expect(statuses(stackWith(SENDERS[type]('roleManagement/directory/roleAssignments', {}, 'GET')))).toEqual([]);
    expect(statuses(stackWith(SENDERS[type]('groups', { displayName: 'x', mailEnabled: false, mailNickname: 'x', securityEnabled: true })))).toEqual([]);
  });

  test('a role the body sets to a value known only at apply time fails closed', () => {
    const body = { roleDefinitionId: '${var.role}', principalId: OUTSIDER, directoryScopeId: '/' };
    expect(statuses(stackWith(SENDERS[type]('roleManagement/directory/roleAssignments', body)))).toEqual([['unknown', `${type}.g`, 'grant']]);
  });
});

describe('every request of an HTTP writer is judged with the body it sends', () => {
  const grant = { roleDefinitionId: USER_ADMINISTRATOR, principalId: OUTSIDER, directoryScopeId: '/' };
  const inert = { roleDefinitionId: DIRECTORY_READERS, principalId: OUTSIDER, directoryScopeId: '/' };

  test('restful_resource: a grant in its update request (update_path), in its update_body_patches, in its ephemeral_body', () => {
    expect(statuses(stackWith({ restful_resource: { g: { path: 'groups', body: { displayName: 'x' }, update_path: 'roleManagement/directory/roleAssignments', update_method: 'POST' } } }))).toEqual([['unknown', 'restful_resource.g', 'grant']]);
    expect(statuses(stackWith({ restful_resource: { g: { path: 'roleManagement/directory/roleAssignments', body: inert, update_path: 'roleManagement/directory/roleAssignments', update_method: 'POST', update_body_patches: [{ path: 'roleDefinitionId', raw_json: JSON.stringify(USER_ADMINISTRATOR) }] } } }))).toEqual([['fail', 'restful_resource.g', 'grant']]);
    expect(statuses(stackWith({ restful_resource: { g: { path: 'roleManagement/directory/roleAssignments', body: { principalId: OUTSIDER, directoryScopeId: '/' }, ephemeral_body: { roleDefinitionId: USER_ADMINISTRATOR } } } }))).toEqual([['fail', 'restful_resource.g', 'grant']]);
    expect(statuses(stackWith({ restful_resource: { g: { path: 'roleManagement/directory/roleAssignments', body: { principalId: OUTSIDER, directoryScopeId: '/' }, ephemeral_body: { roleDefinitionId: DIRECTORY_READERS } } } }))).toEqual([]);
  });

  test('restapi_object: its update_data on its update path; terracurl_request: a read sent as a POST with its read body', () => {
    expect(statuses(stackWith({ restapi_object: { g: { path: '/roleManagement/directory/roleAssignments', data: JSON.stringify(inert), update_path: '/roleManagement/directory/roleAssignments', update_method: 'POST', update_data: JSON.stringify(grant) } } }))).toEqual([['fail', 'restapi_object.g', 'grant']]);
    expect(statuses(stackWith({ terracurl_request: { g: { name: 'g', url: 'https://graph.microsoft.com/v1.0/groups', method: 'POST', request_body: '{"displayName":"x"}', read_url: 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments', read_method: 'POST', read_request_body: JSON.stringify(grant), response_codes: ['201'] } } }))).toEqual([['fail', 'terracurl_request.g', 'grant']]);
    // Its delete request (a DELETE of the assignment) grants nothing.
    expect(statuses(stackWith({ terracurl_request: { g: { name: 'g', url: 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments', method: 'POST', request_body: JSON.stringify(inert), destroy_url: 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments/x', destroy_method: 'DELETE', response_codes: ['201'] } } }))).toEqual([]);
  });

  test('a restful block whose provider sends to another host than Graph grants nothing there; one whose base URL is Graph is judged', () => {
    const block = { restful_operation: { g: { path: 'roleManagement/directory/roleAssignments', method: 'POST', body: grant } } };
    expect(statuses(stackWith(block, { restful: [{ base_url: 'https://api.example.com' }] }))).toEqual([]);
    expect(statuses(stackWith(block, { restful: [{ base_url: 'https://graph.microsoft.com/v1.0' }] }))).toEqual([['fail', 'restful_operation.g', 'grant']]);
  });

  test('a data.restful_resource or data.terracurl_request GET of role assignments passes', () => {
    const reads = { data: { restful_resource: { r: { id: 'roleManagement/directory/roleAssignments' } }, terracurl_request: { r: { name: 'r', url: 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments', method: 'GET', response_codes: ['200'] } } } };
    const model = buildStackModel({ ...reads, resource: { [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } }, [ADMINISTRATOR]: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: 't', object_id: GROUP, principal_name: 'db-admins', principal_type: 'Group' } } } });
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    expect(statuses(Array.isArray(result) ? result : [result as Verdict])).toEqual([]);
  });

  test('for_each and count instances of a grant are judged as the block', () => {
    expect(statuses(stackWith({ restful_operation: { g: { for_each: '${toset(["a"])}', path: 'roleManagement/directory/roleAssignments', method: 'POST', body: grant } } }))).toEqual([['fail', 'restful_operation.g', 'grant']]);
    expect(statuses(stackWith({ terracurl_request: { g: { count: 2, name: 'g', url: 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments', method: 'POST', request_body: JSON.stringify(grant), response_codes: ['201'] } } }))).toEqual([['fail', 'terracurl_request.g', 'grant']]);
  });

  test('other spellings: a jsonencode(...) body, a method known only at apply time, a role by object ID, a msgraph type the Graph readers do not list', () => {
    expect(statuses(stackWith({ terracurl_request: { g: { name: 'g', url: 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments', method: 'POST', request_body: `\${jsonencode({roleDefinitionId = "${USER_ADMINISTRATOR}", principalId = var.pid, directoryScopeId = "/"})}`, response_codes: ['201'] } } }))).toEqual([['fail', 'terracurl_request.g', 'grant']]);
    expect(statuses(stackWith({ restful_operation: { g: { path: 'roleManagement/directory/roleAssignments', method: '${var.method}', body: grant } } }))).toEqual([['fail', 'restful_operation.g', 'grant']]);
    expect(statuses(stackWith({ restful_operation: { g: { path: `directoryRoles/${OUTSIDER}/members/$ref`, method: 'POST', body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${OUTSIDER}` } } } }))).toEqual([['unknown', 'restful_operation.g', 'grant']]);
    expect(statuses(stackWith({ msgraph_future_type: { g: { url: 'roleManagement/directory/roleAssignments', body: grant } } }))).toEqual([['fail', 'msgraph_future_type.g', 'grant']]);
    expect(statuses(stackWith({ msgraph_future_type: { g: { url: 'roleManagement/directory/roleAssignments', body: inert } } }))).toEqual([]);
  });

  test('msgraph_resource_collection adding members to a directory role by its template ID', () => {
    expect(statuses(stackWith({ msgraph_resource_collection: { g: { url: `directoryRoles(roleTemplateId='${GLOBAL_ADMINISTRATOR}')/members/$ref`, reference_ids: [OUTSIDER] } } }))).toEqual([['fail', 'msgraph_resource_collection.g', 'grant']]);
    expect(statuses(stackWith({ msgraph_resource_collection: { g: { url: `directoryRoles(roleTemplateId='${DIRECTORY_READERS}')/members/$ref`, reference_ids: [OUTSIDER] } } }))).toEqual([]);
  });

  test('a $batch of a restful or terracurl block is judged request by request, as msgraph\'s is', () => {
    const requests = (roleDefinitionId: string) => ({ requests: [{ id: '1', method: 'POST', url: '/roleManagement/directory/roleAssignments', body: { ...grant, roleDefinitionId }, headers: { 'Content-Type': 'application/json' } }] });
    for (const [type, block] of [['restful_operation', (body: object) => ({ path: '$batch', method: 'POST', body })], ['terracurl_request', (body: object) => ({ name: 'b', url: 'https://graph.microsoft.com/v1.0/$batch', method: 'POST', request_body: JSON.stringify(body), response_codes: ['200'] })], ['msgraph_resource_action', (body: object) => ({ resource_url: '$batch', method: 'POST', body })]] as const) {
      expect([type, statuses(stackWith({ [type]: { g: block(requests(USER_ADMINISTRATOR)) } }))]).toEqual([type, [['fail', `${type}.g`, 'grant']]]);
      expect([type, statuses(stackWith({ [type]: { g: block(requests(DIRECTORY_READERS)) } }))]).toEqual([type, []]);
    }
  });
});

// 39th run, A39c-1..4: every request a writer's provider sends by default is judged with the body it sends (http-requests.ts
// `defaults`, `methods`): restful_resource's update to its ID (its `read_path`, else its `path`) with `update_body_patches` set in,
// restapi_object's update and read to `path/{id}`; and a grant path whose IDs alone are known only at apply time is judged by its body.
describe('A39c: the requests a writer sends by default, and grant paths with IDs known only at apply time', () => {
  const GRAPH = { restful: [{ base_url: 'https://graph.microsoft.com/v1.0' }], restapi: [{ uri: 'https://graph.microsoft.com/v1.0' }] };
  const scope = (names: string) => ({ clientId: OUTSIDER, consentType: 'AllPrincipals', resourceId: GRAPH_SP, scope: names });
  const patch = (names: string) => [{ path: 'scope', raw_json: JSON.stringify(names) }];
  const inert = { roleDefinitionId: DIRECTORY_READERS, principalId: OUTSIDER, directoryScopeId: '/' };

  test('A39c-1 restful_resource without update_path or read_path updates its path with update_body_patches set in', () => {
    const at = (extra: object, names: string, providers: object = GRAPH) => statuses(stackWith({ restful_resource: { g: { path: 'oauth2PermissionGrants/abc', body: { scope: 'openid' }, update_body_patches: patch(names), ...extra } } }, providers));
    expect(at({ create_method: 'PATCH', update_method: 'PATCH' }, 'openid GroupMember.ReadWrite.All')).toEqual([['fail', 'restful_resource.g', 'grant']]);
    expect(at({ create_method: 'PATCH', update_method: 'PATCH' }, 'openid User.Read')).toEqual([]);
    // Its update method from its provider block, or the provider's default (PUT).
    expect(at({ create_method: 'PATCH' }, 'openid GroupMember.ReadWrite.All', { restful: [{ base_url: 'https://graph.microsoft.com/v1.0', update_method: 'PATCH' }] })).toEqual([['fail', 'restful_resource.g', 'grant']]);
    expect(at({ create_method: 'PUT' }, 'openid GroupMember.ReadWrite.All')).toEqual([['fail', 'restful_resource.g', 'grant']]);
    expect(at({ create_method: 'PUT' }, 'openid User.Read')).toEqual([]);
    // A POST to a collection with no read_path: its ID is the collection, its update sent there with the patched body.
    const collection = (roleDefinitionId: string) => statuses(stackWith({ restful_resource: { g: { for_each: '${toset(["a"])}', path: 'roleManagement/directory/roleAssignments', body: inert, update_body_patches: [{ path: 'roleDefinitionId', raw_json: JSON.stringify(roleDefinitionId) }] } } }, GRAPH));
    expect(collection(USER_ADMINISTRATOR)).toEqual([['fail', 'restful_resource.g', 'grant']]);
    expect(collection(DIRECTORY_READERS)).toEqual([]);
  });

  test('A39c-2 restapi_object without update_path updates path/{id} with its update_data (PUT, or its update_method)', () => {
    const at = (extra: object, names: string, path = '/oauth2PermissionGrants') => statuses(stackWith({ restapi_object: { g: { path, data: JSON.stringify(scope('openid')), update_data: JSON.stringify({ scope: names }), ...extra } } }, GRAPH));
    expect(at({ update_method: 'PATCH' }, 'openid GroupMember.ReadWrite.All')).toEqual([['fail', 'restapi_object.g', 'grant']]);
    expect(at({}, 'openid GroupMember.ReadWrite.All')).toEqual([['fail', 'restapi_object.g', 'grant']]);
    expect(at({}, 'openid User.Read')).toEqual([]);
    // A path holding {id} or a query: appendIdToPath leaves the first as it is and puts "/{id}" before the query.
    expect(at({ update_method: 'PATCH' }, 'openid GroupMember.ReadWrite.All', '/oauth2PermissionGrants/{id}')).toEqual([['fail', 'restapi_object.g', 'grant']]);
    expect(at({ update_method: 'PATCH' }, 'openid GroupMember.ReadWrite.All', '/oauth2PermissionGrants?x=1')).toEqual([['fail', 'restapi_object.g', 'grant']]);
  });

  test('A39c-2 restapi_object without read_path reads path/{id} with its read_data: a write when its read method is not GET', () => {
    const read = (extra: object, providers: object = GRAPH) => statuses(stackWith({ restapi_object: { g: { path: '/oauth2PermissionGrants', data: JSON.stringify(scope('openid')), update_data: JSON.stringify(scope('openid')), read_data: JSON.stringify({ scope: 'openid GroupMember.ReadWrite.All' }), ...extra } } }, providers));
    expect(read({ read_method: 'POST' })).toEqual([['fail', 'restapi_object.g', 'grant']]);
    expect(read({}, { restapi: [{ uri: 'https://graph.microsoft.com/v1.0', read_method: 'PATCH' }] })).toEqual([['fail', 'restapi_object.g', 'grant']]);
    // Read by GET (the provider's default): no write.
    expect(read({})).toEqual([]);
  });

  test('A39c-3 an app role assignment at a path whose service principal ID is known only at apply time is judged by its body', () => {
    const OWN_ROLE = '11111111-0000-0000-0000-00000000aaaa';
    const app = { url: 'applications', body: { displayName: 'mine', appRoles: [{ id: OWN_ROLE, value: 'Reader', displayName: 'R', description: 'r', allowedMemberTypes: ['User'], isEnabled: true }] }, response_export_values: { appId: 'appId' } };
    const sp = { url: 'servicePrincipals', body: { appId: '${msgraph_resource.app.output.appId}' } };
    const assign = (url: string, appRoleId: string) => statuses(stackWith({ msgraph_resource: { app, sp, ar: { url, body: { appRoleId, principalId: '${msgraph_resource.sp.id}', resourceId: '${msgraph_resource.sp.id}' } } } }));
    expect(assign('servicePrincipals/${msgraph_resource.sp.id}/appRoleAssignedTo', OWN_ROLE)).toEqual([]);
    expect(assign('servicePrincipals/${msgraph_resource.sp.id}/appRoleAssignedTo', GROUP_MEMBER_READWRITE)).toEqual([['fail', 'msgraph_resource.ar', 'grant']]);
    expect(assign('users/${msgraph_resource.sp.id}/appRoleAssignments', OWN_ROLE)).toEqual([]);
    // A path part that may hold any path (a variable), or a keyword position known only later, still fails closed.
    expect(assign('servicePrincipals/${var.sp}/appRoleAssignedTo', OWN_ROLE)).toEqual([['unknown', 'msgraph_resource.ar', 'grant']]);
    expect(assign('servicePrincipals/${msgraph_resource.sp.id}/${var.kind}', OWN_ROLE)).toEqual([['unknown', 'msgraph_resource.ar', 'grant']]);
    // The same through restful (its read_path expanded from a path known only at apply time) and a role assignment by an ID reference.
    const restful = (appRoleId: string) => statuses(stackWith({ azuread_application: { app: { display_name: 'mine' } }, azuread_service_principal: { sp: { client_id: '${azuread_application.app.client_id}' } },
      restful_resource: { g: { path: 'servicePrincipals/${azuread_service_principal.sp.object_id}/appRoleAssignedTo', read_path: '$(path)/$(body.id)', body: { appRoleId, principalId: '${azuread_service_principal.sp.object_id}', resourceId: '${azuread_service_principal.sp.object_id}' } } } }, GRAPH));
    expect(restful(OWN_ROLE)).toEqual([]);
    expect(restful(GROUP_MEMBER_READWRITE)).toEqual([['fail', 'restful_resource.g', 'grant']]);
    const patchRole = (roleDefinitionId: string) => statuses(stackWith({ msgraph_update_resource: { g: { url: 'roleManagement/directory/roleAssignments/${msgraph_resource.a.id}', body: { ...inert, roleDefinitionId } } } }));
    // (Another reader fails a PATCH of an existing role assignment apart, 'other'; the power reader's own verdict is the grant's.)
    expect(patchRole(DIRECTORY_READERS).filter(([, , kind]) => kind === 'grant')).toEqual([]);
    expect(patchRole(GLOBAL_ADMINISTRATOR).filter(([, , kind]) => kind === 'grant')).toEqual([['fail', 'msgraph_update_resource.g', 'grant']]);
  });

  test('A39c-4 messages: what a request known only at apply time may grant, restful\'s expanded paths, its default update method, an unread scope', () => {
    const messages = (extra: Resources) => stackWith(extra, GRAPH).flatMap((verdict) => (verdict.status === 'fail' ? [[verdict.address, verdict.message]] : verdict.status === 'unknown' ? [[verdict.address, verdict.note]] : []));
    const later = messages({ restful_resource: { g: { path: 'servicePrincipals/${var.sp}/appRoleAssignedTo', read_path: '$(path)/$(body.id)', body: { appRoleId: GROUP_MEMBER_READWRITE, resourceId: GRAPH_SP } } } });
    expect(later.map(([address]) => address)).toContain('restful_resource.g');
    const text = later.map(([, message]) => message).join('\n');
    expect(text).not.toContain('grants a grant');
    expect(text).not.toContain('$/path');
    expect(text).toContain('grants a role, an app role or a delegated permission through its request to servicePrincipals/${var.sp}/appRoleAssignedTo');
    expect(text).not.toContain('a method known only at apply time');
    const unread = messages({ restful_resource: { g: { path: 'oauth2PermissionGrants/abc', create_method: 'PATCH', body: { scope: 'openid' }, update_body_patches: [{ path: 'sc*', raw_json: '"x"' }] } } });
    expect(unread).toHaveLength(1);
    expect(unread[0][0]).toBe('restful_resource.g');
    expect(unread[0][1]).not.toContain('permissions {}');
    expect(unread[0][1]).toContain('the delegated permissions (a body the checks cannot read)');
  });
});
