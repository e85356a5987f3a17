import { Construct } from 'constructs';
import { ErrorCode } from './error-codes';
import { isToken } from './tokens';
import { escapeIndistinct } from './reason-text';

/**
 * Thrown when a prop is invalid. The message names the prop, shows the bad value and says the fix,
 * and is thrown before any resource is added to the tree, so nothing partial is synthesized.
 * `code` is stable: it is the error's "### <code>" entry in docs/errors.md
 * (https://github.com/cdktf-azure-postgres/cdktf-azure-postgres/blob/main/docs/errors.md).
 */
export class ValidationError extends Error {
  /** The error's id in docs/errors.md (https://github.com/cdktf-azure-postgres/cdktf-azure-postgres/blob/main/docs/errors.md), e.g. "RANGE-REVERSED"; stable across releases. */
  public readonly code: string;
  /** The prop path the error is about, e.g. "network.publicAccess.allowedIpRanges[1].startIpAddress". */
  public readonly prop: string;

  constructor(code: ErrorCode, prop: string, value: unknown, problem: string, fix: string) {
    super(`Invalid ${prop}: ${describe(value)} ${problem}. Fix: ${fix}.`);
    this.name = 'ValidationError';
    this.code = code;
    this.prop = prop;
  }
}

/** A value described instead of shown, e.g. "(a string)": what it holds may be a secret. */
export class Unshown {
  constructor(public readonly description: string) {}
}

/** A Terraform token in a string: the value is known only at apply time, so it is shown as ${…}. */
const TOKEN_MARK = /[$#&]\{TfToken\[[^\]]*\]\}/g;
const MAX_SHOWN = 300;

/**
 * Prints a value the way a user wrote it: strings quoted, lists and objects as JSON. Invisible
 * characters and spaces other than U+0020 are escaped, so a reviewer sees them; tokens show as ${…}; anything JSON cannot
 * print (a cycle, a function) shows as its kind, and a construct as its path.
 */
export function describe(value: unknown): string {
  // A caller's Proxy may throw at any read (`in`, a property, JSON): the error still has a message (A15a-5).
  try {
    return shown(value);
  } catch {
    return '(a value that cannot be read)';
  }
}

function shown(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (value instanceof Unshown) return value.description;
  if (Construct.isConstruct(value)) return quote(value.node.path);
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return isToken(value) ? '${…}' : String(value);
  // JSON cannot print a bigint (it throws); a symbol it prints as undefined, below.
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  // A token object (IResolvable), e.g. a boolean variable: its value is known only at apply time.
  if (!Array.isArray(value) && isToken(value)) return '${…}';
  try {
    const json = JSON.stringify(value, (_, item: unknown) => (typeof item === 'string' ? masked(item) : typeof item === 'number' && isToken(item) ? '${…}' : item));
    if (json === undefined) return String(value);
    return shortened(escapeIndistinct(json), '');
  } catch {
    const kind = (value as object).constructor?.name;
    return kind ? withArticle(kind) : 'an object';
  }
}

function quote(text: string): string {
  return shortened(escapeIndistinct(JSON.stringify(masked(text))), '"');
}

function shortened(shown: string, end: string): string {
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}…${end}` : shown;
}

function masked(text: string): string {
  return text.replace(TOKEN_MARK, '${…}');
}

/**
 * A name with its indefinite article, as said: "an" before a vowel sound ("an AccessLevel member", "an EntraAdministrator object",
 * "an Update"), "a" before a consonant sound, a "u" said "you" ("a UserType", "a Unique...", "a Uri") included.
 */
export function withArticle(name: string): string {
  return `${/^(?:[aeio]|u(?!ni|s[aeiu]|ti|r[aeiou]))/i.test(name) ? 'an' : 'a'} ${name}`;
}
