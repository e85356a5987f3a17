import { ownValue } from '../../private/own-keys';
import { destroyedObjectHarm, LOG_DESTINATIONS, removedType } from '../destroyed-objects';
import { fail, isUnknown, PASS, Rule, RuleSeverity, SecurityLayer, StackFacts } from '../rule';
import { ServerView } from '../stack-model';
import { DESTROYS, FORGETS } from '../writer-kinds';

/**
 * A removed block whose lifecycle.destroy is not true makes Terraform forget its object and leave
 * it in Azure (forgotten-objects.ts): a firewall rule, an Entra administrator, a parameter, a
 * private endpoint or a module's resources, once judged (or suppressed with a reason), then stay
 * beside the server while the stack, its suppressions and every report no longer show them
 * (eleventh review, A11b-7). One that destroys its object (destroy true or not set) deletes what the
 * state holds there, settings no rule reads any more: one of a type that may guard a server (a lock,
 * a parameter, a diagnostic setting, a network rule, pgaudit), a whole module, or a block whose delete
 * does what its body said (azapi, Graph, REST) fails the same way (destroyed-objects.ts); one that only
 * narrows (a firewall rule) or holds no guard (a storage account) passes.
 * It names an address in the state, not a server, so it counts beside
 * every server of its stack: a warning beside raw resources, an error on a server of the library's
 * constructs, whose warnings fail synth. The block has no construct path: a reviewed one takes a
 * suppression of this rule on the server's construct (or its stack), which covers no other kind of
 * finding. No Checkov or Trivy check.
 */
export const rule: Rule = {
  id: 'PG-CFG-7',
  title: 'No object forgotten or destroyed unjudged beside a server',
  severity: RuleSeverity.WARNING,
  layer: SecurityLayer.CONFIGURATION,
  references: {},
  fix: 'Let Terraform destroy an object that only grants (leave lifecycle.destroy unset or true), or keep managing the object in the stack (a guard of the server, such as a lock, a parameter or a deny rule, stays in the stack until the server goes); if it must stay in Azure or go, review it and suppress PG-CFG-7 on the server\'s construct with the reason.',
  appliesTo: 'any',
  evaluate: (server, stack) => {
    const verdicts = server.possibleWriters.flatMap((block) => {
      if (block.what === FORGETS) return [fail(`${block.address} makes Terraform forget ${block.name} without destroying it (its lifecycle.destroy is not true): the object stays in Azure beside the server, where it may still reach it, and no rule judges it any more.`, block.address)];
      if (block.what !== DESTROYS || !mayHoldLogsOf(server, removedType(block.config.from), stack)) return [];
      const harm = destroyedObjectHarm(block.config.from) ?? 'an object';
      return [fail(`${block.address} destroys what ${block.name} held in the state (its lifecycle.destroy is true or not set): ${harm}; the settings it deletes are no longer in the JSON, so no rule can tell whether the server loses a guard.`, block.address)];
    });
    return verdicts.length === 0 ? PASS : verdicts;
  },
};

/**
 * Whether the destroyed object may hold the server's logs: always, unless it is a destination of diagnostic logs (LOG_DESTINATIONS),
 * which holds them only when a diagnostic setting of the server sends there by anything but a reference to a resource of that type the
 * stack still defines (a literal ID, a lookup, a variable may name the destroyed one; Terraform refuses an address both defined and removed).
 */
function mayHoldLogsOf(server: ServerView, type: string | undefined, stack: StackFacts | undefined): boolean {
  const argument = type === undefined ? undefined : ownValue(LOG_DESTINATIONS, type);
  if (argument === undefined) return true;
  return server.diagnosticSettings.some((setting) => {
    const value = setting.config[argument];
    if (value === undefined || value === null) return false;
    const address = isUnknown(value) && value.isPlainReference ? /^([A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)/.exec(value.references[0] ?? '')?.[1] : undefined;
    return address === undefined || !address.startsWith(`${type}.`) || stack?.resources?.has(address) !== true;
  });
}
