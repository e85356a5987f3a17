import { DataAzurermPostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/data-azurerm-postgresql-flexible-server';
import { PostgresqlActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-active-directory-administrator';
import { PostgresqlFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-firewall-rule';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { FlexibleServerNetwork, SecureFlexibleServer, SecureSingleServer, SingleServerNetwork } from '../../lib';
import { minimalProps, minimalSingleProps, providerStack, synthErrors, TENANT_ID } from '../helpers';

// Fourteenth review, A14a-3 and A14a-5: a child that names its server by name (server_name), or a lookup
// of a server by name, names it together with its resource group: azurerm writes into <group>/<name>.
// A reference to another server's name is only that name: a decoy server of the construct's server's
// name in another group, referenced for the name, with the construct's group written beside it, is the
// construct's server to Azure. The model files the child under the server of that name in that group.

const OUTSIDER = '99999999-7777-8888-9999-000000000000';
const OFFICE = { name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.10' };
const REASON = 'office clients connect directly to it';

/** A caller's Flexible Server named like the construct's, in another group (what matters is its name). */
function decoy(stack: TerraformStack, name: string, group = 'rg-decoy'): PostgresqlFlexibleServer {
  return new PostgresqlFlexibleServer(stack, `Decoy-${group}`, {
    name, resourceGroupName: group, location: 'westeurope', skuName: 'B_Standard_B1ms', version: '16', publicNetworkAccessEnabled: false,
    authentication: { activeDirectoryAuthEnabled: true, passwordAuthEnabled: false, tenantId: TENANT_ID },
  });
}

const rules = (stack: TerraformStack, rule: string) => synthErrors(stack).filter((line) => line.includes(` ${rule} `));

describe('a child named by a decoy server\'s name, written into the construct\'s group, is a child of the construct\'s server', () => {
  test('an Entra administrator of a Flexible Server fails PG-IAM-3', () => {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const other = decoy(stack, 'orders-db');
    new PostgresqlFlexibleServerActiveDirectoryAdministrator(stack, 'Admin', {
      serverName: other.name, resourceGroupName: 'rg-orders', objectId: OUTSIDER, principalName: 'someone', principalType: 'User', tenantId: TENANT_ID,
    });
    expect(rules(stack, 'PG-IAM-3').join('\n')).toContain('azurerm_postgresql_flexible_server_active_directory_administrator.Admin');
  });

  test('the same administrator with the decoy\'s own group is the decoy\'s (control)', () => {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const other = decoy(stack, 'orders-db');
    new PostgresqlFlexibleServerActiveDirectoryAdministrator(stack, 'Admin', {
      serverName: other.name, resourceGroupName: other.resourceGroupName, objectId: OUTSIDER, principalName: 'someone', principalType: 'User', tenantId: TENANT_ID,
    });
    expect(rules(stack, 'PG-IAM-3')).toEqual([]);
  });

  test('a Single Server administrator and firewall rule named by a Flexible decoy\'s name fail (the name is text, whatever kind it was read from)', () => {
    const stack = providerStack();
    new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ network: SingleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], justification: REASON }) }));
    const other = decoy(stack, 'legacy-db');
    new PostgresqlActiveDirectoryAdministrator(stack, 'Admin', { serverName: other.name, resourceGroupName: 'rg-legacy', login: 'someone', objectId: OUTSIDER, tenantId: TENANT_ID });
    new PostgresqlFirewallRule(stack, 'Wide', { serverName: other.name, resourceGroupName: 'rg-legacy', name: 'wide', startIpAddress: '198.51.100.0', endIpAddress: '198.51.100.255' });
    expect(rules(stack, 'PG-IAM-3').join('\n')).toContain('azurerm_postgresql_active_directory_administrator.Admin');
    expect(rules(stack, 'PG-NET-1').join('\n')).toContain('azurerm_postgresql_firewall_rule.Wide');
  });

  test('by literal name, with a decoy of that name made after the construct, the child is still the construct\'s server\'s', () => {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    decoy(stack, 'orders-db');
    new PostgresqlFlexibleServerActiveDirectoryAdministrator(stack, 'Admin', {
      serverName: 'orders-db', resourceGroupName: 'rg-orders', objectId: OUTSIDER, principalName: 'someone', principalType: 'User', tenantId: TENANT_ID,
    });
    expect(rules(stack, 'PG-IAM-3').join('\n')).toContain('azurerm_postgresql_flexible_server_active_directory_administrator.Admin');
  });
});

describe('a lookup of a server by name reads the server of that name in the lookup\'s group (A14a-5)', () => {
  const publicProps = () => minimalProps({ network: FlexibleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], justification: REASON }) });
  const lookupRule = (group: string) => {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', publicProps());
    const look = new DataAzurermPostgresqlFlexibleServer(stack, 'Look', { name: decoy(stack, 'orders-db').name, resourceGroupName: group });
    new PostgresqlFlexibleServerFirewallRule(stack, 'Wide', { serverId: look.id, name: 'wide', startIpAddress: '198.51.100.0', endIpAddress: '198.51.100.255' });
    return rules(stack, 'PG-NET-1');
  };

  test('by a decoy\'s name in the construct\'s group: a firewall rule of it fails PG-NET-1', () => {
    expect(lookupRule('rg-orders').join('\n')).toContain('azurerm_postgresql_flexible_server_firewall_rule.Wide');
  });

  test('in the decoy\'s own group it is the decoy (control)', () => {
    expect(lookupRule('rg-decoy')).toEqual([]);
  });

  test('a construct whose group is known only at apply time may be the server a literal lookup names', () => {
    const stack = providerStack();
    const group = new TerraformVariable(stack, 'group', { type: 'string' }).stringValue;
    new SecureFlexibleServer(stack, 'Postgres', { ...publicProps(), resourceGroupName: group });
    const look = new DataAzurermPostgresqlFlexibleServer(stack, 'Look', { name: 'orders-db', resourceGroupName: 'rg-orders' });
    new PostgresqlFlexibleServerFirewallRule(stack, 'Wide', { serverId: look.id, name: 'wide', startIpAddress: '198.51.100.0', endIpAddress: '198.51.100.255' });
    expect(rules(stack, 'PG-NET-1').join('\n')).toContain('azurerm_postgresql_flexible_server_firewall_rule.Wide');
  });
});
