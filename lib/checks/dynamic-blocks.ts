/**
 * Blocks that Terraform makes from `dynamic` blocks. HCL's JSON syntax reads "dynamic" as it reads
 * every block type: an object of blocks by label, or a list of such objects (which merge), at every
 * level where blocks nest (a resource, a data source, a provider, a block within a block). How many
 * blocks a dynamic block makes, and with what, is known only at plan time (its for_each decides).
 */
import { isUnknown } from './hcl-expression';
import { blockBodies as hclBlockBodies, isObject } from './terraform-json';
import { hasOwn, ownValue } from '../private/own-keys';

type Body = { readonly [key: string]: unknown };

/** A block's bodies as written, read as HCL's JSON syntax reads them (an object, or a list of them); an expression or any other value is none. */
function blockBodies(value: unknown): Body[] {
  return hclBlockBodies(value).filter((body): body is Body => !isUnknown(body));
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

/**
 * What a reader of `name` blocks must judge, each as one item: the blocks as written, and the content of each dynamic
 * `name` block (what Terraform repeats for every item of its for_each, however many). An expression standing for the
 * blocks, or for a dynamic block's content, is itself an item, known only later: the reader fails closed on it as on any
 * item it cannot read. Readers of nested blocks take their items from here, so no reader sees less than the others.
 */
export function blockItems(body: Body, name: string): unknown[] {
  const written = body[name];
  // A list item is a block as HCL reads it (null an empty one, a list of objects one of their arguments); any other item stays, for the reader to fail closed on.
  const items = written === undefined || written === null ? [] : !Array.isArray(written) ? [written]
    : written.map((item: unknown) => (item === null || (Array.isArray(item) && item.every(isObject)) ? hclBlockBodies([item])[0] : item));
  const contents = dynamicBlocks(body, name).flatMap((block): unknown[] => (isUnknown(block.content) ? [block.content] : blockBodies(block.content)));
  return [...items, ...contents];
}

/**
 * The arguments and block names a body writes, a dynamic block by the name of the blocks it makes (as Terraform reads it):
 * `dynamic` itself when what it makes cannot be read.
 */
export function writtenArguments(body: Body): string[] {
  const labels = blockBodies(body.dynamic).flatMap((byLabel) => Object.keys(byLabel));
  const readable = body.dynamic === undefined || labels.length > 0;
  return Object.keys(body).flatMap((key) => (key === 'dynamic' && readable ? labels : [key]));
}
