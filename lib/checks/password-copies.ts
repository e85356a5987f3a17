import { resourcesOfType } from './beside-construct';
import { StackFacts } from './rule';
import { ResourceView, TerraformBlock } from './stack-model';
import { mentionsIn } from './server-mentions';

/** What a random_password holds in secret: its value and its bcrypt hash. */
const SECRET_ATTRIBUTE = /^random_password\.([^.[\]]+)\.(result|bcrypt_hash)\b/;

/** The resources that read each random_password's secret, by the generator's address, read once per stack. */
const readersByStack = new WeakMap<ReadonlyMap<string, ResourceView>, ReadonlyMap<string, readonly ResourceView[]>>();

/**
 * The resources of the stack (of any type, through locals too) whose arguments read a
 * random_password's result or bcrypt_hash, by the generator's address, in address order.
 */
export function passwordReaders(stack: StackFacts | undefined): ReadonlyMap<string, readonly ResourceView[]> {
  const resources = stack?.resources;
  if (resources === undefined || resourcesOfType(stack, 'random_password').length === 0) return new Map();
  let readers = readersByStack.get(resources);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (readers === undefined) {
    const found = new Map<string, ResourceView[]>();
    for (const resource of [...resources.values()].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0))) {
      passwordsReadBy(resource.config).forEach((generator) => found.set(generator, [...(found.get(generator) ?? []), resource]));
    }
    readers = found;
    readersByStack.set(resources, readers);
  }
  return readers;
}

/** The random_passwords whose result or bcrypt_hash a block's arguments read (through locals too, once they are folded). */
export function passwordsReadBy(config: TerraformBlock): ReadonlySet<string> {
  return new Set(mentionsIn(config).references.flatMap((reference) => {
    const match = SECRET_ATTRIBUTE.exec(reference);
    return match === null ? [] : [`random_password.${match[1]}`];
  }));
}
