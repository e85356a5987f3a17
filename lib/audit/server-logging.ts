// The server parameters whose live value weakens the server's logging even where the stack declares none (adversarial run
// adv74a, D74-3): each with the values that weaken it and why. The audit reads them from pg_settings, where pg_settings spells an
// enum or a boolean in lower case. Shown on PostgreSQL 15 with pgaudit: pgaudit.log_level alone changes nothing (pgaudit writes to
// the server log only at LOG unless pgaudit.log_client is on), pgaudit.log_client alone only sends the lines to the client as
// well, and log_destination csvlog without the logging collector falls back to stderr.

/** A server parameter that weakens logging at some values. */
export interface LoggingWeakness {
  readonly name: string;
  /** Whether the value weakens logging; `others` holds the server's other parameters of this list, by name, in lower case. */
  readonly weakened: (value: string, others: ReadonlyMap<string, string>) => boolean;
  /** Why, as the end of a sentence. */
  readonly why: string;
}

/** The server log's ranking of message levels (log_min_messages): a line ranked below the parameter is dropped. */
const SERVER_LOG_RANKS = ['debug5', 'debug4', 'debug3', 'debug2', 'debug1', 'info', 'notice', 'warning', 'error', 'log', 'fatal', 'panic'];

/** Destinations that write the server's log files (csvlog and jsonlog fall back to stderr without the logging collector). */
const FILE_DESTINATIONS = ['stderr', 'csvlog', 'jsonlog'];

export const SERVER_LOGGING: readonly LoggingWeakness[] = [
  // At log the server drops ERROR lines ("permission denied"), as PGF-LOG-9 fails at synth (adversarial run adv75d, P75-13).
  {
    name: 'log_min_messages',
    weakened: (value) => ['log', 'fatal', 'panic'].includes(value),
    why: 'the server log drops ERROR lines (a "permission denied" among them), and at fatal or panic every LOG line too, pgaudit\'s included',
  },
  { name: 'pgaudit.log_statement', weakened: (value) => value === 'off', why: 'pgaudit\'s lines hold no statement text, so the log says "ALTER ROLE" but not which role or what changed' },
  {
    name: 'pgaudit.log_level',
    weakened: (value, others) => others.get('pgaudit.log_client') === 'on'
      && SERVER_LOG_RANKS.indexOf(value) < SERVER_LOG_RANKS.indexOf(others.get('log_min_messages') ?? 'warning'),
    why: 'pgaudit.log_client is on, so pgaudit writes its lines at this level instead of LOG, below the server\'s log_min_messages: the server log drops them',
  },
  { name: 'log_destination', weakened: (value) => !value.split(',').some((item) => FILE_DESTINATIONS.includes(item.trim())), why: 'the server writes no log file (stderr, csvlog or jsonlog), so its log, pgaudit\'s lines included, is not where Azure exports it from' },
];

/** Why a server parameter's live value (lower case) weakens logging, or undefined. */
export function loggingWeakness(name: string, value: string, others: ReadonlyMap<string, string>): string | undefined {
  const weakness = SERVER_LOGGING.find((candidate) => candidate.name === name);
  return weakness !== undefined && weakness.weakened(value, others) ? weakness.why : undefined;
}
