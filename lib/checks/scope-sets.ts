/**
 * The scopes that cover construct paths (scopesOf in suppressions.ts: the path, then each part before a
 * "/", innermost first), looked up without listing them: the marks' check asks this of every resource
 * and made path of the file (3,203 and 3,150 at roles50), a few times each.
 */

/** Every scope that covers one of the paths: the union of their scopesOf. */
export function coveredScopes(paths: Iterable<string>): Set<string> {
  const scopes = new Set<string>();
  for (const path of paths) {
    // The set holds every scope of each scope it holds: the first one already there ends the walk.
    for (let scope: string | undefined = path; scope !== undefined && !scopes.has(scope); scope = outerScope(scope)) scopes.add(scope);
  }
  return scopes;
}

/** The innermost scope of a path in a set (scopesOf(path).find(has)), or undefined. */
export function innermostScopeIn(path: string, scopes: ReadonlySet<string>): string | undefined {
  for (let scope: string | undefined = path; scope !== undefined; scope = outerScope(scope)) if (scopes.has(scope)) return scope;
  return undefined;
}

/** The next scope scopesOf lists after this one: the part before its last "/", or undefined when it has none. */
function outerScope(scope: string): string | undefined {
  const slash = scope.lastIndexOf('/');
  return slash < 0 ? undefined : scope.slice(0, slash);
}
