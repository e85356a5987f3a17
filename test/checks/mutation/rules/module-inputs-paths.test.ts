// What a module block is given that may be a secret (module-inputs.ts), each path a surviving mutant of the eleventh mutation pass
// changed (docs/mutation-testing.md): names that say a value is a secret or a setting, records and maps, named values, text that
// holds a password, Key Vault references, what a module stores, and the references a module is given. Results asserted whole.
import { evaluateTemplate, NO_LOCALS, Value } from '../../../../lib/checks/hcl-expression';
import { isSetting, namesSecret, passedOn, referenceNamesSecret, secretInputs, secretsOf } from '../../../../lib/checks/module-inputs';

/** A value as plain data: a value known only later as its expression. */
const plain = (value: Value): unknown => (typeof value === 'object' && value !== null && !Array.isArray(value) && 'expression' in value ? String(value) : value);
const evaluated = (body: object) => Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === 'string' ? evaluateTemplate(value, NO_LOCALS) : value]));
/** The secrets found, each as [input, value]. */
const found = (list: { input: string; value: Value }[]) => list.map(({ input, value }) => [input, plain(value)]);
const given = (body: object, asOutput = true) => found(secretInputs(evaluated(body), asOutput));

describe('namesSecret', () => {
  test.each<[string, boolean]>([
    // Existing secrets are pointers; an existing password is a password.
    ['existing_secret', false],
    ['existing_secrets', false],
    ['existingSecret', false],
    ['existing_password', true],
    ['existing_token', true],
    // A secure collection holds secrets, but not what is about one.
    ['secure', true],
    ['secure_settings', true],
    ['secure_name', false],
    ['my_secure_settings', false],
    // Pairs, at a word's start only.
    ['database_url', true],
    ['db_uri', true],
    ['password_url', false],
    ['xconnection_string', false],
    ['connection_string_name', false],
    ['storage_account_key', true],
    ['api_keys', true],
    ['private_key_pem', true],
    ['key_text', true],
    ['pass_phrase', true],
    ['monkey_key', false],
    // Words about a secret; short words at the end only; value words after a secret word.
    ['password_length', false],
    ['db_pw', true],
    ['pw_db', false],
    ['token_new', true],
    ['name_new', false],
    ['value', false],
    ['secret_value', true],
    ['mysecret', true],
    ['adminpassword', true],
    ['ABCPassword', true],
    ['password_2', true],
    ['Password12', true],
    // Only digits that end a word are cut.
    ['pass1word', false],
    ['pass2', true],
    ['db__pass', true],
    ['', false],
    ['__', false],
  ])('%s: %s', (name, secret) => {
    expect(namesSecret(name)).toBe(secret);
  });
});

describe('isSetting', () => {
  test.each<[string, boolean]>([
    ['name', true],
    ['content_type', true],
    ['override_special', true],
    ['keepers', true],
    ['expiration_date', true],
    ['username', true],
    ['Description', true],
    ['password', false],
    ['secret_name', true],
    ['api_password', false],
    // A name that says its value is a secret is no setting, whatever its last word.
    ['database_url', false],
    ['secure_role', false],
    ['app', false],
    ['', false],
  ])('%s: %s', (key, setting) => {
    expect(isSetting(key)).toBe(setting);
  });
});

describe('secretsOf', () => {
  test.each<[string, string, Value, boolean, unknown[]]>([
    ['null and booleans are none', 'password', [null, true, false], true, []],
    ['a number under a secret name', 'pin', 1234, true, [['x', 1234]]],
    ['a number under a setting\'s name, even in a secret', 'rotation_days', 90, true, []],
    ['a number under no secret name', 'count_x', 3, false, []],
    ['text under no secret name', 'app', 'a', false, []],
    ['one key that only sets is an item of a map', 'token', { ttl: '1h' }, false, [['x.ttl', '1h']]],
    ['two setting words are a record', 'token', { audience: 'a', ttl: '1h' }, false, []],
    ['setting words in any case', 'token', { Audience: 'a', TTL: '1h', Value: 'v' }, false, [['x.Value', 'v']]],
    ['a record key in any case', 'credentials', { Username: 'u', Password: 'p' }, false, [['x.Password', 'p']]],
    ['a record setting in any case', 'secrets', { Display_Name: 'd', extra: 'e' }, false, [['x.extra', 'e']]],
    ['generator settings alone', 'password', { length: 32, min_upper: 2 }, false, []],
    ['generator settings alone, none a record\'s own key', 'password', { override_special: '!#', min_upper: 2 }, false, []],
    ['a map with one generator word among others', 'passwords', { special: 's', app: 'a' }, false, [['x.special', 's'], ['x.app', 'a']]],
    ['a named value, its key\'s name', 'env', [{ key: 'api_token', value: 'a' }], false, [['x[0].value', 'a']]],
    ['a named value in other case', 'env', [{ Name: 'DB_PASSWORD', Value: 'a', other: 'b' }], false, [['x[0].Value', 'a']]],
    ['a name that is no text names nothing', 'env', [{ name: 1, value: 'a' }], false, []],
    ['a name that names no secret', 'env', [{ name: 'LOG_LEVEL', value: 'a' }], false, []],
    ['a flag names only the value', 'vars', { a: { secret: true, value: 'a', note: 'n' } }, false, [['x.a.value', 'a']]],
    ['a password in text', 'conn', 'Host=h;PASSWORD = a', false, [['x', 'Host=h;PASSWORD = a']]],
    ['a word ending in password is no setting of one', 'conn', 'mypassword=a', false, []],
    ['a URL with a password', 'target', 'postgres://:p@h/db', false, [['x', 'postgres://:p@h/db']]],
    ['a URL without one', 'target', 'postgres://u@h/db', false, []],
    ['a path before the at', 'target', 'http://h:1/x@y', false, []],
    ['text with a password under a setting\'s name', 'description', 'password=a', false, []],
    ['YAML on one line is no YAML', 'values', 'password: a', false, []],
    ['YAML giving a secret', 'values', 'a: 1\n- token: t', false, [['x', 'a: 1\n- token: t']]],
    ['YAML giving a dotted key', 'values', 'x: 1\nauth.password: p', false, [['x', 'x: 1\nauth.password: p']]],
    ['YAML giving a secret nothing', 'values', 'x: 1\npassword:  \n', false, []],
    ['YAML naming no secret', 'values', 'x: 1\ny: 2', false, []],
  ])('%s', (_, key, value, inSecret, expected) => {
    expect(found(secretsOf('x', key, value, inSecret))).toEqual(expected);
  });

  test('a flag beside a value, as a boolean or its text (the flag\'s own text, under a secret word, is read as one too)', () => {
    const values = secretsOf('x', 'vars', { a: { is_secret: 'true', value: 'a' }, b: { sensitive: 'yes', value: 'b' }, c: { Secure: true, value: 'c' } });
    expect(found(values.filter(({ input }) => input.endsWith('.value')))).toEqual([['x.a.value', 'a'], ['x.c.value', 'c']]);
  });

  test('inSecret is false unless given', () => {
    expect(found(secretsOf('x', 'app', 'a'))).toEqual([]);
    expect(found(secretsOf('x', 'password', 'a'))).toEqual([['x', 'a']]);
  });

  test('a key of a record that sets is not read, its other keys are', () => {
    expect(found(secretsOf('c', 'credentials', { username: 'u', name: 'n', password: 'p', host: 'h', extra: 'e' }))).toEqual([['c.password', 'p'], ['c.extra', 'e']]);
  });

  test('JSON text is read with the secret it is under', () => {
    expect(found(secretsOf('x', 'password', '{"a":"b"}'))).toEqual([['x.a', 'b']]);
    expect(found(secretsOf('x', 'config', '{"a":"b"}'))).toEqual([]);
  });

  test('a Key Vault reference with interpolations is none, text around one is', () => {
    const read = (text: string) => found(secretsOf('x', 'password', evaluateTemplate(text, NO_LOCALS), true));
    expect(read('@Microsoft.KeyVault(VaultName=${var.v};SecretName=${lower(var.n)})')).toEqual([]);
    expect(read('a@Microsoft.KeyVault(SecretUri=${var.u})')).toEqual([['x', 'a@Microsoft.KeyVault(SecretUri=${var.u})']]);
    expect(read('@Microsoft.KeyVault(SecretUri=${var.u})b')).toEqual([['x', '@Microsoft.KeyVault(SecretUri=${var.u})b']]);
    expect(read('@Microsoft.KeyVault(SecretUri=${var.u})${var.p}')).toEqual([['x', '@Microsoft.KeyVault(SecretUri=${var.u})${var.p}']]);
    // An interpolation that does not end: the rest read as text.
    expect(found(secretsOf('x', 'password', '@Microsoft.KeyVault(SecretUri=${var.u', true))).toEqual([['x', '@Microsoft.KeyVault(SecretUri=${var.u']]);
    expect(found(secretsOf('x', 'password', '@Microsoft.KeyVault(SecretUri=${var.u)', true))).toEqual([]);
  });
});

describe('secretInputs', () => {
  test('what a module stores, beside a Key Vault or a secret word, not other words', () => {
    expect(given({ value: 'a', vault_uri: 'u' }, false)).toEqual([['value', 'a']]);
    expect(given({ value: 'a', token: '${var.t}' }, false)).toEqual([['value', 'a'], ['token', '${var.t}']]);
    expect(given({ value: 'a', kvs: 'u', vaulted: 'v' }, false)).toEqual([]);
    expect(given({ contents: 'a', values: 'b', raw_value: 'c', db_value: 'd', value_raw: 'e' }, true)).toEqual([['contents', 'a'], ['values', 'b'], ['raw_value', 'c']]);
    expect(given({ '': 'a' }, true)).toEqual([]);
  });
});

describe('passedOn', () => {
  const passed = (body: { [key: string]: unknown }, config: { [key: string]: unknown } = evaluated(body)) =>
    passedOn(body, config).map(({ input, key, reference, evaluated: made, marked }) => [input, key, reference, plain(made as Value), marked]);

  test('text without interpolations, a Key Vault reference, numbers and booleans pass nothing on', () => {
    expect(passed({ a: 'x', b: '@Microsoft.KeyVault(SecretUri=${var.u})', c: 1, d: true, e: null, f: 'sensitive(x)' })).toEqual([]);
  });

  test('each reference of a template, and what marks it sensitive', () => {
    expect(passed({ a: '${var.a}-${var.b}', b: '${sensitive(var.c)}', c: '${sensitive("x")}', d: '${"x"}', e: '${sensitive (var.d)}' })).toEqual([
      ['a', 'a', 'var.a', '${var.a}-${var.b}', false],
      ['a', 'a', 'var.b', '${var.a}-${var.b}', false],
      ['b', 'b', 'var.c', '${sensitive(var.c)}', true],
      ['c', 'c', '', '${sensitive("x")}', true],
      ['e', 'e', 'var.d', '${sensitive (var.d)}', true],
    ]);
  });

  test('the evaluated value at each place, null where the config holds none', () => {
    const body = { list: ['${var.a}', '${var.b}'], map: { 'pg-admin': '${var.c}', _x1: '${var.d}', '1x': '${var.e}' } };
    expect(passed(body, { list: ['A'], map: 'later' })).toEqual([
      ['list[0]', 'list', 'var.a', 'A', false],
      ['list[1]', 'list', 'var.b', null, false],
      ['map["pg-admin"]', 'pg-admin', 'var.c', null, false],
      ['map._x1', '_x1', 'var.d', null, false],
      ['map["1x"]', '1x', 'var.e', null, false],
    ]);
    expect(passed(body, { list: 'later', map: { 'pg-admin': 'C' } }).map((one) => one[3])).toEqual([null, null, 'C', null, null]);
  });
});

describe('referenceNamesSecret', () => {
  test.each<[string, boolean]>([
    ['data.azurerm_key_vault_secret.password.id', false],
    ['data.x.y.password', true],
    ['random_password.admin_password.result', false],
    ['each.value.password', true],
    ['each.value', false],
    ['module.x.value', false],
    ['azurerm_x.y.Value', true],
    ['azurerm_x.y.contents', true],
    ['var.m["db-password"]', true],
    ['var.m["a\\"password"]', true],
    ['var.db-password', true],
    ['var._password', true],
    // A quoted key is one name, whatever it holds.
    ['var.m["password length"]', false],
    ['var.m["password"]', true],
    // A local's or an iterator's path starts after its first name; a block's after its type and name.
    ['local.password', true],
    ['local.x.value', false],
    ['each.value.value', false],
    ['', false],
  ])('%s: %s', (reference, named) => {
    expect(referenceNamesSecret(reference)).toBe(named);
  });
});
