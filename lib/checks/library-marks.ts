/**
 * What in a stack file shows that a library construct made a resource, held against the library's
 * lists before `check` trusts them (tenth review, A10b-2). cdktf writes each resource's construct
 * path into its `//.metadata.path`; the library lists its constructs (and the scopes it enforces),
 * pins its servers' resources by path and declares its DatabaseAccess constructs by path. In a
 * file cdktf wrote, these facts agree: every listed path made a resource of the file, every
 * pinned server is one. A hand edit that changes one without the others (a list entry re-spelt or
 * re-pointed, a server's path changed or deleted while its pins stay) would have check judge the
 * construct's resources as raw ones, so such a file is refused instead.
 */
import { ACCESS_KEY, isDeclaration, misdeclaredAccess } from './access-declarations';
import { unpinnedMadeResource } from './made-pins';
import { copyPinned, isPinned, PINNED_KEY } from './pinned-attributes';
import { unmadePinnedReference } from './pinned-references';
import { resourceBlocks, sectionBlocks } from './stack-model';
import { coveredScopes, innermostScopeIn } from './scope-sets';
import { commentValues, CONSTRUCTS_KEY, ENFORCED_KEY, MADE_KEY, readScopes } from './suppressions';
import { bodiesOf, isObject } from './terraform-json';

/** A resource of the file, by address, and the construct path cdktf wrote into it (undefined when none). */
export interface PathOfResource {
  readonly address: string;
  readonly path?: string;
  /** The resource's provider as written ("random.alias"), when it names one. */
  readonly provider?: string;
}

/** The resources of a file with their construct paths, or why a path cannot be read as cdktf writes it (the list up to it). */
export interface ResourcePaths {
  readonly resources: readonly PathOfResource[];
  readonly problem?: string;
}

/** The resources of a file with their construct paths, or why a path cannot be read as cdktf writes it. */
export function resourcePaths(terraform: unknown): ResourcePaths {
  const resources: PathOfResource[] = [];
  for (const block of resourceBlocks(terraform)) {
    const address = `${block.type}.${block.name}`;
    const provider = typeof block.body.provider === 'string' ? block.body.provider : undefined;
    const metadata = bodiesOf(block.body['//']).filter(isObject).filter((comment) => comment.metadata !== undefined).map((comment) => comment.metadata);
    if (metadata.length > 1) return { resources, problem: `${address} holds //.metadata ${metadata.length} times, where cdktf writes it once` };
    const path = isObject(metadata[0]) ? metadata[0].path : undefined;
    if (metadata.length === 1 && (typeof path !== 'string' || path === '')) return { resources, problem: `${address} holds a //.metadata without a construct path, where cdktf writes one` };
    resources.push({ address, path: path as string | undefined, provider });
  }
  return { resources };
}

/** What a synth knows beyond the file when it holds the marks against the JSON it judges. */
export interface MarksOptions {
  /**
   * The enforced scopes are the constructs this process enforced, each compared with the path it was
   * recorded at (recorded-paths.ts): one may hold no block (applyTo a construct that holds nothing yet),
   * which only a file's reader must take for a re-spelt entry.
   * @default false
   */
  readonly enforcedRecorded?: boolean;
}

/** Why the file's construct paths and the library's lists disagree, or undefined when they agree (`read`: the file's resourcePaths, when already read). */
export function libraryMarksDisagree(terraform: unknown, options: MarksOptions = {}, read: ResourcePaths = resourcePaths(terraform)): string | undefined {
  const { resources, problem } = read;
  if (problem !== undefined) return problem;
  const paths = resources.flatMap((resource) => (resource.path === undefined ? [] : [resource.path]));
  // The scopes that cover a path of the file (scopesOf: those `covers` accepts), looked up instead of testing every path per scope.
  let covered: ReadonlySet<string> | undefined;
  const madeNothing = (scope: string) => !(covered ??= coveredScopes(paths)).has(scope);
  const construct = readScopes(terraform, CONSTRUCTS_KEY).find(madeNothing);
  if (construct !== undefined) return `//.${CONSTRUCTS_KEY} lists ${JSON.stringify(construct)}, but no resource of the file has that construct path or one below it`;
  // Without its made list, every resource of a construct would be judged as one a caller added (A11a-1).
  const made = readScopes(terraform, MADE_KEY);
  const madeUnder = coveredScopes(made);
  const constructs = readScopes(terraform, CONSTRUCTS_KEY);
  const unmade = constructs.find((scope) => !madeUnder.has(scope));
  if (unmade !== undefined) return `//.${CONSTRUCTS_KEY} lists ${JSON.stringify(unmade)}, but //.${MADE_KEY} lists no resource it made`;
  // cdktf writes one resource at a construct path: a second one at a made path would be taken for the construct's own (A12b-3).
  const madeSet = new Set(made);
  const first = new Map<string, string>();
  for (const { address, path } of resources) {
    if (path === undefined || !madeSet.has(path)) continue;
    const earlier = first.get(path);
    if (earlier !== undefined) return `${address} has the construct path ${JSON.stringify(path)} of ${earlier}, which //.${MADE_KEY} lists as made: cdktf writes one resource at a construct path`;
    first.set(path, address);
  }
  // A construct's entries taken out of the lists by hand while its resources stay listed as made (A11b-2).
  const listed = new Set(constructs);
  const orphan = made.find((path) => innermostScopeIn(path, listed) === undefined);
  if (orphan !== undefined) return `//.${MADE_KEY} lists ${JSON.stringify(orphan)}, which no construct //.${CONSTRUCTS_KEY} lists made`;
  // A scope PostgresSecurityChecks.applyTo enforces may hold no resource (a stack of outputs, a construct of data sources and modules).
  const enforced = paths.length === 0 || options.enforcedRecorded === true ? undefined : enforcedUnwritten(terraform, paths);
  if (enforced !== undefined) return `//.${ENFORCED_KEY} lists ${JSON.stringify(enforced)}, but no block of the file has that construct path or one below it`;
  const access = commentValues(terraform, ACCESS_KEY).filter(isDeclaration).find((declaration) => madeNothing(declaration.path));
  if (access !== undefined) return `//.${ACCESS_KEY} declares ${JSON.stringify(access.path)}, but no resource of the file has that construct path or one below it`;
  const addresses = new Set(resources.map((resource) => resource.address));
  const misdeclared = commentValues(terraform, ACCESS_KEY).filter(isDeclaration).map((declaration) => misdeclaredAccess(declaration, addresses)).find((problem) => problem !== undefined);
  if (misdeclared !== undefined) return misdeclared;
  // A server construct (one that pinned its server) makes no in-database resource: only a DatabaseAccess does (A11b-2: paths re-pointed).
  const serverConstructs = new Set(commentValues(terraform, PINNED_KEY).filter(isPinned).map((pinned) => pinned.server.slice(0, pinned.server.lastIndexOf('/'))));
  const inServer = resources.find((resource) => resource.address.startsWith('postgresql_') && resource.path !== undefined && madeSet.has(resource.path)
    && innermostScopeIn(resource.path, serverConstructs) !== undefined);
  if (inServer !== undefined) return `${inServer.address} is listed as made (//.${MADE_KEY}) by a server construct (${inServer.path}), where only a DatabaseAccess makes in-database resources`;
  // No prop makes the server a copy of another one: a pin that says so was edited along with the server (B82-196).
  const pins = commentValues(terraform, PINNED_KEY).filter(isPinned);
  const pinnedServers = new Set(pins.map((pin) => pin.server));
  const servers = resourceBlocks(terraform).filter((block) => /^azurerm_postgresql(_flexible)?_server$/.test(block.type))
    .map((block) => ({ address: `${block.type}.${block.name}`, body: block.body, path: resources.find((resource) => resource.address === `${block.type}.${block.name}`)?.path }))
    .flatMap((block) => (block.path !== undefined && pinnedServers.has(block.path) ? [{ ...block, path: block.path }] : []));
  const copy = copyPinned(pins, servers);
  if (copy !== undefined) return copy;
  // A pinned resource deleted is PG-CFG-6's finding, as in synth; a pinned server no resource is would leave the pins unused.
  const pathSet = new Set(paths);
  const pin = commentValues(terraform, PINNED_KEY).filter(isPinned).find((pinned) => !pathSet.has(pinned.server));
  if (pin !== undefined) return `//.${PINNED_KEY} pins ${JSON.stringify(pin.server)}, but no resource of the file has that construct path (its //.metadata.path was changed or deleted)`;
  // The marks are a closed graph: what a pin refers to at a construct's path is made (A15b-2).
  return unpinnedMadeResource(terraform) ?? unmadePinnedReference(terraform, resources);
}

/** The first enforced scope no block of the file (resource, data source, module) has a path in. */
function enforcedUnwritten(terraform: unknown, paths: readonly string[]): string | undefined {
  const written = coveredScopes([...paths, ...otherPaths(terraform)]);
  return readScopes(terraform, ENFORCED_KEY).find((scope) => !written.has(scope));
}

/** The construct paths listed as made that no resource of the file has, in the list's order (`read`: the file's resourcePaths, when already read). */
export function removedResources(terraform: unknown, made: readonly string[], read: ResourcePaths = resourcePaths(terraform)): string[] {
  const paths = new Set(read.resources.map((resource) => resource.path));
  return made.filter((path) => !paths.has(path));
}

/** The construct paths cdktf wrote into the blocks of a file (resources, data sources, modules): those findings carry (`read`: as above). */
export function blockPaths(terraform: unknown, read: ResourcePaths = resourcePaths(terraform)): string[] {
  return [...read.resources.flatMap((resource) => (resource.path === undefined ? [] : [resource.path])), ...otherPaths(terraform)];
}

/** The construct paths cdktf wrote into the data sources and modules of a file. */
function otherPaths(terraform: unknown): string[] {
  const modules = bodiesOf(terraform).filter(isObject).flatMap((root) => bodiesOf(root.module)).filter(isObject).flatMap((byName) => Object.values(byName).flatMap(bodiesOf));
  return [...sectionBlocks(terraform, 'data').map((block) => block.body), ...modules]
    .filter(isObject)
    .map((body) => (isObject(body['//']) && isObject(body['//'].metadata) ? body['//'].metadata.path : undefined))
    .filter((path): path is string => typeof path === 'string');
}
