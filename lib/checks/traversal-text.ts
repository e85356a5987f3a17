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

/** Where the blanks and comments that start at `at` end (`at` itself when none starts there). */
export function blanksEnd(text: string, at: number): number {
  let position = at;
  for (;;) {
    BLANK.lastIndex = position;
    const blank = BLANK.exec(text)?.[0];
    if (blank === undefined || blank === '') return position;
    position += blank.length;
  }
}

function withoutBlanks(written: string): string {
  let text = '';
  for (let at = 0; at < written.length;) {
    BLANK.lastIndex = at;
    const blank = BLANK.exec(written)?.[0];
    if (blank !== undefined) {
      at += blank.length;
    } else if (written[at] === '"' || written.startsWith('<<', at)) {
      // A quoted key or a heredoc is copied whole, templates and all: what reads as a comment, a blank (its line breaks too) or a
      // bracket inside it is the key's text (thirtieth review, A30b-2).
      const end = written[at] === '"' ? quotedEnd(written, at) : heredocEnd(written, at) ?? written.length;
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
    } else {
      const after = templatePart(text, i);
      if (after === undefined) return text.length;
      i = after;
    }
  }
  return text.length;
}

/** Where a template's part that starts at `i` ends: after an escaped template (`$${`, `%%{`), a template to its closing brace, or a character. */
export function templatePart(text: string, i: number): number | undefined {
  const c = text[i];
  if ((c === '$' || c === '%') && text.startsWith(`${c}${c}{`, i)) return i + 3;
  if ((c === '$' || c === '%') && text[i + 1] === '{') {
    const close = expressionEnd(text, i + 2, '}');
    return close === undefined ? undefined : close + 1;
  }
  return i + 1;
}

/** A heredoc's opening: `<<` or `<<-`, an identifier, a line break (hclsyntax scan_tokens.rl BeginHeredocTmpl). */
const HEREDOC_START = /<<-?([\p{ID_Start}_][\p{ID_Continue}-]*)\r?\n/uy;

/**
 * Where an HCL heredoc that opens at `at` (`<<EOT` or `<<-EOT`, then a line break) ends: after the line break that closes its
 * marker's line, a line that holds the identifier alone, blanks around it allowed, and that starts in the heredoc's text (not
 * inside a template: hclsyntax scan_tokens.rl heredocLiteralEOL, `bytes.TrimSpace`). Its templates (`${...}`, `%{...}`) run to
 * their own closing brace, line breaks and strings inside them included. Undefined when `<<` opens no heredoc or it is never
 * closed: a reader then cannot tell where the expression ends (thirtieth review, A30b-2).
 */
export function heredocEnd(text: string, at: number): number | undefined {
  HEREDOC_START.lastIndex = at;
  const start = HEREDOC_START.exec(text);
  if (start === null) return undefined;
  const marker = start[1];
  let lineStart = true;
  for (let i = at + start[0].length; i < text.length;) {
    if (lineStart) {
      const lineEnd = text.indexOf('\n', i);
      if (lineEnd !== -1 && goTrimmed(text.slice(i, lineEnd)) === marker) return lineEnd + 1;
    }
    if (text[i] === '\n') {
      lineStart = true;
      i += 1;
      continue;
    }
    const after = templatePart(text, i);
    if (after === undefined) return undefined;
    lineStart = false;
    i = after;
  }
  return undefined;
}

/** A line without the white space Go's bytes.TrimSpace drops around it (unicode.IsSpace: JavaScript's \s without U+FEFF, with U+0085). */
function goTrimmed(line: string): string {
  return line.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '');
}

/**
 * Where an HCL expression that starts at `at` meets `closer` (`]` for an instance key, `}` for a template, `)` for a call's
 * arguments) outside every bracket,
 * string and comment of its own: `each.value["k"]`, `local.keys[0]`, `{ a = "]" }.a` are each one key. Undefined when it never does
 * (an unbalanced key): a reader then knows the key is there but not where it ends.
 */
export function expressionEnd(text: string, at: number, closer: ']' | '}' | ')'): number | undefined {
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
    if (text.startsWith('<<', i)) {
      const end = heredocEnd(text, i);
      if (end === undefined) return undefined;
      i = end;
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

/**
 * Where the steps a splat applies to each item end, its operator (`.*` or `[*]`) read up to `at`, as HCL parses them (hashicorp/hcl
 * hclsyntax/parser.go parseExpressionTraversals; spec.md "Splat Operators": `attrSplat = "." "*" GetAttr*`, `fullSplat = "[" "*" "]"
 * (GetAttr | Index)*`). A legacy splat takes attributes and legacy indexes (`.0`) only: an index after them (`x.*.fqdn[0]`) or a splat
 * ends it and applies to the list it makes, `[x.fqdn][0]` (35th run, A35b-2). A full splat takes the rest of the traversal: attributes,
 * legacy indexes, indexes (each to its own closing bracket, expressionEnd) and further splats, so `x[*].fqdn[0]` is `[x.fqdn[0]]`.
 * Undefined when an index is never closed. The one reading of a splat's extent: the expression reader (hcl-expression.ts Parser.splat)
 * and the rewrite of a block's splat (instance-references.ts) both follow it.
 */
export function splatStepsEnd(text: string, at: number, full: boolean): number | undefined {
  let i = at;
  for (;;) {
    SPLAT_STEP.lastIndex = i;
    const step = SPLAT_STEP.exec(text);
    if (step === null) return i;
    const [, attribute, legacyIndex, legacySplat, fullSplat] = step;
    // A legacy index is one number: `.0.1` is the fraction HCL refuses ("Invalid legacy index syntax"), read as no step.
    if (legacyIndex !== undefined && /^\.\d/.test(text.slice(SPLAT_STEP.lastIndex))) return i;
    if (attribute !== undefined || legacyIndex !== undefined) {
      i = SPLAT_STEP.lastIndex;
    } else if (!full) {
      // A legacy splat ends at an index or a splat (HCL refuses a splat inside it: "Nested splat expression not allowed").
      return i;
    } else if (legacySplat !== undefined || fullSplat !== undefined) {
      i = SPLAT_STEP.lastIndex;
    } else {
      const close = expressionEnd(text, i + 1, ']');
      if (close === undefined) return undefined;
      i = close + 1;
    }
  }
}

/** A step after a splat: an attribute, a legacy index (`.0`), a legacy splat, a full splat (spaces inside it) or an index's bracket. */
const SPLAT_STEP = /\.(?:([\p{ID_Start}_][\p{ID_Continue}-]*)|(\d+)|(\*)(?![\p{ID_Continue}]))|(\[[ \t\n]*\*[ \t\n]*\])|\[/uy;

/** Two characters that mark where literal text was hidden: characters no text of the stack holds (unusedMarks). */
export interface Marks {
  readonly open: string;
  readonly close: string;
}

/** Private-use characters, which no name or ID needs: where the marks are taken from. */
const PRIVATE_USE = /[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]/gu;
/** The same, tested once per text: most texts hold none, and matchAll's iterator costs (roles50: 30-60 ms over every text). */
const HOLDS_PRIVATE_USE = /[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]/u;
const PRIVATE_USE_RANGES: readonly (readonly [number, number])[] = [[0xe000, 0xf8ff], [0xf0000, 0xffffd], [0x100000, 0x10fffd]];

/**
 * Two private-use characters that no string of the stack holds, so that marks of hidden text cannot be spelled by the stack
 * itself (75th run, A75b-1: a literal that spelled a mark was put back as another text) nor come into a string by a rewrite.
 */
export function unusedMarks(strings: (visit: (text: string) => void) => void): Marks {
  const used = new Set<number>();
  strings((text) => {
    if (!HOLDS_PRIVATE_USE.test(text)) return;
    for (const found of text.matchAll(PRIVATE_USE)) used.add(found[0].codePointAt(0)!);
  });
  const free: string[] = [];
  for (const [first, last] of PRIVATE_USE_RANGES) {
    for (let code = first; code <= last && free.length < 2; code++) if (!used.has(code)) free.push(String.fromCodePoint(code));
  }
  // Every private-use character in one stack: not a stack anyone writes; refused rather than read with marks it may spell.
  if (free.length < 2) throw new Error('the stack holds every private-use character of Unicode, so its literal text cannot be told from references');
  return { open: free[0], close: free[1] };
}

/**
 * A rewrite of references that leaves literal text as written (74th run, A74b-1): the text of a template outside its interpolations,
 * and inside them the text of quoted strings and heredocs outside their own templates. `"data.x.y.id" == "..."` compares two
 * texts, which a rewrite of `data.x.y.id` there would make equal. Only literal stretches a reference could be read in (a name,
 * a dot, a name) are hidden from the rewrite, behind marks no string of the stack holds (unusedMarks), and put back after it: an
 * instance's key (`["a"]`) is left in view for the readings that take it.
 */
export function outsideLiterals(rewrite: (text: string) => string, marks: Marks): (text: string) => string {
  const put = new RegExp(`${marks.open}(\\d+)${marks.close}`, 'gu');
  let hiding = hidings.get(marks);
  if (hiding === undefined) hidings.set(marks, (hiding = new Map()));
  const split = hiding;
  return (text) => {
    if (!text.includes('${') && !text.includes('%{')) return rewrite(text);
    let found = split.get(text);
    if (found === undefined) split.set(text, (found = hidden(text, marks)));
    if (found.hidden.length === 0) return rewrite(text);
    const kept = found.hidden;
    return rewrite(found.marked).replace(put, (whole: string, at: string) => kept[Number(at)] ?? whole);
  };
}

/**
 * Each text's literal stretches hidden behind the marks, by the marks: every rewrite of one aliasing (aliasing's passes) reads the
 * same texts with the same marks, so each is scanned once (roles50: 20-40 ms of scans repeated per pass).
 */
const hidings = new WeakMap<Marks, Map<string, { readonly marked: string; readonly hidden: readonly string[] }>>();

/** A text with the literal stretches a reference could be read in replaced by marks, and those stretches in order (outsideLiterals). */
function hidden(text: string, marks: Marks): { readonly marked: string; readonly hidden: readonly string[] } {
  const stretches: string[] = [];
  let marked = '';
  let from = 0;
  for (const [start, end] of literalStretches(text)) {
    const stretch = text.slice(start, end);
    if (!DOTTED_NAME.test(stretch)) continue;
    marked += `${text.slice(from, start)}${marks.open}${stretches.push(stretch) - 1}${marks.close}`;
    from = end;
  }
  return { marked: marked + text.slice(from), hidden: stretches };
}

/** A name, a dot and a name: what a reference to a block's attribute is spelled with. */
const DOTTED_NAME = /[A-Za-z0-9_-]\s*\.\s*[A-Za-z_]/;

/** The literal stretches of a template, [start, end) each, in order (outsideLiterals). */
function literalStretches(text: string): [number, number][] {
  const found: [number, number][] = [];
  templateText(text, 0, text.length, false, found);
  return found;
}

/** The literal stretches of the template text from `at` to `end` (in a quoted string, an escape `\"` is text too). */
function templateText(text: string, at: number, end: number, quoted: boolean, found: [number, number][]): void {
  let start = at;
  for (let i = at; i < end;) {
    const c = text[i];
    if ((c === '$' || c === '%') && text.startsWith(`${c}${c}{`, i)) {
      i += 3;
    } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      if (i > start) found.push([start, i]);
      const close = expressionEnd(text, i + 2, '}');
      // Never closed: HCL refuses it; what follows is read as code, so no rewrite is kept from it.
      if (close === undefined || close >= end) return;
      expressionText(text, i + 2, close, found);
      i = close + 1;
      start = i;
    } else {
      i += quoted && c === '\\' ? 2 : 1;
    }
  }
  if (end > start) found.push([start, Math.min(end, text.length)]);
}

/** The literal stretches of the strings and heredocs in the expression from `at` to `end`. */
function expressionText(text: string, at: number, end: number, found: [number, number][]): void {
  for (let i = at; i < end;) {
    if (text[i] === '"') {
      const after = Math.min(quotedEnd(text, i), end);
      templateText(text, i + 1, text[after - 1] === '"' ? after - 1 : after, true, found);
      i = after;
      continue;
    }
    const heredoc = text.startsWith('<<', i) ? heredocEnd(text, i) : undefined;
    if (heredoc !== undefined && heredoc <= end) {
      const body = text.indexOf('\n', i) + 1;
      const marker = text.lastIndexOf('\n', heredoc - 2) + 1;
      templateText(text, body, Math.max(body, marker), false, found);
      i = heredoc;
      continue;
    }
    i += 1;
  }
}
