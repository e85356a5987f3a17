import { TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { FlexibleServerAuthentication, SecureFlexibleServer } from '../../lib';
import { ANY, mayReach, SEGMENT, SUBSCRIPTION as ANY_SUBSCRIPTION } from '../../lib/checks/scope-patterns';
import { KEY_VAULT_ID, minimalProps, providerStack, SUBSCRIPTION, synthErrors, WORKSPACE_ID } from '../helpers';

// One matcher for "may this scope be at or above this object?" (scope-patterns.ts): an interpolation
// may cover any number of segments, at any position, and a constant local is its text (sixteenth
// review, A16a-6, A16a-10). The class test: each spelling of each object's ID, for each reader.

describe('mayReach', () => {
  const SERVER = `subscriptions/${ANY_SUBSCRIPTION}/resourcegroups/rg-orders/providers/microsoft.dbforpostgresql/flexibleservers/orders-db`;
  test.each([
    ['the ID', '/subscriptions/0000/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db', 'exact'],
    ['the ID without its leading "/", with a trailing one', 'subscriptions/0000/resourceGroups/RG-ORDERS/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db/', 'exact'],
    ['its resource group', '/subscriptions/0000/resourceGroups/rg-orders', 'holds'],
    ['a variable over the name', `/subscriptions/0000/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/${ANY}`, 'exact'],
    ['a variable over three segments', `/subscriptions/0000/resourceGroups/rg-orders/providers/${ANY}`, 'exact'],
    ['a variable over the rest after the subscription', `/subscriptions/0000${ANY}`, 'exact'],
    ['a variable over part of the subscription and the rest', `/subscriptions/00${ANY}`, 'exact'],
    ['a leading variable (empty or the "/subscriptions" segment)', `${ANY}/0000/resourceGroups/rg-orders`, 'holds'],
    ['a group followed by a variable and "/"', `/subscriptions/0000/resourceGroups/rg-orders/${ANY}`, 'holds'],
    ['two variables', `${ANY}/flexibleServers/${ANY}`, 'exact'],
  ] as const)('may reach the server by %s', (_name, template, reach) => {
    expect(mayReach(template, SERVER, reach)).toBe(true);
  });

  test.each([
    ['another group', '/subscriptions/0000/resourceGroups/rg-other', 'holds'],
    ['another group followed by a variable', `/subscriptions/0000/resourceGroups/rg-other${ANY}`, 'holds'],
    ['a group whose name only starts the same', '/subscriptions/0000/resourceGroups/rg-ord', 'holds'],
    ['another server by a variable group', `/subscriptions/0000/resourceGroups/${ANY}/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db2`, 'exact'],
    ['another type', `${ANY}/providers/Microsoft.DBforPostgreSQL/servers/orders-db`, 'exact'],
    ['a subscription no GUID spells', '/subscriptions/not-a-guid', 'holds'],
    ['the group where the ID is asked for', '/subscriptions/0000/resourceGroups/rg-orders', 'exact'],
    ['a template below the server', `/subscriptions/0000/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db/databases/${ANY}`, 'holds'],
  ] as const)('does not reach the server by %s', (_name, template, reach) => {
    expect(mayReach(template, SERVER, reach)).toBe(false);
  });

  test('a part of the object known only at apply time is one segment of any name', () => {
    const object = `subscriptions/${ANY_SUBSCRIPTION}/resourcegroups/${SEGMENT}/providers/microsoft.keyvault/vaults/kv`;
    expect(mayReach('/subscriptions/0000/resourceGroups/rg-any/providers/Microsoft.KeyVault/vaults/kv', object, 'exact')).toBe(true);
    expect(mayReach('/subscriptions/0000/resourceGroups/a/b/providers/Microsoft.KeyVault/vaults/kv', object, 'exact')).toBe(false);
  });
});

// The class test: every spelling of an object's ID that may name it, for every reader that judges a writer or role on it.

const SERVER_ID = `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`;
const NSG_ID = `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.Network/networkSecurityGroups/orders-db-postgres-nsg`;
const OUTSIDER = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const PASSWORD = FlexibleServerAuthentication.entraAndPassword({ administratorLogin: 'pgadmin_ops', justification: 'legacy reporting tool needs a password login', keyVaultResourceId: KEY_VAULT_ID });

interface Reader {
  readonly object: string;
  readonly rule: string;
  readonly vaulted?: boolean;
  /** Whether a scope above the object reaches it (a role, a policy); a pointer to the object (a workspace write) must be it. */
  readonly holds: boolean;
  readonly block: (scope: string) => [string, Record<string, unknown>];
  /** Another rule that judges the block where it names the object exactly (PG-CFG-3: a writer of the server). */
  readonly exact?: string;
  /**
   * Beside a construct, the reader fails any scope known only at apply time that may hold the server (twelfth review,
   * A12b-4): of the spellings that cannot be the object, only a literal one passes.
   */
  readonly anyLater?: boolean;
  /** Spellings of NOT this reader reads otherwise, with why. */
  readonly otherwise?: { readonly [spelling: string]: string };
}

const role = (name: string) => (scope: string): [string, Record<string, unknown>] => ['azurerm_role_assignment', { scope, role_definition_name: name, principal_id: OUTSIDER }];
const READERS: { readonly [name: string]: Reader } = {
  'Owner on the server (PG-IAM-2)': { object: SERVER_ID, rule: 'PG-IAM-2', holds: true, anyLater: true, block: role('Owner') },
  'Network Contributor on the construct\'s NSG (PG-IAM-2)': { object: NSG_ID, rule: 'PG-IAM-2', holds: true, block: role('Network Contributor') },
  'Key Vault Secrets User on the vault of the password (PG-IAM-2)': { object: KEY_VAULT_ID, rule: 'PG-IAM-2', holds: true, vaulted: true, block: role('Key Vault Secrets User'),
    otherwise: { 'a leading variable before another resource group': 'a scope that names the vault by its name, its subscription known only at apply time, is read as the vault (fifteenth review)' } },
  'a policy defined outside the stack on the server (PG-CFG-4)': { object: SERVER_ID, rule: 'PG-CFG-4', exact: 'PG-CFG-3', holds: true, anyLater: true,
    otherwise: { 'another literal resource group': 'a policy whose effect is not in the JSON, beside a construct, fails wherever it is assigned' }, block: (scope) => ['azurerm_resource_policy_assignment', { name: 'p', resource_id: scope, policy_definition_id: '${var.p}' }] },
  'a 7-day retention on the construct\'s workspace (PG-LOG-1)': { object: WORKSPACE_ID, rule: 'PG-LOG-1', holds: false,
    block: (scope) => ['azapi_update_resource', { type: 'Microsoft.OperationalInsights/workspaces@2023-09-01', resource_id: scope, body: { properties: { retentionInDays: 7 } } }] },
  'an unread type pointing at the server (PG-CFG-8)': { object: SERVER_ID, rule: 'PG-CFG-8', exact: 'PG-CFG-3', holds: true,
    block: (scope) => ['azurerm_eventgrid_system_topic', { name: 't', resource_group_name: 'rg-x', location: 'westeurope', source_arm_resource_id: scope, topic_type: 'Microsoft.DBforPostgreSQL.FlexibleServers' }] },
};

/** The ID's segments after "/subscriptions/<id>": resourceGroups, its name, providers, namespace, type, name. */
const tail = (id: string) => id.slice(SUBSCRIPTION.length);
const segments = (id: string) => tail(id).split('/').slice(1);
const head = (id: string, count: number) => `${SUBSCRIPTION}/${segments(id).slice(0, count).join('/')}`;

/** Spellings that may be the object: [name, scope, locals]. */
const MAY: readonly (readonly [string, (id: string) => string, ((id: string) => Record<string, string>)?])[] = [
  ['its literal ID', (id) => id],
  ['a variable over the last segment', (id) => `${head(id, 5)}/\${var.v}`],
  ['a variable over two segments', (id) => `${head(id, 4)}/\${var.v}`],
  ['a variable over three segments', (id) => `${head(id, 3)}/\${var.v}`],
  ['a variable over the group and everything below', () => `${SUBSCRIPTION}/\${var.v}`],
  ['a variable over the rest, with no "/" before it', (id) => `${SUBSCRIPTION}/resourceGroups/${segments(id)[1]}\${var.v}`],
  ['a leading variable over "/subscriptions"', (id) => `\${var.v}/${SUBSCRIPTION.split('/')[2]}${tail(id)}`],
  ['a leading variable that may be empty', (id) => `\${var.v}${id}`],
  ['a constant local followed by a variable', () => '${local.sub}${var.v}', () => ({ sub: SUBSCRIPTION })],
  ['a local of part of the subscription followed by a variable', () => '${local.sub}${var.v}', () => ({ sub: SUBSCRIPTION.slice(0, -20) })],
  ['a local of the group\'s ID followed by a variable', () => '${local.group}${var.v}', (id) => ({ group: head(id, 2) })],
  ['a function of a constant', (id) => `\${lower("${id}")}`],
];
/** Spellings above the object only (a role or a policy there reaches it). */
const ABOVE: readonly (readonly [string, (id: string) => string])[] = [
  ['its resource group', (id) => head(id, 2)],
  ['its resource group followed by "/" and a variable', (id) => `${head(id, 2)}/\${var.v}`],
  ['a management group (which may hold any subscription)', () => '/providers/Microsoft.Management/managementGroups/mg-open'],
];
/** Spellings that cannot be the object: another literal resource group (or name), with variables anywhere else. */
const NOT: readonly (readonly [string, (id: string) => string])[] = [
  ['another literal resource group', () => `${SUBSCRIPTION}/resourceGroups/rg-zzz`],
  ['another resource group followed by a variable', () => `${SUBSCRIPTION}/resourceGroups/rg-zzz\${var.v}`],
  ['another resource group, a variable below it', () => `${SUBSCRIPTION}/resourceGroups/rg-zzz/\${var.v}`],
  ['a leading variable before another resource group', (id) => `\${var.v}/resourceGroups/rg-zzz/${segments(id).slice(2).join('/')}`],
  ['another name after a variable', (id) => `\${var.v}/${segments(id).slice(-2)[0]}/zzz`],
];

function stackWith(reader: Reader, scope: string, locals: Record<string, string> = {}): TerraformStack {
  const stack = providerStack();
  new TerraformVariable(stack, 'v', { type: 'string' });
  new TerraformVariable(stack, 'p', { type: 'string' });
  if (Object.keys(locals).length > 0) stack.addOverride('locals', locals);
  new SecureFlexibleServer(stack, 'Postgres', minimalProps(reader.vaulted === true ? { authentication: PASSWORD } : {}));
  const [type, config] = reader.block(scope);
  const block = new TerraformResource(stack, 'w', { terraformResourceType: type });
  for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
  return stack;
}

/** The rules that failed on the block. */
const failed = (stack: TerraformStack) => synthErrors(stack).filter((line) => line.split(' ')[3]?.endsWith('.w')).map((line) => line.split(' ')[4]);

describe.each(Object.entries(READERS))('%s', (_name, reader) => {
  test.each(MAY.map(([name, spell, locals]) => [name, spell(reader.object), locals?.(reader.object)] as const))('fails on %s: %s', (_spelling, scope, locals) => {
    expect(failed(stackWith(reader, scope, locals)).filter((rule) => rule === reader.rule || rule === reader.exact)).not.toEqual([]);
  });
  if (reader.holds) {
    test.each(ABOVE.map(([name, spell]) => [name, spell(reader.object)] as const))('fails on %s: %s', (_spelling, scope) => {
      expect(failed(stackWith(reader, scope))).toContain(reader.rule);
    });
  }
  const others = NOT.filter(([name]) => (reader.anyLater !== true || name === NOT[0][0]) && reader.otherwise?.[name] === undefined).map(([name, spell]) => [name, spell(reader.object)] as const);
  if (others.length > 0) {
    test.each(others)('is not judged on %s: %s', (_spelling, scope) => {
      expect(failed(stackWith(reader, scope))).not.toContain(reader.rule);
    });
  }
});

// A subscription moved into a management group puts the server under every role and policy of that group's chain: a role on any
// management group is judged as holding the server already; the movers are writers of the server's subscription (A16a-7).
describe('a subscription moved into a management group (sixteenth review, A16a-7)', () => {
  const GUID = SUBSCRIPTION.split('/')[2];
  const MG = '/providers/Microsoft.Management/managementGroups/mg-open';
  function beside(type: string, config: Record<string, unknown>): TerraformStack {
    const stack = providerStack();
    new SecureFlexibleServer(stack, 'Postgres', minimalProps());
    stack.addOverride('data.azurerm_client_config.c', {});
    const block = new TerraformResource(stack, 'w', { terraformResourceType: type });
    for (const [key, value] of Object.entries(config)) block.addOverride(key, value);
    return stack;
  }

  test.each([
    ['azurerm_management_group_subscription_association', { management_group_id: MG, subscription_id: SUBSCRIPTION }],
    ['azurerm_management_group', { name: 'mg-open', subscription_ids: [GUID] }],
    ['azurerm_management_group', { name: 'mg-open', subscription_ids: ['${data.azurerm_client_config.c.subscription_id}'] }],
    ['azapi_resource', { type: 'Microsoft.Management/managementGroups/subscriptions@2023-04-01', parent_id: MG, name: GUID }],
  ])('%s moving a subscription that may be the server\'s fails PG-CFG-8: %j', (type, config) => {
    expect(failed(beside(type, config))).toContain('PG-CFG-8');
  });

  test('a management group that moves no subscription passes', () => {
    expect(failed(beside('azurerm_management_group', { name: 'mg-open', display_name: 'Open' }))).toEqual([]);
  });
});
