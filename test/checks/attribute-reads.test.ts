import { blockOf, readsAttribute } from '../../lib/checks/attribute-reads';
import { evaluateJson, isUnknown, NO_LOCALS } from '../../lib/checks/hcl-expression';
import { INSTANCE_KEY } from '../../lib/checks/traversal-text';

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

// A29b-1: the pattern readers match an instance key as the expression reader writes it (`[?]`, `[0]`, a JSON-quoted key), so a
// `]` or an escaped quote inside a quoted key is the key's, never the end of it.
describe('INSTANCE_KEY: one grammar for the keys of a reference', () => {
  const KEYS = ['0', '"k"', '"a]b"', '"a\\"]b"', '"]"', '"${"]"}"', 'each.value["k"]', 'local.keys[0]', '{ a = "]" }["a"]'];
  test.each(KEYS)('the reference the expression reader gives for the key %s is matched whole', (key) => {
    const value = evaluateJson(`\${azurerm_x.y[${key}].name}`, NO_LOCALS);
    const [reference] = isUnknown(value) ? value.references : [];
    expect(reference).toMatch(new RegExp(String.raw`^azurerm_x\.y(?:${INSTANCE_KEY})\.name$`));
    expect(readsAttribute(reference, 'azurerm_x.y', ['id'])).toBe(false);
    expect(readsAttribute(reference.replace(/\.name$/, '.id'), 'azurerm_x.y', ['id'])).toBe(true);
  });
});
