// 85th run, A85c-2: which references read text anyone can tell (public-references.ts), and which may be secrets.
import { Unknown } from '../../lib/checks/hcl-expression';
import { publicReading } from '../../lib/checks/public-references';

const block = (config: object, instanceKeys?: string[]) => ({ config: config as { [name: string]: unknown }, ...(instanceKeys === undefined ? {} : { instanceKeys }) });

test.each([
  ['terraform.workspace', 'the name of the Terraform workspace'],
  ['path.cwd', 'a path of the configuration'],
  ['count.index', 'the index of the block\'s instance'],
  ['each.key', 'the key of the block\'s instance'],
  ['self.triggers', 'an attribute of the block itself'],
  ['azurerm_key_vault_secret.s.versionless_id', 'an ID, name, host, address or public key (versionless_id)'],
  ['data.azurerm_client_config.c.object_id', 'an ID, name, host, address or public key (object_id)'],
  ['azurerm_postgresql_flexible_server.db[0].administrator_login', 'an ID, name, host, address or public key (administrator_login)'],
  ['azurerm_storage_account.s.primary_blob_endpoint', 'an ID, name, host, address or public key (primary_blob_endpoint)'],
  ['tls_private_key.k.public_key_pem', 'an ID, name, host, address or public key (public_key_pem)'],
  ['random_password.p.id', 'the id of a random_password, not its result'],
  ['time_rotating.r.rotation_rfc3339', 'a time, which anyone can guess'],
  ['data.http.h.response_body', 'what an HTTP request sent with no credential in its headers gets back'],
])('%s is no secret', (reference, reading) => {
  expect(publicReading(reference)).toBe(reading);
});

test.each([
  'var.p', 'local.p', 'module.m.id', 'each.value', 'random_password.p.result', 'random_string.s.id', 'random_id.i.hex',
  'tls_private_key.k.private_key_pem', 'azurerm_storage_account.s.primary_access_key', 'data.azurerm_key_vault_secret.s.value',
  'ephemeral.azurerm_key_vault_secret.s.value', 'azurerm_key_vault_secret.s', 'terraform.applying',
])('%s may be a secret', (reference) => {
  expect(publicReading(reference)).toBeUndefined();
});

// 87th run, A87a-4: hosts, mail addresses, zones, certificates, pet names; an HTTP request whose headers are all literal.
test.each([
  ['data.azurerm_storage_account.sa.primary_blob_host', 'an ID, name, host, address or public key (primary_blob_host)'],
  ['data.azuread_user.u.mail', 'an ID, name, host, address or public key (mail)'],
  ['azurerm_postgresql_flexible_server.db.zone', 'an ID, name, host, address or public key (zone)'],
  ['tls_self_signed_cert.c.cert_pem', 'an ID, name, host, address or public key (cert_pem)'],
  ['data.azurerm_key_vault_certificate.c.certificate_data', 'an ID, name, host, address or public key (certificate_data)'],
  ['random_pet.p.id', 'a pet name from a short word list, which anyone can guess'],
])('%s is no secret (A87a-4)', (reference, reading) => {
  expect(publicReading(reference)).toBe(reading);
});

test('an HTTP request with literal headers only reads no store (A87a-4)', () => {
  const lookups = new Map([['data.http.h', block({ url: 'https://x', request_headers: { Accept: 'text/plain' } })]]);
  expect(publicReading('data.http.h.response_body', { lookups })).toBe('what an HTTP request sent with no credential in its headers gets back');
});

test('an HTTP request with headers may read a store', () => {
  const token = new Unknown('var.t', ['var.t']);
  const lookups = new Map([['data.http.h', block({ url: 'https://vault', request_headers: { 'X-Vault-Token': token } })], ['data.http.o', block({ url: 'https://x', request_headers: null })]]);
  expect(publicReading('data.http.h.response_body', { lookups })).toBeUndefined();
  expect(publicReading('data.http.o.response_body', { lookups })).toBe('what an HTTP request sent with no credential in its headers gets back');
});

describe('a name after a block with count or for_each may be an instance key written after a dot', () => {
  test('keys not known: public only when both readings are', () => {
    const resources = new Map([['azurerm_key_vault_secret.u', block({ for_each: '${var.m}' })]]);
    expect(publicReading('azurerm_key_vault_secret.u.tags.value', { resources })).toBeUndefined();
    expect(publicReading('azurerm_key_vault_secret.u.a.id', { resources })).toBeUndefined();
    expect(publicReading('azurerm_key_vault_secret.u.name.id', { resources })).toBe('an ID, name, host, address or public key (name)');
    expect(publicReading('azurerm_key_vault_secret.u.id', { resources })).toBeUndefined();
  });
  test('keys known: the key picks the instance, the next name is the attribute', () => {
    const resources = new Map([['azurerm_key_vault_secret.u', block({ for_each: { id: 'x' } }, ['id'])], ['azurerm_key_vault_secret.c', block({ count: 2 })]]);
    expect(publicReading('azurerm_key_vault_secret.u.id.value', { resources })).toBeUndefined();
    expect(publicReading('azurerm_key_vault_secret.u.value', { resources })).toBeUndefined();
    expect(publicReading('azurerm_key_vault_secret.u.id.name', { resources })).toBe('an ID, name, host, address or public key (name)');
    expect(publicReading('azurerm_key_vault_secret.c[0].id', { resources })).toBe('an ID, name, host, address or public key (id)');
  });
});
