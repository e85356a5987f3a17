// Another stack of the app the model cannot read with the judged one (a malformed block an override wrote): the judged stack is still
// judged by itself, and the join that failed is a failure of it, never a silent change of what is judged (54th run, A54b-3/4).
import { evaluateStack, STACK_ADDRESS } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { SECURE } from '../cli/cli-harness';

const joinedWith = (other: object) => evaluateStack(SECURE, ALL_RULES, { app: { path: 'db', others: [{ path: 'shared', terraform: other }], complete: true } });
const stackFailures = (evaluation: ReturnType<typeof evaluateStack>) => evaluation.findings.filter((finding) => finding.server === STACK_ADDRESS && finding.status === 'fail').map((finding) => [finding.ruleId, finding.message]);

test('a stack joined with one whose block is malformed fails, naming it and the problem', () => {
  const evaluation = joinedWith({ resource: { azurerm_resource_group: { bad: 'oops' } } });
  expect(evaluation.problems).toEqual([]);
  expect(stackFailures(evaluation)).toEqual([['PG-CFG-6', expect.stringMatching(/^the other stacks of the app \("shared"\) cannot be read with this one \(.+\), so what they add beside its servers and what it reads of them are not judged: fix that stack, or judge this one alone\.$/)]]);
});

test('a stack joined with a readable one has no such failure', () => {
  expect(stackFailures(joinedWith({ resource: { azurerm_resource_group: { good: { name: 'rg', location: 'westeurope' } } } }))).toEqual([]);
});

test('another stack\'s unaliased postgresql provider and one aliased "default" are two configurations, not a clash (A54b-4)', () => {
  const providers = { provider: { postgresql: [{ host: 'a.example.com' }, { alias: 'default', host: 'b.example.com' }] } };
  expect(joinedWith(providers).findings.filter((finding) => /cannot be read with this one/.test(finding.message ?? ''))).toEqual([]);
});
