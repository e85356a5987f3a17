import { parameterSatisfies } from './parameter-checks';
import { POSTGRES_OFF, POSTGRES_ON } from './postgres-booleans';
import { faultsOf, Verdict } from './rule';
import { STATEMENT_TEXT_LEVELS } from './server-log-levels';
import { ServerView } from './stack-model';

/** log_min_error_statement levels that log only statements that fail (error) or worse. */
const ERRORS_OR_WORSE = ['error', 'log', 'fatal', 'panic'];
/** Why every statement-text parameter is judged: the log the diagnostic setting exports would hold role passwords. */
const PASSWORDS = 'writes statements as typed, passwords of CREATE and ALTER ROLE included, into the exported log; pgaudit logs them with passwords redacted';

const normal = (value: string) => value.trim().toLowerCase();
const disabledDuration = (value: string) => normal(value) === '-1';
const zeroRate = (value: string) => normal(value) !== '' && Number(normal(value)) === 0;

/** A setting that must keep a value, what it must be (for messages) and the test of a written value. */
export interface LoggingSetting {
  readonly name: string;
  readonly wanted: string;
  readonly test: (value: string) => boolean;
}

/**
 * The settings that keep statement text and bound values out of the server log, each with the value it must keep: the
 * server's parameters (statementsLoggedByPgaudit) and a role's or database's session defaults (session-settings.ts).
 */
export const STATEMENT_LOGGING: readonly LoggingSetting[] = [
  { name: 'pgaudit.log_statement', wanted: '"on" (audit lines with the statement text)', test: (value) => POSTGRES_ON.includes(normal(value)) },
  { name: 'log_statement', wanted: `"none" (PostgreSQL's statement log writes passwords of CREATE and ALTER ROLE in clear text; pgaudit logs the statements with passwords redacted)`,
    test: (value) => normal(value) === 'none' },
  { name: 'log_min_duration_statement', wanted: `-1 (any threshold ${PASSWORDS})`, test: disabledDuration },
  { name: 'log_min_duration_sample', wanted: `-1 (any threshold ${PASSWORDS})`, test: disabledDuration },
  { name: 'log_transaction_sample_rate', wanted: `0 (a sampled transaction ${PASSWORDS})`, test: zeroRate },
  ...['debug_print_parse', 'debug_print_rewritten', 'debug_print_plan'].map((name) =>
    ({ name, wanted: `"off" (the printed tree holds each statement's constants: it ${PASSWORDS})`, test: (value: string) => POSTGRES_OFF.includes(normal(value)) })),
  { name: 'log_min_error_statement', wanted: `"error" or a level above it (a lower level also ${PASSWORDS})`, test: (value) => ERRORS_OR_WORSE.includes(normal(value)) },
  { name: 'pgaudit.log_parameter', wanted: '"off" (bound parameter values, the application\'s secrets, would be written beside each audit line)', test: (value) => POSTGRES_OFF.includes(normal(value)) },
  // Modules and settings that write statement text or bound values on their own (fifteenth review, A15b-18).
  { name: 'auto_explain.log_min_duration', wanted: `-1 (any threshold (auto_explain, once loaded, logs each slower statement's text, the constants of its plan and its bound parameter values, the application's secrets, into the exported log))`, test: disabledDuration },
  { name: 'log_parameter_max_length_on_error', wanted: '0 (bound parameter values, the application\'s secrets, would be written beside each failing statement)', test: zeroRate },
  // A LOG line raised while a statement runs is followed by the statement's text (log_min_error_statement's default, error, ranks
  // below LOG): a lock wait, a temporary file, a statistics report, a sort trace (adversarial run of stop 68, shown on PostgreSQL 15).
  { name: 'log_lock_waits', wanted: `"off" (a lock wait's LOG line is followed by the waiting statement's text: it ${PASSWORDS}, an ALTER ROLE held by a lock included)`, test: (value) => POSTGRES_OFF.includes(normal(value)) },
  { name: 'log_temp_files', wanted: `-1 (a temporary file's LOG line is followed by the statement's text: it ${PASSWORDS})`, test: disabledDuration },
  ...['log_statement_stats', 'log_parser_stats', 'log_planner_stats', 'log_executor_stats', 'trace_sort'].map((name) =>
    ({ name, wanted: `"off" (each report's LOG line is followed by the statement's text: it ${PASSWORDS})`, test: (value: string) => POSTGRES_OFF.includes(normal(value)) })),
  // Azure's query store keeps a sample of each query's positional parameter values in azure_sys when asked to (86th run, A86b-1).
  { name: 'pg_qs.parameters_capture_mode', wanted: '"capture_parameterless_only" (capture_first_sample stores bound parameter values, the application\'s secrets, in the query store)',
    test: (value) => normal(value) === 'capture_parameterless_only' },
];

/**
 * Statements reach the server log through pgaudit, not PostgreSQL's own statement logging.
 * pgaudit.log_statement, when written, is on (off leaves audit lines without the statement, so a
 * reader sees "ALTER ROLE" but not which role or what changed). Every PostgreSQL parameter that
 * writes statement text stays at its default: log_statement none, log_min_duration_statement and
 * log_min_duration_sample -1 (any threshold logs the text of a statement that waits that long,
 * a CREATE ROLE held by a lock included), log_transaction_sample_rate 0, debug_print_* off,
 * log_min_error_statement error or worse (a lower level also logs statements that only warn); log_lock_waits,
 * log_statement_stats, log_parser_stats, log_planner_stats, log_executor_stats and trace_sort off, log_temp_files -1 (a LOG
 * line raised while a statement runs is followed by its text), log_min_messages above debug2 (each statement as parsed);
 * pgaudit.log_parameter off (it writes bound values, the application's secrets, beside each
 * audit line), log_parameter_max_length_on_error 0 (the same beside each failing statement).
 * auto_explain.log_min_duration -1: auto_explain (loaded by shared or session preload, which a
 * later change may do) logs each statement slower than it with its text and its bound values
 * (log_parameter_max_length is -1, in full, by default). pgaudit writes <REDACTED> after a
 * password. pg_qs.parameters_capture_mode capture_parameterless_only: Azure's query store keeps no
 * sample of bound parameter values (capture_first_sample stores them in azure_sys, which the
 * server's administrators read). All are optional: Azure's defaults are these values.
 */
export function statementsLoggedByPgaudit(server: ServerView): Verdict | readonly Verdict[] {
  return faultsOf(
    ...STATEMENT_LOGGING.map(({ name, wanted, test }) => parameterSatisfies(server, name, wanted, test, true)),
    parameterSatisfies(server, 'log_min_messages', `a level above ${STATEMENT_TEXT_LEVELS.join(', ')} (they write each statement as it is parsed: it ${PASSWORDS})`,
      (value) => !STATEMENT_TEXT_LEVELS.includes(normal(value)), true),
  );
}
