import { judgeIgnoredChanges } from '../ignored-changes';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Drift of security settings corrected: the server's lifecycle.ignore_changes is not "all" and
 * names no attribute the pack judges (public access, authentication, backup, high availability,
 * network, keys...), the resources that guard it (parameters, firewall rules, administrators,
 * diagnostic settings, private endpoints, the delegated subnet and its network security group,
 * delete locks on the server and the VNet links of its private DNS zones) and, beside a construct,
 * the blocks of its perimeter (VNet, groups, zones, vault, log workspace; azapi ones by their `body`)
 * ignore nothing but tags, and the roles, grants and extensions inside it (postgresql provider)
 * nothing but a password. An ignored attribute keeps whatever value it has in Azure, so every rule
 * passes on a declared value that is not the real one. Ignoring the zones (PGF-AVL-2), storage,
 * SKU, maintenance window, tags or a password is allowed. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGF-CFG-2',
  title: 'Drift of security settings corrected (no ignore_changes on them)',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Remove "all" and the security attributes from lifecycle.ignore_changes; keep only zone, high_availability[0].standby_availability_zone, storage, SKU, maintenance window, tags or passwords there.',
  appliesTo: 'flexible',
  evaluate: judgeIgnoredChanges,
};
