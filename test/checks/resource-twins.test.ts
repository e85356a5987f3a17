import { addedFindings, Blocks, Sections } from '../support/example-findings';
import { exampleJson } from '../support/example-stacks';

// A second resource of one Azure object (the same type, provider configuration and literal names) is read as the object
// (resource-twins.ts; twin probe, stop 64): an open rule in an adopted twin of the construct's network security group, an
// association of its own group with a twin of the delegated subnet, or a role on a twin of the private endpoint passed once
// PG-CFG-3 and PG-CFG-6, which name the twin itself, were suppressed. The readings on JSON alone are in
// test/checks/mutation/rules/resource-twins.test.ts.

const NSG = 'azurerm_network_security_group';
const SUBNET = 'azurerm_subnet';

/** A block's arguments without its construct path: a twin written by hand, not by the construct. */
function withoutMetadata(block: { [key: string]: unknown }): { [key: string]: unknown } {
  return Object.fromEntries(Object.entries(block).filter(([key]) => key !== '//'));
}

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

  test.each<[string, { [key: string]: unknown }, string]>([
    ['a for_each of its name', { for_each: '${toset(["orders-db-prod-postgres-nsg"])}', name: '${each.key}' }, '["orders-db-prod-postgres-nsg"]'],
    ['a for_each of a map to its name', { for_each: { main: 'orders-db-prod-postgres-nsg' }, name: '${each.value}' }, '["main"]'],
    ['count', { count: 1 }, '[0]'],
  ])('an open rule in a twin of the construct\'s network security group written with %s fails as one in the group itself', (_, instances, key) => {
    const twin: Sections = { resource: { [NSG]: { twin: { ...copy(NSG, ownGroup), ...instances } } }, import: [{ to: `${NSG}.twin${key}`, id: GROUP_ID }] };
    const rule: Sections = { resource: { azurerm_network_security_rule: { open: { ...OPEN, name: 'open', network_security_group_name: `\${${NSG}.twin${key}.name}`, resource_group_name: `\${${NSG}.twin${key}.resource_group_name}` } } } };
    expect(addedFindings(VNET_EXAMPLE, withTwin(twin, rule))).toEqual(expect.arrayContaining(['PGF-NET-7 azurerm_network_security_rule.open', 'PG-NET-1 azurerm_network_security_rule.open']));
  });

  test.each<[string, string]>([
    ['its instance by key', '["own"]'],
    ['an instance by a key known only later', '[var.k]'],
  ])('an open rule in a twin of the construct\'s and another network security group fails through %s', (_, key) => {
    // One block whose for_each names both groups, each instance adopted (stop 66: the rule was read on the other group, and passed).
    const twin: Sections = {
      resource: { [NSG]: { other: { ...copy(NSG, ownGroup), name: 'nsg-other' }, twin: { ...copy(NSG, ownGroup), for_each: { own: 'orders-db-prod-postgres-nsg', other: 'nsg-other' }, name: '${each.value}' } } },
      import: [{ to: `${NSG}.twin["own"]`, id: GROUP_ID }, { to: `${NSG}.twin["other"]`, id: GROUP_ID.replace(/[^/]+$/, 'nsg-other') }],
    };
    const rule: Sections = { resource: { azurerm_network_security_rule: { open: { ...OPEN, name: 'open', network_security_group_name: `\${${NSG}.twin${key}.name}`, resource_group_name: 'rg-orders-db' } } } };
    expect(addedFindings(VNET_EXAMPLE, withTwin(twin, rule))).toEqual(expect.arrayContaining(['PGF-NET-7 azurerm_network_security_rule.open', 'PG-NET-1 azurerm_network_security_rule.open']));
  });

  test('an open rule named into an azapi twin of the construct\'s network security group fails as one in the group itself', () => {
    const twin = { type: 'Microsoft.Network/networkSecurityGroups@2023-09-01', parent_id: '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-orders-db', name: 'orders-db-prod-postgres-nsg', location: 'westeurope', body: { properties: {} } };
    const rule = { ...OPEN, name: 'open', network_security_group_name: '${azapi_resource.twin.name}', resource_group_name: 'rg-orders-db' };
    expect(addedFindings(VNET_EXAMPLE, { resource: { azapi_resource: { twin }, azurerm_network_security_rule: { open: rule } } }))
      .toEqual(expect.arrayContaining(['PGF-NET-7 azurerm_network_security_rule.open', 'PG-NET-1 azurerm_network_security_rule.open']));
  });

  test.each<[string, { [key: string]: unknown }, string]>([
    ['count', { count: 1 }, '[0]'],
    ['a for_each of its name', { for_each: { main: 'orders-db-prod-postgres-nsg' }, name: '${each.value}' }, '["main"]'],
  ])('an open rule named into an azapi twin of the construct\'s network security group written with %s fails as one in the group itself', (_, instances, key) => {
    const twin = { type: 'Microsoft.Network/networkSecurityGroups@2023-09-01', parent_id: '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-orders-db', name: 'orders-db-prod-postgres-nsg', location: 'westeurope', body: { properties: {} }, ...instances };
    const rule = { ...OPEN, name: 'open', network_security_group_name: `\${azapi_resource.twin${key}.name}`, resource_group_name: 'rg-orders-db' };
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
