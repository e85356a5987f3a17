import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { evaluateStack, Finding } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { checkStack } from '../cli/cli-harness';
import { minimalProps, minimalSingleProps, providerStack, synthErrors } from '../helpers';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';
import { FIX_3, FIX_4, MAY_REACH, REACHES } from './writer-messages';

// A3-9 of the third review: what acts on a server is found by what it names, whatever its type
// (a Logic App request, a container running az, a runbook, a backup instance, an Azure Policy
// that modifies), not by a list of command types. A client given only the host keeps passing.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const SERVER_ID = `${SUB}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`;
const CONSTRUCT_SERVER = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';
const REASON = 'reviewed by the platform team in SEC-42';
const POLICY_WHAT = 'an azurerm_resource_group_policy_assignment of a policy that modifies, appends, deploys or adds to network groups';

/** A policy rule as Azure takes it, with its effect and the field its operations write. */
function policyRule(effect: string, field: string, type?: string): string {
  return JSON.stringify({
    if: type === undefined ? { field, exists: 'false' } : { field: 'type', equals: type },
    then: { effect, details: { roleDefinitionIds: [], operations: [{ operation: 'addOrReplace', field, value: 'Enabled' }] } },
  });
}
const OPEN_POLICY = policyRule('modify', 'Microsoft.DBforPostgreSQL/flexibleServers/network.publicNetworkAccess', 'Microsoft.DBforPostgreSQL/flexibleServers');

/** The resources of each case, beside a server named orders-db in rg-orders. */
const WRITERS: [string, string, Record<string, unknown>, string][] = [
  ['a Logic App HTTP action that PATCHes the server by its ID in a URL', 'azurerm_logic_app_action_http', {
    name: 'a', logic_app_id: 'x', method: 'PATCH', uri: `https://management.azure.com${SERVER_ID}?api-version=2024-08-01`,
    body: '{"properties":{"network":{"publicNetworkAccess":"Enabled"}}}',
  }, 'an azurerm_logic_app_action_http'],
  ['a container group running az against the server by name', 'azurerm_container_group', {
    name: 'ops', location: 'westeurope', resource_group_name: 'rg-orders', os_type: 'Linux',
    container: [{ name: 'az', image: 'mcr.microsoft.com/azure-cli', cpu: 0.5, memory: 1,
      commands: ['az', 'postgres', 'flexible-server', 'parameter', 'set', '-g', 'rg-orders', '-s', 'orders-db', '-n', 'require_secure_transport', '-v', 'off'] }],
  }, 'an azurerm_container_group'],
  ['a container app job running az, naming the server in another case', 'azurerm_container_app_job', {
    name: 'job', template: [{ container: [{ name: 'c', image: 'mcr.microsoft.com/azure-cli', command: ['/bin/sh', '-c', 'az postgres flexible-server update -g rg-orders -n ORDERS-DB --public-access All'] }] }],
  }, 'an azurerm_container_app_job'],
  ['an Automation runbook with an Az PowerShell cmdlet naming the server', 'azurerm_automation_runbook', {
    name: 'open', runbook_type: 'PowerShell', content: 'Update-AzPostgreSqlFlexibleServer -ResourceGroupName rg-orders -Name orders-db -PublicAccess All',
  }, 'an azurerm_automation_runbook'],
  ['a backup instance of the server (a copy of its data)', 'azurerm_data_protection_backup_instance_postgresql_flexible_server', {
    name: 'b', location: 'westeurope', vault_id: `${SUB}/resourceGroups/rg-other/providers/Microsoft.DataProtection/backupVaults/v`, server_id: `\${${CONSTRUCT_SERVER}.id}`,
    backup_policy_id: 'p',
  }, 'an azurerm_data_protection_backup_instance_postgresql_flexible_server, a copy of the server\'s data restorable outside the stack,'],
];

/** The check command's exit code and its ERROR lines on the stack's JSON as cdktf would write it. */
function check(stack: TerraformStack): { code: number; errors: string[] } {
  const { code, out, err } = checkStack(stack);
  return { code, errors: [...out, ...err].map((line) => line.trim()).filter((line) => line.startsWith('ERROR')) };
}

function flexibleWith(type: string, body: Record<string, unknown>): TerraformStack {
  const stack = providerStack('trust');
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  stack.addOverride(`resource.${type}.x`, body);
  return stack;
}

function policyStack(rule: string): TerraformStack {
  const stack = providerStack('trust');
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  stack.addOverride('resource.azurerm_policy_definition.open', { name: 'open-pg', policy_type: 'Custom', mode: 'Indexed', display_name: 'open', policy_rule: rule });
  stack.addOverride('resource.azurerm_resource_group_policy_assignment.open', {
    name: 'open-pg', resource_group_id: `${SUB}/resourceGroups/rg-orders`, policy_definition_id: '${azurerm_policy_definition.open.id}', location: 'westeurope',
  });
  return stack;
}

describe('a resource of any type that names a construct\'s server to act on it', () => {
  test.each(WRITERS)('%s fails synth', (_name, type, body, what) => {
    expect(synthErrors(flexibleWith(type, body))).toEqual([`  [trust] ${type}.x PG-CFG-3 ${what} ${REACHES} ${FIX_3}`]);
  });

  test.each(WRITERS)('%s fails the check command', (_name, type, body, what) => {
    const result = check(flexibleWith(type, body));
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([`ERROR      PG-CFG-3   ${type}.x: ${what} ${REACHES} ${FIX_3}`]);
  });

  test('a SecureSingleServer fails synth the same way when a request names its ID', () => {
    const stack = providerStack('trust');
    new SecureSingleServer(stack, 'Postgres', minimalSingleProps());
    const server = Testing.synth(stack, false).match(/"azurerm_postgresql_server": \{\s*"(\w+)"/)?.[1];
    stack.addOverride('resource.azurerm_logic_app_action_http.x', { name: 'a', logic_app_id: 'x', method: 'PATCH', uri: `\${azurerm_postgresql_server.${server}.id}` });
    expect(synthErrors(stack)).toEqual([`  [trust] azurerm_logic_app_action_http.x PG-CFG-3 an azurerm_logic_app_action_http ${REACHES} ${FIX_3}`]);
  });

  test('a backup instance reviewed by hand takes a suppression with the reason, and the report keeps it', () => {
    const [, type, body] = WRITERS[4];
    const stack = flexibleWith(type, body);
    const backup = new TerraformResource(stack, 'Backup', { terraformResourceType: type });
    backup.addOverride('server_id', `\${${CONSTRUCT_SERVER}.id}`);
    stack.addOverride(`resource.${type}.x`, undefined);
    PostgresSecurityChecks.suppress(backup, 'PG-CFG-3', REASON);
    expect(synthErrors(stack)).toEqual([]);
    const finding = evaluateStack(stack.toTerraform(), ALL_RULES).findings.find((f) => f.ruleId === 'PG-CFG-3' && f.address === `${type}.Backup`);
    expect([finding?.server, finding?.status, finding?.reason]).toEqual([CONSTRUCT_SERVER, 'suppressed', REASON]);
  });
});

describe('an Azure Policy that modifies PostgreSQL servers, assigned in the stack', () => {
  test('fails synth and the check command', () => {
    expect(synthErrors(policyStack(OPEN_POLICY))).toEqual([`  [trust] azurerm_resource_group_policy_assignment.open PG-CFG-4 ${POLICY_WHAT} ${MAY_REACH} ${FIX_4}`]);
    const result = check(policyStack(OPEN_POLICY));
    expect(result.code).toBe(1);
    expect(result.errors).toEqual([`ERROR      PG-CFG-4   azurerm_resource_group_policy_assignment.open: ${POLICY_WHAT} ${MAY_REACH} ${FIX_4}`]);
  });

  test.each([
    ['deployIfNotExists on every type', JSON.stringify({ if: { field: 'location', equals: 'westeurope' }, then: { effect: 'deployIfNotExists', details: { type: 'x' } } })],
    ['an effect chosen by a parameter that allows modify', JSON.stringify({ if: { field: 'type', equals: 'Microsoft.DBforPostgreSQL/flexibleServers' }, then: { effect: "[parameters('effect')]" } })],
    ['a rule read from a file, known only at apply time', '${file("policy.json")}'],
  ])('%s fails synth', (_name, rule) => {
    const stack = policyStack(rule);
    stack.addOverride('resource.azurerm_policy_definition.open.parameters', JSON.stringify({ effect: { type: 'String', allowedValues: ['Audit', 'Modify'] } }));
    expect(synthErrors(stack)).toEqual([`  [trust] azurerm_resource_group_policy_assignment.open PG-CFG-4 ${POLICY_WHAT} ${MAY_REACH} ${FIX_4}`]);
  });

  test.each([
    ['an audit of PostgreSQL servers', policyRule('audit', 'Microsoft.DBforPostgreSQL/flexibleServers/network.publicNetworkAccess', 'Microsoft.DBforPostgreSQL/flexibleServers')],
    ['a modify of storage accounts only', policyRule('modify', 'Microsoft.Storage/storageAccounts/allowBlobPublicAccess', 'Microsoft.Storage/storageAccounts')],
    ['a tag inheritance on every type', policyRule('modify', "[concat('tags[', parameters('tagName'), ']')]")],
  ])('%s passes synth', (_name, rule) => {
    expect(synthErrors(policyStack(rule))).toEqual([]);
  });

  test.each([
    ['a custom definition of a management group, given by its ID', '/providers/Microsoft.Management/managementGroups/mg/providers/Microsoft.Authorization/policyDefinitions/open-pg'],
    ['a definition found by a data source', '${data.azurerm_policy_definition.open.id}'],
    ['a definition given by a variable', '${var.policy}'],
  ])('an assignment of %s is a command whose effect is not in the JSON', (_name, pointer) => {
    const stack = policyStack(OPEN_POLICY);
    stack.addOverride('resource.azurerm_resource_group_policy_assignment.open.policy_definition_id', pointer);
    expect(synthErrors(stack)).toEqual([`  [trust] azurerm_resource_group_policy_assignment.open PG-CFG-4 an azurerm_resource_group_policy_assignment of a policy defined outside the stack, whose effect is not in the JSON, ${MAY_REACH} ${FIX_4}`]);
  });

  test.each([
    ['a definition of the stack that modifies', '${azurerm_policy_definition.open.id}', 'that modifies, appends, deploys or adds to network groups'],
    ['a custom definition from elsewhere', '/subscriptions/s/providers/Microsoft.Authorization/policyDefinitions/open-pg', 'defined outside the stack, whose effect is not in the JSON,'],
  ])('an assignment of a set holding %s is a command', (_name, held, how) => {
    const stack = policyStack(OPEN_POLICY);
    stack.addOverride('resource.azurerm_policy_set_definition.set', { name: 's', policy_type: 'Custom', display_name: 's', policy_definition_reference: [
      { policy_definition_id: '/providers/Microsoft.Authorization/policyDefinitions/5e1de0e3-42cb-4ebc-a86d-61d0c619ca48' }, { policy_definition_id: held }] });
    stack.addOverride('resource.azurerm_resource_group_policy_assignment.open.policy_definition_id', '${azurerm_policy_set_definition.set.id}');
    expect(synthErrors(stack)).toEqual([`  [trust] azurerm_resource_group_policy_assignment.open PG-CFG-4 an azurerm_resource_group_policy_assignment of a policy ${how} ${MAY_REACH} ${FIX_4}`]);
  });

  test('an assignment of a set holding only built-ins passes synth', () => {
    const stack = policyStack(OPEN_POLICY);
    stack.addOverride('resource.azurerm_policy_set_definition.set', { name: 's', policy_type: 'Custom', display_name: 's', policy_definition_reference: [
      { policy_definition_id: '/providers/Microsoft.Authorization/policyDefinitions/5e1de0e3-42cb-4ebc-a86d-61d0c619ca48' }] });
    stack.addOverride('resource.azurerm_resource_group_policy_assignment.open.policy_definition_id', '${azurerm_policy_set_definition.set.id}');
    expect(synthErrors(stack)).toEqual([]);
  });

  test('an assignment of a built-in definition passes synth: Microsoft writes its effect, not the stack', () => {
    const stack = policyStack(OPEN_POLICY);
    stack.addOverride('resource.azurerm_resource_group_policy_assignment.open.policy_definition_id', '/providers/Microsoft.Authorization/policyDefinitions/5e1de0e3-42cb-4ebc-a86d-61d0c619ca48');
    expect(synthErrors(stack)).toEqual([]);
  });

  test('a suppression with the reason on the assignment covers it', () => {
    const stack = policyStack(OPEN_POLICY);
    const assignment = new TerraformResource(stack, 'Assign', { terraformResourceType: 'azurerm_subscription_policy_assignment' });
    assignment.addOverride('policy_definition_id', '${azurerm_policy_definition.open.id}');
    stack.addOverride('resource.azurerm_resource_group_policy_assignment', undefined);
    PostgresSecurityChecks.suppress(assignment, 'PG-CFG-4', REASON);
    expect(synthErrors(stack)).toEqual([]);
  });
});

describe('what only names a server to connect to, or names none, passes', () => {
  /** PG-CFG-3 and PG-CFG-4 failures (and unknowns; PG-CFG-6 does not apply to a raw server) beside a compliant raw server named orders-db. */
  function failures(resources: object): string[] {
    const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, ...resources } };
    return evaluateStack(terraform, ALL_RULES).findings
      .filter((f: Finding) => f.ruleId.startsWith('PG-CFG-') && f.status !== 'pass' && f.status !== 'not-applicable')
      .map((f) => `${f.ruleId} ${f.address}: ${f.message}`);
  }

  test('clients given the host, alerts, locks and role assignments on the ID, and commands that name no server', () => {
    const SERVER = `${FLEXIBLE}.db`;
    expect(failures({
      azurerm_container_app: { client: { name: 'app', template: [{ container: [{ name: 'c', image: 'app', env: [
        { name: 'PGHOST', value: `\${${SERVER}.fqdn}` }, { name: 'PGHOST2', value: 'orders-db.postgres.database.azure.com' }, { name: 'PGDATABASE', value: 'orders' }] }] }] } },
      azurerm_container_app_job: { migrate: { name: 'job', template: [{ container: [{ name: 'c', image: 'migrate', command: ['psql', '-h', 'orders-db.postgres.database.azure.com', '-f', 'm.sql'] }] }] } },
      azurerm_container_group: { login: { name: 'g', container: [{ name: 'c', image: 'az', commands: ['az', 'login', '--identity', '&&', 'psql', '-h', `\${${SERVER}.fqdn}`] }] } },
      azurerm_automation_runbook: { other: { name: 'r', content: 'Update-AzStorageAccount -ResourceGroupName rg -Name orders -MinimumTlsVersion TLS1_2' } },
      azurerm_monitor_metric_alert: { cpu: { name: 'cpu', scopes: [`\${${SERVER}.id}`] } },
      azurerm_management_lock: { lock: { name: 'l', scope: `\${${SERVER}.id}`, lock_level: 'CanNotDelete' } },
      azurerm_storage_account: { sa: { name: 'orders-db', resource_group_name: 'rg' } },
      azurerm_linux_web_app: { ordered: { name: 'w', depends_on: [SERVER], lifecycle: [{ replace_triggered_by: [`${SERVER}.id`] }] } },
      // Waiting for the whole server is no reference to its ID (A7-9).
      azapi_resource: { site: { type: 'Microsoft.Web/sites@2024-04-01', name: 'w', parent_id: '/subscriptions/0/resourceGroups/rg', depends_on: [SERVER] } },
      azurerm_policy_definition: { audit: { name: 'a', policy_rule: JSON.stringify({ if: { field: 'id', equals: SERVER_ID }, then: { effect: 'audit' } }) } },
    })).toEqual([]);
  });

  test('a command that names the server through a reference to its name, or its ID through a reference, is a writer', () => {
    const SERVER = `${FLEXIBLE}.db`;
    expect(failures({
      azurerm_container_group: { g: { name: 'g', container: [{ name: 'c', image: 'az', commands: ['az', 'postgres', 'flexible-server', 'update', '-n', `\${${SERVER}.name}`, '--public-access', 'All'] }] } },
      azurerm_logic_app_action_custom: { a: { name: 'a', body: `{"uri": "https://management.azure.com\${${SERVER}.id}?api-version=2024-08-01", "method": "PATCH"}` } },
    })).toEqual([
      `PG-CFG-3 azurerm_container_group.g: an azurerm_container_group ${REACHES}`,
      `PG-CFG-3 azurerm_logic_app_action_custom.a: an azurerm_logic_app_action_custom ${REACHES}`,
    ]);
  });
});
