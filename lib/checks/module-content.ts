// What a module block runs is fetched at `terraform init` from its source (and version): a review
// of a module holds for that content only. Pure: no cdktf (the check command reads it too).

const LOCAL = /^\.\.?[\\/]/;
const REGISTRY = /^([a-z0-9][a-z0-9.-]*(:\d+)?\/)?[a-z0-9][a-z0-9_-]*\/[a-z0-9][a-z0-9_-]*\/[a-z0-9][a-z0-9_-]*(\/\/.*)?$/i;
/** An exact version constraint: "1.2.3" or "= 1.2.3" (with a pre-release or build part). */
const EXACT_VERSION = /^=?\s*v?\d+\.\d+\.\d+(-[0-9a-z.-]+)?(\+[0-9a-z.-]+)?$/i;
const GIT = /^(git::|git@|github\.com\/|bitbucket\.org\/)/i;
/** A git ref that is a commit: a full SHA-1 or SHA-256 object name, which cannot move. */
const COMMIT = /^([0-9a-f]{40}|[0-9a-f]{64})$/i;

/** What a suppression of a module's finding is bound to: its source and version as written. */
export function moduleSubject(source: unknown, version: unknown): string {
  // An expression is written as its text (Unknown's toJSON).
  return `module source ${JSON.stringify(source ?? null)} version ${JSON.stringify(version ?? null)}`;
}

/** The rules whose suppression on a module covers that module's source and version only: those that fail a module unread. */
export const MODULE_REVIEW_RULES: ReadonlySet<string> = new Set(['PG-CFG-4', 'PGF-DEL-1', 'PGS-DEL-1']);

/**
 * What a module's finding is bound to: its source and version, or, when its content is not pinned, a subject no suppression on a
 * module has (what was reviewed is not what the next init fetches), with why.
 */
export function moduleReview(source: unknown, version: unknown): { readonly subject: string; readonly unpinned?: string } {
  const subject = moduleSubject(source, version);
  const unpinned = unpinnedModule(source, version);
  return unpinned === undefined ? { subject } : { subject: `unpinned ${subject}`, unpinned };
}

/**
 * Why a module's source does not pin its content, or undefined when it does: a local path (in the
 * repository), a registry module at an exact version, a git source at a commit. A version range,
 * no version, a branch or tag (which can move), an archive URL or a bucket can change what runs at
 * the next init with no change to the stack.
 */
export function unpinnedModule(source: unknown, version: unknown): string | undefined {
  if (typeof source !== 'string') return 'its source is known only at apply time';
  const text = source.trim();
  if (LOCAL.test(text)) return undefined;
  if (REGISTRY.test(text) && !text.includes('::')) {
    if (typeof version === 'string' && EXACT_VERSION.test(version.trim())) return undefined;
    return version === undefined || version === null ? 'a registry module without a version runs the newest one' : `the version ${JSON.stringify(version)} is not one exact version`;
  }
  if (GIT.test(text)) return unpinnedGit(text);
  return 'an archive, bucket or other remote source can change at the same address';
}

/**
 * A git source is pinned when the ref go-getter reads (the first `ref` of the query) is a commit and
 * it clones in full: with `depth` > 0 it runs `git clone --depth N --branch <ref>`, which takes only
 * a branch or tag name, so a ref that looks like a SHA there names a branch or tag.
 */
function unpinnedGit(source: string): string | undefined {
  const query = new URLSearchParams(source.includes('?') ? source.slice(source.indexOf('?') + 1) : '');
  const depth = query.get('depth');
  if (depth !== null && depth !== '' && !(Number(depth) <= 0)) return 'a git source with depth follows the branch or tag its ref names, which can move';
  return COMMIT.test(query.get('ref') ?? '') ? undefined : 'a git source without ref=<commit SHA> follows a branch or a tag, which can move';
}
