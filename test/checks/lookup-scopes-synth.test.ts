import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { TerraformDataSource, TerraformResource } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer } from '../../lib';
import { minimalProps, newStack, synthErrors } from '../helpers';

// "May this lookup or literal ID be that object" (nineteenth review, A19b-9): a role on a scope is judged on the construct's
// objects (its VNet, subnet, group) only where the scope may be them or hold them. Written as a literal ID, a lookup through the
// default provider or a lookup through a provider of another literal subscription, a scope of other names, or of the same
// names in another literal subscription, is another object and passes; the construct's own names in its own subscription (or
// one not known) fail PG-IAM-2. Every object of the construct here has literal names (rg-orders-db, vnet-orders).

const OWN = '00000000-0000-0000-0000-000000000000';
const HUB = '99999999-9999-9999-9999-999999999999';

type Scope = { readonly kind: 'group'; readonly name: string } | { readonly kind: 'vnet'; readonly name: string; readonly group: string } | { readonly kind: 'subscription' };
/** How a scope is written: a literal ID in a subscription, or a lookup through a provider. */
type Writing = { readonly literal: string } | { readonly lookup: 'azurerm' | 'azurerm.hub' };

/** The role's errors; the default provider's subscription OWN, or (null) left to the environment. */
function errorsOf(scope: Scope, writing: Writing, ownSubscription: string | null = OWN): string[] {
  const stack = newStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}], ...(ownSubscription === null ? {} : { subscriptionId: ownSubscription }) });
  new AzurermProvider(stack, 'hub', { features: [{}], alias: 'hub', subscriptionId: HUB });
  const group = new ResourceGroup(stack, 'Group', { name: 'rg-orders-db', location: 'westeurope' });
  const vnet = new VirtualNetwork(stack, 'Network', { name: 'vnet-orders', resourceGroupName: group.name, location: 'westeurope', addressSpace: ['10.20.0.0/16'] });
  new SecureFlexibleServer(stack, 'Postgres', minimalProps({ resourceGroupName: group.name, network: FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: vnet.id, subnetAddressPrefix: '10.20.1.0/28' }) }));
  let pointer: string;
  if ('literal' in writing) {
    const below = scope.kind === 'subscription' ? '' : scope.kind === 'group' ? `/resourceGroups/${scope.name}` : `/resourceGroups/${scope.group}/providers/Microsoft.Network/virtualNetworks/${scope.name}`;
    pointer = `/subscriptions/${writing.literal}${below}`;
  } else {
    const [type, config] = scope.kind === 'subscription' ? ['azurerm_subscription', {}] : scope.kind === 'group' ? ['azurerm_resource_group', { name: scope.name }] : ['azurerm_virtual_network', { name: scope.name, resource_group_name: scope.group }];
    const lookup = new TerraformDataSource(stack, 'Looked', { terraformResourceType: type });
    for (const [key, value] of Object.entries({ ...config, ...(writing.lookup === 'azurerm' ? {} : { provider: writing.lookup }) })) lookup.addOverride(key, value);
    pointer = `\${data.${type}.Looked.id}`;
  }
  const role = new TerraformResource(stack, 'Hub', { terraformResourceType: 'azurerm_role_assignment' });
  for (const [key, value] of Object.entries({ scope: pointer, role_definition_name: 'Network Contributor', principal_id: 'aaaaaaaa-0000-0000-0000-000000000001' })) role.addOverride(key, value);
  return synthErrors(stack).filter((line) => line.includes(' azurerm_role_assignment.Hub '));
}

const OTHER_GROUP: Scope = { kind: 'group', name: 'rg-network' };
const OWN_GROUP: Scope = { kind: 'group', name: 'rg-orders-db' };
const OTHER_VNET: Scope = { kind: 'vnet', name: 'vnet-hub', group: 'rg-network' };
const OWN_VNET: Scope = { kind: 'vnet', name: 'vnet-orders', group: 'rg-orders-db' };
const SUBSCRIPTION: Scope = { kind: 'subscription' };

describe('a scope of other names is another object, however written', () => {
  test.each([
    ['a resource group', OTHER_GROUP],
    ['a virtual network', OTHER_VNET],
  ] as const)('%s of other names: its literal ID, its lookup, its lookup through the hub provider pass', (_what, scope) => {
    for (const writing of [{ literal: OWN }, { lookup: 'azurerm' }, { lookup: 'azurerm.hub' }] as const) expect([writing, errorsOf(scope, writing)]).toEqual([writing, []]);
    // The default provider's subscription known only later: other names still name another object.
    expect(errorsOf(scope, { lookup: 'azurerm' }, null)).toEqual([]);
  });
});

describe('the same names in another literal subscription are another object', () => {
  test.each([
    ['the construct\'s resource group', OWN_GROUP],
    ['the construct\'s virtual network', OWN_VNET],
    ['the construct\'s subscription', SUBSCRIPTION],
  ] as const)('%s: in the hub\'s subscription (its literal ID, or a lookup through the hub provider) passes; in its own it fails PG-IAM-2', (_what, scope) => {
    expect(errorsOf(scope, { literal: HUB })).toEqual([]);
    expect(errorsOf(scope, { lookup: 'azurerm.hub' })).toEqual([]);
    expect(errorsOf(scope, { literal: OWN })).toEqual([expect.stringContaining('PG-IAM-2')]);
    expect(errorsOf(scope, { lookup: 'azurerm' })).toEqual([expect.stringContaining('PG-IAM-2')]);
    // A GUID in another spelling is the same subscription.
    expect(errorsOf(scope, { literal: `{${OWN.replace(/-/g, '').toUpperCase()}}` })).toEqual([expect.stringContaining('PG-IAM-2')]);
  });
  test('with the construct\'s subscription known only later, the same names in any subscription may be its objects: they fail', () => {
    for (const scope of [OWN_GROUP, OWN_VNET]) expect(errorsOf(scope, { literal: HUB }, null)).toEqual([expect.stringContaining('PG-IAM-2')]);
  });
});
