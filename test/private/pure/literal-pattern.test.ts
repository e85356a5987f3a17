import { holedPattern, literalPattern } from '../../../lib/private/literal-pattern';

describe('literalPattern', () => {
  test('every character a regular expression reads specially matches itself', () => {
    const text = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o/p-q';
    const pattern = new RegExp(`^${literalPattern(text)}$`);
    expect([pattern.test(text), pattern.test(text.replace('.', 'x')), pattern.test(`${text}x`)]).toEqual([true, false, false]);
  });
});

describe('holedPattern', () => {
  test('the literal parts match themselves and each hole the gap', () => {
    const pattern = new RegExp(`^${holedPattern('rg-\u0000.orders(\u0000)', '\u0000', '.*')}$`);
    expect(['rg-prod.orders(eu)', 'rg-.orders()', 'rg-prodxorders(eu)', 'rg-prod.orders(eu)x'].map((text) => pattern.test(text)))
      .toEqual([true, true, false, false]);
  });

  test('the gap decides whether a hole spans a line end', () => {
    const text = 'a\nb';
    expect([new RegExp(`^${holedPattern('a?b', '?', '.*')}$`).test(text), new RegExp(`^${holedPattern('a?b', '?', '[^]*')}$`).test(text)])
      .toEqual([false, true]);
  });
});
