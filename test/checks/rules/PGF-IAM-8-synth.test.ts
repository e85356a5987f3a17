import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../../lib';
import { rule } from '../../../lib/checks/rules/PGF-IAM-8';
import { minimalProps, synthErrors } from '../../helpers';

// PGF-IAM-8 at synth: a parameter resource added beside a SecureFlexibleServer. The rule's own
// cases are in PGF-IAM-8.test.ts, which loads no cdktf.

function serverWith(name: string, value: string) {
  const stack = new TerraformStack(Testing.app(), 'params');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const parameter = new PostgresqlFlexibleServerConfiguration(stack, 'legacy', { name, value, serverId: postgres.server.id });
  return { stack, parameter };
}

test('lo_compat_privileges = on beside a SecureFlexibleServer fails synth', () => {
  const { stack, parameter } = serverWith('lo_compat_privileges', 'on');
  expect(synthErrors(stack)).toEqual([
    `  [params] ${parameter.terraformResourceType}.${parameter.friendlyUniqueId} PGF-IAM-8 server parameter lo_compat_privileges is "on", `
    + 'not "off" (on skips the privilege checks on large objects: every role reads and writes all of them). '
    + `Fix: ${rule.fix}`,
  ]);
});

test('session_replication_role = replica beside a SecureFlexibleServer fails synth', () => {
  const { stack } = serverWith('session_replication_role', 'replica');
  expect(synthErrors(stack)).toEqual([expect.stringContaining('PGF-IAM-8 server parameter session_replication_role is "replica"')]);
});

test('the default values beside a SecureFlexibleServer pass synth', () => {
  expect(synthErrors(serverWith('lo_compat_privileges', 'off').stack)).toEqual([]);
  expect(synthErrors(serverWith('session_replication_role', 'origin').stack)).toEqual([]);
});

test('a suppression with a reason on the parameter resource lets synth pass', () => {
  const { stack, parameter } = serverWith('lo_compat_privileges', 'on');
  PostgresSecurityChecks.suppress(parameter, 'PGF-IAM-8', 'Legacy document store keeps files as large objects (SEC-901)');
  expect(synthErrors(stack)).toEqual([]);
});
