// 89th run, A89a-1: a Key Vault secret ID read as azurerm reads it (Go's url.ParseRequestURI, its path percent-decoded).
import { readSecretId, secretIdsIn } from '../../lib/checks/key-vault-ids';

const HOLE = /\$\{[^}]*\}/;

test.each([
  ['https://kv.vault.azure.net/secrets/db-password/0123', { host: 'kv.vault.azure.net', name: 'db-password' }],
  ['https://kv.vault.azure.net/secrets/db-passwor%64', { host: 'kv.vault.azure.net', name: 'db-password' }],
  ['https://kv.vault.azure.net/secrets%2Fdb-password/0', { host: 'kv.vault.azure.net', name: 'db-password' }],
  ['HTTPS://KV.vault.azure.net./Secrets/db-password', { host: 'kv.vault.azure.net', name: 'db-password' }],
  ['https://u@kv.vault.azure.net:443/secrets/db-password?x=1', { host: 'kv.vault.azure.net', name: 'db-password' }],
  ['https://${var.vault}.vault.azure.net/secrets/db-password', { host: undefined, name: 'db-password' }],
  ['https://kv.vault.azure.net/secrets/${var.name}/1', { host: 'kv.vault.azure.net', name: '${var.name}' }],
  // 90th run, A90a-1: azurerm trims one "/" at the end too.
  ['https://kv.vault.azure.net/secrets/db-password/0/', { host: 'kv.vault.azure.net', name: 'db-password' }],
])('%s names %j', (text, expected) => {
  expect(readSecretId(text, HOLE)).toEqual(expected);
});

test.each([
  ['a key', 'https://kv.vault.azure.net/keys/db-password/0'],
  ['a broken escape', 'https://kv.vault.azure.net/secrets/db%zz'],
  ['too many segments', 'https://kv.vault.azure.net/secrets/a/b/c'],
  ['too many segments, a "/" at the end', 'https://kv.vault.azure.net/secrets/a/b/c/'],
  ['no name', 'https://kv.vault.azure.net/secrets'],
  ['a path', '/secrets/db-password'],
  ['another scheme', 'ftp://kv.vault.azure.net/secrets/db-password'],
])('%s names no secret', (_name, text) => {
  expect(readSecretId(text, HOLE)).toBeUndefined();
});

test.each([
  ['a variable', '${var.id}'],
  ['an interpolation as the type', 'https://kv.vault.azure.net/${var.type}/db-password'],
  ['an interpolation that may hold the path', 'https://kv.vault.azure.net/${var.path}'],
])('%s cannot be read', (_name, text) => {
  expect(readSecretId(text, HOLE)).toBe('unreadable');
});

test('secretIdsIn reads each secret URL and App Service reference by names in a text, nothing else', () => {
  const text = 'a=https://api.example.com/v1 b=@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db-pw/) c=@Microsoft.KeyVault(VaultName=KV2;SecretName=other)';
  expect(secretIdsIn(text, HOLE)).toEqual([{ host: 'kv.vault.azure.net', name: 'db-pw' }, { host: 'kv2.vault', name: 'other' }]);
  expect(secretIdsIn('@Microsoft.KeyVault(VaultName=${var.v};SecretName=db-pw)', HOLE)).toEqual([{ host: undefined, name: 'db-pw' }]);
});

// 90th run, A90a-2: an App Service reference's parts in any order, a version between them, none of the vault; a Key Vault URL whose
// path an interpolation writes may be any of its secrets; another URL whose shape is unknown names none.
test.each([
  ['@Microsoft.KeyVault(SecretName=db-pw;VaultName=KV)', [{ host: 'kv.vault', name: 'db-pw' }]],
  ['@Microsoft.KeyVault( VaultName = kv ; SecretVersion= ; SecretName = db-pw )', [{ host: 'kv.vault', name: 'db-pw' }]],
  ['@Microsoft.KeyVault(SecretName=db-pw)', [{ host: undefined, name: 'db-pw' }]],
  ['@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/${var.p})', ['unreadable']],
  ['https://api.example.com/${var.p}', []],
  // 94th run, A94b-1: a secret's path after an interpolation that writes its vault's URL names it in any vault; an App Service
  // reference whose URI is wholly an expression is read by its references, not as a secret of its own; a key's path names no secret.
  ['@Microsoft.KeyVault(SecretUri=${azurerm_key_vault.kv.vault_uri}secrets/db-pw/)', [{ host: undefined, name: 'db-pw' }]],
  ['${var.vault_uri}/secrets/db-pw/0123', [{ host: undefined, name: 'db-pw' }]],
  ['@Microsoft.KeyVault(SecretUri=${var.uri})', []],
  ['${azurerm_key_vault.kv.vault_uri}keys/cmk', []],
])('secretIdsIn reads %s', (text, expected) => {
  expect(secretIdsIn(text, HOLE)).toEqual(expected);
});
