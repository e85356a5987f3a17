import { TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktf';
import {
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
  SynthesizedStack,
  synthStack,
  TENANT_ID,
  TerraformBlock,
  warningsOf,
  WORKSPACE_ID,
  minimalSingleProps,
} from '../helpers';

// SecureSingleServer: secure defaults, the retirement warning, options, adoption and public
// properties, asserted on the synthesized Terraform JSON.

const SERVER = 'azurerm_postgresql_server';
const CONFIGURATION = 'azurerm_postgresql_configuration';
const ENTRA_ADMIN = 'azurerm_postgresql_active_directory_administrator';
const SERVER_KEY = 'azurerm_postgresql_server_key';
const FIREWALL_RULE = 'azurerm_postgresql_firewall_rule';
const VNET_RULE = 'azurerm_postgresql_virtual_network_rule';
const PRIVATE_ENDPOINT = 'azurerm_private_endpoint';
const DNS_ZONE = 'azurerm_private_dns_zone';
const DNS_ZONE_LINK = 'azurerm_private_dns_zone_virtual_network_link';

const JUSTIFICATION = 'SEC-123: accepted by the security team until 2027-03';
const SERVER_RESOURCE_ID = `${SUBSCRIPTION}/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/legacy-db`;
const VERSIONED_KEY_ID = 'https://kv-postgres.vault.azure.net/keys/postgres-cmk/0123456789abcdef0123456789abcdef';
const PASSWORD_REFERENCE = /^\$\{random_password\.[\w-]+\.result\}$/;
const RETIRED = '[cdktf-azure-postgres:SingleServerRetired]';


/** Props adopting the live server: the adoption block plus the props that must then be explicit. */
function adoptedProps(adoption: Partial<SingleServerAdoption> = {}, overrides: Partial<SecureSingleServerProps> = {}): SecureSingleServerProps {
  return minimalSingleProps({
    sku: SingleServerSku.GP_GEN5_4,
    version: SingleServerVersion.V11,
    storageMb: 102400,
    adoption: { serverResourceId: SERVER_RESOURCE_ID, infrastructureEncryptionEnabled: true, geoRedundantBackupEnabled: true, ...adoption },
    ...overrides,
  });
}

function publicAccess(options: Partial<SingleServerPublicAccessOptions> = {}): SingleServerNetwork {
  return SingleServerNetwork.publicAccess({
    allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.10', endIpAddress: '203.0.113.20' }],
    virtualNetworkRules: [{ name: 'app-subnet', subnetResourceId: SUBNET_ID }],
    allowAzureServices: true,
    justification: JUSTIFICATION,
    ...options,
  });
}

interface ImportBlock {
  readonly id: string;
  readonly to: string;
}

interface Synthesized {
  readonly synth: SynthesizedStack;
  readonly imports: ImportBlock[];
  readonly server: TerraformBlock;
  readonly construct: SecureSingleServer;
  readonly warnings: string[];
}

/** Synthesizes one SecureSingleServer and keeps the construct, the stack and the warnings. */
function synthesize(props: SecureSingleServerProps, stack: TerraformStack = newStack()): Synthesized {
  const construct = new SecureSingleServer(stack, 'Postgres', props);
  const synth = synthStack(stack);
  const imports = ((synth as unknown as { import?: ImportBlock[] }).import) ?? [];
  return { synth, imports, server: onlyResource(synth, SERVER), construct, warnings: warningsOf(stack) };
}

/** The Terraform address ("type.name") of a resource, by index in synthesized order. */
function addressOf(synth: SynthesizedStack, type: string, index = 0): string {
  const names = Object.keys(synth.resource[type] ?? {});
  if (names.length <= index) throw new Error(`no ${type} at index ${index}`);
  return `${type}.${names[index]}`;
}

/** The address of the configuration that sets a parameter. */
function configurationAddress(synth: SynthesizedStack, parameter: string): string {
  const entry = Object.entries(synth.resource[CONFIGURATION] ?? {}).find(([, c]) => c.name === parameter);
  if (entry === undefined) throw new Error(`no configuration for ${parameter}`);
  return `${CONFIGURATION}.${entry[0]}`;
}

/** Server parameters as a name → value map. */
function parametersOf(synth: SynthesizedStack): { [name: string]: string } {
  return Object.fromEntries(resourcesOf(synth, CONFIGURATION).map((c) => [c.name, c.value]));
}

/** Every attribute name anywhere in the JSON. */
function attributeNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(attributeNames);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as object).flatMap(([k, v]) => [k, ...attributeNames(v)]);
  }
  return [];
}

function warningsWithId(warnings: string[], id: string): string[] {
  return warnings.filter((w) => w.startsWith(`[cdktf-azure-postgres:${id}]`));
}

describe('secure defaults', () => {
  const { synth, server, construct } = synthesize(minimalSingleProps());
  const serverAddress = addressOf(synth, SERVER);
  const serverIdRef = `\${${serverAddress}.id}`;
  const parameters = parametersOf(synth);

  test('SSL is enforced', () => {
    expect(server.ssl_enforcement_enabled).toBe(true);
  });

  test('TLS 1.2 minimum is written explicitly', () => {
    expect(server.ssl_minimal_tls_version_enforced).toBe('TLS1_2');
  });

  test('public network access is off', () => {
    expect(server.public_network_access_enabled).toBe(false);
  });

  test('a private endpoint connects to the server', () => {
    const endpoint = onlyResource(synth, PRIVATE_ENDPOINT);
    expect(endpoint.subnet_id).toBe(SUBNET_ID);
    expect(endpoint.private_service_connection).toMatchObject({
      subresource_names: ['postgresqlServer'],
      is_manual_connection: false,
      private_connection_resource_id: serverIdRef,
    });
  });

  test('a privatelink zone is created and linked to the subnet\'s VNet', () => {
    const zone = onlyResource(synth, DNS_ZONE);
    const link = onlyResource(synth, DNS_ZONE_LINK);
    expect(zone.name).toBe('privatelink.postgres.database.azure.com');
    expect(link.private_dns_zone_name).toBe(`\${${addressOf(synth, DNS_ZONE)}.name}`);
    expect(link.virtual_network_id).toBe(SUBNET_ID.split('/subnets/')[0]);
  });

  test('the endpoint registers in the zone through a zone group', () => {
    const endpoint = onlyResource(synth, PRIVATE_ENDPOINT);
    expect(endpoint.private_dns_zone_group.private_dns_zone_ids).toEqual([`\${${addressOf(synth, DNS_ZONE)}.id}`]);
    expect(endpoint.depends_on).toEqual([addressOf(synth, DNS_ZONE_LINK)]);
  });

  test('infrastructure encryption is on', () => {
    expect(server.infrastructure_encryption_enabled).toBe(true);
  });

  test('backups are geo-redundant', () => {
    expect(server.geo_redundant_backup_enabled).toBe(true);
  });

  test('backups are kept 35 days', () => {
    expect(server.backup_retention_days).toBe(35);
  });

  test('storage auto-grows', () => {
    expect(server.auto_grow_enabled).toBe(true);
  });

  test('threat detection is on and alerts the account admins', () => {
    expect(server.threat_detection_policy).toEqual({ enabled: true, email_account_admins: true });
  });

  test('an Entra administrator is created', () => {
    const admin = onlyResource(synth, ENTRA_ADMIN);
    expect(admin).toMatchObject({
      login: 'db-admins',
      object_id: ADMIN_OBJECT_ID,
      tenant_id: TENANT_ID,
      server_name: `\${${serverAddress}.name}`,
      resource_group_name: 'rg-legacy',
    });
  });

  test('the administrator login is set', () => {
    expect(server.administrator_login).toBe('pgadmin_ops');
  });

  test('the password goes to the write-only attribute, version 1', () => {
    expect(server.administrator_login_password_wo).toBe(`\${${addressOf(synth, 'random_password')}.result}`);
    expect(server.administrator_login_password_wo_version).toBe(1);
  });

  test('no administrator_login_password anywhere', () => {
    expect(attributeNames(synth)).not.toContain('administrator_login_password');
  });

  test('the administratorPassword property is the generated password', () => {
    expect(Token.isUnresolved(construct.administratorPassword)).toBe(true);
  });

  test('connections, disconnections and checkpoints are logged', () => {
    expect(parameters.log_checkpoints).toBe('on');
    expect(parameters.log_connections).toBe('on');
    expect(parameters.log_disconnections).toBe('on');
  });

  test('connection throttling is on', () => {
    expect(parameters.connection_throttling).toBe('on');
  });

  test('log files are kept 7 days', () => {
    expect(parameters.log_retention_days).toBe('7');
  });

  test('pgaudit is preloaded and logs ddl, role and misc', () => {
    expect(parameters.shared_preload_libraries).toBe('pgaudit');
    expect(parameters['pgaudit.log']).toBe('ddl,role,misc');
  });

  test('exactly the seven parameters are set', () => {
    expect(Object.keys(parameters).sort()).toEqual([
      'connection_throttling', 'log_checkpoints', 'log_connections', 'log_disconnections',
      'log_retention_days', 'pgaudit.log', 'shared_preload_libraries',
    ]);
  });

  test('parameters are applied one after another, the first after the server', () => {
    const order = ['log_checkpoints', 'log_connections', 'log_disconnections', 'connection_throttling', 'log_retention_days', 'shared_preload_libraries', 'pgaudit.log'];
    const waitsFor = order.map((name) => synth.resource[CONFIGURATION][configurationAddress(synth, name).split('.')[1]].depends_on);
    const expected = [serverAddress, ...order.slice(0, -1).map((name) => configurationAddress(synth, name))].map((address) => [address]);
    expect(waitsFor).toEqual(expected);
  });

  test('the Entra administrator is applied after the last parameter', () => {
    expect(onlyResource(synth, ENTRA_ADMIN).depends_on).toEqual([configurationAddress(synth, 'pgaudit.log')]);
  });

  test('logs and metrics go to the Log Analytics workspace', () => {
    const setting = onlyResource(synth, 'azurerm_monitor_diagnostic_setting');
    expect(setting.target_resource_id).toBe(serverIdRef);
    expect(setting.log_analytics_workspace_id).toBe(WORKSPACE_ID);
    expect(setting.enabled_log).toEqual([{ category_group: 'allLogs' }]);
    expect(setting.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
  });

  test('the server cannot be destroyed', () => {
    expect(server.lifecycle.prevent_destroy).toBe(true);
  });

  test('no management lock unless asked for', () => {
    expect(resourcesOf(synth, 'azurerm_management_lock')).toHaveLength(0);
  });

  test('no firewall rule', () => {
    expect(resourcesOf(synth, FIREWALL_RULE)).toHaveLength(0);
  });

  test('no VNet rule', () => {
    expect(resourcesOf(synth, VNET_RULE)).toHaveLength(0);
  });

  test('no identity without a customer-managed key', () => {
    expect(server.identity).toBeUndefined();
  });

  test('no server key without a customer-managed key', () => {
    expect(resourcesOf(synth, SERVER_KEY)).toHaveLength(0);
  });

  test('nothing is imported', () => {
    expect((synth as unknown as { import?: unknown }).import).toBeUndefined();
  });

  test('the default SKU, version and storage', () => {
    expect(server.sku_name).toBe('GP_Gen5_2');
    expect(server.version).toBe('11');
    expect(server.storage_mb).toBe(51200);
  });
});

describe('existing privatelink zone', () => {
  const { synth } = synthesize(minimalSingleProps({
    network: SingleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID }),
  }));

  test('no zone and no VNet link are created', () => {
    expect(resourcesOf(synth, DNS_ZONE)).toHaveLength(0);
    expect(resourcesOf(synth, DNS_ZONE_LINK)).toHaveLength(0);
  });

  test('the zone group uses the given zone', () => {
    expect(onlyResource(synth, PRIVATE_ENDPOINT).private_dns_zone_group.private_dns_zone_ids).toEqual([PRIVATE_LINK_ZONE_ID]);
  });
});

describe('retirement warning', () => {
  const cases: Array<[string, SecureSingleServerProps]> = [
    ['secure defaults', minimalSingleProps()],
    ['public access', minimalSingleProps({ network: publicAccess() })],
    ['customer-managed key', minimalSingleProps({ customerManagedKey: { keyVaultKeyId: VERSIONED_KEY_ID } })],
    ['adoption', adoptedProps()],
    ['weak adoption', adoptedProps({ infrastructureEncryptionEnabled: false, geoRedundantBackupEnabled: false, justification: JUSTIFICATION })],
  ];

  test.each(cases)('exactly one with %s', (_, props) => {
    expect(synthesize(props).warnings.filter((w) => w.includes(RETIRED))).toHaveLength(1);
  });

  test('names the retirement date and the migration guide', () => {
    const [warning] = synthesize(minimalSingleProps()).warnings.filter((w) => w.includes(RETIRED));
    expect(warning).toContain('2025-03-28');
    expect(warning).toContain('docs/migrating-to-flexible-server.md');
  });

  test('is the only warning with secure defaults', () => {
    expect(synthesize(minimalSingleProps()).warnings).toHaveLength(1);
  });
});

describe('customer-managed key', () => {
  const { synth, server } = synthesize(minimalSingleProps({ customerManagedKey: { keyVaultKeyId: VERSIONED_KEY_ID } }));

  test('the server gets a system-assigned identity', () => {
    expect(server.identity).toEqual({ type: 'SystemAssigned' });
  });

  test('a server key points the server at the key', () => {
    const key = onlyResource(synth, SERVER_KEY);
    expect(key.server_id).toBe(`\${${addressOf(synth, SERVER)}.id}`);
    expect(key.key_vault_key_id).toBe(VERSIONED_KEY_ID);
  });

  test('the server key is applied after the Entra administrator', () => {
    expect(onlyResource(synth, SERVER_KEY).depends_on).toEqual([addressOf(synth, ENTRA_ADMIN)]);
  });
});

describe('threat detection', () => {
  test('e-mail addresses are written', () => {
    const { server } = synthesize(minimalSingleProps({ threatDetection: { emailAddresses: ['dba@contoso.com', 'soc@contoso.com'] } }));
    expect(server.threat_detection_policy.email_addresses).toEqual(['dba@contoso.com', 'soc@contoso.com']);
    expect(server.threat_detection_policy.enabled).toBe(true);
  });

  test('emailAccountAdmins false is written', () => {
    const { server } = synthesize(minimalSingleProps({ threatDetection: { emailAccountAdmins: false, emailAddresses: ['soc@contoso.com'] } }));
    expect(server.threat_detection_policy.email_account_admins).toBe(false);
    expect(server.threat_detection_policy.enabled).toBe(true);
  });
});

describe('public access', () => {
  const { synth, server, warnings, construct } = synthesize(minimalSingleProps({ network: publicAccess() }));
  const serverName = `\${${addressOf(synth, SERVER)}.name}`;

  test('public network access is on', () => {
    expect(server.public_network_access_enabled).toBe(true);
  });

  test('each allowed range becomes a firewall rule', () => {
    const office = resourcesOf(synth, FIREWALL_RULE).find((r) => r.name === 'office');
    expect(office).toEqual(expect.objectContaining({
      server_name: serverName,
      resource_group_name: 'rg-legacy',
      start_ip_address: '203.0.113.10',
      end_ip_address: '203.0.113.20',
    }));
  });

  test('allowAzureServices adds the 0.0.0.0 rule', () => {
    const azure = resourcesOf(synth, FIREWALL_RULE).find((r) => r.start_ip_address === '0.0.0.0');
    expect(azure).toEqual(expect.objectContaining({
      name: 'AllowAllAzureServicesAndResourcesWithinAzureIps',
      end_ip_address: '0.0.0.0',
      server_name: serverName,
      resource_group_name: 'rg-legacy',
    }));
    expect(resourcesOf(synth, FIREWALL_RULE)).toHaveLength(2);
  });

  test('each VNet rule becomes a virtual network rule', () => {
    expect(onlyResource(synth, VNET_RULE)).toEqual(expect.objectContaining({
      name: 'app-subnet',
      server_name: serverName,
      resource_group_name: 'rg-legacy',
      subnet_id: SUBNET_ID,
    }));
  });

  test('firewall and VNet rules are applied one after another after the Entra administrator', () => {
    const rules = [...Object.keys(synth.resource[FIREWALL_RULE]).map((n) => `${FIREWALL_RULE}.${n}`), addressOf(synth, VNET_RULE)];
    const waited = rules.map((address) => {
      const [type, name] = address.split('.');
      return synth.resource[type][name].depends_on;
    });
    expect(waited.every((deps) => Array.isArray(deps) && deps.length === 1)).toBe(true);
    const waitedFor = waited.map((deps) => deps[0]);
    expect(waitedFor).toContain(addressOf(synth, ENTRA_ADMIN));
    expect(new Set(waitedFor).size).toBe(rules.length);
    expect(waitedFor.filter((a) => a !== addressOf(synth, ENTRA_ADMIN)).every((a) => rules.includes(a))).toBe(true);
  });

  test('warns PublicNetworkAccess with the justification', () => {
    const found = warningsWithId(warnings, 'PublicNetworkAccess');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(JUSTIFICATION);
  });

  test('warns AzureServicesAllowed with the justification', () => {
    const found = warningsWithId(warnings, 'AzureServicesAllowed');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(JUSTIFICATION);
  });

  test('no private endpoint and no zone', () => {
    expect(resourcesOf(synth, PRIVATE_ENDPOINT)).toHaveLength(0);
    expect(resourcesOf(synth, DNS_ZONE)).toHaveLength(0);
  });

  test('privateEndpointId and privateDnsZoneId are undefined', () => {
    expect(construct.privateEndpointId).toBeUndefined();
    expect(construct.privateDnsZoneId).toBeUndefined();
  });

  test('without allowAzureServices: no 0.0.0.0 rule and no AzureServicesAllowed warning', () => {
    const result = synthesize(minimalSingleProps({ network: publicAccess({ allowAzureServices: false }) }));
    expect(resourcesOf(result.synth, FIREWALL_RULE).map((r) => r.name)).toEqual(['office']);
    expect(warningsWithId(result.warnings, 'AzureServicesAllowed')).toHaveLength(0);
  });
});

describe('public access with a private endpoint', () => {
  const { synth, server, construct } = synthesize(minimalSingleProps({ network: publicAccess({ privateEndpoint: { subnetResourceId: SUBNET_ID } }) }));

  test('public access stays on', () => {
    expect(server.public_network_access_enabled).toBe(true);
    expect(resourcesOf(synth, FIREWALL_RULE).length).toBeGreaterThan(0);
  });

  test('the private endpoint is created too', () => {
    expect(onlyResource(synth, PRIVATE_ENDPOINT).private_service_connection.private_connection_resource_id).toBe(`\${${addressOf(synth, SERVER)}.id}`);
    expect(Token.isUnresolved(construct.privateEndpointId)).toBe(true);
  });
});

describe('password', () => {
  test('passwordVersion 2 regenerates and writes version 2', () => {
    const { synth, server } = synthesize(minimalSingleProps({ passwordVersion: 2 }));
    expect(onlyResource(synth, 'random_password').keepers).toEqual({ version: '2' });
    expect(server.administrator_login_password_wo_version).toBe(2);
  });

  test('passwordKeyVaultResourceId stores the password as a write-only secret', () => {
    const { synth, server } = synthesize(minimalSingleProps({ passwordKeyVaultResourceId: KEY_VAULT_ID, passwordVersion: 2 }));
    const secret = onlyResource(synth, 'azurerm_key_vault_secret');
    expect(secret.name).toBe('legacy-db-administrator-password');
    expect(secret.key_vault_id).toBe(KEY_VAULT_ID);
    expect(secret.value_wo).toMatch(PASSWORD_REFERENCE);
    expect(secret.value_wo).toBe(server.administrator_login_password_wo);
    expect(secret.value_wo_version).toBe(2);
    expect(secret.value).toBeUndefined();
  });

  test('no Key Vault secret without passwordKeyVaultResourceId', () => {
    const { synth } = synthesize(minimalSingleProps());
    expect(resourcesOf(synth, 'azurerm_key_vault_secret')).toHaveLength(0);
  });
});

describe('audit logging', () => {
  test('the chosen pgaudit classes are written', () => {
    const { synth } = synthesize(minimalSingleProps({ auditLogging: { pgauditLogClasses: [PgAuditLogClass.WRITE, PgAuditLogClass.DDL, PgAuditLogClass.ROLE] } }));
    expect(parametersOf(synth)['pgaudit.log']).toBe('write,ddl,role');
  });
});

describe('backup', () => {
  const { server, warnings } = synthesize(minimalSingleProps({ backup: { geoRedundantBackup: false, retentionDays: 14, justification: JUSTIFICATION } }));

  test('weaker backup is written', () => {
    expect(server.geo_redundant_backup_enabled).toBe(false);
    expect(server.backup_retention_days).toBe(14);
  });

  test('warns BackupWeakened with the justification', () => {
    const found = warningsWithId(warnings, 'BackupWeakened');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(JUSTIFICATION);
  });
});

describe('deletion protection', () => {
  test('lock adds a CanNotDelete lock on the server', () => {
    const { synth } = synthesize(minimalSingleProps({ deletionProtection: { lock: true } }));
    const lock = onlyResource(synth, 'azurerm_management_lock');
    expect(lock.lock_level).toBe('CanNotDelete');
    expect(lock.scope).toBe(`\${${addressOf(synth, SERVER)}.id}`);
  });

  test('preventDestroy false is written', () => {
    const { server } = synthesize(minimalSingleProps({ deletionProtection: { preventDestroy: false, justification: JUSTIFICATION } }));
    expect(server.lifecycle.prevent_destroy).toBe(false);
  });

  test('preventDestroy false warns DestroyAllowed with the justification', () => {
    const { warnings } = synthesize(minimalSingleProps({ deletionProtection: { preventDestroy: false, justification: JUSTIFICATION } }));
    const found = warningsWithId(warnings, 'DestroyAllowed');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(JUSTIFICATION);
  });
});

describe('tags', () => {
  const tags = { env: 'prod', owner: 'dba' };
  const { synth, server } = synthesize(minimalSingleProps({ tags, passwordKeyVaultResourceId: KEY_VAULT_ID }));

  test('on the server', () => {
    expect(server.tags).toEqual(tags);
  });

  test('on the zone, the VNet link and the endpoint', () => {
    expect(onlyResource(synth, DNS_ZONE).tags).toEqual(tags);
    expect(onlyResource(synth, DNS_ZONE_LINK).tags).toEqual(tags);
    expect(onlyResource(synth, PRIVATE_ENDPOINT).tags).toEqual(tags);
  });

  test('on the Key Vault secret', () => {
    expect(onlyResource(synth, 'azurerm_key_vault_secret').tags).toEqual(tags);
  });
});

describe('adoption', () => {
  const { synth, imports, server, construct, warnings } = synthesize(adoptedProps());

  test('the server is imported from its resource ID', () => {
    expect(imports).toContainEqual({ id: SERVER_RESOURCE_ID, to: addressOf(synth, SERVER) });
  });

  test('the Entra administrator is imported', () => {
    expect(imports).toContainEqual({ id: `${SERVER_RESOURCE_ID}/administrators/activeDirectory`, to: addressOf(synth, ENTRA_ADMIN) });
  });

  test('only the server and the administrator are imported', () => {
    expect(imports).toHaveLength(2);
  });

  test('the explicit SKU, version and storage are written', () => {
    expect(server.sku_name).toBe('GP_Gen5_4');
    expect(server.version).toBe('11');
    expect(server.storage_mb).toBe(102400);
  });

  test('the live password is kept: no random_password', () => {
    expect(resourcesOf(synth, 'random_password')).toHaveLength(0);
  });

  test('the live password is kept: no password attributes', () => {
    expect(server.administrator_login_password_wo).toBeUndefined();
    expect(server.administrator_login_password_wo_version).toBeUndefined();
    expect(attributeNames(synth)).not.toContain('administrator_login_password');
  });

  test('administratorPassword is undefined', () => {
    expect(construct.administratorPassword).toBeUndefined();
  });

  test('the secure values are kept on a strong live server', () => {
    expect(server.infrastructure_encryption_enabled).toBe(true);
    expect(server.geo_redundant_backup_enabled).toBe(true);
  });

  test('a strong live server gives no adoption warning', () => {
    expect(warnings.filter((w) => !w.includes(RETIRED))).toEqual([]);
  });

  test('importEntraAdministrator false imports the server only', () => {
    const result = synthesize(adoptedProps({ importEntraAdministrator: false }));
    expect(result.imports).toEqual([{ id: SERVER_RESOURCE_ID, to: addressOf(result.synth, SERVER) }]);
    expect(resourcesOf(result.synth, ENTRA_ADMIN)).toHaveLength(1);
  });

  test('rotateAdministratorPassword generates and writes a password', () => {
    const result = synthesize(adoptedProps({ rotateAdministratorPassword: true }));
    expect(result.server.administrator_login_password_wo).toBe(`\${${addressOf(result.synth, 'random_password')}.result}`);
    expect(result.server.administrator_login_password_wo_version).toBe(1);
    expect(Token.isUnresolved(result.construct.administratorPassword)).toBe(true);
  });

  test('a server resource ID from a TerraformVariable is imported', () => {
    const stack = newStack();
    const id = new TerraformVariable(stack, 'server_resource_id', { type: 'string' });
    const result = synthesize(adoptedProps({ serverResourceId: id.stringValue }), stack);
    expect(result.imports).toEqual([
      { id: '${var.server_resource_id}', to: addressOf(result.synth, SERVER) },
      { id: '${var.server_resource_id}/administrators/activeDirectory', to: addressOf(result.synth, ENTRA_ADMIN) },
    ]);
  });
});

describe('adoption of a server without infrastructure encryption', () => {
  const { server, warnings } = synthesize(adoptedProps({ infrastructureEncryptionEnabled: false, justification: JUSTIFICATION }));

  test('false is written, not replaced', () => {
    expect(server.infrastructure_encryption_enabled).toBe(false);
  });

  test('warns AdoptedWithoutInfrastructureEncryption with the justification', () => {
    const found = warningsWithId(warnings, 'AdoptedWithoutInfrastructureEncryption');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(JUSTIFICATION);
  });

  test('backup is not reported weakened', () => {
    expect(warningsWithId(warnings, 'BackupWeakened')).toHaveLength(0);
    expect(server.geo_redundant_backup_enabled).toBe(true);
  });
});

describe('adoption of a server without geo-redundant backup', () => {
  const { server, warnings } = synthesize(adoptedProps({ geoRedundantBackupEnabled: false, justification: JUSTIFICATION }));

  test('false is written, not replaced', () => {
    expect(server.geo_redundant_backup_enabled).toBe(false);
  });

  test('warns AdoptedWithoutGeoBackup with the justification', () => {
    const found = warningsWithId(warnings, 'AdoptedWithoutGeoBackup');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(JUSTIFICATION);
  });

  test('warns BackupWeakened with the justification', () => {
    const found = warningsWithId(warnings, 'BackupWeakened');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(JUSTIFICATION);
  });

  test('infrastructure encryption stays on', () => {
    expect(server.infrastructure_encryption_enabled).toBe(true);
    expect(warningsWithId(warnings, 'AdoptedWithoutInfrastructureEncryption')).toHaveLength(0);
  });
});

test('adoption with shorter retention warns with the backup justification', () => {
  // The backup justification is what made the shorter retention valid, so the warning must carry it.
  const { server, warnings } = synthesize(adoptedProps({}, { backup: { retentionDays: 7, justification: JUSTIFICATION } }));
  expect(server.backup_retention_days).toBe(7);
  const found = warningsWithId(warnings, 'BackupWeakened');
  expect(found).toHaveLength(1);
  expect(found[0]).toContain(JUSTIFICATION);
});

describe('public properties', () => {
  /** Each property, as a stack output would reference it. */
  function outputsOf(props: SecureSingleServerProps): { synth: SynthesizedStack; outputs: { [name: string]: string | undefined } } {
    const stack = newStack();
    const construct = new SecureSingleServer(stack, 'Postgres', props);
    const properties: { [name: string]: string | undefined } = {
      serverId: construct.serverId,
      serverName: construct.serverName,
      fqdn: construct.fqdn,
      privateEndpointId: construct.privateEndpointId,
      privateDnsZoneId: construct.privateDnsZoneId,
    };
    for (const [name, value] of Object.entries(properties)) {
      if (value !== undefined) new TerraformOutput(stack, name, { value });
    }
    const synth = synthStack(stack);
    const written = (synth as unknown as { output?: { [name: string]: { value: string } } }).output ?? {};
    const outputs = Object.fromEntries(Object.keys(properties).map((name) => [name, written[name]?.value]));
    return { synth, outputs };
  }

  const { synth, outputs } = outputsOf(minimalSingleProps());
  const serverAddress = addressOf(synth, SERVER);

  test('serverId references the server id', () => {
    expect(outputs.serverId).toBe(`\${${serverAddress}.id}`);
  });

  test('fqdn references the server fqdn', () => {
    expect(outputs.fqdn).toBe(`\${${serverAddress}.fqdn}`);
  });

  test('serverName references the server name', () => {
    expect(outputs.serverName).toBe(`\${${serverAddress}.name}`);
  });

  test('privateEndpointId references the endpoint', () => {
    expect(outputs.privateEndpointId).toBe(`\${${addressOf(synth, PRIVATE_ENDPOINT)}.id}`);
  });

  test('privateDnsZoneId references the created zone', () => {
    expect(outputs.privateDnsZoneId).toBe(`\${${addressOf(synth, DNS_ZONE)}.id}`);
  });

  test('privateDnsZoneId is the given zone when one is given', () => {
    const result = outputsOf(minimalSingleProps({
      network: SingleServerNetwork.privateEndpoint({ subnetResourceId: SUBNET_ID, privateDnsZoneResourceId: PRIVATE_LINK_ZONE_ID }),
    }));
    expect(result.outputs.privateDnsZoneId).toBe(PRIVATE_LINK_ZONE_ID);
  });

  test('an adopted server has the same references', () => {
    const result = outputsOf(adoptedProps());
    expect(result.outputs.serverId).toBe(`\${${addressOf(result.synth, SERVER)}.id}`);
    expect(result.outputs.fqdn).toBe(`\${${addressOf(result.synth, SERVER)}.fqdn}`);
  });
});
