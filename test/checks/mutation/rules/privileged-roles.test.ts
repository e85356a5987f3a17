// Every built-in role PG-IAM-2 and the roleAssignments prop know, by name and by definition ID:
// each entry of the tables in privileged-roles.ts decides a verdict, so each is pinned here.
import { isKnownBuiltInRole, privilegedRole, READ_ONLY_ROLES, roleDefinitionGuid, ROLES_BY_EFFECT, roleWithEffect } from '../../../../lib/private/privileged-roles';
import { RoleEffect } from '../../../../lib/private/role-actions';
import { rule } from '../../../../lib/checks/rules/PG-IAM-2';
import { verdictsBeside } from '../../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from '../../rule-harness';

const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000000';
const CHANGES = 'can change or delete the server or grant access to it';
const LOGS = 'can switch off the server\'s log export (Microsoft.Insights/diagnosticSettings/*)';

/** Each privileged role: its name, its definition GUID, what the warning says it can do. */
const PRIVILEGED: readonly [string, string, string][] = [
  ['Owner', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', CHANGES],
  ['Contributor', 'b24988ac-6180-42a0-ab88-20f7382dd24c', CHANGES],
  ['User Access Administrator', '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', CHANGES],
  ['Role Based Access Control Administrator', 'f58310d9-a9f6-439a-9e8d-f62e7b41a168', CHANGES],
  ['Monitoring Contributor', '749f88d5-cbae-40b8-bcfc-e573ddc772fa', LOGS],
  ['Log Analytics Contributor', '92aaf0da-9dab-42b6-94a3-d43ce8d16293', LOGS],
  ['PostgreSQL Flexible Server Long Term Retention Backup Role', 'c088a766-074b-43ba-90d4-1fb21feae531', 'can export full backups of the server\'s data (long term retention backups)'],
  ['Resource Policy Contributor', '36243c78-bf99-498c-9df9-86d9f8d28608', 'can assign or exempt Azure Policy on the server (Microsoft.Authorization/policyAssignments/*, policyExemptions/*)'],
];

const READ_ONLY: readonly [string, string][] = [
  ['Reader', 'acdd72a7-3385-48ef-bd42-f606fba81ae7'],
  ['Monitoring Reader', '43d0d8ad-25c7-4714-9337-8ba259a9fe05'],
  ['Log Analytics Reader', '73c42c96-874c-492b-b04d-ab87d138a893'],
];

function verdictOf(role: { role_definition_name?: string; role_definition_id?: string }) {
  return verdictsBeside(rule, {
    [FLEXIBLE]: { db: compliantFlexibleServer() },
    azurerm_role_assignment: { grant: { principal_id: '99999999-9999-9999-9999-999999999999', scope: `\${${FLEXIBLE}.db.id}`, ...role } },
  });
}

function failure(name: string, can: string) {
  return [{ status: 'fail', message: `azurerm_role_assignment.grant grants ${name} on the server, which ${can}, with no justification.`, address: 'azurerm_role_assignment.grant', subject: `role "${name}"` }];
}

describe.each(PRIVILEGED)('the privileged role %s', (name, guid, can) => {
  test('fails by its name in upper case', () => {
    expect(verdictOf({ role_definition_name: name.toUpperCase() })).toEqual(failure(name, can));
  });

  test('fails by its definition ID, with and without the subscription, its GUID in upper case', () => {
    expect(verdictOf({ role_definition_id: `/providers/Microsoft.Authorization/roleDefinitions/${guid.toUpperCase()}` })).toEqual(failure(name, can));
    expect(verdictOf({ role_definition_id: `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${guid}` })).toEqual(failure(name, can));
  });

  test('is a known built-in role by name and by ID', () => {
    expect(privilegedRole(undefined, `/providers/Microsoft.Authorization/roleDefinitions/${guid}`)).toEqual({ name, id: guid, can });
    expect(isKnownBuiltInRole(name.toLowerCase(), undefined)).toBe(true);
    expect(isKnownBuiltInRole(undefined, `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${guid}`)).toBe(true);
  });
});

describe.each(READ_ONLY)('the read-only role %s', (name, guid) => {
  test('passes by name and by definition ID', () => {
    expect(verdictOf({ role_definition_name: name })).toEqual([{ status: 'pass' }]);
    expect(verdictOf({ role_definition_id: `/providers/Microsoft.Authorization/roleDefinitions/${guid}` })).toEqual([{ status: 'pass' }]);
  });

  test('is a known built-in role by name in any case and by ID, and no privileged one', () => {
    expect(isKnownBuiltInRole(name.toUpperCase(), undefined)).toBe(true);
    expect(isKnownBuiltInRole(undefined, `/providers/Microsoft.Authorization/roleDefinitions/${guid.toUpperCase()}`)).toBe(true);
    expect(privilegedRole(name, `/providers/Microsoft.Authorization/roleDefinitions/${guid}`)).toBeUndefined();
  });
});

test('a custom role, by name or by definition ID, is neither privileged nor known', () => {
  const customId = '/providers/Microsoft.Authorization/roleDefinitions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
  expect(verdictOf({ role_definition_name: 'Orders Operator' })).toEqual([{ status: 'pass' }]);
  expect(isKnownBuiltInRole('Orders Operator', undefined)).toBe(false);
  expect(isKnownBuiltInRole(undefined, customId)).toBe(false);
  expect(isKnownBuiltInRole(undefined, undefined)).toBe(false);
  expect(privilegedRole(undefined, undefined)).toBeUndefined();
});

test('a definition ID is read whole: anchored at both ends, its GUID in lower case', () => {
  const owner = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
  expect(roleDefinitionGuid(`${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${owner.toUpperCase()}`)).toBe(owner);
  expect(roleDefinitionGuid(`/PROVIDERS/microsoft.authorization/ROLEDEFINITIONS/${owner}`)).toBe(owner);
  expect(roleDefinitionGuid(`/providers/Microsoft.Authorization/roleDefinitions/${owner}/x`)).toBeUndefined();
  expect(roleDefinitionGuid(`/subscriptions//providers/Microsoft.Authorization/roleDefinitions/${owner}`)).toBeUndefined();
  expect(roleDefinitionGuid('/providers/MicrosoftXAuthorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635')).toBeUndefined();
  expect(roleDefinitionGuid('/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb63')).toBeUndefined();
  expect(roleDefinitionGuid(undefined)).toBeUndefined();
  expect(isKnownBuiltInRole(undefined, `/providers/Microsoft.Authorization/roleDefinitions/${owner}/x`)).toBe(false);
});

// Seventeenth review, A17a-1: ARM reads a role definition at any scope by its GUID (the last segment), so every scope prefix,
// any case, spaces around it and a final slash name the same built-in role; a bare GUID (Lighthouse writes them so) too.
const ROLE_EFFECTS: readonly RoleEffect[] = ['server', 'network', 'secrets', 'identity', 'logs', 'key'];
const OWNER_GUID = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const ID_FORMS: readonly [string, (guid: string) => string][] = [
  ['a bare GUID', (guid) => guid],
  ['no scope', (guid) => `/providers/Microsoft.Authorization/roleDefinitions/${guid}`],
  ['a subscription', (guid) => `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${guid}`],
  ['a resource group', (guid) => `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.Authorization/roleDefinitions/${guid}`],
  ['a management group', (guid) => `/providers/Microsoft.Management/managementGroups/mg-platform/providers/Microsoft.Authorization/roleDefinitions/${guid}`],
  ['a resource', (guid) => `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg/providers/Microsoft.Authorization/roleDefinitions/${guid}`],
  ['upper case', (guid) => `${SUBSCRIPTION}/RESOURCEGROUPS/RG-ORDERS/PROVIDERS/MICROSOFT.AUTHORIZATION/ROLEDEFINITIONS/${guid.toUpperCase()}`],
  ['spaces and a final slash', (guid) => ` /providers/Microsoft.Management/managementGroups/mg/providers/Microsoft.Authorization/roleDefinitions/${guid}/ `],
];

describe.each(ID_FORMS)('a role definition ID written with %s', (_form, spell) => {
  test.each(ROLE_EFFECTS)('names each built-in role of the %s list', (effect) => {
    for (const role of ROLES_BY_EFFECT[effect]) expect(roleWithEffect(effect, undefined, spell(role.id))).toEqual(role);
  });

  test('names each read-only built-in role: known, and no privileged one', () => {
    for (const role of READ_ONLY_ROLES) {
      expect(isKnownBuiltInRole(undefined, spell(role.id))).toBe(true);
      expect(privilegedRole(undefined, spell(role.id))).toBeUndefined();
    }
  });

  test('Owner on the server fails PG-IAM-2', () => {
    expect(verdictOf({ role_definition_id: spell(OWNER_GUID) })).toEqual(failure('Owner', CHANGES));
  });
});

test('a definition ID is read only when its last segments are roleDefinitions/<GUID> under non-empty scope segments', () => {
  expect(roleDefinitionGuid(`${SUBSCRIPTION}/resourceGroups//providers/Microsoft.Authorization/roleDefinitions/${OWNER_GUID}`)).toBeUndefined();
  expect(roleDefinitionGuid(`subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/${OWNER_GUID}`)).toBeUndefined();
  expect(roleDefinitionGuid(`/providers/Microsoft.Authorization/roleDefinitions/${OWNER_GUID}//`)).toBeUndefined();
  expect(roleDefinitionGuid(`/providers/Microsoft.Authorization/roleAssignments/${OWNER_GUID}`)).toBeUndefined();
  expect(roleDefinitionGuid(`/providers/Microsoft.Authorization/roleDefinitions/${OWNER_GUID}x`)).toBeUndefined();
  expect(roleDefinitionGuid(`x${OWNER_GUID}`)).toBeUndefined();
});
