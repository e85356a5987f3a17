// The in-database resources of a server by type, address and role name. The rules and the
// report look roles up once per grant, label and membership: scanning the server's list each
// time grew with the square of its resources. The index is derived from the list itself and
// built again whenever the list has another length; the model never changes a list once built.
import { isUnknown, Unknown } from './hcl-expression';
import { ResourceView, TerraformBlock } from './stack-model';
import { replacedAs } from './forced-create-before-destroy';

/** A server's in-database resources, indexed. Each list keeps the order of the server's list. */
export interface InDatabaseIndex {
  /** Every resource, a block with for_each over a known collection as its instances (instanceViews). */
  readonly all: readonly ResourceView[];
  readonly byType: ReadonlyMap<string, readonly ResourceView[]>;
  /** The first resource of each address. */
  readonly byAddress: ReadonlyMap<string, ResourceView>;
  /** The first postgresql_role of each literal name. */
  readonly roleByName: ReadonlyMap<string, ResourceView>;
  /** The resources of any of the types, in the list's order. */
  ofTypes(types: readonly string[]): readonly ResourceView[];
}

const indexes = new WeakMap<readonly ResourceView[], { readonly length: number; readonly index: InDatabaseIndex }>();

/** For each server's in-database list, the postgresql blocks of its whole stack, whose secret keys it hides too (hideKeysOfStack). */
const stackBlocks = new WeakMap<readonly ResourceView[], readonly ResourceView[]>();

/**
 * Has the index of a server's list hide the secret keys of every postgresql block of the stack: a for_each chained over a block of
 * another server, or over the same map, has its keys (adversarial run of stop 80, A80-19).
 */
export function hideKeysOfStack(list: readonly ResourceView[], blocks: readonly ResourceView[]): void {
  stackBlocks.set(list, blocks);
}

/**
 * The index of a server's in-database list, each block with for_each over a collection the evaluator knows read as its instances
 * (instanceViews): every in-database rule reads its resources here (database-checks.ts inDatabaseOf, grantsOf, roleNamed).
 */
export function inDatabaseIndex(list: readonly ResourceView[]): InDatabaseIndex {
  const known = indexes.get(list);
  if (known !== undefined && known.length === list.length) return known.index;
  // A key one block writes into a secret is hidden in every block's address: a for_each chained over that block has its keys (D79-6).
  const secrets = new Set([...list, ...(stackBlocks.get(list) ?? [])].flatMap(secretKeysOf));
  const resources = list.flatMap((resource) => instanceViews(resource, secrets));
  const byType = new Map<string, ResourceView[]>();
  const byAddress = new Map<string, ResourceView>();
  const roleByName = new Map<string, ResourceView>();
  for (const resource of resources) {
    const ofType = byType.get(resource.type);
    if (ofType === undefined) byType.set(resource.type, [resource]);
    else ofType.push(resource);
    if (!byAddress.has(resource.address)) byAddress.set(resource.address, resource);
    if (resource.type !== 'postgresql_role') continue;
    const name = resource.config.name;
    if (typeof name === 'string' && !roleByName.has(name)) roleByName.set(name, resource);
  }
  // A block read instance by instance is found by its own address too, as written (a reference without a key, `postgresql_role.R.name`,
  // which Terraform refuses on a block with for_each): read as before its instances were listed, never as no block at all.
  for (const resource of list) if (!byAddress.has(resource.address)) byAddress.set(resource.address, resource);
  // Several types at once (grants, default privileges, memberships): filtered once per set of types.
  const byTypes = new Map<string, readonly ResourceView[]>();
  const ofTypes = (types: readonly string[]): readonly ResourceView[] => {
    if (types.length === 1) return byType.get(types[0]) ?? [];
    const key = types.join(' ');
    let found = byTypes.get(key);
    // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
    if (found === undefined) byTypes.set(key, (found = resources.filter((resource) => types.includes(resource.type))));
    return found;
  };
  const index = { all: resources, byType, byAddress, roleByName, ofTypes };
  indexes.set(list, { length: list.length, index });
  return index;
}

/**
 * A block with for_each over a collection the evaluator knows, as its instances: each at its address with the key
 * (`postgresql_grant.G["orders"]`, as Terraform names it), its configuration that of the instance (each.key and each.value that
 * item's), so its arguments are read together: a role "${each.key}_readonly" with the database each.key is one pair per instance, not
 * any role with any database (35th run, A35a-3). Any other block (no for_each, a for_each known only later, count) as itself.
 */
export function instanceViews(resource: ResourceView, secrets: ReadonlySet<string> = new Set(secretKeysOf(resource))): readonly ResourceView[] {
  const { instanceKeys: keys, instance } = resource;
  if (keys === undefined || instance === undefined) return [resource];
  // Over a for_each chained over another block (`for_each = postgresql_role.R`), each.value is R's instance of the key: a plain path
  // into it (`each.value.name`) is that instance's attribute, `postgresql_role.R["key"].name`, as a reference written so reads.
  const forEach = resource.config.for_each;
  const source = isUnknown(forEach) && forEach.isPlainReference ? forEach.expression : undefined;
  const configs = keys.map((key) => {
    const config = instance(key);
    return config === undefined || source === undefined ? config : itemPathsRead(config, source, key) as TerraformBlock;
  });
  // An instance whose item is known only later (`each.value.name` of a map holding a variable; any other reading of a chained item:
  // `"${each.value.name}_x"`) is read no better alone: the block read as a whole reads it through the items' choices
  // (database-checks.ts databaseNameIn), as before. each.key of a chained for_each is known: read per instance.
  const chained = isUnknown(forEach) ? forEach.references : [];
  // The for_each itself reads the block it chains over: what it means is the instances, listed here.
  if (configs.some((config) => config === undefined || readsUnknownItem(argumentsOf(config), chained))) return [resource];
  return keys.map((key, index): ResourceView => replacedAs({
    type: resource.type,
    name: resource.name,
    address: `${resource.address}[${JSON.stringify(secrets.has(key.toLowerCase()) ? `key ${index + 1}, a password: not shown` : key)}]`,
    ...(resource.constructPath === undefined ? {} : { constructPath: resource.constructPath }),
    ...(resource.madeByLibrary === true ? { madeByLibrary: true } : {}),
    config: configs[index]!,
    certain: resource.certain,
    block: resource.address,
  }, resource));
}

/**
 * The keys (in lower case) of a block with for_each over a known collection that it writes as a password or secret (`password =
 * each.key`): an address showing one would print the secret in every finding, report and SARIF file, so it is shown by its place
 * instead (adversarial run of stop 79, C79-46).
 */
function secretKeysOf(resource: ResourceView): string[] {
  const { instanceKeys: keys, instance } = resource;
  if (keys === undefined || instance === undefined) return [];
  // A secret argument written from the key, whatever the function (`split(":", each.key)[1]`: the key holds the secret, A80-3); over
  // a set each.value is the key too. Not a key that picks another block's instance (`random_password.pw[each.key].result`, the
  // rotation DatabaseAccess writes: C80-19), which is no secret.
  const item = Array.isArray(resource.config.for_each) ? /(?<!\[\s*)\beach\.(?:key|value)\b/ : /(?<!\[\s*)\beach\.key\b/;
  const written = secretTexts(resource.body ?? {}, false).some((text) => item.test(text));
  return keys.filter((key) => key !== '' && (written || holdsInSecret(instance(key) ?? {}, key.toLowerCase(), false))).map((key) => key.toLowerCase());
}

/** The texts a value holds under an argument named for a secret, at any depth. */
function secretTexts(value: unknown, secret: boolean): string[] {
  if (typeof value === 'string') return secret ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => secretTexts(item, secret));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, item]) => secretTexts(item, secret || SECRET_NAME.test(name)));
}

/** An argument named for a secret; a connection string holds one (`conninfo = "postgresql://u:${each.key}@h"`, A80-4). */
const SECRET_NAME = /pass|secret|token|conninfo|connection_?string/i;

/**
 * Whether a value holds the text (in any case) in a secret: under an argument named for one at any depth (`options.password`), or
 * as part of a value (`"${each.key}-x"`, `upper(each.key)`), or after `password=` in any text (a `conninfo`): adversarial run of stop
 * 79, D79-2 to D79-5; a URI's password, SQL's `PASSWORD '...'` (A80-4, C80-9).
 */
function holdsInSecret(value: unknown, text: string, secret: boolean): boolean {
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    // A key that picks another block's instance (`random_password.pw["app_a"].result`) is not written into the secret (C80-19).
    if (secret) return lower.replace(/\[\s*"(?:[^"\\]|\\.)*"\s*\]/g, '').includes(text);
    const assigned = lower.replace(/\s*=\s*/g, '=');
    if ([`password=${text}`, `password='${text}`, `password="${text}`, `:${text}@`].some((part) => assigned.includes(part))) return true;
    // SQL's PASSWORD '...' however quoted: E'...', $$...$$, $tag$...$tag$, after any blanks (E80-15).
    return [...lower.matchAll(/password\s+(?:e?'|\$[a-z0-9_]*\$)/g)].some((match) => lower.startsWith(text, match.index + match[0].length));
  }
  if (Array.isArray(value)) return value.some((item) => holdsInSecret(item, text, secret));
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([name, item]) => holdsInSecret(item, text, secret || SECRET_NAME.test(name)));
}

/** A configuration without its for_each. */
function argumentsOf(config: TerraformBlock): TerraformBlock {
  return Object.fromEntries(Object.entries(config).filter(([name]) => name !== 'for_each'));
}

/** each.value followed by attribute steps only, and those steps. */
const ITEM_PATH = /^each\.value((?:\.[A-Za-z_][\w-]*)+)$/;

/**
 * A value with each plain path into a chained for_each's item (`each.value.name`, which the evaluator leaves written whole: its item is
 * known only later) read as the path into the source block's instance of the key (`postgresql_role.R["orders"].name`).
 */
function itemPathsRead(value: unknown, source: string, key: string): unknown {
  if (isUnknown(value)) {
    const steps = ITEM_PATH.exec(value.expression)?.[1];
    if (steps === undefined || value.references.some((reference) => reference !== source)) return value;
    const path = `${source}[${JSON.stringify(key)}]${steps}`;
    return new Unknown(path, [path]);
  }
  if (Array.isArray(value)) return value.map((item) => itemPathsRead(item, source, key));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, itemPathsRead(item, source, key)]));
}

/**
 * True when a value holds a path into an iterator's item known only later, written whole (`each.value.name`), or reads what the
 * block's for_each refers to (an item of a chained for_each: another block's instance).
 */
function readsUnknownItem(value: unknown, chained: readonly string[]): boolean {
  if (isUnknown(value)) return /^each\.(?:key|value)\b/.test(value.expression) || value.references.some((reference) => chained.includes(reference));
  if (Array.isArray(value)) return value.some((item) => readsUnknownItem(item, chained));
  return value !== null && typeof value === 'object' && Object.values(value).some((item) => readsUnknownItem(item, chained));
}

/** The address of the block an address names: an instance's (`type.name["key"]`) without its key, any other as it is. */
export function blockAddressOf(address: string): string {
  return /^(.*?)\["(?:[^"\\]|\\.)*"\]$/s.exec(address)?.[1] ?? address;
}
