import { Dirent, readdirSync, Stats, statSync } from 'fs';
import { basename, dirname, join, relative } from 'path';
import { BadInput } from './bad-input';
import { copiedFailedSynthOf, FAILED_SYNTH_REPORT } from './failed-synth';
import { MANIFEST_FILE } from './manifest-stacks';
import { inRealFolder, isUtf8, realFile, routesOf } from './real-path';
import { hclStackProblem, STACK_FILE, stackFileAmong } from './stack-folder';

/**
 * How many folders a walk reads at most (docs/errors.md, CLI-TOO-MANY-FOLDERS). A monorepo without
 * its node_modules holds far fewer; more means a folder such as a home directory, or a link out of
 * the tree, which would take minutes.
 */
export const MAX_FOLDERS = 50_000;

export interface StackWalk {
  /** Every cdk.tf.json below the folder, and each stack folder's file (stack-folder.ts), depth first in name order, but those below a hidden folder. */
  readonly files: readonly string[];
  /** The cdk.tf.json files below a hidden folder (outside a stacks folder), which check does not judge (fifth review, A5-5). */
  readonly hiddenFiles: readonly string[];
  /** The cdktf.out folders below it (a manifest.json beside a stacks folder), whose manifest lists their stacks. */
  readonly outputFolders: readonly string[];
}

/**
 * Folders never searched: packages (a package's files are not the app's stacks), Git's store and
 * Terraform's working copies of modules and providers.
 */
const NEVER_SEARCHED = ['node_modules', '.git', '.terraform'];

/**
 * Every cdk.tf.json in a folder and in every folder below it, however deep (a monorepo holds
 * apps/<app>/cdktf.out/stacks/<stack>/cdk.tf.json). node_modules, .git and .terraform are skipped,
 * but never inside a stacks folder, where cdktf writes each stack to a folder named by its id,
 * whatever the id is; each such folder is shown to onStackFolder with the file it is judged by, found
 * whatever its name (stack-folder.ts): one of HCL only is bad input. Other hidden folders (a CI
 * artifact unpacked into .build) are searched, and what they hold is listed apart: it may be a copy.
 * A folder reached twice (through a link, or a link loop) is read once. A folder or entry that
 * cannot be read, or a tree of more than maxFolders folders, is bad input: what was not read may
 * hold a stack.
 */
export function walkStackFiles(target: string, onStackFolder: (folder: string, stackFile: string | undefined) => void, maxFolders = MAX_FOLDERS): StackWalk {
  const files: string[] = [];
  const hiddenFiles: string[] = [];
  const outputFolders: string[] = [];
  const seen = new Set<string>();
  // Each stack file once, by its real folder, with the list it is in and whether a route reached it in a stack's folder.
  const judgedFiles = new Map<string, { index: number; hidden: boolean; inStackFolder: boolean }>();
  // A stack file is judged once in each real folder it is found in, whatever the routes to that folder: what Terraform reads beside
  // it (variable files, override files) is that folder's, so two folders holding links to one file are two stacks (Z78-1, Z78-19).
  // One that links into another stack's folder, at any link on its way, is judged with what that folder says of it (a failed
  // synth's report: Y78-3, Z78-3).
  const found = (path: string, hidden: boolean, inStackFolder: boolean) => {
    const key = inRealFolder(path);
    const earlier = judgedFiles.get(key);
    if (earlier !== undefined) {
      // Found first as a loose file (an artifacts/ folder the app's stacks/ links to, sorting before cdktf.out), it is judged by
      // the route through the stacks/ folder, with its app: judged loose, what it adds to another stack's server passed (B79-64).
      if (inStackFolder && !earlier.inStackFolder && !hidden && !earlier.hidden) files[earlier.index] = path;
      earlier.inStackFolder ||= inStackFolder;
      return;
    }
    const folder = dirname(key);
    for (const route of hidden ? [] : routesOf(path)) {
      if (realFile(dirname(route)) !== folder && inFolderOfStacks(dirname(route))) onStackFolder(dirname(route), basename(route));
    }
    const list = hidden ? hiddenFiles : files;
    judgedFiles.set(key, { index: list.push(path) - 1, hidden, inStackFolder });
  };
  const walk = (dir: string, inStacks: boolean, stat: Stats, hidden: boolean, stackFolder: boolean) => {
    // A folder is read once in each role it is reached in: first reached through a link as a hidden or plain folder, a stack's
    // folder was not read again as one, and its failed synth or its stack file of another name passed over (Y78-1, Y78-17).
    const key = `${stat.dev}:${stat.ino}:${hidden}:${inStacks}:${stackFolder}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (seen.size > maxFolders) {
      throw new BadInput(`${target}: holds more folders than check searches (${NEVER_SEARCHED.join(', ')} not counted), so a ${STACK_FILE} below it may be left unjudged; give the folder that holds the stacks, such as cdktf.out`);
    }
    let entries: Dirent[];
    try {
      refuseNamesNotUtf8(dir, stackFolder);
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      if (error instanceof BadInput) throw error;
      throw new BadInput(`${dir}: cannot be read (${(error as Error).message})`);
    }
    const names = entries.map((each) => each.name);
    // A failed synth's report copied out of stacks/ (an artifact whose upload dropped the folders above the stacks') says the same.
    const copiedFailure = !stackFolder && !hidden && names.includes(FAILED_SYNTH_REPORT) ? copiedFailedSynthOf(dir) : undefined;
    if (copiedFailure !== undefined) throw new BadInput(copiedFailure);
    if (!hidden && dir !== target && names.includes(MANIFEST_FILE) && names.includes('stacks')) outputFolders.push(dir);
    // A stack's folder (cdktf.out/stacks/<stack>) is judged by the configuration Terraform would apply there, whatever its name.
    // One of HCL only is refused, after what the folder's report says of it (cdktf's HCL output, a failed synth).
    const stackFile = stackFolder ? stackFileAmong(entries) : undefined;
    const hcl = stackFile !== undefined && !stackFile.endsWith('.json');
    if (stackFolder && !hidden) onStackFolder(dir, hcl ? undefined : stackFile);
    if (stackFile !== undefined) {
      if (hcl && !hidden) throw new BadInput(hclStackProblem(dir, stackFile));
      found(join(dir, stackFile), hidden, true);
    }
    for (const { name: entry, isFile } of entries.map((each) => ({ name: each.name, isFile: each.isFile() }))) {
      const path = join(dir, entry);
      if (entry === STACK_FILE) {
        if (!stackFolder) found(path, hidden, false);
        continue;
      }
      // A plain file needs no status: only folders and links to them are walked.
      if (isFile || (!inStacks && NEVER_SEARCHED.includes(entry))) continue;
      const entryStat = statOf(path);
      if (!entryStat.isDirectory()) continue;
      // A stack's folder by where it is, whatever the route: a link named otherwise to cdktf.out/stacks/<stack> is one (Y78-1).
      walk(path, isNamed(path, 'stacks'), entryStat, hidden || (!inStacks && entry.startsWith('.')), inStacks || inFolderOfStacks(path));
    }
  };
  walk(target, isNamed(target, 'stacks'), statOf(target), false, inFolderOfStacks(target));
  return { files, hiddenFiles, outputFolders };
}

/**
 * Whether a folder is named so by any route to it: its own name, each link on its way or its real name. A link to cdktf.out/stacks
 * named otherwise was walked as a plain folder, its stacks found as loose cdk.tf.json files and a stack folder judged by another file
 * name left out (adversarial run of stop 77, W77-23); a folder of stacks that is itself a link to a folder named otherwise (a CI
 * cache) was no folder of stacks by its real name (Z78-4). Any name counts, so that what is a folder of stacks by one route is
 * judged as one.
 */
function isNamed(path: string, name: string): boolean {
  return routesNamed(path, name).length > 0;
}

/** The routes to a folder (its path, each link on its way, its real path) that end in that name. */
export function routesNamed(path: string, name: string): string[] {
  return routesOf(path).filter((route) => basename(route) === name);
}

/** Whether a folder is a stack's folder, in a folder of stacks, by any route to it (Y78-1; a link through one, Z78-3). */
export function inFolderOfStacks(path: string): boolean {
  return routesOf(path).some((route) => isNamed(dirname(route), 'stacks'));
}

/**
 * Node reads a name that is not UTF-8 with U+FFFD in place of each bad byte, so `app\xFF` is read as `app\uFFFD`: a path
 * that names another entry (a sibling of that very name, which the walk then reads twice) or none. What such an entry holds
 * cannot be read by its name, and may be a stack (or a variable file Terraform loads beside one): bad input, naming its bytes
 * (adversarial run of stop 77, U77-9, V77-14).
 */
export function refuseNamesNotUtf8(dir: string, filesToo: boolean, onBad: (problem: string) => Error = (problem) => new BadInput(problem)): void {
  // A plain file outside a stack's folder is no stack whatever its name (a Latin-1 file name at a monorepo's root: V77-24).
  const bad = readdirSync(dir, { encoding: 'buffer', withFileTypes: true })
    .filter((entry) => filesToo || !entry.isFile())
    .map((entry) => entry.name as unknown as Buffer)
    .find((name) => !isUtf8(name));
  if (bad !== undefined) {
    throw onBad(`${dir}: holds an entry whose name is not UTF-8 (bytes ${bad.toString('hex')}), which check cannot read by its name, and it may hold a stack; rename it, or give check a folder without it`);
  }
}

/**
 * Why stacks found below hidden folders stop the check: a hidden folder may hold a copy or a cache
 * (an old synth) as well as the artifact a CI job unpacked there, so which to judge is the user's
 * to say, never passed over in silence. Names up to three, relative to the target.
 */
export function hiddenStacksProblem(target: string, hiddenFiles: readonly string[]): string {
  const named = hiddenFiles.slice(0, 3).map((file) => relative(target, file)).join(', ');
  const more = hiddenFiles.length > 3 ? ` and ${hiddenFiles.length - 3} more` : '';
  // A folder of stacks/ is judged by its cdk.tf.json, else by the configuration file it holds (stackFileAmong): either is named.
  const files = hiddenFiles.length === 1 ? 'stack file' : 'stack files';
  return `${target}: holds ${hiddenFiles.length} ${files} (a ${STACK_FILE}, or in a folder of stacks/ the configuration Terraform applies there) below hidden folders (${named}${more}), `
    + 'which check does not judge with the rest, so they would pass unjudged; give the folder that holds them to check on its own, or move them out of the hidden folder';
}

/** A path's status; one that cannot be read (a dangling link, no permission) is bad input. */
export function statOf(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    throw new BadInput(`${path}: cannot be read (${(error as Error).message})`);
  }
}
