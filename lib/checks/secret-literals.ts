// The secrets a stack writes as text, so that no finding prints one: rules name a secret, never
// show it, and this is the net under every message, including rules written later.
import { SECRET_KEYWORD_TEXT, secretValues } from './connection-secrets';
import { isUnknown } from './hcl-expression';
import { jsonSpelled } from './json-text';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';
import { CONNECTION_TEXT } from './sql-clients';
import { splitTemplate } from './value-readers';

/** Attribute names (snake_case or camelCase, as azapi bodies write them) whose value is a secret; libpq 18's SCRAM keys too (connection-secrets.ts). */
const SECRET_ATTRIBUTE = /(password|passphrase|secret|token|conninfo|conn_?str|access_?key|api_?key|private_?key|scram_?(client|server)_?key|connection_?string|pwd|psw)(_?(wo|b64|base64))?$/i;
/** A Key Vault secret holds its secret in `value`. */
const SECRET_VALUE = /^value(_wo)?$/;
const SECRET_CONTAINER = 'azurerm_key_vault_secret';

/** Shorter text would hide ordinary words of the messages and protects no real secret. */
const MIN_LENGTH = 4;

/**
 * A secret this long that is no word (it holds a character other than a letter) is hidden in lower and upper case too: a value built
 * from it (`lower(local.p)`, a role named `lower(each.key)`) shows it so (C80-7, B81-211, B81-216). A word ("Database") in lower case
 * would hide that word in every message (E80-9).
 */
const CASED_SECRET_LENGTH = 8;

export const REDACTED = '(a secret, not shown)';

/** Every piece of text the stack writes into a secret attribute: literals, the literal parts of templates and the strings inside them. */
export function secretLiterals(terraform: unknown, resources: Iterable<ResourceView>): string[] {
  const found = new Set<string>();
  const add = (text: string) => {
    if (text.length >= MIN_LENGTH) found.add(text);
  };
  // Every key of the stack is tested, twice (as written and as evaluated), and the same few hundred
  // names recur: the expression runs once per name.
  const secretNames = new Map<string, boolean>();
  const namesSecret = (key: string): boolean => {
    let secret = secretNames.get(key);
    if (secret === undefined) secretNames.set(key, (secret = SECRET_ATTRIBUTE.test(key)));
    return secret;
  };
  // A secret is a value (or a list of values) of a secret attribute; the attributes of a nested block are named for themselves.
  const walk = (value: unknown, secret: boolean, inContainer: boolean): void => {
    if (typeof value === 'string') {
      if (secret) textsOf(value).forEach(add);
      // A connection string's password, whatever argument holds it (a backend's conn_str, an sslmode: A82-24).
      else if (CONNECTION_TEXT.test(value)) connectionSecretsOf(value).forEach(add);
      // JSON text (a Vault secret's data_json) names its secrets as an object does (C81-35); inside a secret every text is (A82-28).
      const json = jsonSpelled(value);
      if (json !== undefined) {
        if (secret) stringsIn(json).forEach((text) => textsOf(text).forEach(add));
        else walk(json, secret, inContainer);
      }
    } else if (isUnknown(value)) {
      // What a `jsonencode({...})` encodes, as evaluated; inside a secret every text of it (C82-5).
      if (value.encodes !== undefined && secret) stringsIn(value.encodes).forEach((text) => textsOf(text).forEach(add));
      else if (value.encodes !== undefined) walk(value.encodes, secret, inContainer);
    } else if (Array.isArray(value)) value.forEach((item) => walk(item, secret, inContainer));
    else if (isObject(value)) {
      for (const key of Object.keys(value)) {
        if (key !== '//') walk(value[key], namesSecret(key) || (inContainer && SECRET_VALUE.test(key)), inContainer || key === SECRET_CONTAINER);
      }
    }
  };
  // As written (a provider, a local, a module's input), and as evaluated (a constant local read into an attribute).
  walk(terraform, false, false);
  for (const resource of resources) {
    walk(resource.config, false, resource.type === SECRET_CONTAINER);
    keysWrittenAsSecrets(resource).forEach(add);
  }
  // No host, path or URL (`Orders-Db.postgres.database.azure.com` in lower case is the host every message names: C81-44).
  const cased = [...found].filter((secret) => secret.length >= CASED_SECRET_LENGTH && /[^\p{L}]/u.test(secret) && !/[./:]/.test(secret)).flatMap((secret) => [secret.toLowerCase(), secret.toUpperCase()]);
  return [...new Set([...found, ...cased])].sort((a, b) => b.length - a.length);
}

/** each.key (over a set each.value too) written as a whole value, maybe through functions (`sensitive(each.key)`), not as an index. */
const ITEM_WRITTEN = '(?:\\$\\{)?\\s*(?:[\\w:]+\\(\\s*)*each\\.(key|value)\\b';
/**
 * A secret named in an object or a text the block builds (`jsonencode({ password = each.key })`, `"password=${each.key}"`), by a name
 * that ends with the secret's word (`db_password`, `client_secret`): `secretName = each.key` names a secret, it is none (C81-43).
 */
const ITEM_AFTER_SECRET_NAME = new RegExp(`(?:password|passphrase|secret|token)(?:_?wo)?["']?\\s*[=:]\\s*["']?${ITEM_WRITTEN}`, 'gi');
const ITEM_AS_VALUE = new RegExp(`^${ITEM_WRITTEN}`, 'i');

/**
 * The keys of a block with for_each over keys the evaluator knows that it writes as a secret: under a secret attribute, or after a
 * secret's name in an object or text it builds (a Vault secret's `data_json = jsonencode({ password = each.key })`, whose key a
 * read-back message names in the instance's address: adversarial run of stop 80, C80-8). Over a set, each.value is the key too.
 */
function keysWrittenAsSecrets(resource: ResourceView): string[] {
  const keys = resource.instanceKeys ?? [];
  if (keys.length === 0 || resource.body === undefined) return [];
  const set = !isObject(resource.body.for_each);
  const writes = (text: string, secret: boolean): boolean => {
    const items = secret ? [ITEM_AS_VALUE.exec(text)?.[1]] : [...text.matchAll(ITEM_AFTER_SECRET_NAME)].map((match) => match[1]);
    return items.some((item) => item === 'key' || (item === 'value' && set));
  };
  const walkBody = (value: unknown, secret: boolean): boolean => {
    if (typeof value === 'string') return writes(value, secret);
    if (Array.isArray(value)) return value.some((item) => walkBody(item, secret));
    return isObject(value) && Object.entries(value).some(([key, item]) => key !== 'for_each' && walkBody(item, secret || SECRET_ATTRIBUTE.test(key)));
  };
  return walkBody(resource.body, false) ? [...keys] : [];
}

/** The secrets a connection string writes as text: libpq's settings and URL, and an ADO.NET or Npgsql string's `Password=...;` (B81-274). */
function connectionSecretsOf(value: string): string[] {
  const settings = [...value.matchAll(PASSWORD_SETTING)].map((match) => unquoted(match[2]));
  return [...secretValues(value), ...settings].filter((secret) => !/[$%]\{/.test(secret));
}

/** Every string inside a value (a parsed JSON object's members and items, at any depth). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  return isObject(value) ? Object.values(value).flatMap(stringsIn) : [];
}

/** The text a written value holds: itself; in a template, its literal parts and the strings inside its interpolations; a connection string's secrets. */
function textsOf(value: string): string[] {
  const secrets = connectionSecretsOf(value);
  if (!/[$%]\{/.test(value)) return [value, ...secrets];
  // A quoted key that picks an instance or item (`data.x.k["admin"].value`) names what is read, no text written (50th run, A50a-11).
  const quoted = [...value.matchAll(/(\[\s*)?"((?:[^"\\]|\\.)*)"(\s*\])?/g)].filter(([, open, , close]) => open === undefined || close === undefined).map(([, , inner]) => inner);
  return [splitTemplate(value).literal, ...value.split(/[$%]\{[^}]*\}/), ...quoted, ...secrets];
}

/**
 * A secret keyword a message names (`writes its password as text`), not quoted as a value is: a text the stack writes that is part
 * of the keyword's name (`pass${"word"}=...`, `${"password"}=...`: 41st run, A41a-2) is no secret there, and the message names it whole.
 */
const NAMED_KEYWORD = new RegExp(`(?<!["'\\\\])(?:${SECRET_KEYWORD_TEXT.source})(?!["'])`, 'gi');

/** The text with every secret replaced; as JSON escapes it too, since messages quote values. A keyword the message names stays whole. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) redacted = replacedOutsideKeywords(redacted, form);
  }
  return withCredentialsHidden(redacted);
}

/** A URL's user information (`user:<password>@host`), whatever argument holds it: the password, up to the last `@` (as Go's url.Parse reads it: C81-15). */
const USER_INFO = /((?:^|[\s"'(/=])[\w.~%!$&*+,;-]+:)([^\s/"'\\?#]+)(@[\w[][^\s@/"'\\?#]*)/g;
/**
 * A password given as a setting (`password=...`, `Password=...;` in a URL query, a libpq or an ADO.NET string): its value, quoted as
 * libpq quotes one (`'a b'`), or up to a blank or a quote, `;` and `&` included, as libpq reads an unquoted value (C81-14); a backslash
 * takes the next character, a blank too, also where a message quotes the text as JSON and doubles the backslash (E81-5).
 */
const PASSWORD_SETTING = /(\b(?:password|pwd|psw|sslpassword|passphrase|oauth_client_secret)\s*=\s*)('(?:[^'\\]|\\.)*'|\\?"(?:[^"\\]|\\.)*?\\?"|(?:\\\\.|\\.|[^\s"'\\])+)/gi;

/** A value that is one reference (`${var.p}`) writes no password; literal text beside one does (C81-16). */
function writesText(value: string): boolean {
  return !/^\$\{[^}]*\}$/.test(value) && !value.startsWith(REDACTED);
}

/** A PASSWORD_SETTING value without its quotes. */
function unquoted(value: string): string {
  return value.replace(/^\\?["']|\\?["']$/g, '');
}

/** Whether a text holds a password as a URL's user information or as a setting (withCredentialsHidden would hide one). */
export function holdsCredential(text: string): boolean {
  return withCredentialsHidden(text) !== text;
}

/**
 * The text with a password shown as a URL's user information or as a setting hidden, whatever text holds it (a provider's host or
 * database, a parameter's value): a message that quotes such a text would show the password although no secret argument holds it
 * (adversarial run of stop 81, B81-169, B81-170, B81-222, B81-223). A reference (`${var.p}`) is no password written, and is shown.
 */
export function withCredentialsHidden(text: string): string {
  return text.replace(USER_INFO, (whole, user: string, password: string, host: string) => (writesText(password) ? `${user}${REDACTED}${host}` : whole))
    .replace(PASSWORD_SETTING, (whole, keyword: string, value: string) => (writesText(unquoted(value)) ? `${keyword}${REDACTED}` : whole));
}

/** Every occurrence of a form replaced, left to right, but those inside a keyword the text names. */
function replacedOutsideKeywords(text: string, form: string): string {
  const keywords = [...text.matchAll(NAMED_KEYWORD)].map((match) => [match.index, match.index + match[0].length]);
  let replaced = '';
  let from = 0;
  let at = text.indexOf(form);
  while (at >= 0) {
    const start = at;
    if (keywords.some(([begin, end]) => start >= begin && start + form.length <= end)) at = text.indexOf(form, at + 1);
    else {
      replaced += text.slice(from, at) + REDACTED;
      from = at + form.length;
      at = text.indexOf(form, from);
    }
  }
  return replaced + text.slice(from);
}
