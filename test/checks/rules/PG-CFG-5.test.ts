import { evaluateStack } from '../../../lib/checks/evaluate';
import { rule } from '../../../lib/checks/rules/PG-CFG-5';
import { compliantFlexibleServer, FLEXIBLE } from '../rule-harness';

/** The verdicts of PG-CFG-5 on a stack with one server and the given required_providers. */
function findings(requiredProviders: unknown): { status: string; message?: string }[] {
  const terraform = { terraform: { required_providers: requiredProviders }, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } } };
  return evaluateStack(terraform, [rule]).findings.map(({ status, message }) => (message === undefined ? { status } : { status, message }));
}

test.each([
  ['what cdktf writes', { azurerm: { source: 'azurerm', version: '4.55.0' }, postgresql: { source: 'cyrilgdn/postgresql' }, random: { source: 'hashicorp/random' } }],
  ['full addresses on the Terraform and OpenTofu registries', { azurerm: { source: 'registry.terraform.io/hashicorp/azurerm' }, postgresql: { source: 'registry.opentofu.org/cyrilgdn/postgresql' } }],
  ['another case', { azurerm: { source: 'HashiCorp/AzureRM' } }],
  ['no source (hashicorp\'s provider)', { azurerm: { version: '4.55.0' } }],
  ['providers the rules read, from their own sources', { azapi: { source: 'Azure/azapi' }, azuread: { source: 'hashicorp/azuread' }, msgraph: { source: 'microsoft/msgraph' }, null: { source: 'hashicorp/null' }, http: { source: 'hashicorp/http' } }],
  ['providers the rules do not read', { aws: { source: 'example-corp/aws' } }],
])('passes %s', (_, required) => {
  expect(findings(required)).toEqual([{ status: 'pass' }]);
});

test.each([
  ['azurerm', 'example-corp/azurerm', 'hashicorp/azurerm'],
  ['azurerm', 'mirror.example.com/hashicorp/azurerm', 'hashicorp/azurerm'],
  ['postgresql', 'hashicorp/postgresql', 'cyrilgdn/postgresql'],
  ['random', 'example-corp/random', 'hashicorp/random'],
  ['time', 'example-corp/time', 'hashicorp/time'],
  // The rules read azapi, azuread, msgraph, null and http blocks too, by what their own providers do (A15b-9).
  ['azapi', 'evilcorp/azapi', 'azure/azapi'],
  ['azuread', 'evilcorp/azuread', 'hashicorp/azuread'],
  ['msgraph', 'evilcorp/msgraph', 'microsoft/msgraph'],
  ['null', 'evilcorp/null', 'hashicorp/null'],
  ['http', 'evilcorp/http', 'hashicorp/http'],
])('fails %s from %s', (name, source, expected) => {
  expect(findings({ [name]: { source } })).toEqual([{
    status: 'fail',
    message: `terraform.required_providers.${name}.source is ${JSON.stringify(source)}, not ${expected}: the rules read ${name} resources as ${expected} defines them, which another provider need not do.`,
  }]);
});

test('fails each swapped provider, so one cannot hide another', () => {
  expect(findings([{ azurerm: { source: 'a/azurerm' } }, { postgresql: { source: 'b/postgresql' } }]).map((f) => f.message?.split(' ')[0])).toEqual([
    'terraform.required_providers.azurerm.source',
    'terraform.required_providers.postgresql.source',
  ]);
});

test('a source written as an expression fails: Terraform needs a literal there', () => {
  expect(findings({ azurerm: { source: '${var.source}' } })).toEqual([{
    status: 'fail',
    message: 'terraform.required_providers.azurerm.source is ${var.source}, an expression Terraform does not allow there, not hashicorp/azurerm: the rules read azurerm resources as hashicorp/azurerm defines them, which another provider need not do.',
  }]);
});

/** The verdicts of PG-CFG-5 on a stack whose server (and random_password) run with the given provider keys. */
function usedFindings(requiredProviders: unknown, serverProvider?: string, passwordProvider?: string): { status: string; message?: string }[] {
  const server = { ...compliantFlexibleServer(), ...(serverProvider === undefined ? {} : { provider: serverProvider }) };
  const password = { length: 32, ...(passwordProvider === undefined ? {} : { provider: passwordProvider }) };
  const terraform = { terraform: { required_providers: requiredProviders }, resource: { [FLEXIBLE]: { db: server }, random_password: { pw: password } } };
  return evaluateStack(terraform, [rule]).findings.map(({ status, message }) => (message === undefined ? { status } : { status, message }));
}

test.each([
  ['the default provider names', { azurerm: { source: 'hashicorp/azurerm' } }, undefined, undefined],
  ['an alias of the expected provider', { azurerm: { source: 'hashicorp/azurerm' } }, 'azurerm.second', 'random.other'],
  ['another local name required from the expected source', { az: { source: 'hashicorp/azurerm' }, rng: { source: 'registry.opentofu.org/hashicorp/random' } }, 'az.prod', 'rng'],
])('passes %s', (_, required, serverProvider, passwordProvider) => {
  expect(usedFindings(required, serverProvider, passwordProvider)).toEqual([{ status: 'pass' }]);
});

test('fails a server run by another local name whose source is a fork', () => {
  expect(usedFindings({ azurerm: { source: 'hashicorp/azurerm' }, evilaz: { source: 'attacker/azurerm' } }, 'evilaz')).toEqual([{
    status: 'fail',
    message: `terraform.required_providers.evilaz.source is "attacker/azurerm" (${FLEXIBLE}.db runs with it), not hashicorp/azurerm: the rules read azurerm resources as hashicorp/azurerm defines them, which another provider need not do.`,
  }]);
});

test('fails a random_password run by another local name whose source is a fork, alias and all', () => {
  expect(usedFindings({ rng: { source: 'attacker/random' } }, undefined, 'rng.x')).toEqual([{
    status: 'fail',
    message: 'terraform.required_providers.rng.source is "attacker/random" (random_password.pw runs with it), not hashicorp/random: the rules read random resources as hashicorp/random defines them, which another provider need not do.',
  }]);
});

test('fails a server run by a local name left out of required_providers: that is hashicorp\'s provider of the name', () => {
  expect(usedFindings({}, 'evilaz')).toEqual([{
    status: 'fail',
    message: `provider evilaz, which ${FLEXIBLE}.db runs with, is not in terraform.required_providers, so its source is hashicorp/evilaz, not hashicorp/azurerm: the rules read azurerm resources as hashicorp/azurerm defines them, which another provider need not do.`,
  }]);
});

