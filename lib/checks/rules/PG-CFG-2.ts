import { RuleInfo, RuleSeverity, SecurityLayer } from '../rule';

/**
 * The resources of the library's constructs stay as the construct made them: none has count or
 * for_each, which only an override can add. count = 0 would remove a resource unseen (the delete
 * lock, which no rule can require, since only the construct knows it was asked for); for_each
 * would copy it. The engine applies it to the stack as a whole (lib/checks/evaluate.ts).
 */
export const FIXED_RESOURCES: RuleInfo = {
  id: 'PG-CFG-2',
  title: 'Construct resources not removed or copied by count or for_each',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Remove the count or for_each override; change the construct\'s props instead.',
  appliesTo: 'stack',
};
