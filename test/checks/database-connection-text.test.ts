import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { DataPostgresqlSchemas } from '@cdktf/provider-postgresql/lib/data-postgresql-schemas';
import { Database } from '@cdktf/provider-postgresql/lib/database';
import { Extension } from '@cdktf/provider-postgresql/lib/extension';
import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { Schema } from '@cdktf/provider-postgresql/lib/schema';
import { Fn, TerraformIterator, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { DatabaseAccess, SecureFlexibleServer } from '../../lib';
import { minimalProps, synthErrors } from '../helpers';

// cyrilgdn/postgresql 1.26 writes a resource's `database` (and the provider's) unescaped into the path of the URL it opens with
// lib/pq (config.go connStr), which reads "?" as the start of the query (first value wins), "#" as the end of it, "%" as an
// escape ("%00": a NUL lib/pq writes into the startup packet): PGD-TLS-1 reads the name as the driver does, and fails closed
// on a text it reads as more than a name, or one known only at apply time.

function withProvider(providerOverrides: { database?: string; username?: string } = {}) {
  const stack = new TerraformStack(Testing.app(), 'trust');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
  const provider = new PostgresqlProvider(stack, 'raw', {
    alias: 'raw', host: postgres.fqdn, sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true, ...providerOverrides,
  });
  return { stack, postgres, provider };
}

/** The PGD-TLS-1 lines of a synth, as "<address> PGD-TLS-1". */
const tls = (stack: TerraformStack) => synthErrors(stack).filter((line) => line.includes(' PGD-TLS-1 ')).map((line) => line.replace(/^ {2}\[[^\]]+\] (\S+) PGD-TLS-1 .*$/, '$1'));

describe('a database name the provider writes into its connection URL', () => {
  test.each([
    ['a query that turns TLS off', 'orders?sslmode=disable&x='],
    ['a query that names another host', 'orders?host=zz.evil.example&x='],
    ['a fragment that cuts off the provider\'s sslmode', 'orders#'],
    ['a percent-escaped NUL that injects a startup parameter', 'orders%00options%00-c role=azure_pg_admin'],
    ['a percent-escaped question mark', 'orders%3Fsslmode=disable'],
    ['a raw NUL', 'orders\u0000options'],
  ])('a grant\'s database with %s fails PGD-TLS-1 on the grant', (_what, database) => {
    const { stack, provider } = withProvider();
    new Grant(stack, 'Evil', { provider, database, role: 'public', objectType: 'database', privileges: [] });
    expect(tls(stack)).toEqual(['postgresql_grant.Evil']);
  });

  test('the message names the argument and the provider', () => {
    const { stack, provider } = withProvider();
    new Grant(stack, 'Evil', { provider, database: 'orders?sslmode=disable&x=', role: 'public', objectType: 'database', privileges: [] });
    expect(synthErrors(stack).find((line) => line.includes('PGD-TLS-1'))).toMatch(/postgresql_grant\.Evil \(provider postgresql\.raw\) has the database "orders\?sslmode=disable&x=", whose "\?", the database it connects to: .*unescaped into the connection URL/);
  });

  test('other resource types and data sources are judged the same way', () => {
    const { stack, provider } = withProvider();
    new Extension(stack, 'Ext', { provider, database: 'orders?sslmode=disable&x=', name: 'pg_stat_statements' });
    new Schema(stack, 'Sch', { provider, database: 'orders#', name: 'app' });
    new DataPostgresqlSchemas(stack, 'Read', { provider, database: 'orders?host=zz.evil.example&x=' });
    expect(tls(stack).sort()).toEqual(['data.postgresql_schemas.Read', 'postgresql_extension.Ext', 'postgresql_schema.Sch']);
  });

  test('a postgresql_database whose name reaches the URL (alter_object_ownership: it connects to itself) fails, one that does not passes', () => {
    const { stack, provider } = withProvider();
    new Database(stack, 'Evil', { provider, name: 'orders?sslmode=disable&x=', owner: 'db-admins', alterObjectOwnership: true });
    new Database(stack, 'Kept', { provider, name: 'other?sslmode=disable&x=', owner: 'db-admins', alterObjectOwnership: false });
    new Database(stack, 'Unset', { provider, name: 'third#', owner: 'db-admins' });
    expect(tls(stack)).toEqual(['postgresql_database.Evil']);
  });

  test('a database known only at apply time fails closed', () => {
    const { stack, provider } = withProvider();
    const name = new TerraformVariable(stack, 'database', { type: 'string' });
    new Grant(stack, 'Later', { provider, database: name.stringValue, role: 'public', objectType: 'database', privileges: [] });
    expect(tls(stack)).toEqual(['postgresql_grant.Later']);
  });

  test('the provider\'s own database is judged too', () => {
    const { stack, provider } = withProvider({ database: 'postgres?sslmode=disable&x=' });
    new Grant(stack, 'Plain', { provider, database: 'orders', role: 'public', objectType: 'database', privileges: [] });
    expect(tls(stack)).toEqual(['postgresql_grant.Plain']);
  });

  test('a provider username holding a NUL fails', () => {
    const { stack, provider } = withProvider({ username: 'db-admins\u0000options\u0000-c role=azure_pg_admin' });
    new Grant(stack, 'Plain', { provider, database: 'orders', role: 'public', objectType: 'database', privileges: [] });
    expect(tls(stack)).toEqual(['postgresql_grant.Plain']);
  });

  describe('controls', () => {
    test('DatabaseAccess alone passes', () => {
      const { stack } = withProvider();
      expect(tls(stack)).toEqual([]);
    });

    test('plain names, with spaces, dashes, slashes and signs lib/pq reads as a name, pass', () => {
      const { stack, provider } = withProvider();
      for (const [id, database] of [['A', 'orders'], ['B', 'orders-eu_2'], ['C', 'my db'], ['D', 'a/b&c=d'], ['E', 'ordérs']]) {
        new Grant(stack, id, { provider, database, role: 'public', objectType: 'database', privileges: [] });
      }
      expect(tls(stack)).toEqual([]);
    });

    test('a reference to the name of a postgresql_database or azurerm database the stack makes is read as that name', () => {
      const { stack, postgres, provider } = withProvider();
      const made = new Database(stack, 'Made', { provider, name: 'billing' });
      new Grant(stack, 'OnMade', { provider, database: made.name, role: 'public', objectType: 'database', privileges: [] });
      const azurerm = postgres.node.findAll().find((c) => (c as { terraformResourceType?: string }).terraformResourceType === 'azurerm_postgresql_flexible_server_database') as unknown as { name: string };
      new Schema(stack, 'OnAzurerm', { provider, database: azurerm.name, name: 'app' });
      expect(tls(stack)).toEqual([]);
    });

    test('a reference to a database whose name would inject fails on the resource that connects to it', () => {
      const { stack, provider } = withProvider();
      const made = new Database(stack, 'Made', { provider, name: 'billing#' });
      new Grant(stack, 'OnMade', { provider, database: made.name, role: 'public', objectType: 'database', privileges: [] });
      expect(tls(stack)).toEqual(['postgresql_grant.OnMade']);
    });
  });
});

describe('a database name chosen per instance', () => {
  test('for_each over constant names: each is read, and one that injects fails', () => {
    const { stack, provider } = withProvider();
    const plain = TerraformIterator.fromList(['orders', 'billing']);
    new Grant(stack, 'Each', { forEach: plain, provider, database: plain.value, role: 'public', objectType: 'database', privileges: [] });
    expect(tls(stack)).toEqual([]);
    const { stack: other, provider: otherProvider } = withProvider();
    const evil = TerraformIterator.fromList(['orders', 'billing?sslmode=disable&x=']);
    new Grant(other, 'Each', { forEach: evil, provider: otherProvider, database: evil.value, role: 'public', objectType: 'database', privileges: [] });
    expect(tls(other).length).toBeGreaterThan(0);
  });
});

describe('the provider host, which the provider writes unescaped into its URL too', () => {
  const withHost = (host: (fqdn: string) => string) => {
    const stack = new TerraformStack(Testing.app(), 'trust');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
    new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
    const provider = new PostgresqlProvider(stack, 'raw', { alias: 'raw', host: host(postgres.fqdn), sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true });
    new Grant(stack, 'G', { provider, database: 'orders', role: 'public', objectType: 'database', privileges: [] });
    return stack;
  };

  test.each([
    ['the server\'s fqdn and a path with a query', (fqdn: string) => `${fqdn}/orders?sslmode=disable&x=`],
    ['the server\'s fqdn and a query', (fqdn: string) => `${fqdn}?sslmode=disable&x=`],
    ['the server\'s fqdn and a fragment', (fqdn: string) => `${fqdn}#`],
    ['a literal server name and a query', () => 'orders-db.postgres.database.azure.com/x?sslmode=disable&y='],
    ['a literal server name and a fragment', () => 'orders-db.postgres.database.azure.com#'],
    ['user information before the name', () => 'evil.example@orders-db.postgres.database.azure.com'],
  ])('%s fails PGD-TLS-1', (_what, host) => {
    expect(tls(withHost(host))).toEqual(['postgresql_grant.G']);
  });

  test('a host known only at apply time (a variable) fails closed', () => {
    const stack = new TerraformStack(Testing.app(), 'trust');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
    new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
    const host = new TerraformVariable(stack, 'host', { type: 'string' });
    const provider = new PostgresqlProvider(stack, 'raw', { alias: 'raw', host: host.stringValue, sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true });
    new Grant(stack, 'G', { provider, database: 'orders', role: 'public', objectType: 'database', privileges: [] });
    expect(tls(stack)).toEqual(['postgresql_grant.G']);
  });

  test.each([
    ['the server\'s fqdn', (fqdn: string) => fqdn],
    ['a function of the server\'s fqdn', (fqdn: string) => Fn.lower(fqdn)],
    ['the server\'s literal name', () => 'orders-db.postgres.database.azure.com'],
  ])('%s passes', (_what, host) => {
    expect(tls(withHost(host))).toEqual([]);
  });
});
