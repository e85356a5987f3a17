// The public API. Only types listed here are exported; validation and resource helpers stay internal.
export { SecureFlexibleServer, type SecureFlexibleServerProps } from './flexible-server/secure-flexible-server';
export {
  FlexibleServerNetwork,
  NetworkMode,
  type VnetIntegrationOptions,
  type ExistingVnetIntegrationOptions,
  type PublicAccessOptions,
} from './flexible-server/network';
export { type WideSourcesOptions } from './flexible-server/subnet-security-group';
export { SecurityRuleAccess, SecurityRuleDirection, SecurityRuleProtocol, type SubnetSecurityRule } from './flexible-server/subnet-security-rule';
export { FlexibleServerAuthentication, type PasswordAuthenticationOptions } from './flexible-server/authentication';
export { type FlexibleServerCustomerManagedKey } from './flexible-server/customer-managed-key';
export { type FlexibleServerDatabaseOptions } from './flexible-server/database';
export { HighAvailabilityMode, type HighAvailabilityOptions } from './flexible-server/high-availability';
export { type MaintenanceWindow } from './flexible-server/maintenance-window';
export { type AuditLoggingOptions, PgAuditLogClass } from './shared/pgaudit';
export { PostgresVersion } from './flexible-server/postgres-version';
export { FlexibleServerSku, FlexibleServerTier } from './flexible-server/sku';
export { type StorageOptions, StorageTier } from './flexible-server/storage';
export { type TlsOptions, TlsVersion } from './flexible-server/tls';
export { type BackupOptions } from './shared/backup';
export { type DeletionProtectionOptions } from './shared/deletion-protection';
export { DiagnosticSettings } from './shared/diagnostic-settings';
export { type EntraAdministrator, EntraPrincipalType } from './shared/entra-administrator';
export { type FirewallRange, type WideRangesOptions } from './shared/firewall-range';
export { type PrivateEndpointOptions } from './shared/private-endpoint';
export { RoleDefinition, type RoleAssignment } from './shared/role-assignments';
export { RequiredTerraformVersion } from './shared/terraform-version';
export { SecureSingleServer, type SecureSingleServerProps, type SingleServerCustomerManagedKey } from './single-server/secure-single-server';
export { type SingleServerAdoption } from './single-server/adoption';
export { SingleServerNetwork, type SingleServerPublicAccessOptions, type VirtualNetworkRule } from './single-server/single-server-network';
export { SingleServerSku } from './single-server/single-server-sku';
export { SingleServerVersion } from './single-server/single-server-version';
export { type ThreatDetectionOptions } from './single-server/threat-detection';
export { DatabaseAccess, type DatabaseAccessProps, type DatabaseConnectAs, type DatabaseRole } from './database/database-access';
export { AccessLevel } from './database/access-level';
export { DatabasePrincipal, type EntraPrincipalOptions, type PasswordPrincipalOptions } from './database/database-principal';
export { PostgresSslMode } from './database/ssl-mode';
export { PostgresSecurityChecks, type CheckOptions } from './checks/postgres-security-checks';
export { RuleSeverity, SecurityLayer } from './checks/rule';
