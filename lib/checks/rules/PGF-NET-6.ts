import { isSet, outsideStack } from '../value-readers';
import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * A VNet-integrated server (delegated_subnet_id written) has no firewall rules: Azure ignores
 * them there ("Virtual networks don't support firewall rules"), so they only mislead readers and
 * scanners. Not applicable without VNet integration. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGF-NET-6',
  title: 'No firewall rules on a VNet-integrated server',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.NETWORK,
  references: {},
  fix: 'Remove the firewall rules and control access with the delegated subnet\'s network security group.',
  appliesTo: 'flexible',
  evaluate: (server) => {
    const outside = outsideStack(server);
    if (outside) return outside;
    if (!isSet(server.config.delegated_subnet_id)) return notApplicable('the server is not VNet-integrated');
    const rules = server.firewallRules;
    if (rules.length === 0) return PASS;
    const count = rules.length === 1 ? 'a firewall rule' : `${rules.length} firewall rules`;
    return fail(`the server is VNet-integrated, where firewall rules do nothing, yet it has ${count}.`, rules[0].address);
  },
};
