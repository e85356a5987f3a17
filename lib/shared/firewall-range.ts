import { IConstruct } from 'constructs';
import { firewallRangesSubject, MAX_OPEN_ADDRESSES, openAddressCount } from '../private/firewall-breadth';
import { AddressSpan, firstNonPublicOverlap, ipv4ToNumber, isIpv4 } from '../private/ipv4';
import { LiteralReason, list, optional, reason, required, struct, text } from '../private/shape';
import { isToken } from '../private/tokens';
import { checkJustification, checkPattern } from '../private/validate';
import { ValidationError } from '../private/validation-error';
import { warn } from '../private/warnings';

/** An inclusive range of public IPv4 addresses allowed through the server firewall. */
export interface FirewallRange {
  /** Name of the firewall rule: letters, digits, `-` and `_`, at most 128 characters. */
  readonly name: string;
  /** First address of the range, e.g. "203.0.113.10". */
  readonly startIpAddress: string;
  /** Last address of the range, equal to the start for a single address. */
  readonly endIpAddress: string;
}

/**
 * The explicit statement that a server's firewall rules may open more than 256 addresses (a /24)
 * in total, which the constructs refuse otherwise.
 */
export interface WideRangesOptions {
  /** Why clients need so many addresses, at least 10 characters, printed at synth and in the report. */
  readonly justification: string;
}

export const WIDE_RANGES_OPTIONS = struct('WideRangesOptions', {
  justification: optional(reason()),
});

const ADDRESS = text({ expected: 'an IPv4 address', example: '"203.0.113.10"', literal: LiteralReason.SECURITY });
const ADDRESS_FIX = 'give the first and last address, e.g. "203.0.113.10"';

export const FIREWALL_RANGE = struct('FirewallRange', {
  name: required(text(), 'name the rule, e.g. "office"'),
  startIpAddress: required(ADDRESS, ADDRESS_FIX),
  endIpAddress: required(ADDRESS, ADDRESS_FIX),
});

/** The ranges are security settings: a list known only at apply time could open the server to anyone. */
export const FIREWALL_RANGES = list(FIREWALL_RANGE, { literal: LiteralReason.SECURITY });

const RULE_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const ANY = '0.0.0.0';
/** The name Azure's portal gives the 0.0.0.0 rule; reserved for the allowAzureServices flag. */
const AZURE_SERVICES_RULE_NAME = 'AllowAllAzureServicesAndResourcesWithinAzureIps';
const BROADCAST = '255.255.255.255';

/**
 * Refuses malformed, reversed and open-to-the-internet ranges. A range that starts at 0.0.0.0 or
 * ends at 255.255.255.255 is refused as a whole (as Checkov CKV2_AZURE_26 judges it); the
 * "Azure services" rule 0.0.0.0-0.0.0.0 has its own flag and is refused here. A range that holds
 * private, loopback, link-local, multicast or reserved addresses is refused: no client reaches a
 * public endpoint from them. Together the ranges may open at most 256 addresses (overlaps counted
 * once) unless `wideRanges` states why more are needed; its prop path is `wideRangesProp`.
 */
export function validateFirewallRanges(prop: string, ranges: readonly FirewallRange[], wideRangesProp: string, wideRanges: WideRangesOptions | undefined): void {
  const names = new Set<string>();
  ranges.forEach((range, index) => {
    const at = `${prop}[${index}]`;
    checkPattern('RANGE-NAME-FORMAT', `${at}.name`, range.name, RULE_NAME, 'is not a valid firewall rule name', 'use 1-128 letters, digits, "-" or "_"');
    if (!isToken(range.name) && range.name.toLowerCase() === AZURE_SERVICES_RULE_NAME.toLowerCase()) {
      throw new ValidationError('RANGE-NAME-RESERVED', `${at}.name`, range.name, 'is the name of the "allow Azure services" rule', 'choose another name; set allowAzureServices: true for that rule');
    }
    if (!isToken(range.name)) {
      // Azure resource names ignore case: "office" and "Office" are the same rule.
      if (names.has(range.name.toLowerCase())) throw new ValidationError('RANGE-NAME-DUPLICATE', `${at}.name`, range.name, 'is used twice (names ignore case)', 'give each range its own name');
      names.add(range.name.toLowerCase());
    }
    for (const key of ['startIpAddress', 'endIpAddress'] as const) {
      const value = range[key];
      if (!isIpv4(value)) {
        throw new ValidationError('RANGE-NOT-IPV4', `${at}.${key}`, value, 'is not an IPv4 address', 'write a single address such as "203.0.113.10" (no CIDR suffix)');
      }
    }
    const { startIpAddress: start, endIpAddress: end } = range;
    const span = `${start}-${end}`;
    if (ipv4ToNumber(start) > ipv4ToNumber(end)) {
      throw new ValidationError('RANGE-REVERSED', at, span, 'starts after it ends', `swap the addresses: "${end}" to "${start}"`);
    }
    if (start === ANY && end === ANY) {
      throw new ValidationError('RANGE-AZURE-SERVICES', at, span, 'is the "allow Azure services" rule', 'remove it and set allowAzureServices: true if every Azure tenant must reach the server');
    }
    if (start === ANY || end === BROADCAST) {
      throw new ValidationError(
        'RANGE-OPEN-TO-INTERNET',
        at,
        span,
        'starts at 0.0.0.0 or ends at 255.255.255.255, which opens the server to a large part of the internet',
        'list only the public addresses of your clients',
      );
    }
    const special = firstNonPublicOverlap(spanOf(range));
    if (special !== undefined) {
      throw new ValidationError(
        'RANGE-NOT-PUBLIC',
        at,
        span,
        `overlaps ${special.range} (${special.use}), which no client reaches a public endpoint from`,
        'list the public addresses your clients connect from; for clients in a private network use VNet integration or a private endpoint',
      );
    }
  });
  const opened = openAddressCount(ranges.map(spanOf));
  if (opened <= MAX_OPEN_ADDRESSES) return;
  if (wideRanges === undefined) {
    throw new ValidationError(
      'RANGES-TOO-WIDE',
      prop,
      ranges.map((range) => `${range.startIpAddress}-${range.endIpAddress}`),
      `open ${opened} addresses together (overlaps counted once), more than the ${MAX_OPEN_ADDRESSES} (a /24) the library allows unstated`,
      `narrow them to the addresses your clients connect from, or state the need with ${wideRangesProp}: { justification }`,
    );
  }
  checkJustification(`${wideRangesProp}.justification`, wideRanges.justification, `open more than ${MAX_OPEN_ADDRESSES} addresses through the firewall`);
}

/**
 * Warns when validated ranges open more than 256 addresses together (wideRanges then holds the
 * justification validation asked for), and returns that justification for the rule's suppression.
 */
export function warnWideRanges(scope: IConstruct, ranges: readonly FirewallRange[], wideRanges: WideRangesOptions | undefined): string | undefined {
  const opened = openAddressCount(ranges.map(spanOf));
  if (opened <= MAX_OPEN_ADDRESSES || wideRanges === undefined) return undefined;
  warn(scope, 'WideFirewallRanges', `The firewall rules open ${opened} addresses together, more than ${MAX_OPEN_ADDRESSES} (a /24)`, wideRanges.justification);
  return wideRanges.justification;
}

/** What the justification of wide ranges covers: exactly the addresses these validated ranges open. */
export function wideRangesSubject(ranges: readonly FirewallRange[]): string {
  return firewallRangesSubject(ranges.map(spanOf));
}

/** A validated range as numbers. */
function spanOf(range: FirewallRange): AddressSpan {
  return { first: ipv4ToNumber(range.startIpAddress), last: ipv4ToNumber(range.endIpAddress) };
}

/** The rule Azure reads as "allow every Azure service": only through an explicit flag. */
export const AZURE_SERVICES_RULE: FirewallRange = {
  name: AZURE_SERVICES_RULE_NAME,
  startIpAddress: ANY,
  endIpAddress: ANY,
};

/** Construct id of a range's rule: named after the range, or its position when the name is a token. */
export function firewallRuleId(range: FirewallRange, index: number): string {
  return isToken(range.name) ? `FirewallRule${index}` : `FirewallRule-${range.name}`;
}
