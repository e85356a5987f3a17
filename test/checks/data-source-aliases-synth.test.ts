import { DataAzurermLogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/data-azurerm-log-analytics-workspace';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource, TerraformStack } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, synthErrors } from '../helpers';
import { exampleStack } from '../support/example-stacks';

// Fourteenth review, A14b-11: a lookup of the construct's network security group (or delegated subnet)
// by its literal names, with count or for_each, read by an instance (`n[0]`, `n["a"]`), was neither
// aliased to the construct's resource nor "may be it": an allow-all rule under it passed. Every instance of
// such a lookup reads the construct's resource, as the lookup without count does.

const NSG = { name: 'orders-db-postgres-nsg', resource_group_name: 'rg-orders' };
const SUBNET = { name: 'orders-db-postgres', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network' };
const RULE = {
  name: 'evil', priority: 110, direction: 'Inbound', access: 'Allow', protocol: '*', source_port_range: '*', destination_port_range: '*',
  source_address_prefix: '*', destination_address_prefix: '*', resource_group_name: 'rg-orders',
};
const ALLOW_ALL = { properties: { access: 'Allow', direction: 'Inbound', priority: 100, protocol: '*', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' } };

/** The rule ids of the synth errors on a resource. */
const failedOn = (stack: TerraformStack, address: string) => synthErrors(stack).filter((line) => line.split(' ')[3] === address).map((line) => line.split(' ')[4]);

function besideConstruct(): TerraformStack {
  const stack = providerStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  stack.addOverride('terraform.required_providers.azapi', { source: 'Azure/azapi', version: '2.4.0' });
  return stack;
}

/** How a lookup is multiplied, and how a pointer reads one of its instances' attribute. */
const INSTANCES: [string, object, (lookup: string, attribute: string) => string][] = [
  ['count = 1, read as [0]', { count: 1 }, (lookup, attribute) => `\${${lookup}[0].${attribute}}`],
  ['count = 2, read as [1] with blanks', { count: 2 }, (lookup, attribute) => `\${${lookup} [ 1 ] . ${attribute}}`],
  ['for_each, read as ["a"]', { for_each: { a: 1 } }, (lookup, attribute) => `\${${lookup}["a"].${attribute}}`],
  ['for_each, read as .a', { for_each: { a: 1 } }, (lookup, attribute) => `\${${lookup}.a.${attribute}}`],
  ['for_each, read by lookup(<lookup>, "a")', { for_each: { a: 1 } }, (lookup, attribute) => `\${lookup(${lookup}, "a").${attribute}}`],
  ['for_each, read through values()', { for_each: { a: 1 } }, (lookup, attribute) => `\${values(${lookup})[0].${attribute}}`],
  ['count, read through a splat', { count: 1 }, (lookup, attribute) => `\${${lookup}[*].${attribute}[0]}`],
  ['count, read through one() of a splat', { count: 1 }, (lookup, attribute) => `\${one(${lookup}[*].${attribute})}`],
];

describe('an allow-all rule in the construct\'s network security group, looked up with count or for_each by its literal names', () => {
  test.each(INSTANCES)('with %s, fails synth', (_name, multiplied, pointer) => {
    const stack = besideConstruct();
    stack.addOverride('data.azurerm_network_security_group.n', { ...NSG, ...multiplied });
    stack.addOverride('resource.azurerm_network_security_rule.evil', { ...RULE, network_security_group_name: pointer('data.azurerm_network_security_group.n', 'name') });
    expect(failedOn(stack, 'azurerm_network_security_rule.evil')).toContain('PG-NET-1');
  });

  test('with a for_each of one item naming the group by each.value, or of several items, fails synth', () => {
    for (const forEach of [{ a: NSG.name }, { a: NSG.name, b: 'nsg-app' }]) {
      const stack = besideConstruct();
      stack.addOverride('data.azurerm_network_security_group.n', { for_each: forEach, name: '${each.value}', resource_group_name: NSG.resource_group_name });
      stack.addOverride('resource.azurerm_network_security_rule.evil', { ...RULE, network_security_group_name: '${data.azurerm_network_security_group.n["a"].name}' });
      expect(failedOn(stack, 'azurerm_network_security_rule.evil')).toContain('PG-NET-1');
    }
  });

  test('an azapi allow-all rule under the lookup\'s ID fails synth (PG-CFG-3)', () => {
    const stack = besideConstruct();
    stack.addOverride('data.azurerm_network_security_group.n', { ...NSG, count: 1 });
    stack.addOverride('resource.azapi_resource.evil', { type: 'Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01', name: 'evil', parent_id: '${data.azurerm_network_security_group.n[0].id}', body: ALLOW_ALL });
    expect(failedOn(stack, 'azapi_resource.evil')).toContain('PG-CFG-3');
  });

  test('control: a counted lookup of another group by literal names passes', () => {
    const stack = besideConstruct();
    stack.addOverride('data.azurerm_network_security_group.n', { name: 'nsg-app', resource_group_name: 'rg-orders', count: 1 });
    stack.addOverride('resource.azurerm_network_security_rule.evil', { ...RULE, network_security_group_name: '${data.azurerm_network_security_group.n[0].name}' });
    expect(failedOn(stack, 'azurerm_network_security_rule.evil')).toEqual([]);
  });
});

describe('a second association of the construct\'s delegated subnet, looked up with count or for_each by its literal names', () => {
  test.each(INSTANCES)('with %s, fails synth (PGF-NET-7)', (_name, multiplied, pointer) => {
    const stack = besideConstruct();
    stack.addOverride('data.azurerm_subnet.s', { ...SUBNET, ...multiplied });
    stack.addOverride('resource.azurerm_network_security_group.open', { name: 'open', resource_group_name: 'rg-orders', location: 'westeurope' });
    stack.addOverride('resource.azurerm_subnet_network_security_group_association.second', { subnet_id: pointer('data.azurerm_subnet.s', 'id'), network_security_group_id: '${azurerm_network_security_group.open.id}' });
    expect(failedOn(stack, 'azurerm_subnet_network_security_group_association.second')).toContain('PGF-NET-7');
  });

  test('an azapi update of the subnet by the lookup\'s ID fails synth (PG-CFG-3)', () => {
    const stack = besideConstruct();
    stack.addOverride('data.azurerm_subnet.s', { ...SUBNET, for_each: { a: 1 } });
    stack.addOverride('resource.azapi_update_resource.evil', { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', resource_id: '${data.azurerm_subnet.s["a"].id}', body: { properties: { networkSecurityGroup: null } } });
    expect(failedOn(stack, 'azapi_update_resource.evil')).toContain('PG-CFG-3');
  });

  test('control: a counted lookup of another subnet by literal names passes', () => {
    const stack = besideConstruct();
    stack.addOverride('data.azurerm_subnet.s', { ...SUBNET, name: 'app', count: 1 });
    stack.addOverride('resource.azurerm_network_security_group.open', { name: 'open', resource_group_name: 'rg-orders', location: 'westeurope' });
    stack.addOverride('resource.azurerm_subnet_network_security_group_association.second', { subnet_id: '${data.azurerm_subnet.s[0].id}', network_security_group_id: '${azurerm_network_security_group.open.id}' });
    expect(failedOn(stack, 'azurerm_subnet_network_security_group_association.second')).toEqual([]);
  });
});

describe('an A record in the construct\'s private DNS zone, looked up with count or for_each by its literal names', () => {
  const ZONE = { name: 'orders-db.private.postgres.database.azure.com', resource_group_name: 'rg-orders' };
  const record = (zoneName: string) => ({ name: 'orders-db', zone_name: zoneName, resource_group_name: 'rg-orders', ttl: 300, records: ['10.99.0.4'] });

  test.each(INSTANCES)('with %s, fails synth (PG-NET-1)', (_name, multiplied, pointer) => {
    const stack = besideConstruct();
    stack.addOverride('data.azurerm_private_dns_zone.z', { ...ZONE, ...multiplied });
    stack.addOverride('resource.azurerm_private_dns_a_record.shadow', record(pointer('data.azurerm_private_dns_zone.z', 'name')));
    expect(failedOn(stack, 'azurerm_private_dns_a_record.shadow')).toContain('PG-NET-1');
  });

  test('control: a counted lookup of another zone passes', () => {
    const stack = besideConstruct();
    stack.addOverride('data.azurerm_private_dns_zone.z', { ...ZONE, name: 'app.private.example.com', count: 1 });
    stack.addOverride('resource.azurerm_private_dns_a_record.shadow', record('${data.azurerm_private_dns_zone.z[0].name}'));
    expect(failedOn(stack, 'azurerm_private_dns_a_record.shadow')).toEqual([]);
  });
});

describe('the construct\'s log destination re-pointed to a lookup of its workspace through a provider of its own (h-f15h leftover)', () => {
  /** The README form's stack, its diagnostic setting sending to a lookup of its workspace's name and group through `provider`. */
  function repointed(subscription?: string): TerraformStack {
    const { stack } = exampleStack('flexible-vnet-integration');
    const other = new AzurermProvider(stack, 'other', { alias: 'other', features: [{}], subscriptionId: subscription });
    const workspace = new DataAzurermLogAnalyticsWorkspace(stack, 'Lookup', { provider: other, name: 'log-orders-db', resourceGroupName: 'rg-orders-db' });
    const setting = stack.node.findAll().find((each) => each.node.path.endsWith('/Postgres/DiagnosticSetting')) as TerraformResource;
    setting.addOverride('log_analytics_workspace_id', workspace.id);
    return stack;
  }

  test('through another subscription (or one known only at apply time) the lookup reads another workspace of that name: PG-CFG-6 fails', () => {
    expect(synthErrors(repointed('99999999-0000-0000-0000-000000000000')).join('\n')).toMatch(/azurerm_monitor_diagnostic_setting\.Postgres_DiagnosticSetting_\w+ PG-CFG-6 log_analytics_workspace_id is "\$\{data\.azurerm_log_analytics_workspace\.Lookup\.id\}"/);
    expect(synthErrors(repointed('${var.subscription}')).join('\n')).toMatch(/PG-CFG-6 log_analytics_workspace_id is "\$\{data\.azurerm_log_analytics_workspace\.Lookup\.id\}"/);
  });

  test('through a configuration that leaves the subscription to the environment, as the default one does, it reads the construct\'s workspace: it passes', () => {
    expect(synthErrors(repointed())).toEqual([]);
  });
});

describe('a lookup of the construct\'s subnet through a provider whose subscription may be the construct\'s (sixteenth review, A16b-5)', () => {
  const SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';
  const OPEN_RULE = { name: 'a', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: '*', destination_address_prefix: '*' };
  /** The README form's stack, an allow-all NSG associated through `azurerm.other` with a lookup (through it) of the construct's subnet's names. */
  function throughOther(own: string | undefined, other: string | undefined, tenants: readonly [string?, string?] = []): TerraformStack {
    const { stack } = exampleStack('flexible-vnet-integration');
    if (own !== undefined) stack.addOverride('provider.azurerm.0.subscription_id', own);
    if (tenants[0] !== undefined) stack.addOverride('provider.azurerm.0.tenant_id', tenants[0]);
    new AzurermProvider(stack, 'other', { alias: 'other', features: [{}], subscriptionId: other, tenantId: tenants[1] });
    stack.addOverride('variable.sub', { type: 'string' });
    stack.addOverride('data.azurerm_subnet.s', { provider: 'azurerm.other', name: 'orders-db-prod-postgres', virtual_network_name: 'vnet-orders', resource_group_name: 'rg-orders-db' });
    stack.addOverride('resource.azurerm_network_security_group.open', { name: 'open', location: 'westeurope', resource_group_name: 'rg-x', security_rule: [OPEN_RULE] });
    stack.addOverride('resource.azurerm_subnet_network_security_group_association.a', { provider: 'azurerm.other', subnet_id: '${data.azurerm_subnet.s.id}', network_security_group_id: '${azurerm_network_security_group.open.id}' });
    return stack;
  }

  test.each([
    ['the construct\'s provider names the subscription, the other a variable', SUBSCRIPTION_ID, '${var.sub}'],
    ['the construct\'s provider names the subscription, the other leaves it to the environment', SUBSCRIPTION_ID, undefined],
    ['the construct\'s provider leaves it to the environment, the other names one', undefined, SUBSCRIPTION_ID],
    ['the construct\'s provider leaves it to the environment, the other a variable', undefined, '${var.sub}'],
    ['both name the same subscription', SUBSCRIPTION_ID, SUBSCRIPTION_ID],
  ])('%s: the association may be on the construct\'s subnet and fails PGF-NET-7', (_name, own, other) => {
    expect(failedOn(throughOther(own, other), 'azurerm_subnet_network_security_group_association.a')).toContain('PGF-NET-7');
  });

  test('control: through another literal subscription the lookup reads another subnet: the association passes', () => {
    expect(failedOn(throughOther(SUBSCRIPTION_ID, '99999999-0000-0000-0000-000000000000'), 'azurerm_subnet_network_security_group_association.a')).toEqual([]);
  });

  // Seventeenth review, A17b-5: one subscription ID names the same subnet whatever either configuration says of the tenant.
  test.each<[string, string | undefined, string | undefined]>([
    ['a GUID and the tenant\'s domain', '11111111-2222-3333-4444-555555555555', 'contoso.onmicrosoft.com'],
    ['two GUIDs', '11111111-2222-3333-4444-555555555555', '99999999-2222-3333-4444-555555555555'],
    ['a GUID on one side only', '11111111-2222-3333-4444-555555555555', undefined],
  ])('both name the same subscription, their tenants %s: the association is on the construct\'s subnet and fails PGF-NET-7', (_name, own, other) => {
    expect(failedOn(throughOther(SUBSCRIPTION_ID, SUBSCRIPTION_ID.toUpperCase(), [own, other]), 'azurerm_subnet_network_security_group_association.a')).toContain('PGF-NET-7');
  });

  test('control: two literal subscriptions are two subnets, whatever the tenants say: the association passes', () => {
    expect(failedOn(throughOther(SUBSCRIPTION_ID, '99999999-0000-0000-0000-000000000000', ['11111111-2222-3333-4444-555555555555', '11111111-2222-3333-4444-555555555555']), 'azurerm_subnet_network_security_group_association.a')).toEqual([]);
  });
});
