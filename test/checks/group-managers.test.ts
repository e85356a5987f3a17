import { evaluateStack } from '../../lib/checks/evaluate';
import { rule } from '../../lib/checks/rules/PGF-DEL-1';
import { Rule, Verdict } from '../../lib/checks/rule';

// Adversarial run of stop 70 (B40, B42-k05): which blocks of another stack of the app may delete the server's resource group, or all
// it holds, read by PGF-DEL-1 in the server's stack with that stack joined (a finding on the other stack's block is reported there:
// other-stack-group-guard.test.ts). The verdicts are the rule's, in the joined naming, before the report keeps its stack's own.

const SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';
const UNGUARDED = { features: [{ resource_group: [{ prevent_deletion_if_contains_resources: false }] }] };
const SERVER = { name: 'orders-db', resource_group_name: 'rg-orders', location: 'westeurope', lifecycle: { prevent_destroy: true } };

/** PGF-DEL-1's verdicts on the server of stack "data" (in rg-orders, subscription 0…0) with stack "platform" joined. */
function verdicts(platform: object, server: object = SERVER): string[] {
  const found: Verdict[] = [];
  const capturing: Rule = { ...rule, evaluate: (view, stack) => { const verdict = rule.evaluate(view, stack); found.push(...[verdict].flat()); return verdict; } };
  const data = { provider: { azurerm: [{ features: [{}], subscription_id: SUBSCRIPTION_ID }] }, resource: { azurerm_postgresql_flexible_server: { db: server } } };
  expect(evaluateStack(data, [capturing], { app: { path: 'data', others: [{ path: 'platform', terraform: platform }], complete: true } }).problems).toEqual([]);
  return found.filter((verdict) => verdict.status !== 'pass').map((verdict) => `${verdict.status}: ${verdict.status === 'fail' ? verdict.message : verdict.note}`);
}

const platformGroup = (name: unknown, provider: object = { ...UNGUARDED, subscription_id: SUBSCRIPTION_ID }) => ({ provider: { azurerm: [provider] }, resource: { azurerm_resource_group: { g: { name, location: 'westeurope' } } } });

describe('an azurerm_resource_group of another stack', () => {
  test('of the server\'s group, its provider\'s guard off: fail, naming the block and the provider', () => {
    expect(verdicts(platformGroup(' RG-Orders'))).toEqual(['fail: azurerm_resource_group.platform__g manages the server\'s resource group with the azurerm provider azurerm.platform__:, which sets '
      + 'features.resource_group.prevent_deletion_if_contains_resources = false: destroying or replacing it deletes the server with it, which prevent_destroy on the server does not stop.']);
  });

  test('its provider\'s guard an expression: not judged', () => {
    expect(verdicts(platformGroup('rg-orders', { features: [{ resource_group: [{ prevent_deletion_if_contains_resources: '${var.keep}' }] }], subscription_id: SUBSCRIPTION_ID })))
      .toEqual([expect.stringMatching(/^unknown: .* with the azurerm provider azurerm\.platform__:, whose features\.resource_group\.prevent_deletion_if_contains_resources is known only at apply time: /)]);
  });

  test.each<[string, unknown, object | undefined]>([
    ['a name known only at apply time', '${var.group}', undefined],
    ['a name whose literal parts may spell it', 'rg-${var.team}', undefined],
    ['its subscription left to the environment', 'rg-orders', UNGUARDED],
  ])('%s may be the server\'s group: not judged', (_name, name, provider) => {
    expect(verdicts(platformGroup(name, provider))).toEqual([expect.stringMatching(/^unknown: azurerm_resource_group\.platform__g manages a resource group that may be the server's \(a name or subscription is known only at apply time\) /)]);
  });

  test('the server\'s group named by a variable may be any group the guard is off for: not judged', () => {
    expect(verdicts(platformGroup('rg-logs'), { ...SERVER, resource_group_name: '${var.group}' })).toHaveLength(1);
    expect(verdicts(platformGroup('rg-logs'), { ...SERVER, resource_group_name: 'rg-${var.env}-orders' })).toEqual([]);
  });

  test('another literal name, another literal subscription, or the guard on, passes', () => {
    expect(verdicts(platformGroup('rg-logs'))).toEqual([]);
    expect(verdicts(platformGroup('rg-${var.env}-logs'))).toEqual([]);
    expect(verdicts(platformGroup('rg-orders', { ...UNGUARDED, subscription_id: '11111111-1111-1111-1111-111111111111' }))).toEqual([]);
    expect(verdicts(platformGroup('rg-orders', { features: [{ resource_group: [{ prevent_deletion_if_contains_resources: true }] }], subscription_id: SUBSCRIPTION_ID }))).toEqual([]);
  });
});

test('a group written with a provider whose features the checks do not read (another source): not judged', () => {
  const fork = { terraform: { required_providers: { arm: { source: 'example/azurerm' } } }, provider: { arm: [{ features: [{}] }] },
    resource: { azurerm_resource_group: { g: { provider: 'arm', name: 'rg-orders', location: 'westeurope' } } } };
  expect(verdicts(fork)).toEqual([expect.stringMatching(/^unknown: azurerm_resource_group\.platform__g manages a resource group that may be the server's .* with the provider arm, whose features\.resource_group\.prevent_deletion_if_contains_resources the checks cannot read/)]);
});

describe('a template deployment of another stack', () => {
  const deployment = (group: string, mode: unknown) => ({ provider: { azurerm: [{ features: [{}], subscription_id: SUBSCRIPTION_ID }] },
    resource: { azurerm_resource_group_template_deployment: { x: { name: 'cleanup', resource_group_name: group, deployment_mode: mode, template_content: '{}' } } } });

  test('in Complete mode into the server\'s group: fail; a mode known only at apply time: not judged', () => {
    expect(verdicts(deployment('rg-orders', ' complete'))).toEqual([expect.stringMatching(/^fail: azurerm_resource_group_template_deployment\.platform__x deploys into the server's resource group in Complete mode, which deletes every resource of the group its template does not list: applying it deletes the server, /)]);
    expect(verdicts(deployment('rg-orders', '${var.mode}'))).toEqual([expect.stringMatching(/^unknown: .* in a mode known only at apply time; in Complete mode it deletes /)]);
  });

  test('in Incremental mode, or into another group, passes', () => {
    expect(verdicts(deployment('rg-orders', 'Incremental'))).toEqual([]);
    expect(verdicts(deployment('rg-other', 'Complete'))).toEqual([]);
  });
});
