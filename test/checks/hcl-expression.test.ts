import { evaluateJson, evaluateTemplate, isUnknown, iterationOver, NO_LOCALS, readsIterator, Scope, Unknown, Value, withIterator } from '../../lib/checks/hcl-expression';
import { splatStepsEnd } from '../../lib/checks/traversal-text';

/** What a value reads as: the value itself, or "unknown <references>". */
function read(text: string, scope: Scope = NO_LOCALS): unknown {
  const value = evaluateTemplate(text, scope);
  return isUnknown(value) ? `unknown ${value.references.join(' ')}`.trim() : value;
}

describe('constants are evaluated as Terraform evaluates them', () => {
  test.each<[string, Value]>([
    ['on', 'on'],
    ['${true}', true],
    ['${false}', false],
    ['${null}', null],
    ['${35}', 35],
    ['${-3}', -3],
    ['${"off"}', 'off'],
    ['${"TLSv1"}', 'TLSv1'],
    ['${ "a" }${ "b" }', 'ab'],
    ['a${1 + 2}b', 'a3b'],
    ['${"${"nested"}"}', 'nested'],
    ['${"a\\"b\\n"}', 'a"b\n'],
    ['${"\\u0041"}', 'A'],
    ['$${var.x}', '${var.x}'],
    ['%%{if}', '%{if}'],
    [' ${~ "x" ~} y', 'xy'],
    ['${!false}', true],
    ['${true && false}', false],
    ['${true || false}', true],
    ['${1 == "1"}', false],
    ['${"a" != "b"}', true],
    ['${2 >= 1}', true],
    ['${7 % 4 * 2 - 1}', 5],
    ['${true ? "on" : "off"}', 'on'],
    ['${false ? "on" : "off"}', 'off'],
    ['${lower("OFF")}', 'off'],
    ['${upper("on")}', 'ON'],
    ['${trimspace("  on ")}', 'on'],
    ['${tostring(7)}', '7'],
    ['${tobool("1")}', true],
    ['${tobool("false")}', false],
    ['${tonumber("35")}', 35],
    ['${join(",", ["ddl", "role"])}', 'ddl,role'],
    ['${join(",", distinct(concat(["a"], ["a", "b"])))}', 'a,b'],
    ['${split(",", "a,b")[1]}', 'b'],
    ['${element(["x", "y"], 3)}', 'y'],
    ['${replace("on-off", "-off", "")}', 'on'],
    ['${coalesce("", "on")}', 'on'],
    ['${["a", "b"][0]}', 'a'],
    ['${{ a = "on" }.a}', 'on'],
    ['${{ "a" : "on" }["a"]}', 'on'],
    ['${(1 + 1) * 3}', 6],
    ['${true}x', 'truex'],
    ['${7.50}', 7.5],
    // Naming functions (A8-9).
    ['${format("%s-db", "orders")}', 'orders-db'],
    ['${format("%s-%d-%s", "orders", 2, true)}', 'orders-2-true'],
    ['${format("%d%%", "35")}', '35%'],
    ['${format("no verbs")}', 'no verbs'],
    ['${lookup({ db = "orders-db" }, "db", "x")}', 'orders-db'],
    ['${lookup({ db = "orders-db" }, "other", "x")}', 'x'],
    ['${lookup({ db = "orders-db" }, "db")}', 'orders-db'],
    ['${trimprefix("rg-orders", "rg-")}', 'orders'],
    ['${trimprefix("orders", "rg-")}', 'orders'],
    ['${trimsuffix("orders-db", "-db")}', 'orders'],
    ['${trimsuffix("orders", "")}', 'orders'],
  ])('%s', (text, expected) => {
    expect(evaluateTemplate(text, NO_LOCALS)).toEqual(expected);
  });
});

describe('what is known only later is Unknown, with the references it reads', () => {
  test.each<[string, string]>([
    ['${var.x}', 'unknown var.x'],
    ['${azurerm_postgresql_flexible_server.db.id}', 'unknown azurerm_postgresql_flexible_server.db.id'],
    ['${azurerm_postgresql_flexible_server.db[0].id}', 'unknown azurerm_postgresql_flexible_server.db[0].id'],
    ['${lower(azurerm_postgresql_flexible_server.db.id)}', 'unknown azurerm_postgresql_flexible_server.db.id'],
    ['${var.c ? "on" : "off"}', 'unknown var.c'],
    ['${true ? var.a : "off"}', 'unknown var.a'],
    ['P@ss${var.suffix}', 'unknown var.suffix'],
    ['${each.value.start}', 'unknown each.value.start'],
    ['${data.azurerm_postgresql_flexible_server.x.id}', 'unknown data.azurerm_postgresql_flexible_server.x.id'],
    ['${[for x in var.l : x]}', 'unknown var.l'],
    ['${var.list.*.id}', 'unknown var.list'],
    ['${base64decode("b24=")}', 'unknown'],
    ['%{if true}on%{endif}', 'unknown'],
    ['%{for x in var.l}${x}%{endfor}', 'unknown var.l'],
    ['x${null}', 'unknown'],
    ['${local.missing}', 'unknown local.missing'],
    ['${"unterminated}', 'unknown'],
    ['${1 +}', 'unknown'],
    ['${replace("on", "/o/", "")}', 'unknown'],
    // format and lookup where Terraform refuses the call, or where the result is not evaluated (A8-9).
    ['${format("%s-%s", "orders")}', 'unknown'],
    ['${format("%s", "orders", "db")}', 'unknown'],
    ['${format("%5s", "db")}', 'unknown'],
    ['${format("%v", "db")}', 'unknown'],
    ['${format("%d", "x")}', 'unknown'],
    ['${format("%s", null)}', 'unknown'],
    ['${format("%s", ["a"])}', 'unknown'],
    ['${format("50%")}', 'unknown'],
    ['${format("%s-db", var.team)}', 'unknown var.team'],
    ['${lookup({ db = "orders-db" }, "other")}', 'unknown'],
    ['${lookup(["a"], "0", "x")}', 'unknown'],
    ['${lookup({ db = "orders-db" }, "db", "x", "y")}', 'unknown'],
    ['${lookup(var.map, "db", "x")}', 'unknown var.map'],
    // Names every object inherits are no functions or attributes (Terraform: unknown function, no such attribute).
    ['${valueOf()}', 'unknown'],
    ['${toString()}', 'unknown'],
    ['${constructor("on")}', 'unknown'],
    ['${hasOwnProperty("x")}', 'unknown'],
    ['${{ a = 1 }["constructor"]}', 'unknown'],
    ['${{ a = 1 }.toString}', 'unknown'],
  ])('%s', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  test('prints as written, so messages show the expression', () => {
    expect(JSON.stringify(evaluateTemplate('${var.x}', NO_LOCALS))).toBe('"${var.x}"');
    expect(String(evaluateTemplate('P@ss${var.suffix}', NO_LOCALS))).toBe('P@ss${var.suffix}');
  });

  test('knows a plain reference from an expression around one', () => {
    expect((evaluateTemplate('${var.x}', NO_LOCALS) as Unknown).isPlainReference).toBe(true);
    expect((evaluateTemplate('${lower(var.x)}', NO_LOCALS) as Unknown).isPlainReference).toBe(false);
    expect((evaluateTemplate('x${var.x}', NO_LOCALS) as Unknown).isPlainReference).toBe(false);
  });

  // Plain references skip the parser: these are read as the parser reads them.
  test.each<[string, string, boolean]>([
    ['${postgresql_role.orders-db-0_Role_1.name}', 'postgresql_role.orders-db-0_Role_1.name', true],
    ['${var.x-1}', 'var.x-1', true],
    ['${var}', 'var', true],
    ['${ var.x }', 'var.x', true],
    ['${var.x}}', 'var.x', false],
    ['${true.x}', 'true.x', false],
    ['${null.x}', 'null.x', false],
  ])('%s reads %s, plain: %s', (text, reference, plain) => {
    const value = evaluateTemplate(text, NO_LOCALS) as Unknown;
    expect(value.references).toEqual([reference]);
    expect(value.isPlainReference).toBe(plain);
  });
});

describe('locals', () => {
  const raw: { [name: string]: unknown } = {
    on: 'on',
    off: '${"off"}',
    public: true,
    server: '${azurerm_postgresql_flexible_server.db.id}',
    chained: '${local.off}',
    settings: { tls: 'TLSv1.2' },
  };
  const scope: Scope = {
    local: (name) => (name in raw ? evaluateJson(raw[name], scope) : undefined),
  };

  test('a local that is a constant is the constant', () => {
    expect(read('${local.on}', scope)).toBe('on');
    expect(read('${local.off}', scope)).toBe('off');
    expect(read('${local.chained}', scope)).toBe('off');
    expect(read('${local.public}', scope)).toBe(true);
    expect(read('${local.settings.tls}', scope)).toBe('TLSv1.2');
  });

  test('a local that holds a reference is that reference', () => {
    expect(read('${local.server}', scope)).toBe('unknown azurerm_postgresql_flexible_server.db.id');
    expect((evaluateTemplate('${local.server}', scope) as Unknown).isPlainReference).toBe(true);
  });

  test('a template known only later spells its constant parts as text, escaped, and keeps the rest as written', () => {
    const local = (name: string) => ({ suffix: '.database.azure.com', dollar: 'a${x}', n: 5 } as { [name: string]: Value })[name];
    const withConstants: Scope = { local };
    const spell = (text: string) => (evaluateTemplate(text, withConstants) as Unknown).spelling;
    expect(spell('${var.p}${local.suffix}')).toBe('${var.p}.database.azure.com');
    expect(spell('${var.p}-${local.n}${ "x" }')).toBe('${var.p}-5x');
    expect(spell('${local.dollar}${format("%s.a", var.p)}')).toBe('a$${x}${format("%s.a", var.p)}');
    expect(spell('a$${b}${var.p}')).toBe('a$${b}${var.p}');
    // What is shown stays as written.
    expect(String(evaluateTemplate('${var.p}${local.suffix}', withConstants))).toBe('${var.p}${local.suffix}');
    expect(new Unknown('var.x', ['var.x']).spelling).toBe('${var.x}');
  });
});

test('lists and objects are evaluated item by item', () => {
  expect(evaluateJson({ a: ['${true}', { b: '${"x"}' }], c: 1, d: null }, NO_LOCALS)).toEqual({ a: [true, { b: 'x' }], c: 1, d: null });
});

// 95th run, A95a-5: an object with a name known only later is Unknown, each member read: a reader of names (an azapi identity map's
// keys are IDs) reads each name, and every name's references are the object's, not only those up to the first unread name.
test('an object with a name known only later keeps each member, name and value, and every name\'s references', () => {
  const object = evaluateJson({ 'lit': 1, '/x/${var.a}': '${var.v}', '${var.b}': 2 }, NO_LOCALS);
  expect(isUnknown(object)).toBe(true);
  const { members, references } = object as Unknown;
  expect(members?.map((member) => member.map((each) => (isUnknown(each) ? `Unknown ${String(each)}` : each)))).toEqual([['lit', 1], ['Unknown /x/${var.a}', 'Unknown ${var.v}'], ['Unknown ${var.b}', 2]]);
  expect([...references].sort()).toEqual(['var.a', 'var.b', 'var.v']);
  expect((evaluateJson({ a: 1 }, NO_LOCALS) as unknown as Unknown).members).toBeUndefined();
});

describe('iterators (each, a dynamic block\'s): iterationOver and withIterator (A11b-9)', () => {
  const scope = withIterator(NO_LOCALS, 'each', iterationOver({ orders: new Unknown('azurerm_x.a.id', ['azurerm_x.a.id']) }, 'each'));

  test('one item: each.key and each.value are its key and value', () => {
    expect(evaluateTemplate('${each.key}', scope)).toBe('orders');
    expect(evaluateTemplate('${each.value}', scope)).toEqual(new Unknown('azurerm_x.a.id', ['azurerm_x.a.id']));
    expect(evaluateTemplate('${each.value}', NO_LOCALS)).toEqual(new Unknown('each.value', ['each.value']));
  });

  test('several items: a value that may be any of them, holding every reference; the same value when all are alike', () => {
    const items = [new Unknown('azurerm_x.a.id', ['azurerm_x.a.id']), 'lit', new Unknown('azurerm_x.b.id', ['azurerm_x.b.id'])];
    const several = iterationOver(items, 'each');
    // It knows the items it may be (A18a-5): expression-readings.ts reads each.
    expect(several.value).toEqual(new Unknown('each.value', ['azurerm_x.a.id', 'azurerm_x.b.id'], undefined, items));
    expect(iterationOver(['same', 'same'], 'each')).toEqual({ key: 'same', value: 'same' });
    expect(iterationOver(new Unknown('var.m', ['var.m']), 'it')).toEqual({ key: new Unknown('it.key', ['var.m']), value: new Unknown('it.value', ['var.m']) });
    expect(iterationOver(7, 'each').value).toEqual(new Unknown('each.value', []));
  });

  test('an object value is indexed by attribute and key; another iterator\'s name and locals stay as they were', () => {
    const objects = withIterator({ local: (name) => (name === 'x' ? 1 : undefined) }, 'it', iterationOver({ a: { sid: 's1' } }, 'it'));
    expect(evaluateTemplate('${it.value.sid}', objects)).toBe('s1');
    expect(evaluateTemplate('${it.value["sid"]}', objects)).toBe('s1');
    expect(evaluateTemplate('${each.value}', objects)).toEqual(new Unknown('each.value', ['each.value']));
    expect(evaluateTemplate('${local.x}', objects)).toBe(1);
  });
});

describe('what a value known only later may be (eighteenth review, A18a-5)', () => {
  const scope: Scope = { local: (name) => (name === 'm' ? { prod: 'p', dev: 'd' } : name === 'l' ? ['a', 'b'] : undefined) };
  const choices = (text: string) => (evaluateTemplate(text, scope) as Unknown).choices;
  test('a conditional, an index by a variable, lookup/element/coalesce over constants are each of their items', () => {
    expect(choices('${var.c ? "x" : var.y}')).toEqual(['x', expect.any(Unknown)]);
    expect(choices('${local.m[var.env]}')).toEqual(['p', 'd']);
    expect(choices('${lookup(local.m, var.env, "z")}')).toEqual(['p', 'd', 'z']);
    expect(choices('${element(local.l, var.i)}')).toEqual(['a', 'b']);
    expect(choices('${coalesce(var.a, "x")}')).toEqual([expect.any(Unknown), 'x']);
    expect(choices('${upper(var.a)}')).toBeUndefined();
  });

  test('a function or a template of choices is each combination, evaluated; a part without choices leaves none', () => {
    const each: Scope = { ...scope, iterator: (name) => (name === 'each' ? iterationOver(['A', 'B'], 'each') : undefined) };
    expect((evaluateTemplate('${lower(each.value)}', each) as Unknown).choices).toEqual(['a', 'b']);
    expect((evaluateTemplate('${local.m[var.env]}/x', scope) as Unknown).choices).toEqual(['p/x', 'd/x']);
    expect((evaluateTemplate('${local.m[var.env]}/${var.y}', scope) as Unknown).choices).toBeUndefined();
    expect((evaluateTemplate('${lower(var.c ? var.a : "X")}', scope) as Unknown).choices).toBeUndefined();
  });

  test('an attribute of choices is each one\'s attribute; a choice without it leaves the choices as they were', () => {
    const envs: Scope = { local: (name) => (name === 'envs' ? { prod: { ws: 'w1', id: 'i1' }, dev: { ws: 'w2', id: 'i2' } } : undefined) };
    expect((evaluateTemplate('${local.envs[var.env].ws}', envs) as Unknown).choices).toEqual(['w1', 'w2']);
    expect((evaluateTemplate('${local.envs[var.env].nope}', envs) as Unknown).choices).toEqual([{ ws: 'w1', id: 'i1' }, { ws: 'w2', id: 'i2' }]);
  });

  test('values() in the order of the keys, toset() of strings sorted and distinct', () => {
    expect(read('${values(local.m)}', scope)).toEqual(['d', 'p']);
    expect(read('${toset(["b", "a", "b"])}', scope)).toEqual(['a', 'b']);
    expect(isUnknown(evaluateTemplate('${toset([1, 2])}', scope))).toBe(true);
  });
});

// A43b-2: the functions a count or for_each is computed with, computed as Terraform does over known values.
describe('length, min, max, abs, ceil, floor, keys, tolist, tomap over known values', () => {
  const locals: Scope = {
    local: (name) => ({ l: [], m: { b: 1, a: 2 }, n: 3, s: 'abc' } as { [name: string]: Value })[name],
  };
  test.each<[string, Value]>([
    ['${length([])}', 0],
    ['${length(["a", "b"])}', 2],
    ['${length(local.l)}', 0],
    ['${length(local.m)}', 2],
    ['${length({})}', 0],
    ['${length({ a = 1, b = [] })}', 2],
    ['${length(toset(["a", "a"]))}', 1],
    ['${length("")}', 0],
    ['${length(local.s)}', 3],
    ['${length("a\\r\\nb")}', 3],
    ['${length("a\\n\\rb")}', 4],
    ['${length([for x in local.l : x])}', 0],
    ['${length(concat(["a"], ["b"]))}', 2],
    ['${min(1, 0)}', 0],
    ['${min(3)}', 3],
    ['${min("2", 5)}', 2],
    ['${max(1, 0)}', 1],
    ['${max(-4, -2, -9)}', -2],
    ['${max(length(local.l), 0)}', 0],
    ['${abs(-3)}', 3],
    ['${abs(0)}', 0],
    ['${ceil(2)}', 2],
    ['${floor(local.n)}', 3],
    ['${keys(local.m)}', ['a', 'b']],
    ['${keys({})}', []],
    ['${tolist(["b", "a"])}', ['b', 'a']],
    ['${tolist(toset(["b", "a"]))}', ['a', 'b']],
    ['${tomap({ a = "x" })}', { a: 'x' }],
    ['${length(keys(local.m)) - 2}', 0],
    ['${length([]) > 0 ? 1 : 0}', 0],
  ])('%s is %j', (written, expected) => {
    expect(evaluateTemplate(written, locals)).toEqual(expected);
  });

  test('a list or object of items known only later has a known length and keys, as in Terraform', () => {
    expect(evaluateTemplate('${length([var.a, var.b])}', NO_LOCALS)).toBe(2);
    expect(evaluateTemplate('${keys({ x = var.a })}', NO_LOCALS)).toEqual(['x']);
  });

  test.each([
    ['${length(var.l)}', 'var.l'],
    ['${min(var.n, 0)}', 'var.n'],
    ['${max(1, local.u)}', 'local.u'],
    ['${abs(var.n)}', 'var.n'],
    ['${keys(var.m)}', 'var.m'],
    ['${tolist(var.s)}', 'var.s'],
    ['${length(merge({}, var.m))}', 'var.m'],
  ])('%s, reading a value known only later, is known only later with its parts', (written, reference) => {
    const value = evaluateTemplate(written, { local: (name) => (name === 'u' ? new Unknown('local.u', ['local.u']) : undefined) });
    expect(isUnknown(value)).toBe(true);
    expect((value as Unknown).references).toEqual([reference]);
  });

  test('choices known only later are computed each: length of a pick of two lists', () => {
    const value = evaluateTemplate('${length(var.on ? ["a"] : [])}', NO_LOCALS) as Unknown;
    expect(isUnknown(value)).toBe(true);
    expect(value.choices).toEqual([1, 0]);
  });

  test.each([
    // Terraform refuses these, or computes them by rules not read here: each is known only later, never a guess.
    '${length(null)}', '${length(3)}', '${length(true)}', '${length("é")}', '${min()}', '${max()}', '${min([1, 2])}', '${min("a", 1)}',
    '${ceil(1.5)}', '${floor("1.5")}', '${abs("x")}', '${keys(["a"])}', '${keys(null)}', '${tolist({ a = 1 })}', '${tolist(["a", 1])}',
    '${tomap(["a"])}', '${tomap({ a = "x", b = 1 })}', '${keys({ "é" = 1 })}', '${length()}',
  ])('%s is not evaluated', (written) => {
    expect(isUnknown(evaluateTemplate(written, NO_LOCALS))).toBe(true);
  });
});

// A19b-7: an item or attribute of a call's value known only later keeps its step, in what messages quote and in comparisons.
describe('a step after a call whose value is known only later', () => {
  test.each([
    ['${split("/", var.zone_id)[8]}', 'var.zone_id'],
    ['${reverse(split("/", var.zone_id))[0]}', 'var.zone_id'],
    ['${jsondecode(var.settings).zone}', 'var.settings'],
    ['${split("/", var.zone_id)}', 'var.zone_id'],
  ])('%s is quoted as written, reading %s', (written, reference) => {
    const value = evaluateTemplate(written, NO_LOCALS);
    expect(JSON.stringify(value)).toBe(JSON.stringify(written));
    expect(isUnknown(value) && value.references).toEqual([reference]);
  });

  test('two items of one value are two expressions', () => {
    const group = evaluateTemplate('${split("/", var.zone_id)[4]}', NO_LOCALS);
    const zone = evaluateTemplate('${split("/", var.zone_id)[8]}', NO_LOCALS);
    expect(isUnknown(group) && isUnknown(zone) && group.expression === zone.expression).toBe(false);
  });
});

// 30th run, A30a-2: `for` expressions over a collection the evaluator knows are read as Terraform reads them, so an inline
// `for_each = { for k in [...] : k => k }` is read as its items; otherwise a value known only later that reads what they read.
describe('for expressions', () => {
  const locals: Scope = { local: (name) => (name === 'l' ? [{ n: 'a', id: 'A' }, { n: 'b', id: 'B' }] : undefined) };
  test.each<[string, Value]>([
    ['${[for k in ["a", "b"] : upper(k)]}', ['A', 'B']],
    ['${[for i, k in ["a", "b"] : "${i}${k}"]}', ['0a', '1b']],
    ['${{ for k in ["a", "b"] : k => k }}', { a: 'a', b: 'b' }],
    ['${{for k, v in { b = "2", a = "1" } : v => k}}', { 1: 'a', 2: 'b' }],
    ['${[for k, v in { b = "2", a = "1" } : k]}', ['a', 'b']],
    ['${{ for k in ["a", "b", "c"] : k => k if k != "b" }}', { a: 'a', c: 'c' }],
    ['${{ for k in ["a", "b", "a"] : k => upper(k)... }}', { a: ['A', 'A'], b: ['B'] }],
    ['${{ for o in local.l : o.n => o.id }}', { a: 'A', b: 'B' }],
    ['${[for k in [] : k]}', []],
    ['${toset([for k in ["b", "a", "b"] : k])}', ['a', 'b']],
    ['${[for k in ["a"] : [for j in ["x", "y"] : "${k}${j}"]]}', [['ax', 'ay']]],
    ['${[for iffy in ["a"] : iffy]}', ['a']],
  ])('%s is %j', (text, value) => {
    expect(evaluateTemplate(text, locals)).toEqual(value);
  });

  test.each<[string, string]>([
    ['${[for k in var.l : k]}', 'unknown var.l'],
    ['${[for r in data.x.y.list : r.id][0]}', 'unknown data.x.y.list'],
    ['${{ for k in ["a", "a"] : k => k }}', 'unknown'],
    ['${{ for k in ["a"] : var.k => k }}', 'unknown var.k'],
    ['${[for k in ["a"] : k + 1]}', 'unknown'],
    ['${[for k in "ab" : k]}', 'unknown'],
  ])('%s is %s', (text, reading) => {
    expect(read(text, locals)).toBe(reading);
  });

  test('a condition known only later keeps any subset of its items (choices), read by iterators as any of them', () => {
    const value = evaluateTemplate('${{ for k in ["a", "b"] : k => k if var.on }}', NO_LOCALS) as Unknown;
    expect(value.references).toEqual(['var.on']);
    expect(value.choices).toEqual([{}, { a: 'a' }, { b: 'b' }, { a: 'a', b: 'b' }]);
    expect(iterationOver(value, 'each').value).toEqual(new Unknown('each.value', ['var.on'], undefined, ['a', 'b', 'a', 'b']));
    // More than three such items: known only later, without choices.
    expect((evaluateTemplate('${[for k in ["a", "b", "c", "d"] : k if var.on]}', NO_LOCALS) as Unknown).choices).toBeUndefined();
  });

  test('over a collection known only later whose choices are known: each choice\'s result; a conditional for_each is any item of its branches', () => {
    const value = evaluateTemplate('${[for k in (var.on ? ["a"] : ["b", "c"]) : upper(k)]}', NO_LOCALS) as Unknown;
    expect(value.choices).toEqual([['A'], ['B', 'C']]);
    const each = iterationOver(evaluateTemplate('${var.on ? toset(["a", "b"]) : toset([])}', NO_LOCALS), 'each');
    expect(each.value).toEqual(new Unknown('each.value', ['var.on'], undefined, ['a', 'b']));
    expect(iterationOver(evaluateTemplate('${var.on ? [] : []}', NO_LOCALS), 'each').value).toEqual(new Unknown('each.value', ['var.on']));
  });
});

// 32nd run, A32a-3: the evaluator bound an iterator's choices only to the spellings `each.key`/`each.value` (and `count.index`); the
// iterator read as an object (`(each).value`, `values(each)[1]`, `[each][0].value`, `merge(each).value`, `each[var.k]`) became a value
// that read no item. Terraform refuses `each`/`count` read whole at validate ("The "each" object cannot be accessed directly",
// internal/addrs/parse_ref.go parseSingleAttrRef), but a dynamic block's iterator is an object HCL binds whole (dynblock), and the
// evaluator does not validate: every reading of a bound iterator is an object whose key/value (count: index) carry its choices, and
// what the evaluator cannot follow reads what the iteration reads, never nothing.
describe('32nd run, A32a-3: an iterator read as an object carries the iteration\'s choices', () => {
  const one = withIterator(NO_LOCALS, 'each', iterationOver(['A'], 'each'));
  const several = withIterator(NO_LOCALS, 'each', iterationOver({ a: 'A', b: new Unknown('data.x.y.id', ['data.x.y.id']) }, 'each'));
  const spellings = ['(each).value', 'values(each)[1]', '[each][0].value', 'merge(each).value', '{ e = each }.e.value', 'lookup(each, "value")',
    'each["value"]', 'each .value', '(each)["value"]', '[for e in [each] : e.value][0]'];
  // Functions or forms the evaluator does not compute (on any value): a value known only later that reads what the iteration reads.
  const unread = ['try(each.value)', 'zipmap(keys(each), values(each)).value', 'concat([each])[0].value', 'one([each]).value', '(true ? each : null).value', 'one(each[*].value)'];

  test.each(spellings)('${%s} over one item is the item', (spelling) => {
    expect(evaluateTemplate(`\${${spelling}}`, one)).toBe('A');
  });

  test.each(spellings)('${%s} over several items may be any of them', (spelling) => {
    const value = evaluateTemplate(`\${${spelling}}`, several);
    expect(value).toEqual(expect.any(Unknown));
    expect((value as Unknown).choices).toEqual(['A', new Unknown('data.x.y.id', ['data.x.y.id'])]);
    expect((value as Unknown).references).toContain('data.x.y.id');
  });

  test.each(unread)('${%s}, not computed, reads what the iteration reads', (spelling) => {
    expect(evaluateTemplate(`\${${spelling}}`, one)).toEqual(expect.any(Unknown));
    expect((evaluateTemplate(`\${${spelling}}`, several) as Unknown).references).toContain('data.x.y.id');
    const over = withIterator(NO_LOCALS, 'each', iterationOver(new Unknown('var.l', ['var.l']), 'each'));
    expect((evaluateTemplate(`\${${spelling}}`, over) as Unknown).references).toContain('var.l');
  });

  test('the key is read the same way, a computed key may be the key or the value, the object is what Terraform\'s would be', () => {
    expect(evaluateTemplate('${(each).key}', one)).toBe('A');
    expect(evaluateTemplate('${values(each)[0]}', one)).toBe('A');
    expect(evaluateTemplate('${each}', one)).toEqual({ key: 'A', value: 'A' });
    const computed = evaluateTemplate('${each[var.k]}', withIterator(NO_LOCALS, 'each', iterationOver({ k: 'A' }, 'each')));
    expect((computed as Unknown).choices).toEqual(['k', 'A']);
    expect((computed as Unknown).references).toContain('var.k');
  });

  test('count and a dynamic block\'s iterator read whole alike', () => {
    const counted = withIterator(NO_LOCALS, 'count', { key: 0, value: 0 });
    expect(evaluateTemplate('${["x", "y"][(count).index]}', counted)).toBe('x');
    expect(evaluateTemplate('${values(count)[0]}', counted)).toBe(0);
    const dynamic = withIterator(NO_LOCALS, 'setting', iterationOver({ log: 'off' }, 'setting'));
    expect(evaluateTemplate('${(setting).value}', dynamic)).toBe('off');
    expect(evaluateTemplate('${merge(setting).key}', dynamic)).toBe('log');
  });

  test('readsIterator: any reading whose root is the iterator, not an attribute, a longer name or a quoted word', () => {
    for (const text of ['each.value', '(each).value', 'values(each)[1]', '[each][0].value', 'lookup(each, "value")', 'each[*].value[0]', '1-each.value', 'x ? each.key : "y"', '{ e = each }'])
      expect(readsIterator(text, 'each')).toBe(true);
    for (const text of ['var.each', 'local.m.each', 'foreach.value', 'each-1', 'my-each.value', 'lookup(var.m, "each")', 'data.x.each[0]'])
      expect(readsIterator(text, 'each')).toBe(false);
    expect(readsIterator('["a", "b"][(count).index]', 'count')).toBe(true);
  });

  test('unbound, a `for` symbol of that name, or an attribute the object has not: as before', () => {
    expect(evaluateTemplate('${(each).value}', NO_LOCALS)).toEqual(expect.any(Unknown));
    expect(evaluateTemplate('${[for each in ["z"] : each][0]}', one)).toBe('z');
    expect(evaluateTemplate('${each.nope}', one)).toEqual(new Unknown('each.nope', ['each.nope']));
  });
});

// 33rd run, A33a-1/2/4: a splat (`[*]`, `.*`) and a `%{for}`/`%{if}` directive were syntax the evaluator did not read: the template was
// read by its references alone, so what they computed over a local (the administrator's ID in an object list, or in halves a directive
// joins) was no part of it. They are now read as HCL does over a value the evaluator knows; over one known only later, as before.
describe('33rd run: splats and template directives over known values', () => {
  const raw: { [name: string]: Value } = { objs: [{ id: 'A', n: 1 }, { id: 'B', n: 2 }], o: { id: 'O' }, nested: [{ ids: ['x', 'y'] }], halves: ['ab', 'cd'], m: { b: 'B', a: 'A' }, nul: null };
  const scope: Scope = { local: (name) => raw[name] };
  test.each<[string, Value]>([
    ['${local.objs[*].id}', ['A', 'B']],
    ['${local.objs[ * ]["id"]}', ['A', 'B']],
    ['${local.o[*].id}', ['O']],
    ['${local.nested[*].ids[1]}', ['y']],
    ['${local.objs.*.id}', ['A', 'B']],
    ['${local.objs.*.id[1]}', 'B'],
    ['${[{ id = "x" }][*].id}', ['x']],
    ['${local.nul[*]}', []],
    ['${join(",", local.objs[*].id)}', 'A,B'],
  ])('%s is %j', (text, expected) => {
    expect(evaluateTemplate(text, scope)).toEqual(expected);
  });

  // A template with a directive stays known only later to every reader (names: A24a-4), what it computes one of its parts.
  test.each<[string, Value]>([
    ['%{for p in local.halves}${p}%{endfor}', 'abcd'],
    ['%{ for p in ["ab", "cd"] }${p}-%{ endfor }', 'ab-cd-'],
    ['%{for k, v in local.m}${k}=${v};%{endfor}', 'a=A;b=B;'],
    ['%{for i, p in local.halves}${i}${p}%{endfor}', '0ab1cd'],
    ['<%{ for p in local.halves ~}  ${p}  %{~ endfor }>', '<abcd>'],
    ['%{for p in []}${p}%{endfor}x', 'x'],
    ['%{if true}yes%{else}no%{endif}', 'yes'],
    ['%{if false}yes%{else}no%{endif}', 'no'],
    ['%{if false}yes%{endif}', ''],
    ['%{for p in local.halves}%{if p == "cd"}${p}%{endif}%{endfor}', 'cd'],
    ['${concat(["x"], ["%{for p in local.halves}${p}%{endfor}"])}', ['x', 'abcd']],
  ])('%s is known only later, computing %j among its parts', (text, computed) => {
    const value = evaluateTemplate(text, scope) as Unknown;
    expect(value).toEqual(expect.any(Unknown));
    expect(value.parts).toContainEqual(computed);
  });

  test('over a value known only later: a splat is read by its references; a directive reads its collection, its body a part', () => {
    expect(read('${var.l[*].id}', scope)).toBe('unknown var.l[*].id');
    const looped = evaluateTemplate('%{for p in var.l}${p}${local.o.id}%{endfor}', scope) as Unknown;
    expect(looped.references).toContain('var.l');
    const computed = looped.parts?.[looped.parts.length - 1] as Unknown;
    expect((computed.parts?.[1] as Unknown).parts).toContain('O');
    const chosen = evaluateTemplate('%{if var.b}${local.o.id}%{else}x%{endif}', scope) as Unknown;
    expect(chosen.choices).toBeUndefined();
    expect((chosen.parts?.[chosen.parts.length - 1] as Unknown).choices).toEqual(['O', 'x']);
  });

  test('a path into an item known only later keeps the path it reads (each.value.id), the references as before', () => {
    const over = withIterator(NO_LOCALS, 'each', iterationOver(new Unknown('var.m', ['var.m']), 'each'));
    const value = evaluateTemplate('${each.value.id}', over) as Unknown;
    expect([value.expression, value.references]).toEqual(['each.value.id', ['var.m']]);
  });

  test('a splat over the iterator object is a list of what each item reads', () => {
    const several = withIterator(NO_LOCALS, 'each', iterationOver({ a: 'A', b: new Unknown('data.x.y.id', ['data.x.y.id']) }, 'each'));
    const value = evaluateTemplate('${each[*].value[0]}', several) as Value[];
    expect((value[0] as Unknown).references).toContain('data.x.y.id');
  });
});

// 34th run, A34a-1: a full splat applies the rest of the traversal to each item, further splats included (hashicorp/hcl hclsyntax
// parser.go parseExpressionTraversals; `terraform console`: [{ inner = [{ id = "A" }] }][*].inner[*].id is [["A"]]). The evaluator stopped
// the first splat's steps at the next `[*]` and took `.id` of the inner lists: nothing was computed, the administrator's ID no part.
describe('34th run, A34a-1: nested splats over known values', () => {
  const raw: { [name: string]: Value } = {
    nest: [{ inner: [{ id: 'A' }, { id: 'B' }] }, { inner: [{ id: 'C' }] }],
    deep: [{ x: [{ y: [{ id: 'D' }] }] }],
    holes: [{ inner: null }, { inner: { id: 'O' } }],
    obj: { inner: { id: 'O' } },
    mixed: [{ a: [{ b: 'B1' }, { b: 'B2' }] }],
    later: [{ inner: new Unknown('var.l', ['var.l']) }],
  };
  const scope: Scope = { local: (name) => raw[name] };
  test.each<[string, Value]>([
    ['${local.nest[*].inner[*].id}', [['A', 'B'], ['C']]],
    ['${local.nest[ * ].inner[ * ].id}', [['A', 'B'], ['C']]],
    ['${local.nest[*].inner[*]["id"]}', [['A', 'B'], ['C']]],
    ['${local.nest[*].inner[*]}', [[{ id: 'A' }, { id: 'B' }], [{ id: 'C' }]]],
    ['${local.deep[*].x[*].y[*].id}', [[['D']]]],
    ['${local.holes[*].inner[*].id}', [[], ['O']]],
    ['${local.obj[*].inner[*].id}', [['O']]],
    ['${local.nest[*].inner.*.id}', [['A', 'B'], ['C']]],
    ['${local.mixed[*].a.*.b}', [['B1', 'B2']]],
    ['${local.nest[*].inner.*.id[0]}', ['A', 'C']],
    ['${local.nest[*].inner[0].id}', ['A', 'C']],
    ['${local.nest.*.inner[*]}', [[{ id: 'A' }, { id: 'B' }], [{ id: 'C' }]]],
    ['${local.nest[*].inner[*].id[*]}', [[['A'], ['B']], [['C']]]],
    ['${join(",", local.nest[*].inner[0].id)}', 'A,C'],
    // flatten, which a nested splat's list of lists is read through (go-cty FlattenFunc: lists at any depth, an object's kept).
    ['${flatten(local.nest[*].inner[*].id)}', ['A', 'B', 'C']],
    ['${flatten(local.deep[*].x[*].y[*].id)}', ['D']],
    ['${flatten([["a", ["b"]], [], "c", [{ x = ["y"] }]])}', ['a', 'b', 'c', { x: ['y'] }]],
    ['${concat(["x"], flatten(local.holes[*].inner[*].id))}', ['x', 'O']],
  ])('%s is %j', (text, expected) => {
    expect(evaluateTemplate(text, scope)).toEqual(expected);
  });

  test.each([
    // HCL refuses a splat after a legacy one ("Nested splat expression not allowed"): read by its references, as any text it refuses.
    '${local.nest.*.inner.*.id}',
    '${local.nest[*].inner.*.x.*.id}',
    // `.id` of a string: Terraform refuses it.
    '${local.nest[*].inner[*].id.x}',
    // Over a value known only later, at any depth: read by its references, as before.
    '${local.later[*].inner[*].id}',
    '${var.l[*].inner[*].id}',
    // flatten over an item it does not read (null, a value known only later) or no list.
    '${flatten([null, ["a"]])}',
    '${flatten([var.l, ["a"]])}',
    '${flatten("a")}',
  ])('%s is known only later', (text) => {
    expect(evaluateTemplate(text, scope)).toEqual(expect.any(Unknown));
  });

  test('a text of many nested splats is known only later, not a stack overflow', () => {
    expect(evaluateTemplate(`\${local.nest${'[*]'.repeat(5000)}}`, scope)).toEqual(expect.any(Unknown));
  });
});

// 35th run, A35b-2: a legacy splat takes attributes and legacy indexes (`.0`) only, an index after them applies to the list it makes
// (hashicorp/hcl hclsyntax/spec.md "Splat Operators": `tuple.*.foo.bar[0]` is `[for v in tuple: v.foo.bar][0]`, `tuple[*].foo.bar[0]`
// is `[for v in tuple: v.foo.bar[0]]`; parser.go parseExpressionTraversals). One reading of a splat's extent (traversal-text.ts
// splatStepsEnd) serves the evaluator and the rewrite of a block's splat (instance-references.ts).
describe('35th run, A35b-2: the steps a splat applies to each item', () => {
  const raw: { [name: string]: Value } = { q: [{ n: ['a', 'b'], o: { id: 'A' } }, { n: ['c', 'd'], o: { id: 'C' } }] };
  const scope: Scope = { local: (name) => raw[name] };
  test.each<[string, Value]>([
    ['${local.q.*.n[1]}', ['c', 'd']],
    ['${local.q[*].n[1]}', ['b', 'd']],
    ['${local.q.*.n.1}', ['b', 'd']],
    ['${local.q[*].n.1}', ['b', 'd']],
    ['${local.q.*.n.0[1]}', 'c'],
    ['${local.q.*.o.id[0]}', 'A'],
    ['${local.q.*.o[*].id}', ['A', 'C']],
  ])('%s is %j', (text, expected) => {
    expect(evaluateTemplate(text, scope)).toEqual(expected);
  });

  // `.0.1` is a fraction HCL refuses ("Invalid legacy index syntax").
  test.each(['${local.q.*.n.0.1}', '${local.q[*].n.0.1}'])('%s is known only later', (text) => {
    expect(evaluateTemplate(text, scope)).toEqual(expect.any(Unknown));
  });

  test.each<[string, boolean, string]>([
    ['.fqdn[0]}', false, '.fqdn'],
    ['.fqdn[0]}', true, '.fqdn[0]'],
    ['.identity.0.principal_id[1]}', false, '.identity.0.principal_id'],
    ['.a[*].b}', false, '.a'],
    ['.a.*.b}', false, '.a'],
    ['.a[*].b[var.i["]"]].c)', true, '.a[*].b[var.i["]"]].c'],
    ['.a.*.b[0] == x', true, '.a.*.b[0]'],
    ['.a.0.1}', false, '.a'],
    ['[0}', true, ''],
  ])('splatStepsEnd(%j, full %s) takes %j', (text, full, steps) => {
    const end = splatStepsEnd(text, 0, full);
    expect(end === undefined ? '' : text.slice(0, end)).toBe(steps);
  });
});
