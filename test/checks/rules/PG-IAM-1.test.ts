import { postgresqlProviders } from '../../../lib/checks/database-checks';
import { Verdict } from '../../../lib/checks/rule';
import { rule } from '../../../lib/checks/rules/PG-IAM-1';
import { evaluateStack } from '../../../lib/checks/evaluate';
import { buildStackModel, TerraformBlock } from '../../../lib/checks/stack-model';
import { databaseStack, passwordRole } from '../database-fixtures';
import { compliantFlexibleServer, FLEXIBLE, judgeBesideConstructs, Resources } from '../rule-harness';

/** The random_password the library makes: 32 characters, at least two of each class. */
const libraryPassword = (overrides: TerraformBlock = {}): TerraformBlock => ({
  length: 32, min_lower: 2, min_upper: 2, min_numeric: 2, min_special: 2, override_special: '-_.~!*', keepers: { version: '1' }, ...overrides,
});

/** Every verdict on the server "db", with the stack's resources as synth gives them. */
function verdicts(terraform: { resource: Resources; data?: object; ephemeral?: object }): readonly Verdict[] {
  const model = buildStackModel(terraform);
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: postgresqlProviders(terraform), resources: model.resources, lookups: model.lookups });
  return Array.isArray(result) ? result : [result as Verdict];
}

const administratorPassword = (password: TerraformBlock) => ({
  resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_password_wo: '${random_password.admin.result}' }) }, random_password: { admin: password } },
});

const rolePassword = (password: TerraformBlock) => {
  const stack = databaseStack({ postgresql_role: { vendor: passwordRole('vendor') } });
  return { ...stack, resource: { ...stack.resource, random_password: { pw: password } } };
};

test('passes the administrator password and a role password the library generates', () => {
  expect(verdicts(administratorPassword(libraryPassword()))).toEqual([{ status: 'pass' }]);
  expect(verdicts(rolePassword(libraryPassword({ length: '40', numeric: true })))).toEqual([{ status: 'pass' }]);
});

test('is not applicable to a server whose passwords come from no random_password of the stack', () => {
  const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_password_wo: '${var.admin_password}' }) } } };
  expect(verdicts(terraform)).toEqual([{ status: 'not-applicable', note: 'no password of the server or its roles comes from a random_password of this stack' }]);
});

test('fails the administrator password cut to 8 letters and digits, and says every shortfall', () => {
  const weak = libraryPassword({ length: 8, special: false, min_lower: 0, min_upper: 0, min_numeric: 0, min_special: 0 });
  expect(verdicts(administratorPassword(weak))).toEqual([{
    status: 'fail',
    message: 'random_password.admin makes weaker passwords than the library\'s: length 8, fewer than 32 characters; min_lower 0, fewer than 2 lower-case letters; min_upper 0, fewer than 2 upper-case letters; min_numeric 0, fewer than 2 digits; no special characters (special = false).',
    address: 'random_password.admin',
  }]);
});

test('fails a role password of 4 lower-case letters, reached through password_wo', () => {
  const weak = { length: 4, upper: false, number: false, special: false };
  expect(verdicts(rolePassword(weak))).toEqual([{
    status: 'fail',
    message: 'random_password.pw makes weaker passwords than the library\'s: length 4, fewer than 32 characters; min_lower 0, fewer than 2 lower-case letters; no upper-case letters (upper = false); no digits (numeric = false); no special characters (special = false).',
    address: 'random_password.pw',
  }]);
});

test('fails a password whose length is not written (the provider then requires it) or is a word', () => {
  expect(verdicts(administratorPassword(libraryPassword({ length: undefined })))).toEqual([expect.objectContaining({ status: 'fail', message: expect.stringContaining('length null, fewer than 32 characters') })]);
  expect(verdicts(administratorPassword(libraryPassword({ length: 'long' })))).toEqual([expect.objectContaining({ status: 'fail', message: expect.stringContaining('length "long", fewer than 32 characters') })]);
});

test('a length known only at apply time is unknown, never a pass', () => {
  expect(verdicts(administratorPassword(libraryPassword({ length: '${var.length}' })))).toEqual([{
    status: 'unknown',
    note: 'length of random_password.admin is known only at apply time',
    address: 'random_password.admin',
  }]);
});

test('follows a password through a function call, and judges each random_password once', () => {
  const terraform = {
    resource: {
      [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_password_wo: '${nonsensitive(random_password.admin.result)}', administrator_password: '${random_password.admin.result}' }) },
      random_password: { admin: libraryPassword({ min_special: 1 }) },
    },
  };
  expect(verdicts(terraform)).toEqual([expect.objectContaining({ status: 'fail', message: expect.stringContaining('min_special 1, fewer than 2 special characters') })]);
});

test('in a stack of raw resources, a weak generated password is a warning; a construct\'s server enforces it', () => {
  const weak = administratorPassword(libraryPassword({ length: 16 }));
  const [finding] = evaluateStack(weak, [rule]).findings.filter((f) => f.ruleId === 'PG-IAM-1');
  expect(finding).toMatchObject({ status: 'fail', severity: 'warning', address: 'random_password.admin' });
  const path = 'stack/Postgres/Server';
  const enforced = { ...weak, resource: { ...weak.resource, [FLEXIBLE]: { db: { ...weak.resource[FLEXIBLE].db, '//': { metadata: { path } } } } } };
  const [strict] = evaluateStack(enforced, [rule], { trusted: { suppressions: [], enforced: ['stack/Postgres'], constructs: ['stack/Postgres'], warnings: [] } }).findings.filter((f) => f.ruleId === 'PG-IAM-1');
  expect(strict).toMatchObject({ status: 'fail', severity: 'error', enforcedBy: 'stack/Postgres' });
});

/** Every verdict on the server "db" of a whole Terraform JSON (ephemeral blocks included). */
function verdictsOf(terraform: object): readonly Verdict[] {
  const model = buildStackModel(terraform);
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources });
  return Array.isArray(result) ? result : [result as Verdict];
}

test('fails an override_special of letters and digits only: the special class is then empty', () => {
  expect(verdicts(administratorPassword(libraryPassword({ override_special: 'a' })))).toEqual([{
    status: 'fail',
    message: 'random_password.admin makes weaker passwords than the library\'s: no special characters (override_special = "a").',
    address: 'random_password.admin',
  }]);
});

test('an override_special known only at apply time is unknown', () => {
  expect(verdicts(administratorPassword(libraryPassword({ override_special: '${var.specials}' })))).toEqual([{
    status: 'unknown',
    note: 'override_special of random_password.admin is known only at apply time',
    address: 'random_password.admin',
  }]);
});

test.each(['random_string', 'random_id', 'random_pet'])('fails a %s used as a password: not the sensitive password generator', (type) => {
  const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_password_wo: `\${${type}.weak.result}` }) }, [type]: { weak: { length: 8 } } } };
  expect(verdictsOf(terraform)).toEqual([{
    status: 'fail',
    message: `${type}.weak is a ${type}, not a random_password: the rule cannot judge it as a password generator, and its result is not marked sensitive.`,
    address: `${type}.weak`,
  }]);
});

test('judges an ephemeral random_password as it judges a resource', () => {
  const withEphemeral = (password: TerraformBlock) => ({
    resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_password_wo: '${ephemeral.random_password.admin.result}' }) } },
    ephemeral: { random_password: { admin: password } },
  });
  expect(verdictsOf(withEphemeral(libraryPassword()))).toEqual([{ status: 'pass' }]);
  expect(verdictsOf(withEphemeral({ length: 8, special: false, upper: false, numeric: false }))).toEqual([{
    status: 'fail',
    message: 'ephemeral.random_password.admin makes weaker passwords than the library\'s: length 8, fewer than 32 characters; min_lower 0, fewer than 2 lower-case letters; '
      + 'no upper-case letters (upper = false); no digits (numeric = false); no special characters (special = false).',
    address: 'ephemeral.random_password.admin',
  }]);
});

test.each([
  ['a literal', 'Zq9SecretLiteral42x', 'is a literal, so the password is written in the configuration'],
  ['text around a reference', 'Zq9Secret${var.suffix}', 'is not one plain reference (to a random_password, a variable or a Key Vault secret), so part of the password may be written in the configuration'],
])('on a construct\'s server, an administrator password written as %s fails, naming it without showing it', (_, written, problem) => {
  const path = 'stack/Postgres/Server';
  const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_password: written, '//': { metadata: { path } } }) } } };
  const model = buildStackModel(terraform);
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  expect(rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, constructs: ['stack/Postgres'] })).toEqual([{
    status: 'fail',
    message: `administrator_password of ${FLEXIBLE}.db, which stack/Postgres makes, is not the construct's own generated password: it ${problem}.`,
    address: `${FLEXIBLE}.db`,
  }]);
});

describe('on a construct\'s server, the administrator password is the construct\'s own random_password', () => {
  const OWNER = 'stack/Postgres';
  const at = (path: string) => ({ '//': { metadata: { path } } });
  const own = { ...libraryPassword(), ...at(`${OWNER}/AdministratorPassword/Password`) };
  function ownVerdicts(server: TerraformBlock, passwords: Resources = { random_password: { own } }, constructs = [OWNER], ephemeral: Resources = {}): readonly Verdict[] {
    return judgeBesideConstructs(rule, { resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ ...server, ...at(`${OWNER}/Server`) }) }, ...passwords }, ephemeral }, constructs);
  }
  const notOwn = (attribute: string, shown: string) => ({
    status: 'fail',
    message: `${attribute} of ${FLEXIBLE}.db, which ${OWNER} makes, is ${shown}, not the construct's own generated password.`,
    address: `${FLEXIBLE}.db`,
  });

  test('passes the construct\'s own generator, in either attribute, and through a function of it', () => {
    expect(ownVerdicts({ administrator_password_wo: '${random_password.own.result}' })).toEqual([{ status: 'pass' }]);
    expect(ownVerdicts({ administrator_password: '${random_password.own.result}' })).toEqual([{ status: 'pass' }]);
    expect(ownVerdicts({ administrator_password_wo: '${sensitive(random_password.own.result)}' })).toEqual([{ status: 'pass' }]);
  });

  test('is not judged on a server no construct of the library made', () => {
    expect(ownVerdicts({ administrator_password_wo: '${var.password}' }, {}, [])).toEqual([{ status: 'not-applicable', note: 'no password of the server or its roles comes from a random_password of this stack' }]);
    expect(ownVerdicts({ administrator_password_wo: '${var.password}' }, {}, ['stack/Other'])).toEqual([{ status: 'not-applicable', note: 'no password of the server or its roles comes from a random_password of this stack' }]);
  });

  test('fails a variable, another construct\'s generator, a generator of the stack, an ephemeral one, and a random_string', () => {
    const elsewhere = { ...libraryPassword(), ...at('stack/Other/Password') };
    const loose = libraryPassword();
    const passwords: Resources = { random_password: { own, elsewhere, loose }, random_string: { own: { length: 40, ...at(`${OWNER}/AdministratorPassword/String`) } } };
    expect(ownVerdicts({ administrator_password_wo: '${var.password}' }, passwords)).toEqual([notOwn('administrator_password_wo', '${var.password}')]);
    expect(ownVerdicts({ administrator_password_wo: '${random_password.elsewhere.result}' }, passwords)).toEqual([notOwn('administrator_password_wo', '${random_password.elsewhere.result}')]);
    expect(ownVerdicts({ administrator_password_wo: '${random_password.loose.result}' }, passwords)).toEqual([notOwn('administrator_password_wo', '${random_password.loose.result}')]);
    expect(ownVerdicts({ administrator_password_wo: '${random_password.missing.result}' }, passwords)).toEqual([notOwn('administrator_password_wo', '${random_password.missing.result}')]);
    expect(ownVerdicts({ administrator_password_wo: '${random_string.own.result}' }, passwords)).toEqual([
      notOwn('administrator_password_wo', '${random_string.own.result}'),
      { status: 'fail', message: 'random_string.own is a random_string, not a random_password: the rule cannot judge it as a password generator, and its result is not marked sensitive.', address: 'random_string.own' },
    ]);
  });

  test('fails the construct\'s own generator mixed with another value, and an ephemeral generator', () => {
    const mixed = '${coalesce(random_password.own.result, var.password)}';
    // No text is written (the choices are references: A41a-1), so the message shows the value as written.
    expect(ownVerdicts({ administrator_password_wo: mixed })).toEqual([notOwn('administrator_password_wo', mixed)]);
    const ephemeral = { random_password: { own: { ...libraryPassword(), ...at(`${OWNER}/AdministratorPassword/Ephemeral`) } } };
    expect(ownVerdicts({ administrator_password_wo: '${ephemeral.random_password.own.result}' }, {}, [OWNER], ephemeral)).toEqual([
      notOwn('administrator_password_wo', '${ephemeral.random_password.own.result}'),
    ]);
  });

  test('judges each administrator password attribute written, and only those', () => {
    expect(ownVerdicts({ administrator_password_wo: '${random_password.own.result}', administrator_login_password: '${var.password}' })).toEqual([
      notOwn('administrator_login_password', '${var.password}'),
    ]);
  });
});

// 66th adversarial run, A66a-3: a password read through another block (a terraform_data, a Key Vault secret) is its generator's.
test.each([
  ['a terraform_data', { terraform_data: { t: { input: '${random_password.admin.result}' } } }, '${terraform_data.t.output}'],
  ['a Key Vault secret', { azurerm_key_vault_secret: { s: { name: 'admin', key_vault_id: '${var.kv}', value: '${random_password.admin.result}' } } }, '${azurerm_key_vault_secret.s.value}'],
])('follows the administrator password through %s to a weak generator', (_, blocks, password) => {
  const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_password_wo: password }) }, random_password: { admin: { length: 4 } }, ...blocks } };
  expect(verdicts(terraform)).toEqual([expect.objectContaining({ status: 'fail', address: 'random_password.admin', message: expect.stringContaining('length 4, fewer than 32 characters') })]);
});

// A68a-2's rest: an SSM lookup naming one version of a parameter the stack writes (`/db/admin:1`) reads that parameter.
test('follows the administrator password through an SSM lookup with a version selector to a weak generator', () => {
  const terraform = {
    resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_password_wo: '${data.aws_ssm_parameter.d.value}' }) }, random_password: { admin: { length: 4 } },
      aws_ssm_parameter: { s: { name: '/db/admin', type: 'SecureString', value: '${random_password.admin.result}' } } },
    data: { aws_ssm_parameter: { d: { name: '/db/admin:1' } } },
  };
  expect(verdicts(terraform)).toEqual([expect.objectContaining({ status: 'fail', address: 'random_password.admin', message: expect.stringContaining('length 4, fewer than 32 characters') })]);
});

// 69th run, A69a-8: AWS's generator is a lookup; the rule judges random_password only.
test('fails a password from AWS\'s aws_secretsmanager_random_password, which it cannot judge', () => {
  const terraform = {
    resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_password_wo: '${ephemeral.aws_secretsmanager_random_password.g.random_password}' }) } },
    ephemeral: { aws_secretsmanager_random_password: { g: { password_length: 4 } } },
  };
  expect(verdicts(terraform)).toEqual([{ status: 'fail', address: 'ephemeral.aws_secretsmanager_random_password.g',
    message: 'ephemeral.aws_secretsmanager_random_password.g is a aws_secretsmanager_random_password, not a random_password: the rule cannot judge it as a password generator.' }]);
});

// 67th adversarial run, A67a-5: a way the follower cannot finish may end at a weak generator: unknown, never "no generator".
test('an administrator password passed through more than 16 blocks is unknown, never not-applicable', () => {
  const chain = Object.fromEntries(Array.from({ length: 18 }, (_, i) => [`t${i}`, { input: i === 17 ? '${random_password.admin.result}' : `\${terraform_data.t${i + 1}.output}` }]));
  const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_password_wo: '${terraform_data.t0.output}' }) }, random_password: { admin: { length: 4 } }, terraform_data: chain } };
  expect(verdicts(terraform)).toEqual([{ status: 'unknown', note: `administrator_password_wo of ${FLEXIBLE}.db passes through more than 16 blocks`, address: `${FLEXIBLE}.db` }]);
});

// Thirteenth mutation pass (stop 66): a random_password read whole may be its public id ("none") or a flag, picked by a function.
test.each<[string]>([['${lookup(random_password.admin, "id")}'], ['${random_password.admin["id"]}'], ['${values(random_password.admin)[1]}']])('an administrator password of %s is unknown, never a strong generator\'s', (password) => {
  const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_password_wo: password }) }, random_password: { admin: libraryPassword() } } };
  expect(verdicts(terraform)).toEqual([expect.objectContaining({ status: 'unknown', note: expect.stringContaining('which is no password random_password.admin makes') })]);
});
