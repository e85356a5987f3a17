import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import {
  FlexibleServerAuthentication,
  FlexibleServerNetwork,
  FlexibleServerSku,
  HighAvailabilityMode,
  SecureFlexibleServer,
  SecureFlexibleServerProps,
  SecureSingleServer,
  SecureSingleServerProps,
  SingleServerNetwork,
  SingleServerSku,
  SingleServerVersion,
} from '../lib';
import { evaluateStack, FindingStatus } from '../lib/checks/evaluate';
import { ALL_RULES } from '../lib/checks/rules';
import {
  GEO_IDENTITY_ID,
  GEO_KEY_ID,
  IDENTITY_ID,
  KEY_ID,
  KEY_VAULT_ID,
  minimalProps,
  PRIVATE_LINK_ZONE_ID,
  SUBNET_ID,
  SUBSCRIPTION,
  VNET_ID,
  VNET_ZONE_ID,
  warningsOf,
  minimalSingleProps,
} from './helpers';

// The guards against losing data hold in every network and authentication mode (and, for Single
// Server, whether the server is created or adopted): prevent_destroy on the server and its
// databases, ignore_changes on the zones Azure moves on failover (Flexible), geo-redundant backup
// and 35 days of backups. Turning one off takes a justification and prints a warning with it; an
// escape-hatch override that turns one off is reported at synth.

const REASON = 'SEC-123: accepted by the security team until 2027-03';
const IGNORED_ON_FAILOVER = ['zone', 'high_availability[0].standby_availability_zone'];
const JUSTIFICATION_FIX = 'say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03"';
const GUARD_WARNINGS = /cdktf-azure-postgres:(DestroyAllowed|BackupWeakened|AdoptedWithoutGeoBackup)/;
const LIVE_SERVER_ID = `${SUBSCRIPTION}/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/legacy-db`;

type Terraform = { [key: string]: any };

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'data-loss');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  return stack;
}

function blocks(terraform: Terraform, type: string): Terraform[] {
  return Object.values(terraform.resource?.[type] ?? {});
}

function only(terraform: Terraform, type: string): Terraform {
  const found = blocks(terraform, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

/** The status of each listed rule on the stack's one server. */
function statuses(terraform: Terraform, ruleIds: string[]): { [ruleId: string]: FindingStatus } {
  const findings = evaluateStack(terraform, ALL_RULES).findings;
  return Object.fromEntries(ruleIds.map((id) => [id, findings.find((f) => f.ruleId === id)!.status]));
}

// ---------------------------------------------------------------------------------------------
// SecureFlexibleServer
// ---------------------------------------------------------------------------------------------

const FLEXIBLE_NETWORKS: [string, FlexibleServerNetwork][] = [
  ['vnetIntegration', FlexibleServerNetwork.vnetIntegration({ virtualNetworkResourceId: VNET_ID, subnetAddressPrefix: '10.0.1.0/28' })],
  ['existingVnetIntegration', FlexibleServerNetwork.existingVnetIntegration({ delegatedSubnetResourceId: SUBNET_ID, privateDnsZoneResourceId: VNET_ZONE_ID })],
  ['privateEndpoint', FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID })],
  ['privateEndpoint with a hub zone', FlexibleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID })],
  ['publicAccess', FlexibleServerNetwork.publicAccess({ allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' }], allowAzureServices: true, justification: REASON })],
];
const FLEXIBLE_AUTHENTICATION: [string, FlexibleServerAuthentication | undefined][] = [
  ['default authentication', undefined],
  ['Entra only', FlexibleServerAuthentication.entraOnly()],
  ['Entra and password', FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON })],
  ['Entra and password in Key Vault', FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON, passwordVersion: 3, keyVaultResourceId: KEY_VAULT_ID })],
];
const FLEXIBLE_SHAPES: [string, Partial<SecureFlexibleServerProps>][] = [
  ['defaults', {}],
  ['databases and a lock', { databases: [{ name: 'orders' }, { name: 'audit' }], deletionProtection: { lock: true } }],
  ['zone-redundant HA in zones 1 and 2', { zone: '1', highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT, standbyAvailabilityZone: '2' } }],
  ['same-zone HA', { zone: '2', highAvailability: { mode: HighAvailabilityMode.SAME_ZONE, justification: REASON } }],
  ['HA off', { highAvailability: { mode: HighAvailabilityMode.DISABLED, justification: REASON } }],
  ['a Burstable SKU', { sku: FlexibleServerSku.B_STANDARD_B1MS }],
  [
    'a customer-managed key',
    { customerManagedKey: { keyVaultKeyId: KEY_ID, userAssignedIdentityResourceId: IDENTITY_ID, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID } },
  ],
];

function flexible(props: Partial<SecureFlexibleServerProps>): { stack: TerraformStack; construct: SecureFlexibleServer; terraform: Terraform } {
  const stack = newStack();
  const construct = new SecureFlexibleServer(stack, 'Postgres', minimalProps(props));
  return { stack, construct, terraform: stack.toTerraform() };
}

describe('SecureFlexibleServer keeps every data-loss guard in every mode', () => {
  const cases = FLEXIBLE_NETWORKS.flatMap(([network, networkValue]) =>
    FLEXIBLE_AUTHENTICATION.flatMap(([authentication, authenticationValue]) =>
      FLEXIBLE_SHAPES.map(([shape, props]) => [`${network}, ${authentication}, ${shape}`, { network: networkValue, authentication: authenticationValue, ...props }] as const)));

  test.each(cases)('%s', (_, props) => {
    const { stack, terraform } = flexible(props);
    const server = only(terraform, 'azurerm_postgresql_flexible_server');
    expect(server.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: IGNORED_ON_FAILOVER });
    expect([server.geo_redundant_backup_enabled, server.backup_retention_days]).toEqual([true, 35]);
    expect(blocks(terraform, 'azurerm_postgresql_flexible_server_database').map((database) => database.lifecycle)).toEqual(
      (props.databases ?? []).map(() => ({ prevent_destroy: true })),
    );
    expect(statuses(terraform, ['PGF-DEL-1', 'PGF-BAK-1', 'PGF-BAK-2'])).toEqual({ 'PGF-DEL-1': 'pass', 'PGF-BAK-1': 'pass', 'PGF-BAK-2': 'pass' });
    expect(warningsOf(stack).filter((warning) => GUARD_WARNINGS.test(warning))).toEqual([]);
  });
});

describe.each(FLEXIBLE_NETWORKS)('SecureFlexibleServer (%s): turning a guard off takes a justification and warns', (_, network) => {
  test('prevent_destroy: refused without a justification', () => {
    expect(() => flexible({ network, deletionProtection: { preventDestroy: false } })).toThrow(
      new Error(`Invalid deletionProtection.justification: (not set) is required to allow the server to be destroyed. Fix: ${JUSTIFICATION_FIX}.`),
    );
  });

  test('prevent_destroy: off on the server and its databases, with a warning and a suppressed finding', () => {
    const { stack, terraform } = flexible({ network, databases: [{ name: 'orders' }], deletionProtection: { preventDestroy: false, justification: REASON } });
    expect(only(terraform, 'azurerm_postgresql_flexible_server').lifecycle).toEqual({ prevent_destroy: false, ignore_changes: IGNORED_ON_FAILOVER });
    expect(only(terraform, 'azurerm_postgresql_flexible_server_database').lifecycle).toEqual({ prevent_destroy: false });
    expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:DestroyAllowed] prevent_destroy is off: a plan may delete or replace the server and its data. Justification: "${REASON}".`);
    expect(statuses(terraform, ['PGF-DEL-1'])).toEqual({ 'PGF-DEL-1': 'suppressed' });
  });

  test('geo-redundant backup: refused without a justification', () => {
    expect(() => flexible({ network, backup: { geoRedundantBackup: false, justification: 'no pair' } })).toThrow(
      new Error(`Invalid backup.justification: "no pair" is too short to justify the choice to turn off geo-redundant backup or keep backups under 35 days. Fix: ${JUSTIFICATION_FIX}.`),
    );
  });

  test('geo-redundant backup: off with a warning and a suppressed finding', () => {
    const { stack, terraform } = flexible({ network, backup: { geoRedundantBackup: false, justification: REASON } });
    expect(only(terraform, 'azurerm_postgresql_flexible_server').geo_redundant_backup_enabled).toBe(false);
    expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:BackupWeakened] Backup is weaker than the default: geo-redundant backup is off. Justification: "${REASON}".`);
    expect(statuses(terraform, ['PGF-BAK-1', 'PGF-BAK-2'])).toEqual({ 'PGF-BAK-1': 'suppressed', 'PGF-BAK-2': 'pass' });
  });

  test('35-day retention: refused without a justification', () => {
    expect(() => flexible({ network, backup: { retentionDays: 34 } })).toThrow(
      new Error(`Invalid backup.justification: (not set) is required to turn off geo-redundant backup or keep backups under 35 days. Fix: ${JUSTIFICATION_FIX}.`),
    );
  });

  test('35-day retention: shortened with a warning and a suppressed finding', () => {
    const { stack, terraform } = flexible({ network, backup: { retentionDays: 7, justification: REASON } });
    expect(only(terraform, 'azurerm_postgresql_flexible_server').backup_retention_days).toBe(7);
    expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:BackupWeakened] Backup is weaker than the default: backups are kept 7 days. Justification: "${REASON}".`);
    expect(statuses(terraform, ['PGF-BAK-1', 'PGF-BAK-2'])).toEqual({ 'PGF-BAK-1': 'pass', 'PGF-BAK-2': 'suppressed' });
  });

  test('both backup guards at once: one warning that names both', () => {
    const { stack } = flexible({ network, backup: { geoRedundantBackup: false, retentionDays: 14, justification: REASON } });
    expect(warningsOf(stack).filter((warning) => warning.includes('BackupWeakened'))).toEqual([
      `[cdktf-azure-postgres:BackupWeakened] Backup is weaker than the default: geo-redundant backup is off and backups are kept 14 days. Justification: "${REASON}".`,
    ]);
  });
});

test('SecureFlexibleServer: no prop turns the zone ignore_changes off (it stays with every high-availability choice)', () => {
  const choices: Partial<SecureFlexibleServerProps>[] = [
    {},
    { zone: '3' },
    { zone: '1', highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT, standbyAvailabilityZone: '3' } },
    { zone: '1', highAvailability: { mode: HighAvailabilityMode.SAME_ZONE, standbyAvailabilityZone: '1', justification: REASON } },
    { highAvailability: { mode: HighAvailabilityMode.DISABLED, justification: REASON } },
    { deletionProtection: { preventDestroy: false, justification: REASON } },
  ];
  for (const choice of choices) {
    expect(only(flexible(choice).terraform, 'azurerm_postgresql_flexible_server').lifecycle.ignore_changes).toEqual(IGNORED_ON_FAILOVER);
  }
});

// ---------------------------------------------------------------------------------------------
// SecureSingleServer
// ---------------------------------------------------------------------------------------------

const SINGLE_NETWORKS: [string, SingleServerNetwork][] = [
  ['privateEndpoint', SingleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID })],
  ['privateEndpoint with a hub zone', SingleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID })],
  [
    'publicAccess',
    SingleServerNetwork.publicAccess({
      allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' }],
      virtualNetworkRules: [{ name: 'app', subnetResourceId: SUBNET_ID }],
      allowAzureServices: true,
      justification: REASON,
    }),
  ],
  ['publicAccess with a private endpoint', SingleServerNetwork.publicAccess({ allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.10' }], privateEndpoint: { subnetResourceId: SUBNET_ID }, justification: REASON })],
];
const ADOPTED = { serverResourceId: LIVE_SERVER_ID, infrastructureEncryptionEnabled: true, geoRedundantBackupEnabled: true };
const STATED = { sku: SingleServerSku.GP_GEN5_2, version: SingleServerVersion.V11, storageMb: 102400 };
const SINGLE_ACCESS: [string, Partial<SecureSingleServerProps>][] = [
  ['a new server', {}],
  ['a new server, its password in Key Vault', { passwordVersion: 2, passwordKeyVaultResourceId: KEY_VAULT_ID }],
  ['a new server with a customer-managed key', { customerManagedKey: { keyVaultKeyId: `${KEY_ID}/0123456789abcdef0123456789abcdef` } }],
  ['an adopted server keeping its password', { adoption: ADOPTED, ...STATED }],
  ['an adopted server, without its Entra administrator', { adoption: { ...ADOPTED, importEntraAdministrator: false }, ...STATED }],
  ['an adopted server, password rotated', { adoption: { ...ADOPTED, rotateAdministratorPassword: true }, passwordVersion: 2, ...STATED }],
  ['an adopted server without infrastructure encryption', { adoption: { ...ADOPTED, infrastructureEncryptionEnabled: false, justification: REASON }, ...STATED }],
];

function single(props: Partial<SecureSingleServerProps>): { stack: TerraformStack; terraform: Terraform } {
  const stack = newStack();
  new SecureSingleServer(stack, 'Legacy', minimalSingleProps(props));
  return { stack, terraform: stack.toTerraform() };
}

describe('SecureSingleServer keeps every data-loss guard in every mode, created or adopted', () => {
  const cases = SINGLE_NETWORKS.flatMap(([network, networkValue]) => SINGLE_ACCESS.map(([access, props]) => [`${network}, ${access}`, { network: networkValue, ...props }] as const));

  test.each(cases)('%s', (_, props) => {
    const { stack, terraform } = single(props);
    const server = only(terraform, 'azurerm_postgresql_server');
    expect(server.lifecycle).toEqual({ prevent_destroy: true });
    expect([server.geo_redundant_backup_enabled, server.backup_retention_days]).toEqual([true, 35]);
    expect(statuses(terraform, ['PGS-DEL-1', 'PGS-BAK-1'])).toEqual({ 'PGS-DEL-1': 'pass', 'PGS-BAK-1': 'pass' });
    expect(warningsOf(stack).filter((warning) => GUARD_WARNINGS.test(warning))).toEqual([]);
  });
});

describe.each(SINGLE_NETWORKS)('SecureSingleServer (%s): turning a guard off takes a justification and warns', (_, network) => {
  test('prevent_destroy: refused without a justification, then off with a warning', () => {
    expect(() => single({ network, deletionProtection: { preventDestroy: false, justification: ' ' } })).toThrow(
      new Error(`Invalid deletionProtection.justification: " " is required to allow the server to be destroyed. Fix: ${JUSTIFICATION_FIX}.`),
    );
    const { stack, terraform } = single({ network, deletionProtection: { preventDestroy: false, justification: REASON } });
    expect(only(terraform, 'azurerm_postgresql_server').lifecycle).toEqual({ prevent_destroy: false });
    expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:DestroyAllowed] prevent_destroy is off: a plan may delete or replace the server and its data. Justification: "${REASON}".`);
    expect(statuses(terraform, ['PGS-DEL-1'])).toEqual({ 'PGS-DEL-1': 'suppressed' });
  });

  test('geo-redundant backup: refused without a justification, then off with a warning', () => {
    expect(() => single({ network, backup: { geoRedundantBackup: false } })).toThrow(
      new Error(`Invalid backup.justification: (not set) is required to turn off geo-redundant backup or keep backups under 35 days. Fix: ${JUSTIFICATION_FIX}.`),
    );
    const { stack, terraform } = single({ network, backup: { geoRedundantBackup: false, justification: REASON } });
    expect(only(terraform, 'azurerm_postgresql_server').geo_redundant_backup_enabled).toBe(false);
    expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:BackupWeakened] Backup is weaker than the default: geo-redundant backup is off. Justification: "${REASON}".`);
    expect(statuses(terraform, ['PGS-BAK-1'])).toEqual({ 'PGS-BAK-1': 'suppressed' });
  });

  test('35-day retention: refused without a justification, then shortened with a warning', () => {
    expect(() => single({ network, backup: { retentionDays: 30, justification: 'short' } })).toThrow(
      new Error(`Invalid backup.justification: "short" is too short to justify the choice to turn off geo-redundant backup or keep backups under 35 days. Fix: ${JUSTIFICATION_FIX}.`),
    );
    const { stack, terraform } = single({ network, backup: { retentionDays: 30, justification: REASON } });
    expect(only(terraform, 'azurerm_postgresql_server').backup_retention_days).toBe(30);
    expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:BackupWeakened] Backup is weaker than the default: backups are kept 30 days. Justification: "${REASON}".`);
  });

  test('adopting a server without geo-redundant backup: refused without a justification, then kept with warnings', () => {
    expect(() => single({ network, adoption: { ...ADOPTED, geoRedundantBackupEnabled: false }, ...STATED })).toThrow(
      new Error(`Invalid adoption.justification: (not set) is required to adopt a server without infrastructure encryption or geo-redundant backup. Fix: ${JUSTIFICATION_FIX}.`),
    );
    const { stack, terraform } = single({ network, adoption: { ...ADOPTED, geoRedundantBackupEnabled: false, justification: REASON }, ...STATED });
    expect(only(terraform, 'azurerm_postgresql_server').geo_redundant_backup_enabled).toBe(false);
    expect(warningsOf(stack)).toEqual(expect.arrayContaining([
      `[cdktf-azure-postgres:AdoptedWithoutGeoBackup] The adopted server has no geo-redundant backup; only a new server can have it. Justification: "${REASON}".`,
      `[cdktf-azure-postgres:BackupWeakened] Backup is weaker than the default: geo-redundant backup is off. Justification: "${REASON}".`,
    ]));
    expect(statuses(terraform, ['PGS-BAK-1'])).toEqual({ 'PGS-BAK-1': 'suppressed' });
  });
});

test('SecureSingleServer: adopting, then shortening retention: the BackupWeakened warning carries the retention\'s own justification', () => {
  const adoptionReason = 'SEC-77: the 2019 server has no infrastructure encryption';
  const { stack } = single({
    adoption: { ...ADOPTED, infrastructureEncryptionEnabled: false, justification: adoptionReason },
    backup: { retentionDays: 14, justification: REASON },
    ...STATED,
  });
  expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:BackupWeakened] Backup is weaker than the default: backups are kept 14 days. Justification: "${REASON}".`);
});

// ---------------------------------------------------------------------------------------------
// Escape hatches: an override that turns a guard off fails synth
// ---------------------------------------------------------------------------------------------

/** The lines of the error synth fails with; none when it passes. */
function synthErrors(stack: TerraformStack): string[] {
  try {
    Testing.synth(stack, true);
  } catch (error) {
    return (error as Error).message.split('\n');
  }
  return [];
}

describe('an escape-hatch override that turns a guard off fails synth', () => {
  test.each<[string, (stack: TerraformStack) => void, RegExp]>([
    [
      'prevent_destroy on the Flexible Server',
      (stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps()).server.addOverride('lifecycle.prevent_destroy', false),
      /azurerm_postgresql_flexible_server\.Postgres_Server_[0-9A-F]+ PGF-DEL-1 lifecycle\.prevent_destroy is false/,
    ],
    [
      'geo-redundant backup on the Flexible Server',
      (stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps()).server.addOverride('geo_redundant_backup_enabled', false),
      /azurerm_postgresql_flexible_server\.Postgres_Server_[0-9A-F]+ PGF-BAK-1 geo_redundant_backup_enabled is false/,
    ],
    [
      '35-day retention on the Flexible Server',
      (stack) => new SecureFlexibleServer(stack, 'Postgres', minimalProps()).server.addOverride('backup_retention_days', 7),
      /azurerm_postgresql_flexible_server\.Postgres_Server_[0-9A-F]+ PGF-BAK-2 backup_retention_days is 7/,
    ],
    [
      'prevent_destroy on the Single Server',
      (stack) => new SecureSingleServer(stack, 'Legacy', singleProps()).server.addOverride('lifecycle.prevent_destroy', false),
      /azurerm_postgresql_server\.Legacy_Server_[0-9A-F]+ PGS-DEL-1 lifecycle\.prevent_destroy is false/,
    ],
    [
      'geo-redundant backup on the Single Server',
      (stack) => new SecureSingleServer(stack, 'Legacy', singleProps()).server.addOverride('geo_redundant_backup_enabled', false),
      /azurerm_postgresql_server\.Legacy_Server_[0-9A-F]+ PGS-BAK-1 geo_redundant_backup_enabled is false/,
    ],
    // The README promises 35 days for Single Server too, but no rule judges its retention.
    [
      '35-day retention on the Single Server',
      (stack) => new SecureSingleServer(stack, 'Legacy', singleProps()).server.addOverride('backup_retention_days', 7),
      /azurerm_postgresql_server\.Legacy_Server_[0-9A-F]+ .*backup_retention_days/,
    ],
    // The README lists prevent_destroy on the databases as a guard, but no rule judges databases.
    [
      'prevent_destroy on a Flexible Server database',
      (stack) => {
        const construct = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
        (construct.node.findChild('Database-orders') as unknown as { addOverride(path: string, value: unknown): void }).addOverride('lifecycle.prevent_destroy', false);
      },
      /azurerm_postgresql_flexible_server_database\.Postgres_Database-orders_[0-9A-F]+ .*prevent_destroy/,
    ],
    // addOverride concatenates lists, so the escape hatch that drops a zone is the lifecycle setter.
    [
      'the zone ignore_changes on the Flexible Server',
      (stack) => {
        new SecureFlexibleServer(stack, 'Postgres', minimalProps()).server.lifecycle = { preventDestroy: true, ignoreChanges: ['zone'] };
      },
      /azurerm_postgresql_flexible_server\.Postgres_Server_[0-9A-F]+ .*ignore_changes/,
    ],
  ])('%s', (_, weaken, finding) => {
    const stack = newStack();
    weaken(stack);
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringMatching(finding)]));
  });
});

const singleProps = () => minimalSingleProps();
