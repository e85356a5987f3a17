import { rule } from '../../lib/checks/rules/PG-IAM-3';
import { Verdict } from '../../lib/checks/rule';
import { buildStackModel } from '../../lib/checks/stack-model';
import { EFFECT_OPERATIONS } from '../../lib/private/role-actions';
import { CONSTRUCT, madeAt, verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// A role that lets another principal act as the administrator managed identity fails PG-IAM-3 (fifteenth review, A15a-10).
const ADMINISTRATOR = 'azurerm_postgresql_flexible_server_active_directory_administrator';
const OUTSIDER = '99999999-7777-8888-9999-000000000000';
const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000000';
const IDENTITY_ID = `${SUBSCRIPTION}/resourceGroups/rg-ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-db-admin`;

const stackWith = (extra: Resources): Resources => ({
  ...extra,
  azurerm_resource_group: { ids: { name: 'rg-ids', location: 'westeurope' } },
  azurerm_user_assigned_identity: { admin: { name: 'id-db-admin', resource_group_name: 'rg-ids', location: 'westeurope' }, other: { name: 'id-app', resource_group_name: 'rg-apps', location: 'westeurope' } },
  [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
  [ADMINISTRATOR]: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: 't', object_id: '${azurerm_user_assigned_identity.admin.principal_id}', principal_name: 'id-db-admin', principal_type: 'ServicePrincipal' } },
});
const judged = (resources: Resources): readonly Verdict[] => verdictsBeside(rule, stackWith(resources), [CONSTRUCT]);
const statuses = (verdicts: readonly Verdict[]) => verdicts.filter((verdict) => verdict.status !== 'pass').map((verdict) => [verdict.status, 'address' in verdict ? verdict.address : undefined]);
const grant = (scope: string, role: { [key: string]: unknown }): Resources => ({ azurerm_role_assignment: { g: { scope, principal_id: OUTSIDER, ...role } } });

describe('roles that assign the administrator identity, on it or a scope that holds it', () => {
  test.each([
    ['Managed Identity Operator', { role_definition_name: 'Managed Identity Operator' }],
    ['Managed Identity Contributor by definition ID', { role_definition_id: `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/e40ec5ca-96e0-45a2-b4ff-59039f2c2b59` }],
    ['Owner', { role_definition_name: 'owner' }],
    ['User Access Administrator (grants itself the operator)', { role_definition_name: 'User Access Administrator' }],
  ])('%s fails on the identity by reference, its literal ID, its resource group and the subscription', (_name, role) => {
    for (const scope of ['${azurerm_user_assigned_identity.admin.id}', IDENTITY_ID.toUpperCase(), '${azurerm_resource_group.ids.id}', `${SUBSCRIPTION}/resourceGroups/rg-ids`, SUBSCRIPTION]) {
      expect([scope, statuses(judged(grant(scope, role)))]).toEqual([scope, [['fail', 'azurerm_role_assignment.g']]]);
    }
  });

  // A second identity resource that is the administrator's identity (its same names, literal or a variable's default) is it.
  test('Managed Identity Operator on a twin of the identity (the same literal names, or variables defaulting to them) fails; on a twin the run names, passes', () => {
    const onTwin = (name: string): readonly Verdict[] => {
      const resources = stackWith(grant('${azurerm_user_assigned_identity.twin.id}', { role_definition_name: 'Managed Identity Operator' }));
      const identities = { ...resources.azurerm_user_assigned_identity, twin: { name, resource_group_name: 'rg-ids', location: 'westeurope' } };
      const model = buildStackModel({ resource: { ...resources, azurerm_user_assigned_identity: identities }, variable: { n: { type: 'string', default: 'id-db-admin' }, later: { type: 'string' } } });
      const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
      const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
      return Array.isArray(result) ? result : [result as Verdict];
    };
    expect(statuses(onTwin('ID-DB-ADMIN'))).toEqual([['fail', 'azurerm_role_assignment.g']]);
    expect(statuses(onTwin('${var.n}'))).toEqual([['fail', 'azurerm_role_assignment.g']]);
    expect(statuses(onTwin('${var.later}'))).toEqual([]);
  });

  test('every identity operation of the effect table, in a custom role of the stack, fails; a reading custom role passes', () => {
    for (const row of EFFECT_OPERATIONS.filter((each) => each.effects.includes('identity'))) {
      const custom: Resources = { azurerm_role_definition: { op: { name: 'id-op', scope: SUBSCRIPTION, permissions: [{ actions: [row.operation] }] } } };
      expect([row.operation, statuses(judged({ ...custom, ...grant('${azurerm_user_assigned_identity.admin.id}', { role_definition_name: 'id-op' }) }))]).toEqual([row.operation, [['fail', 'azurerm_role_assignment.g']]]);
    }
    const reader: Resources = { azurerm_role_definition: { op: { name: 'id-op', scope: SUBSCRIPTION, permissions: [{ actions: ['Microsoft.ManagedIdentity/userAssignedIdentities/*/read'] }] } } };
    expect(statuses(judged({ ...reader, ...grant('${azurerm_user_assigned_identity.admin.id}', { role_definition_name: 'id-op' }) }))).toEqual([]);
  });

  test('the same roles through PIM and azapi role assignments fail too', () => {
    expect(statuses(judged({ azurerm_pim_eligible_role_assignment: { g: { scope: '${azurerm_user_assigned_identity.admin.id}', role_definition_id: `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/f1a07417-d97a-45cb-824c-7a7467783830`, principal_id: OUTSIDER } } })))
      .toEqual([['fail', 'azurerm_pim_eligible_role_assignment.g']]);
    expect(statuses(judged({ azapi_resource: { g: { type: 'Microsoft.Authorization/roleAssignments@2022-04-01', name: 'x', parent_id: '${azurerm_user_assigned_identity.admin.id}', body: { properties: { roleDefinitionId: `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/f1a07417-d97a-45cb-824c-7a7467783830`, principalId: OUTSIDER } } } } })))
      .toEqual([['fail', 'azapi_resource.g']]);
  });

  test('a role known only at apply time on the identity, or an operator role on a scope known only at apply time, fails closed', () => {
    expect(statuses(judged(grant('${azurerm_user_assigned_identity.admin.id}', { role_definition_name: '${var.role}' })))).toEqual([['unknown', 'azurerm_role_assignment.g']]);
    expect(statuses(judged(grant('${var.scope}', { role_definition_name: 'Managed Identity Operator' })))).toEqual([['fail', 'azurerm_role_assignment.g']]);
  });
});

test('an administrator identity written by azapi: the operator on it, on its parent group (by reference or literal ID) fails', () => {
  const azapi = (scope: string): Resources => ({
    ...stackWith(grant(scope, { role_definition_name: 'Managed Identity Operator' })),
    azapi_resource: { admin: { type: 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31', name: 'id-db-admin', parent_id: '${azurerm_resource_group.ids.id}', location: 'westeurope' } },
    [ADMINISTRATOR]: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: 't', object_id: '${azapi_resource.admin.output.properties.principalId}', principal_name: 'id-db-admin', principal_type: 'ServicePrincipal' } },
  });
  for (const scope of ['${azapi_resource.admin.id}', '${azurerm_resource_group.ids.id}', IDENTITY_ID, SUBSCRIPTION]) {
    expect([scope, statuses(verdictsBeside(rule, azapi(scope), [CONSTRUCT]))]).toEqual([scope, [['fail', 'azurerm_role_assignment.g']]]);
  }
  expect(statuses(verdictsBeside(rule, azapi('${azurerm_user_assigned_identity.other.id}'), [CONSTRUCT]))).toEqual([]);
});

test('a service principal administrator the stack does not make may be a managed identity made elsewhere: the operator on a literal identity ID or an identity lookup fails, on an identity the stack makes passes', () => {
  const outside = (scope: string, principalType = 'ServicePrincipal'): Resources => ({
    ...stackWith(grant(scope, { role_definition_name: 'Managed Identity Operator' })),
    [ADMINISTRATOR]: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: 't', object_id: '44444444-0000-0000-0000-000000000000', principal_name: 'id-ops', principal_type: principalType } },
  });
  const judge = (resources: Resources) => statuses(verdictsBeside(rule, resources, [CONSTRUCT]));
  expect(judge(outside(IDENTITY_ID))).toEqual([['fail', 'azurerm_role_assignment.g']]);
  expect(judge(outside('${data.azurerm_user_assigned_identity.ops.id}'))).toEqual([['fail', 'azurerm_role_assignment.g']]);
  expect(judge(outside('${azurerm_user_assigned_identity.other.id}'))).toEqual([]);
  expect(judge(outside(IDENTITY_ID, 'Group'))).toEqual([]);
});

describe('what cannot act as the identity passes', () => {
  test('a reading role on the identity, the operator on another identity or another group, or on a key vault', () => {
    expect(statuses(judged(grant('${azurerm_user_assigned_identity.admin.id}', { role_definition_name: 'Reader' })))).toEqual([]);
    expect(statuses(judged(grant('${azurerm_user_assigned_identity.other.id}', { role_definition_name: 'Managed Identity Operator' })))).toEqual([]);
    expect(statuses(judged(grant(`${SUBSCRIPTION}/resourceGroups/rg-apps`, { role_definition_name: 'Managed Identity Operator' })))).toEqual([]);
    expect(statuses(judged(grant(IDENTITY_ID.replace('id-db-admin', 'id-app'), { role_definition_name: 'Managed Identity Operator' })))).toEqual([]);
  });
});
