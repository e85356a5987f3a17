import { rule } from '../../../lib/checks/rules/PGD-IAM-1';
import { databaseStack, groupRole , judgeAllIn, judgeIn } from '../database-fixtures';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

test('passes roles without dangerous attributes, written false or left out', () => {
  expect(judgeIn(rule, databaseStack({ postgresql_role: { a: groupRole('orders_readonly'), b: { name: 'app', login: true } } }))).toEqual({ status: 'pass' });
});

test.each(['superuser', 'create_role', 'create_database', 'replication', 'bypass_row_level_security'])('fails a role with %s', (attribute) => {
  expect(judgeIn(rule, databaseStack({ postgresql_role: { a: groupRole('rogue', { [attribute]: true }) } }))).toEqual({
    status: 'fail',
    message: `role rogue has ${attribute} = true.`,
    address: 'postgresql_role.a',
  });
});

test('reads the attribute as Terraform converts it, and reports every role at fault', () => {
  const verdicts = judgeAllIn(rule, databaseStack({ postgresql_role: { a: groupRole('one', { create_role: '1' }), b: groupRole('two', { superuser: '${true}' }) } }));
  expect(verdicts.map((v) => v.status === 'fail' && v.address)).toEqual(['postgresql_role.a', 'postgresql_role.b']);
});

test('an attribute known only at apply time is unknown, never a pass', () => {
  expect(judgeIn(rule, databaseStack({ postgresql_role: { a: groupRole('x', { superuser: '${var.admin}' }) } }))).toEqual({
    status: 'unknown',
    note: 'superuser of postgresql_role.a is known only at apply time',
    address: 'postgresql_role.a',
  });
});

test('does not apply to a server no postgresql provider signs in to', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({ status: 'not-applicable', note: 'no postgresql provider resource signs in to the server' });
});
