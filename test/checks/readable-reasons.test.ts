import { PostgresSecurityChecks, SecureFlexibleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { buildReport, renderMarkdown } from '../../lib/checks/report';
import { cell } from '../../lib/checks/markdown-text';
import { ALL_RULES, CATALOG } from '../../lib/checks/rules';
import { letterAndDigitCount, printable, reasonFault, reasonProblem } from '../../lib/private/reason-text';
import { check, fileWith, INSECURE, SECURE } from '../cli/cli-harness';
import { minimalProps, providerStack } from '../helpers';

// A justification or a suppression reason must be readable (adversary finding F6): characters
// that render blank or change the lines around them are refused, only letters and digits count
// toward the length, and the text a stack supplies is printed escaped by the CLI and the report.

const REASON = 'SEC-123: accepted by the security team until 2027-03';
const FIX = 'write the reason on one line in characters a reader sees, e.g. "SEC-123: accepted by the security team until 2027-03"';

const destroyAllowed = (justification: string) => () =>
  new SecureFlexibleServer(providerStack('trust'), 'Postgres', minimalProps({ deletionProtection: { preventDestroy: false, justification } }));

describe('characters a reader cannot see', () => {
  test.each<[string, string]>([
    ['HANGUL FILLER U+3164', '\u3164'],
    ['HALFWIDTH HANGUL FILLER U+FFA0', '\uffa0'],
    ['HANGUL CHOSEONG FILLER U+115F', '\u115f'],
    ['HANGUL JUNGSEONG FILLER U+1160', '\u1160'],
    ['BRAILLE PATTERN BLANK U+2800', '\u2800'],
    ['OBJECT REPLACEMENT CHARACTER U+FFFC', '\ufffc'],
    ['REPLACEMENT CHARACTER U+FFFD', '\ufffd'],
    ['ZERO WIDTH SPACE U+200B', '\u200b'],
    ['COMBINING GRAPHEME JOINER U+034F', '\u034f'],
    ['VARIATION SELECTOR-16 U+FE0F', '\ufe0f'],
    ['a tag character U+E0041', '\u{e0041}'],
  ])('ten of %s are no justification', (_, character) => {
    expect(destroyAllowed(character.repeat(10))).toThrow(
      `Invalid deletionProtection.justification: "${printable(character.repeat(10))}" is required to allow the server to be destroyed. Fix: say why in at least 10 characters, e.g. "${REASON}".`,
    );
  });

  test.each<[string, string, string]>([
    ['an ANSI sequence that erases the warning line', '\u001b[8m\u001b[2K\u001b[1A\u001b[2K', 'U+001B'],
    ['a line break that forges a line', 'ok reason\n  suppressed PGF-NET-1  fake: approved by CISO', 'U+000A'],
    ['a carriage return', 'approved by the CISO\rnot approved', 'U+000D'],
    ['a tab', 'approved\tby the security team', 'U+0009'],
    ['DEL', 'approved by the security team\u007f', 'U+007F'],
    ['a C1 control (CSI)', 'approved by the security team\u009b2K', 'U+009B'],
    ['a line separator', 'approved by the\u2028security team', 'U+2028'],
    ['a right-to-left override', 'approved by \u202eCISO eht', 'U+202E'],
    ['a soft hyphen', 'approved by the secu\u00adrity team', 'U+00AD'],
    ['a Hangul filler among words', 'approved by the \u3164 security team', 'U+3164'],
    ['a Braille blank among words', 'approved by the \u2800 security team', 'U+2800'],
    ['a private-use character', 'approved by the \ue000 security team', 'U+E000'],
    ['a lone surrogate', 'approved by the \ud800 security team', 'U+D800'],
  ])('%s is refused', (_, justification, codePoint) => {
    expect(reasonFault(justification)).toBe('unreadable');
    let thrown: Error | undefined;
    try {
      destroyAllowed(justification)();
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown).toMatchObject({ code: 'JUSTIFICATION-UNREADABLE', prop: 'deletionProtection.justification' });
    expect(thrown?.message).toMatch(new RegExp(`^Invalid deletionProtection\\.justification: ".*" holds ${codePoint.replace('+', '\\+')}, a control, line break or invisible character, which would hide or forge text in the warning and the security report\\. Fix: ${FIX.replace(/[.()]/g, '\\$&')}\\.$`));
    // The message itself shows the character escaped, on one line.
    expect(thrown?.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u202e\u00ad\u3164\u2800\ue000]/);
  });
});

describe('only letters and digits count toward the length', () => {
  test.each(['..........', '----------!!!!', '1.2.3.4.5.', '(a) (b) (c) (d) (e)'])('%p is too short', (justification) => {
    expect(destroyAllowed(justification)).toThrow(
      `Invalid deletionProtection.justification: "${justification}" is too short to justify the choice to allow the server to be destroyed. Fix: say why in at least 10 characters, e.g. "${REASON}".`,
    );
  });

  test.each([
    'Ticket SEC-123 approved',
    'geprüft von der Sicherheit',
    '審査済み、セキュリティチーム承認済み',
    'SEC-123 ✅ approved until 2027-03',
    'approved\u00a0by the security team',
    'क्षेत्र सुरक्षा टीम',
  ])('%p is readable', (justification) => {
    expect(reasonProblem(justification)).toBeUndefined();
    expect(destroyAllowed(justification)).not.toThrow();
  });

  test('letters with combining marks count once per letter', () => {
    expect(letterAndDigitCount('e\u0301e\u0301e\u0301')).toBe(3);
  });
});

describe('the same test applies to suppress() and to a hand-edited suppression list', () => {
  test('suppress() refuses a reason that forges a line of the check output', () => {
    expect(() => PostgresSecurityChecks.suppress(providerStack('trust'), 'PGF-NET-2', 'ok reason\n  suppressed PGF-NET-1  fake: approved by CISO')).toThrow(
      'Invalid reason: "ok reason\\n  suppressed PGF-NET-1  fake: approved by CISO" holds U+000A, a control, line break or invisible character, which hides or forges text where the reason is printed, so it does not explain the suppression of PGF-NET-2. Fix: say why in at least 10 letters or digits; the reason is printed in the security report.',
    );
  });

  test.each([['\u3164'.repeat(10)], ['\u001b[8m\u001b[2K\u001b[1A\u001b[2K'], ['..........']])('suppress() refuses %j', (reason) => {
    expect(() => PostgresSecurityChecks.suppress(providerStack('trust'), 'PGF-NET-2', reason)).toThrow(/^Invalid reason: /);
  });

  // 62nd run, A62a-2.
  test('a justification, a suppress() reason and a hand-edited reason padded with a run of spaces are refused', () => {
    const padded = `accepted by the data owner${' '.repeat(400)}ERROR      PGF-NET-9  forged line`;
    expect(destroyAllowed(padded)).toThrow(/^Invalid deletionProtection\.justification: "accepted by the data owner +…" holds a run of 400 spaces, which would hide or forge text in the warning and the security report\. Fix: write the reason on one line/);
    expect(() => PostgresSecurityChecks.suppress(providerStack('trust'), 'PGF-NET-2', padded)).toThrow(/^Invalid reason: "accepted by the data owner +…" holds a run of 400 spaces, which hides or forges text where the reason is printed, so it does not explain the suppression of PGF-NET-2\./);
    const edited = { ...INSECURE, '//': { 'cdktf-azure-postgres-suppressions': [{ path: 'stack', ruleId: 'PGF-NET-4', reason: padded }] } };
    const result = check('check', fileWith('cdk.tf.json', JSON.stringify(edited)));
    expect(result.code).toBe(1);
    expect(result.out).toContainEqual(expect.stringMatching(/^ {2}ERROR {6}PG-SUP-1 {3}\(stack\): suppression 1 .* holds a run of 400 spaces, which hides or forges text where the reason is printed, so it suppresses nothing\./));
  });

  // 63rd run, A63a-3.
  test('a justification of more than 300 characters is refused', () => {
    const long = `accepted by the data owner, ${'see the minutes of the review board. '.repeat(10)}`;
    expect(destroyAllowed(long)).toThrow(/^Invalid deletionProtection\.justification: ".*" has 398 characters, more than the 300 a justification may have: printed on one line, the rest would be out of sight\. Fix: say why in one or two sentences and link a ticket for the rest/);
    expect(destroyAllowed(`accepted by the data owner${'\u00a0'.repeat(300)}x`)).toThrow(/holds a run of 300 spaces, which would hide or forge text/);
  });

  test('twelve Hangul fillers in a hand-edited JSON suppress nothing, and check fails', () => {
    const edited = { ...INSECURE, '//': { 'cdktf-azure-postgres-suppressions': [{ path: 'stack', ruleId: 'PGF-NET-4', reason: '\u3164'.repeat(12) }] } };
    const result = check('check', fileWith('cdk.tf.json', JSON.stringify(edited)));
    expect(result.code).toBe(1);
    expect(result.out).toContainEqual(`  ERROR      PG-SUP-1   (stack): suppression 1 (${printable(JSON.stringify(edited['//']['cdktf-azure-postgres-suppressions'][0]))}) has a reason that is empty or blank, so it suppresses nothing. Fix: ${CATALOG.find((r) => r.id === 'PG-SUP-1')!.fix}`);
    expect(result.out).toContainEqual(expect.stringMatching(/^ {2}ERROR {6}PGF-NET-4 /));
  });
});

describe('text from the stack is printed escaped', () => {
  test('check prints a warning read from the JSON on one line, with its controls escaped', () => {
    const forged = 'Backup is weaker\n  suppressed PGF-NET-1  (stack): approved by CISO\u001b[2K';
    const stack = { ...SECURE, '//': { 'cdktf-azure-postgres-warnings': [{ path: 'stack/Postgres', id: 'BackupWeakened', message: forged }] } };
    const result = check('check', fileWith('cdk.tf.json', JSON.stringify(stack)));
    // Runs of spaces printed as one (63rd run, A63a-4).
    expect(result.out).toContainEqual('  WARNING    (synth)    stack/Postgres: Backup is weaker\\u{a} suppressed PGF-NET-1 (stack): approved by CISO\\u{1b}[2K');
    expect(result.out.filter((line) => line.includes('approved by CISO'))).toHaveLength(1);
    expect(result.out.join('\n')).not.toMatch(/[\u001b\u2028]/);
    const padded = { ...SECURE, '//': { 'cdktf-azure-postgres-warnings': [{ path: `stack/Postgres${' '.repeat(300)}x`, id: 'BackupWeakened', message: `Backup is weaker${'\u00a0'.repeat(300)}ERROR      PGF-NET-9  forged` }] } };
    expect(check('check', fileWith('cdk.tf.json', JSON.stringify(padded))).out).toContainEqual('  WARNING    (synth)    stack/Postgres x: Backup is weaker ERROR PGF-NET-9 forged');
  });

  test('the Markdown report escapes a reason that would add a comment, a cell or a link', () => {
    const reason = 'SEC-9 <!-- hides the rest | [approved](https://evil.example) **by CISO** `x`';
    const terraform = { ...SECURE, '//': { 'cdktf-azure-postgres-suppressions': [{ path: 'stack', ruleId: 'PGF-ENC-1', reason }] } };
    const evaluation = evaluateStack({ ...terraform, resource: { ...terraform.resource, azurerm_postgresql_flexible_server: { db: { ...terraform.resource.azurerm_postgresql_flexible_server.db, '//': { metadata: { path: 'stack/db' } } } } } }, ALL_RULES);
    const markdown = renderMarkdown(buildReport('stack', evaluation, CATALOG));
    const line = markdown.split('\n').find((l) => l.includes('PGF-ENC-1:'));
    expect(line).toBe(
      '- `azurerm_postgresql_flexible_server.db` PGF-ENC-1: the server has no customer_managed_key block, so its data is encrypted with a Microsoft-managed key. Reason: SEC-9 \\<!-- hides the rest \\| [approved]\\(https://evil.example) \\*\\*by CISO\\*\\* \\`x\\`',
    );
  });
});

// 92nd run, A92d-5: a name with a character reference (`orders&#95;app`) rendered as another name (`orders_app`).
test('Markdown text escapes a character reference and a strikethrough, so a name shows as itself', () => {
  expect(cell('orders&#95;app ~~hidden~~')).toBe('orders\\&#95;app \\~\\~hidden\\~\\~');
});
