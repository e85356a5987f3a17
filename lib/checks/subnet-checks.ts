import { fail, isUnknown, notApplicable, PASS, unknown, Verdict } from './rule';
import { asList, certainOnly, ResourceView, SecurityGroupView, ServerView, TerraformBlock } from './stack-model';
import { isSet, literalString } from './value-readers';

// The delegated subnet of a VNet-integrated Flexible Server and its network security group
// (PGF-NET-7). Azure's default rules let the VNet in, and everything the NSG's own rules allow;
// what must never be allowed is PostgreSQL (5432, or 6432 when PgBouncer is on) from anywhere.

/** Ports a PostgreSQL server listens on: the server, and PgBouncer when it is turned on. */
const POSTGRES_PORTS = [5432, 6432];
/** Sources that mean "any address": the internet included. */
const ANYWHERE = ['*', 'internet', 'any', '0.0.0.0/0'];
/** One address range of a subnet of the stack, read from the subnet: never "anywhere" (Azure refuses such a subnet). */
const SUBNET_RANGE = /^(element\(azurerm_subnet\.[\w-]+\.address_prefixes, *\d+\)|azurerm_subnet\.[\w-]+\.address_prefixes\[\d+\])$/;

/** True, false, or unknown when a value it depends on is known only at apply time. */
type Maybe = boolean | 'unknown';

function all(...values: Maybe[]): Maybe {
  if (values.includes(false)) return false;
  return values.includes('unknown') ? 'unknown' : true;
}

function any(values: readonly Maybe[]): Maybe {
  if (values.includes(true)) return true;
  return values.includes('unknown') ? 'unknown' : false;
}

/** A single-valued attribute compared as Azure compares it (ignoring case). */
function equalsText(value: unknown, expected: readonly string[]): Maybe {
  if (isUnknown(value)) return 'unknown';
  const text = literalString(value);
  return text !== undefined && expected.includes(text.toLowerCase());
}

/** The items of a prefix or port attribute and of its plural form ("x" and "xs"); a list known only later is unknown. */
function itemsOf(rule: TerraformBlock, singular: string): unknown[] {
  const plural = rule[`${singular}es`] ?? rule[`${singular}s`];
  const many = isUnknown(plural) ? [plural] : Array.isArray(plural) ? plural : [];
  return [...(isSet(rule[singular]) ? [rule[singular]] : []), ...many];
}

function portCovers(value: unknown): Maybe {
  if (isUnknown(value)) return 'unknown';
  const text = literalString(value);
  if (text === undefined) return false;
  if (text === '*') return true;
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (match === null) return false;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  return POSTGRES_PORTS.some((port) => from <= port && port <= to);
}

/** Whether a security rule (inline block or separate resource) lets PostgreSQL in from anywhere. */
export function opensPostgresToInternet(rule: TerraformBlock): Maybe {
  return all(
    equalsText(rule.direction, ['inbound']),
    equalsText(rule.access, ['allow']),
    equalsText(rule.protocol, ['tcp', '*']),
    any(itemsOf(rule, 'destination_port_range').map(portCovers)),
    any(itemsOf(rule, 'source_address_prefix').map((prefix) => (isUnknown(prefix) && SUBNET_RANGE.test(prefix.expression) ? false : equalsText(prefix, ANYWHERE)))),
  );
}

/** One verdict per open rule of the group; unknown for rules hidden behind apply-time values. */
function judgeGroup(group: SecurityGroupView): Verdict[] {
  const failures: Verdict[] = [];
  const hidden: Verdict[] = [];
  const judge = (config: TerraformBlock, address: string, what: string) => {
    const open = opensPostgresToInternet(config);
    if (open === true) failures.push(fail(`${what} allows inbound PostgreSQL from ${describeSources(config)}.`, address));
    if (open === 'unknown') hidden.push(unknown(`whether ${what} allows inbound PostgreSQL from the internet is known only at apply time`, address));
  };
  const inline = group.config.security_rule;
  const dynamic = group.config.dynamic;
  if (isUnknown(inline) || (typeof dynamic === 'object' && dynamic !== null && !isUnknown(dynamic) && 'security_rule' in dynamic)) {
    hidden.push(unknown(`the security_rule blocks of ${group.address} are known only at plan time`, group.address));
  }
  asList(inline).forEach((block) => judge(block, group.address, `security rule ${String(block.name)} of ${group.address}`));
  group.separateRules.forEach((rule) => judge(rule.config, rule.address, `security rule ${rule.address}`));
  group.possibleRules.forEach((rule) => {
    const open = opensPostgresToInternet(rule.config);
    if (open !== false) hidden.push(unknown(`security rule ${rule.address}, whose group is known only at apply time, may belong to ${group.address}`, rule.address));
  });
  return failures.length > 0 ? failures : hidden;
}

/**
 * Where a group lets PostgreSQL (5432) in from, as its rules write it (inline and separate): the
 * sources of its inbound TCP allow rules whose ports hold 5432. A rule whose direction, access or
 * port is known only at apply time is listed too, marked "(may)".
 */
export function postgresInboundSources(group: SecurityGroupView): string[] {
  const rules = [...asList(group.config.security_rule), ...group.separateRules.map((rule) => rule.config)];
  return rules.flatMap((rule) => {
    const allows = all(equalsText(rule.direction, ['inbound']), equalsText(rule.access, ['allow']), equalsText(rule.protocol, ['tcp', '*']), any(itemsOf(rule, 'destination_port_range').map(portCovers)));
    if (allows === false) return [];
    return itemsOf(rule, 'source_address_prefix').map((prefix) => `${String(prefix)}${allows === 'unknown' ? ' (may)' : ''}`);
  });
}

function describeSources(rule: TerraformBlock): string {
  return itemsOf(rule, 'source_address_prefix').map((prefix) => `"${String(prefix)}"`).join(', ');
}

/**
 * The delegated subnet, when this stack defines it, has a network security group associated, and
 * none of that group's rules allows inbound PostgreSQL from "*", "Internet", "Any" or 0.0.0.0/0.
 * A group defined outside this stack (associated by ID) is someone else's to judge: its
 * association passes. Not applicable without VNet integration, or when the subnet is defined
 * elsewhere.
 */
export function judgeDelegatedSubnet(server: ServerView): Verdict | readonly Verdict[] {
  if (!server.defined) return notApplicable('the server is defined outside this stack');
  if (!isSet(server.config.delegated_subnet_id)) return notApplicable('the server is not VNet-integrated');
  const subnet = server.delegatedSubnet;
  if (subnet === undefined) return notApplicable('the delegated subnet is defined outside this stack, with its network security group');
  const associations = certainOnly(subnet.associations);
  if (associations.length === 0) {
    const maybe: ResourceView | undefined = subnet.associations[0];
    if (maybe) return unknown(`association ${maybe.address} may not exist: its count, for_each or subnet is known only at apply time`, maybe.address);
    return fail(`no network security group is associated with the delegated subnet ${subnet.address}.`, subnet.address);
  }
  const verdicts = associations.flatMap((association) => (association.securityGroup ? judgeGroup(association.securityGroup) : []));
  return verdicts.length > 0 ? verdicts : PASS;
}
