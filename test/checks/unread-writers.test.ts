import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App } from 'cdktf';
import { SecureFlexibleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { INERT_AZURE_TYPES, INERT_TYPES } from '../../lib/checks/inert-types';
import { ScopeKind } from '../../lib/checks/judged-scopes';
import { readerOf, TYPE_READERS, TypePattern } from '../../lib/checks/read-types';
import { ALL_RULES } from '../../lib/checks/rules';
import { ADMIN_OBJECT_ID, minimalProps, providerStack, WORKSPACE_ID } from '../helpers';

// The class tests of PG-CFG-8's net (sixteenth run): every type of the registry of read types, and every
// inert type, passes whatever it points at; the same block of a type no table reads fails; every type a
// reader of lib/checks names is in the registry, inert, or listed below with why it writes nothing.

type Blocks = { [type: string]: { [name: string]: object } };
type Json = { resource: Blocks; [key: string]: unknown };

let base: Json | undefined;
/** The stack "test" with a SecureFlexibleServer of minimalProps, as `cdktf synth` writes it. */
function baseJson(): Json {
  if (base === undefined) {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'unread-writers-')) });
    new SecureFlexibleServer(providerStack('test', app), 'Postgres', minimalProps());
    app.synth();
    base = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'test', 'cdk.tf.json'), 'utf8')) as Json;
  }
  return JSON.parse(JSON.stringify(base)) as Json;
}

/** The addresses PG-CFG-8 fails with the blocks added beside the construct. */
function failed(add: (json: Json) => Blocks): string[] {
  const json = baseJson();
  for (const [type, blocks] of Object.entries(add(json))) json.resource[type] = { ...json.resource[type], ...blocks };
  const evaluation = evaluateStack(json, ALL_RULES);
  expect(evaluation.problems).toEqual([]);
  return evaluation.findings.filter((f) => f.ruleId === 'PG-CFG-8' && f.status !== 'pass').map((f) => f.address ?? '');
}

const subnetOf = (json: Json) => `\${azurerm_subnet.${Object.keys(json.resource.azurerm_subnet)[0]}.id}`;
const RG_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders';
const OTHER_SERVER = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/Microsoft.DBforPostgreSQL/flexibleServers/other-db';

/** Arguments pointing at a judged scope of each kind, by kind. */
function pointers(json: Json): { readonly [kind in ScopeKind]?: object } {
  return {
    network: { subnet_id: subnetOf(json) },
    container: { target_resource_id: RG_ID },
    workspace: { workspace_resource_id: WORKSPACE_ID },
    administrator: { principal_object_id: ADMIN_OBJECT_ID },
  };
}

/** A type a pattern of a table holds: the pattern itself, or a sample name it matches (a pattern without one fails the test). */
const SAMPLES = [
  'azurerm_route_table', 'azurerm_route', 'azurerm_subnet_route_table_association', 'azurerm_subnet_nat_gateway_association',
  'azurerm_resource_group_policy_assignment', 'azurerm_subscription_policy_assignment', 'azuread_directory_role_assignment', 'msgraph_resource',
  'azurerm_monitor_metric_alert', 'azurerm_consumption_budget_resource_group', 'azurerm_cost_anomaly_alert', 'time_sleep', 'random_password',
  'microsoft.authorization/roleassignments', 'microsoft.authorization/roleeligibilityschedulerequests',
  'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials', 'microsoft.dbforpostgresql/flexibleservers/advancedthreatprotectionsettings',
  'microsoft.insights/metricalerts', 'microsoft.insights/actiongroups', 'azurerm_policy_definition', 'azurerm_policy_set_definition',
  'azurerm_log_analytics_saved_search', 'azurerm_log_analytics_query_pack_query', 'microsoft.authorization/roledefinitions',
  'microsoft.authorization/policydefinitions', 'microsoft.operationalinsights/workspaces/savedsearches',
  'microsoft.network/virtualnetworks/subnets', 'microsoft.network/networksecuritygroups', 'microsoft.network/networksecuritygroups/securityrules',
  'microsoft.network/privateendpoints', 'microsoft.network/privatednszones', 'microsoft.network/privatednszones/a',
];
function namesOf(pattern: TypePattern): string[] {
  if (typeof pattern === 'string') return [pattern];
  const names = SAMPLES.filter((sample) => pattern.test(sample));
  if (names.length === 0) throw new Error(`give a sample name of ${pattern} in SAMPLES`);
  return names;
}

describe('the registry of read types', () => {
  test('every Terraform type a table reads passes pointing at every kind of scope; the same block of an unread type fails', () => {
    const types = [...new Set(TYPE_READERS.flatMap((row) => (row.types ?? []).flatMap(namesOf)))]
      // A server of the stack is judged as one (its own rules), not as a block pointing at one.
      .filter((type) => !/^azurerm_postgresql_(flexible_)?server$/.test(type));
    expect(types.length).toBeGreaterThan(40);
    expect(failed((json) => {
      // The arguments the model needs of the types whose shape it checks, at another server and elsewhere.
      const shape = {
        name: 'w', server_id: `${OTHER_SERVER}`, server_name: 'other-db', target_resource_id: '/x', network_security_group_id: '/x', network_security_group_name: 'nsg-x',
        virtual_network_name: 'vnet-x', private_service_connection: [{ name: 'c', is_manual_connection: false, private_connection_resource_id: '/x' }],
      };
      const all = Object.assign(shape, ...Object.values(pointers(json))) as object;
      return Object.fromEntries([...types, 'azurerm_unread_example'].map((type) => [type, { w: { ...all } }]));
    })).toEqual(['azurerm_unread_example.w']);
  });

  test('every Azure type a table reads passes as an azapi write to the workspace and the resource group; an unread one fails', () => {
    // A reader of the stack's own blocks only reads nothing at a workspace given by ID (PG-CFG-8.test.ts holds it to a given subnet).
    const types = [...new Set(TYPE_READERS.filter((row) => row.blocksOnly !== true).flatMap((row) => (row.azureTypes ?? []).flatMap(namesOf)))];
    expect(types.length).toBeGreaterThan(5);
    const blocks = (type: string, at: string) => ({ type: `${type}@2024-01-01`, resource_id: at, body: { properties: { x: 1 } } });
    expect(failed(() => ({
      azapi_update_resource: Object.fromEntries([...types, 'microsoft.operationalinsights/workspaces/intelligencepacks'].flatMap((type, at) => [
        [`w${at}`, blocks(type, `${WORKSPACE_ID}/x/y`)], [`g${at}`, blocks(type, RG_ID)]])),
    }))).toEqual([`azapi_update_resource.g${types.length}`, `azapi_update_resource.w${types.length}`]);
  });
});

describe('the allow-list of inert types', () => {
  test('every entry gives its reason', () => {
    for (const entry of [...INERT_TYPES, ...INERT_AZURE_TYPES]) expect(entry.reason.length).toBeGreaterThan(20);
  });

  test('every inert Terraform type passes pointing at each kind of scope it is inert toward, and fails toward another', () => {
    const kinds: ScopeKind[] = ['network', 'container', 'workspace', 'administrator'];
    for (const entry of INERT_TYPES) {
      for (const type of namesOf(entry.type)) {
        const inert = kinds.filter((kind) => entry.on === undefined || entry.on.includes(kind));
        expect([type, failed((json) => ({ [type]: { w: Object.assign({}, ...inert.map((kind) => pointers(json)[kind])) } }))]).toEqual([type, []]);
        const other = kinds.find((kind) => !inert.includes(kind));
        if (other !== undefined) expect(failed((json) => ({ [type]: { w: { ...pointers(json)[other] } } }))).toEqual([`${type}.w`]);
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
        expect(failed(() => ({ azapi_update_resource: Object.fromEntries(others.map(([kind, id]) => [kind, write(type, id)])) })))
          .toEqual(others.map(([kind]) => `azapi_update_resource.${kind}`));
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
  azapi_resource_id: 'a lookup (data source)',
  azapi_resource_list: 'a lookup (data source)',
  azurerm_resources: 'a lookup (data source)',
  azurerm_client_config: 'a lookup (data source)',
  azuread_groups: 'a lookup (data source)',
  azurerm_key_vault_certificate: 'read as an ephemeral or data source only (data-source-aliases.ts)',
  azurerm_private_endpoint_connection: 'a lookup (data source) of a private endpoint\'s connection (later-parents.ts)',
  azurerm_resource_group: 'the container itself: it writes only its name, region and tags',
  azurerm_user_assigned_identity: 'the principal itself: it writes only its name, group, region and tags',
  azurerm_postgresql_flexible_server_virtual_endpoint: 'a server\'s endpoint, judged as a copy by server-copies.ts (PG-CFG-3)',
  azurerm_data_protection_backup_instance_postgresql: 'judged by writer-kinds.ts and server-pointers.ts (PG-CFG-3)',
};

/** Files that name types to describe them, not to read them: the catalog's prose, the net's own files, the spelling of a block's ID from its names. */
const NOT_READERS = ['rule-catalog.ts', 'read-types.ts', 'inert-types.ts', 'judged-scopes.ts', 'unread-writers.ts', 'writer-kinds.ts', 'block-ids.ts'];

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
