import { nameKey } from './azure-keys';
import { isUnknown } from './hcl-expression';
import { splitTemplate } from './value-readers';
import { literalPattern } from '../private/literal-pattern';

// A container the stack makes (a resource group) whose name is known only at apply time (a variable, an item of its for_each or
// count, a template) may be named like an object of the perimeter's: a role on it is a role on what that name holds (twenty-first
// review, A21a-4). Read by what the name may be: a literal, each choice the evaluator knows, or a template's literal parts around
// any text; read as "not it", such a group let a privileged role on the server's group pass.

/** What stands for an interpolation in a name's literal text. */
const HOLE = '\u0000';
/** How many choices of a name are read one by one (more: read as its spelling). */
const MAX_DEPTH = 8;

/** True when a block's name (its value as the model reads it) may be the name a key (azure-keys.ts nameKey) spells. */
export function mayBeName(value: unknown, key: string, depth = 0): boolean {
  if (typeof value === 'string') return nameKey(value) === key;
  if (!isUnknown(value)) return false;
  if (value.choices !== undefined && value.choices.length > 0 && depth < MAX_DEPTH) return value.choices.some((choice) => mayBeName(choice, key, depth + 1));
  const spelling = value.spelling;
  // A directive may write any text.
  if (/(?<!%)%\{/.test(spelling)) return true;
  const parts = splitTemplate(spelling, HOLE).literal.toLowerCase().split(HOLE);
  const pattern = parts.map(literalPattern).join('.*');
  // Trailing blanks and dots are not part of an Azure name (nameKey), nor leading blanks.
  return new RegExp(`^\\s*${pattern}[.\\s]*$`, 's').test(key);
}
