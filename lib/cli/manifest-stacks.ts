import { existsSync, readdirSync, statSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';
import { printable } from '../private/reason-text';
import { StackNotRead } from '../checks/report';
import { inRealFolder, realFile } from './real-path';
import { readRegularText } from './stack-text';
import { STACK_FILE, stackFileIn } from './stack-folder';

/** The file cdktf writes beside the stacks folder, listing every stack it synthesized. */
export const MANIFEST_FILE = 'manifest.json';

/**
 * Why the stacks a cdktf.out folder's manifest lists are not all among those found, or undefined
 * when they are (or there is no manifest): a stack folder lost to a partial download or a cleanup
 * must not turn the gate green for a stack nobody judged.
 */
export function unjudgedManifestStacks(folder: string, found: readonly string[], foundElsewhere: ReadonlyMap<string, string> = new Map()): string | undefined {
  const manifestPath = join(folder, MANIFEST_FILE);
  if (!existsSync(manifestPath)) return undefined;
  const listed = listedStacks(manifestPath);
  if (typeof listed === 'string') return listed;
  // Each file by its real folder: a stack found first by a link to its folder (another app's `db -> ../api/cdktf.out/stacks/b`) is
  // the stack listed (adversarial run of stop 78, Z78-6).
  const foundPaths = new Set(found.map(inRealFolder));
  const notFound = listed.filter(({ path }) => !foundPaths.has(inRealFolder(inOutput(folder, path))));
  if (notFound.length === 0) return undefined;
  // Found, but judged with another app: a folder of stacks two apps share through a link, or a copy of this app (B80-27, D80-8).
  const otherApps = new Map([...foundElsewhere].map(([file, app]) => [inRealFolder(file), app]));
  const shared = notFound.flatMap(({ name, path }) => {
    const other = otherApps.get(inRealFolder(inOutput(folder, path)));
    return other === undefined ? [] : [`${printable(name)} (${printable(path)}), judged with ${printable(other)}, whose ${MANIFEST_FILE} lists it too`];
  });
  if (shared.length > 0) {
    return `${manifestPath}: lists ${shared.length === 1 ? 'stack' : 'stacks'} ${shared.join('; ')}: two apps share a folder of stacks through a link (or one is a copy of the other), so neither can be judged whole; keep each stack folder in one app's stacks/, or remove the copy's ${MANIFEST_FILE}`;
  }
  // The file the manifest lists is named as it lists it (a stack listed as main.tf.json is not a missing cdk.tf.json): one that is
  // there but not the file the walk judges its folder by (a main.tf.json beside a cdk.tf.json) is named apart from one that is gone.
  const named = (stacks: readonly { name: string; path: string }[]) => `${stacks.length === 1 ? 'stack' : 'stacks'} ${stacks.map(({ name, path }) => `${printable(name)} (${printable(path)})`).join(', ')}`;
  const elsewhere = notFound.filter(({ path }) => basename(path) !== STACK_FILE && isFile(inOutput(folder, path)));
  const missing = notFound.filter((stack) => !elsewhere.includes(stack));
  const parts = [
    ...(missing.length === 0 ? [] : [`${named(missing)}, ${missing.length === 1 ? 'a file that is' : 'files that are'} missing`]),
    ...(elsewhere.length === 0 ? [] : [`${named(elsewhere)}, ${elsewhere.length === 1 ? 'a file' : 'files'} check does not judge as a stack (it judges a folder of stacks/ by its ${STACK_FILE}, else by its one other JSON configuration file, and elsewhere only a ${STACK_FILE})`]),
  ];
  return `${manifestPath}: lists ${parts.join(', and ')}, so ${notFound.length === 1 ? 'it' : 'they'} cannot be judged; synthesize again${missing.length === 0 ? '' : ', or give check the whole cdktf.out folder'}`;
}

/**
 * The stacks a cdktf.out folder's manifest lists whose cdk.tf.json is not among the files given
 * (resolved paths), or why the manifest cannot be read; undefined without a manifest. A stack given
 * without the others is judged alone: what it adds to their constructs is not (thirty-sixth review, A36b-1).
 */
export function stacksNotGiven(folder: string, given: ReadonlySet<string>): StackNotRead[] | string | undefined {
  const manifestPath = join(folder, MANIFEST_FILE);
  if (!existsSync(manifestPath)) return undefined;
  const listed = listedStacks(manifestPath);
  if (typeof listed === 'string') return listed;
  const givenFiles = new Set([...given].map(realFile));
  return listed.filter(({ path }) => !givenFiles.has(realFile(inOutput(folder, path)))).map(({ name, path }) => ({ name, path }));
}

/**
 * The stacks of a cdktf.out folder's stacks/ (each folder of it that holds a configuration file, stack-folder.ts)
 * that the files given (resolved paths) do not include and its manifest does not list: without a
 * manifest, or with one that lists only some of them, a stack given alone is judged alone just the
 * same (thirty-seventh review, A37b-3). Sorted by name; a folder reached twice (a symlink) once.
 */
export function unlistedStacksNotGiven(folder: string, given: ReadonlySet<string>): StackNotRead[] {
  const stacksFolder = join(folder, 'stacks');
  let names: string[];
  try {
    names = readdirSync(stacksFolder).sort();
  } catch {
    return [];
  }
  const manifestPath = join(folder, MANIFEST_FILE);
  const listed = existsSync(manifestPath) ? listedStacks(manifestPath) : [];
  const known = new Set([...given, ...(typeof listed === 'string' ? [] : listed.map(({ path }) => inOutput(folder, path)))].map(realFile));
  const unlisted: StackNotRead[] = [];
  for (const name of names) {
    // The file the walk would judge the folder by, whatever its name (cdk.tofu.json: stop 70, C15).
    const stackFile = stackFileIn(join(stacksFolder, name));
    const file = join(stacksFolder, name, stackFile ?? STACK_FILE);
    if (stackFile === undefined || !isFile(file) || known.has(realFile(file))) continue;
    known.add(realFile(file));
    unlisted.push({ name, path: `stacks/${name}/${stackFile}` });
  }
  return unlisted;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Why a stack the folder's manifest lists would be deployed from another folder than cdktf's, or
 * undefined when none would (or the manifest cannot be read). `cdktf deploy` (and diff, destroy,
 * output) runs Terraform in each stack's workingDirectory and reads every .tf and .tf.json file
 * there; cdktf writes it as the folder of stacks/ that holds the stack's cdk.tf.json. Another
 * folder would have the gate judge one configuration and the deploy apply another, and a stack
 * file outside stacks/ would be judged apart from the app's other stacks, where a weakening of
 * another stack's construct is only a warning (eleventh review, A11b-3). A stack without a
 * workingDirectory text cannot be deployed by cdktf at all.
 */
export function misplacedWorkingDirectories(folder: string): string | undefined {
  const manifestPath = join(folder, MANIFEST_FILE);
  const listed = existsSync(manifestPath) ? listedStacks(manifestPath) : [];
  if (typeof listed === 'string') return undefined;
  const stacksFolder = resolve(folder, 'stacks');
  const elsewhere = listed.filter(({ path, workingDirectory }) => {
    if (workingDirectory === undefined) return false;
    const deployed = inOutput(folder, workingDirectory);
    return deployed !== dirname(inOutput(folder, path)) || dirname(deployed) !== stacksFolder;
  });
  if (elsewhere.length === 0) return undefined;
  const named = elsewhere.map(({ name, path, workingDirectory }) => `${printable(name)} in ${printable(workingDirectory ?? '')} (its cdk.tf.json at ${printable(path)})`).join(', ');
  return `${manifestPath}: runs the Terraform of ${elsewhere.length === 1 ? 'stack' : 'stacks'} ${named}, where cdktf runs it in the folder of stacks/ that holds the stack's cdk.tf.json, so cdktf deploy would apply a configuration check does not judge with this app; synthesize again`;
}

/** The stack files a cdktf.out folder's manifest lists, each by its real folder (as unjudgedManifestStacks matches them). */
export function manifestListing(folder: string): ReadonlySet<string> {
  const manifestPath = join(folder, MANIFEST_FILE);
  const listed = existsSync(manifestPath) ? listedStacks(manifestPath) : [];
  return new Set(typeof listed === 'string' ? [] : listed.map(({ path }) => inRealFolder(inOutput(folder, path))));
}

/**
 * The construct path of each stack file the folder's manifest lists (by the file's resolved path):
 * cdktf names a stack's cross-stack data sources after it, and a stack nested in a construct has a
 * folder named by its id only. Empty without a readable manifest.
 */
export function manifestConstructPaths(folder: string): Map<string, string> {
  const manifestPath = join(folder, MANIFEST_FILE);
  const listed = existsSync(manifestPath) ? listedStacks(manifestPath) : [];
  return new Map(typeof listed === 'string' ? [] : listed.flatMap(({ path, constructPath }) => (constructPath === undefined ? [] : [[inOutput(folder, path), constructPath]])));
}

/** A path of the manifest as cdktf reads it: joined to the output folder, even when it is absolute. */
function inOutput(folder: string, path: string): string {
  return resolve(join(folder, path));
}

/** Each stack the manifest lists with the path of its cdk.tf.json (and its construct path and working directory), or why the manifest cannot be read. */
function listedStacks(manifestPath: string): { name: string; path: string; constructPath?: string; workingDirectory?: string }[] | string {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readRegularText(manifestPath));
  } catch (error) {
    // Not the parser's message, which quotes the text it stopped at: through a link, any file's first characters (Y78-20).
    const reason = error instanceof SyntaxError ? 'not valid JSON' : (error as Error).message;
    return `${manifestPath}: cannot be read (${reason}), so the stacks it lists cannot be matched; synthesize again`;
  }
  const stacks = (manifest as { stacks?: unknown } | null)?.stacks;
  const entries = stacks !== null && typeof stacks === 'object' && !Array.isArray(stacks) ? Object.entries(stacks) : undefined;
  if (entries === undefined || entries.some(([, stack]) => typeof (stack as { synthesizedStackPath?: unknown } | null)?.synthesizedStackPath !== 'string')) {
    return `${manifestPath}: is not the manifest cdktf writes (no stacks, each with a synthesizedStackPath), so the stacks it lists cannot be matched; synthesize again`;
  }
  return entries.map(([name, stack]) => {
    const { synthesizedStackPath, constructPath, workingDirectory } = stack as { synthesizedStackPath: string; constructPath?: unknown; workingDirectory?: unknown };
    return {
      name,
      path: synthesizedStackPath,
      ...(typeof constructPath === 'string' ? { constructPath } : {}),
      ...(typeof workingDirectory === 'string' ? { workingDirectory } : {}),
    };
  });
}
