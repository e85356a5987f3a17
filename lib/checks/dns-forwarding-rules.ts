import { resourcesOfType } from './beside-construct';
import { ANYTHING, expressionReadings } from './expression-readings';
import { isUnknown } from './hcl-expression';
import { nameKey } from './azure-keys';
import { mayBeOneOf, publicNames, shadowingNames } from './public-name-shadows';
import { azapiType, azapiWriters, bodyProperties, pointerBody } from './azapi-writes';
import { afterWrite, patchesLive } from './live-patch';
import { clearsMember } from './azapi-writes';
import { fail, StackFacts, Verdict } from './rule';
import { ServerView } from './stack-model';

// A DNS Private Resolver forwarding rule sends the queries for its domain (and every name below it),
// in each VNet linked to its ruleset, to the DNS servers it names: for the server's public name or a
// parent of it, those servers answer in place of Azure's DNS, as a shadowing private zone does
// (eighth review, A8-6). Rules for the zones Azure's DNS points the public name at
// (privatelink.postgres.database.azure.com, <zone>.private.postgres.database.azure.com) are the
// documented hub-and-spoke design: not judged here. A domain may be such a name by the predicate private
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
    return { rule, domain, enabled: known?.forwardingRuleState !== 'Disabled', live };
  });
  return [...rules.map((rule) => ({ ...rule, live: false })), ...azapiRules]
    .filter(({ domain, enabled, live }) => enabled && (live || mayBeOneOf(domain, names, stack) || forwardsWide(domain)))
    .map(({ rule, domain }) => fail(`${rule.address} forwards ${JSON.stringify(domain ?? null)} to DNS servers of its own in the VNets linked to its ruleset, which then answer for the public name of ${owner}'s server in place of Azure's DNS: clients there reach what those servers say.`, rule.address));
}

/** An object value of a block, or undefined for anything else (a body known only later is no rule the pack can read). */
function nestedObject(value: unknown): { readonly [key: string]: unknown } | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value) ? value as { readonly [key: string]: unknown } : undefined;
}
