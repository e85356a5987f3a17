/**
 * Helpers for the Single Server rules (PGS-*). Only the PGS-* rules use them.
 */
import { notApplicable, PASS, fail, Verdict } from './rule';
import { certainOnly, ResourceView, ServerView } from './stack-model';

/**
 * A rule that needs at least one child resource of the server (an Entra administrator, a key, a
 * private endpoint...) that exists for sure. A server defined outside this stack may have it
 * elsewhere: not applicable unless this stack gives it one.
 */
export function requireChild(server: ServerView, children: readonly ResourceView[], missing: string, what: string): Verdict {
  if (certainOnly(children).length > 0) return PASS;
  if (!server.defined) return notApplicable(`the server is defined outside this stack, and this stack gives it no ${what}`);
  return fail(missing);
}
