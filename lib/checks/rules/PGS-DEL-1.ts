import { withGroupGuard } from '../group-deletion-guard';
import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, unknown, Verdict } from '../rule';
import { ServerView } from '../stack-model';
import { literalBoolean, nestedBlock } from '../value-readers';

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
  if (prevent === undefined) return fail('lifecycle.prevent_destroy is not set, so a plan may delete or replace the server and its data.');
  return fail(`lifecycle.prevent_destroy is ${JSON.stringify(prevent)}, so a plan may delete or replace the server and its data.`);
}
