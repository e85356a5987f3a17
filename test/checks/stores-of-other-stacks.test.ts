// A lookup that may find a store another stack of the app makes (a Key Vault secret a shared stack writes, looked up here by name)
// reads back what that stack writes (50th run, A50a-2): the other stack is judged with this one, in synth and in `check`, as a stack
// whose outputs this one reads is. Only stores are joined so (stacksLookedUp): a stack that makes a subnet another looks up is not.
import { DataAzurermKeyVaultSecret } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secret';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { App } from 'cdktf';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { PostgresSecurityChecks } from '../../lib';
import { stacksLookedUp } from '../../lib/checks/read-back-lookups';
import { cdktfOut, check, SECURE } from '../cli/cli-harness';
import { KEY_VAULT_ID, providerStack } from '../helpers';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

const SECRET = 'Lit3ralS3cret-54a2';

/** The database stack: a server that passes every error rule, its administrator password looked up by name in the vault. */
const DATABASE = {
  data: { azurerm_key_vault_secret: { k: { name: 'pg-admin', key_vault_id: KEY_VAULT_ID } } },
  resource: { ...SECURE.resource, [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_login: 'pgadmin', administrator_password: '${data.azurerm_key_vault_secret.k.value}' }) } },
};
/** The shared stack: the secret, written `value`. */
const shared = (value: string) => ({ resource: { azurerm_key_vault_secret: { s: { name: 'pg-admin', key_vault_id: KEY_VAULT_ID, value } } } });

describe('check on an app\'s cdktf.out', () => {
  test('a literal secret of the shared stack fails the stack that looks it up, naming the stack it is in', () => {
    const result = check('check', cdktfOut({ shared: shared(SECRET), db: DATABASE }));
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.out.filter((line) => / ERROR /.test(line))).toEqual([
      expect.stringMatching(/^ {2}ERROR +PGF-IAM-4 +azurerm_postgresql_flexible_server\.db: administrator_password reads data\.azurerm_key_vault_secret\.k\.value, a lookup that may find what the stack writes: it reads azurerm_key_vault_secret\.s \(stack "shared"\)\.value, an argument the stack writes with literal text/),
    ]);
    expect(result.out.join('\n')).not.toContain(SECRET);
  });
  test.each([
    ['a generated value', '${random_password.p.result}'],
    ['a variable', '${var.admin_password}'],
  ])('a secret of %s passes', (_, value) => {
    expect(check('check', cdktfOut({ shared: shared(value), db: DATABASE })).code).toBe(EXIT_OK);
  });
  test('a secret of another name passes', () => {
    const other = { resource: { azurerm_key_vault_secret: { s: { name: 'other', key_vault_id: KEY_VAULT_ID, value: SECRET } } } };
    expect(check('check', cdktfOut({ shared: other, db: DATABASE })).code).toBe(EXIT_OK);
  });
});

describe('stacksLookedUp', () => {
  const stacks = {
    vault: { resource: { azurerm_key_vault_secret: { s: {} } } },
    files: { resource: { local_sensitive_file: { f: {} } } },
    network: { resource: { azurerm_subnet: { s: {} } } },
    none: {},
  };
  const looked = (terraform: object) => stacksLookedUp(terraform, Object.keys(stacks), (name) => stacks[name as keyof typeof stacks]);
  test.each<[string, object, string[]]>([
    ['a secret lookup', { data: { azurerm_key_vault_secret: { k: {} } } }, ['vault']],
    ['an ephemeral secret', { ephemeral: { azurerm_key_vault_secret: { k: {} } } }, ['vault']],
    ['a check block\'s lookup', { check: { c: { data: { azurerm_key_vault_secret: { k: {} } } } } }, ['vault']],
    ['a file lookup (another type of the family)', { data: { local_file: { k: {} } } }, ['files']],
    ['a subnet lookup (no store)', { data: { azurerm_subnet: { k: {} } } }, []],
    ['no lookup', { resource: { azurerm_key_vault_secret: { s: {} } } }, []],
  ])('%s', (_, terraform, expected) => {
    expect(looked(terraform)).toEqual(expected);
  });
});

describe('synth', () => {
  /** An app: stack "shared" writes the secret `value`; stack "db" looks it up for a raw server it checks. */
  function app(value: (shared: ReturnType<typeof providerStack>) => string): App {
    const built = new App({ outdir: mkdtempSync(join(tmpdir(), 'stores-')) });
    const sharedStack = providerStack('shared', built);
    new RandomProvider(sharedStack, 'random');
    new KeyVaultSecret(sharedStack, 'Secret', { name: 'pg-admin', keyVaultId: KEY_VAULT_ID, value: value(sharedStack) });
    const db = providerStack('db', built);
    const look = new DataAzurermKeyVaultSecret(db, 'Look', { name: 'pg-admin', keyVaultId: KEY_VAULT_ID });
    db.addOverride(`resource.${FLEXIBLE}.db`, compliantFlexibleServer({ administrator_login: 'pgadmin', administrator_password: look.value }));
    PostgresSecurityChecks.applyTo(db);
    return built;
  }
  const administratorPasswordLines = (built: App) => {
    try {
      built.synth();
      return [];
    } catch (error) {
      return (error as Error).message.split('\n').filter((line) => / PGF-IAM-4 /.test(line));
    }
  };
  test('a literal secret of the shared stack fails synth of the stack that looks it up', () => {
    expect(administratorPasswordLines(app(() => SECRET))).toEqual([expect.stringMatching(/azurerm_key_vault_secret\.Secret \(stack "shared"\)\.value, an argument the stack writes with literal text/)]);
  });
  test('a generated one does not', () => {
    expect(administratorPasswordLines(app((sharedStack) => new Password(sharedStack, 'Generated', { length: 32 }).result))).toEqual([]);
  });
});
