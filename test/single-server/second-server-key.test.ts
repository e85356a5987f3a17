import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PostgresqlServerKey } from '@cdktf/provider-azurerm/lib/postgresql-server-key';
import { App } from 'cdktf';
import { SecureSingleServer } from '../../lib';
import { minimalSingleProps, providerStack } from '../helpers';

// Azure keeps one key per Single Server: a server key beside a SecureSingleServer that the
// construct did not make sets the server's encryption key by whichever applies last (ninth review, A9-12).

const OWN_KEY = 'https://kv-orders.vault.azure.net/keys/pg/0123456789abcdef0123456789abcdef';
const OTHER_KEY = 'https://kv-elsewhere.vault.azure.net/keys/pg/fedcba9876543210fedcba9876543210';

function synthError(customerManagedKey: boolean, second: boolean): string {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'server-key-')) });
  const stack = providerStack('legacy', app);
  const server = new SecureSingleServer(stack, 'Legacy', minimalSingleProps(customerManagedKey ? { customerManagedKey: { keyVaultKeyId: OWN_KEY } } : {}));
  if (second) new PostgresqlServerKey(stack, 'Second', { serverId: server.serverId, keyVaultKeyId: OTHER_KEY });
  try {
    app.synth();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

test.each([true, false])('a second key beside the construct (customerManagedKey set: %s) fails synth with PGS-ENC-2 on that key', (customerManagedKey) => {
  expect(synthError(customerManagedKey, true).split('\n').filter((line) => / PGS-ENC-2 /.test(line))).toEqual([
    expect.stringMatching(/^\s+\[legacy\] azurerm_postgresql_server_key\.Second PGS-ENC-2 azurerm_postgresql_server_key\.Second sets the key of the server legacy\/Legacy makes, which the construct did not make/),
  ]);
});

test.each([true, false])('the construct alone (customerManagedKey set: %s) synthesizes', (customerManagedKey) => {
  expect(synthError(customerManagedKey, false)).toBe('');
});
