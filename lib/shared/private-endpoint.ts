import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { Construct } from 'constructs';
import { sharedPrivateDnsZone } from './private-dns-zones';
import { checkResourceId, IdPart, parentResourceId, ResourceIdKind } from '../private/resource-id';
import { Misplaced, optional, required, struct, text } from '../private/shape';
import { literal } from '../private/tokens';
import { ValidationError } from '../private/validation-error';
import { onDemandClasses } from '../private/on-demand-classes';

/** The zone Azure Private Link resolves PostgreSQL servers in, Single and Flexible alike. */
export const PRIVATE_LINK_ZONE = 'privatelink.postgres.database.azure.com';

/** A private endpoint (Private Link) to a server whose public access is off. */
export interface PrivateEndpointOptions {
  /** Resource ID of the subnet for the endpoint's network interface. */
  readonly subnetResourceId: string;
  /**
   * Resource ID of an existing "privatelink.postgres.database.azure.com" zone (e.g. the hub's
   * central zone) for the endpoint to register in. The construct then creates no zone and no link.
   * @default - the stack's zone in the server's resource group, created once and shared by every
   * private-endpoint server there, linked to the endpoint subnet's VNet
   */
  readonly privateDnsZoneResourceId?: string;
}

/** The Private Link sub-resource (group ID) of a PostgreSQL server. */
const SUBRESOURCE = 'postgresqlServer';

/** Where a server lives: both server constructs' props have these. */
export interface ServerPlacement {
  /** Name of the server; the endpoint is named after it. */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tags?: { [key: string]: string };
}

export interface PostgresPrivateEndpointProps {
  readonly server: ServerPlacement;
  /** Resource ID of the server the endpoint connects to. */
  readonly serverId: string;
  /** The endpoint's subnet and, optionally, an existing privatelink zone. */
  readonly endpoint: PrivateEndpointOptions;
}

/**
 * A private endpoint to a PostgreSQL server with its DNS: the privatelink zone (the stack's zone of
 * the server's resource group, shared by every private-endpoint server there and linked once to
 * each endpoint VNet, unless an existing zone is given) and the zone group that registers the
 * endpoint's address in it.
 */
export class PostgresPrivateEndpoint extends Construct {
  /** Resource ID of the private DNS zone the endpoint registers in. */
  public readonly privateDnsZoneId: string;
  /** Resource ID of the private endpoint. */
  public readonly privateEndpointId: string;

  constructor(scope: Construct, id: string, props: PostgresPrivateEndpointProps) {
    super(scope, id);
    const { server, endpoint: options } = props;
    let zoneId = options.privateDnsZoneResourceId;
    let link: PrivateDnsZoneVirtualNetworkLink | undefined;
    if (zoneId === undefined) {
      const shared = sharedPrivateDnsZone(this, { name: PRIVATE_LINK_ZONE, resourceGroupName: server.resourceGroupName, tags: server.tags });
      link = shared.link(this, { virtualNetworkId: parentResourceId(options.subnetResourceId), name: `${server.name}-privatelink`, tags: server.tags });
      zoneId = shared.zone.id;
    }
    const endpoint = new (onDemandClasses.privateEndpoint())(this, 'Endpoint', {
      name: `${server.name}-pe`,
      resourceGroupName: server.resourceGroupName,
      location: server.location,
      subnetId: options.subnetResourceId,
      privateServiceConnection: {
        name: `${server.name}-connection`,
        privateConnectionResourceId: props.serverId,
        subresourceNames: [SUBRESOURCE],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: [zoneId] },
      dependsOn: link ? [link] : undefined,
      tags: server.tags,
    });
    this.privateDnsZoneId = zoneId;
    this.privateEndpointId = endpoint.id;
  }
}

/**
 * The endpoint's options. A JavaScript caller may put firewall ranges here; they are refused as
 * such, with the way to public access (`publicAccessFactory`) in the fix.
 */
export function privateEndpointOptionsShape(publicAccessFactory: string) {
  return struct(
    'PrivateEndpointOptions',
    {
      subnetResourceId: required(text(), 'give the resource ID of the subnet for the endpoint'),
      privateDnsZoneResourceId: optional(text()),
    },
    { allowedIpRanges: privateModeFirewall(publicAccessFactory) },
  );
}

/** Firewall ranges given to a private network mode, which has no firewall rules. */
export function privateModeFirewall(publicAccessFactory: string): Misplaced {
  return {
    code: 'PRIVATE-MODE-FIREWALL',
    problem: 'is not allowed: a server with private access has no firewall rules',
    fix: `remove the ranges, or use ${publicAccessFactory}({ allowedIpRanges, justification })`,
  };
}

export function validatePrivateEndpoint(prop: string, options: PrivateEndpointOptions): void {
  checkResourceId(`${prop}.subnetResourceId`, options.subnetResourceId, ResourceIdKind.SUBNET);
  checkResourceId(`${prop}.privateDnsZoneResourceId`, options.privateDnsZoneResourceId, ResourceIdKind.PRIVATE_DNS_ZONE);
  const zoneName = literal(options.privateDnsZoneResourceId)?.split('/')[IdPart.NAME];
  if (zoneName !== undefined && zoneName !== PRIVATE_LINK_ZONE) {
    throw new ValidationError(
      'PRIVATE-LINK-ZONE-NAME',
      `${prop}.privateDnsZoneResourceId`,
      options.privateDnsZoneResourceId,
      `names zone "${zoneName}", which Private Link does not resolve PostgreSQL servers in`,
      'give the ID of a "privatelink.postgres.database.azure.com" zone, or leave it out to create one',
    );
  }
}
