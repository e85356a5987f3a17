import { azurermProviders, providerConfigurations } from '../../lib/checks/provider-facts';
import { rule } from '../../lib/checks/rules/PG-CFG-3';
import { buildStackModel } from '../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// Nineteenth review, A19a-4: Microsoft Defender's plan for open-source relational databases set to Free for a whole
// subscription removes threat protection from every PostgreSQL server there, as turning it off for one server does
// (threat-protection.ts). azurerm's pricing acts on its provider's subscription; azapi's on its parent.

const PLAN_TYPE = 'azurerm_security_center_subscription_pricing';
const AZAPI_PLAN = 'Microsoft.Security/pricings@2024-01-01';
const OURS = '00000000-0000-0000-0000-000000000000';
const THEIRS = '99999999-0000-0000-0000-000000000000';
const PROVIDERS = [{ azurerm: [{ features: {}, subscription_id: OURS }, { features: {}, alias: 'hub', subscription_id: THEIRS }] }];

/** PG-CFG-3's failures beside the server "db" (its provider's subscription OURS), as "address: message". */
function failures(resources: Resources): string[] {
  const json = { provider: PROVIDERS[0], resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, ...resources } };
  const model = buildStackModel(json);
  const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, constructs: [], providers: providerConfigurations(json), azurermProviders: azurermProviders(json) });
  return (Array.isArray(result) ? result : [result]).filter((verdict) => verdict.status === 'fail').map((verdict) => `${verdict.address}: ${verdict.message}`);
}

const azurerm = (config: Record<string, unknown>): Resources => ({ [PLAN_TYPE]: { plan: config } });
const azapi = (config: Record<string, unknown>): Resources => ({ azapi_resource: { plan: { type: AZAPI_PLAN, parent_id: `/subscriptions/${OURS}`, ...config } } });

describe('the plan turned off (or maybe) on the server\'s subscription fails PG-CFG-3', () => {
  test.each<[string, Resources]>([
    ['azurerm Free', azurerm({ resource_type: 'OpenSourceRelationalDatabases', tier: 'Free' })],
    ['azurerm Free, the plan in another case', azurerm({ resource_type: 'opensourcerelationaldatabases', tier: 'free' })],
    ['azurerm, a tier known only later', azurerm({ resource_type: 'OpenSourceRelationalDatabases', tier: '${var.tier}' })],
    ['azurerm Free, a plan known only later', azurerm({ resource_type: '${var.plan}', tier: 'Free' })],
    ['azapi Free', azapi({ name: 'OpenSourceRelationalDatabases', body: { properties: { pricingTier: 'Free' } } })],
    ['azapi Free in sensitive_body', azapi({ name: 'OpenSourceRelationalDatabases', sensitive_body: { properties: { pricingTier: 'Free' } } })],
    ['azapi, a body known only later', azapi({ name: 'OpenSourceRelationalDatabases', body: '${var.body}' })],
    ['azapi Free on a subscription known only later', azapi({ name: 'OpenSourceRelationalDatabases', parent_id: '/subscriptions/${var.subscription}', body: { properties: { pricingTier: 'Free' } } })],
    ['azapi update Free', { azapi_update_resource: { plan: { type: AZAPI_PLAN, resource_id: `/subscriptions/${OURS}/providers/Microsoft.Security/pricings/OpenSourceRelationalDatabases`, body: { properties: { pricingTier: 'Free' } } } } }],
  ])('%s', (_name, resources) => {
    const found = failures(resources);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/\.plan: \S+\.plan sets Microsoft Defender's .* plan to tier .* on a subscription that may hold the server: it removes threat protection from every PostgreSQL server there, this one included\.$/);
  });
});

describe('the plan on, another plan, or another subscription passes', () => {
  test.each<[string, Resources]>([
    ['azurerm Standard', azurerm({ resource_type: 'OpenSourceRelationalDatabases', tier: 'Standard' })],
    ['azurerm Free for another plan', azurerm({ resource_type: 'StorageAccounts', tier: 'Free' })],
    ['azurerm Free for the default plan (virtual machines)', azurerm({ tier: 'Free' })],
    ['azurerm Free through the provider of another literal subscription', azurerm({ resource_type: 'OpenSourceRelationalDatabases', tier: 'Free', provider: 'azurerm.hub' })],
    ['azapi Standard', azapi({ name: 'OpenSourceRelationalDatabases', body: { properties: { pricingTier: 'Standard' } } })],
    ['azapi Free for another plan', azapi({ name: 'SqlServers', body: { properties: { pricingTier: 'Free' } } })],
    ['azapi Free on another literal subscription', azapi({ name: 'OpenSourceRelationalDatabases', parent_id: `/subscriptions/${THEIRS}`, body: { properties: { pricingTier: 'Free' } } })],
  ])('%s', (_name, resources) => {
    expect(failures(resources)).toEqual([]);
  });
});

test('an azurerm plan that names its subscription is left to the PG-CFG-8 net (a pointer at the subscription)', () => {
  expect(failures(azurerm({ resource_type: 'OpenSourceRelationalDatabases', tier: 'Free', subscription_id: `/subscriptions/${OURS}` }))).toEqual([]);
});
