import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformVariable, Testing } from 'cdktf';
import { EntraPrincipalType, RoleAssignment, RoleDefinition, SecureFlexibleServer } from '../../lib';
import { ADMIN_OBJECT_ID, minimalProps, newStack, resourcesOf, synthFlexible, warningsOf } from '../helpers';

// roleAssignments (the Azure Verified Modules interface): Azure RBAC roles on the server resource.

const ROLE = 'azurerm_role_assignment';
const MONITORING_APP = '12345678-1234-1234-1234-123456789abc';
const REASON = 'SEC-77: the platform pipeline restarts servers, review 2026-12';
const CUSTOM_ROLE = '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/0e6f1a6c-3c6f-4a2b-9d7e-1f2a3b4c5d6e';

const reader: RoleAssignment = { role: RoleDefinition.MONITORING_READER, principalId: MONITORING_APP, principalType: EntraPrincipalType.SERVICE_PRINCIPAL, description: 'Grafana' };

test('none by default', () => {
  expect(resourcesOf(synthFlexible(minimalProps()), ROLE)).toEqual([]);
});

test('one azurerm_role_assignment per item, scoped to the server, by built-in name or by definition ID', () => {
  const synth = synthFlexible(minimalProps({
    roleAssignments: [
      reader,
      { role: RoleDefinition.fromResourceId(CUSTOM_ROLE), principalId: ADMIN_OBJECT_ID, principalType: EntraPrincipalType.GROUP },
      { role: RoleDefinition.builtIn('Log Analytics Reader'), principalId: ADMIN_OBJECT_ID, principalType: EntraPrincipalType.USER },
    ],
  }));
  const server = Object.keys(synth.resource.azurerm_postgresql_flexible_server)[0];
  const withoutMetadata = (assignment: { [key: string]: unknown }) => Object.fromEntries(Object.entries(assignment).filter(([key]) => key !== '//'));
  expect(resourcesOf(synth, ROLE).map(withoutMetadata)).toEqual([
    { scope: `\${azurerm_postgresql_flexible_server.${server}.id}`, role_definition_name: 'Monitoring Reader', principal_id: MONITORING_APP, principal_type: 'ServicePrincipal', description: 'Grafana' },
    { scope: `\${azurerm_postgresql_flexible_server.${server}.id}`, role_definition_id: CUSTOM_ROLE, principal_id: ADMIN_OBJECT_ID, principal_type: 'Group' },
    { scope: `\${azurerm_postgresql_flexible_server.${server}.id}`, role_definition_name: 'Log Analytics Reader', principal_id: ADMIN_OBJECT_ID, principal_type: 'User' },
  ]);
});

test('a principal known only at apply time (a managed identity of the stack) passes through', () => {
  const stack = newStack();
  const principal = new TerraformVariable(stack, 'principal', { type: 'string' }).stringValue;
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ roleAssignments: [{ ...reader, principalId: principal }] }));
  expect(Object.values(JSON.parse(Testing.synth(stack)).resource[ROLE])).toEqual([expect.objectContaining({ principal_id: '${var.principal}' })]);
});

test('a privileged role needs a justification, and warns with it', () => {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ roleAssignments: [{ ...reader, role: RoleDefinition.builtIn('Contributor'), justification: REASON }] }));
  expect(() => Testing.synth(stack, true)).not.toThrow();
  expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:PrivilegedRoleAssignment] roleAssignments[0] grants Contributor on the server, which can change or delete it or grant access to it. Justification: "${REASON}".`);
});

test.each([
  ['Owner by name, in any case', RoleDefinition.builtIn('owner'), 'Owner'],
  ['User Access Administrator', RoleDefinition.builtIn('User Access Administrator'), 'User Access Administrator'],
  ['Role Based Access Control Administrator', RoleDefinition.builtIn('Role Based Access Control Administrator'), 'Role Based Access Control Administrator'],
  ['Owner by definition ID', RoleDefinition.fromResourceId('/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635'), 'Owner'],
  ['Contributor by a subscription-scoped definition ID', RoleDefinition.fromResourceId('/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/B24988AC-6180-42A0-AB88-20F7382DD24C'), 'Contributor'],
])('%s without a justification is refused', (_, role, name) => {
  expect(() => new SecureFlexibleServer(newStack(), 'Postgres', minimalProps({ roleAssignments: [{ ...reader, role }] }))).toThrow(
    `Invalid roleAssignments[0].justification: (not set) is required to grant ${name}, which can change or delete the server or grant access to it. Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".`,
  );
});

test('Reader and Monitoring Reader need no justification and print no warning', () => {
  const stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ roleAssignments: [reader, { ...reader, role: RoleDefinition.READER }] }));
  expect(warningsOf(stack).filter((w) => w.includes('PrivilegedRoleAssignment'))).toEqual([]);
});

test('a role definition ID must be one', () => {
  expect(() => new SecureFlexibleServer(newStack(), 'Postgres', minimalProps({ roleAssignments: [{ ...reader, role: RoleDefinition.fromResourceId('Reader') }] }))).toThrow(
    'Invalid roleAssignments[0].role.resourceId: "Reader" is not a role definition resource ID. Fix: give "/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>", or the same without the subscription part.',
  );
});

test('the same role for the same principal twice is refused (IDs ignore case)', () => {
  expect(() => new SecureFlexibleServer(newStack(), 'Postgres', minimalProps({ roleAssignments: [reader, { ...reader, principalId: MONITORING_APP.toUpperCase() }] }))).toThrow(
    `Invalid roleAssignments[1].principalId: "${MONITORING_APP.toUpperCase()}" is given Monitoring Reader twice. Fix: list each role of a principal once.`,
  );
});

test('two roles for one principal are fine', () => {
  const synth = synthFlexible(minimalProps({ roleAssignments: [reader, { ...reader, role: RoleDefinition.READER }] }));
  expect(resourcesOf(synth, ROLE)).toHaveLength(2);
});
