/**
 * Whether a suppression's path names a construct of its stack. A suppression covers the construct at
 * its path and those below it, on "/" boundaries, and a finding carries the construct path cdktf wrote
 * into a block (`//.metadata.path` of a resource, data source or module): a path that is no such path
 * nor a scope above one (a typo, another case, a trailing "/", a wildcard, "..", a resource address)
 * suppresses nothing, and a reviewer reading the list would take it for a waiver (46th run, A46b-1).
 */
import { blockPaths, ResourcePaths, resourcePaths } from './library-marks';
import { coveredScopes } from './scope-sets';
import { quotedWithEscapes } from '../private/reason-text';

/** Why a path names no construct of the stack, and the fix; undefined when it names one. */
export type PathProblem = (path: string) => { problem: string; fix: string } | undefined;

const SUPPRESS_INSTEAD = 'Better: suppress with PostgresSecurityChecks.suppress(scope, ruleId, reason), which writes the path itself, on the construct that holds the resources the rule judges (one with no resource, data source or module beneath it suppresses nothing).';

/**
 * Judges suppression paths against a stack's JSON; the paths are read once, at the first path judged (`read`: the stack's
 * resourcePaths, when the caller reads them for something else too).
 */
export function pathProblemsIn(terraform: unknown, read: () => ResourcePaths = () => resourcePaths(terraform)): PathProblem {
  let scopes: ReadonlySet<string> | undefined;
  return (path) => {
    scopes ??= coveredScopes(blockPaths(terraform, read()));
    if (scopes.has(path)) return undefined;
    const meant = meantPath(path, scopes, read);
    return {
      problem: `names the construct path ${quotedWithEscapes(path)}, which matches no construct of the stack (no block's //.metadata.path is it or below it`
        + `${meant === undefined ? '' : `; ${meant.why}`})`,
      fix: meant === undefined
        ? 'Write the path of a construct as cdktf synth writes it into the //.metadata.path of its blocks ("<stack>/<construct id>", matched exactly and on "/" boundaries: '
          + `no wildcard, "..", trailing "/" or resource address). ${SUPPRESS_INSTEAD}`
        : `Write the path as cdktf synth writes it: ${JSON.stringify(meant.path)}. ${SUPPRESS_INSTEAD}`,
    };
  };
}

/** Text as it prints: compatibility forms folded (a no-break space is a space), invisible characters dropped, white space cut at the ends. */
function printed(text: string): string {
  return text.normalize('NFKC').replace(/\p{Default_Ignorable_Code_Point}/gu, '').replace(/\s+/gu, ' ').trim();
}

/**
 * The construct path a path that matches none was likely meant as: itself without a trailing "/", with other white space or invisible
 * characters, in another case, or a resource's address.
 */
function meantPath(path: string, scopes: ReadonlySet<string>, read: () => ResourcePaths): { path: string; why: string } | undefined {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed !== path && scopes.has(trimmed)) return { path: trimmed, why: `the construct ${JSON.stringify(trimmed)} is written without the trailing "/"` };
  const alike = [...scopes].find((scope) => printed(scope) === printed(path));
  if (alike !== undefined) return { path: alike, why: `the construct ${JSON.stringify(alike)} differs from it only in white space or invisible characters` };
  const lower = trimmed.toLowerCase();
  const cased = [...scopes].find((scope) => scope.toLowerCase() === lower);
  if (cased !== undefined) return { path: cased, why: `the construct ${JSON.stringify(cased)} differs from it only in case` };
  const resource = read().resources.find((r) => r.address === path && r.path !== undefined);
  return resource === undefined ? undefined : { path: resource.path!, why: `it is a resource address, and that resource's construct path is ${JSON.stringify(resource.path)}` };
}
