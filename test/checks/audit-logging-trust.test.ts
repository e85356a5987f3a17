import { PostgresqlConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-configuration';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { PgAuditLogClass, SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { rule } from '../../lib/checks/rules/PGF-LOG-11';
import { minimalProps, minimalSingleProps, providerStack, synthErrors, warningsOf } from '../helpers';

// Audit logging cannot be silenced around the props (adversary finding F2): server parameters that
// take LOG lines out of the server log, and a pgaudit.log without DDL or ROLE, fail synth when an
// override or a resource beside the construct sets them; through the props, leaving DDL or ROLE
// out needs a justification, is printed, and is reported as suppressed.

const REASON = 'SEC-123: accepted by the security team until 2027-03';


const parameter = (postgres: SecureFlexibleServer | SecureSingleServer, name: string) => postgres.node.findChild(`Parameter-${name}`) as TerraformResource;

describe('SecureFlexibleServer: parameters beside it or overrides that silence audit logging fail synth', () => {
  test('log_min_messages = panic', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    new PostgresqlFlexibleServerConfiguration(stack, 'Quiet', { serverId: postgres.serverId, name: 'log_min_messages', value: 'panic' });
    expect(synthErrors(stack)).toEqual([
      '  [trust] azurerm_postgresql_flexible_server_configuration.Quiet PGF-LOG-9 server parameter log_min_messages is "panic", not a level that keeps LOG and ERROR lines (debug5, debug4, debug3, debug2, debug1, info, notice, warning, error). Fix: Remove the log_min_messages parameter or set it to "warning" (or "error"), and leave pgaudit.log_client "off" or pgaudit.log_level "log".',
    ]);
  });

  test.each([
    ['log_statement', 'ddl', 'server parameter log_statement is "ddl", not "none" (PostgreSQL\'s statement log writes passwords of CREATE and ALTER ROLE in clear text; pgaudit logs the statements with passwords redacted).'],
    ['pgaudit.log_statement', 'off', 'server parameter pgaudit.log_statement is "off", not "on" (audit lines with the statement text).'],
    ['log_min_duration_statement', '0', 'server parameter log_min_duration_statement is "0", not -1 (any threshold writes statements as typed, passwords of CREATE and ALTER ROLE included, into the exported log; pgaudit logs them with passwords redacted).'],
  ])('%s = %s', (name, value, message) => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    new PostgresqlFlexibleServerConfiguration(stack, 'Statements', { serverId: postgres.serverId, name, value });
    expect(synthErrors(stack)).toEqual([
      `  [trust] azurerm_postgresql_flexible_server_configuration.Statements PGF-LOG-11 ${message} Fix: ${rule.fix}`,
    ]);
  });

  test('an azurerm provider that does not restart the server after a static parameter (pgaudit stays unloaded)', () => {
    const stack = new TerraformStack(Testing.app(), 'trust');
    new AzurermProvider(stack, 'azurerm', { features: [{ postgresqlFlexibleServer: [{ restartServerOnConfigurationValueChange: false }] }] });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const preload = parameter(postgres, 'shared_preload_libraries');
    expect(synthErrors(stack)).toEqual([
      `  [trust] ${preload.terraformResourceType}.${preload.friendlyUniqueId} PGF-LOG-12 the azurerm provider azurerm sets features.postgresql_flexible_server.restart_server_on_configuration_value_change = false, `
      + `so shared_preload_libraries, which ${preload.terraformResourceType}.${preload.friendlyUniqueId} writes, takes effect only at the server's next restart: pgaudit stays unloaded until then. `
      + 'Fix: Remove restart_server_on_configuration_value_change from the azurerm provider\'s features block, or set it to true.',
    ]);
  });

  test('pgaudit.log_level = debug5 with pgaudit.log_client = on', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    new PostgresqlFlexibleServerConfiguration(stack, 'Client', { serverId: postgres.serverId, name: 'pgaudit.log_client', value: 'on' });
    new PostgresqlFlexibleServerConfiguration(stack, 'Level', { serverId: postgres.serverId, name: 'pgaudit.log_level', value: 'debug5' });
    expect(synthErrors(stack)).toEqual([
      '  [trust] azurerm_postgresql_flexible_server_configuration.Level PGF-LOG-9 server parameter pgaudit.log_level is "debug5" while pgaudit.log_client is "on", so pgaudit writes its audit lines below LOG and the server log drops them; set pgaudit.log_level to "log" or pgaudit.log_client to "off". Fix: Remove the log_min_messages parameter or set it to "warning" (or "error"), and leave pgaudit.log_client "off" or pgaudit.log_level "log".',
    ]);
  });

  test('the construct\'s pgaudit.log overridden to "read"', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    parameter(postgres, 'pgaudit.log').addOverride('value', 'read');
    expect(synthErrors(stack)).toEqual([
      '  [trust] azurerm_postgresql_flexible_server_configuration.Postgres_Parameter-pgauditlog_05171A4F PGF-LOG-10 server parameter pgaudit.log is "read", not a list that keeps the ddl and role classes on. Fix: Set the pgaudit.log parameter to a list that includes ddl and role, e.g. "ddl,role,misc".',
      expect.stringMatching(/PG-CFG-6 value is "read", where the construct's props set "ddl,role,misc"/),
    ]);
  });

  test('the classes\' justification suppresses PGF-LOG-10 only: pgaudit taken out of the preload list still fails', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ auditLogging: { pgauditLogClasses: [PgAuditLogClass.DDL, PgAuditLogClass.MISC], justification: REASON } }));
    parameter(postgres, 'shared_preload_libraries').addOverride('value', 'pg_cron');
    expect(synthErrors(stack)).toEqual([
      expect.stringMatching(/PGF-LOG-6 server parameter shared_preload_libraries is "pg_cron"/),
      expect.stringMatching(/PG-CFG-6 value is "pg_cron", where the construct's props set "pg_cron,pg_stat_statements,pgaudit"/),
    ]);
  });
});

describe('SecureSingleServer: parameters beside it that silence audit logging fail synth', () => {
  test('log_min_messages = fatal', () => {
    const stack = providerStack('trust');
    const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
    new PostgresqlConfiguration(stack, 'Quiet', { serverName: legacy.serverName, resourceGroupName: 'rg-legacy', name: 'log_min_messages', value: 'fatal' });
    expect(synthErrors(stack)).toEqual([
      '  [trust] azurerm_postgresql_configuration.Quiet PGS-LOG-8 server parameter log_min_messages is "fatal", not a level that keeps LOG and ERROR lines (debug5, debug4, debug3, debug2, debug1, info, notice, warning, error). Fix: Remove the log_min_messages parameter or set it to "warning" (or "error"), and leave pgaudit.log_client "off" or pgaudit.log_level "log".',
    ]);
  });

  test('the construct\'s pgaudit.log overridden to "read,write"', () => {
    const stack = providerStack('trust');
    const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
    parameter(legacy, 'pgaudit.log').addOverride('value', 'read,write');
    expect(synthErrors(stack)).toEqual([
      expect.stringMatching(/PGS-LOG-9 server parameter pgaudit\.log is "read,write", not a list that keeps the ddl and role classes on\./),
      expect.stringMatching(/PG-CFG-6 value is "read,write", where the construct's props set "ddl,role,misc"/),
    ]);
  });
});

describe('through the props, pgaudit classes without DDL or ROLE need a justification', () => {
  test.each<[string, PgAuditLogClass[], string]>([
    ['READ only', [PgAuditLogClass.READ], 'DDL or ROLE'],
    ['DDL without ROLE', [PgAuditLogClass.DDL, PgAuditLogClass.MISC], 'ROLE'],
    ['ROLE without DDL', [PgAuditLogClass.ROLE], 'DDL'],
  ])('SecureFlexibleServer refuses %s without one', (_, classes) => {
    expect(() => new SecureFlexibleServer(providerStack('trust'), 'Postgres', minimalProps({ auditLogging: { pgauditLogClasses: classes } }))).toThrow(
      'Invalid auditLogging.justification: (not set) is required to leave DDL or ROLE out of pgauditLogClasses. Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".',
    );
  });

  test('SecureSingleServer refuses a list without ROLE and without a justification', () => {
    expect(() => new SecureSingleServer(providerStack('trust'), 'Legacy', minimalSingleProps({ auditLogging: { pgauditLogClasses: [PgAuditLogClass.DDL] } }))).toThrow(
      'Invalid auditLogging.justification: (not set) is required to leave DDL or ROLE out of pgauditLogClasses. Fix: say why in at least 10 characters, e.g. "SEC-123: accepted by the security team until 2027-03".',
    );
  });

  test.each<[string, PgAuditLogClass[]]>([
    ['the default', [PgAuditLogClass.DDL, PgAuditLogClass.ROLE, PgAuditLogClass.MISC]],
    ['ALL', [PgAuditLogClass.ALL]],
    ['ROLE and DDL', [PgAuditLogClass.ROLE, PgAuditLogClass.DDL]],
  ])('%s needs none, and prints nothing', (_, classes) => {
    const stack = providerStack('trust');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ auditLogging: { pgauditLogClasses: classes } }));
    expect(synthErrors(stack)).toEqual([]);
    expect(warningsOf(stack).filter((w) => w.includes('PgAuditClassesReduced'))).toEqual([]);
  });

  test.each<[string, PgAuditLogClass[], string]>([
    ['READ and WRITE', [PgAuditLogClass.READ, PgAuditLogClass.WRITE], 'DDL or ROLE statements (pgaudit.log = "read,write")'],
    ['DDL and MISC', [PgAuditLogClass.DDL, PgAuditLogClass.MISC], 'ROLE statements (pgaudit.log = "ddl,misc")'],
  ])('SecureFlexibleServer with %s and a justification warns, passes synth and writes the classes', (_, classes, what) => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ auditLogging: { pgauditLogClasses: classes, justification: REASON } }));
    expect(synthErrors(stack)).toEqual([]);
    expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:PgAuditClassesReduced] pgaudit does not audit ${what}. Justification: "${REASON}".`);
    const synthesized = JSON.parse(Testing.synth(stack));
    const pgauditLog = Object.values(synthesized.resource.azurerm_postgresql_flexible_server_configuration as { [name: string]: { name: string; value: string } }).find((c) => c.name === 'pgaudit.log');
    expect(pgauditLog?.value).toBe(classes.join(','));
    expect(postgres.node.findChild('Parameter-pgaudit.log')).toBeDefined();
  });

  test('SecureSingleServer with READ and a justification warns and passes synth', () => {
    const stack = providerStack('trust');
    new SecureSingleServer(stack, 'Legacy', minimalSingleProps({ auditLogging: { pgauditLogClasses: [PgAuditLogClass.READ], justification: REASON } }));
    expect(synthErrors(stack)).toEqual([]);
    expect(warningsOf(stack)).toContain(`[cdktf-azure-postgres:PgAuditClassesReduced] pgaudit does not audit DDL or ROLE statements (pgaudit.log = "read"). Justification: "${REASON}".`);
  });
});
