import { describeRange, judgeFirewallRules, mayOpenToInternet, opensToInternet } from '../firewall-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * No firewall rule lets the whole internet in: a rule fails when it starts at 0.0.0.0 (or
 * "0.0.0.0/0") and ends anywhere but 0.0.0.0, or when it ends at 255.255.255.255. The
 * 0.0.0.0-0.0.0.0 "Azure services" rule is PGS-NET-4's.
 *
 * Differs from CKV_AZURE_11, which fails only the exact 0.0.0.0-255.255.255.255 pair and so
 * passes e.g. 0.0.0.0-255.255.255.254. Narrower than AVD-AZU-0029, which fails any public range
 * wider than one address.
 */
export const rule: Rule = {
  id: 'PGS-NET-3',
  title: 'No firewall rule from 0.0.0.0 or to 255.255.255.255',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.NETWORK,
  references: { checkov: ['CKV_AZURE_11'], trivy: ['AVD-AZU-0029'] },
  fix: 'Remove the rule and reach the server through a private endpoint, or allow only the addresses of the clients that need it.',
  appliesTo: 'single',
  evaluate: (server) =>
    judgeFirewallRules(server.firewallRules, opensToInternet, mayOpenToInternet, (firewallRule, range) =>
      `firewall rule ${firewallRule.name} opens the server to the internet (${describeRange(range)}).`),
};
