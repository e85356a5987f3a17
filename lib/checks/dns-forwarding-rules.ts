import { resourcesOfType } from './beside-construct';
import { ANYTHING, expressionReadings } from './expression-readings';
import { isUnknown } from './hcl-expression';
import { idKey, nameKey } from './azure-keys';
import { mayBeOneOf, publicNames, shadowingNames } from './public-name-shadows';
import { azapiType, azapiWriters, bodyProperties, pointerBody, requestBody } from './azapi-writes';
import { afterWrite, patchesLive } from './live-patch';
import { clearsMember } from './azapi-writes';
import { fail, StackFacts, Verdict } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { sameVnet, serverVnets, vnetOfId } from './server-vnets';
import { everyBlock } from './dynamic-blocks';
import { privateZoneNames } from './private-name-shadows';
import { ipv4ToNumber, isIpv4 } from '../private/ipv4';
import { oncePerStack } from './per-stack';

// A DNS Private Resolver forwarding rule sends the queries for its domain (and every name below it),
// in each VNet linked to its ruleset, to the DNS servers it names: for the server's public name or a
// parent of it, those servers answer in place of Azure's DNS, as a shadowing private zone does
// (eighth review, A8-6). Rules for the zones Azure's DNS points the public name at
// (privatelink.postgres.database.azure.com, <zone>.private.postgres.database.azure.com) are the
// documented hub-and-spoke design when they send to the hub's own resolver (a private address, Azure's DNS, an inbound endpoint
// of a DNS Private Resolver); to any other server, or one known only later, they answer for the private name the public name
// leads to, and fail (nineteenth review, A19a-11). A domain may be such a name by the predicate private
// zones are judged by (public-name-shadows.ts): a literal, or a template whose literal parts may spell one.
// A rule, unlike a zone, may be for "." or a top-level domain: every name below it, the server's
// included, as a VNet's custom DNS servers, which fail too (seventeenth review, A17a-5). Only a literal
// text is read so, as written or as one the domain may be (a branch, a local's item: expression-readings.ts,
// A18a-8): a template ending in "com." is a company's domain.

export const RULE_TYPE = 'azurerm_private_dns_resolver_forwarding_rule';

/** The ARM type of a forwarding rule, as azapi writes it. */
const AZAPI_RULE = 'microsoft.network/dnsforwardingrulesets/forwardingrules';

/** Forwarding rules, in the stack or another, whose domain is the server's public name or a parent of it; each fails. */
export function shadowForwardingRules(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const names = shadowingNames(server);
  // The root ("" once its final dot is read off) and the top-level domain of each public name.
  const wide = ['', ...publicNames(server).map((name) => name.split('.').pop()!)];
  // Each text the domain may be (a conditional's branch, a constant local's item: A18a-8), read literally; any text may be the root.
  const forwardsWide = (domain: unknown) => (expressionReadings(domain, stack) ?? []).some((text) => text.includes(ANYTHING) || (!text.includes('*') && wide.includes(nameKey(text))));
  const rules = resourcesOfType(stack, RULE_TYPE).map((rule) => ({ rule, domain: rule.config.domain_name, enabled: rule.config.enabled !== false }));
  // azapi writes the same rule: its domain and state in the body (fourteenth review, A14b-13).
  const azapiRules = azapiWriters(stack).filter((block) => azapiType(block) === AZAPI_RULE).map((rule) => {
    const properties = bodyProperties(rule);
    const known = nestedObject(properties);
    // A partial write that retargets or enables a rule leaves its live domain, which may be "." (live-patch.ts, A18b-2).
    // Clearing the state with a null enables the rule (Azure's default state is Enabled).
    const writes = (name: string) => known !== undefined && (known[name] !== undefined || clearsMember(known, name));
    const live = known !== undefined && patchesLive(rule) && known.domainName === undefined && (writes('targetDnsServers') || writes('forwardingRuleState'));
    // The domain is a pointer: a value a known part of the body gives fails, else it is known only later, never "none" (A18a-1).
    // The state is a setting: read from the whole body only.
    const domain = isUnknown(properties) ? nestedObject(nestedObject(pointerBody(rule))?.properties)?.domainName ?? properties
      : live ? afterWrite(rule, known, ['domainName'], 'the forwarding rule').domainName : known?.domainName;
    return { rule, domain, enabled: known?.forwardingRuleState !== 'Disabled', live, targets: azapiTargets(known) };
  });
  const all = [...rules.map((rule) => ({ ...rule, live: false, targets: azurermTargets(rule.rule.config) })), ...azapiRules];
  const shadowing = all.filter(({ domain, enabled, live }) => enabled && (live || mayBeOneOf(domain, names, stack) || forwardsWide(domain)));
  // The private name the public name leads to (or a zone above it), forwarded to servers that may not be the hub's own (A19a-11).
  const privateNames = privateZoneNames(server);
  // On the delegated subnet's own VNet the server's zone is linked: a rule for its name answers first, to any server but Azure's.
  const ownZoneNames = privateNames.filter((name) => !name.includes('privatelink.'));
  const onOwnVnet = (rule: ResourceView) => delegatedVnetLinked(server, rule, stack);
  // A private address the stack itself places on a machine (a NIC, a load balancer's frontend, a private endpoint) is a DNS server it
  // runs, whose answers no rule reads: not the hub's resolver (queued after the nineteenth run, A19a-11's residual).
  // Read only when the stack has a forwarding rule: it walks every block of the stack.
  const machines = all.length === 0 ? new Map<string, string>() : machineAddresses(stack);
  const ownMachine = (target: unknown) => typeof target === 'string' && machines.has(target.trim());
  const leading = all.filter((each) => !shadowing.includes(each) && each.enabled && mayBeOneOf(each.domain, privateNames, stack)
    && (each.targets.some(mayBeForeign) || each.targets.some(ownMachine) || (mayBeOneOf(each.domain, ownZoneNames, stack) && each.targets.some(notAzureDns) && onOwnVnet(each.rule))));
  return [...shadowing.map(({ rule, domain }) => fail(`${rule.address} forwards ${JSON.stringify(domain ?? null)} to DNS servers of its own in the VNets linked to its ruleset, which then answer for the public name of ${owner}'s server in place of Azure's DNS: clients there reach what those servers say.`, rule.address)),
    ...leading.map(({ rule, domain, targets }) => (!targets.some(mayBeForeign) && targets.some(ownMachine)
      ? fail(`${rule.address} forwards ${JSON.stringify(domain ?? null)}, which may hold the private name the public name of ${owner}'s server leads to, to ${JSON.stringify(targets.find(ownMachine))}, the private address of ${machines.get(String(targets.find(ownMachine)).trim())}, a machine of the stack (no DNS Private Resolver inbound endpoint, nor Azure's DNS) whose answers no rule reads: clients in the VNets linked to its ruleset reach what it says.`, rule.address)
      : fail(targets.some(mayBeForeign)
      ? `${rule.address} forwards ${JSON.stringify(domain ?? null)}, which may hold the private name the public name of ${owner}'s server leads to, to ${JSON.stringify(targets.find(mayBeForeign) ?? null)}, which may be no private DNS server of the network (not a private address, nor a DNS Private Resolver inbound endpoint of the stack): clients in the VNets linked to its ruleset reach what it says.`
      : `${rule.address} forwards ${JSON.stringify(domain ?? null)}, the name of the zone ${owner}'s server resolves in or a parent of it, to ${JSON.stringify(targets.find(notAzureDns) ?? null)} on the VNet of the server's delegated subnet, where it answers before the linked zone: clients there reach what that server says.`, rule.address)))];
}

/** The blocks that answer DNS for what they are sent from the linked zones: their private addresses are the hub's resolver. */
const RESOLVER_ENDPOINTS = ['azurerm_private_dns_resolver_inbound_endpoint', 'microsoft.network/dnsresolvers/inboundendpoints'];
/** The argument (azurerm) and body property (azapi, any case) that place a static private address on a machine. */
const PRIVATE_ADDRESS = ['private_ip_address', 'privateipaddress'];

/**
 * The literal private addresses the stack places on a machine (any block but a resolver's inbound endpoint), each with the block:
 * once per evaluation (it walks every block's config, and every server asks it).
 */
const machineAddresses = oncePerStack((stack): ReadonlyMap<string, string> => {
  const found = new Map<string, string>();
  const walk = (value: unknown, address: string): void => {
    if (Array.isArray(value)) value.forEach((each) => walk(each, address));
    else if (value !== null && typeof value === 'object' && !isUnknown(value)) {
      for (const [key, each] of Object.entries(value)) {
        if (PRIVATE_ADDRESS.includes(key.toLowerCase()) && typeof each === 'string' && isIpv4(each.trim())) found.set(each.trim(), address);
        else walk(each, address);
      }
    }
  };
  for (const block of stack?.resources?.values() ?? []) {
    const azapi = block.type.startsWith('azapi_');
    if (RESOLVER_ENDPOINTS.includes(azapi ? azapiType(block) ?? '' : block.type)) continue;
    walk(azapi ? requestBody(block) : block.config, block.address);
  }
  return found;
});

/** Whether a target may be other than Azure's DNS or an inbound endpoint of a DNS Private Resolver (which answer from the linked zones). */
function notAzureDns(target: unknown): boolean {
  return !(typeof target === 'string' && target.trim() === '168.63.129.16') && !(isUnknown(target) && target.references.length > 0 && target.references.every((reference) => INBOUND_ENDPOINT.test(reference)));
}

/** Whether a rule's ruleset is linked (by an azurerm link of the same ruleset pointer) to the VNet of the server's delegated subnet, for sure. */
function delegatedVnetLinked(server: ServerView, rule: ResourceView, stack: StackFacts | undefined): boolean {
  const ruleset = rule.type === RULE_TYPE ? rule.config.dns_forwarding_ruleset_id : rule.config.parent_id;
  const vnets = serverVnets(server, stack).filter((vnet) => vnet.role.includes('delegated subnet')).map((vnet) => vnet.vnet);
  const same = (a: unknown, b: unknown) => a !== undefined && (typeof a === 'string' && typeof b === 'string' ? idKey(a) === idKey(b) : String(a).trim() === String(b).trim());
  return resourcesOfType(stack, 'azurerm_private_dns_resolver_virtual_network_link').some((link) => same(link.config.dns_forwarding_ruleset_id, ruleset)
    && vnets.some((vnet) => sameVnet(vnetOfId(link.config.virtual_network_id, stack), vnet) === true));
}

/** The addresses a forwarding rule sends to: each target's ip_address (a block list known only later is one address known later). */
function azurermTargets(config: { readonly [key: string]: unknown }): unknown[] {
  if (isUnknown(config.target_dns_servers)) return [config.target_dns_servers];
  return everyBlock(config, 'target_dns_servers').map((target) => target.ip_address);
}

/** The targets of an azapi rule's known properties: each ipAddress; a list known only later is one address known later. */
function azapiTargets(properties: { readonly [key: string]: unknown } | undefined): unknown[] {
  const targets = properties?.targetDnsServers;
  if (!Array.isArray(targets)) return [targets];
  return targets.map((target) => nestedObject(target)?.ipAddress ?? target);
}

/**
 * Whether a forwarding target may be a DNS server outside the network: a literal address outside the private ranges (Azure's own
 * DNS, 168.63.129.16, is inside), or one known only later but the address of a DNS Private Resolver inbound endpoint (the
 * documented hub design: it answers from the private zones linked to its VNet).
 */
function mayBeForeign(target: unknown): boolean {
  if (typeof target === 'string') return !(isIpv4(target.trim()) && PRIVATE.some(([base, bits]) => ipv4ToNumber(target.trim()) >>> (32 - bits) === ipv4ToNumber(base) >>> (32 - bits)));
  if (!isUnknown(target)) return true;
  return target.references.length === 0 || !target.references.every((reference) => INBOUND_ENDPOINT.test(reference));
}

/** The private ranges (RFC 1918) and Azure's DNS address, as base and prefix length. */
const PRIVATE: readonly (readonly [string, number])[] = [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['168.63.129.16', 32]];
/** A reference to a DNS Private Resolver inbound endpoint, made or looked up. */
const INBOUND_ENDPOINT = /^(?:data\.)?azurerm_private_dns_resolver_inbound_endpoint\./;

/** An object value of a block, or undefined for anything else (a body known only later is no rule the pack can read). */
function nestedObject(value: unknown): { readonly [key: string]: unknown } | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value) ? value as { readonly [key: string]: unknown } : undefined;
}
