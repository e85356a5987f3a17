import { MIN_REASON_LENGTH, reasonProblem, visibleLength } from '../../../lib/private/reason-text';

// What makes a justification or a suppression reason acceptable: literal text a reviewer can read,
// at least ten visible characters. Pure, so the constructs and the check command judge alike.

describe('visibleLength', () => {
  test('counts letters, digits, punctuation and symbols', () => {
    expect(visibleLength('SEC-482: €5 + 3 = 8?')).toBe(15);
  });

  test('does not count spaces, tabs, line breaks or zero-width characters', () => {
    expect(visibleLength(' \t\n\u200b\u200c\u200d\ufeffab c')).toBe(3);
  });

  test('is 0 for an empty text', () => {
    expect(visibleLength('')).toBe(0);
  });
});

describe('reasonProblem', () => {
  test('the least length is ten visible characters', () => {
    expect(MIN_REASON_LENGTH).toBe(10);
  });

  test('accepts a text of exactly ten visible characters, spaces around them not counted', () => {
    expect(reasonProblem('  abcde fghij  ')).toBeUndefined();
  });

  test('refuses nine visible characters padded with spaces or zero-width characters', () => {
    expect(reasonProblem('abcdefghi          ')).toBe('has fewer than 10 visible characters');
    expect(reasonProblem('abcdefghi\u200b\u200b\u200b\u200b\u200b')).toBe('has fewer than 10 visible characters');
  });

  test('refuses an empty or blank text as such', () => {
    expect(reasonProblem('')).toBe('is empty or blank');
    expect(reasonProblem(' \u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b ')).toBe('is empty or blank');
  });

  test('refuses a Terraform interpolation or directive anywhere in the text', () => {
    const problem = 'is a Terraform expression or template, known only at apply time, not text a reviewer can read';
    expect(reasonProblem('${var.justification}')).toBe(problem);
    expect(reasonProblem('reviewed by ${var.owner} in SEC-1')).toBe(problem);
    expect(reasonProblem('%{ if true }a long enough reason%{ endif }')).toBe(problem);
  });

  test('accepts a dollar or a percent sign that opens no template', () => {
    expect(reasonProblem('costs $ 40 a month, 100 % needed (SEC-9)')).toBeUndefined();
  });

  test('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, true, ['a long enough reason'], { reason: 'a long enough reason' }]) {
      expect(reasonProblem(value)).toBe('is not text');
    }
  });
});
