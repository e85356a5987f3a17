import { describeRange, judgeFirewallRules, mayOpenToInternet, opensToInternet } from '../firewall-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * No firewall rule of the server is open to the internet: none starts at 0.0.0.0 (other than the
 * 0.0.0.0-0.0.0.0 "Allow Azure services" rule, which PGF-NET-5 judges) and none ends at
 * 255.255.255.255. This is CKV2_AZURE_26 without the Azure-services case. Trivy's AVD-AZU-0029 is
 * broader: it fails any public range wider than one address; this rule does not.
 * A rule whose addresses are references is judged once they are known: not applicable until then.
 */
export const rule: Rule = {
  id: 'PGF-NET-4',
  title: 'No firewall rule from 0.0.0.0 or to 255.255.255.255',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.NETWORK,
  references: { checkov: ['CKV2_AZURE_26'], trivy: ['AVD-AZU-0029'] },
  fix: 'Remove the firewall rule, or narrow it to the client addresses that need the server.',
  appliesTo: 'flexible',
  evaluate: (server) =>
    judgeFirewallRules(server.firewallRules, opensToInternet, mayOpenToInternet, (_, range) =>
      `the firewall rule allows ${describeRange(range)}, which opens the server to the internet.`),
};
