/**
 * The secrets a module block is given (50th run, A50a-5). A module is code the checks do not read: an output of it may be any input
 * it is given, and it may write an input to any store (a Key Vault secret a lookup then finds). Read as secrets, at any depth: a
 * value whose own key names a secret (`password`, `admin_password`, `adminPassword1`, `db_pass`, `api_key`, `connection_string`), a
 * `value` under such a key (`secrets = { app = { value = ... } }`), and each item of a collection such a key holds (`passwords = {
 * app_user = ... }`, `tokens = [...]`) but one whose key only describes it (`name`, `username`, `type`, `id`) or is a setting of a
 * record that holds its secret under `password`, `value` or the like (`credentials = { mode = ..., password = ... }`).
 * What names, counts, points at or configures a secret (`secret_name`, `password_length`, `key_vault_id`, a role assignment's
 * `condition` inside a secret's entry) is not read, so a module given only those gives nothing back (55th and 56th runs).
 */
import { isUnknown, Value } from './hcl-expression';

/** Arguments of a module block that choose the module and its instances, not values given to it. */
const META = new Set(['source', 'version', 'providers', 'count', 'for_each', 'depends_on', '//']);
/** Words that say a value is a secret (a word that ends with `password`, `passwd` or `secret` too: `adminpassword`, `Password1`). */
const SECRET_WORDS = new Set(['password', 'passwords', 'passwd', 'passphrase', 'passcode', 'pgpass', 'secret', 'secrets', 'token', 'tokens',
  'credential', 'credentials', 'conninfo', 'dsn', 'apikey', 'sensitive']);
const SECRET_PARTS = /(?:password|passwd|secret)$/;
/** Short words that name a secret only at a name's end (`db_pass`, `admin_pw`; not `pass_through`). */
const LAST_WORDS = new Set(['pass', 'pw', 'psw', 'pwd']);
/** Two words that name a secret together (`connection_string`, `api_key`, `private_key_pem`: 55th and 56th runs). */
const SECRET_PAIRS = /(?:^|_)(?:(?:connection|conn)_(?:string|str)|(?:api|private|secret|access|master|shared|account|storage|sas|client|primary|secondary)_key(?:_pem)?)$/;
/** Last words of a name that say it is the secret itself (`secret_value`), beside the secret words. */
const VALUE_WORDS = new Set(['value', 'values', 'string', 'text']);
/** Keys that only describe the item they are in (`credentials = { username = ..., password = ... }`: the username is no secret). */
const DESCRIBING_KEYS = new Set(['name', 'names', 'username', 'user', 'login', 'type', 'kind', 'id', 'audience', 'issuer', 'content_type', 'description', 'tags', 'enabled']);
/** The keys a record holds its secret under (`{ mode = ..., password = ... }`); a map of secrets has keys of the user's (57th run, A57a-3). */
const RECORD_KEYS = new Set(['password', 'passwd', 'secret', 'token', 'value', 'secret_value', 'key']);
/** Words that say a name is about a secret, not one (`secret_name`, `password_length`, `password_policy`). */
const ABOUT_WORDS = new Set(['name', 'names', 'id', 'ids', 'length', 'policy', 'rotation', 'lifetime', 'ttl', 'expiration', 'expiry', 'version', 'type', 'path', 'url', 'uri',
  'enabled', 'count', 'days', 'format', 'header', 'mode', 'prefix', 'suffix', 'size', 'algorithm', 'special', 'upper', 'lower', 'numeric', 'min']);

/** The values under the secret-named inputs of a module block's body, at any depth (text and values known only later). */
export function secretInputs(body: { readonly [key: string]: unknown }): Value[] {
  return Object.entries(body).filter(([key]) => !META.has(key)).flatMap(([key, value]) => secretsUnder(key, value as Value, false, false));
}

/**
 * The secrets under `key`: `underSecret` when a key above names a secret (a `value` below it is one), `itemOfSecret` when the value
 * is an item of a collection a secret-named key holds (it is one, unless its key only describes it).
 */
function secretsUnder(key: string, value: Value, underSecret: boolean, itemOfSecret: boolean): Value[] {
  const named = namesSecret(key);
  if (value === null || typeof value === 'boolean') return [];
  if (Array.isArray(value)) return (value as readonly Value[]).flatMap((item) => secretsUnder(key, item, underSecret || named, named || itemOfSecret));
  if (typeof value === 'object' && !isUnknown(value)) {
    // An object with a secret of its own (`{ mode = ..., password = ... }`) is a record: its other keys are its settings, not
    // secrets; one without is a collection of secrets by keys of the user's (`{ app_user = ... }`: 56th run, A56a-4, A56a-8).
    const record = Object.keys(value).some((inner) => RECORD_KEYS.has(inner.toLowerCase()));
    return Object.entries(value).flatMap(([inner, item]) => secretsUnder(inner, item as Value, underSecret || named, named && !record));
  }
  const secret = named || (underSecret && isValueKey(key)) || (itemOfSecret && !describes(key));
  // A number is a secret only under its own secret name (`pin_secret = 1234`), never an item's setting (`rotation_days = 90`).
  return secret && (typeof value !== 'number' || named) ? [value] : [];
}

/** Settings of a password generator a module may take (`password = { length = 32, override_special = "!#" }`: 57th run, A57a-9). */
const GENERATOR_WORDS = new Set(['special', 'length', 'upper', 'lower', 'numeric', 'min', 'keepers']);

/** Whether an item's key only describes it: a describing key, or a generator's setting. */
function describes(key: string): boolean {
  const words = wordsOf(key);
  return DESCRIBING_KEYS.has(key.toLowerCase()) || GENERATOR_WORDS.has(words[words.length - 1] ?? '');
}

/** Whether a key is a secret's value (`value`, `secret_string`), under a secret's name. */
function isValueKey(key: string): boolean {
  const words = wordsOf(key);
  return VALUE_WORDS.has(words[words.length - 1] ?? '');
}

/** A name's words, in lower case, digits at their end cut (`adminPassword1` is admin, password). */
function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).map((word) => word.replace(/\d+$/, '')).filter((word) => word !== '');
}

/**
 * Whether a name says its value is a secret: it ends with a secret word (or two: `api_key`, `private_key_pem`), or holds one and
 * ends with a value word (`secret_value`, `secret_string`); a name that only mentions one (`secret_permissions`, `token_audience`,
 * `secret_rotation_interval`) does not (57th run, A57a-7).
 */
function namesSecret(name: string): boolean {
  const words = wordsOf(name);
  const last = words[words.length - 1];
  if (last === undefined || ABOUT_WORDS.has(last)) return false;
  const secretWord = (word: string) => SECRET_WORDS.has(word) || SECRET_PARTS.test(word);
  return LAST_WORDS.has(last) || secretWord(last) || SECRET_PAIRS.test(words.join('_')) || (VALUE_WORDS.has(last) && words.some(secretWord));
}
