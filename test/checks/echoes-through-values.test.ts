// A block taken whole first, its attribute read after (45th run, A45b-1): `local.sec = azurerm_key_vault_secret.s` then
// `local.sec.value`, an item of a list of blocks, a `for` symbol bound to a block, `one([...])`, a parenthesis. The evaluator keeps the
// path read after a whole-block reference (hcl-expression.ts index), so echoOf reads the argument it gives back; a whole block whose
// attribute is not known (an index known only later, a block read whole) fails closed.
import * as echoes from '../../lib/checks/echoed-arguments';
import { evaluateStack } from '../../lib/checks/evaluate';
import { ALL_RULES } from '../../lib/checks/rules';
import { databaseStack, passwordRole } from './database-fixtures';
import { ALL_FAIL, ALL_PASS, evaluatedStatuses, modelStatuses } from './password-rule-statuses';
import { compliantFlexibleServer, FLEXIBLE } from './rule-harness';

const SECRET = 'Lit3ralS3cret-45b1';
const VAULT = '/subscriptions/00000000-0000-0000-0000-000000000009/resourceGroups/r/providers/Microsoft.KeyVault/vaults/v';

type Raw = { resource: { [type: string]: { [name: string]: object } }; data?: object; locals?: object; variable?: object };

/** A stack whose password (server, role, provider, options, conninfo) is `password`, with blocks that write `written` and `locals`. */
function stackWith(password: string, written: unknown, locals: object = {}): Raw {
  const stack = databaseStack({
    postgresql_role: { app: passwordRole('app', { password }) },
    postgresql_user_mapping: { um: { server_name: 'dw', user_name: 'etl', options: { user: 'u', password } } },
    postgresql_subscription: { sub: { name: 'sub', database: 'app', publications: ['p'], conninfo: `host=pub user=repl password=${password}` } },
  }) as { provider: { postgresql: object[] }; resource: { [type: string]: object } };
  return {
    ...stack,
    provider: { postgresql: [{ ...stack.provider.postgresql[0], password }] },
    resource: {
      ...stack.resource,
      terraform_data: { pw: { input: written }, many: { for_each: { a: 'x' }, input: written } },
      azurerm_key_vault_secret: { s: { name: 'pg', value: written, key_vault_id: VAULT } },
      [FLEXIBLE]: { db: compliantFlexibleServer({ administrator_login: 'pgadmin', administrator_password: password }) },
    },
    data: { terraform_remote_state: { r: { backend: 'local', config: { path: 'x.tfstate' }, defaults: { p: written } } } },
    locals,
    variable: { p: { type: 'string', sensitive: true }, k: { type: 'string' } },
  } as unknown as Raw;
}

const statuses = (stack: object) => modelStatuses(stack, SECRET);
const evaluated = (stack: object) => evaluatedStatuses(stack, SECRET);

/** The stack of stackWith with more blocks (by type and name) and data sources. */
function withBlocks(password: string, blocks: { [type: string]: object }, written: unknown = SECRET, data: object = {}, locals: object = {}): Raw {
  const stack = stackWith(password, written, locals);
  for (const [type, byName] of Object.entries(blocks)) stack.resource[type] = { ...stack.resource[type], ...byName };
  stack.data = { ...(stack.data as object), ...data };
  return stack;
}

const WHOLE = {
  sec: '${azurerm_key_vault_secret.s}',
  td: '${terraform_data.pw}',
  tl: ['${terraform_data.pw}'],
  rs: '${data.terraform_remote_state.r}',
  tm: '${terraform_data.many}',
  nest: { inner: '${terraform_data.pw}' },
};

const READS = [
  '${local.sec.value}',
  '${local.sec["value"]}',
  '${local.td.output}',
  '${local.tl[0].output}',
  '${one(local.tl[*].output)}',
  '${local.nest.inner.output}',
  '${local.tm["a"].output}',
  '${one([terraform_data.pw]).output}',
  '${[for s in [terraform_data.pw] : s.output][0]}',
  '${(terraform_data.pw).output}',
  '${local.rs.outputs.p}',
  '${local.rs.outputs["p"]}',
  '${sensitive(local.sec.value)}',
];

describe('a block taken whole, its written argument read after, fails every password rule (A45b-1)', () => {
  test.each(READS)('%s', (password) => {
    expect(statuses(stackWith(password, SECRET, WHOLE))).toEqual(ALL_FAIL);
  });
});

describe('a block taken whole whose attribute read after is not known fails closed', () => {
  test.each(['${local.sec[var.k]}', '${local.td[var.k]}'])('%s', (password) => {
    expect(statuses(stackWith(password, SECRET, WHOLE))).toEqual(ALL_FAIL);
  });
});

describe('controls: what the whole block gives back is computed, or a reference', () => {
  // 85th run, A85c-2: an ID is no secret (the plan and the cloud show it), so a password read from one fails, literals beside or not.
  test.each(['${local.sec.id}', '${local.td.id}', '${local.tl[0].id}'])('%s beside literals fails: an ID is no secret', (password) => {
    expect(statuses(stackWith(password, SECRET, WHOLE))).toEqual(ALL_FAIL);
    expect(statuses(stackWith(password, '${var.p}', WHOLE))).toEqual(ALL_FAIL);
  });
  test.each(READS)('%s over a written variable passes', (password) => {
    expect(statuses(stackWith(password, '${var.p}', WHOLE))).toEqual(ALL_PASS);
  });
});

describe('a for_each read through a local binds each.value as the block it names (A45b-2)', () => {
  function secretsOver(value: string, written: string): Raw {
    const stack = stackWith('${azurerm_key_vault_secret.kv["a"].value}', SECRET, { pws: '${random_password.many}', tds: '${terraform_data.many}' });
    stack.resource.random_password = { ...stack.resource.random_password, many: { for_each: { a: 'x' }, length: 32 } };
    stack.resource.terraform_data.many = { for_each: { a: 'x' }, input: written };
    stack.resource.azurerm_key_vault_secret.kv = { for_each: value, name: '${each.key}', value: '${each.value.result}', key_vault_id: VAULT };
    return stack;
  }
  test('a computed attribute of the blocks the local names passes', () => {
    expect(statuses(secretsOver('${local.pws}', SECRET))).toEqual(ALL_PASS);
  });
  test('a for_each naming the blocks directly passes too', () => {
    expect(statuses(secretsOver('${random_password.many}', SECRET))).toEqual(ALL_PASS);
  });
  test('an echoed literal of the blocks the local names fails', () => {
    const stack = secretsOver('${local.tds}', SECRET);
    stack.resource.azurerm_key_vault_secret.kv = { ...stack.resource.azurerm_key_vault_secret.kv, value: '${each.value.output}' };
    expect(statuses(stack)).toEqual(ALL_FAIL);
  });
});

// 46th run (A46a-1..3): the CLI and synth judge the stack after its aliasing (instance-references.ts), which reads most references
// to one instance of a counted block as the block's (`terraform_data.m[0].output.p` is `terraform_data.m.output.p`): judged so here.
describe('through evaluateStack (the CLI and synth path): instances of counted blocks, and generators that hand back a written argument', () => {
  const counted = { terraform_data: { m: { count: 1, input: { p: SECRET } }, e: { for_each: { a: 'x' }, input: { p: SECRET } } } };
  test.each([
    ['${terraform_data.m[0].output.p}', counted],
    ['${terraform_data.e["a"].output.p}', counted],
    ['${one(terraform_data.m[*].output.p)}', counted],
    ['${values(terraform_data.e)[0].output.p}', counted],
    ['${terraform_data.m[var.k].output.p}', counted],
    ['${random_shuffle.s.result[0]}', { random_shuffle: { s: { input: [SECRET], result_count: 1 } } }],
    ['${random_id.i.hex}', { random_id: { i: { byte_length: 8, prefix: SECRET } } }],
    ['${random_pet.p.id}', { random_pet: { p: { prefix: SECRET } } }],
  ])('%s fails every password rule', (password, blocks) => {
    expect(evaluated(withBlocks(password, blocks))).toEqual(ALL_FAIL);
  });
  test.each([
    ['${random_password.c[0].result}', { random_password: { c: { count: 1, length: 32 } } }],
    ['${random_password.e["a"].result}', { random_password: { e: { for_each: { a: 'x' }, length: 32 } } }],
    ['${azurerm_key_vault_secret.c[0].value}', { random_password: { c: { count: 1, length: 32 } }, azurerm_key_vault_secret: { c: { count: 1, name: 'pg', value: '${random_password.c[0].result}', key_vault_id: VAULT } } }],
    ['${azurerm_key_vault_secret.e["a"].value}', { random_password: { e: { for_each: { a: 'x' }, length: 32 } }, azurerm_key_vault_secret: { e: { for_each: '${random_password.e}', name: '${each.key}', value: '${each.value.result}', key_vault_id: VAULT } } }],
    ['${random_shuffle.s.result[0]}', { random_shuffle: { s: { input: ['${var.p}'], result_count: 1 } } }],
    ['${random_id.i.hex}', { random_id: { i: { byte_length: 8 } } }],
  ])('%s passes every password rule', (password, blocks) => {
    expect(evaluated(withBlocks(password, blocks))).toEqual(ALL_PASS);
  });
});

// 47th run: an instance step written after a dot (references to locals are spelled `local.m.a`), a lookup of a secret the stack
// writes read whole through a local (A47a-1, A47a-2), provider attributes that give a written argument back (A47a-3), and a for_each
// item the checks do not bind, said so (A47a-4).
describe('through evaluateStack: instance steps after a dot, whole lookups, time and cloudinit (47th run)', () => {
  /** A vault and a secret in it named "admin" that writes the literal, its vault spelled `vault`. */
  const vaulted = (vault: string, extra: object = {}) => ({
    azurerm_key_vault: { v: { name: 'kv1', resource_group_name: 'rg', location: 'westeurope', tenant_id: 't', sku_name: 'standard' } },
    azurerm_key_vault_secret: { x: { name: 'admin', key_vault_id: vault, value: SECRET, ...extra } },
  });
  /** Two secrets named "admin" in one vault, one made or the other by count: the old one writes `old`, the new one a random_password. */
  const swapped = (old: string) => ({
    azurerm_key_vault: vaulted('').azurerm_key_vault,
    random_password: { n: { length: 32 } },
    azurerm_key_vault_secret: {
      old: { count: '${var.legacy ? 1 : 0}', name: 'admin', key_vault_id: '${azurerm_key_vault.v.id}', value: old },
      new: { count: '${var.legacy ? 0 : 1}', name: 'admin', key_vault_id: '${azurerm_key_vault.v.id}', value: '${random_password.n.result}' },
    },
  });
  const eachWriting = (value: string) => ({ azurerm_key_vault_secret: { m: { for_each: { a: 'x' }, name: 'm', key_vault_id: VAULT, value } } });
  const each = eachWriting(SECRET);
  const lookup = (extra: object = {}) => ({ azurerm_key_vault_secret: { k: { name: 'pg', key_vault_id: VAULT, ...extra } } });
  test.each([
    ['${local.m["a"].value}', each, {}, { m: '${azurerm_key_vault_secret.m}' }],
    ['${local.m.a.value}', each, {}, { m: '${azurerm_key_vault_secret.m}' }],
    ['${local.t["a"].output.p}', { terraform_data: { e: { for_each: { a: 'x' }, input: { p: SECRET } } } }, {}, { t: '${terraform_data.e}' }],
    ['${local.k.value}', {}, lookup(), { k: '${data.azurerm_key_vault_secret.k}' }],
    ['${local.k["a"].value}', {}, lookup({ for_each: { a: 'x' } }), { k: '${data.azurerm_key_vault_secret.k}' }],
    ['${data.azurerm_key_vault_secret.k.a.value}', {}, lookup({ for_each: { a: 'x' } }), {}],
    ['${data.azurerm_key_vault_secret.k.value}', {}, lookup(), {}],
    ['${local.k[0].value}', {}, lookup({ count: 1 }), { k: '${data.azurerm_key_vault_secret.k}' }],
    ['${time_static.t.id}', { time_static: { t: { rfc3339: SECRET } } }, {}, {}],
    ['${time_offset.t.rfc3339}', { time_offset: { t: { base_rfc3339: SECRET, offset_days: 0 } } }, {}, {}],
    ['${data.cloudinit_config.c.rendered}', {}, { cloudinit_config: { c: { gzip: false, base64_encode: false, part: [{ content: SECRET }] } } }, {}],
    // 48th run: a lookup whose vault is spelled through a local or parentheses (A48a-1), of a counted secret (A48a-2); external, time.
    ['${data.azurerm_key_vault_secret.a.value}', vaulted('${local.vid}'), { azurerm_key_vault_secret: { a: { name: 'admin', key_vault_id: '${azurerm_key_vault.v.id}' } } }, { vid: '${azurerm_key_vault.v.id}' }],
    ['${data.azurerm_key_vault_secret.a.value}', vaulted('${azurerm_key_vault.v.id}'), { azurerm_key_vault_secret: { a: { name: 'admin', key_vault_id: '${(local.kv)["id"]}' } } }, { kv: '${azurerm_key_vault.v}' }],
    ['${data.azurerm_key_vault_secret.a.value}', vaulted('${azurerm_key_vault.v.id}', { count: 1 }), { azurerm_key_vault_secret: { a: { name: 'admin', key_vault_id: '${azurerm_key_vault.v.id}' } } }, {}],
    ['${data.external.e.result.p}', {}, { external: { e: { program: ['cat'], query: { p: SECRET } } } }, {}],
    ['${tostring(time_static.t.unix)}', { time_static: { t: { rfc3339: SECRET } } }, {}, {}],
    // 85th run, A85c-2: a time is no secret, whatever it was given (it used to pass when given none).
    ['${time_static.t.id}', { time_static: { t: {} } }, {}, {}],
    // 49th run (A49a-1): a lookup that may read either of two secrets of the stack (one made or the other) reads each.
    ['${data.azurerm_key_vault_secret.a.value}', swapped(SECRET), { azurerm_key_vault_secret: { a: { name: 'admin', key_vault_id: '${azurerm_key_vault.v.id}' } } }, {}],
  ])('%s fails every password rule', (password, blocks, data, locals) => {
    expect(evaluated(withBlocks(password, blocks, SECRET, data, locals))).toEqual(ALL_FAIL);
  });
  test.each([
    ['${local.k.value}', {}, lookup(), { k: '${data.azurerm_key_vault_secret.k}' }],
    ['${local.m.a.value}', eachWriting('${var.p}'), {}, { m: '${azurerm_key_vault_secret.m}' }],
    // 48th run (A48a-4): a key of a block with for_each that is also an argument's name reads the instance, not the argument.
    ['${local.pws.special.result}', { random_password: { f: { for_each: { special: 'x' }, length: 32, special: true } } }, {}, { pws: '${random_password.f}' }],
    ['${local.kv.tags.value}', { azurerm_key_vault_secret: { u: { for_each: '${var.m}', name: '${each.key}', value: '${var.p}', key_vault_id: VAULT, tags: { env: 'prod' } } } }, {}, { kv: '${azurerm_key_vault_secret.u}' }],
    ['${data.azurerm_key_vault_secret.a.value}', swapped('${var.p}'), { azurerm_key_vault_secret: { a: { name: 'admin', key_vault_id: '${azurerm_key_vault.v.id}' } } }, {}],
  ])('%s passes over a secret written from a variable', (password, blocks, data, locals) => {
    expect(evaluated(withBlocks(password, blocks, '${var.p}', data, locals))).toEqual(ALL_PASS);
  });
  test('a lookup read whole through a local that matches no secret of the stack passes', () => {
    expect(evaluated(withBlocks('${local.k.value}', {}, SECRET, { azurerm_key_vault_secret: { k: { name: 'other', key_vault_id: VAULT } } }, { k: '${data.azurerm_key_vault_secret.k}' }))).toEqual(ALL_PASS);
  });
  test('a for_each item of a for expression is not bound: fails closed, saying so (A47a-4, decided)', () => {
    const stack = withBlocks('${azurerm_key_vault_secret.kv["a"].value}', {
      random_password: { m: { for_each: { a: 'x' }, length: 32 } },
      azurerm_key_vault_secret: { kv: { for_each: '${local.x}', name: '${each.key}', value: '${each.value.result}', key_vault_id: VAULT } },
    }, SECRET, {}, { x: '${{for k, v in random_password.m : k => v}}' });
    const failed = evaluateStack(stack, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PGF-IAM-4');
    expect(failed.map((finding) => finding.status)).toEqual(['fail']);
    expect(failed[0].message).toContain("written from its for_each's item (each.value), which the checks do not bind");
  });
});

// 49th run as a class (A49a-2 to A49a-4): a lookup reads back every block of the stack it may find (read-back-lookups.ts), whatever
// spells its arguments (a call, a choice, each.key, count.index, a variable) and however it is read (whole through a local, by an
// instance known only later): a Key Vault secret by its name and vault (later-secrets.ts mayReadSecret), another type when no
// argument both write as literal text differs.
describe('through evaluateStack: a lookup reads back what the stack writes in every block it may find (49th run)', () => {
  const vaults = {
    a: { name: 'kva', resource_group_name: 'rg', location: 'westeurope', tenant_id: 't', sku_name: 'standard' },
    b: { name: 'kvb', resource_group_name: 'rg', location: 'westeurope', tenant_id: 't', sku_name: 'standard' },
  };
  /** Vaults a and b; "admin" in a from a random_password, "admin" in b written `inB`. */
  const twoVaults = (inB: string) => ({
    azurerm_key_vault: vaults,
    random_password: { n: { length: 32 } },
    azurerm_key_vault_secret: {
      sa: { name: 'admin', key_vault_id: '${azurerm_key_vault.a.id}', value: '${random_password.n.result}' },
      sb: { name: 'admin', key_vault_id: '${azurerm_key_vault.b.id}', value: inB },
    },
  });
  const inVault = (vault: string, extra: object = {}) => ({ azurerm_key_vault_secret: { k: { name: 'admin', key_vault_id: vault, ...extra } } });
  /** One secret written `value` with `extra` (count, for_each, its name), in vault a. */
  const oneSecret = (value: string, extra: object) => ({
    azurerm_key_vault: vaults,
    azurerm_key_vault_secret: { s: { name: 'admin', key_vault_id: '${azurerm_key_vault.a.id}', value, ...extra } },
  });
  const files = (content: string) => ({ local_file: { w: { filename: 'pw.txt', content } } });
  const settings = (value: string) => ({ azurerm_app_configuration_key: { c: { configuration_store_id: '${var.store}', key: 'pg', value } } });
  const cases: [string, string, (written: string) => { [type: string]: object }, object, object][] = [
    // A49a-2: a lookup whose count or for_each is known only later, or too large to list, read whole through a local.
    ['count known later, read whole', '${local.ks[0].value}', (w) => oneSecret(w, {}), inVault('${azurerm_key_vault.a.id}', { count: '${var.e ? 1 : 0}' }), { ks: '${data.azurerm_key_vault_secret.k}' }],
    ['for_each known later, read whole', '${local.ks["x"].value}', (w) => oneSecret(w, {}), inVault('${azurerm_key_vault.a.id}', { for_each: '${var.names}' }), { ks: '${data.azurerm_key_vault_secret.k}' }],
    ['count of 300, read whole', '${local.ks[299].value}', (w) => oneSecret(w, {}), inVault('${azurerm_key_vault.a.id}', { count: 300 }), { ks: '${data.azurerm_key_vault_secret.k}' }],
    // A49a-3: a counted secret whose name reads each.key or count.index.
    ['a secret named each.key', '${data.azurerm_key_vault_secret.k.value}', (w) => oneSecret(w, { for_each: { admin: 'x' }, name: '${each.key}' }), inVault('${azurerm_key_vault.a.id}'), {}],
    ['a secret named with count.index', '${data.azurerm_key_vault_secret.k.value}', (w) => oneSecret(w, { count: 1, name: 'admin-${count.index}' }), { azurerm_key_vault_secret: { k: { name: 'admin-0', key_vault_id: '${azurerm_key_vault.a.id}' } } }, {}],
    ['the instance of that name', '${data.azurerm_key_vault_secret.k.value}', (w) => ({ random_password: { n: { length: 32 } }, ...oneSecret('${each.value}', { for_each: { a: '${random_password.n.result}', b: w }, name: 'admin-${each.key}' }) }), { azurerm_key_vault_secret: { k: { name: 'admin-b', key_vault_id: '${azurerm_key_vault.a.id}' } } }, {}],
    ['a secret named from a set', '${data.azurerm_key_vault_secret.k.value}', (w) => oneSecret(w, { for_each: '${toset(["admin"])}', name: '${each.value}' }), inVault('${azurerm_key_vault.a.id}'), {}],
    // A49a-4: the vault spelled through a call or a choice that may be vault b.
    ['tostring(vault b)', '${data.azurerm_key_vault_secret.k.value}', twoVaults, inVault('${tostring(azurerm_key_vault.b.id)}'), {}],
    ['a choice of vaults', '${data.azurerm_key_vault_secret.k.value}', twoVaults, inVault('${var.k ? azurerm_key_vault.a.id : azurerm_key_vault.b.id}'), {}],
    ['replace() onto vault b', '${data.azurerm_key_vault_secret.k.value}', twoVaults, inVault('${replace(azurerm_key_vault.a.id, "kva", "kvb")}'), {}],
    ['a vault from a variable', '${data.azurerm_key_vault_secret.k.value}', twoVaults, inVault('${var.vault}'), {}],
    // Any type: a lookup of a file or a setting the stack writes.
    ['a file the stack writes', '${data.local_file.f.content}', files, { local_file: { f: { filename: '${path.module}/pw.txt' } } }, {}],
    // 50th run (A50a-1): lookups of other types, or attributes under other names.
    ['a sensitive file read as a file', '${data.local_file.f.content}', (w) => ({ local_sensitive_file: { w: { filename: 'pw.txt', content: w } } }), { local_file: { f: { filename: 'pw.txt' } } }, {}],
    ['a file read as a sensitive file', '${data.local_sensitive_file.f.content}', (w) => ({ local_file: { w: { filename: 'pw.txt', sensitive_content: w } } }), { local_sensitive_file: { f: { filename: 'pw.txt' } } }, {}],
    ['a file written as sensitive_content, its lookup matching it exactly', '${data.local_file.f.content}', (w) => ({ local_file: { w: { filename: 'pw.txt', sensitive_content: w } } }), { local_file: { f: { filename: 'pw.txt' } } }, {}],
    ['a file read as content_base64', '${data.local_file.f.content_base64}', (w) => ({ local_file: { w: { filename: 'pw.txt', content: w } } }), { local_file: { f: { filename: 'pw.txt' } } }, {}],
    ['one file it surely finds, another it may', '${data.local_file.f.content}', (w) => ({ random_password: { n: { length: 32 } }, local_file: { sure: { filename: 'pw.txt', content: '${random_password.n.result}' }, maybe: { filename: '${var.f}', content: w } } }), { local_file: { f: { filename: 'pw.txt' } } }, {}],
    ['a Vault secret looked up', '${data.vault_generic_secret.g.data["password"]}', (w) => ({ vault_generic_secret: { w: { path: 'secret/pg', data_json: `\${jsonencode({ password = ${w.startsWith('${') ? w.slice(2, -1) : JSON.stringify(w)} })}` } } }), { vault_generic_secret: { g: { path: 'secret/pg' } } }, {}],
    ['a Vault secret read directly', '${vault_kv_secret_v2.w.data.password}', (w) => ({ vault_kv_secret_v2: { w: { mount: 'kv', name: 'pg', data_json: `\${jsonencode({ password = ${w.startsWith('${') ? w.slice(2, -1) : JSON.stringify(w)} })}` } } }), {}, {}],
    // 51st run (A50b-1..3): sibling types, Vault types across, a file's hashes and id.
    ['a Kubernetes secret of the other version', '${data.kubernetes_secret.k.data["password"]}', (w) => ({ kubernetes_secret_v1: { w: { metadata: { name: 'pg' }, data: { password: w } } } }), { kubernetes_secret: { k: { metadata: { name: 'pg' } } } }, {}],
    ['a Vault secret of another type', '${data.vault_kv_secret.k.data["password"]}', (w) => ({ vault_generic_secret: { w: { path: 'secret/db', data_json: `\${jsonencode({ password = ${w.startsWith('${') ? w.slice(2, -1) : JSON.stringify(w)} })}` } } }), { vault_kv_secret: { k: { path: 'secret/db' } } }, {}],
    ['a hash of a file', '${data.local_file.f.content_sha256}', files, { local_file: { f: { filename: 'pw.txt' } } }, {}],
    // 52nd run: a file name whose last segment is known later (A50c-3), a Kubernetes secret's data written by its _v1_data (A50c-4).
    ['a file named from a variable', '${data.local_file.f.content}', (w) => ({ local_file: { w: { filename: '${path.module}/${var.f}', content: w } } }), { local_file: { f: { filename: '${path.module}/pw.txt' } } }, {}],
    ['a Kubernetes secret\'s data written alone', '${data.kubernetes_secret_v1.k.data["password"]}', (w) => ({ kubernetes_secret_v1_data: { w: { metadata: { name: 'pg' }, data: { password: w } } } }), { kubernetes_secret_v1: { k: { metadata: { name: 'pg' } } } }, {}],
    ['a setting the stack writes', '${data.azurerm_app_configuration_key.c.value}', settings, { azurerm_app_configuration_key: { c: { configuration_store_id: '${var.store}', key: 'PG', label: '${var.label}' } } }, {}],
  ];
  test.each(cases)('%s: the literal fails every password rule', (_, password, blocks, data, locals) => {
    expect(evaluated(withBlocks(password, blocks(SECRET), SECRET, data, locals))).toEqual(ALL_FAIL);
  });
  test.each(cases)('%s: a secret written from a variable passes', (_, password, blocks, data, locals) => {
    expect(evaluated(withBlocks(password, blocks('${var.p}'), '${var.p}', data, locals))).toEqual(ALL_PASS);
  });
  // 85th run, A85c-2: a file's ID is the hash of its content, shown in the plan: no secret, whatever the file holds.
  test('the id of a file read directly fails, the file written from a literal or a variable', () => {
    expect(evaluated(withBlocks('${local_file.w.id}', files(SECRET), SECRET, {}, {}))).toEqual(ALL_FAIL);
    expect(evaluated(withBlocks('${local_file.w.id}', files('${var.p}'), '${var.p}', {}, {}))).toEqual(ALL_FAIL);
  });
  test.each([
    ['another made vault', '${data.azurerm_key_vault_secret.k.value}', twoVaults(SECRET), inVault('${azurerm_key_vault.a.id}')],
    ['another name', '${data.azurerm_key_vault_secret.k.value}', oneSecret(SECRET, {}), { azurerm_key_vault_secret: { k: { name: 'other', key_vault_id: '${var.vault}' } } }],
    ['the one instance of that name, generated', '${data.azurerm_key_vault_secret.k.value}', { random_password: { n: { length: 32 } }, ...oneSecret('${each.value}', { for_each: { a: '${random_password.n.result}', b: SECRET }, name: 'admin-${each.key}' }) }, { azurerm_key_vault_secret: { k: { name: 'admin-a', key_vault_id: '${azurerm_key_vault.a.id}' } } }],
    ['secrets written from a map variable (50th run, A50a-6)', '${data.azurerm_key_vault_secret.k.value}', { azurerm_key_vault_secret: { settings: { for_each: '${var.settings}', name: '${each.key}', value: '${each.value}', key_vault_id: '${var.kv}' } } }, inVault('${var.shared}')],
    ['secrets written from nonsensitive(var.settings) (51st run, A50b-7)', '${data.azurerm_key_vault_secret.k.value}', { azurerm_key_vault_secret: { settings: { for_each: '${nonsensitive(var.settings)}', name: '${each.key}', value: '${each.value}', key_vault_id: '${var.kv}' } } }, inVault('${var.shared}')],
    ['secrets written from tomap(var.settings)', '${data.azurerm_key_vault_secret.k.value}', { azurerm_key_vault_secret: { settings: { for_each: '${tomap(var.settings)}', name: '${each.key}', value: '${each.value}', key_vault_id: '${var.kv}' } } }, inVault('${var.shared}')],
    ['a Vault secret without that key (51st run, A50b-6)', '${data.vault_generic_secret.k.data["password"]}', { vault_generic_secret: { w: { path: 'secret/x', data_json: `\${jsonencode({ log = "${SECRET}" })}` } } }, { vault_generic_secret: { k: { path: '${var.path}' } } }],
    ['another file in the same directory (51st run, A50b-8)', '${data.local_file.f.content}', { local_file: { w: { filename: '${path.module}/inventory.ini', content: SECRET } } }, { local_file: { f: { filename: '${path.module}/pw.txt' } } }],
    ['a literal file in another directory (52nd run, A50c-6)', '${data.local_file.f.content}', { local_file: { w: { filename: 'secrets/values.yaml', content: SECRET } } }, { local_file: { f: { filename: 'rendered/values.yaml' } } }],
    ['literal JSON without the key (52nd run, A50c-8)', '${data.vault_generic_secret.k.data["password"]}', { vault_generic_secret: { w: { path: 'secret/x', data_json: JSON.stringify({ log: SECRET }) } } }, { vault_generic_secret: { k: { path: '${var.path}' } } }],
    ['each instance another name', '${data.azurerm_key_vault_secret.k.value}', oneSecret(SECRET, { for_each: { a: 'x', b: 'y' }, name: 'admin-${each.key}' }), { azurerm_key_vault_secret: { k: { name: 'admin-c', key_vault_id: '${azurerm_key_vault.a.id}' } } }],
    ['another file', '${data.local_file.f.content}', files(SECRET), { local_file: { f: { filename: 'other.txt' } } }],
  ])('a lookup that finds %s passes over a literal', (_, password, blocks, data) => {
    expect(evaluated(withBlocks(password, blocks, '${var.p}', data))).toEqual(ALL_PASS);
  });
  // What a secret is given write-only is what Key Vault stores and the lookup reads (83rd run, A83a-1; this passed before).
  test('a lookup that finds a secret written write-only reads what it was given: a literal fails every password rule', () => {
    const writeOnly = (written: string) => oneSecret('', { value: undefined, value_wo: written, value_wo_version: 1 });
    expect(evaluated(withBlocks('${data.azurerm_key_vault_secret.k.value}', writeOnly(SECRET), SECRET, inVault('${var.vault}')))).toEqual(ALL_FAIL);
    expect(evaluated(withBlocks('${data.azurerm_key_vault_secret.k.value}', writeOnly('${var.p}'), '${var.p}', inVault('${var.vault}')))).toEqual(ALL_PASS);
  });
  test.each([
    '${tostring(azurerm_key_vault.a.id)}',
    '${lower(azurerm_key_vault.a.id)}',
    '${nonsensitive(sensitive(azurerm_key_vault.a.id))}',
    '${try(azurerm_key_vault.a.id, "")}',
    '${var.k ? azurerm_key_vault.a.id : tostring(azurerm_key_vault.a.id)}',
  ])('the vault read through %s is vault a, whose secret is generated: passes', (vault) => {
    expect(evaluated(withBlocks('${data.azurerm_key_vault_secret.k.value}', twoVaults(SECRET), '${var.p}', inVault(vault)))).toEqual(ALL_PASS);
  });
  test.each(['${try(azurerm_key_vault.b.id, "")}', '${upper(azurerm_key_vault.b.id)}', '${split(",", azurerm_key_vault.a.id)[0]}'])('the vault read through %s may be vault b: fails', (vault) => {
    expect(evaluated(withBlocks('${data.azurerm_key_vault_secret.k.value}', twoVaults(SECRET), '${var.p}', inVault(vault)))).toEqual(ALL_FAIL);
  });
  test('secrets written over nonsensitive() of a local that is a variable pass (52nd run, A50c-7)', () => {
    const blocks = { azurerm_key_vault_secret: { settings: { for_each: '${nonsensitive(local.s)}', name: '${each.key}', value: '${each.value}', key_vault_id: '${var.kv}' } } };
    expect(evaluated(withBlocks('${data.azurerm_key_vault_secret.k.value}', blocks, '${var.p}', inVault('${var.shared}'), { s: '${var.settings}' }))).toEqual(ALL_PASS);
  });
  test('a secret copied from the secret it looks up adds nothing (no loop, no failure)', () => {
    const blocks = { azurerm_key_vault: vaults, azurerm_key_vault_secret: { copy: { name: 'admin', key_vault_id: '${azurerm_key_vault.a.id}', value: '${data.azurerm_key_vault_secret.k.value}' } } };
    expect(evaluated(withBlocks('${data.azurerm_key_vault_secret.k.value}', blocks, '${var.p}', inVault('${var.vault}')))).toEqual(ALL_PASS);
  });
  test('the message names the lookup, then the block it may find', () => {
    const failed = evaluateStack(withBlocks('${data.azurerm_key_vault_secret.k.value}', twoVaults(SECRET), '${var.p}', inVault('${var.vault}')), ALL_RULES).findings.find((finding) => finding.ruleId === 'PGF-IAM-4');
    expect(failed?.message).toContain('administrator_password reads data.azurerm_key_vault_secret.k.value, a lookup that may find what the stack writes: it reads azurerm_key_vault_secret.sb.value, an argument the stack writes with literal text');
  });
});

// 50th run (A50a-9, A50a-10): lookups that may find several secrets, each copying the next layer's lookup, make paths that multiply
// with every layer; each reference is read once in a reading (reading-memo.ts), and secrets that copy each other's lookups (a cycle)
// add nothing.
describe('through evaluateStack: layers of lookups and copies are read once each (50th run)', () => {
  /** `layers` lookups by a variable vault, each finding `width` secrets named "admin" that copy the next lookup; the last ones write `last`. */
  const layered = (layers: number, width: number, last: string) => {
    const data: { [name: string]: object } = {};
    const secrets: { [name: string]: object } = {};
    for (let layer = 0; layer < layers; layer++) {
      data[`k${layer}`] = { name: `admin${layer}`, key_vault_id: '${var.vault}' };
      for (let i = 0; i < width; i++) {
        secrets[`s${layer}_${i}`] = { name: `admin${layer}`, key_vault_id: `\${var.v${i}}`, value: layer === layers - 1 ? last : `\${data.azurerm_key_vault_secret.k${layer + 1}.value}` };
      }
    }
    return withBlocks('${data.azurerm_key_vault_secret.k0.value}', { azurerm_key_vault_secret: secrets }, '${var.p}', { azurerm_key_vault_secret: data });
  };
  afterEach(() => jest.restoreAllMocks());
  test('10 layers of 4: each reference read a few times, not once per path (4^10)', () => {
    const spy = jest.spyOn(echoes, 'echoOf');
    expect(evaluated(layered(10, 4, '${var.p}'))).toEqual(ALL_PASS);
    expect(spy.mock.calls.length).toBeGreaterThan(40);
    expect(spy.mock.calls.length).toBeLessThan(5000);
  });
  test('a literal at the bottom fails, named through the lookups', () => {
    expect(evaluated(layered(3, 2, SECRET))).toEqual(ALL_FAIL);
    const failed = evaluateStack(layered(3, 2, SECRET), ALL_RULES).findings.find((finding) => finding.ruleId === 'PGF-IAM-4');
    expect(failed?.message).toContain('reads data.azurerm_key_vault_secret.k0.value, a lookup that may find what the stack writes: it reads data.azurerm_key_vault_secret.k1.value');
  });
  test('secrets that copy each other\'s lookups, with no literal, pass', () => {
    const blocks = { azurerm_key_vault_secret: {
      s1: { name: 'a', key_vault_id: '${var.v}', value: '${data.azurerm_key_vault_secret.k2.value}' },
      s2: { name: 'b', key_vault_id: '${var.v}', value: '${data.azurerm_key_vault_secret.k1.value}' },
    } };
    const lookups = { azurerm_key_vault_secret: { k1: { name: 'a', key_vault_id: '${var.v}' }, k2: { name: 'b', key_vault_id: '${var.v}' } } };
    expect(evaluated(withBlocks('${data.azurerm_key_vault_secret.k1.value}', blocks, '${var.p}', lookups))).toEqual(ALL_PASS);
  });
});

// 51st run (A50b-4): a variable gives its default back when the run does not set it; a literal default is text of the configuration.
describe('through evaluateStack: a variable\'s literal default is read as what it is (51st run)', () => {
  const withDefault = (password: string, variables: object) => {
    const stack = withBlocks(password, {}, '${var.p}') as unknown as { variable: object };
    stack.variable = { ...stack.variable, ...variables };
    return stack;
  };
  test.each<[string, string, object]>([
    ['a literal default', '${var.pw}', { pw: { type: 'string', default: SECRET } }],
    ['a sensitive variable with a literal default', '${var.pw}', { pw: { type: 'string', sensitive: true, default: SECRET } }],
    ['a key of a map default', '${var.m["admin"]}', { m: { type: 'map(string)', default: { admin: SECRET } } }],
    ['a literal default under sensitive()', '${sensitive(var.pw)}', { pw: { type: 'string', default: SECRET } }],
    // 52nd run: a default's strings are literal text, never templates (A50c-1); a type's optional default (A50c-2).
    ['a default written as a template', '${var.pw}', { pw: { type: 'string', default: '${random_password.p.result}' } }],
    ['a template in a map default', '${var.m["admin"]}', { m: { type: 'map(string)', default: { admin: '${random_password.p.result}' } } }],
    ['an optional attribute\'s literal default', '${var.db.password}', { db: { type: `object({password = optional(string, "${SECRET}")})`, default: {} } }],
  ])('%s fails every password rule', (_, password, variables) => {
    expect(evaluated(withDefault(password, variables))).toEqual(ALL_FAIL);
  });
  test.each<[string, string, object]>([
    ['no default', '${var.pw}', { pw: { type: 'string', sensitive: true } }],
    ['a null default', '${var.pw}', { pw: { type: 'string', default: null } }],
    ['an empty default', '${var.pw}', { pw: { type: 'string', default: '' } }],
    ['a key the map default lacks', '${var.m["admin"]}', { m: { type: 'map(string)', default: { other: SECRET } } }],
    ['an empty text in an object default (A50c-5)', '${var.db.password}', { db: { type: 'object({password = string})', default: { password: '' } } }],
    ['an optional attribute without a default', '${var.db.password}', { db: { type: 'object({password = optional(string)})', default: {} } }],
    ['another optional attribute\'s literal default (53rd run, A50d-2)', '${var.db.password}', { db: { type: 'object({password = optional(string), sslmode = optional(string, "require")})', default: {} } }],
    ['another optional attribute\'s literal default, no default', '${var.db.password}', { db: { type: 'object({password = string, name = optional(string, "legacy_app")})' } }],
  ])('%s passes', (_, password, variables) => {
    expect(evaluated(withDefault(password, variables))).toEqual(ALL_PASS);
  });
  test('the message says the default is literal text', () => {
    const failed = evaluateStack(withDefault('${var.pw}', { pw: { type: 'string', default: SECRET } }), ALL_RULES).findings.find((finding) => finding.ruleId === 'PGF-IAM-4');
    expect(failed?.message).toBe('administrator_password reads var.pw, a variable given literal text by its default or a variable file, so the password may be written in the configuration.');
  });
});

// 54th run (the 53rd's A50d-1/3): a type's optional defaults read as Terraform reads the constraint (any default, any depth, on the
// reference's path); a default read from the JSON as written.
describe('through evaluateStack: a type\'s optional defaults and a default\'s raw text (54th run)', () => {
  const withVariables = (password: string, variables: object, locals: object = {}) => {
    const stack = withBlocks(password, {}, '${var.p}', {}, locals) as unknown as { variable: object };
    stack.variable = { ...stack.variable, ...variables };
    return stack;
  };
  const typed = (type: string) => ({ db: { type, default: {} } });
  test.each<[string, string, object, object?]>([
    ['an object default of an optional object', '${var.db.admin.password}', typed(`object({admin = optional(object({password = string}), {password = "${SECRET}"})})`)],
    ['a list default', '${var.db.passwords[0]}', typed(`object({passwords = optional(list(string), ["${SECRET}"])})`)],
    ['a map default', '${var.db.creds["app"]}', typed(`object({creds = optional(map(string), {app = "${SECRET}"})})`)],
    ['a number default', '${var.db.password}', typed('object({password = optional(string, 12345678901234)})')],
    ['a space before the parenthesis', '${var.db.password}', typed(`object({password = optional (string, "${SECRET}")})`)],
    ['a heredoc default', '${var.db.password}', typed(`object({password = optional(string, <<EOT\n${SECRET}\nEOT\n)})`)],
    ['a template of constants', '${var.db.password}', typed(`object({password = optional(string, "\${"${SECRET}"}")})`)],
    ['an attribute of an item of a list of objects', '${var.db[0].password}', { db: { type: `list(object({password = optional(string, "${SECRET}")}))`, default: [{}] } }],
    ['the variable read whole', '${jsonencode(var.db)}', typed(`object({a = object({password = optional(string, "${SECRET}")})})`)],
    ['an attribute named __proto__ (A54a-1)', '${var.db.__proto__}', { db: { type: `object({__proto__ = optional(string, "${SECRET}")})` } }],
    ['a type with comments', '${var.db.password}', typed(`object({\n  # the administrator\n  password = optional(string, "${SECRET}") // a default\n})`)],
    ['an object default with a part not read, read whole (57th run)', '${var.db.inner.password}', typed(`object({inner = optional(object({n = number, password = string}), { n = 1e3, password = "${SECRET}" })})`)],
    ['a conditional default, read whole', '${var.db.inner.password}', typed(`object({inner = optional(object({password = string}), true ? { password = "${SECRET}" } : null)})`)],
    ['a flush heredoc default, read as written', '${var.db.password}', typed(`object({password = optional(string, <<-EOT\n  ${SECRET}\n  EOT\n)})`)],
    ['a type the checks do not read', '${var.db.password}', typed(`object({password = optional(string, "${SECRET}"]})`)],
    // A50d-3: Terraform reads a default's strings as written: these are text, not the "" or null they would evaluate to.
    ['a default "${\\"\\"}"', '${var.pw}', { pw: { type: 'string', default: '${""}' } }],
    ['a default "${null}"', '${var.pw}', { pw: { type: 'string', default: '${null}' } }],
    ['a default reading an empty local', '${var.pw}', { pw: { type: 'string', default: '${local.e}' } }, { e: '' }],
    ['an object default\'s template', '${var.db.password}', { db: { type: 'object({password = string})', default: { password: '${""}' } } }],
    // The function's length stays 3 (a fourth parameter without a default would be taken for jest's `done`).
  ])('%s fails every password rule', (_, password, variables, locals = {}) => {
    expect(evaluated(withVariables(password, variables, locals))).toEqual(ALL_FAIL);
  });
  test.each<[string, string, object]>([
    ['a default under another attribute of the object', '${var.db.admin.password}', typed(`object({admin = optional(object({password = string})), other = optional(object({password = string}), {password = "${SECRET}"})})`)],
    ['another item of a tuple', '${var.db[1].password}', { db: { type: `tuple([object({password = optional(string, "${SECRET}")}), object({password = optional(string)})])`, default: [{}, {}] } }],
    ['an empty or null optional default', '${var.db.password}', typed('object({password = optional(string, ""), other = optional(string, null)})')],
    ['another attribute\'s default the reader does not read (55th run, A55b-4)', '${var.db.password}', typed('object({password = optional(string), big = optional(number, 1e3), notes = optional(string, <<-EOT\n  x\n  EOT\n)})')],
    ['a type with comments, the password without a default (A54a-4)', '${var.db.password}', typed('object({\n  password = string # given at apply\n  sslmode = optional(string, "require") /* the default */\n})')],
    ['a key the object default lacks', '${var.db.admin.password}', typed(`object({admin = optional(object({password = optional(string)}), {name = "${SECRET}"})})`)],
  ])('%s passes', (_, password, variables) => {
    expect(evaluated(withVariables(password, variables))).toEqual(ALL_PASS);
  });
  test('a type the checks do not read says so', () => {
    const failed = evaluateStack(withVariables('${var.db.password}', typed('object({password = optional(string, "x"]})')), ALL_RULES).findings.find((finding) => finding.ruleId === 'PGF-IAM-4');
    expect(failed?.message).toBe('administrator_password var.db.password reads var.db, whose type gives optional attributes defaults the checks do not read, so the password may be written in the configuration.');
  });
});

// 54th run (the 53rd's A50d-4/5): an absolute path against a relative one; JSON text whose strings are interpolations.
describe('through evaluateStack: file paths from the root, and data_json templates (54th run)', () => {
  const fileRead = (writer: string, reader: string, content = SECRET) => withBlocks('${data.local_file.f.content}', { local_file: { w: { filename: writer, content } } }, '${var.p}', { local_file: { f: { filename: reader } } });
  test.each([
    ['/srv/app/pw.txt', 'pw.txt'],
    ['pw.txt', '/srv/app/pw.txt'],
    ['../pw.txt', 'C:/app/pw.txt'],
    ['/../etc/pw.txt', '/etc/pw.txt'],
    ['C:/../app/pw.txt', 'C:/app/pw.txt'],
    // 54th run (A54a-3): a relative path that climbs above where it starts; Windows' own spellings of a name.
    ['pw.txt', '../db/pw.txt'],
    ['../../stacks/db/secrets/pw.txt', 'secrets/pw.txt'],
    ['C:pw.txt', 'pw.txt'],
    ['C:pw.txt', 'C:/app/pw.txt'],
    ['\\\\?\\C:\\app\\pw.txt', 'C:/app/pw.txt'],
    ['pw.txt.', 'pw.txt'],
    ['/srv/app/secrets/password', 'secrets/password'],
    ['${path.module}/out/./prod/db-password', '${path.module}/out/prod/db-password'],
    ['${path.module}/out/prod/db-password', '${path.module}/../x/out/prod/db-password'],
    ['${path.module}/${var.env}/db-password', '${path.module}/out/prod/db-password'],
    ['${each.key}/pw', '${each.key}/x/pw'],
    ['${var.dirs[count.index]}/pw', '${var.dirs[count.index]}/x/pw'],
    ['\\\\?\\UNC\\srv\\share\\secrets\\pw', '\\\\srv\\share\\secrets\\pw'],
    ['secrets/password', 'C:\\app\\secrets\\password'],
    ['secrets. /pw.txt', 'secrets/pw.txt'],
    // 57th run (A57a-10): a path rooted on no drive is on the current one; a device path (`\\?\GLOBALROOT`, a volume) may be any file of its name.
    ['C:\\secrets\\pw', '/secrets/pw'],
    ['C:/secrets/pw', '\\secrets\\pw'],
    ['\\secrets\\pw', 'd:\\Secrets\\PW'],
    ['//?/c:/secrets/pw', '/secrets/pw'],
    ['\\\\.\\C:\\secrets\\pw', '\\secrets\\pw'],
    ['C:/app/../secrets/pw', '/x/../secrets/pw'],
    ['\\\\?\\GLOBALROOT\\Device\\x\\pw', 'pw'],
    ['\\\\?\\GLOBALROOT\\Device\\HarddiskVolume1\\app\\pw', 'secrets/pw'],
    ['\\\\?\\Volume{0b1f2c3d-0000-0000-0000-100000000000}\\app\\pw', 'C:\\app\\pw'],
    ['//./GLOBALROOT/Device/x/pw', '/srv/pw'],
    // 58th run (A58b-4): an NTFS stream suffix names the file or folder itself.
    ['C:\\secrets\\pw', 'C:\\secrets\\pw::$DATA'],
    ['secrets/pw', 'secrets/pw::$data'],
    ['${path.module}/pw', 'C:\\secrets\\pw::$DATA'],
    ['C:\\secrets\\f:pw', 'C:\\secrets\\f:pw:$DATA'],
    ['\\\\?\\C:\\secrets\\pw', 'pw::$DATA'],
    ['C:\\secrets\\pw', 'C:\\secrets::$INDEX_ALLOCATION\\pw'],
    ['C:\\secrets\\pw', 'C:\\secrets:$I30:$INDEX_ALLOCATION\\pw'],
    ['${path.module}/secrets/pw', '${path.module}/secrets/pw::$DATA'],
    // 58th run (A58b-5): `\??\` is the NT object manager's prefix, as `\\?\` is.
    ['\\??\\C:\\secrets\\pw', 'C:\\secrets\\pw'],
    ['\\??\\C:\\secrets\\pw', '/secrets/pw'],
    ['\\??\\UNC\\srv\\share\\pw', '\\\\srv\\share\\pw'],
    ['\\??\\GLOBALROOT\\Device\\x\\pw', 'C:\\app\\pw'],
    // 58th run (A58b-6): `..` never climbs above a UNC path's share.
    ['\\\\srv\\share\\pw', '\\\\srv\\share\\..\\pw'],
    ['\\\\srv\\share\\secrets\\pw', '\\\\srv\\share\\..\\..\\secrets\\pw'],
    ['\\\\?\\UNC\\srv\\share\\pw', '//srv/share/../pw'],
    // ... while on Linux `//srv/share/../pw` is `/srv/pw`: a UNC path is never surely another than a local one.
    ['/srv/pw', '//srv/share/../pw'],
    ['/srv/share/pw', '//srv/share/pw'],
    // 58th run (A58b-7): a share may be a folder of this machine (`\\localhost\C$` is `C:\`), under any name.
    ['C:\\secrets\\pw', '\\\\localhost\\C$\\secrets\\pw'],
    ['C:\\secrets\\pw', '\\\\127.0.0.1\\c$\\secrets\\pw'],
    ['C:\\secrets\\pw', '\\\\?\\UNC\\localhost\\c$\\secrets\\pw'],
    ['C:\\shares\\app\\pw', '\\\\srv\\app\\pw'],
    // 58th run (A58b-8): an 8.3 short name (`SECRET~1`) may stand for any long name.
    ['C:\\secretfiles\\pw', 'C:\\SECRET~1\\pw'],
    ['secretfiles/pw', 'SECRET~1/pw'],
    ['C:\\secrets\\password.txt', 'C:\\secrets\\PASSWO~1.TXT'],
    // 58th run (A58b-9): two paths from a root of different depth may be one file through a link every system has.
    ['/var/run/secrets/pw', '/run/secrets/pw'],
    ['/tmp/pw', '/private/tmp/pw'],
    ['/secrets/pw', '/proc/self/root/secrets/pw'],
    ['C:/secrets/pw', '/pw'],
    ['/../etc/pw.txt', '/srv/etc/pw.txt'],
  ])('a file written at %s, read at %s: fails every password rule', (writer, reader) => {
    expect(evaluated(fileRead(writer, reader))).toEqual(ALL_FAIL);
  });
  test.each([
    ['/srv/app/pw.txt', '/srv/other/pw.txt'],
    ['/srv/app/pw.txt', 'inventory.ini'],
    ['a/pw.txt', 'b/pw.txt'],
    ['../x/other.txt', 'pw.txt'],
    ['C:pw.txt', 'C:/app/other.txt'],
    // 55th run (A55b-3): a relative path is an absolute one's last segments, never another folder's.
    ['/etc/pgbouncer/password', 'secrets/password'],
    ['/pw.txt', 'a/b/pw.txt'],
    ['${path.module}/out/example/db-password', '${path.module}/out/prod/db-password'],
    // 57th run (A57a-10): a drive path and a rooted one still differ where their folders do; a device path by the file's name.
    ['C:\\a\\pw', '\\b\\pw'],
    ['/secrets/pw', 'C:/secrets/other'],
    ['\\\\?\\GLOBALROOT\\Device\\x\\pw', 'other'],
    ['\\\\?\\Volume{0b1f2c3d-0000-0000-0000-100000000000}\\app\\pw', 'C:\\app\\other'],
    ['C:/secrets/pw', 'D:/secrets/pw'],
    ['\\\\.\\C:\\app\\pw', 'C:\\other\\pw'],
    ['\\\\?\\unc\\srv\\share\\pw', '\\\\srv\\other\\pw'],
    // 58th run (A58b-4..9): what differs still differs.
    ['C:\\secrets\\pw', 'C:\\secrets\\pw:other'],
    ['C:\\secrets\\pw::$DATA', 'C:\\secrets\\other::$DATA'],
    ['\\??\\C:\\secrets\\pw', 'D:\\secrets\\pw'],
    ['\\\\srv\\share\\secrets\\pw', '\\\\srv\\share\\..\\other\\pw'],
    ['\\\\localhost\\C$\\secrets\\pw', 'C:\\other\\pw'],
    ['C:\\SECRET~1\\pw', 'C:\\secrets\\other'],
    ['/var/run/secrets/pw', '/run/other/pw'],
    ['/srv/app/secrets/pw', '/srv/secrets/other'],
  ])('a file written at %s, read at %s: passes', (writer, reader) => {
    expect(evaluated(fileRead(writer, reader))).toEqual(ALL_PASS);
  });
  const vaultRead = (dataJson: string) => withBlocks('${data.vault_generic_secret.r.data["password"]}', { random_password: { rp: { length: 32 } }, vault_generic_secret: { cfg: { path: 'secret/config', data_json: dataJson } } }, '${var.p}', { vault_generic_secret: { r: { path: '${var.path}' } } });
  test.each([
    ['the password a generated value', '{"username":"app","password":"${random_password.rp.result}"}'],
    ['a literal under another key', `{"log":"${SECRET}","password":"\${random_password.rp.result}"}`],
    ['a literal first, the generated value last (the last key is read)', `{"password":"${SECRET}","password":"\${random_password.rp.result}"}`],
  ])('data_json with %s passes', (_, dataJson) => {
    expect(evaluated(vaultRead(dataJson))).toEqual(ALL_PASS);
  });
  test.each([
    ['a literal password beside an interpolation', `{"username":"\${var.user}","password":"${SECRET}"}`],
    ['a literal beside the interpolation in one string', `{"password":"${SECRET}\${random_password.rp.result}"}`],
    ['the generated value first, a literal last', `{"password":"\${random_password.rp.result}","password":"${SECRET}"}`],
    ['an interpolation outside a string (not read as JSON)', `{"password":"${SECRET}","port":\${var.port}}`],
  ])('data_json with %s fails every password rule', (_, dataJson) => {
    expect(evaluated(vaultRead(dataJson))).toEqual(ALL_FAIL);
  });
});

// 54th run (the 50th's A50a-5): a module is code the checks do not read; an output of it may give back any secret it is given, and
// it may write one to a store a lookup finds.
describe('through evaluateStack: a module given a secret (54th run)', () => {
  const withModule = (password: string, inputs: object, data: object = {}) => {
    const stack = withBlocks(password, {}, '${var.p}', data) as unknown as { module: object };
    stack.module = { m: { source: './secrets', ...inputs } };
    return stack;
  };
  const lookup = { azurerm_key_vault_secret: { k: { name: 'admin', key_vault_id: '${var.kv}' } } };
  test.each<[string, string, object, object?]>([
    ['its output, given a literal password', '${module.m.password}', { password: SECRET }],
    ['its output, given a map of secrets', '${module.m.admin}', { secrets: { admin: SECRET } }],
    ['its output, given a secret inside a map', '${module.m.connection}', { config: { db: { password: SECRET } } }],
    ['a lookup of a secret it may write', '${data.azurerm_key_vault_secret.k.value}', { key_vault_id: '${var.kv}', secret_name: 'admin', secret_value: SECRET }, lookup],
  ])('%s fails every password rule', (_, password, inputs, data = {}) => {
    expect(evaluated(withModule(password, inputs, data))).toEqual(ALL_FAIL);
  });
  test.each<[string, string, object, object?]>([
    ['its output, given names, counts and pointers', '${module.m.password}', { secret_name: 'admin', password_length: 32, key_vault_id: '${var.kv}', name: 'orders' }],
    ['its output, given a variable', '${module.m.password}', { password: '${var.p}' }],
    ['its output, given a generated password', '${module.m.password}', { password: '${random_password.n.result}' }],
    ['a lookup, the module given names only', '${data.azurerm_key_vault_secret.k.value}', { key_vault_id: '${var.kv}', secret_name: 'admin' }, lookup],
  ])('%s passes', (_, password, inputs, data = {}) => {
    expect(evaluated(withModule(password, inputs, data))).toEqual(ALL_PASS);
  });
  test('the message names the module and the input it is given literal text in (57th run, A57a-11)', () => {
    const failed = evaluateStack(withModule('${module.m.password}', { secrets: { 'pg-admin': SECRET } }), ALL_RULES).findings.find((finding) => finding.ruleId === 'PGF-IAM-4');
    expect(failed?.message).toBe('administrator_password reads module.m.password, an output of module.m, which may give back the literal text the stack gives the module in its input secrets["pg-admin"], so the password may be written in the configuration.');
  });
  test('through a lookup, the message names the module that may store it, no output of it', () => {
    const stack = withModule('${data.azurerm_key_vault_secret.k.value}', { key_vault_id: '${var.kv}', secret_name: 'admin', secret_value: SECRET }, lookup);
    const failed = evaluateStack(stack, ALL_RULES).findings.find((finding) => finding.ruleId === 'PGF-IAM-4');
    expect(failed?.message).toBe('administrator_password reads data.azurerm_key_vault_secret.k.value, a lookup that may find what the stack writes: it reads module.m, a module that may store the literal text the stack gives it in its input secret_value, so the password may be written in the configuration.');
  });

  // 58th session: what a module stores (`value` beside its name), maps of secrets at any depth and beside a secret-named key, and
  // what it is given by reference under any name (55th run, A55a-6): another module's output, a variable's default.
  const withModules = (inputs: object, others: object, variables: object = {}) => {
    const stack = withModule('${module.m.password}', inputs) as unknown as { module: object; variable: object };
    stack.module = { ...stack.module, ...others };
    stack.variable = { ...(stack as unknown as { variable?: object }).variable, ...variables };
    return stack;
  };
  test.each<[string, object, object, object?]>([
    ['what it stores', { name: 'pg-admin', value: SECRET }, {}],
    ['a map of secrets in a map', { passwords: { prod: { app: SECRET } } }, {}],
    ['a map of secrets beside a secret-named key', { passwords: { admin_password: '${random_password.n.result}', app: SECRET } }, {}],
    ['a record\'s other text', { credentials: { username: 'u', password: '${random_password.n.result}', previous: SECRET } }, {}],
    ['another module\'s output given a literal password', { input: '${module.a.out}' }, { a: { source: './a', password: SECRET } }],
    ['a chain of three modules', { input: '${module.b.out}' }, { b: { source: './b', config: { from: '${module.a.out}' } }, a: { source: './a', password: SECRET } }],
    ['a variable whose default holds a password', { db: '${var.db}' }, {}, { db: { type: 'object({password = string})', default: { password: SECRET } } }],
    ['a variable\'s password under a plain name', { db: '${var.creds.password}' }, {}, { creds: { default: { password: SECRET } } }],
    ['an instance of a module with count', { input: '${module.a[0].out}' }, { a: { source: './a', count: 2, password: SECRET } }],
    // 58th run: a variable named as a secret (A58a-1), a local read as written (A58a-3), a block's argument (A58a-4).
    ['a variable named as a secret under a plain name', { db: '${var.admin_password}' }, {}, { admin_password: { default: SECRET } }],
    ['an item of a variable of secrets', { db: '${var.passwords["app"]}' }, {}, { passwords: { default: { app: SECRET } } }],
    ['a local read as written', { db: '${local.creds.password}' }, {}],
    ['a local that reads a variable named as a secret', { db: '${local.pw}' }, {}, { admin_password: { default: SECRET } }],
    ['a Key Vault secret\'s value', { db: '${azurerm_key_vault_secret.w.value}' }, {}],
    ['its own each.value over a variable of secrets', { db: '${each.value}', for_each: '${var.passwords}' }, {}, { passwords: { default: { app: SECRET } } }],
    // 59th run: a for_each the checks do not bind (A59a-1), a variable declared sensitive (A59a-2).
    ['its own each.value over a for expression', { db: '${each.value.password}', for_each: '${{for d in var.dbs : d.name => d}}' }, {}, { dbs: { default: [{ name: 'a', password: SECRET }] } }],
    ['a sensitive variable under a plain name', { admin: '${var.db_admin}' }, {}, { db_admin: { sensitive: true, default: SECRET } }],
    ['a value marked sensitive', { admin: '${sensitive(var.db_admin)}' }, {}, { db_admin: { default: SECRET } }],
    // 60th run: a variable as an item of a map of secrets (A60a-1), as a named value (A60a-2), beside a secret flag (A60a-3); an
    // existing password is one (A60a-5).
    ['a variable as an item of a map of secrets', { secrets: { reporting: '${var.reporting}' } }, {}, { reporting: { default: SECRET } }],
    ['a variable as a named value', { env: [{ name: 'DB_PASSWORD', value: '${var.reporting}' }] }, {}, { reporting: { default: SECRET } }],
    ['a variable beside a secret flag', { named_values: { db: { display_name: 'db', value: '${var.reporting}', secret: true } } }, {}, { reporting: { default: SECRET } }],
    ['an existing password', { existing_admin_password: SECRET }, {}],
    // 61st run: a variable under a map key that ends in a setting word (A61a-1), a whole module given on (A61a-3).
    ['a variable under a map key ending in a setting word', { secrets_value: { reporting_user: '${var.reporting}', app_id: '${var.reporting}' } }, {}, { reporting: { default: SECRET } }],
    ['a whole module given on', { cfg: '${module.a}' }, { a: { source: './a', value: SECRET } }],
    ['a module that reads it back (a cycle)', { input: '${module.a.out}' }, { a: { source: './a', back: '${module.m.other}', password: SECRET } }],
  ])('its output, given %s, fails every password rule', (_, inputs, others, variables = {}) => {
    const stack = withModules(inputs, others, variables) as unknown as { locals: object; resource: { [type: string]: object } };
    stack.locals = { creds: { password: SECRET }, pw: '${var.admin_password}' };
    stack.resource.azurerm_key_vault_secret = { w: { name: 'w', key_vault_id: '${var.kv}', value: SECRET } };
    expect(evaluated(stack)).toEqual(ALL_FAIL);
  });
  test('modules that read each other: no verdict depends on which was read first (a reading that met a cycle is not kept past its group)', () => {
    const stack = databaseStack({
      postgresql_role: { first: passwordRole('first', { password: '${module.m.out}' }), second: passwordRole('second', { password: '${module.a.out}' }) },
    }) as unknown as { module: object };
    stack.module = { m: { source: './m', input: '${module.a.out}', password: SECRET }, a: { source: './a', back: '${module.m.out}' } };
    const failed = evaluateStack(stack, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PGD-IAM-2' && finding.status === 'fail').map((finding) => finding.address);
    expect(failed.sort()).toEqual(['postgresql_role.first', 'postgresql_role.second']);
  });
  // 61st run, A61a-4: modules given every other's output took exponential time (a reading that met a cycle was read again each
  // time: 10 modules, 63 s; 14, over 200 s; bench/run.js moduleCycles guards it). A reading that met a cycle is now kept until
  // the group's first reading ends: whichever module holds the secret and whichever role is read first, every verdict is the same.
  test.each([0, 3, 6])('seven modules each given every other\'s output, the secret given to module %i: every role reading one fails', (given) => {
    const names = Array.from({ length: 7 }, (_, index) => `a${index}`);
    const modules = Object.fromEntries(names.map((name, index) => [name, {
      source: `./${name}`,
      ...Object.fromEntries(names.filter((other) => other !== name).map((other) => [`from_${other}`, `\${module.${other}.out}`])),
      ...(index === given ? { password: SECRET } : {}),
    }]));
    const roles = Object.fromEntries(names.map((name) => [`r_${name}`, passwordRole(`r_${name}`, { password: `\${module.${name}.out}` })]));
    const stack = databaseStack({ postgresql_role: roles }) as unknown as { module: object };
    stack.module = modules;
    const failed = evaluateStack(stack, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PGD-IAM-2' && finding.status === 'fail').map((finding) => finding.address);
    expect(failed.sort()).toEqual(names.map((name) => `postgresql_role.r_${name}`).sort());
  });
  // 60th run, A60a-6/7: a `for` or a `merge(...)` given to a module was read whole, so the names it makes and a generator it reads
  // failed; it is read by what it makes, its symbols bound to the collection's items.
  describe('a collection made by a for expression or merge(...)', () => {
    const withMade = (inputs: object, locals: object = {}) => {
      const stack = withModule('${data.azurerm_key_vault_secret.k.value}', { key_vault_id: '${var.kv}', ...inputs }, lookup) as unknown as { variable: object; locals: object; resource: { [type: string]: object } };
      stack.variable = {
        ...stack.variable,
        dbs: { default: ['orders', 'reporting'] },
        databases: { default: { orders: { sku: 'small' } } },
        kv_secrets: { default: { pg: { name: 'pg-admin', content_type: 'password' } } },
        extra: { default: {} },
        pws: { default: { app: SECRET } },
        creds: { default: { app: { password: SECRET, login: 'app' } } },
      };
      stack.locals = locals;
      stack.resource.random_password = { db: { for_each: '${toset(["app", "reporting"])}', length: 32 }, kept: { length: 32, keepers: { note: SECRET } } };
      return stack;
    };
    test.each<[string, object, object?]>([
      ['the results of a generator for each key', { secrets_value: '${{for k, v in random_password.db : k => v.result}}' }],
      ['the same through a local', { secrets_value: '${local.values}' }, { values: '${{for k, v in random_password.db : k => v.result}}' }],
      ['a generator made for each key, whole', { secrets_value: '${random_password.db}' }],
      ['settings made for each database of a variable', { secrets: '${{for k, v in var.databases : k => {name = "${k}-password", content_type = "password"}}}' }],
      ['names made for each item of a list', { secrets: '${{for k in var.dbs : k => {name = "${k}-password"}}}' }],
      ['two maps of settings merged', { secrets: '${merge(var.kv_secrets, var.extra)}' }],
    ])('a Key Vault lookup beside a module given %s passes', (_, inputs, locals = {}) => {
      expect(evaluated(withMade(inputs, locals))).toEqual(ALL_PASS);
    });
    test.each<[string, object]>([
      ['the items of a variable of secrets', { secrets_value: '${{for k, v in var.pws : k => v}}' }],
      ['an attribute of each item of a variable', { secrets_value: '${{for k, v in var.creds : k => v.password}}' }],
      ['the items of a list made from a variable', { secrets_value: '${[for p in var.pws : p]}' }],
      ['a literal merged into a map of secrets', { secrets_value: `\${merge(var.extra, {app = "${SECRET}"})}` }],
      ['a variable of secrets merged', { secrets_value: '${merge(var.extra, var.pws)}' }],
      ['a generator whole whose keepers hold literal text', { secrets_value: '${random_password.kept}' }],
    ])('a Key Vault lookup beside a module given %s fails every password rule', (_, inputs) => {
      expect(evaluated(withMade(inputs))).toEqual(ALL_FAIL);
    });
  });
  test('a Key Vault lookup may find what a module stores from a variable it is given (58th run, A58a-2)', () => {
    const stack = withModule('${data.azurerm_key_vault_secret.k.value}', { key_vault_id: '${var.kv}', secret_name: 'admin', db: '${var.creds.password}' }, lookup) as unknown as { variable: object };
    stack.variable = { ...(stack as unknown as { variable?: object }).variable, creds: { default: { password: SECRET } } };
    expect(evaluated(stack)).toEqual(ALL_FAIL);
  });
  test.each<[string, object]>([
    // 59th run: settings from a variable under a secret's name (A59a-8), a secret block's name (A59a-9), a Key Vault reference
    // built from references (A59a-10), a secret's name from a local (A59a-11).
    ['a map of secrets\' settings from a variable', { secrets: '${var.kv_secrets}' }],
    ['a Key Vault secret\'s name and tags', { pointer: '${azurerm_key_vault_secret.w.name}', labels: '${azurerm_key_vault_secret.w.tags}' }],
    ['a Key Vault reference built from references', { app_settings: { DB_PASSWORD: '@Microsoft.KeyVault(SecretUri=${var.location})' } }],
    ['a secret\'s name from a local', { secret_name: '${local.pg_secret}' }],
    ['an ID given in a map of secrets from a variable', { plaintext_secrets: { AZURE_SUBSCRIPTION_ID: '${var.location}' } }],
    ['a server parameter\'s name and value', { name: 'log_connections', value: 'on' }],
    ['a value from a variable that is no secret', { value: '${var.location}' }],
  ])('a Key Vault lookup in a stack with a module given %s passes (58th run, A58a-10)', (_, inputs) => {
    const stack = withModule('${data.azurerm_key_vault_secret.k.value}', inputs, lookup) as unknown as { variable: object };
    const withAll = stack as unknown as { variable: object; locals: object; resource: { [type: string]: object } };
    withAll.variable = { ...withAll.variable, location: { default: 'westeurope' }, kv_secrets: { default: { db: { name: 'pg-admin', content_type: 'password' } } } };
    withAll.locals = { pg_secret: 'pg-admin-password' };
    withAll.resource.azurerm_key_vault_secret = { w: { name: 'other', key_vault_id: '${var.kv}', value: '${random_password.n.result}', tags: { owner: 'db' } } };
    expect(evaluated(stack)).toEqual(ALL_PASS);
  });
  test.each<[string, object, object, object?]>([
    ['another module\'s output given no secret', { input: '${module.a.out}' }, { a: { source: './a', location: 'westeurope', password: '${random_password.n.result}' } }],
    ['a variable whose default is no secret', { location: '${var.location}', settings: '${var.settings}' }, {}, { location: { default: 'westeurope' }, settings: { default: { sku: 'B1ms', name: 'x' } } }],
    ['a secret\'s settings in a map of them', { secrets: { db: { name: 'db-password', expiration_date: '2027-01-01T00:00:00Z', role_assignments: { r: { condition: 'x' } } } } }, {}],
  ])('its output, given %s, passes', (_, inputs, others, variables = {}) => {
    expect(evaluated(withModules(inputs, others, variables))).toEqual(ALL_PASS);
  });
});

// 54th run (noted by the 52nd): a role made for each item of a variable, its password the item's (`for_each = var.roles`,
// `password = each.value.password`), reads the variable's items, as a Key Vault secret made so does (A50a-6).
describe('through evaluateStack: a block\'s own each.value over a variable (54th run)', () => {
  const roles = (password: string, variables: object) => {
    const stack = databaseStack({ postgresql_role: { app: passwordRole('${each.key}', { for_each: '${var.roles}', password }) } }) as unknown as { variable: object };
    stack.variable = variables;
    return stack;
  };
  const judged = (stack: object) => evaluateStack(stack, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PGD-IAM-2').map((finding) => [finding.status, finding.message]);
  test.each([
    ['each.value', { roles: { type: 'map(string)', sensitive: true } }],
    ['each.value.password', { roles: { type: 'map(object({password = string}))', sensitive: true } }],
    ['each.value, a default without passwords', { roles: { type: 'map(string)', default: {} } }],
  ])('%s passes', (password, variables) => {
    expect(judged(roles(`\${${password.split(',')[0]}}`, variables))).toEqual([['pass', undefined]]);
  });
  test.each([
    ['each.value', { roles: { type: 'map(string)', default: { app: SECRET } } }, 'var.roles[*]'],
    ['each.value.password', { roles: { type: 'map(object({password = string}))', default: { app: { password: SECRET } } } }, 'var.roles[*].password'],
    ['each.value.password', { roles: { type: `map(object({password = optional(string, "${SECRET}")}))`, default: { app: {} } } }, 'var.roles[*].password'],
  ])('%s over a literal default fails', (password, variables, read) => {
    expect(judged(roles(`\${${password}}`, variables))).toEqual([['fail', `postgresql_role.app: password reads ${read}, a variable given literal text by its default or a variable file, so the password may be written in the configuration.`]]);
  });
});

// 55th run (A55a-7): a module's output read as a whole conninfo may be a secret it is given, not a connection text.
describe('through evaluateStack: a conninfo read whole from a module\'s output (55th run)', () => {
  const subscription = (password: string) => {
    const stack = databaseStack({ postgresql_subscription: { sub: { name: 'sub', database: 'app', publications: ['p'], conninfo: '${module.m.conninfo}' } } }) as unknown as { module: object };
    stack.module = { m: { source: './conninfo', host: 'pub', password } };
    return stack;
  };
  const verdicts = (stack: object) => evaluateStack(stack, ALL_RULES).findings.filter((finding) => finding.ruleId === 'PGD-IAM-15').map((finding) => finding.status);
  test('the module given a literal password fails', () => {
    expect(verdicts(subscription(SECRET))).toEqual(['fail']);
  });
  test.each(['trimspace', 'lower', 'tostring', 'nonsensitive'])('the module given a literal password, its output under %s, fails (56th run, A56a-3)', (call) => {
    const stack = subscription(SECRET) as unknown as { resource: { postgresql_subscription: { sub: { conninfo: string } } } };
    stack.resource.postgresql_subscription.sub.conninfo = `\${${call}(module.m.conninfo)}`;
    expect(verdicts(stack)).toEqual(['fail']);
  });
  test('the module given a variable passes', () => {
    expect(verdicts(subscription('${var.p}'))).toEqual(['pass']);
  });
});
