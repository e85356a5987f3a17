import { parseIpv6Prefix } from '../private/ipv6';
import { coversPostgresPort, describeBreadth, isReadablePortRange, isWide, sourceBreadth, sourcesSubject, unreadableSources } from '../private/source-breadth';
import { ownerConstruct, resourcesOfType } from './beside-construct';
import { idKey } from './azure-keys';
import { mayNameParent } from './later-parents';
import { adoptedGivenAssociations, givenSubnetAssociations, laterSubnetAssociations } from './given-subnets';
import { azapiRulesAt, givenGroup, GivenGroupView } from './given-groups';
import { idPath } from './network-writers';
import { oncePerStack } from './per-stack';
import { spanOf } from './server-networks';
import { AddressSpan, spansOverlap } from '../private/ipv4';
import { fail, isUnknown, notApplicable, PASS, StackFacts, unknown, Verdict } from './rule';
import { blocksKnownLater } from './dynamic-blocks';
import { asList, certainOnly, ResourceView, SecurityGroupView, ServerView, SubnetView, TerraformBlock } from './stack-model';
import { isSet, literalString } from './value-readers';

// The delegated subnet of a VNet-integrated Flexible Server and its network security group
// (PGF-NET-7). Azure's default rules let the VNet in, and everything the NSG's own rules allow;
// what must never be allowed is PostgreSQL (5432, or 6432 when PgBouncer is on) from anywhere.

/** Sources that mean "any address": the internet included ("::/0" however IPv6 writes it is read below). */
const ANYWHERE = ['*', 'internet', 'any', '0.0.0.0/0'];
const IPV6_LAST = (1n << 128n) - 1n;
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

/** Whether a port range holds PostgreSQL's port; unknown when it is known only later, or a literal the checks cannot read. */
function portCovers(value: unknown): Maybe {
  if (isUnknown(value)) return 'unknown';
  const text = literalString(value);
  if (text !== undefined && !isReadablePortRange(text)) return 'unknown';
  return text !== undefined && coversPostgresPort(text);
}

/**
 * Why a rule's ports cannot be judged, when one is a literal the checks cannot read ("5000 - 6000",
 * "22,5432"): Azure gets it as written, so it may hold PostgreSQL's port.
 */
function unreadablePortNote(rule: TerraformBlock, what: string): string | undefined {
  const range = itemsOf(rule, 'destination_port_range').map(literalString).find((text) => text !== undefined && !isReadablePortRange(text));
  return range === undefined ? undefined : `whether ${what} lets PostgreSQL in depends on its destination port range "${range}", which is not "*", a port or a range low-high within 0-65535 (the form the checks read)`;
}

/** Whether a source is any address: "*", "Internet", "Any", 0.0.0.0/0, or every IPv6 address (::/0). */
function isAnywhere(prefix: unknown): Maybe {
  const text = literalString(prefix);
  if (text !== undefined && parseIpv6Prefix(text)?.first === 0n && parseIpv6Prefix(text)?.last === IPV6_LAST) return true;
  return equalsText(prefix, ANYWHERE);
}

/** Whether a security rule (inline block or separate resource) lets PostgreSQL in from anywhere. */
export function opensPostgresToInternet(rule: TerraformBlock): Maybe {
  return all(
    equalsText(rule.direction, ['inbound']),
    equalsText(rule.access, ['allow']),
    equalsText(rule.protocol, ['tcp', '*']),
    any(itemsOf(rule, 'destination_port_range').map(portCovers)),
    any(itemsOf(rule, 'source_address_prefix').map((prefix) => (isUnknown(prefix) && SUBNET_RANGE.test(prefix.expression) ? false : isAnywhere(prefix)))),
  );
}

/**
 * The delegated subnet's ranges when the stack defines it for sure and each is a literal IPv4 range; undefined (any address)
 * otherwise: a block matched by names whose subscription is known only later may be another object (A18b-3).
 */
function subnetSpans(server: ServerView): readonly AddressSpan[] | undefined {
  if (server.delegatedSubnetUnsure === true) return undefined;
  const prefixes = server.delegatedSubnet?.config.address_prefixes;
  if (!Array.isArray(prefixes) || prefixes.length === 0) return undefined;
  const spans = prefixes.map((prefix) => (typeof prefix === 'string' ? spanOf(prefix) : undefined));
  return spans.every((span) => span !== undefined) ? (spans as AddressSpan[]) : undefined;
}

/**
 * Whether a rule may guard the delegated subnet: a group may be shared by other subnets, and a rule whose destinations
 * are all literal IPv4 ranges disjoint from the subnet's literal ranges matches no packet to the server (A17a-9).
 * A tag, "*", an application security group, a value known later or an unknown subnet range may be the subnet.
 */
function mayGuard(rule: TerraformBlock, spans: readonly AddressSpan[] | undefined): boolean {
  const destinations = itemsOf(rule, 'destination_address_prefix');
  if (spans === undefined || destinations.length === 0 || isSet(rule.destination_application_security_group_ids)) return true;
  return destinations.some((destination) => {
    const span = typeof destination === 'string' ? spanOf(destination) : undefined;
    return span === undefined || spans.some((subnet) => spansOverlap(span, subnet));
  });
}

/** One verdict per open rule of the group that may guard the subnet; unknown for rules hidden behind apply-time values. */
function judgeGroup(group: SecurityGroupView, spans: readonly AddressSpan[] | undefined): Verdict[] {
  const failures: Verdict[] = [];
  const hidden: Verdict[] = [];
  const label = 'label' in group ? (group as GivenGroupView).label : group.address;
  const judge = (config: TerraformBlock, address: string, what: string) => {
    if (!mayGuard(config, spans)) return;
    const open = opensPostgresToInternet(config);
    if (open === true) failures.push(fail(`${what} allows inbound PostgreSQL from ${describeSources(config)}.`, address));
    if (open === 'unknown') hidden.push(unknown(unreadablePortNote(config, what) ?? `whether ${what} allows inbound PostgreSQL from the internet is known only at apply time`, address));
  };
  const inline = group.config.security_rule;
  if (blocksKnownLater(group.config, 'security_rule')) {
    // A definition the checks do not read (an azapi body, inline subnet: inline-subnets.ts) says what it is.
    const unread = isUnknown(inline) && inline.references.length === 0 ? `${inline.expression}: whether they let PostgreSQL in from the internet cannot be told` : undefined;
    hidden.push(unknown(unread ?? `the security_rule blocks of ${group.address} are known only at plan time`, group.address));
  }
  asList(inline).forEach((block) => judge(block, group.address, `security rule ${String(block.name)} of ${group.address}`));
  group.separateRules.forEach((rule) => judge(rule.config, rule.address, label === group.address ? `security rule ${rule.address}` : `security rule ${rule.address}, written into ${label},`));
  group.possibleRules.forEach((rule) => {
    const open = mayGuard(rule.config, spans) ? opensPostgresToInternet(rule.config) : false;
    // An inline rule of a group an import adopts or a moved block hands over (given-groups.ts, A93b-4) is named by the group that writes it.
    const named = typeof rule.config.name === 'string' ? `${JSON.stringify(rule.config.name)} ` : '';
    const what = rule.type === 'azurerm_network_security_group' ? `${named}of ${rule.address}, a group an import or moved block adopts (its rules replace every rule of the live group),`
      : `${rule.address}, whose group is known only at apply time,`;
    if (open !== false) hidden.push(unknown(`security rule ${what} may belong to ${label}`, rule.address));
  });
  // Both: a suppression of one failure must not hide another resource's rule known only later (adversarial run of stop 68).
  return [...failures, ...hidden];
}

/**
 * Where a group lets PostgreSQL (5432) in from, as its rules write it (inline and separate): the
 * sources of its inbound TCP allow rules whose ports hold 5432. A rule whose direction, access or
 * port is known only at apply time is listed too, marked "(may)", and so are inline rules written
 * as dynamic blocks or an expression, as one entry.
 */
export function postgresInboundSources(group: SecurityGroupView): string[] {
  const rules = [...asList(group.config.security_rule), ...group.separateRules.map((rule) => rule.config)];
  const sources = rules.flatMap((rule) => {
    const allows = all(equalsText(rule.direction, ['inbound']), equalsText(rule.access, ['allow']), equalsText(rule.protocol, ['tcp', '*']), any(itemsOf(rule, 'destination_port_range').map(portCovers)));
    if (allows === false) return [];
    return itemsOf(rule, 'source_address_prefix').map((prefix) => `${String(prefix)}${allows === 'unknown' ? ' (may)' : ''}`);
  });
  return blocksKnownLater(group.config, 'security_rule') ? [...sources, 'the sources of its security_rule blocks known only at plan time (may)'] : sources;
}

function describeSources(rule: TerraformBlock): string {
  return itemsOf(rule, 'source_address_prefix').map((prefix) => `"${String(prefix)}"`).join(', ');
}

/** The groups associated with the server's delegated subnet for sure, or the verdict when there is nothing to read. */
function delegatedSubnetGroups(server: ServerView, stack: StackFacts | undefined): { readonly groups: readonly SecurityGroupView[] } | { readonly verdict: Verdict } {
  if (!server.defined) return { verdict: notApplicable('the server is defined outside this stack') };
  if (!isSet(server.config.delegated_subnet_id)) return { verdict: notApplicable('the server is not VNet-integrated') };
  const subnet = server.delegatedSubnet;
  if (subnet === undefined) {
    // The stack's own association of the subnet the server was given (A14b-17): the stack writes its group.
    const given = certainOnly(givenSubnetAssociations(server, stack));
    // A subnet the stack names by a literal ID or a lookup may be the one the server is given by a variable: its group is judged too (A17b-9).
    const later = laterSubnetAssociations(server, stack).map((association) => association.securityGroup ?? outsideGroup(association, stack));
    if (given.length === 0) {
      // The group its owner associates may be any group the stack does not define: a rule the stack writes there may be in it (A16b-3).
      const unseen = givenGroup(undefined, server.address, `the network security group of the delegated subnet ${JSON.stringify(server.config.delegated_subnet_id)}, which the stack does not name`, stack);
      const groups = [...(unseen.possibleRules.length === 0 ? [] : [unseen]), ...later];
      return groups.length === 0 ? { verdict: notApplicable('the delegated subnet is defined outside this stack, with its network security group') } : { groups };
    }
    return { groups: [...given.map((association) => association.securityGroup ?? outsideGroup(association, stack)), ...later] };
  }
  const associations = certainOnly(subnet.associations);
  if (associations.length === 0) {
    const maybe: ResourceView | undefined = subnet.associations[0];
    if (maybe) return { verdict: unknown(`association ${maybe.address} may not exist: its count, for_each or subnet is known only at apply time`, maybe.address) };
    return { verdict: fail(`no network security group is associated with the delegated subnet ${subnet.address}.`, subnet.address) };
  }
  return { groups: associations.map((association) => (association.securityGroup === undefined ? outsideGroup(association, stack) : withAzapiRules(association.securityGroup, association, server, stack))) };
}

/** A group of a raw stack with the rules azapi writes below the association's reference to it (A17a-2: whole or partial, as in a given group). */
function withAzapiRules(group: SecurityGroupView, association: ResourceView, server: ServerView, stack: StackFacts | undefined): SecurityGroupView {
  // Beside a construct (or on a given subnet) an azapi write into the group fails PG-CFG-3 already, and a review by hand suppresses it there.
  if (ownerConstruct(server, stack) !== undefined) return group;
  const written = azapiRulesAt(association.config.network_security_group_id, stack);
  return written.length === 0 ? group : { ...group, separateRules: [...group.separateRules, ...written] };
}

/** A group the stack associates with the delegated subnet but does not define, with the rules the stack writes into it (A16a-13, A16b-3). */
function outsideGroup(association: ResourceView, stack: StackFacts | undefined): SecurityGroupView {
  const pointer = association.config.network_security_group_id;
  return givenGroup(pointer, association.address, `the network security group ${JSON.stringify(pointer ?? null)} that ${association.address} associates with the delegated subnet`, stack);
}

/**
 * The delegated subnet, when this stack defines it, has one network security group associated, and
 * none of that group's rules allows inbound PostgreSQL from "*", "Internet", "Any" or 0.0.0.0/0.
 * A group defined outside this stack (associated by ID) is someone else's to judge: its
 * association passes, unless it replaces another one (`extraAssociations`). Not applicable without
 * VNet integration, or when the subnet is defined elsewhere.
 */
export function judgeDelegatedSubnet(server: ServerView, stack?: StackFacts): Verdict | readonly Verdict[] {
  const found = delegatedSubnetGroups(server, stack);
  const taken = server.defined ? takenAssociations(server, stack) : [];
  if ('verdict' in found) return taken.length === 0 ? found.verdict : [...taken, ...(found.verdict.status === 'not-applicable' ? [] : [found.verdict])];
  const subnet = server.delegatedSubnet;
  const extra = subnet === undefined ? [...givenExtraAssociations(server, stack), ...taken] : extraAssociations(server, subnet, stack);
  const spans = subnetSpans(server);
  const verdicts = [...extra, ...found.groups.flatMap((group) => judgeGroup(group, spans))];
  return verdicts.length > 0 ? verdicts : unseenGroups(found.groups) ?? PASS;
}

/**
 * Not applicable, with the reason, when every group of the delegated subnet is one the stack does not define (given by ID or a
 * lookup) and the rules the stack writes into it open nothing: the group's own rules were not judged, which a pass would hide
 * (62nd run, A62a-5; 63rd run, A63a-2: one rule written there made it a pass).
 */
function unseenGroups(groups: readonly SecurityGroupView[]): Verdict | undefined {
  if (groups.length === 0 || !groups.every((group) => 'label' in group)) return undefined;
  const written = groups.some((group) => group.separateRules.length > 0 || group.possibleRules.length > 0 || group.config.security_rule !== undefined);
  const labels = groups.map((group) => (group as GivenGroupView).label).join(' and ');
  return notApplicable(written
    ? `${labels}: the stack does not define it, the rules it writes there let PostgreSQL in from no wide source, and its other rules are its owner's to judge`
    : `${labels}: the stack neither defines it nor writes a rule into it, so its rules are its owner's to judge`);
}

/**
 * Associations that replace the delegated subnet's group: a subnet has one network security group,
 * so of two associations the last applied wins (and destroying either detaches the group), and
 * the group judged here may not be the one Azure keeps. Beside a library construct's own
 * association every other one fails, whatever group it names (sixth review, A6-4); beside raw
 * resources (or a subnet the construct was given) each one fails when more than one surely exists.
 */
function extraAssociations(server: ServerView, subnet: SubnetView, stack: StackFacts | undefined): Verdict[] {
  const owner = ownerConstruct(server, stack);
  const own = owner === undefined ? [] : subnet.associations.filter((association) => association.constructPath === `${owner}/${OWN_ASSOCIATION}`);
  // A construct given an existing subnet makes no association: the subnet's group is the user's, as beside raw resources.
  if (own.length > 0) {
    const others = own.length === 1 ? subnet.associations.filter((association) => association !== own[0]) : subnet.associations;
    return [
      ...others.map((association) => fail(`${association.address} associates the delegated subnet ${subnet.address} of ${owner}, a library construct, with ${groupOf(association)}: a subnet has one network security group, so it replaces the construct's group.`, association.address)),
      ...laterAssociations(subnet, stack).map((association) => fail(`${association.address}, whose subnet_id ${JSON.stringify(association.config.subnet_id)} ${typeof association.config.subnet_id === 'string' ? 'may be (its names known only at apply time)' : 'is known only at apply time and may be'} the delegated subnet ${subnet.address} of ${owner}, a library construct, associates it with ${groupOf(association)}: a subnet has one network security group, so it may replace the construct's group.`, association.address)),
    ];
  }
  // Associations of subnets that may each be the delegated one (namesakes, a VNet's inline subnets) do not replace each other's group.
  const certain = subnet.alternatives === true ? [] : certainOnly(subnet.associations);
  if (certain.length < 2) return [];
  const groups = certain.map(groupOf).join(', ');
  return certain.map((association) => fail(`${association.address} is one of ${certain.length} associations of the delegated subnet ${subnet.address} (with ${groups}): a subnet has one network security group, so the last one applied replaces the others.`, association.address));
}

/** On a subnet the server was given, two or more associations the stack writes replace each other's group (A14b-17). */
function givenExtraAssociations(server: ServerView, stack: StackFacts | undefined): Verdict[] {
  const certain = certainOnly(givenSubnetAssociations(server, stack));
  if (certain.length < 2) return [];
  const groups = certain.map(groupOf).join(', ');
  const subnet = JSON.stringify(server.config.delegated_subnet_id);
  return certain.map((association) => fail(`${association.address} is one of ${certain.length} associations of the delegated subnet ${subnet} (with ${groups}): a subnet has one network security group, so the last one applied replaces the others.`, association.address));
}

/** An association that adopts the given subnet's and names another subnet deletes the given subnet's (given-subnets.ts; 96th run, A96b-4). */
function takenAssociations(server: ServerView, stack: StackFacts | undefined): Verdict[] {
  const subnet = JSON.stringify(server.config.delegated_subnet_id);
  return adoptedGivenAssociations(server, stack).map(({ association, by, how, guard, surely }) => fail(`${association.address}: ${how} (the server's delegated subnet ${subnet}), and its subnet_id ${JSON.stringify(association.config.subnet_id ?? null)} ${surely ? 'names' : 'may name'} another subnet: ${by === 'import' ? 'the import adopts' : 'the moved block hands over'} the given subnet's association and subnet_id replaces it, so the plan deletes it, and the subnet loses ${guard}.`, association.address));
}

/**
 * The associations of the stack whose subnet is known only at apply time and may be this one (a
 * variable, a template with a variable segment, a lookup by a name known later: thirteenth review, A13-3).
 */
function laterAssociations(subnet: SubnetView, stack: StackFacts | undefined): ResourceView[] {
  const placed = new Set(subnet.associations.map((association) => association.address));
  const path = { idPath: idPath(subnet) };
  // A literal ID of another subnet of the stack, whose names are known, is that subnet's (A14a-10).
  const known = subnetIdTails(stack).filter((each) => each.subnet !== subnet).map((each) => each.tail);
  const another = (pointer: unknown) => { const key = typeof pointer === 'string' ? idKey(pointer) : undefined; return key !== undefined && known.some((each) => key.endsWith(each)); };
  return resourcesOfType(stack, ASSOCIATION).filter((association) => !placed.has(association.address) && !another(association.config.subnet_id)
    && mayNameParent(association.config.subnet_id, subnet, path, stack?.lookups, stack?.resources, stack?.providers));
}

/** The end of each subnet's Azure ID its names spell ("/resourcegroups/<group>/providers/microsoft.network/..."): the same for every server, read once per evaluation. */
const subnetIdTails = oncePerStack((stack) => resourcesOfType(stack, 'azurerm_subnet').flatMap((subnet) => {
  const path = idPath(subnet, stack?.resources);
  return path === undefined ? [] : [{ subnet, tail: path.replace(/^([^/]+)\//, '/resourcegroups/$1/providers/microsoft.network/') }];
}));

const ASSOCIATION = 'azurerm_subnet_network_security_group_association';

/** The construct id of the association a server construct makes (lib/flexible-server/subnet-security-group.ts). */
const OWN_ASSOCIATION = 'SecurityGroupAssociation';

function groupOf(association: ResourceView & { readonly securityGroup?: SecurityGroupView }): string {
  return association.securityGroup?.address ?? `the network security group ${JSON.stringify(association.config.network_security_group_id ?? null)}`;
}

/**
 * The inbound PostgreSQL sources of each group of the delegated subnet admit together at most
 * 256 public addresses (overlaps counted once; private and reserved blocks are not counted) and no
 * service tag that stands for other tenants' addresses (anything but VirtualNetwork and
 * AzureLoadBalancer). A source known only at apply time (other than a subnet's own range) makes
 * the verdict unknown unless the known ones are already too wide. The association itself is
 * PGF-NET-7's to judge: without one this rule does not apply.
 */
export function judgeSourceBreadth(server: ServerView, stack?: StackFacts): Verdict | readonly Verdict[] {
  const found = delegatedSubnetGroups(server, stack);
  if ('verdict' in found) return found.verdict.status === 'not-applicable' ? found.verdict : notApplicable('no network security group is surely associated with the delegated subnet (PGF-NET-7 judges it)');
  // The subnet's own range is no client (the construct lets it in for high availability), whatever addresses the VNet uses.
  // Stryker disable next-line OptionalChaining: equivalent: delegatedSubnetGroups returns groups only when the subnet is in the stack
  const prefixes = server.delegatedSubnet?.config.address_prefixes;
  // Stryker disable next-line ArrayDeclaration: equivalent: the text it adds ("Stryker was here") is no address or tag, so leaving it out of the counts changes none
  const own = (Array.isArray(prefixes) ? prefixes : []).flatMap((prefix) => literalString(prefix) ?? []);
  const verdicts = found.groups.map((group) => judgeGroupBreadth(group, own, subnetSpans(server))).filter((verdict) => verdict.status !== 'pass');
  return verdicts.length > 0 ? verdicts : unseenGroups(found.groups) ?? PASS;
}

function judgeGroupBreadth(group: SecurityGroupView, subnetPrefixes: readonly string[], spans: readonly AddressSpan[] | undefined): Verdict {
  // Stryker disable next-line ArrayDeclaration: equivalent: an unreadable text (such as Stryker's) adds no address, tag or subject part
  const certain: string[] = [];
  const possible: string[] = [];
  let hidden: string | undefined;
  let unreadable: { note: string; address: string } | undefined;
  const read = (config: TerraformBlock, address: string, maybe: boolean) => {
    if (!mayGuard(config, spans)) return;
    const allows = all(equalsText(config.direction, ['inbound']), equalsText(config.access, ['allow']), equalsText(config.protocol, ['tcp', '*']), any(itemsOf(config, 'destination_port_range').map(portCovers)));
    if (allows === false) return;
    const texts = itemsOf(config, 'source_address_prefix').flatMap((prefix) => literalString(prefix) ?? []);
    const [source] = unreadableSources(texts);
    const portNote = isWide(sourceBreadth(texts)) ? unreadablePortNote(config, `security rule ${address}`) : undefined;
    if (source !== undefined) unreadable ??= { note: `how widely security rule ${address} lets PostgreSQL in depends on its source "${source}", which is not an IPv4 or IPv6 address or range, a service tag or "*" (the forms the checks read)`, address };
    else if (portNote !== undefined) unreadable ??= { note: portNote, address };
    for (const prefix of itemsOf(config, 'source_address_prefix')) {
      const text = literalString(prefix);
      if (isUnknown(prefix) && !SUBNET_RANGE.test(prefix.expression)) hidden ??= address;
      else if (text !== undefined && !subnetPrefixes.includes(text)) (allows === true && !maybe ? certain : possible).push(text);
    }
  };
  const inline = group.config.security_rule;
  if (blocksKnownLater(group.config, 'security_rule')) hidden ??= group.address;
  asList(inline).forEach((block) => read(block, group.address, false));
  group.separateRules.forEach((rule) => read(rule.config, rule.address, false));
  group.possibleRules.forEach((rule) => read(rule.config, rule.address, true));
  const breadth = sourceBreadth(certain);
  // The subject is what a justification may cover: every source known and surely applied.
  const subject = possible.length === 0 && hidden === undefined && unreadable === undefined ? sourcesSubject(certain) : undefined;
  if (isWide(breadth)) return fail(`the inbound rules of ${group.address} let PostgreSQL in from ${describeBreadth(breadth)}.`, group.address, subject);
  if (unreadable !== undefined) return unknown(unreadable.note, unreadable.address);
  if (isWide(sourceBreadth([...certain, ...possible]))) return unknown(`whether some rules of ${group.address} apply is known only at apply time, and with them how widely PostgreSQL is open`, group.address);
  if (hidden !== undefined) return unknown(`a PostgreSQL source of ${hidden} is known only at apply time, and with it how widely PostgreSQL is open`, hidden);
  return PASS;
}
