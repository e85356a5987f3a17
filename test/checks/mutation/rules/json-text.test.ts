// JSON text read as what it spells (json-text.ts): literal JSON, a template whose strings are interpolations (each read as itself),
// strings that mix text and an interpolation (their own template), and what is not read. Whole values asserted.
import { evaluateTemplate, isJoinedTemplate, isUnknown, NO_LOCALS, Value } from '../../../../lib/checks/hcl-expression';
import { jsonSpelled } from '../../../../lib/checks/json-text';

/** The value with each value known only later written as its text. */
const shown = (value: Value | undefined): unknown => JSON.parse(JSON.stringify(value) ?? 'null');
const template = (text: string) => evaluateTemplate(text, NO_LOCALS);

describe('jsonSpelled', () => {
  test.each<[string, Value, unknown]>([
    ['a literal object', '{"a":"x","b":[1,true,null]}', { a: 'x', b: [1, true, null] }],
    ['a literal list', '["x"]', ['x']],
    ['a key written twice: the last', '{"a":"x","a":"y"}', { a: 'y' }],
    ['an interpolation standing alone', template('{"a":"${var.x}","b":"y"}'), { a: '${var.x}', b: 'y' }],
    ['two, in a list', template('["${var.x}","${var.y}"]'), ['${var.x}', '${var.y}']],
    ['nested', template('{"a":{"b":["${var.x}"]}}'), { a: { b: ['${var.x}'] } }],
    ['a constant part', template('{"a":"${1 + 1}","b":"${var.x}"}'), { a: '2', b: '${var.x}' }],
    ['a number part', template('{"a":${1 + 1},"b":"${var.x}"}'), { a: 2, b: '${var.x}' }],
    ['a bool part', template('{"a":${true},"b":"${var.x}"}'), { a: true, b: '${var.x}' }],
  ])('%s', (_, value, expected) => {
    expect(shown(jsonSpelled(value))).toEqual(expected);
  });
  test('an interpolation read as itself is the value the template read', () => {
    const read = jsonSpelled(template('{"a":"${random_password.p.result}"}')) as { a: Value };
    expect(isUnknown(read.a) && read.a.isPlainReference && read.a.references).toEqual(['random_password.p.result']);
  });
  // Adversarial run of stop 81: the string's own template, its pieces in place (a connection URL cdktf writes inside JSON.stringify).
  test('a string that mixes text and an interpolation is its own template', () => {
    const read = (jsonSpelled(template('{"a":"pre-${var.x}-post","b":"y"}')) as { a: Value }).a;
    expect(isUnknown(read) && [read.expression, read.references, isJoinedTemplate(read) && shown(read.parts as Value)]).toEqual(['pre-${var.x}-post', ['var.x'], ['pre-', '${var.x}', '-post']]);
  });
  test.each<[string, Value]>([
    ['text', 'password'],
    ['a JSON string', '"x"'],
    ['a JSON number', '5'],
    ['null', 'null'],
    ['a number', 5],
    ['an object', { a: 'x' }],
    ['a plain reference', template('${var.x}')],
    ['an interpolation outside a string', template('{"a":${var.x}}')],
    ['an interpolation in a key', template('{"${var.k}":"x"}')],
    ['a template that is no JSON', template('a=${var.x}')],
    ['text holding the mark', template('{"a":"\uE000","b":"${var.x}"}')],
    // 58th run (A58b-10): JSON.parse spells the mark from its escape, in either case.
    ['text holding the mark\'s escape', template('{"password":"\\ue0000\\ue000","user":"${var.x}"}')],
    ['text holding it in capitals', template('{"password":"\\uE0000\\uE000","user":"${var.x}"}')],
    ['a directive', template('{"a":"%{ if var.c }x%{ endif }"}')],
    ['a call', template('${format("{\\"a\\":\\"%s\\"}", var.x)}')],
  ])('%s is not read', (_, value) => {
    expect(jsonSpelled(value)).toBeUndefined();
  });
});
