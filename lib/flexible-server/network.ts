import { validateSubnetSecurity, WIDE_SOURCES_OPTIONS, WideSourcesOptions } from './subnet-security-group';
import { NETWORK_NAME, SUBNET_SECURITY_RULES, SubnetSecurityRule } from './subnet-security-rule';
import { FIREWALL_RANGES, FirewallRange, validateFirewallRanges, WIDE_RANGES_OPTIONS, WideRangesOptions } from '../shared/firewall-range';
import { PRIVATE_LINK_ZONE, PrivateEndpointOptions, privateEndpointOptionsShape, privateModeFirewall, validatePrivateEndpoint } from '../shared/private-endpoint';
import { firstReservedOverlap, networkAddress, parseCidr } from '../private/ipv4';
import { checkResourceId, IdPart, ResourceIdKind } from '../private/resource-id';
import { boolean, choice, list, LiteralReason, optional, part, reason, required, struct, text } from '../private/shape';
import { isToken, literal } from '../private/tokens';
import { checkJustification, checkPattern } from '../private/validate';
import { ValidationError } from '../private/validation-error';

/** How clients reach the server. */
export enum NetworkMode {
  /** Private access: the server lives in a delegated subnet of your VNet. */
  VNET_INTEGRATION = 'VnetIntegration',
  /** Public access turned off: clients connect through a private endpoint. */
  PRIVATE_ENDPOINT = 'PrivateEndpoint',
  /** Public access limited to listed IPv4 ranges. */
  PUBLIC_ACCESS = 'PublicAccess',
}

/** VNet integration in a subnet and DNS zone that the construct creates. */
export interface VnetIntegrationOptions {
  /** Resource ID of the virtual network, in the server's region. */
  readonly virtualNetworkResourceId: string;
  /** Address range of the new subnet, /28 or larger, e.g. "10.0.2.0/28". It must not overlap other subnets. */
  readonly subnetAddressPrefix: string;
  /**
   * Name of the new subnet.
   * @default - "<server name>-postgres"
   */
  readonly subnetName?: string;
  /**
   * Name of the new private DNS zone, ending in ".postgres.database.azure.com". Servers of the
   * stack that name the same zone in the same resource group share it. Must be a literal: the
   * construct links the zone to the VNet, where it answers for every name below it (so not the
   * Private Link zone "privatelink.postgres.database.azure.com").
   * @default - "<server name>.private.postgres.database.azure.com"
   */
  readonly privateDnsZoneName?: string;
  /**
   * Where PostgreSQL clients may connect from: the sources of the network security group's
   * inbound rules on port 5432, as service tags or IPv4 CIDR ranges. "Internet", "*", "Any",
   * "0.0.0.0/0" and ranges wider than a /8 are refused.
   * @default ["VirtualNetwork"] - the VNet, its peered VNets and networks connected by VPN or ExpressRoute
   */
  readonly allowedSources?: string[];
  /**
   * Resource ID of an existing network security group to associate with the new subnet instead of
   * creating one. The construct adds no rules to it: its owner manages them.
   * @default - a new group with least-privilege rules (see the README)
   */
  readonly networkSecurityGroupResourceId?: string;
  /**
   * Rules of your own for the network security group the construct creates, next to its own.
   * @default - none
   */
  readonly additionalSecurityRules?: SubnetSecurityRule[];
  /**
   * States, with a justification, that `allowedSources` and the inbound PostgreSQL rules of
   * `additionalSecurityRules` may together admit more than 256 public addresses (a /24), or a
   * service tag that holds other Azure tenants' addresses (anything but "VirtualNetwork" and
   * "AzureLoadBalancer", e.g. "AzureCloud"). Without it such sources are refused.
   * @default - at most 256 public addresses, and only the VirtualNetwork and AzureLoadBalancer tags
   */
  readonly wideSources?: WideSourcesOptions;
}

/** VNet integration in an existing delegated subnet and private DNS zone (e.g. central hub zones). */
export interface ExistingVnetIntegrationOptions {
  /** Resource ID of a subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers. */
  readonly delegatedSubnetResourceId: string;
  /** Resource ID of a private DNS zone ending in ".postgres.database.azure.com", linked to the VNet. */
  readonly privateDnsZoneResourceId: string;
}

/** Public access, explicitly limited and justified. */
export interface PublicAccessOptions {
  /** The public IPv4 ranges allowed in: nothing else is. */
  readonly allowedIpRanges: FirewallRange[];
  /**
   * Add the 0.0.0.0 rule that lets any Azure service, in any tenant, reach the server.
   * @default false
   */
  readonly allowAzureServices?: boolean;
  /**
   * States, with a justification, that the ranges may open more than 256 addresses (a /24) in
   * total. Without it such ranges are refused.
   * @default - at most 256 addresses in total
   */
  readonly wideRanges?: WideRangesOptions;
  /** Why the server must be reachable from the internet, at least 10 characters, printed at synth. */
  readonly justification: string;
}

/** Network placement of a Flexible Server. Default choice: `vnetIntegration`. */
export class FlexibleServerNetwork {
  /**
   * Private access: creates a subnet delegated to Flexible Server, a private DNS zone and its VNet link.
   * @param options the VNet and the new subnet's address range
   */
  public static vnetIntegration(options: VnetIntegrationOptions): FlexibleServerNetwork {
    return new FlexibleServerNetwork(NetworkMode.VNET_INTEGRATION, options, undefined, undefined, undefined);
  }

  /**
   * Private access in a delegated subnet and DNS zone that already exist.
   * @param options the subnet and zone resource IDs
   */
  public static existingVnetIntegration(options: ExistingVnetIntegrationOptions): FlexibleServerNetwork {
    return new FlexibleServerNetwork(NetworkMode.VNET_INTEGRATION, undefined, options, undefined, undefined);
  }

  /**
   * Public access off, with a private endpoint (Private Link) and its DNS.
   * @param options the endpoint's subnet and, optionally, an existing privatelink zone
   */
  public static privateEndpoint(options: PrivateEndpointOptions): FlexibleServerNetwork {
    return new FlexibleServerNetwork(NetworkMode.PRIVATE_ENDPOINT, undefined, undefined, options, undefined);
  }

  /**
   * Public access for listed IPv4 ranges only. Warns at synth.
   * @param options the allowed ranges and the justification
   */
  public static publicAccess(options: PublicAccessOptions): FlexibleServerNetwork {
    return new FlexibleServerNetwork(NetworkMode.PUBLIC_ACCESS, undefined, undefined, undefined, options);
  }

  /** The mode chosen. */
  public readonly mode: NetworkMode;
  /** Settings of `vnetIntegration`. */
  public readonly vnetIntegrationOptions?: VnetIntegrationOptions;
  /** Settings of `existingVnetIntegration`. */
  public readonly existingVnetIntegrationOptions?: ExistingVnetIntegrationOptions;
  /** Settings of `privateEndpoint`. */
  public readonly privateEndpointOptions?: PrivateEndpointOptions;
  /** Settings of `publicAccess`. */
  public readonly publicAccessOptions?: PublicAccessOptions;

  private constructor(
    mode: NetworkMode,
    vnet: VnetIntegrationOptions | undefined,
    existing: ExistingVnetIntegrationOptions | undefined,
    endpoint: PrivateEndpointOptions | undefined,
    publicAccess: PublicAccessOptions | undefined,
  ) {
    this.mode = mode;
    this.vnetIntegrationOptions = vnet;
    this.existingVnetIntegrationOptions = existing;
    this.privateEndpointOptions = endpoint;
    this.publicAccessOptions = publicAccess;
  }
}

export const FLEXIBLE_SERVER_DELEGATION = 'Microsoft.DBforPostgreSQL/flexibleServers';
export const DNS_ZONE_SUFFIX = '.postgres.database.azure.com';
const SMALLEST_SUBNET_PREFIX = 28;
const RESERVED_SUBNET_NAMES = ['AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'AzureBastionSubnet', 'GatewaySubnet'];
// "[name].postgres.database.azure.com" or "[name1].[name2].postgres.database.azure.com".
const VNET_ZONE = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.){1,2}postgres\.database\.azure\.com$/;

/** The fix when no network is given. */
export const NETWORK_REQUIRED_FIX = 'use FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId, subnetAddressPrefix })';

// Firewall ranges only exist in public mode; a JavaScript caller may still pass them elsewhere.
const RANGES_IN_PRIVATE_MODE = { allowedIpRanges: privateModeFirewall('FlexibleServerNetwork.publicAccess') };

const VNET_INTEGRATION_OPTIONS = struct('VnetIntegrationOptions', {
  virtualNetworkResourceId: required(text(), 'give the resource ID of the VNet the server joins'),
  subnetAddressPrefix: required(text(), 'give a free range of the VNet, /28 or larger, e.g. "10.0.2.0/28"'),
  subnetName: optional(text()),
  // Literal: the construct makes this zone and links it to the VNet; a name known only at apply time
  // could be a parent of every server's public name and answer for all of them there (A10a-2).
  privateDnsZoneName: optional(text({ expected: 'a private DNS zone name', example: '"orders-db.private.postgres.database.azure.com"', literal: LiteralReason.SECURITY })),
  // Literal: the sources are who may reach PostgreSQL; a list known only at apply time could be anyone.
  allowedSources: optional(list(text({ literal: LiteralReason.SECURITY }), { literal: LiteralReason.SECURITY })),
  networkSecurityGroupResourceId: optional(text()),
  additionalSecurityRules: optional(SUBNET_SECURITY_RULES),
  wideSources: optional(WIDE_SOURCES_OPTIONS),
}, RANGES_IN_PRIVATE_MODE);

const EXISTING_VNET_INTEGRATION_OPTIONS = struct('ExistingVnetIntegrationOptions', {
  delegatedSubnetResourceId: required(text(), 'give the resource ID of a subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers'),
  privateDnsZoneResourceId: required(text(), 'give the resource ID of a private DNS zone ending in ".postgres.database.azure.com"'),
}, RANGES_IN_PRIVATE_MODE);

const PUBLIC_ACCESS_OPTIONS = struct('PublicAccessOptions', {
  allowedIpRanges: required(FIREWALL_RANGES, 'list the public ranges of your clients'),
  allowAzureServices: optional(boolean()),
  wideRanges: optional(WIDE_RANGES_OPTIONS),
  justification: optional(reason()),
});

const OPTIONS_FIX = 'pass the options to the factory';

export const FLEXIBLE_SERVER_NETWORK = choice('FlexibleServerNetwork', FlexibleServerNetwork, `${NETWORK_REQUIRED_FIX}, or another FlexibleServerNetwork factory`, (network) => {
  if (network.mode === NetworkMode.PUBLIC_ACCESS) return [part('publicAccess', network.publicAccessOptions, required(PUBLIC_ACCESS_OPTIONS, OPTIONS_FIX))];
  if (network.mode === NetworkMode.PRIVATE_ENDPOINT) {
    return [part('privateEndpoint', network.privateEndpointOptions, required(privateEndpointOptionsShape('FlexibleServerNetwork.publicAccess'), OPTIONS_FIX))];
  }
  if (network.existingVnetIntegrationOptions !== undefined) {
    return [part('existingVnetIntegration', network.existingVnetIntegrationOptions, required(EXISTING_VNET_INTEGRATION_OPTIONS, OPTIONS_FIX))];
  }
  return [part('vnetIntegration', network.vnetIntegrationOptions, required(VNET_INTEGRATION_OPTIONS, OPTIONS_FIX))];
});

export function validateNetwork(prop: string, network: FlexibleServerNetwork, serverName: string): void {
  if (network.vnetIntegrationOptions) validateNewVnetIntegration(`${prop}.vnetIntegration`, network.vnetIntegrationOptions, serverName);
  if (network.existingVnetIntegrationOptions) validateExistingVnetIntegration(`${prop}.existingVnetIntegration`, network.existingVnetIntegrationOptions, serverName);
  if (network.privateEndpointOptions) validatePrivateEndpoint(`${prop}.privateEndpoint`, network.privateEndpointOptions);
  if (network.publicAccessOptions) validatePublicAccess(`${prop}.publicAccess`, network.publicAccessOptions);
}

function validateNewVnetIntegration(prop: string, options: VnetIntegrationOptions, serverName: string): void {
  checkResourceId(`${prop}.virtualNetworkResourceId`, options.virtualNetworkResourceId, ResourceIdKind.VIRTUAL_NETWORK);
  checkSubnetPrefix(`${prop}.subnetAddressPrefix`, options.subnetAddressPrefix);
  checkSubnetName(`${prop}.subnetName`, options.subnetName);
  checkVnetZoneName(`${prop}.privateDnsZoneName`, options.privateDnsZoneName, serverName);
  validateSubnetSecurity(prop, options);
}

function validateExistingVnetIntegration(prop: string, options: ExistingVnetIntegrationOptions, serverName: string): void {
  checkResourceId(`${prop}.delegatedSubnetResourceId`, options.delegatedSubnetResourceId, ResourceIdKind.SUBNET);
  checkResourceId(`${prop}.privateDnsZoneResourceId`, options.privateDnsZoneResourceId, ResourceIdKind.PRIVATE_DNS_ZONE);
  const zoneName = literal(options.privateDnsZoneResourceId)?.split('/')[IdPart.NAME];
  checkVnetZoneName(`${prop}.privateDnsZoneResourceId`, zoneName, serverName, options.privateDnsZoneResourceId);
}

function validatePublicAccess(prop: string, options: PublicAccessOptions): void {
  checkJustification(`${prop}.justification`, options.justification, 'open the server to public network access');
  const ranges = options.allowedIpRanges;
  if (ranges.length === 0 && options.allowAzureServices !== true) {
    throw new ValidationError(
      'PUBLIC-NO-RANGES',
      `${prop}.allowedIpRanges`,
      ranges,
      'is empty, so public access would let no one in',
      'list the public ranges of your clients, or use vnetIntegration or privateEndpoint',
    );
  }
  validateFirewallRanges(`${prop}.allowedIpRanges`, ranges, `${prop}.wideRanges`, options.wideRanges);
}

function checkSubnetPrefix(prop: string, prefix: string): void {
  if (isToken(prefix)) return;
  const cidr = parseCidr(prefix);
  if (cidr === undefined) {
    throw new ValidationError('SUBNET-PREFIX-MALFORMED', prop, prefix, 'is not an IPv4 CIDR range', 'write it as address/length, e.g. "10.0.2.0/28"');
  }
  if (cidr.prefixLength > SMALLEST_SUBNET_PREFIX) {
    const suggestion = `${networkAddress(cidr.address, SMALLEST_SUBNET_PREFIX)}/${SMALLEST_SUBNET_PREFIX}`;
    throw new ValidationError('SUBNET-PREFIX-TOO-SMALL', prop, prefix, 'is smaller than /28, the least a Flexible Server subnet needs', `use /28 or larger, e.g. "${suggestion}"`);
  }
  const network = networkAddress(cidr.address, cidr.prefixLength);
  if (network !== cidr.address) {
    throw new ValidationError('SUBNET-PREFIX-HOST-BITS', prop, prefix, 'has host bits set', `start the range at its network address, "${network}/${cidr.prefixLength}"`);
  }
  const reserved = firstReservedOverlap(cidr.address, cidr.prefixLength);
  if (reserved !== undefined) {
    throw new ValidationError(
      'SUBNET-PREFIX-RESERVED',
      prop,
      prefix,
      `overlaps ${reserved.range} (${reserved.use}), which Azure does not allow in a virtual network`,
      'use a private range such as "10.0.2.0/28" (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)',
    );
  }
}

function checkSubnetName(prop: string, name: string | undefined): void {
  checkPattern('SUBNET-NAME-FORMAT', prop, name, NETWORK_NAME, 'is not a valid subnet name', 'use 1-80 letters, digits, ".", "-" or "_", starting with a letter or digit and ending with a letter, digit or "_"');
  if (name !== undefined && RESERVED_SUBNET_NAMES.includes(name)) {
    throw new ValidationError('SUBNET-NAME-RESERVED', prop, name, 'is reserved by Azure for another service', 'choose another name, e.g. "postgres"');
  }
}

function checkVnetZoneName(prop: string, zoneName: string | undefined, serverName: string, shownId?: string): void {
  if (zoneName === undefined || isToken(zoneName)) return;
  const example = `"${serverName}.private${DNS_ZONE_SUFFIX}"`;
  const use = shownId === undefined ? `use a name such as ${example}` : `give the ID of a zone named like ${example}`;
  if (!VNET_ZONE.test(zoneName)) {
    throw new ValidationError('VNET-ZONE-SUFFIX', prop, shownId ?? zoneName, `is not a zone ending in "${DNS_ZONE_SUFFIX}"`, use);
  }
  if (zoneName === `${serverName}${DNS_ZONE_SUFFIX}`) {
    throw new ValidationError('VNET-ZONE-HOST-NAME', prop, shownId ?? zoneName, 'equals the server\'s own public host name, which Azure refuses', `${use}, with two labels before the suffix`);
  }
  // Linked to the VNet, the Private Link zone would answer there for every private-endpoint server's name (fourteenth review, A14a-12).
  if (zoneName === PRIVATE_LINK_ZONE) {
    throw new ValidationError('VNET-ZONE-PRIVATE-LINK', prop, shownId ?? zoneName,
      'is the zone of PostgreSQL private endpoints: linked to this VNet for the server, it would answer for every private-endpoint server\'s name there', use);
  }
}
