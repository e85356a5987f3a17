import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { DNS_ZONE_SUFFIX, FLEXIBLE_SERVER_DELEGATION, FlexibleServerNetwork, VnetIntegrationOptions } from './network';
import { IdPart, resourceIdPart } from '../private/resource-id';

/** What the server resource needs from its network placement. */
export interface ServerNetworkAttachment {
  readonly publicNetworkAccessEnabled: boolean;
  readonly delegatedSubnetId?: string;
  readonly privateDnsZoneId?: string;
  /** The server waits for these (the DNS zone link), as Azure's own example does. */
  readonly dependsOn: ITerraformDependable[];
}

export interface NetworkContext {
  readonly serverName: string;
  readonly resourceGroupName: string;
  readonly tags?: { [key: string]: string };
}

/** Creates what must exist before the server (subnet, zone, link) and says how to attach it. */
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
  const subnet = new Subnet(scope, 'Subnet', {
    name: options.subnetName ?? `${context.serverName}-postgres`,
    resourceGroupName: resourceIdPart(vnetId, IdPart.RESOURCE_GROUP),
    virtualNetworkName: resourceIdPart(vnetId, IdPart.NAME),
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
  });
  const zone = new PrivateDnsZone(scope, 'DnsZone', {
    name: options.privateDnsZoneName ?? `${context.serverName}.private${DNS_ZONE_SUFFIX}`,
    resourceGroupName: context.resourceGroupName,
    tags: context.tags,
  });
  const link = new PrivateDnsZoneVirtualNetworkLink(scope, 'DnsZoneLink', {
    name: `${context.serverName}-vnet-link`,
    privateDnsZoneName: zone.name,
    resourceGroupName: context.resourceGroupName,
    virtualNetworkId: vnetId,
    registrationEnabled: false,
    tags: context.tags,
  });
  return { publicNetworkAccessEnabled: false, delegatedSubnetId: subnet.id, privateDnsZoneId: zone.id, dependsOn: [link] };
}
