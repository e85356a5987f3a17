/**
 * A Key Vault secret's ID as azurerm reads it (keyvault/parse nested_item.go parseNestedItemId): Go's url.ParseRequestURI, whose
 * path is percent-decoded (`passwor%64` is `password`, `secrets%2F<name>` is `secrets/<name>`: 89th run, A89a-1), then the path
 * without its leading "/" split at "/" into "secrets", the name and an optional version. The host is read by absolute-urls.ts.
 */
import { readUrl } from './absolute-urls';
import { mayBeSecretName, vaultNameOf } from './later-secrets';
import { ResourceView } from './stack-model';

/** What a secret ID names: its host (undefined where an interpolation writes it) and its name (an interpolation's text kept as written). */
export interface SecretId {
  readonly host: string | undefined;
  readonly name: string;
}

/** A template's interpolation, as an expression's text writes it: the hole of a template read with these readers. */
export const INTERPOLATION = /\$\{[^}]*\}/;

/** A percent escape; Go refuses a "%" not followed by two hex digits. */
const ESCAPE = /%[0-9a-fA-F]{2}/g;

/**
 * A secret ID, or 'unreadable' where azurerm's reading cannot be told (an interpolation where the scheme, the host's end or the path's
 * shape is; a host the checks do not read), or undefined for text azurerm reads as no secret ID (it refuses the import).
 * `hole` matches a template's interpolations.
 */
export function readSecretId(text: string, hole?: RegExp): SecretId | 'unreadable' | undefined {
  const url = readUrl(text, hole);
  if (url.kind === 'unreadable') return 'unreadable';
  if (url.kind !== 'absolute' || (url.scheme !== 'https' && url.scheme !== 'http')) return undefined;
  const path = url.rest.split(/[?#]/)[0];
  if (path.replace(ESCAPE, '').includes('%')) return hasHole(path, hole) ? 'unreadable' : undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Bytes that are no UTF-8 spell no Key Vault name (letters, digits and "-").
    return undefined;
  }
  // azurerm trims one "/" at each end (89th run's fix missed the end: 90th run, A90a-1).
  const segments = decoded.replace(/^\//, '').replace(/\/$/, '').split('/');
  // An interpolation may be the type or hold a "/": where one is, the shape is known only later.
  if (segments.length < 2 || hasHole(segments[0], hole)) return hasHole(decoded, hole) ? 'unreadable' : undefined;
  if (segments[0].toLowerCase() !== 'secrets' || (segments.length > 3 && !hasHole(segments.slice(1).join('/'), hole))) return undefined;
  return { host: url.host, name: segments[1] };
}

/** A URL in a text, up to a blank or a character that ends an App Service reference's part. */
const URL_IN_TEXT = /https?:\/\/[^\s;()"',]+/gi;
/** A URL whose host is a Key Vault's or Managed HSM's (any cloud): one the checks cannot read there may name any of its secrets. */
const VAULT_URL = /^https?:\/\/[^/]*\.(?:vault|managedhsm)\./i;
/** The parts of App Service's Key Vault references, `@Microsoft.KeyVault(<key>=<value>;...)`, in any order; a text without the wrapper is read as one. */
const REFERENCE = /@Microsoft\.KeyVault\s*\(([^)]*)\)/gi;
const PART = /^\s*(\w+)\s*=\s*(.*?)\s*$/;
/**
 * A secret's path after an interpolation that writes its vault's URL, as the azurerm docs write it (`${azurerm_key_vault.kv.vault_uri}secrets/<name>`,
 * `${var.vault_uri}/secrets/<name>`) and as the customer-managed key's reader reads `keys/<name>` (perimeter-objects.ts): group 1 is the name.
 */
const SECRET_AFTER_INTERPOLATION = /\$\{[^}]*\}\/?secrets\/([^\s/;()"',?#]+)/gi;

/**
 * The secrets a text names by their data-plane address (89th run, A89a-3): each URL in it read as a secret ID ('unreadable' for a
 * Key Vault URL whose shape an interpolation writes: 90th run, A90a-2), and each App Service Key Vault reference by names, its parts
 * in any order (its vault as the host "<vault>.vault", undefined where none is written or an interpolation writes it); a secret's path
 * after an interpolation that writes its vault's URL as a secret of any vault (94th run, A94b-1).
 */
export function secretIdsIn(text: string, hole?: RegExp): (SecretId | 'unreadable')[] {
  const found: (SecretId | 'unreadable')[] = [];
  for (const [url] of text.matchAll(URL_IN_TEXT)) {
    const read = readSecretId(url, hole);
    if (read !== undefined && (read !== 'unreadable' || VAULT_URL.test(url))) found.push(read);
  }
  // The vault an interpolation writes may be any (94th run, A94b-1).
  for (const [, name] of text.matchAll(SECRET_AFTER_INTERPOLATION)) found.push({ host: undefined, name });
  const references = [...text.matchAll(REFERENCE)].map(([, inner]) => inner);
  for (const reference of references.length > 0 ? references : [text]) {
    const parts = new Map(reference.split(';').flatMap((part) => {
      const pair = PART.exec(part);
      return pair === null ? [] : [[pair[1].toLowerCase(), pair[2]] as const];
    }));
    // A secret URI wholly an expression (`SecretUri=${azurerm_key_vault_secret.api.versionless_id}`, `${var.uri}`) is read by its
    // references like any other value: taking it for any secret would fail every app that names its own secrets so.
    const [name, vault] = [parts.get('secretname'), parts.get('vaultname')];
    if (name !== undefined) found.push({ host: vault === undefined || hasHole(vault, hole) ? undefined : `${vault.toLowerCase()}.vault`, name });
  }
  return found;
}

/**
 * Whether a secret ID read from text may name a secret of the stack: its name may be the secret's (Key Vault compares names without
 * case; one an interpolation writes may be any), in a vault that may be the secret's (a host an interpolation writes, or a secret
 * whose vault is known only at apply time, may be any).
 */
export function mayBeSecretId(found: SecretId, secret: ResourceView, blockAt: (address: string) => ResourceView | undefined, hole?: RegExp): boolean {
  const vault = vaultNameOf(secret, blockAt);
  if (vault !== undefined && found.host !== undefined && found.host.split('.')[0] !== vault) return false;
  return hasHole(found.name, hole) || mayBeSecretName(found.name, secret, blockAt);
}

/** Whether `part` holds an interpolation; a fresh RegExp so a global or sticky `hole` keeps no lastIndex between calls. */
function hasHole(part: string, hole: RegExp | undefined): boolean {
  return hole !== undefined && new RegExp(hole.source).test(part);
}
