// Every code a ValidationError can carry. Each is the id of a "### <code>" entry in
// docs/errors.md (test/errors-catalog.test.ts holds the two in step); a code names one kind of
// problem, and the error's `prop` says where it is. Codes are stable: rename one only with a
// major release.

export const ERROR_CODES = [
  // Types, for callers that bypass TypeScript, and values that must be literals
  'REQUIRED',
  'PROP-TYPE',
  'PROP-UNKNOWN',
  'SECURITY-SETTING-TOKEN',
  'LIST-TOKEN',
  // Justifications
  'JUSTIFICATION-MISSING',
  'JUSTIFICATION-SHORT',
  'JUSTIFICATION-TOKEN',
  'JUSTIFICATION-TEMPLATE',
  // Server identity
  'NAME-FORMAT',
  'RESOURCE-GROUP-FORMAT',
  'LOCATION-FORMAT',
  'TENANT-ID-FORMAT',
  'ZONE-INVALID',
  'RESOURCE-ID-KIND',
  // Network: Flexible Server
  'SUBNET-PREFIX-MALFORMED',
  'SUBNET-PREFIX-TOO-SMALL',
  'SUBNET-PREFIX-HOST-BITS',
  'SUBNET-PREFIX-RESERVED',
  'SUBNET-NAME-FORMAT',
  'SUBNET-NAME-RESERVED',
  'VNET-ZONE-SUFFIX',
  'VNET-ZONE-HOST-NAME',
  'PRIVATE-MODE-FIREWALL',
  'PRIVATE-LINK-ZONE-NAME',
  // Network: public access and firewall ranges
  'PUBLIC-NO-RANGES',
  'SINGLE-PUBLIC-NO-RANGES',
  'VNET-RULE-NAME',
  'VNET-RULE-NAME-DUPLICATE',
  'RANGE-NAME-FORMAT',
  'RANGE-NAME-RESERVED',
  'RANGE-NAME-DUPLICATE',
  'RANGE-NOT-IPV4',
  'RANGE-REVERSED',
  'RANGE-AZURE-SERVICES',
  'RANGE-OPEN-TO-INTERNET',
  // Entra ID administrators
  'ENTRA-ADMINS-EMPTY',
  'ENTRA-OBJECT-ID-FORMAT',
  'ENTRA-OBJECT-ID-DUPLICATE',
  'ENTRA-PRINCIPAL-NAME-BLANK',
  'ENTRA-PRINCIPAL-TYPE',
  'ENTRA-PRINCIPAL-RESERVED',
  // Local administrator and password
  'LOGIN-FORMAT',
  'LOGIN-RESERVED',
  'PASSWORD-VERSION',
  'PASSWORD-VERSION-TOO-LARGE',
  // Compute, version and storage
  'FLEXIBLE-SKU',
  'FLEXIBLE-VERSION',
  'STORAGE-SIZE',
  'STORAGE-TIER',
  'STORAGE-TIER-SIZE',
  'SINGLE-SKU',
  'SINGLE-SKU-BASIC',
  'SINGLE-VERSION',
  'SINGLE-STORAGE',
  // TLS, audit logging, extensions
  'TLS-MIN-VERSION',
  'TLS-MAX-VERSION',
  'TLS-MAX-BELOW-MIN',
  'PGAUDIT-EMPTY',
  'PGAUDIT-CLASS',
  'PGAUDIT-DUPLICATE',
  'EXTENSION-NAME',
  // Backup and high availability
  'BACKUP-RETENTION',
  'HA-MODE',
  'HA-MODE-BURSTABLE',
  'HA-STANDBY-PRIMARY-ZONE',
  'HA-STANDBY-NOT-PRIMARY-ZONE',
  'HA-STANDBY-WITHOUT-HA',
  // Customer-managed keys
  'CMK-KEY-ID',
  'CMK-GEO-KEY-MISSING',
  'CMK-GEO-SAME-IDENTITY',
  'SINGLE-CMK-VERSIONLESS',
  // Maintenance window and databases
  'MAINTENANCE-WINDOW',
  'DATABASE-NAME-FORMAT',
  'DATABASE-NAME-RESERVED',
  'DATABASE-NAME-DUPLICATE',
  'DATABASE-CHARSET',
  'DATABASE-COLLATION',
  'DATABASE-CHARSET-COLLATION',
  // Threat detection
  'THREAT-NO-RECIPIENT',
  'THREAT-EMAIL',
  // Adoption
  'ADOPTION-ID-FORMAT',
  'ADOPTION-NAME-MISMATCH',
  'ADOPTION-RESOURCE-GROUP-MISMATCH',
  'ADOPTION-EXPLICIT-PROP',
  'ADOPTION-PASSWORD-IGNORED',
  'ADOPTION-GEO-CONTRADICTION',
  // Tags
  'TAGS-TOO-MANY',
  'TAGS-KEY',
  'TAGS-VALUE-LENGTH',
  // Security checks (PostgresSecurityChecks.suppress)
  'SUPPRESS-SCOPE',
  'SUPPRESS-RULE-ID',
  'SUPPRESS-REASON-TOKEN',
  'SUPPRESS-REASON',
  'CHECK-OPTIONS',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
