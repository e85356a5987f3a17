// PG-CFG-5 beyond its own tests: sources with blanks, four parts, a fork on a known registry, a
// local name two resources share, resource types the rules do not read.
import { evaluateStack } from '../../../../lib/checks/evaluate';
import { rule } from '../../../../lib/checks/rules/PG-CFG-5';
import { compliantFlexibleServer, FLEXIBLE } from '../../rule-harness';

const NOT_AZURERM = 'not hashicorp/azurerm: the rules read azurerm resources as hashicorp/azurerm defines them, which another provider need not do.';

function findings(requiredProviders: unknown, resources: object = {}): { status: string; message?: string }[] {
  const terraform = { terraform: { required_providers: requiredProviders }, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, ...resources } };
  return evaluateStack(terraform, [rule]).findings.map(({ status, message }) => (message === undefined ? { status } : { status, message }));
}

test('reads a source with blanks, and refuses one of four parts or a fork on a known registry', () => {
  expect(findings({ azurerm: { source: ' hashicorp/azurerm ' } })).toEqual([{ status: 'pass' }]);
  expect(findings({ azurerm: { source: 'registry.terraform.io/example-corp/azurerm' } })).toEqual([
    { status: 'fail', message: `terraform.required_providers.azurerm.source is "registry.terraform.io/example-corp/azurerm", ${NOT_AZURERM}` },
  ]);
  expect(findings({ azurerm: { source: 'registry.terraform.io/hashicorp/azurerm/x' } })).toEqual([
    { status: 'fail', message: `terraform.required_providers.azurerm.source is "registry.terraform.io/hashicorp/azurerm/x", ${NOT_AZURERM}` },
  ]);
  expect(findings({ azurerm: { source: 'azurerm/hashicorp' } })).toEqual([
    { status: 'fail', message: `terraform.required_providers.azurerm.source is "azurerm/hashicorp", ${NOT_AZURERM}` },
  ]);
});

test('judges a local name once, at the first resource that runs with it, and not for types the rules do not read', () => {
  const resources = {
    azurerm_resource_group: { a: { provider: 'evil.one', name: 'a', location: 'westeurope' }, b: { provider: ' evil ', name: 'b', location: 'westeurope' } },
    // azapi is read since A15b-9: a type of a provider no rule reads.
    aws_s3_bucket: { c: { provider: 'evil', bucket: 'x' } },
  };
  expect(findings({ evil: { source: 'attacker/azurerm' } }, resources)).toEqual([
    { status: 'fail', message: `terraform.required_providers.evil.source is "attacker/azurerm" (azurerm_resource_group.a runs with it), ${NOT_AZURERM}` },
  ]);
});
