import { Lazy, TerraformStack, TerraformVariable } from 'cdktf';
import {
  DiagnosticSettings,
  EntraPrincipalType,
  FlexibleServerAuthentication,
  FlexibleServerCustomerManagedKey,
  FlexibleServerSku,
  HighAvailabilityMode,
  MaintenanceWindow,
  PasswordAuthenticationOptions,
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
  resourcesOf,
  serverParameters,
  SynthesizedStack,
  synthFlexible,
  synthStack,
  TENANT_ID,
  thrownBy,
  warningsOf,
  WORKSPACE_ID,
} from '../helpers';
import { FLEXIBLE_SERVER_COLLATIONS } from '../../lib/flexible-server/database-collations';

// Every validated prop of SecureFlexibleServer except `network`: a refused input with its whole
// message, an accepted input that synthesizes, and a Terraform token that is never judged as a literal.

type Overrides = Partial<SecureFlexibleServerProps>;

function build(overrides: Overrides): SynthesizedStack {
  return synthFlexible(minimalProps(overrides));
}

function serverOf(overrides: Overrides) {
  return onlyResource(build(overrides), 'azurerm_postgresql_flexible_server');
}

/** `toThrow(string)` only looks for a substring; an Error makes Jest compare the whole message. */
function exactly(message: string): Error {
  return new Error(message);
}

const JUSTIFICATION_FIX = 'say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03"';
const UUID_FIX = 'give the GUID from Entra ID, e.g. "00000000-0000-0000-0000-000000000000"';
const REASON = 'ephemeral test environment, rebuilt every night';
const OTHER_OBJECT_ID = '12345678-1234-1234-1234-123456789abc';
const OTHER_TENANT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

function admin(overrides: Partial<SecureFlexibleServerProps['entraAdministrators'][number]> = {}) {
  return { objectId: ADMIN_OBJECT_ID, principalName: 'db-admins', principalType: EntraPrincipalType.GROUP, ...overrides };
}

function password(overrides: Partial<PasswordAuthenticationOptions> = {}): FlexibleServerAuthentication {
  return FlexibleServerAuthentication.entraAndPassword({
    administratorLogin: 'pgadmin_ops',
    justification: 'legacy reporting tool cannot use Entra tokens',
    ...overrides,
  });
}

function cmk(overrides: Partial<FlexibleServerCustomerManagedKey> = {}): FlexibleServerCustomerManagedKey {
  return {
    keyVaultKeyId: KEY_ID,
    userAssignedIdentityResourceId: IDENTITY_ID,
    geoBackupKeyVaultKeyId: GEO_KEY_ID,
    geoBackupUserAssignedIdentityResourceId: GEO_IDENTITY_ID,
    ...overrides,
  };
}

test('a refused prop throws a ValidationError that names the prop', () => {
  expect(thrownBy(() => build({ zone: '4' }))).toMatchObject({ name: 'ValidationError', prop: 'zone' });
});

describe('name', () => {
  const fix = 'use 3-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen';

  test('too short', () => {
    expect(() => build({ name: 'ab' })).toThrow(exactly(`Invalid name: "ab" is not a valid server name. Fix: ${fix}.`));
  });

  test('uppercase', () => {
    expect(() => build({ name: 'Orders-db' })).toThrow(exactly(`Invalid name: "Orders-db" is not a valid server name. Fix: ${fix}.`));
  });

  test('leading hyphen', () => {
    expect(() => build({ name: '-orders' })).toThrow(exactly(`Invalid name: "-orders" is not a valid server name. Fix: ${fix}.`));
  });

  test('missing', () => {
    expect(() => build({ name: undefined as unknown as string })).toThrow(
      exactly('Invalid name: (not set) is required. Fix: give a globally unique name, e.g. "orders-prod-pg".'),
    );
  });

  test('3 lowercase characters synthesize', () => {
    expect(serverOf({ name: 'pg1' }).name).toBe('pg1');
  });
});

describe('resourceGroupName', () => {
  const fix = 'use 1-90 letters, digits, "_", "-", ".", "(" or ")", not ending with "."';

  test('ending with "."', () => {
    expect(() => build({ resourceGroupName: 'rg-orders.' })).toThrow(
      exactly(`Invalid resourceGroupName: "rg-orders." is not a valid resource group name. Fix: ${fix}.`),
    );
  });

  test('bad characters', () => {
    expect(() => build({ resourceGroupName: 'rg orders/prod' })).toThrow(
      exactly(`Invalid resourceGroupName: "rg orders/prod" is not a valid resource group name. Fix: ${fix}.`),
    );
  });

  test('letters, digits, "_", "-", ".", "(" and ")" synthesize', () => {
    expect(serverOf({ resourceGroupName: 'rg_orders.prod-(1)' }).resource_group_name).toBe('rg_orders.prod-(1)');
  });
});

describe('location', () => {
  test('empty', () => {
    expect(() => build({ location: '' })).toThrow(exactly('Invalid location: "" is required. Fix: give an Azure region, e.g. "westeurope".'));
  });

  test('a region synthesizes', () => {
    expect(serverOf({ location: 'northeurope' }).location).toBe('northeurope');
  });

  test.each(['West Europe', 'westus2', 'East US 2'])('the region name or display name %j synthesizes', (location) => {
    expect(serverOf({ location }).location).toBe(location);
  });

  test.each(['   ', '\t', '\u200b', 'west-europe', 'westeurope/1', 'westeurope!', '2', 'x'.repeat(61)])('%j is no region name', (location) => {
    expect(thrownBy(() => build({ location }))).toMatchObject({ code: 'LOCATION-FORMAT', prop: 'location' });
  });

  test('blanks', () => {
    expect(() => build({ location: '  ' })).toThrow(exactly('Invalid location: "  " is not an Azure region name. Fix: give a region such as "westeurope" or "West Europe": letters, digits and spaces.'));
  });
});

describe('tenantId', () => {
  test('not a UUID', () => {
    expect(() => build({ tenantId: 'contoso.onmicrosoft.com' })).toThrow(
      exactly(`Invalid tenantId: "contoso.onmicrosoft.com" is not a UUID. Fix: ${UUID_FIX}.`),
    );
  });

  test('missing', () => {
    expect(() => build({ tenantId: undefined as unknown as string })).toThrow(
      exactly('Invalid tenantId: (not set) is required. Fix: give the Entra ID tenant ID.'),
    );
  });

  test('an uppercase UUID synthesizes', () => {
    const tenantId = OTHER_TENANT_ID.toUpperCase();
    expect(serverOf({ tenantId }).authentication.tenant_id).toBe(tenantId);
  });
});

describe('zone', () => {
  test('"4"', () => {
    expect(() => build({ zone: '4' })).toThrow(exactly('Invalid zone: "4" is not an availability zone. Fix: use "1", "2" or "3".'));
  });

  test('"3" synthesizes', () => {
    expect(serverOf({ zone: '3' }).zone).toBe('3');
  });
});

describe('entraAdministrators', () => {
  test('empty list', () => {
    expect(() => build({ entraAdministrators: [] })).toThrow(
      exactly(
        'Invalid entraAdministrators: [] must list at least one Entra administrator. ' +
          'Fix: add { objectId, principalName, principalType: EntraPrincipalType.GROUP } for the group that administers the server.',
      ),
    );
  });

  test('bad objectId', () => {
    expect(() => build({ entraAdministrators: [admin({ objectId: 'db-admins' })] })).toThrow(
      exactly(`Invalid entraAdministrators[0].objectId: "db-admins" is not a UUID. Fix: ${UUID_FIX}.`),
    );
  });

  test('bad tenantId', () => {
    expect(() => build({ entraAdministrators: [admin({ tenantId: 'contoso' })] })).toThrow(
      exactly(`Invalid entraAdministrators[0].tenantId: "contoso" is not a UUID. Fix: ${UUID_FIX}.`),
    );
  });

  test('blank principalName', () => {
    expect(() => build({ entraAdministrators: [admin({ principalName: '   ' })] })).toThrow(
      exactly('Invalid entraAdministrators[0].principalName: "   " is blank. Fix: give the display name of the user, group or application.'),
    );
  });

  test.each([
    ['a line break', 'db\nadmins', 'holds a double quote or a control character'],
    ['NUL', 'db\u0000admins', 'holds a double quote or a control character'],
    ['a double quote', 'db"admins', 'holds a double quote or a control character'],
    ['U+202E', 'db-\u202esnimda', 'holds U+202E, an invisible or bidirectional character, with which the name reads like another'],
    ['U+200B', 'db-admins\u200b', 'holds U+200B, an invisible or bidirectional character, with which the name reads like another'],
    ['a leading space', ' db-admins', 'starts or ends with a space'],
    ['a hair space, which reads as nothing (eleventh review, A11a-7)', 'db\u200aadmins', 'holds U+200A, a space other than U+0020, with which the name reads like another'],
    ['a no-break space, which reads as a space (eleventh review, A11a-7)', 'db\u00a0admins', 'holds U+00A0, a space other than U+0020, with which the name reads like another'],
    ['64 bytes', 'x'.repeat(64), 'is empty or longer than 63 bytes'],
    ['5000 characters', 'x'.repeat(5000), 'is empty or longer than 63 bytes'],
    ['a directive, evaluated by Terraform at apply (adversarial run of stop 67)', 'db-%{if true}admins%{endif}', 'holds "${" or "%{", a template Terraform evaluates at apply time: the name it makes is not the one judged at synth'],
  ])('principalName with %s: Azure makes a PostgreSQL role of it (tenth review, A10a-9)', (_label, principalName, problem) => {
    expect(() => build({ entraAdministrators: [admin({ principalName })] })).toThrow(expect.objectContaining({
      code: 'ENTRA-PRINCIPAL-NAME-FORMAT',
      prop: 'entraAdministrators[0].principalName',
      message: expect.stringContaining(`${problem}. Fix: give the principal's display name, which Azure makes the name of its PostgreSQL role: use 1-63 bytes of visible characters, without double quotes, "\${" or "%{", or surrounding spaces.`),
    }));
  });

  test('a principalName of 63 bytes, of letters of other scripts, or with "@", "." and spaces inside synthesizes', () => {
    for (const principalName of ['x'.repeat(63), 'Équipe des données', 'db admins@contoso.com', 'é'.repeat(31)]) {
      expect(() => build({ entraAdministrators: [admin({ principalName })] })).not.toThrow();
    }
  });

  test('unknown principalType', () => {
    expect(() => build({ entraAdministrators: [admin({ principalType: 'Robot' as EntraPrincipalType })] })).toThrow(
      exactly('Invalid entraAdministrators[0].principalType: "Robot" is not supported. Fix: use EntraPrincipalType.USER, GROUP or SERVICE_PRINCIPAL.'),
    );
  });

  test('the same objectId twice', () => {
    expect(() => build({ entraAdministrators: [admin(), admin({ principalName: 'db-admins-again' })] })).toThrow(
      exactly(`Invalid entraAdministrators[1].objectId: "${ADMIN_OBJECT_ID}" is listed twice. Fix: list each administrator once.`),
    );
  });

  test('the same objectId in another case', () => {
    expect(() => build({ entraAdministrators: [admin({ objectId: OTHER_OBJECT_ID }), admin({ objectId: OTHER_OBJECT_ID.toUpperCase() })] })).toThrow(
      exactly(`Invalid entraAdministrators[1].objectId: "${OTHER_OBJECT_ID.toUpperCase()}" is listed twice. Fix: list each administrator once.`),
    );
  });

  test('two distinct administrators synthesize, the second with the server\'s tenant written in another case', () => {
    const synth = build({
      entraAdministrators: [
        admin(),
        admin({ objectId: OTHER_OBJECT_ID, principalName: 'deploy-pipeline', principalType: EntraPrincipalType.SERVICE_PRINCIPAL, tenantId: TENANT_ID.toUpperCase() }),
      ],
    });
    const admins = resourcesOf(synth, 'azurerm_postgresql_flexible_server_active_directory_administrator');
    expect(admins.map((a) => [a.object_id, a.principal_type, a.tenant_id])).toEqual([
      [ADMIN_OBJECT_ID, 'Group', TENANT_ID],
      [OTHER_OBJECT_ID, 'ServicePrincipal', TENANT_ID.toUpperCase()],
    ]);
  });

  test('an administrator of another tenant', () => {
    expect(() => build({ entraAdministrators: [admin(), admin({ objectId: OTHER_OBJECT_ID, tenantId: OTHER_TENANT_ID })] })).toThrow(
      exactly(`Invalid entraAdministrators[1].tenantId: "${OTHER_TENANT_ID}" is not the server's tenantId "${TENANT_ID}". Fix: leave it out (it defaults to the server's tenantId); a principal of another tenant administers the server as a guest of the server's tenant.`),
    );
  });
});

describe('diagnosticSettings', () => {
  test('missing', () => {
    expect(() => build({ diagnosticSettings: undefined as unknown as DiagnosticSettings })).toThrow(
      exactly(
        'Invalid diagnosticSettings: (not set) is required: audit logs need a destination outside the server. ' +
          'Fix: use DiagnosticSettings.logAnalytics(workspaceResourceId), or DiagnosticSettings.disabled("<why>") to opt out.',
      ),
    );
  });

  test('logAnalytics without a workspace ID, as a JavaScript caller might write it', () => {
    expect(() => build({ diagnosticSettings: DiagnosticSettings.logAnalytics(undefined as unknown as string) })).toThrow(
      exactly('Invalid diagnosticSettings.workspaceResourceId: (not set) is required. Fix: give the resource ID of the Log Analytics workspace.'),
    );
  });

  test('malformed workspace ID', () => {
    expect(() => build({ diagnosticSettings: DiagnosticSettings.logAnalytics('log-central') })).toThrow(
      exactly(
        'Invalid diagnosticSettings.workspaceResourceId: "log-central" is not a Log Analytics workspace resource ID. ' +
          'Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>.',
      ),
    );
  });

  test('disabled with an empty reason', () => {
    expect(() => build({ diagnosticSettings: DiagnosticSettings.disabled('') })).toThrow(
      exactly(`Invalid diagnosticSettings.justification: "" is required to send no diagnostic logs. Fix: ${JUSTIFICATION_FIX}.`),
    );
  });

  test('disabled with a 5-character reason', () => {
    expect(() => build({ diagnosticSettings: DiagnosticSettings.disabled('tests') })).toThrow(
      exactly(`Invalid diagnosticSettings.justification: "tests" is too short to justify the choice to send no diagnostic logs. Fix: ${JUSTIFICATION_FIX}.`),
    );
  });

  test('a workspace ID in lowercase synthesizes', () => {
    const synth = build({ diagnosticSettings: DiagnosticSettings.logAnalytics(WORKSPACE_ID.toLowerCase()) });
    expect(onlyResource(synth, 'azurerm_monitor_diagnostic_setting').log_analytics_workspace_id).toBe(WORKSPACE_ID.toLowerCase());
  });

  test('disabled with a reason: no diagnostic setting', () => {
    const synth = build({ diagnosticSettings: DiagnosticSettings.disabled(REASON) });
    expect(resourcesOf(synth, 'azurerm_monitor_diagnostic_setting')).toHaveLength(0);
  });

  test('disabled with a reason: a warning with the reason', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ diagnosticSettings: DiagnosticSettings.disabled(REASON) }));
    expect(warningsOf(stack)).toContain(
      '[cdktf-azure-postgres:DiagnosticsDisabled] No diagnostic setting: server logs, pgaudit included, are not sent to a Log Analytics workspace. ' +
        `Justification: "${REASON}".`,
    );
  });
});

describe('authentication (entraAndPassword)', () => {
  const prop = 'authentication.entraAndPassword';
  const reservedFix =
    'choose another name: not admin, administrator, root, guest, public, azure_superuser, azure_pg_admin, nor one starting with pg_';

  test.each(['admin', 'Root', 'pg_foo', 'azure_superuser'])('reserved login %s', (login) => {
    expect(() => build({ authentication: password({ administratorLogin: login }) })).toThrow(
      exactly(`Invalid ${prop}.administratorLogin: "${login}" is reserved by Azure. Fix: ${reservedFix}.`),
    );
  });

  test('invalid login "1abc"', () => {
    expect(() => build({ authentication: password({ administratorLogin: '1abc' }) })).toThrow(
      exactly(`Invalid ${prop}.administratorLogin: "1abc" is not a valid login. Fix: use 1-63 letters, digits or "_", starting with a letter or "_".`),
    );
  });

  test('missing justification', () => {
    expect(() => build({ authentication: password({ justification: undefined as unknown as string }) })).toThrow(
      exactly(`Invalid ${prop}.justification: (not set) is required to turn on password authentication. Fix: ${JUSTIFICATION_FIX}.`),
    );
  });

  test('short justification', () => {
    expect(() => build({ authentication: password({ justification: 'legacy' }) })).toThrow(
      exactly(`Invalid ${prop}.justification: "legacy" is too short to justify the choice to turn on password authentication. Fix: ${JUSTIFICATION_FIX}.`),
    );
  });

  test.each([0, 1.5])('passwordVersion %p', (passwordVersion) => {
    expect(() => build({ authentication: password({ passwordVersion }) })).toThrow(
      exactly(`Invalid ${prop}.passwordVersion: ${passwordVersion} is not a whole number of at least 1. Fix: use a whole number such as 1, 2 or 3.`),
    );
  });

  test.each([2 ** 31, 2 ** 53, 2 ** 53 + 2])('passwordVersion %p, beyond the provider\'s 32-bit integer', (passwordVersion) => {
    expect(() => build({ authentication: password({ passwordVersion }) })).toThrow(
      exactly(`Invalid ${prop}.passwordVersion: ${passwordVersion} is above 2147483647, the largest version the provider accepts on every platform (a 32-bit integer). Fix: count versions up from 1: raise it by one to rotate the password.`),
    );
  });

  test('passwordVersion 2147483647, the largest, synthesizes', () => {
    const synth = build({ authentication: password({ passwordVersion: 2 ** 31 - 1 }) });
    expect(onlyResource(synth, 'azurerm_postgresql_flexible_server').administrator_password_wo_version).toBe(2147483647);
  });

  test('malformed keyVaultResourceId', () => {
    expect(() => build({ authentication: password({ keyVaultResourceId: 'kv-postgres' }) })).toThrow(
      exactly(
        `Invalid ${prop}.keyVaultResourceId: "kv-postgres" is not a Key Vault resource ID. ` +
          'Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>.',
      ),
    );
  });

  test('a valid login, version and vault synthesize', () => {
    const synth = build({ authentication: password({ passwordVersion: 2, keyVaultResourceId: KEY_VAULT_ID }) });
    const server = onlyResource(synth, 'azurerm_postgresql_flexible_server');
    expect(server.administrator_login).toBe('pgadmin_ops');
    expect(server.administrator_password_wo_version).toBe(2);
    expect(onlyResource(synth, 'azurerm_key_vault_secret').key_vault_id).toBe(KEY_VAULT_ID);
  });
});

describe('sku', () => {
  const fix = 'use a FlexibleServerSku constant or a name such as "GP_Standard_D2ds_v5" (tier prefix B_, GP_ or MO_, exact case)';

  test.each(['Standard_B1ms', 'GP_Standard_D2s_v5', 'gp_standard_d2ds_v5'])('%s', (name) => {
    expect(() => build({ sku: FlexibleServerSku.of(name) })).toThrow(exactly(`Invalid sku: "${name}" is not a Flexible Server SKU. Fix: ${fix}.`));
  });

  test('a name the provider accepts synthesizes', () => {
    expect(serverOf({ sku: FlexibleServerSku.of('GP_Standard_D16ads_v5') }).sku_name).toBe('GP_Standard_D16ads_v5');
  });
});

describe('version', () => {
  test('"10"', () => {
    expect(() => build({ version: '10' as PostgresVersion })).toThrow(
      exactly('Invalid version: "10" is not supported. Fix: use a PostgresVersion member, e.g. PostgresVersion.V17.'),
    );
  });

  test('V16 synthesizes', () => {
    expect(serverOf({ version: PostgresVersion.V16 }).version).toBe('16');
  });
});

describe('storage', () => {
  test('sizeMb 50000', () => {
    expect(() => build({ storage: { sizeMb: 50000 } })).toThrow(
      exactly(
        'Invalid storage.sizeMb: 50000 is not a Flexible Server storage size. ' +
          'Fix: use one of 32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4193280, 4194304, 8388608, 16777216, 33553408 (MiB).',
      ),
    );
  });

  test('tier P4 with 1048576 MiB', () => {
    expect(() => build({ storage: { sizeMb: 1048576, tier: StorageTier.P4 } })).toThrow(
      exactly('Invalid storage.tier: "P4" does not suit 1048576 MiB of storage. Fix: use one of P30, P40, P50, or change sizeMb.'),
    );
  });

  test('tier P60 with the default size', () => {
    expect(() => build({ storage: { tier: StorageTier.P60 } })).toThrow(
      exactly('Invalid storage.tier: "P60" does not suit the default 32768 MiB of storage. Fix: use one of P4, P6, P10, P15, P20, P30, P40, P50, or change sizeMb.'),
    );
  });

  test('a tier that suits the size synthesizes', () => {
    const server = serverOf({ storage: { sizeMb: 8388608, tier: StorageTier.P60 } });
    expect([server.storage_mb, server.storage_tier]).toEqual([8388608, 'P60']);
  });
});

describe('tls', () => {
  test('maxVersion below minVersion', () => {
    expect(() => build({ tls: { minVersion: TlsVersion.TLS1_3, maxVersion: TlsVersion.TLS1_2 } })).toThrow(
      exactly('Invalid tls.maxVersion: "TLSv1.2" is lower than minVersion "TLSv1.3". Fix: raise maxVersion or leave it out.'),
    );
  });

  test('minVersion "TLSv1.1"', () => {
    expect(() => build({ tls: { minVersion: 'TLSv1.1' as TlsVersion } })).toThrow(
      exactly('Invalid tls.minVersion: "TLSv1.1" is not supported. Fix: use TlsVersion.TLS1_2 or TlsVersion.TLS1_3; TLS 1.0 and 1.1 are not offered.'),
    );
  });

  test('TLS 1.3 only synthesizes', () => {
    const parameters = serverParameters(build({ tls: { minVersion: TlsVersion.TLS1_3, maxVersion: TlsVersion.TLS1_3 } }));
    expect([parameters.ssl_min_protocol_version, parameters.ssl_max_protocol_version]).toEqual(['TLSv1.3', 'TLSv1.3']);
  });
});

describe('auditLogging', () => {
  test('empty pgauditLogClasses', () => {
    expect(() => build({ auditLogging: { pgauditLogClasses: [] } })).toThrow(
      exactly(
        'Invalid auditLogging.pgauditLogClasses: [] is empty, which would turn auditing off. ' +
          'Fix: list at least one class, e.g. [PgAuditLogClass.DDL, PgAuditLogClass.ROLE].',
      ),
    );
  });

  test('"none"', () => {
    expect(() => build({ auditLogging: { pgauditLogClasses: ['none' as PgAuditLogClass] } })).toThrow(
      exactly(
        'Invalid auditLogging.pgauditLogClasses[0]: "none" is not a pgaudit class. ' +
          'Fix: use PgAuditLogClass members (read, write, function, role, ddl, misc, all); "none" and "-class" exclusions are not accepted.',
      ),
    );
  });

  test('a class twice', () => {
    expect(() => build({ auditLogging: { pgauditLogClasses: [PgAuditLogClass.DDL, PgAuditLogClass.ROLE, PgAuditLogClass.DDL] } })).toThrow(
      exactly('Invalid auditLogging.pgauditLogClasses: ["ddl","role","ddl"] lists "ddl" twice. Fix: list each class once.'),
    );
  });

  test('distinct classes synthesize', () => {
    const parameters = serverParameters(build({ auditLogging: { pgauditLogClasses: [PgAuditLogClass.WRITE, PgAuditLogClass.DDL], justification: REASON } }));
    expect(parameters['pgaudit.log']).toBe('write,ddl');
  });
});

describe('backup', () => {
  test.each([6, 36])('retentionDays %p', (retentionDays) => {
    expect(() => build({ backup: { retentionDays, justification: REASON } })).toThrow(
      exactly(`Invalid backup.retentionDays: ${retentionDays} is outside 7..35. Fix: use a whole number from 7 to 35.`),
    );
  });

  test('retentionDays 7.5', () => {
    expect(() => build({ backup: { retentionDays: 7.5, justification: REASON } })).toThrow(
      exactly('Invalid backup.retentionDays: 7.5 is not a whole number. Fix: use a whole number from 7 to 35.'),
    );
  });

  const weakened = `Invalid backup.justification: (not set) is required to turn off geo-redundant backup or keep backups under 35 days. Fix: ${JUSTIFICATION_FIX}.`;

  test('geoRedundantBackup false without justification', () => {
    expect(() => build({ backup: { geoRedundantBackup: false } })).toThrow(exactly(weakened));
  });

  test('retentionDays 14 without justification', () => {
    expect(() => build({ backup: { retentionDays: 14 } })).toThrow(exactly(weakened));
  });

  test('retentionDays 14 with justification synthesizes', () => {
    expect(serverOf({ backup: { retentionDays: 14, justification: REASON } }).backup_retention_days).toBe(14);
  });

  test('geoRedundantBackup false with justification synthesizes', () => {
    expect(serverOf({ backup: { geoRedundantBackup: false, justification: REASON } }).geo_redundant_backup_enabled).toBe(false);
  });

  test('a justified weaker backup warns with the reason', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ backup: { retentionDays: 14, justification: REASON } }));
    expect(warningsOf(stack)).toContain(
      `[cdktf-azure-postgres:BackupWeakened] Backup is weaker than the default: backups are kept 14 days. Justification: "${REASON}".`,
    );
  });
});

describe('highAvailability', () => {
  const burstableFix = 'choose a General Purpose or Memory Optimized SKU, or HighAvailabilityMode.DISABLED';

  test('ZONE_REDUNDANT on a Burstable SKU', () => {
    expect(() => build({ sku: FlexibleServerSku.B_STANDARD_B1MS, highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT } })).toThrow(
      exactly(`Invalid highAvailability.mode: "ZoneRedundant" is not available on Burstable SKUs. Fix: ${burstableFix}.`),
    );
  });

  test('SAME_ZONE on a Burstable SKU', () => {
    const highAvailability = { mode: HighAvailabilityMode.SAME_ZONE, justification: REASON };
    expect(() => build({ sku: FlexibleServerSku.B_STANDARD_B2MS, highAvailability })).toThrow(
      exactly(`Invalid highAvailability.mode: "SameZone" is not available on Burstable SKUs. Fix: ${burstableFix}.`),
    );
  });

  test('DISABLED without justification', () => {
    expect(() => build({ highAvailability: { mode: HighAvailabilityMode.DISABLED } })).toThrow(
      exactly(
        `Invalid highAvailability.justification: (not set) is required to run without zone-redundant high availability (mode Disabled). Fix: ${JUSTIFICATION_FIX}.`,
      ),
    );
  });

  test('a standby zone with DISABLED', () => {
    const highAvailability = { mode: HighAvailabilityMode.DISABLED, standbyAvailabilityZone: '2', justification: REASON };
    expect(() => build({ highAvailability })).toThrow(
      exactly('Invalid highAvailability.standbyAvailabilityZone: "2" has no standby to place. Fix: remove it, or choose a high-availability mode.'),
    );
  });

  test('a standby zone equal to zone', () => {
    expect(() => build({ zone: '1', highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT, standbyAvailabilityZone: '1' } })).toThrow(
      exactly('Invalid highAvailability.standbyAvailabilityZone: "1" is the primary\'s zone. Fix: pick another zone, or use HighAvailabilityMode.SAME_ZONE.'),
    );
  });

  test('SAME_ZONE with a standby in another zone', () => {
    const highAvailability = { mode: HighAvailabilityMode.SAME_ZONE, standbyAvailabilityZone: '2', justification: REASON };
    expect(() => build({ zone: '1', highAvailability })).toThrow(
      exactly('Invalid highAvailability.standbyAvailabilityZone: "2" differs from the primary\'s zone "1", which SAME_ZONE keeps the standby in. Fix: leave it out, or use HighAvailabilityMode.ZONE_REDUNDANT.'),
    );
  });

  test('standby zone "4"', () => {
    expect(() => build({ highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT, standbyAvailabilityZone: '4' } })).toThrow(
      exactly('Invalid highAvailability.standbyAvailabilityZone: "4" is not an availability zone. Fix: use "1", "2" or "3".'),
    );
  });

  test('ZONE_REDUNDANT with another standby zone synthesizes', () => {
    const server = serverOf({ zone: '1', highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT, standbyAvailabilityZone: '2' } });
    expect(server.high_availability).toEqual({ mode: 'ZoneRedundant', standby_availability_zone: '2' });
  });

  test('SAME_ZONE with the standby in the primary zone synthesizes', () => {
    const highAvailability = { mode: HighAvailabilityMode.SAME_ZONE, standbyAvailabilityZone: '1', justification: REASON };
    expect(serverOf({ zone: '1', highAvailability }).high_availability).toEqual({ mode: 'SameZone', standby_availability_zone: '1' });
  });

  test('DISABLED with justification on a Burstable SKU synthesizes', () => {
    const server = serverOf({ sku: FlexibleServerSku.B_STANDARD_B1MS, highAvailability: { mode: HighAvailabilityMode.DISABLED, justification: REASON } });
    expect(server.high_availability).toBeUndefined();
  });
});

describe('customerManagedKey', () => {
  const geoMissing =
    'is required: geo-redundant backups are encrypted with a key and identity in the paired region. ' +
    'Fix: give a key and a second user-assigned identity in the geo-backup region';

  test('malformed key URL', () => {
    const url = 'http://kv-postgres.vault.azure.net/keys/postgres-cmk';
    expect(() => build({ customerManagedKey: cmk({ keyVaultKeyId: url }) })).toThrow(
      exactly(
        `Invalid customerManagedKey.keyVaultKeyId: "${url}" is not a Key Vault key ID. ` +
          'Fix: give the key ID, https://<vault>.vault.azure.net/keys/<name>[/<version>] (versionless keys rotate automatically).',
      ),
    );
  });

  test('malformed identity ID', () => {
    expect(() => build({ customerManagedKey: cmk({ userAssignedIdentityResourceId: 'id-postgres' }) })).toThrow(
      exactly(
        'Invalid customerManagedKey.userAssignedIdentityResourceId: "id-postgres" is not a user-assigned identity resource ID. ' +
          'Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>.',
      ),
    );
  });

  test('geo-redundant backup without a geo key', () => {
    expect(() => build({ customerManagedKey: cmk({ geoBackupKeyVaultKeyId: undefined }) })).toThrow(
      exactly(`Invalid customerManagedKey.geoBackupKeyVaultKeyId: (not set) ${geoMissing}.`),
    );
  });

  test('geo-redundant backup without a geo identity', () => {
    expect(() => build({ customerManagedKey: cmk({ geoBackupUserAssignedIdentityResourceId: undefined }) })).toThrow(
      exactly(`Invalid customerManagedKey.geoBackupUserAssignedIdentityResourceId: (not set) ${geoMissing}.`),
    );
  });

  test('the geo identity equal to the primary one', () => {
    expect(() => build({ customerManagedKey: cmk({ geoBackupUserAssignedIdentityResourceId: IDENTITY_ID }) })).toThrow(
      exactly(
        `Invalid customerManagedKey.geoBackupUserAssignedIdentityResourceId: "${IDENTITY_ID}" is the primary identity; ` +
          'Azure requires a separate identity in the geo-backup region. Fix: create a second user-assigned identity in the paired region.',
      ),
    );
  });

  test('a primary and a geo key with their own identities synthesize', () => {
    const server = serverOf({ customerManagedKey: cmk() });
    expect(server.customer_managed_key).toEqual({
      key_vault_key_id: KEY_ID,
      primary_user_assigned_identity_id: IDENTITY_ID,
      geo_backup_key_vault_key_id: GEO_KEY_ID,
      geo_backup_user_assigned_identity_id: GEO_IDENTITY_ID,
    });
    expect(server.identity).toEqual({ type: 'UserAssigned', identity_ids: [IDENTITY_ID, GEO_IDENTITY_ID] });
  });

  test('without geo-redundant backup no geo key is needed', () => {
    const customerManagedKey = { keyVaultKeyId: KEY_ID, userAssignedIdentityResourceId: IDENTITY_ID };
    const server = serverOf({ customerManagedKey, backup: { geoRedundantBackup: false, justification: REASON } });
    expect(server.customer_managed_key).toEqual({ key_vault_key_id: KEY_ID, primary_user_assigned_identity_id: IDENTITY_ID });
  });
});

describe('deletionProtection', () => {
  test('preventDestroy false without justification', () => {
    expect(() => build({ deletionProtection: { preventDestroy: false } })).toThrow(
      exactly(`Invalid deletionProtection.justification: (not set) is required to allow the server to be destroyed. Fix: ${JUSTIFICATION_FIX}.`),
    );
  });

  test('preventDestroy false with justification: prevent_destroy is false', () => {
    expect(serverOf({ deletionProtection: { preventDestroy: false, justification: REASON } }).lifecycle.prevent_destroy).toBe(false);
  });

  test('preventDestroy false with justification: a warning with the reason', () => {
    const stack = newStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ deletionProtection: { preventDestroy: false, justification: REASON } }));
    expect(warningsOf(stack)).toContain(
      `[cdktf-azure-postgres:DestroyAllowed] prevent_destroy is off: a plan may delete or replace the server and its data. Justification: "${REASON}".`,
    );
  });
});

describe('maintenanceWindow', () => {
  test('dayOfWeek 7', () => {
    expect(() => build({ maintenanceWindow: { dayOfWeek: 7 } })).toThrow(
      exactly('Invalid maintenanceWindow.dayOfWeek: 7 is outside 0..6. Fix: use a whole number from 0 to 6.'),
    );
  });

  test('startHour 24', () => {
    expect(() => build({ maintenanceWindow: { dayOfWeek: 0, startHour: 24 } })).toThrow(
      exactly('Invalid maintenanceWindow.startHour: 24 is outside 0..23. Fix: use a whole number from 0 to 23.'),
    );
  });

  test('startMinute -1', () => {
    expect(() => build({ maintenanceWindow: { dayOfWeek: 0, startMinute: -1 } })).toThrow(
      exactly('Invalid maintenanceWindow.startMinute: -1 is outside 0..59. Fix: use a whole number from 0 to 59.'),
    );
  });

  test('dayOfWeek missing', () => {
    expect(() => build({ maintenanceWindow: { startHour: 2 } as unknown as MaintenanceWindow })).toThrow(
      exactly('Invalid maintenanceWindow.dayOfWeek: (not set) is required. Fix: give a day from 0 (Sunday) to 6 (Saturday).'),
    );
  });

  test('Sunday 23:59 synthesizes', () => {
    const server = serverOf({ maintenanceWindow: { dayOfWeek: 0, startHour: 23, startMinute: 59 } });
    expect(server.maintenance_window).toEqual({ day_of_week: 0, start_hour: 23, start_minute: 59 });
  });
});

describe('databases', () => {
  const collationFix = 'write it as Azure names it, e.g. "en_US.utf8", "C" or "de-DE-x-icu" (not "en_US.UTF-8")';

  function databaseOf(options: { name: string; charset?: string; collation?: string }) {
    return onlyResource(build({ databases: [options] }), 'azurerm_postgresql_flexible_server_database');
  }

  test('name "1db"', () => {
    expect(() => build({ databases: [{ name: '1db' }] })).toThrow(
      exactly('Invalid databases[0].name: "1db" is not a valid database name. Fix: use 1-63 letters, digits, "-" or "_", not starting with a digit.'),
    );
  });

  test('reserved name "postgres"', () => {
    expect(() => build({ databases: [{ name: 'postgres' }] })).toThrow(
      exactly('Invalid databases[0].name: "postgres" is a database Azure creates and manages itself. Fix: choose another name.'),
    );
  });

  test('duplicate name', () => {
    expect(() => build({ databases: [{ name: 'app' }, { name: 'app' }] })).toThrow(
      exactly('Invalid databases[1].name: "app" is listed twice. Fix: list each database once.'),
    );
  });

  test('charset "UTF-8"', () => {
    expect(() => build({ databases: [{ name: 'app', charset: 'UTF-8' }] })).toThrow(
      exactly('Invalid databases[0].charset: "UTF-8" is not a PostgreSQL server encoding. Fix: use one such as "UTF8", "LATIN1" or "WIN1252" (any case).'),
    );
  });

  test('charset "utf-8" is shown as written', () => {
    expect(() => build({ databases: [{ name: 'app', charset: 'utf-8' }] })).toThrow(
      exactly('Invalid databases[0].charset: "utf-8" is not a PostgreSQL server encoding. Fix: use one such as "UTF8", "LATIN1" or "WIN1252" (any case).'),
    );
  });

  test.each(['en_US.UTF-8', 'en-US'])('collation %s', (collation) => {
    expect(() => build({ databases: [{ name: 'app', collation }] })).toThrow(
      exactly(`Invalid databases[0].collation: "${collation}" is not a collation Flexible Server knows. Fix: ${collationFix}.`),
    );
  });

  test.each(['en_US.utf8', 'C', 'de-DE-x-icu'])('collation %s synthesizes', (collation) => {
    expect(databaseOf({ name: 'app', collation }).collation).toBe(collation);
  });

  test('lowercase charset "utf8" synthesizes', () => {
    expect(databaseOf({ name: 'app', charset: 'utf8' }).charset).toBe('utf8');
  });

  test('collation "de_DE@euro" (in the provider\'s list) synthesizes with LATIN9', () => {
    expect(databaseOf({ name: 'app', charset: 'LATIN9', collation: 'de_DE@euro' }).collation).toBe('de_DE@euro');
  });

  // The provider's list is exact: a name of the right shape that is not on it is refused.
  test.each(['en_us.utf8', 'xx_XX.utf8', 'de-DE', 'de_DE.UTF8', 'C.utf8', 'en-US-x-icu-2'])('collation %j, not in the provider\'s list', (collation) => {
    expect(thrownBy(() => build({ databases: [{ name: 'app', collation }] }))).toMatchObject({ code: 'DATABASE-COLLATION', prop: 'databases[0].collation' });
  });

  test.each(['sr-Latn-RS-x-icu', 'yue-Hant-HK-x-icu', 'tcy_IN', 'aa_ER@saaho', 'C.UTF-8', 'ucs_basic'])('collation %j, in the provider\'s list, synthesizes', (collation) => {
    expect(databaseOf({ name: 'app', collation }).collation).toBe(collation);
  });

  test('the list is the provider\'s: 1,228 names, 723 of them ICU collations', () => {
    expect(FLEXIBLE_SERVER_COLLATIONS.size).toBe(1228);
    expect([...FLEXIBLE_SERVER_COLLATIONS].filter((name) => name.endsWith('-x-icu'))).toHaveLength(723);
  });

  test.each(['BIG5', 'GB18030', 'GBK', 'JOHAB', 'SHIFT_JIS_2004', 'SJIS', 'uhc'])('client-only charset %s, which PostgreSQL cannot create a database with', (charset) => {
    expect(thrownBy(() => build({ databases: [{ name: 'app', charset, collation: 'C' }] }))).toMatchObject({ code: 'DATABASE-CHARSET', prop: 'databases[0].charset' });
  });

  // Measured with PostgreSQL 15 (see lib/flexible-server/database-encodings.ts).
  test.each<[string | undefined, string | undefined, string]>([
    ['LATIN1', undefined, 'databases[0].charset'],
    ['WIN1252', 'en_US.utf8', 'databases[0].charset'],
    ['latin9', 'C.UTF-8', 'databases[0].charset'],
    ['UTF8', 'en_US.latin1', 'databases[0].charset'],
    [undefined, 'en_US.latin1', 'databases[0].collation'],
    ['SQL_ASCII', 'de-DE-x-icu', 'databases[0].charset'],
    ['mule_internal', 'und-x-icu', 'databases[0].charset'],
    ['WIN874', 'th-TH-x-icu', 'databases[0].charset'],
    ['LATIN10', 'ro-RO-x-icu', 'databases[0].charset'],
  ])('charset %s with collation %s, which PostgreSQL refuses', (charset, collation, prop) => {
    expect(thrownBy(() => build({ databases: [{ name: 'app', charset, collation }] }))).toMatchObject({ code: 'DATABASE-CHARSET-COLLATION', prop });
  });

  test.each<[string | undefined, string | undefined]>([
    [undefined, undefined],
    ['UTF8', 'de_DE.utf8'],
    ['SQL_ASCII', 'en_US.utf8'],
    ['LATIN1', 'en_US.latin1'],
    ['LATIN1', 'C'],
    ['KOI8R', 'POSIX'],
    ['LATIN1', 'de-DE-x-icu'],
    ['EUC_JP', 'ja_JP'],
    ['UTF8', 'en_US'],
  ])('charset %s with collation %s synthesizes', (charset, collation) => {
    expect(databaseOf({ name: 'app', charset, collation })).toMatchObject({ charset: charset ?? 'UTF8', collation: collation ?? 'en_US.utf8' });
  });

  test('the whole message of a mismatch with the default collation', () => {
    expect(() => build({ databases: [{ name: 'app', charset: 'LATIN1' }] })).toThrow(
      exactly('Invalid databases[0].charset: "LATIN1" does not suit the default collation "en_US.utf8": PostgreSQL refuses a database whose encoding does not match the collation\'s code set (UTF8). Fix: use charset "UTF8", or another collation.'),
    );
  });
});

describe('tags', () => {
  function manyTags(count: number): { [key: string]: string } {
    return Object.fromEntries(Array.from({ length: count }, (_, i) => [`tag${i}`, 'x']));
  }

  test('51 tags', () => {
    expect(() => build({ tags: manyTags(51) })).toThrow(exactly('Invalid tags: 51 tags are more than Azure allows (50). Fix: keep at most 50 tags.'));
  });

  test('a 257-character value', () => {
    const value = 'v'.repeat(257);
    expect(() => build({ tags: { owner: value } })).toThrow(
      exactly(`Invalid tags.owner: "${value}" is longer than 256 characters. Fix: shorten the value.`),
    );
  });

  test.each(['', 'cost/center', '<owner>', 'a>b', '100%', 'R&D', 'c:\\path', 'why?'])('a tag named %j, which Azure refuses', (key) => {
    expect(thrownBy(() => build({ tags: { [key]: 'x' } }))).toMatchObject({ code: 'TAGS-KEY', prop: 'tags key' });
  });

  test('the whole message of a forbidden character', () => {
    expect(() => build({ tags: { 'R&D': 'x' } })).toThrow(exactly('Invalid tags key: "R&D" holds "&", which Azure does not allow in a tag name. Fix: name the tag with 1-512 characters, none of < > % & \\ ? /.'));
  });

  test('tag names with spaces, dots, colons, dashes and other letters synthesize', () => {
    const tags = { 'cost center': 'a', 'app.tier': 'b', 'team:owner': 'c', 'data-class': 'd', 'Eigentümer': 'e' };
    expect(serverOf({ tags }).tags).toEqual(tags);
  });

  test('50 tags with a 256-character value synthesize', () => {
    const tags = { ...manyTags(49), owner: 'v'.repeat(256) };
    expect(serverOf({ tags }).tags).toEqual(tags);
  });
});

/** Makes the one Terraform variable `v` of a stack, as a string or a number token. */
class Variable {
  constructor(private readonly stack: TerraformStack) {}

  public string(): string {
    return new TerraformVariable(this.stack, 'v', { type: 'string' }).stringValue;
  }

  public number(): number {
    return new TerraformVariable(this.stack, 'v', { type: 'number' }).numberValue;
  }
}

function synthWithVariable(make: (v: Variable) => Overrides): SynthesizedStack {
  const stack = newStack();
  new SecureFlexibleServer(stack, 'Postgres', minimalProps(make(new Variable(stack))));
  return synthStack(stack);
}

describe('a Terraform variable instead of a literal synthesizes and reaches the resources', () => {
  const cases: Array<[string, (v: Variable) => Overrides]> = [
    ['name', (v) => ({ name: v.string() })],
    ['resourceGroupName', (v) => ({ resourceGroupName: v.string() })],
    ['location', (v) => ({ location: v.string() })],
    ['tenantId', (v) => ({ tenantId: v.string() })],
    ['zone', (v) => ({ zone: v.string() })],
    ['entraAdministrators[0].objectId', (v) => ({ entraAdministrators: [admin({ objectId: v.string() })] })],
    ['entraAdministrators[0].principalName', (v) => ({ entraAdministrators: [admin({ principalName: v.string() })] })],
    ['entraAdministrators[0].principalType', (v) => ({ entraAdministrators: [admin({ principalType: v.string() as EntraPrincipalType })] })],
    ['entraAdministrators[0].tenantId', (v) => ({ entraAdministrators: [admin({ tenantId: v.string() })] })],
    ['diagnosticSettings workspace ID', (v) => ({ diagnosticSettings: DiagnosticSettings.logAnalytics(v.string()) })],
    ['authentication administratorLogin', (v) => ({ authentication: password({ administratorLogin: v.string() }) })],
    ['authentication passwordVersion', (v) => ({ authentication: password({ passwordVersion: v.number() }) })],
    ['authentication keyVaultResourceId', (v) => ({ authentication: password({ keyVaultResourceId: v.string() }) })],
    ['sku', (v) => ({ sku: FlexibleServerSku.of(v.string()) })],
    ['storage.sizeMb', (v) => ({ storage: { sizeMb: v.number() } })],
    ['storage.sizeMb next to a tier', (v) => ({ storage: { sizeMb: v.number(), tier: StorageTier.P60 } })],
    ['storage.tier', (v) => ({ storage: { tier: v.string() as StorageTier } })],
    [
      'highAvailability.standbyAvailabilityZone',
      (v) => ({ zone: '1', highAvailability: { mode: HighAvailabilityMode.ZONE_REDUNDANT, standbyAvailabilityZone: v.string() } }),
    ],
    ['customerManagedKey.keyVaultKeyId', (v) => ({ customerManagedKey: cmk({ keyVaultKeyId: v.string() }) })],
    ['customerManagedKey.userAssignedIdentityResourceId', (v) => ({ customerManagedKey: cmk({ userAssignedIdentityResourceId: v.string() }) })],
    ['customerManagedKey.geoBackupKeyVaultKeyId', (v) => ({ customerManagedKey: cmk({ geoBackupKeyVaultKeyId: v.string() }) })],
    [
      'customerManagedKey.geoBackupUserAssignedIdentityResourceId',
      (v) => ({ customerManagedKey: cmk({ geoBackupUserAssignedIdentityResourceId: v.string() }) }),
    ],
    ['maintenanceWindow.dayOfWeek', (v) => ({ maintenanceWindow: { dayOfWeek: v.number() } })],
    ['maintenanceWindow.startHour', (v) => ({ maintenanceWindow: { dayOfWeek: 0, startHour: v.number() } })],
    ['maintenanceWindow.startMinute', (v) => ({ maintenanceWindow: { dayOfWeek: 0, startMinute: v.number() } })],
    ['databases[0].name', (v) => ({ databases: [{ name: v.string() }] })],
    ['databases[0].charset', (v) => ({ databases: [{ name: 'app', charset: v.string() }] })],
    ['databases[0].collation', (v) => ({ databases: [{ name: 'app', collation: v.string() }] })],
    ['a tag value', (v) => ({ tags: { owner: v.string() } })],
  ];

  test.each(cases)('%s', (_, make) => {
    expect(JSON.stringify(synthWithVariable(make).resource)).toContain('${var.v}');
  });
});

const TOKEN_PROBLEM = 'is a Terraform token, known only at apply time: a security setting known only then could weaken the server with no justification and no warning (Terraform itself refuses a variable in prevent_destroy)';
const LITERAL_FIX = 'choose per environment in your code, not in a Terraform variable';

describe('a Terraform variable in a security setting is refused: it could weaken the server unseen', () => {
  const boolean = (stack: TerraformStack) => new TerraformVariable(stack, 'v', { type: 'bool' }).booleanValue as unknown as boolean;
  const cases: Array<[string, (v: Variable, stack: TerraformStack) => Overrides, string]> = [
    // A major out of standard support is refused as a literal (A79-55).
    ['version', (v) => ({ version: v.string() as PostgresVersion }), 'a PostgresVersion member as a literal, e.g. PostgresVersion.V17'],
    ['tls.minVersion', (v) => ({ tls: { minVersion: v.string() as TlsVersion } }), 'a TlsVersion member as a literal, e.g. TlsVersion.TLS1_2'],
    ['tls.maxVersion', (v) => ({ tls: { maxVersion: v.string() as TlsVersion } }), 'a TlsVersion member as a literal, e.g. TlsVersion.TLS1_2'],
    ['auditLogging.pgauditLogClasses[0]', (v) => ({ auditLogging: { pgauditLogClasses: [v.string() as PgAuditLogClass] } }), 'a PgAuditLogClass member as a literal, e.g. PgAuditLogClass.DDL'],
    ['backup.retentionDays', (v) => ({ backup: { retentionDays: v.number() } }), 'a number as a literal'],
    ['backup.geoRedundantBackup', (_, stack) => ({ backup: { geoRedundantBackup: boolean(stack) } }), 'true or false as a literal'],
    ['highAvailability.mode', (v) => ({ highAvailability: { mode: v.string() as HighAvailabilityMode, justification: REASON } }), 'a HighAvailabilityMode member as a literal, e.g. HighAvailabilityMode.ZONE_REDUNDANT'],
    ['deletionProtection.preventDestroy', (_, stack) => ({ deletionProtection: { preventDestroy: boolean(stack) } }), 'true or false as a literal'],
    ['deletionProtection.lock', (_, stack) => ({ deletionProtection: { lock: boolean(stack) } }), 'true or false as a literal'],
    ['storage.autoGrow', (_, stack) => ({ storage: { autoGrow: boolean(stack) } }), 'true or false as a literal'],
  ];

  test.each(cases)('%s', (prop, make, expected) => {
    const stack = newStack();
    // A string token shows quoted, as the string it is; a number or boolean token bare.
    const shown = expected.startsWith('a number') || expected.startsWith('true') ? '${…}' : '"${…}"';
    expect(() => new SecureFlexibleServer(stack, 'Postgres', minimalProps(make(new Variable(stack), stack)))).toThrow(
      exactly(`Invalid ${prop}: ${shown} ${TOKEN_PROBLEM}. Fix: give ${expected}; ${LITERAL_FIX}.`),
    );
  });

  test('a list variable as auditLogging.pgauditLogClasses', () => {
    const stack = newStack();
    const classes = new TerraformVariable(stack, 'v', { type: 'list(string)' }).listValue as PgAuditLogClass[];
    expect(() => new SecureFlexibleServer(stack, 'Postgres', minimalProps({ auditLogging: { pgauditLogClasses: classes } }))).toThrow(
      exactly(`Invalid auditLogging.pgauditLogClasses: ["\${…}"] ${TOKEN_PROBLEM}. Fix: give a list of PgAuditLogClass members as a literal; ${LITERAL_FIX}.`),
    );
  });
});

describe('a justification that is a Terraform token is refused: a reviewer must read it at synth', () => {
  const fix = 'write the reason as literal text of at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03"';
  const cases: Array<[string, (reason: string) => Overrides]> = [
    ['diagnosticSettings.justification', (why) => ({ diagnosticSettings: DiagnosticSettings.disabled(why) })],
    ['authentication.entraAndPassword.justification', (why) => ({ authentication: password({ justification: why }) })],
    ['backup.justification', (why) => ({ backup: { retentionDays: 14, justification: why } })],
    ['highAvailability.justification', (why) => ({ highAvailability: { mode: HighAvailabilityMode.DISABLED, justification: why } })],
    ['deletionProtection.justification', (why) => ({ deletionProtection: { preventDestroy: false, justification: why } })],
  ];

  test.each(cases)('%s, a variable', (prop, make) => {
    const stack = newStack();
    expect(() => new SecureFlexibleServer(stack, 'Postgres', minimalProps(make(new Variable(stack).string())))).toThrow(
      exactly(`Invalid ${prop}: "\${…}" is a Terraform token, known only at apply time, not text a reviewer can read at synth. Fix: ${fix}.`),
    );
  });

  test.each(cases)('%s, a Lazy that resolves to ""', (prop, make) => {
    expect(() => build(make(Lazy.stringValue({ produce: () => '' })))).toThrow(
      exactly(`Invalid ${prop}: "\${…}" is a Terraform token, known only at apply time, not text a reviewer can read at synth. Fix: ${fix}.`),
    );
  });

  test('even when no weaker choice needs it: a token reason is never written anywhere', () => {
    expect(() => build(make(new Variable(newStack()).string()))).toThrow(expect.objectContaining({ code: 'JUSTIFICATION-TOKEN', prop: 'backup.justification' }));
    function make(why: string): Overrides {
      return { backup: { justification: why } };
    }
  });
});

describe('a justification a reviewer cannot read is refused', () => {
  test.each<[string, string]>([
    ['ten zero-width spaces', '\u200b'.repeat(10)],
    ['blanks and a non-breaking space', '   \u00a0\t\n   '],
  ])('%s', (_, why) => {
    expect(thrownBy(() => build({ deletionProtection: { preventDestroy: false, justification: why } }))).toMatchObject({ code: 'JUSTIFICATION-MISSING', prop: 'deletionProtection.justification' });
  });

  test('nine visible characters padded with zero-width spaces', () => {
    const why = `ticket-42${'\u200b'.repeat(20)}`;
    expect(() => build({ deletionProtection: { preventDestroy: false, justification: why } })).toThrow(
      exactly(`Invalid deletionProtection.justification: "ticket-42${'\\u{200b}'.repeat(20)}" holds U+200B, a control, line break or invisible character, which would hide or forge text in the warning and the security report. Fix: write the reason on one line in characters a reader sees, e.g. "SEC-123: accepted by the security team until 2027-03".`),
    );
  });

  test('ten dots: only letters and digits count', () => {
    expect(() => build({ deletionProtection: { preventDestroy: false, justification: '..........' } })).toThrow(
      exactly(`Invalid deletionProtection.justification: ".........." is too short to justify the choice to allow the server to be destroyed. Fix: ${JUSTIFICATION_FIX}.`),
    );
  });

  test('a Terraform template written as text', () => {
    expect(() => build({ deletionProtection: { preventDestroy: false, justification: 'approved in ${var.ticket} by the security team' } })).toThrow(
      exactly('Invalid deletionProtection.justification: "approved in ${var.ticket} by the security team" holds a Terraform expression ("${" or "%{"), which the warning and the security report would show unresolved. Fix: write the reason as plain text, e.g. "SEC-123: accepted by the security team until 2027-03".'),
    );
  });
});

describe('after a validation error nothing is written', () => {
  test.each<[string, Overrides]>([
    ['name (checked first)', { name: 'Orders' }],
    ['customerManagedKey', { authentication: password(), customerManagedKey: cmk({ geoBackupKeyVaultKeyId: undefined }) }],
    ['tags (checked last)', { databases: [{ name: 'app' }], tags: { owner: 'v'.repeat(257) } }],
  ])('%s', (_, overrides) => {
    const stack = newStack();
    expect(thrownBy(() => new SecureFlexibleServer(stack, 'Postgres', minimalProps(overrides)))).toMatchObject({ name: 'ValidationError' });
    expect(synthStack(stack).resource ?? {}).toEqual({});
  });
});
