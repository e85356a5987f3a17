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
 * A stack whose own provider "made" (host: the server's fqdn) makes database "analytics", and whose provider "sent" (host: `host`)
 * does `through`: a PUBLIC revoke, pgaudit, or a grant to PUBLIC (the others made through "made").
 */
function stackWith(host: Host, through: 'revoke' | 'pgaudit' | 'public'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'hosts');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
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
];

/** Hosts that are the server's name: what is done through them is done on the server. */
const SERVER_ITSELF: [string, Host][] = [
  ['${fqdn}', (_stack, _server, postgres) => postgres.fqdn],
  ['lower(fqdn)', (_stack, server) => `\${lower(${server}.fqdn)}`],
  ['trimsuffix(fqdn, ".")', (_stack, server) => `\${trimsuffix(${server}.fqdn, ".")}`],
  ['${fqdn} with the root\'s trailing dot', (_stack, _server, postgres) => `${postgres.fqdn}.`],
  ['its literal Azure name', 'orders-db.postgres.database.azure.com'],
  ['its literal Azure name, upper case, trailing dot', 'ORDERS-DB.Postgres.Database.Azure.Com.'],
  ['its literal name in Azure Government', 'orders-db.postgres.database.usgovcloudapi.net'],
  ['its literal name in Azure China', 'orders-db.postgres.database.chinacloudapi.cn'],
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
