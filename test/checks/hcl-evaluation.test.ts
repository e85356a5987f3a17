import { evaluateJson, evaluateTemplate, isUnknown, NO_LOCALS, Scope, Unknown, Value } from '../../lib/checks/hcl-expression';

// Terraform's operators, functions, conversions and syntax, as the checks evaluate them (the
// basics are in hcl-expression.test.ts). What they cannot evaluate stays Unknown, and an Unknown
// keeps every reference it reads: the stack model attaches a child to its server through them.

/** What a value reads as: the value itself, or "unknown <references>". */
function read(text: string, scope: Scope = NO_LOCALS): unknown {
  const value = evaluateTemplate(text, scope);
  return isUnknown(value) ? `unknown ${value.references.join(' ')}`.trim() : value;
}

const SERVER_ID = 'azurerm_postgresql_flexible_server.db.id';
const RAW_LOCALS: { [name: string]: unknown } = {
  block: '${azurerm_key_vault_secret.s}',
  blocks: ['${terraform_data.t}'],
  server: `\${${SERVER_ID}}`,
  servers: [`\${${SERVER_ID}}`, 'literal-id'],
  list: ['a', 'b'],
  flag: true,
};
const LOCALS: Scope = { local: (name) => (name in RAW_LOCALS ? evaluateJson(RAW_LOCALS[name], LOCALS) : undefined) };

describe('operators', () => {
  test.each<[string, Value]>([
    ['${1 < 2}', true],
    ['${2 < 2}', false],
    ['${2 > 1}', true],
    ['${2 > 2}', false],
    ['${2 <= 2}', true],
    ['${3 <= 2}', false],
    ['${2 >= 2}', true],
    ['${1 >= 2}', false],
    ['${1 + 2 * 3}', 7],
    ['${10 - 2 - 3}', 5],
    ['${6 / 3}', 2],
    ['${"35" + 1}', 36],
    ['${"a" == "a"}', true],
    ['${"1" != 1}', true],
    ['${false || true && false}', false],
    ['${"true" && "1"}', true],
    ['${!"false"}', true],
    ['${-(2)}', -2],
  ])('%s', (text, expected) => {
    expect(evaluateTemplate(text, NO_LOCALS)).toEqual(expected);
  });

  test.each(['${"35x" + 1}', '${"x35" + 1}', '${"abc" < 1}', '${"yes" || false}', '${null && true}', '${true + 1}', '${1 / 0}', '${1 % 0}'])('%s cannot be converted: unknown', (text) => {
    expect(read(text)).toBe('unknown');
  });
});

describe('functions', () => {
  test.each<[string, Value]>([
    ['${tostring(null)}', null],
    ['${tonumber(null)}', null],
    ['${tobool(null)}', null],
    ['${tobool("0")}', false],
    ['${tobool("true")}', true],
    ['${join("-", ["a"], ["b", "c"])}', 'a-b-c'],
    ['${join(",", [])}', ''],
    ['${replace("a/b", "/", "-")}', 'a-b'],
    ['${replace("a/xb", "/x", "")}', 'ab'],
    ['${replace("ax/b", "x/", "")}', 'ab'],
    ['${coalesce(null, "x")}', 'x'],
    ['${coalesce("a", "b")}', 'a'],
    ['${distinct(["a", "b", "a"])}', ['a', 'b']],
    ['${element(["x", "y", "z"], 1)}', 'y'],
    ['${upper(true)}', 'TRUE'],
    // merge() of objects, one level deep, later arguments first, nulls skipped (eighteenth review, A18a-1).
    ['${merge({a = 1, p = {x = 1}}, null, {b = "x"}, {p = {y = 2}})}', { a: 1, p: { y: 2 }, b: 'x' }],
    ['${merge()}', {}],
  ])('%s', (text, expected) => {
    expect(evaluateTemplate(text, NO_LOCALS)).toEqual(expected);
  });

  test.each(['${tobool("yes")}', '${element([], 0)}', '${coalesce("", null)}', '${concat("a")}', '${lower(["a"])}', '${concat(var.lists...)}', '${merge({a = 1}, [1])}', '${merge("a")}'])('%s cannot be evaluated: unknown', (text) => {
    expect(String(read(text))).toMatch(/^unknown/);
  });

  test('jsonencode() is known only later, keeping the value it encodes; merge() over a part known later keeps what its objects give', () => {
    const encoded = evaluateTemplate('${jsonencode({a = var.x, b = [1]})}', NO_LOCALS) as Unknown;
    expect([isUnknown(encoded), encoded.references, JSON.parse(JSON.stringify(encoded.encodes))]).toEqual([true, ['var.x'], { a: '${var.x}', b: [1] }]);
    const merged = evaluateTemplate('${merge({a = 1, b = 1}, var.x, {b = 2})}', NO_LOCALS) as Unknown;
    expect([isUnknown(merged), merged.references, merged.partly, merged.encodes]).toEqual([true, ['var.x'], { a: 1, b: 2 }, undefined]);
    expect((evaluateTemplate('${lower(var.x)}', NO_LOCALS) as Unknown).partly).toBeUndefined();
  });
});

describe('syntax', () => {
  test.each<[string, Value]>([
    ['${["a", "b",]}', ['a', 'b']],
    ['${[ "a" , "b" ]}', ['a', 'b']],
    ['${[]}', []],
    ['${{a = 1, b = 2}.b}', 2],
    ['${{}}', {}],
    ['${ lower( "A" , ) }', 'a'],
    ['${lower("A")}${upper("b")}', 'aB'],
    ['a\\${"x"}', 'a\\x'],
    ['${"\\t\\r\\\\"}', '\t\r\\'],
    ['${"\\U0001F600"}', '\u{1F600}'],
    ['${["a", "b"][1]}', 'b'],
    ['${{ "k" = { "n" = 5 } }.k.n}', 5],
    ['a  b  ${~ "x"}', 'a  bx'],
    ['${"x"} y', 'x y'],
  ])('%s', (text, expected) => {
    expect(evaluateTemplate(text, NO_LOCALS)).toEqual(expected);
  });

  test.each(['${"a\\qb"}', '${{a 1}}', '${{"${var.k}" = 1}}', '${["a"][5]}', '${{a = 1}.b}', '${"abc"[0]}', '${[1}', '${(1}', '${lower("a"}', '${var.list[*].id}', '${{for k, v in var.m : k => v}}', '${["a" "b"]}', '${lower("a" "b")}', '${"\\q\\u0041"}', '${["a"]["length"]}', '${null[0]}', '${@x}'])('%s cannot be evaluated: unknown', (text) => {
    expect(String(read(text))).toMatch(/^unknown/);
  });
});

describe('numbers and values written into text', () => {
  test.each<[string, Value]>([
    ['${false}x', 'falsex'],
  ])('%s', (text, expected) => {
    expect(evaluateTemplate(text, NO_LOCALS)).toEqual(expected);
  });

  test.each(['${[1]}x', '${null}x', '${{a = 1}}x'])('%s: a list, null or an object cannot be written into text: unknown', (text) => {
    expect(read(text)).toBe('unknown');
  });
});

// Outside the exactly-evaluated subset (safe integers computed, compared and printed; scalars
// compared): Terraform's value may differ from what JavaScript computes, so these are unknown.
test.each([
  '${7 / 2}', '${[1, "a"] == [1, "a"]}', '${" 35 " + 1}', '${1e3}', '${1e+3}', '${"1.55" + 0}', '${"1e3" + 0}', '${"1e+3" + 0}', '${"2e10" + 0}',
  '${1e21}x', '${-1e21}x', '${0.0000001}x', '${0.1}x', '${1.5}x',
])('%s is outside the exactly-evaluated subset: unknown', (text) => {
  expect(read(text)).toBe('unknown');
});

describe('an Unknown keeps the references it reads and how it is written', () => {
  test.each<[string, string]>([
    ['x${local.server}', `unknown ${SERVER_ID}`],
    ['${var.c ? local.server : "x"}', `unknown var.c ${SERVER_ID}`],
    ['${local.flag ? local.server : "x"}', `unknown ${SERVER_ID}`],
    ['${lower(local.server)}', `unknown ${SERVER_ID}`],
    ['${local.server == "x"}', `unknown ${SERVER_ID}`],
    ['${!local.server}', `unknown ${SERVER_ID}`],
    ['${-local.server}', `unknown ${SERVER_ID}`],
    ['${local.servers[var.i]}', `unknown var.i ${SERVER_ID}`],
    ['${local.list[var.i]}', 'unknown var.i'],
    ['${local.list[1]}', 'b'],
    ['${local.servers[0]}', `unknown ${SERVER_ID}`],
    ['${[local.server][var.i]}', `unknown var.i ${SERVER_ID}`],
    ['${var.list[0]}', 'unknown var.list[0]'],
    ['${var.map["a"]}', 'unknown var.map["a"]'],
    ['${var.list[var.i]}', 'unknown var.list[?]'],
    ['${var.list.0}', 'unknown var.list.0'],
    ['${azurerm_postgresql_flexible_server.db[*].id[0]}', 'unknown azurerm_postgresql_flexible_server.db[*].id[0]'],
    // A `for` symbol's attribute is the item's, no reference of its own (30th run, A30a-2): the collection is what it reads.
    ['${[for s in azurerm_postgresql_flexible_server.db : s.id][0]}', 'unknown azurerm_postgresql_flexible_server.db'],
    ['%{if var.a}${var.a}%{endif}', 'unknown var.a'],
    ['%{if var.m["key"].on}x%{endif}', 'unknown var.m["key"].on'],
    ['${join(local.server, ["a"])}', `unknown ${SERVER_ID}`],
    // A step after a plain reference known whole keeps it, as the traversal written whole reads (45th run, A45b-1).
    ['${local.server[0]}', `unknown ${SERVER_ID}[0]`],
    ['${local.block.value}', 'unknown azurerm_key_vault_secret.s.value'],
    ['${local.block["value"]}', 'unknown azurerm_key_vault_secret.s["value"]'],
    ['${local.block[var.k]}', 'unknown azurerm_key_vault_secret.s[?]'],
    ['${local.blocks[0].output}', 'unknown terraform_data.t.output'],
    ['${[for b in [local.block] : b.value][0]}', 'unknown azurerm_key_vault_secret.s.value'],
    ['${(azurerm_key_vault_secret.s).value}', 'unknown azurerm_key_vault_secret.s.value'],
    ['${[null, local.server][var.i]}', `unknown var.i ${SERVER_ID}`],
    ['${var.c ? [local.server] : []}', `unknown var.c ${SERVER_ID}`],
  ])('%s', (text, expected) => {
    expect(read(text, LOCALS)).toBe(expected);
  });

  // 60th run, A60a-6: a path into a `for` symbol over a collection known only later stays written whole in its items (`v.result`, not
  // `v`), reading what the collection reads, so a reader binds it to the collection's items.
  test.each<[string, string, readonly string[]]>([
    ['${{for k, v in random_password.db : k => v.result}}', 'v.result', ['random_password.db']],
    ['${[for p in var.pws : p.a["b"]]}', 'p.a["b"]', ['var.pws']],
    ['${[for p in var.pws : p]}', 'p', ['var.pws']],
  ])('the item of %s is written %s', (text, item, references) => {
    const made = evaluateTemplate(text, NO_LOCALS) as Unknown;
    const [only] = made.items ?? [];
    expect(isUnknown(only) ? [only.expression, only.references] : only).toEqual([item, references]);
  });

  test.each<[string, string]>([
    ['%{if var.a}on%{endif}', '%{if var.a}on%{endif}'],
    ['${lower(var.x)}', '${lower(var.x)}'],
    ['${!var.x}', '${!var.x}'],
    ['${-var.n}', '${-var.n}'],
    ['${var.c ? "on" : "off"}', '${var.c ? "on" : "off"}'],
    ['${"a${var.x}"}', 'a${var.x}'],
    ['${["a", "b"][var.i]}', '${["a", "b"][var.i]}'],
    ['${var.a == 1 }', '${var.a == 1}'],
  ])('%s prints as %s', (text, printed) => {
    expect(String(evaluateTemplate(text, NO_LOCALS))).toBe(printed);
  });

  test.each(['${var.list.10}', '${var.x}', '${local.server}'])('%s is a plain reference', (text) => {
    expect((evaluateTemplate(text, LOCALS) as Unknown).isPlainReference).toBe(true);
  });

  test.each(['${!var.x}', '${-var.n}', '${["a", "b"][var.i]}', '${local.list[var.i]}', '${var.x == 1}'])('%s is an expression around a reference, not a plain reference', (text) => {
    expect((evaluateTemplate(text, LOCALS) as Unknown).isPlainReference).toBe(false);
  });
});
