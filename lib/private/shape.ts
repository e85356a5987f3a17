import { TerraformElement } from 'cdktf';
import { Node } from 'constructs';
import { types } from 'util';
import { ErrorCode } from './error-codes';
import { registerLibraryClass } from './library-classes';
import { isToken } from './tokens';
import { holdsTemplateSequence } from './template-text';
import { justificationTemplateError, justificationTokenError } from './validate';
import { Unshown, ValidationError, withArticle } from './validation-error';
import { hasOwn } from './own-keys';

// What each prop must be at run time. TypeScript checks the types at compile time, but a caller
// in JavaScript or another jsii language does not pass through it: a string where a boolean
// belongs, null in a list, a typo in a key. Each props interface has one declarative shape (next
// to the interface); checkShape walks a value along it before any other validation runs.

/** Why a prop refuses a Terraform token. */
export enum LiteralReason {
  /** A security setting: a value known only at apply time could weaken the server unseen. */
  SECURITY = 'security',
  /** A justification: a reviewer must be able to read it at synth. */
  JUSTIFICATION = 'justification',
  /** A list the construct makes one resource per item of: the items must be known at synth. */
  ITEMS = 'items',
}

interface Literal {
  /** Tokens are refused, for this reason; otherwise a token of the right type is accepted. */
  readonly literal?: LiteralReason;
}

export interface TextShape extends Literal {
  readonly kind: 'text';
  /** What the value must be, e.g. "a TlsVersion member"; "a string" when not given. */
  readonly expected?: string;
  /** A value to show in the fix, e.g. "TlsVersion.TLS1_2". */
  readonly example?: string;
}

export interface NumberShape extends Literal {
  readonly kind: 'number';
}

/** A flag; always a literal: a flag is a choice made in code. */
export interface BooleanShape {
  readonly kind: 'boolean';
}

export interface ListShape extends Literal {
  readonly kind: 'list';
  readonly item: Shape;
}

export interface MapShape extends Literal {
  readonly kind: 'map';
  readonly value: Shape;
}

/** A props or options interface. */
export interface StructShape {
  readonly kind: 'struct';
  readonly name: string;
  readonly fields: { readonly [key: string]: Field };
  /** Keys a caller might put here by mistake, refused with their own error instead of "unknown". */
  readonly misplaced?: { readonly [key: string]: Misplaced };
}

/** An enum-like class: an instance made by one of its factories, holding what it was given. */
export interface ChoiceShape {
  readonly kind: 'choice';
  /** The class name as users write it (a bundler may rename the class itself). */
  readonly name: string;
  /** The class (its constructor is private: only the prototype is needed). */
  readonly type: { readonly prototype: object };
  /** How to make one, e.g. "FlexibleServerSku.of(name) or a FlexibleServerSku constant". */
  readonly make: string;
  /** What the factory was given, to check in turn; a part named "" is the prop itself. */
  parts(instance: never): Part[];
}

/** Something Terraform can depend on: a resource, a data source, a module. */
export interface DependableShape {
  readonly kind: 'dependable';
}

/** A construct of one class, e.g. the server a DatabaseAccess manages. */
export interface ConstructShape {
  readonly kind: 'construct';
  /** The class name as users write it. */
  readonly name: string;
  readonly type: { readonly prototype: object };
  /** What to pass instead of a value of another type. */
  readonly fix: string;
  /** A construct of a kin class that gets its own error, saying why it does not fit, instead of "is not a <name>". */
  readonly unfit?: Unfit;
}

export interface Unfit {
  readonly type: { readonly prototype: object };
  readonly code: ErrorCode;
  readonly problem: string;
  readonly fix: string;
}

export type Shape = TextShape | NumberShape | BooleanShape | ListShape | MapShape | StructShape | ChoiceShape | DependableShape | ConstructShape;

export interface Field {
  readonly shape: Shape;
  /** Set for a required prop: the fix, and a problem other than "is required" if it says more. */
  readonly required?: { readonly fix: string; readonly problem?: string };
}

export interface Part extends Field {
  readonly name: string;
  readonly value: unknown;
}

export interface Misplaced {
  readonly code: 'PRIVATE-MODE-FIREWALL';
  readonly problem: string;
  readonly fix: string;
}

export const text = (options: Omit<TextShape, 'kind'> = {}): TextShape => ({ kind: 'text', ...options });
export const number = (options: Omit<NumberShape, 'kind'> = {}): NumberShape => ({ kind: 'number', ...options });
export const boolean = (): BooleanShape => ({ kind: 'boolean' });
export const list = (item: Shape, options: Omit<ListShape, 'kind' | 'item'> = {}): ListShape => ({ kind: 'list', item, ...options });
export const map = (value: Shape, options: Omit<MapShape, 'kind' | 'value'> = {}): MapShape => ({ kind: 'map', value, ...options });
export const dependable = (): DependableShape => ({ kind: 'dependable' });
export const construct = (name: string, type: ConstructShape['type'], fix: string, unfit?: Unfit): ConstructShape => ({ kind: 'construct', name, type, fix, unfit });
export const struct = (name: string, fields: StructShape['fields'], misplaced?: StructShape['misplaced']): StructShape => ({ kind: 'struct', name, fields, misplaced });
/** A string enum's member; a token is accepted unless the enum is a security setting. */
export const member = (enumName: string, example: string, literal?: LiteralReason): TextShape => text({ expected: `${withArticle(enumName)} member`, example, literal });
/** A justification: literal text (its content is judged where it is required). */
export const reason = (): TextShape => text({ literal: LiteralReason.JUSTIFICATION });
export const optional = (shape: Shape): Field => ({ shape });
export const required = (shape: Shape, fix: string, problem?: string): Field => ({ shape, required: { fix, problem } });

/** What a value of the shape is, as a message says it. */
export function expected(shape: Shape): string {
  switch (shape.kind) {
    case 'text': return shape.expected ?? 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'true or false';
    case 'list': return `a list of ${plural(shape.item)}`;
    case 'map': return `a map of ${plural(shape.value)}`;
    case 'struct': return `${withArticle(shape.name)} object`;
    case 'choice': return withArticle(shape.name);
    case 'dependable': return 'a resource, data source or other construct Terraform can depend on';
    case 'construct': return withArticle(shape.name);
  }
}

/** What several values of the shape are, e.g. "text values", "FirewallRange objects". */
function plural(shape: Shape): string {
  switch (shape.kind) {
    case 'text': return `${(shape.expected ?? 'a string').replace(/^an? /, '')}s`;
    case 'number': return 'numbers';
    case 'boolean': return 'booleans';
    case 'list': return `lists of ${plural(shape.item)}`;
    case 'map': return `maps of ${plural(shape.value)}`;
    case 'struct': return `${shape.name} objects`;
    case 'choice': return `${shape.name} instances`;
    case 'dependable': return 'resources, data sources or other constructs Terraform can depend on';
    case 'construct': return `${shape.name} constructs`;
  }
}

/**
 * Refuses a value that is not of its shape: the first problem found, named by its full path, e.g.
 * "network.publicAccess.allowedIpRanges[1].startIpAddress". Undefined is "not set": whether that
 * is allowed is the field's business (see checkField). (The jsii runtime already turns a null from
 * another language into undefined; a null here comes from JavaScript.)
 */
export function checkShape(prop: string, value: unknown, shape: Shape): void {
  if (isToken(value)) {
    checkToken(prop, value, shape);
    return;
  }
  switch (shape.kind) {
    case 'text':
      expect(typeof value === 'string', prop, value, shape);
      return checkLiteralText(prop, value as string, shape);
    case 'number': return expect(typeof value === 'number', prop, value, shape);
    case 'boolean': return expect(typeof value === 'boolean', prop, value, shape);
    case 'list': {
      expect(Array.isArray(value), prop, value, shape);
      // By index, not forEach: forEach skips the holes a JavaScript caller may leave ([, x]). A
      // hole or an undefined item is refused as not of the item's shape, as every kind refuses it.
      const items = value as unknown[];
      for (let index = 0; index < items.length; index++) checkShape(`${prop}[${index}]`, items[index], shape.item);
      return;
    }
    case 'map':
      // A plain object only: a Map, a Date or another class keeps its entries where Object.entries does not look, so they would be dropped.
      if (isObject(value) && !isPlain(value as object)) throw typeError(prop, classOf(value as object), shape);
      expect(isObject(value), prop, value, shape);
      for (const [key, item] of Object.entries(value as object)) checkShape(`${prop}.${key}`, item, shape.value);
      return;
    case 'struct': return checkStruct(prop, value, shape);
    case 'choice':
      // Made by a factory of the class itself: an object whose prototype only inherits from it could answer with getters of its own.
      expect(isObject(value) && Object.getPrototypeOf(value) === shape.type.prototype, prop, value, shape);
      for (const part of shape.parts(value as never)) checkField(part.name === '' ? prop : `${prop}.${part.name}`, part.value, part);
      return;
    case 'dependable':
      // A cdktf element (resource, data source, module...) is not asked for its fqn: reading it locks the
      // element's logical ID, and an overrideLogicalId after the construct would throw (A24a-1). Its fqn
      // is read at synth, where dependency.ts writes the entry. Anything else must show a string fqn now.
      if (TerraformElement.isTerraformElement(value)) return;
      return expect(isObject(value) && typeof (value as { fqn?: unknown }).fqn === 'string', prop, value, shape);
    case 'construct':
      if (shape.unfit !== undefined && isInstance(value, shape.unfit.type)) throw new ValidationError(shape.unfit.code, prop, value, shape.unfit.problem, shape.unfit.fix);
      expect(isInstance(value, shape.type), prop, value, shape);
      if (!isInItsTree(value)) throw new ValidationError('PROP-NOT-THE-CONSTRUCT', prop, value, `is not the ${shape.name} its construct tree holds (an object made from one, or a Proxy of one, answers for it with values of its own)`, typeFix(shape));
      return;
  }
}

/**
 * Whether a construct is the one its tree holds: an object made from it (Object.create) or a Proxy of it answers for it with values
 * of its own without being it (adversarial run of stop 72, B72-1). The node is read as an own property, as every construct has it.
 * A Proxy is refused even when it was written into the tree in place of the construct (E73-12): no construct is one.
 */
function isInItsTree(value: unknown): boolean {
  if (types.isProxy(value)) return false;
  const node = Object.getOwnPropertyDescriptor(value, 'node')?.value as Node | undefined;
  return node instanceof Node && node.scope?.node.tryFindChild(node.id) === value;
}

/** A construct's props, whose fields are named from the top ("network.publicAccess..."). */
export function checkProps(props: unknown, shape: StructShape): void {
  expect(isObject(props) && !isToken(props), 'props', props, shape);
  checkStruct('', props, shape);
}

/** A field's value: "not set" (or an empty text) is refused when the field is required, and otherwise skipped. */
export function checkField(prop: string, value: unknown, field: Field): void {
  if (value === undefined || (value === '' && field.shape.kind === 'text')) {
    if (field.required !== undefined) throw new ValidationError('REQUIRED', prop, value, field.required.problem ?? 'is required', field.required.fix);
    return;
  }
  checkShape(prop, value, field.shape);
}

function checkStruct(prop: string, value: unknown, shape: StructShape): void {
  // A built-in object (a Map, a Date) is no props object, although it has no unknown key to refuse.
  if (isBuiltIn(value)) throw typeError(prop, value, shape);
  expect(isObject(value), prop, value, shape);
  const record = value as { readonly [key: string]: unknown };
  for (const key of Object.keys(record)) {
    if (hasOwn(shape.fields, key) || record[key] === undefined) continue;
    const at = join(prop, key);
    const misplaced = shape.misplaced !== undefined && hasOwn(shape.misplaced, key) ? shape.misplaced[key] : undefined;
    if (misplaced !== undefined) throw new ValidationError(misplaced.code, at, record[key], misplaced.problem, misplaced.fix);
    // The value is not shown: an unknown key may well hold a password ("administratorPassword").
    throw new ValidationError('PROP-UNKNOWN', at, kindOf(record[key]), `is not a prop of ${shape.name}`, unknownKeyFix(key, Object.keys(shape.fields)));
  }
  for (const [key, field] of Object.entries(shape.fields)) checkField(join(prop, key), record[key], field);
}

/** What a value is, without its content, e.g. "(a string)". */
function kindOf(value: unknown): Unshown {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  return new Unshown(`(${kind})`);
}

function join(prop: string, key: string): string {
  return prop === '' ? key : `${prop}.${key}`;
}

function unknownKeyFix(key: string, known: string[]): string {
  const closest = known.find((name) => distance(name.toLowerCase(), key.toLowerCase()) <= 2);
  if (closest !== undefined) return `did you mean "${closest}"? Remove or rename it`;
  return `remove it; the props are ${known.join(', ')}`;
}

/** Levenshtein distance, for "did you mean" on a misspelled key. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** A token is accepted where the type allows one and the prop need not be a literal. */
function checkToken(prop: string, value: unknown, shape: Shape): void {
  const reason = shape.kind === 'boolean' ? LiteralReason.SECURITY : 'literal' in shape ? shape.literal : undefined;
  if (reason === LiteralReason.JUSTIFICATION) throw justificationTokenError(prop, value);
  if (reason === LiteralReason.SECURITY) {
    throw new ValidationError(
      'SECURITY-SETTING-TOKEN',
      prop,
      value,
      'is a Terraform token, known only at apply time: a security setting known only then could weaken the server with no justification and no warning (Terraform itself refuses a variable in prevent_destroy)',
      `give ${expected(shape)} as a literal${exampleOf(shape)}; choose per environment in your code, not in a Terraform variable`,
    );
  }
  if (reason === LiteralReason.ITEMS) {
    throw new ValidationError(
      'LIST-TOKEN',
      prop,
      value,
      'is a Terraform token, known only at apply time: the construct makes one resource per item, so it must know the items at synth',
      'list the items in your code (an item may still hold references)',
    );
  }
  const typed = shape.kind === 'text' ? typeof value === 'string' : shape.kind === 'number' ? typeof value === 'number' : shape.kind === 'list' ? Array.isArray(value) : shape.kind === 'map' && isObject(value);
  if (!typed) throw typeError(prop, value, shape);
}

/**
 * A literal-only text holding "${" or "%{" is refused as its token would be: cdktf writes the
 * string as it is, and Terraform evaluates it as a template at plan or apply time.
 */
function checkLiteralText(prop: string, value: string, shape: TextShape): void {
  if ((shape.literal !== LiteralReason.SECURITY && shape.literal !== LiteralReason.JUSTIFICATION) || !holdsTemplateSequence(value)) return;
  if (shape.literal === LiteralReason.JUSTIFICATION) throw justificationTemplateError(prop, value);
  throw new ValidationError(
    'SECURITY-SETTING-TEMPLATE',
    prop,
    value,
    'holds a Terraform template sequence ("${" or "%{"): cdktf writes it as it is and Terraform evaluates it at apply time, so a security setting known only then could weaken the server with no justification and no warning',
    `give ${expected(shape)} as plain text${exampleOf(shape)}, without "\${" or "%{"`,
  );
}

function expect(condition: boolean, prop: string, value: unknown, shape: Shape): void {
  if (!condition) throw typeError(prop, value, shape);
}

function typeError(prop: string, value: unknown, shape: Shape): ValidationError {
  // A built-in's copy holds none of its content (new Number(35) would print as {}): it is shown by its class.
  return new ValidationError('PROP-TYPE', prop, isBuiltIn(value) ? classOf(value) : value, `is not ${expected(shape)}`, typeFix(shape));
}

/** How to give a value of the shape: what makes one, for what a value cannot be written as. */
function typeFix(shape: Shape): string {
  switch (shape.kind) {
    case 'choice': return shape.make;
    case 'construct': return shape.fix;
    case 'dependable': return 'list resources or other constructs of the stack, not their names or IDs';
    case 'boolean': return `give ${expected(shape)}, as a boolean`;
    default: return `give ${expected(shape)}${exampleOf(shape)}`;
  }
}

function exampleOf(shape: Shape): string {
  // Stryker disable next-line ConditionalExpression: equivalent: only a text shape has an example
  return shape.kind === 'text' && shape.example !== undefined ? `, e.g. ${shape.example}` : '';
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Classes of the language whose instances hold their data out of sight of Object.keys. */
const BUILT_INS: readonly { readonly prototype: object; readonly name: string }[] = [Map, Set, WeakMap, WeakSet, Date, RegExp, Number, String, Boolean, Promise, Error, ArrayBuffer, DataView, Object.getPrototypeOf(Uint8Array)];

/** An object made by an object literal (or with no prototype), which keeps all its data in its own keys. */
function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** An object of one of the language's classes (Map, Date, a boxed number...): the snapshot keeps it as it is, for validation to refuse. */
export function isBuiltIn(value: unknown): value is object {
  return isObject(value) && BUILT_INS.some((type) => Object.prototype.isPrototypeOf.call(type.prototype, value as object));
}

/** An object of a class, shown by its class, e.g. "(a Map)": its copy holds none of its content. */
function classOf(value: object): Unshown {
  const name = BUILT_INS.find((each) => Object.prototype.isPrototypeOf.call(each.prototype, value))?.name ?? (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } }).constructor?.name;
  return new Unshown(typeof name === 'string' && name !== '' ? `(${withArticle(name)})` : '(an object of a class)');
}

/** `instanceof`, by the prototype alone: the classes of choices have private constructors. */
function isInstance(value: unknown, type: { readonly prototype: object }): boolean {
  return isObject(value) && Object.prototype.isPrototypeOf.call(type.prototype, value as object);
}

export function choice<T extends object>(name: string, type: { readonly prototype: T }, make: string, parts: (instance: T) => Part[]): ChoiceShape {
  registerLibraryClass(type);
  return { kind: 'choice', name, type, make, parts: parts as (instance: never) => Part[] };
}

export const part = (name: string, value: unknown, field: Field): Part => ({ name, value, ...field });
