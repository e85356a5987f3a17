import { rule } from '../../lib/checks/rules/PG-IAM-2';
import { Verdict } from '../../lib/checks/rule';
import { CONSTRUCT, PASSWORD_VAULT, roleGrantStack, verdictsBeside } from './beside-fixtures';
import { Resources } from './rule-harness';

// Every writer of an Azure role grant is judged as an azurerm_role_assignment (fifteenth review, A15a-13, A15b-4, A15b-5).
const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000000';
const PRINCIPAL = '99999999-9999-9999-9999-999999999999';
const definition = (guid: string) => `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const NETWORK_CONTRIBUTOR = '4d97b98b-1d4f-4787-a291-c67834d212e7';
const SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';


/** Each writer of a role grant: the block (or blocks) that grant `role` (a definition GUID) on `scope`, with the address judged. */
const WRITERS: readonly [string, (scope: string, role: string) => { resources: Resources; address: string }][] = [
  ['azurerm_pim_eligible_role_assignment', (scope, role) => ({ resources: { azurerm_pim_eligible_role_assignment: { g: { scope, role_definition_id: definition(role), principal_id: PRINCIPAL } } }, address: 'azurerm_pim_eligible_role_assignment.g' })],
  ['azurerm_pim_active_role_assignment', (scope, role) => ({ resources: { azurerm_pim_active_role_assignment: { g: { scope, role_definition_id: definition(role), principal_id: PRINCIPAL, justification: 'x' } } }, address: 'azurerm_pim_active_role_assignment.g' })],
  ...['roleAssignments@2022-04-01', 'roleEligibilityScheduleRequests@2022-04-01-preview', 'ROLEASSIGNMENTSCHEDULEREQUESTS@2022-04-01'].map((type): [string, (scope: string, role: string) => { resources: Resources; address: string }] => [
    `azapi_resource Microsoft.Authorization/${type}`,
    (scope, role) => ({ resources: { azapi_resource: { g: { type: `Microsoft.Authorization/${type}`, name: '00000000-0000-0000-0000-000000000001', parent_id: scope, body: { properties: { roleDefinitionId: definition(role), principalId: PRINCIPAL, requestType: 'AdminAssign' } } } } }, address: 'azapi_resource.g' }),
  ]),
  ['azapi_resource with a JSON body', (scope, role) => ({ resources: { azapi_resource: { g: { type: 'Microsoft.Authorization/roleAssignments@2022-04-01', name: 'x', parent_id: scope, body: JSON.stringify({ properties: { roleDefinitionId: definition(role), principalId: PRINCIPAL } }) } } }, address: 'azapi_resource.g' })],
  ['azapi_resource_action PUT of a role assignment ID', (scope, role) => ({ resources: { azapi_resource_action: { g: { type: 'Microsoft.Authorization/roleAssignments@2022-04-01', method: 'PUT', resource_id: `${scope}/providers/Microsoft.Authorization/roleAssignments/00000000-0000-0000-0000-000000000001`, body: { properties: { roleDefinitionId: definition(role), principalId: PRINCIPAL } } } } }, address: 'azapi_resource_action.g' })],
  ['azurerm_lighthouse_assignment of a definition with that authorization', (scope, role) => ({
    resources: {
      azurerm_lighthouse_definition: { d: { name: 'msp', managing_tenant_id: '22222222-2222-2222-2222-222222222222', scope: SUBSCRIPTION, authorization: [{ principal_id: PRINCIPAL, role_definition_id: role }] } },
      azurerm_lighthouse_assignment: { g: { scope, lighthouse_definition_id: '${azurerm_lighthouse_definition.d.id}' } },
    },
    address: 'azurerm_lighthouse_assignment.g',
  })],
  ['azurerm_lighthouse_assignment of a definition with that eligible authorization', (scope, role) => ({
    resources: {
      azurerm_lighthouse_definition: { d: { name: 'msp', managing_tenant_id: '22222222-2222-2222-2222-222222222222', scope: SUBSCRIPTION, authorization: [{ principal_id: PRINCIPAL, role_definition_id: READER }], eligible_authorization: [{ principal_id: PRINCIPAL, role_definition_id: role }] } },
      azurerm_lighthouse_assignment: { g: { scope, lighthouse_definition_id: '${azurerm_lighthouse_definition.d.id}' } },
    },
    address: 'azurerm_lighthouse_assignment.g',
  })],
  ['azapi Microsoft.ManagedServices registrationAssignments of a registrationDefinitions with that authorization', (scope, role) => ({
    resources: { azapi_resource: {
      d: { type: 'Microsoft.ManagedServices/registrationDefinitions@2022-10-01', name: 'd', parent_id: SUBSCRIPTION, body: { properties: { managedByTenantId: '22222222-2222-2222-2222-222222222222', authorizations: [{ principalId: PRINCIPAL, roleDefinitionId: role }] } } },
      g: { type: 'Microsoft.ManagedServices/registrationAssignments@2022-10-01', name: 'a', parent_id: scope, body: { properties: { registrationDefinitionId: '${azapi_resource.d.id}' } } },
    } },
    address: 'azapi_resource.g',
  })],
];

const judged = (resources: Resources): readonly Verdict[] => verdictsBeside(rule, roleGrantStack(resources), [CONSTRUCT]);
const failsOn = (verdicts: readonly Verdict[], address: string) => verdicts.filter((verdict) => verdict.status === 'fail' && verdict.address === address).map((verdict) => (verdict as { message: string }).message);

describe.each(WRITERS)('a role grant written by %s', (_name, write) => {
  test.each([
    ['the server', '${azurerm_postgresql_flexible_server.db.id}', OWNER, /grants Owner on the server/],
    ['its resource group', `${SUBSCRIPTION}/resourceGroups/rg-orders`, OWNER, /grants Owner on .*which contains the server/],
    ['its subscription', SUBSCRIPTION, OWNER, /grants Owner on .*which contains the server/],
    ['the construct\'s NSG', '${azurerm_network_security_group.db.id}', NETWORK_CONTRIBUTOR, /grants Network Contributor on azurerm_network_security_group\.db/],
    ['the vault of the vaulted password', PASSWORD_VAULT, SECRETS_USER, /grants Key Vault Secrets User on the vault of azurerm_key_vault_secret\.own/],
  ])('fails PG-IAM-2 on %s', (_where, scope, role, message) => {
    const { resources, address } = write(scope, role);
    expect(failsOn(judged(resources), address)).toEqual([expect.stringMatching(message)]);
  });

  test('passes a read-only built-in role (Reader) on the server\'s group', () => {
    const { resources } = write(`${SUBSCRIPTION}/resourceGroups/rg-orders`, READER);
    expect(judged(resources)).toEqual([{ status: 'pass' }]);
  });
});

// Seventeenth review, A17a-1: a definition ID at any scope names the role by its GUID, through every writer of the table.
const SCOPED_DEFINITIONS: readonly [string, string][] = [
  ['a resource group', `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`],
  ['a management group', `/providers/Microsoft.Management/managementGroups/mg-platform/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`],
  ['upper case and a final slash', `${SUBSCRIPTION}/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.AUTHORIZATION/ROLEDEFINITIONS/${OWNER.toUpperCase()}/`],
];

describe.each(SCOPED_DEFINITIONS)('Owner by its definition ID at %s', (_scope, id) => {
  const server = '${azurerm_postgresql_flexible_server.db.id}';
  test.each([
    ['azurerm_role_assignment', { azurerm_role_assignment: { g: { scope: server, role_definition_id: id, principal_id: PRINCIPAL } } }, 'azurerm_role_assignment.g'],
    ['azurerm_pim_eligible_role_assignment', { azurerm_pim_eligible_role_assignment: { g: { scope: server, role_definition_id: id, principal_id: PRINCIPAL } } }, 'azurerm_pim_eligible_role_assignment.g'],
    ['azapi_resource roleAssignments', { azapi_resource: { g: { type: 'Microsoft.Authorization/roleAssignments@2022-04-01', name: 'x', parent_id: server, body: { properties: { roleDefinitionId: id, principalId: PRINCIPAL } } } } }, 'azapi_resource.g'],
    ['azurerm_lighthouse_assignment', {
      azurerm_lighthouse_definition: { d: { name: 'msp', managing_tenant_id: '22222222-2222-2222-2222-222222222222', scope: SUBSCRIPTION, authorization: [{ principal_id: PRINCIPAL, role_definition_id: id }] } },
      azurerm_lighthouse_assignment: { g: { scope: server, lighthouse_definition_id: '${azurerm_lighthouse_definition.d.id}' } },
    }, 'azurerm_lighthouse_assignment.g'],
  ] as [string, Resources, string][])('fails PG-IAM-2 on the server, written by %s', (_writer, resources, address) => {
    expect(failsOn(judged(resources), address)).toEqual([expect.stringMatching(/grants Owner on the server/)]);
  });
});

describe('a writer of the table whose role or scope cannot be read fails closed beside a construct', () => {
  // Seventeenth review, A17a-1: a definition ID the one parser cannot read may name any role at apply time: it is no custom role.
  test('a role definition ID no parser reads (azurerm, PIM, azapi), on the server\'s resource group; a readable unknown GUID passes', () => {
    const group = `${SUBSCRIPTION}/resourceGroups/rg-orders`;
    const verdicts = judged({
      azurerm_role_assignment: {
        empty: { scope: group, role_definition_id: `${SUBSCRIPTION}//providers/Microsoft.Authorization/roleDefinitions/${OWNER}`, principal_id: PRINCIPAL },
        suffix: { scope: group, role_definition_id: `/providers/Microsoft.Authorization/roleDefinitions/${OWNER}/versions/1`, principal_id: PRINCIPAL },
        custom: { scope: group, role_definition_id: `${group}/providers/Microsoft.Authorization/roleDefinitions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`, principal_id: PRINCIPAL },
      },
      azurerm_pim_eligible_role_assignment: { p: { scope: group, role_definition_id: 'Owner', principal_id: PRINCIPAL } },
      azapi_resource: { a: { type: 'Microsoft.Authorization/roleAssignments@2022-04-01', name: 'x', parent_id: group, body: { properties: { roleDefinitionId: `roleDefinitions/${OWNER}`, principalId: PRINCIPAL } } } },
    });
    expect(verdicts.filter((verdict) => verdict.status !== 'pass').map((verdict) => [verdict.status, 'address' in verdict ? verdict.address : undefined])).toEqual([
      ['unknown', 'azurerm_role_assignment.empty'], ['unknown', 'azurerm_role_assignment.suffix'], ['unknown', 'azurerm_pim_eligible_role_assignment.p'], ['unknown', 'azapi_resource.a'],
    ]);
  });

  test('an azapi role assignment whose body is known only at apply time, or has no role', () => {
    const verdicts = judged({ azapi_resource: {
      later: { type: 'Microsoft.Authorization/roleAssignments@2022-04-01', name: 'x', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-orders`, body: '${var.body}' },
      none: { type: 'Microsoft.Authorization/roleAssignments@2022-04-01', name: 'y', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-orders`, body: { properties: { principalId: PRINCIPAL } } },
    } });
    expect(verdicts.filter((verdict) => verdict.status === 'unknown').map((verdict) => verdict.address)).toEqual(['azapi_resource.later', 'azapi_resource.none']);
  });

  test('an azapi_resource_action whose ID is known only at apply time (a scope that may be the server), and Lighthouse assignments (azurerm, azapi) of a definition that is no block of the stack', () => {
    const verdicts = judged({
      azapi_resource_action: { a: { type: 'Microsoft.Authorization/roleAssignments@2022-04-01', method: 'PUT', resource_id: '${var.assignment_id}', body: { properties: { roleDefinitionId: definition(OWNER), principalId: PRINCIPAL } } } },
      azurerm_lighthouse_assignment: { l: { scope: `${SUBSCRIPTION}/resourceGroups/rg-orders`, lighthouse_definition_id: '${var.definition}' } },
      azapi_resource: { r: { type: 'Microsoft.ManagedServices/registrationAssignments@2022-10-01', name: 'a', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-orders`, body: { properties: { registrationDefinitionId: `${SUBSCRIPTION}/providers/Microsoft.ManagedServices/registrationDefinitions/d` } } } },
    });
    expect(verdicts.filter((verdict) => verdict.status !== 'pass').map((verdict) => [verdict.status, 'address' in verdict ? verdict.address : undefined]))
      .toEqual([['fail', 'azapi_resource_action.a'], ['unknown', 'azurerm_lighthouse_assignment.l'], ['unknown', 'azapi_resource.r']]);
  });

  test('a Lighthouse definition whose authorization list holds an item known only at apply time (azapi, azurerm)', () => {
    const verdicts = judged({
      azapi_resource: {
        d: { type: 'Microsoft.ManagedServices/registrationDefinitions@2022-10-01', name: 'd', parent_id: SUBSCRIPTION, body: { properties: { managedByTenantId: '22222222-2222-2222-2222-222222222222', authorizations: [{ principalId: PRINCIPAL, roleDefinitionId: READER }, '${var.authorization}'] } } },
        g: { type: 'Microsoft.ManagedServices/registrationAssignments@2022-10-01', name: 'a', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-orders`, body: { properties: { registrationDefinitionId: '${azapi_resource.d.id}' } } },
      },
      azurerm_lighthouse_definition: { d: { name: 'msp', managing_tenant_id: '22222222-2222-2222-2222-222222222222', scope: SUBSCRIPTION, authorization: [{ principal_id: PRINCIPAL, role_definition_id: READER }, '${var.authorization}'] } },
      azurerm_lighthouse_assignment: { g: { scope: `${SUBSCRIPTION}/resourceGroups/rg-orders`, lighthouse_definition_id: '${azurerm_lighthouse_definition.d.id}' } },
    });
    expect(verdicts.filter((verdict) => verdict.status !== 'pass').map((verdict) => [verdict.status, 'address' in verdict ? verdict.address : undefined]))
      .toEqual([['unknown', 'azurerm_lighthouse_assignment.g'], ['unknown', 'azapi_resource.g']]);
  });

  test('an azapi block whose type is known only at apply time, with a role or access policies in its body', () => {
    const verdicts = judged({ azapi_resource: {
      role: { type: '${var.type}', name: 'x', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-orders`, body: { properties: { roleDefinitionId: definition(OWNER), principalId: PRINCIPAL } } },
      policy: { type: '${var.type}', name: 'add', parent_id: '${var.vault}', body: { properties: { accessPolicies: [{ objectId: PRINCIPAL, permissions: { secrets: ['get'] } }] } } },
    } });
    expect(verdicts.filter((verdict) => verdict.status !== 'pass').map((verdict) => [verdict.status, 'address' in verdict ? verdict.address : undefined])).toEqual([['fail', 'azapi_resource.role'], ['fail', 'azapi_resource.policy']]);
  });

  test('an azapi_resource_action that reads (GET, or the default POST) grants none', () => {
    const action = (method?: string) => ({ type: 'Microsoft.Authorization/roleAssignments@2022-04-01', resource_id: `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.Authorization/roleAssignments/x`, ...(method === undefined ? {} : { method }), body: { properties: { roleDefinitionId: definition(OWNER), principalId: PRINCIPAL } } });
    expect(judged({ azapi_resource_action: { get: action('GET'), post: action() } })).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
    expect(failsOn(judged({ azapi_resource_action: { patch: action('patch') } }), 'azapi_resource_action.patch')).toHaveLength(1);
  });

  test('a schedule request that removes a role grants none', () => {
    expect(judged({ azapi_resource: { r: { type: 'Microsoft.Authorization/roleAssignmentScheduleRequests@2022-04-01', name: 'x', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-orders`, body: { properties: { roleDefinitionId: definition(OWNER), principalId: PRINCIPAL, requestType: 'AdminRemove' } } } } }))
      .toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
  });
});

describe('an access policy on the vault of the vaulted password written through azapi (A15b-5)', () => {
  const policy = (secrets: unknown) => ({ properties: { accessPolicies: [{ tenantId: 't', objectId: PRINCIPAL, permissions: { secrets } }] } });
  const POLICIES = 'Microsoft.KeyVault/vaults/accessPolicies@2023-07-01';
  const writers = (secrets: unknown): Resources => ({
    azapi_resource: { add: { type: POLICIES, name: 'add', parent_id: PASSWORD_VAULT, body: policy(secrets) }, replace: { type: POLICIES, name: 'replace', parent_id: PASSWORD_VAULT, body: JSON.stringify(policy(secrets)) } },
    azapi_resource_action: { add: { type: POLICIES, resource_id: `${PASSWORD_VAULT}/accessPolicies/add`, method: 'PUT', body: policy(secrets) }, vault: { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: PASSWORD_VAULT, method: 'PATCH', body: policy(secrets) } },
    azapi_update_resource: { vault: { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: PASSWORD_VAULT, body: policy(secrets) } },
  });
  const ADDRESSES = ['azapi_resource.add', 'azapi_resource.replace', 'azapi_resource_action.add', 'azapi_resource_action.vault', 'azapi_update_resource.vault'];

  test('fails every writer that grants get (or all) on the secrets, and fails closed on permissions known only at apply time', () => {
    expect(judged(writers(['all'])).filter((verdict) => verdict.status === 'fail').map((verdict) => verdict.address).sort()).toEqual(ADDRESSES);
    expect(judged(writers(['list', 'GET'])).filter((verdict) => verdict.status === 'fail').map((verdict) => verdict.address).sort()).toEqual(ADDRESSES);
    expect(judged(writers('${var.permissions}')).filter((verdict) => verdict.status === 'unknown').map((verdict) => verdict.address).sort()).toEqual(ADDRESSES);
  });

  test('says what each writer grants, as the azurerm access policy does (A16b-6)', () => {
    const said = (secrets: unknown) => judged(writers(secrets)).filter((verdict) => verdict.status === 'fail').map((verdict) => ('message' in verdict ? /grants (.*?) on the secrets/.exec(verdict.message)?.[1] : undefined));
    expect(said(['list', 'GET'])).toEqual(ADDRESSES.map(() => 'Get'));
    expect(said(['backup', 'all'])).toEqual(ADDRESSES.map(() => 'Backup and all'));
  });

  test('passes policies without get, a remove, and policies on another vault', () => {
    expect(judged(writers(['list']))).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
    expect(judged({
      azapi_resource: { remove: { type: 'Microsoft.KeyVault/vaults/accessPolicies@2023-07-01', name: 'remove', parent_id: PASSWORD_VAULT, body: policy(['get']) } },
      azapi_update_resource: { other: { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: PASSWORD_VAULT.replace('kv-postgres', 'kv-other'), body: policy(['get']) } },
    })).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
  });
});
