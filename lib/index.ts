// The public API. Only types listed here are exported; validation and resource helpers stay internal.
export { SecureFlexibleServer, type SecureFlexibleServerProps } from './flexible-server/secure-flexible-server';
export {
  FlexibleServerNetwork,
  NetworkMode,
  type VnetIntegrationOptions,
  type ExistingVnetIntegrationOptions,
  type PrivateEndpointOptions,
  type PublicAccessOptions,
} from './flexible-server/network';
export { FlexibleServerAuthentication, type PasswordAuthenticationOptions } from './flexible-server/authentication';
export { type FlexibleServerCustomerManagedKey } from './flexible-server/customer-managed-key';
export { type FlexibleServerDatabaseOptions } from './flexible-server/database';
export { HighAvailabilityMode, type HighAvailabilityOptions } from './flexible-server/high-availability';
export { type MaintenanceWindow } from './flexible-server/maintenance-window';
export { type AuditLoggingOptions, PgAuditLogClass } from './flexible-server/pgaudit';
export { PostgresVersion } from './flexible-server/postgres-version';
export { FlexibleServerSku, FlexibleServerTier } from './flexible-server/sku';
export { type StorageOptions, StorageTier } from './flexible-server/storage';
export { type TlsOptions, TlsVersion } from './flexible-server/tls';
export { type BackupOptions } from './shared/backup';
export { type DeletionProtectionOptions } from './shared/deletion-protection';
export { DiagnosticSettings } from './shared/diagnostic-settings';
export { type EntraAdministrator, EntraPrincipalType } from './shared/entra-administrator';
export { type FirewallRange } from './shared/firewall-range';
