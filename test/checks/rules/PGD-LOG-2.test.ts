import { rule } from '../../../lib/checks/rules/PGD-LOG-2';
import { TerraformBlock } from '../../../lib/checks/stack-model';
import { databaseStack, groupRole, judgeAllIn, judgeIn, passwordRole } from '../database-fixtures';

// Session defaults of a role or a database (ALTER ROLE/DATABASE ... SET) override the server's logging
// parameters for the sessions they start (twenty-second review, A22a-6).

const role = (overrides: TerraformBlock) => databaseStack({ postgresql_role: { ok: groupRole('orders_readonly'), app: passwordRole('orders_app', overrides) } });
const statuses = (stack: object) => judgeAllIn(rule, stack).map((verdict) => [verdict.status, 'address' in verdict ? verdict.address : undefined]);

test('passes the role defaults cyrilgdn/postgresql 1.26 writes, and a database of its arguments', () => {
  const stack = databaseStack({
    postgresql_role: {
      app: passwordRole('orders_app', { search_path: ['orders', '$user'], statement_timeout: 30000, idle_in_transaction_session_timeout: 60000, assume_role: 'orders_readwrite', connection_limit: 5, roles: ['orders_readwrite'], skip_drop_role: false, count: 1, lifecycle: { prevent_destroy: true }, depends_on: ['postgresql_role.ok'], '//': { metadata: {} } }),
      ok: groupRole('orders_readonly'),
    },
    postgresql_database: { orders: { name: 'orders', owner: 'orders_owner', template: 'template0', encoding: 'UTF8', lc_collate: 'C', lc_ctype: 'C', connection_limit: -1, allow_connections: true, is_template: false, alter_object_ownership: false } },
  });
  expect(judgeAllIn(rule, stack)).toEqual([{ status: 'pass' }]);
});

test('passes harmless defaults and defaults that keep or raise logging, in a parameter block', () => {
  expect(judgeAllIn(rule, role({ parameter: [
    { name: 'work_mem', value: '64MB' },
    { name: 'application_name', value: '${var.app}' },
    { name: 'pgaudit.log', value: 'all' },
    { name: 'PGAUDIT.LOG', value: 'ddl, role, write' },
    { name: 'log_statement', value: 'NONE' },
    { name: 'log_min_messages', value: 'warning' },
    { name: 'log_connections', value: 'on' },
    { name: 'log_min_duration_statement', value: -1 },
    { name: 'session_replication_role', value: 'origin' },
    { name: 'password_encryption', value: 'SCRAM-SHA-256' },
    { name: '"pgaudit.log"', value: "'ddl, role'" },
    // Twenty-fifth run (A25b-1): a name in SQL's identifier forms is read as PostgreSQL reads it.
    { name: '"PGAUDIT"."LOG"', value: 'all' },
    { name: ' "pgaudit" . log_client ', value: 'off' },
    { name: '"work_mem"', value: '8MB' },
  ] }))).toEqual([{ status: 'pass' }]);
});

test.each([
  ['pgaudit.log', 'none'],
  ['pgaudit.log', '-all'],
  ['pgaudit.log', 'all,-role'],
  ['pgaudit.log', 'read,write'],
  ['pgaudit.log', ''],
  ['Pgaudit.Log ', 'nonsense'],
  ['pgaudit.log_client', 'on'],
  ['pgaudit.log_level', 'debug5'],
  ['pgaudit.log_statement', 'off'],
  ['pgaudit.log_parameter', 'on'],
  ['log_statement', 'all'],
  ['log_statement', 'ddl'],
  ['log_min_messages', 'panic'],
  ['log_min_messages', 'FATAL'],
  ['log_min_messages', 'log'],
  ['log_min_duration_statement', 0],
  ['log_min_duration_statement', '250ms'],
  ['log_min_duration_sample', '0'],
  ['log_transaction_sample_rate', '1'],
  ['debug_print_plan', 'on'],
  ['log_min_error_statement', 'warning'],
  ['auto_explain.log_min_duration', '0'],
  ['log_parameter_max_length_on_error', '-1'],
  ['log_connections', 'off'],
  ['log_disconnections', 'false'],
  ['lo_compat_privileges', 'on'],
  ['session_replication_role', 'replica'],
  // Twenty-fourth run: passwords hashed with md5 (A24b-2); a name or value in one pair of quotes is read through (A24b-3).
  ['password_encryption', 'md5'],
  ['password_encryption', "'md5'"],
  ['"pgaudit.log"', 'none'],
  ["'log_statement'", 'all'],
  ['session_replication_role', "'replica'"],
  ['session_replication_role', '"replica"'],
  // Twenty-fifth run (A25b-1): a name PostgreSQL reads from quoted or spaced identifiers joined by dots.
  ['"pgaudit"."log"', 'none'],
  ['"pgaudit".log', 'none'],
  ['pgaudit . log', 'none'],
  ['"pgaudit"."log_level"', 'debug5'],
  ['"Log_Statement"', 'all'],
])('fails a role whose sessions start with %s = %j', (name, value) => {
  expect(judgeAllIn(rule, role({ parameter: [{ name: 'work_mem', value: '4MB' }, { name, value }] }))).toEqual([expect.objectContaining({ status: 'fail', address: 'postgresql_role.app' })]);
});

test('reads the parameters spelling, as blocks and as a map, and each of several settings', () => {
  expect(statuses(role({ parameters: [{ name: 'pgaudit.log', value: 'none' }] }))).toEqual([['fail', 'postgresql_role.app']]);
  expect(statuses(role({ parameters: { 'pgaudit.log': 'none', log_statement: 'all', work_mem: '1MB' } }))).toEqual([['fail', 'postgresql_role.app'], ['fail', 'postgresql_role.app']]);
  expect(statuses(role({ parameter: { name: 'log_min_messages', value: 'panic' } }))).toEqual([['fail', 'postgresql_role.app']]);
});

test('a dynamic parameter block is read: its content judged, an expression in it unknown', () => {
  expect(statuses(role({ dynamic: { parameter: { for_each: '${var.settings}', content: { name: 'pgaudit.log', value: 'none' } } } }))).toEqual([['fail', 'postgresql_role.app']]);
  expect(statuses(role({ dynamic: { parameter: { for_each: '${var.settings}', content: { name: '${parameter.key}', value: '${parameter.value}' } } } }))).toEqual([['unknown', 'postgresql_role.app']]);
  expect(statuses(role({ dynamic: [{ parameter: { for_each: '${var.settings}', content: '${var.content}' } }] }))).toEqual([['unknown', 'postgresql_role.app']]);
});

test('a logging setting known only at apply time, or blocks that are an expression, fail closed', () => {
  expect(statuses(role({ parameter: [{ name: 'pgaudit.log', value: '${var.audit}' }] }))).toEqual([['unknown', 'postgresql_role.app']]);
  expect(statuses(role({ parameter: [{ name: '${var.name}', value: 'none' }] }))).toEqual([['unknown', 'postgresql_role.app']]);
  expect(statuses(role({ parameter: '${var.parameters}' }))).toEqual([['unknown', 'postgresql_role.app']]);
  // A harmless setting known only at apply time passes.
  expect(statuses(role({ parameter: [{ name: 'work_mem', value: '${var.mem}' }] }))).toEqual([['pass', undefined]]);
});

test('a name that is not identifiers joined by dots (a comment, a U& escape, blanks between two words) fails closed (A25b-1)', () => {
  for (const name of ['pgaudit/**/.log', 'U&"pgaudit\\002elog"', 'pgaudit log', 'pgaudit.', '.log', '"pgaudit.log', 'work-mem']) {
    expect(statuses(role({ parameter: [{ name, value: 'all' }] }))).toEqual([['unknown', 'postgresql_role.app']]);
  }
});

test('a logging setting no rule reads fails closed', () => {
  for (const name of ['pgaudit.log_catalog', 'pgaudit.role', 'log_duration', 'debug_pretty_print', 'auto_explain.log_analyze', 'trace_notify']) {
    expect(statuses(role({ parameter: [{ name, value: 'off' }] }))).toEqual([['unknown', 'postgresql_role.app']]);
  }
});

test('an argument the 1.26 schema lacks fails closed, on a role and on a database, dynamic blocks too', () => {
  expect(statuses(role({ config: { 'pgaudit.log': 'none' } }))).toEqual([['unknown', 'postgresql_role.app']]);
  expect(statuses(role({ settings: ['pgaudit.log=none'] }))).toEqual([['unknown', 'postgresql_role.app']]);
  expect(statuses(role({ dynamic: { setting: { for_each: '${var.s}', content: { name: 'x', value: 'y' } } } }))).toEqual([['unknown', 'postgresql_role.app']]);
  expect(statuses(databaseStack({ postgresql_database: { orders: { name: 'orders', parameter: [{ name: 'pgaudit.log', value: 'none' }] } } }))).toEqual([['fail', 'postgresql_database.orders']]);
  expect(statuses(databaseStack({ postgresql_database: { orders: { name: 'orders', configuration: { log_statement: 'all' } } } }))).toEqual([['unknown', 'postgresql_database.orders']]);
});

test('a role of count or for_each is judged all the same, one verdict per role at fault', () => {
  const stack = databaseStack({ postgresql_role: {
    many: groupRole('${each.key}', { for_each: '${var.roles}', parameter: [{ name: 'pgaudit.log', value: 'none' }] }),
    some: groupRole('orders_x', { count: '${var.n}', parameter: [{ name: 'log_statement', value: 'all' }] }),
  } });
  expect(statuses(stack)).toEqual([['fail', 'postgresql_role.many'], ['fail', 'postgresql_role.some']]);
});

test('does not apply without in-database resources', () => {
  expect(judgeIn(rule, { resource: databaseStack({}).resource })).toMatchObject({ status: 'not-applicable' });
});
