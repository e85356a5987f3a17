// 70th run, A70b-1, A70b-2, A70b-3. A lookup whose `id` is the ID it was given (azurerm_monitor_diagnostic_categories:
// its resource_id; azurerm_role_assignments: its scope), or a resource whose `id` is another's (a subnet association:
// its subnet's), was read as a block of its own type: a role, a diagnostic setting, an NSG association, a table's
// retention or an exemption written through it passed beside the server it names. An azapi update or action of a
// policy assignment named by a reference (a lookup's id, an azurerm assignment's id) was on no scope. And a listed
// audit-only built-in overridden to a writing effect was said to be off the list. Each case is judged at synth and by
// `check` on the JSON.
import { DataAzurermMonitorDiagnosticCategories } from '@cdktf/provider-azurerm/lib/data-azurerm-monitor-diagnostic-categories';
import { DataAzurermPolicyAssignment } from '@cdktf/provider-azurerm/lib/data-azurerm-policy-assignment';
import { DataAzurermRoleAssignments } from '@cdktf/provider-azurerm/lib/data-azurerm-role-assignments';
import { LogAnalyticsWorkspaceTable } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { ResourceGroupPolicyAssignment } from '@cdktf/provider-azurerm/lib/resource-group-policy-assignment';
import { ResourcePolicyExemption } from '@cdktf/provider-azurerm/lib/resource-policy-exemption';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { TerraformResource, TerraformStack } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { minimalProps, providerStack, SUBSCRIPTION, synthErrors, WORKSPACE_ID } from '../helpers';

const PRINCIPAL = '00000000-0000-0000-0000-000000000001';
const FOREIGN_STORE = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/x/providers/Microsoft.Storage/storageAccounts/evil';
const ASSIGNMENT = 'Microsoft.Authorization/policyAssignments@2024-04-01';
const ALLOWED_LOCATIONS = '/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c';

type Add = (stack: TerraformStack, server: SecureFlexibleServer) => void;

function stackWith(add: Add): TerraformStack {
  const stack = providerStack('alias');
  add(stack, new SecureFlexibleServer(stack, 'Postgres', minimalProps()));
  return stack;
}

/** The rules that fail at synth and by `check`, each with the messages, beside the construct. */
function judged(add: Add): { synth: string[]; check: string[]; messages: string[] } {
  const lines = synthErrors(stackWith(add));
  const synth = [...new Set(lines.map((line) => /(PG[A-Z]?-[A-Z]+-\d+)/.exec(line)?.[1] ?? ''))].sort();
  const json = JSON.parse(JSON.stringify(stackWith(add).toTerraform())) as object;
  const failed = evaluateStack(json, ALL_RULES).findings.filter((finding) => finding.status === 'fail');
  return { synth, check: [...new Set(failed.map((finding) => finding.ruleId))].sort(), messages: failed.map((finding) => `${finding.ruleId} ${finding.message}`) };
}

/** A diagnostic categories lookup of `resourceId`: its id is that ID (azurerm: d.SetId(NewScopeID(resource_id).ID())). */
const categories = (stack: TerraformStack, resourceId: string) => new DataAzurermMonitorDiagnosticCategories(stack, 'cats', { resourceId }).id;
const owner = (stack: TerraformStack, scope: string) => new RoleAssignment(stack, 'owner', { scope, roleDefinitionName: 'Owner', principalId: PRINCIPAL });

describe('a lookup or resource whose id is the ID of what it names (A70b-1)', () => {
  test('Owner on the id of a diagnostic categories or role assignments lookup of the server is Owner on the server', () => {
    expect(judged((stack, pg) => owner(stack, categories(stack, pg.serverId)))).toMatchObject({ synth: ['PG-IAM-2'], check: ['PG-IAM-2'] });
    const roles = judged((stack, pg) => owner(stack, new DataAzurermRoleAssignments(stack, 'roles', { scope: pg.serverId }).id));
    expect(roles).toMatchObject({ synth: ['PG-IAM-2'], check: ['PG-IAM-2'] });
    expect(roles.messages.join('\n')).toContain('grants Owner on the server');
  });

  test('Owner on the id of the construct\'s own NSG association is Owner on its delegated subnet', () => {
    const result = judged((stack) => {
      const association = stack.node.findAll().find((each) => each instanceof SubnetNetworkSecurityGroupAssociation) as SubnetNetworkSecurityGroupAssociation;
      owner(stack, association.id);
    });
    expect(result).toMatchObject({ synth: ['PG-IAM-2'], check: ['PG-IAM-2'] });
  });

  test('a second diagnostic setting on the lookup\'s id exports the server\'s logs', () => {
    expect(judged((stack, pg) => new MonitorDiagnosticSetting(stack, 'copy', { name: 'copy', targetResourceId: categories(stack, pg.serverId), storageAccountId: FOREIGN_STORE, enabledLog: [{ categoryGroup: 'allLogs' }] })))
      .toMatchObject({ synth: ['PG-LOG-1'], check: ['PG-LOG-1'] });
  });

  test('an NSG association on the lookup\'s id of the delegated subnet swaps the subnet\'s group', () => {
    const result = judged((stack, pg) => {
      const open = new NetworkSecurityGroup(stack, 'open', { name: 'open', location: 'westeurope', resourceGroupName: 'rg-network', securityRule: [{ name: 'all', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*' }] });
      new SubnetNetworkSecurityGroupAssociation(stack, 'swap', { subnetId: categories(stack, pg.subnetId!), networkSecurityGroupId: open.id });
    });
    expect(result.check).toContain('PGF-NET-7');
    expect(result.synth).toContain('PGF-NET-7');
  });

  test('a 4-day retention on the server\'s log table through the lookup\'s id of the workspace', () => {
    expect(judged((stack) => new LogAnalyticsWorkspaceTable(stack, 'table', { workspaceId: categories(stack, WORKSPACE_ID), name: 'PGSQLServerLogs', retentionInDays: 4, totalRetentionInDays: 4 })))
      .toMatchObject({ synth: ['PG-LOG-1'], check: ['PG-LOG-1'] });
  });

  test('an exemption of the lookup\'s id exempts the server', () => {
    const result = judged((stack, pg) => new ResourcePolicyExemption(stack, 'exempt', { name: 'exempt', resourceId: categories(stack, pg.serverId), exemptionCategory: 'Waiver',
      policyAssignmentId: `${SUBSCRIPTION}/providers/Microsoft.Authorization/policyAssignments/deny-public-pg` }));
    expect(result).toMatchObject({ synth: ['PG-CFG-4'], check: ['PG-CFG-4'] });
    expect(result.messages.join('\n')).toContain('exempts the server');
  });

  test('a firewall rule whose server_id is the lookup\'s id is the construct\'s server\'s, judged with its network', () => {
    const result = judged((stack, pg) => new PostgresqlFlexibleServerFirewallRule(stack, 'fw', { name: 'office', serverId: categories(stack, pg.serverId), startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.10' }));
    expect(result.check).toContain('PGF-NET-6');
  });

  test('a writer of a type no rule reads, on the lookup\'s id, points at the server; on another resource\'s it passes', () => {
    const chaos = (target: (stack: TerraformStack, pg: SecureFlexibleServer) => string): Add => (stack, pg) => {
      const block = new TerraformResource(stack, 'chaos', { terraformResourceType: 'azurerm_chaos_studio_target' });
      block.addOverride('location', 'westeurope');
      block.addOverride('target_type', 'Microsoft-Agent');
      block.addOverride('target_resource_id', target(stack, pg));
    };
    const result = judged(chaos((stack, pg) => categories(stack, pg.serverId)));
    expect(result.check).toContain('PG-CFG-8');
    expect(result.messages.join('\n')).toContain('points at the server');
    expect(judged(chaos((stack) => categories(stack, `${SUBSCRIPTION}/resourceGroups/rg-other/providers/Microsoft.Storage/storageAccounts/other`)))).toMatchObject({ synth: [], check: [] });
  });

  test('a lookup of another resource passes: the id is that resource\'s', () => {
    expect(judged((stack) => owner(stack, categories(stack, `${SUBSCRIPTION}/resourceGroups/rg-other/providers/Microsoft.Storage/storageAccounts/other`)))).toMatchObject({ synth: [], check: [] });
  });
});

/** An azapi write of type `type` on `resourceId`, with `config`. */
function azapi(stack: TerraformStack, kind: string, resourceId: string, config: { [key: string]: unknown }): void {
  const write = new TerraformResource(stack, 'write', { terraformResourceType: kind });
  write.addOverride('type', ASSIGNMENT);
  write.addOverride('resource_id', resourceId);
  for (const [key, value] of Object.entries(config)) write.addOverride(key, value);
}

const platform = (stack: TerraformStack, scopeId = SUBSCRIPTION) => new DataAzurermPolicyAssignment(stack, 'platform', { name: 'platform-deny-public', scopeId }).id;

describe('an azapi write of a policy assignment named by a reference (A70b-2)', () => {
  test.each([
    ['DoNotEnforce', { enforcementMode: 'DoNotEnforce' }],
    ['notScopes with the server\'s group', { notScopes: [`${SUBSCRIPTION}/resourceGroups/rg-orders`] }],
    ['an override to Modify', { overrides: [{ kind: 'policyEffect', value: 'Modify' }] }],
  ])('an update of a looked-up subscription assignment (%s) is a policy write on the subscription', (_name, properties) => {
    const result = judged((stack) => azapi(stack, 'azapi_update_resource', platform(stack), { body: { properties } }));
    expect(result).toMatchObject({ synth: ['PG-CFG-4'], check: ['PG-CFG-4'] });
    expect(result.messages.join('\n')).toContain(`on the subscription "${SUBSCRIPTION}", which contains the server`);
  });

  test('a DELETE of a looked-up assignment removes the guardrail, as an exemption does', () => {
    const result = judged((stack) => azapi(stack, 'azapi_resource_action', platform(stack), { method: 'DELETE' }));
    expect(result).toMatchObject({ synth: ['PG-CFG-4'], check: ['PG-CFG-4'] });
    expect(result.messages.join('\n')).toContain('deletes (or acts on), by an azapi action, a policy assignment');
  });

  test('an update of the stack\'s own assignment is on its scope: on the workspace\'s group it fails PG-LOG-1 too', () => {
    const result = judged((stack) => {
      const own = new ResourceGroupPolicyAssignment(stack, 'own', { name: 'own', resourceGroupId: `${SUBSCRIPTION}/resourceGroups/rg-logs`, policyDefinitionId: ALLOWED_LOCATIONS });
      azapi(stack, 'azapi_update_resource', own.id, { body: { properties: { overrides: [{ kind: 'policyEffect', value: 'Modify' }] } } });
    });
    expect(result.check).toEqual(['PG-LOG-1']);
    expect(result.synth).toEqual(['PG-LOG-1']);
    const elsewhere = judged((stack) => {
      const own = new ResourceGroupPolicyAssignment(stack, 'own', { name: 'own', resourceGroupId: `${SUBSCRIPTION}/resourceGroups/rg-other`, policyDefinitionId: ALLOWED_LOCATIONS });
      azapi(stack, 'azapi_update_resource', own.id, { body: { properties: { enforcementMode: 'DoNotEnforce' } } });
    });
    expect(elsewhere).toMatchObject({ synth: [], check: [] });
  });

  test('an ID that is a reference to no assignment is on any scope: it fails closed', () => {
    const result = judged((stack) => azapi(stack, 'azapi_update_resource', categories(stack, `${SUBSCRIPTION}/resourceGroups/rg-other`), { body: { properties: { enforcementMode: 'DoNotEnforce' } } }));
    expect(result.check).toContain('PG-CFG-4');
  });
});

describe('a listed audit-only built-in overridden to a writing effect (A70b-3)', () => {
  test('the messages name the override, not the list', () => {
    const result = judged((stack) => new ResourceGroupPolicyAssignment(stack, 'own', { name: 'own', resourceGroupId: `${SUBSCRIPTION}/resourceGroups/rg-logs`, policyDefinitionId: ALLOWED_LOCATIONS, overrides: [{ value: 'Modify' }] }));
    const text = result.messages.join('\n');
    expect(text).toContain('a built-in on the audit-only list whose overrides may give it an effect that writes');
    expect(text).not.toContain('not on the audit-only list');
    const onServer = judged((stack) => new ResourceGroupPolicyAssignment(stack, 'own', { name: 'own', resourceGroupId: `${SUBSCRIPTION}/resourceGroups/rg-orders`, policyDefinitionId: ALLOWED_LOCATIONS, overrides: [{ value: 'Modify' }] }));
    expect(onServer.messages.join('\n')).toContain('it is on the pack\'s list of audit-only built-ins, but its overrides may give it an effect that writes');
    expect(onServer.messages.join('\n')).not.toContain('not on the pack\'s list');
  });
});
