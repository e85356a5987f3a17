import { inDatabaseOf, noDatabaseObjects } from '../database-checks';
import { PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';
import { SESSION_DEFAULT_TYPES, sessionSettingVerdicts } from '../session-settings';

/**
 * No role or database starts its sessions with a weaker logging setting than the server's. A
 * session default (ALTER ROLE ... SET, ALTER DATABASE ... SET) overrides the server parameter for
 * every session of that role or in that database: pgaudit.log = 'none', log_min_messages = 'panic',
 * log_statement = 'all' or debug_print_plan = on for one login undoes what PGF-LOG-9, -10 and -11
 * judge on the server, unseen by them. cyrilgdn/postgresql 1.26 writes none (its role defaults are
 * search_path, statement_timeout, idle_in_transaction_session_timeout and assume_role, which pass);
 * a `parameter` or `parameters` block or map of a later or another provider is read as the
 * defaults it writes, and an argument the 1.26 schema lacks fails closed (session-settings.ts). A
 * logging setting no rule reads (another pgaudit.*, log_*, debug_* or auto_explain.* name) and a
 * value known only at apply time are unknown. An error beside raw resources too. No Checkov or
 * Trivy check.
 */
export const rule: Rule = {
  id: 'PGD-LOG-2',
  title: 'No role or database overrides the server\'s logging settings',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.AUDIT,
  references: {},
  fix: 'Remove the logging setting from the postgresql_role or postgresql_database (ALTER ROLE/DATABASE ... RESET), and set logging on the server with azurerm_postgresql_flexible_server_configuration.',
  appliesTo: 'any',
  evaluate: (server) => {
    const none = noDatabaseObjects(server);
    if (none) return none;
    const verdicts = inDatabaseOf(server, ...SESSION_DEFAULT_TYPES).flatMap(sessionSettingVerdicts);
    return verdicts.length > 0 ? verdicts : PASS;
  },
};
