import { spelledBlockId, SPELLED_TYPES } from '../../lib/checks/block-ids';
import { Unknown } from '../../lib/checks/hcl-expression';
import { rule } from '../../lib/checks/rules/PG-CFG-8';
import { ResourceView } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt, verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// The ID of a block spelled from its literal names (block-ids.ts): a writer naming an object of the perimeter by its
// literal ID names it as a reference to its block does (sixteenth run, A16a-8).

const view = (type: string, config: { [key: string]: unknown }): ResourceView => ({ type, address: `${type}.x`, config } as unknown as ResourceView);

describe('every type of the table', () => {
  test.each(SPELLED_TYPES)('%s: its names spell its ID in the provider path of its type; a name known only at apply time spells none', (type) => {
    const id = spelledBlockId(view(type, { name: 'Obj', resource_group_name: 'RG-A', virtual_network_name: 'vnet-a' }), undefined);
    expect(id).toMatch(/^\/subscriptions\/\?\/resourceGroups\/rg-a\/providers\/Microsoft\.[A-Za-z]+\/[A-Za-z]+\/(vnet-a\/subnets\/)?obj$/);
    expect(spelledBlockId(view(type, { name: new Unknown('var.n', ['var.n']), resource_group_name: 'rg-a', virtual_network_name: 'vnet-a' }), undefined)).toBeUndefined();
    expect(spelledBlockId(view(type, { name: 'obj', resource_group_name: new Unknown('var.g', ['var.g']), virtual_network_name: 'vnet-a' }), undefined)).toBeUndefined();
  });

  test('a resource group is spelled from its name, a subscription and a management group as scopes; a type the table does not spell has none', () => {
    expect(spelledBlockId(view('azurerm_resource_group', { name: 'rg-a' }), undefined)).toBe('/subscriptions/?/resourceGroups/rg-a');
    expect(spelledBlockId(view('azurerm_subscription', {}), undefined)).toBe('/subscriptions/?');
    expect(spelledBlockId(view('azurerm_subscription', { subscription_id: 'ABC' }), undefined)).toBe('/subscriptions/abc');
    expect(spelledBlockId(view('azurerm_management_group', { name: 'mg' }), undefined)).toBe('/providers/Microsoft.Management/managementGroups/mg');
    expect(spelledBlockId(view('azurerm_linux_web_app', { name: 'wa', resource_group_name: 'rg-a' }), undefined)).toBeUndefined();
  });

  test('a name read from another block of the stack is its literal', () => {
    const group = view('azurerm_resource_group', { name: 'rg-b' });
    const resources = new Map([['azurerm_resource_group.x', group]]);
    expect(spelledBlockId(view('azurerm_user_assigned_identity', { name: 'id', resource_group_name: new Unknown('azurerm_resource_group.x.name', ['azurerm_resource_group.x.name']) }), resources))
      .toBe('/subscriptions/?/resourceGroups/rg-b/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id');
  });
});

describe('PG-CFG-8: the administrator identity of the stack attached to a workload (A16a-8)', () => {
  const IDENTITY = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-dbadmin';
  const stack = (identityIds: unknown[]): Resources => ({
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders' }), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_user_assigned_identity: { uai: { name: 'id-dbadmin', resource_group_name: 'rg-orders', location: 'westeurope' } },
    azurerm_postgresql_flexible_server_active_directory_administrator: { own: { ...madeAt(`${CONSTRUCT}/EntraAdministrator0`), server_name: `\${${FLEXIBLE}.db.name}`, resource_group_name: 'rg-orders', tenant_id: 't', object_id: '${azurerm_user_assigned_identity.uai.principal_id}', principal_name: 'id-dbadmin', principal_type: 'ServicePrincipal' } },
    azurerm_linux_web_app: { wa: { name: 'wa', resource_group_name: 'rg-apps', location: 'westeurope', service_plan_id: '/x', site_config: [{}], identity: [{ type: 'UserAssigned', identity_ids: identityIds }] } },
  });
  const failed = (resources: Resources) => verdictsBeside(rule, resources, [CONSTRUCT]).filter((verdict) => verdict.status === 'fail').map((verdict) => ('address' in verdict ? verdict.address : undefined));

  test('by its literal ID, in any case, as by reference', () => {
    expect(failed(stack([IDENTITY]))).toEqual(['azurerm_linux_web_app.wa']);
    expect(failed(stack([IDENTITY.toUpperCase()]))).toEqual(['azurerm_linux_web_app.wa']);
    expect(failed(stack(['${azurerm_user_assigned_identity.uai.id}']))).toEqual(['azurerm_linux_web_app.wa']);
  });

  test('another identity passes', () => {
    expect(failed(stack([IDENTITY.replace('id-dbadmin', 'id-app')]))).toEqual([]);
  });
});
