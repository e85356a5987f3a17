import { rule } from '../../../lib/checks/rules/PGD-IAM-2';
import { databaseStack, groupRole, passwordRole , judgeIn } from '../database-fixtures';

test('passes a password taken from a generated password, and roles without one', () => {
  expect(judgeIn(rule, databaseStack({ postgresql_role: { a: passwordRole('billing'), b: groupRole('orders_readonly') } }))).toEqual({ status: 'pass' });
});

test.each([['password', 'S3cret-pass!'], ['password_wo', 'S3cret-pass!']])('fails a literal %s', (attribute, value) => {
  expect(judgeIn(rule, databaseStack({ postgresql_role: { a: passwordRole('billing', { [attribute]: value }) } }))).toEqual({
    status: 'fail',
    message: `role billing: ${attribute} is a literal, so the password is written in the configuration.`,
    address: 'postgresql_role.a',
  });
});

test('fails literal text mixed with a reference', () => {
  expect(judgeIn(rule, databaseStack({ postgresql_role: { a: passwordRole('billing', { password_wo: 'pre-${random_password.pw.result}' }) } }))).toMatchObject({ status: 'fail' });
});
