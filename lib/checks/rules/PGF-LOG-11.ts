import { statementsLoggedByPgaudit } from '../statement-logging';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Statements are logged by pgaudit, with their text and with passwords redacted: pgaudit.log_statement
 * is not turned off, and no PostgreSQL parameter that writes statement text (log_statement,
 * log_min_duration_statement, log_min_duration_sample, log_transaction_sample_rate, debug_print_*,
 * a log_min_error_statement below error; log_lock_waits, log_temp_files, log_*_stats and trace_sort, whose LOG lines
 * carry the statement; a log_min_messages of debug2 to debug5), pgaudit.log_parameter, log_parameter_max_length_on_error, pg_qs.parameters_capture_mode
 * nor auto_explain.log_min_duration leaves its default: each writes
 * CREATE and ALTER ROLE … PASSWORD in clear text (or bound values) into the server log, which
 * PGF-LOG-8 exports to a workspace. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PGF-LOG-11',
  title: 'Statements are logged by pgaudit, with passwords redacted',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {},
  fix: 'Remove the parameters that write statement text (log_statement, log_min_duration_statement, log_min_duration_sample, log_transaction_sample_rate, debug_print_*, log_min_error_statement, log_lock_waits, log_temp_files, log_*_stats, trace_sort, a log_min_messages of debug2 to debug5, pgaudit.log_parameter, log_parameter_max_length_on_error, auto_explain.log_min_duration, pg_qs.parameters_capture_mode) and pgaudit.log_statement, or set them to their defaults.',
  appliesTo: 'flexible',
  evaluate: statementsLoggedByPgaudit,
};
