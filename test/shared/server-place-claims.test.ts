import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { ValidationError } from '../../lib/private/validation-error';
import { minimalProps, minimalSingleProps, VNET_ID } from '../helpers';

// 62nd adversarial run, A62a-4: two servers of one name, or two subnets of one name or overlapping ranges in one VNet, passed synth
// and failed at apply. Claimed once per stack (applied as a whole); other stacks and values known only at apply time are not compared.
const OTHER_VNET = VNET_ID.replace('vnet-hub', 'vnet-spoke');
const vnet = (subnetAddressPrefix: string, extra: object = {}, virtualNetworkResourceId = VNET_ID) => FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId, subnetAddressPrefix, ...extra });

/** The error the second server's construction throws in a stack that has the first, or undefined. */
function secondRefused(first: (stack: TerraformStack) => void, second: (stack: TerraformStack) => void, stack = new TerraformStack(Testing.app(), 'one')): ValidationError | undefined {
  first(stack);
  try {
    second(stack);
    return undefined;
  } catch (error) {
    return error as ValidationError;
  }
}

test('a second server of a name, in another resource group, is refused naming the first', () => {
  const error = secondRefused(
    (stack) => new SecureFlexibleServer(stack, 'Orders', minimalProps({ name: 'orders-db' })),
    (stack) => new SecureFlexibleServer(stack, 'Orders2', minimalProps({ name: 'orders-db', resourceGroupName: 'rg-other', network: vnet('10.0.2.0/28') })),
  );
  expect(error).toMatchObject({ code: 'SERVER-NAME-TAKEN', prop: 'name' });
  expect(error?.message).toBe('Invalid name: "orders-db" is the name of one/Orders too; server names are global in Azure (<name>.postgres.database.azure.com), in any resource group. Fix: give each server its own name.');
});

test('a Single Server and a Flexible Server share the names', () => {
  const error = secondRefused(
    (stack) => new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ name: 'orders-db' })),
    (stack) => new SecureFlexibleServer(stack, 'Orders', minimalProps({ name: 'orders-db' })),
  );
  expect(error).toMatchObject({ code: 'SERVER-NAME-TAKEN', prop: 'name' });
});

test.each<[string, object, string, string]>([
  ['the same subnet name', { subnetName: 'pg' }, 'network.vnetIntegration.subnetName', 'Invalid network.vnetIntegration.subnetName: "pg" names the subnet one/A makes in the same virtual network too. Fix: give each server\'s subnet its own name (network.vnetIntegration.subnetName).'],
  ['an overlapping range', { prefix: '10.0.1.0/27' }, 'network.vnetIntegration.subnetAddressPrefix', 'Invalid network.vnetIntegration.subnetAddressPrefix: "10.0.1.0/27" overlaps 10.0.1.0/28, the range of the subnet one/A makes in the same virtual network; Azure refuses overlapping subnets. Fix: give each server\'s subnet a range of its own in the virtual network.'],
])('a second server\'s subnet in one VNet with %s is refused', (_, second, prop, message) => {
  const { subnetName, prefix } = second as { subnetName?: string; prefix?: string };
  const error = secondRefused(
    (stack) => new SecureFlexibleServer(stack, 'A', minimalProps({ name: 'orders-a', network: vnet('10.0.1.0/28', subnetName === undefined ? {} : { subnetName }) })),
    (stack) => new SecureFlexibleServer(stack, 'B', minimalProps({ name: 'orders-b', network: vnet(prefix ?? '10.0.2.0/28', subnetName === undefined ? {} : { subnetName }) })),
  );
  expect(error).toMatchObject({ code: 'SUBNET-TAKEN', prop });
  expect(error?.message).toBe(message);
});

test('servers of other names, in subnets of other names and ranges or in another VNet, and values known later, are accepted', () => {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'one');
  new SecureFlexibleServer(stack, 'A', minimalProps({ name: 'orders-a', network: vnet('10.0.1.0/28', { subnetName: 'pg' }) }));
  new SecureFlexibleServer(stack, 'B', minimalProps({ name: 'orders-b', network: vnet('10.0.1.16/28') }));
  new SecureFlexibleServer(stack, 'C', minimalProps({ name: 'orders-c', network: vnet('10.0.1.0/28', { subnetName: 'pg' }, OTHER_VNET) }));
  const prefix = new TerraformVariable(stack, 'prefix', { type: 'string' }).stringValue;
  const name = new TerraformVariable(stack, 'name', { type: 'string' }).stringValue;
  new SecureFlexibleServer(stack, 'D', minimalProps({ name, network: vnet(prefix) }));
  new SecureFlexibleServer(stack, 'E', minimalProps({ name, network: vnet(prefix, {}, new TerraformVariable(stack, 'vnet', { type: 'string' }).stringValue) }));
  expect(stack.node.findAll().filter((node) => node instanceof SecureFlexibleServer)).toHaveLength(5);
  // Another stack of the app may be an alternative, or go to another cloud: its names and subnets are its own.
  expect(() => new SecureFlexibleServer(new TerraformStack(app, 'two'), 'A', minimalProps({ name: 'orders-a', network: vnet('10.0.1.0/28', { subnetName: 'pg' }) }))).not.toThrow();
});

test('a refused server claims nothing: the same props in a valid server are accepted after it', () => {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'one');
  expect(() => new SecureFlexibleServer(stack, 'A', minimalProps({ name: 'orders-a', zone: '9' }))).toThrow(ValidationError);
  expect(() => new SecureFlexibleServer(stack, 'B', minimalProps({ name: 'orders-a' }))).not.toThrow();
});

test('a server refused by a check after the claim is checked (its VNet in another subscription) claims nothing either', () => {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'one');
  new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: '11111111-1111-1111-1111-111111111111' });
  const refused = () => new SecureFlexibleServer(stack, 'A', minimalProps({ name: 'orders-a', network: vnet('10.0.1.0/28') }));
  expect(refused).toThrow(expect.objectContaining({ code: 'VNET-OTHER-SUBSCRIPTION' }));
  expect(() => new SecureFlexibleServer(stack, 'B', minimalProps({ name: 'orders-a', network: vnet('10.0.1.0/28', {}, VNET_ID.replace('00000000-0000-0000-0000-000000000000', '11111111-1111-1111-1111-111111111111')) }))).not.toThrow();
});
