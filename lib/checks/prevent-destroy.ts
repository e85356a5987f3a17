import { fail, isUnknown, PASS, unknown, Verdict } from './rule';
import { ServerView } from './stack-model';
import { literalBoolean, nestedBlock } from './value-readers';

/** The server block's own lifecycle.prevent_destroy, read the same way for Flexible and Single Servers. */
export function preventDestroy(server: ServerView): Verdict {
  const lifecycle = nestedBlock(server.config, 'lifecycle');
  if (lifecycle.state === 'unknown') return unknown(lifecycle.note);
  const prevent = lifecycle.state === 'present' ? lifecycle.block.prevent_destroy : undefined;
  if (literalBoolean(prevent) === true) return PASS;
  if (isUnknown(prevent)) return unknown('lifecycle.prevent_destroy is an expression (Terraform accepts only a literal there)');
  const setting = prevent === undefined ? 'is not set' : `is ${JSON.stringify(prevent)}`;
  return fail(`lifecycle.prevent_destroy ${setting}, so a plan may delete or replace the server and its data.`);
}
