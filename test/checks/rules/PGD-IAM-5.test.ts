import { rule } from '../../../lib/checks/rules/PGD-IAM-5';
import { databaseStack, grant, groupRole, passwordRole , judgeIn } from '../database-fixtures';

test('passes grants to NOLOGIN group roles, and to roles the stack does not define', () => {
  const stack = databaseStack({
    postgresql_role: { ro: groupRole('orders_readonly'), app: passwordRole('app', { roles: ['orders_readonly'] }) },
    postgresql_grant: { ro: grant('${postgresql_role.ro.name}', ['SELECT']), other: grant('reporting', ['SELECT']) },
  });
  expect(judgeIn(rule, stack)).toEqual({ status: 'pass' });
});

test.each(['${postgresql_role.app.name}', 'app'])('fails a grant straight to a login role (%s)', (grantee) => {
  const stack = databaseStack({ postgresql_role: { app: passwordRole('app') }, postgresql_grant: { g: grant(grantee, ['SELECT']) } });
  expect(judgeIn(rule, stack)).toEqual({
    status: 'fail',
    message: 'login role app is granted privileges directly instead of through a group role.',
    address: 'postgresql_grant.g',
  });
});
