import { rule } from '../../../lib/checks/rules/PGD-IAM-3';
import { databaseStack, groupRole, passwordRole , judgeIn } from '../database-fixtures';

const role = (overrides: { [key: string]: unknown }) => databaseStack({ postgresql_role: { a: passwordRole('billing', overrides) } });

test('passes a write-only password rotated by time_rotating with an expiry, and roles without a password', () => {
  expect(judgeIn(rule, databaseStack({ postgresql_role: { a: passwordRole('billing'), b: groupRole('orders_readonly') } }))).toEqual({ status: 'pass' });
  expect(judgeIn(rule, role({ valid_until: '2027-01-01T00:00:00Z' }))).toEqual({ status: 'pass' });
});

test('fails the plain password attribute, kept in state', () => {
  expect(judgeIn(rule, role({ password: '${random_password.pw.result}', password_wo: undefined }))).toEqual({
    status: 'fail',
    message: 'role billing sets password, which Terraform keeps in its state and cannot rotate on a schedule.',
    address: 'postgresql_role.a',
  });
});

test('fails a literal password version, which never rotates by itself', () => {
  expect(judgeIn(rule, role({ password_wo_version: '1' }))).toEqual({
    status: 'fail',
    message: 'role billing has password_wo_version "1", a literal, so its password changes only when someone edits it.',
    address: 'postgresql_role.a',
  });
});

// 62nd run, A62a-3: "infinity" is named as written, not as missing.
test.each([[undefined, 'has no valid_until'], ['infinity', 'has valid_until = "infinity"'], ['Infinity ', 'has valid_until = "Infinity "']])('fails valid_until %j', (validUntil, what) => {
  expect(judgeIn(rule, role({ valid_until: validUntil }))).toEqual({
    status: 'fail',
    message: `role billing ${what}, so a password that is not rotated never expires.`,
    address: 'postgresql_role.a',
  });
});
