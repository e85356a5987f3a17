import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, TerraformVariable } from 'cdktf';
import { FlexibleServerAuthentication, SecureFlexibleServer } from '../../lib';
import { evaluateStack } from '../../lib/checks/evaluate';
import { INERT_AZURE_TYPES, INERT_TYPES, inertAzureReason, inertReason } from '../../lib/checks/inert-types';
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

/**
 * Files that name types to describe them, not to read them: the catalog's prose, the net's own files, the spelling of a block's ID
 * from its names, the services an identity may be attached to for encryption (identity-attachments.ts: exempt from a rule, not read).
 */
const NOT_READERS = ['rule-catalog.ts', 'read-types.ts', 'inert-types.ts', 'judged-scopes.ts', 'unread-writers.ts', 'writer-kinds.ts', 'block-ids.ts', 'identity-attachments.ts'];

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
