// 91st run, A91a-2: prevent_destroy guards the server's block only. An azurerm provider that turns off
// features.resource_group.prevent_deletion_if_contains_resources lets a plan that replaces the server's resource group (a group
// block with replace_triggered_by, or imported with another location) delete the server with it: PGF-DEL-1 and PGS-DEL-1 fail.
import { evaluateStack } from '../../lib/checks/evaluate';
import { rule as flexible } from '../../lib/checks/rules/PGF-DEL-1';
import { rule as single } from '../../lib/checks/rules/PGS-DEL-1';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

const SERVER = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer({}) } } };
const judged = (providers: unknown[]) => evaluateStack({ ...SERVER, provider: { azurerm: providers } }, [flexible]).findings
  .filter((finding) => finding.status !== 'pass').map((finding) => `${finding.status}: ${finding.status === 'fail' ? finding.message : finding.note}`);

test.each([
  ['false', [{ features: [{ resource_group: [{ prevent_deletion_if_contains_resources: false }] }] }], /^fail: the azurerm provider azurerm sets features\.resource_group\.prevent_deletion_if_contains_resources = false: /],
  ['"false" in an aliased provider', [{ features: [{}] }, { alias: 'other', features: [{ resource_group: [{ prevent_deletion_if_contains_resources: 'false' }] }] }], /^fail: the azurerm provider azurerm\.other sets .* = "false"/],
  ['a variable', [{ features: [{ resource_group: [{ prevent_deletion_if_contains_resources: '${var.keep}' }] }] }], /^fail: .* of the azurerm provider azurerm is known only at apply time.*cannot be judged at synth/],
])('a provider that sets the feature to %s: PGF-DEL-1 does not pass', (_name, providers, expected) => {
  const found = judged(providers);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatch(expected);
});

test('the feature on, or left to its default, passes', () => {
  expect(judged([{ features: [{ resource_group: [{ prevent_deletion_if_contains_resources: true }] }] }, { alias: 'b', features: [{}] }])).toEqual([]);
});

test('PGS-DEL-1 reads the same guard for a Single Server', () => {
  const stack = { resource: { azurerm_postgresql_server: { db: { name: 'db', resource_group_name: 'rg', location: 'westeurope', sku_name: 'GP_Gen5_2', version: '11', ssl_enforcement_enabled: true, lifecycle: { prevent_destroy: true } } } },
    provider: { azurerm: [{ features: [{ resource_group: [{ prevent_deletion_if_contains_resources: false }] }] }] } };
  expect(evaluateStack(stack, [single]).findings.map((finding) => finding.status)).toEqual(['fail']);
});

// Adversarial run of stop 70 (B42-k04): azapi has no guard against deleting a group that holds resources, so a resource group managed
// through azapi_resource that is (or may be) the server's deletes the server when the block is destroyed or replaced.
describe('a resource group managed through azapi', () => {
  const SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';
  const azapiGroup = (name: string, parent = `/subscriptions/${SUBSCRIPTION_ID}`) => evaluateStack({
    provider: { azurerm: [{ features: [{}], subscription_id: SUBSCRIPTION_ID }] },
    resource: {
      [FLEXIBLE]: { db: compliantFlexibleServer({ resource_group_name: 'rg-orders' }) },
      azapi_resource: { g: { type: 'Microsoft.Resources/resourceGroups@2021-04-01', name, parent_id: parent, location: 'westeurope', body: {} } },
    },
  }, [flexible]).findings.filter((finding) => finding.status !== 'pass').map((finding) => `${finding.status}: ${finding.status === 'fail' ? finding.message : finding.note}`);

  test('the server\'s group fails PGF-DEL-1', () => {
    expect(azapiGroup('RG-Orders')).toEqual([expect.stringMatching(/^fail: azapi_resource\.g manages the server's resource group through azapi, .*prevent_destroy on the server does not stop\.$/)]);
  });

  test('a group whose name is known only at apply time may be it: not judged', () => {
    expect(azapiGroup('${var.group}')).toEqual([expect.stringMatching(/^fail: azapi_resource\.g manages a resource group that may be the server's .*cannot be judged at synth/)]);
  });

  test('a group of another literal name, or in another literal subscription, passes', () => {
    expect(azapiGroup('rg-network')).toEqual([]);
    expect(azapiGroup('rg-orders', '/subscriptions/11111111-1111-1111-1111-111111111111')).toEqual([]);
  });
});
