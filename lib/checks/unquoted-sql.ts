// Arguments the postgresql provider writes into SQL as they are written. cyrilgdn/postgresql 1.26 quotes
// nearly every argument the rules read (pq.QuoteIdentifier, pq.QuoteLiteral) or checks it against a list
// first (postgresql_grant's and postgresql_default_privileges' object_type and privileges: validation.StringInSlice
// and validatePrivileges, exact spellings only). Three it writes as given (thirty-second run, A32a-2):
// - postgresql_security_label `object_type`, unvalidated: `SECURITY LABEL FOR "<provider>" ON <object_type>"<name>" IS
//   '<label>'` (resource_postgresql_security_label.go, resourcePostgreSQLSecurityLabelUpdateImpl). PostgreSQL reads
//   " role", "ROLE\n" or "role/**/" as ROLE;
// - postgresql_grant `objects`, from the first "(" of each one (a routine's argument types) on: `"<schema>"."<name>"(<rest>`
//   (helpers.go, quoteIdentifyIdent through setToPgIdentList, in createGrantQuery and createRevokeQuery);
// - postgresql_database `name`, between single quotes without doubling them, in the statement that ends the database's
//   sessions before it is dropped (resource_postgresql_database.go, terminateBConnections).
// The `parameter` block of an open pull request writes a fourth, a session default's value with quote = false (below).
// Its data sources (provider.go DataSourcesMap: postgresql_schemas, postgresql_sequences, postgresql_tables; no
// ephemeral resource) write their filters between single quotes they never double (thirty-third run, A33a-3):
// data_source_helpers.go, generatePatternArrayString (`like_any_patterns`, `like_all_patterns`, `not_like_all_patterns`,
// and through applyTypeMatchingToQuery `schemas` and `table_types`) and applyPatternMatchingToQuery (`regex_pattern`,
// fmt.Sprintf("'%s'")), then run the query with txn.Query at every plan, signed in as their provider.
// lib/pq sends a statement without parameters as a simple query, which may hold several statements: such a text
// can run any SQL (a COMMIT in it escapes the data source's rolled-back read transaction). Each is read here as
// PostgreSQL's lexer reads it, or not at all (the checks then fail closed).
import { ownValue } from '../private/own-keys';
import { blockItems } from './dynamic-blocks';
import { isUnknown } from './hcl-expression';
import { asIdentifier } from './postgres-sent-text';
import { unknown, Verdict } from './rule';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';
import { literalBoolean, literalString } from './value-readers';

/** PostgreSQL's white space ([ \t\n\r\f\v], scan.l). */
const SPACE = /[ \t\n\r\f\v]/;
/** A keyword or unquoted identifier (scan.l's identifier: a letter, "_" or a high-bit character, then also digits and "$"). */
const WORD = /[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/y;

/**
 * The words of a text that holds only keywords, white space and comments ("--" to the end of a line, nested
 * "/* *\/"), in lower case (PostgreSQL folds only A-Z) and joined by one space; undefined for any other text: a
 * quote, a sign, a comment left open, or no word at all.
 */
export function sqlWords(text: string): string | undefined {
  const words: string[] = [];
  let at = skipBlanks(text, 0);
  while (at !== undefined && at < text.length) {
    WORD.lastIndex = at;
    const word = WORD.exec(text);
    if (word === null) return undefined;
    words.push(word[0].replace(/[A-Z]/g, (letter) => letter.toLowerCase()));
    at = skipBlanks(text, WORD.lastIndex);
  }
  return at !== undefined && words.length > 0 ? words.join(' ') : undefined;
}

/** Where the white space and comments from `start` on end; undefined when a comment stays open (a line comment swallows what the provider writes after it). */
function skipBlanks(text: string, start: number): number | undefined {
  let at = start;
  while (at < text.length) {
    if (SPACE.test(text[at])) at += 1;
    else if (text.startsWith('--', at)) {
      const end = text.slice(at).search(/[\n\r]/);
      if (end < 0) return undefined;
      at += end + 1;
    } else if (text.startsWith('/*', at)) {
      const end = commentEnd(text, at);
      if (end === undefined) return undefined;
      at = end;
    } else return at;
  }
  return at;
}

/** Where a block comment that opens at `start` ends (comments nest), or undefined when it stays open. */
function commentEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let at = start;
  while (at < text.length) {
    if (text.startsWith('/*', at)) {
      depth += 1;
      at += 2;
    } else if (text.startsWith('*/', at)) {
      depth -= 1;
      at += 2;
      if (depth === 0) return at;
    } else at += 1;
  }
  return undefined;
}

/** The object types SECURITY LABEL takes (PostgreSQL's grammar), as sqlWords reads them. */
const LABELLED_TYPES = ['table', 'column', 'aggregate', 'database', 'domain', 'event trigger', 'foreign table', 'function', 'large object',
  'materialized view', 'language', 'procedural language', 'procedure', 'publication', 'role', 'routine', 'schema', 'sequence',
  'subscription', 'tablespace', 'type', 'view'];

/** The object type a security label's object_type names, as PostgreSQL reads it ("role", "materialized view"); undefined when it names none. */
export function labelledType(text: string): string | undefined {
  const words = sqlWords(text);
  return words !== undefined && LABELLED_TYPES.includes(words) ? words : undefined;
}

/** The tail quoteIdentifyIdent writes unquoted: one list of argument types (names, quoted names, dots, brackets, digits, commas). */
const ARGUMENT_TYPES = /^\((?:"(?:[^"]|"")*"|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*|\d+|[.,[\] \t\n\r\f\v])*\)[ \t\n\r\f\v]*$/;
/** Grant object types whose objects are not read here: the provider quotes them whole, or any "(" in them is a syntax error. */
const NO_ROUTINE = ['database', 'schema', 'foreign_data_wrapper', 'foreign_server', 'table', 'sequence', 'column'];

/** Whether the provider writes an object of a grant as one quoted name, with at most one plain list of argument types after it. */
function readableObject(object: string): boolean {
  const open = object.indexOf('(');
  return open < 0 || ARGUMENT_TYPES.test(object.slice(open));
}

/**
 * Why the checks cannot tell what SQL an in-database resource runs: an argument the provider writes unquoted that is
 * not read as PostgreSQL reads it, or that is known only at apply time where it may hold SQL (a security label's
 * object_type, a routine grant's objects, a role's or database's session default with quote = false); undefined when there is none. A database's name known only at apply time
 * is not judged: the provider writes it unescaped only when it drops the database.
 */
export function unreadSql(resource: ResourceView): Verdict | undefined {
  const { address, config } = resource;
  const cannot = (what: string) => unknown(`${address} ${what}: the checks cannot tell what SQL it runs`, address);
  const setting = SESSION_DEFAULT_OWNERS.includes(resource.type) ? unreadSettingValue(resource, cannot) : undefined;
  if (setting !== undefined) return setting;
  if (resource.type === 'postgresql_security_label') {
    const type = config.object_type;
    if (isUnknown(type)) return cannot('has an object_type known only at apply time, which cyrilgdn/postgresql writes unquoted into its SECURITY LABEL statement');
    if (typeof type !== 'string' || labelledType(type) !== undefined) return undefined;
    return cannot(`has object_type ${JSON.stringify(type)}, which cyrilgdn/postgresql writes unquoted into its SECURITY LABEL statement and which PostgreSQL does not read as one object type`);
  }
  if (resource.type === 'postgresql_database') {
    const name = config.name;
    if (typeof name !== 'string' || !/['\\]/.test(name)) return undefined;
    return cannot(`names its database ${JSON.stringify(name)}, with a quote or backslash, which cyrilgdn/postgresql writes unescaped into a text in the SQL it runs when it drops the database`);
  }
  if (resource.type !== 'postgresql_grant') return undefined;
  const kind = literalString(config.object_type);
  if (kind !== undefined && NO_ROUTINE.includes(kind)) return undefined;
  const objects = config.objects;
  if (isUnknown(objects)) return cannot('grants on objects known only at apply time, whose argument types cyrilgdn/postgresql writes unquoted');
  if (!Array.isArray(objects)) return undefined;
  for (const object of objects) {
    if (typeof object === 'string' ? !readableObject(object) : isUnknown(object)) {
      const shown = typeof object === 'string' ? JSON.stringify(object) : 'one known only at apply time';
      return cannot(`grants on the object ${shown}, whose text from its first "(" on cyrilgdn/postgresql writes unquoted, and which is not one list of argument types`);
    }
  }
  return undefined;
}

// A session default's value (thirty-third run, A33b-3). The open pull request cyrilgdn/terraform-provider-postgresql#305
// (commit 10314de, "Support role configuration parameters", and a5d832b for databases; in no release up to 1.26.0) adds a
// `parameter` block of name, value and quote (default true) and writes `ALTER ROLE|DATABASE <name> SET <name> TO <value>`,
// with pq.QuoteLiteral around the value only when quote is true (setConfigurationParameters,
// setDatabaseConfigurationParameters). With quote = false the value is SQL: "64MB; GRANT azure_pg_admin TO reporting"
// runs the GRANT, and E'replica' or $$replica$$ is the text replica.

/** The blocks of name and value that hold a role's or database's session defaults (session-settings.ts reads them). */
export const SESSION_DEFAULT_BLOCKS: readonly string[] = ['parameter', 'parameters'];
/** The resource types whose session-default blocks may write a value unquoted. */
const SESSION_DEFAULT_OWNERS = ['postgresql_role', 'postgresql_database'];

/** Whether an item of a session-default block may have its value written as SQL: its `quote` is false or not known (it defaults to true). */
function mayBeUnquoted(item: { [key: string]: unknown }): boolean {
  return 'quote' in item && literalBoolean(item.quote) !== true;
}

/**
 * The values PostgreSQL may store for an item of a session-default block: its value as given when quoted, as
 * settingValue reads it when written as SQL (as given when it cannot be read: PGD-CFG-1 fails on it), both when
 * its `quote` is known only at apply time.
 */
export function sessionDefaultValues(item: { [key: string]: unknown }): unknown[] {
  if (!mayBeUnquoted(item)) return [item.value];
  const text = literalString(item.value);
  const read = text === undefined ? item.value : settingValue(text) ?? item.value;
  return literalBoolean(item.quote) === false || read === item.value ? [read] : [item.value, read];
}

/** Why a role's or database's session default written as SQL cannot be read: known only at apply time, or not read as PostgreSQL reads it. */
function unreadSettingValue(resource: ResourceView, cannot: (what: string) => Verdict): Verdict | undefined {
  for (const block of SESSION_DEFAULT_BLOCKS) {
    for (const item of blockItems(resource.config, block)) {
      if (!isObject(item) || !('name' in item) || !mayBeUnquoted(item)) continue;
      const how = literalBoolean(item.quote) === false ? 'with quote = false' : 'with a quote known only at apply time';
      if (isUnknown(item.value)) return cannot(`sets a session default (${block}) ${how} to a value known only at apply time, which the provider writes unquoted into ALTER ... SET`);
      const text = literalString(item.value);
      if (text === undefined || settingValue(text) === undefined) {
        return cannot(`sets a session default (${block}) ${how} to ${JSON.stringify(item.value ?? null)}, which the provider writes unquoted into ALTER ... SET and which PostgreSQL does not read as one list of values`);
      }
    }
  }
  return undefined;
}

/** A word or a quoted name PostgreSQL may read in a list of values; a number (scan.l's integer, decimal, real). */
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
/** A dollar quote's opening tag: $$ or $tag$ (scan.l's dolqdelim). */
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/y;
/** The letters after a backslash in an E'' string that stand for one control character. */
const ESCAPES: { readonly [letter: string]: string } = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * The value `SET <name> TO <text>` stores, as PostgreSQL's grammar reads the text (var_list: values joined by commas,
 * each a word, a quoted name, a number or a string: '...', E'...' with its backslash escapes, $tag$...$tag$), with white
 * space and comments around them; the values joined by ", " (words in lower case). Undefined for any other text: a
 * `;`, a second statement, a U&'' or bit string, a number with letters after it, a comment left open.
 */
export function settingValue(text: string): string | undefined {
  const values: string[] = [];
  let at = skipBlanks(text, 0);
  while (at !== undefined && at < text.length) {
    const value = valueAt(text, at);
    if (value === undefined) return undefined;
    values.push(value.text);
    at = skipBlanks(text, value.end);
    if (at === undefined || at === text.length) break;
    if (text[at] !== ',') return undefined;
    at = skipBlanks(text, at + 1);
    if (at === text.length) return undefined;
  }
  return at === undefined || values.length === 0 ? undefined : values.join(', ');
}

/** The value that starts at `at` and where it ends; undefined when none PostgreSQL reads in a list of values starts there. */
function valueAt(text: string, at: number): { text: string; end: number } | undefined {
  const rest = text.slice(at);
  if (/^[Ee]'/.test(rest)) return quoted(text, at + 2, true);
  if (rest.startsWith("'")) return quoted(text, at + 1, false);
  if (rest.startsWith('"')) {
    const end = /^"((?:[^"]|"")+)"/.exec(rest);
    return end === null ? undefined : { text: asIdentifier(end[1].replace(/""/g, '"')), end: at + end[0].length };
  }
  DOLLAR_TAG.lastIndex = at;
  const tag = DOLLAR_TAG.exec(text);
  if (tag !== null) {
    const close = text.indexOf(tag[0], DOLLAR_TAG.lastIndex);
    return close < 0 ? undefined : { text: text.slice(DOLLAR_TAG.lastIndex, close), end: close + tag[0].length };
  }
  for (const pattern of [NUMBER, WORD]) {
    pattern.lastIndex = at;
    const token = pattern.exec(text);
    // A letter, digit, quote or "$" right after it makes another token (U&'', x'', 64MB) that no list of values holds.
    if (token !== null && !/^[\w$'"&\u0080-\uffff]/.test(text.slice(pattern.lastIndex))) {
      return { text: pattern === WORD ? asIdentifier(token[0].replace(/[A-Z]/g, (letter) => letter.toLowerCase())) : token[0], end: pattern.lastIndex };
    }
  }
  return undefined;
}

/** A '' string whose content starts at `start` (E'' with its backslash escapes when `escapes`); undefined when it stays open or holds an escape not read here. */
function quoted(text: string, start: number, escapes: boolean): { text: string; end: number } | undefined {
  let value = '';
  let at = start;
  while (at < text.length) {
    const char = text[at];
    if (char === "'") {
      if (text[at + 1] !== "'") return { text: value, end: at + 1 };
      value += "'";
      at += 2;
    } else if (char === '\\' && escapes) {
      const escape = /^\\(?:([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([^]))/.exec(text.slice(at));
      if (escape === null) return undefined;
      const [whole, octal, hex, short, long, other] = escape;
      const code = octal !== undefined ? parseInt(octal, 8) : hex !== undefined ? parseInt(hex, 16) : parseInt(short ?? long ?? '', 16);
      // A NUL or a code PostgreSQL refuses makes the statement fail: nothing is stored, and nothing is read here.
      // An octal or hex escape is one byte, not a character: one past ASCII is read as UTF-8 with the bytes around it, not here.
      const byte = octal !== undefined || hex !== undefined;
      if (other === undefined && (Number.isNaN(code) || code === 0 || (byte && code > 0x7f) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))) return undefined;
      value += other === undefined ? String.fromCodePoint(code) : ESCAPES[other] ?? other;
      at += whole.length;
    } else {
      value += char;
      at += 1;
    }
  }
  return undefined;
}

/** The filters of the pattern-matching data sources, written as `'<text>'` (data_source_helpers.go, applyPatternMatchingToQuery). */
const PATTERNS = ['like_any_patterns', 'like_all_patterns', 'not_like_all_patterns', 'regex_pattern'];

/**
 * The postgresql data sources of cyrilgdn/postgresql 1.26 (provider.go, DataSourcesMap), each with the arguments it writes
 * into its query between single quotes it does not double (data_source_helpers.go; `schemas` and `table_types` through
 * applyTypeMatchingToQuery). Their other arguments are `database` (the database it connects to) and `include_system_schemas` (a bool).
 */
const DATA_SOURCE_TEXTS: { readonly [type: string]: readonly string[] } = {
  postgresql_schemas: PATTERNS,
  postgresql_sequences: ['schemas', ...PATTERNS],
  postgresql_tables: ['schemas', 'table_types', ...PATTERNS],
};

/** The postgresql data source types the checks read. */
export const READ_DATA_SOURCES = Object.keys(DATA_SOURCE_TEXTS);

/**
 * Whether a text written between single quotes as it is stays one string constant, whatever standard_conforming_strings
 * is: it holds no quote and does not end in an odd run of backslashes (with the setting off, which a role's or database's
 * settings may choose, a backslash escapes the next character, the closing quote too). `\d` or `orders\_%` stay one constant.
 */
export function oneStringConstant(text: string): boolean {
  return !text.includes("'") && /(?:^|[^\\])(?:\\\\)*$/.test(text);
}

/**
 * Why the checks cannot tell what SQL a postgresql data source runs at every plan: it is of a type they do not know, or an
 * argument it writes between quotes it does not double holds a quote, ends in a backslash that may escape the closing
 * quote, or is known only at apply time; undefined when there is none. `schemaName` reads an item of `schemas` as the name it
 * stands for (a reference to a postgresql_schema of the server: its literal name).
 */
export function unreadQuery(read: ResourceView, schemaName: (item: unknown) => unknown = (item) => item): Verdict | undefined {
  const { address, config } = read;
  const cannot = (what: string) => unknown(`${address} ${what}: the checks cannot tell what SQL it runs at every plan`, address);
  const texts = ownValue(DATA_SOURCE_TEXTS, read.type);
  if (texts === undefined) return cannot(`is a data source of a type the checks do not read (cyrilgdn/postgresql 1.26 has ${READ_DATA_SOURCES.join(', ')})`);
  for (const argument of texts) {
    const value = config[argument];
    const written = Array.isArray(value) ? value : [value];
    const items = argument === 'schemas' ? written.map(schemaName) : written;
    for (const item of items) {
      if (isUnknown(item)) return cannot(`has ${argument} known only at apply time, which cyrilgdn/postgresql writes between single quotes it does not double`);
      if (typeof item === 'string' && !oneStringConstant(item)) {
        return cannot(`has ${argument} ${JSON.stringify(item)}, with a quote or a closing backslash, which cyrilgdn/postgresql writes between single quotes it does not double`);
      }
    }
  }
  return undefined;
}
