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

/** A name's key: without blanks around it or final dots, in lower case. */
export function nameKey(name: string): string {
  return name.trim().replace(/[.\s]+$/, '').toLowerCase();
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
  return id.split('/').map((segment) => (segment === '..' ? segment : nameKey(segment))).filter((key) => key !== '');
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
