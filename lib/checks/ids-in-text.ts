import { idParts, idSegments, nameKey } from './azure-keys';
import { ANYTHING, expressionReadings } from './expression-readings';
import { isUnknown, Unknown } from './hcl-expression';
import { unreadableIdText } from './dot-segments';
import { StackFacts } from './rule';
import { unescaped } from './server-mentions';

// Azure IDs inside free text (a body given as text, a command line, a URL, a template, what an expression may spell), read by the
// one ID grammar (azure-keys.ts idParts/nameKey) and not by a regex of their own (stop 36): a reader that looked for
// "resourceGroups/<g>/providers/Microsoft.Network/..." missed the same ID with "//", blanks around a "/", a "." or ".."
// segment, a final "." or a letter that folds otherwise ("networkSecurityGroup\u017f"), all of which ARM reads as that ID.
// Here a text is cut into runs of ID text; each run is read as azurerm and ARM read an ID: its segments' keys, the empty and
// "." segments dropped; a ".." segment read both ways a server may resolve it (dot-segments.ts), so a write is seen whichever
// it is (fail closed). Percent-encoded and JSON-escaped characters are decoded first (server-mentions.ts unescaped), as ARM
// decodes them. A part of an expression known only at apply time is "*" (any text); what a function the reader does not know
// makes of literal text (replace, substr) may be any name: the IDs that text holds are read with every name as "*".

/** Characters no Azure ID holds and that end one inside a text (quotes, blanks that are not around a "/", brackets, "$"). */
const BOUNDARY = /[\s"'`?#&,;\\<>|{}[\]$=]+/;

/** A segment that is any text: a part known only at apply time. */
export const ANY_SEGMENT = '*';
/** A name a function the reader does not evaluate may make of an ID's literal text (replace, substr): any name too. */
const MADE_NAME = '**';

/**
 * The IDs a text holds, each as its readings (one, or two for a ".." segment): the keys of its segments ("subscriptions",
 * "<id>", "resourcegroups", "<group>", "providers", ...). A run of text with no "/" is no ID.
 */
export function idsInText(text: string): string[][][] {
  // Blanks around a "/" are dropped as idParts drops them: "resourceGroups/ rg /providers" is one ID. A simple interpolation
  // ("${var.env}", a Logic Apps "@{items('x')}") is a part known only at apply time: "orders-${var.env}" is no name "orders-".
  const runs = unescaped(text).replace(/[$@]\{[^{}"]*\}/g, ANY_SEGMENT).replace(/[^\S\n]*\/[^\S\n]*/g, '/').split(BOUNDARY);
  return runs.filter((run) => run.includes('/')).map(idReadings);
}

/** The readings of an ID's text: with no ".." segment its keys; with one, each way a server resolves it, and its keys as written. */
function idReadings(run: string): string[][] {
  const keyed = (parts: readonly string[]) => parts.map((part) => (part === '..' || part.includes(ANY_SEGMENT) ? part.trim() : nameKey(part)));
  const written = keyed(idParts(run));
  if (!written.includes('..')) return [written];
  const raw = run.split('/').map((segment) => segment.trim());
  // Go's path.Join (azapi): empty segments dropped first; RFC 3986 remove_dot_segments: empty segments kept, then dropped.
  const resolved = (segments: readonly string[]) => segments.reduce<string[]>((out, segment) => (segment === '..' ? out.slice(0, -1) : segment === '.' ? out : [...out, segment]), []);
  return [written, keyed(idParts(resolved(raw.filter((segment) => segment !== '').join('/').split('/')).join('/'))), keyed(idParts(resolved(raw).join('/')))];
}

/** Whether an ID's segment as read (a key, or text with "*" for any text) may be a name's key. */
export function segmentMayBe(segment: string, key: string): boolean {
  if (!segment.includes(ANY_SEGMENT)) return segment === key;
  const pattern = segment.split(ANY_SEGMENT).map((piece) => nameKey(piece).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^]*');
  return new RegExp(`^${pattern}$`).test(key);
}

/**
 * The IDs a value of a block's configuration may name, read as idsInText reads a text: its literal texts; each text an expression
 * may spell ("*" for a part known only at apply time); for an expression that may be any text made of literal text (a function
 * the reader does not evaluate, an ID the evaluator could not read), the IDs its literal text holds with each name "*".
 */
export function idsInValue(value: unknown, stack: StackFacts | undefined): string[][][] {
  const found: string[][][] = [];
  const walk = (item: unknown): void => {
    if (typeof item === 'string') found.push(...idsInText(item));
    else if (isUnknown(item)) found.push(...idsOfExpression(item, stack));
    else if (Array.isArray(item)) item.forEach(walk);
    else if (item !== null && typeof item === 'object') Object.values(item).forEach(walk);
  };
  walk(value);
  return found;
}

/** A block's IDs (idsInValue of its configuration), read once per block: every server of a stack asks for them. */
export function idsInBlock(config: object, stack: StackFacts | undefined): string[][][] {
  let found = byConfig.get(config);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache: reading them again gives the same IDs
  if (found === undefined) {
    found = idsInValue(config, stack);
    byConfig.set(config, found);
  }
  return found;
}
const byConfig = new WeakMap<object, string[][][]>();

function idsOfExpression(value: Unknown, stack: StackFacts | undefined): string[][][] {
  // An ID the evaluator read as any text (dot-segments.ts): read its text as an ID, decoded, a ".." both ways; any other, as any text.
  const unreadable = unreadableIdText(value);
  // Its interpolations show as "$(...)": each is any text.
  if (unreadable !== undefined) return idsInText(unreadable.replace(/\$\([^()]*\)/g, ANY_SEGMENT));
  const readings = expressionReadings(value, stack) ?? [];
  // The IDs its text holds as written (an argument of jsonencode, of a function the reader does not evaluate) are named too.
  const written = idsInText(value.toString());
  const read = [...written, ...readings.filter((reading) => !reading.includes(ANYTHING)).flatMap((reading) => idsInText(reading))];
  if (!readings.some((reading) => reading.includes(ANYTHING))) return read;
  return [...read, ...written.map((readingsOfId) => readingsOfId.map(withNamesAny))];
}

/** The keys of the segments that name a scope level; the segment after one is its name. */
const SCOPE_LEVELS = ['subscriptions', 'resourcegroups', 'managementgroups'];

/** An ID's segments with each name (every segment that follows a scope level or a type) as any text; the levels and types kept. */
function withNamesAny(segments: readonly string[]): string[] {
  const at = segments.lastIndexOf('providers');
  return segments.map((segment, index) => {
    // Before "providers": what follows a scope level ("subscriptions", "resourcegroups"); after its namespace: every other segment.
    const isName = at < 0 || index < at ? SCOPE_LEVELS.includes(segments[index - 1]) : index > at + 1 && (index - at) % 2 === 1;
    return isName ? MADE_NAME : segment;
  });
}

/**
 * Where an ID names a resource group and a path below Microsoft.Network: the group's key and the keys below the namespace
 * ("networksecuritygroups", "<name>", ...) joined with "/", as network-writers.ts idPath spells them; one for each
 * "resourcegroups/<g>/providers/microsoft.network" the ID holds (a scope nested in another names both).
 */
export function networkPathsOf(segments: readonly string[]): string[][] {
  const paths: string[][] = [];
  segments.forEach((segment, index) => {
    if (segment !== 'resourcegroups' || segments[index + 2] !== 'providers' || !segmentMayBe(segments[index + 3] ?? '', 'microsoft.network')) return;
    if (segments[index + 1] === undefined) return;
    paths.push([segments[index + 1], ...segments.slice(index + 4)]);
  });
  return paths;
}

/**
 * Whether a network path as read (its segments, "*" for any text) is at a path (keys joined with "/") or below it. One whose
 * group and names up to there are wholly parts known only at apply time
 * (`/subscriptions/${var.s}/resourceGroups/${var.g}/.../networkSecurityGroups/${var.n}`) is a pointer known only later, which
 * these readers leave, as given-objects.ts does: failing it would refuse every write to the caller's other objects.
 */
export function pathAtOrBelow(read: readonly string[], path: string, exact = false): boolean {
  const own = path.split('/');
  if (read.length < own.length || (exact && read.length !== own.length)) return false;
  const namesSomething = read.slice(0, own.length).some((segment, index) => index % 2 === 0 && segment !== ANY_SEGMENT);
  return namesSomething && own.every((key, index) => segmentMayBe(read[index], key));
}

/** A PostgreSQL server an ID names: its kind and its name's key, a literal name only ("orders-*" is put together, not named). */
export interface ServerOfId {
  readonly kind: 'flexible' | 'single';
  readonly name: string;
}

/** Server names as Azure allows them: lower-case letters, digits and hyphens (a ")" or "]" of the text around may follow). */
const SERVER_NAME = /^([a-z0-9][a-z0-9-]*)\.*[)\]]*$/;

/** The PostgreSQL servers an ID (as idsInText reads it) names, at or below them. */
export function serversOfId(segments: readonly string[]): ServerOfId[] {
  const found: ServerOfId[] = [];
  segments.forEach((segment, index) => {
    if (segment !== 'providers' || segments[index + 1] !== 'microsoft.dbforpostgresql') return;
    const type = segments[index + 2];
    const name = SERVER_NAME.exec(segments[index + 3] ?? '')?.[1];
    if (name !== undefined && (type === 'flexibleservers' || type === 'servers')) found.push({ kind: type === 'flexibleservers' ? 'flexible' : 'single', name });
  });
  return found;
}

/**
 * The names an ID text gives after a type segment (a key: "loadbalancers", "privatednszones"), as keys, in each of its readings:
 * "…/loadBalancers/x/../lb-db" gives "x" as written and "lb-db" resolved; `atEnd`: only a type and name that end the ID.
 */
export function namesAfterType(text: string, type: string, atEnd = false): string[] {
  return idsInText(text).flat().flatMap((segments) => segments.flatMap((segment, index) => {
    const name = segments[index + 1];
    return segment === type && name !== undefined && name !== '..' && (!atEnd || index === segments.length - 2) ? [name] : [];
  }));
}

/** The resource group a literal resource group ID names, as a key ("/resourceGroups//rg/" is rg's, as ARM reads it), else undefined. */
export function resourceGroupOf(id: string): string | undefined {
  const segments = idSegments(id);
  return segments.length >= 2 && segments[segments.length - 2] === 'resourcegroups' ? segments[segments.length - 1] : undefined;
}
