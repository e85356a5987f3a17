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
import { evaluateJson, isUnknown, NO_LOCALS, Scope } from './hcl-expression';
import type { PathOfResource } from './library-marks';
import { holdsTemplate, plainNames, TextReads } from './pin-attribute-reads';
import { isPinned, PINNED_KEY } from './pinned-attributes';
import { ownLocals } from './stack-model';
import { innermostScopeIn } from './scope-sets';
import { commentValues, CONSTRUCTS_KEY, covers, MADE_KEY, readScopes } from './suppressions';

/** Why a pin refers to a resource of a construct that is not listed as made, or to one whose path was re-pointed; undefined when none does. */
export function unmadePinnedReference(terraform: unknown, resources: readonly PathOfResource[]): string | undefined {
  const made = new Set(readScopes(terraform, MADE_KEY));
  // The whole made list deleted is told by the constructs list (a construct with no made resource).
  if (made.size === 0) return undefined;
  const constructs = readScopes(terraform, CONSTRUCTS_KEY);
  const listed = new Set(constructs);
  const byAddress = new Map(resources.map((resource) => [resource.address, resource]));
  const scope = ownLocals(terraform);
  // What a referenced address tells does not depend on the pin: judged once per address (every server's pins refer to the stack's group and network).
  const judged = new Map<string, ((pin: string) => string) | undefined>();
  const judge = (address: string) => {
    if (!judged.has(address)) judged.set(address, unmadeTarget(address, byAddress.get(address), made, constructs, listed));
    return judged.get(address);
  };
  // The text a template refers to, read once per text: the pins of every server repeat the same references.
  const texts = new TextReads(scope, resourcesReferenced);
  for (const pin of commentValues(terraform, PINNED_KEY).filter(isPinned)) {
    for (const address of [...pinnedReferences(pin.attributes, scope, texts), ...waitedFor(pin.attributes.depends_on)]) {
      const problem = judge(address);
      if (problem !== undefined) return problem(pin.path);
    }
  }
  return undefined;
}

/** Why a pin that refers to a resource of the file is not one a library construct's pin may refer to (told with the pin's path), or undefined. */
function unmadeTarget(address: string, target: PathOfResource | undefined, made: ReadonlySet<string>, constructs: readonly string[], listed: ReadonlySet<string>): ((pin: string) => string) | undefined {
  if (target === undefined) return undefined;
  const { path } = target;
  if (path !== undefined && made.has(path)) return undefined;
  // The scopes covering the path looked up among the listed ones (scope-sets.ts: those `covers` accepts); the first listed that covers it is named.
  const construct = path === undefined || innermostScopeIn(path, listed) === undefined ? undefined : constructs.find((scope) => covers(scope, path));
  if (construct !== undefined) return (pin) => `//.${PINNED_KEY} pins ${JSON.stringify(pin)} to ${address}, which has the construct path ${JSON.stringify(path)} of ${construct} but is not listed as made (//.${MADE_KEY}): the library lists every resource its constructs make`;
  if (!madeFrom(address, path)) return (pin) => `//.${PINNED_KEY} pins ${JSON.stringify(pin)} to ${address}, whose ${path === undefined ? '//.metadata.path is deleted' : `construct path ${JSON.stringify(path)} is not the one cdktf made its address from`}`;
  return undefined;
}

/**
 * The resources a pin's attributes refer to, as resourcesReferenced(evaluateJson(attributes)) finds them, in its order:
 * an attribute holding no template refers to nothing, and a text is read once (pin-attribute-reads.ts).
 */
function pinnedReferences(attributes: { readonly [name: string]: unknown }, scope: Scope, texts: TextReads<string[]>): string[] {
  const names = Object.keys(attributes);
  if (!plainNames(names)) return resourcesReferenced(evaluateJson(attributes, scope));
  const addresses = new Set<string>();
  for (const name of names) {
    if (holdsTemplate(attributes[name])) texts.of(attributes[name]).forEach((address) => addresses.add(address));
  }
  return [...addresses];
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
