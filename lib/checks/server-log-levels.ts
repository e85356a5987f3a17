import { isUnknown } from './hcl-expression';
import { parameterSatisfies } from './parameter-checks';
import { POSTGRES_OFF } from './postgres-booleans';
import { fail, faultsOf, PASS, unknown, Verdict } from './rule';
import { ServerView } from './stack-model';
import { literalString } from './value-readers';

/**
 * The levels of log_min_messages that still write the audit's lines to the server log: LOG lines
 * (connections, checkpoints, pgaudit) and ERROR lines (a statement PostgreSQL refused, such as
 * "permission denied for table", with its text). PostgreSQL ranks LOG between ERROR and FATAL for
 * this parameter (PostgreSQL 15 docs, "When to Log"): fatal and panic drop every one of them, and
 * log drops the refused statements, the trace of an attempt beyond a role's rights (adversarial
 * run of stop 68, shown in test/checks/server-log-on-postgres.test.ts).
 */
export const KEEPS_AUDIT_LINES = ['debug5', 'debug4', 'debug3', 'debug2', 'debug1', 'info', 'notice', 'warning', 'error'];

/**
 * The levels of log_min_messages at which PostgreSQL writes each statement it parses, binds and runs
 * (the extended protocol's "parse p1: ALTER ROLE ... PASSWORD '...'" at DEBUG2), passwords included:
 * shown on PostgreSQL 15 by the adversarial run of stop 68.
 */
export const STATEMENT_TEXT_LEVELS = ['debug5', 'debug4', 'debug3', 'debug2'];


/**
 * The server log keeps LOG-level lines and refused statements: log_min_messages is not above ERROR, and when pgaudit also
 * sends its lines to the client (pgaudit.log_client on) it writes them at pgaudit.log_level,
 * which must then be LOG too (any lower level is dropped by the default log_min_messages of
 * WARNING, or by a raised one). Both parameters are optional: Azure's defaults keep the lines.
 */
export function serverLogKeepsLogLines(server: ServerView): Verdict | readonly Verdict[] {
  return faultsOf(
    parameterSatisfies(server, 'log_min_messages', `a level that keeps LOG and ERROR lines (${KEEPS_AUDIT_LINES.join(', ')})`, (value) => KEEPS_AUDIT_LINES.includes(value.trim().toLowerCase()), true),
    pgauditLevelKeepsLines(server),
  );
}

function pgauditLevelKeepsLines(server: ServerView): Verdict {
  const clients = server.parameters.get('pgaudit.log_client') ?? [];
  const client = clients.find((setting) => isUnknown(setting.config.value) || !POSTGRES_OFF.includes((literalString(setting.config.value) ?? '').trim().toLowerCase()));
  if (client === undefined) return PASS;
  for (const level of server.parameters.get('pgaudit.log_level') ?? []) {
    const raw = level.config.value;
    if (isUnknown(raw)) return unknown('server parameter pgaudit.log_level is known only at apply time, and pgaudit.log_client may send audit lines at that level', level.address);
    if ((literalString(raw) ?? '').trim().toLowerCase() === 'log') continue;
    const clientValue = JSON.stringify(client.config.value ?? null);
    if (isUnknown(client.config.value)) {
      return unknown(`server parameter pgaudit.log_client is known only at apply time, and when on, pgaudit writes its audit lines at pgaudit.log_level ${JSON.stringify(raw ?? null)}, below LOG`, client.address);
    }
    return fail(`server parameter pgaudit.log_level is ${JSON.stringify(raw ?? null)} while pgaudit.log_client is ${clientValue}, so pgaudit writes its audit lines below LOG and the server log drops them; set pgaudit.log_level to "log" or pgaudit.log_client to "off".`, level.address);
  }
  return PASS;
}
