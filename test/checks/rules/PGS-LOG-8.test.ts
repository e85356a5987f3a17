import { rule } from '../../../lib/checks/rules/PGS-LOG-8';
import { judge } from '../rule-harness';
import { CONFIGURATION, singleStack } from '../single-fixtures';

test('passes without log_min_messages, and with a level that keeps LOG and ERROR lines', () => {
  expect(judge(rule, singleStack())).toEqual({ status: 'pass' });
  expect(judge(rule, singleStack({}, { log_min_messages: 'WARNING' }))).toEqual({ status: 'pass' });
  expect(judge(rule, singleStack({}, { log_min_messages: 'error' }))).toEqual({ status: 'pass' });
});

test.each(['panic', 'log'])('fails log_min_messages = %p', (level) => {
  expect(judge(rule, singleStack({}, { log_min_messages: level }))).toEqual({
    status: 'fail',
    message: `server parameter log_min_messages is "${level}", not a level that keeps LOG and ERROR lines (debug5, debug4, debug3, debug2, debug1, info, notice, warning, error).`,
    address: `${CONFIGURATION}.log_min_messages`,
  });
});

test('fails pgaudit.log_level below LOG while pgaudit.log_client is on, passes it with log_client off', () => {
  expect(judge(rule, singleStack({}, { 'pgaudit.log_client': 'ON', 'pgaudit.log_level': 'debug1' }))).toEqual({
    status: 'fail',
    message: 'server parameter pgaudit.log_level is "debug1" while pgaudit.log_client is "ON", so pgaudit writes its audit lines below LOG and the server log drops them; set pgaudit.log_level to "log" or pgaudit.log_client to "off".',
    address: `${CONFIGURATION}.pgaudit_log_level`,
  });
  expect(judge(rule, singleStack({}, { 'pgaudit.log_client': 'OFF', 'pgaudit.log_level': 'debug1' }))).toEqual({ status: 'pass' });
});
