/**
 * Reads a value of a Terraform JSON configuration the way Terraform does, as far as that can be
 * done without a plan: a JSON string is a template ("${...}" interpolations, "$${" escapes), a
 * template that is one interpolation stands for the expression's own value ("${true}" is the
 * bool true), and an expression built only of constants (literals, locals that are constants,
 * operators, a few pure functions) is evaluated. Everything else (variables, resource and data
 * references, each/count, unsupported syntax or functions, template directives) is Unknown: a
 * value Terraform knows only later. Rules treat an Unknown security setting as unjudgeable, never
 * as secure.
 *
 * Only a subset whose result is exactly Terraform's is evaluated; anything outside it is Unknown
 * too, since a value that is "usually right" lets a conditional pick the weak branch unseen:
 * - strings are NFC-normalized, as HCL does; functions and `==`/`!=` read ASCII strings only
 *   (Unicode case mapping, white space and normalization differ between Go and JavaScript);
 * - numbers are safe integers wherever they are computed, compared or printed (Terraform's are of
 *   arbitrary precision); a decimal literal passes through only when its text is exact;
 * - `==`/`!=` compare scalars only (Terraform compares objects regardless of key order);
 * - a conditional's branches and coalesce's arguments are of one type, or strings with numbers or
 *   bools, which Terraform converts to strings (it unifies them); the items a list function reads
 *   are of one scalar type.
 */

import { ownValue } from '../private/own-keys';
import { decodedAsGo } from './terraform-json';
import { withDotSegmentsRead } from './dot-segments';
import { INSTANCE_KEY, expressionEnd, heredocEnd, quotedEnd, splatStepsEnd } from './traversal-text';

/** A value known only at plan or apply time, with the references it is made of. */
export class Unknown {
  constructor(
    /** The expression as written: a template, or what is inside one interpolation. */
    public readonly expression: string,
    /** Traversals it reads, e.g. "var.x", "azurerm_postgresql_flexible_server.db.id". */
    public readonly references: readonly string[],
    /**
     * For a whole template the parser read: its text with the constant interpolations written as text
     * ("${var.p}${local.s}" with s ".a" is "${var.p}.a"); undefined for anything else.
     */
    public readonly spelled?: string,
    /**
     * The values it may be, when the evaluator knows them all: a conditional's branches, an item of a constant collection
     * chosen by a key known only later, a for_each item (eighteenth review, A18a-5); undefined when it may be anything.
     */
    public readonly choices?: readonly Value[],
    /**
     * For a `jsonencode(x)` call: x as read, the value whose JSON text it is (parts known only later stay Unknown), so a
     * reader of JSON text (an azapi body in the azapi 1.x form) reads the object; undefined for anything else (A18a-1).
     */
    public readonly encodes?: Value,
    /**
     * For a `merge(...)` with parts known only later: the attributes its known objects give, merged left to right. A part known
     * later may add or replace any, so they are what it may hold, for readers of pointers; undefined for anything else (A18a-1).
     */
    public readonly partly?: { readonly [key: string]: Value },
    /**
     * For an expression the evaluator gave up on without choices (a call, a template, an index or a `for` reading a value known only
     * later: `lookup(var.m, "k", local.admin)`, `concat(var.l, [local.admin])[0]`): the parts it read inside, as computed (a local's
     * value, a constant call's result, a list or object, a reference), so a reader asks whether any of them may be a principal it
     * looks for (administrator-groups.ts writesAdministratorId; 32nd run, A32b-1). Undefined for a plain reference, an operator's
     * result (a bool or a number) and a value with choices (they are what it may be).
     */
    public readonly parts?: readonly Value[],
    /**
     * For a collection known only later that a `for` expression makes (`{for k, v in var.m : k => {id = v, ca = file("ca.pem")}}`): what
     * each of its items may be, its value read once with its symbols known only later, so a reader of one item's attribute reads that
     * attribute of it, not the item's others (mayBeRead; 33rd run, A33a-4). Undefined for anything else.
     */
    public readonly items?: readonly Value[],
    /**
     * For a JSON object one of whose names is known only later (a template: azapi's `userAssignedIdentities = { "/subscriptions/${var.sub}/…"
     * = {} }`): each member's name and value as read, so a reader of names reads each (an identity map's keys are IDs: 95th run, A95a-5).
     * Undefined for anything else.
     */
    public readonly members?: readonly (readonly [Value, Value])[],
  ) {}

  /** What the value may spell, for readers that match templates against names: constants read, the rest as written. */
  public get spelling(): string {
    return this.spelled ?? this.toString();
  }

  /** True when the value is one reference and nothing else, e.g. "${var.x}" or "${azurerm_x.y.id}". */
  public get isPlainReference(): boolean {
    return this.expression === this.references[0];
  }

  /** Printed as written in the configuration, so messages and reports show "${var.x}". */
  public toJSON(): string {
    return this.toString();
  }

  public toString(): string {
    return this.spelled !== undefined || isTemplateText(this.expression) ? this.expression : `\${${this.expression}}`;
  }
}

/**
 * A value known only at apply time that may be any text at all, for every reader: an Azure ID or name the pack cannot read
 * as written (dot-segments.ts: a ".." segment, a percent-encoded character, which ARM resolves). Its expression is what could
 * not be read, printed as one interpolation ("${(an ID with ...)}"), so the messages say what it is and every reader that
 * matches text against names and IDs (by toString or spelling) takes it as any text; expression-readings.ts reads it as any
 * text at all (ANYTHING), so a reader that matches objects takes it as every one. What it is is carried by its class, never
 * read back from its text (stop 35, after A24b-1).
 */
export class AnyText extends Unknown {
  constructor(description: string) {
    // No "${" or "}" of the text read stays in it: the whole is one interpolation.
    super(description.replace(/\$\{/g, '$(').replace(/%\{/g, '%(').replace(/\}/g, ')'), []);
  }

  /** Marks the class: an Unknown is no AnyText. */
  public get mayBeAnyText(): true {
    return true;
  }
}

/** Whether a value may be any text at all (an AnyText). */
export function isAnyText(value: unknown): value is AnyText {
  return value instanceof AnyText;
}

/**
 * Whether an expression as written is a template: a `${` or `%{` outside quoted strings. What is inside one
 * interpolation may hold a template in a string argument (`element(split("/", "/subscriptions/…/${vnet.name}"), 8)`),
 * whose `${` is not the value's: that expression is one interpolation (fifteenth review, A15b-19).
 */
function isTemplateText(text: string): boolean {
  // Most expressions (a plain reference, an operator's operands) hold neither opener: no scan (9,000 calls at roles50).
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: a fast path, the scan below returns false for such text too
  if (!text.includes('${') && !text.includes('%{')) return false;
  for (let i = 0; i < text.length;) {
    // A string's or a heredoc's templates are its own (`chomp(<<EOT ... ${var.b} ... EOT)` is one interpolation: A30b-2).
    if (text[i] === '"') i = quotedEnd(text, i);
    else if (text.startsWith('<<', i)) i = heredocEnd(text, i) ?? i + 2;
    else if (text.startsWith('${', i) || text.startsWith('%{', i)) return true;
    else i += 1;
  }
  return false;
}

export type Value = string | number | boolean | null | Unknown | readonly Value[] | { readonly [key: string]: Value };

/** Where the evaluator looks up `local.<name>`, and the iterators bound where it reads (`each`, a dynamic block's). */
export interface Scope {
  /** The local's value, Unknown when it is not a constant, undefined when there is no such local. */
  local(name: string): Value | undefined;
  /** An iterator's key and value (`each.key`, `<name>.value`), undefined when none of that name is bound. */
  iterator?(name: string): Iteration | undefined;
}

/** What an iterator's `key` and `value` stand for: one item's, or any item's when there are several. */
export interface Iteration {
  readonly key: Value;
  readonly value: Value;
}

/**
 * The iterator of a for_each (a resource's `each`, a dynamic block's): with one item, its key and
 * value; with several, a value that may be any of them (an Unknown holding every item's references,
 * or the value itself when all are the same), so what each instance points at is still followed
 * (eleventh review, A11b-9). A collection known only later gives what its own expression reads.
 */
export function iterationOver(collection: Value, name: string): Iteration {
  if (isUnknown(collection)) {
    // A collection known only later whose choices are all known (a conditional, a `for` filtered by a condition known only later): any
    // item of any of them (30th run, A30a-2); the iterator reads what the collection reads too.
    const choices = collection.choices !== undefined && collection.choices.length > 0 && collection.choices.every((choice) => !isUnknown(choice) && choice !== null && typeof choice === 'object') ? collection.choices : undefined;
    if (choices === undefined) return { key: new Unknown(`${name}.key`, collection.references), value: new Unknown(`${name}.value`, collection.references) };
    const entries = choices.flatMap(entriesOf);
    const among = (values: readonly Value[], expression: string) => (values.length === 0 ? new Unknown(expression, collection.references) : unknownOf(expression, [collection, ...values], undefined, values));
    return { key: among(entries.map(([key]) => key), `${name}.key`), value: among(entries.map(([, value]) => value), `${name}.value`) };
  }
  const entries = entriesOf(collection);
  if (entries.length === 1) return { key: entries[0][0], value: entries[0][1] };
  return { key: anyOf(entries.map(([key]) => key), `${name}.key`), value: anyOf(entries.map(([, value]) => value), `${name}.value`) };
}

/** A for_each collection's keys and values: a set's (a list's) items are both. */
function entriesOf(collection: Value): [Value, Value][] {
  return Array.isArray(collection)
    ? collection.map((item): [Value, Value] => [item, item])
    : collection !== null && typeof collection === 'object' && !isUnknown(collection) ? Object.entries(collection) : [];
}

/** One of several values: the value when they are all the same, else an Unknown reading every reference they hold. */
function anyOf(values: readonly Value[], expression: string): Value {
  const text = JSON.stringify(values[0] ?? null);
  if (values.length > 0 && values.every((value) => JSON.stringify(value) === text)) return values[0];
  return unknownOf(expression, values, undefined, values.length > 0 ? values : undefined);
}

/** An iterator as the object Terraform reads: `count`'s index, another's key and value. */
function iteratorObject(name: string, iteration: Iteration): Value {
  return name === 'count' ? { index: iteration.key } : { key: iteration.key, value: iteration.value };
}

/** A scope with one more iterator bound, the others and the locals as they were. */
export function withIterator(scope: Scope, name: string, iteration: Iteration): Scope {
  return { local: (local) => scope.local(local), iterator: (other) => (other === name ? iteration : scope.iterator?.(other)) };
}

export const NO_LOCALS: Scope = { local: () => undefined };

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

/** Evaluates one JSON value of a configuration: strings as templates, lists and objects item by item. */
export function evaluateJson(value: unknown, scope: Scope): Value {
  if (typeof value === 'string') return evaluateTemplate(value, scope);
  if (Array.isArray(value)) return value.map((item) => evaluateJson(item, scope));
  if (value !== null && typeof value === 'object') {
    return objectOf(Object.entries(value).map(([key, item]) => [key, evaluateJson(item, scope)]), scope);
  }
  return value as Value;
}

/**
 * A JSON object used as an expression, its items evaluated: HCL's JSON syntax reads each property
 * name as a template too, so {"${\"tls\"}": "off"} is {tls = "off"} (twelfth review, A12b-2). A
 * name known only later, one that is not a string, number or bool, or two names of one value (which
 * Terraform refuses) make the whole object Unknown, reading every reference it holds.
 */
export function objectOf(entries: readonly (readonly [string, Value])[], scope: Scope): Value {
  // Stryker disable next-line ConditionalExpression: equivalent: a fast path, evaluateTemplate returns such a name unchanged
  const names = entries.map(([written]) => (PLAIN_NAME.test(written) ? written : evaluateTemplate(written, scope)));
  const object: { [key: string]: Value } = {};
  for (const [at, [, item]] of entries.entries()) {
    const name = names[at];
    const key = typeof name === 'string' ? name : typeof name === 'number' || typeof name === 'boolean' ? keyText(name) : undefined;
    if (key === undefined || Object.prototype.hasOwnProperty.call(object, key)) {
      const values = entries.map(([, value]) => value);
      const unknown = unknownOf(JSON.stringify(Object.fromEntries(entries)), [...names, ...values]);
      return new Unknown(unknown.expression, unknown.references, undefined, undefined, undefined, undefined, unknown.parts, undefined, names.map((each, index) => [each, values[index]]));
    }
    // Defined, not assigned: a name such as "__proto__" is an item like any other.
    Object.defineProperty(object, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** A property name with nothing to evaluate: no template, no byte order mark, nothing to normalize. */
const PLAIN_NAME = /^[^$%\u0080-\uffff]*$/;

/** A number or bool name as Terraform converts it to a string; undefined when it cannot be. */
function keyText(name: number | boolean): string | undefined {
  try {
    return asString(name);
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    return undefined;
  }
}

/** Evaluates a JSON string as a Terraform template. */
export function evaluateTemplate(written: string, scope: Scope): Value {
  // An ID with a ".." segment has no one reading: known only later (dot-segments.ts, A23-3).
  return withDotSegmentsRead(templateValue(written, scope));
}

/** A JSON string's value as Terraform reads it, a template. */
function templateValue(written: string, scope: Scope): Value {
  // HCL's scanner drops a byte order mark that opens the text (twelfth review, A12b-1).
  const text = written.startsWith(BYTE_ORDER_MARK) ? written.slice(1) : written;
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: a fast path, the parser returns such text unchanged
  if (!text.includes('${') && !text.includes('%{')) return normalized(text);
  // A carriage return without a newline stops HCL's scanner, and Terraform keeps the text as written.
  if (LONE_CARRIAGE_RETURN.test(text)) return unreadTemplate(text, scope);
  // Most of a synthesized stack's templates are one plain reference ("${azurerm_x.y.id}"):
  // the parser would return the same Unknown, at several times the cost.
  const reference = PLAIN_REFERENCE.exec(text);
  if (reference !== null && !NOT_A_REFERENCE.has(reference[2]) && scope.iterator?.(reference[2]) === undefined) return new Unknown(reference[1], [reference[1]]);
  // Nesting no stack needs would exhaust the parser's call stack: read as known only at apply.
  if (text.length > 2 * MAX_NESTING && nestingOf(text) > MAX_NESTING) return unreadTemplate(text, scope);
  try {
    const parser = new Parser(text, scope);
    const value = parser.template(undefined);
    // A reference whose key a directive computes (`x.v["%{ if true }a%{ endif }"].id`) is that reference, as Terraform resolves it.
    if (!parser.readDirective || (isUnknown(value) && value.isPlainReference)) return value;
    // A template with a directive stays known only later to every reader, as before: readers of names take it for any name (A24a-4)
    // and readers of its text see the directive, so an exact value here would set them against each other. What the directive
    // computes over values the evaluator knows is one of its parts, for readers of parts (33rd run, A33a-2: the ID in halves).
    const unread = unreadTemplate(text, scope);
    const withDirective = new Unknown(unread.expression, unread.references, unread.spelled, undefined, undefined, undefined, [...(unread.parts ?? []), value]);
    DIRECTIVE_READ.set(withDirective, value);
    return withDirective;
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    return unreadTemplate(text, scope);
  }
}

/**
 * One expression of `text` from `from`, read with no locals (a type constraint's optional default, type-defaults.ts): its value and
 * where it ends; undefined when the parser does not read it.
 */
export function expressionAt(text: string, from: number): { value: Value; end: number } | undefined {
  try {
    return new Parser(text, NO_LOCALS).expressionFrom(from);
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    return undefined;
  }
}

/**
 * A template the parser does not read (an `%{if}` or `%{for}` directive, syntax it does not evaluate), known only later: it reads its
 * references, each of which is a part read as the evaluator reads it alone (a local's value, an iterator's choices, the reference
 * itself: `%{ if var.x }${local.admin}%{ endif }`, 32nd run, A32b-1), and for each iterator bound in the scope that it names
 * (`each[*].value`, `concat([each])[0]`), what the iteration reads, its key and value among the parts: never nothing of it (A32a-3).
 */
function unreadTemplate(text: string, scope: Scope): Unknown {
  const references = referencesIn(text);
  const iterations = [...new Set(iteratorNamesIn(text))].flatMap((name) => {
    const iteration = scope.iterator?.(name);
    return iteration === undefined ? [] : [iteration.key, iteration.value];
  });
  const parts = [
    ...references.map((reference): Value => {
      if (reference.includes('[?]')) return new Unknown(reference, [reference]);
      try {
        return new Parser(reference, scope).expression();
      } catch (error) {
        if (!(error instanceof Unsupported)) throw error;
        return new Unknown(reference, [reference]);
      }
    }),
    ...iterations,
  ];
  return new Unknown(text, [...new Set([...references, ...iterations.flatMap(referencesOf)])], text, undefined, undefined, undefined, parts.length > 0 ? parts : undefined);
}

/**
 * A name read as a root (not an attribute, a quoted word or part of a longer name: HCL's names may hold hyphens, `1-each.value` is a
 * subtraction): `each` of `(each).value`, `each[*]`, `each.key`.
 */
const ROOT_NAME = /(?<![\w."]|[A-Za-z_][\w-]*-)[A-Za-z_][\w-]*(?![\w\-"])/g;

/** The names an expression's text reads as roots, any of which may be an iterator. */
function iteratorNamesIn(text: string): string[] {
  return [...text.matchAll(ROOT_NAME)].map((match) => match[0]);
}

/**
 * Whether an expression's text reads an iterator (`each`, `count`, a dynamic block's) in any way: `each.value`, `(each).value`,
 * `values(each)[1]`, `lookup(each, "value")`, `each[*]` (32nd run, A32a-3). A word in quotes is no reading of it.
 */
export function readsIterator(text: string, name: string): boolean {
  return iteratorNamesIn(text).includes(name);
}

/**
 * A quoted string's text as HCL reads it, its escapes decoded ("\u0061" is "a"), for readers that take quoted text out of an
 * expression the parser leaves as written (A17b-1's class: an escape hides no name). What HCL refuses (an unknown escape, a
 * code point past U+10FFFF) loses its backslash, as before.
 */
export function hclUnescaped(quoted: string): string {
  const simple: { readonly [c: string]: string } = { n: '\n', t: '\t', r: '\r' };
  return quoted.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_whole, escape: string) => {
    const point = escape.length > 1 ? parseInt(escape.slice(1), 16) : undefined;
    return point !== undefined && point <= 0x10ffff ? String.fromCodePoint(point) : simple[escape] ?? escape;
  });
}

const BYTE_ORDER_MARK = '\ufeff';
const LONE_CARRIAGE_RETURN = /\r(?!\n)/;

/**
 * Go's unicode.IsSpace, which HCL's strip markers trim with: JavaScript's \s without U+FEFF, with
 * U+0085 (twelfth review, A12b-1). Several characters when an escape decoded to one outside the BMP.
 */
function isGoSpace(c: string): boolean {
  return GO_SPACE.test(c);
}

const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

/**
 * A literal before "${~" as HCL leaves it: the white space at the end of its last token trimmed. In
 * a JSON string a token ends after each newline, so the trim stops there; a quoted string's literal
 * is one token, escapes decoded.
 */
function trimmedToken(literal: string, quoted: boolean): string {
  const from = quoted || literal.length < 2 ? 0 : literal.lastIndexOf('\n', literal.length - 2) + 1;
  let end = literal.length;
  while (end > from && isGoSpace(literal[end - 1])) end--;
  return literal.slice(0, end);
}

/** "${a.b.c}": identifiers joined by dots, nothing else (group 2 is the first identifier). */
const PLAIN_REFERENCE = /^\$\{(([a-zA-Z_][\w-]*)(?:\.[a-zA-Z_][\w-]*)*)\}$/;
/** First identifiers the parser reads as something else than a reference: a constant, or a local it evaluates. */
const NOT_A_REFERENCE = new Set(['true', 'false', 'null', 'local']);

/**
 * A name as HCL's scanner reads one: a Unicode letter (ID_Start) or "_", then ID_Continue or "-"
 * ("local.é" is a local Terraform reads; twelfth review, audit of A12b-1's class).
 */
const NAME = '[\\p{ID_Start}_][\\p{ID_Continue}-]*';
/** A traversal's first name (not a step after a dot, nor part of a longer name): referencesIn reads its steps from there. */
const TRAVERSAL_START = new RegExp(`(?<![\\p{ID_Continue}.-])${NAME}`, 'gu');
const STEP_AFTER_DOT = new RegExp(`^${NAME}`, 'u');
/** An instance key the readers' patterns match whole (traversal-text.ts INSTANCE_KEY). */
const WHOLE_KEY = new RegExp(`^${INSTANCE_KEY}$`);
/** What may start a step after a dot: a name, or a digit where a legacy index may follow. */
const NAME_START = /[\p{ID_Start}_]/u;
const IDENTIFIER = new RegExp(`^${NAME}`, 'u');
const STEP = new RegExp(`^(?:\\d+|${NAME})`, 'u');

/**
 * Traversals named in an expression, found by their shape (used when the syntax is not supported). An instance key is read to its
 * own closing bracket as HCL does (traversal-text.ts expressionEnd: strings, templates, heredocs, nested brackets), so the steps
 * after it stay the reference's (`data.x.y[<<EOT ... ].object_id`). A key the INSTANCE_KEY patterns of the readers cannot match
 * whole (brackets or a heredoc inside) is written `[?]`, any instance, and the references inside it are read too; a key never
 * closed ends the reference as `[?]` (thirtieth review, A30b-2).
 */
export function referencesIn(text: string): string[] {
  const found: string[] = [];
  let read = 0;
  for (const match of text.matchAll(TRAVERSAL_START)) {
    // A name inside a reference already read (in a key written whole) is not one of its own.
    if ((match.index ?? 0) < read) continue;
    let reference = match[0];
    let at = (match.index ?? 0) + reference.length;
    for (;;) {
      const step = text[at] === '.' ? STEP_AFTER_DOT.exec(text.slice(at + 1)) : null;
      if (step !== null) {
        reference += `.${step[0]}`;
        at += 1 + step[0].length;
      } else if (text[at] === '[' && reference.includes('.')) {
        const close = expressionEnd(text, at + 1, ']');
        const key = text.slice(at, close === undefined ? text.length : close + 1);
        const whole = close !== undefined && !key.includes('<<') && WHOLE_KEY.test(key);
        reference += whole ? key : '[?]';
        if (!whole) found.push(...referencesIn(key.slice(1)));
        if (close === undefined) break;
        at = close + 1;
      } else {
        break;
      }
    }
    if (reference.includes('.')) found.push(reference);
    read = at;
  }
  return [...new Set(found)];
}

/** Thrown inside the parser for syntax it does not evaluate; the whole value becomes Unknown. */
class Unsupported extends Error {}

/** How deep brackets may nest in an expression the parser reads; a synthesized stack nests a few. */
const MAX_NESTING = 100;
/** How deep the parser reads expressions and unary operators in one another (a bracket costs about two). */
const MAX_PARSE_DEPTH = 4 * MAX_NESTING;

/** The deepest nesting of brackets in a text (quotes not told apart: an upper bound). */
function nestingOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const c of text) {
    if (c === '(' || c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return deepest;
}

/** The argument a call gives back unchanged: tostring's text as it is, one([x])'s one item; undefined for any other call. */
function valueGivenBack(name: string, args: readonly Value[]): Value | undefined {
  if (args.length !== 1) return undefined;
  if (name === 'tostring') return args[0];
  return name === 'one' && Array.isArray(args[0]) && args[0].length === 1 ? args[0][0] : undefined;
}

const FUNCTIONS: { [name: string]: (args: Value[]) => Value } = {
  lower: ([s]) => asAscii(s).toLowerCase(),
  upper: ([s]) => asAscii(s).toUpperCase(),
  trimspace: ([s]) => asAscii(s).trim(),
  tostring: ([v]) => (v === null ? null : asString(v)),
  tonumber: ([v]) => (v === null ? null : asNumber(v)),
  tobool: ([v]) => (v === null ? null : asBool(v)),
  join: ([separator, ...lists]) => lists.flatMap(asList).map(asAscii).join(asAscii(separator)),
  concat: (lists) => ofOneType(lists.flatMap(asList)),
  // Lists inside the list, at any depth, replaced by their items; an object's are not (go-cty stdlib FlattenFunc, what a nested splat makes).
  flatten: ([list]) => flattened(asList(list)),
  distinct: ([list]) => ofOneType(asList(list)).filter((item, index, all) => all.findIndex((other) => same(other, item)) === index),
  split: ([separator, s]) => {
    // Go splits an empty separator into UTF-8 sequences, JavaScript into UTF-16 units: ASCII only.
    return asAscii(s).split(asAscii(separator));
  },
  element: ([list, index]) => {
    const items = ofOneType(asList(list));
    const at = asNumber(index);
    // Terraform refuses a negative index.
    if (items.length === 0 || at < 0) throw new Unsupported();
    return items[at % items.length];
  },
  replace: ([s, search, replacement]) => {
    const pattern = asAscii(search);
    // A search string between slashes is a regular expression in Terraform, and an empty one
    // inserts the replacement between every character: neither is evaluated here.
    if (pattern === '' || (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/'))) throw new Unsupported();
    return asAscii(s).split(pattern).join(asAscii(replacement));
  },
  // Naming functions (eighth review, A8-9).
  format: ([spec, ...args]) => formatted(asString(spec), args),
  lookup: ([map, key, ...fallback]) => {
    // An object's attribute as it is; a missing key is the default, without one an error (the default's type is not unified).
    if (map === null || typeof map !== 'object' || Array.isArray(map) || fallback.length > 1) throw new Unsupported();
    const found = ownValue(map as { [key: string]: Value }, asString(key));
    if (found !== undefined) return found;
    if (fallback.length === 0) throw new Unsupported();
    return fallback[0];
  },
  trimprefix: ([s, prefix]) => {
    const [text, start] = [asAscii(s), asAscii(prefix)];
    return text.startsWith(start) ? text.slice(start.length) : text;
  },
  trimsuffix: ([s, suffix]) => {
    const [text, end] = [asAscii(s), asAscii(suffix)];
    return end !== '' && text.endsWith(end) ? text.slice(0, -end.length) : text;
  },
  // Objects merged one level deep, a later argument's attribute replacing an earlier one's; null arguments are skipped (A18a-1).
  merge: (args) => {
    const merged: { [key: string]: Value } = {};
    for (const arg of args.filter((each) => each !== null)) {
      if (typeof arg !== 'object' || Array.isArray(arg)) throw new Unsupported();
      // Defined, not assigned: a name such as "__proto__" is an attribute like any other.
      for (const [key, item] of Object.entries(arg)) Object.defineProperty(merged, key, { value: item, enumerable: true, writable: true, configurable: true });
    }
    return merged;
  },
  // Collections read by their items (eighteenth review, A18a-5): an object's values in the order of its keys, a set of strings sorted.
  values: ([map]) => {
    if (map === null || typeof map !== 'object' || Array.isArray(map)) throw new Unsupported();
    const keys = Object.keys(map);
    if (!keys.every(isAscii)) throw new Unsupported();
    return keys.sort().map((key) => (map as { readonly [key: string]: Value })[key]);
  },
  toset: ([list]) => {
    const items = asList(list);
    if (!items.every((item) => typeof item === 'string' && isAscii(item))) throw new Unsupported();
    return [...new Set(items as string[])].sort();
  },
  coalesce: (args) => {
    const found = oneType(args).find((arg) => arg !== null && arg !== '');
    if (found === undefined) throw new Unsupported();
    return found;
  },
  // The functions a count or for_each is computed with (43rd run, A43b-2), over known values only: a list's or object's items known
  // only later keep its length and keys known, as in Terraform; an argument known only later keeps the result so (call, unknownOf).
  length: ([value]) => lengthOf(value),
  // go-cty stdlib MinFunc/MaxFunc: at least one number (a string of digits converts), no list.
  min: (args) => {
    if (args.length === 0) throw new Unsupported();
    return Math.min(...args.map(asNumber));
  },
  max: (args) => {
    if (args.length === 0) throw new Unsupported();
    return Math.max(...args.map(asNumber));
  },
  abs: ([n]) => safeInteger(Math.abs(asNumber(n))),
  // Of an integer, itself: a decimal is not read (a JSON number's text may be closer to an integer than its double says).
  ceil: ([n]) => asNumber(n),
  floor: ([n]) => asNumber(n),
  // An object's keys sorted, as Terraform returns them (ASCII only: Go and JavaScript sort those alike).
  keys: ([map]) => {
    if (map === null || typeof map !== 'object' || Array.isArray(map)) throw new Unsupported();
    const keys = Object.keys(map);
    if (!keys.every(isAscii)) throw new Unsupported();
    return keys.sort();
  },
  // Conversions of a collection whose items are of one scalar type (Terraform unifies others by rules not read here).
  tolist: ([list]) => ofOneType(asList(list)),
  tomap: ([map]) => {
    if (map === null || typeof map !== 'object' || Array.isArray(map)) throw new Unsupported();
    ofOneType(Object.values(map));
    return map;
  },
};

/**
 * Terraform's `length`: a list's or an object's count of items (known even where some items are known only later), a string's
 * count of grapheme clusters (go-cty stdlib Strlen, textseg): read for ASCII only, where each character is one but CR LF, which
 * Unicode keeps as one cluster (UAX #29, GB3). Null, numbers and bools are refused, as Terraform does.
 */
function lengthOf(value: Value): number {
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'string') return asAscii(value).length - (value.match(/\r\n/g) ?? []).length;
  if (value !== null && typeof value === 'object' && !isUnknown(value)) return Object.keys(value).length;
  throw new Unsupported();
}

/**
 * `format` with the verbs names are built with: `%s` (a string, number or bool as Terraform converts
 * it), `%d` (an integer) and `%%`; flags, widths, other verbs and a count of arguments that does
 * not match (which Terraform refuses) are not evaluated.
 */
function formatted(spec: string, args: readonly Value[]): Value {
  let next = 0;
  const text = spec.replace(/%(.?)/gs, (_, verb: string) => {
    if (verb === '%') return '%';
    if (verb !== 's' && verb !== 'd') throw new Unsupported();
    const arg = args[next++];
    if (arg === undefined || arg === null) throw new Unsupported();
    return verb === 's' ? asString(arg) : numberText(asNumber(arg));
  });
  if (next !== args.length) throw new Unsupported();
  return normalized(text);
}

/** A recursive-descent parser and evaluator over one template string. */
class Parser {
  private pos = 0;
  /** How many expressions and unary operators are being read inside one another. */
  private depth = 0;
  /** The symbols of the `for` expressions being read (`k`, `v` of `for k, v in ...`), each bound to the item read. */
  private readonly symbols = new Map<string, Value>();
  /** Whether a `%{if}` or `%{for}` directive was read (templateValue keeps such a template known only later, its value a part). */
  public readDirective = false;

  constructor(private readonly src: string, private readonly scope: Scope) {}

  /** One expression from `from` (expressionAt), and where it ends. */
  public expressionFrom(from: number): { value: Value; end: number } {
    this.pos = from;
    const value = this.expression();
    return { value, end: this.pos };
  }

  /**
   * A template up to `end` (a closing quote inside an expression) or the end of the text. In a
   * quoted string backslash escapes apply; a JSON string had its escapes decoded by JSON already.
   */
  public template(end: '"' | undefined): Value {
    const start = this.pos;
    const read = this.templateParts(end, false);
    if (read.closer !== undefined) throw new Unsupported();
    const parts = read.parts;
    // Template interpolation unwrapping: "${x}" alone is x itself, of its own type. " ${~x}" is x as text
    // (A12b-1); a value known only later stays what it reads, so "${~<server>.id}" still names its server.
    if (parts.length === 1 && 'value' in parts[0] && (!read.literalToken || isUnknown(parts[0].value))) return parts[0].value;
    return joinedParts(parts, this.src.slice(start, this.pos));
  }

  /**
   * A template's parts up to `end`, the end of the text or a directive that closes the one being read (`%{else}`, `%{endif}`,
   * `%{endfor}`: its keyword, and whether its `~}` trims the literal after it). `trimming` is whether the literal that opens it is trimmed.
   */
  private templateParts(end: '"' | undefined, trimStart: boolean): { parts: TemplatePart[]; literalToken: boolean; closer?: string; trimAfter: boolean } {
    const parts: TemplatePart[] = [];
    let literal = '';
    /** Whether the text holds a literal token, even one a strip marker trims to nothing. */
    let literalToken = false;
    /** After "~}": white space is dropped from the literal token that follows (HCL trims it decoded). */
    let trimming = trimStart;
    const quoted = end !== undefined;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (quoted && c === end) break;
      if (this.src.startsWith('$${', this.pos) || this.src.startsWith('%%{', this.pos)) {
        literal += this.src.slice(this.pos + 1, this.pos + 3);
        literalToken = true;
        trimming = false;
        this.pos += 3;
      } else if (this.src.startsWith('${', this.pos) || this.src.startsWith('%{', this.pos)) {
        const directive = this.src[this.pos] === '%';
        const from = this.pos;
        this.pos += 2;
        trimming = false;
        if (this.eat('~')) literal = trimmedToken(literal, quoted);
        if (literal !== '') parts.push({ literal });
        literal = '';
        this.space();
        if (!directive) {
          const at = this.pos;
          const value = this.expression();
          parts.push({ value, source: this.src.slice(at, this.pos) });
          this.space();
          trimming = this.eat('~');
          this.expect('}');
          continue;
        }
        const keyword = this.identifier();
        this.readDirective = true;
        if (keyword === 'else' || keyword === 'endif' || keyword === 'endfor') {
          this.space();
          const trimAfter = this.eat('~');
          this.expect('}');
          return { parts, literalToken, closer: keyword, trimAfter };
        }
        const read = keyword === 'if' ? this.ifDirective(end, from) : keyword === 'for' ? this.forDirective(end, from) : undefined;
        if (read === undefined) throw new Unsupported();
        parts.push({ value: read.value, source: this.src.slice(from, this.pos), directive: true });
        trimming = read.trimAfter;
      } else {
        // A quoted string may not hold a newline (Terraform refuses it); a JSON string's token ends after one.
        if (quoted && (c === '\n' || c === '\r')) throw new Unsupported();
        const decoded = quoted && c === '\\' ? this.escape() : this.src[this.pos++];
        literalToken = true;
        if (!trimming || !isGoSpace(decoded)) literal += decoded;
        trimming &&= isGoSpace(decoded) && (quoted || decoded !== '\n');
      }
    }
    if (literal !== '') parts.push({ literal });
    return { parts, literalToken, trimAfter: false };
  }

  /** The header's end (`~}` or `}`): whether it trims the literal after it. */
  private directiveEnd(): boolean {
    this.space();
    const trims = this.eat('~');
    this.expect('}');
    return trims;
  }

  /**
   * An `%{if}` directive after its keyword, to its `%{endif}` (33rd run, A33a-2): over a condition the evaluator knows, the branch it
   * takes, as text; over one known only later, one of the two (choices), each read.
   */
  private ifDirective(end: '"' | undefined, from: number): { value: Value; trimAfter: boolean } {
    const condition = this.expression();
    const whenTrue = this.templateParts(end, this.directiveEnd());
    let whenFalse: ReturnType<Parser['templateParts']> = { parts: [], literalToken: false, trimAfter: false };
    if (whenTrue.closer === 'else') whenFalse = this.templateParts(end, whenTrue.trimAfter);
    const last = whenTrue.closer === 'else' ? whenFalse : whenTrue;
    if (last.closer !== 'endif') throw new Unsupported();
    const source = this.src.slice(from, this.pos);
    const [yes, no] = [joinedParts(whenTrue.parts, source), joinedParts(whenFalse.parts, source)];
    const value = isUnknown(condition) ? unknownOf(source, [condition, yes, no], undefined, [yes, no], [yes, no]) : asBool(condition) ? yes : no;
    return { value, trimAfter: last.trimAfter };
  }

  /**
   * A `%{for}` directive after its keyword, to its `%{endfor}` (33rd run, A33a-2): over a collection the evaluator knows (a list's items,
   * an object's attributes in the order of their keys, as Terraform iterates), the body read for each item with its symbols bound, the
   * texts joined; over one known only later, a value known only later whose parts are the collection and the body read once with the
   * symbols bound as a `for` expression's are (forSymbols: what the collection reads, over known choices its items).
   */
  private forDirective(end: '"' | undefined, from: number): { value: Value; trimAfter: boolean } {
    const { names, collection } = this.forHeader();
    const trimStart = this.directiveEnd();
    const body = this.pos;
    const saved = names.map((name) => this.symbols.get(name));
    const readBody = (values: readonly Value[]) => {
      this.pos = body;
      names.forEach((name, at) => this.symbols.set(name, values[at]));
      const read = this.templateParts(end, trimStart);
      if (read.closer !== 'endfor') throw new Unsupported();
      return read;
    };
    try {
      const shape = readBody(forSymbols(names, collection));
      const after = this.pos;
      const source = this.src.slice(from, after);
      if (isUnknown(collection)) {
        const read = joinedParts(shape.parts, source);
        return { value: unknownOf(source, [collection, read], undefined, undefined, [collection, read]), trimAfter: shape.trimAfter };
      }
      const texts = forEntries(collection).map(([key, item]) => joinedParts(readBody(names.length === 1 ? [item] : [key, item]).parts, source));
      this.pos = after;
      return { value: joinedParts(texts.map((value) => ({ value, source })), source), trimAfter: shape.trimAfter };
    } finally {
      names.forEach((name, at) => (saved[at] === undefined ? this.symbols.delete(name) : this.symbols.set(name, saved[at] as Value)));
    }
  }

  public expression(): Value {
    return this.nested(() => this.conditional());
  }

  /**
   * Reads one level deeper. Brackets are not the only nesting: a chain of "!", unary "-" or
   * conditionals recurses once per operator, so the depth is counted here, not in the text.
   */
  private nested<T>(read: () => T): T {
    if (++this.depth > MAX_PARSE_DEPTH) throw new Unsupported();
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  private conditional(): Value {
    const start = this.pos;
    const condition = this.binary(0);
    this.space();
    if (!this.eat('?')) return condition;
    const whenTrue = this.expression();
    this.space();
    this.expect(':');
    const whenFalse = this.expression();
    if (isUnknown(condition)) return unknownOf(this.source(start), [condition, whenTrue, whenFalse], undefined, [whenTrue, whenFalse]);
    return asBool(condition) ? unified(whenTrue, whenFalse) : unified(whenFalse, whenTrue);
  }

  private static readonly LEVELS = [['||'], ['&&'], ['==', '!='], ['<=', '>=', '<', '>'], ['+', '-'], ['*', '/', '%']];

  private binary(level: number): Value {
    if (level === Parser.LEVELS.length) return this.unary();
    const start = this.pos;
    let left = this.binary(level + 1);
    for (;;) {
      this.space();
      // Two-character operators come first in their level, so "<=" is never read as "<".
      const operator = Parser.LEVELS[level].find((op) => this.src.startsWith(op, this.pos));
      if (operator === undefined) return left;
      this.pos += operator.length;
      const right = this.binary(level + 1);
      left = isUnknown(left) || isUnknown(right) ? unknownOf(this.source(start), [left, right], undefined, undefined, []) : operate(operator, left, right);
    }
  }

  private unary(): Value {
    this.space();
    const start = this.pos;
    if (this.eat('!')) {
      const value = this.nested(() => this.unary());
      // "!var.x" reads var.x but is not var.x: never a plain reference.
      return isUnknown(value) ? unknownOf(this.source(start), [value], undefined, undefined, []) : !asBool(value);
    }
    if (this.src[this.pos] === '-') {
      this.pos++;
      const value = this.nested(() => this.unary());
      return isUnknown(value) ? unknownOf(this.source(start), [value], undefined, undefined, []) : safeInteger(-asNumber(value));
    }
    return this.postfix(this.primary(), start);
  }

  private primary(): Value {
    this.space();
    const c = this.src[this.pos];
    if (c === '(') {
      this.pos++;
      const value = this.expression();
      this.space();
      this.expect(')');
      return value;
    }
    if (c === '"') {
      this.pos++;
      const value = this.template('"');
      this.expect('"');
      return value;
    }
    if (c === '[') return this.tuple();
    if (c === '{') return this.object();
    if (this.src.startsWith('<<', this.pos)) return this.heredoc();
    const number = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.src.slice(this.pos));
    if (number) {
      this.pos += number[0].length;
      return exactNumber(number[0]);
    }
    const start = this.pos;
    const name = this.identifier();
    if (name === 'true') return true;
    if (name === 'false') return false;
    if (name === 'null') return null;
    this.space();
    if (this.eat('(')) return this.call(name, start);
    return this.traversal(name);
  }

  /**
   * A heredoc (`<<EOT`, a line break, lines, a line holding `EOT` alone): its lines up to the marker's are a template, read as a
   * JSON string's (no backslash escapes; traversal-text.ts heredocEnd finds the marker as hclsyntax does). A flush heredoc (`<<-`)
   * trims the indent its lines share, which is not read here: not evaluated (thirtieth review, A30b-2).
   */
  private heredoc(): Value {
    const end = heredocEnd(this.src, this.pos);
    if (end === undefined || this.src.startsWith('<<-', this.pos)) throw new Unsupported();
    const bodyStart = this.src.indexOf('\n', this.pos) + 1;
    const markerLine = this.src.lastIndexOf('\n', end - 2) + 1;
    const body = this.src.slice(bodyStart, markerLine);
    this.pos = end;
    // Stryker disable next-line ConditionalExpression: equivalent: a fast path, the parser returns such text unchanged
    if (!body.includes('${') && !body.includes('%{')) return normalized(body);
    const parser = new Parser(body, this.scope);
    parser.depth = this.depth;
    return parser.template(undefined);
  }

  private tuple(): Value {
    const start = this.pos;
    this.pos++;
    this.space();
    if (FOR_KEYWORD.test(this.src.slice(this.pos, this.pos + 4))) return this.forExpression(start, ']');
    const items: Value[] = [];
    while (!this.eat(']')) {
      items.push(this.expression());
      this.space();
      if (!this.eat(',')) {
        this.space();
        this.expect(']');
        break;
      }
      this.space();
    }
    return items;
  }

  private object(): Value {
    const start = this.pos;
    this.pos++;
    this.space();
    if (FOR_KEYWORD.test(this.src.slice(this.pos, this.pos + 4))) return this.forExpression(start, '}');
    const entries: [string, Value][] = [];
    // The keys read, so a key written twice is found at once, whatever the object's size (55th run, A55a-10).
    const keys = new Set<string>();
    while (!this.eat('}')) {
      const key = this.src[this.pos] === '"' ? this.primary() : this.identifier();
      // Terraform refuses a key written twice; keys outside ASCII are normalized and compared as Go does.
      if (typeof key !== 'string' || !isAscii(key) || keys.has(key)) throw new Unsupported();
      keys.add(key);
      this.space();
      if (!this.eat('=') && !this.eat(':')) throw new Unsupported();
      entries.push([key, this.expression()]);
      this.space();
      this.eat(',');
      this.space();
    }
    return Object.fromEntries(entries);
  }

  private call(name: string, start: number): Value {
    const args: Value[] = [];
    this.space();
    while (!this.eat(')')) {
      args.push(this.expression());
      this.space();
      if (!this.eat(',')) {
        this.space();
        this.expect(')');
        break;
      }
      this.space();
    }
    // Its text is known only later here (Terraform's exact encoding is not made), but what it encodes is kept for readers of JSON text.
    if (name === 'jsonencode' && args.length === 1) return new Unknown(this.source(start), [...new Set(referencesOf(args[0]))], undefined, undefined, args[0], undefined, args);
    if (name === 'merge' && args.some(isUnknown)) return new Unknown(this.source(start), [...new Set(referencesOf(args))], undefined, undefined, undefined, FUNCTIONS.merge(args.filter((arg) => !isUnknown(arg))) as { [key: string]: Value }, args);
    // Of a reference known only later, such a call is that reference, for every reader that reads one (a lookup's name or ID, a role's name).
    const kept = valueGivenBack(name, args);
    if (isUnknown(kept) && kept.isPlainReference) return kept;
    const fn = ownValue(FUNCTIONS, name);
    if (fn === undefined || args.some(isUnknown)) return unknownOf(this.source(start), args, undefined, choicesOf(name, args) ?? (fn === undefined ? undefined : combined(args, fn)));
    return fn(args);
  }

  /**
   * A `for` expression (`[for v in c : e if f]`, `{for k, v in c : ke => ve... if f}`) from its keyword to its closing bracket, read over
   * a collection the evaluator knows as Terraform does (30th run, A30a-2): a list's items with their indexes, an object's attributes in the
   * order of their keys, each item through the body with its symbols bound. Over a collection known only later whose choices are all
   * known, its choices are each choice's result; a condition known only later for at most MAX_FILTERED items makes the result one of the
   * subsets they may keep (choices). Anything else (a collection or key known only later, a body Terraform would refuse or this
   * evaluator does not read) is a value known only later reading what the collection and body read, the symbols aside.
   */
  /** A `for` expression's or directive's symbols and collection, after its keyword: `v in c`, `k, v in c`. */
  private forHeader(): { names: string[]; collection: Value } {
    this.space();
    const names = [this.identifier()];
    this.space();
    if (this.eat(',')) {
      this.space();
      names.push(this.identifier());
      this.space();
    }
    if (this.identifier() !== 'in') throw new Unsupported();
    return { names, collection: this.expression() };
  }

  private forExpression(start: number, close: ']' | '}'): Value {
    this.pos += 3;
    const { names, collection } = this.forHeader();
    this.space();
    this.expect(':');
    const body = this.pos;
    // Read once with the symbols known only later: where the body ends, and what it reads besides them. Each symbol reads what the
    // collection reads and, over a known collection, is one of its keys or items: a reader of parts takes it for no unread constant.
    const shape = this.forBody(body, names, forSymbols(names, collection), close);
    const end = this.pos;
    const source = this.src.slice(start, end).trim();
    const resultsOf = (items: Value): readonly Value[] | undefined => {
      try {
        return this.forResults(body, names, items, close);
      } catch (error) {
        if (!(error instanceof Unsupported)) throw error;
        return undefined;
      } finally {
        this.pos = end;
      }
    };
    const options = isUnknown(collection) ? collection.choices?.every((choice) => !isUnknown(choice)) === true ? collection.choices : undefined : [collection];
    const read = options?.map(resultsOf);
    const results = read !== undefined && read.length > 0 && read.every((each) => each !== undefined) ? (read as (readonly Value[])[]).flat() : undefined;
    if (!isUnknown(collection) && results?.length === 1) return results[0];
    // A filter's condition decides which items stay, it is none of them: not among the parts read inside.
    const made = unknownOf(source, [collection, ...shape.parts], undefined, results, [collection, ...(shape.key === undefined ? [] : [shape.key]), shape.value]);
    // Its items, for a reader of one item's attribute (mayBeRead): a grouped one's are lists of such values.
    return new Unknown(made.expression, made.references, made.spelled, made.choices, undefined, undefined, made.parts, [shape.grouped ? [shape.value] : shape.value]);
  }

  /** A `for` expression's body read once with its symbols bound to the values given: its key, value, grouping and condition, and all its parts. */
  private forBody(body: number, names: readonly string[], values: readonly Value[], close: ']' | '}'): { key?: Value; value: Value; grouped: boolean; condition?: Value; parts: Value[] } {
    this.pos = body;
    const saved = names.map((name) => this.symbols.get(name));
    names.forEach((name, at) => this.symbols.set(name, values[at]));
    try {
      const first = this.expression();
      this.space();
      const keyed = close === '}';
      if (keyed && !this.eat('=>')) throw new Unsupported();
      const value = keyed ? this.expression() : first;
      this.space();
      const grouped = keyed && this.eat('...');
      this.space();
      let condition: Value | undefined;
      if (this.src.startsWith('if', this.pos) && !NAME_CONTINUE.test(this.src.charAt(this.pos + 2))) {
        this.pos += 2;
        condition = this.expression();
        this.space();
      }
      this.expect(close);
      const parts = [...(keyed ? [first] : []), value, ...(condition === undefined ? [] : [condition])];
      return { key: keyed ? first : undefined, value, grouped, condition, parts };
    } finally {
      names.forEach((name, at) => (saved[at] === undefined ? this.symbols.delete(name) : this.symbols.set(name, saved[at] as Value)));
    }
  }

  /** The values a `for` expression may have over a collection the evaluator knows (forExpression): one, or the subsets a condition may keep. */
  private forResults(body: number, names: readonly string[], collection: Value, close: ']' | '}'): readonly Value[] {
    const read = forEntries(collection).map(([key, item]) => this.forBody(body, names, names.length === 1 ? [item] : [key, item], close));
    const kept = read.filter((each) => each.condition === undefined || (!isUnknown(each.condition) && asBool(each.condition)));
    const maybe = read.filter((each) => isUnknown(each.condition));
    if (maybe.length > MAX_FILTERED) throw new Unsupported();
    // Each subset of the items a condition known only later may keep, in the collection's order.
    const subsets = [...Array(2 ** maybe.length).keys()].map((mask) => read.filter((each) => kept.includes(each) || (maybe.includes(each) && (mask & (2 ** maybe.indexOf(each))) !== 0)));
    return subsets.map((items) => (close === ']' ? items.map((each) => each.value) : forObject(items)));
  }

  /** A variable, resource, data or local reference with its attribute and index steps. */
  private traversal(root: string): Value {
    let path = root;
    const steps: (string | Value)[] = [];
    const dotted: boolean[] = [];
    for (;;) {
      if (this.src[this.pos] === '.' && (this.startsName(this.pos + 1) || /\d/.test(this.src.charAt(this.pos + 1)))) {
        this.pos++;
        const step = this.token(STEP);
        path += `.${step}`;
        steps.push(step);
        dotted.push(true);
      } else if (this.src[this.pos] === '[' && !SPLAT.test(this.src.slice(this.pos))) {
        this.pos++;
        const index = this.key();
        path += `[${isUnknown(index) ? '?' : JSON.stringify(index)}]`;
        steps.push(index);
        dotted.push(false);
      } else {
        break;
      }
    }
    // A `for` expression's symbol: the item it is bound to. A path into an item known only later without choices stays written whole
    // (`v.result`, not `v`), as each.value's does below, so a reader knows which attribute of the collection's items it reads.
    const symbol = this.symbols.get(root);
    if (symbol !== undefined) {
      const read = steps.reduce<Value>((current, step, at) => index(current, step, path, dotted[at]), symbol);
      const whole = read === symbol && isUnknown(symbol) && steps.length > 0 && !steps.some(isUnknown);
      return whole ? new Unknown(path, symbol.references, undefined, undefined, undefined, undefined, symbol.parts) : read;
    }
    // Stryker disable next-line ConditionalExpression: equivalent: a local's name is never a number, so local[0] finds none either way
    if (root === 'local' && typeof steps[0] === 'string') {
      const value = this.scope.local(steps[0]);
      if (value === undefined) return new Unknown(path, [path]);
      return steps.slice(1).reduce<Value>((current, step, at) => index(current, step, path, dotted[at + 1]), value);
    }
    const iteration = this.scope.iterator?.(root);
    if (iteration === undefined) return new Unknown(path, [path]);
    // count.index is the `count` iterator's key (instance-arguments.ts countIteration; A21a-4).
    const step = root === 'count' && steps[0] === 'index' ? 'key' : steps[0];
    if (step === 'key' || step === 'value') {
      const item = iteration[step];
      const read = steps.slice(1).reduce<Value>((current, next, at) => index(current, next, path, dotted[at + 1]), item);
      // A path into an item known only later without choices stays written whole (`each.value.id`, not `each.value`), so a reader knows
      // which attribute of the item it reads (administrator-memberships.ts unreadIteration; 33rd run, A33a-4).
      const whole = read === item && isUnknown(item) && steps.length > 1 && !steps.some(isUnknown);
      return whole ? new Unknown(path, item.references) : read;
    }
    // The iterator read any other way (`(each).value`, `values(each)[1]`, `each[var.k]`, `merge(each)`): the object whose attributes
    // carry the iteration's choices, as HCL binds a dynamic block's iterator (32nd run, A32a-3); an attribute it has not, as before.
    try {
      return steps.reduce<Value>((current, next, at) => index(current, next, path, dotted[at]), iteratorObject(root, iteration));
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      return new Unknown(path, [path]);
    }
  }

  private postfix(value: Value, start: number): Value {
    let current = value;
    for (;;) {
      const splat = SPLAT.exec(this.src.slice(this.pos)) ?? LEGACY_SPLAT.exec(this.src.slice(this.pos));
      if (splat !== null) {
        this.pos += splat[0].length;
        current = this.splat(current, splat[0].startsWith('['));
      } else if (this.src[this.pos] === '[') {
        this.pos++;
        const key = this.key();
        current = stepped(current, index(current, key, this.source(start)), this.source(start), key);
      } else if (this.src[this.pos] === '.' && this.startsName(this.pos + 1)) {
        this.pos++;
        const name = this.identifier();
        current = stepped(current, index(current, name, this.source(start), true), this.source(start), name);
      } else {
        return current;
      }
    }
  }

  /**
   * A splat (`[*]`, or the legacy `.*`) after its operator, with the steps it applies to each item, over a value the evaluator knows, as
   * HCL reads it (33rd run, A33a-1): a list's (or set's) items each stepped, null no item, any other value one. A full splat applies the
   * rest of the traversal to each item, further splats included (`local.nest[*].inner[*].id` is a list of lists: hashicorp/hcl
   * hclsyntax/parser.go parseExpressionTraversals, spec.md "Splat Operators"; 34th run, A34a-1); the legacy one only attributes, and
   * HCL refuses a splat after it ("Nested splat expression not allowed"). Over a value known only later, at any depth, the parser does
   * not read it: the template is read by its references (unreadTemplate), each read alone, as before.
   */
  private splat(value: Value, full: boolean): Value {
    const end = splatStepsEnd(this.src, this.pos, full);
    const steps = full ? this.splatSteps() : this.legacySplatSteps();
    // Where the steps end is the one reading of a splat's extent (traversal-text.ts splatStepsEnd, which the rewrite of a block's splat
    // follows too: 35th run, A35b-2); steps read to anywhere else are not read.
    if (this.pos !== end) throw new Unsupported();
    return splatOver(value, steps);
  }

  /** The steps a full splat applies to each item: attributes, indexes, a legacy splat (with its steps) and a full splat, which takes the rest. */
  private splatSteps(): SplatStep[] {
    const steps: SplatStep[] = [];
    for (;;) {
      const rest = this.src.slice(this.pos);
      const splat = SPLAT.exec(rest) ?? LEGACY_SPLAT.exec(rest);
      if (splat !== null) {
        this.pos += splat[0].length;
        if (splat[0].startsWith('[')) {
          // Read one level deeper: a text of many `[*]` nests as deep (MAX_PARSE_DEPTH), never past the stack.
          steps.push({ each: this.nested(() => this.splatSteps()) });
          return steps;
        }
        steps.push({ each: this.legacySplatSteps() });
      } else if (this.src[this.pos] === '.' && (this.startsName(this.pos + 1) || /\d/.test(this.src.charAt(this.pos + 1)))) {
        steps.push(this.dotStep());
      } else if (this.src[this.pos] === '[') {
        this.pos++;
        steps.push({ key: this.key() });
      } else {
        return steps;
      }
    }
  }

  /** The attributes and legacy indexes (`.0`) a legacy splat (`.*`) applies to each item; HCL refuses a splat among them. */
  private legacySplatSteps(): SplatStep[] {
    const steps: SplatStep[] = [];
    for (;;) {
      if (LEGACY_SPLAT.test(this.src.slice(this.pos))) throw new Unsupported();
      if (this.src[this.pos] !== '.' || !(this.startsName(this.pos + 1) || /\d/.test(this.src.charAt(this.pos + 1)))) return steps;
      steps.push(this.dotStep());
    }
  }

  /** A step after a dot: an attribute, or a legacy index (`.0`, a number: hashicorp/hcl hclsyntax/parser.go, "weird stuff inherited from HIL"). */
  private dotStep(): SplatStep {
    this.pos++;
    const step = this.token(STEP);
    return { key: /^\d/.test(step) ? Number(step) : step, dotted: true };
  }

  /**
   * An instance key or index, to its closing bracket. A key the parser does not read (a flush heredoc, a directive, syntax it does
   * not evaluate) is known only later, any instance, read to its own closing bracket as HCL does (traversal-text.ts expressionEnd),
   * so the traversal around it stays one reference (`data.azuread_user.adm[?].object_id`), never text no reader matches (A30b-2).
   */
  private key(): Value {
    const start = this.pos;
    const depth = this.depth;
    try {
      const key = this.expression();
      this.space();
      this.expect(']');
      return key;
    } catch (error) {
      const close = error instanceof Unsupported ? expressionEnd(this.src, start, ']') : undefined;
      // A splat (`[*]`) is no key: the template is read by its references, as before.
      if (close === undefined || this.src.slice(start, close).trim() === '*') throw error;
      this.depth = depth;
      this.pos = close + 1;
      const text = this.src.slice(start, close);
      return new Unknown(text, referencesIn(text));
    }
  }

  /** The source text of an expression from a position to here. */
  private source(start: number): string {
    return this.src.slice(start, this.pos).trim();
  }

  private identifier(): string {
    // Stryker disable next-line Regex: the anchor only matters for text that is not HCL, which fails either way
    return this.token(IDENTIFIER);
  }

  /** True when a name starts at a position (a letter outside the BMP is two code units). */
  private startsName(at: number): boolean {
    const c = this.src.codePointAt(at);
    return c !== undefined && NAME_START.test(String.fromCodePoint(c));
  }

  /** The text of a token that starts here, consumed. */
  private token(pattern: RegExp): string {
    const match = pattern.exec(this.src.slice(this.pos));
    if (match === null) throw new Unsupported();
    this.pos += match[0].length;
    return match[0];
  }

  private escape(): string {
    const next = this.src[this.pos + 1];
    const simple: { [c: string]: string } = { 'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\' };
    if (next in simple) {
      this.pos += 2;
      return simple[next];
    }
    const unicode = /^\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/.exec(this.src.slice(this.pos));
    if (unicode === null) throw new Unsupported();
    this.pos += unicode[0].length;
    return String.fromCodePoint(parseInt(unicode[1].slice(1), 16));
  }

  /**
   * Skips what HCL reads between tokens: spaces, tabs and newlines ("\r\n" or "\n"). Any other
   * white space is a character HCL refuses, which the parser then fails on (A12b-1).
   */
  private space(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\n') this.pos++;
      else if (c === '\r' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else return;
    }
  }

  private eat(token: string): boolean {
    if (!this.src.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.eat(token)) throw new Unsupported();
  }
}

/** A known collection's entries as a `for` reads them: a list's items with their indexes, an object's attributes in the lexical order of their names. */
function forEntries(collection: Value): [Value, Value][] {
  if (collection === null || typeof collection !== 'object' || isUnknown(collection)) throw new Unsupported();
  const keys = Array.isArray(collection) ? collection.map((_item, at) => at) : Object.keys(collection);
  if (!keys.every((key) => typeof key === 'number' || isAscii(key))) throw new Unsupported();
  return Array.isArray(collection) ? collection.map((item, at) => [at, item])
    : Object.keys(collection).sort().map((key) => [key, (collection as { readonly [key: string]: Value })[key]]);
}

/** A step a splat applies to each item: an attribute or index, or a splat nested in it with its own steps. */
type SplatStep = { readonly key: Value; readonly dotted?: boolean } | { readonly each: readonly SplatStep[] };

/** A splat's steps applied to each item of a value the evaluator knows (Parser.splat); over a value known only later it is not read. */
function splatOver(value: Value, steps: readonly SplatStep[]): Value {
  if (isUnknown(value)) throw new Unsupported();
  const items = value === null ? [] : Array.isArray(value) ? value : [value];
  return items.map((item) => steps.reduce<Value>((current, step) => ('key' in step ? index(current, step.key, 'splat', step.dotted) : splatOver(current, step.each)), item));
}

/** A splat operator (`[*]`, spaces allowed inside) and the legacy one (`.*`), where a step may be. */
const SPLAT = /^\[[ \t\n]*\*[ \t\n]*\]/;
const LEGACY_SPLAT = /^\.\*(?![\p{ID_Continue}])/u;

/** The keyword that opens a `for` expression after its bracket. */
const FOR_KEYWORD = /^for[ \t\n\r]/;
/** A character that continues a name (so "iffy" is no `if`). */
const NAME_CONTINUE = /[\p{ID_Continue}-]/u;
/** Items of a `for` expression whose condition is known only later, at most, read as the subsets they may keep (2^n choices). */
const MAX_FILTERED = 3;

/**
 * The object a `for` expression makes of its items' keys and values: a key known only later, or one Terraform cannot convert to a string,
 * is not read; a key given twice is an error without the grouping mode (`...`), which makes each key's values a list.
 */
function forObject(items: readonly { readonly key?: Value; readonly value: Value; readonly grouped: boolean }[]): Value {
  const object: { [key: string]: Value } = {};
  for (const { key, value, grouped } of items) {
    if (key === undefined || isUnknown(key)) throw new Unsupported();
    const name = asString(key);
    const found = Object.prototype.hasOwnProperty.call(object, name);
    if (found && !grouped) throw new Unsupported();
    const next = grouped ? [...((found ? object[name] : []) as Value[]), value] : value;
    Object.defineProperty(object, name, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** An Unknown written as `expression`, reading every reference in its parts, at any depth. */
function unknownOf(expression: string, parts: readonly Value[], spelled?: string, choices?: readonly Value[], inside: readonly Value[] | undefined = parts): Unknown {
  const read = choices === undefined || choices.length === 0 ? inside : undefined;
  return new Unknown(expression, [...new Set(parts.flatMap(referencesOf))], spelled, choices, undefined, undefined, read !== undefined && read.length > 0 ? read : undefined);
}

/** The items of a constant collection (a list, an object's values), undefined for anything else. */
function itemsOf(value: Value | undefined): readonly Value[] | undefined {
  if (value === undefined || value === null || typeof value !== 'object' || isUnknown(value)) return undefined;
  return Array.isArray(value) ? value : Object.values(value);
}

/**
 * An attribute or item of a value known only later that has choices (`local.envs[var.env].workspace_id`, `each.value.id`): the same
 * value, its choices each one's attribute, so a sibling attribute is not read as one it may be; as it was when a choice has none.
 */
function indexedChoices(value: Unknown, key: Value, expression: string, dotted: boolean): Value {
  // A key of JSON text decoded elsewhere (`local.creds.password`, `local.creds = jsondecode(<lookup>.secret_string)`) is read at that
  // key, as the call written with it (value-readers.ts decodedRead; 81st run, A81a-5).
  if (value.choices === undefined && !isUnknown(key) && DECODED_REFERENCE.test(value.expression) && value.references.length === 1) {
    return new Unknown(`${value.expression}${dotted && typeof key === 'string' ? `.${key}` : `[${JSON.stringify(key)}]`}`, value.references);
  }
  if (value.choices === undefined || isUnknown(key)) return value;
  try {
    return new Unknown(value.expression, value.references, value.spelled, value.choices.map((choice) => index(choice, key, expression, dotted)));
  } catch {
    return value;
  }
}

/** `jsondecode(<one reference>)`, with any path read after it already. */
const DECODED_REFERENCE = /^\s*jsondecode\(\s*[a-z][\w-]*(?:\.[\w-]+)+(?:\[[^\]]*\])*(?:\.[\w-]+)*\s*\)(?:\.[A-Za-z_][\w-]*|\["(?:[^"\\]|\\.)*"\]|\[\d+\])*\s*$/;

/** Most combinations of choices evaluated for one call or template. */
const MAX_COMBINATIONS = 64;

/**
 * What a function or a template of parts that are choices may be (`lower(each.value)`, `"${local.ws[var.env]}/tables/x"`):
 * each combination of the choices, evaluated; undefined when a part is known only later without choices, a choice is itself
 * known only later, or a combination is not evaluated here (A18a-5).
 */
function combined(values: readonly Value[], evaluate: (values: Value[]) => Value): readonly Value[] | undefined {
  let combinations: Value[][] = [[]];
  for (const value of values) {
    const options = isUnknown(value) ? value.choices : [value];
    if (options === undefined || options.length === 0 || options.some(isUnknown)) return undefined;
    combinations = combinations.flatMap((head) => options.map((option) => [...head, option]));
    if (combinations.length > MAX_COMBINATIONS) return undefined;
  }
  try {
    return combinations.map(evaluate);
  } catch {
    // A combination Terraform would refuse or this evaluator does not read: no choices, the expression is read as written.
    return undefined;
  }
}

/** What a call known only later may return, when its arguments say (a pick from a constant collection, one of its arguments). */
function choicesOf(name: string, args: readonly Value[]): readonly Value[] | undefined {
  if (name === 'coalesce' || name === 'try') return args;
  if (name === 'lookup') return itemsOf(args[0]) && [...itemsOf(args[0])!, ...args.slice(2)];
  if (name === 'element' || name === 'one') return itemsOf(args[0]);
  return undefined;
}

/** A template's part: a literal, an interpolation's value and source, or a directive's value and source (written whole). */
type TemplatePart = { literal: string } | { value: Value; readonly source: string; readonly directive?: boolean };

/** A template's parts as the text they make: known, or known only later reading them (what it may spell, its choices). */
function joinedParts(parts: readonly TemplatePart[], source: string): Value {
  const values = parts.map((part) => ('value' in part ? part.value : part.literal));
  if (values.some(isUnknown)) {
    const joined = unknownOf(source, values, parts.map(spelledPart).join(''), combined(values, (each) => normalized(each.map(asString).join(''))));
    JOINED.add(joined);
    return joined;
  }
  return normalized(values.map(asString).join(''));
}

/** Templates the parser read whole: their parts (when they have no choices) are the pieces of their text, in order. */
const JOINED = new WeakSet<Unknown>();

/**
 * The template its pieces (text, and values known only later) make, read as the parser reads one written so: a JSON string that mixes
 * text and interpolations (json-text.ts), whose text a reader of connection strings places piece by piece.
 */
export function templateOfPieces(pieces: readonly Value[]): Value {
  const parts = pieces.map((piece): TemplatePart => (isUnknown(piece) ? { value: piece, source: piece.expression } : { literal: asString(piece) }));
  return joinedParts(parts, parts.map(spelledPart).join(''));
}

/**
 * True when the value is a template whose `parts` are the pieces its text is made of, in order (a literal, a constant,
 * a value known only later), so a reader of the text reads each piece where it stands (39th run, A39b-1).
 */
export function isJoinedTemplate(value: Unknown): boolean {
  return JOINED.has(value);
}

/** Templates with a directive, each with what the parser read it as (its directives computed, parts known only later kept). */
const DIRECTIVE_READ = new WeakMap<Unknown, Value>();

/**
 * For a template with a directive, which stays known only later to every reader: what the parser read it as, for a reader of
 * its text that reads the parts known only later where they stand (connection-secrets.ts; 39th run); undefined for anything else.
 */
export function directiveTemplateRead(value: Unknown): Value | undefined {
  return DIRECTIVE_READ.get(value);
}

/** A copy of an Unknown with its parts each mapped (postgres-sent-text.ts cuts them): a template's copy stays one, read as it was. */
export function copiedTemplate(copy: Unknown, of: Unknown): Unknown {
  if (JOINED.has(of)) JOINED.add(copy);
  const read = DIRECTIVE_READ.get(of);
  if (read !== undefined) DIRECTIVE_READ.set(copy, read);
  return copy;
}

/** A template's part as text it may spell: a literal or a constant scalar escaped, anything else its interpolation (or directive) as written. */
function spelledPart(part: TemplatePart): string {
  const text = 'literal' in part ? part.literal : SCALAR.has(typeof part.value) ? asString(part.value) : undefined;
  if (text === undefined && 'directive' in part && part.directive === true) return part.source;
  return text === undefined ? `\${${(part as { source: string }).source}}` : text.replace(/([$%])\{/g, '$1$1{');
}

const SCALAR = new Set(['string', 'number', 'boolean']);

/** A `for` expression's symbols read before its items are known: each reads what the collection reads; over a known collection, its keys or items are their choices. */
function forSymbols(names: readonly string[], collection: Value): Unknown[] {
  const reads = [...new Set(referencesOf(collection))];
  const entries = isUnknown(collection) || collection === null || typeof collection !== 'object' ? [] : Array.isArray(collection) ? collection.map((item, at): [Value, Value] => [at, item]) : Object.entries(collection);
  const choices = names.length === 1 ? [entries.map(([, item]) => item)] : [entries.map(([key]) => key), entries.map(([, item]) => item)];
  // Over a collection known only later, a symbol may be anything it holds: the collection is its part (33rd run, A33a-4: a reader
  // of one item's attribute reads the symbol, which must not read as nothing).
  const parts = isUnknown(collection) && (collection.choices === undefined || collection.choices.length === 0) ? [collection] : undefined;
  return names.map((name, at) => new Unknown(name, reads, undefined, choices[at].length > 0 ? choices[at] : undefined, undefined, undefined, choices[at].length > 0 ? undefined : parts));
}

/** Values followed inside one another by mayBeRead, at most; deeper, the value is read whole (fails closed). */
const MAX_READ_DEPTH = 32;

/**
 * What an item of a collection may be (a for_each's `each.value`): a known list's items or object's values, the choices' items, a `for`
 * expression's items, the items of each part of a value known only later (a part that is no collection may be the item itself), or,
 * for a value known only later with nothing read inside (`var.m`), the value itself: the whole, which a reader judges as it does any.
 */
export function mayBeItems(value: Value, depth = 0): Value[] {
  if (depth > MAX_READ_DEPTH) return [value];
  if (isUnknown(value)) {
    if (value.choices !== undefined && value.choices.length > 0) return value.choices.flatMap((choice) => mayBeItems(choice, depth + 1));
    if (value.items !== undefined) return [...value.items];
    if (value.parts !== undefined) return value.parts.flatMap((part) => mayBeItems(part, depth + 1));
    return [value];
  }
  if (value !== null && typeof value === 'object') return Object.values(value);
  return [value];
}

/**
 * What a path of attributes and indexes (`.id`, `[0]`, `["id"]`) may read of a value, as Terraform steps into it (33rd run, A33a-4: a
 * member reading `each.value.id` reads the items' `id`, not their other attributes): a known object's attribute (none when it has not:
 * Terraform refuses the step), a known list's item by number or, by name, each item's (fails closed: it may hold the objects), nothing
 * of a scalar; of a value known only later, the path of each choice, item of a `for` expression or part (a `merge`'s arguments, a
 * call's), and the whole value when nothing was read inside it (a path the evaluator cannot follow is read whole).
 */
export function mayBeRead(value: Value, path: readonly (string | number)[], depth = 0): Value[] {
  if (path.length === 0) return [value];
  if (depth > MAX_READ_DEPTH) return [value];
  const [step, ...rest] = path;
  if (isUnknown(value)) {
    const inside = value.choices !== undefined && value.choices.length > 0 ? value.choices : value.items ?? value.parts;
    return inside === undefined ? [value] : inside.flatMap((each) => mayBeRead(each, path, depth + 1));
  }
  if (Array.isArray(value)) {
    if (typeof step === 'number') return step >= 0 && step < value.length ? mayBeRead(value[step], rest, depth + 1) : [];
    return value.flatMap((item) => mayBeRead(item, path, depth + 1));
  }
  if (value !== null && typeof value === 'object') {
    const item = ownValue(value as { [key: string]: Value }, String(step));
    return item === undefined ? [] : mayBeRead(item, rest, depth + 1);
  }
  return [];
}

/** The references the values known only later in a value read, at any depth. */
export function referencesOf(value: Value): readonly string[] {
  if (isUnknown(value)) return value.references;
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(referencesOf);
  return [];
}

function operate(operator: string, left: Value, right: Value): Value {
  switch (operator) {
    case '||': return asBool(left) || asBool(right);
    case '&&': return asBool(left) && asBool(right);
    case '==': return same(left, right);
    case '!=': return !same(left, right);
    case '<': return asNumber(left) < asNumber(right);
    case '>': return asNumber(left) > asNumber(right);
    case '<=': return asNumber(left) <= asNumber(right);
    case '>=': return asNumber(left) >= asNumber(right);
    case '+': return safeInteger(asNumber(left) + asNumber(right));
    case '-': return safeInteger(asNumber(left) - asNumber(right));
    case '*': return safeInteger(asNumber(left) * asNumber(right));
    case '/': return safeInteger(asNumber(left) / divisor(right));
    default: return remainder(asNumber(left), divisor(right));
  }
}

/** A computed number, only where a double holds it exactly (a quotient must be whole). */
function safeInteger(value: number): number {
  if (!Number.isSafeInteger(value)) throw new Unsupported();
  return value === 0 ? 0 : value;
}

/** `%` of two non-negative integers (the sign rules of a negative operand are not evaluated). */
function remainder(left: number, right: number): number {
  if (left < 0 || right < 0) throw new Unsupported();
  return left % right;
}

/**
 * A number literal, only where its text is exactly a double: a safe integer, or a decimal whose
 * text is the shortest one of its double ("7.50" is 7.5; "0.1" is too, but no arithmetic reads it).
 */
function exactNumber(text: string): number {
  const value = Number(text);
  if (/[eE]/.test(text)) throw new Unsupported();
  if (!text.includes('.')) {
    if (!Number.isSafeInteger(value)) throw new Unsupported();
    return value;
  }
  const canonical = text.replace(/^0+(?=\d)/, '').replace(/0+$/, '').replace(/\.$/, '');
  if (String(value) !== canonical) throw new Unsupported();
  return value;
}

/** An item of a list or an attribute of an object; `expression` is how the configuration writes it. */
/** Terraform refuses to divide by zero. */
function divisor(value: Value): number {
  const number = asNumber(value);
  if (number === 0) throw new Unsupported();
  return number;
}

/**
 * An item or attribute of a value known only later, after a call or a parenthesis (`split("/", var.id)[8]`): written with its
 * step, so two items of one value are not the same expression and a message quotes what was written (nineteenth review, A19b-7).
 */
function stepped(before: Value, after: Value, expression: string, key: Value): Value {
  if (!isUnknown(after) || after.expression !== (isUnknown(before) ? before.expression : undefined)) return after;
  // Without choices, an item of it may be anything it holds: the value and the key read are its parts (32nd run, A32b-1).
  const inside = after.choices === undefined || after.choices.length === 0 ? [after, key] : undefined;
  return new Unknown(expression, after.references, undefined, after.choices, undefined, undefined, inside);
}

/**
 * An attribute or item of a plain reference read later (`local.sec.value` with `local.sec = azurerm_key_vault_secret.s`, `s.output`
 * with `s` bound to `terraform_data.t`): the reference with the step, as the traversal written whole reads, so a reader of what the
 * attribute gives back (echoed-arguments.ts echoOf) reads that attribute, not the whole block (45th run, A45b-1). A key known only
 * later is `[?]`, any item, as traversals write it.
 */
function steppedReference(value: Unknown, key: Value, dotted: boolean): Unknown {
  const step = isUnknown(key) ? '[?]' : dotted && typeof key === 'string' ? `.${key}` : `[${JSON.stringify(key)}]`;
  const reference = `${value.expression}${step}`;
  return new Unknown(reference, [reference, ...value.references.slice(1)]);
}

/** An item or attribute of a value; `dotted` when written after a dot (an attribute, a legacy index), not in brackets. */
function index(value: Value, key: Value, expression: string, dotted = false): Value {
  if (isUnknown(value) && value.isPlainReference && value.choices === undefined) return steppedReference(value, key, dotted);
  if (isUnknown(value)) return indexedChoices(value, key, expression, dotted);
  // An index known only later may pick any item: the result reads the index and everything the value reads.
  if (isUnknown(key)) return unknownOf(expression, [key, value], undefined, itemsOf(value));
  if (Array.isArray(value)) {
    const item = value[asNumber(key)];
    if (item === undefined) throw new Unsupported();
    return item;
  }
  if (value !== null && typeof value === 'object') {
    const item = ownValue(value as { [key: string]: Value }, asString(key));
    if (item === undefined) throw new Unsupported();
    return item;
  }
  throw new Unsupported();
}

/** `==` on two scalars: ASCII strings, safe integers, bools or null (values of different types differ). */
function same(a: Value, b: Value): boolean {
  return comparable(a) === comparable(b) && typeof a === typeof b;
}

function comparable(value: Value): Value {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return safeInteger(value);
  if (typeof value === 'string') return asAscii(value);
  throw new Unsupported();
}

/** A value as Terraform converts it to a string; lists, objects and null cannot be. */
function asString(value: Value): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return numberText(safeInteger(value));
  throw new Unsupported();
}

/** A string a function or `==` reads: ASCII only, where Go and JavaScript agree. */
function asAscii(value: Value): string {
  const text = asString(value);
  if (!isAscii(text)) throw new Unsupported();
  return text;
}

export function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}

/** A string as HCL makes it: a lone surrogate decoded as U+FFFD, as Go decodes JSON, then NFC-normalized. */
function normalized(text: string): string {
  return isAscii(text) ? text : decodedAsGo(text).normalize('NFC');
}

/** The scalar type a value is of, for type unification; lists, objects and Unknown have none here. */
function scalarType(value: Value): 'string' | 'number' | 'boolean' | 'null' | undefined {
  if (value === null) return 'null';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : undefined;
}

/**
 * The chosen branch of a conditional as Terraform returns it: both branches unified to one type.
 * A string with numbers or bools becomes strings; anything else of two types (or a branch known
 * only later, unless the chosen one is a string or null) is not evaluated.
 */
function unified(chosen: Value, other: Value): Value {
  if (isUnknown(chosen)) return chosen;
  if (isUnknown(other)) {
    // A string or null stays what it is whatever the other branch's type; a number or bool may become a string.
    if (typeof chosen === 'string' || chosen === null) return chosen;
    throw new Unsupported();
  }
  return oneType([chosen, other])[0];
}

/**
 * Items of a list function, of one scalar type: Terraform keeps a tuple's item types in some
 * functions and unifies them in others, so items of two types are not evaluated.
 */
function ofOneType(values: readonly Value[]): Value[] {
  const types = new Set(values.map(scalarType).filter((type) => type !== 'null'));
  if (types.has(undefined) || types.size > 1) throw new Unsupported();
  return [...values];
}

/** Values unified to one scalar type, as Terraform does for a conditional or coalesce. */
function oneType(values: readonly Value[]): Value[] {
  const types = new Set(values.map(scalarType).filter((type) => type !== 'null'));
  if (types.has(undefined)) {
    // Lists and objects unify by rules not evaluated here; a value known only later may be of any type.
    throw new Unsupported();
  }
  if (types.size <= 1) return [...values];
  if (!types.has('string')) throw new Unsupported();
  return values.map((value) => (value === null ? null : asString(value)));
}

/** Numbers as Terraform prints them: no exponent, no trailing zeros. */
export function numberText(value: number): string {
  if (Math.abs(value) >= 1e21) return BigInt(value).toString();
  const text = String(value);
  if (!text.includes('e')) return text;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

/** A number an operator or function reads: a safe integer, from a number or its plain text. */
function asNumber(value: Value): number {
  if (typeof value === 'number') return safeInteger(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return safeInteger(Number(value));
  throw new Unsupported();
}

/** A value as Terraform converts it to a bool: true, false, "true", "false", "1", "0". */
function asBool(value: Value): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Unsupported();
}

/** A list's items with the lists among them flattened, at any depth; a null item is not read (a null list's type is not known here). */
function flattened(items: readonly Value[], depth = 0): Value[] {
  if (depth > MAX_NESTING) throw new Unsupported();
  return items.flatMap((item) => {
    if (item === null || isUnknown(item)) throw new Unsupported();
    return Array.isArray(item) ? flattened(item, depth + 1) : [item];
  });
}

function asList(value: Value): Value[] {
  if (Array.isArray(value)) return value as Value[];
  throw new Unsupported();
}
