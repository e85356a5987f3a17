import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { EXIT_FINDINGS, EXIT_OK } from '../../lib/cli/check-command';
import { DatabaseAccess, SecureFlexibleServer } from '../../lib';
import { minimalProps } from '../helpers';
import { checkStack } from './cli-harness';

// 36th run, A36a-1 to -4: `check` on a written cdk.tf.json reads the provider arguments the runner's environment fills as synth does.

function checked(overrides: { [name: string]: unknown }, onAccess?: (access: DatabaseAccess) => void): { code: number; text: string } {
  const stack = new TerraformStack(Testing.app(), 'env');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
  const access = new DatabaseAccess(stack, 'Access', { server: postgres, connectAs: { principalName: 'db-admins' }, databases: ['orders'], roles: [] });
  onAccess?.(access);
  const provider = new PostgresqlProvider(stack, 'raw', { alias: 'raw', host: postgres.fqdn, database: 'postgres', sslmode: 'verify-full', username: 'db-admins', azureIdentityAuth: true });
  for (const [name, value] of Object.entries(overrides)) provider.addOverride(name, value);
  new Grant(stack, 'G', { provider, database: 'orders', role: 'public', objectType: 'database', privileges: [] });
  const { code, out, err } = checkStack(stack);
  return { code, text: [...out, ...err].join('\n') };
}

test.each([
  ['host unset', { host: null }, /has host not set: the runner's PGHOST/],
  ['database unset', { database: null }, /has database not set: the runner's PGDATABASE/],
  ['sslmode unset beside ssl_mode "verify-full"', { sslmode: null, ssl_mode: 'verify-full' }, /has sslmode not set, so the runner's PGSSLMODE decides/],
])('%s fails PGD-TLS-1 in check (exit 1)', (_what, overrides, message) => {
  const result = checked(overrides);
  expect(result.text).toMatch(/ERROR +PGD-TLS-1 +postgresql_grant\.G:/);
  expect(result.text).toMatch(message);
  expect(result.code).toBe(EXIT_FINDINGS);
});

test('an added database_username on the DatabaseAccess provider fails PGD-IAM-11 in check (exit 1)', () => {
  const result = checked({}, (access) => access.provider.addOverride('database_username', 'orders_app'));
  expect(result.text).toMatch(/ERROR +PGD-IAM-11 .*has database_username, which DatabaseAccess never writes/);
  expect(result.code).toBe(EXIT_FINDINGS);
});

test('control: host = fqdn, database literal, sslmode verify-full passes check (exit 0)', () => {
  const result = checked({});
  expect(result.text).not.toMatch(/PGD-TLS-1|PGD-IAM-11/);
  expect(result.code).toBe(EXIT_OK);
});
