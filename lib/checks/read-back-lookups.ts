/**
 * The blocks of the stack a lookup may read back (the 49th run's A49a-2 to A49a-4, as one class). A data source or ephemeral resource
 * of a type the stack also makes (`data.azurerm_key_vault_secret` beside `azurerm_key_vault_secret`) returns, in an attribute it does
 * not write itself (`value`), what the block it finds wrote there. data-source-aliases.ts rewrites a lookup to a block only where their
 * arguments surely match; where they only may (an argument read through a call or a choice, a name from each.key or count.index, a
 * variable, a count known later), the lookup is read as every block it may be, so text the stack writes is never taken for a value
 * from elsewhere: Terraform plans a variable's default unless told otherwise (as PG-IAM-4 reads such lookups: thirteenth review, A13-5).
 * May be: a Key Vault secret by its name and vault (later-secrets.ts mayReadSecret); any other type when no argument both write as
 * literal text differs (Azure compares names without case). A block that copies the lookup's own attribute adds nothing it did not read.
 */
import { isUnknown } from './hcl-expression';
import { isSecretLookup, mayReadSecret } from './later-secrets';
import { ResourceView, TerraformBlock } from './stack-model';

/** Where the blocks are: the stack's resources and lookups by address. */
export interface ReadBackStack {
  readonly resources?: ReadonlyMap<string, ResourceView>;
  readonly lookups?: ReadonlyMap<string, ResourceView>;
}

/** Arguments that choose how a lookup reads, not what. */
const META = new Set(['provider', 'depends_on', 'count', 'for_each', 'lifecycle', 'timeouts', '//']);

/** The sections a reading lookup is in: data sources (in a check block too) and ephemeral resources. */
const LOOKUP_ADDRESS = /^(?:check\.[^.]+\.)?(?:data|ephemeral)\./;

/** The stack's resources by type, read once per stack. */
const byTypeOf = new WeakMap<ReadonlyMap<string, ResourceView>, Map<string, ResourceView[]>>();

/**
 * The addresses of the blocks of the stack a lookup may read `attribute` back from: none when it is no lookup, when it writes the
 * attribute itself (its own argument, read as written) or when no block of its type may be what it finds.
 */
export function readBackBlocks(lookup: ResourceView, attribute: string, stack: ReadBackStack): string[] {
  if (!LOOKUP_ADDRESS.test(lookup.address) || stack.resources === undefined) return [];
  if (configsOf(lookup).some((config) => config[attribute] !== undefined)) return [];
  const blockAt = (address: string) => stack.resources?.get(address) ?? stack.lookups?.get(address);
  // Only what the stack makes: the model keeps ephemeral generators among the resources too (`ephemeral.random_password.p`).
  return blocksOfType(stack.resources, lookup.type).filter((block) => !LOOKUP_ADDRESS.test(block.address)).flatMap((block) => instancesOf(block)
    .filter(({ config }) => !copiesLookup(config[attribute], lookup.address) && mayFind(lookup, { ...block, config }, blockAt))
    .map(({ address }) => address));
}

/** A block's instances the evaluator knows (for_each over known keys), each by its address (`s["a"]`), else the block itself. */
function instancesOf(block: ResourceView): { address: string; config: TerraformBlock }[] {
  const found = (block.instanceKeys ?? []).flatMap((key) => {
    const config = block.instance?.(key);
    return config === undefined ? [] : [{ address: `${block.address}[${JSON.stringify(key)}]`, config }];
  });
  return found.length > 0 ? found : [{ address: block.address, config: block.config }];
}

function blocksOfType(resources: ReadonlyMap<string, ResourceView>, type: string): ResourceView[] {
  let byType = byTypeOf.get(resources);
  if (byType === undefined) {
    byType = new Map();
    for (const block of resources.values()) byType.set(block.type, [...(byType.get(block.type) ?? []), block]);
    byTypeOf.set(resources, byType);
  }
  return byType.get(type) ?? [];
}

/** Every instance's configuration the evaluator knows (for_each over known keys), else the block's own. */
function configsOf(block: ResourceView): TerraformBlock[] {
  const found = (block.instanceKeys ?? []).map((key) => block.instance?.(key)).filter((config): config is TerraformBlock => config !== undefined);
  return found.length > 0 ? found : [block.config];
}

/** Whether any instance of the lookup may find `block` (one instance's configuration). */
function mayFind(lookup: ResourceView, block: ResourceView, blockAt: (address: string) => ResourceView | undefined): boolean {
  return configsOf(lookup).some((config) => {
    const one = { ...lookup, config };
    return isSecretLookup(lookup.address) ? mayReadSecret(one, block, blockAt) !== undefined : noArgumentDiffers(config, block.config);
  });
}

/** True unless an argument the lookup writes as literal text is another literal text in the block. */
function noArgumentDiffers(lookup: TerraformBlock, block: TerraformBlock): boolean {
  return Object.entries(lookup).every(([key, mine]) => META.has(key) || !isLiteral(mine) || !isLiteral(block[key]) || normalized(mine) === normalized(block[key]));
}

function isLiteral(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function normalized(value: string | number | boolean): string {
  return String(value).trim().toLowerCase();
}

/** Whether a written value reads the lookup itself (a secret copied from the secret it looks up): it gives back only what the lookup reads. */
function copiesLookup(value: unknown, lookup: string): boolean {
  if (!isUnknown(value) || !value.isPlainReference) return false;
  const [reference] = value.references;
  return reference === lookup || reference.startsWith(`${lookup}.`) || reference.startsWith(`${lookup}[`);
}
