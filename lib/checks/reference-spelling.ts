/**
 * References in one spelling, as the rules read them. HCL reads `a.b["c"]`, `a . b . c` and
 * `a.b.c` alike (comments are blanks too), `a.0` and `a["0"]` as `a[0]`, `${ a.b }` as `${a.b}`, and
 * `lookup(a.b, "c")` (no default) returns `a.b.c`; the rules find a
 * reference by its text (`<resource>.<attribute>`, cdktf's `...outputs.<output>`), so every
 * traversal inside a template's interpolations and directives is rewritten to the dotted form
 * cdktf writes before any rule reads the JSON (seventh review, A7-9, A7-10). The step right after a
 * block's name (`x.y[...]`, `data.x.y[...]`, `module.m[...]`) is an instance key of a block with count or
 * for_each, never an attribute (Terraform refuses an index on a block without them, an attribute on one
 * with them): it stays an index, and `lookup(x.y, "k")`, an attribute or an instance as the block has
 * count or not, stays as written, to be read as the whole block (fourteenth review, A14b-3). A string literal
 * or heredoc inside an expression is a template of its own: its text stays, its interpolations are
 * rewritten. Text that cannot be scanned (unbalanced brackets, an unclosed string or heredoc) stays
 * as written. Pure: the JSON given is not changed, and a value with nothing to rewrite is returned as it is.
 *
 * The same walk reads cdktf's object (synth) as Terraform reads the file cdktf writes from it: an
 * unpaired surrogate, which JSON.stringify writes as an escape, is U+FFFD (Go's decoder), in keys
 * too, and a number that is not finite is null (twelfth review, A12b-7).
 */
import { hasOwn, setOwn } from '../private/own-keys';
import { namesBlockParts } from './block-comments';
import { decodedAsGo } from './terraform-json';

/**
 * A JSON value (or plain data) with every template's references in the dotted spelling. Keys are kept but for lone surrogates, and
 * for the keys of an object inside an argument's value, which Terraform evaluates as templates: respelt as any template (89th run,
 * A89a-2: `{"${resource.random_password.p.result}" = "x"}`). The names of sections, labels, arguments are no templates.
 */
export function canonicalReferences(value: unknown): unknown {
  return respelt(value, []);
}

/** canonicalReferences of a value found at `path` (the keys of the objects it is in, from the JSON's root; lists not counted). */
function respelt(value: unknown, path: string[]): unknown {
  if (typeof value === 'string') return canonicalTemplate(decodedAsGo(value));
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === null || typeof value !== 'object') return value;
  // Copied only from the first item that changes: most of a stack has nothing to rewrite.
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const canonical = respelt(item, path);
      if (canonical !== item) (copy ??= [...value])[index] = canonical;
    });
    return copy ?? value;
  }
  let copy: { [key: string]: unknown } | undefined;
  const keyOf = namesBlockParts(path) ? decodedAsGo : (key: string) => canonicalTemplate(decodedAsGo(key));
  // Keys are told in the same walk: most objects have no key to respell, and need no second list of their keys.
  let respeltKeys = false;
  for (const key of Object.keys(value)) {
    const item = (value as { [key: string]: unknown })[key];
    path.push(key);
    const canonical = ORDERING_LISTS.has(key) && Array.isArray(item) ? canonicalReferenceList(item, path) : respelt(item, path);
    path.pop();
    if (canonical !== item) setOwn(copy ??= { ...value }, key, canonical);
    respeltKeys ||= keyOf(key) !== key;
  }
  if (!respeltKeys) return copy ?? value;
  const keys = Object.keys(value).filter((key) => keyOf(key) !== key);
  return respeltKeysOf(copy ?? { ...value }, keys, keyOf);
}

/** Lists whose entries JSON writes as bare references (`"depends_on": ["x.y"]`), not as templates. */
const ORDERING_LISTS: ReadonlySet<string> = new Set(['depends_on', 'replace_triggered_by']);

/** A list of bare references, each in the spelling its template would have (`resource.x.y` is `x.y`); other items as canonicalReferences reads them. */
function canonicalReferenceList(list: readonly unknown[], path: string[]): unknown[] {
  const canonical = list.map((item) => {
    if (typeof item !== 'string' || /[$%]\{/.test(item)) return respelt(item, path);
    const template = canonicalTemplate(`\${${decodedAsGo(item)}}`);
    return template.slice(2, -1);
  });
  return canonical.every((item, index) => item === list[index]) ? list as unknown[] : canonical;
}

/** An object with the given keys respelt (keyOf); keys that meet merge as HCL merges repeated properties. */
function respeltKeysOf(object: { [key: string]: unknown }, keys: readonly string[], keyOf: (key: string) => string): { [key: string]: unknown } {
  for (const key of keys) {
    const item = object[key];
    delete object[key];
    const spelt = keyOf(key);
    setOwn(object, spelt, hasOwn(object, spelt) ? [...asList(object[spelt]), ...asList(item)] : item);
  }
  return object;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** A template (a JSON string) with its references in the dotted spelling. */
export function canonicalTemplate(text: string): string {
  // Only an interpolation or directive holds references, and only blanks, brackets, a number after a dot or a lookup respell one.
  if (!/[$%]\{/.test(text) || !RESPELLABLE.test(text)) return text;
  try {
    return new Spelling(text).template('text');
  } catch (error) {
    if (error instanceof Unscannable) return text;
    throw error;
  }
}

/** What may respell a reference: blanks, an index other than a plain number, a number after a dot, a lookup, a comment, a `resource.` prefix. */
const RESPELLABLE = /\s|\[(?!\d+\])|\.\d|lookup|\/\*|#|(?<![\w-])resource\b/;

/** True when a traversal (in the dotted spelling) names a whole block: a resource, data source, ephemeral resource or module, no step after. */
function isWholeBlock(traversal: string): boolean {
  const parts = traversal.split('.');
  const names = blockNames(parts[0]);
  return names !== undefined && !traversal.includes('[') && parts.length === names + 1;
}

/** Thrown for text the scanner does not follow: the whole string stays as written. */
class Unscannable extends Error {}

/** Words that start no traversal: the values and keywords of HCL's expressions and directives. */
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'else', 'endif', 'endfor']);

/** Roots of a traversal that names no block: what follows them is an attribute or a key of a value. */
const VALUE_ROOTS = new Set(['var', 'local', 'each', 'count', 'path', 'terraform', 'self']);

/**
 * How many names after its root a traversal takes to name a block, so that the next step is an
 * instance key: a resource's name, a data source's or ephemeral resource's type and name, a module's name.
 */
function blockNames(root: string): number | undefined {
  if (VALUE_ROOTS.has(root)) return undefined;
  return root === 'data' || root === 'ephemeral' ? 2 : 1;
}

// Sticky patterns, matched where the scanner is.
const NAME = /[a-zA-Z_][\w-]*/y;
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** A name followed by an opening parenthesis is a function's. */
const CALL = /\s*\(/y;
/** What may follow a dot: an attribute, a legacy index (`.0`), a splat. */
const STEP = /[a-zA-Z_][\w-]*|\d+|\*/y;
/** An index of a literal name, a literal number (also quoted) or a splat, and its closing bracket. */
const LITERAL_INDEX = /\s*(?:"([a-zA-Z_][\w-]*)"|"(\d+)"|(\d+)|(\*))\s*\]/y;

/** The line that opens a heredoc, and its delimiter. */
const HEREDOC = /<<-?([a-zA-Z_][\w-]*)\r?\n/y;
/** The rest of a two-argument lookup after its first argument: a literal name and the closing parenthesis. */
const LOOKUP_KEY = /\s*,\s*"([a-zA-Z_][\w-]*)"\s*\)/y;
/** A comment inside an expression. */
const COMMENT = /#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\//y;
/** Blanks, or one comment. */
const BLANK = /\s+|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/|/y;

const CLOSING: { readonly [open: string]: string } = { '(': ')', '[': ']', '{': '}' };

/** A scanner over one template that copies it, rewriting each traversal it meets. */
class Spelling {
  private pos = 0;

  constructor(private readonly src: string) {}

  /**
   * Template text up to its end, not consumed: the end of the text, the closing quote of a string
   * literal (backslash escapes apply there), or the line that closes a heredoc.
   */
  public template(end: 'text' | 'quote' | RegExp): string {
    let out = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (end === 'quote' && c === '"') return out;
      if (end instanceof RegExp && (this.pos === 0 || this.src[this.pos - 1] === '\n') && this.match(end) !== null) return out;
      if (this.src.startsWith('$${', this.pos) || this.src.startsWith('%%{', this.pos)) {
        out += this.take(3);
      } else if (this.src.startsWith('${', this.pos)) {
        out += this.take(2) + this.interpolation();
      } else if (this.src.startsWith('%{', this.pos)) {
        out += this.take(2) + this.expression('}') + this.take(1);
      } else if (end === 'quote' && c === '\\') {
        out += this.take(2);
      } else {
        out += this.take(1);
      }
    }
    if (end !== 'text') throw new Unscannable();
    return out;
  }

  /** A heredoc (`<<EOT` or `<<-EOT`, its lines, the closing line): a template of its own. */
  private heredoc(): string {
    const opening = this.match(HEREDOC);
    if (opening === null) throw new Unscannable();
    this.pos += opening[0].length;
    const closing = new RegExp(`[ \\t]*${opening[1]}(?=\\r?\\n|$)`, 'y');
    const lines = this.template(closing);
    return `${opening[0]}${lines}${this.token(closing)}`;
  }

  /** An interpolation's expression and closing brace, without blanks at its ends (strip markers kept). */
  private interpolation(): string {
    const stripBefore = this.src[this.pos] === '~' ? this.take(1) : '';
    this.space();
    const expression = this.expression('}');
    // A heredoc's closing line must end with a line break: an expression with one keeps its end.
    let body = expression.includes('<<') ? expression : expression.trimEnd();
    const stripAfter = body.endsWith('~') ? '~' : '';
    if (stripAfter !== '') body = body.slice(0, -1).trimEnd();
    return `${stripBefore}${body}${stripAfter}${this.take(1)}`;
  }

  /** An expression up to the bracket `end` that closes it (not consumed). */
  private expression(end: string): string {
    let out = '';
    const open: string[] = [];
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (open.length === 0 && c === end) return out;
      const comment = this.match(COMMENT);
      if (comment !== null) {
        out += this.take(comment[0].length);
      } else if (c === '"') {
        out += this.take(1) + this.template('quote') + this.take(1);
      } else if (this.src.startsWith('<<', this.pos)) {
        out += this.heredoc();
      } else if (c in CLOSING) {
        open.push(CLOSING[c]);
        out += this.take(1);
      } else if (c === ')' || c === ']' || c === '}') {
        if (open.pop() !== c) throw new Unscannable();
        out += this.take(1);
      } else if (/\d/.test(c)) {
        out += this.token(NUMBER);
      } else if (/[a-zA-Z_]/.test(c)) {
        out += this.traversal();
      } else {
        out += this.take(1);
      }
    }
    throw new Unscannable();
  }

  /**
   * A name and the steps after it: `a . b ["c"] . 0` is written `a.b.c[0]`, `lookup(a.b, "c")` `a.b.c`;
   * any other function's or keyword's name stays as it is.
   */
  private traversal(): string {
    const written = this.token(NAME);
    if (KEYWORDS.has(written)) return written;
    const root = written === 'resource' ? this.managedResourceType() ?? written : written;
    let out = root;
    // Names still to read before the block is named (an index there is an instance key); -1 once past it.
    let names = blockNames(root) ?? -1;
    // Inside a legacy splat's steps (`.*`), where `.0` indexes each item and `[0]` the list the splat makes (traversal-text.ts splatStepsEnd).
    let legacySplat = false;
    if (this.match(CALL) !== null) {
      const looked = root === 'lookup' ? this.literalLookup() : undefined;
      if (looked === undefined) return root;
      out = looked;
      names = -1;
    }
    for (;;) {
      const before = this.pos;
      this.space();
      const c = this.src[this.pos];
      if (c === '.') {
        this.pos++;
        this.space();
        const step = this.match(STEP)?.[0];
        if (step !== undefined) {
          this.pos += step.length;
          // A legacy index inside a legacy splat stays one: as `[0]` it would index the list (35th run, A35b-2).
          out += /^\d/.test(step) && !legacySplat ? `[${step}]` : `.${step}`;
          legacySplat ||= step === '*';
          names = names > 0 && !/^\d/.test(step) && step !== '*' ? names - 1 : -1;
          continue;
        }
      } else if (c === '[') {
        // An index after a legacy splat's steps indexes its list: a literal name there stays an index, not a step of each item.
        out += this.index(names === 0 || legacySplat);
        names = -1;
        legacySplat = false;
        continue;
      }
      this.pos = before;
      return out;
    }
  }

  /**
   * After a leading `resource`, the type of the managed resource it prefixes (`resource.<type>.<name>`), consumed:
   * Terraform reads `resource.x.y` as `x.y` in any expression (addrs.ParseRef, the prefix for a type that is also a
   * keyword), so the rules read one reference, not two (88th run, A88a-4). A `for` iterator named `resource` would be
   * read so too: a reference to a block that may not exist, which the rules read as any value, never as none.
   */
  private managedResourceType(): string | undefined {
    const start = this.pos;
    this.space();
    if (this.src[this.pos] === '.') {
      this.pos++;
      this.space();
      const type = this.match(NAME)?.[0];
      if (type !== undefined) {
        this.pos += type.length;
        const afterType = this.pos;
        this.space();
        if (this.src[this.pos] === '.') {
          this.pos = afterType;
          return type;
        }
      }
    }
    this.pos = start;
    return undefined;
  }

  /**
   * `lookup(<traversal>, "<name>")`, two arguments: Terraform returns `<traversal>.<name>` (or fails, the key missing).
   * With a default, or any other argument, it is left to the caller as written.
   */
  private literalLookup(): string | undefined {
    const start = this.pos;
    this.pos += this.match(CALL)![0].length;
    this.space();
    const object = this.match(NAME) === null ? undefined : this.traversal();
    const key = object === undefined || KEYWORDS.has(object) || isWholeBlock(object) ? null : this.match(LOOKUP_KEY);
    if (key === null) {
      this.pos = start;
      return undefined;
    }
    this.pos += key[0].length;
    return `${object}.${key[1]}`;
  }

  /**
   * An index step: a literal name is an attribute (`.c`), or after a block's name an instance key
   * (`["c"]`); a literal number `[0]`; any other index keeps its form.
   */
  private index(instance: boolean): string {
    this.pos++;
    const literal = this.match(LITERAL_INDEX);
    if (literal !== null) {
      this.pos += literal[0].length;
      const [, name, quotedNumber, number, splat] = literal;
      if (name !== undefined) return instance ? `["${name}"]` : `.${name}`;
      return `[${quotedNumber ?? number ?? splat}]`;
    }
    const key = this.expression(']').trim();
    return `[${key}${this.take(1)}`;
  }

  /** Blanks and comments, which HCL reads as blanks. */
  private space(): void {
    for (let blank = this.match(BLANK); blank !== null && blank[0] !== ''; blank = this.match(BLANK)) this.pos += blank[0].length;
  }

  /** What a sticky pattern matches here, not consumed. */
  private match(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.src);
  }

  /** The text a sticky pattern matches here (one that always matches), consumed. */
  private token(pattern: RegExp): string {
    const found = this.match(pattern)![0];
    this.pos += found.length;
    return found;
  }

  /** The next `count` characters, consumed. */
  private take(count: number): string {
    const text = this.src.slice(this.pos, this.pos + count);
    this.pos += count;
    return text;
  }
}
