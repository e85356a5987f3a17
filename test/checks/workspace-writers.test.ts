import { azurermProviders } from '../../lib/checks/provider-facts';
import { Verdict } from '../../lib/checks/rule';
import { rule } from '../../lib/checks/rules/PG-LOG-1';
import { buildStackModel, TerraformBlock } from '../../lib/checks/stack-model';
import { INERT_ARGUMENTS, INERT_WORKSPACE_WRITERS, STORE_ARGUMENTS, StoreArgument } from '../../lib/checks/workspace-writers';
import { CONSTRUCT, madeAt, verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// Every writer of the workspace a construct sends its server's logs to, read into one shape (fifteenth review, A15a-11, A15b-11).

const WORKSPACE = '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/central/providers/Microsoft.OperationalInsights/workspaces/central';
const OTHER = '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/central/providers/Microsoft.OperationalInsights/workspaces/other';

function withWorkspace(workspace: string, extra: Resources): Resources {
  return {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_monitor_diagnostic_setting: { own: { ...madeAt(`${CONSTRUCT}/DiagnosticSetting`), name: 'diag', target_resource_id: `\${${FLEXIBLE}.db.id}`, log_analytics_workspace_id: workspace, enabled_log: [{ category_group: 'allLogs' }] } },
    ...extra,
  };
}

/** PG-LOG-1's verdicts beside the construct, as "status address". */
function judged(extra: Resources, workspace = WORKSPACE): string[] {
  return verdictsBeside(rule, withWorkspace(workspace, extra), [CONSTRUCT]).map((verdict) => ('address' in verdict ? `${verdict.status} ${verdict.address}` : verdict.status));
}

const transform = (workspace: string, kql = 'source | where ResourceProvider != "MICROSOFT.DBFORPOSTGRESQL"', streams = ['Microsoft-Table-AzureDiagnostics']): TerraformBlock => ({
  name: 'drop', resource_group_name: 'central', location: 'westeurope', kind: 'WorkspaceTransforms',
  destinations: { log_analytics: [{ name: 'w', workspace_resource_id: workspace }] },
  data_flow: [{ streams, destinations: ['w'], transform_kql: kql }],
});
const azapiTransform = (workspace: string, kql = 'source | where Category != "PostgreSQLLogs"'): TerraformBlock => ({
  type: 'Microsoft.Insights/dataCollectionRules@2023-03-11', name: 'drop', location: 'westeurope', parent_id: '/subscriptions/s/resourceGroups/central',
  body: { kind: 'WorkspaceTransforms', properties: { destinations: { logAnalytics: [{ name: 'w', workspaceResourceId: workspace }] }, dataFlows: [{ streams: ['Microsoft-Table-PGSQLPgAudit'], destinations: ['w'], transformKql: kql }] } },
});

/** An azapi rule whose one data flow has more members. */
function withFlow(rule: TerraformBlock, extra: object): TerraformBlock {
  const body = rule.body as { kind: string; properties: { dataFlows: object[] } };
  return { ...rule, body: { ...body, properties: { ...body.properties, dataFlows: [{ ...body.properties.dataFlows[0], ...extra }] } } };
}

/**
 * The table of writers: each entry writes the construct's workspace in a way that drops or shortens the
 * server's logs (it must fail), and the same writer made harmless (it must pass).
 */
const WRITERS: [string, (workspace: string) => Resources, (workspace: string) => Resources][] = [
  ['azurerm_monitor_data_collection_rule: a workspace transformation of AzureDiagnostics',
    (w) => ({ azurerm_monitor_data_collection_rule: { x: transform(w) } }),
    (w) => ({ azurerm_monitor_data_collection_rule: { x: transform(w, 'source', ['Microsoft-Table-AzureDiagnostics']) } })],
  ['azurerm_monitor_data_collection_rule: a transformation of a PGSQL table (another table passes)',
    (w) => ({ azurerm_monitor_data_collection_rule: { x: transform(w, 'source | where false', ['Microsoft-Table-PGSQLServerLogs']) } }),
    (w) => ({ azurerm_monitor_data_collection_rule: { x: transform(w, 'source | where false', ['Microsoft-Table-Heartbeat']) } })],
  ['azapi Microsoft.Insights/dataCollectionRules: a transformation of a PGSQL table',
    (w) => ({ azapi_resource: { x: azapiTransform(w) } }),
    (w) => ({ azapi_resource: { x: azapiTransform(w, 'source') } })],
  // A flow's output stream moves the rows into another table, with its own retention, plan and access (A17a-7's class).
  ['azurerm_monitor_data_collection_rule: AzureDiagnostics sent whole to another table (output_stream)',
    (w) => ({ azurerm_monitor_data_collection_rule: { x: { ...transform(w, 'source'), data_flow: [{ streams: ['Microsoft-Table-AzureDiagnostics'], destinations: ['w'], transform_kql: 'source', output_stream: 'Custom-Copy_CL' }] } } }),
    (w) => ({ azurerm_monitor_data_collection_rule: { x: { ...transform(w, 'source'), data_flow: [{ streams: ['Microsoft-Table-AzureDiagnostics'], destinations: ['w'], transform_kql: 'source', output_stream: 'microsoft-table-azurediagnostics' }] } } })],
  ['azapi Microsoft.Insights/dataCollectionRules: a PGSQL table sent to another table (outputStream)',
    (w) => ({ azapi_resource: { x: withFlow(azapiTransform(w, 'source'), { outputStream: 'Microsoft-Syslog' }) } }),
    (w) => ({ azapi_resource: { x: withFlow(azapiTransform(w, 'source'), { outputStream: 'Microsoft-Table-PGSQLPgAudit' }) } })],
  ['azurerm_log_analytics_workspace_table: AzureDiagnostics kept 4 days',
    (w) => ({ azurerm_log_analytics_workspace_table: { x: { workspace_id: w, name: 'AzureDiagnostics', retention_in_days: 4 } } }),
    (w) => ({ azurerm_log_analytics_workspace_table: { x: { workspace_id: w, name: 'AzureDiagnostics', retention_in_days: 90, total_retention_in_days: 365 } } })],
  ['azurerm_log_analytics_workspace_table: AzureDiagnostics on the Basic plan',
    (w) => ({ azurerm_log_analytics_workspace_table: { x: { workspace_id: w, name: 'AzureDiagnostics', plan: 'Basic' } } }),
    (w) => ({ azurerm_log_analytics_workspace_table: { x: { workspace_id: w, name: 'Heartbeat', plan: 'Basic' } } })],
  ['azapi Microsoft.OperationalInsights/workspaces/tables: PGSQLPgAudit kept 4 days',
    (w) => ({ azapi_resource: { x: { type: 'Microsoft.OperationalInsights/workspaces/tables@2022-10-01', name: 'PGSQLPgAudit', parent_id: w, body: { properties: { retentionInDays: 4 } } } } }),
    (w) => ({ azapi_resource: { x: { type: 'Microsoft.OperationalInsights/workspaces/tables@2022-10-01', name: 'PGSQLPgAudit', parent_id: w, body: { properties: { retentionInDays: 90 } } } } })],
  ['azapi_update_resource of a table by its ID: AzureDiagnostics on the Auxiliary plan',
    (w) => ({ azapi_update_resource: { x: { type: 'Microsoft.OperationalInsights/workspaces/tables@2023-01-01-preview', resource_id: `${w}/tables/AzureDiagnostics`, body: JSON.stringify({ properties: { plan: 'Auxiliary' } }) } } }),
    (w) => ({ azapi_update_resource: { x: { type: 'Microsoft.OperationalInsights/workspaces/tables@2023-01-01-preview', resource_id: `${w}/tables/AzureDiagnostics`, body: JSON.stringify({ properties: { plan: 'Analytics' } }) } } })],
  ['azapi_resource_action purge of AzureDiagnostics (a read of the shared keys passes)',
    (w) => ({ azapi_resource_action: { x: { type: 'Microsoft.OperationalInsights/workspaces@2023-09-01', resource_id: w, action: 'purge', method: 'POST', body: { table: 'AzureDiagnostics', filters: [] } } } }),
    (w) => ({ azapi_resource_action: { x: { type: 'Microsoft.OperationalInsights/workspaces@2023-09-01', resource_id: w, action: 'sharedKeys', method: 'POST' } } })],
  ['azapi_resource_action DELETE of the workspace',
    (w) => ({ azapi_resource_action: { x: { type: 'Microsoft.OperationalInsights/workspaces@2023-09-01', resource_id: w, method: 'DELETE' } } }),
    (w) => ({ azapi_resource_action: { x: { type: 'Microsoft.OperationalInsights/workspaces@2023-09-01', resource_id: w, method: 'GET' } } })],
  ['azapi_update_resource of the workspace: a daily cap (tags only pass)',
    (w) => ({ azapi_update_resource: { x: { type: 'Microsoft.OperationalInsights/workspaces@2023-09-01', resource_id: w, body: { properties: { workspaceCapping: { dailyQuotaGb: 0.023 } } } } } }),
    (w) => ({ azapi_update_resource: { x: { type: 'Microsoft.OperationalInsights/workspaces@2023-09-01', resource_id: w, body: { tags: { team: 'db' } } } } })],
  ['azapi_update_resource of the workspace: 7 days of retention',
    (w) => ({ azapi_update_resource: { x: { type: 'Microsoft.OperationalInsights/workspaces@2023-09-01', resource_id: w, body: { properties: { retentionInDays: 7 } } } } }),
    (w) => ({ azapi_update_resource: { x: { type: 'Microsoft.OperationalInsights/workspaces@2023-09-01', resource_id: w, body: { properties: { retentionInDays: 90, workspaceCapping: { dailyQuotaGb: -1 } } } } } })],
];

describe('every writer of the table fails on the construct\'s workspace, and passes when it leaves the logs be', () => {
  test.each(WRITERS)('%s', (_name, failing, passing) => {
    expect(judged(failing(WORKSPACE))).toEqual([`fail ${Object.keys(failing(WORKSPACE))[0]}.x`]);
    expect(judged(passing(WORKSPACE))).toEqual(['pass']);
  });

  test.each(WRITERS)('%s: on another workspace, it passes', (_name, failing) => {
    expect(judged(failing(OTHER))).toEqual(['pass']);
  });

  test.each(WRITERS)('%s: on a workspace known only at apply time that may be it, it fails', (_name, failing) => {
    expect(judged(failing('${var.workspace_id}'))).toEqual([`fail ${Object.keys(failing(WORKSPACE))[0]}.x`]);
  });
});

test('a table whose retention is -1 keeps the workspace\'s, and passes', () => {
  expect(judged({ azurerm_log_analytics_workspace_table: { x: { workspace_id: WORKSPACE, name: 'AzureDiagnostics', retention_in_days: -1, total_retention_in_days: -1 } } })).toEqual(['pass']);
});

describe('the workspace the stack makes itself', () => {
  const workspace = (block: TerraformBlock): Resources => ({ azurerm_log_analytics_workspace: { logs: { name: 'central', resource_group_name: 'central', location: 'westeurope', sku: 'PerGB2018', retention_in_days: 90, ...block } } });
  const POINTER = '${azurerm_log_analytics_workspace.logs.id}';

  test('passes with 30 days or more, no cap and its tags changed', () => {
    expect(judged(workspace({ tags: { team: 'db' }, daily_quota_gb: -1 }), POINTER)).toEqual(['pass']);
    expect(judged(workspace({ retention_in_days: 30 }), WORKSPACE)).toEqual(['pass']);
  });

  test.each<[string, TerraformBlock, string]>([
    ['a retention under 30 days', { retention_in_days: 7, sku: 'Free' }, 'sets retention_in_days to 7, shorter than 30 days'],
    ['a retention known only at apply time', { retention_in_days: '${var.days}' }, 'known only at apply time, which may be shorter than 30 days'],
    ['a daily cap', { daily_quota_gb: 0.5 }, 'sets daily_quota_gb to 0.5: once the cap is reached'],
    ['an immediate purge after 30 days', { immediate_data_purge_on_30_days_enabled: true }, 'purged after 30 days'],
    ['a transformation rule it does not write', { data_collection_rule_id: '${var.dcr}' }, 'a workspace transformation rule the stack does not write'],
    ['a replacement when another resource changes', { lifecycle: { replace_triggered_by: ['terraform_data.x'] } }, 'a new workspace starts empty'],
  ])('fails %s', (_name, block, part) => {
    const verdicts = verdictsBeside(rule, withWorkspace(POINTER, workspace(block)), [CONSTRUCT]);
    expect(verdicts).toEqual([expect.objectContaining({ status: 'fail', address: 'azurerm_log_analytics_workspace.logs' })]);
    expect(JSON.stringify(verdicts)).toContain(part);
  });

  test('a transformation rule of the stack linked to the workspace is judged as the rule is', () => {
    const linked = (kql: string): Resources => ({ ...workspace({ data_collection_rule_id: '${azurerm_monitor_data_collection_rule.x.id}' }), azurerm_monitor_data_collection_rule: { x: transform('${var.elsewhere}', kql) } });
    expect(judged(linked('source'), POINTER)).toEqual(['pass']);
    expect(judged(linked('source | where Category != "PostgreSQLLogs"'), POINTER)).toEqual(['fail azurerm_log_analytics_workspace.logs', 'fail azurerm_monitor_data_collection_rule.x']);
  });
});

describe('writers of the workspace\'s kind the table does not read fail closed', () => {
  test.each<[string, Resources]>([
    ['an azapi type under the workspace not in the table', { azapi_resource: { x: { type: 'Microsoft.OperationalInsights/workspaces/summaryLogs@2025-02-01', name: 's', parent_id: WORKSPACE, body: {} } } }],
    ['an azapi action the pack does not read', { azapi_resource_action: { x: { type: 'Microsoft.OperationalInsights/workspaces/tables@2022-10-01', resource_id: `${WORKSPACE}/tables/AzureDiagnostics`, action: 'migrate', method: 'POST' } } }],
    ['an azapi write of the workspace whose body is known only later', { azapi_update_resource: { x: { type: 'Microsoft.OperationalInsights/workspaces@2023-09-01', resource_id: WORKSPACE, body: '${var.body}' } } }],
    ['an azapi data collection rule whose body is known only later', { azapi_resource: { x: { type: 'Microsoft.Insights/dataCollectionRules@2023-03-11', name: 'd', parent_id: '/subscriptions/s/resourceGroups/central', body: '${var.body}' } } }],
    ['an azapi write of a type known only later on the workspace', { azapi_resource: { x: { type: '${var.type}', name: 'd', parent_id: WORKSPACE, body: {} } } }],
    ['an azurerm_log_analytics_* type given the workspace that the pack does not read', { azurerm_log_analytics_cluster_customer_managed_key: { x: { workspace_id: WORKSPACE } } }],
    ['a data collection rule whose data flows are a dynamic block', { azurerm_monitor_data_collection_rule: { x: { ...transform(WORKSPACE), data_flow: undefined, dynamic: { data_flow: { for_each: '${var.flows}', content: { streams: ['x'] } } } } } }],
  ])('%s', (_name, extra) => {
    expect(judged(extra)).toEqual([`fail ${Object.keys(extra)[0]}.x`]);
  });

  test.each([...INERT_WORKSPACE_WRITERS.keys()])('the inert writer %s passes', (type) => {
    const extra: Resources = type.startsWith('azurerm_')
      ? { [type]: { x: { name: 'x', workspace_resource_id: WORKSPACE, workspace_id: WORKSPACE, table_names: ['Heartbeat'] } } }
      : { azapi_resource: { x: { type: `${type}@2023-09-01`, name: 'x', parent_id: WORKSPACE, body: { properties: { tableNames: ['Heartbeat'] } } } } };
    // A data export rule of other tables copies none of the server's logs (its tables are read by workspace-exports.ts).
    expect(judged(extra)).toEqual(['pass']);
  });

  test('every inert entry says why it is inert', () => {
    for (const reason of INERT_WORKSPACE_WRITERS.values()) expect(reason.length).toBeGreaterThan(20);
  });
});

test('an azapi_resource_action data source (sent at every plan) that purges the workspace fails; one that reads its keys passes', () => {
  const judgedWith = (action: TerraformBlock): string[] => {
    const model = buildStackModel({ resource: withWorkspace(WORKSPACE, {}), data: { azapi_resource_action: { x: action } } });
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return (Array.isArray(result) ? result : [result]).map((verdict) => ('address' in verdict ? `${verdict.status} ${verdict.address}` : verdict.status));
  };
  expect(judgedWith({ type: 'Microsoft.OperationalInsights/workspaces@2023-09-01', resource_id: WORKSPACE, action: 'purge', body: { table: 'AzureDiagnostics' } })).toEqual(['fail data.azapi_resource_action.x']);
  expect(judgedWith({ type: 'Microsoft.OperationalInsights/workspaces@2023-09-01', resource_id: WORKSPACE, action: 'sharedKeys' })).toEqual(['pass']);
});

describe('Azure Policy on the workspace or its resource group', () => {
  const DEPLOYING = '/providers/Microsoft.Authorization/policyDefinitions/bd0079c6-6f2d-42f4-9cee-e23930968f10';
  const AUDIT_ONLY = '/providers/Microsoft.Authorization/policyDefinitions/5e1de0e3-42cb-4ebc-a86d-61d0c619ca48';
  const onGroup = (group: string, definition: string): Resources => ({ azurerm_resource_group_policy_assignment: { x: { name: 'x', resource_group_id: group, policy_definition_id: definition, location: 'westeurope' } } });

  test('an assignment that may deploy or change fails on the workspace\'s group (literal or a group of the stack) and on the workspace itself', () => {
    expect(judged(onGroup('/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/Central', DEPLOYING))).toEqual(['fail azurerm_resource_group_policy_assignment.x']);
    expect(judged({ ...onGroup('${azurerm_resource_group.logs.id}', DEPLOYING), azurerm_resource_group: { logs: { name: 'central', location: 'westeurope' } } })).toEqual(['fail azurerm_resource_group_policy_assignment.x']);
    expect(judged({ azurerm_resource_policy_assignment: { x: { name: 'x', resource_id: WORKSPACE, policy_definition_id: DEPLOYING, location: 'westeurope' } } })).toEqual(['fail azurerm_resource_policy_assignment.x']);
  });

  test('a governance built-in that only denies there passes: Allowed locations, Require a tag on resources (69th run, A69b-1)', () => {
    const CENTRAL = '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/central';
    expect(judged(onGroup(CENTRAL, '/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c'))).toEqual(['pass']);
    expect(judged(onGroup(CENTRAL, '/providers/Microsoft.Authorization/policyDefinitions/871b6d14-10aa-478d-b590-94f262ecfa99'))).toEqual(['pass']);
    expect(judged({ azurerm_resource_policy_assignment: { x: { name: 'x', resource_id: WORKSPACE, policy_definition_id: '/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c', location: 'westeurope' } } })).toEqual(['pass']);
    // "Inherit a tag from the resource group if missing" modifies: a writer still.
    expect(judged(onGroup(CENTRAL, '/providers/Microsoft.Authorization/policyDefinitions/ea3f2387-9b95-492a-a190-fcdc54f7b070'))).toEqual(['fail azurerm_resource_group_policy_assignment.x']);
  });

  test('the message names the assignment\'s scope, and which of it or the workspace is known only at apply time (69th run, A69b-2)', () => {
    const message = (extra: Resources, workspace = WORKSPACE): string[] => verdictsBeside(rule, withWorkspace(workspace, extra), [CONSTRUCT]).map((verdict) => ('message' in verdict ? verdict.message ?? '' : verdict.status));
    const tail = `assigns the policy "${DEPLOYING}", which may deploy or change what it matches there (a built-in not on the audit-only list, or a definition that writes or is not in the JSON).`;
    const logs = `the workspace ${CONSTRUCT} sends the server's logs to`;
    const GROUP = '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/central';
    expect(message(onGroup(GROUP, DEPLOYING))).toEqual([`azurerm_resource_group_policy_assignment.x, on the resource group "${GROUP}", which holds ${logs}, ${tail}`]);
    expect(message(onGroup(GROUP, DEPLOYING), '${var.workspace_id}')).toEqual([`azurerm_resource_group_policy_assignment.x, on the resource group "${GROUP}", which may hold ${logs} (the workspace's ID is known only at apply time), ${tail}`]);
    expect(message(onGroup('${var.group_id}', DEPLOYING))).toEqual([`azurerm_resource_group_policy_assignment.x, on the resource group "\${var.group_id}", which may hold ${logs} (the scope is known only at apply time), ${tail}`]);
    expect(message({ azurerm_resource_policy_assignment: { x: { name: 'x', resource_id: WORKSPACE, policy_definition_id: DEPLOYING, location: 'westeurope' } } })).toEqual([`azurerm_resource_policy_assignment.x, on the resource "${WORKSPACE}", which is ${logs}, ${tail}`]);
  });

  test('an audit-only built-in there passes, and so does an assignment on another group', () => {
    expect(judged(onGroup('/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/central', AUDIT_ONLY))).toEqual(['pass']);
    expect(judged(onGroup('/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/other', DEPLOYING))).toEqual(['pass']);
  });

  test('an audit-only built-in, or an audit definition of the stack, overridden to a writing effect fails (A18b-6)', () => {
    const overridden = (definition: string, value: string): Resources => ({ azurerm_resource_group_policy_assignment: { x: { name: 'x', resource_group_id: '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/central', policy_definition_id: definition, location: 'westeurope', overrides: [{ value }] } } });
    expect(judged(overridden(AUDIT_ONLY, 'DeployIfNotExists'))).toEqual(['fail azurerm_resource_group_policy_assignment.x']);
    expect(judged(overridden(AUDIT_ONLY, 'Disabled'))).toEqual(['pass']);
    const audit = { azurerm_policy_definition: { d: { name: 'd', policy_type: 'Custom', mode: 'Indexed', display_name: 'd', policy_rule: JSON.stringify({ if: { field: 'type', equals: 'Microsoft.OperationalInsights/workspaces' },
      then: { effect: 'audit', details: { operations: [{ operation: 'addOrReplace', field: 'Microsoft.OperationalInsights/workspaces/retentionInDays', value: 4 }] } } }) } } };
    expect(judged({ ...audit, ...overridden('${azurerm_policy_definition.d.id}', 'Modify') })).toEqual(['fail azurerm_resource_group_policy_assignment.x']);
    expect(judged({ ...audit, ...overridden('${azurerm_policy_definition.d.id}', 'Audit') })).toEqual(['pass']);
  });
});

test('a definition of the stack that modifies Log Analytics workspaces, assigned on the workspace\'s group, fails; one that modifies storage accounts passes', () => {
  const custom = (type: string, field: string): Resources => ({
    azurerm_policy_definition: { d: { name: 'd', policy_type: 'Custom', mode: 'Indexed', display_name: 'd', policy_rule: JSON.stringify({ if: { field: 'type', equals: type }, then: { effect: 'modify', details: { operations: [{ operation: 'addOrReplace', field, value: 4 }] } } }) } },
    azurerm_resource_group_policy_assignment: { x: { name: 'x', resource_group_id: '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/central', policy_definition_id: '${azurerm_policy_definition.d.id}', location: 'westeurope' } },
  });
  expect(judged(custom('Microsoft.OperationalInsights/workspaces', 'Microsoft.OperationalInsights/workspaces/retentionInDays'))).toEqual(['fail azurerm_resource_group_policy_assignment.x']);
  expect(judged(custom('Microsoft.Storage/storageAccounts', 'Microsoft.Storage/storageAccounts/allowBlobPublicAccess'))).toEqual(['pass']);
});

describe('arguments that move where the workspace stores the logs, or under whose key (seventeenth review, A17a-7, A17b-11)', () => {
  const CLUSTER = '/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/rg-vendor/providers/Microsoft.OperationalInsights/clusters/vendor';
  /** A writer of the workspace that sets one argument of the table to a value (or leaves it out when undefined). */
  const writer = (row: StoreArgument, value: unknown): Resources => {
    if (row.type.startsWith('azurerm_')) return { [row.type]: { x: { workspace_id: WORKSPACE, ...(value === undefined ? {} : { [row.argument]: value }) } } };
    const properties = row.argument.split('.').slice(1).reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
    const workspace = row.type === 'microsoft.operationalinsights/workspaces';
    return { azapi_update_resource: { x: { type: `${row.type}@2020-08-01`, resource_id: workspace ? WORKSPACE : `${WORKSPACE}/linkedServices/cluster`, body: value === undefined ? { tags: { team: 'db' } } : { properties } } } };
  };
  const address = (row: StoreArgument) => (row.type.startsWith('azurerm_') ? `${row.type}.x` : 'azapi_update_resource.x');

  test.each(STORE_ARGUMENTS.map((row) => [`${row.type} ${row.argument}`, row] as const))('%s: a cluster (literal, or known only later) fails; absent or null passes', (_name, row) => {
    for (const value of [CLUSTER, '${var.cluster_id}']) {
      const verdicts = verdictsBeside(rule, withWorkspace(WORKSPACE, writer(row, value)), [CONSTRUCT]);
      expect(verdicts).toEqual([expect.objectContaining({ status: 'fail', address: address(row) })]);
      expect(JSON.stringify(verdicts)).toContain('dedicated cluster');
      expect(JSON.stringify(verdicts)).toContain('owner and key');
    }
    expect(judged(writer(row, undefined))).toEqual(['pass']);
    expect(judged(writer(row, null))).toEqual(['pass']);
    expect(judged(writer(row, CLUSTER), OTHER)).toEqual(['pass']);
  });

  test('on a workspace the construct is given by a variable, the link by the same variable fails; by another variable it may be it, and fails too', () => {
    const link = (workspace: string): Resources => ({ azurerm_log_analytics_linked_service: { x: { workspace_id: workspace, write_access_id: CLUSTER } } });
    expect(judged(link('${var.workspace_id}'), '${var.workspace_id}')).toEqual(['fail azurerm_log_analytics_linked_service.x']);
    expect(judged(link('${var.other_workspace_id}'), '${var.workspace_id}')).toEqual(['fail azurerm_log_analytics_linked_service.x']);
  });

  test('the azapi form in any letter case, by azapi_resource and by a PUT action, fails', () => {
    const link = { type: 'Microsoft.OperationalInsights/workspaces/linkedServices@2020-08-01', name: 'cluster', parent_id: WORKSPACE, body: { Properties: { WRITEACCESSRESOURCEID: CLUSTER } } };
    expect(judged({ azapi_resource: { x: link } })).toEqual(['fail azapi_resource.x']);
    expect(judged({ azapi_resource_action: { x: { type: link.type, resource_id: `${WORKSPACE}/linkedServices/cluster`, method: 'PUT', body: { properties: { writeAccessResourceId: CLUSTER } } } } })).toEqual(['fail azapi_resource_action.x']);
  });

  test('a link whose body or method is known only at apply time fails closed; an unlink (DELETE) passes', () => {
    expect(judged({ azapi_resource: { x: { type: 'Microsoft.OperationalInsights/workspaces/linkedServices@2020-08-01', name: 'cluster', parent_id: WORKSPACE, body: '${var.link}' } } })).toEqual(['fail azapi_resource.x']);
    expect(judged({ azapi_resource_action: { x: { type: 'Microsoft.OperationalInsights/workspaces/linkedServices@2020-08-01', resource_id: `${WORKSPACE}/linkedServices/cluster`, method: '${var.method}', body: {} } } })).toEqual(['fail azapi_resource_action.x']);
    expect(judged({ azapi_resource_action: { x: { type: 'Microsoft.OperationalInsights/workspaces/linkedServices@2020-08-01', resource_id: `${WORKSPACE}/linkedServices/cluster`, method: 'DELETE' } } })).toEqual(['pass']);
  });

  test.each(INERT_ARGUMENTS.map((row) => [`${row.type} ${row.argument}`, row] as const))('%s (an Automation account) passes', (_name, row) => {
    expect(judged(writer({ ...row, moves: '' }, '${var.automation_account_id}'))).toEqual(['pass']);
  });

  test('each writer type of the table is read by workspace-writers.ts, not listed inert', () => {
    for (const row of [...STORE_ARGUMENTS, ...INERT_ARGUMENTS]) expect(INERT_WORKSPACE_WRITERS.has(row.type)).toBe(false);
  });
});

// Eighteenth review, A18b-2 (the class of partial writes): an update or PATCH of a data collection rule merges each data flow
// it writes over a live one (azapi merges list items by name or index): the live flow's streams and transformation stay,
// known only at apply time. A flow that writes the server's stream without its transformation (the live one may drop rows)
// fails closed; one that writes a transformation keeping every row passes.
describe('a partial write of a data collection rule outside the stack (eighteenth review, A18b-2)', () => {
  const RULE_ID = '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/central/providers/Microsoft.Insights/dataCollectionRules/drop';
  const writers: { readonly [writer: string]: (flow: object) => Resources } = {
    'azapi_update_resource': (flow) => ({ azapi_update_resource: { x: { type: 'Microsoft.Insights/dataCollectionRules@2023-03-11', resource_id: RULE_ID, body: { properties: { destinations: { logAnalytics: [{ name: 'w', workspaceResourceId: WORKSPACE }] }, dataFlows: [flow] } } } } }),
    'azapi_resource_action PATCH': (flow) => ({ azapi_resource_action: { x: { type: 'Microsoft.Insights/dataCollectionRules@2023-03-11', resource_id: RULE_ID, method: 'PATCH', body: { properties: { destinations: { logAnalytics: [{ name: 'w', workspaceResourceId: WORKSPACE }] }, dataFlows: [flow] } } } } }),
  };
  test.each(Object.keys(writers))('%s', (writer) => {
    const address = writer === 'azapi_update_resource' ? 'azapi_update_resource.x' : 'azapi_resource_action.x';
    expect(judged(writers[writer]({ streams: ['Microsoft-Table-PGSQLPgAudit'] }))).toEqual([`fail ${address}`]);
    expect(judged(writers[writer]({ streams: ['Microsoft-Table-PGSQLPgAudit'], destinations: ['w'] }))).toEqual([`fail ${address}`]);
    expect(judged(writers[writer]({ transformKql: 'source' }))).toEqual(['pass']);
    expect(judged(writers[writer]({ streams: ['Microsoft-Table-Heartbeat'] }))).toEqual(['pass']);
  });
  test('a whole write (azapi_resource) of a flow without a transformation keeps every row', () => {
    const { body } = azapiTransform(WORKSPACE) as { body: { properties: { dataFlows: { transformKql?: string }[] } } };
    const whole = { ...azapiTransform(WORKSPACE), body: { ...body, properties: { ...body.properties, dataFlows: [{ streams: ['Microsoft-Table-PGSQLPgAudit'], destinations: ['w'] }] } } };
    expect(judged({ azapi_resource: { x: whole } })).toEqual(['pass']);
  });
});

// Left by the 91st run: an azurerm provider that deletes a destroyed workspace at once, past its 14-day soft delete.
describe('an azurerm provider with features.log_analytics_workspace.permanently_delete_on_destroy', () => {
  const POINTER = '${azurerm_log_analytics_workspace.logs.id}';
  const workspaceBlock = { azurerm_log_analytics_workspace: { logs: { name: 'central', resource_group_name: 'central', location: 'westeurope', sku: 'PerGB2018', retention_in_days: 90 } } };
  function withFeature(feature: unknown, pointer = POINTER, extra: Resources = workspaceBlock): readonly Verdict[] {
    const terraform = { provider: { azurerm: [{ features: [{ log_analytics_workspace: [{ permanently_delete_on_destroy: feature }] }] }] }, resource: withWorkspace(pointer, extra) };
    const model = buildStackModel(terraform);
    const result = rule.evaluate(model.servers[0], { postgresqlProviders: new Map(), azurermProviders: azurermProviders(terraform), resources: model.resources, constructs: [CONSTRUCT] });
    return Array.isArray(result) ? result : [result as Verdict];
  }

  test.each([false, 'false'])('off (%p), as by default, passes', (feature) => {
    expect(withFeature(feature)).toEqual([{ status: 'pass' }]);
  });

  test.each([
    [true, 'sets it to true'],
    ['true', 'sets it to "true"'],
    ['${var.purge}', 'sets it by an expression known only at apply time'],
  ])('%p fails the workspace the stack makes and the construct sends the logs to', (feature, how) => {
    expect(withFeature(feature)).toEqual([expect.objectContaining({
      status: 'fail', address: 'azurerm_log_analytics_workspace.logs',
      message: expect.stringContaining(`is deleted at once, with the logs it holds, when a plan destroys or replaces it, past Log Analytics' 14-day soft delete (features.log_analytics_workspace.permanently_delete_on_destroy: the azurerm provider azurerm ${how})`),
    })]);
  });

  test('on, it passes where the construct sends the logs to a workspace the stack does not make', () => {
    const another = { azurerm_log_analytics_workspace: { logs: { ...workspaceBlock.azurerm_log_analytics_workspace.logs, name: 'other' } } };
    expect(withFeature(true, WORKSPACE, another)).toEqual([{ status: 'pass' }]);
    expect(withFeature(true, WORKSPACE, {})).toEqual([{ status: 'pass' }]);
  });
});
