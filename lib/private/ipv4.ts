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

/**
 * Ranges Azure does not allow in a virtual network's address space, so in no subnet either
 * (Microsoft's Virtual Network FAQ, "What address ranges can I use in my virtual networks?").
 */
const RESERVED_FOR_AZURE: readonly { readonly range: string; readonly use: string }[] = [
  { range: '224.0.0.0/4', use: 'multicast' },
  { range: '255.255.255.255/32', use: 'broadcast' },
  { range: '127.0.0.0/8', use: 'loopback' },
  { range: '169.254.0.0/16', use: 'link-local' },
  { range: '168.63.129.16/32', use: 'Azure\'s internal DNS' },
];

/** The first reserved range the block overlaps, if any. */
export function firstReservedOverlap(address: string, prefixLength: number): { range: string; use: string } | undefined {
  const [first, last] = bounds(address, prefixLength);
  return RESERVED_FOR_AZURE.find(({ range }) => {
    const cidr = parseCidr(range)!;
    const [reservedFirst, reservedLast] = bounds(cidr.address, cidr.prefixLength);
    return first <= reservedLast && reservedFirst <= last;
  });
}

function bounds(address: string, prefixLength: number): [number, number] {
  const first = ipv4ToNumber(networkAddress(address, prefixLength));
  return [first, first + 2 ** (32 - prefixLength) - 1];
}
