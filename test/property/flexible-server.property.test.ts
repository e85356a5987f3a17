import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import * as fc from 'fast-check';
import {
  EntraPrincipalType,
  FlexibleServerAuthentication,
  FlexibleServerNetwork,
  FlexibleServerSku,
  HighAvailabilityMode,
  PgAuditLogClass,
  PostgresVersion,
  RoleDefinition,
  SecureFlexibleServer,
  SecureFlexibleServerProps,
  SecurityRuleAccess,
  SecurityRuleDirection,
  SecurityRuleProtocol,
  StorageTier,
  TlsVersion,
} from '../../lib';
import { EXISTING_NETWORK_REASON, PLATFORM_KEYS_REASON } from '../../lib/checks/suppression-registry';
import {
  anyIp,
  anyText,
  armId,
  assertAcceptedAndSecure,
  assertRefusedNamingAPropOrSecure,
  assertRefusedNamingTheProp,
  assertWeakeningOverridesFail,
  attemptWith,
  BAD_JUSTIFICATIONS,
  BuildContext,
  buildDiagnosticSettings,
  buildFactoryProp,
  buildPlainProps,
  Derived,
  DiagnosticsPlan,
  ENDPOINT,
  Explanation,
  firewallRanges,
  InLocal,
  ipOf,
  isLiteral,
  javaScriptCallerChanges,
  justification,
  keyId,
  keyVaultId,
  listToken,
  location,
  LONG,
  materialize,
  NON_PUBLIC_RANGES,
  opensManyAddresses,
  opensPostgresWidely,
  numberToken,
  optional,
  OVERRIDE_RUNS_PER_SEED,
  orNumberToken,
  orToken,
  Outcome,
  PlanChange,
  planChange,
  printRunSeed,
  PRIVATE_LINK_ZONE,
  PUBLIC,
  randomCase,
  Raw,
  REASON,
  RESERVED_LOGINS,
  resourceGroupName,
  ResourcePick,
  ruleName,
  serverName,
  SkuPlan,
  Slot,
  slot,
  stringToken,
  stubStackTraces,
  Subject,
  subnetId,
  tags,
  testProperty,
  Tok,
  unwrapped,
  auditsNoDdlOrRole,
  consistentAuditLogging,
  validAuditLogging,
  validBackup,
  validDeletionProtection,
  validDiagnosticSettings,
  validSku,
  vnetZoneName,
  Weakening,
  weakenings,
  wildPlans,
  zoneId,
  sameTenant,
} from './property-harness';
import { OUTBOUND_EXTENSIONS } from '../../lib/checks/outbound-extensions';
import { AZURE_EXTENSIONS } from '../../lib/flexible-server/allowed-extensions';
import { postgresNameProblem } from '../../lib/private/postgres-name';

/** Extensions Azure offers that keep data in the server: any of them is valid without a justification. */
const INWARD_EXTENSIONS = AZURE_EXTENSIONS.filter((extension) => !OUTBOUND_EXTENSIONS.includes(extension));

// Property tests of SecureFlexibleServer. A generated "plan" describes a prop set; tokens in it are
// placeholders (Tok) that become a TerraformVariable, TerraformLocal or Fn call of the run's own
// stack. Four properties, each run on its fixed regression seed and on a seed drawn for this run
// (printed once per file; PROPERTY_SEED=<seed> replays it), RUNS_PER_SEED times each:
//   1. any prop set (valid, invalid and arbitrary values mixed) is EITHER refused with a
//      ValidationError that names its prop, OR synthesizes to JSON that is secure and explained:
//      no finding of the whole rule pack fails, whatever its severity; no literal secret; the
//      suppressions and the warnings are exactly those the plan's weaker choices call for (see
//      explain()), each with the props' own justification, on the resource it concerns;
//   2. a valid prop set (tokens included) is accepted, and its output is secure and explained;
//   3. a valid prop set with one invalid value is refused, naming exactly that prop;
//   4. on a valid prop set, an override that weakens a control the construct set (one the props
//      did not weaken with a justification), in any form Terraform reads (a literal, a string it
//      converts, a constant expression or local, a variable), fails synth, even next to a
//      suppression written straight into the JSON (OVERRIDE_RUNS_PER_SEED times each).
// A failure prints the seed, the path and the shrunk plan.
// What these tests share with those of SecureSingleServer is in property-harness.ts.

stubStackTraces();
printRunSeed();

// ---------------------------------------------------------------------------------------------
// Literal building blocks
// ---------------------------------------------------------------------------------------------

const vnetId = armId('Microsoft.Network', 'virtualNetworks');
const identityId = armId('Microsoft.ManagedIdentity', 'userAssignedIdentities');
/** Blocks Azure does not allow in a virtual network (Virtual Network FAQ), as [first, last] addresses. */
const AZURE_RESERVED: [number, number][] = [[0xe0000000, 0xefffffff], [0xffffffff, 0xffffffff], [0x7f000000, 0x7fffffff], [0xa9fe0000, 0xa9feffff], [0xa83f8110, 0xa83f8110]];
const cidr = fc.tuple(fc.integer({ min: 8, max: 28 }), fc.nat({ max: 0xffffffff })).map(([prefix, n]) => {
  const size = 2 ** (32 - prefix);
  const first = Math.floor(n / size) * size;
  return { first, last: first + size - 1, text: `${ipOf(first)}/${prefix}` };
}).filter(({ first, last }) => AZURE_RESERVED.every(([low, high]) => last < low || high < first)).map(({ text }) => text);

// ---------------------------------------------------------------------------------------------
// The plan: SecureFlexibleServerProps with tokens as Tok, and the factory-made props described
// ---------------------------------------------------------------------------------------------

type NetworkMode = 'vnetIntegration' | 'existingVnetIntegration' | 'privateEndpoint' | 'publicAccess';
interface NetworkPlan {
  readonly mode: NetworkMode;
  readonly options: { [key: string]: unknown };
}
type AuthenticationPlan = { readonly kind: 'entraOnly' } | { readonly kind: 'entraAndPassword'; readonly options: { [key: string]: unknown } };
/** A role of a role assignment, as the factory that makes it is called. */
type RolePlan = { readonly constant: 'READER' | 'MONITORING_READER' } | { readonly builtIn: unknown } | { readonly resourceId: unknown };

interface Plan {
  readonly [key: string]: any;
  readonly network?: NetworkPlan;
  readonly diagnosticSettings?: DiagnosticsPlan;
  readonly authentication?: AuthenticationPlan;
  readonly sku?: SkuPlan;
}

const FACTORY_PROPS = ['network', 'diagnosticSettings', 'authentication', 'sku', 'roleAssignments'];

function buildRole(role: RolePlan, ctx: BuildContext): RoleDefinition {
  if ('constant' in role) return RoleDefinition[role.constant];
  return 'builtIn' in role ? RoleDefinition.builtIn(materialize(role.builtIn, ctx)) : RoleDefinition.fromResourceId(materialize(role.resourceId, ctx));
}

/** Role assignments whose roles are made by their factories; a Raw list or item (a JavaScript caller's) as it is. */
function buildRoleAssignments(assignments: unknown, ctx: BuildContext): unknown {
  if (!Array.isArray(assignments)) return materialize(assignments, ctx);
  return assignments.map((assignment) => {
    if (assignment instanceof Raw || assignment === null || typeof assignment !== 'object' || !('role' in assignment)) return materialize(assignment, ctx);
    const { role, ...rest } = assignment as { role: RolePlan | Raw };
    return { ...materialize(rest, ctx), role: buildFactoryProp(role, ctx, (r) => buildRole(r, ctx)) };
  });
}

function buildProps(plan: Plan, ctx: BuildContext): SecureFlexibleServerProps {
  const props: any = buildPlainProps(plan, ctx, FACTORY_PROPS);
  if (plan.network) props.network = buildFactoryProp(plan.network, ctx, (network) => (FlexibleServerNetwork as any)[network.mode](materialize(network.options, ctx)));
  if (plan.diagnosticSettings) props.diagnosticSettings = buildFactoryProp(plan.diagnosticSettings, ctx, (diagnostics) => buildDiagnosticSettings(diagnostics, ctx));
  if (plan.authentication) {
    props.authentication = buildFactoryProp(plan.authentication, ctx, (authentication) => (authentication.kind === 'entraOnly'
      ? FlexibleServerAuthentication.entraOnly()
      : FlexibleServerAuthentication.entraAndPassword(materialize(authentication.options, ctx))));
  }
  if (plan.sku) props.sku = buildFactoryProp(plan.sku, ctx, (sku) => ('constant' in sku ? (FlexibleServerSku as any)[sku.constant] : FlexibleServerSku.of(materialize(sku.of, ctx))));
  if ('roleAssignments' in plan) props.roleAssignments = buildRoleAssignments(plan.roleAssignments, ctx);
  return props as SecureFlexibleServerProps;
}

/** Builds the props of a plan and constructs the server from them in a new stack. */
function attempt(plan: Plan): Outcome {
  return attemptWith((ctx) => buildProps(plan, ctx), (stack, props) => new SecureFlexibleServer(stack, 'Postgres', props));
}

// ---------------------------------------------------------------------------------------------
// What a plan's weaker choices explain, read from the plan as the props' documentation says
// (docs/security-rules.md, the props' doc comments), not from the construct's code
// ---------------------------------------------------------------------------------------------

const SERVER: ResourcePick = { label: 'the server', type: 'azurerm_postgresql_flexible_server' };
const AZURE_SERVICES_RULE: ResourcePick = {
  label: 'the Azure-services firewall rule (0.0.0.0 to 0.0.0.0)',
  type: 'azurerm_postgresql_flexible_server_firewall_rule',
  where: (rule) => rule.start_ip_address === '0.0.0.0' && rule.end_ip_address === '0.0.0.0',
};
const SECURITY_GROUP: ResourcePick = { label: 'the network security group of the delegated subnet', type: 'azurerm_network_security_group' };
const PGAUDIT_LOG: ResourcePick = { label: 'the pgaudit.log parameter', type: 'azurerm_postgresql_flexible_server_configuration', where: (parameter) => parameter.name === 'pgaudit.log' };
const EACH_DATABASE: ResourcePick = { label: 'each database', type: 'azurerm_postgresql_flexible_server_database', each: true };

/** True when the plan's SKU is known to be Burstable (a constant or a literal name starting with "B_"), which has no high availability. */
function isBurstable(sku: SkuPlan | undefined): boolean {
  if (sku === undefined) return false;
  const name = 'constant' in sku ? sku.constant : sku.of;
  return isLiteral(name) && name.startsWith('B_');
}

/** Each weaker choice of an accepted plan: the rules it suppresses, where, and the warning it prints, with the props' justification. */
function explain(raw: Plan): Explanation {
  const plan = unwrapped(raw);
  const explained = new Explanation();
  if (plan.network.mode === 'publicAccess') {
    const { justification, allowAzureServices } = plan.network.options;
    explained.suppress(SERVER, ['PGF-NET-1', 'PGF-NET-2'], justification).warn('PublicNetworkAccess', justification);
    if (allowAzureServices === true) explained.suppress(AZURE_SERVICES_RULE, ['PGF-NET-5'], justification).warn('AzureServicesAllowed', justification);
    const { wideRanges, allowedIpRanges } = plan.network.options;
    if (wideRanges !== undefined && opensManyAddresses(allowedIpRanges)) {
      explained.suppress(SERVER, ['PGF-NET-8'], wideRanges.justification).warn('WideFirewallRanges', wideRanges.justification);
    }
  }
  if (plan.network.mode === 'vnetIntegration') {
    const options = plan.network.options as any;
    if (options.networkSecurityGroupResourceId === undefined && options.wideSources !== undefined && opensPostgresWidely(options)) {
      explained.suppress(SECURITY_GROUP, ['PGF-NET-11'], options.wideSources.justification).warn('WideNetworkSources', options.wideSources.justification);
    }
  }
  (plan.roleAssignments ?? []).forEach((assignment: any, index: number) => {
    const resource: ResourcePick = { label: `role assignment ${index}`, type: 'azurerm_role_assignment', where: (block) => String(block['//']?.metadata?.path).endsWith(`/RoleAssignment${index}`) };
    if (isPrivilegedRole(assignment.role)) explained.suppress(resource, ['PG-IAM-2'], assignment.justification).warn('PrivilegedRoleAssignment', assignment.justification);
    // A custom role's justification binds PG-IAM-2 to that role, in case the stack defines it with actions on the server (A20a-6).
    if (isCustomRole(assignment.role) && assignment.justification !== undefined) explained.suppress(resource, ['PG-IAM-2'], assignment.justification, false);
    if (isCustomRole(assignment.role)) explained.warn('CustomRoleAssignment', assignment.justification);
  });
  if (plan.network.mode === 'existingVnetIntegration') explained.suppress(SERVER, ['PG-NET-1', 'PG-NET-1'], EXISTING_NETWORK_REASON);
  if (plan.authentication?.kind === 'entraAndPassword') {
    const { justification } = plan.authentication.options;
    explained.suppress(SERVER, ['PGF-IAM-3'], justification).warn('PasswordAuthentication', justification);
  }
  if (plan.diagnosticSettings.kind === 'disabled') {
    explained.suppress(SERVER, ['PGF-LOG-8'], plan.diagnosticSettings.justification).warn('DiagnosticsDisabled', plan.diagnosticSettings.justification);
  }
  const backup = plan.backup ?? {};
  const noGeoBackup = backup.geoRedundantBackup === false;
  const shortRetention = (backup.retentionDays ?? 35) < 35;
  if (noGeoBackup) explained.suppress(SERVER, ['PGF-BAK-1'], backup.justification);
  if (shortRetention) explained.suppress(SERVER, ['PGF-BAK-2'], backup.justification);
  if (noGeoBackup || shortRetention) explained.warn('BackupWeakened', backup.justification);
  const burstable = isBurstable(plan.sku);
  const ha = plan.highAvailability;
  if (ha === undefined && burstable) explained.warn('HighAvailabilityOff');
  if (ha !== undefined && ha.mode !== HighAvailabilityMode.ZONE_REDUNDANT) explained.warn('HighAvailabilityWeakened', ha.justification);
  // PGF-AVL-1 does not apply to Burstable SKUs: the suppression is listed, and suppresses nothing.
  if (ha !== undefined && ha.mode !== HighAvailabilityMode.ZONE_REDUNDANT) explained.suppress(SERVER, ['PGF-AVL-1'], ha.justification, !burstable);
  if (plan.deletionProtection?.preventDestroy === false) {
    const { justification } = plan.deletionProtection;
    explained.suppress(SERVER, ['PGF-DEL-1'], justification).suppress(EACH_DATABASE, ['PGF-DEL-2'], justification).warn('DestroyAllowed', justification);
  }
  if (plan.customerManagedKey === undefined) explained.suppress(SERVER, ['PGF-ENC-1'], PLATFORM_KEYS_REASON);
  const audit = plan.auditLogging;
  if (auditsNoDdlOrRole(audit?.pgauditLogClasses)) explained.suppress(PGAUDIT_LOG, ['PGF-LOG-10'], audit!.justification).warn('PgAuditClassesReduced', audit!.justification);
  return explained;
}

/** Built-in roles that can change or delete the server, grant access to it, stop its log export or lift its guards: they need a justification and warn. */
const PRIVILEGED_ROLES = [
  'owner', 'contributor', 'user access administrator', 'role based access control administrator', 'monitoring contributor', 'log analytics contributor',
  'postgresql flexible server long term retention backup role', 'resource policy contributor', 'monitoring policy contributor', 'storage account contributor',
  'security admin', 'storage account backup contributor',
];
/** Names of the read-only built-in roles the library knows: any other unprivileged name may be a custom role, which warns. */
const READ_ONLY_ROLE_NAMES = ['reader', 'monitoring reader', 'log analytics reader'];
/** Definition GUIDs of the built-in roles the library knows (the privileged ones, Reader and Monitoring Reader): any other ID is a custom role, which warns. */
const KNOWN_ROLE_IDS = [
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'b24988ac-6180-42a0-ab88-20f7382dd24c', '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  '749f88d5-cbae-40b8-bcfc-e573ddc772fa', '92aaf0da-9dab-42b6-94a3-d43ce8d16293', 'acdd72a7-3385-48ef-bd42-f606fba81ae7', '43d0d8ad-25c7-4714-9337-8ba259a9fe05',
  'c088a766-074b-43ba-90d4-1fb21feae531', '36243c78-bf99-498c-9df9-86d9f8d28608', '73c42c96-874c-492b-b04d-ab87d138a893',
  '47be4a87-7950-4631-9daf-b664a405f074', '17d1049b-9a84-46fb-8f53-869881c3d3ab', 'fb1c8493-542b-48eb-b624-b4c8fea62acd', 'e5e2a7ff-d759-4cd2-bb51-3152d37e2eb1',
];

function isCustomRole(role: unknown): boolean {
  if (typeof role !== 'object' || role === null) return false;
  if ('builtIn' in role && typeof role.builtIn === 'string') return ![...PRIVILEGED_ROLES, ...READ_ONLY_ROLE_NAMES].includes(role.builtIn.toLowerCase());
  return 'resourceId' in role && typeof role.resourceId === 'string' && !KNOWN_ROLE_IDS.includes(role.resourceId.split('/').pop()!.toLowerCase());
}

function isPrivilegedRole(role: unknown): boolean {
  return typeof role === 'object' && role !== null && 'builtIn' in role && typeof role.builtIn === 'string' && PRIVILEGED_ROLES.includes(role.builtIn.toLowerCase());
}

const FLEXIBLE: Subject<Plan> = { attempt, explain };

// ---------------------------------------------------------------------------------------------
// Valid plans
// ---------------------------------------------------------------------------------------------

const SKU_NAMES = [
  ...['1ms', '2ms', '2s', '4ms', '8ms', '12ms', '16ms', '20ms'].map((s) => `B_Standard_B${s}`),
  ...[2, 4, 8, 16, 32, 48, 64].map((n) => `GP_Standard_D${n}s_v3`),
  ...[2, 4, 8, 16, 32, 48, 64].map((n) => `GP_Standard_D${n}ds_v4`),
  ...[2, 4, 8, 16, 32, 48, 64, 96].map((n) => `GP_Standard_D${n}ds_v5`),
  ...[2, 4, 8, 16, 32, 48, 64, 96].map((n) => `GP_Standard_D${n}ads_v5`),
  ...[2, 4, 8, 16, 20, 32, 48, 64].map((n) => `MO_Standard_E${n}s_v3`),
  ...[2, 4, 6, 8, 16, 20, 32, 48, 64].map((n) => `MO_Standard_E${n}ds_v4`),
  ...[2, 4, 8, 16, 20, 32, 48, 64, 96].map((n) => `MO_Standard_E${n}ds_v5`),
  ...[2, 4, 8, 16, 32, 48, 64, 96].map((n) => `MO_Standard_E${n}ads_v5`),
];
const SKU_CONSTANTS = Object.keys(FlexibleServerSku).filter((key) => (FlexibleServerSku as any)[key] instanceof FlexibleServerSku);

const TIERS = Object.values(StorageTier);
const tiersFrom = (low: StorageTier, high: StorageTier) => TIERS.slice(TIERS.indexOf(low), TIERS.indexOf(high) + 1);
/** azurerm 4.55 validate/flexible_server_storage_tier.go: the tiers each size allows. */
const TIERS_BY_SIZE: { [size: number]: StorageTier[] } = {
  32768: tiersFrom(StorageTier.P4, StorageTier.P50),
  65536: tiersFrom(StorageTier.P6, StorageTier.P50),
  131072: tiersFrom(StorageTier.P10, StorageTier.P50),
  262144: tiersFrom(StorageTier.P15, StorageTier.P50),
  524288: tiersFrom(StorageTier.P20, StorageTier.P50),
  1048576: tiersFrom(StorageTier.P30, StorageTier.P50),
  2097152: tiersFrom(StorageTier.P40, StorageTier.P50),
  4193280: [StorageTier.P50],
  4194304: [StorageTier.P50],
  8388608: tiersFrom(StorageTier.P60, StorageTier.P80),
  16777216: tiersFrom(StorageTier.P70, StorageTier.P80),
  33553408: [StorageTier.P80],
};
const SIZES = Object.keys(TIERS_BY_SIZE).map(Number);

/** Server encodings (the client-only ones, e.g. SHIFT_JIS_2004, cannot hold a database). */
const CHARSETS = ['UTF8', 'LATIN1', 'WIN1252', 'SQL_ASCII', 'EUC_JP', 'KOI8R', 'ISO_8859_5', 'LATIN10', 'MULE_INTERNAL'];
const CLIENT_ONLY_CHARSETS = ['BIG5', 'GB18030', 'GBK', 'JOHAB', 'SHIFT_JIS_2004', 'SJIS', 'UHC'];
/** Collations that name their code set (UTF-8): the database must be UTF8 (SQL_ASCII passes too, for a superuser). */
const UTF8_COLLATIONS = ['C.UTF-8', 'en_US.utf8', 'fr_FR.utf8', 'ja_JP.utf8'];
const ICU_COLLATIONS = ['de-DE-x-icu', 'und-x-icu', 'sr-Latn-RS-x-icu', 'zh-Hant-TW-x-icu'];
/** Charsets PostgreSQL 15 refuses with an ICU collation. */
const NOT_WITH_ICU = ['SQL_ASCII', 'MULE_INTERNAL', 'EUC_JIS_2004', 'LATIN10', 'WIN874'];
/** Collations whose code set the host decides, and C and POSIX: any server encoding. */
const ANY_CHARSET_COLLATIONS = ['default', 'C', 'POSIX', 'ucs_basic', 'en_US', 'de_DE@euro', 'ja_JP'];
const RESERVED_DATABASES = ['postgres', 'azure_maintenance', 'azure_sys', 'template0', 'template1'];
const RESERVED_SUBNETS = ['AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'AzureBastionSubnet', 'GatewaySubnet'];

/** Sources of PostgreSQL clients the delegated subnet's security group accepts. */
const clientSource = fc.oneof(fc.constantFrom('VirtualNetwork', 'AzureLoadBalancer', 'AzureCloud.westeurope', 'Sql.WestEurope'), cidr);
const addressPrefix = fc.oneof(fc.constantFrom('*', 'VirtualNetwork', 'AzureMonitor', 'Storage', 'Internet'), cidr, fc.ipV4());
const portRange = fc.oneof(fc.constant('*'), fc.integer({ min: 0, max: 65535 }).map(String), fc.tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`));
/** A rule of one's own: name and description may be tokens, everything else is a literal. An inbound allow from anywhere is made consistent away. */
const securityRule = fc.record(
  {
    name: orToken(fc.stringMatching(/^u[a-zA-Z0-9._-]{0,30}[a-zA-Z0-9_]$/)),
    priority: fc.oneof(fc.integer({ min: 100, max: 999 }), fc.integer({ min: 1100, max: 4095 })),
    direction: fc.constantFrom(...Object.values(SecurityRuleDirection)),
    access: fc.constantFrom(...Object.values(SecurityRuleAccess)),
    protocol: fc.constantFrom(...Object.values(SecurityRuleProtocol)),
    sourceAddressPrefix: addressPrefix,
    sourcePortRange: portRange,
    destinationAddressPrefix: addressPrefix,
    destinationPortRange: portRange,
    description: orToken(fc.string({ maxLength: 40 })),
  },
  { requiredKeys: ['name', 'priority', 'direction', 'access', 'protocol', 'sourceAddressPrefix', 'destinationAddressPrefix', 'destinationPortRange'] },
);
const securityGroupId = armId('Microsoft.Network', 'networkSecurityGroups');

const login = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/).filter((l) => !RESERVED_LOGINS.includes(l.toLowerCase()) && !l.toLowerCase().startsWith('pg_'));
const availabilityZone = fc.constantFrom('1', '2', '3');
const validNetwork: fc.Arbitrary<NetworkPlan> = fc.oneof(
  fc.record(
    {
      virtualNetworkResourceId: orToken(vnetId),
      subnetAddressPrefix: orToken(cidr),
      subnetName: orToken(fc.stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,78}[a-zA-Z0-9_])?$/).filter((n) => !RESERVED_SUBNETS.includes(n))),
      privateDnsZoneName: vnetZoneName,
      allowedSources: fc.uniqueArray(clientSource, { minLength: 1, maxLength: 4, selector: (source) => source.toLowerCase() }),
      networkSecurityGroupResourceId: orToken(securityGroupId),
      // Priorities and names (ignoring case) are unique, as the construct requires.
      additionalSecurityRules: fc.uniqueArray(securityRule, {
        maxLength: 4,
        comparator: (a, b) => a.priority === b.priority || (isLiteral(a.name) && isLiteral(b.name) && a.name.toLowerCase() === b.name.toLowerCase()),
      }),
      wideSources: fc.record({ justification }),
    },
    { requiredKeys: ['virtualNetworkResourceId', 'subnetAddressPrefix'] },
  ).map((options) => ({ mode: 'vnetIntegration' as const, options })),
  fc.record({ delegatedSubnetResourceId: orToken(subnetId), privateDnsZoneResourceId: orToken(zoneId(vnetZoneName)) })
    .map((options) => ({ mode: 'existingVnetIntegration' as const, options })),
  fc.record({ subnetResourceId: orToken(subnetId), privateDnsZoneResourceId: orToken(zoneId(fc.constant(PRIVATE_LINK_ZONE))) }, { requiredKeys: ['subnetResourceId'] })
    .map((options) => ({ mode: 'privateEndpoint' as const, options })),
  fc.record({ allowedIpRanges: firewallRanges(0), allowAzureServices: fc.boolean(), wideRanges: fc.record({ justification }), justification }, { requiredKeys: ['allowedIpRanges', 'justification'] })
    .map((options) => ({ mode: 'publicAccess' as const, options: options.allowedIpRanges.length === 0 ? { ...options, allowAzureServices: true } : options })),
);

const entraAdministrator = fc.record(
  {
    objectId: orToken(fc.uuid()),
    principalName: orToken(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => /\S/.test(s) && postgresNameProblem(s) === undefined)),
    principalType: orToken(fc.constantFrom(...Object.values(EntraPrincipalType))),
    tenantId: orToken(fc.uuid()),
  },
  { requiredKeys: ['objectId', 'principalName', 'principalType'] },
);

const tlsPair = fc.constantFrom<[TlsVersion | undefined, TlsVersion | undefined]>(
  [undefined, undefined], [TlsVersion.TLS1_2, undefined], [TlsVersion.TLS1_3, undefined], [TlsVersion.TLS1_2, TlsVersion.TLS1_2],
  [TlsVersion.TLS1_2, TlsVersion.TLS1_3], [TlsVersion.TLS1_3, TlsVersion.TLS1_3], [undefined, TlsVersion.TLS1_2], [undefined, TlsVersion.TLS1_3],
);

const storage = fc.oneof(
  fc.constant(undefined),
  fc.record({ autoGrow: fc.boolean() }, { requiredKeys: [] }),
  fc.constantFrom(...SIZES).chain((size) =>
    fc.record({ sizeMb: fc.constant(size), tier: fc.constantFrom(...TIERS_BY_SIZE[size]), autoGrow: fc.boolean() }, { requiredKeys: ['sizeMb'] })),
  fc.record({ sizeMb: numberToken, tier: orToken(fc.constantFrom(...TIERS)) }, { requiredKeys: ['sizeMb'] }),
  fc.record({ tier: orToken(fc.constantFrom(...TIERS_BY_SIZE[32768])) }),
);

/** A charset and a collation PostgreSQL creates a database with; either may be left to its default (UTF8, en_US.utf8) or be a token. */
const encoding: fc.Arbitrary<{ charset?: unknown; collation?: unknown }> = fc.oneof(
  fc.record({ charset: fc.constantFrom('UTF8', 'utf8', 'SQL_ASCII'), collation: fc.constantFrom(...UTF8_COLLATIONS) }, { requiredKeys: [] }),
  fc.record({ charset: fc.constantFrom(...CHARSETS.filter((c) => !NOT_WITH_ICU.includes(c))).chain(randomCase), collation: fc.constantFrom(...ICU_COLLATIONS) }, { requiredKeys: ['collation'] }),
  fc.record({ charset: fc.constantFrom(...CHARSETS).chain(randomCase), collation: fc.constantFrom(...ANY_CHARSET_COLLATIONS) }, { requiredKeys: ['collation'] }),
  fc.record({ charset: stringToken, collation: orToken(fc.constantFrom(...UTF8_COLLATIONS, ...ICU_COLLATIONS)) }, { requiredKeys: [] }),
  fc.record({ collation: stringToken }),
);

const databases = fc.uniqueArray(
  fc.tuple(orToken(fc.stringMatching(/^[a-zA-Z_-][a-zA-Z0-9_-]{0,62}$/).filter((n) => !RESERVED_DATABASES.includes(n))), encoding).map(([name, { charset, collation }]) => ({ name, charset, collation })),
  { maxLength: 4, selector: (database) => (typeof database.name === 'string' ? database.name : database) },
);

const rawValidPlan = fc.record(
  {
    name: orToken(serverName),
    resourceGroupName: orToken(resourceGroupName),
    location: orToken(location),
    tenantId: orToken(fc.uuid()),
    zone: orToken(availabilityZone),
    network: validNetwork,
    entraAdministrators: fc.uniqueArray(entraAdministrator, { minLength: 1, maxLength: 3, selector: (a) => (typeof a.objectId === 'string' ? a.objectId.toLowerCase() : a) }),
    diagnosticSettings: validDiagnosticSettings,
    authentication: fc.oneof(
      fc.constant<AuthenticationPlan>({ kind: 'entraOnly' }),
      fc.record(
        {
          administratorLogin: orToken(login),
          justification,
          passwordVersion: orNumberToken(fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.constant(2 ** 31 - 1))),
          keyVaultResourceId: orToken(keyVaultId),
        },
        { requiredKeys: ['administratorLogin', 'justification'] },
      ).map((options): AuthenticationPlan => ({ kind: 'entraAndPassword', options })),
    ),
    sku: validSku(SKU_CONSTANTS, SKU_NAMES),
    version: fc.constantFrom(...Object.values(PostgresVersion)),
    storage,
    tls: tlsPair.map(([minVersion, maxVersion]) => ({ minVersion, maxVersion })),
    auditLogging: validAuditLogging,
    backup: validBackup,
    highAvailability: fc.record(
      { mode: fc.constantFrom(...Object.values(HighAvailabilityMode)), standbyAvailabilityZone: orToken(availabilityZone), justification },
      { requiredKeys: ['mode'] },
    ),
    customerManagedKey: fc.record(
      { keyVaultKeyId: orToken(keyId), userAssignedIdentityResourceId: orToken(identityId), geoBackupKeyVaultKeyId: orToken(keyId), geoBackupUserAssignedIdentityResourceId: orToken(identityId) },
      { requiredKeys: ['keyVaultKeyId', 'userAssignedIdentityResourceId'] },
    ),
    deletionProtection: validDeletionProtection,
    maintenanceWindow: fc.record(
      { dayOfWeek: orNumberToken(fc.integer({ min: 0, max: 6 })), startHour: orNumberToken(fc.integer({ min: 0, max: 23 })), startMinute: orNumberToken(fc.integer({ min: 0, max: 59 })) },
      { requiredKeys: ['dayOfWeek'] },
    ),
    databases,
    // Literal-only (a security setting: azure.extensions must keep pgaudit); tokens are refused (SLOTS).
    allowedExtensions: fc.array(fc.constantFrom(...INWARD_EXTENSIONS), { maxLength: 4 }),
    roleAssignments: fc.array(
      fc.record(
        {
          role: fc.oneof(
            fc.constantFrom<RolePlan>({ constant: 'READER' }, { constant: 'MONITORING_READER' }),
            fc.constantFrom('Reader', 'Monitoring Reader', 'Log Analytics Reader', 'Contributor', 'owner', 'User Access Administrator', 'Monitoring Contributor', 'log analytics contributor', 'Security Admin', 'storage account backup contributor').map((name): RolePlan => ({ builtIn: name })),
            fc.tuple(fc.boolean(), fc.uuid()).map(([scoped, guid]): RolePlan => ({ resourceId: `${scoped ? '/subscriptions/0' : ''}/providers/Microsoft.Authorization/roleDefinitions/${guid}` })),
          ),
          principalId: orToken(fc.uuid()),
          principalType: orToken(fc.constantFrom(...Object.values(EntraPrincipalType))),
          description: orToken(fc.string({ maxLength: 40 })),
          justification,
        },
        { requiredKeys: ['role', 'principalId', 'principalType'] },
      ),
      { maxLength: 3 },
    ),
    dependsOn: fc.constant(new Derived('a resource of the stack', (ctx) => [new ResourceGroup(ctx.stack, 'dependency', { name: 'rg-dependency', location: 'westeurope' })])),
    tags,
  },
  { requiredKeys: ['name', 'resourceGroupName', 'location', 'tenantId', 'network', 'entraAdministrators', 'diagnosticSettings'] },
);

const GEO_IDENTITY = '/subscriptions/0/resourceGroups/rg-geo/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-geo';

/** Makes the props that depend on each other agree, as the documentation asks. */
function makeConsistent(raw: Plan): Plan {
  const plan: any = { ...raw };
  if (Array.isArray(plan.entraAdministrators)) plan.entraAdministrators = plan.entraAdministrators.map((admin: any) => sameTenant(admin, plan.tenantId));
  const skuName = plan.sku === undefined ? 'GP' : 'constant' in plan.sku ? (FlexibleServerSku as any)[plan.sku.constant].name : plan.sku.of;
  const burstable = isLiteral(skuName) && skuName.startsWith('B_');
  if (plan.highAvailability !== undefined) {
    const ha = { ...plan.highAvailability };
    if (burstable && ha.mode !== HighAvailabilityMode.DISABLED) ha.mode = HighAvailabilityMode.DISABLED;
    if (ha.mode !== HighAvailabilityMode.ZONE_REDUNDANT && ha.justification === undefined) ha.justification = REASON;
    if (ha.mode === HighAvailabilityMode.DISABLED) delete ha.standbyAvailabilityZone;
    if (isLiteral(ha.standbyAvailabilityZone) && isLiteral(plan.zone)) {
      if (ha.mode === HighAvailabilityMode.ZONE_REDUNDANT && ha.standbyAvailabilityZone === plan.zone) ha.standbyAvailabilityZone = plan.zone === '1' ? '2' : '1';
      if (ha.mode === HighAvailabilityMode.SAME_ZONE) ha.standbyAvailabilityZone = plan.zone;
    }
    plan.highAvailability = ha;
  }
  const backup = plan.backup;
  if (backup !== undefined && backup.justification === undefined) {
    const shortened = typeof backup.retentionDays === 'number' && backup.retentionDays < 35;
    if (backup.geoRedundantBackup === false || shortened) plan.backup = { ...backup, justification: REASON };
  }
  const key = plan.customerManagedKey;
  if (key !== undefined) {
    const geo = plan.backup?.geoRedundantBackup !== false;
    const fixed = { ...key };
    if (geo && fixed.geoBackupKeyVaultKeyId === undefined) fixed.geoBackupKeyVaultKeyId = 'https://kv-geo.vault.azure.net/keys/postgres-geo';
    // The geo identity differs from the primary one (two Tok placeholders become two variables).
    const geoIdentity = isLiteral(fixed.userAssignedIdentityResourceId) ? `${fixed.userAssignedIdentityResourceId}-geo` : GEO_IDENTITY;
    if (geo && fixed.geoBackupUserAssignedIdentityResourceId === undefined) fixed.geoBackupUserAssignedIdentityResourceId = geoIdentity;
    if (fixed.geoBackupUserAssignedIdentityResourceId === fixed.userAssignedIdentityResourceId) fixed.geoBackupUserAssignedIdentityResourceId = geoIdentity;
    plan.customerManagedKey = fixed;
  }
  if (plan.deletionProtection?.preventDestroy === false && plan.deletionProtection.justification === undefined) {
    plan.deletionProtection = { ...plan.deletionProtection, justification: REASON };
  }
  plan.auditLogging = consistentAuditLogging(plan.auditLogging, REASON);
  plan.network = consistentNetwork(plan.network);
  if (plan.roleAssignments !== undefined) plan.roleAssignments = consistentRoleAssignments(plan.roleAssignments);
  return plan;
}

/** An existing group takes no rules of the construct's; an inbound allow is not from anywhere; wide ranges are stated. */
function consistentNetwork(network: NetworkPlan): NetworkPlan {
  const options: any = { ...network.options };
  if (network.mode === 'vnetIntegration') {
    if (options.networkSecurityGroupResourceId !== undefined) {
      delete options.allowedSources;
      delete options.additionalSecurityRules;
    }
    if (options.additionalSecurityRules !== undefined) {
      options.additionalSecurityRules = options.additionalSecurityRules.map((rule: any) =>
        (rule.direction === SecurityRuleDirection.INBOUND && rule.access === SecurityRuleAccess.ALLOW && ['*', 'Internet'].includes(rule.sourceAddressPrefix) ? { ...rule, sourceAddressPrefix: 'VirtualNetwork' } : rule));
    }
    if (options.networkSecurityGroupResourceId === undefined && options.wideSources === undefined && opensPostgresWidely(options)) options.wideSources = { justification: REASON };
  }
  if (network.mode === 'publicAccess' && options.wideRanges === undefined && opensManyAddresses(options.allowedIpRanges)) options.wideRanges = { justification: REASON };
  return { ...network, options };
}

/** Privileged roles justified, and each role of a principal once. */
function consistentRoleAssignments(assignments: any[]): any[] {
  const seen = new Set<string>();
  return assignments
    .map((assignment) => {
      const name = 'constant' in assignment.role ? '' : 'builtIn' in assignment.role ? String(assignment.role.builtIn).toLowerCase() : '';
      const privileged = PRIVILEGED_ROLES.includes(name);
      return privileged && assignment.justification === undefined ? { ...assignment, justification: REASON } : assignment;
    })
    .filter((assignment) => {
      if (!isLiteral(assignment.principalId)) return true;
      const role = 'constant' in assignment.role
        ? (assignment.role.constant === 'READER' ? 'reader' : 'monitoring reader')
        : 'builtIn' in assignment.role ? String(assignment.role.builtIn).toLowerCase() : String(assignment.role.resourceId).split('/').pop()!.toLowerCase();
      const key = `${role}|${String(assignment.principalId).toLowerCase()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

const validPlan: fc.Arbitrary<Plan> = rawValidPlan.map(makeConsistent);

// ---------------------------------------------------------------------------------------------
// Invalid values: each mutation makes one prop of a valid plan invalid and names that prop
// ---------------------------------------------------------------------------------------------

interface Mutation {
  readonly prop: string;
  readonly label: string;
  apply(plan: Plan): Plan;
}

function mutation(prop: string, label: string, apply: (plan: any) => Plan): Mutation {
  return { prop, label, apply, [fc.toStringMethod]: () => `${prop} := ${label}` } as Mutation;
}

/** One mutation per listed bad value, setting it at a top-level prop. */
function badValues(prop: string, values: unknown[], set: (plan: any, value: any) => Plan = (plan, value) => ({ ...plan, [prop]: value })): fc.Arbitrary<Mutation> {
  return fc.constantFrom(...values).map((value) => mutation(prop, fc.stringify(value), (plan) => set(plan, value)));
}

const DEFAULT_OPTIONS: { [mode in NetworkMode]: { [key: string]: unknown } } = {
  vnetIntegration: { virtualNetworkResourceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet', subnetAddressPrefix: '10.0.1.0/28' },
  existingVnetIntegration: {
    delegatedSubnetResourceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/db',
    privateDnsZoneResourceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/orders.private.postgres.database.azure.com',
  },
  privateEndpoint: { subnetResourceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe' },
  publicAccess: { allowedIpRanges: [{ name: 'roffice', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' }], justification: REASON },
};

/** The plan with its network in a mode (kept when already in it) and some options changed. */
function inMode(plan: Plan, mode: NetworkMode, patch: { [key: string]: unknown }): Plan {
  const options = plan.network?.mode === mode ? plan.network.options : DEFAULT_OPTIONS[mode];
  return { ...plan, network: { mode, options: { ...options, ...patch } } };
}

/** A literal server name, so that checks comparing with it can run. */
const withLiteralName = (plan: Plan): Plan => (isLiteral(plan.name) ? plan : { ...plan, name: 'orders-db' });

const NOT_AN_ID = ['', 'vnet-hub', '/subscriptions/0/resourceGroups/rg', 'https://portal.azure.com/#resource/x'];
const NSG_ID = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg-db';
const VALID_RULE = {
  name: 'xAllowMonitor',
  priority: 300,
  direction: SecurityRuleDirection.OUTBOUND,
  access: SecurityRuleAccess.ALLOW,
  protocol: SecurityRuleProtocol.TCP,
  sourceAddressPrefix: 'VirtualNetwork',
  destinationAddressPrefix: 'AzureMonitor',
  destinationPortRange: '443',
};
/** A /23 of public addresses: more than 256 together, so it needs wideRanges. */
const WIDE_RANGE = { name: 'xwide', startIpAddress: '198.51.100.0', endIpAddress: '198.51.101.255' };
const READER_ASSIGNMENT = { role: { constant: 'READER' }, principalId: 'abcdefab-1234-4321-8888-abcdefabcd01', principalType: EntraPrincipalType.GROUP };
/** The plan in vnetIntegration with its own security group, so the group's options are judged. */
const inOwnGroup = (plan: Plan, patch: { [key: string]: unknown }) => inMode(plan, 'vnetIntegration', { networkSecurityGroupResourceId: undefined, ...patch });
const VNET = 'network.vnetIntegration';
const EXISTING = 'network.existingVnetIntegration';

const badRange = fc.constantFrom(
  { problem: 'name', range: { name: 'x bad name', startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.2' } },
  { problem: 'name', range: { name: '', startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.2' } },
  { problem: 'name', range: { name: `x${'a'.repeat(128)}`, startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.2' } },
  { problem: 'startIpAddress', range: { name: 'xrange', startIpAddress: '203.0.113', endIpAddress: '203.0.113.2' } },
  { problem: 'startIpAddress', range: { name: 'xrange', startIpAddress: '203.0.113.1/32', endIpAddress: '203.0.113.2' } },
  { problem: 'startIpAddress', range: { name: 'xrange', startIpAddress: '203.0.113.01', endIpAddress: '203.0.113.2' } },
  { problem: 'endIpAddress', range: { name: 'xrange', startIpAddress: '203.0.113.1', endIpAddress: '256.0.0.1' } },
  // An address is a security setting: a token there is refused before anything else is judged.
  { problem: 'startIpAddress', range: { name: 'xrange', startIpAddress: new Tok('variable', 'string'), endIpAddress: 'localhost' } },
  { problem: '', range: { name: 'xrange', startIpAddress: '203.0.113.9', endIpAddress: '203.0.113.1' } },
  { problem: '', range: { name: 'xrange', startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' } },
  { problem: '', range: { name: 'xrange', startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' } },
  { problem: '', range: { name: 'xrange', startIpAddress: '0.0.0.0', endIpAddress: '10.0.0.1' } },
  { problem: 'endIpAddress', range: { name: 'xrange', startIpAddress: '0.0.0.0', endIpAddress: new Tok('variable', 'string') } },
  { problem: '', range: { name: 'xrange', startIpAddress: '1.0.0.0', endIpAddress: '255.255.255.255' } },
  { problem: 'startIpAddress', range: { name: 'xrange', startIpAddress: new Tok('local', 'string'), endIpAddress: '255.255.255.255' } },
  ...NON_PUBLIC_RANGES.map((range) => ({ problem: '', range: { name: 'xrange', ...range } })),
);

/** A bad firewall range inserted among valid ones; the error names its position. */
const rangeMutation = fc.tuple(firewallRanges(0), badRange, fc.nat()).map(([ranges, bad, position]) => {
  const index = position % (ranges.length + 1);
  const list = [...ranges.slice(0, index), bad.range, ...ranges.slice(index)];
  const prop = `${PUBLIC}.allowedIpRanges[${index}]${bad.problem === '' ? '' : `.${bad.problem}`}`;
  return mutation(prop, fc.stringify(bad.range), (plan) => inMode(plan, 'publicAccess', { allowedIpRanges: list, justification: REASON }));
});

/** A range whose name differs from an earlier one only in case. */
const duplicateRangeMutation = firewallRanges(0).map((generated) => {
  const ranges = generated.filter((range) => !(isLiteral(range.name) && range.name.toLowerCase() === 'roffice'));
  const list = [{ name: 'rOffice', startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.1' }, ...ranges, { name: 'ROFFICE', startIpAddress: '198.51.100.1', endIpAddress: '198.51.100.1' }];
  return mutation(`${PUBLIC}.allowedIpRanges[${list.length - 1}].name`, '"ROFFICE" after "rOffice"', (plan) => inMode(plan, 'publicAccess', { allowedIpRanges: list, justification: REASON }));
});

const badAdministrator = fc.constantFrom(
  { field: 'objectId', patch: { objectId: '' } },
  { field: 'objectId', patch: { objectId: 'not-a-guid' } },
  { field: 'objectId', patch: { objectId: '{11111111-2222-3333-4444-555555555555}' } },
  { field: 'tenantId', patch: { tenantId: '11111111222233334444555555555555' } },
  { field: 'principalName', patch: { principalName: '' } },
  { field: 'principalName', patch: { principalName: ' \t ' } },
  { field: 'principalName', patch: { principalName: 'db\nadmins' } },
  { field: 'principalName', patch: { principalName: 'db-admins\u200b' } },
  { field: 'principalType', patch: { principalType: 'group' } },
  { field: 'principalType', patch: { principalType: 'Owner' } },
  { field: 'principalType', patch: { principalType: '' } },
);

/** A list of a plan, or none when an earlier change made it something else (a Raw value a JavaScript caller might pass). */
const listOf = (value: unknown): any[] => (Array.isArray(value) ? value : []);

/** The mutations whose prop depends on the plan they are applied to. */
type PlanDependentMutation = PlanChange<Plan>;
const planDependent = planChange<Plan>;

/** Bad entries of a list (administrators, databases): the error names the entry's position. */
const listItemMutations: fc.Arbitrary<PlanDependentMutation> = fc.oneof(
  fc.tuple(badAdministrator, fc.nat()).map(([bad, position]) =>
    planDependent(`an administrator with ${fc.stringify(bad.patch)}`, (plan) => {
      const admins = [...listOf(plan.entraAdministrators)];
      const index = position % (admins.length + 1);
      admins.splice(index, 0, { objectId: 'ffffffff-ffff-4fff-bfff-ffffffffff01', principalName: 'x-admins', principalType: EntraPrincipalType.GROUP, ...bad.patch });
      return { plan: { ...plan, entraAdministrators: admins }, prop: `entraAdministrators[${index}].${bad.field}` };
    })),
  fc.constant(planDependent('an administrator listed twice (other case)', (plan) => {
    const [head, ...rest] = listOf(plan.entraAdministrators).length ? listOf(plan.entraAdministrators) : [{ principalName: 'db-admins', principalType: EntraPrincipalType.GROUP }];
    const first = { ...head, objectId: 'abcdefab-1234-4321-8888-abcdefabcdef' };
    const admins = [first, ...rest, { ...first, objectId: first.objectId.toUpperCase() }];
    return { plan: { ...plan, entraAdministrators: admins }, prop: `entraAdministrators[${admins.length - 1}].objectId` };
  })),
  fc.constant(planDependent('a database listed twice', (plan) => {
    const databases = [{ name: 'app' }, ...listOf(plan.databases).filter((d: any) => d?.name !== 'app'), { name: 'app' }];
    return { plan: { ...plan, databases }, prop: `databases[${databases.length - 1}].name` };
  })),
  fc.tuple(
    fc.constantFrom(
      { field: 'name', patch: { name: '' } },
      { field: 'name', patch: { name: '1app' } },
      { field: 'name', patch: { name: 'app db' } },
      { field: 'name', patch: { name: 'a'.repeat(64) } },
      { field: 'name', patch: { name: 'postgres' } },
      { field: 'name', patch: { name: 'template1' } },
      { field: 'name', patch: { name: 'azure_maintenance' } },
      { field: 'charset', patch: { name: 'xdb', charset: 'UTF-8' } },
      { field: 'charset', patch: { name: 'xdb', charset: 'utf16' } },
      { field: 'collation', patch: { name: 'xdb', collation: 'en_US.UTF-8' } },
      { field: 'collation', patch: { name: 'xdb', collation: 'en-US' } },
      { field: 'collation', patch: { name: 'xdb', collation: 'en_us.utf8' } },
      ...CLIENT_ONLY_CHARSETS.map((charset) => ({ field: 'charset', patch: { name: 'xdb', charset } })),
      { field: 'charset', patch: { name: 'xdb', charset: 'LATIN1' } },
      { field: 'charset', patch: { name: 'xdb', charset: 'win1252', collation: 'fr_FR.utf8' } },
      ...NOT_WITH_ICU.map((charset) => ({ field: 'charset', patch: { name: 'xdb', charset, collation: 'de-DE-x-icu' } })),
      { field: 'collation', patch: { name: 'xdb', collation: 'en_US.latin1' } },
    ),
    fc.nat(),
  ).map(([bad, position]) =>
    planDependent(`a database with ${fc.stringify(bad.patch)}`, (plan) => {
      const list = listOf(plan.databases).filter((d: any) => d?.name !== 'xdb');
      const index = position % (list.length + 1);
      list.splice(index, 0, Object.assign({ name: 'xdb' }, bad.patch));
      return { plan: { ...plan, databases: list }, prop: `databases[${index}].${bad.field}` };
    })),
);

/** Every invalid value a valid plan can be given, with the prop its error must name. */
const fixedMutations: fc.Arbitrary<Mutation>[] = [
  badValues('name', ['', 'Orders', '-orders', 'orders-', 'ab', 'a'.repeat(64), 'orders_db', 'orders.db', 'orders db']),
  badValues('resourceGroupName', ['', 'rg.', 'rg/orders', 'a'.repeat(91), 'rg#1', 'rg orders']),
  badValues('location', ['', ' ', '   ', 'west europe!', 'westeurope/1', '\u200b', '12', 'x'.repeat(61)]),
  badValues('tenantId', ['', 'contoso.onmicrosoft.com', '11111111222233334444555555555555', '{11111111-2222-3333-4444-555555555555}', 'g1111111-2222-3333-4444-555555555555']),
  badValues('zone', ['', '0', '4', 'zone1', '1 ', 'westeurope-1']),
  badValues('network', [undefined]),
  badValues(`${VNET}.virtualNetworkResourceId`, [...NOT_AN_ID, DEFAULT_OPTIONS.existingVnetIntegration.delegatedSubnetResourceId, '/subscriptions/0/resourceGroups/rg/providers/microsoft.network/virtualNetworks/vnet'],
    (plan, value) => inMode(plan, 'vnetIntegration', { virtualNetworkResourceId: value })),
  badValues(`${VNET}.subnetAddressPrefix`, ['224.0.0.0/28', '239.255.255.240/28', '127.0.0.0/24', '169.254.1.0/24', '168.63.129.16/28', '168.63.128.0/23', '168.63.0.0/16', '160.0.0.0/3', '240.0.0.0/4'],
    (plan, value) => inMode(plan, 'vnetIntegration', { subnetAddressPrefix: value })),
  badValues(`${VNET}.subnetAddressPrefix`, ['', '10.0.1.0', '10.0.1.0/33', '10.0.1.0/-1', '256.0.1.0/24', '10.0.1/24', 'fd00::/64', '10.0.1.0/29', '10.0.1.0/32', '10.0.1.16/27', '10.0.1.1/28', '10.0.0.0/ 24'],
    (plan, value) => inMode(plan, 'vnetIntegration', { subnetAddressPrefix: value })),
  badValues(`${VNET}.subnetName`, [...RESERVED_SUBNETS, '', '-postgres', 'postgres.', 'post gres', 'a'.repeat(81)], (plan, value) => inMode(plan, 'vnetIntegration', { subnetName: value })),
  badValues(`${VNET}.privateDnsZoneName`, ['orders.example.com', 'postgres.database.azure.com', 'Orders.private.postgres.database.azure.com', 'a.b.c.postgres.database.azure.com', '-a.postgres.database.azure.com'],
    (plan, value) => inMode(plan, 'vnetIntegration', { privateDnsZoneName: value })),
  badValues(`${VNET}.privateDnsZoneName`, ['the server\'s own host name'],
    (plan) => inMode(withLiteralName(plan), 'vnetIntegration', { privateDnsZoneName: new Derived('<name>.postgres.database.azure.com', (ctx) => `${ctx.name}.postgres.database.azure.com`) })),
  badValues(`${VNET}.allowedIpRanges`, [[], DEFAULT_OPTIONS.publicAccess.allowedIpRanges], (plan, value) => inMode(plan, 'vnetIntegration', { allowedIpRanges: value })),
  badValues(`${VNET}.allowedSources[0]`, ['Internet', '*', 'any', '0.0.0.0/0', '0.0.0.0/1', '10.1.2.3/16', 'not a tag', '', '10.0.0.0/33'], (plan, value) => inOwnGroup(plan, { allowedSources: [value] })),
  badValues(`${VNET}.allowedSources`, [[]], (plan, value) => inOwnGroup(plan, { allowedSources: value })),
  badValues(`${VNET}.allowedSources[1]`, ['VIRTUALNETWORK after VirtualNetwork'], (plan) => inOwnGroup(plan, { allowedSources: ['VirtualNetwork', 'VIRTUALNETWORK'] })),
  badValues(`${VNET}.additionalSecurityRules`, ['rules next to an existing group'], (plan) => inMode(plan, 'vnetIntegration', { networkSecurityGroupResourceId: NSG_ID, allowedSources: undefined, additionalSecurityRules: [VALID_RULE] })),
  badValues(`${VNET}.networkSecurityGroupResourceId`, [...NOT_AN_ID.slice(1), DEFAULT_OPTIONS.vnetIntegration.virtualNetworkResourceId],
    (plan, value) => inMode(plan, 'vnetIntegration', { networkSecurityGroupResourceId: value, allowedSources: undefined, additionalSecurityRules: undefined })),
  fc.constantFrom(
    { field: 'name', patch: { name: 'x rule' } },
    { field: 'name', patch: { name: 'DenyAllInbound' } },
    { field: 'name', patch: { name: 'x'.repeat(81) } },
    { field: 'priority', patch: { priority: 1000 } },
    { field: 'priority', patch: { priority: 4096 } },
    { field: 'priority', patch: { priority: 99 } },
    { field: 'priority', patch: { priority: 300.5 } },
    { field: 'direction', patch: { direction: 'Both' } },
    { field: 'access', patch: { access: 'allow' } },
    { field: 'protocol', patch: { protocol: 'TCP' } },
    { field: 'sourceAddressPrefix', patch: { direction: SecurityRuleDirection.INBOUND, sourceAddressPrefix: 'Internet' } },
    { field: 'sourceAddressPrefix', patch: { direction: SecurityRuleDirection.INBOUND, sourceAddressPrefix: '0.0.0.0/0', destinationPortRange: '5432' } },
    { field: 'sourceAddressPrefix', patch: { sourceAddressPrefix: '10.0.0.1/8' } },
    { field: 'destinationAddressPrefix', patch: { destinationAddressPrefix: 'the subnet' } },
    { field: 'destinationPortRange', patch: { destinationPortRange: '70000' } },
    { field: 'sourcePortRange', patch: { sourcePortRange: '9-1' } },
  ).map((bad) => mutation(`${VNET}.additionalSecurityRules[0].${bad.field}`, fc.stringify(bad.patch), (plan) => inOwnGroup(plan, { additionalSecurityRules: [{ ...VALID_RULE, ...bad.patch }] }))),
  badValues(`${VNET}.additionalSecurityRules[1].priority`, ['300 twice, outbound'], (plan) => inOwnGroup(plan, { additionalSecurityRules: [VALID_RULE, { ...VALID_RULE, name: 'xOther' }] })),
  badValues(`${PUBLIC}.allowedIpRanges`, ['a /23 without wideRanges'], (plan) => inMode(plan, 'publicAccess', { allowedIpRanges: [WIDE_RANGE], wideRanges: undefined, justification: REASON })),
  badValues(`${PUBLIC}.wideRanges.justification`, BAD_JUSTIFICATIONS, (plan, value) => inMode(plan, 'publicAccess', { allowedIpRanges: [WIDE_RANGE], wideRanges: { justification: value }, justification: REASON })),
  fc.constantFrom(
    { field: 'principalId', patch: { principalId: 'grafana' } },
    { field: 'principalId', patch: { principalId: '' } },
    { field: 'principalType', patch: { principalType: 'ManagedIdentity' } },
    { field: 'justification', patch: { role: { builtIn: 'Owner' } } },
    { field: 'justification', patch: { role: { resourceId: '/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c' } } },
    { field: 'role.name', patch: { role: { builtIn: 'Reader;Owner' } } },
    { field: 'role.name', patch: { role: { builtIn: '' } } },
    { field: 'role.resourceId', patch: { role: { resourceId: 'Reader' } } },
  ).map((bad) => mutation(`roleAssignments[0].${bad.field}`, fc.stringify(bad.patch), (plan) => ({ ...plan, roleAssignments: [{ ...READER_ASSIGNMENT, ...bad.patch }] }))),
  badValues('roleAssignments[1].principalId', ['the same role twice'], (plan) => ({ ...plan, roleAssignments: [READER_ASSIGNMENT, { ...READER_ASSIGNMENT, principalId: READER_ASSIGNMENT.principalId.toUpperCase() }] })),
  badValues(`${EXISTING}.delegatedSubnetResourceId`, [...NOT_AN_ID, DEFAULT_OPTIONS.vnetIntegration.virtualNetworkResourceId], (plan, value) => inMode(plan, 'existingVnetIntegration', { delegatedSubnetResourceId: value })),
  badValues(`${EXISTING}.privateDnsZoneResourceId`, [...NOT_AN_ID, '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/orders.example.com'],
    (plan, value) => inMode(plan, 'existingVnetIntegration', { privateDnsZoneResourceId: value })),
  badValues(`${EXISTING}.privateDnsZoneResourceId`, ['the ID of the server\'s own host name zone'], (plan) => inMode(withLiteralName(plan), 'existingVnetIntegration', {
    privateDnsZoneResourceId: new Derived('zone ID named <name>.postgres.database.azure.com', (ctx) => `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/${ctx.name}.postgres.database.azure.com`),
  })),
  badValues(`${EXISTING}.allowedIpRanges`, [DEFAULT_OPTIONS.publicAccess.allowedIpRanges], (plan, value) => inMode(plan, 'existingVnetIntegration', { allowedIpRanges: value })),
  badValues(`${ENDPOINT}.subnetResourceId`, [...NOT_AN_ID, DEFAULT_OPTIONS.vnetIntegration.virtualNetworkResourceId], (plan, value) => inMode(plan, 'privateEndpoint', { subnetResourceId: value })),
  badValues(`${ENDPOINT}.privateDnsZoneResourceId`, [
    'vnet-hub',
    '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/orders.private.postgres.database.azure.com',
    '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.database.windows.net',
  ], (plan, value) => inMode(plan, 'privateEndpoint', { privateDnsZoneResourceId: value })),
  badValues(`${ENDPOINT}.allowedIpRanges`, [DEFAULT_OPTIONS.publicAccess.allowedIpRanges], (plan, value) => inMode(plan, 'privateEndpoint', { allowedIpRanges: value })),
  badValues(`${PUBLIC}.justification`, BAD_JUSTIFICATIONS, (plan, value) => inMode(plan, 'publicAccess', { justification: value })),
  badValues(`${PUBLIC}.allowedIpRanges`, [[]], (plan, value) => inMode(plan, 'publicAccess', { allowedIpRanges: value, allowAzureServices: false })),
  rangeMutation,
  duplicateRangeMutation,
  // The "Azure services" rule is named AllowAllAzureServicesAndResourcesWithinAzureIps; a range of
  // that name (names ignore case) would be a second firewall rule of the same name.
  fc.tuple(firewallRanges(0), fc.nat(), fc.constantFrom('AllowAllAzureServicesAndResourcesWithinAzureIps', 'allowallazureservicesandresourceswithinazureips')).map(([ranges, position, name]) => {
    const index = position % (ranges.length + 1);
    const list = [...ranges.slice(0, index), { name, startIpAddress: '203.0.113.5', endIpAddress: '203.0.113.5' }, ...ranges.slice(index)];
    return mutation(`${PUBLIC}.allowedIpRanges[${index}].name or ${PUBLIC}.allowAzureServices`, `a range named ${name} next to allowAzureServices: true`,
      (plan) => inMode(plan, 'publicAccess', { allowedIpRanges: list, allowAzureServices: true, justification: REASON }));
  }),
  badValues('entraAdministrators', [[], undefined]),
  badValues('diagnosticSettings', [undefined]),
  badValues('diagnosticSettings.workspaceResourceId', [...NOT_AN_ID, '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs'],
    (plan, value) => ({ ...plan, diagnosticSettings: { kind: 'logAnalytics', id: value } })),
  badValues('diagnosticSettings.justification', BAD_JUSTIFICATIONS, (plan, value) => ({ ...plan, diagnosticSettings: { kind: 'disabled', justification: value } })),
  ...([
    ['administratorLogin', ['', '1admin', 'pg-admin', 'a'.repeat(64), 'admin', 'Administrator', 'ROOT', 'guest', 'Public', 'azure_superuser', 'azure_pg_admin', 'pg_ops', 'PG_admin']],
    ['justification', BAD_JUSTIFICATIONS],
    ['passwordVersion', [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, 2 ** 53, 2 ** 53 + 2, Number.MAX_VALUE]],
    ['keyVaultResourceId', [...NOT_AN_ID.slice(1), '/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/managedHSMs/hsm']],
  ] as const).map(([field, values]) =>
    badValues(`authentication.entraAndPassword.${field}`, [...values], (plan, value) => ({
      ...plan,
      authentication: {
        kind: 'entraAndPassword',
        options: { administratorLogin: 'pgadmin_ops', justification: REASON, ...(plan.authentication?.kind === 'entraAndPassword' ? plan.authentication.options : {}), [field]: value },
      },
    }))),
  badValues('sku', ['', 'gp_standard_d2ds_v5', 'Standard_D2ds_v5', 'GP_Standard_D3ds_v5', 'B_Standard_B1MS', 'GP_Gen5_2', 'GP_Standard_D2ds_v5 '], (plan, value) => ({ ...plan, sku: { of: value } })),
  badValues('version', ['', '11', '12', '19', 'v17', '16.1', '9.6']),
  badValues('storage.sizeMb', [0, -32768, 32767, 32768.5, 5120, 40000, Number.NaN], (plan, value) => ({ ...plan, storage: { ...plan.storage, sizeMb: value, tier: undefined } })),
  badValues('storage.tier', ['', 'P5', 'p10', 'Premium'], (plan, value) => ({ ...plan, storage: { ...plan.storage, tier: value } })),
  fc.constantFrom(...SIZES).chain((size) => fc.constantFrom(...TIERS.filter((tier) => !TIERS_BY_SIZE[size].includes(tier))).map((tier) =>
    mutation('storage.tier', `${tier} for ${size} MiB`, (plan) => ({ ...plan, storage: { sizeMb: size, tier } })))),
  badValues('storage.tier', [StorageTier.P60, StorageTier.P80], (plan, value) => ({ ...plan, storage: { tier: value } })),
  badValues('tls.minVersion', ['', 'TLSv1', 'TLSv1.0', 'TLSv1.1', 'tlsv1.2', 'TLS1_2'], (plan, value) => ({ ...plan, tls: { minVersion: value } })),
  badValues('tls.maxVersion', ['', 'TLSv1.1', 'TLSv1.4'], (plan, value) => ({ ...plan, tls: { maxVersion: value } })),
  badValues('tls.maxVersion', ['TLSv1.2 below TLSv1.3'], (plan) => ({ ...plan, tls: { minVersion: TlsVersion.TLS1_3, maxVersion: TlsVersion.TLS1_2 } })),
  badValues('auditLogging.pgauditLogClasses', [[], ['ddl', 'ddl'], ['role', 'ddl', 'role']], (plan, value) => ({ ...plan, auditLogging: { pgauditLogClasses: value } })),
  fc.tuple(fc.constantFrom('none', '-read', 'DDL', 'all,-misc', '', 'read write'), fc.uniqueArray(fc.constantFrom(...Object.values(PgAuditLogClass)), { maxLength: 3 })).map(([bad, before]) =>
    mutation(`auditLogging.pgauditLogClasses[${before.length}]`, fc.stringify(bad), (plan) => ({ ...plan, auditLogging: { pgauditLogClasses: [...before, bad] } }))),
  fc.tuple(fc.constantFrom('', 'PG_TRGM', 'pg trgm', 'uuid.ossp', '-vector', 'postgis;drop', 'pg_trgmm', 'postgres-fdw'), fc.array(fc.constantFrom(...INWARD_EXTENSIONS), { maxLength: 3 })).map(([bad, before]) =>
    mutation(`allowedExtensions[${before.length}]`, fc.stringify(bad), (plan) => ({ ...plan, allowedExtensions: [...before, bad] }))),
  badValues('backup.retentionDays', [0, 6, 36, 365, 7.5, -35, Number.NaN], (plan, value) => ({ ...plan, backup: { ...plan.backup, retentionDays: value, justification: REASON } })),
  badValues('backup.justification', BAD_JUSTIFICATIONS, (plan, value) => ({ ...plan, backup: { geoRedundantBackup: false, justification: value } })),
  badValues('auditLogging.justification', BAD_JUSTIFICATIONS, (plan, value) => ({ ...plan, auditLogging: { pgauditLogClasses: [PgAuditLogClass.READ], justification: value } })),
  badValues('backup.justification', BAD_JUSTIFICATIONS, (plan, value) => ({ ...plan, backup: { retentionDays: 34, justification: value } })),
  badValues('highAvailability.mode', ['', 'zoneredundant', 'Zone', 'Enabled'], (plan, value) => ({ ...plan, highAvailability: { mode: value, justification: REASON } })),
  badValues('highAvailability.justification', BAD_JUSTIFICATIONS, (plan, value) => ({ ...plan, highAvailability: { mode: HighAvailabilityMode.SAME_ZONE, justification: value } })),
  badValues('highAvailability.justification', BAD_JUSTIFICATIONS, (plan, value) => ({ ...plan, highAvailability: { mode: HighAvailabilityMode.DISABLED, justification: value } })),
  badValues('highAvailability.mode', [HighAvailabilityMode.ZONE_REDUNDANT, HighAvailabilityMode.SAME_ZONE], (plan, value) => ({
    ...plan,
    sku: { constant: 'B_STANDARD_B1MS' },
    highAvailability: { mode: value, justification: REASON },
  })),
  badValues('highAvailability.standbyAvailabilityZone', ['', '0', '4', 'zone2'], (plan, value) => ({
    ...plan,
    sku: { constant: 'GP_STANDARD_D2DS_V5' },
    highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT, standbyAvailabilityZone: value },
  })),
  badValues('highAvailability.standbyAvailabilityZone', ['2 with mode DISABLED'], (plan) => ({
    ...plan,
    highAvailability: { mode: HighAvailabilityMode.DISABLED, standbyAvailabilityZone: '2', justification: REASON },
  })),
  fc.constantFrom('1', '2', '3').map((zone) => mutation('highAvailability.standbyAvailabilityZone', `${zone}, the primary's zone, ZONE_REDUNDANT`, (plan) => ({
    ...plan,
    zone,
    sku: { constant: 'GP_STANDARD_D2DS_V5' },
    highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT, standbyAvailabilityZone: zone },
  }))),
  fc.constantFrom('1', '2', '3').map((zone) => mutation('highAvailability.standbyAvailabilityZone', `other than ${zone}, SAME_ZONE`, (plan) => ({
    ...plan,
    zone,
    sku: { constant: 'GP_STANDARD_D2DS_V5' },
    highAvailability: { mode: HighAvailabilityMode.SAME_ZONE, standbyAvailabilityZone: zone === '1' ? '2' : '1', justification: REASON },
  }))),
  ...cmkMutations(),
  badValues('deletionProtection.justification', BAD_JUSTIFICATIONS, (plan, value) => ({ ...plan, deletionProtection: { ...plan.deletionProtection, preventDestroy: false, justification: value } })),
  badValues('maintenanceWindow.dayOfWeek', [undefined, -1, 7, 1.5, Number.NaN], (plan, value) => ({ ...plan, maintenanceWindow: { dayOfWeek: value } })),
  badValues('maintenanceWindow.startHour', [-1, 24, 0.5], (plan, value) => ({ ...plan, maintenanceWindow: { dayOfWeek: 0, startHour: value } })),
  badValues('maintenanceWindow.startMinute', [-1, 60, 59.9], (plan, value) => ({ ...plan, maintenanceWindow: { dayOfWeek: 0, startMinute: value } })),
  badValues('tags', [Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']))]),
  badValues('tags key', ['k'.repeat(513), '', 'cost/center', 'a<b', 'a>b', '100%', 'R&D', 'path\\to', 'why?'], (plan, key) => ({ ...plan, tags: { [key]: 'v' } })),
  badValues('tags.owner', [LONG], (plan, value) => ({ ...plan, tags: { owner: value } })),
];

function cmkMutations(): fc.Arbitrary<Mutation>[] {
  const valid = {
    keyVaultKeyId: 'https://kv.vault.azure.net/keys/cmk',
    userAssignedIdentityResourceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id',
    geoBackupKeyVaultKeyId: 'https://kv-geo.vault.azure.net/keys/cmk-geo',
    geoBackupUserAssignedIdentityResourceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-geo',
  };
  const withKey = (patch: object) => (plan: any): Plan => ({ ...plan, backup: { ...plan.backup, geoRedundantBackup: true }, customerManagedKey: { ...valid, ...patch } });
  const keys = ['', 'kv/cmk', 'http://kv.vault.azure.net/keys/cmk', 'https://kv.vault.azure.net/secrets/cmk', 'https://kv.vault.azure.net/keys/cmk/v1'];
  const identities = ['', 'id-postgres', '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ManagedIdentity/identities/id'];
  return [
    badValues('customerManagedKey.keyVaultKeyId', keys, (plan, value) => withKey({ keyVaultKeyId: value })(plan)),
    badValues('customerManagedKey.userAssignedIdentityResourceId', identities, (plan, value) => withKey({ userAssignedIdentityResourceId: value })(plan)),
    badValues('customerManagedKey.geoBackupKeyVaultKeyId', keys.slice(1), (plan, value) => withKey({ geoBackupKeyVaultKeyId: value })(plan)),
    badValues('customerManagedKey.geoBackupUserAssignedIdentityResourceId', identities.slice(1), (plan, value) => withKey({ geoBackupUserAssignedIdentityResourceId: value })(plan)),
    badValues('customerManagedKey.geoBackupKeyVaultKeyId', ['missing with geo-redundant backup'], (plan) => withKey({ geoBackupKeyVaultKeyId: undefined })(plan)),
    badValues('customerManagedKey.geoBackupUserAssignedIdentityResourceId', ['missing with geo-redundant backup'], (plan) => withKey({ geoBackupUserAssignedIdentityResourceId: undefined })(plan)),
    badValues('customerManagedKey.geoBackupUserAssignedIdentityResourceId', ['the primary identity'], (plan) => withKey({ geoBackupUserAssignedIdentityResourceId: valid.userAssignedIdentityResourceId })(plan)),
  ];
}

// ---------------------------------------------------------------------------------------------
// What a JavaScript caller may pass: every prop as a slot (see javaScriptCallerChanges)
// ---------------------------------------------------------------------------------------------

const SECURITY = 'SECURITY-SETTING-TOKEN';
const REASON_TOKEN = 'JUSTIFICATION-TOKEN';
const at = (key: string) => (plan: Plan, value: Raw): Plan => ({ ...plan, [key]: value });
const inside = (key: string, field: string, base: object = {}) => (plan: Plan, value: Raw): Plan => ({ ...plan, [key]: { ...base, ...plan[key], [field]: value } });
const inPublic = (field: string) => (plan: Plan, value: Raw) => inMode(plan, 'publicAccess', { [field]: value });
const OFFICE = { name: 'xoffice', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' };
const withPassword = (field: string) => (plan: Plan, value: Raw): Plan => ({
  ...plan,
  authentication: { kind: 'entraAndPassword', options: { administratorLogin: 'pgadmin_ops', justification: REASON, [field]: value } },
});

const SLOTS: Slot<Plan>[] = [
  slot('', 'struct', (plan, value) => ({ ...plan, ...(value.value as object) })),
  ...['name', 'resourceGroupName', 'location', 'tenantId', 'zone', 'version'].map((key) => slot<Plan>(key, 'string', at(key))),
  ...['network', 'diagnosticSettings', 'authentication', 'sku'].map((key) => slot<Plan>(key, 'class', at(key))),
  slot('sku', 'string', (plan, value) => ({ ...plan, sku: { of: value } })),
  slot(`${VNET}`, 'struct', (plan, value) => ({ ...plan, network: { mode: 'vnetIntegration', options: value } })),
  slot(`${VNET}.subnetAddressPrefix`, 'string', (plan, value) => inMode(plan, 'vnetIntegration', { subnetAddressPrefix: value })),
  slot(`${EXISTING}`, 'struct', (plan, value) => ({ ...plan, network: { mode: 'existingVnetIntegration', options: value } })),
  slot(`${ENDPOINT}`, 'struct', (plan, value) => ({ ...plan, network: { mode: 'privateEndpoint', options: value } })),
  slot(`${ENDPOINT}.subnetResourceId`, 'string', (plan, value) => inMode(plan, 'privateEndpoint', { subnetResourceId: value })),
  slot(`${PUBLIC}`, 'struct', (plan, value) => ({ ...plan, network: { mode: 'publicAccess', options: value } })),
  slot(`${PUBLIC}.allowedIpRanges`, 'list', inPublic('allowedIpRanges'), SECURITY),
  slot(`${PUBLIC}.allowedIpRanges[0]`, 'struct', (plan, value) => inMode(plan, 'publicAccess', { allowedIpRanges: [value] })),
  ...(['startIpAddress', 'endIpAddress'] as const).map((key) => slot<Plan>(`${PUBLIC}.allowedIpRanges[0].${key}`, 'string', (plan, value) => inMode(plan, 'publicAccess', { allowedIpRanges: [{ ...OFFICE, [key]: value }] }), SECURITY)),
  slot(`${PUBLIC}.allowAzureServices`, 'boolean', inPublic('allowAzureServices'), SECURITY),
  slot(`${PUBLIC}.justification`, 'string', inPublic('justification'), REASON_TOKEN),
  slot(`${VNET}.allowedSources`, 'list', (plan, value) => inOwnGroup(plan, { allowedSources: value }), SECURITY),
  slot(`${VNET}.allowedSources[0]`, 'string', (plan, value) => inOwnGroup(plan, { allowedSources: [value] }), SECURITY),
  slot(`${VNET}.networkSecurityGroupResourceId`, 'string', (plan, value) => inMode(plan, 'vnetIntegration', { networkSecurityGroupResourceId: value, allowedSources: undefined, additionalSecurityRules: undefined })),
  slot(`${VNET}.additionalSecurityRules`, 'list', (plan, value) => inOwnGroup(plan, { additionalSecurityRules: value }), SECURITY),
  slot(`${VNET}.additionalSecurityRules[0]`, 'struct', (plan, value) => inOwnGroup(plan, { additionalSecurityRules: [value] })),
  ...(['priority', 'direction', 'access', 'protocol', 'sourceAddressPrefix', 'sourcePortRange', 'destinationAddressPrefix', 'destinationPortRange'] as const).map((key) =>
    slot<Plan>(`${VNET}.additionalSecurityRules[0].${key}`, key === 'priority' ? 'number' : 'string', (plan, value) => inOwnGroup(plan, { additionalSecurityRules: [{ ...VALID_RULE, [key]: value }] }), SECURITY)),
  slot(`${VNET}.additionalSecurityRules[0].name`, 'string', (plan, value) => inOwnGroup(plan, { additionalSecurityRules: [{ ...VALID_RULE, name: value }] })),
  slot(`${PUBLIC}.wideRanges`, 'struct', (plan, value) => inMode(plan, 'publicAccess', { allowedIpRanges: [WIDE_RANGE], wideRanges: value })),
  slot(`${PUBLIC}.wideRanges.justification`, 'string', (plan, value) => inMode(plan, 'publicAccess', { allowedIpRanges: [WIDE_RANGE], wideRanges: { justification: value } }), REASON_TOKEN),
  slot('roleAssignments', 'list', at('roleAssignments'), 'LIST-TOKEN'),
  slot('roleAssignments[0]', 'struct', (plan, value) => ({ ...plan, roleAssignments: [value] })),
  slot('roleAssignments[0].role', 'class', (plan, value) => ({ ...plan, roleAssignments: [{ ...READER_ASSIGNMENT, role: value }] })),
  slot('roleAssignments[0].principalId', 'string', (plan, value) => ({ ...plan, roleAssignments: [{ ...READER_ASSIGNMENT, principalId: value }] })),
  slot('roleAssignments[0].justification', 'string', (plan, value) => ({ ...plan, roleAssignments: [{ ...READER_ASSIGNMENT, justification: value }] }), REASON_TOKEN),
  slot('entraAdministrators', 'list', at('entraAdministrators'), 'LIST-TOKEN'),
  slot('entraAdministrators[0]', 'struct', (plan, value) => ({ ...plan, entraAdministrators: [value] })),
  slot('diagnosticSettings.justification', 'string', (plan, value) => ({ ...plan, diagnosticSettings: { kind: 'disabled', justification: value } }), REASON_TOKEN),
  slot('diagnosticSettings.workspaceResourceId', 'string', (plan, value) => ({ ...plan, diagnosticSettings: { kind: 'logAnalytics', id: value } })),
  slot('authentication.entraAndPassword', 'struct', (plan, value) => ({ ...plan, authentication: { kind: 'entraAndPassword', options: value } })),
  slot('authentication.entraAndPassword.administratorLogin', 'string', withPassword('administratorLogin')),
  slot('authentication.entraAndPassword.justification', 'string', withPassword('justification'), REASON_TOKEN),
  slot('authentication.entraAndPassword.passwordVersion', 'number', withPassword('passwordVersion')),
  ...['storage', 'tls', 'auditLogging', 'backup', 'customerManagedKey', 'deletionProtection', 'maintenanceWindow'].map((key) => slot<Plan>(key, 'struct', at(key))),
  slot('highAvailability', 'struct', at('highAvailability')),
  slot('storage.sizeMb', 'number', inside('storage', 'sizeMb')),
  slot('storage.tier', 'string', inside('storage', 'tier')),
  slot('storage.autoGrow', 'boolean', inside('storage', 'autoGrow'), SECURITY),
  slot('tls.minVersion', 'string', (plan, value) => ({ ...plan, tls: { minVersion: value } }), SECURITY),
  slot('tls.maxVersion', 'string', (plan, value) => ({ ...plan, tls: { maxVersion: value } }), SECURITY),
  slot('auditLogging.pgauditLogClasses', 'list', (plan, value) => ({ ...plan, auditLogging: { pgauditLogClasses: value } }), SECURITY),
  slot('auditLogging.pgauditLogClasses[0]', 'string', (plan, value) => ({ ...plan, auditLogging: { pgauditLogClasses: [value] } }), SECURITY),
  slot('allowedExtensions', 'list', at('allowedExtensions'), SECURITY),
  slot('allowedExtensions[0]', 'string', (plan, value) => ({ ...plan, allowedExtensions: [value, 'pg_trgm'] }), SECURITY),
  slot('backup.geoRedundantBackup', 'boolean', inside('backup', 'geoRedundantBackup', { justification: REASON }), SECURITY),
  slot('backup.retentionDays', 'number', inside('backup', 'retentionDays', { justification: REASON }), SECURITY),
  slot('backup.justification', 'string', (plan, value) => ({ ...plan, backup: { geoRedundantBackup: false, justification: value } }), REASON_TOKEN),
  slot('auditLogging.justification', 'string', (plan, value) => ({ ...plan, auditLogging: { pgauditLogClasses: [PgAuditLogClass.WRITE], justification: value } }), REASON_TOKEN),
  slot('highAvailability.mode', 'string', (plan, value) => ({ ...plan, highAvailability: { mode: value, justification: REASON } }), SECURITY),
  slot('highAvailability.justification', 'string', (plan, value) => ({ ...plan, highAvailability: { mode: HighAvailabilityMode.DISABLED, justification: value } }), REASON_TOKEN),
  slot('customerManagedKey.keyVaultKeyId', 'string', inside('customerManagedKey', 'keyVaultKeyId')),
  slot('deletionProtection.preventDestroy', 'boolean', inside('deletionProtection', 'preventDestroy', { justification: REASON }), SECURITY),
  slot('deletionProtection.lock', 'boolean', inside('deletionProtection', 'lock'), SECURITY),
  slot('deletionProtection.justification', 'string', (plan, value) => ({ ...plan, deletionProtection: { preventDestroy: false, justification: value } }), REASON_TOKEN),
  slot('maintenanceWindow.dayOfWeek', 'number', (plan, value) => ({ ...plan, maintenanceWindow: { dayOfWeek: value } })),
  slot('databases', 'list', at('databases'), 'LIST-TOKEN'),
  slot('databases[0]', 'struct', (plan, value) => ({ ...plan, databases: [value] })),
  slot('databases[0].name', 'string', (plan, value) => ({ ...plan, databases: [{ name: value }] })),
  slot('dependsOn', 'list', at('dependsOn')),
  // A JavaScript caller may list a resource's address or ID instead of the resource.
  slot('dependsOn[0]', 'class', (plan, value) => ({ ...plan, dependsOn: [value] })),
  slot('tags', 'map', at('tags')),
  slot('tags.owner', 'string', (plan, value) => ({ ...plan, tags: { owner: value } })),
];

const anyMutation: fc.Arbitrary<PlanDependentMutation> = fc.oneof(
  { arbitrary: fc.oneof(...fixedMutations).map((m) => planDependent(`${m.prop} := ${m.label}`, (plan) => ({ plan: m.apply(plan), prop: m.prop }))), weight: 6 },
  { arbitrary: listItemMutations, weight: 1 },
  { arbitrary: javaScriptCallerChanges(SLOTS), weight: 3 },
);

// ---------------------------------------------------------------------------------------------
// Arbitrary values (property 1): refused or accepted, either is fine, but nothing else
// ---------------------------------------------------------------------------------------------

const anyNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 1e-9));

const anyValueChange: fc.Arbitrary<PlanDependentMutation> = fc.oneof(
  ...['name', 'resourceGroupName', 'location', 'tenantId', 'zone', 'version'].map((prop) => anyText.map((value) => planDependent(`${prop} := ${fc.stringify(value)}`, (plan) => ({ plan: { ...plan, [prop]: value }, prop })))),
  anyText.map((value) => planDependent(`sku := of(${fc.stringify(value)})`, (plan) => ({ plan: { ...plan, sku: { of: value } }, prop: 'sku' }))),
  fc.stringMatching(/^(B|GP|MO)_Standard_[BDE]\d{1,2}[a-z]{0,3}(_v\d)?$/).map((value) => planDependent(`sku := of(${value})`, (plan) => ({ plan: { ...plan, sku: { of: value } }, prop: 'sku' }))),
  fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 40 })).map(([ip, length]) => planDependent(`subnetAddressPrefix := ${ip}/${length}`, (plan) => ({ plan: inMode(plan, 'vnetIntegration', { subnetAddressPrefix: `${ip}/${length}` }), prop: '' }))),
  fc.array(fc.record({ name: fc.oneof(ruleName, anyText), startIpAddress: anyIp, endIpAddress: anyIp }), { minLength: 1, maxLength: 3 }).chain((ranges) =>
    fc.tuple(fc.boolean(), orToken(justification)).map(([azure, why]) => planDependent(`public ranges ${fc.stringify(ranges)}, allowAzureServices ${azure}`, (plan) => ({
      plan: inMode(plan, 'publicAccess', { allowedIpRanges: ranges, allowAzureServices: azure, justification: why }),
      prop: '',
    })))),
  fc.record({ objectId: anyText, principalName: anyText, principalType: anyText, tenantId: anyText }, { requiredKeys: [] }).map((admin) =>
    planDependent(`administrator ${fc.stringify(admin)}`, (plan) => ({ plan: { ...plan, entraAdministrators: [...listOf(plan.entraAdministrators), admin] }, prop: '' }))),
  anyText.map((id) => planDependent(`workspace ${fc.stringify(id)}`, (plan) => ({ plan: { ...plan, diagnosticSettings: { kind: 'logAnalytics', id } }, prop: '' }))),
  fc.record({ sizeMb: anyNumber, tier: anyText, autoGrow: fc.boolean() }, { requiredKeys: [] }).map((s) => planDependent(`storage ${fc.stringify(s)}`, (plan) => ({ plan: { ...plan, storage: s }, prop: '' }))),
  fc.record({ minVersion: anyText, maxVersion: anyText }, { requiredKeys: [] }).map((tls) => planDependent(`tls ${fc.stringify(tls)}`, (plan) => ({ plan: { ...plan, tls }, prop: '' }))),
  fc.oneof(fc.array(anyText, { maxLength: 4 }), listToken).map((extensions) =>
    planDependent(`allowedExtensions ${fc.stringify(extensions)}`, (plan) => ({ plan: { ...plan, allowedExtensions: extensions }, prop: '' }))),
  fc.oneof(fc.array(anyText, { maxLength: 4 }), listToken).map((classes) => planDependent(`pgauditLogClasses ${fc.stringify(classes)}`, (plan) => ({ plan: { ...plan, auditLogging: { pgauditLogClasses: classes } }, prop: '' }))),
  fc.record({ geoRedundantBackup: fc.boolean(), retentionDays: anyNumber, justification: anyText }, { requiredKeys: [] }).map((b) => planDependent(`backup ${fc.stringify(b)}`, (plan) => ({ plan: { ...plan, backup: b }, prop: '' }))),
  fc.record({ mode: fc.oneof(anyText, fc.constantFrom(...Object.values(HighAvailabilityMode))), standbyAvailabilityZone: anyText, justification: anyText }, { requiredKeys: ['mode'] }).chain((ha) =>
    fc.tuple(optional(anyText), fc.oneof(fc.constantFrom(...SKU_NAMES), anyText)).map(([zone, sku]) => planDependent(`highAvailability ${fc.stringify(ha)}, zone ${fc.stringify(zone)}, sku ${sku}`, (plan) => ({
      plan: { ...plan, highAvailability: ha, zone, sku: { of: sku } },
      prop: '',
    })))),
  fc.record({ keyVaultKeyId: anyText, userAssignedIdentityResourceId: anyText, geoBackupKeyVaultKeyId: anyText, geoBackupUserAssignedIdentityResourceId: anyText }, { requiredKeys: [] }).map((key) =>
    planDependent(`customerManagedKey ${fc.stringify(key)}`, (plan) => ({ plan: { ...plan, customerManagedKey: key }, prop: '' }))),
  fc.record({ preventDestroy: fc.boolean(), lock: fc.boolean(), justification: anyText }, { requiredKeys: [] }).map((d) => planDependent(`deletionProtection ${fc.stringify(d)}`, (plan) => ({ plan: { ...plan, deletionProtection: d }, prop: '' }))),
  fc.record({ dayOfWeek: anyNumber, startHour: anyNumber, startMinute: anyNumber }, { requiredKeys: [] }).map((w) => planDependent(`maintenanceWindow ${fc.stringify(w)}`, (plan) => ({ plan: { ...plan, maintenanceWindow: w }, prop: '' }))),
  fc.array(fc.record({ name: anyText, charset: anyText, collation: anyText }, { requiredKeys: ['name'] }), { maxLength: 3 }).map((d) => planDependent(`databases ${fc.stringify(d)}`, (plan) => ({ plan: { ...plan, databases: d }, prop: '' }))),
  fc.dictionary(anyText, anyText, { maxKeys: 5, noNullPrototype: true }).map((t) => planDependent(`tags ${fc.stringify(t)}`, (plan) => ({ plan: { ...plan, tags: t }, prop: '' }))),
);

// ---------------------------------------------------------------------------------------------
// Overrides that weaken a control the construct set (property 4), in the forms Terraform reads
// ---------------------------------------------------------------------------------------------

const parameter = (name: string): ResourcePick => ({ label: `parameter ${name}`, type: 'azurerm_postgresql_flexible_server_configuration', where: (p) => p.name === name });
const SERVER_WITH_HA: ResourcePick = { ...SERVER, label: 'the server with high availability', where: (server) => server.high_availability !== undefined };
const DIAGNOSTIC_SETTING: ResourcePick = { label: 'the diagnostic setting', type: 'azurerm_monitor_diagnostic_setting' };
const variable = (type: 'string' | 'number' | 'boolean') => new Tok('variable', type);
/** A parameter value that is not "on", as written by an override. */
const NOT_ON = ['off', 'OFF', '${"off"}', '${lower("OFF")}', new InLocal('off'), variable('string')];
const FALSE = [false, 'false', '0', '${false}', '${1 == 2}', new InLocal(false), variable('boolean')];
const TRUE = [true, 'true', '${true}', new InLocal(true), variable('boolean')];

const weakening: fc.Arbitrary<Weakening> = fc.oneof(
  weakenings('PGF-NET-1', SERVER, 'public_network_access_enabled', TRUE),
  weakenings('PGF-IAM-1', SERVER, 'authentication.active_directory_auth_enabled', FALSE),
  weakenings('PGF-IAM-3', SERVER, 'authentication.password_auth_enabled', TRUE),
  weakenings('PGF-BAK-1', SERVER, 'geo_redundant_backup_enabled', FALSE),
  weakenings('PGF-BAK-2', SERVER, 'backup_retention_days', [7, '14', '${34}', new InLocal(7), variable('number'), undefined]),
  weakenings('PGF-DEL-1', SERVER, 'lifecycle.prevent_destroy', [false, undefined]),
  weakenings('PGF-AVL-1', SERVER_WITH_HA, 'high_availability', [undefined]),
  weakenings('PGF-AVL-1', SERVER_WITH_HA, 'high_availability.mode', ['Disabled', 'SameZone', variable('string')]),
  weakenings('PGF-TLS-1', parameter('require_secure_transport'), 'value', NOT_ON),
  weakenings('PGF-TLS-2', parameter('ssl_min_protocol_version'), 'value', ['TLSv1', 'TLSv1.1', '${"TLSv1"}', ' TLSv1.2x', new InLocal('TLSv1.1'), variable('string')]),
  weakenings('PGF-LOG-1', parameter('log_checkpoints'), 'value', NOT_ON),
  weakenings('PGF-LOG-2', parameter('log_connections'), 'value', NOT_ON),
  weakenings('PGF-LOG-3', parameter('log_disconnections'), 'value', NOT_ON),
  weakenings('PGF-LOG-4', parameter('connection_throttle.enable'), 'value', NOT_ON),
  weakenings('PGF-LOG-5', parameter('logfiles.retention_days'), 'value', ['3', '1', '${3}', variable('string')]),
  weakenings('PGF-LOG-6', parameter('pgaudit.log'), 'value', ['none', '-all', '', 'NONE', '${"none"}', variable('string')]),
  weakenings('PGF-LOG-6', parameter('shared_preload_libraries'), 'value', ['pg_cron,pg_stat_statements', '', variable('string')]),
  weakenings('PGF-LOG-6', parameter('azure.extensions'), 'value', ['pg_trgm', '', variable('string')]),
  weakenings('PGF-LOG-7', parameter('log_line_prefix'), 'value', ['%t ', '', variable('string')]),
  weakenings('PGF-LOG-10', parameter('pgaudit.log'), 'value', ['read', 'ddl,misc', 'role', 'all,-ddl', variable('string')]),
  weakenings('PGF-IAM-6', parameter('password_encryption'), 'value', ['md5', 'MD5', variable('string')]),
  weakenings('PGF-IAM-6', parameter('azure.accepted_password_auth_method'), 'value', ['md5', 'md5,scram-sha-256', variable('string')]),
  weakenings('PGF-LOG-8', DIAGNOSTIC_SETTING, 'enabled_log', [undefined]),
  weakenings('PG-CFG-2', SERVER, 'count', [0, 1, variable('number')]),
  weakenings('PG-CFG-2', parameter('pgaudit.log'), 'count', [0, variable('number')]),
  weakenings('PG-CFG-2', DIAGNOSTIC_SETTING, 'for_each', [{}, '${toset([])}']),
);

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

describe('SecureFlexibleServer properties', () => {
  testProperty('any prop set is refused with a ValidationError naming its prop, or synthesizes securely with every weaker choice explained', 20251121, (params) =>
    assertRefusedNamingAPropOrSecure(wildPlans(validPlan, anyMutation, anyValueChange), FLEXIBLE, params));

  testProperty('a valid prop set, tokens included, is accepted and synthesizes securely with every weaker choice explained', 4242, (params) =>
    assertAcceptedAndSecure(validPlan, FLEXIBLE, params));

  testProperty('a valid prop set with one invalid value is refused, naming that value\'s prop', 1337, (params) =>
    assertRefusedNamingTheProp(validPlan, anyMutation, FLEXIBLE, params));

  testProperty('an override that weakens a control the construct set fails synth, even with a suppression written into the JSON', 9001, (params) =>
    assertWeakeningOverridesFail(validPlan, weakening, FLEXIBLE, { ...params, numRuns: OVERRIDE_RUNS_PER_SEED }));
});
