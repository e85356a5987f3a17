import { firewallRangesSubject, MAX_OPEN_ADDRESSES, openAddressCount } from '../private/firewall-breadth';
import { AddressSpan, firstNonPublicOverlap, ipv4ToNumber, isIpv4 } from '../private/ipv4';
import { fail, isUnknown, PASS, unknown, Verdict } from './rule';
import { ResourceView } from './stack-model';

// Firewall-rule predicates shared by the Flexible and Single Server rules.

/** Start addresses that mean "from anywhere". CKV_AZURE_11 lists "0.0.0.0/0", though the provider would reject it. */
const ANY_START: ReadonlySet<unknown> = new Set(['0.0.0.0', '0.0.0.0/0']);

/** The address range of a firewall rule, as written. */
export interface FirewallRange {
  readonly start: unknown;
  readonly end: unknown;
}

export function firewallRange(rule: ResourceView): FirewallRange {
  return { start: rule.config.start_ip_address, end: rule.config.end_ip_address };
}

/** True when the rule lets any address in: it starts at 0.0.0.0 and does not stop there, or it ends at 255.255.255.255. */
export function opensToInternet({ start, end }: FirewallRange): boolean {
  if (end === '255.255.255.255') return true;
  return ANY_START.has(start) && !isUnknown(end) && end !== '0.0.0.0';
}

/** True when the rule could open the server to the internet, but a value known only at apply time hides the range. */
export function mayOpenToInternet(range: FirewallRange): boolean {
  if (opensToInternet(range)) return false;
  const { start, end } = range;
  return isUnknown(end) || (isUnknown(start) && end !== '0.0.0.0');
}

/** True for the 0.0.0.0-0.0.0.0 rule, Azure's "Allow access to Azure services". */
export function allowsAzureServices({ start, end }: FirewallRange): boolean {
  return start === '0.0.0.0' && end === '0.0.0.0';
}

/** True when a value known only at apply time hides whether the rule is the 0.0.0.0-0.0.0.0 rule. */
export function mayAllowAzureServices({ start, end }: FirewallRange): boolean {
  if (allowsAzureServices({ start, end })) return false;
  const startMay = start === '0.0.0.0' || isUnknown(start);
  const endMay = end === '0.0.0.0' || isUnknown(end);
  return startMay && endMay;
}

/** How many addresses a range admits, or undefined when either end is not a literal IPv4 address or the range is reversed. */
export function addressCount(range: FirewallRange): number | undefined {
  const span = spanOf(range);
  return span === undefined ? undefined : span.last - span.first + 1;
}

/** How many distinct addresses some ranges admit together (overlaps counted once), or undefined when one of them is not countable. */
export function distinctAddressCount(ranges: readonly FirewallRange[]): number | undefined {
  const spans = ranges.map(spanOf);
  return spans.every((span): span is AddressSpan => span !== undefined) ? openAddressCount(spans) : undefined;
}

/** Formats a firewall rule's range for a message. */
export function describeRange({ start, end }: FirewallRange): string {
  return `${String(start)}-${String(end)}`;
}

/**
 * One failure per firewall rule the predicate flags, so no open rule hides another (nor escapes
 * behind another's suppression); then one unknown verdict per rule whose range is known only at
 * apply time and could be flagged (a firewall range is a security setting: it is never passed
 * unread); else pass.
 */
export function judgeFirewallRules(
  rules: readonly ResourceView[],
  flagged: (range: FirewallRange) => boolean,
  mayBeFlagged: (range: FirewallRange) => boolean,
  message: (rule: ResourceView, range: FirewallRange) => string,
): readonly Verdict[] {
  const failures = rules.filter((rule) => flagged(firewallRange(rule))).map((rule) => fail(message(rule, firewallRange(rule)), rule.address));
  if (failures.length > 0) return failures;
  const hidden = rules.filter((rule) => mayBeFlagged(firewallRange(rule)));
  if (hidden.length > 0) return hidden.map((rule) => unknown(`the range of firewall rule ${rule.address} is known only at apply time`, rule.address));
  return [PASS];
}

/** The addresses of a range as numbers; undefined when either end is not a literal IPv4 address (or the range is reversed). */
function spanOf({ start, end }: FirewallRange): AddressSpan | undefined {
  if (typeof start !== 'string' || typeof end !== 'string' || !isIpv4(start) || !isIpv4(end)) return undefined;
  const span = { first: ipv4ToNumber(start), last: ipv4ToNumber(end) };
  return span.first <= span.last ? span : undefined;
}

/**
 * The addresses a server's firewall rules open together, overlaps counted once, must be at most
 * 256 (a /24). The 0.0.0.0-0.0.0.0 "Azure services" rule is not counted (PGF-NET-5 and PGS-NET-4
 * judge it). A rule whose range is known only at apply time makes the count unknown, unless the
 * known rules already open too many.
 */
export function judgeBreadth(rules: readonly ResourceView[]): Verdict {
  const counted = rules
    .filter((rule) => !allowsAzureServices(firewallRange(rule)))
    .map((rule) => ({ rule, span: spanOf(firewallRange(rule)) }));
  const known = counted.filter((c): c is { rule: ResourceView; span: AddressSpan } => c.span !== undefined);
  const opened = openAddressCount(known.map((c) => c.span));
  const hidden = rules.filter((rule) => isUnknown(rule.config.start_ip_address) || isUnknown(rule.config.end_ip_address));
  if (opened > MAX_OPEN_ADDRESSES) {
    const widest = [...known].sort((a, b) => (b.span.last - b.span.first) - (a.span.last - a.span.first))[0];
    // The subject is what a justification may cover: every range known, none hidden or unreadable.
    const subject = hidden.length === 0 && known.length === counted.length ? firewallRangesSubject(known.map((c) => c.span)) : undefined;
    // A finding of the server: what is too wide is the rules together, not one of them.
    return fail(`the firewall rules open ${opened} addresses together (overlaps counted once), more than ${MAX_OPEN_ADDRESSES} (a /24); the widest is ${describeRange(firewallRange(widest.rule))} (${widest.rule.address}).`, undefined, subject);
  }
  if (hidden.length > 0) return unknown(`the range of firewall rule ${hidden[0].address} is known only at apply time, and with it how many addresses the rules open`, hidden[0].address);
  // A literal end that is no canonical dotted address ("10.0.0.01", "0xff.0.0.0") is what a lenient parser may read as any address (A17b-3).
  const unreadable = counted.find((c) => c.span === undefined && !isUnknown(c.rule.config.start_ip_address) && !isUnknown(c.rule.config.end_ip_address));
  if (unreadable !== undefined) return fail(`the firewall rule ${unreadable.rule.address} opens ${describeRange(firewallRange(unreadable.rule))}, which the pack cannot read as a range of IPv4 addresses (canonical dotted addresses, the start not above the end): it may open any number of addresses.`, unreadable.rule.address);
  return PASS;
}

/**
 * Each firewall rule names public addresses only: a range that holds private (RFC 1918),
 * carrier-grade NAT, loopback, link-local, multicast or reserved addresses opens nothing a client
 * could use, which suggests the server was meant to be reached privately. The 0.0.0.0-0.0.0.0
 * "Azure services" rule is not judged here.
 */
export function judgePublicOnly(rules: readonly ResourceView[]): readonly Verdict[] {
  const judged = rules.filter((rule) => !allowsAzureServices(firewallRange(rule)));
  const failures = judged.flatMap((rule) => {
    const span = spanOf(firewallRange(rule));
    const special = span && firstNonPublicOverlap(span);
    return special ? [fail(`the firewall rule allows ${describeRange(firewallRange(rule))}, which overlaps ${special.range} (${special.use}): no client reaches a public endpoint from there.`, rule.address)] : [];
  });
  if (failures.length > 0) return failures;
  const hidden = judged.filter((rule) => isUnknown(rule.config.start_ip_address) || isUnknown(rule.config.end_ip_address));
  if (hidden.length > 0) return hidden.map((rule) => unknown(`the range of firewall rule ${rule.address} is known only at apply time`, rule.address));
  return [PASS];
}
