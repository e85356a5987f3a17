import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { SecureFlexibleServer } from '../../../lib';
import { evaluateStack } from '../../../lib/checks/evaluate';
import { rule } from '../../../lib/checks/rules/PG-CFG-5';
import { minimalProps, synthErrors } from '../../helpers';
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
  ['providers the rules do not read', { azapi: { source: 'azure/azapi' }, aws: { source: 'example-corp/aws' } }],
])('passes %s', (_, required) => {
  expect(findings(required)).toEqual([{ status: 'pass' }]);
});

test.each([
  ['azurerm', 'example-corp/azurerm', 'hashicorp/azurerm'],
  ['azurerm', 'mirror.example.com/hashicorp/azurerm', 'hashicorp/azurerm'],
  ['postgresql', 'hashicorp/postgresql', 'cyrilgdn/postgresql'],
  ['random', 'example-corp/random', 'hashicorp/random'],
  ['time', 'example-corp/time', 'hashicorp/time'],
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

test('a SecureFlexibleServer\'s synth fails when an override swaps the azurerm provider\'s source', () => {
  const stack = new TerraformStack(Testing.app(), 'trust');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  stack.addOverride('terraform.required_providers.azurerm.source', 'example-corp/azurerm');
  expect(synthErrors(stack)).toEqual([
    `  [trust] ${postgres.server.terraformResourceType}.${postgres.server.friendlyUniqueId} PG-CFG-5 terraform.required_providers.azurerm.source is "example-corp/azurerm", not hashicorp/azurerm: `
    + 'the rules read azurerm resources as hashicorp/azurerm defines them, which another provider need not do. '
    + 'Fix: Require azurerm from "hashicorp/azurerm", postgresql from "cyrilgdn/postgresql", random and time from hashicorp in terraform.required_providers.',
  ]);
});
