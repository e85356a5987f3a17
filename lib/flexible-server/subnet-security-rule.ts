import { cidrSpan, isIpv4, networkAddress, parseCidr } from '../private/ipv4';
import { LiteralReason, list, member, number, optional, required, struct, text } from '../private/shape';
import { isToken } from '../private/tokens';
import { checkOneOf, checkPattern } from '../private/validate';
import { ErrorCode } from '../private/error-codes';
import { ValidationError } from '../private/validation-error';

/** Which traffic a network security rule filters. */
export enum SecurityRuleDirection {
  /** Traffic into the subnet. */
  INBOUND = 'Inbound',
  /** Traffic out of the subnet. */
  OUTBOUND = 'Outbound',
}

/** What a network security rule does with the traffic it matches. */
export enum SecurityRuleAccess {
  /** Let it through. */
  ALLOW = 'Allow',
  /** Drop it. */
  DENY = 'Deny',
}

/** The protocol a network security rule matches. */
export enum SecurityRuleProtocol {
  /** TCP, which PostgreSQL uses. */
  TCP = 'Tcp',
  /** UDP. */
  UDP = 'Udp',
  /** ICMP. */
  ICMP = 'Icmp',
  /** Any protocol. */
  ANY = '*',
}

/**
 * A rule of your own for the network security group of the delegated subnet. Every field is a
 * literal: a rule known only at apply time could open the subnet unseen.
 */
export interface SubnetSecurityRule {
  /** Rule name: 1-80 letters, digits, ".", "-" or "_", unique in the group. */
  readonly name: string;
  /**
   * Priority: 100-999 to take precedence over the construct's rules (1000-1099), or 1100-4095 to
   * come after them. 4096 is the construct's deny of all other inbound traffic.
   */
  readonly priority: number;
  /** Inbound or outbound. */
  readonly direction: SecurityRuleDirection;
  /** Allow or deny. */
  readonly access: SecurityRuleAccess;
  /** The protocol matched. */
  readonly protocol: SecurityRuleProtocol;
  /** Source: an IPv4 address or CIDR range, a service tag (e.g. "AzureLoadBalancer") or "*". */
  readonly sourceAddressPrefix: string;
  /**
   * Source ports: "*", a port ("443") or a range ("1024-65535").
   * @default "*"
   */
  readonly sourcePortRange?: string;
  /** Destination: an IPv4 address or CIDR range, a service tag (e.g. "Storage") or "*". */
  readonly destinationAddressPrefix: string;
  /** Destination ports: "*", a port ("443") or a range ("1024-65535"). */
  readonly destinationPortRange: string;
  /**
   * What the rule is for, at most 140 characters.
   * @default - no description
   */
  readonly description?: string;
}

/** The priorities of the rules the construct writes: allows in 1000-1099, the inbound deny at 4096. */
export const CONSTRUCT_PRIORITIES = { first: 1000, last: 1099, denyAll: 4096 } as const;
const LOWEST_PRIORITY = 100;

const SECURITY = LiteralReason.SECURITY;

export const SUBNET_SECURITY_RULES = list(
  struct('SubnetSecurityRule', {
    name: required(text(), 'name the rule, e.g. "AllowMonitoringAgent"'),
    priority: required(number({ literal: SECURITY }), 'give a priority from 100 to 999 or from 1100 to 4095'),
    direction: required(member('SecurityRuleDirection', 'SecurityRuleDirection.INBOUND', SECURITY), 'use SecurityRuleDirection.INBOUND or OUTBOUND'),
    access: required(member('SecurityRuleAccess', 'SecurityRuleAccess.DENY', SECURITY), 'use SecurityRuleAccess.ALLOW or DENY'),
    protocol: required(member('SecurityRuleProtocol', 'SecurityRuleProtocol.TCP', SECURITY), 'use a SecurityRuleProtocol member, e.g. SecurityRuleProtocol.TCP'),
    sourceAddressPrefix: required(text({ literal: SECURITY }), 'give a CIDR range, an address, a service tag or "*"'),
    sourcePortRange: optional(text({ literal: SECURITY })),
    destinationAddressPrefix: required(text({ literal: SECURITY }), 'give a CIDR range, an address, a service tag or "*"'),
    destinationPortRange: required(text({ literal: SECURITY }), 'give "*", a port such as "443" or a range such as "1024-65535"'),
    description: optional(text()),
  }),
  { literal: SECURITY },
);

/** Names of network resources (subnets, security rules): 1-80 characters. */
export const NETWORK_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,78}[a-zA-Z0-9_])?$/;
const NETWORK_NAME_FIX = 'use 1-80 letters, digits, ".", "-" or "_", starting with a letter or digit and ending with a letter, digit or "_"';
const SERVICE_TAG = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)?$/;
const PORT_RANGE = /^(\d{1,5})(-(\d{1,5}))?$/;
/** Prefixes that mean "anywhere": a PostgreSQL port open to them is open to the internet. */
const ANYWHERE = ['*', 'internet', 'any', '0.0.0.0/0'];
/** The widest CIDR range accepted as a source of clients: a /8, the size of the widest private range. */
const WIDEST_SOURCE = 8;

/**
 * Refuses a malformed address prefix: an IPv4 address, a CIDR range without host bits, a service
 * tag or "*" are what Azure accepts. (A literal: the shapes refuse tokens here.)
 */
export function checkAddressPrefix(code: ErrorCode, prop: string, value: string): void {
  if (value === '*' || isIpv4(value) || SERVICE_TAG.test(value)) return;
  const cidr = parseCidr(value);
  if (cidr === undefined) {
    throw new ValidationError(code, prop, value, 'is not an address prefix', 'give an IPv4 address, a CIDR range such as "10.1.0.0/16", a service tag such as "VirtualNetwork", or "*"');
  }
  const network = networkAddress(cidr.address, cidr.prefixLength);
  if (network !== cidr.address) {
    throw new ValidationError(code, prop, value, 'has host bits set, which Azure refuses', `start the range at its network address, "${network}/${cidr.prefixLength}"`);
  }
}

/** Why a source lets the internet in ("*", "Internet", "Any", 0.0.0.0/0 or a range wider than a /8), or undefined. */
export function internetSource(prefix: string): string | undefined {
  if (ANYWHERE.includes(prefix.toLowerCase())) return 'means any address, the internet included';
  const cidr = parseCidr(prefix);
  if (cidr !== undefined && cidr.prefixLength < WIDEST_SOURCE) {
    const { first, last } = cidrSpan(cidr.address, cidr.prefixLength);
    return `holds ${last - first + 1} addresses, more than a /8 (the widest private range)`;
  }
  return undefined;
}

/** Validates the rules a user adds to the group the construct creates. */
export function validateSubnetSecurityRules(prop: string, rules: readonly SubnetSecurityRule[], constructRuleNames: readonly string[]): void {
  const names = new Set(constructRuleNames.map((name) => name.toLowerCase()));
  const priorities = new Set<string>();
  rules.forEach((rule, index) => {
    const at = `${prop}[${index}]`;
    checkPattern('NSG-RULE-NAME-FORMAT', `${at}.name`, rule.name, NETWORK_NAME, 'is not a valid security rule name', NETWORK_NAME_FIX);
    if (!isToken(rule.name)) {
      // Azure resource names ignore case.
      if (names.has(rule.name.toLowerCase())) {
        const problem = constructRuleNames.some((name) => name.toLowerCase() === rule.name.toLowerCase())
          ? 'is the name of a rule the construct writes'
          : 'is used twice (names ignore case)';
        throw new ValidationError('NSG-RULE-NAME-DUPLICATE', `${at}.name`, rule.name, problem, 'give each rule its own name');
      }
      names.add(rule.name.toLowerCase());
    }
    checkOneOf('NSG-RULE-MEMBER', `${at}.direction`, rule.direction, Object.values(SecurityRuleDirection), 'use SecurityRuleDirection.INBOUND or OUTBOUND');
    checkOneOf('NSG-RULE-MEMBER', `${at}.access`, rule.access, Object.values(SecurityRuleAccess), 'use SecurityRuleAccess.ALLOW or DENY');
    checkOneOf('NSG-RULE-MEMBER', `${at}.protocol`, rule.protocol, Object.values(SecurityRuleProtocol), 'use SecurityRuleProtocol.TCP, UDP, ICMP or ANY');
    checkPriority(`${at}.priority`, rule.priority);
    const key = `${rule.direction}:${rule.priority}`;
    if (priorities.has(key)) {
      throw new ValidationError('NSG-RULE-PRIORITY-DUPLICATE', `${at}.priority`, rule.priority, `is used by another ${rule.direction.toLowerCase()} rule`, 'give each rule of a direction its own priority');
    }
    priorities.add(key);
    checkAddressPrefix('NSG-RULE-PREFIX', `${at}.sourceAddressPrefix`, rule.sourceAddressPrefix);
    checkAddressPrefix('NSG-RULE-PREFIX', `${at}.destinationAddressPrefix`, rule.destinationAddressPrefix);
    checkPortRange(`${at}.sourcePortRange`, rule.sourcePortRange);
    checkPortRange(`${at}.destinationPortRange`, rule.destinationPortRange);
    const open = internetSource(rule.sourceAddressPrefix);
    if (rule.direction === SecurityRuleDirection.INBOUND && rule.access === SecurityRuleAccess.ALLOW && open !== undefined) {
      throw new ValidationError(
        'NSG-RULE-OPEN',
        `${at}.sourceAddressPrefix`,
        rule.sourceAddressPrefix,
        `${open}: an inbound allow from it would open the delegated subnet to the internet`,
        'allow only the address ranges or service tags your clients are in, e.g. "VirtualNetwork" or "10.1.0.0/16"',
      );
    }
  });
}

function checkPriority(prop: string, priority: number): void {
  const reserved = priority >= CONSTRUCT_PRIORITIES.first && priority <= CONSTRUCT_PRIORITIES.last;
  if (Number.isInteger(priority) && priority >= LOWEST_PRIORITY && priority < CONSTRUCT_PRIORITIES.denyAll && !reserved) return;
  const problem = reserved || priority === CONSTRUCT_PRIORITIES.denyAll ? 'is taken by the rules the construct writes' : 'is not a priority Azure accepts for a rule';
  throw new ValidationError('NSG-RULE-PRIORITY', prop, priority, problem, 'use 100-999 to take precedence over the construct\'s rules, or 1100-4095 to come after them');
}

function checkPortRange(prop: string, value: string | undefined): void {
  if (value === undefined || value === '*') return;
  const match = PORT_RANGE.exec(value);
  const from = Number(match?.[1]);
  const to = match?.[3] === undefined ? from : Number(match[3]);
  if (match === null || from > 65535 || to > 65535 || from > to) {
    throw new ValidationError('NSG-RULE-PORT', prop, value, 'is not a port range', 'give "*", a port such as "443", or a range such as "1024-65535" (0-65535, low to high)');
  }
}
