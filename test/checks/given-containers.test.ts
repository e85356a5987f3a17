import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { exampleJson } from '../support/example-stacks';

// Queued after the nineteenth run (decided): the container of a perimeter object given only by a variable is unknown. A new,
// separate resource or an unread writer in some resource group is not judged there (failing them would refuse common stacks), but a
// PIM role management policy, which sets who may activate a role at its scope without approval, on any container may be on that
// object's group or subscription, as a weakening role there may (given-objects.ts): it fails PG-CFG-8 closed.

type Blocks = { [type: string]: { [name: string]: object } };
type Json = { resource: Blocks; [key: string]: unknown };
function vnetIntegration(): Json {
  return exampleJson<Json>('flexible-vnet-integration');
}
const SUBSCRIPTION = '/subscriptions/11111111-1111-1111-1111-111111111111';
const OWNER = `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
const setting = (json: Json) => Object.values(json.resource.azurerm_monitor_diagnostic_setting)[0] as Record<string, unknown>;
const byVariable = (json: Json) => { setting(json).log_analytics_workspace_id = '${var.workspace_id}'; };

function failed(blocks: Blocks, edit: (json: Json) => void): string[] {
  const json = vnetIntegration();
  edit(json);
  for (const [type, each] of Object.entries(blocks)) json.resource[type] = { ...json.resource[type], ...each };
  const evaluation = evaluateStack(json, ALL_RULES);
  expect(evaluation.problems).toEqual([]);
  return [...new Set(evaluation.findings.filter((f) => f.ruleId === 'PG-CFG-8' && f.status !== 'pass').map((f) => f.address ?? ''))].sort();
}

const PIM = 'Microsoft.Authorization/roleManagementPolicies@2020-10-01';
const POLICIES: readonly [string, (scope: string) => Blocks][] = [
  ['azurerm_role_management_policy', (scope) => ({ azurerm_role_management_policy: { w: { scope, role_definition_id: OWNER, activation_rules: [{ require_approval: false }] } } })],
  ['azapi_resource by parent_id', (scope) => ({ azapi_resource: { w: { type: PIM, name: 'p', parent_id: scope, body: { properties: { rules: [] } } } } })],
  ['azapi_update_resource by resource_id', (scope) => ({ azapi_update_resource: { w: { type: PIM, resource_id: `${scope}/providers/Microsoft.Authorization/roleManagementPolicies/p`, body: { properties: { rules: [] } } } } })],
  ['azapi_resource_action PATCH', (scope) => ({ azapi_resource_action: { w: { type: PIM, method: 'PATCH', resource_id: `${scope}/providers/Microsoft.Authorization/roleManagementPolicies/p`, body: { properties: { rules: [] } } } } })],
];
const CONTAINERS = [`${SUBSCRIPTION}/resourceGroups/rg-apps`, SUBSCRIPTION, '/providers/Microsoft.Management/managementGroups/other'];
const address = (blocks: Blocks) => Object.entries(blocks).map(([type, each]) => `${type}.${Object.keys(each)[0]}`);

describe('beside a log workspace given only by a variable', () => {
  const cases = POLICIES.flatMap(([form, blocks]) => CONTAINERS.map((scope) => [form, scope, blocks] as const));
  test.each(cases)('a PIM policy (%s) on %s may be on its container: fails PG-CFG-8', (_form, scope, blocks) => {
    expect(failed(blocks(scope), byVariable)).toEqual(address(blocks(scope)));
  });
  test.each(POLICIES)('control: %s on the same group beside a workspace of the stack passes', (_form, blocks) => {
    expect(failed(blocks(CONTAINERS[0]), (json) => { (json.resource.azurerm_log_analytics_workspace.Logs as Record<string, unknown>).resource_group_name = 'rg-logs'; })).toEqual([]);
  });
  test('control: a PIM policy on one literal resource of another type passes; an unread writer that does not weaken (a cost export) passes', () => {
    expect(failed(POLICIES[0][1](`${SUBSCRIPTION}/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-apps`), byVariable)).toEqual([]);
    expect(failed({ azurerm_resource_group_cost_management_export: { w: { name: 'e', resource_group_id: CONTAINERS[0], recurrence_type: 'Monthly', recurrence_period_start_date: '2030-01-01T00:00:00Z', recurrence_period_end_date: '2031-01-01T00:00:00Z' } } }, byVariable)).toEqual([]);
  });
  test('the message names the object given by a variable', () => {
    const json = vnetIntegration();
    byVariable(json);
    Object.assign(json.resource, POLICIES[0][1](CONTAINERS[0]));
    const found = evaluateStack(json, ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-8' && f.status !== 'pass');
    expect(found[0].message).toMatch(/a resource group, subscription or management group that may hold "\$\{var\.workspace_id\}"/);
  });
});
