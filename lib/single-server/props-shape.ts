import { SINGLE_SERVER_ADOPTION } from './adoption';
import { SINGLE_SERVER_NETWORK, SINGLE_SERVER_NETWORK_REQUIRED_FIX } from './single-server-network';
import { SINGLE_SERVER_SKU } from './single-server-sku';
import { THREAT_DETECTION_OPTIONS } from './threat-detection';
import { member, number, optional, required, struct, text } from '../private/shape';
import { LOGIN_REQUIRED_FIX } from '../shared/administrator-login';
import { BACKUP_OPTIONS } from '../shared/backup';
import { DELETION_PROTECTION_OPTIONS } from '../shared/deletion-protection';
import { DIAGNOSTIC_SETTINGS, DIAGNOSTIC_SETTINGS_REQUIRED } from '../shared/diagnostic-settings';
import { ENTRA_ADMINISTRATOR } from '../shared/entra-administrator';
import { AUDIT_LOGGING_OPTIONS } from '../shared/pgaudit';
import { SERVER_IDENTITY_FIELDS } from '../shared/server-identity';
import { TAGS } from '../shared/tags';

const SINGLE_SERVER_CUSTOMER_MANAGED_KEY = struct('SingleServerCustomerManagedKey', {
  keyVaultKeyId: required(text(), 'give the versioned key ID'),
});

/** What SecureSingleServerProps must be at run time, checked before anything else. */
export const SECURE_SINGLE_SERVER_PROPS = struct('SecureSingleServerProps', {
  ...SERVER_IDENTITY_FIELDS,
  network: required(SINGLE_SERVER_NETWORK, SINGLE_SERVER_NETWORK_REQUIRED_FIX),
  entraAdministrator: required(ENTRA_ADMINISTRATOR, 'give the Entra ID group or user that administers the server'),
  diagnosticSettings: required(DIAGNOSTIC_SETTINGS, DIAGNOSTIC_SETTINGS_REQUIRED.fix, DIAGNOSTIC_SETTINGS_REQUIRED.problem),
  administratorLogin: required(text(), LOGIN_REQUIRED_FIX),
  passwordVersion: optional(number()),
  passwordKeyVaultResourceId: optional(text()),
  sku: optional(SINGLE_SERVER_SKU),
  version: optional(member('SingleServerVersion', 'SingleServerVersion.V11')),
  storageMb: optional(number()),
  backup: optional(BACKUP_OPTIONS),
  threatDetection: optional(THREAT_DETECTION_OPTIONS),
  customerManagedKey: optional(SINGLE_SERVER_CUSTOMER_MANAGED_KEY),
  auditLogging: optional(AUDIT_LOGGING_OPTIONS),
  deletionProtection: optional(DELETION_PROTECTION_OPTIONS),
  adoption: optional(SINGLE_SERVER_ADOPTION),
  tags: optional(TAGS),
});
