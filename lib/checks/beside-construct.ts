import { sameName } from './azure-keys';
import { parsePostgresServerId } from '../private/postgres-server-id';
import { readsAttribute } from './attribute-reads';
import { isUnknown } from './hcl-expression';
import { StackFacts } from './rule';
import { ResourceView, ServerView } from './stack-model';
import { covers, scopesOf } from './suppressions';
import { splitTemplate } from './value-readers';

// What acts on a server from resources the model does not attach to it (role assignments, locks)
// and which of the resources around a library construct's server the construct made itself.

/**
 * True when a value names the server: its literal resource ID, or a reference to its id; with
 * `orBelow`, also an ID below it (a database), an expression that reads its id or the whole server, or
 * a template whose fixed text, each interpolation read as any segment, is its ID or below
 * ("/subscriptions/${var.subscription}/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/<name>").
 */
export function namesServer(server: ServerView, value: unknown, orBelow = false): boolean {
  if (typeof value === 'string') {
    const id = parsePostgresServerId(value, orBelow);
    const name = server.config.name;
    return id !== undefined && id.kind === server.kind && typeof name === 'string' && sameName(id.name, name);
  }
  if (!isUnknown(value)) return false;
  if (!orBelow) return value.isPlainReference && value.references[0] === `${server.address}.id`;
  // Below the server: any expression that reads its id or the whole server (seventh review, A7-9), or a
  // template that spells its ID (A7-1).
  return value.references.some((reference) => readsAttribute(reference, server.address, ['id']))
    || (value.expression.includes('${') && namesServer(server, splitTemplate(value.expression, '?').literal, true));
}

/** The stack's resources by type, in address order, read once per stack (several rules and servers ask). */
const byType = new WeakMap<ReadonlyMap<string, ResourceView>, Map<string, ResourceView[]>>();
/** The one list of a type the stack lacks: the indexes built per list (zone-index.ts) are then built once, not at every call. */
const NONE: readonly ResourceView[] = Object.freeze([]);

/** The resources of a type in the stack, in address order. */
export function resourcesOfType(stack: StackFacts | undefined, type: string): readonly ResourceView[] {
  const resources = stack?.resources;
  if (resources === undefined) return NONE;
  let types = byType.get(resources);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (types === undefined) {
    types = new Map();
    // Verdicts and messages must not depend on the order of keys in the JSON.
    const sorted = [...resources.values()].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
    for (const resource of sorted) {
      const list = types.get(resource.type);
      if (list === undefined) types.set(resource.type, [resource]);
      else list.push(resource);
    }
    byType.set(resources, types);
  }
  return types.get(type) ?? NONE;
}

/**
 * The library construct (SecureFlexibleServer, SecureSingleServer) that made the server, by
 * construct path, the innermost one; for a copy of a construct's server (a replica, a restore), that
 * construct: the copy holds all its data, so what it lets in and out is held to the construct's
 * props as the server's own is (eleventh review, A11a-4).
 */
export function ownerConstruct(server: ServerView, stack: StackFacts | undefined): string | undefined {
  return madeServerOwner(server, stack) ?? stack?.copiedOwner?.(server);
}

/** The library construct that made the server itself, by construct path; the innermost one. */
export function madeServerOwner(server: ServerView, stack: Pick<StackFacts, 'constructs'> | undefined): string | undefined {
  const path = server.constructPath;
  if (path === undefined) return undefined;
  const constructs = constructSetOf(stack?.constructs ?? []);
  return scopesOf(path).find((scope) => constructs.has(scope));
}

/** The library constructs as a set, once per stack (every server asks). */
const constructSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function constructSetOf(constructs: readonly string[]): ReadonlySet<string> {
  let set = constructSets.get(constructs);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (set === undefined) {
    set = new Set(constructs);
    constructSets.set(constructs, set);
  }
  return set;
}

/** The stack's resources by every construct path that covers theirs, in the stack's order, built once per stack. */
const byScope = new WeakMap<ReadonlyMap<string, ResourceView>, Map<string, ResourceView[]>>();

/** The resources of the stack made at or below a construct path, in the stack's order. */
export function resourcesUnder(stack: StackFacts | undefined, construct: string): readonly ResourceView[] {
  const resources = stack?.resources;
  if (resources === undefined) return [];
  let scopes = byScope.get(resources);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: building it again on every call gives the same result
  if (scopes === undefined) {
    scopes = new Map();
    for (const resource of resources.values()) {
      if (resource.constructPath === undefined) continue;
      for (const scope of scopesOf(resource.constructPath)) {
        const list = scopes.get(scope);
        if (list === undefined) scopes.set(scope, [resource]);
        else list.push(resource);
      }
    }
    byScope.set(resources, scopes);
  }
  return scopes.get(construct) ?? [];
}

/**
 * The construct path by which a resource is a library construct's own: its path when the library
 * made it; undefined for any other, also one a caller created with a construct as its scope
 * (eleventh review, A11a-1), which is judged as one added beside the construct.
 */
export function madePath(resource: { readonly constructPath?: string; readonly madeByLibrary?: boolean }): string | undefined {
  return resource.madeByLibrary === true ? resource.constructPath : undefined;
}

/** True when a construct made a resource (the library made it, at or below the construct's path). */
export function madeBy(resource: ResourceView, construct: string): boolean {
  const path = madePath(resource);
  return path !== undefined && covers(construct, path);
}
