import { rule } from '../../../lib/checks/rules/PGF-IAM-4';
import { buildStackModel } from '../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

const withServer = (overrides: { [key: string]: unknown }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer(overrides) } });

test('passes without an administrator password', () => {
  expect(judge(rule, withServer({}))).toEqual({ status: 'pass' });
});

test.each(['${random_password.admin.result}', '${var.admin_password}', '${data.azurerm_key_vault_secret.pw.value}'])('passes a password taken from %s', (password) => {
  expect(judge(rule, withServer({ administrator_login: 'pgadmin', administrator_password: password }))).toEqual({ status: 'pass' });
});

test('fails a literal password', () => {
  expect(judge(rule, withServer({ administrator_login: 'pgadmin', administrator_password: 'Sup3r$ecret!' }))).toEqual({
    status: 'fail',
    message: 'administrator_password is a literal, so the password is written in the configuration.',
    address: undefined,
  });
});

test('fails a password that mixes literal text with a reference', () => {
  expect(judge(rule, withServer({ administrator_password: 'Prefix-${random_string.suffix.result}' }))).toMatchObject({
    status: 'fail',
    message: 'administrator_password is not one plain reference (to a random_password, a variable or a Key Vault secret), so part of the password may be written in the configuration.',
  });
});

test('fails a literal write-only password: it is still written in the configuration', () => {
  expect(judge(rule, withServer({ administrator_password_wo: 'Sup3r$ecret!', administrator_password_wo_version: 1 }))).toMatchObject({
    status: 'fail',
    message: expect.stringContaining('administrator_password_wo'),
  });
});

test('passes a write-only password taken from a reference', () => {
  expect(judge(rule, withServer({ administrator_password_wo: '${var.admin_password}', administrator_password_wo_version: 1 }))).toEqual({ status: 'pass' });
});

test('reads "$${" as an escaped, literal "${"', () => {
  expect(judge(rule, withServer({ administrator_password: 'pa$${ss}' }))).toMatchObject({ status: 'fail', message: expect.stringContaining('is a literal,') });
});

test.each([
  ['a list of literal passwords indexed by a variable', '${["Sup3r$ecret!", "0ther$ecret!"][var.pick]}'],
  ['a local list of literal passwords indexed by a variable', '${local.passwords[var.pick]}'],
])('fails %s: the passwords are written in the configuration', (_, password) => {
  const terraform = { locals: { passwords: ['Sup3r$ecret!', '0ther$ecret!'] }, resource: withServer({ administrator_password: password }) };
  expect(rule.evaluate(buildStackModel(terraform).servers[0])).toEqual({
    status: 'fail',
    message: 'administrator_password is not one plain reference (to a random_password, a variable or a Key Vault secret), so part of the password may be written in the configuration.',
    address: undefined,
  });
});
