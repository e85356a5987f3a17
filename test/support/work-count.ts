/**
 * Counts the work a call does on collections, in steps, so that a test can bound how that work grows
 * with its input without a clock (house rule: no timed tests; speed goals live in bench/, as ratios).
 * A step is an element visited by an array method (forEach, map, filter, includes, ...), copied
 * (slice, concat, Object.keys/values/entries/fromEntries) or stepped through by an iterator of an
 * array, a map or a set (for...of, spread, Array.from, destructuring). The count depends only on
 * the code and its input, never on the machine's load: a copy per item or a scan per pair (the
 * quadratic passes earlier reviews found in hostile stacks) shows as work that grows with the
 * square of the input. Not counted: object spread and Object.assign, string building, JSON.stringify;
 * a guard against a pass of one of those counts the calls of its inner function (a jest spy) instead.
 */

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Array methods whose work is the length of the array they are called on (read before the call: splice changes it). */
const ARRAY_METHODS = [
  'concat', 'every', 'fill', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flat', 'flatMap', 'forEach',
  'includes', 'indexOf', 'join', 'lastIndexOf', 'map', 'reduce', 'reduceRight', 'reverse', 'slice', 'some', 'sort', 'splice',
];

/** Object functions whose work is the number of keys they return or make. */
const OBJECT_FUNCTIONS = ['keys', 'values', 'entries', 'fromEntries'];

function sizeOf(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (value instanceof Map || value instanceof Set) return value.size;
  if (value !== null && typeof value === 'object') return Reflect.ownKeys(value).length;
  return 0;
}

/** The steps `run` takes on collections (see above). */
export function workOf(run: () => unknown): number {
  let steps = 0;
  const undo: (() => void)[] = [];
  /** Counts a method's work: `before` from its receiver and arguments (a method may change them), or `after` from its result. */
  const count = (owner: object, name: string, cost: { before?: (self: unknown, args: unknown[]) => number; after?: (result: unknown) => number }) => {
    const original = Reflect.get(owner, name) as Method;
    const counted: Method = function (this: unknown, ...args: unknown[]) {
      steps += cost.before?.(this, args) ?? 0;
      const result = original.apply(this, args);
      steps += cost.after?.(result) ?? 0;
      return result;
    };
    Object.defineProperty(owner, name, { value: counted, writable: true, configurable: true });
    undo.push(() => Object.defineProperty(owner, name, { value: original, writable: true, configurable: true }));
  };
  try {
    for (const name of ARRAY_METHODS) {
      count(Array.prototype, name, { before: (self, args) => sizeOf(self) + (name === 'concat' ? args.reduce<number>((sum, arg) => sum + sizeOf(arg), 0) : 0) });
    }
    for (const name of OBJECT_FUNCTIONS) count(Object, name, { after: sizeOf });
    for (const collection of [Map, Set]) count(collection.prototype, 'forEach', { before: sizeOf });
    // Every iterator of a kind shares its prototype's next: one step per call.
    for (const iterable of [[], new Map(), new Set()]) count(Object.getPrototypeOf(iterable[Symbol.iterator]()), 'next', { before: () => 1 });
    steps = 0;
    run();
    return steps;
  } finally {
    // Undone in reverse (the array methods are counted until then; the count is already returned).
    undo.reverse().forEach((step) => step());
  }
}

/**
 * How the work of `run` grows with its input: the work that doubling the input from 2 × `size` to
 * 4 × `size` adds, over the work that doubling it from `size` to 2 × `size` adds. About 2 when the
 * work is linear in the input (whatever its fixed part), 4 when it grows with the square, more when
 * it grows faster; 0 when `run` does no counted work. Each input is built before it is measured,
 * and a first run on the smallest is not counted (caches a reader makes once would count against
 * one size only).
 */
export function workGrowth<T>(build: (size: number) => T, run: (input: T) => unknown, size: number): number {
  run(build(size));
  const [single, double, quadruple] = [size, 2 * size, 4 * size].map((each) => {
    const input = build(each);
    return workOf(() => run(input));
  });
  const first = double - single;
  const second = quadruple - double;
  if (first <= 0) return second <= 0 ? 0 : Infinity;
  return second / first;
}
