import { judgeBreadth } from '../firewall-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * The firewall rules of the server open at most 256 addresses (a /24) together, overlaps counted
 * once: "0.0.0.1-255.255.255.254", or two ranges that share the internet between them, pass
 * PGS-NET-3 and CKV_AZURE_11, which look only for 0.0.0.0 and 255.255.255.255. Trivy's
 * AVD-AZU-0029 is stricter: any public range wider than one address. The 0.0.0.0-0.0.0.0 rule is
 * PGS-NET-4's. SecureSingleServer suppresses it when publicAccess.wideRanges justifies more.
 */
export const rule: Rule = {
  id: 'PGS-NET-5',
  title: 'Firewall rules open at most 256 addresses together',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.NETWORK,
  references: { trivy: ['AVD-AZU-0029'] },
  fix: 'Narrow the firewall rules to the addresses your clients connect from (256 in total at most), or justify wider ranges (publicAccess.wideRanges, or a suppression with a reason).',
  appliesTo: 'single',
  evaluate: (server) => judgeBreadth(server.firewallRules),
};
