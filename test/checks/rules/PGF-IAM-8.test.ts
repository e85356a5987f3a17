import { rule } from '../../../lib/checks/rules/PGF-IAM-8';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judgeAll } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const withParameters = (values: { [name: string]: string }) => ({
  [FLEXIBLE]: { db: compliantFlexibleServer() },
  [CONFIGURATION]: flexibleParameters(values),
});

test('passes a server that sets neither parameter: the defaults (off, origin) keep the checks', () => {
  expect(judgeAll(rule, withParameters({ log_connections: 'on' }))).toEqual([{ status: 'pass' }]);
});

test.each<[string, string]>([
  ['lo_compat_privileges', 'off'],
  ['lo_compat_privileges', ' F '],
  ['LO_COMPAT_PRIVILEGES', '0'],
  ['session_replication_role', 'origin'],
  ['session_replication_role', 'LOCAL'],
])('passes %s = %p', (name, value) => {
  expect(judgeAll(rule, withParameters({ [name]: value }))).toEqual([{ status: 'pass' }]);
});

test.each(['on', 'ON', 'true', 'yes', '1', 't', 'maybe'])('fails lo_compat_privileges = %p, with the parameter and value as the subject', (value) => {
  expect(judgeAll(rule, withParameters({ lo_compat_privileges: value }))).toEqual([{
    status: 'fail',
    message: `server parameter lo_compat_privileges is ${JSON.stringify(value)}, not "off" (on skips the privilege checks on large objects: every role reads and writes all of them).`,
    address: `${CONFIGURATION}.lo_compat_privileges`,
    subject: `lo_compat_privileges = ${value.toLowerCase()}`,
  }]);
});

test.each(['replica', ' Replica'])('fails session_replication_role = %p', (value) => {
  expect(judgeAll(rule, withParameters({ session_replication_role: value }))).toEqual([{
    status: 'fail',
    message: `server parameter session_replication_role is ${JSON.stringify(value)}, not "origin" or "local" (replica stops ordinary triggers, rules and foreign-key checks in every session).`,
    address: `${CONFIGURATION}.session_replication_role`,
    subject: 'session_replication_role = replica',
  }]);
});

test('fails each weakening parameter on its own, so that neither hides the other', () => {
  const verdicts = judgeAll(rule, withParameters({ lo_compat_privileges: 'on', session_replication_role: 'replica' }));
  expect(verdicts.map((verdict) => verdict.status === 'fail' && verdict.subject)).toEqual(['lo_compat_privileges = on', 'session_replication_role = replica']);
});

test('a value known only at apply time is unknown, never a pass', () => {
  expect(judgeAll(rule, withParameters({ lo_compat_privileges: '${var.compat}' }))).toEqual([{
    status: 'unknown',
    note: 'server parameter lo_compat_privileges is known only at apply time',
    address: `${CONFIGURATION}.lo_compat_privileges`,
  }]);
});
