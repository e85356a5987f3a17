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

/**
 * An instance key as a regular expression's source, for the readers that match a reference by pattern: `[?]`, `[0]` or a quoted
 * key, which the expression reader writes as JSON text (hcl-expression.ts), so a `]` or an escaped quote inside the quotes is the
 * key's (`["a]b"]`, twenty-ninth review, A29b-1). A key holding brackets of its own is an expression the expression reader writes
 * as `[?]`; text an address is read from goes through expressionEnd instead.
 */
export const INSTANCE_KEY = String.raw`\[(?:"(?:[^"\\]|\\[\s\S])*"|[^\]"])*\]`;

/** Blanks and comments, matched where the reading is (sticky: the text after it is not copied for each character). */
const BLANK = /(?:\s+|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))/y;

function withoutBlanks(written: string): string {
  let text = '';
  for (let at = 0; at < written.length;) {
    BLANK.lastIndex = at;
    const blank = BLANK.exec(written)?.[0];
    if (blank !== undefined) {
      at += blank.length;
    } else if (written[at] === '"') {
      // A quoted key is copied whole, templates and all: what reads as a comment, a blank or a bracket inside it is the key's text.
      const end = quotedEnd(written, at);
      text += written.slice(at, end);
      at = end;
    } else {
      text += written[at];
      at += 1;
    }
  }
  return text;
}

/**
 * Where an HCL quoted string that opens at `at` (a `"`) ends: after its closing quote. An escape (`\"`) is text, and so is an
 * escaped template (`$${`, `%%{`); a template (`${...}`, `%{...}`) is an expression that runs to its own closing brace, strings
 * inside it included, so `"${"]"}"` is one string. The text's length when the string or a template in it is never closed.
 */
export function quotedEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length;) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
    } else if (c === '"') {
      return i + 1;
    } else if ((c === '$' || c === '%') && text.startsWith(`${c}${c}{`, i)) {
      i += 3;
    } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      const close = expressionEnd(text, i + 2, '}');
      if (close === undefined) return text.length;
      i = close + 1;
    } else {
      i += 1;
    }
  }
  return text.length;
}

/**
 * Where an HCL expression that starts at `at` meets `closer` (`]` for an instance key, `}` for a template) outside every bracket,
 * string and comment of its own: `each.value["k"]`, `local.keys[0]`, `{ a = "]" }.a` are each one key. Undefined when it never does
 * (an unbalanced key): a reader then knows the key is there but not where it ends.
 */
export function expressionEnd(text: string, at: number, closer: ']' | '}'): number | undefined {
  const open: string[] = [];
  for (let i = at; i < text.length;) {
    BLANK.lastIndex = i;
    const blank = BLANK.exec(text)?.[0];
    if (blank !== undefined) {
      i += blank.length;
      continue;
    }
    const c = text[i];
    if (c === '"') {
      i = quotedEnd(text, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') open.push(c === '(' ? ')' : c === '[' ? ']' : '}');
    else if (c === ')' || c === ']' || c === '}') {
      if (open.length === 0) return c === closer ? i : undefined;
      if (open.pop() !== c) return undefined;
    }
    i += 1;
  }
  return undefined;
}
