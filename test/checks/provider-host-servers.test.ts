import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { DataAzurermPostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/data-azurerm-postgresql-flexible-server';
import { Database } from '@cdktf/provider-postgresql/lib/database';
import { Extension } from '@cdktf/provider-postgresql/lib/extension';
import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { DatabaseAccess, SecureFlexibleServer } from '../../lib';
import { minimalProps, synthErrors } from '../helpers';

// Which server a provider's host reaches (37th run, A37a-1; lib/checks/provider-hosts.ts). lib/pq connects to the host as
// written: a host names the server only when it is its name and nothing else (a literal "<name>.postgres.database.<cloud's
// domain>", a reference to its fqdn or a HOST_SAME function of it, `${S.name}.postgres.database.<domain>`). Any other host may be
// any server: a control made through it (a PUBLIC revoke, pgaudit) is credited to no server, a weakening counts against every one.

/** A host: literal, or written from the stack and the server's address ("azurerm_postgresql_flexible_server.<id>"). */
type Host = string | ((stack: TerraformStack, server: string, postgres: SecureFlexibleServer) => string);

/**
 * A stack (its azurerm provider in `environment`, "public" unless given) whose own provider "made" (host: the server's fqdn) makes database "analytics", and whose provider "sent" (host: `host`)
 * does `through`: a PUBLIC revoke, pgaudit, or a grant to PUBLIC (the others made through "made").
 */
function stackWith(host: Host, through: 'revoke' | 'pgaudit' | 'public', environment: string | null = 'public'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'hosts');
  new AzurermProvider(stack, 'azurerm', { features: [{}], environment: environment ?? undefined });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
  const signIn = { database: 'postgres', sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true, azureTenantId: 't', superuser: false };
  const made = new PostgresqlProvider(stack, 'made', { alias: 'made', host: postgres.fqdn, ...signIn });
  const sent = new PostgresqlProvider(stack, 'sent', { alias: 'sent', host: typeof host === 'string' ? host : host(stack, `${postgres.server.terraformResourceType}.${postgres.server.friendlyUniqueId}`, postgres), ...signIn });
  new Database(stack, 'Analytics', { provider: made, name: 'analytics' });
  const done = { revoke: () => new Grant(stack, 'Revoke', { provider: sent, database: 'analytics', role: 'public', objectType: 'database', privileges: [] }) };
  if (through === 'revoke') done.revoke();
  else done.revoke().addOverride('provider', 'postgresql.made');
  if (through === 'pgaudit') new Extension(stack, 'Audit', { provider: sent, name: 'pgaudit', database: 'analytics' });
  else new Extension(stack, 'Audit', { provider: made, name: 'pgaudit', database: 'analytics' });
  if (through === 'public') new Grant(stack, 'ToPublic', { provider: sent, database: 'analytics', role: 'public', objectType: 'database', privileges: ['CREATE'] });
  return stack;
}

/** The findings of a rule in a synth, as "<address> <rule>". */
const findings = (stack: TerraformStack, rule: string) =>
  synthErrors(stack).filter((line) => line.includes(` ${rule} `)).map((line) => line.replace(/^ {2}\[[^\]]+\] (\S+) (\S+) .*$/, '$1 $2'));

/** Hosts that are not the server's name alone: each may be any server. */
const ELSEWHERE: [string, Host][] = [
  ['its literal name, then another domain', 'orders-db.postgres.database.azure.com.evil.example'],
  ['its literal name under a domain no Azure cloud uses', 'orders-db.postgres.database.evil.example'],
  ['its literal name under a look-alike domain', 'orders-db.postgres.database.azure.co'],
  ['its literal name with another first label before it', 'x.orders-db.postgres.database.azure.com'],
  ['${fqdn}.evil.example', (_stack, _server, postgres) => `${postgres.fqdn}.evil.example`],
  ['${fqdn} with text before it', (_stack, _server, postgres) => `replica-${postgres.fqdn}`],
  ['${name}.postgres.database.azure.com.evil.example', (_stack, server) => `\${${server}.name}.postgres.database.azure.com.evil.example`],
  ['${name}2.postgres.database.azure.com (another server)', (_stack, server) => `\${${server}.name}2.postgres.database.azure.com`],
  ['replica-${name}.postgres.database.azure.com (another server)', (_stack, server) => `replica-\${${server}.name}.postgres.database.azure.com`],
  ['${name} alone (a search domain decides)', (_stack, server) => `\${${server}.name}`],
  ['${id} (any text)', (_stack, server) => `\${${server}.id}`],
  ['lower() of fqdn and more text', (_stack, server) => `\${lower("\${${server}.fqdn}.evil.example")}`],
  ['format() of the fqdn', (_stack, server) => `\${format("%s.evil.example", ${server}.fqdn)}`],
  ['a choice of the fqdn and another host', (stack, server) => {
    const pick = new TerraformVariable(stack, 'pick', { type: 'bool' });
    return `\${var.${pick.friendlyUniqueId} ? ${server}.fqdn : "orders-db.postgres.database.azure.com.evil.example"}`;
  }],
  ['a variable', (stack) => new TerraformVariable(stack, 'host', { type: 'string' }).stringValue],
  // 38th run, A38a-1, A38b-1: the server is in the public cloud; its name under another cloud's domain is anyone's server there.
  ['its literal name in Azure Government', 'orders-db.postgres.database.usgovcloudapi.net'],
  ['its literal name in Azure China', 'orders-db.postgres.database.chinacloudapi.cn'],
  ['its literal privatelink name in Azure China', 'orders-db.privatelink.postgres.database.chinacloudapi.cn'],
  ['${name} under the China domain', (_stack, server) => `\${${server}.name}.postgres.database.chinacloudapi.cn`],
  ['${name} under the US Gov domain', (_stack, server) => `\${${server}.name}.postgres.database.usgovcloudapi.net`],
  // A38b-1c: the apex of the construct's private DNS zone is no name Azure gives the server.
  ['the apex of its private DNS zone', 'orders-db.private.postgres.database.azure.com'],
];

/** Hosts that are the server's name: what is done through them is done on the server. */
const SERVER_ITSELF: [string, Host][] = [
  ['${fqdn}', (_stack, _server, postgres) => postgres.fqdn],
  ['lower(fqdn)', (_stack, server) => `\${lower(${server}.fqdn)}`],
  ['trimsuffix(fqdn, ".")', (_stack, server) => `\${trimsuffix(${server}.fqdn, ".")}`],
  ['${fqdn} with the root\'s trailing dot', (_stack, _server, postgres) => `${postgres.fqdn}.`],
  ['its literal Azure name', 'orders-db.postgres.database.azure.com'],
  ['its literal Azure name, upper case, trailing dot', 'ORDERS-DB.Postgres.Database.Azure.Com.'],
  ['its literal privatelink name', 'orders-db.privatelink.postgres.database.azure.com'],
  ['${name}.postgres.database.azure.com', (_stack, server) => `\${${server}.name}.postgres.database.azure.com`],
  ['a lookup of the same server\'s fqdn', (stack) => new DataAzurermPostgresqlFlexibleServer(stack, 'same', { name: 'orders-db', resourceGroupName: 'rg-orders' }).fqdn],
];

describe('a control made through a host that is not the server\'s name alone is credited to no server', () => {
  test.each(ELSEWHERE)('PUBLIC revoke through %s fails PGD-IAM-14', (_name, host) => {
    expect(findings(stackWith(host, 'revoke'), 'PGD-IAM-14')).toContain('postgresql_database.Analytics PGD-IAM-14');
  });

  test.each(ELSEWHERE)('pgaudit through %s fails PGD-LOG-1', (_name, host) => {
    expect(findings(stackWith(host, 'pgaudit'), 'PGD-LOG-1')).toEqual(expect.arrayContaining([expect.stringMatching(/^postgresql_\S+ PGD-LOG-1$/)]));
  });
});

describe('controls: a weakening through such a host counts against every server', () => {
  test.each(ELSEWHERE)('a grant to PUBLIC through %s fails PGD-IAM-4', (_name, host) => {
    expect(findings(stackWith(host, 'public'), 'PGD-IAM-4')).toEqual(['postgresql_grant.ToPublic PGD-IAM-4']);
  });
});

describe('controls: a host that is the server\'s name', () => {
  test.each(SERVER_ITSELF)('PUBLIC revoke through %s satisfies PGD-IAM-14', (_name, host) => {
    expect(findings(stackWith(host, 'revoke'), 'PGD-IAM-14')).toEqual([]);
  });

  test.each(SERVER_ITSELF)('pgaudit through %s satisfies PGD-LOG-1', (_name, host) => {
    expect(findings(stackWith(host, 'pgaudit'), 'PGD-LOG-1')).toEqual([]);
  });
});

/** A host and the cloud azurerm writes (null: environment not written). */
const CLOUDS: [string, Host, string | null][] = [
  ['its China name under china', 'orders-db.postgres.database.chinacloudapi.cn', 'china'],
  ['${name} under the China domain under china', (_stack, server) => `\${${server}.name}.postgres.database.chinacloudapi.cn`, 'china'],
  ['its US Gov name under usgovernment', 'ORDERS-DB.postgres.database.usgovcloudapi.net.', 'usgovernment'],
  ['${fqdn} under china', (_stack, _server, postgres) => postgres.fqdn, 'china'],
  ['${fqdn} under usgovernment', (_stack, _server, postgres) => postgres.fqdn, 'usgovernment'],
  ['${fqdn}, environment not written', (_stack, _server, postgres) => postgres.fqdn, null],
];

const OTHER_CLOUD: [string, Host, string | null][] = [
  ['its public name under china', 'orders-db.postgres.database.azure.com', 'china'],
  ['its public name under usgovernment', 'orders-db.postgres.database.azure.com', 'usgovernment'],
  ['its China name under usgovernment', 'orders-db.postgres.database.chinacloudapi.cn', 'usgovernment'],
  ['${name} under the public domain under china', (_stack, server) => `\${${server}.name}.postgres.database.azure.com`, 'china'],
  // The cloud is the runner's ARM_ENVIRONMENT: a name can be the server, or another.
  ['its public name, environment not written', 'orders-db.postgres.database.azure.com', null],
  ['${name} under the public domain, environment not written', (_stack, server) => `\${${server}.name}.postgres.database.azure.com`, null],
];

describe('a name is the server only under the domain of the cloud azurerm deploys it to (38th run, A38a-1)', () => {
  test.each(CLOUDS)('PUBLIC revoke and pgaudit through %s are the server\'s', (_name, host, environment) => {
    expect(findings(stackWith(host, 'revoke', environment), 'PGD-IAM-14')).toEqual([]);
    expect(findings(stackWith(host, 'pgaudit', environment), 'PGD-LOG-1')).toEqual([]);
  });

  test.each(OTHER_CLOUD)('PUBLIC revoke and pgaudit through %s are not', (_name, host, environment) => {
    expect(findings(stackWith(host, 'revoke', environment), 'PGD-IAM-14')).toContain('postgresql_database.Analytics PGD-IAM-14');
    expect(findings(stackWith(host, 'pgaudit', environment), 'PGD-LOG-1')).toEqual(expect.arrayContaining([expect.stringMatching(/^postgresql_\S+ PGD-LOG-1$/)]));
  });

  test.each(OTHER_CLOUD)('a grant to PUBLIC through %s still fails PGD-IAM-4', (_name, host, environment) => {
    expect(findings(stackWith(host, 'public', environment), 'PGD-IAM-4')).toEqual(['postgresql_grant.ToPublic PGD-IAM-4']);
  });
});

describe('DatabaseAccess in each cloud (A38a-2)', () => {
  function accessIn(environment: string | undefined, host?: string): TerraformStack {
    const stack = new TerraformStack(Testing.app(), 'cloud');
    new AzurermProvider(stack, 'azurerm', { features: [{}], environment });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
    const access = new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
    if (host !== undefined) access.provider.addOverride('host', host);
    return stack;
  }

  test.each([undefined, 'public', 'china', 'usgovernment'])('the construct\'s own stack passes with environment %p', (environment) => {
    expect(synthErrors(accessIn(environment))).toEqual([]);
  });

  test.each([
    ['china', 'orders-db.postgres.database.chinacloudapi.cn'], ['usgovernment', 'orders-db.postgres.database.usgovcloudapi.net'], ['public', 'orders-db.postgres.database.azure.com'],
  ])('under %p the server\'s own name %p passes PGD-IAM-11', (environment, host) => {
    expect(findings(accessIn(environment, host), 'PGD-IAM-11')).toEqual([]);
  });

  test.each([
    ['china', 'orders-db.postgres.database.azure.com'], ['usgovernment', 'orders-db.postgres.database.azure.com'], ['public', 'orders-db.postgres.database.chinacloudapi.cn'],
    [undefined, 'orders-db.postgres.database.azure.com'],
  ])('under %p the name %p fails PGD-IAM-11', (environment, host) => {
    expect(findings(accessIn(environment, host), 'PGD-IAM-11').length).toBeGreaterThan(0);
  });
});
