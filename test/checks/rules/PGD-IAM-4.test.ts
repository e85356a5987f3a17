import { rule } from '../../../lib/checks/rules/PGD-IAM-4';
import { databaseStack, grant, groupRole , judgeAllIn, judgeIn } from '../database-fixtures';

test('passes grants to roles, and revokes from PUBLIC (an empty privilege list)', () => {
  const stack = databaseStack({
    postgresql_role: { ro: groupRole('orders_readonly') },
    postgresql_grant: { ro: grant('${postgresql_role.ro.name}', ['SELECT']), revoke: grant('public', [], { object_type: 'database', schema: undefined }) },
  });
  expect(judgeIn(rule, stack)).toEqual({ status: 'pass' });
});

// "PUBLIC" and "Public" the provider quotes: roles of those names, which none is; failing them is the closed side (75th run, M75-4).
test.each(['public', 'PUBLIC', 'Public', '${"public"}'])('fails privileges granted to %s', (role) => {
  expect(judgeIn(rule, databaseStack({ postgresql_grant: { g: grant(role, ['CONNECT'], { object_type: 'database' }) } }))).toEqual({
    status: 'fail',
    message: 'PUBLIC is granted ["CONNECT"] (database).',
    address: 'postgresql_grant.g',
  });
});

test('fails default privileges for PUBLIC and a PUBLIC role membership', () => {
  const verdicts = judgeAllIn(rule, databaseStack({
    postgresql_default_privileges: { d: { database: 'orders', schema: 'public', owner: 'orders_owner', role: 'public', object_type: 'table', privileges: ['SELECT'] } },
    postgresql_grant_role: { m: { role: 'public', grant_role: 'orders_readwrite' } },
  }));
  expect(verdicts).toEqual([
    { status: 'fail', message: 'PUBLIC is granted ["SELECT"] (table).', address: 'postgresql_default_privileges.d' },
    { status: 'fail', message: 'PUBLIC is made a member of "orders_readwrite".', address: 'postgresql_grant_role.m' },
  ]);
});

test('a grantee known only at apply time is unknown, never a pass', () => {
  expect(judgeIn(rule, databaseStack({ postgresql_grant: { g: grant('${var.grantee}', ['SELECT']) } }))).toMatchObject({ status: 'unknown', address: 'postgresql_grant.g' });
});

describe('a postgresql_schema\'s policy blocks are grants on the schema (fourth review, A4-6)', () => {
  test.each([
    ['role public', { role: 'public', create: true, usage: true }, '["CREATE","USAGE"]'],
    ['role PUBLIC, with grant option', { role: 'PUBLIC', usage_with_grant: true }, '["USAGE"]'],
    ['no role (the provider\'s default is PUBLIC)', { create: 'true' }, '["CREATE"]'],
  ])('fails a policy of %s', (_name, policy, privileges) => {
    expect(judgeIn(rule, databaseStack({ postgresql_schema: { s: { name: 'public', database: 'orders', policy: [policy] } } }))).toEqual({
      status: 'fail',
      message: `PUBLIC is granted ${privileges} (schema).`,
      address: 'postgresql_schema.s',
    });
  });

  test.each<[string, object]>([
    ['an object', { policy: { for_each: ['x'], content: { role: 'public', create: true } } }],
    ['a list of objects', [{ policy: [{ for_each: ['x'], content: [{ role: 'public', create: true }] }] }]],
  ])('fails a dynamic policy block written as %s, as the block it makes', (_name, dynamic) => {
    expect(judgeIn(rule, databaseStack({ postgresql_schema: { s: { name: 'public', database: 'orders', dynamic } } }))).toEqual({
      status: 'fail',
      message: 'PUBLIC is granted ["CREATE"] (schema).',
      address: 'postgresql_schema.s',
    });
  });

  test('policies given as one expression are not passed unread', () => {
    expect(judgeIn(rule, databaseStack({ postgresql_schema: { s: { name: 'public', database: 'orders', policy: '${var.policies}' } } }))).toMatchObject({ status: 'unknown' });
  });

  test('passes a policy of a group role, and a PUBLIC policy that grants nothing', () => {
    const stack = databaseStack({ postgresql_schema: { s: { name: 'sales', database: 'orders', policy: [{ role: 'orders_readonly', usage: true }, { role: 'public', create: false }] } } });
    expect(judgeIn(rule, stack)).toEqual({ status: 'pass' });
  });
});
