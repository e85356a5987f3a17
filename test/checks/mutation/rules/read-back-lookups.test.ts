// Which blocks of the stack a lookup may read back (read-back-lookups.ts readBackBlocks), on the stack model directly, and the echo of
// a lookup that reads them (echoed-arguments.ts echoOf: references to each block's attribute, marked lookedUp). Every case asserts the
// whole list of addresses, so a block found that should not be, or missed, fails.
import { echoOf } from '../../../../lib/checks/echoed-arguments';
import { isUnknown } from '../../../../lib/checks/hcl-expression';
import { readBackReferences } from '../../../../lib/checks/read-back-lookups';
import { buildStackModel } from '../../../../lib/checks/stack-model';

const VAULT_A = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kva';
const VAULT_B = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kvb';

/** The blocks `data.<type>.k` may read `attribute` back from (its references without the attribute), in a stack of `resource` and that lookup. */
function readBack(resource: object, type: string, lookup: object, attribute = 'value', section = 'data'): string[] {
  const model = buildStackModel({ resource, [section]: { [type]: { k: lookup } } });
  return references(model.lookups.get(`${section}.${type}.k`)!, attribute, { resources: model.resources, lookups: model.lookups });
}

/** readBackReferences read with no path after the attribute, each reference without its `.<attribute>` (which every one ends with). */
function references(lookup: Parameters<typeof readBackReferences>[0], attribute: string, stack: Parameters<typeof readBackReferences>[3]): string[] {
  return readBackReferences(lookup, attribute, '', stack).map((reference) => {
    expect(reference.endsWith(`.${attribute}`)).toBe(true);
    return reference.slice(0, -attribute.length - 1);
  });
}

const secrets = (byName: { [name: string]: object }) => ({ azurerm_key_vault_secret: byName });

describe('readBackBlocks: Key Vault secrets by name and vault', () => {
  test.each([
    ['the same literal name and vault', { name: 'admin', key_vault_id: VAULT_A }, ['azurerm_key_vault_secret.a']],
    ['the name in another case', { name: 'ADMIN', key_vault_id: VAULT_A }, ['azurerm_key_vault_secret.a']],
    ['another vault', { name: 'admin', key_vault_id: VAULT_B }, ['azurerm_key_vault_secret.b']],
    ['a vault known later', { name: 'admin', key_vault_id: '${var.v}' }, ['azurerm_key_vault_secret.a', 'azurerm_key_vault_secret.b']],
    ['a name known later', { name: '${var.n}', key_vault_id: VAULT_A }, ['azurerm_key_vault_secret.a', 'azurerm_key_vault_secret.other']],
    ['another name', { name: 'nobody', key_vault_id: '${var.v}' }, []],
  ])('%s', (_, lookup, expected) => {
    const stack = secrets({ a: { name: 'admin', key_vault_id: VAULT_A, value: 'x' }, b: { name: 'admin', key_vault_id: VAULT_B, value: 'y' }, other: { name: 'other', key_vault_id: VAULT_A, value: 'z' } });
    expect(readBack(stack, 'azurerm_key_vault_secret', lookup)).toEqual(expected);
  });
  test.each([
    ['${tostring(azurerm_key_vault.a.id)}', ['azurerm_key_vault_secret.a']],
    ['${lower(upper(azurerm_key_vault.b.id))}', ['azurerm_key_vault_secret.b']],
    ['${try(azurerm_key_vault.a.id, "")}', ['azurerm_key_vault_secret.a']],
    ['${var.k ? azurerm_key_vault.a.id : azurerm_key_vault.b.id}', ['azurerm_key_vault_secret.a', 'azurerm_key_vault_secret.b']],
    ['${format("%s", azurerm_key_vault.a.id)}', ['azurerm_key_vault_secret.a', 'azurerm_key_vault_secret.b']],
  ])('a made vault read through %s', (vault, expected) => {
    const vaults = { a: { name: 'kva', resource_group_name: 'rg' }, b: { name: 'kvb', resource_group_name: 'rg' } };
    const stack = { azurerm_key_vault: vaults, ...secrets({ a: { name: 'admin', key_vault_id: '${azurerm_key_vault.a.id}', value: 'x' }, b: { name: 'admin', key_vault_id: '${azurerm_key_vault.b.id}', value: 'y' } }) };
    expect(readBack(stack, 'azurerm_key_vault_secret', { name: 'admin', key_vault_id: vault })).toEqual(expected);
  });
  test('an ephemeral lookup and one in a check block are lookups too; a resource is not', () => {
    const stack = secrets({ a: { name: 'admin', key_vault_id: VAULT_A, value: 'x' } });
    expect(readBack(stack, 'azurerm_key_vault_secret', { name: 'admin', key_vault_id: VAULT_A }, 'value', 'ephemeral')).toEqual(['azurerm_key_vault_secret.a']);
    const model = buildStackModel({ resource: stack, check: { c: { data: { azurerm_key_vault_secret: { k: { name: 'admin', key_vault_id: VAULT_A } } } } } });
    const scope = { resources: model.resources, lookups: model.lookups };
    expect(references(model.lookups.get('check.c.data.azurerm_key_vault_secret.k')!, 'value', scope)).toEqual(['azurerm_key_vault_secret.a']);
    expect(references(model.resources.get('azurerm_key_vault_secret.a')!, 'value', scope)).toEqual([]);
    expect(references(model.lookups.get('check.c')!, 'value', scope)).toEqual([]);
  });
  test('an instance of a for_each the evaluator knows is compared by its own name', () => {
    const stack = secrets({ s: { for_each: { a: 'x', b: 'y' }, name: 'admin-${each.key}', key_vault_id: VAULT_A, value: 'v' } });
    expect(readBack(stack, 'azurerm_key_vault_secret', { name: 'admin-b', key_vault_id: VAULT_A })).toEqual(['azurerm_key_vault_secret.s["b"]']);
    expect(readBack(stack, 'azurerm_key_vault_secret', { name: 'admin-c', key_vault_id: VAULT_A })).toEqual([]);
    expect(readBack(stack, 'azurerm_key_vault_secret', { name: '${var.n}', key_vault_id: VAULT_A })).toEqual(['azurerm_key_vault_secret.s["a"]', 'azurerm_key_vault_secret.s["b"]']);
    // The lookup's own instances each compared: one of them is admin-a.
    expect(readBack(stack, 'azurerm_key_vault_secret', { for_each: { a: 1, c: 2 }, name: 'admin-${each.key}', key_vault_id: VAULT_A })).toEqual(['azurerm_key_vault_secret.s["a"]']);
    // Keys known only later: the block as a whole.
    const later = secrets({ s: { for_each: '${var.names}', name: 'admin-${each.key}', key_vault_id: VAULT_A, value: 'v' } });
    expect(readBack(later, 'azurerm_key_vault_secret', { name: 'admin-b', key_vault_id: VAULT_A })).toEqual(['azurerm_key_vault_secret.s']);
    expect(readBack(stack, 'azurerm_key_vault_secret', { for_each: { c: 1, d: 2 }, name: 'admin-${each.key}', key_vault_id: VAULT_A })).toEqual([]);
  });
  test('a lookup that writes the attribute itself, or reads another type, reads back nothing', () => {
    const stack = { ...secrets({ a: { name: 'admin', key_vault_id: VAULT_A, value: 'x' } }), azurerm_key_vault_certificate: { c: { name: 'admin', key_vault_id: VAULT_A, tags: { a: 'b' } }, d: { name: 'admin', key_vault_id: VAULT_A } } };
    expect(readBack(stack, 'azurerm_key_vault_secret', { name: 'admin', key_vault_id: VAULT_A }, 'name')).toEqual([]);
    // Only a block that writes the attribute gives it back.
    expect(readBack(stack, 'azurerm_key_vault_certificate', { name: 'admin', key_vault_id: VAULT_A }, 'tags')).toEqual(['azurerm_key_vault_certificate.c']);
    expect(readBack(stack, 'azurerm_key_vault_certificate', { name: 'admin', key_vault_id: VAULT_A })).toEqual([]);
    expect(readBack(stack, 'azurerm_storage_account', { name: 'admin' })).toEqual([]);
  });
  test('a secret that copies the lookup itself is not read back; one that adds text to it is', () => {
    const copy = (value: string) => secrets({ c: { name: 'admin', key_vault_id: VAULT_A, value } });
    expect(readBack(copy('${data.azurerm_key_vault_secret.k.value}'), 'azurerm_key_vault_secret', { name: 'admin', key_vault_id: '${var.v}' })).toEqual([]);
    expect(readBack(copy('${data.azurerm_key_vault_secret.k}'), 'azurerm_key_vault_secret', { name: 'admin', key_vault_id: '${var.v}' })).toEqual([]);
    expect(readBack(copy('${data.azurerm_key_vault_secret.k[0].value}'), 'azurerm_key_vault_secret', { name: 'admin', key_vault_id: '${var.v}' })).toEqual([]);
    expect(readBack(copy('x${data.azurerm_key_vault_secret.k.value}'), 'azurerm_key_vault_secret', { name: 'admin', key_vault_id: '${var.v}' })).toEqual(['azurerm_key_vault_secret.c']);
    expect(readBack(copy('${data.azurerm_key_vault_secret.kk.value}'), 'azurerm_key_vault_secret', { name: 'admin', key_vault_id: '${var.v}' })).toEqual(['azurerm_key_vault_secret.c']);
  });
});

describe('readBackBlocks: other types by their literal arguments', () => {
  const files = { local_file: { a: { filename: 'a.txt', content: 'x', provider: 'local.y' }, b: { filename: 'B.txt ', content: 'y' }, c: { filename: '${var.f}', content: 'z' }, d: { content: 'w' } } };
  test.each([
    ['a literal filename', { filename: 'a.txt' }, ['local_file.a', 'local_file.c', 'local_file.d']],
    ['the same name in another case, trimmed', { filename: 'b.txt' }, ['local_file.b', 'local_file.c', 'local_file.d']],
    ['a filename in the module\'s directory', { filename: '${path.module}/a.txt' }, ['local_file.a', 'local_file.c', 'local_file.d']],
    ['a filename by another path (50th run, A50a-4)', { filename: './sub/../a.txt' }, ['local_file.a', 'local_file.c', 'local_file.d']],
    ['another file in a directory known later (51st run, A50b-8)', { filename: '${var.dir}/inventory.ini' }, ['local_file.c', 'local_file.d']],
    ['a filename known later', { filename: '${var.f}' }, ['local_file.a', 'local_file.b', 'local_file.c', 'local_file.d']],
    ['meta-arguments aside (another provider alias)', { filename: 'a.txt', depends_on: ['local_file.b'], provider: 'local.x' }, ['local_file.a', 'local_file.c', 'local_file.d']],
    ['a number and a boolean compared as text', { filename: 'a.txt', mode: 1, keep: true }, ['local_file.a', 'local_file.c', 'local_file.d']],
  ])('%s', (_, lookup, expected) => {
    expect(readBack(files, 'local_file', lookup, 'content')).toEqual(expected);
  });
  test('nested blocks are compared argument by argument, as an object or a list of one (50th run, A50a-7)', () => {
    const stack = { kubernetes_secret: {
      app: { metadata: { name: 'app-cred', namespace: 'ns' }, data: { password: 'x' } },
      pg: { metadata: [{ name: 'PG-cred' }], data: { password: 'y' } },
      later: { metadata: { name: '${var.n}' }, data: { password: 'z' } },
      two: { metadata: [{ name: 'pg-cred' }, { name: 'other' }], data: { password: 'w' } },
    } };
    expect(readBack(stack, 'kubernetes_secret', { metadata: { name: 'pg-cred' } }, 'data')).toEqual(['kubernetes_secret.pg', 'kubernetes_secret.later', 'kubernetes_secret.two']);
    expect(readBack(stack, 'kubernetes_secret', { metadata: [{ name: 'app-cred', namespace: 'NS' }] }, 'data')).toEqual(['kubernetes_secret.app', 'kubernetes_secret.later', 'kubernetes_secret.two']);
  });
  test('numbers and booleans differ as text', () => {
    const stack = { thing_x: { a: { size: 1, on: true, v: 's' }, b: { size: 2, on: true, v: 's' }, c: { size: 1, on: false, v: 's' } } };
    expect(readBack(stack, 'thing_x', { size: '1', on: 'true' }, 'v')).toEqual(['thing_x.a']);
  });
});

describe('echoOf a lookup: references to what it may read back, marked lookedUp', () => {
  const stack = {
    resource: secrets({ a: { name: 'admin', key_vault_id: VAULT_A, value: 'x' }, b: { count: 2, name: 'admin', key_vault_id: VAULT_B, value: 'y' } }),
    data: { azurerm_key_vault_secret: { k: { name: 'admin', key_vault_id: '${var.v}' }, n: { count: '${var.n}', name: 'admin', key_vault_id: '${var.v}' } } },
  };
  const model = buildStackModel(stack);
  const scope = { stack: { resources: model.resources, lookups: model.lookups } };
  const shown = (reference: string) => {
    const echo = echoOf(reference, scope);
    return echo === undefined || 'unreadable' in echo ? echo : { values: echo.values.map((value) => (isUnknown(value) ? value.expression : value)), lookedUp: echo.lookedUp };
  };
  test.each([
    ['data.azurerm_key_vault_secret.k.value', ['azurerm_key_vault_secret.a.value', 'azurerm_key_vault_secret.b.value']],
    ['data.azurerm_key_vault_secret.k["value"]', ['azurerm_key_vault_secret.a.value', 'azurerm_key_vault_secret.b.value']],
    ['data.azurerm_key_vault_secret.n[0].value', ['azurerm_key_vault_secret.a.value', 'azurerm_key_vault_secret.b.value']],
    ['data.azurerm_key_vault_secret.n[*].value', ['azurerm_key_vault_secret.a.value', 'azurerm_key_vault_secret.b.value']],
    ['data.azurerm_key_vault_secret.n.value', ['azurerm_key_vault_secret.a.value', 'azurerm_key_vault_secret.b.value']],
  ])('%s', (reference, expected) => {
    expect(shown(reference)).toEqual({ values: expected, lookedUp: true });
  });
  test.each([
    ['data.azurerm_key_vault_secret.k.value[0]', ['azurerm_key_vault_secret.a.value[0]', 'azurerm_key_vault_secret.b.value[0]']],
    ['data.azurerm_key_vault_secret.k.value.x[*]', ['azurerm_key_vault_secret.a.value.x[*]', 'azurerm_key_vault_secret.b.value.x[*]']],
  ])('a path after text: text may hold it (%s)', (reference, expected) => {
    expect(shown(reference)).toEqual({ values: expected, lookedUp: true });
  });
  test('a path a found map or jsonencode does not hold reads nothing there (51st run, A50b-6)', () => {
    const maps = buildStackModel({
      resource: { kubernetes_secret: { a: { metadata: { name: '${var.n}' }, data: { log: 'debug' } }, b: { metadata: { name: 'b' }, data: { password: 'x' } } },
        vault_generic_secret: { j: { path: 'p', data_json: '${jsonencode({ log = "debug" })}' }, t: { path: 'p', data_json: '{"password":"x"}' }, u: { path: 'p', data_json: '{"log":"debug"}' }, v: { path: 'p', data_json: 'not json' } } },
      data: { kubernetes_secret: { k: { metadata: { name: '${var.k}' } } }, vault_generic_secret: { v: { path: '${var.p}' } } },
    });
    const mapScope = { stack: { resources: maps.resources, lookups: maps.lookups } };
    const values = (reference: string) => {
      const echo = echoOf(reference, mapScope);
      return echo === undefined || 'unreadable' in echo ? echo : echo.values.map((value) => (isUnknown(value) ? value.expression : value));
    };
    expect(values('data.kubernetes_secret.k.data["password"]')).toEqual(['kubernetes_secret.b.data["password"]']);
    // JSON text written as a literal is read as what it spells (52nd run, A50c-8); other text may hold any key.
    expect(values('data.vault_generic_secret.v.data["password"]')).toEqual(['vault_generic_secret.t.data_json["password"]', 'vault_generic_secret.v.data_json["password"]']);
  });
  test('an attribute the lookup writes is read as written, not marked', () => {
    expect(shown('data.azurerm_key_vault_secret.k.name')).toEqual({ values: ['admin'], lookedUp: undefined });
  });
  test('a block of the stack read by reference is not marked', () => {
    expect(shown('azurerm_key_vault_secret.a.value')).toEqual({ values: ['x'], lookedUp: undefined });
  });
});

test('an ephemeral generator the model keeps among the resources is no block the stack makes', () => {
  const model = buildStackModel({ ephemeral: { random_password: { own: { length: 32 } } }, resource: { random_password: { own: { length: 32, special: false }, other: { length: 16, special: true } } } });
  const scope = { resources: model.resources, lookups: model.lookups };
  expect(model.resources.has('ephemeral.random_password.own')).toBe(true);
  expect(references(model.lookups.get('ephemeral.random_password.own')!, 'special', scope)).toEqual(['random_password.own']);
});

describe('lookups that read what blocks of other types write, in other arguments (50th run, A50a-1)', () => {
  const model = buildStackModel({
    resource: {
      local_sensitive_file: { s: { filename: 'pw.txt', content: 'x' } },
      local_file: { plain: { filename: 'pw.txt', sensitive_content: 'y' }, encoded: { filename: 'pw.txt', content_base64: 'eg==' }, other: { filename: 'other.txt', content: 'z' } },
      vault_generic_secret: { g: { path: 'secret/pg', data_json: '{"password":"x"}' } },
      vault_kv_secret_v2: { v: { mount: 'kv', name: 'pg', data_json: '{"password":"x"}' } },
    },
    data: {
      local_file: { f: { filename: 'pw.txt' } },
      local_sensitive_file: { f: { filename: 'pw.txt' } },
      vault_generic_secret: { g: { path: 'secret/pg' } },
      vault_kv_secret_v2: { v: { mount: 'kv', name: 'pg' } },
    },
  });
  const scope = { resources: model.resources, lookups: model.lookups };
  const at = (address: string, attribute: string, path = '') => readBackReferences(model.lookups.get(address)!, attribute, path, scope);
  test.each([
    ['data.local_file.f', 'content', ['local_file.plain.sensitive_content', 'local_file.encoded.content_base64', 'local_sensitive_file.s.content']],
    ['data.local_sensitive_file.f', 'content_base64', ['local_file.plain.sensitive_content', 'local_file.encoded.content_base64', 'local_sensitive_file.s.content']],
    ['data.local_file.f', 'content_sha256', ['local_file.plain.sensitive_content', 'local_file.encoded.content_base64', 'local_sensitive_file.s.content']],
    ['data.local_file.f', 'filename_sha', []],
  ])('%s.%s', (address, attribute, expected) => {
    expect(at(address, attribute)).toEqual(expected);
  });
  test('a Vault secret\'s data is its data_json, the path after it kept', () => {
    // Any Vault secret type may be at the path (51st run, A50b-2): the kv_v2 secret, by mount and name, may be too.
    expect(at('data.vault_generic_secret.g', 'data', '["password"]')).toEqual(['vault_generic_secret.g.data_json["password"]', 'vault_kv_secret_v2.v.data_json["password"]']);
    expect(at('data.vault_kv_secret_v2.v', 'data', '.password')).toEqual(['vault_generic_secret.g.data_json.password', 'vault_kv_secret_v2.v.data_json.password']);
  });
});
