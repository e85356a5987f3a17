import { importTargets, movedTargets, resourceAddress } from '../../../../lib/checks/import-targets';

// The addresses a stack's import blocks adopt live objects into (tenth review, A10a-15), and those
// moved blocks move state to (eleventh review, A11a-3), read as Terraform reads a traversal (A11b-1).

test('reads each import block\'s "to", as a list or one block, trimmed, each address once', () => {
  expect(importTargets({ import: [{ id: 'a', to: 'azurerm_x.one' }, { id: 'b', to: ' azurerm_x.two ' }, { id: 'c', to: 'azurerm_x.one' }] })).toEqual(['azurerm_x.one', 'azurerm_x.two']);
  expect(importTargets({ import: { id: 'a', to: 'azurerm_x.one' } })).toEqual(['azurerm_x.one']);
});

test('leaves out a target that is not text and a block that is not an object', () => {
  expect(importTargets({ import: [{ id: 'b', to: 7 }, null, 'azurerm_x.one', { id: 'c' }] })).toEqual([]);
});

test('a stack with no import or moved blocks, or JSON that is not an object, adopts nothing', () => {
  expect(importTargets({ resource: {} })).toEqual([]);
  expect(movedTargets({ resource: {} })).toEqual([]);
  expect(importTargets(null)).toEqual([]);
  expect(importTargets([{ import: [{ to: 'azurerm_x.one' }] }])).toEqual([]);
});

test('reads each moved block\'s "to", not its "from"', () => {
  expect(movedTargets({ moved: [{ from: 'azurerm_x.old', to: 'azurerm_x.new' }, { from: 'azurerm_x.a', to: 'azurerm_x.new' }] })).toEqual(['azurerm_x.new']);
  expect(movedTargets({ moved: { from: 'azurerm_x.old', to: 'azurerm_x . new' } })).toEqual(['azurerm_x.new']);
  expect(movedTargets({ import: [{ to: 'azurerm_x.one' }] })).toEqual([]);
});

test.each([
  ['azurerm_x.one', 'azurerm_x.one'],
  [' azurerm_x.one\t', 'azurerm_x.one'],
  ['azurerm_x .one', 'azurerm_x.one'],
  ['azurerm_x\n.one', 'azurerm_x.one'],
  ['azurerm_x. one', 'azurerm_x.one'],
  ['azurerm_x/**/.one', 'azurerm_x.one'],
  ['azurerm_x/* a\ncomment */.one', 'azurerm_x.one'],
  ['azurerm_x # note\n.one', 'azurerm_x.one'],
  ['azurerm_x // note\n.one', 'azurerm_x.one'],
  ['azurerm_x.one[0]', 'azurerm_x.one'],
  ['azurerm_x.one["a # b"]', 'azurerm_x.one'],
  ['azurerm_x.one[each.key]', 'azurerm_x.one'],
  ['${azurerm_x.one}', 'azurerm_x.one'],
  [' ${ azurerm_x . one } ', 'azurerm_x.one'],
  ['module.m[0].azurerm_x.one', 'module.m.azurerm_x.one'],
])('the traversal %j names %s', (written, address) => {
  expect(resourceAddress(written)).toBe(address);
});
