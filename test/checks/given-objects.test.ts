import { GIVEN_TYPES, laterObject, laterReach, mayBeLater, mayBeLaterByNames } from '../../lib/checks/given-objects';
import { azurermProviders, ProviderConfiguration } from '../../lib/checks/provider-facts';
import { Rule, Verdict } from '../../lib/checks/rule';
import { rule as cfg3 } from '../../lib/checks/rules/PG-CFG-3';
import { rule as iam2 } from '../../lib/checks/rules/PG-IAM-2';
import { rule as net1 } from '../../lib/checks/rules/PG-NET-1';
import { rule as fnet7 } from '../../lib/checks/rules/PGF-NET-7';
import { buildStackModel } from '../../lib/checks/stack-model';
import { Unknown } from '../../lib/checks/hcl-expression';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, flexibleServerWithoutVnet, Resources } from './rule-harness';

// An object a construct is given by a variable may be any object of its type (given-objects.ts; seventeenth review, A17b-7,
// A17b-8, A17b-9): each given-object kind, named by a literal ID, by literal names, by a lookup of its names and by a lookup
// through another provider, is judged as the given object, by a role (PG-IAM-2) and by a writer (PGF-NET-7, PG-NET-1); an
// object of another type, or a name its type cannot bear, is another object; the same object given by literal ID stays matched
// by that ID only.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const OTHER_SUB = '22222222-0000-0000-0000-000000000000';
const PRINCIPAL = '99999999-9999-9999-9999-999999999999';
const SERVER_REF = `\${${FLEXIBLE}.db.id}`;
const SUBNET = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-db`;
const ZONE_NAME = 'orders-db.private.postgres.database.azure.com';
const ZONE = `${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${ZONE_NAME}`;
const LINK_ZONE = `${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.postgres.database.azure.com`;
const WORKSPACE = `${SUB}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-central`;
const OPEN_RULE = { name: 'open', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: '*', destination_address_prefix: '*' };

const diagnostics = (workspace: string): Resources => ({
  azurerm_monitor_diagnostic_setting: { own: { ...madeAt(`${CONSTRUCT}/Diagnostics`), name: 'd', target_resource_id: SERVER_REF, log_analytics_workspace_id: workspace, enabled_log: [{ category: 'PostgreSQLLogs' }] } },
});
/** A construct's server given its delegated subnet, zone and workspace by variables (existingVnetIntegration). */
const existing = (pointers: { subnet?: string; zone?: string; workspace?: string } = {}): Resources => ({
  ...diagnostics(pointers.workspace ?? '${var.workspace_id}'),
  [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', delegated_subnet_id: pointers.subnet ?? '${var.subnet_id}', private_dns_zone_id: pointers.zone ?? '${var.zone_id}' }), ...madeAt(`${CONSTRUCT}/Server`) } },
});
/** A construct's server reached through the private endpoint it makes, in a subnet and zone given by variables. */
const endpoint = (): Resources => ({
  ...diagnostics('${var.workspace_id}'),
  [FLEXIBLE]: { db: { ...flexibleServerWithoutVnet({ resource_group_name: 'rg-orders' }), ...madeAt(`${CONSTRUCT}/Server`) } },
  azurerm_private_endpoint: { own: { ...madeAt(`${CONSTRUCT}/PrivateEndpoint`), name: 'pe-db', resource_group_name: 'rg-orders', location: 'westeurope', subnet_id: '${var.pe_subnet_id}',
    private_service_connection: [{ name: 'c', is_manual_connection: false, private_connection_resource_id: SERVER_REF, subresource_names: ['postgresqlServer'] }],
    private_dns_zone_group: [{ name: 'z', private_dns_zone_ids: ['${var.pe_zone_id}'] }] } },
});

const PROVIDERS: ProviderConfiguration[] = [
  { key: 'azurerm', type: 'azurerm', config: {} },
  { key: 'azurerm.hub', type: 'azurerm', config: { subscription_id: OTHER_SUB } },
];

/** The verdicts of a rule on the construct's server, its stack's resources and lookups read. */
function verdicts(rule: Rule, resources: Resources, data: Resources = {}): readonly Verdict[] {
  const model = buildStackModel({ resource: resources, data });
  const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, providers: PROVIDERS, constructs: [CONSTRUCT] });
  return Array.isArray(result) ? result : [result as Verdict];
}
const statusOf = (found: readonly Verdict[], address: string): string => found.find((verdict) => 'address' in verdict && verdict.address === address)?.status ?? 'pass';

/** One way the stack may name an object of a kind: a role's scope (or a writer's pointer), and the lookups it reads. */
interface Naming { readonly pointer: string; readonly data?: Resources }
/** One given-object kind: the stack that gives it by a variable, how each naming spells one of its type, a role of its effect, a writer of it. */
interface Kind {
  readonly stack: () => Resources;
  readonly namings: { readonly [how: string]: Naming };
  readonly role: string;
  /** A writer of the object by a pointer (an ID, or a lookup's names), the rule that judges it, and its address. */
  readonly writer?: (naming: Naming) => { readonly resources: Resources; readonly rule: Rule; readonly address: string };
  /** An object of the type that the given object provably is not (a name its type cannot bear), or undefined. */
  readonly other?: string;
}

const lookup = (type: string, body: { [key: string]: unknown }, provider?: string): Resources => ({ [type]: { g: { ...body, ...(provider === undefined ? {} : { provider }) } } });
const subnetNamings = (name: string): { [how: string]: Naming } => {
  const names = { name, virtual_network_name: 'vnet-hub', resource_group_name: 'rg-net' };
  return {
    'a literal ID': { pointer: SUBNET.replace('snet-db', name) },
    'a lookup of its names': { pointer: '${data.azurerm_subnet.g.id}', data: lookup('azurerm_subnet', names) },
    'a lookup through another subscription\'s provider (given IDs are in any subscription)': { pointer: '${data.azurerm_subnet.g.id}', data: lookup('azurerm_subnet', names, 'azurerm.hub') },
    'a lookup by names known only later': { pointer: '${data.azurerm_subnet.g.id}', data: lookup('azurerm_subnet', { ...names, name: '${var.n}' }) },
    'an azapi lookup of its type': { pointer: '${data.azapi_resource.g.id}', data: lookup('azapi_resource', { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', name, parent_id: SUBNET.replace('/subnets/snet-db', '') }) },
  };
};
const zoneNamings = (zone: string, id: string): { [how: string]: Naming } => ({
  'a literal ID': { pointer: id },
  'a lookup of its names': { pointer: '${data.azurerm_private_dns_zone.g.id}', data: lookup('azurerm_private_dns_zone', { name: zone, resource_group_name: 'rg-dns' }) },
  'a lookup through another subscription\'s provider (given IDs are in any subscription)': { pointer: '${data.azurerm_private_dns_zone.g.id}', data: lookup('azurerm_private_dns_zone', { name: zone, resource_group_name: 'rg-dns' }, 'azurerm.hub') },
});
const association = (naming: Naming) => ({
  resources: {
    azurerm_network_security_group: { open: { name: 'open', location: 'westeurope', resource_group_name: 'rg-x', security_rule: [OPEN_RULE] } },
    azurerm_subnet_network_security_group_association: { a: { subnet_id: naming.pointer, network_security_group_id: '${azurerm_network_security_group.open.id}' } },
  },
  rule: fnet7,
  address: 'azurerm_network_security_group.open',
});
/** A record "*" in a zone named by a naming: by the zone's literal names (from its ID), or by the lookup's name. */
const record = (naming: Naming) => {
  const fromId = /resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/privateDnsZones\/([^/]+)$/.exec(naming.pointer);
  const names = fromId === null ? { zone_name: '${data.azurerm_private_dns_zone.g.name}', resource_group_name: 'rg-dns' } : { zone_name: fromId[2], resource_group_name: fromId[1] };
  return { resources: { azurerm_private_dns_a_record: { r: { name: '*', ...names, ttl: 60, records: ['203.0.113.9'] } } }, rule: net1, address: 'azurerm_private_dns_a_record.r' };
};

const IDENTITY = `${SUB}/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-key`;
const STORAGE = `${SUB}/resourceGroups/rg-logs/providers/Microsoft.Storage/storageAccounts/stlogs`;
/** A construct's server acting as an identity, and logging to a storage account, given by variables. */
const keyed = (): Resources => ({
  azurerm_monitor_diagnostic_setting: { own: { ...madeAt(`${CONSTRUCT}/Diagnostics`), name: 'd', target_resource_id: SERVER_REF, storage_account_id: '${var.storage_id}', enabled_log: [{ category: 'PostgreSQLLogs' }] } },
  [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', delegated_subnet_id: SUBNET, private_dns_zone_id: ZONE,
    identity: [{ type: 'UserAssigned', identity_ids: ['${var.identity_id}'] }], customer_managed_key: [{ key_vault_key_id: '${var.key}', primary_user_assigned_identity_id: '${var.identity_id}' }] }), ...madeAt(`${CONSTRUCT}/Server`) } },
});
/** A workload attaching an identity (a container group). */
const attachment = (naming: Naming) => ({
  resources: { azurerm_container_group: { w: { name: 'w', location: 'westeurope', resource_group_name: 'rg-x', os_type: 'Linux', identity: [{ type: 'UserAssigned', identity_ids: [naming.pointer] }], container: [{ name: 'c', image: 'x', cpu: 1, memory: 1 }] } } },
  rule: iam2,
  address: 'azurerm_container_group.w',
});

const KINDS: { readonly [kind: string]: Kind } = {
  'the identity the server acts as (var.identity_id)': {
    stack: keyed,
    namings: {
      'a literal ID': { pointer: IDENTITY },
      'a lookup of its names': { pointer: '${data.azurerm_user_assigned_identity.g.id}', data: lookup('azurerm_user_assigned_identity', { name: 'id-key', resource_group_name: 'rg-keys' }) },
    },
    role: 'Managed Identity Operator',
    writer: attachment,
  },
  'the storage account the logs go to (var.storage_id)': {
    stack: keyed,
    namings: {
      'a literal ID': { pointer: STORAGE },
      'a lookup of its names': { pointer: '${data.azurerm_storage_account.g.id}', data: lookup('azurerm_storage_account', { name: 'stlogs', resource_group_name: 'rg-logs' }) },
    },
    role: 'Storage Blob Data Contributor',
  },
  'the delegated subnet (var.subnet_id)': { stack: existing, namings: subnetNamings('snet-db'), role: 'Network Contributor', writer: association },
  'the private DNS zone (var.zone_id)': { stack: existing, namings: zoneNamings(ZONE_NAME, ZONE), role: 'Private DNS Zone Contributor', writer: record, other: ZONE.replace(ZONE_NAME, 'contoso.internal') },
  'the log workspace (var.workspace_id)': {
    stack: existing,
    namings: {
      'a literal ID': { pointer: WORKSPACE },
      'a lookup of its names': { pointer: '${data.azurerm_log_analytics_workspace.g.id}', data: lookup('azurerm_log_analytics_workspace', { name: 'law-central', resource_group_name: 'rg-logs' }) },
      'a lookup through another subscription\'s provider (given IDs are in any subscription)': { pointer: '${data.azurerm_log_analytics_workspace.g.id}', data: lookup('azurerm_log_analytics_workspace', { name: 'law-central', resource_group_name: 'rg-logs' }, 'azurerm.hub') },
    },
    role: 'Data Purger',
  },
  'the private endpoint\'s subnet (var.pe_subnet_id)': { stack: endpoint, namings: subnetNamings('snet-pe'), role: 'Network Contributor' },
  'the private endpoint\'s zone (var.pe_zone_id)': { stack: endpoint, namings: zoneNamings('privatelink.postgres.database.azure.com', LINK_ZONE), role: 'Private DNS Zone Contributor', writer: record, other: ZONE },
};

const grant = (scope: string, role: string): Resources => ({ azurerm_role_assignment: { grant: { scope, role_definition_name: role, principal_id: PRINCIPAL } } });

describe.each(Object.entries(KINDS))('%s', (_kind, { stack, namings, role, writer, other }) => {
  test.each(Object.entries(namings))('a role of its effect on %s fails PG-IAM-2; a reading role passes', (_how, naming) => {
    expect(statusOf(verdicts(iam2, { ...stack(), ...grant(naming.pointer, role) }, naming.data), 'azurerm_role_assignment.grant')).toBe('fail');
    expect(statusOf(verdicts(iam2, { ...stack(), ...grant(naming.pointer, 'Reader') }, naming.data), 'azurerm_role_assignment.grant')).toBe('pass');
  });

  if (writer !== undefined) {
    test.each(Object.entries(namings))('a writer of it by %s fails', (_how, naming) => {
      const { resources, rule, address } = writer(naming);
      expect(statusOf(verdicts(rule, { ...stack(), ...resources }, naming.data), address)).toBe('fail');
    });
  }

  test('a resource group or VNet the stack makes holds no object given before it by a variable: a role on it is judged elsewhere', () => {
    const made = { azurerm_resource_group: { app: { name: 'rg-app', location: 'westeurope' } }, azurerm_virtual_network: { app: { name: 'vnet-app', resource_group_name: 'rg-app', location: 'westeurope', address_space: ['10.9.0.0/16'] } } };
    for (const scope of ['${azurerm_resource_group.app.id}', '${azurerm_virtual_network.app.id}']) {
      expect([scope, statusOf(verdicts(iam2, { ...stack(), ...made, ...grant(scope, role) }), 'azurerm_role_assignment.grant')]).toEqual([scope, 'pass']);
    }
  });

  test('the message says the scope may be (or hold) the given object', () => {
    const naming = Object.values(namings)[0];
    const found = verdicts(iam2, { ...stack(), ...grant(naming.pointer, role) }, naming.data).find((verdict) => 'address' in verdict && verdict.address === 'azurerm_role_assignment.grant');
    expect(found).toEqual(expect.objectContaining({ message: expect.stringContaining(`${JSON.stringify(naming.pointer)}, which may be `) }));
    const held = verdicts(iam2, { ...stack(), ...grant(`${SUB}/resourceGroups/rg-anywhere`, role) }).find((verdict) => 'address' in verdict && verdict.address === 'azurerm_role_assignment.grant');
    expect(held).toEqual(expect.objectContaining({ message: expect.stringMatching(/, which may (hold|be the resource group of the server)/) }));
  });

  test('a scope that may hold it (a literal resource group) fails; another type\'s object passes', () => {
    expect(statusOf(verdicts(iam2, { ...stack(), ...grant(`${SUB}/resourceGroups/rg-anywhere`, role) }), 'azurerm_role_assignment.grant')).toBe('fail');
    const site = `${SUB}/resourceGroups/rg-x/providers/Microsoft.Web/sites/app`;
    expect(statusOf(verdicts(iam2, { ...stack(), ...grant(site, role) }), 'azurerm_role_assignment.grant')).toBe('pass');
  });

  if (other !== undefined) {
    test('an object of its type with a name Azure refuses for it is another object', () => {
      expect(statusOf(verdicts(iam2, { ...stack(), ...grant(other, role) }), 'azurerm_role_assignment.grant')).toBe('pass');
      if (writer !== undefined) {
        const { resources, rule, address } = writer({ pointer: other });
        expect(statusOf(verdicts(rule, { ...stack(), ...resources }), address)).toBe('pass');
      }
    });
  }
});

describe('the other writers of a given subnet or zone, by a literal ID', () => {
  test('an azapi write of a literal subnet ID setting an allow-all group fails PGF-NET-7', () => {
    const resources = {
      ...existing(),
      azurerm_network_security_group: { open: { name: 'open', location: 'westeurope', resource_group_name: 'rg-x', security_rule: [OPEN_RULE] } },
      azapi_update_resource: { s: { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', resource_id: SUBNET, body: { properties: { networkSecurityGroup: { id: '${azurerm_network_security_group.open.id}' } } } } },
    };
    expect(statusOf(verdicts(fnet7, resources), 'azurerm_network_security_group.open')).toBe('fail');
  });

  test('an azapi record below a literal zone ID, and a registering link of a zone by literal names, fail PG-NET-1', () => {
    const record = { azapi_resource: { r: { type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', parent_id: ZONE, name: '*', body: { properties: { ttl: 60, aRecords: [{ ipv4Address: '203.0.113.9' }] } } } } };
    expect(statusOf(verdicts(net1, { ...existing(), ...record }), 'azapi_resource.r')).toBe('fail');
    const link = (zone: string) => ({ azurerm_private_dns_zone_virtual_network_link: { l: { name: 'l', private_dns_zone_name: zone, resource_group_name: 'rg-dns', virtual_network_id: '${var.vnet}', registration_enabled: true } } });
    expect(statusOf(verdicts(net1, { ...existing(), ...link(ZONE_NAME) }), 'azurerm_private_dns_zone_virtual_network_link.l')).toBe('fail');
    expect(statusOf(verdicts(net1, { ...existing(), ...link('contoso.internal') }), 'azurerm_private_dns_zone_virtual_network_link.l')).toBe('pass');
    // A zone name written as a template that may spell a VNet-integration zone's.
    expect(statusOf(verdicts(net1, { ...existing(), ...link('${var.label}.postgres.database.azure.com') }), 'azurerm_private_dns_zone_virtual_network_link.l')).toBe('fail');
  });
});

describe('an azapi write the tables do not read, at or below an object that may be the given one, fails closed (PG-CFG-3)', () => {
  const child = (parent: string, zoneParent = false) => ({ azapi_resource: { w: { type: zoneParent ? 'Microsoft.Network/privateDnsZones/newThing@2030-01-01' : 'Microsoft.Network/virtualNetworks/subnets/newThing@2030-01-01', parent_id: parent, name: 'x', body: { properties: {} } } } });
  test.each([
    ['below the variable itself (control)', '${var.subnet_id}', false],
    ['below a literal subnet ID', SUBNET, false],
    ['below a literal ID of a zone named as the server\'s may be', ZONE, true],
  ])('%s', (_name, parent, zone) => {
    expect(statusOf(verdicts(cfg3, { ...existing(), ...child(parent as string, zone as boolean) }), 'azapi_resource.w')).not.toBe('pass');
  });
  test('below a literal ID of another type, or of a zone named as no server\'s, passes here', () => {
    expect(statusOf(verdicts(cfg3, { ...existing(), ...child(ZONE.replace(ZONE_NAME, 'contoso.internal'), true) }), 'azapi_resource.w')).toBe('pass');
  });
});

describe('a given object known by a literal ID is matched by that ID only (a literal that provably differs is another object)', () => {
  test('a role or an association on another literal subnet passes beside a literal delegated subnet', () => {
    const literal = existing({ subnet: SUBNET, zone: ZONE, workspace: WORKSPACE });
    const another = SUBNET.replace('snet-db', 'snet-apps');
    expect(statusOf(verdicts(iam2, { ...literal, ...grant(another, 'Network Contributor') }), 'azurerm_role_assignment.grant')).toBe('pass');
    expect(statusOf(verdicts(fnet7, { ...literal, ...association({ pointer: another }).resources }), 'azurerm_network_security_group.open')).toBe('pass');
    expect(statusOf(verdicts(fnet7, { ...literal, ...association({ pointer: SUBNET }).resources }), 'azurerm_network_security_group.open')).toBe('fail');
    expect(statusOf(verdicts(iam2, { ...literal, ...grant(WORKSPACE.replace('law-central', 'law-other'), 'Data Purger') }), 'azurerm_role_assignment.grant')).toBe('pass');
  });

  test('a template keeps its literal segments: another resource group\'s workspace is another workspace', () => {
    const template = existing({ workspace: '/subscriptions/${var.s}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/${var.w}' });
    expect(statusOf(verdicts(iam2, { ...template, ...grant(WORKSPACE, 'Data Purger') }), 'azurerm_role_assignment.grant')).toBe('fail');
    expect(statusOf(verdicts(iam2, { ...template, ...grant(WORKSPACE.replace('rg-logs', 'rg-apps'), 'Data Purger') }), 'azurerm_role_assignment.grant')).toBe('pass');
  });

  test('two associations of other literal subnets are not two associations of the delegated subnet', () => {
    const closed = { ...OPEN_RULE, access: 'Deny' };
    const resources = {
      ...existing(),
      azurerm_network_security_group: { app: { name: 'app', location: 'westeurope', resource_group_name: 'rg-x', security_rule: [closed] } },
      azurerm_subnet_network_security_group_association: {
        a: { subnet_id: SUBNET.replace('snet-db', 'snet-a'), network_security_group_id: '${azurerm_network_security_group.app.id}' },
        b: { subnet_id: SUBNET.replace('snet-db', 'snet-b'), network_security_group_id: '${azurerm_network_security_group.app.id}' },
      },
    };
    expect(verdicts(fnet7, resources).filter((verdict) => verdict.status === 'fail' || verdict.status === 'unknown')).toEqual([]);
  });
});

describe('the server itself: a server whose resource group is known only at apply time (adopted from a variable ID)', () => {
  const adopted = (group: string, scope: string): Resources => ({
    // Its network and workspace given by literal IDs elsewhere, so only the server may be in the group.
    ...diagnostics(WORKSPACE),
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: group, delegated_subnet_id: SUBNET, private_dns_zone_id: ZONE }), ...madeAt(`${CONSTRUCT}/Server`) } },
    ...grant(scope, 'Contributor'),
  });
  test('Contributor on a literal resource group may be on the server\'s group: fails PG-IAM-2', () => {
    expect(statusOf(verdicts(iam2, adopted('${element(split("/", var.server_id), 4)}', `${SUB}/resourceGroups/rg-legacy`)), 'azurerm_role_assignment.grant')).toBe('fail');
  });
  test('a lookup of a resource group, or a template of a literal group\'s ID, may be on the server\'s group too', () => {
    const status = (scope: string) => {
      const model = buildStackModel({ resource: adopted('${element(split("/", var.server_id), 4)}', scope), data: { azurerm_resource_group: { g: { name: 'rg-legacy' } } } });
      const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
      const result = iam2.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
      return statusOf(Array.isArray(result) ? result : [result as Verdict], 'azurerm_role_assignment.grant');
    };
    expect(status('${data.azurerm_resource_group.g.id}')).toBe('fail');
    expect(status('/subscriptions/${var.s}/resourceGroups/rg-legacy')).toBe('fail');
  });

  test('a literal group of the server makes another literal group another group', () => {
    expect(statusOf(verdicts(iam2, adopted('rg-orders', `${SUB}/resourceGroups/rg-apps`)), 'azurerm_role_assignment.grant')).toBe('pass');
  });
});

describe('the matcher', () => {
  const subnet = laterObject('subnet', new Unknown('var.subnet_id', ['var.subnet_id']), undefined)!;
  test('every kind of the table reads a literal ID of its type as "is", a scope above it as "holds", another type as nothing', () => {
    for (const [kind, type] of Object.entries(GIVEN_TYPES)) {
      const object = laterObject(kind as keyof typeof GIVEN_TYPES, new Unknown('var.x', ['var.x']), undefined)!;
      const id = `${SUB}/resourceGroups/rg/providers/${type.path.map((segment) => (segment === '?' ? 'x.postgres.database.azure.com' : segment)).join('/')}`;
      const named = kind === 'privateLinkZone' ? id.replace(/x\.postgres/, 'privatelink.postgres') : id;
      expect([kind, laterReach(object, named)]).toEqual([kind, 'is']);
      expect([kind, laterReach(object, `${SUB}/resourceGroups/rg`)]).toEqual([kind, 'holds']);
      expect([kind, laterReach(object, `${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/app`)]).toEqual([kind, undefined]);
    }
  });

  test('a pointer the stack names for sure (a literal, a resource of the stack) has no later object', () => {
    expect(laterObject('subnet', SUBNET, undefined)).toBeUndefined();
    const model = buildStackModel({ resource: { azurerm_subnet: { s: { name: 's', virtual_network_name: 'v', resource_group_name: 'rg' } } } });
    expect(laterObject('subnet', new Unknown('azurerm_subnet.s.id', ['azurerm_subnet.s.id']), { postgresqlProviders: new Map(), resources: model.resources })).toBeUndefined();
  });

  test('a writer\'s pointer: a literal ID of the type may be it, one below it or a variable is not read here', () => {
    expect(mayBeLater(subnet, SUBNET, undefined)).toBe(true);
    expect(mayBeLater(subnet, `${SUBNET}/extra/x`, undefined)).toBe(false);
    expect(mayBeLater(subnet, new Unknown('var.other', ['var.other']), undefined)).toBe(false);
    const zone = laterObject('serverZone', new Unknown('var.zone', ['var.zone']), undefined)!;
    expect(mayBeLaterByNames(zone, ZONE_NAME, 'rg-dns', undefined)).toBe(true);
    expect(mayBeLaterByNames(zone, 'contoso.internal', 'rg-dns', undefined)).toBe(false);
    expect(mayBeLaterByNames(zone, new Unknown('var.n', ['var.n']), 'rg-dns', undefined)).toBe(false);
    // A template of the name may be any name its literal parts spell.
    expect(mayBeLaterByNames(zone, new Unknown('${var.label}.postgres.database.azure.com', ['var.label']), 'rg-dns', undefined)).toBe(true);
    expect(mayBeLaterByNames(zone, new Unknown('${var.label}.contoso.internal', ['var.label']), 'rg-dns', undefined)).toBe(false);
    const link = laterObject('privateLinkZone', new Unknown('var.zone', ['var.zone']), undefined)!;
    expect(mayBeLaterByNames(link, new Unknown('privatelink.${var.rest}', ['var.rest']), 'rg-dns', undefined)).toBe(true);
    expect(mayBeLaterByNames(link, 'privatelink.blob.core.windows.net', 'rg-dns', undefined)).toBe(false);
  });
});

describe('an expression that reads the given pointer (a function of it, a list, a local, an iterator) may be the given object (A18b-10, A18b-4)', () => {
  /** Each way of writing the given pointer X inside an expression: the expression, and the resource's for_each when it iterates. */
  const WRAPPERS: { readonly [how: string]: (x: string) => { readonly pointer: string; readonly for_each?: string } } = {
    'lower(X)': (x) => ({ pointer: `\${lower(${x})}` }),
    'upper(X)': (x) => ({ pointer: `\${upper(${x})}` }),
    'trimsuffix(X, "/")': (x) => ({ pointer: `\${trimsuffix(${x}, "/")}` }),
    'trimspace(X)': (x) => ({ pointer: `\${trimspace(${x})}` }),
    'element([X], 0)': (x) => ({ pointer: `\${element([${x}], 0)}` }),
    'one([X])': (x) => ({ pointer: `\${one([${x}])}` }),
    'tolist([X])[0]': (x) => ({ pointer: `\${tolist([${x}])[0]}` }),
    'element(local.ids, 0), local.ids = [X]': () => ({ pointer: '${element(local.ids, 0)}' }),
    'each.key of for_each = toset([X])': (x) => ({ pointer: '${each.key}', for_each: `\${toset([${x}])}` }),
    'each.value of for_each = tomap({ a = X })': (x) => ({ pointer: '${each.value}', for_each: `\${tomap({ a = ${x} })}` }),
    'format("%s", X)': (x) => ({ pointer: `\${format("%s", ${x})}` }),
    'a template of X with a final "/"': (x) => ({ pointer: `\${${x}}/` }),
    'a local holding X, local.one = X': () => ({ pointer: '${local.one}' }),
    'lower(local.one), local.one = X': () => ({ pointer: '${lower(local.one)}' }),
  };
  /** Each writer: a role on the given workspace (azurerm, azapi), an association of the given subnet (azurerm, azapi), an azapi record in the given zone. */
  const WRITERS: { readonly [what: string]: { readonly variable: string; readonly rule: Rule; readonly address: string; readonly resources: (pointer: string, forEach?: string) => Resources } } = {
    'a Data Purger role on the given workspace': {
      variable: 'var.workspace_id', rule: iam2, address: 'azurerm_role_assignment.grant',
      resources: (scope, forEach) => ({ azurerm_role_assignment: { grant: { scope, role_definition_name: 'Data Purger', principal_id: PRINCIPAL, ...(forEach === undefined ? {} : { for_each: forEach }) } } }),
    },
    'an allow-all group associated with the given subnet': {
      variable: 'var.subnet_id', rule: fnet7, address: 'azurerm_network_security_group.open',
      resources: (subnet, forEach) => ({
        azurerm_network_security_group: { open: { name: 'open', location: 'westeurope', resource_group_name: 'rg-x', security_rule: [OPEN_RULE] } },
        azurerm_subnet_network_security_group_association: { a: { subnet_id: subnet, network_security_group_id: '${azurerm_network_security_group.open.id}', ...(forEach === undefined ? {} : { for_each: forEach }) } },
      }),
    },
    'an azapi update of the given subnet setting an allow-all group': {
      variable: 'var.subnet_id', rule: fnet7, address: 'azurerm_network_security_group.open',
      resources: (subnet, forEach) => ({
        azurerm_network_security_group: { open: { name: 'open', location: 'westeurope', resource_group_name: 'rg-x', security_rule: [OPEN_RULE] } },
        azapi_update_resource: { s: { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', resource_id: subnet,
          body: { properties: { networkSecurityGroup: { id: '${azurerm_network_security_group.open.id}' } } }, ...(forEach === undefined ? {} : { for_each: forEach }) } },
      }),
    },
    'an azapi role assignment (Data Purger) below the given workspace': {
      variable: 'var.workspace_id', rule: iam2, address: 'azapi_resource.ra',
      resources: (workspace, forEach) => ({ azapi_resource: { ra: { type: 'Microsoft.Authorization/roleAssignments@2022-04-01', name: '00000000-0000-0000-0000-000000000001', parent_id: workspace,
        body: { properties: { roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/150f5e0c-0603-4f03-8c7f-cf70034c4e90', principalId: PRINCIPAL } }, ...(forEach === undefined ? {} : { for_each: forEach }) } } }),
    },
    'an azapi wildcard record in the given zone': {
      variable: 'var.zone_id', rule: net1, address: 'azapi_resource.rec',
      resources: (zone, forEach) => ({ azapi_resource: { rec: { type: 'Microsoft.Network/privateDnsZones/A@2020-06-01', name: '*', parent_id: zone,
        body: { properties: { ttl: 60, aRecords: [{ ipv4Address: '203.0.113.9' }] } }, ...(forEach === undefined ? {} : { for_each: forEach }) } } }),
    },
  };
  function judged(rule: Rule, resources: Resources, variable: string): readonly Verdict[] {
    const model = buildStackModel({ locals: { ids: [`\${${variable}}`], one: `\${${variable}}` }, resource: resources });
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, locals: model.locals, providers: PROVIDERS, constructs: [CONSTRUCT] });
    return Array.isArray(result) ? result : [result as Verdict];
  }
  const cases = Object.entries(WRITERS).flatMap(([what, writer]) => Object.entries(WRAPPERS).map(([how, wrap]) => [what, how, writer, wrap] as const));
  test.each(cases)('%s by %s fails; the same around another variable passes', (_what, _how, writer, wrap) => {
    const given = wrap(writer.variable);
    expect(statusOf(judged(writer.rule, { ...existing(), ...writer.resources(given.pointer, given.for_each) }, writer.variable), writer.address)).toBe('fail');
    const other = wrap('var.other_id');
    expect(statusOf(judged(writer.rule, { ...existing(), ...writer.resources(other.pointer, other.for_each) }, 'var.other_id'), writer.address)).toBe('pass');
  });
});

// A pointer given as a template (queued after the eighteenth run): `${var.vnet_id}/subnets/snet-db` given as the delegated subnet,
// a zone and a workspace below a variable resource group. A writer whose pointer reads the same variable and may spell the same
// text (a "/" more, another case, through lower/format/trimsuffix/a local) may be the object; the same text around another
// variable, or the same variable naming another object, is another object (both directions proven per writer).
describe('a pointer given as a template of a variable: a writer that may spell it may be the object', () => {
  const ZONE_TAIL = `/providers/Microsoft.Network/privateDnsZones/${ZONE_NAME}`;
  const GIVEN = {
    subnet: { variable: 'var.vnet_id', tail: '/subnets/snet-db', another: '/subnets/snet-app' },
    zone: { variable: 'var.dns_rg_id', tail: ZONE_TAIL, another: ZONE_TAIL.replace('orders-db', 'billing-db') },
    workspace: { variable: 'var.logs_rg_id', tail: '/providers/Microsoft.OperationalInsights/workspaces/law-central', another: '/providers/Microsoft.OperationalInsights/workspaces/law-other' },
  };
  const templated = (): Resources => existing({ subnet: `\${${GIVEN.subnet.variable}}${GIVEN.subnet.tail}`, zone: `\${${GIVEN.zone.variable}}${GIVEN.zone.tail}`, workspace: `\${${GIVEN.workspace.variable}}${GIVEN.workspace.tail}` });
  /** Each way of spelling variable V and literal tail T: the pointer, and the locals it reads. */
  const SPELLINGS: { readonly [how: string]: (v: string, t: string) => { readonly pointer: string; readonly locals?: { [name: string]: unknown } } } = {
    'a template with a final "/"': (v, t) => ({ pointer: `\${${v}}${t}/` }),
    'a template in another case': (v, t) => ({ pointer: `\${${v}}${t.toUpperCase()}` }),
    'lower() of the template': (v, t) => ({ pointer: `\${lower("\${${v}}${t}")}` }),
    'format("%s<tail>", V)': (v, t) => ({ pointer: `\${format("%s${t}", ${v})}` }),
    'trimsuffix(<template>/, "/")': (v, t) => ({ pointer: `\${trimsuffix("\${${v}}${t}/", "/")}` }),
    'a local holding the template': (v, t) => ({ pointer: '${local.p}', locals: { p: `\${${v}}${t}` } }),
  };
  const WRITERS: { readonly [what: string]: { readonly kind: keyof typeof GIVEN; readonly rule: Rule; readonly address: string; readonly resources: (pointer: string) => Resources; readonly closed?: boolean } } = {
    'an allow-all group associated with the given subnet (PGF-NET-7)': { kind: 'subnet', rule: fnet7, address: 'azurerm_network_security_group.open', resources: (subnet) => ({
      azurerm_network_security_group: { open: { name: 'open', location: 'westeurope', resource_group_name: 'rg-x', security_rule: [OPEN_RULE] } },
      azurerm_subnet_network_security_group_association: { a: { subnet_id: subnet, network_security_group_id: '${azurerm_network_security_group.open.id}' } },
    }) },
    'an azapi update of the given subnet setting an allow-all group (PGF-NET-7)': { kind: 'subnet', rule: fnet7, address: 'azurerm_network_security_group.open', resources: (subnet) => ({
      azurerm_network_security_group: { open: { name: 'open', location: 'westeurope', resource_group_name: 'rg-x', security_rule: [OPEN_RULE] } },
      azapi_update_resource: { s: { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', resource_id: subnet, body: { properties: { networkSecurityGroup: { id: '${azurerm_network_security_group.open.id}' } } } } },
    }) },
    'an azapi wildcard record in the given zone (PG-NET-1)': { kind: 'zone', rule: net1, address: 'azapi_resource.rec', resources: (zone) => ({ azapi_resource: { rec: { type: 'Microsoft.Network/privateDnsZones/A@2020-06-01', name: '*', parent_id: zone,
      body: { properties: { ttl: 60, aRecords: [{ ipv4Address: '203.0.113.9' }] } } } } }) },
    // A role's scope template of any variable may stand for the whole object and a path below it (decided in the seventeenth
    // session's fixes): closed either way, so only the failing direction is asserted for roles.
    'a Data Purger role on the given workspace (PG-IAM-2)': { kind: 'workspace', rule: iam2, address: 'azurerm_role_assignment.grant', closed: true,
      resources: (scope) => ({ azurerm_role_assignment: { grant: { scope, role_definition_name: 'Data Purger', principal_id: PRINCIPAL } } }) },
  };
  function judged(rule: Rule, resources: Resources, locals: { [name: string]: unknown } = {}): readonly Verdict[] {
    const model = buildStackModel({ locals, resource: resources });
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, locals: model.locals, providers: PROVIDERS, constructs: [CONSTRUCT] });
    return Array.isArray(result) ? result : [result as Verdict];
  }
  const cases = Object.entries(WRITERS).flatMap(([what, writer]) => Object.entries(SPELLINGS).map(([how, spell]) => [what, how, writer, spell] as const));
  // Another variable before the same literal tail may spell the same object, as a literal ID naming it does (A19a-2): it may be it.
  test.each(cases)('%s by %s fails, and by another variable before the same tail; the same naming another object passes', (_what, _how, writer, spell) => {
    const { variable, tail, another } = GIVEN[writer.kind];
    const status = (spelled: { readonly pointer: string; readonly locals?: { [name: string]: unknown } }) => statusOf(judged(writer.rule, { ...templated(), ...writer.resources(spelled.pointer) }, spelled.locals), writer.address);
    expect(status(spell(variable, tail))).toBe('fail');
    expect(status(spell('var.other_id', tail))).toBe('fail');
    if (writer.closed === true) return;
    expect(status(spell(variable, another))).toBe('pass');
    expect(status(spell('var.other_id', another))).toBe('pass');
  });
  test('a template naming the subnet by another variable may be it, over the given VNet\'s variable or another\'s (A19a-2); another literal subnet is not', () => {
    const association = WRITERS['an allow-all group associated with the given subnet (PGF-NET-7)'];
    for (const [pointer, expected] of [['${var.vnet_id}/subnets/${var.name}', 'fail'], ['${var.vnet_id}/subnets/snet-${var.env}', 'fail'], ['${var.hub_vnet_id}/subnets/${var.name}', 'fail'],
      ['${var.hub_vnet_id}/subnets/snet-app', 'pass']]) {
      expect([pointer, statusOf(judged(fnet7, { ...templated(), ...association.resources(pointer) }), association.address)]).toEqual([pointer, expected]);
    }
  });
  test('a plain given variable: the same pointer with a "/" before or after it may be the object; another variable\'s pass', () => {
    for (const [pointer, expected] of [['/${var.subnet_id}', 'fail'], ['${var.subnet_id}/', 'fail'], ['/${var.other_id}', 'pass']]) {
      expect([pointer, statusOf(judged(fnet7, { ...existing(), ...WRITERS['an allow-all group associated with the given subnet (PGF-NET-7)'].resources(pointer) }), 'azurerm_network_security_group.open')]).toEqual([pointer, expected]);
    }
  });
});

// A lookup is read with its provider's literal subscription (block-ids.ts spelledBlockId with the providers, A18b-3's rule).
describe('a lookup read with its provider\'s subscription', () => {
  const HUB = '11111111-1111-1111-1111-111111111111';
  const providers = azurermProviders({ provider: { azurerm: [{ features: [{}] }, { alias: 'hub', features: [{}], subscription_id: HUB }, { alias: 'other', features: [{}], subscription_id: OTHER_SUB }] } });
  const names = { name: 'snet-db', virtual_network_name: 'vnet-hub', resource_group_name: 'rg-net' };
  function judgedWith(resources: Resources, data: Resources): readonly Verdict[] {
    const model = buildStackModel({ resource: resources, data });
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    const result = fnet7.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, azurermProviders: providers, constructs: [CONSTRUCT] });
    return Array.isArray(result) ? result : [result as Verdict];
  }
  test('a subnet given by a template in a literal subscription: a lookup of its names through another literal subscription is another subnet', () => {
    const given = `/subscriptions/${HUB}/resourceGroups/\${var.rg}/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-db`;
    const status = (provider?: string) => statusOf(judgedWith({ ...existing({ subnet: given }), ...association({ pointer: '${data.azurerm_subnet.g.id}' }).resources }, lookup('azurerm_subnet', names, provider)), 'azurerm_network_security_group.open');
    expect([status('azurerm.other'), status('azurerm.hub'), status()]).toEqual(['pass', 'fail', 'fail']);
  });
  test('a subnet given by a lookup of literal names through a provider of a literal subscription names one subnet (no may-be object)', () => {
    const model = buildStackModel({ resource: existing({ subnet: '${data.azurerm_subnet.g.id}' }), data: lookup('azurerm_subnet', names, 'azurerm.hub') });
    const stack = { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, azurermProviders: providers };
    expect(laterObject('subnet', new Unknown('data.azurerm_subnet.g.id', ['data.azurerm_subnet.g.id']), stack)).toBeUndefined();
  });
});

// A pointer read through a local (queued after the eighteenth run, the class of the shadow zone named through a local): a local
// made of literal text by a function the pack does not evaluate (`base64decode("<the ID>")`) may be any object, and a local
// that may be a literal ID of the type (a conditional's branch) is read as that ID, beside an object given by a variable, through
// each wrapper; a local that is wholly another variable passes.
describe('a writer\'s pointer read through a local beside an object given by a variable', () => {
  const encoded = (id: string) => `\${base64decode("${Buffer.from(id).toString('base64')}")}`;
  const WRAPPERS: { readonly [how: string]: string } = {
    'the local': '${local.p}',
    'lower(local)': '${lower(local.p)}',
    'trimsuffix(local, "/")': '${trimsuffix(local.p, "/")}',
    'format("%s", local)': '${format("%s", local.p)}',
    'a template of the local with a final "/"': '${local.p}/',
  };
  const WRITERS: { readonly [what: string]: { readonly id: string; readonly rule: Rule; readonly address: string; readonly resources: (pointer: string) => Resources } } = {
    'an allow-all group associated with the given subnet (PGF-NET-7)': { id: SUBNET, rule: fnet7, address: 'azurerm_network_security_group.open', resources: (subnet) => association({ pointer: subnet }).resources },
    'an azapi wildcard record in the given zone (PG-NET-1)': { id: ZONE, rule: net1, address: 'azapi_resource.rec', resources: (zone) => ({ azapi_resource: { rec: { type: 'Microsoft.Network/privateDnsZones/A@2020-06-01', name: '*', parent_id: zone,
      body: { properties: { ttl: 60, aRecords: [{ ipv4Address: '203.0.113.9' }] } } } } }) },
    'a Data Purger role on the given workspace (PG-IAM-2)': { id: WORKSPACE, rule: iam2, address: 'azurerm_role_assignment.grant', resources: (scope) => grant(scope, 'Data Purger') },
    'an azurerm wildcard record in the given zone by its name (PG-NET-1)': { id: ZONE_NAME, rule: net1, address: 'azurerm_private_dns_a_record.r', resources: (zoneName) => ({
      azurerm_private_dns_a_record: { r: { name: '*', zone_name: zoneName.replace(/\/$/, ''), resource_group_name: 'rg-dns', ttl: 60, records: ['203.0.113.9'] } } }) },
  };
  const LOCALS: { readonly [what: string]: { readonly local: (id: string) => string; readonly expected: string } } = {
    'base64decode of its literal ID': { local: encoded, expected: 'fail' },
    'a conditional that may be its literal ID': { local: (id) => `\${var.hub ? "${id}" : var.other_id}`, expected: 'fail' },
    'another variable': { local: () => '${var.other_id}', expected: 'pass' },
  };
  const cases = Object.entries(WRITERS).flatMap(([what, writer]) => Object.entries(LOCALS).flatMap(([made, local]) => Object.entries(WRAPPERS).map(([how, wrap]) => [what, made, how, writer, local, wrap] as const)));
  test.each(cases)('%s by a local made of %s, through %s', (_what, _made, _how, writer, local, wrap) => {
    const model = buildStackModel({ locals: { p: local.local(writer.id) }, resource: { ...existing(), ...writer.resources(wrap) } });
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    const result = writer.rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, locals: model.locals, providers: PROVIDERS, constructs: [CONSTRUCT] });
    expect(statusOf(Array.isArray(result) ? result : [result as Verdict], writer.address)).toBe(local.expected);
  });
});

// A writer's pointer or a role's scope written as a template that may spell an ID of the given object's type (nineteenth
// review, A19a-2): a variable subscription or resource group, format, join, a conditional, a local map indexed by a variable,
// a resource group's ID in a variable, each may be the object given by a variable, as the literal ID they may spell is. A
// pointer wholly a variable, a template naming another type, or one over a VNet the stack makes, is not.
describe('a template that may spell an ID of the given object\'s type may be it (A19a-2)', () => {
  const SPELLINGS: { readonly [how: string]: (id: string) => { readonly pointer: string; readonly locals?: { [name: string]: unknown } } } = {
    'a variable subscription': (id) => ({ pointer: id.replace(SUB, '/subscriptions/${var.s}') }),
    'a variable resource group': (id) => ({ pointer: id.replace(/\/resourceGroups\/[^/]+\//, '/resourceGroups/${var.rg}/') }),
    'a resource group\'s ID in a variable': (id) => ({ pointer: id.replace(/^.*?\/providers\//, '${var.rg_id}/providers/') }),
    'format("/subscriptions/%s/...", var.s)': (id) => ({ pointer: `\${format("${id.replace(SUB, '/subscriptions/%s')}", var.s)}` }),
    'join("/", [..., var.s, ...])': (id) => ({ pointer: `\${join("/", ["", "subscriptions", var.s, ${id.replace(`${SUB}/`, '').split('/').map((segment) => `"${segment}"`).join(', ')}])}` }),
    'a conditional with the literal ID': (id) => ({ pointer: `\${var.x ? "${id}" : var.y}` }),
    'a local map indexed by a variable': (id) => ({ pointer: '${local.ids[var.env]}', locals: { ids: { prod: id, dev: `${id}-dev` } } }),
  };
  const openGroup = { azurerm_network_security_group: { open: { name: 'open', location: 'westeurope', resource_group_name: 'rg-x', security_rule: [OPEN_RULE] } } };
  const azapiRecord = (zone: string): Resources => ({ azapi_resource: { rec: { type: 'Microsoft.Network/privateDnsZones/A@2024-06-01', name: '*', parent_id: zone, body: { properties: { ttl: 60, aRecords: [{ ipv4Address: '203.0.113.9' }] } } } } });
  const WRITERS: { readonly [what: string]: { readonly stack: () => Resources; readonly id: string; readonly rule: Rule; readonly address: string; readonly resources: (pointer: string) => Resources } } = {
    'an allow-all group associated with the delegated subnet (PGF-NET-7)': { stack: existing, id: SUBNET, rule: fnet7, address: 'azurerm_network_security_group.open',
      resources: (subnet) => ({ ...openGroup, azurerm_subnet_network_security_group_association: { a: { subnet_id: subnet, network_security_group_id: '${azurerm_network_security_group.open.id}' } } }) },
    'an azapi update of the delegated subnet setting an allow-all group (PGF-NET-7)': { stack: existing, id: SUBNET, rule: fnet7, address: 'azurerm_network_security_group.open',
      resources: (subnet) => ({ ...openGroup, azapi_update_resource: { s: { type: 'Microsoft.Network/virtualNetworks/subnets@2024-05-01', resource_id: subnet, body: { properties: { networkSecurityGroup: { id: '${azurerm_network_security_group.open.id}' } } } } } }) },
    'an azapi wildcard record in the server\'s zone (PG-NET-1)': { stack: existing, id: ZONE, rule: net1, address: 'azapi_resource.rec', resources: azapiRecord },
    'a registering azapi link of the server\'s zone (PG-NET-1)': { stack: existing, id: ZONE, rule: net1, address: 'azapi_resource.link', resources: (zone) => ({ azapi_resource: { link: {
      type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01', name: 'l', location: 'global', parent_id: zone, body: { properties: { registrationEnabled: true, virtualNetwork: { id: SUBNET.replace(/\/subnets\/.*$/, '') } } } } } }) },
    'an azapi wildcard record in the private endpoint\'s Private Link zone (PG-NET-1)': { stack: endpoint, id: LINK_ZONE, rule: net1, address: 'azapi_resource.rec', resources: azapiRecord },
    'Network Contributor on the delegated subnet (PG-IAM-2)': { stack: existing, id: SUBNET, rule: iam2, address: 'azurerm_role_assignment.grant', resources: (scope) => grant(scope, 'Network Contributor') },
    'Private DNS Zone Contributor on the server\'s zone (PG-IAM-2)': { stack: existing, id: ZONE, rule: iam2, address: 'azurerm_role_assignment.grant', resources: (scope) => grant(scope, 'Private DNS Zone Contributor') },
  };
  function judged(rule: Rule, resources: Resources, locals: { [name: string]: unknown } = {}): readonly Verdict[] {
    const model = buildStackModel({ locals, resource: resources });
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, locals: model.locals, providers: PROVIDERS, constructs: [CONSTRUCT] });
    return Array.isArray(result) ? result : [result as Verdict];
  }
  const status = (writer: (typeof WRITERS)[string], spelled: { readonly pointer: string; readonly locals?: { [name: string]: unknown } }, extra: Resources = {}) =>
    statusOf(judged(writer.rule, { ...writer.stack(), ...extra, ...writer.resources(spelled.pointer) }, spelled.locals), writer.address);
  const cases = Object.entries(WRITERS).flatMap(([what, writer]) => Object.entries(SPELLINGS).map(([how, spell]) => [what, how, writer, spell] as const));
  test.each(cases)('%s by %s fails; the same spelling of another type\'s object passes', (_what, _how, writer, spell) => {
    expect(status(writer, spell(writer.id))).toBe('fail');
    const site = writer.id.replace(/\/providers\/.*$/, '/providers/Microsoft.Web/sites/app');
    expect(status(writer, spell(site))).toBe('pass');
  });
  // A role's scope over a resource of the stack is read by the perimeter's own table (closed either way): writers only here.
  test.each(Object.entries(WRITERS).filter(([, writer]) => writer.rule !== iam2))('%s: a pointer wholly a variable, or a template over a VNet or zone group the stack makes, passes', (_what, writer) => {
    expect(status(writer, { pointer: '/${var.other_id}/' })).toBe('pass');
    const made = { azurerm_resource_group: { app: { name: 'rg-app', location: 'westeurope' } }, azurerm_virtual_network: { app: { name: 'vnet-app', resource_group_name: 'rg-app', location: 'westeurope', address_space: ['10.9.0.0/16'] } } };
    const over = writer.id === SUBNET ? '${azurerm_virtual_network.app.id}/subnets/snet-db' : `\${azurerm_resource_group.app.id}${writer.id.replace(/^.*?\/providers\//, '/providers/')}`;
    expect(status(writer, { pointer: over }, made)).toBe('pass');
  });
});
