import { rule } from '../../../lib/checks/rules/PGF-LOG-9';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const withParameters = (parameters: { [name: string]: string }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters(parameters) });
const LEVELS = 'debug5, debug4, debug3, debug2, debug1, info, notice, warning, error';

test('passes when neither log_min_messages nor pgaudit.log_client is written (Azure keeps LOG lines)', () => {
  expect(judge(rule, withParameters({}))).toEqual({ status: 'pass' });
});

test.each(['warning', 'ERROR', ' error ', 'debug5', 'info', 'notice'])('passes log_min_messages = %p (LOG and ERROR lines are kept)', (level) => {
  expect(judge(rule, withParameters({ log_min_messages: level }))).toEqual({ status: 'pass' });
});

test.each(['fatal', 'PANIC', ' Fatal ', 'log', ' LOG '])('fails log_min_messages = %p, which drops the refused statements (ERROR) or every LOG line', (level) => {
  expect(judge(rule, withParameters({ log_min_messages: level }))).toEqual({
    status: 'fail',
    message: `server parameter log_min_messages is ${JSON.stringify(level)}, not a level that keeps LOG and ERROR lines (${LEVELS}).`,
    address: `${CONFIGURATION}.log_min_messages`,
  });
});

test('fails a log_min_messages PostgreSQL does not know', () => {
  expect(judge(rule, withParameters({ log_min_messages: 'quiet' }))).toMatchObject({ status: 'fail', address: `${CONFIGURATION}.log_min_messages` });
});

test('a log_min_messages known only at apply time is unknown', () => {
  expect(judge(rule, withParameters({ log_min_messages: '${var.level}' }))).toEqual({
    status: 'unknown',
    note: 'server parameter log_min_messages is known only at apply time',
    address: `${CONFIGURATION}.log_min_messages`,
  });
});

test.each(['debug5', 'notice', 'warning', 'INFO'])('fails pgaudit.log_level = %p while pgaudit.log_client is on', (level) => {
  expect(judge(rule, withParameters({ 'pgaudit.log_client': 'on', 'pgaudit.log_level': level }))).toEqual({
    status: 'fail',
    message: `server parameter pgaudit.log_level is ${JSON.stringify(level)} while pgaudit.log_client is "on", so pgaudit writes its audit lines below LOG and the server log drops them; set pgaudit.log_level to "log" or pgaudit.log_client to "off".`,
    address: `${CONFIGURATION}.pgaudit_log_level`,
  });
});

test.each(['true', 'ON', 'yes', '1'])('reads pgaudit.log_client = %p as on', (client) => {
  expect(judge(rule, withParameters({ 'pgaudit.log_client': client, 'pgaudit.log_level': 'debug5' }))).toMatchObject({ status: 'fail' });
});

test.each([
  ['log_client on, level log', { 'pgaudit.log_client': 'on', 'pgaudit.log_level': 'LOG' }],
  ['log_client off: pgaudit ignores log_level', { 'pgaudit.log_client': 'off', 'pgaudit.log_level': 'debug5' }],
  ['log_client false', { 'pgaudit.log_client': 'false', 'pgaudit.log_level': 'notice' }],
  ['log_level without log_client', { 'pgaudit.log_level': 'debug5' }],
  ['log_client on, no level (pgaudit uses LOG)', { 'pgaudit.log_client': 'on' }],
])('passes %s', (_, parameters) => {
  expect(judge(rule, withParameters(parameters))).toEqual({ status: 'pass' });
});

test('a pgaudit.log_client known only at apply time with a low level is unknown', () => {
  expect(judge(rule, withParameters({ 'pgaudit.log_client': '${var.client}', 'pgaudit.log_level': 'debug5' }))).toEqual({
    status: 'unknown',
    note: 'server parameter pgaudit.log_client is known only at apply time, and when on, pgaudit writes its audit lines at pgaudit.log_level "debug5", below LOG',
    address: `${CONFIGURATION}.pgaudit_log_client`,
  });
});

test('a pgaudit.log_level known only at apply time is unknown when log_client is on', () => {
  expect(judge(rule, withParameters({ 'pgaudit.log_client': 'on', 'pgaudit.log_level': '${var.level}' }))).toEqual({
    status: 'unknown',
    note: 'server parameter pgaudit.log_level is known only at apply time, and pgaudit.log_client may send audit lines at that level',
    address: `${CONFIGURATION}.pgaudit_log_level`,
  });
});

test('a failing log_min_messages is not hidden by an unknown pgaudit level', () => {
  expect(judge(rule, withParameters({ log_min_messages: 'panic', 'pgaudit.log_client': 'on', 'pgaudit.log_level': '${var.level}' }))).toMatchObject({ status: 'fail' });
});
