/**
 * The secrets a module block is given (50th run, A50a-5). A module is code the checks do not read: an output of it may be any input
 * it is given, and it may write an input to any store (a Key Vault secret a lookup then finds). Read as secrets, at any depth: a
 * value whose own key names a secret (`password`, `admin_password`, `adminPassword1`, `db_pass`, `api_key`, `connection_string`), the
 * input that holds what the module stores (`value`, `content`), and every item of a collection such a key holds (`passwords = {
 * app_user = ..., prod = { app = ... } }`, `tokens = [...]`), but the settings of a record (`credentials = { username = ...,
 * password = ... }`, `secrets = { db = { name = ..., expiration_date = ... } }`: 55th to 57th runs).
 * What names, counts, points at or configures a secret (`secret_name`, `password_length`, `key_vault_id`, a role assignment's
 * `condition` inside a secret's entry) is not read, so a module given only those gives nothing back (55th and 56th runs).
 */
import { evaluateTemplate, isUnknown, NO_LOCALS, Unknown, Value } from './hcl-expression';
import { jsonSpelled } from './json-text';
import { isComposite } from './locals-evaluation';
import { expressionEnd } from './traversal-text';

/** Arguments of a module block that choose the module and its instances, not values given to it. */
const META = new Set(['source', 'version', 'providers', 'count', 'for_each', 'depends_on', '//']);
/** Words that say a value is a secret (a word that ends with `password`, `passwd` or `secret` too: `adminpassword`, `Password1`). */
const SECRET_WORDS = new Set(['password', 'passwords', 'passwd', 'passphrase', 'passcode', 'pgpass', 'secret', 'secrets', 'token', 'tokens',
  'credential', 'credentials', 'cred', 'creds', 'conninfo', 'dsn', 'apikey', 'apikeys', 'sensitive', 'pwds', 'passwds', 'pswd']);
const SECRET_PARTS = /(?:password|passwd|secret)$/;
/** Short words that name a secret only at a name's end (`db_pass`, `admin_pw`; not `pass_through`). */
const LAST_WORDS = new Set(['pass', 'pw', 'psw', 'pwd']);
/** Two words that name a secret together (`connection_string`, `api_key`, `private_key_pem`, `key_value`: 55th and 56th runs). */
const SECRET_PAIRS = /(?:^|_)(?:(?:connection|conn)_(?:string|str)|(?:database|db)_(?:url|uri)|(?:api|private|secret|access|master|shared|account|storage|sas|client|primary|secondary|admin|encryption)_keys?(?:_pem)?|key_(?:value|string|text)|pass_phrase)$/;
/** Last words of a name that say it is the secret itself (`secret_value`, `admin_password_plain`, `password_override`: 56th run, A56a-7), beside the secret words. */
const VALUE_WORDS = new Set(['value', 'values', 'string', 'text', 'plain', 'plaintext', 'cleartext', 'raw', 'override', 'literal', 'initial', 'previous', 'current', 'new', 'old']);
/** Keys that only describe the item they are in (`credentials = { username = ..., password = ... }`: the username is no secret). */
const DESCRIBING_KEYS = new Set(['name', 'names', 'username', 'user', 'login', 'type', 'kind', 'id', 'audience', 'issuer', 'content_type', 'description', 'tags', 'enabled']);
/** The keys a record holds its secret under (`{ mode = ..., password = ... }`); a map of secrets has keys of the user's (57th run, A57a-3). */
const RECORD_KEYS = new Set(['password', 'passwd', 'secret', 'token', 'value', 'secret_value', 'key']);
/** Words that say a name is about a secret, not one (`secret_name`, `password_length`, `password_policy`). */
const ABOUT_WORDS = new Set(['name', 'names', 'id', 'ids', 'length', 'policy', 'rotation', 'lifetime', 'ttl', 'expiration', 'expiry', 'version', 'type', 'path', 'url', 'uri',
  'enabled', 'count', 'days', 'format', 'header', 'mode', 'prefix', 'suffix', 'size', 'algorithm', 'special', 'upper', 'lower', 'numeric', 'min']);
/** Settings of a password generator a module may take (`password = { length = 32, override_special = "!#" }`: 57th run, A57a-9). */
const GENERATOR_WORDS = new Set(['special', 'length', 'upper', 'lower', 'numeric', 'min', 'keepers']);
/** Last words of a record's settings beside the ones above (`expiration_date`, `end_date_relative`, `source = "KeyVault"`). */
const SETTING_WORDS = new Set(['date', 'relative', 'email', 'mail', 'source', 'permissions', 'interval', 'audience', 'endpoint', 'issuer', 'store', 'vault', 'period', 'tags',
  'assignments', 'display', 'principal', 'account', 'role', 'database', 'server', 'host', 'port', 'location', 'region', 'owner', 'environment', 'purpose', 'team',
  'tenant', 'subscription', 'group', 'scope', 'label', 'labels', 'note', 'notes', 'comment', 'category', 'identity']);
/**
 * Keys that only a record of one secret has (`{ name = ..., expiration_date = ... }`, the value given elsewhere): one of them, or a
 * secret's own key, makes a collection a record; other keys are the user's (`{ app_user = ..., client_id = ... }` is a map of
 * secrets, whatever the words of its keys: 57th run, A57a-3/5).
 */
const RECORD_SETTINGS = new Set(['name', 'display_name', 'type', 'kind', 'content_type', 'description', 'tags', 'enabled', 'expiration_date', 'not_before_date',
  'role_assignments', 'mode', 'length']);
/** Names of a module's input that hold what it stores, whatever that is (`value = "..."` beside `name`): a secret to a module read as one. */
const STORED_INPUTS = new Set(['value', 'values', 'content', 'contents']);
/** Text that holds a password whatever its key: a libpq `password=` setting, a URL's `user:password@` (58th run, A58a-12). */
const HOLDS_PASSWORD = /\bpassword\s*=|:\/\/[^\s/:@]*:[^\s/@]+@/i;
/** Text that is wholly an App Service Key Vault reference: a pointer to a secret, no secret (58th run, A58a-11; built from references and calls: A59a-10, A60a-8; read by isKeyVaultReference). */
const KEY_VAULT_REFERENCE = /^@Microsoft\.KeyVault\([^()]*\)$/s;
/** A YAML line's key and value (`  password: ...`, `- token: ...`), as helm `values` write them (59th run, A59a-3). */
const YAML_LINE = /^[ \t-]*([\w.-]+)[ \t]*:[ \t]*(\S[^\n]*)$/gm;
/** Keys beside a `value` that say it is a secret (`{ display_name = ..., value = ..., secret = true }`: 59th run, A59a-4). */
const SECRET_FLAGS = new Set(['secret', 'is_secret', 'sensitive', 'is_sensitive', 'secure']);

/** One value a module block is given, and where: the input and the keys under it (`secrets.app`, `tokens[0]`). */
export interface ModuleInput {
  readonly input: string;
  readonly value: Value;
}

/**
 * The values under the secret-named inputs of a module block's body, at any depth (text and values known only later). What the
 * module stores (`value`, `content`) is a secret: always for a module whose output is read (`asOutput`); for one a store lookup may
 * find, only beside a Key Vault input or a secret's name (`key_vault_id`, `secret_name`), not a server parameter's `{ name, value }`
 * (58th run, A58a-10).
 */
export function secretInputs(body: { readonly [key: string]: unknown }, asOutput: boolean): ModuleInput[] {
  // Beside a Key Vault input however spelled (`key_vault_id`, `keyvault_id`, `kv_id`), or a secret's name (`secret_name = "PG"`, a
  // GitHub Actions secret's module): 59th run, A59a-5.
  const storing = asOutput || Object.keys(body).some((key) => wordsOf(key).some((word) => ['vault', 'keyvault', 'kv', 'akv'].includes(word) || SECRET_WORDS.has(word)));
  return inputsOf(body).flatMap(([key, value]) => secretsOf(key, key, value, storing && isStoredInput(key)));
}

/** Whether an input holds what a module stores: `value`, `content`, or such a word after words of a value (`plaintext_value`). */
function isStoredInput(key: string): boolean {
  const words = wordsOf(key);
  // Stryker disable next-line StringLiteral: equivalent: an empty name has no last word, and no stored input's word is any fallback text
  const last = words[words.length - 1] ?? '';
  return STORED_INPUTS.has(last) && words.slice(0, -1).every((word) => VALUE_WORDS.has(word));
}

/**
 * A reference a module is given (`input = module.a.out`, `db = var.db`, `pw = local.creds.password`), where, under what name, and what
 * the evaluator made of the input (a local's value).
 */
export interface PassedReference {
  readonly input: string;
  readonly key: string;
  /** The reference; '' for a value marked sensitive that reads none (`sensitive("...")`, folded by the evaluator). */
  readonly reference: string;
  readonly evaluated: Value;
  /** Whether the template marks its value sensitive (`sensitive(var.x)`: 59th run, A59a-2). */
  readonly marked: boolean;
}

/**
 * The references a module block is given under any name, at any depth, read from the body as written (a local's name is gone once
 * evaluated: 58th run, A58a-3), beside what the evaluator made of each input (55th run, A55a-6; 58th run, A58a-1/4).
 */
export function passedOn(body: { readonly [key: string]: unknown }, config: { readonly [key: string]: unknown }): PassedReference[] {
  return inputsOf(body).flatMap(([key, value]) => referencesUnder(key, key, value, config[key] as Value));
}

function referencesUnder(input: string, key: string, written: unknown, evaluated: Value): PassedReference[] {
  if (typeof written === 'string') {
    if (!written.includes('${') || isKeyVaultReference(written)) return [];
    const read = evaluateTemplate(written, NO_LOCALS);
    const marked = /\bsensitive\s*\(/.test(written);
    const references = isUnknown(read) ? read.references : [];
    return references.length === 0 && marked ? [{ input, key, reference: '', evaluated, marked }] : references.map((reference) => ({ input, key, reference, evaluated, marked }));
  }
  const at = (inner: string | number) => (isComposite(evaluated) ? (evaluated as { readonly [key: string]: Value })[inner] : undefined) ?? null;
  if (Array.isArray(written)) return written.flatMap((item, index) => referencesUnder(`${input}[${index}]`, key, item, at(index)));
  // Stryker disable next-line ConditionalExpression: equivalent: what is left is a number or a boolean, whose Object.entries are none
  if (written !== null && typeof written === 'object') return Object.entries(written).flatMap(([inner, item]) => referencesUnder(inputPath(input, inner), inner, item, at(inner)));
  return [];
}

/** Whether a name on a reference's path names a secret or what a store holds (`var.admin_password`, `azurerm_key_vault_secret.w.value`). */
export function referenceNamesSecret(reference: string): boolean {
  // Stryker disable next-line Regex,ArrayDeclaration: equivalent: wordsOf splits names at quotes, and an inner quote is always escaped (a backslash stays between its neighbours); a reference without names has no path either way
  const names = (reference.match(/[\p{ID_Start}_][\p{ID_Continue}-]*|"(?:[^"\\]|\\.)*"/gu) ?? []).map((name) => name.replace(/^"|"$/g, ''));
  // A block's type and name are no names of what it is read for: `azurerm_key_vault_secret.s.name` names a secret (59th run, A59a-9).
  // Stryker disable next-line StringLiteral: equivalent: a reference without names has no path, whatever its first name is taken to be
  const first = names[0] ?? '';
  const block = first === 'data' ? 3 : ['var', 'local', 'module', 'each'].includes(first) ? 0 : 2;
  // Stryker disable next-line ConditionalExpression: equivalent: var, local, module and each name no secret and are never the last name read as a stored attribute (block 0)
  const path = names.slice(block === 0 ? 1 : block);
  // Stryker disable next-line StringLiteral: equivalent: an empty path has no last name, and no stored attribute's word is any fallback text
  const last = path[path.length - 1] ?? '';
  // What a store holds, by the attribute a block reads it as (`.value`, `.content`); a variable named `values` holds settings (A59a-14).
  return path.some(namesSecret) || (block > 0 && STORED_INPUTS.has(last.toLowerCase()));
}

/** The inputs of a module block's body: what it is given, not the arguments that choose the module and its instances. */
function inputsOf(body: { readonly [key: string]: unknown }): [string, Value][] {
  return Object.entries(body).filter(([key]) => !META.has(key)) as [string, Value][];
}

/**
 * The secrets in `value` given to a module at `input` under the name `key`: all of them when `inSecret` (a key above names a secret, or this one does), else only those
 * under secret names below. A collection of secrets is a map (`{ app_user = ..., prod = { app = ... } }`: every item at any depth is
 * one, A57a-4/5) unless it is a record (`{ name = ..., password = ... }`, `{ length = 32 }`), whose settings are not secrets: a
 * record's text and collections under any other key are read (`{ password = ..., previous = ... }`: A57a-3; 58th run, A58a-7). A
 * `{ name = "DB_PASSWORD", value = ... }` item names its value a secret by its text (A58a-5); JSON text is read as what it spells
 * (A58a-6); text that holds a password is one under any name (A58a-12).
 */
export function secretsOf(input: string, key: string, value: Value, inSecret = false): ModuleInput[] {
  const secret = inSecret || namesSecret(key);
  if (value === null || typeof value === 'boolean') return [];
  if (Array.isArray(value)) return (value as readonly Value[]).flatMap((item, index) => secretsOf(`${input}[${index}]`, key, item, secret));
  if (isComposite(value)) {
    const entries = Object.entries(value) as [string, Value][];
    // Settings alone make a record too, two or more of them each a setting's word itself (`token = { audience, ttl }`); one key
    // (`{ client_id = ... }`) or keys of the user's words (`{ reporting-login = ..., app_name = ... }`) are a map (58th run, A58a-10).
    const record = secret && (entries.some(([inner]) => RECORD_KEYS.has(inner.toLowerCase()) || RECORD_SETTINGS.has(inner.toLowerCase()))
      || entries.every(([inner]) => isGeneratorSetting(inner)) || (entries.length > 1 && entries.every(([inner]) => isSettingWord(inner))));
    const namedValue = entries.some(([inner, item]) => (['name', 'key'].includes(inner.toLowerCase()) && typeof item === 'string' && namesSecret(item))
      || (SECRET_FLAGS.has(inner.toLowerCase()) && (item === true || item === 'true')));
    return entries.flatMap(([inner, item]) => {
      const within = (secret && !(record && isSetting(inner))) || (namedValue && inner.toLowerCase() === 'value');
      return secretsOf(inputPath(input, inner), inner, item, within);
    });
  }
  // A collection made by a `for` is its items, each read as an item of what it makes (60th run, A60a-6/7: `{for k, v in var.dbs : k =>
  // { name = "${k}-password" }}` holds settings); a `merge(...)` is each object it merges.
  // One over a reference is read where the reference is read back (echoed-arguments.ts referencedSecrets: evaluated over what the
  // collection holds, keys and all).
  if (isUnknown(value) && value.items !== undefined) {
    if (forCollection(value) !== undefined) return secret ? [{ input, value }] : [];
    return value.items.flatMap((item) => secretsOf(`${input}[*]`, key, item, secret));
  }
  if (isUnknown(value) && MERGE.test(value.expression) && value.parts !== undefined) return value.parts.flatMap((part) => secretsOf(input, key, part, inSecret));
  // Stryker disable next-line ConditionalExpression: equivalent: the only other value left is a number, whose text is never a Key Vault reference
  if ((typeof value === 'string' || isUnknown(value)) && isKeyVaultReference(value.toString())) return [];
  const spelled = isUnknown(value) && isComposite(value.encodes ?? null) ? value.encodes : jsonSpelled(value);
  if (spelled !== undefined) return secretsOf(input, key, spelled, inSecret);
  // A number is a secret under a secret name or as an item of secrets (`{ app = 12345678 }`: A58a-9), never a setting (`rotation_days = 90`).
  if (secret && (typeof value !== 'number' || !isSetting(key))) return [{ input, value }];
  // Text under a setting's name (`description`, `tags`) is prose, whatever it says (59th run, A59a-16).
  return typeof value === 'string' && !isSetting(key) && (HOLDS_PASSWORD.test(value) || yamlHoldsSecret(value)) ? [{ input, value }] : [];
}

/** A call of `merge`, whose parts the evaluator keeps. */
const MERGE = /^merge\s*\(/;

/** A `for` expression's header to its collection: its key's symbol (when it names two) and its item's. */
const FOR_SYMBOLS = /^[[{]\s*for\s+([\p{ID_Start}_][\p{ID_Continue}-]*)(?:\s*,\s*([\p{ID_Start}_][\p{ID_Continue}-]*))?\s+in\s+/u;

/** The header of a `for` expression as written, to where its collection starts (`{for k, v in `); undefined for other text. */
export function forHeader(expression: string): string | undefined {
  return FOR_SYMBOLS.exec(expression)?.[0];
}

/** The one reference a `for` expression's collection is (`{for k, v in var.settings : ...}`); undefined for anything else. */
export function forCollection(value: Value): string | undefined {
  const collection = isUnknown(value) && value.items !== undefined ? value.parts?.[0] : undefined;
  return isUnknown(collection) && collection.isPlainReference && FOR_SYMBOLS.test((value as Unknown).expression) ? collection.references[0] : undefined;
}

/**
 * An item of a `for` over one reference whose items are known only later (a generator's, a computed attribute's), read as what it
 * reads of them at any depth: its item's path over every item (`v.result` over `random_password.db` is `random_password.db[*].result`,
 * a generated value: 60th run, A60a-6; 63rd run, A63b-3), its key none (the collection's keys, for_each keys). Anything else as the
 * evaluator made it, which reads the whole collection.
 */
export function boundSymbol(item: Value, made: Unknown): Value {
  if (Array.isArray(item)) return (item as readonly Value[]).map((each) => boundSymbol(each, made));
  if (isComposite(item)) return Object.fromEntries(Object.entries(item).map(([key, each]) => [key, boundSymbol(each as Value, made)]));
  const symbols = FOR_SYMBOLS.exec(made.expression);
  const collection = made.parts?.[0];
  if (symbols === null || !isUnknown(item) || !isUnknown(collection) || !collection.isPlainReference || item.parts?.[0] !== collection) return item;
  const [, first, second] = symbols;
  const root = /^[\p{ID_Start}_][\p{ID_Continue}-]*/u.exec(item.expression)?.[0];
  if (second !== undefined && second !== first && root === first) return null;
  if (root !== (second ?? first)) return item;
  const path = `${collection.references[0]}[*]${item.expression.slice(root.length)}`;
  return new Unknown(path, [path]);
}

/** Whether YAML text gives a key that names a secret a value (`auth:\n  password: ...`; not `existingSecret: name`). */
function yamlHoldsSecret(text: string): boolean {
  return text.includes('\n') && [...text.matchAll(YAML_LINE)].some((line) => namesSecret(line[1]));
}

/**
 * Whether text is wholly an App Service Key Vault reference, its interpolations (`${lower(var.name)}`) read as one name each: text
 * after its closing parenthesis is no part of it (`...(SecretName=pg);Password=...`: 61st run, A61a-6).
 */
function isKeyVaultReference(text: string): boolean {
  let plain = '';
  // Stryker disable next-line EqualityOperator: equivalent: at the text's end indexOf finds no interpolation, and the rest read is empty, as after the loop
  for (let at = 0; at < text.length;) {
    const start = text.indexOf('${', at);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: without an interpolation the next line returns before end is read; one at 0 opens the text, which is then no Key Vault reference either way
    const end = start < 0 ? undefined : expressionEnd(text, start + 2, '}');
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: end is undefined whenever start is below 0; an interpolation at 0 opens the text, which is then no Key Vault reference either way
    if (start < 0 || end === undefined) return KEY_VAULT_REFERENCE.test(plain + text.slice(at));
    plain += `${text.slice(at, start)}x`;
    at = end + 1;
  }
  return KEY_VAULT_REFERENCE.test(plain);
}

/** Whether a key only describes or configures the secret of its record (`name`, `content_type`, `expiration_date`, `override_special`). */
export function isSetting(key: string): boolean {
  if (namesSecret(key)) return false;
  const words = wordsOf(key);
  // Stryker disable next-line StringLiteral: equivalent: a key without words has no last word, and no setting's word is any fallback text
  const last = words[words.length - 1] ?? '';
  return ABOUT_WORDS.has(last) || GENERATOR_WORDS.has(last) || SETTING_WORDS.has(last) || DESCRIBING_KEYS.has(last);
}

/** Whether a key is one setting's word (`audience`, `ttl`), not a name of the user's that ends with one (`app_name`). */
function isSettingWord(key: string): boolean {
  const lower = key.toLowerCase();
  return [DESCRIBING_KEYS, ABOUT_WORDS, GENERATOR_WORDS, SETTING_WORDS, RECORD_SETTINGS].some((words) => words.has(lower));
}

/** Whether a key is a password generator's setting (`length`, `override_special`, `min_upper`). */
function isGeneratorSetting(key: string): boolean {
  const words = wordsOf(key);
  // Stryker disable next-line StringLiteral: equivalent: a key without words has no last word, and no generator setting is any fallback text
  return GENERATOR_WORDS.has(words[words.length - 1] ?? '');
}

/** Where a key is, as a reference spells it: `secrets.app`, `secrets["pg-admin"]`. */
function inputPath(input: string, key: string): string {
  return /^[A-Za-z_]\w*$/.test(key) ? `${input}.${key}` : `${input}[${JSON.stringify(key)}]`;
}

/** A name's words, in lower case, digits at their end cut (`adminPassword1` is admin, password). */
function wordsOf(name: string): string[] {
  // Stryker disable next-line Regex: equivalent: the empty words a single separator leaves between two are filtered out
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).map((word) => word.replace(/\d+$/, '')).filter((word) => word !== '');
}

/**
 * Whether a name says its value is a secret: it ends with a secret word (or two: `api_key`, `private_key_pem`), or holds one and
 * ends with a value word (`secret_value`, `secret_string`); a name that only mentions one (`secret_permissions`, `token_audience`,
 * `secret_rotation_interval`) does not (57th run, A57a-7).
 */
export function namesSecret(name: string): boolean {
  const words = wordsOf(name);
  const last = words[words.length - 1];
  // What names an existing secret points at one (`existing_secret`, helm's `auth.existingSecret`: 59th run, A59a-13); an existing
  // password is one (`existing_admin_password`: 60th run, A60a-5).
  // Stryker disable next-line StringLiteral: equivalent: a name without words has no last word, and neither secret word is any fallback text
  if (words.includes('existing') && ['secret', 'secrets'].includes(last ?? '')) return false;
  // A secure collection holds secrets (`secure_environment_variables`: 59th run, A59a-4).
  // Stryker disable next-line ConditionalExpression: equivalent: a name whose first word is secure has a last word
  if (words[0] === 'secure' && last !== undefined && !ABOUT_WORDS.has(last)) return true;
  // A pair before the words about a secret: `database_url` holds one (58th run, A58a-12), `password_url` points at one.
  if (SECRET_PAIRS.test(words.join('_'))) return true;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: no word about a secret is a secret, short or value word, and a name without words names no secret below either
  if (last === undefined || ABOUT_WORDS.has(last)) return false;
  const secretWord = (word: string) => SECRET_WORDS.has(word) || SECRET_PARTS.test(word);
  return LAST_WORDS.has(last) || secretWord(last) || (VALUE_WORDS.has(last) && words.some(secretWord));
}
