// The pinned attributes as the JSON carries them (lib/checks/pinned-attributes.ts), judged on plain
// JSON: which entries count, when the written list differs from the recorded one, how pins are
// folded like the model's values, and every value a resource writes for a pinned path.
import { Unknown } from '../../../../lib/checks/hcl-expression';
import { alteredPins, comparablePins, isPinned, PINNED_KEY, PinnedAttributes, readPinnedAttributes, writtenValues } from '../../../../lib/checks/pinned-attributes';

const PIN: PinnedAttributes = { server: 'stack/Postgres/Server', path: 'stack/Postgres/Admin', attributes: { object_id: 'aaaa', principal_type: null } };
const withPins = (pins: unknown): object => ({ '//': { [PINNED_KEY]: pins } });

describe('isPinned', () => {
  test.each<[string, unknown, boolean]>([
    ['the shape pinAttributes writes', PIN, true],
    ['no server', { ...PIN, server: undefined }, false],
    ['a server that is no text', { ...PIN, server: 1 }, false],
    ['no path', { ...PIN, path: undefined }, false],
    ['a path that is no text', { ...PIN, path: ['a'] }, false],
    ['attributes that are no object', { ...PIN, attributes: 'object_id' }, false],
    ['null', null, false],
    ['text', 'stack/Postgres/Admin', false],
  ])('%s: %p', (_, entry, expected) => {
    expect(isPinned(entry)).toBe(expected);
  });
});

test('readPinnedAttributes keeps only entries of the written shape, from the top-level comment', () => {
  expect(readPinnedAttributes(withPins([PIN, null, { server: 'x' }]))).toEqual([PIN]);
  expect(readPinnedAttributes({ '//': { other: [PIN] } })).toEqual([]);
  expect(readPinnedAttributes({ resource: { x: { '//': { [PINNED_KEY]: [PIN] } } } })).toEqual([]);
});

test('alteredPins is silent on the list as recorded and explains any other', () => {
  expect(alteredPins(withPins([PIN]), [PIN])).toBeUndefined();
  const why = 'the attributes the constructs pinned, written into the JSON (//.cdktf-azure-postgres-pinned), are not those the constructs pinned, so `check` on the JSON would judge against another intent';
  expect(alteredPins(withPins([{ ...PIN, attributes: { object_id: 'bbbb', principal_type: null } }]), [PIN])).toBe(why);
  expect(alteredPins(withPins([]), [PIN])).toBe(why);
  expect(alteredPins({}, [PIN])).toBe(why);
});

describe('comparablePins', () => {
  test('folds locals and constant expressions as the model does, and leaves references as written', () => {
    const terraform = { locals: { admin: 'aaaa' }, ...withPins([]) };
    const pins = [{ ...PIN, attributes: { object_id: '${local.admin}', principal_type: '${upper("user")}', server_name: '${azurerm_x.y.name}' } }];
    expect(comparablePins(terraform, pins)).toEqual([{ ...PIN, attributes: { object_id: 'aaaa', principal_type: 'USER', server_name: '${azurerm_x.y.name}' } }]);
  });

  test('no pins, none to fold', () => {
    expect(comparablePins({ locals: { a: 1 } }, [])).toEqual([]);
  });
});

describe('writtenValues', () => {
  test('an attribute at the top, and one unset', () => {
    expect(writtenValues({ object_id: 'aaaa' }, ['object_id'])).toEqual(['aaaa']);
    expect(writtenValues({}, ['object_id'])).toEqual([null]);
    expect(writtenValues(undefined, ['object_id'])).toEqual([null]);
    expect(writtenValues(null, ['object_id'])).toEqual([null]);
  });

  test('a nested block as one object, as a list of one, and missing', () => {
    const key = { key_vault_key_id: 'k1' };
    expect(writtenValues({ customer_managed_key: key }, ['customer_managed_key', 'key_vault_key_id'])).toEqual(['k1']);
    expect(writtenValues({ customer_managed_key: [key] }, ['customer_managed_key', 'key_vault_key_id'])).toEqual(['k1']);
    expect(writtenValues({ customer_managed_key: [] }, ['customer_managed_key', 'key_vault_key_id'])).toEqual([null]);
    expect(writtenValues({}, ['customer_managed_key', 'key_vault_key_id'])).toEqual([null]);
  });

  test('two blocks, or a block written as an expression, are the value itself, never the pinned one', () => {
    const two = [{ key_vault_key_id: 'k1' }, { key_vault_key_id: 'k2' }];
    expect(writtenValues({ customer_managed_key: two }, ['customer_managed_key', 'key_vault_key_id'])).toEqual([two]);
    expect(writtenValues({ customer_managed_key: '${var.key}' }, ['customer_managed_key', 'key_vault_key_id'])).toEqual(['${var.key}']);
    const unknown = new Unknown('var.key', ['var.key']);
    expect(writtenValues({ customer_managed_key: unknown }, ['customer_managed_key', 'key_vault_key_id'])).toEqual(['${var.key}']);
  });

  test('a value written by index ("0") as cdktf writes an override of a block, beside the block itself', () => {
    const block = { key_vault_key_id: 'k1', 0: { key_vault_key_id: 'k2' }, 1: { other: 'x' }, x1: { key_vault_key_id: 'k3' } };
    expect(writtenValues({ customer_managed_key: block }, ['customer_managed_key', 'key_vault_key_id'])).toEqual(['k1', 'k2']);
    expect(writtenValues({ customer_managed_key: { 12: { key_vault_key_id: 'k4' } } }, ['customer_managed_key', 'key_vault_key_id'])).toEqual([null, 'k4']);
    expect(writtenValues({ customer_managed_key: { 0: 'k5' } }, ['customer_managed_key', 'key_vault_key_id'])).toEqual([null]);
  });

  test('a dynamic block of the pinned block\'s type counts, whatever it holds; one of another type does not', () => {
    const dynamic = { customer_managed_key: { for_each: '${var.keys}', content: { key_vault_key_id: '${each.value}' } } };
    expect(writtenValues({ dynamic }, ['customer_managed_key', 'key_vault_key_id'])).toEqual([null, { dynamic }]);
    expect(writtenValues({ dynamic: { identity: {} } }, ['customer_managed_key', 'key_vault_key_id'])).toEqual([null]);
    // An attribute at the top of the resource is never made by a dynamic block.
    expect(writtenValues({ dynamic: { object_id: {} } }, ['object_id'])).toEqual([null]);
  });
});
