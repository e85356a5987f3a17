import { rule } from '../../../lib/checks/rules/PGD-IAM-6';
import { databaseStackWithAdministrators, groupRole, judgeAllIn, judgeIn, passwordRole } from '../database-fixtures';
import { compliantFlexibleServer, FLEXIBLE, judge } from '../rule-harness';

test('passes memberships of the stack\'s group roles, and roles without memberships', () => {
  const stack = databaseStackWithAdministrators({
    postgresql_role: { rw: groupRole('orders_readwrite'), app: passwordRole('app', { roles: ['${postgresql_role.rw.name}'] }), lone: groupRole('lone') },
    postgresql_grant_role: { m: { role: 'reporting', grant_role: 'orders_readwrite' }, named: { role: 'reporting', grant_role: 'constructor' } },
  });
  expect(judgeAllIn(rule, stack)).toEqual([{ status: 'pass' }]);
});

test.each([
  ['azure_pg_admin', 'the group of the server\'s administrators (CREATEROLE over every role, every database)'],
  ['AZURE_PG_ADMIN', 'the group of the server\'s administrators (CREATEROLE over every role, every database)'],
  ['azuresu', 'Azure\'s superuser'],
  ['pg_read_all_data', 'reads every table of every database'],
  ['pg_write_all_data', 'writes every table of every database'],
  ['pg_read_server_files', 'reads the server\'s files (COPY FROM a file)'],
  ['pg_write_server_files', 'writes the server\'s files (COPY TO a file)'],
  ['pg_execute_server_program', 'runs programs on the server (COPY ... PROGRAM)'],
  ['pg_signal_backend', 'cancels and ends other sessions'],
  ['pg_monitor', 'reads every session\'s query text and every setting'],
  ['pg_maintain', 'a predefined role of PostgreSQL'],
  ['grp-dba', 'the role of one of the server\'s administrators'],
  ['pgadmin_ops', 'the role of one of the server\'s administrators'],
])('fails a postgresql_grant_role that makes a role a member of %s', (group, power) => {
  expect(judgeIn(rule, databaseStackWithAdministrators({ postgresql_grant_role: { escalate: { role: 'orders_app', grant_role: group } } }))).toEqual({
    status: 'fail',
    message: `role orders_app is made a member of ${group}, ${power}.`,
    address: 'postgresql_grant_role.escalate',
  });
});

test('fails a postgresql_role whose roles name azure_pg_admin, one finding per role at fault', () => {
  const verdicts = judgeAllIn(rule, databaseStackWithAdministrators({
    postgresql_role: {
      rw: groupRole('orders_readwrite'),
      app: passwordRole('app', { roles: ['${postgresql_role.rw.name}', 'azure_pg_admin'] }),
      spy: groupRole('spy', { roles: ['pg_read_all_data'] }),
    },
  }));
  expect(verdicts).toEqual([
    { status: 'fail', message: 'role app is made a member of azure_pg_admin, the group of the server\'s administrators (CREATEROLE over every role, every database).', address: 'postgresql_role.app' },
    { status: 'fail', message: 'role spy is made a member of pg_read_all_data, reads every table of every database.', address: 'postgresql_role.spy' },
  ]);
});

test('a member named by reference is named in the message; an unresolved member by the grant', () => {
  const verdicts = judgeAllIn(rule, databaseStackWithAdministrators({
    postgresql_role: { app: passwordRole('app') },
    postgresql_grant_role: { a: { role: '${postgresql_role.app.name}', grant_role: 'pg_write_all_data' }, b: { role: '${var.member}', grant_role: 'pg_write_all_data' } },
  }));
  expect(verdicts).toEqual([
    { status: 'fail', message: 'role app is made a member of pg_write_all_data, writes every table of every database.', address: 'postgresql_grant_role.a' },
    { status: 'fail', message: 'postgresql_grant_role.b is made a member of pg_write_all_data, writes every table of every database.', address: 'postgresql_grant_role.b' },
  ]);
});

test('a granted role or a roles list known only at apply time is unknown, never a pass', () => {
  const verdicts = judgeAllIn(rule, databaseStackWithAdministrators({
    postgresql_grant_role: { g: { role: 'orders_app', grant_role: '${var.group}' } },
    postgresql_role: { r: groupRole('r', { roles: '${var.groups}' }), s: groupRole('s', { roles: ['${var.group}'] }) },
  }));
  expect(verdicts).toEqual([
    { status: 'unknown', note: 'grant_role of postgresql_grant_role.g is known only at apply time', address: 'postgresql_grant_role.g' },
    { status: 'unknown', note: 'roles of postgresql_role.r is known only at apply time', address: 'postgresql_role.r' },
    { status: 'unknown', note: 'an entry of roles of postgresql_role.s is known only at apply time', address: 'postgresql_role.s' },
  ]);
});

test('does not apply to a server no postgresql provider signs in to', () => {
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() } })).toEqual({ status: 'not-applicable', note: 'no postgresql provider resource signs in to the server' });
});
