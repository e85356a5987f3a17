import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { exampleJson } from '../support/example-stacks';

// Adversarial run of stop 70 (adv70d, D4): another stack's azurerm providers are joined to read its blocks in their own subscription
// (B16), but their features govern what that stack deletes, and are judged there: a platform stack that lets its provider delete
// its own non-empty resource groups does not fail a server of another stack.

type Json = { provider: { azurerm: object[] }; [key: string]: unknown };
const UNGUARDED = { features: [{ resource_group: [{ prevent_deletion_if_contains_resources: false }] }] };

function deletionGuardFailures(host: Json, others: { path: string; terraform: unknown }[] = []): string[] {
  const evaluation = evaluateStack(host, ALL_RULES, others.length === 0 ? {} : { app: { path: 'data', others, complete: true } });
  expect(evaluation.problems).toEqual([]);
  return evaluation.findings.filter((f) => f.ruleId === 'PGF-DEL-1' && f.status === 'fail').map((f) => f.message ?? '');
}

test('a joined stack\'s provider that deletes non-empty groups does not fail the judged stack\'s server', () => {
  const platform = { provider: { azurerm: [{ ...UNGUARDED, subscription_id: '11111111-1111-1111-1111-111111111111' }] }, resource: { azurerm_resource_group: { logs: { name: 'rg-logs', location: 'westeurope' } } } };
  expect(deletionGuardFailures(exampleJson<Json>('flexible-vnet-integration'), [{ path: 'platform', terraform: platform }])).toEqual([]);
});

test('the judged stack\'s own provider that does fails it', () => {
  const host = exampleJson<Json>('flexible-vnet-integration');
  host.provider.azurerm = [{ ...host.provider.azurerm[0], ...UNGUARDED }];
  expect(deletionGuardFailures(host)).toEqual([expect.stringContaining('prevent_deletion_if_contains_resources = false')]);
});
