import { constructNetworkScope, judgeNetworkAssignment } from '../../lib/checks/network-scopes';
import { Unknown } from '../../lib/checks/hcl-expression';
import { StackFacts } from '../../lib/checks/rule';
import { buildStackModel, ServerView } from '../../lib/checks/stack-model';
import { CONSTRUCT, madeAt } from './beside-fixtures';
import { compliantFlexibleServer, FLEXIBLE, Resources } from './rule-harness';

// Which network resource the construct made for its server a role assignment's scope reaches
// (network-scopes.ts, PG-IAM-2 on a construct's network): the description a message gives, or none.

const ZONES = 'stack/cdktf-azure-postgres-private-dns-zones';
const SUB = '/subscriptions/0000';
const NET = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network`;
const TAIL = 'which the library makes for the server\'s network';
const LATER = '(a part of one of them is known only at apply time)';
const plain = (reference: string) => new Unknown(reference, [reference]);
const template = (expression: string, references: string[] = []) => new Unknown(expression, references);

/** The construct's subnet (in VNet vnet-hub of rg-net), its NSG and its zone, each made by the construct unless told. */
function vnetMode(options: { made?: boolean; subnet?: object; nsg?: object; zone?: object; extra?: Resources } = {}): Resources {
  const made = (path: string) => (options.made === false ? {} : madeAt(path));
  return {
    [FLEXIBLE]: { db: { ...compliantFlexibleServer(), ...madeAt(`${CONSTRUCT}/Server`) } },
    azurerm_subnet: { db: { ...made(`${CONSTRUCT}/Subnet`), name: 'snet-db', resource_group_name: 'rg-net', virtual_network_name: 'vnet-hub', address_prefixes: ['10.0.1.0/28'], ...options.subnet } },
    azurerm_network_security_group: { db: { ...made(`${CONSTRUCT}/Nsg`), name: 'nsg-db', resource_group_name: 'rg-net', location: 'westeurope', ...options.nsg } },
    azurerm_subnet_network_security_group_association: { db: { subnet_id: '${azurerm_subnet.db.id}', network_security_group_id: '${azurerm_network_security_group.db.id}' } },
    azurerm_private_dns_zone: { db: { ...made(`${ZONES}/zone/Zone`), name: 'orders-db.private.postgres.database.azure.com', resource_group_name: 'rg-net', ...options.zone } },
    ...options.extra,
  };
}

function modelOf(resources: Resources, constructs: readonly string[] | undefined = [CONSTRUCT, ZONES]): { server: ServerView; stack: StackFacts } {
  const model = buildStackModel({ resource: resources });
  return { server: model.servers.find((s) => s.address === `${FLEXIBLE}.db`)!, stack: { postgresqlProviders: new Map(), resources: model.resources, constructs } };
}

/** The description of what a scope reaches of the construct's network, in the given stack. */
function reached(scope: unknown, resources: Resources = vnetMode(), constructs?: readonly string[]): string | undefined {
  const { server, stack } = modelOf(resources, constructs);
  return constructNetworkScope(server, scope, CONSTRUCT, stack);
}

describe('a scope on a network resource of the construct, or below it', () => {
  test.each<[string, unknown, string]>([
    ['the subnet by reference', plain('azurerm_subnet.db.id'), 'azurerm_subnet.db'],
    ['the NSG by reference', plain('azurerm_network_security_group.db.id'), 'azurerm_network_security_group.db'],
    ['the zone by reference', plain('azurerm_private_dns_zone.db.id'), 'azurerm_private_dns_zone.db'],
    ['the subnet by ID', `${NET}/virtualNetworks/vnet-hub/subnets/snet-db`, 'azurerm_subnet.db'],
    ['the subnet by ID with a trailing slash, in another case, with blanks', ` ${NET.toUpperCase()}/virtualNetworks/VNET-HUB/subnets/snet-db/ `, 'azurerm_subnet.db'],
    ['the VNet of the subnet (RBAC inherits down)', `${NET}/virtualNetworks/vnet-hub`, 'azurerm_subnet.db'],
    ['a child of the subnet', `${NET}/virtualNetworks/vnet-hub/subnets/snet-db/serviceAssociationLinks/x`, 'azurerm_subnet.db'],
    ['the NSG by ID', `${NET}/networkSecurityGroups/nsg-db`, 'azurerm_network_security_group.db'],
    ['a rule of the NSG', `${NET}/networkSecurityGroups/nsg-db/securityRules/allow`, 'azurerm_network_security_group.db'],
    ['the zone by ID', `${NET}/privateDnsZones/orders-db.private.postgres.database.azure.com`, 'azurerm_private_dns_zone.db'],
    ['a record of the zone', `${NET}/privateDnsZones/orders-db.private.postgres.database.azure.com/A/orders-db`, 'azurerm_private_dns_zone.db'],
    ['the NSG in any resource group ("?")', '?/providers/Microsoft.Network/networkSecurityGroups/nsg-db', 'azurerm_network_security_group.db'],
    ['a template with the group an interpolation', template('${var.group_id}/providers/Microsoft.Network/networkSecurityGroups/nsg-db', ['var.group_id']), 'azurerm_network_security_group.db'],
    ['a template with the subscription an interpolation', template('/subscriptions/${var.s}/resourceGroups/rg-net/providers/Microsoft.Network/networkSecurityGroups/nsg-db', ['var.s']), 'azurerm_network_security_group.db'],
    // azurerm's ID parser trims a leading "/"; ARM refuses a name ending in "." (azure-keys.ts; A14b-7, A14a-4).
    ['the subnet by ID without its leading slash', `${NET.slice(1)}/virtualNetworks/vnet-hub/subnets/snet-db`, 'azurerm_subnet.db'],
    ['the zone by ID with a final dot on its name', `${NET}/privateDnsZones/orders-db.private.postgres.database.azure.com.`, 'azurerm_private_dns_zone.db'],
  ])('%s', (_name, scope, resource) => {
    expect(reached(scope)).toBe(`${resource}, ${TAIL}`);
  });

  test.each<[string, unknown]>([
    ['another subnet of the VNet', `${NET}/virtualNetworks/vnet-hub/subnets/snet-app`],
    ['a subnet whose name starts as the subnet\'s', `${NET}/virtualNetworks/vnet-hub/subnets/snet-db2`],
    ['another child of the VNet, not below the subnet', `${NET}/virtualNetworks/vnet-hub/virtualNetworkPeerings/snet-db`],
    ['the same names in another resource group', `${SUB}/resourceGroups/rg-other/providers/Microsoft.Network/networkSecurityGroups/nsg-db`],
    ['the same name under another provider', `${SUB}/resourceGroups/rg-net/providers/Microsoft.Other/networkSecurityGroups/nsg-db`],
    ['a path that only ends in the NSG\'s', `/x${NET}/networkSecurityGroups/nsg-db`],
    ['a reference to another attribute of the NSG', plain('azurerm_network_security_group.db.name')],
    ['a reference to another NSG', plain('azurerm_network_security_group.other.id')],
    ['a value that is no text', 42],
  ])('%s reaches nothing', (_name, scope) => {
    expect(reached(scope)).toBeUndefined();
  });
});

describe('what the construct made, and what it was given', () => {
  test('a network the construct was given is none of its own, the zones of another construct neither', () => {
    const given = vnetMode({ made: false });
    expect(reached(plain('azurerm_subnet.db.id'), given)).toBeUndefined();
    expect(reached(plain('azurerm_network_security_group.db.id'), given)).toBeUndefined();
    expect(reached(plain('azurerm_private_dns_zone.db.id'), given)).toBeUndefined();
    expect(reached(plain('azurerm_private_dns_zone.db.id'), vnetMode(), [CONSTRUCT])).toBeUndefined();
    expect(reached(plain('azurerm_private_dns_zone.db.id'), vnetMode(), [])).toBeUndefined();
  });

  test('an NSG the construct did not make, on the subnet it made, is not its own', () => {
    expect(reached(plain('azurerm_network_security_group.db.id'), vnetMode({ nsg: { '//': { metadata: { path: 'stack/Shared/Nsg' } } } }))).toBeUndefined();
    expect(reached(plain('azurerm_subnet.db.id'), vnetMode({ nsg: { '//': { metadata: { path: 'stack/Shared/Nsg' } } } }))).toBe(`azurerm_subnet.db, ${TAIL}`);
  });

  test('the zones are read only with the stack\'s constructs', () => {
    const { server, stack } = modelOf(vnetMode());
    expect(constructNetworkScope(server, plain('azurerm_private_dns_zone.db.id'), CONSTRUCT, { ...stack, constructs: undefined })).toBeUndefined();
    expect(constructNetworkScope(server, plain('azurerm_private_dns_zone.db.id'), CONSTRUCT, undefined)).toBeUndefined();
    expect(constructNetworkScope(server, plain('azurerm_subnet.db.id'), CONSTRUCT, undefined)).toBe(`azurerm_subnet.db, ${TAIL}`);
  });

  test('a resource whose names are not literal is reached for sure by reference only; a literal ID its names may spell may be it (A15b-19)', () => {
    const named = vnetMode({ nsg: { name: '${var.nsg}' } });
    expect(reached(`${NET}/networkSecurityGroups/nsg-db`, named)).toBe(`"${NET}/networkSecurityGroups/nsg-db", which may be azurerm_network_security_group.db ${LATER}, ${TAIL}`);
    expect(reached(`${NET.replace('rg-net', 'rg-other')}/networkSecurityGroups/nsg-db`, named)).toBeUndefined();
    expect(reached(plain('azurerm_network_security_group.db.id'), named)).toBe(`azurerm_network_security_group.db, ${TAIL}`);
  });
});

describe('a reference to a resource group or VNet of the stack, read as the ID its names spell (A8-1)', () => {
  const hub = (extra: Resources = {}, vnet: object = {}) => vnetMode({
    extra: {
      azurerm_resource_group: { net: { name: ' rg-net ', location: 'westeurope' }, other: { name: 'rg-other', location: 'westeurope' } },
      azurerm_virtual_network: { hub: { name: ' vnet-hub ', resource_group_name: ' rg-net ', ...vnet }, away: { name: 'vnet-hub', resource_group_name: 'rg-other' } },
      ...extra,
    },
  });

  test.each<[string, unknown, Resources, string]>([
    ['the VNet, its names trimmed', plain('azurerm_virtual_network.hub.id'), hub(), 'azurerm_subnet.db'],
    ['the VNet written with blanks in the interpolation', template('${ azurerm_virtual_network.hub.id }/subnets/snet-db', ['azurerm_virtual_network.hub.id']), hub(), 'azurerm_subnet.db'],
    ['the VNet whose group is known only later (any group)', plain('azurerm_virtual_network.hub.id'), hub({}, { resource_group_name: '${var.rg}' }), 'azurerm_subnet.db'],
    ['the resource group, its name trimmed', template('${azurerm_resource_group.net.id}/providers/Microsoft.Network/networkSecurityGroups/nsg-db', ['azurerm_resource_group.net.id']), hub(), 'azurerm_network_security_group.db'],
  ])('%s', (_name, scope, resources, resource) => {
    expect(reached(scope, resources)).toBe(`${resource}, ${TAIL}`);
  });

  test.each<[string, unknown, Resources]>([
    ['a VNet of that name in another group', plain('azurerm_virtual_network.away.id'), hub()],
    ['another resource group', template('${azurerm_resource_group.other.id}/providers/Microsoft.Network/networkSecurityGroups/nsg-db', ['azurerm_resource_group.other.id']), hub()],
    ['a VNet whose name is known only later', plain('azurerm_virtual_network.hub.id'), hub({}, { name: '${var.vnet}' })],
    ['a VNet the stack does not hold', plain('azurerm_virtual_network.gone.id'), hub()],
    ['a data source named as the VNet resource, which may read another VNet', plain('data.azurerm_virtual_network.hub.id'), hub()],
    ['a condition on the VNet\'s ID, whose value is another', template('${azurerm_virtual_network.hub.id == azurerm_virtual_network.away.id ? azurerm_virtual_network.away.id : azurerm_storage_account.st.id}', ['azurerm_virtual_network.hub.id', 'azurerm_virtual_network.away.id', 'azurerm_storage_account.st.id']), hub()],
  ])('%s reaches nothing', (_name, scope, resources) => {
    expect(reached(scope, resources)).toBeUndefined();
  });

  test('without the stack\'s resources, a reference spells no ID', () => {
    const { server, stack } = modelOf(hub());
    const scope = plain('azurerm_virtual_network.hub.id');
    expect(constructNetworkScope(server, scope, CONSTRUCT, stack)).toBe(`azurerm_subnet.db, ${TAIL}`);
    expect(constructNetworkScope(server, scope, CONSTRUCT, { postgresqlProviders: new Map(), constructs: [CONSTRUCT, ZONES] })).toBeUndefined();
    expect(constructNetworkScope(server, scope, CONSTRUCT, undefined)).toBeUndefined();
  });

  test('the VNet a subnet\'s VNet name is read from, by a plain reference only', () => {
    const resources = hub({}, {});
    const fromId = { ...resources, azurerm_subnet: { db: { ...resources.azurerm_subnet.db, virtual_network_name: '${element(split("/", azurerm_virtual_network.spoke.id), 8)}' } } };
    expect(reached(plain('azurerm_virtual_network.spoke.id'), fromId)).toBe(`azurerm_subnet.db, ${TAIL}`);
    expect(reached(template('${azurerm_virtual_network.spoke.id}/subnets/snet-app', ['azurerm_virtual_network.spoke.id']), fromId)).toBeUndefined();
    expect(reached(plain('azurerm_virtual_network.other.id'), fromId)).toBeUndefined();
    expect(reached(undefined, fromId)).toBeUndefined();
  });
});

describe('a scope above the construct\'s network (A8-2)', () => {
  test('names the scope and the first network resource it holds', () => {
    expect(reached(`${SUB}/resourceGroups/rg-net`)).toBe(`the resource group "${SUB}/resourceGroups/rg-net", which holds azurerm_subnet.db, ${TAIL}`);
    expect(reached(SUB)).toBe(`the subscription "${SUB}", which holds azurerm_subnet.db, ${TAIL}`);
  });

  test('names a resource that is not the first when only it is in the group', () => {
    const apart = vnetMode({ zone: { resource_group_name: 'rg-dns' } });
    expect(reached(`${SUB}/resourceGroups/rg-dns`, apart)).toBe(`the resource group "${SUB}/resourceGroups/rg-dns", which holds azurerm_private_dns_zone.db, ${TAIL}`);
    expect(reached(`${SUB}/resourceGroups/rg-other`, apart)).toBeUndefined();
  });
});

describe('an NSG association without a group the stack holds', () => {
  test('the subnet is still the construct\'s', () => {
    const loose = vnetMode({ extra: { azurerm_subnet_network_security_group_association: { db: { subnet_id: '${azurerm_subnet.db.id}', network_security_group_id: '${var.nsg_id}' } } } });
    expect(reached(plain('azurerm_subnet.db.id'), loose)).toBe(`azurerm_subnet.db, ${TAIL}`);
    expect(reached(`${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/networkSecurityGroups/x`, loose)).toBeUndefined();
  });
});

describe('judgeNetworkAssignment: the verdict on a role assignment on the construct\'s network', () => {
  const ON = `azurerm_subnet.db, ${TAIL}`;
  const subject = (role: string) => `role ${JSON.stringify(role)}`;
  const judged = (block: object) => {
    const model = buildStackModel({ resource: { azurerm_role_assignment: { a: { principal_id: '9', scope: '${azurerm_subnet.db.id}', ...block } } } });
    return judgeNetworkAssignment(model.resources.get('azurerm_role_assignment.a')!, ON, subject);
  };
  const failure = (role: string) => ({
    status: 'fail',
    message: `azurerm_role_assignment.a grants ${role} on ${ON}: its holder can rewrite who reaches the server or where its name resolves (network rules, the subnet's security group, DNS records), outside Terraform, with no justification.`,
    address: 'azurerm_role_assignment.a',
    subject: subject(role),
  });

  test('fails a network role by name with blanks, or by definition ID with blanks', () => {
    expect(judged({ role_definition_name: ' network contributor ' })).toEqual(failure('Network Contributor'));
    expect(judged({ role_definition_id: ' /providers/Microsoft.Authorization/roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7 ' })).toEqual(failure('Network Contributor'));
  });

  test('a role name or definition ID known only at apply time is unknown, and says which', () => {
    for (const attribute of ['role_definition_name', 'role_definition_id']) {
      expect(judged({ [attribute]: '${var.role}' })).toEqual({
        status: 'unknown',
        note: `the role of azurerm_role_assignment.a (${attribute}) is known only at apply time, and may be one that rewrites ${ON}`,
        address: 'azurerm_role_assignment.a',
      });
    }
  });

  test('passes a reading role, and a role given as no text', () => {
    expect(judged({ role_definition_name: 'Reader' })).toEqual({ status: 'pass' });
    expect(judged({ role_definition_name: 42 })).toEqual({ status: 'pass' });
  });
});

describe('a scope known only in part that may name a network resource of the construct (fifteenth review, A15a-8, A15b-19)', () => {
  const maybe = (scope: unknown, resource: string) => `${JSON.stringify(String(scope))}, which may be ${resource} ${LATER}, ${TAIL}`;
  const resources = vnetMode({ extra: {
    azurerm_resource_group: { named: { name: 'nsg-db', location: 'westeurope' }, other: { name: 'nsg-app', location: 'westeurope' }, net: { name: 'rg-net', location: 'westeurope' } },
    azurerm_storage_account: { other: { name: 'st', resource_group_name: 'rg-net' } },
  } });
  test.each<[string, unknown, string]>([
    ['the NSG\'s name a variable', template(`${NET}/networkSecurityGroups/\${var.n}`, ['var.n']), 'azurerm_network_security_group.db'],
    ['the NSG\'s name a local', template(`${NET}/networkSecurityGroups/\${local.n}`, ['local.n']), 'azurerm_network_security_group.db'],
    ['the NSG\'s name a function', template(`${NET}/networkSecurityGroups/\${lower("NSG-DB")}`), 'azurerm_network_security_group.db'],
    ['the NSG\'s name a reference to a block named like it', template(`${NET}/networkSecurityGroups/\${azurerm_resource_group.named.name}`, ['azurerm_resource_group.named.name']), 'azurerm_network_security_group.db'],
    ['the NSG\'s group and name interpolations', template('${var.group_id}/providers/Microsoft.Network/networkSecurityGroups/${var.nsg}', ['var.group_id', 'var.nsg']), 'azurerm_network_security_group.db'],
    ['the NSG by a lookup whose name is known later', plain('data.azurerm_network_security_group.later.id'), 'azurerm_network_security_group.db'],
    ['the subnet\'s name a variable', template(`${NET}/virtualNetworks/vnet-hub/subnets/\${var.n}`, ['var.n']), 'azurerm_subnet.db'],
    ['the VNet\'s name a variable (a role on it is on the subnet)', template(`${NET}/virtualNetworks/\${var.n}`, ['var.n']), 'azurerm_subnet.db'],
    ['the zone\'s name a variable', template(`${NET}/privateDnsZones/\${var.n}`, ['var.n']), 'azurerm_private_dns_zone.db'],
    ['a condition whose values are known only at apply time', template('${azurerm_virtual_network.hub.id == var.hub ? var.a : var.b}', ['azurerm_virtual_network.hub.id', 'var.hub', 'var.a', 'var.b']), 'azurerm_subnet.db'],
    ['a whole scope known only at apply time', plain('var.scope'), 'azurerm_subnet.db'],
    ['a whole scope a function of a variable', template('${lower(var.scope)}', ['var.scope']), 'azurerm_subnet.db'],
    ['a group of the stack by reference and the NSG\'s name a variable', template('${azurerm_resource_group.net.id}/providers/Microsoft.Network/networkSecurityGroups/${var.n}', ['azurerm_resource_group.net.id', 'var.n']), 'azurerm_network_security_group.db'],
  ])('%s', (_name, scope, resource) => {
    expect(reached(scope, resources)).toBe(maybe(scope, resource));
  });

  test.each<[string, unknown]>([
    ['a name read from a block of another name', template(`${NET}/networkSecurityGroups/\${azurerm_resource_group.other.name}`, ['azurerm_resource_group.other.name'])],
    ['a template that cannot spell the NSG (another literal group)', template(`${SUB}/resourceGroups/rg-other/providers/Microsoft.Network/networkSecurityGroups/\${var.n}`, ['var.n'])],
    ['another group of the stack by reference', template('${azurerm_resource_group.named.id}/providers/Microsoft.Network/networkSecurityGroups/${var.n}', ['azurerm_resource_group.named.id', 'var.n'])],
    ['a template of another type\'s ID', template(`${SUB}/resourceGroups/rg-net/providers/Microsoft.Storage/storageAccounts/\${var.n}`, ['var.n'])],
    ['another resource\'s ID by reference', plain('azurerm_storage_account.other.id')],
    ['another subnet of a VNet known later', template('${var.vnet_id}/subnets/snet-app', ['var.vnet_id'])],
  ])('%s may name none', (_name, scope) => {
    expect(reached(scope, resources)).toBeUndefined();
  });
});
