import { nameKey } from './azure-keys';
import { serverZones } from './dns-zone-answers';
import { ANYTHING, expressionReadings } from './expression-readings';
import { evaluateTemplate, hclUnescaped, isUnknown, Unknown } from './hcl-expression';
import { pairsReach } from './pair-search';
import { SERVER_DOMAINS } from './provider-hosts';
import { oncePerStackFor } from './per-stack';
import { StackFacts } from './rule';
import { ServerView } from './stack-model';
import { splitTemplate } from './value-readers';

// Clients connect to a server by its public name (<name>.postgres.database.azure.com). A private DNS
// zone, a record or a DNS forwarding rule for that name or a parent of it answers for it in place of
// Azure's DNS. Whether a name may be one is asked here, once for all of them, of a literal name and of
// a template alike (fourteenth review, A14b-13): a template's interpolations may hold any text, so it
// may be a name when its literal parts can spell it, and when its literal end holds two labels or
// more (a name that is wholly a variable, or ends in a top-level domain, is an ordinary company or
// on-premises domain, known only later: not judged).


/** Stands for any text in a pattern: an interpolation, a directive. */
const HOLE = '\u0000';
/** Stands for any one label (one character or more, no dot): the server's name while it is known only later. */
const LABEL = '\u0001';
/** A template directive (%{if}, %{for}, %{endif}), not an escaped "%%{". */
const DIRECTIVE = /(?<!%)%\{[^}]*\}/g;

/** The server's public names, one per cloud: any one label under each domain while its name is known only later. */
export function publicNames(server: ServerView): string[] {
  const name = typeof server.config.name === 'string' ? nameKey(server.config.name) : LABEL;
  return SERVER_DOMAINS.map((domain) => `${name}.${domain}`);
}

/** The parents of the server's public names with two labels or more (postgres.database.azure.com, database.azure.com, azure.com). */
export function publicNameParents(server: ServerView): string[] {
  return publicNames(server).flatMap((name) => {
    const labels = name.split('.');
    return labels.slice(1, -1).map((_label, index) => labels.slice(index + 1).join('.'));
  });
}

/** The Private Link zone of a cloud's domain: the zone every server's public name points at, no server's name. */
function isPrivateLinkZone(name: string): boolean {
  return SERVER_DOMAINS.some((domain) => name === `privatelink.${domain}`);
}

/**
 * True when a name (a literal, or a template known only at apply time) may be one of `names` (each a
 * lower-case name, LABEL for a label known only later): a literal equal to one, ignoring case, blanks
 * and the root's final dot; a template whose literal parts can spell one and whose literal end holds
 * two labels or more. The Private Link zone is never the server's name.
 */
export function mayBeOneOf(name: unknown, names: readonly string[], stack?: StackFacts): boolean {
  return patternsOf(name, stack).some((pattern) => names.some((candidate) => (!pattern.includes(HOLE) && !candidate.includes(LABEL) ? pattern === candidate
    : globsMeet(pattern, candidate) && !(candidate.includes(LABEL) && isPrivateLinkZone(pattern)))));
}

/** Whether a name (a literal, or a template with a literal end of two labels or more) may be a domain or a name below it. */
export function mayBeAtOrBelow(name: unknown, domain: string, stack?: StackFacts): boolean {
  return patternsOf(name, stack).some((pattern) => globsMeet(pattern, domain) || globsMeet(pattern, `${HOLE}.${domain}`));
}

/** True when a name may be a domain of two labels or more the pack judges: a literal, or a template with such a literal end. */
export function hasDomainEnd(name: unknown, stack?: StackFacts): boolean {
  return patternsOf(name, stack).length > 0;
}

/**
 * What a name may spell, as patterns (lower case, HOLE any text), but those whose literal end holds
 * fewer than two labels (a dot after the first character: a leading dot only ends a label before it).
 * With the stack, a local the name reads is read through (a constant one evaluated, another as what
 * it may be: twenty-second session, issue #12 queued): `lower(local.z)` may be each text local.z may be.
 */
function patternsOf(name: unknown, stack?: StackFacts): readonly string[] {
  if (typeof name === 'string') return [nameKey(name)];
  if (!isUnknown(name)) return [];
  return patternsKept(name, '', stack);
}

/** An expression's patterns depend on it and the stack's locals only: read once per evaluation (every server asks of every zone). */
const patternsKept = oncePerStackFor((name: Unknown, _key: string, stack: StackFacts | undefined): readonly string[] => expressionPatterns(name, stack));

function expressionPatterns(name: Unknown, stack: StackFacts | undefined): string[] {
  // Locals and variables' defaults only: a reference to a block's literal name is read where that block is (the zone's own name, not twice).
  const readings = expressionReadings(name, namesScope(stack)) ?? [];
  // Each text the expression may be, its parts known only later any text ("*": a zone name Azure accepts holds none).
  const read = readings.filter((text) => !text.includes(ANYTHING)).map((text) => nameKey(text.split('*').join(HOLE)));
  const patterns = [...spellings(name.spelling).map(nameKey), ...read].filter((pattern) => pattern.split(HOLE).pop()!.slice(1).includes('.'));
  // A function the reader does not know over literal text (base64decode, jsondecode, substr: A18b-4) is a constant known at plan
  // that may spell any name, the public name too: no variable chooses it, so it is no "name wholly a variable" (fail closed).
  // A literal end of two labels or more after it still decides ("${replace(...)}.corp.example.com" is a company's name).
  const end = nameKey(splitTemplate(name.spelling, HOLE).literal).split(HOLE).pop()!;
  return !end.slice(1).includes('.') && mayBeAnyName(name, stack) ? [HOLE] : [...new Set(patterns)];
}

/**
 * Whether a name known only later may be any name at all: a function the reader does not evaluate made it of literal text of
 * letters or digits (in its own text or a local it reads); a separator ("/" of element(split("/", var.zone_id), 8)) cannot
 * spell a name.
 */
export function mayBeAnyName(name: Unknown, stack?: StackFacts): boolean {
  if (!withLocals(name.spelling, stack, 0).some((text) => NAME_TEXT.test(text))) return false;
  return (expressionReadings(name, namesScope(stack)) ?? []).some((text) => text.includes(ANYTHING));
}

/** What a name's readings read of the stack: its locals, and its variables (a default is what Terraform plans unless the run sets another). */
function namesScope(stack: StackFacts | undefined): StackFacts | undefined {
  if (stack === undefined || (stack.locals === undefined && stack.lookups === undefined)) return undefined;
  return { postgresqlProviders: NO_PROVIDERS, ...(stack.locals === undefined ? {} : { locals: stack.locals }), ...(stack.lookups === undefined ? {} : { lookups: stack.lookups }) };
}

/** An expression's text and the texts of the locals it reads (as the evaluator holds them), as deep as locals go. */
function withLocals(spelling: string, stack: StackFacts | undefined, depth: number): string[] {
  const locals = stack?.locals;
  if (locals === undefined || depth >= MAX_LOCAL_DEPTH) return [spelling];
  const read = [...new Set([...spelling.matchAll(LOCAL)].map((found) => found[0]))];
  return [spelling, ...read.flatMap((local) => {
    const value = evaluateTemplate(`\${${local}}`, locals);
    return withLocals(isUnknown(value) ? value.spelling : JSON.stringify(value) ?? '', stack, depth + 1);
  })];
}

const NO_PROVIDERS: StackFacts['postgresqlProviders'] = new Map();
/** A reference to a local (its name). */
const LOCAL = /\blocal\.[\p{L}_][\p{L}\p{N}_-]*/gu;
/** How deep locals are read through (a local of a local). */
const MAX_LOCAL_DEPTH = 8;

/**
 * The patterns a template may spell: its literal text with a HOLE for each interpolation; also, for
 * each text quoted in an interpolation (format("%s.database.azure.com", var.p), a conditional's
 * branch, a constant "${".azure.com"}"), the same with that interpolation ending in that text. A
 * directive (%{if}, %{for}) may leave out or repeat the text between its markers: any of those texts
 * may end what it spells.
 */
function spellings(template: string): string[] {
  const segments = template.split(DIRECTIVE);
  const texts = segments.length === 1 ? segments : [segments.join(HOLE), ...segments.map((segment) => `${HOLE}${segment}`)];
  return texts.flatMap((text) => {
    const expressions: string[] = [];
    const parts = splitTemplate(text, (expression) => {
      expressions.push(expression);
      return HOLE;
    }).literal.split(HOLE);
    const ending = (index: number, end: string) => [...parts.slice(0, index + 1), `${end}${parts.slice(index + 1).join(HOLE)}`].join(HOLE);
    return [parts.join(HOLE), ...expressions.flatMap((expression, index) => [...expression.matchAll(QUOTED)]
      .map(([, quoted]) => ending(index, splitTemplate(hclUnescaped(quoted), HOLE).literal.replace(FORMAT_VERB, HOLE))))];
  });
}

/** A quoted string in an expression holding a letter or a digit (an escape too: "\\u0061"). */
const NAME_TEXT = /"(?:[^"\\]|\\.)*?[\p{L}\p{N}](?:[^"\\]|\\.)*"/u;

/** A quoted string in an expression, escapes kept (group 1). */
const QUOTED = /"((?:[^"\\]|\\.)*)"/g;
/** A verb of format(): what it stands for is any text. */
const FORMAT_VERB = /%[-+# 0-9.*[\]]*[a-zA-Z]/g;

/** One step of a pattern: a character, any text (HOLE), or one character but a dot followed by any such (LABEL). */
type Step = { readonly char: string } | { readonly any: boolean; readonly repeat: boolean };

function stepsOf(pattern: string): Step[] {
  return [...pattern].flatMap((c): Step[] => {
    if (c === HOLE) return [{ any: true, repeat: true }];
    if (c === LABEL) return [{ any: false, repeat: false }, { any: false, repeat: true }];
    return [{ char: c }];
  });
}

/** Whether one character may be both steps' (a dot only where a step takes any text). */
function overlap(a: Step, b: Step): boolean {
  if ('char' in a && 'char' in b) return a.char === b.char;
  if ('char' in a) return (b as { any: boolean }).any || a.char !== '.';
  if ('char' in b) return a.any || b.char !== '.';
  return true;
}

/** Whether two patterns may spell the same text: a search of the pairs of steps both can be at. */
export function globsMeet(a: string, b: string): boolean {
  // A text both spell starts with both literal heads and ends with both literal tails: most pairs (one server's zone and
  // another's) differ there, and are refused without the search.
  if (!literalEndsMeet(a, b)) return false;
  const [stepsA, stepsB] = [stepsOf(a), stepsOf(b)];
  return pairsReach([stepsA.length, stepsB.length], (i, j) => {
    const [stepA, stepB] = [stepsA[i], stepsB[j]];
    const repeatsA = stepA !== undefined && 'repeat' in stepA && stepA.repeat;
    const repeatsB = stepB !== undefined && 'repeat' in stepB && stepB.repeat;
    const next: [number, number][] = [];
    // A repeated step may take no character.
    if (repeatsA) next.push([i + 1, j]);
    if (repeatsB) next.push([i, j + 1]);
    // Both take one character: a repeated step stays, another moves on.
    if (stepA !== undefined && stepB !== undefined && overlap(stepA, stepB)) next.push([repeatsA ? i : i + 1, repeatsB ? j : j + 1]);
    return next;
  });
}

/** Whether the literal heads (the text before the first HOLE or LABEL) and the literal tails (after the last) of two patterns agree. */
function literalEndsMeet(a: string, b: string): boolean {
  const [headA, tailA] = literalEnds(a);
  const [headB, tailB] = literalEnds(b);
  return (headA.startsWith(headB) || headB.startsWith(headA)) && (tailA.endsWith(tailB) || tailB.endsWith(tailA));
}

/** A pattern's literal head and tail: the whole pattern for both when it holds neither HOLE nor LABEL. */
function literalEnds(pattern: string): [string, string] {
  const first = pattern.search(WILDCARD);
  if (first === -1) return [pattern, pattern];
  let last = pattern.length - 1;
  while (pattern[last] !== HOLE && pattern[last] !== LABEL) last--;
  return [pattern.slice(0, first), pattern.slice(last + 1)];
}

/** A step that takes any text or any label. */
const WILDCARD = /[\u0000\u0001]/;

/**
 * The names a private zone (or a DNS forwarding rule) shadows the server's public name with: the name
 * and each parent of it with two labels or more, but for the zones the server resolves in.
 */
export function shadowingNames(server: ServerView): string[] {
  // Azure reads a zone's name in any case, around spaces and a final dot.
  const own = serverZones(server).map((zone) => zone.name);
  return [...publicNames(server), ...publicNameParents(server)].filter((name) => !own.includes(name));
}

/**
 * True when a record of a zone (its name, literal or a template) may answer for the server's public
 * name: its full name may be that name, or a wildcard's may be a parent of it; a record whose name is
 * known only later may be any.
 */
export function recordMayAnswer(recordName: unknown, zoneName: unknown, server: ServerView, stack?: StackFacts): boolean {
  if (typeof recordName !== 'string') return true;
  const relative = nameKey(recordName);
  // A wildcard answers for every name below the name it stands in.
  if (relative === '*' || relative.startsWith('*.')) return mayBeOneOf(below(relative.slice(2), zoneName), publicNameParents(server), stack);
  return mayBeOneOf(below(relative === '@' ? '' : relative, zoneName), publicNames(server), stack);
}

/** A name of any one label below a domain (where Azure writes a server's record in its VNet-integration zone), for mayBeOneOf. */
export function anyLabelBelow(domain: string): string {
  return `${LABEL}.${domain}`;
}

/** The full name of a relative name in a zone (the zone's itself for ""), a template when the zone's name is one. */
export function below(relative: string, zoneName: unknown): unknown {
  const prefix = relative === '' ? '' : `${relative}.`;
  if (typeof zoneName === 'string') return `${prefix}${zoneName}`;
  // The literal name is text in the template: an interpolation or directive it spells is escaped.
  return isUnknown(zoneName) ? new Unknown(`${prefix.replace(/([$%])\{/g, '$1$1{')}${zoneName.toString()}`, zoneName.references) : undefined;
}
