import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { PostgresqlServer } from '@cdktf/provider-azurerm/lib/postgresql-server';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { PostgresSecurityChecks } from '../../lib';

/** Everything the constructs prevent, written by hand with the provider's L1 classes. */
function insecureStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'insecure');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const flexible = new PostgresqlFlexibleServer(stack, 'Flexible', {
    name: 'open-db',
    resourceGroupName: 'rg',
    location: 'westeurope',
    skuName: 'GP_Standard_D2ds_v5',
    version: '16',
    publicNetworkAccessEnabled: true,
    administratorLogin: 'dbadmin',
    administratorPassword: 'Sup3rS3cret!', // a literal secret, as a careless stack writes it
  });
  new PostgresqlFlexibleServerFirewallRule(stack, 'AllowAll', { name: 'all', serverId: flexible.id, startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' });
  new PostgresqlFlexibleServerConfiguration(stack, 'TlsOff', { name: 'require_secure_transport', value: 'off', serverId: flexible.id });
  new PostgresqlFlexibleServerConfiguration(stack, 'NoConnectionLog', { name: 'log_connections', value: 'off', serverId: flexible.id });
  new PostgresqlServer(stack, 'Single', {
    name: 'legacy-open-db',
    resourceGroupName: 'rg',
    location: 'westeurope',
    skuName: 'GP_Gen5_2',
    version: '11',
    sslEnforcementEnabled: false,
    sslMinimalTlsVersionEnforced: 'TLSEnforcementDisabled',
    administratorLogin: 'dbadmin',
    administratorLoginPassword: 'Sup3rS3cret!',
  });
  PostgresSecurityChecks.applyTo(stack);
  return stack;
}

test('a raw insecure stack fails with at least 10 distinct error rules', () => {
  const evaluation = evaluateStack(insecureStack().toTerraform(), ALL_RULES);
  const failedIds = new Set(evaluation.findings.filter((f) => f.status === 'fail' && f.severity === 'error').map((f) => f.ruleId));
  expect(failedIds.size).toBeGreaterThanOrEqual(10);
  for (const id of ['PGF-NET-1', 'PGF-NET-4', 'PGF-TLS-1', 'PGF-LOG-2', 'PGF-IAM-2', 'PGF-IAM-4', 'PGF-LOG-8', 'PGS-TLS-1', 'PGS-NET-1', 'PGS-IAM-2']) {
    expect(failedIds).toContain(id);
  }
});

test('synth of that stack fails, naming each finding', () => {
  expect(() => Testing.synth(insecureStack(), true)).toThrow(/azurerm_postgresql_flexible_server_firewall_rule\.AllowAll PGF-NET-4 /);
});
