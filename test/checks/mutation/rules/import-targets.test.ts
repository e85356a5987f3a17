import { importTargets } from '../../../../lib/checks/import-targets';

// The addresses a stack's import blocks adopt live objects into (tenth review, A10a-15).

test('reads each import block\'s "to", as a list or one block, trimmed, each address once', () => {
  expect(importTargets({ import: [{ id: 'a', to: 'azurerm_x.one' }, { id: 'b', to: ' azurerm_x.two ' }, { id: 'c', to: 'azurerm_x.one' }] })).toEqual(['azurerm_x.one', 'azurerm_x.two']);
  expect(importTargets({ import: { id: 'a', to: 'azurerm_x.one' } })).toEqual(['azurerm_x.one']);
});

test('leaves out a target known only at apply time, one that is not text, and a block that is not an object', () => {
  expect(importTargets({ import: [{ id: 'a', to: '${each.key}' }, { id: 'b', to: 7 }, null, 'azurerm_x.one', { id: 'c' }] })).toEqual([]);
});

test('a stack with no import blocks, or JSON that is not an object, adopts nothing', () => {
  expect(importTargets({ resource: {} })).toEqual([]);
  expect(importTargets(null)).toEqual([]);
  expect(importTargets([{ import: [{ to: 'azurerm_x.one' }] }])).toEqual([]);
});
