import { fail, isUnknown, notApplicable, PASS, Rule, RuleSeverity, SecurityLayer, unknown } from '../rule';
import { literalBoolean, nestedBlock } from '../value-readers';

/** The server survives a careless plan: lifecycle.prevent_destroy = true. No scanner checks it. */
export const rule: Rule = {
  id: 'PGS-DEL-1',
  title: 'Terraform prevent_destroy on the server',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.AT_REST,
  references: {},
  fix: 'Set lifecycle { prevent_destroy = true } on the server.',
  appliesTo: 'single',
  evaluate: (server) => {
    if (!server.defined) return notApplicable('the server is defined outside this stack');
    const lifecycle = nestedBlock(server.config, 'lifecycle');
    if (lifecycle.state === 'unknown') return unknown(lifecycle.note);
    const preventDestroy = lifecycle.state === 'present' ? lifecycle.block.prevent_destroy : undefined;
    if (literalBoolean(preventDestroy) === true) return PASS;
    if (isUnknown(preventDestroy)) return unknown('lifecycle.prevent_destroy is an expression (Terraform accepts only a literal there)');
    if (preventDestroy === undefined) return fail('lifecycle.prevent_destroy is not set, so a plan may delete or replace the server and its data.');
    return fail(`lifecycle.prevent_destroy is ${JSON.stringify(preventDestroy)}, so a plan may delete or replace the server and its data.`);
  },
};
