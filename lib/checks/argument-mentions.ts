/**
 * A block's mentions (server-mentions.ts) argument by argument, walked once: the writers' search reads the whole block, the
 * block less its ordering (depends_on, lifecycle) and the block less what is never run (writer-kinds.ts), and each was a walk
 * of its own over every block of the stack. The walk is kept on the config object the model made (a WeakMap: it lives as long
 * as the evaluation that made the object, and the model never writes into a config once made).
 */
import { Mentions, mentionsIn } from './server-mentions';

type ByArgument = readonly { readonly key: string; readonly mentions: Mentions }[];

const walked = new WeakMap<object, ByArgument>();

/** What the block's arguments mention, less those in `leftOut`: mentionsIn of the block without them, in the same order. */
export function mentionsLeavingOut(config: { readonly [key: string]: unknown }, leftOut: readonly string[]): Mentions {
  const references: string[] = [];
  const texts: string[] = [];
  for (const { key, mentions } of byArgument(config)) {
    if (leftOut.includes(key)) continue;
    for (const reference of mentions.references) references.push(reference);
    for (const text of mentions.texts) texts.push(text);
  }
  return { references, texts };
}

function byArgument(config: { readonly [key: string]: unknown }): ByArgument {
  let found = walked.get(config);
  if (found === undefined) {
    // mentionsIn reads a block as its arguments in order, each alone (its key says whether its strings are references).
    found = Object.entries(config).map(([key, value]) => ({ key, mentions: mentionsIn({ [key]: value }) }));
    walked.set(config, found);
  }
  return found;
}
