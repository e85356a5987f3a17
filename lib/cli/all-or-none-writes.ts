import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'fs';
import { dirname, resolve } from 'path';
import { BadInput } from './bad-input';
import { isOpenStream } from './real-path';

/** A file a command writes, and what the one line a failure prints says before the system's reason. */
export interface PendingFile {
  readonly path: string;
  readonly text: string;
  /** For example "--output results.sarif: cannot be written". */
  readonly failure: string;
}

/**
 * Writes every file or none: a command that exits 2 must leave what was there (docs/pipelines.md: "on exit 2 it writes
 * neither"; adversarial run of stop 77, U77-3, U77-4). Each file is written in place, as a user's path names it (through links,
 * onto a bind mount, a device, a writable file in a folder that takes no new entries), but only once every target is known to
 * be writable (folders made, a folder where a file goes refused); devices and pipes (`/dev/stdout`, `/dev/full`) first. A write
 * that still fails (a full disk) puts back what the files already written held, removes those it made, and the folders made.
 * A test passes its own `write`, to fail one as a full disk would.
 */
export function writeAllOrNone(files: readonly PendingFile[], write: (path: string, text: string) => void = writeInPlace): void {
  const made: string[] = [];
  const before = new Map<string, Buffer | undefined>();
  try {
    for (const file of files) {
      makeFolders(file, made);
      attempt(file, () => before.set(file.path, previousText(file.path)));
    }
  } catch (error) {
    made.reverse().forEach(removeFolderQuietly);
    throw error;
  }
  const inPlaceFirst = [...files].sort((a, b) => Number(isRegularOrNew(a.path)) - Number(isRegularOrNew(b.path)));
  const written: PendingFile[] = [];
  try {
    for (const file of inPlaceFirst) {
      written.push(file);
      attempt(file, () => write(file.path, file.text));
    }
  } catch (error) {
    for (const file of written) restoreQuietly(file.path, before.get(file.path));
    made.reverse().forEach(removeFolderQuietly);
    throw error;
  }
}

/**
 * What a regular file holds now, to put back should a later write fail; undefined for a file not there yet or not a regular one.
 * Refuses a target that cannot be written: a folder, a file without write permission, a new file in a folder that takes none.
 */
function previousText(path: string): Buffer | undefined {
  if (isOpenStream(path)) {
    accessSync(path, constants.W_OK);
    return undefined;
  }
  if (!existsSync(path)) {
    accessSync(dirname(path), constants.W_OK);
    return undefined;
  }
  const found = statSync(path);
  if (found.isDirectory()) throw new Error('it is a folder');
  accessSync(path, constants.W_OK);
  return found.isFile() ? readFileSync(path) : undefined;
}

function isRegularOrNew(path: string): boolean {
  return !isOpenStream(path) && (!existsSync(path) || statSync(path).isFile());
}

/** Writes a file whole; a stream of this process (`--output /dev/stdout >> build.log`) is appended to, never truncated (W77-6). */
function writeInPlace(path: string, text: string): void {
  writeFileSync(path, text, { flag: isOpenStream(path) ? 'a' : 'w' });
}

function attempt(file: PendingFile, write: () => void): void {
  try {
    write();
  } catch (error) {
    throw new BadInput(`${file.failure} (${(error as Error).message})`);
  }
}

/** Makes the missing folders above a file (made recorded, to be removed on failure); the system's error in the one line. */
function makeFolders(file: PendingFile, made: string[]): void {
  attempt(file, () => makeMissingFolders(dirname(file.path), made));
}

/**
 * Makes a folder and the missing ones above it, one by one, each recorded in `made` as soon as it is made: Node's recursive
 * mkdir never returns on some file systems (under /proc). Something else where the folder should be fails as mkdir does.
 */
export function makeMissingFolders(folder: string, made: string[] = []): void {
  const missing: string[] = [];
  for (let current = resolve(folder); !existsSync(current) && dirname(current) !== current; current = dirname(current)) missing.unshift(current);
  if (missing.length === 0 && !statSync(folder).isDirectory()) mkdirSync(folder);
  for (const each of missing) {
    mkdirSync(each);
    made.push(each);
  }
}

/** Puts back what a file held before this run (a file it made is removed); a failure here leaves it as the failed write did. */
function restoreQuietly(path: string, text: Buffer | undefined): void {
  try {
    if (text === undefined) {
      // A stream is no file this run made: what went to it cannot be taken back.
      if (!isOpenStream(path) && statSync(path).isFile()) unlinkSync(path);
    } else {
      writeFileSync(path, text);
    }
  } catch {
    // Nothing more to do: the one-line reason says which write failed.
  }
}

/** Removes a folder this run made, when it is empty. */
export function removeFolderQuietly(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // Not empty (something else wrote there meanwhile) or gone: left as it is.
  }
}
