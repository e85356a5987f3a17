import { gunzipSync } from 'zlib';

// Texts a provider argument stands for once decoded (nineteenth review, A19a-5): azurerm takes an NGINXaaS configuration,
// a VM's custom_data, a config map's data as base64 (a package as base64 of a tar.gz), so a TypeScript user's
// `Buffer.from(text).toString('base64')` puts only the encoded form in the JSON. A raw-text scanner reads these too.

/** A whole value in base64 (standard or URL-safe alphabet, padded or not). */
const WHOLE_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2,3}={0,2})?$|^[A-Za-z0-9_-]+$/;
/** Characters a text holds: printable ones, tabs and line ends (decoded bytes with others are binary, not a text). */
const TEXT = /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/;
/** How far a gzip is inflated: a bomb is not read (unread), and nothing quadratic runs on it. */
export const MAX_INFLATED = 4 * 1024 * 1024;
/** How many encodings deep a value is followed (base64 of base64 of gzip...). */
const MAX_DEPTH = 4;

/**
 * What a literal stands for when it is wholly base64 (at least 8 characters): the decoded text, the text a gzip in it
 * inflates to (read as Latin-1: a tar holds its files as they are), and so on to MAX_DEPTH; `unread` when a gzip runs past
 * MAX_INFLATED or is broken (what it holds cannot be read). Words, IDs and binary are no texts.
 */
export function encodedTexts(value: string): { readonly texts: readonly string[]; readonly unread: boolean } {
  const texts: string[] = [];
  let unread = false;
  let current = value.trim();
  for (let depth = 0; depth < MAX_DEPTH && current.length >= 8 && WHOLE_BASE64.test(current); depth++) {
    const bytes = Buffer.from(current, 'base64');
    let text: string;
    if (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        text = gunzipSync(bytes, { maxOutputLength: MAX_INFLATED }).toString('latin1');
      } catch {
        unread = true;
        break;
      }
    } else {
      text = bytes.toString('utf8');
      if (!TEXT.test(text) || text.includes('\ufffd')) break;
    }
    texts.push(text);
    current = text.trim();
  }
  return { texts, unread };
}
