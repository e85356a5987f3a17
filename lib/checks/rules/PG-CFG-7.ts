import { fail, PASS, Rule, RuleSeverity, SecurityLayer } from '../rule';
import { FORGETS } from '../writer-kinds';

/**
 * A removed block whose lifecycle.destroy is not true makes Terraform forget its object and leave
 * it in Azure (forgotten-objects.ts): a firewall rule, an Entra administrator, a parameter, a
 * private endpoint or a module's resources, once judged (or suppressed with a reason), then stay
 * beside the server while the stack, its suppressions and every report no longer show them
 * (eleventh review, A11b-7). It names an address in the state, not a server, so it counts beside
 * every server of its stack: a warning beside raw resources, an error on a server of the library's
 * constructs, whose warnings fail synth. The block has no construct path: a reviewed one takes a
 * suppression of this rule on the server's construct (or its stack), which covers no other kind of
 * finding. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PG-CFG-7',
  title: 'No object forgotten beside a server',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Let Terraform destroy the object (leave lifecycle.destroy unset or true), or keep managing it in the stack; if it must stay in Azure, review it and suppress PG-CFG-7 on the server\'s construct with the reason.',
  appliesTo: 'any',
  evaluate: (server) => {
    const forgotten = server.possibleWriters.filter((writer) => writer.what === FORGETS);
    if (forgotten.length === 0) return PASS;
    return forgotten.map((block) => fail(`${block.address} makes Terraform forget ${block.name} without destroying it (its lifecycle.destroy is not true): the object stays in Azure beside the server, where it may still reach it, and no rule judges it any more.`, block.address));
  },
};
