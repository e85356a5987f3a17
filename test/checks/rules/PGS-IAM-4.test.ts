import { rule } from '../../../lib/checks/rules/PGS-IAM-4';
import { judgeAll } from '../rule-harness';
import { CONFIGURATION, singleStack } from '../single-fixtures';

// 91st run, A91a-1: PGF-IAM-8's parameters, set on a Single Server beside the construct, passed.

test('passes a server that sets neither parameter, or sets them to their safe values', () => {
  expect(judgeAll(rule, singleStack({}, { log_connections: 'on' }))).toEqual([{ status: 'pass' }]);
  expect(judgeAll(rule, singleStack({}, { lo_compat_privileges: 'OFF', session_replication_role: 'local' }))).toEqual([{ status: 'pass' }]);
});

test('fails lo_compat_privileges on and session_replication_role replica, each on its own with its subject', () => {
  expect(judgeAll(rule, singleStack({}, { lo_compat_privileges: 'on', session_replication_role: ' Replica' }))).toEqual([
    {
      status: 'fail',
      message: 'server parameter lo_compat_privileges is "on", not "off" (on skips the privilege checks on large objects: every role reads and writes all of them).',
      address: `${CONFIGURATION}.lo_compat_privileges`,
      subject: 'lo_compat_privileges = on',
    },
    {
      status: 'fail',
      message: 'server parameter session_replication_role is " Replica", not "origin" or "local" (replica stops ordinary triggers, rules and foreign-key checks in every session).',
      address: `${CONFIGURATION}.session_replication_role`,
      subject: 'session_replication_role = replica',
    },
  ]);
});

test('a value known only at apply time is unknown, never a pass', () => {
  expect(judgeAll(rule, singleStack({}, { session_replication_role: '${var.role}' }))).toEqual([
    { status: 'unknown', note: 'server parameter session_replication_role is known only at apply time', address: `${CONFIGURATION}.session_replication_role` },
  ]);
});
