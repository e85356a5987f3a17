import { aliasDataSources } from '../../lib/checks/data-source-aliases';
import { resourceTwins, TwinOptions } from '../../lib/checks/resource-twins';
import { addedFindings, Blocks, Sections } from '../support/example-findings';
import { exampleJson } from '../support/example-stacks';

// A second resource of one Azure object (the same type, provider configuration and literal names) is read as the object
// (resource-twins.ts; twin probe, stop 64): an open rule in an adopted twin of the construct's network security group, an
// association of its own group with a twin of the delegated subnet, or a role on a twin of the private endpoint passed once
// PG-CFG-3 and PG-CFG-6, which name the twin itself, were suppressed.

const NSG = 'azurerm_network_security_group';
const SUBNET = 'azurerm_subnet';
const SUB = '00000000-0000-0000-0000-000000000001';
const MADE = { '//': { metadata: { path: 'app/Db/Nsg' } } };
const group = { name: 'nsg-db', resource_group_name: 'rg-db', location: 'westeurope' };

/** A block's arguments without its construct path: a twin written by hand, not by the construct. */
function withoutMetadata(block: { [key: string]: unknown }): { [key: string]: unknown } {
  return Object.fromEntries(Object.entries(block).filter(([key]) => key !== '//'));
}

/** How a text reads the twins of a stack. */
function twinReadings(terraform: object, options: TwinOptions): (text: string) => string {
  return resourceTwins(terraform, options).readings;
}

describe('resourceTwins', () => {
  const read = (resource: Blocks, text: string, made = ['app/Db/Nsg'], extra: object = {}) =>
    twinReadings({ resource, ...extra }, { made: new Set(made) })(text);

  test('reads a twin\'s id, names and what Azure gives back as the construct\'s block, and leaves what the twin writes itself', () => {
    const resource = { [NSG]: { mine: { ...group, name: 'NSG-DB', tags: { a: 'b' } }, db: { ...group, ...MADE } } };
    expect(resourceTwins({ resource }, { made: new Set(['app/Db/Nsg']) }).seconds).toEqual(new Set(['azurerm_network_security_group.mine']));
    const first = (attribute: string) => `\${azurerm_network_security_group.db${attribute}}`;
    for (const attribute of ['.id', '["id"]', '.name', '.resource_group_name', '.security_rule']) {
      expect(read(resource, `\${azurerm_network_security_group.mine${attribute}}`)).toBe(first(attribute));
    }
    // What follows the block cannot be read at once: the first block's (the object's) is read.
    expect(read(resource, '%{if (azurerm_network_security_group.mine).id != ""}x%{endif}')).toBe('%{if (azurerm_network_security_group.db).id != ""}x%{endif}');
    expect(read(resource, '${jsonencode(azurerm_network_security_group.mine)}')).toBe('${jsonencode(azurerm_network_security_group.db)}');
    for (const attribute of ['.tags', '["location"]']) {
      expect(read(resource, `\${azurerm_network_security_group.mine${attribute}}`)).toBe(`\${azurerm_network_security_group.mine${attribute}}`);
    }
    // Not a reference to the twin: a longer address, a lookup of the same name, the first block itself, text outside an expression.
    for (const text of ['${azurerm_network_security_group.mine2.id}', '${data.azurerm_network_security_group.mine.id}', '${azurerm_network_security_group.db.id}', 'azurerm_network_security_group.mine']) {
      expect(read(resource, text)).toBe(text);
    }
  });

  test('the stack\'s aliasing reads twins so, and leaves quoted text and the import block\'s own address as written', () => {
    const resource = { [NSG]: { mine: group, db: { ...group, ...MADE } }, azurerm_role_assignment: { r: { scope: '${azurerm_network_security_group.mine.id}', description: '${"azurerm_network_security_group.mine.id"}' } } };
    const read = aliasDataSources({ resource, import: [{ to: 'azurerm_network_security_group.mine', id: '/x' }] }, { made: new Set(['app/Db/Nsg']) }) as { resource: Blocks; import: object[] };
    expect(read.resource.azurerm_role_assignment.r).toEqual({ scope: '${azurerm_network_security_group.db.id}', description: '${"azurerm_network_security_group.mine.id"}' });
    expect(read.import).toEqual([{ to: 'azurerm_network_security_group.mine', id: '/x' }]);
  });

  test('names read from another block, and constant expressions, are the literal names they read', () => {
    const resource = {
      azurerm_resource_group: { rg: { name: 'rg-db', location: 'westeurope' } },
      azurerm_virtual_network: { net: { name: 'vnet', resource_group_name: '${azurerm_resource_group.rg.name}', address_space: ['10.0.0.0/16'] } },
      [SUBNET]: {
        db: { name: 'snet-db', resource_group_name: 'rg-db', virtual_network_name: 'vnet', ...MADE },
        mine: { name: '${lower("SNET-DB")}', resource_group_name: '${azurerm_virtual_network.net.resource_group_name}', virtual_network_name: '${azurerm_virtual_network.net.name}' },
      },
    };
    expect(read(resource, '${azurerm_subnet.mine.id}')).toBe('${azurerm_subnet.db.id}');
  });

  test('without a made block, the first block of the object is read for the others', () => {
    expect(read({ [NSG]: { first: group, second: group, third: group } }, '${azurerm_network_security_group.third.id}', [])).toBe('${azurerm_network_security_group.first.id}');
  });

  test.each<[string, Blocks, object?]>([
    ['of another name', { [NSG]: { db: { ...group, ...MADE }, mine: { ...group, name: 'nsg-app' } } }],
    ['in another resource group', { [NSG]: { db: { ...group, ...MADE }, mine: { ...group, resource_group_name: 'rg-app' } } }],
    ['of another type', { [NSG]: { db: { ...group, ...MADE } }, azurerm_route_table: { mine: group } }],
    ['named by a variable', { [NSG]: { db: { ...group, ...MADE }, mine: { ...group, name: '${var.name}' } } }, { variable: { name: { default: 'nsg-db' } } }],
    ['with count', { [NSG]: { db: { ...group, ...MADE }, mine: { ...group, count: 1 } } }],
    ['beside a second made block (two constructs\' alike are two stacks\')', { [NSG]: { db: { ...group, ...MADE }, mine: { ...group, '//': { metadata: { path: 'app/Other/Nsg' } } } } }],
  ])('a block %s is not a twin', (_, resource, extra = {}) => {
    expect(read(resource, '${azurerm_network_security_group.mine.id}', ['app/Db/Nsg', 'app/Other/Nsg'], extra)).toBe('${azurerm_network_security_group.mine.id}');
  });

  test('an azapi resource of a spelled type, below a literal parent or a block of the stack, is a twin read by its ID and name', () => {
    const azapi = (parent_id: string, name = 'NSG-db') => ({ type: 'Microsoft.Network/networkSecurityGroups@2023-09-01', parent_id, name, location: 'westeurope', body: { properties: {} } });
    const resource = {
      azurerm_resource_group: { rg: { name: 'rg-db', location: 'westeurope' } },
      [NSG]: { db: { ...group, resource_group_name: '${azurerm_resource_group.rg.name}' } },
      azapi_resource: { literal: azapi(`/subscriptions/${SUB}/resourceGroups/RG-DB`), byReference: azapi('${azurerm_resource_group.rg.id}'), other: azapi('${azurerm_resource_group.rg.id}', 'nsg-app'), rule: { ...azapi('${azapi_resource.literal.id}', 'open'), type: 'Microsoft.Network/networkSecurityGroups/securityRules@2023-09-01' } },
    };
    const readings = twinReadings({ resource }, {});
    for (const twin of ['literal', 'byReference']) {
      expect(readings(`\${azapi_resource.${twin}.id}/\${azapi_resource.${twin}.name}`)).toBe('${azurerm_network_security_group.db.id}/${azurerm_network_security_group.db.name}');
      expect(readings(`\${azapi_resource.${twin}.output.properties}`)).toBe(`\${azapi_resource.${twin}.output.properties}`);
    }
    expect(readings('${azapi_resource.other.id}')).toBe('${azapi_resource.other.id}');
    expect(resourceTwins({ resource }, {}).seconds).toEqual(new Set(['azapi_resource.literal', 'azapi_resource.byReference']));
  });

  test.each<[string, object, boolean]>([
    ['one configuration', { azurerm: [{ features: [{}] }] }, true],
    ['two that may be one subscription', { azurerm: [{ features: [{}] }, { alias: 'other', features: [{}] }] }, true],
    ['two naming one literal subscription', { azurerm: [{ features: [{}], subscription_id: SUB }, { alias: 'other', features: [{}], subscription_id: SUB }] }, true],
    ['two naming two literal subscriptions', { azurerm: [{ features: [{}], subscription_id: SUB }, { alias: 'other', features: [{}], subscription_id: SUB.replace(/1$/, '2') }] }, false],
  ])('a block written through %s is a twin: %s', (_, provider, twin) => {
    const readings = twinReadings({ provider, resource: { [NSG]: { db: { ...group, ...MADE }, mine: { ...group, provider: 'azurerm.other' } } } }, { made: new Set(['app/Db/Nsg']) });
    expect(readings('${azurerm_network_security_group.mine.id}')).toBe(`\${azurerm_network_security_group.${twin ? 'db' : 'mine'}.id}`);
  });

});

describe('what is attached to an adopted twin is judged as attached to the object', () => {
  const VNET_EXAMPLE = 'flexible-vnet-integration';
  const json = exampleJson<{ resource: { [type: string]: { [name: string]: { [key: string]: unknown } } } }>(VNET_EXAMPLE);
  const [ownGroup] = Object.keys(json.resource[NSG]);
  const [ownSubnet] = Object.keys(json.resource[SUBNET]);
  const copy = (type: string, name: string) => withoutMetadata(json.resource[type][name]);
  const S = '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-orders-db/providers/Microsoft.Network';
  const GROUP_ID = `${S}/networkSecurityGroups/orders-db-prod-postgres-nsg`;
  const SUBNET_ID = `${S}/virtualNetworks/vnet-orders/subnets/orders-db-prod-postgres`;
  const OPEN = { priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', source_port_range: '*', destination_port_range: '*', source_address_prefix: '*', destination_address_prefix: '*' };
  const twinOf = (type: string, name: string, id: string): Sections => ({ resource: { [type]: { twin: copy(type, name) } }, import: [{ to: `${type}.twin`, id }] });
  const withTwin = (twin: Sections, added: Sections): Sections => ({
    resource: { ...(twin.resource as Blocks), ...(added.resource as Blocks) },
    import: twin.import,
  });

  test('an open rule in a twin of the construct\'s network security group fails as one in the group itself', () => {
    const rule = (parent: string): Sections => ({ resource: { azurerm_network_security_rule: { open: { ...OPEN, name: 'open', network_security_group_name: `\${${NSG}.${parent}.name}`, resource_group_name: `\${${NSG}.${parent}.resource_group_name}` } } } });
    const inGroup = addedFindings(VNET_EXAMPLE, rule(ownGroup));
    expect(inGroup).toEqual(expect.arrayContaining(['PGF-NET-7 azurerm_network_security_rule.open', 'PG-NET-1 azurerm_network_security_rule.open']));
    const twin = twinOf(NSG, ownGroup, GROUP_ID);
    const inTwin = addedFindings(VNET_EXAMPLE, withTwin(twin, rule('twin')));
    expect(inTwin).toEqual(expect.arrayContaining(inGroup));
    // Without the twin, the same rule in a group of another name passes PGF-NET-7: the rule is judged for the group it lands in.
    expect(addedFindings(VNET_EXAMPLE, { resource: { [NSG]: { twin: { ...copy(NSG, ownGroup), name: 'nsg-elsewhere' } }, ...(rule('twin').resource as Blocks) } }))
      .not.toContain('PGF-NET-7 azurerm_network_security_rule.open');
  });

  test('another group associated with a twin of the delegated subnet fails as with the subnet itself', () => {
    const association = (subnet: string): Sections => ({ resource: { azurerm_subnet_network_security_group_association: { other: { subnet_id: `\${${SUBNET}.${subnet}.id}`, network_security_group_id: `${S.replace('rg-orders-db', 'rg-other')}/networkSecurityGroups/open` } } } });
    expect(addedFindings(VNET_EXAMPLE, association(ownSubnet))).toContain('PGF-NET-7 azurerm_subnet_network_security_group_association.other');
    expect(addedFindings(VNET_EXAMPLE, withTwin(twinOf(SUBNET, ownSubnet, SUBNET_ID), association('twin'))))
      .toContain('PGF-NET-7 azurerm_subnet_network_security_group_association.other');
  });

  test('an open rule named into an azapi twin of the construct\'s network security group fails as one in the group itself', () => {
    const twin = { type: 'Microsoft.Network/networkSecurityGroups@2023-09-01', parent_id: '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-orders-db', name: 'orders-db-prod-postgres-nsg', location: 'westeurope', body: { properties: {} } };
    const rule = { ...OPEN, name: 'open', network_security_group_name: '${azapi_resource.twin.name}', resource_group_name: 'rg-orders-db' };
    expect(addedFindings(VNET_EXAMPLE, { resource: { azapi_resource: { twin }, azurerm_network_security_rule: { open: rule } } }))
      .toEqual(expect.arrayContaining(['PGF-NET-7 azurerm_network_security_rule.open', 'PG-NET-1 azurerm_network_security_rule.open']));
  });

  test('a lookup of the delegated subnet by its names reads the subnet beside a twin of it, as it reads it alone', () => {
    const lookup = { data: { azurerm_subnet: { byName: { name: 'orders-db-prod-postgres', resource_group_name: 'rg-orders-db', virtual_network_name: 'vnet-orders' } } } };
    const association: Sections = { resource: { azurerm_subnet_network_security_group_association: { other: { subnet_id: '${data.azurerm_subnet.byName.id}', network_security_group_id: `${S.replace('rg-orders-db', 'rg-other')}/networkSecurityGroups/open` } } } };
    expect(addedFindings(VNET_EXAMPLE, { ...association, ...lookup })).toContain('PGF-NET-7 azurerm_subnet_network_security_group_association.other');
    const twin = twinOf(SUBNET, ownSubnet, SUBNET_ID);
    expect(addedFindings(VNET_EXAMPLE, { ...withTwin(twin, association), ...lookup })).toContain('PGF-NET-7 azurerm_subnet_network_security_group_association.other');
  });

  test('a role on a twin of the server\'s private endpoint fails as on the endpoint itself', () => {
    const example = 'flexible-private-endpoint';
    const endpoints = exampleJson<{ resource: { [type: string]: { [name: string]: object } } }>(example).resource.azurerm_private_endpoint;
    const [endpoint] = Object.keys(endpoints);
    const body = withoutMetadata(endpoints[endpoint] as { [key: string]: unknown });
    const role = (target: string): Sections => ({ resource: { azurerm_role_assignment: { owner: { scope: `\${azurerm_private_endpoint.${target}.id}`, role_definition_name: 'Owner', principal_id: '11111111-1111-1111-1111-111111111111' } } } });
    expect(addedFindings(example, role(endpoint))).toContain('PG-IAM-2 azurerm_role_assignment.owner');
    const twin: Sections = {
      resource: { azurerm_private_endpoint: { twin: body }, ...(role('twin').resource as Blocks) },
      import: [{ to: 'azurerm_private_endpoint.twin', id: '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-inventory-db/providers/Microsoft.Network/privateEndpoints/inventory-db-prod-pe' }],
    };
    expect(addedFindings(example, twin)).toContain('PG-IAM-2 azurerm_role_assignment.owner');
  });
});
