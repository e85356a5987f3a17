import { rule } from '../../lib/checks/rules/PG-IAM-2';
import { Verdict } from '../../lib/checks/rule';
import { EFFECT_OPERATIONS, INERT_ACTIONS, mayMatch } from '../../lib/private/role-actions';
import { CONSTRUCT, madeAt, PASSWORD_VAULT, roleGrantStack, verdictsBeside } from './beside-fixtures';
import { Resources } from './rule-harness';

// A custom role the stack defines is judged by its permissions, whichever way a grant names it (fifteenth review, A15a-3).
const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000000';
const PRINCIPAL = '99999999-9999-9999-9999-999999999999';
const GUID = '12345678-1234-1234-1234-123456789012';


type Permissions = { actions?: unknown; not_actions?: unknown; data_actions?: unknown; not_data_actions?: unknown };
const definition = (permissions: Permissions | string, name: unknown = 'db-operator'): Resources => ({
  azurerm_role_definition: { op: { name, scope: SUBSCRIPTION, role_definition_id: GUID, permissions: typeof permissions === 'string' ? permissions : [permissions] } },
});
const assignment = (scope: string, role: { [key: string]: unknown } = { role_definition_name: 'db-operator' }): Resources => ({
  azurerm_role_assignment: { grant: { scope, principal_id: PRINCIPAL, ...role } },
});
const judged = (resources: Resources): readonly Verdict[] => verdictsBeside(rule, roleGrantStack(resources), [CONSTRUCT]);
const statusOf = (verdicts: readonly Verdict[], address = 'azurerm_role_assignment.grant') => verdicts.find((verdict) => 'address' in verdict && verdict.address === address)?.status ?? 'pass';

/** Where each effect is judged: the server, the construct's NSG, the vault of the vaulted password. */
const SCOPE_OF = { server: '${azurerm_postgresql_flexible_server.db.id}', network: '${azurerm_network_security_group.db.id}', secrets: PASSWORD_VAULT } as const;

describe('every operation of the effect table, granted by a custom role of the stack, fails where its effect is judged', () => {
  const rows = EFFECT_OPERATIONS.flatMap((row) => row.effects.filter((effect): effect is keyof typeof SCOPE_OF => effect in SCOPE_OF).slice(0, 1).map((effect) => [row.operation, effect, row.data === true] as const));
  test.each(rows)('%s (on %s)', (operation, effect, data) => {
    const permissions = data ? { data_actions: [operation] } : { actions: [operation] };
    expect(statusOf(judged({ ...definition(permissions), ...assignment(SCOPE_OF[effect]) }))).toBe('fail');
    // A not-action that covers it takes it away.
    const denied = data ? { data_actions: [operation], not_data_actions: [operation.replace(/\/[^/]*$/, '/*')] } : { actions: [operation], not_actions: [operation.replace(/\/[^/]*$/, '/*')] };
    expect(statusOf(judged({ ...definition(denied), ...assignment(SCOPE_OF[effect]) }))).not.toBe('fail');
  });

  test('the A15a-3 role (actions ["*"]) by its name, its definition ID by reference and by literal GUID, on the server, its group, the NSG and the vault', () => {
    const star = definition({ actions: ['*'], data_actions: ['*'] });
    for (const scope of [...Object.values(SCOPE_OF), `${SUBSCRIPTION}/resourceGroups/rg-orders`]) {
      for (const role of [{ role_definition_name: 'DB-Operator ' }, { role_definition_id: '${azurerm_role_definition.op.role_definition_resource_id}' }, { role_definition_id: `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${GUID}` }]) {
        expect([scope, role, statusOf(judged({ ...star, ...assignment(scope, role) }))]).toEqual([scope, role, 'fail']);
      }
    }
    expect(judged({ ...star, ...assignment(SCOPE_OF.server) })).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/grants db-operator on the server, which can change or delete the server or grant access to it \(its action "\*"\)/) }));
  });

  // Seventeenth review, A17a-1: the custom role's definition ID is read by the one parser of definition IDs, at any scope.
  test('the A15a-3 role by its definition ID at a resource group, a management group, in upper case with a final slash, or its bare GUID', () => {
    const star = definition({ actions: ['*'] });
    for (const id of [
      `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.Authorization/roleDefinitions/${GUID}`,
      `/providers/Microsoft.Management/managementGroups/mg-platform/providers/Microsoft.Authorization/roleDefinitions/${GUID}`,
      ` /PROVIDERS/MICROSOFT.AUTHORIZATION/ROLEDEFINITIONS/${GUID.toUpperCase()}/ `,
      GUID,
    ]) {
      expect([id, statusOf(judged({ ...star, ...assignment(SCOPE_OF.server, { role_definition_id: id }) }))]).toEqual([id, 'fail']);
    }
    // Another role's GUID that merely ends like the custom role's is not it.
    expect(judged({ ...star, ...assignment(SCOPE_OF.server, { role_definition_id: `/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-0000-0000-${GUID.slice(-12)}` }) })).toEqual([{ status: 'pass' }]);
  });

  test('an azapi roleDefinitions of the stack, by its roleName', () => {
    const azapi: Resources = { azapi_resource: { op: { type: 'Microsoft.Authorization/roleDefinitions@2022-04-01', name: GUID, parent_id: SUBSCRIPTION, body: { properties: { roleName: 'db-operator', permissions: [{ actions: ['Microsoft.DBforPostgreSQL/*'] }] } } } } };
    expect(statusOf(judged({ ...azapi, ...assignment(SCOPE_OF.server) }))).toBe('fail');
  });
});

describe('what a custom role of the stack cannot do passes; what cannot be read fails closed', () => {
  test('a role that only reads, or only joins subnets, passes on the server and the NSG', () => {
    for (const actions of [['*/read'], ['Microsoft.DBforPostgreSQL/*/read', 'Microsoft.Insights/metrics/read'], ['Microsoft.Network/virtualNetworks/subnets/join/action']]) {
      expect([actions, statusOf(judged({ ...definition({ actions }), ...assignment(SCOPE_OF.server) }))]).toEqual([actions, 'pass']);
      expect([actions, statusOf(judged({ ...definition({ actions }), ...assignment(SCOPE_OF.network) }))]).toEqual([actions, 'pass']);
    }
  });

  test('an action of a judged namespace that is neither a read, an operation of the table nor inert fails (it may be any)', () => {
    const verdicts = judged({ ...definition({ actions: ['Microsoft.DBforPostgreSQL/flexibleServers/newThing/action'] }), ...assignment(SCOPE_OF.server) });
    expect(verdicts).toContainEqual(expect.objectContaining({ status: 'fail', message: expect.stringMatching(/is one the checks do not know/) }));
  });

  test('permissions known only at apply time (an action list, the block, an azapi body) fail closed', () => {
    expect(statusOf(judged({ ...definition({ actions: '${var.actions}' }), ...assignment(SCOPE_OF.server) }))).toBe('unknown');
    expect(statusOf(judged({ ...definition('${var.permissions}'), ...assignment(SCOPE_OF.server) }))).toBe('unknown');
    const azapi: Resources = { azapi_resource: { op: { type: 'Microsoft.Authorization/roleDefinitions@2022-04-01', name: GUID, parent_id: SUBSCRIPTION, body: '${var.body}' } } };
    expect(statusOf(judged({ ...azapi, ...assignment(SCOPE_OF.server, { role_definition_id: '${azapi_resource.op.id}' }) }))).toBe('unknown');
  });

  test('a permissions block known only at apply time beside a readable one (azurerm, azapi) fails closed', () => {
    const azurerm: Resources = { azurerm_role_definition: { op: { name: 'db-operator', scope: SUBSCRIPTION, role_definition_id: GUID, permissions: [{ actions: ['*/read'] }, '${var.more}'] } } };
    expect(statusOf(judged({ ...azurerm, ...assignment(SCOPE_OF.server) }))).toBe('unknown');
    const azapi: Resources = { azapi_resource: { op: { type: 'Microsoft.Authorization/roleDefinitions@2022-04-01', name: GUID, parent_id: SUBSCRIPTION, body: { properties: { roleName: 'db-operator', permissions: [{ actions: ['*/read'] }, '${var.more}'] } } } } };
    expect(statusOf(judged({ ...azapi, ...assignment(SCOPE_OF.server) }))).toBe('unknown');
  });

  test('a literal name no built-in role bears may be a custom role of the stack whose name is known only at apply time', () => {
    expect(statusOf(judged({ ...definition({ actions: ['*'] }, '${var.role_name}'), ...assignment(SCOPE_OF.server) }))).toBe('fail');
    // A built-in role the library knows is that role.
    expect(statusOf(judged({ ...definition({ actions: ['*'] }, '${var.role_name}'), ...assignment(SCOPE_OF.server, { role_definition_name: 'Reader' }) }))).toBe('pass');
  });

  test('the construct\'s own roleAssignments are judged by the custom role\'s permissions too, named as the item wrote them (A20a-6)', () => {
    const own = (role: { [key: string]: unknown }): Resources => ({ azurerm_role_assignment: { grant: { ...madeAt(`${CONSTRUCT}/RoleAssignment0`), scope: SCOPE_OF.server, principal_id: PRINCIPAL, ...role } } });
    const byId = `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${GUID}`;
    const failed = (resources: Resources) => judged(resources).filter((verdict) => verdict.status === 'fail').map((verdict) => ('subject' in verdict ? verdict.subject : undefined));
    expect(failed({ ...definition({ actions: ['*'] }), ...own({ role_definition_name: 'db-operator' }) })).toEqual(['role "db-operator"']);
    // The subject is the ID the item wrote: the construct binds its justification to it, not knowing the role's name.
    expect(failed({ ...definition({ actions: ['*'] }), ...own({ role_definition_id: byId }) })).toEqual([`role ${JSON.stringify(byId)}`]);
    expect(failed({ ...definition({ actions: ['*/read'] }), ...own({ role_definition_id: byId }) })).toEqual([]);
  });

  test('a definition ID written in the form custom roles travel in is read as one known only at apply time (no crash, no forged effects)', () => {
    for (const written of ['custom-role:{}', 'custom-role:{not json', ' custom-role:{"server":1}']) {
      expect([written, statusOf(judged(assignment(SCOPE_OF.server, { role_definition_id: written })))]).toEqual([written, 'unknown']);
    }
  });

  test('every inert action is inert: no operation of the table is one', () => {
    expect(INERT_ACTIONS.filter((inert) => EFFECT_OPERATIONS.some((row) => mayMatch(inert.action, row.operation)))).toEqual([]);
  });
});

describe('mayMatch: two action patterns that may name one operation', () => {
  test.each([
    ['*', 'Microsoft.Network/networkSecurityGroups/write', true],
    ['microsoft.network/*', 'Microsoft.Network/networkSecurityGroups/write', true],
    ['Microsoft.*/write', 'Microsoft.Network/networkSecurityGroups/write', true],
    ['Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action', 'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action', true],
    ['*/read', 'Microsoft.Network/networkSecurityGroups/write', false],
    ['Microsoft.Network/networkSecurityGroups/read', 'Microsoft.Network/networkSecurityGroups/write', false],
    ['Microsoft.KeyVault/*', 'Microsoft.Network/*', false],
  ])('%s and %s: %s', (left, right, expected) => {
    expect(mayMatch(left, right)).toBe(expected);
  });
});
