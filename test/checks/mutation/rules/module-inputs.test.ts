// The secrets a module block is given (module-inputs.ts): inputs whose name says they hold a secret, every value under one or under
// such a key of a map, and nothing for names, counts and pointers. Whole lists asserted.
import { evaluateTemplate, NO_LOCALS, Value } from '../../../../lib/checks/hcl-expression';
import { secretInputs } from '../../../../lib/checks/module-inputs';

const shown = (values: Value[]) => values.map((value) => (typeof value === 'object' && value !== null ? String(value) : value));

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
    ['names, counts and pointers', { secret_name: 'a', password_length: 32, key_vault_id: 'v', token_ttl: '1h', name: 'n', value: 'x', secretsmanager: 'y' }, []],
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
    ['names that mention a secret', { secret_rotation_interval: '2m', token_audience: 'x', secret_permissions: ['Get'], password_override: 'y', token_endpoint: 'z' }, []],
  ])('%s', (_, body, expected) => {
    const evaluated = Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === 'string' ? evaluateTemplate(value, NO_LOCALS) : value]));
    expect(shown(secretInputs(evaluated))).toEqual(expected);
  });
});
