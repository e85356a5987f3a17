// Two helpers of the access rules on the stack model directly: which role-assignment scopes
// contain a server (containing-scopes.ts), and what a stack writes into the groups of its Entra
// administrators (administrator-groups.ts).
import { groupAdditions } from '../../../../lib/checks/administrator-groups';
import { containingScope } from '../../../../lib/checks/containing-scopes';
import { Unknown } from '../../../../lib/checks/hcl-expression';
import { StackFacts } from '../../../../lib/checks/rule';
import { buildStackModel, ServerView } from '../../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../../rule-harness';

const SUB = '/subscriptions/0000';
const plain = (reference: string) => new Unknown(reference, [reference]);

function modelOf(resources: Resources): { server: ServerView; stack: StackFacts } {
  const model = buildStackModel({ resource: resources });
  return { server: model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!, stack: { postgresqlProviders: new Map(), resources: model.resources } };
}
const inGroup = (group: unknown, extra: Resources = {}) => modelOf({ [FLEXIBLE]: { db: compliantFlexibleServer({ resource_group_name: group }) }, ...extra });

describe('containingScope', () => {
  test('reads scopes written with spaces around them, and a server\'s group written so', () => {
    const { server, stack } = inGroup(' RG-Orders ');
    expect(containingScope(server, ` ${SUB}/resourceGroups/rg-orders `, stack)).toBe(`its resource group "${SUB}/resourceGroups/rg-orders"`);
    expect(containingScope(server, ` ${SUB} `, stack)).toBe(`the subscription "${SUB}"`);
  });

  test('reads a scope as azurerm reads an ID: without its leading "/", with a final dot on the group\'s name (A14b-7, A14a-4)', () => {
    const { server, stack } = inGroup('rg-orders');
    expect(containingScope(server, `${SUB.slice(1)}/resourceGroups/RG-Orders/`, stack)).toBe(`its resource group "${SUB.slice(1)}/resourceGroups/RG-Orders/"`);
    expect(containingScope(server, `${SUB}/resourceGroups/rg-orders.`, stack)).toBe(`its resource group "${SUB}/resourceGroups/rg-orders."`);
    expect(containingScope(server, SUB.slice(1), stack)).toBe(`the subscription "${SUB.slice(1)}"`);
    expect(containingScope(inGroup('rg-orders.').server, `${SUB}/resourceGroups/rg-orders`, stack)).toBe(`its resource group "${SUB}/resourceGroups/rg-orders"`);
  });

  test('a scope below a resource group, another group, or a value that is no text does not contain the server', () => {
    const { server, stack } = inGroup('rg-orders');
    expect(containingScope(server, `${SUB}/resourceGroups/rg-orders/providers/Microsoft.KeyVault/vaults/kv`, stack)).toBeUndefined();
    expect(containingScope(server, `${SUB}/resourceGroups/rg-other`, stack)).toBeUndefined();
    expect(containingScope(server, 42, stack)).toBeUndefined();
  });

  test('a server whose group is a variable, or a resource group the stack does not hold, has no group to match', () => {
    for (const { server, stack } of [inGroup('${var.rg}'), inGroup('${azurerm_resource_group.gone.name}')]) {
      expect(containingScope(server, `${SUB}/resourceGroups/rg-orders`, stack)).toBeUndefined();
    }
  });

  test('reads the server\'s group through the resource group resource it names, its name trimmed', () => {
    const group = { azurerm_resource_group: { rg: { name: ' RG-Orders ', location: 'westeurope' } } };
    const model = inGroup('${azurerm_resource_group.rg.name}', group);
    // The model reads a plain reference to the group's literal name as that name (A14b-1, literal-names.ts) ...
    expect(model.server.config.resource_group_name).toBe(' RG-Orders ');
    expect(containingScope(model.server, `${SUB}/resourceGroups/rg-orders`, undefined)).toBe(`its resource group "${SUB}/resourceGroups/rg-orders"`);
    // ... and containingScope follows one it did not read (here, the view as written) through the stack's resources.
    const { stack } = model;
    const server = { ...model.server, config: { ...model.server.config, resource_group_name: plain('azurerm_resource_group.rg.name') } } as ServerView;
    expect(containingScope(server, `${SUB}/resourceGroups/rg-orders`, stack)).toBe(`its resource group "${SUB}/resourceGroups/rg-orders"`);
    expect(containingScope(server, `${SUB}/resourceGroups/rg-orders`, undefined)).toBeUndefined();
    expect(containingScope(server, `${SUB}/resourceGroups/rg-orders`, { postgresqlProviders: new Map() })).toBeUndefined();
  });

  test('only the name of a resource group resource is its name', () => {
    const { server, stack } = inGroup('${azurerm_resource_group.rg.name_prefix}', { azurerm_resource_group: { rg: { name: 'rg-orders', location: 'westeurope' } } });
    expect(containingScope(server, `${SUB}/resourceGroups/rg-orders`, stack)).toBeUndefined();
  });

  test('a reference to a resource group matches the server\'s group by the name the stack gives it', () => {
    const groups = { azurerm_resource_group: { rg: { name: ' RG-Orders', location: 'westeurope' }, other: { name: 'rg-other', location: 'westeurope' } } };
    const { server, stack } = inGroup('rg-orders', groups);
    expect(containingScope(server, plain('azurerm_resource_group.rg.id'), stack)).toBe('its resource group azurerm_resource_group.rg.id');
    expect(containingScope(server, plain('azurerm_resource_group.other.id'), stack)).toBeUndefined();
    expect(containingScope(server, plain('azurerm_resource_group.gone.id'), stack)).toBeUndefined();
    expect(containingScope(server, plain('azurerm_resource_group.rg.id'), undefined)).toBeUndefined();
    expect(containingScope(server, plain('azurerm_resource_group.rg.id'), { postgresqlProviders: new Map() })).toBeUndefined();
    expect(containingScope(inGroup('${var.rg}', groups).server, plain('azurerm_resource_group.rg.id'), stack)).toBeUndefined();
  });
});

describe('groupAdditions', () => {
  const ADMIN = 'azurerm_postgresql_flexible_server_active_directory_administrator';
  const admin = (objectId: string, principalType?: string) => ({ server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg', tenant_id: 't', object_id: objectId, principal_name: 'grp-dba', principal_type: principalType });
  function additions(administrator: object, extra: Resources): string[] {
    const { stack } = modelOf({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [ADMIN]: { dba: administrator as never }, ...extra });
    return groupAdditions([stack.resources!.get(`${ADMIN}.dba`)!], stack).map((a) => `${a.resource.address} ${a.action} ${a.administrator.address}${a.laterPointer === undefined ? '' : ` (later: ${a.laterPointer})`}`);
  }

  test('matches a literal group ID in any case and around spaces', () => {
    const member = { azuread_group_member: { m: { group_object_id: ' AAAA-1111 ', member_object_id: 'bbbb' } } };
    expect(additions(admin('aaaa-1111 ', 'Group'), member)).toEqual([`azuread_group_member.m adds the member "bbbb" to ${ADMIN}.dba`]);
  });

  test('a literal ID and an expression do not name the same group, but the expression, known only at apply time, may be it (A14a-8)', () => {
    expect(additions(admin('aaaa', 'Group'), { azuread_group_member: { m: { group_object_id: '${var.group}', member_object_id: 'bbbb' } } })).toEqual([
      `azuread_group_member.m adds the member "bbbb" to ${ADMIN}.dba (later: group_object_id "\${var.group}")`,
    ]);
  });

  test('an administrator of no stated type may be a group; one stated " group " is, one stated User is not', () => {
    const member = { azuread_group_member: { m: { group_object_id: 'aaaa', member_object_id: 'bbbb' } } };
    expect(additions(admin('aaaa'), member)).toHaveLength(1);
    expect(additions(admin('aaaa', ' group '), member)).toHaveLength(1);
    expect(additions(admin('aaaa', 'User'), member)).toEqual([]);
  });

  test('an expression that reads the group among other values names it, for members and inline lists, in address order', () => {
    const resources = {
      azuread_group: { admins: { display_name: 'grp-dba', security_enabled: true, owners: ['${var.owner}'], members: [] } },
      azuread_group_member: { z: { group_object_id: '${coalesce(var.group, azuread_group.admins.object_id)}', member_object_id: 'bbbb' } },
    };
    expect(additions(admin('${coalesce(var.admin, azuread_group.admins.object_id)}', 'Group'), resources)).toEqual([
      `azuread_group.admins lists the owners of ${ADMIN}.dba`,
      `azuread_group_member.z adds the member "bbbb" to ${ADMIN}.dba`,
    ]);
  });
});
