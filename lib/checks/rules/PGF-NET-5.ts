import { allowsAzureServices, judgeFirewallRules, mayAllowAzureServices } from '../firewall-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * No "Allow public access from any Azure service" firewall rule (0.0.0.0-0.0.0.0): it admits every
 * Azure resource, other tenants' included. Checkov's CKV2_AZURE_6 has this title but only targets
 * azurerm_sql_server / azurerm_sql_firewall_rule, so it never sees PostgreSQL; CKV2_AZURE_26 does
 * fail the rule, and Trivy's AVD-AZU-0029 lets it through. A rule whose addresses are references
 * and could be 0.0.0.0 is not applicable until they are known.
 */
export const rule: Rule = {
  id: 'PGF-NET-5',
  title: '"Allow Azure services" rule absent',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.NETWORK,
  references: { cis: ['Fnd v3 5.2.5'], checkov: ['CKV2_AZURE_26'] },
  fix: 'Remove the 0.0.0.0-0.0.0.0 firewall rule and reach the server through a private endpoint or VNet integration.',
  appliesTo: 'flexible',
  evaluate: (server) =>
    judgeFirewallRules(server.firewallRules, allowsAzureServices, mayAllowAzureServices, () =>
      'the firewall rule 0.0.0.0-0.0.0.0 lets every Azure service, other tenants\' included, reach the server.'),
};
