import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { alteredPins, comparablePins, isPinned, PINNED_KEY, readPinnedAttributes } from '../../../lib/checks/pinned-attributes';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../../../lib/cli/check-command';
import { FlexibleServerNetwork, PgAuditLogClass, SecureFlexibleServer, SecureSingleServer, SingleServerNetwork, TlsVersion } from '../../../lib';
import { check } from '../../cli/cli-harness';
import { ADMIN_OBJECT_ID, minimalProps, minimalSingleProps, newStack, SUBNET_ID, synthErrors, WORKSPACE_ID } from '../../helpers';

// An override may not point a construct's control at another principal, NSG, extension list,
// preloaded library or provider (third review, A3-12): PG-CFG-6 compares them with what it pinned.

const FIX = 'Fix: Remove the override of the construct\'s resource (or of //.cdktf-azure-postgres-pinned in the JSON); change the construct props instead.';
const OTHER_ID = '99999999-9999-9999-9999-999999999999';

function flexible(configure: (postgres: SecureFlexibleServer, stack: TerraformStack) => void = () => undefined): TerraformStack {
  const stack = newStack();
  configure(new SecureFlexibleServer(stack, 'Postgres', minimalProps({ allowedExtensions: ['pgcrypto'] })), stack);
  return stack;
}

function overridden(child: string, key: string, value: unknown): string[] {
  return synthErrors(flexible((postgres) => (postgres.node.findChild(child) as TerraformResource).addOverride(key, value))).filter((line) => line.includes('PG-CFG-6'));
}

describe('an override of what a SecureFlexibleServer control points at fails synth', () => {
  test.each<[string, string, string, unknown, string]>([
    ['another Entra administrator', 'EntraAdministrator0', 'object_id', OTHER_ID,
      `azurerm_postgresql_flexible_server_active_directory_administrator.Postgres_EntraAdministrator0_A5512848 PG-CFG-6 object_id is "${OTHER_ID}", where the construct's props set "${ADMIN_OBJECT_ID}".`],
    ['another administrator name', 'EntraAdministrator0', 'principal_name', 'someone-else',
      'azurerm_postgresql_flexible_server_active_directory_administrator.Postgres_EntraAdministrator0_A5512848 PG-CFG-6 principal_name is "someone-else", where the construct\'s props set "db-admins".'],
    ['another administrator kind', 'EntraAdministrator0', 'principal_type', 'User',
      'azurerm_postgresql_flexible_server_active_directory_administrator.Postgres_EntraAdministrator0_A5512848 PG-CFG-6 principal_type is "User", where the construct\'s props set "Group".'],
    ['an administrator of another tenant', 'EntraAdministrator0', 'tenant_id', OTHER_ID,
      `azurerm_postgresql_flexible_server_active_directory_administrator.Postgres_EntraAdministrator0_A5512848 PG-CFG-6 tenant_id is "${OTHER_ID}", where the construct's props set "11111111-2222-3333-4444-555555555555".`],
    ['the subnet guarded by an unknown NSG', 'SecurityGroupAssociation', 'network_security_group_id', '${var.nsg}',
      'azurerm_subnet_network_security_group_association.Postgres_SecurityGroupAssociation_0A57196B PG-CFG-6 network_security_group_id is "${var.nsg}", where the construct\'s props set "${azurerm_network_security_group.Postgres_SecurityGroup_46BC35B3.id}".'],
    ['extensions beyond allowedExtensions', 'Parameter-azure.extensions', 'value', 'PGAUDIT,DBLINK,POSTGRES_FDW',
      'azurerm_postgresql_flexible_server_configuration.Postgres_Parameter-azureextensions_626FD10C PG-CFG-6 value is "PGAUDIT,DBLINK,POSTGRES_FDW", where the construct\'s props set "pgaudit,pgcrypto".'],
    ['another preloaded library', 'Parameter-shared_preload_libraries', 'value', 'pgaudit,auto_explain',
      'azurerm_postgresql_flexible_server_configuration.Postgres_Parameter-shared_preload_libraries_78534044 PG-CFG-6 value is "pgaudit,auto_explain", where the construct\'s props set "pg_cron,pg_stat_statements,pgaudit".'],
    ['the server created through another provider', 'Server', 'provider', 'azurerm.other',
      'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 PG-CFG-6 provider is "azurerm.other", where the construct\'s props leave it unset.'],
    ['logs sent to another workspace', 'DiagnosticSetting', 'log_analytics_workspace_id', '${var.workspace}',
      `azurerm_monitor_diagnostic_setting.Postgres_DiagnosticSetting_ABA27EC3 PG-CFG-6 log_analytics_workspace_id is "\${var.workspace}", where the construct's props set "${WORKSPACE_ID}".`],
    ['logs also sent to a storage account', 'DiagnosticSetting', 'storage_account_id', '${var.storage}',
      'azurerm_monitor_diagnostic_setting.Postgres_DiagnosticSetting_ABA27EC3 PG-CFG-6 storage_account_id is "${var.storage}", where the construct\'s props leave it unset.'],
    ['logs narrowed to the audit group (A14a-13)', 'DiagnosticSetting', 'enabled_log.0.category_group', 'audit',
      'azurerm_monitor_diagnostic_setting.Postgres_DiagnosticSetting_ABA27EC3 PG-CFG-6 enabled_log.category_group is "audit", where the construct\'s props set "allLogs".'],
    ['an administrator made through another provider', 'EntraAdministrator0', 'provider', 'azurerm.other',
      'azurerm_postgresql_flexible_server_active_directory_administrator.Postgres_EntraAdministrator0_A5512848 PG-CFG-6 provider is "azurerm.other", where the construct\'s props leave it unset.'],
  ])('%s', (_name, child, key, value, expected) => {
    expect(overridden(child, key, value)).toEqual([`  [test] ${expected} ${FIX}`]);
  });

  test('logs narrowed to one category fail on both attributes of the export (A14a-13)', () => {
    const setting = 'azurerm_monitor_diagnostic_setting.Postgres_DiagnosticSetting_ABA27EC3';
    expect(overridden('DiagnosticSetting', 'enabled_log.0', { category: 'PostgreSQLLogs', category_group: null })).toEqual([
      `  [test] ${setting} PG-CFG-6 enabled_log.category_group is unset, where the construct's props set "allLogs". ${FIX}`,
      `  [test] ${setting} PG-CFG-6 enabled_log.category is "PostgreSQLLogs", where the construct's props leave it unset. ${FIX}`,
    ]);
  });

  test('the same values written as the construct wrote them pass', () => {
    expect(overridden('EntraAdministrator0', 'object_id', ADMIN_OBJECT_ID)).toEqual([]);
    expect(overridden('Parameter-azure.extensions', 'value', 'pgaudit,pgcrypto')).toEqual([]);
  });

  test('an override of the pinned list itself fails', () => {
    const errors = synthErrors(flexible((_postgres, stack) => stack.addOverride(`//.${PINNED_KEY}`, [])));
    expect(errors.filter((line) => line.includes('PG-CFG-6'))).toEqual([
      `  [test] (stack) PG-CFG-6 the attributes the constructs pinned, written into the JSON (//.${PINNED_KEY}), are not those the constructs pinned, so \`check\` on the JSON would judge against another intent. ${FIX}`,
    ]);
  });
});

describe('a justification covers only the firewall ranges it was written for (twelfth review, A12a-13)', () => {
  const REASON = 'SEC-482: the office egress address, review 2026-09';
  const OFFICE = { name: 'office', startIpAddress: '203.0.113.7', endIpAddress: '203.0.113.7' };
  const pinLines = (stack: TerraformStack) => synthErrors(stack).filter((line) => line.includes('PG-CFG-6'));
  const rule = (scope: SecureFlexibleServer | SecureSingleServer, id: string) => scope.node.findChild(id) as TerraformResource;

  function publicFlexible(configure: (postgres: SecureFlexibleServer, stack: TerraformStack) => void): TerraformStack {
    const stack = newStack();
    const network = FlexibleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], allowAzureServices: true, justification: REASON });
    configure(new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network })), stack);
    return stack;
  }

  function publicSingle(configure: (legacy: SecureSingleServer) => void): TerraformStack {
    const stack = newStack();
    const network = SingleServerNetwork.publicAccess({ allowedIpRanges: [OFFICE], allowAzureServices: true,
      virtualNetworkRules: [{ name: 'app-subnet', subnetResourceId: SUBNET_ID }], justification: REASON });
    configure(new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ network })));
    return stack;
  }

  test('an override that widens the construct\'s own rule fails, resource-level or stack-level', () => {
    expect(pinLines(publicFlexible((postgres) => rule(postgres, 'FirewallRule-office').addOverride('end_ip_address', '203.0.113.100')))).toEqual([
      `  [test] azurerm_postgresql_flexible_server_firewall_rule.Postgres_FirewallRule-office_0CD00875 PG-CFG-6 end_ip_address is "203.0.113.100", where the construct's props set "203.0.113.7". ${FIX}`,
    ]);
    const stackLevel = publicFlexible((postgres, stack) => stack.addOverride(
      `resource.azurerm_postgresql_flexible_server_firewall_rule.${rule(postgres, 'FirewallRule-office').friendlyUniqueId}.start_ip_address`, '203.0.113.1'));
    expect(pinLines(stackLevel)).toEqual([
      `  [test] azurerm_postgresql_flexible_server_firewall_rule.Postgres_FirewallRule-office_0CD00875 PG-CFG-6 start_ip_address is "203.0.113.1", where the construct's props set "203.0.113.7". ${FIX}`,
    ]);
  });

  test('the "Azure services" rule keeps 0.0.0.0, and every rule its server', () => {
    expect(pinLines(publicFlexible((postgres) => rule(postgres, 'AzureServicesFirewallRule').addOverride('end_ip_address', '0.0.0.255')))).toEqual([
      `  [test] azurerm_postgresql_flexible_server_firewall_rule.Postgres_AzureServicesFirewallRule_10B716F3 PG-CFG-6 end_ip_address is "0.0.0.255", where the construct's props set "0.0.0.0". ${FIX}`,
    ]);
    expect(pinLines(publicFlexible((postgres) => rule(postgres, 'FirewallRule-office').addOverride('server_id', '${var.other}')))).toHaveLength(1);
  });

  test('Single Server: its firewall rules and VNet rules keep what the props set', () => {
    expect(pinLines(publicSingle((legacy) => rule(legacy, 'FirewallRule-office').addOverride('end_ip_address', '203.0.113.100')))).toEqual([
      `  [test] azurerm_postgresql_firewall_rule.Legacy_FirewallRule-office_D01BAD88 PG-CFG-6 end_ip_address is "203.0.113.100", where the construct's props set "203.0.113.7". ${FIX}`,
    ]);
    expect(pinLines(publicSingle((legacy) => rule(legacy, 'AzureServicesFirewallRule').addOverride('start_ip_address', '0.0.0.1')))).toHaveLength(1);
    expect(pinLines(publicSingle((legacy) => rule(legacy, 'VnetRule-app-subnet').addOverride('subnet_id', '${var.subnet}')))).toEqual([
      `  [test] azurerm_postgresql_virtual_network_rule.Legacy_VnetRule-app-subnet_175CEC17 PG-CFG-6 subnet_id is "\${var.subnet}", where the construct's props set "${SUBNET_ID}". ${FIX}`,
    ]);
  });

  test('the ranges as the props wrote them pass', () => {
    expect(pinLines(publicFlexible((postgres) => rule(postgres, 'FirewallRule-office').addOverride('end_ip_address', '203.0.113.7')))).toEqual([]);
    expect(pinLines(publicSingle(() => undefined))).toEqual([]);
  });
});

describe('an override may not lower what the props or the construct\'s defaults set above the pack\'s floor (twelfth review, A12a-15)', () => {
  const parameterLines = (postgres: SecureFlexibleServer | SecureSingleServer, stack: TerraformStack, name: string, value: string) => {
    (postgres.node.findChild(`Parameter-${name}`) as TerraformResource).addOverride('value', value);
    return synthErrors(stack).filter((line) => line.includes('PG-CFG-6'));
  };

  test.each<[string, Partial<Parameters<typeof minimalProps>[0]>, string, string, string]>([
    ['log files kept 4 days, not 7', {}, 'logfiles.retention_days', '4', '7'],
    ['TLS 1.3 chosen in the props, lowered to 1.2', { tls: { minVersion: TlsVersion.TLS1_3 } }, 'ssl_min_protocol_version', 'TLSv1.2', 'TLSv1.3'],
    ['pgaudit ALL chosen in the props, lowered to ddl,role,misc', { auditLogging: { pgauditLogClasses: [PgAuditLogClass.ALL] } }, 'pgaudit.log', 'ddl,role,misc', 'all'],
    ['a log line prefix without the client host', {}, 'log_line_prefix', '%t-%c-user=%u,db=%d-', '%t-%c-user=%u,db=%d,app=%a,client=%h-'],
  ])('Flexible Server: %s', (_name, props, parameter, value, expected) => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps(props));
    const lines = parameterLines(postgres, stack, parameter, value);
    expect(lines.map((line) => line.replace(/_[0-9A-F]{8} /, ' '))).toEqual([
      `  [test] azurerm_postgresql_flexible_server_configuration.Postgres_Parameter-${parameter.replace(/\./g, '')} PG-CFG-6 value is "${value}", where the construct's props set "${expected}". ${FIX}`,
    ]);
  });

  test.each<[string, string, string, string]>([
    ['logs kept 4 days, not 7', 'log_retention_days', '4', '7'],
    ['pgaudit classes lowered to ddl,role', 'pgaudit.log', 'ddl,role', 'ddl,role,misc'],
  ])('Single Server: %s', (_name, parameter, value, expected) => {
    const stack = newStack();
    const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
    const lines = parameterLines(legacy, stack, parameter, value);
    expect(lines.map((line) => line.replace(/_[0-9A-F]{8} /, ' '))).toEqual([
      `  [test] azurerm_postgresql_configuration.Legacy_Parameter-${parameter.replace(/\./g, '')} PG-CFG-6 value is "${value}", where the construct's props set "${expected}". ${FIX}`,
    ]);
  });

  test('a parameter moved to another server leaves the construct\'s server without it: its server is pinned too', () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ tls: { minVersion: TlsVersion.TLS1_3 } }));
    (postgres.node.findChild('Parameter-ssl_min_protocol_version') as TerraformResource).addOverride('server_id', '${var.other_server}');
    expect(synthErrors(stack).filter((line) => line.includes('PG-CFG-6'))).toEqual([
      expect.stringMatching(/Postgres_Parameter-ssl_min_protocol_version_[0-9A-F]{8} PG-CFG-6 server_id is "\$\{var.other_server\}", where the construct's props set "\$\{azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78.id\}"\./),
    ]);
    const other = newStack();
    const legacy = new SecureSingleServer(other, 'Legacy', minimalSingleProps());
    (legacy.node.findChild('Parameter-log_retention_days') as TerraformResource).addOverride('server_name', 'another-server');
    expect(synthErrors(other).filter((line) => line.includes('PG-CFG-6'))).toEqual([expect.stringMatching(/Legacy_Parameter-log_retention_days_[0-9A-F]{8} PG-CFG-6 server_name is "another-server"/)]);
  });

  test('the values the construct wrote, given again, pass', () => {
    const stack = newStack();
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    expect(parameterLines(postgres, stack, 'logfiles.retention_days', '7')).toEqual([]);
  });
});

describe('a value given as a token must stay the same expression', () => {
  function withAdminVariable(objectId: (stack: TerraformStack) => string): string[] {
    const stack = newStack();
    const admin = new TerraformVariable(stack, 'admin', { type: 'string' });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({
      entraAdministrators: [{ objectId: admin.stringValue, principalName: 'db-admins', principalType: minimalProps().entraAdministrators[0].principalType }],
    }));
    const replacement = objectId(stack);
    if (replacement !== '') (postgres.node.findChild('EntraAdministrator0') as TerraformResource).addOverride('object_id', replacement);
    return synthErrors(stack).filter((line) => line.includes('PG-CFG-6'));
  }

  test('the same reference passes', () => {
    expect(withAdminVariable(() => '')).toEqual([]);
    expect(withAdminVariable(() => '${var.admin}')).toEqual([]);
  });

  test('another reference fails', () => {
    expect(withAdminVariable(() => '${var.other}')).toEqual([
      `  [test] azurerm_postgresql_flexible_server_active_directory_administrator.Postgres_EntraAdministrator0_A5512848 PG-CFG-6 object_id is "\${var.other}", where the construct's props set "\${var.admin}". ${FIX}`,
    ]);
  });
});

test('SecureSingleServer: another Entra administrator by override fails synth', () => {
  for (const [key, value, was] of [['object_id', OTHER_ID, ADMIN_OBJECT_ID], ['login', 'someone-else', 'db-admins']]) {
    const stack = newStack();
    const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
    (legacy.node.findChild('EntraAdministrator') as TerraformResource).addOverride(key, value);
    expect(synthErrors(stack).filter((line) => line.includes('PG-CFG-6'))).toEqual([
      `  [test] azurerm_postgresql_active_directory_administrator.Legacy_EntraAdministrator_261C5937 PG-CFG-6 ${key} is "${value}", where the construct's props set "${was}". ${FIX}`,
    ]);
  }
});

describe('check reads the pinned attributes from the JSON', () => {
  function writtenJson(configure: (postgres: SecureFlexibleServer) => void = () => undefined): any {
    const stack = flexible((postgres, scope) => {
      new AzurermProvider(scope, 'azurerm', { features: [{}] });
      configure(postgres);
    });
    return JSON.parse(JSON.stringify(stack.toTerraform()));
  }

  function checkJson(json: unknown): ReturnType<typeof check> & { file: string } {
    const file = join(mkdtempSync(join(tmpdir(), 'pinned-')), 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(json));
    return { ...check('check', file), file };
  }

  const pinLines = (out: readonly string[]) => out.filter((line) => line.includes('PG-CFG-6'));

  test('the JSON synth writes passes; a hand edit of an administrator fails', () => {
    expect(checkJson(writtenJson()).code).toBe(EXIT_OK);
    const json = writtenJson();
    json.resource.azurerm_postgresql_flexible_server_active_directory_administrator.Postgres_EntraAdministrator0_A5512848.object_id = OTHER_ID;
    const result = checkJson(json);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(pinLines(result.out)).toEqual([
      `  ERROR      PG-CFG-6   azurerm_postgresql_flexible_server_active_directory_administrator.Postgres_EntraAdministrator0_A5512848: object_id is "${OTHER_ID}", where the construct's props set "${ADMIN_OBJECT_ID}". ${FIX}`,
    ]);
  });

  test('a firewall range widened by hand in the JSON fails (A12a-13)', () => {
    const stack = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: FlexibleServerNetwork.publicAccess({
      allowedIpRanges: [{ name: 'office', startIpAddress: '203.0.113.7', endIpAddress: '203.0.113.7' }], justification: 'SEC-482: the office egress address, review 2026-09' }) }));
    const json = JSON.parse(JSON.stringify(stack.toTerraform()));
    expect(checkJson(json).code).toBe(EXIT_OK);
    json.resource.azurerm_postgresql_flexible_server_firewall_rule['Postgres_FirewallRule-office_0CD00875'].end_ip_address = '203.0.113.100';
    const result = checkJson(json);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(pinLines(result.out)).toEqual([
      `  ERROR      PG-CFG-6   azurerm_postgresql_flexible_server_firewall_rule.Postgres_FirewallRule-office_0CD00875: end_ip_address is "203.0.113.100", where the construct's props set "203.0.113.7". ${FIX}`,
    ]);
  });

  test('a deleted pinned list fails: the construct made the server', () => {
    const json = writtenJson();
    delete json['//'][PINNED_KEY];
    const result = checkJson(json);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(pinLines(result.out)).toEqual([
      `  ERROR      PG-CFG-6   azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78: test/Postgres, a library construct, made the server but the JSON holds none of the attributes it pinned (//.${PINNED_KEY}), so they cannot be compared with its resources. ${FIX}`,
    ]);
  });

  test('a malformed pinned list is bad input', () => {
    const json = writtenJson();
    json['//'][PINNED_KEY] = [null];
    const result = checkJson(json);
    expect(result).toEqual({
      code: EXIT_BAD_INPUT,
      out: [],
      err: [`cdktf-azure-postgres: ${result.file}: //.${PINNED_KEY} item 0 is null, where the library writes pinned attributes with server, path and attributes; it tells check what the library's constructs made, so the stack cannot be judged: synthesize again instead of editing it`],
      file: result.file,
    });
  });
});

test('the pinned attributes read from the JSON, compared and folded as the model reads resources', () => {
  const pin = { server: 's/Server', path: 's/Admin', attributes: { login: '${local.admin}', object_id: '${var.id}' } };
  expect(isPinned(pin)).toBe(true);
  expect(readPinnedAttributes({ '//': { [PINNED_KEY]: [pin, null, { server: 's' }] } })).toEqual([pin]);
  expect(alteredPins({ '//': { [PINNED_KEY]: [pin] } }, [pin])).toBeUndefined();
  expect(comparablePins({ locals: { admin: 'db-admins' } }, [pin])).toEqual([{ ...pin, attributes: { login: 'db-admins', object_id: '${var.id}' } }]);
});
