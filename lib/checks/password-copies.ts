import { resourcesOfType } from './beside-construct';
import { StackFacts } from './rule';
import { ResourceView, TerraformBlock } from './stack-model';
import { mentionsIn } from './server-mentions';

/** What a random_password holds in secret: its value and its bcrypt hash. */
const SECRET_ATTRIBUTE = /^random_password\.([^.[\]]+)\.(result|bcrypt_hash)\b/;

/** What a Key Vault secret holds: reading it is reading what the secret was written from (sixth review, A6-8). */
const SECRET_VALUE = /^azurerm_key_vault_secret\.([^.[\]]+)\.value\b/;

/** The resources that read each random_password's secret, by the generator's address, read once per stack. */
const readersByStack = new WeakMap<ReadonlyMap<string, ResourceView>, ReadonlyMap<string, readonly ResourceView[]>>();

/**
 * The resources of the stack (of any type, through locals too) whose arguments read a
 * random_password's result or bcrypt_hash, or the value of a Key Vault secret written from it (by
 * reference, or by a data source that looks the secret up: data-source-aliases.ts), by the
 * generator's address, in address order.
 */
export function passwordReaders(stack: StackFacts | undefined): ReadonlyMap<string, readonly ResourceView[]> {
  const resources = stack?.resources;
  if (resources === undefined || resourcesOfType(stack, 'random_password').length === 0) return new Map();
  let readers = readersByStack.get(resources);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (readers === undefined) {
    const found = new Map<string, ResourceView[]>();
    const sorted = [...resources.values()].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
    const vaulted = new Map<string, ReadonlySet<string>>();
    for (const resource of sorted) {
      const generators = passwordsReadBy(resource.config);
      if (resource.type === 'azurerm_key_vault_secret' && generators.size > 0) vaulted.set(resource.name, generators);
    }
    for (const resource of sorted) {
      const read = new Set(passwordsReadBy(resource.config));
      for (const reference of mentionsIn(resource.config).references) {
        const secret = SECRET_VALUE.exec(reference)?.[1];
        if (secret !== undefined) vaulted.get(secret)?.forEach((generator) => read.add(generator));
      }
      read.forEach((generator) => found.set(generator, [...(found.get(generator) ?? []), resource]));
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
