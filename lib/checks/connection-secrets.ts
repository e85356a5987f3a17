// Where a libpq connection string (keyword=value pairs, or a postgresql:// URI) writes a secret:
// a subscription's conninfo carries the password its server signs in to the publisher with.
// The text is read as libpq parses it (fe-connect.c: conninfo_parse, conninfo_uri_parse_options,
// conninfo_uri_parse_params, conninfo_uri_decode), over the evaluator's parts of a template: a part
// known only later is one piece of the text that holds no text of the configuration (39th run, A39b-1..3),
// but may spell libpq's delimiters, so literal text glued to it may be a secret's value (42nd run, A42b-1:
// pairSettings, uriSettings, querySettings and settingsOf say where that is read).
import { EchoScope, echoOf } from './echoed-arguments';
import { ReadingMemo } from './reading-memo';
import { directiveTemplateRead, isJoinedTemplate, isUnknown, numberText, Unknown } from './hcl-expression';
import { publicReading } from './public-references';
import { splitTemplate } from './value-readers';

/**
 * libpq keywords whose value is a secret, in every version the library offers (PostgresVersion 15 to 18): those whose
 * `dispchar` is `*` in fe-connect.c's PQconninfoOptions (`password`, `sslpassword`, and from 18 `oauth_client_secret`, the
 * client's password at the OAuth authorization server), and the key material of 18's SCRAM pass-through (`scram_client_key`,
 * `scram_server_key`, dispchar `D`: a client key signs in as the user without the password). `oauth_issuer`, `oauth_client_id`
 * and `oauth_scope` are a URL, an identifier and a list of scopes, not secrets. Read for a conninfo and for the `options` of a
 * user mapping or foreign server alike (postgres_fdw 18 refuses the `oauth_*` and `D` options, but a literal one is still in the state).
 */
export const SECRET_KEYWORDS = ['password', 'sslpassword', 'oauth_client_secret', 'scram_client_key', 'scram_server_key'];

/** Text that may name a secret keyword (any case), made from SECRET_KEYWORDS so that a keyword added there reaches every reader. */
export const SECRET_KEYWORD_TEXT = new RegExp(SECRET_KEYWORDS.join('|'), 'i');

/** Stands for an interpolation in a template: a value that comes from a reference, not from the text. */
const REFERENCE = '\u0000';

/** Stands for an interpolation in a template not read that writes a number: a piece of literal text not read. */
const UNREAD_MARK = '\u0001';

/**
 * One character of the text; REFERENCE_PIECE for a part known only later made of references only (no text of the
 * configuration); UNREAD_PIECE for one that reads literal text the checks cannot place in it (`lookup(var.m, "pub")`);
 * PUBLIC_PIECE for one plain reference to text anyone can tell (85th run, A85c-2).
 */
type Piece = string | boolean | null;
const REFERENCE_PIECE = null;
const UNREAD_PIECE = false;
/** A part that reads text anyone can tell (public-references.ts: `terraform.workspace`, an ID): placed as a reference, no secret. */
const PUBLIC_PIECE = true;

/** More readings of a template (a conditional's branches, combined) are not tried: it fails closed. */
const MAX_READINGS = 256;

/** A part the checks cannot place in the text: an expression holding literal text that may spell a delimiter or a keyword. */
class Unplaced extends Error {}

/** Literal text that may make a setting of its own (a blank, `=`, a URI delimiter, a quote, a backslash) or name a secret keyword. */
const STRUCTURAL = new RegExp(`[\\s='"@&?:/,\\\\#[\\]]|${SECRET_KEYWORD_TEXT.source}`, 'i');

/**
 * Terraform functions (https://developer.hashicorp.com/terraform/language/functions) whose result holds no text but their arguments'
 * (picked, joined, cut, reordered, trimmed, its case changed: `lookup(var.m, "pub")`, `coalesce`, `lower`, `substr`; `format` with
 * `%s` and `%d` only: TEXT_MAKING_VERB) or
 * text no setting is spelled with (numbers, booleans, hexadecimal digits: `length`, `sha1`, `uuidv5`), so a literal read through them is
 * somewhere in the result or not at all. Any other function (a decoder: `base64decode`, `textdecodebase64`, `base64gunzip`, `urldecode`,
 * `jsondecode`; a reader: `file`, `templatefile`, `templatestring`; an encoder; a provider's own function) may make any text of its
 * literal arguments, `password=s3cret` of `"cGFzc3dvcmQ9czNjcmV0"` (41st run, A41b-1): an expression that calls one and reads literal
 * text or a number, at any depth, cannot be placed. A list of the functions that keep text rather than of those that make it, so a
 * function Terraform adds later fails closed.
 */
const TEXT_KEEPING = new Set([
  // Collections and type conversions: an item, a key, a value or a list of them as they are.
  'alltrue', 'anytrue', 'can', 'chunklist', 'coalesce', 'coalescelist', 'compact', 'concat', 'contains', 'distinct', 'element',
  'flatten', 'index', 'issensitive', 'keys', 'length', 'lookup', 'matchkeys', 'merge', 'nonsensitive', 'one', 'range', 'reverse',
  'sensitive', 'setintersection', 'setproduct', 'setsubtract', 'setunion', 'slice', 'sort', 'sum', 'tobool', 'tolist', 'tomap',
  'tonumber', 'toset', 'tostring', 'transpose', 'try', 'values', 'zipmap',
  // Numbers.
  'abs', 'ceil', 'floor', 'log', 'max', 'min', 'parseint', 'pow', 'signum',
  // Strings: cut, joined, reordered, trimmed, case changed, tested; `urlencode` adds `%` and hexadecimal digits only.
  'chomp', 'endswith', 'format', 'formatlist', 'join', 'lower', 'regex', 'regexall', 'replace', 'split', 'startswith', 'strcontains',
  'strrev', 'substr', 'title', 'trim', 'trimprefix', 'trimspace', 'trimsuffix', 'upper', 'urlencode',
  // Paths: the path written, made absolute or cut (the working or home directory they add is no text of the configuration).
  'abspath', 'basename', 'dirname', 'pathexpand',
  // Hashes written as hexadecimal digits.
  'md5', 'sha1', 'sha256', 'sha512', 'uuidv5',
]);

/** The functions an expression calls, as written (`provider::p::f` whole); `for`, `in` and `if` before a parenthesis are no calls. */
function callsIn(expression: string): string[] {
  return [...expression.matchAll(/(?<![\w.:-])((?:[A-Za-z_][\w-]*::)*[A-Za-z_][\w-]*)\s*\(/g)]
    .map(([, name]) => name)
    .filter((name) => !['for', 'in', 'if'].includes(name));
}

/**
 * A `format` verb other than `%s`, `%d` and `%%`: a width pads with blanks (`format("%2s", "")` writes two, which end a setting), `%q` and
 * `%#v` write quotes; with one, a format call makes text of its own.
 */
const TEXT_MAKING_VERB = /%(?![sd%])/;

/**
 * A number written in an expression (not an index or part of a name, `var.a-1` is one name): `file(1)` reads a file named `1`;
 * `var.n + 31415926`, `-31415926`, `0.5`, `1e3` write their digits into the value (43rd run, A43a-1).
 */
const NUMBER_LITERAL = /(?<![\w.[\]]|\w-)\d/;
const NUMBERS_WRITTEN = new RegExp(`${NUMBER_LITERAL.source}[\\w.]*(?:(?<=[eE])[+-]\\d+)?`, 'g');

/** A value the configuration writes that an expression reads by name: a local, a for_each item or key, a count's index. */
const CONFIGURATION_VALUE = /(?<![\w.-])(?:local|each|count)\s*\./g;

const UNREADABLE = 'is an expression the checks do not read, so a password written in it cannot be ruled out';

/** A keyword and its value as libpq reads them (decoded), and the value as written (for redaction). */
interface Setting {
  readonly keyword: Piece[];
  readonly value: Piece[];
  readonly written: string;
  /** A reading of the form the text is not in (libpq's of an ADO.NET string, or the reverse): its secrets count, its sslmode does not. */
  readonly otherForm?: boolean;
  /**
   * A URI's setting (its own reading, or the other reading of a text whose scheme a reference may spell): every sslmode of a URI
   * counts, as libpq takes a query parameter's last value and Go's clients (lib/pq, pgx) its first (E82-19).
   */
  readonly alternative?: boolean;
  /** A setting of a URI that holds a `#`: Go's url.Parse cuts the query there, so its sslmode cannot be told (E82-20). */
  readonly cut?: boolean;
}

/**
 * Why a connection string writes a secret as text, naming the keyword (never the secret), or
 * undefined when it writes none: a secret that is one interpolation (`password=${var.p}`) comes
 * from a reference. A part that is an expression holding literal text cannot be read here, nor can
 * a value written for a keyword that a reference may make a secret one.
 */
export function secretInConnectionString(value: unknown, scope?: EchoScope): string | undefined {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: undefined and null are neither text nor an expression, so the lines below return undefined for them too
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && !isUnknown(value)) return undefined;
  const settings = placedSettings(value, scope);
  if (settings === undefined) return UNREADABLE;
  for (const setting of settings) {
    const literal = setting.value.some((piece) => piece !== REFERENCE_PIECE);
    if (!literal) continue;
    if (setting.keyword.some((piece) => typeof piece !== 'string')) {
      if (mayBeSecretKeyword(setting.keyword)) return 'writes text for a keyword a reference spells, which may be its password, so a password written in it cannot be ruled out';
      continue;
    }
    const keyword = setting.keyword.join('').toLowerCase();
    if (!SECRET_KEYWORDS.includes(keyword)) continue;
    if (setting.value.includes(UNREAD_PIECE)) return UNREADABLE;
    if (setting.value.includes(PUBLIC_PIECE)) return `reads its ${keyword} from text anyone can tell (a workspace's name, a path, an ID, a name, a host), so it is no secret`;
    const whole = !setting.value.includes(REFERENCE_PIECE);
    return `${whole ? 'writes' : 'writes part of'} its ${keyword} as text, so it is in the configuration`;
  }
  return undefined;
}

/**
 * The sslmode each reading of a connection string sets (a conditional's branches), as libpq reads it (decoded, lower case): its last
 * setting that may be sslmode, as libpq and Npgsql take the last (C81-22); none when it sets none. Undefined when the text cannot be
 * placed, or that last setting's value is made from a reference (85th run, A85c-1: a client's connection, client-tls.ts), or its
 * keyword a reference spells in part or whole (`${var.k}Mode=Disable` after `SSL Mode=VerifyFull`: C81-29); one before a literal
 * sslmode is overridden by it (C82-1, C82-2). Every sslmode of a URI counts (Setting.alternative); a URI with a `#` is unknown.
 */
export function sslModesIn(value: unknown, scope?: EchoScope, ado = false): string[] | undefined {
  const readings = placedReadings(value, scope, ado);
  if (readings === undefined) return undefined;
  const modes: string[] = [];
  for (const reading of readings) {
    if (reading.some(({ otherForm, cut }) => otherForm !== true && cut === true)) return undefined;
    const candidates = reading.filter(({ otherForm, keyword }) => otherForm !== true && mayBeSslMode(keyword));
    // Keyword=value pairs in order, their last one; every one of a URI's.
    const judged = [...candidates.filter(({ alternative }) => alternative !== true).slice(-1), ...candidates.filter(({ alternative }) => alternative === true)];
    for (const { keyword, value: mode } of judged) {
      if ([...keyword, ...mode].some((piece) => typeof piece !== 'string')) return undefined;
      modes.push(mode.join('').toLowerCase());
    }
  }
  return modes;
}

/** Whether a keyword is sslmode, or a reference spelling part or all of it may make it so. */
function mayBeSslMode(keyword: Piece[]): boolean {
  return keyword.every((piece) => typeof piece === 'string') ? keyword.join('').toLowerCase() === 'sslmode' : mayBeKeyword(keyword, ['sslmode']);
}

/** The settings of every reading of a connection string; undefined when a part of it cannot be placed. */
function placedSettings(value: unknown, scope: EchoScope | undefined): Setting[] | undefined {
  return placedReadings(value, scope)?.flat();
}

/**
 * The settings of each reading of a connection string, in the text's order; undefined when a part of it cannot be placed. `ado`: the
 * text is ADO.NET's whatever its first keyword (its client reads no other form).
 */
function placedReadings(value: unknown, scope: EchoScope | undefined, ado = false): Setting[][] | undefined {
  try {
    return piecesOf(value, scope, 0).map((pieces) => settingsOf(pieces, ado));
  } catch (error) {
    if (!(error instanceof Unplaced)) throw error;
    return undefined;
  }
}

/** The secrets a connection string writes: as libpq reads them (decoded) and as written, when those differ. */
export function secretValues(text: string): string[] {
  return settingsOf([...text])
    .filter(({ keyword }) => SECRET_KEYWORDS.includes(keyword.join('').toLowerCase()))
    .flatMap(({ value, written }) => {
      const read = value.map((piece) => (typeof piece === 'string' ? piece : REFERENCE)).join('');
      return read === written ? [read] : [read, written];
    });
}

/**
 * Whether a keyword partly spelled by references may be a secret one (`${var.k}`, `pass${var.k}`, ADO.NET's `P${var.k}` for `Pwd`;
 * not `application_${var.k}`).
 */
function mayBeSecretKeyword(keyword: Piece[]): boolean {
  return mayBeKeyword(keyword, [...SECRET_KEYWORDS, ...Object.keys(ADO_KEYWORDS).filter((name) => SECRET_KEYWORDS.includes(ADO_KEYWORDS[name]))]);
}

/** Whether a keyword partly spelled by references may be one of the names, compared as ADO.NET compares them (no case, blanks or underscores). */
function mayBeKeyword(keyword: Piece[], names: readonly string[]): boolean {
  // Adjacent parts known only later are one wildcard: many in a row would make the match backtrack for long.
  const spelled = keyword.map((piece) => (typeof piece !== 'string' ? '.*' : piece.replace(/[\s_]/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  const pattern = new RegExp(`^${spelled.replace(/(\.\*)+/g, '.*')}$`, 'i');
  return names.some((name) => pattern.test(name.replace(/_/g, '')));
}

/**
 * The texts a value may be, as pieces: a template's parts in order, each known part as its characters and each part known
 * only later as one piece; a conditional's branches each. A part that reads literal text that may spell a setting
 * (`format("%s password=x", var.h)`) is not placed: Unplaced.
 */
function piecesOf(value: unknown, scope: EchoScope | undefined, depth: number): Piece[][] {
  if (depth > MAX_ECHO_DEPTH) throw new Unplaced();
  const within = (inner: unknown) => piecesOf(inner, scope, depth + 1);
  if (value === null || value === undefined) return [[]];
  if (typeof value === 'string') return [[...value]];
  if (typeof value === 'number' || typeof value === 'boolean') return [[...String(value)]];
  if (!isUnknown(value)) throw new Unplaced();
  if (value.choices !== undefined && value.choices.length > 0) return capped(value.choices.flatMap(within));
  // A reference to an argument a block in the stack writes is that argument's text (echoed-arguments.ts echoOf; 43rd run, A43b-1).
  if (value.isPlainReference) return echoedPieces(value.references[0], scope, depth) ?? [[publicReading(value.references[0], scope?.stack) === undefined ? REFERENCE_PIECE : PUBLIC_PIECE]];
  const read = directiveTemplateRead(value);
  if (read !== undefined) return within(read);
  if (isJoinedTemplate(value) && value.parts !== undefined) {
    let readings: Piece[][] = [[]];
    for (const part of value.parts) {
      const options = within(part);
      readings = capped(readings.flatMap((head) => options.map((option) => [...head, ...option])));
    }
    return readings;
  }
  // A template the evaluator did not read (a template inside a string of an interpolation): its text as written, each
  // interpolation one piece; literal text inside them or in the values they read cannot be placed.
  const texts = textsIn(value, scope, depth);
  if (/[$%]\{/.test(value.expression)) {
    if (texts === undefined || texts.length > 0) throw new Unplaced();
    return [templateText(value.expression)];
  }
  // Anything else known only later (a call, an index): made of references only, one piece from references; reading literal
  // text, that text is somewhere in it (`lookup(var.m, "pub")`), which cannot spell a setting unless it holds a delimiter.
  if (texts === undefined || texts.some((text) => STRUCTURAL.test(text))) throw new Unplaced();
  if (texts.length > 0) return [[UNREAD_PIECE]];
  // Made only of references that are no secret (`md5(terraform.workspace)`), it is no secret either (87th run, A87a-4).
  return [[value.references.length > 0 && value.references.every((reference) => publicReading(reference, scope?.stack) !== undefined) ? PUBLIC_PIECE : REFERENCE_PIECE]];
}

/** Values read through one another (templates, choices, arguments read back), at most; deeper, the text cannot be placed. */
const MAX_ECHO_DEPTH = 32;

/** The pieces and texts of the references one reading meets, each read once (reading-memo.ts). */
const echoPieces = new ReadingMemo<Piece[][] | undefined>();
const echoTexts = new ReadingMemo<string[] | undefined>();

/** The text a reference to a written argument reads back, each value it may be; undefined when it reads none; unplaced when unknown. */
function echoedPieces(reference: string, scope: EchoScope | undefined, depth: number): Piece[][] | undefined {
  return echoPieces.read(reference, undefined, () => readEchoedPieces(reference, scope, depth));
}

function readEchoedPieces(reference: string, scope: EchoScope | undefined, depth: number): Piece[][] | undefined {
  const echo = echoOf(reference, scope);
  if (echo === undefined) return undefined;
  if ('unreadable' in echo) throw new Unplaced();
  // A module's output may be a secret it is given, not a connection text: literal text there cannot be placed (55th run, A55a-7;
  // echoedTexts gives none for such an echo that reads literal text).
  if (echo.fromModule !== undefined && echoedTexts(reference, scope, depth) === undefined) throw new Unplaced();
  // The same reading given by several values (blocks a lookup may find, each a reference) counts once (50th run, A50a-9).
  return capped(distinct(echo.values.flatMap((written) => piecesOf(written, scope, depth + 1))));
}

/** The literal texts a reference to a written argument reads back (echoOf), at any depth; undefined when they cannot be read. */
function echoedTexts(reference: string, scope: EchoScope | undefined, depth: number): string[] | undefined {
  return echoTexts.read(reference, [], () => readEchoedTexts(reference, scope, depth));
}

function readEchoedTexts(reference: string, scope: EchoScope | undefined, depth: number): string[] | undefined {
  const echo = echoOf(reference, scope);
  if (echo === undefined) return [];
  if ('unreadable' in echo || depth > MAX_ECHO_DEPTH) return undefined;
  const texts: string[] = [];
  for (const written of echo.values) {
    if (typeof written === 'string') texts.push(written);
    else if (typeof written === 'number' || typeof written === 'boolean') texts.push(String(written));
    else if (isUnknown(written)) {
      const inner = written.isPlainReference ? echoedTexts(written.references[0], scope, depth + 1) : textsIn(written, scope, depth + 1);
      if (inner === undefined) return undefined;
      texts.push(...inner);
    } else if (written !== null) return undefined;
  }
  // A module's output may be a secret it is given, not text of a setting: its literal text cannot be placed (56th run, A56a-3).
  return echo.fromModule !== undefined && texts.length > 0 ? undefined : texts;
}

function distinct(readings: Piece[][]): Piece[][] {
  const seen = new Set<string>();
  return readings.filter((reading) => {
    const key = JSON.stringify(reading);
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

function capped(readings: Piece[][]): Piece[][] {
  if (readings.length > MAX_READINGS) throw new Unplaced();
  return readings;
}

/**
 * The literal texts a value known only later reads, at any depth (not references); undefined when unknown. A number or a boolean
 * is text too (`max(31415926, var.n)`, `var.n + 31415926` write its digits, 43rd run, A43a-1), as `fromReferencesOnly` reads it:
 * one among the parts, or written in an expression the evaluator kept no parts of (an operator's, a unary minus's).
 */
function textsIn(value: Unknown, scope: EchoScope | undefined, depth: number): string[] | undefined {
  const calls = callsIn(value.expression);
  const transforms = calls.some((name) => !TEXT_KEEPING.has(name));
  if (value.parts === undefined) {
    if (/["']|<</.test(value.expression)) return undefined;
    // An operator keeps no parts: a value of the configuration it reads (a local, an item of a for_each, a count's index) may be a
    // number it writes too (`each.value + var.n` over `for_each = { a = 31415926 }`).
    const numbers = [...value.expression.matchAll(NUMBERS_WRITTEN), ...value.expression.matchAll(CONFIGURATION_VALUE)].map(([number]) => number);
    return transforms && numbers.length > 0 ? undefined : numbers;
  }
  const texts: string[] = [];
  let unread = false;
  const walk = (item: unknown): void => {
    if (typeof item === 'string') {
      if (item !== '') texts.push(item);
    } else if (typeof item === 'number' || typeof item === 'boolean') texts.push(typeof item === 'number' ? numberText(item) : String(item));
    else if (Array.isArray(item)) item.forEach(walk);
    else if (isUnknown(item)) {
      if (item.isPlainReference) {
        const echoed = echoedTexts(item.references[0], scope, depth + 1);
        if (echoed === undefined) unread = true;
        else texts.push(...echoed);
        return;
      }
      if (item.choices !== undefined && item.choices.length > 0) item.choices.forEach(walk);
      else {
        const inner = textsIn(item, scope, depth + 1);
        if (inner === undefined) unread = true;
        else texts.push(...inner);
      }
    } else if (item !== null && typeof item === 'object') {
      // An object's keys are text too (`one(keys({"password=s3cret" = 1}))`).
      for (const [key, inner] of Object.entries(item)) {
        walk(key);
        walk(inner);
      }
    }
  };
  value.parts.forEach(walk);
  // A function that makes text of what it reads (a decoder, a file reader) may write any setting with it.
  const formats = calls.some((name) => name === 'format' || name === 'formatlist') && texts.some((text) => TEXT_MAKING_VERB.test(text));
  return unread || formats || (transforms && texts.length > 0) ? undefined : texts;
}

/**
 * A template the evaluator did not read, as written: each interpolation or directive one piece from references; one that writes
 * text (a string) cannot be placed; one that writes a number (`${var.n * 1e3}`) is a piece not read (43rd run, A43a-1).
 */
function templateText(text: string): Piece[] {
  const placed = (expression: string) => {
    if (/["']|<</.test(expression)) throw new Unplaced();
    return NUMBER_LITERAL.test(expression) ? UNREAD_MARK : REFERENCE;
  };
  const marked = splitTemplate(text, placed).literal.replace(/(?<!%)%\{[^}]*\}?/g, REFERENCE).replace(/%%\{/g, '%{');
  return [...marked].map((character) => (character === REFERENCE ? REFERENCE_PIECE : character === UNREAD_MARK ? UNREAD_PIECE : character));
}

/** The keyword settings of a connection string: a postgresql:// URI, or keyword=value pairs; `ado`: read as ADO.NET's (placedReadings). */
function settingsOf(pieces: Piece[], ado = false): Setting[] {
  let start = 0;
  while (start < pieces.length && isSpace(pieces[start])) start++;
  const rest = pieces.slice(start);
  const scheme = /^postgres(ql)?:\/\//i.exec(written(rest));
  if (scheme !== null) return asUri(uriSettings(rest.slice(scheme[0].length)), rest);
  // A `;` makes it an ADO.NET or Npgsql string too (a Data Factory linked service's): both readings, for the secrets (B81-10, B81-13,
  // B81-284). Its sslmode is the form's own: ADO.NET's when its first keyword is none libpq has (`Host`, `Data Source`), else libpq's,
  // which reads `application_name=a;SslMode=VerifyFull` as one value and no sslmode (C81-28).
  const adoForm = ado || (rest.includes(';') && isAdoKeyword(rest));
  const adoReading = adoForm || rest.includes(';') ? inOtherForm(adoSettings(rest), !adoForm) : [];
  const pairs = (lead?: number) => inOtherForm(pairSettings(rest, lead), adoForm);
  const first = rest.findIndex((piece) => typeof piece !== 'string');
  if (first < 0) return [...pairs(), ...adoReading];
  // A text with a reference where the scheme may be spelled (`${var.s}`, `postgres${var.s}://`) may be either form: both
  // readings; the URI's text begins after the scheme's letters that follow the reference, or inside the reference.
  const head = written(rest.slice(0, first)).toLowerCase();
  if (!SCHEMES.some((name) => name.startsWith(head))) return [...pairs(), ...adoReading];
  let body = first;
  while (body < rest.length && typeof rest[body] !== 'string') body++;
  const after = written(rest.slice(body)).toLowerCase();
  const tails = new Set(SCHEMES.flatMap((name) => [...name].map((_, at) => name.slice(at))).filter((tail) => after.startsWith(tail)));
  // Text after the reference that spells the scheme's `://` is a URI's: the reference spells no keyword before it.
  const uri = [...tails].some((tail) => tail.includes('://'));
  const alternatives = [...uriSettings(rest.slice(body - 1)), ...[...tails].flatMap((tail) => uriSettings(rest.slice(body + tail.length)))];
  return [...pairs(uri ? body : 0), ...asUri(alternatives, rest), ...adoReading];
}

/** A URI's settings, marked as such (Setting.alternative, Setting.cut). */
function asUri(settings: Setting[], text: Piece[]): Setting[] {
  const cut = text.includes('#');
  return settings.map((setting) => ({ ...setting, alternative: true, ...(cut ? { cut } : {}) }));
}

/**
 * Whether a text's first keyword is spelled as no libpq keyword is (libpq's are lower case, without blanks): ADO.NET's (`Host`, `Data
 * Source`); the keyword of the pair that holds the first `=`, after a `;` before it (`${var.extra};Host=...`: C82-1).
 */
function isAdoKeyword(pieces: Piece[]): boolean {
  const end = pieces.indexOf('=');
  const before = pieces.slice(0, end < 0 ? 0 : end);
  const keyword = trimmed(before.slice(before.lastIndexOf(';') + 1));
  return keyword.every((piece) => typeof piece === 'string') && /[A-Z\s]/.test(keyword.join(''));
}

function inOtherForm(settings: Setting[], other: boolean): Setting[] {
  return other ? settings.map((setting) => ({ ...setting, otherForm: true })) : settings;
}

/** ADO.NET and Npgsql keywords (compared without case, blanks and underscores) read as the libpq keyword they stand for. */
const ADO_KEYWORDS: { readonly [keyword: string]: string } = { password: 'password', pwd: 'password', psw: 'password', sslmode: 'sslmode', sslpassword: 'sslpassword' };

/**
 * `Keyword=Value;` pairs as ADO.NET's DbConnectionStringBuilder and Npgsql read them (`Host=h;Password=p;SSL Mode=VerifyFull`): a
 * keyword up to `=`, a value up to `;` or quoted in `"…"` or `'…'`, blanks around either trimmed. Npgsql's keywords are read as libpq's
 * (`Pwd`, `SSL Mode`) and its sslmode values too (`VerifyFull` is "verify-full"); a keyword a reference spells is kept as written.
 */
function adoSettings(pieces: Piece[]): Setting[] {
  const settings: Setting[] = [];
  let at = 0;
  while (at < pieces.length) {
    const keyword: Piece[] = [];
    while (at < pieces.length && pieces[at] !== '=' && pieces[at] !== ';') keyword.push(pieces[at++]);
    // A pair without its `=`: a reference in it may spell the `=` (`SSL Mode${var.eq}Disable`) or the whole pair (`${var.o}`: A82-12, A82-13).
    if (pieces[at++] !== '=') {
      settings.push(...spelledSettings(keyword, 0));
      continue;
    }
    while (at < pieces.length && isSpace(pieces[at])) at++;
    const quote = pieces[at] === '"' || pieces[at] === '\'' ? pieces[at++] : undefined;
    const start = at;
    const given: Piece[] = [];
    // In a quoted value its quote doubled is one (DbConnectionStringBuilder: `"x"";SSL Mode=VerifyFull"` is one value, C81-20).
    while (at < pieces.length && (quote === undefined ? pieces[at] !== ';' : pieces[at] !== quote || pieces[at + 1] === quote)) {
      if (quote !== undefined && pieces[at] === quote) at++;
      given.push(pieces[at++]);
    }
    const shown = written(pieces.slice(start, at));
    // Past the closing quote and what follows it, to the next pair.
    while (at < pieces.length && pieces[at] !== ';') at++;
    at++;
    const value = quote === undefined ? trimmed(given) : given;
    const name = trimmed(keyword);
    const spelled = name.every((piece) => typeof piece === 'string') ? ADO_KEYWORDS[name.join('').toLowerCase().replace(/[\s_]/g, '')] : undefined;
    const read = spelled === 'sslmode' && value.every((piece) => typeof piece === 'string') ? [...npgsqlSslMode(value.join(''))] : value;
    settings.push({ keyword: spelled === undefined ? name : [...spelled], value: read, written: shown });
  }
  return settings;
}

function trimmed(pieces: Piece[]): Piece[] {
  let from = 0;
  let to = pieces.length;
  while (from < to && isSpace(pieces[from])) from++;
  while (to > from && isSpace(pieces[to - 1])) to--;
  return pieces.slice(from, to);
}

/** Npgsql's SslMode names (`VerifyFull`, `Verify-Full`, `verify_full`) as libpq's. */
function npgsqlSslMode(mode: string): string {
  const name = mode.toLowerCase().replace(/[\s_-]/g, '');
  return name.startsWith('verify') ? `verify-${name.slice('verify'.length)}` : name;
}

const SCHEMES = ['postgresql://', 'postgres://'];

function isSpace(piece: Piece): boolean {
  return typeof piece === 'string' && /^\s$/.test(piece);
}

const written = (pieces: Piece[]) => pieces.map((piece) => (typeof piece === 'string' ? piece : REFERENCE)).join('');

/**
 * keyword=value pairs as libpq's conninfo_parse reads them: a keyword up to `=` (blanks around it), a value up to a blank,
 * or quoted in `'…'`; a backslash takes the next character as it is, in either. A part from a reference may spell any text,
 * but what it reaches is read only in the token it stands in (up to a blank written in the text, 42nd run, A42b-1): in a
 * keyword it may spell the `=` (spelledSettings), and in a value a blank that starts a pair whose keyword it begins, when
 * an `=` written after it ends that keyword (`application_name=${var.h}password=x`). A value's text after a reference with
 * no `=` of its own is read as that value's (`host=${var.h}.postgres.database.azure.com`), as is the next token after a
 * blank written in the text (`host=${var.h} user=repl`). The first `lead` pieces begin no spelled setting.
 */
function pairSettings(pieces: Piece[], lead = 0): Setting[] {
  const settings: Setting[] = [];
  let at = 0;
  let from = lead;
  const skipSpaces = () => {
    while (at < pieces.length && isSpace(pieces[at])) at++;
  };
  while (at < pieces.length) {
    skipSpaces();
    if (at >= pieces.length) break;
    const keyword: Piece[] = [];
    while (at < pieces.length && pieces[at] !== '=' && !isSpace(pieces[at])) keyword.push(pieces[at++]);
    skipSpaces();
    // libpq refuses a keyword without `=`: a reference in it spells it (spelledSettings).
    if (pieces[at] !== '=') {
      settings.push(...spelledSettings(keyword, from));
      from = 0;
      continue;
    }
    from = 0;
    at++;
    skipSpaces();
    const value: Piece[] = [];
    const quoted = pieces[at] === '\'';
    const start = quoted ? at + 1 : at;
    let to: number;
    if (quoted) {
      at++;
      while (at < pieces.length && pieces[at] !== '\'') {
        if (pieces[at] === '\\') at++;
        if (at < pieces.length) value.push(pieces[at++]);
      }
      to = at++;
    } else {
      while (at < pieces.length && !isSpace(pieces[at])) {
        if (pieces[at] === '\\') at++;
        if (at < pieces.length) value.push(pieces[at++]);
      }
      to = at;
    }
    settings.push({ keyword, value, written: written(pieces.slice(start, to)) });
    const spelled = startedPair(value);
    if (spelled !== undefined) settings.push(...pairSettings(spelled, 1));
  }
  return settings;
}

/**
 * The settings a reference in a keyword written without its `=` makes by spelling the `=` (`${var.k}s3cret`, `pass${var.k}s3cret`
 * with `var.k` = `password=` or `word=`): for each reference from `from` on that literal text follows in the token, the keyword
 * up to and with it, and as the value the reference and the rest, which holds text of the configuration. A keyword with its
 * `=` written is read whole (`oauth_${var.k}_id=x`), references in it as parts of it (mayBeSecretKeyword). A token that ends with a
 * reference may spell a whole setting (`sslmode=verify-full ${var.o}`, `var.o` = `sslmode=disable`): a keyword of it with no value
 * written, which writes no secret but may be any keyword (sslModesIn).
 */
function spelledSettings(token: Piece[], from: number): Setting[] {
  const settings: Setting[] = [];
  for (let at = from; at < token.length; at++) {
    if (typeof token[at] === 'string' || !token.slice(at + 1).some((piece) => typeof piece === 'string')) continue;
    settings.push({ keyword: token.slice(0, at + 1), value: token.slice(at), written: written(token.slice(at)) });
  }
  const last = token.length - 1;
  if (last >= from && typeof token[last] !== 'string') settings.push({ keyword: token, value: [], written: '' });
  return settings;
}

/**
 * What a value's first reference with an `=` after it (written, or spelled by a later reference) may begin, when it ends the value with a delimiter of its
 * own (a blank, `&`, `?`): the reference and the rest of the value, read as settings with the reference as a keyword's
 * beginning; undefined when no such reference (among the first `before` pieces).
 */
function startedPair(value: Piece[], before = value.length): Piece[] | undefined {
  // The `=` written after it, or spelled by a later reference that text follows.
  const equals = (rest: Piece[]) => rest.includes('=') || rest.some((piece, at) => typeof piece !== 'string' && rest.slice(at + 1).some((next) => typeof next === 'string'));
  const at = value.findIndex((piece, index) => index < before && typeof piece !== 'string' && equals(value.slice(index + 1)));
  return at < 0 ? undefined : value.slice(at);
}

/**
 * What follows a URI's `postgresql://` as libpq's conninfo_uri_parse_options reads it: user information when an `@`
 * comes before any `/` (the password runs from the first `:` to that `@`, so `?` and `#` are in it), hosts, a database
 * up to `?`, then parameters split on `&` and `=` only (no fragment). The user, password, keywords and values are
 * percent-decoded.
 */
function uriSettings(pieces: Piece[]): Setting[] {
  const settings: Setting[] = [];
  let at = 0;
  let look = 0;
  while (look < pieces.length && pieces[look] !== '@' && pieces[look] !== '/') look++;
  if (pieces[look] === '@') {
    const colon = pieces.slice(0, look).indexOf(':');
    const password = colon < 0 ? [] : pieces.slice(colon + 1, look);
    if (colon >= 0) settings.push({ keyword: [...'password'], value: percentDecoded(password), written: written(password) });
    // A reference before the password's `:` may spell it (`${var.u}s3cret@`, `repl${var.u}s3cret@`): text after it is then in
    // the password, and a `:` alone is not a secret (`${var.u}:${var.p}@`). A password with text of its own says so already.
    const reference = pieces.slice(0, look).findIndex((piece) => typeof piece !== 'string');
    const spelled = reference >= 0 && (colon < 0 || reference < colon) ? pieces.slice(reference + 1, look) : [];
    const literalPassword = password.some((piece) => typeof piece === 'string');
    if (!literalPassword && spelled.some((piece) => typeof piece === 'string' && piece !== ':')) throw new Unplaced();
    at = look + 1;
  }
  // A reference in the hosts, a port or the database may spell the `?` (and more): text after it with an `=` is then parameters.
  const authority = at;
  // Hosts (an IPv6 address in brackets), each with an optional port, separated by commas.
  let end: Piece | undefined;
  for (;;) {
    if (pieces[at] === '[') {
      while (at < pieces.length && pieces[at] !== ']') at++;
      at++;
    }
    while (at < pieces.length && !([':', '/', '?', ','] as Piece[]).includes(pieces[at])) at++;
    if (pieces[at] === ':') {
      at++;
      while (at < pieces.length && !(['/', '?', ','] as Piece[]).includes(pieces[at])) at++;
    }
    end = pieces[at];
    if (end !== ',') break;
    at++;
  }
  if (end === '/') {
    while (at < pieces.length && pieces[at] !== '?') at++;
    end = pieces[at];
  }
  const spelled = startedPair(pieces.slice(authority), (end === '?' ? at : pieces.length) - authority);
  if (spelled !== undefined) settings.push(...querySettings(spelled, 1));
  if (end !== '?') return settings;
  return [...settings, ...querySettings(pieces.slice(at + 1))];
}

/**
 * Parameters split on `&` and `=` only, percent-decoded; a reference in a keyword may spell the `=` and one in a value an
 * `&` that starts a pair (spelledSettings and startedPair, as in keyword=value pairs). The first `lead` pieces begin no
 * spelled setting.
 */
function querySettings(query: Piece[], lead = 0): Setting[] {
  const settings: Setting[] = [];
  let from = 0;
  while (from < query.length) {
    let to = from;
    while (to < query.length && query[to] !== '&') to++;
    const pair = query.slice(from, to);
    const equals = pair.indexOf('=');
    const keyword = equals < 0 ? pair : pair.slice(0, equals);
    const value = equals < 0 ? [] : pair.slice(equals + 1);
    settings.push({ keyword: percentDecoded(keyword), value: percentDecoded(value), written: written(value) });
    if (equals < 0) settings.push(...spelledSettings(percentDecoded(keyword), from === 0 ? lead : 0));
    const started = startedPair(value);
    if (started !== undefined) settings.push(...querySettings(started, 1));
    from = to + 1;
  }
  return settings;
}

/** Pieces with each `%XY` of two hexadecimal digits as the byte it stands for (a multi-byte character as its bytes). */
function percentDecoded(pieces: Piece[]): Piece[] {
  const decoded: Piece[] = [];
  for (let at = 0; at < pieces.length; at++) {
    const hex = pieces[at] === '%' ? pieces.slice(at + 1, at + 3).join('') : '';
    if (pieces.slice(at + 1, at + 3).every((piece) => typeof piece === 'string') && /^[0-9a-f]{2}$/i.test(hex)) {
      decoded.push(String.fromCharCode(parseInt(hex, 16)));
      at += 2;
    } else decoded.push(pieces[at]);
  }
  return decoded;
}
