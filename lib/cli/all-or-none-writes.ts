import { existsSync, mkdirSync, realpathSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';
import { BadInput } from './bad-input';

/** A file a command writes, and what the one line a failure prints says before the system's reason. */
export interface PendingFile {
  readonly path: string;
  readonly text: string;
  /** For example "--output results.sarif: cannot be written". */
  readonly failure: string;
}

/**
 * Writes every file or none: a command that exits 2 must leave what was there (docs/pipelines.md: "on exit 2 it writes
 * neither"). Each regular file is written beside its target under a temporary name, and the targets are replaced by renames
 * only once every one is written; a failure removes the temporary files and the folders made for them, and leaves an existing
 * report or results file whole (a disk that fills up half way through used to leave it cut off: adversarial run of stop 77,
 * U77-3, U77-4). A target that is not a regular file (`/dev/null`, a pipe) is written in place, last: it has nothing to keep.
 */
export function writeAllOrNone(files: readonly PendingFile[]): void {
  const made: string[] = [];
  const replaced: Array<{ readonly temporary: string; readonly target: string }> = [];
  try {
    const inPlace: PendingFile[] = [];
    for (const file of files) {
      makeFolders(file, made);
      const target = targetOf(file);
      if (target === undefined) {
        inPlace.push(file);
        continue;
      }
      const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
      attempt(file, () => writeFileSync(temporary, file.text, { flag: 'wx' }));
      replaced.push({ temporary, target });
    }
    // Before any rename: a device that refuses the text (/dev/full) leaves every file as it was.
    inPlace.forEach((file) => attempt(file, () => writeFileSync(file.path, file.text)));
  } catch (error) {
    replaced.forEach(({ temporary }) => removeQuietly(temporary));
    made.reverse().forEach(removeFolderQuietly);
    throw error;
  }
  replaced.forEach(({ temporary, target }) => renameSync(temporary, target));
}

/**
 * Where a file's text ends up: the file a link names (written through, as before), or undefined for a target that is there
 * and is neither a regular file nor a folder (a device, a pipe), written in place: renaming onto a device would replace it.
 */
function targetOf(file: PendingFile): string | undefined {
  let target: string | undefined;
  attempt(file, () => {
    if (!existsSync(file.path)) {
      target = join(realpathSync(dirname(file.path)), basename(file.path));
      return;
    }
    const found = statSync(file.path);
    if (found.isDirectory()) throw new Error('it is a folder');
    target = found.isFile() ? realpathSync(file.path) : undefined;
  });
  return target;
}

function attempt(file: PendingFile, write: () => void): void {
  try {
    write();
  } catch (error) {
    throw new BadInput(`${file.failure} (${(error as Error).message})`);
  }
}

/**
 * Makes the missing folders above a file, one by one, each recorded in `made` as soon as it is made (removed on failure).
 * Something else where the folder should be fails as mkdir does.
 */
function makeFolders(file: PendingFile, made: string[]): void {
  const folder = resolve(dirname(file.path));
  const missing: string[] = [];
  for (let current = folder; !existsSync(current) && dirname(current) !== current; current = dirname(current)) missing.unshift(current);
  attempt(file, () => {
    if (missing.length === 0 && !statSync(folder).isDirectory()) mkdirSync(folder);
    for (const each of missing) {
      mkdirSync(each);
      made.push(each);
    }
  });
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone: nothing to undo.
  }
}

function removeFolderQuietly(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // Not empty (something else wrote there meanwhile) or gone: left as it is.
  }
}
