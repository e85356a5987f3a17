/**
 * Passwords written into a database's catalog, where every role may read them: a connection string
 * with its password in a routine's source (pg_proc.prosrc), a view's query or a column's default
 * (adversarial run of stop 68, u02: an administrator's dblink call signed every caller in as the
 * administrator, and anyone could read the password from pg_proc). Only where the text is, never
 * the text, reaches the report.
 */

/** Where a stored text holds a password, as the report names it. */
export interface StoredPassword {
  readonly kind: 'function' | 'procedure' | 'view' | 'materialized view' | 'column default' | 'constraint' | 'domain default' | 'rule' | 'policy'
    | 'trigger' | 'comment';
  /** The object, e.g. "public.peek()", "public.v_remote", "public.t.c", "constraint c on table public.t". */
  readonly object: string;
}

/**
 * The texts of the current database that may hold a connection string with a password, read by holdsConnectionPassword: the
 * definitions (as PostgreSQL prints them: a SQL-standard body and argument defaults included) of the routines, views, defaults,
 * constraints, rules, policies and triggers of its user schemas, and the comments on its and the server's objects (not on
 * PostgreSQL's own). A loose filter first; "raw" texts (comments) are prose, not SQL. A C or internal routine's source is a symbol.
 */
export const STORED_TEXTS_SQL = `
WITH user_schemas AS (
  SELECT n.oid, n.nspname FROM pg_catalog.pg_namespace n
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND NOT pg_catalog.starts_with(n.nspname, 'pg_')
), texts AS (
  SELECT CASE f.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END AS kind,
         s.nspname || '.' || f.proname || '(' || pg_catalog.pg_get_function_identity_arguments(f.oid) || ')' AS object,
         CASE WHEN f.prokind IN ('f', 'p') THEN pg_catalog.pg_get_functiondef(f.oid) ELSE f.prosrc END AS text, false AS raw
  FROM pg_catalog.pg_proc f JOIN user_schemas s ON s.oid = f.pronamespace JOIN pg_catalog.pg_language l ON l.oid = f.prolang
  WHERE l.lanname NOT IN ('c', 'internal')
  UNION ALL
  SELECT CASE c.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END, s.nspname || '.' || c.relname, pg_catalog.pg_get_viewdef(c.oid), false
  FROM pg_catalog.pg_class c JOIN user_schemas s ON s.oid = c.relnamespace
  WHERE c.relkind IN ('v', 'm')
  UNION ALL
  SELECT 'column default', s.nspname || '.' || c.relname || '.' || a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid), false
  FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_class c ON c.oid = d.adrelid JOIN user_schemas s ON s.oid = c.relnamespace
       JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
  UNION ALL
  SELECT 'constraint', pg_catalog.pg_describe_object('pg_catalog.pg_constraint'::pg_catalog.regclass, k.oid, 0), pg_catalog.pg_get_constraintdef(k.oid), false
  FROM pg_catalog.pg_constraint k JOIN user_schemas s ON s.oid = k.connamespace
  WHERE k.contype = 'c'
  UNION ALL
  SELECT 'domain default', s.nspname || '.' || t.typname, t.typdefault, false
  FROM pg_catalog.pg_type t JOIN user_schemas s ON s.oid = t.typnamespace
  WHERE t.typtype = 'd' AND t.typdefault IS NOT NULL
  UNION ALL
  SELECT 'rule', pg_catalog.pg_describe_object('pg_catalog.pg_rewrite'::pg_catalog.regclass, r.oid, 0), pg_catalog.pg_get_ruledef(r.oid), false
  FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class JOIN user_schemas s ON s.oid = c.relnamespace
  WHERE r.rulename <> '_RETURN'
  UNION ALL
  SELECT 'policy', pg_catalog.pg_describe_object('pg_catalog.pg_policy'::pg_catalog.regclass, p.oid, 0),
         COALESCE(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '') || ' ' || COALESCE(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), ''), false
  FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid JOIN user_schemas s ON s.oid = c.relnamespace
  UNION ALL
  SELECT 'trigger', pg_catalog.pg_describe_object('pg_catalog.pg_trigger'::pg_catalog.regclass, t.oid, 0), pg_catalog.pg_get_triggerdef(t.oid), false
  FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN user_schemas s ON s.oid = c.relnamespace
  WHERE NOT t.tgisinternal
  UNION ALL
  -- Comments on objects users made (an OID from FirstNormalObjectId on): PostgreSQL's own describe its functions.
  SELECT 'comment', COALESCE(pg_catalog.pg_describe_object(d.classoid, d.objoid, d.objsubid), d.objoid::text), d.description, true
  FROM pg_catalog.pg_description d WHERE d.objoid >= 16384
  UNION ALL
  SELECT 'comment', COALESCE(pg_catalog.pg_describe_object(d.classoid, d.objoid, 0), d.objoid::text), d.description, true
  FROM pg_catalog.pg_shdescription d WHERE d.objoid >= 16384
)
SELECT kind, object, text, raw FROM texts WHERE text ~* '(pass|postgres|\\\\)'
ORDER BY 2, 1`;

/** A libpq keyword that, beside "password=", makes a text a connection string. */
const CONNECTION_KEYWORD = /(?:^|[\s'])(?:host|hostaddr|dbname|user|port|service|sslmode|sslrootcert|connect_timeout|application_name|options)\s*=/i;
/**
 * "password=" followed by a value written out: not empty, not filled in at run time (format's %s, $1, ${VAR}) and not a placeholder
 * of a text that documents the form (<password>, :pw, ?, ***: adversarial run of stop 69, F1).
 */
const WRITTEN_PASSWORD = /(?:^|[\s'])password\s*=\s*(?:'[^'<:?*%${]|[^\s'<:?*%${])/i;
/** A connection URI with a user and a password (postgres[ql]://user:password@host), or a password in its query (?password=...). */
const URI_PASSWORD = /postgres(?:ql)?:\/\/(?:[^\s/:@']*:(?!password@)[^\s/@'<:?*%${][^\s/@']*@|[^\s']*[?&]password=[^\s&'<:?*%${])/i;

/** Whether a SQL text holds, in one of its strings (or, raw, in itself), a connection string or URI that writes a password. */
export function holdsConnectionPassword(text: string, raw = false): boolean {
  return (raw ? [text] : sqlStrings(text)).some((value) => URI_PASSWORD.test(value) || (WRITTEN_PASSWORD.test(value) && CONNECTION_KEYWORD.test(value)));
}

/**
 * The strings and comments of a SQL text, as PostgreSQL's lexer reads them: comments (--, nested /* *\/) as their text, quoted identifiers skipped, ''
 * inside a string a quote, E'' strings with their backslash escapes, U&'' strings with theirs, dollar-quoted strings (whose text is
 * read again as SQL: a function body holds strings of its own), and strings joined by || read as one (adversarial run of stop 69).
 */
export function sqlStrings(text: string): string[] {
  const found: string[] = [];
  let joined: string | undefined;
  let i = 0;
  const push = (value: string) => {
    joined = joined === undefined ? value : joined + value;
    found.push(value, joined);
  };
  while (i < text.length) {
    const rest = text.slice(i);
    const dollar = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest);
    if (rest.startsWith('--') || rest.startsWith('/*')) {
      // A comment is text every reader of the catalog reads too.
      const close = rest.startsWith('--') ? end(text, '\n', i) : commentEnd(text, i);
      found.push(text.slice(i + 2, close));
      i = close;
    } else if (rest.startsWith('"')) {
      i = quotedEnd(text, i + 1, '"');
    } else if (/^[eE]'/.test(rest)) {
      const close = backslashEnd(text, i + 2);
      push(unescapeC(text.slice(i + 2, close - 1)));
      i = close;
      continue;
    } else if (/^[uU]&'/.test(rest)) {
      const close = quotedEnd(text, i + 3, '\'');
      push(unescapeUnicode(text.slice(i + 3, close - 1).replace(/''/g, '\'')));
      i = close;
      continue;
    } else if (rest.startsWith('\'')) {
      const close = quotedEnd(text, i + 1, '\'');
      push(text.slice(i + 1, close - 1).replace(/''/g, '\''));
      i = close;
      continue;
    } else if (dollar !== null && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
      const tag = dollar[0];
      const close = text.indexOf(tag, i + tag.length);
      const body = text.slice(i + tag.length, close < 0 ? text.length : close);
      push(body);
      found.push(...sqlStrings(body));
      i = close < 0 ? text.length : close + tag.length;
      continue;
    } else if (/^format\s*\(/i.test(rest) && !/[A-Za-z0-9_$]/.test(text[i - 1] ?? '')) {
      // format('... password=%s', 'written') writes the password as surely as one string does (adversarial run of stop 69).
      const formatted = formattedText(callArguments(text, i + rest.indexOf('(')));
      if (formatted !== undefined) found.push(formatted);
      i++;
    } else if (rest.startsWith('||') || /^\s/.test(rest)) {
      i += rest.startsWith('||') ? 2 : 1;
      continue;
    } else {
      i++;
    }
    joined = undefined;
  }
  return found;
}

/**
 * What format() writes when its template is a literal: each %s, %L (quoted) and %I (as written) filled with its argument where
 * that is a literal, and left a placeholder (which names no password) where it is known only at run time.
 */
function formattedText(args: string[]): string | undefined {
  const [template, ...values] = args.map(literalValue);
  if (template === undefined) return undefined;
  let next = 0;
  return template.replace(/%(?:(\d+)\$)?-?\d*([sIL%])/g, (_placeholder, position: string | undefined, type: string) => {
    if (type === '%') return '%';
    const value = values[position === undefined ? next++ : (next = Number(position)) - 1];
    if (value === undefined) return '%s';
    return type === 'L' ? `'${value.replace(/'/g, '\'\'')}'` : value;
  });
}

/** How far a call's arguments are read: a connection string's format() is short, and each call read no further keeps the lexer linear. */
const MAX_CALL_TEXT = 1024;

/**
 * The arguments of a call whose "(" is at `open`, as written, split at its own commas (strings, comments and inner calls skipped);
 * none when it does not close within MAX_CALL_TEXT characters (review of stop 70, D12: every unclosed call read to the end made the
 * audit quadratic in the text).
 */
function callArguments(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  const limit = Math.min(text.length, open + MAX_CALL_TEXT);
  for (let i = open + 1; i < limit; i++) {
    const skipped = literalEnd(text, i);
    if (skipped !== undefined) {
      i = skipped - 1;
    } else if (text[i] === '(') {
      depth++;
    } else if (text[i] === ')' && depth-- === 0) {
      args.push(text.slice(start, i));
      return args;
    } else if (text[i] === ',' && depth === 0) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return [];
}

/** The text of an argument made only of string literals (joined by ||, cast to a text type), or undefined. */
function literalValue(arg: string): string | undefined {
  let value = '';
  let i = 0;
  while (i < arg.length) {
    const rest = arg.slice(i);
    const filler = /^(?:\s+|\|\||::\s*(?:text|varchar|character varying|bpchar)\b)/i.exec(rest);
    const close = literalEnd(arg, i);
    if (filler !== null) {
      i += filler[0].length;
    } else if (close !== undefined && !rest.startsWith('"') && !rest.startsWith('-') && !rest.startsWith('/')) {
      value += sqlStrings(arg.slice(i, close))[0] ?? '';
      i = close;
    } else {
      return undefined;
    }
  }
  return value;
}

/** A dollar quote's opening tag, read where it starts (sticky). */
const DOLLAR_TAG = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;

/** Just past a string, quoted identifier or comment that starts at `at`, or undefined when none starts there (one character test first: it runs per character). */
function literalEnd(text: string, at: number): number | undefined {
  const [first, second, third] = [text[at], text[at + 1], text[at + 2]];
  if (first === '-' && second === '-') return end(text, '\n', at);
  if (first === '/' && second === '*') return commentEnd(text, at);
  if (first === '\'') return quotedEnd(text, at + 1, '\'');
  if (first === '"') return quotedEnd(text, at + 1, '"');
  if ((first === 'e' || first === 'E') && second === '\'') return backslashEnd(text, at + 2);
  if ((first === 'u' || first === 'U') && second === '&' && third === '\'') return quotedEnd(text, at + 3, '\'');
  if (first !== '$') return undefined;
  DOLLAR_TAG.lastIndex = at;
  const dollar = DOLLAR_TAG.exec(text);
  if (dollar === null) return undefined;
  const close = text.indexOf(dollar[0], at + dollar[0].length);
  return close < 0 ? text.length : close + dollar[0].length;
}

function end(text: string, marker: string, from: number): number {
  const at = text.indexOf(marker, from);
  return at < 0 ? text.length : at + marker.length;
}

/** The end of a nested block comment that starts at `from`. */
function commentEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length - 1; i++) {
    if (text.startsWith('/*', i)) {
      depth++;
      i++;
    } else if (text.startsWith('*\/', i)) {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

/** Just past the quote that closes a string or identifier whose text starts at `from` (a doubled quote is one inside it). */
function quotedEnd(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== quote) continue;
    if (text[i + 1] === quote) i++;
    else return i + 1;
  }
  return text.length;
}

/** Just past the quote that closes an E'' string (a backslash escapes the next character). */
function backslashEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '\'' && text[i + 1] === '\'') i++;
    else if (text[i] === '\'') return i + 1;
  }
  return text.length;
}

/** An E'' string's text: \xHH, \ooo, \uXXXX, \UXXXXXXXX, \n... and '' as PostgreSQL reads them. */
function unescapeC(body: string): string {
  return body.replace(/''/g, '\'').replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, code: string) => {
    if (/^x/.test(code)) return String.fromCodePoint(parseInt(code.slice(1), 16));
    if (/^[0-7]/.test(code)) return String.fromCodePoint(parseInt(code, 8));
    if (/^[uU]./.test(code)) return String.fromCodePoint(parseInt(code.slice(1), 16));
    return ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as { [c: string]: string })[code] ?? code;
  });
}

/** A U&'' string's text: \XXXX and \+XXXXXX as PostgreSQL reads them (the default escape character). */
function unescapeUnicode(body: string): string {
  return body.replace(/\\(\\|[0-9a-fA-F]{4}|\+[0-9a-fA-F]{6})/g, (_, code: string) => (code === '\\' ? '\\' : String.fromCodePoint(parseInt(code.replace('+', ''), 16))));
}
