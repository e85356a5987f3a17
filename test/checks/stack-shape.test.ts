import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildStackModel } from '../../lib/checks/stack-model';
import { runCheck } from '../../lib/cli/check-command';
import { rule as entraOn } from '../../lib/checks/rules/PGF-IAM-1';
import { rule as passwordOff } from '../../lib/checks/rules/PGF-IAM-3';
import { rule as preventDestroy } from '../../lib/checks/rules/PGF-DEL-1';
import { rule as zoneRedundant } from '../../lib/checks/rules/PGF-AVL-1';
import { compliantFlexibleServer, FLEXIBLE, judge } from './rule-harness';

// F15: a part of the JSON the model reads that is not the shape Terraform needs is a problem
// (nothing judged, the check command exits 2), never a silent pass.

const REF = `\${${FLEXIBLE}.db.id}`;
const stackWith = (extra: { [key: string]: unknown }, resources: object = {}) => ({ ...extra, resource: { [FLEXIBLE]: { db: compliantFlexibleServer() }, ...resources } });

test.each<[string, object, string[]]>([
  ['"locals": null', stackWith({ locals: null }), ['locals is null, where Terraform needs an object']],
  ['"variable": null', stackWith({ variable: null }), ['variable is null, where Terraform needs an object']],
  ['a variable body that is a string', stackWith({ variable: { x: 'y' } }), ['variable.x is string, where Terraform needs an object']],
  ['"output": [null]', stackWith({ output: [null] }), ['output is null, where Terraform needs an object']],
  ['"terraform": null', stackWith({ terraform: null }), ['terraform is null, where Terraform needs an object']],
  ['"required_providers": null', stackWith({ terraform: { required_providers: null } }), ['terraform.required_providers is null, where Terraform needs an object']],
  ['"provider": null', stackWith({ provider: null }), ['provider is null, where Terraform needs an object']],
  ['"provider": {"postgresql": null}', stackWith({ provider: { postgresql: null } }), ['provider.postgresql is null, where Terraform needs an object']],
  ['"provider": {"postgresql": [null]}', stackWith({ provider: { postgresql: [null] } }), ['provider.postgresql is null, where Terraform needs an object']],
  ['a postgresql provider host that is a number', stackWith({ provider: { postgresql: { host: 5 } } }), ['provider.postgresql.host is number, where Terraform needs text']],
  // Twelfth review, A12a-16: which configuration a rule read would depend on the order of the blocks.
  ['two postgresql providers with one alias', stackWith({ provider: { postgresql: [{ alias: 'a', host: 'x' }, { alias: 'a', host: 'y' }] } }), ['provider.postgresql is configured twice with the alias "a", which Terraform refuses (Duplicate provider configuration)']],
  ['two azurerm providers without an alias', stackWith({ provider: { azurerm: [{ features: {} }, { features: {}, alias: null }] } }), ['provider.azurerm is configured twice without an alias, which Terraform refuses (Duplicate provider configuration)']],
  ['"module": null', stackWith({ module: null }), ['module is null, where Terraform needs an object']],
  ['a server name that is an object', { resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ name: { x: 1 } }) } } }, [`resource.${FLEXIBLE}.db.name is object, where Terraform needs text`]],
  ['a server name that is null', { resource: { [FLEXIBLE]: { db: compliantFlexibleServer({ name: null }) } } }, [`resource.${FLEXIBLE}.db.name is null, where Terraform needs text`]],
  ['a server with no name', { resource: { azurerm_postgresql_server: { s: {} } } }, ['resource.azurerm_postgresql_server.s.name is missing, where Terraform needs text']],
  ['a child whose server_id is a number', stackWith({}, { azurerm_postgresql_flexible_server_firewall_rule: { r: { name: 'r', server_id: 3 } } }), ['resource.azurerm_postgresql_flexible_server_firewall_rule.r.server_id is number, where Terraform needs text']],
  ['a child whose server_name is a list', stackWith({}, { azurerm_postgresql_configuration: { c: { name: 'x', server_name: ['legacy'] } } }), ['resource.azurerm_postgresql_configuration.c.server_name is list, where Terraform needs text']],
  ['private_service_connection: null', stackWith({}, { azurerm_private_endpoint: { e: { name: 'x', private_service_connection: null } } }), ['resource.azurerm_private_endpoint.e.private_service_connection is null, where Terraform needs an object']],
  ['private_service_connection: [null]', stackWith({}, { azurerm_private_endpoint: { e: { name: 'x', private_service_connection: [null] } } }), ['resource.azurerm_private_endpoint.e.private_service_connection is null, where Terraform needs an object']],
  ['private_service_connection: []', stackWith({}, { azurerm_private_endpoint: { e: { name: 'x', private_service_connection: [] } } }), ['resource.azurerm_private_endpoint.e.private_service_connection is an empty list, where Terraform needs a block']],
  ['a private endpoint without its connection', stackWith({}, { azurerm_private_endpoint: { e: { name: 'x' } } }), ['resource.azurerm_private_endpoint.e.private_service_connection is missing, where Terraform needs an object']],
  ['a connection with neither a resource ID nor an alias (null is unset)', stackWith({}, { azurerm_private_endpoint: { e: { private_service_connection: [{ private_connection_resource_id: null }] } } }), ['resource.azurerm_private_endpoint.e.private_service_connection has none of private_connection_resource_id, private_connection_resource_alias, where Terraform needs one']],
  ['a DNS zone group that is [null]', stackWith({}, { azurerm_private_endpoint: { e: { private_service_connection: { private_connection_resource_id: REF }, private_dns_zone_group: [null] } } }), ['resource.azurerm_private_endpoint.e.private_dns_zone_group is null, where Terraform needs an object']],
  ['a connection whose resource ID is a number', stackWith({}, { azurerm_private_endpoint: { e: { private_service_connection: { private_connection_resource_id: 7 } } } }), ['resource.azurerm_private_endpoint.e.private_service_connection.private_connection_resource_id is number, where Terraform needs text']],
  ['an NSG association with subnet_id: null', stackWith({}, { azurerm_subnet_network_security_group_association: { a: { subnet_id: null, network_security_group_id: '${azurerm_network_security_group.g.id}' } } }), ['resource.azurerm_subnet_network_security_group_association.a.subnet_id is null, where Terraform needs text']],
  ['a DNS zone with name: 5', stackWith({}, { azurerm_private_dns_zone: { z: { name: 5, resource_group_name: 'rg' } } }), ['resource.azurerm_private_dns_zone.z.name is number, where Terraform needs text']],
  ['a diagnostic setting whose target is a boolean', stackWith({}, { azurerm_monitor_diagnostic_setting: { d: { target_resource_id: true } } }), ['resource.azurerm_monitor_diagnostic_setting.d.target_resource_id is boolean, where Terraform needs text']],
  // N9: no block at all, and network security rule sources the network rules could not read.
  ['a server whose body is an empty list', { resource: { [FLEXIBLE]: { db: [] } } }, [`resource.${FLEXIBLE}.db is an empty list, where Terraform needs a block`]],
  ['a security rule whose source is a number', stackWith({}, { azurerm_network_security_rule: { r: { network_security_group_name: 'nsg', source_address_prefix: 5 } } }), ['resource.azurerm_network_security_rule.r.source_address_prefix is number, where Terraform needs text']],
  ['a security rule whose sources hold null', stackWith({}, { azurerm_network_security_rule: { r: { network_security_group_name: 'nsg', source_address_prefixes: [null] } } }), ['resource.azurerm_network_security_rule.r.source_address_prefixes holds null, where Terraform needs a list of text']],
  ['an inline security rule whose port ranges hold a list', stackWith({}, { azurerm_network_security_group: { g: { name: 'nsg', security_rule: [{ name: 'r', destination_port_ranges: [['5432']] }] } } }), ['resource.azurerm_network_security_group.g.security_rule.destination_port_ranges holds list, where Terraform needs a list of text']],
  ['an inline security rule whose direction is a boolean', stackWith({}, { azurerm_network_security_group: { g: { name: 'nsg', security_rule: { name: 'r', direction: true } } } }), ['resource.azurerm_network_security_group.g.security_rule.direction is boolean, where Terraform needs text']],
])('%s is a problem', (_, terraform, problems) => {
  expect(buildStackModel(terraform).problems).toEqual(problems);
});

test.each<[string, object]>([
  ['names and pointers as expressions', stackWith({ provider: { postgresql: { host: `\${${FLEXIBLE}.db.fqdn}`, alias: 'db' } } }, {
    azurerm_postgresql_flexible_server_firewall_rule: { r: { name: 'r', server_id: REF, start_ip_address: '203.0.113.1', end_ip_address: '203.0.113.1' } },
    azurerm_private_endpoint: { e: { private_service_connection: '${var.connections}' }, f: { dynamic: { private_service_connection: { for_each: '${var.c}' } } } },
    azurerm_private_dns_zone: { z: { name: '${var.zone}' } },
  })],
  ['providers of one type with different aliases, or of two types with one alias', stackWith({ provider: { postgresql: [{ alias: 'a' }, { alias: 'b' }, {}], random: [{ alias: 'a' }] } })],
  ['a resource of a shape the model reads that count makes none of', stackWith({}, { azurerm_private_dns_zone: { z: { name: 5, count: 0 } } })],
  ['an optional connection resource ID left out', stackWith({}, { azurerm_private_endpoint: { e: { private_service_connection: [{ private_connection_resource_alias: 'x', private_connection_resource_id: null }] } } })],
  ['security rule sources as text, expressions, or null (unset)', stackWith({}, {
    azurerm_network_security_rule: { r: { network_security_group_name: 'nsg', source_address_prefix: null, source_address_prefixes: ['10.0.0.0/8', '${var.office}'], destination_port_ranges: '${var.ports}' } },
  })],
])('%s is no problem', (_, terraform) => {
  expect(buildStackModel(terraform).problems).toEqual([]);
});

test('the check command exits 2 on such a file, saying what is wrong', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shape-'));
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(stackWith({ locals: null })));
  const err: string[] = [];
  expect(runCheck(['check', dir], { out: () => undefined, err: (line) => err.push(line) })).toBe(2);
  expect(err).toEqual([`cdktf-azure-postgres: ${join(dir, 'cdk.tf.json')}: not valid Terraform JSON: locals is null, where Terraform needs an object`]);
});

// Adversarial run of stop 76, Q76-19: a second top-level "//" carried a suppression the checks merged in, where jq, Python's json
// and JSON.parse show a reviewer only the last object (the library's own).
test('a top-level "//" written twice is bad input: check exits 2, naming it, and suppresses nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shape-'));
  const suppression = { ruleId: 'PGF-NET-1', path: 'st', reason: 'a reason long enough to be accepted' };
  const body = JSON.stringify(stackWith({})).slice(1);
  writeFileSync(join(dir, 'cdk.tf.json'), `{"//": {"cdktf-azure-postgres-suppressions": ${JSON.stringify([suppression])}}, "//": {"metadata": {"backend": "local"}}, ${body}`);
  const err: string[] = [];
  expect(runCheck(['check', dir], { out: () => undefined, err: (line) => err.push(line) })).toBe(2);
  expect(err).toEqual([expect.stringContaining('the top-level "//" comment object is written 2 times, where cdktf writes it once: JSON readers such as jq keep only the last')]);
});

test('one top-level "//" object is no problem', () => {
  expect(buildStackModel(stackWith({ '//': { metadata: { backend: 'local' } } })).problems).toEqual([]);
});

describe('a list or an object in a text attribute the library writes, as a token resolving to one writes it (eleventh review, A11a-6)', () => {
  const ADMIN = 'azurerm_postgresql_flexible_server_active_directory_administrator';
  const admin = (body: object) => ({ [ADMIN]: { a: { server_name: 'orders-db', resource_group_name: 'rg', tenant_id: 't', object_id: 'o', principal_name: 'db-admins', principal_type: 'Group', ...body } } });
  const server = (body: object) => ({ resource: { [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...body } } } });

  test.each<[string, object, string[]]>([
    ['an administrator object_id that is a list', stackWith({}, admin({ object_id: ['a', 'b'] })), [`resource.${ADMIN}.a.object_id is list, where Terraform needs text`]],
    ['the server\'s authentication.tenant_id that is an object', server({ authentication: { active_directory_auth_enabled: true, password_auth_enabled: false, tenant_id: { a: 1 } } }),
      [`resource.${FLEXIBLE}.db.authentication.tenant_id is object, where Terraform needs text`]],
    ['a tag value that is a list', server({ tags: { team: ['a'] } }), [`resource.${FLEXIBLE}.db.tags holds a list, where Terraform needs a map of text`]],
    ['tags that are a list', server({ tags: ['a'] }), [`resource.${FLEXIBLE}.db.tags is list, where Terraform needs a map of text`]],
    ['a subnet prefix list holding an object', stackWith({}, { azurerm_subnet: { s: { name: 's', virtual_network_name: 'v', resource_group_name: 'rg', address_prefixes: [{ a: 1 }] } } }),
      ['resource.azurerm_subnet.s.address_prefixes holds an object, where Terraform needs a list of text']],
    ['a delegation\'s service name, two blocks down, that is a list', stackWith({}, { azurerm_subnet: { s: { name: 's', virtual_network_name: 'v', delegation: [{ name: 'd', service_delegation: { name: ['x'] } }] } } }),
      ['resource.azurerm_subnet.s.delegation.service_delegation.name is list, where Terraform needs text']],
    ['a zone group\'s IDs that are an object', stackWith({}, { azurerm_private_endpoint: { e: { private_service_connection: { private_connection_resource_id: REF }, private_dns_zone_group: { name: 'g', private_dns_zone_ids: { a: 'b' } } } } }),
      ['resource.azurerm_private_endpoint.e.private_dns_zone_group.private_dns_zone_ids is object, where Terraform needs a list of text']],
    ['a postgresql role name that is a list', stackWith({}, { postgresql_role: { r: { name: ['a'] } } }), ['resource.postgresql_role.r.name is list, where Terraform needs text']],
    ['a postgresql provider\'s username that is a list (connectAs.principalName)', stackWith({ provider: { postgresql: [{ alias: 'db', host: 'h', username: ['a'] }] } }),
      ['provider.postgresql.username is list, where Terraform needs text']],
  ])('%s is a problem', (_, terraform, problems) => {
    expect(buildStackModel(terraform).problems).toEqual(problems);
  });

  test('the server\'s name as a list is reported once, by the check of what places it', () => {
    expect(buildStackModel(server({ name: ['a', 'b'] })).problems).toEqual([`resource.${FLEXIBLE}.db.name is list, where Terraform needs text`]);
  });

  test.each<[string, object]>([
    ['a number or a boolean in a text attribute, which Terraform turns into text', stackWith({}, admin({ resource_group_name: 7, principal_name: true }))],
    ['expressions, null and attributes left out', stackWith({}, admin({ object_id: '${var.admin}', tenant_id: null, principal_type: undefined }))],
    ['lists and maps of text and expressions', server({ tags: { team: 'orders', cost: 42, owner: '${var.owner}' }, identity: { type: 'UserAssigned', identity_ids: ['${var.id}', 'x'] } })],
    ['a list of an attribute of a type the library does not write', stackWith({}, { azurerm_storage_account: { s: { name: ['x'] } } })],
    ['a provider\'s username of a provider the library does not add', stackWith({ provider: { other: { username: ['a'] } } })],
  ])('%s is no problem', (_, terraform) => {
    expect(buildStackModel(terraform).problems).toEqual([]);
  });
});

// Twenty-seventh review, A27b-4: a nested block HCL's JSON syntax refuses (hcl json/structure.go: unpackBlock, collectDeepAttrs) read as
// no block made "the server has no authentication block" (exit 1); it is refused like a malformed attribute. `[null]` (an empty block)
// and `[[{...}]]` (one block of those arguments) HCL reads as blocks: so do the readers.
describe('nested blocks the rules read, in a shape Terraform refuses (A27b-4)', () => {
  const server = (body: object) => ({ resource: { [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...body } } } });
  const refused = 'where Terraform needs a block (an object, or a list of objects): write the block as an object, or a list of objects (a dynamic block for a list known later)';
  const at = (path: string, problem: string) => `resource.${path} ${problem}, ${refused}`;
  const auth = compliantFlexibleServer().authentication;

  test.each<[string, object, string[]]>([
    ['authentication = "x"', server({ authentication: 'x' }), [at(`${FLEXIBLE}.db.authentication`, 'is text')]],
    ['authentication = 5', server({ authentication: 5 }), [at(`${FLEXIBLE}.db.authentication`, 'is number')]],
    ['authentication = true', server({ authentication: true }), [at(`${FLEXIBLE}.db.authentication`, 'is boolean')]],
    ['authentication = ["x"]', server({ authentication: ['x'] }), [at(`${FLEXIBLE}.db.authentication`, 'holds text')]],
    ['authentication = [[null]]', server({ authentication: [[null]] }), [at(`${FLEXIBLE}.db.authentication`, 'holds a list holding null')]],
    ['authentication = [[[{...}]]]', server({ authentication: [[[auth]]] }), [at(`${FLEXIBLE}.db.authentication`, 'holds a list holding list')]],
    ['high_availability = "x"', server({ high_availability: 'x' }), [at(`${FLEXIBLE}.db.high_availability`, 'is text')]],
    ['customer_managed_key = [5]', server({ customer_managed_key: [5] }), [at(`${FLEXIBLE}.db.customer_managed_key`, 'holds number')]],
    ['the server\'s lifecycle = [["x"]]', server({ lifecycle: [['x']] }), [at(`${FLEXIBLE}.db.lifecycle`, 'holds a list holding text')]],
    ['the lifecycle of a resource of any type', stackWith({}, { azurerm_management_lock: { l: { name: 'l', lifecycle: 'x' } } }), [at('azurerm_management_lock.l.lifecycle', 'is text')]],
    // Adversarial run adv75c, N75-15: Terraform refuses a second lifecycle block; the readers read the first, and a second's
    // ignore_changes of public_network_access_enabled passed `check`.
    ['the server\'s lifecycle as two blocks', server({ lifecycle: [{ prevent_destroy: true }, { ignore_changes: ['public_network_access_enabled'] }] }),
      [`resource.${FLEXIBLE}.db.lifecycle holds 2 blocks, where Terraform allows one: write one lifecycle block`]],
    // Stop 76, R76-19: one block written as a list of objects that repeat an argument: the readers kept the last one's.
    ['the server\'s lifecycle as one block whose parts repeat an argument', server({ lifecycle: [[{ ignore_changes: ['public_network_access_enabled'] }, { prevent_destroy: true, ignore_changes: [] }]] }),
      [`resource.${FLEXIBLE}.db.lifecycle sets ignore_changes more than once, which Terraform refuses (Duplicate argument): write each argument once`]],
    // Stop 76, R76-25: a data source's lifecycle, as two blocks or as text.
    ['a data source\'s lifecycle as two blocks', stackWith({ data: { azurerm_client_config: { c: { lifecycle: [{ postcondition: [] }, { postcondition: [] }] } } } }),
      ['data.azurerm_client_config.c.lifecycle holds 2 blocks, where Terraform allows one: write one lifecycle block']],
    ['a data source\'s lifecycle = "x"', stackWith({ data: { azurerm_client_config: { c: { lifecycle: 'x' } } } }), ['data.azurerm_client_config.c.lifecycle is string, where Terraform needs an object']],
    // Adversarial run of stop 81, A81-20, A81-47: a second body of a block the provider allows one of; the rules read the first.
    ['the server\'s authentication as two blocks', server({ authentication: [{ active_directory_auth_enabled: true, password_auth_enabled: false }, { password_auth_enabled: true }] }),
      [`resource.${FLEXIBLE}.db.authentication holds 2 blocks, where the provider allows one: write one authentication block`]],
    ['the server\'s high_availability as two blocks', server({ high_availability: [{ mode: 'ZoneRedundant' }, { mode: 'SameZone' }] }),
      [`resource.${FLEXIBLE}.db.high_availability holds 2 blocks, where the provider allows one: write one high_availability block`]],
    ['a Single Server\'s threat_detection_policy as two blocks', { resource: { azurerm_postgresql_server: { s: { name: 's', threat_detection_policy: [{ enabled: true }, { enabled: false }] } } } },
      ['resource.azurerm_postgresql_server.s.threat_detection_policy holds 2 blocks, where the provider allows one: write one threat_detection_policy block']],
    ['a Single Server\'s threat_detection_policy = "x"', { resource: { azurerm_postgresql_server: { s: { name: 's', threat_detection_policy: 'x' } } } }, [at('azurerm_postgresql_server.s.threat_detection_policy', 'is text')]],
    ['a diagnostic setting\'s enabled_log = 5', stackWith({}, { azurerm_monitor_diagnostic_setting: { d: { target_resource_id: REF, enabled_log: 5 } } }), [at('azurerm_monitor_diagnostic_setting.d.enabled_log', 'is number')]],
    ['a subnet\'s delegation.service_delegation = "x", a block down', stackWith({}, { azurerm_subnet: { s: { name: 's', virtual_network_name: 'v', delegation: [[{ name: 'd' }, { service_delegation: 'x' }]] } } }),
      [at('azurerm_subnet.s.delegation.service_delegation', 'is text')]],
    ['a firewall policy rule = [null, "x"]', stackWith({}, { azurerm_firewall_policy_rule_collection_group: { g: { network_rule_collection: { name: 'c', rule: [null, 'x'] } } } }),
      [at('azurerm_firewall_policy_rule_collection_group.g.network_rule_collection.rule', 'holds text')]],
  ])('%s is a problem', (_, terraform, problems) => {
    expect(buildStackModel(terraform).problems).toEqual(problems);
  });

  test.each<[string, object]>([
    ['a lifecycle as one block of parts with distinct arguments', server({ lifecycle: [[{ prevent_destroy: true }, { ignore_changes: ['tags'] }]] })],
    ['a data source\'s lifecycle as one block, or a list of one', stackWith({ data: { azurerm_client_config: { c: { lifecycle: { postcondition: [] } }, d: { lifecycle: [{ postcondition: [] }] } } } })],
  ])('%s is no problem', (_, terraform) => {
    expect(buildStackModel(terraform).problems).toEqual([]);
  });

  test.each<[string, object, string[]]>([
    ['an NSG\'s inline security_rule = "x" (an attribute of a list of objects)', stackWith({}, { azurerm_network_security_group: { g: { name: 'nsg', security_rule: 'x' } } }),
      ['resource.azurerm_network_security_group.g.security_rule is string, where Terraform needs a list of objects (the provider reads it as an attribute): write a list of objects, or an expression']],
    ['an NSG\'s inline security_rule = [[{...}]]', stackWith({}, { azurerm_network_security_group: { g: { name: 'nsg', security_rule: [[{ name: 'r' }]] } } }),
      ['resource.azurerm_network_security_group.g.security_rule holds list, where Terraform needs a list of objects (the provider reads it as an attribute): write a list of objects, or an expression']],
    ['a VNet\'s inline subnet = [null]', stackWith({}, { azurerm_virtual_network: { v: { name: 'v', subnet: [null] } } }),
      ['resource.azurerm_virtual_network.v.subnet holds null, where Terraform needs a list of objects (the provider reads it as an attribute): write a list of objects, or an expression']],
    ['the azurerm provider\'s features = "x"', stackWith({ provider: { azurerm: { features: 'x' } } }), [`provider.azurerm.features is text, ${refused}`]],
    ['the azurerm provider\'s features.postgresql_flexible_server = 5', stackWith({ provider: { azurerm: [{ features: [{ postgresql_flexible_server: 5 }] }] } }),
      [`provider.azurerm.features.postgresql_flexible_server is number, ${refused}`]],
    ['the postgresql provider\'s clientcert = ["x"]', stackWith({ provider: { postgresql: { host: 'h', clientcert: ['x'] } } }), [`provider.postgresql.clientcert holds text, ${refused}`]],
  ])('%s is a problem', (_, terraform, problems) => {
    expect(buildStackModel(terraform).problems).toEqual(problems);
  });

  test.each<[string, object]>([
    ['authentication as an object, [obj], [[obj]], [[obj, obj]], [null], [], null', { resource: { [FLEXIBLE]: {
      a: compliantFlexibleServer({ name: 'a', authentication: auth }), b: compliantFlexibleServer({ name: 'b', authentication: [auth] }),
      c: compliantFlexibleServer({ name: 'c', authentication: [[auth]] }), d: compliantFlexibleServer({ name: 'd', authentication: [[{ active_directory_auth_enabled: true }, { password_auth_enabled: false }]] }),
      e: compliantFlexibleServer({ name: 'e', authentication: [null] }), f: compliantFlexibleServer({ name: 'f', authentication: [] }), g: compliantFlexibleServer({ name: 'g', authentication: null }),
    } } }],
    ['blocks as expressions, and dynamic blocks', server({ authentication: '${var.auth}', high_availability: ['${var.ha}'], lifecycle: { prevent_destroy: true }, dynamic: { maintenance_window: { for_each: '${var.w}', content: {} } } })],
    ['lifecycle as [[{...}]]', server({ lifecycle: [[{ prevent_destroy: true }]] })],
    ['inline security rules as a list, an empty list or an expression', stackWith({}, { azurerm_network_security_group: { g: { name: 'nsg', security_rule: [{ name: 'r' }] }, h: { name: 'h', security_rule: [] }, i: { name: 'i', security_rule: '${var.rules}' } } })],
    ['provider blocks as Terraform writes them', stackWith({ provider: { azurerm: [{ features: [{ postgresql_flexible_server: [{ restart_server_on_configuration_value_change: true }] }] }], postgresql: { host: 'h', clientcert: { cert: 'c', key: 'k' } } } })],
    ['a block of a type the rules do not read', stackWith({}, { azurerm_storage_account: { s: { name: 's', network_rules: 'x' } } })],
  ])('%s is no problem', (_, terraform) => {
    expect(buildStackModel(terraform).problems).toEqual([]);
  });

  test('the check command exits 2 on authentication = "x", one line naming the block', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shape-'));
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(server({ authentication: 'x' })));
    const err: string[] = [];
    expect(runCheck(['check', dir], { out: () => undefined, err: (line) => err.push(line) })).toBe(2);
    expect(err).toEqual([`cdktf-azure-postgres: ${join(dir, 'cdk.tf.json')}: not valid Terraform JSON: ${at(`${FLEXIBLE}.db.authentication`, 'is text')}`]);
  });

  // The readers read what HCL makes of them: [[{...}]] is the block of those arguments (it read as none), [null] an empty block.
  test.each<[string, { [key: string]: unknown }]>([
    ['[[{...}]]', { authentication: [[auth]], lifecycle: [[{ prevent_destroy: true }]], high_availability: [[{ mode: 'ZoneRedundant' }]] }],
    ['[[{...}, {...}]] (one block of both objects\' arguments)', { authentication: [[{ active_directory_auth_enabled: true, tenant_id: 't' }, { password_auth_enabled: false }]], lifecycle: [[{}, { prevent_destroy: true }]] }],
  ])('a compliant server whose blocks are written %s passes', (_, blocks) => {
    const resources = { [FLEXIBLE]: { db: compliantFlexibleServer(blocks) } };
    expect([entraOn, passwordOff, preventDestroy, zoneRedundant].map((rule) => judge(rule, resources).status)).toEqual(['pass', 'pass', 'pass', 'pass']);
  });

  test('authentication = [null] is an empty block: Entra authentication off, password authentication at its default (on)', () => {
    const resources = { [FLEXIBLE]: { db: compliantFlexibleServer({ authentication: [null] }) } };
    expect([entraOn, passwordOff].map((rule) => judge(rule, resources).status)).toEqual(['fail', 'fail']);
  });
});

