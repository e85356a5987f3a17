import { RuleInfo, RuleSeverity, SecurityLayer } from '../rule';

/**
 * The resources of the library's constructs stay as the construct made them: none has count,
 * for_each, a provisioner or a connection, which only an override can add. count = 0 would remove
 * a resource unseen (the delete lock, which no rule can require, since only the construct knows it
 * was asked for); for_each would copy it; a provisioner runs commands no rule reads (an
 * `az postgres ... parameter set`). A lifecycle key but those that keep it once and managed (OpenTofu's
 * `enabled`, `destroy`) is read as count, and a replace_triggered_by that lists something as a removal at each
 * trigger (lib/checks/instance-arguments.ts). The engine applies it to the stack as a whole (lib/checks/evaluate.ts).
 */
export const FIXED_RESOURCES: RuleInfo = {
  id: 'PG-CFG-2',
  title: 'Construct resources not removed, copied or scripted by count, for_each or provisioners',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Remove the count, for_each, OpenTofu lifecycle.enabled or lifecycle.destroy, lifecycle.replace_triggered_by, provisioner or connection override; change the construct\'s props instead.',
  appliesTo: 'stack',
};
