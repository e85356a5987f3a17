import { DataAzurermPostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/data-azurerm-postgresql-flexible-server';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Database } from '@cdktf/provider-postgresql/lib/database';
import { Extension } from '@cdktf/provider-postgresql/lib/extension';
import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DatabaseAccess, SecureFlexibleServer } from '../../lib';
import { sourceRelation } from '../../lib/checks/data-source-aliases';
import { buildStackModel } from '../../lib/checks/stack-model';
import { minimalProps, synthErrors } from '../helpers';

// A server lookup reads through its own azurerm provider configuration, in that configuration's cloud (42nd run, A42a-2). Server names are
// unique within one cloud only (each cloud's DNS zone: postgres.database.azure.com, .usgovcloudapi.net, .chinacloudapi.cn), so a lookup by
// the stack's server's name and group through a configuration of another cloud finds another server: what is done through its fqdn (a
// PUBLIC revoke, pgaudit), or written with its id (a parameter), is not the stack's server's. A lookup whose cloud, or the server's, may
// differ (one environment written, the other left to ARM_ENVIRONMENT) may be either: it satisfies no control.

/** An azurerm configuration: its alias and environment (null: not written). */
interface Configuration {
  readonly alias: string;
  readonly environment: string | null;
}

interface Options {
  /** The environment of the default azurerm configuration (the server's), null: not written. */
  readonly serverEnvironment?: string | null;
  /** The configuration the lookup reads through; none: the default one. */
  readonly lookupThrough?: Configuration;
  /** The lookup's name, from the server's address; its literal name unless given. */
  readonly lookupName?: (server: string) => string;
  /** The server's own configuration (an alias of the configuration `lookupThrough` when it is the same alias). */
  readonly serverThrough?: Configuration;
}

/**
 * A stack whose construct's server (orders-db in rg-orders) gets database "analytics" through its own provider, and whose provider
 * "sent" (host: the fqdn of a lookup of orders-db in rg-orders) does the PUBLIC revoke and pgaudit there.
 */
function stackWith(options: Options): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'lookups');
  new AzurermProvider(stack, 'azurerm', { features: [{}], environment: options.serverEnvironment ?? undefined });
  const configurations = new Map<string, AzurermProvider>();
  for (const configuration of [options.lookupThrough, options.serverThrough]) {
    if (configuration === undefined || configurations.has(configuration.alias)) continue;
    configurations.set(configuration.alias, new AzurermProvider(stack, configuration.alias, { features: [{}], alias: configuration.alias, environment: configuration.environment ?? undefined }));
  }
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  if (options.serverThrough !== undefined) postgres.server.addOverride('provider', `azurerm.${options.serverThrough.alias}`);
  new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
  const server = `${postgres.server.terraformResourceType}.${postgres.server.friendlyUniqueId}`;
  const lookup = new DataAzurermPostgresqlFlexibleServer(stack, 'Looked', {
    provider: options.lookupThrough === undefined ? undefined : configurations.get(options.lookupThrough.alias),
    name: options.lookupName?.(server) ?? 'orders-db',
    resourceGroupName: 'rg-orders',
  });
  const signIn = { database: 'postgres', sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true, azureTenantId: 't', superuser: false };
  const made = new PostgresqlProvider(stack, 'made', { alias: 'made', host: postgres.fqdn, ...signIn });
  const sent = new PostgresqlProvider(stack, 'sent', { alias: 'sent', host: lookup.fqdn, ...signIn });
  new Database(stack, 'Analytics', { provider: made, name: 'analytics' });
  new Grant(stack, 'Revoke', { provider: sent, database: 'analytics', role: 'public', objectType: 'database', privileges: [] });
  new Extension(stack, 'Audit', { provider: sent, name: 'pgaudit', database: 'analytics' });
  return stack;
}

/** The findings of a rule in a synth, as "<address> <rule>". */
const findings = (stack: TerraformStack, rule: string) =>
  synthErrors(stack).filter((line) => line.includes(` ${rule} `)).map((line) => line.replace(/^ {2}\[[^\]]+\] (\S+) (\S+) .*$/, '$1 $2'));

const gov = (environment: string | null): Configuration => ({ alias: 'gov', environment });
const byNameReference = (server: string) => `\${${server}.name}`;

/** Lookups that find another server than the stack's, or may: [label, options]. */
const ANOTHER: [string, Options][] = [
  ['through azurerm.gov (usgovernment), the server public', { serverEnvironment: 'public', lookupThrough: gov('usgovernment') }],
  ['through azurerm.gov (china), the server public', { serverEnvironment: 'public', lookupThrough: gov('china') }],
  ['through azurerm.gov (USGovernment, any case), the server in China', { serverEnvironment: 'china', lookupThrough: gov('USGovernment') }],
  ['through azurerm.gov (dod), the server in public by "global"', { serverEnvironment: 'global', lookupThrough: gov('dod') }],
  ['by a reference to the server\'s name through azurerm.gov (usgovernment)', { serverEnvironment: 'public', lookupThrough: gov('usgovernment'), lookupName: byNameReference }],
  // One cloud known, the other the runner's ARM_ENVIRONMENT: either server.
  ['through azurerm.gov (environment not written), the server public', { serverEnvironment: 'public', lookupThrough: gov(null) }],
  ['through azurerm.gov (usgovernment), the server\'s environment not written', { serverEnvironment: null, lookupThrough: gov('usgovernment') }],
];

/** Lookups that find the stack's server. */
const ITSELF: [string, Options][] = [
  ['through the server\'s own default configuration (public)', { serverEnvironment: 'public' }],
  ['through the server\'s own default configuration (environment not written)', { serverEnvironment: null }],
  ['by a reference to the server\'s name through its own configuration', { serverEnvironment: null, lookupName: byNameReference }],
  ['through the server\'s own aliased configuration (usgovernment)', { serverEnvironment: 'public', serverThrough: gov('usgovernment'), lookupThrough: gov('usgovernment') }],
  ['through the server\'s own aliased configuration (environment not written)', { serverEnvironment: 'public', serverThrough: gov(null), lookupThrough: gov(null) }],
  ['through another configuration of the same cloud (usgovernment), a US Gov stack', { serverEnvironment: 'usgovernment', lookupThrough: { alias: 'ops', environment: 'usgovernment' } }],
  ['through another configuration of the same cloud (china), a China stack', { serverEnvironment: 'china', lookupThrough: { alias: 'ops', environment: 'China' } }],
  ['through another configuration of the same cloud (public and global)', { serverEnvironment: 'global', lookupThrough: { alias: 'ops', environment: 'public' } }],
  ['through another configuration, both left to ARM_ENVIRONMENT', { serverEnvironment: null, lookupThrough: { alias: 'ops', environment: null } }],
];

describe('a server lookup through another cloud\'s azurerm configuration is another server (42nd run, A42a-2)', () => {
  test.each(ANOTHER)('a PUBLIC revoke and pgaudit through the fqdn of a lookup %s satisfy no control of the server', (_label, options) => {
    expect(findings(stackWith(options), 'PGD-IAM-14')).toContain('postgresql_database.Analytics PGD-IAM-14');
    expect(findings(stackWith(options), 'PGD-LOG-1')).toEqual(expect.arrayContaining([expect.stringMatching(/^postgresql_\S+ PGD-LOG-1$/)]));
  });

  test.each(ITSELF)('a PUBLIC revoke and pgaudit through the fqdn of a lookup %s are the server\'s', (_label, options) => {
    expect(findings(stackWith(options), 'PGD-IAM-14')).toEqual([]);
    expect(findings(stackWith(options), 'PGD-LOG-1')).toEqual([]);
  });
});

/** A raw stack: azurerm configurations (key -> environment, null: not written), server resources and lookups, and a postgresql provider whose host is `host`, with one grant through it. */
function rawStack(providers: { [key: string]: string | null }, resource: object, data: object, host: string): unknown {
  const azurerm = Object.entries(providers).map(([key, environment]) => ({
    features: [{}], ...(key.includes('.') ? { alias: key.split('.')[1] } : {}), ...(environment === null ? {} : { environment }),
  }));
  return {
    provider: { azurerm, postgresql: [{ alias: 'sent', host, username: 'u', sslmode: 'verify-full' }] },
    resource: { ...resource, postgresql_grant: { Revoke: { provider: 'postgresql.sent', database: 'analytics', role: 'public', object_type: 'database', privileges: [] } } },
    data,
  };
}

/** Which server each grant is attributed to: [server address, grant addresses]. */
const attributed = (terraform: unknown) => buildStackModel(terraform).servers
  .map((server) => [server.address, server.inDatabase.map((resource) => resource.address)] as const)
  .filter(([, inDatabase]) => inDatabase.length > 0);

const FLEXIBLE = { name: 'orders-db', resource_group_name: 'rg-orders', location: 'westeurope' };

describe('the stack model attributes a lookup to the server of its cloud (A42a-2)', () => {
  test('a Single Server lookup through another cloud\'s configuration is another server', () => {
    const terraform = rawStack({ 'azurerm': 'public', 'azurerm.gov': 'usgovernment' },
      { azurerm_postgresql_server: { Legacy: { name: 'legacy-db', resource_group_name: 'rg-orders', location: 'westeurope' } } },
      { azurerm_postgresql_server: { Gov: { provider: 'azurerm.gov', name: 'legacy-db', resource_group_name: 'rg-orders' } } },
      '${data.azurerm_postgresql_server.Gov.fqdn}');
    expect(attributed(terraform)).toEqual([['(outside this stack) azurerm_postgresql_server "legacy-db" in postgres.database.usgovcloudapi.net', ['postgresql_grant.Revoke']]]);
  });

  test('a Single Server lookup through the server\'s own configuration is the server', () => {
    const terraform = rawStack({ 'azurerm': 'public', 'azurerm.gov': 'usgovernment' },
      { azurerm_postgresql_server: { Legacy: { name: 'legacy-db', resource_group_name: 'rg-orders', location: 'westeurope' } } },
      { azurerm_postgresql_server: { Own: { name: 'legacy-db', resource_group_name: 'rg-orders' } } },
      '${data.azurerm_postgresql_server.Own.fqdn}');
    expect(attributed(terraform)).toEqual([['azurerm_postgresql_server.Legacy', ['postgresql_grant.Revoke']]]);
  });

  test('with a server of the name in each cloud, a lookup finds the one of its own cloud', () => {
    const terraform = rawStack({ 'azurerm': 'public', 'azurerm.gov': 'usgovernment' },
      { azurerm_postgresql_flexible_server: { Public: FLEXIBLE, Gov: { ...FLEXIBLE, provider: 'azurerm.gov' } } },
      { azurerm_postgresql_flexible_server: { Looked: { provider: 'azurerm.gov', name: 'orders-db', resource_group_name: 'rg-orders' } } },
      '${data.azurerm_postgresql_flexible_server.Looked.fqdn}');
    expect(attributed(terraform)).toEqual([['azurerm_postgresql_flexible_server.Gov', ['postgresql_grant.Revoke']]]);
  });

  test('an instance of a counted lookup through another cloud\'s configuration is another server', () => {
    const terraform = rawStack({ 'azurerm': 'public', 'azurerm.gov': 'china' },
      { azurerm_postgresql_flexible_server: { Public: FLEXIBLE } },
      { azurerm_postgresql_flexible_server: { Looked: { count: 1, provider: 'azurerm.gov', name: 'orders-db', resource_group_name: 'rg-orders' } } },
      '${data.azurerm_postgresql_flexible_server.Looked[0].fqdn}');
    expect(attributed(terraform)).toEqual([['(outside this stack) azurerm_postgresql_flexible_server "orders-db" in postgres.database.chinacloudapi.cn', ['postgresql_grant.Revoke']]]);
  });

  test('a lookup whose cloud may be another is a server of its own, and says why', () => {
    const terraform = rawStack({ 'azurerm': 'public', 'azurerm.gov': null },
      { azurerm_postgresql_flexible_server: { Public: FLEXIBLE } },
      { azurerm_postgresql_flexible_server: { Looked: { provider: 'azurerm.gov', name: 'orders-db', resource_group_name: 'rg-orders' } } },
      '${data.azurerm_postgresql_flexible_server.Looked.fqdn}');
    const [[server, inDatabase]] = attributed(terraform);
    expect(inDatabase).toEqual(['postgresql_grant.Revoke']);
    expect(server).toMatch(/^\(server unknown\) azurerm_postgresql_flexible_server for data\.azurerm_postgresql_flexible_server\.Looked: .*azurerm provider azurerm\.gov has environment not set, so the runner's ARM_ENVIRONMENT decides/);
  });

  test('a lookup whose configuration is chosen by an expression is a server of its own', () => {
    const terraform = rawStack({ 'azurerm': 'public', 'azurerm.gov': 'usgovernment' },
      { azurerm_postgresql_flexible_server: { Public: FLEXIBLE } },
      { azurerm_postgresql_flexible_server: { Looked: { provider: '${var.which}', name: 'orders-db', resource_group_name: 'rg-orders' } } },
      '${data.azurerm_postgresql_flexible_server.Looked.fqdn}');
    expect(attributed(terraform).map(([server]) => server)).toEqual([expect.stringMatching(/^\(server unknown\) .*chosen by an expression/)]);
  });

  test('a firewall rule on the id of a lookup through another cloud\'s configuration is another server\'s', () => {
    const terraform = rawStack({ 'azurerm': 'public', 'azurerm.gov': 'usgovernment' },
      {
        azurerm_postgresql_flexible_server: { Public: FLEXIBLE },
        azurerm_postgresql_flexible_server_firewall_rule: { Open: { name: 'open', server_id: '${data.azurerm_postgresql_flexible_server.Looked.id}', start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' } },
      },
      { azurerm_postgresql_flexible_server: { Looked: { provider: 'azurerm.gov', name: 'orders-db', resource_group_name: 'rg-orders' } } },
      'orders-db.postgres.database.azure.com');
    const servers = buildStackModel(terraform).servers;
    expect(servers.find((server) => server.address === 'azurerm_postgresql_flexible_server.Public')?.firewallRules).toEqual([]);
    expect(servers.find((server) => server.address.includes('usgovcloudapi'))?.firewallRules.map((rule) => rule.address)).toEqual(['azurerm_postgresql_flexible_server_firewall_rule.Open']);
  });
});

describe('a parameter written with the id of a lookup through another cloud\'s configuration (A42a-2)', () => {
  test.each([['usgovernment', true], ['public', false]])('the construct\'s pgaudit.log on a lookup through azurerm.gov (%s): PG-CFG-6 fails %p', (environment, fails) => {
    const stack = new TerraformStack(Testing.app(), 'parameters');
    new AzurermProvider(stack, 'azurerm', { features: [{}], environment: 'public' });
    const other = new AzurermProvider(stack, 'gov', { features: [{}], alias: 'gov', environment });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const lookup = new DataAzurermPostgresqlFlexibleServer(stack, 'Looked', { provider: other, name: 'orders-db', resourceGroupName: 'rg-orders' });
    const parameter = postgres.node.findAll().find((construct) => /pgaudit/i.test(construct.node.id) && /log$/i.test(construct.node.id));
    (parameter as unknown as { addOverride(path: string, value: unknown): void }).addOverride('server_id', lookup.id);
    const failed = findings(stack, 'PG-CFG-6');
    if (fails) expect(failed.length).toBeGreaterThan(0);
    else expect(failed).toEqual([]);
  });
});

describe('a lookup of any type through another cloud\'s configuration reads another object (sourceRelation, A42a-2)', () => {
  const providers = (gov: string | null, main: string | null = 'public') => [
    { key: 'azurerm', type: 'azurerm', config: main === null ? {} : { environment: main } },
    { key: 'azurerm.gov', type: 'azurerm', config: { alias: 'gov', ...(gov === null ? {} : { environment: gov }) } },
  ];
  const through = { provider: 'azurerm.gov' };
  test.each([
    ['usgovernment', 'public', 'other'], ['china', 'public', 'other'], ['public', 'public', 'same'], ['global', 'public', 'same'],
    [null, 'public', 'maybe'], ['usgovernment', null, 'maybe'], [null, null, 'same'],
  ])('a lookup through azurerm.gov (%p) of a block of azurerm (%p): %p', (gov, main, relation) => {
    expect(sourceRelation('azurerm_key_vault', through, {}, providers(gov, main))).toBe(relation);
  });

  test('a literal subscription of each decides when the clouds may be one', () => {
    const withSubscriptions = (one: string, two: string) => [
      { key: 'azurerm', type: 'azurerm', config: { subscription_id: one } },
      { key: 'azurerm.gov', type: 'azurerm', config: { alias: 'gov', environment: 'public', subscription_id: two } },
    ];
    expect(sourceRelation('azurerm_key_vault', through, {}, withSubscriptions('11111111-1111-1111-1111-111111111111', '11111111-1111-1111-1111-111111111111'))).toBe('same');
    expect(sourceRelation('azurerm_key_vault', through, {}, withSubscriptions('11111111-1111-1111-1111-111111111111', '22222222-2222-2222-2222-222222222222'))).toBe('other');
  });
});
