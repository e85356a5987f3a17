import * as fc from 'fast-check';
import { evaluateStack } from '../../lib/checks/evaluate';
import { buildReport } from '../../lib/checks/report';
import { ALL_RULES, CATALOG } from '../../lib/checks/rules';
import { compliantFlexibleServer, FLEXIBLE, SINGLE } from './rule-harness';

// Any JSON value, put anywhere the stack model reads, is either judged or reported as a problem
// (the check command exits 2): the model, the rules and the report never throw on what a file holds.
// FUZZ_RUNS=<n> PROPERTY_SEED=<seed> runs more, or other, cases.

const REF = `\${${FLEXIBLE}.db.id}`;
const SERVER_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db';

/** A stack with every kind of block the model reads. */
const BASE = {
  '//': { 'cdktf-azure-postgres-suppressions': [{ path: 'stack/db', ruleId: 'PGF-ENC-1', reason: 'platform keys accepted for this test' }] },
  terraform: { required_providers: { azurerm: { source: 'azurerm', version: '4.55.0' } }, backend: { local: {} } },
  locals: { tls: 'on', sid: REF },
  variable: { v: { type: 'string' } },
  output: { o: { value: REF } },
  provider: { azurerm: [{ features: [{}] }], postgresql: [{ host: `\${${FLEXIBLE}.db.fqdn}`, alias: 'db', sslmode: 'verify-full' }] },
  module: { m: { source: './m', server_id: REF } },
  data: { [FLEXIBLE]: { d: { name: 'orders-db', resource_group_name: 'rg' } } },
  resource: {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), '//': { metadata: { path: 'stack/db' } } } },
    [SINGLE]: { legacy: { name: 'legacy-db', ssl_enforcement_enabled: true, threat_detection_policy: { enabled: true } } },
    azurerm_postgresql_flexible_server_configuration: { tls: { name: 'require_secure_transport', value: '${local.tls}', server_id: '${local.sid}' } },
    azurerm_postgresql_flexible_server_firewall_rule: { r: { name: 'r', server_id: `${SERVER_ID}/`, start_ip_address: '203.0.113.1', end_ip_address: '203.0.113.9' } },
    azurerm_postgresql_flexible_server_active_directory_administrator: { a: { server_name: 'orders-db', object_id: 'o', principal_name: 'p', principal_type: 'Group', tenant_id: 't' } },
    azurerm_postgresql_configuration: { c: { name: 'log_connections', value: 'on', server_name: `\${${SINGLE}.legacy.name}` } },
    azurerm_monitor_diagnostic_setting: { d: { target_resource_id: REF, log_analytics_workspace_id: 'w', enabled_log: [{ category_group: 'audit' }] } },
    azurerm_private_endpoint: { e: { private_service_connection: [{ private_connection_resource_id: `\${${SINGLE}.legacy.id}` }], private_dns_zone_group: [{ private_dns_zone_ids: ['${azurerm_private_dns_zone.z.id}'] }] } },
    azurerm_subnet: { db: { name: 's', virtual_network_name: 'v', resource_group_name: 'rg', delegation: [{ name: 'd' }] } },
    azurerm_network_security_group: { g: { name: 'g', resource_group_name: 'rg', security_rule: [{ name: 'x', direction: 'Inbound', access: 'Allow', destination_port_range: '5432', source_address_prefix: '10.0.0.0/24' }] } },
    azurerm_network_security_rule: { n: { name: 'n', network_security_group_name: 'g', resource_group_name: 'rg', direction: 'Inbound', access: 'Allow', destination_port_range: '5432', source_address_prefix: '*' } },
    azurerm_subnet_network_security_group_association: { a: { subnet_id: '${azurerm_subnet.db.id}', network_security_group_id: '${azurerm_network_security_group.g.id}' } },
    azurerm_private_dns_zone: { z: { name: 'privatelink.postgres.database.azure.com', resource_group_name: 'rg' }, db: { name: 'orders.postgres.database.azure.com', resource_group_name: 'rg' } },
    postgresql_role: { r: { provider: 'postgresql.db', name: 'app', login: true, roles: ['reader'] } },
    postgresql_grant: { g: { provider: 'postgresql.db', role: '${postgresql_role.r.name}', database: 'app', object_type: 'table', privileges: ['SELECT'] } },
    azapi_resource: { fw: { type: 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01', parent_id: REF, body: { properties: {} } } },
    terraform_data: { t: { input: REF, provisioner: [{ 'local-exec': { command: 'echo ${self.input}' } }] } },
  },
};

/** Every path of the base stack, to the sections, blocks and values in it. */
function pathsOf(value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [path];
  const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
  return [path, ...entries.flatMap(([key, item]) => pathsOf(item, [...path, key]))];
}
const PATHS = pathsOf(BASE).filter((path) => path.length > 0);

function replaced(path: string[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(BASE));
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key];
  Object.defineProperty(at, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** JSON values, and strings Terraform reads as expressions or IDs. */
const TEXTS = fc.constantFrom('', ' ', '/', '${', '${var.x}', '%{if true}x%{endif}', REF, `${SERVER_ID}//`, '${local.tls}', '${local.nope}', '__proto__', 'constructor', 'ORDERS-DB', '${each.key}', '${count.index}', '$${x}');
const VALUES = fc.oneof(fc.jsonValue({ maxDepth: 3 }), TEXTS, fc.array(TEXTS, { maxLength: 3 }), fc.dictionary(fc.constantFrom('__proto__', 'name', 'server_id', 'toString', 'local-exec'), fc.oneof(TEXTS, fc.jsonValue({ maxDepth: 1 })), { maxKeys: 3 }));

test('the base stack is judged', () => {
  const evaluation = evaluateStack(BASE, ALL_RULES);
  expect(evaluation.problems).toEqual([]);
  expect(evaluation.findings.length).toBeGreaterThan(0);
});

test('any JSON value anywhere the model reads is judged or a problem, never a throw', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: PATHS.length - 1 }), VALUES, (index, value) => {
    const evaluation = evaluateStack(replaced(PATHS[index], value), ALL_RULES);
    expect(evaluation.problems.length > 0 || evaluation.findings.length > 0).toBe(true);
    buildReport('stack', evaluation, CATALOG, { synthFailed: false });
  }), { numRuns: Number(process.env.FUZZ_RUNS ?? 500), seed: Number(process.env.PROPERTY_SEED ?? 20261128) });
});

test('a rule that throws on a value it did not foresee makes a problem, not a crash', () => {
  const throwing = { ...ALL_RULES[0], evaluate: () => String({ toString: '' }) as never };
  const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } } };
  expect(evaluateStack(terraform, [throwing])).toEqual({
    servers: [], findings: [], warnings: [], unjudged: [],
    problems: [`${FLEXIBLE}.db cannot be read by ${ALL_RULES[0].id} (Cannot convert object to primitive value)`],
  });
});
