import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataAzurermKeyVaultSecret } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secret';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule, NetworkSecurityRuleConfig } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { PrivateDnsResolverForwardingRule } from '@cdktf/provider-azurerm/lib/private-dns-resolver-forwarding-rule';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { GrantRole } from '@cdktf/provider-postgresql/lib/grant-role';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, AzurermBackend, CloudBackend, NamedCloudWorkspace, TerraformHclModule, TerraformLocal, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { DatabaseAccess, DiagnosticSettings, EntraPrincipalType, FlexibleServerAuthentication, FlexibleServerNetwork, PostgresSecurityChecks, RoleDefinition, SecureFlexibleServer } from '../../lib';
import { EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { cdktfOut, check } from '../cli/cli-harness';
import { KEY_VAULT_ID, minimalProps, providerStack, SUBSCRIPTION, TENANT_ID, VNET_ID, vnetSubnet } from '../helpers';
import { accessProps, DBA, serverProps } from '../support/database-fixture';
import { FIX_4, MAY_REACH } from './writer-messages';

// What a stack adds beside a library construct of another stack of the app is judged as it is
// beside the construct in its own stack (fifth review, A5-13, A5-14), in synth and in `check` on
// the app's cdktf.out: the finding is the adding stack's, on its own resource.

const OPEN: Omit<NetworkSecurityRuleConfig, 'networkSecurityGroupName'> = {
  name: 'open', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', sourcePortRange: '*', destinationPortRange: '*',
  sourceAddressPrefix: '*', destinationAddressPrefix: '*', resourceGroupName: 'rg-orders',
};
const RULESET = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-dns/providers/Microsoft.Network/dnsForwardingRulesets/hub';
const ELSEWHERE = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-x/providers';
const PASSWORD = FlexibleServerAuthentication.entraAndPassword({
  administratorLogin: 'pgadmin_orders', justification: 'Billing vendor appliance cannot use Entra ID (SEC-517)', keyVaultResourceId: KEY_VAULT_ID,
});

const PUBLIC_ACCESS = FlexibleServerNetwork.publicAccess({
  allowedIpRanges: [{ name: 'office', startIpAddress: '198.51.100.16', endIpAddress: '198.51.100.31' }], justification: 'Partner office without VPN (NET-4411)',
});

type Addition = (ops: TerraformStack, postgres: SecureFlexibleServer) => void;

/** Stack "data" holds the construct (orders-db), stack "ops" what `add` puts beside it. */
function opsApp(add: Addition, withPassword = false): { app: App; ops: TerraformStack; data: TerraformStack } {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
  const data = providerStack('data', app);
  const postgres = new SecureFlexibleServer(data, 'Postgres', minimalProps(withPassword ? { authentication: PASSWORD } : {}));
  const ops = providerStack('ops', app);
  add(ops, postgres);
  return { app, ops, data };
}

/** A command that finds every resource of a group by a search and opens password sign-in on each, naming no server (E73-9). */
function groupLoop(ops: TerraformStack, group: string): void {
  new TerraformResource(ops, 'Loop', {
    terraformResourceType: 'terraform_data',
    provisioners: [{ type: 'local-exec', command: `for i in $(az resource list -g ${group} --query [].id -o tsv); do az resource update --ids $i --set properties.authConfig.passwordAuth=Enabled; done` }],
  });
}

function securityGroupOf(postgres: SecureFlexibleServer): NetworkSecurityGroup {
  return postgres.node.findAll().find((c): c is NetworkSecurityGroup => c instanceof NetworkSecurityGroup)!;
}

/** `check` on the app's stacks as cdktf writes them (prepared: its cross-stack outputs made). */
function checkApp(app: App): ReturnType<typeof check> {
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  stacks.forEach((stack) => stack.prepareStack());
  return check('check', cdktfOut(Object.fromEntries(stacks.map((stack) => [stack.node.id, JSON.parse(JSON.stringify(stack.toTerraform()))]))));
}

/** PGF-NET-11 judges the NSG's inbound rules together, on the construct's NSG, as it does in the construct's own stack. */
const NSG_AS_A_WHOLE = 'azurerm_network_security_group\\.Postgres_SecurityGroup_\\w+ \\(stack "data"\\) PGF-NET-11';

const REFUSED: [string, string, string, boolean, Addition][] = [
  ['an allow-all rule on the construct\'s NSG, by cross-stack reference', 'azurerm_network_security_rule.Open', 'PGF-NET-7', false,
    (ops, postgres) => new NetworkSecurityRule(ops, 'Open', { ...OPEN, networkSecurityGroupName: securityGroupOf(postgres).name })],
  ['the same rule by the NSG\'s literal name', 'azurerm_network_security_rule.Open', 'PGF-NET-7', false,
    (ops) => new NetworkSecurityRule(ops, 'Open', { ...OPEN, networkSecurityGroupName: 'orders-db-postgres-nsg' })],
  ['an A record of the server\'s name in the construct\'s zone', 'azurerm_private_dns_a_record.Record', 'PG-NET-1', false,
    (ops) => new PrivateDnsARecord(ops, 'Record', { name: 'orders-db', zoneName: 'orders-db.private.postgres.database.azure.com', resourceGroupName: 'rg-orders', ttl: 60, records: ['10.9.9.9'] })],
  ['a DNS forwarding rule for the parent of the server\'s public name (A8-6)', 'azurerm_private_dns_resolver_forwarding_rule.Forward', 'PG-NET-1', false,
    (ops) => new PrivateDnsResolverForwardingRule(ops, 'Forward', { name: 'pg', dnsForwardingRulesetId: RULESET, domainName: 'postgres.database.azure.com.', targetDnsServers: [{ ipAddress: '10.9.9.9', port: 53 }] })],
  ['Owner on the server', 'azurerm_role_assignment.Owner', 'PG-IAM-2', false,
    (ops, postgres) => new RoleAssignment(ops, 'Owner', { scope: postgres.serverId, roleDefinitionName: 'Owner', principalId: 'aaaaaaaa-0000-0000-0000-000000000001' })],
  ['one more Entra administrator', 'azurerm_postgresql_flexible_server_active_directory_administrator.Admin', 'PG-IAM-3', false,
    (ops, postgres) => new PostgresqlFlexibleServerActiveDirectoryAdministrator(ops, 'Admin', {
      serverName: postgres.serverName, resourceGroupName: 'rg-orders', tenantId: '11111111-2222-3333-4444-555555555555',
      objectId: 'bbbbbbbb-0000-0000-0000-000000000000', principalName: 'intruder', principalType: 'User',
    })],
  ['the server\'s logs exported to another storage account', 'azurerm_monitor_diagnostic_setting.Export', 'PG-LOG-1', false,
    (ops, postgres) => new MonitorDiagnosticSetting(ops, 'Export', {
      name: 'exfil', targetResourceId: postgres.serverId, storageAccountId: `${ELSEWHERE}/Microsoft.Storage/storageAccounts/elsewhere`, enabledLog: [{ categoryGroup: 'allLogs' }],
    })],
  ['a private endpoint to the server', 'azurerm_private_endpoint.Endpoint', 'PG-NET-1', false,
    (ops, postgres) => new PrivateEndpoint(ops, 'Endpoint', {
      name: 'pe', location: 'westeurope', resourceGroupName: 'rg-x', subnetId: `${ELSEWHERE}/Microsoft.Network/virtualNetworks/v/subnets/s`,
      privateServiceConnection: { name: 'c', isManualConnection: false, privateConnectionResourceId: postgres.serverId, subresourceNames: ['postgresqlServer'] },
    })],
  ['the generated administrator password copied to another vault', 'azurerm_key_vault_secret.Copy', 'PG-IAM-4', true,
    (ops, postgres) => new KeyVaultSecret(ops, 'Copy', { name: 'copy', keyVaultId: `${ELSEWHERE}/Microsoft.KeyVault/vaults/elsewhere`, value: postgres.administratorPassword! })],
  ['the generated administrator password read back from its vault by a secret name known only at apply time (A13-5)', 'azurerm_resource_group.Leak', 'PG-IAM-4', true,
    (ops) => {
      const name = new TerraformVariable(ops, 'secret_name', { type: 'string', default: 'orders-db-administrator-password' }).stringValue;
      const look = new DataAzurermKeyVaultSecret(ops, 'Look', { name, keyVaultId: KEY_VAULT_ID });
      new ResourceGroup(ops, 'Leak', { name: 'rg-x', location: 'westeurope', tags: { leak: look.value } });
    }],
  ['a second association of the construct\'s delegated subnet, by cross-stack reference (A6-4)', 'azurerm_subnet_network_security_group_association.Swap', 'PGF-NET-7', false,
    (ops, postgres) => new SubnetNetworkSecurityGroupAssociation(ops, 'Swap', { subnetId: postgres.subnetId!, networkSecurityGroupId: `${ELSEWHERE}/Microsoft.Network/networkSecurityGroups/open` })],
  ['the same association by the subnet\'s literal ID', 'azurerm_subnet_network_security_group_association.Swap', 'PGF-NET-7', false,
    (ops) => new SubnetNetworkSecurityGroupAssociation(ops, 'Swap', { subnetId: `${VNET_ID}/subnets/orders-db-postgres`, networkSecurityGroupId: `${ELSEWHERE}/Microsoft.Network/networkSecurityGroups/open` })],
  ['a second resource of the construct\'s NSG adopted by an import block, with an inline allow-all rule (A7-6)', 'azurerm_network_security_group.Adopt', 'PG-CFG-3', false,
    (ops) => new NetworkSecurityGroup(ops, 'Adopt', {
      name: 'orders-db-postgres-nsg', resourceGroupName: 'rg-orders', location: 'westeurope', securityRule: [{
        name: 'open', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*',
      }],
    }).importFrom(`${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.Network/networkSecurityGroups/orders-db-postgres-nsg`)],
  ['the virtual network of the construct\'s delegated subnet written with inline subnets (A7-6)', 'azurerm_virtual_network.Hub', 'PG-CFG-3', false,
    (ops) => new VirtualNetwork(ops, 'Hub', {
      name: VNET_ID.split('/')[8], resourceGroupName: VNET_ID.split('/')[4], location: 'westeurope', addressSpace: ['10.0.0.0/16'],
      subnet: [{ name: 'orders-db-postgres', addressPrefixes: ['10.0.1.0/28'], securityGroup: `${ELSEWHERE}/Microsoft.Network/networkSecurityGroups/open` }],
    })],
  ['Owner on a value looked up in the whole outputs of cdktf\'s cross-stack read', 'azurerm_role_assignment.Owner', 'PG-CFG-6', false,
    (ops, postgres) => {
      new RoleAssignment(ops, 'Reader', { scope: postgres.serverId, roleDefinitionName: 'Reader', principalId: 'aaaaaaaa-0000-0000-0000-000000000001' });
      new RoleAssignment(ops, 'Owner', {
        scope: '${values(data.terraform_remote_state.cross-stack-reference-input-data.outputs)[0]}', roleDefinitionName: 'Owner', principalId: 'aaaaaaaa-0000-0000-0000-000000000001',
      });
    }],
  ['a command that finds the server by a search of its resource group (E73-9)', 'terraform_data.Loop', 'PG-CFG-4', false, (ops) => groupLoop(ops, 'rg-orders')],
  ['the same command naming the group in another case (Azure compares group names so)', 'terraform_data.Loop', 'PG-CFG-4', false, (ops) => groupLoop(ops, 'RG-Orders')],
  ['the same command reading the group\'s name from a block of its own stack that holds it', 'terraform_data.Loop', 'PG-CFG-4', false,
    (ops) => groupLoop(ops, new UserAssignedIdentity(ops, 'Runner', { name: 'runner', location: 'westeurope', resourceGroupName: 'rg-orders' }).resourceGroupName)],
  ['a module given the server\'s name', 'module.Tuning', 'PG-CFG-3', false,
    (ops) => new TerraformHclModule(ops, 'Tuning', { source: 'app.terraform.io/acme/pg-tuning/azurerm', version: '1.0.0', variables: { server_name: 'orders-db', resource_group_name: 'rg-orders' } })],
];

/**
 * What else an addition fails as one beside the construct: a rule in its NSG is a path it does not declare
 * (PG-NET-1, A12b-5); Owner on a scope known only at apply time may be Owner on its server (PG-IAM-2, A12b-4);
 * a module may hold what deletes the server's resource group (PGF-DEL-1, C72-6).
 */
function alsoAdded(address: string, ruleId: string): string[] {
  if (address.startsWith('module.')) return ['PGF-DEL-1'];
  if (address.startsWith('azurerm_network_security_rule.')) return ['PG-NET-1'];
  return address === 'azurerm_role_assignment.Owner' && ruleId !== 'PG-IAM-2' ? ['PG-IAM-2'] : [];
}

describe.each(REFUSED)('from another stack, %s', (_name, address, ruleId, withPassword, add) => {
  test(`fails synth with ${ruleId} on the adding stack's resource, and only that`, () => {
    const { app } = opsApp(add, withPassword);
    let message = '';
    try {
      app.synth();
    } catch (error) {
      message = (error as Error).message;
    }
    const findings = message.split('\n').filter((line) => /^\s+\[\w+\] .* [A-Z]+-[A-Z]+-\d+ /.test(line));
    const also = address.startsWith('azurerm_network_security_rule.') ? [expect.stringMatching(new RegExp(`^\\s+\\[ops\\] ${NSG_AS_A_WHOLE} `))] : [];
    const added = alsoAdded(address, ruleId).map((other) => expect.stringMatching(new RegExp(`^\\s+\\[ops\\] ${address.replace(/\./g, '\\.')} ${other} `)));
    const expected = [expect.stringMatching(new RegExp(`^\\s+\\[ops\\] ${address.replace(/\./g, '\\.')} ${ruleId} `)), ...also, ...added];
    expect(findings).toEqual(expect.arrayContaining(expected));
    expect(findings).toHaveLength(expected.length);
  });

  test('fails check on the app\'s cdktf.out, in the adding stack', () => {
    const { app } = opsApp(add, withPassword);
    const result = checkApp(app);
    expect(result.code).toBe(EXIT_FINDINGS);
    const also = address.startsWith('azurerm_network_security_rule.') ? [expect.stringMatching(/^ {2}ERROR +PGF-NET-11 +azurerm_network_security_group\.Postgres_SecurityGroup_\w+ \(stack "data"\): /)] : [];
    const added = alsoAdded(address, ruleId).map((other) => expect.stringMatching(new RegExp(`^ {2}ERROR +${other} +${address.replace(/\./g, '\\.')}: `)));
    const expected = [expect.stringMatching(new RegExp(`^ {2}ERROR +${ruleId} +${address.replace(/\./g, '\\.')}: `)), ...also, ...added];
    expect(result.out.filter((line) => / ERROR /.test(line))).toEqual(expect.arrayContaining(expected));
    expect(result.out.filter((line) => / ERROR /.test(line))).toHaveLength(expected.length);
    const data = result.out.indexOf(result.out.find((line) => line.startsWith('data: '))!);
    const ops = result.out.indexOf(result.out.find((line) => line.startsWith('ops: '))!);
    expect(result.out.findIndex((line) => / ERROR /.test(line))).toBeGreaterThan(ops);
    expect(result.out[data]).toMatch(/^data: 1 server\(s\), 0 error\(s\)/);
  });
});

test('check says a command of another stack names the server\'s resource group, not the server (E73-9)', () => {
  const result = checkApp(opsApp((ops) => groupLoop(ops, 'rg-orders')).app);
  expect(result.out.filter((line) => line.includes('PG-CFG-4'))).toEqual([
    `  ERROR      PG-CFG-4   terraform_data.Loop: a provisioner (local-exec) is in another stack and names the server's resource group "rg-orders", not the server; ${MAY_REACH.split('; ')[1]} ${FIX_4}`,
  ]);
});

// Stop 64 (resource-twins.ts): a rule in a second resource of the construct's NSG, adopted in another stack whose subscription may be
// the construct's, is judged as a rule of that NSG, not only PG-CFG-3 on the second resource (a suppression of which hid the rule).
test('from another stack, an allow-all rule in an adopted twin of the construct\'s NSG fails as a rule of the NSG', () => {
  const { app } = opsApp((ops) => {
    const twin = new NetworkSecurityGroup(ops, 'Adopt', { name: 'orders-db-postgres-nsg', resourceGroupName: 'rg-orders', location: 'westeurope' });
    twin.importFrom(`${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.Network/networkSecurityGroups/orders-db-postgres-nsg`);
    new NetworkSecurityRule(ops, 'Open', { ...OPEN, networkSecurityGroupName: twin.name });
  });
  const result = checkApp(app);
  expect(result.out.filter((line) => / ERROR /.test(line))).toEqual(expect.arrayContaining([
    expect.stringMatching(/^ {2}ERROR +PG-CFG-3 +azurerm_network_security_group\.Adopt: /),
    expect.stringMatching(/^ {2}ERROR +PGF-NET-7 +azurerm_network_security_rule\.Open: /),
  ]));
});

test('a finding names the other stack\'s blocks by their own name and stack', () => {
  const { app } = opsApp((ops, postgres) => new KeyVaultSecret(ops, 'Copy', { name: 'copy', keyVaultId: `${ELSEWHERE}/Microsoft.KeyVault/vaults/elsewhere`, value: postgres.administratorPassword! }), true);
  expect(() => app.synth()).toThrow(/azurerm_key_vault_secret\.Copy reads random_password\.Postgres_AdministratorPassword_\w+ \(stack "data"\), a password data\/Postgres generates/);
});

describe('a justified addition in another stack', () => {
  const reason = 'Break-glass role for the on-call DBA team (INC-2231)';
  function justified(): App {
    return opsApp((ops, postgres) => {
      const owner = new RoleAssignment(ops, 'Owner', { scope: postgres.serverId, roleDefinitionName: 'Owner', principalId: 'aaaaaaaa-0000-0000-0000-000000000001' });
      PostgresSecurityChecks.suppress(owner, 'PG-IAM-2', reason);
    }).app;
  }

  test('passes synth, and the adding stack\'s report shows it suppressed with its reason, on the other stack\'s server', () => {
    const app = justified();
    app.synth();
    const report = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'ops', 'postgres-security-report.json'), 'utf8'));
    expect(report.findings).toEqual([expect.objectContaining({
      ruleId: 'PG-IAM-2', status: 'suppressed', reason, address: 'azurerm_role_assignment.Owner', server: expect.stringMatching(/^azurerm_postgresql_flexible_server\.Postgres_Server_\w+ \(stack "data"\)$/),
    })]);
    expect(report.summary.servers).toBe(0);
  });

  test('passes check, which lists it as suppressed', () => {
    const result = checkApp(justified());
    expect(result.code).toBe(EXIT_OK);
    expect(result.out.filter((line) => line.includes('PG-IAM-2'))).toEqual([expect.stringMatching(/^ {2}suppressed +PG-IAM-2 +azurerm_role_assignment\.Owner: .* Reason: Break-glass role for the on-call DBA team \(INC-2231\)$/)]);
  });
});

// A module that names no server is PG-CFG-4's beside a server of its own stack only; it may still hold what deletes the construct's
// resource group, which PGF-DEL-1 judges from any stack (C72-6): passed once reviewed, its suppression in the adding stack's report.
test('a module of another stack that names no server fails PGF-DEL-1 only, and passes once PGF-DEL-1 is suppressed on it with the reason', () => {
  const reason = 'Azure/vnet 4.1.0 reviewed in SEC-90: it makes a network, no deployment';
  const vnet = (reviewed: boolean) => opsApp((ops) => {
    const module = new TerraformHclModule(ops, 'Vnet', { source: 'Azure/vnet/azurerm', version: '4.1.0', variables: { resource_group_name: 'rg-net', vnet_name: 'hub' } });
    if (reviewed) PostgresSecurityChecks.suppress(module, 'PGF-DEL-1', reason);
  }).app;
  expect(checkApp(vnet(false)).out.filter((line) => / ERROR /.test(line))).toEqual([expect.stringMatching(/^ {2}ERROR +PGF-DEL-1 +module\.Vnet: module\.Vnet is a module the checks cannot read /)]);
  const result = checkApp(vnet(true));
  expect(result.code).toBe(EXIT_OK);
  expect(result.out.find((line) => line.startsWith('ops: '))).toBe('ops: 0 server(s), 0 error(s), 0 warning(s), 1 suppressed, 0 passed');
  expect(() => vnet(true).synth()).not.toThrow();
});

describe('what only may reach a server or an NSG is judged in its own stack only', () => {
  const ACCEPTED: [string, Addition][] = [
    ['an NSG rule whose NSG is a variable', (ops) => {
      const name = new TerraformVariable(ops, 'nsg', { type: 'string' });
      new NetworkSecurityRule(ops, 'Open', { ...OPEN, networkSecurityGroupName: name.stringValue });
    }],
    ['hybrid-DNS forwarding rules: an on-premises domain, and the private endpoint zone to the hub\'s inbound endpoint (A8-6)', (ops) => {
      new PrivateDnsResolverForwardingRule(ops, 'Corp', { name: 'corp', dnsForwardingRulesetId: RULESET, domainName: 'corp.example.com.', targetDnsServers: [{ ipAddress: '192.168.0.53', port: 53 }] });
      new PrivateDnsResolverForwardingRule(ops, 'Hub', { name: 'hub', dnsForwardingRulesetId: RULESET, domainName: 'privatelink.postgres.database.azure.com.', targetDnsServers: [{ ipAddress: '10.0.0.4', port: 53 }] });
    }],
    ['a private DNS zone of the name and resource group of one the other stack makes', (ops) => {
      new PrivateDnsZone(ops, 'Zone', { name: 'orders-db.private.postgres.database.azure.com', resourceGroupName: 'rg-orders' });
    }],
    ['a command that searches another resource group, whose name begins with the server\'s group (E73-9)', (ops) => groupLoop(ops, 'rg-orders-dev')],
    ['a Reader assignment on the server and an output of its FQDN', (ops, postgres) => {
      new RoleAssignment(ops, 'Reader', { scope: postgres.serverId, roleDefinitionName: 'Reader', principalId: 'aaaaaaaa-0000-0000-0000-000000000001' });
      new TerraformOutput(ops, 'fqdn', { value: postgres.fqdn });
    }],
  ];

  test.each(ACCEPTED)('%s passes synth and check, and the stack gets no report of the other stack\'s server', (_name, add) => {
    const { app } = opsApp(add);
    app.synth();
    expect(existsSync(join(app.outdir, 'stacks', 'ops', 'postgres-security-report.json'))).toBe(false);
    const result = checkApp(opsApp(add).app);
    expect(result.code).toBe(EXIT_OK);
    expect(result.out.find((line) => line.startsWith('ops: '))).toBe('ops: 0 server(s), 0 error(s), 0 warning(s), 0 suppressed, 0 passed');
  });
});

// Adversarial run of stop 71, B71-10: cdktf keeps a stack's folder from one synth to the next. The report a
// failed synth wrote there (synthFailed) must not outlive a synth that passes, which writes no report for a
// stack with no server and no finding: `check` would refuse the fixed app.
test('a stack that failed synth beside the construct, fixed and synthesized again into the same cdktf.out, leaves no report of the failed synth: check passes', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'beside-'));
  const synth = (role: string) => {
    const app = new App({ outdir });
    const postgres = new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps());
    new RoleAssignment(providerStack('ops', app), 'Role', { scope: postgres.serverId, roleDefinitionName: role, principalId: 'aaaaaaaa-0000-0000-0000-000000000001' });
    app.synth();
  };
  const ops = (file: string) => existsSync(join(outdir, 'stacks', 'ops', file));
  expect(() => synth('Owner')).toThrow(/\[ops\] azurerm_role_assignment\.Role PG-IAM-2 /);
  expect([ops('postgres-security-report.json'), ops('postgres-security-report.md'), ops('cdk.tf.json')]).toEqual([true, true, false]);
  synth('Reader');
  expect([ops('postgres-security-report.json'), ops('postgres-security-report.md'), ops('cdk.tf.json')]).toEqual([false, false, true]);
  const result = check('check', outdir);
  expect(result.err).toEqual([]);
  expect(result.code).toBe(EXIT_OK);
  expect(result.out.find((line) => line.startsWith('ops: '))).toBe('ops: 0 server(s), 0 error(s), 0 warning(s), 0 suppressed, 0 passed');
});

test('the construct\'s own stack is judged as it is alone: the other stack adds nothing to it, and takes nothing from it', () => {
  const alone = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
  new SecureFlexibleServer(providerStack('data', alone), 'Postgres', minimalProps());
  const { app } = opsApp((ops, postgres) => new RoleAssignment(ops, 'Reader', { scope: postgres.serverId, roleDefinitionName: 'Reader', principalId: 'aaaaaaaa-0000-0000-0000-000000000001' }));
  const beside = checkApp(app);
  // ops adds no line of its own beside its summary: every other line is data's, as when data is alone.
  expect(beside.out.filter((line) => !line.startsWith('ops: '))).toEqual(checkApp(alone).out);
  expect(beside.out.filter((line) => line.startsWith('data: '))).toEqual([expect.stringMatching(/^data: 1 server\(s\), 0 error\(s\), 0 warning\(s\), 1 suppressed, [1-9]\d* passed$/)]);
});

test.each([
  ['a stack with no library construct', false],
  ['another construct\'s stack', true],
])('a construct whose props read %s (cross-stack references) passes synth and check', (_name, withConstruct) => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
  const data = providerStack('data', app);
  if (withConstruct) new SecureFlexibleServer(data, 'Postgres', minimalProps());
  const network = new VirtualNetwork(data, 'Network', { name: 'vnet-apps', location: 'westeurope', resourceGroupName: 'rg-network', addressSpace: ['10.1.0.0/16'] });
  const workspace = new LogAnalyticsWorkspace(data, 'Logs', { name: 'log-apps', location: 'westeurope', resourceGroupName: 'rg-logs' });
  const ops = providerStack('ops', app);
  new SecureFlexibleServer(ops, 'Postgres', minimalProps({
    name: 'apps-db',
    network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: network.id, subnetAddressPrefix: '10.1.1.0/28' }),
    diagnosticSettings: DiagnosticSettings.logAnalytics(workspace.id),
  }));
  // The construct pinned what its props gave (PG-CFG-6): a reference to another stack's resource is a cross-stack reference in the JSON.
  expect(() => app.synth()).not.toThrow();
  const report = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'ops', 'postgres-security-report.json'), 'utf8'));
  expect(report.findings.filter((f: { status: string }) => f.status === 'fail')).toEqual([]);
  expect(checkApp(app).code).toBe(EXIT_OK);
});

describe('a verdict on the whole server that another stack changes is that stack\'s finding', () => {
  // PGF-NET-8 judges the firewall rules together, on the server (no resource address): a wide
  // rule from ops makes the verdict on data's server fail, which data alone does not.
  const wide: Addition = (ops, postgres) => new PostgresqlFlexibleServerFirewallRule(ops, 'Wide', { name: 'wide', serverId: postgres.serverId, startIpAddress: '11.0.0.0', endIpAddress: '99.0.0.0' });
  const publicServer = (add: Addition) => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
    const postgres = new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps({ network: PUBLIC_ACCESS }));
    add(providerStack('ops', app), postgres);
    return app;
  };

  test('in synth, in the adding stack, naming the server by its stack', () => {
    expect(() => publicServer(wide).synth()).toThrow(/\[ops\] azurerm_postgresql_flexible_server\.Postgres_Server_\w+ \(stack "data"\) PGF-NET-8 the firewall rules open \d+ addresses together/);
  });

  test('in check, in the adding stack only', () => {
    const result = checkApp(publicServer(wide));
    expect(result.code).toBe(EXIT_FINDINGS);
    const ops = result.out.findIndex((line) => line.startsWith('ops: '));
    expect(result.out.slice(ops).filter((line) => / ERROR /.test(line))).toEqual([
      expect.stringMatching(/^ {2}ERROR +PGF-NET-8 +azurerm_postgresql_flexible_server\.Postgres_Server_\w+ \(stack "data"\): /),
      expect.stringMatching(/^ {2}ERROR +PG-NET-1 +azurerm_postgresql_flexible_server_firewall_rule\.Wide: /),
    ]);
    expect(result.out.find((line) => line.startsWith('data: '))).toMatch(/^data: 1 server\(s\), 0 error\(s\)/);
  });

  test('the other stack\'s own verdicts on its server are not repeated: a narrow rule adds only its own path (PG-NET-1, A10b-1)', () => {
    const narrow: Addition = (ops, postgres) => new PostgresqlFlexibleServerFirewallRule(ops, 'Narrow', { name: 'narrow', serverId: postgres.serverId, startIpAddress: '198.51.100.40', endIpAddress: '198.51.100.41' });
    const result = checkApp(publicServer(narrow));
    expect(result.code).toBe(EXIT_FINDINGS);
    const ops = result.out.findIndex((line) => line.startsWith('ops: '));
    expect(result.out.slice(ops).filter((line) => / ERROR /.test(line))).toEqual([expect.stringMatching(/^ {2}ERROR +PG-NET-1 +azurerm_postgresql_flexible_server_firewall_rule\.Narrow: /)]);
  });
});

describe('the stack a cross-stack reference reads is found as cdktf names it (sixth review, A6-1)', () => {
  const openRule: Addition = (ops, postgres) => new NetworkSecurityRule(ops, 'Open', { ...OPEN, networkSecurityGroupName: securityGroupOf(postgres).name });
  function appWith(dataStack: (app: App) => TerraformStack): App {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
    const postgres = new SecureFlexibleServer(dataStack(app), 'Postgres', minimalProps());
    openRule(providerStack('ops', app), postgres);
    return app;
  }
  const nested = (app: App) => providerStack('data', new Construct(app, 'Group') as App);
  const dotted = (app: App) => providerStack('data.v2', app);

  test.each([['nested in a construct (Group/data)', nested], ['with a dot in its id (data.v2)', dotted]])('a construct\'s stack %s: synth fails in the adding stack', (_name, dataStack) => {
    expect(() => appWith(dataStack).synth()).toThrow(/\[ops\] azurerm_network_security_rule\.Open PGF-NET-7 /);
  });

  test.each([['nested in a construct (Group/data)', nested], ['with a dot in its id (data.v2)', dotted]])('a construct\'s stack %s: check fails, by the folder names alone (no manifest)', (_name, dataStack) => {
    const result = checkApp(appWith(dataStack));
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out.filter((line) => / ERROR /.test(line))).toEqual([
      expect.stringMatching(/^ {2}ERROR +PGF-NET-7 +azurerm_network_security_rule\.Open: /),
      expect.stringMatching(/^ {2}ERROR +PGF-NET-11 +azurerm_network_security_group\.Postgres_SecurityGroup_\w+ \(stack "data(\.v2)?"\): /),
      expect.stringMatching(/^ {2}ERROR +PG-NET-1 +azurerm_network_security_rule\.Open: /),
    ]);
  });
});

test('a verdict reported on the construct\'s NSG that another stack\'s rule changes is that stack\'s finding (sixth review, A6-7)', () => {
  const wide: Addition = (ops, postgres) => new NetworkSecurityRule(ops, 'Wide', {
    ...OPEN, name: 'wide', priority: 150, protocol: 'Tcp', destinationPortRange: '5432', sourceAddressPrefix: '20.0.0.0/8', networkSecurityGroupName: securityGroupOf(postgres).name,
  });
  expect(() => opsApp(wide).app.synth()).toThrow(/\[ops\] azurerm_network_security_group\.Postgres_SecurityGroup_\w+ \(stack "data"\) PGF-NET-11 /);
  const result = checkApp(opsApp(wide).app);
  expect(result.code).toBe(EXIT_FINDINGS);
  const ops = result.out.findIndex((line) => line.startsWith('ops: '));
  // The rule itself is also a path the construct does not declare (PG-NET-1, A12b-5).
  expect(result.out.slice(ops).filter((line) => / ERROR /.test(line))).toEqual([
    expect.stringMatching(/^ {2}ERROR +PGF-NET-11 +azurerm_network_security_group\.Postgres_SecurityGroup_\w+ \(stack "data"\): /),
    expect.stringMatching(/^ {2}ERROR +PG-NET-1 +azurerm_network_security_rule\.Wide: /),
  ]);
});

test('in-database changes from another stack are compared with the DatabaseAccess\'s declarations (sixth review, A6-13)', () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
  const data = providerStack('data', app);
  const postgres = new SecureFlexibleServer(data, 'Postgres', serverProps());
  new DatabaseAccess(data, 'Access', accessProps(postgres));
  const ops = providerStack('ops', app);
  const signedIn = new PostgresqlProvider(ops, 'Postgresql', {
    alias: 'ops', host: postgres.fqdn, port: 5432, database: 'postgres', username: DBA, azureIdentityAuth: true, azureTenantId: TENANT_ID, sslmode: 'verify-full', superuser: false,
  });
  new GrantRole(ops, 'Escalate', { provider: signedIn, role: 'orders_app', grantRole: 'orders_owner' });
  expect(() => app.synth()).toThrow(/\[ops\] postgresql_grant_role\.Escalate PGD-IAM-13 /);
  const result = checkApp(app);
  expect(result.code).toBe(EXIT_FINDINGS);
  expect(result.out.filter((line) => / ERROR /.test(line))).toEqual([expect.stringMatching(/^ {2}ERROR +PGD-IAM-13 +postgresql_grant_role\.Escalate: /)]);
});

// A variable host may also carry connection parameters into the provider's URL (cyrilgdn/postgresql writes it unescaped): PGD-TLS-1 fails closed on it.
test.each([
  ['a variable', (ops: TerraformStack) => new TerraformVariable(ops, 'pghost', { type: 'string' }).stringValue, ['PGD-TLS-1']],
  ['an address', () => '10.0.1.4', []],
])('in-database changes from another stack through a host that is %s are compared with the DatabaseAccess\'s declarations (seventh review, A7-7)', (_name, hostOf, also) => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
  const data = providerStack('data', app);
  new DatabaseAccess(data, 'Access', accessProps(new SecureFlexibleServer(data, 'Postgres', serverProps())));
  const ops = providerStack('ops', app);
  const signedIn = new PostgresqlProvider(ops, 'Postgresql', {
    alias: 'ops', host: hostOf(ops), port: 5432, database: 'orders', username: DBA, azureIdentityAuth: true, azureTenantId: TENANT_ID, sslmode: 'verify-full', superuser: false,
  });
  new GrantRole(ops, 'Escalate', { provider: signedIn, role: 'orders_app', grantRole: 'orders_owner' });
  expect(() => app.synth()).toThrow(/\[ops\] postgresql_grant_role\.Escalate PGD-IAM-13 role orders_app is made a member of orders_owner/);
  const result = checkApp(app);
  expect(result.code).toBe(EXIT_FINDINGS);
  expect(result.out.filter((line) => / ERROR /.test(line)).map((line) => /^ {2}ERROR +(\S+) +postgresql_grant_role\.Escalate: /.exec(line)?.[1] ?? line).sort())
    .toEqual(['PGD-IAM-13', ...also].sort());
});

test('an override that re-points a cross-stack output a construct\'s props read fails in the stack that writes it (sixth review, A6-10)', () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
  const shared = providerStack('shared', app);
  const workspace = new LogAnalyticsWorkspace(shared, 'Logs', { name: 'log-apps', location: 'westeurope', resourceGroupName: 'rg-logs' });
  new LogAnalyticsWorkspace(shared, 'Other', { name: 'log-other', location: 'westeurope', resourceGroupName: 'rg-logs' });
  const data = providerStack('data', app);
  new SecureFlexibleServer(data, 'Postgres', minimalProps({ diagnosticSettings: DiagnosticSettings.logAnalytics(workspace.id) }));
  [shared, data].forEach((stack) => stack.prepareStack());
  shared.addOverride('output.cross-stack-output-azurerm_log_analytics_workspaceLogsid.value', '${azurerm_log_analytics_workspace.Other.id}');
  expect(() => app.synth()).toThrow(/\[shared\] output\.cross-stack-output-azurerm_log_analytics_workspaceLogsid PG-CFG-6 output\.cross-stack-output-azurerm_log_analytics_workspaceLogsid, which cdktf writes for another stack to read, holds "\$\{azurerm_log_analytics_workspace\.Other\.id\}", not the reference its name was made from/);
  const result = checkApp(app);
  expect(result.code).toBe(EXIT_FINDINGS);
  expect(result.out.filter((line) => / ERROR /.test(line))).toEqual([expect.stringMatching(/^ {2}ERROR +PG-CFG-6 +output\.cross-stack-output-azurerm_log_analytics_workspaceLogsid: /)]);
});

describe('a cross-stack read spelled outputs["<output>"] or with blanks is the same read (seventh review, A7-10)', () => {
  const respelled = (respell: (written: string) => string): Addition => (ops, postgres) => {
    const rule = new NetworkSecurityRule(ops, 'Open', { ...OPEN, networkSecurityGroupName: securityGroupOf(postgres).name });
    ops.prepareStack();
    const written = (ops.toTerraform() as any).resource.azurerm_network_security_rule.Open.network_security_group_name as string;
    rule.addOverride('network_security_group_name', respell(written));
  };
  const spellings: [string, Addition][] = [
    ['outputs["<output>"]', respelled((written) => written.replace(/\.outputs\.([\w-]+)\}$/, '.outputs["$1"]}'))],
    ['blanks around the dots', respelled((written) => written.replace(/\./g, ' . '))],
  ];

  test.each(spellings)('an allow-all rule on the construct\'s NSG read as %s fails synth in the adding stack', (_name, add) => {
    expect(() => opsApp(add).app.synth()).toThrow(/\[ops\] azurerm_network_security_rule\.Open PGF-NET-7 /);
  });

  test.each(spellings)('and as %s fails check in the adding stack', (_name, add) => {
    const result = checkApp(opsApp(add).app);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out).toContainEqual(expect.stringMatching(/^ {2}ERROR +PGF-NET-7 +azurerm_network_security_rule\.Open: /));
  });
});

describe('a cross-stack read must read the stack it is named after (sixth review, A6-12)', () => {
  /**
   * Stack "net" holds a library construct too, and a benign NSG at the same path under it as the
   * construct's NSG in "data": the same logical id, so its output has the name data's would have.
   * Stack "ops" adds an allow-all rule on net's benign NSG; `repoint` makes its read of net read
   * data's state, where the same output name holds the construct's NSG.
   */
  function decoyApp(repoint: boolean): App {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
    new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps());
    const net = providerStack('net', app);
    new SecureFlexibleServer(net, 'Other', minimalProps({ name: 'billing-db', network: vnetSubnet(2) }));
    const benign = new NetworkSecurityGroup(new Construct(net, 'Postgres'), 'SecurityGroup', { name: 'benign-nsg', location: 'westeurope', resourceGroupName: 'rg-net' });
    const ops = providerStack('ops', app);
    new NetworkSecurityRule(ops, 'Open', { ...OPEN, networkSecurityGroupName: benign.name });
    if (repoint) ops.addOverride('data.terraform_remote_state.cross-stack-reference-input-net.config.path', join(process.cwd(), 'terraform.data.tfstate'));
    return app;
  }

  test('as cdktf writes it, an allow-all rule on a benign NSG of another stack passes synth and check', () => {
    expect(() => decoyApp(false).synth()).not.toThrow();
    expect(checkApp(decoyApp(false)).code).toBe(EXIT_OK);
  });

  test('re-pointed by an override to another stack\'s state, it fails synth in the reading stack', () => {
    expect(() => decoyApp(true).synth()).toThrow(
      /\[ops\] data\.terraform_remote_state\.cross-stack-reference-input-net PG-CFG-6 data\.terraform_remote_state\.cross-stack-reference-input-net is cdktf's read of the outputs of stack "net", but its config\.path is not what that stack's backend settings make cdktf write/,
    );
  });

  test('and fails check on the app\'s cdktf.out, in the reading stack only', () => {
    const result = checkApp(decoyApp(true));
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out.filter((line) => / ERROR /.test(line))).toEqual([expect.stringMatching(/^ {2}ERROR +PG-CFG-6 +data\.terraform_remote_state\.cross-stack-reference-input-net: /)]);
  });

  test('check on a whole cdktf.out (its manifest lists every stack) refuses a read named after no stack; on one stack folder it is left alone', () => {
    const app = decoyApp(false);
    app.synth();
    const opsFile = join(app.outdir, 'stacks', 'ops', 'cdk.tf.json');
    const ops = JSON.parse(readFileSync(opsFile, 'utf8'));
    ops.data.terraform_remote_state['cross-stack-reference-input-ghost'] = { backend: 'local', config: { path: join(process.cwd(), 'terraform.data.tfstate') }, workspace: '${terraform.workspace}' };
    writeFileSync(opsFile, JSON.stringify(ops));
    const whole = check('check', app.outdir);
    expect(whole.code).toBe(EXIT_FINDINGS);
    expect(whole.out.filter((line) => / ERROR /.test(line))).toEqual([expect.stringMatching(/^ {2}ERROR +PG-CFG-6 +data\.terraform_remote_state\.cross-stack-reference-input-ghost: .*no stack of the app has that name/)]);
    expect(check('check', join(app.outdir, 'stacks', 'ops')).code).toBe(EXIT_OK);
  });

  test('with every stack on Terraform Cloud, a workspace in a project, as cdktf writes it, synth passes (eighth review, A8-3)', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
    const stacks = ['data', 'ops'].map((id) => {
      const stack = providerStack(id, app);
      new CloudBackend(stack, { organization: 'contoso', workspaces: new NamedCloudWorkspace(`ws-${id}`, 'platform') });
      return stack;
    });
    const postgres = new SecureFlexibleServer(stacks[0], 'Postgres', minimalProps());
    new TerraformOutput(stacks[1], 'Fqdn', { value: postgres.fqdn });
    expect(() => app.synth()).not.toThrow();
  });

  test('with every stack on an azurerm backend, as cdktf writes it, synth passes: the reads are compared with each stack\'s own backend', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
    const stacks = ['data', 'ops'].map((id) => {
      const stack = providerStack(id, app);
      new AzurermBackend(stack, { resourceGroupName: 'rg-state', storageAccountName: 'ststate', containerName: 'tfstate', key: `${id}.tfstate` });
      return stack;
    });
    const postgres = new SecureFlexibleServer(stacks[0], 'Postgres', minimalProps());
    new TerraformOutput(stacks[1], 'Fqdn', { value: postgres.fqdn });
    expect(() => app.synth()).not.toThrow();
    const ops = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'ops', 'cdk.tf.json'), 'utf8'));
    expect(ops.data.terraform_remote_state['cross-stack-reference-input-data']).toMatchObject({ backend: 'azurerm', config: { key: 'data.tfstate' } });
  });
});

describe('a value relayed through a stack that holds no construct is followed (seventh review, A7-4)', () => {
  /** Stack "net" holds no construct: it re-exports the construct's values through locals; "ops" reads them from net. */
  function relayApp(add: (ops: TerraformStack, relayed: { nsgName: string; serverId: string }) => void): App {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
    const postgres = new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps());
    const net = providerStack('net', app);
    const nsgName = new TerraformLocal(net, 'postgresNsgName', securityGroupOf(postgres).name).asString;
    const serverId = new TerraformLocal(net, 'postgresServerId', postgres.serverId).asString;
    add(providerStack('ops', app), { nsgName, serverId });
    return app;
  }

  test.each<[string, string, string, (ops: TerraformStack, relayed: { nsgName: string; serverId: string }) => void]>([
    ['an allow-all rule on the construct\'s NSG', 'azurerm_network_security_rule.Open', 'PGF-NET-7', (ops, { nsgName }) => new NetworkSecurityRule(ops, 'Open', { ...OPEN, networkSecurityGroupName: nsgName })],
    ['Owner on the construct\'s server', 'azurerm_role_assignment.Owner', 'PG-IAM-2', (ops, { serverId }) => new RoleAssignment(ops, 'Owner', { scope: serverId, roleDefinitionName: 'Owner', principalId: 'aaaaaaaa-0000-0000-0000-000000000001' })],
  ])('%s, by a value ops reads from net, fails synth and check in ops', (_name, address, ruleId, add) => {
    const escaped = address.replace(/\./g, '\\.');
    expect(() => relayApp(add).synth()).toThrow(new RegExp(`\\[ops\\] ${escaped} ${ruleId} `));
    const result = checkApp(relayApp(add));
    expect(result.code).toBe(EXIT_FINDINGS);
    const ops = result.out.findIndex((line) => line.startsWith('ops: '));
    expect(result.out.slice(ops).filter((line) => / ERROR /.test(line))[0]).toMatch(new RegExp(`^ {2}ERROR +${ruleId} +${escaped}: `));
  });

  test('a relayed value used harmlessly (an output of the server\'s ID) passes synth and check', () => {
    const harmless = (ops: TerraformStack, { serverId }: { serverId: string }) => new TerraformOutput(ops, 'ServerId', { value: serverId });
    expect(() => relayApp(harmless).synth()).not.toThrow();
    expect(checkApp(relayApp(harmless)).code).toBe(EXIT_OK);
  });
});

test('check still joins a construct\'s stack whose library lists were deleted by hand, when another stack reads it (seventh review, A7-5)', () => {
  const { app } = opsApp((ops, postgres) => new NetworkSecurityRule(ops, 'Open', { ...OPEN, networkSecurityGroupName: securityGroupOf(postgres).name }));
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  stacks.forEach((stack) => stack.prepareStack());
  const written = Object.fromEntries(stacks.map((stack) => [stack.node.id, JSON.parse(JSON.stringify(stack.toTerraform()))]));
  for (const key of Object.keys(written.data['//'])) if (key.startsWith('cdktf-azure-postgres')) delete written.data['//'][key];
  // Every mark removed alike: the shared zones' reserved construct id too, else the file is refused (A23-1).
  written.data = JSON.parse(JSON.stringify(written.data).replace(/cdktf-azure-postgres-private-dns-zones/g, 'zones'));
  const result = check('check', cdktfOut(written));
  expect(result.code).toBe(EXIT_FINDINGS);
  expect(result.out.filter((line) => / ERROR /.test(line))).toContainEqual(expect.stringMatching(/^ {2}ERROR +PGF-NET-7 +azurerm_network_security_rule\.Open: /));
});

test('check on a cdktf.out whose manifest has two stacks\' construct paths swapped still fails the other stack\'s rule (seventh review, A7-8)', () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
  const eu = new SecureFlexibleServer(providerStack('data', new Construct(app, 'eu') as App), 'Postgres', minimalProps());
  new SecureFlexibleServer(providerStack('data2', new Construct(app, 'us') as App), 'Postgres', minimalProps({ name: 'orders-us', network: vnetSubnet(2) }));
  new NetworkSecurityRule(providerStack('ops', app), 'Open', { ...OPEN, networkSecurityGroupName: securityGroupOf(eu).name });
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  stacks.forEach((stack) => stack.prepareStack());
  const out = cdktfOut(Object.fromEntries(stacks.map((stack) => [stack.node.id, JSON.parse(JSON.stringify(stack.toTerraform()))])));
  const entry = (name: string, constructPath: string) => ({ name, constructPath, synthesizedStackPath: `stacks/${name}/cdk.tf.json` });
  writeFileSync(join(out, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { data: entry('data', 'us/data2'), data2: entry('data2', 'eu/data'), ops: entry('ops', 'ops') } }));
  const result = check('check', out);
  expect(result.code).toBe(EXIT_FINDINGS);
  const errors = result.out.filter((line) => / ERROR /.test(line));
  expect(errors).toContainEqual(expect.stringMatching(/^ {2}ERROR +PGF-NET-7 +azurerm_network_security_rule\.Open: /));
  expect(errors).toContainEqual(expect.stringMatching(/^ {2}ERROR +PG-CFG-6 +data\.terraform_remote_state\.cross-stack-reference-input-eu--data: .*config\.path/));
});

test('a construct\'s prop read from a deep construct of another stack (an output name cdktf cuts and hashes) passes synth (seventh review, A7-14)', () => {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
  let scope: Construct = providerStack('app', app);
  for (let i = 0; i < 8; i++) scope = new Construct(scope, `PlatformSharedIdentityLayer${i}`);
  const identity = new UserAssignedIdentity(scope, 'Id', { name: 'id-app', resourceGroupName: 'rg-app', location: 'westeurope' });
  new SecureFlexibleServer(providerStack('data', app), 'Postgres', minimalProps({
    roleAssignments: [{ role: RoleDefinition.builtIn('Contributor'), principalId: identity.principalId, principalType: EntraPrincipalType.SERVICE_PRINCIPAL, justification: 'App deploys schema changes (OPS-9)' }],
  }));
  expect(() => app.synth()).not.toThrow();
  const outputs = Object.keys(JSON.parse(readFileSync(join(app.outdir, 'stacks', 'app', 'cdk.tf.json'), 'utf8')).output);
  expect(outputs).toEqual([expect.stringMatching(/^cross-stack-output-\w{221}_[0-9A-F]{8}$/)]);
});

// Adversarial run of stop 70, B16, B35: another stack's server is written through its own stack's azurerm provider, so what the adding
// stack writes in the server's subscription (through an alias, or by a literal scope) is the server's, and what it writes in another
// subscription by the server's name is not.
describe('beside a construct whose stack names its subscription, from a stack whose default provider names another', () => {
  const SERVER_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
  function subscriptionsApp(add: (ops: TerraformStack, other: AzurermProvider) => void): App {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'beside-')) });
    const data = new TerraformStack(app, 'data');
    new AzurermProvider(data, 'azurerm', { features: [{}], subscriptionId: SERVER_SUBSCRIPTION });
    new SecureFlexibleServer(data, 'Postgres', minimalProps());
    const ops = new TerraformStack(app, 'ops');
    new AzurermProvider(ops, 'azurerm', { features: [{}], subscriptionId: '11111111-1111-1111-1111-111111111111' });
    add(ops, new AzurermProvider(ops, 'other', { features: [{}], subscriptionId: SERVER_SUBSCRIPTION, alias: 'other' }));
    return app;
  }
  const admin = (ops: TerraformStack, provider?: AzurermProvider) => new PostgresqlFlexibleServerActiveDirectoryAdministrator(ops, 'Admin', {
    serverName: 'orders-db', resourceGroupName: 'rg-orders', tenantId: '11111111-2222-3333-4444-555555555555',
    objectId: 'bbbbbbbb-0000-0000-0000-000000000000', principalName: 'intruder', principalType: 'User', ...(provider === undefined ? {} : { provider }),
  });
  const errors = (app: App) => checkApp(app).out.filter((line) => / ERROR /.test(line));

  test.each([
    ['an Entra administrator by the server\'s name, through an alias of the server\'s subscription', 'PG-IAM-3', 'azurerm_postgresql_flexible_server_active_directory_administrator.Admin',
      (ops: TerraformStack, other: AzurermProvider) => admin(ops, other)],
    ['Owner on the server\'s resource group, a literal scope in its subscription', 'PG-IAM-2', 'azurerm_role_assignment.Owner',
      (ops: TerraformStack) => new RoleAssignment(ops, 'Owner', { scope: `/subscriptions/${SERVER_SUBSCRIPTION}/resourceGroups/rg-orders`, roleDefinitionName: 'Owner', principalId: 'aaaaaaaa-0000-0000-0000-000000000001' })],
  ])('%s fails synth and check', (_, ruleId, address, add) => {
    const pattern = new RegExp(`${address.replace(/\./g, '\\.')}:? ${ruleId}|${ruleId} +${address.replace(/\./g, '\\.')}:`);
    expect(errors(subscriptionsApp(add))).toContainEqual(expect.stringMatching(pattern));
    expect(() => subscriptionsApp(add).synth()).toThrow(new RegExp(`\\[ops\\] ${address.replace(/\./g, '\\.')} ${ruleId} `));
  });

  test('an Entra administrator by the server\'s name in the adding stack\'s own subscription is another server\'s (Azure names are global: it fails at apply)', () => {
    expect(errors(subscriptionsApp((ops) => admin(ops)))).not.toContainEqual(expect.stringMatching(/PG-IAM-3/));
  });
});
