import { RuleInfo, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Suppressions are valid: each entry of the suppression list in the stack's JSON names a rule of
 * the pack, a construct path of the stack (read from a file: a block's //.metadata.path or a scope
 * above one, A46b-1), and a reason of at least 10 letters or digits written as literal
 * text (no Terraform expression). In synth, an entry must also have been added through
 * PostgresSecurityChecks.suppress, not written by an override. An invalid entry suppresses
 * nothing, and this check fails for it; it cannot itself be suppressed. In synth it also fails
 * when the list of the warnings the constructs printed (the justified weaker choices, which `check`
 * counts from the JSON) was changed by an override. The engine applies it to
 * the stack as a whole (lib/checks/evaluate.ts).
 */
export const SUPPRESSIONS_VALID: RuleInfo = {
  id: 'PG-SUP-1',
  title: 'Suppressions are valid',
  severity: RuleSeverity.ERROR,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Suppress only with PostgresSecurityChecks.suppress(scope, ruleId, reason): a rule id of the pack and a reason of at least 10 letters or digits, written as literal text; never edit the suppression list in the JSON.',
  appliesTo: 'stack',
};
