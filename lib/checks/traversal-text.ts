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

/** Blanks and comments, and a quoted key, matched where the reading is (sticky: the text after it is not copied for each character). */
const BLANK = /(?:\s+|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))/y;
const QUOTED = /"(?:[^"\\]|\\[\s\S])*(?:"|$)/y;

function withoutBlanks(written: string): string {
  let text = '';
  for (let at = 0; at < written.length;) {
    BLANK.lastIndex = at;
    QUOTED.lastIndex = at;
    const skipped = BLANK.exec(written)?.[0]
      // A quoted key is copied whole: what reads as a comment or a blank inside it is the key's text.
      ?? QUOTED.exec(written)?.[0];
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
