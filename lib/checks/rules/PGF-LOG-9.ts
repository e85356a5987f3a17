import { serverLogKeepsLogLines } from '../server-log-levels';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * The server log keeps LOG-level lines, where connections, disconnections, checkpoints and
 * pgaudit's audit lines are written, and ERROR lines, where a refused statement ("permission
 * denied") is written with its text: log_min_messages, when written, is not log, fatal or panic
 * (PostgreSQL ranks LOG between ERROR and FATAL for it), and pgaudit.log_level is "log" whenever
 * pgaudit.log_client may be on (pgaudit uses that level only then, and a lower one is dropped).
 * Parameters that only shape a line (log_error_verbosity, log_min_error_statement) keep it, and
 * so does log_destination = csvlog: Azure keeps logging_collector off, and without it PostgreSQL
 * writes csvlog lines to stderr (test/checks/server-log-on-postgres.test.ts shows each of these on
 * PostgreSQL 15 with pgaudit). No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PGF-LOG-9',
  title: 'Server log keeps LOG-level lines and refused statements',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {},
  fix: 'Remove the log_min_messages parameter or set it to "warning" (or "error"), and leave pgaudit.log_client "off" or pgaudit.log_level "log".',
  appliesTo: 'flexible',
  evaluate: serverLogKeepsLogLines,
};
