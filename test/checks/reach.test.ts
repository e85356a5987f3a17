import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PostgresqlConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-configuration';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { runCheck } from '../../lib/cli/check-command';
import { minimalProps, minimalSingleProps } from '../helpers';

// Every resource that reaches a server is judged, however it spells the server: IDs as azurerm
// parses them, names in any case, and IDs the model cannot place judged on a server of their own.

const REASON = 'break-glass access for the 2026-12 incident';
const SERVER_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db';
const PUBLIC = FlexibleServerNetwork.publicAccess({ allowedIpRanges: [{ name: 'office', startIpAddress: '198.51.100.16', endIpAddress: '198.51.100.31' }], justification: REASON });

function providerStack(app = Testing.app()): TerraformStack {
  const stack = new TerraformStack(app, 'trust');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

/** The lines synth fails with, or [] when it passes (validations on, as cdktf synth runs them). */
function synthErrors(stack: TerraformStack): string[] {
  try {
    Testing.synth(stack, true);
    return [];
  } catch (error) {
    return (error as Error).message.split('\n').filter((line) => line.startsWith('  ['));
  }
}

/** The check command's exit code and output on what a real app.synth() writes (skipping validations, so a failing stack is written). */
function check(build: (stack: TerraformStack) => void): { code: number; out: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'reach-'));
  const app = new App({ outdir, skipValidation: true });
  build(providerStack(app));
  app.synth();
  const out: string[] = [];
  const code = runCheck(['check', outdir], { out: (line) => out.push(line), err: (line) => out.push(line) });
  return { code, out: out.join('\n') };
}

/** The lines a SecureFlexibleServer's synth fails with when a wide firewall rule and a TLS-off parameter reach it. */
const WIDE_AND_TLS_OFF = [
  '  [trust] azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 PGF-NET-8 the firewall rules open 1476395025 addresses together (overlaps counted once), more than 256 (a /24); the widest is 11.0.0.0-99.0.0.0 (azurerm_postgresql_flexible_server_firewall_rule.Wide). Fix: Narrow the firewall rules to the addresses your clients connect from (256 in total at most), or justify wider ranges (publicAccess.wideRanges, or a suppression with a reason).',
  '  [trust] azurerm_postgresql_flexible_server_configuration.TlsOff PGF-TLS-1 server parameter require_secure_transport is "off", not "on". Fix: Add an azurerm_postgresql_flexible_server_configuration require_secure_transport = "on".',
  '  [trust] azurerm_postgresql_flexible_server_configuration.TlsOff PGF-CFG-1 server parameter require_secure_transport is set by 2 resources (azurerm_postgresql_flexible_server_configuration.Postgres_Parameter-require_secure_transport_842FA61E, azurerm_postgresql_flexible_server_configuration.TlsOff), so its value depends on which Azure applies last. Fix: Keep one azurerm_postgresql_flexible_server_configuration per parameter name, with a literal name.',
];

describe('F1: a server ID azurerm accepts reaches its server, however it is written', () => {
  test.each<[string, string]>([
    ['a "/" after the name', `${SERVER_ID}/`],
    ['the name in upper case', SERVER_ID.replace('orders-db', 'ORDERS-DB')],
    ['the subscription from a data source', SERVER_ID.replace('00000000-0000-0000-0000-000000000000', '${data.azurerm_client_config.c.subscription_id}')],
    ['no leading "/"', SERVER_ID.slice(1)],
  ])('a TLS-off parameter and a wide firewall rule with %s fail the construct\'s synth and the check command', (_, serverId) => {
    const build = (stack: TerraformStack) => {
      new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: PUBLIC }));
      new PostgresqlFlexibleServerFirewallRule(stack, 'Wide', { serverId, name: 'wide', startIpAddress: '11.0.0.0', endIpAddress: '99.0.0.0' });
      new PostgresqlFlexibleServerConfiguration(stack, 'TlsOff', { serverId, name: 'require_secure_transport', value: 'off' });
    };
    const stack = providerStack();
    build(stack);
    expect(synthErrors(stack)).toEqual(WIDE_AND_TLS_OFF);
    expect(check(build).code).toBe(1);
  });
});

describe('F9: a literal server name reaches the server whatever its letter case', () => {
  test.each(['LEGACY-DB', 'legacy-db '])('a log_connections = off on a Single Server named %j fails the construct\'s synth', (serverName) => {
    const stack = providerStack();
    new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
    new PostgresqlConfiguration(stack, 'Quiet', { serverName, resourceGroupName: 'rg-legacy', name: 'log_connections', value: 'off' });
    expect(synthErrors(stack).filter((line) => line.includes(' PGS-LOG-2 '))).toEqual([
      '  [trust] azurerm_postgresql_configuration.Quiet PGS-LOG-2 server parameter log_connections is "off", not "on". Fix: Add an azurerm_postgresql_configuration log_connections = "on" for the server.',
    ]);
  });
});

describe('F1: a server ID no rule can place is judged on a server of its own', () => {
  const build = (stack: TerraformStack) => {
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: PUBLIC }));
    new PostgresqlFlexibleServerConfiguration(stack, 'TlsOff', { serverId: `${SERVER_ID}//`, name: 'require_secure_transport', value: 'off' });
  };

  test('the check command fails it', () => {
    const { code, out } = check(build);
    expect(code).toBe(1);
    expect(out.split('\n')).toContain('  ERROR      PGF-TLS-1  azurerm_postgresql_flexible_server_configuration.TlsOff: server parameter require_secure_transport is "off", not "on". Fix: Add an azurerm_postgresql_flexible_server_configuration require_secure_transport = "on".');
  });

  test('the construct, which judges only its own server, lists it as not judged', () => {
    const stack = providerStack();
    build(stack);
    const evaluation = evaluateStack(stack.toTerraform(), ALL_RULES, { inScope: (server) => server.constructPath?.startsWith('trust/Postgres/') === true });
    expect(evaluation.unjudged.map((r) => r.address)).toEqual(['azurerm_postgresql_flexible_server_configuration.TlsOff']);
  });
});

describe('F3: resources that act on a server through types no rule reads fail synth', () => {
  const build = (stack: TerraformStack) => {
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: PUBLIC }));
    stack.addOverride('resource.azapi_resource.fw', { type: 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01', name: 'all', parent_id: postgres.serverId, body: { properties: { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' } } });
    stack.addOverride('module.fw', { source: 'git::https://example.com/m.git//pg-firewall', server_id: postgres.serverId });
    postgres.server.addOverride('provisioner', [{ 'local-exec': { command: 'az postgres flexible-server parameter set --name require_secure_transport --value off -s orders-db -g rg-orders' } }]);
    return postgres;
  };

  test('an azapi resource, a module given the server ID and a provisioner on the construct\'s server', () => {
    const stack = providerStack();
    build(stack);
    expect(synthErrors(stack)).toEqual([
      '  [trust] azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 PG-CFG-2 the resource, which trust/Postgres makes, has a provisioner block, so commands no rule reads may change what the construct made. Fix: Remove the count, for_each, provisioner or connection override; change the construct\'s props instead.',
      '  [trust] azapi_resource.fw PG-CFG-3 an azapi_resource of type "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01" reaches the server; no rule reads what it does there, so it cannot be judged. Fix: Manage the server with the azurerm PostgreSQL resources the rules read, or review the resource by hand and suppress PG-CFG-3 on it with the reason.',
      '  [trust] azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 PG-CFG-3 a provisioner (local-exec) reaches the server; no rule reads what it does there, so it cannot be judged. Fix: Manage the server with the azurerm PostgreSQL resources the rules read, or review the resource by hand and suppress PG-CFG-3 on it with the reason.',
      '  [trust] module.fw PG-CFG-3 a module reaches the server; no rule reads what it does there, so it cannot be judged. Fix: Manage the server with the azurerm PostgreSQL resources the rules read, or review the resource by hand and suppress PG-CFG-3 on it with the reason.',
    ]);
  });
});
