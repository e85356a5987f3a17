import { madeBy, ownerConstruct } from '../beside-construct';
import { shadowForwardingRules } from '../dns-forwarding-rules';
import { foreignZoneAnswers } from '../dns-zone-answers';
import { forwardingPaths } from '../forwarding-paths';
import { givenZoneAnswers } from '../given-zones';
import { laterChildren, mayBeTheServer } from '../later-servers';
import { referencedResources } from '../referenced-resources';
import { addedSecurityRules } from '../security-rule-additions';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts, Verdict } from '../rule';
import { alwaysAllowedPaths } from '../security-admin-rules';
import { connectedVnets } from '../connectivity-configurations';
import { unreadNetworkManagerWriters } from '../network-manager-types';
import { outsideGroupMembers } from '../outside-groups';
import { unreadAdminDeployments } from '../manager-deployments';
import { privateNameShadows } from '../private-name-shadows';
import { shadowEndpointZones, shadowServerZones, shadowZoneAnswers } from '../shadow-dns-zones';
import { ServerView } from '../stack-model';
import { sourceRewriters } from '../source-rewriters';
import { sourceTranslators } from '../source-translators';
import { vnetWideWriters } from '../vnet-wide-writers';

/**
 * Network paths to a construct's server are the construct's: on a server that SecureFlexibleServer
 * or SecureSingleServer made, every private endpoint, VNet rule and firewall rule to it is one the
 * construct made from its props, the server stays in the subnet the construct made (whose network security group
 * the pack judges, and holds only the rules the construct wrote into it) and resolves in the private DNS zone it made (a record
 * in a zone known only at apply time that may be that zone counts). A path added beside the construct,
 * from any subscription, or the server moved by override, fails unless a suppression on it gives
 * the reason. A construct given an existing subnet or zone by ID suppresses the rule for that
 * pointer, not for a record or registering link the stack writes into that zone by its pointer. The zones it resolves in answer only as Azure writes them: a record that may answer for
 * the server's name, or a VNet link with auto-registration, fails too; so does a record or VNet link of a zone named for the
 * server's public name or a parent of it (a literal name, or a template that may be one: public-name-shadows.ts), which answers for that name in place of Azure's DNS, a zone the server resolves in so named, and a DNS forwarding rule for such a name; a record of a namesake or a parent of the zone of the private name the public name leads to (private-name-shadows.ts). A forwarder (an Azure Firewall DNAT rule, a load balancer's
 * backend address, an Application Gateway backend; azurerm or azapi) from anything but private ranges to an address of
 * the server's subnets or to its name, on a PostgreSQL port, is a path too (forwarding-paths.ts), and so is a Virtual
 * Network Manager security admin rule that may AlwaysAllow PostgreSQL into the construct's subnet (security-admin-rules.ts),
 * which Azure applies without the NSG. What joins a VNet the server is reachable in to other networks (a gateway, Bastion's IP
 * connect, a peering, a hub connection, a Virtual Network Manager connectivity configuration: connectivity-configurations.ts)
 * while its sources hold the whole VNet, and DNS servers other than Azure's on it, are paths too (vnet-wide-writers.ts); once the
 * sources are prefixes, a gateway's ingress NAT rule or point-to-site pool that gives other networks' clients an allowed address
 * is one (source-translators.ts). Other
 * servers' paths are their owners' to judge. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PG-NET-1',
  title: 'Network paths to a construct\'s server are its own',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.NETWORK,
  references: {},
  fix: 'Declare the path through the construct\'s network props, or review it and suppress PG-NET-1 on the resource with the reason; remove overrides of delegated_subnet_id and private_dns_zone_id.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const owner = ownerConstruct(server, stack);
    if (owner === undefined) return notApplicable('the server is not made by a construct of the library: its network paths are its owner\'s to judge');
    const added = [...server.privateEndpoints, ...server.virtualNetworkRules].filter((path) => !madeBy(path, owner)).map((path): Verdict => {
      // Both azurerm_private_endpoint and azurerm_postgresql_virtual_network_rule name their subnet in subnet_id.
      return fail(`${path.address} reaches the server from subnet ${JSON.stringify(path.config.subnet_id ?? null)}, a path ${owner} does not declare.`, path.address);
    });
    // The construct's own firewall rules are the ranges its props justify; any other opens the server to more (tenth review, A10b-1).
    const opened = server.firewallRules.filter((firewallRule) => !madeBy(firewallRule, owner)).map((firewallRule) => fail(
      `${firewallRule.address} lets ${JSON.stringify(firewallRule.config.start_ip_address ?? null)} to ${JSON.stringify(firewallRule.config.end_ip_address ?? null)} through the server's firewall, a path ${owner} does not declare.`, firewallRule.address));
    // A path whose server is known only at apply time may be one to this server (twelfth review, A12b-4).
    const later = [...laterChildren(server, owner, stack, 'privateEndpoints'), ...laterChildren(server, owner, stack, 'virtualNetworkRules'), ...laterChildren(server, owner, stack, 'firewallRules')]
      .map((path) => fail(`${path.address}, ${mayBeTheServer(path)}, opens a network path ${owner} does not declare.`, path.address));
    const verdicts = [...added, ...opened, ...later, ...addedSecurityRules(server, owner), ...movedNetwork(server, owner, stack), ...foreignZoneAnswers(server, owner, stack), ...givenZoneAnswers(server, owner, stack), ...shadowZoneAnswers(server, owner, stack), ...shadowEndpointZones(server, owner, stack), ...shadowServerZones(server, owner, stack), ...privateNameShadows(server, owner, stack), ...shadowForwardingRules(server, owner, stack),
      ...forwardingPaths(server, owner, stack), ...alwaysAllowedPaths(server, owner, stack), ...connectedVnets(server, owner, stack), ...unreadNetworkManagerWriters(server, owner, stack), ...outsideGroupMembers(server, owner, stack), ...unreadAdminDeployments(server, owner, stack),
      ...vnetWideWriters(server, owner, stack), ...sourceTranslators(server, owner, stack), ...sourceRewriters(server, owner, stack)];
    return verdicts.length > 0 ? verdicts : PASS;
  },
};

/**
 * The subject of a pointer of the server's network: a construct given an existing subnet or zone by
 * ID justifies that pointer, and PG-CFG-6 pins its value, so the subject names the attribute only
 * (a pointer the checks cannot read, through locals, is covered all the same, and nothing else of
 * PG-NET-1 is: tenth review, A10a-14).
 */
export function networkSubject(attribute: 'delegated_subnet_id' | 'private_dns_zone_id'): string {
  return attribute;
}

/** The server's subnet and DNS zone, when they are not the ones the library made for it. */
function movedNetwork(server: ServerView, owner: string, stack: StackFacts | undefined): Verdict[] {
  const verdicts: Verdict[] = [];
  const subnetId = server.config.delegated_subnet_id;
  const subnet = server.delegatedSubnet;
  if (subnetId !== undefined && !(subnet !== undefined && madeBy(subnet, owner))) {
    verdicts.push(fail(`delegated_subnet_id is ${JSON.stringify(subnetId)}, not a subnet ${owner} made: no rule judges who that subnet lets in.`, undefined, networkSubject('delegated_subnet_id')));
  }
  const zoneId = server.config.private_dns_zone_id;
  const libraryZone = referencedResources(zoneId, 'azurerm_private_dns_zone', stack?.resources).some((zone) => (stack?.constructs ?? []).some((scope) => madeBy(zone, scope)));
  if (zoneId !== undefined && !libraryZone) {
    verdicts.push(fail(`private_dns_zone_id is ${JSON.stringify(zoneId)}, not a zone the library made: whoever holds that zone answers for the server's name.`, undefined, networkSubject('private_dns_zone_id')));
  }
  return verdicts;
}
