import { escapeIndistinct, letterAndDigitCount, MIN_REASON_LENGTH, printable, quotedWithEscapes, reasonProblem, unreadableCharacter, unusualSpace } from '../../../lib/private/reason-text';

// What makes a justification or a suppression reason acceptable: literal text a reviewer can read,
// at least ten letters or digits. Pure, so the constructs and the check command judge alike.

describe('unusualSpace and escapeIndistinct: spaces a reader cannot tell from U+0020 (eleventh review, A11a-7)', () => {
  test('names the first space other than U+0020; a reason may hold one, a printed name shows it escaped', () => {
    expect(unusualSpace('sa\u200ales and\u00a0more')).toBe('U+200A');
    expect(unusualSpace('plain spaces only')).toBeUndefined();
    expect(reasonProblem('approved\u00a0by the security\u2009team')).toBeUndefined();
    expect(reasonProblem('\u200a'.repeat(12))).toBe('is empty or blank');
    expect(reasonProblem('ok\u2009\u200a\u00a0\u3000'.repeat(4))).toBe('has fewer than 10 letters or digits');
    expect(printable('a\u00a0b')).toBe('a\u00a0b');
    expect(escapeIndistinct('sa\u200ales\u00a0x\u200by c')).toBe('sa\\u{200a}les\\u{a0}x\\u{200b}y c');
  });
});

describe('quotedWithEscapes: a name that reads like another shows its characters outside printable ASCII beside it (49th run, A49a-8; 93rd run, A93a-4)', () => {
  test('a look-alike letter, an unusual or zero-width space, a DEL: escaped beside the quoted name', () => {
    expect(quotedWithEscapes('\u043erders_app')).toBe('"\u043erders_app" (\\u{43e}rders_app, its characters outside printable ASCII escaped)');
    expect(quotedWithEscapes('orders\u2009app')).toBe('"orders\u2009app" (orders\\u{2009}app, its characters outside printable ASCII escaped)');
    expect(quotedWithEscapes('orders_app\u200b\u007f')).toBe('"orders_app\u200b\u007f" (orders_app\\u{200b}\\u{7f}, its characters outside printable ASCII escaped)');
  });

  test('printable ASCII, and controls JSON escapes itself, are quoted as JSON only', () => {
    expect(quotedWithEscapes('orders_app')).toBe('"orders_app"');
    expect(quotedWithEscapes('x" is\nfine\u001b[8m')).toBe('"x\\" is\\nfine\\u001b[8m"');
  });
});

describe('letterAndDigitCount', () => {
  test('counts letters and digits only, not punctuation or symbols', () => {
    expect(letterAndDigitCount('SEC-482: €5 + 3 = 8?')).toBe(9);
  });

  test('does not count spaces, tabs, line breaks or zero-width characters', () => {
    expect(letterAndDigitCount(' \t\n\u200b\u200c\u200d\ufeffab c')).toBe(3);
  });

  test('is 0 for an empty text', () => {
    expect(letterAndDigitCount('')).toBe(0);
  });
});

describe('unreadableCharacter', () => {
  test('names the first invisible or line-breaking character as U+XXXX', () => {
    expect(unreadableCharacter('ok\u3164then\u001b')).toBe('U+3164');
    expect(unreadableCharacter('line\nbreak')).toBe('U+000A');
  });

  test('is undefined for readable text', () => {
    expect(unreadableCharacter('SEC-482 approved, €5 a month')).toBeUndefined();
  });
});

describe('printable', () => {
  test('escapes what could hide text or forge a line, and keeps the rest', () => {
    expect(printable('a\u001b[2Kb\nc')).toBe('a\\u{1b}[2Kb\\u{a}c');
    expect(printable('plain text')).toBe('plain text');
  });
});

describe('reasonProblem', () => {
  test('the least length is ten letters or digits', () => {
    expect(MIN_REASON_LENGTH).toBe(10);
  });

  test('accepts a text of exactly ten letters, spaces around them not counted', () => {
    expect(reasonProblem('  abcde fghij  ')).toBeUndefined();
  });

  test('refuses nine letters padded with spaces, and ten dots', () => {
    expect(reasonProblem('abcdefghi          ')).toBe('has fewer than 10 letters or digits');
    expect(reasonProblem('..........')).toBe('has fewer than 10 letters or digits');
  });

  test('refuses zero-width padding as unreadable', () => {
    expect(reasonProblem('abcdefghi\u200b\u200b\u200b\u200b\u200b')).toBe(
      'holds U+200B, a control, line break or invisible character, which hides or forges text where the reason is printed');
  });

  // 62nd run, A62a-2: a run of spaces put a forged finding on a line of its own where a log wraps the reason.
  test('refuses a run of three spaces or more, and accepts two', () => {
    expect(reasonProblem(`ok for now${' '.repeat(300)}ERROR PGF-TLS-1 forged`)).toBe('holds a run of 300 spaces, which hides or forges text where the reason is printed');
    expect(reasonProblem('accepted by the data owner.   Review in May')).toBe('holds a run of 3 spaces, which hides or forges text where the reason is printed');
    expect(reasonProblem('accepted by the data owner.  Review in May')).toBeUndefined();
    // 63rd run, A63a-3: any space character counts, and a reason has at most 300 characters.
    expect(reasonProblem(`accepted by the data owner${'\u00a0'.repeat(300)}x`)).toBe('holds a run of 300 spaces, which hides or forges text where the reason is printed');
    expect(reasonProblem(`accepted by the data owner ${'\u3000\u00a0 '.repeat(2)}x`)).toBe('holds a run of 7 spaces, which hides or forges text where the reason is printed');
    expect(reasonProblem(`accepted by the data owner${'  .'.repeat(150)}`)).toBe('has 476 characters, more than the 300 a reason may have (printed on one line, the rest is out of sight)');
    expect(reasonProblem('a'.repeat(300))).toBeUndefined();
  });

  // Adversarial run of stop 77, U77-11: marks stacked on one letter draw over the lines around the printed reason.
  test('refuses a run of nine combining marks or more, and accepts the marks of real writing', () => {
    expect(reasonProblem(`accepted by the data o${'\u0336\u0489'.repeat(100)}wner`)).toBe('holds a run of 200 combining marks, which hides or forges text where the reason is printed');
    expect(reasonProblem(`accepted by the data owner${'\u0301'.repeat(9)}`)).toBe('holds a run of 9 combining marks, which hides or forges text where the reason is printed');
    expect(reasonProblem(`accepted by the data owner${'\u0301'.repeat(8)}`)).toBeUndefined();
    // Vietnamese (two marks on a letter, decomposed), Tibetan (a stack of four), Hindi.
    expect(reasonProblem('Chu\u031b\u0303a co\u0301 ma\u0323ng, accepted by the owner'.normalize('NFD'))).toBeUndefined();
    expect(reasonProblem('\u0f67\u0f90\u0fb5\u0fba\u0fbb accepted by the data owner')).toBeUndefined();
    expect(reasonProblem('डेटा स्वामी द्वारा स्वीकृत, accepted by the data owner')).toBeUndefined();
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
