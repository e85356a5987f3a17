import { judgeSourceBreadth } from '../subnet-checks';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * The network security group of the delegated subnet lets PostgreSQL (5432, or 6432 for
 * PgBouncer) in from at most 256 public addresses together (IPv4 and IPv6: the subnet takes
 * IPv4 only today, but "::/0" is read as what it says), overlaps counted once, and from no
 * service tag that holds other tenants' addresses (Internet, AzureCloud and its regional forms, a
 * multi-tenant service's tag; VirtualNetwork and AzureLoadBalancer are the user's own). PGF-NET-7
 * looks at each source alone: 221 rules of one public /8 each, or "0.0.0.0/1" with
 * "128.0.0.0/1", open the subnet to the internet in pieces. The threshold is PGF-NET-8's for
 * firewall rules. SecureFlexibleServer suppresses it when vnetIntegration.wideSources justifies more.
 */
export const rule: Rule = {
  id: 'PGF-NET-11',
  title: 'Network security group admits PostgreSQL from at most 256 public addresses',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.NETWORK,
  references: {},
  fix: 'Allow PostgreSQL only from your clients\' address ranges (256 public addresses in total at most) or the VirtualNetwork tag, or justify wider sources (vnetIntegration.wideSources, or a suppression with a reason).',
  appliesTo: 'flexible',
  evaluate: judgeSourceBreadth,
};
