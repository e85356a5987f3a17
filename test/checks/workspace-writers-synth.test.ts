import { LogAnalyticsLinkedService } from '@cdktf/provider-azurerm/lib/log-analytics-linked-service';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroupPolicyExemption } from '@cdktf/provider-azurerm/lib/resource-group-policy-exemption';
import { TerraformStack } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { minimalProps, newStack, synthErrors, WORKSPACE_ID } from '../helpers';

// A15a-11, A15b-14 at synth: a write that drops the server's logs in the construct's workspace, and a policy
// exemption on its resource group, fail synth beside a construct; a suppression on the writer with the reason passes.

function withWriters(suppress: boolean): TerraformStack {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const transform = new MonitorDataCollectionRule(stack, 'Drop', {
    name: 'drop', resourceGroupName: 'rg-logs', location: 'westeurope', kind: 'WorkspaceTransforms',
    destinations: { logAnalytics: [{ name: 'w', workspaceResourceId: WORKSPACE_ID }] },
    dataFlow: [{ streams: ['Microsoft-Table-AzureDiagnostics'], destinations: ['w'], transformKql: 'source | where Category != "PostgreSQLLogs"' }],
  });
  const exemption = new ResourceGroupPolicyExemption(stack, 'Waive', {
    name: 'waive', resourceGroupId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders', exemptionCategory: 'Waiver',
    policyAssignmentId: '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/policyAssignments/deny-public-postgres',
  });
  if (suppress) {
    PostgresSecurityChecks.suppress(transform, 'PG-LOG-1', 'drops the debug rows only, reviewed by the platform team, SEC-412');
    PostgresSecurityChecks.suppress(exemption, 'PG-CFG-4', 'waiver for the migration week, approved in SEC-413');
  }
  return stack;
}

test('a transformation dropping the server\'s rows in its workspace, and an exemption on its group, fail synth', () => {
  const errors = synthErrors(withWriters(false)).join('\n');
  expect(errors).toContain('azurerm_monitor_data_collection_rule.Drop PG-LOG-1 azurerm_monitor_data_collection_rule.Drop, on the workspace test/Postgres sends the server\'s logs to, rewrites "Microsoft-Table-AzureDiagnostics"');
  expect(errors).toContain('azurerm_resource_group_policy_exemption.Waive PG-CFG-4 azurerm_resource_group_policy_exemption.Waive exempts its resource group');
});

test('each suppressed on the writer with the reason passes', () => {
  expect(synthErrors(withWriters(true))).toEqual([]);
});

test('a cluster link of the construct\'s workspace fails synth, naming where the logs go; suppressed with a reason naming the cluster\'s owner and key it passes (A17a-7, A17b-11)', () => {
  const build = (suppress: boolean): TerraformStack => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const link = new LogAnalyticsLinkedService(stack, 'Cluster', {
      resourceGroupName: 'rg-logs', workspaceId: WORKSPACE_ID, writeAccessId: '/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/clusters/central',
    });
    if (suppress) PostgresSecurityChecks.suppress(link, 'PG-LOG-1', 'central cluster of the platform team, key in kv-platform (SEC-501)');
    return stack;
  };
  const errors = synthErrors(build(false)).join('\n');
  expect(errors).toContain('azurerm_log_analytics_linked_service.Cluster PG-LOG-1 azurerm_log_analytics_linked_service.Cluster, on the workspace test/Postgres sends the server\'s logs to, sets write_access_id');
  expect(errors).toContain('dedicated cluster');
  expect(synthErrors(build(true))).toEqual([]);
});
