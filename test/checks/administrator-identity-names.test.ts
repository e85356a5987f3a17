import { evaluateStack } from '../../lib/checks/evaluate';
import { rule } from '../../lib/checks/rules/PG-IAM-2';
import { CONSTRUCTS_KEY, MADE_KEY } from '../../lib/checks/suppressions';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

// 92nd run, A92c-4: a managed identity's Entra name is its resource name, so a user-assigned identity of the name of a server's
// Entra administrator given as a service principal may be that administrator: a workload that attaches it signs in as it.

const ADMIN_OBJECT_ID = '77777777-0000-0000-0000-000000000007';
const IDENTITY_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ops/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pg-admin';
const ADMIN = 'azurerm_postgresql_flexible_server_active_directory_administrator';

/** PG-IAM-2's findings other than pass, as [status, address], for a construct's server with an administrator and the sections given. */
function findings(administrator: object, sections: { data?: object; resource?: object; variable?: object }): string[][] {
  const terraform = {
    variable: { sub: {}, admin_name: {}, admin_type: {}, ...sections.variable },
    ...(sections.data === undefined ? {} : { data: sections.data }),
    resource: {
      ...sections.resource,
      [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders' }), ...madeAt(`${CONSTRUCT}/Server`) } },
      [ADMIN]: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg-orders', tenant_id: 't', object_id: ADMIN_OBJECT_ID, principal_name: 'id-pg-admin', principal_type: 'ServicePrincipal', ...administrator } },
    },
    '//': { [CONSTRUCTS_KEY]: [CONSTRUCT], [MADE_KEY]: [`${CONSTRUCT}/Server`, `${CONSTRUCT}/EntraAdministrator0`] },
  };
  return evaluateStack(terraform, [rule]).findings.filter((finding) => finding.status !== 'pass' && finding.status !== 'not-applicable').map((finding) => [finding.status, finding.address ?? '']);
}

const webApp = (identityIds: string[]) => ({ azurerm_linux_web_app: { w: { name: 'w', resource_group_name: 'rg-apps', location: 'westeurope', identity: [{ type: 'UserAssigned', identity_ids: identityIds }] } } });
const lookup = (name: string) => ({ azurerm_user_assigned_identity: { adm: { name, resource_group_name: 'rg-ops' } } });
const FAILS = [['fail', 'azurerm_linux_web_app.w']];

test.each<[string, object, object]>([
  ['a lookup by its name', { data: lookup('id-pg-admin'), resource: webApp(['${data.azurerm_user_assigned_identity.adm.id}']) }, {}],
  ['a lookup by its name in another case', { data: lookup('ID-PG-Admin'), resource: webApp(['${data.azurerm_user_assigned_identity.adm.id}']) }, {}],
  ['a lookup whose name is known only at apply time', { data: lookup('${var.admin_name}'), resource: webApp(['${data.azurerm_user_assigned_identity.adm.id}']) }, {}],
  ['its literal ID', { resource: webApp([IDENTITY_ID]) }, {}],
  ['a template that spells its name', { resource: webApp(['/subscriptions/${var.sub}/resourceGroups/rg-ops/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pg-admin']) }, {}],
  ['its literal ID, the administrator\'s name known only at apply time', { resource: webApp([IDENTITY_ID.replace('id-pg-admin', 'id-other')]) }, { principal_name: '${var.admin_name}' }],
  ['its literal ID, the administrator\'s type known only at apply time', { resource: webApp([IDENTITY_ID]) }, { principal_type: '${var.admin_type}' }],
])('a workload attaching an identity that may be the service principal administrator by %s fails', (_, sections, administrator) => {
  expect(findings(administrator, sections)).toEqual(FAILS);
});

test.each<[string, object, object]>([
  ['an identity of another name', { data: lookup('id-app'), resource: webApp(['${data.azurerm_user_assigned_identity.adm.id}', IDENTITY_ID.replace('id-pg-admin', 'id-app')]) }, {}],
  ['the administrator\'s name, where the administrator is a group', { resource: webApp([IDENTITY_ID]) }, { principal_type: 'Group' }],
  ['an identity the stack makes of that name (a new object, not the administrator\'s)', { resource: { ...webApp(['${azurerm_user_assigned_identity.made.id}']), azurerm_user_assigned_identity: { made: { name: 'id-pg-admin', resource_group_name: 'rg-apps', location: 'westeurope' } } } }, {}],
])('%s passes', (_, sections, administrator) => {
  expect(findings(administrator, sections)).toEqual([]);
});
