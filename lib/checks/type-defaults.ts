/**
 * The defaults a variable's type constraint gives its optional attributes (`object({password = optional(string, "...")})`), read as
 * Terraform reads the constraint: a type expression whose `optional(T, D)` default D is an expression of constants, of any type (an
 * object, a list, a number, a heredoc), at any depth (53rd run, A50d-1). Each default is kept at the attribute it is declared for,
 * so a reference reads only the defaults on its path (A50d-2). Read by echoed-arguments.ts defaultOf.
 */
import { expressionAt, Value } from './hcl-expression';
import { blanksEnd, expressionEnd } from './traversal-text';

/** What a type constraint is, as far as its defaults go: an object's attributes, a collection's element, a tuple's elements, or a primitive. */
export type TypeShape =
  | { readonly attributes: { readonly [name: string]: { readonly type: TypeShape; readonly default?: Value } } }
  /** A list's, set's or map's element: a step of any kind reads it (a name after a map is a key). */
  | { readonly element: TypeShape }
  | { readonly elements: readonly TypeShape[] }
  | { readonly primitive: true };

/** A step of a reference after the variable's name: an attribute, key or index, or any of them (a splat, a key known only later). */
export type TypeStep = { readonly key: string } | { readonly any: true };

/** The values a reference may read from the defaults: each default on its path, with the steps left to take inside it. */
export interface DefaultRead {
  readonly value: Value;
  readonly after: readonly TypeStep[];
}

/** Type constraints nested deeper than this are not read (Terraform's own stacks nest a few levels). */
const MAX_DEPTH = 64;
/** Sticky patterns, matched where the reader is. */
const NAME = /[\p{ID_Start}_][\p{ID_Continue}-]*/uy;
const QUOTED = /"(?:[^"\\]|\\.)*"/y;
const COLLECTIONS = new Set(['list', 'set', 'map']);
const PRIMITIVES = new Set(['string', 'number', 'bool', 'any', 'list', 'set', 'map']);

/** Shapes read, by the type's text: many references read one variable, each reading its type (54th run, A54a-5). */
const SHAPES = new Map<string, TypeShape | undefined>();
const MAX_SHAPES = 256;

/** A type constraint's shape; undefined when it is not one the checks read (its defaults are then unknown to them). */
export function typeShape(text: string): TypeShape | undefined {
  if (SHAPES.has(text)) return SHAPES.get(text);
  if (SHAPES.size >= MAX_SHAPES) SHAPES.clear();
  const shape = readShape(text);
  SHAPES.set(text, shape);
  return shape;
}

function readShape(text: string): TypeShape | undefined {
  try {
    const reader = new TypeReader(text);
    const shape = reader.type(0);
    return reader.atEnd() ? shape : undefined;
  } catch (error) {
    if (error instanceof NotRead) return undefined;
    throw error;
  }
}

/** The defaults a reference with `steps` reads: those on its path, and every one below where it stops (it reads that part whole). */
export function defaultsAlong(shape: TypeShape, steps: readonly TypeStep[]): DefaultRead[] {
  const [step, ...rest] = steps;
  if ('attributes' in shape) {
    const names = step === undefined || 'any' in step ? Object.keys(shape.attributes) : Object.prototype.hasOwnProperty.call(shape.attributes, step.key) ? [step.key] : [];
    // Stryker disable next-line ConditionalExpression: equivalent: without a step, rest is empty too ([step, ...rest] of no steps)
    const after = step === undefined ? [] : rest;
    return names.flatMap((name) => {
      const { type, default: value } = shape.attributes[name];
      return [...(value === undefined ? [] : [{ value, after }]), ...defaultsAlong(type, after)];
    });
  }
  // Stryker disable next-line ConditionalExpression: equivalent: without a step, rest is empty too ([step, ...rest] of no steps)
  if ('element' in shape) return defaultsAlong(shape.element, step === undefined ? [] : rest);
  if ('elements' in shape) {
    const index = step !== undefined && 'key' in step && /^\d+$/.test(step.key) ? Number(step.key) : undefined;
    const picked = index === undefined ? shape.elements : shape.elements.slice(index, index + 1);
    // Stryker disable next-line ConditionalExpression: equivalent: without a step, rest is empty too ([step, ...rest] of no steps)
    return picked.flatMap((element) => defaultsAlong(element, step === undefined ? [] : rest));
  }
  return [];
}

class NotRead extends Error {}

/** A quoted attribute name's text (HCL's escapes that JSON shares); a name JSON does not read is not read. */
function unquoted(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    throw new NotRead();
  }
}

/** Reads a type expression (Terraform's typeexpr: `string`, `list(T)`, `tuple([T, ...])`, `object({name = T, ...})`, `optional(T, D)`). */
class TypeReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  public type(depth: number): TypeShape {
    if (depth > MAX_DEPTH) throw new NotRead();
    this.space();
    // A legacy quoted type ("string", "list", "map") has no attributes.
    if (this.token(QUOTED) !== undefined) return { primitive: true };
    const name = this.name();
    this.space();
    if (!this.eat('(')) {
      if (!PRIMITIVES.has(name)) throw new NotRead();
      return { primitive: true };
    }
    const shape = this.typeArguments(name, depth);
    this.close(')');
    return shape;
  }

  public atEnd(): boolean {
    this.space();
    return this.pos === this.text.length;
  }

  private typeArguments(name: string, depth: number): TypeShape {
    if (COLLECTIONS.has(name)) return { element: this.type(depth + 1) };
    if (name === 'tuple') return { elements: this.list('[', ']', () => this.type(depth + 1)) };
    if (name !== 'object') throw new NotRead();
    this.space();
    // No prototype: an attribute may be named `__proto__` (54th run, A54a-1).
    const attributes: { [name: string]: { type: TypeShape; default?: Value } } = Object.create(null) as { [name: string]: { type: TypeShape; default?: Value } };
    this.list('{', '}', () => {
      const quoted = this.token(QUOTED);
      const key = quoted === undefined ? this.name() : unquoted(quoted);
      this.space();
      if (!this.eat('=') && !this.eat(':')) throw new NotRead();
      attributes[key] = this.attribute(depth + 1);
    });
    return { attributes };
  }

  /** An object attribute's type: `T`, or `optional(T)` / `optional(T, D)` with its default D. */
  private attribute(depth: number): { type: TypeShape; default?: Value } {
    this.space();
    const start = this.pos;
    const optional = this.token(NAME) === 'optional';
    this.space();
    if (!optional || !this.eat('(')) {
      this.pos = start;
      return { type: this.type(depth) };
    }
    const type = this.type(depth);
    this.space();
    let value: Value | undefined;
    if (this.eat(',')) {
      // HCL's comments before the default are blanks, as between any two tokens: the expression reader reads none, and the default
      // read as its text with them (`/* none */ null`) would be literal text where Terraform reads null (tenth mutation pass).
      this.space();
      const read = expressionAt(this.text, this.pos);
      // A constant the expression reader does not read (a flush heredoc, a number with an exponent) is literal text, as written,
      // for the references that reach its attribute only (55th run, A55b-4).
      const end = read?.end ?? expressionEnd(this.text, this.pos, ')');
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: without an end the next line throws, whatever raw is
      const raw = end === undefined ? '' : this.text.slice(this.pos, end).trim();
      // Taken as written, whole: a reference that reaches the attribute reads it all (echoed-arguments.ts defaultRead; 57th run).
      // Stryker disable next-line ConditionalExpression: equivalent: without an end nothing was read and raw is '', so the second test throws too; an expression read is never empty text
      if (end === undefined || (read === undefined && raw === '')) throw new NotRead();
      value = read === undefined ? raw : read.value;
      this.pos = end;
    }
    this.close(')');
    return value === undefined || value === null ? { type } : { type, default: value };
  }

  /** Items between `open` and `close`, separated by commas (a trailing one allowed) or, in an object, by line breaks. */
  private list<T>(open: string, close: string, item: () => T): T[] {
    this.space();
    if (!this.eat(open)) throw new NotRead();
    const items: T[] = [];
    for (;;) {
      this.space();
      if (this.eat(close)) return items;
      items.push(item());
      this.space();
      this.eat(',');
    }
  }

  private close(token: string): void {
    this.space();
    if (!this.eat(token)) throw new NotRead();
  }

  private name(): string {
    const name = this.token(NAME);
    if (name === undefined) throw new NotRead();
    return name;
  }

  private token(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (match === null) return undefined;
    this.pos += match[0].length;
    return match[0];
  }

  /** Skips white space and HCL's comments (`#` and `//` to the end of the line, `/* ... *\/`: 54th run, A54a-4). */
  private space(): void {
    this.pos = blanksEnd(this.text, this.pos);
  }

  private eat(token: string): boolean {
    if (!this.text.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }
}
