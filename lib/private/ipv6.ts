// IPv6 prefixes as an NSG rule may write them ("::/0", "2001:db8::/32", "2001:db8::1"), read so
// the breadth of a group's sources counts them: Flexible Server's VNet integration is IPv4 only
// today, but a rule from "::/0" still says "anyone", and must not pass because it is not IPv4.

/** An inclusive range of IPv6 addresses, as 128-bit numbers. */
export interface Ipv6Span {
  readonly first: bigint;
  readonly last: bigint;
}

const GROUP = /^[0-9a-f]{1,4}$/i;
const EMBEDDED_IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Blocks no client on the internet has: unspecified, loopback, unique local (fc00::/7), link-local (fe80::/10). */
const NOT_ON_THE_INTERNET: readonly Ipv6Span[] = [
  { first: 0n, last: 1n },
  span(0xfc00n << 112n, 7),
  span(0xfe80n << 112n, 10),
];

/** The span of an IPv6 address or "address/length" (host bits ignored); undefined for anything else. */
export function parseIpv6Prefix(text: string): Ipv6Span | undefined {
  const [address, length, extra] = text.trim().split('/');
  // Stryker disable next-line StringLiteral: equivalent: text without ":" is one group or an IPv4 address, never the eight groups ipv6ToNumber needs
  if (extra !== undefined || !address.includes(':')) return undefined;
  const value = ipv6ToNumber(address);
  const prefixLength = length === undefined ? 128 : /^\d{1,3}$/.test(length) ? Number(length) : NaN;
  if (value === undefined || !(prefixLength >= 0 && prefixLength <= 128)) return undefined;
  return span(value, prefixLength);
}

/** How many addresses the spans hold together that a client on the internet could have, each counted once. */
export function publicIpv6Count(spans: readonly Ipv6Span[]): bigint {
  const joined = join(spans);
  const notPublic = joined.flatMap((s) => NOT_ON_THE_INTERNET
    .filter((block) => s.first <= block.last && block.first <= s.last)
    .map((block) => size({ first: s.first > block.first ? s.first : block.first, last: s.last < block.last ? s.last : block.last })));
  return joined.reduce((sum, s) => sum + size(s), 0n) - notPublic.reduce((sum, n) => sum + n, 0n);
}

/** The addresses of some spans written one way whatever the spans were (sorted, joined), e.g. "IPv6 0:0:0:0:0:0:0:0-7fff:ffff:…". */
export function describeIpv6Set(spans: readonly Ipv6Span[]): string {
  return join(spans).map(({ first, last }) => `${numberToIpv6(first)}-${numberToIpv6(last)}`).join(', ');
}

/**
 * The IPv4 addresses an IPv6 span holds in IPv4-mapped (::ffff:0:0/96) or IPv4-compatible (::/96) form, as 32-bit numbers:
 * a dual-stack socket reaches "::ffff:10.0.1.4" at 10.0.1.4. Undefined when it holds none.
 */
export function embeddedIpv4Span(s: Ipv6Span): { first: number; last: number } | undefined {
  const held = [0n, 0xffffn << 32n].flatMap((base) => {
    const first = s.first > base ? s.first : base;
    const last = s.last < base + 0xffffffffn ? s.last : base + 0xffffffffn;
    return first <= last ? [{ first: Number(first - base), last: Number(last - base) }] : [];
  });
  if (held.length === 0) return undefined;
  return { first: Math.min(...held.map((h) => h.first)), last: Math.max(...held.map((h) => h.last)) };
}

function span(address: bigint, prefixLength: number): Ipv6Span {
  const hostBits = BigInt(128 - prefixLength);
  const first = (address >> hostBits) << hostBits;
  return { first, last: first + (1n << hostBits) - 1n };
}

function size({ first, last }: Ipv6Span): bigint {
  return last - first + 1n;
}

/** Sorted, with overlapping and adjacent spans joined. */
function join(spans: readonly Ipv6Span[]): Ipv6Span[] {
  const joined: Ipv6Span[] = [];
  for (const s of [...spans].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))) {
    const previous = joined[joined.length - 1];
    if (previous !== undefined && s.first <= previous.last + 1n) joined[joined.length - 1] = { first: previous.first, last: previous.last > s.last ? previous.last : s.last };
    else joined.push(s);
  }
  return joined;
}

function ipv6ToNumber(address: string): bigint | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  // An embedded IPv4 address is only ever the last 32 bits: "1.2.3.4::" is no address.
  const groups = (part: string, endsAddress: boolean): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [index, piece] of pieces.entries()) {
      const v4 = endsAddress && index === pieces.length - 1 ? EMBEDDED_IPV4.exec(piece) : null;
      if (v4 !== null) {
        const bytes = v4.slice(1).map(Number);
        if (bytes.some((b) => b > 255)) return undefined;
        out.push(bytes[0] * 256 + bytes[1], bytes[2] * 256 + bytes[3]);
      } else if (GROUP.test(piece)) out.push(parseInt(piece, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? groups(halves[1], true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head, ...Array<number>(missing).fill(0), ...tail].reduce((value, group) => (value << 16n) + BigInt(group), 0n);
}

function numberToIpv6(value: bigint): string {
  return Array.from({ length: 8 }, (_, i) => ((value >> BigInt(16 * (7 - i))) & 0xffffn).toString(16)).join(':');
}
