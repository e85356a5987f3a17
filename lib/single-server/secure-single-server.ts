import type { PostgresqlServer } from '@cdktf/provider-azurerm/lib/postgresql-server';
import { Construct, IConstruct } from 'constructs';
import { SingleServerAdoption, validateAdoption, warnWeakAdoption } from './adoption';
import { SECURE_SINGLE_SERVER_PROPS } from './props-shape';
import { singleServerParameters } from './server-parameters';
import { SingleServerNetwork, validateSingleServerNetwork } from './single-server-network';
import { SingleServerSku, validateSingleServerSku } from './single-server-sku';
import { SingleServerVersion, validateSingleServerVersion } from './single-server-version';
import { ThreatDetectionOptions, validateThreatDetection } from './threat-detection';
import { backupRetentionSubject } from '../checks/backup-retention';
import { PostgresSecurityChecks } from '../checks/postgres-security-checks';
import { pgauditClassesSubject } from '../checks/pgaudit-classes';
import { PLATFORM_KEYS_SUBJECT } from '../checks/rules/PGS-ENC-2';
import { pinIdentities } from '../shared/pin-identities';
import { ADOPTION_IMPORT_REASON, checkLibraryConstruct, PLATFORM_KEYS_REASON, recordMade, suppressChoice, suppressRules } from '../checks/suppression-registry';
import { importSubject } from '../checks/rules/PG-CFG-6';
import { snapshot } from '../private/snapshot';
import { SerialChain } from '../private/serial-chain';
import { checkProps } from '../private/shape';
import { ValidationError } from '../private/validation-error';
import { isToken } from '../private/tokens';
import { checkResourceId, ResourceIdKind } from '../private/resource-id';
import { warn } from '../private/warnings';
import { checkAdministratorLogin, checkNotReservedLogin } from '../shared/administrator-login';
import { BackupOptions, isRetentionShortened, resolveBackup, warnWeakBackup } from '../shared/backup';
import { applyDeletionProtection, DeletionProtectionOptions, resolveDeletionProtection } from '../shared/deletion-protection';
import { addDiagnosticSetting, DiagnosticSettings, validateDiagnosticSettings } from '../shared/diagnostic-settings';
import { checkAdministratorTenant, EntraAdministrator, validateEntraAdministrator } from '../shared/entra-administrator';
import { AZURE_SERVICES_RULE, firewallRuleId, warnWideRanges, wideRangesSubject } from '../shared/firewall-range';
import { GeneratedPassword } from '../shared/generated-password';
import { checkPasswordVersion } from '../shared/password-version';
import { checkKeyVaultKeyId } from '../shared/key-vault-key';
import { AuditLoggingOptions, DEFAULT_PGAUDIT_LOG_CLASSES, leavesOutDdlOrRole, validateAuditLogging, warnReducedAudit } from '../shared/pgaudit';
import { PostgresPrivateEndpoint } from '../shared/private-endpoint';
import { validateServerIdentity } from '../shared/server-identity';
import { checkServerPlace } from '../shared/server-place-claims';
import { validateTags } from '../shared/tags';
import { onDemandClasses } from '../private/on-demand-classes';
import { checkConstructPath } from '../private/construct-path';
import { guardFields, sealNode } from '../private/own-node';
import { constructId, constructScope } from '../shared/construct-arguments';

/** Where to read about moving off Single Server; printed with every synth. */
export const MIGRATION_GUIDE = 'docs/migrating-to-flexible-server.md in the cdktf-azure-postgres package';
/** The day Azure retired Single Server. */
export const SINGLE_SERVER_RETIREMENT_DATE = '2025-03-28';

/** Encrypt data with your own key. The server's system-assigned identity must be allowed to use it. */
export interface SingleServerCustomerManagedKey {
  /** Versioned Key Vault key ID, https://<vault>.vault.azure.net/keys/<name>/<version>. */
  readonly keyVaultKeyId: string;
}

/** Properties of a SecureSingleServer. */
export interface SecureSingleServerProps {
  /** Server name: 3-63 lowercase letters, digits and hyphens. */
  readonly name: string;
  /** Resource group of the server. */
  readonly resourceGroupName: string;
  /** Azure region of the server. */
  readonly location: string;
  /** Entra ID tenant of the administrator. */
  readonly tenantId: string;
  /** Network access, e.g. `SingleServerNetwork.privateEndpoint({ subnetResourceId })`. */
  readonly network: SingleServerNetwork;
  /**
   * The Entra ID administrator: Single Server has exactly one. Its `principalName` is the login;
   * `principalType` is not written (Single Server's administrator resource has no such field).
   */
  readonly entraAdministrator: EntraAdministrator;
  /** Where server logs go: `DiagnosticSettings.logAnalytics(id)`, or `disabled("<why>")`. */
  readonly diagnosticSettings: DiagnosticSettings;
  /** Login of the local administrator Single Server always has, fixed at creation. */
  readonly administratorLogin: string;
  /**
   * Version of the generated administrator password: increase it to rotate the password.
   * @default 1
   */
  readonly passwordVersion?: number;
  /**
   * Key Vault to store the generated password in, as secret `<server name>-administrator-password`.
   * @default - not stored; read it from `SecureSingleServer.administratorPassword`
   */
  readonly passwordKeyVaultResourceId?: string;
  /**
   * Compute size. Required when adopting.
   * @default SingleServerSku.GP_GEN5_2
   */
  readonly sku?: SingleServerSku;
  /**
   * Major PostgreSQL version. Required when adopting.
   * @default SingleServerVersion.V11
   */
  readonly version?: SingleServerVersion;
  /**
   * Storage in MiB, 5120 to 16777216 in steps of 1024 (it only grows). Required when adopting.
   * @default 51200
   */
  readonly storageMb?: number;
  /**
   * Backup redundancy and retention. When adopting, geo-redundancy comes from `adoption`.
   * @default - geo-redundant, 35 days
   */
  readonly backup?: BackupOptions;
  /**
   * Who hears of threat detection alerts.
   * @default - subscription administrators are alerted
   */
  readonly threatDetection?: ThreatDetectionOptions;
  /**
   * Encrypt data with your own key instead of a service-managed one.
   * @default - service-managed keys
   */
  readonly customerManagedKey?: SingleServerCustomerManagedKey;
  /**
   * pgaudit settings.
   * @default - pgaudit logs DDL, ROLE and MISC
   */
  readonly auditLogging?: AuditLoggingOptions;
  /**
   * Guards against destroying the server.
   * @default - prevent_destroy on, no management lock
   */
  readonly deletionProtection?: DeletionProtectionOptions;
  /**
   * Adopt a live server through Terraform import instead of describing one already in state.
   * @default - the server is created, or is already in Terraform state
   */
  readonly adoption?: SingleServerAdoption;
  /**
   * Tags for the server and every taggable resource the construct creates.
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

const STORAGE_STEP_MB = 1024;

/**
 * An Azure Database for PostgreSQL Single Server with the secure defaults in Single Server's
 * terms: TLS 1.2 enforced, public access off behind a private endpoint, infrastructure
 * encryption, Entra administrator, threat detection, audit logging with pgaudit sent to Log
 * Analytics, geo-redundant backup and protection against destroy.
 *
 * @deprecated Azure retired Single Server on 2025-03-28: new servers cannot be created and
 * azurerm 5.0 removes these resources. Use it for servers you already have (in state, or adopted
 * with `adoption`) while you move to `SecureFlexibleServer`; see docs/migrating-to-flexible-server.md.
 */
export class SecureSingleServer extends Construct {
  /** The underlying azurerm resource, for references and escape hatches. */
  public readonly server: PostgresqlServer;
  /** Resource ID of the server. */
  public readonly serverId: string;
  /** Name of the server. */
  public readonly serverName: string;
  /** Host name clients connect to. */
  public readonly fqdn: string;
  /** Resource ID of the private DNS zone the private endpoint registers in. */
  public readonly privateDnsZoneId?: string;
  /** Resource ID of the private endpoint. */
  public readonly privateEndpointId?: string;
  /** Generated administrator password, a sensitive reference (not when an adopted server keeps its password). */
  public readonly administratorPassword?: string;
  /** Resource ID of the Key Vault secret that holds the password, when a vault was given. */
  public readonly administratorPasswordSecretId?: string;

  /**
   * @param scope the stack or construct the server belongs to
   * @param id construct id, stable across deployments
   * @param props the server's settings
   */
  constructor(scope: Construct, id: string, props: SecureSingleServerProps) {
    // Checked before constructs reads them: a JavaScript caller may pass anything (A15a-5).
    super(constructScope(scope, 'SecureSingleServer'), constructId(id, 'SecureSingleServer', 'Postgres'));
    sealNode(this, scope, 'SecureSingleServer');
    checkConstructPath(this);
    // Read once: what is validated is what is built (a getter could answer differently later).
    props = snapshot(props);
    // After the props are read: a props getter may define a field's name on this construct (J74-5).
    const sealFields = guardFields<SecureSingleServer>(this, 'SecureSingleServer',
      ['server', 'serverId', 'serverName', 'fqdn', 'privateDnsZoneId', 'privateEndpointId', 'administratorPassword', 'administratorPasswordSecretId']);
    const before = new Set(this.node.children);
    const settings = resolveSettings(props);
    const claimPlace = checkServerPlace(this, { name: props.name });
    const adoption = props.adoption;

    const managesPassword = adoption === undefined || adoption.rotateAdministratorPassword === true;
    const password = managesPassword
      ? new GeneratedPassword(this, 'AdministratorPassword', {
        version: props.passwordVersion ?? 1,
        keyVaultId: props.passwordKeyVaultResourceId,
        serverName: props.name,
        tags: props.tags,
      })
      : undefined;
    const publicAccess = props.network.publicAccessOptions;

    this.server = new (onDemandClasses.postgresqlServer())(this, 'Server', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      skuName: settings.sku.name,
      version: settings.version,
      storageMb: props.storageMb ?? 51200,
      autoGrowEnabled: true,
      backupRetentionDays: settings.backup.retentionDays,
      geoRedundantBackupEnabled: settings.backup.geoRedundantBackup,
      infrastructureEncryptionEnabled: adoption?.infrastructureEncryptionEnabled ?? true,
      publicNetworkAccessEnabled: publicAccess !== undefined,
      sslEnforcementEnabled: true,
      // Written out although it is the provider default: scanners fail an omitted value.
      sslMinimalTlsVersionEnforced: 'TLS1_2',
      administratorLogin: props.administratorLogin,
      administratorLoginPasswordWo: password?.value,
      administratorLoginPasswordWoVersion: password?.version,
      identity: props.customerManagedKey ? { type: 'SystemAssigned' } : undefined,
      threatDetectionPolicy: {
        enabled: true,
        emailAccountAdmins: props.threatDetection?.emailAccountAdmins ?? true,
        emailAddresses: props.threatDetection?.emailAddresses,
      },
      tags: props.tags,
      lifecycle: { preventDestroy: settings.deletionProtection.preventDestroy },
    });
    if (adoption) {
      this.server.importFrom(adoption.serverResourceId);
      suppressChoice(this.server, 'PG-CFG-6', ADOPTION_IMPORT_REASON, importSubject(this.server.node.path));
    }
    this.serverId = this.server.id;
    this.serverName = this.server.name;
    this.fqdn = this.server.fqdn;
    this.administratorPassword = password?.value;
    this.administratorPasswordSecretId = password?.secretId;

    const chain = new SerialChain(this.server);
    for (const parameter of singleServerParameters(settings.pgauditLogClasses)) {
      chain.append(new (onDemandClasses.postgresqlConfiguration())(this, `Parameter-${parameter.name}`, {
        serverName: this.server.name,
        resourceGroupName: props.resourceGroupName,
        name: parameter.name,
        value: parameter.value,
      }));
    }
    const admin = chain.append(new (onDemandClasses.postgresqlActiveDirectoryAdministrator())(this, 'EntraAdministrator', {
      serverName: this.server.name,
      resourceGroupName: props.resourceGroupName,
      login: props.entraAdministrator.principalName,
      objectId: props.entraAdministrator.objectId,
      tenantId: props.entraAdministrator.tenantId ?? props.tenantId,
    }));
    if (adoption && adoption.importEntraAdministrator !== false) {
      admin.importFrom(`${adoption.serverResourceId}/administrators/activeDirectory`);
      suppressChoice(admin, 'PG-CFG-6', ADOPTION_IMPORT_REASON, importSubject(admin.node.path));
    }
    if (props.customerManagedKey) {
      chain.append(new (onDemandClasses.postgresqlServerKey())(this, 'CustomerManagedKey', {
        serverId: this.server.id,
        keyVaultKeyId: props.customerManagedKey.keyVaultKeyId,
      }));
    }
    if (publicAccess) addPublicAccess(this, props, chain);

    const endpoint = props.network.privateEndpointOptions;
    if (endpoint) {
      const privateEndpoint = new PostgresPrivateEndpoint(this, 'PrivateEndpoint', { server: props, serverId: this.server.id, endpoint });
      this.privateDnsZoneId = privateEndpoint.privateDnsZoneId;
      this.privateEndpointId = privateEndpoint.privateEndpointId;
    }

    addDiagnosticSetting(this, this.server.id, props.diagnosticSettings);
    applyDeletionProtection(this, this.server.id, settings.deletionProtection, props.deletionProtection);
    warnWeakBackup(this, settings.backup, { justification: props.backup?.justification ?? adoption?.justification });
    warnWeakAdoption(this, adoption);
    warnReducedAudit(this, settings.pgauditLogClasses, props.auditLogging);
    warn(
      this,
      'SingleServerRetired',
      `Azure retired Single Server on ${SINGLE_SERVER_RETIREMENT_DATE}: new servers cannot be created and azurerm 5.0 removes these resources. ` +
        `Keep SecureSingleServer for existing servers only and move to SecureFlexibleServer (see ${MIGRATION_GUIDE})`,
    );
    applySecurityChecks(this, props, settings, before);
    claimPlace();
    recordMade(this, before);
    sealFields();
  }
}

// The constructor's own steps are functions, not methods: a JavaScript subclass may define a method of any name,
// and TypeScript's private is not enforced at run time (twelfth review, A12a-12).
/** As for SecureFlexibleServer: overrides that weaken the server fail synth; justified choices are suppressed. */
function applySecurityChecks(construct: SecureSingleServer, props: SecureSingleServerProps, settings: ReturnType<typeof resolveSettings>, before: ReadonlySet<IConstruct>): void {
  PostgresSecurityChecks.applyTo(construct);
  checkLibraryConstruct(construct);
  pinIdentities(construct, construct.server, 'single', before);
  suppressRules(construct.server, ['PGS-RET-1'], 'SecureSingleServer prints the retirement warning itself, with the migration guide');
  const publicAccess = props.network.publicAccessOptions;
  if (publicAccess) {
    suppressRules(construct.server, publicAccess.privateEndpoint ? ['PGS-NET-1'] : ['PGS-NET-1', 'PGS-NET-2'], publicAccess.justification);
  }
  if (!props.diagnosticSettings.sendsLogs) suppressRules(construct.server, ['PGS-LOG-7'], props.diagnosticSettings.justification!);
  const adoption = props.adoption;
  if (adoption?.infrastructureEncryptionEnabled === false) suppressRules(construct.server, ['PGS-ENC-1'], adoption.justification!);
  if (!settings.backup.geoRedundantBackup) suppressRules(construct.server, ['PGS-BAK-1'], adoption?.justification ?? props.backup!.justification!);
  if (isRetentionShortened(settings.backup.retentionDays)) {
    // Covers the number of days it was written for: an override to fewer fails.
    const subject = backupRetentionSubject(settings.backup.retentionDays);
    suppressChoice(construct.server, 'PGS-BAK-2', props.backup!.justification ?? adoption!.justification!, subject);
  }
  if (!settings.deletionProtection.preventDestroy) suppressRules(construct.server, ['PGS-DEL-1'], props.deletionProtection!.justification!);
  if (props.customerManagedKey === undefined) suppressChoice(construct.server, 'PGS-ENC-2', PLATFORM_KEYS_REASON, PLATFORM_KEYS_SUBJECT);
  if (leavesOutDdlOrRole(settings.pgauditLogClasses)) {
    suppressChoice(construct.node.findChild('Parameter-pgaudit.log'), 'PGS-LOG-9', props.auditLogging!.justification!, pgauditClassesSubject(settings.pgauditLogClasses.join(','))!);
  }
}

function addPublicAccess(construct: SecureSingleServer, props: SecureSingleServerProps, chain: SerialChain): void {
  const options = props.network.publicAccessOptions!;
  const ranges = options.allowedIpRanges ?? [];
  const rules = options.virtualNetworkRules ?? [];
  // The Azure services rule is counted too: with no range, "0 IPv4 range(s)" alone would read as nothing open (adversarial run of stop 68).
  const azure = options.allowAzureServices === true ? ', every Azure service' : '';
  warn(construct, 'PublicNetworkAccess', `Public network access is on for ${ranges.length} IPv4 range(s)${azure} and ${rules.length} VNet rule(s)`, options.justification);
  const server = { serverName: construct.server.name, resourceGroupName: props.resourceGroupName };
  ranges.forEach((range, index) => {
    chain.append(new (onDemandClasses.postgresqlFirewallRule())(construct, firewallRuleId(range, index), { ...server, ...range }));
  });
  const wideRangesReason = warnWideRanges(construct, ranges, options.wideRanges);
  if (wideRangesReason !== undefined) suppressChoice(construct.server, 'PGS-NET-5', wideRangesReason, wideRangesSubject(ranges));
  if (options.allowAzureServices === true) {
    warn(construct, 'AzureServicesAllowed', 'The 0.0.0.0 firewall rule lets every Azure service, in any tenant, reach the server', options.justification);
    const rule = chain.append(new (onDemandClasses.postgresqlFirewallRule())(construct, 'AzureServicesFirewallRule', { ...server, ...AZURE_SERVICES_RULE }));
    suppressRules(rule, ['PGS-NET-4'], options.justification);
  }
  rules.forEach((rule, index) => {
    const id = isToken(rule.name) ? `VnetRule${index}` : `VnetRule-${rule.name}`;
    chain.append(new (onDemandClasses.postgresqlVirtualNetworkRule())(construct, id, { ...server, name: rule.name, subnetId: rule.subnetResourceId }));
  });
}

/**
 * Validates every prop and applies the defaults, before any resource exists. The props' shape
 * comes first: every later check may rely on the types.
 */
function resolveSettings(props: SecureSingleServerProps) {
  checkProps(props, SECURE_SINGLE_SERVER_PROPS);
  validateServerIdentity(props);
  validateAdoption('adoption', props.adoption, {
    name: props.name,
    resourceGroupName: props.resourceGroupName,
    explicit: props.adoption ? { sku: props.sku, version: props.version, storageMb: props.storageMb } : {},
  });
  validateSingleServerNetwork('network', props.network);
  validateEntraAdministrator('entraAdministrator', props.entraAdministrator);
  checkAdministratorTenant('entraAdministrator', props.entraAdministrator, props.tenantId);
  checkNotReservedLogin('ENTRA-PRINCIPAL-RESERVED', 'entraAdministrator.principalName', props.entraAdministrator.principalName);
  validateDiagnosticSettings('diagnosticSettings', props.diagnosticSettings);
  checkAdministratorLogin('administratorLogin', props.administratorLogin);
  checkPasswordVersion('passwordVersion', props.passwordVersion);
  if (props.adoption && props.adoption.rotateAdministratorPassword !== true) {
    const ignored = props.passwordVersion !== undefined ? 'passwordVersion' : props.passwordKeyVaultResourceId !== undefined ? 'passwordKeyVaultResourceId' : undefined;
    if (ignored !== undefined) {
      throw new ValidationError('ADOPTION-PASSWORD-IGNORED', ignored, props[ignored], 'has no effect: an adopted server keeps its live password', 'set adoption.rotateAdministratorPassword: true to generate and store a new one, or remove it');
    }
  }
  checkResourceId('passwordKeyVaultResourceId', props.passwordKeyVaultResourceId, ResourceIdKind.KEY_VAULT);
  const sku = props.sku ?? SingleServerSku.GP_GEN5_2;
  validateSingleServerSku('sku', sku);
  const version = props.version ?? SingleServerVersion.V11;
  validateSingleServerVersion('version', version);
  checkStorage('storageMb', props.storageMb);
  const adoptedGeoBackup = props.adoption?.geoRedundantBackupEnabled;
  if (adoptedGeoBackup !== undefined && props.backup?.geoRedundantBackup !== undefined && props.backup.geoRedundantBackup !== adoptedGeoBackup) {
    throw new ValidationError('ADOPTION-GEO-CONTRADICTION', 'backup.geoRedundantBackup', props.backup.geoRedundantBackup, `contradicts adoption.geoRedundantBackupEnabled (${adoptedGeoBackup})`, 'leave it out when adopting: the live server decides');
  }
  // When adopting, the live server decides geo-redundancy, and the adoption's reason covers it.
  const backup = resolveBackup('backup', {
    ...props.backup,
    ...(adoptedGeoBackup === undefined ? {} : { geoRedundantBackup: adoptedGeoBackup }),
    justification: props.backup?.justification ?? (adoptedGeoBackup === false ? props.adoption?.justification : undefined),
  });
  validateThreatDetection('threatDetection', props.threatDetection);
  if (props.customerManagedKey) {
    checkKeyVaultKeyId('customerManagedKey.keyVaultKeyId', props.customerManagedKey.keyVaultKeyId, { versionRequired: true });
  }
  validateAuditLogging('auditLogging', props.auditLogging);
  const deletionProtection = resolveDeletionProtection('deletionProtection', props.deletionProtection);
  validateTags('tags', props.tags);
  const pgauditLogClasses = props.auditLogging?.pgauditLogClasses ?? DEFAULT_PGAUDIT_LOG_CLASSES;
  return { sku, version, backup, deletionProtection, pgauditLogClasses };
}

function checkStorage(prop: string, storageMb: number | undefined): void {
  if (storageMb === undefined || isToken(storageMb)) return;
  if (!Number.isInteger(storageMb) || storageMb < 5120 || storageMb > 16777216 || storageMb % STORAGE_STEP_MB !== 0) {
    throw new ValidationError('SINGLE-STORAGE', prop, storageMb, 'is not a Single Server storage size', 'use 5120 to 16777216 MiB in steps of 1024, e.g. 51200');
  }
}
