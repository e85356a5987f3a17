import { TerraformHclModule, Testing, Token } from 'cdktf';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import {
  EntraPrincipalType,
  FlexibleServerAuthentication,
  FlexibleServerSku,
  HighAvailabilityMode,
  PgAuditLogClass,
  PostgresVersion,
  SecureFlexibleServer,
  SecureFlexibleServerProps,
  StorageTier,
  TlsVersion,
} from '../../lib';
import {
  ADMIN_OBJECT_ID,
  GEO_IDENTITY_ID,
  GEO_KEY_ID,
  IDENTITY_ID,
  KEY_ID,
  KEY_VAULT_ID,
  minimalProps,
  newStack,
  onlyResource,
  providerStack,
  resourcesOf,
  serverParameters,
  synthFlexible,
  synthStack,
  SynthesizedStack,
  TerraformBlock,
  warningsOf,
} from '../helpers';

// What valid, non-default choices produce in the synthesized Terraform JSON.

const JUSTIFICATION = 'legacy reporting tool cannot use Entra tokens';
const SERVER = 'azurerm_postgresql_flexible_server';
const DATABASE = 'azurerm_postgresql_flexible_server_database';
const ENTRA_ADMIN = 'azurerm_postgresql_flexible_server_active_directory_administrator';
const SECOND_ADMIN_OBJECT_ID = '66666666-7777-8888-9999-000000000001';

interface Synthesized {
  readonly synth: SynthesizedStack;
  readonly server: TerraformBlock;
  readonly construct: SecureFlexibleServer;
  readonly warnings: string[];
}

/** Synthesizes a server and keeps the construct and the warnings printed at synth. */
function synthesize(overrides: Partial<SecureFlexibleServerProps> = {}): Synthesized {
  let construct: SecureFlexibleServer | undefined;
  let stack: Construct | undefined;
  const synth = synthFlexible(minimalProps(overrides), (s, st) => {
    construct = s;
    stack = st;
  });
  return { synth, server: onlyResource(synth, SERVER), construct: construct!, warnings: warningsOf(stack!) };
}

/** The Terraform address ("type.name") of the only resource of a type. */
function addressOf(synth: SynthesizedStack, type: string, index = 0): string {
  const names = Object.keys(synth.resource[type] ?? {});
  if (names.length <= index) throw new Error(`no ${type} at index ${index}`);
  return `${type}.${names[index]}`;
}

/** Every [attribute name, string value] pair anywhere in the JSON. */
function stringAttributes(value: unknown, key = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((item) => stringAttributes(item, key));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as object).flatMap(([k, v]) => stringAttributes(v, k));
  }
  return [];
}

/** Every attribute name anywhere in the JSON. */
function attributeNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(attributeNames);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as object).flatMap(([k, v]) => [k, ...attributeNames(v)]);
  }
  return [];
}

const REFERENCE = /^\$\{[^}]+\}$/;
const PASSWORD_REFERENCE = /^\$\{random_password\.[\w-]+\.result\}$/;

function passwordAuthentication(extra: { passwordVersion?: number; keyVaultResourceId?: string } = {}): FlexibleServerAuthentication {
  return FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: JUSTIFICATION, ...extra });
}

describe('password authentication', () => {
  const { synth, server, construct, warnings } = synthesize({ authentication: passwordAuthentication() });
  const parameters = serverParameters(synth);

  test('password and Entra sign-in are both on', () => {
    expect(server.authentication).toMatchObject({ password_auth_enabled: true, active_directory_auth_enabled: true });
  });

  test('the administrator login is set', () => {
    expect(server.administrator_login).toBe('pgadmin_ops');
  });

  test('the password goes to the write-only attribute only', () => {
    expect(server.administrator_password).toBeUndefined();
    expect(server.administrator_password_wo).toMatch(PASSWORD_REFERENCE);
    expect(server.administrator_password_wo_version).toBe(1);
  });

  test('the password is a generated random_password with keepers.version "1"', () => {
    const password = onlyResource(synth, 'random_password');
    expect(password.keepers).toEqual({ version: '1' });
    expect(server.administrator_password_wo).toBe(`\${${addressOf(synth, 'random_password')}.result}`);
  });

  test('only SCRAM-SHA-256 is accepted', () => {
    expect(parameters.password_encryption).toBe('scram-sha-256');
    expect(parameters['azure.accepted_password_auth_method']).toBe('scram-sha-256');
  });

  test('a PasswordAuthentication warning carries the justification', () => {
    const warning = warnings.find((w) => w.startsWith('[cdktf-azure-postgres:PasswordAuthentication]'));
    expect(warning).toBeDefined();
    expect(warning).toContain(JUSTIFICATION);
  });

  test('administratorPassword is a reference', () => {
    expect(construct.administratorPassword).toBeDefined();
    expect(Token.isUnresolved(construct.administratorPassword)).toBe(true);
  });

  test('administratorPassword is undefined with Entra-only sign-in', () => {
    expect(synthesize().construct.administratorPassword).toBeUndefined();
  });

  test('no password secret in Key Vault unless a vault is given', () => {
    expect(resourcesOf(synth, 'azurerm_key_vault_secret')).toHaveLength(0);
  });

  test('passwordVersion 3 rotates: keepers.version "3" and wo_version 3', () => {
    const rotated = synthesize({ authentication: passwordAuthentication({ passwordVersion: 3 }) });
    expect(onlyResource(rotated.synth, 'random_password').keepers).toEqual({ version: '3' });
    expect(rotated.server.administrator_password_wo_version).toBe(3);
  });

  test('keyVaultResourceId stores the password as a write-only secret', () => {
    const stored = synthesize({ authentication: passwordAuthentication({ keyVaultResourceId: KEY_VAULT_ID, passwordVersion: 2 }) });
    const secret = onlyResource(stored.synth, 'azurerm_key_vault_secret');
    expect(secret.name).toBe('orders-db-administrator-password');
    expect(secret.key_vault_id).toBe(KEY_VAULT_ID);
    expect(secret.value_wo).toBe(stored.server.administrator_password_wo);
    expect(secret.value_wo_version).toBe(2);
    expect(secret.value).toBeUndefined();
  });

  test('the JSON holds no literal password', () => {
    const stored = synthesize({ authentication: passwordAuthentication({ keyVaultResourceId: KEY_VAULT_ID }) });
    expect(attributeNames(stored.synth)).not.toContain('administrator_password');
    const secretAttributes = stringAttributes(stored.synth).filter(([key]) => /password/i.test(key) || key === 'value_wo');
    expect(secretAttributes.length).toBeGreaterThanOrEqual(2);
    const literals = secretAttributes.filter(([, value]) => !REFERENCE.test(value));
    expect(literals).toEqual([]);
  });
});

describe('TLS', () => {
  test('minVersion TLS1_3 sets ssl_min_protocol_version TLSv1.3', () => {
    const parameters = serverParameters(synthFlexible(minimalProps({ tls: { minVersion: TlsVersion.TLS1_3 } })));
    expect(parameters.ssl_min_protocol_version).toBe('TLSv1.3');
  });

  test('maxVersion sets ssl_max_protocol_version', () => {
    const parameters = serverParameters(synthFlexible(minimalProps({ tls: { maxVersion: TlsVersion.TLS1_2 } })));
    expect(parameters.ssl_max_protocol_version).toBe('TLSv1.2');
  });

  test.each([
    ['no options', undefined],
    ['min 1.3', { minVersion: TlsVersion.TLS1_3 }],
    ['max 1.2', { maxVersion: TlsVersion.TLS1_2 }],
    ['min and max 1.3', { minVersion: TlsVersion.TLS1_3, maxVersion: TlsVersion.TLS1_3 }],
  ])('require_secure_transport stays on (%s)', (_, tls) => {
    expect(serverParameters(synthFlexible(minimalProps({ tls }))).require_secure_transport).toBe('on');
  });
});

test('pgaudit classes [READ, WRITE] log "read,write"', () => {
  const parameters = serverParameters(synthFlexible(minimalProps({ auditLogging: { pgauditLogClasses: [PgAuditLogClass.READ, PgAuditLogClass.WRITE], justification: 'read-only reporting replica, DDL audited upstream' } })));
  expect(parameters['pgaudit.log']).toBe('read,write');
});

describe('PostgreSQL version', () => {
  test('18 has no connection_throttle.enable', () => {
    const { synth, server } = synthesize({ version: PostgresVersion.V18 });
    expect(server.version).toBe('18');
    expect(serverParameters(synth)).not.toHaveProperty(['connection_throttle.enable']);
  });

  test('16 has connection_throttle.enable on', () => {
    const { synth, server } = synthesize({ version: PostgresVersion.V16 });
    expect(server.version).toBe('16');
    expect(serverParameters(synth)['connection_throttle.enable']).toBe('on');
  });
});

describe('SKU and high availability', () => {
  test('Burstable: no high_availability block, HighAvailabilityOff warning', () => {
    const { server, warnings } = synthesize({ sku: FlexibleServerSku.B_STANDARD_B1MS });
    expect(server.sku_name).toBe('B_Standard_B1ms');
    expect(server.high_availability).toBeUndefined();
    expect(warnings.filter((w) => w.startsWith('[cdktf-azure-postgres:HighAvailabilityOff]'))).toHaveLength(1);
  });

  test('SAME_ZONE: mode SameZone, HighAvailabilityWeakened warning with the justification', () => {
    const justification = 'region has a single availability zone';
    const { server, warnings } = synthesize({ highAvailability: { mode: HighAvailabilityMode.SAME_ZONE, justification } });
    expect(server.high_availability).toEqual({ mode: 'SameZone' });
    const warning = warnings.find((w) => w.startsWith('[cdktf-azure-postgres:HighAvailabilityWeakened]'));
    expect(warning).toContain(justification);
  });

  test('ZONE_REDUNDANT with zones: zone and standby zone are written', () => {
    const { server } = synthesize({ zone: '1', highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT, standbyAvailabilityZone: '2' } });
    expect(server.zone).toBe('1');
    expect(server.high_availability).toEqual({ mode: 'ZoneRedundant', standby_availability_zone: '2' });
  });

  test('DISABLED on General Purpose: no block, HighAvailabilityWeakened warning', () => {
    const justification = 'test environment rebuilt nightly';
    const { server, warnings } = synthesize({ highAvailability: { mode: HighAvailabilityMode.DISABLED, justification } });
    expect(server.sku_name).toBe('GP_Standard_D2ds_v5');
    expect(server.high_availability).toBeUndefined();
    const warning = warnings.find((w) => w.startsWith('[cdktf-azure-postgres:HighAvailabilityWeakened]'));
    expect(warning).toContain(justification);
  });

  test('Memory Optimized: zone-redundant by default', () => {
    const { server, warnings } = synthesize({ sku: FlexibleServerSku.MO_STANDARD_E2DS_V5 });
    expect(server.sku_name).toBe('MO_Standard_E2ds_v5');
    expect(server.high_availability).toEqual({ mode: 'ZoneRedundant' });
    expect(warnings).toEqual([]);
  });
});

describe('customer-managed key', () => {
  const key = { keyVaultKeyId: KEY_ID, userAssignedIdentityResourceId: IDENTITY_ID };

  test('with geo backup: both identities and both keys', () => {
    const { server } = synthesize({
      customerManagedKey: { ...key, geoBackupKeyVaultKeyId: GEO_KEY_ID, geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID },
    });
    expect(server.identity).toEqual({ type: 'UserAssigned', identity_ids: [IDENTITY_ID, GEO_IDENTITY_ID] });
    expect(server.customer_managed_key).toEqual({
      key_vault_key_id: KEY_ID,
      primary_user_assigned_identity_id: IDENTITY_ID,
      geo_backup_key_vault_key_id: GEO_KEY_ID,
      geo_backup_user_assigned_identity_id: GEO_IDENTITY_ID,
    });
    expect(server.geo_redundant_backup_enabled).toBe(true);
  });

  test('without geo backup: the primary identity and key only', () => {
    const { server } = synthesize({
      customerManagedKey: key,
      backup: { geoRedundantBackup: false, justification: 'data residency forbids the paired region' },
    });
    expect(server.identity).toEqual({ type: 'UserAssigned', identity_ids: [IDENTITY_ID] });
    expect(server.customer_managed_key).toEqual({ key_vault_key_id: KEY_ID, primary_user_assigned_identity_id: IDENTITY_ID });
  });
});

describe('backup', () => {
  test('retentionDays 14: backup_retention_days 14 and a BackupWeakened warning', () => {
    const justification = 'non-production copy of public data';
    const { server, warnings } = synthesize({ backup: { retentionDays: 14, justification } });
    expect(server.backup_retention_days).toBe(14);
    const warning = warnings.find((w) => w.startsWith('[cdktf-azure-postgres:BackupWeakened]'));
    expect(warning).toContain('14 days');
    expect(warning).toContain(justification);
  });

  test('geoRedundantBackup false: geo_redundant_backup_enabled false', () => {
    const { server, warnings } = synthesize({ backup: { geoRedundantBackup: false, justification: 'data residency forbids the paired region' } });
    expect(server.geo_redundant_backup_enabled).toBe(false);
    expect(warnings.filter((w) => w.startsWith('[cdktf-azure-postgres:BackupWeakened]'))).toHaveLength(1);
  });
});

describe('deletion protection', () => {
  test('lock: a CanNotDelete management lock on the server', () => {
    const { synth } = synthesize({ deletionProtection: { lock: true } });
    const lock = onlyResource(synth, 'azurerm_management_lock');
    expect(lock.lock_level).toBe('CanNotDelete');
    expect(lock.scope).toBe(`\${${addressOf(synth, SERVER)}.id}`);
  });

  test('preventDestroy false: prevent_destroy false, ignore_changes kept', () => {
    const { server } = synthesize({ deletionProtection: { preventDestroy: false, justification: 'ephemeral review environment' } });
    expect(server.lifecycle.prevent_destroy).toBe(false);
    expect(server.lifecycle.ignore_changes).toEqual(['zone', 'high_availability[0].standby_availability_zone']);
  });
});

describe('databases', () => {
  const twoAdmins = [
    { objectId: ADMIN_OBJECT_ID, principalName: 'db-admins', principalType: EntraPrincipalType.GROUP },
    { objectId: SECOND_ADMIN_OBJECT_ID, principalName: 'deploy-pipeline', principalType: EntraPrincipalType.SERVICE_PRINCIPAL },
  ];
  const { synth } = synthesize({
    entraAdministrators: twoAdmins,
    databases: [{ name: 'orders' }, { name: 'reports', charset: 'LATIN1', collation: 'C' }],
  });
  const databases = resourcesOf(synth, DATABASE);
  const byName = (name: string) => databases.find((d) => d.name === name)!;

  test('charset and collation default to UTF8 and en_US.utf8', () => {
    expect(byName('orders')).toMatchObject({ charset: 'UTF8', collation: 'en_US.utf8' });
  });

  test('given charset and collation are used', () => {
    expect(byName('reports')).toMatchObject({ charset: 'LATIN1', collation: 'C' });
  });

  test('the second Entra administrator waits for the first', () => {
    const second = resourcesOf(synth, ENTRA_ADMIN)[1];
    expect(second.object_id).toBe(SECOND_ADMIN_OBJECT_ID);
    expect(second.depends_on).toEqual([addressOf(synth, ENTRA_ADMIN, 0)]);
  });

  test('the first database waits for the last Entra administrator', () => {
    expect(byName('orders').depends_on).toEqual([addressOf(synth, ENTRA_ADMIN, 1)]);
  });

  test('the second database waits for the first', () => {
    const first = Object.entries(synth.resource[DATABASE]).find(([, d]) => d.name === 'orders')![0];
    expect(byName('reports').depends_on).toEqual([`${DATABASE}.${first}`]);
  });

  test('databases cannot be destroyed by default', () => {
    expect(databases.map((d) => d.lifecycle?.prevent_destroy)).toEqual([true, true]);
  });
});

test('maintenance window is written', () => {
  const { server } = synthesize({ maintenanceWindow: { dayOfWeek: 0, startHour: 2, startMinute: 30 } });
  expect(server.maintenance_window).toEqual({ day_of_week: 0, start_hour: 2, start_minute: 30 });
});

describe('tags', () => {
  const tags = { env: 'prod', owner: 'team-orders' };
  const { synth, server } = synthesize({ tags });

  test('the server carries the tags', () => {
    expect(server.tags).toEqual(tags);
  });

  test('the private DNS zone and its VNet link carry the tags', () => {
    expect(onlyResource(synth, 'azurerm_private_dns_zone').tags).toEqual(tags);
    expect(onlyResource(synth, 'azurerm_private_dns_zone_virtual_network_link').tags).toEqual(tags);
  });

  test('the subnet has no tags attribute', () => {
    expect(onlyResource(synth, 'azurerm_subnet').tags).toBeUndefined();
  });
});

describe('storage', () => {
  test('sizeMb 131072 and tier P15 are written', () => {
    const { server } = synthesize({ storage: { sizeMb: 131072, tier: StorageTier.P15 } });
    expect(server.storage_mb).toBe(131072);
    expect(server.storage_tier).toBe('P15');
  });

  test('autoGrow false turns auto-grow off', () => {
    const { server } = synthesize({ storage: { autoGrow: false } });
    expect(server.auto_grow_enabled).toBe(false);
  });
});

test('default options print no warnings', () => {
  expect(synthesize().warnings).toEqual([]);
});

describe('allowed extensions', () => {
  test('are allow-listed next to pgaudit', () => {
    const { synth } = synthesize({ allowedExtensions: ['pg_trgm', 'uuid-ossp', 'pgaudit'] });
    expect(serverParameters(synth)['azure.extensions']).toBe('pgaudit,pg_trgm,uuid-ossp');
  });

  test('refuse a name that is not an extension', () => {
    expect(() => synthesize({ allowedExtensions: ['PostGIS 3'] })).toThrow(
      'Invalid allowedExtensions[0]: "PostGIS 3" is not an extension name. Fix: write it as Azure lists it, in lower case, e.g. "pg_trgm" or "uuid-ossp".',
    );
  });
});

describe('dependsOn', () => {
  // A24a-1: validating dependsOn read each item's fqn, which locks cdktf's logical ID: an overrideLogicalId
  // after the construct threw cdktf's AssertionError, where plain cdktf allows it until synth.
  test('a resource, a data source and a module listed in dependsOn may still have their logical ID overridden after, and are waited for', () => {
    const stack = newStack();
    const group = new ResourceGroup(stack, 'rg', { name: 'rg-orders', location: 'westeurope' });
    const client = new DataAzurermClientConfig(stack, 'client', {});
    const module = new TerraformHclModule(stack, 'network', { source: 'Azure/network/azurerm', version: '5.3.0' });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ dependsOn: [group, client, module] }));
    expect(() => group.overrideLogicalId('renamed')).not.toThrow();
    expect(() => client.overrideLogicalId('client_renamed')).not.toThrow();
    expect(() => module.overrideLogicalId('network_renamed')).not.toThrow();
    const synth = synthStack(stack);
    expect(onlyResource(synth, 'azurerm_postgresql_flexible_server').depends_on).toEqual(expect.arrayContaining(['azurerm_resource_group.renamed', 'data.azurerm_client_config.client_renamed', 'module.network_renamed']));
    expect(synth.resource.azurerm_resource_group.renamed).toBeDefined();
  });

  test('an element of another stack listed in dependsOn may still be renamed; the reference goes through its fqn at synth', () => {
    const app = Testing.app();
    const first = providerStack('first', app);
    const second = providerStack('second', app);
    const group = new ResourceGroup(first, 'rg', { name: 'rg-orders', location: 'westeurope' });
    new SecureFlexibleServer(second, 'Postgres', minimalProps({ dependsOn: [group] }));
    expect(() => group.overrideLogicalId('renamed')).not.toThrow();
    app.synth();
    expect(JSON.stringify(synthStack(second))).toContain('renamed');
  });
});
