import { nameKey } from './azure-keys';
import { blockOf } from './attribute-reads';
import { isUnknown, Unknown } from './hcl-expression';
import type { ResourceView } from './stack-model';
import { INSTANCE_KEY } from './traversal-text';

// A child that names its parent by NAME (an NSG rule's network_security_group_name, a record's
// zone_name, a VNet link's private_dns_zone_name) names it together with its own resource_group_name:
// Terraform writes it into the parent of that name in the child's group. A reference to another
// block's name is only the name it reads: a decoy of the construct's parent's name in another group,
// referenced for its name, does not keep the child (fourteenth review, A14a-1/A14a-2).

/** How far a group read from block to block is followed (a cycle is refused by Terraform; this ends it here). */
const MAX_HOPS = 8;
/** A reference's attribute after the block and its instance steps: ".name" of "azurerm_x.y[0].name". */
const ATTRIBUTE = new RegExp(String.raw`^(?:${INSTANCE_KEY}|\.\*)*\.([^.[\]]+)$`);

/** Whether a child's resource group is the parent's: for sure, for sure not, or either (one side known only at apply time). */
export type GroupRelation = 'same' | 'other' | 'maybe';

/** What a child's name pointer makes of the parents it references. */
export interface NamedParents<T extends ResourceView> {
  /** The referenced parents that may hold the child: their group may be its group. */
  readonly kept: T[];
  /** The literal name the child is written under when the pointer reads one block's literal name (unless the parents it references surely hold it). */
  readonly name: string | undefined;
  /**
   * How a parent of another name may still hold the child: "no" (the name is known, or the child is
   * surely in the parents it references), "any" (it reads the name of a parent in another or an
   * unknown group, itself known only later), "spelled" (an expression: whatever it may spell).
   */
  readonly later: 'no' | 'any' | 'spelled';
}

/**
 * The parents of a child named by `pointer` (an expression), given the parents of its kind that the
 * pointer references: those whose group may be the child's keep it; the name it reads, when literal,
 * names the others of that name in the child's group (the caller's index finds them).
 */
export function namedParents<T extends ResourceView>(child: ResourceView, pointer: unknown, referenced: readonly T[], resources: ReadonlyMap<string, ResourceView> | undefined): NamedParents<T> {
  // A template of literal text and names read from blocks ("${azurerm_x.y.name}-nsg") is the literal it spells, whatever it references.
  const plain = isUnknown(pointer) && pointer.isPlainReference;
  const spelled = isUnknown(pointer) && !plain ? spelledText(pointer, resources) : undefined;
  if (spelled !== undefined) return { kept: [], name: spelled, later: 'no' };
  const relations = referenced.map((parent) => groupRelation(child, parent, resources));
  const kept = referenced.filter((_parent, index) => relations[index] !== 'other');
  // Only the name itself is surely the parent's: an expression of it ("${x.name}${var.suffix}") may spell another's.
  if (plain && referenced.length > 0 && relations.every((relation) => relation === 'same')) return { kept, name: undefined, later: 'no' };
  const name = referencedName(pointer, resources);
  if (name !== undefined) return { kept, name, later: 'no' };
  return { kept, name, later: plain && referenced.length > 0 ? 'any' : 'spelled' };
}

/** The literal name a plain reference to a block's `name` reads ("${azurerm_x.y.name}"), when the stack holds the block with a literal name. */
export function referencedName(pointer: unknown, resources: ReadonlyMap<string, ResourceView> | undefined): string | undefined {
  const read = plainRead(pointer, resources);
  if (read?.attribute !== 'name') return undefined;
  const name = read.block.config.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Whether the child's resource_group_name is the parent's: compared as literal names (in any case,
 * around blanks) when both can be read, else the same for sure when the child reads the parent's own
 * group or both are the same expression, else either.
 */
export function groupRelation(child: ResourceView, parent: ResourceView, resources: ReadonlyMap<string, ResourceView> | undefined): GroupRelation {
  const [theirs, ours] = [child.config.resource_group_name, parent.config.resource_group_name];
  const read = plainRead(theirs, resources);
  if (read !== undefined && read.block.address === parent.address && read.attribute === 'resource_group_name') return 'same';
  const [childGroup, parentGroup] = [resolvedGroup(theirs, resources), resolvedGroup(ours, resources)];
  if (childGroup !== undefined && parentGroup !== undefined) return childGroup === parentGroup ? 'same' : 'other';
  return isUnknown(theirs) && isUnknown(ours) && theirs.expression.trim() === ours.expression.trim() ? 'same' : 'maybe';
}

/**
 * A resource group name as a literal in lower case: written so, or read from a block of the stack
 * (a resource group's name, another block's resource_group_name) that holds it.
 */
export function resolvedGroup(value: unknown, resources: ReadonlyMap<string, ResourceView> | undefined, hops = 0): string | undefined {
  // A number is text to Terraform.
  if (typeof value === 'string' || typeof value === 'number') return nameKey(String(value));
  const read = hops < MAX_HOPS ? plainRead(value, resources) : undefined;
  if (read === undefined) return undefined;
  if (read.attribute === 'resource_group_name') return resolvedGroup(read.block.config.resource_group_name, resources, hops + 1);
  return read.attribute === 'name' && read.block.type === 'azurerm_resource_group' ? resolvedGroup(read.block.config.name, resources, hops + 1) : undefined;
}

/** The block of the stack and the attribute a plain reference reads (a resource, not a lookup: what it reads is known only at plan time). */
function plainRead(value: unknown, resources: ReadonlyMap<string, ResourceView> | undefined): { block: ResourceView; attribute: string } | undefined {
  if (!isUnknown(value) || !value.isPlainReference) return undefined;
  const reference = value.references[0];
  const address = blockOf(reference);
  // A module's "name" is one of its outputs, not its input of that name.
  const block = address === undefined || /^(?:data|ephemeral|module)\./.test(address) ? undefined : resources?.get(address);
  const attribute = block === undefined ? undefined : ATTRIBUTE.exec(reference.slice(address!.length))?.[1];
  return block === undefined || attribute === undefined ? undefined : { block, attribute };
}

/** An interpolation of one traversal in a template ("${azurerm_x.y.name}"), not an escaped "$${". */
const INTERPOLATION = new RegExp(String.raw`(?<!\$)\$\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+|${INSTANCE_KEY})+)\s*\}`, 'g');

/**
 * A template with each interpolation that reads a block's literal name, or a resource group the stack
 * holds as a literal, written as that literal: an ID spelled with a decoy's name is the ID of whatever
 * bears that name in the group it spells (A14a-1).
 */
export function withNamesRead(template: string, resources: ReadonlyMap<string, ResourceView> | undefined): string {
  return template.replace(INTERPOLATION, (whole, traversal: string) => {
    const pointer = new Unknown(traversal, [traversal]);
    return resolvedGroup(pointer, resources) ?? referencedName(pointer, resources) ?? whole;
  });
}

/** The literal a template spells when each of its interpolations reads a literal name or group (withNamesRead), else undefined. */
function spelledText(pointer: Unknown, resources: ReadonlyMap<string, ResourceView> | undefined): string | undefined {
  const text = withNamesRead(pointer.toString(), resources);
  return /(?<!\$)[$%]\{/.test(text) ? undefined : text.replace(/\$\$\{/g, '${');
}
