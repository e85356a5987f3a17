import { KEY_URL, parseKeyUrl, VERSIONED_KEY_URL } from '../../lib/private/key-vault-url';

// Twenty-fifth review, A25a-3: the props accepted a key URL with ":443" that the rule pack's readers did not read, so the key
// and its vault dropped out of every check. One grammar: what the props accept, the checks read.

const VERSION = '0123456789abcdef0123456789abcdef';

test.each([
  ['the plain URL', 'https://kv-orders.vault.azure.net/keys/pg-key', { vault: 'kv-orders', key: 'pg-key' }],
  ['the port 443', 'https://kv-orders.vault.azure.net:443/keys/pg-key', { vault: 'kv-orders', key: 'pg-key' }],
  ['a final slash', 'https://kv-orders.vault.azure.net/keys/pg-key/', { vault: 'kv-orders', key: 'pg-key' }],
  ['a version', `https://kv-orders.vault.azure.net:443/keys/pg-key/${VERSION}/`, { vault: 'kv-orders', key: 'pg-key', version: VERSION }],
  ['the host and key in capitals', 'https://KV-Orders.Vault.Azure.Net/keys/PG-Key', { vault: 'kv-orders', key: 'pg-key' }],
  ['Azure China', 'https://kv-orders.vault.azure.cn/keys/pg-key', { vault: 'kv-orders', key: 'pg-key' }],
  ['Azure US Government', 'https://kv-orders.vault.usgovcloudapi.net/keys/pg-key', { vault: 'kv-orders', key: 'pg-key' }],
  ['Azure Germany', 'https://kv-orders.vault.microsoftazure.de/keys/pg-key', { vault: 'kv-orders', key: 'pg-key' }],
])('the props accept %s and the checks read the same vault and key', (_name, url, read) => {
  expect(KEY_URL.test(url)).toBe(true);
  expect(parseKeyUrl(url)).toEqual({ service: 'vault', ...read });
});

test('the checks also read what the provider takes beyond the props: the scheme and "keys" in capitals, any version, blanks around', () => {
  expect(parseKeyUrl(' HTTPS://kv-orders.vault.azure.net/KEYS/pg-key/1 ')).toEqual({ service: 'vault', vault: 'kv-orders', key: 'pg-key', version: '1' });
});

test('a Managed HSM key is read as one (judged apart)', () => {
  expect(parseKeyUrl('https://hsm-orders.managedhsm.azure.net/keys/pg-key')).toEqual({ service: 'managedhsm', vault: 'hsm-orders', key: 'pg-key' });
});

test.each([
  'https://kv-orders.vault.azure.net:8443/keys/pg-key',
  'http://kv-orders.vault.azure.net/keys/pg-key',
  'https://kv-orders.vault.azure.net/keys/pg-key?api-version=7.4',
  'https://kv-orders.vault.azure.net/keys/pg%2Dkey',
  'https://kv-orders.vault.azure.net/keys/pg-key/..',
  'https://kv-orders.privatelink.vaultcore.azure.net/keys/pg-key',
  'https://user@kv-orders.vault.azure.net/keys/pg-key',
  'https://kv-orders.vault.azure.net//keys/pg-key',
  'https://kv-orders.vault.azure.net/secrets/pg-key',
  'kv-orders.vault.azure.net/keys/pg-key',
])('%s is not read (its readers fail closed: any key)', (url) => {
  expect(parseKeyUrl(url)).toBeUndefined();
});

test('a hole for a template\'s interpolation may stand in any name', () => {
  expect(parseKeyUrl('https://?.vault.azure.net/keys/cmk/?', '?')).toEqual({ service: 'vault', vault: '?', key: 'cmk', version: '?' });
  expect(parseKeyUrl('https://?.vault.azure.net/keys/cmk/?')).toBeUndefined();
});

test('the versioned grammar (a Single Server\'s) needs a 32-digit version', () => {
  expect([VERSIONED_KEY_URL.test(`https://kv.vault.azure.net:443/keys/k/${VERSION}`), VERSIONED_KEY_URL.test('https://kv.vault.azure.net/keys/k')]).toEqual([true, false]);
});
