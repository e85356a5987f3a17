/**
 * The text of a .tf.json file, read as Terraform reads it. JSON.parse keeps only the last of two
 * properties with the same name, but HCL keeps both: two "resource" properties (or two
 * "enabled_log" blocks) define more resources (or blocks), so a duplicate could hide a resource
 * from a checker that uses JSON.parse. This parser merges the values of a repeated property into
 * one list, which is how HCL's JSON syntax reads repeated blocks. (A repeated attribute is an
 * error for Terraform; as a list it fails every rule that reads it.)
 *
 * Terraform decodes the text with Go: a number keeps its exact decimal value, and an escaped
 * unpaired surrogate is U+FFFD. This parser refuses a number JavaScript would round (its text is not
 * the double JavaScript prints, as cdktf writes every number) and decodes lone surrogates as Go.
 */

import { hasOwn, setOwn } from '../private/own-keys';

/** Thrown for text that is not JSON, with the position of the problem. */
export class JsonSyntaxError extends Error {}

/** Thrown for a number Terraform reads more exactly than a double (its length and where it is, never its text). */
export class InexactJsonNumber extends Error {}

/** Parses JSON text; a leading UTF-8 byte order mark is ignored, repeated properties are merged (and told to onRepeat). */
export function parseTerraformJson(text: string, onRepeat?: (pointer: string) => void): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const reader = new JsonReader(source, undefined, onRepeat);
  const value = reader.value();
  reader.end();
  return value;
}

/**
 * The line of every object property of JSON text, by JSON pointer (RFC 6901; "/resource/
 * azurerm_postgresql_flexible_server/db"), the first when a property repeats. For pointing a
 * reader (SARIF, a code-scanning alert) at the block of a resource.
 */
export function propertyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // The reader meets the properties in text order: count the newlines since the last one, not from the start (quadratic).
  let line = 1;
  let counted = 0;
  new JsonReader(source, (pointer, pos) => {
    for (; counted < pos; counted++) if (source.charCodeAt(counted) === 0x0a) line++;
    if (!lines.has(pointer)) lines.set(pointer, line);
  }).value();
  return lines;
}

/** A JSON pointer segment (RFC 6901): "~" as "~0", "/" as "~1". */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The key a JSON pointer segment names (pointerSegment read back). */
export function pointerKey(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The values of a property that HCL reads as one or more bodies: an object, or a list of them. */
export function bodiesOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(bodiesOf) : [value];
}

/**
 * The bodies of a property HCL's JSON syntax reads as nested blocks (hcl json/structure.go, unpackBlock and
 * collectDeepAttrs): null or missing is no block, an object one block, a list one block per item. An item may be
 * null (an empty block) or a list of objects (one block whose arguments are theirs, in order). Any other value, or
 * item, Terraform refuses ("Incorrect JSON value type"); it is left out here and named by blockShapeProblem.
 */
export function blockBodies(value: unknown): { [key: string]: unknown }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return isObject(value) ? [value] : [];
  return value.flatMap((item) => {
    if (item === null) return [{}];
    if (isObject(item)) return [item];
    return Array.isArray(item) && item.every(isObject) ? [Object.assign({}, ...item) as { [key: string]: unknown }] : [];
  });
}

/**
 * Why Terraform refuses a value written for nested blocks, or undefined: text, a number or a boolean instead
 * of an object or a list of them, a list item that is none of an object, null or a list of objects. `expression`
 * tells a value that stands for the blocks (an expression, read by the rules as known only later) from a literal.
 */
export function blockShapeProblem(value: unknown, expression: (value: unknown) => boolean): string | undefined {
  if (value === undefined || value === null || isObject(value) || expression(value)) return undefined;
  const kind = (item: unknown) => (item === null ? 'null' : Array.isArray(item) ? 'list' : typeof item === 'string' ? 'text' : typeof item);
  if (!Array.isArray(value)) return `is ${kind(value)}, where Terraform needs a block (an object, or a list of objects)`;
  for (const item of value) {
    if (item === null || isObject(item)) continue;
    const inner = Array.isArray(item) ? item.find((each) => !isObject(each)) : item;
    if (Array.isArray(item) && inner === undefined) continue;
    return `holds ${Array.isArray(item) ? `a list holding ${kind(inner)}` : kind(item)}, where Terraform needs a block (an object, or a list of objects)`;
  }
  return undefined;
}

/** Whether the value of a key is left as it is: told the key and the keys of the objects it is in, from the value's root (lists not counted). */
export type SkippedKey = (key: string, path: readonly string[]) => boolean;

/** A JSON value with every string mapped (keys kept); the values of keys `skip` names are kept as they are. */
export function mapStrings(value: unknown, map: (text: string) => string, skip: SkippedKey = () => false, path: string[] = []): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map, skip, path));
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => {
    if (skip(key, path)) return [key, item];
    path.push(key);
    const mapped = mapStrings(item, map, skip, path);
    path.pop();
    return [key, mapped];
  }));
}

/**
 * Calls `visit` with every string of a JSON value (keys not included), copying nothing: for readers
 * that only look. The values of keys `skip` names are not visited, as in mapStrings.
 */
export function forEachString(value: unknown, visit: (text: string) => void, skip: SkippedKey = () => false, path: string[] = []): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) forEachString(item, visit, skip, path);
  else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      if (skip(key, path)) continue;
      path.push(key);
      forEachString(value[key], visit, skip, path);
      path.pop();
    }
  }
}

/** True for a JSON object (not a list, not null). */
export function isObject(value: unknown): value is { [key: string]: unknown } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Deeper nesting is refused as an error, not read until the call stack overflows; a stack cdktf writes nests a few dozen levels. */
export const MAX_JSON_DEPTH = 1000;

class JsonReader {
  private pos = 0;
  private depth = 0;
  /** The JSON pointer of the value being read. */
  private pointer = '';

  constructor(
    private readonly src: string,
    /** Told the pointer and position of every property name, when given. */
    private readonly onProperty?: (pointer: string, pos: number) => void,
    /** Told the pointer of every property written again in its object, when given. */
    private readonly onRepeat?: (pointer: string) => void,
  ) {}

  public value(): unknown {
    this.space();
    const c = this.src[this.pos];
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_JSON_DEPTH) this.fail(`nested more than ${MAX_JSON_DEPTH} levels deep`);
      const value = c === '{' ? this.object() : this.array();
      this.depth--;
      return value;
    }
    if (c === '"') return this.string();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.src.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.src.slice(this.pos, this.pos + 400));
    if (number === null) this.fail(c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`);
    const value = Number(number![0]);
    // Its length and place, not its digits: a password written as a number is still a password (adversarial run of stop 81, B81-121).
    if (!printedAsDouble(number![0], value)) throw new InexactJsonNumber(`a number of ${number![0].length} characters at ${this.where()}, not shown`);
    this.pos += number![0].length;
    return value;
  }

  public end(): void {
    this.space();
    if (this.pos < this.src.length) this.fail('unexpected text after the JSON value');
  }

  private object(): { [key: string]: unknown } {
    this.pos++;
    const result: { [key: string]: unknown } = {};
    // The lists this object made for repeated properties: appended to in place, not copied per repetition (quadratic).
    const merged = new Set<string>();
    this.space();
    if (this.src[this.pos] === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.space();
      if (this.src[this.pos] !== '"') this.fail('expected a property name');
      const keyAt = this.pos;
      const key = this.string();
      this.space();
      if (this.src[this.pos] !== ':') this.fail('expected ":"');
      this.pos++;
      const parent = this.pointer;
      this.pointer = `${parent}/${pointerSegment(key)}`;
      this.onProperty?.(this.pointer, keyAt);
      const value = this.value();
      if (hasOwn(result, key)) this.onRepeat?.(this.pointer);
      this.pointer = parent;
      if (!hasOwn(result, key)) setOwn(result, key, value);
      else if (merged.has(key)) for (const item of asList(value)) (result[key] as unknown[]).push(item);
      else {
        setOwn(result, key, [...asList(result[key]), ...asList(value)]);
        merged.add(key);
      }
      this.space();
      if (this.src[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.src[this.pos] === '}') {
        this.pos++;
        return result;
      }
      this.fail('expected "," or "}"');
    }
  }

  private array(): unknown[] {
    this.pos++;
    const result: unknown[] = [];
    this.space();
    if (this.src[this.pos] === ']') {
      this.pos++;
      return result;
    }
    const parent = this.pointer;
    for (;;) {
      this.pointer = `${parent}/${result.length}`;
      result.push(this.value());
      this.pointer = parent;
      this.space();
      if (this.src[this.pos] === ',') {
        this.pos++;
        continue;
      }
      if (this.src[this.pos] === ']') {
        this.pos++;
        return result;
      }
      this.fail('expected "," or "]"');
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail('unterminated string');
      if (c === '"') break;
      if (c === '\\') this.pos++;
      else if (c < ' ') this.fail('control character in a string');
      this.pos++;
    }
    this.pos++;
    let text: string;
    try {
      text = JSON.parse(this.src.slice(start, this.pos)) as string;
    } catch {
      return this.fail('invalid escape in a string');
    }
    return decodedAsGo(text);
  }

  private space(): void {
    while (/[ \t\n\r]/.test(this.src.charAt(this.pos))) this.pos++;
  }

  private fail(problem: string): never {
    throw new JsonSyntaxError(`${problem} at ${this.where()}`);
  }

  private where(): string {
    const before = this.src.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - before.lastIndexOf('\n');
    return `line ${line}, column ${column}`;
  }
}

/** A high surrogate without its low one, or a low one without its high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A string as Go's JSON decoder makes it: an unpaired surrogate (escaped, as JSON writes one) is U+FFFD. */
export function decodedAsGo(text: string): string {
  return /[\ud800-\udfff]/.test(text) ? text.replace(LONE_SURROGATE, '\ufffd') : text;
}

/**
 * Whether a JSON number's text has exactly the value of the double JavaScript prints for it
 * ("1.50", "1E2", "0.1"): Terraform, which keeps the decimal, then reads what a rule reads.
 */
function printedAsDouble(text: string, value: number): boolean {
  // Most numbers of a stack are small integers: exact, and cheap to tell.
  if (/^-?\d{1,15}$/.test(text)) return true;
  return Number.isFinite(value) && decimalOf(text) === decimalOf(String(value));
}

/** A decimal number's value written one way: digits without leading or trailing zeros, and a power of ten. */
function decimalOf(text: string): string {
  const [, sign, whole, fraction = '', power = '0'] = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text)!;
  const digits = `${whole}${fraction}`.replace(/^0+/, '');
  if (digits === '') return '0';
  const significant = digits.replace(/0+$/, '');
  return `${sign}${significant}e${Number(power) - fraction.length + digits.length - significant.length}`;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}
