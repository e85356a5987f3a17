/**
 * The library's marks form a closed graph (fifteenth review, A15b-2). A pin holds what a construct
 * wrote into its resource, so every resource a pinned attribute refers to is one a library
 * construct made or one the caller gave it: a resource at a construct's path that a pin refers to
 * is in the made list. A made resource whose made entry and pin were both deleted, while the
 * construct's other resources stay pinned to it (its NSG moved to a decoy group, its rules and
 * association still pinned to it, or a network guard the server's pinned depends_on still lists),
 * would pass as a caller's; so would one whose construct path was
 * re-pointed out of the construct, which no longer is the path cdktf made its address from. Such a
 * file is refused instead.
 */
import { createHash } from 'crypto';
import { evaluateJson, isUnknown, NO_LOCALS } from './hcl-expression';
import type { PathOfResource } from './library-marks';
import { isPinned, PINNED_KEY } from './pinned-attributes';
import { localsScope } from './stack-model';
import { commentValues, CONSTRUCTS_KEY, covers, MADE_KEY, readScopes } from './suppressions';
import { bodiesOf, isObject } from './terraform-json';

/** Why a pin refers to a resource of a construct that is not listed as made, or to one whose path was re-pointed; undefined when none does. */
export function unmadePinnedReference(terraform: unknown, resources: readonly PathOfResource[]): string | undefined {
  const made = new Set(readScopes(terraform, MADE_KEY));
  // The whole made list deleted is told by the constructs list (a construct with no made resource).
  if (made.size === 0) return undefined;
  const constructs = readScopes(terraform, CONSTRUCTS_KEY);
  const byAddress = new Map(resources.map((resource) => [resource.address, resource]));
  const scope = localsScope(bodiesOf(terraform).filter(isObject), []);
  for (const pin of commentValues(terraform, PINNED_KEY).filter(isPinned)) {
    for (const address of [...resourcesReferenced(evaluateJson(pin.attributes, scope)), ...waitedFor(pin.attributes.depends_on)]) {
      const target = byAddress.get(address);
      if (target === undefined) continue;
      const { path } = target;
      if (path !== undefined && made.has(path)) continue;
      const construct = path === undefined ? undefined : constructs.find((scope) => covers(scope, path));
      if (construct !== undefined) return `//.${PINNED_KEY} pins ${JSON.stringify(pin.path)} to ${address}, which has the construct path ${JSON.stringify(path)} of ${construct} but is not listed as made (//.${MADE_KEY}): the library lists every resource its constructs make`;
      if (!madeFrom(address, path)) return `//.${PINNED_KEY} pins ${JSON.stringify(pin.path)} to ${address}, whose ${path === undefined ? '//.metadata.path is deleted' : `construct path ${JSON.stringify(path)} is not the one cdktf made its address from`}`;
    }
  }
  return undefined;
}

/** The resources ("type.name") a value read as the stack model reads it refers to. */
function resourcesReferenced(value: unknown): string[] {
  const addresses = new Set<string>();
  const visit = (value: unknown): void => {
    if (isUnknown(value)) {
      for (const reference of value.references) {
        const [type, name] = reference.split(/[.[]/);
        if (name !== undefined && !NOT_RESOURCES.has(type)) addresses.add(`${type}.${name}`);
      }
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit(value);
  return [...addresses];
}

/** The resources a pinned depends_on lists (the server's network guards): HCL reads its entries as references, JSON writes them as plain text. */
function waitedFor(dependsOn: unknown): string[] {
  const entries = Array.isArray(dependsOn) ? dependsOn.filter((entry): entry is string => typeof entry === 'string') : [];
  return resourcesReferenced(entries.map((entry) => evaluateJson(`\${${entry}}`, NO_LOCALS)));
}

/** Roots of a traversal that are not a resource of the file. */
const NOT_RESOURCES = new Set(['data', 'var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self', 'ephemeral']);

/**
 * Whether a resource's address may be the one cdktf made from its construct path. cdktf names a
 * resource below a construct "<parts>_<hash>", the hash the first 8 hex digits of the MD5 of its
 * path below the stack (a "Default" part left out); an address of another shape (a top-level
 * resource, a logical ID the caller set) tells nothing. The stack may sit below other constructs:
 * any tail of the path may be the part below it.
 */
function madeFrom(address: string, path: string | undefined): boolean {
  const hash = /_([0-9A-F]{8})$/.exec(address.slice(address.indexOf('.') + 1))?.[1];
  if (hash === undefined) return true;
  if (path === undefined) return false;
  const parts = path.split('/').filter((part) => part !== 'Default');
  return parts.some((_, start) => createHash('md5').update(parts.slice(start).join('/')).digest('hex').slice(0, 8).toUpperCase() === hash);
}
