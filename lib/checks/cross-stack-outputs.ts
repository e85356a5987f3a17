/**
 * The outputs cdktf writes for another stack to read (`cross-stack-output-<reference>`): each holds
 * the reference its name was made from. An override that re-points one changes, in the reading
 * stack, what a construct was given (a principal, a workspace, a VNet) while the construct's pins,
 * which hold the read of the output, still compare equal (sixth review, A6-10). Pure: no cdktf.
 */
import { createHash } from 'crypto';
import { bodiesOf, isObject } from './terraform-json';

const OUTPUT_PREFIX = 'cross-stack-output-';

/** cdktf keeps only these characters of an output's id in its name. */
const NAME_CHARACTERS = /[^A-Za-z0-9_-]/g;
/** A longer name is cut and given a hash of the whole id (cdktf's makeUniqueId), so a deep construct's output is compared too (A7-14). */
const MAX_NAME = 255;
const KEPT_OF_LONG_NAME = 240;

/** Each cross-stack output whose value is not the reference its name was made from, with that value. */
export function repointedOutputs(terraform: unknown): { readonly name: string; readonly value: unknown }[] {
  const found: { name: string; value: unknown }[] = [];
  for (const byName of bodiesOf(terraform).filter(isObject).flatMap((root) => bodiesOf(root.output)).filter(isObject)) {
    for (const [name, output] of Object.entries(byName)) {
      if (!name.startsWith(OUTPUT_PREFIX)) continue;
      const value = isObject(output) ? output.value : undefined;
      const inner = typeof value === 'string' ? /^\$\{([^]*)\}$/.exec(value)?.[1] : undefined;
      if (inner === undefined || outputName(`${OUTPUT_PREFIX}${inner}`) !== name) found.push({ name, value });
    }
  }
  return found;
}

/** The name cdktf gives an output of the stack with this id. */
function outputName(id: string): string {
  const name = id.replace(NAME_CHARACTERS, '');
  if (name.length <= MAX_NAME) return name;
  return `${name.slice(0, KEPT_OF_LONG_NAME)}_${createHash('md5').update(id).digest('hex').slice(0, 8).toUpperCase()}`;
}
