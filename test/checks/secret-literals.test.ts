import { evaluateStack } from '../../lib/checks/evaluate';
import { fail, Rule, RuleSeverity, SecurityLayer } from '../../lib/checks/rule';
import { ALL_RULES } from '../../lib/checks/rules';
import { REDACTED, redactSecrets, secretLiterals, withCredentialsHidden } from '../../lib/checks/secret-literals';
import { buildStackModel } from '../../lib/checks/stack-model';
import { databaseStack, passwordRole } from './database-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

// No finding shows a secret the stack writes as text: rules name it, and the engine redacts
// whatever a rule (one written later too) would print.

const SECRET = 'Zq9SecretLiteral42x';

function literalsOf(terraform: object): string[] {
  return secretLiterals(terraform, buildStackModel(terraform).resources.values());
}

describe('the secrets a stack writes as text', () => {
  test.each<[string, object]>([
    ['an administrator password', { resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_password: SECRET }) } } }],
    ['a write-only password in a constant expression', { resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_password_wo: `\${"${SECRET}"}` }) } } }],
    ['a password through a local', { locals: { pw: `${SECRET}` }, resource: { postgresql_role: { r: { name: 'r', password: '${local.pw}' } } } }],
    ['a provider password', { provider: { postgresql: [{ host: 'h', password: SECRET }] } }],
    ['a user mapping option', { resource: { postgresql_user_mapping: { m: { options: { user: 'u', password: SECRET } } } } }],
    ['a conninfo password', { resource: { postgresql_subscription: { s: { conninfo: `host=h password=${SECRET} dbname=d` } } } }],
    // 40th run (A40b-1): libpq 18's other secret keywords, in a user mapping's options and in a conninfo.
    ['a user mapping SCRAM client key', { resource: { postgresql_user_mapping: { m: { options: { user: 'u', scram_client_key: SECRET } } } } }],
    ['a user mapping SCRAM server key', { resource: { postgresql_user_mapping: { m: { options: { user: 'u', SCRAM_SERVER_KEY: SECRET } } } } }],
    ['a user mapping OAuth client secret', { resource: { postgresql_user_mapping: { m: { options: { oauth_client_secret: SECRET } } } } }],
    ['a conninfo SCRAM client key', { resource: { postgresql_subscription: { s: { conninfo: `host=h scram_client_key=${SECRET} dbname=d` } } } }],
    ['a conninfo OAuth client secret in a URI query', { resource: { postgresql_subscription: { s: { conninfo: `postgresql://u@h/d?oauth_client_secret=${SECRET}` } } } }],
    ['a Key Vault secret', { resource: { azurerm_key_vault_secret: { s: { name: 'pw', value: SECRET } } } }],
    ['an azapi body', { resource: { azapi_update_resource: { u: { body: { properties: { administratorLoginPassword: SECRET } } } } } }],
    ['a storage account key', { resource: { azurerm_postgresql_server: { s: { threat_detection_policy: [{ storage_account_access_key: SECRET }] } } } }],
  ])('%s', (_, terraform) => {
    expect(literalsOf(terraform)).toContain(SECRET);
  });

  test('text around a reference is a secret; the reference, ordinary attributes and short text are not', () => {
    const terraform = {
      resource: {
        [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_password: `${SECRET}\${var.suffix}`, password_auth_enabled: 'true', administrator_login: 'pgadmin_ops' }) },
        postgresql_role: { r: { name: 'reader', password: 'abc' } },
      },
    };
    const found = literalsOf(terraform);
    expect(found).toContain(SECRET);
    expect(found.filter((text) => /var\.suffix|^true$|pgadmin_ops|reader|^abc$/.test(text) && !text.includes(SECRET))).toEqual([]);
  });

  test('a quoted key that picks an instance or item is no secret; a quoted argument of a call is (50th run, A50a-11)', () => {
    const terraform = { resource: { postgresql_role: {
      r: { name: 'r', password: '${data.azurerm_key_vault_secret.k["admin"].value}' },
      s: { name: 's', password: '${local.m[ "admin2" ]}' },
      t: { name: 't', password: `\${coalesce(var.p, "${SECRET}")}` },
    } } };
    const found = literalsOf(terraform);
    expect(found).toContain(SECRET);
    expect(found.filter((text) => /admin/.test(text))).toEqual([]);
  });

  test('a resource or data type named like a secret does not make its other attributes secrets', () => {
    const terraform = {
      resource: {
        azurerm_key_vault_secret: { s: { name: 'orders-db', key_vault_id: '/subscriptions/x/vaults/kv-orders', content_type: 'text/plain', value: SECRET } },
        random_password: { admin: { length: 32, override_special: '-_.~!*' } },
      },
      data: { azurerm_key_vault_secret: { read: { name: 'orders-db-reader', key_vault_id: '/subscriptions/x/vaults/kv-orders' } } },
      variable: { db_password: { description: 'the password of the orders database', sensitive: true } },
    };
    // With its lower and upper case (a value built from it may show it so: B81-211).
    expect(literalsOf(terraform)).toEqual([SECRET, SECRET.toLowerCase(), SECRET.toUpperCase()]);
  });

  test('are replaced in a message, as written and as JSON quotes them', () => {
    const quoted = 'a"b\\c-secret';
    expect(redactSecrets(`is ${SECRET} and ${JSON.stringify(quoted)}`, [SECRET, quoted])).toBe(`is ${REDACTED} and "${REDACTED}"`);
    expect(redactSecrets('nothing to hide', [])).toBe('nothing to hide');
  });

  // 41st run (A41a-2): a text that is part of a secret keyword's name is kept where the message names the keyword, not where it
  // is quoted as a value, nor where it runs past the keyword.
  test('are kept inside a secret keyword the message names, and replaced anywhere else', () => {
    expect(redactSecrets('conninfo writes its password as text; its sslpassword too', ['word', 'pass', 'password'])).toBe('conninfo writes its password as text; its sslpassword too');
    expect(redactSecrets('administrator_password is "password", a word', ['password', 'word'])).toBe(`administrator_password is "${REDACTED}", a ${REDACTED}`);
    expect(redactSecrets('its password is \'password\'', ['password'])).toBe(`its password is '${REDACTED}'`);
    expect(redactSecrets('the passwordXYZ1 and oauth_client_secret', ['wordXYZ1', 'client'])).toBe(`the pass${REDACTED} and oauth_client_secret`);
  });
});

describe('no finding shows one', () => {
  const stack = databaseStack({
    postgresql_role: { vendor: passwordRole('vendor', { password: SECRET }) },
    postgresql_user_mapping: { m: { server_name: 'remote', user_name: 'vendor', options: { password: SECRET } } },
  });
  stack.resource[FLEXIBLE].db = compliantFlexibleServer({ administrator_login: 'pgadmin_ops', administrator_password: SECRET, '//': { metadata: { path: 'stack/Postgres/Server' } } });

  test('in the whole pack, on a construct\'s server, though rules fail on it', () => {
    const evaluation = evaluateStack(stack, ALL_RULES, { trusted: { suppressions: [], enforced: ['stack/Postgres'], constructs: ['stack/Postgres'], warnings: [] } });
    const failed = evaluation.findings.filter((f) => f.status === 'fail');
    expect(failed.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['PG-IAM-1', 'PGF-IAM-4', 'PGD-IAM-2']));
    const { findings, unjudged, problems } = evaluation;
    expect(JSON.stringify({ findings, unjudged, problems })).not.toContain(SECRET);
  });

  // 41st run (A41a-2): a literal template part that spells the keyword is named, the secret still not shown.
  test.each([['host=h pass${"word"}=Lit3ral'], ['host=h ${"password"}=Lit3ral'], ['host=h ${"sslpass"}word=Lit3ral']])('names the keyword a literal part of %s spells', (conninfo) => {
    const keyword = conninfo.includes('ssl') ? 'sslpassword' : 'password';
    const subscription = databaseStack({ postgresql_subscription: { pull: { name: 'pull', database: 'orders', publications: ['p'], conninfo } } });
    const [finding] = evaluateStack(subscription, ALL_RULES.filter((rule) => rule.id === 'PGD-IAM-15')).findings.filter((f) => f.status === 'fail');
    expect(finding).toMatchObject({ ruleId: 'PGD-IAM-15', severity: 'error', address: 'postgresql_subscription.pull' });
    expect(finding.message).toBe(`postgresql_subscription.pull: conninfo writes its ${keyword} as text, so it is in the configuration.`);
    expect(JSON.stringify(finding)).not.toMatch(/Lit3|3ral/);
  });

  test('even from a rule that prints the value it reads', () => {
    const printing: Rule = {
      id: 'PG-TEST-1', title: 'prints', severity: RuleSeverity.ERROR, layer: SecurityLayer.ACCESS, references: {}, fix: 'none', appliesTo: 'any',
      evaluate: (server) => fail(`administrator_password is ${JSON.stringify(server.config.administrator_password)}`),
    };
    const [finding] = evaluateStack(stack, [printing]).findings;
    expect(finding.message).toBe(`administrator_password is "${REDACTED}"`);
  });
});

// Adversarial run of stop 81, C81-14 to C81-16: the net over URL user information and password settings took the first `@`, stopped a
// value at `;` or a blank inside libpq's quotes, and left literal text after a reference.
test.each([
  ['a password holding @: up to the last one', 'host "app:Sup3r@S3cretPw42x@orders-db.postgres.database.azure.com"', 'host "app:(a secret, not shown)@orders-db.postgres.database.azure.com"'],
  ['a libpq value holding ;', 'sslmode "disable password=Sup3r;S3cretPw42x"', 'sslmode "disable password=(a secret, not shown)"'],
  ['a libpq quoted value', 'sslmode "disable password=\'Sup3r S3cret Pw42x\'"', 'sslmode "disable password=(a secret, not shown)"'],
  ['literal text after a reference', 'host "app:${local.x}Sup3rS3cretPw42x@orders-db.x"', 'host "app:(a secret, not shown)@orders-db.x"'],
  ['a reference alone: shown', 'postgresql://u:${var.pw}@h.example/db password=${var.p}', 'postgresql://u:${var.pw}@h.example/db password=${var.p}'],
  // E81-5: libpq reads `\ ` as a blank inside the value, and a message quoting the text as JSON doubles the backslash.
  ['a backslash-escaped blank', 'sslmode disable password=Sup3r\\ S3cretPw42x', 'sslmode disable password=(a secret, not shown)'],
  ['a backslash-escaped blank quoted as JSON', JSON.stringify('disable password=Sup3r\\ S3cretPw42x'), '"disable password=(a secret, not shown)"'],
])('hides %s', (_how, text, shown) => {
  expect(withCredentialsHidden(text)).toBe(shown);
});

// C81-35: a password inside the JSON a block writes (a Vault KV secret's data_json, literal or through jsonencode) was no secret literal,
// so a parameter that reuses it printed it.
test.each([
  ['literal JSON', JSON.stringify({ password: SECRET })],
  ['jsonencode', `\${jsonencode({ password = "${SECRET}" })}`],
])('a password inside JSON text (%s) is a secret literal, and no message prints it', (_how, data) => {
  const base = databaseStack({}) as { resource: object };
  const terraform = { ...base, resource: { ...base.resource, vault_generic_secret: { app: { path: 'secret/app', data_json: data } } } };
  expect(literalsOf(terraform)).toContain(SECRET);
  const printing: Rule = {
    id: 'PG-TEST-1', title: 'prints', severity: RuleSeverity.ERROR, layer: SecurityLayer.ACCESS, references: {}, fix: 'none', appliesTo: 'any',
    evaluate: () => fail(`parameter is "${SECRET}"`),
  };
  expect(evaluateStack(terraform, [printing]).findings.map((finding) => finding.message)).toEqual([`parameter is "${REDACTED}"`]);
});

// A82-24, A82-28, A82-29: a connection string's password is a secret whatever argument holds it (a backend's conn_str, printed back
// as an sslmode in lower case); every text inside a secret's JSON value is one; JSON keys `api_key` and `pwd` name secrets.
test.each<[string, object]>([
  ['a backend conn_str password printed as its sslmode', { terraform: { backend: { pg: { conn_str: `host=h user=u password=${SECRET} sslmode=${SECRET}` } } } }],
  ['a member of a Key Vault secret\'s JSON value', { resource: { azurerm_key_vault_secret: { s: { name: 'db', key_vault_id: 'v', value: JSON.stringify({ user: 'u', pass: SECRET }) } } } }],
  ['an api_key in JSON text', { resource: { vault_generic_secret: { s: { path: 'secret/x', data_json: JSON.stringify({ api_key: SECRET }) } } } }],
  ['a pwd in JSON text', { resource: { vault_generic_secret: { s: { path: 'secret/x', data_json: JSON.stringify({ pwd: SECRET }) } } } }],
  ['a password_b64 in JSON text (C82-36)', { resource: { vault_generic_secret: { s: { path: 'secret/x', data_json: JSON.stringify({ password_b64: SECRET }) } } } }],
  // C82-5: a Key Vault secret's value as jsonencode of a list under a key no secret name.
  ['a list item of a Key Vault secret\'s jsonencode value', { resource: { azurerm_key_vault_secret: { s: { name: 'db', key_vault_id: 'v', value: `\${jsonencode({ creds = ["${SECRET}"] })}` } } } }],
])('%s is a secret literal, in lower case too', (_how, terraform) => {
  expect(literalsOf(terraform)).toEqual(expect.arrayContaining([SECRET, SECRET.toLowerCase()]));
});
