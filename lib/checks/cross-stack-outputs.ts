/**
 * The outputs cdktf writes for another stack to read (`cross-stack-output-<reference>`): each holds
 * the reference its name was made from. An override that re-points one changes, in the reading
 * stack, what a construct was given (a principal, a workspace, a VNet) while the construct's pins,
 * which hold the read of the output, still compare equal (sixth review, A6-10). Pure: no cdktf.
 */
import { bodiesOf, isObject } from './terraform-json';

const OUTPUT_PREFIX = 'cross-stack-output-';

/** cdktf keeps only these characters of an output's id in its name; longer ids are hashed and cannot be compared. */
const NAME_CHARACTERS = /[^A-Za-z0-9_-]/g;
const MAX_COMPARABLE = 255;

/** Each cross-stack output whose value is not the reference its name was made from, with that value. */
export function repointedOutputs(terraform: unknown): { readonly name: string; readonly value: unknown }[] {
  const found: { name: string; value: unknown }[] = [];
  for (const byName of bodiesOf(terraform).filter(isObject).flatMap((root) => bodiesOf(root.output)).filter(isObject)) {
    for (const [name, output] of Object.entries(byName)) {
      if (!name.startsWith(OUTPUT_PREFIX) || name.length >= MAX_COMPARABLE) continue;
      const value = isObject(output) ? output.value : undefined;
      const inner = typeof value === 'string' ? /^\$\{([^]*)\}$/.exec(value)?.[1] : undefined;
      if (inner === undefined || `${OUTPUT_PREFIX}${inner}`.replace(NAME_CHARACTERS, '') !== name) found.push({ name, value });
    }
  }
  return found;
}
