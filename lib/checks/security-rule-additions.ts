import { madeBy } from './beside-construct';
import { fail, Verdict } from './rule';
import { ResourceView, SecurityGroupView, ServerView } from './stack-model';
import { literalString } from './value-readers';

// The construct declares who reaches its VNet-integrated server through the rules it writes into the
// network security group it makes for the delegated subnet (allowedSources, additionalSecurityRules,
// wideSources). A rule of anyone else in that group that may allow traffic, however narrow, is a network
// path the construct does not declare (twelfth review, A12b-5); a deny only narrows what the construct allows.

/** True when a rule surely denies (Azure reads `access` in any case): it opens nothing. */
function surelyDenies(rule: ResourceView): boolean {
  return literalString(rule.config.access)?.toLowerCase() === 'deny';
}

/** A PG-NET-1 failure for each separate security rule that may allow, in a group the construct made for the server's subnet, that it did not make. */
export function addedSecurityRules(server: ServerView, owner: string): Verdict[] {
  const subnet = server.delegatedSubnet;
  if (subnet === undefined || !madeBy(subnet, owner)) return [];
  const groups = subnet.associations.flatMap((association) => (association.securityGroup !== undefined && madeBy(association.securityGroup, owner) ? [association.securityGroup] : []));
  const verdicts: Verdict[] = [];
  const judged = new Set<ResourceView>();
  const where = (group: SecurityGroupView) => `the network security group ${group.address} that ${owner} made for the server's delegated subnet, one ${owner} does not declare.`;
  for (const group of new Set(groups)) {
    const added = (rule: ResourceView) => !madeBy(rule, owner) && !surelyDenies(rule) && !judged.has(rule);
    for (const rule of group.separateRules.filter(added)) {
      judged.add(rule);
      verdicts.push(fail(`${rule.address} adds the rule ${JSON.stringify(rule.config.name ?? null)} to ${where(group)}`, rule.address));
    }
    // A rule whose group is known only at apply time may be added to this one.
    for (const rule of group.possibleRules.filter(added)) {
      judged.add(rule);
      const pointer = rule.config.network_security_group_name;
      // By a literal name, the group's own name is the one known only at apply time (A14a-10).
      const whose = typeof pointer === 'string' ? `whose network security group ${JSON.stringify(pointer)} may be the group whose name is known only at apply time`
        : `whose network security group is known only at apply time (${String(pointer)})`;
      verdicts.push(fail(`${rule.address}, ${whose}, may add the rule ${JSON.stringify(rule.config.name ?? null)} to ${where(group)}`, rule.address));
    }
  }
  return verdicts;
}
