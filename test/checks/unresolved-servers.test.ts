import { existsSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PostgresqlConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-configuration';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { GrantRole } from '@cdktf/provider-postgresql/lib/grant-role';
import { Role } from '@cdktf/provider-postgresql/lib/role';
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { FlexibleServerAuthentication, FlexibleServerNetwork, SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { minimalProps, minimalSingleProps, providerStack, SUBSCRIPTION, vnetSubnet } from '../helpers';

// A SecureFlexibleServer's (or SecureSingleServer's) synth judges more than the servers under its
// path: the servers that resources of any stack of its app reach by an ID, name or expression
// naming no server of their stack, since such a resource may be one on the construct's server.
// They fail where they weaken, or where the value is known only later.

const REASON = 'break-glass access for the 2026-12 incident';
// The server's name is known only later, so no server of the stack can be matched to the ID.
const NAME_TOKEN = '${var.server_name}';
const ID_WITH_TOKEN = `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/${NAME_TOKEN}`;
const UNKNOWN = `(server unknown) azurerm_postgresql_flexible_server for ${ID_WITH_TOKEN}`;
const WIDE = 'the firewall rules open 1476395009 addresses together (overlaps counted once), more than 256 (a /24); the widest is 11.0.0.0-99.0.0.0 '
  + '(azurerm_postgresql_flexible_server_firewall_rule.Wide). Fix: Narrow the firewall rules to the addresses your clients connect from (256 in total at most), '
  + 'or justify wider ranges (publicAccess.wideRanges, or a suppression with a reason).';
const PUBLIC = FlexibleServerNetwork.publicAccess({ allowedIpRanges: [{ name: 'office', startIpAddress: '198.51.100.16', endIpAddress: '198.51.100.31' }], justification: REASON });

/** The lines synth fails with, or [] when it passes. */
function synthErrors(run: () => void): string[] {
  try {
    run();
    return [];
  } catch (error) {
    return (error as Error).message.split('\n').filter((line) => line.startsWith('  [') && !line.includes('skipValidation'));
  }
}

function tlsOff(stack: TerraformStack, serverId: string): void {
  new PostgresqlFlexibleServerConfiguration(stack, 'TlsOff', { serverId, name: 'require_secure_transport', value: 'off' });
}

function wideRule(stack: TerraformStack, serverId: string): void {
  new PostgresqlFlexibleServerFirewallRule(stack, 'Wide', { serverId, name: 'wide', startIpAddress: '11.0.0.0', endIpAddress: '99.0.0.0' });
}

function outdirApp(): App {
  return new App({ outdir: mkdtempSync(join(tmpdir(), 'unresolved-')) });
}

describe('in the construct\'s stack', () => {
  test('a TLS-off parameter whose server ID holds an expression for the name fails synth', () => {
    const stack = providerStack('orders');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    tlsOff(stack, ID_WITH_TOKEN);
    expect(synthErrors(() => Testing.synth(stack, true))).toEqual([
      `  [orders] azurerm_postgresql_flexible_server_configuration.TlsOff PGF-TLS-1 server parameter require_secure_transport is "off", not "on". Fix: Add an azurerm_postgresql_flexible_server_configuration require_secure_transport = "on".`,
    ]);
  });

  test.each(['password_encryption', 'azure.accepted_password_auth_method'])('%s = md5 on a server known only at apply time fails synth', (name) => {
    const stack = providerStack('orders');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({
      authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_orders', justification: REASON }),
    }));
    new PostgresqlFlexibleServerConfiguration(stack, 'Md5', { serverId: '${var.sid}', name, value: 'md5' });
    const wanted = name === 'password_encryption' ? '"scram-sha-256"' : '"scram-sha-256" alone';
    expect(synthErrors(() => Testing.synth(stack, true))).toEqual([
      `  [orders] azurerm_postgresql_flexible_server_configuration.Md5 PGF-IAM-6 server parameter ${name} is "md5", not ${wanted}. `
        + 'Fix: Add azurerm_postgresql_flexible_server_configuration password_encryption = "scram-sha-256" and azure.accepted_password_auth_method = "scram-sha-256", or turn password authentication off.',
    ]);
  });

  test('scram-sha-256 on a server known only at apply time passes', () => {
    const stack = providerStack('orders');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    new PostgresqlFlexibleServerConfiguration(stack, 'Scram', { serverId: '${var.sid}', name: 'password_encryption', value: 'scram-sha-256' });
    expect(synthErrors(() => Testing.synth(stack, true))).toEqual([]);
  });

  test('a wide firewall rule on such a server fails synth', () => {
    const stack = providerStack('orders');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: PUBLIC }));
    wideRule(stack, ID_WITH_TOKEN);
    // The rule may be one of the construct's server: a path it does not declare too (A12b-4).
    expect(synthErrors(() => Testing.synth(stack, true))).toEqual([expect.stringMatching(/^ {2}\[orders\] azurerm_postgresql_flexible_server_firewall_rule\.\w+ PG-NET-1 /), `  [orders] ${UNKNOWN} PGF-NET-8 ${WIDE}`]);
  });

  test('a TLS-off parameter on the server\'s ID with its name in capitals fails synth', () => {
    const stack = providerStack('orders');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    tlsOff(stack, `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/ORDERS-DB`);
    // Names are matched ignoring case, as Azure does: the parameter is the construct's server's second one.
    expect(synthErrors(() => Testing.synth(stack, true))).toEqual([
      `  [orders] azurerm_postgresql_flexible_server_configuration.TlsOff PGF-TLS-1 server parameter require_secure_transport is "off", not "on". Fix: Add an azurerm_postgresql_flexible_server_configuration require_secure_transport = "on".`,
      '  [orders] azurerm_postgresql_flexible_server_configuration.TlsOff PGF-CFG-1 server parameter require_secure_transport is set by 2 resources '
        + '(azurerm_postgresql_flexible_server_configuration.Postgres_Parameter-require_secure_transport_842FA61E, azurerm_postgresql_flexible_server_configuration.TlsOff), '
        + 'so its value depends on which Azure applies last. Fix: Keep one azurerm_postgresql_flexible_server_configuration per parameter name, with a literal name.',
    ]);
  });

  test('a superuser role through a postgresql provider whose host is the server\'s private IP fails synth', () => {
    const stack = providerStack('orders');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const provider = new PostgresqlProvider(stack, 'postgresql', { host: '10.0.1.4', database: 'postgres', username: 'db-admins', sslmode: 'verify-full' });
    new Role(stack, 'Root', { provider, name: 'root', login: true, superuser: true });
    // The address may be the construct's server: the provider's password sign-in fails as it does on the construct's (A6-9).
    expect(synthErrors(() => Testing.synth(stack, true))).toEqual([
      expect.stringMatching(/^ {2}\[orders\] postgresql_role\.Root PGD-IAM-1 /),
      expect.stringMatching(/^ {2}\[orders\] postgresql_role\.Root PGD-IAM-10 provider postgresql has azure_identity_auth not set/),
    ]);
  });

  test.each(['127.0.0.1', 'pg.internal.example.com'])('a password login granted the construct\'s group through a provider at %s fails synth', (host) => {
    const stack = providerStack('orders');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const provider = new PostgresqlProvider(stack, 'tunnel', { alias: 'tunnel', host, database: 'postgres', username: 'db-admins', azureIdentityAuth: true, sslmode: 'require' });
    const login = new Role(stack, 'Login', { provider, name: 'sneaky', login: true, password: new TerraformVariable(stack, 'pw', { type: 'string', sensitive: true }).stringValue });
    new GrantRole(stack, 'Owner', { provider, role: login.name, grantRole: 'orders_owner' });
    expect(synthErrors(() => Testing.synth(stack, true))).toEqual(expect.arrayContaining([expect.stringMatching(/^ {2}\[orders\] postgresql_role\.Login PGD-IAM-3 /)]));
  });

  test('a narrow firewall rule on such a server may be one of the construct\'s server: PG-NET-1 (A12b-4)', () => {
    const stack = providerStack('orders');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    new PostgresqlFlexibleServerFirewallRule(stack, 'Narrow', { serverId: ID_WITH_TOKEN, name: 'narrow', startIpAddress: '198.51.100.16', endIpAddress: '198.51.100.31' });
    expect(synthErrors(() => Testing.synth(stack, true))).toEqual([
      expect.stringMatching(/^ {2}\[orders\] azurerm_postgresql_flexible_server_firewall_rule\.Narrow PG-NET-1 azurerm_postgresql_flexible_server_firewall_rule\.Narrow, whose server_id ".*" is known only at apply time and may be this server, opens a network path orders\/Postgres does not declare\. /),
    ]);
  });

  test('a Single Server parameter on a server name with a trailing blank fails synth', () => {
    const stack = providerStack('orders');
    new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
    new PostgresqlConfiguration(stack, 'Quiet', { serverName: 'legacy-db ', resourceGroupName: 'rg-legacy', name: 'log_connections', value: 'off' });
    expect(synthErrors(() => Testing.synth(stack, true))).toEqual([
      expect.stringMatching(/^ {2}\[orders\] azurerm_postgresql_configuration\.Quiet PGS-LOG-\d server parameter log_connections is "off"/),
      '  [orders] azurerm_postgresql_configuration.Quiet PGS-CFG-1 server parameter log_connections is set by 2 resources '
        + '(azurerm_postgresql_configuration.Legacy_Parameter-log_connections_B62BC937, azurerm_postgresql_configuration.Quiet), '
        + 'so its value depends on which Azure applies last. Fix: Keep one azurerm_postgresql_configuration per parameter name, with a literal name.',
    ]);
  });

  test('without a library construct, the stack\'s unresolved servers are left to applyTo and the check command', () => {
    const stack = providerStack('orders');
    tlsOff(stack, ID_WITH_TOKEN);
    expect(synthErrors(() => Testing.synth(stack, true))).toEqual([]);
  });
});

describe('in another stack of the app', () => {
  test('a firewall rule that reaches the server through a cross-stack reference fails synth', () => {
    const app = outdirApp();
    const orders = providerStack('orders', app);
    const postgres = new SecureFlexibleServer(orders, 'Postgres', minimalProps({ network: PUBLIC }));
    const network = providerStack('network', app);
    wideRule(network, postgres.serverId);
    // The reference is followed to the construct's server (other-stacks.ts), whose own rule (the office's 16 addresses) counts too.
    const together = WIDE.replace('open 1476395009 addresses', 'open 1476395025 addresses');
    expect(synthErrors(() => app.synth())).toEqual([
      `  [network] azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 (stack "orders") PGF-NET-8 ${together}`,
      expect.stringMatching(/^ {2}\[network\] azurerm_postgresql_flexible_server_firewall_rule\.Wide PG-NET-1 .* a path orders\/Postgres does not declare\. /),
    ]);
  });

  test('a TLS-off parameter in a stack made before the construct fails synth', () => {
    const app = outdirApp();
    const earlier = providerStack('earlier', app);
    new SecureFlexibleServer(providerStack('orders', app), 'Postgres', minimalProps());
    tlsOff(earlier, ID_WITH_TOKEN);
    expect(synthErrors(() => app.synth())).toEqual([
      `  [earlier] azurerm_postgresql_flexible_server_configuration.TlsOff PGF-TLS-1 server parameter require_secure_transport is "off", not "on". Fix: Add an azurerm_postgresql_flexible_server_configuration require_secure_transport = "on".`,
    ]);
  });

  test('a TLS-off parameter in a stack made after the construct fails synth, with skipValidation too', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'unresolved-')), skipValidation: true });
    new SecureFlexibleServer(providerStack('orders', app), 'Postgres', minimalProps());
    tlsOff(providerStack('later', app), ID_WITH_TOKEN);
    expect(synthErrors(() => app.synth())).toEqual([
      `  [later] azurerm_postgresql_flexible_server_configuration.TlsOff PGF-TLS-1 server parameter require_secure_transport is "off", not "on". Fix: Add an azurerm_postgresql_flexible_server_configuration require_secure_transport = "on".`,
    ]);
  });

  test('a TLS-off parameter in a stack made between two constructs, synthesized before theirs, fails synth', () => {
    const app = outdirApp();
    const group = new Construct(app, 'group');
    const orders = providerStack('orders', app);
    new SecureFlexibleServer(orders, 'First', minimalProps({ name: 'first' }));
    const earlier = new TerraformStack(group, 'earlier');
    new AzurermProvider(earlier, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(orders, 'Second', minimalProps({ name: 'second', network: vnetSubnet(2) }));
    tlsOff(earlier, ID_WITH_TOKEN);
    expect(synthErrors(() => app.synth())).toEqual([
      `  [group/earlier] azurerm_postgresql_flexible_server_configuration.TlsOff PGF-TLS-1 server parameter require_secure_transport is "off", not "on". Fix: Add an azurerm_postgresql_flexible_server_configuration require_secure_transport = "on".`,
    ]);
  });

  test('a TLS-off parameter in a stack inside the construct\'s stack fails synth', () => {
    const app = outdirApp();
    const orders = providerStack('orders', app);
    new SecureFlexibleServer(orders, 'Postgres', minimalProps());
    const inner = new TerraformStack(orders, 'inner');
    new AzurermProvider(inner, 'azurerm', { features: [{}] });
    tlsOff(inner, ID_WITH_TOKEN);
    expect(synthErrors(() => app.synth())).toEqual([
      `  [orders/inner] azurerm_postgresql_flexible_server_configuration.TlsOff PGF-TLS-1 server parameter require_secure_transport is "off", not "on". Fix: Add an azurerm_postgresql_flexible_server_configuration require_secure_transport = "on".`,
    ]);
  });

  test('another stack with nothing unresolved synthesizes, and gets no report', () => {
    const app = outdirApp();
    new SecureFlexibleServer(providerStack('orders', app), 'Postgres', minimalProps());
    providerStack('network', app);
    app.synth();
    expect(existsSync(join(app.outdir, 'stacks', 'network', 'postgres-security-report.json'))).toBe(false);
    expect(existsSync(join(app.outdir, 'stacks', 'network', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(app.outdir, 'stacks', 'orders', 'postgres-security-report.json'))).toBe(true);
  });
});
