import { evaluateStack, Finding } from '../../../lib/checks/evaluate';
import { ALL_RULES } from '../../../lib/checks/rules';
import { rule } from '../../../lib/checks/rules/PG-CFG-4';
import { buildStackModel } from '../../../lib/checks/stack-model';
import { compliantFlexibleServer, FLEXIBLE } from '../rule-harness';

const SERVER = `${FLEXIBLE}.db`;
const TAIL = 'is in the server\'s stack but does not name the server; what it runs or deploys is not in the Terraform JSON and may still reach it (found by a search, or by a name put together), so it cannot be judged.';
const RG_ID = '/subscriptions/s/resourceGroups/rg';
/** A command that changes the server without saying "postgres" or its name: it finds the server by a search. */
const SEARCH = 'az resource update --ids "$(az resource list -g rg --resource-type Microsoft.DBforPost""greSQL/flexibleServers --query [0].id -o tsv)/configurations/require_secure_transport" --set properties.value=off';

/** PG-CFG-4's findings that are not passes, as "server | resource | severity status: message", beside a compliant server named orders-db. */
function findings(extra: object, resources: object = {}): string[] {
  const terraform = { ...extra, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, ...resources } };
  return evaluateStack(terraform, ALL_RULES).findings
    .filter((f: Finding) => f.ruleId === 'PG-CFG-4' && f.status !== 'pass')
    .map((f) => `${f.server} | ${f.address} | ${f.severity} ${f.status}: ${f.message}`);
}

test('passes a stack with no commands, templates or scripts: azapi resources of a known type, reads', () => {
  expect(findings({
    data: {
      http: { health: { url: 'https://example.com/health' } },
      azapi_resource_action: { keys: { type: 'Microsoft.Storage/storageAccounts@2023-05-01', resource_id: '${azurerm_storage_account.s.id}', action: 'listKeys', method: 'GET' } },
    },
  }, {
    azapi_resource: { kv: { type: 'Microsoft.KeyVault/vaults@2023-07-01', parent_id: RG_ID, name: 'kv' } },
    terraform_data: { marker: { input: 'v1' } },
  })).toEqual([]);
});

describe('warns on what runs commands or deploys a template beside a server without naming it', () => {
  test.each<[string, object, object, string]>([
    ['a provisioner that finds the server by a search', {}, { terraform_data: { x: { provisioner: [{ 'local-exec': { command: SEARCH } }] } } },
      `${SERVER} | terraform_data.x | warning fail: a provisioner (local-exec) ${TAIL}`],
    ['a remote-exec provisioner on a virtual machine', {}, { null_resource: { vm: { provisioner: { 'remote-exec': { inline: ['./configure.sh'] } } } } },
      `${SERVER} | null_resource.vm | warning fail: a provisioner (remote-exec) ${TAIL}`],
    ['an external data source', { data: { external: { x: { program: ['sh', '-c', `${SEARCH}; echo {}`] } } } }, {},
      `${SERVER} | data.external.x | warning fail: an external data source, which runs a program at every plan, ${TAIL}`],
    ['an http data source that POSTs', { data: { http: { x: { url: 'https://management.azure.com/batch?api-version=2020-06-01', method: 'post' } } } }, {},
      `${SERVER} | data.http.x | warning fail: an http data source with method "post", sent at every plan, ${TAIL}`],
    ['an azapi_resource whose type is known only at apply time', {}, { azapi_resource: { x: { type: '${var.t}', name: '${var.n}', parent_id: RG_ID, body: { properties: { value: 'off' } } } } },
      `${SERVER} | azapi_resource.x | warning fail: an azapi_resource whose type is known only at apply time ${TAIL}`],
    ['an azapi ARM deployment', {}, { azapi_resource: { arm: { type: 'Microsoft.Resources/deployments@2022-09-01', name: 'd', parent_id: RG_ID, body: { properties: { mode: 'Incremental', templateLink: { id: '${var.spec}' } } } } } },
      `${SERVER} | azapi_resource.arm | warning fail: an azapi_resource of type "Microsoft.Resources/deployments@2022-09-01" ${TAIL}`],
    ['an ARM template deployment of azurerm', {}, { azurerm_resource_group_template_deployment: { t: { name: 't', resource_group_name: 'rg', deployment_mode: 'Incremental', template_content: '${file("t.json")}' } } },
      `${SERVER} | azurerm_resource_group_template_deployment.t | warning fail: an azurerm_resource_group_template_deployment ${TAIL}`],
    ['a virtual machine run command', {}, { azurerm_virtual_machine_run_command: { r: { name: 'r', location: 'westeurope', virtual_machine_id: '${azurerm_linux_virtual_machine.vm.id}', source: { script: SEARCH } } } },
      `${SERVER} | azurerm_virtual_machine_run_command.r | warning fail: an azurerm_virtual_machine_run_command ${TAIL}`],
    ['a custom script extension of a virtual machine', {}, { azurerm_virtual_machine_extension: { s: { name: 's', virtual_machine_id: '${azurerm_linux_virtual_machine.vm.id}', publisher: 'Microsoft.Azure.Extensions', type: 'CustomScript', type_handler_version: '2.1', protected_settings: '${jsonencode({ commandToExecute = var.command })}' } } },
      `${SERVER} | azurerm_virtual_machine_extension.s | warning fail: an azurerm_virtual_machine_extension of type "CustomScript" ${TAIL}`],
    ['an external data source nested in a check block (read at every plan)', { check: { health: { data: { external: { probe: { program: ['sh', '-c', `${SEARCH}; echo {}`] } } }, assert: { condition: true, error_message: 'x' } } } }, {},
      `${SERVER} | check.health.data.external.probe | warning fail: an external data source, which runs a program at every plan, ${TAIL}`],
    ['a removed block with a destroy-time provisioner', { removed: [{ from: 'terraform_data.old', lifecycle: { destroy: true }, provisioner: { 'local-exec': { when: 'destroy', command: SEARCH } } }] }, {},
      `${SERVER} | removed.terraform_data.old | warning fail: a provisioner (local-exec) ${TAIL}`],
    ['a shell_script resource (scottwinkler/shell)', {}, { shell_script: { x: { lifecycle_commands: { create: SEARCH, delete: 'true' } } } },
      `${SERVER} | shell_script.x | warning fail: a shell_script resource, which runs a program or sends a request, ${TAIL}`],
    ['a restapi_object (Mastercard/restapi) that sends what it is given', {}, { restapi_object: { x: { path: '${var.path}', data: '{"properties":{"value":"off"}}' } } },
      `${SERVER} | restapi_object.x | warning fail: a restapi_object resource, which runs a program or sends a request, ${TAIL}`],
    ['a module that names no server (its own data source may find it by name)', { module: { tuning: { source: 'app.terraform.io/acme/pg-tuning/azurerm', version: '1.0.0', resource_group_name: 'rg-orders' } } }, {},
      `${SERVER} | module.tuning | warning fail: a module ${TAIL}`],
    ['a module with no argument at all', { module: [{ network: { source: './network' } }] }, {},
      `${SERVER} | module.network | warning fail: a module ${TAIL}`],
    ['an action block (Terraform 1.14) of any type', { action: { local_command: { x: { config: { command: 'sh', arguments: ['-c', SEARCH] } } } } }, {},
      `${SERVER} | action.local_command.x | warning fail: an action of type local_command ${TAIL}`],
    ['an azapi custom script extension of a virtual machine', {}, { azapi_resource: { cse: { type: 'Microsoft.Compute/virtualMachines/extensions@2024-07-01', name: 'cse', parent_id: '${azurerm_linux_virtual_machine.vm.id}', body: { properties: { publisher: 'Microsoft.Azure.Extensions', type: 'CustomScript', protectedSettings: { commandToExecute: '${var.command}' } } } } } },
      `${SERVER} | azapi_resource.cse | warning fail: an azapi_resource of type "Microsoft.Compute/virtualMachines/extensions@2024-07-01" ${TAIL}`],
    ['an azapi_resource with no type as text', {}, { azapi_resource: { x: { type: 42, parent_id: RG_ID, name: 'x' } } },
      `${SERVER} | azapi_resource.x | warning fail: an azapi_resource with no type as text ${TAIL}`],
    // Adversarial run of stop 74, G74-1: a type is read as ARM compares it: "\u017f" and "\u0131" are "s" and "i" to its .NET readers.
    ...['Micro\u017foft.Resources/deployments@2021-04-01', 'M\u0131crosoft.Resources/deployments@2021-04-01', 'Microsoft.Resources/deployment\u017f@2021-04-01',
      'Microsoft.Compute/virtualMachines/runCommand\u017f@2024-07-01'].map((type): [string, object, object, string] => [`an azapi ARM deployment or run command of type ${type}`, {},
      { azapi_resource: { arm: { type, name: 'd', parent_id: RG_ID, body: { properties: { mode: 'Complete', template: { resources: [] } } } } } },
      `${SERVER} | azapi_resource.arm | warning fail: an azapi_resource of type ${JSON.stringify(type)} ${TAIL}`]),
    ['a PUT azapi_resource_action of a deployment type with a long s', {}, { azapi_resource_action: { arm: { type: 'Micro\u017foft.Resources/deployments@2021-04-01', method: 'PUT',
      resource_id: `${RG_ID}/providers/Microsoft.Resources/deployments/x`, body: { properties: { mode: 'Complete', template: { resources: [] } } } } } },
      `${SERVER} | azapi_resource_action.arm | warning fail: an azapi_resource_action of type "Micro\u017foft.Resources/deployments@2021-04-01" ${TAIL}`],
  ])('%s', (_, extra, resources, expected) => {
    expect(findings(extra, resources)).toEqual([expected]);
  });

  test('a machine extension that runs no script passes', () => {
    expect(findings({}, { azurerm_virtual_machine_extension: { agent: { name: 'ama', virtual_machine_id: '${azurerm_linux_virtual_machine.vm.id}', publisher: 'Microsoft.Azure.Monitor', type: 'AzureMonitorLinuxAgent', type_handler_version: '1.0' } } })).toEqual([]);
    expect(findings({}, { azapi_resource: { agent: { type: 'Microsoft.Compute/virtualMachines/extensions@2024-07-01', name: 'ama', parent_id: '${azurerm_linux_virtual_machine.vm.id}', body: { properties: { publisher: 'Microsoft.Azure.Monitor', type: 'AzureMonitorLinuxAgent' } } } } })).toEqual([]);
  });

  test('a command whose count is 0 never runs: nothing to warn about', () => {
    expect(findings({}, { terraform_data: { x: { count: 0, provisioner: { 'local-exec': { command: SEARCH } } } } })).toEqual([]);
  });

  test('a command that names another server may still reach this one; it is a writer (PG-CFG-3) of the one it names', () => {
    const terraform = {
      resource: {
        [FLEXIBLE]: { db: compliantFlexibleServer(), other: compliantFlexibleServer({ name: 'other-db' }) },
        terraform_data: { x: { provisioner: { 'local-exec': { command: 'az postgres flexible-server restart -g rg -n other-db' } } } },
      },
    };
    const failed = evaluateStack(terraform, ALL_RULES).findings.filter((f) => ['PG-CFG-3', 'PG-CFG-4'].includes(f.ruleId) && f.status === 'fail');
    expect(failed.map((f) => `${f.server} ${f.ruleId} ${f.address}`)).toEqual([
      `${SERVER} PG-CFG-4 terraform_data.x`,
      `${FLEXIBLE}.other PG-CFG-3 terraform_data.x`,
    ]);
  });

  test('a stack without a server has nothing to warn about', () => {
    const terraform = { resource: { terraform_data: { x: { provisioner: { 'local-exec': { command: SEARCH } } } } } };
    expect(evaluateStack(terraform, ALL_RULES).findings).toEqual([]);
  });

  test('a server of a construct the stack enforces fails (an error)', () => {
    const terraform = {
      '//': { 'cdktf-azure-postgres-enforced': ['stack/Postgres'] },
      resource: {
        [FLEXIBLE]: { db: { ...compliantFlexibleServer(), '//': { metadata: { path: 'stack/Postgres/Server' } } } },
        terraform_data: { x: { provisioner: { 'local-exec': { command: SEARCH } } } },
      },
    };
    const finding = evaluateStack(terraform, ALL_RULES).findings.find((f) => f.ruleId === 'PG-CFG-4');
    expect([finding?.severity, finding?.status, finding?.enforcedBy]).toEqual(['error', 'fail', 'stack/Postgres']);
  });
});

// 64th adversarial run, A64a-3, decided: a machine's boot script is compute running code of its own, as a container's command is
// (any-type-writers.test.ts): no command unless its text addresses PostgreSQL's management; its identity's grants are PG-IAM-2's.
test('a machine\'s boot script is a command only when its text addresses PostgreSQL\'s management', () => {
  const vm = (customData: string) => ({ azurerm_linux_virtual_machine: { vm: { name: 'vm', resource_group_name: 'rg', custom_data: customData } } });
  expect(findings({}, vm('${base64encode("#!/bin/sh\\ncurl -fsSL https://example.com/setup.sh | sh")}'))).toEqual([]);
  expect(findings({}, vm(`\${base64encode("#!/bin/sh\\n${SEARCH}")}`))).toEqual([
    `${SERVER} | azurerm_linux_virtual_machine.vm | warning fail: an azurerm_linux_virtual_machine, whose text addresses PostgreSQL's management ("Microsoft.DBforPostgreSQL"), ${TAIL}`,
  ]);
});

test('a module\'s finding is bound to its source and version; an unpinned module\'s to no subject a module suppression has (A5-7)', () => {
  const verdicts = rule.evaluate(buildStackModel({
    resource: { [FLEXIBLE]: { db: compliantFlexibleServer() } },
    module: { pinned: { source: 'acme/pg-tuning/azurerm', version: '1.0.0' }, branch: { source: 'github.com/acme/pg-tuning?ref=main' } },
  }).servers[0]);
  expect(verdicts).toEqual([
    { status: 'fail', address: 'module.pinned', message: `a module ${TAIL}`, subject: 'module source "acme/pg-tuning/azurerm" version "1.0.0"' },
    {
      status: 'fail',
      address: 'module.branch',
      message: `a module ${TAIL.slice(0, -1)}; its content is not pinned (a git source without ref=<commit SHA> follows a branch or a tag, which can move), so a suppression on the module does not cover it.`,
      subject: 'unpinned module source "github.com/acme/pg-tuning?ref=main" version null',
    },
  ]);
});

test('a removed block that leaves its object in Azure runs nothing: it is PG-CFG-7\'s (A11b-7)', () => {
  expect(findings({ removed: [{ from: 'azurerm_postgresql_flexible_server_firewall_rule.allow_all', lifecycle: { destroy: false } }] })).toEqual([]);
});
