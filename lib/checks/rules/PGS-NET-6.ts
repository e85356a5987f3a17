import { judgePublicOnly } from '../firewall-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Every firewall rule names public addresses only. A range that holds private (RFC 1918),
 * carrier-grade NAT, loopback, link-local, multicast or reserved addresses opens nothing anyone
 * can use on a public endpoint, and usually means the server was meant to be reached privately.
 * No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGS-NET-6',
  title: 'Firewall rules name public addresses only',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.NETWORK,
  references: {},
  fix: 'List the public addresses your clients connect from; reach the server from private networks through a private endpoint.',
  appliesTo: 'single',
  evaluate: (server) => judgePublicOnly(server.firewallRules),
};
