import { rule as pgfNet7 } from '../../lib/checks/rules/PGF-NET-7';
import { rule as pgfNet11 } from '../../lib/checks/rules/PGF-NET-11';
import { removedTargets } from '../../lib/checks/import-targets';
import { Rule, Verdict } from '../../lib/checks/rule';
import { buildStackModel, TerraformBlock } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

/**
 * A group the stack does not define, whose rules written by the stack open nothing: not applicable, as its own rules are its
 * owner's to judge, never a pass (63rd run, A63a-2).
 */
const WRITES_OPEN_NOTHING = [expect.objectContaining({ status: 'not-applicable', note: expect.stringMatching(/: the stack does not define it, the rules it writes there let PostgreSQL in from no wide source, and its other rules are its owner's to judge$/) })];

// Sixteenth review, A16a-13 and A16b-3: a network security group the stack associates with the server's delegated
// subnet but does not define (given to the construct by ID, or associated with a subnet the construct was given) was no
// group at all to the checks, and the rules the stack wrote into it passed however wide. The class test: every writer of
// a rule (given-groups.ts) × every way the group is known fails with an allow-all rule and passes with a narrow one; a
// group that cannot be known takes every rule the stack writes into a group it does not define as possibly its own.

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const NSG_ID = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups/nsg-shared`;
const OTHER_ID = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups/nsg-other`;
const GIVEN_SUBNET = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-postgres`;
const LOOKUP = 'data.azurerm_network_security_group.given';

/** Each way the group of the server's delegated subnet is known: the server's subnet, the stack's association, and whether the group is known. */
const WAYS: { readonly [way: string]: { readonly resources: Resources; readonly known: boolean } } = {
  'a group given to the construct by literal ID (its own subnet and association)': { known: true, resources: {
    azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet-postgres', resource_group_name: 'rg-network', virtual_network_name: 'vnet-hub', address_prefixes: ['10.0.1.0/28'] } },
    azurerm_subnet_network_security_group_association: { db: { ...madeAt(`${CONSTRUCT}/SecurityGroupAssociation`), subnet_id: '${azurerm_subnet.db.id}', network_security_group_id: NSG_ID } },
  } },
  'a given subnet the stack associates with a group by literal ID (any case)': { known: true, resources: {
    azurerm_subnet_network_security_group_association: { a: { subnet_id: GIVEN_SUBNET, network_security_group_id: NSG_ID.toUpperCase() } },
  } },
  'a given subnet the stack associates with a lookup of the group': { known: true, resources: {
    azurerm_subnet_network_security_group_association: { a: { subnet_id: GIVEN_SUBNET, network_security_group_id: `\${${LOOKUP}.id}` } },
  } },
  'a given subnet the stack associates with no group': { known: false, resources: {} },
  'a group given to the construct by a variable': { known: false, resources: {
    azurerm_subnet: { db: { ...madeAt(`${CONSTRUCT}/Subnet`), name: 'snet-postgres', resource_group_name: 'rg-network', virtual_network_name: 'vnet-hub', address_prefixes: ['10.0.1.0/28'] } },
    azurerm_subnet_network_security_group_association: { db: { ...madeAt(`${CONSTRUCT}/SecurityGroupAssociation`), subnet_id: '${azurerm_subnet.db.id}', network_security_group_id: '${var.nsg}' } },
  } },
};

/** A rule in azurerm's and in ARM's spelling. */
const OPEN = { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_port_range: '*', destination_port_range: '5432', source_address_prefix: '*', destination_address_prefix: '*' };
const NARROW = { ...OPEN, source_address_prefix: '10.20.0.0/24' };
const arm = (rule: TerraformBlock) => Object.fromEntries(Object.entries(rule).map(([key, value]) => [key.replace(/_(\w)/g, (_match, letter: string) => letter.toUpperCase()), value]));
const RULE_TYPE = 'Microsoft.Network/networkSecurityGroups/securityRules@2024-05-01';
const GROUP_TYPE = 'Microsoft.Network/networkSecurityGroups@2024-05-01';

/** Each writer of a rule into the group nsg-shared of rg-network, as a resource of the stack. */
const WRITERS: { readonly [writer: string]: (rule: TerraformBlock) => Resources } = {
  'azurerm_network_security_rule by literal names': (rule) => ({ azurerm_network_security_rule: { w: { name: 'w', resource_group_name: 'rg-network', network_security_group_name: 'NSG-Shared', ...rule } } }),
  'azurerm_network_security_rule by the names of a lookup of the group': (rule) => ({ azurerm_network_security_rule: { w: { name: 'w', resource_group_name: `\${${LOOKUP}.resource_group_name}`, network_security_group_name: `\${${LOOKUP}.name}`, ...rule } } }),
  'azapi_resource rule below the literal ID': (rule) => ({ azapi_resource: { w: { type: RULE_TYPE, parent_id: NSG_ID, name: 'w', body: { properties: arm(rule) } } } }),
  'azapi_resource rule below the lookup\'s ID': (rule) => ({ azapi_resource: { w: { type: RULE_TYPE, parent_id: `\${${LOOKUP}.id}`, name: 'w', body: { properties: arm(rule) } } } }),
  'azapi_resource_action PUT of a rule': (rule) => ({ azapi_resource_action: { w: { type: RULE_TYPE, resource_id: `${NSG_ID}/securityRules/w`, method: 'PUT', body: { properties: arm(rule) } } } }),
  'azapi_update_resource of the group\'s rules': (rule) => ({ azapi_update_resource: { w: { type: GROUP_TYPE, resource_id: NSG_ID, body: { properties: { securityRules: [{ name: 'w', properties: arm(rule) }] } } } } }),
  'azapi_resource_action PUT of the group': (rule) => ({ azapi_resource_action: { w: { type: GROUP_TYPE, resource_id: NSG_ID, method: 'PUT', body: JSON.stringify({ location: 'westeurope', properties: { securityRules: [{ name: 'w', properties: arm(rule) }] } }) } } }),
};

/** A construct's server in the given delegated subnet (its own, or GIVEN_SUBNET), with the writer's resources and the group's lookup. */
function verdicts(rule: Rule, resources: Resources, removed?: readonly object[]): readonly Verdict[] {
  const subnet = 'azurerm_subnet' in resources ? '${azurerm_subnet.db.id}' : GIVEN_SUBNET;
  const terraform = {
    resource: { ...resources, [FLEXIBLE]: { db: { ...compliantFlexibleServer({ delegated_subnet_id: subnet, private_dns_zone_id: '${var.zone}' }), ...madeAt(`${CONSTRUCT}/Server`) } } },
    data: { azurerm_network_security_group: { given: { name: 'nsg-shared', resource_group_name: 'rg-network' } } },
    ...(removed === undefined ? {} : { removed }),
  };
  const model = buildStackModel(terraform);
  const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
  const result = rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT], removals: removedTargets(terraform) });
  return Array.isArray(result) ? result : [result as Verdict];
}

const statuses = (found: readonly Verdict[]) => [...new Set(found.map((verdict) => verdict.status))];
const merged = (...all: Resources[]): Resources => all.reduce((into, each) => {
  for (const [type, blocks] of Object.entries(each)) into[type] = { ...(into[type] ?? {}), ...blocks };
  return into;
}, {} as Resources);

describe.each(Object.entries(WAYS))('%s', (_way, { resources, known }) => {
  test.each(Object.keys(WRITERS))('an allow-all rule written by %s fails PGF-NET-7 (unknown: fail closed, when the group cannot be known); a narrow one passes', (writer) => {
    const open = verdicts(pgfNet7, merged(resources, WRITERS[writer](OPEN)));
    expect(statuses(open)).toEqual([known ? 'fail' : 'unknown']);
    expect(open.map((verdict) => ('address' in verdict ? verdict.address : undefined))).toEqual([`${Object.keys(WRITERS[writer](OPEN))[0]}.w`]);
    expect(verdicts(pgfNet7, merged(resources, WRITERS[writer](NARROW)))).toEqual(WRITES_OPEN_NOTHING);
  });
});

test('the message names the rule and the group it is written into, or the group it may belong to', () => {
  const [way] = Object.values(WAYS);
  expect(verdicts(pgfNet7, merged(way.resources, WRITERS['azurerm_network_security_rule by literal names'](OPEN)))).toEqual([{
    status: 'fail',
    message: `security rule azurerm_network_security_rule.w, written into the network security group "${NSG_ID}" that azurerm_subnet_network_security_group_association.db associates with the delegated subnet, allows inbound PostgreSQL from "*".`,
    address: 'azurerm_network_security_rule.w',
  }]);
  expect(verdicts(pgfNet7, WRITERS['azapi_resource rule below the literal ID'](OPEN))).toEqual([{
    status: 'unknown',
    note: `security rule azapi_resource.w, whose group is known only at apply time, may belong to the network security group of the delegated subnet "${GIVEN_SUBNET}", which the stack does not name`,
    address: 'azapi_resource.w',
  }]);
});

test('a rule into another group of known names leaves the given group unjudged where the group is known (62nd run, A62a-5: not a pass); where it is not, it may be the group', () => {
  const other = { azurerm_network_security_rule: { w: { name: 'w', resource_group_name: 'rg-network', network_security_group_name: 'nsg-other', ...OPEN } } };
  const otherByAzapi = { azapi_resource: { w: { type: RULE_TYPE, parent_id: OTHER_ID, name: 'w', body: { properties: arm(OPEN) } } } };
  for (const { resources, known } of Object.values(WAYS)) {
    expect(statuses(verdicts(pgfNet7, merged(resources, other)))).toEqual([known ? 'not-applicable' : 'unknown']);
    expect(statuses(verdicts(pgfNet7, merged(resources, otherByAzapi)))).toEqual([known ? 'not-applicable' : 'unknown']);
  }
});

test('a rule whose group name or resource group is known only at apply time may be the given group; a known other name is not', () => {
  const [way] = Object.values(WAYS);
  const rule = (group: unknown, name: unknown) => ({ azurerm_network_security_rule: { w: { name: 'w', resource_group_name: group, network_security_group_name: name, ...OPEN } } });
  expect(statuses(verdicts(pgfNet7, merged(way.resources, rule('${var.group}', 'nsg-shared'))))).toEqual(['unknown']);
  expect(statuses(verdicts(pgfNet7, merged(way.resources, rule('rg-network', '${var.name}'))))).toEqual(['unknown']);
  expect(statuses(verdicts(pgfNet7, merged(way.resources, rule('${var.group}', 'nsg-other'))))).toEqual(['not-applicable']);
});

test('a rule of a group the stack defines is that group\'s, not the given one\'s; a write of no group (another literal type) is none', () => {
  const [, way] = Object.values(WAYS);
  const own = {
    azurerm_network_security_group: { own: { name: 'nsg-own', resource_group_name: 'rg-x', location: 'westeurope' } },
    azurerm_network_security_rule: { w: { name: 'w', resource_group_name: 'rg-x', network_security_group_name: '${azurerm_network_security_group.own.name}', ...OPEN } },
    azapi_update_resource: { storage: { type: '${var.type}', resource_id: `${SUB}/resourceGroups/rg-x/providers/Microsoft.Storage/storageAccounts/logs`, body: {} } },
  };
  expect(statuses(verdicts(pgfNet7, merged(way.resources, own)))).toEqual(['not-applicable']);
  expect(statuses(verdicts(pgfNet7, own))).toEqual(['not-applicable']);
});

test('what cannot be read fails closed: a body known only later, another type below the group, a type known only later, a DELETE of a rule', () => {
  const [, way] = Object.values(WAYS);
  const unreadable: Resources[] = [
    { azapi_update_resource: { w: { type: GROUP_TYPE, resource_id: NSG_ID, body: '${var.body}' } } },
    { azapi_resource: { w: { type: `${GROUP_TYPE.replace(/@.*/, '')}/futureRules@2030-01-01`, parent_id: NSG_ID, name: 'w', body: {} } } },
    { azapi_resource_action: { w: { type: '${var.type}', resource_id: NSG_ID, method: 'PUT', body: {} } } },
    { azapi_resource_action: { w: { type: RULE_TYPE, resource_id: `${NSG_ID}/securityRules/DenyPostgresFromInternet`, method: 'DELETE' } } },
  ];
  for (const write of unreadable) expect(statuses(verdicts(pgfNet7, merged(way.resources, write)))).toEqual(['unknown']);
  // A GET (or the default POST) reads.
  expect(statuses(verdicts(pgfNet7, merged(way.resources, { azapi_resource_action: { w: { type: RULE_TYPE, resource_id: `${NSG_ID}/securityRules/a`, method: 'GET' } } })))).toEqual(['not-applicable']);
});

test('a removed block that destroys a security rule the stack managed may delete a rule of the given group (twenty-fifth review, A25b-5); one that forgets it does not', () => {
  for (const way of Object.values(WAYS)) {
    for (const removed of [{ from: 'azurerm_network_security_rule.deny', lifecycle: { destroy: true } }, { from: 'module.net.azurerm_network_security_rule.deny["pg"]' },
      // A29b-1: a key read to its own closing bracket (import-targets.ts resourceAddress), one never closed as any instance.
      { from: 'module.net[local.m["a.b"][0].x].azurerm_network_security_rule.deny[local.m["a.b"][0].x]' }, { from: 'azurerm_network_security_rule.deny[local.k[0]' }]) {
      const found = verdicts(pgfNet7, way.resources, [removed]);
      expect(statuses(found)).toEqual(['unknown']);
      expect(found.map((verdict) => ('address' in verdict ? verdict.address : undefined))[0]).toMatch(/^removed\..*azurerm_network_security_rule\.deny$/);
    }
    const without = verdicts(pgfNet7, way.resources);
    expect(statuses(without)).not.toContain('unknown');
    expect(verdicts(pgfNet7, way.resources, [{ from: 'azurerm_network_security_rule.deny', lifecycle: { destroy: false } }])).toEqual(without);
    expect(verdicts(pgfNet7, way.resources, [{ from: 'azurerm_network_security_group.other', lifecycle: { destroy: true } }])).toEqual(without);
  }
});

test('PGF-NET-11 counts the sources of the rules written into the given group', () => {
  const [way] = Object.values(WAYS);
  const wide = { ...OPEN, source_address_prefix: '20.0.0.0/8' };
  expect(statuses(verdicts(pgfNet11, merged(way.resources, WRITERS['azapi_resource_action PUT of a rule'](wide))))).toEqual(['fail']);
  expect(verdicts(pgfNet11, merged(way.resources, WRITERS['azapi_resource_action PUT of a rule'](NARROW)))).toEqual(WRITES_OPEN_NOTHING);
});

// Seventeenth review, A17a-2: an update or PATCH of an existing rule merges its body into a rule the stack does not
// know, so every property it leaves out is known only at apply time. The class test: every partial writer × every
// property of the open rule left out fails closed (unknown), however the group is known; a patch that only narrows passes.
const PARTIAL_WRITERS: { readonly [writer: string]: (properties: TerraformBlock) => Resources } = {
  'azapi_update_resource of a rule': (properties) => ({ azapi_update_resource: { w: { type: RULE_TYPE, resource_id: `${NSG_ID}/securityRules/w`, body: { properties } } } }),
  'azapi_update_resource of a rule by parent_id and name': (properties) => ({ azapi_update_resource: { w: { type: RULE_TYPE, parent_id: NSG_ID, name: 'w', body: { properties } } } }),
  'azapi_resource_action PATCH of a rule': (properties) => ({ azapi_resource_action: { w: { type: RULE_TYPE, resource_id: `${NSG_ID}/securityRules/w`, method: 'PATCH', body: { properties } } } }),
  'azapi_resource_action of a rule by a method known only later': (properties) => ({ azapi_resource_action: { w: { type: RULE_TYPE, resource_id: `${NSG_ID}/securityRules/w`, method: '${var.method}', body: { properties } } } }),
};
const LEFT_OUT = ['direction', 'access', 'protocol', 'destination_port_range', 'source_address_prefix', 'destination_address_prefix'];

/** The class test of a partial write: every property of an open rule left out fails closed; a patch that only narrows passes. */
function partialWriteClass(write: (properties: TerraformBlock) => Resources, resources: Resources, known: boolean): void {
  for (const property of LEFT_OUT) {
    const partial = arm(Object.fromEntries(Object.entries(OPEN).filter(([key]) => key !== property)));
    const found = statuses(verdicts(pgfNet7, merged(resources, write(partial))));
    // A destination left out may be the server's subnet: the rest of the rule is open, so it fails (unknown where the group is).
    expect([property, found]).toEqual([property, property === 'destination_address_prefix' ? [known ? 'fail' : 'unknown'] : ['unknown']]);
  }
  expect(statuses(verdicts(pgfNet7, merged(resources, write({ sourceAddressPrefix: '*' }))))).toEqual(['unknown']);
  expect(statuses(verdicts(pgfNet7, merged(resources, write({ access: 'Allow' }))))).toEqual(['unknown']);
  expect(verdicts(pgfNet7, merged(resources, write({ access: 'Deny' })))).toEqual(WRITES_OPEN_NOTHING);
  expect(verdicts(pgfNet7, merged(resources, write({ sourceAddressPrefixes: ['10.20.0.0/24'] })))).toEqual(WRITES_OPEN_NOTHING);
  expect(verdicts(pgfNet11, merged(resources, write({ sourceAddressPrefix: '10.20.0.0/24' })))).toEqual(WRITES_OPEN_NOTHING);
}

describe.each(Object.entries(WAYS))('A17a-2, %s', (_way, { resources, known }) => {
  test.each(Object.keys(PARTIAL_WRITERS))('a partial write by %s that leaves out any property of an open rule fails closed; one that only narrows passes', (writer) => {
    partialWriteClass(PARTIAL_WRITERS[writer], resources, known);
  });
});

// Eighteenth review, A18b-1: a partial write of the whole group merges each item of its securityRules list over a live rule
// (azapi merges lists by name, or item by item when they have one length; the live list is not known): each item is a partial
// rule, as a partial write of one rule is.
const GROUP_PARTIAL_WRITERS: { readonly [writer: string]: (properties: TerraformBlock) => Resources } = {
  'azapi_update_resource of the group, an item without a name': (properties) => ({ azapi_update_resource: { w: { type: GROUP_TYPE, resource_id: NSG_ID, body: { properties: { securityRules: [{ properties }] } } } } }),
  'azapi_update_resource of the group, a named item': (properties) => ({ azapi_update_resource: { w: { type: GROUP_TYPE, resource_id: NSG_ID, body: { properties: { securityRules: [{ name: 'app', properties }] } } } } }),
  'azapi_update_resource of the group, the item in sensitive_body': (properties) => ({ azapi_update_resource: { w: { type: GROUP_TYPE, resource_id: NSG_ID, body: { tags: { a: 'b' } }, sensitive_body: { properties: { securityRules: [{ properties }] } } } } }),
  'azapi_resource_action PATCH of the group': (properties) => ({ azapi_resource_action: { w: { type: GROUP_TYPE, resource_id: NSG_ID, method: 'PATCH', body: { properties: { securityRules: [{ properties }] } } } } }),
  'azapi_resource_action of the group by a method known only later': (properties) => ({ azapi_resource_action: { w: { type: GROUP_TYPE, resource_id: NSG_ID, method: '${var.method}', body: { properties: { securityRules: [{ properties }] } } } } }),
};

describe.each(Object.entries(WAYS))('A18b-1, %s', (_way, { resources, known }) => {
  test.each(Object.keys(GROUP_PARTIAL_WRITERS))('a partial write by %s whose list item leaves out any property of an open rule fails closed; one that only narrows passes', (writer) => {
    partialWriteClass(GROUP_PARTIAL_WRITERS[writer], resources, known);
  });
});

test('A17a-2: a PUT of a rule (azapi_resource, an action by PUT) sends the whole rule: what it leaves out is absent', () => {
  const [way] = Object.values(WAYS);
  const outbound = arm({ ...OPEN, direction: undefined });
  expect(verdicts(pgfNet7, merged(way.resources, WRITERS['azapi_resource_action PUT of a rule'](outbound)))).toEqual(WRITES_OPEN_NOTHING);
  expect(verdicts(pgfNet7, merged(way.resources, WRITERS['azapi_resource rule below the literal ID'](outbound)))).toEqual(WRITES_OPEN_NOTHING);
});

// A17a-9: a group given to the construct may be shared by other subnets; a rule whose destinations are literal ranges
// disjoint from the delegated subnet's literal range cannot match a packet to the server. Anything else may.
test('A17a-9: a rule of the given group to a range disjoint from the delegated subnet passes PGF-NET-7 and PGF-NET-11; one that may reach it fails', () => {
  const [way, , , unknownSubnet] = Object.values(WAYS);
  const to = (destination: TerraformBlock) => WRITERS['azurerm_network_security_rule by literal names']({ ...OPEN, destination_address_prefix: undefined, ...destination });
  for (const rule of [pgfNet7, pgfNet11]) {
    for (const disjoint of [{ destination_address_prefix: '10.0.9.0/24' }, { destination_address_prefixes: ['10.0.9.0/24', '10.0.1.16/28', '10.0.0.255'] }]) {
      expect(verdicts(rule, merged(way.resources, to(disjoint)))).toEqual(WRITES_OPEN_NOTHING);
      // The subnet's range known only later (a given subnet): the rule may guard it.
      expect(statuses(verdicts(rule, merged(unknownSubnet.resources, to(disjoint))))).not.toEqual(['pass']);
    }
    for (const may of [{ destination_address_prefix: '10.0.1.8' }, { destination_address_prefix: '10.0.0.0/16' }, { destination_address_prefix: '*' }, { destination_address_prefix: 'VirtualNetwork' },
      { destination_address_prefix: '${var.to}' }, { destination_address_prefixes: ['10.0.9.0/24', '10.0.1.0/28'] }, { destination_application_security_group_ids: ['${var.asg}'] }, { destination_address_prefix: '2001:db8::/32' }]) {
      expect([may, statuses(verdicts(rule, merged(way.resources, to(may))))]).toEqual([may, ['fail']]);
    }
  }
  // The subnet's range itself known only later.
  const later = { azurerm_subnet: { db: { ...way.resources.azurerm_subnet.db, address_prefixes: ['${var.prefix}'] } } };
  expect(statuses(verdicts(pgfNet7, merged(way.resources, later, to({ destination_address_prefix: '10.0.9.0/24' }))))).toEqual(['fail']);
});

// A17a-2 beside raw resources (no PG-CFG-3 there): a group of the stack holds the rules azapi writes below the association's reference to it,
// whole or partial, read as a given group's are.
test('A17a-2: azapi rules below a group of the stack (by the association\'s reference) are its rules: open fails, partial fails closed, narrow passes', () => {
  const raw = (rule: Rule, resources: Resources): readonly Verdict[] => {
    const model = buildStackModel({ resource: { ...resources, [FLEXIBLE]: { db: compliantFlexibleServer({ delegated_subnet_id: '${azurerm_subnet.db.id}', private_dns_zone_id: '${var.zone}' }) } } });
    const result = rule.evaluate(model.servers[0], { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [] });
    return Array.isArray(result) ? result : [result as Verdict];
  };
  const stackGroup = {
    azurerm_subnet: { db: { name: 'snet-postgres', resource_group_name: 'rg-x', virtual_network_name: 'vnet-x', address_prefixes: ['10.0.1.0/28'] } },
    azurerm_network_security_group: { own: { name: 'nsg-own', resource_group_name: 'rg-x', location: 'westeurope' } },
    azurerm_subnet_network_security_group_association: { a: { subnet_id: '${azurerm_subnet.db.id}', network_security_group_id: '${azurerm_network_security_group.own.id}' } },
  };
  const rule = (properties: TerraformBlock) => ({ azapi_resource: { w: { type: RULE_TYPE, parent_id: '${azurerm_network_security_group.own.id}', name: 'w', body: { properties } } } });
  const patch = (properties: TerraformBlock) => ({ azapi_update_resource: { w: { type: RULE_TYPE, resource_id: '${azurerm_network_security_group.own.id}/securityRules/allow-app', body: { properties } } } });
  expect(statuses(raw(pgfNet7, merged(stackGroup, rule(arm(OPEN)))))).toEqual(['fail']);
  expect(statuses(raw(pgfNet11, merged(stackGroup, rule(arm({ ...OPEN, source_address_prefix: '20.0.0.0/8' })))))).toEqual(['fail']);
  expect(raw(pgfNet7, merged(stackGroup, rule(arm(NARROW))))).toEqual([{ status: 'pass' }]);
  expect(statuses(raw(pgfNet7, merged(stackGroup, patch({ sourceAddressPrefix: '*' }))))).toEqual(['unknown']);
  expect(raw(pgfNet7, merged(stackGroup, patch({ access: 'Deny' })))).toEqual([{ status: 'pass' }]);
});
