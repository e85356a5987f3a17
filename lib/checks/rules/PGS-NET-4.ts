import { allowsAzureServices, judgeFirewallRules, mayAllowAzureServices } from '../firewall-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * No 0.0.0.0-0.0.0.0 firewall rule, which Azure reads as "Allow access to Azure services": any
 * Azure tenant's resources could then reach the server. No scanner checks this for PostgreSQL:
 * CKV2_AZURE_6 has the title but targets azurerm_sql_* resources only.
 */
export const rule: Rule = {
  id: 'PGS-NET-4',
  title: '"Allow Azure services" rule absent',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.NETWORK,
  references: { cis: ['Fnd v2 4.3.7'] },
  fix: 'Remove the 0.0.0.0-0.0.0.0 firewall rule and reach the server through a private endpoint.',
  appliesTo: 'single',
  evaluate: (server) =>
    judgeFirewallRules(server.firewallRules, allowsAzureServices, mayAllowAzureServices, (firewallRule) =>
      `firewall rule ${firewallRule.name} (0.0.0.0-0.0.0.0) lets every Azure service, in any tenant, reach the server.`),
};
