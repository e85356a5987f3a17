/**
 * Two file paths compared as names of one file (local_file writers and the lookups that read them back: read-back-lookups.ts): a path is
 * resolved as Windows and POSIX resolve it where its place is known, and otherwise compared by the segments that are sure (49th to
 * 58th runs). Pure: no stack, no rule.
 */
import { isUnknown } from './hcl-expression';

/**
 * A file path as two paths to one file compare: two literals whose place is known alike (both from a root, or both relative and
 * never above where they start), resolved (`./pw.txt` is `pw.txt`: 50th run, A50a-4; `secrets/values.yaml` is not
 * `rendered/values.yaml`: A50c-6), two from a root as `fromRoots` says; otherwise by the file's name, the last segment: a path known only later (`${path.module}/pw.txt`
 * may be `pw.txt`, never `inventory.ini`: A50b-8; null, may be any, when that segment is known only later too), a relative path
 * against one from a root by the segments the relative one has (Terraform's working directory is not known: A50d-4), one that climbs above where it starts
 * (`../db/pw.txt` may be `pw.txt` run in `db`) or one relative to a drive's own folder (`C:pw.txt`: 54th run, A54a-3).
 */
export function fileName(path: unknown, other: unknown): unknown {
  if (typeof path === 'string' && typeof other === 'string') {
    const [mine, theirs] = [placed(path), placed(other)];
    if (mine !== undefined && theirs !== undefined && !mine.absolute && !theirs.absolute) return mine.path;
    if (mine !== undefined && theirs !== undefined && mine.absolute && theirs.absolute) return fromRoots(mine.path, theirs.path);
    // A relative path is a path from a folder not known: an absolute one may be it only when it ends with all its segments
    // (`secrets/password` is never `/etc/pgbouncer/password`: 55th run, A55b-3).
    if (mine !== undefined && theirs !== undefined) return mine.absolute ? lastSegments(mine.path, theirs.path.split('/').length) : mine.path;
  }
  const text = textOf(path);
  // Two paths under one folder known only later (`${path.module}/out/prod/pw` and `${path.module}/out/example/pw`) compare by what
  // follows it, when that is literal (55th run, noted by A55b).
  const shared = text === undefined ? undefined : sharedFolder(text, textOf(other));
  if (shared !== undefined) return shared;
  const last = text === undefined ? undefined : /[^/\\]*$/.exec(windowsName(text))?.[0].replace(/^[A-Za-z]:/, '');
  if (last === undefined) return path;
  return /[$%]\{|\}/.test(last) || SHORT_NAME.test(last) ? null : last;
}

/** An 8.3 short name (`SECRET~1`, `PASSWO~1.TXT`): which long name it stands for is not known from the text (58th run, A58b-8). */
const SHORT_NAME = /~\d+(?:\.|$)/;

/** A path as written: a literal, or a value known only later as its template text; undefined for anything else. */
function textOf(path: unknown): string | undefined {
  return typeof path === 'string' ? path : isUnknown(path) ? path.toString() : undefined;
}

/** What follows one interpolation both paths start with (`${path.module}/`), resolved, when both rests are literal and stay below it. */
function sharedFolder(text: string, other: string | undefined): string | undefined {
  // Not one that reads an iterator (`${each.key}/pw`, `${var.dirs[count.index]}/pw`): each block has its own (56th, 57th runs).
  const folder = /^\$\{[^{}"]*\}[/\\]/.exec(text)?.[0];
  if (folder === undefined || /\b(?:each|count|self)\./.test(folder)) return undefined;
  if (other === undefined || !other.startsWith(folder)) return undefined;
  const [mine, theirs] = [text.slice(folder.length), other.slice(folder.length)];
  if ([mine, theirs].some((rest) => /[$%]\{/.test(rest))) return undefined;
  const [placedMine, placedTheirs] = [placed(mine), placed(theirs)];
  return placedMine !== undefined && placedTheirs !== undefined && !placedMine.absolute && !placedTheirs.absolute ? placedMine.path : undefined;
}

/**
 * A resolved path from a root, against another: without its drive when the other is rooted on none, since Windows reads `\secrets\pw`
 * on the current drive, which may be `C:` (57th run, A57a-10); `C:\a\pw` is still never `\b\pw`.
 */
function onDriveOf(path: string, other: string): string {
  return other.startsWith('/') ? path.replace(/^[A-Za-z]:(?=\/)/, '') : path;
}

/**
 * Two resolved paths from a root, as compared: whole when both are local (or both UNC) and as deep, else by their last segments, as
 * many as the shorter has below its root. A link every system has joins folders of different depth (`/var/run` is `/run`,
 * `/private/tmp` is `/tmp`, `/proc/self/root/…` is `/…`), and a share may be a folder of this machine under any name
 * (`\\localhost\C$\pw` is `C:\pw`): 58th run, A58b-7/9. So `\\srv\share\pw` may still be `C:\srv\share\pw` (A58b-13 left a false failure).
 */
function fromRoots(path: string, other: string): string {
  const [depth, otherDepth] = [depthOf(path), depthOf(other)];
  if (depth === otherDepth && path.startsWith('//') === other.startsWith('//')) return onDriveOf(path, other);
  return lastSegments(path, Math.max(1, Math.min(depth, otherDepth)));
}

/** How many segments a resolved path from a root has below it (`/`, `C:/`, or a UNC path's `//srv/share`). */
function depthOf(path: string): number {
  return path.split('/').length - (path.startsWith('//') ? 4 : 1);
}

/** The last `count` segments of a resolved path. */
function lastSegments(path: string, count: number): string {
  return path.split('/').slice(-count).join('/');
}

/**
 * A literal path resolved, and whether it starts from a root; undefined when where it is depends on a folder the checks do not know,
 * or on a device they cannot place: a `\\?\` or `\\.\` path to neither a drive nor `UNC` (`\\?\GLOBALROOT\Device\x\pw`,
 * `\\?\Volume{…}\app\pw`) may be any file of its name (57th run, A57a-10).
 */
function placed(path: string): { absolute: boolean; path: string } | undefined {
  if (UNPLACED_DEVICE.test(path)) return undefined;
  const name = windowsName(path);
  // A short name may be any folder's or file's (58th run, A58b-8).
  if (/^[A-Za-z]:(?![/\\])/.test(name) || name.split(/[/\\]/).some((segment) => SHORT_NAME.test(segment))) return undefined;
  const absolute = /^(?:[/\\]|[A-Za-z]:[/\\])/.test(name);
  const resolved = resolvedPath(name, absolute);
  return !absolute && (resolved === '..' || resolved.startsWith('../')) ? undefined : { absolute, path: resolved };
}

/** A device path's prefix: `\\?\`, `\\.\`, or the NT object manager's `\??\`, which CreateFileW passes on as it is (58th run, A58b-5). */
const DEVICE = String.raw`^(?:[/\\]{2}[?.]|[/\\]\?\?)[/\\]`;
/** A device path to neither a drive nor `UNC` (placed); a device's `UNC` prefix and any device prefix (windowsName). */
const UNPLACED_DEVICE = new RegExp(`${DEVICE}(?![A-Za-z]:[/\\\\]|UNC[/\\\\])`, 'i');
const DEVICE_UNC = new RegExp(`${DEVICE}UNC(?=[/\\\\])`, 'i');
const DEVICE_PREFIX = new RegExp(DEVICE);

/**
 * A path as Windows reads a file's name: without a device prefix, each segment without the unnamed stream's or a folder's index
 * suffix (`pw::$DATA` is `pw`, `secrets::$INDEX_ALLOCATION` is `secrets`, `f:pw:$DATA` is the stream `f:pw`: 58th run, A58b-4)
 * and without its trailing dots and blanks.
 */
function windowsName(path: string): string {
  // `\\?\UNC\srv\share` is `\\srv\share` (56th run, A56a-6).
  const name = path.replace(DEVICE_UNC, '\\').replace(DEVICE_PREFIX, '');
  return name.split(/([/\\])/).map((segment) => trailingDotsCut(segment.replace(/(?::\$I30)?:?:\$(?:DATA|INDEX_ALLOCATION)$/i, ''))).join('');
}

/** A segment without the dots and blanks it ends with (`pw.txt.` is `pw.txt`); one made only of them as it is (`..`). */
function trailingDotsCut(segment: string): string {
  let end = segment.length;
  while (end > 0 && (segment[end - 1] === '.' || segment[end - 1] === ' ')) end--;
  return end === 0 ? segment : segment.slice(0, end);
}

/**
 * A literal path with its `.`, `..` and empty segments resolved; `..` at the root is the root (`/../etc` is `/etc`: A50d-4). A UNC
 * path's root is `//srv/share`, kept so: Windows never climbs above the share (`\\srv\share\..\pw` is `\\srv\share\pw`: 58th run, A58b-6).
 */
function resolvedPath(path: string, absolute: boolean): string {
  const unc = /^[/\\]{2}(?![/\\])/.test(path);
  const segments: string[] = unc ? ['', ''] : [];
  for (const segment of (unc ? path.slice(2) : path).split(/[/\\]/)) {
    const last = segments[segments.length - 1];
    if (segment === '..' && absolute && segments.length <= (unc ? 4 : 1)) continue;
    if (segment === '..' && last !== undefined && last !== '..') segments.pop();
    else if (segment !== '.' && !(segment === '' && segments.length > 0)) segments.push(segment);
  }
  return segments.join('/');
}
