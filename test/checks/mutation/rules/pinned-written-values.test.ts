// writtenValues (pinned-attributes.ts, read by PG-CFG-6): only keys of digits are the index cdktf
// writes an override of a block under.
import { writtenValues } from '../../../../lib/checks/pinned-attributes';

test('a key that starts with digits but is not an index is not an override by index', () => {
  expect(writtenValues({ key_vault_key_id: 'a', '0x': { key_vault_key_id: 'b' }, 0: { key_vault_key_id: 'c' } }, ['key_vault_key_id'])).toEqual(['a', 'c']);
});
