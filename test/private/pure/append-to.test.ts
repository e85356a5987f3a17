import { appendTo } from '../../../lib/private/append-to';

// Lists by key built in place (eleventh review, A11b-8: copying each list per item was quadratic).

test('adds items to the list of their key, in order, in place', () => {
  const map = new Map<string, number[]>();
  appendTo(map, 'a', 1);
  const list = map.get('a');
  appendTo(map, 'a', 2);
  appendTo(map, 'b', 3);
  expect(map).toEqual(new Map([['a', [1, 2]], ['b', [3]]]));
  expect(map.get('a')).toBe(list);
});
