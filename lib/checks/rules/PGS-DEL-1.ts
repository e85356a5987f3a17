import { fail, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';
import { firstBlock } from '../stack-model';

/** The server survives a careless plan: lifecycle.prevent_destroy = true. No scanner checks it. */
export const rule: Rule = {
  id: 'PGS-DEL-1',
  title: 'Protected against destroy',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: {},
  fix: 'Set lifecycle { prevent_destroy = true } on the server.',
  appliesTo: 'single',
  evaluate: (server) => {
    if (!server.defined) return notApplicable('the server is defined outside this stack');
    const preventDestroy = firstBlock(server.config.lifecycle)?.prevent_destroy;
    if (preventDestroy === true) return PASS;
    if (preventDestroy === undefined) return fail('lifecycle.prevent_destroy is not set, so a plan may delete or replace the server and its data.');
    return fail(`lifecycle.prevent_destroy is ${JSON.stringify(preventDestroy)}, so a plan may delete or replace the server and its data.`);
  },
};
