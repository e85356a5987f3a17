import { gunzipSync } from 'zlib';

// Texts a provider argument stands for once decoded (nineteenth review, A19a-5): azurerm takes an NGINXaaS configuration,
// a VM's custom_data, a config map's data as base64 (a package as base64 of a tar.gz), so a TypeScript user's
// `Buffer.from(text).toString('base64')` puts only the encoded form in the JSON. A raw-text scanner reads these too, and
// the base64 runs inside a longer text (a body given as JSON text, a data: URI, `echo <base64> | base64 -d | gunzip | sh`).
// This is the one decoder of every raw-text scanner (twentieth review, A20b-6): none reads less than another.

/** A whole value in base64 (standard or URL-safe alphabet, padded or not). */
const WHOLE_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2,3}={0,2})?$|^[A-Za-z0-9_-]+$/;
/** A run of base64 inside a text, long enough to hold an address (standard, or URL-safe, alphabet). */
const BASE64_RUN = /[A-Za-z0-9+/]{16,}={0,2}|[A-Za-z0-9_-]{16,}/g;
/**
 * A run wrapped over lines (MIME and `base64` every 76 characters, PEM every 64, a YAML block): pieces joined by line ends
 * (also JSON's `\n` escapes in a body given as text) and indentation, which the decoders skip (A20b-2).
 */
const WRAPPED_RUN = /[A-Za-z0-9+/]{4,}(?:[ \t]*(?:\r?\n|\\r\\n|\\n)[ \t]*[A-Za-z0-9+/]+)+={0,2}/g;
const LINE_JOIN = /[ \t]*(?:\r?\n|\\r\\n|\\n)[ \t]*/;
/** White space Go's decoder (line ends: the provider's validation) and .NET's (any: Azure's) skip in a whole value. */
const WHITE_SPACE = /\s+/g;
/** A character no base64 (nor white space) holds: a text with one is no whole value, spaced or not. */
const NOT_BASE64 = /[^A-Za-z0-9+/=_\s-]/;
/** Characters a text holds: printable ones, tabs and line ends (decoded bytes with others are binary, not a text). */
const TEXT = /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/;
const ASCII = /[\t\n\r\x20-\x7e]/g;
/** How far the gzips of one value are inflated in all: a bomb is not read (unread), and nothing quadratic runs on it. */
export const MAX_INFLATED = 4 * 1024 * 1024;
/** How many encodings deep a value is followed (base64 of base64 of gzip...). */
const MAX_DEPTH = 4;

/**
 * The pieces of a wrapped run that one value spans: a wrapper cuts every line at one length (a multiple of 4), so the run
 * ends at the first shorter line; a word on the next line (`path:` after a YAML block) is left off when it does not decode.
 */
function wrappedValues(run: string): string[] {
  const pieces = run.split(LINE_JOIN);
  const width = pieces[0].length;
  let count = 1;
  while (count < pieces.length && width % 4 === 0 && pieces[count - 1].length === width) count += 1;
  const whole = pieces.slice(0, count).join('');
  return count > 2 ? [whole, pieces.slice(0, count - 1).join('')] : count === 2 ? [whole] : [];
}

/** What a text decodes to: its texts, and whether a part of it cannot be read. */
export interface Decoded {
  readonly texts: readonly string[];
  readonly unread: boolean;
}

/**
 * The decodings kept, of texts up to MAX_KEPT characters that decode to at most MAX_KEPT characters in all, at most
 * MAX_DECODINGS of them (a few MB at most, whatever the stacks): a process that judges many stacks keeps no more.
 */
const decodings = new Map<string, Decoded>();
const MAX_KEPT = 512;
const MAX_DECODINGS = 2048;

/**
 * What a literal stands for where it is base64 (the whole value, at least 8 characters, white space skipped as the provider
 * and Azure skip it; a run of at least 16 in it, also wrapped over lines): the decoded text (UTF-8, or UTF-16 as PowerShell's
 * -EncodedCommand), the text a gzip in it inflates to (read as Latin-1: a tar holds its files as they are), and so on to
 * MAX_DEPTH; `unread` when gzips run past MAX_INFLATED or one is broken (what it holds cannot be read). Words, IDs and
 * binary are no texts.
 */
export function encodedTexts(value: string): Decoded {
  // Every raw-text scanner of an evaluation (the writers' search, the management surface, the pointers, the NGINX reader)
  // reads the same few texts again: at roles50, 7,368 readings of 385 texts. What a text decodes to depends on the text
  // alone, so each is decoded once and the reading shared (never changed by a reader: its lists are read-only).
  const known = decodings.get(value);
  if (known !== undefined) return known;
  const decoded = decodedFrom(value);
  if (value.length <= MAX_KEPT && decoded.texts.reduce((sum, text) => sum + text.length, 0) <= MAX_KEPT) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: a bound on memory; clearing sooner only decodes again
    if (decodings.size >= MAX_DECODINGS) decodings.clear();
    decodings.set(value, decoded);
  }
  return decoded;
}

function decodedFrom(value: string): Decoded {
  const texts: string[] = [];
  let unread = false;
  let budget = MAX_INFLATED;
  /** The text bytes stand for; a broken gzip marks the value unread unless `tolerant` (a reading that may be cut wrong). */
  const decode = (encoded: string, tolerant = false): string | undefined => {
    const bytes = Buffer.from(encoded, 'base64');
    if (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        const inflated = gunzipSync(bytes, { maxOutputLength: Math.max(budget, 1) });
        budget -= inflated.length;
        return inflated.toString('latin1');
      } catch {
        if (!tolerant) unread = true;
        return undefined;
      }
    }
    const text = bytes.toString('utf8');
    if (TEXT.test(text) && !text.includes('\ufffd')) return text;
    // UTF-16 (little end first), as PowerShell's -EncodedCommand: mostly ASCII, or it is binary read two bytes at a time.
    const wide = bytes.length % 2 === 0 ? bytes.toString('utf16le') : '';
    return wide !== '' && TEXT.test(wide) && (wide.match(ASCII)?.length ?? 0) * 2 >= wide.length ? wide : undefined;
  };
  const found = (decoded: string | undefined, depth: number): boolean => {
    if (decoded === undefined) return false;
    texts.push(decoded);
    visit(decoded, depth + 1);
    return true;
  };
  const visit = (text: string, depth: number): void => {
    if (depth >= MAX_DEPTH || unread) return;
    const trimmed = text.trim();
    if (trimmed.length >= 8 && WHOLE_BASE64.test(trimmed)) {
      found(decode(trimmed), depth);
      return;
    }
    // Spaced or wrapped as a whole: read whole when it decodes to a text, else its runs are read one by one.
    const joined = NOT_BASE64.test(trimmed) ? trimmed : trimmed.replace(WHITE_SPACE, '');
    if (joined !== trimmed && joined.length >= 8 && WHOLE_BASE64.test(joined) && found(decode(joined, true), depth)) return;
    const read: [number, number][] = [];
    // A wrapped run needs a line end (or its JSON escape): most texts have none, and the expression is costly to scan.
    const wrapped = trimmed.includes('\n') || trimmed.includes('\\n') ? trimmed.matchAll(WRAPPED_RUN) : [];
    for (const match of wrapped) {
      if (wrappedValues(match[0]).some((candidate) => found(decode(candidate, true), depth))) read.push([match.index, match.index + match[0].length]);
    }
    // Both are in order of place: one pass skips the runs inside a wrapped run already read.
    let next = 0;
    for (const match of trimmed.matchAll(BASE64_RUN)) {
      while (next < read.length && read[next][1] <= match.index) next += 1;
      if (next >= read.length || match.index < read[next][0]) found(decode(match[0]), depth);
    }
  };
  visit(value, 0);
  return { texts: Object.freeze(texts), unread };
}
