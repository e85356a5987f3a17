import { ignoredPinnedAttributes } from '../../../../lib/checks/ignored-pins';
import { PinnedAttributes } from '../../../../lib/checks/pinned-attributes';

// Which attributes a construct set are kept from being applied by lifecycle.ignore_changes (PG-CFG-6, A10a-5).

const pin: PinnedAttributes = {
  server: 'test/Postgres/Server',
  path: 'test/Postgres/Server',
  attributes: {
    'provider': 'azurerm.library',
    'administrator_password_wo_version': 3,
    'administrator_password': null,
    'customer_managed_key.key_vault_key_id': '${var.key}',
    'keepers': { version: '3' },
    'depends_on': ['azurerm_subnet.guard'],
  },
};
const ignoring = (ignored: unknown) => ignoredPinnedAttributes(pin, { lifecycle: { ignore_changes: ignored } });

describe('ignoredPinnedAttributes', () => {
  test.each<[unknown, string[]]>([
    [['administrator_password_wo_version'], ['administrator_password_wo_version']],
    [[' administrator_password_wo_version '], ['administrator_password_wo_version']],
    [['customer_managed_key'], ['customer_managed_key.key_vault_key_id']],
    [['customer_managed_key[0].key_vault_key_id'], ['customer_managed_key.key_vault_key_id']],
    [['customer_managed_key.0.key_vault_key_id'], ['customer_managed_key.key_vault_key_id']],
    [['keepers["version"]'], ['keepers']],
    [['keepers.version'], ['keepers']],
    // A29b-1: a quoted key is read to its closing quote, an escaped quote or a `]` inside it being the key's.
    [['keepers["a\\"b"]'], ['keepers']],
    [['keepers["a]b"]'], ['keepers']],
    ['all', ['administrator_password_wo_version', 'customer_managed_key.key_vault_key_id', 'keepers']],
    // Blanks and comments between a traversal's parts are nothing to Terraform (eleventh review, A11b-6).
    [['administrator_password_wo_version # rotated by hand\n'], ['administrator_password_wo_version']],
    [['/* c */administrator_password_wo_version'], ['administrator_password_wo_version']],
    [['customer_managed_key [ 0 ] . /* c */ key_vault_key_id'], ['customer_managed_key.key_vault_key_id']],
    [['keepers [ "version" ] // c'], ['keepers']],
    ['/*c*/all', ['administrator_password_wo_version', 'customer_managed_key.key_vault_key_id', 'keepers']],
    [['all # c'], ['administrator_password_wo_version', 'customer_managed_key.key_vault_key_id', 'keepers']],
  ])('ignore_changes %j keeps %j from being applied', (ignored, attributes) => {
    expect(ignoring(ignored).attributes).toEqual(attributes);
  });

  test.each<[unknown]>([
    [undefined], [[]], [['zone', 'tags', 'tags["owner"]']],
    // Attributes pinned unset have nothing to apply; meta-arguments are not attributes.
    [['administrator_password']], [['provider', 'depends_on']],
    // A sibling whose name starts the same is another attribute.
    [['administrator_password_wo']], [['customer_managed_key.key_vault_key_id_other']],
    // A comment is no part of the name: what follows it names nothing.
    [['administrator_password # _wo_version']], [['tags /* administrator_password_wo_version */']],
  ])('ignore_changes %j keeps none', (ignored) => {
    expect(ignoring(ignored)).toEqual({ entries: [], attributes: [] });
  });

  test('the ignore_changes a construct pinned whole is judged by that pin, not again here', () => {
    const whole: PinnedAttributes = { ...pin, attributes: { ...pin.attributes, 'lifecycle.ignore_changes': null } };
    expect(ignoredPinnedAttributes(whole, { lifecycle: { ignore_changes: ['keepers'] } }).entries).toEqual([]);
  });

  test('a pinned ignore_changes that covers what the same pin sets is read (no construct pins one: a hand edit, A11b-4)', () => {
    const forged: PinnedAttributes = { ...pin, attributes: { ...pin.attributes, 'lifecycle.ignore_changes': ['keepers # by hand'] } };
    expect(ignoredPinnedAttributes(forged, { lifecycle: { ignore_changes: ['keepers # by hand'] } })).toEqual({ entries: ['keepers # by hand'], attributes: ['keepers'] });
  });

  test('a lifecycle block written as a list of one counts; an entry that names no attribute ignores none', () => {
    expect(ignoredPinnedAttributes(pin, { lifecycle: [{ ignore_changes: ['keepers'] }] }).entries).toEqual(['keepers']);
    expect(ignoring([{ not: 'a name' }, 'keepers']).entries).toEqual(['keepers']);
  });
});
