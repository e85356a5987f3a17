import { Lazy, TerraformStack, TerraformVariable, Token } from 'cdktf';
import {
  DiagnosticSettings,
  EntraAdministrator,
  EntraPrincipalType,
  PgAuditLogClass,
  SecureSingleServer,
  SecureSingleServerProps,
  SingleServerAdoption,
  SingleServerNetwork,
  SingleServerPublicAccessOptions,
  SingleServerSku,
  SingleServerVersion,
} from '../../lib';
import {
  ADMIN_OBJECT_ID,
  KEY_VAULT_ID,
  newStack,
  onlyResource,
  PRIVATE_LINK_ZONE_ID,
  resourcesOf,
  SUBNET_ID,
  SUBSCRIPTION,
  TENANT_ID,
  SynthesizedStack,
  synthStack,
  VNET_ID,
  VNET_ZONE_ID,
  WORKSPACE_ID,
  minimalSingleProps,
  thrownBy,
} from '../helpers';

// Every validated prop of SecureSingleServer: a refused input with its whole message, an accepted
// input that synthesizes, a Terraform token that is never judged as a literal, and, after every
// refusal, a stack that holds no resource.

type Overrides = Partial<SecureSingleServerProps>;

const SERVER_TYPE = 'azurerm_postgresql_server';
const SERVER_RESOURCE_ID = `${SUBSCRIPTION}/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/legacy-db`;
const SERVER_ID_EXAMPLE = '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.DBforPostgreSQL/servers/<name>';
const SUBNET_EXAMPLE = '/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>';
const APP_SUBNET_ID = `${VNET_ID}/subnets/snet-app`;
const VERSIONED_KEY_ID = 'https://kv-postgres.vault.azure.net/keys/postgres-cmk/0123456789abcdef0123456789abcdef';
const JUSTIFICATION_FIX = 'say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03"';
const UUID_FIX = 'give the GUID from Entra ID, e.g. "00000000-0000-0000-0000-000000000000"';
const RESERVED_FIX = 'choose another name: not admin, administrator, root, guest, public, azure_superuser, azure_pg_admin, nor one starting with pg_';
const ADOPTION_EXPLICIT_FIX = 'state it as the live server has it: a default that differs would change or replace the server';
const REASON = 'legacy server, migration to Flexible planned for Q3';
const OTHER_TENANT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

/** The least a user must give for a new Single Server. */
const minimalProps = minimalSingleProps;

function admin(overrides: Partial<EntraAdministrator> = {}): EntraAdministrator {
  return { objectId: ADMIN_OBJECT_ID, principalName: 'db-admins', principalType: EntraPrincipalType.GROUP, ...overrides };
}

function publicAccess(overrides: Partial<SingleServerPublicAccessOptions> = {}): SingleServerNetwork {
  return SingleServerNetwork.publicAccess({
    allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' }],
    justification: REASON,
    ...overrides,
  });
}

/** Props of an adoption, with the props that must then be stated given as the live server has them. */
function adopting(adoption: Partial<SingleServerAdoption> = {}, overrides: Overrides = {}): Overrides {
  return {
    sku: SingleServerSku.GP_GEN5_4,
    version: SingleServerVersion.V11,
    storageMb: 102400,
    adoption: { serverResourceId: SERVER_RESOURCE_ID, infrastructureEncryptionEnabled: true, geoRedundantBackupEnabled: true, ...adoption },
    ...overrides,
  };
}

function build(overrides: Overrides): SynthesizedStack {
  const stack = newStack();
  new SecureSingleServer(stack, 'Legacy', minimalProps(overrides));
  return synthStack(stack);
}

function serverOf(overrides: Overrides) {
  return onlyResource(build(overrides), SERVER_TYPE);
}

/** `toThrow(string)` only looks for a substring; an Error makes Jest compare the whole message. */
function exactly(message: string): Error {
  return new Error(message);
}

/** Every refused input of this file, checked again at the end for a stack left empty. */
const REFUSED: Array<[string, Overrides]> = [];

/** A test that the input is refused with exactly this message. */
function refused(title: string, overrides: Overrides, message: string): void {
  REFUSED.push([`${/^Invalid ([^:]+):/.exec(message)?.[1]}: ${title}`, overrides]);
  test(title, () => {
    expect(() => build(overrides)).toThrow(exactly(message));
  });
}

test('a refused prop throws a ValidationError that names the prop', () => {
  expect(thrownBy(() => build({ storageMb: 4096 }))).toMatchObject({ name: 'ValidationError', prop: 'storageMb' });
});

test('the minimal props synthesize', () => {
  expect(serverOf({}).name).toBe('legacy-db');
});

describe('name', () => {
  refused('uppercase', { name: 'Legacy-db' }, 'Invalid name: "Legacy-db" is not a valid server name. Fix: use 3-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen.');

  test('3 lowercase characters synthesize', () => {
    expect(serverOf({ name: 'pg1' }).name).toBe('pg1');
  });
});

describe('resourceGroupName', () => {
  refused(
    'ending with "."',
    { resourceGroupName: 'rg-legacy.' },
    'Invalid resourceGroupName: "rg-legacy." is not a valid resource group name. Fix: use 1-90 letters, digits, "_", "-", ".", "(" or ")", not ending with ".".',
  );

  test('letters, digits, "_", "-", ".", "(" and ")" synthesize', () => {
    expect(serverOf({ resourceGroupName: 'rg_legacy.prod-(1)' }).resource_group_name).toBe('rg_legacy.prod-(1)');
  });
});

describe('location', () => {
  refused('empty', { location: '' }, 'Invalid location: "" is required. Fix: give an Azure region, e.g. "westeurope".');

  refused('blanks', { location: '   ' }, 'Invalid location: "   " is not an Azure region name. Fix: give a region such as "westeurope" or "West Europe": letters, digits and spaces.');

  refused('a character no region name has', { location: 'west_europe' }, 'Invalid location: "west_europe" is not an Azure region name. Fix: give a region such as "westeurope" or "West Europe": letters, digits and spaces.');

  test('a display name synthesizes', () => {
    expect(serverOf({ location: 'North Europe' }).location).toBe('North Europe');
  });

  test('a region synthesizes', () => {
    expect(serverOf({ location: 'northeurope' }).location).toBe('northeurope');
  });
});

describe('tenantId', () => {
  refused('not a UUID', { tenantId: 'contoso.onmicrosoft.com' }, `Invalid tenantId: "contoso.onmicrosoft.com" is not a UUID. Fix: ${UUID_FIX}.`);

  test('a UUID reaches the Entra administrator', () => {
    const synth = build({ tenantId: OTHER_TENANT_ID });
    expect(onlyResource(synth, 'azurerm_postgresql_active_directory_administrator').tenant_id).toBe(OTHER_TENANT_ID);
  });
});

describe('network', () => {
  refused(
    'missing',
    { network: undefined as unknown as SingleServerNetwork },
    'Invalid network: (not set) is required. Fix: use SingleServerNetwork.privateEndpoint({ subnetResourceId }).',
  );

  describe('privateEndpoint', () => {
    refused(
      'malformed subnet ID',
      { network: SingleServerNetwork.privateEndpoint({ subnetResourceId: 'snet-postgres' }) },
      `Invalid network.privateEndpoint.subnetResourceId: "snet-postgres" is not a subnet resource ID. Fix: give the full ID, ${SUBNET_EXAMPLE}.`,
    );

    refused(
      'a zone that is not privatelink.postgres.database.azure.com',
      { network: SingleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: VNET_ZONE_ID }) },
      `Invalid network.privateEndpoint.privateDnsZoneResourceId: "${VNET_ZONE_ID}" names zone "orders.private.postgres.database.azure.com", ` +
        'which Private Link does not resolve PostgreSQL servers in. ' +
        'Fix: give the ID of a "privatelink.postgres.database.azure.com" zone, or leave it out to create one.',
    );

    test('an existing privatelink zone synthesizes', () => {
      const synth = build({ network: SingleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID }) });
      expect(onlyResource(synth, 'azurerm_private_endpoint').private_dns_zone_group.private_dns_zone_ids).toEqual([PRIVATE_LINK_ZONE_ID]);
    });
  });

  describe('publicAccess', () => {
    const at = 'network.publicAccess';

    refused(
      'without justification',
      { network: publicAccess({ justification: undefined as unknown as string }) },
      `Invalid ${at}.justification: (not set) is required to open the server to public network access. Fix: ${JUSTIFICATION_FIX}.`,
    );

    refused(
      'short justification',
      { network: publicAccess({ justification: 'vendor' }) },
      `Invalid ${at}.justification: "vendor" is too short to justify the choice to open the server to public network access. Fix: ${JUSTIFICATION_FIX}.`,
    );

    refused(
      'no ranges, no rules, no Azure services',
      { network: publicAccess({ allowedIpRanges: [] }) },
      `Invalid ${at}.allowedIpRanges: [] is empty and so is virtualNetworkRules, so public access would let no one in. ` +
        'Fix: list the public ranges or subnets of your clients, or use SingleServerNetwork.privateEndpoint.',
    );

    refused(
      'range 0.0.0.0-255.255.255.255',
      { network: publicAccess({ allowedIpRanges: [{ name: 'all', startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' }] }) },
      `Invalid ${at}.allowedIpRanges[0]: "0.0.0.0-255.255.255.255" starts at 0.0.0.0 or ends at 255.255.255.255, ` +
        'which opens the server to a large part of the internet. Fix: list only the public addresses of your clients.',
    );

    refused(
      'reversed range',
      { network: publicAccess({ allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.20', endIpAddress: '203.0.113.10' }] }) },
      `Invalid ${at}.allowedIpRanges[0]: "203.0.113.20-203.0.113.10" starts after it ends. Fix: swap the addresses: "203.0.113.10" to "203.0.113.20".`,
    );

    refused(
      'malformed range address',
      { network: publicAccess({ allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.0/24', endIpAddress: '203.0.113.20' }] }) },
      `Invalid ${at}.allowedIpRanges[0].startIpAddress: "203.0.113.0/24" is not an IPv4 address. ` +
        'Fix: write a single address such as "203.0.113.10" (no CIDR suffix).',
    );

    const ruleNameFix = 'use 1-128 letters, digits or "-", starting with a letter and not ending with "-"';

    refused(
      'VNet rule name starting with a digit',
      { network: publicAccess({ virtualNetworkRules: [{ name: '1rule', subnetResourceId: APP_SUBNET_ID }] }) },
      `Invalid ${at}.virtualNetworkRules[0].name: "1rule" is not a valid VNet rule name. Fix: ${ruleNameFix}.`,
    );

    refused(
      'VNet rule name ending with "-"',
      { network: publicAccess({ virtualNetworkRules: [{ name: 'rule-', subnetResourceId: APP_SUBNET_ID }] }) },
      `Invalid ${at}.virtualNetworkRules[0].name: "rule-" is not a valid VNet rule name. Fix: ${ruleNameFix}.`,
    );

    refused(
      'VNet rule name used twice',
      {
        network: publicAccess({
          virtualNetworkRules: [
            { name: 'app', subnetResourceId: APP_SUBNET_ID },
            { name: 'app', subnetResourceId: SUBNET_ID },
          ],
        }),
      },
      `Invalid ${at}.virtualNetworkRules[1].name: "app" is used twice (names ignore case). Fix: give each rule its own name.`,
    );

    refused(
      'VNet rule name used twice in another case',
      {
        network: publicAccess({
          virtualNetworkRules: [
            { name: 'app', subnetResourceId: APP_SUBNET_ID },
            { name: 'App', subnetResourceId: SUBNET_ID },
          ],
        }),
      },
      `Invalid ${at}.virtualNetworkRules[1].name: "App" is used twice (names ignore case). Fix: give each rule its own name.`,
    );

    refused(
      'malformed VNet rule subnet ID',
      { network: publicAccess({ virtualNetworkRules: [{ name: 'app', subnetResourceId: 'snet-app' }] }) },
      `Invalid ${at}.virtualNetworkRules[0].subnetResourceId: "snet-app" is not a subnet resource ID. Fix: give the full ID, ${SUBNET_EXAMPLE}.`,
    );

    refused(
      'malformed privateEndpoint subnet ID',
      { network: publicAccess({ privateEndpoint: { subnetResourceId: 'snet-postgres' } }) },
      `Invalid ${at}.privateEndpoint.subnetResourceId: "snet-postgres" is not a subnet resource ID. Fix: give the full ID, ${SUBNET_EXAMPLE}.`,
    );

    test('ranges, VNet rules "a" and "rule-1" and a private endpoint synthesize', () => {
      const synth = build({
        network: publicAccess({
          virtualNetworkRules: [
            { name: 'a', subnetResourceId: APP_SUBNET_ID },
            { name: 'rule-1', subnetResourceId: SUBNET_ID },
          ],
          privateEndpoint: { subnetResourceId: SUBNET_ID },
        }),
      });
      expect({
        publicNetworkAccess: onlyResource(synth, SERVER_TYPE).public_network_access_enabled,
        firewall: resourcesOf(synth, 'azurerm_postgresql_firewall_rule').map((r) => [r.name, r.start_ip_address, r.end_ip_address]),
        rules: resourcesOf(synth, 'azurerm_postgresql_virtual_network_rule').map((r) => [r.name, r.subnet_id]),
        endpoints: resourcesOf(synth, 'azurerm_private_endpoint').length,
      }).toEqual({
        publicNetworkAccess: true,
        firewall: [['office', '203.0.113.10', '203.0.113.20']],
        rules: [
          ['a', APP_SUBNET_ID],
          ['rule-1', SUBNET_ID],
        ],
        endpoints: 1,
      });
    });

    test('allowAzureServices alone synthesizes the 0.0.0.0 rule', () => {
      const synth = build({ network: publicAccess({ allowedIpRanges: undefined, allowAzureServices: true }) });
      expect(resourcesOf(synth, 'azurerm_postgresql_firewall_rule').map((r) => [r.start_ip_address, r.end_ip_address])).toEqual([['0.0.0.0', '0.0.0.0']]);
    });
  });
});

describe('entraAdministrator', () => {
  refused(
    'missing',
    { entraAdministrator: undefined as unknown as EntraAdministrator },
    'Invalid entraAdministrator: (not set) is required. Fix: give the Entra ID group or user that administers the server.',
  );

  // Single Server has one administrator, not a list: the prop is `entraAdministrator.objectId`.
  refused('bad objectId', { entraAdministrator: admin({ objectId: 'db-admins' }) }, `Invalid entraAdministrator.objectId: "db-admins" is not a UUID. Fix: ${UUID_FIX}.`);

  refused('bad tenantId', { entraAdministrator: admin({ tenantId: 'contoso' }) }, `Invalid entraAdministrator.tenantId: "contoso" is not a UUID. Fix: ${UUID_FIX}.`);

  refused('principalName "admin"', { entraAdministrator: admin({ principalName: 'admin' }) }, `Invalid entraAdministrator.principalName: "admin" is reserved by Azure. Fix: ${RESERVED_FIX}.`);

  refused(
    'principalName with a zero-width space',
    { entraAdministrator: admin({ principalName: 'db-admins\u200b' }) },
    'Invalid entraAdministrator.principalName: "db-admins\\u{200b}" holds U+200B, an invisible or bidirectional character, with which the name reads like another. Fix: give the principal\'s display name, which Azure makes the name of its PostgreSQL role: use 1-63 bytes of visible characters, without double quotes, "${" or "%{", or surrounding spaces.',
  );

  test('an Entra login with "@" and "-" synthesizes', () => {
    const synth = build({ entraAdministrator: admin({ principalName: 'db-admins@contoso.com', principalType: EntraPrincipalType.USER }) });
    expect(onlyResource(synth, 'azurerm_postgresql_active_directory_administrator').login).toBe('db-admins@contoso.com');
  });

  test('its own tenantId, the server\'s in another case, synthesizes', () => {
    const synth = build({ entraAdministrator: admin({ tenantId: TENANT_ID.toUpperCase() }) });
    expect(onlyResource(synth, 'azurerm_postgresql_active_directory_administrator').tenant_id).toBe(TENANT_ID.toUpperCase());
  });

  refused(
    'of another tenant',
    { entraAdministrator: admin({ tenantId: OTHER_TENANT_ID }) },
    `Invalid entraAdministrator.tenantId: "${OTHER_TENANT_ID}" is not the server's tenantId "${TENANT_ID}". Fix: leave it out (it defaults to the server's tenantId); a principal of another tenant administers the server as a guest of the server's tenant.`,
  );
});

describe('diagnosticSettings', () => {
  refused(
    'missing',
    { diagnosticSettings: undefined as unknown as DiagnosticSettings },
    'Invalid diagnosticSettings: (not set) is required: audit logs need a destination outside the server. ' +
      'Fix: use DiagnosticSettings.logAnalytics(workspaceResourceId), or DiagnosticSettings.disabled("<why>") to opt out.',
  );

  refused(
    'malformed workspace ID',
    { diagnosticSettings: DiagnosticSettings.logAnalytics('log-central') },
    'Invalid diagnosticSettings.workspaceResourceId: "log-central" is not a Log Analytics workspace resource ID. ' +
      'Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>.',
  );

  refused(
    'disabled without reason',
    { diagnosticSettings: DiagnosticSettings.disabled(undefined as unknown as string) },
    `Invalid diagnosticSettings.justification: (not set) is required to send no diagnostic logs. Fix: ${JUSTIFICATION_FIX}.`,
  );

  refused(
    'disabled with a short reason',
    { diagnosticSettings: DiagnosticSettings.disabled('no logs') },
    `Invalid diagnosticSettings.justification: "no logs" is too short to justify the choice to send no diagnostic logs. Fix: ${JUSTIFICATION_FIX}.`,
  );

  test('a workspace synthesizes a diagnostic setting', () => {
    const synth = build({ diagnosticSettings: DiagnosticSettings.logAnalytics(WORKSPACE_ID) });
    expect(onlyResource(synth, 'azurerm_monitor_diagnostic_setting').log_analytics_workspace_id).toBe(WORKSPACE_ID);
  });

  test('disabled with a reason synthesizes no diagnostic setting', () => {
    expect(resourcesOf(build({ diagnosticSettings: DiagnosticSettings.disabled(REASON) }), 'azurerm_monitor_diagnostic_setting')).toHaveLength(0);
  });
});

describe('administratorLogin', () => {
  const patternFix = 'use 1-63 letters, digits or "_", starting with a letter or "_"';

  refused(
    'missing',
    { administratorLogin: undefined as unknown as string },
    'Invalid administratorLogin: (not set) is required. Fix: give a login such as "pgadmin_ops".',
  );

  refused('"admin"', { administratorLogin: 'admin' }, `Invalid administratorLogin: "admin" is reserved by Azure. Fix: ${RESERVED_FIX}.`);

  refused('"pg_x"', { administratorLogin: 'pg_x' }, `Invalid administratorLogin: "pg_x" is reserved by Azure. Fix: ${RESERVED_FIX}.`);

  refused('"1abc"', { administratorLogin: '1abc' }, `Invalid administratorLogin: "1abc" is not a valid login. Fix: ${patternFix}.`);

  test('"_ops1" synthesizes', () => {
    expect(serverOf({ administratorLogin: '_ops1' }).administrator_login).toBe('_ops1');
  });
});

describe('passwordVersion', () => {
  refused('0', { passwordVersion: 0 }, 'Invalid passwordVersion: 0 is not a whole number of at least 1. Fix: use a whole number such as 1, 2 or 3.');

  refused('2.5', { passwordVersion: 2.5 }, 'Invalid passwordVersion: 2.5 is not a whole number of at least 1. Fix: use a whole number such as 1, 2 or 3.');

  refused('2^31, beyond the provider\'s 32-bit integer', { passwordVersion: 2 ** 31 }, 'Invalid passwordVersion: 2147483648 is above 2147483647, the largest version the provider accepts on every platform (a 32-bit integer). Fix: count versions up from 1: raise it by one to rotate the password.');

  test('2 synthesizes', () => {
    expect(serverOf({ passwordVersion: 2 }).administrator_login_password_wo_version).toBe(2);
  });

  test('2147483647 synthesizes', () => {
    expect(serverOf({ passwordVersion: 2147483647 }).administrator_login_password_wo_version).toBe(2147483647);
  });
});

describe('password props when adopting', () => {
  const noEffectFix = 'set adoption.rotateAdministratorPassword: true to generate and store a new one, or remove it';

  refused(
    'passwordVersion without rotateAdministratorPassword',
    adopting({}, { passwordVersion: 3 }),
    `Invalid passwordVersion: 3 has no effect: an adopted server keeps its live password. Fix: ${noEffectFix}.`,
  );

  refused(
    'passwordKeyVaultResourceId without rotateAdministratorPassword',
    adopting({}, { passwordKeyVaultResourceId: KEY_VAULT_ID }),
    `Invalid passwordKeyVaultResourceId: "${KEY_VAULT_ID}" has no effect: an adopted server keeps its live password. Fix: ${noEffectFix}.`,
  );

  test('passwordVersion with rotateAdministratorPassword synthesizes', () => {
    expect(serverOf(adopting({ rotateAdministratorPassword: true }, { passwordVersion: 3 })).administrator_login_password_wo_version).toBe(3);
  });
});

describe('passwordKeyVaultResourceId', () => {
  refused(
    'malformed',
    { passwordKeyVaultResourceId: 'kv-postgres' },
    'Invalid passwordKeyVaultResourceId: "kv-postgres" is not a Key Vault resource ID. ' +
      'Fix: give the full ID, /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>.',
  );

  test('a Key Vault ID synthesizes the secret', () => {
    const secret = onlyResource(build({ passwordKeyVaultResourceId: KEY_VAULT_ID }), 'azurerm_key_vault_secret');
    expect([secret.key_vault_id, secret.name]).toEqual([KEY_VAULT_ID, 'legacy-db-administrator-password']);
  });
});

describe('sku', () => {
  const nameFix = 'use a SingleServerSku constant or a name such as "GP_Gen5_2" (exact case)';

  refused(
    'Basic',
    { sku: SingleServerSku.of('B_Gen5_1') },
    'Invalid sku: "B_Gen5_1" is a Basic SKU, which has no geo-redundant backup, no Private Link and no threat detection. ' +
      'Fix: use a General Purpose or Memory Optimized SKU, e.g. SingleServerSku.GP_GEN5_2.',
  );

  refused('unknown name', { sku: SingleServerSku.of('GP_Gen5_3') }, `Invalid sku: "GP_Gen5_3" is not supported. Fix: ${nameFix}.`);

  refused('lowercase', { sku: SingleServerSku.of('gp_gen5_2') }, `Invalid sku: "gp_gen5_2" is not supported. Fix: ${nameFix}.`);

  test('a constant synthesizes', () => {
    expect(serverOf({ sku: SingleServerSku.MO_GEN5_4 }).sku_name).toBe('MO_Gen5_4');
  });

  test('a provider name through of() synthesizes', () => {
    expect(serverOf({ sku: SingleServerSku.of('GP_Gen4_8') }).sku_name).toBe('GP_Gen4_8');
  });
});

describe('version', () => {
  refused(
    'a cast "12"',
    { version: '12' as SingleServerVersion },
    'Invalid version: "12" is not supported. Fix: use a SingleServerVersion member, e.g. SingleServerVersion.V11.',
  );

  test('9.6 synthesizes', () => {
    expect(serverOf({ version: SingleServerVersion.V9_6 }).version).toBe('9.6');
  });
});

describe('storageMb', () => {
  const storageFix = 'use 5120 to 16777216 MiB in steps of 1024, e.g. 51200';

  test.each([4096, 5121, 16777217, 51200.5])('%p', (storageMb) => {
    expect(() => build({ storageMb })).toThrow(exactly(`Invalid storageMb: ${storageMb} is not a Single Server storage size. Fix: ${storageFix}.`));
  });
  REFUSED.push(...[4096, 5121, 16777217, 51200.5].map((storageMb): [string, Overrides] => [`storageMb: ${storageMb}`, { storageMb }]));

  test.each([5120, 16777216])('%p synthesizes', (storageMb) => {
    expect(serverOf({ storageMb }).storage_mb).toBe(storageMb);
  });
});

describe('backup', () => {
  refused('retentionDays 6', { backup: { retentionDays: 6, justification: REASON } }, 'Invalid backup.retentionDays: 6 is outside 7..35. Fix: use a whole number from 7 to 35.');

  refused('retentionDays 36', { backup: { retentionDays: 36 } }, 'Invalid backup.retentionDays: 36 is outside 7..35. Fix: use a whole number from 7 to 35.');

  refused(
    'geoRedundantBackup false without justification',
    { backup: { geoRedundantBackup: false } },
    `Invalid backup.justification: (not set) is required to turn off geo-redundant backup or keep backups under 35 days. Fix: ${JUSTIFICATION_FIX}.`,
  );

  test('7 days, no geo-redundancy, with justification synthesize', () => {
    const server = serverOf({ backup: { retentionDays: 7, geoRedundantBackup: false, justification: REASON } });
    expect([server.backup_retention_days, server.geo_redundant_backup_enabled]).toEqual([7, false]);
  });
});

describe('threatDetection', () => {
  refused(
    'emailAddresses "not-an-email"',
    { threatDetection: { emailAddresses: ['secops@contoso.com', 'not-an-email'] } },
    'Invalid threatDetection.emailAddresses[1]: "not-an-email" is not an e-mail address. Fix: write it as name@example.com.',
  );

  refused(
    'emailAccountAdmins false and no addresses',
    { threatDetection: { emailAccountAdmins: false } },
    'Invalid threatDetection.emailAccountAdmins: false leaves no one to receive threat alerts. Fix: list emailAddresses, or keep emailAccountAdmins true.',
  );

  test('emailAccountAdmins false with an address synthesizes', () => {
    const policy = serverOf({ threatDetection: { emailAccountAdmins: false, emailAddresses: ['secops@contoso.com'] } }).threat_detection_policy;
    expect([policy.email_account_admins, policy.email_addresses]).toEqual([false, ['secops@contoso.com']]);
  });

  test('emailAccountAdmins false with addresses that are all tokens is refused, a Lazy resolving to "" among them; one written out beside them synthesizes (adversarial run of stop 68)', () => {
    const blank = Lazy.stringValue({ produce: () => '' });
    expect(() => serverOf({ threatDetection: { emailAccountAdmins: false, emailAddresses: [blank] } })).toThrow(
      'Invalid threatDetection.emailAddresses: ["${…}"] holds only Terraform tokens: with emailAccountAdmins false they are the only recipients of threat alerts, and one known only at apply time may be an empty or unread address, with no warning. Fix: write at least one address out in your code, as plain text (the others may be references), or keep emailAccountAdmins true.',
    );
    expect(serverOf({ threatDetection: { emailAccountAdmins: false, emailAddresses: ['secops@contoso.com', blank] } }).threat_detection_policy.email_addresses).toEqual(['secops@contoso.com', '']);
  });

  test('an address synthesizes', () => {
    expect(serverOf({ threatDetection: { emailAddresses: ['secops@contoso.com'] } }).threat_detection_policy.email_addresses).toEqual(['secops@contoso.com']);
  });

  // Adversarial run of stop 81, A81-28: the only recipient written with a character a reader does not see, or an address literal.
  test.each(['\u200bops@example.com', 'ops@example.com\u200b', 'o\u202eps@example.com', 'ops@exam\u00adple.com', 'ops@\u3164example.com', 'ops@[127.0.0.1]'])('%j is refused', (address) => {
    expect(() => serverOf({ threatDetection: { emailAccountAdmins: false, emailAddresses: [address] } })).toThrow(/^Invalid threatDetection\.emailAddresses\[0\]: .* is not an e-mail address\. Fix: write it as name@example\.com\.$/);
  });
});

describe('customerManagedKey.keyVaultKeyId', () => {
  const prop = 'customerManagedKey.keyVaultKeyId';
  const keyFix = 'give the versioned key ID, https://<vault>.vault.azure.net/keys/<name>/<version>';

  refused(
    'versionless URL',
    { customerManagedKey: { keyVaultKeyId: 'https://kv-postgres.vault.azure.net/keys/postgres-cmk' } },
    `Invalid ${prop}: "https://kv-postgres.vault.azure.net/keys/postgres-cmk" has no key version, which this server needs. Fix: ${keyFix}.`,
  );

  refused(
    'malformed',
    { customerManagedKey: { keyVaultKeyId: 'postgres-cmk' } },
    `Invalid ${prop}: "postgres-cmk" is not a Key Vault key ID. Fix: ${keyFix}.`,
  );

  refused(
    'missing',
    { customerManagedKey: { keyVaultKeyId: undefined as unknown as string } },
    `Invalid ${prop}: (not set) is required. Fix: give the versioned key ID.`,
  );

  test('a versioned key synthesizes', () => {
    expect(onlyResource(build({ customerManagedKey: { keyVaultKeyId: VERSIONED_KEY_ID } }), 'azurerm_postgresql_server_key').key_vault_key_id).toBe(
      VERSIONED_KEY_ID,
    );
  });
});

describe('auditLogging', () => {
  refused(
    'empty list',
    { auditLogging: { pgauditLogClasses: [] } },
    'Invalid auditLogging.pgauditLogClasses: [] is empty, which would turn auditing off. ' +
      'Fix: list at least one class, e.g. [PgAuditLogClass.DDL, PgAuditLogClass.ROLE].',
  );

  test('one class synthesizes', () => {
    const synth = build({ auditLogging: { pgauditLogClasses: [PgAuditLogClass.WRITE], justification: REASON } });
    const pgauditLog = resourcesOf(synth, 'azurerm_postgresql_configuration').find((c) => c.name === 'pgaudit.log');
    expect(pgauditLog?.value).toBe('write');
  });
});

describe('deletionProtection', () => {
  refused(
    'preventDestroy false without justification',
    { deletionProtection: { preventDestroy: false } },
    `Invalid deletionProtection.justification: (not set) is required to allow the server to be destroyed. Fix: ${JUSTIFICATION_FIX}.`,
  );

  test('preventDestroy false with justification synthesizes', () => {
    expect(serverOf({ deletionProtection: { preventDestroy: false, justification: REASON } }).lifecycle.prevent_destroy).toBe(false);
  });
});

describe('adoption', () => {
  refused(
    'malformed serverResourceId',
    adopting({ serverResourceId: 'legacy-db' }),
    `Invalid adoption.serverResourceId: "legacy-db" is not a Single Server resource ID. Fix: give the full ID, ${SERVER_ID_EXAMPLE}.`,
  );

  const otherServer = SERVER_RESOURCE_ID.replace('/servers/legacy-db', '/servers/other-db');
  refused(
    'an ID naming another server',
    adopting({ serverResourceId: otherServer }),
    `Invalid adoption.serverResourceId: "${otherServer}" names server "other-db", not "legacy-db". Fix: set name to "other-db", or correct the ID.`,
  );

  const otherGroup = SERVER_RESOURCE_ID.replace('/resourceGroups/rg-legacy/', '/resourceGroups/rg-other/');
  refused(
    'an ID in another resource group',
    adopting({ serverResourceId: otherGroup }),
    `Invalid adoption.serverResourceId: "${otherGroup}" is in resource group "rg-other", not "rg-legacy". Fix: set resourceGroupName to "rg-other", or correct the ID.`,
  );

  const stateItFix = 'state it as the live server has it (az postgres server show), so the plan keeps the server';
  refused(
    'infrastructureEncryptionEnabled missing',
    adopting({ infrastructureEncryptionEnabled: undefined as unknown as boolean }),
    `Invalid adoption.infrastructureEncryptionEnabled: (not set) is required. Fix: ${stateItFix}.`,
  );

  refused(
    'geoRedundantBackupEnabled missing',
    adopting({ geoRedundantBackupEnabled: undefined as unknown as boolean }),
    `Invalid adoption.geoRedundantBackupEnabled: (not set) is required. Fix: ${stateItFix}.`,
  );

  refused('sku left to its default', adopting({}, { sku: undefined }), `Invalid sku: (not set) is required when adopting. Fix: ${ADOPTION_EXPLICIT_FIX}.`);

  refused('version left to its default', adopting({}, { version: undefined }), `Invalid version: (not set) is required when adopting. Fix: ${ADOPTION_EXPLICIT_FIX}.`);

  refused('storageMb left to its default', adopting({}, { storageMb: undefined }), `Invalid storageMb: (not set) is required when adopting. Fix: ${ADOPTION_EXPLICIT_FIX}.`);

  refused(
    'infrastructureEncryptionEnabled false without justification',
    adopting({ infrastructureEncryptionEnabled: false }),
    `Invalid adoption.justification: (not set) is required to adopt a server without infrastructure encryption or geo-redundant backup. Fix: ${JUSTIFICATION_FIX}.`,
  );

  refused(
    'backup.geoRedundantBackup contradicting geoRedundantBackupEnabled',
    adopting({}, { backup: { geoRedundantBackup: false, justification: REASON } }),
    'Invalid backup.geoRedundantBackup: false contradicts adoption.geoRedundantBackupEnabled (true). Fix: leave it out when adopting: the live server decides.',
  );

  test('a matching adoption synthesizes an import of the server', () => {
    const imports = (build(adopting()) as unknown as { import?: Array<{ id: string; to: string }> }).import ?? [];
    expect(imports.find((i) => i.to.startsWith(`${SERVER_TYPE}.`))?.id).toBe(SERVER_RESOURCE_ID);
  });

  test('the resource group in another case synthesizes', () => {
    expect(serverOf(adopting({}, { resourceGroupName: 'RG-Legacy' })).resource_group_name).toBe('RG-Legacy');
  });

  test('a weaker live server with justification synthesizes its settings', () => {
    const server = serverOf(adopting({ infrastructureEncryptionEnabled: false, geoRedundantBackupEnabled: false, justification: REASON }));
    expect([server.infrastructure_encryption_enabled, server.geo_redundant_backup_enabled]).toEqual([false, false]);
  });

  test('backup.geoRedundantBackup equal to geoRedundantBackupEnabled synthesizes', () => {
    expect(serverOf(adopting({}, { backup: { geoRedundantBackup: true } })).geo_redundant_backup_enabled).toBe(true);
  });
});

describe('tags', () => {
  function manyTags(count: number): { [key: string]: string } {
    return Object.fromEntries(Array.from({ length: count }, (_, i) => [`tag${i}`, 'x']));
  }

  refused('51 tags', { tags: manyTags(51) }, 'Invalid tags: 51 tags are more than Azure allows (50). Fix: keep at most 50 tags.');

  refused('a tag named with "?"', { tags: { 'owner?': 'dba' } }, 'Invalid tags key: "owner?" holds "?", which Azure does not allow in a tag name. Fix: name the tag with 1-512 characters, none of < > % & \\ ? /.');

  refused('an empty tag name', { tags: { '': 'dba' } }, 'Invalid tags key: "" is empty. Fix: name the tag with 1-512 characters, none of < > % & \\ ? /.');

  test('50 tags synthesize', () => {
    expect(Object.keys(serverOf({ tags: manyTags(50) }).tags)).toHaveLength(50);
  });
});

/** Makes Terraform variables v0, v1, ... of a stack, as string or number tokens. */
class Variables {
  private count = 0;

  constructor(private readonly stack: TerraformStack) {}

  public string(): string {
    return new TerraformVariable(this.stack, `v${this.count++}`, { type: 'string' }).stringValue;
  }

  public number(): number {
    return new TerraformVariable(this.stack, `v${this.count++}`, { type: 'number' }).numberValue;
  }
}

function synthWithVariables(make: (v: Variables) => Overrides): string {
  const stack = newStack();
  new SecureSingleServer(stack, 'Legacy', minimalProps(make(new Variables(stack))));
  return JSON.stringify(synthStack(stack));
}

describe('a Terraform variable instead of a literal synthesizes and reaches the configuration', () => {
  const pe = (subnetResourceId: string, privateDnsZoneResourceId?: string) => SingleServerNetwork.privateEndpoint({ subnetResourceId, privateDnsZoneResourceId });
  const cases: Array<[string, (v: Variables) => Overrides]> = [
    ['name', (v) => ({ name: v.string() })],
    ['resourceGroupName', (v) => ({ resourceGroupName: v.string() })],
    ['location', (v) => ({ location: v.string() })],
    ['tenantId', (v) => ({ tenantId: v.string() })],
    ['network.privateEndpoint.subnetResourceId', (v) => ({ network: pe(v.string()) })],
    ['network.privateEndpoint.privateDnsZoneResourceId', (v) => ({ network: pe(SUBNET_ID, v.string()) })],
    ['network.publicAccess.allowedIpRanges[0].name', (v) => ({ network: publicAccess({ allowedIpRanges: [{ name: v.string(), startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' }] }) })],
    ['network.publicAccess.virtualNetworkRules[0].name', (v) => ({ network: publicAccess({ virtualNetworkRules: [{ name: v.string(), subnetResourceId: APP_SUBNET_ID }] }) })],
    ['network.publicAccess.virtualNetworkRules[0].subnetResourceId', (v) => ({ network: publicAccess({ virtualNetworkRules: [{ name: 'app', subnetResourceId: v.string() }] }) })],
    ['network.publicAccess.privateEndpoint.subnetResourceId', (v) => ({ network: publicAccess({ privateEndpoint: { subnetResourceId: v.string() } }) })],
    ['entraAdministrator.objectId', (v) => ({ entraAdministrator: admin({ objectId: v.string() }) })],
    ['entraAdministrator.principalName', (v) => ({ entraAdministrator: admin({ principalName: v.string() }) })],
    ['entraAdministrator.tenantId', (v) => ({ entraAdministrator: admin({ tenantId: v.string() }) })],
    ['diagnosticSettings workspace ID', (v) => ({ diagnosticSettings: DiagnosticSettings.logAnalytics(v.string()) })],
    ['administratorLogin', (v) => ({ administratorLogin: v.string() })],
    ['passwordVersion', (v) => ({ passwordVersion: v.number() })],
    ['passwordKeyVaultResourceId', (v) => ({ passwordKeyVaultResourceId: v.string() })],
    ['sku', (v) => ({ sku: SingleServerSku.of(v.string()) })],
    ['version', (v) => ({ version: v.string() as SingleServerVersion })],
    ['storageMb', (v) => ({ storageMb: v.number() })],
    ['threatDetection.emailAddresses[0]', (v) => ({ threatDetection: { emailAddresses: [v.string()] } })],
    ['customerManagedKey.keyVaultKeyId', (v) => ({ customerManagedKey: { keyVaultKeyId: v.string() } })],
    ['adoption.serverResourceId', (v) => adopting({ serverResourceId: v.string() })],
    ['a tag value', (v) => ({ tags: { owner: v.string() } })],
  ];

  test.each(cases)('%s', (_, make) => {
    expect(synthWithVariables(make)).toContain('${var.v0}');
  });

  test('entraAdministrator.principalType (not written by Single Server)', () => {
    const synth = JSON.parse(synthWithVariables((v) => ({ entraAdministrator: admin({ principalType: v.string() as EntraPrincipalType }) }))) as SynthesizedStack;
    expect(onlyResource(synth, 'azurerm_postgresql_active_directory_administrator').object_id).toBe(ADMIN_OBJECT_ID);
  });

  test('adoption with a token name and resource group, and an ID built from them', () => {
    const json = synthWithVariables((v) => {
      const name = v.string();
      const resourceGroupName = v.string();
      const serverResourceId = `${SUBSCRIPTION}/resourceGroups/${resourceGroupName}/providers/Microsoft.DBforPostgreSQL/servers/${name}`;
      return { name, resourceGroupName, ...adopting({ serverResourceId }) };
    });
    expect(json).toContain('/resourceGroups/${var.v1}/providers/Microsoft.DBforPostgreSQL/servers/${var.v0}');
  });

  test('adoption with a token name and resource group, and a literal ID', () => {
    const json = synthWithVariables((v) => ({ name: v.string(), resourceGroupName: v.string(), ...adopting() }));
    expect([json.includes('${var.v0}'), json.includes('${var.v1}'), json.includes(SERVER_RESOURCE_ID)]).toEqual([true, true, true]);
  });
});

const TOKEN_PROBLEM = 'is a Terraform token, known only at apply time: a security setting known only then could weaken the server with no justification and no warning (Terraform itself refuses a variable in prevent_destroy)';
const LITERAL_FIX = 'choose per environment in your code, not in a Terraform variable';

describe('a Terraform variable in a security setting is refused: it could weaken the server unseen', () => {
  const flag = (stack: TerraformStack) => new TerraformVariable(stack, 'flag', { type: 'bool' }).booleanValue as unknown as boolean;
  const range = (start: string, end: string) => [{ name: 'office', startIpAddress: start, endIpAddress: end }];
  // [prop, props with the token, what the fix asks for, the token as shown]
  const cases: Array<[string, (v: Variables, stack: TerraformStack) => Overrides, string, string]> = [
    ['network.publicAccess.allowedIpRanges[0].startIpAddress', (v) => ({ network: publicAccess({ allowedIpRanges: range(v.string(), '203.0.113.20') }) }), 'an IPv4 address as a literal, e.g. "203.0.113.10"', '"${…}"'],
    ['network.publicAccess.allowedIpRanges[0].endIpAddress', (v) => ({ network: publicAccess({ allowedIpRanges: range('203.0.113.10', v.string()) }) }), 'an IPv4 address as a literal, e.g. "203.0.113.10"', '"${…}"'],
    ['network.publicAccess.allowAzureServices', (_, stack) => ({ network: publicAccess({ allowAzureServices: flag(stack) }) }), 'true or false as a literal', '${…}'],
    ['backup.retentionDays', (v) => ({ backup: { retentionDays: v.number() } }), 'a number as a literal', '${…}'],
    ['backup.geoRedundantBackup', (_, stack) => ({ backup: { geoRedundantBackup: flag(stack) } }), 'true or false as a literal', '${…}'],
    ['auditLogging.pgauditLogClasses[0]', (v) => ({ auditLogging: { pgauditLogClasses: [v.string() as PgAuditLogClass] } }), 'a PgAuditLogClass member as a literal, e.g. PgAuditLogClass.DDL', '"${…}"'],
    ['deletionProtection.preventDestroy', (_, stack) => ({ deletionProtection: { preventDestroy: flag(stack) } }), 'true or false as a literal', '${…}'],
    ['deletionProtection.lock', (_, stack) => ({ deletionProtection: { lock: flag(stack) } }), 'true or false as a literal', '${…}'],
    ['threatDetection.emailAccountAdmins', (_, stack) => ({ threatDetection: { emailAccountAdmins: flag(stack) } }), 'true or false as a literal', '${…}'],
    ['adoption.infrastructureEncryptionEnabled', (_, stack) => adopting({ infrastructureEncryptionEnabled: flag(stack) }), 'true or false as a literal', '${…}'],
    ['adoption.geoRedundantBackupEnabled', (_, stack) => adopting({ geoRedundantBackupEnabled: flag(stack) }), 'true or false as a literal', '${…}'],
    ['adoption.importEntraAdministrator', (_, stack) => adopting({ importEntraAdministrator: flag(stack) }), 'true or false as a literal', '${…}'],
    ['adoption.rotateAdministratorPassword', (_, stack) => adopting({ rotateAdministratorPassword: flag(stack) }), 'true or false as a literal', '${…}'],
  ];

  test.each(cases)('%s', (prop, make, expected, shown) => {
    const stack = newStack();
    expect(() => new SecureSingleServer(stack, 'Legacy', minimalProps(make(new Variables(stack), stack)))).toThrow(
      new Error(`Invalid ${prop}: ${shown} ${TOKEN_PROBLEM}. Fix: give ${expected}; ${LITERAL_FIX}.`),
    );
  });

  test('a list variable as virtualNetworkRules', () => {
    const stack = newStack();
    const rules = new TerraformVariable(stack, 'rules', { type: 'list(string)' }).listValue as never;
    expect(() => new SecureSingleServer(stack, 'Legacy', minimalProps({ network: publicAccess({ virtualNetworkRules: rules }) }))).toThrow(
      new Error(`Invalid network.publicAccess.virtualNetworkRules: ["\${…}"] ${TOKEN_PROBLEM}. Fix: give a list of VirtualNetworkRule objects as a literal; ${LITERAL_FIX}.`),
    );
  });

  test('a list variable as the only threat alert recipients', () => {
    const stack = newStack();
    const addresses = new TerraformVariable(stack, 'alerts', { type: 'list(string)' }).listValue;
    expect(() => new SecureSingleServer(stack, 'Legacy', minimalProps({ threatDetection: { emailAccountAdmins: false, emailAddresses: addresses } }))).toThrow(
      new Error('Invalid threatDetection.emailAddresses: ["${…}"] is a Terraform token, known only at apply time: with emailAccountAdmins false it names the only recipients of threat alerts, and an empty list would silence them with no warning. Fix: list the addresses in your code (at least one written out; the others may be references), or keep emailAccountAdmins true.'),
    );
  });

  test('a list variable of threat alert recipients next to the account admins synthesizes', () => {
    const synth = JSON.parse(synthWithVariables(() => ({ threatDetection: { emailAddresses: Token.asList('${var.alerts}') } }))) as SynthesizedStack;
    expect(onlyResource(synth, SERVER_TYPE).threat_detection_policy.email_addresses).toBe('${var.alerts}');
  });
});

describe('a justification that is a Terraform token is refused: a reviewer must read it at synth', () => {
  const fix = 'write the reason as literal text of at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03"';
  const cases: Array<[string, (why: string) => Overrides]> = [
    ['network.publicAccess.justification', (why) => ({ network: publicAccess({ justification: why }) })],
    ['diagnosticSettings.justification', (why) => ({ diagnosticSettings: DiagnosticSettings.disabled(why) })],
    ['backup.justification', (why) => ({ backup: { retentionDays: 14, justification: why } })],
    ['deletionProtection.justification', (why) => ({ deletionProtection: { preventDestroy: false, justification: why } })],
    ['adoption.justification', (why) => adopting({ infrastructureEncryptionEnabled: false, justification: why })],
  ];

  test.each(cases)('%s', (prop, make) => {
    const stack = newStack();
    expect(() => new SecureSingleServer(stack, 'Legacy', minimalProps(make(new Variables(stack).string())))).toThrow(
      new Error(`Invalid ${prop}: "\${…}" is a Terraform token, known only at apply time, not text a reviewer can read at synth. Fix: ${fix}.`),
    );
  });
});

describe('after a validation error nothing is written', () => {
  test.each(REFUSED)('%s', (_, overrides) => {
    const stack = newStack();
    expect(thrownBy(() => new SecureSingleServer(stack, 'Legacy', minimalProps(overrides)))).toMatchObject({ name: 'ValidationError' });
    expect(synthStack(stack).resource ?? {}).toEqual({});
  });
});
