import { PostgresqlFlexibleServer, PostgresqlFlexibleServerConfig } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import type { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { ITerraformDependable } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { FlexibleServerAuthentication, validateAuthentication } from './authentication';
import { FlexibleServerCustomerManagedKey, validateCustomerManagedKey } from './customer-managed-key';
import { DEFAULT_CHARSET, DEFAULT_COLLATION, FlexibleServerDatabaseOptions, validateDatabases } from './database';
import { suppressExistingPointer } from './existing-network-suppression';
import { checkZone, HighAvailabilityMode, HighAvailabilityOptions, resolveHighAvailability, warnWeakHighAvailability } from './high-availability';
import { MaintenanceWindow, validateMaintenanceWindow } from './maintenance-window';
import { FlexibleServerNetwork, validateNetwork } from './network';
import { attachServerNetwork } from './network-resources';
import { ClaimedSubnet, checkServerPlace } from '../shared/server-place-claims';
import { warnWideSources, wideSourcesSubject } from './subnet-security-group';
import { justifyOutboundExtensions, validateAllowedExtensions } from './allowed-extensions';
import { AuditLoggingOptions, DEFAULT_PGAUDIT_LOG_CLASSES, leavesOutDdlOrRole, validateAuditLogging, warnReducedAudit } from '../shared/pgaudit';
import { PostgresVersion, validateVersion } from './postgres-version';
import { SECURE_FLEXIBLE_SERVER_PROPS } from './props-shape';
import { flexibleServerParameters } from './server-parameters';
import { FlexibleServerSku, validateSku } from './sku';
import { DEFAULT_STORAGE_MB, StorageOptions, validateStorage } from './storage';
import { TlsOptions, TlsVersion, validateTls } from './tls';
import { snapshot } from '../private/snapshot';
import { dependencyOn } from '../private/dependency';
import { SerialChain } from '../private/serial-chain';
import { isToken } from '../private/tokens';
import { checkProps } from '../private/shape';
import { PostgresSecurityChecks } from '../checks/postgres-security-checks';
import { pinIdentities } from '../shared/pin-identities';
import { checkLibraryConstruct, PLATFORM_KEYS_REASON, recordMade, suppressChoice, suppressRules } from '../checks/suppression-registry';
import { pgauditClassesSubject } from '../checks/pgaudit-classes';
import { backupRetentionSubject } from '../checks/backup-retention';
import { highAvailabilitySubject } from '../checks/rules/PGF-AVL-1';
import { warn } from '../private/warnings';
import { BackupOptions, isRetentionShortened, resolveBackup, warnWeakBackup } from '../shared/backup';
import { applyDeletionProtection, DeletionProtectionOptions, resolveDeletionProtection } from '../shared/deletion-protection';
import { addDiagnosticSetting, DiagnosticSettings, validateDiagnosticSettings } from '../shared/diagnostic-settings';
import { checkAdministratorTenant, EntraAdministrator, validateEntraAdministrators } from '../shared/entra-administrator';
import { AZURE_SERVICES_RULE, firewallRuleId, warnWideRanges, wideRangesSubject } from '../shared/firewall-range';
import { GeneratedPassword } from '../shared/generated-password';
import { PostgresPrivateEndpoint } from '../shared/private-endpoint';
import { addRoleAssignments, RoleAssignment, validateRoleAssignments } from '../shared/role-assignments';
import { validateServerIdentity } from '../shared/server-identity';
import { validateTags } from '../shared/tags';
import { onDemandClasses } from '../private/on-demand-classes';
import { checkConstructPath } from '../private/construct-path';
import { guardFields, sealNode } from '../private/own-node';
import { constructId, constructScope } from '../shared/construct-arguments';

/** Properties of a SecureFlexibleServer. Only what cannot have a safe default is required. */
export interface SecureFlexibleServerProps {
  /** Server name: 3-63 lowercase letters, digits and hyphens, globally unique. */
  readonly name: string;
  /** Resource group of the server (the construct never creates it). */
  readonly resourceGroupName: string;
  /** Azure region, e.g. "westeurope". */
  readonly location: string;
  /** Where the server lives on the network, e.g. `FlexibleServerNetwork.vnetIntegration(...)`. */
  readonly network: FlexibleServerNetwork;
  /** Entra ID tenant that signs clients in. */
  readonly tenantId: string;
  /**
   * Entra ID administrators: at least one, ideally a group. Each is kept at its place in the list: add new ones at the end, since
   * Azure replaces (removes, then adds again) every administrator whose place changes, the one `DatabaseAccess` signs in as too.
   */
  readonly entraAdministrators: EntraAdministrator[];
  /** Where server logs go: `DiagnosticSettings.logAnalytics(id)`, or `disabled("<why>")`. */
  readonly diagnosticSettings: DiagnosticSettings;
  /**
   * How clients sign in.
   * @default FlexibleServerAuthentication.entraOnly()
   */
  readonly authentication?: FlexibleServerAuthentication;
  /**
   * Compute size.
   * @default FlexibleServerSku.GP_STANDARD_D2DS_V5
   */
  readonly sku?: FlexibleServerSku;
  /**
   * Major PostgreSQL version: upgrades are in place, downgrades replace the server.
   * @default PostgresVersion.V17
   */
  readonly version?: PostgresVersion;
  /**
   * Storage size, tier and auto-grow.
   * @default - 32768 MiB, Azure's default tier, auto-grow on
   */
  readonly storage?: StorageOptions;
  /**
   * TLS versions for client connections.
   * @default - TLS 1.2 minimum, no maximum
   */
  readonly tls?: TlsOptions;
  /**
   * pgaudit settings.
   * @default - pgaudit logs DDL, ROLE and MISC
   */
  readonly auditLogging?: AuditLoggingOptions;
  /**
   * Extensions databases may create, allow-listed in `azure.extensions` next to pgaudit (e.g.
   * "pg_trgm", "postgis", "vector"); a migration needs every extension its databases use.
   * @default - pgaudit only
   */
  readonly allowedExtensions?: string[];
  /**
   * Why allowedExtensions lists an extension that sends data out of the server.
   *
   * Required when it lists postgres_fdw, dblink, azure_storage, azure_ai, oracle_fdw, tds_fdw,
   * pg_duckdb or pglogical, with at least 10 characters. It is printed as a warning and in the
   * security report.
   * @default - none: such an extension is refused
   */
  readonly allowedExtensionsJustification?: string;
  /**
   * Backup redundancy and retention.
   * @default - geo-redundant, 35 days
   */
  readonly backup?: BackupOptions;
  /**
   * High availability.
   * @default - zone-redundant; off (with a warning) on Burstable SKUs
   */
  readonly highAvailability?: HighAvailabilityOptions;
  /**
   * Availability zone of the primary, "1", "2" or "3".
   * @default - Azure picks a zone
   */
  readonly zone?: string;
  /**
   * Encrypt data with your own key instead of a platform-managed one.
   * @default - platform-managed keys
   */
  readonly customerManagedKey?: FlexibleServerCustomerManagedKey;
  /**
   * Guards against destroying the server.
   * @default - prevent_destroy on, no management lock
   */
  readonly deletionProtection?: DeletionProtectionOptions;
  /**
   * When Azure may patch the server.
   * @default - a system-managed window
   */
  readonly maintenanceWindow?: MaintenanceWindow;
  /**
   * Databases to create, after the Entra administrators.
   * @default - none
   */
  readonly databases?: FlexibleServerDatabaseOptions[];
  /**
   * Azure RBAC roles to grant on the server resource, which govern its configuration, metrics and
   * logs (not the databases). For example `{ role: RoleDefinition.MONITORING_READER, principalId,
   * principalType: EntraPrincipalType.SERVICE_PRINCIPAL }`. Owner, Contributor, User Access
   * Administrator, Role Based Access Control Administrator, Monitoring Contributor and Log
   * Analytics Contributor need a justification; a custom role given by ID warns, and one the stack
   * defines whose actions reach the server fails synth (PG-IAM-2) without a justification.
   * @default - no role assignments
   */
  readonly roleAssignments?: RoleAssignment[];
  /**
   * Resources the server must wait for, e.g. the role assignments that let its identity use a
   * customer-managed key (Azure checks key access when it creates the server).
   * @default - only what the construct itself creates
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Tags for the server and every taggable resource the construct creates.
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}


/**
 * An Azure Database for PostgreSQL Flexible Server that is secure without configuration:
 * private network access, TLS 1.2+ enforced, no firewall openings, Entra-only sign-in, audit
 * logging with pgaudit sent to Log Analytics, geo-redundant backup, zone-redundant HA and
 * protection against destroy. Every weaker choice needs a justification and warns at synth.
 */
export class SecureFlexibleServer extends Construct {
  /** The underlying azurerm resource, for references and escape hatches. */
  public readonly server: PostgresqlFlexibleServer;
  /** Resource ID of the server. */
  public readonly serverId: string;
  /** Name of the server. */
  public readonly serverName: string;
  /** Host name clients connect to. */
  public readonly fqdn: string;
  /** Resource ID of the private DNS zone that resolves the server (VNet integration or private endpoint). */
  public readonly privateDnsZoneId?: string;
  /** Resource ID of the delegated subnet (VNet integration). */
  public readonly subnetId?: string;
  /** Resource ID of the network security group associated with the subnet the construct creates (`vnetIntegration`). */
  public readonly networkSecurityGroupId?: string;
  /** Resource ID of the private endpoint (private endpoint mode). */
  public readonly privateEndpointId?: string;
  /** Generated administrator password, a sensitive reference (password authentication only). */
  public readonly administratorPassword?: string;
  /** Resource ID of the Key Vault secret that holds the password, when a vault was given. */
  public readonly administratorPasswordSecretId?: string;
  /** Entra ID tenant that signs clients in, as given. */
  public readonly tenantId: string;
  /** Whether local passwords are accepted next to Entra ID (`FlexibleServerAuthentication.entraAndPassword`). */
  public readonly passwordAuthenticationEnabled: boolean;
  /** Display names of the Entra administrators, as given (literals or references). The list is frozen. */
  public readonly entraAdministratorNames: string[];
  /** Names of the databases the construct creates, as given, in the order of the `databases` prop. The list is frozen. */
  public readonly databaseNames: string[];
  /** The database resources, in the order of `databaseNames`. Resources that need a database depend on them. The list is frozen. */
  public readonly databaseResources: PostgresqlFlexibleServerDatabase[];

  constructor(scope: Construct, id: string, props: SecureFlexibleServerProps) {
    // Checked before constructs reads them: a JavaScript caller may pass anything (A15a-5).
    super(constructScope(scope, 'SecureFlexibleServer'), constructId(id, 'SecureFlexibleServer', 'Postgres'));
    sealNode(this, scope, 'SecureFlexibleServer');
    checkConstructPath(this);
    // Read once: what is validated is what is built (a getter could answer differently later).
    props = snapshot(props);
    // After the props are read: a props getter may define a field's name on this construct (J74-5).
    const sealFields = guardFields<SecureFlexibleServer>(this, 'SecureFlexibleServer', ['server', 'serverId', 'serverName', 'fqdn', 'privateDnsZoneId', 'subnetId', 'networkSecurityGroupId', 'privateEndpointId',
      'administratorPassword', 'administratorPasswordSecretId', 'tenantId', 'passwordAuthenticationEnabled', 'entraAdministratorNames', 'databaseNames', 'databaseResources']);
    const before = new Set(this.node.children);
    const settings = resolveSettings(props);
    const claimPlace = checkServerPlace(this, { name: props.name, subnet: claimedSubnet(props) });

    const attachment = attachServerNetwork(this, props.network, {
      serverName: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags,
    });
    const passwordOptions = settings.authentication.password;
    const password = passwordOptions
      ? new GeneratedPassword(this, 'AdministratorPassword', {
        version: passwordOptions.passwordVersion ?? 1,
        keyVaultId: passwordOptions.keyVaultResourceId,
        serverName: props.name,
        tags: props.tags,
      })
      : undefined;

    this.server = new PostgresqlFlexibleServer(this, 'Server', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      skuName: settings.sku.name,
      version: settings.version,
      zone: props.zone,
      storageMb: props.storage?.sizeMb ?? DEFAULT_STORAGE_MB,
      storageTier: props.storage?.tier,
      autoGrowEnabled: props.storage?.autoGrow ?? true,
      publicNetworkAccessEnabled: attachment.publicNetworkAccessEnabled,
      delegatedSubnetId: attachment.delegatedSubnetId,
      privateDnsZoneId: attachment.privateDnsZoneId,
      authentication: {
        activeDirectoryAuthEnabled: true,
        passwordAuthEnabled: password !== undefined,
        tenantId: props.tenantId,
      },
      administratorLogin: passwordOptions?.administratorLogin,
      administratorPasswordWo: password?.value,
      administratorPasswordWoVersion: password?.version,
      backupRetentionDays: settings.backup.retentionDays,
      geoRedundantBackupEnabled: settings.backup.geoRedundantBackup,
      highAvailability:
        settings.highAvailability.mode === HighAvailabilityMode.DISABLED
          ? undefined
          : { mode: settings.highAvailability.mode, standbyAvailabilityZone: settings.highAvailability.standbyAvailabilityZone },
      ...customerManagedKeyConfig(props.customerManagedKey),
      maintenanceWindow: props.maintenanceWindow,
      tags: props.tags,
      lifecycle: {
        preventDestroy: settings.deletionProtection.preventDestroy,
        // Azure moves the primary and standby zones on failover; Terraform must not move them back.
        ignoreChanges: ['zone', 'high_availability[0].standby_availability_zone'],
      },
    });
    // Written as cdktf writes `dependsOn`, without a token that records a stack trace each (dependency.ts).
    this.server.dependsOn = [...attachment.dependsOn, ...(props.dependsOn ?? [])].map(dependencyOn);
    // One token each, used by every resource below: cdktf records a stack trace for each token it makes.
    this.serverId = this.server.id;
    this.serverName = this.server.name;
    this.fqdn = this.server.fqdn;
    this.subnetId = attachment.delegatedSubnetId;
    this.networkSecurityGroupId = attachment.networkSecurityGroupId;
    this.privateDnsZoneId = attachment.privateDnsZoneId;
    this.administratorPassword = password?.value;
    this.administratorPasswordSecretId = password?.secretId;
    this.tenantId = props.tenantId;
    this.passwordAuthenticationEnabled = password !== undefined;
    // Frozen: a DatabaseAccess reads them to check what it is given (a name pushed afterwards would pass those checks).
    this.entraAdministratorNames = Object.freeze(props.entraAdministrators.map((admin) => admin.principalName)) as string[];
    this.databaseNames = Object.freeze((props.databases ?? []).map((database) => database.name)) as string[];

    // Parameters, administrators, databases and firewall rules all change the server: one at a time.
    const chain = new SerialChain(this.server);
    for (const parameter of flexibleServerParameters({
      version: settings.version,
      tlsMinVersion: props.tls?.minVersion ?? TlsVersion.TLS1_2,
      tlsMaxVersion: props.tls?.maxVersion,
      pgauditLogClasses: settings.pgauditLogClasses,
      passwordAuthentication: password !== undefined,
      allowedExtensions: props.allowedExtensions ?? [],
    })) {
      chain.append(new PostgresqlFlexibleServerConfiguration(this, `Parameter-${parameter.name}`, {
        serverId: this.serverId,
        name: parameter.name,
        value: parameter.value,
      }));
    }
    props.entraAdministrators.forEach((admin, index) => {
      chain.append(new PostgresqlFlexibleServerActiveDirectoryAdministrator(this, `EntraAdministrator${index}`, {
        serverName: this.serverName,
        resourceGroupName: props.resourceGroupName,
        objectId: admin.objectId,
        principalName: admin.principalName,
        principalType: admin.principalType,
        tenantId: admin.tenantId ?? props.tenantId,
      }));
    });
    this.databaseResources = Object.freeze((props.databases ?? []).map((database, index) => {
      const databaseId = isToken(database.name) ? `Database${index}` : `Database-${database.name}`;
      return chain.append(new (onDemandClasses.postgresqlFlexibleServerDatabase())(this, databaseId, {
        serverId: this.serverId,
        name: database.name,
        charset: database.charset ?? DEFAULT_CHARSET,
        collation: database.collation ?? DEFAULT_COLLATION,
        lifecycle: { preventDestroy: settings.deletionProtection.preventDestroy },
      }));
    })) as PostgresqlFlexibleServerDatabase[];
    addPublicAccess(this, props.network, chain);

    const endpoint = props.network.privateEndpointOptions;
    if (endpoint) {
      const privateEndpoint = new PostgresPrivateEndpoint(this, 'PrivateEndpoint', { server: props, serverId: this.serverId, endpoint });
      this.privateDnsZoneId = privateEndpoint.privateDnsZoneId;
      this.privateEndpointId = privateEndpoint.privateEndpointId;
    }

    addRoleAssignments(this, this.serverId, props.roleAssignments ?? []);
    addDiagnosticSetting(this, this.serverId, props.diagnosticSettings);
    applyDeletionProtection(this, this.serverId, settings.deletionProtection, props.deletionProtection);
    warnWeakBackup(this, settings.backup, props.backup);
    warnWeakHighAvailability(this, settings.highAvailability, props.highAvailability);
    if (passwordOptions) {
      warn(this, 'PasswordAuthentication', 'Password authentication is on next to Entra ID (SCRAM-SHA-256 only)', passwordOptions.justification);
    }
    warnReducedAudit(this, settings.pgauditLogClasses, props.auditLogging);
    applySecurityChecks(this, props, settings, before);
    claimPlace();
    recordMade(this, before);
    sealFields();
  }
}

// The constructor's own steps are functions, not methods: a JavaScript subclass may define a method of any name,
// and TypeScript's private is not enforced at run time (twelfth review, A12a-12).
/**
 * Judges this server's synthesized JSON with the rule pack, so an override that weakens it
 * fails synth. Each weaker choice made through the props suppresses its rule with the user's
 * justification, so it shows in the report as suppressed rather than failing.
 */
function applySecurityChecks(construct: SecureFlexibleServer, props: SecureFlexibleServerProps, settings: ReturnType<typeof resolveSettings>, before: ReadonlySet<IConstruct>): void {
  PostgresSecurityChecks.applyTo(construct);
  checkLibraryConstruct(construct);
  pinIdentities(construct, construct.server, 'flexible', before);
  const publicAccess = props.network.publicAccessOptions;
  if (publicAccess) suppressRules(construct.server, ['PGF-NET-1', 'PGF-NET-2'], publicAccess.justification);
  const vnet = props.network.vnetIntegrationOptions;
  const wideSources = vnet === undefined ? undefined : warnWideSources(construct, vnet);
  // On the group the construct made: PGF-NET-11 names the group, whose rules are too wide together.
  const group = construct.node.tryFindChild('SecurityGroup');
  if (wideSources !== undefined && group !== undefined) suppressChoice(group, 'PGF-NET-11', wideSources, wideSourcesSubject(vnet!));
  const password = settings.authentication.password;
  if (password) suppressRules(construct.server, ['PGF-IAM-3'], password.justification);
  const diagnostics = props.diagnosticSettings;
  if (!diagnostics.sendsLogs) suppressRules(construct.server, ['PGF-LOG-8'], diagnostics.justification!);
  if (!settings.backup.geoRedundantBackup) suppressRules(construct.server, ['PGF-BAK-1'], props.backup!.justification!);
  // The justification covers the number of days it was written for: an override to fewer fails.
  if (isRetentionShortened(settings.backup.retentionDays)) {
    suppressChoice(construct.server, 'PGF-BAK-2', props.backup!.justification!, backupRetentionSubject(settings.backup.retentionDays));
  }
  // A weaker mode chosen through the props carries its justification (SAME_ZONE or DISABLED), which covers that mode only.
  const highAvailability = props.highAvailability;
  if (highAvailability !== undefined && highAvailability.mode !== HighAvailabilityMode.ZONE_REDUNDANT) {
    const subject = highAvailabilitySubject(highAvailability.mode === HighAvailabilityMode.SAME_ZONE ? 'SameZone' : undefined);
    suppressChoice(construct.server, 'PGF-AVL-1', highAvailability.justification!, subject);
  }
  if (!settings.deletionProtection.preventDestroy) {
    suppressRules(construct.server, ['PGF-DEL-1'], props.deletionProtection!.justification!);
    construct.databaseResources.forEach((database) => suppressRules(database, ['PGF-DEL-2'], props.deletionProtection!.justification!));
  }
  if (props.customerManagedKey === undefined) suppressRules(construct.server, ['PGF-ENC-1'], PLATFORM_KEYS_REASON);
  const existing = props.network.existingVnetIntegrationOptions;
  if (existing !== undefined) {
    // Given by ID: exactly these pointers are the user's choice; an override to any other still fails.
    suppressExistingPointer(construct.server, 'delegated_subnet_id');
    suppressExistingPointer(construct.server, 'private_dns_zone_id');
  }
  justifyOutboundExtensions(construct, construct.node.findChild('Parameter-azure.extensions'), props.allowedExtensions ?? [], props.allowedExtensionsJustification);
  if (leavesOutDdlOrRole(settings.pgauditLogClasses)) {
    suppressChoice(construct.node.findChild('Parameter-pgaudit.log'), 'PGF-LOG-10', props.auditLogging!.justification!, pgauditClassesSubject(settings.pgauditLogClasses.join(','))!);
  }
}

function addPublicAccess(construct: SecureFlexibleServer, network: FlexibleServerNetwork, chain: SerialChain): void {
  const options = network.publicAccessOptions;
  if (options === undefined) return;
  const ranges = options.allowedIpRanges;
  // The Azure services rule is counted too: with no range, "0 IPv4 range(s)" alone would read as nothing open (adversarial run of stop 68).
  const azure = options.allowAzureServices === true ? ' and every Azure service' : '';
  warn(construct, 'PublicNetworkAccess', `Public network access is on for ${ranges.length} IPv4 range(s)${azure}`, options.justification);
  ranges.forEach((range, index) => {
    chain.append(new (onDemandClasses.postgresqlFlexibleServerFirewallRule())(construct, firewallRuleId(range, index), {
      serverId: construct.serverId,
      name: range.name,
      startIpAddress: range.startIpAddress,
      endIpAddress: range.endIpAddress,
    }));
  });
  const wideRangesReason = warnWideRanges(construct, ranges, options.wideRanges);
  if (wideRangesReason !== undefined) suppressChoice(construct.server, 'PGF-NET-8', wideRangesReason, wideRangesSubject(ranges));
  if (options.allowAzureServices === true) {
    warn(construct, 'AzureServicesAllowed', 'The 0.0.0.0 firewall rule lets every Azure service, in any tenant, reach the server', options.justification);
    const rule = chain.append(new (onDemandClasses.postgresqlFlexibleServerFirewallRule())(construct, 'AzureServicesFirewallRule', { serverId: construct.serverId, ...AZURE_SERVICES_RULE }));
    suppressRules(rule, ['PGF-NET-5'], options.justification);
  }
}


/** The subnet vnetIntegration makes, for claimServerPlace: the names of its props. */
function claimedSubnet(props: SecureFlexibleServerProps): ClaimedSubnet | undefined {
  const vnet = props.network.vnetIntegrationOptions;
  if (vnet === undefined) return undefined;
  return {
    virtualNetworkId: vnet.virtualNetworkResourceId,
    name: vnet.subnetName ?? `${props.name}-postgres`,
    nameProp: vnet.subnetName === undefined ? 'name' : 'network.vnetIntegration.subnetName',
    prefix: vnet.subnetAddressPrefix,
    prefixProp: 'network.vnetIntegration.subnetAddressPrefix',
  };
}

/**
 * Validates every prop and applies the defaults, before any resource exists. The props' shape
 * comes first: every later check may rely on the types.
 */
function resolveSettings(props: SecureFlexibleServerProps) {
  checkProps(props, SECURE_FLEXIBLE_SERVER_PROPS);
  validateServerIdentity(props);
  checkZone('zone', props.zone);
  validateNetwork('network', props.network, props.name);
  validateEntraAdministrators('entraAdministrators', props.entraAdministrators);
  props.entraAdministrators.forEach((admin, index) => checkAdministratorTenant(`entraAdministrators[${index}]`, admin, props.tenantId));
  validateDiagnosticSettings('diagnosticSettings', props.diagnosticSettings);
  const authentication = props.authentication ?? FlexibleServerAuthentication.entraOnly();
  validateAuthentication('authentication.entraAndPassword', authentication);
  const sku = props.sku ?? FlexibleServerSku.GP_STANDARD_D2DS_V5;
  validateSku('sku', sku);
  const version = props.version ?? PostgresVersion.V17;
  validateVersion('version', version);
  validateStorage('storage', props.storage);
  validateTls('tls', props.tls);
  validateAuditLogging('auditLogging', props.auditLogging);
  validateAllowedExtensions(props.allowedExtensions ?? [], props.allowedExtensionsJustification);
  const backup = resolveBackup('backup', props.backup);
  const highAvailability = resolveHighAvailability('highAvailability', props.highAvailability, sku.tier, props.zone);
  validateCustomerManagedKey('customerManagedKey', props.customerManagedKey, backup.geoRedundantBackup);
  const deletionProtection = resolveDeletionProtection('deletionProtection', props.deletionProtection);
  validateMaintenanceWindow('maintenanceWindow', props.maintenanceWindow);
  validateDatabases('databases', props.databases ?? []);
  validateRoleAssignments('roleAssignments', props.roleAssignments ?? []);
  validateTags('tags', props.tags);
  const pgauditLogClasses = props.auditLogging?.pgauditLogClasses ?? DEFAULT_PGAUDIT_LOG_CLASSES;
  return { authentication, sku, version, backup, highAvailability, deletionProtection, pgauditLogClasses };
}

/** The identity and key blocks for customer-managed keys; both identities must be listed. */
function customerManagedKeyConfig(key: FlexibleServerCustomerManagedKey | undefined): Partial<PostgresqlFlexibleServerConfig> {
  if (key === undefined) return {};
  const identityIds = [key.userAssignedIdentityResourceId];
  if (key.geoBackupUserAssignedIdentityResourceId !== undefined) identityIds.push(key.geoBackupUserAssignedIdentityResourceId);
  return {
    identity: { type: 'UserAssigned', identityIds },
    customerManagedKey: {
      keyVaultKeyId: key.keyVaultKeyId,
      primaryUserAssignedIdentityId: key.userAssignedIdentityResourceId,
      geoBackupKeyVaultKeyId: key.geoBackupKeyVaultKeyId,
      geoBackupUserAssignedIdentityId: key.geoBackupUserAssignedIdentityResourceId,
    },
  };
}
