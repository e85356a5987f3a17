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
import { idKey } from './azure-keys';
import { isUnknown } from './hcl-expression';
import { isSecretLookup, mayBeSameText, mayReadSecret } from './later-secrets';
import { fileName } from './file-paths';
import { CONTENT_ATTRIBUTES } from './local-file-attributes';
import { unreadStoreWriter } from './other-store-writers';
import { mayNameOneParameter, referencedParameter, SSM_PARAMETER_LOOKUPS } from './ssm-parameter-names';
import { ResourceView, TerraformBlock } from './stack-model';
import { parseGoogleSecretName } from './google-secret-names';
import { isObject } from './terraform-json';

/** Where the blocks are: the stack's resources and lookups by address. */
export interface ReadBackStack {
  readonly resources?: ReadonlyMap<string, ResourceView>;
  readonly lookups?: ReadonlyMap<string, ResourceView>;
}

/** Arguments that choose how a lookup reads, not what (data-source-aliases.ts reads them so too). */
export const LOOKUP_META: ReadonlySet<string> = new Set(['provider', 'depends_on', 'count', 'for_each', 'lifecycle', 'timeouts', '//']);

/** The sections a reading lookup is in: data sources (in a check block too) and ephemeral resources. */
const LOOKUP_ADDRESS = /^(?:check\.[^.]+\.)?(?:data|ephemeral)\./;

/** The stack's resources by type, read once per stack. */
const byTypeOf = new WeakMap<ReadonlyMap<string, ResourceView>, Map<string, ResourceView[]>>();

/** Where a family of lookups reads: the types of the blocks each may find and, by the lookup's attribute, the arguments that write it. */
interface Family {
  readonly types: readonly string[];
  readonly attributes: { readonly [attribute: string]: readonly string[] };
}

const FILE_CONTENT = ['content', 'sensitive_content', 'content_base64'];
/** A file's content, and what is computed from it alone: its encodings, hashes and id (the SHA-1 of the content; 51st run, A50b-3). */
const FILE_ATTRIBUTES = ['content', ...CONTENT_ATTRIBUTES];
const FILES: Family = { types: ['local_file', 'local_sensitive_file'], attributes: Object.fromEntries(FILE_ATTRIBUTES.map((attribute) => [attribute, FILE_CONTENT])) };
/** A `vault_generic_endpoint` writes any path as a raw request (a KV v2 secret's under `data`): other-store-writers.ts reads it (80th run, A80a-1/5). */
const VAULT_SECRETS: Family = { types: ['vault_generic_secret', 'vault_kv_secret', 'vault_kv_secret_v2'], attributes: { data: ['data_json'], data_json: ['data_json'] } };
const KUBERNETES_DATA = { data: ['data'], binary_data: ['binary_data'] };
/** The `_v1_data` types write the data of an object another block (or none of the stack) made (52nd run, A50c-4). */
const KUBERNETES_SECRETS: Family = { types: ['kubernetes_secret', 'kubernetes_secret_v1', 'kubernetes_secret_v1_data'], attributes: KUBERNETES_DATA };
const KUBERNETES_CONFIG_MAPS: Family = { types: ['kubernetes_config_map', 'kubernetes_config_map_v1', 'kubernetes_config_map_v1_data'], attributes: KUBERNETES_DATA };
/** An SSM parameter's value is written as `value` or `insecure_value` (a lookup exports both: 69th run, A69a-6). */
const SSM_VALUES = ['value', 'insecure_value'];
const SSM_PARAMETERS: Family = { types: ['aws_ssm_parameter'], attributes: { value: SSM_VALUES, insecure_value: SSM_VALUES } };
/** Google's `_access` lookup reads what a secret version was given (A69a-6). */
const GOOGLE_SECRET_VERSIONS: Family = { types: ['google_secret_manager_secret_version'], attributes: { secret_data: ['secret_data'] } };
/**
 * A secret takes a version from every block that writes one (AWS's current version is the last written), so a lookup of it reads
 * what any may have written, a module's or one given the secret by a variable: never one block's alone (74th run, A74a-2).
 */
/** Google's regional secrets take versions the same way (75th run, A75a-2). */
const GOOGLE_REGIONAL_SECRET_VERSIONS: Family = { types: ['google_secret_manager_regional_secret_version'], attributes: { secret_data: ['secret_data'] } };
const AWS_SECRET_VERSIONS: Family = { types: ['aws_secretsmanager_secret_version'], attributes: { secret_string: ['secret_string'], secret_binary: ['secret_binary'] } };

/**
 * Lookups that read what blocks of other types write, in other arguments (50th run, A50a-1; 51st, A50b-1/2), by the lookup's type: a
 * file's content is written as `content`, `sensitive_content` or `content_base64`, by local_file or local_sensitive_file alike; a
 * Vault secret's `data` as the `data_json` of any Vault secret type at that path; a Kubernetes secret or config map by either version.
 */
const READ_ELSEWHERE: { readonly [type: string]: Family } = {
  local_file: FILES,
  local_sensitive_file: FILES,
  vault_generic_secret: VAULT_SECRETS,
  vault_kv_secret: VAULT_SECRETS,
  vault_kv_secret_v2: VAULT_SECRETS,
  kubernetes_secret: KUBERNETES_SECRETS,
  kubernetes_secret_v1: KUBERNETES_SECRETS,
  kubernetes_config_map: KUBERNETES_CONFIG_MAPS,
  kubernetes_config_map_v1: KUBERNETES_CONFIG_MAPS,
  aws_ssm_parameter: SSM_PARAMETERS,
  google_secret_manager_secret_version_access: GOOGLE_SECRET_VERSIONS,
  google_secret_manager_secret_version: GOOGLE_SECRET_VERSIONS,
  google_secret_manager_regional_secret_version: GOOGLE_REGIONAL_SECRET_VERSIONS,
  google_secret_manager_regional_secret_version_access: GOOGLE_REGIONAL_SECRET_VERSIONS,
  aws_secretsmanager_secret_version: AWS_SECRET_VERSIONS,
};

/**
 * The types of stores a value is kept in, which a module may write (echoed-arguments.ts moduleEcho): Key Vault secrets, App Configuration keys, and
 * every family READ_ELSEWHERE reads (files, Vault secrets, Kubernetes secrets and config maps).
 */
const STORES: ReadonlySet<string> = new Set(['azurerm_key_vault_secret', 'azurerm_app_configuration_key', ...Object.values(READ_ELSEWHERE).flatMap((family) => family.types)]);

/** Whether a lookup of the type reads a store a value is kept in (STORES). */
export function isStoreLookup(type: string): boolean {
  return STORES.has(type);
}

/** Whether an address is a lookup's: a data source (in a check block too) or an ephemeral resource. */
export function isLookupAddress(address: string): boolean {
  return LOOKUP_ADDRESS.test(address);
}

/** The arguments of the blocks a lookup of `type` may find that write its `attribute` (a Vault secret's `data` as `data_json`). */
export function writerArguments(type: string, attribute: string): readonly string[] {
  return READ_ELSEWHERE[type]?.attributes[attribute] ?? [attribute];
}

/**
 * Arguments that choose a version of what a lookup reads (the rotation chain judges them: pinOf) or how it is returned
 * (decrypted, base64), never which store.
 */
const READING_ARGUMENTS: ReadonlySet<string> = new Set(['version', 'version_id', 'version_stage', 'with_decryption', 'is_secret_data_base64']);

/**
 * Whether a lookup surely reads a block of the stack: it may find one that writes its `attribute` (or its write-only form), and
 * every such block is one it surely finds: the same provider configuration, and each argument it is looked up by written alike
 * (the same literal, the same expression, or a reference to that very block). A lookup that only may find one (a name from a
 * variable, another provider's region or project, an argument the store does not write) reads, for all the checks know, a store
 * elsewhere that nothing rotates (71st run, A71a-1).
 */
export function surelyReadsStack(lookup: ResourceView, attribute: string, stack: ReadBackStack): boolean {
  if (!LOOKUP_ADDRESS.test(lookup.address) || stack.resources === undefined) return false;
  const writers = writerArguments(lookup.type, attribute).flatMap((writer) => [writer, `${writer}_wo`]);
  const blockAt = (address: string) => stack.resources?.get(address) ?? stack.lookups?.get(address);
  const stores = storeInstances(lookup, stack.resources).map(({ block }) => block).filter((block) => writers.some((writer) => block.config[writer] !== undefined));
  // Each instance of the lookup on its own (a secret per key: 72nd run, A72a-3): which one a reference reads is not kept
  // (`d[each.key]` is read as `d`), so every instance must surely find what it may find, and find something.
  return configsOf(lookup).every((config) => {
    const instance: ResourceView = { ...lookup, config, instanceKeys: undefined, instance: undefined };
    const found = stores.filter((block) => mayFind(instance, block, blockAt));
    return found.length > 0 && found.every((block) => surelyFinds(lookup.type, config, block, blockAt));
  });
}

/** Whether a lookup's configuration surely names one block (one instance's configuration). */
function surelyFinds(type: string, lookup: TerraformBlock, block: ResourceView, blockAt: BlockAt): boolean {
  // A block made a number of times known only later may not be made at all (`count = 1` is made: 72nd run, A72a-5).
  if (!block.certain && (block.instanceKeys ?? []).length === 0) return false;
  // The store and the blocks it is placed in (the secret a version writes into: 73rd run, A73a-2) are reached through the
  // lookup's provider configuration, and placed where the lookup looks.
  const placed = [block, ...parentsOf(block, type, blockAt)];
  const configuration = providerConfiguration(lookup.provider, type);
  if (placed.some((each) => providerConfiguration(each.config.provider, each.type) !== configuration)) return false;
  // A parent the lookup names by its ID or ARN is placed by it (Google's `projects/p/secrets/s`): its own placement is in it.
  const namedWhole = (parent: ResourceView) => Object.values(lookup).some((value) => isUnknown(value) && value.isPlainReference && IDENTITY_OF.exec(value.references[0])?.[1] === parent.address);
  const placing = placed.filter((each) => each === block || !namedWhole(each));
  if (!PLACEMENTS.every(([key, unset]) => placedAlike(placement(lookup, key) ?? spelledPlacement(lookup, key) ?? unset, placing.map((each) => placement(each.config, key)), unset, block.address, blockAt))) return false;
  // An argument only the store sets may tell it from the object the lookup finds (an App Configuration label: A73a-3).
  // A lookup by the store's own ID or ARN names all of it (an SSM parameter's `arn` is its `name` and place).
  const byIdentity = Object.values(lookup).some((value) => isUnknown(value) && value.isPlainReference && value.references[0].startsWith(block.address)
    && /^(?:\[[^\]]*\])?\.(?:id|arn)$/.test(value.references[0].slice(block.address.length)));
  if (!byIdentity && Object.keys(block.config).some((key) => !(key in lookup) && identifies(key))) return false;
  // Text that reads each block's own instance (`each.value`, `count.index`) is the same only over the same items (A73a-4).
  const iteratedAlike = ['for_each', 'count'].every((key) => JSON.stringify(lookup[key] ?? null) === JSON.stringify(block.config[key] ?? null));
  return Object.entries(lookup).every(([key, mine]) => LOOKUP_META.has(key) || READING_ARGUMENTS.has(key) || PLACEMENTS.some(([placedBy]) => placedBy === key)
    || (SSM_PARAMETER_LOOKUPS.has(type) && (key === 'name' || key === 'arn') ? surelyNamesParameter(mine, block, blockAt, iteratedAlike)
      // An Azure resource ID argument of an azurerm store is compared as Azure does, without case; any other text as written (A76a-4).
      : writtenAlike(mine, block.config[key], block.address, blockAt, iteratedAlike, block.type.startsWith('azurerm_') && /_id$/.test(key))));
}

/**
 * Arguments that place a store (AWS's per-resource `region`, Google's `project` and a regional secret's `location`: 76th run, A76a-7;
 * Vault's and Kubernetes' `namespace`, the latter
 * under `metadata`), with what an unset one stands for when the other is set: the provider's own (unknown here, so no literal
 * matches it), or Kubernetes' "default".
 */
const PLACEMENTS: readonly (readonly [string, unknown])[] = [['region', undefined], ['location', undefined], ['project', undefined], ['namespace', undefined], ['metadata.namespace', 'default']];

/**
 * Whether the lookup looks where the store is: each placement the store or a block it is placed in sets (its own, else the
 * provider's, else `unset`) is the lookup's, and the lookup sets none they leave to the provider (72nd run, A72a-1).
 */
function placedAlike(mine: unknown, theirs: readonly unknown[], unset: unknown, address: string, blockAt: BlockAt): boolean {
  const set = theirs.filter((each) => each !== undefined);
  const written = set.length > 0 ? set : unset === undefined ? [] : [unset];
  if (written.length === 0) return mine === undefined;
  return mine !== undefined && written.every((each) => writtenAlike(mine, each, address, blockAt, false));
}

/** A Google lookup's project or location as the full resource name it looks up by spells it (`projects/p/locations/l/secrets/s`: A81a-6). */
function spelledPlacement(lookup: { readonly [key: string]: unknown }, key: string): string | undefined {
  const name = typeof lookup.secret === 'string' ? parseGoogleSecretName(lookup.secret.trim()) : undefined;
  return key === 'project' ? name?.project : key === 'location' ? name?.location : undefined;
}

/** An argument by its path (`metadata.namespace` in a nested block written as an object or a list of one). */
function placement(config: { readonly [key: string]: unknown }, path: string): unknown {
  const [first, second] = path.split('.');
  return second === undefined ? config[first] : oneBlock(config[first])?.[second];
}

/**
 * The blocks of the lookup's provider a store names by reference in an argument that identifies it (the secret of a secret
 * version, the vault of a Key Vault secret): where they are placed, the store is.
 */
function parentsOf(block: ResourceView, type: string, blockAt: BlockAt): ResourceView[] {
  const provider = providerOf(type);
  return Object.entries(block.config).flatMap(([key, value]) => {
    if (!identifies(key) || !isUnknown(value) || !value.isPlainReference) return [];
    const parent = blockAt(IDENTIFIER.exec(value.references[0])?.[1] ?? '');
    return parent !== undefined && parent.address !== block.address && providerOf(parent.type) === provider ? [parent] : [];
  });
}

/**
 * Arguments of a store that say nothing of which object it is: what it holds and how it is kept (its value, tags, type, key,
 * dates, write-only versions). Any other it sets and a lookup does not may tell it from what the lookup finds (73rd run, A73a-3).
 */
const NOT_IDENTIFYING: ReadonlySet<string> = new Set([
  'value', 'insecure_value', 'secret_string', 'secret_binary', 'secret_data', 'data', 'binary_data', 'data_json', 'content', 'sensitive_content', 'content_base64',
  'tags', 'tags_all', 'labels', 'annotations', 'description', 'content_type', 'type', 'data_type', 'expiration_date', 'not_before_date', 'key_id', 'kms_key_id',
  'tier', 'overwrite', 'allowed_pattern', 'version_stages', 'enabled', 'deletion_policy', 'is_secret_data_base64', 'disable_read', 'delete_all_versions', 'cas',
  'options', 'custom_metadata', 'immutable', 'wait_for_service_account_token', 'field_manager', 'force', 'file_permission', 'directory_permission', 'locked',
]);

/** Whether a store's argument may tell it from another object a lookup finds: not meta, not placing, not what it holds or how. */
function identifies(key: string): boolean {
  return !LOOKUP_META.has(key) && key !== 'provisioner' && key !== 'connection' && !PLACEMENTS.some(([placedBy]) => placedBy.split('.')[0] === key) && !NOT_IDENTIFYING.has(key) && !/_wo(?:_version|_revision)?$/.test(key);
}

/** The local name of the provider a resource type belongs to (`aws` of `aws_ssm_parameter`, `google` of `google_secret_manager_secret`). */
function providerOf(type: string): string {
  return type.split('_')[0];
}

/**
 * A `provider` meta-argument as the configuration it names: an alias (`aws.prod`), or the default of a provider by its local name
 * (`google-beta` is another provider than `google`: 73rd run, A73a-1). Unset, it is the default of the type's own provider.
 */
function providerConfiguration(provider: unknown, type: string): string {
  const text = String(provider ?? '').trim().replace(/^\$\{(.*)\}$/s, '$1').trim();
  return text === '' ? providerOf(type) : text;
}

/** Whether an SSM lookup's name or ARN surely names the parameter: spelled from it, the same literal name, or the same expression. */
function surelyNamesParameter(name: unknown, block: ResourceView, blockAt: BlockAt, iteratedAlike: boolean): boolean {
  const named = referencedParameter(name);
  if (named !== undefined) return named === block.address;
  if (typeof name !== 'string') return writtenAlike(name, block.config.name, block.address, blockAt, iteratedAlike);
  // A literal ARN names an account and a region the stack's own are not known to be (72nd run, A72a-2).
  if (/^arn:/i.test(name.trim())) return false;
  return mayNameOneParameter(name, block.config.name, (a, b) => typeof a === 'string' && a === b);
}

/** An Azure Resource Manager ID. */
const ARM_ID = /^\/subscriptions\//i;

/** A reference to a block's whole identity, its ID or ARN (an instance key after its address): group 1 is the block. */
const IDENTITY_OF = /^(.+?)(?:\[[^\]]*\])?\.(?:id|arn)$/;

/** A reference to what identifies a block (its ID, ARN, name or Google's secret_id): group 1 is the block. */
const IDENTIFIER = /^(.+)\.(?:id|arn|name|secret_id)$/;

/**
 * The same literal, the same expression, a reference to the block itself, nested blocks written alike, or a literal that is the
 * literal name of the block the other references by its ID or ARN (`secret_id = "db-pw"` and `aws_secretsmanager_secret.db.id`).
 */
function writtenAlike(mine: unknown, theirs: unknown, address: string, blockAt: BlockAt, iteratedAlike: boolean, armIds = false): boolean {
  const [nested, theirNested] = [oneBlock(mine), oneBlock(theirs)];
  if (nested !== undefined && theirNested !== undefined) {
    // Compared both ways: a key only the store's block sets may name another object (its generate_name).
    if (Object.keys(theirNested).some((key) => !(key in nested) && identifies(key) && key !== 'namespace')) return false;
    return Object.entries(nested).every(([key, value]) => key === 'namespace' || writtenAlike(value, theirNested[key], address, blockAt, iteratedAlike, armIds));
  }
  // As written: a name with a blank more, or in another case, may be another store's (74th run, A74a-1).
  // An Azure resource ID is compared as Azure does, without case (75th run, A75a-4).
  if (isLiteral(mine) && isLiteral(theirs)) return String(mine) === String(theirs) || (armIds && ARM_ID.test(String(mine)) && idKey(String(mine)) === idKey(String(theirs)));
  const named = isUnknown(theirs) && theirs.isPlainReference ? IDENTIFIER.exec(theirs.references[0])?.[1] : undefined;
  // Google names a secret by its `secret_id` (72nd run, A72a-4), or by its full resource name when the block's project is literal
  // (`projects/p/secrets/db-pw`, also after `//secretmanager.googleapis.com/`: 81st run, A81a-6).
  if (isLiteral(mine) && named !== undefined) {
    const block = blockAt(named);
    const written = String(mine).trim();
    return ['name', 'secret_id'].some((key) => block?.config[key] === written) || (block !== undefined && googleSecretName(block) === written.replace(/^\/\/secretmanager\.googleapis\.com\//, ''));
  }
  // Two of the same block's identifiers (a secret's `id` and `arn` are one ARN).
  if (isUnknown(mine) && mine.isPlainReference && named !== undefined && IDENTIFIER.exec(mine.references[0])?.[1] === named) return true;
  if (!isUnknown(mine)) return false;
  if (isUnknown(theirs) && theirs.expression === mine.expression) return iteratedAlike || !/\b(?:each|count|self)\./.test(mine.expression);
  return mine.isPlainReference && mine.references[0].startsWith(`${address}.`);
}

/** A Google secret's full resource name, when its project (and a regional one's location) is literal; undefined otherwise. */
function googleSecretName(block: ResourceView): string | undefined {
  const { project, location, secret_id: id } = block.config;
  if (typeof project !== 'string' || typeof id !== 'string') return undefined;
  if (block.type === 'google_secret_manager_secret') return `projects/${project}/secrets/${id}`;
  return block.type === 'google_secret_manager_regional_secret' && typeof location === 'string' ? `projects/${project}/locations/${location}/secrets/${id}` : undefined;
}

/** Whether a lookup of `type` reads what other types, or other arguments, write: never one block's same-named attribute (data-source-aliases.ts). */
export function readsElsewhere(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(READ_ELSEWHERE, type);
}

/**
 * The references a lookup's `attribute` may read back (`path` read after it, which the argument must be able to hold: `holdsPath`):
 * each argument that writes it in each block of the stack the lookup may find (`azurerm_key_vault_secret.s.value`,
 * `local_sensitive_file.f.sensitive_content`), and for a store every module as its bare address (`module.m`: what it may store);
 * none when it is no lookup, when it writes the attribute itself (its own argument, read as written) or when nothing may be what it finds.
 */
export function readBackReferences(lookup: ResourceView, attribute: string, path: string, stack: ReadBackStack, holdsPath: (written: unknown) => boolean = () => true): string[] {
  if (!LOOKUP_ADDRESS.test(lookup.address) || stack.resources === undefined) return [];
  if (configsOf(lookup).some((config) => config[attribute] !== undefined)) return [];
  const types = READ_ELSEWHERE[lookup.type]?.types ?? [lookup.type];
  // Each writer, and its write-only form: what it was given is what the lookup reads (83rd run, A83a-1).
  const writers = writerArguments(lookup.type, attribute).flatMap((writer) => [writer, `${writer}_wo`]);
  const blockAt = (address: string) => stack.resources?.get(address) ?? stack.lookups?.get(address);
  const resources = stack.resources;
  const found = storeInstances(lookup, resources).filter(({ block }) => mayFind(lookup, block, blockAt))
    // A block whose argument cannot hold the path read after it (a Vault secret without that key) is not what the lookup finds (50th run, A50b-6).
    .flatMap(({ address, block: { config } }) => writers.filter((writer) => config[writer] !== undefined && !copiesLookup(config[writer], lookup.address) && holdsPath(config[writer]))
      .map((writer) => `${address}.${writer}${path}`));
  // Any module may write what it is given to any store (50th run, A50a-5), by reference too (58th run, A58a-2): read as the module
  // itself, no output of it (echoed-arguments.ts moduleEcho reads what it may store; value-readers.ts names the input: A57a-11).
  const modules = types.some((type) => STORES.has(type)) ? blocksOfType(resources, 'module') : [];
  return [...found, ...modules.map((block) => block.address)];
}

/**
 * The blocks of the stack that may write the value a store lookup reads in a way the checks do not read (other-store-writers.ts:
 * an azapi write of the secret, a Kubernetes manifest, a command; 78th run, A78a-2), each as "<address> (<what it is>)"; none for
 * a lookup of no store, or of another attribute (a version, a date).
 */
export function unreadWriters(lookup: ResourceView, attribute: string, stack: ReadBackStack): string[] {
  const family = READ_ELSEWHERE[lookup.type];
  const readsValue = family === undefined ? STORES.has(lookup.type) && attribute === 'value' : family.attributes[attribute] !== undefined;
  if (!LOOKUP_ADDRESS.test(lookup.address) || !readsValue || stack.resources === undefined) return [];
  // The lookups too: some write when read (an invoked function, an archive: 81st run, A81a-3).
  const blocks = new Map([...stack.resources.values(), ...stack.lookups?.values() ?? []].map((block) => [block.address, block]));
  return [...blocks.values()].flatMap((block) => {
    const what = unreadStoreWriter(lookup.type, lookup.config, block);
    return what === undefined ? [] : [`${block.address} (${what})`];
  });
}

/**
 * The instances of the blocks a lookup's type may read that the stack makes, each by its address and as a block of that one
 * configuration. Only what the stack makes: the model keeps ephemeral generators among the resources too (`ephemeral.random_password.p`).
 */
function storeInstances(lookup: ResourceView, resources: ReadonlyMap<string, ResourceView>): { address: string; block: ResourceView }[] {
  return (READ_ELSEWHERE[lookup.type]?.types ?? [lookup.type]).flatMap((type) => blocksOfType(resources, type))
    .filter((block) => !LOOKUP_ADDRESS.test(block.address))
    .flatMap((block) => instancesOf(block).map(({ address, config }) => ({ address, block: { ...block, config } })));
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
  return instancesOf(block).map(({ config }) => config);
}

/** Whether any instance of the lookup may find `block` (one instance's configuration). */
function mayFind(lookup: ResourceView, block: ResourceView, blockAt: BlockAt): boolean {
  return configsOf(lookup).some((config) => {
    const one = { ...lookup, config };
    if (isSecretLookup(lookup.address)) return mayReadSecret(one, block, blockAt) !== undefined;
    if (!SSM_PARAMETER_LOOKUPS.has(lookup.type)) return noArgumentDiffers(config, block.config, blockAt);
    // An SSM name may be an ARN or carry a version selector (`/db/pw:3`): compared as the parameter it names (A68a-2's rest); one
    // spelled from a parameter's own name or ARN names that parameter alone (70th run, A70a-2).
    const { name, arn, ...rest } = config;
    const named = referencedParameter(name ?? arn);
    if (named !== undefined) return block.address === named;
    return mayNameOneParameter(name ?? arn, block.config.name, (a, b) => mayBeSame(a, b, blockAt)) && noArgumentDiffers(rest, block.config, blockAt);
  });
}

/**
 * True unless an argument both write is surely another text in the block: literals that differ, or templates whose literal parts
 * cannot spell one text (`${path.module}/pw.txt` and `${path.module}/inventory.ini`: 51st run, A50b-8); in nested blocks too.
 */
function noArgumentDiffers(lookup: { readonly [key: string]: unknown }, block: { readonly [key: string]: unknown }, blockAt: BlockAt): boolean {
  return Object.entries(lookup).every(([key, mine]) => LOOKUP_META.has(key) || (key === 'filename' ? mayBeSame(fileName(mine, block[key]), fileName(block[key], mine), blockAt) : mayBeSame(mine, block[key], blockAt)));
}

function mayBeSame(mine: unknown, theirs: unknown, blockAt: BlockAt): boolean {
  const [nested, theirNested] = [oneBlock(mine), oneBlock(theirs)];
  // Nested blocks compared argument by argument (50th run, A50a-7): a kubernetes_secret's `metadata { name }`.
  if (nested !== undefined && theirNested !== undefined) return noArgumentDiffers(nested, theirNested, blockAt);
  return !isText(mine) || !isText(theirs) || mayBeSameText(mine, theirs, blockAt);
}

type BlockAt = (address: string) => ResourceView | undefined;

/** A literal, or a value known only later that is no collection (a template, a reference, a call). */
function isText(value: unknown): boolean {
  return isLiteral(value) || (isUnknown(value) && oneBlock(value) === undefined);
}

/** A nested block as HCL's JSON writes one: an object, or a list of one object; undefined for anything else. */
function oneBlock(value: unknown): { readonly [key: string]: unknown } | undefined {
  const item = Array.isArray(value) && value.length === 1 ? value[0] : value;
  return isObject(item) && !isUnknown(item) ? item : undefined;
}

function isLiteral(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}


/** Whether a written value reads the lookup itself (a secret copied from the secret it looks up): it gives back only what the lookup reads. */
function copiesLookup(value: unknown, lookup: string): boolean {
  if (!isUnknown(value) || !value.isPlainReference) return false;
  const [reference] = value.references;
  return reference === lookup || reference.startsWith(`${lookup}.`) || reference.startsWith(`${lookup}[`);
}
