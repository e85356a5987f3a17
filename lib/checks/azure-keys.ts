// How Azure reads the name or the ID of one of its objects, as one key: two spellings with one key are
// one object to ARM and azurerm, and every comparison of an Azure name or ID goes through here
// (fourteenth review, A14a-4, A14b-7). Names ignore case. ARM refuses a name that ends in "." or a
// blank (InvalidResourceNameTrailingCharacters), so dropping them refuses nothing Azure accepts and
// reads "db." as "db" (fail closed: a spelling the model told apart from the construct's object may
// never be another one). An ID is read as azurerm's parser reads it: go-azure-helpers'
// resourceids.Parser trims one leading "/" and, after the last segment, accepts one trailing "/"
// (more fail to parse: read alike here all the same); each segment is a name. A scope is also sent as a
// URL path: azcore's runtime.JoinPaths (azapi) cleans it with Go's path.Join, which drops "." and empty
// segments and resolves "..", and ARM refuses an empty name or one that ends in ".": so a "." or empty
// inner segment is dropped here, read as the one scope ARM can act on (twenty-third run, A23-3). A ".."
// segment is left as it is: RFC 3986 and path.Join resolve it differently after an empty segment, so
// the evaluator reads an ID with one as unknown (dot-segments.ts) and no key is taken from it.

// ARM compares names ignoring case as .NET's OrdinalIgnoreCase does: each character upper-cased by the invariant culture's simple
// mapping (learn.microsoft.com, StringComparer.OrdinalIgnoreCase: "as if converted to uppercase by using the conventions of the
// invariant culture"), and even that is not one rule (dotnet/runtime#67873: "s" and "\u017f" are equal to ToUpperInvariant, not
// to OrdinalIgnoreCase). JavaScript's toLowerCase folds some letters otherwise: the Kelvin sign to "k", "\u0130" to two code points,
// "\u017f" and "\u0131" upper-case to ASCII letters, the Greek sigmas by context. A text with such a letter has no one key: the
// evaluator reads an ID with one as known only at apply time and an azapi name with one as any name (dot-segments.ts; run 35).

/**
 * Whether a text holds a non-ASCII letter whose JavaScript fold may differ from ARM's: one that lower- or upper-cases to ASCII or
 * to another length, whose lower and upper case do not map back to each other, or a Greek sigma (folded by context).
 */
export function foldsOtherwise(text: string): boolean {
  // Stryker disable next-line Regex: a pre-test only: every character below is non-ASCII
  if (!/[^\u0000-\u007f]/.test(text)) return false;
  return [...text].some((character) => {
    if (character.charCodeAt(0) < 0x80) return false;
    const [lower, upper] = [character.toLowerCase(), character.toUpperCase()];
    if (lower === character && upper === character) return false;
    return SIGMAS.includes(character) || lower.length !== character.length || upper.length !== character.length || /[\u0000-\u007f]/.test(lower + upper)
      || upper.toLowerCase() !== lower || lower.toUpperCase() !== upper;
  });
}
/** The Greek sigmas, whose lower case depends on the letters around them. */
const SIGMAS = ['\u03a3', '\u03c3', '\u03c2'];

/**
 * An ARM type, provider namespace or property name as Azure Resource Manager compares it (in any letter case): the one spelling
 * every reader here compares. ARM's .NET readers (OrdinalIgnoreCase) fold each letter to upper case, JavaScript's toLowerCase to
 * lower case, and they differ outside ASCII: "\u0131" and "\u017f" are "i" and "s" to .NET, not to toLowerCase (L73-1, G74-1).
 * Each letter is folded both ways, so spellings either side takes for one are one here ("Micro\u017foft.Resources/deployments" is
 * "microsoft.resources/deployments"); an ASCII text keeps its lower-case spelling, so a test of it by an /i pattern reads alike.
 */
export function armKey(text: string): string {
  // Stryker disable next-line Regex: a shortcut only: foldedLetter lower-cases an ASCII letter too
  return /^[\u0000-\u007f]*$/.test(text) ? text.toLowerCase() : [...text].map(foldedLetter).join('');
}

function foldedLetter(letter: string): string {
  const lower = letter.toLowerCase();
  const single = lower.length === letter.length ? lower : letter;
  const upper = single.toUpperCase();
  const folded = upper.length === single.length ? upper : single;
  return /^[\u0000-\u007f]*$/.test(folded) ? folded.toLowerCase() : folded;
}

/** The keys made, of names up to MAX_KEPT_NAME characters, at most MAX_NAME_KEYS of them: a process that judges many stacks keeps no more. */
const nameKeys = new Map<string, string>();
const MAX_KEPT_NAME = 256;
const MAX_NAME_KEYS = 4096;

/**
 * A name's key: without blanks around it or final dots, in lower case; a name with a non-ASCII letter upper-cased first, so that
 * two names one fold or the other reads alike have one key ("\u017f" and "s", "\u0131" and "i": one object, never two).
 */
export function nameKey(name: string): string {
  // Every server asks again of the same few names (its group, VNet, zones, and every other server's: 19,000 keys of 285 names at
  // roles50, 107,000 of 1,035 at 200 servers). A key depends on the text alone, so each is made once and kept (nameKeys, bounded).
  const known = nameKeys.get(name);
  if (known !== undefined) return known;
  const trimmed = name.trim().replace(/[.\s]+$/, '');
  const key = /[^\u0000-\u007f]/.test(trimmed) ? trimmed.toUpperCase().toLowerCase() : trimmed.toLowerCase();
  if (name.length <= MAX_KEPT_NAME) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: a bound on memory; clearing sooner only keys again
    if (nameKeys.size >= MAX_NAME_KEYS) nameKeys.clear();
    nameKeys.set(name, key);
  }
  return key;
}

/** Whether two values are the same Azure name: both literal text with one key. */
export function sameName(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && nameKey(a) === nameKey(b);
}

/**
 * An ID's segments, each a name's key ("subscriptions", "<id>", "resourcegroups", ...): a segment whose key is empty ("", ".",
 * a blank) is dropped wherever it stands, a ".." segment stays "..".
 */
export function idSegments(id: string): string[] {
  return idParts(id).map((segment) => (segment === '..' ? segment : nameKey(segment)));
}

/** An ID's segments as written (blanks around each dropped), those whose key is empty dropped: the parse idSegments keys. */
export function idParts(id: string): string[] {
  return id.split('/').map((segment) => segment.trim()).filter((segment) => segment === '..' || nameKey(segment) !== '');
}

/** An ID's key: its segments' keys, without a leading or trailing "/". */
export function idKey(id: string): string {
  return idSegments(id).join('/');
}

/**
 * An ID's scope and ARM type, as ARM reads them: the scope is what comes before its last "providers" segment ("" for the root),
 * the type its namespace and each type segment after it ("microsoft.web/sites/config"), both as keys; undefined when the ID has
 * no "providers" segment followed by a namespace, a type and a name (a resource group or subscription itself).
 */
export function scopeAndType(id: string): { readonly scope: string; readonly type: string } | undefined {
  const segments = idSegments(id);
  const at = segments.lastIndexOf('providers');
  const below = at < 0 ? [] : segments.slice(at + 1);
  if (below.length < 3 || below.length % 2 === 0) return undefined;
  return { scope: segments.slice(0, at).join('/'), type: [below[0], ...below.slice(1).filter((_, index) => index % 2 === 0)].join('/') };
}
