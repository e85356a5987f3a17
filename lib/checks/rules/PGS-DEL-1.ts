import { withGroupGuard } from '../group-deletion-guard';
import { preventDestroy } from '../prevent-destroy';
import { notApplicable, Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * The server survives a careless plan: lifecycle.prevent_destroy = true, and no azurerm provider of the stack turns off
 * `features.resource_group.prevent_deletion_if_contains_resources` (group-deletion-guard.ts; 91st run, A91a-2), nor does a block of any
 * stack of the app that can delete its resource group with it (group-managers.ts; B40, B42). No scanner checks it.
 */
export const rule: Rule = {
  id: 'PGS-DEL-1',
  title: 'Terraform prevent_destroy on the server',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: {},
  fix: 'Set lifecycle { prevent_destroy = true } on the server, and let no block of any stack of the app delete its resource group with it (an azurerm provider with features.resource_group.prevent_deletion_if_contains_resources off, an azapi resource group, a Complete-mode deployment).',
  appliesTo: 'single',
  evaluate: (server, stack) => {
    if (!server.defined) return notApplicable('the server is defined outside this stack');
    return withGroupGuard(preventDestroy(server), server, stack);
  },
};

