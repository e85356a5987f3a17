import { AddressSpan, cidrSpan, ipv4ToNumber, isIpv4, parseCidr, publicAddressCount } from '../private/ipv4';
import { referencedResources } from './referenced-resources';
import { StackFacts } from './rule';
import { ServerView } from './stack-model';

// The private addresses a server answers on: its delegated subnet (VNet integration) and the subnets of its
// private endpoints. A forwarder or a rule above the NSG that sends traffic into one of them reaches the
// server (fifteenth review, A15a-12, A15a-16). A subnet whose prefixes are not literals of the stack (given
// by ID, or a token) may hold any private address.

export interface ServerNetworks {
  /** The address spans of the subnets known as literals. */
  readonly spans: readonly AddressSpan[];
  /** True when a subnet's prefixes are known only later (or outside the stack): any private address may be in it. */
  readonly unknownPrefix: boolean;
}

/** The server's private subnets, or undefined for a server with none (public access only). */
export function serverNetworks(server: ServerView, stack: StackFacts | undefined): ServerNetworks | undefined {
  const prefixes: unknown[] = [];
  let unknownPrefix = false;
  if (server.config.delegated_subnet_id !== undefined) {
    if (server.delegatedSubnet === undefined) unknownPrefix = true;
    else prefixes.push(...listOf(server.delegatedSubnet.config.address_prefixes));
  }
  for (const endpoint of server.privateEndpoints) {
    const subnets = referencedResources(endpoint.config.subnet_id, 'azurerm_subnet', stack?.resources);
    if (subnets.length === 0) unknownPrefix = true;
    for (const subnet of subnets) prefixes.push(...listOf(subnet.config.address_prefixes));
  }
  if (server.config.delegated_subnet_id === undefined && server.privateEndpoints.length === 0) return undefined;
  const spans: AddressSpan[] = [];
  for (const prefix of prefixes) {
    const span = typeof prefix === 'string' ? spanOf(prefix) : undefined;
    if (span === undefined) unknownPrefix = true;
    else spans.push(span);
  }
  if (spans.length === 0) unknownPrefix = true;
  return { spans, unknownPrefix };
}

/** The span of a literal IPv4 address or CIDR block, or undefined for anything else. */
export function spanOf(text: string): AddressSpan | undefined {
  const trimmed = text.trim();
  const cidr = parseCidr(trimmed);
  if (cidr !== undefined) return cidrSpan(cidr.address, cidr.prefixLength);
  return isIpv4(trimmed) ? { first: ipv4ToNumber(trimmed), last: ipv4ToNumber(trimmed) } : undefined;
}

/**
 * True when a literal address or block may lie in one of the server's subnets: it overlaps a known one, or it is
 * private and a subnet's prefixes are unknown (a VNet's addresses are private ones in practice).
 */
export function mayLieIn(span: AddressSpan, networks: ServerNetworks): boolean {
  if (networks.spans.some((subnet) => span.first <= subnet.last && subnet.first <= span.last)) return true;
  return networks.unknownPrefix && publicAddressCount([span]) < span.last - span.first + 1;
}

/** A value as a list: a list's items, anything else (an Unknown, a scalar) as one item, nothing for undefined or null. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
