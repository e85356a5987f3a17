import { unreadAdminDeployments } from '../../lib/checks/manager-deployments';
import { rule as pgNet1 } from '../../lib/checks/rules/PG-NET-1';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt, verdictsBeside } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, flexibleServerWithoutVnet, Resources } from './rule-harness';

// What a Virtual Network Manager deployment or commit puts in force (manager-deployments.ts, PG-NET-1; nineteenth review,
// A19b-5): a SecurityAdmin configuration the stack does not create, or one with a rule collection the stack does not create
// (imported, only updated), holds admin rules the checks cannot read. The class test crosses every writer of a deployment
// with every such configuration (each fails) and with every configuration whose rules are all in the JSON (each passes);
// scope accesses: SecurityAdmin in any case or known later is judged, Routing is inert, any other fails closed.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const MANAGER = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/networkManagers/m`;
const HUB_CONFIG = `${MANAGER}/securityAdminConfigurations/hub-cfg`;
const AZAPI_CONFIG = 'Microsoft.Network/networkManagers/securityAdminConfigurations@2024-05-01';
const AZAPI_COLLECTION = `Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections@2024-05-01`;
const AZAPI_MANAGER = 'Microsoft.Network/networkManagers@2024-05-01';

function merged(...parts: Resources[]): Resources {
  const all: Resources = {};
  for (const part of parts) for (const [type, blocks] of Object.entries(part)) all[type] = { ...(all[type] ?? {}), ...blocks };
  return all;
}

/** The stack: a construct's server in subnet 10.0.1.0/28 of vnet-hub, and more. */
function stackOf(extra: Resources): Resources {
  return merged({
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-network', address_prefixes: ['10.0.1.0/28'] } },
  }, extra);
}

function failures(extra: Resources, imports: readonly string[] = []): string[] {
  const model = buildStackModel({ resource: stackOf(extra) });
  const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
  return unreadAdminDeployments(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources, imports: [...imports] }).map((verdict) => (verdict.status === 'fail' ? verdict.message : verdict.status));
}

/** Each writer of a deployment of `ids` with scope access `access`. */
const WRITERS: { readonly [form: string]: (access: unknown, ids: unknown) => Resources } = {
  'azurerm deployment': (access, ids) => ({ azurerm_network_manager_deployment: { d: { network_manager_id: MANAGER, location: 'westeurope', scope_access: access, configuration_ids: ids } } }),
  'azapi commit (body an object)': (access, ids) => ({ azapi_resource_action: { d: { type: AZAPI_MANAGER, resource_id: MANAGER, action: 'commit', body: { commitType: access, targetLocations: ['westeurope'], configurationIds: ids } } } }),
  'azapi commit (sensitive_body over a JSON-text body, names in another case, action known later)': (access, ids) => ({ azapi_resource_action: { d: { type: AZAPI_MANAGER, resource_id: MANAGER, action: '${var.action}', body: '{"targetLocations": ["westeurope"]}', sensitive_body: { CommitType: access, ConfigurationIDs: ids } } } }),
};

/** The stack's azurerm configuration c with collection rc (a Deny rule), the collection written as given. */
const azurermConfig = (collection: Resources = { azurerm_network_manager_admin_rule_collection: { rc: { name: 'rc', security_admin_configuration_id: '${azurerm_network_manager_security_admin_configuration.c.id}', network_group_ids: ['${azurerm_network_manager_network_group.g.id}'] } } }): Resources => merged({
  azurerm_network_manager_network_group: { g: { name: 'g', network_manager_id: MANAGER } },
  azurerm_network_manager_security_admin_configuration: { c: { name: 'c', network_manager_id: MANAGER } },
  azurerm_network_manager_admin_rule: { deny: { name: 'deny', admin_rule_collection_id: '${azurerm_network_manager_admin_rule_collection.rc.id}', action: 'Deny', direction: 'Inbound', priority: 10, protocol: 'Tcp', destination_port_ranges: ['23'] } },
}, collection);
const azapiConfig = (collection: Resources): Resources => merged({ azapi_resource: { c: { type: AZAPI_CONFIG, name: 'c', parent_id: MANAGER, body: { properties: {} } } } }, collection);
const AZURERM_REF = '${azurerm_network_manager_security_admin_configuration.c.id}';
const AZAPI_REF = '${azapi_resource.c.id}';

/** Configurations whose rules the stack does not all write: the pointer, what the stack writes beside it, imports. */
const UNREAD: { readonly [form: string]: readonly [unknown, Resources, readonly string[]] } = {
  'a literal ID': [[HUB_CONFIG], {}, []],
  'a variable list': ['${var.configuration_ids}', {}, []],
  'a variable item beside the stack\'s': [[AZURERM_REF, '${var.hub_configuration_id}'], azurermConfig(), []],
  'a lookup': [['${data.azurerm_network_manager_security_admin_configuration.hub.id}'], {}, []],
  // One notion of "the stack creates it" (stack-created.ts, h-g24c): a PUT action writes over an object that may exist, with its live children.
  'a configuration a PUT action writes': [['${azapi_resource_action.c.id}'], { azapi_resource_action: { c: { type: AZAPI_CONFIG, resource_id: `${MANAGER}/securityAdminConfigurations/c`, method: 'PUT', body: { properties: {} } } } }, []],
  'an azapi configuration with an azapi collection (PUT action)': [[AZAPI_REF], azapiConfig({ azapi_resource_action: { rc: { type: AZAPI_COLLECTION, resource_id: '${azapi_resource.c.id}/ruleCollections/rc', method: 'PUT', body: { properties: { appliesToGroups: [] } } } } }), []],
  'the stack\'s configuration, its collection written by a PUT action': [[AZURERM_REF], azurermConfig({ azapi_resource_action: { rc: { type: AZAPI_COLLECTION, resource_id: '${azurerm_network_manager_security_admin_configuration.c.id}/ruleCollections/hub', method: 'PUT', body: { properties: { appliesToGroups: [] } } } } }), []],
  'the stack\'s configuration, imported': [[AZURERM_REF], azurermConfig(), ['azurerm_network_manager_security_admin_configuration.c']],
  'the stack\'s configuration, its azurerm collection imported': [[AZURERM_REF], azurermConfig(), ['azurerm_network_manager_admin_rule_collection.rc']],
  'the stack\'s configuration, its collection only updated by azapi': [[AZURERM_REF], azurermConfig({ azapi_update_resource: { rc: { type: AZAPI_COLLECTION, resource_id: '${azurerm_network_manager_security_admin_configuration.c.id}/ruleCollections/hub', body: { properties: { description: 'x' } } } } }), []],
  'an azapi configuration, its azapi collection imported': [[AZAPI_REF], azapiConfig({ azapi_resource: { rc: { type: AZAPI_COLLECTION, name: 'rc', parent_id: AZAPI_REF, body: { properties: { appliesToGroups: [] } } } } }), ['azapi_resource.rc']],
  'the stack\'s configuration, an azurerm rule written into a collection of it outside the stack': [[AZURERM_REF], merged(azurermConfig(), { azurerm_network_manager_admin_rule: { more: { name: 'more', admin_rule_collection_id: '${azurerm_network_manager_security_admin_configuration.c.id}/ruleCollections/hub', action: 'Deny', direction: 'Inbound', priority: 11, protocol: 'Tcp', destination_port_ranges: ['23'] } } }), []],
  'an azapi configuration, an azapi rule written into a collection of it outside the stack': [[AZAPI_REF], azapiConfig({ azapi_resource: { more: { type: `${AZAPI_COLLECTION.replace('@', '/rules@')}`, name: 'more', parent_id: '${azapi_resource.c.id}/ruleCollections/hub', body: { properties: { access: 'Deny', direction: 'Inbound', priority: 11, protocol: 'Tcp', destinationPortRanges: ['23'] } } } } }), []],
  'an azapi update of a configuration': [['${azapi_update_resource.c.id}'], { azapi_update_resource: { c: { type: AZAPI_CONFIG, resource_id: HUB_CONFIG, body: { properties: { description: 'x' } } } } }, []],
  'an attribute other than the ID': [['${azurerm_network_manager_security_admin_configuration.c.name}'], azurermConfig(), []],
};

/** Configurations whose every collection and rule the stack writes. */
const READ: { readonly [form: string]: readonly [unknown, Resources] } = {
  'the stack\'s azurerm configuration with its collection': [[AZURERM_REF], azurermConfig()],
  'an azapi configuration with an azapi collection (resource)': [[AZAPI_REF], azapiConfig({ azapi_resource: { rc: { type: AZAPI_COLLECTION, name: 'rc', parent_id: AZAPI_REF, body: { properties: { appliesToGroups: [] } } } } })],
  'a configuration of the stack without collections': [[AZAPI_REF], azapiConfig({})],
  'a connectivity configuration of the stack (no admin rules)': [['${azurerm_network_manager_connectivity_configuration.mesh.id}'], { azurerm_network_manager_connectivity_configuration: { mesh: { name: 'mesh', network_manager_id: MANAGER, connectivity_topology: 'Mesh', applies_to_group: [] } } }],
};

describe('the class: every writer × every access that may be SecurityAdmin × every configuration', () => {
  const accesses = ['SecurityAdmin', ' securityADMIN ', '${var.scope_access}'];
  const unread = Object.keys(WRITERS).flatMap((writer) => accesses.flatMap((access) => Object.keys(UNREAD).map((configuration) => [writer, access, configuration])));
  test.each(unread)('%s, access %j, %s: fails PG-NET-1', (writer, access, configuration) => {
    const [ids, beside, imports] = UNREAD[configuration];
    const found = failures(merged(WRITERS[writer](access, ids), beside), imports);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^az[a-z_]+\.d may put Virtual Network Manager security admin configuration .* in force \(/);
  });
  const read = Object.keys(WRITERS).flatMap((writer) => accesses.flatMap((access) => Object.keys(READ).map((configuration) => [writer, access, configuration])));
  test.each(read)('%s, access %j, %s: passes (its rules are judged by security-admin-rules.ts)', (writer, access, configuration) => {
    const [ids, beside] = READ[configuration];
    expect(failures(merged(WRITERS[writer](access, ids), beside))).toEqual([]);
  });
});

describe('other scope accesses', () => {
  test.each(Object.keys(WRITERS))('%s: Routing and Connectivity pass here (inert, or judged by connectivity-configurations.ts); any other access fails closed', (writer) => {
    for (const access of ['Routing', 'Connectivity', 'CONNECTIVITY']) expect(failures(WRITERS[writer](access, [HUB_CONFIG]))).toEqual([]);
    for (const access of ['SecurityUser', 'Something']) {
      const found = failures(WRITERS[writer](access, [`${MANAGER}/securityUserConfigurations/u`]));
      expect(found).toHaveLength(1);
      expect(found[0]).toContain(`of scope access ${JSON.stringify(access)} in force, which no rule reads`);
    }
  });

  test('a commit whose body cannot be read may put anything in force', () => {
    expect(failures({ azapi_resource_action: { d: { type: AZAPI_MANAGER, resource_id: MANAGER, action: 'commit', body: '${var.commit}' } } })).toHaveLength(1);
    expect(failures({ azapi_resource_action: { d: { type: AZAPI_MANAGER, resource_id: MANAGER, action: 'commit', body: '{not json' } } })).toHaveLength(1);
  });

  test('a POST on the manager other than commit puts nothing in force here', () => {
    expect(failures({ azapi_resource_action: { d: { type: AZAPI_MANAGER, resource_id: MANAGER, action: 'listDeploymentStatus', body: { regions: ['westeurope'] } } } })).toEqual([]);
  });
});

// Queued after the nineteenth run (manager deployments' regions): a deployment acts in its regions (azurerm `location`, an azapi
// commit's `targetLocations`); the server answers in its own region (VNet integration) and its private endpoints' (each in its
// VNet's region). A literal region list that holds none of them passes; one known only at apply time, or a server region
// known only later, may be any.
describe('the regions a deployment acts in', () => {
  const REGIONAL: { readonly [form: string]: (regions: unknown) => Resources } = {
    'azurerm deployment': (region) => ({ azurerm_network_manager_deployment: { d: { network_manager_id: MANAGER, location: region, scope_access: 'SecurityAdmin', configuration_ids: [HUB_CONFIG] } } }),
    'azapi commit': (regions) => ({ azapi_resource_action: { d: { type: AZAPI_MANAGER, resource_id: MANAGER, action: 'commit', body: { commitType: 'SecurityAdmin', targetLocations: regions, configurationIds: [HUB_CONFIG] } } } }),
    'azapi commit (names in another case)': (regions) => ({ azapi_resource_action: { d: { type: AZAPI_MANAGER, resource_id: MANAGER, action: 'commit', body: { CommitType: 'SecurityAdmin', TargetLocations: regions, ConfigurationIds: [HUB_CONFIG] } } } }),
  };
  const list = (form: string, regions: readonly unknown[]) => (form === 'azurerm deployment' ? regions[0] : regions);
  const placed = (location: unknown, extra: Resources) => failures(merged({ [FLEXIBLE]: { db: { ...compliantFlexibleServer({ location }), ...madeAt(`${CONSTRUCT}/Server`) } } }, extra));
  test.each(Object.keys(REGIONAL))('%s: in the server\'s region (any spelling, or among others) or a region known later it fails; in others only it passes', (form) => {
    for (const regions of [['westeurope'], ['West Europe'], [' WESTEUROPE ']]) expect(placed('westeurope', REGIONAL[form](list(form, regions)))).toHaveLength(1);
    if (form !== 'azurerm deployment') expect(placed('westeurope', REGIONAL[form](['eastus', 'westeurope']))).toHaveLength(1);
    expect(placed('westeurope', REGIONAL[form](list(form, ['${var.region}'])))).toHaveLength(1);
    expect(placed('westeurope', REGIONAL[form](form === 'azurerm deployment' ? '${azurerm_resource_group.net.location}' : '${var.regions}'))).toHaveLength(1);
    expect(placed('westeurope', REGIONAL[form](list(form, ['eastus'])))).toEqual([]);
    if (form !== 'azurerm deployment') expect(placed('westeurope', REGIONAL[form](['eastus', 'northeurope']))).toEqual([]);
    // The server's region known only at apply time (or not written) may be any.
    expect(placed('${var.location}', REGIONAL[form](list(form, ['eastus'])))).toHaveLength(1);
    expect(failures(REGIONAL[form](list(form, ['eastus'])))).toHaveLength(1);
  });
  test('a server\'s private endpoint answers in its own region: a deployment there fails, elsewhere it passes', () => {
    const endpoint = (location: unknown): Resources => ({ azurerm_private_endpoint: { pe: { name: 'pe', location, resource_group_name: 'rg', subnet_id: '${azurerm_subnet.pe.id}', private_service_connection: [{ name: 'c', is_manual_connection: false, private_connection_resource_id: `\${${FLEXIBLE}.db.id}`, subresource_names: ['postgresqlServer'] }] } },
      azurerm_subnet: { pe: { name: 'snet-pe', virtual_network_name: 'vnet-spoke', resource_group_name: 'rg-network', address_prefixes: ['10.1.0.0/24'] } } });
    expect(placed('westeurope', merged(endpoint('northeurope'), REGIONAL['azapi commit'](['northeurope'])))).toHaveLength(1);
    expect(placed('westeurope', merged(endpoint('northeurope'), REGIONAL['azapi commit'](['eastus'])))).toEqual([]);
    expect(placed('westeurope', merged(endpoint('${var.location}'), REGIONAL['azapi commit'](['eastus'])))).toHaveLength(1);
  });
});

describe('the message and the rule', () => {
  test('names the deployment, the configuration and why; PG-NET-1 fails on it', () => {
    expect(failures(WRITERS['azurerm deployment']('SecurityAdmin', [HUB_CONFIG]))).toEqual([`azurerm_network_manager_deployment.d may put Virtual Network Manager security admin configuration ${JSON.stringify(HUB_CONFIG)} in force (it is no security admin configuration the stack creates): its admin rules, which the checks cannot read, may always allow PostgreSQL into the VNet of ${CONSTRUCT}'s server past the construct's network security group. Write the configuration, its rule collections and rules in the stack (they are judged), or review them and suppress PG-NET-1 on the resource with the reason.`]);
    expect(failures(merged(WRITERS['azurerm deployment']('SecurityAdmin', [AZURERM_REF]), azurermConfig()), ['azurerm_network_manager_admin_rule_collection.rc'])[0])
      .toContain('(its rule collection azurerm_network_manager_admin_rule_collection.rc is imported or only updated: its live rules are not in the JSON)');
    const verdicts = verdictsBeside(pgNet1, stackOf(WRITERS['azurerm deployment']('SecurityAdmin', [HUB_CONFIG])), [CONSTRUCT]);
    expect(verdicts.filter((verdict) => verdict.status === 'fail').map((verdict) => verdict.address)).toContain('azurerm_network_manager_deployment.d');
  });

  test('a server without a VNet has nothing it could act on', () => {
    const model = buildStackModel({ resource: { [FLEXIBLE]: { db: { ...flexibleServerWithoutVnet(), ...madeAt(`${CONSTRUCT}/Server`) } }, ...WRITERS['azurerm deployment']('SecurityAdmin', [HUB_CONFIG]) } });
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    expect(unreadAdminDeployments(server, CONSTRUCT, { postgresqlProviders: new Map(), resources: model.resources })).toEqual([]);
  });
});
