import { ANYTHING, expressionReadings, mayBeWord } from '../../lib/checks/expression-readings';
import { evaluateTemplate, NO_LOCALS } from '../../lib/checks/hcl-expression';
import { Verdict } from '../../lib/checks/rule';
import { rule } from '../../lib/checks/rules/PG-IAM-2';
import { azurermProviders } from '../../lib/checks/provider-facts';
import { buildStackModel } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, flexibleServerWithoutVnet, Resources } from './rule-harness';

// What a value known only at apply time may be, as text (expression-readings.ts): every spelling of an object of the
// perimeter through a function, a conditional, a constant local or a reference inside an expression is read as may-be-it;
// a function the reader does not know, over literal text, is may-be-anything, never no reading (eighteenth review,
// A18a-2, A18a-5, A18a-6).

const readings = (template: string) => expressionReadings(evaluateTemplate(template, NO_LOCALS), undefined);

describe('the readings of an expression', () => {
  test.each<[string, readonly string[]]>([
    ['/subscriptions/s/x', ['/subscriptions/s/x']],
    ['${var.x}', ['*']],
    ['${lower(var.x)}', ['*']],
    ['${var.c ? "a/b" : var.d}', ['a/b', '*']],
    ['${format("/s/%s/rg/%s", var.s, "n")}', ['/s/*/rg/n']],
    ['${join("/", ["", "subscriptions", var.sub, "rg"])}', ['/subscriptions/*/rg']],
    ['${formatlist("/s/%s/w", [var.s])[0]}', ['/s/*/w', '*']],
    ['${one(["/a/${var.b}/c"])}', ['/a/*/c']],
    ['${coalesce(var.o, "/a/b")}', ['*', '/a/b']],
    ['${upper("/a/${var.b}")}', ['/a/*']],
    ['${chomp(<<EOT\n/a/${var.b}/c\nEOT\n)}', ['/a/*/c\n']],
    ['${split(",", var.list)[0]}', ['*']],
    // split is read (A19b-9): its pieces by position; one a variable starts in is its literal start and any text.
    ['${split("/", "/subscriptions/sub-a/resourceGroups/rg-a")[4]}', ['rg-a']],
    ['${split(",", "/subscriptions/${var.sub}/rg,x")[0]}', ['/subscriptions/*', '*']],
    ['${upper("/a/${var.b}/c\\u0041")}', ['/a/*/cA']],
    // trimsuffix/trimprefix by a literal affix cut it where the text ends (starts) with it; an end known later may hold it or not.
    ['${trimsuffix("/a/b/", "/")}', ['/a/b']],
    ['${trimsuffix(var.x, "/")}', ['*']],
    ['${trimsuffix("/a/${var.b}.", ".")}', ['/a/*']],
    ['${trimsuffix("/a.${var.b}", ".")}', ['/a.*', '/a*']],
    ['${trimprefix("/a/b", "/a")}', ['/b']],
    // A list in another order, or with items dropped or moved (A20b-9): an index into it may be any item; compact drops "".
    ['${sort(["b", "a"])[0]}', ['b', 'a']],
    ['${reverse(["a", "b"])[0]}', ['a', 'b']],
    ['${distinct(["a", "a", "b"])[1]}', ['b']], // the evaluator's own constant
    ['${distinct([var.a, "b"])[1]}', ['*', 'b']],
    ['${flatten([["x"], ["y"]])[1]}', ['y']], // the evaluator's own constant since the 34th run (A34a-1)
    ['${flatten([[var.a], ["y"]])[1]}', ['*', 'y']],
    ['${compact(["", "a"])[0]}', ['a']],
    ['${concat(sort(["b", "a"]), ["c"])[0]}', ['b', 'a', 'c']],
    ['${tolist(["a", "b"])[1]}', ['b']],
    ['${trimprefix("x/a", "/a")}', ['x/a']],
  ])('%j reads as %j', (template, expected) => {
    expect(readings(template)).toEqual(expected);
  });

  test.each([
    '${replace("/subscriptions/SUB/rg", "SUB", var.sub)}',
    '${substr("xx/subscriptions/${var.sub}", 2, -1)}',
    '${strrev("gr/")}',
    '${trimprefix("x/a/b", var.p)}',
    '${regex("^(.*)/providers", "/a/providers/b")}',
    // A function of what may be any text may be any text (a local made by base64decode, read through lower() or a format).
    '${lower(base64decode("L2EvYg=="))}',
    '${trimsuffix(base64decode("L2EvYg=="), "/")}',
    '${md5(base64decode("L2EvYg=="))}',
  ])('%j, a function not read over literal text, may be anything', (template) => {
    expect(readings(template)).toEqual([ANYTHING]);
  });

  // 95th run, A95a-5: the provider functions that build an Azure ID read as the ID they build, of literal types and names lists;
  // any other shape (a type or a names list known only later, names not one per type segment, another provider function) any text.
  const TYPE = '"Microsoft.ManagedIdentity/userAssignedIdentities"';
  const UAI = 'providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-a';
  test.each<[string, readonly string[]]>([
    [`\${provider::azapi::resource_group_resource_id(var.sub, "rg-a", ${TYPE}, ["id-a"])}`, [`/subscriptions/*/resourceGroups/rg-a/${UAI}`]],
    [`\${provider::azapi::subscription_resource_id("s", ${TYPE}, [var.n])}`, ['/subscriptions/s/providers/Microsoft.ManagedIdentity/userAssignedIdentities/*']],
    [`\${provider::azapi::tenant_resource_id(${TYPE}, ["id-a"])}`, [`/${UAI}`]],
    ['${provider::azapi::management_group_resource_id("mg", "Microsoft.Network/virtualNetworks/subnets@2024-01-01", ["v", "s"])}',
      ['/providers/Microsoft.Management/managementGroups/mg/providers/Microsoft.Network/virtualNetworks/v/subnets/s']],
    [`\${provider::azapi::extension_resource_id(var.scope, ${TYPE}, ["id-a"])}`, [`*/${UAI}`]],
    ['${provider::azapi::resource_group_resource_id("s", "rg", "A.B/c%d", ["n"])}', ['/subscriptions/s/resourceGroups/rg/providers/A.B/c%d/n']],
    // build_resource_id as azapi spells a resource's ID below its parent: a top-level type under "providers", a child type's last segment.
    [`\${provider::azapi::build_resource_id("/subscriptions/s/resourceGroups/rg-a/", ${TYPE}, "id-a")}`, [`/subscriptions/s/resourceGroups/rg-a/${UAI.toLowerCase()}`]],
    ['${provider::azapi::build_resource_id(var.vnet, "Microsoft.Network/virtualNetworks/subnets@2024-01-01", "s")}', ['*/subnets/s']],
    ['${provider::azapi::build_resource_id("/subscriptions/s", "Microsoft.Resources/resourceGroups", var.rg)}', ['/subscriptions/s/resourceGroups/*']],
    ['${provider::azapi::build_resource_id("/", "Microsoft.Billing/billingAccounts", "b")}', ['/providers/microsoft.billing/billingaccounts/b']],
    // azurerm's normalise_resource_id only changes the letter case of the ID's keys.
    ['${provider::azurerm::normalise_resource_id("/subscriptions/s/resourcegroups/${var.rg}")}', ['/subscriptions/s/resourcegroups/*']],
  ])('the provider function %j reads as %j', (template, expected) => {
    expect(readings(template)).toEqual(expected);
  });

  test.each([
    `\${provider::azapi::resource_group_resource_id(var.sub, "rg-a", ${TYPE}, var.names)}`,
    '${provider::azapi::resource_group_resource_id(var.sub, "rg-a", var.type, ["id-a"])}',
    `\${provider::azapi::resource_group_resource_id(var.sub, "rg-a", ${TYPE}, ["id-a", "x"])}`,
    `\${provider::azapi::resource_group_resource_id(var.sub, ${TYPE}, ["id-a"])}`,
    `\${provider::azapi::resource_group_resource_id(var.sub, "rg-a", ${TYPE}, concat(["id-a"], var.more))}`,
    '${provider::azapi::build_resource_id("/subscriptions/s", var.type, "n")}',
    '${provider::azapi::build_resource_id("/subscriptions/s", "Microsoft.Network", "n")}',
    '${provider::azapi::build_resource_id("/subscriptions/s", "Microsoft.Network/virtualNetworks")}',
    '${provider::azapi::unique_string("/subscriptions/s")}',
  ])('%j, a provider function of another shape, may be anything', (template) => {
    expect(readings(template)).toEqual([ANYTHING]);
  });

  test('a template\'s constant locals are written out; many combinations are cut short to may-be-anything, never fewer', () => {
    const scope = { local: (name: string) => (name === 'suffix' ? '/w/log-central' : undefined) };
    expect(expressionReadings(evaluateTemplate('${var.p}${local.suffix}', scope), undefined)).toEqual(['*/w/log-central']);
    const wide = Array.from({ length: 6 }, (_, index) => `\${var.c${index} ? "a${index}" : var.c${index} ? "b${index}" : var.c${index} ? "c${index}" : "d${index}"}`).join('/');
    expect(readings(wide)).toEqual([ANYTHING]);
  });

  test('an index of a constant local by a variable, lookup/element over it, and a for_each item are each of its items', () => {
    const scope = { local: (name: string) => (name === 'ws' ? { prod: '/a/prod', dev: '/a/dev' } : name === 'list' ? ['/l/0', '/l/1'] : undefined) };
    for (const template of ['${local.ws[var.env]}', '${lookup(local.ws, var.env)}', '${element(local.list, var.i)}', '${var.c ? local.ws.prod : local.ws.dev}']) {
      const found = expressionReadings(evaluateTemplate(template, scope), undefined);
      expect([template, found?.length]).toEqual([template, 2]);
    }
    expect(expressionReadings(evaluateTemplate('${local.ws[var.env]}', scope), undefined)).toEqual(['/a/prod', '/a/dev']);
  });
});

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const PRINCIPAL = '99999999-9999-9999-9999-999999999999';
const WORKSPACE = `${SUB}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-central`;
const VNET = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const GIVEN_SUBNET = `${VNET}/subnets/snet-postgres`;
const GIVEN_ZONE = `${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/orders.private.postgres.database.azure.com`;
const PE_SUBNET = `${SUB}/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe`;
const LINK_ZONE = `${SUB}/resourceGroups/rg-pdns/providers/Microsoft.Network/privateDnsZones/privatelink.postgres.database.azure.com`;
const IDENTITY = `${SUB}/resourceGroups/rg-keys/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-pg`;
const GIVEN_NSG = `${SUB}/resourceGroups/rg-nsg/providers/Microsoft.Network/networkSecurityGroups/nsg-given`;
const SERVER_REF = `\${${FLEXIBLE}.db.id}`;

const diagnostics = (workspace: string): Resources => ({
  azurerm_monitor_diagnostic_setting: { own: { ...madeAt(`${CONSTRUCT}/Diagnostics`), name: 'send-to-log-analytics', target_resource_id: SERVER_REF, log_analytics_workspace_id: workspace, enabled_log: [{ category: 'PostgreSQLLogs' }] } },
});
const withKey = { identity: [{ type: 'UserAssigned', identity_ids: [IDENTITY] }], customer_managed_key: [{ key_vault_key_id: '${var.key}', primary_user_assigned_identity_id: IDENTITY }] };
/** existingVnetIntegration: the given subnet and zone, logging to WORKSPACE, acting as IDENTITY. */
const existing = (extra: Resources): Resources => ({
  ...diagnostics(WORKSPACE),
  ...extra,
  [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', delegated_subnet_id: GIVEN_SUBNET, private_dns_zone_id: GIVEN_ZONE, ...withKey }), ...madeAt(`${CONSTRUCT}/Server`) } },
});
/** privateEndpoint: the subnet and Private Link zone it is given. */
const privateEndpoint = (extra: Resources): Resources => ({
  ...diagnostics(WORKSPACE),
  ...extra,
  [FLEXIBLE]: { db: { ...flexibleServerWithoutVnet({ resource_group_name: 'rg-orders' }), ...madeAt(`${CONSTRUCT}/Server`) } },
  azurerm_private_endpoint: { own: { ...madeAt(`${CONSTRUCT}/PrivateEndpoint`), name: 'pe-db', resource_group_name: 'rg-orders', location: 'westeurope', subnet_id: PE_SUBNET,
    private_service_connection: [{ name: 'c', is_manual_connection: false, private_connection_resource_id: SERVER_REF, subresource_names: ['postgresqlServer'] }],
    private_dns_zone_group: [{ name: 'z', private_dns_zone_ids: [LINK_ZONE] }] } },
});
/** vnetIntegration: the subnet it makes, associated with a group it is given by ID. */
const givenGroup = (extra: Resources): Resources => ({
  ...diagnostics(WORKSPACE),
  ...extra,
  [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', private_dns_zone_id: GIVEN_ZONE }), ...madeAt(`${CONSTRUCT}/Server`) } },
  azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet-db', resource_group_name: 'rg-network', virtual_network_name: 'vnet-hub', address_prefixes: ['10.0.1.0/28'] } },
  azurerm_subnet_network_security_group_association: { db: { ...madeAt(`${CONSTRUCT}/Association`), subnet_id: '${azurerm_subnet.db.id}', network_security_group_id: GIVEN_NSG } },
});

/** The objects the generator of the review (A18a-2, probes/gen-scopes.js) spells: the stack, its ID, a role of its effect. */
const OBJECTS: { readonly [name: string]: { readonly stack: (extra: Resources) => Resources; readonly id: string; readonly role: string } } = {
  'the workspace the logs go to': { stack: existing, id: WORKSPACE, role: 'Data Purger' },
  'the identity the server acts as': { stack: existing, id: IDENTITY, role: 'Managed Identity Operator' },
  'the given delegated subnet': { stack: existing, id: GIVEN_SUBNET, role: 'Network Contributor' },
  'the given private DNS zone': { stack: existing, id: GIVEN_ZONE, role: 'Private DNS Zone Contributor' },
  'the given network security group': { stack: givenGroup, id: GIVEN_NSG, role: 'Network Contributor' },
  'the private endpoint\'s subnet': { stack: privateEndpoint, id: PE_SUBNET, role: 'Network Contributor' },
  'the private endpoint\'s zone': { stack: privateEndpoint, id: LINK_ZONE, role: 'Private DNS Zone Contributor' },
  // Judged before the table (PG-IAM-2 on the server, network-scopes.ts on the VNet it makes a subnet in): the generator's 153.
  'the VNet the construct makes its subnet in': { stack: givenGroup, id: VNET, role: 'Network Contributor' },
  'the server': { stack: existing, id: `${SUB}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db`, role: 'Owner' },
};

const tail = (id: string) => id.replace(/^\/subscriptions\/[^/]+/, '');
const segments = (id: string) => tail(id).slice(1).split('/').map((segment) => `"${segment}"`).join(', ');
/** The generator's spellings of an ID; `read` when the reader reads the function (another object's spelling then passes). */
const SPELLINGS: { readonly [name: string]: { readonly spell: (id: string) => string; readonly read: boolean } } = {
  'literal': { spell: (id) => id, read: true },
  'variable subscription': { spell: (id) => `/subscriptions/\${var.sub}${tail(id)}`, read: true },
  'join of segments': { spell: (id) => `\${join("/", ["", "subscriptions", var.sub, ${segments(id)}])}`, read: true },
  'replace of the subscription': { spell: (id) => `\${replace("/subscriptions/SUB${tail(id)}", "SUB", var.sub)}`, read: false },
  'constant replace of the name': { spell: (id) => `\${replace("${id.replace(/[^/]+$/, 'NAME')}", "NAME", "${/[^/]+$/.exec(id)![0]}")}`, read: true },
  'regex replace': { spell: (id) => `\${replace("/subscriptions/\${var.sub}${tail(id)}X", "/X$/", "")}`, read: false },
  'heredoc': { spell: (id) => `\${chomp(<<EOT\n/subscriptions/\${var.sub}${tail(id)}\nEOT\n)}`, read: true },
  'split': { spell: (id) => `\${split(",", "/subscriptions/\${var.sub}${tail(id)},x")[0]}`, read: false },
  'resource group ID variable': { spell: (id) => `\${var.rg_id}${tail(id).replace(/^\/resourceGroups\/[^/]+/, '')}`, read: true },
  'subscription lookup': { spell: (id) => `\${data.azurerm_subscription.current.id}${tail(id)}`, read: true },
  'client configuration': { spell: (id) => `/subscriptions/\${data.azurerm_client_config.current.subscription_id}${tail(id)}`, read: true },
  'trimprefix': { spell: (id) => `\${trimprefix("x${id}", "x")}`, read: true },
  'upper': { spell: (id) => `\${upper("/subscriptions/\${var.sub}${tail(id)}")}`, read: true },
  'substr': { spell: (id) => `\${substr("xx/subscriptions/\${var.sub}${tail(id)}", 2, -1)}`, read: false },
  'strrev': { spell: (id) => `\${strrev("${[...id].reverse().join('')}")}`, read: false },
  'formatlist': { spell: (id) => `\${formatlist("/subscriptions/%s${tail(id)}", [var.sub])[0]}`, read: true },
  'one': { spell: (id) => `\${one(["/subscriptions/\${var.sub}${tail(id)}"])}`, read: true },
};

const grant = (scope: unknown, role: string): Resources => ({ azurerm_role_assignment: { grant: { scope, principal_id: PRINCIPAL, role_definition_name: role } } });
/** PG-IAM-2's verdict on the grant (or on the block at `address`), in a stack of the given locals. */
function statusOf(resources: Resources, address = 'azurerm_role_assignment.grant', locals?: { [name: string]: unknown }): string {
  const model = buildStackModel({ resource: resources, ...(locals === undefined ? {} : { locals }) });
  const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, locals: model.locals, constructs: [CONSTRUCT] });
  return (Array.isArray(result) ? result : [result as Verdict]).find((verdict) => 'address' in verdict && verdict.address === address)?.status ?? 'pass';
}
const other = (id: string) => id.replace(/resourceGroups\/[^/]+/i, 'resourceGroups/rg-elsewhere').replace(/[^/]+$/, 'zz-other');

describe('every spelling of the generator, on every object of the perimeter (A18a-2)', () => {
  const cases = Object.entries(OBJECTS).flatMap(([object, each]) => Object.keys(SPELLINGS).map((spelling) => [object, spelling, each] as const));
  test('the table has the review\'s 17 spellings of 9 objects', () => {
    expect([Object.keys(SPELLINGS).length, Object.keys(OBJECTS).length]).toEqual([17, 9]);
  });

  test.each(cases)('%s by %s fails', (_object, spelling, { stack, id, role }) => {
    expect(statusOf(stack(grant(SPELLINGS[spelling].spell(id), role)))).toBe('fail');
    expect(statusOf(stack(grant(SPELLINGS[spelling].spell(id), 'Reader')))).toBe('pass');
  });

  // Beside a network the construct makes or an endpoint it makes, network-scopes.ts reads a scope that is an expression as any;
  // the server's readers read a server ID of a subscription known later as maybe the server (unknown-server-names.ts).
  const controls = cases.filter(([object, spelling, { stack }]) => SPELLINGS[spelling].read && stack === existing && object !== 'the server');
  test.each(controls)('%s: the same spelling (%s) of another object passes', (_object, spelling, { stack, id, role }) => {
    expect(statusOf(stack(grant(SPELLINGS[spelling].spell(other(id)), role)))).toBe('pass');
  });
});

describe('a constant local chosen by a variable, a lookup over it, a for_each item (A18a-5)', () => {
  const locals = { ws: { prod: WORKSPACE, dev: other(WORKSPACE) }, list: [other(WORKSPACE), WORKSPACE] };
  test.each(['${local.ws[var.env]}', '${lookup(local.ws, var.env)}', '${element(local.list, var.i)}', '${values(local.ws)[var.i]}'])('Data Purger on %s fails', (scope) => {
    expect(statusOf(existing(grant(scope, 'Data Purger')), undefined, locals)).toBe('fail');
  });

  test.each([
    '${lower(local.ws[var.env])}',
    '${format("%s", local.ws[var.env])}',
    '${local.groups[var.env]}/providers/Microsoft.OperationalInsights/workspaces/log-central',
    '${trimspace(lookup(local.ws, var.env, ""))}',
  ])('Data Purger on %s (the local inside a function or a template) fails', (scope) => {
    expect(statusOf(existing(grant(scope, 'Data Purger')), undefined, { ...locals, groups: { prod: `${SUB}/resourceGroups/rg-logs`, dev: `${SUB}/resourceGroups/rg-dev` } })).toBe('fail');
  });

  test('Data Purger on each.value of a for_each over literal IDs, one of them the workspace, fails', () => {
    const resources = existing({ azurerm_role_assignment: { grant: { for_each: `\${toset(["${other(WORKSPACE)}", "${WORKSPACE}"])}`, scope: '${each.value}', principal_id: PRINCIPAL, role_definition_name: 'Data Purger' } } });
    expect(statusOf(resources)).toBe('fail');
  });

  test('Data Purger on a function or a template of each.value over literal IDs fails', () => {
    for (const scope of ['${lower(each.value)}', '${each.value}/tables/AzureDiagnostics']) {
      const resources = existing({ azurerm_role_assignment: { grant: { for_each: `\${toset(["${other(WORKSPACE)}", "${WORKSPACE}"])}`, scope, principal_id: PRINCIPAL, role_definition_name: 'Data Purger' } } });
      expect([scope, statusOf(resources)]).toEqual([scope, 'fail']);
    }
  });

  test('Managed Identity Operator on a local map of identities, and a VM attaching one, fail', () => {
    const identities = { ids: { prod: IDENTITY, dev: other(IDENTITY) } };
    expect(statusOf(existing(grant('${local.ids[var.env]}', 'Managed Identity Operator')), undefined, identities)).toBe('fail');
    const vm = { azurerm_linux_virtual_machine: { w: { name: 'vm', identity: [{ type: 'UserAssigned', identity_ids: ['${local.ids[var.env]}'] }] } } };
    expect(statusOf(existing(vm), 'azurerm_linux_virtual_machine.w', identities)).toBe('fail');
  });

  test('an attribute of a local map of objects chosen by a variable is each one\'s attribute, not its siblings\'', () => {
    const envs = { envs: { prod: { cmk: IDENTITY, app: other(IDENTITY) }, dev: { cmk: IDENTITY, app: `${SUB}/resourceGroups/rg-dev/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-app` } } };
    expect(statusOf(existing(grant('${local.envs[var.env].cmk}', 'Managed Identity Operator')), undefined, envs)).toBe('fail');
    expect(statusOf(existing(grant('${local.envs[var.env].app}', 'Managed Identity Operator')), undefined, envs)).toBe('pass');
  });

  test('controls: a local of other objects only passes', () => {
    const others = { ws: { prod: other(WORKSPACE), dev: `${SUB}/resourceGroups/rg-apps` } };
    expect(statusOf(existing(grant('${local.ws[var.env]}', 'Data Purger')), undefined, others)).toBe('pass');
  });
});

describe('a reference to the stack\'s identity or workspace inside a function or a conditional (A18a-6)', () => {
  const UAI = '${azurerm_user_assigned_identity.uai.id}';
  /** The server acts as the stack's identity uai and logs to the stack's workspace ws, both by reference. */
  const own = (extra: Resources): Resources => ({
    ...diagnostics('${azurerm_log_analytics_workspace.ws.id}'),
    azurerm_log_analytics_workspace: { ws: { name: 'log-central', resource_group_name: 'rg-logs', location: 'westeurope' } },
    azurerm_user_assigned_identity: { uai: { name: 'id-pg', resource_group_name: 'rg-keys', location: 'westeurope' } },
    ...extra,
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({ resource_group_name: 'rg-orders', identity: [{ type: 'UserAssigned', identity_ids: [UAI] }], customer_managed_key: [{ key_vault_key_id: '${var.key}', primary_user_assigned_identity_id: UAI }] }), ...madeAt(`${CONSTRUCT}/Server`) } },
  });
  const vm = (ids: unknown) => ({ azurerm_linux_virtual_machine: { w: { name: 'vm', identity: [{ type: 'UserAssigned', identity_ids: ids }] } } });

  test.each<[string, Resources, string]>([
    ['a VM attaching it by concat', vm('${concat([azurerm_user_assigned_identity.uai.id], var.extra)}'), 'azurerm_linux_virtual_machine.w'],
    ['a VM attaching it by a conditional', vm(['${var.x ? azurerm_user_assigned_identity.uai.id : var.y}']), 'azurerm_linux_virtual_machine.w'],
    ['Managed Identity Operator on a conditional', grant('${var.x ? azurerm_user_assigned_identity.uai.id : var.y}', 'Managed Identity Operator'), 'azurerm_role_assignment.grant'],
    ['a federated credential on lower() of it', { azurerm_federated_identity_credential: { f: { name: 'f', parent_id: '${lower(azurerm_user_assigned_identity.uai.id)}', issuer: 'https://x', subject: 's', audience: ['a'] } } }, 'azurerm_federated_identity_credential.f'],
    ['Data Purger on a conditional of the workspace', grant('${var.x ? azurerm_log_analytics_workspace.ws.id : var.y}', 'Data Purger'), 'azurerm_role_assignment.grant'],
    ['Data Purger on coalesce() with the workspace', grant('${coalesce(var.o, azurerm_log_analytics_workspace.ws.id)}', 'Data Purger'), 'azurerm_role_assignment.grant'],
    ['Data Purger on trimsuffix() of the workspace (its resource group)', grant('${trimsuffix(azurerm_log_analytics_workspace.ws.id, "/providers/Microsoft.OperationalInsights/workspaces/log-central")}', 'Data Purger'), 'azurerm_role_assignment.grant'],
  ])('%s fails', (_name, extra, address) => {
    expect(statusOf(own(extra), address)).toBe('fail');
  });

  test('controls: the identity\'s principal in a conditional, and a VM attaching only a variable, pass', () => {
    expect(statusOf(own(vm('${concat([var.a], var.extra)}')), 'azurerm_linux_virtual_machine.w')).toBe('pass');
    expect(statusOf(own(grant('${var.x ? var.a : var.b}', 'Managed Identity Operator')))).toBe('pass');
  });
});

describe('a lookup of the workspace whose names are known only later (A18a-5)', () => {
  /** PG-IAM-2 on Data Purger granted on the lookup's ID, beside a construct logging to WORKSPACE. */
  const lookupStatus = (names: { [key: string]: unknown }, locals?: { [name: string]: unknown }) => {
    const model = buildStackModel({ resource: existing(grant('${data.azurerm_log_analytics_workspace.logs.id}', 'Data Purger')), data: { azurerm_log_analytics_workspace: { logs: names } }, ...(locals === undefined ? {} : { locals }) });
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
    return (Array.isArray(result) ? result : [result as Verdict]).find((verdict) => 'address' in verdict && verdict.address === 'azurerm_role_assignment.grant')?.status ?? 'pass';
  };

  test('a resource group or a name known only later (a variable, a local chosen by one) may be the workspace: fails', () => {
    expect(lookupStatus({ name: 'log-central', resource_group_name: '${var.logs_rg}' })).toBe('fail');
    expect(lookupStatus({ name: '${local.names[var.env]}', resource_group_name: 'rg-logs' }, { names: { prod: 'log-central', dev: 'log-dev' } })).toBe('fail');
  });

  test('controls: literal names of another workspace, or a variable group with another name, pass', () => {
    expect(lookupStatus({ name: 'log-other', resource_group_name: 'rg-logs' })).toBe('pass');
    expect(lookupStatus({ name: 'log-other', resource_group_name: '${var.logs_rg}' })).toBe('pass');
  });
});

// A lookup's ID is read with its provider's literal subscription (block-ids.ts spelledBlockId with the providers, A18b-3's rule):
// the same names through a provider of another literal subscription are another workspace; through the workspace's own
// subscription, or a provider whose subscription is known only later, they may be it.
describe('a lookup read with its provider\'s subscription', () => {
  const providers = azurermProviders({ provider: { azurerm: [{ features: [{}] }, { alias: 'other', features: [{}], subscription_id: '22222222-2222-2222-2222-222222222222' }, { alias: 'same', features: [{}], subscription_id: '00000000-0000-0000-0000-000000000000' }] } });
  const status = (scope: string, names: { [key: string]: unknown }, provider?: string) => {
    const model = buildStackModel({ resource: existing(grant(scope, 'Data Purger')), data: { azurerm_log_analytics_workspace: { logs: { ...names, ...(provider === undefined ? {} : { provider }) } } } });
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, azurermProviders: providers, constructs: [CONSTRUCT] });
    return (Array.isArray(result) ? result : [result as Verdict]).find((verdict) => 'address' in verdict && verdict.address === 'azurerm_role_assignment.grant')?.status ?? 'pass';
  };
  test.each([
    ['literal names (a block\'s ID)', { name: 'log-central', resource_group_name: 'rg-logs' }],
    ['a name known only later (a lookup\'s pattern)', { name: '${var.n}', resource_group_name: 'rg-logs' }],
  ])('%s: another literal subscription passes; the same, or the default provider\'s, fails', (_how, names) => {
    for (const scope of ['${data.azurerm_log_analytics_workspace.logs.id}', '${lower(data.azurerm_log_analytics_workspace.logs.id)}']) {
      expect([scope, status(scope, names, 'azurerm.other'), status(scope, names, 'azurerm.same'), status(scope, names)]).toEqual([scope, 'pass', 'fail', 'fail']);
    }
  });
});

// Twenty-seventh review, A27b-3: a setting of a few words (an admin rule's action, an NSG rule's access, a direction, a protocol)
// known only at apply time may be each word one of its readings may spell; what cannot be read at all may be any word.
describe('whether a value may be a word', () => {
  const value = (template: string) => evaluateTemplate(template, NO_LOCALS);
  test.each<[string, unknown]>([
    ['a literal in another case, with blanks', ' DENY '],
    ['a variable', value('${var.a}')],
    ['a function of a variable', value('${lower(var.a)}')],
    ['a conditional with that branch', value('${var.x ? "Deny" : "Allow"}')],
    ['a template around literal text', value('${var.p}eny')],
    ['an item of a constant list chosen by a variable', value('${["Allow", "Deny"][var.i]}')],
    ['a value that is no text (not written, an object)', undefined],
    ['an object', { access: 'Allow' }],
  ])('%s may be "deny"', (_, written) => {
    expect(mayBeWord(written, 'deny', undefined)).toBe(true);
  });
  test.each<[string, unknown]>([
    ['another literal', 'Allow'],
    ['a literal that only holds it', 'AlwaysDeny'],
    ['a conditional without that branch', value('${var.x ? "Allow" : "AlwaysAllow"}')],
    ['a template whose literal text spells another word', value('${var.p}Allow')],
  ])('%s may not be "deny"', (_, written) => {
    expect(mayBeWord(written, 'deny', undefined)).toBe(false);
  });
});
