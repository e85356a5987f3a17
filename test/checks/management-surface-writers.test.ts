import { TerraformResource, TerraformStack } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer, SecureSingleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { managementSurfaceIn, unescaped } from '../../lib/checks/server-mentions';
import { cdktfOut, check as cliCheck, SECURE } from '../cli/cli-harness';
import { minimalProps, minimalSingleProps, providerStack, synthErrors } from '../helpers';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';
import { FIX_3, FIX_4, MAY_REACH, REACHES } from './writer-messages';

// A3-9 of the third review, its residual: a resource of any type whose text addresses PostgreSQL's
// management surface (the Microsoft.DBforPostgreSQL namespace, also in an ARM path put together by
// format() or join() or URL-encoded, `az postgres`, the Az.PostgreSql cmdlets, the management SDKs)
// may find a server by a search without naming it: it is a command beside every server of its
// stack (PG-CFG-4), as a provisioner is. Text that only says what a resource is, grants on it or
// queries its logs (a subnet delegation, a role definition, a workbook) passes.

const RG_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders';
const CONSTRUCT_SERVER = 'azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78';
const REASON = 'reviewed by the platform team in SEC-42';
const ARM_PATH = '"https://management.azure.com/subscriptions/%s/resourceGroups/%s/providers/Microsoft.DBforPostgreSQL/flexibleServers/%s?api-version=2024-08-01"';

/** "<what>, whose text addresses PostgreSQL's management ("<surface>"),": a writer of every server it does not name. */
function addressing(what: string, surface: string): string {
  return `${what}, whose text addresses PostgreSQL's management (${JSON.stringify(surface)}),`;
}

/** Resources of types no rule reads that find servers by a search, each with its type, body and what PG-CFG-4 says of it. */
const SEARCHERS: [string, string, Record<string, unknown>, string][] = [
  ['a container group that lists the servers with az', 'azurerm_container_group', {
    name: 'ops', location: 'westeurope', resource_group_name: 'rg-orders', os_type: 'Linux',
    container: [{ name: 'az', image: 'mcr.microsoft.com/azure-cli', cpu: 0.5, memory: 1, commands: ['az', 'postgres', 'flexible-server', 'list', '-g', 'rg-orders'] }],
  }, addressing('an azurerm_container_group', 'az postgres')],
  ['a container app job that updates every server it lists', 'azurerm_container_app_job', {
    name: 'job', template: [{ container: [{ name: 'c', image: 'mcr.microsoft.com/azure-cli', command: ['/bin/sh', '-c',
      'az  postgres flexible-server list --query [].id -o tsv | xargs -n1 az postgres flexible-server update --public-access All --ids'] }] }],
  }, addressing('an azurerm_container_app_job', 'az  postgres')],
  ['a function app whose settings search by resource type, in lower case', 'azurerm_linux_function_app', {
    name: 'fn', app_settings: { SEARCH: 'az resource list -g rg-orders --resource-type microsoft.dbforpostgresql/flexibleservers' },
  }, addressing('an azurerm_linux_function_app', 'microsoft.dbforpostgresql')],
  ['an Automation runbook that pipes a search into an update', 'azurerm_automation_runbook', {
    name: 'open', runbook_type: 'PowerShell', content: 'Get-AzPostgreSqlFlexibleServer -ResourceGroupName rg-orders | Update-AzPostgreSqlFlexibleServer -PublicAccess All',
  }, addressing('an azurerm_automation_runbook', 'Get-AzPostgreSqlFlexibleServer')],
  ['a machine extension of a type that is no script type, whose settings call the REST API', 'azurerm_virtual_machine_extension', {
    name: 'dsc', virtual_machine_id: '${azurerm_windows_virtual_machine.vm.id}', publisher: 'Microsoft.Powershell', type: 'DSC', type_handler_version: '2.77',
    settings: JSON.stringify({ configurationArguments: { uri: `https://management.azure.com${RG_ID}/providers/Microsoft.DBforPostgreSQL/flexibleServers?api-version=2024-08-01` } }),
  }, addressing('an azurerm_virtual_machine_extension', 'Microsoft.DBforPostgreSQL')],
  ['a Logic App HTTP action to an ARM path put together by format()', 'azurerm_logic_app_action_http', {
    name: 'a', logic_app_id: 'x', method: 'PATCH', uri: `\${format(${ARM_PATH}, var.subscription, var.group, var.server)}`,
  }, addressing('an azurerm_logic_app_action_http', 'Microsoft.DBforPostgreSQL')],
  ['a Logic App HTTP action to an ARM path put together by join(), in lower case', 'azurerm_logic_app_action_http', {
    name: 'a', logic_app_id: 'x', method: 'PATCH', uri: '${join("/", ["https://management.azure.com/subscriptions", var.subscription, "providers", "microsoft.dbforpostgresql", "flexibleServers", var.server])}',
  }, addressing('an azurerm_logic_app_action_http', 'microsoft.dbforpostgresql')],
  ['a Logic App HTTP action to a URL-encoded ARM path (encoded twice)', 'azurerm_logic_app_action_http', {
    name: 'a', logic_app_id: 'x', method: 'GET', uri: `https://management.azure.com${RG_ID}/providers/Microsoft.DBforPostgreSQL%252FflexibleServers?api-version=2024-08-01`,
  }, addressing('an azurerm_logic_app_action_http', 'Microsoft.DBforPostgreSQL')],
  ['a container group whose search splits the namespace with shell quotes', 'azurerm_container_group', {
    name: 'ops', container: [{ name: 'c', image: 'mcr.microsoft.com/azure-cli', commands: ['/bin/sh', '-c',
      'az resource list -g rg-orders --resource-type Microsoft.DBforPost""greSQL/flexibleServers --query [].id -o tsv'] }],
  }, addressing('an azurerm_container_group', 'Microsoft.DBforPostgreSQL')],
  ['a runbook that puts the namespace together by concatenation', 'azurerm_automation_runbook', {
    name: 'open', runbook_type: 'PowerShell', content: "Get-AzResource -ResourceType ('Microsoft.DBfor' + 'PostgreSQL/flexibleServers')",
  }, addressing('an azurerm_automation_runbook', 'Microsoft.DBforPostgreSQL')],
  ['a virtual machine whose custom_data is a base64 script', 'azurerm_linux_virtual_machine', {
    name: 'vm', custom_data: Buffer.from('#!/bin/sh\naz login --identity\naz postgres flexible-server list -o tsv\n').toString('base64'),
  }, addressing('an azurerm_linux_virtual_machine', 'az postgres')],
  ['a container running PowerShell with an encoded command', 'azurerm_container_group', {
    name: 'ops', container: [{ name: 'c', image: 'mcr.microsoft.com/powershell', commands: ['pwsh', '-EncodedCommand',
      Buffer.from('Get-AzPostgreSqlFlexibleServer | Update-AzPostgreSqlFlexibleServer -PublicAccess All', 'utf16le').toString('base64')] }],
  }, addressing('an azurerm_container_group', 'Get-AzPostgreSqlFlexibleServer')],
  ['a terraform_data whose input a provisioner later runs', 'terraform_data', {
    input: 'az postgres flexible-server parameter set -g rg-orders -s "$(az postgres flexible-server list --query [0].name -o tsv)" -n require_secure_transport -v off',
  }, addressing('a terraform_data', 'az postgres')],
  ['a null_resource whose triggers hold an SDK call', 'null_resource', {
    triggers: { script: 'from azure.mgmt.postgresqlflexibleservers import PostgreSQLManagementClient' },
  }, addressing('a null_resource', 'azure.mgmt.postgresqlflexibleservers')],
  ['an azapi Logic App workflow whose action calls the REST API', 'azapi_resource', {
    type: 'Microsoft.Logic/workflows@2019-05-01', name: 'wf', parent_id: RG_ID, location: 'westeurope',
    body: { properties: { definition: { actions: { open: { type: 'Http', inputs: { method: 'PATCH', uri: `https://management.azure.com${RG_ID}/providers/Microsoft.DBforPostgreSQL/flexibleServers/@{items('each')}?api-version=2024-08-01` } } } } } },
  }, addressing('an azapi_resource of type "Microsoft.Logic/workflows@2019-05-01"', 'Microsoft.DBforPostgreSQL')],
];

/** Resources whose text names PostgreSQL's namespace only to say what a resource is, grant on it or query its logs. */
const DESCRIBERS: [string, string, Record<string, unknown>][] = [
  ['a subnet delegated to Flexible servers', 'azurerm_subnet', {
    name: 'pg', resource_group_name: 'rg-orders', virtual_network_name: 'vnet', address_prefixes: ['10.0.9.0/24'],
    delegation: [{ name: 'pg', service_delegation: [{ name: 'Microsoft.DBforPostgreSQL/flexibleServers', actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'] }] }],
  }],
  ['an azapi subnet delegated to Flexible servers', 'azapi_resource', {
    type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', name: 'pg', parent_id: `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet`,
    body: { properties: { addressPrefix: '10.0.9.0/24', delegations: [{ name: 'pg', properties: { serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers' } }] } },
  }],
  ['a role definition that grants on servers', 'azurerm_role_definition', {
    name: 'pg-reader', scope: RG_ID, permissions: [{ actions: ['Microsoft.DBforPostgreSQL/flexibleServers/read'] }],
  }],
  ['a workbook whose Log Analytics query names the namespace', 'azurerm_application_insights_workbook', {
    name: '00000000-0000-0000-0000-000000000001', display_name: 'pg', source_id: 'azure monitor',
    data_json: JSON.stringify({ items: [{ type: 3, content: { query: 'AzureDiagnostics | where ResourceProvider == "MICROSOFT.DBFORPOSTGRESQL" | summarize count() by Category' } }] }),
  }],
  ['a saved Log Analytics search of the same query', 'azurerm_log_analytics_saved_search', {
    name: 'pg', category: 'pg', display_name: 'pg', log_analytics_workspace_id: 'w', query: 'AzureDiagnostics | where ResourceProvider == "MICROSOFT.DBFORPOSTGRESQL"',
  }],
  ['a metric alert on the namespace', 'azurerm_monitor_metric_alert', {
    name: 'cpu', resource_group_name: 'rg-orders', scopes: [RG_ID], target_resource_type: 'Microsoft.DBforPostgreSQL/flexibleServers',
    criteria: [{ metric_namespace: 'Microsoft.DBforPostgreSQL/flexibleServers', metric_name: 'cpu_percent', aggregation: 'Average', operator: 'GreaterThan', threshold: 90 }],
  }],
  ['the registration of the resource provider', 'azurerm_resource_provider_registration', { name: 'Microsoft.DBforPostgreSQL' }],
  ['tags and a description that name it', 'azurerm_storage_account', {
    name: 'ordersexports', resource_group_name: 'rg-orders', description: 'exports of az postgres flexible-server', tags: { source: 'Microsoft.DBforPostgreSQL/flexibleServers' },
  }],
  ['a container app that is given only the host', 'azurerm_container_app', {
    name: 'app', template: [{ container: [{ name: 'c', image: 'app', command: ['az', 'login', '--identity'], env: [{ name: 'PGHOST', value: `\${${CONSTRUCT_SERVER}.fqdn}` }] }] }],
  }],
];

/** A stack with the azurerm provider the resources beside the server need. */
function flexibleWith(type: string, body: Record<string, unknown>): TerraformStack {
  const stack = providerStack('test');
  new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  stack.addOverride(`resource.${type}.x`, body);
  return stack;
}

/** A message as the check command's summary rows print it: each run of spaces as one (stop 70, C14). */
const oneSpaced = (text: string) => text.replace(/ {2,}/g, ' ');

/** The check command's exit code and its PG-CFG lines, on the stack's JSON as cdktf would write it. */
function checkWritten(stack: TerraformStack): { code: number; lines: string[] } {
  const result = cliCheck('check', cdktfOut({ app: stack.toTerraform() }));
  return { code: result.code, lines: result.out.filter((line) => line.includes(' PG-CFG-')) };
}

/** A stack of raw resources: a compliant server orders-db beside the given resource. */
function rawWith(type: string, body: Record<string, unknown>): object {
  return { ...SECURE, resource: { ...SECURE.resource, [type]: { x: body } } };
}

/**
 * Run 35: an ID with a percent-encoded character may be any scope to every reader (dot-segments.ts), the scope readers of PG-CFG-8's
 * net too: a URI that is one (the group's, its "/" encoded below) may be a scope that holds the server, which no rule reads for this type.
 */
const ENCODED_URI = 'a Logic App HTTP action to a URL-encoded ARM path (encoded twice)';
const anyScope = (type: string) => `an ${type} points at ${'${'}(an ID with a ".." segment, a percent-encoded character or a letter whose case Azure may fold otherwise, which may be any scope: https:\u2215\u2215management.azure.com${RG_ID.replace(/\//g, '\u2215')}\u2215providers\u2215Microsoft.DBforPostgreSQL%252FflexibleServers?api-version=2024-08-01)}, which holds the server azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78 (its uri): no rule reads what this type does there, so it cannot be judged. Fix: Write the change with a resource type the rules read, or review the resource by hand and suppress PG-CFG-8 on it with the reason.`;

describe('a resource of any type that addresses PostgreSQL\'s management surface without naming a server', () => {
  test.each(SEARCHERS)('%s fails synth beside a SecureFlexibleServer', (name, type, body, what) => {
    const scope = name === ENCODED_URI ? [`  [test] ${type}.x PG-CFG-8 ${anyScope(type)}`] : [];
    expect(synthErrors(flexibleWith(type, body))).toEqual([`  [test] ${type}.x PG-CFG-4 ${what} ${MAY_REACH} ${FIX_4}`, ...scope]);
  });

  test.each(SEARCHERS)('%s fails the check command on the construct\'s JSON', (name, type, body, what) => {
    const result = checkWritten(flexibleWith(type, body));
    const scope = name === ENCODED_URI ? [`  ERROR      PG-CFG-8   ${type}.x: ${anyScope(type)}`] : [];
    expect(result.lines).toEqual([`  ERROR      PG-CFG-4   ${type}.x: ${oneSpaced(what)} ${MAY_REACH} ${FIX_4}`, ...scope]);
    expect(result.code).toBe(1);
  });

  test.each(SEARCHERS)('%s warns beside a server of raw resources, and the check command exits 0', (_name, type, body, what) => {
    const result = cliCheck('check', cdktfOut({ app: rawWith(type, body) }));
    expect(result.out.filter((line) => line.includes(' PG-CFG-'))).toEqual([`  WARNING    PG-CFG-4   ${type}.x: ${oneSpaced(what)} ${MAY_REACH} ${FIX_4}`]);
    expect(result.code).toBe(0);
  });

  test('a SecureSingleServer fails synth the same way', () => {
    const stack = providerStack('test');
    new SecureSingleServer(stack, 'Postgres', minimalSingleProps());
    const [, type, body, what] = SEARCHERS[0];
    stack.addOverride(`resource.${type}.x`, body);
    expect(synthErrors(stack)).toEqual([`  [test] ${type}.x PG-CFG-4 ${what} ${MAY_REACH} ${FIX_4}`]);
  });

  test('one reviewed by hand takes a suppression with the reason, and the report keeps it', () => {
    const stack = providerStack('test');
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const runbook = new TerraformResource(stack, 'Runbook', { terraformResourceType: 'azurerm_automation_runbook' });
    runbook.addOverride('content', SEARCHERS[3][2].content);
    PostgresSecurityChecks.suppress(runbook, 'PG-CFG-4', REASON);
    expect(synthErrors(stack)).toEqual([]);
    const finding = evaluateStack(stack.toTerraform(), ALL_RULES).findings.find((f) => f.ruleId === 'PG-CFG-4' && f.address === 'azurerm_automation_runbook.Runbook');
    expect([finding?.server, finding?.status, finding?.reason]).toEqual([CONSTRUCT_SERVER, 'suppressed', REASON]);
  });

  test('an ARM path put together from a reference to the server\'s name names the server: it is its writer (PG-CFG-3)', () => {
    const body = { name: 'a', logic_app_id: 'x', method: 'PATCH', uri: `\${format(${ARM_PATH}, var.subscription, var.group, ${CONSTRUCT_SERVER}.name)}` };
    expect(synthErrors(flexibleWith('azurerm_logic_app_action_http', body))).toEqual([
      `  [test] azurerm_logic_app_action_http.x PG-CFG-3 an azurerm_logic_app_action_http ${REACHES} ${FIX_3}`]);
  });

  test('a URL-encoded server ID names the server, in any case', () => {
    const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, azurerm_logic_app_action_http: { a: {
      name: 'a', method: 'PATCH', uri: `https://management.azure.com${RG_ID}%2Fproviders%252Fmicrosoft.dbforpostgresql%2FFLEXIBLESERVERS%2FOrders-DB?api-version=2024-08-01`,
    } } } };
    const failed = evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.ruleId.startsWith('PG-CFG-') && f.status === 'fail');
    expect(failed.map((f) => `${f.server} ${f.ruleId} ${f.address}`)).toEqual([`${FLEXIBLE}.db PG-CFG-3 azurerm_logic_app_action_http.a`]);
  });

  test('one that names another server is no writer of this one, but may still reach it', () => {
    const terraform = { resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, azurerm_automation_runbook: { other: {
      name: 'r', content: 'Update-AzPostgreSqlFlexibleServer -ResourceGroupName rg -Name billing-db -PublicAccess None',
    } } } };
    const failed = evaluateStack(terraform, ALL_RULES).findings.filter((f) => f.ruleId.startsWith('PG-CFG-') && f.status === 'fail');
    expect(failed.map((f) => `${f.server} ${f.ruleId} ${f.severity} ${f.address}: ${f.message}`)).toEqual([
      `${FLEXIBLE}.db PG-CFG-4 warning azurerm_automation_runbook.other: ${addressing('an azurerm_automation_runbook', 'Update-AzPostgreSqlFlexibleServer')} ${MAY_REACH}`]);
  });

  test('a stack without a server has nothing to warn about', () => {
    const [, type, body] = SEARCHERS[0];
    expect(evaluateStack({ resource: { [type]: { x: body } } }, ALL_RULES).findings).toEqual([]);
  });
});

describe('text that only says what a resource is, grants on it or queries its logs passes', () => {
  test.each(DESCRIBERS)('%s passes synth beside a SecureFlexibleServer', (_name, type, body) => {
    expect(synthErrors(flexibleWith(type, body))).toEqual([]);
  });

  test.each(DESCRIBERS)('%s passes the check command beside raw resources', (_name, type, body) => {
    const result = cliCheck('check', cdktfOut({ app: rawWith(type, body) }));
    expect(result.out.filter((line) => line.includes('PG-CFG-'))).toEqual([]);
    expect(result.code).toBe(0);
  });
});

describe('the management surface in a text', () => {
  test.each([
    ['az postgres flexible-server list', 'az postgres'],
    ['/providers/MICROSOFT.DBFORPOSTGRESQL/flexibleServers', 'MICROSOFT.DBFORPOSTGRESQL'],
    ['Import-Module Az.PostgreSql', 'Az.PostgreSql'],
    ['Restart-AzPostgreSqlFlexibleServer -Name $name', 'Restart-AzPostgreSqlFlexibleServer'],
    ['pip install azure-mgmt-rdbms', 'azure-mgmt-rdbms'],
    ['npm install @azure/arm-postgresql-flexible', 'arm-postgresql'],
    ['go get github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/postgresql/armpostgresqlflexibleservers', 'armpostgresqlflexibleservers'],
    ['dotnet add package Azure.ResourceManager.PostgreSql', 'ResourceManager.PostgreSql'],
  ])('%s addresses it (%s)', (text, surface) => {
    expect(managementSurfaceIn([text])).toBe(surface);
  });

  // What a base64 run decodes to is read as the rest is: its URL and JSON escapes undone (A17b-1's class), in either case of their hex.
  test.each([
    ['a REST call whose path escapes a letter (URL)', 'curl -X PATCH https://management.azure.com/subscriptions/s/providers/Microsoft.DBf%6frPostgreSQL/flexibleServers/x'],
    ['a REST call whose path escapes a letter (URL, upper-case hex)', 'curl -X PATCH https://management.azure.com/subscriptions/s/providers/Microsoft.DBf%6FrPostgreSQL/flexibleServers/x'],
    ['a JSON body whose type escapes a letter', 'az rest --method put --body \'{"type":"Microsoft.DBf\\u006frPostgreSQL/flexibleServers"}\''],
    ['a JSON body whose type escapes a letter (upper-case hex)', 'az rest --method put --body \'{"type":"Microsoft.DBf\\u006FrPostgreSQL/flexibleServers"}\''],
  ])('%s, in a base64 run, addresses it', (_name, script) => {
    for (const encoding of ['utf8', 'utf16le'] as const) expect(managementSurfaceIn([Buffer.from(script, encoding).toString('base64')])).toBe('Microsoft.DBforPostgreSQL');
  });

  test('arguments of a command list are read together', () => {
    expect(managementSurfaceIn(['az', 'postgres', 'flexible-server', 'list'])).toBe('az postgres');
  });

  test.each([
    'psql -h orders-db.postgres.database.azure.com -U app',
    'az login --identity && az storage blob list',
    'baz postgres',
    'farm-postgresql backups',
    'Get-AzPostgres',
  ])('%s does not', (text) => {
    expect(managementSurfaceIn([text])).toBeUndefined();
  });

  test('URL and JSON escapes are undone, also when encoded twice', () => {
    expect(unescaped('providers%252FMicrosoft.DBforPostgreSQL%2FflexibleServers')).toBe('providers/Microsoft.DBforPostgreSQL/flexibleServers');
    expect(unescaped('https:\\/\\/management.azure.com\\u002fproviders')).toBe('https://management.azure.com/providers');
    expect(unescaped('format("%s/%d", a, b) 100%')).toBe('format("%s/%d", a, b) 100%');
    // HCL's long form, left as written in an expression Terraform decodes (A17b-1's class), in either case of its hex.
    expect(unescaped('virtualNetw\\U0000006frks\\U0000002Fvnet-hub')).toBe('virtualNetworks/vnet-hub');
  });
});
