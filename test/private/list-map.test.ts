import { appendTo } from '../../lib/private/list-map';
import { workGrowth } from '../support/work-count';

test('items are added to the list of their key, in order, the list kept', () => {
  const map = new Map<string, number[]>();
  appendTo(map, 'a', 1);
  const list = map.get('a');
  appendTo(map, 'b', 2);
  appendTo(map, 'a', 3);
  expect([...map]).toEqual([['a', [1, 3]], ['b', [2]]]);
  expect(map.get('a')).toBe(list);
});

// Counted, not timed: doubling the items adds twice the work the doubling before added when each is appended in place, 4 times with a copy per item.
test('items of one key are added with work linear in their number (a copy per item took minutes: A11b-8)', () => {
  const append = (items: number) => {
    const map = new Map<string, number[]>();
    for (let i = 0; i < items; i++) appendTo(map, 'key', i);
    return map;
  };
  expect(workGrowth((items) => items, append, 2_500)).toBeLessThan(2.5);
  expect(append(100_000).get('key')).toHaveLength(100_000);
});
