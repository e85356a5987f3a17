import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RoleDefinition as AzurermRoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { TerraformResource, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { EntraPrincipalType, RoleAssignment, RoleDefinition, SecureFlexibleServer } from '../../lib';
import { ADMIN_OBJECT_ID, minimalProps, newStack, providerStack, resourcesOf, SUBSCRIPTION, synthErrors, synthFlexible, warningsOf } from '../helpers';
import { LIFTING_ROLES } from '../support/lifting-roles';

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
  expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:PrivilegedRoleAssignment] roleAssignments[0] grants Contributor on the server to ServicePrincipal ${MONITORING_APP}, which can change or delete the server or grant access to it. Justification: "${REASON}".`);
});

test.each([
  ['Owner by name, in any case', RoleDefinition.builtIn('owner'), 'Owner'],
  ['User Access Administrator', RoleDefinition.builtIn('User Access Administrator'), 'User Access Administrator'],
  ['Role Based Access Control Administrator', RoleDefinition.builtIn('Role Based Access Control Administrator'), 'Role Based Access Control Administrator'],
  ['Owner by definition ID', RoleDefinition.fromResourceId('/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635'), 'Owner'],
  // Seventeenth review, A17a-1: a definition at any scope is the role its GUID names.
  ['Owner by a resource-group-scoped definition ID', RoleDefinition.fromResourceId('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635'), 'Owner'],
  ['Owner by a management-group-scoped definition ID', RoleDefinition.fromResourceId('/providers/Microsoft.Management/managementGroups/mg-platform/providers/Microsoft.Authorization/roleDefinitions/8E3AF657-A8FF-443C-A75C-2FE8C4BCB635'), 'Owner'],
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
    'Invalid roleAssignments[0].role.resourceId: "Reader" is not a role definition resource ID. Fix: give "/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>", the same at another scope (a resource group, a management group) or without a scope.',
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

describe('roles that can switch off the server\'s log export are privileged', () => {
  test.each([
    ['Monitoring Contributor by name', RoleDefinition.builtIn('Monitoring Contributor'), 'Monitoring Contributor'],
    ['Log Analytics Contributor by name, in any case', RoleDefinition.builtIn('log analytics contributor'), 'Log Analytics Contributor'],
    ['Monitoring Contributor by definition ID', RoleDefinition.fromResourceId('/providers/Microsoft.Authorization/roleDefinitions/749f88d5-cbae-40b8-bcfc-e573ddc772fa'), 'Monitoring Contributor'],
    ['Log Analytics Contributor by definition ID', RoleDefinition.fromResourceId('/providers/Microsoft.Authorization/roleDefinitions/92aaf0da-9dab-42b6-94a3-d43ce8d16293'), 'Log Analytics Contributor'],
  ])('%s without a justification is refused', (_, role, name) => {
    expect(() => new SecureFlexibleServer(newStack(), 'Postgres', minimalProps({ roleAssignments: [{ ...reader, role }] }))).toThrow(
      `Invalid roleAssignments[0].justification: (not set) is required to grant ${name}, which can switch off the server's log export (Microsoft.Insights/diagnosticSettings/*). Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".`,
    );
  });

  test('with a justification it warns, saying why it is privileged', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ roleAssignments: [{ ...reader, role: RoleDefinition.builtIn('Monitoring Contributor'), justification: REASON }] }));
    expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:PrivilegedRoleAssignment] roleAssignments[0] grants Monitoring Contributor on the server to ServicePrincipal ${MONITORING_APP}, which can switch off the server's log export (Microsoft.Insights/diagnosticSettings/*). Justification: "${REASON}".`);
  });
});

test('a custom role given by ID warns: the library cannot see its actions', () => {
  const stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ roleAssignments: [{ ...reader, role: RoleDefinition.fromResourceId(CUSTOM_ROLE) }] }));
  expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:CustomRoleAssignment] roleAssignments[0] grants the role ${CUSTOM_ROLE} by its definition ID: the library cannot see its actions; make sure it cannot change or delete the server, grant access to it or switch off its log export.`);
});

test('a role given by a name the library does not know as built-in warns: it may be a custom role', () => {
  const stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ roleAssignments: [{ ...reader, role: RoleDefinition.builtIn('Orders DB Break Glass (custom)') }] }));
  expect(warningsOf(stack)).toContain('[cdktf-azure-postgres:CustomRoleAssignment] roleAssignments[0] grants the role "Orders DB Break Glass (custom)", which is no built-in role the library knows (azurerm resolves custom role names too): the library cannot see its actions; make sure it cannot change or delete the server, grant access to it or switch off its log export.');
});

test.each([
  ['PostgreSQL Flexible Server Long Term Retention Backup Role', 'can export full backups of the server\'s data (long term retention backups)'],
  ['Resource Policy Contributor', 'can assign or exempt Azure Policy on the server (Microsoft.Authorization/policyAssignments/*, policyExemptions/*)'],
])('%s without a justification is refused', (name, can) => {
  expect(() => new SecureFlexibleServer(newStack(), 'Postgres', minimalProps({ roleAssignments: [{ ...reader, role: RoleDefinition.builtIn(name) }] }))).toThrow(
    `Invalid roleAssignments[0].justification: (not set) is required to grant ${name}, which ${can}. Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".`,
  );
});

describe.each(LIFTING_ROLES)('%s is privileged', (name, guid, can) => {
  test.each([
    ['by name, in any case', RoleDefinition.builtIn(name.toUpperCase())],
    ['by definition ID', RoleDefinition.fromResourceId(`/providers/Microsoft.Authorization/roleDefinitions/${guid}`)],
  ])('%s: refused without a justification', (_, role) => {
    expect(() => new SecureFlexibleServer(newStack(), 'Postgres', minimalProps({ roleAssignments: [{ ...reader, role }] }))).toThrow(
      `Invalid roleAssignments[0].justification: (not set) is required to grant ${name}, which ${can}. Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".`,
    );
  });

  test('with a justification it warns, saying why it is privileged', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ roleAssignments: [{ ...reader, role: RoleDefinition.builtIn(name), justification: REASON }] }));
    expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:PrivilegedRoleAssignment] roleAssignments[0] grants ${name} on the server to ServicePrincipal ${MONITORING_APP}, which ${can}. Justification: "${REASON}".`);
  });
});

test('Reader, Monitoring Reader and Log Analytics Reader given by name print no warning', () => {
  const stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ roleAssignments: ['Reader', 'monitoring reader', 'Log Analytics Reader'].map((name) => ({ ...reader, role: RoleDefinition.builtIn(name) })) }));
  expect(warningsOf(stack).filter((w) => w.includes('RoleAssignment'))).toEqual([]);
});

test('Reader and Monitoring Reader given by definition ID print no warning', () => {
  const stack = newStack();
  const byId = (guid: string) => RoleDefinition.fromResourceId(`/providers/Microsoft.Authorization/roleDefinitions/${guid}`);
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ roleAssignments: [{ ...reader, role: byId('acdd72a7-3385-48ef-bd42-f606fba81ae7') }, { ...reader, role: byId('43d0d8ad-25c7-4714-9337-8ba259a9fe05') }] }));
  expect(warningsOf(stack).filter((w) => w.includes('RoleAssignment'))).toEqual([]);
});

describe('props are read once: getters that change between reads cannot slip a role past validation (adversary F10)', () => {
  const OWNER_PRINCIPAL = '99999999-9999-9999-9999-999999999999';
  const rolesOf = (stack: ReturnType<typeof newStack>) => Object.values(JSON.parse(Testing.synth(stack)).resource[ROLE] ?? {}).map((a: any) => a.role_definition_name);

  test('an assignment whose role getter answers Reader twice, then Owner, is built with the role it was validated with', () => {
    let reads = 0;
    const assignment = { principalId: OWNER_PRINCIPAL, principalType: EntraPrincipalType.USER } as any;
    Object.defineProperty(assignment, 'role', { enumerable: true, get: () => (reads++ < 2 ? RoleDefinition.READER : RoleDefinition.builtIn('Owner')) });
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ roleAssignments: [assignment] }));
    expect(rolesOf(stack)).toEqual(['Reader']);
    expect(reads).toBe(1);
  });

  test('an assignment whose role getter answers Owner first is refused without a justification, whatever it answers later', () => {
    let reads = 0;
    const assignment = { principalId: OWNER_PRINCIPAL, principalType: EntraPrincipalType.USER } as any;
    Object.defineProperty(assignment, 'role', { enumerable: true, get: () => (reads++ < 1 ? RoleDefinition.builtIn('Owner') : RoleDefinition.READER) });
    expect(() => new SecureFlexibleServer(newStack(), 'Postgres', minimalProps({ roleAssignments: [assignment] }))).toThrow('Invalid roleAssignments[0].justification: (not set) is required to grant Owner');
  });

  test('a RoleDefinition made with Object.create whose name getter changes is read once', () => {
    let reads = 0;
    const role = Object.create(RoleDefinition.prototype);
    Object.defineProperty(role, 'name', { enumerable: true, get: () => (reads++ === 0 ? 'Reader' : 'Owner') });
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ roleAssignments: [{ role, principalId: OWNER_PRINCIPAL, principalType: EntraPrincipalType.USER }] }));
    expect(rolesOf(stack)).toEqual(['Reader']);
    expect(reads).toBe(1);
  });

  test('a RoleDefinition whose name is a hidden (non-enumerable) getter is refused: it has no name', () => {
    const role = Object.create(RoleDefinition.prototype);
    Object.defineProperty(role, 'name', { enumerable: false, get: () => 'Owner' });
    expect(() => new SecureFlexibleServer(newStack(), 'Postgres', minimalProps({ roleAssignments: [{ role, principalId: OWNER_PRINCIPAL, principalType: EntraPrincipalType.USER }] }))).toThrow(
      'Invalid roleAssignments[0].role.name: (not set) is required. Fix: give the built-in role\'s name, e.g. "Monitoring Reader".',
    );
  });

  test('an object that only inherits from RoleDefinition (a getter on a prototype between) is refused', () => {
    const between = Object.create(RoleDefinition.prototype, { name: { get: () => 'Owner' } });
    const role = Object.create(between);
    expect(() => new SecureFlexibleServer(newStack(), 'Postgres', minimalProps({ roleAssignments: [{ role, principalId: OWNER_PRINCIPAL, principalType: EntraPrincipalType.USER }] }))).toThrow(
      /^Invalid roleAssignments\[0\]\.role: .* is not a RoleDefinition\. Fix: use a RoleDefinition constant, RoleDefinition\.builtIn\(name\) or RoleDefinition\.fromResourceId\(id\)\.$/,
    );
  });
});

// A20a-6: the construct's own roleAssignments of a custom role the stack defines are judged by the role's permissions at synth
// (PG-IAM-2), as the same grant beside the construct is; the item's justification is the suppression of exactly that role.
describe('roleAssignments of a custom role the stack defines (A20a-6)', () => {
  const GUID = 'aaaaaaaa-1111-2222-3333-444444444444';
  const DEFINITION = `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${GUID}`;
  type Writer = (stack: TerraformStack, actions: unknown) => void;
  const azurerm: Writer = (stack, actions) => new AzurermRoleDefinition(stack, 'ops', { name: 'pg-ops', scope: SUBSCRIPTION, roleDefinitionId: GUID, permissions: [{ actions: actions as string[] }], assignableScopes: [SUBSCRIPTION] });
  const azapi: Writer = (stack, actions) => {
    const block = new TerraformResource(stack, 'ops', { terraformResourceType: 'azapi_resource' });
    block.addOverride('type', 'Microsoft.Authorization/roleDefinitions@2022-04-01');
    block.addOverride('name', GUID);
    block.addOverride('parent_id', SUBSCRIPTION);
    block.addOverride('body', { properties: { roleName: 'pg-ops', permissions: [{ actions }], assignableScopes: [SUBSCRIPTION] } });
  };
  const roles: readonly [string, RoleDefinition][] = [['by its definition ID', RoleDefinition.fromResourceId(DEFINITION)], ['by its name', RoleDefinition.builtIn('pg-ops')]];
  const cases = [['azurerm_role_definition', azurerm], ['azapi roleDefinitions', azapi]] as const;
  function errors(writer: Writer, actions: unknown, role: RoleDefinition, justification?: string): string[] {
    const stack = providerStack();
    writer(stack, actions);
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ roleAssignments: [{ ...reader, role, ...(justification === undefined ? {} : { justification }) }] }));
    return synthErrors(stack);
  }
  const PRIVILEGED = [['*'], ['Microsoft.DBforPostgreSQL/*'], ['Microsoft.Authorization/roleAssignments/write'], ['Microsoft.Insights/diagnosticSettings/delete']];
  test.each(cases.flatMap(([writer, write]) => roles.flatMap(([by, role]) => PRIVILEGED.map((actions) => [`${writer}, ${by}, actions ${actions.join(',')}`, write, role, actions] as const))))(
    '%s: fails PG-IAM-2 without a justification, passes with one', (_name, write, role, actions) => {
      expect(errors(write, actions, role).join('\n')).toMatch(/PG-IAM-2.*RoleAssignment0.*with no justification/);
      expect(errors(write, actions, role, REASON)).toEqual([]);
    });
  test.each(cases)('%s: a reading custom role passes without a justification', (_name, write) => {
    for (const [, role] of roles) expect(errors(write, ['*/read'], role)).toEqual([]);
  });
  test('a custom role whose actions are known only at apply time fails closed; its justification covers it', () => {
    const actions = (stack: TerraformStack) => new TerraformVariable(stack, 'actions', { type: 'list(string)' }).listValue;
    const later: Writer = (stack) => azurerm(stack, actions(stack));
    expect(errors(later, undefined, roles[0][1]).join('\n')).toMatch(/PG-IAM-2.*RoleAssignment0.*known only at apply time/);
    expect(errors(later, undefined, roles[0][1], REASON)).toEqual([]);
  });
  test('the justification of one role covers no other: an override to another privileged custom role fails', () => {
    const stack = providerStack();
    azurerm(stack, ['*']);
    const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ roleAssignments: [{ ...reader, role: RoleDefinition.builtIn('some-reader-role'), justification: REASON }] }));
    (server.node.findChild('RoleAssignment0') as TerraformResource).addOverride('role_definition_name', 'pg-ops');
    expect(synthErrors(stack).join('\n')).toMatch(/PG-IAM-2.*RoleAssignment0.*pg-ops/);
  });
});
