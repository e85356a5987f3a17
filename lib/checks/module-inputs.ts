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
/** Words that say a value is a secret. */
const SECRET_WORDS = new Set(['password', 'passwords', 'passwd', 'passphrase', 'pwd', 'secret', 'secrets', 'token', 'tokens', 'credential', 'credentials', 'conninfo']);
/** Last words of a name that say it is the secret itself (`secret_value`), beside the secret words. */
const VALUE_WORDS = new Set(['value', 'values']);

/** The values under the secret-named inputs of a module block's body, at any depth (text and values known only later). */
export function secretInputs(body: { readonly [key: string]: unknown }): Value[] {
  return Object.entries(body).filter(([key]) => !META.has(key)).flatMap(([key, value]) => underName(key, value as Value, false));
}

function underName(key: string, value: Value, inSecret: boolean): Value[] {
  const secret = inSecret || namesSecret(key);
  if (value === null || typeof value === 'boolean') return [];
  if (Array.isArray(value)) return (value as readonly Value[]).flatMap((item) => underName(key, item, secret));
  if (typeof value === 'object' && !isUnknown(value)) return Object.entries(value).flatMap(([inner, item]) => underName(inner, item as Value, secret));
  return secret ? [value] : [];
}

/** Whether a name says its value is a secret: it holds a secret word and ends with one, or with `value` (`secret_value`). */
function namesSecret(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter((word) => word !== '');
  const last = words[words.length - 1];
  return last !== undefined && words.some((word) => SECRET_WORDS.has(word)) && (SECRET_WORDS.has(last) || VALUE_WORDS.has(last));
}
