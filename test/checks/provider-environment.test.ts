import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DatabaseAccess, PostgresSslMode, SecureFlexibleServer } from '../../lib';
import { minimalProps, synthErrors } from '../helpers';

// cyrilgdn/postgresql 1.26 fills a provider argument left unset (or null) from the runner's environment (provider.go:
// schema.EnvDefaultFunc: PGHOST, PGDATABASE, PGSSLMODE, ...) and reads the deprecated ssl_mode only when sslmode is still
// empty after that default (providerConfigure, d.GetOk("sslmode")). PGD-TLS-1 judges the effective value: a host, database or
// sslmode the environment decides fails closed (36th run, A36a-1 to -3). PGD-IAM-11 compares the whole provider block of a
// DatabaseAccess with the one the construct wrote: an argument added, removed or changed fails (A36a-3, A36a-4).

function stackWithAccess(sslMode?: PostgresSslMode) {
  const stack = new TerraformStack(Testing.app(), 'env');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  const access = new DatabaseAccess(stack, 'Access', {
    server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [],
    ...(sslMode === undefined ? {} : { sslMode, sslModeJustification: 'SEC-1: runner without the roots until 2027-01' }),
  });
  return { stack, postgres, access };
}

/** A stack with a user's own provider beside the construct, with its arguments changed by `overrides` (null removes one). */
function ownProvider(overrides: { [name: string]: unknown }, locals?: { [name: string]: unknown }): TerraformStack {
  const { stack, postgres } = stackWithAccess();
  const provider = new PostgresqlProvider(stack, 'raw', {
    alias: 'raw', host: postgres.fqdn, database: 'postgres', sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true, azureTenantId: 't',
  });
  for (const [name, value] of Object.entries(overrides)) provider.addOverride(name, value);
  for (const [name, value] of Object.entries(locals ?? {})) stack.addOverride(`locals.${name}`, value);
  new Grant(stack, 'Mine', { provider, database: 'orders', role: 'public', objectType: 'database', privileges: [] });
  return stack;
}

/** The findings of a rule in a synth, as "<address> <rule>". */
const findings = (stack: TerraformStack, rule: string) =>
  synthErrors(stack).filter((line) => line.includes(` ${rule} `)).map((line) => line.replace(/^ {2}\[[^\]]+\] (\S+) (\S+) .*$/, '$1 $2'));
const lines = (stack: TerraformStack, rule: string) => synthErrors(stack).filter((line) => line.includes(` ${rule} `));

describe('PGD-TLS-1 judges the provider arguments the runner\'s environment decides', () => {
  test.each([
    ['sslmode unset, ssl_mode "verify-full"', { sslmode: null, ssl_mode: 'verify-full' }],
    ['sslmode "", ssl_mode "verify-full"', { sslmode: '', ssl_mode: 'verify-full' }],
    ['sslmode unset, ssl_mode a local "verify-full"', { sslmode: null, ssl_mode: '${local.m}' }],
  ])('%s fails: PGSSLMODE decides before the deprecated ssl_mode is read', (_name, overrides) => {
    const stack = ownProvider(overrides, { m: 'verify-full' });
    expect(findings(stack, 'PGD-TLS-1')).toEqual(['postgresql_grant.Mine PGD-TLS-1']);
    expect(lines(stack, 'PGD-TLS-1')[0]).toMatch(/provider postgresql\.raw has sslmode not set, so the runner's PGSSLMODE decides \(else the deprecated ssl_mode "verify-full", read only when PGSSLMODE is empty\)/);
  });

  test.each([
    ['host unset', { host: null }, {}],
    ['host ""', { host: '' }, {}],
    ['host a local that is null', { host: '${local.h}' }, { h: null }],
    ['host a local that is ""', { host: '${local.h}' }, { h: '' }],
  ])('%s fails closed: PGHOST decides where the token goes', (_name, overrides, locals) => {
    const stack = ownProvider(overrides, locals);
    expect(findings(stack, 'PGD-TLS-1')).toContain('postgresql_grant.Mine PGD-TLS-1');
    expect(lines(stack, 'PGD-TLS-1').join('\n')).toMatch(/provider postgresql\.raw has host not set: the runner's PGHOST decides where the Entra token goes .*\(set host to the server's fqdn\)/);
  });

  test.each([
    ['database unset', { database: null }, {}],
    ['database ""', { database: '' }, {}],
    ['database a local that is null', { database: '${local.d}' }, { d: null }],
  ])('%s fails closed: PGDATABASE is written unescaped into the URL', (_name, overrides, locals) => {
    const stack = ownProvider(overrides, locals);
    expect(findings(stack, 'PGD-TLS-1')).toEqual(['postgresql_grant.Mine PGD-TLS-1']);
    expect(lines(stack, 'PGD-TLS-1')[0]).toMatch(/provider postgresql\.raw has database not set: the runner's PGDATABASE decides the database, .*\(set database to a literal name/);
  });

  test('host and database both unset: each is named', () => {
    const text = lines(ownProvider({ host: null, database: null }), 'PGD-TLS-1').join('\n');
    expect(text).toMatch(/has host not set: the runner's PGHOST/);
    expect(text).toMatch(/has database not set: the runner's PGDATABASE/);
  });

  describe('controls', () => {
    test('host = fqdn, database literal, sslmode verify-full passes', () => {
      expect(synthErrors(ownProvider({}))).toEqual([]);
    });
    test('a deprecated ssl_mode beside sslmode "verify-full" is not read, and passes', () => {
      expect(findings(ownProvider({ ssl_mode: 'disable' }), 'PGD-TLS-1')).toEqual([]);
    });
    test.each([
      ['port unset (PGPORT: verify-full checks the host name whatever the port)', { port: null }],
      ['database a local with a plain name', { database: '${local.d}' }],
    ])('%s passes', (_name, overrides) => {
      expect(findings(ownProvider(overrides, { d: 'orders' }), 'PGD-TLS-1')).toEqual([]);
    });
    test('the construct\'s own provider passes both rules', () => {
      const { stack } = stackWithAccess();
      expect(synthErrors(stack)).toEqual([]);
    });
  });
});

describe('PGD-IAM-11 compares the whole provider block DatabaseAccess wrote', () => {
  const iam11 = (change: (access: DatabaseAccess) => void, sslMode?: PostgresSslMode) => {
    const { stack, access } = stackWithAccess(sslMode);
    change(access);
    return lines(stack, 'PGD-IAM-11');
  };

  test.each([
    ['database_username', 'orders_app'],
    ['ssl_mode', 'verify-full'],
    ['sslrootcert', '/etc/ssl/certs/ca-certificates.crt'],
    ['aws_rds_iam_auth', true],
    ['expected_version', '16'],
    ['max_connections', 4],
    ['clientcert', [{ cert: 'c.pem', key: 'k.pem' }]],
  ])('an added %s fails', (name, value) => {
    const found = iam11((access) => access.provider.addOverride(name, value));
    expect(found).toEqual([expect.stringMatching(new RegExp(`provider postgresql\\.\\S+ of env/Access has ${name}, which DatabaseAccess never writes: an override of its provider`))]);
  });

  test('database_username names why it matters', () => {
    expect(iam11((access) => access.provider.addOverride('database_username', 'orders_app')).join('\n')).toMatch(/database_username is the role the provider acts as in REASSIGN OWNED/);
  });

  test.each([
    ['database removed', 'database', null, /has database null, not "postgres" \(not set: the runner's PGDATABASE decides\)/],
    ['database changed', 'database', 'orders', /has database "orders", not "postgres"\./],
    ['port removed', 'port', null, /has port null, not 5432 \(not set: the runner's PGPORT decides\)/],
    ['connect_timeout removed', 'connect_timeout', null, /has connect_timeout null, not 30\./],
    ['connect_timeout changed', 'connect_timeout', 600, /has connect_timeout 600, not 30\./],
    ['azure_tenant_id changed', 'azure_tenant_id', '00000000-0000-0000-0000-000000000009', /has azure_tenant_id "00000000-0000-0000-0000-000000000009", not the tenant of /],
    ['azure_tenant_id removed', 'azure_tenant_id', null, /has azure_tenant_id null/],
  ])('%s fails', (_name, argument, value, message) => {
    expect(iam11((access) => access.provider.addOverride(argument, value))).toEqual([expect.stringMatching(message)]);
  });

  describe('controls', () => {
    test('an override that writes what the construct wrote passes', () => {
      expect(iam11((access) => {
        access.provider.addOverride('database', 'postgres');
        access.provider.addOverride('connect_timeout', 30);
      })).toEqual([]);
    });
    test('the justified sslMode REQUIRE (a prop) is not an override', () => {
      expect(iam11(() => undefined, PostgresSslMode.REQUIRE)).toEqual([]);
    });
    test('sslmode stays PGD-TLS-1\'s', () => {
      const { stack, access } = stackWithAccess();
      access.provider.addOverride('sslmode', 'require');
      expect(findings(stack, 'PGD-IAM-11')).toEqual([]);
      expect(findings(stack, 'PGD-TLS-1')).not.toEqual([]);
    });
  });
});
