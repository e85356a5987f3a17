import { POWER_WRITER_TYPES, readsPowers } from '../../lib/checks/administrator-powers';
import { HTTP_REQUEST_TYPES, REQUEST_WRITER } from '../../lib/checks/http-requests';
import { rule } from '../../lib/checks/rules/PG-IAM-3';
import { TerraformBlock } from '../../lib/checks/stack-model';
import { Verdict } from '../../lib/checks/rule';
import { DIRECTORY_ROLES, DirectoryPower, GRAPH_APP_ROLES } from '../../lib/private/directory-powers';
import { CONSTRUCT, madeAt, verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// Tenant-wide Entra powers that reach a declared administrator fail PG-IAM-3 beside the construct (fifteenth review, A15a-4, A15b-13).
const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';
const OUTSIDER = '99999999-7777-8888-9999-000000000000';
const GROUP = '66666666-7777-8888-9999-000000000000';
const GRAPH = '00000003-0000-0000-c000-000000000000';

/** The construct's server whose declared administrator is of the principal type. */
const stackWith = (extra: Resources, principalType = 'Group'): Resources => ({
  ...extra,
  [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
  [ADMINISTRATOR]: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: 't', object_id: GROUP, principal_name: 'db-admins', principal_type: principalType } },
});
const judged = (resources: Resources, principalType?: string): readonly Verdict[] => verdictsBeside(rule, stackWith(resources, principalType), [CONSTRUCT]);
const statuses = (verdicts: readonly Verdict[]) => verdicts.filter((verdict) => verdict.status !== 'pass').map((verdict) => [verdict.status, 'address' in verdict ? verdict.address : undefined]);

/** Every writer of the table, granting the directory role (template ID) or Graph permission (app role ID, name) given. */
const WRITERS: { readonly [type: string]: (grant: { role: string; appRole: string; name: string }) => Resources } = {
  azuread_directory_role_assignment: ({ role }) => ({ azuread_directory_role_assignment: { g: { role_id: role, principal_object_id: OUTSIDER, directory_scope_id: '/' } } }),
  azuread_directory_role_eligibility_schedule_request: ({ role }) => ({ azuread_directory_role_eligibility_schedule_request: { g: { role_definition_id: role, principal_id: OUTSIDER, directory_scope_id: '/', justification: 'x' } } }),
  azuread_directory_role_member: ({ role }) => ({ azuread_directory_role: { r: { template_id: role } }, azuread_directory_role_member: { g: { role_object_id: '${azuread_directory_role.r.object_id}', member_object_id: OUTSIDER } } }),
  azuread_administrative_unit_role_member: ({ role }) => ({ azuread_directory_role: { r: { template_id: role } }, azuread_administrative_unit_role_member: { g: { administrative_unit_object_id: '${var.au}', role_object_id: '${azuread_directory_role.r.object_id}', member_object_id: OUTSIDER } } }),
  azuread_access_package_catalog_role_assignment: () => ({ azuread_access_package_catalog_role_assignment: { g: { catalog_id: '${var.catalog}', role_id: 'ae79f266-94d4-4dab-b730-feca7e132178', principal_object_id: OUTSIDER } } }),
  restapi_object: ({ role }) => ({ restapi_object: { g: { path: '/roleManagement/directory/roleAssignments', data: JSON.stringify({ roleDefinitionId: role, principalId: OUTSIDER, directoryScopeId: '/' }) } } }),
  azuread_app_role_assignment: ({ appRole }) => ({ azuread_app_role_assignment: { g: { app_role_id: appRole, principal_object_id: OUTSIDER, resource_object_id: '${data.azuread_service_principal.graph.object_id}' } } }),
  azuread_service_principal_delegated_permission_grant: ({ name }) => ({ azuread_service_principal_delegated_permission_grant: { g: { service_principal_object_id: OUTSIDER, resource_service_principal_object_id: '${data.azuread_service_principal.graph.object_id}', claim_values: ['openid', name] } } }),
  msgraph_resource: ({ role }) => ({ msgraph_resource: { g: { url: 'roleManagement/directory/roleAssignments', body: { roleDefinitionId: role, principalId: OUTSIDER, directoryScopeId: '/' } } } }),
  msgraph_update_resource: ({ appRole }) => ({ msgraph_update_resource: { g: { url: `servicePrincipals/${OUTSIDER}/appRoleAssignments`, body: { appRoleId: appRole, principalId: OUTSIDER, resourceId: '${data.azuread_service_principal.graph.object_id}' } } } }),
  msgraph_resource_action: ({ name }) => ({ msgraph_resource_action: { g: { url: '/v1.0/oauth2PermissionGrants', method: 'POST', body: JSON.stringify({ clientId: OUTSIDER, consentType: 'AllPrincipals', resourceId: '55555555-0000-0000-0000-000000000000', scope: `openid ${name}` }) } } }),
};

const powerful = (power: DirectoryPower) => ({
  role: DIRECTORY_ROLES.find((role) => role.powers.includes(power))!.id,
  appRole: GRAPH_APP_ROLES.find((role) => role.powers.includes(power))!.id,
  name: GRAPH_APP_ROLES.find((role) => role.powers.includes(power))!.name,
});
const inert = { role: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', appRole: 'df021288-bdef-4463-88db-98f22de89214', name: 'User.Read.All' };

test('the table of writers is the one enumerated here: its azuread types, and every Graph or REST writer type (the one list)', () => {
  expect(Object.keys(WRITERS).filter((type) => !REQUEST_WRITER.test(type)).sort()).toEqual([...POWER_WRITER_TYPES].sort());
  // Every type whose requests the Graph and REST readers read (graph-write-targets.ts passes its grant paths as judged) is read by the power reader.
  for (const type of [...HTTP_REQUEST_TYPES, 'msgraph_resource', 'msgraph_update_resource', 'msgraph_resource_action', 'msgraph_resource_collection', 'msgraph_future_type', 'restapi_object']) expect([type, readsPowers(type)]).toEqual([type, true]);
  expect(readsPowers('azurerm_role_assignment')).toBe(false);
});

/** A catalog role hands out the catalog's access packages, whichever: it always fails closed (below). */
const ALWAYS_CLOSED = ['azuread_access_package_catalog_role_assignment'];

describe.each(Object.keys(WRITERS).filter((type) => !ALWAYS_CLOSED.includes(type)))('%s', (type) => {
  test('a power that adds members to every group fails beside a group administrator; a reading one passes', () => {
    expect(statuses(judged(WRITERS[type](powerful('members'))))).toEqual([['fail', `${type}.g`]]);
    expect(statuses(judged(WRITERS[type](inert)))).toEqual([]);
  });

  test('a power over credentials fails beside a service principal administrator, and beside a group one, whose service principal members it reaches (A16a-5)', () => {
    const credentials = { ...powerful('credentials'), role: '158c047a-c907-4556-b7ef-446551a6b5f7', appRole: '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9', name: 'Application.ReadWrite.All' };
    expect(statuses(judged(WRITERS[type](credentials), 'ServicePrincipal'))).toEqual([['fail', `${type}.g`]]);
    expect(statuses(judged(WRITERS[type](credentials), 'Group'))).toEqual([['fail', `${type}.g`]]);
    expect(statuses(judged(WRITERS[type](inert), 'ServicePrincipal'))).toEqual([]);
  });
});

test('every directory role and Graph permission of the tables: a power fails where it reaches (a group: its members, their passwords and credentials), an inert one passes', () => {
  for (const role of DIRECTORY_ROLES) {
    const verdicts = judged({ azuread_directory_role_assignment: { g: { role_id: role.id, principal_object_id: OUTSIDER } } }, 'Group');
    const reaches = role.powers.length > 0;
    expect([role.name, statuses(verdicts)]).toEqual([role.name, reaches ? [['fail', 'azuread_directory_role_assignment.g']] : []]);
    if (role.powers.length === 0) expect(role.inert).toBeDefined();
  }
  for (const role of GRAPH_APP_ROLES) {
    const verdicts = judged({ azuread_app_role_assignment: { g: { app_role_id: role.id, principal_object_id: OUTSIDER, resource_object_id: GRAPH } } }, 'Group');
    expect([role.name, statuses(verdicts)]).toEqual([role.name, role.powers.length > 0 ? [['fail', 'azuread_app_role_assignment.g']] : []]);
  }
});

describe('what the table does not read fails closed', () => {
  test('an entitlement management catalog role (its holder may hand out the groups of the catalog)', () => {
    expect(statuses(judged(WRITERS.azuread_access_package_catalog_role_assignment(inert)))).toEqual([['unknown', 'azuread_access_package_catalog_role_assignment.g']]);
  });

  test('a Graph $batch is judged by each request; a Graph path of directory roles or permissions the table does not read fails closed', () => {
    const batch = (url: string, body: object) => ({ msgraph_resource_action: { g: { url: '$batch', method: 'POST', body: { requests: [{ id: '1', method: 'GET', url: 'me' }, { id: '2', method: 'POST', url, body }] } } } });
    expect(statuses(judged(batch('/roleManagement/directory/roleAssignments', { roleDefinitionId: 'fdd7a751-b60b-444a-984c-02652fe8fa1c', principalId: OUTSIDER })))).toEqual([['fail', 'msgraph_resource_action.g']]);
    expect(statuses(judged(batch('/roleManagement/directory/roleAssignments', { roleDefinitionId: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', principalId: OUTSIDER })))).toEqual([]);
    expect(statuses(judged({ msgraph_resource: { g: { url: 'roleManagement/directory/roleAssignmentScheduleInstances', body: {} } } }))).toEqual([['unknown', 'msgraph_resource.g']]);
    expect(statuses(judged({ msgraph_resource: { g: { url: 'groups', body: { displayName: 'x', securityEnabled: true } } } }))).toEqual([]);
  });

  test('a directory role the checks do not know (another built-in, a custom role\'s object ID, a variable)', () => {
    expect(statuses(judged({ azuread_directory_role_assignment: { a: { role_id: '29232cdf-0000-0000-0000-000000000000', principal_object_id: OUTSIDER }, b: { role_id: '${var.role}', principal_object_id: OUTSIDER } } })))
      .toEqual([['unknown', 'azuread_directory_role_assignment.a'], ['unknown', 'azuread_directory_role_assignment.b']]);
  });

  test('a custom directory role of the stack is judged by its allowed resource actions', () => {
    const custom = (actions: unknown): Resources => ({
      azuread_custom_directory_role: { c: { display_name: 'grp', version: '1.0', enabled: true, permissions: [{ allowed_resource_actions: actions }] } },
      azuread_directory_role_assignment: { g: { role_id: '${azuread_custom_directory_role.c.object_id}', principal_object_id: OUTSIDER } },
    });
    expect(statuses(judged(custom(['microsoft.directory/groups/members/update'])))).toEqual([['fail', 'azuread_directory_role_assignment.g']]);
    expect(statuses(judged(custom(['microsoft.directory/groups/standard/read'])))).toEqual([]);
    expect(statuses(judged(custom('${var.actions}')))).toEqual([['unknown', 'azuread_directory_role_assignment.g']]);
  });

  test('a Graph app role by a name through app_role_ids, a Graph permission the checks do not know on Graph, a Graph write whose URL is a variable', () => {
    const graph = { azuread_service_principal: { graph: { client_id: GRAPH, use_existing: true } } };
    expect(statuses(judged({ ...graph, azuread_app_role_assignment: { g: { app_role_id: '${azuread_service_principal.graph.app_role_ids["GroupMember.ReadWrite.All"]}', principal_object_id: OUTSIDER, resource_object_id: '${azuread_service_principal.graph.object_id}' } } })))
      .toEqual([['fail', 'azuread_app_role_assignment.g']]);
    expect(statuses(judged({ ...graph, azuread_app_role_assignment: { g: { app_role_id: '11111111-0000-0000-0000-000000000000', principal_object_id: OUTSIDER, resource_object_id: '${azuread_service_principal.graph.object_id}' } } })))
      .toEqual([['unknown', 'azuread_app_role_assignment.g']]);
    // A request path wholly known only at apply time may also name the administrator group itself: a member write, which fails (A19a-7).
    expect(statuses(judged({ msgraph_resource: { g: { url: '${var.url}', body: { roleDefinitionId: 'x', principalId: OUTSIDER } } } }))).toEqual([['fail', 'msgraph_resource.g']]);
  });

  test('an app role of the stack\'s own API (its own application\'s service principal) passes whatever its ID', () => {
    const own: Resources = {
      azuread_application: { api: { display_name: 'api' } },
      azuread_service_principal: { api: { client_id: '${azuread_application.api.client_id}' } },
      azuread_app_role_assignment: { g: { app_role_id: '11111111-0000-0000-0000-000000000000', principal_object_id: OUTSIDER, resource_object_id: '${azuread_service_principal.api.object_id}' } },
    };
    expect(statuses(judged(own))).toEqual([]);
  });
});

test('no construct, no finding: a raw server\'s administrators are its owner\'s to judge', () => {
  const raw: TerraformBlock = compliantFlexibleServer();
  const verdicts = verdictsBeside(rule, { [FLEXIBLE]: { db: raw }, azuread_directory_role_assignment: { g: { role_id: DIRECTORY_ROLES[0].id, principal_object_id: OUTSIDER } } });
  expect(verdicts.map((verdict) => verdict.status)).toEqual(['not-applicable']);
});
