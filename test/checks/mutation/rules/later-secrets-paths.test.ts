// Key Vault secrets a lookup may read (later-secrets.ts), on the stack model directly: mayReadSecret's reason word for word, the
// relation of two vaults (vaultOfSecret, madeVaultOfSecret), the vault's name and whether it is known before apply, and names compared
// as Azure compares them (mayBeSameText, mayBeSecretName). Read by PG-IAM-4 (password-copies.ts), PG-IAM-2 (vaulted-password-scopes.ts)
// and read-back-lookups.ts, whose suites load cdktf or reach only part of these paths.
// The ninth mutation pass (docs/mutation-testing.md): each test pins a behaviour a surviving mutant changed.
import { isKnownVault, isSecretLookup, madeVaultOfSecret, mayBeSameText, mayBeSecretName, mayReadSecret, vaultNameOf, vaultOfSecret } from '../../../../lib/checks/later-secrets';
import { buildStackModel, ResourceView } from '../../../../lib/checks/stack-model';

const VAULT_A = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kva';
const VAULT_B = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kvb';

/** A stack of these resources and lookups, with the blockAt the readers are given. */
function stackOf(resource: object, data: object = {}, locals: object = {}) {
  const model = buildStackModel({ resource, data, locals });
  const blockAt = (address: string): ResourceView | undefined => model.resources.get(address) ?? model.lookups.get(address);
  const at = (address: string): ResourceView => {
    const block = blockAt(address);
    if (block === undefined) throw new Error(`no block ${address}`);
    return block;
  };
  return { blockAt, at };
}

/** Why `data.azurerm_key_vault_secret.k` (written as `lookup`) may read `azurerm_key_vault_secret.s` (written as `secret`), beside `others` (other secrets among them). */
function reason(lookup: object, secret: object, others: object = {}, lookups: object = {}, locals: object = {}): string | undefined {
  const { azurerm_key_vault_secret: more = {}, ...rest } = others as { azurerm_key_vault_secret?: object };
  const { blockAt, at } = stackOf({ azurerm_key_vault_secret: { s: secret, ...more }, ...rest }, { azurerm_key_vault_secret: { k: lookup }, ...lookups }, locals);
  return mayReadSecret(at('data.azurerm_key_vault_secret.k'), at('azurerm_key_vault_secret.s'), blockAt);
}

test('a lookup of a secret is a data source or ephemeral resource of azurerm_key_vault_secret, in a check block too, and nothing else', () => {
  expect(['data.azurerm_key_vault_secret.k', 'ephemeral.azurerm_key_vault_secret.k', 'check.c.data.azurerm_key_vault_secret.k'].map(isSecretLookup)).toEqual([true, true, true]);
  const others = ['azurerm_key_vault_secret.k', 'data.azurerm_key_vault_secrets.k', 'data.azurerm_key_vault_secret.k.value', 'data.azurerm_key_vault_secret.k[0]', 'xdata.azurerm_key_vault_secret.k', 'check.c.d.data.azurerm_key_vault_secret.k', 'module.m.data.azurerm_key_vault_secret.k'];
  expect(others.map(isSecretLookup)).toEqual(others.map(() => false));
});

describe('mayReadSecret: why a lookup may read a secret, word for word', () => {
  test.each([
    ['the same literal name and vault', { name: 'admin', key_vault_id: VAULT_A }, { name: 'admin', key_vault_id: VAULT_A }, ''],
    ['names and vaults in another case, with blanks and a trailing slash', { name: ' ADMIN ', key_vault_id: `${VAULT_A.toUpperCase()}/` }, { name: 'admin', key_vault_id: VAULT_A }, ''],
    ['another name', { name: 'other', key_vault_id: VAULT_A }, { name: 'admin', key_vault_id: VAULT_A }, undefined],
    ['another vault', { name: 'admin', key_vault_id: VAULT_B }, { name: 'admin', key_vault_id: VAULT_A }, undefined],
    ['a name known later', { name: '${var.n}', key_vault_id: VAULT_A }, { name: 'admin', key_vault_id: VAULT_A }, 'name "${var.n}" is'],
    ['a vault known later', { name: 'admin', key_vault_id: '${var.v}' }, { name: 'admin', key_vault_id: VAULT_A }, 'key_vault_id "${var.v}" is'],
    ['both known later', { name: '${var.n}', key_vault_id: '${var.v}' }, { name: 'admin', key_vault_id: VAULT_A }, 'name "${var.n}" and key_vault_id "${var.v}" are'],
    ['the secret\'s known later', { name: 'admin', key_vault_id: VAULT_A }, { name: '${var.n}', key_vault_id: '${var.v}' },
      `name "admin" (the secret's: "\${var.n}") and key_vault_id "${VAULT_A}" (the secret's: "\${var.v}") are`],
    ['the same expression on both sides', { name: '${var.n}', key_vault_id: '${var.v}' }, { name: '${var.n}', key_vault_id: '${var.v}' }, ''],
    ['a number and its text', { name: 5, key_vault_id: VAULT_A }, { name: '5', key_vault_id: VAULT_A }, ''],
    ['a name Terraform refuses (an object)', { name: { a: 'admin' }, key_vault_id: VAULT_A }, { name: 'admin', key_vault_id: VAULT_A }, undefined],
    ['a vault Terraform refuses (a list)', { name: 'admin', key_vault_id: [VAULT_A] }, { name: 'admin', key_vault_id: VAULT_A }, undefined],
  ])('%s', (_, lookup, secret, expected) => {
    expect(reason(lookup, secret)).toBe(expected);
  });
});

describe('mayReadSecret: names', () => {
  const secret = (name: unknown) => ({ name, key_vault_id: VAULT_A });
  const lookup = (name: unknown) => ({ name, key_vault_id: VAULT_A });
  test.each([
    ['a list is no name (its text would be the name)', ['admin'], 'admin', undefined],
    ['null is no name', null, 'null', undefined],
    ['a literal "${" (written "$${") is text, not a value known later', '$${var.n}', 'admin', undefined],
    ['a template whose literal parts cannot spell the name', 'pg-${var.n}', 'admin', undefined],
    ['a template whose literal parts may spell it', 'pg-${var.n}', 'pg-admin', 'name "pg-${var.n}" is'],
    ['every literal part in its place (a-?-b-?-c is not a-c)', 'a${var.x}b${var.y}c', 'a-c', undefined],
    ['two templates that start differently', 'pg-${var.n}', 'db-${var.m}', undefined],
    ['two templates that end differently', 'pg-${var.n}-x', 'pg-${var.m}-y', undefined],
    ['the lookup\'s start longer', 'pg-a${var.n}', 'pg-${var.m}', 'name "pg-a${var.n}" is'],
    ['the secret\'s start longer', 'pg-${var.n}', 'pg-a${var.m}', 'name "pg-${var.n}" is'],
    ['the lookup\'s end longer', '${var.n}a-x', '${var.m}-x', 'name "${var.n}a-x" is'],
    ['the secret\'s end longer', '${var.n}-x', '${var.m}a-x', 'name "${var.n}-x" is'],
    ['a start on one side, an end on the other', 'pg-${var.n}', '${var.m}-admin', 'name "pg-${var.n}" is'],
    ['two variables', '${var.n}', '${var.m}', 'name "${var.n}" is'],
  ])('%s', (_, mine, theirs, expected) => {
    expect(reason(lookup(mine), secret(theirs))).toBe(expected);
  });

  const server = { azurerm_postgresql_flexible_server: { db: { name: 'pg' }, later: { name: '${var.s}' }, escaped: { name: '$${x}' } } };
  const vaults = { azurerm_key_vault: { l: { name: 'kva', resource_group_name: 'rg' } } };
  test.each([
    ['a resource\'s literal argument filled in', '${azurerm_postgresql_flexible_server.db.name}-admin', 'pg-admin', ''],
    ['the same, with blanks in the interpolation', '${ azurerm_postgresql_flexible_server.db.name }-admin', 'pg-admin', ''],
    ['a resource\'s literal argument that spells another name', '${azurerm_postgresql_flexible_server.db.name}-admin', 'db-admin', undefined],
    ['a lookup\'s name filled in', '${data.azurerm_key_vault.l.name}-admin', 'kva-admin', ''],
    ['a lookup\'s name, with blanks', '${ data.azurerm_key_vault.l.name }-admin', 'kva-admin', ''],
    ['an argument known later', '${azurerm_postgresql_flexible_server.later.name}-admin', 'pg-admin', 'name "${azurerm_postgresql_flexible_server.later.name}-admin" is'],
    ['an argument that holds "${" as text', '${azurerm_postgresql_flexible_server.escaped.name}-admin', 'pg-admin', 'name "${azurerm_postgresql_flexible_server.escaped.name}-admin" is'],
    ['a block the stack does not have', '${azurerm_postgresql_flexible_server.gone.name}-admin', 'pg-admin', 'name "${azurerm_postgresql_flexible_server.gone.name}-admin" is'],
  ])('%s', (_, mine, theirs, expected) => {
    expect(reason(lookup(mine), secret(theirs), server, { azurerm_key_vault: vaults.azurerm_key_vault })).toBe(expected);
  });

  test('a name read from another secret\'s or lookup\'s name is that name, followed as far as it is known', () => {
    const others = { azurerm_key_vault_secret: { s: secret('${var.n}'), o: secret('${var.n}'), p: secret('${azurerm_key_vault_secret.o.name}'), w: { name: 'other', key_vault_id: '${var.w}' } } };
    const looked = { azurerm_key_vault_secret: { k: lookup('${azurerm_key_vault_secret.p.name}') } };
    const { blockAt, at } = stackOf(others, looked);
    expect(mayReadSecret(at('data.azurerm_key_vault_secret.k'), at('azurerm_key_vault_secret.s'), blockAt)).toBe('');
    // A template is no plain reference: its reference is not followed (pre-other would be read as other).
    expect(reason(lookup('pre-${azurerm_key_vault_secret.o.name}'), secret('pre-admin'), { azurerm_key_vault_secret: { o: secret('admin') } })).toBe('');
    // Only the same argument is followed: a name read from a vault ID is not that secret's name.
    expect(reason(lookup('${azurerm_key_vault_secret.o.key_vault_id}'), secret('admin'), { azurerm_key_vault_secret: { o: { name: 'other', key_vault_id: '${var.v}' } } }))
      .toBe('name "${azurerm_key_vault_secret.o.key_vault_id}" is');
    // Two names that read each other end where they started.
    const loop = { azurerm_key_vault_secret: { s: secret('admin'), a: secret('${azurerm_key_vault_secret.b.name}'), b: secret('${azurerm_key_vault_secret.a.name}') } };
    const cycle = stackOf(loop, { azurerm_key_vault_secret: { k: lookup('${azurerm_key_vault_secret.a.name}') } });
    expect(mayReadSecret(cycle.at('data.azurerm_key_vault_secret.k'), cycle.at('azurerm_key_vault_secret.s'), cycle.blockAt)).toBe('name "${azurerm_key_vault_secret.a.name}" is');
  });
});

describe('mayReadSecret: vaults', () => {
  const vaults = { azurerm_key_vault: {
    a: { name: 'kva', resource_group_name: 'rg' },
    b: { name: 'kvb', resource_group_name: 'rg' },
    p: { name: '${var.prefix}-kv', resource_group_name: 'rg' },
    q: { name: '${var.q}', resource_group_name: '${var.g}' },
    escaped: { name: '$${x}', resource_group_name: 'rg' },
  } };
  const looked = { azurerm_key_vault: { l: { name: 'kva', resource_group_name: 'rg' }, m: { name: '${var.m}', resource_group_name: 'rg' } } };
  const inVault = (key_vault_id: unknown) => ({ name: 'admin', key_vault_id });
  const read = (mine: unknown, theirs: unknown, locals: object = {}) => reason(inVault(mine), inVault(theirs), vaults, looked, locals);
  const later = (mine: string) => `key_vault_id ${JSON.stringify(mine)} is`;
  const kvIn = (group: string, name: string) => `/subscriptions/s/resourceGroups/${group}/providers/Microsoft.KeyVault/vaults/${name}`;
  test.each([
    ['the same literal that spells no vault ID', 'kv', 'kv', ''],
    ['a vault of the same name in another group (names are unique in Azure)', kvIn('rg2', 'kva'), VAULT_A, ''],
    ['two variables', '${var.v}', '${var.w}', later('${var.v}')],
    ['null is no vault', null, VAULT_A, undefined],
    ['a made vault and its literal ID', '${azurerm_key_vault.a.id}', VAULT_A, ''],
    ['a made vault and another literal ID', '${azurerm_key_vault.a.id}', VAULT_B, undefined],
    ['a looked-up vault and its literal ID', '${data.azurerm_key_vault.l.id}', VAULT_A, ''],
    ['a looked-up vault and another ID', '${data.azurerm_key_vault.l.id}', VAULT_B, undefined],
    ['a vault looked up by a name known later may be any vault, in any group', '${data.azurerm_key_vault.m.id}', kvIn('rg2', 'kvb'), later('${data.azurerm_key_vault.m.id}')],
    ['a made vault named later and an ID in its group', '${azurerm_key_vault.q.id}', VAULT_A, later('${azurerm_key_vault.q.id}')],
    ['a made vault named from a template and an ID its name cannot spell', '${azurerm_key_vault.p.id}', VAULT_A, undefined],
    ['a made vault named from a template and an ID its name may spell', '${azurerm_key_vault.p.id}', kvIn('rg', 'pg-kv'), later('${azurerm_key_vault.p.id}')],
    ['a made vault named "${" as text and an ID in its group', '${azurerm_key_vault.escaped.id}', VAULT_A, later('${azurerm_key_vault.escaped.id}')],
    ['two made vaults, whatever their names', '${azurerm_key_vault.q.id}', '${azurerm_key_vault.p.id}', undefined],
    ['the same made vault named later, written two ways', '${azurerm_key_vault.q.id}', '${ azurerm_key_vault.q.id }', ''],
    ['a made vault the stack does not have', '${azurerm_key_vault.gone.id}', VAULT_A, later('${azurerm_key_vault.gone.id}')],
    ['an ID template with a literal name, and that name in another group', `/subscriptions/\${var.s}/resourceGroups/rg2/providers/Microsoft.KeyVault/vaults/kva`, VAULT_A, ''],
    ['an ID template with a literal name, and another name', `/subscriptions/\${var.s}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kva`, VAULT_B, undefined],
    ['an ID template with a name known later', `/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/\${var.n}`, VAULT_B,
      later('/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/${var.n}')],
  ])('%s', (_, mine, theirs, expected) => {
    expect(read(mine, theirs)).toBe(expected);
  });

  test('each choice of a conditional is read: the same only when every choice is', () => {
    expect(read(`\${var.k ? "${VAULT_A}" : "${VAULT_A}"}`, VAULT_A)).toBe('');
    expect(read(`\${var.k ? "${VAULT_B}" : "${VAULT_B}"}`, VAULT_A)).toBe(undefined);
    expect(read(`\${var.k ? "${VAULT_A}" : "${VAULT_B}"}`, VAULT_A)).toBe(later(`\${var.k ? "${VAULT_A}" : "${VAULT_B}"}`));
  });

  test('a value without choices is read as it is (a map indexed by a key known later)', () => {
    expect(read('${local.empty[var.k]}', VAULT_A, { empty: {} })).toBe(later('${local.empty[?]}'));
  });

  test('wrapping calls and choices are read 9 deep; deeper, the value is read as it is', () => {
    // lower, not tostring: tostring of a reference is that reference as the evaluator reads it (no call left to read).
    const wrapped = (depth: number) => `\${${'lower('.repeat(depth)}azurerm_key_vault.b.id${')'.repeat(depth)}}`;
    expect(read(wrapped(9), VAULT_A)).toBe(undefined);
    expect(read(wrapped(10), VAULT_A)).toBe(later(wrapped(10)));
    const chosen = (depth: number): string => (depth === 0 ? 'azurerm_key_vault.b.id' : `var.c ? (${chosen(depth - 1)}) : azurerm_key_vault.b.id`);
    expect(read(`\${${chosen(9)}}`, VAULT_A)).toBe(undefined);
    expect(read(`\${${chosen(10)}}`, VAULT_A)).toBe(later(`\${${chosen(10)}}`));
  });
});

describe('the vault of a secret, as PG-IAM-2 reads it', () => {
  const { blockAt, at } = stackOf({
    azurerm_key_vault: {
      a: { name: 'kva', resource_group_name: 'rg' },
      p: { name: '${var.prefix}-kv', resource_group_name: 'rg' },
      q: { name: '${var.q}', resource_group_name: '${var.g}' },
    },
    azurerm_key_vault_secret: {
      a: { name: 'admin', key_vault_id: '${azurerm_key_vault.a.id}' },
      p: { name: 'admin', key_vault_id: '${azurerm_key_vault.p.id}' },
      l: { name: 'admin', key_vault_id: '${data.azurerm_key_vault.l.id}' },
      m: { name: 'admin', key_vault_id: '${data.azurerm_key_vault.m.id}' },
      lit: { name: 'admin', key_vault_id: VAULT_A },
      v: { name: '${var.n}', key_vault_id: '${var.v}' },
      t: { name: 'admin', key_vault_id: '/subscriptions/${var.s}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kva' },
      u: { name: 'admin', key_vault_id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/${var.n}' },
      list: { name: 'admin', key_vault_id: [VAULT_A] },
      copy: { name: 'admin', key_vault_id: '${azurerm_key_vault_secret.v.key_vault_id}' },
    },
    azurerm_role_assignment: {
      lit: { scope: VAULT_A },
      other: { scope: VAULT_B },
      v: { scope: '${var.v}' },
      w: { scope: '${var.w}' },
      copy: { scope: '${azurerm_key_vault_secret.v.key_vault_id}' },
      a: { scope: '${azurerm_key_vault.a.id}' },
    },
  }, { azurerm_key_vault: { l: { name: 'kva', resource_group_name: 'rg' }, m: { name: '${var.m}', resource_group_name: 'rg' } } });
  const secrets = ['a', 'p', 'l', 'm', 'lit', 'v', 't', 'u', 'list', 'copy'];
  const secret = (name: string) => at(`azurerm_key_vault_secret.${name}`);
  const each = <T>(read: (secret: ResourceView) => T) => Object.fromEntries(secrets.map((name) => [name, read(secret(name))]));

  test('vaultNameOf: the name its ID spells, where literal', () => {
    expect(each((s) => vaultNameOf(s, blockAt))).toEqual({ a: 'kva', p: undefined, l: 'kva', m: undefined, lit: 'kva', v: undefined, t: 'kva', u: undefined, list: undefined, copy: undefined });
  });

  test('isKnownVault: an ID with a literal name, a vault the stack makes, or one it looks up by a literal name', () => {
    expect(each((s) => isKnownVault(s.config.key_vault_id, blockAt))).toEqual({ a: true, p: true, l: true, m: false, lit: true, v: false, t: true, u: false, list: false, copy: false });
  });

  test('madeVaultOfSecret: a vault the stack makes and each secret\'s', () => {
    expect(each((s) => madeVaultOfSecret('azurerm_key_vault.a', s, blockAt))).toEqual({ a: 'same', p: 'other', l: 'same', m: 'later', lit: 'same', v: 'later', t: 'same', u: 'later', list: 'other', copy: 'later' });
    expect(each((s) => madeVaultOfSecret('azurerm_key_vault.q', s, blockAt))).toEqual({ a: 'other', p: 'other', l: 'later', m: 'later', lit: 'later', v: 'later', t: 'later', u: 'later', list: 'other', copy: 'later' });
    // The same block, named later, is the same vault (no text to compare first, as a lookup's vault has).
    const inQ = stackOf({ azurerm_key_vault: { q: { name: '${var.q}', resource_group_name: 'rg' } }, azurerm_key_vault_secret: { s: { name: 'admin', key_vault_id: '${azurerm_key_vault.q.id}' } } });
    expect(madeVaultOfSecret('azurerm_key_vault.q', inQ.at('azurerm_key_vault_secret.s'), inQ.blockAt)).toBe('same');
  });

  test('vaultOfSecret: a scope and each secret\'s vault, through references to another secret\'s vault', () => {
    const scope = (name: string) => at(`azurerm_role_assignment.${name}`).config.scope;
    expect(each((s) => vaultOfSecret(scope('lit'), s, blockAt))).toEqual({ a: 'same', p: 'other', l: 'same', m: 'later', lit: 'same', v: 'later', t: 'same', u: 'later', list: 'other', copy: 'later' });
    expect(each((s) => vaultOfSecret(scope('other'), s, blockAt))).toEqual({ a: 'other', p: 'other', l: 'other', m: 'later', lit: 'other', v: 'later', t: 'other', u: 'later', list: 'other', copy: 'later' });
    expect(each((s) => vaultOfSecret(scope('v'), s, blockAt))).toEqual({ a: 'later', p: 'later', l: 'later', m: 'later', lit: 'later', v: 'same', t: 'later', u: 'later', list: 'other', copy: 'same' });
    expect(each((s) => vaultOfSecret(scope('copy'), s, blockAt))).toEqual({ a: 'later', p: 'later', l: 'later', m: 'later', lit: 'later', v: 'same', t: 'later', u: 'later', list: 'other', copy: 'same' });
    expect(vaultOfSecret(scope('w'), secret('v'), blockAt)).toBe('later');
    expect(vaultOfSecret(scope('a'), secret('p'), blockAt)).toBe('other');
  });

  test('mayBeSecretName: the same name as Azure compares it, or one that may meet it once known', () => {
    expect(['ADMIN ', 'other', 'ad${x}'].map((name) => mayBeSecretName(name, secret('a'), blockAt))).toEqual([true, false, false]);
    expect(['anything'].map((name) => mayBeSecretName(name, secret('v'), blockAt))).toEqual([true]);
  });

  test('mayBeSameText: texts and templates', () => {
    expect(mayBeSameText('a', 'A', blockAt)).toBe(true);
    expect(mayBeSameText('a', 'b', blockAt)).toBe(false);
    expect(mayBeSameText(secret('v').config.name, 'b', blockAt)).toBe(true);
    expect(mayBeSameText({ a: 1 }, 'b', blockAt)).toBe(false);
  });

  // 70th run, A70a-3: two blocks of one type are two objects; blocks of two types may share an ID (an NSG association's is its subnet's).
  test('mayBeSameText: the IDs of two blocks of one type differ; of one block, or of two types, they may meet', () => {
    const ref = (text: string) => buildStackModel({ resource: { terraform_data: { r: { input: text } } } }).resources.get('terraform_data.r')!.config.input;
    expect(mayBeSameText(ref('${google_secret_manager_secret.pw.id}'), ref('${google_secret_manager_secret.api.id}'), blockAt)).toBe(false);
    expect(mayBeSameText(ref('${google_secret_manager_secret.pw.id}'), ref('${google_secret_manager_secret.pw.id}'), blockAt)).toBe(true);
    expect(mayBeSameText(ref('${azurerm_subnet.s.id}'), ref('${azurerm_subnet_network_security_group_association.a.id}'), blockAt)).toBe(true);
    expect(mayBeSameText(ref('${google_secret_manager_secret.pw.name}'), ref('${google_secret_manager_secret.api.name}'), blockAt)).toBe(true);
    expect(mayBeSameText(ref('${data.google_secret_manager_secret.pw.id}'), ref('${google_secret_manager_secret.api.id}'), blockAt)).toBe(true);
  });
});
