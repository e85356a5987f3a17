/**
 * What a block says that may name a PostgreSQL server: the references it reads and the texts it
 * holds. For resources whose effect no rule reads (azapi resources, templates, provisioners,
 * modules), this is all there is to tell which server they act on.
 */
import { armKey, nameKey } from './azure-keys';
import { encodedTexts } from './encoded-texts';
import { isAscii, isUnknown } from './hcl-expression';
import { unreadableIdText } from './dot-segments';

export interface Mentions {
  /** Traversals read, e.g. "azurerm_postgresql_flexible_server.db.id"; depends_on entries count as such. */
  readonly references: readonly string[];
  /** Literal texts, and the text of every expression as written (a command line, a template). */
  readonly texts: readonly string[];
}

/** Arguments whose literal strings are references, not text. */
const REFERENCE_LISTS = ['depends_on', 'replace_triggered_by'];

/**
 * Everything an evaluated block mentions (the model leaves its "//" comment out; a "//" key inside a value is read as any key:
 * Terraform evaluates and sends it, A88a-5). A text is read
 * also as what it decodes to (encodedTexts, the one decoder of the raw-text scanners: base64, gzip; queued after the
 * twentieth run), so a base64 custom_data naming a server mentions it as its plain text does.
 */
export function mentionsIn(value: unknown): Mentions {
  const references: string[] = [];
  const texts: string[] = [];
  const text = (written: string) => texts.push(unescaped(written), ...encodedTexts(written).texts.map(unescaped));
  const walk = (item: unknown, asReference: boolean): void => {
    if (isUnknown(item)) {
      references.push(...item.references);
      text(item.expression);
      // An ID the evaluator read as any scope (dot-segments.ts) names, among others, what its text spells (stop 36).
      const id = unreadableIdText(item);
      if (id !== undefined) text(id);
    } else if (typeof item === 'string') {
      if (asReference) references.push(item);
      else text(item);
    } else if (Array.isArray(item)) {
      item.forEach((each) => walk(each, asReference));
    } else if (item !== null && typeof item === 'object') {
      for (const [key, each] of Object.entries(item)) {
        walk(each, asReference || REFERENCE_LISTS.includes(key));
      }
    }
  };
  walk(value, false);
  return { references, texts };
}

/** The traversals whose values a block's arguments read: its references, less the blocks depends_on and replace_triggered_by list. */
export function readReferencesIn(value: unknown): readonly string[] {
  // mentionsIn's walk, the lists left out at every level, without copying the block or collecting its texts.
  const references: string[] = [];
  const walk = (item: unknown): void => {
    if (isUnknown(item)) references.push(...item.references);
    else if (Array.isArray(item)) item.forEach(walk);
    else if (item !== null && typeof item === 'object') {
      for (const [key, each] of Object.entries(item)) {
        if (!REFERENCE_LISTS.includes(key)) walk(each);
      }
    }
  };
  walk(value);
  return references;
}

/**
 * A text with its URL escapes (also encoded twice) and JSON escapes of ASCII undone, so that
 * "providers%2FMicrosoft.DBforPostgreSQL%2FflexibleServers%2Forders-db" reads as the path it is; also
 * HCL's long form ("\U0000006f"), which an expression left as written may hold (A17b-1's class).
 */
export function unescaped(text: string): string {
  if (!/[%\\]/.test(text)) return text;
  let current = text;
  for (;;) {
    // Each round takes characters out, so it ends.
    const next = current.replace(/\\U000000([0-7][0-9a-fA-F])/g, (_match, hcl: string) => String.fromCharCode(parseInt(hcl, 16)))
      .replace(/%([0-7][0-9a-f])|\\u00([0-7][0-9a-f])/gi, (_match, url?: string, json?: string) => String.fromCharCode(parseInt(url ?? json ?? '', 16)))
      .replace(/\\\//g, '/');
    if (next === current) return current;
    current = next;
  }
}

/** "<name>.postgres.database.azure.com" (or its privatelink form): the server name in a host. */
const SERVER_HOST = /(?:^|[^a-z0-9.-])([a-z0-9][a-z0-9-]*)\.(?:privatelink\.)?postgres\.database\.azure\.com/gi;

/** The server names of the hosts a text holds. */
export function hostNamesIn(text: string): string[] {
  return [...text.matchAll(SERVER_HOST)].map((match) => match[1]);
}

/** True when a text is about PostgreSQL (a command, a module source, a resource type): it may act on a server. */
export function isAboutPostgres(text: string): boolean {
  const about = /postgres|\bpsql\b/i;
  return about.test(text) || (!isAscii(text) && about.test(armKey(text)));
}

/** True when a text holds a name as a word of its own (Azure names ignore case), e.g. "-s orders-db -g rg". */
export function holdsName(text: string, name: string): boolean {
  const trimmed = nameKey(name);
  if (trimmed === '') return false;
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(trimmed); at >= 0; at = lower.indexOf(trimmed, at + 1)) {
    const before = lower.charAt(at - 1);
    const after = lower.charAt(at + trimmed.length);
    if (!/[a-z0-9-]/.test(before) && !/[a-z0-9-]/.test(after)) return true;
  }
  return false;
}

/**
 * Texts that run a command against Azure Resource Manager: the Azure CLI (also as a lone argument
 * of a command list), PowerShell and its Az cmdlets, REST calls to management.azure.com.
 */
const COMMAND_LIKE = /(^|[\s"'`;|&(])(az|pwsh|powershell)(\s|$)|-AzPostgreSql|-AzResource|Invoke-(RestMethod|WebRequest|AzRestMethod)|management\.azure\.com/i;

/** True when a text runs a command against Azure: beside it, a server's name names a server to act on. */
export function isCommandLike(text: string): boolean {
  return COMMAND_LIKE.test(text);
}

/** A text with its server hosts taken out: a host names a server to connect to, not one to manage. */
export function withoutHosts(text: string): string {
  return text.replace(SERVER_HOST, (match, name: string) => match.slice(0, match.indexOf(name)));
}

/**
 * PostgreSQL's management surface: its Azure Resource Manager namespace (in a REST path, a resource
 * type, a Resource Graph query, also put together with format() or join()), the Azure CLI group, the
 * Az PowerShell module and its cmdlets, the management SDKs (Python, JavaScript, Go, .NET, Java).
 */
const MANAGEMENT_SURFACE = /Microsoft\.DBforPostgreSQL|(?<![\w-])az\s+postgres(?![\w-])|\w+-AzPostgreSql\w*|Az\.PostgreSql|azure[-.]mgmt[-.](?:rdbms|postgresql)\w*|(?<![a-z])arm-?postgresql\w*|PostgreSQLManagementClient|ResourceManager[-.]PostgreSql\w*/i;

/**
 * A part every form of the surface holds, in any case (a form's literal core): a text without one cannot match. The
 * surface's own expression (a word before "-AzPostgreSql" scanned from every position) is slow on the long texts of
 * every block that merely names a construct "Postgres…", so it is run only on a text that has one.
 */
const SURFACE_CORE = /dbforpostgresql|az\s+postgres|azpostgresql|az\.postgresql|mgmt[-.]|arm-?postgresql|managementclient|resourcemanager[-.]postgresql/i;

/** The first form of the surface a text holds, as MANAGEMENT_SURFACE finds it. */
function surfaceIn(text: string): RegExpExecArray | null {
  return SURFACE_CORE.test(text) ? MANAGEMENT_SURFACE.exec(text) : null;
}

/** Quotes, escapes and concatenations a shell or a script splits a word with: Microsoft.DBforPost""greSQL, "az" + " postgres". */
const SPLITS = /(["'])\s*\+\s*\1|["'`^\\]/g;
/**
 * A word every form of the surface holds, in any case: a text without one, even with its splits
 * taken out (which removes no letter), cannot match. Most texts have none: the expression above is
 * then not run on them (it was most of the writers' search, bench/README.md).
 */
const SURFACE_WORD = /postgres|rdbms/i;
const SPLIT_CHARACTER = /["'`^\\]/;

/**
 * The first text by which a block's texts address PostgreSQL's management surface, e.g. "az postgres",
 * or undefined. The arguments of a command list are read together ("az", "postgres"), also with the
 * quotes that split a word taken out, and so is what each text decodes to (encodedTexts, the decoder
 * every raw-text scanner shares: base64 whole or in runs, wrapped, UTF-8 or UTF-16, gzip; A20b-6).
 */
export function managementSurfaceIn(texts: readonly string[]): string | undefined {
  // Read as every other text is (mentionsIn): its URL and JSON escapes undone (A17b-1's class).
  const decoded = texts.flatMap((text) => encodedTexts(text).texts.map(unescaped));
  const read = [texts.join(' '), ...decoded];
  // A namespace ARM reads as PostgreSQL's in another fold ("DBforPostgre\u017fQL"; G74-1) is read folded too; ASCII is read as written.
  for (const text of [...read, ...read.filter((each) => !isAscii(each)).map(armKey)]) {
    if (!SURFACE_WORD.test(text) && !(SPLIT_CHARACTER.test(text) && SURFACE_WORD.test(text.replace(SPLITS, '')))) continue;
    const found = surfaceIn(text) ?? surfaceIn(text.replace(SPLITS, ''));
    if (found !== null) return found[0];
  }
  return undefined;
}
