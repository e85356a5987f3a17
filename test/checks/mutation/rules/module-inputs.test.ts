// The secrets a module block is given (module-inputs.ts): inputs whose name says they hold a secret, every value under one or under
// such a key of a map, and nothing for names, counts and pointers. Whole lists asserted.
import { evaluateTemplate, NO_LOCALS, Value } from '../../../../lib/checks/hcl-expression';
import { passedOn, secretInputs } from '../../../../lib/checks/module-inputs';

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
  ])('%s', (_, body, expected) => {
    expect(shown(secretInputs(evaluated(body)).map(({ value }) => value))).toEqual(expected);
  });

  test('each secret with the input and keys it is under', () => {
    const found = secretInputs(evaluated({ secrets: { 'pg-admin': 'a', app: { value: 'b' } }, tokens: ['c'] }));
    expect(found.map(({ input }) => input)).toEqual(['secrets["pg-admin"]', 'secrets.app.value', 'tokens[0]']);
  });
});

describe('passedOn', () => {
  test('references to modules and variables under any name, at any depth', () => {
    const found = passedOn(evaluated({ input: '${module.a.out}', db: '${var.db}', nested: { list: [evaluateTemplate('${var.creds.password}', NO_LOCALS)] }, other: '${azurerm_x.y.id}', source: '${var.s}' }));
    expect(found).toEqual([
      { input: 'input', key: 'input', reference: 'module.a.out' },
      { input: 'db', key: 'db', reference: 'var.db' },
      { input: 'nested.list[0]', key: 'list', reference: 'var.creds.password' },
    ]);
  });
});
