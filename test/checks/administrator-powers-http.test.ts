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
    // msgraph_resource always POSTs; a restful_resource that creates by GET still updates at its read path (its update method, PUT by default).
    if (!['msgraph_resource', 'restful_resource'].includes(type)) expect(statuses(stackWith(SENDERS[type]('roleManagement/directory/roleAssignments', {}, 'GET')))).toEqual([]);
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
