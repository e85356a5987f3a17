import { Rule, Verdict } from '../../lib/checks/rule';
import { buildStackModel } from '../../lib/checks/stack-model';
import { FLEXIBLE, Resources } from './rule-harness';

/** The construct path a test's library construct has, and the metadata cdktf writes for a block it made. */
export const CONSTRUCT = 'stack/Postgres';
export function madeAt(path: string): { '//': { metadata: { path: string } } } {
  return { '//': { metadata: { path } } };
}

/**
 * Every verdict of a rule on the server "db" (or the given address), with the stack's resources
 * and the library constructs' paths as evaluateStack gives them.
 */
export function verdictsBeside(rule: Rule, resources: Resources, constructs: readonly string[] = [], address = `${FLEXIBLE}.db`): readonly Verdict[] {
  const model = buildStackModel({ resource: resources });
  const server = model.servers.find((s) => s.address === address);
  if (server === undefined) throw new Error(`no server ${address} in the test resources`);
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, constructs });
  return Array.isArray(result) ? result : [result as Verdict];
}
