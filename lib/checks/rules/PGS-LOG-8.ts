import { serverLogKeepsLogLines } from '../server-log-levels';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * The server log keeps LOG-level lines, where connections, disconnections, checkpoints and
 * pgaudit's audit lines are written, and ERROR lines, where a refused statement ("permission
 * denied") is written with its text: log_min_messages, when written, is not log, fatal or panic
 * (PostgreSQL ranks LOG between ERROR and FATAL for it), and pgaudit.log_level is "log" whenever
 * pgaudit.log_client may be on (pgaudit uses that level only then, and a lower one is dropped).
 * Parameters that only shape a line (log_error_verbosity, log_min_error_statement) keep it;
 * logging_collector = off, which Microsoft advises with Azure Monitor logs, stops only the
 * downloadable files, and PGS-LOG-7 asks for that destination. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PGS-LOG-8',
  title: 'Server log keeps LOG-level lines and refused statements',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {},
  fix: 'Remove the log_min_messages parameter or set it to "warning" (or "error"), and leave pgaudit.log_client "off" or pgaudit.log_level "log".',
  appliesTo: 'single',
  evaluate: serverLogKeepsLogLines,
};
