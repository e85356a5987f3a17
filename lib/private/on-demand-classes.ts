import type { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import type { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import type { PostgresqlActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-active-directory-administrator';
import type { PostgresqlConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-configuration';
import type { PostgresqlFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-firewall-rule';
import type { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import type { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import type { PostgresqlServer } from '@cdktf/provider-azurerm/lib/postgresql-server';
import type { PostgresqlServerKey } from '@cdktf/provider-azurerm/lib/postgresql-server-key';
import type { PostgresqlVirtualNetworkRule } from '@cdktf/provider-azurerm/lib/postgresql-virtual-network-rule';
import type { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';

// azurerm classes that only some props need (Single Server, private endpoints, locks, role
// assignments, Key Vault secrets, databases, firewall rules): about 800 KB of modules that a
// default Flexible server never uses. They are loaded when a construct first needs one, not when
// the package is; elsewhere only type imports name them. Node caches each module after that.

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */

export const onDemandClasses = {
  keyVaultSecret: (): typeof KeyVaultSecret => require('@cdktf/provider-azurerm/lib/key-vault-secret').KeyVaultSecret,
  managementLock: (): typeof ManagementLock => require('@cdktf/provider-azurerm/lib/management-lock').ManagementLock,
  postgresqlActiveDirectoryAdministrator: (): typeof PostgresqlActiveDirectoryAdministrator =>
    require('@cdktf/provider-azurerm/lib/postgresql-active-directory-administrator').PostgresqlActiveDirectoryAdministrator,
  postgresqlConfiguration: (): typeof PostgresqlConfiguration => require('@cdktf/provider-azurerm/lib/postgresql-configuration').PostgresqlConfiguration,
  postgresqlFirewallRule: (): typeof PostgresqlFirewallRule => require('@cdktf/provider-azurerm/lib/postgresql-firewall-rule').PostgresqlFirewallRule,
  postgresqlFlexibleServerDatabase: (): typeof PostgresqlFlexibleServerDatabase =>
    require('@cdktf/provider-azurerm/lib/postgresql-flexible-server-database').PostgresqlFlexibleServerDatabase,
  postgresqlFlexibleServerFirewallRule: (): typeof PostgresqlFlexibleServerFirewallRule =>
    require('@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule').PostgresqlFlexibleServerFirewallRule,
  postgresqlServer: (): typeof PostgresqlServer => require('@cdktf/provider-azurerm/lib/postgresql-server').PostgresqlServer,
  postgresqlServerKey: (): typeof PostgresqlServerKey => require('@cdktf/provider-azurerm/lib/postgresql-server-key').PostgresqlServerKey,
  postgresqlVirtualNetworkRule: (): typeof PostgresqlVirtualNetworkRule =>
    require('@cdktf/provider-azurerm/lib/postgresql-virtual-network-rule').PostgresqlVirtualNetworkRule,
  privateEndpoint: (): typeof PrivateEndpoint => require('@cdktf/provider-azurerm/lib/private-endpoint').PrivateEndpoint,
  roleAssignment: (): typeof RoleAssignment => require('@cdktf/provider-azurerm/lib/role-assignment').RoleAssignment,
};
