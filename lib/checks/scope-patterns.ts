import { idSegments, nameKey } from './azure-keys';

// One matcher for "may this scope be at (or above) this object?" (sixteenth review, A16a-6, A16a-10).
// A scope known only at apply time is a template: its interpolations may stand for any text, so one
// may cover part of a segment, a whole segment, several, or none, at any position. An object's ID is
// known in part: its subscription is the provider's, a name may be a variable's. The two may meet
// when some text is spelled by both: an emptiness test of the two patterns' product.

/** In a template's text, what stands for an interpolation: any text, "/" included. */
export const ANY = '\u0000';
/** In an object's ID, what stands for one segment known only at apply time (a name: no "/"). */
export const SEGMENT = '\u0001';
/** In an object's ID, a subscription known only at apply time: a GUID's characters. */
export const SUBSCRIPTION = '\u0002';

/** How a scope must stand to the object: its ID exactly, or the object or a scope above it (RBAC inherits down). */
export type Reach = 'exact' | 'holds';

/**
 * Whether a template (ANY for each interpolation) may spell the object's ID, or with `holds` an ID of which
 * the object's is or is below: each ID with or without its leading and trailing "/", any letter case.
 */
export function mayReach(template: string, objectId: string, reach: Reach): boolean {
  const scope = normalized(template);
  const object = `/${objectId.replace(/^\/+|\/+$/g, '').toLowerCase()}`;
  // Where the scope may end: the rest of it is "/" and interpolations only (each of which may be empty).
  const ends = [...scope].map((_, at) => /^[/\u0000]*$/.test(scope.slice(at))).concat(true);
  const seen = new Set<number>();
  const width = object.length + 1;
  const stack: [number, number, number][] = [[0, 0, 0]];
  // A state: how much of the scope and the object is spelled, and whether a SEGMENT/SUBSCRIPTION has a character yet.
  const push = (i: number, j: number, k: number) => {
    const key = (i * width + j) * 2 + k;
    if (!seen.has(key)) {
      seen.add(key);
      stack.push([i, j, k]);
    }
  };
  while (stack.length > 0) {
    const [i, j, k] = stack.pop() as [number, number, number];
    const [s, o] = [scope[i], object[j]];
    const open = o === SEGMENT || o === SUBSCRIPTION;
    if (ends[i] && !open && (j === object.length || (reach === 'holds' && o === '/'))) return true;
    if (s === ANY) push(i + 1, j, k);
    if (open && k === 1) push(i, j + 1, 0);
    if (s === undefined || o === undefined) continue;
    if (!open && (s === ANY || s === o)) push(s === ANY ? i : i + 1, j + 1, 0);
    if (open && (s === ANY || fits(s, o))) push(s === ANY ? i : i + 1, j, 1);
  }
  return false;
}

/** Whether a literal character may be one of a part known only at apply time. */
function fits(character: string, part: string): boolean {
  return part === SUBSCRIPTION ? /^[0-9a-f-]$/.test(character) : character !== '/';
}

/**
 * Whether a template (ANY for each interpolation) is written as a path, not a name or one value known only later: read as every
 * reader reads an ID (no "." or empty segment), it has two segments or starts with a literal "/" ("${var.x}/." is "${var.x}").
 */
export function isPathTemplate(template: string): boolean {
  const segments = idSegments(template);
  return segments.length > 1 || (segments.length === 1 && template.trim().startsWith('/'));
}

/**
 * A template's text as an ID, read as every reader reads one (azure-keys.ts idSegments): each segment a name's key, a "." or empty
 * segment dropped wherever it stands (run 35: "/resourceGroups/./rg" spells what "/resourceGroups/rg" does), a leading "/" where it
 * starts with a literal segment. An interpolation (ANY) is text of the segment it stands in.
 */
function normalized(template: string): string {
  const key = idSegments(template).join('/');
  return template.trim().startsWith(ANY) ? key : `/${key}`;
}

/** An ID's pattern from its segments: a literal segment as its key, any other a SEGMENT; the first pair's value a SUBSCRIPTION. */
export function idPattern(segments: readonly unknown[]): string {
  return segments.map((segment, index) => (index === 1 && segments[0] === 'subscriptions' && typeof segment !== 'string' ? SUBSCRIPTION
    : typeof segment === 'string' && segment.trim() !== '' && !segment.includes('/') && !segment.includes('${') ? nameKey(segment) : SEGMENT)).join('/');
}
