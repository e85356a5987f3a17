import { evaluateStack } from '../../../lib/checks/evaluate';
import { ALL_RULES } from '../../../lib/checks/rules';
import { SUPPRESSIONS_KEY } from '../../../lib/checks/suppressions';
import { compliantFlexibleServer, FLEXIBLE } from '../rule-harness';

const SERVER = { [FLEXIBLE]: { db: { ...compliantFlexibleServer(), '//': { metadata: { path: 'stack/db' } } } } };
const REASON = 'break-glass access for the 2026-12 incident';

function statusOf(suppressions: unknown[], ruleId: string) {
  const { findings } = evaluateStack({ resource: SERVER, '//': { [SUPPRESSIONS_KEY]: suppressions } }, ALL_RULES);
  return {
    rule: findings.find((f) => f.ruleId === ruleId)?.status,
    invalid: findings.filter((f) => f.ruleId === 'PG-SUP-1').map((f) => f.message),
  };
}

test('a valid suppression suppresses its rule and is no finding of its own', () => {
  expect(statusOf([{ path: 'stack', ruleId: 'PGF-LOG-1', reason: REASON }], 'PGF-LOG-1')).toEqual({ rule: 'suppressed', invalid: [] });
});

test.each<[string, unknown, string]>([
  ['an unknown rule id', { path: 'stack', ruleId: 'PGF-LOG-99', reason: REASON }, 'names "PGF-LOG-99", which is not a rule of the pack'],
  ['an empty reason', { path: 'stack', ruleId: 'PGF-LOG-1', reason: '' }, 'has a reason that is empty or blank'],
  ['ten zero-width spaces', { path: 'stack', ruleId: 'PGF-LOG-1', reason: '\u200b'.repeat(10) }, 'has a reason that is empty or blank'],
  ['a reason padded with spaces', { path: 'stack', ruleId: 'PGF-LOG-1', reason: '  short   ' }, 'has a reason that has fewer than 10 letters or digits'],
  ['a reference as reason', { path: 'stack', ruleId: 'PGF-LOG-1', reason: '${var.reason}' }, 'has a reason that is a Terraform expression or template, known only at apply time, not text a reviewer can read'],
  ['a number as reason', { path: 'stack', ruleId: 'PGF-LOG-1', reason: 1234567890123 }, 'has a reason that is not text'],
  ['no path', { ruleId: 'PGF-LOG-1', reason: REASON }, 'has no construct path'],
  ['an empty path', { path: '', ruleId: 'PGF-LOG-1', reason: REASON }, 'has no construct path'],
  ['a path that is a template', { path: 'stack/${var.name}', ruleId: 'PGF-LOG-1', reason: REASON }, 'has no construct path'],
  ['not an object', 'PGF-LOG-1', 'is not an object with path, ruleId and reason'],
])('an entry with %s suppresses nothing and fails', (_, entry, problem) => {
  expect(statusOf([entry], 'PGF-LOG-1')).toEqual({ rule: 'fail', invalid: [`suppression 1 (${JSON.stringify(entry)}) ${problem}, so it suppresses nothing.`] });
});

test('a list that is not a list of entries is read entry by entry', () => {
  expect(statusOf([{ path: 'stack', ruleId: 'PGF-LOG-1', reason: REASON }, null], 'PGF-LOG-1')).toEqual({
    rule: 'suppressed',
    invalid: ['suppression 2 (null) is not an object with path, ruleId and reason, so it suppresses nothing.'],
  });
});

// 46th run, A46b-1: a hand-written path that names no construct was ignored without a trace.
describe('an entry whose path names no construct of the stack suppresses nothing and fails', () => {
  const message = (entry: object, path: string, hint = '') =>
    `suppression 1 (${JSON.stringify(entry)}) names the construct path ${JSON.stringify(path)}, which matches no construct of the stack (no block's //.metadata.path is it or below it${hint}), so it suppresses nothing.`;

  test.each<[string, string, string]>([
    ['a prefix of the construct\'s name', 'stack/d', ''],
    ['another case', 'STACK/DB', '; the construct "stack/db" differs from it only in case'],
    ['a trailing "/"', 'stack/db/', '; the construct "stack/db" is written without the trailing "/"'],
    ['a wildcard', 'stack/*', ''],
    ['a ".." segment', 'stack/Other/../db', ''],
    ['a path below a block', 'stack/db/Child', ''],
    ['another stack\'s name', 'other', ''],
    ['the resource\'s address', `${FLEXIBLE}.db`, '; it is a resource address, and that resource\'s construct path is "stack/db"'],
    ['a trailing space', 'stack/db ', '; the construct "stack/db" differs from it only in white space or invisible characters'],
  ])('%s', (_, path, hint) => {
    const entry = { path, ruleId: 'PGF-LOG-1', reason: REASON };
    expect(statusOf([entry], 'PGF-LOG-1')).toEqual({ rule: 'fail', invalid: [message(entry, path, hint)] });
  });

  // 49th run, A49a-8: a path that prints like the construct's shows its characters outside printable ASCII escaped.
  test.each<[string, string, string, string]>([
    ['a no-break space', 'stack/db\u00a0', 'stack/db\\u{a0}', '; the construct "stack/db" differs from it only in white space or invisible characters'],
    ['a zero-width space', 'stack/\u200bdb', 'stack/\\u{200b}db', '; the construct "stack/db" differs from it only in white space or invisible characters'],
    ['a Cyrillic letter', 'st\u0430ck/db', 'st\\u{430}ck/db', ''],
  ])('%s', (_, path, escaped, hint) => {
    const entry = { path, ruleId: 'PGF-LOG-1', reason: REASON };
    const shownPath = `${JSON.stringify(path)} (${escaped}, its characters outside printable ASCII escaped)`;
    expect(statusOf([entry], 'PGF-LOG-1')).toEqual({ rule: 'fail', invalid: [message(entry, path, hint).replace(`path ${JSON.stringify(path)}`, `path ${shownPath}`)] });
  });

  test('the fix names the path cdktf writes when one differs only in case, and how to write one otherwise', () => {
    const fixOf = (path: string) => evaluateStack({ resource: SERVER, '//': { [SUPPRESSIONS_KEY]: [{ path, ruleId: 'PGF-LOG-1', reason: REASON }] } }, ALL_RULES)
      .findings.find((f) => f.ruleId === 'PG-SUP-1')?.fix;
    const better = 'Better: suppress with PostgresSecurityChecks.suppress(scope, ruleId, reason), which writes the path itself, on the construct that holds the resources the rule judges (one with no resource, data source or module beneath it suppresses nothing).';
    expect(fixOf('Stack/DB')).toBe(`Write the path as cdktf synth writes it: "stack/db". ${better}`);
    expect(fixOf('stack/d')).toBe('Write the path of a construct as cdktf synth writes it into the //.metadata.path of its blocks ("<stack>/<construct id>", matched '
      + `exactly and on "/" boundaries: no wildcard, "..", trailing "/" or resource address). ${better}`);
  });

  test.each([['a block\'s path', 'stack/db'], ['a scope above it', 'stack']])('%s names a construct: it suppresses, and is no finding', (_, path) => {
    expect(statusOf([{ path, ruleId: 'PGF-LOG-1', reason: REASON }], 'PGF-LOG-1')).toEqual({ rule: 'suppressed', invalid: [] });
  });

  test('the paths of data sources and modules name constructs too', () => {
    const terraform = {
      resource: SERVER,
      data: { azurerm_client_config: { current: { '//': { metadata: { path: 'stack/Lookups/Current' } } } } },
      module: { net: { source: 'Azure/network/azurerm', '//': { metadata: { path: 'stack/Network' } } } },
      '//': { [SUPPRESSIONS_KEY]: ['stack/Lookups', 'stack/Lookups/Current', 'stack/Network'].map((path) => ({ path, ruleId: 'PGF-LOG-1', reason: REASON })) },
    };
    expect(evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.ruleId === 'PG-SUP-1')).toEqual([]);
  });

  test('an entry of another stack that names no construct there suppresses nothing here either', () => {
    const other = { path: 'other', terraform: { '//': { [SUPPRESSIONS_KEY]: [{ path: 'stack/db', ruleId: 'PGF-LOG-1', reason: REASON }] } } };
    const judged = evaluateStack({ resource: SERVER }, ALL_RULES, { app: { path: 'stack', others: [other] } });
    expect(judged.findings.find((f) => f.ruleId === 'PGF-LOG-1')?.status).toBe('fail');
    // Its own stack's check names it.
    expect(evaluateStack(other.terraform, ALL_RULES).findings.map((f) => f.message)).toEqual([expect.stringMatching(/^suppression 1 .* names the construct path "stack\/db", which matches no construct of the stack/)]);
  });
});
