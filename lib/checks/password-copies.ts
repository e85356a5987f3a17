import { blockOf, INSTANCE_STEPS, readsAttribute } from './attribute-reads';
import { adoptedSecrets } from './adopted-secrets';
import { resourcesOfType } from './beside-construct';
import { isSecretLookup, mayReadSecret } from './later-secrets';
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
    const vaulted = vaultedSecrets(stack);
    // A data source, check or import block hands on what it reads too (eleventh review, A11a-5).
    const lookups = [...(stack?.lookups?.values() ?? [])].filter((lookup) => !resources.has(lookup.address));
    const generatorsOf = (block: ResourceView): Set<string> => generatorsReadBy(block, stack, vaulted);
    // An output hands the password on to every read of the stack's state (twelfth review, A12b-6).
    const outputs = new Map<string, Set<string>>();
    for (const output of stack?.outputs?.values() ?? []) generatorsOf(output).forEach((generator) => outputs.set(output.name, (outputs.get(output.name) ?? new Set()).add(generator)));
    for (const resource of [...sorted, ...lookups].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0))) {
      const read = generatorsOf(resource);
      outputsReadBy(resource.config, outputs.keys()).forEach(({ output }) => outputs.get(output)!.forEach((generator) => read.add(generator)));
      read.forEach((generator) => appendTo(found, generator, resource));
    }
    readers = found;
    readersByStack.set(resources, readers);
  }
  return readers;
}

/**
 * The Key Vault secrets (by resource name) written from random_passwords, with the generators each holds; and the secret blocks an
 * import may adopt one of them into, which hold what it holds (adopted-secrets.ts; 88th run, A88a-3).
 */
function vaultedSecrets(stack: StackFacts | undefined): ReadonlyMap<string, ReadonlySet<string>> {
  const vaulted = new Map<string, Set<string>>();
  const written = resourcesOfType(stack, 'azurerm_key_vault_secret').filter((secret) => passwordsReadBy(secret.config).size > 0);
  for (const secret of written) vaulted.set(secret.name, new Set(passwordsReadBy(secret.config)));
  for (const [name, secrets] of adoptedSecrets(stack, written)) {
    const generators = vaulted.get(name) ?? new Set<string>();
    secrets.forEach((secret) => passwordsReadBy(secret.config).forEach((generator) => generators.add(generator)));
    vaulted.set(name, generators);
  }
  return vaulted;
}

/**
 * The random_passwords a block reads: directly, or as the value of a Key Vault secret written from
 * one, by reference (a lookup aliased to it included) or through a lookup that may be it (A13-5).
 */
export function generatorsReadBy(block: ResourceView, stack: StackFacts | undefined, vaulted = vaultedSecrets(stack)): Set<string> {
  const read = new Set(passwordsReadBy(block.config));
  for (const reference of readReferencesIn(block.config)) {
    const secret = VAULTED.exec(reference);
    if (secret !== null && readsAttribute(reference, secret[0], ['value'])) vaulted.get(secret[1])?.forEach((generator) => read.add(generator));
    vaultedReadBy(block, reference, stack).forEach(({ generators }) => generators.forEach((generator) => read.add(generator)));
  }
  return read;
}

/** A lookup of a Key Vault secret whose value a block reads, and why it may be a secret written from generated passwords. */
export interface VaultedRead {
  readonly lookup: string;
  /** The lookup's arguments known only at apply time ("name \"${var.n}\" is"), '' when its literal ones are the secret's. */
  readonly later: string;
  readonly generators: ReadonlySet<string>;
}

/**
 * The Key Vault secrets written from random_passwords that a reference of a block to the value of a
 * lookup of a secret (not aliased to one: data-source-aliases.ts) may read, in address order.
 */
export function vaultedReadBy(block: ResourceView, reference: string, stack: StackFacts | undefined): VaultedRead[] {
  const lookupAddress = blockOf(reference);
  if (lookupAddress === undefined || !readsAttribute(reference, lookupAddress, ['value'])) return [];
  // A check block's assertions read its own data sources.
  const scoped = block.address.startsWith('check.') ? `${block.address}.${lookupAddress}` : undefined;
  const lookup = (scoped === undefined ? undefined : stack?.lookups?.get(scoped)) ?? stack?.lookups?.get(lookupAddress);
  if (lookup === undefined || !isSecretLookup(lookup.address)) return [];
  const blockAt = (address: string) => stack?.resources?.get(address) ?? stack?.lookups?.get(address);
  return resourcesOfType(stack, 'azurerm_key_vault_secret').flatMap((secret) => {
    const generators = passwordsReadBy(secret.config);
    const later = generators.size === 0 ? undefined : mayReadSecret(lookup, secret, blockAt);
    return later === undefined ? [] : [{ lookup: lookup.address, later, generators }];
  });
}

/** The random_passwords whose result or bcrypt_hash a block's arguments read (through locals too, once they are folded). */
export function passwordsReadBy(config: TerraformBlock): ReadonlySet<string> {
  // Listed in depends_on, a generator is waited for, not read.
  return new Set(readReferencesIn(config).flatMap((reference) => {
    const generator = GENERATOR.exec(reference)?.[0];
    return generator === undefined || !readsAttribute(reference, generator, SECRET_ATTRIBUTES) ? [] : [generator];
  }));
}

/** An output a block reads back, and the block (a data source) it reads it through. */
export interface OutputRead {
  readonly output: string;
  readonly through: string;
}

/**
 * Blocks that read outputs of a state: Terraform's (its `outputs`) and HCP Terraform's (`values`,
 * `nonsensitive_values`). Their backend or workspace may name this stack's state under any spelling
 * (a path, a workspace, another app's read), so none is told from it: a read of an output by its
 * name reads this stack's output of that name, a read of the whole outputs (or by a computed key) any.
 * cdktf's reads of another stack's output by its name are replaced by what it holds (other-stacks.ts).
 */
const OUTPUT_READERS: readonly { readonly block: RegExp; readonly attributes: readonly string[] }[] = [
  { block: /^data\.terraform_remote_state\.[^.[\]]+/, attributes: ['outputs'] },
  { block: /^(?:data|ephemeral)\.tfe_outputs\.[^.[\]]+/, attributes: ['values', 'nonsensitive_values'] },
];

/** The outputs (of those named) a block's arguments read back through a read of a state's outputs, in reference order. */
export function outputsReadBy(config: TerraformBlock, names: Iterable<string>): OutputRead[] {
  const known = [...names];
  if (known.length === 0) return [];
  const found: OutputRead[] = [];
  for (const reference of readReferencesIn(config)) {
    for (const { block, attributes } of OUTPUT_READERS) {
      const through = block.exec(reference)?.[0];
      if (through === undefined || !readsAttribute(reference, through, attributes)) continue;
      // After the attribute (outputs, values): one output by its name, else (nothing, a computed key) every one.
      const after = reference.slice(through.length).replace(INSTANCE_STEPS, '');
      const name = /^\.[^.[\]]+\.([^.[\]]+)/.exec(after)?.[1] ?? /^\.[^.[\]]+\["([^"\]]+)"\]/.exec(after)?.[1];
      const outputs = name === undefined ? known : known.filter((output) => output === name);
      outputs.forEach((output) => found.push({ output, through }));
    }
  }
  return found;
}
