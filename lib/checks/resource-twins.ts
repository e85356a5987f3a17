import { idSegments, nameKey } from './azure-keys';
import { azureTypeKey } from './azapi-writes';
import { spelledArguments, spelledArmType, SPELLED_TYPES } from './block-ids';
import { evaluateJson, Scope } from './hcl-expression';
import { isCounted } from './instance-arguments';
import { blockInstances } from './instance-references';
import { literalArgument, LiteralNames, literalNames } from './literal-names';
import { providerConfigurations } from './provider-facts';
import { ResourcePlace } from './rule';
import { constructPathOf, localsScope, RawBlock, sectionBlocks, TerraformBlock } from './stack-model';
import { bodiesOf, isObject } from './terraform-json';
// A cycle of imports, read only when called: data-source-aliases.ts reads the twins before its lookups.
import { sourceRelation } from './data-source-aliases';

// Two resources of one type and the same literal names, written through providers that may be one subscription, are one Azure
// object (a second one adopted by an `import` block, or one whose create Azure refuses): what a reference to the second one's ID,
// names or what Azure gives back reaches is the first one's. Readers that compare a pointer with the block of the construct's
// subnet, group or endpoint by its address read an association, a rule or a role on the twin as on another object (twin probe,
// stop 64: an open rule in an adopted twin of the construct's network security group passed once PG-CFG-3 was suppressed on the
// twin). An azapi resource of the object's ARM type, name and parent is one of its blocks too, and a block with for_each or count
// is one of every object an instance names (each read with its own item; stop 65): an instance by a literal key is its own
// object's, one whose key is not known each object's (stop 66). One rewrite before the model reads
// the stack serves every reader, as data-source-aliases.ts does for lookups; the twin's own arguments are still read as written,
// and PG-CFG-3 still fails the twin itself.

/**
 * A reference to a block (its address), then the attribute it reads when one follows at once (`.name`, `["name"]`). The
 * lookbehind keeps a longer address (`data.azurerm_x.y`, `module.m.x.y`) out.
 */
const BLOCK_REFERENCE = /(?<![\w.-])([a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)(?![\w-])(?:\.([A-Za-z_][\w-]*)|\[\s*"([^"]*)"\s*\])?/g;

/**
 * Whether twins of a type are found: a type whose ID the block-ids.ts table spells, or a resource group. Asked when called, not
 * when the module loads: block-ids.ts is among the modules that load this one.
 */
function isTwinned(type: string): boolean {
  return type === 'azurerm_resource_group' || spelledArguments(type).length > 0;
}

/** What tells the blocks apart: the construct paths the library's constructs made, and where a block of a joined app is. */
export interface TwinOptions {
  readonly made?: ReadonlySet<string>;
  /** The stack a block comes from (undefined: the judged one) and the subscription its azurerm provider names, when stacks are joined. */
  readonly placeOf?: (block: { readonly address: string; readonly config: TerraformBlock }) => ResourcePlace;
}

/**
 * The twins of a stack: how a text reads them, how it reads an instance of a twin with for_each or count by a literal key (before
 * instance-references.ts reads it as the block: `t["a"].name`, `t[0].id`; undefined when no twin has such instances), and their
 * addresses (each but its object's first block).
 */
export interface ResourceTwins {
  readonly readings: (text: string) => string;
  readonly instanceKeys?: (text: string) => string;
  readonly seconds: ReadonlySet<string>;
}

/** A reference to one instance of a block by a literal key (`t["a"]`, `t[0]`), then the attribute it reads when one follows at once. */
const INSTANCE_REFERENCE = /(?<![\w.-])([a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)\[\s*(?:"([^"\\]*)"|(\d+))\s*\](?:\.([A-Za-z_][\w-]*))?/g;

/**
 * The stack's twins: a text reads every reference to one as one to its object's first block, the one a library construct made
 * when one of the twins is (two made ones are left: two constructs' resources alike are two stacks'), else the first in the
 * stack. What the object is (its ID, names, and what Azure gives back: a principal ID, an FQDN) is one for both blocks; an
 * argument the twin writes itself is its own (it may write another value than the first block). A reference whose attribute
 * cannot be read at once (`(x).id`, the block whole) is read as the first block's. A text is read as itself when the stack has
 * no twins.
 */
export function resourceTwins(terraform: unknown, options: TwinOptions = {}): ResourceTwins {
  const twins = twinsOf(terraform, options);
  // Stryker disable next-line ConditionalExpression: a fast path; without twins the rewrite gives every reference back as it is.
  if (twins.size === 0) return { readings: (text) => text, seconds: new Set() };
  const interpolated = (text: string) => text.includes('${') || text.includes('%{');
  // A twin of several objects (a for_each naming two of them) read where its instance is not known: each object's first block, as
  // one of coalesce's arguments, which every reader of choices reads as each (expression-readings.ts ONE_OF_ARGUMENTS).
  const readings = (text: string) => (interpolated(text) ? text.replace(BLOCK_REFERENCE, (whole, address: string, dotted?: string, indexed?: string) => {
    const twin = twins.get(address);
    if (twin === undefined || !twin.readsFirst(dotted ?? indexed)) return whole;
    const rest = whole.slice(address.length);
    return twin.firsts.length === 1 ? `${twin.firsts[0]}${rest}` : `coalesce(${twin.firsts.map((first) => `${first}${rest}`).join(', ')})`;
  }) : text);
  const seconds = new Set(twins.keys());
  if (![...twins.values()].some((twin) => twin.byInstance.size > 0)) return { readings, seconds };
  const instanceKeys = (text: string) => (interpolated(text) ? text.replace(INSTANCE_REFERENCE, (whole, address: string, key?: string, index?: string, attribute?: string) => {
    const twin = twins.get(address);
    const first = twin?.byInstance.get(key ?? String(Number(index)));
    // Stryker disable next-line ConditionalExpression: equivalent: without a twin there is no first block; the guard narrows the type.
    return twin === undefined || first === undefined || !twin.readsFirst(attribute) ? whole : `${first}${attribute === undefined ? '' : `.${attribute}`}`;
  }) : text);
  return { readings, instanceKeys, seconds };
}

/**
 * A block of an object: its address, arguments as written, whether a construct made it, what a reference to it reads of the object,
 * and each of its instances by key with the object it is (none for a block without for_each or count).
 */
interface Entry {
  readonly type: string;
  readonly address: string;
  readonly body: TerraformBlock;
  readonly made: boolean;
  readonly readsFirst: (attribute: string | undefined) => boolean;
  readonly instances: readonly (readonly [key: string, object: string])[];
}

/**
 * A twin: the addresses of its objects' first blocks (several when its instances are several objects), each instance's by its key,
 * and whether a reference to an attribute (undefined: one not read at once) reads that block.
 */
interface Twin {
  readonly firsts: string[];
  readonly byInstance: Map<string, string>;
  readonly readsFirst: (attribute: string | undefined) => boolean;
}

/** An azurerm twin reads the first block but for the arguments it writes itself (its names aside: they are the object's). */
function readsFirstBut(body: TerraformBlock, named: readonly string[]): (attribute: string | undefined) => boolean {
  const own = new Set(Object.keys(body).filter((argument) => !named.includes(argument)));
  // Stryker disable next-line ConditionalExpression: `own` holds argument names only, so it never has undefined either.
  return (attribute) => attribute === undefined || !own.has(attribute);
}

/** An azapi twin, whose other attributes are azapi's (`output`, `body`), reads only its ID and name there. */
const azapiReadsFirst = (attribute: string | undefined) => attribute === 'id' || attribute === 'name';

/**
 * Each twin by its address. Blocks of one type and literal names are one object unless their provider configurations are surely two
 * subscriptions (data-source-aliases.ts sourceRelation: two literal ones, or two clouds), in this stack or another of the app: one
 * that may be the same subscription is read as the object, as PG-CFG-3 fails it as a second resource (naming both subscriptions
 * tells them apart).
 */
function twinsOf(terraform: unknown, { made, placeOf }: TwinOptions): Map<string, Twin> {
  const roots = bodiesOf(terraform).filter(isObject);
  const blocks = sectionBlocks(roots, 'resource');
  // Blocks without for_each or count first: an object's first block is one of them when it has one.
  const ordered = [...blocks.filter((block) => !isCounted(block.body)), ...blocks.filter((block) => isCounted(block.body))];
  const twins = new Map<string, Twin>();
  // Stryker disable next-line ArrayDeclaration: the list only collects the locals' problems, which the model names, not this reader.
  const constants = localsScope(roots, []);
  const names = literalNames(blocks.map((block) => ({ address: `${block.type}.${block.name}`, body: block.body })), constants);
  const objects = new Map<string, Entry[]>();
  const partsOf = new Map<string, string[]>();
  /**
   * Adds a block to the object each of its instances is (a block without for_each or count is one instance; with them, each is
   * named with its own item: a for_each of the construct's group's name, adopted by an import of its instance). A reference to an
   * instance is one to the block (instance-references.ts), so the block is a twin of every object an instance is, and its other
   * instances are read as that object too (more findings, never fewer). An azapi child's parent is read as the block only when
   * every instance is one object.
   */
  const add = (block: RawBlock, readsFirst: Entry['readsFirst'], keyOf: (scope: Scope) => [string, ...string[]] | undefined) => {
    const keys = new Map<string, [string, ...string[]]>();
    const instances: [string, string][] = [];
    for (const instance of blockInstances(block.body, constants) ?? []) {
      const key = keyOf(instance.scope);
      if (key === undefined) continue;
      const object = JSON.stringify(key);
      keys.set(object, key);
      if (instance.key !== undefined) instances.push([instance.key, object]);
    }
    const address = `${block.type}.${block.name}`;
    const path = constructPathOf(block);
    // Stryker disable next-line ConditionalExpression: `path !== undefined` only narrows the type; no made set holds undefined.
    const entry = { type: block.type, address, body: block.body, made: path !== undefined && made?.has(path) === true, readsFirst, instances };
    for (const [key, [, ...parts]] of keys) {
      if (keys.size === 1) partsOf.set(address, parts);
      const same = objects.get(key);
      if (same === undefined) objects.set(key, [entry]);
      else same.push(entry);
    }
  };
  for (const block of ordered.filter((each) => isTwinned(each.type))) {
    const named = nameArguments(block.type);
    add(block, readsFirstBut(block.body, named), (scope) => {
      const parts = nameParts(named, block.body, names, scope);
      return parts === undefined ? undefined : [block.type, ...parts];
    });
  }
  // An azapi resource of a type the table spells, named by a literal name below a literal parent or a block of the stack (azapi-network.ts
  // reads it as its azurerm twin): a block of that object too (an azapi network security group of the construct's group's names).
  for (const block of ordered.filter((each) => each.type === 'azapi_resource')) {
    add(block, azapiReadsFirst, (scope) => {
      const type = azurermTypeOf(evaluateJson(block.body.type, scope));
      const name = literalText(block.body.name, 'name', names, scope);
      const parent = parentParts(instanceText(block.body.parent_id, scope), partsOf);
      return type === undefined || name === undefined || parent === undefined ? undefined : [type, ...parent, nameKey(name)];
    });
  }
  const providers = providerConfigurations(roots);
  // The judged stack's providers are in its JSON; another stack's azurerm providers are not joined to it: its place names them.
  const mayBeOne = (first: Entry, other: Entry) => {
    const [mine, theirs] = [first, other].map((block) => placeOf?.({ address: block.address, config: block.body }) ?? {});
    if (mine.stack === undefined && theirs.stack === undefined) return sourceRelation(first.type, first.body, other.body, providers) !== 'other';
    return mine.subscription === undefined || theirs.subscription === undefined || mine.subscription === theirs.subscription;
  };
  for (const [object, same] of objects) {
    const ownMade = same.filter((block) => block.made);
    if (ownMade.length > 1) continue;
    // The construct's block, else the first: an azurerm one when there is one (they are added before azapi ones), whose attributes every reader knows.
    const first = ownMade[0] ?? same[0];
    for (const block of same.filter((each) => each !== first && mayBeOne(first, each))) {
      // A block whose instances are several objects is a twin of each (stop 66: read as the last one only, a rule on the construct's
      // network security group through `t["a"]` was read on another one).
      const twin = twins.get(block.address) ?? { firsts: [], byInstance: new Map<string, string>(), readsFirst: block.readsFirst };
      if (!twin.firsts.includes(first.address)) twin.firsts.push(first.address);
      block.instances.filter(([, of]) => of === object).forEach(([key]) => twin.byInstance.set(key, first.address));
      twins.set(block.address, twin);
    }
  }
  return twins;
}

/** The arguments an object of a type is named by: its resource group's and its own names (a resource group: its name). */
function nameArguments(type: string): string[] {
  return type === 'azurerm_resource_group' ? ['name'] : ['resource_group_name', ...spelledArguments(type)];
}

/** The literal names (keys: without case) that name the object a block makes in its subscription; undefined when one is not literal. */
function nameParts(named: readonly string[], body: { readonly [key: string]: unknown }, names: LiteralNames, constants: Scope): string[] | undefined {
  const parts: string[] = [];
  for (const argument of named) {
    const literal = literalText(body[argument], argument, names, constants);
    if (literal === undefined) return undefined;
    parts.push(nameKey(literal));
  }
  return parts;
}

/** The azurerm type whose ARM type (block-ids.ts) an azapi `type` names ("Microsoft.Network/networkSecurityGroups@2023-09-01"). */
function azurermTypeOf(armType: unknown): string | undefined {
  if (typeof armType !== 'string') return undefined;
  const wanted = azureTypeKey(armType);
  return wanted === 'microsoft.resources/resourcegroups' ? 'azurerm_resource_group' : SPELLED_TYPES.find((type) => spelledArmType(type) === wanted);
}

/**
 * The names an azapi parent_id gives its child's key: a literal ID's resource group and the names below it, or the names of a block of
 * the stack it references by its ID; undefined for anything else.
 */
function parentParts(parent: unknown, partsOf: ReadonlyMap<string, string[]>): string[] | undefined {
  if (typeof parent !== 'string') return undefined;
  const reference = /^\$\{\s*([a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)\.id\s*\}$/.exec(parent);
  if (reference !== null) return partsOf.get(reference[1]);
  if (parent.includes('${') || parent.includes('%{')) return undefined;
  const segments = idSegments(parent);
  if (segments[0] !== 'subscriptions') return undefined;
  if (segments.length === 2) return [];
  // Stryker disable next-line ConditionalExpression: without a group's name the child is keyed below none (null), which no block's key holds.
  if (segments[2] !== 'resourcegroups' || segments[3] === undefined) return undefined;
  // Below the group: "providers", a namespace, then type and name pairs (a VNet's: virtualNetworks, <name>).
  const below = segments.slice(4);
  if (below.length > 0 && (below[0] !== 'providers' || below.length % 2 !== 0)) return undefined;
  return [segments[3], ...below.slice(2).filter((_segment, index) => index % 2 === 1)];
}

/** An argument as its instance reads it when that is text (a literal, or its item: `each.value`), else as written (a reference). */
function instanceText(value: unknown, scope: Scope): unknown {
  const evaluated = evaluateJson(value, scope);
  return typeof evaluated === 'string' ? evaluated : value;
}

/** A name as literal text: written so, a constant expression, or a plain reference to another block's literal name or group. */
function literalText(value: unknown, argument: string, names: LiteralNames, constants: Scope): string | undefined {
  const evaluated = evaluateJson(value, constants);
  const literal = typeof evaluated === 'string' ? evaluated : literalArgument(names, argument, value, constants);
  return literal === undefined || literal.trim() === '' ? undefined : literal;
}
