// The secrets a module block is given (module-inputs.ts): inputs whose name says they hold a secret, every value under one or under
// such a key of a map, and nothing for names, counts and pointers. Whole lists asserted.
import { evaluateTemplate, NO_LOCALS, Value } from '../../../../lib/checks/hcl-expression';
import { passedOn, referenceNamesSecret, secretInputs } from '../../../../lib/checks/module-inputs';

const shown = (values: Value[]) => values.map((value) => (typeof value === 'object' && value !== null ? String(value) : value));
const evaluated = (body: object) => Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === 'string' ? evaluateTemplate(value, NO_LOCALS) : value]));

describe('secretInputs', () => {
  test.each<[string, object, unknown[]]>([
    ['a password', { password: 'a' }, ['a']],
    ['a name ending in a secret word', { admin_password: 'a', dbToken: 'b', 'pg-secret': 'c', Credentials: 'd' }, ['a', 'b', 'c', 'd']],
    ['a secret\'s value', { secret_value: 'a', secretValues: ['b'] }, ['a', 'b']],
    ['a map of secrets', { secrets: { admin: 'a', app: 'b' } }, ['a', 'b']],
    ['a list of them', { passwords: ['a', 'b'] }, ['a', 'b']],
    ['a secret key of a map', { config: { db: { password: 'a', host: 'h' } } }, ['a']],
    ['a number', { pin_secret: 1234 }, [1234]],
    ['a value known only later', { password: '${var.p}' }, ['${var.p}']],
    ['names, counts and pointers', { secret_name: 'a', password_length: 32, key_vault_id: 'v', token_ttl: '1h', name: 'n', secretsmanager: 'y' }, []],
    // A module given what it stores (`name` and `value`, as a Key Vault secret's module is): the value may be the secret it gives back.
    ['what a module stores', { name: 'n', value: 'x', content: 'y', config: { value: 'z' } }, ['x', 'y']],
    ['meta-arguments', { source: './password', version: '1.0', providers: { password: 'p' }, depends_on: ['password'], count: 1 }, []],
    ['a bool or null', { password: null, secret: true }, []],
    ['a value known later under a name that is no secret', { config: '${var.config}' }, []],
    // 55th run (A55a-5): names the first reading missed.
    ['compound and short names', { adminpassword: 'a', Password1: 'b', db_pass: 'c', pw: 'd', pgpass: 'e', clientSecret: 'f', dsn: 'g' }, ['a', 'b', 'c', 'd', 'e', 'f', 'g']],
    ['two words that name a secret', { connection_string: 'a', conn_str: 'b', api_key: 'c', privateKey: 'd', storage_account_key: 'e' }, ['a', 'b', 'c', 'd', 'e']],
    ['keys that are no secret', { key: 'a', key_name: 'b', monkey: 'c', pass_through: 'd' }, []],
    // 55th run (A55a-8): what describes a secret under a secret name is no secret.
    ['a username beside the password', { credentials: { username: 'pgadmin', password: 'p' } }, ['p']],
    ['a secret\'s name beside its value', { secrets: { x: { name: 'db-admin-password', value: 'v', expiration_date: '2027-01-01' } } }, ['v']],
    ['a token\'s audience and type', { token: { audience: 'api://x', type: 'bearer', value: 't' } }, ['t']],
    // 56th run (A56a-4, 7, 8): an item of a secret collection under a key of the user's is a secret; what configures a secret's
    // entry deeper is not; more names of secrets.
    ['items under keys of the user\'s', { passwords: { app_user: 'a' }, role_passwords: { 'reporting-login': 'b' }, secrets: { client_id: 'c' } }, ['a', 'b', 'c']],
    ['a secret entry\'s settings', { secrets: { app: { name: 'n', rotation_days: 90, role_assignments: { r: { condition: 'x', principal: 'p' } }, value: 'v' } } }, ['v']],
    ['a record\'s settings beside its secret', { credentials: { mode: 'Managed', email: 'a@b', password: 'p' }, client_secret: { display_name: 'x', end_date_relative: '8760h', value: 'v' } }, ['p', 'v']],
    ['more names', { secret_string: 'c', secretText: 'd', primary_key: 'e', private_key_pem: 'f', sensitive_values: 'g', passcode: 'h' }, ['c', 'd', 'e', 'f', 'g', 'h']],
    // 57th run (A57a-3, 7): a map of secrets one of whose keys names a secret is still a map; names that only mention a secret.
    ['a map of secrets with a secret-named key', { secrets: { 'pg-admin-password': 'a', app: 'b' }, passwords: { admin_password: 'c', app: 'd' } }, ['a', 'b', 'c', 'd']],
    ['a password generator\'s settings', { password: { length: 32, override_special: '!#$%', min_upper: 2 } }, []],
    ['names that mention a secret', { secret_rotation_interval: '2m', token_audience: 'x', secret_permissions: ['Get'], token_endpoint: 'z' }, []],
    // 56th run (A56a-7), left open in the 57th: a secret's name followed by a word that says it is the secret itself.
    ['the secret itself, said after its name', { admin_password_plain: 'a', password_override: 'b', key_value: 'c', token_raw: 'd' }, ['a', 'b', 'c', 'd']],
    // 58th session (A57a-3/4/5): a record's text under any other key is read; items of a map at any depth; a map's keys are the user's.
    ['a record\'s other text', { passwords: { value: 'a', reporting: 'b' }, credentials: { username: 'u', password: 'c', previous: 'd' } }, ['a', 'b', 'c', 'd']],
    ['maps in maps', { passwords: { prod: { app: 'a' } }, secrets: [{ db: { app: 'b' } }], tokens: { dev: { db: 'c' }, prod: { db: 'd' } } }, ['a', 'b', 'c', 'd']],
    ['keys that describe in a record name whom in a map', { passwords: { admin: 'a', user: 'b' }, tokens: { login: 'c' } }, ['a', 'b', 'c']],
    ['a record\'s settings of any kind', { secrets: { db: { name: 'n', expiration_date: '2027', content_type: 't', role_assignments: { r: { condition: 'x' } } } }, credentials: { source: 'KeyVault', password: 'p' } }, ['p']],
    // 56th run (A56a-8): whom and where a record's secret is for are settings, not secrets.
    ['whom and where a record is for', { credentials: { principal: 'a@b', account: 'svc', role: 'ro', database: 'orders', server: 's', password: 'p' }, secrets: { db: { location: 'l', owner: 'o', environment: 'prod', purpose: 'x', value: 'v' } } }, ['p', 'v']],
    // 58th run (A58a-5/6/7/9/11/12).
    ['a name/value item whose name names a secret', { env: [{ name: 'DB_PASSWORD', value: 'a' }, { name: 'LOG_LEVEL', value: 'info' }], set: [{ name: 'auth.password', value: 'b' }] }, ['a', 'b']],
    ['JSON text of an object', { config: '{"db":{"password":"a"},"host":"h"}', other: '{not json' }, ['a']],
    ['jsonencode of one', { config: '${jsonencode({ password = "a", host = "h" })}' }, ['a']],
    ['a JSON template, its strings interpolations', { config: '{"password":"${var.x}","host":"h"}' }, ['${var.x}']],
    ['a record\'s collections under plain keys', { secrets: { name: 'kv', items: ['a'], more: { app: 'b' }, role_assignments: { r: { condition: 'c' } } } }, ['a', 'b']],
    ['a number in a map of secrets, not a setting of a record', { passwords: { app: 12345678 }, credentials: { port: 5432, password: 'p' } }, [12345678, 'p']],
    // 61st run (A61a-6): text after a Key Vault reference's closing parenthesis is no part of it.
    ['text that only starts as a Key Vault reference', { connection_string: '@Microsoft.KeyVault(VaultName=kv;SecretName=pg);Password=a;x=(1)', ref: '@Microsoft.KeyVault(SecretName=${lower(var.n)})' }, ['@Microsoft.KeyVault(VaultName=kv;SecretName=pg);Password=a;x=(1)']],
    ['a Key Vault reference is no secret', { app_settings: { DB_PASSWORD: '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db)' }, password: '@Microsoft.KeyVault(SecretUri=${var.uri})' }, []],
    ['text that holds a password under any name but a setting\'s', { conn: 'host=h user=u password=a', target: 'postgresql://u:b@h/db', other: 'https://h/db', description: 'set password = in the portal' }, ['host=h user=u password=a', 'postgresql://u:b@h/db']],
    // 59th run (A59a-3/4/5/12/13/15).
    ['YAML text giving a secret', { values: ['auth:\n  password: a\n  existingSecret: creds'], chart: 'image:\n  tag: "1"' }, ['auth:\n  password: a\n  existingSecret: creds']],
    ['a value flagged secret', { named_values: { x: { display_name: 'n', value: 'a', secret: true }, y: { display_name: 'm', value: 'info', secret: false } }, secure_environment_variables: { APP_DB: 'b' } }, ['a', 'b']],
    ['what points at an existing secret, an identity, key/value settings', { existing_secret: 'creds', set: [{ name: 'auth.existingSecret', value: 'redis-credentials' }], secrets: { db: { identity: 'System', value: '${random_password.p.result}' } }, key_values: { 'App:Region': 'westeurope' } }, ['${random_password.p.result}']],
    ['more names of secrets', { creds: 'a', db_creds: 'b', pwds: ['c'], pswd: 'd', api_keys: ['e'], apiKeys: ['f'], pass_phrase: 'g', admin_key: 'h', encryption_key: 'i', database_url: 'j', db_uri: 'k' }, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']],
    ['settings alone, two or more, are a record', { token: { audience: 'api://x', ttl: '1h' }, secrets: { client_id: 'c' }, role_passwords: { 'reporting-login': 'd', app_name: 'e' } }, ['c', 'd', 'e']],
  ])('%s', (_, body, expected) => {
    expect(shown(secretInputs(evaluated(body), true).map(({ value }) => value))).toEqual(expected);
  });

  test('what a module stores is a secret to a store lookup only beside a Key Vault input (58th run, A58a-10)', () => {
    const parameter = evaluated({ name: 'log_connections', value: 'on' });
    expect(shown(secretInputs(parameter, true).map(({ value }) => value))).toEqual(['on']);
    expect(secretInputs(parameter, false)).toEqual([]);
    expect(shown(secretInputs(evaluated({ name: 'pg', value: 'a', key_vault_id: '${var.kv}' }), false).map(({ value }) => value))).toEqual(['a']);
    // 59th run (A59a-5): a Key Vault input however spelled; a value's words before `value`.
    expect(shown(secretInputs(evaluated({ name: 'pg', plaintext_value: 'b', keyvault_id: '${var.kv}' }), false).map(({ value }) => value))).toEqual(['b']);
    expect(shown(secretInputs(evaluated({ name: 'pg', value: 'c', kv_id: '${var.kv}' }), false).map(({ value }) => value))).toEqual(['c']);
    expect(shown(secretInputs(evaluated({ secret_name: 'PG', plaintext_value: 'd' }), false).map(({ value }) => value))).toEqual(['d']);
    expect(shown(secretInputs(evaluated({ name: 'pg', value: 'e', akv_id: '${var.kv}' }), false).map(({ value }) => value))).toEqual(['e']);
  });

  test('each secret with the input and keys it is under', () => {
    const found = secretInputs(evaluated({ secrets: { 'pg-admin': 'a', app: { value: 'b' } }, tokens: ['c'] }), true);
    expect(found.map(({ input }) => input)).toEqual(['secrets["pg-admin"]', 'secrets.app.value', 'tokens[0]']);
  });
});

describe('passedOn', () => {
  test('every reference under any name, at any depth, read as written, beside what the evaluator made of its input', () => {
    const body = { input: '${module.a.out}', db: '${var.db}', nested: { list: ['${local.creds.password}'] }, other: '${azurerm_x.y.id}', plain: 'x', source: '${var.s}' };
    const config = { ...evaluated(body), nested: { list: ['made'] } };
    expect(passedOn(body, config).map(({ input, key, reference, evaluated: made }) => [input, key, reference, shown([made])[0]])).toEqual([
      ['input', 'input', 'module.a.out', '${module.a.out}'],
      ['db', 'db', 'var.db', '${var.db}'],
      ['nested.list[0]', 'list', 'local.creds.password', 'made'],
      ['other', 'other', 'azurerm_x.y.id', '${azurerm_x.y.id}'],
    ]);
  });
});

describe('referenceNamesSecret', () => {
  test.each<[string, boolean]>([
    ['var.admin_password', true],
    ['var.passwords["app"]', true],
    ['local.creds.password', true],
    ['azurerm_key_vault_secret.w.value', true],
    ['local_sensitive_file.f.content', true],
    ['module.db_secrets.out', true],
    ['var.location', false],
    ['azurerm_resource_group.rg.name', false],
    ['module.network.subnet_id', false],
    // 59th run (A59a-9, 14): a block's type names no secret; a variable named `values` holds settings.
    ['azurerm_key_vault_secret.x.name', false],
    ['data.azurerm_key_vault_secret.s.key_vault_id', false],
    ['kubernetes_secret.db.metadata[0].name', false],
    ['data.azurerm_key_vault_secret.s.value', true],
    ['var.values', false],
  ])('%s: %s', (reference, named) => {
    expect(referenceNamesSecret(reference)).toBe(named);
  });
});
