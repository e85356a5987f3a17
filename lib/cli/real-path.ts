import { lstatSync, readlinkSync, realpathSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';
import { BadInput } from './bad-input';

/**
 * The path a path names once its symbolic links are followed, or undefined when it cannot be resolved. A link may lead below a
 * folder whose name is not UTF-8, which Node reads with U+FFFD in place of each bad byte: a path that names another entry or none,
 * so a failed synth's report beside the file was looked for where it is not (adversarial run of stop 77, W77-11). Such a path is
 * bad input, naming its bytes.
 */
export function realPathOf(path: string): string | undefined {
  let real: Buffer;
  try {
    // The native call: Node's own walk decodes each name on the way, so it reads a path that is not UTF-8 as another or none.
    real = realpathSync.native(path, { encoding: 'buffer' });
  } catch {
    return undefined;
  }
  if (!isUtf8(real)) throw notUtf8Path(path, real);
  return real.toString('utf8');
}

/** Whether a name read in bytes is UTF-8: Node reads one that is not with U+FFFD in place of each bad byte. */
export function isUtf8(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

function notUtf8Path(path: string, bytes: Buffer): BadInput {
  return new BadInput(`${path}: leads to a path that is not UTF-8 (bytes ${bytes.toString('hex')}), which check cannot read by its name; rename the folders on its way to UTF-8 names`);
}

/**
 * A file named by its real folder and its own name: two links in two folders to one file are two files, each read with what its
 * folder holds (Z78-1), and a file reached by two routes through links to one folder is one (Z78-6).
 */
export function inRealFolder(path: string): string {
  return join(realFile(dirname(path)), basename(path));
}

/** A path with its symbolic links followed (resolved only, when it cannot be read). */
export function realFile(path: string): string {
  return realPathOf(path) ?? resolve(path);
}

/**
 * The file a write to a path lands in: its links followed to the end, a dangling one included (writing through it makes the file
 * it names, adversarial run of stop 77, W77-5), in a folder with its links followed.
 */
export function writtenPath(path: string): string {
  const current = linksFollowed(path).pop() as string;
  return realPathOf(current) ?? join(realFile(dirname(current)), basename(current));
}

/**
 * Whether a path is, or leads through links to, an open stream of this process (`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`).
 * Opened anew it names the file the stream was opened on: a log that `>> build.log` appends to, which a write that truncates
 * would cut (adversarial run of stop 77, W77-6).
 */
export function isOpenStream(path: string): boolean {
  // /proc/self/task/<tid>/fd/N too, a thread's view of the same streams (Z78-21).
  return linksFollowed(path).some((each) => /^\/(dev\/std(in|out|err)|dev\/fd\/\d+|proc\/[^/]+\/(task\/[^/]+\/)?fd\/\d+)$/.test(each));
}

/**
 * The routes to a path: the path, each path its links lead to in turn and its real path. A link through a stack's folder to a file
 * elsewhere is that stack's file too (adversarial run of stop 78, Z78-3).
 */
export function routesOf(path: string): string[] {
  return [...new Set([...linksFollowed(path), realFile(path)])];
}

/** The path and each path its links lead to in turn, the last one not a link (or dangling, or unreadable). */
function linksFollowed(path: string): string[] {
  const chain = [resolve(path)];
  // Linux follows at most 40 links; past that the write fails, so the path as reached is as good as any.
  for (let links = 0; links < 40; links++) {
    const current = chain[chain.length - 1];
    let link: Buffer;
    try {
      if (!lstatSync(current).isSymbolicLink()) break;
      link = readlinkSync(current, { encoding: 'buffer' });
    } catch {
      break;
    }
    if (!isUtf8(link)) throw notUtf8Path(path, link);
    // Read as the system reads it: from the folder the link really is in (joined to its path as written, a text starting with `..`
    // in a folder reached through a link led elsewhere: B79-68, B79-69), and `..` after a link in the text itself leads above where
    // that link leads (Z78-20).
    const text = link.toString('utf8');
    const next = text.startsWith('/') ? text : `${realFile(dirname(current))}/${text}`;
    refuseParentThroughLink(next, `${path}: leads to `);
    chain.push(resolve(next));
  }
  return chain;
}

/**
 * A path with `..` after a symbolic link names, for the system, the folder above where the link leads, and for a path read as
 * text (joined, resolved) the folder the link is in: check would judge or write other files than the ones the path names
 * (adversarial run of stop 78, Y78-2, Y78-27). Bad input, asking for the path without it.
 */
export function refuseParentThroughLink(path: string, option = ''): void {
  const parts = path.split('/');
  parts.forEach((part, index) => {
    if (part !== '..' || index === 0) return;
    const before = parts.slice(0, index).join('/') || '/';
    const real = realPathOf(before);
    if (real !== undefined && realFile(dirname(resolve(before))) !== dirname(real)) {
      throw new BadInput(`${option}${path}: holds ".." after a symbolic link (${before}), which the system reads as the folder above where the link leads, not as the folder the link is in; give the path without ".."`);
    }
  });
}
