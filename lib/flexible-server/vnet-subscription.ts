import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { DefaultTokenResolver, Fn, Op, Precondition, StringConcat, TerraformProvider, TerraformStack, Tokenization } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { IdPart } from '../private/resource-id';
import { isToken, literal } from '../private/tokens';
import { describe, ValidationError } from '../private/validation-error';

// vnetIntegration creates the delegated subnet through the stack's azurerm provider, which works
// in one subscription: azurerm_subnet takes the VNet's resource group and name, not its ID, so a
// VNet in another subscription (a hub) would be looked up in the provider's subscription. The
// library refuses that rather than add a second provider: a hub belongs to the platform team,
// which gives application stacks a delegated subnet (existingVnetIntegration) instead of letting
// them write into its subscription.

function isDefaultAzurerm(c: IConstruct): c is TerraformProvider {
  return TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === 'azurerm' && c.alias === undefined;
}

// Finding the provider walks every construct of the stack: done for each server, that grows with
// the square of the servers (125 ms of a 200-server synth). Once found, the stack keeps it.
const defaultProviders = new WeakMap<TerraformStack, TerraformProvider>();

/** The stack's default azurerm provider (no alias), if it has one yet. */
function defaultAzurermProvider(stack: TerraformStack): TerraformProvider | undefined {
  const known = defaultProviders.get(stack);
  if (known !== undefined && isDefaultAzurerm(known)) return known;
  const found = stack.node.findAll().find(isDefaultAzurerm);
  if (found !== undefined) defaultProviders.set(stack, found);
  return found;
}

/** The subscription of the stack's default azurerm provider, when it is written as a literal. */
function providerSubscription(scope: IConstruct): string | undefined {
  const provider = defaultAzurermProvider(TerraformStack.of(scope));
  return literal((provider as { subscriptionId?: string } | undefined)?.subscriptionId);
}

/**
 * The subscription the stack's default azurerm provider writes into the JSON, overrides included
 * (an override of `subscription_id` is not a change of the provider object), when it is a literal.
 */
function writtenSubscription(scope: IConstruct): string | undefined {
  const stack = TerraformStack.of(scope);
  const provider = defaultAzurermProvider(stack);
  if (provider === undefined) return undefined;
  const written: unknown = Tokenization.resolve(provider.toTerraform(), { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()) });
  const block = (written as { provider?: { azurerm?: { subscription_id?: unknown }[] } }).provider?.azurerm?.[0];
  const subscription = block?.subscription_id;
  return typeof subscription === 'string' && !/\$\{|%\{/.test(subscription) ? subscription : undefined;
}

const FIX = 'ask the network\'s owner for a delegated subnet and a private DNS zone in that subscription, and use FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId, privateDnsZoneResourceId })';

/**
 * Refuses a VNet in another subscription than the provider's when both are literals, and returns a
 * precondition that makes `terraform plan` (or apply, once the ID is known) fail with the same
 * advice before the subnet is created, whatever the provider's subscription is by then.
 */
export function vnetSubscriptionGuard(scope: Construct, prop: string, vnetId: string): Precondition[] {
  const provider = providerSubscription(scope);
  const vnet = isToken(vnetId) ? undefined : vnetId.split('/')[IdPart.SUBSCRIPTION];
  if (provider !== undefined && vnet !== undefined) {
    if (provider.toLowerCase() === vnet.toLowerCase()) {
      // The provider must still be in that subscription when the stack is synthesized (A11a-2), as the JSON writes it (A12a-4);
      // the plan-time guard below holds it against any later change of the file, which no synth-time check sees.
      scope.node.addValidation({ validate: () => changedSubscription(scope, prop, vnetId, vnet) });
      return [subscriptionPrecondition(scope, prop, vnetId, vnet)];
    }
    throw new ValidationError(
      'VNET-OTHER-SUBSCRIPTION',
      prop,
      vnetId,
      `is in subscription "${vnet}", not in "${provider}" of the stack's azurerm provider, where vnetIntegration would create the subnet`,
      FIX,
    );
  }
  return [subscriptionPrecondition(scope, prop, vnetId, vnet)];
}

/**
 * The plan-time guard: the VNet's subscription is the provider's. The provider's subscription is
 * read at plan (`azurerm_client_config`) even when the stack writes it as a literal, so the guard
 * holds whatever the file says by then; PG-CFG-6 pins that data source's provider and the subnet's
 * precondition (A12a-4, A12a-5).
 */
function subscriptionPrecondition(scope: Construct, prop: string, vnetId: string, vnet: string | undefined): Precondition {
  const expected = Fn.lower(new DataAzurermClientConfig(scope, 'ProviderSubscription', {}).subscriptionId);
  const actual = vnet?.toLowerCase() ?? Fn.lower(Fn.element(Fn.split('/', vnetId), IdPart.SUBSCRIPTION));
  return {
    condition: Op.eq(actual, expected),
    errorMessage: `${prop} names a virtual network in another subscription than the azurerm provider's, where the subnet would be created (cdktf-azure-postgres VNET-OTHER-SUBSCRIPTION). Fix: ${FIX}.`,
  };
}

/**
 * The provider's subscription changed after the construct relied on it being the VNet's, as a line
 * of cdktf's validation errors (docs/errors.md, VNET-SUBSCRIPTION-CHANGED), or none.
 */
function changedSubscription(scope: Construct, prop: string, vnetId: string, vnet: string): string[] {
  const provider = writtenSubscription(scope);
  if (provider?.toLowerCase() === vnet.toLowerCase()) return [];
  const now = provider === undefined ? 'no longer a literal' : `now ${describe(provider)}`;
  return [
    `Invalid ${prop}: ${describe(vnetId)} is in subscription ${describe(vnet)}, where the stack's azurerm provider was when the construct was made; ` +
      `its subscription is ${now}, so vnetIntegration would create the subnet in another subscription's virtual network of that name. ` +
      `Fix: set the azurerm provider's subscription before making the construct, and keep it; or ${FIX}.`,
  ];
}
