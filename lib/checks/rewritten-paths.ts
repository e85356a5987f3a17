import { sectionBlocks } from './stack-model';
import { covers } from './suppressions';
import { isObject } from './terraform-json';

/**
 * In synth, the construct paths the JSON writes (`//.metadata.path`) must be the construct tree's:
 * the checks tell a construct's own resources from additions by these paths, and a stack-level
 * override can rewrite them (`resource.<type>.<name>.//.metadata.path`), making an addition the
 * construct's own or taking the construct's server out of it (twelfth review, A12a-14).
 *
 * @param tree the construct path of each resource and data source of the stack's tree, by its
 *   address in the JSON ("resource.<type>.<name>", "data.<type>.<name>")
 * @returns a problem per block whose written path is not the one the tree gives it, or, for a
 *   block the tree does not hold (written by an override), that claims a library construct's path
 */
export function rewrittenPaths(terraform: unknown, tree: ReadonlyMap<string, string>, constructs: readonly string[], made: ReadonlySet<string>): { address: string; problem: string }[] {
  const found: { address: string; problem: string }[] = [];
  for (const section of ['resource', 'data'] as const) {
    for (const block of sectionBlocks(terraform, section)) {
      const key = `${section}.${block.type}.${block.name}`;
      const path = tree.get(key);
      const written = writtenPath(block.body);
      if (path !== undefined ? written === path : written === undefined || !claimsLibrary(written, constructs, made)) continue;
      found.push({
        address: section === 'data' ? key : `${block.type}.${block.name}`,
        problem: `writes the construct path ${JSON.stringify(written ?? null)}, where the construct tree has ${path === undefined ? 'no such block' : JSON.stringify(path)}: an override rewrote its //.metadata.path, by which the checks tell a construct's own resources from additions`,
      });
    }
  }
  return found;
}

/** The construct path a block's metadata writes, or undefined. */
function writtenPath(body: { [key: string]: unknown }): unknown {
  const comment = body['//'];
  const metadata = isObject(comment) ? comment.metadata : undefined;
  return isObject(metadata) ? metadata.path : undefined;
}

/** Whether a written path is a library construct's: one it made, or below one (a path that is not text is never the tree's). */
function claimsLibrary(path: unknown, constructs: readonly string[], made: ReadonlySet<string>): boolean {
  return typeof path !== 'string' || made.has(path) || constructs.some((scope) => covers(scope, path));
}
