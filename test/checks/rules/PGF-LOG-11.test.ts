import { rule } from '../../../lib/checks/rules/PGF-LOG-11';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters, judge, judgeAll } from '../rule-harness';

const CONFIGURATION = 'azurerm_postgresql_flexible_server_configuration';
const withParameters = (parameters: { [name: string]: string }) => ({ [FLEXIBLE]: { db: compliantFlexibleServer() }, [CONFIGURATION]: flexibleParameters(parameters) });
const NONE_WANTED = 'not "none" (PostgreSQL\'s statement log writes passwords of CREATE and ALTER ROLE in clear text; pgaudit logs the statements with passwords redacted).';

test('passes when neither parameter is written (Azure\'s defaults: on and none)', () => {
  expect(judge(rule, withParameters({}))).toEqual({ status: 'pass' });
});

test.each([
  [{ 'pgaudit.log_statement': 'on', log_statement: 'none' }],
  [{ 'pgaudit.log_statement': 'TRUE' }],
  [{ 'pgaudit.log_statement': ' yes ' }],
  [{ log_statement: 'NONE' }],
])('passes %j', (parameters) => {
  expect(judge(rule, withParameters(parameters))).toEqual({ status: 'pass' });
});

test.each(['off', 'false', '0', 'no'])('fails pgaudit.log_statement = %p: audit lines without the statement', (value) => {
  expect(judge(rule, withParameters({ 'pgaudit.log_statement': value }))).toEqual({
    status: 'fail',
    message: `server parameter pgaudit.log_statement is ${JSON.stringify(value)}, not "on" (audit lines with the statement text).`,
    address: `${CONFIGURATION}.pgaudit_log_statement`,
  });
});

test.each(['ddl', 'mod', 'all', 'ALL'])('fails log_statement = %p, which writes passwords of CREATE and ALTER ROLE into the log', (value) => {
  expect(judge(rule, withParameters({ log_statement: value }))).toEqual({
    status: 'fail',
    message: `server parameter log_statement is ${JSON.stringify(value)}, ${NONE_WANTED}`,
    address: `${CONFIGURATION}.log_statement`,
  });
});

test('a log_statement known only at apply time is unknown', () => {
  expect(judge(rule, withParameters({ log_statement: '${var.level}' }))).toEqual({
    status: 'unknown',
    note: 'server parameter log_statement is known only at apply time',
    address: `${CONFIGURATION}.log_statement`,
  });
});

const PASSWORDS = 'writes statements as typed, passwords of CREATE and ALTER ROLE included, into the exported log; pgaudit logs them with passwords redacted';

test.each([
  [{ log_min_duration_statement: '-1', log_min_duration_sample: ' -1 ', log_transaction_sample_rate: '0', log_statement_sample_rate: '1' }],
  [{ debug_print_parse: 'off', debug_print_rewritten: 'FALSE', debug_print_plan: '0' }],
  [{ log_min_error_statement: 'ERROR' }],
  [{ log_min_error_statement: 'panic', 'pgaudit.log_parameter': 'off' }],
  [{ log_transaction_sample_rate: '0.0' }],
  [{ log_lock_waits: 'off', log_temp_files: '-1', log_statement_stats: 'off', log_parser_stats: 'false', log_planner_stats: '0', log_executor_stats: 'no', trace_sort: 'off' }],
  [{ log_min_messages: 'debug1' }],
  [{ log_min_messages: 'WARNING' }],
])('passes the defaults of every parameter that writes statement text: %j', (parameters) => {
  expect(judge(rule, withParameters(parameters))).toEqual({ status: 'pass' });
});

test.each([
  ['log_min_duration_statement', '0', `-1 (any threshold ${PASSWORDS})`],
  ['log_min_duration_statement', '5s', `-1 (any threshold ${PASSWORDS})`],
  ['log_min_duration_sample', '0', `-1 (any threshold ${PASSWORDS})`],
  ['log_transaction_sample_rate', '1', `0 (a sampled transaction ${PASSWORDS})`],
  ['log_transaction_sample_rate', '0.01', `0 (a sampled transaction ${PASSWORDS})`],
  ['log_transaction_sample_rate', '', `0 (a sampled transaction ${PASSWORDS})`],
  ['debug_print_parse', 'on', `"off" (the printed tree holds each statement's constants: it ${PASSWORDS})`],
  ['debug_print_rewritten', 'true', `"off" (the printed tree holds each statement's constants: it ${PASSWORDS})`],
  ['debug_print_plan', 'yes', `"off" (the printed tree holds each statement's constants: it ${PASSWORDS})`],
  ['log_min_error_statement', 'warning', `"error" or a level above it (a lower level also ${PASSWORDS})`],
  ['log_min_error_statement', 'debug5', `"error" or a level above it (a lower level also ${PASSWORDS})`],
  ['pgaudit.log_parameter', 'on', '"off" (bound parameter values, the application\'s secrets, would be written beside each audit line)'],
  // A LOG line raised while a statement runs is followed by its text (adversarial run of stop 68, shown on PostgreSQL 15).
  ['log_lock_waits', 'on', `"off" (a lock wait's LOG line is followed by the waiting statement's text: it ${PASSWORDS}, an ALTER ROLE held by a lock included)`],
  ['log_temp_files', '0', `-1 (a temporary file's LOG line is followed by the statement's text: it ${PASSWORDS})`],
  ...['log_statement_stats', 'log_parser_stats', 'log_planner_stats', 'log_executor_stats', 'trace_sort'].map((name) => [name, 'on', `"off" (each report's LOG line is followed by the statement's text: it ${PASSWORDS})`]),
  ['log_min_messages', 'debug2', `a level above debug5, debug4, debug3, debug2 (they write each statement as it is parsed: it ${PASSWORDS})`],
  ['log_min_messages', 'DEBUG5', `a level above debug5, debug4, debug3, debug2 (they write each statement as it is parsed: it ${PASSWORDS})`],
])('fails %s = %p, which writes statement text into the exported log', (name, value, wanted) => {
  expect(judge(rule, withParameters({ [name]: value }))).toEqual({
    status: 'fail',
    message: `server parameter ${name} is ${JSON.stringify(value)}, not ${wanted}.`,
    address: `${CONFIGURATION}.${name.replace('.', '_')}`,
  });
});

test('fails each parameter that writes statement text, so one cannot hide another', () => {
  expect(judgeAll(rule, withParameters({ log_statement: 'ddl', log_min_duration_statement: '0', debug_print_parse: 'on' })).map((verdict) => ('address' in verdict ? verdict.address : verdict.status))).toEqual([
    `${CONFIGURATION}.log_statement`, `${CONFIGURATION}.log_min_duration_statement`, `${CONFIGURATION}.debug_print_parse`,
  ]);
});

// auto_explain logs each statement it explains: its text, the plan's constants and (log_parameter_max_length,
// -1 by default) its bound parameters. A core setting writes bound parameters of failing statements (A15b-18).
const AUTO_EXPLAIN = 'any threshold (auto_explain, once loaded, logs each slower statement\'s text, the constants of its plan and its bound parameter values, the application\'s secrets, into the exported log)';
test.each(['0', '250', '1s', ' 0 '])('fails auto_explain.log_min_duration = %p: every slower statement\'s text and parameters are logged', (value) => {
  expect(judge(rule, withParameters({ 'auto_explain.log_min_duration': value }))).toEqual({
    status: 'fail',
    message: `server parameter auto_explain.log_min_duration is ${JSON.stringify(value)}, not -1 (${AUTO_EXPLAIN}).`,
    address: `${CONFIGURATION}.auto_explain_log_min_duration`,
  });
});

test.each(['-1', '100', '${var.n}'])('fails log_parameter_max_length_on_error = %p, which writes bound parameters of failing statements', (value) => {
  expect(judge(rule, withParameters({ log_parameter_max_length_on_error: value }))).toMatchObject({
    status: value.startsWith('$') ? 'unknown' : 'fail',
    address: `${CONFIGURATION}.log_parameter_max_length_on_error`,
  });
});

test.each([
  [{ 'auto_explain.log_min_duration': '-1' }],
  [{ 'auto_explain.log_min_duration': '-1', 'auto_explain.log_parameter_max_length': '-1', 'auto_explain.log_analyze': 'on' }],
  [{ log_parameter_max_length_on_error: '0' }],
])('passes %j: auto_explain logs nothing', (parameters) => {
  expect(judge(rule, withParameters(parameters))).toEqual({ status: 'pass' });
});

test('an auto_explain.log_min_duration known only at apply time is unknown', () => {
  expect(judge(rule, withParameters({ 'auto_explain.log_min_duration': '${var.ms}' }))).toMatchObject({ status: 'unknown' });
});

// 86th run, A86b-1: Azure's query store keeps a sample of bound parameter values when pg_qs.parameters_capture_mode asks it to.
test.each(['capture_first_sample', 'CAPTURE_FIRST_SAMPLE'])('fails pg_qs.parameters_capture_mode = %p, which stores bound parameter values', (value) => {
  expect(judge(rule, withParameters({ 'pg_qs.parameters_capture_mode': value }))).toMatchObject({ status: 'fail', address: `${CONFIGURATION}.pg_qs_parameters_capture_mode` });
});

test('passes pg_qs.parameters_capture_mode = capture_parameterless_only, Azure\'s default', () => {
  expect(judge(rule, withParameters({ 'pg_qs.parameters_capture_mode': 'capture_parameterless_only' }))).toEqual({ status: 'pass' });
});
