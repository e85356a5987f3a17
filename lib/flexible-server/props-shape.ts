import { FLEXIBLE_SERVER_AUTHENTICATION } from './authentication';
import { FLEXIBLE_SERVER_CUSTOMER_MANAGED_KEY } from './customer-managed-key';
import { DATABASES } from './database';
import { HIGH_AVAILABILITY_OPTIONS } from './high-availability';
import { MAINTENANCE_WINDOW } from './maintenance-window';
import { FLEXIBLE_SERVER_NETWORK, NETWORK_REQUIRED_FIX } from './network';
import { FLEXIBLE_SERVER_SKU } from './sku';
import { STORAGE_OPTIONS } from './storage';
import { TLS_OPTIONS } from './tls';
import { dependable, list, LiteralReason, member, optional, reason, required, struct, text } from '../private/shape';
import { BACKUP_OPTIONS } from '../shared/backup';
import { DELETION_PROTECTION_OPTIONS } from '../shared/deletion-protection';
import { DIAGNOSTIC_SETTINGS, DIAGNOSTIC_SETTINGS_REQUIRED } from '../shared/diagnostic-settings';
import { ENTRA_ADMINISTRATOR, ENTRA_ADMINISTRATORS_FIX } from '../shared/entra-administrator';
import { AUDIT_LOGGING_OPTIONS } from '../shared/pgaudit';
import { ROLE_ASSIGNMENTS } from '../shared/role-assignments';
import { SERVER_IDENTITY_FIELDS } from '../shared/server-identity';
import { TAGS } from '../shared/tags';

/** What SecureFlexibleServerProps must be at run time, checked before anything else. */
export const SECURE_FLEXIBLE_SERVER_PROPS = struct('SecureFlexibleServerProps', {
  ...SERVER_IDENTITY_FIELDS,
  network: required(FLEXIBLE_SERVER_NETWORK, NETWORK_REQUIRED_FIX),
  entraAdministrators: required(list(ENTRA_ADMINISTRATOR, { literal: LiteralReason.ITEMS }), ENTRA_ADMINISTRATORS_FIX),
  diagnosticSettings: required(DIAGNOSTIC_SETTINGS, DIAGNOSTIC_SETTINGS_REQUIRED.fix, DIAGNOSTIC_SETTINGS_REQUIRED.problem),
  authentication: optional(FLEXIBLE_SERVER_AUTHENTICATION),
  sku: optional(FLEXIBLE_SERVER_SKU),
  // Literal: the construct refuses a major out of standard support, and writes the server parameters that major has (A79-55).
  version: optional(member('PostgresVersion', 'PostgresVersion.V17', LiteralReason.SECURITY)),
  storage: optional(STORAGE_OPTIONS),
  tls: optional(TLS_OPTIONS),
  auditLogging: optional(AUDIT_LOGGING_OPTIONS),
  // Literal: azure.extensions must keep pgaudit allow-listed, and the rule pack can judge only a list it can read.
  allowedExtensions: optional(list(text({ literal: LiteralReason.SECURITY }), { literal: LiteralReason.SECURITY })),
  allowedExtensionsJustification: optional(reason()),
  backup: optional(BACKUP_OPTIONS),
  highAvailability: optional(HIGH_AVAILABILITY_OPTIONS),
  zone: optional(text()),
  customerManagedKey: optional(FLEXIBLE_SERVER_CUSTOMER_MANAGED_KEY),
  deletionProtection: optional(DELETION_PROTECTION_OPTIONS),
  maintenanceWindow: optional(MAINTENANCE_WINDOW),
  databases: optional(DATABASES),
  roleAssignments: optional(ROLE_ASSIGNMENTS),
  // Items must be constructs: Terraform itself refuses a variable in depends_on.
  dependsOn: optional(list(dependable())),
  tags: optional(TAGS),
});
