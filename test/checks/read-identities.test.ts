import { evaluateStack } from '../../lib/checks/evaluate';
import { rule } from '../../lib/checks/rules/PG-IAM-2';
import { CONSTRUCTS_KEY, MADE_KEY } from '../../lib/checks/suppressions';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

// 93rd run, A93b-2: a server's Entra administrator whose object ID reads a user-assigned identity of the stack through a relay
// (terraform_data's output of its principal ID) or as the object ID of a lookup of the identity's own service principal is that
// identity: a workload of the stack that attaches it signs in to the server as its administrator.

const ADMIN = 'azurerm_postgresql_flexible_server_active_directory_administrator';

/** PG-IAM-2's findings other than pass, as [status, address], for an administrator of the object ID given and a web app attaching `attached`. */
function findings(objectId: string, sections: { data?: object; resource?: object; variable?: object }, attached = '${azurerm_user_assigned_identity.u.id}', identityName = 'id-pg-admin'): string[][] {
  const terraform = {
    ...(sections.data === undefined ? {} : { data: sections.data }),
    ...(sections.variable === undefined ? {} : { variable: sections.variable }),
    resource: {
      ...sections.resource,
      azurerm_user_assigned_identity: { u: { name: identityName, resource_group_name: 'rg-orders', location: 'westeurope' } },
      azurerm_linux_web_app: { w: { name: 'w', resource_group_name: 'rg-apps', location: 'westeurope', identity: [{ type: 'UserAssigned', identity_ids: [attached] }] } },
      [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders' }), ...madeAt(`${CONSTRUCT}/Server`) } },
      [ADMIN]: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg-orders', tenant_id: 't', object_id: objectId, principal_name: 'id-pg-admin-sp', principal_type: 'ServicePrincipal' } },
    },
    '//': { [CONSTRUCTS_KEY]: [CONSTRUCT], [MADE_KEY]: [`${CONSTRUCT}/Server`, `${CONSTRUCT}/EntraAdministrator0`] },
  };
  return evaluateStack(terraform, [rule]).findings.filter((finding) => finding.status !== 'pass' && finding.status !== 'not-applicable').map((finding) => [finding.status, finding.address ?? '']);
}

const FAILS = [['fail', 'azurerm_linux_web_app.w']];
const relay = (input: string) => ({ terraform_data: { r: { input } } });
const principal = (type: string, by: object) => ({ [type]: { sp: by } });

test.each<[string, string, { data?: object; resource?: object }]>([
  ['a relay of its principal ID', '${terraform_data.r.output}', { resource: relay('${azurerm_user_assigned_identity.u.principal_id}') }],
  ['a relay of a relay', '${terraform_data.r.output}', { resource: { terraform_data: { r: { input: '${terraform_data.s.output}' }, s: { input: '${azurerm_user_assigned_identity.u.principal_id}' } } } }],
  ['its service principal looked up by its client ID', '${data.azuread_service_principal.sp.object_id}', { data: principal('azuread_service_principal', { client_id: '${azurerm_user_assigned_identity.u.client_id}' }) }],
  ['its service principal looked up by its name', '${data.azuread_service_principal.sp.id}', { data: principal('azuread_service_principal', { display_name: '${azurerm_user_assigned_identity.u.name}' }) }],
  ['its service principal looked up by its principal ID', '${data.azuread_service_principal.sp.object_id}', { data: principal('azuread_service_principal', { object_id: '${azurerm_user_assigned_identity.u.principal_id}' }) }],
  ['a lookup of service principals by its client ID', '${data.azuread_service_principals.sp.object_ids[0]}', { data: principal('azuread_service_principals', { client_ids: ['${azurerm_user_assigned_identity.u.client_id}'] }) }],
  ['a relay of its service principal\'s object ID', '${terraform_data.r.output}', { resource: relay('${data.azuread_service_principal.sp.object_id}'), data: principal('azuread_service_principal', { client_id: '${azurerm_user_assigned_identity.u.client_id}' }) }],
  // 95th run, A95a-4: by the identity's literal name (a managed identity's service principal is named as the identity).
  ['its service principal looked up by its literal name', '${data.azuread_service_principal.sp.object_id}', { data: principal('azuread_service_principal', { display_name: 'id-pg-admin' }) }],
  // 95th run, A95a-3: a Microsoft Graph lookup of its service principal.
  ['a msgraph_resource lookup by its client ID', '${data.msgraph_resource.sp.output.id}', { data: principal('msgraph_resource', { url: 'servicePrincipals', query_parameters: { $filter: ["appId eq '${azurerm_user_assigned_identity.u.client_id}'"] } }) }],
  ['a msgraph_resource lookup filtered on its literal name', '${data.msgraph_resource.sp.output.id}', { data: principal('msgraph_resource', { url: 'servicePrincipals', query_parameters: { $filter: ["displayName eq 'id-pg-admin'"] } }) }],
  // 96th run, A96b-2: a prefix of its name, its resource ID among the alternative names, a $search or a search of every service
  // principal may find it.
  ['a msgraph_resource lookup of its resource ID among the alternative names', '${data.msgraph_resource.sp.output.value[0].id}', { data: principal('msgraph_resource', { url: 'servicePrincipals', query_parameters: { $filter: ["alternativeNames/any(x:x eq '/subscriptions/0/resourcegroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pg-admin')"] } }) }],
  ['a msgraph_resource $search of its name', '${data.msgraph_resource.sp.output.value[0].id}', { data: principal('msgraph_resource', { url: 'servicePrincipals', query_parameters: { $search: ['"displayName:id-pg-admin"'] } }) }],
  ['a msgraph_resource lookup filtered on a prefix of its name', '${data.msgraph_resource.sp.output.value[0].id}', { data: principal('msgraph_resource', { url: 'servicePrincipals', query_parameters: { $filter: ["startswith(displayName, 'ID-PG')"] } }) }],
  ['a msgraph_resource search of every managed identity', '${data.msgraph_resource.sp.output.value[0].id}', { data: principal('msgraph_resource', { url: "servicePrincipals?$filter=servicePrincipalType eq 'ManagedIdentity'" }) }],
  ['a lookup of every service principal', '${data.azuread_service_principals.sp.object_ids[0]}', { data: principal('azuread_service_principals', { return_all: true }) }],
  ['a lookup of service principals by its literal name among others', '${data.azuread_service_principals.sp.object_ids[1]}', { data: principal('azuread_service_principals', { display_names: ['id-other', ' ID-PG-ADMIN'] }) }],
])('an administrator whose object ID reads the identity through %s: a web app that attaches the identity fails', (_, objectId, sections) => {
  expect(findings(objectId, sections)).toEqual(FAILS);
});

test('a web app that attaches the administrator identity through a relay of its ID fails; the relay itself attaches nothing', () => {
  const sections = { resource: { terraform_data: { r: { input: '${azurerm_user_assigned_identity.u.principal_id}' }, i: { input: '${azurerm_user_assigned_identity.u.id}' } } } };
  expect(findings('${terraform_data.r.output}', sections, '${terraform_data.i.output}')).toEqual(FAILS);
});

test.each<[string, string, { data?: object; resource?: object }]>([
  ['a relay of another value', '${terraform_data.r.output}', { resource: relay('${var.admin_object_id}') }],
  ['a service principal looked up by another client ID', '${data.azuread_service_principal.sp.object_id}', { data: principal('azuread_service_principal', { client_id: '${var.client_id}' }) }],
  ['a service principal looked up by another literal name', '${data.azuread_service_principal.sp.object_id}', { data: principal('azuread_service_principal', { display_name: 'id-pg-admin-old' }) }],
  ['a msgraph_resource lookup filtered on a prefix of another name', '${data.msgraph_resource.sp.output.value[0].id}', { data: principal('msgraph_resource', { url: 'servicePrincipals', query_parameters: { $filter: ["startswith(displayName, 'id-pg-admin-')"] } }) }],
  ['a msgraph_resource search of users', '${data.msgraph_resource.sp.output.value[0].id}', { data: principal('msgraph_resource', { url: 'users' }) }],
  ['a lookup of service principals by other names', '${data.azuread_service_principals.sp.object_ids[0]}', { data: principal('azuread_service_principals', { display_names: ['id-other'], return_all: false }) }],
])('an administrator whose object ID is %s: a web app that attaches the identity passes', (_, objectId, sections) => {
  expect(findings(objectId, sections)).toEqual([]);
});

// 96th run, A96e-5: an identity named by a template (per environment), or by a variable whose default is its name, is found by a
// lookup whose literal name or prefix its literal parts may spell.
test.each<[string, string, string, object]>([
  ['a prefix of its template\'s literal start', 'id-pg-admin-${var.env}', '${data.msgraph_resource.sp.output.value[0].id}', principal('msgraph_resource', { url: 'servicePrincipals', query_parameters: { $filter: ["startswith(displayName,'id-pg-admin')"] } })],
  ['a literal name its template may spell', 'id-pg-admin-${var.env}', '${data.azuread_service_principal.sp.object_id}', principal('azuread_service_principal', { display_name: 'id-pg-admin-prod' })],
  ['its variable\'s default', '${var.nm}', '${data.azuread_service_principal.sp.object_id}', principal('azuread_service_principal', { display_name: 'id-pg-admin' })],
])('an administrator found by %s of the identity\'s name: a web app that attaches the identity fails', (_, name, objectId, data) => {
  expect(findings(objectId, { data, variable: { env: { type: 'string' }, nm: { type: 'string', default: 'id-pg-admin' } } }, undefined, name)).toEqual(FAILS);
});

test.each<[string, string, object]>([
  ['a literal name its template cannot spell', 'id-pg-admin-${var.env}', principal('azuread_service_principal', { display_name: 'id-orders-prod' })],
  ['a name wholly known only later', '${var.env}', principal('azuread_service_principal', { display_name: 'id-pg-admin' })],
])('an administrator found by %s: a web app that attaches the identity passes', (_, name, data) => {
  expect(findings('${data.azuread_service_principal.sp.object_id}', { data, variable: { env: { type: 'string' } } }, undefined, name)).toEqual([]);
});
