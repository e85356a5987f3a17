import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformDataSource, TerraformResource, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer } from '../../lib';
import { minimalProps, onlyResource, resourcesOf, SynthesizedStack, VNET_ID } from '../helpers';

// vnetIntegration creates the subnet through the stack's azurerm provider, in its subscription: a
// VNet in another subscription (a hub) is refused when both are literals, and checked at plan by
// a precondition on the subnet when either is known only then.

const PROVIDER_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
const HUB_VNET = '/subscriptions/99999999-8888-7777-6666-555555555555/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub';
const CLIENT_CONFIG = 'azurerm_client_config';

function stack(subscriptionId?: string): TerraformStack {
  const created = new TerraformStack(Testing.app(), 'hub');
  new AzurermProvider(created, 'azurerm', { features: [{}], subscriptionId });
  return created;
}

const vnet = (virtualNetworkResourceId: string) => FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId, subnetAddressPrefix: '10.0.1.0/28' });

function synth(created: TerraformStack): SynthesizedStack & { data?: { [type: string]: { [name: string]: unknown } } } {
  return JSON.parse(Testing.synth(created, true));
}

test('a literal VNet in another subscription than the provider\'s literal one is refused, pointing to existingVnetIntegration', () => {
  const created = stack(PROVIDER_SUBSCRIPTION);
  expect(() => new SecureFlexibleServer(created, 'Postgres', minimalProps({ network: vnet(HUB_VNET) }))).toThrow(
    `Invalid network.vnetIntegration.virtualNetworkResourceId: "${HUB_VNET}" is in subscription "99999999-8888-7777-6666-555555555555", not in "${PROVIDER_SUBSCRIPTION}" of the stack's azurerm provider, where vnetIntegration would create the subnet. Fix: ask the network's owner for a delegated subnet and a private DNS zone in that subscription, and use FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId, privateDnsZoneResourceId }).`,
  );
  expect(created.node.findAll().some((c) => c.node.id === 'Subnet' || c.node.id === 'Server')).toBe(false);
});

test('a literal VNet in the provider\'s literal subscription (in any letter case) is still compared at plan with the subscription the provider signs in to', () => {
  const created = stack(PROVIDER_SUBSCRIPTION.toUpperCase());
  new SecureFlexibleServer(created, 'Postgres', minimalProps({ network: vnet(VNET_ID) }));
  const json = synth(created);
  const [config] = Object.keys(json.data![CLIENT_CONFIG]);
  // A later edit of the provider's subscription in the file, which no synth-time check sees, stops the plan (A12a-4).
  expect(onlyResource(json, 'azurerm_subnet').lifecycle.precondition[0].condition).toBe(`\${("${PROVIDER_SUBSCRIPTION}" == lower(data.${CLIENT_CONFIG}.${config}.subscription_id))}`);
});

test('a provider whose subscription comes from ARM_SUBSCRIPTION_ID: the subnet compares it at plan, through azurerm_client_config', () => {
  const created = stack();
  new SecureFlexibleServer(created, 'Postgres', minimalProps({ network: vnet(HUB_VNET) }));
  const json = synth(created);
  const [config] = Object.keys(json.data![CLIENT_CONFIG]);
  expect(onlyResource(json, 'azurerm_subnet').lifecycle).toEqual({
    precondition: [{
      condition: `\${("99999999-8888-7777-6666-555555555555" == lower(data.${CLIENT_CONFIG}.${config}.subscription_id))}`,
      error_message: expect.stringContaining('network.vnetIntegration.virtualNetworkResourceId names a virtual network in another subscription than the azurerm provider\'s'),
    }],
  });
});

test('a VNet known only at apply time is compared at plan with the subscription the provider signs in to, even when the stack writes it as a literal', () => {
  const created = stack(PROVIDER_SUBSCRIPTION);
  const vnetId = new TerraformVariable(created, 'vnet_id', { type: 'string' }).stringValue;
  new SecureFlexibleServer(created, 'Postgres', minimalProps({ network: vnet(vnetId) }));
  const json = synth(created);
  const [config] = Object.keys(json.data![CLIENT_CONFIG]);
  expect(onlyResource(json, 'azurerm_subnet').lifecycle.precondition[0].condition).toBe(`\${(lower(element(split("/", var.vnet_id), 2)) == lower(data.${CLIENT_CONFIG}.${config}.subscription_id))}`);
});

test('the error message of the precondition says what to do', () => {
  const created = stack();
  new SecureFlexibleServer(created, 'Postgres', minimalProps({ network: vnet(HUB_VNET) }));
  expect(onlyResource(synth(created), 'azurerm_subnet').lifecycle.precondition[0].error_message).toBe(
    'network.vnetIntegration.virtualNetworkResourceId names a virtual network in another subscription than the azurerm provider\'s, where the subnet would be created (cdktf-azure-postgres VNET-OTHER-SUBSCRIPTION). ' +
      'Fix: ask the network\'s owner for a delegated subnet and a private DNS zone in that subscription, and use FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId, privateDnsZoneResourceId }).',
  );
});

test('a provider with an alias is not the one the construct\'s resources use', () => {
  const created = stack();
  new AzurermProvider(created, 'hub', { features: [{}], alias: 'hub', subscriptionId: '99999999-8888-7777-6666-555555555555' });
  new SecureFlexibleServer(created, 'Postgres', minimalProps({ network: vnet(HUB_VNET) }));
  expect(resourcesOf(synth(created), 'azurerm_subnet')[0].lifecycle.precondition).toHaveLength(1);
});

test('existingVnetIntegration takes a subnet in any subscription', () => {
  const created = stack(PROVIDER_SUBSCRIPTION);
  const network = FlexibleServerNetwork.existingVnetIntegration({
    delegatedSubnetResourceId: `${HUB_VNET}/subnets/snet-db`,
    privateDnsZoneResourceId: '/subscriptions/99999999-8888-7777-6666-555555555555/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/hub.private.postgres.database.azure.com',
  });
  new SecureFlexibleServer(created, 'Postgres', minimalProps({ network }));
  expect(onlyResource(synth(created), 'azurerm_postgresql_flexible_server').delegated_subnet_id).toBe(`${HUB_VNET}/subnets/snet-db`);
});

test('every server of a stack is compared with the provider\'s subscription, also once the provider has been found', () => {
  const created = stack(PROVIDER_SUBSCRIPTION);
  new SecureFlexibleServer(created, 'First', minimalProps({ name: 'first-db', network: vnet(VNET_ID) }));
  expect(() => new SecureFlexibleServer(created, 'Second', minimalProps({ name: 'second-db', network: vnet(HUB_VNET) }))).toThrow(
    `Invalid network.vnetIntegration.virtualNetworkResourceId: "${HUB_VNET}" is in subscription "99999999-8888-7777-6666-555555555555", not in "${PROVIDER_SUBSCRIPTION}" of the stack's azurerm provider, where vnetIntegration would create the subnet. Fix: ask the network's owner for a delegated subnet and a private DNS zone in that subscription, and use FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId, privateDnsZoneResourceId }).`,
  );
  // Another stack has its own provider: here the subscription is known only at plan.
  const other = stack();
  new SecureFlexibleServer(other, 'Postgres', minimalProps({ network: vnet(HUB_VNET) }));
  expect(onlyResource(synth(other), 'azurerm_subnet').lifecycle.precondition).toHaveLength(1);
});

test('a provider given an alias after a server found it is no longer taken as the stack\'s default', () => {
  const created = new TerraformStack(Testing.app(), 'hub');
  const provider = new AzurermProvider(created, 'azurerm', { features: [{}], subscriptionId: PROVIDER_SUBSCRIPTION });
  new SecureFlexibleServer(created, 'First', minimalProps({ name: 'first-db', network: vnet(VNET_ID) }));
  provider.alias = 'hub';
  new SecureFlexibleServer(created, 'Second', minimalProps({ name: 'second-db', network: vnet(HUB_VNET) }));
  const subnets = resourcesOf(created.toTerraform() as SynthesizedStack, 'azurerm_subnet');
  expect(subnets.map((subnet) => subnet.lifecycle?.precondition?.length)).toEqual([1, 1]);
  // The first server relied on the provider's subscription, which its subnet no longer gets (A11a-2).
  expect(() => synth(created)).toThrow(/\[hub\/First\] Invalid network\.vnetIntegration\.virtualNetworkResourceId: .* its subscription is no longer a literal/);
});

// Eleventh review, A11a-2: the guard is decided when the construct is made, and what it writes is pinned.
describe('the guard after the construct is made', () => {
  const synthErrorsOf = (created: TerraformStack) => {
    try {
      Testing.synth(created, true);
      return [];
    } catch (error) {
      return (error as Error).message.split('\n').filter((line) => line.startsWith('  [') && !line.includes('skipValidation'));
    }
  };

  test.each([
    ['set to another subscription', (provider: AzurermProvider) => { provider.subscriptionId = '22222222-0000-0000-0000-000000000000'; }, 'now "22222222-0000-0000-0000-000000000000"'],
    ['set to a variable', (provider: AzurermProvider, created: TerraformStack) => { provider.subscriptionId = new TerraformVariable(created, 'sub', {}).stringValue; }, 'no longer a literal'],
  ])('the provider\'s literal subscription %s after the construct relied on it fails synth (VNET-SUBSCRIPTION-CHANGED)', (_, change, now) => {
    const created = stack(PROVIDER_SUBSCRIPTION);
    new SecureFlexibleServer(created, 'Postgres', minimalProps({ network: vnet(VNET_ID) }));
    change(created.node.findChild('azurerm') as AzurermProvider, created);
    expect(synthErrorsOf(created)).toEqual([expect.stringContaining(`its subscription is ${now}, so vnetIntegration would create the subnet in another subscription's virtual network of that name.`)]);
  });

  test('the provider left as it was passes', () => {
    const created = stack(PROVIDER_SUBSCRIPTION);
    new SecureFlexibleServer(created, 'Postgres', minimalProps({ network: vnet(VNET_ID) }));
    expect(synthErrorsOf(created)).toEqual([]);
  });

  test.each([
    ['deleted', (subnet: TerraformResource) => subnet.addOverride('lifecycle.precondition', undefined)],
    ['deleted with the lifecycle', (subnet: TerraformResource) => subnet.addOverride('lifecycle', undefined)],
    ['its condition made true', (subnet: TerraformResource) => subnet.addOverride('lifecycle.precondition.0.condition', true)],
  ])('the subnet\'s precondition %s fails PG-CFG-6', (_, edit) => {
    const created = stack();
    const postgres = new SecureFlexibleServer(created, 'Postgres', minimalProps({ network: vnet(HUB_VNET) }));
    edit(postgres.node.findChild('Subnet') as TerraformResource);
    expect(synthErrorsOf(created)).toEqual([expect.stringMatching(/ PG-CFG-6 lifecycle\.precondition is .*, where the construct's props set /)]);
  });

  test('the precondition replaced by another fails PG-CFG-6', () => {
    const created = stack(PROVIDER_SUBSCRIPTION);
    const postgres = new SecureFlexibleServer(created, 'Postgres', minimalProps({ network: vnet(VNET_ID) }));
    (postgres.node.findChild('Subnet') as TerraformResource).addOverride('lifecycle.precondition', [{ condition: true, error_message: 'x' }]);
    expect(synthErrorsOf(created)).toEqual([expect.stringMatching(/ PG-CFG-6 lifecycle\.precondition is .*, where the construct's props set /)]);
  });

  // Twelfth review, A12a-4: the subscription the JSON writes is the one judged, not the provider object's.
  test('the provider\'s subscription changed by an override after the construct relied on it fails synth (VNET-SUBSCRIPTION-CHANGED)', () => {
    const created = stack(PROVIDER_SUBSCRIPTION);
    new SecureFlexibleServer(created, 'Postgres', minimalProps({ network: vnet(VNET_ID) }));
    (created.node.findChild('azurerm') as AzurermProvider).addOverride('subscription_id', '22222222-0000-0000-0000-000000000000');
    expect(synthErrorsOf(created)).toEqual([expect.stringContaining('its subscription is now "22222222-0000-0000-0000-000000000000", so vnetIntegration would create the subnet')]);
  });

  test('an override that writes the same subscription in another letter case passes', () => {
    const created = stack(PROVIDER_SUBSCRIPTION);
    new SecureFlexibleServer(created, 'Postgres', minimalProps({ network: vnet(VNET_ID) }));
    (created.node.findChild('azurerm') as AzurermProvider).addOverride('subscription_id', PROVIDER_SUBSCRIPTION.toUpperCase());
    expect(synthErrorsOf(created)).toEqual([]);
  });

  // Twelfth review, A12a-5: the data source the precondition reads keeps its provider.
  test.each([
    ['given another provider', (config: TerraformDataSource, hub: AzurermProvider) => { config.provider = hub; }],
    ['given another provider by an override', (config: TerraformDataSource) => config.addOverride('provider', 'azurerm.hub')],
  ])('the precondition\'s azurerm_client_config %s fails PG-CFG-6', (_, edit) => {
    const created = stack(PROVIDER_SUBSCRIPTION);
    const hub = new AzurermProvider(created, 'hub', { features: [{}], alias: 'hub', subscriptionId: '99999999-8888-7777-6666-555555555555' });
    const postgres = new SecureFlexibleServer(created, 'Postgres', minimalProps({ network: vnet(VNET_ID) }));
    edit(postgres.node.findChild('ProviderSubscription') as TerraformDataSource, hub);
    expect(synthErrorsOf(created)).toEqual([expect.stringMatching(/ PG-CFG-6 provider is "azurerm\.hub", where the construct's props leave it unset/)]);
  });

  test('the precondition\'s azurerm_client_config removed fails PG-CFG-6', () => {
    const created = stack();
    const postgres = new SecureFlexibleServer(created, 'Postgres', minimalProps({ network: vnet(HUB_VNET) }));
    postgres.node.tryRemoveChild('ProviderSubscription');
    expect(synthErrorsOf(created).join('\n')).toMatch(/PG-CFG-6 hub\/Postgres\/ProviderSubscription, which the construct of .* makes, is not in the JSON/);
  });
});
