import { appendTo } from '../../lib/private/list-map';

test('items are added to the list of their key, in order, the list kept', () => {
  const map = new Map<string, number[]>();
  appendTo(map, 'a', 1);
  const list = map.get('a');
  appendTo(map, 'b', 2);
  appendTo(map, 'a', 3);
  expect([...map]).toEqual([['a', [1, 3]], ['b', [2]]]);
  expect(map.get('a')).toBe(list);
});

test('100,000 items of one key are added in linear time (a copy per item took minutes: A11b-8)', () => {
  const map = new Map<string, number[]>();
  const started = Date.now();
  for (let i = 0; i < 100_000; i++) appendTo(map, 'key', i);
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(map.get('key')).toHaveLength(100_000);
});
