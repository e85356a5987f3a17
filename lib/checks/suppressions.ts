/**
 * Suppressions and enforced scopes as they travel inside the synthesized JSON, under the
 * top-level "//" comment that Terraform ignores, so `check` on a cdk.tf.json honours the same
 * suppressions synth did. Reading them is pure (no cdktf): the CLI uses it. Adding them is in
 * suppression-registry.ts.
 */
import { reasonProblem } from '../private/reason-text';
import { bodiesOf, isObject } from './terraform-json';
import { appendTo } from '../private/list-map';

/** A rule switched off for a construct and everything below it, with the reason a reviewer reads. */
export interface Suppression {
  /** Construct path the suppression covers, e.g. "stack/Postgres" or "stack/Postgres/Server". */
  readonly path: string;
  readonly ruleId: string;
  readonly reason: string;
  /**
   * The weaker choice the reason justifies, when a construct's props justified one (e.g. the
   * addresses its firewall rules open): the suppression then covers only a failure of exactly that
   * choice, and anything wider or different, beside it or by override, still fails.
   */
  readonly subject?: string;
}

/** An entry of the suppression list that suppresses nothing, and why. */
export interface InvalidSuppression {
  /** Position in the list, from 0. */
  readonly index: number;
  readonly entry: unknown;
  readonly problem: string;
  /** The fix, when it is not the rule's. */
  readonly fix?: string;
}

export const SUPPRESSIONS_KEY = 'cdktf-azure-postgres-suppressions';
/** Construct paths whose servers fail synth on any failed rule, warnings included (the library's constructs). */
export const ENFORCED_KEY = 'cdktf-azure-postgres-enforced';
/** Construct paths of the library's own constructs, whose resources no override may multiply or remove. */
export const CONSTRUCTS_KEY = 'cdktf-azure-postgres-constructs';
/**
 * Construct paths of the resources the library's constructs made. A resource a caller creates with
 * a construct as its scope has a path below the construct's but is not listed: it is judged as one
 * added beside the construct, never as the construct's own (eleventh review, A11a-1).
 */
export const MADE_KEY = 'cdktf-azure-postgres-made';

/** The library's warnings printed at synth (weaker choices, with their justification), so a report read from the JSON counts them too. */
export const WARNINGS_KEY = 'cdktf-azure-postgres-warnings';

/** A warning the library printed at synth. */
export interface SynthWarning {
  /** Construct path of the construct that warned. */
  readonly path: string;
  /** Stable id, e.g. "PublicNetworkAccess". */
  readonly id: string;
  /** The whole warning as printed, its justification included. */
  readonly message: string;
}

/** The warnings written into a stack's Terraform JSON; entries of another shape are left out. */
export function readWarnings(terraform: unknown): SynthWarning[] {
  return commentValues(terraform, WARNINGS_KEY).filter(
    (entry): entry is SynthWarning => isObject(entry) && typeof entry.path === 'string' && typeof entry.id === 'string' && typeof entry.message === 'string',
  ).map(({ path, id, message }) => ({ path, id, message }));
}

/** Why the warnings written into the JSON are not those this process printed, or undefined when they are. */
export function alteredWarnings(terraform: unknown, printed: readonly SynthWarning[]): string | undefined {
  return JSON.stringify(readWarnings(terraform)) === JSON.stringify(printed.map(({ path, id, message }) => ({ path, id, message })))
    ? undefined
    : `the warnings written into the JSON (//.${WARNINGS_KEY}) are not those the constructs printed at synth, so \`check\` and its reports on the JSON would count other justified weaker choices`;
}

/** What `check` would misjudge if one of the library's lists of construct paths were not the one recorded at synth. */
const LIST_CONSEQUENCES = {
  [MADE_KEY]: 'the resources the constructs made, written into the JSON (//.KEY), are not those they made, so `check` on the JSON would take other resources for a construct\'s own',
  // Twelfth review, A12a-17: an override of these two failed only later, when `check` refused the written file.
  [CONSTRUCTS_KEY]: 'the library constructs written into the JSON (//.KEY) are not those of the stack, so `check` on the JSON would not know which resources are a construct\'s own',
  [ENFORCED_KEY]: 'the enforced constructs written into the JSON (//.KEY) are not those of the stack, so `check` on the JSON would let their servers\' warnings pass',
} as const;

/**
 * Why a list of construct paths written into the JSON (made, constructs, enforced) is not the one
 * the constructs recorded in this process, or undefined when it is.
 */
export function alteredScopes(terraform: unknown, key: keyof typeof LIST_CONSEQUENCES, recorded: readonly string[]): string | undefined {
  return JSON.stringify(readScopes(terraform, key)) === JSON.stringify(recorded) ? undefined : LIST_CONSEQUENCES[key].replace('KEY', key);
}

/** Why an entry cannot be a suppression, or undefined when it can. */
export function suppressionProblem(entry: unknown, knownRuleIds: ReadonlySet<string>): string | undefined {
  if (!isObject(entry)) return 'is not an object with path, ruleId and reason';
  const { path, ruleId, reason } = entry;
  if (typeof path !== 'string' || path === '' || path.includes('${')) return 'has no construct path';
  if (typeof ruleId !== 'string' || !knownRuleIds.has(ruleId)) return `names ${JSON.stringify(ruleId ?? null)}, which is not a rule of the pack`;
  const problem = reasonProblem(reason);
  if (problem !== undefined) return `has a reason that ${problem}`;
  return entry.subject === undefined || (typeof entry.subject === 'string' && entry.subject !== '') ? undefined : 'has a subject that is not text';
}

/**
 * The suppressions written into a stack's Terraform JSON, valid and invalid apart. The library writes a flat list of objects: a
 * value of another shape (one object, a list inside the list) was written by hand or by an override, and is read as what it is,
 * a suppression that suppresses nothing, never as a list of one. pathProblem says why a well-formed entry's path names no
 * construct (suppression-targets.ts).
 */
export function readSuppressions(
  terraform: unknown,
  knownRuleIds: ReadonlySet<string>,
  pathProblem: (entry: Suppression) => { problem: string; fix: string } | undefined = () => undefined,
): { valid: Suppression[]; invalid: InvalidSuppression[] } {
  const valid: Suppression[] = [];
  const invalid: InvalidSuppression[] = [];
  let index = 0;
  for (const written of commentLists(terraform, SUPPRESSIONS_KEY)) {
    if (!Array.isArray(written)) {
      invalid.push({ index: -1, entry: written, problem: `is written as //.${SUPPRESSIONS_KEY} itself, where the library writes a list of suppressions` });
      continue;
    }
    for (const entry of written) {
      const problem = Array.isArray(entry) ? 'is a list inside the list, where the library writes a suppression object' : suppressionProblem(entry, knownRuleIds);
      const unmatched = problem === undefined ? pathProblem(entry as Suppression) : undefined;
      if (problem !== undefined) invalid.push({ index, entry, problem });
      else if (unmatched !== undefined) invalid.push({ index, entry, ...unmatched });
      else valid.push(entry as Suppression);
      index++;
    }
  }
  return { valid, invalid };
}

/** The values written under a key of the top-level "//" comments, as written (not flattened). */
function commentLists(terraform: unknown, key: string): unknown[] {
  return bodiesOf(terraform)
    .filter(isObject)
    .flatMap((root) => bodiesOf(root['//']))
    .filter(isObject)
    .flatMap((comment) => (comment[key] === undefined ? [] : [comment[key]]));
}

/** The construct paths written under a key of a stack's Terraform JSON (ENFORCED_KEY, CONSTRUCTS_KEY). */
export function readScopes(terraform: unknown, key: string): string[] {
  return commentValues(terraform, key).filter((path): path is string => typeof path === 'string' && path !== '');
}

/**
 * The suppression of a rule that covers a construct path, if any: one bound to a subject covers
 * only a failure of that same subject. A suppression on a resource (its path is in resourcePaths)
 * covers that resource only: a server or replica created with the resource as its scope is
 * another resource, which the reason was not written for.
 */
export function findSuppression(
  suppressions: readonly Suppression[],
  ruleId: string,
  path: string | undefined,
  subject?: string,
  resourcePaths: ReadonlySet<string> = new Set(),
): Suppression | undefined {
  // The first of those in the list counts.
  return suppressionsCovering(suppressions, ruleId, path, subject, resourcePaths)[0];
}

/** Every suppression of a rule that covers a path (and the subject), in the list's order. */
export function suppressionsCovering(suppressions: readonly Suppression[], ruleId: string, path: string | undefined, subject?: string, resourcePaths: ReadonlySet<string> = new Set()): Suppression[] {
  if (path === undefined) return [];
  // Only a suppression at one of the path's scopes can cover it.
  const byScope = positionsByPath(suppressions);
  const candidates = scopesOf(path).flatMap((scope) => byScope.get(scope) ?? []).sort((a, b) => a - b).map((position) => suppressions[position]);
  return candidates.filter((s) => s.ruleId === ruleId && suppressionCovers(s.path, path, resourcePaths) && (s.subject === undefined || s.subject === subject));
}

/** Where each suppression of a list sits, by its path: built once per list, as every failure of every server looks one up. */
const pathIndexes = new WeakMap<readonly Suppression[], ReadonlyMap<string, readonly number[]>>();

function positionsByPath(suppressions: readonly Suppression[]): ReadonlyMap<string, readonly number[]> {
  let index = pathIndexes.get(suppressions);
  if (index === undefined) {
    const built = new Map<string, number[]>();
    suppressions.forEach((suppression, position) => appendTo(built, suppression.path, position));
    index = built;
    pathIndexes.set(suppressions, index);
  }
  return index;
}

/** True when a suppression's path covers a construct path: a resource's path exactly, any other construct's path and below it. */
export function suppressionCovers(scope: string, path: string, resourcePaths: ReadonlySet<string>): boolean {
  return resourcePaths.has(scope) ? path === scope : covers(scope, path);
}

/** True when a construct path is the scope itself or below it ("stack/A" covers "stack/A/B", not "stack/AB"). */
export function covers(scope: string, path: string): boolean {
  return path === scope || path.startsWith(`${scope}/`);
}

/** Every scope that covers a construct path: the path, then each part of it before a "/", innermost first. */
export function scopesOf(path: string): string[] {
  const scopes = [path];
  for (let slash = path.lastIndexOf('/'); slash >= 0; slash = slash === 0 ? -1 : path.lastIndexOf('/', slash - 1)) scopes.push(path.slice(0, slash));
  return scopes;
}

/** The items under a key of the top-level "//" comments (HCL allows several root bodies and comments). */
export function commentValues(terraform: unknown, key: string): unknown[] {
  return bodiesOf(terraform)
    .filter(isObject)
    .flatMap((root) => bodiesOf(root['//']))
    .filter(isObject)
    .flatMap((comment) => (comment[key] === undefined ? [] : bodiesOf(comment[key])));
}
