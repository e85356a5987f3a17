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
