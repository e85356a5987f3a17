import { MAX_OPEN_ADDRESSES } from './firewall-breadth';
import { AddressSpan, cidrSpan, describeAddressSet, ipv4ToNumber, isIpv4, parseCidr, publicAddressCount } from './ipv4';
import { describeIpv6Set, Ipv6Span, parseIpv6Prefix, publicIpv6Count } from './ipv6';

// How wide the sources of a network security group's PostgreSQL rules are together: the public
// addresses they hold (overlaps counted once), and the service tags that stand for other people's
// addresses. Shared by the construct (which asks a justification) and PGF-NET-11 (which fails it).

/** Ports a PostgreSQL server listens on: the server, and PgBouncer when it is turned on. */
export const POSTGRES_PORTS = [5432, 6432];

/**
 * Service tags that admit no one but the user's own network and Azure's health probe:
 * VirtualNetwork (the VNet, its peerings and what VPN or ExpressRoute connects) and
 * AzureLoadBalancer (168.63.129.16). Every other tag stands for addresses Microsoft manages for a
 * service that all tenants share: Internet, AzureCloud (every Azure datacenter's public address,
 * other customers' VMs included) and its regional forms, or the egress of a multi-tenant service
 * (Microsoft's "Virtual network service tags": a tag "alone isn't sufficient to secure traffic").
 */
const OWN_NETWORK_TAGS: ReadonlySet<string> = new Set(['virtualnetwork', 'azureloadbalancer']);
const SERVICE_TAG = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)?$/;
const EVERYWHERE = ['*', 'any', '0.0.0.0/0'];

/** What a group's PostgreSQL sources admit together. */
export interface SourceBreadth {
  /** Public addresses the address prefixes hold together, overlaps counted once (IPv4 and IPv6). */
  readonly publicAddresses: bigint;
  /** The service tags, as written, that admit other tenants' addresses. */
  readonly sharedTags: readonly string[];
}

/** The breadth of literal address prefixes (IPv4 and IPv6 addresses, CIDR ranges, service tags, "*"). */
export function sourceBreadth(prefixes: readonly string[]): SourceBreadth {
  const { spans, ipv6, sharedTags } = parseSources(prefixes);
  return { publicAddresses: BigInt(publicAddressCount(spans)) + publicIpv6Count(ipv6), sharedTags };
}

/**
 * What a justification of wide sources covers: exactly the addresses and shared service tags the
 * sources admit, written one way whatever the rules were. The construct suppresses PGF-NET-11 for
 * this subject only, so a wider or different source, added beside it or by override, still fails.
 */
export function sourcesSubject(prefixes: readonly string[]): string {
  const { spans, ipv6, sharedTags } = parseSources(prefixes);
  const tags = [...new Set(sharedTags.map((tag) => tag.trim().toLowerCase()))].sort();
  const parts = [describeAddressSet(spans), ipv6.length > 0 ? `IPv6 ${describeIpv6Set(ipv6)}` : '', tags.length > 0 ? `service tags ${tags.join(', ')}` : ''].filter((part) => part !== '');
  return `sources ${parts.join('; ')}`;
}

/**
 * The address spans of the prefixes (IPv4, IPv6), the service tags that admit other tenants'
 * addresses, and the prefixes that are none of those nor an own-network tag: unreadable.
 */
function parseSources(prefixes: readonly string[]): { spans: AddressSpan[]; ipv6: Ipv6Span[]; sharedTags: string[]; unreadable: string[] } {
  const spans: AddressSpan[] = [];
  const ipv6: Ipv6Span[] = [];
  const sharedTags: string[] = [];
  const unreadable: string[] = [];
  for (const prefix of prefixes) {
    const trimmed = prefix.trim();
    const cidr = parseCidr(EVERYWHERE.includes(trimmed.toLowerCase()) ? '0.0.0.0/0' : trimmed);
    if (cidr !== undefined) spans.push(cidrSpan(cidr.address, cidr.prefixLength));
    else if (isIpv4(trimmed)) spans.push({ first: ipv4ToNumber(trimmed), last: ipv4ToNumber(trimmed) });
    else if (parseIpv6Prefix(trimmed) !== undefined) ipv6.push(parseIpv6Prefix(trimmed)!);
    else if (!SERVICE_TAG.test(trimmed)) unreadable.push(prefix);
    else if (!OWN_NETWORK_TAGS.has(trimmed.toLowerCase())) sharedTags.push(prefix);
  }
  return { spans, ipv6, sharedTags, unreadable };
}

/**
 * The sources that are not an IPv4 or IPv6 address or range, a service tag or "*" (e.g.
 * "000.000.000.000/0", "1.0.0.0-2.0.0.0"): Azure gets them as written, so what they admit is not known.
 */
export function unreadableSources(prefixes: readonly string[]): string[] {
  return parseSources(prefixes).unreadable;
}

/** True when the sources admit more than 256 public addresses, or another tenant's through a service tag. */
export function isWide(breadth: SourceBreadth): boolean {
  return breadth.publicAddresses > BigInt(MAX_OPEN_ADDRESSES) || breadth.sharedTags.length > 0;
}

/** What makes the sources wide, for a message: "N public addresses together (...)" and/or the shared tags. */
export function describeBreadth(breadth: SourceBreadth): string {
  const parts: string[] = [];
  if (breadth.publicAddresses > BigInt(MAX_OPEN_ADDRESSES)) {
    parts.push(`${breadth.publicAddresses} public addresses together (overlaps counted once), more than ${MAX_OPEN_ADDRESSES} (a /24)`);
  }
  if (breadth.sharedTags.length > 0) {
    parts.push(`the service tag(s) ${breadth.sharedTags.map((tag) => JSON.stringify(tag)).join(', ')}, which hold other Azure tenants' addresses`);
  }
  return parts.join(', and ');
}

/** The ports of a literal port range ("*", "5432", "5000-6000" within 0-65535), or undefined when it is none of those. */
function portSpan(range: string): { from: number; to: number } | undefined {
  if (range.trim() === '*') return { from: 0, to: 65535 };
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(range.trim());
  if (match === null) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  return from <= to && to <= 65535 ? { from, to } : undefined;
}

/** The ports of a literal port range, or undefined when it cannot be read: to ask whether two ranges share a port. */
export function portRangeSpan(range: string): { from: number; to: number } | undefined {
  return portSpan(range);
}

/** True when a literal port range is "*", a port or a range low-high within 0-65535: what coversPostgresPort reads. */
export function isReadablePortRange(range: string): boolean {
  return portSpan(range) !== undefined;
}

/** Whether a literal destination port range ("*", "5432", "5000-6000") holds a PostgreSQL port; false for one that is not readable. */
export function coversPostgresPort(range: string): boolean {
  const span = portSpan(range);
  return span !== undefined && POSTGRES_PORTS.some((port) => span.from <= port && port <= span.to);
}
