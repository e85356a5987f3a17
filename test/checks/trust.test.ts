import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PostgresqlConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-configuration';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { PostgresqlFlexibleServerFirewallRule } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-firewall-rule';
import { DataPostgresqlSchemas } from '@cdktf/provider-postgresql/lib/data-postgresql-schemas';
import { DataPostgresqlSequences } from '@cdktf/provider-postgresql/lib/data-postgresql-sequences';
import { DataPostgresqlTables } from '@cdktf/provider-postgresql/lib/data-postgresql-tables';
import { GrantRole } from '@cdktf/provider-postgresql/lib/grant-role';
import { SecurityLabel } from '@cdktf/provider-postgresql/lib/security-label';
import { App, Fn, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import {
  DatabaseAccess, FlexibleServerAuthentication, FlexibleServerNetwork, PostgresSecurityChecks, SecureFlexibleServer, SecureSingleServer,
} from '../../lib';
import { evaluateStack, Finding } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { rule as PGD_IAM_6 } from '../../lib/checks/rules/PGD-IAM-6';
import { rule as PGD_IAM_7 } from '../../lib/checks/rules/PGD-IAM-7';
import { parseTerraformJson } from '../../lib/checks/terraform-json';
import { runCheck } from '../../lib/cli/check-command';
import { accessStack, minimalProps, minimalSingleProps, providerStack, synthErrors } from '../helpers';
import { compliantFlexibleServer, FLEXIBLE, flexibleParameters } from './rule-harness';

// The paths around the props, tried as an adversary would: overrides with constant expressions,
// values Terraform converts, suppressions written into the JSON, parameters set twice, firewall
// rules attached through expressions. None may weaken a server silently.

const REASON = 'break-glass access for the 2026-12 incident';
const OTHER_ID = '99999999-9999-9999-9999-999999999999';

/** A text as a regular expression that matches it literally. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}


function parameter(postgres: SecureFlexibleServer, name: string): TerraformResource {
  return postgres.node.findChild(`Parameter-${name}`) as TerraformResource;
}

describe('an override on a SecureFlexibleServer fails synth, whatever form its value takes', () => {
  test.each<[string, (postgres: SecureFlexibleServer) => void, RegExp]>([
    ['public access as "${true}"', (p) => p.server.addOverride('public_network_access_enabled', '${true}'), /PGF-NET-1 public_network_access_enabled is true, not false\./],
    ['public access as "true"', (p) => p.server.addOverride('public_network_access_enabled', 'true'), /PGF-NET-1 public_network_access_enabled is "true", not false\./],
    ['public access as "1"', (p) => p.server.addOverride('public_network_access_enabled', '1'), /PGF-NET-1 public_network_access_enabled is "1", not false\./],
    ['public access from a variable', (p) => p.server.addOverride('public_network_access_enabled', '${var.public}'), /PGF-NET-1 public_network_access_enabled is known only at apply time, so it cannot be judged at synth\./],
    ['public access from a conditional of constants', (p) => p.server.addOverride('public_network_access_enabled', '${1 == 1 ? true : false}'), /PGF-NET-1 public_network_access_enabled is true, not false\./],
    ['TLS off as "${"off"}"', (p) => parameter(p, 'require_secure_transport').addOverride('value', '${"off"}'), /PGF-TLS-1 server parameter require_secure_transport is "off", not "on"\./],
    ['TLS 1.0 as "${"TLSv1"}"', (p) => parameter(p, 'ssl_min_protocol_version').addOverride('value', '${"TLSv1"}'), /PGF-TLS-2 server parameter ssl_min_protocol_version is "TLSv1", not "TLSv1.2" or "TLSv1.3"\./],
    ['TLS from a local constant', (p) => {
      TerraformStack.of(p).addOverride('locals.tls', 'off');
      parameter(p, 'require_secure_transport').addOverride('value', '${local.tls}');
    }, /PGF-TLS-1 server parameter require_secure_transport is "off", not "on"\./],
    ['TLS off through a template directive', (p) => parameter(p, 'require_secure_transport').addOverride('value', '%{if true}off%{endif}'), /PGF-TLS-1 server parameter require_secure_transport is known only at apply time/],
    ['geo backup as "${false}"', (p) => p.server.addOverride('geo_redundant_backup_enabled', '${false}'), /PGF-BAK-1 geo_redundant_backup_enabled is false, not true\./],
    ['pgaudit.log "-all"', (p) => parameter(p, 'pgaudit.log').addOverride('value', '-all'), /PGF-LOG-6 server parameter pgaudit\.log is "-all", not a list that leaves at least one audit class on\./],
    ['pgaudit.log "ddl,-ddl"', (p) => parameter(p, 'pgaudit.log').addOverride('value', 'ddl,-ddl'), /PGF-LOG-6 server parameter pgaudit\.log is "ddl,-ddl"/],
    ['pgaudit.log ""', (p) => parameter(p, 'pgaudit.log').addOverride('value', ''), /PGF-LOG-6 server parameter pgaudit\.log is ""/],
    ['pgaudit dropped from azure.extensions', (p) => parameter(p, 'azure.extensions').addOverride('value', 'pg_trgm'), /PGF-LOG-6 server parameter azure\.extensions is "pg_trgm", not a list that includes pgaudit\./],
    ['password authentication turned on (a warning-level control)', (p) => p.server.addOverride('authentication.password_auth_enabled', true), /PGF-IAM-3 authentication\.password_auth_enabled is true, not false\./],
    ['prevent_destroy turned off', (p) => p.server.addOverride('lifecycle.prevent_destroy', false), /PGF-DEL-1 lifecycle\.prevent_destroy is false, so a plan may delete or replace the server and its data\./],
    ['high availability removed', (p) => p.server.addOverride('high_availability', undefined), /PGF-AVL-1 the server has no high_availability block/],
    ['high availability moved to SameZone (adversary F8)', (p) => p.server.addOverride('high_availability.mode', 'SameZone'), /PGF-AVL-1 high_availability\.mode is "SameZone": the standby is in the primary's zone, so a zone outage takes the server down\./],
    ['log_line_prefix without the user', (p) => parameter(p, 'log_line_prefix').addOverride('value', '%t-'), /PGF-LOG-7 server parameter log_line_prefix is "%t-"/],
    ['a parameter dropped with count = 0', (p) => parameter(p, 'log_connections').addOverride('count', 0), /PGF-LOG-2 server parameter log_connections is not set/],
    ['a parameter that may not exist (count from a variable)', (p) => parameter(p, 'log_connections').addOverride('count', '${var.n}'), /PGF-LOG-2 server parameter log_connections may not be set/],
    ['a parameter renamed to a name known only at apply time', (p) => parameter(p, 'log_connections').addOverride('name', '${var.name}'), /PGF-CFG-1 the name of server parameter resource/],
    ['the diagnostic setting\'s logs removed', (p) => (p.node.findChild('DiagnosticSetting') as TerraformResource).addOverride('enabled_log', undefined), /PGF-LOG-8 the diagnostic setting sends metrics only/],
  ])('%s', (_, weaken, finding) => {
    const stack = providerStack('trust');
    weaken(new SecureFlexibleServer(stack, 'Postgres', minimalProps()));
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringMatching(finding)]));
  });

  test('on password authentication, MD5 instead of SCRAM fails synth', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({
      authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: REASON }),
    }));
    parameter(postgres, 'password_encryption').addOverride('value', 'md5');
    parameter(postgres, 'azure.accepted_password_auth_method').addOverride('value', 'md5,scram-sha-256');
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([
      expect.stringMatching(/PGF-IAM-6 server parameter password_encryption is "md5", not "scram-sha-256"\./),
    ]));
  });

  test('with its defaults, it passes synth', () => {
    const stack = providerStack('trust');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    expect(synthErrors(stack)).toEqual([]);
  });
});

describe('resources beside a SecureFlexibleServer that weaken it fail synth', () => {
  test('a second require_secure_transport, in another letter case', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    new PostgresqlFlexibleServerConfiguration(stack, 'Sneaky', { serverId: postgres.serverId, name: 'REQUIRE_SECURE_TRANSPORT', value: 'off' });
    const errors = synthErrors(stack);
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/azurerm_postgresql_flexible_server_configuration\.Sneaky PGF-TLS-1 server parameter require_secure_transport is "off"/),
      expect.stringMatching(/PGF-CFG-1 server parameter require_secure_transport is set by 2 resources/),
    ]));
  });

  test('a firewall rule attached through a function of the server ID', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    new PostgresqlFlexibleServerFirewallRule(stack, 'Open', { serverId: Fn.lower(postgres.serverId), name: 'open', startIpAddress: '1.0.0.0', endIpAddress: '255.255.255.255' });
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringMatching(/azurerm_postgresql_flexible_server_firewall_rule\.Open PGF-NET-4/)]));
  });
});

describe('suppressions must be visible, literal and added through suppress()', () => {
  test('a suppression list written into the JSON by an override suppresses nothing and fails synth', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    postgres.server.addOverride('public_network_access_enabled', true);
    stack.addOverride('//.cdktf-azure-postgres-suppressions', [{ path: 'trust', ruleId: 'PGF-NET-1', reason: REASON }]);
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([
      expect.stringMatching(/\(stack\) PG-SUP-1 a suppression \(.*PGF-NET-1.*\) was written into the JSON by an override, not added through PostgresSecurityChecks\.suppress, so it suppresses nothing\./),
      expect.stringMatching(/PGF-NET-1 public_network_access_enabled is true, not false\./),
    ]));
  });

  test('an override cannot lift the enforcement of a construct', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    postgres.server.addOverride('lifecycle.prevent_destroy', false);
    stack.addOverride('//.cdktf-azure-postgres-enforced', []);
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringMatching(/PGF-DEL-1/)]));
  });

  test('a suppression through suppress() with a literal reason is honoured', () => {
    const stack = providerStack('trust');
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    postgres.server.addOverride('lifecycle.prevent_destroy', false);
    PostgresSecurityChecks.suppress(postgres.server, 'PGF-DEL-1', REASON);
    expect(synthErrors(stack)).toEqual([]);
  });

  test.each<[string, unknown]>([
    ['ten zero-width spaces', '\u200b'.repeat(10)],
    ['blanks around a short word', '     short     '],
    ['a template', 'see ${var.ticket} for the reason'],
    ['a number', 1234567890123],
  ])('suppress() refuses a reason of %s', (_, reason) => {
    expect(() => PostgresSecurityChecks.suppress(providerStack('trust'), 'PGF-NET-1', reason as string)).toThrow(/^Invalid reason: /);
  });

  test('suppress() refuses a rule id the pack does not have, so a typo cannot suppress nothing silently', () => {
    expect(() => PostgresSecurityChecks.suppress(providerStack('trust'), 'PGF-NET-99', REASON)).toThrow(/^Invalid ruleId: "PGF-NET-99" is not a rule of the pack\./);
    expect(() => PostgresSecurityChecks.suppress(providerStack('trust'), 'PG-SUP-1', REASON)).toThrow(/^Invalid ruleId: "PG-SUP-1"/);
  });

  test('a suppression path without its "/" does not cover a sibling construct', () => {
    const terraform = {
      resource: {
        [FLEXIBLE]: {
          a: { ...compliantFlexibleServer(), '//': { metadata: { path: 'stack/Postgres' } } },
          b: { ...compliantFlexibleServer({ name: 'other' }), '//': { metadata: { path: 'stack/Postgres2' } } },
        },
      },
      '//': { 'cdktf-azure-postgres-suppressions': [{ path: 'stack/Postgres', ruleId: 'PGF-LOG-1', reason: REASON }] },
    };
    const statuses = evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.ruleId === 'PGF-LOG-1').map((f) => [f.server, f.status]);
    expect(statuses).toEqual([[`${FLEXIBLE}.a`, 'suppressed'], [`${FLEXIBLE}.b`, 'fail']]);
  });
});

describe('the verdict does not depend on key order, and synth and check agree', () => {
  const parameters = (first: string, second: string) => ({
    [FLEXIBLE]: { db: compliantFlexibleServer() },
    azurerm_postgresql_flexible_server_configuration: {
      ...flexibleParameters({ require_secure_transport: first }),
      again: { name: 'require_secure_transport', value: second, server_id: `\${${FLEXIBLE}.db.id}` },
    },
  });
  const verdict = (findings: readonly Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => f.status);

  test('a bad value fails wherever it stands', () => {
    for (const [first, second] of [['on', 'off'], ['off', 'on']]) {
      const { findings } = evaluateStack({ resource: parameters(first, second) }, ALL_RULES);
      expect(verdict(findings, 'PGF-TLS-1')).toEqual(['fail']);
      expect(verdict(findings, 'PGF-CFG-1')).toEqual(['fail']);
    }
  });

  test('the CLI, reading the written file, finds what synth found', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'trust-'));
    const app = new App({ outdir });
    const stack = providerStack('trust', app);
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    new PostgresqlFlexibleServerConfiguration(stack, 'Again', { serverId: postgres.serverId, name: 'Require_Secure_Transport', value: 'off' });
    postgres.server.addOverride('authentication.password_auth_enabled', 'true');
    // Synth refuses the stack (even with skipValidation): the file is written as cdktf would have.
    expect(() => app.synth()).toThrow(/PGF-TLS-1/);
    const file = join(outdir, 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(stack.toTerraform(), null, 2));
    const inProcess = evaluateStack(stack.toTerraform(), ALL_RULES).findings;
    const fromFile = evaluateStack(parseTerraformJson(readFileSync(file, 'utf8')), ALL_RULES).findings;
    expect(fromFile).toEqual(inProcess);
    const failed = inProcess.filter((f) => f.status === 'fail').map((f) => `${f.ruleId} ${f.severity}`);
    expect(failed).toEqual(expect.arrayContaining(['PGF-TLS-1 error', 'PGF-CFG-1 error', 'PGF-IAM-3 error']));
    const out: string[] = [];
    expect(runCheck(['check', file], { out: (line) => out.push(line), err: () => undefined })).toBe(1);
    expect(out.join('\n')).toMatch(/ERROR\s+PGF-IAM-3/);
  });
});

describe('firewall rules reach their server however they point at it', () => {
  const WIDE = { name: 'wide', start_ip_address: '1.0.0.0', end_ip_address: '255.255.255.255' };
  test.each<[string, object]>([
    ['a local', { locals: { sid: `\${${FLEXIBLE}.db.id}` }, resource: { azurerm_postgresql_flexible_server_firewall_rule: { r: { ...WIDE, server_id: '${local.sid}' } } } }],
    ['a function of the server ID', { resource: { azurerm_postgresql_flexible_server_firewall_rule: { r: { ...WIDE, server_id: `\${trimspace(${FLEXIBLE}.db.id)}` } } } }],
    ['a data source of the server', { data: { [FLEXIBLE]: { d: { name: 'orders-db', resource_group_name: 'rg' } } }, resource: { azurerm_postgresql_flexible_server_firewall_rule: { r: { ...WIDE, server_id: `\${data.${FLEXIBLE}.d.id}` } } } }],
    ['another stack\'s output', { resource: { azurerm_postgresql_flexible_server_firewall_rule: { r: { ...WIDE, server_id: '${data.terraform_remote_state.db.outputs.id}' } } } }],
    ['for_each over ranges', { resource: { azurerm_postgresql_flexible_server_firewall_rule: { r: { name: '${each.key}', for_each: '${var.ranges}', server_id: `\${${FLEXIBLE}.db.id}`, start_ip_address: '${each.value.start}', end_ip_address: '${each.value.end}' } } } }],
  ])('through %s: a wide or unknown range fails', (_, partial) => {
    const terraform = { ...partial, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, ...(partial as { resource: object }).resource } };
    const failed = evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.ruleId === 'PGF-NET-4' && f.status === 'fail');
    expect(failed).toHaveLength(1);
    expect(failed[0].address).toBe('azurerm_postgresql_flexible_server_firewall_rule.r');
  });
});

describe('an override inside the database of a SecureFlexibleServer fails synth', () => {
  const withAccess = () => accessStack('trust');
  const find = (access: DatabaseAccess, type: string, name: RegExp) =>
    access.node.findAll().find((c) => c instanceof TerraformResource && (c as TerraformResource).terraformResourceType === type && name.test(c.node.path)) as TerraformResource;

  test('with its defaults, it passes', () => {
    expect(synthErrors(withAccess().stack)).toEqual([]);
  });

  test('a membership of pg_monitor fails synth, and passes when suppressed with a reason', () => {
    const { stack, access } = withAccess();
    const monitor = new GrantRole(access, 'Monitor', { provider: access.provider, role: 'orders_app', grantRole: 'pg_monitor' });
    // A membership DatabaseAccess did not declare either (PGD-IAM-13): both are waived, each with its reason.
    expect(synthErrors(stack)).toEqual([
      expect.stringMatching(/PGD-IAM-6 role orders_app is made a member of pg_monitor, reads every session's query text and every setting\./),
      expect.stringMatching(/PGD-IAM-13 role orders_app is made a member of pg_monitor by postgresql_grant_role\.\S+; trust\/Access makes it a member of orders_readwrite only\./),
    ]);
    PostgresSecurityChecks.suppress(monitor, 'PGD-IAM-6', 'the monitoring agent reads pg_stat_activity (SEC-812)');
    PostgresSecurityChecks.suppress(monitor, 'PGD-IAM-13', 'the monitoring agent reads pg_stat_activity (SEC-812)');
    expect(synthErrors(stack)).toEqual([]);
  });

  // cyrilgdn/postgresql 1.26's data sources write their filters between single quotes they do not double and run the
  // query at every plan as the DatabaseAccess provider (data_source_helpers.go; thirty-third run, A33a-3).
  const INJECTED = 'x\']); COMMIT; ALTER ROLE "orders_app" CREATEROLE; --';
  test.each([
    ['postgresql_tables like_any_patterns', (a: DatabaseAccess) => new DataPostgresqlTables(a, 'Lookup', { provider: a.provider, database: 'orders', likeAnyPatterns: [INJECTED] })],
    ['postgresql_tables regex_pattern', (a: DatabaseAccess) => new DataPostgresqlTables(a, 'Lookup', { provider: a.provider, database: 'orders', regexPattern: "x'; COMMIT; DROP ROLE orders_app; --" })],
    ['postgresql_tables table_types', (a: DatabaseAccess) => new DataPostgresqlTables(a, 'Lookup', { provider: a.provider, database: 'orders', tableTypes: [INJECTED] })],
    ['postgresql_schemas not_like_all_patterns', (a: DatabaseAccess) => new DataPostgresqlSchemas(a, 'Lookup', { provider: a.provider, database: 'orders', notLikeAllPatterns: [INJECTED] })],
    ['postgresql_sequences schemas from a token', (a: DatabaseAccess) => new DataPostgresqlSequences(a, 'Lookup', { provider: a.provider, database: 'orders', schemas: new TerraformVariable(a, 'Schemas', { type: 'list(string)' }).listValue })],
  ])('a data source on its provider with %s it cannot read fails PGD-CFG-1 (A33a-3), and passes when suppressed with a reason', (_n, lookup) => {
    const { stack, access } = withAccess();
    const read = lookup(access);
    expect(synthErrors(stack)).toEqual([expect.stringMatching(/^ *\[trust\] (data\.postgresql_\w+\.\S+) PGD-CFG-1 \1 has \w+ .*which cyrilgdn\/postgresql writes between single quotes it does not double: the checks cannot tell what SQL it runs at every plan/)]);
    PostgresSecurityChecks.suppress(read, 'PGD-CFG-1', 'the lookup was reviewed by hand (SEC-901)');
    expect(synthErrors(stack)).toEqual([]);
  });

  test('data sources on its provider with plain filters pass', () => {
    const { stack, access } = withAccess();
    new DataPostgresqlTables(access, 'Tables', { provider: access.provider, database: 'orders', schemas: ['public'], tableTypes: ['BASE TABLE'], likeAnyPatterns: ['orders\\_%'], regexPattern: '^orders_\\d+$' });
    new DataPostgresqlSchemas(access, 'Schemas', { provider: access.provider, database: 'orders', likeAllPatterns: ['s%'] });
    expect(synthErrors(stack)).toEqual([]);
  });

  test('a role\'s password ignored (rotated outside Terraform) passes PGF-CFG-2', () => {
    const { stack, access } = withAccess();
    find(access, 'postgresql_role', /Role-orders_app/).addOverride('lifecycle.ignore_changes', ['password']);
    expect(synthErrors(stack)).toEqual([]);
  });

  test.each<[string, (access: DatabaseAccess) => void, RegExp]>([
    ['a role made superuser', (a) => find(a, 'postgresql_role', /Role-orders_app/).addOverride('superuser', true), /PGD-IAM-1 role orders_app has superuser = true\./],
    ['a revoke from PUBLIC turned into a grant', (a) => find(a, 'postgresql_grant', /Revoke.*database|public.*database|database.*public/i).addOverride('privileges', ['CONNECT']), /PGD-IAM-4 PUBLIC is granted \["CONNECT"\]/],
    ['pgaudit removed from the database', (a) => find(a, 'postgresql_extension', /Pgaudit/).addOverride('name', 'pg_trgm'), /PGD-LOG-1 database orders has no pgaudit extension/],
    ['a login role made a member of azure_pg_admin', (a) => find(a, 'postgresql_role', /Role-orders_app/).addOverride('roles', ['azure_pg_admin']), new RegExp(`PGD-IAM-6 role orders_app is made a member of azure_pg_admin, the group of the server's administrators \\(CREATEROLE over every role, every database\\)\\. Fix: ${escape(PGD_IAM_6.fix)}$`)],
    ['a raw membership of azure_pg_admin', (a) => new GrantRole(a, 'Escalate', { provider: a.provider, role: 'orders_app', grantRole: 'azure_pg_admin' }), /PGD-IAM-6 role orders_app is made a member of azure_pg_admin, the group of the server's administrators \(CREATEROLE over every role, every database\)\./],
    ['a raw membership of pg_write_all_data', (a) => new GrantRole(a, 'Escalate', { provider: a.provider, role: 'orders_app', grantRole: 'pg_write_all_data' }), /PGD-IAM-6 role orders_app is made a member of pg_write_all_data, writes every table of every database\./],
    ['the Entra administrator\'s role mapped to another identity', (a) => new SecurityLabel(a, 'Hijack', { provider: a.provider, objectType: 'role', objectName: 'db-admins', labelProvider: 'pgaadauth', label: `aadauth,oid=${OTHER_ID},type=user` }),
      new RegExp(`PGD-IAM-7 role db-admins, an administrator's role, is mapped to aadauth,oid=${OTHER_ID},type=user: Azure maps its administrators itself, and another mapping lets another identity sign in as the administrator\\. Fix: ${escape(PGD_IAM_7.fix)}$`)],
    ['an Entra role\'s label made an administrator\'s', (a) => find(a, 'postgresql_security_label', /EntraLabel/).addOverride('label', 'aadauth,oid=66666666-7777-8888-9999-000000000001,type=service,admin'),
      /PGD-IAM-7 role orders_app is given the pgaadauth label "aadauth,oid=66666666-7777-8888-9999-000000000001,type=service,admin", which is not a plain mapping "aadauth,oid=<object ID>,type=user\|group\|service"\./],
    ...[' role', 'ROLE\n', '\trole', 'role/**/'].map((objectType) => [`the Entra administrator's role mapped to another identity by a label with object_type ${JSON.stringify(objectType)} (A32a-2)`,
      (a: DatabaseAccess) => new SecurityLabel(a, 'Hijack', { provider: a.provider, objectType, objectName: 'db-admins', labelProvider: 'pgaadauth', label: `aadauth,oid=${OTHER_ID},type=user,admin` }),
      /PGD-IAM-7 role db-admins is given the pgaadauth label "aadauth,oid=[\w-]+,type=user,admin", which is not a plain mapping/] as [string, (a: DatabaseAccess) => void, RegExp]),
    ['an Entra role\'s label re-pointed by an object_type that runs other SQL (A32a-2)', (a) => find(a, 'postgresql_security_label', /EntraLabel/).addOverride('object_type', 'ROLE "db-admins" IS \'aadauth,oid=1,type=user,admin\'; SECURITY LABEL FOR pgaadauth ON ROLE'),
      /PGD-IAM-7 postgresql_security_label\.[\w-]+ has object_type .*which PostgreSQL does not read as one object type: it may map a role to another Entra identity/],
    ['a role\'s superuser attribute ignored (adversary F8)', (a) => find(a, 'postgresql_role', /Role-orders_app/).addOverride('lifecycle.ignore_changes', ['superuser']), /PGF-CFG-2 lifecycle\.ignore_changes of postgresql_role\.[\w-]+ holds superuser/],
  ])('%s', (_, weaken, finding) => {
    const { stack, access } = withAccess();
    weaken(access);
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringMatching(finding)]));
  });
});

// Every resource that reaches a server is judged, however it spells the server: IDs as azurerm
// parses them, names in any case, and IDs the model cannot place judged on a server of their own.

const SERVER_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db';
const PUBLIC = FlexibleServerNetwork.publicAccess({ allowedIpRanges: [{ name: 'office', startIpAddress: '198.51.100.16', endIpAddress: '198.51.100.31' }], justification: REASON });

/** The check command's exit code and output on what a real app.synth() writes (skipping validations, so a failing stack is written). */
function check(build: (stack: TerraformStack) => void): { code: number; out: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'reach-'));
  const stack = providerStack('trust', new App({ outdir }));
  build(stack);
  // Synth refuses such a stack (even with skipValidation), so the file is written as cdktf would have.
  const file = join(outdir, 'cdk.tf.json');
  writeFileSync(file, JSON.stringify(stack.toTerraform(), null, 2));
  const out: string[] = [];
  const code = runCheck(['check', file], { out: (line) => out.push(line), err: (line) => out.push(line) });
  return { code, out: out.join('\n') };
}

/** The lines a SecureFlexibleServer's synth fails with when a wide firewall rule and a TLS-off parameter reach it. */
const WIDE_AND_TLS_OFF = [
  '  [trust] azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 PGF-NET-8 the firewall rules open 1476395025 addresses together (overlaps counted once), more than 256 (a /24); the widest is 11.0.0.0-99.0.0.0 (azurerm_postgresql_flexible_server_firewall_rule.Wide). Fix: Narrow the firewall rules to the addresses your clients connect from (256 in total at most), or justify wider ranges (publicAccess.wideRanges, or a suppression with a reason).',
  '  [trust] azurerm_postgresql_flexible_server_configuration.TlsOff PGF-TLS-1 server parameter require_secure_transport is "off", not "on". Fix: Add an azurerm_postgresql_flexible_server_configuration require_secure_transport = "on".',
  '  [trust] azurerm_postgresql_flexible_server_configuration.TlsOff PGF-CFG-1 server parameter require_secure_transport is set by 2 resources (azurerm_postgresql_flexible_server_configuration.Postgres_Parameter-require_secure_transport_842FA61E, azurerm_postgresql_flexible_server_configuration.TlsOff), so its value depends on which Azure applies last. Fix: Keep one azurerm_postgresql_flexible_server_configuration per parameter name, with a literal name.',
  '  [trust] azurerm_postgresql_flexible_server_firewall_rule.Wide PG-NET-1 azurerm_postgresql_flexible_server_firewall_rule.Wide lets "11.0.0.0" to "99.0.0.0" through the server\'s firewall, a path trust/Postgres does not declare. Fix: Declare the path through the construct\'s network props, or review it and suppress PG-NET-1 on the resource with the reason; remove overrides of delegated_subnet_id and private_dns_zone_id.',
];

describe('F1: a server ID azurerm accepts reaches its server, however it is written', () => {
  test.each<[string, string]>([
    ['a "/" after the name', `${SERVER_ID}/`],
    ['the name in upper case', SERVER_ID.replace('orders-db', 'ORDERS-DB')],
    ['the subscription from a data source', SERVER_ID.replace('00000000-0000-0000-0000-000000000000', '${data.azurerm_client_config.c.subscription_id}')],
    ['no leading "/"', SERVER_ID.slice(1)],
  ])('a TLS-off parameter and a wide firewall rule with %s fail the construct\'s synth and the check command', (_, serverId) => {
    const build = (stack: TerraformStack) => {
      new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: PUBLIC }));
      new PostgresqlFlexibleServerFirewallRule(stack, 'Wide', { serverId, name: 'wide', startIpAddress: '11.0.0.0', endIpAddress: '99.0.0.0' });
      new PostgresqlFlexibleServerConfiguration(stack, 'TlsOff', { serverId, name: 'require_secure_transport', value: 'off' });
    };
    const stack = providerStack('trust');
    build(stack);
    expect(synthErrors(stack)).toEqual(WIDE_AND_TLS_OFF);
    expect(check(build).code).toBe(1);
  });
});

describe('F9: a literal server name reaches the server whatever its letter case', () => {
  test.each(['LEGACY-DB', 'legacy-db '])('a log_connections = off on a Single Server named %j fails the construct\'s synth', (serverName) => {
    const stack = providerStack('trust');
    new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
    new PostgresqlConfiguration(stack, 'Quiet', { serverName, resourceGroupName: 'rg-legacy', name: 'log_connections', value: 'off' });
    expect(synthErrors(stack).filter((line) => line.includes(' PGS-LOG-2 '))).toEqual([
      '  [trust] azurerm_postgresql_configuration.Quiet PGS-LOG-2 server parameter log_connections is "off", not "on". Fix: Add an azurerm_postgresql_configuration log_connections = "on" for the server.',
    ]);
  });
});

describe('F1: a server ID with an empty segment is judged (on the server it names)', () => {
  const build = (stack: TerraformStack) => {
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: PUBLIC }));
    new PostgresqlFlexibleServerConfiguration(stack, 'TlsOff', { serverId: `${SERVER_ID}//`, name: 'require_secure_transport', value: 'off' });
  };

  test('the check command fails it', () => {
    const { code, out } = check(build);
    expect(code).toBe(1);
    expect(out.split('\n')).toContain('  ERROR      PGF-TLS-1  azurerm_postgresql_flexible_server_configuration.TlsOff: server parameter require_secure_transport is "off", not "on". Fix: Add an azurerm_postgresql_flexible_server_configuration require_secure_transport = "on".');
  });

  // Twenty-third run, A23-3: a "//" (an empty segment) is dropped wherever it stands, as a cleaned URL path drops it: the ID is the
  // construct's server, which judges the parameter as its own (it listed it as not judged before).
  test('the construct reads it as its own server\'s parameter and fails it', () => {
    const stack = providerStack('trust');
    build(stack);
    const evaluation = evaluateStack(stack.toTerraform(), ALL_RULES, { inScope: (server) => server.constructPath?.startsWith('trust/Postgres/') === true });
    expect(evaluation.unjudged.map((r) => r.address)).toEqual([]);
    expect(evaluation.findings.filter((f) => f.ruleId === 'PGF-TLS-1' && f.status === 'fail').map((f) => f.status === 'fail' && f.address)).toEqual(['azurerm_postgresql_flexible_server_configuration.TlsOff']);
  });
});

describe('F3: resources that act on a server through types no rule reads fail synth', () => {
  const build = (stack: TerraformStack) => {
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ network: PUBLIC }));
    stack.addOverride('resource.azapi_resource.fw', { type: 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01', name: 'all', parent_id: postgres.serverId, body: { properties: { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' } } });
    stack.addOverride('module.fw', { source: 'git::https://example.com/m.git//pg-firewall', server_id: postgres.serverId });
    postgres.server.addOverride('provisioner', [{ 'local-exec': { command: 'az postgres flexible-server parameter set --name require_secure_transport --value off -s orders-db -g rg-orders' } }]);
    return postgres;
  };

  test('an azapi resource, a module given the server ID and a provisioner on the construct\'s server', () => {
    const stack = providerStack('trust');
    build(stack);
    expect(synthErrors(stack)).toEqual([
      '  [trust] azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 PG-CFG-2 the resource, which trust/Postgres makes, has a provisioner block, so commands no rule reads may change what the construct made. Fix: Remove the count, for_each, OpenTofu lifecycle.enabled or lifecycle.destroy, lifecycle.replace_triggered_by, provisioner or connection override; change the construct\'s props instead.',
      '  [trust] azapi_resource.fw PG-CFG-3 an azapi_resource of type "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01" reaches the server; no rule reads what it does there, so it cannot be judged. Fix: Manage the server with the azurerm PostgreSQL resources the rules read, or review the resource by hand and suppress PG-CFG-3 on it with the reason.',
      '  [trust] azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 PG-CFG-3 a provisioner (local-exec) reaches the server; no rule reads what it does there, so it cannot be judged. Fix: Manage the server with the azurerm PostgreSQL resources the rules read, or review the resource by hand and suppress PG-CFG-3 on it with the reason.',
      '  [trust] module.fw PG-CFG-3 a module reaches the server; no rule reads what it does there, so it cannot be judged. Fix: Manage the server with the azurerm PostgreSQL resources the rules read, or review the resource by hand and suppress PG-CFG-3 on it with the reason.',
    ]);
  });
});

describe('overrides of controls whose props need a justification fail synth (adversary F8)', () => {
  test.each<[string, (p: SecureFlexibleServer) => void, RegExp]>([
    ['ignore_changes = "all"', (p) => p.server.addOverride('lifecycle.ignore_changes', 'all'), /PGF-CFG-2 lifecycle\.ignore_changes of azurerm_postgresql_flexible_server\.[\w-]+ is "all"/],
    [
      'public access and authentication ignored, through the lifecycle setter',
      (p) => { p.server.lifecycle = { preventDestroy: true, ignoreChanges: ['zone', 'public_network_access_enabled', 'authentication'] }; },
      /PGF-CFG-2 lifecycle\.ignore_changes of azurerm_postgresql_flexible_server\.[\w-]+ holds public_network_access_enabled, authentication: Terraform would not correct drift of those settings/,
    ],
    ['the TLS parameter\'s value ignored', (p) => parameter(p, 'require_secure_transport').addOverride('lifecycle.ignore_changes', ['value']), /PGF-CFG-2 lifecycle\.ignore_changes of azurerm_postgresql_flexible_server_configuration\.[\w-]+ holds value/],
  ])('%s', (_, weaken, finding) => {
    const stack = providerStack('trust');
    weaken(new SecureFlexibleServer(stack, 'Postgres', minimalProps()));
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringMatching(finding)]));
  });

  test.each<[string, { [key: string]: unknown }, RegExp]>([
    ['every alert type disabled', { disabled_alerts: ['Sql_Injection', 'Sql_Injection_Vulnerability', 'Access_Anomaly', 'Data_Exfiltration', 'Unsafe_Action'] }, /PGS-THR-1 threat_detection_policy\.disabled_alerts turns off "Sql_Injection"/],
    ['no one notified', { email_account_admins: false }, /PGS-THR-1 threat_detection_policy notifies no one: email_account_admins is false and email_addresses is empty/],
    ['a one-day retention', { retention_days: 1 }, /PGS-THR-1 threat_detection_policy\.retention_days is 1: threat detection logs are kept less than 90 days/],
  ])('Single Server threat detection: %s', (_, policy, finding) => {
    const stack = providerStack('trust');
    const legacy = new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
    for (const [key, value] of Object.entries(policy)) legacy.server.addOverride(`threat_detection_policy.${key}`, value);
    expect(synthErrors(stack)).toEqual(expect.arrayContaining([expect.stringMatching(finding)]));
  });

  test('with its defaults, a SecureSingleServer passes these rules', () => {
    const stack = providerStack('trust');
    new SecureSingleServer(stack, 'Legacy', minimalSingleProps());
    expect(synthErrors(stack).filter((line) => /PGS-THR-1|PGS-CFG-2/.test(line))).toEqual([]);
  });
});
