import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { Fn, ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { DNS_ZONE_SUFFIX, FLEXIBLE_SERVER_DELEGATION, FlexibleServerNetwork, VnetIntegrationOptions } from './network';
import { guardSubnet } from './subnet-security-group';
import { vnetSubscriptionGuard } from './vnet-subscription';
import { idPartOf } from '../private/id-part-references';
import { IdPart } from '../private/resource-id';
import { isToken } from '../private/tokens';
import { sharedPrivateDnsZone } from '../shared/private-dns-zones';

/** What the server resource needs from its network placement. */
export interface ServerNetworkAttachment {
  readonly publicNetworkAccessEnabled: boolean;
  readonly delegatedSubnetId?: string;
  readonly privateDnsZoneId?: string;
  /** The network security group associated with the new delegated subnet (vnetIntegration). */
  readonly networkSecurityGroupId?: string;
  /** The server waits for these (the DNS zone link, the subnet's security group and rules), as Azure's own example does. */
  readonly dependsOn: ITerraformDependable[];
}

export interface NetworkContext {
  readonly serverName: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tags?: { [key: string]: string };
}

/** Creates what must exist before the server (subnet, its security group, zone, link) and says how to attach it. */
export function attachServerNetwork(scope: Construct, network: FlexibleServerNetwork, context: NetworkContext): ServerNetworkAttachment {
  if (network.vnetIntegrationOptions) return createVnetIntegration(scope, network.vnetIntegrationOptions, context);
  const existing = network.existingVnetIntegrationOptions;
  if (existing) {
    return {
      publicNetworkAccessEnabled: false,
      delegatedSubnetId: existing.delegatedSubnetResourceId,
      privateDnsZoneId: existing.privateDnsZoneResourceId,
      dependsOn: [],
    };
  }
  return { publicNetworkAccessEnabled: network.publicAccessOptions !== undefined, dependsOn: [] };
}

function createVnetIntegration(scope: Construct, options: VnetIntegrationOptions, context: NetworkContext): ServerNetworkAttachment {
  const vnetId = options.virtualNetworkResourceId;
  const subscriptionGuard = vnetSubscriptionGuard(scope, 'network.vnetIntegration.virtualNetworkResourceId', vnetId);
  const subnet = new Subnet(scope, 'Subnet', {
    name: options.subnetName ?? `${context.serverName}-postgres`,
    resourceGroupName: idPartOf(scope, vnetId, IdPart.RESOURCE_GROUP),
    virtualNetworkName: idPartOf(scope, vnetId, IdPart.NAME),
    addressPrefixes: [options.subnetAddressPrefix],
    delegation: [
      {
        name: 'postgresql-flexible-server',
        serviceDelegation: {
          name: FLEXIBLE_SERVER_DELEGATION,
          actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
        },
      },
    ],
    lifecycle: subscriptionGuard.length > 0 ? { precondition: subscriptionGuard } : undefined,
  });
  // A prefix known only at apply time is read back from the subnet, so the rules (and the rule pack)
  // see the subnet's own range, which is never "anywhere".
  const subnetRange = isToken(options.subnetAddressPrefix) ? Fn.element(subnet.addressPrefixes, 0) : options.subnetAddressPrefix;
  const guard = guardSubnet(scope, subnet.id, subnetRange, options, context);
  const zone = sharedPrivateDnsZone(scope, {
    name: options.privateDnsZoneName ?? `${context.serverName}.private${DNS_ZONE_SUFFIX}`,
    resourceGroupName: context.resourceGroupName,
    tags: context.tags,
  });
  const link = zone.link(scope, { virtualNetworkId: vnetId, name: `${context.serverName}-vnet-link`, tags: context.tags });
  return {
    publicNetworkAccessEnabled: false,
    delegatedSubnetId: subnet.id,
    privateDnsZoneId: zone.zone.id,
    networkSecurityGroupId: guard.networkSecurityGroupId,
    dependsOn: [link, ...guard.dependsOn],
  };
}
