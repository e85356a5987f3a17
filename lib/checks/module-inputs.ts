/**
 * The secrets a module block is given (50th run, A50a-5). A module is code the checks do not read: an output of it may be any input
 * it is given, and it may write an input to any store (a Key Vault secret a lookup then finds). The inputs read are those whose name
 * says they hold a secret (`password`, `admin_password`, `secrets`, `secret_value`, `token`), and every value under one, or under
 * such a key of a map it is given (`config = { db = { password = "..." } }`); an input that names, counts or points at a secret
 * (`secret_name`, `password_length`, `key_vault_id`) is not read, so a module given only those gives nothing back.
 */
import { isUnknown, Value } from './hcl-expression';

/** Arguments of a module block that choose the module and its instances, not values given to it. */
const META = new Set(['source', 'version', 'providers', 'count', 'for_each', 'depends_on', '//']);
/** Words that say a value is a secret (a word that ends with `password`, `passwd` or `secret` too: `adminpassword`, `Password1`). */
const SECRET_WORDS = new Set(['password', 'passwords', 'passwd', 'passphrase', 'pass', 'pw', 'psw', 'pwd', 'pgpass', 'secret', 'secrets', 'token', 'tokens', 'credential',
  'credentials', 'conninfo', 'dsn', 'apikey']);
const SECRET_PARTS = /(?:password|passwd|secret)$/;
/** Two last words that name a secret together (`connection_string`, `api_key`, `private_key`: 55th run, A55a-5). */
const SECRET_PAIRS = /(?:^|_)(?:(?:connection|conn)_(?:string|str)|(?:api|private|secret|access|master|shared|account|storage|sas|client)_key)$/;
/** Last words of a name that say it is the secret itself (`secret_value`), beside the secret words. */
const VALUE_WORDS = new Set(['value', 'values']);
/**
 * Last words of a key that say what it holds is about a secret, not the secret (`credentials = { username = ..., password = ... }`:
 * the username is no secret; 55th run, A55a-8).
 */
const DESCRIBING_WORDS = new Set(['name', 'names', 'username', 'user', 'login', 'type', 'kind', 'id', 'ids', 'audience', 'issuer', 'expiration', 'expires', 'expiry', 'date',
  'rotation', 'length', 'version', 'path', 'url', 'uri', 'host', 'port', 'format', 'enabled', 'description', 'tags', 'scope', 'scopes', 'policy', 'lifetime', 'ttl']);

/** The values under the secret-named inputs of a module block's body, at any depth (text and values known only later). */
export function secretInputs(body: { readonly [key: string]: unknown }): Value[] {
  return Object.entries(body).filter(([key]) => !META.has(key)).flatMap(([key, value]) => underName(key, value as Value, false));
}

/** The secrets under `key`: every value under a secret name, but those under a key that describes it (a name, a user, a type). */
function underName(key: string, value: Value, inSecret: boolean): Value[] {
  const named = namesSecret(key);
  const secret = named || (inSecret && !describes(key));
  if (value === null || typeof value === 'boolean') return [];
  if (Array.isArray(value)) return (value as readonly Value[]).flatMap((item) => underName(key, item, secret));
  if (typeof value === 'object' && !isUnknown(value)) return Object.entries(value).flatMap(([inner, item]) => underName(inner, item as Value, secret));
  return secret ? [value] : [];
}

/** A name's words, in lower case, digits at their end cut (`adminPassword1` is admin, password). */
function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).map((word) => word.replace(/\d+$/, '')).filter((word) => word !== '');
}

/** Whether a name says its value is a secret: it ends with a secret word (or two: `api_key`), or holds one and ends with `value`. */
function namesSecret(name: string): boolean {
  const words = wordsOf(name);
  const last = words[words.length - 1];
  const secretWord = (word: string) => SECRET_WORDS.has(word) || SECRET_PARTS.test(word);
  if (last === undefined) return false;
  return secretWord(last) || SECRET_PAIRS.test(words.join('_')) || (VALUE_WORDS.has(last) && words.some(secretWord));
}

/** Whether a key says what it holds describes a secret rather than being one (`username`, `secret_name`, `expiration_date`). */
function describes(key: string): boolean {
  const words = wordsOf(key);
  return words.length > 0 && DESCRIBING_WORDS.has(words[words.length - 1]);
}
