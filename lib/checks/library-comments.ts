/**
 * The library's own entries under the top-level "//" comment are checked for the shape the
 * library writes before `check` trusts them: an entry of another shape (null, text, [null]) would
 * otherwise be read as empty, and every comparison it feeds (PGD-IAM-11 to 13, the enforced
 * constructs, the synth warnings) would be skipped without a word.
 */
import { ACCESS_KEY, isDeclaration } from './access-declarations';
import { libraryMarksDisagree, MarksOptions, PathOfResource, ResourcePaths, resourcePaths } from './library-marks';
import { isPinned, PINNED_KEY } from './pinned-attributes';
import { innermostScopeIn } from './scope-sets';
import { commentValues, CONSTRUCTS_KEY, ENFORCED_KEY, MADE_KEY, readScopes, WARNINGS_KEY } from './suppressions';
import { bodiesOf, isObject } from './terraform-json';
import { appendTo } from '../private/list-map';

/** The start of every provider alias the library adds for its constructs' resources; a user's own aliases never start with it. */
export const LIBRARY_ALIAS_PREFIX = 'cdktf_azure_postgres';

/** The id of the construct, directly under a stack, that holds the private DNS zones the library shares between servers. */
export const PRIVATE_DNS_ZONES_ID = 'cdktf-azure-postgres-private-dns-zones';

const isPath = (item: unknown) => typeof item === 'string' && item !== '';
const isWarning = (item: unknown) => isObject(item) && ['path', 'id', 'message'].every((field) => typeof item[field] === 'string');

/** Each key the library writes as a list, what each of its items is, and how to tell one. */
const LIBRARY_LISTS: ReadonlyArray<{ readonly key: string; readonly item: string; readonly isItem: (item: unknown) => boolean }> = [
  { key: ACCESS_KEY, item: 'a DatabaseAccess declaration', isItem: isDeclaration },
  { key: CONSTRUCTS_KEY, item: 'a construct path', isItem: isPath },
  { key: ENFORCED_KEY, item: 'a construct path', isItem: isPath },
  { key: MADE_KEY, item: 'a construct path', isItem: isPath },
  { key: WARNINGS_KEY, item: 'a warning with path, id and message', isItem: isWarning },
  { key: PINNED_KEY, item: 'pinned attributes with server, path and attributes', isItem: isPinned },
];

/** The first library entry of another shape than the library writes, described, or undefined. */
export function malformedLibraryEntry(terraform: unknown, options: MarksOptions = {}): string | undefined {
  const comments = bodiesOf(terraform).filter(isObject).flatMap((root) => bodiesOf(root['//'])).filter(isObject);
  for (const comment of comments) {
    for (const { key, item, isItem } of LIBRARY_LISTS) {
      const value = comment[key];
      if (value === undefined) continue;
      if (!Array.isArray(value)) return `//.${key} is ${shown(value)}, where the library writes a list (each item ${item})`;
      const index = value.findIndex((entry) => !isItem(entry));
      if (index >= 0) return `//.${key} item ${index} is ${shown(value[index])}, where the library writes ${item}`;
    }
  }
  // The resources' construct paths are read once, when a check first needs them, for the three that read them (each walked every resource).
  let read: ResourcePaths | undefined;
  const paths = () => (read ??= resourcePaths(terraform));
  return unlistedConstruct(terraform) ?? orphanedLibraryProvider(terraform, paths) ?? unlistedReservedConstruct(terraform, paths) ?? libraryMarksDisagree(terraform, options, paths());
}

/**
 * A provider the library adds for a construct's resources (a password's random, a DatabaseAccess's
 * postgresql) in a file whose constructs list is gone: the whole "//" was deleted by hand, and the
 * construct would be judged as raw resources, its pins and declarations lost (ninth review, A9-8).
 * So is such a provider none of whose resources a listed construct made: the list was re-spelt or
 * re-pointed (tenth review, A10b-2). Aliases are compared in any case.
 */
function orphanedLibraryProvider(terraform: unknown, paths: () => ResourcePaths): string | undefined {
  const constructs = readScopes(terraform, CONSTRUCTS_KEY);
  if (constructs.length === 0) {
    const providers = bodiesOf(terraform).filter(isObject).flatMap((root) => bodiesOf(root.provider)).filter(isObject);
    const aliases = providers.flatMap((byType) => Object.entries(byType).flatMap(([type, bodies]) => bodiesOf(bodies).filter(isObject).map((body) => `${type}.${String(body.alias)}`)));
    const library = aliases.find(isLibraryProvider);
    if (library !== undefined) return `provider ${library} is one the library adds for its constructs, but //.${CONSTRUCTS_KEY} lists none`;
  }
  // The caller may run resources of their own with a construct's provider (DatabaseAccess.provider), but the construct's own use it too.
  const byProvider = new Map<string, PathOfResource[]>();
  for (const resource of paths().resources) {
    if (resource.provider === undefined || !isLibraryProvider(resource.provider)) continue;
    appendTo(byProvider, resource.provider, resource);
  }
  // The scopes that cover a path (scopesOf: those `covers` accepts) looked up among the listed ones, not every construct tested per path.
  const listedScopes = new Set(constructs);
  const listed = (resource: PathOfResource) => resource.path !== undefined && innermostScopeIn(resource.path, listedScopes) !== undefined;
  const orphan = [...byProvider].find(([, resources]) => !resources.some(listed));
  return orphan === undefined ? undefined : `provider ${orphan[0]} is one the library adds for its constructs, but no construct //.${CONSTRUCTS_KEY} lists made a resource that runs with it (${orphan[1][0].address})`;
}

/**
 * A resource inside a construct whose id the library keeps for its own (the stack's shared private DNS zones, which a server
 * in its own subnet adds) that no listed construct holds: like a library provider's alias, the reserved id marks a file the
 * library wrote, so its lists were deleted ("//" removed, or rewritten as text or a list) and its servers would be judged as
 * raw resources, errors turned into warnings (twenty-third review, A23-1).
 */
function unlistedReservedConstruct(terraform: unknown, paths: () => ResourcePaths): string | undefined {
  const listed = new Set(readScopes(terraform, CONSTRUCTS_KEY));
  const inReserved = (path: string) => path.split('/')[1] === PRIVATE_DNS_ZONES_ID;
  const resource = paths().resources.find((each) => each.path !== undefined && inReserved(each.path) && innermostScopeIn(each.path, listed) === undefined);
  return resource === undefined ? undefined : `${resource.address} lies in ${PRIVATE_DNS_ZONES_ID}, a construct the library adds to a stack, but no construct //.${CONSTRUCTS_KEY} lists holds it`;
}

/** Whether a provider key ("random.cdktf_azure_postgres_random") names one the library adds, in any case. */
function isLibraryProvider(key: string): boolean {
  const dot = key.indexOf('.');
  return dot >= 0 && key.slice(dot + 1).trim().toLowerCase().startsWith(LIBRARY_ALIAS_PREFIX);
}

/**
 * A server whose construct pinned attributes is a library construct's: with the construct gone from
 * //.cdktf-azure-postgres-constructs, what is added beside it (here and in the app's other stacks)
 * would no longer be judged (sixth review, A6-2).
 */
function unlistedConstruct(terraform: unknown): string | undefined {
  const constructs = readScopes(terraform, CONSTRUCTS_KEY);
  const pins = commentValues(terraform, PINNED_KEY).filter(isPinned);
  const listed = new Set(constructs);
  const unlisted = pins.find((pin) => innermostScopeIn(pin.server, listed) === undefined);
  return unlisted === undefined ? undefined : `//.${PINNED_KEY} pins ${shown(unlisted.server)}, a server of no construct //.${CONSTRUCTS_KEY} lists`;
}

/** A value as JSON, cut short: enough to find it in the file. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
