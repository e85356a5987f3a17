import { gunzipSync } from 'zlib';

// Texts a provider argument stands for once decoded (nineteenth review, A19a-5): azurerm takes an NGINXaaS configuration,
// a VM's custom_data, a config map's data as base64 (a package as base64 of a tar.gz), so a TypeScript user's
// `Buffer.from(text).toString('base64')` puts only the encoded form in the JSON. A raw-text scanner reads these too, and
// the base64 runs inside a longer text (a body given as JSON text, a data: URI).

/** A whole value in base64 (standard or URL-safe alphabet, padded or not). */
const WHOLE_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2,3}={0,2})?$|^[A-Za-z0-9_-]+$/;
/** A run of base64 inside a text, long enough to hold an address (standard, or URL-safe, alphabet). */
const BASE64_RUN = /[A-Za-z0-9+/]{16,}={0,2}|[A-Za-z0-9_-]{16,}/g;
/** Characters a text holds: printable ones, tabs and line ends (decoded bytes with others are binary, not a text). */
const TEXT = /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/;
/** How far the gzips of one value are inflated in all: a bomb is not read (unread), and nothing quadratic runs on it. */
export const MAX_INFLATED = 4 * 1024 * 1024;
/** How many encodings deep a value is followed (base64 of base64 of gzip...). */
const MAX_DEPTH = 4;

/**
 * What a literal stands for where it is base64 (the whole value, at least 8 characters, or a run of at least 16 in it): the
 * decoded text, the text a gzip in it inflates to (read as Latin-1: a tar holds its files as they are), and so on to
 * MAX_DEPTH; `unread` when gzips run past MAX_INFLATED or one is broken (what it holds cannot be read). Words, IDs and
 * binary are no texts.
 */
export function encodedTexts(value: string): { readonly texts: readonly string[]; readonly unread: boolean } {
  const texts: string[] = [];
  let unread = false;
  let budget = MAX_INFLATED;
  const decode = (encoded: string): string | undefined => {
    const bytes = Buffer.from(encoded, 'base64');
    if (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        const inflated = gunzipSync(bytes, { maxOutputLength: Math.max(budget, 1) });
        budget -= inflated.length;
        return inflated.toString('latin1');
      } catch {
        unread = true;
        return undefined;
      }
    }
    const text = bytes.toString('utf8');
    return TEXT.test(text) && !text.includes('\ufffd') ? text : undefined;
  };
  const visit = (text: string, depth: number): void => {
    if (depth >= MAX_DEPTH || unread) return;
    const trimmed = text.trim();
    const whole = trimmed.length >= 8 && WHOLE_BASE64.test(trimmed);
    const runs = whole ? [trimmed] : [...trimmed.matchAll(BASE64_RUN)].map(([run]) => run);
    for (const run of runs) {
      const decoded = decode(run);
      if (decoded === undefined) continue;
      texts.push(decoded);
      visit(decoded, depth + 1);
    }
  };
  visit(value, 0);
  return { texts, unread };
}
