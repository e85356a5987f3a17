import { azapiName } from '../../lib/checks/azapi-writes';
import { climbsScope } from '../../lib/checks/dot-segments';
import { ResourceView } from '../../lib/checks/stack-model';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { exampleJson } from '../support/example-stacks';

// Twenty-third run, A23-3: an Azure ID or scope written with a "." segment or an inner empty segment ("/./", "//", "/.") was read
// as another scope by some readers (PG-IAM-2's role assignments, PG-CFG-8's PIM policies) and failed closed in others. A scope is
// sent as a URL path, which azcore (azapi) cleans with Go's path.Join and ARM refuses an empty or "." name in: every reader now drops
// those segments (azure-keys.ts idSegments). A ".." or percent-encoded dot segment has no one reading (RFC 3986 and path.Join differ
// after an empty segment), so the evaluator reads such an ID as known only at apply time: any scope (dot-segments.ts).

type Blocks = { [type: string]: { [name: string]: object } };
type Json = { resource: Blocks; [key: string]: unknown };
/** The flexible-vnet-integration example: its server orders-db-prod in the resource group rg-orders-db. */
function vnetIntegration(): Json {
  return exampleJson<Json>('flexible-vnet-integration');
}

const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000000';
const GROUP = `${SUBSCRIPTION}/resourceGroups/rg-orders-db`;
const OTHER_GROUP = `${SUBSCRIPTION}/resourceGroups/rg-apps`;
const SERVER = `${GROUP}/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db-prod`;
const OTHER_SERVER = `${OTHER_GROUP}/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db-prod`;
const OWNER = `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
const WORKSPACE = `${OTHER_GROUP}/providers/Microsoft.OperationalInsights/workspaces/elsewhere`;

/** Each reader of a scope or ID pointer: the blocks that weaken the server when the pointer is its group or itself. */
const READERS: readonly { reader: string; on: 'group' | 'server'; blocks: (pointer: string) => Blocks }[] = [
  { reader: 'a role assignment (Owner) on the group', on: 'group', blocks: (scope) => ({ azurerm_role_assignment: { w: { scope, role_definition_name: 'Owner', principal_id: '00000000-0000-0000-0000-000000000077' } } }) },
  { reader: 'a role assignment (Owner) on the server', on: 'server', blocks: (scope) => ({ azurerm_role_assignment: { w: { scope, role_definition_id: OWNER, principal_id: '00000000-0000-0000-0000-000000000077' } } }) },
  { reader: 'a PIM policy without approval on the group', on: 'group', blocks: (scope) => ({ azurerm_role_management_policy: { w: { scope, role_definition_id: OWNER, activation_rules: [{ require_approval: false }] } } }) },
  { reader: 'a server parameter (TLS off)', on: 'server', blocks: (serverId) => ({ azurerm_postgresql_flexible_server_configuration: { w: { name: 'require_secure_transport', server_id: serverId, value: 'off' } } }) },
  { reader: 'a firewall rule open to every address', on: 'server', blocks: (serverId) => ({ azurerm_postgresql_flexible_server_firewall_rule: { w: { name: 'all', server_id: serverId, start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' } } }) },
  { reader: 'an azapi update (public access on)', on: 'server', blocks: (id) => ({ azapi_update_resource: { w: { type: 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01', resource_id: id, body: { properties: { network: { publicNetworkAccess: 'Enabled' } } } } } }) },
  { reader: 'a private endpoint from another VNet', on: 'server', blocks: (id) => ({ azurerm_private_endpoint: { w: { name: 'pe', location: 'westeurope', resource_group_name: 'rg-apps', subnet_id: `${OTHER_GROUP}/providers/Microsoft.Network/virtualNetworks/other/subnets/s`, private_service_connection: [{ name: 'c', is_manual_connection: false, private_connection_resource_id: id, subresource_names: ['postgresqlServer'] }] } } }) },
  { reader: 'a diagnostic setting exporting the logs elsewhere', on: 'server', blocks: (target) => ({ azurerm_monitor_diagnostic_setting: { w: { name: 'export', target_resource_id: target, log_analytics_workspace_id: WORKSPACE, enabled_log: [{ category_group: 'allLogs' }] } } }) },
];

/** The findings (rule and address) that do not pass with the blocks added, beyond the example's own. */
const known = new Map<string, string[]>();
function failures(blocks: Blocks): string[] {
  const key = JSON.stringify(blocks);
  if (!known.has(key)) known.set(key, failuresOf(blocks));
  return known.get(key) as string[];
}
function failuresOf(blocks: Blocks): string[] {
  const json = vnetIntegration();
  for (const [type, each] of Object.entries(blocks)) json.resource[type] = { ...json.resource[type], ...each };
  const evaluation = evaluateStack(json, ALL_RULES);
  expect(evaluation.problems).toEqual([]);
  return [...new Set(evaluation.findings.filter((f) => f.status === 'fail').map((f) => `${f.ruleId} ${f.address ?? ''}`))].sort();
}

/** The spellings every reader takes as the ID itself: a "." segment, inner and outer empty segments, in any place. */
const SAME: readonly (readonly [string, (id: string) => string])[] = [
  ['a "." segment after the subscription', (id) => id.replace(/^(\/subscriptions\/[^/]+)/, '$1/.')],
  ['a "." segment below the group', (id) => id.replace('/resourceGroups/', '/resourceGroups/./')],
  ['a trailing "/."', (id) => `${id}/.`],
  ['a trailing "/./"', (id) => `${id}/./`],
  ['inner "//"', (id) => id.replace('/resourceGroups/', '//resourceGroups//')],
  ['a tripled "/" and a "." at once', (id) => id.replace(/\/providers\/|\/resourceGroups\//, (found) => `//.${found}`)],
  ['a "." segment in upper case surroundings', (id) => id.toUpperCase().replace('/RESOURCEGROUPS/', '/RESOURCEGROUPS/./')],
];
/**
 * A query or fragment after a server's ID: azurerm validates an ID as a URL's path (url.ParseRequestURI), so a block that points
 * at a server that way points at the server (adversarial run of stop 69). A scope is sent as a URL's path with more after it, where
 * a query would swallow the rest: such a role assignment or policy fails at apply, and is not read here.
 */
const QUERIES: readonly (readonly [string, (id: string) => string])[] = [
  ['a query "?api-version=..."', (id) => `${id}?api-version=2024-08-01`],
  ['a "/" and a query', (id) => `${id}/?a=b`],
  ['a fragment', (id) => `${id}#a`],
];
/** Spellings with a ".." or an encoded dot: no one reading, read as any scope (they fail on any ID). */
const ANY: readonly (readonly [string, (id: string) => string])[] = [
  ['a ".." back to it', (id) => id.replace('/resourceGroups/', '/resourceGroups/rg-elsewhere/../')],
  ['a ".." after an empty segment', (id) => `${id}/x//..`],
  ['a trailing ".."', (id) => `${id}/child/..`],
  ['an encoded "." segment', (id) => id.replace('/resourceGroups/', '/%2e/resourceGroups/')],
  ['an encoded ".." segment', (id) => `${id}/x/%2E%2e`],
  // ARM decodes any "%XX" (twenty-fourth run, A24b-1): "rg%2Dx" is rg-x, "/%73ubscriptions" is "/subscriptions".
  ['an encoded "-" in a name', (id) => id.replace(/-(?=[^/]*$)/, '%2D')],
  ['an encoded first letter of "subscriptions"', (id) => id.replace('/subscriptions/', '/%73ubscriptions/')],
  ['an encoded "/" at the end', (id) => `${id}%2F`],
  // A letter JavaScript and ARM may fold otherwise (run 35): "\u017f" upper-cases to "S", "\u0131" to "I".
  ['a long s in "subscriptions"', (id) => id.replace('/subscriptions/', '/\u017fubscriptions/')],
  ['a long s in the group\'s name', (id) => id.replace(/(resourceGroups\/[^/s]*)s/, '$1\u017f')],
  ['a dotless i in "providers" or "subscriptions"', (id) => id.replace(/\/providers\/|\/subscriptions\//, (found) => found.replace('i', '\u0131'))],
];

describe('every reader of a scope or ID reads "." and empty segments alike', () => {
  const target = (on: 'group' | 'server') => (on === 'group' ? GROUP : SERVER);
  const other = (on: 'group' | 'server') => (on === 'group' ? OTHER_GROUP : OTHER_SERVER);
  const cases = READERS.flatMap(({ reader, on, blocks }) => SAME.map(([spelling, spell]) => [reader, spelling, on, blocks, spell] as const));
  test.each(cases)('%s, with %s: the verdict of the plain ID', (_reader, _spelling, on, blocks, spell) => {
    const plain = failures(blocks(target(on)));
    expect(plain.length).toBeGreaterThan(0);
    expect(failures(blocks(spell(target(on))))).toEqual(plain);
  });
  test.each(cases)('control: %s on another object, with %s: the verdict of the plain ID', (_reader, _spelling, on, blocks, spell) => {
    expect(failures(blocks(spell(other(on))))).toEqual(failures(blocks(other(on))));
  });
  test.each(READERS.map(({ reader, on, blocks }) => [reader, on, blocks] as const))('%s, by a reference with "/." or "/./" after it: the verdict of the reference', (_reader, on, blocks) => {
    const reference = on === 'group' ? '${azurerm_resource_group.ResourceGroup.id}' : '${azurerm_postgresql_flexible_server.Postgres_Server_7CDD8A78.id}';
    const plain = failures(blocks(reference));
    expect(plain.length).toBeGreaterThan(0);
    for (const tail of ['/.', '/./', '//.//']) expect(failures(blocks(`${reference}${tail}`))).toEqual(plain);
  });
});

describe('every reader of a server\'s ID reads a query or fragment after it as the ID (adversarial run of stop 69)', () => {
  const cases = READERS.filter(({ on, reader }) => on === 'server' && !reader.startsWith('a role assignment')).flatMap(({ reader, blocks }) => QUERIES.map(([spelling, spell]) => [reader, spelling, blocks, spell] as const));
  test.each(cases)('%s, with %s: the verdict of the plain ID', (_reader, _spelling, blocks, spell) => {
    const plain = failures(blocks(SERVER));
    expect(plain.length).toBeGreaterThan(0);
    expect(failures(blocks(spell(SERVER)))).toEqual(plain);
  });
  test.each(cases)('control: %s on another server, with %s: the verdict of the plain ID', (_reader, _spelling, blocks, spell) => {
    expect(failures(blocks(spell(OTHER_SERVER)))).toEqual(failures(blocks(OTHER_SERVER)));
  });
});

describe('a ".." or an encoded dot segment fails closed in every reader', () => {
  const cases = READERS.flatMap(({ reader, on, blocks }) => ANY.map(([spelling, spell]) => [reader, spelling, on, blocks, spell] as const));
  test.each(cases)('%s, with %s: fails', (_reader, _spelling, on, blocks, spell) => {
    expect(failures(blocks(spell(on === 'group' ? GROUP : SERVER))).length).toBeGreaterThan(0);
  });
  test.each(ANY)('an Owner role on another group, with %s: fails (it may be any scope)', (_spelling, spell) => {
    expect(failures(READERS[0].blocks(spell(OTHER_GROUP)))).toContain('PG-IAM-2 azurerm_role_assignment.w');
  });
  test('by a reference: "${group.id}/../rg-orders-db" fails PG-IAM-2', () => {
    expect(failures(READERS[0].blocks('${azurerm_resource_group.ResourceGroup.id}/../rg-apps'))).toContain('PG-IAM-2 azurerm_role_assignment.w');
  });
  test('control: a Reader role on another group with ".." passes (not a privileged role)', () => {
    expect(failures({ azurerm_role_assignment: { w: { scope: `${OTHER_GROUP}/x/..`, role_definition_name: 'Reader', principal_id: '00000000-0000-0000-0000-000000000077' } } })).toEqual([]);
  });
});

describe('run 35: every reader keys a template as it keys a literal ID', () => {
  // A PIM policy and a role assignment on a template of the group's ID with a "." or empty segment were read by scope-patterns.ts,
  // which kept the segment: "/subscriptions/${var.s}/resourceGroups/./rg-orders-db" was no scope of the server.
  const template = (group: string) => `/subscriptions/\${var.subscription}/resourceGroups/${group}`;
  const spellings = [(id: string) => id.replace('/resourceGroups/', '/resourceGroups/./'), (id: string) => id.replace('/resourceGroups/', '//resourceGroups/'), (id: string) => `${id}/.`, (id: string) => `${id}//./`];
  test.each(READERS.filter(({ on }) => on === 'group').map(({ reader, blocks }) => [reader, blocks] as const))('%s, by a template with a variable subscription: each spelling has the verdict of the plain template', (_reader, blocks) => {
    const plain = failures(blocks(template('rg-orders-db')));
    expect(plain.length).toBeGreaterThan(0);
    for (const spell of spellings) expect(failures(blocks(spell(template('rg-orders-db'))))).toEqual(plain);
    for (const spell of spellings) expect(failures(blocks(spell(template('rg-apps'))))).toEqual(failures(blocks(template('rg-apps'))));
  });
});

describe('run 35: a name with a letter JavaScript and ARM fold otherwise', () => {
  test('an azurerm Defender plan named with a long s is the PostgreSQL plan; ASCII controls keep their verdicts', () => {
    const plan = (resourceType: string) => ({ azurerm_security_center_subscription_pricing: { p: { tier: 'Free', resource_type: resourceType } } });
    expect(failures(plan('OpenSourceRelationalDatabases'))).toContain('PG-CFG-3 azurerm_security_center_subscription_pricing.p');
    expect(failures(plan('OpenSourceRelationalDataba\u017fes'))).toContain('PG-CFG-3 azurerm_security_center_subscription_pricing.p');
    expect(failures(plan('VirtualMachines'))).toEqual([]);
  });
  test('an azapi Defender plan named with a dotless i may be the PostgreSQL plan', () => {
    const plan = (name: string) => ({ azapi_resource: { p: { type: 'Microsoft.Security/pricings@2024-01-01', name, parent_id: SUBSCRIPTION, body: { properties: { pricingTier: 'Free' } } } } });
    expect(failures(plan('OpenSourceRelat\u0131onalDatabases'))).toContain('PG-CFG-3 azapi_resource.p');
    expect(failures(plan('VirtualMach\u0131nes'))).toContain('PG-CFG-3 azapi_resource.p');
    expect(failures(plan('VirtualMachines'))).toEqual([]);
  });
  test('a Standard tier spelled with a long s is not read as Standard', () => {
    const plan = (tier: string) => ({ azurerm_security_center_subscription_pricing: { p: { tier, resource_type: 'OpenSourceRelationalDatabases' } } });
    expect(failures(plan('Standard'))).toEqual([]);
    expect(failures(plan('\u017ftandard'))).toContain('PG-CFG-3 azurerm_security_center_subscription_pricing.p');
  });
});

test('an azapi Defender plan whose name holds a percent-encoded character may be the PostgreSQL plan (A24b-1)', () => {
  const plan = (name: string) => ({ azapi_resource: { p: { type: 'Microsoft.Security/pricings@2024-01-01', name, parent_id: SUBSCRIPTION, body: { properties: { pricingTier: 'Free' } } } } });
  expect(failures(plan('OpenSourceRelationalDatabases'))).toContain('PG-CFG-3 azapi_resource.p');
  expect(failures(plan('OpenSourceRelationalDatabase%73'))).toContain('PG-CFG-3 azapi_resource.p');
  expect(failures(plan('VirtualMachines'))).toEqual([]);
});

describe('climbsScope', () => {
  test.each([
    [`${GROUP}/x/..`, true], [`${GROUP}/../x`, true], [`${GROUP}/%2e/x`, true], [`${GROUP}/.%2E`, true], ['subscriptions/s/..', true],
    [GROUP, false], [`${GROUP}/./x`, false], [`${GROUP}//x`, false], [`${GROUP}/x.../y`, false], ['../x/y', false], ['a/../b', false],
    [`${GROUP}/rg..x`, false], [`${GROUP}/rg%2Dx`, true], ['/%73ubscriptions/s/resourceGroups/rg', true], ['/%73ubscriptions/s', true],
    ['https://example.com/a%20b', false], ['/x/%ZZ/subscriptions/s', false],
  ])('%s: %s', (text, expected) => {
    expect(climbsScope(text)).toBe(expected);
  });
  test('an expression with a reference to an ID climbs with a ".." in its text', () => {
    expect(climbsScope('${azurerm_resource_group.g.id}/../x', ['azurerm_resource_group.g.id'])).toBe(true);
    expect(climbsScope('${path.module}/../x', ['path.module'])).toBe(false);
  });
});

test('the name an azapi write names by its resource_id: "." and empty segments after it say nothing', () => {
  const named = (id: string) => azapiName({ address: 'azapi_update_resource.w', type: 'azapi_update_resource', config: { resource_id: id } } as unknown as ResourceView);
  for (const id of [SERVER, `${SERVER}/.`, `${SERVER}//./`, `${SERVER}/ . /`]) expect(named(id)).toBe('orders-db-prod');
  expect(named('/')).toBeUndefined();
});
