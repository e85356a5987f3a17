// 88th run, A88a-3. An `import` adopted the construct's Key Vault secret (written write-only from its generated password) into a
// second azurerm_key_vault_secret block; azurerm reads that block's `value` back from Key Vault at every refresh, and
// `ignore_changes = ["value"]` keeps its placeholder from being written, so `<copy>.value` held every rotation's password for any
// block to copy. A lookup of the secret by name and vault failed PG-IAM-4; the adopted block did not.
import { rule } from '../../lib/checks/rules/PG-IAM-4';
import { ADMIN_SECRET_NAME as SECRET_NAME, ADMIN_SECRET_VAULT as VAULT, madeAt, passwordStackFindings } from './beside-fixtures';

const beside = (block: { [key: string]: unknown }) => ({ ...madeAt('stack/copy'), ...block });
/** The adopting block: a placeholder value its lifecycle never writes. */
const COPY = beside({ name: SECRET_NAME, key_vault_id: VAULT, value: 'placeholder', lifecycle: { ignore_changes: ['value'] } });

/** PG-IAM-4's findings with an import of `id` into azurerm_key_vault_secret.copy and the sections given. */
function judged(id: string, sections: { resource?: { [type: string]: object }; output?: object; variable?: object; data?: object } = {}): string[][] {
  const resource = { ...sections.resource, azurerm_key_vault_secret: { copy: COPY, ...sections.resource?.azurerm_key_vault_secret } };
  return passwordStackFindings(rule, { ...sections, import: [{ to: 'azurerm_key_vault_secret.copy', id }], resource });
}

const READERS = {
  resource: { local_file: { f: beside({ filename: 'p', content: '${azurerm_key_vault_secret.copy.value}' }) } },
  output: { leak: { value: '${nonsensitive(azurerm_key_vault_secret.copy.value)}' } },
};
const FAILED = [['fail', 'local_file.f'], ['fail', 'output.leak']];

describe('PG-IAM-4: a block an import adopts the construct\'s Key Vault secret into holds the password', () => {
  test.each([
    ['the secret\'s id', '${azurerm_key_vault_secret.own.id}'],
    ['the secret\'s versionless_id', '${azurerm_key_vault_secret.own.versionless_id}'],
    ['its URL, the name in another case', `https://kv-postgres.vault.azure.net/secrets/${SECRET_NAME.toUpperCase()}/0123456789abcdef`],
    ['its URL with the vault known only later', `https://\${var.vault}.vault.azure.net/secrets/${SECRET_NAME}`],
    ['its URL with the name known only later', 'https://kv-postgres.vault.azure.net/secrets/${var.name}/0123'],
    ['an ID known only later', '${var.secret_id}'],
    // 89th run, A89a-1: azurerm reads the ID's path percent-decoded.
    ['its URL with a letter of the name percent-encoded', `https://kv-postgres.vault.azure.net/secrets/${SECRET_NAME.slice(0, -1)}%64/0`],
    ['its URL with "-" percent-encoded', `https://kv-postgres.vault.azure.net/secrets/${SECRET_NAME.replace('-', '%2D')}/0`],
    ['its URL with the "/" after secrets percent-encoded', `https://kv-postgres.vault.azure.net/secrets%2F${SECRET_NAME}/0`],
    ['its URL with a userinfo before the vault', `https://x@kv-postgres.vault.azure.net/secrets/${SECRET_NAME}`],
    // 90th run, A90a-1.
    ['its URL with a "/" after the version', `https://kv-postgres.vault.azure.net/secrets/${SECRET_NAME}/0/`],
  ])('fails the readers of the adopted block\'s value when the import names %s', (_name, id) => {
    expect(judged(id, { ...READERS, variable: { vault: {}, name: {}, secret_id: {} } })).toEqual(FAILED);
  });

  test.each([
    ['another secret\'s URL', 'https://kv-postgres.vault.azure.net/secrets/other-password/0123'],
    ['the secret\'s name in another vault', `https://kv-elsewhere.vault.azure.net/secrets/${SECRET_NAME}/0123`],
    ['a literal that is no secret URL', 'not-a-secret-id'],
    ['a key\'s URL of that name', `https://kv-postgres.vault.azure.net/keys/${SECRET_NAME}/0`],
    ['a URL with a broken escape, which azurerm refuses', `https://kv-postgres.vault.azure.net/secrets/${SECRET_NAME}%zz/0`],
    ['another secret\'s URL with a userinfo naming the vault', 'https://kv-postgres@kv-elsewhere.vault.azure.net/secrets/orders-db-administrator-password'],
  ])('passes the readers when the import names %s', (_name, id) => {
    expect(judged(id, READERS)).toEqual([]);
  });

  test('passes an adopting import whose block\'s value nothing reads', () => {
    expect(judged('${azurerm_key_vault_secret.own.id}')).toEqual([]);
  });
});

describe('what the import\'s id is the ID of', () => {
  const other = beside({ name: 'other-password', key_vault_id: VAULT, value_wo: '${var.other}' });
  test('another secret block\'s ID is that block\'s secret: passes', () => {
    expect(judged('${azurerm_key_vault_secret.other.id}', { ...READERS, resource: { ...READERS.resource, azurerm_key_vault_secret: { other } }, variable: { other: {} } })).toEqual([]);
  });
  test('a lookup\'s ID is the secret it may find: by the secret\'s name and vault it fails, by another name it passes', () => {
    const lookup = (name: string) => ({ data: { azurerm_key_vault_secret: { look: { name, key_vault_id: VAULT } } } });
    expect(judged('${data.azurerm_key_vault_secret.look.id}', { ...READERS, ...lookup(SECRET_NAME) })).toEqual(FAILED);
    expect(judged('${data.azurerm_key_vault_secret.look.id}', { ...READERS, ...lookup('other-password') })).toEqual([]);
  });
});

test('an import by identity (Terraform 1.12), which names no ID the checks read, may adopt the secret: its readers fail', () => {
  const terraform = { ...READERS, import: [{ to: 'azurerm_key_vault_secret.copy', identity: { name: SECRET_NAME } }], resource: { ...READERS.resource, azurerm_key_vault_secret: { copy: COPY } } };
  expect(passwordStackFindings(rule, terraform)).toEqual(FAILED);
});
