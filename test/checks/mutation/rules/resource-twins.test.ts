import { aliasDataSources } from '../../../../lib/checks/data-source-aliases';
import { resourceTwins, TwinOptions } from '../../../../lib/checks/resource-twins';

// The readings of resource-twins.ts, on JSON alone (no cdktf: the rules group's mutants of the file run these); what a twin
// changes in the examples' findings is in test/checks/resource-twins.test.ts.

type Blocks = { [type: string]: { [name: string]: object } };

const NSG = 'azurerm_network_security_group';
const SUBNET = 'azurerm_subnet';
const SUB = '00000000-0000-0000-0000-000000000001';
const MADE = { '//': { metadata: { path: 'app/Db/Nsg' } } };
const group = { name: 'nsg-db', resource_group_name: 'rg-db', location: 'westeurope' };

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
