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
    alias: 'raw', host: postgres.fqdn, database: 'postgres', sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true, ...providerOverrides,
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
  const SERVER = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';
  const withHost = (host: (fqdn: string) => string) => {
    const stack = new TerraformStack(Testing.app(), 'trust');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
    new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
    stack.addOverride('locals.pghost', `\${format("%s/x?sslmode=disable&y=", ${SERVER}.fqdn)}`);
    const provider = new PostgresqlProvider(stack, 'raw', { alias: 'raw', database: 'postgres', host: host(postgres.fqdn), sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true });
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
    const provider = new PostgresqlProvider(stack, 'raw', { alias: 'raw', database: 'postgres', host: host.stringValue, sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true });
    new Grant(stack, 'G', { provider, database: 'orders', role: 'public', objectType: 'database', privileges: [] });
    expect(tls(stack)).toEqual(['postgresql_grant.G']);
  });

  test.each([
    ['the server\'s fqdn', (fqdn: string) => fqdn],
    ['a function of the server\'s fqdn', (fqdn: string) => Fn.lower(fqdn)],
    ['the server\'s literal name', () => 'orders-db.postgres.database.azure.com'],
    ['upper(fqdn)', (fqdn: string) => Fn.upper(fqdn)],
    ['trimspace(fqdn)', (fqdn: string) => Fn.trimspace(fqdn)],
    ['trimsuffix(fqdn, ".")', (fqdn: string) => Fn.trimsuffix(fqdn, '.')],
    ['lower(trimsuffix(fqdn, "."))', (fqdn: string) => Fn.lower(Fn.trimsuffix(fqdn, '.'))],
    ['a lookup\'s fqdn', () => '${data.azurerm_postgresql_flexible_server.L.fqdn}'],
    ['lower(a lookup\'s fqdn)', () => '${lower(data.azurerm_postgresql_flexible_server.L.fqdn)}'],
    ['the server\'s name and the Azure suffix', () => `\${${SERVER}.name}.postgres.database.azure.com`],
    ['a conditional of the fqdn and lower(fqdn)', () => `\${var.flag ? ${SERVER}.fqdn : lower(${SERVER}.fqdn)}`],
    // 35th run, A35b-2: HCL reads `S.*.fqdn[0]` as `[S.fqdn][0]`, the fqdn (an index after a legacy splat applies to its list).
    ['a legacy splat of the server and an index', () => `\${${SERVER}.*.fqdn[0]}`],
    ['a legacy splat of a lookup and an index', () => '${data.azurerm_postgresql_flexible_server.L.*.fqdn[0]}'],
    ['lower of a legacy splat and an index', () => `\${lower(${SERVER}.*.fqdn[0])}`],
  ])('%s passes', (_what, host) => {
    expect(tls(withHost(host))).toEqual([]);
  });

  // A34a-4: a function that builds or decodes text may add, around the fqdn, what ends the host in the URL (a path, a query with
  // sslmode=disable or another host): it passes only when it cannot add a character (HOST_SAME), whatever literal it is given.
  test.each([
    ['format with a query', (fqdn: string) => Fn.format('%s/x?sslmode=disable&y=', [fqdn])],
    ['format with another host', (fqdn: string) => Fn.format('%s/?host=evil.example.com&x=', [fqdn])],
    ['join with a query', (fqdn: string) => Fn.join('', [fqdn, '/x?sslmode=disable&y='])],
    ['join with no character of its own', (fqdn: string) => Fn.join('', [fqdn, 'x'])],
    ['replace adding a query', (fqdn: string) => Fn.replace(fqdn, '.com', '.com/x?sslmode=disable&y=')],
    ['format with a decoded query', () => `\${format("%s%s", ${SERVER}.fqdn, urldecode("%2Fx%3Fsslmode%3Ddisable%26y%3D"))}`],
    ['format with a base64-decoded query', (fqdn: string) => Fn.format('%s%s', [fqdn, Fn.base64decode('L3g/c3NsbW9kZT1kaXNhYmxlJnk9')])],
    ['format of the fqdn alone', (fqdn: string) => Fn.format('%s', [fqdn])],
    ['lower of the fqdn and a query', (fqdn: string) => Fn.lower(`${fqdn}/x?sslmode=disable&y=`)],
    ['trimsuffix with another suffix', (fqdn: string) => Fn.trimsuffix(fqdn, '.com')],
    ['a template of a function and text', (fqdn: string) => `${Fn.format('%s/x?sslmode=disable&y=', [fqdn])}.x`],
    ['a lookup\'s fqdn in format, with another host', () => '${format("%s/?host=evil.example.com&x=", data.azurerm_postgresql_flexible_server.L.fqdn)}'],
    ['a lookup\'s fqdn and a query', () => '${data.azurerm_postgresql_flexible_server.L.fqdn}?sslmode=disable&x='],
    ['an index of a split', (fqdn: string) => Fn.element(Fn.split(',', Fn.format('%s/x?sslmode=disable&y=,a', [fqdn])), 0)],
    ['a conditional with one such branch', () => `\${var.flag ? ${SERVER}.fqdn : format("%s/x?sslmode=disable&y=", ${SERVER}.fqdn)}`],
    ['a local holding a format', () => '${local.pghost}'],
    ['lower of a heredoc with a query', () => `\${lower(<<EOT\n${SERVER}.fqdn/x?sslmode=disable&y=\nEOT\n)}`],
    ['trimsuffix with a closing bracket in its suffix', (fqdn: string) => Fn.trimsuffix(fqdn, ')')],
    ['lower(fqdn) followed by more text after a comment', () => `\${lower(${SERVER}.fqdn /* ) */ )}?sslmode=disable`],
    // 35th run, A35b-2: a splat is read as the list HCL makes; no idiom over it is read as the block here (with instances, join puts its separator between fqdns).
    ['a legacy splat of the fqdn and a query', () => `\${${SERVER}.*.fqdn[0]}/x?sslmode=disable&y=`],
    ['format of a legacy splat and an index', () => `\${format("%s/x?sslmode=disable&y=", ${SERVER}.*.fqdn[0])}`],
    ['a lookup\'s legacy splat and a query', () => '${data.azurerm_postgresql_flexible_server.L.*.fqdn[0]}?sslmode=disable&x='],
  ])('a host built by %s fails PGD-TLS-1', (_what, host) => {
    expect(tls(withHost(host))).toEqual(['postgresql_grant.G']);
  });
});

// A35a-1, A35b-1: a host known only at apply time passes only as a name Azure gives a PostgreSQL server (the fqdn of an azurerm
// server or lookup, a server resource's validated name): any other attribute may echo text the configuration writes
// (terraform_data, data.http, random_*, local_file, tags), so "<fqdn>/x?sslmode=disable&y=" would reach the URL unread.
describe('a host known only at apply time is a name Azure gives a PostgreSQL server, or fails closed', () => {
  const SERVER = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';
  const BAD = 'orders-db.postgres.database.azure.com/x?sslmode=disable&y=';
  const withHost = (host: string) => {
    const stack = new TerraformStack(Testing.app(), 'trust');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
    new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
    stack.addOverride('resource.terraform_data.h', { input: BAD });
    stack.addOverride('resource.terraform_data.e', { for_each: { a: BAD }, input: '${each.value}' });
    stack.addOverride('data.http.h', { url: 'https://config.example.com/pg-host' });
    stack.addOverride('variable.c', { type: 'bool' });
    stack.addOverride('locals.fq', `\${${SERVER}.fqdn}`);
    stack.addOverride('locals.td', '${terraform_data.h.output}');
    const provider = new PostgresqlProvider(stack, 'raw', { alias: 'raw', database: 'postgres', host, sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true });
    new Grant(stack, 'G', { provider, database: 'orders', role: 'public', objectType: 'database', privileges: [] });
    return stack;
  };
  const findings = (stack: TerraformStack) => synthErrors(stack).filter((line) => line.includes(' PGD-TLS-1 '));

  test.each([
    ['terraform_data output', '${terraform_data.h.output}', 'terraform_data.h.output'],
    ['terraform_data input', '${terraform_data.h.input}', 'terraform_data.h.input'],
    // The providers are read from the aliased JSON since the 47th run; a relay's instance by a literal key keeps its key (A76b-4).
    ['one instance of a terraform_data with for_each', '${terraform_data.e["a"].output}', 'terraform_data.e["a"].output'],
    ['lower(terraform_data output)', '${lower(terraform_data.h.output)}', 'terraform_data.h.output'],
    ['trimsuffix(terraform_data output, ".")', '${trimsuffix(terraform_data.h.output, ".")}', 'terraform_data.h.output'],
    ['terraform_data output in a template with the Azure suffix', '${terraform_data.h.output}.postgres.database.azure.com', 'terraform_data.h.output'],
    ['a conditional with a terraform_data branch', `\${var.c ? ${SERVER}.fqdn : terraform_data.h.output}`, 'terraform_data.h.output'],
    ['data.http response_body', '${data.http.h.response_body}', 'data.http.h.response_body'],
    ['a random_string result', '${random_string.r.result}', 'random_string.r.result'],
    ['a local_file content', '${data.local_file.f.content}', 'data.local_file.f.content'],
    ['a null_resource id', '${null_resource.n.id}', 'null_resource.n.id'],
    ['a key vault secret', '${data.azurerm_key_vault_secret.s.value}', 'data.azurerm_key_vault_secret.s.value'],
    ['another attribute of the server', `\${${SERVER}.administrator_login}`, `${SERVER}.administrator_login`],
    ['the server\'s id', `\${${SERVER}.id}`, `${SERVER}.id`],
    ['a lookup\'s name (not validated) with the Azure suffix', '${data.azurerm_postgresql_flexible_server.L.name}.postgres.database.azure.com', 'data.azurerm_postgresql_flexible_server.L.name'],
    ['a private DNS record\'s fqdn', '${azurerm_private_dns_a_record.A.fqdn}', 'azurerm_private_dns_a_record.A.fqdn'],
    ['a module output', '${module.db.fqdn}', 'module.db.fqdn'],
    ['a look-alike type', '${azurerm_postgresql_flexible_server_x.S.fqdn}', 'azurerm_postgresql_flexible_server_x.S.fqdn'],
    ['a local holding a terraform_data output', '${local.td}', 'terraform_data.h.output'],
  ])('%s fails PGD-TLS-1, naming the reference', (_what, host, reference) => {
    const lines = findings(withHost(host));
    expect(lines.map((line) => line.replace(/^ {2}\[[^\]]+\] (\S+) PGD-TLS-1 .*$/, '$1'))).toEqual(['postgresql_grant.G']);
    expect(lines[0]).toContain(`\${${reference}}`);
    expect(lines[0]).toContain('fqdn');
  });

  test.each([
    ['the server\'s fqdn', `\${${SERVER}.fqdn}`],
    ['lower(fqdn)', `\${lower(${SERVER}.fqdn)}`],
    // The server has no count: its splat is a list of one, which join writes without the separator (read so since the 47th run).
    ['join of a splat of the server with a query as separator', `\${join("/x?sslmode=disable&y=", ${SERVER}[*].fqdn)}`],
    ['trimsuffix(fqdn, ".")', `\${trimsuffix(${SERVER}.fqdn, ".")}`],
    ['a lookup\'s fqdn', '${data.azurerm_postgresql_flexible_server.L.fqdn}'],
    ['a single server\'s fqdn', '${azurerm_postgresql_server.S.fqdn}'],
    ['a single server lookup\'s fqdn', '${data.azurerm_postgresql_server.L.fqdn}'],
    ['one instance\'s fqdn', '${azurerm_postgresql_flexible_server.F["a"].fqdn}'],
    ['the server\'s name and the Azure suffix', `\${${SERVER}.name}.postgres.database.azure.com`],
    ['a local holding the server\'s fqdn', '${local.fq}'],
    ['a conditional of two fqdns', `\${var.c ? ${SERVER}.fqdn : data.azurerm_postgresql_flexible_server.L.fqdn}`],
  ])('%s passes', (_what, host) => {
    expect(findings(withHost(host))).toEqual([]);
  });
});

// A35b-3: the provider's arguments are read with the stack's locals, as a resource's are: a local the evaluator computes is its value.
describe('provider arguments given as locals', () => {
  const withLocal = (argument: 'sslmode' | 'sslrootcert' | 'database' | 'username' | 'scheme' | 'host', value: string) => {
    const { stack, provider } = withProvider();
    stack.addOverride('locals.v', value);
    provider.addOverride(argument, '${local.v}');
    new Grant(stack, 'G', { provider, database: 'orders', role: 'public', objectType: 'database', privileges: [] });
    return stack;
  };
  test.each([
    ['sslmode verify-full', 'sslmode', 'verify-full'],
    ['database orders', 'database', 'orders'],
    ['username db-admins', 'username', 'db-admins'],
    ['scheme postgres', 'scheme', 'postgres'],
    ['host, the literal name', 'host', 'orders-db.postgres.database.azure.com'],
  ] as const)('%s passes PGD-TLS-1', (_what, argument, value) => {
    expect(tls(withLocal(argument, value))).toEqual([]);
  });
  test.each([
    ['sslmode require', 'sslmode', 'require', /sslmode "require"/],
    ['sslrootcert', 'sslrootcert', '/etc/ca.pem', /sslrootcert "\/etc\/ca.pem"/],
    ['username with a NUL', 'username', 'db-admins\u0000options=-c', /username .* with a NUL/],
    ['database with a query', 'database', 'orders?sslmode=disable&x=', /database "orders\?sslmode/],
    ['scheme gcppostgres', 'scheme', 'gcppostgres', /scheme "gcppostgres"/],
    ['host with a query', 'host', 'orders-db.postgres.database.azure.com/x?sslmode=disable&y=', /"\/"/],
  ] as const)('%s fails PGD-TLS-1 as the literal does', (_what, argument, value, message) => {
    const lines = synthErrors(withLocal(argument, value)).filter((line) => line.includes(' PGD-TLS-1 '));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toMatch(message);
    expect(lines.join('\n')).not.toMatch(/known only at apply time/);
  });
});

// Every rule that reads a provider argument reads it so: a password in a local is written in the configuration (PGD-IAM-9), a
// local true signs in with Entra (PGD-IAM-10).
describe('other rules read the provider arguments with the locals', () => {
  const rule = (stack: TerraformStack, id: string) => synthErrors(stack).filter((line) => line.includes(` ${id} `));
  const withLocals = (locals: { [name: string]: unknown }, overrides: { [argument: string]: string }) => {
    const { stack, provider } = withProvider();
    for (const [name, value] of Object.entries(locals)) stack.addOverride(`locals.${name}`, value);
    for (const [argument, value] of Object.entries(overrides)) provider.addOverride(argument, value);
    stack.addOverride('resource.random_password.p', { length: 32 });
    new Grant(stack, 'G', { provider, database: 'orders', role: 'public', objectType: 'database', privileges: [] });
    return stack;
  };
  test('a password held by a local as a literal fails PGD-IAM-9', () => {
    expect(rule(withLocals({ p: 'hunter2-hunter2' }, { password: '${local.p}' }), 'PGD-IAM-9')).toEqual([expect.stringMatching(/postgresql_grant\.G PGD-IAM-9 .*literal/)]);
  });
  test('a password held by a local that refers to a random_password passes PGD-IAM-9', () => {
    expect(rule(withLocals({ p: '${random_password.p.result}' }, { password: '${local.p}' }), 'PGD-IAM-9')).toEqual([]);
  });
  test('azure_identity_auth from a local true passes PGD-IAM-10, from a local false fails it', () => {
    expect(rule(withLocals({ a: true }, { azure_identity_auth: '${local.a}' }), 'PGD-IAM-10')).toEqual([]);
    expect(rule(withLocals({ a: false }, { azure_identity_auth: '${local.a}' }), 'PGD-IAM-10')).toEqual([expect.stringMatching(/postgresql_grant\.G PGD-IAM-10 .*azure_identity_auth false/)]);
  });
});

// The provider's scheme picks the driver (cyrilgdn/postgresql config.go Connect): only "postgres" is lib/pq with the sslmode judged.
describe('the provider scheme', () => {
  test.each([['awspostgres'], ['gcppostgres']])('scheme %s fails PGD-TLS-1', (scheme) => {
    const { stack, provider } = withProvider();
    provider.scheme = scheme;
    new Grant(stack, 'G', { provider, database: 'orders', role: 'public', objectType: 'database', privileges: [] });
    expect(tls(stack)).toEqual(['postgresql_grant.G']);
  });
  test('scheme postgres passes', () => {
    const { stack, provider } = withProvider();
    provider.scheme = 'postgres';
    new Grant(stack, 'G', { provider, database: 'orders', role: 'public', objectType: 'database', privileges: [] });
    expect(tls(stack)).toEqual([]);
  });
  test('a scheme known only at apply time fails closed', () => {
    const { stack, provider } = withProvider();
    provider.scheme = new TerraformVariable(stack, 'scheme', { type: 'string' }).stringValue;
    new Grant(stack, 'G', { provider, database: 'orders', role: 'public', objectType: 'database', privileges: [] });
    expect(synthErrors(stack).filter((line) => line.includes(' PGD-TLS-1 ')).join('\n')).toMatch(/scheme of provider postgresql\.raw is known only at apply time/);
  });
});
