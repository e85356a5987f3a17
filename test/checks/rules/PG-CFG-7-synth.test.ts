import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import { EXIT_FINDINGS, EXIT_OK } from '../../../lib/cli/check-command';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../../lib';
import { check } from '../../cli/cli-harness';
import { minimalProps, newStack, synthErrors } from '../../helpers';

// A11b-7 (eleventh review) at synth and in check: a removed block with destroy = false beside a
// construct's server leaves a live object (a firewall rule, an administrator) in Azure unjudged.
// The rule's own cases are in PG-CFG-7.test.ts.

function besideConstruct(lifecycle: object): { stack: TerraformStack; postgres: SecureFlexibleServer } {
  return removedBesideConstruct([{ from: 'azurerm_postgresql_flexible_server_firewall_rule.allow_all', lifecycle }]);
}
/** A construct's server with the removed blocks a cdktf program writes by an escape hatch. */
function removedBesideConstruct(removed: readonly object[]): { stack: TerraformStack; postgres: SecureFlexibleServer } {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  stack.addOverride('removed', removed);
  return { stack, postgres };
}
const checkOf = (stack: TerraformStack) => {
  const file = join(mkdtempSync(join(tmpdir(), 'removed-')), 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(stack.toTerraform()));
  return check('check', file);
};
const cfg7 = (lines: readonly string[]) => lines.filter((text) => text.includes('PG-CFG-7'));

test('a removed block that leaves its object in Azure beside a construct fails synth and check; suppressed on the construct with the reason, it passes', () => {
  const { stack, postgres } = besideConstruct({ destroy: false });
  const errors = cfg7(synthErrors(stack));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('removed.azurerm_postgresql_flexible_server_firewall_rule.allow_all PG-CFG-7 removed.azurerm_postgresql_flexible_server_firewall_rule.allow_all makes Terraform forget');
  const checked = checkOf(stack);
  expect(checked.code).toBe(EXIT_FINDINGS);
  expect(cfg7(checked.out)).toHaveLength(1);
  PostgresSecurityChecks.suppress(postgres, 'PG-CFG-7', 'The office rule is kept by the network team (NET-88)');
  expect(synthErrors(stack)).toEqual([]);
  expect(checkOf(stack).code).toBe(EXIT_OK);
});

test('a removed block that destroys its object passes synth and check', () => {
  const { stack } = besideConstruct({ destroy: true });
  expect(synthErrors(stack)).toEqual([]);
  expect(checkOf(stack).code).toBe(EXIT_OK);
});

// Stop 36: a removed block that destroys a guard of the construct's server, a whole module or a block whose delete does what its
// body said fails; one that destroys what holds no guard passes (PG-CFG-7-destroyed.test.ts has the rule's own cases). A security rule
// of the construct's own group, destroyed, passed every rule before. The construct sends its logs to a workspace by literal ID: a
// workspace destroyed may be that one; a storage account, where it sends nothing, is not.
test.each([
  'module.security', 'azurerm_network_security_rule.deny_internet', 'azurerm_log_analytics_workspace.central', 'azurerm_management_lock.server', 'azurerm_monitor_diagnostic_setting.audit', 'msgraph_resource.ca_policy',
  'azapi_resource.deny_rule', 'postgresql_extension.pgaudit', 'azurerm_postgresql_flexible_server_configuration.pgaudit["log"]',
  // Run 28 (A28b-2): the static member that put the construct's VNet under a network manager's Deny admin rules; a workspace's table.
  'azurerm_network_manager_static_member.sm', 'azurerm_log_analytics_workspace_table.pg_logs',
])('a removed block destroying %s beside a construct fails synth and check; suppressed on the construct with the reason, it passes', (from) => {
  const { stack, postgres } = removedBesideConstruct([{ from }]);
  const errors = cfg7(synthErrors(stack));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain(`removed.${from} PG-CFG-7 removed.${from} destroys what ${from} held in the state`);
  const checked = checkOf(stack);
  expect(checked.code).toBe(EXIT_FINDINGS);
  expect(cfg7(checked.out)).toHaveLength(1);
  PostgresSecurityChecks.suppress(postgres, 'PG-CFG-7', 'The old lock moved to the platform stack with the server (NET-88)');
  expect(synthErrors(stack)).toEqual([]);
  expect(checkOf(stack).code).toBe(EXIT_OK);
});

test('a removed block destroying what holds no guard (a storage account, a firewall rule, a marker) passes synth and check', () => {
  const { stack } = removedBesideConstruct([
    { from: 'azurerm_storage_account.exports' },
    { from: 'azurerm_postgresql_flexible_server_firewall_rule.office', lifecycle: { destroy: true } },
    { from: 'terraform_data.marker', lifecycle: { destroy: false } },
    // Run 28: the network rules of a storage account, where the construct sends nothing; an address pool of a network manager.
    { from: 'azurerm_storage_account_network_rules.exports' },
    { from: 'azurerm_network_manager_ipam_pool.addresses' },
  ]);
  expect(synthErrors(stack)).toEqual([]);
  expect(checkOf(stack).code).toBe(EXIT_OK);
});
