// PG-CFG-5 run on the model directly (its other tests go through evaluateStack, which reads an
// empty list of failures as a pass): a pass is PASS, without the stack's facts too; a provider
// named by an expression; a second local name of a type the rules read.
import { StackFacts } from '../../../../lib/checks/rule';
import { rule } from '../../../../lib/checks/rules/PG-CFG-5';
import { buildStackModel } from '../../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../../rule-harness';

function judged(resources: Resources, sources?: { [name: string]: unknown }, withResources = true) {
  const model = buildStackModel({ resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, ...resources } });
  const stack: StackFacts = {
    postgresqlProviders: new Map(),
    ...(withResources ? { resources: model.resources } : {}),
    ...(sources === undefined ? {} : { providerSources: new Map(Object.entries(sources)) }),
  };
  return { server: model.servers[0], stack };
}

test('the expected sources, or none written, pass: PASS, not an empty list', () => {
  const { server, stack } = judged({}, { azurerm: 'hashicorp/azurerm', postgresql: 'cyrilgdn/postgresql' });
  expect(rule.evaluate(server, stack)).toEqual({ status: 'pass' });
  expect(rule.evaluate(server, undefined)).toEqual({ status: 'pass' });
  const bare = judged({});
  expect(rule.evaluate(bare.server, bare.stack)).toEqual({ status: 'pass' });
  const noResources = judged({}, { azurerm: 'hashicorp/azurerm' }, false);
  expect(rule.evaluate(noResources.server, noResources.stack)).toEqual({ status: 'pass' });
});

test('a resource whose provider is an expression runs with a local name no source is written for', () => {
  const { server, stack } = judged({ azurerm_resource_group: { rg: { provider: '${var.provider}', name: 'rg', location: 'westeurope' } } });
  expect(rule.evaluate(server, stack)).toEqual([{
    status: 'fail',
    message: 'provider ${var.provider}, which azurerm_resource_group.rg runs with, is not in terraform.required_providers, so its source is hashicorp/${var.provider}, not hashicorp/azurerm: the rules read azurerm resources as hashicorp/azurerm defines them, which another provider need not do.',
    address: 'azurerm_resource_group.rg',
  }]);
});

test('a second local name of azurerm is judged by its own source', () => {
  const { server, stack } = judged({ azurerm_resource_group: { rg: { provider: 'azurerm2', name: 'rg', location: 'westeurope' } } }, { azurerm: 'hashicorp/azurerm', azurerm2: 'hashicorp/azurerm' });
  expect(rule.evaluate(server, stack)).toEqual({ status: 'pass' });
});
