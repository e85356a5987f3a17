import { templatePart } from './traversal-text';

/**
 * A template with its literal text in lower case and its interpolations and directives (`${...}`, `%{...}`) as written, each to
 * its own closing brace (strings inside it may hold braces): texts compared through it may differ in the case of what they write
 * literally (an object ID, a keyword), never in that of an expression, since Terraform's names are case-sensitive
 * (`var.APP_ID` is another variable than `var.app_id`, 88th run, A88a-1). A template never closed is kept as written.
 */
export function literalsLowerCased(text: string): string {
  let folded = '';
  for (let i = 0; i < text.length;) {
    const after = templatePart(text, i) ?? text.length;
    const part = text.slice(i, after);
    folded += after === i + 1 ? part.toLowerCase() : part;
    i = after;
  }
  return folded;
}
