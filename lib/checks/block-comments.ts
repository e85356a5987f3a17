/**
 * Where Terraform reads a "//" property of a stack's JSON as a comment: in the root object, in a section (`resource`, `locals`), in
 * the objects of a block's labels and in the block's body. Inside an argument's value (an object expression, a map such as an app
 * setting's or an output's value) "//" is a key like any other, which Terraform evaluates and sends (its JSON syntax: "This exception
 * does not apply to objects that are being interpreted as expressions"; 88th run, A88a-5). The bodies of nested blocks (lifecycle, a
 * provisioner) are not told from values without a provider's schema: a "//" there is read as a key, which can only read more; and
 * their keys are respelt as templates (reference-spelling.ts), which changes no name.
 */

/** How many labels name a block of a section: `resource "type" "name"`, `output "name"`, `locals` none. */
const LABELS: { readonly [section: string]: number } = { resource: 2, data: 2, ephemeral: 2, action: 2, module: 1, output: 1, variable: 1, provider: 1, check: 1 };

/**
 * Whether the keys of an object at `path` (the keys of the objects it is in, from a root body) name parts of blocks (sections, labels,
 * arguments), not keys of a value: the root, a section, its labels, then the block's body (at most 1 + the section's labels deep).
 */
export function namesBlockParts(path: readonly string[]): boolean {
  return path.length === 0 || path.length <= 1 + (LABELS[path[0]] ?? 0);
}

/** Whether a "//" key met at `path` is a comment: a key of a value of a block's argument is no comment. */
export function isBlockComment(key: string, path: readonly string[]): boolean {
  return key === '//' && namesBlockParts(path);
}
