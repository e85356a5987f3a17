import { readsAttribute } from './attribute-reads';
import { resourcesOfType } from './beside-construct';
import { StackFacts } from './rule';
import { ResourceView, TerraformBlock } from './stack-model';
import { readReferencesIn } from './server-mentions';
import { appendTo } from '../private/list-map';

/** What a random_password holds in secret: its value and its bcrypt hash (or the whole generator: A7-9). */
const SECRET_ATTRIBUTES = ['result', 'bcrypt_hash'];
const GENERATOR = /^random_password\.([^.[\]]+)/;

/** What a Key Vault secret holds: reading it is reading what the secret was written from (sixth review, A6-8). */
const VAULTED = /^azurerm_key_vault_secret\.([^.[\]]+)/;

/** The resources that read each random_password's secret, by the generator's address, read once per stack. */
const readersByStack = new WeakMap<ReadonlyMap<string, ResourceView>, ReadonlyMap<string, readonly ResourceView[]>>();

/**
 * The resources and lookups (data sources, check and import blocks: StackModel.lookups) of the stack (of any type, through locals too) whose arguments read a
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
    // A data source, check or import block hands on what it reads too (eleventh review, A11a-5).
    const lookups = [...(stack?.lookups?.values() ?? [])].filter((lookup) => !resources.has(lookup.address));
    for (const resource of [...sorted, ...lookups].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0))) {
      const read = new Set(passwordsReadBy(resource.config));
      for (const reference of readReferencesIn(resource.config)) {
        const secret = VAULTED.exec(reference);
        if (secret !== null && readsAttribute(reference, secret[0], ['value'])) vaulted.get(secret[1])?.forEach((generator) => read.add(generator));
      }
      read.forEach((generator) => appendTo(found, generator, resource));
    }
    readers = found;
    readersByStack.set(resources, readers);
  }
  return readers;
}

/** The random_passwords whose result or bcrypt_hash a block's arguments read (through locals too, once they are folded). */
export function passwordsReadBy(config: TerraformBlock): ReadonlySet<string> {
  // Listed in depends_on, a generator is waited for, not read.
  return new Set(readReferencesIn(config).flatMap((reference) => {
    const generator = GENERATOR.exec(reference)?.[0];
    return generator === undefined || !readsAttribute(reference, generator, SECRET_ATTRIBUTES) ? [] : [generator];
  }));
}
