import { workGrowth, workOf } from './work-count';

// The meter must see the forms a quadratic pass takes, or every growth it reports would be 0 and pass.

test('counts an element visited by an array method, copied by a spread or stepped by for...of, and nothing else', () => {
  const items = Array.from({ length: 100 }, (_, i) => i);
  expect(workOf(() => items.filter((item) => item > 1))).toBe(100);
  expect(workOf(() => [...items])).toBe(101);
  expect(workOf(() => {
    for (const item of items) void item;
  })).toBe(101);
  expect(workOf(() => new Set(items).forEach(() => undefined))).toBe(100 + 101);
  expect(workOf(() => Object.values({ a: 1, b: 2 }))).toBe(2);
  expect(workOf(() => items[99] + 1)).toBe(0);
});

test('leaves the methods it counts as they were, also when the call throws', () => {
  const filter = Array.prototype.filter;
  expect(() => workOf(() => {
    throw new Error('stop');
  })).toThrow('stop');
  expect(Array.prototype.filter).toBe(filter);
  expect(workOf(() => undefined)).toBe(0);
});

test.each<[string, number, (size: number) => unknown]>([
  ['a copy per item', 4, (size) => Array.from({ length: size }).reduce<unknown[]>((list, item) => [...list, item], [])],
  ['a scan per item', 4, (size) => Array.from({ length: size }, (_, i) => i).map((i, _, all) => all.filter((other) => other === i))],
  ['a scan per item, by for...of', 4, (size) => {
    const all = Array.from({ length: size }, (_, i) => i);
    for (const item of all) for (const other of all) void (item === other);
  }],
  ['one pass', 2, (size) => Array.from({ length: size }, (_, i) => i).map((i) => i + 1)],
  ['nothing counted', 0, (size) => size + 1],
])('%s grows the work by %d at each doubling', (_name, growth, run) => {
  expect(workGrowth((size) => size, run, 200)).toBeCloseTo(growth, 1);
});
