// The public API. Only types listed here are exported; validation and resource helpers stay internal.
export { SecureFlexibleServer, SecureFlexibleServerProps } from './flexible-server/secure-flexible-server';
export {
  FlexibleServerNetwork,
  NetworkMode,
  VnetIntegrationOptions,
  ExistingVnetIntegrationOptions,
  PrivateEndpointOptions,
  PublicAccessOptions,
} from './flexible-server/network';
export { FlexibleServerAuthentication, PasswordAuthenticationOptions } from './flexible-server/authentication';
export { FlexibleServerCustomerManagedKey } from './flexible-server/customer-managed-key';
export { FlexibleServerDatabaseOptions } from './flexible-server/database';
export { HighAvailabilityMode, HighAvailabilityOptions } from './flexible-server/high-availability';
export { MaintenanceWindow } from './flexible-server/maintenance-window';
export { AuditLoggingOptions, PgAuditLogClass } from './flexible-server/pgaudit';
export { PostgresVersion } from './flexible-server/postgres-version';
export { FlexibleServerSku, FlexibleServerTier } from './flexible-server/sku';
export { StorageOptions, StorageTier } from './flexible-server/storage';
export { TlsOptions, TlsVersion } from './flexible-server/tls';
export { BackupOptions } from './shared/backup';
export { DeletionProtectionOptions } from './shared/deletion-protection';
export { DiagnosticSettings } from './shared/diagnostic-settings';
export { EntraAdministrator, EntraPrincipalType } from './shared/entra-administrator';
export { FirewallRange } from './shared/firewall-range';
