import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { exampleJson } from '../support/example-stacks';

// Nineteenth review, A19b-2: an azapi write of an extension resource of a container that holds the server (its resource group,
// a subscription, a management group) acts on the container, as its azurerm twin (which names the container by `scope`,
// `subscription_id` or `management_group_id`) does: the net judges it there, not as a new, separate resource placed in the group.

type Blocks = { [type: string]: { [name: string]: object } };
type Json = { resource: Blocks; data?: Blocks; [key: string]: unknown };
/** The flexible-vnet-integration example (its server in the resource group rg-orders-db of the stack), with a lookup of the current subscription. */
function vnetIntegration(): Json {
  const json = exampleJson<Json>('flexible-vnet-integration');
  json.data = { ...json.data, azurerm_subscription: { current: {} } };
  return json;
}

/** The addresses PG-CFG-3 or PG-CFG-8 (or the rules given) fail with the blocks added, sorted. */
function failedClosed(blocks: Blocks, rules = ['PG-CFG-3', 'PG-CFG-8']): string[] {
  const json = vnetIntegration();
  for (const [type, each] of Object.entries(blocks)) json.resource[type] = { ...json.resource[type], ...each };
  const evaluation = evaluateStack(json, ALL_RULES);
  expect(evaluation.problems).toEqual([]);
  return [...new Set(evaluation.findings.filter((f) => rules.includes(f.ruleId) && f.status !== 'pass').map((f) => f.address ?? ''))].sort();
}

const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000000';
const HUB_MANAGER = '/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/rg-hub/providers/Microsoft.Network/networkManagers/hub-avnm';
const OWNER = `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;

/** The containers that hold the server, by level, in each spelling: literal, reference, lookup. */
const CONTAINERS = {
  group: [`${SUBSCRIPTION}/resourceGroups/rg-orders-db`, '${azurerm_resource_group.ResourceGroup.id}', `${SUBSCRIPTION}/resourceGroups/RG-Orders-DB/`],
  subscription: [SUBSCRIPTION, '${data.azurerm_subscription.current.id}'],
  managementGroup: ['/providers/Microsoft.Management/managementGroups/landing'],
} as const;
type Level = keyof typeof CONTAINERS;

/**
 * The extension types of a container the azurerm provider writes with an argument naming the container, each with its azurerm twin and
 * the levels it is written at: the azapi form must be judged as the twin is (fail where it fails, pass where a table reads or holds it inert).
 */
const TWINS: readonly { azure: string; twin: string; at: readonly Level[]; config: (container: string, level: Level) => object }[] = [
  { azure: 'Microsoft.Authorization/roleManagementPolicies', twin: 'azurerm_role_management_policy', at: ['group', 'subscription', 'managementGroup'],
    config: (scope) => ({ scope, role_definition_id: OWNER, activation_rules: [{ require_approval: false }] }) },
  { azure: 'Microsoft.Network/networkManagerConnections', twin: 'azurerm_network_manager_subscription_connection', at: ['subscription'],
    config: (subscription) => ({ name: 'to-hub', subscription_id: subscription, network_manager_id: HUB_MANAGER }) },
  { azure: 'Microsoft.Network/networkManagerConnections', twin: 'azurerm_network_manager_management_group_connection', at: ['managementGroup'],
    config: (group) => ({ name: 'to-hub', management_group_id: group, network_manager_id: HUB_MANAGER }) },
  { azure: 'Microsoft.CostManagement/exports', twin: 'azurerm_resource_group_cost_management_export', at: ['group'],
    config: (group) => ({ name: 'e', resource_group_id: group, recurrence_type: 'Monthly', recurrence_period_start_date: '2030-01-01T00:00:00Z', recurrence_period_end_date: '2031-01-01T00:00:00Z' }) },
  { azure: 'Microsoft.CostManagement/exports', twin: 'azurerm_subscription_cost_management_export', at: ['subscription'],
    config: (subscription) => ({ name: 'e', subscription_id: subscription, recurrence_type: 'Monthly', recurrence_period_start_date: '2030-01-01T00:00:00Z', recurrence_period_end_date: '2031-01-01T00:00:00Z' }) },
  { azure: 'Microsoft.Resources/deployments', twin: 'azurerm_management_group_template_deployment', at: ['managementGroup'],
    config: (group) => ({ name: 'd', location: 'westeurope', management_group_id: group, template_content: '{}' }) },
  // Read by a table or inert toward a container: both forms pass the net (their own rules judge them).
  { azure: 'Microsoft.Authorization/roleAssignments', twin: 'azurerm_role_assignment', at: ['group', 'subscription', 'managementGroup'],
    config: (scope) => ({ scope, role_definition_name: 'Reader', principal_id: 'aaaaaaaa-0000-0000-0000-000000000001' }) },
  { azure: 'Microsoft.Authorization/locks', twin: 'azurerm_management_lock', at: ['group', 'subscription'], config: (scope) => ({ name: 'l', scope, lock_level: 'CanNotDelete' }) },
  { azure: 'Microsoft.Insights/diagnosticSettings', twin: 'azurerm_monitor_diagnostic_setting', at: ['subscription'],
    config: (target) => ({ name: 'd', target_resource_id: target, storage_account_id: `${SUBSCRIPTION}/resourceGroups/rg-audit/providers/Microsoft.Storage/storageAccounts/audit` }) },
  { azure: 'Microsoft.Consumption/budgets', twin: 'azurerm_consumption_budget_resource_group', at: ['group'], config: (group) => ({ name: 'b', resource_group_id: group, amount: 100 }) },
  { azure: 'Microsoft.Security/securityContacts', twin: 'azurerm_security_center_contact', at: ['subscription'], config: (scope) => ({ name: 'c', email: 'sec@example.com', note: scope }) },
  { azure: 'Microsoft.Security/workspaceSettings', twin: 'azurerm_security_center_workspace', at: ['subscription'], config: (scope) => ({ scope, workspace_id: `${SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.OperationalInsights/workspaces/w` }) },
];

// The net's verdict (PG-CFG-3 reads an azapi update of a diagnostic setting whose ID is known only at apply time as maybe the construct's own).
const failing = (type: string, blocks: Blocks) => failedClosed(blocks, ['PG-CFG-8']).filter((address) => address.startsWith(`${type}.`));
const azapiResource = (azure: string, parent: string) => ({ azapi_resource: { w: { type: `${azure}@2024-01-01`, name: 'w', parent_id: parent, body: { properties: { x: 1 } } } } });
const azapiUpdate = (azure: string, parent: string) => ({ azapi_update_resource: { w: { type: `${azure}@2024-01-01`, resource_id: `${parent.replace(/\/$/, '')}/providers/${azure}/w`, body: { properties: { x: 1 } } } } });

describe('an azapi write of an extension resource of a container that holds the server is judged as its azurerm twin (A19b-2)', () => {
  const cases = TWINS.flatMap(({ azure, twin, at, config }) => at.flatMap((level) => CONTAINERS[level].map((container) => [twin, level, container, azure, config] as const)));
  test.each(cases)('%s on the %s %s, and its azapi form', (twin, level, container, azure, config) => {
    const expected = failing(twin, { [twin]: { w: config(container, level) } }).length > 0;
    expect([azure, 'azapi_resource', failing('azapi_resource', azapiResource(azure, container)).length > 0]).toEqual([azure, 'azapi_resource', expected]);
    expect([azure, 'azapi_update_resource', failing('azapi_update_resource', azapiUpdate(azure, container)).length > 0]).toEqual([azure, 'azapi_update_resource', expected]);
  });

  test('the unread twins fail (the table above holds writers the net must catch, not only pass)', () => {
    const unread = TWINS.filter(({ twin, at, config }) => failing(twin, { [twin]: { w: config(CONTAINERS[at[0]][0], at[0]) } }).length > 0).map(({ twin }) => twin);
    expect(unread).toEqual(['azurerm_role_management_policy', 'azurerm_network_manager_subscription_connection', 'azurerm_network_manager_management_group_connection',
      'azurerm_resource_group_cost_management_export', 'azurerm_subscription_cost_management_export', 'azurerm_management_group_template_deployment']);
  });
});

describe('the reviewer\'s forms (A19b-2)', () => {
  const connection = (parent: string) => ({ azapi_resource: { hub: { type: 'Microsoft.Network/networkManagerConnections@2024-05-01', name: 'to-hub', parent_id: parent, body: { properties: { networkManagerId: HUB_MANAGER } } } } });
  test.each([SUBSCRIPTION, '${data.azurerm_subscription.current.id}', '/providers/Microsoft.Management/managementGroups/landing'])('a network manager connection under %s fails PG-CFG-8', (parent) => {
    expect(failedClosed(connection(parent))).toEqual(['azapi_resource.hub']);
  });
  test.each([['resource_id', {}], ['parent_id and name', { parent_id: true }]] as const)('a role management policy updated on the resource group (by %s) fails; its message names the group', (_label, form) => {
    const json = vnetIntegration();
    const policy = `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleManagementPolicies/33333333-0000-0000-0000-000000000003`;
    const group = '${azurerm_resource_group.ResourceGroup.id}';
    const at = 'parent_id' in form ? { parent_id: group, name: '33333333-0000-0000-0000-000000000003' } : { resource_id: `${group}/providers/Microsoft.Authorization/roleManagementPolicies/33333333-0000-0000-0000-000000000003` };
    json.resource.azapi_update_resource = { pim: { type: 'Microsoft.Authorization/roleManagementPolicies@2020-10-01', ...at, body: { properties: { rules: [{ id: 'Approval_EndUser_Assignment', ruleType: 'RoleManagementPolicyApprovalRule', setting: { isApprovalRequired: false } }] } } } };
    expect(policy).toContain('roleManagementPolicies');
    const found = evaluateStack(json, ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-8' && f.status !== 'pass');
    expect(found.map((f) => f.address)).toEqual(['azapi_update_resource.pim']);
    expect(found[0].message).toMatch(/points at the resource group azurerm_resource_group\.ResourceGroup\.id, which holds the server azurerm_postgresql_flexible_server\.\w+ \(an extension resource of it, which acts on it\)/);
  });
  // A template may spell more than the container (a variable may stand for any number of segments): an unread extension type fails closed.
  test.each(['/subscriptions/${var.subscription_id}', '${azurerm_resource_group.ResourceGroup.id}${var.suffix}', '/providers/Microsoft.Management/managementGroups/${var.group}'])('an unread extension type under %s fails closed, by parent_id and by resource_id', (container) => {
    expect(failedClosed(azapiResource('Microsoft.Authorization/roleManagementPolicies', container))).toEqual(['azapi_resource.w']);
    expect(failedClosed(azapiUpdate('Microsoft.Network/networkManagerConnections', container))).toEqual(['azapi_update_resource.w']);
  });
  test('an action by POST on an extension resource of the group fails; a reading action and a tags-only update pass', () => {
    const resourceId = '${azurerm_resource_group.ResourceGroup.id}/providers/Microsoft.Authorization/roleManagementPolicies/p';
    const action = (extra: object) => ({ azapi_resource_action: { a: { type: 'Microsoft.Authorization/roleManagementPolicies@2020-10-01', resource_id: resourceId, ...extra } } });
    expect(failedClosed(action({ action: 'reset' }))).toEqual(['azapi_resource_action.a']);
    expect(failedClosed(action({ method: 'GET' }))).toEqual([]);
    expect(failedClosed({ azapi_update_resource: { t: { type: 'Microsoft.Authorization/roleManagementPolicies@2020-10-01', resource_id: resourceId, body: { tags: { a: 'b' } } } } })).toEqual([]);
  });
});

describe('what a container holds as a separate resource still passes; a type not listed fails closed where every type extends the container', () => {
  test.each([
    ['a web app placed in the server\'s resource group', 'Microsoft.Web/sites', '${azurerm_resource_group.ResourceGroup.id}'],
    ['a storage account placed in the server\'s resource group', 'Microsoft.Storage/storageAccounts', `${SUBSCRIPTION}/resourceGroups/rg-orders-db`],
    ['a resource group of the subscription', 'Microsoft.Resources/resourceGroups', SUBSCRIPTION],
    ['a deployment at the subscription (PG-CFG-4 judges what it deploys, as for azurerm_subscription_template_deployment)', 'Microsoft.Resources/deployments', SUBSCRIPTION],
    ['a preview feature registered for the subscription', 'Microsoft.Features/featureProviders/subscriptionFeatureRegistrations', `${SUBSCRIPTION}/providers/Microsoft.Features/featureProviders/Microsoft.Network`],
    ['a role management policy on another resource group', 'Microsoft.Authorization/roleManagementPolicies', `${SUBSCRIPTION}/resourceGroups/rg-apps`],
  ])('%s passes', (_label, azure, parent) => {
    expect(failedClosed(azapiResource(azure, parent))).toEqual([]);
  });
  test.each([
    ['a type Azure adds later under the subscription', 'Microsoft.Contoso/settings', SUBSCRIPTION],
    ['a type Azure adds later under a management group', 'Microsoft.Contoso/settings', '/providers/Microsoft.Management/managementGroups/landing'],
    ['an Authorization type not listed, on the resource group', 'Microsoft.Authorization/futureControls', '${azurerm_resource_group.ResourceGroup.id}'],
    ['a Security type on the resource group', 'Microsoft.Security/settings', `${SUBSCRIPTION}/resourceGroups/rg-orders-db`],
    ['a deployment stack of the resource group (it deletes what it does not manage, and denies)', 'Microsoft.Resources/deploymentStacks', '${azurerm_resource_group.ResourceGroup.id}'],
  ])('%s fails closed', (_label, azure, parent) => {
    expect(failedClosed(azapiResource(azure, parent))).toEqual(['azapi_resource.w']);
  });
});

describe('a type known only at apply time under a container that holds the server may be an extension of it (A19b-2)', () => {
  test.each([SUBSCRIPTION, '${azurerm_resource_group.ResourceGroup.id}', '/providers/Microsoft.Management/managementGroups/landing'])('an azapi_resource of type var.type under %s fails closed', (parent) => {
    expect(failedClosed({ azapi_resource: { w: { type: '${var.type}', name: 'w', parent_id: parent, body: { properties: { x: 1 } } } } })).toEqual(['azapi_resource.w']);
  });
  test('under another resource group it passes', () => {
    expect(failedClosed({ azapi_resource: { w: { type: '${var.type}', name: 'w', parent_id: `${SUBSCRIPTION}/resourceGroups/rg-apps`, body: { properties: { x: 1 } } } } })).toEqual([]);
  });
});

// Twentieth run (A19a-3's last case): the containers of the perimeter's other objects (its workspace, given network objects and
// zones, the identities it acts as) are judged as the server's: a writer of a type no table reads on one fails closed PG-CFG-8.
describe('a writer on a container of another object of the perimeter fails closed as on the server\'s (A19a-3)', () => {
  const OTHER = '/subscriptions/11111111-1111-1111-1111-111111111111';
  const server = (json: Json) => Object.values(json.resource.azurerm_postgresql_flexible_server)[0] as Record<string, unknown>;
  const setting = (json: Json) => Object.values(json.resource.azurerm_monitor_diagnostic_setting)[0] as Record<string, unknown>;
  /** Perimeter objects outside the server's group, how the stack is edited to place each there, and the containers that hold it. */
  const PERIMETER: readonly { kind: string; edit: (json: Json) => void; containers: readonly string[] }[] = [
    { kind: 'its workspace, a block of the stack in rg-logs', containers: [`${SUBSCRIPTION}/resourceGroups/rg-logs`, '/subscriptions/${var.s}/resourceGroups/RG-Logs'],
      edit: (json) => { (json.resource.azurerm_log_analytics_workspace.Logs as Record<string, unknown>).resource_group_name = 'rg-logs'; } },
    { kind: 'its workspace in a resource group block of the stack (by reference) and looked up', containers: ['${azurerm_resource_group.Logs.id}', '${data.azurerm_resource_group.logs.id}', `${SUBSCRIPTION}/resourceGroups/rg-logs`],
      edit: (json) => {
        json.resource.azurerm_resource_group = { ...json.resource.azurerm_resource_group, Logs: { name: 'rg-logs', location: 'westeurope' } };
        json.data = { ...json.data, azurerm_resource_group: { logs: { name: 'rg-logs' } } };
        (json.resource.azurerm_log_analytics_workspace.Logs as Record<string, unknown>).resource_group_name = '${azurerm_resource_group.Logs.name}';
      } },
    { kind: 'its workspace given by ID in another subscription', containers: [`${OTHER}/resourceGroups/rg-logs`, OTHER],
      edit: (json) => { setting(json).log_analytics_workspace_id = `${OTHER}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-central`; } },
    { kind: 'the identity it acts as, given by ID', containers: [`${OTHER}/resourceGroups/rg-ids`, OTHER],
      edit: (json) => { server(json).identity = [{ type: 'UserAssigned', identity_ids: [`${OTHER}/resourceGroups/rg-ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pg`] }]; } },
    { kind: 'its private DNS zone, given by ID', containers: [`${OTHER}/resourceGroups/rg-dns`, OTHER],
      edit: (json) => { server(json).private_dns_zone_id = `${OTHER}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/orders.postgres.database.azure.com`; } },
    // The provider's literal subscription is the server's: another one holds none of it (A19b-9), but it holds the identity.
    { kind: 'the identity it acts as, in another subscription than the provider\'s literal one', containers: [`${OTHER}/resourceGroups/rg-ids`, OTHER],
      edit: (json) => {
        json.provider = { azurerm: [{ features: [{}], subscription_id: SUBSCRIPTION.split('/')[2] }] };
        server(json).identity = [{ type: 'UserAssigned', identity_ids: [`${OTHER}/resourceGroups/rg-ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pg`] }];
      } },
    { kind: 'the VNet of its delegated subnet, a block of the stack in the hub subscription (its provider\'s literal one)', containers: [`${OTHER}/resourceGroups/rg-net`, OTHER],
      edit: (json) => {
        json.provider = { azurerm: [{ features: [{}], subscription_id: SUBSCRIPTION.split('/')[2] }, { alias: 'hub', features: [{}], subscription_id: OTHER.split('/')[2] }] };
        Object.assign(json.resource.azurerm_virtual_network.Network, { resource_group_name: 'rg-net', provider: 'azurerm.hub' });
      } },
    // Queued after the nineteenth run: an AVNM network group that may hold the server's VNet sits with its manager in rg-avnm.
    { kind: 'an AVNM network group that holds its VNet (its manager in rg-avnm)', containers: [`${SUBSCRIPTION}/resourceGroups/rg-avnm`, '${azurerm_resource_group.Avnm.id}'],
      edit: (json) => { avnm(json, '${azurerm_virtual_network.Network.id}'); } },
    { kind: 'an AVNM network group filled outside the stack (its manager given by ID in another subscription)', containers: [`${OTHER}/resourceGroups/rg-avnm`, OTHER],
      edit: (json) => { json.resource.azurerm_network_manager_network_group = { g: { name: 'ng', network_manager_id: `${OTHER}/resourceGroups/rg-avnm/providers/Microsoft.Network/networkManagers/hub` } }; } },
    { kind: 'the VNet of its delegated subnet, a block of the stack in rg-net', containers: [`${SUBSCRIPTION}/resourceGroups/rg-net`],
      edit: (json) => { (json.resource.azurerm_virtual_network.Network as Record<string, unknown>).resource_group_name = 'rg-net'; } },
  ];
  /** A network manager of the stack in rg-avnm (its own resource group block too) and a group of it with one static member. */
  function avnm(json: Json, member: string): void {
    json.resource.azurerm_resource_group = { ...json.resource.azurerm_resource_group, Avnm: { name: 'rg-avnm', location: 'westeurope' } };
    json.resource.azurerm_network_manager = { hub: { name: 'hub', location: 'westeurope', resource_group_name: '${azurerm_resource_group.Avnm.name}', scope: [{ management_group_ids: ['/providers/Microsoft.Management/managementGroups/mg-apps'] }], scope_accesses: ['SecurityAdmin'] } };
    json.resource.azurerm_network_manager_network_group = { g: { name: 'ng', network_manager_id: '${azurerm_network_manager.hub.id}' } };
    json.resource.azurerm_network_manager_static_member = { m: { name: 'm', network_group_id: '${azurerm_network_manager_network_group.g.id}', target_virtual_network_id: member } };
  }
  const WRITERS: readonly { form: string; blocks: (container: string) => Blocks }[] = [
    { form: 'azurerm_role_management_policy (the azurerm twin)', blocks: (scope) => ({ azurerm_role_management_policy: { w: { scope, role_definition_id: OWNER, activation_rules: [{ require_approval: false }] } } }) },
    { form: 'azapi_resource by parent_id', blocks: (container) => azapiResource('Microsoft.Authorization/roleManagementPolicies', container) },
    { form: 'azapi_update_resource by the extension ID', blocks: (container) => azapiUpdate('Microsoft.Authorization/roleManagementPolicies', container) },
    { form: 'azapi_resource_action PATCH of the extension ID', blocks: (container) => ({ azapi_resource_action: { w: { type: 'Microsoft.Authorization/roleManagementPolicies@2020-10-01', method: 'PATCH',
      resource_id: `${container.replace(/\/$/, '')}/providers/Microsoft.Authorization/roleManagementPolicies/w`, body: { properties: { x: 1 } } } } }) },
  ];
  /** The addresses PG-CFG-8 fails with the stack edited and the blocks added. */
  const failedIn = (edit: (json: Json) => void, blocks: Blocks): string[] => {
    const json = vnetIntegration();
    edit(json);
    for (const [type, each] of Object.entries(blocks)) json.resource[type] = { ...json.resource[type], ...each };
    // The manager of avnm() fails alone (its scope, a management group, may hold the server): not a writer under test.
    return [...new Set(evaluateStack(json, ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-8' && f.status !== 'pass' && f.address !== 'azurerm_network_manager.hub').map((f) => f.address ?? ''))].sort();
  };
  const cases = PERIMETER.flatMap(({ kind, edit, containers }) => containers.flatMap((container) => WRITERS.map(({ form, blocks }) => [form, container, kind, edit, blocks] as const)));
  test.each(cases)('%s on %s (holding %s) fails PG-CFG-8', (_form, container, _kind, edit, blocks) => {
    const written = blocks(container);
    expect(failedIn(edit, written)).toEqual(Object.entries(written).map(([type, each]) => `${type}.${Object.keys(each)[0]}`));
  });
  test.each(PERIMETER.map(({ kind, edit }) => [kind, edit] as const))('beside %s: the same writers on another resource group pass', (_kind, edit) => {
    for (const { blocks } of WRITERS) expect(failedIn(edit, blocks(`${OTHER}/resourceGroups/rg-apps`))).toEqual([]);
  });
  test.each(PERIMETER.map(({ kind, edit, containers }) => [kind, edit, containers[0]] as const))('beside %s: a new, separate resource placed in its group passes', (_kind, edit, container) => {
    expect(failedIn(edit, azapiResource('Microsoft.Web/sites', container))).toEqual([]);
    expect(failedIn(edit, { azurerm_storage_account: { s: { name: 'stapps', resource_group_name: container.split('/').pop(), location: 'westeurope', account_tier: 'Standard', account_replication_type: 'LRS' } } })).toEqual([]);
  });
  test('control: a network group whose only member is another VNet holds nothing of the perimeter: writers on its manager\'s group pass', () => {
    const other = (json: Json) => avnm(json, `${OTHER}/resourceGroups/rg-apps/providers/Microsoft.Network/virtualNetworks/vnet-apps`);
    for (const { blocks } of WRITERS) expect(failedIn(other, blocks(`${SUBSCRIPTION}/resourceGroups/rg-avnm`))).toEqual([]);
  });
  // Queued after the nineteenth run: a resource group ID written as a template with a literal part is judged by what it may spell
  // (the azurerm twin's `scope` known only later already fails closed as maybe the server; the azapi forms are read here).
  const AZAPI_WRITERS = WRITERS.filter(({ form }) => form.startsWith('azapi'));
  test.each(['${var.prefix}-logs', 'RG-${var.env}', '${var.a}g-l${var.b}'])('a template of the workspace group\'s name (%s) may be rg-logs: the azapi writers fail', (name) => {
    for (const { blocks } of AZAPI_WRITERS) {
      const written = blocks(`/subscriptions/\${var.subscription}/resourceGroups/${name}`);
      expect(failedIn(PERIMETER[0].edit, written)).toEqual(Object.entries(written).map(([type, each]) => `${type}.${Object.keys(each)[0]}`));
    }
  });
  // Twenty-first review, A21a-4: a resource group the stack makes whose name is known only at apply time may be rg-logs.
  test.each([['${var.group}', true], ['rg-${var.env}', true], ['app-${var.env}', false]])('a group the stack makes named %s may hold the workspace: writers on it fail (%s)', (name, fails) => {
    const edit = (json: Json) => {
      PERIMETER[0].edit(json);
      json.resource.azurerm_resource_group = { ...json.resource.azurerm_resource_group, Apps: { name, location: 'westeurope' } };
    };
    for (const { blocks } of WRITERS) {
      const written = blocks('${azurerm_resource_group.Apps.id}');
      expect(failedIn(edit, written)).toEqual(fails ? Object.entries(written).map(([type, each]) => `${type}.${Object.keys(each)[0]}`) : []);
    }
  });
  test('an azurerm writer naming the group by a template in another argument (a cost export\'s resource_group_id) fails; one that cannot spell it passes', () => {
    const exportOf = (name: string) => ({ azurerm_resource_group_cost_management_export: { w: { name: 'e', resource_group_id: `/subscriptions/\${var.subscription}/resourceGroups/${name}`, recurrence_type: 'Monthly', recurrence_period_start_date: '2030-01-01T00:00:00Z', recurrence_period_end_date: '2031-01-01T00:00:00Z' } } });
    expect(failedIn(PERIMETER[0].edit, exportOf('${var.prefix}-logs'))).toEqual(['azurerm_resource_group_cost_management_export.w']);
    expect(failedIn(PERIMETER[0].edit, exportOf('app-${var.env}'))).toEqual([]);
  });
  test.each(['app-${var.env}', '${var.prefix}-network', 'logs-${var.env}'])('control: a template that cannot spell rg-logs nor rg-orders-db (%s) passes', (name) => {
    for (const { blocks } of AZAPI_WRITERS) expect(failedIn(PERIMETER[0].edit, blocks(`/subscriptions/\${var.subscription}/resourceGroups/${name}`))).toEqual([]);
  });
  test('the message names the container and what it holds', () => {
    const found = evaluateStack((() => { const json = vnetIntegration(); PERIMETER[0].edit(json); Object.assign(json.resource, azapiResource('Microsoft.Authorization/roleManagementPolicies', `${SUBSCRIPTION}/resourceGroups/rg-logs`)); return json; })(), ALL_RULES)
      .findings.filter((f) => f.ruleId === 'PG-CFG-8' && f.status !== 'pass');
    expect(found[0].message).toMatch(/the resource group "\/subscriptions\/\?\/resourceGroups\/rg-logs", which holds azurerm_log_analytics_workspace\.Logs .*\(an extension resource of it, which acts on it\)/);
  });
});

// Queued after the nineteenth run: a management group looked up (by name or display name) may be one that holds the server's
// subscription: a writer on it is judged as on a literal management group that holds it. One the stack creates holds only what the
// stack puts in it (its subscription_ids are judged by the net), so a writer there passes.
describe('a management group looked up by name or display name is a container that may hold the server', () => {
  const LITERAL = '/providers/Microsoft.Management/managementGroups/landing';
  const LOOKUPS = ['${data.azurerm_management_group.landing.id}', '${data.azurerm_management_group.by_display.id}'];
  const withGroups = (blocks: Blocks): Json => {
    const json = vnetIntegration();
    json.data = { ...json.data, azurerm_management_group: { landing: { name: 'landing' }, by_display: { display_name: 'Landing Zones' } } };
    json.resource.azurerm_management_group = { created: { display_name: 'Sandbox' } };
    for (const [type, each] of Object.entries(blocks)) json.resource[type] = { ...json.resource[type], ...each };
    return json;
  };
  const failedWith = (blocks: Blocks, rules: readonly string[]): string[] => {
    const evaluation = evaluateStack(withGroups(blocks), ALL_RULES);
    expect(evaluation.problems).toEqual([]);
    return [...new Set(evaluation.findings.filter((f) => rules.includes(f.ruleId) && f.status !== 'pass').map((f) => f.address ?? ''))].sort();
  };
  const WRITERS: readonly [string, (scope: string) => Blocks, readonly string[]][] = [
    ['a PIM policy (azurerm_role_management_policy)', (scope) => ({ azurerm_role_management_policy: { w: { scope, role_definition_id: OWNER, activation_rules: [{ require_approval: false }] } } }), ['PG-CFG-8']],
    ['a PIM policy by azapi parent_id', (scope) => azapiResource('Microsoft.Authorization/roleManagementPolicies', scope), ['PG-CFG-8']],
    ['a network manager connection by azapi resource_id', (scope) => azapiUpdate('Microsoft.Network/networkManagerConnections', scope), ['PG-CFG-8']],
    ['an Owner role', (scope) => ({ azurerm_role_assignment: { w: { scope, role_definition_name: 'Owner', principal_id: 'aaaaaaaa-0000-0000-0000-000000000001' } } }), ['PG-IAM-2']],
    ['an azapi Owner role', (scope) => ({ azapi_resource: { w: { type: 'Microsoft.Authorization/roleAssignments@2022-04-01', name: 'bbbbbbbb-0000-0000-0000-000000000002', parent_id: scope,
      body: { properties: { roleDefinitionId: OWNER, principalId: 'aaaaaaaa-0000-0000-0000-000000000001' } } } } }), ['PG-IAM-2']],
  ];
  const cases = WRITERS.flatMap(([label, blocks, rules]) => LOOKUPS.map((scope) => [label, scope, blocks, rules] as const));
  test.each(cases)('%s on %s fails as on a literal management group', (_label, scope, blocks, rules) => {
    const written = blocks(scope);
    const addresses = Object.entries(written).map(([type, each]) => `${type}.${Object.keys(each)[0]}`);
    expect(failedWith(blocks(LITERAL), rules)).toEqual(addresses);
    expect(failedWith(written, rules)).toEqual(addresses);
  });
  // (A role there is judged by PG-IAM-2's own reading of a scope it cannot place.)
  test.each(WRITERS.filter(([, , rules]) => rules.includes('PG-CFG-8')))('%s on a management group the stack creates passes', (_label, blocks, rules) => {
    expect(failedWith(blocks('${azurerm_management_group.created.id}'), rules)).toEqual([]);
  });
  test('the message names the lookup', () => {
    const found = evaluateStack(withGroups(azapiResource('Microsoft.Authorization/roleManagementPolicies', LOOKUPS[0])), ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-8' && f.status !== 'pass');
    expect(found[0].message).toMatch(/the management group data\.azurerm_management_group\.landing\.id/);
  });
});
