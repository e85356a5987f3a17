// A password written from references only, through a function that adds no text to them (41st run, A41a-1): every reader of a
// password attribute (value-readers.ts plainTextPassword, through fromReferencesOnly) gives the same verdict, whether the value is a
// server's administrator password (PGF-IAM-4), a role's password (PGD-IAM-2), a provider's password (PGD-IAM-9) or a user mapping's
// or foreign server's options (PGD-IAM-15); a value that may write literal text still fails in each.
import { Rule } from '../../lib/checks/rule';
import { rule as administratorPassword } from '../../lib/checks/rules/PGF-IAM-4';
import { rule as providerPassword } from '../../lib/checks/rules/PGD-IAM-9';
import { rule as rolePassword } from '../../lib/checks/rules/PGD-IAM-2';
import { rule as connectionSecrets } from '../../lib/checks/rules/PGD-IAM-15';
import { fromReferencesOnly, plainTextPassword } from '../../lib/checks/value-readers';
import { databaseStack, judgeAllIn, passwordRole } from './database-fixtures';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

const SECRET = 'Lit3ralS3cret-7c1d';

/** A stack that writes `password` as the server's administrator password, a role's, its provider's and a user mapping's and foreign server's option. */
function stackWith(password: unknown, extra: object = {}, iteration: object = {}): object {
  const stack = databaseStack({
    postgresql_role: { app: passwordRole('app', { password_wo: password, ...iteration }) },
    postgresql_user_mapping: { um: { server_name: 'dw', user_name: 'etl', options: { user: 'u', password }, ...iteration } },
    postgresql_server: { dw: { server_name: 'dw', fdw_name: 'postgres_fdw', options: { host: 'h', sslpassword: password }, ...iteration } },
  }) as { provider: { postgresql: object[] }; resource: { [type: string]: object } };
  return {
    ...stack,
    provider: { postgresql: [{ ...stack.provider.postgresql[0], password }] },
    resource: { ...stack.resource, [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_login: 'pgadmin', administrator_password: password }) } },
    locals: { reference: '${var.p}', literal: SECRET, wrapped: '${sensitive(var.p)}' },
    ...extra,
  };
}

const RULES: [string, Rule][] = [['PGF-IAM-4', administratorPassword], ['PGD-IAM-2', rolePassword], ['PGD-IAM-9', providerPassword], ['PGD-IAM-15', connectionSecrets]];

/** The status of each rule on the stack, by rule id; the failures never show the literal. */
function statuses(stack: object): { [id: string]: string[] } {
  return Object.fromEntries(RULES.map(([id, rule]) => {
    const verdicts = judgeAllIn(rule, stack);
    expect(JSON.stringify(verdicts)).not.toContain(SECRET);
    return [id, [...new Set(verdicts.map((verdict) => verdict.status))]];
  }));
}

const ALL_PASS = Object.fromEntries(RULES.map(([id]) => [id, ['pass']]));
const ALL_FAIL = Object.fromEntries(RULES.map(([id]) => [id, ['fail']]));

describe('a password from references only, under functions that add no text, passes every password rule', () => {
  test.each([
    ['${sensitive(var.p)}'],
    ['${sensitive(data.azurerm_key_vault_secret.s.value)}'],
    ['${nonsensitive(var.p)}'],
    ['${trimspace(var.p)}'],
    ['${tostring(random_password.rp.result)}'],
    ['${chomp(var.p)}'],
    ['${lower(var.p)}'],
    ['${upper(var.p)}'],
    ['${sensitive(trimspace(var.p))}'],
    ['${ sensitive( var.p ) }'],
    ['${sensitive("${var.p}")}'],
    ['${sensitive(local.reference)}'],
    ['${local.wrapped}'],
    ['${sensitive(var.m["k"])}'],
    ['${sensitive(random_password.rp[0].result)}'],
    ['${var.b ? sensitive(var.p) : var.q}'],
    ['${coalesce(var.p, var.q)}'],
    ['${try(sensitive(var.p), var.q)}'],
    ['${var.b ? var.p : null}'],
    ['${var.p}${var.q}'],
    ['%{if var.b}${sensitive(var.p)}%{else}${var.q}%{endif}'],
  ])('%s', (password) => {
    expect(statuses(stackWith(password))).toEqual(ALL_PASS);
  });

  // The role, the user mapping and the foreign server iterate; the server and the provider do not (each.value there is no item).
  test.each([['${sensitive(each.value)}'], ['${each.value}'], ['${upper(each.value)}']])('%s, each item of a for_each over references', (password) => {
    const iteration = { for_each: { a: '${var.p}', b: '${random_password.rp.result}' } };
    const { 'PGD-IAM-2': role, 'PGD-IAM-15': options } = statuses(stackWith(password, {}, iteration));
    expect([role, options]).toEqual([['pass'], ['pass']]);
  });
});

describe('a password that may write literal text still fails every password rule', () => {
  test.each([
    [`\${var.p}x`],
    [`\${sensitive(var.p)}x`],
    [`\${coalesce(var.p, "${SECRET}")}`],
    [`\${try(var.p, "${SECRET}")}`],
    [`\${format("%s", "${SECRET}")}`],
    [`\${format("%s-${SECRET}", var.p)}`],
    [`\${join("", [var.p, "${SECRET}"])}`],
    [`\${sensitive(join("", [var.p, "${SECRET}"]))}`],
    ['${join("", [var.p, 12345])}'],
    ['${var.p}${12345}'],
    [`\${var.b ? var.p : "${SECRET}"}`],
    [`%{if var.b}\${var.p}%{else}${SECRET}%{endif}`],
    [`\${sensitive("${SECRET}")}`],
    [`\${sensitive("\${var.p}${SECRET}")}`],
    ['${sensitive(local.literal)}'],
    ['${sensitive(base64decode("TGl0M3JhbA=="))}'],
    ['${base64decode("TGl0M3JhbA==")}'],
    ['${file("pw.txt")}'],
    ['${sensitive(file(var.path))}'],
    [`\${replace(var.p, "a", "${SECRET}")}`],
    ['${sensitive(lookup(var.m, "k"))}'],
    ['${sensitive(var.p)[0]}'],
    [`\${sensitive(var.p, "${SECRET}")}`],
    [`\${sensitive(<<EOT\n\${var.p}${SECRET}\nEOT\n)}`],
  ])('%s', (password) => {
    expect(statuses(stackWith(password))).toEqual(ALL_FAIL);
  });

  test.each([['${sensitive(each.value)}'], ['${each.value}'], ['${upper(each.value)}']])('%s, an item of a for_each being a literal', (password) => {
    const iteration = { for_each: { a: '${var.p}', b: SECRET } };
    const { 'PGD-IAM-2': role, 'PGD-IAM-15': options } = statuses(stackWith(password, {}, iteration));
    expect([role, options]).toEqual([['fail'], ['fail']]);
  });
});

test('a decoder over a reference writes no text, but is not read: it fails closed (over-strict, stated)', () => {
  expect(plainTextPassword(undefined)).toBeUndefined();
  expect(statuses(stackWith('${base64decode(var.p)}'))).toEqual(ALL_FAIL);
  expect(fromReferencesOnly(null)).toBe(true);
  expect(fromReferencesOnly('x')).toBe(false);
});
