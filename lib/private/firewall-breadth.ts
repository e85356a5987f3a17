import { AddressSpan, describeAddressSet, distinctAddressCount } from './ipv4';

/**
 * The most addresses a server's firewall rules may open together before the choice must be
 * stated with a justification: a /24. A database's clients are a few known egress addresses (an
 * office, a NAT gateway, a partner's range); no benchmark gives a figure (Trivy's AVD-AZU-0029
 * already fails any public range wider than one address), and a /24 still holds a whole
 * provider network. The construct refuses more unless justified; PGF-NET-8 and PGS-NET-5 fail it.
 */
export const MAX_OPEN_ADDRESSES = 256;

/** How many addresses the ranges open together: overlaps counted once. */
export function openAddressCount(spans: readonly AddressSpan[]): number {
  return distinctAddressCount(spans);
}

/** True when the ranges together open more than MAX_OPEN_ADDRESSES. */
export function opensTooMany(spans: readonly AddressSpan[]): boolean {
  return openAddressCount(spans) > MAX_OPEN_ADDRESSES;
}

/**
 * What a justification of wide firewall ranges covers: exactly the addresses the ranges open. The
 * construct suppresses PGF-NET-8 or PGS-NET-5 for this subject only, so a wider or different
 * range, added beside it or by override, still fails.
 */
export function firewallRangesSubject(spans: readonly AddressSpan[]): string {
  return `firewall ranges ${describeAddressSet(spans)}`;
}
