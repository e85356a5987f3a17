import { evaluateStack } from '../../../lib/checks/evaluate';
import { AccessDeclaration } from '../../../lib/checks/access-declarations';
import { rule } from '../../../lib/checks/rules/PG-IAM-2';
import { buildStackModel } from '../../../lib/checks/stack-model';
import { CONSTRUCT, madeAt, verdictsBeside } from '../beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from '../rule-harness';
import { LIFTING_ROLES } from '../../support/lifting-roles';
import { NETWORK_ID_SEGMENTS } from '../../../lib/checks/parent-id-pattern';

const SERVER_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db';
const SUBSCRIPTION = '/subscriptions/00000000-0000-0000-0000-000000000000';
const PRINCIPAL = '99999999-9999-9999-9999-999999999999';

const withAssignments = (assignments: { [name: string]: object }): Resources => ({
  [FLEXIBLE]: { db: compliantFlexibleServer() },
  azurerm_role_assignment: Object.fromEntries(Object.entries(assignments).map(([name, block]) => [name, { principal_id: PRINCIPAL, ...block }])),
});

test('passes a reader role on the server, and Owner on another resource group or on a scope known only at apply time', () => {
  expect(verdictsBeside(rule, withAssignments({
    reader: { scope: `\${${FLEXIBLE}.db.id}`, role_definition_name: 'Monitoring Reader' },
    group: { scope: `${SUBSCRIPTION}/resourceGroups/rg-other`, role_definition_name: 'Owner' },
    other: { scope: '${azurerm_resource_group.other.id}', role_definition_name: 'Owner' },
    variable: { scope: '${var.scope}', role_definition_name: 'Owner' },
  }))).toEqual([{ status: 'pass' }]);
});

test('is not applicable when no role assignment is scoped to the server or a scope that contains it', () => {
  expect(verdictsBeside(rule, withAssignments({}))).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
});

describe('a privileged role on a scope that contains the server (A5-12)', () => {
  const inGroup = (group: unknown, extra: Resources = {}): Resources => ({
    ...extra,
    [FLEXIBLE]: { db: compliantFlexibleServer({ resource_group_name: group }) },
    azurerm_resource_group: { orders: { name: 'rg-orders', location: 'westeurope' }, other: { name: 'rg-other', location: 'westeurope' } },
  });
  const owner = (address: string, on: string) => ({
    status: 'fail', message: `${address} grants Owner on ${on}, which contains the server, which can change or delete the server or grant access to it, with no justification.`, address, subject: 'role "Owner"',
  });

  test.each<[string, unknown, string, string]>([
    ['its resource group by literal ID, in another case', 'rg-orders', `${SUBSCRIPTION}/resourceGroups/RG-Orders`, `its resource group "${SUBSCRIPTION}/resourceGroups/RG-Orders"`],
    ['its resource group by a template', 'rg-orders', '/subscriptions/${var.subscription}/resourceGroups/rg-orders', 'its resource group "/subscriptions/?/resourceGroups/rg-orders"'],
    ['the resource group resource the server reads', '${azurerm_resource_group.orders.name}', '${azurerm_resource_group.orders.id}', 'its resource group azurerm_resource_group.orders.id'],
    ['the resource group resource of the server\'s literal group', 'rg-orders', '${azurerm_resource_group.orders.id}', 'its resource group azurerm_resource_group.orders.id'],
    ['the resource group data source the server reads', '${data.azurerm_resource_group.orders.name}', '${data.azurerm_resource_group.orders.id}', 'its resource group data.azurerm_resource_group.orders.id'],
    ['a literal ID of its group where the server reads the resource', '${azurerm_resource_group.orders.name}', `${SUBSCRIPTION}/resourceGroups/rg-orders`, `its resource group "${SUBSCRIPTION}/resourceGroups/rg-orders"`],
    ['a subscription', 'rg-orders', SUBSCRIPTION, `the subscription "${SUBSCRIPTION}"`],
    ['the subscription data source', 'rg-orders', '${data.azurerm_subscription.current.id}', 'the subscription data.azurerm_subscription.current.id'],
    ['a management group', 'rg-orders', '/providers/Microsoft.Management/managementGroups/platform', 'the management group "/providers/Microsoft.Management/managementGroups/platform"'],
    ['the root', 'rg-orders', '/', 'the root scope'],
  ])('fails Owner on %s', (_, group, scope, on) => {
    expect(verdictsBeside(rule, inGroup(group, { azurerm_role_assignment: { wide: { principal_id: PRINCIPAL, scope, role_definition_name: 'Owner' } } }))).toEqual([owner('azurerm_role_assignment.wide', on)]);
  });

  test('passes Reader on its resource group, and Owner on a resource group the server does not read', () => {
    expect(verdictsBeside(rule, inGroup('${azurerm_resource_group.orders.name}', {
      azurerm_role_assignment: {
        reader: { principal_id: PRINCIPAL, scope: '${azurerm_resource_group.orders.id}', role_definition_name: 'Reader' },
        other: { principal_id: PRINCIPAL, scope: '${azurerm_resource_group.other.id}', role_definition_name: 'Owner' },
      },
    }))).toEqual([{ status: 'pass' }]);
  });
});

describe('a privileged role on a server ID whose name is known only at apply time (A8-5)', () => {
  const ids = '/providers/Microsoft.DBforPostgreSQL/flexibleServers';
  const onScope = (scope: string, group: unknown = 'rg-orders') => verdictsBeside(rule, {
    [FLEXIBLE]: { db: compliantFlexibleServer({ resource_group_name: group }) },
    azurerm_resource_group: { orders: { name: 'rg-orders', location: 'westeurope' } },
    azurerm_role_assignment: { maybe: { principal_id: PRINCIPAL, scope, role_definition_name: 'Owner' } },
  });

  test.each<[string, string, unknown]>([
    ['a name from a variable, in its group', `/subscriptions/\${var.s}/resourceGroups/rg-orders${ids}/\${var.name}`, 'rg-orders'],
    ['a name partly known, and a database below it', `/subscriptions/\${var.s}/resourceGroups/RG-Orders${ids}/\${var.team}-db/databases/app`, 'rg-orders'],
    ['a group known only at apply time too', `/subscriptions/\${var.s}/resourceGroups/\${var.group}${ids}/\${var.name}`, '${azurerm_resource_group.orders.name}'],
    ['a name from an expression with braces inside', `/subscriptions/\${var.s}/resourceGroups/rg-orders${ids}/\${lookup({ a = "x" }, var.k)}`, 'rg-orders'],
  ])('fails Owner on %s', (_, scope, group) => {
    const path = scope.replace(/\$\{lookup\(\{[^}]*\}[^}]*\}/, '?').replace(/\$\{[^}]*\}/g, '?');
    expect(onScope(scope, group)).toEqual([{
      status: 'fail', address: 'azurerm_role_assignment.maybe', subject: 'role "Owner"',
      message: `azurerm_role_assignment.maybe grants Owner on the server ID "${path}", which may be the server, which can change or delete the server or grant access to it, with no justification.`,
    }]);
  });

  test.each([
    ['another group', `/subscriptions/\${var.s}/resourceGroups/rg-billing${ids}/\${var.name}`],
    ['a name that cannot be the server\'s', `/subscriptions/\${var.s}/resourceGroups/rg-orders${ids}/\${var.team}-billing`],
    ['Single Servers', `/subscriptions/\${var.s}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/servers/\${var.name}`],
  ])('is not applicable to Owner on a server ID in %s', (_, scope) => {
    expect(onScope(scope)).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
  });
});

test('fails Owner by reference, Contributor by literal ID in another case, and User Access Administrator by definition ID below the server', () => {
  expect(verdictsBeside(rule, withAssignments({
    owner: { scope: `\${${FLEXIBLE}.db.id}`, role_definition_name: 'Owner' },
    contributor: { scope: SERVER_ID.toUpperCase(), role_definition_name: 'contributor' },
    access: { scope: `\${${FLEXIBLE}.db.id}/databases/orders`, role_definition_id: '/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9' },
  }))).toEqual([
    { status: 'fail', message: 'azurerm_role_assignment.access grants User Access Administrator on the server, which can change or delete the server or grant access to it, with no justification.', address: 'azurerm_role_assignment.access', subject: 'role "User Access Administrator"' },
    { status: 'fail', message: 'azurerm_role_assignment.contributor grants Contributor on the server, which can change or delete the server or grant access to it, with no justification.', address: 'azurerm_role_assignment.contributor', subject: 'role "Contributor"' },
    { status: 'fail', message: 'azurerm_role_assignment.owner grants Owner on the server, which can change or delete the server or grant access to it, with no justification.', address: 'azurerm_role_assignment.owner', subject: 'role "Owner"' },
  ]);
});

describe('the server\'s ID written as a template (A7-1)', () => {
  const owner = (address: string) => ({
    status: 'fail', message: `${address} grants Owner on the server, which can change or delete the server or grant access to it, with no justification.`, address, subject: 'role "Owner"',
  });

  test.each([
    ['the subscription a variable', '/subscriptions/${var.subscription}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db'],
    ['the subscription and group read from data sources', '/subscriptions/${data.azurerm_client_config.current.subscription_id}/resourceGroups/${data.azurerm_resource_group.g.name}/providers/Microsoft.DBforPostgreSQL/flexibleServers/ORDERS-DB'],
    ['the group\'s ID a reference', '${data.azurerm_resource_group.g.id}/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db'],
    ['a database below it', '${var.group_id}/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db/databases/${var.database}'],
  ])('fails Owner on it, %s', (_, scope) => {
    expect(verdictsBeside(rule, withAssignments({ wide: { scope, role_definition_name: 'Owner' } }))).toEqual([owner('azurerm_role_assignment.wide')]);
  });

  test('is not applicable to Owner on a template of another server\'s name and of another type', () => {
    expect(verdictsBeside(rule, withAssignments({
      other: { scope: '/subscriptions/${var.subscription}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/orders-db2', role_definition_name: 'Owner' },
      single: { scope: '/subscriptions/${var.subscription}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/servers/orders-db', role_definition_name: 'Owner' },
    }))).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
  });

  test('fails Owner on a name known only at apply time in a group, beside a server whose group is not known: it may be that group (A16a-6)', () => {
    const scope = '/subscriptions/${var.subscription}/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/${var.name}';
    expect(verdictsBeside(rule, withAssignments({ name: { scope, role_definition_name: 'Owner' } }))).toEqual([{
      status: 'fail', address: 'azurerm_role_assignment.name', subject: 'role "Owner"',
      message: `azurerm_role_assignment.name grants Owner on ${JSON.stringify(scope)}, a scope known only at apply time that may be it or hold it: the server, which can change or delete the server or grant access to it, with no justification.`,
    }]);
  });
});

test('fails a role that can switch off the log export, and a role known only at apply time', () => {
  expect(verdictsBeside(rule, withAssignments({
    monitoring: { scope: `\${${FLEXIBLE}.db.id}`, role_definition_name: 'Monitoring Contributor' },
    variable: { scope: `\${${FLEXIBLE}.db.id}`, role_definition_name: '${var.role}' },
  }))).toEqual([
    { status: 'fail', message: 'azurerm_role_assignment.monitoring grants Monitoring Contributor on the server, which can switch off the server\'s log export (Microsoft.Insights/diagnosticSettings/*), with no justification.', address: 'azurerm_role_assignment.monitoring', subject: 'role "Monitoring Contributor"' },
    { status: 'unknown', note: 'the role of azurerm_role_assignment.variable (role_definition_name) is known only at apply time, and may be a privileged one', address: 'azurerm_role_assignment.variable' },
  ]);
});

test('fails an assignment the construct made moved off the server, whatever its role', () => {
  const resources: Resources = {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_role_assignment: { own: { ...madeAt(`${CONSTRUCT}/RoleAssignment0`), principal_id: PRINCIPAL, scope: '/subscriptions/00000000-0000-0000-0000-000000000000', role_definition_name: 'Reader' } },
  };
  expect(verdictsBeside(rule, resources, [CONSTRUCT])).toEqual([{
    status: 'fail',
    message: `azurerm_role_assignment.own, which ${CONSTRUCT} makes for the server, has the scope "/subscriptions/00000000-0000-0000-0000-000000000000": roleAssignments grant roles on the server only.`,
    address: 'azurerm_role_assignment.own',
  }]);
});

test.each(LIFTING_ROLES)('fails %s on the server, by name and by definition ID', (name, guid, can) => {
  const failure = (address: string) => ({ status: 'fail', message: `${address} grants ${name} on the server, which ${can}, with no justification.`, address, subject: `role "${name}"` });
  expect(verdictsBeside(rule, withAssignments({
    byId: { scope: `\${${FLEXIBLE}.db.id}`, role_definition_id: `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/${guid.toUpperCase()}` },
    byName: { scope: `\${${FLEXIBLE}.db.id}`, role_definition_name: name.toLowerCase() },
  }))).toEqual([failure('azurerm_role_assignment.byId'), failure('azurerm_role_assignment.byName')]);
});

test('passes Backup Contributor and Backup Operator on the server: their actions reach only backup vaults', () => {
  expect(verdictsBeside(rule, withAssignments({
    backup: { scope: `\${${FLEXIBLE}.db.id}`, role_definition_name: 'Backup Contributor' },
    operator: { scope: `\${${FLEXIBLE}.db.id}`, role_definition_name: 'Backup Operator' },
  }))).toEqual([{ status: 'pass' }]);
});

describe('a role that can rewrite the network a construct makes for its server (A7-16)', () => {
  const ZONES = 'stack/cdktf-azure-postgres-private-dns-zones';
  const NETWORK = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network';
  const constructNetwork = (assignments: { [name: string]: object }, made = true): Resources => ({
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: { ...(made ? madeAt(`${CONSTRUCT}/Subnet`) : {}), name: 'snet-db', resource_group_name: 'rg-network', virtual_network_name: 'vnet-hub', address_prefixes: ['10.0.1.0/28'] } },
    azurerm_network_security_group: { db: { ...(made ? madeAt(`${CONSTRUCT}/Nsg`) : {}), name: 'nsg-db', resource_group_name: 'rg-network', location: 'westeurope' } },
    azurerm_subnet_network_security_group_association: { db: { ...(made ? madeAt(`${CONSTRUCT}/Association`) : {}), subnet_id: '${azurerm_subnet.db.id}', network_security_group_id: '${azurerm_network_security_group.db.id}' } },
    azurerm_private_dns_zone: { db: { ...(made ? madeAt(`${ZONES}/zone/Zone`) : {}), name: 'orders-db.private.postgres.database.azure.com', resource_group_name: 'rg-network' } },
    azurerm_role_assignment: Object.fromEntries(Object.entries(assignments).map(([name, block]) => [name, { principal_id: PRINCIPAL, ...block }])),
  });
  const failure = (name: string, role: string, on: string) => ({
    status: 'fail',
    message: `azurerm_role_assignment.${name} grants ${role} on ${on}, which the library makes for the server's network: its holder can rewrite who reaches the server or where its name resolves (network rules, the subnet's security group, DNS records), outside Terraform, with no justification.`,
    address: `azurerm_role_assignment.${name}`,
    subject: `role "${role}"`,
  });

  test('fails Owner, Contributor, Network Contributor and Private DNS Zone Contributor (by name in any case, or definition ID) on the subnet, its VNet, its group or the zone, by reference or ID', () => {
    expect(verdictsBeside(rule, constructNetwork({
      a: { scope: '${azurerm_network_security_group.db.id}', role_definition_name: 'Network Contributor' },
      b: { scope: '${azurerm_subnet.db.id}', role_definition_id: '/providers/Microsoft.Authorization/roleDefinitions/4D97B98B-1D4F-4787-A291-C67834D212E7' },
      c: { scope: `${NETWORK}/virtualNetworks/vnet-hub`, role_definition_name: 'owner' },
      d: { scope: '/subscriptions/${var.subscription}/resourceGroups/RG-NETWORK/providers/Microsoft.Network/networkSecurityGroups/nsg-db/securityRules/x', role_definition_name: 'Contributor' },
      e: { scope: '${azurerm_private_dns_zone.db.id}', role_definition_name: 'Private DNS Zone Contributor' },
      f: { scope: `${NETWORK}/virtualNetworks/vnet-hub/subnets/snet-db`, role_definition_name: 'User Access Administrator' },
    }), [CONSTRUCT, ZONES])).toEqual([
      failure('a', 'Network Contributor', 'azurerm_network_security_group.db'),
      failure('b', 'Network Contributor', 'azurerm_subnet.db'),
      failure('c', 'Owner', 'azurerm_subnet.db'),
      failure('d', 'Contributor', 'azurerm_network_security_group.db'),
      failure('e', 'Private DNS Zone Contributor', 'azurerm_private_dns_zone.db'),
      failure('f', 'User Access Administrator', 'azurerm_subnet.db'),
    ]);
  });

  test('a role known only at apply time on the group is unknown', () => {
    expect(verdictsBeside(rule, constructNetwork({ v: { scope: '${azurerm_network_security_group.db.id}', role_definition_name: '${var.role}' } }), [CONSTRUCT, ZONES])).toEqual([{
      status: 'unknown',
      note: 'the role of azurerm_role_assignment.v (role_definition_name) is known only at apply time, and may be one that rewrites azurerm_network_security_group.db, which the library makes for the server\'s network',
      address: 'azurerm_role_assignment.v',
    }]);
  });

  test('passes reading roles, roles on another subnet of the VNet or another group; fails the same roles on a network the construct was given (A16a-12)', () => {
    expect(verdictsBeside(rule, constructNetwork({
      reader: { scope: '${azurerm_network_security_group.db.id}', role_definition_name: 'Reader' },
      monitoring: { scope: '${azurerm_subnet.db.id}', role_definition_name: 'Monitoring Contributor' },
      sibling: { scope: `${NETWORK}/virtualNetworks/vnet-hub/subnets/snet-app`, role_definition_name: 'Network Contributor' },
      prefix: { scope: `${NETWORK}/networkSecurityGroups/nsg-db2`, role_definition_name: 'Owner' },
    }), [CONSTRUCT, ZONES])).toEqual([{ status: 'pass' }]);
    expect(verdictsBeside(rule, constructNetwork({ given: { scope: '${azurerm_network_security_group.db.id}', role_definition_name: 'Network Contributor' } }, false), [CONSTRUCT, ZONES])).toEqual([{
      status: 'fail',
      message: 'azurerm_role_assignment.given grants Network Contributor on azurerm_network_security_group.db (the network security group of the server\'s delegated subnet), part of the server\'s network path, which can rewrite the server\'s network (its subnet, security group, private endpoint or DNS zone), with no justification.',
      address: 'azurerm_role_assignment.given',
      subject: 'role "Network Contributor"',
    }]);
  });

  // The hub's groups and VNet as the stack defines them, beside the construct's network (eighth review).
  const withHub = (assignments: { [name: string]: object }): Resources => ({
    ...constructNetwork(assignments),
    azurerm_resource_group: { network: { name: 'rg-network', location: 'westeurope' }, other: { name: 'rg-other', location: 'westeurope' }, named: { name: '${var.group}', location: 'westeurope' } },
    azurerm_virtual_network: { hub: { name: 'vnet-hub', resource_group_name: 'rg-network' }, spoke: { name: 'vnet-spoke', resource_group_name: 'rg-network' } },
  });
  const nsgBelow = (group: string) => `${group}/providers/Microsoft.Network/networkSecurityGroups/nsg-db`;

  test.each<[string, string, string, string]>([
    ['a reference to its resource group', nsgBelow('${azurerm_resource_group.network.id}'), 'Network Contributor', 'azurerm_network_security_group.db'],
    ['a reference to a resource group of a name known later', nsgBelow('${azurerm_resource_group.named.id}'), 'Network Contributor', 'azurerm_network_security_group.db'],
    ['an interpolation in place of the group ID', nsgBelow('${var.group_id}'), 'Owner', 'azurerm_network_security_group.db'],
    ['an interpolation in place of the group name', nsgBelow('/subscriptions/${var.subscription}/resourceGroups/${var.group}'), 'Contributor', 'azurerm_network_security_group.db'],
    ['a reference to the subnet\'s VNet', '${azurerm_virtual_network.hub.id}', 'Network Contributor', 'azurerm_subnet.db'],
    ['a template below the subnet\'s VNet', '${azurerm_virtual_network.hub.id}/subnets/snet-db', 'Network Contributor', 'azurerm_subnet.db'],
  ])('fails the roles on a template with %s (A8-1)', (_, scope, role, on) => {
    expect(verdictsBeside(rule, withHub({ a: { scope, role_definition_name: role } }), [CONSTRUCT, ZONES])).toEqual([failure('a', role, on)]);
  });

  test('fails the roles on the VNet whose ID the subnet\'s VNet name is read from (a VNet of the stack given to the construct) (A8-1)', () => {
    const given = withHub({ a: { scope: '${azurerm_virtual_network.spoke.id}', role_definition_name: 'Network Contributor' } });
    const subnet = { ...given.azurerm_subnet.db, virtual_network_name: '${element(split("/", azurerm_virtual_network.spoke.id), 8)}' };
    expect(verdictsBeside(rule, { ...given, azurerm_subnet: { db: subnet } }, [CONSTRUCT, ZONES])).toEqual([failure('a', 'Network Contributor', 'azurerm_subnet.db')]);
  });

  test('judges no role on the same names below another resource group or VNet of the stack, or with the name an interpolation (A8-1)', () => {
    expect(verdictsBeside(rule, withHub({
      other: { scope: nsgBelow('${azurerm_resource_group.other.id}'), role_definition_name: 'Network Contributor' },
      spoke: { scope: '${azurerm_virtual_network.spoke.id}/subnets/snet-db', role_definition_name: 'Network Contributor' },
    }), [CONSTRUCT, ZONES])).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
  });

  // One scope reader for every network object the construct makes (fifteenth review, A15a-8, A15b-19): each spelling whose
  // name (or group) is known only at apply time may be the object, and fails closed; a literal ID of another object passes.
  describe('a scope that may name a network object the construct makes, by every spelling (A15a-8)', () => {
    const OBJECTS: [string, string, string][] = [
      ['the subnet', `${NETWORK}/virtualNetworks/vnet-hub/subnets/`, 'azurerm_subnet.db'],
      ['the VNet of the subnet', `${NETWORK}/virtualNetworks/`, 'azurerm_subnet.db'],
      ['the NSG', `${NETWORK}/networkSecurityGroups/`, 'azurerm_network_security_group.db'],
      ['the zone', `${NETWORK}/privateDnsZones/`, 'azurerm_private_dns_zone.db'],
    ];
    const SPELLINGS: [string, string][] = [
      ['a variable', '${var.n}'],
      ['a local', '${local.n}'],
      ['a function', '${lower(var.n)}'],
      ['a function of literals', '${one(["x"])}'],
      ['an iterator', '${each.value}'],
      ['a reference to a block of a name known later', '${azurerm_resource_group.named.name}'],
    ];
    const may = (name: string, role: string, scope: string, resource: string) => failure(name, role, `${JSON.stringify(scope)}, which may be ${resource} (a part of one of them is known only at apply time)`);
    // A function of literals is read as the text it makes ("x", another name: later-parents.ts, 96th run, A96b-5); the reader of
    // scopes known only at apply time still takes it as one that may be the object or hold it.
    const held = (name: string, role: string, scope: string, resource: string) => failure(name, role, `${JSON.stringify(scope)}, a scope known only at apply time that may be it or hold it: ${resource}`);
    test.each(OBJECTS.flatMap(([object, prefix, resource]) => SPELLINGS.map(([spelling, name]) => [object, spelling, `${prefix}${name}`, resource] as const)))('fails Network Contributor on %s, its name %s', (_object, spelling, scope, resource) => {
      const expected = spelling === 'a function of literals' ? held : may;
      expect(verdictsBeside(rule, withHub({ a: { scope, role_definition_name: 'Network Contributor' } }), [CONSTRUCT, ZONES])).toEqual([expected('a', 'Network Contributor', scope, resource)]);
    });

    test.each(OBJECTS)('passes Network Contributor on another %s by a literal name, or a name read from a block of another name', (_object, prefix) => {
      expect(verdictsBeside(rule, withHub({
        literal: { scope: `${prefix}other`, role_definition_name: 'Network Contributor' },
        read: { scope: `${prefix}\${azurerm_resource_group.other.name}`, role_definition_name: 'Network Contributor' },
        group: { scope: `${prefix.replace('rg-network', 'rg-other')}\${var.n}`, role_definition_name: 'Network Contributor' },
      }), [CONSTRUCT, ZONES])).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
    });

    test.each(SPELLINGS)('fails Network Contributor on the resource group that holds them, its name %s; passes a group that cannot be theirs', (_spelling, name) => {
      const group = `/subscriptions/\${var.subscription}/resourceGroups/${name}`;
      expect(verdictsBeside(rule, withHub({
        a: { scope: group, role_definition_name: 'Network Contributor' },
        other: { scope: `${group}-app`.replace('${var.subscription}', '0'), role_definition_name: 'Network Contributor' },
      }), [CONSTRUCT, ZONES])).toEqual([failure('a', 'Network Contributor', `${JSON.stringify(group)}, which may be the resource group of azurerm_subnet.db (its name is known only at apply time)`)]);
    });

    test('fails Network Contributor on a whole scope known only at apply time, and on a lookup by a name known later; passes it on another resource\'s ID', () => {
      const lookups = { data: { azurerm_network_security_group: { later: { name: '${var.n}', resource_group_name: 'rg-network' } } } };
      const resources = withHub({
        whole: { scope: '${var.scope}', role_definition_name: 'Network Contributor' },
        found: { scope: '${data.azurerm_network_security_group.later.id}', role_definition_name: 'Network Contributor' },
        other: { scope: '${azurerm_virtual_network.spoke.id}', role_definition_name: 'Network Contributor' },
      });
      const model = buildStackModel({ resource: resources, ...lookups });
      const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
      expect(rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT, ZONES] })).toEqual([
        may('found', 'Network Contributor', '${data.azurerm_network_security_group.later.id}', 'azurerm_network_security_group.db'),
        may('whole', 'Network Contributor', '${var.scope}', 'azurerm_subnet.db'),
      ]);
    });

    test('fails Network Contributor on the literal ID of an object whose group or VNet the construct was given as a function or template of the stack\'s names (A15b-19)', () => {
      const resources = constructNetwork({
        nsg: { scope: `${NETWORK}/networkSecurityGroups/nsg-db`, role_definition_name: 'Network Contributor' },
        subnet: { scope: `${NETWORK}/virtualNetworks/vnet-hub/subnets/snet-db`, role_definition_name: 'Network Contributor' },
        other: { scope: `${NETWORK}/networkSecurityGroups/nsg-other`, role_definition_name: 'Network Contributor' },
      });
      const spelled = '${element(split("/", "/subscriptions/0/resourceGroups/${azurerm_virtual_network.hub.resource_group_name}/providers/Microsoft.Network/virtualNetworks/${azurerm_virtual_network.hub.name}"), 8)}';
      const given = {
        ...resources,
        azurerm_subnet: { db: { ...resources.azurerm_subnet.db, virtual_network_name: spelled } },
        azurerm_network_security_group: { db: { ...resources.azurerm_network_security_group.db, resource_group_name: '${lower(azurerm_resource_group.network.name)}' } },
      };
      expect(verdictsBeside(rule, given, [CONSTRUCT, ZONES])).toEqual([
        may('nsg', 'Network Contributor', `${NETWORK}/networkSecurityGroups/nsg-db`, 'azurerm_network_security_group.db'),
        may('subnet', 'Network Contributor', `${NETWORK}/virtualNetworks/vnet-hub/subnets/snet-db`, 'azurerm_subnet.db'),
      ]);
    });
  });

  const holds = (name: string, role: string, scope: string, resource: string) =>
    failure(name, role, `${scope}, which holds ${resource}`);

  test('fails the roles on a scope above the network it makes: its resource group by ID or reference, a subscription, a management group (A8-2)', () => {
    expect(verdictsBeside(rule, withHub({
      group: { scope: `${SUBSCRIPTION}/resourceGroups/RG-Network`, role_definition_name: 'Network Contributor' },
      reference: { scope: '${azurerm_resource_group.network.id}', role_definition_name: 'Private DNS Zone Contributor' },
      subscription: { scope: SUBSCRIPTION, role_definition_name: 'Network Contributor' },
      platform: { scope: '/providers/Microsoft.Management/managementGroups/platform', role_definition_name: 'Private DNS Zone Contributor' },
    }), [CONSTRUCT, ZONES])).toEqual([
      holds('group', 'Network Contributor', `the resource group "${SUBSCRIPTION}/resourceGroups/RG-Network"`, 'azurerm_subnet.db'),
      holds('platform', 'Private DNS Zone Contributor', 'the management group "/providers/Microsoft.Management/managementGroups/platform"', 'azurerm_subnet.db'),
      holds('reference', 'Private DNS Zone Contributor', 'the resource group azurerm_resource_group.network.id', 'azurerm_subnet.db'),
      holds('subscription', 'Network Contributor', `the subscription "${SUBSCRIPTION}"`, 'azurerm_subnet.db'),
    ]);
  });

  test('passes reading roles above the network, the roles on another resource group, and judges a privileged role on the subscription once, as on the server (A8-2)', () => {
    expect(verdictsBeside(rule, withHub({
      reader: { scope: `${SUBSCRIPTION}/resourceGroups/rg-network`, role_definition_name: 'Reader' },
      other: { scope: '${azurerm_resource_group.other.id}', role_definition_name: 'Network Contributor' },
    }), [CONSTRUCT, ZONES])).toEqual([{ status: 'pass' }]);
    expect(verdictsBeside(rule, withHub({ owner: { scope: SUBSCRIPTION, role_definition_name: 'Owner' } }), [CONSTRUCT, ZONES])).toEqual([{
      status: 'fail',
      message: `azurerm_role_assignment.owner grants Owner on the subscription "${SUBSCRIPTION}", which contains the server, which can change or delete the server or grant access to it, with no justification.`,
      address: 'azurerm_role_assignment.owner',
      subject: 'role "Owner"',
    }]);
  });

  describe('in private endpoint mode (A8-8)', () => {
    const endpointMode = (assignments: { [name: string]: object }, made = true): Resources => ({
      [FLEXIBLE]: { db: { ...compliantFlexibleServer({ delegated_subnet_id: undefined, private_dns_zone_id: undefined, public_network_access_enabled: false }), ...madeAt(`${CONSTRUCT}/Server`) } },
      azurerm_private_endpoint: {
        pe: {
          ...(made ? madeAt(`${CONSTRUCT}/PrivateEndpoint/Endpoint`) : {}),
          name: 'orders-db-pe',
          resource_group_name: 'rg-orders',
          subnet_id: `${NETWORK}/virtualNetworks/vnet-hub/subnets/snet-endpoints`,
          private_service_connection: { name: 'c', private_connection_resource_id: `\${${FLEXIBLE}.db.id}`, subresource_names: ['postgresqlServer'], is_manual_connection: false },
          private_dns_zone_group: { name: 'default', private_dns_zone_ids: ['${azurerm_private_dns_zone.link.id}'] },
        },
      },
      azurerm_private_dns_zone: { link: { ...madeAt(`${ZONES}/zone/Zone`), name: 'privatelink.postgres.database.azure.com', resource_group_name: 'rg-orders' } },
      azurerm_role_assignment: Object.fromEntries(Object.entries(assignments).map(([name, block]) => [name, { principal_id: PRINCIPAL, ...block }])),
    });
    const ENDPOINT = `${SUBSCRIPTION}/resourceGroups/rg-orders/providers/Microsoft.Network/privateEndpoints/orders-db-pe`;

    test('fails the roles on the private endpoint the construct makes, by reference, ID or below it (its DNS zone group)', () => {
      expect(verdictsBeside(rule, endpointMode({
        reference: { scope: '${azurerm_private_endpoint.pe.id}', role_definition_name: 'Network Contributor' },
        id: { scope: ENDPOINT, role_definition_name: 'Owner' },
        group: { scope: `${ENDPOINT}/privateDnsZoneGroups/default`, role_definition_name: 'Contributor' },
      }), [CONSTRUCT, ZONES])).toEqual([
        failure('group', 'Contributor', 'azurerm_private_endpoint.pe'),
        failure('id', 'Owner', 'azurerm_private_endpoint.pe'),
        failure('reference', 'Network Contributor', 'azurerm_private_endpoint.pe'),
      ]);
    });

    test.each([['a variable', '${var.n}'], ['a function', '${lower(var.n)}'], ['a reference to a block named like it', '${azurerm_private_dns_zone.link.name}']])('fails Network Contributor on the endpoint, its name %s, and passes another literal endpoint (A15a-8)', (_spelling, name) => {
      const scope = ENDPOINT.replace('orders-db-pe', name);
      const named = name.includes('link') ? endpointMode({}) : undefined;
      const resources = named === undefined ? endpointMode({ a: { scope, role_definition_name: 'Network Contributor' }, other: { scope: ENDPOINT.replace('orders-db-pe', 'app-pe'), role_definition_name: 'Network Contributor' } })
        : { ...named, azurerm_private_endpoint: { pe: { ...named.azurerm_private_endpoint.pe, name: 'privatelink.postgres.database.azure.com' } }, azurerm_role_assignment: { a: { scope, role_definition_name: 'Network Contributor', principal_id: PRINCIPAL } } };
      expect(verdictsBeside(rule, resources, [CONSTRUCT, ZONES])).toEqual([failure('a', 'Network Contributor', `${JSON.stringify(scope)}, which may be azurerm_private_endpoint.pe (a part of one of them is known only at apply time)`)]);
    });

    // Every network type the construct makes (the one table of their IDs) is judged by every spelling above or here.
    test('the spellings cover every type of the network table', () => {
      expect(Object.keys(NETWORK_ID_SEGMENTS).sort()).toEqual(['azurerm_network_security_group', 'azurerm_private_dns_zone', 'azurerm_private_endpoint', 'azurerm_subnet']);
    });

    test('passes a reading role on it, and the roles on an endpoint the construct did not make', () => {
      expect(verdictsBeside(rule, endpointMode({ reader: { scope: '${azurerm_private_endpoint.pe.id}', role_definition_name: 'Reader' } }), [CONSTRUCT, ZONES])).toEqual([{ status: 'pass' }]);
      expect(verdictsBeside(rule, endpointMode({ given: { scope: ENDPOINT, role_definition_name: 'Network Contributor' } }, false), [CONSTRUCT])).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
    });
  });
});

describe('the server\'s id read through the whole server, or spelled as an index or with blanks (seventh review, A7-9)', () => {
  const owner = (scope: string) => ({ scope, role_definition_name: 'Owner' });
  const failedIn = (verdicts: readonly { status: string; address?: string }[]) => verdicts.filter((v) => v.status === 'fail').map((v) => v.address);

  test('fails Owner on an expression that reads the whole server: it holds the id', () => {
    expect(failedIn(verdictsBeside(rule, withAssignments({
      lookup: owner(`\${lookup(${FLEXIBLE}.db, "id")}`),
      splat: owner(`\${${FLEXIBLE}.db[*].id[0]}`),
      merged: owner(`\${merge(${FLEXIBLE}.db, {}).id}`),
    })))).toEqual(['azurerm_role_assignment.lookup', 'azurerm_role_assignment.merged', 'azurerm_role_assignment.splat']);
  });

  test('judges no Owner on another attribute of the server, nor on the whole of a server the stack does not hold', () => {
    expect(verdictsBeside(rule, withAssignments({
      name: owner(`\${${FLEXIBLE}.db.name}`),
      other: owner(`\${lookup(${FLEXIBLE}.other, "id")}`),
    }))).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
  });

  test('in the pack, fails Owner on the id as an index, with blanks, and through a local that holds the server', () => {
    const terraform = {
      locals: { server: `\${${FLEXIBLE}.db}` },
      resource: withAssignments({
        index: owner(`\${${FLEXIBLE}.db["id"]}`),
        blanks: owner(`\${ ${FLEXIBLE} . db . id }`),
        local: owner('${local.server.id}'),
      }),
    };
    const { findings } = evaluateStack(terraform, [rule]);
    expect(findings.filter((f) => f.status === 'fail').map((f) => [f.address, f.message])).toEqual([
      ['azurerm_role_assignment.blanks', 'azurerm_role_assignment.blanks grants Owner on the server, which can change or delete the server or grant access to it, with no justification.'],
      ['azurerm_role_assignment.index', 'azurerm_role_assignment.index grants Owner on the server, which can change or delete the server or grant access to it, with no justification.'],
      ['azurerm_role_assignment.local', 'azurerm_role_assignment.local grants Owner on the server, which can change or delete the server or grant access to it, with no justification.'],
    ]);
  });
});

describe('a role that reads the password a construct vaults (fourteenth review, A14a-7)', () => {
  const VAULT = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-postgres';
  const GENERATOR = 'random_password.admin';
  const vaulted = (assignments: { [name: string]: object }, secret: object = {}, extra: Resources = {}): Resources => ({
    ...extra,
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({ administrator_password_wo: `\${${GENERATOR}.result}` }), ...madeAt(`${CONSTRUCT}/Server`) } },
    random_password: { admin: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Password`), length: 32 } },
    azurerm_key_vault_secret: {
      own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: 'orders-db-administrator-password', key_vault_id: VAULT, value_wo: `\${${GENERATOR}.result}`, ...secret },
      other: { name: 'app-settings', key_vault_id: VAULT, value: 'x' },
    },
    azurerm_role_assignment: Object.fromEntries(Object.entries(assignments).map(([name, block]) => [name, { principal_id: PRINCIPAL, ...block }])),
  });
  const SECRET = 'azurerm_key_vault_secret.own, the Key Vault secret the administrator password is written to';
  const reads = (name: string, role: string, on: string, can = 'reads the values of its secrets') => ({
    status: 'fail',
    message: `azurerm_role_assignment.${name} grants ${role} on ${on}, which ${can}: its holder reads that password and signs in to the server with it, with no justification.`,
    address: `azurerm_role_assignment.${name}`,
    subject: `role "${role}"`,
  });
  const GRANTS = 'can grant itself reading the values of its secrets (a role assignment or an access policy)';

  test('fails a role that reads secrets on the secret, by reference to any of its IDs or by its literal or templated ID, by name in any case or definition ID', () => {
    expect(verdictsBeside(rule, vaulted({
      a: { scope: '${azurerm_key_vault_secret.own.resource_versionless_id}', role_definition_name: 'Key Vault Secrets User' },
      b: { scope: '${azurerm_key_vault_secret.own.id}', role_definition_name: 'key vault secrets officer' },
      c: { scope: `${VAULT}/secrets/orders-db-administrator-password`, role_definition_id: '/providers/Microsoft.Authorization/roleDefinitions/00482A5A-887F-4FB3-B363-3B7FE8E74483' },
      d: { scope: '/subscriptions/${var.subscription}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-postgres/secrets/Orders-DB-Administrator-Password/0123', role_definition_name: 'Key Vault Secrets User' },
      e: { scope: '${azurerm_key_vault_secret.own.id}', role_definition_name: 'Owner' },
    }), [CONSTRUCT])).toEqual([
      reads('a', 'Key Vault Secrets User', SECRET),
      reads('b', 'Key Vault Secrets Officer', SECRET),
      reads('c', 'Key Vault Administrator', SECRET),
      reads('d', 'Key Vault Secrets User', SECRET),
      reads('e', 'Owner', SECRET, GRANTS),
    ]);
  });

  test('fails those roles on its vault (by literal ID, template, reference to the vault it is given) and on the scopes that hold it (its group, a subscription, the root)', () => {
    expect(verdictsBeside(rule, vaulted({
      a: { scope: VAULT.toUpperCase(), role_definition_name: 'Key Vault Secrets User' },
      b: { scope: '/subscriptions/${var.subscription}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-postgres', role_definition_name: 'Key Vault Contributor' },
      c: { scope: '${azurerm_key_vault_secret.own.key_vault_id}', role_definition_name: 'Key Vault Data Access Administrator' },
      d: { scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/RG-Keys', role_definition_name: 'Key Vault Administrator' },
      e: { scope: SUBSCRIPTION, role_definition_name: 'Key Vault Secrets Officer' },
      f: { scope: '/', role_definition_name: 'Key Vault Secrets User' },
      g: { scope: VAULT, role_definition_id: '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/db79e9a7-68ee-4b58-9aeb-b90e7c24fcba' },
    }), [CONSTRUCT])).toEqual([
      reads('a', 'Key Vault Secrets User', `the vault of ${SECRET}`),
      reads('b', 'Key Vault Contributor', `the vault of ${SECRET}`, GRANTS),
      reads('c', 'Key Vault Data Access Administrator', `the vault of ${SECRET}`, GRANTS),
      reads('d', 'Key Vault Administrator', `the resource group "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/RG-Keys", which holds the vault of ${SECRET}`),
      reads('e', 'Key Vault Secrets Officer', `the subscription "${SUBSCRIPTION}", which holds the vault of ${SECRET}`),
      reads('f', 'Key Vault Secrets User', `the root scope, which holds the vault of ${SECRET}`),
      reads('g', 'Key Vault Certificate User', `the vault of ${SECRET}`),
    ]);
  });

  test('reads a vault the stack makes or looks up by its name: a role on it, by reference or ID, or on its group', () => {
    const vaults: Resources = {
      azurerm_key_vault: { kv: { name: 'kv-made', resource_group_name: 'rg-made', location: 'westeurope', tenant_id: 't', sku_name: 'standard' } },
      azurerm_resource_group: { made: { name: 'rg-made', location: 'westeurope' } },
    };
    const secret = 'azurerm_key_vault_secret.own, the Key Vault secret the administrator password is written to';
    expect(verdictsBeside(rule, vaulted({
      a: { scope: '${azurerm_key_vault.kv.id}', role_definition_name: 'Key Vault Secrets User' },
      b: { scope: '/subscriptions/x/resourceGroups/rg-made/providers/Microsoft.KeyVault/vaults/KV-Made/secrets/orders-db-administrator-password', role_definition_name: 'Key Vault Secrets User' },
      c: { scope: '${azurerm_resource_group.made.id}', role_definition_name: 'Key Vault Secrets User' },
    }, { key_vault_id: '${azurerm_key_vault.kv.id}' }, vaults), [CONSTRUCT])).toEqual([
      reads('a', 'Key Vault Secrets User', `the vault of ${secret}`),
      reads('b', 'Key Vault Secrets User', secret),
      reads('c', 'Key Vault Secrets User', `the resource group azurerm_resource_group.made.id, which holds the vault of ${secret}`),
    ]);
  });

  test('beside a secret whose vault is known only at apply time, a role on any vault (or a secret of its name there) may be on it, and a subscription or a literal group may hold it; the same expression is its vault', () => {
    const OTHER = VAULT.replace('kv-postgres', 'kv-app');
    expect(verdictsBeside(rule, vaulted({
      a: { scope: OTHER, role_definition_name: 'Key Vault Secrets User' },
      b: { scope: `${OTHER}/secrets/orders-db-administrator-password`, role_definition_name: 'Key Vault Secrets User' },
      c: { scope: '${var.key_vault_id}', role_definition_name: 'Key Vault Secrets User' },
      d: { scope: SUBSCRIPTION, role_definition_name: 'Key Vault Secrets User' },
      e: { scope: `${OTHER}/secrets/app-settings`, role_definition_name: 'Key Vault Secrets User' },
      f: { scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys', role_definition_name: 'Key Vault Secrets User' },
    }, { key_vault_id: '${var.key_vault_id}' }), [CONSTRUCT])).toEqual([
      reads('a', 'Key Vault Secrets User', `"${OTHER}", which may be the vault of ${SECRET} (its vault is known only at apply time)`),
      reads('b', 'Key Vault Secrets User', `"${OTHER}/secrets/orders-db-administrator-password", which may be ${SECRET} (its vault is known only at apply time)`),
      reads('c', 'Key Vault Secrets User', `the vault of ${SECRET}`),
      reads('d', 'Key Vault Secrets User', `the subscription "${SUBSCRIPTION}", which holds the vault of ${SECRET}`),
      // A literal resource group may hold the vault given by a variable, as it may any other object given so (A25a-7).
      reads('f', 'Key Vault Secrets User', `"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys", which may hold the vault of ${SECRET} (its ID is known only at apply time)`),
    ]);
  });

  // A known vault beside a secret whose vault is a variable may be it: the variable may be set to its ID (fifteenth review, A14b-6).
  test('beside a secret whose vault is a variable, fails an access policy that grants Get on a known vault (literal ID, looked up by a literal name, made by the stack) or a vault known only at apply time, and a role on a vault the stack makes or looks up', () => {
    const OTHER = VAULT.replace('kv-postgres', 'kv-app');
    const policy = (vault: string) => ({ key_vault_id: vault, tenant_id: 't', object_id: PRINCIPAL, secret_permissions: ['Get'] });
    const vaults: Resources = {
      azurerm_key_vault: {
        made: { name: 'kv-made', resource_group_name: 'rg-made', location: 'westeurope', tenant_id: 't', sku_name: 'standard', access_policy: [{ tenant_id: 't', object_id: PRINCIPAL, secret_permissions: ['Get'] }] },
        unnamed: { name: '${var.vault_name}', resource_group_name: 'rg-made', location: 'westeurope', tenant_id: 't', sku_name: 'standard' },
      },
      azurerm_key_vault_access_policy: {
        literal: policy(OTHER),
        found: policy('${data.azurerm_key_vault.found.id}'),
        made: policy('${azurerm_key_vault.unnamed.id}'),
        variable: policy('${var.app_vault_id}'),
        list: { ...policy(OTHER), secret_permissions: ['List'] },
      },
    };
    const terraform = {
      resource: vaulted({
        a: { scope: '${data.azurerm_key_vault.found.id}', role_definition_name: 'Key Vault Secrets User' },
        b: { scope: '${azurerm_key_vault.unnamed.id}', role_definition_name: 'Key Vault Secrets User' },
        c: { scope: '${data.azurerm_key_vault.counted[0].id}', role_definition_name: 'Key Vault Secrets User' },
      }, { key_vault_id: '${var.key_vault_id}' }, vaults),
      data: { azurerm_key_vault: { found: { name: 'kv-found', resource_group_name: 'rg-keys' }, counted: { count: 1, name: 'kv-found', resource_group_name: 'rg-keys' } } },
    };
    const model = buildStackModel(terraform);
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    const maybe = (vault: string, what = `the vault of ${SECRET}`) => `${JSON.stringify(vault)}, which may be ${what} (one of the two vaults is known only at apply time)`;
    const gets = (address: string, on: string) => ({ status: 'fail', message: `${address} grants Get on the secrets of ${on}: its principal reads that password and signs in to the server with it, with no justification.`, address });
    expect(rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] })).toEqual([
      reads('a', 'Key Vault Secrets User', maybe('${data.azurerm_key_vault.found.id}')),
      reads('b', 'Key Vault Secrets User', maybe('${azurerm_key_vault.unnamed.id}')),
      reads('c', 'Key Vault Secrets User', maybe('${data.azurerm_key_vault.counted[0].id}')),
      gets('azurerm_key_vault.made', maybe('${azurerm_key_vault.made.id}')),
      gets('azurerm_key_vault_access_policy.found', maybe('${data.azurerm_key_vault.found.id}')),
      gets('azurerm_key_vault_access_policy.literal', maybe(OTHER)),
      gets('azurerm_key_vault_access_policy.made', maybe('${azurerm_key_vault.unnamed.id}')),
      gets('azurerm_key_vault_access_policy.variable', maybe('${var.app_vault_id}')),
    ]);
  });

  test('beside a secret in a known vault, passes access policies and roles on another known vault (another literal name, another vault the stack makes, a vault looked up by another literal name)', () => {
    const policy = (vault: string) => ({ key_vault_id: vault, tenant_id: 't', object_id: PRINCIPAL, secret_permissions: ['Get'] });
    const terraform = {
      resource: vaulted({
        a: { scope: '${data.azurerm_key_vault.found.id}', role_definition_name: 'Key Vault Secrets User' },
        b: { scope: '${azurerm_key_vault.unnamed.id}', role_definition_name: 'Key Vault Secrets User' },
      }, { key_vault_id: '${azurerm_key_vault.own.id}' }, {
        azurerm_key_vault: {
          own: { name: 'kv-postgres', resource_group_name: 'rg-keys', location: 'westeurope', tenant_id: 't', sku_name: 'standard' },
          unnamed: { name: '${var.vault_name}', resource_group_name: 'rg-made', location: 'westeurope', tenant_id: 't', sku_name: 'standard', access_policy: [{ tenant_id: 't', object_id: PRINCIPAL, secret_permissions: ['Get'] }] },
        },
        azurerm_key_vault_access_policy: {
          literal: policy(VAULT.replace('kv-postgres', 'kv-app')),
          found: policy('${data.azurerm_key_vault.found.id}'),
          made: policy('${azurerm_key_vault.unnamed.id}'),
        },
      }),
      data: { azurerm_key_vault: { found: { name: 'kv-found', resource_group_name: 'rg-keys' } } },
    };
    const model = buildStackModel(terraform);
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    expect(rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] })).toEqual({ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' });
  });

  test('beside a secret in a literal vault, a vault the stack makes in its group, named by a variable, may be it; one whose name cannot spell it, or in another group, is another', () => {
    const vault = (name: string, group = 'rg-keys') => ({ name, resource_group_name: group, location: 'westeurope', tenant_id: 't', sku_name: 'standard', access_policy: [{ tenant_id: 't', object_id: PRINCIPAL, secret_permissions: ['Get'] }] });
    expect(verdictsBeside(rule, vaulted({}, {}, {
      azurerm_key_vault: { variable: vault('${var.vault_name}'), prefixed: vault('${var.prefix}-kv'), elsewhere: vault('${var.vault_name}', 'rg-app') },
    }), [CONSTRUCT])).toEqual([{
      status: 'fail',
      message: `azurerm_key_vault.variable grants Get on the secrets of "\${azurerm_key_vault.variable.id}", which may be the vault of ${SECRET} (one of the two vaults is known only at apply time): its principal reads that password and signs in to the server with it, with no justification.`,
      address: 'azurerm_key_vault.variable',
    }]);
  });

  test('reads a secret scope spelled from a vault the stack makes or looks up (`${vault.id}/secrets/<name>`) as a secret of that vault, which may be the construct\'s', () => {
    const vaults: Resources = {
      azurerm_key_vault: {
        own: { name: 'kv-postgres', resource_group_name: 'rg-keys', location: 'westeurope', tenant_id: 't', sku_name: 'standard' },
        unnamed: { name: '${var.vault_name}', resource_group_name: 'rg-made', location: 'westeurope', tenant_id: 't', sku_name: 'standard' },
      },
    };
    const assignments = {
      a: { scope: '${azurerm_key_vault.unnamed.id}/secrets/orders-db-administrator-password', role_definition_name: 'Key Vault Secrets User' },
      b: { scope: '${azurerm_key_vault.unnamed.id}/secrets/app-settings', role_definition_name: 'Key Vault Secrets User' },
      c: { scope: '${azurerm_key_vault.own.id}/secrets/Orders-DB-Administrator-Password', role_definition_name: 'Key Vault Secrets User' },
    };
    const maybe = (scope: string) => `${JSON.stringify(scope)}, which may be ${SECRET} (one of the two vaults is known only at apply time)`;
    expect(verdictsBeside(rule, vaulted(assignments, { key_vault_id: '${var.key_vault_id}' }, vaults), [CONSTRUCT])).toEqual([
      reads('a', 'Key Vault Secrets User', maybe('${azurerm_key_vault.unnamed.id}/secrets/orders-db-administrator-password')),
      reads('c', 'Key Vault Secrets User', maybe('${azurerm_key_vault.own.id}/secrets/Orders-DB-Administrator-Password')),
    ]);
    expect(verdictsBeside(rule, vaulted(assignments, { key_vault_id: '${azurerm_key_vault.own.id}' }, vaults), [CONSTRUCT])).toEqual([
      reads('c', 'Key Vault Secrets User', SECRET),
    ]);
  });

  test('judges a role known only at apply time on the secret as unknown, and a privileged role on the subscription once, as on the server', () => {
    expect(verdictsBeside(rule, vaulted({
      a: { scope: '${azurerm_key_vault_secret.own.id}', role_definition_name: '${var.role}' },
      b: { scope: SUBSCRIPTION, role_definition_name: 'Owner' },
    }), [CONSTRUCT])).toEqual([
      { status: 'fail', message: `azurerm_role_assignment.b grants Owner on the subscription "${SUBSCRIPTION}", which contains the server, which can change or delete the server or grant access to it, with no justification.`, address: 'azurerm_role_assignment.b', subject: 'role "Owner"' },
      { status: 'unknown', note: `the role of azurerm_role_assignment.a (role_definition_name) is known only at apply time, and may be one that reads the password in ${SECRET}`, address: 'azurerm_role_assignment.a' },
    ]);
  });

  test('passes roles that cannot read secrets, roles on another secret, vault or group, and a construct that vaults no password', () => {
    const others = {
      reader: { scope: '${azurerm_key_vault_secret.own.id}', role_definition_name: 'Key Vault Reader' },
      sibling: { scope: '${azurerm_key_vault_secret.other.id}', role_definition_name: 'Key Vault Secrets User' },
      named: { scope: `${VAULT}/secrets/app-settings`, role_definition_name: 'Key Vault Secrets User' },
      vault: { scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-other', role_definition_name: 'Key Vault Administrator' },
      group: { scope: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-other', role_definition_name: 'Key Vault Administrator' },
    };
    expect(verdictsBeside(rule, vaulted(others), [CONSTRUCT])).toEqual([{ status: 'pass' }]);
    const unvaulted = vaulted({ a: { scope: VAULT, role_definition_name: 'Key Vault Secrets User' } });
    delete (unvaulted.azurerm_key_vault_secret as { own?: unknown }).own;
    expect(verdictsBeside(rule, unvaulted, [CONSTRUCT])).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
  });

  test('judges the Key Vault secret of a DatabaseAccess password member of the server like the construct\'s, its name spelled from the server\'s', () => {
    const ACCESS = 'stack/Access';
    const resources = vaulted({
      a: { scope: '${azurerm_key_vault_secret.member.id}', role_definition_name: 'Key Vault Secrets User' },
      b: { scope: `${VAULT}/secrets/Orders-DB-app-password`, role_definition_name: 'Key Vault Secrets User' },
      c: { scope: `${VAULT}/secrets/app-settings`, role_definition_name: 'Key Vault Secrets User' },
    }, {}, {
      random_password: { member: { ...madeAt(`${ACCESS}/app/Password`), length: 32 } },
    });
    resources.random_password = { ...resources.random_password as object, member: { ...madeAt(`${ACCESS}/app/Password`), length: 32 } };
    resources.azurerm_key_vault_secret = { ...resources.azurerm_key_vault_secret as object, member: { ...madeAt(`${ACCESS}/app/Secret`), name: `\${${FLEXIBLE}.db.name}-app-password`, key_vault_id: VAULT, value_wo: '${random_password.member.result}' } };
    const model = buildStackModel({ resource: resources });
    const server = model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!;
    const declaredAccess = [{ path: ACCESS, server: `${FLEXIBLE}.db` } as AccessDeclaration];
    expect(rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, constructs: [CONSTRUCT], declaredAccess })).toEqual([
      reads('a', 'Key Vault Secrets User', 'azurerm_key_vault_secret.member, the Key Vault secret the password of a DatabaseAccess member is written to'),
      reads('b', 'Key Vault Secrets User', 'azurerm_key_vault_secret.member, the Key Vault secret the password of a DatabaseAccess member is written to'),
    ]);
  });

  test('fails an access policy that grants Get on the secrets of its vault (separate, or inline in the vault the stack makes), unknown permissions as unknown; passes List only and another vault', () => {
    const policy = (vault: string, permissions: unknown) => ({ key_vault_id: vault, tenant_id: 't', object_id: PRINCIPAL, secret_permissions: permissions });
    const on = `the vault of ${SECRET}`;
    expect(verdictsBeside(rule, vaulted({}, {}, {
      azurerm_key_vault_access_policy: {
        get: policy(VAULT.toLowerCase(), ['List', ' get ']),
        later: policy('${azurerm_key_vault_secret.own.key_vault_id}', ['${var.permission}']),
        list: policy(VAULT, ['List']),
        other: policy(VAULT.replace('kv-postgres', 'kv-other'), ['Get']),
      },
    }), [CONSTRUCT])).toEqual([
      { status: 'fail', message: `azurerm_key_vault_access_policy.get grants Get on the secrets of ${on}: its principal reads that password and signs in to the server with it, with no justification.`, address: 'azurerm_key_vault_access_policy.get' },
      { status: 'unknown', note: `the secret permissions of azurerm_key_vault_access_policy.later are known only at apply time, and may grant Get or Backup on ${on}`, address: 'azurerm_key_vault_access_policy.later' },
    ]);
    const made = 'azurerm_key_vault_secret.own, the Key Vault secret the administrator password is written to';
    expect(verdictsBeside(rule, vaulted({}, { key_vault_id: '${azurerm_key_vault.kv.id}' }, {
      azurerm_key_vault: { kv: { name: 'kv-made', resource_group_name: 'rg-made', location: 'westeurope', tenant_id: 't', sku_name: 'standard', access_policy: [{ tenant_id: 't', object_id: PRINCIPAL, secret_permissions: ['Get'] }] } },
    }), [CONSTRUCT])).toEqual([
      { status: 'fail', message: `azurerm_key_vault.kv grants Get on the secrets of the vault of ${made}: its principal reads that password and signs in to the server with it, with no justification.`, address: 'azurerm_key_vault.kv' },
    ]);
  });

  test('fails an access policy that grants Backup on the secrets of its vault, alone or with Get, separate or inline: a backup restored into a vault of one\'s own is read there (A15a-7)', () => {
    const policy = (permissions: unknown) => ({ key_vault_id: VAULT, tenant_id: 't', object_id: PRINCIPAL, secret_permissions: permissions });
    const on = `the vault of ${SECRET}`;
    const RESTORED = ' (a backup is restored into any vault of the subscription, where its holder reads it)';
    const grants = (address: string, what: string, restored = RESTORED, where = on) => ({
      status: 'fail', message: `${address} grants ${what} on the secrets of ${where}${restored}: its principal reads that password and signs in to the server with it, with no justification.`, address,
    });
    expect(verdictsBeside(rule, vaulted({}, {}, {
      azurerm_key_vault_access_policy: {
        backup: policy(['List', 'Backup']),
        both: policy([' BACKUP', 'get']),
        all: policy(['all']),
        restore: policy(['List', 'Restore', 'Recover', 'Purge', 'Set', 'Delete']),
      },
    }), [CONSTRUCT])).toEqual([
      grants('azurerm_key_vault_access_policy.all', 'all', ''),
      grants('azurerm_key_vault_access_policy.backup', 'Backup'),
      grants('azurerm_key_vault_access_policy.both', 'Get and Backup', ''),
    ]);
    const made = 'azurerm_key_vault_secret.own, the Key Vault secret the administrator password is written to';
    expect(verdictsBeside(rule, vaulted({}, { key_vault_id: '${azurerm_key_vault.kv.id}' }, {
      azurerm_key_vault: { kv: { name: 'kv-made', resource_group_name: 'rg-made', location: 'westeurope', tenant_id: 't', sku_name: 'standard', access_policy: [
        { tenant_id: 't', object_id: PRINCIPAL, secret_permissions: ['List'] }, { tenant_id: 't', object_id: PRINCIPAL, secret_permissions: ['Backup'] },
      ] } },
    }), [CONSTRUCT])).toEqual([grants('azurerm_key_vault.kv', 'Backup', RESTORED, `the vault of ${made}`)]);
  });
});

describe('a vault the stack makes whose access policies are known only at apply time', () => {
  const GENERATOR = 'random_password.admin';
  const made = 'azurerm_key_vault_secret.own, the Key Vault secret the administrator password is written to';
  const withVault = (vault: object): Resources => ({
    [FLEXIBLE]: { db: { ...compliantFlexibleServer({ administrator_password_wo: `\${${GENERATOR}.result}` }), ...madeAt(`${CONSTRUCT}/Server`) } },
    random_password: { admin: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Password`), length: 32 } },
    azurerm_key_vault_secret: { own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: 'orders-db-administrator-password', key_vault_id: '${azurerm_key_vault.kv.id}', value_wo: `\${${GENERATOR}.result}` } },
    azurerm_key_vault: { kv: { name: 'kv-made', resource_group_name: 'rg-made', location: 'westeurope', tenant_id: 't', sku_name: 'standard', ...vault } },
  });
  const later = { status: 'unknown', note: `the secret permissions of azurerm_key_vault.kv are known only at apply time, and may grant Get or Backup on the vault of ${made}`, address: 'azurerm_key_vault.kv' };

  test('is unknown when the whole access_policy list, or one of its items, is known only at apply time (it may grant Get)', () => {
    expect(verdictsBeside(rule, withVault({ access_policy: '${var.policies}' }), [CONSTRUCT])).toEqual([later]);
    expect(verdictsBeside(rule, withVault({ access_policy: [{ tenant_id: 't', object_id: PRINCIPAL, secret_permissions: ['List'] }, '${var.policy}'] }), [CONSTRUCT])).toEqual([later]);
  });

  test('is unknown when a dynamic access_policy block may grant Get; passes one whose content reads no secret', () => {
    const dynamic = (permissions: unknown) => ({ dynamic: { access_policy: { for_each: '${var.readers}', content: { tenant_id: 't', object_id: '${access_policy.value}', secret_permissions: permissions } } } });
    expect(verdictsBeside(rule, withVault(dynamic(['Get'])), [CONSTRUCT])).toEqual([later]);
    expect(verdictsBeside(rule, withVault(dynamic('${var.permissions}')), [CONSTRUCT])).toEqual([later]);
    expect(verdictsBeside(rule, withVault(dynamic(['List'])), [CONSTRUCT])).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
  });

  test('passes a vault with no access policy, or with policies that read no secret', () => {
    expect(verdictsBeside(rule, withVault({}), [CONSTRUCT])).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
    expect(verdictsBeside(rule, withVault({ access_policy: [] }), [CONSTRUCT])).toEqual([{ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' }]);
  });
});

// One scope reader for the vault of a vaulted password and its secret (fifteenth review, A15a-9, A15b-12): every spelling
// whose vault (or secret) part is known only at apply time may be it and fails closed; another literal vault or secret passes.
describe('a scope that may name the vault or the secret of a vaulted password, by every spelling (A15a-9, A15b-12)', () => {
  const GENERATOR = 'random_password.admin';
  const KEYS = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys';
  const VAULT = `${KEYS}/providers/Microsoft.KeyVault/vaults/kv-postgres`;
  const SECRET = 'azurerm_key_vault_secret.own, the Key Vault secret the administrator password is written to';
  function judged(scopes: { [name: string]: string }, vaultId: string = VAULT, policies: { [name: string]: string } = {}): unknown {
    const model = buildStackModel({
      resource: {
        [FLEXIBLE]: { db: { ...compliantFlexibleServer({ administrator_password_wo: `\${${GENERATOR}.result}` }), ...madeAt(`${CONSTRUCT}/Server`) } },
        random_password: { admin: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Password`), length: 32 } },
        azurerm_key_vault_secret: { own: { ...madeAt(`${CONSTRUCT}/AdministratorPassword/Secret`), name: 'orders-db-administrator-password', key_vault_id: vaultId, value_wo: `\${${GENERATOR}.result}` } },
        azurerm_resource_group: { named: { name: 'kv-postgres', location: 'westeurope' }, other: { name: 'kv-app', location: 'westeurope' } },
        azurerm_storage_account: { st: { name: 'st', resource_group_name: 'rg-keys' } },
        azurerm_role_assignment: Object.fromEntries(Object.entries(scopes).map(([name, scope]) => [name, { principal_id: PRINCIPAL, scope, role_definition_name: 'Key Vault Secrets User' }])),
        azurerm_key_vault_access_policy: Object.fromEntries(Object.entries(policies).map(([name, vault]) => [name, { key_vault_id: vault, tenant_id: 't', object_id: PRINCIPAL, secret_permissions: ['Get'] }])),
      },
      data: { azurerm_key_vault: { later: { name: '${var.kvn}', resource_group_name: 'rg-keys' } } },
    });
    const server = model.servers.find((each) => each.address === `${FLEXIBLE}.db`)!;
    return rule.evaluate(server, { postgresqlProviders: new Map(), resources: model.resources, lookups: model.lookups, constructs: [CONSTRUCT] });
  }
  const reads = (name: string, on: string) => ({
    status: 'fail',
    message: `azurerm_role_assignment.${name} grants Key Vault Secrets User on ${on}, which reads the values of its secrets: its holder reads that password and signs in to the server with it, with no justification.`,
    address: `azurerm_role_assignment.${name}`,
    subject: 'role "Key Vault Secrets User"',
  });
  const maybe = (scope: string, what: string) => `${JSON.stringify(scope)}, which may be ${what} (one of the two vaults is known only at apply time)`;
  const VAULT_SPELLINGS: [string, string][] = [
    ['a variable', '${var.n}'],
    ['a local', '${local.n}'],
    ['a function of literals', '${one(["kv-postgres"])}'],
    ['a function of a variable', '${lower(var.n)}'],
    ['an iterator', '${each.value}'],
    ['a template whose literal parts may spell it', 'kv-${var.n}'],
  ];

  /** Spellings of the vault's name whose every value is the literal vault's, read through choices (49th run, A49a-4): that vault. */
  const SURE = new Set(['${one(["kv-postgres"])}']);
  test.each(VAULT_SPELLINGS)('beside a literal vault, fails the role on the vault and on the secret, the vault\'s name %s', (_spelling, name) => {
    const vault = `${KEYS}/providers/Microsoft.KeyVault/vaults/${name}`;
    expect(judged({ a: vault, b: `${vault}/secrets/orders-db-administrator-password` })).toEqual([
      reads('a', SURE.has(name) ? `the vault of ${SECRET}` : maybe(vault, `the vault of ${SECRET}`)),
      reads('b', maybe(`${vault}/secrets/orders-db-administrator-password`, SECRET)),
    ]);
  });

  test.each<[string, string, string]>([
    ['a scope wholly a variable', '${var.scope}', `the vault of ${SECRET}`],
    ['a scope wholly a function of a variable', '${join("/", slice(split("/", var.scope), 0, 9))}', `the vault of ${SECRET}`],
    ['a vault looked up by a name known only at apply time', '${data.azurerm_key_vault.later.id}', `the vault of ${SECRET}`],
    ['the secret below a vault pointer known only at apply time', '${var.vault_id}/secrets/orders-db-administrator-password', SECRET],
    ['the secret below a lookup by a name known only at apply time', '${data.azurerm_key_vault.later.id}/secrets/orders-db-administrator-password', SECRET],
  ])('beside a literal vault, fails the role on %s', (_spelling, scope, what) => {
    expect(judged({ a: scope })).toEqual([reads('a', maybe(scope, what))]);
  });

  test.each(VAULT_SPELLINGS)('beside a literal vault, fails the role on its resource group, the group\'s name %s', (_spelling, name) => {
    const group = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${name.replace('kv-', 'rg-')}`;
    expect(judged({ a: group })).toEqual([reads('a', `${JSON.stringify(group)}, which may be the resource group that holds the vault of ${SECRET} (its name is known only at apply time)`)]);
  });

  test('beside a literal vault, passes the role on a group whose name cannot be the vault\'s group', () => {
    // A group known only at apply time may be the server's (A12b-4): the role is judged there, and passes.
    expect(judged({ a: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/app-${var.n}', b: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${azurerm_resource_group.other.name}' })).toEqual({ status: 'pass' });
  });

  test('fails an access policy that grants Get on the vault by every spelling, beside a literal vault or a vault pointer; passes one on another literal vault', () => {
    const gets = (address: string, vault: string, what = `the vault of ${SECRET}`) => ({ status: 'fail', message: `azurerm_key_vault_access_policy.${address} grants Get on the secrets of ${maybe(vault, what)}: its principal reads that password and signs in to the server with it, with no justification.`, address: `azurerm_key_vault_access_policy.${address}` });
    const surely = (address: string) => ({ status: 'fail', message: `azurerm_key_vault_access_policy.${address} grants Get on the secrets of the vault of ${SECRET}: its principal reads that password and signs in to the server with it, with no justification.`, address: `azurerm_key_vault_access_policy.${address}` });
    const spelled = Object.fromEntries(VAULT_SPELLINGS.map(([, name], index) => [`p${index}`, `${KEYS}/providers/Microsoft.KeyVault/vaults/${name}`]));
    expect(judged({}, VAULT, { ...spelled, whole: '${var.vault_id}', found: '${data.azurerm_key_vault.later.id}', other: `${KEYS}/providers/Microsoft.KeyVault/vaults/kv-app` })).toEqual([
      gets('found', '${data.azurerm_key_vault.later.id}'),
      ...VAULT_SPELLINGS.map(([, name], index) => (SURE.has(name) ? surely(`p${index}`) : gets(`p${index}`, spelled[`p${index}`]))),
      gets('whole', '${var.vault_id}'),
    ]);
    const own = '${azurerm_key_vault_secret.own.key_vault_id}';
    expect(judged({}, '${var.key_vault_id}', { own, lower: '${lower(var.key_vault_id)}', found: '${data.azurerm_key_vault.later.id}' })).toEqual([
      gets('found', '${data.azurerm_key_vault.later.id}'),
      // lower() keeps the ID's text (Azure compares IDs without case): the same vault (49th run, A49a-4).
      surely('lower'),
      surely('own'),
    ]);
  });

  test('beside a literal vault, a reference to a block named like the vault is that vault', () => {
    expect(judged({ a: `${KEYS}/providers/Microsoft.KeyVault/vaults/\${azurerm_resource_group.named.name}` })).toEqual([reads('a', `the vault of ${SECRET}`)]);
  });

  test.each<[string, string]>([
    ['the same expression', '${var.key_vault_id}/secrets/orders-db-administrator-password'],
    ['the same expression, a version below it', '${var.key_vault_id}/secrets/Orders-DB-Administrator-Password/0123'],
  ])('beside a vault pointer known only at apply time, fails the role on the secret below %s', (_spelling, scope) => {
    expect(judged({ a: scope }, '${var.key_vault_id}')).toEqual([reads('a', SECRET)]);
  });

  test('beside a vault pointer known only at apply time, fails the role on a function of it, on a lookup by a name known later, and (as that vault) on lower() of it', () => {
    const group = '${join("/", slice(split("/", var.key_vault_id), 0, 5))}';
    expect(judged({ a: group, b: '${data.azurerm_key_vault.later.id}', c: '${lower(var.key_vault_id)}' }, '${var.key_vault_id}')).toEqual([
      reads('a', maybe(group, `the vault of ${SECRET}`)),
      reads('b', maybe('${data.azurerm_key_vault.later.id}', `the vault of ${SECRET}`)),
      reads('c', `the vault of ${SECRET}`),
    ]);
  });

  test('passes the role on another literal vault, a name read from a block of another name, a template that cannot spell the vault, another secret, another resource', () => {
    expect(judged({
      literal: `${KEYS}/providers/Microsoft.KeyVault/vaults/kv-app`,
      read: `${KEYS}/providers/Microsoft.KeyVault/vaults/\${azurerm_resource_group.other.name}`,
      prefix: `${KEYS}/providers/Microsoft.KeyVault/vaults/app-\${var.n}`,
      secret: `${KEYS}/providers/Microsoft.KeyVault/vaults/\${var.n}/secrets/app-settings`,
      below: '${var.vault_id}/secrets/app-settings',
      storage: '${azurerm_storage_account.st.id}',
    })).toEqual({ status: 'pass' });
    // A scope below a pointer known only at apply time may be the server's (A8-5): the role is judged there, and passes.
    expect(judged({ below: '${var.key_vault_id}/secrets/app-settings', storage: '${azurerm_storage_account.st.id}' }, '${var.key_vault_id}')).toEqual({ status: 'pass' });
    expect(judged({ literal: `${KEYS}/providers/Microsoft.KeyVault/vaults/kv-app` })).toEqual({ status: 'not-applicable', note: 'no azurerm_role_assignment of this stack is scoped to the server or a scope that contains it' });
  });
});
