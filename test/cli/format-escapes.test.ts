import { readFileSync } from 'fs';
import { join } from 'path';
import { check, SECURE, tree } from './cli-harness';
import { databaseStack } from '../checks/database-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from '../checks/rule-harness';

// Adversarial run of stop 70, C13: the summary and the reports show text from the stack through printable() (a control shown as
// its escape, \u{202e}); SARIF and JUnit kept bidi controls and line or paragraph separators as they were, so a value an override
// wrote could reorder the text after it in a code-scanning alert or a test tab. Both now show them escaped, as the summary does.

const HIDDEN = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c', '\u2028', '\u2029'];
const ESCAPED = `db${HIDDEN.map((c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).join('')}-end`;
/** A firewall rule open to the internet of a server outside the stack, whose literal ID (the server's label) holds every such character. */
const STACK = {
  resource: {
    azurerm_postgresql_flexible_server_firewall_rule: {
      all: { name: 'all', server_id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/db${HIDDEN.join('')}-end`, start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' },
    },
  },
};

const written = (format: string) => {
  const root = tree({ 'stacks/app/cdk.tf.json': STACK });
  const output = join(root, `results.${format}`);
  check('check', root, '--format', format, '--output', output);
  return readFileSync(output, 'utf8');
};

test.each(['sarif', 'junit'])('%s shows none of them raw, each as its escape', (format) => {
  const document = written(format);
  expect(HIDDEN.filter((character) => document.includes(character))).toEqual([]);
  expect(document).toContain(format === 'sarif' ? ESCAPED.replace(/\\/g, '\\\\') : ESCAPED);
});

test('as the summary does', () => {
  const root = tree({ 'stacks/app/cdk.tf.json': STACK });
  const out = check('check', root).out.join('\n');
  expect(HIDDEN.filter((character) => out.includes(character))).toEqual([]);
  expect(out).toContain(ESCAPED);
});

// Adversarial run of stop 79, C79-46: a literal password written as a for_each key (`password = each.key`) was printed in the
// instance's address by every finding on it, in every format and report.
test('a password that is an instance\'s key appears in no output', () => {
  const SECRET = 'Zq9-Literal-Secret-77!';
  const stack = databaseStack({ postgresql_role: { many: { for_each: { [SECRET]: 'app_a' }, name: '${each.value}', login: true, password: '${each.key}' } } });
  const root = tree({ 'cdktf.out/stacks/s/cdk.tf.json': stack });
  const console = check('check', join(root, 'cdktf.out'), '--report', join(root, 'reports'));
  expect(console.code).toBe(1);
  expect(console.out.join('\n')).toContain('postgresql_role.many["key 1, a password: not shown"]');
  for (const format of ['sarif', 'junit', 'json', 'markdown']) {
    expect(check('check', join(root, 'cdktf.out'), '--format', format, '--output', join(root, `out.${format}`)).code).toBe(1);
    expect(readFileSync(join(root, `out.${format}`), 'utf8')).not.toContain(SECRET);
  }
  expect(console.out.join('\n')).not.toContain(SECRET);
  for (const report of ['postgres-security-report.json', 'postgres-security-report.md']) expect(readFileSync(join(root, 'reports', 's', report), 'utf8')).not.toContain(SECRET);
});

// Adversarial run of stop 79, D79-2 to D79-5: the key nested in a secret argument, in part of a password, or in a conninfo.
test.each([
  ['a nested secret argument', { postgresql_user_mapping: { m: { for_each: { KEY: 'app_a' }, server_name: 'fs', user_name: 'u', options: { user: 'u', password: '${each.key}' } } } }],
  ['part of a password', { postgresql_role: { many: { for_each: { KEY: 'app_a' }, name: '${each.value}', login: true, password: '${each.key}-x' } } }],
  ['a password in another case', { postgresql_role: { many: { for_each: { KEY: 'app_a' }, name: '${each.value}', login: true, password: '${upper(each.key)}' } } }],
  ['a conninfo', { postgresql_subscription: { s: { for_each: { KEY: 'x' }, name: 'sub', publications: ['p'], conninfo: 'host=h user=u password=${each.key}' } } }],
  // D79-44 (wrapped in a function), and D79-6, D79-45: the keys of a for_each chained over that block.
  ['sensitive()', { postgresql_role: { many: { for_each: { KEY: 'app_a' }, name: '${each.value}', login: true, password: '${sensitive(each.key)}' } } }],
  ['nonsensitive()', { postgresql_role: { many: { for_each: { KEY: 'app_a' }, name: '${each.value}', login: true, password: '${nonsensitive(each.key)}' } } }],
  ['a set item', { postgresql_role: { many: { for_each: '${toset(["KEY"])}', name: 'app_a', login: true, password: '${sensitive(each.value)}' } } }],
  ['a for_each chained over the role', {
    postgresql_role: { many: { for_each: { KEY: 'app_a' }, name: '${each.value}', login: true, password: '${each.key}' } },
    postgresql_grant: { g: { for_each: '${postgresql_role.many}', role: '${each.value.name}', database: 'orders', object_type: 'database', privileges: ['ALL'] } },
    postgresql_security_label: { l: { for_each: '${postgresql_role.many}', object_type: 'role', object_name: '${each.value.name}', label_provider: 'pgaadauth', label: 'aadauth' } },
  }],
  // Adversarial run of stop 80: the key holds the password (A80-3), a connection string's password (A80-4).
  ['a part of the key', { postgresql_role: { many: { for_each: '${toset(["app_a:KEY"])}', name: '${split(":", each.key)[0]}', login: true, password: '${split(":", each.key)[1]}' } } }],
  ['a trimmed key', { postgresql_role: { many: { for_each: { 'k-KEY': 'app_a' }, name: '${each.value}', login: true, password: '${trimprefix(each.key, "k-")}' } } }],
  ['a conninfo URI', { postgresql_subscription: { s: { for_each: { KEY: 'x' }, name: 'sub', publications: ['p'], conninfo: 'postgresql://u:${each.key}@h/db' } } }],
  // C80-9, E80-15: SQL's PASSWORD '...' in a script, however quoted.
  ['a script', { postgresql_script: { sc: { for_each: { KEY: 'app_a' }, commands: ["ALTER ROLE ${each.value} PASSWORD '${each.key}'"] } } }],
  ['a script quoting otherwise', { postgresql_script: { sc: { for_each: { KEY: 'app_a' }, commands: ["ALTER ROLE ${each.value} PASSWORD\n E'${each.key}'"] } } }],
  ['a double-quoted conninfo password', { postgresql_subscription: { s: { for_each: { KEY: 'x' }, name: 'sub', publications: ['p'], conninfo: 'host=h user=u password="${each.key}"' } } }],
])('a password key in %s appears in no output', (_how, resources) => {
  const SECRET = 'Zq9LiteralSecret77';
  const stack = databaseStack(JSON.parse(JSON.stringify(resources).replace(/\bKEY\b/g, SECRET)));
  const root = tree({ 'cdktf.out/stacks/s/cdk.tf.json': stack });
  const result = check('check', join(root, 'cdktf.out'), '--format', 'sarif', '--output', join(root, 'out.sarif'));
  expect(result.code).toBe(1);
  expect(`${result.out.join('\n')}${result.err.join('\n')}${readFileSync(join(root, 'out.sarif'), 'utf8')}`).not.toContain(SECRET);
});

// Adversarial run of stop 80, A80-19: the keys of one server's role chained, or read from the same map, onto another server's blocks.
test('a password key appears in no output where another server\'s blocks have the key', () => {
  const SECRET = 'Zq9LiteralSecret77';
  const stack = databaseStack({ postgresql_role: { many: { for_each: '${local.m}', name: '${each.value}', login: true, password: '${each.key}' } } }) as any;
  stack.locals = { m: { [SECRET]: 'app_a' } };
  stack.provider.postgresql.push({ alias: 'db2', host: `\${${FLEXIBLE}.db2.fqdn}`, database: 'postgres', azure_identity_auth: true, superuser: false, sslmode: 'verify-full' });
  stack.resource[FLEXIBLE].db2 = compliantFlexibleServer({ name: 'orders-db2' });
  stack.resource.postgresql_role.other = { provider: 'postgresql.db2', for_each: '${local.m}', name: '${each.value}', login: true, superuser: true };
  stack.resource.postgresql_grant = { g: { provider: 'postgresql.db2', for_each: '${postgresql_role.many}', role: '${each.value.name}', database: 'orders', object_type: 'database', privileges: ['ALL'] } };
  const root = tree({ 'cdktf.out/stacks/s/cdk.tf.json': stack });
  const result = check('check', join(root, 'cdktf.out'), '--format', 'sarif', '--output', join(root, 'out.sarif'));
  expect(result.code).toBe(1);
  expect(result.out.join('\n')).toContain('postgresql_role.other["key 1, a password: not shown"]');
  expect(`${result.out.join('\n')}${result.err.join('\n')}${readFileSync(join(root, 'out.sarif'), 'utf8')}`).not.toContain(SECRET);
});

// C80-19: a key that picks a generated password's instance (the rotation DatabaseAccess writes) is no secret, and is shown.
test('a key that picks a random_password instance is shown', () => {
  const stack = databaseStack({ postgresql_role: { many: { for_each: '${toset(["app_a", "app_b"])}', name: '${each.key}', login: true, superuser: true, password_wo: '${random_password.pw[each.key].result}', password_wo_version: 1 } } });
  const root = tree({ 'cdktf.out/stacks/s/cdk.tf.json': stack });
  expect(check('check', join(root, 'cdktf.out')).out.join('\n')).toContain('postgresql_role.many["app_a"]');
});

// Adversarial run of stop 80, A80-5, C80-6: a role named after a password key (`name = "r_${each.key}"`) in the report's server facts
// and in-database section, which showed what the stack writes as it is; C80-8: a Vault secret whose instance key is the password it
// writes (`jsonencode({ password = each.key })`), named by a read-back message.
test.each([
  ['a role named after the key, in the reports', { postgresql_role: { many: { for_each: { KEY: 'app_a' }, name: 'r_${each.key}', login: true, password: '${each.key}' } } }, {}],
  ['a role named after the key in lower case (C80-7)', { postgresql_role: { many: { for_each: { KEY: 'app_a' }, name: '${lower(each.key)}', login: true, password: '${each.key}' } } }, {}],
  ['a server parameter made from a password in upper case (B81-211)', {
    azurerm_postgresql_flexible_server_configuration: { rst: { name: 'require_secure_transport', server_id: '${azurerm_postgresql_flexible_server.db.id}', value: '${upper(local.p)}' } },
    postgresql_role: { r: { name: 'app', login: true, password: '${local.p}' } },
  }, { locals: { p: 'KEY' } }],
  ['a Vault secret keyed by the password, in a read-back message', {
    postgresql_role: { r: { name: 'app', login: true, password: '${data.vault_generic_secret.g.data["password"]}' } },
    vault_generic_secret: { s: { for_each: { KEY: 'pg' }, path: 'secret/${each.value}', data_json: '${jsonencode({ password = each.key })}' } },
  }, { data: { vault_generic_secret: { g: { path: '${var.p}' } } } }],
])('a password key in %s appears in no output', (_how, resources, more) => {
  const SECRET = 'Zq9LiteralSecret77';
  const stack = JSON.parse(JSON.stringify({ ...databaseStack(resources as Parameters<typeof databaseStack>[0]), ...more }).replace(/\bKEY\b/g, SECRET));
  const root = tree({ 'cdktf.out/stacks/s/cdk.tf.json': stack });
  const result = check('check', join(root, 'cdktf.out'), '--report', join(root, 'reports'));
  expect(result.code).toBe(1);
  const reports = ['postgres-security-report.json', 'postgres-security-report.md'].map((report) => readFileSync(join(root, 'reports', 's', report), 'utf8'));
  expect(`${result.out.join('\n')}${result.err.join('\n')}${reports.join('\n')}`.toLowerCase()).not.toContain(SECRET.toLowerCase());
  expect(reports[0]).toContain('(a secret, not shown)');
});

// Adversarial run of stop 81, B81-169/170/222/223, A81-36: a password in a provider's host or database (a URL's user, a setting) was
// printed by the PGD-TLS-1 message that quotes them; B81-274: one given in an ADO.NET string's `Password=...;` and written elsewhere.
test.each([
  ['a host with a user', { host: 'pgadmin:KEY@orders-db.postgres.database.azure.com' }, {}],
  ['a whole URL as the host', { host: 'postgresql://pgadmin:KEY@orders-db.postgres.database.azure.com:5432/postgres' }, {}],
  ['a database with a password setting', { database: 'postgres?password=KEY&sslmode=disable' }, {}],
  ['a host through a local', { host: '${local.creds}@orders-db.postgres.database.azure.com' }, { locals: { creds: 'pgadmin:KEY' } }],
])('a password in %s appears in no output', (_how, provider, more) => {
  const SECRET = 'Zq9LiteralSecret77';
  const stack = databaseStack({ postgresql_role: { r: { name: 'app', login: false } } }) as any;
  stack.provider.postgresql[0] = { ...stack.provider.postgresql[0], ...JSON.parse(JSON.stringify(provider).replace(/\bKEY\b/g, SECRET)) };
  Object.assign(stack, JSON.parse(JSON.stringify(more).replace(/\bKEY\b/g, SECRET)));
  const root = tree({ 'cdktf.out/stacks/s/cdk.tf.json': stack });
  const result = check('check', join(root, 'cdktf.out'), '--report', join(root, 'reports'));
  expect(result.code).toBe(1);
  expect(result.out.join('\n')).toContain('PGD-TLS-1');
  const reports = ['postgres-security-report.json', 'postgres-security-report.md'].map((report) => readFileSync(join(root, 'reports', 's', report), 'utf8'));
  expect(`${result.out.join('\n')}${result.err.join('\n')}${reports.join('\n')}`).not.toContain(SECRET);
});

test('a password in an ADO.NET connection string is a secret wherever else it is written', () => {
  const SECRET = 'Zq9LiteralSecret77';
  const stack = databaseStack({}) as any;
  stack.resource.azurerm_data_factory_linked_service_postgresql = { l: { name: 'l', data_factory_id: 'x', connection_string: `Host=orders-db.postgres.database.azure.com;Database=postgres;Username=u;Password=${SECRET};SSL Mode=VerifyFull` } };
  stack.resource.azurerm_postgresql_flexible_server_configuration = { rsx: { name: 'require_secure_transport', server_id: `\${${FLEXIBLE}.db.id}`, value: SECRET } };
  const result = check('check', tree({ 'cdk.tf.json': stack }));
  expect(result.out.join('\n')).toContain('PGF-TLS-1');
  expect(result.out.join('\n')).not.toContain(SECRET);
});

test('a password in a line that refuses a file is not shown (B81-152)', () => {
  const result = check('check', tree({ 'cdk.tf.json': { ...SECURE, '//': { 'cdktf-azure-postgres-access': 'Password=Zq9LiteralSecret77' } } }));
  expect(result.code).toBe(2);
  expect(result.err.join('\n')).toContain('Password=(a secret, not shown)');
});
