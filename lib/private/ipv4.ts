const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** True for a dotted IPv4 address such as "10.0.0.1" (no CIDR suffix, no leading zeros). */
export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

/** The address as an unsigned 32-bit number, for ordering and size checks. */
export function ipv4ToNumber(value: string): number {
  return value.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/** Parses "a.b.c.d/n" into its address and prefix length, or undefined when malformed. */
export function parseCidr(value: string): { address: string; prefixLength: number } | undefined {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(value);
  if (!match || !isIpv4(match[1])) return undefined;
  const prefixLength = Number(match[2]);
  return prefixLength <= 32 ? { address: match[1], prefixLength } : undefined;
}

/**
 * The address a lenient parser (inet_aton, .NET's IPAddress.Parse) reads in a spelling of one to four dotted parts, each
 * decimal, octal (a leading 0) or hex (0x), the last filling the bytes left ("10.0.260" is 10.0.1.4, "0xa000104" too);
 * undefined when it reads none. For text that only names addresses: where an address is given, a spelling that is not
 * canonical is refused instead.
 */
export function lenientIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  const values = parts.map((part) => (/^0x[0-9a-f]+$/i.test(part) ? parseInt(part.slice(2), 16) : /^0[0-7]*$/.test(part) ? parseInt(part, 8) : /^[1-9]\d*$/.test(part) ? Number(part) : NaN));
  if (values.some((value) => Number.isNaN(value))) return undefined;
  const last = values.pop()!;
  if (values.some((value) => value > 255)) return undefined;
  const room = 2 ** (8 * (4 - values.length));
  return last < room ? values.reduce((acc, value) => acc * 256 + value, 0) * room + last : undefined;
}

/** The number back in dotted form. */
export function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** The first address of the block of the given prefix length that holds the address. */
export function networkAddress(address: string, prefixLength: number): string {
  const size = 2 ** (32 - prefixLength);
  const value = ipv4ToNumber(address);
  return numberToIpv4(value - (value % size));
}

/** An inclusive range of addresses, as numbers. */
export interface AddressSpan {
  readonly first: number;
  readonly last: number;
}

/** True when two spans share an address. */
export function spansOverlap(a: AddressSpan, b: AddressSpan): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/**
 * The span of an address range in Azure Firewall's form "first-last" (rules' source and destination addresses, IP groups),
 * both ends canonical addresses, the first not after the last; undefined for anything else (a reversed or malformed range
 * is unreadable: the caller fails it closed). Network security groups take no ranges: their readers do not call this.
 */
export function parseAddressRange(text: string): AddressSpan | undefined {
  const ends = text.trim().split('-');
  if (ends.length !== 2 || !ends.every(isIpv4)) return undefined;
  const [first, last] = ends.map(ipv4ToNumber);
  return first <= last ? { first, last } : undefined;
}

/** The span of "a.b.c.d/n" (its host bits ignored). */
export function cidrSpan(address: string, prefixLength: number): AddressSpan {
  const size = 2 ** (32 - prefixLength);
  const value = ipv4ToNumber(address);
  const first = value - (value % size);
  return { first, last: first + size - 1 };
}

/**
 * The addresses some spans hold, written one way whatever the spans were: sorted, overlapping and
 * adjacent spans joined, e.g. "198.51.100.0-198.51.100.255, 203.0.113.0-203.0.113.255". Two lists
 * of ranges that admit the same addresses read the same.
 */
export function describeAddressSet(spans: readonly AddressSpan[]): string {
  const joined: AddressSpan[] = [];
  for (const span of [...spans].sort((a, b) => a.first - b.first)) {
    const previous = joined[joined.length - 1];
    if (previous !== undefined && span.first <= previous.last + 1) joined[joined.length - 1] = { first: previous.first, last: Math.max(previous.last, span.last) };
    else joined.push(span);
  }
  return joined.map(({ first, last }) => `${numberToIpv4(first)}-${numberToIpv4(last)}`).join(', ');
}

/** How many addresses the spans hold together, each address counted once however many spans hold it. */
export function distinctAddressCount(spans: readonly AddressSpan[]): number {
  const sorted = [...spans].sort((a, b) => a.first - b.first);
  let count = 0;
  let covered = -1; // the last address counted so far
  for (const { first, last } of sorted) {
    // Stryker disable next-line EqualityOperator: equivalent: a span ending at `covered` would add 0 and leave `covered` as it is
    if (last <= covered) continue;
    count += last - Math.max(first, covered + 1) + 1;
    covered = last;
  }
  return count;
}

/** A block of addresses with a special use, and what that use is. */
export interface SpecialRange {
  readonly range: string;
  readonly use: string;
}

/**
 * Ranges Azure does not allow in a virtual network's address space, so in no subnet either
 * (Microsoft's Virtual Network FAQ, "What address ranges can I use in my virtual networks?").
 */
const RESERVED_FOR_AZURE: readonly SpecialRange[] = [
  { range: '224.0.0.0/4', use: 'multicast' },
  { range: '255.255.255.255/32', use: 'broadcast' },
  { range: '127.0.0.0/8', use: 'loopback' },
  { range: '169.254.0.0/16', use: 'link-local' },
  { range: '168.63.129.16/32', use: 'Azure\'s internal DNS' },
];

/**
 * Addresses no client reaches a public endpoint from (RFC 6890's special-purpose blocks that are
 * not globally reachable): a firewall rule for them opens nothing anyone can use. The
 * documentation ranges (TEST-NET-1 to -3) are left out: examples use them for public clients.
 */
const NOT_ON_THE_INTERNET: readonly SpecialRange[] = [
  { range: '0.0.0.0/8', use: '"this network", reserved' },
  { range: '10.0.0.0/8', use: 'private, RFC 1918' },
  { range: '100.64.0.0/10', use: 'carrier-grade NAT, RFC 6598' },
  { range: '127.0.0.0/8', use: 'loopback' },
  { range: '169.254.0.0/16', use: 'link-local' },
  { range: '172.16.0.0/12', use: 'private, RFC 1918' },
  { range: '192.168.0.0/16', use: 'private, RFC 1918' },
  { range: '224.0.0.0/4', use: 'multicast' },
  { range: '240.0.0.0/4', use: 'reserved, with the broadcast address' },
];

/** The first block Azure reserves that the CIDR block overlaps, if any. */
export function firstReservedOverlap(address: string, prefixLength: number): SpecialRange | undefined {
  return firstOverlap(cidrSpan(address, prefixLength), RESERVED_FOR_AZURE);
}

/** The first private, loopback, link-local, multicast or reserved block the span overlaps, if any. */
export function firstNonPublicOverlap(span: AddressSpan): SpecialRange | undefined {
  return firstOverlap(span, NOT_ON_THE_INTERNET);
}

function firstOverlap({ first, last }: AddressSpan, ranges: readonly SpecialRange[]): SpecialRange | undefined {
  return ranges.find(({ range }) => {
    const special = rangeSpan(range);
    return first <= special.last && special.first <= last;
  });
}

/** The span of each special range, parsed once: every subnet, rule and range of every server is held against them. */
const RANGE_SPANS = new Map<string, AddressSpan>();

function rangeSpan(range: string): AddressSpan {
  let span = RANGE_SPANS.get(range);
  if (span === undefined) {
    const cidr = parseCidr(range)!;
    span = cidrSpan(cidr.address, cidr.prefixLength);
    RANGE_SPANS.set(range, span);
  }
  return span;
}

/** How many addresses the spans hold together that a client on the internet could have: private and reserved blocks left out. */
export function publicAddressCount(spans: readonly AddressSpan[]): number {
  const special = NOT_ON_THE_INTERNET.map(({ range }) => rangeSpan(range));
  const notPublic = spans.flatMap((span) => special
    .filter((block) => span.first <= block.last && block.first <= span.last)
    .map((block) => ({ first: Math.max(span.first, block.first), last: Math.min(span.last, block.last) })));
  return distinctAddressCount(spans) - distinctAddressCount(notPublic);
}
