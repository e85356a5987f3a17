import { literalBoolean, nestedBlock, outsideStack } from '../value-readers';
import { withGroupGuard } from '../group-deletion-guard';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, unknown, Verdict } from '../rule';
import { ServerView } from '../stack-model';

/**
 * Protected against destroy: lifecycle { prevent_destroy = true }, so a plan that would delete
 * or replace the server (a ForceNew change such as delegated_subnet_id or customer_managed_key,
 * or a removed construct) fails instead of dropping the data; and no azurerm provider of the stack
 * turns off `features.resource_group.prevent_deletion_if_contains_resources`, without which a plan
 * that replaces the server's resource group deletes the server with it (group-deletion-guard.ts; 91st
 * run, A91a-2). No scanner has this check.
 */
export const rule: Rule = {
  id: 'PGF-DEL-1',
  title: 'Terraform prevent_destroy on the server',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: {},
  fix: 'Add lifecycle { prevent_destroy = true } to the server.',
  appliesTo: 'flexible',
  evaluate: (server, stack) => {
    const outside = outsideStack(server);
    if (outside) return outside;
    return withGroupGuard(preventDestroy(server), stack);
  },
};

/** The server's own lifecycle.prevent_destroy. */
function preventDestroy(server: ServerView): Verdict {
  const lifecycle = nestedBlock(server.config, 'lifecycle');
  if (lifecycle.state === 'unknown') return unknown(lifecycle.note);
  const prevent = lifecycle.state === 'present' ? lifecycle.block.prevent_destroy : undefined;
  if (literalBoolean(prevent) === true) return PASS;
  if (isUnknown(prevent)) return unknown('lifecycle.prevent_destroy is an expression (Terraform accepts only a literal there)');
  if (prevent === undefined) return fail('lifecycle.prevent_destroy is not set, so Terraform may destroy the server and its data.');
  return fail(`lifecycle.prevent_destroy is ${JSON.stringify(prevent)}, not true.`);
}
