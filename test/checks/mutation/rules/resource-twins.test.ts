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
    for (const attribute of ['.tags', '["location"]', '[ "location" ]']) {
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
    ['with a count of no instance', { [NSG]: { db: { ...group, ...MADE }, mine: { ...group, count: 0 } } }],
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

  test('only blocks of a type whose ID is spelled, or resource groups, are twins', () => {
    const thing = { name: 'thing', resource_group_name: 'rg-db' };
    expect(read({ azurerm_example_thing: { a: thing, b: thing } }, '${azurerm_example_thing.b.id}', [])).toBe('${azurerm_example_thing.b.id}');
    const rg = { name: 'rg-db', location: 'westeurope' };
    expect(read({ azurerm_resource_group: { a: rg, b: { ...rg, name: 'RG-DB' } } }, '${azurerm_resource_group.b.id}', [])).toBe('${azurerm_resource_group.a.id}');
  });

  test('a twin another construct of the stack made (its own path) reads the library construct\'s block; without a made set, the first one', () => {
    const resource = { [NSG]: { mine: { ...group, '//': { metadata: { path: 'app/Mine/Nsg' } } }, db: { ...group, ...MADE } } };
    expect(read(resource, '${azurerm_network_security_group.mine.id}')).toBe('${azurerm_network_security_group.db.id}');
    expect(twinReadings({ resource }, {})('${azurerm_network_security_group.db.id}')).toBe('${azurerm_network_security_group.mine.id}');
  });

  test('a JSON whose bodies are a list reads the objects in it and leaves what is no object', () => {
    const resource = { [NSG]: { mine: group, db: { ...group, ...MADE } } };
    const readings = twinReadings([{ resource }, null, 'text'], { made: new Set(['app/Db/Nsg']) });
    expect(readings('${azurerm_network_security_group.mine.id}')).toBe('${azurerm_network_security_group.db.id}');
  });

  describe('azapi twins', () => {
    const AZAPI_NSG = 'Microsoft.Network/networkSecurityGroups@2023-09-01';
    const azapi = (parent_id: unknown, name: unknown = 'nsg-db', type: unknown = AZAPI_NSG) => ({ type, parent_id, name, body: {} });
    const rgId = `/subscriptions/${SUB}/resourceGroups/rg-db`;
    const nsg = { [NSG]: { db: { ...group, ...MADE } } };
    const readsAsGroup = (resource: Blocks) => twinReadings({ resource }, { made: new Set(['app/Db/Nsg']) })('${azapi_resource.twin.id}') === '${azurerm_network_security_group.db.id}';

    test('without a block of azurerm, two azapi blocks of one object are twins; beside one, the azurerm block is the first', () => {
      const readings = twinReadings({ resource: { azapi_resource: { a: azapi(rgId), b: azapi(rgId) } } }, {});
      expect(readings('${azapi_resource.b.id}')).toBe('${azapi_resource.a.id}');
      const before = twinReadings({ resource: { azapi_resource: { a: azapi(rgId) }, [NSG]: { db: group } } }, {});
      expect(before('${azapi_resource.a.id}')).toBe('${azurerm_network_security_group.db.id}');
    });

    test.each<[string, unknown, boolean]>([
      ['a literal ID of the group', rgId, true],
      ['a reference to the group block\'s ID', '${azurerm_resource_group.rg_main.id}', true],
      ['the reference with blanks', '${ azurerm_resource_group.rg_main.id }', true],
      ['the reference with text after it', '${azurerm_resource_group.rg_main.id}/x', false],
      ['the reference with text before it', 'x${azurerm_resource_group.rg_main.id}', false],
      ['another attribute of the group block', '${azurerm_resource_group.rg_main.name}', false],
      ['a subscription known at apply', '/subscriptions/${var.subscription}/resourceGroups/rg-db', false],
      ['a directive', `%{if true}${rgId}%{endif}`, false],
      ['an ID that starts elsewhere', '/tenants/t/resourceGroups/rg-db', false],
      ['a subscription\'s other child', `/subscriptions/${SUB}/groups/rg-db`, false],
      ['a resource group without a name', `/subscriptions/${SUB}/resourceGroups`, false],
      ['the subscription', `/subscriptions/${SUB}`, false],
      ['another group', `/subscriptions/${SUB}/resourceGroups/rg-app`, false],
      ['a number', 42, false],
      ['null', null, false],
    ])('an azapi network security group below %s is a twin of the group: %s', (_, parent, twin) => {
      expect(readsAsGroup({ ...nsg, azurerm_resource_group: { rg_main: { name: 'rg-db', location: 'westeurope' } }, azapi_resource: { twin: azapi(parent) } })).toBe(twin);
    });

    test.each<[string, unknown, unknown, boolean]>([
      ['its type in other letters', 'NSG-DB', 'microsoft.network/NetworkSecurityGroups@2024-01-01', true],
      ['a reference to the group\'s name', '${azurerm_network_security_group.db.name}', AZAPI_NSG, true],
      ['a blank name', '  ', AZAPI_NSG, false],
      ['a name that is a number', 42, AZAPI_NSG, false],
      ['a type of another object', 'nsg-db', 'Microsoft.Web/sites@2023-01-01', false],
      ['a type that is no text', 'nsg-db', 42, false],
      ['a type known at apply', 'nsg-db', '${var.type}', false],
    ])('an azapi block of %s is a twin of the group: %s', (_, name, type, twin) => {
      expect(readsAsGroup({ ...nsg, azapi_resource: { twin: azapi(rgId, name, type) } })).toBe(twin);
    });

    test('an azapi update of the object (another kind of azapi block) is no twin: azapi-writes.ts reads what it writes', () => {
      expect(readsAsGroup({ ...nsg, azapi_update_resource: { twin: azapi(rgId) } })).toBe(false);
      expect(twinReadings({ resource: { ...nsg, azapi_update_resource: { twin: azapi(rgId) } } }, {})('${azapi_update_resource.twin.id}')).toBe('${azapi_update_resource.twin.id}');
    });

    test('two azapi blocks of a type no ID is spelled for, with one name and parent, are no twins', () => {
      const site = azapi(rgId, 'app', 'Microsoft.Web/sites@2023-01-01');
      expect(twinReadings({ resource: { azapi_resource: { a: site, b: site } } }, {})('${azapi_resource.b.id}')).toBe('${azapi_resource.b.id}');
    });

    test.each<[string, object, boolean]>([
      ['count', { count: 1 }, true],
      ['no instance', { count: 0 }, false],
      ['a for_each of names, one of them the group\'s', { for_each: ['nsg-app', 'nsg-db'], name: '${each.value}' }, true],
      ['a for_each of parents', { for_each: { db: rgId }, parent_id: '${each.value}' }, true],
      ['a for_each of parents, none the group\'s', { for_each: { app: rgId.replace('rg-db', 'rg-app') }, parent_id: '${each.value}' }, false],
      ['a for_each of types', { for_each: [AZAPI_NSG], type: '${each.key}' }, true],
      ['items known at apply', { for_each: '${var.names}', name: '${each.key}' }, false],
    ])('an azapi block written with %s is a twin of the group: %s', (_, instances, twin) => {
      expect(readsAsGroup({ ...nsg, azapi_resource: { twin: { ...azapi(rgId), ...instances } } })).toBe(twin);
    });

    test('an azapi resource group below the subscription is a twin of the group block', () => {
      const resource = { azurerm_resource_group: { rg: { name: 'rg-db', location: 'westeurope' } }, azapi_resource: { twin: azapi(`/subscriptions/${SUB}`, 'RG-DB', 'Microsoft.Resources/resourceGroups@2021-04-01') } };
      expect(twinReadings({ resource }, {})('${azapi_resource.twin.id}')).toBe('${azurerm_resource_group.rg.id}');
    });

    test.each<[string, string, boolean]>([
      ['a literal ID of the network', `${rgId}/providers/Microsoft.Network/virtualNetworks/vnet`, true],
      ['a reference to the network block\'s ID', '${azurerm_virtual_network.net.id}', true],
      ['a network ID without the network\'s name', `${rgId}/providers/Microsoft.Network/virtualNetworks`, false],
      ['a network ID without "providers"', `${rgId}/providerz/Microsoft.Network/virtualNetworks/vnet`, false],
      ['a network ID with a child type and no name', `${rgId}/providers/Microsoft.Network/virtualNetworks/vnet/subnets`, false],
      ['another network', `${rgId}/providers/Microsoft.Network/virtualNetworks/vnet2`, false],
    ])('an azapi subnet below %s is a twin of the subnet: %s', (_, parent, twin) => {
      const resource = {
        azurerm_virtual_network: { net: { name: 'vnet', resource_group_name: 'rg-db' } },
        [SUBNET]: { db: { name: 'snet-db', resource_group_name: 'rg-db', virtual_network_name: 'vnet' } },
        azapi_resource: { twin: azapi(parent, 'snet-db', 'Microsoft.Network/virtualNetworks/subnets@2023-09-01') },
      };
      expect(twinReadings({ resource }, {})('${azapi_resource.twin.id}')).toBe(twin ? '${azurerm_subnet.db.id}' : '${azapi_resource.twin.id}');
    });
  });

  describe('blocks with for_each or count: each instance named with its own item', () => {
    const twin = (instances: object) => read({ [NSG]: { db: { ...group, ...MADE }, mine: { ...group, ...instances } } }, '${azurerm_network_security_group.mine.name}');
    test.each<[string, object, boolean]>([
      ['a set of the object\'s name', { for_each: '${toset(["nsg-db"])}', name: '${each.key}' }, true],
      ['a map to its name', { for_each: { main: 'NSG-DB' }, name: '${each.value}' }, true],
      ['two items, one of them its name', { for_each: ['nsg-app', 'nsg-db'], name: '${each.value}' }, true],
      ['two items, neither its name', { for_each: ['nsg-app', 'nsg-web'], name: '${each.value}' }, false],
      ['items known at apply', { for_each: '${var.names}', name: '${each.key}' }, false],
      ['one instance', { count: 1 }, true],
      ['a count of its text', { count: '2' }, true],
      ['its index in the name', { count: 2, name: 'nsg-${count.index}' }, false],
      ['its index picking its name', { count: 2, name: '${["nsg-app", "nsg-db"][count.index]}' }, true],
      ['an item known at apply beside its name', { for_each: { a: 'nsg-db', b: '${var.name}' }, name: '${each.value}' }, true],
      ['no instance', { count: 0 }, false],
      ['a count known at apply', { count: '${var.n}' }, false],
      ['OpenTofu\'s lifecycle.enabled', { lifecycle: { enabled: true } }, true],
    ])('%s: %s', (_, instances, isTwin) => {
      expect(twin(instances)).toBe(`\${azurerm_network_security_group.${isTwin ? 'db' : 'mine'}.name}`);
    });

    test('a block without them is the first of the object, before one with them', () => {
      expect(read({ [NSG]: { counted: { ...group, count: 1 }, plain: group } }, '${azurerm_network_security_group.counted.id}', [])).toBe('${azurerm_network_security_group.plain.id}');
    });

    test('an azapi parent is read as such a block when every instance names one object', () => {
      const subnet = (parent_id: string) => ({ type: 'Microsoft.Network/virtualNetworks/subnets@2023-09-01', parent_id, name: 'snet-db', body: {} });
      const resource = (net: object) => ({
        azurerm_virtual_network: { net: { resource_group_name: 'rg-db', ...net } },
        [SUBNET]: { db: { name: 'snet-db', resource_group_name: 'rg-db', virtual_network_name: 'vnet' } },
        azapi_resource: { twin: subnet('${azurerm_virtual_network.net.id}') },
      });
      expect(twinReadings({ resource: resource({ count: 1, name: 'vnet' }) }, {})('${azapi_resource.twin.id}')).toBe('${azurerm_subnet.db.id}');
      expect(twinReadings({ resource: resource({ for_each: ['vnet2', 'vnet'], name: '${each.key}' }) }, {})('${azapi_resource.twin.id}')).toBe('${azapi_resource.twin.id}');
    });

    describe('a block whose instances are two objects (stop 66: read as the last object only)', () => {
      // The construct's group and another one, and a twin whose for_each names both, each instance adopted by an import.
      const resource = (instances: object, other: object = { ...group, name: 'nsg-app' }) =>
        ({ [NSG]: { db: { ...group, ...MADE }, app: other, twin: { ...group, ...instances } } });
      const TWO = { for_each: { a: 'nsg-db', b: 'nsg-app' }, name: '${each.value}' };
      const keys = (instances: object, text: string) => resourceTwins({ resource: resource(instances) }, { made: new Set(['app/Db/Nsg']) }).instanceKeys?.(text) ?? 'no reading';

      test('an instance by a literal key is read as its own object\'s first block', () => {
        expect(keys(TWO, '${azurerm_network_security_group.twin["a"].name}')).toBe('${azurerm_network_security_group.db.name}');
        expect(keys(TWO, '${azurerm_network_security_group.twin[ "b" ].id}')).toBe('${azurerm_network_security_group.app.id}');
        expect(keys(TWO, '${azurerm_network_security_group.twin["a"]}')).toBe('${azurerm_network_security_group.db}');
        const counted = { count: 2, name: '${["nsg-app", "nsg-db"][count.index]}' };
        expect(keys(counted, '${azurerm_network_security_group.twin[1].name}/${azurerm_network_security_group.twin[ 0 ].name}'))
          .toBe('${azurerm_network_security_group.db.name}/${azurerm_network_security_group.app.name}');
      });

      test.each<[string, string]>([
        ['a key of no instance', '${azurerm_network_security_group.twin["c"].name}'],
        ['a key known only later', '${azurerm_network_security_group.twin[var.k].name}'],
        ['an argument the twin writes itself', '${azurerm_network_security_group.twin["a"].for_each}'],
        ['a block that is no twin', '${azurerm_network_security_group.app["a"].name}'],
        ['a text without interpolation', 'azurerm_network_security_group.twin["a"].name'],
      ])('%s is left as written', (_, text) => {
        expect(keys(TWO, text)).toBe(text);
      });

      test('a stack whose twins have no instances by key has no such reading', () => {
        const made = { made: new Set(['app/Db/Nsg']) };
        expect(resourceTwins({ resource: { [NSG]: { db: { ...group, ...MADE }, mine: group } } }, made).instanceKeys).toBeUndefined();
        // Beside a plain twin, a block whose instances are twins is read by key.
        const both = { [NSG]: { ...resource(TWO)[NSG], plain: { ...group, name: 'nsg-app' } } };
        expect(resourceTwins({ resource: both }, made).instanceKeys?.('${azurerm_network_security_group.twin["a"].id}')).toBe('${azurerm_network_security_group.db.id}');
      });

      test('a key that names an object with no other block is left to the block', () => {
        const text = '${azurerm_network_security_group.twin["c"].name}';
        expect(keys({ for_each: { a: 'nsg-db', c: 'nsg-web' }, name: '${each.value}' }, text)).toBe(text);
      });

      test('where its instance is not known it is read as each object, one of coalesce\'s arguments', () => {
        expect(read(resource(TWO), '${azurerm_network_security_group.twin.name}'))
          .toBe('${coalesce(azurerm_network_security_group.db.name, azurerm_network_security_group.app.name)}');
        // Two objects whose first block is one block (every block has for_each): that block once.
        const both = { for_each: ['nsg-db', 'nsg-app'], name: '${each.value}' };
        expect(read({ [NSG]: { first: { ...group, ...both }, twin: { ...group, ...both } } }, '${azurerm_network_security_group.twin.name}', []))
          .toBe('${azurerm_network_security_group.first.name}');
      });

      test('the whole reading: each instance by its key, any other as each object', () => {
        const rule = (group: string) => ({ network_security_group_name: `\${${group}.name}`, resource_group_name: 'rg-db' });
        const read = aliasDataSources({ resource: { ...resource(TWO), azurerm_network_security_rule: {
          a: rule('azurerm_network_security_group.twin["a"]'), b: rule('azurerm_network_security_group.twin[ "b" ]'), later: rule('azurerm_network_security_group.twin[var.k]'),
        } } }, { made: new Set(['app/Db/Nsg']) }) as { resource: Blocks };
        const names = Object.fromEntries(Object.entries(read.resource.azurerm_network_security_rule).map(([name, body]) => [name, (body as { network_security_group_name: string }).network_security_group_name]));
        expect(names).toEqual({
          a: '${azurerm_network_security_group.db.name}',
          b: '${azurerm_network_security_group.app.name}',
          later: '${coalesce(azurerm_network_security_group.db.name, azurerm_network_security_group.app.name)}',
        });
      });
    });
  });

  test.each<[string, unknown]>([['blank text', ' '], ['a list', ['nsg-db']], ['an object', { name: 'nsg-db' }], ['null', null]])('blocks named by %s are no twins', (_, name) => {
    expect(read({ [NSG]: { db: { ...group, name, ...MADE }, mine: { ...group, name } } }, '${azurerm_network_security_group.mine.id}')).toBe('${azurerm_network_security_group.mine.id}');
  });

  describe('blocks of joined stacks: the subscriptions their places name decide', () => {
    // The judged stack's providers name two subscriptions, so within it the blocks would be two objects; a place of another stack decides alone.
    const provider = { azurerm: [{ features: [{}], subscription_id: SUB }, { alias: 'other', features: [{}], subscription_id: SUB.replace(/1$/, '2') }] };
    const resource = { [NSG]: { db: { ...group, ...MADE }, mine: { ...group, provider: 'azurerm.other' } } };
    test.each<[string, string | undefined, string | undefined, boolean]>([
      ['one subscription', SUB, SUB, true],
      ['two subscriptions', SUB, 'sub-2', false],
      ['the judged block\'s unknown', undefined, SUB, true],
      ['the other\'s unknown', SUB, undefined, true],
    ])('%s', (_, judged, other, twin) => {
      const placeOf = ({ address }: { address: string }) => (address.endsWith('.mine') ? { stack: 'ops', subscription: other } : { subscription: judged });
      const readings = twinReadings({ provider, resource }, { made: new Set(['app/Db/Nsg']), placeOf });
      expect(readings('${azurerm_network_security_group.mine.id}')).toBe(`\${azurerm_network_security_group.${twin ? 'db' : 'mine'}.id}`);
    });

    test('the construct\'s block in another stack, its twin in the judged one: their places decide', () => {
      const placeOf = ({ address }: { address: string }) => (address.endsWith('.db') ? { stack: 'data', subscription: SUB } : { subscription: SUB });
      expect(twinReadings({ provider, resource }, { made: new Set(['app/Db/Nsg']), placeOf })('${azurerm_network_security_group.mine.id}')).toBe('${azurerm_network_security_group.db.id}');
    });

    test('blocks of the judged stack alone are told apart by its providers, whatever their places say', () => {
      const placeOf = () => ({ subscription: SUB });
      expect(twinReadings({ provider, resource }, { made: new Set(['app/Db/Nsg']), placeOf })('${azurerm_network_security_group.mine.id}')).toBe('${azurerm_network_security_group.mine.id}');
    });
  });
});
