import { statementsLoggedByPgaudit } from '../statement-logging';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Statements are logged by pgaudit, with their text and with passwords redacted: pgaudit.log_statement
 * is not turned off, and PostgreSQL's own log_statement stays "none" (any other value writes
 * CREATE and ALTER ROLE … PASSWORD in clear text into the server log, which PGS-LOG-7 exports to
 * a workspace). No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PGS-LOG-10',
  title: 'Statements are logged by pgaudit, with passwords redacted',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {},
  fix: 'Remove the pgaudit.log_statement and log_statement parameters, or set them to "on" and "none".',
  appliesTo: 'single',
  evaluate: statementsLoggedByPgaudit,
};
