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
  const text = real.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(real)) {
    throw new BadInput(`${path}: leads to a path that is not UTF-8 (bytes ${real.toString('hex')}), which check cannot read by its name; rename the folders on its way to UTF-8 names`);
  }
  return text;
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
  let current = resolve(path);
  // Linux follows at most 40 links; past that the write fails, so the path as reached is as good as any.
  for (let links = 0; links < 40; links++) {
    let link: Buffer;
    try {
      if (!lstatSync(current).isSymbolicLink()) break;
      link = readlinkSync(current, { encoding: 'buffer' });
    } catch {
      break;
    }
    if (!Buffer.from(link.toString('utf8'), 'utf8').equals(link)) {
      throw new BadInput(`${path}: leads to a path that is not UTF-8 (bytes ${link.toString('hex')}), which check cannot read by its name; rename the folders on its way to UTF-8 names`);
    }
    current = resolve(dirname(current), link.toString('utf8'));
  }
  return realPathOf(current) ?? join(realFile(dirname(current)), basename(current));
}
