/**
 * The random_* generators a password comes from, followed through the blocks that pass a value on (echoOf: a terraform_data's
 * input, a null_resource's triggers, a Key Vault secret's value and a lookup that reads it back, a variable's default): a password
 * read through another block is the generator's all the same, for its strength (PG-IAM-1) and its rotation (PGD-IAM-3; 66th
 * adversarial run, A66a-3).
 */
import { echoOf, EchoScope } from './echoed-arguments';
import { referencesOf, Value } from './hcl-expression';
import { ResourceView } from './stack-model';

/** A random_* generator a reference reads, resource ("random_x.n") or ephemeral ("ephemeral.random_x.n"). */
export const GENERATOR_REFERENCE = /^((?:ephemeral\.)?random_[a-z_]+\.[^.[\]]+)/;

/** Blocks a password may pass through before the checks stop following it (fails closed). */
const MAX_HOPS = 16;

/** The generators of the stack behind a value, or why the way to them cannot be followed. */
export type PasswordSources = { readonly generators: readonly ResourceView[] } | { readonly unreadable: string };

/** The random_* generators of the stack a value comes from, directly or through other blocks of the stack. */
export function passwordGenerators(value: unknown, scope: EchoScope): PasswordSources {
  const generators = new Map<string, ResourceView>();
  const seen = new Set<string>();
  let next = [...referencesOf(value as Value)];
  for (let hop = 0; next.length > 0; hop++) {
    if (hop > MAX_HOPS) return { unreadable: `passes through more than ${MAX_HOPS} blocks` };
    const later: string[] = [];
    for (const reference of next) {
      // Each reference is followed once, however many paths reach it: paths multiply with every layer of copies (50th run, A50a-9).
      if (seen.has(reference)) continue;
      seen.add(reference);
      const address = GENERATOR_REFERENCE.exec(reference)?.[1];
      if (address !== undefined) {
        const generator = scope.stack?.resources?.get(address);
        if (generator !== undefined) generators.set(address, generator);
        continue;
      }
      // The first references are the password's own, read in its block (its each.value); later ones are other blocks' arguments.
      const echo = echoOf(reference, hop === 0 ? scope : { stack: scope.stack });
      if (echo === undefined) continue;
      if ('unreadable' in echo) return { unreadable: `reads ${echo.unreadable}` };
      echo.values.forEach((each) => later.push(...referencesOf(each)));
    }
    next = later;
  }
  return { generators: [...generators.values()] };
}
