import { Unknown } from '../../lib/checks/hcl-expression';
import { groupRelation, namedParents, referencedName, resolvedGroup, withNamesRead } from '../../lib/checks/name-parents';
import { ResourceView } from '../../lib/checks/stack-model';

// A child named by its parent's name is in the parent of that name in its own resource group
// (A14a-1/A14a-2): which name a reference reads, and whether two groups are one. The rules judged
// with it are in name-parents-synth.test.ts.

const ref = (reference: string) => new Unknown(reference, [reference]);
const view = (address: string, config: object) => ({ address, type: address.split('.')[0], name: address.split('.')[1], config, certain: true }) as unknown as ResourceView;
const DECOY = view('azurerm_network_security_group.decoy', { name: 'orders-db-postgres-nsg', resource_group_name: 'rg-decoy' });
const LATER = view('azurerm_network_security_group.later', { name: ref('var.nsg'), resource_group_name: ref('var.group') });
const ORDERS = view('azurerm_resource_group.orders', { name: 'RG-Orders ' });
const RESOURCES = new Map([DECOY, LATER, ORDERS].map((resource) => [resource.address, resource]));
const rule = (group: unknown, pointer: unknown = ref('azurerm_network_security_group.decoy.name')) => view('azurerm_network_security_rule.r', { network_security_group_name: pointer, resource_group_name: group });

describe('resolvedGroup', () => {
  test.each([
    ['a literal, around blanks, in lower case', ' RG-Orders', 'rg-orders'],
    ['a number', 7, '7'],
    ['a resource group\'s name', ref('azurerm_resource_group.orders.name'), 'rg-orders'],
    ['another block\'s group', ref('azurerm_network_security_group.decoy.resource_group_name'), 'rg-decoy'],
    ['an instance\'s group', ref('azurerm_network_security_group.decoy[0].resource_group_name'), 'rg-decoy'],
  ])('reads %s', (_name, value, group) => {
    expect(resolvedGroup(value, RESOURCES)).toBe(group);
  });

  test.each([
    ['a variable', ref('var.group')],
    ['a block\'s group known only later', ref('azurerm_network_security_group.later.resource_group_name')],
    ['another attribute of a block', ref('azurerm_network_security_group.decoy.location')],
    ['the name of a block that is no resource group', ref('azurerm_network_security_group.decoy.name')],
    ['a block the stack lacks', ref('azurerm_resource_group.gone.name')],
    ['a lookup', ref('data.azurerm_resource_group.orders.name')],
    ['a function of a group', new Unknown('lower(azurerm_resource_group.orders.name)', ['azurerm_resource_group.orders.name'])],
    ['no group', undefined],
  ])('leaves %s open', (_name, value) => {
    expect(resolvedGroup(value, RESOURCES)).toBeUndefined();
  });

  test('a cycle of references ends', () => {
    const cycle = new Map([['azurerm_x.a', view('azurerm_x.a', { resource_group_name: ref('azurerm_x.a.resource_group_name') })]]);
    expect(resolvedGroup(ref('azurerm_x.a.resource_group_name'), cycle)).toBeUndefined();
  });
});

describe('referencedName', () => {
  test('a block\'s literal name by plain reference', () => {
    expect(referencedName(ref('azurerm_network_security_group.decoy.name'), RESOURCES)).toBe('orders-db-postgres-nsg');
    expect(referencedName(ref('azurerm_resource_group.orders.name'), RESOURCES)).toBe('RG-Orders ');
  });

  test.each([
    ['a name known only later', ref('azurerm_network_security_group.later.name')],
    ['another attribute', ref('azurerm_network_security_group.decoy.resource_group_name')],
    ['a function of the name', new Unknown('lower(azurerm_network_security_group.decoy.name)', ['azurerm_network_security_group.decoy.name'])],
    ['a module\'s output called name', ref('module.azurerm_network_security_group.name')],
    ['a literal', 'orders-db-postgres-nsg'],
  ])('is none for %s', (_name, pointer) => {
    expect(referencedName(pointer, RESOURCES)).toBeUndefined();
  });
});

describe('groupRelation', () => {
  test.each([
    ['the parent\'s group by reference', ref('azurerm_network_security_group.decoy.resource_group_name'), 'same'],
    ['its literal in another case', 'RG-DECOY', 'same'],
    ['another literal', 'rg-orders', 'other'],
    ['a resource group of another name', ref('azurerm_resource_group.orders.name'), 'other'],
    ['a variable', ref('var.group'), 'maybe'],
  ])('%s is %s', (_name, group, relation) => {
    expect(groupRelation(rule(group), DECOY, RESOURCES)).toBe(relation);
  });

  test('the same expression on both sides is one group; another is either', () => {
    expect(groupRelation(rule(ref('var.group')), LATER, RESOURCES)).toBe('same');
    expect(groupRelation(rule(ref('var.other')), LATER, RESOURCES)).toBe('maybe');
    expect(groupRelation(rule('rg-orders'), LATER, RESOURCES)).toBe('maybe');
  });
});

describe('namedParents', () => {
  test('a reference to a parent in the child\'s group keeps it for sure', () => {
    expect(namedParents(rule('rg-decoy'), ref('azurerm_network_security_group.decoy.name'), [DECOY], RESOURCES)).toEqual({ kept: [DECOY], name: undefined, later: 'no' });
  });

  test('a reference to a parent in another group is its name in the child\'s group', () => {
    expect(namedParents(rule('rg-orders'), ref('azurerm_network_security_group.decoy.name'), [DECOY], RESOURCES)).toEqual({ kept: [], name: 'orders-db-postgres-nsg', later: 'no' });
  });

  test('a reference to a parent whose group is known only later keeps it, and is its name elsewhere', () => {
    const decoy = view('azurerm_network_security_group.decoy', { name: 'orders-db-postgres-nsg', resource_group_name: ref('var.group') });
    expect(namedParents(rule('rg-orders'), ref('azurerm_network_security_group.decoy.name'), [decoy], new Map([[decoy.address, decoy]]))).toEqual({ kept: [decoy], name: 'orders-db-postgres-nsg', later: 'no' });
  });

  test('the name of a parent in another group known only later may be any name; an expression, what it spells', () => {
    expect(namedParents(rule('rg-orders'), ref('azurerm_network_security_group.later.name'), [LATER], RESOURCES).later).toBe('any');
    const lowered = new Unknown('lower(azurerm_network_security_group.decoy.name)', ['azurerm_network_security_group.decoy.name']);
    expect(namedParents(rule('rg-orders'), lowered, [DECOY], RESOURCES)).toEqual({ kept: [], name: undefined, later: 'spelled' });
    expect(namedParents(rule('rg-orders'), ref('var.nsg'), [], RESOURCES)).toEqual({ kept: [], name: undefined, later: 'spelled' });
  });

  test('a template of literal text and names read from blocks is the literal it spells, whichever parent it references', () => {
    const spelled = new Unknown('${azurerm_network_security_group.decoy.name}-x', ['azurerm_network_security_group.decoy.name']);
    expect(namedParents(rule('rg-decoy'), spelled, [DECOY], RESOURCES)).toEqual({ kept: [], name: 'orders-db-postgres-nsg-x', later: 'no' });
    const escaped = new Unknown('$${x}-${azurerm_network_security_group.decoy.name}', ['azurerm_network_security_group.decoy.name']);
    expect(namedParents(rule('rg-decoy'), escaped, [DECOY], RESOURCES).name).toBe('${x}-orders-db-postgres-nsg');
    const open = new Unknown('${azurerm_network_security_group.decoy.name}-${var.env}', ['azurerm_network_security_group.decoy.name', 'var.env']);
    expect(namedParents(rule('rg-decoy'), open, [DECOY], RESOURCES)).toEqual({ kept: [DECOY], name: undefined, later: 'spelled' });
  });

  test('the name of a block of another kind is its literal name', () => {
    expect(namedParents(rule('rg-orders'), ref('azurerm_resource_group.orders.name'), [], RESOURCES)).toEqual({ kept: [], name: 'RG-Orders ', later: 'no' });
  });
});

describe('withNamesRead', () => {
  test('an interpolation of a block\'s literal name, or of a group the stack holds, is that literal', () => {
    expect(withNamesRead('/resourceGroups/${azurerm_resource_group.orders.name}/x/${ azurerm_network_security_group.decoy.name }/rules', RESOURCES)).toBe('/resourceGroups/rg-orders/x/orders-db-postgres-nsg/rules');
    expect(withNamesRead('${azurerm_network_security_group.decoy.resource_group_name}', RESOURCES)).toBe('rg-decoy');
  });

  test.each([
    ['a variable', '/x/${var.nsg}'],
    ['a name known only later', '/x/${azurerm_network_security_group.later.name}'],
    ['a function', '/x/${lower(azurerm_network_security_group.decoy.name)}'],
    ['an escaped interpolation', '/x/$${azurerm_network_security_group.decoy.name}'],
  ])('%s is left as written', (_name, template) => {
    expect(withNamesRead(template, RESOURCES)).toBe(template);
  });
});
