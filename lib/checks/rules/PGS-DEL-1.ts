import { withGroupGuard } from '../group-deletion-guard';
import { preventDestroy } from '../prevent-destroy';
import { notApplicable, Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * The server survives a careless plan: lifecycle.prevent_destroy = true, and no azurerm provider of the stack turns off
 * `features.resource_group.prevent_deletion_if_contains_resources` (group-deletion-guard.ts; 91st run, A91a-2). No scanner checks it.
 */
export const rule: Rule = {
  id: 'PGS-DEL-1',
  title: 'Terraform prevent_destroy on the server',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: {},
  fix: 'Set lifecycle { prevent_destroy = true } on the server.',
  appliesTo: 'single',
  evaluate: (server, stack) => {
    if (!server.defined) return notApplicable('the server is defined outside this stack');
    return withGroupGuard(preventDestroy(server), server, stack);
  },
};

