import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PostgresqlActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-active-directory-administrator';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, SUBNET_ID, SUBSCRIPTION, synthErrors, TENANT_ID } from '../helpers';

// Twelfth review, A12b-4: a firewall rule, private endpoint, log export, role or Entra administrator
// given its server through a variable (whose default is the construct's server, what Terraform plans
// unless told otherwise) was judged on a server of its own, where no rule of what a construct declares
// applies. Beside a construct it is now an addition to the construct's server, as a provider host known
// only at apply time is on the in-database side.

const SERVER_ID = `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`;
const STORAGE_ID = `${SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.Storage/storageAccounts/elsewhere`;

type Add = (stack: Construct, pointer: string) => Construct;

const ADDITIONS: [string, string, Add][] = [
  ['a firewall rule', 'PG-NET-1', (stack, pointer) => new PostgresqlFlexibleServerFirewallRule(stack, 'Extra', { name: 'x', serverId: pointer, startIpAddress: '192.0.2.0', endIpAddress: '192.0.2.15' })],
  ['a private endpoint', 'PG-NET-1', (stack, pointer) => new PrivateEndpoint(stack, 'Extra', {
    name: 'pe', location: 'westeurope', resourceGroupName: 'rg-x', subnetId: SUBNET_ID,
    privateServiceConnection: { name: 'c', isManualConnection: false, privateConnectionResourceId: pointer, subresourceNames: ['postgresqlServer'] },
  })],
  ['a log export', 'PG-LOG-1', (stack, pointer) => new MonitorDiagnosticSetting(stack, 'Extra', { name: 'x', targetResourceId: pointer, enabledLog: [{ categoryGroup: 'allLogs' }], storageAccountId: STORAGE_ID })],
  ['a Contributor role', 'PG-IAM-2', (stack, pointer) => new RoleAssignment(stack, 'Extra', { scope: pointer, roleDefinitionName: 'Contributor', principalId: '11111111-1111-1111-1111-111111111111' })],
  ['an Entra administrator', 'PG-IAM-3', (stack, pointer) => new PostgresqlFlexibleServerActiveDirectoryAdministrator(stack, 'Extra', {
    serverName: pointer, resourceGroupName: 'rg-orders', objectId: '11111111-1111-1111-1111-111111111111', principalName: 'mallory', principalType: 'User', tenantId: TENANT_ID,
  })],
];

/** The rule ids of the synth errors on a resource. */
const failedOn = (stack: TerraformStack, address: string) => synthErrors(stack).filter((line) => line.split(' ')[3] === address).map((line) => line.split(' ')[4]);

const addressOf = (resource: Construct) => `${(resource as unknown as { terraformResourceType: string }).terraformResourceType}.${(resource as unknown as { friendlyUniqueId: string }).friendlyUniqueId}`;

describe.each(ADDITIONS)('%s whose server is a variable', (_what, ruleId, add) => {
  test(`beside a construct fails ${ruleId}; suppressed on it with a reason, it passes`, () => {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const pointer = new TerraformVariable(stack, 'server', { type: 'string', default: ruleId === 'PG-IAM-3' ? 'orders-db' : SERVER_ID });
    const extra = add(stack, pointer.stringValue);
    expect(failedOn(stack, addressOf(extra))).toEqual([ruleId]);
    PostgresSecurityChecks.suppress(extra, ruleId, 'reviewed in SEC-2211: the variable is set to the staging server in every workspace');
    expect(synthErrors(stack)).toEqual([]);
  });

  test(`beside raw resources only is not a construct's addition (no ${ruleId})`, () => {
    const stack = providerStack();
    new PostgresqlFlexibleServer(stack, 'Raw', { name: 'raw-db', resourceGroupName: 'rg-raw', location: 'westeurope' });
    const extra = add(stack, new TerraformVariable(stack, 'server', { type: 'string' }).stringValue);
    // Judged as synth judges an enforced stack, warnings included: the raw server fails many rules, the addition none of these.
    PostgresSecurityChecks.applyTo(stack, { failOnWarnings: true });
    expect(synthErrors(stack).length).toBeGreaterThan(0);
    expect(failedOn(stack, addressOf(extra))).not.toContain(ruleId);
  });
});

test('a log export or a role whose target is the ID of another resource or server of the stack is not the construct\'s', () => {
  const stack = providerStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const vault = new KeyVault(stack, 'Vault', { name: 'kv-x', location: 'westeurope', resourceGroupName: 'rg-x', tenantId: TENANT_ID, skuName: 'standard' });
  new MonitorDiagnosticSetting(stack, 'VaultLogs', { name: 'x', targetResourceId: vault.id, enabledLog: [{ categoryGroup: 'allLogs' }], storageAccountId: STORAGE_ID });
  new RoleAssignment(stack, 'VaultRole', { scope: vault.id, roleDefinitionName: 'Contributor', principalId: '11111111-1111-1111-1111-111111111111' });
  new MonitorDiagnosticSetting(stack, 'Spelt', { name: 'y', targetResourceId: `${SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.KeyVault/vaults/\${var.vault}`, enabledLog: [{ categoryGroup: 'allLogs' }], storageAccountId: STORAGE_ID });
  new TerraformVariable(stack, 'vault', { type: 'string' });
  // A role on another server of the stack is that server's to judge (a warning beside raw resources), not the construct's.
  const other = new PostgresqlFlexibleServer(stack, 'Other', { name: 'other-db', resourceGroupName: 'rg-other', location: 'westeurope' });
  new RoleAssignment(stack, 'OtherRole', { scope: other.id, roleDefinitionName: 'Contributor', principalId: '11111111-1111-1111-1111-111111111111' });
  expect(synthErrors(stack)).toEqual([]);
});

// Fourteenth review, A14a-10/A14b-12: with the construct's name a variable (names may be tokens), a child that names
// its server by a literal name or ID may be the construct's (the variable's default is what Terraform plans).
describe.each(ADDITIONS)('%s by a literal pointer beside a construct whose name is a variable', (_what, ruleId, add) => {
  const named = (group = 'rg-orders') => {
    const stack = providerStack();
    const name = new TerraformVariable(stack, 'name', { type: 'string', default: 'orders-db' }).stringValue;
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ name }));
    const pointer = ruleId === 'PG-IAM-3' ? 'orders-db' : SERVER_ID.replace('rg-orders', group);
    return { stack, extra: add(stack, pointer) };
  };

  test(`in the construct's group fails ${ruleId}, the message saying the name is known only at apply time`, () => {
    const { stack, extra } = named();
    expect(failedOn(stack, addressOf(extra))).toEqual([ruleId]);
    expect(synthErrors(stack).join('\n')).toMatch(/name is known only at apply time/);
  });

  if (ruleId !== 'PG-IAM-3') {
    test(`in another resource group known as a literal is another server (no ${ruleId})`, () => {
      const { stack, extra } = named('rg-elsewhere');
      expect(failedOn(stack, addressOf(extra))).not.toContain(ruleId);
    });
  }

  test(`of the other kind of server is another server (no ${ruleId})`, () => {
    const stack = providerStack();
    const name = new TerraformVariable(stack, 'name', { type: 'string', default: 'orders-db' }).stringValue;
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ name }));
    const single = ruleId === 'PG-IAM-3' ? 'orders-db' : SERVER_ID.replace('flexibleServers', 'servers');
    if (ruleId === 'PG-IAM-3') {
      new PostgresqlActiveDirectoryAdministrator(stack, 'Extra', { serverName: single, resourceGroupName: 'rg-orders', login: 'mallory', objectId: '11111111-1111-1111-1111-111111111111', tenantId: TENANT_ID });
      expect(failedOn(stack, 'azurerm_postgresql_active_directory_administrator.Extra')).not.toContain(ruleId);
      return;
    }
    const extra = add(stack, single);
    expect(failedOn(stack, addressOf(extra))).not.toContain(ruleId);
  });
});

test('an administrator by a literal server name in another resource group, beside a construct whose name is a variable, is another server\'s', () => {
  const stack = providerStack();
  const name = new TerraformVariable(stack, 'name', { type: 'string', default: 'orders-db' }).stringValue;
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ name }));
  new PostgresqlFlexibleServerActiveDirectoryAdministrator(stack, 'Extra', {
    serverName: 'orders-db', resourceGroupName: 'rg-elsewhere', objectId: '11111111-1111-1111-1111-111111111111', principalName: 'mallory', principalType: 'User', tenantId: TENANT_ID,
  });
  expect(failedOn(stack, 'azurerm_postgresql_flexible_server_active_directory_administrator.Extra')).not.toContain('PG-IAM-3');
});
