/**
 * A traversal or keyword written as a JSON string (an ignore_changes entry), as Terraform reads it:
 * blanks, line breaks and comments (`#`, `//`, `/* *\/`) between its parts are nothing, a quoted key
 * keeps its text, and a whole "${...}" is the traversal inside it. "value_wo_version # c\n",
 * "/* c *\/all" and "keepers [ \"version\" ]" read as "value_wo_version", "all" and
 * "keepers[\"version\"]" (eleventh review, A11b-6).
 */
export function traversalText(written: string): string {
  const text = withoutBlanks(written);
  const inside = /^\$\{([\s\S]*)\}$/.exec(text)?.[1];
  return inside === undefined ? text : withoutBlanks(inside);
}

function withoutBlanks(written: string): string {
  let text = '';
  for (let at = 0; at < written.length;) {
    const rest = written.slice(at);
    const skipped = /^(?:\s+|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))/.exec(rest)?.[0]
      // A quoted key is copied whole: what reads as a comment or a blank inside it is the key's text.
      ?? /^"(?:[^"\\]|\\[\s\S])*(?:"|$)/.exec(rest)?.[0];
    if (skipped === undefined) {
      text += written[at];
      at += 1;
    } else {
      if (skipped.startsWith('"')) text += skipped;
      at += skipped.length;
    }
  }
  return text;
}
