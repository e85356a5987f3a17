import { PinnedAttributes, writtenValues } from './pinned-attributes';
import { traversalText } from './traversal-text';

/**
 * The pinned attributes a resource's lifecycle.ignore_changes keeps Terraform from applying
 * (PG-CFG-6). An attribute the props set but Terraform ignores changes only when the resource is
 * made again: a new passwordVersion or rotation never reaches it, while the JSON still shows the
 * value the props set (tenth review, A10a-5). Meta-arguments cannot be ignored, and an attribute
 * pinned unset has nothing to apply. When the pin holds the ignore_changes list, the comparison
 * with the pin judges what is written, and the pinned list itself is read here: the constructs
 * never pin one that covers what they set, so a pin that does was written by hand (A11b-4).
 */
export function ignoredPinnedAttributes(pin: PinnedAttributes, config: { readonly [name: string]: unknown }): { entries: string[]; attributes: string[] } {
  const none = { entries: [], attributes: [] };
  const listed = IGNORE_CHANGES in pin.attributes ? [pin.attributes[IGNORE_CHANGES]] : writtenValues(config, IGNORE_CHANGES.split('.'));
  const entries = listed
    .filter((value) => value !== null)
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry)));
  // Most resources ignore nothing: the pinned names are listed only for those that do (every pin of every server is read).
  if (entries.length === 0) return none;
  const set = Object.entries(pin.attributes).filter(([name, value]) => value !== null && !META_ARGUMENTS.has(name) && name !== IGNORE_CHANGES).map(([name]) => name);
  // Read as Terraform reads a traversal: comments and blanks between its parts are nothing (A11b-6).
  // Each entry and name is read once, not once per pair: a server's pins name dozens of attributes.
  const paths = set.map((name) => name.split('.'));
  const read = new Map(entries.map((entry) => [entry, traversalText(entry) === 'all' ? 'all' as const : pathOf(entry)]));
  const covered = (entry: string, at: number) => {
    const path = read.get(entry)!;
    return path === 'all' || overlaps(path, paths[at]);
  };
  const ignoring = entries.filter((entry) => set.some((_name, at) => covered(entry, at)));
  return ignoring.length === 0 ? none : { entries: ignoring, attributes: set.filter((_name, at) => ignoring.some((entry) => covered(entry, at))) };
}

const IGNORE_CHANGES = 'lifecycle.ignore_changes';
const META_ARGUMENTS = new Set(['provider', 'depends_on']);

/** "identity[0].type", "identity.0.type" and "keepers[\"version\"]" (blanks and comments out) name the attribute paths identity.type and keepers.version. */
function pathOf(entry: string): string[] {
  // A quoted key to its closing quote: an escaped quote or a `]` inside it is the key's (twenty-ninth review, A29b-1).
  return traversalText(entry).replace(/\["((?:[^"\\]|\\[\s\S])*)"\]/g, '.$1').replace(/\[\d+\]/g, '').split('.').filter((part) => part !== '' && !/^\d+$/.test(part));
}

/** Whether ignoring one path ignores the other: the same attribute, a block holding it, or a part of it. */
function overlaps(ignored: readonly string[], pinned: readonly string[]): boolean {
  const shorter = Math.min(ignored.length, pinned.length);
  return shorter > 0 && ignored.slice(0, shorter).every((part, index) => part === pinned[index]);
}
