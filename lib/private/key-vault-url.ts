// The one grammar of a Key Vault key's data-plane URL (twenty-fifth review, A25a-3): the props accept it (shared/key-vault-key.ts)
// and every reader of the rule pack reads a key's URL through parseKeyUrl, so a URL the props take is never one the checks drop.

/** https, a host of letters, digits, dots and hyphens, the port 443 or none, /keys/<name>, a 32-digit hex version or none, a final slash or none. */
const GRAMMAR = '^https://([a-zA-Z0-9.-]+)(?::443)?/keys/([a-zA-Z0-9-]{1,127})(?:/([a-fA-F0-9]{32}))?/?$';

/** A key's URL as the props accept it, with its version or without. */
export const KEY_URL = new RegExp(GRAMMAR);
/** A key's URL as the props accept it, with its version (a Single Server needs one). */
export const VERSIONED_KEY_URL = new RegExp(GRAMMAR.replace('(?:/([a-fA-F0-9]{32}))?', '/([a-fA-F0-9]{32})'));

/**
 * A Key Vault's host in any cloud (vault.azure.net, vault.azure.cn, vault.usgovcloudapi.net, vault.microsoftazure.de: the first
 * label is the vault's globally unique name) or a Managed HSM's (managedhsm.azure.net ...).
 */
const HOST = '^([a-z0-9-]+)\\.(vault|managedhsm)\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.?$';
/** What the checks read (a superset of the props' grammar): the scheme and `keys` in any case, any version of letters and digits (the provider takes any). */
const READ = '^https://([a-zA-Z0-9.-]+)(?::443)?/keys/([a-zA-Z0-9-]{1,127})(?:/([a-zA-Z0-9]+))?/?$';

/** A key's URL as read: its vault's (or Managed HSM's) name, which of the two it is, the key's name (lower case), its version. */
export interface KeyUrl {
  readonly vault: string;
  readonly service: 'vault' | 'managedhsm';
  readonly key: string;
  readonly version?: string;
}

/**
 * A key's URL read by the grammar the props accept (the scheme and `keys` in any case, any version, space around it trimmed, as
 * the provider reads them), or undefined: a URL with another port, a query, a percent-encoded character, another host, is not read
 * (its readers fail closed: it may be any key). `hole`, a character that stands for a template's interpolation, may be in any name.
 */
export function parseKeyUrl(text: string, hole = ''): KeyUrl | undefined {
  const holed = (pattern: string) => (hole === '' ? pattern : pattern.replace(/a-zA-Z0-9|a-z0-9/g, (range) => `${range}${hole.replace(/[\\\]^-]/g, '\\$&')}`));
  const url = new RegExp(holed(READ), 'i').exec(text.trim());
  const host = url === null ? null : new RegExp(holed(HOST), 'i').exec(url[1]);
  if (url === null || host === null) return undefined;
  return { vault: host[1].toLowerCase(), service: host[2].toLowerCase() as KeyUrl['service'], key: url[2].toLowerCase(), ...(url[3] === undefined ? {} : { version: url[3].toLowerCase() }) };
}

/** A key's data-plane URL ("?" for an interpolation) as its ARM ID in any group and subscription ("?"), its version left out. */
export function keyUrlArmId(text: string): string | undefined {
  const url = parseKeyUrl(text, '?');
  return url === undefined ? undefined : `/subscriptions/?/resourceGroups/?/providers/Microsoft.KeyVault/${url.service === 'vault' ? 'vaults' : 'managedHSMs'}/${url.vault}/keys/${url.key}`;
}
