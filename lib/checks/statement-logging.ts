import { parameterSatisfies } from './parameter-checks';
import { Verdict, worstOf } from './rule';
import { ServerView } from './stack-model';

/** PostgreSQL's spellings of a boolean on (unique prefixes included). */
const ON = ['on', 'true', 'tru', 'tr', 't', 'yes', 'ye', 'y', '1'];

/**
 * Statements reach the server log through pgaudit, not PostgreSQL's own statement log:
 * pgaudit.log_statement, when written, is on (off leaves audit lines without the statement, so a
 * reader sees "ALTER ROLE" but not which role or what changed), and log_statement, when written,
 * is none. PostgreSQL's log_statement writes statements as typed, "CREATE ROLE … PASSWORD '…'"
 * included ("ddl" is enough), into the log the diagnostic setting exports; pgaudit writes
 * <REDACTED> after a password. Both are optional: Azure's defaults are on and none.
 */
export function statementsLoggedByPgaudit(server: ServerView): Verdict {
  return worstOf(
    parameterSatisfies(server, 'pgaudit.log_statement', '"on" (audit lines with the statement text)', (value) => ON.includes(value.trim().toLowerCase()), true),
    parameterSatisfies(server, 'log_statement', '"none" (PostgreSQL\'s statement log writes passwords of CREATE and ALTER ROLE in clear text; pgaudit logs the statements with passwords redacted)',
      (value) => value.trim().toLowerCase() === 'none', true),
  );
}
