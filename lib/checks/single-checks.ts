/**
 * Helpers for the Single Server rules (PGS-*). Only the PGS-* rules use them.
 */
import { fail, isReference, notApplicable, PASS, Verdict } from './rule';
import { ResourceView, ServerView } from './stack-model';

/** Start addresses that mean "from anywhere". CKV_AZURE_11 lists "0.0.0.0/0", though the provider would reject it. */
const ANY_START = new Set(['0.0.0.0', '0.0.0.0/0']);

/**
 * Judges a Single Server parameter (an azurerm_postgresql_configuration) that must be written.
 * Unlike parameterSatisfies, it takes a number or boolean value as Terraform does (it turns it into
 * a string), and a parameter missing on a server defined outside this stack is not applicable:
 * that server may set it wherever it is managed.
 */
export function singleParameter(server: ServerView, name: string, wanted: string, test: (value: string) => boolean): Verdict {
  const parameter = server.parameters.get(name);
  if (parameter === undefined) {
    if (!server.defined) return notApplicable(`the server is defined outside this stack, and this stack does not set ${name}`);
    return fail(`server parameter ${name} is not set (it must be ${wanted}).`);
  }
  const raw = parameter.config.value;
  if (isReference(raw)) return notApplicable(`${name} is known only at apply time`);
  const value = typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;
  if (typeof value !== 'string' || !test(value)) return fail(`server parameter ${name} is ${JSON.stringify(raw)}, not ${wanted}.`, parameter.address);
  return PASS;
}

/** A Single Server parameter that must be written as "on" (any case). */
export function singleParameterOn(server: ServerView, name: string): Verdict {
  return singleParameter(server, name, '"on"', (value) => value.trim().toLowerCase() === 'on');
}

/**
 * A rule that needs at least one child resource of the server (an Entra administrator, a key, a
 * private endpoint...). A server defined outside this stack may have it elsewhere: not applicable
 * unless this stack gives it one.
 */
export function requireChild(server: ServerView, children: readonly ResourceView[], missing: string, what: string): Verdict {
  if (children.length > 0) return PASS;
  if (!server.defined) return notApplicable(`the server is defined outside this stack, and this stack gives it no ${what}`);
  return fail(missing);
}

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
  return typeof start === 'string' && ANY_START.has(start) && !isReference(end) && end !== '0.0.0.0';
}

/** True when the rule could open the server to the internet, but a reference hides the range. */
export function mayOpenToInternet(range: FirewallRange): boolean {
  if (opensToInternet(range)) return false;
  const { start, end } = range;
  return isReference(end) || (isReference(start) && end !== '0.0.0.0');
}

/** True for the 0.0.0.0-0.0.0.0 rule, Azure's "Allow access to Azure services". */
export function allowsAzureServices({ start, end }: FirewallRange): boolean {
  return start === '0.0.0.0' && end === '0.0.0.0';
}

/** True when a reference hides whether the rule is the 0.0.0.0-0.0.0.0 rule. */
export function mayAllowAzureServices({ start, end }: FirewallRange): boolean {
  if (allowsAzureServices({ start, end })) return false;
  const startMay = start === '0.0.0.0' || isReference(start);
  const endMay = end === '0.0.0.0' || isReference(end);
  return startMay && endMay;
}

/** The first failing verdict, else the first not-applicable one, else pass. */
export function worstOf(...verdicts: Verdict[]): Verdict {
  return verdicts.find((v) => v.status === 'fail') ?? verdicts.find((v) => v.status === 'not-applicable') ?? PASS;
}

/** Formats a firewall rule's range for a message. */
export function describeRange({ start, end }: FirewallRange): string {
  return `${String(start)}-${String(end)}`;
}
