import { TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { minimalProps, providerStack, synthErrors, WORKSPACE_ID } from '../helpers';

// Sixteenth review, A16a-9: a diagnostic setting's Azure ID is its target's ID and its name (any case), so a
// second setting the stack writes on the construct's server with the name of the construct's own setting is
// the same Azure object: the later apply wins, and with metrics only the server's logs stop.

const SERVER_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db';

/** A stack with the construct and one raw block beside it, written argument by argument. */
function beside(type: string, config: (server: SecureFlexibleServer, stack: TerraformStack) => Record<string, unknown>): TerraformStack {
  const stack = providerStack();
  const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
  const block = new TerraformResource(stack, 'Second', { terraformResourceType: type });
  for (const [key, value] of Object.entries(config(server, stack))) block.addOverride(key, value);
  return stack;
}

/** The rule ids of the synth errors on a resource. */
const failedOn = (stack: TerraformStack, address: string) => synthErrors(stack).filter((line) => line.split(' ')[3] === address).map((line) => line.split(' ')[4]);

const METRICS = { enabled_metric: [{ category: 'AllMetrics' }] };

// PGF-LOG-8 fails with it (X78-60): the one setting the two are may be the metrics-only one, the last applied.
const BOTH = ['PGF-LOG-8', 'PG-LOG-1'];

test.each([
  ['the construct\'s name', 'send-to-log-analytics'],
  ['another case, with a final dot', 'Send-To-Log-Analytics.'],
])('a metrics-only azurerm setting on the server named %s fails PG-LOG-1 and PGF-LOG-8', (_name, name) => {
  const stack = beside('azurerm_monitor_diagnostic_setting', () => ({ name, target_resource_id: SERVER_ID, log_analytics_workspace_id: WORKSPACE_ID, ...METRICS }));
  expect(failedOn(stack, 'azurerm_monitor_diagnostic_setting.Second')).toEqual(BOTH);
});

test('the same by a reference to the server\'s ID fails PG-LOG-1 and PGF-LOG-8; another name passes', () => {
  const named = (name: string) => beside('azurerm_monitor_diagnostic_setting', (server) => ({ name, target_resource_id: server.serverId, log_analytics_workspace_id: WORKSPACE_ID, ...METRICS }));
  expect(failedOn(named('send-to-log-analytics'), 'azurerm_monitor_diagnostic_setting.Second')).toEqual(BOTH);
  expect(synthErrors(named('metrics-only'))).toEqual([]);
});

test('a metrics-only setting on the server whose name is known only at apply time may be the construct\'s: it fails PG-LOG-1 and PGF-LOG-8', () => {
  const stack = beside('azurerm_monitor_diagnostic_setting', (_server, scope) => ({ name: new TerraformVariable(scope, 'setting', { type: 'string' }).stringValue, target_resource_id: SERVER_ID, log_analytics_workspace_id: WORKSPACE_ID, ...METRICS }));
  expect(failedOn(stack, 'azurerm_monitor_diagnostic_setting.Second')).toEqual(BOTH);
});

test.each([
  ['azapi_resource', { type: 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview', parent_id: SERVER_ID, name: 'SEND-TO-LOG-ANALYTICS' }],
  ['azapi_update_resource', { type: 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview', resource_id: `${SERVER_ID}/providers/Microsoft.Insights/diagnosticSettings/send-to-log-analytics` }],
  ['azapi_resource_action', { type: 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview', resource_id: `${SERVER_ID}/providers/Microsoft.Insights/diagnosticSettings/send-to-log-analytics`, method: 'PUT' }],
])('a metrics-only %s of the construct\'s setting fails (PG-CFG-3: an azapi write on the server, which no table reads)', (type, config) => {
  const stack = beside(type, () => ({ ...config, body: { properties: { workspaceId: WORKSPACE_ID, metrics: [{ category: 'AllMetrics', enabled: true }] } } }));
  expect(failedOn(stack, `${type}.Second`)).toEqual(['PG-CFG-3']);
});
