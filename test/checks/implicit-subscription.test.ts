import { evaluateStack } from '../../lib/checks/evaluate';
import { IMPLICIT_SUBSCRIPTION_FAMILIES } from '../../lib/checks/implicit-subscription';
import { inertReason } from '../../lib/checks/inert-types';
import { ALL_RULES } from '../../lib/checks/rules';
import { exampleJson } from '../support/example-stacks';

// Queued after the nineteenth run (issue #12): a block that acts on its provider's subscription without naming it (Defender for
// Cloud's settings, Advisor's, subscription-level settings) is a writer on that container when it may hold the server or another
// object of the perimeter: PG-CFG-8 fails it unless a table reads it or it is inert there (inert-types.ts).

type Blocks = { [type: string]: { [name: string]: object } };
type Json = { resource: Blocks; provider?: unknown; [key: string]: unknown };
function vnetIntegration(): Json {
  return exampleJson<Json>('flexible-vnet-integration');
}
const OURS = '00000000-0000-0000-0000-000000000000';
const OTHER = '11111111-1111-1111-1111-111111111111';
const HUB = '22222222-2222-2222-2222-222222222222';

/** The addresses PG-CFG-8 fails with the stack edited and the blocks added. */
function failed(blocks: Blocks, edit: (json: Json) => void = () => undefined): string[] {
  const json = vnetIntegration();
  edit(json);
  for (const [type, each] of Object.entries(blocks)) json.resource[type] = { ...json.resource[type], ...each };
  const evaluation = evaluateStack(json, ALL_RULES);
  expect(evaluation.problems).toEqual([]);
  return [...new Set(evaluation.findings.filter((f) => f.ruleId === 'PG-CFG-8' && f.status !== 'pass').map((f) => f.address ?? ''))].sort();
}

/** The server's provider in OURS, an alias in OTHER (holds nothing of the perimeter) and one in HUB. */
const providers = (json: Json) => {
  json.provider = { azurerm: [{ features: [{}], subscription_id: OURS }, { alias: 'other', features: [{}], subscription_id: OTHER }, { alias: 'hub', features: [{}], subscription_id: HUB }] };
};

/**
 * Every type of the families decided one by one: the writers (they may weaken what the subscription holds), and the inert ones with
 * their reason in inert-types.ts. A type of a family listed nowhere is a writer (fails closed).
 */
const WRITERS: readonly [string, object][] = [
  ['azurerm_security_center_setting', { setting_name: 'SENTINEL', enabled: false }],
  ['azurerm_subscription_future_setting', { enabled: false }],
  ['azurerm_security_center_future_control', { enabled: false }],
  ['azurerm_advisor_future_configuration', { low_cpu_threshold: 100 }],
];
const INERT: readonly [string, object][] = [
  ['azurerm_security_center_contact', { name: 'c', email: 'sec@example.com', alert_notifications: false, alerts_to_admins: false }],
  ['azurerm_security_center_auto_provisioning', { auto_provision: 'Off' }],
  ['azurerm_security_center_assessment_policy', { display_name: 'x', severity: 'Low', description: 'd' }],
  ['azurerm_security_center_server_vulnerability_assessments_setting', { vulnerability_assessment_provider: 'MdeTvm' }],
  ['azurerm_security_center_automation', { name: 'a', location: 'westeurope', resource_group_name: 'rg-sec', action: [{ type: 'logicapp', resource_id: 'x' }], source: [{ event_source: 'Alerts' }] }],
  ['azurerm_resource_provider_registration', { name: 'Microsoft.PolicyInsights' }],
  ['azurerm_maintenance_assignment_dynamic_scope', { name: 'm', maintenance_configuration_id: '/subscriptions/x/resourceGroups/r/providers/Microsoft.Maintenance/maintenanceConfigurations/m', filter: [{ resource_types: ['Microsoft.Compute/virtualMachines'] }] }],
];

describe('a block acting on its provider\'s subscription without naming it', () => {
  test.each(WRITERS)('%s on the server\'s subscription fails PG-CFG-8', (type, config) => {
    expect(failed({ [type]: { w: config } })).toEqual([`${type}.w`]);
    expect(failed({ [type]: { w: config } }, providers)).toEqual([`${type}.w`]);
  });
  test.each(WRITERS)('%s through a provider of another literal subscription passes', (type, config) => {
    expect(failed({ [type]: { w: { ...config, provider: 'azurerm.other' } } }, providers)).toEqual([]);
  });
  test.each(WRITERS)('%s through the provider of the subscription of another perimeter object (the hub VNet) fails', (type, config) => {
    const hub = (json: Json) => {
      providers(json);
      Object.assign(json.resource.azurerm_virtual_network.Network, { resource_group_name: 'rg-net', provider: 'azurerm.hub' });
    };
    expect(failed({ [type]: { w: { ...config, provider: 'azurerm.hub' } } }, hub)).toEqual([`${type}.w`]);
  });
  test.each(INERT)('%s is inert there, with its reason', (type, config) => {
    expect(inertReason(type, 'container')).toMatch(/\w{10}/);
    expect(failed({ [type]: { w: config } })).toEqual([]);
  });
  test('a deployment at the provider\'s subscription is judged by PG-CFG-4 as a command, not twice by the net', () => {
    expect(failed({ azurerm_subscription_template_deployment: { d: { name: 'd', location: 'westeurope', template_content: '{}' } } })).toEqual([]);
  });
  test('Defender\'s plans are read by defender-plans.ts (PG-CFG-3), not failed by the net', () => {
    expect(failed({ azurerm_security_center_subscription_pricing: { w: { resource_type: 'VirtualMachines', tier: 'Free' } } })).toEqual([]);
  });
  test('a block that names its scope is a pointer the net reads: another subscription passes, the server\'s fails', () => {
    const policy = (subscription: string) => ({ azurerm_subscription_future_setting: { w: { subscription_id: subscription, enabled: false } } });
    expect(failed(policy(`/subscriptions/${OTHER}`), providers)).toEqual([]);
    expect(failed(policy(`/subscriptions/${OURS}`), providers)).toEqual(['azurerm_subscription_future_setting.w']);
  });
  test('the class: every family is one of the listed, and the message names the provider\'s subscription', () => {
    expect(IMPLICIT_SUBSCRIPTION_FAMILIES.map((family) => [...WRITERS, ...INERT].some(([type]) => family.test(type)))).toEqual(IMPLICIT_SUBSCRIPTION_FAMILIES.map(() => true));
    const json = vnetIntegration();
    json.resource.azurerm_security_center_setting = { w: WRITERS[0][1] };
    const found = evaluateStack(json, ALL_RULES).findings.filter((f) => f.ruleId === 'PG-CFG-8' && f.status !== 'pass');
    expect(found[0].message).toMatch(/points at the subscription of its provider "azurerm", which may hold the server azurerm_postgresql_flexible_server\.\w+ \(it names none, so it acts there\) \(its provider\)/);
  });
  test('an azapi write under the azapi provider\'s own subscription (azapi_client_config) fails as under a literal one', () => {
    const json = (json: Json) => { json.data = { ...(json.data as object), azapi_client_config: { current: {} } }; };
    expect(failed({ azapi_resource: { w: { type: 'Microsoft.Security/settings@2022-05-01', name: 'Sentinel', parent_id: '${data.azapi_client_config.current.subscription_resource_id}', body: { kind: 'DataExportSettings', properties: { enabled: false } } } } }, json))
      .toEqual(['azapi_resource.w']);
  });
});
