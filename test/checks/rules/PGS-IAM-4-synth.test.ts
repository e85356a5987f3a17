import { PostgresqlConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-configuration';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { PostgresSecurityChecks, SecureSingleServer } from '../../../lib';
import { minimalSingleProps, synthErrors } from '../../helpers';

// PGS-IAM-4 at synth: a parameter resource added beside a SecureSingleServer (91st run, A91a-1).

function serverWith(name: string, value: string) {
  const stack = new TerraformStack(Testing.app(), 'params');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const postgres = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
  const parameter = new PostgresqlConfiguration(stack, 'legacy', { name, value, serverName: postgres.server.name, resourceGroupName: postgres.server.resourceGroupName });
  return { stack, parameter };
}

test('lo_compat_privileges = on beside a SecureSingleServer fails synth, and passes suppressed on the parameter with a reason', () => {
  const { stack, parameter } = serverWith('lo_compat_privileges', 'on');
  expect(synthErrors(stack)).toEqual([expect.stringContaining(`${parameter.terraformResourceType}.${parameter.friendlyUniqueId} PGS-IAM-4 server parameter lo_compat_privileges is "on"`)]);
  PostgresSecurityChecks.suppress(parameter, 'PGS-IAM-4', 'Legacy document store keeps files as large objects (SEC-901)');
  expect(synthErrors(stack)).toEqual([]);
});

test('session_replication_role = origin beside a SecureSingleServer passes synth', () => {
  expect(synthErrors(serverWith('session_replication_role', 'origin').stack)).toEqual([]);
});
