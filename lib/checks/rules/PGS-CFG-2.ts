import { judgeIgnoredChanges } from '../ignored-changes';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Drift of security settings corrected: the Single Server's lifecycle.ignore_changes is not "all"
 * and names no attribute the pack judges (SSL, public access, threat detection, backup,
 * encryption...), the resources that guard it (parameters, firewall and VNet rules, the Entra
 * administrator, keys, diagnostic settings, private endpoints, delete locks on it and the VNet
 * links of its private DNS zones) and, beside a construct, the blocks of its perimeter (azapi
 * ones by their `body`) ignore nothing but tags, and the
 * roles, grants and extensions inside it nothing but a password. Ignoring storage, SKU, tags or
 * the administrator password is allowed. No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGS-CFG-2',
  title: 'Drift of security settings corrected (no ignore_changes on them)',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Remove "all" and the security attributes from lifecycle.ignore_changes; keep only storage, SKU, tags or the administrator password there.',
  appliesTo: 'single',
  evaluate: judgeIgnoredChanges,
};
