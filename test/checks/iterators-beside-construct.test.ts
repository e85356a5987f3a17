import { DataAzurermPostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/data-azurerm-postgresql-flexible-server';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TerraformIterator, TerraformStack } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { checkStack } from '../cli/cli-harness';
import { minimalProps, providerStack, synthErrors, TENANT_ID } from '../helpers';

// Eleventh review, A11b-9: a resource made with for_each over a construct's server (cdktf's
// TerraformIterator writes `each.value`), a dynamic block's iterator, or a data source that looks the
// server up by a reference to its name, was not tied to the server: an extra administrator or an Owner
// passed. each.key/each.value (and a dynamic block's iterator) now stand for the for_each's items.

const CONTRACTOR = '99999999-9999-9999-9999-999999999999';
const rulesOf = (stack: TerraformStack) => synthErrors(stack).map((line) => / (PG[A-Z]*-[A-Z]+-\d+) /.exec(line)?.[1]);

function administrator(stack: TerraformStack, serverName: string, forEach?: TerraformIterator): void {
  new PostgresqlFlexibleServerActiveDirectoryAdministrator(stack, 'Contractor', {
    forEach, serverName, resourceGroupName: 'rg-orders', tenantId: TENANT_ID, objectId: CONTRACTOR, principalName: 'contractor', principalType: 'User',
  });
}

test('an Entra administrator through a TerraformIterator over the construct\'s server name fails PG-IAM-3, at synth and in check', () => {
  const stack = providerStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const servers = TerraformIterator.fromMap({ orders: postgres.serverName });
  administrator(stack, servers.value, servers);
  expect(rulesOf(stack)).toEqual(['PG-IAM-3']);
  expect(checkStack(stack).code).toBe(1);
});

test('over several servers (a list), each one is followed: the construct\'s among them fails', () => {
  const stack = providerStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const servers = TerraformIterator.fromList([postgres.serverName, 'some-other-db']);
  administrator(stack, servers.value, servers);
  expect(rulesOf(stack)).toContain('PG-IAM-3');
});

test('an Owner role assignment through a TerraformIterator over the server ID fails PG-IAM-2', () => {
  const stack = providerStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const scopes = TerraformIterator.fromMap({ orders: postgres.serverId });
  new RoleAssignment(stack, 'Owner', { forEach: scopes, scope: scopes.value, roleDefinitionName: 'Owner', principalId: CONTRACTOR });
  expect(rulesOf(stack)).toEqual(['PG-IAM-2']);
});

test('an Entra administrator on a data source that looks the construct\'s server up by a reference to its name fails PG-IAM-3', () => {
  const stack = providerStack();
  const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const lookup = new DataAzurermPostgresqlFlexibleServer(stack, 'Lookup', { name: postgres.server.name, resourceGroupName: 'rg-orders' });
  administrator(stack, lookup.name);
  expect(rulesOf(stack)).toEqual(['PG-IAM-3']);
});

test('a private endpoint whose connection is a dynamic block over the server ID fails PG-NET-1 (JSON, as check reads it)', () => {
  const stack = providerStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const json = stack.toTerraform() as { resource: { [type: string]: { [name: string]: unknown } } };
  const server = Object.keys(json.resource.azurerm_postgresql_flexible_server)[0];
  json.resource.azurerm_private_endpoint = {
    extra: {
      name: 'pe-extra', location: 'westeurope', resource_group_name: 'rg-orders', subnet_id: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s',
      dynamic: { private_service_connection: { for_each: [`\${azurerm_postgresql_flexible_server.${server}.id}`], iterator: 'psc', content: { name: 'psc', is_manual_connection: false, subresource_names: ['postgresqlServer'], private_connection_resource_id: '${psc.value}' } } },
    },
  };
  const failed = evaluateStack(json, ALL_RULES).findings.filter((f) => f.status === 'fail' && f.address === 'azurerm_private_endpoint.extra').map((f) => f.ruleId);
  expect(failed).toContain('PG-NET-1');
});
