import { outsideStack } from '../value-readers';
import { withGroupGuard } from '../group-deletion-guard';
import { preventDestroy } from '../prevent-destroy';
import { Rule, RuleSeverity, SecurityLayer } from '../rule';

/**
 * Protected against destroy: lifecycle { prevent_destroy = true }, so a plan that would delete
 * or replace the server (a ForceNew change such as delegated_subnet_id or customer_managed_key,
 * or a removed construct) fails instead of dropping the data; and no azurerm provider of the stack
 * turns off `features.resource_group.prevent_deletion_if_contains_resources`, without which a plan
 * that replaces the server's resource group deletes the server with it (group-deletion-guard.ts; 91st
 * run, A91a-2); nor does a block of any stack of the app that manages that group with such a provider, or through azapi, or deploys
 * into it in Complete mode (group-managers.ts; adversarial run of stop 70, B40, B42). No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGF-DEL-1',
  title: 'Terraform prevent_destroy on the server',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: {},
  fix: 'Add lifecycle { prevent_destroy = true } to the server, and let no block of any stack of the app delete its resource group with it (an azurerm provider with features.resource_group.prevent_deletion_if_contains_resources off, an azapi resource group, a Complete-mode deployment).',
  appliesTo: 'flexible',
  evaluate: (server, stack) => {
    const outside = outsideStack(server);
    if (outside) return outside;
    return withGroupGuard(preventDestroy(server), server, stack);
  },
};

