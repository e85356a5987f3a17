// A live role whose name reads as that of a role the stack declares: a Cyrillic о for an o, a thin
// space for an underscore, a zero-width space after it; or printable ASCII that reads alike in many fonts, an I or a 1 for an l,
// a 0 for an o, "rn" for an m, a space at either end. Printed as they are, the findings about it read as drift of the declared
// role (93rd run, A93a-4; 96th run, A96c-5).

/** What a reader cannot see (zero-width and other format characters, the fillers): dropped before names are compared. */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const PRINTABLE_ASCII = /^[\x20-\x7e]$/;
/** Printable ASCII that reads as other printable ASCII: each folded to one spelling. */
const ASCII_ALIKE: readonly (readonly [RegExp, string])[] = [[/[Il1|]/g, 'l'], [/0/g, 'o'], [/rn/g, 'm'], [/vv/g, 'w'], [/^ +| +$/g, '']];

/** The characters of a name as a reader sees them: accents composed (NFC), invisible characters dropped, ASCII look-alikes folded. */
function seen(name: string): string[] {
  return [...ASCII_ALIKE.reduce((text, [alike, as]) => text.replace(alike, as), name.normalize('NFC').replace(INVISIBLE, ''))];
}

/**
 * The declared name another name reads as, or undefined: once invisible characters are dropped and ASCII look-alikes folded, as long as it, and each of its
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
