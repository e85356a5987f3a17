import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { SecureFlexibleServer } from '../../../lib';
import { rule } from '../../../lib/checks/rules/PG-CFG-5';
import { rule as PINNED } from '../../../lib/checks/rules/PG-CFG-6';
import { minimalProps, synthErrors } from '../../helpers';

// PG-CFG-5 at synth: overrides of a SecureFlexibleServer's provider. The rule's own cases are in
// PG-CFG-5.test.ts, which loads no cdktf (it runs in the mutation group of the rules).

test('a SecureFlexibleServer\'s synth fails when an override swaps the azurerm provider\'s source', () => {
  const stack = new TerraformStack(Testing.app(), 'trust');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  stack.addOverride('terraform.required_providers.azurerm.source', 'example-corp/azurerm');
  expect(synthErrors(stack)).toEqual([
    `  [trust] ${postgres.server.terraformResourceType}.${postgres.server.friendlyUniqueId} PG-CFG-5 terraform.required_providers.azurerm.source is "example-corp/azurerm", not hashicorp/azurerm: `
    + 'the rules read azurerm resources as hashicorp/azurerm defines them, which another provider need not do. '
    + `Fix: ${rule.fix}`,
  ]);
});

test('a SecureFlexibleServer\'s synth fails when an override runs its server with a provider of another name from a fork', () => {
  const stack = new TerraformStack(Testing.app(), 'trust');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  stack.addOverride('terraform.required_providers.evilaz', { source: 'attacker/azurerm' });
  stack.addOverride('provider.evilaz', [{ features: [{}] }]);
  postgres.server.addOverride('provider', 'evilaz');
  const address = `${postgres.server.terraformResourceType}.${postgres.server.friendlyUniqueId}`;
  expect(synthErrors(stack)).toEqual([
    `  [trust] ${address} PG-CFG-5 terraform.required_providers.evilaz.source is "attacker/azurerm" (${address} runs with it), not hashicorp/azurerm: `
    + `the rules read azurerm resources as hashicorp/azurerm defines them, which another provider need not do. Fix: ${rule.fix}`,
    // The construct pinned its server's provider too (A3-12).
    `  [trust] ${address} PG-CFG-6 provider is "evilaz", where the construct's props leave it unset. Fix: ${PINNED.fix}`,
  ]);
});
