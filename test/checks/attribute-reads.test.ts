import { blockOf, readsAttribute } from '../../lib/checks/attribute-reads';

describe('readsAttribute: a reference to the whole block reads every attribute (seventh review, A7-9)', () => {
  test.each([
    ['azurerm_x.y.id', true],
    ['azurerm_x.y[0].id', true],
    ['azurerm_x.y[*].id[0]', true],
    ['azurerm_x.y.*.id', true],
    ['azurerm_x.y', true],
    ['azurerm_x.y[*]', true],
    ['azurerm_x.y[var.k]', true],
    ['azurerm_x.y.name', false],
    ['azurerm_x.y[0].name', false],
    ['azurerm_x.yz.id', false],
    ['azurerm_x.yz', false],
    ['azurerm_x.w.id', false],
  ])('%s reads the id of azurerm_x.y: %s', (reference, reads) => {
    expect(readsAttribute(reference, 'azurerm_x.y', ['id'])).toBe(reads);
  });

  test('blockOf names the block a reference starts with', () => {
    expect(['azurerm_x.y[0].id', 'data.azurerm_x.y.id', 'ephemeral.random_password.p', 'var.v', 'x'].map(blockOf))
      .toEqual(['azurerm_x.y', 'data.azurerm_x.y', 'ephemeral.random_password.p', 'var.v', undefined]);
  });
});
