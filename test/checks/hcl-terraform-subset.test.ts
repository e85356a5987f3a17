import { evaluateJson, evaluateTemplate, isUnknown, NO_LOCALS, referencesIn, Scope, Unknown, Value } from '../../lib/checks/hcl-expression';

// The evaluator reads only a subset whose result is exactly Terraform's (third adversarial review,
// A3-1; Terraform's values checked with terraform console 1.11). Each row is either unknown (never
// judged as a constant, so a security setting made of it fails as unjudgeable) or Terraform's value.

/** What a value reads as: the value itself, or "unknown". */
function read(text: string): unknown {
  const value = evaluateTemplate(text, NO_LOCALS);
  return isUnknown(value) ? 'unknown' : value;
}

test.each<[string, string]>([
  ['objects compared (Terraform ignores key order)', '${{a=1,b=2} == {b=2,a=1} ? "off" : "on"}'],
  ['lists compared', '${[1] != [1] ? "off" : "on"}'],
  ['strings outside ASCII compared (Terraform compares NFC forms)', '${"\\u00e9" == "e\\u0301" ? "off" : "on"}'],
  ['integers beyond 2^53 (Terraform is exact)', '${9007199254740993 != 9007199254740992 ? "off" : "on"}'],
  ['numbers beyond a double', '${1e400 != 1e401 ? "off" : "on"}'],
  ['decimal arithmetic printed', '${tostring(0.1+0.2) == "0.3" ? "off" : "on"}'],
  ['a sum beyond 2^53', '${9007199254740991 + 2 == 9007199254740992 ? "on" : "off"}'],
  ['a quotient that is not whole', '${7 / 2 == 3.5 ? "on" : "off"}'],
  ['a remainder of a negative number', '${-7 % 3 == -1 ? "on" : "off"}'],
  ['upper() outside ASCII (Go maps rune by rune)', '${upper("\\ufb00") == "FF" ? "on" : "off"}'],
  ['lower() outside ASCII', '${lower("\\u0130")}'],
  ['trimspace() of U+FEFF (Go keeps it)', '${trimspace("\\ufeffx") == "x" ? "on" : "off"}'],
  ['replace() with an empty search string', '${replace("a", "", "b")}'],
  ['split() outside ASCII', '${split("", "\\u00e9")[0]}'],
  ['a decimal literal not exactly a double', '${1.00000000000000001 == 1 ? "on" : "off"}'],
  ['a conditional of a number and a bool', '${(true ? 1 : false) == 1 ? "on" : "off"}'],
  ['a conditional of two lists', '${(true ? [1] : ["a"])[0] == 1 ? "on" : "off"}'],
  ['a conditional whose other branch is known only later', '${(true ? true : var.x) == true ? "on" : "off"}'],
  ['element() with a negative index', '${element(["on", "off"], -1)}'],
  ['element() of items of two types', '${element([1, "a"], 0) == 1 ? "on" : "off"}'],
  ['concat() of items of two types', '${concat([1], ["a"])[0] == 1 ? "on" : "off"}'],
  ['an object key written twice', '${{a = "on", a = "off"}.a}'],
])('%s is unknown', (_name, text) => {
  expect(read(text)).toBe('unknown');
});

test.each<[string, string, Value]>([
  ['a conditional unifies a number and a string to strings', '${(true ? 1 : "a") == 1 ? "on" : "off"}', 'off'],
  ['coalesce unifies its arguments to strings', '${coalesce(1, "x") == 1 ? "on" : "off"}', 'off'],
  ['coalesce returns the string of the first', '${coalesce(1, "x")}', '1'],
  ['a conditional of a bool and a string', '${false ? "x" : true}', 'true'],
  ['a chosen string beside a branch known only later', '${false ? var.x : "off"}', 'off'],
  ['a string is NFC-normalized', '${"e\\u0301"}', '\u00e9'],
  ['text is NFC-normalized', 'e\u0301', '\u00e9'],
  ['a decimal literal that is exactly a double', '${7.50}', 7.5],
  ['a whole quotient', '${6 / 3}', 2],
  ['the largest safe integer', '${9007199254740990 + 1}', 9007199254740991],
  ['scalars of two types differ', '${1 == "1"}', false],
  ['ASCII case mapping', '${lower("OFF")}', 'off'],
])('%s: %s is %p, as Terraform evaluates it', (_name, text, expected) => {
  expect(evaluateTemplate(text, NO_LOCALS)).toEqual(expected);
});

test('JSON text outside ASCII is NFC-normalized, as HCL reads it', () => {
  expect(evaluateJson({ a: ['e\u0301'] }, NO_LOCALS)).toEqual({ a: ['\u00e9'] });
});

// Twelfth review, A12b-1: white space as HCL reads it (oracle: terraform console 1.11 on a .tf.json
// local). A strip marker trims Go's unicode.IsSpace (U+0085 yes, U+FEFF no) from the literal token
// beside it: in a JSON string a token ends after each newline, in a quoted string it runs over
// escapes, which are trimmed decoded. A JSON string's leading U+FEFF is a byte order mark HCL drops.
describe('white space and strip markers as HCL reads them (A12b-1)', () => {
  test.each<[string, Value]>([
    ['\n \n${~"x"}', '\nx'],
    ['\n${~"x"}', 'x'],
    ['y\n${~"x"}', 'yx'],
    ['\r\n \r\n${~"x"}', '\r\nx'],
    ['${"x"~} \n \ny', 'x \ny'],
    ['${"x"~}\r\n y', 'x y'],
    ['${"x"~}\t\n\ty', 'x\ty'],
    ['${"${"x"~}\\n \\ny"}', 'xy'],
    ['${"\\n \\n${~"x"}"}', 'x'],
    ['${"${"x"~}\\t"}', 'x'],
    ['${"${"x"~}\\t" == "x" ? 1 : 0}', 1],
    ['${"x"~}\\t', 'x\\t'],
    ['\u0085${~"x"}', 'x'],
    ['${"x"~}\u0085y', 'xy'],
    ['\u00a0${~"x"}', 'x'],
    ['${"x"}\u2000\u3000${~"y"}', 'xy'],
    ['a\u2028b \u2028 ${~"x"}', 'a\u2028bx'],
    ['${"x"}\u0085', 'x\u0085'],
    ['a\ufeff${~"x"}', 'a\ufeffx'],
    ['${"x"~}\ufeffy', 'x\ufeffy'],
    ['${"\ufeff${~"a"}"}', '\ufeffa'],
    ['\ufeff${~"x"}', 'x'],
    ['\ufeffx', 'x'],
    ['\ufeffa${"x"}', 'ax'],
    ['${"x"\n== "x"}', true],
    ['${"x"\r\n== "x"}', true],
    // A literal trimmed to nothing is still a literal: the template is text, not the interpolation's own value.
    [' ${~true}', 'true'],
    ['${1~}\n', '1'],
    ['${" ${~1}" == 1 ? "on" : "off"}', 'off'],
    ['${"${1~} " == 1 ? "on" : "off"}', 'off'],
    ['${"${1}" == 1 ? "on" : "off"}', 'on'],
    ['\ufeff${true}', true],
  ])('%j is %j', (text, expected) => {
    expect(evaluateTemplate(text, NO_LOCALS)).toEqual(expected);
  });

  test('a reference beside a literal trimmed to nothing is still the reference', () => {
    const value = evaluateTemplate(' ${~azurerm_x.y.id}', NO_LOCALS);
    expect(isUnknown(value) && value.isPlainReference).toBe(true);
  });

  test.each<[string, string]>([
    // HCL refuses characters between tokens other than space, tab and newline.
    ['a no-break space in an expression', '${"a"\u00a0== "a" ? "on" : "off"}'],
    ['a vertical tab in an expression', '${"a"\u000b== "a" ? "on" : "off"}'],
    ['a U+FEFF in an expression', '${"a"\ufeff== "a" ? "on" : "off"}'],
    ['a carriage return alone in an expression', '${"a"\r== "a" ? "on" : "off"}'],
    // Terraform: 1 (U+FEFF kept); == reads ASCII only.
    ['a U+FEFF kept before a strip marker, compared', '${"\ufeff${~"a"}" == "a" ? 0 : 1}'],
    // A carriage return alone stops HCL's scanner: Terraform keeps such a JSON string as written.
    ['a carriage return alone in a template', 'a\rb${"x"}'],
  ])('%s is unknown', (_name, text) => {
    expect(read(text)).toBe('unknown');
  });
});

// Twelfth review, A12b-2: HCL's JSON syntax reads the property names of an object used as an
// expression as templates (oracle: terraform console 1.11, {"${1}": 2} is {"1" = 2}); a name not
// known, not a string, number or bool, or given twice (Terraform refuses it) makes the object unknown.
describe('object keys of JSON expressions are templates (A12b-2)', () => {
  const scope: Scope = { local: (name) => (name === 'key' ? 'tls' : name === 'later' ? new Unknown('var.k', ['var.k']) : undefined) };

  test('keys are evaluated: interpolations, locals, escapes, numbers and bools, NFC', () => {
    expect(evaluateJson({ '${"k"}': 1, '${1}': 2, '${true}': 3, '$${x}': 4, 'e\u0301': 5, '${local.key}': 'off' }, scope))
      .toEqual({ 'k': 1, '1': 2, 'true': 3, '${x}': 4, '\u00e9': 5, 'tls': 'off' });
    expect(evaluateJson({ nested: [{ '${"a"}': { '${"b"}': 'c' } }] }, scope)).toEqual({ nested: [{ a: { b: 'c' } }] });
  });

  test.each<[string, object, string[]]>([
    ['a key known only later', { '${var.k}': 'off', 'other': '${var.x}' }, ['var.k', 'var.x']],
    ['a key of a local known only later', { '${local.later}': 'off' }, ['var.k']],
    ['two keys of one value', { '${"tls"}': 'off', 'tls': 'on' }, []],
    ['a key and a local of one value', { '${local.key}': 'off', '${"tls"}': 'on' }, []],
    ['a null key', { '${null}': 'off' }, []],
    ['a list key', { '${["a"]}': 'off' }, []],
  ])('%s makes the object unknown', (_name, object, references) => {
    const value = evaluateJson({ m: object }, scope) as { m: Value };
    expect(isUnknown(value.m)).toBe(true);
    expect([...(value.m as Unknown).references].sort()).toEqual(references);
  });
});

// Twelfth review, audit of A12b-1's class: HCL's names are Unicode (ID_Start or "_", then ID_Continue
// or "-"); Terraform reads local.é (oracle: terraform console 1.11, terraform validate of terraform_data.ñ).
describe('names outside ASCII are names, as HCL scans them', () => {
  const scope: Scope = { local: (name) => (name === 'é' ? 'off' : name === 'pé' ? new Unknown('random_password.p.result', ['random_password.p.result']) : undefined) };

  test.each<[string, unknown]>([
    ['${local.é}', 'off'],
    ['${local.é == "off" ? 1 : 0}', 1],
    ['${local.pé}', 'unknown random_password.p.result'],
    ['x${local.pé}', 'unknown random_password.p.result'],
    ['${terraform_data.ñ.input}', 'unknown terraform_data.ñ.input'],
    ['${lower(var.ñ-1)}', 'unknown var.ñ-1'],
    ['${lower(var.\ud835\udc00)}', 'unknown var.\ud835\udc00'],
  ])('%s', (text, expected) => {
    const value = evaluateTemplate(text, scope);
    expect(isUnknown(value) ? `unknown ${value.references.join(' ')}` : value).toEqual(expected);
  });

  test('referencesIn finds them where the parser does not read the expression', () => {
    expect(referencesIn('${[for x in var.é : x][0]} ${data.ñ.b.c}')).toEqual(['var.é', 'data.ñ.b.c']);
  });
});

// Twelfth review, audit of A12b-1's class: Terraform reads a JSON string's lone surrogate as U+FFFD
// (oracle: terraform console 1.11, "x\ud800y" is "x\ufffdy"), so two keys that differ only there are one.
describe('lone surrogates are U+FFFD, as Terraform decodes them', () => {
  test.each<[unknown, unknown]>([
    ['x\ud800y', 'x\ufffdy'],
    ['${"x\udc00"}', 'x\ufffd'],
    ['x\ud800${"y"}', 'x\ufffdy'],
    ['\ud835\udc00', '\ud835\udc00'],
    [{ 'k\ud800': 1 }, { 'k\ufffd': 1 }],
  ])('%j is %j', (written, expected) => {
    expect(evaluateJson(written, NO_LOCALS)).toEqual(expected);
  });

  test('two keys that differ only in a lone surrogate make the object unknown', () => {
    expect(isUnknown(evaluateJson({ 'k\ud800': 'on', 'k\udfff': 'off' }, NO_LOCALS))).toBe(true);
  });
});
