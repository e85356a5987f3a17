import { resourcesOfType } from './beside-construct';
import { isUnknown } from './hcl-expression';
import { fail, StackFacts, Verdict } from './rule';
import { SERVER_DOMAINS, shadowingNames } from './shadow-dns-zones';
import { ServerView } from './stack-model';
import { splitTemplate } from './value-readers';

// A DNS Private Resolver forwarding rule sends the queries for its domain (and every name below it),
// in each VNet linked to its ruleset, to the DNS servers it names: for the server's public name or a
// parent of it, those servers answer in place of Azure's DNS, as a shadowing private zone does
// (eighth review, A8-6). Rules for the zones Azure's DNS points the public name at
// (privatelink.postgres.database.azure.com, <zone>.private.postgres.database.azure.com) are the
// documented hub-and-spoke design, and "." or a top-level domain forwards every name as a VNet's
// custom DNS servers do: neither is judged here.

const RULE_TYPE = 'azurerm_private_dns_resolver_forwarding_rule';

/** A domain as DNS compares it: lower case, without the root's trailing dot. */
function normalized(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * True when a rule's domain_name may be one of the shadowing names: a literal one (any one label under
 * a server domain while the server's name is known only later), or a template whose text after its last
 * interpolation holds two labels or more of one ("${var.env}.postgres.database.azure.com."), or all of
 * one ("${var.stage}orders-db.postgres.database.azure.com.", the name itself where the stage is empty). A
 * domain known only later without such text is an ordinary hybrid-DNS rule (an on-premises domain).
 */
function mayShadow(domain: unknown, server: ServerView): boolean {
  // "?" stands for the server's name when it is known only later: any one label.
  // Stryker disable next-line ArrayDeclaration: equivalent: a text with capitals and blanks and no dot is no normalized domain nor the end of one
  const names = [...shadowingNames(server), ...(typeof server.config.name === 'string' ? [] : SERVER_DOMAINS.map((parent) => `?.${parent}`))];
  if (typeof domain === 'string') {
    const name = normalized(domain);
    return names.some((shadow) => shadow === name || (shadow.startsWith('?.') && name.endsWith(shadow.slice(1)) && !name.slice(0, 1 - shadow.length).includes('.')));
  }
  if (!isUnknown(domain)) return false;
  const marker = '\u0000';
  // split gives one part or more: pop() always finds the text after the last interpolation.
  const tail = normalized(splitTemplate(domain.expression, marker).literal.split(marker).pop()!);
  // Two labels or more: a dot after the first character (a leading dot only ends the interpolation's label).
  return tail.slice(1).includes('.') && names.some((shadow) => shadow.endsWith(tail));
}

/** Forwarding rules, in the stack or another, whose domain is the server's public name or a parent of it; each fails. */
export function shadowForwardingRules(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  return resourcesOfType(stack, RULE_TYPE)
    .filter((rule) => rule.config.enabled !== false && mayShadow(rule.config.domain_name, server))
    .map((rule) => fail(`${rule.address} forwards ${JSON.stringify(rule.config.domain_name ?? null)} to DNS servers of its own in the VNets linked to its ruleset, which then answer for the public name of ${owner}'s server in place of Azure's DNS: clients there reach what those servers say.`, rule.address));
}
