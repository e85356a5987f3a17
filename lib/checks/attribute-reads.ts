/**
 * Which attributes of a block a reference reads. A reference to the block itself, not to one of
 * its attributes (`lookup(azurerm_x.y, "id")`, `one(azurerm_x.y[*].id)`, a local or an output that
 * holds `azurerm_x.y`, a module input), is the whole object: what reads it may read any attribute
 * (also by a key known only at apply time), so it is read as every attribute, never as none
 * (seventh review, A7-9). References are in the dotted spelling (reference-spelling.ts).
 */

import { INSTANCE_KEY } from './traversal-text';

/** The block a reference starts with: `type.name`, `data.type.name` or `ephemeral.type.name`. */
const BLOCK = /^(?:(?:data|ephemeral)\.)?[a-zA-Z_][\w-]*\.[^.[\]]+/;

/** Index and splat steps after a block's name: they pick an instance, not an attribute. */
export const INSTANCE_STEPS = new RegExp(String.raw`^(?:${INSTANCE_KEY}|\.\*)*`);

/** True when a reference reads one of the attributes of the block at `address`, or the whole block. */
export function readsAttribute(reference: string, address: string, attributes: readonly string[]): boolean {
  if (!reference.startsWith(address)) return false;
  const rest = reference.slice(address.length);
  if (rest !== '' && rest[0] !== '.' && rest[0] !== '[') return false;
  const after = rest.slice(INSTANCE_STEPS.exec(rest)![0].length);
  const attribute = /^\.([^.[\]]+)/.exec(after)?.[1];
  return attribute === undefined || attributes.includes(attribute);
}

/** The address of the block a reference starts with, e.g. "azurerm_x.y" of "azurerm_x.y[0].id". */
export function blockOf(reference: string): string | undefined {
  return BLOCK.exec(reference)?.[0];
}
