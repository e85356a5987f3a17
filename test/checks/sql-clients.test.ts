// 85th run, A85c-1: SQL run in the server through a client other than the postgresql provider (paultyng/sql, Vault's database
// secrets engine) is read by no rule: PGD-CFG-1 fails each block that signs in so, and PGD-IAM-9 fails a password its connection
// writes as text. A client whose connection names no server of the stack, and a workload given a connection string, are not judged.
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { databaseStack, groupRole } from './database-fixtures';

const FQDN = '${azurerm_postgresql_flexible_server.db.fqdn}';
const MIGRATE = { sql_migrate: { m: { migration: [{ id: '1', up: 'GRANT azure_pg_admin TO orders_app;', down: 'SELECT 1;' }] } } };

/** The fixture's stack (server "db", one role through its postgresql provider) with more providers, resources and data sources. */
function stackWith(providers: object, resources: object, data: object = {}): object {
  const base = databaseStack({ postgresql_role: { ro: groupRole('orders_readonly') } }) as { provider: object; resource: object };
  return JSON.parse(JSON.stringify({ provider: { ...base.provider, ...providers }, resource: { ...base.resource, ...resources }, data })) as object;
}

/** The non-passing findings of a rule, as `address: status`. */
function findings(json: object, ruleId: string): string[] {
  return evaluateStack(json, ALL_RULES).findings.filter((finding) => finding.ruleId === ruleId && finding.status !== 'pass' && finding.status !== 'not-applicable')
    .map((finding) => `${finding.address ?? ''}: ${finding.status}`);
}

const vault = (url: string, password: string) => ({
  vault_database_secret_backend_connection: { c: { backend: 'database', name: 'pg', allowed_roles: ['*'], postgresql: [{ connection_url: url, username: 'pgadmin_orders', password }] } },
  vault_database_secret_backend_role: { r: { backend: 'database', name: 'r', db_name: '${vault_database_secret_backend_connection.c.name}', creation_statements: ['GRANT azure_pg_admin TO "{{name}}";'] } },
});

describe('PGD-CFG-1: a block that signs in to the server through another client fails', () => {
  test.each([
    ['a sql provider whose URL holds the server\'s host', { sql: [{ url: `postgres://pgadmin_orders:\${var.pw}@${FQDN}:5432/orders?sslmode=require` }] }, MIGRATE, {}, ['sql_migrate.m: fail']],
    ['its data source too', { sql: [{ url: `postgres://pgadmin_orders:\${var.pw}@${FQDN}:5432/orders` }] }, {}, { sql_query: { q: { query: 'select 1' } } }, ['data.sql_query.q: fail']],
    ['a provider alias', { sql: [{ alias: 'ops', url: `postgres://u:\${var.pw}@${FQDN}/orders` }] }, { sql_migrate: { m: { ...MIGRATE.sql_migrate.m, provider: 'sql.ops' } } }, {}, ['sql_migrate.m: fail']],
    ['the host written as text', { sql: [{ url: 'postgres://u:${var.pw}@orders-db.postgres.database.azure.com/orders' }] }, MIGRATE, {}, ['sql_migrate.m: fail']],
    ['a Vault database connection', {}, vault(`postgresql://{{username}}:{{password}}@${FQDN}:5432/orders`, '${var.pw}'), {}, ['vault_database_secret_backend_connection.c: fail']],
  ])('%s', (_name, providers, resources, data, expected) => {
    expect(findings(stackWith(providers, resources, data), 'PGD-CFG-1')).toEqual(expected);
  });

  test.each([
    ['a sql provider whose URL is a variable (it may be any database)', { sql: [{ url: '${var.db_url}' }] }, MIGRATE],
    ['a sql provider of another host', { sql: [{ url: 'postgres://u:${var.pw}@other.example.com/orders' }] }, MIGRATE],
    ['a Vault connection to another host', {}, vault('postgresql://{{username}}:{{password}}@other.example.com:5432/orders', '${var.pw}')],
    ['a web app given a connection string', {}, { azurerm_linux_web_app: { w: { name: 'w', resource_group_name: 'rg', location: 'westeurope', service_plan_id: '${var.plan}', site_config: [{}], app_settings: { DATABASE_URL: `postgres://app@${FQDN}/orders` } } } }],
    ['a provider of another kind beside it', { azurerm: [{ features: [{}] }] }, {}],
  ])('%s passes', (_name, providers, resources) => {
    expect(findings(stackWith(providers, resources), 'PGD-CFG-1')).toEqual([]);
  });
});

describe('PGD-IAM-9: a client\'s connection writes no password as text', () => {
  test.each([
    ['a URL with a literal password', { sql: [{ url: `postgres://pgadmin_orders:hunter2@${FQDN}:5432/orders` }] }, MIGRATE, ['sql_migrate.m: fail']],
    ['a libpq string with one', { sql: [{ url: `host=${FQDN} user=u password=hunter2 dbname=orders` }] }, MIGRATE, ['sql_migrate.m: fail']],
    ['a Vault connection\'s literal password', {}, vault(`postgresql://{{username}}:{{password}}@${FQDN}/orders`, 'hunter2'), ['vault_database_secret_backend_connection.c: fail']],
    ['a Vault URL with the password in it', {}, vault(`postgresql://u:hunter2@${FQDN}/orders`, '${var.pw}'), ['vault_database_secret_backend_connection.c: fail']],
    ['a Vault password that is no secret', {}, vault(`postgresql://{{username}}:{{password}}@${FQDN}/orders`, '${terraform.workspace}'), ['vault_database_secret_backend_connection.c: fail']],
  ])('%s fails', (_name, providers, resources, expected) => {
    const json = stackWith(providers, resources);
    expect(findings(json, 'PGD-IAM-9')).toEqual(expected);
    expect(JSON.stringify(evaluateStack(json, ALL_RULES).findings)).not.toContain('hunter2');
  });

  test.each([
    ['a URL whose password is a variable', { sql: [{ url: `postgres://pgadmin_orders:\${var.pw}@${FQDN}:5432/orders` }] }, MIGRATE],
    ['a Vault connection templated from a variable', {}, vault(`postgresql://{{username}}:{{password}}@${FQDN}/orders`, '${var.pw}')],
  ])('%s passes', (_name, providers, resources) => {
    expect(findings(stackWith(providers, resources), 'PGD-IAM-9')).toEqual([]);
  });
});

describe('PGD-TLS-1: a client\'s connection checks the server\'s certificate', () => {
  test.each([
    ['a URL that sets no sslmode', { sql: [{ url: `postgres://u:\${var.pw}@${FQDN}:5432/orders` }] }, MIGRATE, ['sql_migrate.m: fail']],
    ['a URL with sslmode=require', { sql: [{ url: `postgres://u:\${var.pw}@${FQDN}:5432/orders?sslmode=require` }] }, MIGRATE, ['sql_migrate.m: fail']],
    ['a libpq string with sslmode=disable', { sql: [{ url: `host=${FQDN} user=u password=\${var.pw} sslmode=disable` }] }, MIGRATE, ['sql_migrate.m: fail']],
    ['a Vault URL with sslmode=disable', {}, vault(`postgresql://{{username}}:{{password}}@${FQDN}:5432/orders?sslmode=disable`, '${var.pw}'), ['vault_database_secret_backend_connection.c: fail']],
    ['an sslmode argument beside the host', { sql: [{ host: FQDN, sslmode: 'prefer' }] }, MIGRATE, ['sql_migrate.m: fail']],
  ])('%s', (_name, providers, resources, expected) => {
    expect(findings(stackWith(providers, resources), 'PGD-TLS-1')).toEqual(expected);
  });
  test('an sslmode from a variable cannot be judged, which fails at synth', () => {
    const json = stackWith({ sql: [{ url: `postgres://u:\${var.pw}@${FQDN}/orders?sslmode=\${var.mode}` }] }, MIGRATE);
    const found = evaluateStack(json, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PGD-TLS-1');
    expect(found.map((finding) => [finding.status, finding.message])).toEqual([['fail', expect.stringContaining('provider sql: url sets its sslmode from a value the checks cannot read') as string]]);
  });
  test.each([
    ['a URL with sslmode=verify-full', { sql: [{ url: `postgres://u:\${var.pw}@${FQDN}:5432/orders?sslmode=verify-full` }] }, MIGRATE],
    ['a Vault URL with sslmode=verify-full', {}, vault(`postgresql://{{username}}:{{password}}@${FQDN}:5432/orders?sslmode=verify-full`, '${var.pw}')],
  ])('%s passes', (_name, providers, resources) => {
    expect(findings(stackWith(providers, resources), 'PGD-TLS-1')).toEqual([]);
  });
});

// 87th run: a client whose connection is in its own arguments (A87a-1), Vault's engine configured through its generic API
// (A87a-2), a host spelled through a local (A87a-3).
describe('more clients (87th run)', () => {
  const ATLAS = (url: string) => ({ atlas_schema: { s: { url, hcl: 'schema "public" {}' } } });
  const GENERIC = (type: string, path: string, data: object) => ({ [type]: { g: { path, data_json: `\${jsonencode(${JSON.stringify(data).replace(/"([a-z_]+)":/g, '$1 = ').replace(/,/g, ', ')})}` } } });
  test.each([
    ['an atlas_schema with its own URL', {}, ATLAS(`postgres://pgadmin_orders:\${var.pw}@${FQDN}/orders?sslmode=verify-full`), 'atlas_schema.s'],
    ['a Data Factory linked service', {}, { azurerm_data_factory_linked_service_postgresql: { l: { name: 'l', data_factory_id: '${var.adf}', connection_string: `host=${FQDN} port=5432 database=orders user=u password=\${var.pw}` } } }, 'azurerm_data_factory_linked_service_postgresql.l'],
    ['vault_generic_endpoint at a database config path', {}, GENERIC('vault_generic_endpoint', 'database/config/orders', { plugin_name: 'postgresql-database-plugin', connection_url: `postgresql://{{username}}:{{password}}@${FQDN}/orders` }), 'vault_generic_endpoint.g'],
    ['vault_generic_secret holding a connection_url', {}, GENERIC('vault_generic_secret', 'db/cfg', { connection_url: `postgresql://{{username}}:{{password}}@${FQDN}/orders` }), 'vault_generic_secret.g'],
    ['a sql provider whose host is spelled through a local', { sql: [{ url: 'postgres://u:${var.pw}@${local.h}/orders' }] }, MIGRATE, 'sql_migrate.m'],
  ])('%s fails PGD-CFG-1', (_name, providers, resources, address) => {
    const json = { ...stackWith(providers, resources), locals: { h: 'orders-db.postgres.database.azure.com' } };
    expect(findings(json, 'PGD-CFG-1')).toEqual([`${address}: fail`]);
  });
  test('an atlas_schema with a literal password fails PGD-IAM-9', () => {
    expect(findings(stackWith({}, ATLAS(`postgres://pgadmin_orders:hunter2@${FQDN}/orders?sslmode=verify-full`)), 'PGD-IAM-9')).toEqual(['atlas_schema.s: fail']);
  });
  test.each([
    ['a stored secret holding a connection string', { azurerm_key_vault_secret: { k: { name: 'db', key_vault_id: '${var.kv}', value: `postgres://app:\${var.pw}@${FQDN}/orders` } } }],
    ['a vault_generic_secret of app settings', GENERIC('vault_generic_secret', 'kv/app', { database: 'orders' })],
    ['an atlas_schema of another host', ATLAS('postgres://u:${var.pw}@other.example.com/orders')],
    ['a sql provider whose local host is another', {}],
  ])('%s passes', (_name, resources) => {
    const json = { ...stackWith(_name.startsWith('a sql') ? { sql: [{ url: 'postgres://u:${var.pw}@${local.h}/orders' }] } : {}, _name.startsWith('a sql') ? MIGRATE : resources), locals: { h: 'other.example.com' } };
    expect(findings(json, 'PGD-CFG-1')).toEqual([]);
  });
});

// Left by the 87th run: a host read from a variable's default (`var.hosts["orders"]`). Terraform plans with the default unless the
// run sets the variable, so a default that names the server names it; a variable without one, or with another host, names none.
describe('a connection whose host is a variable\'s default', () => {
  const URL = { sql: [{ url: 'postgres://u:${var.pw}@${var.hosts["orders"]}/orders' }] };
  const judged = (variable: object) => findings({ ...stackWith(URL, MIGRATE), variable: { hosts: variable, pw: {} } }, 'PGD-CFG-1');
  test('a default that names the server, in a map, fails PGD-CFG-1', () => {
    expect(judged({ type: 'map(string)', default: { orders: 'orders-db.postgres.database.azure.com', other: 'x.example.com' } })).toEqual(['sql_migrate.m: fail']);
  });
  test.each([
    ['no default', { type: 'map(string)' }],
    ['a default of another host', { default: { orders: 'other.example.com' } }],
  ])('%s passes', (_name, variable) => {
    expect(judged(variable)).toEqual([]);
  });
});

// 90th run, A90a-5: a connection that names the server through a relay (terraform_data's output is its input, another block's
// argument read back) passed; what its references read back names servers as its own text does.
describe('a connection whose host is relayed', () => {
  const HOST = 'postgres://u:${var.pw}@${terraform_data.h.output}/orders';
  const relayed = (input: unknown, url = HOST) =>
    findings({ ...stackWith({ sql: [{ url }] }, { ...MIGRATE, terraform_data: { h: { input } } }), variable: { pw: {} } }, 'PGD-CFG-1');
  test.each([
    ['the server\'s fqdn through terraform_data', FQDN, HOST],
    ['the literal host through terraform_data', 'orders-db.postgres.database.azure.com', HOST],
    ['the host in an object input', { host: FQDN }, 'postgres://u:${var.pw}@${terraform_data.h.output.host}/orders'],
    ['the whole URL relayed', `postgres://u:\${var.pw}@${FQDN}/orders`, '${terraform_data.h.output}'],
  ])('%s fails PGD-CFG-1', (_name, input, url) => {
    expect(relayed(input, url)).toEqual(['sql_migrate.m: fail']);
  });
  test('a relay of another host passes', () => {
    expect(relayed('other.example.com')).toEqual([]);
  });
  test('a relayed URL with a literal password fails PGD-IAM-9 too, the password never shown', () => {
    const json = { ...stackWith({ sql: [{ url: '${terraform_data.h.output}' }] }, { ...MIGRATE, terraform_data: { h: { input: `postgres://pgadmin_orders:hunter2@${FQDN}/orders?sslmode=verify-full` } } }) };
    expect(findings(json, 'PGD-IAM-9')).toEqual(['sql_migrate.m: fail']);
    expect(JSON.stringify(evaluateStack(json, ALL_RULES).findings)).not.toContain('hunter2');
  });
});

// Adversarial run of stop 81: a Data Factory linked service's ADO.NET or Npgsql string (`Host=...;Password=...;SSL Mode=...`) was read
// as libpq's: its sslmode unseen (a secure one failed, B81-10), a literal password unseen (B81-284), and one that names the server
// as `Server=` or after a `;` was no client at all (B81-13, B81-14).
describe('an ADO.NET or Npgsql connection string', () => {
  const linked = (text: string) => stackWith({}, { azurerm_data_factory_linked_service_postgresql: { l: { name: 'l', data_factory_id: '${var.adf}', connection_string: text } } });
  const ADDRESS = 'azurerm_data_factory_linked_service_postgresql.l';
  test.each([
    ['Host first, verify-full, a password from a variable', `Host=${FQDN};Port=5432;Database=orders;Username=u;Password=\${var.pw};SSL Mode=VerifyFull`, [], [], ['fail']],
    ['Port first, TLS off, a literal password', `Port=5432;Host=${FQDN};Database=orders;Username=u;Password=hunter2;SSL Mode=Disable`, ['fail'], ['fail'], ['fail']],
    ['Server=, Pwd=, spaced and quoted', `Server=${FQDN}; Database=orders; User Id=u; Pwd="hunter2"; Ssl Mode=Require;`, ['fail'], ['fail'], ['fail']],
    ['no sslmode, a password from a variable', `Data Source=${FQDN};Username=u;Password=\${var.pw}`, [], ['fail'], ['fail']],
    ['Npgsql\'s verify_full spelling', `Host=${FQDN};Username=u;Password=\${var.pw};sslmode=verify_full`, [], [], ['fail']],
    // C81-28: a libpq string (its first keyword libpq's) whose value holds `;SslMode=...` sets no sslmode for libpq.
    // C81-20, C81-21: a doubled quote inside a quoted value is one quote; Npgsql's PSW is a password.
    ['a quoted value holding its quote doubled', `Host=${FQDN};Username=u;Password=\${var.pw};Application Name="x"";SSL Mode=VerifyFull;"`, [], ['fail'], ['fail']],
    ['PSW=', `Host=${FQDN};Username=u;PSW=hunter2;SSL Mode=VerifyFull`, ['fail'], [], ['fail']],
    // C82-4: Npgsql (Data Factory) reads a libpq-looking string as ADO.NET's: `;SslMode=VerifyFull` is its SSL Mode (C81-28's libpq
    // reading is below, for a libpq client).
    ['a libpq-looking string with SslMode after a `;`', `host=${FQDN} user=u password=\${var.pw} application_name=a;SslMode=VerifyFull`, [], [], ['fail']],
    // C81-29: a keyword a reference partly spells, after the secure sslmode, may be sslmode again (the last one wins): unknown.
    ['a keyword half from a reference after SSL Mode', `Host=${FQDN};Username=u;Password=\${var.pw};SSL Mode=VerifyFull;\${var.k}Mode=Disable`, [], ['fail'], ['fail']],
    ['a libpq keyword half from a reference after sslmode', `host=${FQDN} user=u password=\${var.pw} sslmode=verify-full \${var.k}mode=disable`, [], ['fail'], ['fail']],
    ['a libpq setting a reference may spell whole after sslmode', `host=${FQDN} user=u password=\${var.pw} sslmode=verify-full \${var.options}`, [], ['fail'], ['fail']],
    // A82-12, A82-13: an ADO.NET pair whose `=` a reference spells, or that is a reference alone, may set SSL Mode again.
    ['an ADO.NET pair whose = a reference spells', `Host=${FQDN};Username=u;Password=\${var.pw};SSL Mode=VerifyFull;SSL Mode\${var.eq}Disable`, [], ['fail'], ['fail']],
    ['an ADO.NET pair that is a reference alone', `Host=${FQDN};Username=u;Password=\${var.pw};SSL Mode=VerifyFull;\${var.o}`, [], ['fail'], ['fail']],
    // C82-1, C81-22: a pair before the last SSL Mode (a reference alone, a weaker SSL Mode) is overridden by it, as Npgsql reads it.
    ['a reference alone before the secure SSL Mode', `\${var.extra};Host=${FQDN};Username=u;Password=\${var.pw};SSL Mode=VerifyFull`, [], [], ['fail']],
    ['SSL Mode given twice, the secure one last', `Host=${FQDN};Username=u;Password=\${var.pw};SSL Mode=Disable;SSL Mode=VerifyFull`, [], [], ['fail']],
    // C82-4: Npgsql reads a Data Factory string as ADO.NET's whatever its first keyword.
    ['a lower-case first keyword, a libpq-looking sslmode and SSL Mode=Disable last', `host=${FQDN};Username=u;Password=\${var.pw}; sslmode=verify-full ;SSL Mode=Disable`, [], ['fail'], ['fail']],
  ])('%s', (_name, text, passwords, tls, clients) => {
    const json = linked(text);
    expect(findings(json, 'PGD-IAM-9')).toEqual(passwords.map((status) => `${ADDRESS}: ${status}`));
    expect(findings(json, 'PGD-TLS-1')).toEqual(tls.map((status) => `${ADDRESS}: ${status}`));
    expect(findings(json, 'PGD-CFG-1')).toEqual(clients.map((status) => `${ADDRESS}: ${status}`));
    expect(JSON.stringify(evaluateStack(json, ALL_RULES).findings)).not.toContain('hunter2');
  });
});

// Adversarial run of stop 81, B81-1 to B81-3: a Vault generic-API write of a database connection had its data_json read as one text,
// so its literal password and weak sslmode passed; it is read as the JSON Vault decodes (literal, a template, jsonencode).
describe('a Vault generic-API connection\'s data_json', () => {
  const write = (type: string, data: unknown) => stackWith({}, { [type]: { g: { path: 'database/config/orders', data_json: data } } });
  const url = (mode: string) => `postgresql://{{username}}:{{password}}@${FQDN}/orders?sslmode=${mode}`;
  test.each([
    ['literal JSON', 'vault_generic_endpoint', (mode: string, password: string) => JSON.stringify({ plugin_name: 'postgresql-database-plugin', connection_url: url(mode), username: 'u', password })],
    ['jsonencode', 'vault_generic_secret', (mode: string, password: string) => `\${jsonencode({ connection_url = "${url(mode)}", username = "u", password = ${password.startsWith('${') ? password.slice(2, -1) : JSON.stringify(password)} })}`],
  ])('as %s: a literal password and a weak sslmode fail, a variable and verify-full pass', (_how, type, data) => {
    const weak = write(type, data('disable', 'hunter2'));
    expect([findings(weak, 'PGD-IAM-9'), findings(weak, 'PGD-TLS-1')]).toEqual([['vault_generic_' + type.split('_')[2] + '.g: fail'], ['vault_generic_' + type.split('_')[2] + '.g: fail']]);
    expect(JSON.stringify(evaluateStack(weak, ALL_RULES).findings)).not.toContain('hunter2');
    const secure = write(type, data('verify-full', '${var.pw}'));
    expect([findings(secure, 'PGD-IAM-9'), findings(secure, 'PGD-TLS-1')]).toEqual([[], []]);
  });
});

// C81-34: Vault decodes a JSON number into its password field: a number written there is a password written.
// C81-32: a data_json with a key known only later (`{"${var.k}": "postgresql://...?sslmode=disable"}`) was read as one text, so its
// weak sslmode passed: data the checks cannot decode is unknown for TLS and a password that cannot be ruled out.
test('a Vault generic-API connection whose data_json has a key known only later is not passed', () => {
  const data = `{"\${var.k}": "postgresql://{{username}}:{{password}}@${FQDN}/orders?sslmode=disable", "password": "\${var.pw}"}`;
  const evaluation = evaluateStack(stackWith({}, { vault_generic_endpoint: { g: { path: 'database/config/orders', data_json: data } } }), ALL_RULES);
  const messages = (ruleId: string) => evaluation.findings.filter((finding) => finding.ruleId === ruleId && finding.status === 'fail').map((finding) => finding.message);
  expect(messages('PGD-TLS-1')).toEqual([expect.stringContaining('vault_generic_endpoint.g: data_json is no JSON object the checks can read')]);
  expect(messages('PGD-IAM-9')).toEqual([expect.stringContaining('a password written in it cannot be ruled out')]);
});
test('a Vault generic-API connection\'s password written as a number fails PGD-IAM-9', () => {
  const json = stackWith({}, { vault_generic_endpoint: { g: { path: 'database/config/orders', data_json: JSON.stringify({ connection_url: `postgresql://{{username}}:{{password}}@${FQDN}/orders?sslmode=verify-full`, username: 'u', password: 123456789012 }) } } });
  expect(findings(json, 'PGD-IAM-9')).toEqual(['vault_generic_endpoint.g: fail']);
});

// C81-33: a key written with a JSON escape is the key Vault decodes: the block is a connection whatever its path.
test('a Vault generic-API write whose connection_url key is escaped is read as a connection', () => {
  const json = stackWith({}, { vault_generic_endpoint: { g: { path: '${var.path}', data_json: `{"connection\\u005furl": "postgresql://{{username}}:{{password}}@${FQDN}/orders?sslmode=disable", "username": "u", "password": "hunter2"}` } } });
  expect([findings(json, 'PGD-TLS-1'), findings(json, 'PGD-IAM-9')]).toEqual([['vault_generic_endpoint.g: fail'], ['vault_generic_endpoint.g: fail']]);
});

// D81-103: a pg state backend (cdktf's PgBackend) signs Terraform in to the server with its conn_str; it was no client, so a literal
// password and TLS off in it passed. Its conn_str is read as another client's connection string.
describe('a pg state backend that keeps the state in the server', () => {
  const withBackend = (connStr: string) => ({ ...stackWith({}, {}), terraform: { backend: { pg: { conn_str: connStr } } } });
  test.each([
    ['a URL', 'postgres://tfstate:hunter2@orders-db.postgres.database.azure.com/tfstate?sslmode=disable'],
    ['libpq settings', 'host=orders-db.postgres.database.azure.com user=tfstate password=hunter2 dbname=tfstate sslmode=require'],
  ])('as %s with a literal password and no verify-full fails PGD-IAM-9 and PGD-TLS-1', (_form, connStr) => {
    const json = withBackend(connStr);
    expect([findings(json, 'PGD-IAM-9'), findings(json, 'PGD-TLS-1')]).toEqual([['terraform.backend.pg: fail'], ['terraform.backend.pg: fail']]);
    expect(JSON.stringify(evaluateStack(json, ALL_RULES).findings)).not.toContain('hunter2');
  });
  test('with verify-full and the password from the environment passes both; a backend that names another server is not judged', () => {
    expect(['IAM-9', 'TLS-1'].map((rule) => findings(withBackend('postgres://tfstate@orders-db.postgres.database.azure.com/tfstate?sslmode=verify-full'), `PGD-${rule}`))).toEqual([[], []]);
    expect(findings(withBackend('postgres://tfstate:hunter2@state.example.com/tfstate?sslmode=disable'), 'PGD-TLS-1')).toEqual([]);
  });
});

// A82-14 to A82-16: a connection string written inside an expression (format, join, a conditional of whole strings) was no connection
// text (CONNECTION_TEXT read only text that begins with it), so its weak sslmode passed.
describe('a connection string written inside an expression', () => {
  const libpq = (mode: string) => `host=orders-db.postgres.database.azure.com user={{username}} password={{password}} dbname=postgres sslmode=${mode}`;
  test.each([
    ['format with a reference after sslmode', `\${format("${libpq('verify-full')} %s", var.o)}`],
    ['join with a reference after sslmode', `\${join(" ", ["${libpq('verify-full')}", var.o])}`],
    ['a conditional whose other branch is weak', `\${var.c ? "${libpq('verify-full')}" : "${libpq('disable')}"}`],
  ])('%s fails PGD-TLS-1', (_how, url) => {
    expect(findings(stackWith({}, vault(url, '${var.pw}')), 'PGD-TLS-1')).toEqual(['vault_database_secret_backend_connection.c: fail']);
  });
  test('an ADO.NET conditional of whole strings with SSL Mode=Disable fails PGD-TLS-1; with VerifyFull in both, it passes', () => {
    const ado = (mode: string) => `Host=${FQDN};Username=u;Password=\${var.pw};SSL Mode=${mode}`;
    const linked = (text: string) => stackWith({}, { azurerm_data_factory_linked_service_postgresql: { l: { name: 'l', data_factory_id: '${var.adf}', connection_string: text } } });
    expect(findings(linked(`\${var.c ? "${ado('VerifyFull')}" : "${ado('Disable')}"}`), 'PGD-TLS-1')).toEqual(['azurerm_data_factory_linked_service_postgresql.l: fail']);
    expect(findings(linked(`\${var.c ? "${ado('VerifyFull')}" : "${ado('VerifyFull')}"}`), 'PGD-TLS-1')).toEqual([]);
  });
});

// A82-34: a Vault generic write whose path is known only later may be a database configuration's: its undecodable data_json is judged.
test('a Vault generic-API write with a path and a data_json key from variables is not passed', () => {
  const data = `{"\${var.k}": "postgresql://{{username}}:{{password}}@${FQDN}/orders?sslmode=disable"}`;
  const json = stackWith({}, { vault_generic_endpoint: { g: { path: '${var.path}', data_json: data } } });
  expect([findings(json, 'PGD-TLS-1'), findings(json, 'PGD-IAM-9')]).toEqual([['vault_generic_endpoint.g: fail'], ['vault_generic_endpoint.g: fail']]);
});

// A82-25: a secure pg state backend failed synth on PGD-CFG-1 (it runs no statement of the configuration), and no suppression could
// reach it but a stack-wide one.
test('a secure pg state backend passes PGD-CFG-1', () => {
  const json = { ...stackWith({}, {}), terraform: { backend: { pg: { conn_str: 'postgres://tfstate@orders-db.postgres.database.azure.com/tfstate?sslmode=verify-full' } } } };
  expect(findings(json, 'PGD-CFG-1')).toEqual([]);
});

// A Vault KV secret that stores an application's connection string (at `secret/${var.env}/orders`, or with data the checks cannot
// decode at a literal path) configures no database engine: no client, so no finding.
test.each([
  ['a path from a variable, its data decoded', '${var.env}/orders', JSON.stringify({ url: `postgresql://app@${FQDN}/orders?sslmode=verify-full` })],
  ['a literal path, its data not decoded', 'secret/orders', `{"\${var.k}": "postgresql://app@${FQDN}/orders?sslmode=verify-full"}`],
])('a Vault KV secret holding a connection string (%s) is no client', (_how, path, data) => {
  const json = stackWith({}, { vault_generic_secret: { s: { path, data_json: data } } });
  expect(['PGD-CFG-1', 'PGD-TLS-1', 'PGD-IAM-9'].map((rule) => findings(json, rule))).toEqual([[], [], []]);
});

// C82-2: a libpq token that is a reference alone, before the literal sslmode, is overridden by it (libpq takes the last).
test.each([
  [`\${var.opts} host=${FQDN} user={{username}} password={{password}} dbname=orders sslmode=verify-full`, []],
  [`host=${FQDN} \${var.opts} sslmode=verify-full`, []],
  [`host=${FQDN} sslmode=disable sslmode=verify-full`, []],
  [`host=${FQDN} sslmode=verify-full sslmode=disable`, ['vault_database_secret_backend_connection.c: fail']],
  // A keyword half from a reference that may be no sslmode; C81-28: a libpq client reads `application_name=a;SslMode=VerifyFull` as one value.
  [`host=${FQDN} sslmode=verify-full application_\${var.k}=x`, []],
  [`host=${FQDN} application_name=a;SslMode=VerifyFull`, ['vault_database_secret_backend_connection.c: fail']],
])('libpq %s: the last sslmode decides', (url, expected) => {
  expect(findings(stackWith({}, vault(url, '${var.pw}')), 'PGD-TLS-1')).toEqual(expected);
});

// E82-19, E82-20: Terraform's pg backend (lib/pq) takes a URI query parameter's first value, and Go's url.Parse cuts the query at a
// `#`: every sslmode of a URI counts, and a URI with a `#` is unknown.
test.each([
  'postgres://tfstate@orders-db.postgres.database.azure.com/tfstate?sslmode=disable&sslmode=verify-full',
  'postgres://tfstate@orders-db.postgres.database.azure.com/tfstate#?sslmode=verify-full',
])('a pg backend URI %s fails PGD-TLS-1', (connStr) => {
  const json = { ...stackWith({}, {}), terraform: { backend: { pg: { conn_str: connStr } } } };
  expect(findings(json, 'PGD-TLS-1')).toEqual(['terraform.backend.pg: fail']);
});
