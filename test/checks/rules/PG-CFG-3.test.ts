import { AdvancedThreatProtection } from '@cdktf/provider-azurerm/lib/advanced-threat-protection';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { PostgresSecurityChecks, SecureFlexibleServer } from '../../../lib';
import { evaluateStack, Finding } from '../../../lib/checks/evaluate';
import { ALL_RULES } from '../../../lib/checks/rules';
import { minimalProps } from '../../helpers';
import { compliantFlexibleServer, FLEXIBLE } from '../rule-harness';

const REASON = 'reviewed by the platform team in SEC-42';
const SERVER = `${FLEXIBLE}.db`;
const REF = `\${${SERVER}.id}`;
const SERVER_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db';
const TAIL = 'reaches the server; no rule reads what it does there, so it cannot be judged.';
const RG_ID = '/subscriptions/s/resourceGroups/rg';

/** PG-CFG-3's failures, as "server | resource | message", beside a compliant server named orders-db. */
function failures(resources: object, extra: object = {}): string[] {
  const terraform = { ...extra, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, ...resources } };
  return evaluateStack(terraform, ALL_RULES).findings
    .filter((f: Finding) => f.ruleId === 'PG-CFG-3' && f.status !== 'pass')
    .map((f) => `${f.server} | ${f.address} | ${f.status}: ${f.message}`);
}

test('passes a stack whose resources the rules read, and resources that do not act on a server', () => {
  expect(failures({
    terraform_data: { marker: { input: REF } },
    null_resource: { other: { provisioner: [{ 'local-exec': { command: 'kubectl apply -f app.yaml' } }] } },
    azapi_resource: {
      kv: { type: 'Microsoft.KeyVault/vaults@2023-07-01', parent_id: '/subscriptions/s/resourceGroups/rg', name: 'kv' },
      // A client of the server: it gets its host and name, not its ID.
      app: { type: 'Microsoft.App/containerApps@2024-03-01', parent_id: '/subscriptions/s/resourceGroups/rg', body: { properties: { env: [{ name: 'PGHOST', value: `\${${SERVER}.fqdn}` }, { name: 'PGDATABASE', value: 'orders-db' }, { name: 'URL', value: 'postgres://orders-db.postgres.database.azure.com' }] } } },
    },
  }, { module: { network: { source: './network', address_space: ['10.0.0.0/16'] } } })).toEqual([]);
});

describe('fails what acts on a server through a type no rule reads', () => {
  test.each<[string, object, object, string]>([
    ['an azapi_resource of a PostgreSQL type under the server', { azapi_resource: { fw: { type: 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01', parent_id: REF, name: 'all' } } }, {},
      `${SERVER} | azapi_resource.fw | fail: an azapi_resource of type "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01" ${TAIL}`],
    ['an azapi_update_resource whose resource_id is below the server\'s literal ID', { azapi_update_resource: { tls: { type: 'microsoft.dbforpostgresql/FLEXIBLESERVERS/configurations@2024-08-01', resource_id: `${SERVER_ID}/configurations/require_secure_transport`, body: { properties: { value: 'off' } } } } }, {},
      `${SERVER} | azapi_update_resource.tls | fail: an azapi_update_resource of type "microsoft.dbforpostgresql/FLEXIBLESERVERS/configurations@2024-08-01" ${TAIL}`],
    ['an azapi_resource_action on the server', { azapi_resource_action: { restart: { type: '${var.type}', resource_id: REF, action: 'restart' } } }, {},
      `${SERVER} | azapi_resource_action.restart | fail: an azapi_resource_action whose type is known only at apply time ${TAIL}`],
    ['an azapi_resource of another type that points at the server in its body', { azapi_resource: { pe: { type: 'Microsoft.Network/privateEndpoints@2024-05-01', parent_id: '/subscriptions/s/resourceGroups/rg', body: { properties: { privateLinkServiceConnections: [{ properties: { privateLinkServiceId: REF } }] } } } } }, {},
      `${SERVER} | azapi_resource.pe | fail: an azapi_resource of type "Microsoft.Network/privateEndpoints@2024-05-01" ${TAIL}`],
    ['a module given the server ID', {}, { module: { fw: { source: 'git::https://example.com/m.git//firewall', server_id: REF } } },
      `${SERVER} | module.fw | fail: a module ${TAIL}`],
    ['a module given the server name in another case', {}, { module: { fw: { source: './firewall', server: 'ORDERS-DB' } } },
      `${SERVER} | module.fw | fail: a module ${TAIL}`],
    ['a module given the server host', {}, { module: { app: { source: './app', db_host: 'orders-db.postgres.database.azure.com' } } },
      `${SERVER} | module.app | fail: a module ${TAIL}`],
    ['a null_resource whose provisioner reads the server through its triggers', { null_resource: { tls: { triggers: { id: REF }, provisioner: { 'local-exec': { command: 'az resource update --ids ${self.triggers.id}' } } } } }, {},
      `${SERVER} | null_resource.tls | fail: a provisioner (local-exec) ${TAIL}`],
    ['a terraform_data whose provisioner names the server', { terraform_data: { tls: { provisioner: [{ 'local-exec': { command: 'az postgres flexible-server parameter set -s orders-db --name require_secure_transport --value off' } }] } } }, {},
      `${SERVER} | terraform_data.tls | fail: a provisioner (local-exec) ${TAIL}`],
    ['a terraform_data with a provisioner that depends on the server', { terraform_data: { tls: { depends_on: [SERVER], provisioner: [{ 'local-exec': { command: './configure.sh' } }] } } }, {},
      `${SERVER} | terraform_data.tls | fail: a provisioner (local-exec) ${TAIL}`],
    ['a provisioner on a firewall rule of the server', { azurerm_postgresql_flexible_server_firewall_rule: { r: { name: 'r', server_id: REF, start_ip_address: '203.0.113.1', end_ip_address: '203.0.113.1', provisioner: { 'remote-exec': { inline: ['true'] } } } } }, {},
      `${SERVER} | azurerm_postgresql_flexible_server_firewall_rule.r | fail: a provisioner (remote-exec) ${TAIL}`],
    ['an ARM template that names the server', { azurerm_resource_group_template_deployment: { t: { name: 't', resource_group_name: 'rg', deployment_mode: 'Incremental', template_content: `{"resources":[{"type":"Microsoft.DBforPostgreSQL/flexibleServers/configurations","name":"orders-db/require_secure_transport"}]}` } } }, {},
      `${SERVER} | azurerm_resource_group_template_deployment.t | fail: an azurerm_resource_group_template_deployment ${TAIL}`],
    ['an azapi ARM deployment whose inline template names the server', { azapi_resource: { arm: { type: 'Microsoft.Resources/deployments@2022-09-01', name: 'd', parent_id: RG_ID, body: { properties: { mode: 'Incremental', template: { resources: [{ type: 'Microsoft.DBforPostgreSQL/flexibleServers/configurations', name: 'orders-db/require_secure_transport', properties: { value: 'off' } }] } } } } } }, {},
      `${SERVER} | azapi_resource.arm | fail: an azapi_resource of type "Microsoft.Resources/deployments@2022-09-01" ${TAIL}`],
    ['an azapi deployment script whose command names the server', { azapi_resource: { script: { type: 'Microsoft.Resources/deploymentScripts@2023-08-01', name: 's', parent_id: RG_ID, body: { kind: 'AzureCLI', properties: { scriptContent: 'az resource update -g rg -n ORDERS-DB --resource-type x --set properties.network.publicNetworkAccess=Enabled' } } } } }, {},
      `${SERVER} | azapi_resource.script | fail: an azapi_resource of type "Microsoft.Resources/deploymentScripts@2023-08-01" ${TAIL}`],
    ['an azapi_resource whose type is known only at apply time, named below the server', { azapi_resource: { x: { type: '${var.t}', name: 'orders-db/require_secure_transport', parent_id: RG_ID, body: { properties: { value: 'off' } } } } }, {},
      `${SERVER} | azapi_resource.x | fail: an azapi_resource whose type is known only at apply time ${TAIL}`],
    ['an azapi_resource_action that runs a command on a machine, naming the server', { azapi_resource_action: { run: { type: 'Microsoft.Compute/virtualMachines@2024-07-01', resource_id: '${azurerm_linux_virtual_machine.vm.id}', action: 'runCommand', body: { commandId: 'RunShellScript', script: ['az postgres flexible-server update -g rg -n orders-db --public-access Enabled'] } } } }, {},
      `${SERVER} | azapi_resource_action.run | fail: an azapi_resource_action of type "Microsoft.Compute/virtualMachines@2024-07-01" ${TAIL}`],
  ])('%s', (_, resources, extra, expected) => {
    expect(failures(resources, extra)).toEqual([expected]);
  });

  test.each<[string, object, object, string]>([
    ['an azapi_resource that makes a server no rule reads', { azapi_resource: { srv: { type: 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01', parent_id: '/subscriptions/s/resourceGroups/rg', name: 'other-db' } } }, {},
      `(server unknown) acted on by azapi_resource.srv | azapi_resource.srv | fail: an azapi_resource of type "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01" ${TAIL}`],
    ['a module about PostgreSQL', {}, { module: { pg: { source: 'Azure/avm-res-dbforpostgresql-flexibleserver/azurerm', name: 'other-db' } } },
      `(server unknown) acted on by module.pg | module.pg | fail: a module ${TAIL}`],
    ['a provisioner that runs psql against a host known later', { terraform_data: { seed: { provisioner: { 'local-exec': { command: 'psql -h ${var.host} -f seed.sql' } } } } }, {},
      `(server unknown) acted on by terraform_data.seed | terraform_data.seed | fail: a provisioner (local-exec) ${TAIL}`],
  ])('%s no rule can place, on a server of its own', (_, resources, extra, expected) => {
    expect(failures(resources, extra)).toEqual([expected]);
  });
});

describe('Microsoft Defender (advanced threat protection) for the server (adversary A9-9)', () => {
  const ATP = 'Microsoft.DBforPostgreSQL/flexibleServers/advancedThreatProtectionSettings@2024-08-01';
  const enabled = { properties: { state: 'Enabled' } };

  test('turned on, by azurerm_advanced_threat_protection or the azapi setting, passes: a hardening', () => {
    expect(failures({
      azurerm_advanced_threat_protection: { atp: { target_resource_id: REF, enabled: true } },
      azapi_resource: { atp: { type: ATP, name: 'Default', parent_id: REF, body: enabled } },
      azapi_update_resource: {
        byParent: { type: ATP, name: 'Default', parent_id: REF, body: { properties: { state: 'enabled' } } },
        byId: { type: ATP, resource_id: `${SERVER_ID}/advancedThreatProtectionSettings/Default`, body: enabled },
      },
    })).toEqual([]);
  });

  test.each<[string, object, string]>([
    ['azurerm_advanced_threat_protection turned off', { azurerm_advanced_threat_protection: { atp: { target_resource_id: REF, enabled: false } } }, 'an azurerm_advanced_threat_protection'],
    ['azurerm_advanced_threat_protection enabled by a variable', { azurerm_advanced_threat_protection: { atp: { target_resource_id: REF, enabled: '${var.on}' } } }, 'an azurerm_advanced_threat_protection'],
    ['the azapi setting Disabled', { azapi_resource: { atp: { type: ATP, name: 'Default', parent_id: REF, body: { properties: { state: 'Disabled' } } } } }, `an azapi_resource of type "${ATP}"`],
    ['the azapi setting with another property beside Enabled', { azapi_resource: { atp: { type: ATP, name: 'Default', parent_id: REF, body: { properties: { state: 'Enabled', other: 1 } } } } }, `an azapi_resource of type "${ATP}"`],
    ['the azapi setting in a body known only later', { azapi_resource: { atp: { type: ATP, name: 'Default', parent_id: REF, body: '${jsonencode(var.atp)}' } } }, `an azapi_resource of type "${ATP}"`],
    ['the azapi setting\'s type sent to the server\'s own ID', { azapi_update_resource: { atp: { type: ATP, resource_id: REF, body: enabled } } }, `an azapi_update_resource of type "${ATP}"`],
  ])('%s fails: it may remove the protection', (_name, resources, what) => {
    expect(failures(resources)).toEqual([`${SERVER} | ${Object.keys(resources)[0]}.atp | fail: ${what} ${TAIL}`]);
  });
});

describe('data sources and ephemeral resources that act when Terraform reads them', () => {
  test.each<[string, object, string]>([
    ['an external data source whose program names the server', { data: { external: { x: { program: ['sh', '-c', 'az postgres flexible-server parameter set -g rg -s orders-db --name require_secure_transport --value off; echo {}'] } } } },
      `${SERVER} | data.external.x | fail: an external data source, which runs a program at every plan, ${TAIL}`],
    ['an http data source that POSTs below the server ID', { data: { http: { x: { url: `https://management.azure.com${SERVER_ID}/configurations/require_secure_transport?api-version=2024-08-01`, method: 'POST', request_body: '{"properties":{"value":"off"}}' } } } },
      `${SERVER} | data.http.x | fail: an http data source with method "POST", sent at every plan, ${TAIL}`],
    ['an http data source whose method is known only at plan time, given the server host', { data: { http: { x: { url: `https://\${${SERVER}.fqdn}/admin`, method: '${var.method}' } } } },
      `${SERVER} | data.http.x | fail: an http data source with a method known only at plan time, sent at every plan, ${TAIL}`],
    ['an azapi_resource_action data source (POST unless told) on the server', { data: { azapi_resource_action: { x: { type: 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01', resource_id: REF, action: 'restart' } } } },
      `${SERVER} | data.azapi_resource_action.x | fail: an azapi_resource_action data source of type "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01" ${TAIL}`],
    ['an ephemeral azapi_resource_action on the server', { ephemeral: { azapi_resource_action: { x: { type: 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01', resource_id: SERVER_ID, action: 'restart' } } } },
      `${SERVER} | ephemeral.azapi_resource_action.x | fail: an azapi_resource_action ephemeral resource of type "Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01" ${TAIL}`],
  ])('%s fails', (_, extra, expected) => {
    expect(failures({}, extra)).toEqual([expected]);
  });

  test('data sources that only read pass: an http GET or HEAD, an azapi_resource_action read with GET, azurerm data sources', () => {
    expect(failures({}, { data: {
      http: { get: { url: `https://\${${SERVER}.fqdn}/health` }, head: { url: `https://management.azure.com${SERVER_ID}`, method: 'head' } },
      azapi_resource_action: { read: { type: 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01', resource_id: REF, action: 'configurations', method: 'GET' } },
      azurerm_postgresql_flexible_server: { read: { name: 'orders-db', resource_group_name: 'rg' } },
    } })).toEqual([]);
  });
});

describe('on a construct', () => {
  function stackWithAzapi(): { stack: TerraformStack; postgres: SecureFlexibleServer } {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    stack.addOverride('resource.azapi_update_resource.tls', { type: 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01', resource_id: `${postgres.serverId}/configurations/require_secure_transport`, body: { properties: { value: 'off' } } });
    return { stack, postgres };
  }
  const synthMessage = (stack: TerraformStack) => {
    try {
      Testing.synth(stack, true);
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  test('fails synth', () => {
    expect(synthMessage(stackWithAzapi().stack)).toContain(`[stack] azapi_update_resource.tls PG-CFG-3 an azapi_update_resource of type "Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01" ${TAIL}`);
  });

  test('Defender turned on for the construct\'s server passes synth; turned off, it fails (adversary A9-9)', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const postgres = new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    const atp = new AdvancedThreatProtection(stack, 'Defender', { targetResourceId: postgres.serverId, enabled: true });
    expect(synthMessage(stack)).toBe('');
    atp.enabled = false;
    expect(synthMessage(stack)).toContain(`[stack] azurerm_advanced_threat_protection.Defender PG-CFG-3 an azurerm_advanced_threat_protection ${TAIL}`);
  });

  test('a suppression with the reason, on the server, lets synth pass and keeps the finding in the report', () => {
    const { stack, postgres } = stackWithAzapi();
    PostgresSecurityChecks.suppress(postgres, 'PG-CFG-3', REASON);
    expect(synthMessage(stack)).toBe('');
    const finding = evaluateStack(stack.toTerraform(), ALL_RULES).findings.find((f) => f.ruleId === 'PG-CFG-3' && f.address === 'azapi_update_resource.tls');
    expect([finding?.status, finding?.reason]).toEqual(['suppressed', REASON]);
  });

  test('on a server the checks do not cover, the writer is listed as not judged', () => {
    const { stack } = stackWithAzapi();
    const evaluation = evaluateStack(stack.toTerraform(), ALL_RULES, { inScope: () => false });
    expect(evaluation.unjudged.filter((r) => r.address === 'azapi_update_resource.tls').map((r) => r.reason)).toEqual([
      'its server is not under a scope the checks cover (a SecureFlexibleServer or SecureSingleServer judges only its own server)',
    ]);
  });
});
