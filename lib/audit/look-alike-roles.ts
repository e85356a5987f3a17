// A live role whose name reads as that of a role the stack declares: a Cyrillic о for an o, a thin
// space for an underscore, a zero-width space after it. Printed as they are, the findings about it
// read as drift of the declared role (93rd run, A93a-4).

/** What a reader cannot see (zero-width and other format characters, the fillers): dropped before names are compared. */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const PRINTABLE_ASCII = /^[\x20-\x7e]$/;

/** The characters of a name as a reader sees them: accents composed (NFC), invisible characters dropped. */
function seen(name: string): string[] {
  return [...name.normalize('NFC').replace(INVISIBLE, '')];
}

/**
 * The declared name another name reads as, or undefined: once invisible characters are dropped, as long as it, and each of its
 * characters the same or, in the other name, one outside printable ASCII, which may look like any letter or space.
 */
export function declaredLookAlike(name: string, declared: Iterable<string>): string | undefined {
  const characters = seen(name);
  for (const candidate of declared) {
    const expected = seen(candidate);
    if (candidate !== name && expected.length === characters.length && characters.every((c, at) => c === expected[at] || !PRINTABLE_ASCII.test(c))) return candidate;
  }
  return undefined;
}
