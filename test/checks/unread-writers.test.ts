import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { gzipSync } from 'zlib';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, TerraformVariable } from 'cdktf';
import { FlexibleServerAuthentication, SecureFlexibleServer } from '../../lib';
import { READ_ONLY_ACTIONS } from '../../lib/checks/azapi-writes';
import { encodedTexts, MAX_INFLATED } from '../../lib/checks/encoded-texts';
import { evaluateStack } from '../../lib/checks/evaluate';
import { INERT_AZURE_TYPES, INERT_TYPES, INERT_WRITERS, inertAzureReason, inertReason } from '../../lib/checks/inert-types';
import { SCOPE_KINDS, ScopeKind } from '../../lib/checks/judged-scopes';
import { azureReaderOf, readerOf, TYPE_READERS, TypePattern } from '../../lib/checks/read-types';
import { ALL_RULES } from '../../lib/checks/rules';
import { ADMIN_OBJECT_ID, minimalProps, providerStack, WORKSPACE_ID } from '../helpers';

// The class tests of PG-CFG-8's net (sixteenth run; per effect since the seventeenth, A16a-4): every type of
// the registry of read types passes pointing at each kind of scope its rows judge, and fails pointing at
// any other (unless inert there); every inert type passes toward the kinds it is inert toward; the same
// block of a type no table reads fails; every type a reader of lib/checks names is in the registry, inert,
// or listed below with why it writes nothing.

type Blocks = { [type: string]: { [name: string]: object } };
type Json = { resource: Blocks; [key: string]: unknown };

let base: Json | undefined;
/** The stack "test" with a SecureFlexibleServer of minimalProps whose generated password goes to the vault var.key_vault_id, as `cdktf synth` writes it. */
function baseJson(): Json {
  if (base === undefined) {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'unread-writers-')) });
    const stack = providerStack('test', app);
    const vault = new TerraformVariable(stack, 'key_vault_id', { type: 'string' });
    new SecureFlexibleServer(stack, 'Postgres', minimalProps({
      authentication: FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: 'vendor appliance without Entra ID sign-in (SEC-517)', keyVaultResourceId: vault.stringValue }),
    }));
    app.synth();
    base = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'test', 'cdk.tf.json'), 'utf8')) as Json;
  }
  return JSON.parse(JSON.stringify(base)) as Json;
}

/** The addresses PG-CFG-8 fails with the blocks added beside the construct. */
function failed(add: (json: Json) => Blocks): string[] {
  return failures(add).map((f) => f.address ?? '');
}

/**
 * The addresses that fail closed with the blocks added beside the construct, sorted: PG-CFG-8, or PG-CFG-3 where the block writes the
 * server itself or an azapi block the construct's own network (writers PG-CFG-3 judges are not judged twice).
 */
function failedClosed(add: (json: Json) => Blocks): string[] {
  return [...new Set(failures(add, ['PG-CFG-3', 'PG-CFG-8']).map((f) => f.address ?? ''))].sort();
}

function failures(add: (json: Json) => Blocks, rules = ['PG-CFG-8']) {
  const json = baseJson();
  for (const [type, blocks] of Object.entries(add(json))) json.resource[type] = { ...json.resource[type], ...blocks };
  const evaluation = evaluateStack(json, ALL_RULES);
  expect(evaluation.problems).toEqual([]);
  return evaluation.findings.filter((f) => rules.includes(f.ruleId) && f.status !== 'pass');
}

/** A reference to the ID of the only block of a type in the construct's JSON. */
const idOf = (json: Json, type: string) => `\${${type}.${Object.keys(json.resource[type])[0]}.id}`;
const subnetOf = (json: Json) => idOf(json, 'azurerm_subnet');
const RG_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders';
const OTHER_SERVER = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/Microsoft.DBforPostgreSQL/flexibleServers/other-db';

/** Arguments pointing at a judged scope of each kind, by kind. */
function pointers(json: Json): { readonly [kind in ScopeKind]?: object } {
  return {
    server: { postgres_id: idOf(json, 'azurerm_postgresql_flexible_server') },
    network: { subnet_id: subnetOf(json) },
    dns: { zone_pointer: idOf(json, 'azurerm_private_dns_zone') },
    container: { target_resource_id: RG_ID },
    workspace: { workspace_resource_id: WORKSPACE_ID },
    administrator: { principal_object_id: ADMIN_OBJECT_ID },
    vault: { vault_pointer: '${var.key_vault_id}' },
  };
}
const KINDS = ['server', 'network', 'dns', 'container', 'workspace', 'administrator', 'vault'] as const;

/** The same scopes as an azapi write's resource_id, by kind. */
function targets(json: Json): { readonly [kind in (typeof KINDS)[number]]: string } {
  return {
    server: idOf(json, 'azurerm_postgresql_flexible_server'),
    network: subnetOf(json),
    dns: idOf(json, 'azurerm_private_dns_zone'),
    container: RG_ID,
    workspace: `${WORKSPACE_ID}/x/y`,
    administrator: ADMIN_OBJECT_ID,
    vault: '${var.key_vault_id}',
  };
}

// The arguments the model needs of the types whose shape it checks, at another server and elsewhere.
const shape = {
  name: 'w', server_id: `${OTHER_SERVER}`, server_name: 'other-db', target_resource_id: '/x', network_security_group_id: '/x', network_security_group_name: 'nsg-x',
  virtual_network_name: 'vnet-x', subnet_id: '/x', private_service_connection: [{ name: 'c', is_manual_connection: false, private_connection_resource_id: '/x' }],
};
/** A type a pattern of a table holds: the pattern itself, or a sample name it matches (a pattern without one fails the test). */
const SAMPLES = [
  'azurerm_route_table', 'azurerm_route', 'azurerm_subnet_route_table_association', 'azurerm_subnet_nat_gateway_association',
  'azurerm_resource_group_policy_assignment', 'azurerm_subscription_policy_assignment', 'azuread_directory_role_assignment', 'msgraph_resource',
  'azurerm_sentinel_data_connector_azure_active_directory', 'azurerm_sentinel_data_connector_office_365', 'azurerm_private_dns_cname_record',
  'azurerm_monitor_metric_alert', 'azurerm_consumption_budget_resource_group', 'azurerm_cost_anomaly_alert', 'time_sleep', 'random_password',
  'microsoft.authorization/roleassignments', 'microsoft.authorization/roleeligibilityschedulerequests',
  'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials', 'microsoft.dbforpostgresql/flexibleservers/advancedthreatprotectionsettings',
  'microsoft.insights/metricalerts', 'microsoft.insights/actiongroups', 'azurerm_policy_definition', 'azurerm_policy_set_definition',
  'azurerm_log_analytics_saved_search', 'azurerm_log_analytics_query_pack_query', 'microsoft.authorization/roledefinitions',
  'microsoft.authorization/policydefinitions', 'microsoft.operationalinsights/workspaces/savedsearches',
  'microsoft.network/virtualnetworks/subnets', 'microsoft.network/networksecuritygroups', 'microsoft.network/networksecuritygroups/securityrules',
  'microsoft.network/privateendpoints', 'microsoft.network/privatednszones', 'microsoft.network/privatednszones/a',
  'azurerm_private_dns_resolver', 'azurerm_private_dns_resolver_inbound_endpoint', 'azurerm_private_dns_resolver_outbound_endpoint',
  'microsoft.network/dnsresolvers', 'microsoft.network/dnsresolvers/inboundendpoints', 'microsoft.network/dnsresolvers/outboundendpoints',
  'microsoft.security/pricings',
  'microsoft.insights/scheduledqueryrules', 'microsoft.alertsmanagement/smartdetectoralertrules', 'microsoft.authorization/policysetdefinitions',
  'microsoft.operationalinsights/querypacks/queries', 'microsoft.network/routetables', 'microsoft.network/routetables/routes', 'microsoft.network/privatednszones/cname',
  'azurerm_subnet_nat_gateway_association', 'azurerm_monitor_action_group',
];
function namesOf(pattern: TypePattern): string[] {
  if (typeof pattern === 'string') return [pattern];
  const names = SAMPLES.filter((sample) => pattern.test(sample));
  if (names.length === 0) throw new Error(`give a sample name of ${pattern} in SAMPLES`);
  return names;
}

describe('the registry of read types, per kind of scope (A16a-4)', () => {
  test('every row judges at least one kind of scope, and none judges them all but for a reason the kind list shows', () => {
    for (const row of TYPE_READERS) {
      expect([row.reader, row.judges.length > 0]).toEqual([row.reader, true]);
      expect([row.reader, row.judges.every((kind) => SCOPE_KINDS[kind] !== undefined)]).toEqual([row.reader, true]);
    }
  });

  const terraformTypes = () => [...new Set(TYPE_READERS.flatMap((row) => (row.types ?? []).flatMap(namesOf)))]
    // A server of the stack is judged as one (its own rules), not as a block pointing at one.
    .filter((type) => !/^azurerm_postgresql_(flexible_)?server$/.test(type));

  test.each(KINDS)('every Terraform type a table reads passes PG-CFG-8 pointing at %s when a row judges it (or it is inert there), and fails closed otherwise', (kind) => {
    const types = terraformTypes();
    expect(types.length).toBeGreaterThan(40);
    const judged = (type: string) => readerOf(type, kind) !== undefined || inertReason(type, kind) !== undefined;
    const add = (json: Json) => Object.fromEntries([...types, 'azurerm_unread_example'].map((type) => [type, { w: { ...shape, ...pointers(json)[kind] } }]));
    const net = failed(add);
    expect(types.filter((type) => judged(type) && net.includes(`${type}.w`))).toEqual([]);
    const closed = failedClosed(add);
    expect([...types.filter((type) => !judged(type)), 'azurerm_unread_example'].filter((type) => !closed.includes(`${type}.w`))).toEqual([]);
    // Beside the server itself, PG-CFG-3 judges what names it; elsewhere the net alone.
    if (kind !== 'server') expect(net.sort()).toEqual([...types.filter((type) => !judged(type)), 'azurerm_unread_example'].map((type) => `${type}.w`).sort());
  });

  test('each kind of scope is judged by some rows and not by others: the net keeps every type for the kinds its rows do not judge', () => {
    const types = terraformTypes();
    for (const kind of KINDS) {
      expect([kind, types.some((type) => readerOf(type, kind) !== undefined)]).toEqual([kind, true]);
      expect([kind, types.some((type) => readerOf(type) !== undefined && readerOf(type, kind) === undefined && inertReason(type, kind) === undefined)]).toEqual([kind, true]);
    }
  });

  test('a read type pointing where its table does not look names the table, the kinds it reads and the kind it does not', () => {
    const found = failures(() => ({ azurerm_log_analytics_data_export_rule: { w: { ...shape, principal_object_id: ADMIN_OBJECT_ID } } }));
    expect(found.map((f) => `${f.address} | ${f.message}`)).toEqual([expect.stringMatching(
      /^azurerm_log_analytics_data_export_rule\.w \| an azurerm_log_analytics_data_export_rule points at .*the Entra administrator of the server.* \(its principal_object_id\): workspace-exports\.ts \(PG-LOG-1\) reads this type only toward where the server's logs go, not toward the server's Entra administrator, so what it does there cannot be judged\.$/,
    )]);
  });

  // An azapi write of the server itself is PG-CFG-3's (a writer of the server), not the net's.
  test.each(KINDS.filter((kind) => kind !== 'server'))('every Azure type a table reads passes as an azapi write to %s when a row judges it (or it is inert there), and fails closed otherwise', (kind) => {
    const types = [...new Set(TYPE_READERS.flatMap((row) => (row.azureTypes ?? []).flatMap(namesOf))), 'microsoft.operationalinsights/workspaces/intelligencepacks'];
    expect(types.length).toBeGreaterThan(5);
    const judged = (type: string) => azureReaderOf(type, false, kind) !== undefined || inertAzureReason(type, kind) !== undefined;
    const write = (type: string, at: string) => ({ type: `${type}@2024-01-01`, resource_id: at, body: { properties: { x: 1 } } });
    const add = (json: Json) => ({ azapi_update_resource: Object.fromEntries(types.map((type, at) => [`w${at}`, write(type, targets(json)[kind])])) });
    const net = failed(add);
    expect(types.flatMap((type, at) => (judged(type) && net.includes(`azapi_update_resource.w${at}`) ? [type] : []))).toEqual([]);
    const closed = failedClosed(add);
    expect(types.flatMap((type, at) => (!judged(type) && !closed.includes(`azapi_update_resource.w${at}`) ? [type] : []))).toEqual([]);
    expect(judged(types[types.length - 1])).toBe(false);
  });
});

// Eighteenth review, A18a-10: azapi runs a data or ephemeral azapi_resource_action (and one in a check block, and a Terraform
// action) when it reads it, whatever its method: the net judges every form as the resource form; a POST reads only by a known
// reading action (list*, get*, validate*).
describe('every form of an azapi action is judged by the net as the resource form', () => {
  const FORMS = ['resource', 'data', 'ephemeral', 'check'] as const;
  /** The JSON with one azapi_resource_action "w" added in a form. */
  const inForm = (form: (typeof FORMS)[number], action: object) => (json: Json): Blocks => {
    if (form === 'resource') return { azapi_resource_action: { w: action } };
    if (form === 'check') json.check = { c: { data: { azapi_resource_action: { w: action } }, assert: [{ condition: true, error_message: 'x' }] } };
    else json[form] = { azapi_resource_action: { w: action } };
    return {};
  };
  const address = (form: (typeof FORMS)[number]) => ({ resource: '', data: 'data.', ephemeral: 'ephemeral.', check: 'check.c.data.' })[form] + 'azapi_resource_action.w';
  const move = (id: string, method: object = { method: 'POST' }) => ({ type: 'Microsoft.Resources/resourceGroups@2021-04-01', resource_id: '/subscriptions/9/resourceGroups/rg-x', action: 'moveResources',
    ...method, body: { resources: [id], targetResourceGroup: '/subscriptions/99999999-0000-0000-0000-000000000000/resourceGroups/rg-elsewhere' } });

  test.each(FORMS)('written as a %s, a POST moving an object of each kind of scope fails closed', (form) => {
    for (const kind of KINDS) {
      expect([kind, failedClosed((json) => inForm(form, move(targets(json)[kind]))(json))]).toEqual([kind, [address(form)]]);
    }
  });

  test.each(FORMS)('written as a %s, a POST whose action is not a known read fails closed; GET, HEAD and reading actions pass', (form) => {
    const at = (action: string, method = 'POST') => (json: Json) => inForm(form, { type: 'Microsoft.OperationalInsights/clusters@2022-10-01', resource_id: `${WORKSPACE_ID}/x/y`, action, method })(json);
    for (const action of ['moveResources', 'regenerateKey', 'rotateKey', 'delete', '']) expect([action, failedClosed(at(action))]).toEqual([action, [address(form)]]);
    expect(failedClosed((json) => inForm(form, { type: 'Microsoft.OperationalInsights/clusters@2022-10-01', resource_id: `${WORKSPACE_ID}/x/y`, action: '${var.action}', method: 'POST' })(json))).toEqual([address(form)]);
    expect(failedClosed((json) => inForm(form, { type: 'Microsoft.OperationalInsights/clusters@2022-10-01', resource_id: `${WORKSPACE_ID}/x/y`, action: 'moveResources' })(json))).toEqual([address(form)]);
    for (const action of ['listKeys', 'ListConnectionStrings', 'getStatus', 'validate']) expect([action, failedClosed(at(action))]).toEqual([action, []]);
    for (const method of ['GET', 'head']) expect([method, failedClosed(at('moveResources', method))]).toEqual([method, []]);
  });
});

// A read-only action without a reading name (READ_ONLY_ACTIONS, each with its source) passes on its own type, in every form; on
// another type, by another method, or known only later, it fails closed as before. GET and reading POSTs on the server pass
// PG-CFG-3 too: they change nothing there (the data form by GET already passed).
describe('read-only actions', () => {
  const form = (section: 'resource' | 'data' | 'ephemeral', action: object) => (json: Json): Blocks => {
    if (section === 'resource') return { azapi_resource_action: { r: action } };
    json[section] = { azapi_resource_action: { r: action } };
    return {};
  };
  const exportTemplate = (extra: object = {}) => ({ type: 'Microsoft.Resources/resourceGroups@2021-04-01', resource_id: RG_ID, action: 'exportTemplate', body: { resources: ['*'] }, ...extra });
  const address = (section: string) => `${section === 'resource' ? '' : `${section}.`}azapi_resource_action.r`;

  test.each(['resource', 'data', 'ephemeral'] as const)('written as a %s, exportTemplate on the server\'s resource group passes; by PUT, on another type, or known only later it fails closed', (section) => {
    expect(failedClosed(form(section, exportTemplate()))).toEqual([]);
    expect(failedClosed(form(section, exportTemplate({ action: 'ExportTemplate', method: 'post' })))).toEqual([]);
    expect(failedClosed(form(section, exportTemplate({ resource_id: `${RG_ID}/exportTemplate`, action: undefined })))).toEqual([]);
    for (const other of [{ method: 'PUT' }, { method: 'DELETE' }, { method: '${var.method}' }, { action: '${var.action}' }, { action: 'moveResources' },
      { action: 'exportTemplates' }, { type: 'Microsoft.Web/sites@2023-01-01' }, { type: '${var.type}' }]) {
      expect([other, failedClosed(form(section, exportTemplate(other)))]).toEqual([other, [address(section)]]);
    }
  });

  test('a GET, a HEAD and a reading POST on the server itself pass PG-CFG-3 in the resource form; a restart, a method or action known only later fail it', () => {
    const on = (json: Json, extra: object) => ({ azapi_resource_action: { r: { type: 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01', resource_id: targets(json).server, ...extra } } });
    for (const reading of [{ method: 'GET' }, { method: 'head' }, { action: 'listKeys' }, { action: 'getPrivateDnsZoneSuffix', method: 'POST' }]) {
      expect([reading, failedClosed((json) => on(json, reading))]).toEqual([reading, []]);
    }
    for (const acting of [{ action: 'restart' }, { action: 'stop', method: 'POST' }, { method: '${var.method}' }, { action: '${var.action}' }, { method: 'PATCH', body: { properties: {} } }]) {
      expect([acting, failedClosed((json) => on(json, acting))]).toEqual([acting, ['azapi_resource_action.r']]);
    }
  });

  test('every read-only action gives its source and its types in lower case, without an API version', () => {
    for (const entry of READ_ONLY_ACTIONS) {
      expect(entry.source).toMatch(/^https:\/\/learn\.microsoft\.com\/rest\/api\//);
      for (const type of entry.types) expect(type).toMatch(/^microsoft\.[a-z]+\/[a-z/]+$/);
    }
  });
});

// Eighteenth review, A18a-1: the net reads a pointer in an azapi body in every placement the tables read (azapi-writes.ts).
test.each(['body', 'JSON text', 'sensitive_body', 'jsonencode()', 'merge() over a variable'])('a pointer to each kind of scope in an azapi body written as %s fails closed', (placement) => {
  const hcl = (value: string) => JSON.stringify(value);
  const body = (pointer: string): object => ({
    'body': { body: { properties: { target: pointer } } },
    'JSON text': { body: JSON.stringify({ properties: { target: pointer } }) },
    'sensitive_body': { body: { properties: {} }, sensitive_body: { properties: { target: pointer } } },
    'jsonencode()': { body: `\${jsonencode({properties = {target = ${hcl(pointer)}}})}` },
    'merge() over a variable': { body: `\${merge(var.base, {properties = {target = ${hcl(pointer)}}})}` },
  })[placement]!;
  for (const kind of KINDS) {
    const write = (json: Json) => ({ azapi_resource: { w: { type: 'Microsoft.Web/sites@2023-01-01', name: 'app', parent_id: '/subscriptions/9/resourceGroups/rg-app', ...body(targets(json)[kind]) } } });
    expect([kind, failedClosed(write)]).toEqual([kind, ['azapi_resource.w']]);
  }
});

// The tables read the writes of their types (PUT, PATCH): an action of a read type by POST or DELETE is the net's (A18a-10).
test('every Azure type a table reads, as an action by POST (not a known read) or DELETE at each kind of scope, fails closed; by a reading POST it passes', () => {
  const types = [...new Set(TYPE_READERS.flatMap((row) => (row.azureTypes ?? []).flatMap(namesOf)))];
  expect(types.length).toBeGreaterThan(5);
  const actions = (kind: (typeof KINDS)[number], action: object) => (json: Json): Blocks => ({ azapi_resource_action: Object.fromEntries(types.map((type, at) => [`w${at}`, { type: `${type}@2024-01-01`, resource_id: targets(json)[kind], ...action }])) });
  const all = types.map((_type, at) => `azapi_resource_action.w${at}`).sort();
  for (const kind of KINDS) {
    for (const action of [{ action: 'moveResources', method: 'POST' }, { action: 'regenerateKey' }, { method: 'DELETE' }]) expect([kind, action, failedClosed(actions(kind, action))]).toEqual([kind, action, all]);
    // A reading POST passes both rules, on the server itself too (PG-CFG-3 judges the azapi actions on the server and its own network).
    expect([kind, failedClosed(actions(kind, { action: 'listKeys', method: 'POST' }))]).toEqual([kind, []]);
  }
  const [found] = failures((json) => ({ azapi_resource_action: { w: { type: 'Microsoft.Authorization/roleAssignments@2022-04-01', resource_id: targets(json).workspace, action: 'moveResources' } } }));
  expect(found.message).toMatch(/its tables read the writes of this type, not the action "moveResources" by POST, which may move, delete, regenerate or rewrite what it names, so what it does there cannot be judged\.$/);
});

describe('the allow-list of inert types', () => {
  test('every entry gives its reason', () => {
    for (const entry of [...INERT_TYPES, ...INERT_AZURE_TYPES]) expect(entry.reason.length).toBeGreaterThan(20);
  });

  test('every inert Terraform type passes pointing at each kind of scope it is inert toward, and fails toward another no table reads it for', () => {
    const kinds: ScopeKind[] = [...KINDS];
    for (const entry of INERT_TYPES) {
      for (const type of namesOf(entry.type)) {
        const inert = kinds.filter((kind) => entry.on === undefined || entry.on.includes(kind));
        expect([type, failed((json) => ({ [type]: { w: Object.assign({ ...shape }, ...inert.map((kind) => pointers(json)[kind])) } }))]).toEqual([type, []]);
        const other = kinds.find((kind) => !inert.includes(kind) && readerOf(type, kind) === undefined);
        if (other !== undefined) expect([type, other, failedClosed((json) => ({ [type]: { w: { ...shape, ...pointers(json)[other] } } }))]).toEqual([type, other, [`${type}.w`]]);
      }
    }
  });

  test('every inert Azure type passes as an azapi write to the workspace and the resource group it is inert toward, and fails toward another', () => {
    const write = (type: string, at: string) => ({ type: `${type}@2024-01-01`, resource_id: at, body: { properties: { x: 1 } } });
    for (const entry of INERT_AZURE_TYPES) {
      for (const type of namesOf(entry.type)) {
        const at = (['workspace', 'container'] as const).map((kind) => [kind, kind === 'workspace' ? `${WORKSPACE_ID}/x/y` : RG_ID] as const);
        const inert = at.filter(([kind]) => entry.on === undefined || entry.on.includes(kind));
        const others = at.filter(([kind]) => !inert.some(([each]) => each === kind));
        expect([type, failed(() => ({ azapi_update_resource: Object.fromEntries(inert.map(([kind, id]) => [kind, write(type, id)])) }))]).toEqual([type, []]);
        expect([type, failed(() => ({ azapi_update_resource: Object.fromEntries(others.map(([kind, id]) => [kind, write(type, id)])) })).sort()])
          .toEqual([type, others.map(([kind]) => `azapi_update_resource.${kind}`).sort()]);
      }
    }
  });

  // Nineteenth review, A19b-6: one row holds a writer's Terraform and Azure forms, so a twin cannot be inert on one side only.
  test('every inert row\'s Azure form passes as an azapi write pointing at each kind it is inert toward (as its Terraform form does), and fails toward another no table reads it for', () => {
    const kinds: ScopeKind[] = [...KINDS];
    const write = (type: string, toward: readonly ScopeKind[]) => (json: Json): Blocks => ({ azapi_resource: { w: { type: `${type}@2024-01-01`, name: 'w', parent_id: '/subscriptions/9/resourceGroups/rg-apps',
      body: { properties: Object.assign({}, ...toward.map((kind) => pointers(json)[kind])) } } } });
    const rows = INERT_WRITERS.filter((row) => row.azureType !== undefined);
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      for (const type of namesOf(row.azureType as TypePattern)) {
        const inert = kinds.filter((kind) => row.on === undefined || row.on.includes(kind));
        expect([type, failed(write(type, inert))]).toEqual([type, []]);
        const other = kinds.find((kind) => !inert.includes(kind) && azureReaderOf(type, false, kind) === undefined);
        if (other !== undefined) expect([type, other, failedClosed(write(type, [other]))]).toEqual([type, other, ['azapi_resource.w']]);
      }
    }
  });

  test('an azapi write of tags only is inert; one that sets anything else beside them is not', () => {
    const write = (body: object) => () => ({ azapi_update_resource: { t: { type: 'Microsoft.OperationalInsights/workspaces/intelligencePacks@2020-08-01', resource_id: `${WORKSPACE_ID}/intelligencePacks/x`, body } } });
    expect(failed(write({ tags: { owner: 'db' } }))).toEqual([]);
    expect(failed(write({ tags: { owner: 'db' }, properties: { enabled: true } }))).toEqual(['azapi_update_resource.t']);
  });
});

/**
 * Types a file of lib/checks names that write nothing a scope holds, with why: lookups (data sources), the generic azapi
 * blocks (judged by their Azure type), the containers and principals themselves.
 */
const NAMED_NOT_WRITERS: { readonly [type: string]: string } = {
  azapi_resource: 'generic: judged by its Azure type',
  azapi_update_resource: 'generic: judged by its Azure type',
  azapi_resource_action: 'generic: judged by its Azure type',
  azapi_data_plane_resource: 'generic: judged by writer-kinds.ts as every azapi type; other-store-writers.ts names it as a writer of App Configuration key-values a lookup reads back',
  azapi_resource_id: 'a lookup (data source)',
  azapi_resource_list: 'a lookup (data source)',
  azurerm_resources: 'a lookup (data source)',
  azurerm_security_center_subscription_pricing: 'read by defender-plans.ts only without subscription_id (it then names no scope); with one, the net judges it as a pointer at the subscription',
  azurerm_client_config: 'a lookup (data source)',
  azurerm_resource_group_template_deployment: 'a command writer (writer-kinds.ts, PG-CFG-3/4); group-managers.ts reads its Complete mode, the Complete deployments its template nests and the groups it deploys (deleted on destroy) as a deletion of the server\'s group (PGF-DEL-1)',
  azurerm_template_deployment: 'azurerm 3\'s resource group deployment, a command writer (writer-kinds.ts, PG-CFG-3/4); group-managers.ts reads its Complete mode and the Complete deployments its template nests as a deletion of the server\'s group (PGF-DEL-1, C72-3)',
  azurerm_subscription_template_deployment: 'a command writer (writer-kinds.ts, PG-CFG-3/4); group-managers.ts reads the Complete deployments its template nests as a deletion of the server\'s group (PGF-DEL-1)',
  azurerm_management_group_template_deployment: 'a command writer (writer-kinds.ts, PG-CFG-3/4); group-managers.ts reads the Complete deployments its template nests as a deletion of the server\'s group (PGF-DEL-1)',
  azurerm_tenant_template_deployment: 'a command writer (writer-kinds.ts, PG-CFG-3/4); group-managers.ts reads the Complete deployments its template nests as a deletion of the server\'s group (PGF-DEL-1)',
  azuread_groups: 'a lookup (data source)',
  azurerm_key_vault_certificate: 'read as an ephemeral or data source only (data-source-aliases.ts)',
  azurerm_private_endpoint_connection: 'a lookup (data source) of a private endpoint\'s connection (later-parents.ts)',
  azurerm_resource_group: 'the container itself: it writes only its name, region and tags',
  azurerm_user_assigned_identity: 'the principal itself: it writes only its name, group, region and tags',
  azurerm_key_vault_key: 'the customer-managed key itself, an object roles are judged on (perimeter-objects.ts): in a judged vault it writes a key, no secret',
  azurerm_key_vault_managed_hardware_security_module_key: 'the customer-managed key itself in a Managed HSM, an object roles are judged on (perimeter-objects.ts); PG-ENC-1 reads it',
  azurerm_postgresql_flexible_server_virtual_endpoint: 'a server\'s endpoint, judged as a copy by server-copies.ts (PG-CFG-3)',
  azurerm_data_protection_backup_instance_postgresql: 'judged by writer-kinds.ts and server-pointers.ts (PG-CFG-3)',
  azurerm_network_manager: 'the manager itself: its scope is judged in the net by what it may put in force (manager-deployments.ts managerScope, A22a-8)',
  azurerm_app_configuration_key: 'a store a module may write a secret to, read back by a lookup of it (read-back-lookups.ts STORES): a setting, no write to a server',
};

/**
 * Files that name types to describe them, not to read them: the catalog's prose, the net's own files (given-containers.ts fails PIM policies the net does not read), the spelling of a block's ID
 * from its names (and the lookups that may read a given object), the services an identity may be attached to for encryption
 * (identity-attachments.ts: exempt from a rule, not read).
 */
const NOT_READERS = ['rule-catalog.ts', 'read-types.ts', 'inert-types.ts', 'judged-scopes.ts', 'unread-writers.ts', 'given-containers.ts', 'writer-kinds.ts', 'block-ids.ts', 'given-objects.ts', 'identity-attachments.ts'];

test('every type a file of lib/checks names is in the registry, inert, or named here with why it writes nothing', () => {
  const folder = join(__dirname, '..', '..', 'lib', 'checks');
  const named = new Map<string, string>();
  for (const file of readdirSync(folder, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts') || NOT_READERS.includes(file)) continue;
    for (const [, type] of readFileSync(join(folder, file), 'utf8').matchAll(/['"`]((?:azurerm|azuread|msgraph|azapi)_[a-z0-9_]+)['"`]/g)) named.set(type, file);
  }
  expect(named.size).toBeGreaterThan(30);
  const inert = (type: string) => INERT_TYPES.some((entry) => (typeof entry.type === 'string' ? entry.type === type : entry.type.test(type)));
  const unlisted = [...named].filter(([type]) => readerOf(type) === undefined && !inert(type) && NAMED_NOT_WRITERS[type] === undefined);
  expect(unlisted).toEqual([]);
});

// A body given as JSON text is read as Azure reads it (A17b-1's class): parsed, its escapes undone, merged with sensitive_body; a
// text known only at apply time (an interpolation) with its JSON escapes undone. No escape, in either case of its hex, hides a scope
// (the server and its network fail PG-CFG-3, which judges azapi writes that reach them; the workspace PG-CFG-8).
describe('a JSON escape hides no scope from the net (A17b-1\'s class)', () => {
  const SERVER_ID = `${RG_ID}/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`;
  const SUBNET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/orders-db-postgres';
  /** An ID as JSON text spells it with escapes: every "o" as \u006f (or \u006F), every "/" as "\/". */
  const escaped = (id: string, hex: string) => id.replace(/o/g, hex).replace(/\//g, '\\/');
  const app = (argument: string, text: string) => () => ({ azapi_resource: { app: { type: 'Microsoft.Web/sites@2023-01-01', parent_id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apps', name: 'app', [argument]: text } } });
  const scopes: [string, string][] = [['the server', SERVER_ID], ['the delegated subnet', SUBNET], ['the log workspace', WORKSPACE_ID]];
  const cases = scopes.flatMap(([what, id]) => ['\\u006f', '\\u006F'].flatMap((hex) => ['body', 'sensitive_body'].map((argument) => [what, argument, hex, id] as const)));

  test.each(cases)('%s named in an azapi %s given as JSON text with escapes (%s) fails', (_what, argument, hex, id) => {
    const text = `{"properties":{"note":"${escaped(id, hex)}"}}`;
    expect(JSON.parse(text)).toEqual({ properties: { note: id } });
    expect(failedClosed(app(argument, text))).toEqual(['azapi_resource.app']);
  });
  test.each(cases)('%s named in an azapi %s given as JSON text with an interpolation and escapes (%s) fails', (_what, argument, hex, id) => {
    expect(failedClosed(app(argument, `{"properties":{"owner":"\${var.owner}","note":"${escaped(id, hex)}"}}`))).toEqual(['azapi_resource.app']);
  });
  test.each(['body', 'sensitive_body'])('the log workspace named in an azapi %s given as JSON text with an interpolation outside a string and escapes fails', (argument) => {
    expect(failedClosed(app(argument, `{"properties":{"count":\${var.count},"note":"${escaped(WORKSPACE_ID, '\\u006F')}"}}`))).toEqual(['azapi_resource.app']);
    expect(failedClosed(app(argument, `{"properties":{"count":\${var.count},"note":"${escaped(WORKSPACE_ID.replace('log-central', 'log-apps'), '\\u006F')}"}}`))).toEqual([]);
  });
  test('an ARM template given as JSON text naming the log workspace with escapes fails; naming another workspace it passes', () => {
    const template = (id: string) => () => ({ azurerm_resource_group_template_deployment: { t: { name: 't', resource_group_name: 'rg-apps', deployment_mode: 'Incremental',
      template_content: `{"resources":[{"type":"Microsoft.Insights/diagnosticSettings","properties":{"workspaceId":"${escaped(id, '\\u006F')}"}}]}` } } });
    expect(failedClosed(template(WORKSPACE_ID))).toEqual(['azurerm_resource_group_template_deployment.t']);
    expect(failedClosed(template(WORKSPACE_ID.replace('log-central', 'log-apps')))).toEqual([]);
  });
  test('the same bodies naming other objects pass', () => {
    const other = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apps/providers/Microsoft.Network/virtualNetworks/vnet-apps/subnets/apps';
    for (const argument of ['body', 'sensitive_body']) {
      expect(failedClosed(app(argument, `{"properties":{"note":"${escaped(other, '\\u006f')}"}}`))).toEqual([]);
      expect(failedClosed(app(argument, `{"properties":{"owner":"\${var.owner}","note":"${escaped(other, '\\u006F')}"}}`))).toEqual([]);
    }
  });
});

// A value the provider decodes (base64, a gzip in it) is read by the net as decoded (A19a-5's class, h-g24b): a block of a type no
// table reads whose base64 value names the server or a scope fails as the raw text would; the same encodings of other objects pass.
describe('an encoding hides no scope from the net (A19a-5\'s class)', () => {
  const SERVER_ID = `${RG_ID}/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`;
  const SUBNET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/orders-db-postgres';
  const OTHER = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apps/providers/Microsoft.Network/virtualNetworks/vnet-apps/subnets/apps';
  const OTHER_WORKSPACE = WORKSPACE_ID.replace('log-central', 'log-apps');
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const ENCODINGS: [string, (id: string) => string][] = [
    ['base64 as the whole value', (id) => b64(id)],
    ['URL-safe base64 without padding', (id) => b64(id).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')],
    ['a base64 run in a text (a data: URI)', (id) => `data:text/plain;base64,${b64(id)}`],
    ['base64 of a gzip', (id) => gzipSync(Buffer.from(id)).toString('base64')],
    ['base64 of a script naming it in a line', (id) => b64(`#!/bin/sh\naz resource update --ids ${id} --set properties.x=1\n`)],
    ['base64 of a JSON text', (id) => b64(JSON.stringify({ properties: { target: id } }))],
    ['base64 of a script naming it JSON-escaped', (id) => b64(`curl -d '{"scope":"${id.replace(/\//g, '\\/')}"}' https://example.org\n`)],
    ['base64 of a script naming it URL-encoded', (id) => b64(`curl https://management.azure.com${id.replace(/\//g, '%2F')}?api-version=2024-01-01\n`)],
    ['base64 of base64', (id) => b64(b64(id))],
    // As the provider and Azure decode it: line ends and spaces skipped (A20b-2).
    ['base64 of a script wrapped every 76 characters', (id) => b64(`#!/bin/sh\naz resource update --ids ${id} --set properties.x=1\n`).replace(/.{76}/g, '$&\n')],
    ['base64 in spaced groups of four', (id) => b64(id).replace(/.{4}/g, '$& ').trim()],
    ['base64 of a gzip, wrapped every 64 characters with CRLF', (id) => gzipSync(Buffer.from(`${'#'.repeat(80)}\n${id}\n`)).toString('base64').replace(/.{64}/g, '$&\r\n')],
  ];
  const app = (value: string) => () => ({ azapi_resource: { app: { type: 'Microsoft.Web/sites@2023-01-01', parent_id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apps', name: 'app', body: { properties: { note: value } } } } });
  const vm = (value: string) => () => ({ azurerm_linux_web_app: { app: { name: 'app', resource_group_name: 'rg-apps', location: 'westeurope', service_plan_id: '/x', site_config: [{}], app_settings: { PAYLOAD: value } } } });
  const scopes: [string, string][] = [['the server', SERVER_ID], ['the delegated subnet', SUBNET], ['the log workspace', WORKSPACE_ID]];
  const cases = scopes.flatMap(([what, id]) => ENCODINGS.map(([how, encode]) => [what, how, encode(id)] as const));

  test.each(cases)('%s named in an azapi body by %s fails', (_what, _how, value) => {
    expect(failedClosed(app(value))).toEqual(['azapi_resource.app']);
  });
  test.each(cases.filter(([what]) => what === 'the log workspace'))('%s named in an azurerm argument by %s fails', (_what, _how, value) => {
    expect(failedClosed(vm(value))).toEqual(['azurerm_linux_web_app.app']);
  });
  test.each([
    ['a broken gzip', Buffer.concat([gzipSync(Buffer.from(SERVER_ID)).subarray(0, 12), Buffer.from('not deflate data at all')]).toString('base64')],
    ['a gzip past the inflation bound', gzipSync(Buffer.alloc(MAX_INFLATED + 1024, 0x61)).toString('base64')],
  ])('a value the net cannot decode (%s) fails closed, naming why; a readable gzip of a word passes', (_how, value) => {
    expect(encodedTexts(value).unread).toBe(true);
    const found = failures(app(value));
    expect(found.map((f) => f.address)).toEqual(['azapi_resource.app']);
    expect(found[0].message).toContain('cannot be read (a broken gzip');
    expect(failedClosed(app(gzipSync(Buffer.from('hello world, nothing here')).toString('base64')))).toEqual([]);
  });
  test.each(ENCODINGS)('another subnet and another workspace named by %s pass', (_how, encode) => {
    expect(failedClosed(app(encode(OTHER)))).toEqual([]);
    expect(failedClosed(app(encode(OTHER_WORKSPACE)))).toEqual([]);
    expect(failedClosed(vm(encode(OTHER_WORKSPACE)))).toEqual([]);
  });
});

// An ID in a text is read by the one ID grammar (ids-in-text.ts; stop 36): "//", a "." segment, a final "." or a letter that
// folds otherwise hides no scope from the net; the same spellings of other objects pass.
describe('an ID spelled otherwise hides no scope from the net (stop 36)', () => {
  const SERVER_ID = `${RG_ID}/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`;
  const SUBNET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/orders-db-postgres';
  const SPELLINGS: [string, (id: string) => string][] = [
    ['"//" before the namespace', (id) => id.replace('providers/', 'providers//')],
    ['"//" before the last name', (id) => id.replace(/\/([^/]+)$/, '//$1')],
    ['a "." segment', (id) => id.replace('/providers/', '/./providers/')],
    ['a final dot on the last name', (id) => `${id}.`],
    ['a long s in "providers"', (id) => id.replace('/providers/', '/provider\u017f/')],
    ['blanks around a "/"', (id) => id.replace('/providers/', ' / providers / ')],
  ];
  const vm = (value: string) => () => ({ azurerm_linux_web_app: { app: { name: 'app', resource_group_name: 'rg-apps', location: 'westeurope', service_plan_id: '/x', site_config: [{}], app_settings: { PAYLOAD: `az resource update --ids ${value} --set properties.x=1` } } } });
  const cases = [['the server', SERVER_ID], ['the delegated subnet', SUBNET]].flatMap(([what, id]) => SPELLINGS.map(([how, spell]) => [what, how, spell(id)] as const));
  test.each(cases)('%s named with %s in a block no table reads fails', (_what, _how, id) => {
    expect(failedClosed(vm(id))).toEqual(['azurerm_linux_web_app.app']);
  });
  // A letter that folds otherwise makes any ID unreadable: the evaluator reads it as any scope (dot-segments.ts; run 35).
  test.each(SPELLINGS.filter(([how]) => !how.includes('long s')))('control: another subnet named with %s passes', (_how, spell) => {
    expect(failedClosed(vm(spell(SUBNET.replace('orders-db-postgres', 'orders-db-postgres2'))))).toEqual([]);
  });
});
