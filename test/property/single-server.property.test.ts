import { Token } from 'cdktf';
import * as fc from 'fast-check';
import {
  EntraPrincipalType,
  PgAuditLogClass,
  SecureSingleServer,
  SecureSingleServerProps,
  SingleServerNetwork,
  SingleServerSku,
  SingleServerVersion,
} from '../../lib';
import { ADOPTION_IMPORT_REASON, PLATFORM_KEYS_REASON } from '../../lib/checks/suppression-registry';
import { postgresNameProblem } from '../../lib/private/postgres-name';
import {
  anyIp,
  anyText,
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
  isLiteral,
  javaScriptCallerChanges,
  justification,
  keyId,
  keyVaultId,
  label,
  listToken,
  location,
  LONG,
  materialize,
  NON_PUBLIC_RANGES,
  opensManyAddresses,
  orNumberToken,
  OVERRIDE_RUNS_PER_SEED,
  orToken,
  Outcome,
  PlanChange,
  planChange,
  printRunSeed,
  PRIVATE_LINK_ZONE,
  PUBLIC,
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

// Property tests of SecureSingleServer, built like those of SecureFlexibleServer
// (test/property/flexible-server.property.test.ts; the parts both share are in
// property-harness.ts). A generated "plan" describes a prop set; tokens in it are placeholders
// (Tok) that become a TerraformVariable, TerraformLocal or Fn call of the run's own stack. Four
// properties, each run on its fixed regression seed and on a seed drawn for this run (printed once
// per file; PROPERTY_SEED=<seed> replays it), RUNS_PER_SEED times each:
//   1. any prop set (valid, invalid and arbitrary values mixed, adoption included) is EITHER
//      refused with a ValidationError that names its prop, OR synthesizes to JSON that is secure
//      and explained: no finding of the whole rule pack fails, whatever its severity; no literal
//      secret; the suppressions and the warnings are exactly those the plan's weaker choices call
//      for (see explain()), each with the props' own justification, on the resource it concerns;
//   2. a valid prop set (tokens and adoption included) is accepted, and its output is secure and explained;
//   3. a valid prop set with one invalid value is refused, naming exactly that prop;
//   4. on a valid prop set, an override that weakens a control the construct set (one the props
//      did not weaken with a justification), in any form Terraform reads (a literal, a string it
//      converts, a constant expression or local, a variable), fails synth, even next to a
//      suppression written straight into the JSON (OVERRIDE_RUNS_PER_SEED times each).
// A failure prints the seed, the path and the shrunk plan.

stubStackTraces();
printRunSeed();

// ---------------------------------------------------------------------------------------------
// The plan: SecureSingleServerProps with tokens as Tok, and the factory-made props described
// ---------------------------------------------------------------------------------------------

type NetworkMode = 'privateEndpoint' | 'publicAccess';
interface NetworkPlan {
  readonly mode: NetworkMode;
  readonly options: { [key: string]: unknown };
}

interface Plan {
  readonly [key: string]: any;
  readonly network?: NetworkPlan;
  readonly diagnosticSettings?: DiagnosticsPlan;
  readonly sku?: SkuPlan;
}

const FACTORY_PROPS = ['network', 'diagnosticSettings', 'sku'];

function buildProps(plan: Plan, ctx: BuildContext): SecureSingleServerProps {
  const props: any = buildPlainProps(plan, ctx, FACTORY_PROPS);
  if (plan.network) props.network = buildFactoryProp(plan.network, ctx, (network) => (SingleServerNetwork as any)[network.mode](materialize(network.options, ctx)));
  if (plan.diagnosticSettings) props.diagnosticSettings = buildFactoryProp(plan.diagnosticSettings, ctx, (diagnostics) => buildDiagnosticSettings(diagnostics, ctx));
  if (plan.sku) props.sku = buildFactoryProp(plan.sku, ctx, (sku) => ('constant' in sku ? (SingleServerSku as any)[sku.constant] : SingleServerSku.of(materialize(sku.of, ctx))));
  return props as SecureSingleServerProps;
}

/** Builds the props of a plan and constructs the server from them in a new stack. */
function attempt(plan: Plan): Outcome {
  return attemptWith((ctx) => buildProps(plan, ctx), (stack, props) => new SecureSingleServer(stack, 'Legacy', props));
}

// ---------------------------------------------------------------------------------------------
// What a plan's weaker choices explain, read from the plan as the props' documentation says
// (docs/security-rules.md, the props' doc comments), not from the construct's code
// ---------------------------------------------------------------------------------------------

const SERVER: ResourcePick = { label: 'the server', type: 'azurerm_postgresql_server' };
const ENTRA_ADMINISTRATOR: ResourcePick = { label: 'the Entra administrator', type: 'azurerm_postgresql_active_directory_administrator' };
const PGAUDIT_LOG: ResourcePick = { label: 'the pgaudit.log parameter', type: 'azurerm_postgresql_configuration', where: (parameter) => parameter.name === 'pgaudit.log' };
const AZURE_SERVICES_RULE: ResourcePick = {
  label: 'the Azure-services firewall rule (0.0.0.0 to 0.0.0.0)',
  type: 'azurerm_postgresql_firewall_rule',
  where: (rule) => rule.start_ip_address === '0.0.0.0' && rule.end_ip_address === '0.0.0.0',
};
/** The construct warns of the retirement itself (SingleServerRetired), with the migration guide, so the rule is suppressed. */
const RETIREMENT_REASON = 'SecureSingleServer prints the retirement warning itself, with the migration guide';

/** Each weaker choice of an accepted plan: the rules it suppresses, where, and the warning it prints, with the props' justification. */
function explain(raw: Plan): Explanation {
  const plan = unwrapped(raw);
  const explained = new Explanation().suppress(SERVER, ['PGS-RET-1'], RETIREMENT_REASON).warn('SingleServerRetired');
  if (plan.network.mode === 'publicAccess') {
    const { justification, allowAzureServices, privateEndpoint } = plan.network.options;
    // With a private endpoint next to public access, the server still has private connectivity.
    explained.suppress(SERVER, privateEndpoint === undefined ? ['PGS-NET-1', 'PGS-NET-2'] : ['PGS-NET-1'], justification).warn('PublicNetworkAccess', justification);
    if (allowAzureServices === true) explained.suppress(AZURE_SERVICES_RULE, ['PGS-NET-4'], justification).warn('AzureServicesAllowed', justification);
    const { wideRanges, allowedIpRanges } = plan.network.options;
    if (wideRanges !== undefined && opensManyAddresses(allowedIpRanges)) {
      explained.suppress(SERVER, ['PGS-NET-5'], wideRanges.justification).warn('WideFirewallRanges', wideRanges.justification);
    }
  }
  if (plan.diagnosticSettings.kind === 'disabled') {
    explained.suppress(SERVER, ['PGS-LOG-7'], plan.diagnosticSettings.justification).warn('DiagnosticsDisabled', plan.diagnosticSettings.justification);
  }
  const adoption = plan.adoption;
  if (adoption?.infrastructureEncryptionEnabled === false) {
    explained.suppress(SERVER, ['PGS-ENC-1'], adoption.justification).warn('AdoptedWithoutInfrastructureEncryption', adoption.justification);
  }
  if (adoption?.geoRedundantBackupEnabled === false) explained.warn('AdoptedWithoutGeoBackup', adoption.justification);
  // Adoption imports the live server (and its Entra administrator): the construct's own imports (PG-CFG-6).
  if (adoption !== undefined) explained.suppress(SERVER, ['PG-CFG-6'], ADOPTION_IMPORT_REASON);
  if (adoption !== undefined && adoption.importEntraAdministrator !== false) explained.suppress(ENTRA_ADMINISTRATOR, ['PG-CFG-6'], ADOPTION_IMPORT_REASON);
  // When adopting, the live server decides geo-redundancy, and the adoption's justification covers it.
  const backup = plan.backup ?? {};
  const noGeoBackup = adoption === undefined ? backup.geoRedundantBackup === false : adoption.geoRedundantBackupEnabled === false;
  const shortRetention = (backup.retentionDays ?? 35) < 35;
  if (noGeoBackup) explained.suppress(SERVER, ['PGS-BAK-1'], adoption === undefined ? backup.justification : adoption.justification);
  if (shortRetention) explained.suppress(SERVER, ['PGS-BAK-2'], backup.justification ?? adoption?.justification);
  if (noGeoBackup || shortRetention) explained.warn('BackupWeakened', backup.justification ?? adoption?.justification);
  if (plan.deletionProtection?.preventDestroy === false) {
    explained.suppress(SERVER, ['PGS-DEL-1'], plan.deletionProtection.justification).warn('DestroyAllowed', plan.deletionProtection.justification);
  }
  if (plan.customerManagedKey === undefined) explained.suppress(SERVER, ['PGS-ENC-2'], PLATFORM_KEYS_REASON);
  const audit = plan.auditLogging;
  if (auditsNoDdlOrRole(audit?.pgauditLogClasses)) explained.suppress(PGAUDIT_LOG, ['PGS-LOG-9'], audit!.justification).warn('PgAuditClassesReduced', audit!.justification);
  return explained;
}

const SINGLE: Subject<Plan> = { attempt, explain };

// ---------------------------------------------------------------------------------------------
// Valid plans
// ---------------------------------------------------------------------------------------------

/** azurerm 4.55 postgresql_server_resource.go, without the Basic SKUs. */
const SKU_NAMES = [...[2, 4, 8, 16, 32].map((n) => `GP_Gen4_${n}`), ...[2, 4, 8, 16, 32, 64].map((n) => `GP_Gen5_${n}`), ...[2, 4, 8, 16, 32].map((n) => `MO_Gen5_${n}`)];
const SKU_CONSTANTS = Object.keys(SingleServerSku).filter((key) => (SingleServerSku as any)[key] instanceof SingleServerSku);
const isReservedLogin = (login: string) => RESERVED_LOGINS.includes(login.toLowerCase()) || login.toLowerCase().startsWith('pg_');

const login = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/).filter((l) => !isReservedLogin(l));
/** VNet rule names of valid plans start with "r", as firewall rule names do; injected ones with "x", so they never clash. */
const vnetRuleName = fc.stringMatching(/^r([A-Za-z0-9-]{0,20}[A-Za-z0-9])?$/);
const email = fc.tuple(fc.stringMatching(/^[a-z0-9._+-]{1,20}$/), label, fc.constantFrom('com', 'org', 'io')).map(([user, domain, tld]) => `${user}@${domain}.${tld}`);
const storageMb = fc.integer({ min: 5, max: 16384 }).map((gib) => gib * 1024);

const vnetRules = fc.uniqueArray(fc.record({ name: orToken(vnetRuleName), subnetResourceId: orToken(subnetId) }), {
  maxLength: 3,
  selector: (rule) => (typeof rule.name === 'string' ? rule.name.toLowerCase() : rule),
});
const privateEndpoint = fc.record({ subnetResourceId: orToken(subnetId), privateDnsZoneResourceId: orToken(zoneId(fc.constant(PRIVATE_LINK_ZONE))) }, { requiredKeys: ['subnetResourceId'] });

const validNetwork: fc.Arbitrary<NetworkPlan> = fc.oneof(
  privateEndpoint.map((options) => ({ mode: 'privateEndpoint' as const, options })),
  fc.record(
    { allowedIpRanges: firewallRanges(0), virtualNetworkRules: vnetRules, allowAzureServices: fc.boolean(), privateEndpoint, wideRanges: fc.record({ justification }), justification },
    { requiredKeys: ['justification'] },
  ).map((options) => {
    const empty = (options.allowedIpRanges ?? []).length === 0 && (options.virtualNetworkRules ?? []).length === 0;
    const stated = options.wideRanges === undefined && opensManyAddresses(options.allowedIpRanges) ? { ...options, wideRanges: { justification: REASON } } : options;
    return { mode: 'publicAccess' as const, options: empty ? { ...stated, allowAzureServices: true } : stated };
  }),
);

const entraAdministrator = fc.record(
  {
    objectId: orToken(fc.uuid()),
    principalName: orToken(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => /\S/.test(s) && postgresNameProblem(s) === undefined && !isReservedLogin(s))),
    principalType: orToken(fc.constantFrom(...Object.values(EntraPrincipalType))),
    tenantId: orToken(fc.uuid()),
  },
  { requiredKeys: ['objectId', 'principalName', 'principalType'] },
);

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

/** The live server's ID, built from the name and resource group as given (the group in another case when asked). */
function liveServerId(upperCaseGroup: boolean): Derived {
  return new Derived(`ID of the server${upperCaseGroup ? ', resource group upper-cased' : ''}`, (ctx) => {
    const group = isKnown(ctx.resourceGroupName) ? (upperCaseGroup ? ctx.resourceGroupName.toUpperCase() : ctx.resourceGroupName) : 'rg-live';
    const name = isKnown(ctx.name) ? ctx.name : 'live-db';
    return `/subscriptions/${SUBSCRIPTION}/resourceGroups/${group}/providers/Microsoft.DBforPostgreSQL/servers/${name}`;
  });
}

const adoption = fc.record(
  {
    serverResourceId: fc.oneof(fc.boolean().map(liveServerId), stringToken),
    infrastructureEncryptionEnabled: fc.boolean(),
    geoRedundantBackupEnabled: fc.boolean(),
    importEntraAdministrator: fc.boolean(),
    rotateAdministratorPassword: fc.boolean(),
    justification,
  },
  { requiredKeys: ['serverResourceId', 'infrastructureEncryptionEnabled', 'geoRedundantBackupEnabled'] },
);

const rawValidPlan = fc.record(
  {
    name: orToken(serverName),
    resourceGroupName: orToken(resourceGroupName),
    location: orToken(location),
    tenantId: orToken(fc.uuid()),
    network: validNetwork,
    entraAdministrator,
    diagnosticSettings: validDiagnosticSettings,
    administratorLogin: orToken(login),
    passwordVersion: orNumberToken(fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.constant(2 ** 31 - 1))),
    passwordKeyVaultResourceId: orToken(keyVaultId),
    sku: validSku(SKU_CONSTANTS, SKU_NAMES),
    version: orToken(fc.constantFrom(...Object.values(SingleServerVersion))),
    storageMb: orNumberToken(storageMb),
    backup: validBackup,
    threatDetection: fc.record({ emailAddresses: fc.oneof(fc.array(orToken(email), { maxLength: 3 }), listToken), emailAccountAdmins: fc.boolean() }, { requiredKeys: [] }),
    customerManagedKey: fc.record({ keyVaultKeyId: orToken(keyId.map((id) => (/\/[0-9a-f]{32}$/.test(id) ? id : `${id}/0123456789abcdef0123456789abcdef`))) }),
    auditLogging: validAuditLogging,
    deletionProtection: validDeletionProtection,
    adoption,
    tags,
  },
  { requiredKeys: ['name', 'resourceGroupName', 'location', 'tenantId', 'network', 'entraAdministrator', 'diagnosticSettings', 'administratorLogin'] },
);

/** A built value that is a literal string, not a token. */
const isKnown = (value: unknown): value is string => typeof value === 'string' && !Token.isUnresolved(value);

/** Makes the props that depend on each other agree, as the documentation asks. */
function makeConsistent(raw: Plan): Plan {
  const plan: any = { ...raw };
  plan.entraAdministrator = sameTenant(plan.entraAdministrator, plan.tenantId);
  const adopted = plan.adoption;
  if (adopted !== undefined) {
    // What the live server has must be stated; a weaker live server comes with a reason.
    plan.sku ??= { constant: 'GP_GEN5_2' };
    plan.version ??= SingleServerVersion.V11;
    plan.storageMb ??= 102400;
    if ((adopted.infrastructureEncryptionEnabled === false || adopted.geoRedundantBackupEnabled === false) && adopted.justification === undefined) {
      plan.adoption = { ...adopted, justification: REASON };
    }
    if (adopted.rotateAdministratorPassword !== true) {
      delete plan.passwordVersion;
      delete plan.passwordKeyVaultResourceId;
    }
    if (plan.backup?.geoRedundantBackup !== undefined) plan.backup = { ...plan.backup, geoRedundantBackup: adopted.geoRedundantBackupEnabled };
  }
  const backup = plan.backup;
  if (backup !== undefined && backup.justification === undefined) {
    const geo = adopted?.geoRedundantBackupEnabled ?? backup.geoRedundantBackup;
    const shortened = typeof backup.retentionDays === 'number' && backup.retentionDays < 35;
    if (geo === false || shortened) plan.backup = { ...backup, justification: REASON };
  }
  plan.auditLogging = consistentAuditLogging(plan.auditLogging, REASON);
  const threat = plan.threatDetection;
  // Without the account admins, the addresses are the only recipients: a literal list with one address written out.
  const onlyRecipients = threat?.emailAddresses;
  if (threat?.emailAccountAdmins === false && (onlyRecipients === undefined || onlyRecipients instanceof Tok || onlyRecipients.length === 0
    || (Array.isArray(onlyRecipients) && onlyRecipients.every((address) => address instanceof Tok)))) {
    plan.threatDetection = { ...threat, emailAddresses: ['dba@example.com'] };
  }
  if (plan.deletionProtection?.preventDestroy === false && plan.deletionProtection.justification === undefined) {
    plan.deletionProtection = { ...plan.deletionProtection, justification: REASON };
  }
  return plan;
}

const validPlan: fc.Arbitrary<Plan> = rawValidPlan.map(makeConsistent);
/**
 * Property 3 judges which prop an error names, so its base plans leave out a list token for
 * threatDetection.emailAddresses, which property 2 covers (and which is refused today, see there).
 */
const validPlanWithoutListTokens = validPlan.filter((plan) => !(plan.threatDetection?.emailAddresses instanceof Tok));

// ---------------------------------------------------------------------------------------------
// Invalid values: each mutation makes one prop of a valid plan invalid and names that prop
// ---------------------------------------------------------------------------------------------

/** A change of a plan, and the prop whose error it must cause (none for an arbitrary value). */
type Change = PlanChange<Plan>;
const change = planChange<Plan>;

/** One change per listed bad value. */
function badValues(prop: string, values: unknown[], set: (plan: any, value: any) => Plan = (plan, value) => ({ ...plan, [prop]: value })): fc.Arbitrary<Change> {
  return fc.constantFrom(...values).map((value) => change(`${prop} := ${fc.stringify(value)}`, (plan) => ({ plan: set(plan, value), prop })));
}

const SUBNET = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe`;
const DEFAULT_OPTIONS: { [mode in NetworkMode]: { [key: string]: unknown } } = {
  privateEndpoint: { subnetResourceId: SUBNET },
  publicAccess: { allowedIpRanges: [{ name: 'roffice', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' }], justification: REASON },
};

/** The plan with its network in a mode (kept when already in it) and some options changed. */
function inMode(plan: Plan, mode: NetworkMode, patch: { [key: string]: unknown }): Plan {
  const options = plan.network?.mode === mode ? plan.network.options : DEFAULT_OPTIONS[mode];
  return { ...plan, network: { mode, options: { ...options, ...patch } } };
}

/** The plan adopting a live server, consistently, with some adoption settings changed. */
function adopting(plan: Plan, patch: { [key: string]: unknown } = {}, props: { [key: string]: unknown } = {}): Plan {
  const current = plan.adoption ?? { serverResourceId: liveServerId(false), infrastructureEncryptionEnabled: true, geoRedundantBackupEnabled: true };
  return makeConsistent({ ...plan, adoption: { ...current, ...patch }, ...props });
}

const withLiteralName = (plan: Plan): Plan => (isLiteral(plan.name) ? plan : { ...plan, name: 'legacy-db' });
const withLiteralGroup = (plan: Plan): Plan => (isLiteral(plan.resourceGroupName) ? plan : { ...plan, resourceGroupName: 'rg-legacy' });

const NOT_AN_ID = ['', 'snet-pe', '/subscriptions/0/resourceGroups/rg', 'https://portal.azure.com/#resource/x'];

const badRange = fc.constantFrom(
  { problem: 'name', range: { name: 'x bad name', startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.2' } },
  { problem: 'name', range: { name: '', startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.2' } },
  { problem: 'startIpAddress', range: { name: 'xrange', startIpAddress: '203.0.113', endIpAddress: '203.0.113.2' } },
  { problem: 'startIpAddress', range: { name: 'xrange', startIpAddress: '::1', endIpAddress: '203.0.113.2' } },
  { problem: 'endIpAddress', range: { name: 'xrange', startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.256' } },
  // An address is a security setting: a token there is refused before anything else is judged.
  { problem: 'startIpAddress', range: { name: 'xrange', startIpAddress: new Tok('variable', 'string'), endIpAddress: '' } },
  { problem: '', range: { name: 'xrange', startIpAddress: '203.0.113.9', endIpAddress: '203.0.113.1' } },
  { problem: '', range: { name: 'xrange', startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' } },
  { problem: '', range: { name: 'xrange', startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' } },
  { problem: '', range: { name: 'xrange', startIpAddress: '0.0.0.0', endIpAddress: '52.0.0.1' } },
  { problem: 'endIpAddress', range: { name: 'xrange', startIpAddress: '0.0.0.0', endIpAddress: new Tok('variable', 'string') } },
  { problem: '', range: { name: 'xrange', startIpAddress: '128.0.0.0', endIpAddress: '255.255.255.255' } },
  { problem: 'startIpAddress', range: { name: 'xrange', startIpAddress: new Tok('function', 'string'), endIpAddress: '255.255.255.255' } },
  ...NON_PUBLIC_RANGES.map((range) => ({ problem: '', range: { name: 'xrange', ...range } })),
);

/** A /23 of public addresses: more than 256 together, so it needs wideRanges. */
const WIDE_RANGE = { name: 'xwide', startIpAddress: '198.51.100.0', endIpAddress: '198.51.101.255' };

const publicChanges: fc.Arbitrary<Change>[] = [
  badValues(`${PUBLIC}.justification`, BAD_JUSTIFICATIONS, (plan, value) => inMode(plan, 'publicAccess', { justification: value })),
  badValues(`${PUBLIC}.allowedIpRanges`, ['a /23 without wideRanges'], (plan) => inMode(plan, 'publicAccess', { allowedIpRanges: [WIDE_RANGE], wideRanges: undefined })),
  badValues(`${PUBLIC}.wideRanges.justification`, BAD_JUSTIFICATIONS, (plan, value) => inMode(plan, 'publicAccess', { allowedIpRanges: [WIDE_RANGE], wideRanges: { justification: value } })),
  badValues(`${PUBLIC}.allowedIpRanges`, ['no ranges, rules nor Azure services'], (plan) => inMode(plan, 'publicAccess', { allowedIpRanges: [], virtualNetworkRules: [], allowAzureServices: false })),
  fc.tuple(firewallRanges(0), badRange, fc.nat()).map(([ranges, bad, position]) => {
    const index = position % (ranges.length + 1);
    const list = [...ranges.slice(0, index), bad.range, ...ranges.slice(index)];
    const prop = `${PUBLIC}.allowedIpRanges[${index}]${bad.problem === '' ? '' : `.${bad.problem}`}`;
    return change(`${prop} := ${fc.stringify(bad.range)}`, (plan) => ({ plan: inMode(plan, 'publicAccess', { allowedIpRanges: list }), prop }));
  }),
  // The "Azure services" rule is named AllowAllAzureServicesAndResourcesWithinAzureIps; a range of
  // that name (names ignore case) would be a second firewall rule of the same name.
  fc.tuple(firewallRanges(0), fc.nat(), fc.constantFrom('AllowAllAzureServicesAndResourcesWithinAzureIps', 'ALLOWALLAZURESERVICESANDRESOURCESWITHINAZUREIPS')).map(([ranges, position, name]) => {
    const index = position % (ranges.length + 1);
    const list = [...ranges.slice(0, index), { name, startIpAddress: '203.0.113.5', endIpAddress: '203.0.113.5' }, ...ranges.slice(index)];
    const prop = `${PUBLIC}.allowedIpRanges[${index}].name or ${PUBLIC}.allowAzureServices`;
    return change(`a range named ${name} next to allowAzureServices: true`, (plan) => ({ plan: inMode(plan, 'publicAccess', { allowedIpRanges: list, allowAzureServices: true }), prop }));
  }),
  fc.constant(change('a firewall range named twice (other case)', (plan) => {
    const list = [{ name: 'rOffice', startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.1' }, { name: 'ROFFICE', startIpAddress: '198.51.100.1', endIpAddress: '198.51.100.1' }];
    return { plan: inMode(plan, 'publicAccess', { allowedIpRanges: list }), prop: `${PUBLIC}.allowedIpRanges[1].name` };
  })),
  fc.tuple(
    fc.constantFrom(
      { field: 'name', rule: { name: '1app', subnetResourceId: SUBNET } },
      { field: 'name', rule: { name: 'app-', subnetResourceId: SUBNET } },
      { field: 'name', rule: { name: 'app_rule', subnetResourceId: SUBNET } },
      { field: 'name', rule: { name: '', subnetResourceId: SUBNET } },
      { field: 'name', rule: { name: `x${'a'.repeat(128)}`, subnetResourceId: SUBNET } },
      { field: 'subnetResourceId', rule: { name: 'xrule', subnetResourceId: '' } },
      { field: 'subnetResourceId', rule: { name: 'xrule', subnetResourceId: 'snet-app' } },
      { field: 'subnetResourceId', rule: { name: 'xrule', subnetResourceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet' } },
    ),
    vnetRules,
    fc.nat(),
  ).map(([bad, rules, position]) => {
    const index = position % (rules.length + 1);
    const list = [...rules.slice(0, index), bad.rule, ...rules.slice(index)];
    const prop = `${PUBLIC}.virtualNetworkRules[${index}].${bad.field}`;
    return change(`${prop} := ${fc.stringify(bad.rule)}`, (plan) => ({ plan: inMode(plan, 'publicAccess', { virtualNetworkRules: list }), prop }));
  }),
  fc.constant(change('a VNet rule named twice (other case)', (plan) => {
    const list = [{ name: 'rApp', subnetResourceId: SUBNET }, { name: 'RAPP', subnetResourceId: SUBNET }];
    return { plan: inMode(plan, 'publicAccess', { virtualNetworkRules: list }), prop: `${PUBLIC}.virtualNetworkRules[1].name` };
  })),
  badValues(`${PUBLIC}.privateEndpoint.subnetResourceId`, NOT_AN_ID, (plan, value) => inMode(plan, 'publicAccess', { privateEndpoint: { subnetResourceId: value } })),
  badValues(`${PUBLIC}.privateEndpoint.privateDnsZoneResourceId`, ['/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/legacy.postgres.database.azure.com'],
    (plan, value) => inMode(plan, 'publicAccess', { privateEndpoint: { subnetResourceId: SUBNET, privateDnsZoneResourceId: value } })),
];

const badAdministrator = fc.constantFrom(
  { field: 'objectId', patch: { objectId: '' } },
  { field: 'objectId', patch: { objectId: 'db-admins' } },
  { field: 'tenantId', patch: { tenantId: 'contoso.onmicrosoft.com' } },
  { field: 'principalName', patch: { principalName: '' } },
  { field: 'principalName', patch: { principalName: '   ' } },
  { field: 'principalName', patch: { principalName: 'db-\u202esnimda' } },
  { field: 'principalName', patch: { principalName: 'admin' } },
  { field: 'principalName', patch: { principalName: 'Administrator' } },
  { field: 'principalName', patch: { principalName: 'pg_admins' } },
  { field: 'principalType', patch: { principalType: 'user' } },
  { field: 'principalType', patch: { principalType: '' } },
);

const VERSIONED_KEY = 'https://kv.vault.azure.net/keys/cmk/0123456789abcdef0123456789abcdef';

/** Every invalid value a valid plan can be given, with the prop its error must name. */
const invalidChanges: fc.Arbitrary<Change>[] = [
  badValues('name', ['', 'Legacy', '-legacy', 'legacy-', 'ab', 'a'.repeat(64), 'legacy_db', 'legacy.db']),
  badValues('resourceGroupName', ['', 'rg.', 'rg/legacy', 'a'.repeat(91), 'rg#1']),
  badValues('location', ['', '  ', 'west-europe', 'westeurope.', '\t', '1']),
  badValues('tenantId', ['', 'contoso.onmicrosoft.com', '11111111222233334444555555555555', '{11111111-2222-3333-4444-555555555555}']),
  badValues('adoption.serverResourceId', [
    '',
    'legacy-db',
    '/subscriptions/0/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/legacy-db',
    '/subscriptions/0/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/servers/legacy-db/',
    '/subscriptions/0/resourceGroups/rg/providers/Microsoft.DBforMySQL/servers/legacy-db',
  ], (plan, value) => adopting(plan, { serverResourceId: value })),
  badValues('adoption.serverResourceId', ['the ID of another server'], (plan) => adopting(withLiteralName(plan), {
    serverResourceId: new Derived('ID of another server', (ctx) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${isKnown(ctx.resourceGroupName) ? ctx.resourceGroupName : 'rg'}/providers/Microsoft.DBforPostgreSQL/servers/x${ctx.name}`),
  })),
  badValues('adoption.serverResourceId', ['the ID of a server in another resource group'], (plan) => adopting(withLiteralGroup(plan), {
    serverResourceId: new Derived('ID in another resource group', (ctx) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${ctx.resourceGroupName}-other/providers/Microsoft.DBforPostgreSQL/servers/${isKnown(ctx.name) ? ctx.name : 'legacy-db'}`),
  })),
  ...(['infrastructureEncryptionEnabled', 'geoRedundantBackupEnabled'] as const).map((key) =>
    badValues(`adoption.${key}`, ['not stated'], (plan) => adopting(plan, { [key]: undefined }))),
  ...(['sku', 'version', 'storageMb'] as const).map((prop) => badValues(prop, ['not stated when adopting'], (plan) => ({ ...adopting(plan), [prop]: undefined }))),
  badValues('adoption.justification', BAD_JUSTIFICATIONS, (plan, value) => ({ ...adopting(plan, { infrastructureEncryptionEnabled: false }), adoption: { ...adopting(plan, { infrastructureEncryptionEnabled: false }).adoption, justification: value } })),
  badValues('adoption.justification', BAD_JUSTIFICATIONS, (plan, value) => {
    const adopted = adopting({ ...plan, backup: undefined }, { geoRedundantBackupEnabled: false });
    return { ...adopted, adoption: { ...adopted.adoption, justification: value } };
  }),
  badValues('passwordVersion', [2], (plan, value) => ({ ...adopting(plan, { rotateAdministratorPassword: false }), passwordVersion: value })),
  badValues('passwordKeyVaultResourceId', ['/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv'], (plan, value) => ({
    ...adopting(plan, { rotateAdministratorPassword: false }),
    passwordKeyVaultResourceId: value,
  })),
  fc.boolean().map((geo) => change(`backup.geoRedundantBackup := ${!geo} against adoption ${geo}`, (plan) => {
    const adopted = adopting({ ...plan, backup: undefined }, { geoRedundantBackupEnabled: geo, justification: REASON });
    return { plan: { ...adopted, backup: { geoRedundantBackup: !geo, justification: REASON } }, prop: 'backup.geoRedundantBackup' };
  })),
  badValues('network', [undefined]),
  badValues(`${ENDPOINT}.subnetResourceId`, [...NOT_AN_ID, '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet'], (plan, value) => inMode(plan, 'privateEndpoint', { subnetResourceId: value })),
  badValues(`${ENDPOINT}.privateDnsZoneResourceId`, [
    'privatelink.postgres.database.azure.com',
    '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/legacy.private.postgres.database.azure.com',
    '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.mysql.database.azure.com',
  ], (plan, value) => inMode(plan, 'privateEndpoint', { privateDnsZoneResourceId: value })),
  ...publicChanges,
  badValues('entraAdministrator', [undefined]),
  badAdministrator.map((bad) => change(`entraAdministrator with ${fc.stringify(bad.patch)}`, (plan) => ({
    plan: { ...plan, entraAdministrator: { objectId: '66666666-7777-4888-9999-000000000000', principalName: 'db-admins', principalType: EntraPrincipalType.GROUP, ...bad.patch } },
    prop: `entraAdministrator.${bad.field}`,
  }))),
  badValues('diagnosticSettings', [undefined]),
  badValues('diagnosticSettings.workspaceResourceId', [...NOT_AN_ID, '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Insights/components/app'],
    (plan, value) => ({ ...plan, diagnosticSettings: { kind: 'logAnalytics', id: value } })),
  badValues('diagnosticSettings.justification', BAD_JUSTIFICATIONS, (plan, value) => ({ ...plan, diagnosticSettings: { kind: 'disabled', justification: value } })),
  badValues('administratorLogin', [undefined, '', '1admin', 'pg-admin', 'a'.repeat(64), 'admin', 'Root', 'GUEST', 'public', 'azure_superuser', 'Azure_PG_Admin', 'pg_ops']),
  badValues('passwordVersion', [0, -1, 1.5, Number.NaN, Number.NEGATIVE_INFINITY, 2 ** 31, 2 ** 53 + 1], (plan, value) => ({ ...plan, adoption: undefined, passwordVersion: value })),
  badValues('passwordKeyVaultResourceId', [...NOT_AN_ID, '/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/managedHSMs/hsm'],
    (plan, value) => ({ ...plan, adoption: undefined, passwordKeyVaultResourceId: value })),
  badValues('sku', ['', 'B_Gen5_1', 'B_Gen5_2', 'B_Gen4_1', 'gp_gen5_2', 'GP_Gen5_3', 'GP_Standard_D2ds_v5', 'GP_Gen5_2 '], (plan, value) => ({ ...plan, sku: { of: value } })),
  badValues('version', ['', '9.4', '12', '11.0', 'V11']),
  badValues('storageMb', [0, 5119, 5121, 4096, 16778240, 51200.5, -51200, Number.NaN]),
  badValues('backup.retentionDays', [0, 6, 36, 10.5, Number.NaN], (plan, value) => ({ ...plan, backup: { ...plan.backup, retentionDays: value, justification: REASON } })),
  badValues('backup.justification', BAD_JUSTIFICATIONS, (plan, value) => ({ ...plan, adoption: undefined, backup: { geoRedundantBackup: false, justification: value } })),
  badValues('backup.justification', BAD_JUSTIFICATIONS, (plan, value) => ({ ...plan, adoption: undefined, backup: { retentionDays: 7, justification: value } })),
  badValues('auditLogging.justification', BAD_JUSTIFICATIONS, (plan, value) => ({ ...plan, auditLogging: { pgauditLogClasses: [PgAuditLogClass.DDL], justification: value } })),
  badValues('threatDetection.emailAccountAdmins', [[], undefined], (plan, value) => ({ ...plan, threatDetection: { emailAccountAdmins: false, emailAddresses: value } })),
  fc.tuple(fc.constantFrom('dba', 'dba@', '@example.com', 'dba@example', 'd ba@example.com', ''), fc.array(email, { maxLength: 2 })).map(([bad, before]) => change(
    `threatDetection.emailAddresses[${before.length}] := ${JSON.stringify(bad)}`,
    (plan) => ({ plan: { ...plan, threatDetection: { emailAddresses: [...before, bad] } }, prop: `threatDetection.emailAddresses[${before.length}]` }),
  )),
  badValues('customerManagedKey.keyVaultKeyId', ['', 'https://kv.vault.azure.net/keys/cmk', 'https://kv.vault.azure.net/keys/cmk/', 'kv/cmk', `${VERSIONED_KEY}x`, 'https://kv.vault.azure.net/secrets/cmk/0123456789abcdef0123456789abcdef'],
    (plan, value) => ({ ...plan, customerManagedKey: { keyVaultKeyId: value } })),
  badValues('auditLogging.pgauditLogClasses', [[], ['misc', 'misc']], (plan, value) => ({ ...plan, auditLogging: { pgauditLogClasses: value } })),
  fc.tuple(fc.constantFrom('none', '-all', 'Read', 'ddl,role', ''), fc.uniqueArray(fc.constantFrom(...Object.values(PgAuditLogClass)), { maxLength: 3 })).map(([bad, before]) =>
    change(`auditLogging.pgauditLogClasses[${before.length}] := ${JSON.stringify(bad)}`, (plan) => ({
      plan: { ...plan, auditLogging: { pgauditLogClasses: [...before, bad] } },
      prop: `auditLogging.pgauditLogClasses[${before.length}]`,
    }))),
  badValues('deletionProtection.justification', BAD_JUSTIFICATIONS, (plan, value) => ({ ...plan, deletionProtection: { ...plan.deletionProtection, preventDestroy: false, justification: value } })),
  badValues('tags', [Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']))]),
  badValues('tags key', ['k'.repeat(513), '', 'a/b', '<owner>', 'cost%', 'A&B', 'c:\\x', 'owner?'], (plan, key) => ({ ...plan, tags: { [key]: 'v' } })),
  badValues('tags.owner', [LONG], (plan, value) => ({ ...plan, tags: { owner: value } })),
];

// What a JavaScript caller may pass: every prop as a slot (see javaScriptCallerChanges).
const SECURITY = 'SECURITY-SETTING-TOKEN';
const REASON_TOKEN = 'JUSTIFICATION-TOKEN';
const at = (key: string) => (plan: Plan, value: Raw): Plan => ({ ...plan, [key]: value });
const inside = (key: string, field: string, base: object = {}) => (plan: Plan, value: Raw): Plan => ({ ...plan, [key]: { ...base, ...plan[key], [field]: value } });
const inPublic = (field: string) => (plan: Plan, value: Raw) => inMode(plan, 'publicAccess', { [field]: value });
const inAdoption = (field: string) => (plan: Plan, value: Raw) => adopting({ ...plan, backup: undefined }, { [field]: value, justification: REASON });
const OFFICE = { name: 'xoffice', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' };

const SLOTS: Slot<Plan>[] = [
  slot('', 'struct', (plan, value) => ({ ...plan, ...(value.value as object) })),
  ...['name', 'resourceGroupName', 'location', 'tenantId', 'version', 'administratorLogin', 'passwordKeyVaultResourceId'].map((key) => slot<Plan>(key, 'string', at(key))),
  ...['passwordVersion', 'storageMb'].map((key) => slot<Plan>(key, 'number', (plan, value) => ({ ...plan, adoption: undefined, [key]: value }))),
  ...['network', 'diagnosticSettings', 'sku'].map((key) => slot<Plan>(key, 'class', at(key))),
  slot('sku', 'string', (plan, value) => ({ ...plan, sku: { of: value } })),
  slot(`${ENDPOINT}`, 'struct', (plan, value) => ({ ...plan, network: { mode: 'privateEndpoint', options: value } })),
  slot(`${PUBLIC}`, 'struct', (plan, value) => ({ ...plan, network: { mode: 'publicAccess', options: value } })),
  slot(`${PUBLIC}.allowedIpRanges`, 'list', inPublic('allowedIpRanges'), SECURITY),
  ...(['startIpAddress', 'endIpAddress'] as const).map((key) => slot<Plan>(`${PUBLIC}.allowedIpRanges[0].${key}`, 'string', (plan, value) => inMode(plan, 'publicAccess', { allowedIpRanges: [{ ...OFFICE, [key]: value }] }), SECURITY)),
  slot(`${PUBLIC}.virtualNetworkRules`, 'list', inPublic('virtualNetworkRules'), SECURITY),
  slot(`${PUBLIC}.virtualNetworkRules[0]`, 'struct', (plan, value) => inMode(plan, 'publicAccess', { virtualNetworkRules: [value] })),
  slot(`${PUBLIC}.allowAzureServices`, 'boolean', inPublic('allowAzureServices'), SECURITY),
  slot(`${PUBLIC}.privateEndpoint`, 'struct', inPublic('privateEndpoint')),
  slot(`${PUBLIC}.justification`, 'string', inPublic('justification'), REASON_TOKEN),
  slot(`${PUBLIC}.wideRanges`, 'struct', (plan, value) => inMode(plan, 'publicAccess', { allowedIpRanges: [WIDE_RANGE], wideRanges: value })),
  slot(`${PUBLIC}.wideRanges.justification`, 'string', (plan, value) => inMode(plan, 'publicAccess', { allowedIpRanges: [WIDE_RANGE], wideRanges: { justification: value } }), REASON_TOKEN),
  slot('entraAdministrator', 'struct', at('entraAdministrator')),
  slot('entraAdministrator.principalName', 'string', inside('entraAdministrator', 'principalName')),
  slot('diagnosticSettings.justification', 'string', (plan, value) => ({ ...plan, diagnosticSettings: { kind: 'disabled', justification: value } }), REASON_TOKEN),
  ...['backup', 'threatDetection', 'customerManagedKey', 'auditLogging', 'deletionProtection', 'adoption'].map((key) => slot<Plan>(key, 'struct', at(key))),
  slot('backup.geoRedundantBackup', 'boolean', (plan, value) => ({ ...plan, adoption: undefined, backup: { geoRedundantBackup: value, justification: REASON } }), SECURITY),
  slot('backup.retentionDays', 'number', inside('backup', 'retentionDays', { justification: REASON }), SECURITY),
  slot('backup.justification', 'string', (plan, value) => ({ ...plan, adoption: undefined, backup: { geoRedundantBackup: false, justification: value } }), REASON_TOKEN),
  slot('auditLogging.justification', 'string', (plan, value) => ({ ...plan, auditLogging: { pgauditLogClasses: [PgAuditLogClass.ROLE], justification: value } }), REASON_TOKEN),
  slot('threatDetection.emailAccountAdmins', 'boolean', (plan, value) => ({ ...plan, threatDetection: { emailAddresses: ['dba@example.com'], emailAccountAdmins: value } }), SECURITY),
  slot('threatDetection.emailAddresses', 'list', (plan, value) => ({ ...plan, threatDetection: { emailAddresses: value } })),
  // As the only recipients (no account admins), the addresses decide who hears of an alert: literals only.
  slot('threatDetection.emailAddresses', 'list', (plan, value) => ({ ...plan, threatDetection: { emailAddresses: value, emailAccountAdmins: false } }), SECURITY),
  slot('auditLogging.pgauditLogClasses', 'list', (plan, value) => ({ ...plan, auditLogging: { pgauditLogClasses: value } }), SECURITY),
  slot('auditLogging.pgauditLogClasses[0]', 'string', (plan, value) => ({ ...plan, auditLogging: { pgauditLogClasses: [value] } }), SECURITY),
  slot('deletionProtection.preventDestroy', 'boolean', inside('deletionProtection', 'preventDestroy', { justification: REASON }), SECURITY),
  slot('deletionProtection.lock', 'boolean', inside('deletionProtection', 'lock'), SECURITY),
  slot('deletionProtection.justification', 'string', (plan, value) => ({ ...plan, deletionProtection: { preventDestroy: false, justification: value } }), REASON_TOKEN),
  ...['infrastructureEncryptionEnabled', 'geoRedundantBackupEnabled', 'importEntraAdministrator', 'rotateAdministratorPassword'].map((key) =>
    slot<Plan>(`adoption.${key}`, 'boolean', inAdoption(key), SECURITY)),
  slot('adoption.justification', 'string', (plan, value) => adopting(plan, { infrastructureEncryptionEnabled: false, justification: value }), REASON_TOKEN),
  slot('tags', 'map', at('tags')),
  slot('tags.owner', 'string', (plan, value) => ({ ...plan, tags: { owner: value } })),
];

const anyInvalidChange: fc.Arbitrary<Change> = fc.oneof(
  { arbitrary: fc.oneof(...invalidChanges), weight: 3 },
  { arbitrary: javaScriptCallerChanges(SLOTS), weight: 1 },
);

// ---------------------------------------------------------------------------------------------
// Arbitrary values (property 1): refused or accepted, either is fine, but nothing else
// ---------------------------------------------------------------------------------------------

const anyNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 5120, 16777216));
const arbitrary = (label: string, apply: (plan: any) => Plan) => change(label, (plan) => ({ plan: apply(plan), prop: '' }));

const anyValueChange: fc.Arbitrary<Change> = fc.oneof(
  ...['name', 'resourceGroupName', 'location', 'tenantId', 'version', 'administratorLogin', 'passwordKeyVaultResourceId'].map((prop) =>
    anyText.map((value) => arbitrary(`${prop} := ${fc.stringify(value)}`, (plan) => ({ ...plan, [prop]: value })))),
  ...['storageMb', 'passwordVersion'].map((prop) => anyNumber.map((value) => arbitrary(`${prop} := ${value}`, (plan) => ({ ...plan, [prop]: value })))),
  fc.oneof(anyText, fc.stringMatching(/^(B|GP|MO)_Gen[45]_\d{1,2}$/)).map((value) => arbitrary(`sku := of(${fc.stringify(value)})`, (plan) => ({ ...plan, sku: { of: value } }))),
  fc.record({
    allowedIpRanges: fc.array(fc.record({ name: fc.oneof(ruleName, anyText), startIpAddress: anyIp, endIpAddress: anyIp }), { maxLength: 3 }),
    virtualNetworkRules: fc.array(fc.record({ name: fc.oneof(vnetRuleName, anyText), subnetResourceId: fc.oneof(subnetId, anyText) }), { maxLength: 2 }),
    allowAzureServices: fc.boolean(),
    justification: fc.oneof(justification, anyText),
  }, { requiredKeys: [] }).map((options) => arbitrary(`publicAccess ${fc.stringify(options)}`, (plan) => ({ ...plan, network: { mode: 'publicAccess', options } }))),
  fc.record({ subnetResourceId: fc.oneof(subnetId, anyText), privateDnsZoneResourceId: fc.oneof(zoneId(fc.oneof(vnetZoneName, anyText)), anyText) }, { requiredKeys: [] })
    .map((options) => arbitrary(`privateEndpoint ${fc.stringify(options)}`, (plan) => ({ ...plan, network: { mode: 'privateEndpoint', options } }))),
  fc.record({ objectId: anyText, principalName: anyText, principalType: anyText, tenantId: anyText }, { requiredKeys: [] }).map((admin) =>
    arbitrary(`entraAdministrator ${fc.stringify(admin)}`, (plan) => ({ ...plan, entraAdministrator: admin }))),
  anyText.map((id) => arbitrary(`workspace ${fc.stringify(id)}`, (plan) => ({ ...plan, diagnosticSettings: { kind: 'logAnalytics', id } }))),
  fc.record({ geoRedundantBackup: fc.boolean(), retentionDays: anyNumber, justification: anyText }, { requiredKeys: [] }).map((b) => arbitrary(`backup ${fc.stringify(b)}`, (plan) => ({ ...plan, backup: b }))),
  fc.record({ emailAddresses: fc.oneof(fc.array(anyText, { maxLength: 3 }), listToken), emailAccountAdmins: fc.boolean() }, { requiredKeys: [] }).map((t) =>
    arbitrary(`threatDetection ${fc.stringify(t)}`, (plan) => ({ ...plan, threatDetection: t }))),
  anyText.map((key) => arbitrary(`customerManagedKey ${fc.stringify(key)}`, (plan) => ({ ...plan, customerManagedKey: { keyVaultKeyId: key } }))),
  fc.oneof(fc.array(anyText, { maxLength: 4 }), listToken).map((classes) => arbitrary(`pgauditLogClasses ${fc.stringify(classes)}`, (plan) => ({ ...plan, auditLogging: { pgauditLogClasses: classes } }))),
  fc.record({ preventDestroy: fc.boolean(), lock: fc.boolean(), justification: anyText }, { requiredKeys: [] }).map((d) => arbitrary(`deletionProtection ${fc.stringify(d)}`, (plan) => ({ ...plan, deletionProtection: d }))),
  fc.record({
    serverResourceId: fc.oneof(anyText, fc.boolean().map(liveServerId)),
    infrastructureEncryptionEnabled: fc.boolean(),
    geoRedundantBackupEnabled: fc.boolean(),
    importEntraAdministrator: fc.boolean(),
    rotateAdministratorPassword: fc.boolean(),
    justification: anyText,
  }, { requiredKeys: [] }).map((a) => arbitrary(`adoption ${fc.stringify(a)}`, (plan) => ({ ...plan, adoption: a }))),
  fc.dictionary(anyText, anyText, { maxKeys: 5, noNullPrototype: true }).map((t) => arbitrary(`tags ${fc.stringify(t)}`, (plan) => ({ ...plan, tags: t }))),
);

// ---------------------------------------------------------------------------------------------
// Overrides that weaken a control the construct set (property 4), in the forms Terraform reads
// ---------------------------------------------------------------------------------------------

const parameter = (name: string): ResourcePick => ({ label: `parameter ${name}`, type: 'azurerm_postgresql_configuration', where: (p) => p.name === name });
const DIAGNOSTIC_SETTING: ResourcePick = { label: 'the diagnostic setting', type: 'azurerm_monitor_diagnostic_setting' };
const variable = (type: 'string' | 'number' | 'boolean') => new Tok('variable', type);
/** A parameter value that is not "on", as written by an override. */
const NOT_ON = ['off', 'OFF', '${"off"}', '${lower("OFF")}', new InLocal('off'), variable('string')];
const FALSE = [false, 'false', '0', '${false}', '${1 == 2}', new InLocal(false), variable('boolean')];
const TRUE = [true, 'true', '${true}', new InLocal(true), variable('boolean')];

const weakening: fc.Arbitrary<Weakening> = fc.oneof(
  weakenings('PGS-TLS-1', SERVER, 'ssl_enforcement_enabled', FALSE),
  weakenings('PGS-TLS-2', SERVER, 'ssl_minimal_tls_version_enforced', ['TLS1_0', 'TLS1_1', 'TLSEnforcementDisabled', '${"TLS1_1"}', undefined, variable('string')]),
  weakenings('PGS-NET-1', SERVER, 'public_network_access_enabled', [...TRUE, undefined]),
  weakenings('PGS-ENC-1', SERVER, 'infrastructure_encryption_enabled', FALSE),
  weakenings('PGS-BAK-1', SERVER, 'geo_redundant_backup_enabled', FALSE),
  weakenings('PGS-BAK-2', SERVER, 'backup_retention_days', [7, '14', '${34}', variable('number'), undefined]),
  weakenings('PGS-THR-1', SERVER, 'threat_detection_policy.enabled', FALSE),
  weakenings('PGS-THR-1', SERVER, 'threat_detection_policy', [undefined]),
  weakenings('PGS-DEL-1', SERVER, 'lifecycle.prevent_destroy', [false, undefined]),
  weakenings('PGS-IAM-2', SERVER, 'administrator_login_password', ['Plain-text-Passw0rd!', '${"Plain-text-Passw0rd!"}']),
  weakenings('PGS-LOG-1', parameter('log_checkpoints'), 'value', NOT_ON),
  weakenings('PGS-LOG-2', parameter('log_connections'), 'value', NOT_ON),
  weakenings('PGS-LOG-3', parameter('log_disconnections'), 'value', NOT_ON),
  weakenings('PGS-LOG-4', parameter('connection_throttling'), 'value', NOT_ON),
  weakenings('PGS-LOG-5', parameter('log_retention_days'), 'value', ['3', '8', '${2}', variable('string')]),
  weakenings('PGS-LOG-6', parameter('pgaudit.log'), 'value', ['none', '-all', '', '${"none"}', variable('string')]),
  weakenings('PGS-LOG-9', parameter('pgaudit.log'), 'value', ['read,write', 'ddl', 'all,-role', variable('string')]),
  weakenings('PGS-LOG-6', parameter('shared_preload_libraries'), 'value', ['', 'pg_stat_statements', variable('string')]),
  weakenings('PGS-LOG-7', DIAGNOSTIC_SETTING, 'enabled_log', [undefined]),
  weakenings('PG-CFG-2', SERVER, 'count', [0, variable('number')]),
  weakenings('PG-CFG-2', parameter('pgaudit.log'), 'for_each', [{}, '${toset([])}']),
);

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

describe('SecureSingleServer properties', () => {
  testProperty('any prop set is refused with a ValidationError naming its prop, or synthesizes securely with every weaker choice explained', 20251122, (params) =>
    assertRefusedNamingAPropOrSecure(wildPlans(validPlan, anyInvalidChange, anyValueChange), SINGLE, params));

  testProperty('a valid prop set, tokens and adoption included, is accepted and synthesizes securely with every weaker choice explained', 4243, (params) =>
    assertAcceptedAndSecure(validPlan, SINGLE, params));

  testProperty('a valid prop set with one invalid value is refused, naming that value\'s prop', 1338, (params) =>
    assertRefusedNamingTheProp(validPlanWithoutListTokens, anyInvalidChange, SINGLE, params));

  testProperty('an override that weakens a control the construct set fails synth, even with a suppression written into the JSON', 9002, (params) =>
    assertWeakeningOverridesFail(validPlan, weakening, SINGLE, { ...params, numRuns: OVERRIDE_RUNS_PER_SEED }));
});
