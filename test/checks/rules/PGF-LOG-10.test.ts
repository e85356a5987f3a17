import { rule } from '../../../lib/checks/rules/PGF-LOG-10';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const withParameters = (parameters: { [name: string]: string }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters(parameters) });

test.each(['ddl,role,misc', 'ROLE, DDL', 'all', 'all,-misc', 'read,-all,ddl,role'])('passes pgaudit.log = %p', (classes) => {
  expect(judge(rule, withParameters({ 'pgaudit.log': classes }))).toEqual({ status: 'pass' });
});

// The subject, what a justification must equal to cover the finding, is the classes pgaudit turns on, in one order.
test.each([
  ['read', 'read'],
  ['ddl,misc', 'ddl,misc'],
  ['role', 'role'],
  ['all,-ddl', 'read,write,function,role,misc,misc_set'],
  ['all,-role', 'read,write,function,ddl,misc,misc_set'],
  ['none', 'none'],
  ['ddl,role,-all', 'none'],
])('fails pgaudit.log = %p, which leaves DDL or ROLE unaudited', (classes, subject) => {
  expect(judge(rule, withParameters({ 'pgaudit.log': classes }))).toEqual({
    status: 'fail',
    message: `server parameter pgaudit.log is ${JSON.stringify(classes)}, not a list that keeps the ddl and role classes on.`,
    address: `${CONFIGURATION}.pgaudit_log`,
    subject: `pgaudit.log classes ${subject}`,
  });
});

test('fails when pgaudit.log is not written (pgaudit then logs nothing)', () => {
  expect(judge(rule, withParameters({}))).toEqual({
    status: 'fail',
    message: 'server parameter pgaudit.log is not set (it must be a list that keeps the ddl and role classes on).',
  });
});

test('a pgaudit.log known only at apply time is unknown', () => {
  expect(judge(rule, withParameters({ 'pgaudit.log': '${var.classes}' }))).toMatchObject({ status: 'unknown', address: `${CONFIGURATION}.pgaudit_log` });
});

// X78-63 (adversarial run of stop 78): with create_before_destroy a replacement creates the new instance over the parameter, then
// the old instance's destroy resets it to Azure's default; under a trigger that changes at each apply, every apply ends so.
test.each([
  [{ create_before_destroy: true, replace_triggered_by: ['terraform_data.tick'] }],
  [{ create_before_destroy: true }],
  [[{ create_before_destroy: '${var.cbd}' }]],
])('fails a pgaudit.log written with lifecycle %j', (lifecycle) => {
  const parameters = flexibleParameters({ 'pgaudit.log': 'ddl,role' });
  expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: { pgaudit_log: { ...parameters.pgaudit_log, lifecycle } } })).toEqual({
    status: 'fail',
    message: 'server parameter pgaudit.log is written by a resource with lifecycle.create_before_destroy, so each replacement sets it and then the old instance\'s destroy resets it to Azure\'s default.',
    address: `${CONFIGURATION}.pgaudit_log`,
  });
});

test('passes a pgaudit.log written with create_before_destroy = false or a replace trigger alone (destroyed, then set again)', () => {
  const parameters = flexibleParameters({ 'pgaudit.log': 'ddl,role' });
  for (const lifecycle of [{ create_before_destroy: false }, { replace_triggered_by: ['terraform_data.tick'] }]) {
    expect(judge(rule, { [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: { pgaudit_log: { ...parameters.pgaudit_log, lifecycle } } })).toEqual({ status: 'pass' });
  }
});
