/**
 * An import block (Terraform 1.5+; cdktf's `importFrom`) adopts a live Azure object into a resource of the stack, and a moved
 * block hands the object one address managed to another: every argument that resource sets then writes that object (twenty-second
 * review, A22a-7). Where the object is one a construct's server depends on and is not the stack's own block of it (the
 * customer-managed key or its vault given by URL or variable, the identity the server acts as, a subnet or zone it is given), the
 * resource is a writer of that object, judged as the PG-CFG-8 net judges every writer of it (unread-writers.ts): by the table that
 * reads its type toward that kind of object, else failed closed. An import whose id is known only at apply time (a variable,
 * `each.value` over a collection known later, a template) may adopt any object of the resource's type.
 */
import { AZAPI_WRITER_TYPES, azapiType } from './azapi-writes';
import { idSegments, nameKey, scopeAndType } from './azure-keys';
import { spelledArmType, spelledBlockId } from './block-ids';
import { GIVEN_TYPES } from './given-objects';
import { isUnknown } from './hcl-expression';
import { importIds, resourceAddress } from './import-targets';
import type { JudgedScope } from './judged-scopes';
import { StackFacts } from './rule';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';
import { splitTemplate } from './value-readers';
import { keyUrlArmId, parseKeyUrl } from '../private/key-vault-url';

/** One way a resource of the stack takes over a live object. */
interface Adoption {
  /** The resource address it adopts into (a module's resource, inside the module block). */
  readonly to: string;
  /** For messages: 'an import block (id "…")', 'a moved block'. */
  readonly how: string;
  /** What names the adopted object: the import's ids (a key's URL read as its ARM ID), the resource's own spelled ID. */
  readonly pointers: readonly unknown[];
  /** The names of an import by `identity` (Terraform 1.12), each a segment of the object's ID; undefined when it has an id. */
  readonly names?: readonly unknown[];
  /** True when what it adopts is known only at apply time: any object of the resource's type may be it. */
  readonly later: boolean;
}

/** A scope the resource is a writer of, and how, for PG-CFG-8's message. */
export interface AdoptedScope {
  readonly scope: JudgedScope;
  readonly on: string;
  readonly argument: string;
}

/** azurerm types beyond block-ids.ts's table whose import adopts an object the net judges, by ARM type. */
const OTHER_ARM_TYPES: { readonly [type: string]: string } = {
  azurerm_key_vault_key: 'microsoft.keyvault/vaults/keys',
  azurerm_resource_group: 'microsoft.resources/resourcegroups',
};

/**
 * An import's id as an ID the net compares: a key's data-plane URL (azurerm imports `azurerm_key_vault_key` by
 * "https://<vault>.vault.azure.net/keys/<name>/<version>", its `id`; read by the props' grammar, key-vault-url.ts, "?" for an
 * interpolation) as its ARM ID in any vault's group and subscription ("?"); a URL outside that grammar as any key of any vault.
 */
function asArmId(id: unknown): unknown {
  const text = typeof id === 'string' ? id : isUnknown(id) ? splitTemplate(id.spelling, '?').literal : undefined;
  const url = text === undefined ? undefined : parseKeyUrl(text, '?');
  if (url === undefined) return unreadableKeyUrl(text) ? ANY_KEY : id;
  return url.service !== 'vault' ? id : keyUrlArmId(text!);
}

/** Any key of any vault ("?" one segment known only later). */
const ANY_KEY = '/subscriptions/?/resourceGroups/?/providers/Microsoft.KeyVault/vaults/?/keys/?';

/** A URL (an id with a scheme) that parseKeyUrl does not read: another port, a query, an encoded character (A25a-3). */
function unreadableKeyUrl(text: string | undefined): boolean {
  return text !== undefined && /^\s*[a-z][a-z0-9+.-]*:\/\//i.test(text) && parseKeyUrl(text, '?') === undefined;
}

/** The import and moved blocks that adopt an object into each address (a module's resources into the module block), once per stack. */
const adoptionsByStack = new WeakMap<object, ReadonlyMap<string, readonly Adoption[]>>();
function adoptionsOf(block: ResourceView, stack: StackFacts | undefined): readonly Adoption[] {
  const key = stack?.lookups ?? stack?.resources;
  if (stack === undefined || key === undefined) return [];
  let found = adoptionsByStack.get(key);
  if (found === undefined) adoptionsByStack.set(key, (found = readAdoptions(stack)));
  return found.get(block.address) ?? [];
}

/** The address a `to` adopts into: the resource, or the module block that holds it. */
function holder(to: string, stack: StackFacts): string {
  const module = /^(module\.[^.[\]]+)/.exec(to)?.[1];
  return module !== undefined && stack.resources?.has(to) !== true ? module : to;
}

function readAdoptions(stack: StackFacts): ReadonlyMap<string, readonly Adoption[]> {
  const found = new Map<string, Adoption[]>();
  const add = (written: string, adoption: Omit<Adoption, 'to'>) => {
    const to = resourceAddress(written);
    const address = holder(to, stack);
    found.set(address, [...(found.get(address) ?? []), { ...adoption, to }]);
  };
  for (const lookup of stack.lookups?.values() ?? []) {
    if (lookup.type !== 'import') continue;
    const { config } = lookup;
    if (config.id === undefined && config.identity !== undefined) {
      // An identity known only at apply time (a variable) is names known only then.
      const names = isObject(config.identity) ? Object.entries(config.identity).filter(([name]) => name !== 'subscription_id').map(([, value]) => value) : [config.identity];
      add(lookup.name, { how: `an import block (identity ${JSON.stringify(config.identity)})`, pointers: [], names, later: names.some((name) => typeof name !== 'string') });
      continue;
    }
    const ids = importIds(config).map((id) => blockId(id, stack));
    // An id known only at apply time, or a key URL the checks cannot read, may adopt any object of the resource's type.
    const later = ids.some((id) => (id !== undefined && id !== null && typeof id !== 'string') || (typeof id === 'string' && unreadableKeyUrl(id)));
    add(lookup.name, { how: `an import block (id ${JSON.stringify(String(config.id))})`, pointers: ids.map(asArmId), later });
  }
  // A moved block's object is whatever its old address managed: named by the resource's own names only.
  for (const to of stack.moves ?? []) add(to, { how: 'a moved block', pointers: [], later: false });
  return found;
}

/**
 * An import's id as the ID it reads when that is known: a plain reference to the `id` of a block or lookup of the stack whose literal
 * names spell it (a `data.azurerm_key_vault` of the vault's names) is that ID; any other value as written.
 */
function blockId(id: unknown, stack: StackFacts): unknown {
  if (!isUnknown(id) || !id.isPlainReference) return id;
  const address = /^((?:data\.)?[a-z0-9_]+\.[^.[\]]+)\.id$/.exec(id.references[0])?.[1];
  const block = address === undefined ? undefined : stack.resources?.get(address) ?? stack.lookups?.get(address);
  return (block === undefined ? undefined : spelledBlockId(block, stack.resources, stack.azurermProviders)) ?? id;
}

/** The ARM type of the object a resource (or the resource a module's import names) manages, as azapi-writes.ts keys it. */
function adoptedType(block: ResourceView, to: string): string | undefined {
  if (AZAPI_WRITER_TYPES.includes(block.type)) return azapiType(block);
  const parts = to.split('.');
  const type = block.type === 'module' ? parts[parts.length - 2] ?? '' : block.type;
  return spelledArmType(type) ?? OTHER_ARM_TYPES[type];
}

/** A scope's literal IDs: those it is named by, and those its blocks' and lookups' names spell. */
function scopeIds(scope: JudgedScope, stack: StackFacts | undefined): string[] {
  return [...scope.values.filter((value): value is string => typeof value === 'string' && value.includes('/')), ...lookupIds(scope, stack),
    ...scope.blocks.flatMap((each) => spelledBlockId(each, stack?.resources, stack?.azurermProviders) ?? [])];
}

/** The IDs the names of the lookups a scope is spell (an identity given by `data.azurerm_user_assigned_identity.x.id`). */
function lookupIds(scope: JudgedScope, stack: StackFacts | undefined): string[] {
  return scope.addresses.flatMap((address) => {
    const lookup = stack?.lookups?.get(address);
    return (lookup === undefined ? undefined : spelledBlockId(lookup, stack?.resources, stack?.azurermProviders)) ?? [];
  });
}

/** The ARM types a scope may be (from its literal IDs, its blocks' spelled IDs, the type it is given as). */
function scopeTypes(scope: JudgedScope, stack: StackFacts | undefined): string[] {
  const ids = scopeIds(scope, stack);
  const given = scope.givenKind === undefined ? [] : [GIVEN_TYPES[scope.givenKind].path.filter((_segment, at) => at === 0 || at % 2 === 1).join('/')];
  return [...new Set([...ids.flatMap((id) => scopeAndType(id)?.type ?? []), ...given])];
}

/** The literal names that end a scope's literal IDs (a template's last literal segment names another object when none is it). */
function scopeNames(scope: JudgedScope, stack: StackFacts | undefined): string[] {
  return scopeIds(scope, stack).map((id) => idSegments(id).pop() ?? '');
}

/** Whether an id known only at apply time may name a scope of the resource's type: its literal last segment, when it has one, is the scope's. */
function mayName(id: unknown, scope: JudgedScope, stack: StackFacts | undefined): boolean {
  const armed = asArmId(id);
  const text = typeof armed === 'string' ? armed : isUnknown(armed) ? splitTemplate(armed.spelling, '?').literal : '?';
  const last = idSegments(text).pop() ?? '?';
  const names = scopeNames(scope, stack);
  return last.includes('?') || names.length === 0 || names.some((name) => name === '?' || name === last);
}

/**
 * The first scope a resource is a writer of because an import or moved block adopts the object into it (a container's own
 * arguments write nothing it holds: not here), and how, for PG-CFG-8; undefined when none. `names` tests a pointer against a scope
 * as the net does (an ID, a reference, the construct's expression); `judged` says a table reads the resource toward the scope's kind.
 */
export function adoptedScope(block: ResourceView, scopes: readonly JudgedScope[], stack: StackFacts | undefined,
  names: (pointer: unknown, scope: JudgedScope) => boolean, judged: (scope: JudgedScope) => boolean): AdoptedScope | undefined {
  const adoptions = adoptionsOf(block, stack);
  if (adoptions.length === 0) return undefined;
  const spelled = block.type === 'module' ? undefined : spelledBlockId(block, stack?.resources, stack?.azurermProviders);
  for (const adoption of adoptions) {
    const type = adoptedType(block, adoption.to);
    const pointers = [...adoption.pointers, ...(spelled === undefined ? [] : [spelled])];
    for (const scope of scopes.filter((each) => each.kind !== 'container' && each.kind !== 'server' && !judged(each))) {
      const widened = { ...scope, values: [...scope.values, ...lookupIds(scope, stack)] };
      const by = pointers.find((pointer) => names(pointer, widened))
        ?? (adoption.names !== undefined && identityNames(adoption.names, scope, stack) ? 'identity' : undefined);
      if (by !== undefined) return { scope, on: `${scope.what}, which ${adoption.how} adopts into it`, argument: `${adoption.how.startsWith('a moved') ? 'moved' : 'import'} block, so every argument it sets writes that object` };
      const later = adoption.later && type !== undefined && scopeTypes(scope, stack).includes(type)
        && (adoption.names !== undefined || adoption.pointers.some((pointer) => mayName(pointer, scope, stack)));
      if (later) return { scope, on: `${scope.what}, which ${adoption.how} may adopt into it`, argument: 'import block, whose object is known only at apply time: every argument it sets may write that object' };
    }
  }
  return undefined;
}

/** Whether an import's literal identity names (its group, name, parents) are all segments of one of a scope's literal IDs. */
function identityNames(names: readonly unknown[], scope: JudgedScope, stack: StackFacts | undefined): boolean {
  if (names.some((name) => typeof name !== 'string')) return false;
  const ids = scopeIds(scope, stack);
  const keys = (names as string[]).map(nameKey);
  // The object's own name is the ID's last segment; its group and parents are segments of it, or of a part known only later ("?").
  return ids.some((id) => {
    const segments = idSegments(id);
    return keys.includes(segments[segments.length - 1]) && keys.every((name) => segments.includes(name) || segments.includes('?'));
  });
}
