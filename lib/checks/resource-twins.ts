import { nameKey } from './azure-keys';
import { spelledArguments } from './block-ids';
import { evaluateJson, Scope } from './hcl-expression';
import { isCounted } from './instance-arguments';
import { literalArgument, LiteralNames, literalNames } from './literal-names';
import { providerConfigurations } from './provider-facts';
import { ResourcePlace } from './rule';
import { constructPathOf, localsScope, sectionBlocks, TerraformBlock } from './stack-model';
import { bodiesOf, isObject } from './terraform-json';
// A cycle of imports, read only when called: data-source-aliases.ts reads the twins before its lookups.
import { sourceRelation } from './data-source-aliases';

// Two resources of one type and the same literal names, written through providers that may be one subscription, are one Azure
// object (a second one adopted by an `import` block, or one whose create Azure refuses): what a reference to the second one's ID,
// names or what Azure gives back reaches is the first one's. Readers that compare a pointer with the block of the construct's
// subnet, group or endpoint by its address read an association, a rule or a role on the twin as on another object (twin probe,
// stop 64: an open rule in an adopted twin of the construct's network security group passed once PG-CFG-3 was suppressed on the
// twin). One rewrite before the model reads the stack serves every reader, as data-source-aliases.ts does for lookups; the twin's
// own arguments are still read as written, and PG-CFG-3 still fails the twin itself.

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

/** The twins of a stack: how a text reads them, and their addresses (each but its object's first block). */
export interface ResourceTwins {
  readonly readings: (text: string) => string;
  readonly seconds: ReadonlySet<string>;
}

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
  if (twins.size === 0) return { readings: (text) => text, seconds: new Set() };
  const readings = (text: string) => (text.includes('${') || text.includes('%{') ? text.replace(BLOCK_REFERENCE, (whole, address: string, dotted?: string, indexed?: string) => {
    const twin = twins.get(address);
    const attribute = dotted ?? indexed;
    if (twin === undefined || (attribute !== undefined && twin.own.has(attribute))) return whole;
    return `${twin.first}${whole.slice(address.length)}`;
  }) : text);
  return { readings, seconds: new Set(twins.keys()) };
}

/** A block of an object: its address, arguments as written, whether a construct made it, and the arguments it writes beside its names. */
interface Entry {
  readonly type: string;
  readonly address: string;
  readonly body: TerraformBlock;
  readonly made: boolean;
  readonly own: ReadonlySet<string>;
}

/** A twin: the address of its object's first block, and the arguments it writes itself (its names aside: they are the object's). */
interface Twin {
  readonly first: string;
  readonly own: ReadonlySet<string>;
}

/**
 * Each twin by its address. Blocks of one type and literal names are one object unless their provider configurations are surely two
 * subscriptions (data-source-aliases.ts sourceRelation: two literal ones, or two clouds), in this stack or another of the app: one
 * that may be the same subscription is read as the object, as PG-CFG-3 fails it as a second resource (naming both subscriptions
 * tells them apart).
 */
function twinsOf(terraform: unknown, { made, placeOf }: TwinOptions): Map<string, Twin> {
  const roots = bodiesOf(terraform).filter(isObject);
  const resources = sectionBlocks(roots, 'resource').filter((block) => isTwinned(block.type) && !isCounted(block.body));
  const twins = new Map<string, Twin>();
  if (resources.length < 2) return twins;
  const constants = localsScope(roots, []);
  const names = literalNames(sectionBlocks(roots, 'resource').map((block) => ({ address: `${block.type}.${block.name}`, body: block.body })), constants);
  const objects = new Map<string, Entry[]>();
  for (const block of resources) {
    const named = nameArguments(block.type);
    const key = objectKey(block.type, named, block.body, names, constants);
    if (key === undefined) continue;
    const path = constructPathOf(block);
    const own = new Set(Object.keys(block.body).filter((argument) => !named.includes(argument)));
    const entry = { type: block.type, address: `${block.type}.${block.name}`, body: block.body, made: path !== undefined && made?.has(path) === true, own };
    const blocks = objects.get(key);
    if (blocks === undefined) objects.set(key, [entry]);
    else blocks.push(entry);
  }
  const providers = providerConfigurations(roots);
  // The judged stack's providers are in its JSON; another stack's azurerm providers are not joined to it: its place names them.
  const mayBeOne = (first: Entry, other: Entry) => {
    const [mine, theirs] = [first, other].map((block) => placeOf?.({ address: block.address, config: block.body }));
    if (mine?.stack === undefined && theirs?.stack === undefined) return sourceRelation(first.type, first.body, other.body, providers) !== 'other';
    return mine?.subscription === undefined || theirs?.subscription === undefined || mine.subscription === theirs.subscription;
  };
  for (const blocks of objects.values()) {
    const ownMade = blocks.filter((block) => block.made);
    if (blocks.length < 2 || ownMade.length > 1) continue;
    const first = ownMade[0] ?? blocks[0];
    blocks.filter((block) => block !== first && mayBeOne(first, block)).forEach((block) => twins.set(block.address, { first: first.address, own: block.own }));
  }
  return twins;
}

/** The arguments an object of a type is named by: its resource group's and its own names (a resource group: its name). */
function nameArguments(type: string): string[] {
  return type === 'azurerm_resource_group' ? ['name'] : ['resource_group_name', ...spelledArguments(type)];
}

/** The object a block makes in its subscription, as a key: its type and literal names (without case); undefined when one is not literal. */
function objectKey(type: string, named: readonly string[], body: { readonly [key: string]: unknown }, names: LiteralNames, constants: Scope): string | undefined {
  const parts: string[] = [];
  for (const argument of named) {
    const literal = literalText(body[argument], argument, names, constants);
    if (literal === undefined) return undefined;
    parts.push(nameKey(literal));
  }
  return JSON.stringify([type, ...parts]);
}

/** A name as literal text: written so, a constant expression, or a plain reference to another block's literal name or group. */
function literalText(value: unknown, argument: string, names: LiteralNames, constants: Scope): string | undefined {
  if (typeof value !== 'string') return undefined;
  const evaluated = evaluateJson(value, constants);
  const literal = typeof evaluated === 'string' ? evaluated : literalArgument(names, argument, value, constants);
  return literal === undefined || literal.trim() === '' ? undefined : literal;
}
