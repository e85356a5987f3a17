import { judgeDelegatedSubnet } from '../subnet-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * The delegated subnet of a VNet-integrated server, when the stack defines it, has a network
 * security group associated, and none of the group's rules (inline security_rule blocks or
 * azurerm_network_security_rule resources) allows inbound PostgreSQL (5432, or 6432 for PgBouncer;
 * a range holding either, or "*") from "*", "Internet", "Any", 0.0.0.0/0 or ::/0. Microsoft names NSG
 * rules as the control for VNet-integrated servers (MCSB NS-1). A rule whose values are known only
 * at apply time is unknown, never a pass. A group defined outside this stack is its owner's to
 * judge; a subnet defined outside it (existingVnetIntegration by ID) is not applicable, unless the
 * stack associates a group of its own with it by the server's own pointer (the same expression or
 * literal ID): that group is the stack's write and is judged (A14b-17). A group the stack associates but does not
 * define (given by ID or a lookup) is judged by the rules the stack writes into it, azurerm or azapi, and when the
 * group of a given subnet cannot be known, every rule the stack writes into a group it does not define may be in it
 * (given-groups.ts; sixteenth review, A16a-13, A16b-3). A subnet
 * has one group: a second association replaces the first one's, so on a subnet a library
 * construct associates every other association fails (one whose subnet is known only at apply time
 * and may be that subnet too), and beside raw resources two or more do. An association an import (or a moved block) takes
 * from a given subnet while its subnet_id names another subnet deletes the given subnet's association, and fails (A96b-4).
 */
export const rule: Rule = {
  id: 'PGF-NET-7',
  title: 'Delegated subnet guarded by a network security group',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.NETWORK,
  references: { checkov: ['CKV2_AZURE_31'], azurePolicy: ['e71308d3 Subnets should be associated with a Network Security Group'] },
  fix: 'Associate a network security group with the delegated subnet and allow PostgreSQL only from the address ranges or service tags of your clients (e.g. VirtualNetwork).',
  appliesTo: 'flexible',
  evaluate: judgeDelegatedSubnet,
};
