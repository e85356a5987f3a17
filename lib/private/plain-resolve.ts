/**
 * Tokenization.resolve for what the library records (pins, declarations, warnings): mostly plain
 * data (nulls, literal texts, lists and objects of them) around the tokens. cdktf's resolve makes a
 * context for every value and every property name and tests every text against its markers; the
 * pins alone are 34,000 of each at roles50 (about 60 ms a synth). Here only the parts that may hold
 * a token go to cdktf's resolve; the rest is copied as resolve would return it.
 */
import { ResolveOptions, Tokenization } from 'cdktf';

type Resolve = (value: unknown) => unknown;

/** The value as Tokenization.resolve(value, options) returns it. */
export function resolvePlainly(value: unknown, options: ResolveOptions): unknown {
  const resolve: Resolve = (part) => Tokenization.resolve(part, options);
  return resolved(value, resolve);
}

/**
 * A part below plain lists and objects only is resolved as at the top: resolve's context carries
 * nothing down such a path but the path itself (named in its errors), so each part resolves alone
 * to what it resolves to inside them.
 */
function resolved(value: unknown, resolve: Resolve): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return plainText(value) ? value : resolve(value);
  if (Array.isArray(value)) {
    // A list token, or a number (maybe an encoded token) in a list, is resolved with the list.
    if (value.some((item) => typeof item === 'number' || (typeof item === 'string' && !plainText(item)))) return resolve(value);
    return value.map((item) => resolved(item, resolve)).filter((item) => item !== undefined);
  }
  if (isPlainObject(value)) {
    const result: { [key: string]: unknown } = {};
    for (const key of Object.keys(value)) {
      const item = resolved(value[key], resolve);
      // Assigned, as resolve assigns it.
      if (item !== undefined) result[key] = item;
    }
    return result;
  }
  return resolve(value);
}

/**
 * A text resolve returns as it is: no token marker of any kind, neither map token value, nothing
 * its number-token expression matches.
 */
function plainText(text: string): boolean {
  return !text.includes('{TfToken[') && text !== STRING_MAP_TOKEN_VALUE && text !== ANY_MAP_TOKEN_VALUE && !NUMBER_TOKEN.test(text);
}

/** cdktf's encoded number tokens as its resolve finds them in a text (NUMBER_TOKEN_REGEX in cdktf's encoding). */
const NUMBER_TOKEN = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;
/** Token.STRING_MAP_TOKEN_VALUE and Token.ANY_MAP_TOKEN_VALUE: resolve refuses them as texts. */
const STRING_MAP_TOKEN_VALUE = 'String Map Token Value';
const ANY_MAP_TOKEN_VALUE = 'Any Map Token Value';

/**
 * An object resolve walks as data: a plain object, not a token (no resolve method) or a construct,
 * whose property names are plain texts (a name may be a token, resolved by resolve).
 */
function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  const fields = value as { resolve?: unknown; _children?: unknown; _metadata?: unknown };
  return (prototype === Object.prototype || prototype === null)
    && typeof fields.resolve !== 'function'
    // What resolve takes for a construct, and refuses.
    && (fields._children === undefined || fields._metadata === undefined)
    && Object.keys(value).every(plainText);
}
