import { AddressSpan, cidrSpan, ipv4ToNumber, isIpv4, parseCidr, publicAddressCount, spansOverlap } from '../private/ipv4';
import { embeddedIpv4Span, parseIpv6Prefix } from '../private/ipv6';
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

/**
 * The span of a literal IPv4 address or CIDR block, or of the IPv4 addresses an IPv6 one holds in mapped or compatible
 * form ("::ffff:10.0.1.4" is 10.0.1.4 to a dual-stack parser, A17b-3); undefined for anything else.
 */
export function spanOf(text: string): AddressSpan | undefined {
  const trimmed = text.trim();
  const cidr = parseCidr(trimmed);
  if (cidr !== undefined) return cidrSpan(cidr.address, cidr.prefixLength);
  if (isIpv4(trimmed)) return { first: ipv4ToNumber(trimmed), last: ipv4ToNumber(trimmed) };
  const ipv6 = parseIpv6Prefix(trimmed);
  return ipv6 === undefined ? undefined : embeddedIpv4Span(ipv6);
}

/** What a destination (a forward's target, a DNS record's value) is to the pack: IPv4 addresses, an IPv6 address that holds none, a DNS name, or unreadable. */
export type Destination =
  | { readonly kind: 'address'; readonly span: AddressSpan }
  | { readonly kind: 'ipv6' }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'unreadable' };

/** A DNS label (RFC 1123, with the underscore of service names). */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;
/** A label inet_aton-style parsers read as a number (decimal, octal, hex): a name's last label is never one (RFC 3696). */
const NUMBER_LABEL = /^(?:0x[0-9a-f]*|\d+)$/i;

/**
 * Reads a destination (A17b-3): a canonical IPv4 address or block, or an IPv6 one (its mapped IPv4 addresses), is an
 * address; labels of letters, digits, hyphens and underscores whose last is not a number are a name; anything else
 * ("10.0.1.04", "10.0.260", "0xa000104", "10.0.1.4:5432") is a spelling another parser may read as the server's address.
 */
export function readDestination(text: string): Destination {
  const span = spanOf(text);
  if (span !== undefined) return { kind: 'address', span };
  const trimmed = text.trim();
  if (parseIpv6Prefix(trimmed) !== undefined) return { kind: 'ipv6' };
  const name = trimmed.replace(/\.$/, '');
  const labels = name.split('.');
  const readable = name.length > 0 && name.length <= 253 && labels.every((label) => LABEL.test(label)) && !NUMBER_LABEL.test(labels[labels.length - 1]);
  return readable ? { kind: 'name', name } : { kind: 'unreadable' };
}

/**
 * True when a literal address or block may lie in one of the server's subnets: it overlaps a known one, or it is
 * private and a subnet's prefixes are unknown (a VNet's addresses are private ones in practice).
 */
export function mayLieIn(span: AddressSpan, networks: ServerNetworks): boolean {
  if (networks.spans.some((subnet) => spansOverlap(span, subnet))) return true;
  return networks.unknownPrefix && publicAddressCount([span]) < span.last - span.first + 1;
}

/** A value as a list: a list's items, anything else (an Unknown, a scalar) as one item, nothing for undefined or null. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
