import { parameterSatisfies } from './parameter-checks';
import { POSTGRES_OFF, POSTGRES_ON } from './postgres-booleans';
import { Verdict, worstOf } from './rule';
import { ServerView } from './stack-model';

/** log_min_error_statement levels that log only statements that fail (error) or worse. */
const ERRORS_OR_WORSE = ['error', 'log', 'fatal', 'panic'];
/** Why every statement-text parameter is judged: the log the diagnostic setting exports would hold role passwords. */
const PASSWORDS = 'writes statements as typed, passwords of CREATE and ALTER ROLE included, into the exported log; pgaudit logs them with passwords redacted';

const normal = (value: string) => value.trim().toLowerCase();
const disabledDuration = (value: string) => normal(value) === '-1';
const zeroRate = (value: string) => normal(value) !== '' && Number(normal(value)) === 0;

/**
 * Statements reach the server log through pgaudit, not PostgreSQL's own statement logging.
 * pgaudit.log_statement, when written, is on (off leaves audit lines without the statement, so a
 * reader sees "ALTER ROLE" but not which role or what changed). Every PostgreSQL parameter that
 * writes statement text stays at its default: log_statement none, log_min_duration_statement and
 * log_min_duration_sample -1 (any threshold logs the text of a statement that waits that long,
 * a CREATE ROLE held by a lock included), log_transaction_sample_rate 0, debug_print_* off,
 * log_min_error_statement error or worse (a lower level also logs statements that only warn);
 * pgaudit.log_parameter off (it writes bound values, the application's secrets, beside each
 * audit line), log_parameter_max_length_on_error 0 (the same beside each failing statement).
 * auto_explain.log_min_duration -1: auto_explain (loaded by shared or session preload, which a
 * later change may do) logs each statement slower than it with its text and its bound values
 * (log_parameter_max_length is -1, in full, by default). pgaudit writes <REDACTED> after a
 * password. All are optional: Azure's defaults are these values.
 */
export function statementsLoggedByPgaudit(server: ServerView): Verdict | readonly Verdict[] {
  const verdicts = [
    parameterSatisfies(server, 'pgaudit.log_statement', '"on" (audit lines with the statement text)', (value) => POSTGRES_ON.includes(normal(value)), true),
    parameterSatisfies(server, 'log_statement', `"none" (PostgreSQL's statement log writes passwords of CREATE and ALTER ROLE in clear text; pgaudit logs the statements with passwords redacted)`,
      (value) => normal(value) === 'none', true),
    parameterSatisfies(server, 'log_min_duration_statement', `-1 (any threshold ${PASSWORDS})`, disabledDuration, true),
    parameterSatisfies(server, 'log_min_duration_sample', `-1 (any threshold ${PASSWORDS})`, disabledDuration, true),
    parameterSatisfies(server, 'log_transaction_sample_rate', `0 (a sampled transaction ${PASSWORDS})`, zeroRate, true),
    ...['debug_print_parse', 'debug_print_rewritten', 'debug_print_plan'].map((name) =>
      parameterSatisfies(server, name, `"off" (the printed tree holds each statement's constants: it ${PASSWORDS})`, (value) => POSTGRES_OFF.includes(normal(value)), true)),
    parameterSatisfies(server, 'log_min_error_statement', `"error" or a level above it (a lower level also ${PASSWORDS})`, (value) => ERRORS_OR_WORSE.includes(normal(value)), true),
    parameterSatisfies(server, 'pgaudit.log_parameter', '"off" (bound parameter values, the application\'s secrets, would be written beside each audit line)', (value) => POSTGRES_OFF.includes(normal(value)), true),
    // Modules and settings that write statement text or bound values on their own (fifteenth review, A15b-18).
    parameterSatisfies(server, 'auto_explain.log_min_duration', `-1 (any threshold (auto_explain, once loaded, logs each slower statement's text, the constants of its plan and its bound parameter values, the application's secrets, into the exported log))`, disabledDuration, true),
    parameterSatisfies(server, 'log_parameter_max_length_on_error', '0 (bound parameter values, the application\'s secrets, would be written beside each failing statement)', zeroRate, true),
  ];
  const failures = verdicts.filter((verdict) => verdict.status === 'fail');
  return failures.length > 0 ? failures : worstOf(...verdicts);
}
