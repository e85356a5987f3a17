/**
 * Blocks that Terraform makes from `dynamic` blocks. HCL's JSON syntax reads "dynamic" as it reads
 * every block type: an object of blocks by label, or a list of such objects (which merge), at every
 * level where blocks nest (a resource, a data source, a provider, a block within a block). How many
 * blocks a dynamic block makes, and with what, is known only at plan time (its for_each decides).
 */
import { isUnknown } from './hcl-expression';
import { bodiesOf, isObject } from './terraform-json';
import { hasOwn, ownValue } from '../private/own-keys';

type Body = { readonly [key: string]: unknown };

/** A block's bodies as written: an object, or a list of them; an expression or any other value is none. */
function blockBodies(value: unknown): Body[] {
  return bodiesOf(value ?? []).filter((body): body is Body => isObject(body) && !isUnknown(body));
}

/** The dynamic blocks of a body that make `name` blocks (their for_each, iterator and content). */
function dynamicBlocks(body: Body, name: string): Body[] {
  return blockBodies(body.dynamic).flatMap((byLabel) => blockBodies(ownValue(byLabel, name)));
}

/** True when a body writes `name` blocks as dynamic blocks, in any of HCL's JSON forms. */
export function isDynamicBlock(body: Body, name: string): boolean {
  return blockBodies(body.dynamic).some((byLabel) => hasOwn(byLabel, name));
}

/** True when which `name` blocks a body has is known only at plan or apply time: they are an expression, or dynamic blocks. */
export function blocksKnownLater(body: Body, name: string): boolean {
  return isUnknown(body[name]) || isDynamicBlock(body, name);
}

/** The content of a body's dynamic `name` blocks: what Terraform repeats for each item of their for_each. */
export function dynamicContents(body: Body, name: string): Body[] {
  return dynamicBlocks(body, name).flatMap((block) => blockBodies(block.content));
}

/**
 * The `name` blocks of a body as written, and the content of its dynamic `name` blocks, for
 * readers that follow the pointers a block holds: a pointer in a dynamic block's content points
 * somewhere all the same.
 */
export function everyBlock(body: Body, name: string): Body[] {
  return [...blockBodies(body[name]), ...dynamicContents(body, name)];
}
