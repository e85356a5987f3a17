import { pairsReach } from '../../lib/checks/pair-search';

// The shared search of given-objects.ts (sameVariableText) and public-name-shadows.ts (globsMeet): it reaches both ends only
// along the moves it is given, and sees each pair once (a cycle of moves ends).

describe('pairsReach', () => {
  const equalText = (a: string, b: string) => pairsReach([a.length, b.length], (i, j) => (a[i] !== undefined && a[i] === b[j] ? [[i + 1, j + 1]] : []));

  test('reaches both ends only by the moves given', () => {
    expect(equalText('abc', 'abc')).toBe(true);
    expect(equalText('abc', 'abd')).toBe(false);
    expect(equalText('ab', 'abc')).toBe(false);
    expect(equalText('', '')).toBe(true);
  });

  test('a move back to a pair already seen ends the search', () => {
    expect(pairsReach([2, 2], (i, j) => [[i, j], [0, 0]])).toBe(false);
    expect(pairsReach([1, 3], (i, j) => (j < 3 ? [[i, j + 1], [i, j]] : [[i + 1, j]]))).toBe(true);
  });
});
