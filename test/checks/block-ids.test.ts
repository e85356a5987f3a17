import { spelledBlockId, SPELLED_TYPES } from '../../lib/checks/block-ids';
import { Unknown } from '../../lib/checks/hcl-expression';
import { azurermProviders } from '../../lib/checks/provider-facts';
import { Verdict } from '../../lib/checks/rule';
import { rule } from '../../lib/checks/rules/PG-CFG-8';
import { buildStackModel, ResourceView, TerraformBlock } from '../../lib/checks/stack-model';
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
    // The current subscription of a provider that names one is that one (A19b-9); its own subscription_id first.
    const providers = azurermProviders({ provider: { azurerm: [{ features: [{}] }, { alias: 'hub', features: [{}], subscription_id: 'HUB-SUB' }] } });
    expect(spelledBlockId(view('azurerm_subscription', { provider: 'azurerm.hub' }), undefined, providers)).toBe('/subscriptions/hub-sub');
    expect(spelledBlockId(view('azurerm_subscription', { provider: 'azurerm.hub', subscription_id: 'abc' }), undefined, providers)).toBe('/subscriptions/abc');
    expect(spelledBlockId(view('azurerm_subscription', {}), undefined, providers)).toBe('/subscriptions/?');
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

  // A18b-3: the identity block's provider names subscription 0000…: the same names in another literal subscription are another identity.
  test('by its literal ID in another literal subscription it is another identity; in the provider\'s own, or one known only later, it is the identity', () => {
    const judged = (subscription: unknown, ids: unknown[]) => {
      const terraform = { provider: { azurerm: [{ features: [{}], subscription_id: subscription }] }, resource: stack(ids) };
      const model = buildStackModel(terraform);
      const result = rule.evaluate(model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!, { postgresqlProviders: new Map(), resources: model.resources, constructs: [CONSTRUCT], azurermProviders: azurermProviders(terraform) });
      return (Array.isArray(result) ? result : [result as Verdict]).filter((verdict) => verdict.status === 'fail').map((verdict) => ('address' in verdict ? verdict.address : undefined));
    };
    expect(judged('00000000-0000-0000-0000-000000000000', [IDENTITY])).toEqual(['azurerm_linux_web_app.wa']);
    expect(judged('22222222-2222-2222-2222-222222222222', [IDENTITY])).toEqual([]);
    expect(judged('${var.subscription}', [IDENTITY])).toEqual(['azurerm_linux_web_app.wa']);
    expect(judged('22222222-2222-2222-2222-222222222222', ['${azurerm_user_assigned_identity.uai.id}'])).toEqual(['azurerm_linux_web_app.wa']);
  });

  test('another identity passes', () => {
    expect(failed(stack([IDENTITY.replace('id-dbadmin', 'id-app')]))).toEqual([]);
  });
  // Queued after the nineteenth run (A19a-1's left part): the administrator identity recreated by an azapi PUT at its ID (a new principal).
  test('recreated by an azapi_resource at its ID (literal or template parent) it fails; by another name it passes', () => {
    const put = (name: string, parent: string): Resources => ({ ...stack([]), azurerm_linux_web_app: {}, azapi_resource: { dup: { type: 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31', name, parent_id: parent, location: 'westeurope', body: {} } } });
    for (const parent of ['/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders', '/subscriptions/${var.s}/resourceGroups/RG-ORDERS']) {
      expect(failed(put('id-dbadmin', parent))).toEqual(['azapi_resource.dup']);
      expect(failed(put('id-other', parent))).toEqual([]);
    }
  });
});

// A18b-3: the same names in two literal subscriptions are two objects: the ID spells the provider's literal subscription when it names one.
describe('the subscription a block is spelled in', () => {
  const SUB = '22222222-2222-2222-2222-222222222222';
  const providers = new Map<string, TerraformBlock>([['azurerm', { features: [{}] }], ['azurerm.other', { subscription_id: SUB.toUpperCase() }], ['azurerm.later', { subscription_id: new Unknown('var.s', ['var.s']) }]]);
  test.each([...SPELLED_TYPES, 'azurerm_resource_group'])('%s: its provider\'s literal subscription, else "?" (the default provider, one known only later, none given)', (type) => {
    const config = { name: 'obj', resource_group_name: 'rg-a', virtual_network_name: 'vnet-a' };
    expect(spelledBlockId(view(type, { ...config, provider: 'azurerm.other' }), undefined, providers)).toMatch(new RegExp(`^/subscriptions/${SUB}/resourceGroups/`));
    expect(spelledBlockId(view(type, config), undefined, providers)).toMatch(/^\/subscriptions\/\?\/resourceGroups\//);
    expect(spelledBlockId(view(type, { ...config, provider: 'azurerm.later' }), undefined, providers)).toMatch(/^\/subscriptions\/\?\/resourceGroups\//);
    expect(spelledBlockId(view(type, { ...config, provider: 'azurerm.other' }), undefined)).toMatch(/^\/subscriptions\/\?\/resourceGroups\//);
  });
});

// An azapi block's ID is spelled from its arguments as Azure makes it (A19b-3's left part, h-g24b): a role on
// `${azapi_update_resource.x.id}` is a role on the object the update names, not on a scope wholly unknown.
describe('every form of an azapi block spells its ID', () => {
  const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
  const ref = (reference: string) => new Unknown(reference, [reference.replace(/^\$\{|\}$/g, '')]);
  const tpl = (text: string, ...references: string[]) => new Unknown(text, references);
  const group = view('azurerm_resource_group', { name: 'rg-net' });
  const resources = new Map([['azurerm_resource_group.x', group]]);
  test.each([
    ['an update by its literal resource_id', 'azapi_update_resource', { type: 'Microsoft.Resources/resourceGroups@2024-03-01', resource_id: `${SUB}/resourceGroups/rg-net/` }, `${SUB}/resourceGroups/rg-net`],
    ['an action by its literal resource_id', 'azapi_resource_action', { type: 'Microsoft.Resources/resourceGroups@2024-03-01', resource_id: `${SUB}/resourceGroups/rg-net`, method: 'PATCH' }, `${SUB}/resourceGroups/rg-net`],
    ['a resource group below a subscription', 'azapi_resource', { type: 'Microsoft.Resources/resourceGroups@2024-03-01', parent_id: SUB, name: 'rg-net' }, `${SUB}/resourceGroups/rg-net`],
    ['an update by parent_id, type and name', 'azapi_update_resource', { type: 'Microsoft.Network/virtualNetworks@2024-01-01', parent_id: `${SUB}/resourceGroups/rg-net`, name: 'vnet-hub' }, `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub`],
    ['a child type below its parent', 'azapi_resource', { type: 'Microsoft.Network/virtualNetworks/subnets@2024-01-01', parent_id: `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub`, name: 'db' }, `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/db`],
    ['a parent by reference to a block the table spells', 'azapi_resource', { type: 'Microsoft.Network/virtualNetworks@2024-01-01', parent_id: ref('azurerm_resource_group.x.id'), name: 'vnet-hub' }, '/subscriptions/?/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub'],
    ['a target by reference to a block the table spells', 'azapi_resource', { type: 'Microsoft.Network/virtualNetworks@2024-01-01', resource_id: ref('azurerm_resource_group.x.id') }, '/subscriptions/?/resourceGroups/rg-net'],
  ])('%s', (_how, type, config, id) => {
    expect(spelledBlockId(view(type, config), resources)).toBe(id);
  });
  // Queued after the nineteenth run (azapi IDs from template parent_ids): a parent written as a template over references and
  // variables spells what it may be, each interpolation one segment known only at apply time ("?"), a block's ID or name as spelled.
  test.each([
    ['a subscription known only later', 'azapi_resource', { type: 'Microsoft.Network/virtualNetworks@2024-01-01', parent_id: tpl('/subscriptions/${var.s}/resourceGroups/rg-net', 'var.s'), name: 'vnet-hub' }, '/subscriptions/?/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub'],
    ['a group\'s ID inside a template', 'azapi_resource', { type: 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31', parent_id: tpl('${azurerm_resource_group.x.id}/', 'azurerm_resource_group.x.id'), name: 'id-cmk' }, '/subscriptions/?/resourceGroups/rg-net/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-cmk'],
    ['a group\'s name and a lookup\'s subscription', 'azapi_resource', { type: 'Microsoft.Network/virtualNetworks@2024-01-01', parent_id: tpl('/subscriptions/${data.azurerm_client_config.c.subscription_id}/resourceGroups/${azurerm_resource_group.x.name}', 'data.azurerm_client_config.c.subscription_id', 'azurerm_resource_group.x.name'), name: 'vnet-hub' }, '/subscriptions/?/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub'],
    ['a target template below a group', 'azapi_update_resource', { type: 'Microsoft.KeyVault/vaults@2023-07-01', resource_id: tpl('${azurerm_resource_group.x.id}/providers/Microsoft.KeyVault/vaults/kv-cmk', 'azurerm_resource_group.x.id') }, '/subscriptions/?/resourceGroups/rg-net/providers/Microsoft.KeyVault/vaults/kv-cmk'],
    ['a partly literal name is one segment known later', 'azapi_resource', { type: 'Microsoft.Network/virtualNetworks@2024-01-01', parent_id: tpl('/subscriptions/0000/resourceGroups/rg-${var.env}', 'var.env'), name: 'vnet-hub' }, '/subscriptions/0000/resourceGroups/?/providers/Microsoft.Network/virtualNetworks/vnet-hub'],
  ])('a parent or target written as a template: %s', (_how, type, config, id) => {
    expect(spelledBlockId(view(type, config), resources)).toBe(id);
  });
  test('a template that starts with a value known only later (any number of segments) spells none', () => {
    const base = { type: 'Microsoft.Network/virtualNetworks@2024-01-01', name: 'vnet-hub' };
    expect(spelledBlockId(view('azapi_resource', { ...base, parent_id: tpl('${var.group_id}/', 'var.group_id') }), resources)).toBeUndefined();
    expect(spelledBlockId(view('azapi_update_resource', { type: base.type, resource_id: tpl('${var.rg}/providers/Microsoft.Network/virtualNetworks/v', 'var.rg') }), resources)).toBeUndefined();
  });
  test('a type, name or parent known only at apply time spells none', () => {
    const base = { type: 'Microsoft.Network/virtualNetworks@2024-01-01', parent_id: `${SUB}/resourceGroups/rg-net`, name: 'vnet-hub' };
    expect(spelledBlockId(view('azapi_resource', { ...base, type: ref('var.type') }), resources)).toBeUndefined();
    expect(spelledBlockId(view('azapi_resource', { ...base, name: ref('var.name') }), resources)).toBeUndefined();
    expect(spelledBlockId(view('azapi_resource', { ...base, parent_id: ref('var.parent') }), resources)).toBeUndefined();
    expect(spelledBlockId(view('azapi_update_resource', { type: base.type, resource_id: ref('var.id') }), resources)).toBeUndefined();
  });
});
