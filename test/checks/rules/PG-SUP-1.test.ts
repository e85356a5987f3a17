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
