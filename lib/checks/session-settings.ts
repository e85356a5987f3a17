// Session defaults a role or a database carries (ALTER ROLE ... SET, ALTER DATABASE ... SET): each
// session of that role, or in that database, starts with them instead of the server's parameters.
// A default of a logging setting undoes, for those sessions, what the PGF-LOG rules judge on the
// server: pgaudit.log = 'none' for an application's login leaves its statements unaudited while
// every server parameter is right (twenty-second review, A22a-6).
//
// cyrilgdn/postgresql 1.26 writes four role defaults (search_path, statement_timeout,
// idle_in_transaction_session_timeout and assume_role, the session's SET ROLE) and none on a
// database; none of them is a logging setting. A `parameter` block (the open pull request
// cyrilgdn/terraform-provider-postgresql#305) or a `parameters` block or map (another provider's
// spelling) of name and value is read as the defaults it writes; a value it writes unquoted (`quote = false`) as PostgreSQL
// reads it (unquoted-sql.ts settingValue; thirty-third run, A33b-3). Any other argument the 1.26 schema
// lacks may be one, in a later version or another provider's: it is not read, so it fails closed.
import { blockItems, writtenArguments } from './dynamic-blocks';
import { isUnknown } from './hcl-expression';
import { pgauditLoggedClasses } from './pgaudit-classes';
import { POSTGRES_OFF, POSTGRES_ON } from './postgres-booleans';
import { fail, PASS, unknown, Verdict } from './rule';
import { KEEPS_AUDIT_LINES, STATEMENT_TEXT_LEVELS } from './server-log-levels';
import { ResourceView } from './stack-model';
import { LoggingSetting, STATEMENT_LOGGING } from './statement-logging';
import { isObject } from './terraform-json';
import { SESSION_DEFAULT_BLOCKS, sessionDefaultValues } from './unquoted-sql';
import { literalString } from './value-readers';

// A provider may write a name or value into SQL as given: one pair of quotes around it is read through (twenty-fourth run, A24b-3).
const unquoted = (value: string) => value.trim().replace(/^(['"])([^]*)\1$/, '$2').trim();
const normal = (value: string) => unquoted(value).toLowerCase();
const on = (value: string) => POSTGRES_ON.includes(normal(value));
const off = (value: string) => POSTGRES_OFF.includes(normal(value));
/** The levels of log_min_messages that keep LOG and ERROR lines and write no statement text (PGF-LOG-9 and PGF-LOG-11 together). */
const QUIET_LEVELS = KEEPS_AUDIT_LINES.filter((level) => !STATEMENT_TEXT_LEVELS.includes(level));

/**
 * The settings a session default may weaken, with the value it must keep: statement text and bound
 * values out of the log (as PGF-LOG-11), pgaudit's classes and where its lines go (PGF-LOG-9, -10),
 * the LOG lines kept (PGF-LOG-9), connections and disconnections logged (PGF-LOG-2, -3), and
 * PostgreSQL's own checks kept on (PGF-IAM-8), passwords hashed with SCRAM (twenty-fourth run, A24b-2).
 */
const SESSION_SETTINGS: readonly LoggingSetting[] = [
  { name: 'pgaudit.log', wanted: 'a list that keeps the ddl and role classes on', test: (value) => ['ddl', 'role'].every((c) => (pgauditLoggedClasses(value) ?? []).includes(c)) },
  { name: 'pgaudit.log_client', wanted: '"off" (on, pgaudit writes its lines at pgaudit.log_level, which may drop them from the server log)', test: off },
  { name: 'pgaudit.log_level', wanted: '"log" (a lower level is dropped from the server log)', test: (value) => normal(value) === 'log' },
  { name: 'log_min_messages', wanted: `a level that keeps LOG and ERROR lines and writes no statement text (${QUIET_LEVELS.join(', ')})`, test: (value) => QUIET_LEVELS.includes(normal(value)) },
  { name: 'log_connections', wanted: '"on"', test: on },
  { name: 'log_disconnections', wanted: '"on"', test: on },
  ...STATEMENT_LOGGING,
  { name: 'lo_compat_privileges', wanted: '"off" (on skips the privilege checks on large objects)', test: off },
  { name: 'password_encryption', wanted: '"scram-sha-256" (md5 stores a weaker hash of each password the session sets)', test: (value) => normal(value) === 'scram-sha-256' },
  { name: 'session_replication_role', wanted: '"origin" or "local" (replica stops ordinary triggers, rules and foreign-key checks)', test: (value) => normal(value) !== 'replica' },
];

/** Prefixes of the settings of logging and auditing: a name of these the table above lacks is not read, so it fails closed. */
const LOGGING_PREFIXES = ['pgaudit.', 'log_', 'debug_', 'auto_explain.', 'trace_'];

/** The arguments of postgresql_role and postgresql_database in cyrilgdn/postgresql 1.26, and Terraform's meta-arguments. */
const META = ['count', 'for_each', 'provider', 'lifecycle', 'depends_on', 'provisioner', 'connection', '//'];
const KNOWN_ARGUMENTS: { readonly [type: string]: readonly string[] } = {
  postgresql_role: ['name', 'password', 'password_wo', 'password_wo_version', 'encrypted', 'encrypted_password', 'roles', 'search_path', 'valid_until',
    'connection_limit', 'superuser', 'create_database', 'create_role', 'idle_in_transaction_session_timeout', 'inherit', 'login', 'replication',
    'bypass_row_level_security', 'skip_drop_role', 'skip_reassign_owned', 'statement_timeout', 'assume_role', ...META],
  postgresql_database: ['name', 'owner', 'template', 'encoding', 'lc_collate', 'lc_ctype', 'tablespace_name', 'connection_limit', 'allow_connections',
    'is_template', 'alter_object_ownership', ...META],
};
/** The spellings of a block or map of session defaults, read as name and value. */
const SETTING_BLOCKS = SESSION_DEFAULT_BLOCKS;

/** The resource types that carry session defaults. */
export const SESSION_DEFAULT_TYPES = Object.keys(KNOWN_ARGUMENTS);

// PostgreSQL reads a setting's name as SQL (var_name): identifiers joined by dots, each quoted or not, with
// blanks between; a setting is found whatever its letter case. Anything else in the name (a comment, a U&
// escape, a stray character) is not read here, so it fails closed (twenty-fifth run, A25b-1).
const NAME_PART = /\s*(?:"((?:[^"]|"")*)"|([A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*))\s*/y;

/** The name PostgreSQL finds for a setting name written as `text`, lower case; undefined when it cannot be read. */
function settingName(text: string): string | undefined {
  const name = text.trim().replace(/^'([^]*)'$/, '$1');
  const parts: string[] = [];
  NAME_PART.lastIndex = 0;
  for (;;) {
    const match = NAME_PART.exec(name);
    if (match === null) return undefined;
    parts.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]);
    if (NAME_PART.lastIndex === name.length) return parts.join('.').toLowerCase();
    if (name[NAME_PART.lastIndex] !== '.') return undefined;
    NAME_PART.lastIndex += 1;
  }
}

/**
 * Whether a setting named `name` is one the logging of a session depends on: a setting
 * judgeSessionSetting judges, a logging setting it does not read, or a name it cannot read. A role
 * that may set it itself (GRANT SET ON PARAMETER) may weaken it at will.
 */
export function touchesLogging(name: string): boolean {
  const key = settingName(name);
  return key === undefined || SESSION_SETTINGS.some((setting) => setting.name === key) || LOGGING_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** What a session default written as `name` and `value` does to the logging of the sessions it starts; undefined when it touches none. */
export function judgeSessionSetting(name: string, value: unknown, where: string, address?: string): Verdict | undefined {
  const key = settingName(name);
  if (key === undefined) return unknown(`${where} sets a session default named ${JSON.stringify(name)}, which is not read as a setting name (identifiers joined by dots): it may be a logging setting`, address);
  const setting = SESSION_SETTINGS.find((candidate) => candidate.name === key);
  if (setting === undefined) {
    if (!LOGGING_PREFIXES.some((prefix) => key.startsWith(prefix))) return undefined;
    return unknown(`${where} sets ${name}, a logging setting no rule reads, for the sessions it starts`, address);
  }
  if (isUnknown(value)) return unknown(`${where} sets ${name} for the sessions it starts to a value known only at apply time`, address);
  const text = literalString(value);
  if (text !== undefined && setting.test(unquoted(text))) return PASS;
  return fail(`${where} sets ${name} to ${JSON.stringify(value ?? null)} for the sessions it starts, not ${setting.wanted}: those sessions escape the server's logging settings.`, address);
}

/** One verdict per session default of a role or database resource that weakens logging or cannot be read. */
export function sessionSettingVerdicts(resource: ResourceView): Verdict[] {
  const known = KNOWN_ARGUMENTS[resource.type] ?? [];
  const where = resource.address;
  const verdicts: Verdict[] = [];
  for (const key of writtenArguments(resource.config)) {
    if (known.includes(key) || SETTING_BLOCKS.includes(key)) continue;
    verdicts.push(unknown(`${where} writes ${key}, which cyrilgdn/postgresql 1.26 does not define for a ${resource.type}: a later or another provider may make it a session default (ALTER ... SET) no rule reads`, where));
  }
  for (const block of SETTING_BLOCKS) {
    for (const item of blockItems(resource.config, block)) verdicts.push(...itemVerdicts(item, `${where} (${block})`, where));
  }
  return verdicts.filter((verdict) => verdict.status !== 'pass');
}

/** The verdicts of one item of a settings block: a `name` and `value` pair, or a map of names to values. */
function itemVerdicts(item: unknown, where: string, address: string): Verdict[] {
  if (isUnknown(item) || !isObject(item)) return [unknown(`${where} writes session defaults known only at apply time`, address)];
  if ('name' in item) {
    if (typeof item.name !== 'string') return [unknown(`${where} writes a session default whose name is known only at apply time`, address)];
    // A value the provider may write unquoted (quote = false) is judged as PostgreSQL reads it (unquoted-sql.ts; A33b-3).
    const name = item.name;
    return sessionDefaultValues(item).map((value) => judgeSessionSetting(name, value, where, address) ?? PASS);
  }
  return Object.entries(item).map(([name, value]) => judgeSessionSetting(name, value, where, address) ?? PASS);
}
