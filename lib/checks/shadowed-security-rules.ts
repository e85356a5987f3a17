/**
 * Deny rules that shadow the rules a construct needs (twenty-fifth review, A25b-6). The network security group a Flexible
 * Server construct makes for its delegated subnet holds Allow rules Azure needs: 5432 within the subnet both ways (high
 * availability), TCP 443 out to Storage (WAL archiving) and to AzureActiveDirectory (Entra sign-in). Turning one of them to
 * Deny fails PG-CFG-6 (its `access` is pinned). An NSG evaluates its rules by priority, the lowest number first, and stops at
 * the first that matches: a separate Deny rule at a lower number that may match the same traffic has the effect of turning the
 * pinned rule to Deny, and gets the same verdict. A value the checks cannot read (a token, an application security group) may
 * match; a Deny at a higher number, or one that surely matches other traffic, narrows and passes. A Virtual Network Manager
 * security admin rule that denies, on a network group that may hold the server's VNet, comes before every NSG rule (Azure
 * applies admin rules first) and is judged the same way. A route of the subnet's route table is not judged here: it steers
 * traffic (an appliance may still deliver it), and only a next hop of None drops it.
 */
import { spansOverlap } from '../private/ipv4';
import { madeBy } from './beside-construct';
import { mayBeWord } from './expression-readings';
import { isUnknown } from './hcl-expression';
import { fail, StackFacts, Verdict } from './rule';
import { denyingAdminRules } from './security-admin-rules';
import { listOf, spanOf } from './server-networks';
import { ResourceView, ServerView } from './stack-model';
import { literalString } from './value-readers';

/** The construct's rules Azure needs, by the names SecureFlexibleServer gives them, and what each one keeps working. */
export const NEEDED_RULES: { readonly [name: string]: string } = {
  AllowPostgresWithinSubnetIn: 'high availability: primary and standby replicate on 5432 within the subnet',
  AllowPostgresWithinSubnetOut: 'high availability: primary and standby replicate on 5432 within the subnet',
  AllowAzureStorageOut: 'WAL archiving and backups to Azure Storage',
  AllowEntraIdOut: 'Microsoft Entra sign-in',
};

/** The private ranges (RFC 1918, RFC 6598): a span wholly inside them holds no address of a service tag's public endpoints. */
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((range) => spanOf(range)!);
/**
 * Service tags the checks know the reach of (A26-1), by their first label (a regional tag, "Storage.WestEurope", is a part of
 * its service's): each holds only its own service's addresses (VirtualNetwork the VNet's space, AzureLoadBalancer the platform's
 * probe address), so two different ones of them do not overlap. Any other tag may hold the needed rule's destination: "Internet",
 * "AzureCloud" and every regional "AzureCloud.<region>" hold all public Azure addresses of their reach (Storage's of that region
 * among them), and a tag the checks do not know fails closed.
 */
const DISJOINT_TAGS = ['storage', 'azureactivedirectory', 'sql', 'virtualnetwork', 'azureloadbalancer'];

/** Whether a service tag of a Deny rule may hold addresses of the pinned rule's tag: the same service, or one not known to be apart. */
function tagMayHold(pinned: string, tag: string): boolean {
  const [service, other] = [pinned.split('.')[0], tag.split('.')[0]];
  return service === other || !DISJOINT_TAGS.includes(service) || !DISJOINT_TAGS.includes(other);
}

/** A rule's values of one match field: the singular and plural arguments; none written (an application security group), any. */
function matchValues(rule: ResourceView, singular: string, plural: string): unknown[] {
  const values = [rule.config[singular], ...listOf(rule.config[plural])].filter((value) => value !== undefined && value !== null);
  return values.length === 0 ? ['*'] : values;
}

/** Whether a Deny rule's address may match the pinned rule's (a prefix or a service tag): any value the checks cannot read may. */
function mayMatchAddress(pinned: unknown, value: unknown): boolean {
  if (typeof pinned !== 'string' || typeof value !== 'string' || value.includes('${')) return true;
  const [one, other] = [pinned.trim().toLowerCase(), value.trim().toLowerCase()];
  if (other === '*' || other === 'any' || one === '*') return true;
  const [pinnedSpan, span] = [spanOf(one), spanOf(other)];
  if (pinnedSpan !== undefined && span !== undefined) return spansOverlap(pinnedSpan, span);
  // The subnet's prefix is in the VirtualNetwork tag; a service tag holds public addresses, no private ones.
  if (pinnedSpan !== undefined) return other === 'virtualnetwork' || span === undefined && !/^[a-z][a-z0-9.]*$/.test(other);
  if (span !== undefined) return !PRIVATE.some((range) => range.first <= span.first && span.last <= range.last);
  return !/^[a-z][a-z0-9.]*$/.test(other) || tagMayHold(one, other);
}

/** Whether a Deny rule's destination ports may hold the pinned port: "*", a range around it, or a value the checks cannot read. */
function mayMatchPort(pinned: unknown, value: unknown): boolean {
  const port = Number(pinned);
  if (!Number.isInteger(port)) return true;
  if (typeof value === 'number') return value === port;
  if (typeof value !== 'string' || value.includes('${')) return true;
  const text = value.trim();
  if (text === '*') return true;
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(text) ?? /^(\d+)()$/.exec(text);
  if (range === null) return true;
  const [first, last] = [Number(range[1]), Number(range[2] === '' ? range[1] : range[2])];
  return first <= port && port <= last;
}

/** A literal value, trimmed and in lower case (Azure reads these in any case); undefined for an expression. */
function literal(value: unknown): string | undefined {
  const text = literalString(value);
  return text === undefined || text.includes('${') ? undefined : text.trim().toLowerCase();
}

/**
 * A rule that may deny, as read: its priority (undefined: before every NSG rule, or not known), direction and protocol (as
 * written: a value known only at apply time may be any of its readings), ports and addresses.
 */
interface Deny {
  readonly priority: number | undefined;
  /** A security admin rule: applied before every NSG rule, whatever its priority. */
  readonly admin?: boolean;
  readonly direction: unknown;
  readonly protocol: unknown;
  readonly ports: readonly unknown[];
  readonly sources: readonly unknown[];
  readonly destinations: readonly unknown[];
}

/** An NSG rule read as a Deny. */
function nsgDeny(rule: ResourceView): Deny {
  const priority = Number(literal(rule.config.priority) ?? Number.NaN);
  return {
    priority: Number.isFinite(priority) ? priority : undefined, direction: rule.config.direction, protocol: rule.config.protocol,
    ports: matchValues(rule, 'destination_port_range', 'destination_port_ranges'), sources: matchValues(rule, 'source_address_prefix', 'source_address_prefixes'),
    destinations: matchValues(rule, 'destination_address_prefix', 'destination_address_prefixes'),
  };
}

/**
 * Whether the Deny may take traffic the pinned rule allows: before it (a lower number), same direction, protocol (or any), ports,
 * addresses. A direction or protocol known only at apply time may be each of its readings (A27b-3).
 */
function mayShadow(deny: Deny, pinned: ResourceView, stack: StackFacts | undefined): boolean {
  const pinnedPriority = Number(pinned.config.priority);
  if (deny.priority !== undefined && Number.isFinite(pinnedPriority) && deny.priority >= pinnedPriority) return false;
  const [direction, protocol] = [literal(pinned.config.direction), literal(pinned.config.protocol)];
  if (direction !== undefined && !mayBeWord(deny.direction, direction, stack)) return false;
  if (protocol !== undefined && !['*', 'any', protocol].some((word) => mayBeWord(deny.protocol, word, stack))) return false;
  const any = (values: readonly unknown[]) => (values.length === 0 ? ['*'] : values);
  return any(deny.ports).some((value) => mayMatchPort(pinned.config.destination_port_range, value))
    && any(deny.sources).some((value) => mayMatchAddress(pinned.config.source_address_prefix, value))
    && any(deny.destinations).some((value) => mayMatchAddress(pinned.config.destination_address_prefix, value));
}

/** A value for a message: an expression as written, a literal as JSON. */
function shown(value: unknown): string {
  return isUnknown(value) ? value.toString() : JSON.stringify(value ?? null);
}

/**
 * PG-CFG-6's verdicts: each separate Deny rule, in a group the construct made for the server's subnet, and each Deny security
 * admin rule of a Virtual Network Manager on a VNet its groups may hold (applied before any NSG rule), that may shadow a rule Azure
 * needs. An access or action known only at apply time (a variable, a conditional, each.value, the live rule's) may be Deny, and is
 * judged as one (twenty-seventh review, A27b-3).
 */
export function shadowedNeededRules(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const subnet = server.delegatedSubnet;
  if (subnet === undefined || !madeBy(subnet, owner)) return [];
  const groups = new Set(subnet.associations.flatMap((association) => (association.securityGroup !== undefined && madeBy(association.securityGroup, owner) ? [association.securityGroup] : [])));
  const verdicts = new Map<string, Verdict>();
  const judge = (block: ResourceView, deny: Deny, needed: readonly ResourceView[], what: string, group: string) => {
    const shadowed = needed.find((rule) => mayShadow(deny, rule, stack));
    if (shadowed === undefined || verdicts.has(block.address)) return;
    const name = shadowed.config.name as string;
    verdicts.set(block.address, fail(`${block.address} is ${what} that may match the traffic of ${JSON.stringify(name)}, which ${owner} writes into ${group} because Azure needs it (${NEEDED_RULES[name]}): it takes that traffic as turning the rule to Deny would. Narrow its match${deny.admin === true ? '' : ` or give it a priority number above ${JSON.stringify(shadowed.config.priority)}`}, or suppress PG-CFG-6 on it with the reason.`, block.address));
  };
  // A literal Deny is named so; an action the checks cannot read is shown as written, with what they could not read.
  const denying = (kind: string, field: string, action: unknown) => (literal(action) === 'deny' ? `a Deny ${kind}`
    : `a ${kind} whose ${field} ${shown(action)} ${isUnknown(action) ? 'is known only at apply time' : 'cannot be read'} and may be Deny`);
  for (const group of groups) {
    const needed = group.separateRules.filter((rule) => madeBy(rule, owner) && typeof rule.config.name === 'string' && Object.prototype.hasOwnProperty.call(NEEDED_RULES, rule.config.name));
    // A rule whose group is known only at apply time may be in this one.
    for (const rule of [...group.separateRules, ...group.possibleRules]) {
      if (madeBy(rule, owner) || !mayBeWord(rule.config.access, 'deny', stack)) continue;
      judge(rule, nsgDeny(rule), needed, `${denying('rule', 'access', rule.config.access)} (priority ${JSON.stringify(rule.config.priority ?? null)}; a network security group stops at the rule with the lowest priority number that matches)`, group.address);
    }
    // Azure applies security admin rules before the network security group: a Deny there comes first, whatever its priority.
    for (const rule of denyingAdminRules(server, stack)) {
      if (madeBy(rule.block, owner)) continue;
      judge(rule.block, { priority: undefined, admin: true, direction: rule.direction, protocol: rule.protocol, ports: rule.ports, sources: rule.sources, destinations: rule.destinations }, needed,
        `${denying('Virtual Network Manager security admin rule', 'action', rule.action)} (applied before any network security group rule)`, group.address);
    }
  }
  return [...verdicts.values()];
}
