/**
 * A pin's attributes read one at a time, as `evaluateJson` reads the whole object: the marks' check
 * and PG-CFG-6 read every pin of every server (1,350 at roles50), and most of their texts repeat
 * (the stack's group and network) or hold no template at all. Evaluating each attribute apart gives
 * the same object only when the evaluator takes every property name as written (objectOf's fast path),
 * so a pin with any other name is read whole, as before.
 */
import { evaluateJson, Scope, Value } from './hcl-expression';
import { isObject } from './terraform-json';

/** A property name the evaluator takes as it is (objectOf's PLAIN_NAME): no template, nothing to normalize. */
const PLAIN_NAME = /^[^$%\u0080-\uffff]*$/;

/** Whether the evaluator reads every name of a pin's attributes as written, so each attribute may be read apart. */
export function plainNames(names: readonly string[]): boolean {
  return names.every((name) => PLAIN_NAME.test(name));
}

/** Whether a JSON value holds a text (a value or a property name) the evaluator reads as a template; one that holds none refers to nothing. */
export function holdsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return isTemplate(value);
  if (Array.isArray(value)) return value.some(holdsTemplate);
  if (isObject(value)) return Object.keys(value).some((key) => isTemplate(key) || holdsTemplate(value[key]));
  return false;
}

/** What evaluateTemplate parses: anything else is read as the text itself. */
function isTemplate(text: string): boolean {
  return text.includes('${') || text.includes('%{');
}

/**
 * Reads of texts with one scope, each text read once (made per call of a reader, never kept beyond it:
 * the scope is one stack's locals). A read `kept` refuses (an object a caller could change) is made anew each time.
 */
export class TextReads<T> {
  private readonly reads = new Map<string, T>();

  constructor(
    private readonly scope: Scope,
    private readonly read: (value: Value) => T,
    private readonly kept: (read: T) => boolean = () => true,
  ) {}

  /** The read of a JSON value: a text's from the first time it was read, anything else's anew. */
  public of(value: unknown): T {
    if (typeof value !== 'string') return this.read(evaluateJson(value, this.scope));
    if (this.reads.has(value)) return this.reads.get(value)!;
    const read = this.read(evaluateJson(value, this.scope));
    if (this.kept(read)) this.reads.set(value, read);
    return read;
  }
}
