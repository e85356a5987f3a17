import { createdGroup, mayBeSameVnet, membershipOf, serverVnets } from './network-group-members';
import { fail, StackFacts, Verdict } from './rule';
import { ServerView } from './stack-model';
import { isUnknown } from './hcl-expression';

// A static member puts a VNet under every configuration of its network group: the group's security admin rules (an
// AlwaysAllow passes the construct's network security group) and its connectivity configurations (nineteenth review,
// A19b-10). A group the stack creates is judged by what the stack writes into it (security-admin-rules.ts,
// connectivity-configurations.ts); a group outside the stack (a literal ID, a lookup, a variable, an imported or only
// updated group) has configurations the checks cannot read, so a membership of a VNet the server answers in fails closed,
// the twin of a link to a DNS forwarding ruleset outside the stack (vnet-wide-writers.ts).

function shown(value: unknown): string {
  return isUnknown(value) ? value.toString() : JSON.stringify(value ?? null);
}

/** PG-NET-1 failures of the static members that may add a VNet the server answers in to a network group the stack does not create. */
export function outsideGroupMembers(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const vnets = serverVnets(server, stack);
  if (vnets.length === 0) return [];
  const membership = membershipOf(stack);
  return membership.members
    .filter((member) => vnets.some((vnet) => mayBeSameVnet(member.vnet, vnet)) && !createdGroup(member.group, membership))
    .map((member) => fail(`${member.block.address} may add the VNet of ${owner}'s server to network group ${shown(member.pointer)}, which the stack does not create: the security admin rules and connectivity configurations written for that group elsewhere (an AlwaysAllow rule passes the construct's network security group) then act on that VNet, and cannot be read. Write the group in the stack (what the stack writes into it is judged), or review that group's configurations and suppress PG-NET-1 on the resource with the reason.`, member.block.address));
}
