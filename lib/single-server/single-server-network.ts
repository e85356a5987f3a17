import { FIREWALL_RANGES, FirewallRange, validateFirewallRanges, WIDE_RANGES_OPTIONS, WideRangesOptions } from '../shared/firewall-range';
import { PrivateEndpointOptions, privateEndpointOptionsShape, validatePrivateEndpoint } from '../shared/private-endpoint';
import { checkResourceId, ResourceIdKind } from '../private/resource-id';
import { boolean, choice, list, LiteralReason, optional, part, reason, required, struct, text } from '../private/shape';
import { isToken } from '../private/tokens';
import { checkJustification, checkPattern } from '../private/validate';
import { ValidationError } from '../private/validation-error';

/** A VNet service-endpoint rule: lets one subnet in through the public endpoint. */
export interface VirtualNetworkRule {
  /** Rule name: letters, digits and "-", starting with a letter, not ending with "-". */
  readonly name: string;
  /** Resource ID of a subnet with the Microsoft.Sql service endpoint. */
  readonly subnetResourceId: string;
}

/** Public access, explicitly limited and justified. */
export interface SingleServerPublicAccessOptions {
  /**
   * Public IPv4 ranges allowed in.
   * @default - none
   */
  readonly allowedIpRanges?: FirewallRange[];
  /**
   * Subnets allowed in through service endpoints.
   * @default - none
   */
  readonly virtualNetworkRules?: VirtualNetworkRule[];
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
  /**
   * Keep a private endpoint next to public access, for clients that can use it.
   * @default - no private endpoint
   */
  readonly privateEndpoint?: PrivateEndpointOptions;
  /** Why the server must be reachable through its public endpoint, at least 10 characters, printed at synth. */
  readonly justification: string;
}

/** Network access to a Single Server. Default choice: `privateEndpoint`. */
export class SingleServerNetwork {
  /**
   * Public access off: clients connect through a private endpoint and its DNS.
   * @param options the endpoint's subnet and, optionally, an existing privatelink zone
   */
  public static privateEndpoint(options: PrivateEndpointOptions): SingleServerNetwork {
    return new SingleServerNetwork(options, undefined);
  }

  /**
   * Public access limited to listed IPv4 ranges and VNet rules. Warns at synth.
   * @param options the allowed ranges and subnets, and the justification
   */
  public static publicAccess(options: SingleServerPublicAccessOptions): SingleServerNetwork {
    // Stored unread, as every factory does: the construct reads its props once, into the copy it
    // validates and builds from (a getter read here too could answer differently, A10a-3).
    return new SingleServerNetwork(undefined, options);
  }

  /** Settings of `publicAccess`. */
  public readonly publicAccessOptions?: SingleServerPublicAccessOptions;
  private readonly endpoint?: PrivateEndpointOptions;

  private constructor(endpoint: PrivateEndpointOptions | undefined, publicAccess: SingleServerPublicAccessOptions | undefined) {
    this.endpoint = endpoint;
    this.publicAccessOptions = publicAccess;
  }

  /** The private endpoint, when there is one: `privateEndpoint`'s options, or the one `publicAccess` keeps. */
  public get privateEndpointOptions(): PrivateEndpointOptions | undefined {
    const publicAccess: unknown = this.publicAccessOptions;
    if (publicAccess === undefined) return this.endpoint;
    return typeof publicAccess === 'object' && publicAccess !== null ? (publicAccess as SingleServerPublicAccessOptions).privateEndpoint : undefined;
  }
}

const RULE_NAME = /^[A-Za-z][A-Za-z0-9-]{0,126}[A-Za-z0-9]$|^[A-Za-z]$/;

/** The fix when no network is given. */
export const SINGLE_SERVER_NETWORK_REQUIRED_FIX = 'use SingleServerNetwork.privateEndpoint({ subnetResourceId })';

const VIRTUAL_NETWORK_RULE = struct('VirtualNetworkRule', {
  name: required(text(), 'name the rule, e.g. "app"'),
  subnetResourceId: required(text(), 'give the resource ID of a subnet with the Microsoft.Sql service endpoint'),
});

const PRIVATE_ENDPOINT_OPTIONS = privateEndpointOptionsShape('SingleServerNetwork.publicAccess');

const PUBLIC_ACCESS_OPTIONS = struct('SingleServerPublicAccessOptions', {
  allowedIpRanges: optional(FIREWALL_RANGES),
  // One rule per item: a list known only at apply time could open the server to any subnet.
  virtualNetworkRules: optional(list(VIRTUAL_NETWORK_RULE, { literal: LiteralReason.SECURITY })),
  allowAzureServices: optional(boolean()),
  wideRanges: optional(WIDE_RANGES_OPTIONS),
  privateEndpoint: optional(PRIVATE_ENDPOINT_OPTIONS),
  justification: optional(reason()),
});

export const SINGLE_SERVER_NETWORK = choice('SingleServerNetwork', SingleServerNetwork, `${SINGLE_SERVER_NETWORK_REQUIRED_FIX}, or SingleServerNetwork.publicAccess`, (network) =>
  network.publicAccessOptions !== undefined
    ? [part('publicAccess', network.publicAccessOptions, optional(PUBLIC_ACCESS_OPTIONS))]
    : [part('privateEndpoint', network.privateEndpointOptions, required(PRIVATE_ENDPOINT_OPTIONS, 'pass the options to the factory'))],
);

export function validateSingleServerNetwork(prop: string, network: SingleServerNetwork): void {
  const publicAccess = network.publicAccessOptions;
  if (publicAccess === undefined) {
    validatePrivateEndpoint(`${prop}.privateEndpoint`, network.privateEndpointOptions!);
    return;
  }
  const at = `${prop}.publicAccess`;
  checkJustification(`${at}.justification`, publicAccess.justification, 'open the server to public network access');
  const ranges = publicAccess.allowedIpRanges ?? [];
  const rules = publicAccess.virtualNetworkRules ?? [];
  if (ranges.length === 0 && rules.length === 0 && publicAccess.allowAzureServices !== true) {
    throw new ValidationError(
      'SINGLE-PUBLIC-NO-RANGES',
      `${at}.allowedIpRanges`,
      ranges,
      'is empty and so is virtualNetworkRules, so public access would let no one in',
      'list the public ranges or subnets of your clients, or use SingleServerNetwork.privateEndpoint',
    );
  }
  validateFirewallRanges(`${at}.allowedIpRanges`, ranges, `${at}.wideRanges`, publicAccess.wideRanges);
  const names = new Set<string>();
  rules.forEach((rule, index) => {
    checkPattern('VNET-RULE-NAME', `${at}.virtualNetworkRules[${index}].name`, rule.name, RULE_NAME, 'is not a valid VNet rule name', 'use 1-128 letters, digits or "-", starting with a letter and not ending with "-"');
    if (!isToken(rule.name)) {
      // Azure resource names ignore case: "app" and "App" are the same rule.
      if (names.has(rule.name.toLowerCase())) {
        throw new ValidationError('VNET-RULE-NAME-DUPLICATE', `${at}.virtualNetworkRules[${index}].name`, rule.name, 'is used twice (names ignore case)', 'give each rule its own name');
      }
      names.add(rule.name.toLowerCase());
    }
    checkResourceId(`${at}.virtualNetworkRules[${index}].subnetResourceId`, rule.subnetResourceId, ResourceIdKind.SUBNET);
  });
  if (publicAccess.privateEndpoint !== undefined) validatePrivateEndpoint(`${at}.privateEndpoint`, publicAccess.privateEndpoint);
}
